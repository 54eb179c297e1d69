"""Links in editors' prose to the brand's own cases (cases/x.md, x.md from a case): a link to the
case page where the audience has it, the words alone where it has not (an internal case on the
public site), and a message for a case that is not there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from brandsite.content import prose
from brandsite.content.prose_links import case_files
from tests.conftest import CASE_MD, build_site, check, messages
from tests.test_search import all_index_bytes

STORY = "# 故事\n\n示范岗的做法见[退税清单](cases/tui-shui.md)，另有[内部复盘](cases/fu-pan/)。\n"
INTERNAL_CASE = CASE_MD.replace("title: 一张清单解决企业退税难题", "title: 退税工作内部复盘\nvisibility: internal") \
    .replace("示范岗的党员梳理出一张清单", "复盘材料见[退税清单](tui-shui.md)。示范岗的党员梳理出一张清单")


@pytest.fixture
def linked(tree):
    folder = tree.brand()
    tree.write("lian-xin-qiao/story.md", STORY)
    tree.write("lian-xin-qiao/cases/fu-pan.md", INTERNAL_CASE.replace("date: 2023-06-18", "date: 2023-07-01"))
    tree.write("lian-xin-qiao/cases/tui-shui.md", CASE_MD.replace("三天内帮企业办结退税。",
                                                                 "三天内帮企业办结退税，复盘见[复盘](fu-pan.md)。[回到品牌](../)"))
    return tree, folder


def links(html: str) -> dict[str, str]:
    return {text: href for href, text in re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', html)}


def test_a_case_is_linked_by_its_file_or_folder_and_told_when_it_is_not_there():
    files = case_files(["tui-shui"])
    html = prose.localise(prose.render("见[清单](cases/tui-shui.md)和[清单二](cases/tui-shui/)。", "", files).html, "")
    assert links(html) == {"清单": "cases/tui-shui/", "清单二": "cases/tui-shui/"}
    from_case = prose.localise(prose.render("见[清单](tui-shui.md)。", "cases", files).html, "../../", lambda s: f"../{s}/")
    assert links(from_case) == {"清单": "../tui-shui/"}
    (line, message), = prose.removals("见[清单](cases/tui-shu.md)。", "", files)
    assert "找不到这个案例（cases/ 里没有 tui-shu.md）" in message and "本品牌的案例有：tui-shui.md" in message, message



def test_a_section_named_with_a_case_link_is_kept():
    files = case_files(["tui-shui"])
    text = "见[做法](cases/tui-shui.md#Step One 主要做法)、[成效](cases/tui-shui/#bs-成效)、[案例栏](./#典型案例)。"
    html = prose.localise(prose.render(text, "", files).html, "")
    # the heading of that name, with the id the page gives it (lower case, spaces as -); an id as
    # the page has it; the brand page's own sections as written
    assert prose.heading_id("Step One 主要做法") == "bs-step-one-主要做法"
    assert links(html) == {"做法": "cases/tui-shui/#bs-step-one-%E4%B8%BB%E8%A6%81%E5%81%9A%E6%B3%95",
                           "成效": "cases/tui-shui/#bs-%E6%88%90%E6%95%88", "案例栏": "./#%E5%85%B8%E5%9E%8B%E6%A1%88%E4%BE%8B"}
    from_case = prose.localise(prose.render("回到[品牌的案例](../#典型案例)和[故事](../#我们的故事)，见[另一个](tui-shui.md#做法)。",
                                            "cases", files).html, "../../", lambda s: f"../{s}/" if s else "../../")
    assert links(from_case) == {"品牌的案例": "../../#%E5%85%B8%E5%9E%8B%E6%A1%88%E4%BE%8B",
                                "故事": "../../#bs-%E6%88%91%E4%BB%AC%E7%9A%84%E6%95%85%E4%BA%8B",
                                "另一个": "../tui-shui/#bs-%E5%81%9A%E6%B3%95"}
    # what a hostile section could carry stays inside the attribute
    hostile = prose.localise(prose.render('[x](cases/tui-shui.md#"><script>alert(1)</script>)', "", files).html, "")
    assert "<script" not in hostile and links(hostile)["x"].startswith("cases/tui-shui/#bs-")


def test_the_brand_pages_sections_are_the_ones_links_keep_as_written():
    template = (Path(prose.__file__).parents[1] / "templates/brandsite/views/brand.html").read_text(encoding="utf-8")
    shown = set(re.findall(r'<h2 id="([^"]+)">', template)) - {"完整度评分内部"}  # internal only
    assert shown == prose.BRAND_SECTIONS
    # no page section can take the id of an editor's heading
    views = (Path(prose.__file__).parents[1] / "templates/brandsite/views")
    ids = {i for f in views.glob("*.html") for i in re.findall(r'\sid="([^"{]+)"', f.read_text(encoding="utf-8"))}
    assert not [i for i in ids if i.startswith(prose.ID_PREFIX)], ids

def test_the_public_site_links_public_cases_and_shows_only_the_words_for_an_internal_one(linked):
    tree, folder = linked
    problems = check(tree)[1]
    # the link's words would show on the public site, and they are most often the internal case's title
    told = [str(p) for p in problems if p.level in ("warning", "error")]
    assert len(told) == 2 and all("只在内网发布的案例（fu-pan.md）" in m for m in told), messages(problems)
    assert any("story.md:3:" in m for m in told) and any("cases/tui-shui.md:" in m for m in told), told
    site = build_site(tree.root)
    page = (site / "brands/lian-xin-qiao/index.html").read_text(encoding="utf-8")
    assert links(page).get("退税清单") == "cases/tui-shui/" and "内部复盘" in page and "内部复盘</a>" not in page
    case = (site / "brands/lian-xin-qiao/cases/tui-shui/index.html").read_text(encoding="utf-8")
    assert "复盘见复盘。" in re.sub(r"<[^>]+>", "", case)
    assert links(case).get("回到品牌") == "../../"  # a case's ../ is its brand's page (it was refused as no photo)
    published = [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml", ".txt", ".js")]
    assert not [p for p in published if b"fu-pan" in p.read_bytes()], "the internal case's address is published"
    index = all_index_bytes(site).decode("utf-8", "ignore").replace("\u200b", "")  # Pagefind marks word breaks so
    assert "退税清单" in index and "fu-pan" not in index and "内部复盘" in index
    assert not (site / "brands/lian-xin-qiao/cases/fu-pan").exists()


def test_the_internal_site_links_every_case_and_without_directory_urls_to_its_html(linked):
    tree, folder = linked
    site = build_site(tree.root, audience="internal", extra_yml="use_directory_urls: false\n")
    page = (site / "brands/lian-xin-qiao/index.html").read_text(encoding="utf-8")
    assert links(page).get("内部复盘") == "cases/fu-pan.html" and links(page).get("退税清单") == "cases/tui-shui.html"
    case = (site / "brands/lian-xin-qiao/cases/fu-pan.html").read_text(encoding="utf-8")
    assert links(case).get("退税清单") == "tui-shui.html"
    case = (site / "brands/lian-xin-qiao/cases/tui-shui.html").read_text(encoding="utf-8")
    assert links(case).get("回到品牌") == "../index.html"


@pytest.mark.parametrize("text, base, right", [
    ("见[清单](tui-shui.md)。", "", "cases/tui-shui.md"), ("见[清单](cases/tui-shui.md)。", "cases", "tui-shui.md"),
    ("见[清单](../tui-shui.md)。", "cases", "tui-shui.md"), ("见[清单](Cases/Tui-Shui.MD)。", "", "cases/tui-shui.md"),
    ("见[清单](cases/tui-shui.html)。", "", "cases/tui-shui.md"),
])
def test_a_case_linked_from_the_wrong_place_is_told_how_to_write_it(text, base, right):
    """They were told to copy the page's address, or that cases/ had no tui-shui.html.md."""
    (line, message), = prose.removals(text, base, case_files(["tui-shui"]))
    assert f"这里应写成 {right}" in message, message


