"""Tables an editor wrote that the page would not show as tables. No MkDocs imports.

A table is a block of lines that start with "|", the second a rule (| --- | --- |) with as many
columns as the first. Written right under a sentence, without the rule, or with another number
of columns, Python-Markdown leaves the lines as one paragraph: the page shows "| 年份 | … | | --- |"
as text, and nothing said so. Each such run of lines is told once, at its first line, by what
the prose renderer itself makes of it (prose.render, as the page is made). A row of more cells
than the header is told too: the table drops them without a word.

A table copied from Word or WPS and pasted as plain text is a run of lines whose cells are
parted by tabs: the page joins them into one paragraph of words (tab_run).
"""

from __future__ import annotations

import re
from typing import Iterator

from .model import Problem
from .paragraphs import BULLETS

_ROW = re.compile(r"^ {0,3}\|")
_WIDE_ROW = re.compile(r"^ {0,3}[｜|]")  # a Chinese keyboard's full-width ｜ (U+FF5C) too
_WIDE_START = re.compile(r"^ {0,3}｜")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TICKS = re.compile(r"`+")
RUNS = 200  # runs of "|" lines looked at a file: no page has more tables, and each is rendered

_LOOKS = "这几行像表格，但不会显示成表格，网页上会是一串“|”和文字："
NO_RULE = (_LOOKS + "表格的第二行要写分隔行，有几列就写几个 ---，"
           "例如两列的表格写“| --- | --- |”，每一行的列数要与第一行相同")
NO_BLANK = _LOOKS + "表格前要空一行。请在这一行前面加一个空行"
WIDE_BARS = ("这几行像表格，但用的是中文全角竖线“｜”，不会显示成表格，网页上会是一串“｜”和文字：表格要用半角竖线“|”"
             "（切换到英文输入法，按 Shift 和回车键上方的 \\ 键）。请把这几行的“｜”都换成“|”")
_RULE_CELL = re.compile(r"^:?-+:?$")
# A list item's marker pasted from Word ("●<tab>党员先锋岗", "1.<tab>…", "（一）<tab>…"): no table cell.
_MARKER = re.compile(rf"^(?:[{BULLETS}·\-*+]|\d{{1,3}}[.．、)）]|[（(][一二三四五六七八九十\d]{{1,3}}[)）]|[一二三四五六七八九十]{{1,3}}、)$")


def _tab_cells(line: str) -> list[str] | None:
    """A line's tab-parted cells when it reads as a row pasted from Word (two cells or more, text in
    at least two, its first no list marker), else None. An indented line (a tab or four spaces
    first) is Markdown's, not a row."""
    if "\t" not in line or line.startswith(("\t", "    ")):
        return None
    cells = [cell.strip(" \u3000") for cell in line.rstrip(" \t\r").split("\t")]
    if len(cells) < 2 or sum(1 for cell in cells if cell) < 2 or _MARKER.match(cells[0]) or _ROW.match(line):
        return None
    return cells


def _tab_message(cells: list[str]) -> str:
    shown = [cell.replace("|", "\\|")[:12] for cell in cells[:6]] + (["…"] if len(cells) > 6 else [])
    return ("这几行像是从 Word 或 WPS 复制来的表格（格与格之间是 Tab 键），网页上不会显示成表格，会连成一段文字。"
            f"请改写成表格：每一行写成“| {' | '.join(shown)} |”这样，格与格之间用半角竖线“|”隔开；"
            f"第一行下面加一行分隔行{_rule(len(cells))}；表格前后各空一行")


