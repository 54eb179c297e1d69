"""Pagefind search in a real browser, against the built sample site.

RECALL lists Chinese queries and the brands they must find near the top:
whole names, parts of names, organizations, words from the connotation and
the cases, categories, and traditional characters. The queries go through
the same code as the header box (window.brandsiteSearch in search.js).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from tests.browser.conftest import DESKTOP, screenshot, wait_until
from tests.conftest import CONNOTATION
from tests.golden import CULTIVATED

TOP = 5

# (query, slugs of which at least one must be among the first TOP results, kind)
RECALL = [
    # whole brand names: the brand page itself comes first
    ("白衣守望", ["bai-yi-shou-wang"], "name"),
    ("茶山启明", ["cha-shan-qi-ming"], "name"),
    ("红烛育苗", ["hong-zhu-yu-miao"], "name"),
    ("匠心红炉", ["jiang-xin-hong-lu"], "name"),
    ("净土卫士", ["jing-tu-wei-shi"], "name"),
    ("链上先锋", ["lian-shang-xian-feng"], "name"),
    ("邻里红盏", ["lin-li-hong-zhan"], "name"),
    ("麦穗红", ["mai-sui-hong"], "name"),
    ("心桥驿站", ["xin-qiao-yi-zhan"], "name"),
    ("云端港湾", ["yun-duan-gang-wan"], "name"),
    # part of a name, also from the middle or the end
    ("红盏", ["lin-li-hong-zhan"], "part"),
    ("里红盏", ["lin-li-hong-zhan"], "part"),
    ("守望", ["bai-yi-shou-wang"], "part"),
    ("启明", ["cha-shan-qi-ming"], "part"),
    ("穗红", ["mai-sui-hong"], "part"),
    ("灯塔", ["xin-tu-deng-ta"], "part"),
    ("渔火", ["yu-huo-xian-feng"], "part"),
    ("心红炉", ["jiang-xin-hong-lu"], "part"),
    # organizations, whole and in part
    ("云岭县人民医院党委", ["bai-yi-shou-wang"], "org"),
    ("东湖市第七中学党总支", ["hong-zhu-yu-miao"], "org"),
    ("云岭县云雾茶业有限公司党支部", ["cha-shan-qi-ming"], "org"),
    ("东湖市湾口镇渔港村党支部", ["yu-huo-xian-feng"], "org"),
    ("北岭监狱", ["xin-tu-deng-ta"], "org"),
    ("临港物流园区", ["yun-duan-gang-wan"], "org"),
    ("柳荫社区", ["lin-li-hong-zhan"], "org"),
    # words inside the connotation and the cases
    ("禁毒", ["jing-tu-wei-shi"], "text"),
    ("胸痛门诊", ["bai-yi-shou-wang"], "text"),
    ("营业执照", ["xin-qiao-yi-zhan"], "text"),
    ("共享菜园", ["lin-li-hong-zhan"], "text"),
    ("快递小哥", ["yun-duan-gang-wan"], "text"),
    ("保底收购", ["cha-shan-qi-ming"], "text"),
    ("锻造裂纹", ["jiang-xin-hong-lu"], "text"),
    ("暗管排污", ["qing-yi-hu-he"], "text"),
    ("社会组织", ["yi-jia-tong-xing"], "text"),
    # categories
    ("医疗卫生", ["bai-yi-shou-wang"], "category"),
    ("政法", ["jing-tu-wei-shi", "xin-tu-deng-ta"], "category"),
    ("学校", ["hong-zhu-yu-miao"], "category"),
    # traditional characters
    ("鄰里紅盞", ["lin-li-hong-zhan"], "traditional"),
    ("麥穗紅", ["mai-sui-hong"], "traditional"),
    ("心橋驛站", ["xin-qiao-yi-zhan"], "traditional"),
    ("里紅盞", ["lin-li-hong-zhan"], "traditional"),
    # a word inside a longer word of the text (产业链上下游, 五个工作日内, 组织生活会)
    ("下游", ["lian-shang-xian-feng"], "inner word"),
    ("上下游", ["lian-shang-xian-feng"], "inner word"),
    ("工作日", ["xin-qiao-yi-zhan"], "inner word"),
    ("组织生活", ["xin-qiao-yi-zhan"], "inner word"),
    ("一盏灯", ["xin-tu-deng-ta", "lin-li-hong-zhan"], "inner word"),
    # pinyin of the name (not of the slug): full, spaced, a prefix; initials
    ("linlihongzhan", ["lin-li-hong-zhan"], "pinyin"),
    ("lin li hong zhan", ["lin-li-hong-zhan"], "pinyin"),
    ("linlihong", ["lin-li-hong-zhan"], "pinyin"),
    ("maisuihong", ["mai-sui-hong"], "pinyin"),
    ("llhz", ["lin-li-hong-zhan"], "initials"),
    ("msh", ["mai-sui-hong"], "initials"),
    # typed in a Chinese input method's full-width mode, or with the tone marks
    ("ＬＬＨＺ", ["lin-li-hong-zhan"], "initials"),
    ("lín lǐ hóng zhǎn", ["lin-li-hong-zhan"], "pinyin"),
    ("xqyz", ["xin-qiao-yi-zhan"], "initials"),
    # heteronyms: 一家同行 is yijiatonghang in context, and may be read tongxing
    ("yijiatonghang", ["yi-jia-tong-xing"], "heteronym"),
    ("yijiatongxing", ["yi-jia-tong-xing"], "heteronym"),
    ("yjtx", ["yi-jia-tong-xing"], "heteronym"),
    ("yi jia tong xing", ["yi-jia-tong-xing"], "heteronym"),
]


def search(page, query: str, filters: dict | None = None, limit: int = 10) -> list[dict]:
    return page.evaluate("([q, f, n]) => window.brandsiteSearch.search(q, f, n)", [query, filters or {}, limit])


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(base_url)
    wait_until(page, "window.brandsiteSearch")
    yield page
    context.close()


def test_recall_covers_every_kind_of_query():
    kinds = {kind for _, _, kind in RECALL}
    assert len(RECALL) >= 30
    assert kinds == {"name", "part", "org", "text", "category", "traditional", "inner word", "pinyin", "initials",
                     "heteronym"}


@pytest.mark.parametrize("query,slugs,kind", RECALL, ids=[q for q, _, _ in RECALL])
def test_query_finds_brand(search_page, query, slugs, kind):
    results = search(search_page, query, limit=TOP)
    urls = [r["url"] for r in results]
    if kind in ("name", "part", "traditional", "pinyin", "initials", "heteronym"):
        # the brand page itself, first
        assert urls and urls[0] == f"/brands/{slugs[0]}/", (query, urls)
    else:
        assert any(u.startswith(f"/brands/{s}/") for u in urls for s in slugs), (query, urls)


def test_internal_brand_is_not_found_in_the_public_site(search_page):
    assert [r for r in search(search_page, "清风审计") if "qing-feng-shen-ji" in r["url"]] == []
    assert [r for r in search(search_page, "审计局") if "qing-feng-shen-ji" in r["url"]] == []


def test_filters_narrow_results(search_page):
    results = search(search_page, "党员", {"category": "农村"}, limit=20)
    assert results and {r["url"].split("/")[2] for r in results} <= {"mai-sui-hong", "yu-huo-xian-feng"}
    only_filters = search(search_page, None, {"stage": "示范"}, limit=20)
    assert {r["url"] for r in only_filters} == {"/brands/bai-yi-shou-wang/", "/brands/xin-qiao-yi-zhan/", "/brands/xin-tu-deng-ta/"}


def test_brand_result_excerpt_is_not_the_hidden_name_variants(search_page):
    [first, *_] = search(search_page, "启明")
    assert first["url"] == "/brands/cha-shan-qi-ming/"
    assert "啓" not in first["excerpt"] and "山启明 启明" not in first["excerpt"]


def ready(page) -> None:
    page.wait_for_selector("[data-bs-search][data-bs-ready]", state="attached")


# The header box shows all it will for its query: LIMIT (8) results and a link to the rest.
ALL_SHOWN = """() => {
  const m = /找到 (\\d+) 个结果/.exec(document.querySelector('.md-search-result__meta').textContent);
  return !!m && document.querySelectorAll('.md-search-result__list > li').length === Math.min(+m[1], 8) + (+m[1] > 8 ? 1 : 0);
}"""


def header_results(page) -> list[str]:
    return page.eval_on_selector_all(".md-search-result__list a", "els => els.map(a => new URL(a.href).pathname)")


def test_arrow_keys_do_not_wrap_round_while_the_last_results_are_coming(page, base_url):
    """The header shows three results first and the rest when the page is idle: ArrowDown past
    the third went back to the first, and ArrowUp from none chose the third, as if it were the
    last. Here the page is never idle, so the rest never comes."""
    page.add_init_script("window.requestIdleCallback = () => 0;")
    page.goto(base_url)
    ready(page)
    page.click(".md-search__input")
    page.keyboard.insert_text("党员")
    wait_until(page, "document.querySelectorAll('.md-search-result__list > li').length === 3"
                     " && /找到 \\d+ 个结果/.test(document.querySelector('.md-search-result__meta').textContent)")
    count = page.locator(".md-search-result__list a").count()
    for _ in range(count + 2):
        page.keyboard.press("ArrowDown")
    chosen = page.eval_on_selector_all(".md-search-result__list a", "els => els.findIndex(a => a.classList.contains('bs-search-active'))")
    assert chosen == count - 1, (chosen, count)
    page.keyboard.press("Escape")
    page.click(".md-search__input")
    page.keyboard.press("ArrowUp")
    chosen = page.eval_on_selector_all(".md-search-result__list a", "els => els.findIndex(a => a.classList.contains('bs-search-active'))")
    assert chosen != count - 1 or count == 1, (chosen, count)


def test_header_search_types_navigates_with_keys_and_survives_instant_navigation(page, base_url):
    page.goto(base_url + "stats/")  # a hand-written page far from the brands
    ready(page)
    page.click(".md-search__input")
    page.keyboard.type("红盏")
    wait_until(page, "document.querySelectorAll('.md-search-result__list a').length > 0")
    assert header_results(page)[0] == "/brands/lin-li-hong-zhan/"
    item = page.locator(".md-search-result__list li").first
    assert item.locator("img.bs-search-logo").get_attribute("src").endswith("/brands/lin-li-hong-zhan/logo.svg")
    assert "社区" in item.inner_text()
    screenshot(page, "search-header")
    page.keyboard.press("ArrowDown")
    assert page.locator(".md-search-result__link.bs-search-active").count() == 1
    # the chosen result is the box's active option for a screen reader
    chosen = page.get_attribute(".md-search__input", "aria-activedescendant")
    assert chosen and page.get_attribute(f"#{chosen}", "role") == "option" and page.get_attribute(f"#{chosen}", "aria-selected") == "true"
    assert page.get_attribute(f"#{chosen}", "href").endswith("/brands/lin-li-hong-zhan/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/brands/lin-li-hong-zhan/")
    assert page.locator("h1").first.inner_text().startswith("邻里红盏")
    assert not page.is_checked("#__search")
    # after an instant navigation the box still searches
    page.click(".md-search__input")
    page.fill(".md-search__input", "灯塔")
    wait_until(page, "[...document.querySelectorAll('.md-search-result__list a')].some(a => a.href.includes('xin-tu-deng-ta'))")
    # Tab into the list: the focused result alone is marked as chosen
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.md-search-result__list') && document.activeElement.id")
    marked = page.eval_on_selector_all(".md-search-result__link.bs-search-active", "els => els.map(a => a.id)")
    assert focused and marked == [focused], (focused, marked)
    page.focus(".md-search__input")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")
    assert page.get_attribute(".md-search__input", "aria-expanded") == "false"
    assert page.get_attribute(".md-search__input", "aria-activedescendant") is None
    page.click(".md-search__input")  # the results are shown again, and said to be
    assert page.get_attribute(".md-search__input", "aria-expanded") == "true"
    # a result with its cases' links: each link is an option of its own, the chosen one alone selected
    page.fill(".md-search__input", "胸痛门诊")
    wait_until(page, "document.querySelectorAll('.md-search-result__list a.bs-search-case').length > 0")
    for _ in range(2):
        page.keyboard.press("ArrowDown")
    chosen = page.get_attribute(".md-search__input", "aria-activedescendant")
    selected = page.eval_on_selector_all("[role=option][aria-selected=true]", "els => els.map(e => e.id)")
    assert selected == [chosen] and "bs-search-case" in page.get_attribute(f"#{chosen}", "class"), (chosen, selected)
    assert page.locator(".md-search-result__list [role=option]").count() == page.locator(".md-search-result__list a").count()
    page.watch.assert_clean()


def test_header_search_waits_for_the_input_method_to_commit(page, base_url):
    """While a pinyin input method composes, the box holds letters (dang): no search for them.
    The committed word searches at once."""
    page.goto(base_url)
    ready(page)
    page.click(".md-search__input")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": "dang", "selectionStart": 4, "selectionEnd": 4})
    assert page.input_value(".md-search__input") == "dang"
    page.wait_for_timeout(400)
    meta = page.locator(".md-search-result__meta")
    assert "结果" not in meta.inner_text() and header_results(page) == []
    cdp.send("Input.insertText", {"text": "党员"})
    assert page.input_value(".md-search__input") == "党员"
    wait_until(page, "document.querySelectorAll('.md-search-result__list a').length > 0")
    assert meta.inner_text().startswith("找到")
    page.watch.assert_clean()


def test_enter_without_selection_opens_the_results_page(page, base_url):
    page.goto(base_url)
    ready(page)
    page.keyboard.press("/")
    assert page.is_checked("#__search")
    page.keyboard.type("党员")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["党员"]
    wait_until(page, "document.querySelectorAll('[data-bs-search-results] a').length > 0")
    page.watch.assert_clean()


def test_results_page_deep_link_and_filters(page, base_url):
    page.goto(base_url + "search/?q=党员&category=社区")
    wait_until(page, "document.querySelectorAll('[data-bs-search-results] a').length > 0")
    assert page.input_value(".bs-search-page__input") == "党员"
    assert page.input_value("select[name=category]") == "社区"
    urls = page.eval_on_selector_all("[data-bs-search-results] a", "els => els.map(a => new URL(a.href).pathname)")
    assert urls and all(u.startswith("/brands/lin-li-hong-zhan/") for u in urls), urls
    # one h1, the page's: each result's title an h2 under it, its cases' h3 (the header's list keeps Material's h1)
    assert page.locator("h1").count() == 1
    levels = page.eval_on_selector_all("[data-bs-search-results] a", "els => els.map(a => a.querySelector('h1, h2, h3, h4').localName)")
    assert levels[0] == "h2" and set(levels) <= {"h2", "h3"}, levels
    for name in ("category", "stage", "region", "year"):
        assert page.locator(f"select[name={name}] option").count() > 1, name
    # categories and stages in the site's order, as the gallery lists them (not by character code)
    stages = page.eval_on_selector_all("select[name=stage] option", "os => os.slice(1).map(o => o.value)")
    from brandsite.content.model import STAGES
    assert stages == [s for s in STAGES if s in stages], stages
    cats = page.eval_on_selector_all("select[name=category] option", "os => os.slice(1).map(o => o.value)")
    from brandsite.content.model import DEFAULT_CATEGORIES
    assert cats == [c for c in DEFAULT_CATEGORIES if c in cats], cats
    page.select_option("select[name=category]", "")
    page.select_option("select[name=year]", "2019")
    wait_until(page, "new URL(location.href).searchParams.get('year') === '2019'")
    wait_until(page, "[...document.querySelectorAll('[data-bs-search-results] a')].every(a => !a.href.includes('lin-li-hong-zhan/'))")
    assert "category" not in parse_qs(urlsplit(page.url).query)
    screenshot(page, "search-page")
    page.watch.assert_clean()


def test_a_region_on_the_results_page_holds_the_regions_named_inside_it(page, base_url):
    """东湖市 finds the brand of 东湖市湾口镇 as well (it was left out), as the gallery's filter does,
    and its option counts both; 东湖市湾口镇 alone finds that brand alone."""
    page.goto(base_url + "search/?region=东湖市")
    wait_until(page, "document.querySelectorAll('[data-bs-search-results] a').length > 0"
                     " && document.querySelectorAll('select[name=region] option').length > 1")
    urls = page.eval_on_selector_all("[data-bs-search-results] > li > a:first-child", "els => els.map(a => new URL(a.href).pathname)")
    assert "/brands/yu-huo-xian-feng/" in urls and "/brands/xin-tu-deng-ta/" in urls, urls
    assert len([u for u in urls if u.count("/") == 3]) == 7, urls   # six of 东湖市 (one is internal), one of its town
    label = page.eval_on_selector("select[name=region]", "s => s.options[s.selectedIndex].textContent")
    assert label == "东湖市(7)", label
    page.select_option("select[name=region]", "东湖市湾口镇")
    wait_until(page, "[...document.querySelectorAll('[data-bs-search-results] > li > a:first-child')].length === 1")
    assert page.eval_on_selector("[data-bs-search-results] a", "a => new URL(a.href).pathname") == "/brands/yu-huo-xian-feng/"
    page.watch.assert_clean()


def test_a_word_the_browser_splits_into_characters_finds_the_page_with_it_first(search_page):
    """The browser splits 共建对子 into four characters, and brands with words starting
    with each of them match too; the cluster page whose intro has the word comes first."""
    found = search(search_page, "共建对子")
    assert found and found[0]["title"] == "青禾先锋矩阵", found


def test_pinyin_finds_brands_not_other_pages(search_page):
    """Only brand names are indexed in pinyin: shujukanban (数据看板) finds no other page."""
    found = search(search_page, "shujukanban")
    assert all(r["url"].startswith("/brands/") for r in found), found


@pytest.mark.parametrize("query,slug,word", [("網格員", "xin-qiao-yi-zhan", "网格员"), ("營業執照", "xin-qiao-yi-zhan", "营业执照"),
                                             ("鍛造裂紋", "jiang-xin-hong-lu", "锻造裂纹")])
def test_a_word_typed_in_traditional_characters_finds_and_marks_the_simplified_text(search_page, page, base_url,
                                                                                  query, slug, word):
    """The text says 网格员; a visitor types 網格員 (pagefind/simplified.json maps the characters
    the text never uses): whole results, not partial ones, the word marked in the excerpt."""
    found = search(search_page, query, limit=TOP)
    assert found and not any(r["partial"] for r in found), found
    hit = next(r for r in found if r["url"].startswith(f"/brands/{slug}/"))
    shown = hit["excerpt"] + "".join(c["title"] for c in hit["cases"])
    assert word in shown.replace("<mark>", "").replace("</mark>", "").replace("\u200b", ""), hit
    page.goto(base_url + "search/?q=" + query)
    wait_until(page, "document.querySelectorAll('[data-bs-search-results] a').length > 0")
    assert page.inner_text("[data-bs-search-status]").startswith("共 "), page.inner_text("[data-bs-search-status]")


def test_results_that_hold_only_part_of_a_query_others_hold_whole_are_marked(search_page, page, base_url):
    """志愿服务 is in two brands' text: they come first; the brands after them found by 志愿 or
    服务 alone were listed as if they held it too. Each is marked, for this query only."""
    found = search(search_page, "志愿服务")
    assert found and not found[0]["partOnly"] and not any(r["partial"] for r in found), found
    marked = [r for r in found if r["partOnly"]]
    assert marked and all("志愿服务" not in r["excerpt"].replace("<mark>", "").replace("</mark>", "") for r in marked), found
    assert not any(r["partOnly"] for r in search(search_page, marked[0]["title"]))  # the next query: its own marks
    page.goto(base_url + "search/?q=志愿服务")
    wait_until(page, "document.querySelectorAll('[data-bs-search-results] a').length > 0")
    kickers = page.eval_on_selector_all("[data-bs-search-results] .bs-search-kicker", "els => els.map(e => e.textContent)")
    assert any(k.endswith("只含部分文字") for k in kickers) and not kickers[0].endswith("只含部分文字"), kickers


def test_every_result_that_holds_only_part_of_the_query_is_marked_not_only_the_first_five(search_page, page,
                                                                                           base_url, sample_site):
    """Only the first five results were looked at: the sixth and later ones, found by 老 or 党员
    alone, were listed unmarked, in the header box and on the results page."""
    found = search(search_page, "老党员", limit=20)
    assert len(found) >= 8, found

    def holds(url: str) -> bool:
        folder = sample_site / url.strip("/")
        return any("老党员" in p.read_text(encoding="utf-8") for p in [folder / "index.html", *folder.glob("cases/*/index.html")])

    assert [r["partOnly"] for r in found] == [not holds(r["url"]) for r in found], found
    assert sum(r["partOnly"] for r in found[5:]) >= 2, found
    # those holding it first: one beyond the first five came after marked ones (为企业: ninth, after five)
    for query in ("老党员", "为企业"):
        marks = [r["partOnly"] for r in search(search_page, query, limit=10)]
        assert marks == sorted(marks) and True in marks, (query, marks)
    page.goto(base_url)
    ready(page)
    page.click(".md-search__input")
    page.keyboard.insert_text("老党员")
    wait_until(page, "document.querySelectorAll('.md-search-result__list > li').length >= 8")
    items = page.eval_on_selector_all(".md-search-result__list > li:not(.bs-search-more)", """els => els.map(li => [
        new URL(li.querySelector('a').href).pathname, li.textContent.includes('只含部分文字')])""")
    assert [marked for _, marked in items] == [not holds(url) for url, _ in items], items


@pytest.mark.parametrize("query,same", [("服務", "服务"), ("社區", "社区")])
def test_a_traditional_query_finds_the_same_first_in_a_visit_as_later(page, base_url, query, same):
    """服務 as a visit's first query found one brand (named nearly so) and stopped there; once the
    traditional map had come with a later query, it found what 服务 finds: the same link gave
    another list later in the visit. The map (pagefind/simplified.json) comes with the engine,
    once, and every Chinese query waits for it."""
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(base_url)
    wait_until(page, "window.brandsiteSearch")
    first = [r["url"] for r in search(page, query)]
    assert search(page, query + "化") is not None and search(page, "党员")
    assert first == [r["url"] for r in search(page, query)] == [r["url"] for r in search(page, same)] and len(first) > 3, first
    assert len([u for u in fetched if u.endswith("pagefind/simplified.json")]) == 1, fetched


def test_results_holding_only_part_of_the_query_say_so(search_page, page, base_url):
    """No page holds 火箭发射: the pages with 火 or 发 come, marked as partial, and the
    results page says they hold only part of it; a query found whole is not marked."""
    found = search(search_page, "火箭发射")
    assert found and all(r["partial"] for r in found), found
    whole = search(search_page, "党员")
    assert whole and not any(r["partial"] for r in whole), whole
    page.goto(base_url + "search/?q=火箭发射")
    wait_until(page, "document.querySelectorAll('[data-bs-search-results] a').length > 0")
    assert page.inner_text("[data-bs-search-status]").startswith("没有找到包含“火箭发射”全部文字的结果")
    # a pasted paragraph is quoted by its first 20 characters, not whole (300 characters in one line)
    pasted = "火箭发射场旁边的社区把一百八十二名在册党员编入二十八个楼栋党小组" * 4
    page.goto(base_url + "search/?q=" + pasted)
    wait_until(page, "document.querySelector('[data-bs-search-status]').textContent.startsWith('没有找到包含')")
    assert page.inner_text("[data-bs-search-status]").startswith(f"没有找到包含“{pasted[:20]}…”全部文字的结果")
    # an excerpt window that starts after a label (创建年份：2017 年) does not start with its colon
    excerpts = page.eval_on_selector_all("[data-bs-search-results] .bs-search-excerpt", "els => els.map(e => e.textContent)")
    assert excerpts and not [e for e in excerpts if e[:1] in "：:,，.。、"], excerpts
    page.goto(base_url + "search/?q=党员")
    wait_until(page, "document.querySelectorAll('[data-bs-search-results] a').length > 0")
    assert page.inner_text("[data-bs-search-status]").startswith("共 ")
    ready(page)
    page.click(".md-search__input")
    page.fill(".md-search__input", "火箭发射")
    wait_until(page, "document.querySelectorAll('.md-search-result__list a').length > 0")
    meta = page.inner_text(".md-search-result__meta")
    assert meta.startswith("没有包含全部文字的结果，以下") and meta.endswith("个只含其中一部分"), meta  # as the results page says
    page.watch.assert_clean()


def test_excerpts_start_at_the_sentence_of_the_hit_and_say_where_text_is_cut(page, base_url):
    """Pagefind's window starts some words before the first hit, often inside the sentence
    before it (地里。村党总支……): the excerpt starts at the sentence that holds the hit; one that
    still starts or ends inside a sentence shows "…" there. A case's excerpt leaves out the case's
    title, shown above it, when a hit comes after it. One that would end a few characters into the
    next sentence or label ends at the stop."""
    shown = {}
    for query in ("党员", "老人", "菜园", "党委"):
        page.goto(base_url + f"search/?q={query}")
        wait_until(page, "document.querySelectorAll('[data-bs-search-results] .bs-search-excerpt mark').length > 0")
        shown[query] = page.eval_on_selector_all("[data-bs-search-results] .bs-search-excerpt", "els => els.map(e => e.innerHTML)")
    for query, excerpts in shown.items():
        for html in excerpts:
            assert not re.search(r"[\u4e00-\u9fff](</mark>)?\. ", html), html  # Pagefind's ". " between blocks: 。
            before = html.split("<mark>")[0]
            after = html[len(before):].replace("<mark>", "").replace("</mark>", "")
            assert not any(end in before for end in "。！？") or len(after) < 16, (query, html)
            # nor end a few characters into the next sentence or label (…党委。类别)
            assert not re.search(r"[。！？][^。！？<>…]{1,6}$", html), (query, html)
    assert any(e.startswith("村党总支连夜召开紧急会议") for e in shown["党员"]), shown["党员"]  # not 地里。村党总支
    assert any(e.startswith("…先收留守<mark>老人</mark>") for e in shown["老人"]), shown["老人"]
    assert any(e.endswith("…") for e in shown["老人"]), shown["老人"]
    assert any(e.startswith("一处堆了多年杂物的空地") for e in shown["菜园"]), shown["菜园"]  # not …变成了共享菜园.
    assert not any("变成了共享" in e for e in shown["菜园"]), shown["菜园"]
    page.watch.assert_clean()


def test_a_block_ending_in_a_bracket_after_chinese_ends_with_a_chinese_stop(page, base_url):
    """Pagefind's ". " after a metric's "(2024 年)" showed as "年). 创建档案": 。 as after Chinese."""
    page.goto(base_url + "search/?q=解决难题")
    wait_until(page, "document.querySelectorAll('[data-bs-search-results] .bs-search-excerpt mark').length > 0")
    excerpts = page.eval_on_selector_all("[data-bs-search-results] .bs-search-excerpt", "els => els.map(e => e.innerHTML)")
    assert any("年）。" in e for e in excerpts), excerpts
    assert not [e for e in excerpts if re.search(r"[\u4e00-\u9fff][)）]?(</mark>)?\. ", e)], excerpts
    page.watch.assert_clean()


def test_phone_search_opens_and_finds(phone, base_url):
    phone.goto(base_url)
    ready(phone)
    phone.click("label.md-header__button[for=__search]")
    phone.fill(".md-search__input", "麦穗红")
    wait_until(phone, "document.querySelectorAll('.md-search-result__list a').length > 0")
    assert header_results(phone)[0] == "/brands/mai-sui-hong/"
    assert phone.locator(".md-search-result__list").is_visible()
    phone.watch.assert_clean()


@pytest.fixture(scope="module")
def shui_site(browser, tmp_path_factory):
    """A small site with the issue's example brand, 税连心, next to 连心桥."""
    from tests.browser.conftest import serve
    from tests.conftest import BrandTree, build_site

    tree = BrandTree(tmp_path_factory.mktemp("shui"))
    tree.brand()
    tree.brand("shui-lian-xin", case=False, **{"name: 连心桥": "name: 税连心", **CULTIVATED, "slogan: 连民心 解民忧": "slogan: 税惠千家 服务连心",
                                               "organization: 青禾区政务服务中心党支部": "organization: 东湖市税务局第一税务分局党支部"})
    # a slug that is not the name's pinyin, and a name of heteronyms (重 zhong/chong, 行 xing/hang)
    tree.brand("b-7", case=False, **{"name: 连心桥": "name: 重庆同行", **CULTIVATED, "slogan: 连民心 解民忧": "slogan: 一路同行",
                                     "organization: 青禾区政务服务中心党支部": "organization: 东湖市交通运输局机关党委"})
    # a name with markup characters: shown escaped, and its hidden variants still kept out of excerpts
    tree.brand("b-8", case=False, **{"name: 连心桥": "name: <红><星><驿><站>", **CULTIVATED, "slogan: 连民心 解民忧": "slogan: 星火相传",
                                     "organization: 青禾区政务服务中心党支部": "organization: 东湖市邮政分公司党支部"})
    # a brand written in traditional characters, found by what a visitor types in simplified ones
    tree.brand("b-9", case=False, **{
        "name: 连心桥": "name: 鄰里守望", **CULTIVATED, "slogan: 连民心 解民忧": "slogan: 守望相助",
        "organization: 青禾区政务服务中心党支部": "organization: 東湖市和平社區黨委",
        CONNOTATION: "“鄰里守望”由社區黨委牽頭,推行黨員樓棟長制度,每位樓棟長建立服務台賬,一戶一檔記錄獨居老人的需要,"
                     "做到小事不出樓棟、難事有人跟進、急事隨叫隨到,讓鄰里之間重新熟絡起來。"})
    # a name with digits and letters: its Chinese part is spelled on its own too
    tree.brand("b-10", case=False, **{"name: 连心桥": "name: 1+N产业联盟", **CULTIVATED, "slogan: 连民心 解民忧": "slogan: 链上共成长",
                                      "organization: 青禾区政务服务中心党支部": "organization: 东湖市经开区综合党委"})
    # a long name whose core is not its start: the core's pinyin finds it too
    tree.brand("b-11", case=False, **{"name: 连心桥": "name: 青石岭镇“红色田埂”乡村振兴先锋行动", **CULTIVATED,
                                      "slogan: 连民心 解民忧": "slogan: 田间地头有党旗",
                                      "organization: 青禾区政务服务中心党支部": "organization: 东湖市青石岭镇党委"})
    # a name that starts a longer one: its own pinyin and initials find it before the longer one
    tree.brand("b-12", case=False, **{"name: 连心桥": "name: 西湖红帆", **CULTIVATED, "slogan: 连民心 解民忧": "slogan: 红帆领航",
                                      "organization: 青禾区政务服务中心党支部": "organization: 东湖市西湖街道党工委"})
    tree.brand("b-13", case=False, **{"name: 连心桥": "name: 西湖红帆联盟", **CULTIVATED, "slogan: 连民心 解民忧": "slogan: 红帆聚力",
                                      "organization: 青禾区政务服务中心党支部": "organization: 东湖市西湖区商会党委"})
    server, url = serve(build_site(tree.root))
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(url)
    wait_until(page, "window.brandsiteSearch")
    yield page
    context.close()
    server.shutdown()


