"""Links in editors' prose to another brand (../x/) or its case (../x/cases/y.md), by the folder's
relative path as the brand's own cases are linked: the forms kept, the href each audience's page
gets, and what `brandsite check` says of a folder or case that is not there, of a public text that
links an internal brand or case, and of a heading the linked page lacks. (The preview, its memo
and its reused pages: tests/test_incremental.py.)"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from brandsite.content import prose
from brandsite.content.editing_slips import _texts
from brandsite.content.model import prose_files
from tests.conftest import CASE_MD, build_site, check
from tests.golden import CULTIVATED, check_lines, write_brand
from tests.test_search import all_index_bytes

FILES = prose_files(SimpleNamespace(photos=[], cases=[SimpleNamespace(slug="tui-shui")]))  # a brand folder's


def links(html: str) -> dict[str, str]:
    return {text: href for href, text in re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', html)}


def to(slug: str, case: str) -> str:
    """A page's link to another brand's pages, as pages.Generator.brand_link gives it from a brand page."""
    return f"../{slug}/" + (f"cases/{case}/" if case else "")


@pytest.mark.parametrize("text, base, href", [
    ("见[红帆](../xi-hu/)。", "", "../xi-hu/"), ("见[红帆](../xi-hu)。", "", "../xi-hu/"),
    ("见[红帆](../xi-hu/brand.yml)。", "", "../xi-hu/"), ("见[红帆](../xi-hu/story.md)。", "", "../xi-hu/"),
    (r"见[红帆](..\xi-hu)。", "", "../xi-hu/"),
    ("见[红帆](../../xi-hu/)。", "cases", "../xi-hu/"), ("见[红帆](../../xi-hu/story.md)。", "cases", "../xi-hu/"),
    ("见[夜校](../xi-hu/cases/ye-xiao.md)。", "", "../xi-hu/cases/ye-xiao/"),
    ("见[夜校](../xi-hu/cases/ye-xiao/)。", "", "../xi-hu/cases/ye-xiao/"),
    ("见[夜校](../../xi-hu/cases/ye-xiao.md)。", "cases", "../xi-hu/cases/ye-xiao/"),
    # a section: a heading's id, or the brand page's own section as written
    ("见[做法](../xi-hu/cases/ye-xiao.md#主要做法)。", "", "../xi-hu/cases/ye-xiao/#bs-%E4%B8%BB%E8%A6%81%E5%81%9A%E6%B3%95"),
    ("见[案例栏](../xi-hu/#典型案例)。", "", "../xi-hu/#%E5%85%B8%E5%9E%8B%E6%A1%88%E4%BE%8B"),
])
def test_another_brand_or_its_case_is_linked_by_its_folder(text, base, href):
    """They were told "指向本站的另一个页面" and to paste the public site's address, which the intranet cannot open."""
    assert prose.removals(text, base, FILES) == []
    rendered = prose.render(text, base, FILES).html
    assert list(links(prose.localise(rendered, "", None, to)).values()) == [href]
    # where the audience's site has no such page (or no resolver is given): the link's words alone
    assert "href" not in prose.localise(rendered, "", None, lambda slug, case: None)
    assert "href" not in prose.localise(rendered, "") and "bs-brand" not in prose.localise(rendered, "")


def test_a_page_of_another_brand_written_otherwise_is_told_the_folder_form():
    """(A cluster intro is in docs/, not beside the brand folders: its ../x/ is no brand, and it is
    still told to use the page's address: tests/test_prose.py.)"""
    (line, message), = prose.removals("见[红帆](../xi-hu/cases/ye-xiao.html)。", "cases", FILES)
    assert "链接别的品牌写 ../../品牌文件夹名/，链接它的案例写 ../../品牌文件夹名/cases/案例文件名.md" in message, message
    (line, message), = prose.removals("见[首页](../index.html)。", "", FILES)  # no folder: a page of the site
    assert "指向本站的另一个页面" in message and "链接别的品牌写 ../品牌文件夹名/" in message, message
    (line, message), = prose.removals("见[红帆](http://127.0.0.1:8000/brands/xi-hu/cases/ye-xiao/#做法)。", "", FILES)
    assert "是本机预览的地址" in message and "链接别的品牌，请写它的文件夹：../xi-hu/cases/ye-xiao.md#做法" in message, message


