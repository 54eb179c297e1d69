"""The rules on one brand folder, as golden tables: a small change to the sample brand and the
exact lines `brandsite check` prints (tests/golden.py). Reading (encodings, YAML as written),
the schema's errors in Chinese, and the rules on fields and texts each have a table; the image
files are in test_rules_files.py, the rules across brands in test_rules_across.py.
"""

from __future__ import annotations

import datetime

import pytest
from tests.conftest import BRAND_YML, CASE_MD, CONNOTATION, check, messages, png_bytes
from tests.golden import CASE, CULTIVATED, Y, brand_lines, check_lines

YEAR = datetime.date.today().year
CARRIER = "  - name: 党员示范岗\n    description: 在办事大厅设立党员示范岗，亮身份、亮承诺。"


def case(front: str, body: str = "正文\n") -> dict:
    """The sample case file written with this front matter."""
    return {"cases/tui-shui.md": f"---\n{front}---\n{body}"}


def alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


NOT_UTF8 = "文件不是 UTF-8 编码（看起来是 {}）。请用 UTF-8 重新保存：VS Code 中点击右下角的编码 →“通过编码保存”→ UTF-8；记事本中“另存为”并选择 UTF-8；WPS 中“另存为”选文件类型“纯文本”、编码选 UTF-8，保存后把文件名改回原来的"
# this project's VS Code opens every file as UTF-8: a GBK file is reopened as GBK before it is saved as UTF-8
NOT_UTF8_GBK = ("文件不是 UTF-8 编码（看起来是 GBK/GB18030）。请用 UTF-8 重新保存：VS Code 中先点击右下角的编码（显示 UTF-8）"
                "→“通过编码重新打开”→ 选 GBK，确认文字显示正常后，再点击右下角的编码 →“通过编码保存”→ UTF-8"
                "（不要在文字显示成乱码时保存）；记事本中“另存为”并选择 UTF-8；WPS 中“另存为”选文件类型“纯文本”、编码选 UTF-8，保存后把文件名改回原来的")
GARBLED = ("这一行有乱码“\ufffd”（U+FFFD，替换字符）：文件很可能曾用错误的编码打开（例如把 GBK 文件当成 UTF-8）又保存了，"
           "原来的字已经丢失，改编码也找不回来。请从备份或 git 历史恢复这个文件，或把这一行的乱码处重新输入")
ALIAS = ("不允许使用 YAML 锚点或别名（&a0），已拒绝读取。别名会把一处的内容（例如联系人电话）"
         "悄悄复制到另一处，品牌文件也用不到它。请删去以 & 和 * 开头的名称，把内容直接写出来")
TOP_LEVEL = "brand.yml 的最外层应是“字段: 值”的形式，现在是{}。请去掉行首的“- ”，每行写成 name: 品牌名称 这样"
NEEDS_CASE = "阶段为“命名”的品牌至少需要一个公开的典型案例。请在 cases/ 文件夹里添加一个案例文件（.md）"
MIXED_QUOTES = ("YAML 格式错误：引号没有配对。这一行的值开头是英文引号 {}，结尾却是中文引号 {}，两头不一样，"
                "YAML 只认英文引号，所以认为引号没有结束。")

