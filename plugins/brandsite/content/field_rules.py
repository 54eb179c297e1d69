"""The rules on one brand folder's fields and texts: folder and case names, dates, invisible characters
in names, what a named brand must have, markup in prose. One function per rule, each yielding Problems.
No MkDocs imports."""

from __future__ import annotations

import calendar
import datetime
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from . import lifecycle, names, plaintext, prose, prose_limits, schema
from .model import Problem, prose_files
from .slugs import SLUG_RE, free_slug, suggested_slug
from .yamlwords import duplicate_message, list_parts


def _named(what: str, name: str) -> str:
    """“name” for a message; a character in it that shows nothing (a line break at its end) named."""
    if char := names.invisible(name):
        return f"{what}“{name.strip()}”（含 {names.describe(char)}）"
    edge = {(True, True): "开头和末尾", (True, False): "开头", (False, True): "末尾"}.get((name[:1].isspace(), name[-1:].isspace()))
    return f"{what}“{name}”（{edge}有空格）" if edge else f"{what}“{name}”"  # the suggested name looks the same but for it


def folder_slug(src) -> Iterator[Problem]:
    if not SLUG_RE.fullmatch(src.slug):
        # Hong-Qiao beside hong-qiao: hong-qiao-2
        suggestion = free_slug(suggested_slug(src.slug), lambda name: (Path(src.folder).parent / name).exists())
        hint = f"，例如 {suggestion}" if suggestion else ""
        yield Problem(src.rel, 1, f"{_named('文件夹名', src.slug)}不能用作网址。只能用小写字母、数字和连字符，请改名{hint}")
        return
    message = names.slug_problem(src.slug, "文件夹名")
    if message:
        yield Problem(src.rel, 1, message)


def duplicate_keys(src) -> Iterator[Problem]:
    for key, line, first in src.duplicates:
        yield Problem(src.yml, line, duplicate_message(key, first))
    for message, line, level in src.repairs:
        yield Problem(src.yml, line, message, level)


def _valid_date(text) -> bool:
    try:
        datetime.date.fromisoformat(text)
        return True
    except (TypeError, ValueError):
        return False


def _bad_date(value, label: str) -> str | None:
    """A date written as it should be (YYYY-MM-DD) that no calendar has: which part is wrong."""
    if isinstance(value, str) and re.match(schema.DATE_PATTERN, value) and not _valid_date(value):
        year, month, day = (int(n) for n in value.split("-"))
        if not 1 <= month <= 12:
            return f"{label}“{value}”里的月份 {month} 不存在（只有 1 到 12 月），请核对日期"
        days = calendar.monthrange(year or 2000, month)[1]  # year 0, which calendar refuses, is a leap year too
        return f"{label}“{value}”这一天不存在（{year} 年 {month} 月只有 {days} 天），请核对日期"
    return None


def real_dates(src) -> Iterator[Problem]:
    d = src.data
    named = d.get("named")
    if isinstance(named, dict):
        message = _bad_date(named.get("date"), "named 的 date（命名日期）")
        day = named.get("date")
        if not message and _after_today(day):
            message = f"named 的 date（命名日期）是 {day}，晚于今天。请填写实际命名的日期"
        if message:
            yield Problem(src.yml, src.line("named", "date"), message)
    timeline = d.get("timeline")
    if isinstance(timeline, list):
        for i, event in enumerate(timeline):
            if isinstance(event, dict):
                message = _bad_date(event.get("date"), f"timeline 第 {i + 1} 项的 date（日期）")
                if message:
                    yield Problem(src.yml, src.line("timeline", i, "date"), message)
                elif _after_today(event.get("date")):
                    yield Problem(src.yml, src.line("timeline", i, "date"),
                                  f"timeline 第 {i + 1} 项的 date（日期）是 {event['date']}，晚于今天。创建档案记的是已经发生的事，"
                                  "请核对是否写错（不改也可以发布）", "info")


def _after_today(day, years: int = 0) -> bool:
    """Whether `day` is after today (more than `years` years after it)."""
    return isinstance(day, str) and _valid_date(day) and \
        datetime.date.fromisoformat(day) > lifecycle.today() + datetime.timedelta(days=366 * years)


def _established(src) -> int | None:
    year = src.data.get("established")
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def year_not_future(src) -> Iterator[Problem]:
    year = _established(src)
    if year is not None and year > schema.current_year():
        yield Problem(src.yml, src.line("established"), f"established（创建年份）是 {year} 年，晚于今年。请填写品牌实际创建的年份")


