"""Raster logos of any aspect ratio (square, wide, tall, JPEG) and SVG logos keep every
card's text readable: the text block beside a logo is never narrower than the logo."""

from __future__ import annotations

import io
import re
from urllib.parse import urljoin

import pytest
from PIL import Image

from .conftest import ARTIFACTS, keep_png, screenshot, serve, wait_until
from tests.conftest import copy_sample

LOGOS = {  # slug: (file, size) -- brands that are featured and named, so every listing shows them
    "xin-qiao-yi-zhan": ("logo.png", (600, 600)),
    "lin-li-hong-zhan": ("logo.png", (900, 300)),
    "bai-yi-shou-wang": ("白衣 守望,标识.png", (300, 600)),  # spaces and a comma, as editors name files
    "jiang-xin-hong-lu": ("logo.jpg", (900, 300)),
}

# A brand whose plain fields are long runs of Latin letters, with no space to break a line at.
LONG = ("mai-sui-hong", {"name": "PARTYBUILDINGHONGQIA", "slogan": "https://example.org/slogan-as-an-address",
                         "organization": "HONGQIAOCOMMUNITYPARTYCOMMITTEEOFDONGHUSTREETDISTRICT",
                         "region": "DONGHUSTREETHONGQIAOCOMMUNITYWESTGATENO1"})

# Big numbers as a brand reports them, and a unit with no place to break a line.
LONG_METRICS = ["{label: 撬动社会资金, value: 350000000, unit: 元, year: 2023}",
                "{label: 服务群众, value: 999999999999.99, unit: 人次}",
                "{label: 覆盖面积, value: 999999.5, unit: SQUAREMETRESOFFARMLAND}",
                "{label: 产值, value: 3456789, unit: 元}", "{label: 直播销售额, value: 12345678, unit: 元}",
                "{label: 服务, value: 123456, unit: 人次}", "{label: 满意率, value: 99.999, unit: '%'}",
                "{label: 结余, value: -12345678.9, unit: 元}", "{label: 志愿服务, value: 12345678, unit: 人次}",
                "{label: 解决群众急难愁盼问题, value: 1300, unit: 件, year: 2023}"]

# Tags of a few characters, and one longer than a phone's line.
TAGS = ["一老一小", "乡村振兴示范", "粮食生产", "农村电商直播", "党员先锋岗", "新时代文明实践", "稻虾共作",
        "党建引领乡村全面振兴暨农业农村现代化先行示范建设"]

# Each: a container, its logo, and its text block.
CARDS = [
    (".bs-card", ".bs-card__logo", ".bs-card__body"),
    ("ol.bs-newest a", "img", ".bs-newest__meta"),
]


def image(size, fmt) -> bytes:
    im = Image.new("RGB", size, (183, 28, 28))
    im.paste((255, 200, 60), (size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4))
    buf = io.BytesIO()
    im.save(buf, fmt)
    return buf.getvalue()


@pytest.fixture(scope="module")
def raster_site(tmp_path_factory):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = copy_sample(tmp_path_factory.mktemp("raster-logos"))
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("posters: true", "posters: false")
                   .replace("share_cards: true", "share_cards: false"), encoding="utf-8")
    for slug, (name, size) in LOGOS.items():
        folder = root / "brands" / slug
        brand = folder / "brand.yml"
        text = re.sub(r"^logo: .*$", f"logo: {name}", brand.read_text(encoding="utf-8"), flags=re.M)
        brand.write_text(text, encoding="utf-8")
        (folder / name).write_bytes(image(size, "PNG" if name.endswith(".png") else "JPEG"))
    slug, fields = LONG
    brand = root / "brands" / slug / "brand.yml"
    text = brand.read_text(encoding="utf-8")
    for key, value in fields.items():
        text = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M)
    text = text.replace("metrics:\n", "metrics:\n" + "".join(f"  - {m}\n" for m in LONG_METRICS), 1)
    text = re.sub(r"^tags: .*$", f"tags: [{', '.join(TAGS)}]", text, count=1, flags=re.M)
    brand.write_text(text, encoding="utf-8")
    # a tall photo in the story, as a phone takes a portrait of a wall painting
    (root / "brands" / slug / "photos" / "tall.png").write_bytes(image((400, 2400), "PNG"))
    story = root / "brands" / slug / "story.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n\n![墙绘](photos/tall.png)\n", encoding="utf-8")
    # and a portrait photo among a case's photos, next to a landscape one
    case = root / "brands" / slug / "cases" / f"{PORTRAIT_CASE}.md"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "photos: [../photos/wheat-field.jpg]", "photos: [../photos/wheat-field.jpg, ../photos/tall.png]"), encoding="utf-8")
    server, url = serve(root / "site")
    import os

    cwd = os.getcwd()
    os.chdir(root)
    try:
        build(load_config("mkdocs.yml", site_dir=str(root / "site"), site_url=url))
    finally:
        os.chdir(cwd)
    yield url
    server.shutdown()