def test_a_removed_reference_link_is_told_at_its_definition():
    """Its target, written on the [id]: line, was looked for as an inline link's only: found at a
    later link to the same page, and the two told once, at that later line."""
    text = "甲\n\n见[首页][h]。\n\n[h]: ../index.html\n\n又见[首页](../index.html)。\n"
    assert [line for line, _ in prose.removals(text, "", FILES)] == [5, 7]


L = "brands/lian-xin-qiao"
STORY = f"{L}/story.md"
INTERNAL_CASE = CASE_MD.replace("title: 一张清单解决企业退税难题", "title: 红帆内部复盘\nvisibility: internal") \
    .replace("date: 2023-06-18", "date: 2023-07-01").replace("三天内帮企业办结退税。", "三天内帮企业办结退税。\n\n## 主要做法\n\n复盘。")
NO_CASE = "网站上只显示文字。"
NO_FOLDER = "（可能写错了，或者那个文件夹改过名、删掉了），网站上只显示文字。"
INTERNAL = "。公开网站上没有它的页面，链接会去掉，但链接的文字照样显示，写的若是它的名称，内部品牌的名称就会出现在公开网站上。" \
           "请删去这个链接和它的文字，或者只在内部的文字里写它"

# (what lian-xin-qiao's folder holds, the lines); beside it xi-hu-hong-fan (public, its cases
# tui-shui and the internal fu-pan) and mi-qin (an internal brand)
ROWS = [
    pytest.param({"story.md": "# 故事\n\n见[红帆](../xi-hu-hong-fan/)和[复盘](../xi-hu-hong-fan/cases/tui-shui.md#没有)。\n"}, [
        f"{STORY}:3: 警告：链接里的“#没有”在品牌 xi-hu-hong-fan 的案例 tui-shui.md 里找不到这个小标题，点开后会停在页面开头。"
        "那里没有小标题，请删去 # 和后面的字",
    ], id="a-missing-section"),
    pytest.param({"story.md": "# 故事\n\n见[红帆](../xi-hu-hong-fen/)。\n"}, [
        f"{STORY}:3: 链接“../xi-hu-hong-fen/”：brands/ 里没有 xi-hu-hong-fen 这个品牌文件夹{NO_FOLDER}"
        "您是不是想写 ../xi-hu-hong-fan/？请照 brands/ 里的文件夹名改正链接",
    ], id="a-folder-misspelt"),
    pytest.param({"cases/tui-shui.md": CASE_MD + "\n见[红帆](../../西湖红帆/)。\n"}, [
        f"{L}/cases/tui-shui.md:11: 链接“../../西湖红帆/”：brands/ 里没有 西湖红帆 这个品牌文件夹{NO_FOLDER}"
        "“西湖红帆”是 brands/xi-hu-hong-fan 的品牌名称，链接里要写品牌的文件夹名：../../xi-hu-hong-fan/",
    ], id="a-brands-name-for-its-folder"),
    pytest.param({"story.md": "# 故事\n\n见[别处](../bie-de/)。\n"}, [
        f"{STORY}:3: 链接“../bie-de/”：brands/ 里没有 bie-de 这个品牌文件夹{NO_FOLDER}请照 brands/ 里对方品牌的文件夹名改正链接，"
        "写成 ../品牌文件夹名/",
    ], id="no-folder-alike"),
    pytest.param({"story.md": "# 故事\n\n见[清单](../xi-hu-hong-fan/cases/tui-shu.md)。\n"}, [
        f"{STORY}:3: 链接“../xi-hu-hong-fan/cases/tui-shu.md”：品牌 xi-hu-hong-fan 的 cases/ 里没有 tui-shu.md 这个案例，{NO_CASE}"
        "您是不是想写 ../xi-hu-hong-fan/cases/tui-shui.md？那个品牌的案例有：fu-pan.md、tui-shui.md",
    ], id="a-case-misspelt"),
    pytest.param({"story.md": "# 故事\n\n见[密勤](../mi-qin/)。\n"}, [f"{STORY}:3: 警告：这里链接了只在内网发布的品牌（mi-qin）" + INTERNAL],
                 id="a-public-text-links-an-internal-brand"),
    pytest.param({"story.md": "# 故事\n\n见[复盘](../xi-hu-hong-fan/cases/fu-pan.md)。\n"}, [
        f"{STORY}:3: 警告：这里链接了只在内网发布的案例（xi-hu-hong-fan/cases/fu-pan.md）。公开网站上没有这个案例，链接会去掉，"
        "但链接的文字照样显示，内部案例的标题就会出现在公开网站上。请删去这个链接和它的文字，或者只在内部的文字里写它",
    ], id="a-public-text-links-an-internal-case"),
    # a reference link's target is told where it is written ([m]: …), not at a later inline link
    # to the same page, which was told twice while the reference went untold until it was fixed
    pytest.param({"story.md": "# 故事\n\n见[那个支部][m]。\n\n[m]: ../mi-qin/\n\n又见[密勤](../mi-qin/)。\n"}, [
        f"{STORY}:5: 警告：这里链接了只在内网发布的品牌（mi-qin）" + INTERNAL,
        f"{STORY}:7: 警告：这里链接了只在内网发布的品牌（mi-qin）" + INTERNAL,
    ], id="a-reference-link-and-an-inline-one"),
    # a mark the page takes out without a word (U+200E) or a control makes a link of what, as written, is none
    pytest.param({"story.md": "# 故事\n\n见[那个支部]\u200e(../mi-qin/)。\n"}, [f"{STORY}:3: 警告：这里链接了只在内网发布的品牌（mi-qin）" + INTERNAL],
                 id="a-link-made-by-a-mark-taken-out"),
    pytest.param({"story.md": "# 故事\n\n见[别处]\x7f(../bie-de/)。\n"}, [
        f"{STORY}:3: 链接“../bie-de/”：brands/ 里没有 bie-de 这个品牌文件夹{NO_FOLDER}请照 brands/ 里对方品牌的文件夹名改正链接，"
        "写成 ../品牌文件夹名/",
    ], id="a-link-made-by-a-control-taken-out"),
    # a case's way in story.md, story.md's way in a case: told the right number of ../, not that
    # the link leaves the brand folder or is no photo
    pytest.param({"story.md": "# 故事\n\n见[红帆](../../xi-hu-hong-fan/)。\n",
                  "cases/tui-shui.md": CASE_MD + "\n见[红帆](../xi-hu-hong-fan/)和[清单](../xi-hu-hong-fan/cases/tui-shui.md#做法)。\n"}, [
        f"{L}/cases/tui-shui.md:11: 警告：案例正文：链接“../xi-hu-hong-fan/”：要链接别的品牌，案例正文在 cases/ 文件夹里，要多退一层，"
        "写成 ../../xi-hu-hong-fan/（网站上暂时只显示文字）",
        f"{L}/cases/tui-shui.md:11: 警告：案例正文：链接“../xi-hu-hong-fan/cases/tui-shui.md#做法”：要链接别的品牌，案例正文在 cases/ 文件夹里，"
        "要多退一层，写成 ../../xi-hu-hong-fan/cases/tui-shui.md#做法（网站上暂时只显示文字）",
        f"{STORY}:3: 警告：story.md：链接“../../xi-hu-hong-fan/”：要链接别的品牌，story.md 和理念内涵与品牌文件夹同在一层，只退一层，"
        "写成 ../xi-hu-hong-fan/（网站上暂时只显示文字）",
    ], id="one-folder-up-too-few-or-too-many"),
    # an internal case's text may link what the intranet has
    pytest.param({"cases/tui-shui.md": CASE_MD.replace("date: 2023-06-18", "date: 2023-06-18\nvisibility: internal")
                  + "\n见[密勤](../../mi-qin/)和[做法](../../xi-hu-hong-fan/cases/fu-pan.md#主要做法)。\n"}, [],
                 id="an-internal-text-links-internal-pages"),
]