def named_after_founding(src) -> Iterator[Problem]:
    """A brand is named after it is founded (named 0001-01-01 drew a 2,000-row yearly chart).
    A founding year after this year is told by year_not_future alone."""
    year = _established(src)
    named = src.data.get("named")
    day = named.get("date") if isinstance(named, dict) else None
    if year is not None and year <= schema.current_year() and isinstance(day, str) and _valid_date(day) \
            and int(day[:4]) < year:
        yield Problem(src.yml, src.line("named", "date"),
                      f"named 的 date（命名日期）是 {day}，早于 established（创建年份）{year} 年。品牌先创建后命名，请核对这两项")


# Text shown as a name: an invisible character in it can make it look like another.
NAME_FIELDS = ("name", "slogan", "organization", "region", "cluster")
_TITLES = {key: sch.get("title", "") for key, sch in schema.brand_schema()["properties"].items()}


def _invisible_message(text: str, label: str, find=names.invisible) -> str | None:
    char = find(text.strip())
    if char is None:
        return None
    return (f"{label}里有不可见的格式字符（{names.describe(char)}），已拒绝。这类字符看不见，"
            "却能让文字显示得与实际不同（例如倒序显示，冒充别的名称）。请删去这个字符，最好把这一项重新输入一遍")


def _item_fields(d: dict, groups) -> list[tuple[tuple, str, object]]:
    """(path, label, value) of `key` in each item of each (group, key, title), as messages name it."""
    out = []
    for group, key, title in groups:
        items = d.get(group)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                out.append(((group, i, key), f"{group} 第 {i + 1} 项的 {key}（{title}）", item.get(key)))
    return out


def visible_names(src) -> Iterator[Problem]:
    """Names, labels and tags: no bidi controls, zero-width or other invisible characters."""
    d = src.data
    fields: list[tuple[tuple, str, object]] = [((k,), f"{k}（{_TITLES[k]}）", d.get(k)) for k in NAME_FIELDS]
    fields += _item_fields(d, (("carriers", "name", "载体名称"), ("metrics", "label", "指标名称"), ("metrics", "unit", "单位")))
    tags = d.get("tags")
    for i, tag in enumerate(tags if isinstance(tags, list) else []):
        fields.append((("tags", i), f"tags 第 {i + 1} 项（标签）", tag))
    for path, label, value in fields:
        if isinstance(value, str):
            message = _invisible_message(value, label) or _stacked_marks_message(value, label)
            if message:
                yield Problem(src.yml, src.line(*path), message)
    for i, tag in enumerate(tags if isinstance(tags, list) else []):
        if isinstance(tag, str) and (parts := list_parts(tag)) and len(parts) > 1:
            # one tag of several may be a set phrase (接诉即办、未诉先办): a note; a list of one, a warning
            alone = len(tags) == 1
            yield Problem(src.yml, src.line("tags", i),
                          f"tags 第 {i + 1} 项“{tag}”里有中文逗号或顿号，网站会把它当成一个标签显示。要写几个标签，"
                          f"请用英文逗号分开，例如 tags: [{', '.join(parts)}]" + ("" if alone else "（本来就是一个标签的，可以不改）"),
                          "warning" if alone else "info")
    # Longer texts may join emoji with invisible characters, but no column of marks either.
    texts: list[tuple[tuple, str, object]] = [(("connotation",), "connotation（理念内涵）", d.get("connotation"))]
    named = d.get("named")
    if isinstance(named, dict):
        texts.append((("named", "document"), "named 的 document（命名文件）", named.get("document")))
    texts += _item_fields(d, (("carriers", "description", "载体说明"), ("timeline", "event", "事件")))
    goals = d.get("goals")
    for i, goal in enumerate(goals if isinstance(goals, list) else []):
        items = goal.get("items") if isinstance(goal, dict) else None
        for j, item in enumerate(items if isinstance(items, list) else []):
            texts.append((("goals", i, "items", j), f"goals 第 {i + 1} 项的第 {j + 1} 条目标", item))
    for path, label, value in texts:
        if not isinstance(value, str):
            continue
        if path == ("connotation",):  # prose (Markdown, as story.md): its marks as the page shows them too
            found = _stacked_in_prose(value, label)
            message = found[1] if found else None
        else:  # shown as written: no control that reorders it
            message = _invisible_message(value, label, names.direction) or _stacked_marks_message(value, label)
        if message:
            yield Problem(src.yml, src.line(*path), message)