def square(page, selector: str, where: str) -> None:
    box = page.locator(selector).first.bounding_box()
    assert box and box["width"] > 0 and abs(box["width"] - box["height"]) <= 1, (where, selector, box)


def boxes(page, card: str, logo: str, text: str) -> list[dict]:
    return page.evaluate(
        """([card, logo, text]) => [...document.querySelectorAll(card)].filter(c => c.offsetParent).map(c => {
            const l = c.querySelector(logo), t = c.querySelector(text);
            const lw = l ? l.getBoundingClientRect().width : 0, lh = l ? l.getBoundingClientRect().height : 0;
            return {html: c.outerHTML.slice(0, 160), logo: lw, logoH: lh, text: t ? t.getBoundingClientRect().width : -1};
        })""", [card, logo, text])


@pytest.mark.parametrize("width", [1280, 375])
def test_card_text_is_never_narrower_than_its_logo(contexts, raster_site, width):
    page = contexts.page(viewport={"width": width, "height": 900})
    seen = 0
    for path, name in (("", "home"), ("brands/", "gallery"), ("clusters/青禾先锋矩阵/", "cluster")):
        page.goto(raster_site + path)
        page.wait_for_load_state("load")
        screenshot(page, f"raster-logos-{name}-{width}")
        for card, logo, text in CARDS:
            for box in boxes(page, card, logo, text):
                seen += 1
                # The text has its own column beside the logo (not one squeezed under it).
                assert box["text"] >= 1.5 * box["logo"] > 0, (path, box)
                assert box["logoH"] <= box["logo"] * 1.01 + 1, (path, box)  # a fixed square box, whatever the image
    assert seen >= 10
    page.goto(raster_site)
    # The newest list: name and meta side by side with the logo, whatever markup the logo has.
    rows = page.evaluate("""[...document.querySelectorAll('ol.bs-newest a')].map(a => {
        const box = s => a.querySelector(s).getBoundingClientRect();
        return {html: a.outerHTML.slice(0, 120), logo: box('img'), name: box('.bs-newest__name'), meta: box('.bs-newest__meta')};
    })""")
    assert len(rows) >= 4
    for row in rows:
        assert row["name"]["top"] < row["logo"]["bottom"] and row["meta"]["top"] < row["logo"]["bottom"] - 8, row
    for slug in LOGOS:  # brand headers, partner cards, case headers
        page.goto(raster_site + f"brands/{slug}/")
        square(page, ".bs-brand-head__logo", slug)
        for card, logo, text in CARDS:
            for box in boxes(page, card, logo, text):
                assert box["text"] >= 1.5 * box["logo"] > 0, (slug, box)
        case = page.locator(".bs-case-card").first.get_attribute("href")
        page.goto(urljoin(page.url, case))
        square(page, ".bs-case-head__brand img", slug)
    screenshot(page, f"raster-logos-case-{width}")
    page.goto(raster_site + "brands/lin-li-hong-zhan/")
    screenshot(page, f"raster-logos-brand-{width}")
    # Search results: the tall and the wide logo.
    for query in ("白衣守望", "邻里红盏"):
        page.goto(raster_site + "search/?q=" + query)
        wait_until(page, "document.querySelector('.bs-search-logo')")
        found = boxes(page, ".bs-search-page__result__article", ".bs-search-logo", ".bs-search-text")
        assert found, "no search result with a logo"
        for box in found:
            assert box["text"] >= 1.5 * box["logo"] > 0 and box["logoH"] <= box["logo"] + 1, (query, box)
        screenshot(page, f"raster-logos-search-{width}")


