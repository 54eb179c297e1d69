"""What an input method puts in the way of YAML, found line by line before it is parsed. No MkDocs imports.

A Tab or a full-width space in the indentation, a key's full-width colon (also inside { }),
a Chinese comma between the items of { }, a Chinese dash for a list item's "- ", no space after
a key's colon (title:银发守望岗): each is an error at its line (a line of a | or > text is text:
理念：为民服务 in it is no key), and the text is given back with all of them mended as meant,
so that one check tells the file's other mistakes too (yamlsafe.load).
"""

from __future__ import annotations

import functools
import re

from .yamlwords import CONTROLS, control_message, key_column, opens_text

# Characters pasted from Word or a web page that YAML cannot read where they stand: control
# characters (Word's Shift+Enter is U+000B), which PyYAML refuses with an English message at the
# file's first line, and the Unicode line and paragraph separators (and U+0085), which it reads as
# line breaks, so that the rest of the line seems badly indented.
_UNREADABLE = re.compile("[" + CONTROLS + "\u2028\u2029]")
_BREAKS = "\x85\u2028\u2029"

_DASH_ITEM = re.compile(r"^( *)([—–－]+)\s*([A-Za-z_][\w-]*)[:：]")
_FLOW_KEY = re.compile(r"(?<=[{,])\s*([A-Za-z_][\w-]*)：")
_FLOW_COMMA = re.compile(r"([，、])\s*(?=([A-Za-z_][\w-]*)\s*[:：])")
# A key whose value starts with a quote: (the quote, the rest of the line).
_QUOTED = re.compile(r"[A-Za-z_][\w-]*[ \t]*:[ \t]+([\"'])(.*)$")
# "title:银发守望岗", "  - name:芯火讲堂": a field's name and its colon with no space after it, then
# text (not "//" of an address, nor a second colon of a time).
_TIGHT_KEY = re.compile(r"^( *)(- +)?([a-z_][a-z0-9_]*):(?=[^\s/:#])")
# "organization:\u00a0…": the space after a field's colon is a no-break space (Word, web pages).
# Spaces a page or Word pastes that look like " " and are no indentation to YAML (U+00A0, figure, narrow).
_NARROW_SPACES = "\u00a0\u2007\u202f"
_AS_SPACE = str.maketrans(_NARROW_SPACES, "   ")
_HARD_SPACE = re.compile(r"(^ *(?:- +)?|(?<=[{,]) *)([a-z_][a-z0-9_]*):[\u00a0\u2007\u202f\u3000]+")


def _noted(m: re.Match, key: str, mended: str, noted: list, fields: frozenset[str]) -> str:
    """`mended` for a slip next to a field's name (noted), else as written."""
    if key not in fields:
        return m.group(0)
    noted.append(m)
    return mended


SHOWN = 5  # slips of one kind told one by one on a line; the rest counted


def _more(number: int, noted: list) -> list[tuple[int, str]]:
    rest = len(noted) - SHOWN
    return [(number, f"这一行还有 {rest} 处同样的问题，请一并改正")] if rest > 0 else []


def _properties(nodes: list) -> set[str]:
    """The names of every property of `nodes` (parts of a JSON schema), at any depth."""
    names: set[str] = set()
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return names


@functools.lru_cache(maxsize=1)
def field_names() -> frozenset[str]:
    """Every field name of the format (brand.yml's and a case's, at any depth): a word before a
    colon in a line of text (wechat:连心驿站, AI：智能问答) is no slip."""
    from .schema import brand_schema, case_schema

    return frozenset(_properties([brand_schema(), case_schema()]))


@functools.lru_cache(maxsize=1)
def top_field_names() -> frozenset[str]:
    """The fields of brand.yml's and a case's top level that no list item or mapping inside has
    (tags, cluster, featured…; not name, which a carrier has too)."""
    from .schema import brand_schema, case_schema

    fields = [schema.get("properties", {}) for schema in (brand_schema(), case_schema())]
    return frozenset({name for top in fields for name in top} - _properties([node for top in fields for node in top.values()]))


def unreadable(line: str) -> str | None:
    """What to say of a line holding a character YAML cannot read where it stands, or None."""
    found = _UNREADABLE.search(line)
    if not found:
        return None
    char = found.group(0)
    return (f"这一行有看不见的换行符（U+{ord(char):04X}，常见于从 Word 或网页复制来的文字），YAML 会在这里断行，"
            "这一行后面的内容就读错了。请删去它（把光标移到那里按删除键，或重新输入这一行）"
            if char in _BREAKS else control_message(char))