# Reading: the file as written (encoding, YAML syntax) before any rule sees it. (replace, files, lines)
READING = [
    pytest.param({}, {"brand.yml": ""}, [
        f"{Y}:1: brand.yml 是空的。请至少填写 name、organization、category、stage、established、logo、connotation、carriers",
    ], id="empty"),
    pytest.param({}, {"brand.yml": "- name: 连心桥\n- organization: 某党支部\n"}, [f"{Y}:1: " + TOP_LEVEL.format("列表")], id="top-list"),
    pytest.param({}, {"brand.yml": "连心桥\n"}, [f"{Y}:1: " + TOP_LEVEL.format("一段文字")], id="top-text"),
    pytest.param({}, {"brand.yml": "name: 连心桥\n".encode("gbk")}, [f"{Y}:1: " + NOT_UTF8_GBK], id="gbk"),
    # a GBK file opened as UTF-8 and saved: its Chinese is U+FFFD now, and passed once category was retyped
    pytest.param({}, {"brand.yml": BRAND_YML.replace(
        "slogan: 连民心 解民忧", "slogan: " + "连民心".encode("gbk").decode("utf-8", "replace")).encode()},
        [f"{Y}:2: " + GARBLED], id="garbled"),
    pytest.param({}, {"story.md": "# 故事\n\n正文。\n\n" + "党员示范岗".encode("gbk").decode("utf-8", "replace") + "\n"},
                 ["brands/lian-xin-qiao/story.md:5: " + GARBLED], id="garbled-story"),
    pytest.param({}, {"brand.yml": BRAND_YML.encode("utf-16")}, [f"{Y}:1: " + NOT_UTF8.format("UTF-16")], id="utf-16"),
    pytest.param({}, {"brand.yml": b"\xef\xbb\xbf" + BRAND_YML.encode()}, [], id="utf-8-bom-is-fine"),
    pytest.param({"  date: 2021-12-20": "\tdate: 2021-12-20"}, {}, [
        f"{Y}:9: 这一行用了 Tab 缩进。YAML 只能用空格缩进，请把 Tab 换成空格：这一行开头应是 2 个空格，与同一层的其他行对齐",
    ], id="tab"),
    # a Tab for a text's first line (told 0 spaces, which then broke the text), or after its two
    # spaces (a Word first-line indent: YAML's own English message), or for a later paragraph's
    *[pytest.param({"  " + CONNOTATION: start + CONNOTATION + more}, {}, [
        f"{Y}:{line}: 这一行是多行文字（例如 connotation: | 下面的一段），开头用了 Tab：YAML 只认空格。请删去 Tab，"
        "这一行开头空 2 个空格（多行文字每行前面空 2 个空格；段首想空两格，可以在这些空格后面再打两个全角空格）",
    ], id=f"tab-in-a-text-{name}") for name, start, more, line in [("first-line", "\t", "", 13), ("after-its-spaces", "  \t", "", 13),
                                                                    ("later-paragraph", "  ", "\n\n\t第二段文字。", 15)]],
    # a carrier's two lines: a Tab for "  - " and a Tab and two spaces for "    " (one space each was wrong)
    pytest.param({"  - name: 党员示范岗\n    description:": "\t- name: 党员示范岗\n\t  description:"}, {}, [
        f"{Y}:15: 这一行用了 Tab 缩进。YAML 只能用空格缩进，请把 Tab 换成空格：这一行开头应是 2 个空格，与同一层的其他行对齐",
        f"{Y}:16: 这一行用了 Tab 缩进。YAML 只能用空格缩进，请把 Tab 换成空格：这一行开头应是 4 个空格，与同一层的其他行对齐",
    ], id="tabs-in-a-list-item"),
    # non-breaking spaces pasted from Word or a web page for "  - ": an indentation error at the next line
    pytest.param({"  - name: 党员示范岗": "\u00a0\u00a0- name: 党员示范岗"}, {}, [
        f"{Y}:15: 这一行开头的空格是不换行空格（U+00A0 等，从 Word 或网页复制的文字里常有），看上去和空格一样，"
        "YAML 却不认作缩进。请删掉行首的空白，重新用半角空格缩进：这一行开头应是 2 个空格，与同一层的其他行对齐",
    ], id="non-breaking-spaces-for-indentation"),
    # one Tab before description: it lines up with the item's name (4), not one level in (2)
    pytest.param({"    description: 在办事": "\tdescription: 在办事"}, {}, [
        f"{Y}:16: 这一行用了 Tab 缩进。YAML 只能用空格缩进，请把 Tab 换成空格：这一行开头应是 4 个空格，与同一层的其他行对齐",
    ], id="a-tab-before-a-list-items-second-field"),
    # pasted from Word: Shift+Enter (U+000B) in a value, a line separator inside the connotation
    pytest.param({"slogan: 连民心 解民忧": "slogan: 连民心\x0b解民忧", "region: 青禾区": "region: 青禾\x0c区"}, {}, [
        f"{Y}:2: 这里有不可见的控制字符（U+000B），已拒绝读取。请删去它（常见于从网页或其他软件复制来的文字，或引号里的 \\0、\\u 转义）",
        f"{Y}:5: 这里有不可见的控制字符（U+000C），已拒绝读取。请删去它（常见于从网页或其他软件复制来的文字，或引号里的 \\0、\\u 转义）",
    ], id="control-characters-pasted-in"),
    pytest.param({"  “连心桥”寓意": "  “连心桥”\u2028寓意"}, {}, [
        f"{Y}:13: 这一行有看不见的换行符（U+2028，常见于从 Word 或网页复制来的文字），YAML 会在这里断行，"
        "这一行后面的内容就读错了。请删去它（把光标移到那里按删除键，或重新输入这一行）",
    ], id="line-separator-pasted-in"),
    pytest.param({"region: 青禾区": "region：青禾区"}, {}, [
        f"{Y}:5: “region”后面用了全角冒号“：”。请换成半角冒号“:”并在后面加一个空格",
    ], id="full-width-colon"),
    pytest.param({"region: 青禾区": "region： 青禾区"}, {}, [
        f"{Y}:5: “region”后面用了全角冒号“：”。请换成半角冒号“:”（后面的空格保留）",
    ], id="full-width-colon-with-its-space"),
    # a field indented a space past its level: "缩进不一致" did not say which way
    pytest.param({"tags: [服务窗口]": " tags: [服务窗口]"}, {}, [
        f"{Y}:24: YAML 格式错误：这一行开头多了 1 个空格。它和第 21 行的“goals:”是同一层的字段，请删去多的空格，与它左对齐",
    ], id="a-field-one-space-in"),
    pytest.param({"featured: true": "   featured: true"}, {}, [
        f"{Y}:25: YAML 格式错误：这一行开头多了 3 个空格。它和第 24 行的“tags:”是同一层的字段，请删去多的空格，与它左对齐",
    ], id="a-field-three-spaces-in"),
    # after a list's items: told to indent it as an item's field, which made it an unknown field of the item
    pytest.param({"metrics:": "  metrics:"}, {}, [
        f"{Y}:17: YAML 格式错误：这一行开头多了 2 个空格。它和第 14 行的“carriers:”是同一层的字段，请删去多的空格，与它左对齐",
    ], id="a-field-two-spaces-in-after-a-list"),
    # the first field a space in: PyYAML spoke of a <document start> at the next line
    pytest.param({"name: 连心桥": " name: 连心桥"}, {}, [
        f"{Y}:1: YAML 格式错误：这一行开头多了 1 个空格。最外层的字段要顶格写，前面不留空格，后面的字段与它左对齐",
    ], id="the-first-field-a-space-in"),
    pytest.param({"region: 青禾区": "region: !!python/object/apply:os.system ['echo hi']"}, {}, [
        f"{Y}:5: 不允许使用 YAML 标签（以 ! 开头，例如 !!python/object）。请删去标签，直接写值",
    ], id="python-tag"),
    pytest.param({"slogan: 连民心 解民忧": "slogan: 连民心 #1", "stage: 命名": "stage: 命名  # 申报 | 培育 | 命名 | 示范"}, {}, [
        # A "#" right before a word is text meant to show; "# note" after a space is a comment.
        f"{Y}:2: 警告：“#1”被 YAML 当作注释，网站上不会显示，这一项只读到了“连民心”。要显示 #，请把整个值用引号括起来，例如 '连民心 #1'",
    ], id="hash-read-as-a-comment"),
    pytest.param({"  - name: 党员示范岗": "  - 党员示范岗"}, {}, [
        f"{Y}:16: YAML 格式错误：上一行的列表项“- 党员示范岗”只有文字，没有字段名，所以这一行的 description: 接不上。"
        "列表项有几个字段时，要写成“- name: 党员示范岗”，下一行的 description: 与 name 左对齐",
    ], id="list-item-without-its-key"),
    pytest.param({"region: 青禾区": "region: !!str 青禾区"}, {}, [
        f"{Y}:5: 不允许使用 YAML 标签（以 ! 开头，例如 !!python/object）。请删去标签，直接写值",
    ], id="any-tag"),
    pytest.param({"region: 青禾区": "region: 青禾区\n<<: {contact: {name: 李某, phone: '13700000000'}}"}, {}, [
        f"{Y}:6: 不允许使用 YAML 合并键 <<，已拒绝读取。它会把另一处的字段（例如联系人电话）悄悄并进这里。请删去 <<，把字段直接写出来",
    ], id="merge-key"),
    pytest.param({"region: 青禾区": 'region: "C:\\x.png"'}, {}, [
        f"{Y}:5: YAML 格式错误：双引号里的反斜杠 \\ 被当作转义符。请改用单引号把值括起来（例如 'C:\\图片\\logo.png'），或去掉反斜杠",
    ], id="hex-escape"),
    pytest.param({"region: 青禾区": "region: |青禾区"}, {}, [
        f"{Y}:5: YAML 格式错误：| 或 > 表示多行文字，后面要换行，文字从下一行开始并缩进两个空格。"
        "只写一行时请去掉 | 或 >；值本来以 | 或 > 开头时，请把整个值用引号括起来",
    ], id="text-after-block-indicator"),
    pytest.param({}, {"brand.yml": alias_bomb()}, [f"{Y}:1: " + ALIAS], id="alias-bomb"),
    # PyYAML's own problems, each in plain Chinese at the line to mend (for an unclosed bracket
    # or quote and a key without its colon, the line that opened it, not where PyYAML noticed).
    pytest.param({"  - {label: 为群众解决难题, value: 230, unit: 件, year: 2023}": "  - {label: 为群众解决难题, value: 230, unit: 件, year: 2023"}, {}, [
        f"{Y}:18: YAML 格式错误：花括号 {{ }} 没有配对，或项之间少了半角逗号。请检查这一行的 {{ }} 和逗号，例如 {{label: 为群众解决难题, value: 120}}",
    ], id="unclosed-brace"),
    pytest.param({"region: 青禾区": "region: [青禾区"}, {}, [
        f"{Y}:5: YAML 格式错误：方括号 [ ] 没有配对，或列表项之间少了半角逗号。请检查这一行的 [ ] 和逗号，例如 tags: [服务窗口, 便民]",
    ], id="unclosed-bracket"),
    # a # inside [ ] or { } starts a comment: the brackets were blamed, and at the file's end a line after the last
    pytest.param({"tags: [服务窗口]": "tags: [#乡村振兴, 河道管护]"}, {}, [
        f"{Y}:{BRAND_YML.splitlines().index('tags: [服务窗口]') + 1}: YAML 格式错误：方括号里的 # 被 YAML 当作注释的开头，"
        "这一行从 # 起的文字都被忽略了。请把含 # 的项用单引号括起来，写成 tags: ['#乡村振兴', 河道管护]",
    ], id="hash-in-brackets"),
    pytest.param({"tags: [服务窗口]\nfeatured: true\n": "featured: true\ntags: [#乡村振兴, 河道管护]"}, {}, [
        f"{Y}:{len(BRAND_YML.splitlines())}: YAML 格式错误：方括号里的 # 被 YAML 当作注释的开头，"
        "这一行从 # 起的文字都被忽略了。请把含 # 的项用单引号括起来，写成 tags: ['#乡村振兴', 河道管护]",
    ], id="hash-in-brackets-on-the-last-line"),
    pytest.param({"召开党员大会，确定品牌名称}": "田埂夜校 #1 期开课}"}, {}, [
        f"{Y}:{BRAND_YML.splitlines().index('timeline:') + 2}: YAML 格式错误：花括号里的 # 被 YAML 当作注释的开头，"
        "这一行从 # 起的文字都被忽略了。请把含 # 的项用单引号括起来，写成 - {date: 2019-03-01, event: '田埂夜校 #1 期开课'}",
    ], id="hash-in-braces"),
    pytest.param({"region: 青禾区": "region 青禾区"}, {}, [
        f"{Y}:5: YAML 格式错误：这一行缺少“字段: 值”里的半角冒号。请在字段名后加“: ”；要写多行文字时，写成 字段: | 再换行缩进",
    ], id="no-colon"),
    pytest.param({"region: 青禾区": "  region: 青禾区"}, {}, [
        f"{Y}:5: YAML 格式错误：这一行比上一行多缩进了。同一层的字段要左对齐；只有上一行以冒号结尾时，下一行才缩进",
    ], id="indented-key"),
    # a colon in a list item's value: it was told as an indentation mistake, and the editor moved spaces about
    pytest.param({"description: 在办事大厅设立党员示范岗": "description: 做法: 在办事大厅设立党员示范岗"}, {}, [
        f"{Y}:16: YAML 格式错误：这里不应出现冒号。值里含有“: ”时，请把整个值用引号括起来",
    ], id="colon-in-an-items-value"),
    pytest.param({"slogan: 连民心 解民忧": 'slogan: "连民心" 解民忧'}, {}, [
        f"{Y}:2: YAML 格式错误：引号或方括号结束后，同一行还有文字。请把整个值放进一对单引号里，写成 slogan: '\"连民心\" 解民忧'",
    ], id="text-after-quote"),
    # braces opening a value: told as an indentation mistake, though every line was aligned
    pytest.param({"slogan: 连民心 解民忧": "slogan: {连民心} 解民忧"}, {}, [
        f"{Y}:2: YAML 格式错误：花括号结束后，同一行还有文字。请把整个值放进一对单引号里，写成 slogan: '{{连民心}} 解民忧'",
    ], id="text-after-braces"),
    pytest.param({"description: 在办事大厅设立党员示范岗": "description: {示范岗}设在办事大厅"}, {}, [
        f"{Y}:16: YAML 格式错误：花括号结束后，同一行还有文字（YAML 把开头的花括号当成了它的写法）。"
        "这样的长文字请写成多行：这一行只写 description: |，文字移到下一行，每行前面空两格，花括号都可以照写",
    ], id="braces-opening-a-description"),
    # single quotes inside: the example is the editor's own value in double quotes, not another field's
    pytest.param({"slogan: 连民心 解民忧": "slogan: '连民心'解民忧"}, {}, [
        f"{Y}:2: YAML 格式错误：引号或方括号结束后，同一行还有文字。请把整个值放进一对双引号里，写成 slogan: \"'连民心'解民忧\"",
    ], id="text-after-single-quotes"),
    # a link opening a long text: the block form needs no quotes, and a long line is told so too
    pytest.param({"connotation: |\n  " + CONNOTATION: "connotation: [连心桥](cases/x.md)" + "把群众的事办好，" * 12}, {}, [
        f"{Y}:12: YAML 格式错误：引号或方括号结束后，同一行还有文字（YAML 把开头的引号或方括号当成了它的写法）。"
        "这样的长文字请写成多行：这一行只写 connotation: |，文字移到下一行，每行前面空两格，引号和方括号都可以照写",
    ], id="link-opening-the-connotation"),
    pytest.param({"description: 在办事大厅设立党员示范岗": "description: [示范岗](cases/x.md) 设在办事大厅"}, {}, [
        f"{Y}:16: YAML 格式错误：引号或方括号结束后，同一行还有文字（YAML 把开头的引号或方括号当成了它的写法）。"
        "这样的长文字请写成多行：这一行只写 description: |，文字移到下一行，每行前面空两格，引号和方括号都可以照写",
    ], id="link-opening-a-description"),
    pytest.param({"slogan: 连民心 解民忧": 'slogan: "连民心\\解民忧"'}, {}, [
        f"{Y}:2: YAML 格式错误：双引号里的反斜杠 \\ 被当作转义符。请改用单引号把值括起来，或去掉反斜杠",
    ], id="backslash-in-double-quotes"),
    pytest.param({"slogan: 连民心 解民忧": "slogan: *连民心*"}, {}, [
        f"{Y}:2: YAML 格式错误：值以 * 或 & 开头，YAML 会把它当作引用。请把整个值用引号括起来，写成 slogan: '*连民心*'",
    ], id="star-value"),
    pytest.param({"slogan: 连民心 解民忧": "slogan: @连民心"}, {}, [
        f"{Y}:2: YAML 格式错误：值不能以 @、` 或 % 开头。请把整个值用引号括起来，写成 slogan: '@连民心'",
    ], id="at-value"),
    pytest.param({"region: 青禾区": "region: 青禾区\n---"}, {}, [
        f"{Y}:6: YAML 格式错误：文件里有一行 ---，把文件分成了两段。brand.yml 里不需要 ---，请删去这一行",
    ], id="second-document"),
    pytest.param({"slogan: 连民心 解民忧": 'slogan: "连民心 解民忧'}, {}, [
        f"{Y}:2: YAML 格式错误：引号没有配对。这一行的值以引号开头，行末却没有对应的引号。请在值的末尾补上同样的引号（英文 \" 或 '），或去掉开头的引号",
    ], id="quote-left-open"),
    # an input method's Chinese closing quote after an English opening one: told which two quotes they are
    pytest.param({"slogan: 连民心 解民忧": 'slogan: "连民心 解民忧”'}, {}, [
        f"{Y}:2: " + MIXED_QUOTES.format('"', "”") + "这里不需要引号，请把两头的引号都删去，写成 slogan: 连民心 解民忧（文字中间的中文引号可以照写）",
    ], id="quote-english-open-chinese-close"),
    pytest.param({"slogan: 连民心 解民忧": "slogan: '连民心 解民忧’"}, {}, [
        f"{Y}:2: " + MIXED_QUOTES.format("'", "’") + "这里不需要引号，请把两头的引号都删去，写成 slogan: 连民心 解民忧（文字中间的中文引号可以照写）",
    ], id="single-quote-english-open-chinese-close"),
    pytest.param({"slogan: 连民心 解民忧": 'slogan: "口号: 连民心”'}, {}, [
        f"{Y}:2: " + MIXED_QUOTES.format('"', "”") + '请把结尾的 ” 改成 "，两头用同一种英文引号，写成 slogan: "口号: 连民心"',
    ], id="quote-mixed-around-a-colon"),
    # the Chinese quote closes one opened inside the text: the English closing quote is what is missing
    pytest.param({"slogan: 连民心 解民忧": 'slogan: "连民心“解民忧”'}, {}, [
        f"{Y}:2: YAML 格式错误：引号没有配对。这一行的值以引号开头，行末却没有对应的引号。请在值的末尾补上同样的引号（英文 \" 或 '），或去掉开头的引号",
    ], id="quote-left-open-after-a-chinese-pair"),
    pytest.param({"    description: 在办事大厅": "  description: 在办事大厅"}, {}, [
        f"{Y}:16: YAML 格式错误：这一行是第 15 行那一项的字段，要与“name:”左对齐：前面应有 4 个空格，现在是 2 个。请补上 2 个空格",
    ], id="list-item-field-outdented"),
    # each told where its spaces go; following the advice fixes it (it led in circles before)
    pytest.param({"亮承诺。\n": "亮承诺。\n - name: 党员先锋岗\n   description: 第二个载体。\n"}, {}, [
        f"{Y}:17: YAML 格式错误：这一行是列表的一项，开头的“-”要与第 15 行的“-”对齐：前面应有 2 个空格，现在是 1 个。请补上 1 个空格",
    ], id="list-item-one-space"),
    pytest.param({"亮承诺。\n": "亮承诺。\n- name: 党员先锋岗\n  description: 第二个载体。\n"}, {}, [
        f"{Y}:17: YAML 格式错误：这一行是列表的一项，开头的“-”要与第 15 行的“-”对齐：前面应有 2 个空格，现在是 0 个。请补上 2 个空格",
    ], id="list-item-flush-left"),
    pytest.param({"亮承诺。\n": "亮承诺。\n   - name: 党员先锋岗\n     description: 第二个载体。\n"}, {}, [
        f"{Y}:17: YAML 格式错误：这一行是列表的一项，开头的“-”要与第 15 行的“-”对齐：前面应有 2 个空格，现在是 3 个。请删去 1 个空格",
    ], id="list-item-three-spaces"),
    pytest.param({"  document: 青直工委": " document: 青直工委"}, {}, [
        f"{Y}:10: YAML 格式错误：这一行开头少了 1 个空格。它和第 9 行的“date:”是同一层的字段，请补上空格，与它左对齐",
    ], id="a-field-short-of-its-siblings"),
    pytest.param({"  - name: 党员示范岗": "  -name: 党员示范岗"}, {}, [
        f"{Y}:15: YAML 格式错误：“-”后面要空一格。列表的每一项写成“- 字段: 值”，这一行应写成“  - name: 党员示范岗”",
    ], id="dash-without-space"),
    pytest.param({"  “连心桥”寓意": "“连心桥”寓意"}, {}, [
        f"{Y}:13: YAML 格式错误：这一行是“connotation: |”下面的多行文字，但没有缩进。多行文字的每一行前面都要空 2 个空格（比“connotation:”多缩进两格）",
    ], id="text-flush-left-under-its-key"),
    # a second carrier without its "- ": told at its first line, to add the dash, not to delete a field
    pytest.param({"    description: 在办事大厅设立党员示范岗，亮身份、亮承诺。":
                  "    description: 在办事大厅设立党员示范岗，亮身份、亮承诺。\n    name: 红色代办\n    description: 党员代办群众事项。"}, {}, [
        f"{Y}:17: 列表的同一项里，字段 name 写了两次。如果这是新的一项（例如又一个载体），请在这一行前面加“- ”，和上一项的“- ”对齐；如果只是写重了，再删去其中一行",
    ], id="list-item-without-its-dash"),
    # full-width digits look like a number; a full-width space after a category is invisible
    pytest.param({"established: 2019": "established: ２０１９", "category: 机关": "category: 机关\u3000"}, {}, [
        f"{Y}:4: category（类别）的值“机关\u3000”不在本站的类别列表中。它的前后多了空格（可能是全角空格），请删去。"
        "可选：机关、社区、园区、农村、企业、学校、医疗卫生、政法、其他",
        f"{Y}:7: established（创建年份）应为整数，现在是文本“２０１９”。“２０１９”用的是全角数字，请改成半角：established: 2019",
    ], id="full-width-digits-and-space"),
    # two fields on one line, in a list item and at the top
    pytest.param({"  - {label: 为群众解决难题, value: 230, unit: 件, year: 2023}": "  - label: 基层满意率 value: 97.3"}, {}, [
        f"{Y}:18: YAML 格式错误：这一行写了 label 和 value 两个字段。一行写几个字段要用花括号和英文逗号，"
        "例如 - {label: …, value: …}；或者把 value: 移到下一行，与 label 左对齐",
    ], id="two-fields-on-one-line"),
    # a phone written as a number; named's fields written flush left under it
    pytest.param({"  date: 2021-12-20\n  document:": "date: 2021-12-20\ndocument:"}, {}, [
        f"{Y}:8: named（命名信息）没有填写内容。它下面的 date、document 要另起一行，并在前面加两个空格",
        f"{Y}:9: date 是 named 下面的字段，要写在“named:”的下一行，并在前面加两个空格，例如：\nnamed:\n  date: …",
        f"{Y}:10: document 是 named 下面的字段，要写在“named:”的下一行，并在前面加两个空格，例如：\nnamed:\n  document: …",
    ], id="named-fields-flush-left"),
    pytest.param({"featured: true": "featured: true\ncontact:\n  phone: 13812345678"}, {}, [
        f"{Y}:{BRAND_YML.splitlines().index('featured: true') + 3}: contact 的 phone（电话）应为文本，现在是“13812345678”。要写成文字，请加引号：phone: \"13812345678\"",
    ], id="phone-as-a-number"),
    # a year in quotes is text; a date of a year only
    pytest.param({"established: 2019": 'established: "2019"', "  date: 2021-12-20": "  date: 2021"}, {}, [
        f"{Y}:7: established（创建年份）应为整数，现在是文本“2019”。数字不要加引号，写成 established: 2019",
        f"{Y}:9: named 的 date（命名日期）应为文本，现在是“2021”。日期要写完整的年-月-日，例如 date: 2021-03-01",
    ], id="quoted-year-and-year-only-date"),
    # a year in Chinese quotes: told once as text, and that those quotes are text too
    pytest.param({"established: 2019": "established: “2019”"}, {}, [
        f"{Y}:7: established（创建年份）应为整数，现在是文本“2019”。中文引号也算文字，数字不要加引号，写成 established: 2019",
    ], id="year-in-chinese-quotes"),
    # the scaffold's commented sample left as it is, not an anonymised place that starts like it
    pytest.param({"region: 青禾区": "region: 某某区"}, {}, [
        f"{Y}:5: 提示：region（地区）与 brandsite new 的示例“某某区”相同。如果是照抄的示例，请改成本品牌的真实内容；本来就是这样写的，可以不改",
    ], id="sample-region"),
    pytest.param({"tags: [服务窗口]": "tags: [服务窗口、便民服务]"}, {}, [
        f"{Y}:24: 警告：tags 第 1 项“服务窗口、便民服务”里有中文逗号或顿号，网站会把它当成一个标签显示。要写几个标签，"
        "请用英文逗号分开，例如 tags: [服务窗口, 便民服务]",
    ], id="tags-in-one"),
    # a set phrase with 、 among other tags is a note; a list of one such tag, a warning (above)
    pytest.param({"tags: [服务窗口]": "tags: [服务窗口, 接诉即办、未诉先办]", "organization: 青禾区政务服务中心党支部": "organization: 某某区某某局机关党委"}, {}, [
        f"{Y}:24: 提示：tags 第 2 项“接诉即办、未诉先办”里有中文逗号或顿号，网站会把它当成一个标签显示。要写几个标签，"
        "请用英文逗号分开，例如 tags: [接诉即办, 未诉先办]（本来就是一个标签的，可以不改）",
    ], id="set-phrase-tag-and-anonymised-organization"),
    pytest.param({"region: 青禾区": "region: 某某区云桥街道", "document: 青直工委〔2021〕12号": "document: 某直工委〔2021〕12号文"},
                 {}, [], id="anonymised-region-and-document"),
    # YAML stumbles on document:, a line after the one to indent
    pytest.param({"  date: 2021-12-20": "date: 2021-12-20"}, {}, [
        f"{Y}:9: YAML 格式错误：“date:”应该写在“named:”下面，比“named:”多缩进两个空格，和下一行的“document:”对齐",
    ], id="key-not-indented-under-its-block"),
    pytest.param({CONNOTATION: CONNOTATION + "\n 第二行只空了一格。"}, {}, [
        f"{Y}:14: YAML 格式错误：这一行是“connotation: |”下面多行文字的一部分，但比第一行文字少缩进了。"
        "多行文字的每一行都要和第一行左对齐（这里是 2 个空格）",
    ], id="text-line-less-indented"),
    pytest.param({CONNOTATION: CONNOTATION + "\n第二行顶格写了。"}, {}, [
        f"{Y}:14: YAML 格式错误：这一行是“connotation: |”下面多行文字的一部分，但比第一行文字少缩进了。"
        "多行文字的每一行都要和第一行左对齐（这里是 2 个空格）",
    ], id="text-line-flush-left"),
    pytest.param({"category: 机关": "category:机关"}, {}, [
        f"{Y}:4: “category”后面的冒号后面要空一格。请写成“category: 机关”",
    ], id="no-space-after-colon"),
    # on the first line YAML joins it to the next and stumbles there; in a list item it reads a text
    pytest.param({"name: 连心桥": "name:连心桥", "  - name: 党员示范岗": "  - name:党员示范岗"}, {}, [
        f"{Y}:1: “name”后面的冒号后面要空一格。请写成“name: 连心桥”",
        f"{Y}:15: “name”后面的冒号后面要空一格。请写成“name: 党员示范岗”",
    ], id="no-space-after-colon-first-line-and-list-item"),
    pytest.param({}, {"cases/tui-shui.md": CASE_MD.replace("title: ", "title:")}, [
        "brands/lian-xin-qiao/cases/tui-shui.md:2: “title”后面的冒号后面要空一格。请写成“title: 一张清单解决企业退税难题”",
    ], id="no-space-after-colon-in-a-case"),
    # a long value is shown cut, and said so (copied as shown, the text lost its end)
    pytest.param({}, {"cases/tui-shui.md": CASE_MD.replace("summary: 党员示范岗三天办结。", "summary:沿河党员认领河段、每周巡河，一年清理河道垃圾二百多吨，河水变清了，村民也愿意一起守护这条河。")}, [
        "brands/lian-xin-qiao/cases/tui-shui.md:4: “summary”后面的冒号后面要空一格。"
        "请写成“summary: 沿河党员认领河段、每周巡河，一年清理河道垃圾二百多吨，河水变……”（后面的文字照原样保留）",
    ], id="no-space-after-colon-a-long-value"),
    # a word and a colon in a text is no field: a list item's text, an event's, a quoted value's next line
    pytest.param({"    items: [推出线上服务站]": "    items:\n      - wechat:公众号上线", "event: 召开党员大会，确定品牌名称": "event: 上线小程序，AI：智能问答",
                  "slogan: 连民心 解民忧": 'slogan: "连民心\nwifi:全覆盖"'}, {}, [], id="word-and-colon-in-text"),
    # a line of a | text is text: its full-width colons are the editor's Chinese, not keys
    pytest.param({CONNOTATION: "理念：" + CONNOTATION + "\n  做法：三步走,方法：清单化。"}, {}, [], id="colon-in-a-text"),
    pytest.param({"  - name: 党员示范岗": "  — name: 党员示范岗"}, {}, [
        f"{Y}:15: 列表项开头的“—”是中文破折号或全角符号。请换成半角减号加空格“- ”，例如“- name: …”",
    ], id="list-item-with-a-chinese-dash"),
    pytest.param({"tags: [服务窗口]": "tags: 【基层治理，为民服务】"}, {}, [
        f"{Y}:24: tags（标签）应为列表（每项以“- ”开头），现在是文本“【基层治理，为民服务】”。方括号和逗号要用英文半角符号，"
        "写成 tags: [基层治理, 为民服务]",
    ], id="list-in-chinese-brackets"),
    pytest.param({"{label: 为群众解决难题": "{label：为群众解决难题"}, {}, [
        f"{Y}:18: “label”后面用了全角冒号“：”。请换成半角冒号“:”并在后面加一个空格",
    ], id="full-width-colon-inside-braces"),
    pytest.param({"{label: 为群众解决难题, value: 230, unit: 件": "{label: 为群众解决难题，value: 230、 unit: 件"}, {}, [
        f"{Y}:18: {{ }} 里“value”前面用了中文逗号“，”。各项之间要用半角逗号“,”，例如 {{label: 为群众解决难题, value: 120}}",
        f"{Y}:18: {{ }} 里“unit”前面用了中文逗号“、”。各项之间要用半角逗号“,”，例如 {{label: 为群众解决难题, value: 120}}",
    ], id="chinese-comma-inside-braces"),
    pytest.param({"slogan: 连民心 解民忧": "slogan: #1 连民心"}, {}, [
        f"{Y}:2: 值“#1 连民心”以 # 开头，被 YAML 当作注释，所以 slogan 读到的是空的。要显示 #，请把整个值用引号括起来，例如 slogan: '#1 连民心'",
    ], id="value-starting-with-hash"),
    pytest.param({"slogan: 连民心 解民忧": "slogan: !连民心"}, {}, [
        f"{Y}:2: YAML 格式错误：值不能以 ! 开头（YAML 会把它当作标签）。请把整个值用引号括起来，写成 slogan: '!连民心'",
    ], id="value-starting-with-bang"),
    pytest.param({"value: 230, unit: 件": "value: 230件"}, {}, [
        f"{Y}:18: metrics 第 1 项的 value（数值）应为数字，现在是文本“230件”。数字和单位要分开写：value: 230, unit: 件",
    ], id="value-with-its-unit"),
    # 1.865万 beside its unit: the unit kept (the advice dropped 人次)
    pytest.param({"value: 230, unit: 件": "value: 1.865万, unit: 人次"}, {}, [
        f"{Y}:18: metrics 第 1 项的 value（数值）应为数字，现在是文本“1.865万”。数字和单位要分开写：value: 1.865, unit: 万人次",
    ], id="value-with-wan-beside-its-unit"),
    pytest.param({"value: 230, unit: 件": "value: 2万, unit: 万元"}, {}, [
        f"{Y}:18: metrics 第 1 项的 value（数值）应为数字，现在是文本“2万”。数字和单位要分开写：value: 2, unit: 万元",
    ], id="value-with-wan-beside-a-unit-of-wan"),
    pytest.param({"value: 230, unit: 件": "value: 50%, unit: 个百分点"}, {}, [
        f"{Y}:18: metrics 第 1 项的 value（数值）应为数字，现在是文本“50%”。数字和单位要分开写：value: 50, unit: '%'",
    ], id="value-with-percent-beside-another-unit"),
    pytest.param({"established: 2019": "established: 2024年"}, {}, [
        f"{Y}:7: established（创建年份）应为整数，现在是文本“2024年”。只写数字，不写“年”：established: 2024",
    ], id="year-with-nian"),
    # a ": " inside a value in braces read as another key: told to quote that value
    pytest.param({"event: 召开党员大会，确定品牌名称": "event: 召开党员大会: 确定品牌名称"}, {}, [
        f"{Y}:20: YAML 格式错误：花括号里 event 的值里有“: ”，YAML 会把它当成又一个字段。"
        "请把这个值用英文双引号括起来，写成 event: \"召开党员大会: 确定品牌名称\"",
    ], id="colon-in-a-braced-value"),
    # full-width digits with a unit or a 年: no half-width example that would still be wrong
    pytest.param({"value: 230, unit: 件": "value: ２３０件", "established: 2019": "established: ２０１９年"}, {}, [
        f"{Y}:7: established（创建年份）应为整数，现在是文本“２０１９年”。只写数字，不写“年”：established: 2019",
        f"{Y}:18: metrics 第 1 项的 value（数值）应为数字，现在是文本“２３０件”。例如 value: 230",
    ], id="full-width-digits-with-a-unit"),
    pytest.param({"unit: 件": "unit: %"}, {}, [
        f"{Y}:18: YAML 格式错误：值不能以 @、` 或 % 开头。请把整个值用引号括起来，写成 unit: '%'",
    ], id="value-starting-with-percent"),
    pytest.param({}, {"cases/tui-shui.md": "# 标题\n\n正文\n"}, [
        f"{CASE}:1: 案例文件开头缺少案例信息：第一行写 ---，接着写 title: 和 date:，再用一行 --- 结束，然后写正文",
    ], id="case-without-front-matter"),
    pytest.param({}, {"cases/tui-shui.md": "---\ntitle: 案例\ndate: 2023-06-18\n\n正文\n"}, [
        f"{CASE}:1: 案例信息没有结束：第 1 行的 --- 之后，要在 title:、date: 等字段写完后另起一行，再写一行 ---，然后才是正文",
    ], id="case-front-matter-not-closed"),
    pytest.param({}, {"cases/tui-shui.md": "---\ntitle: 案例\ndate: 2023-06-18\n\n正文第一段。\n\n---\n\n正文第二段。\n"}, [
        f"{CASE}:1: 案例信息没有结束：第 1 行的 --- 之后，要在 title:、date: 等字段写完后另起一行，再写一行 ---，然后才是正文",
    ], id="case-front-matter-not-closed-rule-in-text"),
    pytest.param({}, {"cases/tui-shui.md": "---\ntitle: 案例\n\ndate: 2023-06-18\nsummary: 时间: 上午九点\n---\n正文。\n"}, [
        f"{CASE}:5: YAML 格式错误：这里不应出现冒号。值里含有“: ”时，请把整个值用引号括起来",
    ], id="case-front-matter-closed-with-a-blank-line-and-a-mistake"),
    pytest.param({}, case("- title: 案例\n"), [
        f"{CASE}:2: 案例信息（两行 --- 之间）应是“字段: 值”的形式，至少需要 title 和 date",
    ], id="case-front-matter-list"),
    pytest.param({}, {"cases/tui-shui.md": "---\ntitle: 案例\ndate: 2023-06-18\n---\n\n"}, [
        f"{CASE}:4: 警告：案例正文是空的：第 4 行的 --- 之后还没有内容，网站上的案例页只会有标题。请在这行 --- 下面写案例正文（遇到了什么问题、做了什么、效果如何）",
    ], id="case-without-a-body"),
    # a no-break space after the colon (Word, web pages): YAML reads no key there
    pytest.param({"organization: 青禾区": "organization:\u00a0青禾区"}, {"cases/tui-shui.md": "---\ntitle:\u00a0案例\ndate: 2023-06-18\n---\n正文。\n"}, [
        f"{Y}:3: “organization”的冒号后面是一个不换行空格或全角空格（从 Word、网页复制或用中文输入法时常见），YAML 不认。请删掉冒号后面的空格，重新打一个半角空格",
        f"{CASE}:2: “title”的冒号后面是一个不换行空格或全角空格（从 Word、网页复制或用中文输入法时常见），YAML 不认。请删掉冒号后面的空格，重新打一个半角空格",
    ], id="no-break-space-after-a-colon"),
    pytest.param({"  - {label: 为群众解决难题, value: 230": "  - {label:\u00a0为群众解决难题, value:\u3000230"}, {}, [
        f"{Y}:18: “label”" + "的冒号后面是一个不换行空格或全角空格（从 Word、网页复制或用中文输入法时常见），YAML 不认。请删掉冒号后面的空格，重新打一个半角空格",
    ], id="no-break-space-after-a-colon-in-braces"),
    pytest.param({}, {"cases/tui-shui.md": "---\ntitle: 案例\ndate: 2023-06-18\nphotos: [../photos/desk.png，../photos/desk.png]\n---\n正文。\n"}, [
        f"{CASE}:4: photos 第 1 项“../photos/desk.png，../photos/desk.png”里有中文逗号、顿号或分号，会被当成一张照片的路径。"
        "要写几张照片，请用英文逗号分开，例如 photos: [../photos/desk.png, ../photos/desk.png]",
    ], id="photos-with-a-chinese-comma"),
    pytest.param({}, {"cases/tui-shui.md": "---\ntitle: 案例\ndate: 2023-06-18\nphotos: [../photos/座谈会、走访.png]\n---\n正文。\n",
                      "photos/座谈会、走访.png": png_bytes((640, 480))}, [], id="a-photo-named-with-a-chinese-comma"),
    pytest.param({}, {"cases/tui-shui.md": None, "cases/._tui-shui.md": "\x00\x05\x16\x07"}, [
        f"{Y}:6: " + NEEDS_CASE,
    ], id="named-stage-with-only-a-hidden-case-file"),
    pytest.param({"slogan: 连民心 解民忧": "slogan: “口号: 连民心”"}, {}, [
        f"{Y}:2: YAML 格式错误：这里不应出现冒号。这个值用的是中文引号，YAML 不把它当作引号：请把整个值用英文双引号括起来，写成 slogan: \"…\"（里面的中文引号可以保留）",
    ], id="chinese-quotes-around-a-colon"),
    pytest.param({"name: 连心桥": "name: “红色”连心桥“先锋”", "region: 青禾区": "region: 《青禾区志》"}, {}, [], id="names-with-quoted-parts"),
    pytest.param({}, {"cases/tui-shui.md": "---\ntitle: 案例\ndate: 2023-06-18\nphotos: [../photos/义诊、体检.jpeg]\n---\n正文。\n",
                      "photos/义诊、体检.png": png_bytes((640, 480))}, [
        f"{CASE}:4: 找不到照片“../photos/义诊、体检.jpeg”。请改成已有的图片之一：../photos/desk.png、../photos/义诊、体检.png；"
        "或把照片放进品牌的 photos/ 文件夹，文件名与这里写的一致。照片删掉了、不再用的话，从 photos: 里删去这一行",
    ], id="a-photo-named-with-a-chinese-comma-written-wrong"),
    pytest.param({"name: 连心桥": "name: “连心桥”", "region: 青禾区": "region: 「青禾区」"}, {}, [
        f"{Y}:1: 警告：name（品牌名称）写成了 “连心桥”，两头的引号会在网站上一起显示。这里不需要引号，请删去，写成 name: 连心桥",
        f"{Y}:5: 警告：region（地区）写成了 「青禾区」，两头的引号会在网站上一起显示。这里不需要引号，请删去，写成 region: 青禾区",
    ], id="names-in-chinese-quotes"),
    pytest.param({"unit: 件": "unit: “件”"}, {}, [
        f"{Y}:18: 警告：unit（单位）写成了 “件”，两头的引号会和数字一起显示（如 1286 “件”）。请删去引号，写成 unit: 件",
    ], id="a-unit-in-chinese-quotes"),
    # a slogan wrapped whole in quotes: a note (a slogan may be a quotation), not a stop
    pytest.param({"slogan: 连民心 解民忧": "slogan: “连民心 解民忧”"}, {}, [
        f"{Y}:2: 提示：slogan（品牌口号）写成了 “连民心 解民忧”，两头的引号会在网站上一起显示。如果引号只是为了标出口号，请删去，写成 slogan: 连民心 解民忧",
    ], id="a-slogan-in-chinese-quotes"),
    # a Chinese quote opening and an English one closing: YAML reads both as text; told they differ
    pytest.param({"slogan: 连民心 解民忧": 'slogan: “连民心 解民忧"'}, {}, [
        f"{Y}:2: 提示：slogan（品牌口号）写成了 “连民心 解民忧\"，开头是中文引号 “，结尾是英文引号 \"，不成对，两头的引号会在网站上一起显示。"
        "口号不需要引号，请把两头的引号都删去，写成 slogan: 连民心 解民忧",
    ], id="a-slogan-in-mixed-quotes"),
    pytest.param({"name: 连心桥": "name: ‘连心桥'"}, {}, [
        f"{Y}:1: 警告：name（品牌名称）写成了 ‘连心桥'，开头是中文引号 ‘，结尾是英文引号 '，不成对，两头的引号会在网站上一起显示。"
        "这里不需要引号，请删去，写成 name: 连心桥",
    ], id="a-name-in-mixed-single-quotes"),
    pytest.param({"slogan: 连民心 解民忧": "slogan: “连民心”解民忧"}, {}, [], id="a-slogan-quoting-a-part"),
    # a quote left at one end, pairing with none: shown on every page as typed
    pytest.param({"name: 连心桥": 'name: 连心桥"', "organization: 青禾区政务服务中心党支部": "organization: 青禾区政务服务中心党支部”"}, {}, [
        f'{Y}:1: 警告：name（品牌名称）写成了 连心桥"，结尾多了一个英文引号 "，没有和它成对的引号，网站上会原样显示它。请删去这个引号，写成 name: 连心桥',
        f"{Y}:3: 警告：organization（所属党组织）写成了 青禾区政务服务中心党支部”，结尾多了一个中文引号 ”，没有和它成对的引号，网站上会原样显示它。"
        "请删去这个引号，写成 organization: 青禾区政务服务中心党支部",
    ], id="a-stray-quote-at-one-end"),
    pytest.param({"name: 连心桥": "name: “连心”桥”", "region: 青禾区": "region: 「青禾区", "unit: 件": "unit: 件'"}, {}, [
        f"{Y}:1: 警告：name（品牌名称）写成了 “连心”桥”，结尾多了一个中文引号 ”，没有和它成对的引号，网站上会原样显示它。请删去这个引号，写成 name: “连心”桥",
        f"{Y}:5: 警告：region（地区）写成了 「青禾区，开头多了一个中文引号 「，没有和它成对的引号，网站上会原样显示它。请删去这个引号，写成 region: 青禾区",
        f"{Y}:18: 警告：unit（单位）写成了 件'，结尾多了一个英文引号 '，没有和它成对的引号，网站上会原样显示它。请删去这个引号，写成 unit: 件",
    ], id="a-stray-quote-after-a-quoted-part"),
    pytest.param({"name: 连心桥": "nme: 连心桥"}, {}, [
        f"{Y}:1: 未知字段 nme。您是不是想写 name？name 是必填字段，现在缺少它",
    ], id="a-misspelt-required-field-told-once"),
    pytest.param({}, {"cases/tui-shui.md": " \n"}, [
        f"{CASE}:1: 案例文件是空的。请按这样写：第一行写 ---，接着写 title: 和 date:，再用一行 --- 结束，然后写正文；不用的案例文件请删掉",
    ], id="case-file-empty"),
    pytest.param({}, {"cases/tui-shui.md": "\n---\ntitle: 案例\ndate: 2023-06-18\n---\n正文。\n"}, [
        f"{CASE}:1: 案例文件的 --- 前面有空行：--- 要写在文件的第一行。请删掉它前面的空行",
    ], id="case-file-with-a-blank-first-line"),
    pytest.param({"connotation: |\n  ": "connotation: 第一行写在冒号后面,\n  "}, {}, [
        f"{Y}:12: 提示：connotation（理念内涵）写了几行，但冒号后面没有 |：网站会把这几行连成一段，行与行之间多出空格。"
        "要分行、分段，请写成 connotation: |，下一行起每行前面空两格",
    ], id="connotation-over-lines-without-a-bar"),
    pytest.param({}, case("title: 案例\ndate: 2023.7\n"), [
        f"{CASE}:3: date（日期）应为文本，现在是“2023.7”。日期要写成年-月-日，只知道月份时写当月 1 日，例如 date: 2023-07-01",
    ], id="case-date-year-dot-month"),
    pytest.param({}, case("title: 案例\ndate: 2023.10\n"), [
        f"{CASE}:3: date（日期）应为文本，现在是“2023.1”。日期要写成年-月-日，只知道月份时写当月 1 日，例如 date: 2023-01-01 或 date: 2023-10-01",
    ], id="case-date-year-dot-october"),
    pytest.param({}, {"cases/notes.txt": "随手记"}, [
        "brands/lian-xin-qiao/cases/notes.txt:1: 警告：cases/ 里只应放案例 Markdown 文件（.md）。请移走这个文件，照片放进 photos/",
    ], id="stray-file-in-cases"),
    pytest.param({}, {"cases/da-xie.MD": "---\ntitle: 大写的扩展名\ndate: 2023-06-18\n---\n正文。\n"}, [
        "brands/lian-xin-qiao/cases/da-xie.MD:1: 警告：案例文件要以小写的 .md 结尾才会发布。请把它改名为 da-xie.md",
    ], id="case-file-with-upper-case-extension"),
    pytest.param({}, {"cases/Wang-Ge.MD": "---\ntitle: 大写的文件名\ndate: 2023-06-18\n---\n正文。\n"}, [
        "brands/lian-xin-qiao/cases/Wang-Ge.MD:1: 警告：案例文件要以小写的 .md 结尾才会发布。请把它改名为 wang-ge.md",
    ], id="case-file-renamed-to-a-name-a-case-may-have"),
    pytest.param({}, {"cases/wang-ge-zou-fang.md.txt": "---\ntitle: 记事本保存的\ndate: 2023-06-18\n---\n正文。\n"}, [
        "brands/lian-xin-qiao/cases/wang-ge-zou-fang.md.txt:1: 警告：这个文件的全名是“wang-ge-zou-fang.md.txt”：它是记事本另存的"
        "文本文件（Windows 可能不显示最后的 .txt），不会发布。请把它改名为 wang-ge-zou-fang.md",
    ], id="case-saved-by-notepad-with-txt-after-md"),
    pytest.param({}, {"cases/CON.MD": "---\ntitle: 设备名\ndate: 2023-06-18\n---\n正文。\n"}, [
        "brands/lian-xin-qiao/cases/CON.MD:1: 警告：案例文件要以小写的 .md 结尾才会发布。请给它改名，只用小写字母、数字和连字符，"
        "以 .md 结尾，例如 case-2.md",
    ], id="case-file-whose-lower-case-name-is-no-case-name-either"),
    pytest.param({}, {"cases/Tui-Shui.MD": "---\ntitle: 同名\ndate: 2023-06-18\n---\n正文。\n"}, [
        "brands/lian-xin-qiao/cases/Tui-Shui.MD:1: 警告：案例文件要以小写的 .md 结尾才会发布。请把它改名为 tui-shui-2.md",
    ], id="case-file-renamed-past-a-case-of-that-name"),
]

