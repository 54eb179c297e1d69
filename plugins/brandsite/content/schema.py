"""JSON Schema for brand.yml and case front matter: the one source of truth.

The checker validates with it (through jsonschema) and editors get the same
file, written to `schema/brand.schema.json`, so VS Code checks brand.yml as
they type. Each property carries a Chinese `title` (used in messages) and an
`examples` entry (used in the fix we suggest).
"""

from __future__ import annotations

import datetime

from .model import DEFAULT_CATEGORIES, NAMED_STAGES, STAGES, VISIBILITIES
from .names import CLUSTER_MAX, SLUG_MAX

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
FIRST_YEAR = 1921  # the founding of the Party: no brand is older
YEAR_MAX = 2100
# A metric is a count or a share; a trillion is beyond any, and sums of them stay exact and finite.
METRIC_MAX = 10**12
NAME_MIN, NAME_MAX = 2, 20
# Upper bounds of the short texts that cards, headers and lists show whole: far above what
# editors write (the longest organisation names run to about 30 characters), low enough
# that a mistake (a pasted paragraph) cannot make a card thousands of pixels tall.
SHORT, LINE, SENTENCE = 40, 60, 200
CONNOTATION_MIN = 60


def _str(title: str, example, **extra) -> dict:
    return {"type": "string", "title": title, "examples": [example], **extra}


def _date(title: str, example: str) -> dict:
    return _str(title, example, pattern=DATE_PATTERN, description="日期，格式 YYYY-MM-DD")


def _year(title: str, example: int) -> dict:
    return {"type": "integer", "title": title, "examples": [example], "minimum": FIRST_YEAR, "maximum": YEAR_MAX}