# Marks that sit on a letter (tone marks, vowel signs, Tibetan subjoined letters): a Tibetan stack has up to four or so.
MARKS_IN_A_ROW = 6

# What may sit between two marks without ending their run: zero-width characters, invisible operators, BOM, tags.
_IGNORABLE = "\u200b-\u200d\u2060-\u2064\ufeff\U000e0000-\U000e007f"


@functools.lru_cache(maxsize=1)
def _marks() -> tuple[re.Pattern, re.Pattern]:
    """(a mark, more than MARKS_IN_A_ROW marks in a row) as patterns: marks are categories Mn and
    Me, built once from the character database (about 30 ms), then matched at C speed."""
    ranges, start = [], None
    for cp in itertools.chain(range(0x300, 0x20000), range(0xE0000, 0xE0200), [None]):
        mark = cp is not None and unicodedata.category(chr(cp)) in ("Mn", "Me")
        if mark and start is None:
            start = cp
        elif not mark and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(cp - 1))}")
            start = None
    one = f"[{''.join(ranges)}]"
    return re.compile(one), re.compile(f"{one}(?:[{_IGNORABLE}]*{one}){{{MARKS_IN_A_ROW},}}")


def _stacked_marks(text: str) -> tuple[int, int] | None:
    """(where, how many marks) of the longest run of stacked marks in `text`, if one is too long."""
    one, run = _marks()
    found = [(m.start(), len(one.findall(m.group()))) for m in run.finditer(text)]
    return max(found, key=lambda f: f[1]) if found else None


def _marks_message(count: int, label: str) -> str:
    return (f"{label}里有 {count} 个连在一起的附加符号（声调、变音符号之类），会叠成一长串，盖住上下的文字，已拒绝。"
            "请删去多余的符号，最好把这一项重新输入一遍")


def _stacked_marks_message(text: str, label: str) -> str | None:
    found = _stacked_marks(text)
    return _marks_message(found[1], label) if found else None


def _stacked_in_prose(text: str, label: str) -> tuple[int, str] | None:
    """(0-based line, message) of stacked marks in prose: as written, or as the page shows it
    (&#3657; written 400 times is 400 marks on the page), then at the text's first line."""
    found = _stacked_marks(text)
    if found is not None:
        return text.count("\n", 0, found[0]), _marks_message(found[1], label)
    # only a character reference (&#3657;, &DownBreve;) makes marks the text does not hold
    if "&" in text and (found := _stacked_marks(plaintext.plain_text(text))):
        return prose_limits.leading_blank(text), _marks_message(found[1], label)
    return None


def cluster_name(src) -> Iterator[Problem]:
    """A cluster's page is made from its name: the name must make a usable one."""
    cluster = src.data.get("cluster")
    if not isinstance(cluster, str) or not cluster.strip() or names.invisible(cluster.strip()):
        return  # no cluster, the schema's type error, or visible_names' error
    why = names.stem_problem(names.page_stem(cluster))
    if why:
        yield Problem(src.yml, src.line("cluster"),
                      f"cluster（品牌集群）“{cluster.strip()}”不能用作集群页面的名称：{why}。请换一个集群名称")


def page_prose(text: str, path: str, where: str, files: frozenset[str] = frozenset()) -> Iterator[Problem]:
    """A page of editors' prose that may open with its own `# title` (story.md, a cluster intro),
    at the lines of its file: an error when it is too complex to lay out, a warning for each
    thing the cleaning takes away."""
    body = prose.demote(text)
    offset = 1 if re.match(r"^#\s", text.lstrip("\ufeff").split("\n", 1)[0]) else 0  # demote() took the title line away
    if (found := _beyond_bounds(body, "", files, where)):
        yield Problem(path, found[0] + offset, found[1])
    for number, what in prose.removals(body, "", files):
        yield Problem(path, number + offset, prose.message(what, where), "warning")