def slips(text: str) -> Iterator[tuple[int, str]]:
    """(line, message) for each run of two or more lines starting with "|" (outside ``` blocks)
    that does not become a table: lines counted from 1 in `text`."""
    from . import prose

    def table(lines: list[str]) -> bool:
        return "<table" in prose.render("\n".join(lines), "", frozenset()).html

    lines, fence, i, runs = [line.rstrip("\r") for line in text.split("\n")], "", 0, 0
    while i < len(lines) and runs < RUNS:
        opened = _FENCE.match(lines[i])
        if opened and (not fence or opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence)):
            fence = "" if fence else opened.group(1)  # closed only by its own kind, as long or longer
        if not fence and _WIDE_START.match(lines[i]) and len(re.findall("[｜|]", lines[i])) >= 2:
            # a row begun with ｜ that has cells (｜文字：张某 alone is a credit line, not a row)
            end = next((j for j in range(i, len(lines)) if not _WIDE_ROW.match(lines[j])), len(lines))
            if end - i >= 2:
                yield i + 1, WIDE_BARS
                i, runs = end, runs + 1
                continue
        if not fence and (cells := _tab_cells(lines[i])):
            end = next((j for j in range(i, len(lines)) if not _tab_cells(lines[j])), len(lines))
            if end - i >= 2:  # one line with a tab is a sentence; two in a row, a pasted table
                yield i + 1, _tab_message(cells)
                i, runs = end, runs + 1
                continue
        if fence or not _ROW.match(lines[i]):
            i += 1
            continue
        end = next((j for j in range(i, len(lines)) if not _ROW.match(lines[j])), len(lines))
        run, runs = lines[i:end], runs + 1
        if len(run) >= 2:
            if not table(run):
                yield i + 1, _no_rule(run)
            elif i and lines[i - 1].strip() and not table(lines[i - 1:end]):
                yield i + 1, NO_BLANK
            else:
                yield from _overlong_rows(run, i + 1)
        i = end


def _rule(width: int) -> str:
    return f"“|{' --- |' * width}”" if width <= 8 else f" {width} 个 ---（用“|”隔开）"


def _no_rule(run: list[str]) -> str:
    """What a run of "|" lines that is no table lacks: a rule, or a rule as wide as its first line."""
    width, second = len(_cells(run[0])), _cells(run[1])
    if all(_RULE_CELL.match(cell) for cell in second):
        if len(second) != width:
            return (_LOOKS + f"表格第一行有 {width} 列，第二行的分隔行却是 {len(second)} 列。"
                    f"请把分隔行写成{_rule(width)}，与第一行的列数相同")
        return NO_RULE
    return _LOOKS + f"表格的第二行要写分隔行。这个表格第一行有 {width} 列，请在第一行下面加一行{_rule(width)}"


def _cells(row: str) -> list[str]:
    """A table row's cells: split at each | that is no \\| and not inside `code`, without the row's outer ones."""
    inner = row.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    cells, cell, code, k = [], [], "", 0  # cell: its pieces, joined once (adding to a string copied it)
    while k < len(inner):
        ticks = _TICKS.match(inner, k)
        if ticks:  # a code span runs to the same number of backticks
            code = "" if code == ticks.group(0) else (code or ticks.group(0))
            cell.append(ticks.group(0))
            k += len(ticks.group(0))
            continue
        if inner[k] == "|" and not code and not (cell and cell[-1].endswith("\\")):
            cells.append("".join(cell).strip())
            cell = []
        else:
            cell.append(inner[k])
        k += 1
    return cells + ["".join(cell).strip()]


def _overlong_rows(run: list[str], first: int) -> Iterator[tuple[int, str]]:
    """Rows with more cells than the header: the table drops the others without a word."""
    width = len(_cells(run[0]))
    for n, row in enumerate(run[2:], first + 2):
        cells = _cells(row)
        extra = "”“".join(cell for cell in cells[width:] if cell)[:30]
        if extra:  # an empty cell more (| 1 | 2 | |) loses nothing
            yield n, (f"表格的这一行有 {len(cells)} 格，表头只有 {width} 格，多出的“{extra}”不会显示。"
                      "请在表头和分隔行里加上这一列，或删去多的格")


SHOWN = 5  # tables told a file; the rest are counted in one more line


def told(text: str) -> Iterator[tuple[int, str]]:
    """slips(), the first SHOWN of them, then one line that counts the others."""
    found = list(slips(text))
    yield from found[:SHOWN]
    if len(found) > SHOWN:
        lines = text.split("\n")
        runs = sum(1 for k, line in enumerate(lines) if _ROW.match(line) and not (k and _ROW.match(lines[k - 1])))
        more = "以上" if runs > RUNS else ""  # only the first RUNS were looked at
        yield found[SHOWN][0], f"这个文件里另有 {len(found) - SHOWN} 处{more}同样显示不成表格的地方（从这一行起），请一并改正"


def table_slips(src) -> Iterator[Problem]:
    """told() of a brand folder's story.md and case bodies, as warnings at their files' lines."""
    for line, message in told(src.story or ""):
        yield Problem(f"{src.rel}/story.md", line, message, "warning", src.slug)
    for case in src.cases:
        for line, message in told(case.body or ""):
            yield Problem(case.rel, case.body_line + line - 1, message, "warning", src.slug)
