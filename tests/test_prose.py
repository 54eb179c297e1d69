"""Editors' prose as the site renders it (content/prose.py)."""

from __future__ import annotations

import re

import pytest

from brandsite.content import plaintext, prose


def test_a_line_break_between_chinese_characters_is_no_space():
    """Editors break long lines anywhere; a browser would show each break as a space."""
    html = prose.render("生产线上,\n让党员教师\n当园丁。\n\nEnglish\nwords 中文\n\n```\n代码\n行二\n```\n").html
    assert "<p>生产线上,让党员教师当园丁。</p>" in html
    assert "English\nwords 中文" in html  # between Latin words a break is a space, as it should be
    assert "代码\n行二" in html  # a code block keeps its lines


def test_a_paragraph_indented_four_spaces_is_a_paragraph_not_code():
    """Editors indent a paragraph's first line, or a line of connotation: | by a few spaces too
    many: it showed as a grey code box. Only fenced code (```) is code."""
    html = prose.render("第一段。\n\n    第二段首行缩进了四个空格,\n接着写。\n\n      再多缩进一些也一样。").html
    assert "<pre" not in html and "<code" not in html, html
    assert "<p>第二段首行缩进了四个空格,接着写。</p>" in html and "<p>再多缩进一些也一样。</p>" in html, html
    # after a Chinese stop or comma, whatever comes next: a year, a name in Latin letters
    html = prose.render("走访独居老人。\n2023 年起,\nAPP 上线；\n**党员**带头。").html
    assert "<p>走访独居老人。2023 年起,\nAPP 上线；<strong>党员</strong>带头。</p>" in html, html


def test_a_line_break_next_to_quotes_and_dashes_in_chinese_is_no_space():
    html = prose.render("社区党委以\n“党员灯塔”\n为理念……\n此后——\n群众说好。\n\nHe said\n“hi”\n“there”").html
    assert "<p>社区党委以“党员灯塔”为理念……此后——群众说好。</p>" in html
    assert "He said\n“hi”\n“there”" in html  # English keeps its spaces, between two quotes too


def test_a_refused_image_or_link_leaves_its_text_not_an_empty_tag():
    """As the check says: only the text is shown. No broken-image icon, no link that goes nowhere."""
    html = prose.render('![图一](../../../etc/passwd) 和 ![图二](https://evil.example/x.png) [点我](javascript:alert(1)) '
                        '<img src=x> <a href="vbscript:x">再点</a> [好](https://example.org) ![照片](photos/a.png)',
                        "", frozenset({"photos/a.png"})).html
    assert html == ('<p>图一 和 图二 点我  再点 <a href="https://example.org" rel="noopener noreferrer">好</a> '
                    '<img alt="照片" src="bs-local:/photos/a.png"></p>')
    assert prose.render('![<b>"&</b>](x.png)').html == "<p>&lt;b&gt;&quot;&amp;&lt;/b&gt;</p>"


def test_direction_controls_controls_and_noncharacters_are_taken_out_of_prose():
    assert prose.render("甲\u202e乙\u2066丙\x01丁\ufffe戊\x85己").html == "<p>甲乙丙丁戊己</p>"
    assert plaintext.plain_text("甲\u202e乙\x85丙\U0010ffff") == "甲乙丙"


@pytest.mark.parametrize("written", ["2. 组建服务队\n   - 宣讲队\n   - 医疗队\n3. 回访", "2. 组建服务队\n  - 宣讲队\n  - 医疗队\n3. 回访",
                                     "2. 组建服务队\n    - 宣讲队\n    - 医疗队\n3. 回访"])
def test_a_list_nested_by_two_three_or_four_spaces_is_nested(written):
    """Editors and their tools (Typora, VS Code) nest a list by 2 or 3 spaces; Python-Markdown wants 4,
    and ran the sub-items into the item above: 组建服务队 - 宣讲队 - 医疗队 on one line."""
    html = prose.render(written).html
    assert html == ('<ol start="2">\n<li>组建服务队<ul>\n<li>宣讲队</li>\n<li>医疗队</li>\n</ul>\n</li>\n<li>回访</li>\n</ol>'), html