def _beyond_bounds(text: str, base: str, files: frozenset[str], where: str) -> tuple[int, str] | None:
    """(line in `text`, message) when the prose is beyond prose_limits' bounds: the page shows it
    as plain text. Too complex to convert, or its cleaned HTML nested too deep."""
    if (found := prose_limits.complexity(text.strip())):
        return found[0] + prose_limits.leading_blank(text), prose_limits.complexity_message(found[1], where)
    if prose.render(text, base, files).too_deep:
        return prose_limits.deep_line(text), prose_limits.deep_message(where)
    return None


def prose_html(src) -> Iterator[Problem]:
    """What the prose cleaner (prose.py) would take away from the connotation, story.md and case bodies."""
    files = prose_files(src)
    connotation = src.data.get("connotation")
    if isinstance(connotation, str):
        base = src.line("connotation")
        block = "\n" in connotation.strip("\n")
        if (found := _beyond_bounds(connotation, "", files, "connotation（理念内涵）")):
            yield Problem(src.yml, base + (found[0] if block else 0), found[1])
        for number, what in prose.removals(connotation, "", files):
            yield Problem(src.yml, base + (number if block else 0), prose.message(what, "connotation（理念内涵）"), "warning")
    yield from page_prose(src.story or "", f"{src.rel}/story.md", "story.md ", files)
    if src.story and (found := _stacked_in_prose(src.story, "story.md ")):
        yield Problem(f"{src.rel}/story.md", found[0] + 1, found[1])
    for case in src.cases:
        if (found := _stacked_in_prose(case.body, "案例正文")):
            yield Problem(case.rel, case.body_line + found[0], found[1])
        if (found := _beyond_bounds(case.body, "cases", files, "案例正文")):
            yield Problem(case.rel, case.body_line + found[0] - 1, found[1])
        for number, what in prose.removals(case.body, "cases", files):
            yield Problem(case.rel, case.body_line + number - 1, prose.message(what, "案例正文"), "warning")


# -- cases ----------------------------------------------------------------


def case_slug(case) -> Iterator[Problem]:
    if not SLUG_RE.fullmatch(case.slug):
        folder = Path(case.path).parent if getattr(case, "path", None) else None
        # a name no other case file of the brand has (di-er-ge-an-li-2 beside di-er-ge-an-li.md)
        spelled = free_slug(suggested_slug(case.slug), lambda name: folder is not None and (folder / f"{name}.md").exists())
        yield Problem(case.rel, 1, f"{_named('案例文件名', case.slug)}不能用作网址。只能用小写字母、数字和连字符，"
                                   f"例如 {spelled or '2023-tui-shui'}.md")
        return
    message = names.slug_problem(case.slug, "案例文件名")
    if message:
        yield Problem(case.rel, 1, message)


def case_brand(src, case) -> Iterator[Problem]:
    """`brand:` (what the web editor writes) must name the folder the case is in."""
    brand = case.meta.get("brand")
    if isinstance(brand, str) and brand != src.slug:
        yield Problem(case.rel, case.meta.lines.get("brand", 1) + case.offset,
                      f"brand（所属品牌）写的是“{brand}”，但这个案例在品牌文件夹 {src.slug}/ 里。"
                      f"请改成 {src.slug}，或把案例文件移到 {brand}/cases/")


def visible_title(case) -> Iterator[Problem]:
    title = case.meta.get("title")
    if isinstance(title, str):
        message = _invisible_message(title, "title（案例标题）") or _stacked_marks_message(title, "title（案例标题）")
        if message:
            yield Problem(case.rel, case.meta.lines.get("title", 1) + case.offset, message)
    summary = case.meta.get("summary")
    if isinstance(summary, str) and (message := _invisible_message(summary, "summary（案例摘要）", names.direction)
                                     or _stacked_marks_message(summary, "summary（案例摘要）")):
        yield Problem(case.rel, case.meta.lines.get("summary", 1) + case.offset, message)


def case_date(case) -> Iterator[Problem]:
    day, line = case.meta.get("date"), case.meta.lines.get("date", 1) + case.offset
    message = _bad_date(day, "date（日期）")
    if message:
        yield Problem(case.rel, line, message)
    elif _after_today(day, years=1):  # 9999-12-31 would head the case lists and the feed for good
        yield Problem(case.rel, line, f"date（日期）是 {day}，比今天晚一年以上，多半是写错了：这个案例会一直排在案例列表和"
                                      "订阅（feed）的最前面。请改成案例实际发生的日期", "warning")
    elif str(day or 9999)[:4] < str(schema.FIRST_YEAR):  # 0001-01-01: the feed's date, at the lists' end
        yield Problem(case.rel, line, f"date（日期）是 {day}，早于 {schema.FIRST_YEAR} 年，多半是写错了年份。请改成案例实际发生的日期", "warning")
    elif _after_today(day):  # a typo as often as not (2030 for 2023), and it heads the case list and the timeline
        yield Problem(case.rel, line, f"date（日期）是 {day}，晚于今天。案例写的是已经做过的事，请核对是否写错（不改也可以发布）", "info")


