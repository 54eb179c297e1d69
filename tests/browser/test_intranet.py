"""The built site on an intranet: no request leaves the site's own host, and a sub-path works."""

from __future__ import annotations

import re
import shutil

import pytest
from tests.browser.conftest import PageWatch, build_sample, serve, settled, wait_until

PAGES = ["", "brands/", "brands/lian-shang-xian-feng/", "clusters/", "stats/"]  # the editor guide is internal only


def own_origin_only(context, origin: str, blocked: list[str]) -> None:
    """Abort, and record, every request that would leave `origin` (as an intranet would)."""
    def handle(route):
        url = route.request.url
        if url.startswith(origin) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()
    context.route("**/*", handle)


def search(page, query: str) -> None:
    box = page.locator("input.md-search__input, input[type=search]").first
    if not box.is_visible():
        page.locator("label.md-header__button[for=__search], .md-search__icon").first.click()
    box.click()
    box.type(query, delay=30)
    # Results as you type: the index chunks and the shown results' fragments are loaded by then.
    wait_until(page, "document.querySelectorAll('.md-search-result__list a').length > 0")
    settled(page)


def visit_everything(browser, base: str) -> tuple[list[str], PageWatch]:
    blocked: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    own_origin_only(context, re.match(r"https?://[^/]+", base).group(0), blocked)
    page = context.new_page()
    watch = PageWatch(page, base)
    for path in PAGES:
        page.goto(base + path, wait_until="networkidle")
    page.goto(base + "brands/lian-shang-xian-feng/", wait_until="networkidle")
    cases = page.locator("a[href*='cases/']")
    if cases.count():
        cases.first.click()
        page.wait_for_load_state("networkidle")
    search(page, "连心")
    context.close()
    return blocked, watch


def test_no_request_leaves_the_site(browser, base_url):
    blocked, watch = visit_everything(browser, base_url)
    assert blocked == []
    watch.assert_clean()


@pytest.fixture(scope="module")
def sub_path_url(tmp_path_factory):
    """The sample site built for https://intranet.example/dangjian/, served under /dangjian/.
    Without posters and share cards: no page fetches them (they are links and a meta tag), and
    their QR codes and addresses would be drawn again for this site_url."""
    root = tmp_path_factory.mktemp("subpath")
    work = root / "work"
    work.mkdir()
    build_sample(work, site_url="https://intranet.example/dangjian/", artwork=False)
    site = work / "site"
    served = root / "www"
    served.mkdir()
    shutil.copytree(site, served / "dangjian")
    server, url = serve(served)
    yield url + "dangjian/"
    server.shutdown()


def test_site_works_under_a_sub_path(browser, sub_path_url):
    blocked, watch = visit_everything(browser, sub_path_url)
    assert blocked == []
    watch.assert_clean()  # no 404: every asset, page and search file resolved under /dangjian/
