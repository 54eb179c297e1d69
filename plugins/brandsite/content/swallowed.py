"""Fields a text above them swallowed. No MkDocs imports.

A field indented under a `connotation: |` (or any | or > text) is a line of that text to YAML:
`   carriers:` after the connotation's lines made "carriers:- name: 桥头议事会description: …" part
of the 理念内涵 the page shows, and the check said only that carriers was missing. Followed, that
advice added a second carriers block and published the first as text. Told at the line.
"""

from __future__ import annotations

import re
from typing import Iterator

from .model import Problem

_FIELD = re.compile(r" *(?:- +)?([A-Za-z_][\w-]*):(?: |$)")
_KEY = re.compile(r"[A-Za-z_][\w-]*")


def swallowed_fields(src) -> Iterator[Problem]:
    """The first line of each | or > text of brand.yml that reads as one of the format's fields."""
    from .yamlslips import field_names
    from .yamlwords import key_column, opens_text

    if not src.readable or not src.text:
        return
    fields = field_names()
    block = None  # the text being read: (its key's column, the key, whether told)
    for number, line in enumerate(src.text.split("\n"), 1):
        line, indent = line.rstrip("\r"), len(line) - len(line.lstrip(" "))
        if block is not None:
            if not line.strip() or line.lstrip().startswith("#") and indent > block[0]:
                continue
            if indent > block[0]:
                field = _FIELD.match(line)
                if field and field.group(1) in fields and not block[2]:
                    block = (block[0], block[1], True)
                    yield Problem(src.yml, number, (
                        f"{block[1]}: 下面的多行文字里，这一行“{line.strip()[:30]}”像是一个字段：它比 {block[1]}: 缩进得多，"
                        f"YAML 把它和下面几行都读成了 {block[1]} 的文字，网站会照样显示出来。它是字段的话，"
                        f"请删去前面多的空格，与 {block[1]}: 左对齐"), "warning", src.slug)
                continue
            block = None
        column = key_column(line)
        if opens_text(line, column) and (key := _KEY.match(line, column)):
            block = (column, key.group(0), False)