@pytest.mark.parametrize("query", ["税连心", "连心", "税连", "税連心", "稅連心", "連心", "第一税务分局", "东湖市税务局第一税务分局党支部"])
def test_part_of_a_name_and_traditional_find_shui_lian_xin(shui_site, query):
    urls = [r["url"] for r in search(shui_site, query, limit=TOP)]
    assert "/brands/shui-lian-xin/" in urls, (query, urls)
    if query not in ("连心", "連心"):  # 连心桥 shares 连心
        assert urls[0] == "/brands/shui-lian-xin/", (query, urls)


@pytest.mark.parametrize("query", ["楼栋", "楼栋长", "党员楼栋长", "服务台账", "党委", "和平社区", "樓棟長", "独居老人"])
def test_simplified_words_find_a_brand_written_in_traditional_characters(shui_site, query):
    urls = [r["url"] for r in search(shui_site, query, limit=TOP)]
    assert "/brands/b-9/" in urls, (query, urls)


@pytest.mark.parametrize("query,slugs", [("黨組織", ["lian-xin-qiao"]), ("服務", ["lian-xin-qiao", "b-9"])])
def test_traditional_words_a_traditional_brand_uses_find_the_simplified_brands_too(shui_site, query, slugs):
    """黨 and 務 are in a traditional brand's own text: they were not mapped to 党 and 务, so 黨組織 and
    服務 did not find the brands whose text says 党组织 and 服务 (names and organizations have their
    traditional spellings among their hidden words; the rest of the text has not)."""
    results = search(shui_site, query, limit=20)
    whole = [r["url"] for r in results if not r["partial"] and not r["partOnly"]]
    assert all(f"/brands/{slug}/" in whole for slug in slugs), (query, results)


