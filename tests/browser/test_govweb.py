"""Chinese government-website conventions on the sample site: record numbers in the footer,
mourning days (哀悼模式) decided by the visitor's date, and the elder-friendly mode (长辈模式)."""

from __future__ import annotations

import datetime

import pytest
from tests.browser.conftest import PageWatch, screenshot, settled, wait_until
from tests.browser.showcase import SAMPLE_BRAND, SAMPLE_CASE

PAGES = {"home": "", "gallery": "brands/", "brand": f"brands/{SAMPLE_BRAND}/",
         "case": f"brands/{SAMPLE_BRAND}/cases/{SAMPLE_CASE}/"}
MEMORIAL = datetime.datetime(2026, 12, 13, 10, 0)   # the sample's mourning day (mourning_days: [12-13])
ORDINARY = datetime.datetime(2026, 12, 12, 10, 0)


def open_page(contexts, base_url, *, width=1280, height=900, scale=1, when=ORDINARY, scheme="light", elder=False):
    page = contexts.page(viewport={"width": width, "height": height}, device_scale_factor=scale, color_scheme=scheme,
                         is_mobile=width < 500, has_touch=width < 500, clock=when)
    page.watch = PageWatch(page, base_url)
    if elder:
        page.goto(base_url)
        page.evaluate("localStorage.setItem('brandsite.elder', '1')")
    return page


def serious(axe, page, rules: list[str] | None = None) -> list:
    results = axe.run(page, options={"resultTypes": ["violations"], **({"runOnly": rules} if rules else {})})
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


def past_the_text(page) -> list[str]:
    """Elements of the page's content reaching past the right edge of its text column (a grid whose
    columns are at least 16rem wide, with the larger rem of 长辈模式): the right margin narrower than the left."""
    return page.evaluate("""(() => {
        const article = document.querySelector('.md-content__inner'), out = [];
        const edge = article.getBoundingClientRect().right - parseFloat(getComputedStyle(article).paddingRight);
        for (const el of article.querySelectorAll('.bs-page *')) {
            const r = el.getBoundingClientRect();
            if (!r.width || r.right <= edge + 1 || el.closest('.md-typeset__scrollwrap, .bs-hero, pre')) continue;
            out.push((el.className || el.tagName) + ' ' + Math.round(r.right) + '>' + Math.round(edge));
        }
        return out.slice(0, 5);
    })()""")


def overflowing(page) -> list[str]:
    """Visible elements reaching past the right edge of the viewport, outside any scroll box of their own."""
    return page.evaluate("""(() => {
        const out = [], W = document.documentElement.clientWidth;
        for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (!r.width || !r.height || r.right <= W + 1) continue;
            let clipped = false;
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                const s = getComputedStyle(p);
                if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) || s.visibility === 'hidden') { clipped = true; break; }
            }
            const s = getComputedStyle(el);
            if (!clipped && s.visibility !== 'hidden' && s.position !== 'fixed')
                out.push((el.className || el.tagName) + ' in ' + (el.parentElement.className || el.parentElement.tagName) + ' ' + Math.round(r.right) + '>' + W);
        }
        return out.concat(document.scrollingElement.scrollWidth > W + 1 ? ['page scrolls sideways'] : []);
    })()""")


def test_footer_shows_the_record_numbers_linked_to_the_official_lookups(contexts, base_url):
    page = open_page(contexts, base_url)
    page.goto(base_url + "brands/")
    icp = page.locator(".md-copyright .bs-records__icp")
    assert icp.inner_text() == "京ICP备00000000号-1"
    assert icp.get_attribute("href") == "https://beian.miit.gov.cn/"
    police = page.locator(".md-copyright .bs-records__police")
    assert police.inner_text().strip() == "京公网安备 00000000000000号"
    assert police.get_attribute("href") == "https://beian.mps.gov.cn/#/query/webSearch?code=00000000000000"
    assert page.evaluate("document.querySelector('.bs-records__police img').naturalWidth") > 0   # the badge is a local file
    page.watch.assert_clean()   # plain links: nothing was requested from another host