# jsonschema's errors, in Chinese at their line. (replace, files, lines)
SCHEMA = [
    pytest.param({"established: 2019": "established: 二〇一九"}, {}, [
        f"{Y}:7: established（创建年份）应为整数，现在是文本“二〇一九”。例如 established: 2020",
    ], id="type"),
    pytest.param({"featured: true": "featured: 是"}, {}, [
        f"{Y}:25: featured（首页推荐展示）应为 true 或 false，现在是文本“是”。例如 featured: true",
    ], id="type-boolean"),
    pytest.param({CARRIER: "  - 党员示范岗"}, {}, [
        f"{Y}:15: carriers 第 1 项（载体）应为带字段名的写法（字段: 值），现在是文本“党员示范岗”。"
        "例如 - name: 党员示范岗，下一行写 description: ……（与 name 左对齐）",
    ], id="type-list-item"),
    pytest.param({CARRIER: "", "carriers:\n": "carriers: 沿河联建党支部、党员护河队、田埂夜校\n"}, {}, [
        f"{Y}:14: carriers（载体）应为列表（每项以“- ”开头），现在是文本“沿河联建党支部、党员护河队、田埂夜校”。"
        "每个载体写成一项（“- ”开头），例如\ncarriers:\n  - name: 沿河联建党支部\n  - name: 党员护河队\n  - name: 田埂夜校",
    ], id="carriers-as-one-line-of-text"),
    pytest.param({"category: 机关": "category: 党建"}, {}, [
        f"{Y}:4: category（类别）的值“党建”不在本站的类别列表中。可选：机关、社区、园区、农村、企业、学校、医疗卫生、政法、其他",
    ], id="enum-category"),
    # a value near one choice is told which: part of it (医疗), a word for it (医院, 街道), more than it (已命名)
    pytest.param({"category: 机关": "category: 医疗"}, {}, [
        f"{Y}:4: category（类别）的值“医疗”不在本站的类别列表中。您是不是想写 医疗卫生？可选：机关、社区、园区、农村、企业、学校、医疗卫生、政法、其他",
    ], id="enum-category-part"),
    pytest.param({"category: 机关": "category: 县人民医院"}, {}, [
        f"{Y}:4: category（类别）的值“县人民医院”不在本站的类别列表中。您是不是想写 医疗卫生？可选：机关、社区、园区、农村、企业、学校、医疗卫生、政法、其他",
    ], id="enum-category-word"),
    pytest.param({"category: 机关": "category: 街道"}, {}, [
        f"{Y}:4: category（类别）的值“街道”不在本站的类别列表中。您是不是想写 社区？可选：机关、社区、园区、农村、企业、学校、医疗卫生、政法、其他",
    ], id="enum-category-street"),
    # near two (农村 by its name, 机关 by 局): no guess
    pytest.param({"category: 机关": "category: 农业农村局"}, {}, [
        f"{Y}:4: category（类别）的值“农业农村局”不在本站的类别列表中。可选：机关、社区、园区、农村、企业、学校、医疗卫生、政法、其他",
    ], id="enum-category-two"),
    pytest.param({"stage: 命名": "stage: 已命名"}, {}, [
        f"{Y}:6: stage（所处阶段）的值“已命名”不在可选范围内。您是不是想写 命名？可选：申报、培育、命名、示范",
    ], id="enum-stage"),
    pytest.param({"stage: 命名": "stage: 命名示范"}, {}, [
        f"{Y}:6: stage（所处阶段）的值“命名示范”不在可选范围内。可选：申报、培育、命名、示范",
    ], id="enum-stage-two"),
    pytest.param({"featured: true": "visibility: 内部"}, {}, [
        f"{Y}:25: visibility（公开范围）的值“内部”不在可选范围内。您是不是想写 internal？可选：public、internal",
    ], id="enum-visibility-chinese"),
    # a choice after 未 or 不 is not meant: 未命名 is no 命名, 非公开 is internal
    pytest.param({"stage: 命名": "stage: 未命名"}, {}, [
        f"{Y}:6: stage（所处阶段）的值“未命名”不在可选范围内。可选：申报、培育、命名、示范",
    ], id="enum-stage-negated"),
    pytest.param({"featured: true": "visibility: 非公开"}, {}, [
        f"{Y}:25: visibility（公开范围）的值“非公开”不在可选范围内。您是不是想写 internal？可选：public、internal",
    ], id="enum-visibility-negated"),
    pytest.param({"featured: true": "visibility: secret"}, {}, [
        f"{Y}:25: visibility（公开范围）的值“secret”不在可选范围内。可选：public、internal",
    ], id="enum-visibility"),
    pytest.param({"organization: 青禾区政务服务中心党支部\n": ""}, {}, [
        f"{Y}:1: 缺少必填字段 organization（所属党组织）。请添加一行，例如：organization: 某某区税务局机关党委",
    ], id="required"),
    pytest.param({"  - name: 党员示范岗\n    description": "  - description"}, {}, [
        f"{Y}:15: carriers 第 1 项里缺少必填字段 name（载体名称）。请添加一行，例如：name: 党员示范岗",
    ], id="required-in-list-item"),
    pytest.param({"carriers:\n" + CARRIER + "\n": ""}, {}, [
        f"{Y}:1: 缺少必填字段 carriers（载体）。请照这样添加几行：\ncarriers:\n  - name: 党员示范岗\n    description: ……",
    ], id="required-list-of-entries"),
    pytest.param({"name: 连心桥": "# 由 brandsite new 生成\n\nname: 连心桥", "organization: 青禾区政务服务中心党支部\n": ""}, {}, [
        f"{Y}:1: 缺少必填字段 organization（所属党组织）。请添加一行，例如：organization: 某某区税务局机关党委",
    ], id="required-after-comments"),
    pytest.param({"named:\n  date: 2021-12-20\n  document: 青直工委〔2021〕12号\n": ""}, {}, [
        f"{Y}:6: 阶段为“命名”时必须填写 named（命名信息：date 和 document）。例如：\n"
        "named:\n  date: 2021-12-20\n  document: 某直工委〔2021〕12号",
    ], id="required-named-for-named-stage"),
    pytest.param({"named:\n  date: 2021-12-20\n  document: 青直工委〔2021〕12号\n": "", "established: 2019": "established: 2024",
                  "2019-03-01": "2024-03-01"}, {}, [
        f"{Y}:6: 阶段为“命名”时必须填写 named（命名信息：date 和 document）。例如：\n"
        "named:\n  date: 2024-12-20\n  document: 某直工委〔2024〕12号",
    ], id="required-named-example-not-before-the-brand-was-established"),
    pytest.param({"slogan: 连民心 解民忧": "slogan:"}, {}, [
        f"{Y}:2: slogan（品牌口号）没有填写内容。请填写，不需要的可选字段请整行删去",
    ], id="null"),
    pytest.param({"slogan:": "slogon:"}, {}, [f"{Y}:2: 未知字段 slogon。您是不是想写 slogan？"], id="unknown-key"),
    # a field written by its Chinese name: the field it is, with the editor's value, and no "missing" for it besides
    pytest.param({"slogan:": "口号:"}, {}, [f"{Y}:2: 未知字段 口号。字段名要用英文：“口号”是 slogan（品牌口号），请写成 slogan: 连民心 解民忧"],
                 id="unknown-key-in-chinese"),
    pytest.param({"stage: 命名": "阶段: 命名"}, {}, [f"{Y}:6: 未知字段 阶段。字段名要用英文：“阶段”是 stage（所处阶段），请写成 stage: 命名"],
                 id="required-key-in-chinese"),
    # a value YAML would read otherwise unquoted keeps its quotes
    pytest.param({"region: 青禾区": '地区: "青禾区: 石桥镇"'}, {}, [f'{Y}:5: 未知字段 地区。字段名要用英文：“地区”是 region（地区），请写成 region: "青禾区: 石桥镇"'],
                 id="unknown-key-in-chinese-quoted"),
    pytest.param({"    description: 在办事": "    descripton: 在办事"}, {}, [
        f"{Y}:16: 未知字段 descripton。您是不是想写 description？",
    ], id="unknown-key-in-list-item"),
    # a field one level too far left: where it goes, told once (not also missing where it belongs)
    pytest.param({"  document: 青直工委": "document: 青直工委"}, {}, [
        f"{Y}:10: document 是 named（命名信息）下面的字段，要比“named:”多缩进，与上面的“date:”左对齐："
        "这一行开头应有 2 个空格，现在是 0 个。请补上 2 个空格",
    ], id="a-field-flush-left-under-its-mapping"),
    pytest.param({"    description: 在办事": "description: 在办事"}, {}, [
        f"{Y}:16: description 是 carriers 第 1 项（载体）的字段，要与这一项的“name:”左对齐：这一行开头应有 4 个空格，现在是 0 个。请补上 4 个空格",
    ], id="a-list-items-field-flush-left"),
    pytest.param({"    items: [推出": "items: [推出"}, {}, [
        f"{Y}:23: items 是 goals 第 1 项（年度深化目标）的字段，要与这一项的“year:”左对齐：这一行开头应有 4 个空格，现在是 0 个。请补上 4 个空格",
    ], id="a-required-field-of-a-list-item-flush-left"),
    pytest.param({", unit: 件, year: 2023}": ", year: 2023}\nunit: 件"}, {}, [
        f"{Y}:19: unit 是 metrics 第 1 项（成效数据）的字段，这一项写在花括号 {{ }} 里，写在花括号外面就成了未知字段。"
        "请把它移进花括号，用英文逗号与前面的字段隔开，例如 {label: …, unit: 件}，再删去这一行",
    ], id="a-field-below-its-braces"),
    # written below a mapping that has it already: another field, unknown
    pytest.param({"  document: 青直工委〔2021〕12号": "  document: 青直工委〔2021〕12号\ndocument: 青直工委〔2022〕3号"}, {}, [
        f"{Y}:11: 未知字段 document。可用的字段有：" + "、".join(["name", "slogan", "organization", "category", "region", "stage",
        "established", "named", "logo", "connotation", "carriers", "metrics", "timeline", "goals", "partners", "reviewed_similar",
        "cluster", "tags", "featured", "visibility", "contact"]),
    ], id="a-field-the-mapping-above-has"),
    pytest.param({"name: 连心桥": "name: 桥"}, {}, [f"{Y}:1: name（品牌名称）应为 2–20 个字，现在是 1 个字"], id="name-length"),
    pytest.param({"name: 连心桥": "name: 青禾区政务服务中心党支部连心桥为民服务品牌"}, {}, [
        f"{Y}:1: name（品牌名称）应为 2–20 个字，现在是 21 个字。名称只写品牌本身（例如“连心桥”），单位全称写在 organization（所属党组织）里，"
        "口号和说明写在 slogan 里"], id="name-too-long"),
    # the quotes made it 22: the first thing said was to shorten a name that was right
    pytest.param({"name: 连心桥": "name: “石岭县供销合作社党建引领乡村振兴先锋行动”"}, {}, [
        f"{Y}:1: name（品牌名称）应为 2–20 个字，现在是 22 个字，其中两个是名称两端的引号或书名号：去掉后是 20 个字，名称本身不用改",
        f"{Y}:1: 警告：name（品牌名称）写成了 “石岭县供销合作社党建引领乡村振兴先锋行动”，两头的引号会在网站上一起显示。这里不需要引号，"
        "请删去，写成 name: 石岭县供销合作社党建引领乡村振兴先锋行动",
    ], id="name-too-long-with-its-quotes"),
    pytest.param({"name: 连心桥": "name: 《石岭县供销合作社党建引领乡村振兴先锋行动》"}, {}, [
        f"{Y}:1: name（品牌名称）应为 2–20 个字，现在是 22 个字，其中两个是名称两端的引号或书名号：去掉后是 20 个字，名称本身不用改",
    ], id="name-too-long-with-its-title-marks"),
    pytest.param({"slogan: 连民心 解民忧": "slogan: " + "连民心解民忧" * 7}, {}, [
        f"{Y}:2: slogan（品牌口号）最多 40 个字，现在是 42 个字。请精简；要展开说明的内容，请写进 connotation（理念内涵）、story.md 或案例正文",
    ], id="slogan-too-long"),
    pytest.param({"connotation: |\n  " + CONNOTATION: "connotation: 连接群众。"}, {}, [
        f"{Y}:12: connotation（理念内涵）至少要 60 个字，现在只有 5 个字。请写清品牌名称的寓意、理念和与本职工作的结合",
    ], id="connotation-length"),
    pytest.param({CARRIER: "  []"}, {}, [f"{Y}:14: carriers（载体）至少要有 1 项"], id="min-items"),
    pytest.param({"  date: 2021-12-20": "  date: 2021年12月"}, {}, [
        f"{Y}:9: named 的 date（命名日期）“2021年12月”格式不对，应写成 2021-12-01（只知道月份时，写当月 1 日）",
    ], id="pattern-date"),
    pytest.param({"tags: [服务窗口]": "partners: [Hong_Qiao]"}, {}, [
        f"{Y}:24: partners 第 1 项（品牌文件夹名）“Hong_Qiao”不是有效的品牌文件夹名（只能用小写字母、数字和连字符，例如 hong-qiao）",
    ], id="pattern-slug"),  # said once: not also "不是已有的品牌"
    pytest.param({"established: 2019": "established: 1900"}, {}, [
        f"{Y}:7: established（创建年份）应在 1921 到 {YEAR} 之间，现在是 1900",
    ], id="range"),
    pytest.param({}, case("date: 2023-06-18\n"), [
        f"{CASE}:2: 缺少必填字段 title（案例标题）。请添加一行，例如：title: 一张清单解决企业退税难题",
    ], id="case-required"),
    pytest.param({}, case("title: 案例\ndate: 2023年6月\n"), [
        f"{CASE}:3: date（日期）“2023年6月”格式不对，应写成 2023-06-01（只知道月份时，写当月 1 日）",
    ], id="case-pattern-date"),
    pytest.param({}, case("title: 案例\ndate: 2023.5.1\n"), [
        f"{CASE}:3: date（日期）“2023.5.1”格式不对，应写成 2023-05-01",
    ], id="case-date-with-dots"),
    pytest.param({}, case("title: 案例\ndate: 2023年5月1日\n"), [
        f"{CASE}:3: date（日期）“2023年5月1日”格式不对，应写成 2023-05-01",
    ], id="case-date-in-chinese"),
    pytest.param({}, case("title: 案例\ndate: 二〇二四年六月十八日\n"), [
        f"{CASE}:3: date（日期）“二〇二四年六月十八日”格式不对，应写成 2024-06-18",
    ], id="case-date-in-chinese-numerals"),
    pytest.param({}, case("title: 案例\ndate: 二〇二四年十月\n"), [
        f"{CASE}:3: date（日期）“二〇二四年十月”格式不对，应写成 2024-10-01（只知道月份时，写当月 1 日）",
    ], id="case-month-in-chinese-numerals"),
    pytest.param({}, case("title: 案例\ndate: 2023-06-18\nsummary: {a: 1}\n"), [
        f"{CASE}:4: summary（摘要）应为文本，现在是一个映射。例如 summary: 党员示范岗三天办结……",
    ], id="case-type"),
    pytest.param({}, case("title: 案例\ndate: 2023-06-18\ntags: [x]\n"), [
        f"{CASE}:4: 未知字段 tags。可用的字段有：title、date、summary、photos、visibility、brand",
    ], id="case-unknown-key"),
    pytest.param({}, case("title: 案例\ndate: 2023-06-18\nvisibility: 内部\n"), [
        f"{CASE}:4: visibility（公开范围）的值“内部”不在可选范围内。您是不是想写 internal？可选：public、internal",
    ], id="case-enum"),
]

