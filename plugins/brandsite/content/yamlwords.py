"""What went wrong reading a YAML file, in plain Chinese, at the line to mend. No MkDocs imports.

yamlsafe.py reads the files; this module words its refusals and PyYAML's own problems
(an unclosed bracket or quote, a key without its colon, a tab ...) for editors.
"""

from __future__ import annotations

import re

import yaml

# U+FDD0–U+FDEF and the last two code points of every plane: never characters of a text.
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
# C0 and C1 controls but tab and line breaks, DEL, lone surrogates (from "\ud800" escapes) and
# noncharacters: nothing an editor types, and each can break a page, the feed (XML has no way to
# write them), the application form or the text engine that draws posters. YAML values refuse
# them (yamlsafe), prose drops them (prose).
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # in a character class: C0 and C1 but tab and line breaks, DEL
UNWRITABLE = re.compile("[" + CONTROLS + "\ud800-\udfff" + NONCHARACTERS + "]")
# Digits in a number: 10**15 is far beyond any count a brand reports, and exact in a float.
MAX_DIGITS = 15


def comma_message(text: str) -> str:
    return (
        f"花括号 {{…}} 里的半角逗号“,”在 YAML 中是分隔符，已按一个值“{text}”处理。"
        f"为避免歧义，请改用全角逗号“，”，或给值加引号：\"{text}\""
    )


def comment_message(value: str, comment: str) -> str:
    shown = comment if len(comment) <= 21 else comment[:20] + "…"
    return (f"“{shown}”被 YAML 当作注释，网站上不会显示，这一项只读到了“{value[:40]}”。"
            f"要显示 #，请把整个值用引号括起来，例如 '{value[:20]} {shown}'")


def empty_comment_message(key: str, comment: str) -> str:
    shown = comment if len(comment) <= 21 else comment[:20] + "…"
    example = f"{key}: '{shown}'" if key else f"'{shown}'"
    return (f"值“{shown}”以 # 开头，被 YAML 当作注释，所以{f' {key} ' if key else '这一项'}读到的是空的。"
            f"要显示 #，请把整个值用引号括起来，例如 {example}")


def duplicate_message(key, first: int) -> str:
    return f"字段 {key} 写了两次（第一次在第 {first} 行）。请删去其中一行"


def item_duplicate_message(key: str) -> str:
    return (f"列表的同一项里，字段 {key} 写了两次。如果这是新的一项（例如又一个载体），请在这一行前面加“- ”，"
            f"和上一项的“- ”对齐；如果只是写重了，再删去其中一行")


def block_comment_message(line: str) -> str:
    shown = line if len(line) <= 21 else line[:20] + "…"
    return (f"“{shown}”在多行文字里（| 或 > 下面，或引号里跨行的文字），这里的 # 不是注释：这一行会原样（在理念内涵里作为标题）显示在网站上。"
            "是备注的话，请删掉这一行，或把它移到这段文字上面、顶格写；要写小标题，请用“### 小标题”")


TAG_MESSAGE = "不允许使用 YAML 标签（以 ! 开头，例如 !!python/object）。请删去标签，直接写值"
MERGE_MESSAGE = ("不允许使用 YAML 合并键 <<，已拒绝读取。它会把另一处的字段（例如联系人电话）悄悄并进这里。"
                 "请删去 <<，把字段直接写出来")


def alias_message(what: str) -> str:
    shown = what if len(what) <= 21 else what[:20] + "…"
    return (
        f"不允许使用 YAML 锚点或别名（{shown}），已拒绝读取。别名会把一处的内容（例如联系人电话）"
        "悄悄复制到另一处，品牌文件也用不到它。请删去以 & 和 * 开头的名称，把内容直接写出来"
    )


def control_message(char: str) -> str:
    return (
        f"这里有不可见的控制字符（U+{ord(char):04X}），已拒绝读取。"
        "请删去它（常见于从网页或其他软件复制来的文字，或引号里的 \\0、\\u 转义）"
    )


OPEN_QUOTE = ("YAML 格式错误：引号没有配对。这一行的值以引号开头，行末却没有对应的引号。"
               "请在值的末尾补上同样的引号（英文 \" 或 '），或去掉开头的引号")
