"""Markdown typed with Chinese punctuation, and Word's private-use symbols (content/editing_slips.py)."""

from __future__ import annotations

import pytest
from tests.conftest import build_site, check, messages

from brandsite.content import tables
from brandsite.content.editing_slips import line_slips


@pytest.mark.parametrize("line, said", [
    ("！[照片一]（../photos/volunteer.jpg）", "写成 ![照片一](../photos/volunteer.jpg)"),
    ("![照片一]（photos/a.png）", "写成 ![照片一](photos/a.png)"),
    ("详见【通知】（https://example.com/t?a=1）", "写成 [通知](https://example.com/t?a=1)"),
    ("\uf0b7\t第一次会议在 3 月", "（U+F0B7）"),
    ("第二项\uf0a7", "（U+F0A7）"),
])
def test_a_slip_is_told_with_the_line_as_it_should_be(line, said):
    found = list(line_slips(line))
    assert len(found) == 1 and said in found[0], found


@pytest.mark.parametrize("line", [
    "![照片一](../photos/volunteer.jpg)",  # written right
    "【红色引擎】（2023 年）揭牌",  # ordinary text in Chinese brackets
    "活动（二）[附件]",
    "感叹号！之后【标题】",
])
def test_ordinary_text_is_no_slip(line):
    assert list(line_slips(line)) == []


def test_the_check_tells_each_at_its_file_and_line_but_not_in_a_comment(tree):
    folder = tree.brand(**{"slogan: 连民心 解民忧": "slogan: 连民心\uf0b7解民忧\n# 备注\uf0b7"})
    (folder / "story.md").write_text("# 故事\n\n正文。\n\n！[合影]（../photos/he-ying.jpg）\n", encoding="utf-8")
    said = [m for m in messages(check(tree)[1]) if "中文标点" in m or "特殊符号" in m]
    assert len(said) == 2, said
    assert said[0].startswith("brands/lian-xin-qiao/brand.yml:2: 这一行有从 Word 等软件粘贴来的特殊符号（U+F0B7）"), said
    assert said[1].startswith("brands/lian-xin-qiao/story.md:5: “！[合影]（../photos/he-ying.jpg）”用了中文标点"), said


def test_a_case_or_story_saved_where_nothing_reads_it_is_told(tree):
    """A case next to brand.yml, 故事.md and story.docx were left out of the site without a word."""
    folder = tree.brand()
    case = next((folder / "cases").glob("*.md"))
    (folder / "di-er-ge-an-li.md").write_text(case.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "故事.md").write_text("我们的故事。\n", encoding="utf-8")
    (folder / "story.docx").write_bytes(b"PK\x03\x04")
    (folder / "README.md").write_text("给同事的说明\n", encoding="utf-8")
    said = {(p.path, p.level): p.message for p in check(tree)[1] if "cases/" in p.message or "不会出现在网站上" in p.message}
    assert set(said) == {("brands/lian-xin-qiao/di-er-ge-an-li.md", "warning"), ("brands/lian-xin-qiao/故事.md", "warning"),
                         ("brands/lian-xin-qiao/story.docx", "info")}, said
    assert "请把它移进 cases/ 文件夹" in said[("brands/lian-xin-qiao/di-er-ge-an-li.md", "warning")]
    assert "请改名为 story.md" in said[("brands/lian-xin-qiao/故事.md", "warning")]


def test_a_case_fenced_with_chinese_dashes_is_told_what_the_line_holds(tree):
    folder = tree.brand()
    (folder / "cases" / "hui-yi.md").write_text("———\ntitle: 一次议事会\ndate: 2023-06-18\n———\n\n正文。\n", encoding="utf-8")
    said = [str(p) for p in check(tree)[1] if p.path.endswith("hui-yi.md")]
    assert said == ["brands/lian-xin-qiao/cases/hui-yi.md:1: 案例文件第一行“———”用的是中文的破折号或全角横线，网站认不出案例信息。"
                    "请把这一行和结束案例信息的那一行都改成三个英文减号 ---"], said