# The rules on fields and texts (field_rules.py). (replace, files, lines)
FIELDS = [
    pytest.param({"region: 青禾区": "region: 青禾区\nregion: 东湖区"}, {}, [f"{Y}:6: 字段 region 写了两次（第一次在第 5 行）。请删去其中一行"],
                 id="duplicate-key"),
    pytest.param({"召开党员大会，确定品牌名称": "召开党员大会,确定品牌名称"}, {}, [
        f"{Y}:20: 提示：花括号 {{…}} 里的半角逗号“,”在 YAML 中是分隔符，已按一个值“召开党员大会,确定品牌名称”处理。"
        "为避免歧义，请改用全角逗号“，”，或给值加引号：\"召开党员大会,确定品牌名称\"",
    ], id="comma-in-flow-mapping"),
    pytest.param({"  date: 2021-12-20": "  date: 2021-02-30"}, {}, [
        f"{Y}:9: named 的 date（命名日期）“2021-02-30”这一天不存在（2021 年 2 月只有 28 天），请核对日期",
    ], id="named-date"),
    pytest.param({"  date: 2021-12-20": f"  date: {YEAR + 1}-01-01"}, {}, [
        f"{Y}:9: named 的 date（命名日期）是 {YEAR + 1}-01-01，晚于今天。请填写实际命名的日期",
    ], id="named-date-in-the-future"),
    pytest.param({"2019-03-01": "2019-02-29"}, {}, [
        f"{Y}:20: timeline 第 1 项的 date（日期）“2019-02-29”这一天不存在（2019 年 2 月只有 28 天），请核对日期",
    ], id="timeline-date"),
    pytest.param({"2019-03-01": f"{YEAR + 1}-03-01"}, {}, [
        f"{Y}:20: 提示：timeline 第 1 项的 date（日期）是 {YEAR + 1}-03-01，晚于今天。创建档案记的是已经发生的事，请核对是否写错（不改也可以发布）",
    ], id="timeline-date-in-the-future"),
    pytest.param({"event: 召开党员大会": "event: 召开党员大会\u0e49\u0e49\u0e49\u0e49\u0e49\u0e49\u0e49"}, {}, [
        f"{Y}:20: timeline 第 1 项的 event（事件）里有 7 个连在一起的附加符号（声调、变音符号之类），会叠成一长串，盖住上下的文字，"
        "已拒绝。请删去多余的符号，最好把这一项重新输入一遍",
    ], id="timeline-event-stacked-marks"),
    pytest.param({}, case("title: 案例" + "\u0e49" * 30 + "\ndate: 2023-06-18\n"), [
        f"{CASE}:2: title（案例标题）里有 30 个连在一起的附加符号（声调、变音符号之类），会叠成一长串，盖住上下的文字，"
        "已拒绝。请删去多余的符号，最好把这一项重新输入一遍",
    ], id="case-title-stacked-marks"),
    pytest.param({}, case(f"title: 案例\ndate: {YEAR + 1}-06-18\n"), [
        f"{CASE}:3: 提示：date（日期）是 {YEAR + 1}-06-18，晚于今天。案例写的是已经做过的事，请核对是否写错（不改也可以发布）",
    ], id="case-date-in-the-future"),
    # years ahead: a mistake that would head the case lists and the news feed for good
    pytest.param({}, case("title: 案例\ndate: 9999-12-31\n"), [
        f"{CASE}:3: 警告：date（日期）是 9999-12-31，比今天晚一年以上，多半是写错了：这个案例会一直排在案例列表和"
        "订阅（feed）的最前面。请改成案例实际发生的日期",
    ], id="case-date-years-ahead"),
    pytest.param({}, case("title: 案例\ndate: 0001-01-01\n"), [
        f"{CASE}:3: 警告：date（日期）是 0001-01-01，早于 1921 年，多半是写错了年份。请改成案例实际发生的日期",
    ], id="case-date-before-1921"),
    pytest.param({"established: 2019": f"established: {YEAR + 1}"}, {}, [
        f"{Y}:7: established（创建年份）是 {YEAR + 1} 年，晚于今年。请填写品牌实际创建的年份",
    ], id="year-in-future"),
    pytest.param({"  date: 2021-12-20": "  date: 0001-01-01"}, {}, [
        f"{Y}:9: named 的 date（命名日期）是 0001-01-01，早于 established（创建年份）2019 年。品牌先创建后命名，请核对这两项",
    ], id="named-before-established"),
    pytest.param({}, {"cases/tui-shui.md": None}, [f"{Y}:6: " + NEEDS_CASE], id="named-stage-without-case"),
    pytest.param({}, case("title: 内部案例\ndate: 2023-06-18\nvisibility: internal\n"), [
        f"{Y}:6: 阶段为“命名”的品牌至少需要一个公开的典型案例，现在唯一的案例写了 visibility: internal（只在内网显示）。"
        "请把其中一个改为公开（删去它的 visibility: internal 这一行），或再添加一个公开的案例",
    ], id="named-stage-with-internal-case"),
    # the public case unreadable (saved as GBK) beside an internal one: the first line told was to make
    # the internal case public ("现在唯一的案例写了 visibility: internal"), before the encoding's
    pytest.param({}, {"cases/nei-bu.md": "---\ntitle: 内部案例\ndate: 2023-06-18\nvisibility: internal\n---\n正文\n",
                      "cases/tui-shui.md": "---\ntitle: 茶园\ndate: 2023-06-18\n---\n正文\n".encode("gbk")}, [
        f"{CASE}:2: 文件不是 UTF-8 编码（看起来是 GBK/GB18030）。请用 UTF-8 重新保存：VS Code 中先点击右下角的编码（显示 UTF-8）"
        "→“通过编码重新打开”→ 选 GBK，确认文字显示正常后，再点击右下角的编码 →“通过编码保存”→ UTF-8（不要在文字显示成乱码时保存）；"
        "记事本中“另存为”并选择 UTF-8；WPS 中“另存为”选文件类型“纯文本”、编码选 UTF-8，保存后把文件名改回原来的",
    ], id="named-stage-with-internal-case-and-an-unreadable-one"),
    pytest.param({"stage: 命名": "stage: 培育"}, {}, [
        f"{Y}:8: 警告：stage（所处阶段）是“培育”，却写了 named（命名信息）：品牌页会同时显示“培育”和命名日期、文件，互相矛盾。"
        "已经命名的，请把 stage 改为“命名”或“示范”；还没有命名的，请删去 named 这几行",
    ], id="named-block-before-naming"),
    pytest.param(CULTIVATED, {"cases/tui-shui.md": None}, [], id="cultivated-stage-without-case"),
    pytest.param({}, case("title: 案例\ndate: 2023-02-30\n"), [
        f"{CASE}:3: date（日期）“2023-02-30”这一天不存在（2023 年 2 月只有 28 天），请核对日期",
    ], id="case-date"),
    pytest.param({}, case("title: 案例\ndate: 2023-13-01\n"), [
        f"{CASE}:3: date（日期）“2023-13-01”里的月份 13 不存在（只有 1 到 12 月），请核对日期",
    ], id="case-date-month-13"),
    pytest.param({}, case("title: 案例\ntitle: 案例二\ndate: 2023-06-18\n"), [f"{CASE}:3: 字段 title 写了两次（第一次在第 2 行）。请删去其中一行"],
                 id="case-duplicate-key"),
    pytest.param({}, case("title: 案例\ndate: 2023-06-18\nbrand: hong-qiao\n"), [
        f"{CASE}:4: brand（所属品牌）写的是“hong-qiao”，但这个案例在品牌文件夹 lian-xin-qiao/ 里。"
        "请改成 lian-xin-qiao，或把案例文件移到 hong-qiao/cases/",
    ], id="case-brand"),
    pytest.param({}, case("title: 案例\ndate: 2023-06-18\nbrand: lian-xin-qiao\n"), [], id="case-brand-own"),
    # A link written as in prose, in a field shown as plain text: published as typed, with the
    # folder and case file names (an internal brand's too, which no leak check reads as a page).
    pytest.param({"    description: 在办事大厅设立党员示范岗，亮身份、亮承诺。":
                  "    description: 学习[红帆](../xi-hu-hong-fan/)的做法，亮身份、亮承诺。"}, {}, [
        f"{Y}:16: 警告：carriers 第 1 项的 description（载体介绍）是普通文字，网站不按 Markdown 排版，"
        "链接“[红帆](../xi-hu-hong-fan/)”会原样显示在网页、搜索和订阅里，链接的文件夹名、文件名也一样。"
        "请只写文字，改成“学习红帆的做法，亮身份、亮承诺。”；要链接别的品牌或案例，请写在理念内涵、story.md 或案例正文里",
    ], id="carrier-description-link"),
    pytest.param({}, {"cases/tui-shui.md": CASE_MD.replace("summary: 党员示范岗三天办结。",
                                                           "summary: 学习[兄弟单位](../../mi-qin/cases/fu-pan.md)，三天办结。")}, [
        f"{CASE}:4: 警告：summary（案例摘要）是普通文字，网站不按 Markdown 排版，"
        "链接“[兄弟单位](../../mi-qin/cases/fu-pan.md)”会原样显示在网页、搜索和订阅里，链接的文件夹名、文件名也一样。"
        "请只写文字，改成“学习兄弟单位，三天办结。”；要链接别的品牌或案例，请写在理念内涵、story.md 或案例正文里",
    ], id="case-summary-link"),
]

