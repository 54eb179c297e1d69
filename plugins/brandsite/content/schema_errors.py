"""jsonschema's errors over brand.yml and case front matter, in plain Chinese at their YAML line.

No MkDocs imports. The schemas themselves are in schema.py.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import jsonschema

from . import schema
from .model import Problem
from .outdented import empty_parent, outdented, outdented_message
from .yamlwords import list_parts
from .written_dates import date_fix
from .yamlsafe import line_of

TYPE_NAMES = {
    "string": "文本",
    "integer": "整数",
    "number": "数字",
    "boolean": " true 或 false",
    "array": "列表（每项以“- ”开头）",
    "object": "带字段名的写法（字段: 值）",
}


@lru_cache(maxsize=8)
def _validator(categories: tuple[str, ...]):
    return jsonschema.Draft7Validator(schema.brand_schema(categories))


@lru_cache(maxsize=1)
def _case_validator():
    return jsonschema.Draft7Validator(schema.case_schema())


def validators(categories: tuple[str, ...]):
    """The brand.yml and case front-matter validators for `rules.check_source`."""
    return _validator(tuple(categories)), _case_validator()


# Fields of text (not names of folders, clusters or files): a text over its length goes to the prose.
_TEXTS = frozenset({"slogan", "organization", "region", "named", "carriers", "metrics", "timeline", "goals", "tags",
                    "title", "summary"})


def schema_problems(data, validator, rel: str, offset: int = 0) -> Iterator[Problem]:
    """Translate jsonschema's errors into Chinese, each at its YAML line."""
    seen = set()
    # Values as written (" internal" is no visibility), and a text of spaces only is as empty as
    # the loader, which strips texts, makes it: the stripped data's minLength errors too.
    errors = list(validator.iter_errors(data))
    errors += [e for e in validator.iter_errors(_stripped(data)) if e.validator == "minLength"
               and not any(o.validator == "minLength" and list(o.absolute_path) == list(e.absolute_path) for o in errors)]
    shallow = outdented(data, validator.schema) if errors else {}
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        for line_path, message in _explain(error, data, shallow):
            # a problem of the whole file (a required field missing) at its first line, as the
            # editor guide says, even when comments come before the first field
            line = (line_of(data, line_path) if line_path else 1) + offset
            if (line, message) not in seen:
                seen.add((line, message))
                yield Problem(rel, line, message)


def _stripped(value):
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return {k: _stripped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stripped(v) for v in value]
    return value


def _field(path) -> str:
    """carriers/1/name -> carriers 第 2 项的 name; named/date -> named 的 date (as the date rules say it)"""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f" 第 {part + 1} 项"
        elif out:
            out += ("的 " if out.endswith("项") else " 的 ") + str(part)
        else:
            out = str(part)
    return out.strip()


def _shown(value) -> str:
    """A value as the editor wrote it on one line, or … for a list, a mapping or a long text."""
    text = _number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
    if not (isinstance(text, str) and "\n" not in text and len(text) <= 30):
        return "…"
    return f"\"{text}\"" if ": " in text or " #" in text or text[:1] in "\"'[{&*!|>%@`" else text  # as YAML reads it back


def _titled(key: str, props: dict) -> list[str]:
    """The one field whose Chinese name (its schema title, less what is in brackets) holds the
    Chinese `key` or is held by it: 口号 → slogan (品牌口号); none when several or none do."""
    if not re.search(r"[\u4e00-\u9fff]", key):
        return []
    found = [name for name, sub in props.items()
             if (title := re.sub(r"（.*?）", "", str(sub.get("title") or ""))) and (key in title or title in key)]
    return found if len(found) == 1 else []


def _label(path, sch: dict) -> str:
    title = sch.get("title")
    name = _field(path)
    if not name:
        return title or "内容"
    return f"{name}（{title}）" if title else name