@pytest.mark.parametrize("query,slug", [
    ("shuilianxin", "shui-lian-xin"), ("shui lian xin", "shui-lian-xin"), ("shuilian", "shui-lian-xin"),
    ("shu", "shui-lian-xin"), ("slx", "shui-lian-xin"),
    # the pinyin comes from the name, whatever the slug; every reading of a heteronym
    ("chongqingtongxing", "b-7"), ("zhongqingtonghang", "b-7"), ("chong qing tong hang", "b-7"),
    ("cqtx", "b-7"), ("zqth", "b-7"), ("chongqing", "b-7"),
    ("cylm", "b-10"), ("chanyelianmeng", "b-10"), ("1ncylm", "b-10"),
    # a part of the name from one of its words on: full pinyin, a prefix of it, initials; both readings
    ("hongsetiangeng", "b-11"), ("tiangeng", "b-11"), ("hstg", "b-11"), ("xianfeng", "b-11"), ("qingshiling", "b-11"),
    ("tongxing", "b-7"), ("tonghang", "b-7"),
    # the whole name's own spelling before a longer name it starts (西湖红帆 before 西湖红帆联盟)
    ("xihuhongfan", "b-12"), ("xi hu hong fan", "b-12"), ("xhhf", "b-12"),
    ("xihuhongfanlianmeng", "b-13"), ("xhhflm", "b-13"),
])
def test_pinyin_and_initials_of_a_name_find_the_brand_first(shui_site, query, slug):
    urls = [r["url"] for r in search(shui_site, query, limit=TOP)]
    assert urls and urls[0] == f"/brands/{slug}/", (query, urls)