MARKUP = "不会出现在网站上（出于安全原因，网页代码、脚本和外部资源会被清除）。请删去这段代码，只保留文字、链接和 photos/ 里的照片"
STORY = "brands/lian-xin-qiao/story.md"

# Markup in prose that the cleaner takes away: a warning at its line. (replace, files, lines)
PROSE = [
    pytest.param({CONNOTATION: CONNOTATION + "\n  <iframe src=\"https://mp.example.com/x\"></iframe>"}, {}, [
        f"{Y}:14: 警告：connotation（理念内涵）里的<iframe> 及其内容" + MARKUP,
    ], id="connotation-iframe"),
    pytest.param({}, {"cases/tui-shui.md": CASE_MD + "\n<script>alert('case')</script>\n"}, [
        f"{CASE}:11: 警告：案例正文里的<script> 及其内容" + MARKUP,
    ], id="case-script"),
    pytest.param({}, {"story.md": "# 故事\n\n正文。\n\n<img src=x onerror=\"alert(1)\">\n"}, [
        # A path that names no photo is a mistake to correct, not markup to delete.
        f"{STORY}:5: 警告：story.md：图片“x”不是 photos/ 文件夹里的照片，网站不会发布它，只显示文字"
        "（只能引用 photos/ 里的 PNG、JPEG、WebP、GIF 照片）",
        f"{STORY}:5: 警告：story.md 里的属性“onerror=”" + MARKUP,
    ], id="story-event-handler"),
    pytest.param({}, {"story.md": "正文 [点我](javascript:alert(1))\n"}, [
        f"{STORY}:1: 警告：story.md 里的不安全的链接“javascript:alert(1)”（只允许 http、https、mailto 或品牌文件夹里的照片）" + MARKUP,
    ], id="story-javascript-link"),
    pytest.param({}, {"story.md": "[甲](javascript:alert(1))\n\n第二段。\n\n[乙](javascript:alert(2))\n\n"
                                 '<a href="&#106;avascript:alert(3)">丙</a>\n\n<b onclick="x()">丁</b>\n\n<i onclick="y()">戊</i>\n'}, [
        # Each at its own line: the same link twice, one spelled with a character reference.
        f"{STORY}:1: 警告：story.md 里的不安全的链接“javascript:alert(1)”（只允许 http、https、mailto 或品牌文件夹里的照片）" + MARKUP,
        f"{STORY}:5: 警告：story.md 里的不安全的链接“javascript:alert(2)”（只允许 http、https、mailto 或品牌文件夹里的照片）" + MARKUP,
        f"{STORY}:7: 警告：story.md 里的不安全的链接“javascript:alert(3)”（只允许 http、https、mailto 或品牌文件夹里的照片）" + MARKUP,
        f"{STORY}:9: 警告：story.md 里的属性“onclick=”" + MARKUP,
        f"{STORY}:11: 警告：story.md 里的属性“onclick=”" + MARKUP,
    ], id="story-each-removal-at-its-line"),
    pytest.param({}, {"story.md": "第一段。\n\n第二段\u202e倒过来的字。\n"}, [
        f"{STORY}:3: 警告：story.md：有看不见的文字方向控制符（U+202E），它会让后面的文字倒序或换序显示，"
        "网站上会删去它。请删去这个字符，最好把这一行重新输入一遍",
    ], id="story-direction-control"),
    pytest.param({}, {"story.md": "联系 &#8238;87654321931&#8236; 咨询。\n\n![值班&#x2066;电话](photos/desk.png)\n"}, [
        # written as character references, which nh3 makes the characters themselves
        f"{STORY}:1: 警告：story.md：有看不见的文字方向控制符（U+202E），它会让后面的文字倒序或换序显示，"
        "网站上会删去它。请删去这个字符，最好把这一行重新输入一遍",
        f"{STORY}:1: 警告：story.md：有看不见的文字方向控制符（U+202C），它会让后面的文字倒序或换序显示，"
        "网站上会删去它。请删去这个字符，最好把这一行重新输入一遍",
        f"{STORY}:3: 警告：story.md：有看不见的文字方向控制符（U+2066），它会让后面的文字倒序或换序显示，"
        "网站上会删去它。请删去这个字符，最好把这一行重新输入一遍",
    ], id="story-direction-control-as-a-character-reference"),
    # a line break or carriage return a value brings is written out: it printed lines that read as the build's own
    pytest.param({}, {"story.md": '正文。\n\n<img src="x&#13;网站生成用时 1.2 秒&#10;完成：site/ 已更新&#10;">\n'}, [
        f"{STORY}:3: 警告：story.md：图片“x\\r网站生成用时 1.2 秒\\n完成：site/ 已更新”不是 photos/ 文件夹里的照片，"
        "网站不会发布它，只显示文字（只能引用 photos/ 里的 PNG、JPEG、WebP、GIF 照片）",
    ], id="story-line-break-in-a-quoted-address"),
    pytest.param({"logo: logo.svg": 'logo: "logo\\n完成：site 已更新\\n.png"'}, {}, [
        f"{Y}:{BRAND_YML.splitlines().index('logo: logo.svg') + 1}: logo 路径“logo\\n完成：site 已更新\\n.png”里，"
        "“logo\\n完成：site 已更新\\n.png”里有换行或别的看不见的控制字符，这样的文件在 Windows 电脑上存不了。"
        "请改名（只用汉字、字母、数字和连字符），写成 logo: logo.svg",
    ], id="logo-name-with-a-line-break"),
    # a line break in any quoted value is written out (category: "街道\n完成：site/ 已更新" printed a line of its own)
    pytest.param({"category: 机关": 'category: "街道\\n完成：site/ 已更新"'}, {}, [
        f"{Y}:4: category（类别）的值“街道\\n完成：site/ 已更新”不在本站的类别列表中。您是不是想写 社区？"
        "可选：机关、社区、园区、农村、企业、学校、医疗卫生、政法、其他",
    ], id="category-with-a-line-break"),
    pytest.param({}, {"story.md": "正文\n\n![远程](https://cdn.example.com/a.png)\n"}, [
        f"{STORY}:3: 警告：story.md：图片“https://cdn.example.com/a.png”在别的网站上，访问者（尤其是内网访问者）加载不到，"
        "网站上不会显示。请把图片存进本品牌的 photos/ 文件夹，再用相对路径引用",
    ], id="story-remote-image"),
    pytest.param({}, {"story.md": "正文\n\n![合影](D:\\照片\\合影.jpg)\n\n[台账](file:///C:/Users/a/台账.docx)\n"}, [
        f"{STORY}:3: 警告：story.md：图片“D:\\照片\\合影.jpg”是这台电脑上的文件位置，访问者打不开。"
        "请把照片存进本品牌的 photos/ 文件夹，写成 photos/文件名.jpg",
        f"{STORY}:5: 警告：story.md：链接“file:///C:/Users/a/台账.docx”是这台电脑上的文件位置，访问者打不开。"
        "要链接文件，请先把它发布到网上，再写完整网址（以 https:// 开头）",
    ], id="story-a-path-on-this-computer"),
]


