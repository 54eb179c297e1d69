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
# A line that is not plain paragraph text: a list item, a quote, a footnote, a heading, HTML, a
# table row, or indented (a list item's own lines): the line after it stays with it.
_NOT_PLAIN = re.compile(r"[ \t]|[-*+>#<|]|\d+[.)]|\[\^")


def split(text: str) -> str:
    """`text` with a blank line before each line that starts a Chinese paragraph after a line of
    plain text; never inside fenced code or <pre>, nor in or next to a table (a line with |)."""
    if "\n" not in text:
        return text
    out: list[str] = []
    fence = ""
    pre = False
    for line in text.split("\n"):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
        elif opened:
            fence = opened.group(1)
        elif pre or "<pre" in line.lower():
            pre = "</pre>" not in line.lower()
        elif (out and out[-1].strip() and _STARTS.match(line) and "|" not in line and "|" not in out[-1]
              and not _NOT_PLAIN.match(out[-1]) and not _FENCE.match(out[-1])):
            out.append("")
        out.append(line)
    return "\n".join(out)