# Distinctive phrases of the sample text `brandsite new` writes where the editor's own text goes
# (scaffold.py; tests/test_cli.py checks that each sample is caught): a value holding one is not
# the brand's yet, also when the rest was rewritten. (The sample carrier name, 党员示范岗, is a real one.)
PLACEHOLDER_PHRASES = {
    "organization": ("请填写所属党组织", "例如某某区某某局"),
    "connotation": ("请在这里写品牌的理念内涵", "品牌名称的寓意是什么", "又如何与本单位的中心工作和服务群众结合起来",
                    "至少写 60 个字"),
    "carrier": ("请写这个载体是什么", "怎样开展、多久开展一次"),
    "title": ("请填写案例标题",),
    "summary": ("一句话概括这个案例",),
    "body": ("请用几段话讲清楚这个案例", "遇到了什么问题，党员们做了什么", "取得了什么效果（最好有数字）"),
}
# Commented-out samples an editor may uncomment unchanged: the whole value as written there
# (某某区云桥街道 is an anonymised real place, not the sample).
_WHOLE_SAMPLES = {"region": re.compile(r"某某区"), "document": re.compile(r"某直工委〔\d{4}〕12号")}
PLACEHOLDER_MESSAGE = "还是 brandsite new 生成的示例文字。请改写成本品牌自己的内容"
SAMPLE_NOTE = "如果是照抄的示例，请改成本品牌的真实内容；本来就是这样写的，可以不改"


def _sample_at(value, key: str) -> int:
    """Where in `value` a sample phrase starts (-1: none)."""
    if not isinstance(value, str):
        return -1
    if key in _WHOLE_SAMPLES:
        return 0 if _WHOLE_SAMPLES[key].fullmatch(value.strip()) else -1
    found = [value.find(p) for p in PLACEHOLDER_PHRASES[key] if p in value]
    return min(found) if found else -1


def placeholder_text(src) -> Iterator[Problem]:
    """A warning, as for the placeholder logo, where the scaffold's sample text is left."""
    data = src.data
    for key, label in (("organization", "organization（所属党组织）"), ("connotation", "connotation（理念内涵）")):
        if _sample_at(data.get(key), key) >= 0:
            yield Problem(src.yml, src.line(key), f"{label}{PLACEHOLDER_MESSAGE}", "warning")
    # the commented samples, which a real (anonymised) brand may well have: a note
    if _sample_at(data.get("region"), "region") >= 0:
        yield Problem(src.yml, src.line("region"), f"region（地区）与 brandsite new 的示例“某某区”相同。{SAMPLE_NOTE}", "info")
    named = data.get("named")
    if isinstance(named, dict) and _sample_at(named.get("document"), "document") >= 0:
        yield Problem(src.yml, src.line("named", "document"),
                      f"named 的 document（命名文件）与 brandsite new 的示例相同。{SAMPLE_NOTE}", "info")
    carriers = data.get("carriers")
    for i, carrier in enumerate(carriers if isinstance(carriers, list) else []):
        if isinstance(carrier, dict) and _sample_at(carrier.get("description"), "carrier") >= 0:
            yield Problem(src.yml, src.line("carriers", i, "description"),
                          f"carriers 第 {i + 1} 项的 description（载体说明）{PLACEHOLDER_MESSAGE}", "warning")
    for case in src.cases:
        for key, label in (("title", "title（案例标题）"), ("summary", "summary（案例摘要）")):
            if _sample_at(case.meta.get(key), key) >= 0:
                yield Problem(case.rel, case.meta.lines.get(key, 1) + case.offset, f"{label}{PLACEHOLDER_MESSAGE}", "warning")
        at = _sample_at(case.body, "body")
        if at >= 0:
            yield Problem(case.rel, case.body_line + case.body[:at].count("\n"), f"案例正文{PLACEHOLDER_MESSAGE}", "warning")