@pytest.mark.parametrize("files, lines", ROWS)
def test_links_to_other_brands_in_check(tree, files, lines):
    write_brand(tree, "xi-hu-hong-fan", {"name: 连心桥": "name: 西湖红帆"},
                {"cases/fu-pan.md": INTERNAL_CASE})
    write_brand(tree, "mi-qin", {"name: 连心桥": "name: 密勤先锋", "featured: true": "visibility: internal", **CULTIVATED})
    write_brand(tree, "lian-xin-qiao", files=files)
    assert [line for line in check_lines(tree) if "链接" in line] == lines


@pytest.fixture
def linked(tree):
    tree.brand()
    tree.brand("xi-hu-hong-fan", **{"name: 连心桥": "name: 西湖红帆"})
    tree.write("xi-hu-hong-fan/cases/fu-pan.md", INTERNAL_CASE)
    tree.write("xi-hu-hong-fan/cases/tui-shui.md", CASE_MD + "\n## 主要做法\n\n一张清单。\n")
    tree.brand("mi-qin", **{"name: 连心桥": "name: 密勤先锋", "featured: true": "visibility: internal",
                             "slogan: 连民心 解民忧": "slogan: 守口如瓶", **CULTIVATED})
    tree.write("lian-xin-qiao/story.md", "# 故事\n\n见[红帆](../xi-hu-hong-fan/)和[红帆的清单](../xi-hu-hong-fan/cases/tui-shui.md#主要做法)。\n")
    # an internal case of a public brand: its text reaches the internal pages, which only the intranet has
    tree.write("lian-xin-qiao/cases/nei-bu.md", INTERNAL_CASE.replace("title: 红帆内部复盘", "title: 连心桥内部记录")
               + "\n对口的是[那个支部](../../mi-qin/)，见[复盘](../../xi-hu-hong-fan/cases/fu-pan.md)。\n")
    return tree


