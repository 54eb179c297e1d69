"""Safe YAML that remembers line numbers. No MkDocs imports.

Mappings come back as `LineDict` and sequences as `LineList`: ordinary
containers with a `.line` of their own and `.lines` for each key or item, so
that every problem can name `path:line`. Only PyYAML's SafeLoader is used
(no `!!python/...` tags), dates stay strings (the schema checks them).

Before anything is composed, the event stream is walked once, without
recursion: anchors and aliases are refused (a brand file never needs them,
and an alias silently copies one field into another, such as a contact's
phone into the public `region`), nesting is capped (composing a deeply
nested file recurses once per level), and so are control characters. Numbers
must be finite and of a sane length.
"""

from __future__ import annotations

import functools
import math
import re

import yaml

from ..errors import BrandsiteError
from .yamlindent import indent_slip
from .yamlslips import field_names, slips, top_field_names
from .yamlwords import (
    MAX_DIGITS,
    MERGE_MESSAGE,
    OPENED_CONTEXTS,
    TAG_MESSAGE,
    UNWRITABLE,
    alias_message,
    block_comment_message,
    comma_message,
    comment_message,
    empty_comment_message,
    item_duplicate_message,
    control_message,
    hash_in_brackets,
    explain,
    number_message,
    open_quote_line,
    open_quote_message,
)

# A brand.yml needs four levels (goals: - items: [...]); anything near this is a mistake.
MAX_DEPTH = 12
# libyaml's parser when present (about 10x faster); our constructors either way.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    line: int = 1
    column: int | None = 0  # where its keys start; None when written in { }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}


class LineList(list):
    line: int = 1

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: list[int] = []


def line_of(data, path) -> int:
    node, line = data, getattr(data, "line", 1)
    for key in path:
        lines = getattr(node, "lines", None)
        if lines is None:
            break
        try:
            line, node = lines[key], node[key]
        except (KeyError, IndexError, TypeError):
            break
    return line


class YamlProblem(BrandsiteError):
    """A file that cannot be read as YAML; `line` is 1-based."""

    def __init__(self, line: int, message: str, more: list[tuple[int, str]] = ()):
        super().__init__(message)
        self.line = line
        self.message = message
        self.more = list(more)  # (line, message) of further such mistakes in the same file


class _Loader(_Base):
    def __init__(self, stream):
        super().__init__(stream)
        self.text = stream
        # Only a file with a "#" can have a value cut by a comment (construct_scalar): the rest skip the check.
        self.lines = self.all_lines if "#" in stream else []
        self.duplicates: list[tuple[object, int, int]] = []  # (key, line written again, line written first)
        self.repairs: list[tuple[str, int, str]] = []  # (message, line, level): what was read otherwise than written

    @functools.cached_property
    def all_lines(self) -> list[str]:
        """The text's lines, made when something needs them (a "#" in it, a key written twice)."""
        return self.text.split("\n")

    def construct_scalar(self, node):
        value = super().construct_scalar(node)
        if node.style and node.end_mark is not None and node.end_mark.line > node.start_mark.line:
            # Under `connotation: |`, or inside quotes over several lines, a "# 备注" line is text
            # (a heading, in prose), not a comment.
            for number in _text_lines(node, self.lines):
                if _BLOCK_COMMENT.match(self.lines[number]):
                    self.repairs.append((block_comment_message(self.lines[number].strip()), number + 1, "error"))
        if not node.style and node.end_mark is not None and node.end_mark.line < len(self.lines):
            # `slogan: 党建 #1`: YAML reads " #1" as a comment; a "#" right before a word is text meant to show.
            rest = self.lines[node.end_mark.line][node.end_mark.column:]
            if _CUT_COMMENT.match(rest) and value and node.tag == "tag:yaml.org,2002:str":
                self.repairs.append((comment_message(str(value), rest.strip()), node.end_mark.line + 1, "warning"))
        return value

    def construct_object(self, node, deep=False):
        """`slogan: #1 党建聚芯`: the whole value is a comment to YAML, and the field reads as empty.
        An error at its line, and the value read as meant, so that no "empty" message follows it."""
        if (isinstance(node, yaml.ScalarNode) and not node.style and node.value == "" and node.tag == "tag:yaml.org,2002:null"
                and node.end_mark is not None and node.end_mark.line < len(self.lines)):
            line = self.lines[node.end_mark.line]
            rest = line[node.end_mark.column:]
            if _CUT_COMMENT.match(rest):
                key = re.match(r"\s*(?:-\s+)?([^:#]+?)\s*:\s*$", line[:node.end_mark.column])
                self.repairs.append((empty_comment_message(key.group(1) if key else "", rest.strip()), node.end_mark.line + 1, "error"))
                return rest.strip()
        return super().construct_object(node, deep)


