"""The showcase in a real browser: home, category chips, gallery URL state, every brand and case page."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.browser.conftest import PHONE, wait_until
from tests.browser.showcase import SAMPLE_BRAND, SAMPLE_CASE, no_sideways_scroll, page_paths, public_brands, settle, shot

STAGES = ["示范", "命名", "培育", "申报"]


def visible_names(page) -> list[str]:
    return page.eval_on_selector_all("[data-bs-grid] .bs-card:not([hidden]) .bs-card__name", "els => els.map(e => e.textContent)")


def test_home_shows_model_brands_and_counts(page, base_url):
    brands = public_brands()
    page.goto(base_url)
    featured = sorted(b["name"] for b in brands.values() if b.get("featured"))
    shown = page.eval_on_selector_all(".bs-page--home .bs-grid .bs-card__name", "els => els.map(e => e.textContent)")
    assert sorted(shown) == featured and featured
    stats = dict(zip(
        page.eval_on_selector_all(".bs-stat .bs-stat__label", "els => els.map(e => e.textContent)"),
        page.eval_on_selector_all(".bs-stat .bs-stat__value", "els => els.map(e => Number(e.textContent))"),
    ))
    assert stats["个党建品牌"] == len(brands)
    by_stage = Counter(b["stage"] for b in brands.values())
    for stage in STAGES:
        assert stats[f"个{stage}品牌"] == by_stage[stage], stage  # 3 个命名品牌: not a bare 命名
    chips = page.eval_on_selector_all(".bs-chips--large .bs-chip", "els => els.map(e => e.textContent.trim().split(/\\s+/))")
    by_category = Counter(b["category"] for b in brands.values())
    assert {c: int(n) for c, n in chips if int(n)} == dict(by_category)
    page.watch.assert_clean()


@pytest.mark.parametrize("stages", [1, 2, 3])
def test_on_a_phone_no_stage_tile_is_left_alone_at_half_width(phone, base_url, stages):
    """A site whose brands are at one stage (or three) left the last tile alone in its row, half
    as wide as the row; two tiles share a row."""
    phone.goto(base_url)
    widths = phone.evaluate("""n => {
        const tiles = Array.from(document.querySelectorAll('.bs-stats .bs-stat'));
        tiles.slice(1 + n).forEach(t => t.remove());
        const row = document.querySelector('.bs-stats').getBoundingClientRect().width;
        return Array.from(document.querySelectorAll('.bs-stats .bs-stat')).map(t => t.getBoundingClientRect().width / row);
    }""", stages)
    assert len(widths) == 1 + stages and widths[0] > 0.99, widths
    if stages % 2:
        assert widths[-1] > 0.99, widths
    assert all(0.4 < w < 0.6 for w in widths[1:1 + stages - stages % 2]), widths


def test_on_a_phone_dates_and_document_numbers_stay_on_one_line(phone, base_url):
    """The home page's newest named brands read "2022-06-⏎24 命名" and a brand's facts
    "青⏎禾组通〔2022〕3号" at 375 px: a date with its stage, a date and a short document number
    keep to one line; the page still has no sideways scroll."""
    for path in ("", "brands/lin-li-hong-zhan/"):
        phone.goto(base_url + path)
        kept = phone.evaluate("""() => Array.from(document.querySelectorAll('.bs-nowrap'))
            .filter(e => e.offsetParent).map(e => [e.textContent, e.getClientRects().length])""")
        assert kept and all(lines == 1 for _, lines in kept), (path, kept)
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    assert any("〔2022〕3号" in text for text, _ in kept), kept


# Per line of an element, how many characters it holds (the top of each character's box).
LINE_LENGTHS = """el => {
  const text = el.firstChild, tops = [];
  for (let i = 0; i < text.length; i++) {
    const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
    const box = r.getClientRects()[0];
    if (box && text.data[i].trim()) tops.push(Math.round(box.top));
  }
  const lines = [];
  tops.forEach((t, i) => { if (!i || Math.abs(t - tops[i - 1]) > 4) lines.push(0); lines[lines.length - 1]++; });
  return lines;
}"""


def test_on_a_phone_a_long_slogan_leaves_no_character_alone_on_its_last_line(phone, base_url):
    """A long slogan broke as 共建共治共享建设幸福家 / 园 in the brand page's banner. Here a slogan is
    grown until the browser's plain wrapping leaves one character on the last line, then the
    page's own style lays it out."""
    phone.goto(base_url + f"brands/{SAMPLE_BRAND}/")
    slogan = phone.locator(".bs-brand-head__slogan")
    words = "党建引领聚合力 志愿服务暖人心 共建共治共享建设幸福家园 红色引擎激活基层治理新动能"
    for end in range(12, len(words) + 1):
        slogan.evaluate("(el, text) => { el.textContent = text; el.style.textWrap = 'wrap'; }", words[:end])
        plain = slogan.evaluate(LINE_LENGTHS)
        if len(plain) > 1 and plain[-1] == 1:
            break
    else:
        pytest.fail("no slogan of these words leaves one character alone at this width")
    slogan.evaluate("el => { el.style.textWrap = ''; }")
    assert min(slogan.evaluate(LINE_LENGTHS)) >= 2, (words[:end], slogan.evaluate(LINE_LENGTHS))


