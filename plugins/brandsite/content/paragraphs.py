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


def split(text: str) -> str:
    """`text` with a blank line before each line that starts a Chinese paragraph after a line of text."""
    if "\n" not in text:
        return text
    out: list[str] = []
    fence = None
    for line in text.split("\n"):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)[0]
        elif fence is not None:
            if opened and opened.group(1)[0] == fence:
                fence = None
        elif out and out[-1].strip() and _STARTS.match(line) and not _FENCE.match(out[-1]):
            out.append("")
        out.append(line)
    return "\n".join(out)
