"""Bounds on the prose Markdown may be given: beyond them the check refuses it, at its line,
and the pages show it as plain text, never converted. No MkDocs imports."""

from __future__ import annotations

import re

# Python-Markdown takes time that grows with the square of runs of brackets and emphasis
# markers in one paragraph (20,000 "[" took over a minute), and recurses once per level of
# nested lists. Prose beyond these bounds is refused by the check, and never converted.
MAX_CHARS = 100_000
MAX_MARKUP_PER_BLOCK = 400
MAX_INDENT = 40  # spaces before a line: lists nested about ten levels deep
_MARKUP = frozenset("[]()<>*_`!")
# Headings, each given an id that must differ from all before it: finding one is quadratic in
# how many are alike (Python-Markdown's toc), 8,000 of "# 甲" took seconds.
MAX_HEADINGS = 300
_HEADING = re.compile(r" {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)")
# Footnote marks ([^x]): the footnotes extension's work grows with the square of the marks of
# one note (6,000 marks took 20 s).
MAX_FOOTNOTE_MARKS = 200


def complexity(text: str) -> tuple[int, str] | None:
    """(line, what) when `text` is beyond what Markdown may be given, else None. Linear time."""
    if len(text) > MAX_CHARS:
        return 1, f"篇幅超过 {MAX_CHARS:,} 个字符"
    if text.count("[^") > MAX_FOOTNOTE_MARKS:
        at = 0
        for _ in range(MAX_FOOTNOTE_MARKS + 1):
            at = text.index("[^", at) + 2
        return text.count("\n", 0, at) + 1, f"脚注标记“[^”超过 {MAX_FOOTNOTE_MARKS} 个"
    start, count, headings = 1, 0, 0
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            start, count = number + 1, 0
            continue
        if _HEADING.match(line):
            headings += 1
            if headings > MAX_HEADINGS:
                return number, f"标题超过 {MAX_HEADINGS} 个"
        indent = len(line) - len(line.lstrip(" \t")) + 3 * line[: len(line) - len(line.lstrip(" \t"))].count("\t")
        if indent > MAX_INDENT:
            return number, f"缩进超过 {MAX_INDENT} 个空格(列表嵌套过深)"
        count += sum(1 for ch in line if ch in _MARKUP)
        if count > MAX_MARKUP_PER_BLOCK:
            return start, f"一段文字里的方括号、尖括号、星号、下划线等标记符号超过 {MAX_MARKUP_PER_BLOCK} 个"
    return None


def complexity_message(what: str, where: str) -> str:
    return (f"{where}{what},网站无法在合理时间内排版它。请检查是否误粘贴了大量符号,"
            "或把它拆成几段、减少列表的层级")