def test_indented_lines_that_are_no_list_and_fenced_code_stay_as_written():
    assert prose.render("```\n- a\n  - b\n```").html == "<pre><code>- a\n  - b\n</code></pre>"
    assert prose.render("后面一段\n  - 接着写").html == "<p>后面一段\n  - 接着写</p>"


def test_words_lines_broken_inside_a_paragraph_stay_apart():
    """Word's line break inside a paragraph (Shift+Enter) pastes as U+000B: it was taken out as a
    control character, and the two lines' words ran together (第一行第二行)."""
    assert prose.render("第一行\x0b第二行。\n\n下一段。").html == "<p>第一行<br>\n第二行。</p>\n<p>下一段。</p>"


@pytest.mark.parametrize("written", ["&#8238;", "&#x202E;", "&#x2066;", "&#1;", "&#xFFFE;", "&#x10FFFF;"])
def test_the_same_written_as_character_references_are_taken_out_too(written):
    """nh3 makes &#8238; the character it names after the source was cleaned of it: a public page
    showed 联系 &#8238;87654321931&#8236; as a phone number the privacy check never saw, and &#1;
    in a connotation stopped the internal build in the application form (XML cannot hold it)."""
    text = f"联系{written}87654321931{written}咨询。\n\n![值班电话{written}甲](photos/a.jpg)"
    html = prose.render(text, files=frozenset({"photos/a.jpg"})).html
    assert "<figcaption>值班电话甲</figcaption>" in html and 'alt="值班电话甲"' in html, html
    assert "联系87654321931咨询。" in html
    assert plaintext.plain_text(f"乙{written}丙") == "乙丙"


def test_headings_of_every_level_keep_their_ids_without_a_warning():
    """# and ##### are ordinary headings: the toc extension gives them ids as it does ##; the
    editor never wrote an id, so nothing is reported as taken away."""
    text = "第一段。\n\n# 小标题\n\n第二段。\n\n##### 五级标题\n\n###### 六级\n\n第三段。"
    html = prose.render(text, "", frozenset()).html
    assert '<h1 id="bs-小标题">' in html and '<h5 id="bs-五级标题">' in html and '<h6 id="bs-六级">' in html
    assert prose.removals(text, "", frozenset()) == []


def test_footnotes_link_both_ways_and_their_marks_leave_the_plain_text():
    """[^1] in the text and [^1]: … at its end: a numbered mark linking to the note, which links
    back, both under the page's id prefix; no warning; the plain text keeps the note, not [^1]."""
    text = "墙绘已完成[^1],还有一处[^note]。\n\n[^1]: 墙绘由本地美术老师义务完成。\n[^note]: 第二条说明。"
    html = prose.render(text, "", frozenset()).html
    mark = re.search(r'<sup id="bs-fnref-(\w+)-1"><a class="footnote-ref" href="#bs-fn-\1-1"', html).group(1)
    assert f'<li id="bs-fn-{mark}-1">' in html and f'href="#bs-fnref-{mark}-1" title="回到正文"' in html
    assert '<div class="footnote">' in html and "[^" not in html
    assert prose.removals(text, "", frozenset()) == []
    assert plaintext.plain_text(text) == "墙绘已完成,还有一处。墙绘由本地美术老师义务完成。第二条说明。"
    # a pasted look-alike keeps no other class, no script and no link out
    pasted = prose.render('<div class="footnote evil" onclick="x()"><a class="footnote-ref x" href="javascript:alert(1)">a</a></div>', "", frozenset()).html
    assert "evil" not in pasted and "onclick" not in pasted and "javascript" not in pasted and 'class="x"' not in pasted


def test_a_note_the_text_never_refers_to_is_shown_without_a_link_back_to_nowhere():
    """[^1]: written, [^1] not: the note is listed, but its ↩ had no mark to go back to
    (href="#fnref-…", an id no page has). Every link back that is left leads to a mark."""
    html = prose.render("正文一句[^2]。\n\n[^1]: 没有引用的注释。\n[^2]: 有引用的注释。", "", frozenset()).html
    assert "没有引用的注释。" in html and "有引用的注释。" in html
    ids = set(re.findall(r'id="([^"]+)"', html))
    back = re.findall(r'class="footnote-backref" href="#([^"]+)"', html)
    assert back and all(target in ids for target in back), html
    assert len(back) == 1 and "没有引用的注释。&nbsp;<" not in html and "↩" not in html.split("有引用的注释")[0]


