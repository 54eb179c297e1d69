"""Accessibility: axe-core (bundled by axe-playwright-python, loaded from disk) and keyboard-only use."""

from __future__ import annotations

import pytest
from tests.browser.conftest import DESKTOP, settled
from tests.browser.showcase import SAMPLE_BRAND, SAMPLE_CASE

PAGES = {"home": "", "gallery": "brands/", "brand": f"brands/{SAMPLE_BRAND}/",
         "case": f"brands/{SAMPLE_BRAND}/cases/{SAMPLE_CASE}/"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_axe_violations(contexts, base_url, axe, name, scheme):
    page = contexts.page(**DESKTOP, color_scheme=scheme)
    page.goto(base_url + PAGES[name])
    settled(page)  # Material's tab bar fades in: contrast is measured on the final colours
    results = axe.run(page)
    violations = results.response["violations"]
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in violations
           if v["impact"] in ("serious", "critical")]
    assert bad == [], bad
    assert results.response["testEngine"]["name"] == "axe-core"
    assert page.get_attribute("html", "lang") == "zh"


def tab_until(page, predicate: str, limit: int = 60) -> list[str]:
    """Press Tab until `predicate` (JS, given the focused element `el`) holds; return what was focused."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        el = page.evaluate("(() => { const el = document.activeElement; return el.name || el.className || el.tagName; })()")
        seen.append(el)
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return seen
    raise AssertionError(f"not reached in {limit} tabs: {seen}")


def focus_ring(page) -> str:
    return page.evaluate("""(() => { const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? s.outlineStyle + ' ' + s.outlineWidth : ''; })()""")


def test_keyboard_reaches_filters_then_cards_with_visible_focus(page, base_url):
    page.goto(base_url + "brands/")
    page.locator("body").click(position={"x": 5, "y": 300})   # start from the page, not the address bar
    seen = tab_until(page, "el.name === 'category'")
    assert focus_ring(page), "the category filter shows no focus ring"
    page.keyboard.press("ArrowDown")   # a select changes with the keyboard alone
    assert page.input_value("select[name=category]") != ""
    page.keyboard.press("Home")
    page.select_option("select[name=category]", "")
    seen = tab_until(page, "el.classList.contains('bs-card')")
    assert "stage" in seen and "region" in seen and "year" in seen, seen   # every filter lies on the way
    assert focus_ring(page), "a focused card shows no focus ring"
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/brands/*/")
    assert page.url.endswith(href.lstrip("./").lstrip("../"))
    page.watch.assert_clean()


def test_keyboard_reaches_category_chips_and_model_brands_on_home(page, base_url):
    page.goto(base_url)
    page.locator("body").click(position={"x": 5, "y": 600})
    page.evaluate("window.scrollTo(0, 0); document.activeElement.blur()")
    tab_until(page, "el.classList.contains('bs-chip')", limit=80)
    assert focus_ring(page)
    tab_until(page, "el.classList.contains('bs-card')", limit=80)
    assert focus_ring(page)