def test_a_case_link_where_there_are_no_cases_says_to_use_the_address():
    """A cluster intro has no cases of its own: 本品牌还没有案例 was no help there."""
    (line, message), = prose.removals("见[清单](cases/tui-shui.md)。", "", frozenset())
    assert "集群介绍等品牌以外的页面不能用文件名链接案例" in message and "本品牌" not in message, message


def test_a_full_address_of_an_internal_page_in_a_public_text_is_a_warning(linked):
    """Told to copy a page's address, an intranet editor copies the intranet's: check passed, the
    public site carried the internal case's and brand's addresses, and only the publish step's leak
    scan refused them."""
    tree, folder = linked
    tree.brand("mi-qin", **{"name: 连心桥": "name: 密勤先锋", "featured: true": "visibility: internal"})
    tree.write("lian-xin-qiao/story.md", "# 故事\n\n见[内部复盘](https://dj.example.gov.cn/brands/lian-xin-qiao/cases/fu-pan/)。\n\n"
               "又见[密勤](http://10.1.2.3/brands/mi-qin/)和[清单](https://dj.example.gov.cn/brands/lian-xin-qiao/cases/tui-shui/)。\n")
    problems = check(tree)[1]
    told = sorted(str(p) for p in problems if p.level == "warning" and "只在内网发布的页面" in p.message)
    assert len(told) == 2, messages(problems)
    assert told[0].startswith("brands/lian-xin-qiao/story.md:3:") and "cases/fu-pan/" in told[0], told
    assert told[1].startswith("brands/lian-xin-qiao/story.md:5:") and "/brands/mi-qin/" in told[1], told