def test_an_in_page_link_leads_to_its_heading_or_the_pages_section():
    html = prose.render("见[第二节](#第二节)与[内涵](#理念内涵)。\n\n## 第二节\n\n正文。", "", frozenset()).html
    assert 'href="#bs-第二节"' in html and 'id="bs-第二节"' in html
    assert 'href="#理念内涵"' in html  # the brand page's own section, not one of this text's ids


def test_two_texts_on_one_page_number_their_notes_apart():
    """The connotation and story.md each with a [^1]: two notes, two ids, each mark to its own."""
    one = prose.render("甲[^1]。\n\n[^1]: 内涵的注。", "", frozenset()).html
    two = prose.render("乙[^1]。\n\n[^1]: 故事的注。", "", frozenset()).html
    ids = re.findall(r'id="([^"]+)"', one) + re.findall(r'id="([^"]+)"', two)
    assert len(ids) == 4 and len(set(ids)) == 4


def test_too_many_footnote_marks_are_refused_at_their_line():
    """One note marked thousands of times made Python-Markdown's footnotes quadratic (6,000: 20 s)."""
    from brandsite.content.prose_limits import complexity

    text = "开头。\n\n" + "\n\n".join(["[^x]" * 100] * 3) + "\n\n[^x]: 注。"
    assert complexity(text) == (7, "脚注标记“[^”超过 200 个")
    assert complexity("[^x]" * 199 + "\n\n[^x]: 注。") is None  # 200 with the note


def test_tags_left_open_that_nest_too_deep_show_as_plain_text_and_are_refused_at_their_line():
    """12,000 lines of "<b>" nested every later block in them: Chromium took 84 s to open the page.
    Cleaned HTML deeper than MAX_DEPTH is shown as the text it was written as; the check says where."""
    from brandsite.content import field_rules
    from brandsite.content.prose_limits import MAX_DEPTH, depth

    text = "正文。\n\n" + "<b>\n\n" * (MAX_DEPTH + 10) + "结尾。"
    shown = prose.render(text, "cases", frozenset())
    assert shown.too_deep and depth(shown.html) == 1 and "&lt;b&gt;" in shown.html and "结尾。" in shown.html
    found = list(field_rules.page_prose("# 故事\n\n" + text, "brands/x/story.md", "story.md "))
    assert [(p.line, p.level) for p in found] == [(5, "error")] and "层级嵌套超过 64 层" in found[0].message
    # told at the first tag left open, not at a <br> above it; 70 levels of > quoting too
    below = "甲<br>乙\n\n" + text
    assert [p.line for p in field_rules.page_prose(below, "s.md", "")] == [5]
    quoted = "\n\n".join(">" * i + " 层" for i in range(1, 71))
    assert [p.line for p in field_rules.page_prose(quoted, "s.md", "")] == [2 * 33 - 1]
    # deep but well within it: lists, quotes, tables and closed tags as written
    fine = "\n".join("  " * i + "- 层" for i in range(10)) + "\n\n> 引用 <b>粗</b>\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |"
    assert not prose.render(fine, "", frozenset()).too_deep and not list(field_rules.page_prose(fine, "s.md", ""))


def test_a_table_cell_spans_at_most_a_hundred_columns_or_rows():
    """3,300 cells of colspan="1000" took Chromium 3 s to lay out: a larger span is dropped."""
    html = prose.render('<table><tr><td colspan="1000">甲</td><td rowspan="3">乙</td><td colspan="x">丙</td></tr></table>',
                        "", frozenset()).html
    assert "<td>甲</td>" in html and '<td rowspan="3">乙</td>' in html and "<td>丙</td>" in html


def test_q_elements_are_taken_out_their_text_kept():
    """16,000 <q> made a page Chromium took 24 s to open: quotation marks are counted page-wide."""
    html = prose.render("\n\n".join(["<q>甲</q>"] * 3), "", frozenset()).html
    assert "<q" not in html and html.count("甲") == 3


