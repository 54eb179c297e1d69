"""The paginated gallery in a real browser: the sample site with 4 cards a page.

Page links work without JavaScript; a filter shows matching brands from every
page, loaded from cards.json and drawn from the page's card template like the
server's own cards.
"""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from tests.browser.conftest import DESKTOP, PHONE, PageWatch, screenshot, serve, settled, wait_until
from tests.conftest import copy_sample
from tests.test_paging import PAGE_SIZE, build, with_options

VISIBLE = "[data-bs-grid] .bs-card:not([hidden])"


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("paged-browser"))
    with_options(root, f"gallery_page_size: {PAGE_SIZE}\nposters: false\nshare_cards: false")
    # regions that start like another but lie outside it, or only inside a region no brand has
    for slug, region in (("xin-qiao-yi-zhan", "东湖市场"), ("yi-jia-tong-xing", "江南省北湖市"),
                         ("lian-shang-xian-feng", "江南省北湖市市北区")):  # a district whose name starts with 市
        path = root / "brands" / slug / "brand.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("region: 青禾区\n", f"region: {region}\n"), encoding="utf-8")
    return build(root)


@pytest.fixture(scope="module")
def paged_url(paged_site):
    server, url = serve(paged_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def cards(paged_site) -> list[dict]:
    data = json.loads((paged_site / "brands/cards.json").read_text(encoding="utf-8"))
    return [dict(zip(data["fields"], values, strict=True)) for values in data["cards"]]


def new_page(contexts, url, **options):
    page = contexts.page(**DESKTOP, **options)
    page.watch = PageWatch(page, url)
    return page


@pytest.fixture
def page(contexts, paged_url):
    return new_page(contexts, paged_url)


def names(page) -> list[str]:
    return page.eval_on_selector_all(VISIBLE + " .bs-card__name", "els => els.map(e => e.textContent)")


def filtered(page) -> None:
    """Wait until the filtered cards from cards.json are drawn."""
    wait_until(page, "!document.querySelector('[data-bs-grid]').hasAttribute('aria-busy')")
    wait_until(page, "document.querySelector('[data-bs-count]').textContent.includes('已筛选')")


def test_every_brand_is_reachable_by_page_links_without_javascript(contexts, paged_url, cards):
    page = new_page(contexts, paged_url, java_script_enabled=False)
    page.goto(paged_url + "brands/")
    assert page.is_hidden("[data-bs-filters]")
    seen, pages = [], 0
    while True:
        pages += 1
        seen += names(page)
        current = page.get_attribute(".bs-pager [aria-current=page]", "aria-label")
        assert current == f"第 {pages} 页"
        nxt = page.locator(".bs-pager a[rel=next]")
        if not nxt.count():
            break
        nxt.click()
        page.wait_for_url(f"**/brands/page/{pages + 1}/")
    assert sorted(seen) == sorted(c["name"] for c in cards) and len(seen) == len(set(seen))
    assert pages == -(-len(cards) // PAGE_SIZE)
    page.click(".bs-pager a[rel=prev]")
    page.wait_for_url(f"**/brands/page/{pages - 1}/")
    page.watch.assert_clean()


def test_page_links_and_count_with_javascript(page, paged_url, cards):
    page.goto(paged_url + "brands/")
    first = names(page)
    assert first == [c["name"] for c in cards[:PAGE_SIZE]]
    assert page.text_content("[data-bs-count]").startswith(f"共 {len(cards)} 个品牌，第 1 / ")
    page.click(".bs-pager a[rel=next]")   # Material's instant navigation swaps the page
    page.wait_for_url("**/brands/page/2/")
    wait_until(page, "document.querySelector('[data-bs-count]').textContent.includes('第 2 /')")
    assert names(page) == [c["name"] for c in cards[PAGE_SIZE:2 * PAGE_SIZE]]
    assert page.text_content(".bs-pager [aria-current=page]") == "2"
    page.click(".bs-pager a[aria-label='第 1 页']")
    page.wait_for_url("**/brands/")
    assert names(page) == first
    page.watch.assert_clean()


def test_a_brand_from_page_two_appears_when_filtering(page, paged_url, cards):
    brand = cards[PAGE_SIZE]  # the first card of page 2
    page.goto(paged_url + "brands/")
    assert brand["name"] not in names(page)
    page.select_option("select[name=category]", brand["category"])
    filtered(page)
    assert parse_qs(urlsplit(page.url).query)["category"] == [brand["category"]]
    expected = [c["name"] for c in cards if c["category"] == brand["category"]]
    assert names(page) == expected[:PAGE_SIZE] and brand["name"] in names(page)
    assert page.text_content("[data-bs-count]") == f"共 {len(expected)} 个品牌（已筛选，全部 {len(cards)} 个）"
    assert page.get_attribute("[data-bs-count]", "aria-live") == "polite"
    assert page.is_hidden("[data-bs-pager]")
    # Combined with a second filter, reloaded, then back and forward.
    page.select_option("select[name=stage]", brand["stage"])
    filtered(page)
    both = [c["name"] for c in cards if c["category"] == brand["category"] and c["stage"] == brand["stage"]]
    assert names(page) == both[:PAGE_SIZE]
    page.reload()
    filtered(page)
    assert names(page) == both[:PAGE_SIZE]
    page.go_back()
    filtered(page)
    assert names(page) == expected[:PAGE_SIZE] and page.input_value("select[name=stage]") == ""
    page.go_back()
    wait_until(page, "document.querySelector('[data-bs-count]').textContent.includes('第 1 /')")
    assert names(page) == [c["name"] for c in cards[:PAGE_SIZE]] and page.is_visible("[data-bs-pager]")
    page.go_forward()
    filtered(page)
    assert names(page) == expected[:PAGE_SIZE]
    page.click(".bs-filters button[type=reset]")
    wait_until(page, "!location.search")
    assert names(page) == [c["name"] for c in cards[:PAGE_SIZE]] and page.is_visible("[data-bs-pager]")
    page.watch.assert_clean()


def test_a_value_no_brand_has_filters_every_page_to_nothing(page, paged_url, cards):
    assert all(c["category"] != "无此类别" for c in cards)
    page.goto(paged_url + "brands/page/2/?category=无此类别")
    filtered(page)
    assert names(page) == [] and page.is_visible("[data-bs-empty]")
    assert page.text_content("[data-bs-count]") == f"共 0 个品牌（已筛选，全部 {len(cards)} 个）"
    assert page.input_value("select[name=category]") == "无此类别"
    assert page.is_hidden("[data-bs-pager]") and page.is_hidden("[data-bs-more]")
    page.click(".bs-filters button[type=reset]")
    wait_until(page, "!location.search")
    assert names(page) == [c["name"] for c in cards[PAGE_SIZE:2 * PAGE_SIZE]] and page.is_visible("[data-bs-pager]")
    page.watch.assert_clean()


def test_show_more_adds_the_next_matches_and_moves_focus(page, paged_url, cards):
    stage, n = Counter(c["stage"] for c in cards).most_common(1)[0]
    assert n > PAGE_SIZE
    expected = [c["name"] for c in cards if c["stage"] == stage]
    page.goto(paged_url + f"brands/page/2/?stage={stage}")
    filtered(page)
    assert names(page) == expected[:PAGE_SIZE] and page.is_visible("[data-bs-more]")
    page.focus("[data-bs-more] button")
    page.keyboard.press("Enter")
    wait_until(page, f"document.querySelectorAll('{VISIBLE}').length > {PAGE_SIZE}")
    assert names(page) == expected[:2 * PAGE_SIZE]
    focused = page.evaluate("document.activeElement.querySelector('.bs-card__name').textContent")
    assert focused == expected[PAGE_SIZE]
    while page.is_visible("[data-bs-more]"):
        page.click("[data-bs-more] button")
    assert names(page) == expected
    page.watch.assert_clean()


def test_cards_from_json_look_like_the_server_cards(page, paged_url, cards):
    brand = cards[0]
    page.goto(paged_url + "brands/")
    server = page.eval_on_selector(".bs-card", SHAPE)
    page.goto(paged_url + f"brands/page/2/?category={brand['category']}")
    filtered(page)
    # The drawn card's logo is fetched once the card is in the page: wait until it has loaded
    # or failed (complete), then check that it loaded.
    logo = f"document.querySelector('{VISIBLE}[data-bs-from-data] img')"
    wait_until(page, f"{logo} && {logo}.complete")
    drawn = page.eval_on_selector(f"{VISIBLE}[data-bs-from-data]", SHAPE)
    assert drawn["name"] == server["name"] == brand["name"]
    for key in ("text", "alt", "classes", "data", "size", "href"):
        assert drawn[key] == server[key], key
    assert drawn["loaded"], "the logo of a drawn card did not load"
    page.click(f"{VISIBLE}[data-bs-from-data]")
    page.wait_for_url(f"**/brands/{brand['slug']}/")
    page.watch.assert_clean()


SHAPE = """card => {
  const img = card.querySelector('img');
  return {
    name: card.querySelector('.bs-card__name').textContent,
    text: Array.from(card.querySelectorAll('.bs-card__body > span, .bs-chip')).map(e => e.className + ':' + e.textContent),
    alt: img.alt, loaded: img.complete && img.naturalWidth > 0,
    classes: [card.className, img.className],
    data: [card.dataset.category, card.dataset.stage, card.dataset.region, card.dataset.year],
    size: [Math.round(img.getBoundingClientRect().width), Math.round(card.querySelector('.bs-card__name').getBoundingClientRect().height)],
    href: new URL(card.getAttribute('href'), location.href).pathname,
  };
}"""


@pytest.mark.parametrize("path", ["brands/", "brands/page/2/", "brands/page/2/?region=东湖市"])
def test_no_axe_violations_and_no_sideways_scroll(contexts, paged_url, axe, path):
    for scheme in ("light", "dark"):
        page = new_page(contexts, paged_url, color_scheme=scheme)
        page.goto(paged_url + path)
        if "?" in path:
            filtered(page)
        settled(page)
        violations = axe.run(page).response["violations"]
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in violations
               if v["impact"] in ("serious", "critical")]
        assert bad == [], bad
    phone = contexts.page(**PHONE)
    phone.watch = PageWatch(phone, paged_url)
    phone.goto(paged_url + path)
    if "?" in path:
        filtered(phone)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(phone, "gallery-" + ("filtered" if "?" in path else path.strip("/").replace("/", "-")) + "-375")
    phone.watch.assert_clean()


@pytest.mark.parametrize("region, label", [("东湖市", "东湖市"), ("江南省", "江南省（含下辖地区）"), ("东湖", "东湖（暂无品牌）"),
                                           ("江南省北湖市", "江南省北湖市")])
def test_a_region_lists_the_brands_of_the_places_inside_it_from_every_page(page, paged_url, cards, region, label):
    """东湖市 lists 东湖市湾口镇's brand too (it was left out), not 东湖市场's; a region from the address
    that only its places have says so instead of 暂无品牌; 东湖 (no level) is a region of its own."""
    page.goto(paged_url + "brands/?region=" + region)
    filtered(page)
    inside = {"东湖市": {"东湖市", "东湖市湾口镇"}, "江南省": {"江南省北湖市", "江南省北湖市市北区"}, "东湖": set(),
              "江南省北湖市": {"江南省北湖市", "江南省北湖市市北区"}}[region]
    while page.is_visible("[data-bs-more]"):  # a page of them at a time
        page.click("[data-bs-more]")
    assert sorted(names(page)) == sorted(c["name"] for c in cards if c["region"] in inside)
    assert "东湖市场" not in {c["region"] for c in cards if c["name"] in names(page)}
    assert page.eval_on_selector("select[name=region]", "s => s.options[s.selectedIndex].textContent") == label
    page.watch.assert_clean()


def test_the_results_page_filters_regions_as_the_gallery_does(page, paged_url):
    """The same rule on /search/: 东湖市 holds 东湖市湾口镇, not 东湖市场; 江南省, which only a place
    inside it has, is shown chosen in its drop-down (it was blank) with that place's count."""
    def shown(region):
        page.goto(paged_url + "search/?region=" + region)
        wait_until(page, "document.querySelectorAll('[data-bs-search-results] > li').length > 0"
                         " && document.querySelectorAll('select[name=region] option').length > 1")
        urls = page.eval_on_selector_all("[data-bs-search-results] > li > a:first-child", "els => els.map(a => new URL(a.href).pathname)")
        label = page.eval_on_selector("select[name=region]", "s => s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].textContent")
        return urls, label
    urls, label = shown("东湖市")
    assert "/brands/yu-huo-xian-feng/" in urls and "/brands/xin-qiao-yi-zhan/" not in urls and label == "东湖市(7)", (urls, label)
    urls, label = shown("江南省")  # 江南省北湖市 and its 市北区, a district whose name starts with 市
    assert sorted(urls) == ["/brands/lian-shang-xian-feng/", "/brands/yi-jia-tong-xing/"] and label == "江南省(2)", (urls, label)
    page.watch.assert_clean()