def test_excerpt_of_a_name_with_markup_characters_is_not_the_hidden_variants(shui_site):
    [first, *_] = search(shui_site, "驿站", limit=TOP)
    assert first["url"] == "/brands/b-8/"
    assert "驛" not in first["excerpt"] and "&gt;&lt;" not in first["excerpt"], first["excerpt"]


def test_search_page_hints_at_words_pinyin_and_initials(page, base_url):
    page.goto(base_url + "search/")
    hint = page.locator(".bs-search-page__hint").inner_text()
    assert "拼音" in hint and "首字母" in hint and "词语" in hint and "名称" in hint
    page.fill(".bs-search-page__input", "xqyz")
    page.keyboard.press("Enter")
    wait_until(page, "document.querySelectorAll('[data-bs-search-results] a').length > 0")
    first = page.eval_on_selector("[data-bs-search-results] a", "a => new URL(a.href).pathname")
    assert first == "/brands/xin-qiao-yi-zhan/"
    page.watch.assert_clean()


def test_search_works_under_a_sub_path(browser, sample_site, tmp_path):
    from tests.browser.conftest import PageWatch, serve

    (tmp_path / "dangjian").symlink_to(sample_site, target_is_directory=True)
    server, url = serve(tmp_path)
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.watch = PageWatch(page, url)
    try:
        page.goto(url + "dangjian/brands/")
        ready(page)
        page.click(".md-search__input")
        page.keyboard.type("茶山启明")
        wait_until(page, "document.querySelectorAll('.md-search-result__list a').length > 0")
        assert header_results(page)[0] == "/dangjian/brands/cha-shan-qi-ming/"
        logo = page.locator(".md-search-result__list img.bs-search-logo").first.get_attribute("src")
        assert urlsplit(logo).path == "/dangjian/brands/cha-shan-qi-ming/logo.png"
        page.keyboard.press("Enter")
        page.wait_for_url("**/dangjian/search/?q=*")
        wait_until(page, "document.querySelectorAll('[data-bs-search-results] a').length > 0")
        page.watch.assert_clean()
    finally:
        context.close()
        server.shutdown()