def test_paragraphs_written_as_a_chinese_document_stay_paragraphs():
    """Pasted from Word: each paragraph on a line of its own, begun with two full-width spaces,
    and points numbered 1、 (一) on lines of their own. Markdown ran them into one paragraph."""
    from brandsite.content import paragraphs

    text = ("\u3000\u3000台风过境后,服务站连夜组织抢修。\n\u3000\u3000次日清晨,志愿者分三组入户。\n"
            "1、建立台账\n2、逐户走访\n(一)回访\n\n```\n代码\n\u3000\u3000缩进\n1、不分段\n```\n普通一行\n接着一行")
    html = prose.render(text, "", frozenset()).html
    assert re.findall(r"<p>(.*?)</p>", html) == ["台风过境后,服务站连夜组织抢修。", "次日清晨,志愿者分三组入户。",
                                                "1、建立台账", "2、逐户走访", "(一)回访", "普通一行接着一行"]
    assert "<pre><code>代码\n\u3000\u3000缩进\n1、不分段\n</code></pre>" in html
    # bullets as Word and WPS paste them (• or ●, then a tab) ran into one line too
    bullets = prose.render("做法如下：\n•\t每月召开一次联席会议\n•\t每季度开展一次满意度测评\n●\t建立问题清单", "", frozenset()).html
    assert [re.sub(r"\s+", " ", p) for p in re.findall(r"<p>(.*?)</p>", bullets)] == [
        "做法如下：", "• 每月召开一次联席会议", "• 每季度开展一次满意度测评", "● 建立问题清单"]
    # not inside a table, a list item, a quote, a longer fence or <pre>
    table = prose.render("| 序号 | 内容 |\n| --- | --- |\n1、建立台账 | 张三\n2、逐户走访 | 李四", "", frozenset()).html
    assert table.count("<tr>") == 3 and "<td>1、建立台账</td>" in table
    kept = prose.render("- 第一项\n1、接着写\n\n> 引用\n1、接着引\n\n````\n```\n1、代码\n````\n\n<pre>\n甲\n1、乙\n</pre>", "", frozenset()).html
    assert "<li>第一项\n1、接着写</li>" in kept and "<p>引用\n1、接着引</p>" in kept.replace("</p>\n</blockquote>", "</p>")
    assert "```\n1、代码" in kept and "甲\n1、乙" in kept
    # nor where a list item, a quote, a footnote or a table goes on without a blank line, above a
    # setext underline, or inside emphasis, code or a link that goes on
    for text in ("1. 第一项\n续行文字\n\u3000\u3000第二", "> 引用\n懒续行\n1、第一", "正文[^1]\n\n[^1]: 注释\n续行\n1、第二",
                 "a | b\n--|--\n甲 | 乙\n文字\n1、第一", "前面一段文字\n1、建立台账\n---", "前面一段文字\n(一)总体要求\n===",
                 "文字 **加粗\n1、继续**", "文字 [链接\n1、继续](http://a.com)", "文字 `code\n1、x`",
                 "```\n文字\n1、a\n````\n文字\n1、b\n```", "<pre>a</pre><pre>\n文字\n1、a\n</pre>"):
        assert paragraphs.split(text) == text, text


def test_a_footnote_mark_in_a_heading_stays_out_of_the_table_of_contents():
    from brandsite.site.pages import table_of_contents

    html = prose.render("## 帆不落,港常开[^1]\n\n正文。\n\n[^1]: 出自渔港老话。", "", frozenset()).html
    assert [item.title for item in table_of_contents(html)] == ["帆不落,港常开"]


def test_a_path_written_with_backslashes_is_the_path_meant():
    r"""..\photos\p01.jpg (as Windows writes paths) shows the photo, as browsers read it; \\host
    is another host, as browsers read it, and stays refused."""
    files = frozenset({"photos/p01.jpg"})
    assert prose.render(r"![现场](..\photos\p01.jpg)", "cases", files).refs == {"photos/p01.jpg"}
    for hostile in (r"[x](\\evil.example/a)", r"[x](\/evil.example/a)", r"![x](\\evil.example/b.png)"):
        html = prose.render(hostile, "", files).html
        assert "evil" not in html and "href" not in html and "src" not in html, hostile