def _expected_indent(last: str | None, item: str | None, stripped: str, otherwise: int) -> int:
    """The spaces a line indented with Tabs or full-width spaces needs, from `last`, the last line
    above it with content (already mended), and `item`, the last list item above: a list item lines
    up with the item before it, or goes two spaces in under a key that opens it; a key lines up with
    the key above (a list item's key after its "- "), or goes two in under it."""
    if last is None:
        return otherwise
    opens = last.rstrip().endswith(":")
    if stripped.startswith("- ") and not opens:
        return len(item) - len(item.lstrip(" ")) if item is not None else otherwise
    return key_column(last) + (2 if opens else 0)


# A Tab where a | or > text's lines begin: YAML (libyaml) takes none in the first line's indentation.
_TEXT_TAB = ("这一行是多行文字（例如 connotation: | 下面的一段），开头用了 Tab：YAML 只认空格。请删去 Tab，"
             "这一行开头空 {} 个空格（多行文字每行前面空 2 个空格；段首想空两格，可以在这些空格后面再打两个全角空格）")
_KEY = re.compile(r"[A-Za-z_]+[ \t]*[:：]")  # a line under a text that is a field's, not the text's


def slips(text: str) -> tuple[list[tuple[int, str]], str]:
    """The characters that break YAML for people typing on a Chinese IME, every line of them
    (line, message), and the text with them mended as meant (a Tab or a full-width space in the
    indentation as two spaces, a key's full-width colon as ": "), so that one check can tell
    everything else in the file too."""
    found: list[tuple[int, str]] = []
    lines = text.split("\n")
    block: int | None = None  # inside a | or > text: the column of its key, which its lines are indented past
    last: tuple[int, bool] | None = None  # the last key line's indentation, and whether it ends with ":"
    quote: str | None = None  # inside a quoted value over several lines: its quote
    fields = field_names()
    above: str | None = None  # the last line with content, and the last list item, as mended
    item: str | None = None
    waiting = False  # a | or > text's first line comes next
    for number, line in enumerate(lines, 1):
        if number > 1 and (prev := lines[number - 2]).strip() and not prev.lstrip().startswith("#"):
            above, item = prev, prev if prev.lstrip().startswith("- ") else item
        said = unreadable(line)
        if said:
            found.append((number, said))
            line = lines[number - 1] = _UNREADABLE.sub("", line)
        stripped = line.lstrip(" \t\u3000" + _NARROW_SPACES)
        indent = line[: len(line) - len(stripped)]
        first_text, waiting = waiting and bool(stripped.strip()), waiting and not stripped.strip()
        if block is not None and len(line) - len(line.lstrip(" ")) > block:
            if first_text and "\t" in indent:  # "  \t段首": no Tab right after the text's first indentation
                found.append((number, _TEXT_TAB.format(len(line) - len(line.lstrip(" ")))))
                line = lines[number - 1] = line[:len(line) - len(line.lstrip(" "))] + indent.lstrip(" ").replace("\t", "") + stripped
            continue  # a line of text indented past its key: full-width spaces after that are its own (段首空两格)
        mended = indent.replace("\t", "  ").replace("\u3000", "  ").translate(_AS_SPACE)
        # under connotation: | , a line of its text (not the next field, tags: written after a Tab)
        text_line = block is not None and stripped.strip() and _KEY.match(stripped) is None
        if indent.strip(" "):
            mended = " " * (block + 2 if text_line else _expected_indent(above, item, stripped, len(mended)))
        spaces = f"：这一行开头应是 {len(mended)} 个空格，与同一层的其他行对齐"  # as the rest of the check reads it
        if "\t" in indent and text_line:
            found.append((number, _TEXT_TAB.format(len(mended))))
        elif "\t" in indent:
            found.append((number, "这一行用了 Tab 缩进。YAML 只能用空格缩进，请把 Tab 换成空格" + spaces))
        elif "\u3000" in indent:
            found.append((number, "这一行用了全角空格（U+3000）缩进。请换成半角空格" + spaces))
        elif indent.strip(" "):  # looks like spaces on screen
            found.append((number, "这一行开头的空格是不换行空格（U+00A0 等，从 Word 或网页复制的文字里常有），"
                                  "看上去和空格一样，YAML 却不认作缩进。请删掉行首的空白，重新用半角空格缩进" + spaces))
        if indent.strip(" "):
            line = lines[number - 1] = mended + stripped
        width = len(line) - len(line.lstrip(" "))
        if block is not None and (not stripped.strip() or width > block):
            continue  # a line of text (理念：为民服务), not a key
        block = None
        if quote is not None:  # slogan: "服务群众⏎wifi:全覆盖": text up to the closing quote
            if quote in stripped:
                quote = None
            continue
        if stripped.startswith("#"):
            continue
        column = key_column(line)
        block = column if opens_text(line, column) else None
        waiting = block is not None  # the text's first line is next
        opened = _QUOTED.match(line, column)
        if opened and opened.group(1) not in opened.group(2):  # its closing quote is on a later line
            quote = opened.group(1)
        dash = _DASH_ITEM.match(line)
        if dash:  # "— name: 党员示范岗": a Chinese dash for the list item's "- "
            found.append((number, f"列表项开头的“{dash.group(2)}”是中文破折号或全角符号。请换成半角减号加空格“- ”，"
                                  f"例如“- {dash.group(3)}: …”"))
            line = lines[number - 1] = dash.group(1) + "- " + line[dash.end(2):].lstrip(" ")
            stripped = line.lstrip(" ")
        head = stripped.lstrip("- ")
        colon = head.find("：")
        if colon > 0 and head[:colon] in fields:  # 理念：… in a text is no key
            spaced = head[colon + 1:colon + 2] == " "  # slogan： 供销…: the space is there already
            found.append((number, f"“{head[:colon]}”后面用了全角冒号“：”。请换成半角冒号“:”"
                                  + ("（后面的空格保留）" if spaced else "并在后面加一个空格")))
            at = len(line) - len(head) + colon
            line = lines[number - 1] = line[:at] + ": " + line[at + 1:].lstrip(" ")
        hard: list[re.Match] = []
        brace = line.find("{")  # at a key's place: the line's start, or inside { }
        mended = _HARD_SPACE.sub(lambda m: _noted(m, m.group(2), f"{m.group(1)}{m.group(2)}: ", hard, fields)
                                 if m.start() == 0 or 0 <= brace < m.start() else m.group(0), line)
        if hard:  # organization:\u00a0…, {label:\u3000…}: the space after the colon is no space to YAML
            found.append((number, f"“{hard[0].group(2)}”的冒号后面是一个不换行空格或全角空格（从 Word、网页复制或用中文输入法时常见），"
                                  "YAML 不认。请删掉冒号后面的空格，重新打一个半角空格"))
            line = lines[number - 1] = mended
        # title:银发守望岗 — a key's colon with no space after it: YAML reads the line as text, joins
        # it to the next and stumbles a line later. At a key's place only: a list item's, or a line
        # no deeper than the key above it, or just below a key that opens a mapping.
        tight = _TIGHT_KEY.match(line)
        if tight and tight.group(3) in fields and (tight.group(2) or last is None or width <= last[0] or last[1]):
            key, value = tight.group(3), line[tight.end(3) + 1:]
            whole = len(value) <= 40  # a longer one is shown cut, and said so: copied as shown, it lost its end
            shown = f"{value}”" if whole else f"{value[:30]}……”（后面的文字照原样保留）"
            found.append((number, f"“{key}”后面的冒号后面要空一格。请写成“{key}: {shown}"))
            line = lines[number - 1] = line[:tight.end(3) + 1] + " " + value
        if stripped.strip():
            last = (width, line.rstrip().endswith(":"))
        # the keys inside { }: {label：为群众解决难题, value：120}
        brace = line.find("{")  # only in a { } mapping, not in a text that has ",ABC：" in it
        if brace >= 0:  # one pass each, one message each per line (a line of 88,000 took 25 s)
            commas: list[re.Match] = []
            head, tail = line[:brace], _FLOW_COMMA.sub(lambda c: _noted(c, c.group(2), ", ", commas, fields), line[brace:])
            for comma in commas[:SHOWN]:  # {label: 为群众解决难题，value: 120}: a Chinese comma between two items reads as text
                found.append((number, f"{{ }} 里“{comma.group(2)}”前面用了中文逗号“{comma.group(1)}”。各项之间要用半角逗号“,”，"
                                      f"例如 {{label: 为群众解决难题, value: 120}}"))
            found += _more(number, commas)
            keys: list[re.Match] = []
            tail = _FLOW_KEY.sub(lambda k: _noted(k, k.group(1), k.group(0)[:k.end(1) - k.start()] + ": ", keys, fields), tail)
            for key in keys[:SHOWN]:
                found.append((number, f"“{key.group(1)}”后面用了全角冒号“：”。请换成半角冒号“:”并在后面加一个空格"))
            found += _more(number, keys)
            line = lines[number - 1] = head + tail
    return found, "\n".join(lines)