# One wrong character in a brand name, at the start, in the middle and at the
# end (search.js `typo`): the brand comes first.
TYPOS = [
    ("百衣守望", "bai-yi-shou-wang"),
    ("白衣守旺", "bai-yi-shou-wang"),
    ("查山启明", "cha-shan-qi-ming"),
    ("茶山启名", "cha-shan-qi-ming"),
    ("林里红盏", "lin-li-hong-zhan"),
    ("邻里江盏", "lin-li-hong-zhan"),
    ("邻里红展", "lin-li-hong-zhan"),
    ("小桥驿站", "xin-qiao-yi-zhan"),
    ("心桥译站", "xin-qiao-yi-zhan"),
    ("麦穗虹", "mai-sui-hong"),
    ("匠新红炉", "jiang-xin-hong-lu"),
    ("净土为士", "jing-tu-wei-shi"),
    ("链上先峰", "lian-shang-xian-feng"),
]


@pytest.mark.parametrize("query,slug", TYPOS, ids=[q for q, _ in TYPOS])
def test_one_typo_in_a_name_still_finds_the_brand_first(search_page, query, slug):
    urls = [r["url"] for r in search(search_page, query, limit=TOP)]
    assert urls and urls[0] == f"/brands/{slug}/", (query, urls)


def test_a_word_from_a_case_finds_the_brand_and_links_the_case(search_page):
    [first, *_] = search(search_page, "共享菜园")
    assert first["url"] == "/brands/lin-li-hong-zhan/"
    assert first["cases"][0] == {"url": "/brands/lin-li-hong-zhan/cases/la-ji-jiao-bian-cai-yuan/", "title": "垃圾角变成了共享菜园"}
    # a name query shows the brand alone, not the cases that mention it in passing
    [brand, *_] = search(search_page, "白衣守望")
    assert brand["url"] == "/brands/bai-yi-shou-wang/" and brand["cases"] == []
    # 老人 in one case's title and in another's text: both cases, not only the one with the heavier title
    [found] = [r for r in search(search_page, "老人") if r["url"] == "/brands/mai-sui-hong/"]
    assert {c["url"].rsplit("/", 2)[-2] for c in found["cases"]} == {"nong-ji-dui-qiang-shou-lao-ren-tian", "san-xia-dai-geng-qiang-shou"}