@pytest.mark.parametrize("width", [1280, 375])
def test_the_site_turns_grey_on_a_mourning_day_by_the_visitors_date(contexts, base_url, width):
    page = open_page(contexts, base_url, width=width, height=900 if width > 500 else 740, scale=1 if width > 500 else 2, when=MEMORIAL)
    page.goto(base_url)
    assert page.evaluate("document.documentElement.classList.contains('bs-mourning')")
    assert page.evaluate("getComputedStyle(document.documentElement).filter") == "grayscale(1)"
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    r, g, b = [int(x) for x in header[header.index("(") + 1:header.index(")")].split(",")[:3]]
    assert r == g == b, header   # the header's red is a grey, not only filtered
    settled(page)
    screenshot(page, f"mourning-home-{width}")
    page.watch.assert_clean()


def test_no_mourning_on_other_days(contexts, base_url):
    page = open_page(contexts, base_url, when=ORDINARY)
    page.goto(base_url)
    assert not page.evaluate("document.documentElement.classList.contains('bs-mourning')")
    assert page.evaluate("getComputedStyle(document.documentElement).filter") == "none"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_grey_pages_pass_axe(contexts, base_url, axe, name, scheme):
    page = open_page(contexts, base_url, when=MEMORIAL, scheme=scheme)
    page.goto(base_url + PAGES[name])
    settled(page)
    assert page.evaluate("document.documentElement.classList.contains('bs-mourning')")
    # Mourning changes colours only: the contrast rule runs here, every rule on the same
    # pages in their usual colours (tests/browser/test_access.py).
    assert serious(axe, page, ["color-contrast"]) == []


def test_elder_mode_switch_is_labelled_persists_and_enlarges(contexts, base_url):
    page = open_page(contexts, base_url)
    page.goto(base_url)
    toggle = page.get_by_role("button", name="长辈模式")
    assert toggle.is_visible() and toggle.get_attribute("aria-pressed") == "false"
    before = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    after = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    assert after >= before * 1.3, (before, after)
    # Kept across a reload and on other pages, also after instant navigation.
    page.reload()
    assert page.evaluate("document.documentElement.classList.contains('bs-elder')")
    assert page.get_by_role("button", name="长辈模式").get_attribute("aria-pressed") == "true"
    page.goto(base_url + PAGES["brand"])
    assert page.evaluate("document.documentElement.classList.contains('bs-elder')")
    page.get_by_role("button", name="长辈模式").click()
    page.reload()
    assert not page.evaluate("document.documentElement.classList.contains('bs-elder')")
    assert page.evaluate("localStorage.getItem('brandsite.elder')") is None
    page.watch.assert_clean()


@pytest.mark.parametrize("width", [360, 375, 414])
def test_on_a_phone_the_switch_leaves_the_site_name_whole(contexts, base_url, width):
    """Beside the menu, the colour switch, 长辈模式 and search, the site name is not cut to 党建品牌…
    on common phone widths: the switch reads 长辈 there, and is still named 长辈模式."""
    page = open_page(contexts, base_url, width=width, height=740, scale=2)
    page.goto(base_url)
    toggle = page.get_by_role("button", name="长辈模式")
    assert toggle.is_visible() and toggle.inner_text() == ("长辈模式" if width >= 400 else "长辈")
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert name.inner_text() == "党建品牌展示"
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), "the site name is cut short"
    box = toggle.bounding_box()
    assert box["width"] >= 40 and box["height"] >= 36  # still easy to hit
    page.watch.assert_clean()


