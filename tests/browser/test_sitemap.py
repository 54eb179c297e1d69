"""What Material's instant navigation downloads on a first visit stays small."""

from __future__ import annotations

import re

from tests.browser.conftest import PageWatch


def test_first_visit_fetches_the_small_sitemap_and_cards_still_open_brands(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")  # a first visit: nothing cached
    page = context.new_page()
    page.watch = PageWatch(page, base_url)
    with page.expect_response(lambda r: r.url.endswith("/sitemap.xml")) as info:
        page.goto(base_url + "brands/")
    listed = re.findall(r"<loc>(.*?)</loc>", info.value.text())
    assert any(url.endswith("/brands/") for url in listed)
    assert not [url for url in listed if re.search(r"/brands/[^/]+/", url)]
    card = page.locator("[data-bs-grid] .bs-card").first
    name = card.locator(".bs-card__name").inner_text()
    card.click()  # not in sitemap.xml: an ordinary page load
    page.wait_for_selector(".bs-brand-head")
    assert page.locator(".bs-brand-head h1").inner_text().startswith(name)
    # Listings are in sitemap.xml, so instant navigation still swaps them in without a reload.
    page.wait_for_load_state("networkidle")  # Material reads sitemap.xml after the load
    page.evaluate("window.__bsSamePage = true")
    page.click(".md-tabs__link:has-text('品牌展示')")
    page.wait_for_selector("[data-bs-grid]")
    assert page.url.endswith("/brands/")
    assert page.evaluate("window.__bsSamePage === true")
    page.watch.assert_clean()
    context.close()