def test_a_chinese_query_lists_only_the_cases_that_hold_it_with_it_marked(search_page, page, base_url):
    """网格员 is in 净土卫士's connotation and in one case of 心桥驿站. Pagefind also scored 净土卫士's
    case about a parcel depot (网点, 快递员) and the results listed it, its excerpt marking 网点
    and 员. Listed now: the cases whose own text holds the query, the query marked in each."""
    found = {r["url"]: r for r in search(search_page, "网格员")}
    assert found["/brands/jing-tu-wei-shi/"]["cases"] == [], found["/brands/jing-tu-wei-shi/"]
    assert [c["title"] for c in found["/brands/xin-qiao-yi-zhan/"]["cases"]] == ["帮办员陪着八旬老人办完待遇认证"]
    page.goto(base_url + "search/?q=网格员")
    wait_until(page, "document.querySelectorAll('[data-bs-search-results] a.bs-search-case').length > 0")
    excerpts = page.eval_on_selector_all("[data-bs-search-results] a.bs-search-case .bs-search-excerpt", "els => els.map(e => e.innerHTML)")
    assert excerpts and all("<mark>网格员</mark>" in e for e in excerpts), excerpts


def test_header_result_links_the_matching_case_page(page, base_url):
    page.goto(base_url)
    ready(page)
    page.click(".md-search__input")
    page.keyboard.type("胸痛门诊")
    wait_until(page, "document.querySelectorAll('.md-search-result__list a.bs-search-case').length > 0")
    case = page.locator(".md-search-result__list a.bs-search-case").first
    assert "胸痛门诊" in case.inner_text()
    # the query marked in the case's title, as in the excerpts (the title is text, escaped)
    assert case.locator("h2").inner_html() == "典型案例：下沉医生帮乡镇卫生院开起<mark>胸痛门诊</mark>"
    href = case.get_attribute("href")
    assert "/brands/bai-yi-shou-wang/cases/" in href
    screenshot(page, "search-case")
    case.click()
    page.wait_for_url("**/brands/bai-yi-shou-wang/cases/**")
    assert "胸痛门诊" in page.locator("h1").first.inner_text()
    page.watch.assert_clean()


