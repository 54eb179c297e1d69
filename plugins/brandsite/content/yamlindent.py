"""Where the spaces go: advice for indentation slips whose YAML error lands elsewhere or says too
little (a list item out of line with the one above, a field short of its siblings' column, a text
flush left under its | key). No MkDocs imports."""

from __future__ import annotations

import re

from .yamlwords import KEY_LINE, indent_of, key_column, opens_text

# "  -name: …": a dash with no space after it makes "-name" a key; its list item was meant
_DASH_KEY = re.compile(r"^( *)-(?=[A-Za-z_][\w-]*\s*:)")


def indent_slip(lines: list[str], line: int, problem: str, fields: frozenset[str] = frozenset(),
                top: frozenset[str] = frozenset()) -> tuple[int, str] | None:
    """(line, message) for indentation slips whose YAML error lands elsewhere or says too little;
    None otherwise. `line` is 1-based, where PyYAML stumbled. Among them:

    - "named:" then "date: …" not indented under it, then "  document: …": PyYAML stumbles on
      document, but date is the line to indent.
    - A line of a "connotation: |" text indented less than the text's first line: it ends the
      text, and YAML says only that the indentation is inconsistent."""
    if not 0 < line <= len(lines):
        return None
    here = lines[line - 1]
    field = KEY_LINE.match(here)
    for number in range(line, max(0, line - 3), -1):  # "  -name: …": a key "-name", not an item
        dash = _DASH_KEY.match(lines[number - 1])
        if dash:
            return number, (f"YAML 格式错误：“-”后面要空一格。列表的每一项写成“- 字段: 值”，"
                            f"这一行应写成“{dash.group(1)}- {lines[number - 1][dash.end(1) + 1:].strip()}”")
    if any(p in problem for p in ("expected <block end>", "did not find expected key", "expected '-' indicator")) \
            and here.lstrip().startswith("-"):
        item = _item_out_of_line(lines, line)
        if item:
            return item
    if "expected <document start>" in problem:  # " name: 古城桥" first: the file's top level is one space in
        first = next((n for n, text in enumerate(lines, 1) if text.strip() and not text.lstrip().startswith("#")), None)
        if first and indent_of(lines[first - 1]) and KEY_LINE.match(lines[first - 1]) and first < line:
            return first, (f"YAML 格式错误：这一行开头多了 {indent_of(lines[first - 1])} 个空格。最外层的字段要顶格写，"
                           "前面不留空格，后面的字段与它左对齐")
    if "expected '-' indicator" in problem and field and field.group(2) in top and not here.lstrip().startswith("-"):
        # "  tags: […]" after the carriers' items: no item of theirs, a field of the top level
        above = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith(("#", "-"))
                      and indent_of(lines[n - 1]) < indent_of(here)), None)
        key = KEY_LINE.match(lines[above - 1]) if above else None
        if key:
            return line, _spaces_too_many(indent_of(here) - indent_of(lines[above - 1]), above, key.group(2))
    if "expected '-' indicator" in problem and field and not here.lstrip().startswith("-"):
        # "   description:" under "  - name:": a field of that item, short of (or past) its name's column
        item = next((n for n in range(line - 1, 0, -1) if lines[n - 1].lstrip().startswith("- ")), None)
        if item and KEY_LINE.match(lines[item - 1]) and key_column(lines[item - 1]) != indent_of(here):
            first = KEY_LINE.match(lines[item - 1])
            return line, (f"YAML 格式错误：这一行是第 {item} 行那一项的字段，要与“{first.group(2)}:”左对齐："
                          + _spaces(key_column(lines[item - 1]), indent_of(here)))
    if "mapping values are not allowed" in problem and line >= 3:
        prev, earlier = lines[line - 2], lines[line - 3]
        this_key, prev_key, opener = KEY_LINE.match(here), KEY_LINE.match(prev), KEY_LINE.match(earlier)
        if (this_key and prev_key and opener and not opener.group(3).strip() and indent_of(prev) == indent_of(earlier)
                and indent_of(here) > indent_of(prev)):
            return line - 1, (f"YAML 格式错误：“{prev_key.group(2)}:”应该写在“{opener.group(2)}:”下面，"
                              f"比“{opener.group(2)}:”多缩进两个空格，和下一行的“{this_key.group(2)}:”对齐")
    # a text line flush left, not a key: it ended the text, and YAML looks for its colon
    # (not a field's name with its colon left out: slogan 好)
    flush = "could not find expected ':'" in problem and not KEY_LINE.match(here) \
        and not re.match(r"\s*[A-Za-z_][\w-]*(?:\s|$)", here)
    if "expected <block end>" in problem or "did not find expected key" in problem or flush:
        first = None  # the text's first line, going up
        for number in range(line - 1, 0, -1):
            above = lines[number - 1]
            if not above.strip():
                continue
            key = KEY_LINE.match(above)
            if key and first is None and flush and opens_text(above) and indent_of(here) <= indent_of(above):
                # "connotation: |" and its text pasted flush left under it
                return line, (f"YAML 格式错误：这一行是“{key.group(2)}: {key.group(3).strip()}”下面的多行文字，但没有缩进。"
                              f"多行文字的每一行前面都要空 {indent_of(above) + 2} 个空格（比“{key.group(2)}:”多缩进两格）")
            if key and first is not None and opens_text(above):
                if field and field.group(2) in fields and indent_of(above) < indent_of(here) < indent_of(first):
                    # " carriers:" under the text: a field, as far left as the text's key (not the text's lines)
                    return line, (f"YAML 格式错误：这一行的“{field.group(2)}:”是一个字段，要与第 {number} 行的“{key.group(2)}:”"
                                  f"左对齐：请删去前面多的 {indent_of(here) - indent_of(above)} 个空格")
                if indent_of(above) < indent_of(here) < indent_of(first) or flush and indent_of(here) <= indent_of(above):
                    return line, (f"YAML 格式错误：这一行是“{key.group(2)}: {key.group(3).strip()}”下面多行文字的一部分，"
                                  f"但比第一行文字少缩进了。多行文字的每一行都要和第一行左对齐"
                                  f"（这里是 {indent_of(first)} 个空格）")
                return None
            if indent_of(above) <= indent_of(here):
                return _one_level_in(lines, line, top)
            first = above
    return None