# key: "value… or - key: 'value…, the value's quote not closed on its line
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?[^\s:#"'][^:#]*:\s+(["'])(.*)$""")


def open_quote_line(lines: list[str], upto: int) -> int:
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


# What an input method types for a closing quote while the value opened with an English one.
_CHINESE_CLOSE = "”’＂＇"


def open_quote_message(line: str) -> str:
    """OPEN_QUOTE, or for `slogan: "党建引领 产业兴村”` (an English quote opening the value and a
    Chinese one closing it, as input methods mix them) which two quotes they are, and the fix."""
    m = _QUOTED_VALUE.match(line) if len(line) <= LINE_SHOWN else None
    written = m.group(2).rstrip() if m else ""
    if not written.endswith(tuple(_CHINESE_CLOSE)):
        return OPEN_QUOTE
    quote, close, inner = m.group(1), written[-1], written[:-1].strip()
    opener = {"”": "“", "’": "‘"}.get(close, "")
    if opener and inner.count(opener) > inner.count(close):  # "连心“桥”: it closes the “ inside
        return OPEN_QUOTE
    key = re.match(r"\s*(?:-\s+)?(.*?)\s*:\s", line).group(1)
    head = (f"YAML 格式错误：引号没有配对。这一行的值开头是英文引号 {quote}，结尾却是中文引号 {close}，"
            "两头不一样，YAML 只认英文引号，所以认为引号没有结束")
    if not inner or len(inner) > 30:
        return f"{head}。这里不需要引号，请把两头的引号都删去（文字中间的中文引号可以照写）"
    if not _needs_quotes(inner):
        return f"{head}。这里不需要引号，请把两头的引号都删去，写成 {key}: {inner}（文字中间的中文引号可以照写）"
    if quote in inner or "\\" in inner:
        return f"{head}。请把结尾的 {close} 改成 {quote}，两头用同一种英文引号"
    return f"{head}。请把结尾的 {close} 改成 {quote}，两头用同一种英文引号，写成 {key}: {quote}{inner}{quote}"


def _needs_quotes(text: str) -> bool:
    """Whether YAML would read `text`, written bare, as something else than this text."""
    return (": " in text or " #" in text or text.endswith(":") or text[:1] in "\"'[]{}&*!|>%@`#,?-"
            or bool(re.fullmatch(r"[-+.\d:_eE]+|true|false|yes|no|on|off|null|~", text, re.I)))


OPENED_CONTEXTS = ("while parsing a flow sequence", "while parsing a flow mapping", "while scanning a simple key",
                    "while scanning a quoted scalar")
# After a value in quotes or brackets, more text on the same line: 名称: "连心桥" 二号
_TEXT_AFTER_CLOSE = re.compile(r"""^\s*(?:-\s+)?[^:#]+:\s*(?:"[^"]*"|'[^']*'|\[[^\]]*\]|\{[^}]*\})\s*[^\s#]""")
# PyYAML's problem -> the message, where no line-specific check above says more.
_ESCAPE = "YAML 格式错误：双引号里的反斜杠 \\ 被当作转义符。请改用单引号把值括起来（例如 'C:\\图片\\logo.png'），或去掉反斜杠"
_BLOCK = ("YAML 格式错误：| 或 > 表示多行文字，后面要换行，文字从下一行开始并缩进两个空格。"
          "只写一行时请去掉 | 或 >；值本来以 | 或 > 开头时，请把整个值用引号括起来")
_PROBLEMS = (
    ("expected ',' or ']'", "YAML 格式错误：方括号 [ ] 没有配对，或列表项之间少了半角逗号。"
     "请检查这一行的 [ ] 和逗号，例如 tags: [服务窗口, 便民]"),
    ("expected ',' or '}'", "YAML 格式错误：花括号 { } 没有配对，或项之间少了半角逗号。"
     "请检查这一行的 { } 和逗号，例如 {label: 为群众解决难题, value: 120}"),
    ("found unknown escape character", "YAML 格式错误：双引号里的反斜杠 \\ 被当作转义符。请改用单引号把值括起来，或去掉反斜杠"),
    ("did not find expected alphabetic or numeric character", "YAML 格式错误：值以 * 或 & 开头，YAML 会把它当作引用。"
     "请把整个值用引号括起来，例如 name: '*重点*'"),
    ("found character that cannot start any token", "YAML 格式错误：值不能以 @、` 或 % 开头。请把整个值用引号括起来，例如 name: '@连心桥'"),
    ("could not find expected ':'", "YAML 格式错误：这一行缺少“字段: 值”里的半角冒号。请在字段名后加“: ”；"
     "要写多行文字时，写成 字段: | 再换行缩进"),
    ("block sequence entries are not allowed in this context", "YAML 格式错误：这里不能出现“- ”。列表项要另起一行，"
     "比上一行的字段名多缩进两个空格；值里本来就有“ - ”时，请把整个值用引号括起来"),
    ("did not find expected '-' indicator", "YAML 格式错误：列表项里的缩进不对。同一项的字段要比“- ”多缩进两个空格，"
     "并彼此左对齐，例如“- name: …”下一行写“  description: …”"),
    ("but found another document", "YAML 格式错误：文件里有一行 ---，把文件分成了两段。brand.yml 里不需要 ---，请删去这一行"),
    # "C:\x.png" or "\u12" in double quotes (libyaml's words, then PyYAML's)
    ("hexdecimal number", _ESCAPE), ("hexadecimal numbers", _ESCAPE),
    # slogan: |党建 (text on the line of | or >)
    ("did not find expected comment or line break", _BLOCK), ("expected chomping or indentation indicators", _BLOCK),
)



_COLON_IN_BRACES = re.compile(r"[{,]\s*([A-Za-z_][\w-]*):\s+([^,{}\"']*?:\s[^,{}]*?)\s*[,}]")

# What an input method types between list items: one tag "乡村振兴，村民议事" meant as two.
_LIST_MARKS = re.compile("[，、；]")


def list_parts(text: str) -> list[str]:
    """`text` split at the Chinese commas, 顿号 and semicolons an input method types between list
    items (tags, categories, photos written as one item): more than one part means such a slip."""
    return [part.strip() for part in _LIST_MARKS.split(text) if part.strip()]

# Two fields on one line: "- label: 基层满意率 value: 97.3" (the second a field name of ASCII letters).
_TWO_FIELDS = re.compile(r"[ \t]*(-[ \t]+)?([A-Za-z_][\w-]*):[ \t]+[^\s:#][^:#]*?[ \t]([A-Za-z_][\w-]*):(?:[ \t]|$)")


# A line a message's example is made from: a longer one gets the general example (the example
# patterns would read a long line once for each of its words, and the example would be as long).
LINE_SHOWN = 120


def _own_value(line: str, signs: str) -> re.Match | None:
    """The key and the value starting with one of `signs` on the editor's line (an example to quote)."""
    return re.search(rf"([A-Za-z_][\w-]*):\s+([{re.escape(signs)}][^,}}'#]*?)\s*(?:[,}}]|$)", line)


def explain(exc: yaml.MarkedYAMLError, line_text: str = "", previous: str = "", fields: frozenset[str] = frozenset()) -> str:
    """The Chinese message for PyYAML's error on `line_text`; `fields`: the format's field names."""
    problem = (exc.problem or "").strip()
    short = line_text if len(line_text) <= LINE_SHOWN else ""
    # the line before, for the same reason (and its spaces would be read once for each)
    previous = previous if len(previous) <= LINE_SHOWN else ""
    if "could not determine a constructor" in problem:
        return TAG_MESSAGE
    if "mapping values are not allowed" in problem:
        item = re.match(r"(\s*)-\s+([^:#'\"{\[][^:#]*?)\s*$", previous)
        field = re.match(r"\s+([A-Za-z_][\w-]*):(\s|$)", line_text)
        if item and field:  # "- 桥头议事会" then "  description: …": the item's own key is missing
            return (f"YAML 格式错误：上一行的列表项“- {item.group(2)[:20]}”只有文字，没有字段名，"
                    f"所以这一行的 {field.group(1)}: 接不上。列表项有几个字段时，要写成“- name: {item.group(2)[:20]}”，"
                    f"下一行的 {field.group(1)}: 与 name 左对齐")
        at = exc.problem_mark.column if exc.problem_mark is not None else -1
        if field and at <= field.end(1):  # the key's own colon: the key is where no key may be (a colon in its value is told below)
            return "YAML 格式错误：这一行比上一行多缩进了。同一层的字段要左对齐；只有上一行以冒号结尾时，下一行才缩进"
        two = _TWO_FIELDS.match(short)
        if two and two.group(3) in fields:  # - label: 基层满意率 value: 97.3
            a, b = two.group(2), two.group(3)
            braces = f"一行写几个字段要用花括号和英文逗号，例如 - {{{a}: …, {b}: …}}；或者" if two.group(1) else "请"
            return f"YAML 格式错误：这一行写了 {a} 和 {b} 两个字段。{braces}把 {b}: 移到下一行，与 {a} 左对齐"
        quoted = re.match(r"\s*(?:-\s+)?([A-Za-z_][\w-]*):\s*[“‘「『]", short)  # slogan: “口号: 禾风拂小院”
        if quoted:
            return ("YAML 格式错误：这里不应出现冒号。这个值用的是中文引号，YAML 不把它当作引号："
                    f"请把整个值用英文双引号括起来，写成 {quoted.group(1)}: \"…\"（里面的中文引号可以保留）")
        return "YAML 格式错误：这里不应出现冒号。值里含有“: ”时，请把整个值用引号括起来"
    if "found character '\\t'" in problem:
        return "这一行有 Tab 字符。YAML 只能用空格缩进，请把 Tab 换成空格"
    if "expected <block end>" in problem or "did not find expected key" in problem:
        if _TEXT_AFTER_CLOSE.match(line_text[:LINE_SHOWN]):  # its start only: the pattern backtracks
            return _text_after_close(line_text)
        return "YAML 格式错误：缩进不一致。同一层的字段要对齐，列表项以“- ”开头"
    if "invalid Unicode character escape" in problem:
        return "引号里的 \\u 转义不是有效的字符（例如单独的 \\ud800），已拒绝读取。请删去这个转义，直接写出文字"
    if "found undefined alias" in problem:
        return "YAML 格式错误：使用了未定义的别名（*引用）"
    if "while scanning a quoted scalar" in (exc.context or ""):
        return "YAML 格式错误：引号没有配对。请检查这一行的引号"
    if "could not find expected ':'" in problem and re.match(r"\s*(?:-\s+)?[A-Za-z_][\w-]*:\S", line_text):
        return "YAML 格式错误：字段名后的冒号后面要空一格。请写成“字段: 值”，例如 category: 社区"
    if "while scanning a tag" in (exc.context or "") or "expected tag URI" in problem:
        # slogan: !党建引领: YAML reads ! as a tag
        own = _own_value(short, "!")
        return ("YAML 格式错误：值不能以 ! 开头（YAML 会把它当作标签）。请把整个值用引号括起来"
                + (f"，写成 {own.group(1)}: '{own.group(2)}'" if own else "，例如 slogan: '!党建引领'"))
    if "did not find expected alphabetic or numeric character" in problem and (own := _own_value(short, "*&")):
        # slogan: *连民心*: the editor's own value quoted, not another field's example
        return (f"YAML 格式错误：值以 * 或 & 开头，YAML 会把它当作引用。请把整个值用引号括起来，"
                f"写成 {own.group(1)}: '{own.group(2)}'")
    if "found character that cannot start any token" in problem:
        # unit: % or name: @连心桥: the example is the editor's own line, quoted
        own = _own_value(short, "@`%")
        if own:
            return (f"YAML 格式错误：值不能以 @、` 或 % 开头。请把整个值用引号括起来，"
                    f"写成 {own.group(1)}: '{own.group(2)}'")

    inner = _COLON_IN_BRACES.search(short) if "expected ',' or '}'" in problem else None
    if inner:  # - {date: …, event: 开诊: 首晚接诊 32 人}: the value's ": " reads as another key
        return (f"YAML 格式错误：花括号里 {inner.group(1)} 的值里有“: ”，YAML 会把它当成又一个字段。"
                f"请把这个值用英文双引号括起来，写成 {inner.group(1)}: \"{inner.group(2).strip()}\"")
    for found, message in _PROBLEMS:
        if found in problem:
            return message
    return (f"YAML 格式错误：这一行的写法不对（解析器说：{problem or exc}）。请对照同类字段检查引号、冒号和缩进；"
            "值里有特殊符号时，把整个值用单引号括起来")


# Fields of long text (Markdown in the connotation: a link there starts with "["), best written as a
# block, which needs no quotes at all.
_LONG_TEXT = ("connotation", "description", "summary")


def _text_after_close(line: str) -> str:
    """`key: "引号" 后面的字` or `key: [链接](…) 后面的字`: the editor's own key (and value) in the example."""
    key, value = (m.group(2), m.group(3).strip()) if (m := KEY_LINE.match(line)) else ("", "")
    # {连心} 桥: YAML reads the braces as a mapping, which the editor never meant
    braces = value.startswith("{")
    signs = "花括号" if braces else "引号或方括号"
    head = f"YAML 格式错误：{signs}结束后，同一行还有文字"
    if key in _LONG_TEXT:
        return (f"{head}（YAML 把开头的{signs}当成了它的写法）。这样的长文字请写成多行：这一行只写 {key}: |，"
                f"文字移到下一行，每行前面空两格，{'花括号' if braces else '引号和方括号'}都可以照写")
    if key and value and len(value) <= 30 and len(line) <= LINE_SHOWN:
        if "'" not in value:
            return f"{head}。请把整个值放进一对单引号里，写成 {key}: '{value}'"
        if '"' not in value and "\\" not in value:  # '连心'桥: single quotes inside, so double ones around
            return f"{head}。请把整个值放进一对双引号里，写成 {key}: \"{value}\""
    return f"{head}。请把整个值放进一对单引号里，例如 name: '“连心桥”二号'"

KEY_LINE = re.compile(r"^( *)(?:- +)?([A-Za-z_][\w-]*)\s*:(.*)$")
# A key whose value is a | or > text on the lines below: "connotation: |", "  - description: >-",
# matched from the key on (`key_column`: no pattern over the indentation and dashes before it,
# which a pattern could split in exponentially many ways).
_BLOCK_KEY = re.compile(r"[A-Za-z_][\w-]*\s*[:：]\s*[|>][+-]?[1-9]?[+-]?\s*(?:#.*)?$")


def key_column(line: str) -> int:
    """Where a line's key would start: after its indentation and any list dashes ("  - - name")."""
    i = 0
    while True:
        while i < len(line) and line[i] == " ":
            i += 1
        if line.startswith("- ", i):
            i += 2
            continue
        return i


def opens_text(line: str, column: int | None = None) -> bool:
    """Whether `line` is a key whose value is a | or > text (its key at `column`, found if not given)."""
    return bool(_BLOCK_KEY.match(line, key_column(line) if column is None else column))


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def number_message(text: str) -> str:
    shown = text if len(text) <= 20 else text[:16] + "…"
    return f"数字“{shown}”的位数太多（超过 {MAX_DIGITS} 位）。请填写实际的数值；编号之类请加引号当作文字"


def _comment_in_flow(line: str) -> int | None:
    """Where a # that YAML takes for a comment stands inside the line's [ ] or { } (after a
    bracket, a comma or a space, outside quotes, before the brackets close); None if none does."""
    depth, quote = 0, ""
    for at, c in enumerate(line[:LINE_SHOWN * 4]):
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"" and depth:
            quote = c
        elif c in "[{":
            depth += 1
        elif c in "]}" and depth:
            depth -= 1
        elif c == "#" and (at == 0 or line[at - 1] in " \t"):
            return None if not depth else at  # before any bracket: the line's own comment
        elif c == "#" and depth and line[at - 1] in "[{,":
            return at
    return None


def hash_in_brackets(lines: list[str], line: int) -> tuple[int, str] | None:
    """(line, message) for a # inside [ ] or { } on the line YAML stumbled at or one before it:
    `tags: [#乡村振兴, 河道管护]` reads as `tags: [` and a comment, and PyYAML blames the brackets
    or, at the end of the file, a line after the last."""
    for number in range(min(line, len(lines)), 0, -1):
        text = lines[number - 1]
        at = _comment_in_flow(text)
        if at is None:
            continue
        opener = max(text.rfind("[", 0, at), text.rfind("{", 0, at))
        closer = "]" if text[opener] == "[" else "}"
        end = text.find(closer, at)
        inside = text[opener + 1:end if end >= 0 else len(text)]
        items = []
        for item in inside.split(","):
            key, colon, value = item.partition(": ")
            if "#" in (value if colon else item):
                item = f"{key}: '{value.strip()}'" if colon else f"'{item.strip()}'"
            items.append(item.strip())
        fixed = text[:opener + 1] + ", ".join(items) + closer
        what = "方括号" if closer == "]" else "花括号"
        return number, (f"YAML 格式错误：{what}里的 # 被 YAML 当作注释的开头，这一行从 # 起的文字都被忽略了。"
                        f"请把含 # 的项用单引号括起来，写成 {fixed.strip()}")
    return None