def test_on_a_phone_a_case_pages_way_back_is_easy_to_tap(phone, base_url):
    """The breadcrumb's links (品牌展示, the brand) were 20 px high at 375 px: 24 at least (WCAG 2.5.8)."""
    phone.goto(base_url + "brands/lin-li-hong-zhan/cases/la-ji-jiao-bian-cai-yuan/")
    heights = phone.eval_on_selector_all(".bs-crumbs a", "els => els.map(a => a.getBoundingClientRect().height)")
    assert len(heights) == 2 and all(h >= 24 for h in heights), heights


def test_every_category_chip_leads_to_its_filtered_gallery(page, base_url):
    brands = public_brands()
    page.goto(base_url)
    chips = page.eval_on_selector_all(".bs-chips--large .bs-chip", "els => els.map(e => e.textContent.trim().split(/\\s+/)[0])")
    for category in chips:
        page.goto(base_url)
        page.click(f".bs-chips--large .bs-chip:has-text('{category}')")
        page.wait_for_url("**/brands/?category=*")
        assert parse_qs(urlsplit(page.url).query)["category"] == [category]
        assert page.input_value("select[name=category]") == category
        expected = sorted(b["name"] for b in brands.values() if b["category"] == category)
        assert sorted(visible_names(page)) == expected
    page.watch.assert_clean()


def test_brand_page_category_chip_filters_the_gallery(page, base_url):
    brand = public_brands()[SAMPLE_BRAND]
    page.goto(base_url + f"brands/{SAMPLE_BRAND}/")
    page.click(".bs-brand-head__kicker a")
    page.wait_for_url("**/brands/?category=*")
    wait_until(page, "document.querySelector('[data-bs-filters]') && document.querySelector('[data-bs-filters]').dataset.bsReady"
               " && document.querySelectorAll('[data-bs-grid] .bs-card:not([hidden])').length > 0", timeout=10_000)
    assert unquote(urlsplit(page.url).query) == f"category={brand['category']}"
    assert brand["name"] in visible_names(page)
    assert all(c == brand["category"] for c in page.eval_on_selector_all(
        "[data-bs-grid] .bs-card:not([hidden])", "els => els.map(e => e.dataset.category)"))


def in_region(brand: dict, region: str) -> bool:
    """The gallery's region filter: the region itself and the regions named inside it
    (东湖市 holds 东湖市湾口镇)."""
    return brand.get("region") == region or str(brand.get("region") or "").startswith(region) and region[-1] in "省市县区州盟旗"


def test_gallery_filters_combine_and_follow_back_and_forward(page, base_url):
    brands = public_brands()
    page.goto(base_url + "brands/")
    assert sorted(visible_names(page)) == sorted(b["name"] for b in brands.values())
    region = Counter(b.get("region") for b in brands.values() if b.get("region")).most_common(1)[0][0]
    page.select_option("select[name=region]", region)
    by_region = sorted(b["name"] for b in brands.values() if in_region(b, region))
    assert sorted(visible_names(page)) == by_region
    # the sample's 东湖市 holds a brand of 东湖市湾口镇: it is listed too, and one of 东湖 would not be
    assert any(b["region"] != region for b in brands.values() if in_region(b, region)), region
    stage = next(b["stage"] for b in brands.values() if b.get("region") == region)
    page.select_option("select[name=stage]", stage)
    both = sorted(b["name"] for b in brands.values() if in_region(b, region) and b["stage"] == stage)
    assert sorted(visible_names(page)) == both and len(both) <= len(by_region)
    page.reload()
    assert sorted(visible_names(page)) == both
    assert (page.input_value("select[name=region]"), page.input_value("select[name=stage]")) == (region, stage)
    page.go_back()
    assert sorted(visible_names(page)) == by_region
    assert page.input_value("select[name=stage]") == ""
    page.go_back()
    assert len(visible_names(page)) == len(brands)
    page.go_forward()
    page.go_forward()
    assert sorted(visible_names(page)) == both
    page.click(".bs-filters button[type=reset]")
    wait_until(page, "!location.search")
    assert len(visible_names(page)) == len(brands)
    page.watch.assert_clean()