@pytest.mark.parametrize("replace,files,expected", READING)
def test_reading(tree, replace, files, expected):
    assert brand_lines(tree, replace, files) == expected


@pytest.mark.parametrize("replace,files,expected", SCHEMA)
def test_schema(tree, replace, files, expected):
    assert brand_lines(tree, replace, files) == expected


@pytest.mark.parametrize("replace,files,expected", FIELDS)
def test_fields(tree, replace, files, expected):
    assert brand_lines(tree, replace, files) == expected


@pytest.mark.parametrize("replace,files,expected", PROSE)
def test_prose(tree, replace, files, expected):
    assert brand_lines(tree, replace, files) == expected


def test_clean_brand_has_no_problems(tree):
    tree.brand()
    catalog, problems = check(tree)
    assert messages(problems) == []
    brand = catalog.get("lian-xin-qiao")
    assert brand.name == "连心桥"
    assert brand.named.document == "青直工委〔2021〕12号"
    assert brand.carriers[0].name == "党员示范岗"
    assert brand.cases[0].photos == ["photos/desk.png"]
    assert brand.timeline[0].event == "召开党员大会，确定品牌名称"


def test_a_paragraph_indented_with_full_width_spaces_inside_a_text_block_is_its_text(tree):
    """段首空两格: in `connotation: |` the lines are indented past the key with half-width spaces,
    and the full-width ones after that are the text's own, not YAML's indentation."""
    tree.brand(**{"connotation: |\n  ": "connotation: |\n  \u3000\u3000第一段开头空两格。\n\n  \u3000\u3000"})
    catalog, problems = check(tree)
    assert messages(problems) == []
    assert "第一段开头空两格。\n\n\u3000\u3000“连心桥”" in catalog.get("lian-xin-qiao").connotation


