"""The statistics page and the internal review table in a real browser."""

from __future__ import annotations

import pytest
from tests.browser.conftest import DESKTOP, PHONE, PageWatch, build_sample, screenshot, serve


def test_stats_page_draws_every_chart_offline(page, base_url):
    page.goto(base_url + "stats/")
    charts = page.locator("figure.bs-chart svg.bs-chart__svg--wide")
    assert charts.count() == 6 and page.locator("svg.bs-chart__svg--narrow").first.bounding_box() is None
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box and box["width"] > 300 and box["height"] > 20
    # Each chart names itself and has a table with one row per bar.
    first = page.locator("figure.bs-chart").first
    assert first.locator("svg.bs-chart__svg--wide > title").text_content() == "各类别品牌数"
    assert first.locator("svg.bs-chart__svg--wide rect").count() == first.locator("table tbody tr").count()
    # The longest bar belongs to the largest number in the table.
    widths = first.locator("svg.bs-chart__svg--wide rect").evaluate_all("rs => rs.map(r => r.getBBox().width)")
    values = [int(v) for v in first.locator("table tbody td").all_text_contents()]
    assert widths.index(max(widths)) == values.index(max(values))
    screenshot(page, "stats")
    page.watch.assert_clean()


def test_each_charts_table_is_folded_under_it_until_asked_for(contexts, base_url):
    """Six charts each followed by their whole table made a phone's page very long: the table
    (the chart's text alternative) opens from 查看数据表 under its chart."""
    page = contexts.page(**{**PHONE, "viewport": {"width": 375, "height": 740}})
    page.watch = PageWatch(page, base_url)
    page.goto(base_url + "stats/")
    tables = page.locator("figure.bs-chart table.bs-chart__table")
    assert tables.count() == 6 and not any(tables.nth(i).is_visible() for i in range(6))
    folded = page.evaluate("document.documentElement.scrollHeight")
    page.locator("figure.bs-chart summary").first.click()
    assert tables.first.is_visible() and not tables.nth(1).is_visible()
    assert page.evaluate("document.documentElement.scrollHeight") > folded
    page.watch.assert_clean()


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_the_charts_text_stays_readable(contexts, base_url, width):
    """The wide chart would set its labels at about 7 px on a phone: the narrow one is shown
    instead, every label and number at 12 px or more, none past the chart's edge."""
    page = contexts.page(**{**PHONE, "viewport": {"width": width, "height": 740}})
    page.watch = PageWatch(page, base_url)
    page.goto(base_url + "stats/")
    assert page.locator("svg.bs-chart__svg--wide").first.bounding_box() is None
    narrow = page.locator("svg.bs-chart__svg--narrow")
    assert narrow.count() == 6
    for i in range(narrow.count()):
        svg = narrow.nth(i)
        box = svg.bounding_box()
        assert box and box["x"] + box["width"] <= width
        texts = svg.locator("text").evaluate_all(
            "ts => ts.map(t => { const r = t.getBoundingClientRect(); return [r.height, r.right]; })")
        assert texts and min(h for h, _ in texts) >= 12, texts
        assert max(right for _, right in texts) <= box["x"] + box["width"] + 1, texts
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"stats-{width}")
    page.watch.assert_clean()


@pytest.fixture(scope="module")
def internal_url(tmp_path_factory):
    """The internal sample site, built for the address it is served at (so instant navigation applies).
    Without posters and share cards: drawn for this address, and these tests look at tables only."""
    root = tmp_path_factory.mktemp("internal")
    server, url = serve(root / "site")
    build_sample(root, "internal", site_url=url, artwork=False)
    yield url
    server.shutdown()


def test_review_table_sorts_by_a_column(contexts, internal_url):
    page = contexts.page(**DESKTOP)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(internal_url + "review/")
    totals = lambda: [int(t) for t in page.locator(".bs-review__total").all_text_contents()]  # noqa: E731
    first = totals()
    assert len(first) == 15 and first == sorted(first)  # lowest first: most in need of guidance
    page.get_by_role("button", name="总分").click()
    assert totals() == sorted(first, reverse=True)
    assert page.locator("th[aria-sort=descending]").text_content().strip() == "总分"
    page.get_by_role("button", name="总分").click()
    assert totals() == sorted(first)
    # The guidance, what an organisation department acts on, is in view without scrolling sideways.
    guidance = page.locator(".bs-review th", has_text="指导建议").bounding_box()
    assert guidance and guidance["x"] + 100 <= page.locator(".bs-review").bounding_box()["x"] + page.locator(".bs-review").bounding_box()["width"]
    screenshot(page, "review")
    assert errors == []


