"""Paragraphs as Chinese editors write them, made into Markdown's. No MkDocs imports.

Markdown starts a paragraph after a blank line only. Text pasted from Word, or typed as a
Chinese document is, starts each paragraph on a new line with two full-width spaces (段首空两格)
and numbers its points 1、 2、 or (一)(二) on lines of their own: Markdown ran all of it into one
paragraph (1、建立台账 2、逐户走访, with wide gaps inside). Such a line after a line of text
starts a paragraph of its own here; fenced code is left as written.
"""

from __future__ import annotations

import re

# A paragraph's first line: full-width spaces first, or a Chinese numbering (1、 一、 (一) (1)).
_STARTS = re.compile(r"\u3000|(?:\d{1,3}|[一二三四五六七八九十]{1,3})[、．]|[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[）)]")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# A block (lines from a blank line to the next) that is no plain paragraph: a list, a quote, a
# footnote, a heading, HTML, a table, or indented: its lines stay with it, whatever they start with.
_NOT_PLAIN = re.compile(r"[ \t]|[-*+>#<|]|\d+[.)]|\[\^")
# The line under a setext heading: the line above it would become the heading.
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")


def _open_inline(text: str) -> bool:
    """Whether emphasis, code or a link started in `text` may go on past its end."""
    return text.count("`") % 2 == 1 or text.count("**") % 2 == 1 or text.count("[") > text.count("]")


def split(text: str) -> str:
    """`text` with a blank line before each line that starts a Chinese paragraph inside a plain
    paragraph; never in fenced code (closed by the same fence) or <pre>, in a block that is no
    plain paragraph, above a setext underline, or inside emphasis, code or a link."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    fence = ""
    pre = 0
    block = ""  # the current block's text so far ("" after a blank line)
    for i, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            fence = "" if opened and opened.group(1) == fence else fence
        elif opened:
            fence = opened.group(1)
        elif pre or "<pre" in line.lower():
            pre = max(pre + line.lower().count("<pre") - line.lower().count("</pre>"), 0)
        elif not line.strip():
            block = ""
        elif (block and _STARTS.match(line) and "|" not in line + block and not _NOT_PLAIN.match(block)
              and not _UNDERLINE.match(lines[i + 1] if i + 1 < len(lines) else "") and not _open_inline(block)):
            out.append("")
            block = ""
        if not fence and not pre and line.strip():
            block += line + "\n"
        out.append(line)
    return "\n".join(out)