def test_gallery_filters_survive_instant_navigation(page, base_url):
    """Material's instant navigation swaps the page without reloading; the filters must still work."""
    page.goto(base_url)
    page.wait_for_load_state("networkidle")  # Material reads sitemap.xml after the load
    page.evaluate("window.__bsSamePage = true")
    page.click(".md-tabs__link:has-text('品牌展示')")
    page.wait_for_selector("[data-bs-filters]:not([hidden])")
    assert page.evaluate("window.__bsSamePage === true"), "the gallery was loaded in full, not swapped in"
    page.select_option("select[name=category]", "社区")
    assert visible_names(page) and all(
        c == "社区" for c in page.eval_on_selector_all("[data-bs-grid] .bs-card:not([hidden])", "els => els.map(e => e.dataset.category)"))
    page.watch.assert_clean()


def test_every_brand_and_case_page_renders_cleanly_on_a_phone(phone, sample_site, base_url):
    brands, cases = page_paths(sample_site)
    assert len(brands) == len(public_brands()) and len(cases) >= len(brands)
    for path in brands + cases:
        phone.goto(base_url + path)
        logos = phone.eval_on_selector_all(".bs-brand-head__logo, .bs-case-head__brand img", "els => els.map(e => e.getAttribute('alt'))")
        assert logos and all(alt and alt.strip() for alt in logos), path
        assert phone.evaluate("Array.from(document.images).every(i => i.hasAttribute('alt'))"), path
        assert no_sideways_scroll(phone), f"{path} scrolls sideways at 375 px"
    phone.watch.assert_clean()


def test_every_brand_page_renders_cleanly_on_a_desktop(page, sample_site, base_url):
    brands, _ = page_paths(sample_site)
    for path in brands:
        page.goto(base_url + path)
        settle(page)  # scrolled through: below-the-fold photos load too
        assert page.locator("h1").count() == 1, path
        assert page.is_visible(".bs-brand-head__logo"), path
    page.watch.assert_clean()


def test_lightbox_opens_steps_and_closes_with_the_keyboard(page, base_url):
    page.goto(base_url + f"brands/{SAMPLE_BRAND}/")
    links = page.locator("a.bs-lightbox")
    assert links.count() >= 1   # the story's photo, wrapped in a link by the script
    # its words in ![…] show as its caption under it (图注), and it still opens in the lightbox
    figure = page.locator(".bs-prose .bs-figure").first
    assert figure.locator("figcaption").is_visible()
    assert figure.locator("figcaption").inner_text() == figure.locator("img").get_attribute("alt") != ""
    assert figure.locator("a.bs-lightbox img").count() == 1
    box, caption = figure.locator("img").bounding_box(), figure.locator("figcaption").bounding_box()
    assert caption["y"] >= box["y"] + box["height"] - 1
    # drawn wider than 800 px on a desktop: the browser takes a file at least that wide (it enlarged the 800 px one)
    figure.locator("img").scroll_into_view_if_needed()
    drawn, natural = figure.locator("img").evaluate("i => i.decode().then(() => [i.getBoundingClientRect().width, i.naturalWidth])")
    assert drawn <= natural + 1 or natural >= 1200, (drawn, natural)
    links.first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.bs-lightbox-dialog")
    assert dialog.evaluate("d => d.open")
    assert dialog.locator("img").get_attribute("src") == links.first.get_attribute("href")
    assert not dialog.locator("[data-bs-next]").is_visible()   # one photo: nothing to step to
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    # A second photo on the page (the case cards' first photo) makes the dialog step.
    page.evaluate("""() => {
        const a = document.createElement('a'); a.className = 'bs-lightbox';
        a.href = document.querySelector('.bs-case-card img[src*="photos/"]').getAttribute('src');
        a.innerHTML = '<img alt="second">'; document.querySelector('.bs-page').append(a);
    }""")
    links.first.focus()
    page.keyboard.press("Enter")
    first = dialog.locator("img").get_attribute("src")
    page.keyboard.press("ArrowRight")
    assert dialog.locator("img").get_attribute("src") != first
    assert dialog.locator("figcaption").inner_text().endswith("（2/2）")
    page.keyboard.press("ArrowRight")
    assert dialog.locator("img").get_attribute("src") == first
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert page.evaluate("document.activeElement.classList.contains('bs-lightbox')")
    # The same photo linked twice (a case's photos and its text) is one photo: still 2.
    page.evaluate("""() => {
        const a = document.querySelector('.bs-page > a.bs-lightbox:last-child').cloneNode(true);
        document.querySelector('.bs-page').append(a);
    }""")
    links.first.focus()
    page.keyboard.press("Enter")
    assert dialog.locator("figcaption").inner_text().endswith("（1/2）")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert dialog.locator("figcaption").inner_text().endswith("（1/2）")
    page.keyboard.press("Escape")
    page.watch.assert_clean()