def test_site_categories_are_used(tree):
    tree.brand(**{"category: 机关": "category: 街道"})
    assert check_lines(tree, categories=["街道", "机关"]) == []


def test_a_repaired_comma_keeps_the_value(tree):
    tree.brand(**{"召开党员大会，确定品牌名称": "召开党员大会,确定品牌名称"})
    catalog, _ = check(tree)
    assert catalog.get("lian-xin-qiao").timeline[0].event == "召开党员大会,确定品牌名称"


def test_stray_file_and_empty_folder_are_warnings(tree):
    tree.brand()
    tree.write("notes.txt", "随手记")
    (tree.brands / "kong").mkdir()
    assert check_lines(tree) == [
        "brands/kong:1: 警告：这是一个空文件夹。请放入 brand.yml 和标识图片，或删除它（可用 brandsite new 新建品牌）",
        "brands/notes.txt:1: 警告：brands/ 里只应放品牌文件夹。请把这个文件移进某个品牌的文件夹，或删除",
    ]


def test_every_problem_is_reported_in_one_run(tree):
    tree.brand("a-brand", **{"category: 机关": "category: 街道", "established: 2019": "established: 早"})
    tree.brand("b-brand", yml="")
    tree.brand("c-brand", **{"name: 连心桥": "name: 丙", "logo: logo.svg": "logo: x.png"})
    catalog, problems = check(tree)
    assert len(catalog) == 0
    assert {p.slug for p in problems} == {"a-brand", "b-brand", "c-brand"}
    assert len(problems) >= 5


