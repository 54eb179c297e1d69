"""`brandsite new`: a brand folder that passes the check from the start. No MkDocs imports."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml

from .content import names, similarity
from .content.imagefiles import PLACEHOLDER_MARK
from .content.schema import SLUG_PATTERN
from .content.schema_errors import near_choice
from .content.yamlsafe import YamlProblem, load
from .errors import BrandsiteError


PLACEHOLDER_LOGO = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" data-{PLACEHOLDER_MARK}="请替换">
  <circle cx="100" cy="100" r="92" fill="#fbf3dc" stroke="#b71c1c" stroke-width="8"/>
  <circle cx="100" cy="100" r="70" fill="none" stroke="#c9a227" stroke-width="4" stroke-dasharray="8 6"/>
  <path d="M100 52 L112 88 L150 88 L119 110 L131 146 L100 124 L69 146 L81 110 L50 88 L88 88 Z" fill="#b71c1c"/>
</svg>
"""

BRAND_YML = """# yaml-language-server: $schema=../../schema/brand.schema.json
# 品牌资料。字段说明见 docs/guide/fields.md；写好后运行 make check 检查（没有 make 时：python3 start.py check，Windows 上 py start.py check）。
name: {name}
# slogan: 连民心 解民忧
organization: 请填写所属党组织，例如某某区某某局机关党委
category: {category}
# region: 某某区
stage: 培育                      # 申报 | 培育 | 命名 | 示范
established: {year}
# named:                         # 阶段为 命名 或 示范 时必填
#   date: {year}-12-20
#   document: 某直工委〔{year}〕12号
logo: logo.svg                   # 请换成本品牌的标识（SVG、PNG、JPG 或 WebP）
connotation: |
  请在这里写品牌的理念内涵：品牌名称的寓意是什么，体现了怎样的工作理念，
  又如何与本单位的中心工作和服务群众结合起来。至少写 60 个字，写得越具体越好。
carriers:
  - name: 党员示范岗
    description: 请写这个载体是什么、怎样开展、多久开展一次。
# metrics:
#   - {{label: 为群众解决难题, value: 120, unit: 件, year: {year}}}
# timeline:
#   - {{date: {year}-03-01, event: 召开党员大会，确定品牌名称}}
# goals:
#   - year: {year}
#     items: [完善品牌标识和宣传阵地]
# partners: [另一个品牌的文件夹名]
# cluster: 红色引擎
# tags: [服务窗口]
# featured: true
# visibility: internal           # 只在内网显示时填写
# contact:                       # 联系人不会出现在公开网站上
#   name: 张某
#   phone: 0000-0000000
"""

CASE_MD = """---
title: 请填写案例标题
date: {today}
summary: 一句话概括这个案例。
# photos: [../photos/example.jpg]
---
请用几段话讲清楚这个案例：遇到了什么问题，党员们做了什么，取得了什么效果（最好有数字）。
"""


class ScaffoldError(BrandsiteError):
    """A new brand folder that cannot be made as asked."""


def new_brand(brands_dir: Path, slug: str, name: str, category: str, categories) -> Path:
    if not re.fullmatch(SLUG_PATTERN, slug):
        from .content.slugs import suggested_slug

        example = suggested_slug(slug) or suggested_slug(name) or "hong-qiao"
        raise ScaffoldError(f"“{slug}”不能用作品牌文件夹名。只能用小写字母、数字和连字符，例如 {example}")
    why = names.slug_problem(slug, "文件夹名")
    if why:
        raise ScaffoldError(why)
    name = name.strip()
    if not 2 <= len(name) <= 20:
        fix = ("。名称只写品牌本身（例如“连心桥”），单位全称和口号建好后分别写在 brand.yml 的 organization 和 slogan 里"
               if len(name) > 20 else "")
        raise ScaffoldError(f"品牌名称应为 2–20 个字，“{name}”是 {len(name)} 个字{fix}")
    hidden = names.invisible(name)
    if hidden:
        raise ScaffoldError(f"品牌名称里有不可见的字符（{names.describe(hidden)}）。请删去它，重新输入名称")
    if category not in categories:
        near = near_choice(category, list(categories))
        guess = f"您是不是想写 {near}？" if near else ""
        raise ScaffoldError(f"类别“{category}”不在本站的类别列表中。{guess}可选：{'、'.join(categories)}")
    folder = brands_dir / slug
    if folder.exists():
        raise ScaffoldError(f"{folder.as_posix()} 已经存在。请换一个文件夹名，或直接编辑已有的品牌")
    taken = _named(brands_dir, name)
    if taken:
        yml, shown = taken
        same = " " if shown == name else f" 的“{shown}”（只差繁体简体、全角半角、大小写、空格或标点，检查会当成同一个名称）"
        raise ScaffoldError(f"品牌名称“{name}”已被 {yml.as_posix()}{same}使用。全站的品牌名称不能重复，请换一个名称")
    today = datetime.date.today()
    (folder / "cases").mkdir(parents=True)
    (folder / "photos").mkdir()
    (folder / "photos" / ".gitkeep").write_text("", encoding="utf-8")
    text = BRAND_YML.format(name=_scalar(name), category=_scalar(category), year=today.year)
    (folder / "brand.yml").write_text(text, encoding="utf-8")
    (folder / "logo.svg").write_text(PLACEHOLDER_LOGO, encoding="utf-8")
    (folder / "cases" / "example.md").write_text(CASE_MD.format(today=today.isoformat()), encoding="utf-8")
    return folder


def _named(brands_dir: Path, name: str) -> tuple[Path, str] | None:
    """The brand.yml that already uses `name`, and its name, if any: compared as the check compares
    names, and as its near-duplicate warning does (銀齡驛站 for 银龄驿站 passed here, then the
    check's warning stopped the build)."""
    wanted, folded = names.key(name), similarity.normalise(name)
    for yml in sorted(brands_dir.glob("*/brand.yml")) if brands_dir.is_dir() else []:
        try:
            data = load(yml.read_text(encoding="utf-8-sig"))[0]
        except (OSError, UnicodeDecodeError, YamlProblem):
            continue
        other = data.get("name") if isinstance(data, dict) else None
        if isinstance(other, str) and (names.key(other) == wanted or similarity.normalise(other) == folded):
            return yml, other.strip()
    return None


def _scalar(text: str) -> str:
    """`text` as it stands after "name: ": as typed when YAML reads it back unchanged, else quoted."""
    try:
        if yaml.safe_load(f"v: {text}") == {"v": text}:
            return text
    except yaml.YAMLError:
        pass
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
