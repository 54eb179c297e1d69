"""Paragraphs as Chinese editors write them, made into Markdown's. No MkDocs imports.

Markdown starts a paragraph after a blank line only. Text pasted from Word, or typed as a
Chinese document is, starts each paragraph on a new line with two full-width spaces (段首空两格)
and numbers its points 1、 2、 or (一)(二), or marks them • or ●, on lines of their own: Markdown ran all of it into one
paragraph (1、建立台账 2、逐户走访, with wide gaps inside). Such a line after a line of text
starts a paragraph of its own here; fenced code is left as written.
"""

from __future__ import annotations

import re

# A paragraph's first line: full-width spaces first, a Chinese numbering (1、 一、 (一) (1)), or a
# bullet as Word and WPS paste them (•, ● and the like, then a tab).
BULLETS = "•●○◆◇■□▪▫►▶➢➤√✓★☆"  # Word's and WPS's (tables.py: a line begun with one is no table row)
_STARTS = re.compile(r"\u3000|(?:\d{1,3}|[一二三四五六七八九十]{1,3})[、．]|[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[）)]"
                     rf"|[{BULLETS}]")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# A block (lines from a blank line to the next) that is no plain paragraph: a list, a quote, a
# footnote, a heading, HTML, a table, or indented: its lines stay with it, whatever they start with.
_NOT_PLAIN = re.compile(r"[ \t]|[-*+>#<|]|\d+[.)]|\[\^")
# The line under a setext heading: the line above it would become the heading.
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")


class _Block:
    """The current block (from a blank line on): its first line, whether a line of it holds |,
    and what emphasis, code or link it leaves open. Kept as counts, so that each line is read once."""

    def __init__(self) -> None:
        self.first, self.pipe, self.ticks, self.stars, self.brackets = "", False, 0, 0, 0

    def add(self, line: str) -> None:
        self.first = self.first or line
        self.pipe = self.pipe or "|" in line
        self.ticks += line.count("`")
        self.stars += line.count("**")
        self.brackets += line.count("[") - line.count("]")

    def splits_before(self, line: str, below: str) -> bool:
        """Whether `line` starts a paragraph of its own: a plain paragraph goes on above it, nothing
        is left open, and the line below does not make it a setext heading."""
        return bool(self.first and _STARTS.match(line) and "|" not in line and not self.pipe
                    and not _NOT_PLAIN.match(self.first) and not _UNDERLINE.match(below)
                    and self.ticks % 2 == 0 and self.stars % 2 == 0 and self.brackets <= 0)


# A list item's start: its indent, marker and the space after it.
_ITEM = re.compile(r"( *)(?:[-*+]|\d{1,9}[.)])[ \t]+(?=\S)")


def _nested(lines: list[str]) -> list[str]:
    """List items nested two or three spaces deeper than the item above them, as editors and their
    tools write them (Typora, VS Code, 1. then 3 spaces), re-indented by four spaces a level, as
    Python-Markdown reads a nested list: it ran them into the item above (组建服务队 - 宣讲队 - 医疗队).
    Lists nested by four spaces come out as they were; other lines and fenced code are left alone."""
    out: list[str] = []
    levels: list[int] = []  # the indents of the open list levels
    fence, gap = "", False
    for line in lines:
        opened = _FENCE.match(line)
        if fence or opened:
            fence = ("" if opened and opened.group(1) == fence else fence) if fence else opened.group(1)
            levels = []
            out.append(line)
            continue
        item = _ITEM.match(line)
        if item is None:
            if line.strip() and gap and not line[:1].isspace():  # a paragraph after the list
                levels = []
            gap = not line.strip()
            out.append(line)
            continue
        gap = False
        indent = len(item.group(1))
        if not levels:
            if indent > 3:  # indented text, not a list
                out.append(line)
                continue
            levels = [indent]
        while len(levels) > 1 and indent < levels[-1]:
            levels.pop()
        if indent >= levels[-1] + 2:
            levels.append(indent)
        out.append(" " * (4 * (len(levels) - 1)) + line[indent:] if len(levels) > 1 else line)
    return out


def split(text: str) -> str:
    """`text` with a blank line before each line that starts a Chinese paragraph inside a plain
    paragraph; never in fenced code (closed by the same fence) or <pre>, in a block that is no
    plain paragraph, above a setext underline, or inside emphasis, code or a link; its lists nested
    as written (_nested). Linear."""
    if "\n" not in text:
        return text
    lines = _nested(text.split("\n"))
    out: list[str] = []
    fence = ""
    pre = 0
    block = _Block()
    for i, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            fence = "" if opened and opened.group(1) == fence else fence
        elif opened:
            fence = opened.group(1)
        elif pre or "<pre" in line.lower():
            pre = max(pre + line.lower().count("<pre") - line.lower().count("</pre>"), 0)
        elif not line.strip():
            block = _Block()
        elif block.splits_before(line, lines[i + 1] if i + 1 < len(lines) else ""):
            out.append("")
            block = _Block()
        if not fence and not pre and line.strip():
            block.add(line)
        out.append(line)
    return "\n".join(out)
