"""Bounds on the prose Markdown may be given: beyond them the check refuses it, at its line,
and the pages show it as plain text, never converted. No MkDocs imports."""

from __future__ import annotations

import os
import re

# Python-Markdown takes time that grows with the square of runs of brackets and emphasis
# markers in one paragraph (20,000 "[" took over a minute), and recurses once per level of
# nested lists. Prose beyond these bounds is refused by the check, and never converted.
MAX_CHARS = 100_000
TOO_LONG = f"篇幅超过 {MAX_CHARS:,} 个字符"
# UTF-8 spends at most 4 bytes on a character: a file of more bytes is beyond MAX_CHARS whatever it
# holds, and is told so unread (400 MB of zeros saved as a docs/ page held the check for minutes and
# 4 GB of memory, as it was read, decoded, rendered and scanned whole).
MAX_BYTES = MAX_CHARS * 4
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
# Elements inside elements, in the cleaned HTML: tags left open nest every later block in them
# (12,000 lines of "<b>" made a page Chromium took 84 s to open), and Chromium's work grows with
# the square of the depth. Lists at MAX_INDENT are about twenty levels deep.
MAX_DEPTH = 64
# A table cell spans at most this many columns or rows; a larger colspan or rowspan is dropped.
MAX_SPAN = 100
# An HTML tag: its closing slash, its name, a slash that closes it where it opens (<br/>).
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*?(/?)>")
_VOID = frozenset({"br", "hr", "img", "wbr"})


def _opens(m: re.Match) -> bool:
    return not m.group(3) and m.group(2).lower() not in _VOID


def oversized(path) -> bool:
    """Whether the file at `path` is beyond MAX_CHARS by its size alone (see MAX_BYTES), unread."""
    try:
        return os.path.getsize(path) > MAX_BYTES
    except OSError:
        return False


def complexity(text: str) -> tuple[int, str] | None:
    """(line, what) when `text` is beyond what Markdown may be given, else None. Linear time."""
    if len(text) > MAX_CHARS:
        return 1, TOO_LONG
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
            return number, f"缩进超过 {MAX_INDENT} 个空格（列表嵌套过深）"
        count += sum(1 for ch in line if ch in _MARKUP)
        if count > MAX_MARKUP_PER_BLOCK:
            return start, f"一段文字里的方括号、尖括号、星号、下划线等标记符号超过 {MAX_MARKUP_PER_BLOCK} 个"
    return None


def leading_blank(text: str) -> int:
    """Lines before the first non-blank one: `complexity` counts lines of the stripped text."""
    return text[: len(text) - len(text.lstrip())].count("\n")


def depth(html: str) -> int:
    """How deep the elements of `html` nest; `html` is well formed (the cleaner's output). Linear."""
    level = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(1):
            level -= 1
        elif _opens(m):
            level += 1
            deepest = max(deepest, level)
    return deepest


def deep_line(text: str) -> int:
    """Where the nesting of `text` starts, for the check's message: the line of the earliest tag
    still open when MAX_DEPTH // 2 are open at once, or of the first line quoted that deep
    (> > > …); else of the first tag. Linear."""
    stack: list[int] = []
    first = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line[: len(line) - len(line.lstrip("> \t"))].count(">") > MAX_DEPTH // 2:
            return number
        for m in _TAG.finditer(line):
            first = first or number
            if m.group(1):
                if stack:
                    stack.pop()
            elif _opens(m):
                stack.append(number)
                if len(stack) > MAX_DEPTH // 2:
                    return stack[0]
    return first or 1


def deep_message(where: str) -> str:
    return (f"{where}里的层级嵌套超过 {MAX_DEPTH} 层（多半是网页代码只有开始标签、没有结束标签，例如只有 <b> 没有 </b>；"
            "或引用符号 > 叠了太多层），网站无法在合理时间内排版它，页面上只显示原样的文字。"
            "请补上结束标签或删去这些网页代码，减少引用的层数")


def complexity_message(what: str, where: str) -> str:
    return (f"{where}{what}，网站无法在合理时间内排版它。请检查是否误粘贴了大量符号，"
            "或把它拆成几段、减少列表的层级")