def _example(key, sch: dict) -> str:
    examples = sch.get("examples")
    if not examples:
        return ""
    value = examples[0]
    if isinstance(value, bool):
        value = "true" if value else "false"
    elif isinstance(value, dict) and isinstance(key, int) and "name" in value:  # a carrier: as the guide writes one
        return f"- name: {value['name']}" + "".join(f"，下一行写 {k}: {v}（与 name 左对齐）" for k, v in value.items() if k != "name")
    elif isinstance(value, dict):
        value = "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value) and isinstance(key, str):
        # a list of entries (carriers): written as the file has it, one field a line
        lines = [f"{key}:"]
        for item in value[:1]:
            for i, (k, v) in enumerate(item.items()):
                lines.append(f"  {'- ' if i == 0 else '  '}{k}: {v}")
        return "\n" + "\n".join(lines)
    elif isinstance(value, list):
        value = "[" + ", ".join(str(v) if not isinstance(v, dict) else "…" for v in value) + "]"
    return f"{key}: {value}" if isinstance(key, str) else str(value)


def _explain(error: jsonschema.ValidationError, data, shallow: dict) -> Iterator[tuple[list, str]]:
    path = list(error.absolute_path)
    sch = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    value = error.instance

    if kind == "required":
        if "allOf" in error.absolute_schema_path:  # the named-stage rule
            stage = data.get("stage") if isinstance(data, dict) else ""
            yield ["stage"], (
                f"阶段为“{stage}”时必须填写 named（命名信息：date 和 document）。例如：\n" + _named_example(data)
            )
            return
        props = sch.get("properties", {})
        unknown = [str(k) for k in value if k not in props] if isinstance(value, dict) else []
        for key in error.validator_value:
            # nme: for name is one slip, told once, as the unknown field (additionalProperties)
            if (isinstance(value, dict) and key not in value and not difflib.get_close_matches(key, unknown, n=1, cutoff=0.6)
                    and not any(_titled(u, props) == [key] for u in unknown)  # 阶段: for stage, told as unknown
                    and not any(f.container == tuple(path) and f.key == key for f in shallow.values())):  # told where written
                sub = props.get(key, {})
                field = _field(path)
                where = (f"{field}里" if field.endswith("项") else f"{field} 里") if path else ""
                title = f"（{sub['title']}）" if sub.get("title") else ""
                example = _example(key, sub)
                fix = (f"。请照这样添加几行：{example}" if example.startswith("\n") else f"。请添加一行，例如：{example}") if example else ""
                yield path, f"{where}缺少必填字段 {key}{title}{fix}"
        return
    if kind == "additionalProperties":
        known = list(sch.get("properties", {}))
        # {label: 人数, value: 1,234}: in a {…} line a comma ends the value, and 234 reads as a field
        groups = [str(k) for k in value if k not in known and re.fullmatch(r"\d{3}(?:\.\d+)?", str(k))] if "value" in value else []
        if groups:
            written = ",".join([_number(value["value"]), *groups])
            yield path + [groups[0]], f"数值里不能写千位分隔的逗号：value: {written} 应写成 value: {written.replace(',', '')}"
        for key in value:
            if key in known or str(key) in groups:
                continue
            parent = empty_parent(sch, value, key)
            if parent:  # named: then date: written flush left under it
                yield path + [key], (f"{key} 是 {parent} 下面的字段，要写在“{parent}:”的下一行，并在前面加两个空格，例如："
                                     f"\n{parent}:\n  {key}: …")
                continue
            if tuple(path) + (key,) in shallow:  # document: flush left under named: and its date:
                found = shallow[tuple(path) + (key,)]
                yield path + [key], outdented_message(found, _label(list(found.container), found.schema), _shown(value[key]))
                continue
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            titled = [] if close else _titled(str(key), sch.get("properties", {}))
            if titled:  # 口号: for slogan, the field's Chinese name
                yield path + [key], (f"未知字段 {key}。字段名要用英文：“{key}”是 {titled[0]}（{sch['properties'][titled[0]]['title']}），"
                                     f"请写成 {titled[0]}: {_shown(value[key])}")
                continue
            hint = f"您是不是想写 {close[0]}？" if close else "可用的字段有：" + "、".join(known)
            if close and close[0] in sch.get("required", []) and close[0] not in value:
                hint += f"{close[0]} 是必填字段，现在缺少它"
            yield path + [key], f"未知字段 {key}。{hint}"
        return
    if kind == "type":
        key = path[-1] if path else ""
        if value is None:
            under = [k for k in sch.get("properties", {}) if isinstance(data, dict) and k in data and not path[1:]]
            hint = (f"它下面的 {'、'.join(under)} 要另起一行，并在前面加两个空格" if under
                    else "请填写，不需要的可选字段请整行删去")
            yield path, f"{_label(path, sch)}没有填写内容。{hint}"
            return
        want = sch.get("type")
        want = "或".join(TYPE_NAMES.get(t, t) for t in want) if isinstance(want, list) else TYPE_NAMES.get(want, want)
        shown = _show(value)
        example = _example(key, sch)
        hint = f"。例如{'' if example.startswith(chr(10)) else ' '}{example}" if example else ""  # no space before a new line
        parts = list_parts(value) if key == "carriers" and isinstance(value, str) else []
        if len(parts) > 1:  # carriers: 甲、乙、丙: the editor's own items, each one of the list
            hint = f"。每个载体写成一项（“- ”开头），例如\n{key}:\n" + "\n".join(f"  - name: {p}" for p in parts[:4])
        elif sch.get("type") == "array" and isinstance(value, str) and re.search(r"[【［〔]", value):
            # 【基层治理，为民服务】: a list written with Chinese brackets and commas
            items = [t.strip() for t in re.split(r"[，,、；;]", value.strip("【】［］〔〕[] ")) if t.strip()]
            hint = (f"。方括号和逗号要用英文半角符号，写成 {key}: [{', '.join(items)}]" if items and isinstance(key, str)
                    else hint)
        split = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([^0-9\s.,]+)\s*", value) if key == "value" and isinstance(value, str) else None
        plain = unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else ""
        year = (re.fullmatch(r"\s*((?:19|20)[0-9]{2})\s*年\s*", plain) if key in ("established", "year") else None)
        if year:  # established: 2024年 (or ２０２４年): the year as a number
            hint = f"。只写数字，不写“年”：{key}: {year.group(1)}"
        elif split:  # value: 268件 — the number and its unit in one
            item = _at(data, path[:-1])
            had = item.get("unit") if isinstance(item, dict) and isinstance(item.get("unit"), str) else ""
            # 1.865万 beside unit: 人次 is 万人次; 2万 beside 万元 is 万元; 50% beside 个百分点 is %
            unit = had if had and had.startswith(split.group(2)) else (
                split.group(2) + had if had and split.group(2) in ("万", "亿", "千", "百万", "千万") else split.group(2))
            unit = unit if unit != "%" else "'%'"
            hint = f"。数字和单位要分开写：value: {split.group(1)}, unit: {unit}"
        elif (sch.get("type") in ("integer", "number") and isinstance(value, str) and plain != value.strip()
              and re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", plain)):
            # ２０１９: full-width digits, which look like a number and read as text
            hint = f"。“{value.strip()}”用的是全角数字，请改成半角：{key}: {plain}" if isinstance(key, str) else hint
        elif (sch.get("type") in ("integer", "number") and isinstance(value, str) and isinstance(key, str)
              and (unquoted := plain.strip("“”‘’「」")) != plain and re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", unquoted)):
            # value: “214”: Chinese quotes are no YAML quotes, but text
            hint = f"。中文引号也算文字，数字不要加引号，写成 {key}: {unquoted}"
        elif (sch.get("type") in ("integer", "number") and isinstance(value, str) and isinstance(key, str)
              and re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", value.strip())):
            # established: "2020": a number in quotes is text
            hint = f"。数字不要加引号，写成 {key}: {value.strip()}"
        elif (sch.get("type") == "string" and isinstance(value, (int, float)) and not isinstance(value, bool)
              and isinstance(key, str) and key != "date"):
            # phone: 13812345678: a number where text is meant
            hint = f"。要写成文字，请加引号：{key}: \"{value}\""
        elif key == "date" and isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100:
            # date: 2020: only the year
            hint = f"。日期要写完整的年-月-日，例如 date: {value}-03-01"
        elif key == "date" and isinstance(value, float) and 1900 <= value < 2101:
            # date: 2023.7 (a year and a month, read as a number); 2023.1 may have been 2023.10
            year, month = str(value).split(".")
            months = [m for m in {month, month + "0"} if 1 <= int(m) <= 12]
            hint = "。日期要写成年-月-日，只知道月份时写当月 1 日，例如 " + " 或 ".join(
                f"date: {year}-{int(m):02d}-01" for m in sorted(months, key=int)) if months else hint
        yield path, f"{_label(path, sch)}应为{want}，现在是{shown}{hint}"
        return
    if kind == "enum":
        choices = "、".join(str(c) for c in error.validator_value)
        where = "本站的类别列表中" if path == ["category"] else "可选范围内"
        # 机关　(a full-width space after it): what it is, not a value missing from the list
        stray = isinstance(value, str) and value.strip(" \u3000\u00a0") in [str(c) for c in error.validator_value]
        extra = "。它的前后多了空格（可能是全角空格），请删去" if stray else ""
        near = None if stray else near_choice(value, [str(c) for c in error.validator_value])
        extra = f"。您是不是想写 {near}？" if near else extra + "。"
        yield path, f"{_label(path, sch)}的值“{value}”不在{where}{extra}可选：{choices}"
        return
    if kind in ("minLength", "maxLength"):
        n = len(value)
        if path == ["connotation"]:
            yield path, f"connotation（理念内涵）至少要 {schema.CONNOTATION_MIN} 个字，现在只有 {n} 个字。请写清品牌名称的寓意、理念和与本职工作的结合"
        elif path == ["name"]:
            fix = ("。名称只写品牌本身（例如“连心桥”），单位全称写在 organization（所属党组织）里，"
                   "口号和说明写在 slogan 里" if n > schema.NAME_MAX else "")
            inner = re.fullmatch(r"\s*[“‘「『《＂\"']([^“”‘’「」『』《》＂\"']+)[”’」』》＂\"']\s*", value)
            if inner and schema.NAME_MIN <= len(inner.group(1)) <= schema.NAME_MAX:  # “石岭…行动”: the quotes counted
                fix = f"，其中两个是名称两端的引号或书名号：去掉后是 {len(inner.group(1))} 个字，名称本身不用改"
            yield path, f"name（品牌名称）应为 {schema.NAME_MIN}–{schema.NAME_MAX} 个字，现在是 {n} 个字{fix}"
        elif kind == "minLength":
            yield path, f"{_label(path, sch)}不能为空"
        else:
            prose = "。请精简；要展开说明的内容，请写进 connotation（理念内涵）、story.md 或案例正文" if path[0] in _TEXTS else ""
            yield path, f"{_label(path, sch)}最多 {error.validator_value} 个字，现在是 {n} 个字{prose}"
        return
    if kind == "minItems":
        yield path, f"{_label(path, sch)}至少要有 {error.validator_value} 项"
        return
    if kind == "pattern":
        if error.validator_value == schema.DATE_PATTERN:
            fixed = date_fix(value)
            example = f"应写成 {fixed}" if fixed else "请写成 YYYY-MM-DD，例如 2023-06-18"
            yield path, f"{_label(path, sch)}“{value}”格式不对，{example}"
        elif error.validator_value == schema.SLUG_PATTERN:
            yield path, f"{_label(path, sch)}“{value}”不是有效的品牌文件夹名（只能用小写字母、数字和连字符，例如 hong-qiao）"
        else:
            yield path, f"{_label(path, sch)}“{value}”格式不对"
        return
    if kind in ("minimum", "maximum"):
        low, high = sch.get("minimum"), sch.get("maximum")
        if path == ["established"]:
            high = schema.current_year()  # a founding year cannot be later than this year
        yield path, f"{_label(path, sch)}应在 {low} 到 {high} 之间，现在是 {_number(value)}"
        return
    yield path, f"{_label(path, sch)}：{error.message}"


# Words editors write for a default choice (医院 for 医疗卫生, 内部 for internal); a site's own
# categories are matched by their own words only.
_CHOICE_WORDS = {
    "医疗卫生": ("医院", "卫生", "医疗", "疾控", "卫健", "诊所"),
    "学校": ("学校", "中学", "小学", "大学", "高校", "学院", "幼儿园", "教育"),
    "政法": ("法院", "检察", "公安", "司法", "派出所"),
    "农村": ("村", "乡", "农"),
    "社区": ("街道", "小区", "居委"),
    "园区": ("产业园", "开发区", "楼宇", "商务区", "高新区"),
    "企业": ("公司", "国企", "集团", "工厂", "非公"),
    "机关": ("局", "委", "厅", "政府", "部门"),
    "internal": ("内部", "内网", "不公开", "非公开", "不对外"),
    "public": ("公开", "对外"),
}
_NOT = "未待拟非不无"  # 未命名, 不公开: a word after one of these is not meant


def near_choice(value, choices: list[str]) -> str | None:
    """The one choice a value not in the list most likely meant: 已命名 or 命名阶段 for 命名, 医疗 or
    医院 for 医疗卫生, Internal for internal; None when no choice, or more than one, is near."""
    if not isinstance(value, str) or not value.strip(" \u3000\u00a0"):
        return None
    v = value.strip(" \u3000\u00a0").lower()

    def holds(word: str) -> bool:  # `word` in v, not after a 未 or 不
        return any(not v[:at].endswith(tuple(_NOT)) for at in (m.start() for m in re.finditer(re.escape(word), v)))

    within = [c for c in choices if holds(c.lower()) or v in c.lower()]
    words = [c for c in choices if any(holds(w) for w in _CHOICE_WORDS.get(c, ()))]
    near = set(within or words)
    if within and any(w not in near for w in words):  # 农业农村局: 农村 by its name, 机关 by 局
        return None
    return near.pop() if len(near) == 1 else None


def _at(data, path):
    """The value at `path` inside `data`, or None."""
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _number(value) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text if len(text) <= 24 else text[:20] + "…"


def _show(value) -> str:
    if isinstance(value, bool):
        return f"“{'true' if value else 'false'}”"
    if isinstance(value, str):  # a value in Chinese quotes (“214”) is not quoted twice
        return f"文本{value[:32]}" if re.fullmatch(r"“[^“”]*”", value[:32]) else f"文本“{value[:30]}”"
    if isinstance(value, dict):
        return "一个映射"
    if isinstance(value, list):
        return "一个列表"
    return f"“{value}”"


def _named_example(data) -> str:
    """A named: block to copy that the brand's other rules accept: named on or after the year the
    brand was established (2021-12-20 for a brand established in 2024 was told as too early)."""
    today = datetime.date.today()
    year = data.get("established") if isinstance(data, dict) else None
    year = min(max(year, 2021), today.year) if isinstance(year, int) and not isinstance(year, bool) else 2021
    day = f"{year}-12-20" if year < today.year else today.isoformat()
    return f"named:\n  date: {day}\n  document: 某直工委〔{year}〕12号"