def test_a_logo_named_with_spaces_is_shown_from_its_smaller_copies(browser, raster_site):
    """A srcset splits at spaces and commas: the logo 白衣 守望,标识.png must still be one
    candidate per copy, so the browser picks a small WebP, not the original. A context of its
    own: a browser may pick a larger copy it already holds in its cache."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    dropped = []
    page.on("console", lambda m: "srcset" in m.text and dropped.append(m.text))
    try:
        for path in ("brands/", "brands/bai-yi-shou-wang/"):
            page.goto(raster_site + path)
            page.wait_for_load_state("load")
            logo = page.locator("img[src*='%E7%99%BD%E8%A1%A3'], img[src*='白衣']").first
            logo.scroll_into_view_if_needed()
            logo.element_handle().wait_for_element_state("visible")
            page.wait_for_function("i => i.complete && i.currentSrc", arg=logo.element_handle())
            current = logo.evaluate("i => decodeURIComponent(i.currentSrc)")
            assert current.endswith(".webp") and "白衣 守望,标识." in current, (path, current)
        assert dropped == []
    finally:
        context.close()


WIDER = """() => [document.documentElement.scrollWidth, ...[...document.querySelectorAll(
    'h1, .bs-brand-head__slogan, .bs-brand-head__kicker, dl.bs-facts dd, .bs-card__name, .bs-card__body, .bs-case-head__meta, '
    + '.bs-metric, .bs-search-page__filter select')]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 1 || e.getBoundingClientRect().left < -1)
    .map(e => e.className || e.localName)]"""


def test_long_words_wrap_instead_of_widening_a_phone_page(contexts, raster_site):
    """A name, slogan, organisation or region with no place to break a line (Latin letters, an
    address) wraps where it must: the phone page never scrolls sideways and nothing is cut off."""
    from .conftest import PHONE

    page = contexts.page(**PHONE)
    slug, fields = LONG
    page.goto(raster_site + f"brands/{slug}/")
    assert fields["name"] in page.locator("h1").inner_text()
    case = urljoin(page.url, page.locator(".bs-case-card").first.get_attribute("href"))
    for url in (raster_site + f"brands/{slug}/", raster_site + "brands/", case, raster_site + "search/?q=党建", raster_site + "stats/"):
        page.goto(url)
        page.wait_for_load_state("load")
        if "search/" in url:  # the results page draws its filters (every region) with its results
            wait_until(page, "document.querySelectorAll('.bs-search-page__filter option').length > 3")
        width, *outside = page.evaluate(WIDER)
        assert width <= 375 and outside == [], (url, width, outside)
        # A chip on a card (the long region) ends inside its card: cut with "…", not by the card's edge.
        cut = page.evaluate("""() => [...document.querySelectorAll('.bs-card .bs-chip')].filter(c =>
            c.getBoundingClientRect().right > c.closest('.bs-card').getBoundingClientRect().right + 1).map(c => c.textContent)""")
        assert cut == [], (url, cut)
    page.goto(raster_site + f"brands/{slug}/")
    tiles = page.locator(".bs-metric__value").all_inner_texts()
    assert "3.5亿元" in tiles and "1万亿人次" in tiles, tiles
    # A unit (人次) and a year ((2023 年)) move to the next line whole, never split across two.
    split = page.evaluate("""() => [...document.querySelectorAll('.bs-metric__value small, .bs-metric__year')].filter(e => {
        const r = document.createRange(); r.selectNodeContents(e);
        const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
        return tops.size > 1 && e.textContent.length <= 8; }).map(e => e.textContent)""")
    assert split == [], split
    # The long organisation and region take the facts box's whole width, not a narrow column of it.
    widths = page.evaluate("""() => [...document.querySelectorAll('dl.bs-facts > div')].filter(d => d.textContent.includes('DONGHU'))
        .map(d => d.getBoundingClientRect().width / d.parentElement.getBoundingClientRect().width)""")
    assert len(widths) == 2 and min(widths) > 0.8, widths
    # The other facts share two even columns (a naming document kept whole squeezed the first to 71 px,
    # one or two characters a line), and nothing in them is cut off.
    cells = page.evaluate("""() => [...document.querySelectorAll('dl.bs-facts > div:not(.bs-facts__wide):not(.bs-facts__named)')].map(d => [
        d.getBoundingClientRect().width / d.parentElement.getBoundingClientRect().width,
        d.querySelector('dd').scrollWidth - d.querySelector('dd').clientWidth, d.textContent.trim().slice(0, 12)])""")
    shares = [share for share, _, _ in cells]
    assert cells and max(shares) - min(shares) < 0.02 and min(shares) > 0.3 and all(over <= 1 for _, over, _ in cells), cells
    page.goto(raster_site + f"brands/{slug}/")
    screenshot(page, "long-words-brand-375")


# Each tile's number and unit inside the tile: not cut by its edge, not over the next tile.
SPILLED = """() => [...document.querySelectorAll('.bs-metric')].flatMap(tile => {
  const box = tile.getBoundingClientRect();
  return [...tile.querySelectorAll('.bs-metric__num, .bs-metric__value small')].filter(part => {
    const r = part.getBoundingClientRect();
    return r.width && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
  }).map(part => tile.querySelector('.bs-metric__value').textContent);
})"""


@pytest.mark.parametrize("width,elder", [(375, False), (375, True), (1280, False), (1280, True)])
def test_every_number_and_unit_stays_inside_its_tile(contexts, raster_site, width, elder):
    """3456789 元 is 345.68万元; 12345678 元, 1234.57万元: on a phone two to a row, in 长辈模式 one,
    each number at a size that fits its tile, its unit beside it or below, never off the
    tile's edge or over the next one (the 万 of 1234.57万 was once covered, a value 10,000 times too small)."""
    page = contexts.page(viewport={"width": width, "height": 900}, locale="zh-CN")
    if elder:
        page.add_init_script("localStorage.setItem('brandsite.elder', '1')")
    page.goto(raster_site + f"brands/{LONG[0]}/")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.classList.contains('bs-elder')") == elder
    tiles = page.locator(".bs-metric__value").all_inner_texts()
    assert {"345.68万元", "1234.57万元", "123456人次", "-1234.57万元"} <= {t.replace("\n", "") for t in tiles}, tiles
    assert page.evaluate(SPILLED) == []
    if width == 375:
        keep_png(ARTIFACTS / f"metric-tiles-{width}{'-elder' if elder else ''}.png", page.locator(".bs-metrics").screenshot())