def test_the_commonest_words_are_searched_ahead_once_results_are_shown(page, contexts, base_url, sample_site):
    """pagefind/common-words.json is not fetched before the visitor's first results; after them,
    each word is searched in idle time with its first results' fragments, so that typing one
    later downloads nothing from the index and shows the search kept from then: the same
    results as a page that searched nothing ahead. Results shown while the list is on its way
    (the visitor typed on) do not stop the warming."""
    import json

    words = json.loads((sample_site / "pagefind/common-words.json").read_text(encoding="utf-8"))["words"]
    assert len(words) == 5
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    held = []
    page.route("**/pagefind/common-words.json", lambda route: held.append(route))
    page.goto(base_url)
    ready(page)
    page.click(".md-search__input")
    page.wait_for_load_state("networkidle")
    assert not [p for p in fetched if p.endswith("common-words.json")]
    meta = page.locator(".md-search-result__meta")
    page.keyboard.type("灯")
    wait_until(page, "document.querySelectorAll('.md-search-result__list a').length > 0")
    for _ in range(200):  # the list is asked for once the first results are shown
        if held:
            break
        page.wait_for_timeout(25)
    assert len(held) == 1
    shown = meta.inner_text()
    page.keyboard.type("塔")  # typed on while the list is on its way: new results, then the list
    wait_until(page, f"document.querySelector('.md-search-result__meta').textContent !== {json.dumps(shown)}")
    held[0].continue_()
    # the header lists the words searched ahead so far
    wait_until(page, f"(document.querySelector('[data-bs-search]').dataset.bsWarmed || '') === {json.dumps(' '.join(words))}")
    page.wait_for_load_state("networkidle")
    before = len(fetched)
    page.fill(".md-search__input", words[0])
    wait_until(page, "document.querySelectorAll('.md-search-result__list a').length > 0"
                     f" && document.querySelector('.md-search__input').value === {json.dumps(words[0])}")
    page.wait_for_load_state("networkidle")
    assert [p for p in fetched[before:] if "/pagefind/" in p] == []
    wait_until(page, ALL_SHOWN)
    warmed = header_results(page)
    assert warmed
    page.watch.assert_clean()
    cold = contexts.page(**DESKTOP)
    cold.route("**/pagefind/common-words.json", lambda route: route.fulfill(json={"words": []}))
    cold.goto(base_url)
    ready(cold)
    cold.click(".md-search__input")
    cold.keyboard.insert_text(words[0])
    wait_until(cold, "document.querySelectorAll('.md-search-result__list a').length > 0")
    wait_until(cold, ALL_SHOWN)
    assert header_results(cold) == warmed