def test_a_file_of_many_slips_is_told_a_few_times_and_counted(tree):
    """40,000 links typed with Chinese punctuation on one line made 40,000 warnings, each on the
    preview's pages: a few are told, the rest counted; a fence of 300,000 dashes is quoted short."""
    folder = tree.brand()
    (folder / "story.md").write_text("【a】（a.pdf）" * 40000 + "\n", encoding="utf-8")
    (folder / "cases" / "fence.md").write_text("—" * 300000 + "\ntitle: x\n", encoding="utf-8")
    said = [p for p in check(tree)[1] if p.path.endswith(("story.md", "fence.md"))]
    story = [p.message for p in said if p.path.endswith("story.md") and "篇幅" not in p.message]
    assert len(story) == 6 and story[-1].startswith("这个文件里还有 39995 处同样的问题"), story[-1]
    [fence] = [p.message for p in said if p.path.endswith("fence.md")]
    assert fence.startswith("案例文件第一行“" + "—" * 12 + "…”") and len(fence) < 200, fence[:100]


def test_a_markdown_file_linked_from_outside_the_folder_is_not_read(tree, tmp_path):
    """Whether its front matter has title: would have told something of a file outside."""
    folder = tree.brand()
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: 外面的文件\n---\n", encoding="utf-8")
    (folder / "notes.md").symlink_to(outside)
    [told] = [p.message for p in check(tree)[1] if p.path.endswith("notes.md")]
    assert "是品牌故事的，请改名为 story.md" in told, told


def test_a_story_named_with_capitals_is_told_to_be_lower_case(tree):
    folder = tree.brand()
    (folder / "Story.md").write_text("我们的故事。\n", encoding="utf-8")
    [told] = [p.message for p in check(tree)[1] if p.path.endswith("Story.md")]
    assert told.startswith("品牌故事的文件名要全用小写：story.md。写成 Story.md 时"), told


def test_a_footnote_mark_without_its_note_is_told_at_its_line(tree):
    """孩子[^2]； with no line [^2]: … was published as it is written, [^2] and all. A mark with its
    note, and the note's own line, are no slip."""
    folder = tree.brand()
    (folder / "story.md").write_text("# 故事\n\n墙绘已完成[^1]。\n\n孩子们来了[^2]；老人也来了[^2]。\n\n[^1]: 美术老师义务完成。\n",
                                     encoding="utf-8")
    said = [m for m in messages(check(tree)[1]) if "脚注" in m]
    # not in code, fenced or inline, not escaped, and not in brand.yml (a comment there is no text)
    (folder / "cases" / "ma.md").write_text(CASE_MD_WITH_CODE, encoding="utf-8")
    yml = folder / "brand.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "# 备注：脚注写法见指南 [^1]\n", encoding="utf-8")
    said = [m for m in messages(check(tree)[1]) if "脚注" in m]
    assert said == ["brands/lian-xin-qiao/story.md:5: 脚注标记“[^2]”下面没有对应的说明（单独一行，以“[^2]: ”开头的文字），"
                    "网页上会原样显示“[^2]”。请在文末补上说明，或删去这个标记"], said


CASE_MD_WITH_CODE = """---
title: 正则表达式课
date: 2023-06-18
---
写成 `[^0-9]` 的是字符类，\\[^注] 是转义的方括号。

```
grep '[^code]' notes.txt
```
"""


def test_a_footnote_mark_is_told_at_its_own_line_after_an_escaped_one():
    """\\[^2] (escaped) on line 1, [^2] on line 3: the mark without a note is at line 3."""
    from brandsite.content.editing_slips import _unexplained_notes

    assert [p.line for p in _unexplained_notes("转义 \\[^2]\n\n正文[^2]。\n", "s.md", "x")] == [3]


@pytest.mark.parametrize("line", ["详见[回访记录（内部）](cases/hui-fang.md)。", "见[好消息！](cases/a.md)", "![合影（左起）](photos/a.jpg)"])
def test_chinese_punctuation_in_a_links_words_is_no_slip(line):
    """A case title with （内部） or ！ as a link's words was told to be half-width, and the
    warning stopped the build, though the link shows as written."""
    assert list(line_slips(line)) == []


def test_a_slip_is_mended_in_its_marks_not_in_its_words():
    said, = line_slips("详见【回访记录（内部）】（cases/hui-fang.md）")
    assert said.endswith("写成 [回访记录（内部）](cases/hui-fang.md)"), said


