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

import codecs
import math
import re

import yaml

from ..errors import BrandsiteError

# A brand.yml needs four levels (goals: - items: [...]); anything near this is a mistake.
MAX_DEPTH = 12
# Digits in a number: 10**15 is far beyond any count a brand reports, and exact in a float.
MAX_DIGITS = 15
# libyaml's parser when present (about 10x faster); our constructors either way.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# C0 and C1 controls but tab and line breaks, DEL, and lone surrogates (from "\ud800"
# escapes): nothing an editor types, and each can break a page, a feed or the UTF-8 output.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


class LineDict(dict):
    line: int = 1

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

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _Loader(_Base):
    def __init__(self, stream):
        super().__init__(stream)
        self.lines = stream.split("\n")
        self.duplicates: list[tuple[object, int]] = []
        self.repairs: list[tuple[str, int, str]] = []  # (message, line, level): what was read otherwise than written

    def construct_scalar(self, node):
        value = super().construct_scalar(node)
        if not node.style and node.end_mark is not None and node.end_mark.line < len(self.lines):
            # `slogan: 党建 #1`: YAML reads " #1" as a comment; a "#" right before a word is text meant to show.
            rest = self.lines[node.end_mark.line][node.end_mark.column:]
            cut = _CUT_COMMENT.match(rest)
            if cut and value and node.tag == "tag:yaml.org,2002:str":
                self.repairs.append((comment_message(str(value), cut.group(1)), node.end_mark.line + 1, "warning"))
        return value


_CUT_COMMENT = re.compile(r"\s+(#\S.*?)\s*$")


def comma_message(text: str) -> str:
    return (
        f"花括号 {{…}} 里的半角逗号“,”在 YAML 中是分隔符,已按一个值“{text}”处理。"
        f"为避免歧义,请改用全角逗号“，”,或给值加引号:\"{text}\""
    )


def comment_message(value: str, comment: str) -> str:
    shown = comment if len(comment) <= 21 else comment[:20] + "…"
    return (f"“{shown}”被 YAML 当作注释,网站上不会显示,这一项只读到了“{value[:40]}”。"
            f"要显示 #,请把整个值用引号括起来,例如 '{value[:20]} {shown}'")


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
                raise YamlProblem(line, f"内容嵌套超过 {MAX_DEPTH} 层,已拒绝读取。品牌文件最多只需要四层,请检查缩进和括号是否写错")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if getattr(event, "tag", None):  # only a tag written in the file: !!str, !!map, !foo
            raise YamlProblem(line, TAG_MESSAGE)
        if isinstance(event, yaml.ScalarEvent):
            bad = _CONTROL.search(event.value)
            if bad:
                raise YamlProblem(line, control_message(bad.group()))


TAG_MESSAGE = "不允许使用 YAML 标签(以 ! 开头,例如 !!python/object)。请删去标签,直接写值"
MERGE_MESSAGE = ("不允许使用 YAML 合并键 <<,已拒绝读取。它会把另一处的字段(例如联系人电话)悄悄并进这里。"
                 "请删去 <<,把字段直接写出来")


def alias_message(what: str) -> str:
    shown = what if len(what) <= 21 else what[:20] + "…"
    return (
        f"不允许使用 YAML 锚点或别名({shown}),已拒绝读取。别名会把一处的内容(例如联系人电话)"
        "悄悄复制到另一处,品牌文件也用不到它。请删去以 & 和 * 开头的名称,把内容直接写出来"
    )