def test_a_new_query_does_not_wait_for_the_fragments_of_the_one_typed_past(page, base_url):
    """Pagefind searches run one at a time, but a search the visitor has typed past holds up
    the next one only while one of its Pagefind searches runs, not while the fragments of its
    results download (on a slow connection, or for a search made ahead in idle time). Here
    the first query's fragments are held back until the second query's results are shown."""
    page.route("**/pagefind/common-words.json", lambda route: route.fulfill(json={"words": []}))
    page.goto(base_url + "stats/")
    ready(page)
    page.click(".md-search__input")
    page.keyboard.type("红盏")  # loads the engine
    wait_until(page, "document.querySelectorAll('.md-search-result__list a').length > 0")
    held, hold = [], [True]
    page.route("**/pagefind/fragment/**", lambda route: held.append(route) if hold[0] else route.continue_())
    page.fill(".md-search__input", "白衣守望")
    for _ in range(400):
        if held:
            break
        page.wait_for_timeout(25)
    assert held, "the first query asked for no fragment"
    hold[0] = False
    page.fill(".md-search__input", "茶山启明")
    wait_until(page, "[...document.querySelectorAll('.md-search-result__list a')]"
                     ".some(a => a.href.includes('/cha-shan-qi-ming/'))", timeout=10_000)
    assert "/brands/bai-yi-shou-wang/" not in header_results(page)
    for route in held:
        route.continue_()
    page.watch.assert_clean()


def test_results_holding_none_of_a_word_pagefind_drops_are_partial(shui_site):
    """Pagefind drops a query word it finds nowhere (行星探测: no page has it) and answers a word it has
    not indexed with the words that start it: 一路同行 came back as a full match for 行星探测."""
    found = search(shui_site, "行星探测", limit=TOP)
    assert found and all(r["partial"] for r in found), found
    assert not any(r["partial"] for r in search(shui_site, "上门服务", limit=TOP))


@pytest.mark.parametrize("query,slug", [("上门服务", "lian-xin-qiao"), ("企业联盟", "b-10"), ("服务平台", "b-10")])
def test_an_excerpt_marks_the_query_whole_where_the_text_holds_it(shui_site, query, slug):
    """Pagefind marks the words of its index that matched (上门 and 服务 apart, or nothing for a word
    found by its hidden copy): the excerpt shows the text around the query, the query marked whole."""
    [first, *_] = search(shui_site, query, limit=TOP)
    assert first["url"] == f"/brands/{slug}/"
    assert f"<mark>{query}</mark>" in first["excerpt"].replace("\u200b", ""), first["excerpt"]



@pytest.mark.parametrize("query", ["svg", "logo", "brands", "cases", "tuishui"])
def test_addresses_answer_no_query(shui_site, query):
    """Pagefind searches meta values: with addresses in them, svg or logo found every brand, and a
    case's slug (tui-shui) found its brand by letters that are no pinyin of its name. Nothing is
    found as a whole (what Pagefind answers with the words that start the query, b of brands, is
    marked partial)."""
    assert all(r["partial"] for r in search(shui_site, query, limit=TOP)), query