_CUT_COMMENT = re.compile(r"\s+#\S")  # the comment is the rest of the line, stripped (no backtracking over spaces)
# One "#" at a line's start: a comment to whoever wrote it, a heading to Python-Markdown (with a
# space after it or not: #备注 too). "## 小标题" and deeper are headings meant as ones.
_BLOCK_COMMENT = re.compile(r"^\s*#(?!#)")


def _text_lines(node, lines: list[str]) -> range | list[int]:
    """The lines (0-based) that hold a multi-line scalar's text. A block scalar (| or >) ends
    before the line of its end mark when that mark is at a line's start, and holds only lines
    indented at least as its first line: a "#" line less indented is a YAML comment after it."""
    first, last = node.start_mark.line + 1, min(node.end_mark.line, len(lines) - 1)
    if node.style not in ("|", ">"):
        return range(first, last + 1)
    if node.end_mark.column == 0:
        last -= 1
    body = [n for n in range(first, last + 1) if lines[n].strip()]
    if not body:
        return []
    indent = len(lines[body[0]]) - len(lines[body[0]].lstrip(" "))
    return [n for n in body if len(lines[n]) - len(lines[n].lstrip(" ")) >= indent]


def _walk_events(text: str) -> None:
    """Refuse anchors, aliases, deep nesting and control characters, from the event stream.

    The parser keeps its own stack, so this loop sees a file nested 50,000 levels deep
    as safely as any other, and stops at the first level too many."""
    depth = 0
    for event in yaml.parse(text, Loader=_Base):
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(line, alias_message(f"*{event.anchor}"))
        if getattr(event, "anchor", None):
            raise YamlProblem(line, alias_message(f"&{event.anchor}"))
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(line, f"内容嵌套超过 {MAX_DEPTH} 层，已拒绝读取。品牌文件最多只需要四层，请检查缩进和括号是否写错")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if getattr(event, "tag", None):  # only a tag written in the file: !!str, !!map, !foo
            raise YamlProblem(line, TAG_MESSAGE)
        if isinstance(event, yaml.ScalarEvent):
            bad = UNWRITABLE.search(event.value)
            if bad:
                raise YamlProblem(line, control_message(bad.group()))


# Dates stay text: a bad date like 2023-02-30 must become a message, not a
# ValueError from PyYAML's timestamp constructor.
_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlProblem(key_node.start_mark.line + 1, MERGE_MESSAGE)
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.column = None if node.flow_style else node.start_mark.column
    previous = None
    told_item = False
    for key_node, value_node in node.value:
        if node.flow_style and previous is not None and _comma_split(key_node, value_node):
            # `{event: 召开党员大会,确定品牌名称}`: YAML splits Chinese text at the
            # ASCII comma. Editors mean one value, as the format's own example does.
            joined = f"{result[previous]},{key_node.value}"
            result[previous] = joined
            loader.repairs.append((comma_message(joined), key_node.start_mark.line + 1, "info"))
            continue
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in result and _list_item(loader, node):
            # "- name: 甲" … "  name: 乙": most often a new item whose "- " is missing, not a key to
            # delete; told once, at the item's first key written again (its other keys follow it)
            if not told_item:
                loader.repairs.append((item_duplicate_message(str(key)), line, "error"))
            told_item = True
        elif key in result:
            loader.duplicates.append((key, line, result.lines[key]))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
        previous = key if isinstance(result[key], str) else None
    return result


def _list_item(loader, node) -> bool:
    """Whether a block mapping is a list's item: "- " stands before its first key on its line."""
    mark = node.start_mark
    if node.flow_style or mark is None:
        return False
    lines = loader.all_lines
    before = (lines[mark.line] if mark.line < len(lines) else "")[:mark.column].rstrip(" ")
    return before.endswith("-") and before[-2:-1] in ("", " ")


def _comma_split(key_node, value_node) -> bool:
    return (
        isinstance(key_node, yaml.ScalarNode)
        and not key_node.style  # plain: None in PyYAML, "" in libyaml
        and not key_node.value.isascii()
        and isinstance(value_node, yaml.ScalarNode)
        and value_node.value == ""
    )


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    # Python refuses to parse more than 4,300 digits (ValueError), and a float of a
    # 400-digit integer overflows: the length is checked before either can happen.
    digits = sum(c.isalnum() for c in node.value)  # hexadecimal too
    if digits > MAX_DIGITS:
        raise YamlProblem(node.start_mark.line + 1, number_message(node.value))
    value = yaml.SafeLoader.construct_yaml_int(loader, node)
    _not_as_written(node, value)
    return value