def test_a_tall_photo_in_the_story_stays_within_the_screen(contexts, raster_site):
    page = contexts.page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(raster_site + f"brands/{LONG[0]}/")
    img = page.locator("img[alt='墙绘']")
    img.scroll_into_view_if_needed()
    page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=img.element_handle())
    box = img.bounding_box()
    assert 0 < box["height"] <= 0.8 * 900 + 1, box


def test_a_tag_is_not_split_over_two_lines_on_a_phone(contexts, raster_site):
    """Tags are joined by 、 in the brand's facts: a line breaks between them, not inside one
    (一老一/小), unless a tag is longer than the line; nothing runs off the page."""
    page = contexts.page(viewport={"width": 375, "height": 800}, locale="zh-CN")
    page.goto(raster_site + f"brands/{LONG[0]}/")
    page.wait_for_load_state("load")
    lines = page.evaluate("""() => [...document.querySelectorAll('.bs-facts .bs-tag')].map(t => {
        const tops = new Set([...t.getClientRects()].map(r => Math.round(r.top)));
        return [t.textContent, tops.size, t.getBoundingClientRect().right];
    })""")
    assert [tag for tag, *_ in lines] == TAGS
    assert [tag for tag, rows, _ in lines if rows > 1] == [TAGS[-1]], lines
    assert max(right for *_, right in lines) <= 375 and page.evaluate("document.documentElement.scrollWidth") <= 375