def test_review_table_fits_a_desktop_and_keeps_the_names_in_view_on_a_phone(contexts, internal_url):
    """At 1280 px every column is in view (the score columns' headings wrap); on a phone the
    table scrolls sideways inside its frame, not the page, and the brand names stay at its left."""
    page = contexts.page(**DESKTOP)
    page.goto(internal_url + "review/")
    frame = page.locator(".bs-review").bounding_box()
    last = page.locator(".bs-review thead th").last.bounding_box()
    assert last["x"] + last["width"] <= frame["x"] + frame["width"] + 1, (last, frame)
    assert not page.locator(".bs-review__swipe").is_visible()  # nothing to swipe
    phone = contexts.page(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    phone.goto(internal_url + "review/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    # the table scrolls sideways with nothing to show it: a line above it says so
    assert phone.locator(".bs-review__swipe").is_visible()
    assert "左右滑动" in phone.locator(".bs-review__swipe").inner_text()
    scrolled = phone.evaluate("""() => { const s = [...document.querySelectorAll('.bs-review, .bs-review *')]
        .filter(e => e.scrollWidth > e.clientWidth + 5 && getComputedStyle(e).overflowX !== 'visible');
        s.forEach(e => { e.scrollLeft = e.scrollWidth; }); return s.length; }""")
    assert scrolled == 1  # one scroller, or the sticky column moves with the outer one
    name = phone.locator(".bs-review tbody th a").first.bounding_box()
    assert name and name["x"] >= 0 and name["x"] + name["width"] <= 375, name
    screenshot(phone, "review-375-scrolled")


def test_review_table_sorts_after_instant_navigation(contexts, internal_url):
    """Reached from the stats page without a reload, the table still sorts: no script of its own to miss."""
    page = contexts.page(**DESKTOP)
    page.watch = PageWatch(page, internal_url)
    page.goto(internal_url + "stats/")
    page.wait_for_load_state("networkidle")  # Material reads sitemap.xml after the load
    page.evaluate("window.__bsSamePage = true")
    page.click(".bs-stats-lead .bs-internal a")
    page.wait_for_selector(".bs-review")
    assert page.evaluate("window.__bsSamePage === true")  # swapped in by instant navigation, no full reload
    totals = lambda: [int(t) for t in page.locator(".bs-review__total").all_text_contents()]  # noqa: E731
    first = totals()
    page.get_by_role("button", name="总分").click()
    assert totals() == sorted(first, reverse=True) != first
    page.get_by_role("button", name="品牌").click()
    assert page.locator("th[aria-sort=ascending]").text_content().strip() == "品牌"
    page.watch.assert_clean()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 1024, "height": 768}])
def test_in_elder_mode_the_charts_text_grows_with_the_page(contexts, base_url, viewport):
    """长辈模式 makes the page's text half as large again; the charts' text grows with it (the narrow
    drawing, labels above the bars, is shown wide enough for it), none past the chart's edge, and
    the text of the tables under them too."""
    page = contexts.page(viewport=viewport)
    page.watch = PageWatch(page, base_url)
    page.add_init_script("localStorage.setItem('brandsite.elder', '1')")
    page.goto(base_url + "stats/")
    assert page.evaluate("document.documentElement.classList.contains('bs-elder')")
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    shown = [svg for svg in page.locator("svg.bs-chart__svg").all() if svg.bounding_box()]
    assert len(shown) == 6
    for svg in shown:
        box = svg.bounding_box()
        texts = svg.locator("text").evaluate_all(
            "ts => ts.map(t => { const r = t.getBoundingClientRect(); return [r.height, r.right]; })")
        # A line box is about 1.2 times the font size: the chart's text at least the body's.
        assert texts and min(h for h, _ in texts) >= body * 1.1, (body, texts)
        assert max(right for _, right in texts) <= box["x"] + box["width"] + 1, texts
    # and so does the table under each chart
    cells = page.locator(".bs-chart__table td").evaluate_all("cs => cs.map(c => parseFloat(getComputedStyle(c).fontSize))")
    assert cells and min(cells) >= body * 0.9, (body, cells)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"stats-elder-{viewport['width']}")
    page.watch.assert_clean()