@pytest.mark.parametrize("story, line, told", [
    ("# 故事\n\n下表是三年来的数据：\n| 年份 | 销售额 |\n| --- | --- |\n| 2023 | 1120 |\n", 4, tables.NO_BLANK),
    # without a rule, or a rule of another width: told the rule its first line needs
    ("# 故事\n\n下表是三年来的数据。\n\n| 年份 | 销售额 |\n| 2023 | 1120 |\n", 5,
     "这几行像表格，但不会显示成表格，网页上会是一串“|”和文字：表格的第二行要写分隔行。"
     "这个表格第一行有 2 列，请在第一行下面加一行“| --- | --- |”"),
    ("# 故事\n\n| 年份 | 销售额 |\n| --- |\n| 2023 | 1120 |\n", 3,
     "这几行像表格，但不会显示成表格，网页上会是一串“|”和文字：表格第一行有 2 列，第二行的分隔行却是 1 列。"
     "请把分隔行写成“| --- | --- |”，与第一行的列数相同"),
    ("# 故事\n\n| 项目 | 数量 | 年份 |\n|:--- | ---:|\n| 义诊 | 12 | 2023 |\n", 3,
     "这几行像表格，但不会显示成表格，网页上会是一串“|”和文字：表格第一行有 3 列，第二行的分隔行却是 2 列。"
     "请把分隔行写成“| --- | --- | --- |”，与第一行的列数相同"),
    ("# 故事\n\n|" + " 列 |" * 10 + "\n|" + " 1 |" * 10 + "\n", 3,
     "这几行像表格，但不会显示成表格，网页上会是一串“|”和文字：表格的第二行要写分隔行。"
     "这个表格第一行有 10 列，请在第一行下面加一行 10 个 ---（用“|”隔开）"),
    # typed with a Chinese keyboard's ｜: one paragraph of ｜ and words, and nothing said
    ("# 故事\n\n｜ 年份 ｜ 接诊（人次） ｜\n｜ --- ｜ --- ｜\n｜ 2022 ｜ 9800 ｜\n", 3, tables.WIDE_BARS),
    ("# 故事\n\n| 年份 | 接诊 |\n｜ --- ｜ --- ｜\n| 2022 | 9800 |\n", 4, tables.WIDE_BARS),
    ("# 故事\n\n｜一行｜不是表格。\n", None, None),
    # a ｜ inside a cell of a table of | is the cell's text; credit lines begun with ｜ are no table
    ("# 故事\n\n| 时间｜地点 | 参加人数 |\n| --- | --- |\n| 3月｜村部 | 20 |\n", None, None),
    ("# 故事\n\n正文。\n\n｜文字：张某\n｜图片：李某\n", None, None),
    ("# 故事\n\n## 数据\n| 年份 | 销售额 |\n| --- | --- |\n", None, None),  # under a heading: a table
    ("# 故事\n\n下表：\n\n| 年份 | 销售额 |\n|:--|--:|\n| 2023 | 1120 |\n", None, None),
    ("# 故事\n\n```\n| 不是 | 表格 |\n| 是代码 |\n```\n", None, None),
    ("# 故事\n\n甲 | 乙 说的是一句话，不是表格。\n", None, None),
    # a table copied from Word or WPS as plain text: cells parted by tabs, joined into one paragraph
    ("# 故事\n\n三、取得成效\n序号\t项目\t完成情况\n1\t先锋岗\t已完成\n2\t志愿服务\t\n", 4,
     "这几行像是从 Word 或 WPS 复制来的表格（格与格之间是 Tab 键），网页上不会显示成表格，会连成一段文字。"
     "请改写成表格：每一行写成“| 序号 | 项目 | 完成情况 |”这样，格与格之间用半角竖线“|”隔开；"
     "第一行下面加一行分隔行“| --- | --- | --- |”；表格前后各空一行"),
    # Word's bullets and numbers with a tab after them are list items; one line with a tab, a sentence
    ("# 故事\n\n●\t党员先锋岗\n●\t志愿服务队\n1.\t起步\n（二）\t深化\n", None, None),
    ("# 故事\n\n►\t党员先锋岗\n★\t志愿服务队\n✓\t结对帮扶\n", None, None),  # every bullet the paragraphs know
    ("# 故事\n\n时间\t2024 年春。\n\n正文。\n", None, None),
    ("# 故事\n\n```\n甲\t乙\n丙\t丁\n```\n", None, None),
    # a row of more cells than the header: the table drops them without a word
    ("# 故事\n\n| 问题 | 户数 |\n| --- | --- |\n| 路灯不亮 | 14 | 已办结 |\n| 下水道堵 | 8 | |\n", 5,
     "表格的这一行有 3 格，表头只有 2 格，多出的“已办结”不会显示。请在表头和分隔行里加上这一列，或删去多的格"),
])
def test_a_table_the_page_would_show_as_text_is_a_warning_at_its_line(tree, story, line, told):
    """A table right under a sentence, or without its | --- | rule, was shown as one paragraph of
    "|" and words, and the check said nothing."""
    tree.brand()
    tree.write("lian-xin-qiao/story.md", story)
    found = [(str(p), p.level) for p in check(tree)[1] if "表格" in p.message]
    assert found == ([(f"brands/lian-xin-qiao/story.md:{line}: {told}", "warning")] if line else []), found


