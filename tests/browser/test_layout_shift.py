"""Nothing on the showcase pages jumps after the first paint (Lighthouse's CLS).

Layout-shift entries are recorded by a PerformanceObserver installed before any
page script runs; the gallery's filter form, for one, needs scripts but must be
laid out from the first paint, or the whole card grid moves down under the thumb.
"""

from __future__ import annotations

import time

import pytest

OBSERVE = """
window.__bsShifts = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) {
    if (!e.hadRecentInput) window.__bsShifts.push({value: e.value, nodes: (e.sources || []).map(s => s.node ? s.node.className || s.node.nodeName : "?")});
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("path", ["", "brands/", "brands/lin-li-hong-zhan/", "brands/lin-li-hong-zhan/cases/"])
def test_no_layout_shift_after_first_paint(phone, base_url, path):
    phone.add_init_script(OBSERVE)
    # Scripts arrive late, as on a slow phone network: the first paint happens before they run.
    phone.route("**/*.js", lambda route: (time.sleep(0.4), route.continue_()))
    phone.goto(base_url + path)
    phone.wait_for_load_state("load")
    phone.wait_for_timeout(500)
    shifts = phone.evaluate("window.__bsShifts")
    total = sum(s["value"] for s in shifts)
    # 0.1 is the "good" threshold of Cumulative Layout Shift; the gallery used to shift by 0.24.
    assert total < 0.02, shifts


def test_gallery_filters_are_laid_out_before_scripts_run(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "brands/")
        # Without scripts the filters cannot work, so they stay hidden.
        assert not page.is_visible("[data-bs-filters]")
    finally:
        context.close()


@pytest.mark.parametrize("query", ["网格", "qxzqxz"])
def test_results_arriving_on_the_search_page_move_nothing_already_shown(phone, base_url, query):
    """The results page draws its results after Pagefind has loaded: the footer under the empty
    list jumped down by most of a phone's screen (CLS 0.17)."""
    phone.add_init_script(OBSERVE)
    phone.goto(base_url + "search/?q=" + query)
    phone.wait_for_function("() => /结果/.test(document.querySelector('.bs-search-page__status').textContent)")
    phone.wait_for_timeout(500)
    shifts = phone.evaluate("window.__bsShifts")
    assert sum(s["value"] for s in shifts) < 0.02, shifts
    # and no screen of blank space kept for results that did not come: with none, the footer is in view
    assert phone.is_visible(".md-footer")
    if query == "qxzqxz":  # nothing found
        assert phone.evaluate("document.querySelector('.md-footer').getBoundingClientRect().top < innerHeight")


def test_the_search_pages_footer_shows_without_its_script_or_with_a_stalled_engine(phone, base_url):
    """The footer (the site's record numbers) waits for the results: it stayed hidden for good
    when search.js did not run, and as long as a stalled Pagefind kept the page searching."""
    phone.route("**/search.js", lambda route: route.abort())
    phone.goto(base_url + "search/?q=网格")
    phone.wait_for_load_state("load")
    assert phone.is_visible(".md-footer")
    phone.unroute("**/search.js")
    phone.route("**/pagefind/pagefind.js", lambda route: None)  # never answered
    phone.goto(base_url + "search/?q=网格")
    phone.wait_for_function("() => getComputedStyle(document.querySelector('.md-footer')).visibility === 'visible'",
                            timeout=8000)
