"""The foundation's pages in a real browser: gallery filters, pages render cleanly."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from tests.browser.conftest import screenshot, wait_until


def visible_cards(page) -> list[str]:
    return page.eval_on_selector_all(".bs-grid[data-bs-grid] .bs-card:not([hidden])", "els => els.map(e => e.dataset.category + '|' + e.dataset.stage)")


def test_gallery_filters_narrow_cards_and_live_in_the_url(page, base_url):
    page.goto(base_url + "brands/")
    all_cards = visible_cards(page)
    assert len(all_cards) >= 12
    page.select_option("select[name=category]", "社区")
    shown = visible_cards(page)
    assert shown and all(c.startswith("社区|") for c in shown) and len(shown) < len(all_cards)
    assert parse_qs(urlsplit(page.url).query)["category"] == ["社区"]
    stage = shown[0].split("|")[1]
    page.select_option("select[name=stage]", stage)
    combined = visible_cards(page)
    assert combined == [c for c in shown if c.endswith("|" + stage)]
    page.reload()
    assert visible_cards(page) == combined
    assert page.input_value("select[name=category]") == "社区"
    page.go_back()
    assert visible_cards(page) == shown
    page.watch.assert_clean()


def options(page, key: str) -> list[str]:
    return page.eval_on_selector_all(f"select[name={key}] option", "els => els.map(e => e.value)")


@pytest.mark.parametrize(("key", "value"), [("category", "无此类别"), ("year", "1999"), ("stage", "试点")])
def test_filter_that_matches_nothing_says_so(page, base_url, key, value):
    """A shared link to a value the drop-down does not list (no brand has it) still filters:
    no cards, the empty message, a count that says it is filtered, the value shown as chosen."""
    page.goto(base_url + "brands/")
    total, listed = len(visible_cards(page)), options(page, key)
    page.goto(base_url + f"brands/?{key}={value}")
    assert visible_cards(page) == []
    assert page.is_visible("[data-bs-empty]")
    assert page.text_content("[data-bs-count]") == f"共 0 个品牌（已筛选，全部 {total} 个）"
    assert page.input_value(f"select[name={key}]") == value
    assert value in page.eval_on_selector(f"select[name={key}]", "s => s.selectedOptions[0].textContent")
    assert parse_qs(urlsplit(page.url).query)[key] == [value]
    # Choosing another value takes an unlisted one out of the list again.
    page.select_option(f"select[name={key}]", "")
    assert len(visible_cards(page)) == total and page.is_hidden("[data-bs-empty]")
    assert options(page, key) == listed
    assert key not in parse_qs(urlsplit(page.url).query)
    page.go_back()
    assert visible_cards(page) == [] and page.input_value(f"select[name={key}]") == value
    page.click(".bs-filters button[type=reset]")
    wait_until(page, "!location.search")
    assert len(visible_cards(page)) == total
    page.watch.assert_clean()


def test_a_long_value_from_the_address_is_shown_cut(page, base_url):
    """Anyone can write a link's value: the drop-down shows a few characters of it, not a sentence."""
    value = "本站已迁移请访问另一个网址查看全部品牌"
    page.goto(base_url + f"brands/?category={value}")
    assert visible_cards(page) == [] and page.input_value("select[name=category]") == value
    shown = page.eval_on_selector("select[name=category]", "s => s.selectedOptions[0].textContent")
    assert shown == value[:12] + "…（暂无品牌）", shown
    page.watch.assert_clean()


def test_home_category_chip_leads_to_filtered_gallery(page, base_url):
    page.goto(base_url)
    assert page.locator(".bs-grid .bs-card").count() >= 3  # model brands
    chip = page.locator(".bs-chips--large .bs-chip").first
    category = chip.inner_text().split()[0]
    chip.click()
    page.wait_for_url("**/brands/?category=*")
    # Instant navigation swaps the page in, then the gallery script filters it: wait for that.
    wait_until(page, "document.querySelector('[data-bs-filters]') && document.querySelector('[data-bs-filters]').dataset.bsReady"
               " && document.querySelectorAll('[data-bs-grid] .bs-card:not([hidden])').length > 0", timeout=10_000)
    assert set(c.split("|")[0] for c in visible_cards(page)) == {category}
    page.watch.assert_clean()


@pytest.mark.parametrize("path", ["", "brands/"])
def test_screenshots_desktop_and_phone(page, phone, base_url, path):
    name = path.strip("/") or "home"
    for p, size in ((page, "1280"), (phone, "375")):
        p.goto(base_url + path)
        assert p.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), f"{name} scrolls sideways at {size}px"
        screenshot(p, f"{name}-{size}")
        p.watch.assert_clean()