def brand_schema(categories: tuple[str, ...] | list[str] = DEFAULT_CATEGORIES) -> dict:
    carrier = {
        "type": "object",
        "title": "载体",
        "examples": [{"name": "党员示范岗", "description": "……"}],
        "required": ["name"],
        "additionalProperties": False,
        "properties": {
            "name": _str("载体名称", "党员示范岗", minLength=1, maxLength=SHORT),
            "description": _str("载体说明", "在服务窗口设立党员示范岗，亮身份、亮承诺。"),
        },
    }
    metric = {
        "type": "object",
        "title": "成效数据",
        "examples": [{"label": "为群众解决难题", "value": 230, "unit": "件", "year": 2023}],
        "required": ["label", "value"],
        "additionalProperties": False,
        "properties": {
            "label": _str("指标名称", "为群众解决难题", minLength=1, maxLength=SHORT),
            "value": {"type": "number", "title": "数值", "examples": [230], "minimum": -METRIC_MAX, "maximum": METRIC_MAX},
            "unit": _str("单位", "件", maxLength=SHORT),
            "year": _year("统计年份", 2023),
        },
    }
    event = {
        "type": "object",
        "title": "创建档案条目",
        "examples": [{"date": "2020-03-01", "event": "召开党员大会，确定品牌名称"}],
        "required": ["date", "event"],
        "additionalProperties": False,
        "properties": {
            "date": _date("日期", "2020-03-01"),
            "event": _str("事件", "召开党员大会，确定品牌名称", minLength=1, maxLength=SENTENCE),
        },
    }
    goal = {
        "type": "object",
        "title": "年度深化目标",
        "examples": [{"year": 2024, "items": "[推出线上服务站]"}],
        "required": ["year", "items"],
        "additionalProperties": False,
        "properties": {
            "year": _year("年份", 2024),
            "items": {
                "type": "array",
                "title": "目标条目",
                "minItems": 1,
                "items": _str("目标", "推出线上服务站", minLength=1, maxLength=SENTENCE),
                "examples": [["推出线上服务站"]],
            },
        },
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",  # what VS Code YAML supports best
        "$id": "brand.schema.json",
        "title": "党建品牌 brand.yml",
        "type": "object",
        "required": ["name", "organization", "category", "stage", "established", "logo", "connotation", "carriers"],
        "additionalProperties": False,
        "properties": {
            "name": _str("品牌名称", "连心桥", minLength=NAME_MIN, maxLength=NAME_MAX),
            "slogan": _str("品牌口号", "连民心 解民忧", maxLength=SHORT),
            "organization": _str("所属党组织", "某某区税务局机关党委", minLength=1, maxLength=LINE),
            "category": {"type": "string", "title": "类别", "enum": list(categories), "examples": [categories[0]]},
            "region": _str("地区", "某某区", maxLength=SHORT),
            "stage": {"type": "string", "title": "所处阶段", "enum": list(STAGES), "examples": ["培育"]},
            "established": _year("创建年份", 2020),
            "named": {
                "type": "object",
                "title": "命名信息",
                "required": ["date", "document"],
                "additionalProperties": False,
                "properties": {
                    "date": _date("命名日期", "2021-12-20"),
                    "document": _str("命名文件", "某直工委〔2021〕12号", minLength=1, maxLength=LINE),
                },
                "examples": [{"date": "2021-12-20", "document": "某直工委〔2021〕12号"}],
            },
            "logo": _str("品牌标识文件", "logo.svg", minLength=1),
            "connotation": _str("理念内涵", "“连心桥”寓意……", minLength=CONNOTATION_MIN),
            "carriers": {"type": "array", "title": "载体", "minItems": 1, "items": carrier,
                         "examples": [[{"name": "党员示范岗", "description": "……"}]]},
            "metrics": {"type": "array", "title": "成效数据", "items": metric},
            "timeline": {"type": "array", "title": "创建档案", "items": event},
            "goals": {"type": "array", "title": "年度深化目标", "items": goal},
            "partners": {"type": "array", "title": "共建对子",
                         "items": _str("品牌文件夹名", "hong-qiao", pattern=SLUG_PATTERN, maxLength=SLUG_MAX),
                         "examples": [["hong-qiao"]]},
            "reviewed_similar": {"type": "array", "title": "已审核的相似品牌",
                                 "description": "审核人确认与本品牌不是重复的品牌（文件夹名）：相似提醒不再使构建失败",
                                 "items": _str("品牌文件夹名", "hong-qiao", pattern=SLUG_PATTERN, maxLength=SLUG_MAX),
                                 "examples": [["hong-qiao"]]},
            "cluster": _str("品牌集群", "红色引擎", maxLength=CLUSTER_MAX),
            "tags": {"type": "array", "title": "标签", "items": _str("标签", "营商环境", minLength=1, maxLength=SHORT), "examples": [["营商环境"]]},
            "featured": {"type": "boolean", "title": "首页推荐展示", "examples": [True]},
            "visibility": {"type": "string", "title": "公开范围", "enum": list(VISIBILITIES), "examples": ["public"]},
            "contact": {
                "type": "object",
                "title": "联系人（不公开）",
                "additionalProperties": False,
                "properties": {"name": _str("联系人", "张某"), "phone": _str("电话", "0000-0000000")},
            },
        },
        # Editors see this rule as they type; the checker words it better
        # (see messages.py), but both come from here.
        "allOf": [
            {
                "if": {"properties": {"stage": {"enum": list(NAMED_STAGES)}}, "required": ["stage"]},
                "then": {"required": ["named"]},
            }
        ],
    }


def case_schema() -> dict:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",  # what VS Code YAML supports best
        "$id": "case.schema.json",
        "title": "典型案例 front matter",
        "type": "object",
        "required": ["title", "date"],
        "additionalProperties": False,
        "properties": {
            "title": _str("案例标题", "一张清单解决企业退税难题", minLength=1, maxLength=LINE),
            "date": _date("日期", "2023-06-18"),
            "summary": _str("摘要", "党员示范岗三天办结……", maxLength=SENTENCE),
            "photos": {"type": "array", "title": "照片", "items": _str("照片路径", "../photos/desk.jpg", minLength=1),
                       "examples": [["../photos/desk.jpg"]]},
            "visibility": {"type": "string", "title": "公开范围", "enum": list(VISIBILITIES), "examples": ["public"]},
            # Written by the web editor (/admin/), which saves a case under the brand chosen in it.
            "brand": _str("所属品牌", "hong-qiao", pattern=SLUG_PATTERN, maxLength=SLUG_MAX,
                          description="案例所在的品牌文件夹名（网页编辑器会写入）；手写案例可以不写"),
        },
    }


def write(folder, categories=DEFAULT_CATEGORIES) -> list:
    """Write brand.schema.json and case.schema.json for editors; return the paths."""
    import json
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in (("brand.schema.json", brand_schema(categories)), ("case.schema.json", case_schema())):
        path = folder / name
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


def current_year() -> int:
    return datetime.date.today().year