@pytest.mark.parametrize("written", [
    "[密勤](HTTPS://dj.example.gov.cn/brands/mi-qin/)",  # the scheme in capitals
    '<a title="内网" href="https://dj.example.gov.cn/brands/mi-qin/">密勤</a>',  # the href after a title
    "[密勤](https&#58;//dj.example.gov.cn/brands/mi-qin/)",  # the colon as a reference, and no :// in the text
])
def test_a_full_address_of_an_internal_page_is_a_warning_however_it_is_written(linked, written):
    """Each of these links the internal page on the public page (a browser opens them all), and the
    check passed: it looked for a lower-case https:// right after <a, in a text holding ://."""
    tree, folder = linked
    tree.brand("mi-qin", **{"name: 连心桥": "name: 密勤先锋", "featured: true": "visibility: internal"})
    tree.write("lian-xin-qiao/story.md", f"# 故事\n\n又见{written}。\n")
    told = [str(p) for p in check(tree)[1] if p.level == "warning" and "只在内网发布的页面" in p.message]
    assert len(told) == 1 and told[0].startswith("brands/lian-xin-qiao/story.md:3:") and "/brands/mi-qin/" in told[0], told


def test_a_section_no_heading_has_is_a_warning_that_lists_the_headings(tree):
    tree.brand()
    tree.write("lian-xin-qiao/story.md", "# 故事\n\n## 我们的故事\n\n见[做法](cases/tui-shui.md#主要做法)和[成效](cases/tui-shui.md#成效)。\n\n"
                                         "回到[案例栏](#典型案例)。\n")
    tree.write("lian-xin-qiao/cases/tui-shui.md", CASE_MD.replace("三天内帮企业办结退税。",
                                                                 "三天内帮企业办结退税。\n\n## 主要做法\n\n清单。\n\n## 经验\n\n"
                                                                 "回到[故事](../#我们的故事)、[栏目](../#典型案例)和[开头](../#没有这一节)。"))
    told = sorted(str(p) for p in check(tree)[1] if "找不到这个小标题" in p.message)
    written = (tree.brands / "lian-xin-qiao/cases/tui-shui.md").read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(written, 1) if "没有这一节" in text)
    assert told == [
        f"brands/lian-xin-qiao/cases/tui-shui.md:{line}: 链接里的“#没有这一节”在品牌页面里找不到这个小标题，"
        "点开后会停在页面开头。请照正文里的小标题写，那里有：“故事”“我们的故事”",
        "brands/lian-xin-qiao/story.md:5: 链接里的“#成效”在案例 tui-shui.md 里找不到这个小标题，点开后会停在页面开头。"
        "请照正文里的小标题写，那里有：“主要做法”“经验”",
    ], told
    assert all(p.level == "warning" for p in check(tree)[1] if "找不到这个小标题" in p.message)