def control_message(char: str) -> str:
    return (
        f"这里有不可见的控制字符(U+{ord(char):04X}),已拒绝读取。"
        "请删去它(常见于从网页或其他软件复制来的文字,或引号里的 \\0、\\u 转义)"
    )


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
    previous = None
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
        if key in result:
            loader.duplicates.append((key, line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
        previous = key if isinstance(result[key], str) else None
    return result


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
    return yaml.SafeLoader.construct_yaml_int(loader, node)


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> float:
    digits = sum(c.isdigit() for c in node.value.lower().split("e")[0])
    if digits > MAX_DIGITS:
        raise YamlProblem(node.start_mark.line + 1, number_message(node.value))
    value = yaml.SafeLoader.construct_yaml_float(loader, node)
    if not math.isfinite(value):  # .inf, .nan, and 1.0e+400
        raise YamlProblem(
            node.start_mark.line + 1,
            f"“{node.value[:20]}”不是有效的数值(.inf、.nan 表示无穷大和“非数字”,过大的指数也会变成无穷大)。请填写实际的数值",
        )
    return value


def number_message(text: str) -> str:
    shown = text if len(text) <= 20 else text[:16] + "…"
    return f"数字“{shown}”的位数太多(超过 {MAX_DIGITS} 位)。请填写实际的数值;编号之类请加引号当作文字"


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def decode(raw: bytes) -> str:
    """UTF-8 text, BOM allowed. Anything else raises YamlProblem naming a guess."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(raw)
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(
            line,
            f"文件不是 UTF-8 编码(看起来是 {guess})。请用 UTF-8 重新保存:"
            "VS Code 中点击右下角的编码 →“通过编码保存”→ UTF-8;记事本中“另存为”并选择 UTF-8",
        ) from None


def _guess_encoding(raw: bytes) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    if raw[:200].count(b"\x00") > 10:
        return "UTF-16"
    for name, label in (("gb18030", "GBK/GB18030"), ("big5", "Big5")):
        try:
            raw.decode(name)
            return label
        except UnicodeDecodeError:
            continue
    return "未知编码"


def _lint_characters(text: str) -> None:
    """Name the characters that break YAML for people typing on a Chinese IME."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        indent = line[: len(line) - len(stripped)]
        if stripped.startswith("\t") or "\t" in indent:
            raise YamlProblem(number, "这一行用了 Tab 缩进。YAML 只能用空格缩进,请把 Tab 换成空格")
        if stripped.startswith("\u3000"):
            raise YamlProblem(number, "这一行用了全角空格(U+3000)缩进。请换成半角空格")
        if stripped.startswith("#"):
            continue
        head = stripped.lstrip("- ")
        colon = head.find("：")
        if colon > 0 and ":" not in head[:colon] and all(c.isalnum() or c in "_-" for c in head[:colon]):
            raise YamlProblem(number, f"“{head[:colon]}”后面用了全角冒号“：”。请换成半角冒号“:”并在后面加一个空格")


def load(text: str) -> tuple[object, list[tuple[object, int]], list[tuple[str, int, str]]]:
    """Parse YAML text; return (data, duplicate keys, what was read otherwise than written:
    (message, line, level))."""
    _lint_characters(text)
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
        opened = any(c in (exc.context or "") for c in _OPENED_CONTEXTS)
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        lines = text.splitlines()
        # A quote left open runs on to a later quote, and PyYAML stumbles there: the open one is the mistake.
        open_quote = _open_quote_line(lines, line)
        if open_quote:
            raise YamlProblem(open_quote, _OPEN_QUOTE) from None
        raise YamlProblem(line, _explain(exc, lines[line - 1] if 0 < line <= len(lines) else "",
                                         lines[line - 2] if 1 < line <= len(lines) + 1 else "")) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML 格式错误:{exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, loader.duplicates, loader.repairs


_OPEN_QUOTE = ("YAML 格式错误:引号没有配对。这一行的值以引号开头,行末却没有对应的引号。"
               "请在值的末尾补上同样的引号(英文 \" 或 '),或去掉开头的引号")
# key: "value… or - key: 'value…, the value's quote not closed on its line
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?[^\s:#"'][^:#]*:\s+(["'])(.*)$""")


def _open_quote_line(lines: list[str], upto: int) -> int:
    """The first line up to `upto` (1-based) whose quoted value is not closed on it, or 0.
    Only asked after a parse error: a value quoted over several lines is valid YAML."""
    for number, text in enumerate(lines[:upto], 1):
        m = _QUOTED_VALUE.match(text)
        if not m:
            continue
        quote, rest = m.group(1), m.group(2)
        rest = rest.replace("''", "") if quote == "'" else re.sub(r"\\.", "", rest)
        if quote not in rest:
            return number
    return 0


_OPENED_CONTEXTS = ("while parsing a flow sequence", "while parsing a flow mapping", "while scanning a simple key",
                    "while scanning a quoted scalar")
# After a value in quotes or brackets, more text on the same line: 名称: "连心桥" 二号
_TEXT_AFTER_CLOSE = re.compile(r"""^\s*(?:-\s+)?[^:#]+:\s*(?:"[^"]*"|'[^']*'|\[[^\]]*\])\s*[^\s#]""")
# PyYAML's problem -> the message, where no line-specific check above says more.
_ESCAPE = "YAML 格式错误:双引号里的反斜杠 \\ 被当作转义符。请改用单引号把值括起来(例如 'C:\\图片\\logo.png'),或去掉反斜杠"
_BLOCK = ("YAML 格式错误:| 或 > 表示多行文字,后面要换行,文字从下一行开始并缩进两个空格。"
          "只写一行时请去掉 | 或 >;值本来以 | 或 > 开头时,请把整个值用引号括起来")
_PROBLEMS = (
    ("did not find expected ',' or ']'", "YAML 格式错误:方括号 [ ] 没有配对,或列表项之间少了半角逗号。"
     "请检查这一行的 [ ] 和逗号,例如 tags: [服务窗口, 便民]"),
    ("did not find expected ',' or '}'", "YAML 格式错误:花括号 { } 没有配对,或项之间少了半角逗号。"
     "请检查这一行的 { } 和逗号,例如 {label: 为群众解决难题, value: 120}"),
    ("found unknown escape character", "YAML 格式错误:双引号里的反斜杠 \\ 被当作转义符。请改用单引号把值括起来,或去掉反斜杠"),
    ("did not find expected alphabetic or numeric character", "YAML 格式错误:值以 * 或 & 开头,YAML 会把它当作引用。"
     "请把整个值用引号括起来,例如 name: '*重点*'"),
    ("found character that cannot start any token", "YAML 格式错误:值不能以 @、` 或 % 开头。请把整个值用引号括起来,例如 name: '@连心桥'"),
    ("could not find expected ':'", "YAML 格式错误:这一行缺少“字段: 值”里的半角冒号。请在字段名后加“: ”;"
     "要写多行文字时,写成 字段: | 再换行缩进"),
    ("block sequence entries are not allowed in this context", "YAML 格式错误:这里不能出现“- ”。列表项要另起一行,"
     "比上一行的字段名多缩进两个空格;值里本来就有“ - ”时,请把整个值用引号括起来"),
    ("did not find expected '-' indicator", "YAML 格式错误:列表项里的缩进不对。同一项的字段要比“- ”多缩进两个空格,"
     "并彼此左对齐,例如“- name: …”下一行写“  description: …”"),
    ("but found another document", "YAML 格式错误:文件里有一行 ---,把文件分成了两段。brand.yml 里不需要 ---,请删去这一行"),
    # "C:\x.png" or "\u12" in double quotes (libyaml's words, then PyYAML's)
    ("hexdecimal number", _ESCAPE), ("hexadecimal numbers", _ESCAPE),
    # slogan: |党建 (text on the line of | or >)
    ("did not find expected comment or line break", _BLOCK), ("expected chomping or indentation indicators", _BLOCK),
)


def _explain(exc: yaml.MarkedYAMLError, line_text: str = "", previous: str = "") -> str:
    problem = (exc.problem or "").strip()
    if "could not determine a constructor" in problem:
        return TAG_MESSAGE
    if "mapping values are not allowed" in problem:
        item = re.match(r"(\s*)-\s+([^:#'\"{\[][^:#]*?)\s*$", previous)
        field = re.match(r"\s+([A-Za-z_][\w-]*):(\s|$)", line_text)
        if item and field:  # "- 桥头议事会" then "  description: …": the item's own key is missing
            return (f"YAML 格式错误:上一行的列表项“- {item.group(2)[:20]}”只有文字,没有字段名,"
                    f"所以这一行的 {field.group(1)}: 接不上。列表项有几个字段时,要写成“- name: {item.group(2)[:20]}”,"
                    f"下一行的 {field.group(1)}: 与 name 左对齐")
        if field:
            return "YAML 格式错误:这一行比上一行多缩进了。同一层的字段要左对齐;只有上一行以冒号结尾时,下一行才缩进"
        return "YAML 格式错误:这里不应出现冒号。值里含有“: ”时,请把整个值用引号括起来"
    if "found character '\\t'" in problem:
        return "这一行有 Tab 字符。YAML 只能用空格缩进,请把 Tab 换成空格"
    if "expected <block end>" in problem or "did not find expected key" in problem:
        if _TEXT_AFTER_CLOSE.match(line_text):
            return "YAML 格式错误:引号或方括号结束后,同一行还有文字。请把整个值放进一对引号里,例如 name: '“连心桥”二号'"
        return "YAML 格式错误:缩进不一致。同一层的字段要对齐,列表项以“- ”开头"
    if "invalid Unicode character escape" in problem:
        return "引号里的 \\u 转义不是有效的字符(例如单独的 \\ud800),已拒绝读取。请删去这个转义,直接写出文字"
    if "found undefined alias" in problem:
        return "YAML 格式错误:使用了未定义的别名(*引用)"
    if "while scanning a quoted scalar" in (exc.context or ""):
        return "YAML 格式错误:引号没有配对。请检查这一行的引号"
    if "could not find expected ':'" in problem and re.match(r"\s*(?:-\s+)?[A-Za-z_][\w-]*:\S", line_text):
        return "YAML 格式错误:字段名后的冒号后面要空一格。请写成“字段: 值”,例如 category: 社区"
    for found, message in _PROBLEMS:
        if found in problem:
            return message
    return (f"YAML 格式错误:这一行的写法不对(解析器说:{problem or exc})。请对照同类字段检查引号、冒号和缩进;"
            "值里有特殊符号时,把整个值用单引号括起来")


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
