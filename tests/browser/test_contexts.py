"""The kept browser contexts (conftest.Contexts): a test finds nothing another test left.

The two tests run in this order on one worker (a module stays on one worker); the
second gets a page in the same kept context as the first."""

from __future__ import annotations

from tests.browser.conftest import DESKTOP


def test_a_test_leaves_storage_and_cookies_behind(contexts, base_url):
    page = contexts.page(**DESKTOP)
    page.goto(base_url)
    page.evaluate("localStorage.setItem('brandsite.elder', '1'); document.cookie = 'left=1; path=/'")
    # a cookie the page sets reaches the browser's store a moment later (once in 1,500 runs, not yet)
    for _ in range(50):
        if page.context.cookies():
            break
        page.wait_for_timeout(50)
    assert page.context.cookies() and page.evaluate("localStorage.getItem('brandsite.elder')") == "1"


def test_the_next_test_in_the_same_context_finds_none_of_it(contexts, base_url):
    page = contexts.page(**DESKTOP)
    page.goto(base_url)
    assert len(page.context.pages) == 2   # its own page and the context's blank one: the last test's are closed
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.getItem('brandsite.elder')") is None
    assert not page.evaluate("document.documentElement.classList.contains('bs-elder')")


def test_a_tab_a_test_opened_is_closed_after_it(contexts, base_url):
    page = contexts.page(**DESKTOP)
    page.goto(base_url)
    with page.context.expect_page() as opened:
        page.evaluate("url => window.open(url)", base_url + "brands/")
    opened.value.wait_for_load_state()
    opened.value.evaluate("localStorage.setItem('brandsite.elder', '1')")
    assert len(page.context.pages) == 3


def test_the_next_test_finds_neither_the_tab_nor_its_storage(contexts, base_url):
    page = contexts.page(**DESKTOP)
    page.goto(base_url)
    assert len(page.context.pages) == 2
    assert page.evaluate("localStorage.getItem('brandsite.elder')") is None