def test_a_link_to_a_case_with_errors_of_its_own_is_not_called_missing(tree):
    """The case file is there: its own error is told, and the links to it are right."""
    tree.brand()
    tree.write("lian-xin-qiao/story.md", "# 故事\n\n见[做法](cases/tui-shui.md#主要做法)。\n")
    tree.write("lian-xin-qiao/cases/tui-shui.md", CASE_MD.replace("title: 一张清单解决企业退税难题", "title: ‘清单’: 退税难题"))
    found = [str(p) for p in check(tree)[1]]
    assert any("cases/tui-shui.md:" in m for m in found), found
    assert not [m for m in found if "story.md" in m], found


def test_a_preview_address_of_one_of_the_brands_cases_is_told_its_file_name():
    files = case_files(["lou-dong"])
    (_, said), = prose.removals("[看](http://127.0.0.1:8000/brands/hx/cases/lou-dong/#bs-主要做法)", "", files)
    assert "是本机预览的地址" in said and "请写成案例的文件名：cases/lou-dong.md#bs-主要做法；" in said, said
    (_, said), = prose.removals("[看](http://localhost:8000/brands/hx/cases/lou-dong.html)", "cases", files)
    assert "请写成案例的文件名：lou-dong.md；" in said, said
    (_, said), = prose.removals("[看](http://localhost:8000/brands/hx/cases/other/)", "", files)  # not one of its cases
    assert "文件名" not in said and "从地址栏复制网址" in said, said


def test_a_missing_section_is_told_at_its_own_links_line(tree):
    """Two links name the same section, one of a case that has it: the other's line is told."""
    tree.brand()
    tree.write("lian-xin-qiao/story.md", "# 故事\n\n见[甲](cases/tui-shui.md#主要做法)。\n\n见[乙](cases/fu-pan.md#主要做法)。\n\n"
                                         "见[丙](cases/fu-pan.md#%E4%B8%8D%E5%AD%98%E5%9C%A8)。\n")
    tree.write("lian-xin-qiao/cases/tui-shui.md", CASE_MD.replace("三天内帮企业办结退税。", "三天内帮企业办结退税。\n\n## 主要做法\n\n清单。\n\n## 主要做法\n\n再说一遍。"))
    tree.write("lian-xin-qiao/cases/fu-pan.md", CASE_MD.replace("date: 2023-06-18", "date: 2023-07-01").replace("三天内帮企业办结退税。", "三天内帮企业办结退税。\n\n## 复盘 <经验>\n\n好。"))
    told = sorted((p.line, p.message) for p in check(tree)[1] if "找不到这个小标题" in p.message)
    assert [line for line, _ in told] == [5, 7], told
    assert told[0][1].endswith("那里有：“复盘 <经验>”"), told  # a heading's own < > kept, each heading once


@pytest.mark.parametrize("style", [">", "|", ">-"])
def test_a_section_link_in_a_block_connotation_is_told_at_its_own_line(tree, style):
    """A folded connotation (connotation: >) is one line of text once read: its link was told at
    the connotation: line. Each style is told at the line the link is written on."""
    from tests.conftest import CONNOTATION

    tree.brand(**{f"connotation: |\n  {CONNOTATION}\n": f"connotation: {style}\n  支部连着群众，\n  也连着服务，\n"
                                                         "  详见[做法](cases/tui-shui.md#没有这一节)。\n"})
    written = (tree.brands / "lian-xin-qiao/brand.yml").read_text(encoding="utf-8").split("\n")
    assert f"connotation: {style}" in written
    line = next(n for n, text in enumerate(written, 1) if "没有这一节" in text)
    told = [p for p in check(tree)[1] if "找不到这个小标题" in p.message]
    assert [(p.path, p.line) for p in told] == [("brands/lian-xin-qiao/brand.yml", line)], [str(p) for p in told]
