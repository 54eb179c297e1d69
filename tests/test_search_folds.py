"""Cases are indexed inside their brand's Pagefind record, not as pages of their own.

Every indexed page costs every visitor bytes before the first query (Pagefind's
meta file lists them all), so at 10,000 brands a record per case page breaks
the 300 KB budget. The browser side (case links under the brand's result) is
in tests/browser/test_search.py.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from tests.conftest import build_site
from tests.test_search import fragments

from brandsite.site import pages, search


@pytest.fixture
def built(tree):
    tree.brand()
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育"})
    tree.write("lian-xin-qiao/cases/nei-bu.md", "---\ntitle: 只给内部看的案例\ndate: 2023-07-01\n"
               "visibility: internal\n---\n机要室的党员整理档案。\n")
    return build_site(tree.root)


def test_case_text_lives_in_the_brand_record_under_its_own_heading(built):
    records = fragments(built)
    assert not [u for u in records if "/cases/" in u]
    brand = records["/brands/lian-xin-qiao/"]
    text = brand["content"].replace("\u200b", "")
    assert "示范岗的党员梳理出一张清单,三天内帮企业办结退税" in text  # the case body
    anchor = next(a for a in brand["anchors"] if a["id"] == "bs-case-tui-shui")
    assert anchor["text"] == "一张清单解决企业退税难题" and anchor["element"] == "h2"
    assert brand["meta"]["cases"] == "tui-shui=cases/tui-shui/"
    # the brand's own meta and filters win over the case page's
    assert brand["meta"]["title"] == "连心桥"
    assert brand["filters"]["stage"] == ["命名"]
    # the name variants come last, after a heading of their own, not inside the case
    assert brand["anchors"][-1]["id"] == "bs-search-terms"
    # ... 党 支 部 (the organization's characters), then the name's pinyin and the hidden words (search_terms.py)
    tail = text[text.rindex("示范岗的党员"):]
    assert tail.index("党 支 部") < tail.index("lianxinqiao") < tail.rindex("0x")
    # the internal case is neither a page nor in the index
    assert "机要室" not in text and not (built / "brands/lian-xin-qiao/cases/nei-bu").exists()
    assert records["/brands/hong-qiao/"]["meta"].get("cases") is None


def test_visitor_files_are_unchanged_and_no_mirror_is_left(built):
    case = (built / "brands/lian-xin-qiao/cases/tui-shui/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in case and "bs-more-cases" not in case
    brand = (built / "brands/lian-xin-qiao/index.html").read_text(encoding="utf-8")
    assert "bs-search-case" not in brand and "bs-case-tui-shui" not in brand
    assert not list(built.parent.glob(".bs-search-*"))


CASE_PAGE = """<html><body><nav>站点导航</nav><div class="md-content"><div class="bs-search-body" data-pagefind-body>
<nav class="bs-crumbs" data-pagefind-ignore aria-label="位置"><a href="../../../">品牌展示</a> › 典型案例</nav>
<header class="bs-case-head"><a class="bs-case-head__brand" href="../../"><span>连心桥</span></a>
<h1>清单办结退税 <span class="bs-chip bs-chip--internal">内部</span></h1>
<p class="bs-case-head__meta"><time>2023-06-18</time> · 青禾区政务服务中心党支部</p></header>
<div class="admonition"><h2 id="_1">做法</h2><p data-pagefind-weight="3">三天办结。</p></div>
<h2 id="bs-more-cases">其他案例</h2><div class="bs-cases"><a class="bs-case-card">别的案例标题</a></div>
<div class="bs-search-data" hidden><span data-pagefind-meta="brand:连心桥"></span></div>
</div></div><footer>页脚</footer></body></html>"""

BRAND_PAGE = """<html><body><div class="bs-search-body" data-pagefind-body>
<h1>连心桥</h1><div><p>理念</p></div>
<div class="bs-search-data" hidden><span data-pagefind-filter="stage:命名"></span>
<p class="bs-search-terms" data-pagefind-weight="8">连心桥 心桥</p>
</div>
</div><footer>页脚</footer></body></html>"""


def test_fold_cases_keeps_the_case_and_drops_the_page_around_it():
    html = search.fold_cases(BRAND_PAGE, [("tui-shui", "cases/tui-shui/", CASE_PAGE)])
    start, end = search.region(html)
    inner = html[start:end]
    assert html[end:].startswith("</div><footer>")  # appended inside the content region
    section = inner[inner.index('<section class="bs-search-case">'):inner.index("</section>")]
    assert section.startswith('<section class="bs-search-case"><h2 id="bs-case-tui-shui">清单办结退税</h2>')
    assert "<h2>做法</h2>" in section and "三天办结" in section  # ids and weights of the case dropped
    assert "data-pagefind" not in section and 'id="_1"' not in section
    for gone in ("品牌展示", "别的案例标题", "青禾区政务服务中心党支部", "<span>连心桥</span>", "内部", "站点导航", "页脚"):
        assert gone not in section, gone
    assert 'data-pagefind-meta="cases:tui-shui=cases/tui-shui/"' in inner
    # name variants moved behind the cases, under their own heading
    assert inner.index('<h6 id="bs-search-terms">·</h6><p class="bs-search-terms"') > inner.index("</section>")
    assert inner.count('class="bs-search-terms"') == 1
    alone = search.fold_cases(BRAND_PAGE, [])
    assert "bs-search-case" not in alone and "data-pagefind-meta=\"cases:" not in alone
    assert alone.index('<h6 id="bs-search-terms">') > alone.index("<p>理念</p>")


def test_fold_cases_drops_case_cards_and_partner_cards_from_the_brand_record():
    page = BRAND_PAGE.replace("<div><p>理念</p></div>", '<div class="bs-cases"><a class="bs-case-card"><span>清单办结退税</span></a></div>'
                              '<h2 id="共建对子">共建对子</h2><div class="bs-grid bs-grid--small"><a class="bs-card"><div>红桥</div></a></div><p>之后</p>')
    html = search.fold_cases(page, [])
    assert "bs-case-card" not in html and "红桥" not in html
    assert '<h2 id="共建对子">共建对子</h2><p>之后</p>' in html


def test_region_finds_the_matching_close_of_nested_elements():
    html = '<div a><div data-pagefind-body><div><div>x</div></div>y</div>z</div>'
    start, end = search.region(html)
    assert html[start:end] == "<div><div>x</div></div>y"
    assert search.region("<p>no body</p>") is None


@pytest.mark.parametrize("directory_urls,brand_file,case_file,case_url", [
    (True, "brands/x/index.html", "brands/x/cases/y/index.html", "cases/y/"),
    (False, "brands/x/index.html", "brands/x/cases/y.html", "cases/y.html"),
])
def test_folds_follow_the_site_urls(directory_urls, brand_file, case_file, case_url):
    brand = SimpleNamespace(slug="x", cases=[SimpleNamespace(slug="y")])
    folds = search.folds([brand], pages.Site("brands", directory_urls))
    assert folds == {brand_file: [("y", case_file)]}
    assert search._relative(case_file, brand_file) == case_url


def test_summary_folds_keep_title_and_summary_but_not_the_text():
    page = CASE_PAGE.replace("</header>", '<p class="bs-case-head__summary">一张清单三天办结。</p></header>')
    full = search.fold_cases(BRAND_PAGE, [("tui-shui", "cases/tui-shui/", page)])
    short = search.fold_cases(BRAND_PAGE, [("tui-shui", "cases/tui-shui/", page)], full=False)
    for html in (full, short):
        assert '<h2 id="bs-case-tui-shui">清单办结退税</h2>' in html and "一张清单三天办结" in html
    assert "三天办结。</p></div>" in full and "做法" in full
    assert "做法" not in short and "三天办结。</p></div>" not in short


@pytest.mark.parametrize("setting,brands,full", [
    ("auto", 3000, True), ("auto", 3001, False), ("full", 10000, True), ("summary", 10, False),
])
def test_case_text_setting(setting, brands, full):
    assert search.case_text(setting, brands) is full