def test_the_sites_link_other_brands_where_each_audience_has_the_page(linked):
    assert [str(p) for p in check(linked)[1] if p.level != "info"] == []
    public = build_site(linked.root)
    page = (public / "brands/lian-xin-qiao/index.html").read_text(encoding="utf-8")
    assert links(page)["红帆"] == "../xi-hu-hong-fan/"
    assert links(page)["红帆的清单"] == "../xi-hu-hong-fan/cases/tui-shui/#bs-%E4%B8%BB%E8%A6%81%E5%81%9A%E6%B3%95"
    published = [p for p in public.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml", ".txt", ".js")]
    hidden = ("mi-qin", "密勤先锋", "守口如瓶", "fu-pan", "红帆内部复盘", "nei-bu", "连心桥内部记录", "bs-brand:")
    assert not [(str(p), word) for p in published for word in hidden if word.encode() in p.read_bytes()]
    index = all_index_bytes(public).decode("utf-8", "ignore").replace("\u200b", "")
    assert "红帆的清单" in index and not [word for word in hidden if word in index]

    internal = build_site(linked.root, audience="internal", extra_yml="use_directory_urls: false\n")
    page = (internal / "brands/lian-xin-qiao/index.html").read_text(encoding="utf-8")
    assert links(page)["红帆"] == "../xi-hu-hong-fan/index.html"
    assert links(page)["红帆的清单"] == "../xi-hu-hong-fan/cases/tui-shui.html#bs-%E4%B8%BB%E8%A6%81%E5%81%9A%E6%B3%95"
    case = (internal / "brands/lian-xin-qiao/cases/nei-bu.html").read_text(encoding="utf-8")
    assert (links(case)["那个支部"], links(case)["复盘"]) == ("../../mi-qin/index.html", "../../xi-hu-hong-fan/cases/fu-pan.html")


def test_a_page_is_read_once_for_the_sections_many_links_name(tree, monkeypatch):
    """Each link's #section had the linked page's texts rendered and searched for headings anew: a
    story's thousands of such links to one long page held the check (30,000 took 40 s, 11 s without
    the sections); the page's headings are read once a check."""
    from brandsite.content import brand_links

    read = []
    monkeypatch.setattr(brand_links, "_texts", lambda src, cases: read.append(src.slug) or _texts(src, cases))
    write_brand(tree, "xi-hu-hong-fan", {"name: 连心桥": "name: 西湖红帆"})
    counts = []
    for n in (1, 40):
        read.clear()
        write_brand(tree, "lian-xin-qiao", files={"story.md": "# 故事\n\n" + "\n\n".join(f"见[红帆](../xi-hu-hong-fan/#没有{i})。" for i in range(n))})
        assert sum("找不到这个小标题" in p.message for p in check(tree)[1]) == n
        counts.append(read.count("xi-hu-hong-fan"))
    assert counts[0] == counts[1], counts