def test_a_table_in_a_case_body_is_told_at_its_file_line_where_the_page_shows_it_as_text(tree):
    tree.brand()
    case = tree.brands / "lian-xin-qiao/cases/tui-shui.md"
    case.write_text(case.read_text(encoding="utf-8") + "\n成效如下：\n| 指标 | 数值 |\n| --- | --- |\n| 办结 | 3 天 |\n", encoding="utf-8")
    line = case.read_text(encoding="utf-8").split("\n").index("| 指标 | 数值 |") + 1
    found = [(str(p), p.level) for p in check(tree)[1] if "像表格" in p.message]
    assert found == [(f"brands/lian-xin-qiao/cases/tui-shui.md:{line}: {tables.NO_BLANK}", "warning")], found
    page = build_site(tree.root) / "brands/lian-xin-qiao/cases/tui-shui/index.html"
    assert "<table" not in page.read_text(encoding="utf-8") and "| 指标 | 数值 |" in page.read_text(encoding="utf-8")
    case.write_text(case.read_text(encoding="utf-8").replace("成效如下：\n", "成效如下：\n\n"), encoding="utf-8")
    assert not [p for p in check(tree)[1] if "像表格" in p.message]
    assert "<table" in (build_site(tree.root) / "brands/lian-xin-qiao/cases/tui-shui/index.html").read_text(encoding="utf-8")


def test_a_file_of_many_broken_tables_is_told_five_and_a_count(monkeypatch):
    """Five told, the rest counted; and no more than tables.RUNS runs rendered (81,000 took 17 s)."""
    text = "| 甲 | 乙 |\n| 丙 | 丁 |\n\n" * 40_000
    rendered = []
    from brandsite.content import prose

    real_render = prose.render

    monkeypatch.setattr(prose, "render", lambda *a, **k: (rendered.append(1), real_render(*a, **k))[1])
    found = list(tables.told(text))
    assert [line for line, _ in found] == [1, 4, 7, 10, 13, 16]
    assert found[-1][1].startswith(f"这个文件里另有 {tables.RUNS - 5} 处以上同样显示不成表格的地方"), found[-1]
    assert len(rendered) <= 2 * tables.RUNS
    short = list(tables.told("| 甲 | 乙 |\n| 丙 | 丁 |\n\n" * 8))
    assert short[-1][1].startswith("这个文件里另有 3 处同样显示不成表格的地方")


def test_a_row_of_many_code_spans_is_split_into_its_cells():
    """A 975 KB row of code spans (each copied the cell so far: 7 s of check; the time is benchmarks' to watch)."""
    row = "| " + "`a|` " * 20_000 + "| b\\|c | d |"
    cells = tables._cells(row)
    assert len(cells) == 3 and cells[0].count("`a|`") == 20_000 and cells[1:] == ["b\\|c", "d"]


def test_a_pipe_in_code_a_fence_inside_another_and_windows_line_ends_are_read_as_markdown_does():
    assert list(tables.slips("| 命令 | 说明 |\n| --- | --- |\n| `a|b` | 管道 |\n")) == []
    assert list(tables.slips("~~~\n```\n| a |\n| b |\n~~~\n")) == []
    assert list(tables.slips("````\n```\n| a |\n| b |\n````\n")) == []
    assert [line for line, _ in tables.slips("| a | b |\r\n| --- | --- |\r\n| 1 | 2 | 3 |\r\n")] == [3]