@pytest.mark.parametrize("size", ["375", "zoom200"])
@pytest.mark.parametrize("name", list(PAGES))
def test_elder_mode_fits_phones_and_200_percent_zoom(contexts, base_url, axe, name, size):
    # 200% zoom of a 1280 × 900 window is a 640 × 450 CSS viewport at twice the pixel density.
    width, height, scale = (375, 740, 2) if size == "375" else (640, 450, 2)
    page = open_page(contexts, base_url, width=width, height=height, scale=scale, elder=True)
    page.goto(base_url + PAGES[name])
    assert page.evaluate("document.documentElement.classList.contains('bs-elder')")
    assert overflowing(page) == []
    assert past_the_text(page) == []
    assert serious(axe, page) == []
    targets = page.evaluate("""[...document.querySelectorAll('.md-header__button, .md-typeset .md-button, .bs-records a')]
        .filter(el => el.getBoundingClientRect().width).map(el => Math.round(el.getBoundingClientRect().height))""")
    assert targets and min(targets) >= 44, targets
    if size == "375":  # the site name in the header, whole (it read 党建品牌… beside the buttons)
        title = page.evaluate("""(() => { const t = document.querySelector('.md-header__title .md-ellipsis');
            return [t.textContent.trim(), t.scrollWidth, t.clientWidth]; })()""")
        assert title[0] == "党建品牌展示" and title[1] <= title[2], title
    if name in ("home", "brand"):
        screenshot(page, f"elder-{name}-{size}")
    page.watch.assert_clean()


def test_elder_mode_everything_reachable_with_the_keyboard(contexts, base_url):
    page = open_page(contexts, base_url, width=375, height=740, scale=2, elder=True)
    page.goto(base_url + PAGES["brand"])
    wanted = page.evaluate("""(() => { let i = 0; const out = [];
        for (const el of document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')) {
            const r = el.getBoundingClientRect(), s = getComputedStyle(el);
            if (!r.width || !r.height || s.visibility === 'hidden' || el.tabIndex < 0 || el.disabled || el.closest('[hidden], [inert]')) continue;
            if (el.closest('.md-sidebar, .md-search')) continue;   // off-canvas drawers, opened by their own buttons
            el.dataset.kbd = String(i++); out.push(el.dataset.kbd);
        } return out; })()""")
    assert len(wanted) > 10
    reached = set()
    for _ in range(len(wanted) * 2 + 20):
        page.keyboard.press("Tab")
        kbd = page.evaluate("document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.kbd : null")
        if kbd is not None:
            reached.add(kbd)
        if reached >= set(wanted):
            break
    assert set(wanted) - reached == set()
    # The switch itself works from the keyboard.
    page.get_by_role("button", name="长辈模式").focus()
    page.keyboard.press("Enter")
    assert not page.evaluate("document.documentElement.classList.contains('bs-elder')")
    page.keyboard.press(" ")
    assert page.evaluate("document.documentElement.classList.contains('bs-elder')")


def test_screenshots_at_1280_with_and_without_elder_mode(contexts, base_url):
    page = open_page(contexts, base_url)
    page.goto(base_url)
    screenshot(page, "govweb-home-1280")
    page.get_by_role("button", name="长辈模式").click()
    settled(page)
    screenshot(page, "elder-home-1280")


def test_elder_switch_with_search_off(contexts, tmp_path):
    """With search off the header is Material's own: govweb.js puts the switch in it."""
    from tests.browser.conftest import serve
    from tests.conftest import BrandTree, build_root

    BrandTree(tmp_path).brand()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: 测试\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - brandsite:\n      search: false\n      elder_mode: true\n", encoding="utf-8")
    server, url = serve(build_root(tmp_path))
    try:
        page = open_page(contexts, url)
        page.goto(url + "brands/lian-xin-qiao/")
        button = page.locator(".md-header .bs-elder-toggle")
        wait_until(page, "!!document.querySelector('.md-header .bs-elder-toggle:not([hidden])')")
        assert button.inner_text() == "长辈模式" and button.get_attribute("aria-pressed") == "false"
        button.click()
        assert page.evaluate("document.documentElement.classList.contains('bs-elder')")
        assert button.get_attribute("aria-pressed") == "true"
        page.watch.assert_clean()
    finally:
        server.shutdown()