def _item_out_of_line(lines: list[str], line: int) -> tuple[int, str] | None:
    """A list item ("- name: …") not lined up with the item before it in its list: where its "-" goes."""
    here = lines[line - 1]
    for number in range(line - 1, 0, -1):
        above = lines[number - 1]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        if above.lstrip().startswith("-") and indent_of(above) != indent_of(here):
            return line, (f"YAML 格式错误：这一行是列表的一项，开头的“-”要与第 {number} 行的“-”对齐："
                          + _spaces(indent_of(above), indent_of(here)))
        if indent_of(above) < min(indent_of(here), 1) or (KEY_LINE.match(above) and not above.lstrip().startswith("-")
                                                      and indent_of(above) < indent_of(here)):
            return None  # the list's own key: no item above in it
    return None


def _one_level_in(lines: list[str], line: int, top: frozenset[str] = frozenset()) -> tuple[int, str] | None:
    """A key line indented a few spaces past its level (" tags: […]" after goals' items): PyYAML
    says only that the indentation is inconsistent. The level is the nearest key line above whose
    key is further left, unless that key opens a mapping or list and this line is where its
    children go; a key as far left as this one above it means another line is off."""
    here = lines[line - 1]
    this = KEY_LINE.match(here)
    if not this:
        return None
    child = None  # the nearest key line above further in than this one: a child of the key found
    for number in range(line - 1, 0, -1):
        above = lines[number - 1]
        if not above.strip() or above.lstrip().startswith("#") or key_column(above) > key_column(here):
            if above.strip() and KEY_LINE.match(above) and (child is None or key_column(above) <= key_column(lines[child - 1])):
                child = number
            continue
        key = KEY_LINE.match(above)
        if not key or key_column(above) == key_column(here):
            return None
        if not key.group(3).strip() and indent_of(here) >= key_column(above) + 2:
            return None  # where a child of that key goes (two spaces in): another line is off
        if child is not None and not key.group(3).strip() and not (key_column(above) == 0 and this.group(2) in top):
            # " document:" under "named:" and "  date:": one of named's fields, short of their column
            sibling = KEY_LINE.match(lines[child - 1])
            short = key_column(lines[child - 1]) - key_column(here)
            return line, (f"YAML 格式错误：这一行开头少了 {short} 个空格。它和第 {child} 行的“{sibling.group(2)}:”是同一层的字段，"
                          "请补上空格，与它左对齐")
        return line, _spaces_too_many(key_column(here) - key_column(above), number, key.group(2))
    return None


def _spaces(want: int, now: int) -> str:
    """How many spaces a line needs at its start, against how many it has, and what to do."""
    return f"前面应有 {want} 个空格，现在是 {now} 个。请{'补上' if want > now else '删去'} {abs(want - now)} 个空格"


def _spaces_too_many(extra: int, number: int, key: str) -> str:
    """A field `extra` spaces further in than the field `key:` of line `number`, at its level."""
    return f"YAML 格式错误：这一行开头多了 {extra} 个空格。它和第 {number} 行的“{key}:”是同一层的字段，请删去多的空格，与它左对齐"