@pytest.mark.parametrize("indent, told", [
    (" ", "YAML 格式错误：这一行的“carriers:”是一个字段，要与第 12 行的“connotation:”左对齐：请删去前面多的 1 个空格"),
    ("  ", "connotation: 下面的多行文字里，这一行“carriers:”像是一个字段"),
    ("   ", "connotation: 下面的多行文字里，这一行“carriers:”像是一个字段"),
])
def test_a_field_indented_under_the_connotation_is_told_where_it_is(tree, indent, told):
    """`   carriers:` under the connotation's lines is connotation text to YAML: the check said only
    that carriers was missing, and adding it again published the first block as 理念内涵. With one
    space, YAML stops there, and it was told to line up with the text (which led to the same)."""
    tree.brand(**{"carriers:\n": f"{indent}carriers:\n"})
    written = (tree.brands / "lian-xin-qiao/brand.yml").read_text(encoding="utf-8").split("\n")
    line = written.index(f"{indent}carriers:") + 1
    assert any(p.line == line and p.message.startswith(told) for p in check(tree)[1]), [str(p) for p in check(tree)[1]]


def test_words_with_a_colon_in_a_text_are_no_field(tree):
    tree.brand(**{"  支部把办事窗口": "  理念: 支部把办事窗口"})  # a Chinese word, and no field of the format
    tree.write("lian-xin-qiao/brand.yml", (tree.brands / "lian-xin-qiao/brand.yml").read_text(encoding="utf-8")
               .replace("connotation: |\n", "connotation: |\n  AI: 智能问答\n"))
    assert not [p for p in check(tree)[1] if "像是一个字段" in p.message]


def test_a_swallowed_field_in_a_file_saved_with_windows_line_ends_is_told_at_its_line(tree):
    tree.brand(**{"carriers:\n": "   carriers:\n"})
    yml = tree.brands / "lian-xin-qiao/brand.yml"
    text = yml.read_text(encoding="utf-8")
    yml.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    line = text.split("\n").index("   carriers:") + 1
    found = [(p.line, p.message[:40]) for p in check(tree)[1] if "像是一个字段" in p.message]
    assert [n for n, _ in found] == [line] and "“carriers:”" in found[0][1], found


def test_a_copied_case_is_a_warning_and_a_shared_title_a_note(tree):
    """A case file copied to start another and never changed (复制.md, copy2.md) was published
    twice, as two identical cases on the brand page, without a word."""
    folder = tree.brand()
    case = next((folder / "cases").glob("*.md"))
    text = case.read_text(encoding="utf-8")
    (folder / "cases" / "copy2.md").write_text(text.replace("\n", "\r\n") + "\n", encoding="utf-8")  # saved again on Windows
    catalog, problems = check(tree)
    said = [(p.path, p.level, p.message) for p in problems if "标题相同" in p.message]
    first, second = sorted([f"brands/lian-xin-qiao/cases/{case.name}", "brands/lian-xin-qiao/cases/copy2.md"])
    assert said == [(second, "warning", f"这个案例和 {first} 标题相同、正文也一样，像是复制出来的同一个案例，网站上会出现两遍。"
                                        "请删掉其中多余的那个文件；要写新案例，请改好标题和正文")], said
    # the same title over another text (a yearly event's two cases): a note
    (folder / "cases" / "copy2.md").write_text(text.replace("\n---\n", "\n---\n\n另一年的做法。\n", 1), encoding="utf-8")
    said = [(p.path, p.level) for p in check(tree)[1] if "标题相同" in p.message]
    assert said == [(second, "info")], said
    (folder / "cases" / "copy2.md").write_text(text.replace("title: ", "title: 又一次", 1), encoding="utf-8")
    assert not [p for p in check(tree)[1] if "标题相同" in p.message]


@pytest.mark.parametrize("story", ["", "\n\n", "# 品牌故事\n\n", "# 品牌故事\n## 缘起\n"])
def test_a_story_without_text_is_a_note(tree, story):
    """An empty story.md (or one with its title only) left the page without 品牌故事, silently."""
    folder = tree.brand()
    (folder / "story.md").write_text(story, encoding="utf-8")
    said = [(p.path, p.line, p.level) for p in check(tree)[1] if "story.md 里还没有正文" in p.message]
    assert said == [("brands/lian-xin-qiao/story.md", 1, "info")]
    (folder / "story.md").write_text("# 品牌故事\n\n一段正文。\n", encoding="utf-8")
    assert not [p for p in check(tree)[1] if "story.md 里还没有正文" in p.message]