def test_on_a_phone_an_opened_photo_takes_the_screens_width(contexts, base_url):
    """The dialog's figure kept the browser's 40 px margins and the desktop's room for the side
    buttons: a 1200 px photo opened at 155 px on a 375 px phone, smaller than on the page."""
    page = contexts.page(**PHONE)
    page.goto(base_url + f"brands/{SAMPLE_BRAND}/")
    page.locator("a.bs-lightbox").first.click()
    img = page.locator("dialog.bs-lightbox-dialog img")
    wait_until(page, "document.querySelector('dialog.bs-lightbox-dialog img').complete")  # no eval: the site's CSP forbids it
    box = img.bounding_box()
    assert box["width"] >= 0.9 * 375 and box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    for button in ("[data-bs-close]", "[data-bs-next]", "[data-bs-prev]"):
        other = page.locator(f"dialog.bs-lightbox-dialog {button}").bounding_box()
        if other:  # the buttons are not over the photo
            assert other["y"] >= box["y"] + box["height"] or other["y"] + other["height"] <= box["y"], (button, other, box)


def test_a_brand_page_prints_on_at_most_two_sheets_without_chrome(contexts, sample_site, base_url):
    """Every brand page is laid out for print (no header, tabs, sidebar or footer); the three
    that are longest in print are printed to PDF, since they are the ones that could need a
    third sheet (a PDF costs about a second of CPU, a print layout a tenth of that)."""
    page = contexts.page()
    page.emulate_media(media="print")
    length = {}
    for path in page_paths(sample_site)[0]:
        page.goto(base_url + path)
        for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer"):
            assert not page.locator(chrome).first.is_visible(), f"{chrome} prints on {path}"
        length[path] = page.evaluate("document.documentElement.scrollHeight")
    assert len(length) >= 5
    for path in sorted(length, key=length.get)[-3:]:
        page.goto(base_url + path)
        pdf = page.pdf(format="A4", print_background=True)
        sheets = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        assert 1 <= sheets <= 2, f"{path} prints on {sheets} sheets"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_four_page_kinds(contexts, base_url, scheme):
    pages = {"home": "", "gallery": "brands/", "brand": f"brands/{SAMPLE_BRAND}/",
             "case": f"brands/{SAMPLE_BRAND}/cases/{SAMPLE_CASE}/"}
    for width in (1280, 375):
        page = contexts.page(viewport={"width": width, "height": 900 if width > 400 else 740},
                             color_scheme=scheme, is_mobile=width < 400, has_touch=width < 400)
        for name, path in pages.items():
            page.goto(base_url + path)
            scheme_attr = page.get_attribute("body", "data-md-color-scheme")
            assert scheme_attr == ("slate" if scheme == "dark" else "default")
            assert no_sideways_scroll(page), f"{name} scrolls sideways at {width} px"
            suffix = "" if scheme == "light" else "-dark"
            assert shot(page, f"{name}-{width}{suffix}").stat().st_size > 10_000


def test_instant_navigation_swaps_the_hero_and_rearms_the_lightbox(page, base_url):
    page.goto(base_url + "brands/")
    assert page.locator(".bs-hero").count() == 0
    page.wait_for_load_state("networkidle")  # Material reads sitemap.xml after the load
    page.evaluate("window.__bsSamePage = true")
    page.click(".md-tabs__link:has-text('首页')")
    page.wait_for_selector(".bs-hero")
    assert page.evaluate("window.__bsSamePage === true")  # swapped in by instant navigation, no full reload
    page.click(f".bs-page--home .bs-card[href*='{SAMPLE_BRAND}']")
    page.wait_for_selector(".bs-brand-head")
    assert page.locator(".bs-hero").count() == 0
    page.locator("a.bs-lightbox").first.click()
    assert page.locator("dialog.bs-lightbox-dialog").evaluate("d => d.open")
    page.keyboard.press("Escape")
    page.watch.assert_clean()


def test_a_case_prints_with_its_photos_at_a_readable_size(contexts, base_url):
    """On paper a brand page leaves its photos out (two sheets); a case printed for a report
    keeps them, photos in its text too, each whole and at most about 8 cm high, and its text
    at 10 pt or more."""
    page = contexts.page()
    page.emulate_media(media="print")
    page.goto(base_url + f"brands/{SAMPLE_BRAND}/cases/{SAMPLE_CASE}/")
    settle(page)
    shown = page.evaluate("""() => [...document.querySelectorAll('.bs-photos img, .bs-page--case p img')].map(i => {
        const r = i.getBoundingClientRect(); return {w: r.width, h: r.height, loaded: i.complete && i.naturalWidth > 0};
    })""")
    assert shown and all(s["w"] > 50 and 0 < s["h"] <= 8 / 2.54 * 96 + 1 and s["loaded"] for s in shown), shown
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.bs-page--case p')).fontSize)")
    assert size >= 10 / 72 * 96 - 0.1, size
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.count(b"/Subtype /Image") >= len(shown)