def test_a_cases_way_of_writing_a_photo_in_story_md_gets_the_right_path():
    (line, message), = prose.removals("![渔港](../photos/p02.jpg)", "", frozenset({"photos/p02.jpg"}))
    assert "应写成 photos/p02.jpg" in message and "指向本品牌文件夹以外" not in message


@pytest.mark.parametrize("text, base", [
    ("见[那个品牌](../cha-shan-qi-ming/)。", ""), ("见[那个品牌](../cha-shan-qi-ming)。", ""),
    ("见[那个案例](../../cha-shan-qi-ming/cases/a.md)。", "cases"), ("见[首页](../../index.html)。", ""),
    ("见[编辑指南](../../guide/index.md)。", ""),  # a docs/ page: not called a case or a brand
])
def test_a_link_to_a_case_or_brand_by_its_file_says_to_write_the_pages_address(text, base):
    """In a text outside the brand folders (a cluster intro: no prose_files), editors link other
    brands by folder (../brand/) or another brand's case by file: they were told the link was no
    photo in photos/, or led out of the brand folder, not how to link a page. (In a brand's texts
    these are links: tests/test_brand_links.py; its own cases: tests/test_case_links.py.)"""
    (line, message), = prose.removals(text, base, frozenset())
    assert "指向本站的另一个页面" in message and "完整网址" in message, message
    assert "不是 photos/" not in message and "指向本品牌文件夹以外" not in message and "（案例或品牌）" not in message
    assert "href" not in prose.render(text, base, frozenset()).html


@pytest.mark.parametrize("text, base", [("[x](photos/)", ""), ("[x](../photos/)", "cases"), ("[x](../cases/)", "cases")])
def test_a_link_to_a_folder_of_the_brand_is_not_told_it_is_another_page(text, base):
    (line, message), = prose.removals(text, base, frozenset())
    assert "另一个页面" not in message, message


@pytest.mark.parametrize("text, base", [("[品牌页](./)", ""), ("[品牌页](../)", "cases")])
def test_a_link_to_the_brands_own_folder_is_a_link_to_its_page(text, base):
    assert prose.removals(text, base, frozenset()) == []
    assert 'href="bs-case:/"' in prose.render(text, base, frozenset()).html


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/brands/lin-li-hong-zhan/", "http://localhost:8000/", "https://[::1]/x",
                                 "http://preview.localhost/",
                                 # as browsers read hosts: other loopback forms, and what a Chinese input method types
                                 "http://127.0.0.2:8000/", "http://127.1:8000/", "http://0x7f000001/", "http://[::ffff:127.0.0.1]/",
                                 "http:localhost:8000/x", "http://127。0。0。1:8000/", "http://０.０.０.０:8000/",
                                 "http://127.0.0.1%2e/", "http://localhost.localdomain/"])
def test_a_link_to_the_preview_address_is_refused_as_dead_for_visitors(url):
    """Told to copy the address from the address bar, editors copied the preview's (127.0.0.1:8000),
    which check passed and the site published, dead for every visitor."""
    text = f"见[邻里红盏]({url})。"
    (line, message), = prose.removals(text, "", frozenset())
    assert "本机预览的地址" in message and "正式网站" in message, message
    assert "href" not in prose.render(text, "", frozenset()).html
    assert prose.removals("见[邻里红盏](https://dangjian.example.gov.cn/brands/lin-li-hong-zhan/)。", "", frozenset()) == []


def test_a_link_to_another_file_is_still_told_it_is_no_photo():
    (line, message), = prose.removals("见[附件](附件.pdf)。", "", frozenset())
    assert "不是 photos/ 文件夹里的照片" in message


def test_an_address_is_told_at_the_line_it_is_written_on_not_where_its_letters_first_occur():
    """`<img src=x>` on line 5: "x" also occurs in the words and a link above it."""
    text = "第一段 x 光检查。\n\n第二段[链接](https://example.org/x)。\n\n<img src=x onerror=alert(1)>\n"
    assert [line for line, _ in prose.removals(text, "", frozenset())] == [5, 5]