def test_public_catalog_drops_internal_things(tree):
    tree.brand(**{"featured: true": "featured: true\ncontact:\n  name: 张某\n  phone: 0000-0000000"})
    tree.brand("nei-bu", case=False, **{"name: 连心桥": "name: 内部品牌", **CULTIVATED, "stage: 培育": "stage: 申报",
                                       "featured: true": "visibility: internal"})
    tree.write("lian-xin-qiao/cases/nei.md", "---\ntitle: 内部案例\ndate: 2023-01-01\nvisibility: internal\nphotos: [../photos/secret.png]\n---\n正文\n")
    tree.write("lian-xin-qiao/photos/secret.png", png_bytes())
    catalog, problems = check(tree)
    assert messages(problems) == []
    public = catalog.for_audience("public")
    assert [b.slug for b in public] == ["lian-xin-qiao"]
    brand = public.get("lian-xin-qiao")
    assert brand.contact is None
    assert [c.slug for c in brand.cases] == ["tui-shui"]
    assert "photos/secret.png" not in brand.photos
    internal = catalog.for_audience("internal")
    assert len(internal) == 2 and internal.get("lian-xin-qiao").contact.name == "张某"


def test_partners_are_mutual_in_the_model(tree):
    tree.brand(**{"tags: [服务窗口]": "partners: [hong-qiao, hong-qiao]"})
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育"})
    catalog, _ = check(tree)
    assert [b.slug for b in catalog.partners_of(catalog.get("hong-qiao"))] == ["lian-xin-qiao"]
    # listed twice, shown once


def test_candidate_pairs_ignore_a_phrase_in_more_than_fifty_brands_on_big_sites():
    from brandsite.content import similarity

    sets = [{f"only{i}"} for i in range(2000)]
    for i in range(80):  # a stock phrase in 80 of 2,000 brands: under 5%, over the cap of 50
        sets[i].add("stock")
    sets[500] |= {"copied1", "copied2", "copied3"}
    sets[1500] |= {"copied1", "copied2", "copied3"}
    pairs = similarity.candidate_pairs(sets)
    assert (500, 1500) in pairs
    assert not any(i < 80 and j < 80 for i, j in pairs)  # 3,160 pairs without the cap


def test_pairs_left_unscored_could_not_have_reached_the_threshold():
    """The near-duplicate check skips pairs whose shared grams cannot make the
    Jaccard threshold; against scoring every candidate pair (three uncommon
    grams in common), it must find the same ones."""
    import random

    from brandsite.content import similarity

    rng = random.Random(7)
    stock = [f"常用语{n:02d}" for n in range(30)]  # phrases in many brands
    local = [f"区域提法{n:03d}工作法" for n in range(120)]  # each in a few brands: pairs to check
    texts = []
    for i in range(400):
        own = [f"本单位{i}特色{k}" for k in range(rng.randint(2, 8))]
        words = rng.sample(stock, rng.randint(3, 12)) + rng.sample(local, 2) + own
        if i % 7 == 0 and texts:  # a copy of an earlier text with a few words changed
            words = texts[rng.randrange(len(texts))].split("|")[: rng.randint(6, 14)] + own[:2]
        rng.shuffle(words)
        texts.append("|".join(words))
    sets = [similarity.grams(t, similarity.GRAM) for t in texts]
    t = similarity.CONNOTATION_JACCARD
    candidates = similarity.candidate_pairs(sets, min_shared=3)
    scored_all = {(i, j) for i, j in candidates if similarity.jaccard(sets[i], sets[j]) >= t}
    shared, common = similarity.shared_grams(sets)
    kept = {pair for pair, uncommon in shared.items() if uncommon >= 3 and similarity.may_reach(
        t, uncommon, common[pair[0]], common[pair[1]], len(sets[pair[0]]), len(sets[pair[1]]))}
    assert len(scored_all) > 20  # the data has near-duplicates to find
    assert scored_all <= kept
    assert len(kept) < len(candidates)  # and some candidate pairs are never scored