PORTRAIT_CASE = "nong-ji-dui-qiang-shou-lao-ren-tian"


@pytest.mark.parametrize("width", [1280, 375])
def test_a_portrait_photo_of_a_case_is_shown_whole(contexts, raster_site, width):
    """The case's photo strip frames photos at 3:2, cut to fill the frame: a portrait photo would
    lose half its height (people's heads). It is shown whole, the landscape one still fills its frame."""
    page = contexts.page(viewport={"width": width, "height": 900}, locale="zh-CN")
    page.goto(raster_site + f"brands/{LONG[0]}/cases/{PORTRAIT_CASE}/")
    page.wait_for_load_state("load")
    photos = page.locator(".bs-photos img")
    for i in range(photos.count()):  # loading="lazy": each is loaded once scrolled to
        photos.nth(i).scroll_into_view_if_needed()
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=photos.nth(i).element_handle())
    shown = page.evaluate("""() => [...document.querySelectorAll('.bs-photos img')].map(i => {
        const r = i.getBoundingClientRect(), fit = getComputedStyle(i).objectFit;
        const scale = fit === 'contain' ? Math.min(r.width / i.naturalWidth, r.height / i.naturalHeight)
                                        : Math.max(r.width / i.naturalWidth, r.height / i.naturalHeight);
        return {src: i.currentSrc.split('/').pop(), fit, seenHeight: Math.min(1, r.height / (i.naturalHeight * scale))};
    })""")
    tall = [s for s in shown if s["src"].startswith("tall")]
    wide = [s for s in shown if s["src"].startswith("wheat-field")]
    assert tall and tall[0]["fit"] == "contain" and tall[0]["seenHeight"] > 0.99, shown
    assert wide and wide[0]["fit"] == "cover", shown
    screenshot(page, f"portrait-photo-case-{width}")


# Where a square logo's image corners fall in its frame: clipped when outside the frame's rounded corner.
CLIPPED = """() => [...document.querySelectorAll('img[src*="xin-qiao-yi-zhan/logo"]')].filter(i => i.offsetParent).map(i => {
    const s = getComputedStyle(i), box = i.getBoundingClientRect();
    const px = v => v.endsWith('%') ? parseFloat(v) / 100 * box.width : parseFloat(v);
    const r = px(s.borderTopLeftRadius), pad = Math.min(px(s.paddingLeft), px(s.paddingTop));
    const corner = r - pad;  // the image's corner, from the centre of the frame's rounded corner
    return {where: i.className || i.parentElement.className, clipped: pad < r && Math.hypot(corner, corner) > r + 0.5,
            radius: s.borderTopLeftRadius, padding: pad, width: box.width};
})"""


@pytest.mark.parametrize("width", [1280, 375])
def test_a_square_logo_is_shown_whole_in_every_frame(contexts, raster_site, width):
    """The guide asks for a square logo with little margin: its corners must not be cut off by
    the frame (a circle would cut them), on the home page, in the gallery, on the brand and case pages."""
    page = contexts.page(viewport={"width": width, "height": 900})
    seen = []
    page.goto(raster_site)
    seen += page.evaluate(CLIPPED)
    page.goto(raster_site + "brands/")
    seen += page.evaluate(CLIPPED)
    page.goto(raster_site + "brands/xin-qiao-yi-zhan/")
    seen += page.evaluate(CLIPPED)
    page.goto(urljoin(page.url, page.locator(".bs-case-card").first.get_attribute("href")))
    seen += page.evaluate(CLIPPED)
    assert len(seen) >= 4 and {s["where"] for s in seen} >= {"bs-card__logo", "bs-brand-head__logo"}, seen
    assert [s for s in seen if s["clipped"]] == [], [s for s in seen if s["clipped"]]