def test_of_two_addresses_that_start_alike_the_one_removed_is_told_at_its_line():
    from brandsite.content.prose_links import case_files

    text = ("见[甲](cases/nei-bu-hui-fang-a.md)。\n\n见[乙](cases/nei-bu-hui-fang-b.md#做法)。\n\n"
            "![丙](photos/da-hui-chang-1.jpg)\n\n![丁](photos/da-hui-chang-2.jpg)\n")
    files = case_files(["nei-bu-hui-fang-a"]) | {"photos/da-hui-chang-1.jpg"}
    assert [line for line, _ in prose.removals(text, "", files)] == [3, 7]



def test_word_html_on_one_line_is_told_once_and_a_long_address_is_shown_cut_with_an_ellipsis():
    """<p style><span style> pasted from Word made two identical "style=" warnings for one line;
    an image address cut at 40 characters ended in "640?" as if that were all of it."""
    found = prose.removals('<p style="margin:0"><span style="color:red">文字</span></p>\n')
    assert found == [(1, "属性“style=”")], found
    url = "https://mmbiz.qpic.cn/mmbiz_jpg/abcdefgh/640?wx_fmt=jpeg"
    [(line, what)] = prose.removals(f"正文。\n\n![图]({url})\n")
    assert line == 3 and f"“{url[:40]}…”" in what, what


