"""Markdown to plain text (plaintext.plain_text): one helper for print, excerpts, lengths and comparisons."""

from __future__ import annotations

import html
import re
import time

import pytest

from brandsite.content import plaintext, prose, similarity
from brandsite.site import pages, review

# (Markdown, plain text)
TABLE = [
    ("**加粗**和[链接](http://x)\n\n- 列表项\n", "加粗和链接列表项"),
    ("## 小标题\n> 引文 _强调_ `代码`", "小标题引文 强调 代码"),
    ("照片 ![活动现场](photos/a.jpg) 之后", "照片 之后"),
    ("粘贴的 <span style=\"color:red\">文字</span>", "粘贴的 文字"),
    ("2023-2024 年(第一期)共 12 场!", "2023-2024 年(第一期)共 12 场!"),  # punctuation is text, not markup
    ("1. 第一\n2. 第二", "第一第二"),
    # only paired marks are emphasis, only tags are markup, and entities are the characters they name
    ("7*24 小时,site_name 与 a < b > c", "7*24 小时,site_name 与 a < b > c"),
    ("*斜* __粗__ AT&amp;T &lt;script&gt;", "斜 粗 AT&T <script>"),
]


# Markup Markdown takes as markup is not text either (a heading's underline, a table's bars,
# a fence, a backslash's escape), and footnote marks go while the note stays.
TABLE += [
    ("品牌理念\n====\n\n正文", "品牌理念正文"),
    ("| 项目 | 内容 |\n|------|------|\n| 夜话 | 每月 |", "项目内容夜话每月"),
    ("```\n代码\n```\n\n我们坚持7\\*24小时", "代码我们坚持7*24小时"),
    ("正文[^1]。\n\n[^1]: 注释的话。", "正文。注释的话。"),
    ("Hello\nworld", "Hello world"),
]


@pytest.mark.parametrize(("markdown", "text"), TABLE)
def test_plain_text(markdown, text):
    assert plaintext.plain_text(markdown) == text


def test_plain_text_is_linear_on_unclosed_markup():
    """A guard against a hang (a square of the input's length is minutes here), in this process's
    CPU time: the clock on the wall counts the other processes of a busy machine too."""
    for text in ("![" * 100_000, "[a](" * 50_000, "<a " * 50_000, " " * 100_000 + "x"):
        started = time.process_time()
        plaintext.plain_text(text)
        assert time.process_time() - started < 2.0, text[:6]


def test_excerpts_lengths_and_comparisons_read_the_same_text():
    markdown = "见[服务指南](https://example.org/guide-2024)。2023-2024 年共 **12** 场"
    assert pages.excerpt(markdown) == "见服务指南。2023-2024年共12场"  # the link's text, not its address
    assert review.plain_length(markdown) == len("见服务指南。2023-2024年共12场")
    assert similarity._plain(markdown) == similarity.normalise("见服务指南。2023-2024 年共 12 场")
    assert pages.excerpt("一" * 100, 10) == "一" * 9 + "…"
    assert pages.excerpt("Hello world,你好 世界") == "Hello world,你好世界"  # words keep their space


@pytest.mark.parametrize("markdown,text", [
    ("<!--\n内部备注:信访人电话 0871-6543210\n-->\n村里修好了路。", "村里修好了路。"),
    ("修路<!-- 备注 -->完成<!-- 又一条 -->了。", "修路完成了。"),
    ("甲<STYLE type=a>.x{}</Style >乙<template>模板</template>丙", "甲乙丙"),
    ("正文。<!-- 没有结尾的备注", "正文。<!-- 没有结尾的备注"),  # Markdown shows an unclosed one as text: so does the page
    ("正文。<script>没有结尾", "正文。"),
    ("a < b > c 和 <b>粗</b>", "a < b > c 和 粗"),
    ("正文。\n\n[备注]: https://intranet.example/x \"待核实\"\n\n后文。", "正文。后文。"),  # a link's definition
    ("正文\n[备注]: https://x\n  \"标题在下一行\"\n后文", "正文后文"),
    ("<![CDATA[\n内部意见\n]]>\n正文", "正文"),
    ("<?\n审核人意见\n?>\n正文", "正文"),
    ("</a\n内部评价:材料不实>“白衣守望”", "“白衣守望”"),  # a tag over two lines
    ("<style>甲</stylex> 内部评价</style>正文", "正文"),  # </stylex does not end <style>
    ("<iframe srcdoc='<b>'>内部</iframe>正文", "正文"),
    ("<style title='</style>'>内部</style>正文", "正文"),  # a quoted attribute holds the end tag
    ("甲<!-->乙<!--->丙<!-- x --!>丁", "甲<!-->乙<!--->丙丁"),  # Markdown's idea of a comment, as on the page
    ("[引用][r]\n\n[r]: http://y", "引用"),
    # link definitions wherever Markdown takes them, and "</ " (a comment to a browser)
    ("> [核实]: https://intranet.example/x \"内部备注 尚未核实\"\n\n正文", "正文"),
    ("- [记]:\n   https://intranet.example/y \"尚有两户未签字\"\n\n正文", "正文"),
    ("[记]: https://y\n\"标题在下一行\"\n\n正文", "正文"),
    ("[记]:\n   https://intranet.example/y\n\n正文", "正文"),
    ("<div></ 内部备注:当事人 电话 139\n1234 5678 勿外传></div>\n\n正文", "正文"),
    ("<div></1 内部></div>\n\n正文", "正文"),
    # a footnote's class written by hand is no footnote mark: the page shows the text, so does this
    ("<a class=\"footnote-ref\">一段被包起来的文字</a>后文", "一段被包起来的文字后文"),
    ("<a class=\"footnote-ref\" href=\"#fn:1\">一段文字</a>后文", "一段文字后文"),
])
def test_plain_text_leaves_out_what_the_page_never_shows(markdown, text):
    """A note in an HTML comment, a <style> or a <template> is not on the page, so it is not in the
    page's description, the share card or the poster either (they are made from this text): the
    plain text is the text of the page's own HTML."""
    assert plaintext.plain_text(markdown) == text
    page = re.sub(r"<[^>]+>", "", prose.render(markdown).html)
    assert set(plaintext.plain_text(markdown)) <= set(html.unescape(page)) | {" "}


def test_hidden_prose_is_left_out_in_one_pass():
    start = time.process_time()  # CPU time, as above
    for text in ("<!--" * 100_000, "<style>" * 100_000, "<style>a</style>" * 50_000, "<!--a-->" * 50_000,
                 "<!--a--!>" * 50_000, "<!" * 100_000, "[a]: b\n" * 50_000, "<style '" * 100_000, "[a][b]" * 100_000):
        plaintext.plain_text(text)
    assert time.process_time() - start < 5


def test_paragraphs_are_the_pages_and_a_comment_over_paragraphs_stays_hidden():
    """The application form takes the connotation paragraph by paragraph: a note in a comment
    that spans paragraphs is hidden on the page, so in the form too."""
    assert plaintext.plain_paragraphs("甲\n\n<!--\n\n内部备注 信访人电话 0871-6543210\n\n-->\n\n乙") == ("甲", "乙")
    from brandsite.media.application_form import _paragraphs

    assert _paragraphs("甲**加粗**\n\n<!--\n\n内部备注\n\n-->\n\n乙") == "甲加粗\n乙"