def _not_as_written(node: yaml.ScalarNode, value) -> None:
    """YAML 1.1 reads some numbers otherwise than they look: 1:30 as 90 (base 60), 03720 as 2000
    (octal), 0x10 as 16. Refused where written, with what it would have been read as."""
    text = node.value.lstrip("+-").replace("_", "")  # 0_10 is octal too
    if ":" in text:
        why = "冒号分隔的数字按六十进制计算"
    elif len(text) > 1 and text[0] == "0" and text[1].isalnum() and "." not in text and "e" not in text.lower():
        why = "以 0 开头的数字按八进制计算" if text[1].isdigit() else "0x、0b 开头的数字按十六进制、二进制计算"
    else:
        return
    shown = value if isinstance(value, int) else f"{value:g}"
    raise YamlProblem(node.start_mark.line + 1,
                      f"“{node.value[:20]}”会被读成 {shown}（{why}），不是写的样子。数值请只写数字（去掉开头的 0 和冒号）；"
                      f"要原样保留（编号、时间）请加引号，如 \"{node.value[:20]}\"")


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> float:
    digits = sum(c.isdigit() for c in node.value.lower().split("e")[0])
    if digits > MAX_DIGITS:
        raise YamlProblem(node.start_mark.line + 1, number_message(node.value))
    value = yaml.SafeLoader.construct_yaml_float(loader, node)
    _not_as_written(node, value)
    # 1.0e-300 has few digits as written, and hundreds written out (a page shows it so); a big
    # one (1e20) is told the range of its field instead, by the schema
    if value and abs(value) < 10.0 ** (1 - MAX_DIGITS):
        raise YamlProblem(node.start_mark.line + 1, number_message(node.value))
    if not math.isfinite(value):  # .inf, .nan, and 1.0e+400
        raise YamlProblem(
            node.start_mark.line + 1,
            f"“{node.value[:20]}”不是有效的数值（.inf、.nan 表示无穷大和“非数字”，过大的指数也会变成无穷大）。请填写实际的数值",
        )
    return value


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def load(text: str) -> tuple[object, list[tuple[object, int]], list[tuple[str, int, str]]]:
    """Parse YAML text; return (data, duplicate keys, what was read otherwise than written:
    (message, line, level)). Characters an input method puts in the way (a Tab, a full-width
    colon) are errors, every one of them, each at its line; the rest of the file is read with
    them mended, so that its other mistakes are told in the same check."""
    mistakes, mended = slips(text)
    if not mistakes:
        return _load(text)
    try:
        data, duplicates, repairs = _load(mended)
    except YamlProblem:
        raise YamlProblem(mistakes[0][0], mistakes[0][1], more=mistakes[1:]) from None
    return data, duplicates, [(message, line, "error") for line, message in mistakes] + repairs


def _load(text: str) -> tuple[object, list[tuple[object, int]], list[tuple[str, int, str]]]:
    loader = None
    try:
        _walk_events(text)
        loader = _Loader(text)
        data = loader.get_single_data()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        # Where the editor must look: for an unclosed bracket or quote and a key without its
        # colon PyYAML notices on a later line; the line that opened it is the one to mend.
        opened = any(c in (exc.context or "") for c in OPENED_CONTEXTS)
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        lines = text.splitlines()
        flow = "flow" in (exc.context or "") or any(w in (exc.problem or "") for w in ("expected ','", "expected node content"))
        hashed = hash_in_brackets(lines, line) if flow else None
        if hashed:  # tags: [#乡村振兴, …]: the rest of the line is a comment
            raise YamlProblem(*hashed) from None
        # A quote left open runs on to a later quote, and PyYAML stumbles there: the open one is the mistake.
        open_quote = open_quote_line(lines, line)
        if open_quote:
            raise YamlProblem(open_quote, open_quote_message(lines[open_quote - 1])) from None
        slip = indent_slip(lines, line, exc.problem or "", field_names(), top_field_names())
        if slip:
            raise YamlProblem(*slip) from None
        raise YamlProblem(line, explain(exc, lines[line - 1] if 0 < line <= len(lines) else "",
                                         lines[line - 2] if 1 < line <= len(lines) + 1 else "", field_names())) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML 格式错误：{exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, loader.duplicates, loader.repairs


def compose(text: str):
    """The document's node tree (with each node's marks), for reading values with their lines."""
    return yaml.compose(text, Loader=_Base)


def body_line(front: str | None, first: int) -> int:
    """The file line the text after the front matter starts on, from `split_front_matter`'s
    front matter and first line (1 for a file without front matter)."""
    return first + front.count("\n") + 2 if front is not None else 1


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split `---` front matter from a Markdown file.

    Returns (yaml_text or None, body, line of the first YAML line).
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), 2
    return None, text, 1