def test_twenty_thousand_removed_tags_are_told_at_once_and_counted():
    """Each removed thing was looked for line by line from the last one: 19,990 unknown tags in a
    100 KB story took a minute of every check and build. The first TOLD are told at their lines,
    the rest counted in one more message."""
    import subprocess
    import sys

    code = ("from brandsite.content import prose\n"
            "found = prose.removals('正文。\\n\\n' + '<x>\\n\\n' * 19_990)\n"
            "print(len(found), found[0][0], found[199][0], found[-1][1].split('处')[0])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=20)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.split() == ["201", "3", "401", "path:另有", "19790"], out.stdout


def test_a_long_word_paste_is_told_at_every_line_and_an_address_after_a_wide_space_at_its_own():
    """The first 200 told are 200 different line-and-message pairs: a Word paragraph's five
    removals make three messages, and a 60-paragraph paste was cut after line 79. An address
    after a full-width or no-break space is found where it is written, not in the text above."""
    word = ("<p class=MsoNormal style='margin:0'><span lang=EN-US style='font-size:12pt'>2024</span>"
            "<span style='font-family:宋体'>年工作<o:p></o:p></span></p>")
    found = prose.removals("\n\n".join([word] * 60))
    assert sorted({line for line, _ in found}) == list(range(1, 120, 2))
    assert not [what for _, what in found if "另有" in what]
    for space in ("\u3000", "\u00a0"):
        assert [line for line, _ in prose.removals(f"网址 http://x.com/a.png 说明\n\n![图]({space}http://x.com/a.png)\n")] == [3]


def test_a_cases_own_folder_is_told_how_to_link_the_brand_or_a_case():
    (line, message), = prose.removals("见[这里](./)。", "cases", frozenset())
    assert "要链接本品牌的页面请写 ../" in message and "不是 photos/" not in message, message


@pytest.mark.parametrize("url", ["http://[zz]/", "http://[::1", "http://127.0.0.1:99999/", "http://127.0.0.1%00/", "http://%00/"])
def test_an_address_no_browser_can_read_neither_crashes_check_nor_is_published(url):
    """http://[zz]/ (a bracketed host that is no address) made check and the build stop with a
    Python ValueError; a NUL in a host (%00) did too, once preview addresses were looked for."""
    text = f"见[这里]({url})。"
    prose.removals(text, "", frozenset())
    assert "href" not in prose.render(text, "", frozenset()).html


@pytest.mark.parametrize("text, base, right", [
    ("![集市](photo/market.jpg)", "", "这里应写成 photos/market.jpg"),  # photo/ for photos/
    ("![课堂](photos/training.jpg)", "cases", "这里应写成 ../photos/training.jpg"),  # story.md's way, in a case
    ("![课堂](images/Training.JPG)", "cases", "这里应写成 ../photos/training.jpg"),
])
def test_a_photo_written_with_another_folder_is_told_the_path_of_the_one_there(text, base, right):
    """Only the folder was wrong: the message repeated the path written and said 'photos/文件名.jpg'."""
    files = frozenset({"photos/market.jpg", "photos/training.jpg", "cases/a.md"})
    (_, said), = prose.removals(text, base, files)
    assert right in said and "照片" in said, said


def test_an_image_alone_with_words_in_its_brackets_shows_them_as_its_caption():
    """Editors write a photo's caption (图注) in ![…]: it showed only in the lightbox."""
    files = frozenset({"photos/a.jpg", "photos/b.jpg", "photos/c.jpg", "photos/d.jpg", "photos/e.jpg"})
    html = prose.render("正文。\n\n![义诊现场 & <b>群众</b>](photos/a.jpg)\n\n![图片](photos/b.jpg)\n\n![](photos/c.jpg)\n\n"
                        "文字 ![行内](photos/d.jpg) 文字\n\n![e](photos/e.jpg)\n", "", files).html
    assert ('<figure class="bs-figure"><img alt="义诊现场 &amp; &lt;b&gt;群众&lt;/b&gt;" src="bs-local:/photos/a.jpg">'
            "<figcaption>义诊现场 &amp; &lt;b&gt;群众&lt;/b&gt;</figcaption></figure>") in html
    # a bare 图片, no words, an image inside a sentence and its own file name: no caption
    assert html.count("<figure") == 1 and '<p><img alt="图片"' in html and '<p><img alt=""' in html
    assert "<p>文字 <img" in html and '<p><img alt="e"' in html
    # Markdown the alt keeps as typed shows as its words (it showed "**加粗**")
    marked = prose.render("正文\n\n![**加粗**的 __强调__ a*b](photos/a.jpg)\n", "", files).html
    assert "<figcaption>加粗的 强调 a*b</figcaption>" in marked, marked
    for blank in (" ", "\u3000", "&nbsp;"):  # words of nothing but spaces: no empty caption
        assert "<figure" not in prose.render(f"正文\n\n![{blank}](photos/a.jpg)\n", "", files).html, repr(blank)


def test_right_to_left_and_arabic_letter_marks_are_taken_out_of_prose_and_told():
    """&rlm;0571 - 8765 - 4321&rlm; showed as 4321 - 8765 - 0571, and the check said nothing. A
    left-to-right mark, which pasted text often holds, is taken out without a word."""
    html = prose.render("热线：&rlm;0571 - 8765 - 4321&rlm;，\u061c12-34\u061c 号\u200e，&lrm;完。").html
    assert html == "<p>热线：0571 - 8765 - 4321，12-34 号，完。</p>"
    told = [m for _, m in prose.removals("热线：&rlm;0571\n\n编号\u061c12\n\n粘贴的\u200e文字&lrm;")]
    assert [m.split("（")[1].split("）")[0] for m in told] == ["U+200F", "U+061C"], told


def test_what_a_mark_taken_out_makes_is_told_as_the_page_has_it():
    """The page takes U+200E and controls out before Markdown reads the text: <scr\u200eipt> is a
    <script> there, dropped with its words, and [点我]\u200e(javascript:…) a link. The check read
    the text as written, said the tag went and its words stayed, and of the link nothing."""
    text = "前文\n\n<scr\u200eipt>这段字不会显示</script>\n\n[点我]\u200e(javascript:alert(1))\n"
    assert "这段字" not in prose.render(text).html
    assert prose.removals(text) == [(3, "<script> 及其内容"),
                                    (5, "不安全的链接“javascript:alert(1)”（只允许 http、https、mailto 或品牌文件夹里的照片）")]


@pytest.mark.parametrize("base, written", [("cases", "../photos/IMG_2001.HEIC"), ("", "photos/IMG_2001.heic")])
def test_an_iphone_photo_in_the_text_is_told_as_heic(base, written):
    """![活动](../photos/IMG_2001.HEIC) in a case was told it was no photo of photos/ (it was there);
    the same file in the case's photos: list was told it is HEIC, and how to convert it."""
    (line, message), = prose.removals(f"![活动]({written})", base, frozenset())  # the brand's photos: none it may show
    assert "是苹果手机的 HEIC 格式" in message and "另存为 JPG" in message, message
