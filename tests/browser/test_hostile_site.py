"""The hostile corpus (tests/hostile/), built for real and loaded in Chromium: nothing may run.

Every page of the public and the internal build is opened. The test fails when a
dialog fires, when any element carries an `on*` attribute, when a link or source
uses a javascript:, vbscript: or data: URL, or when script is blocked by the
Content-Security-Policy (a sign that content tried to run some).

An internal page whose HTML is the public page's byte for byte, and every file
the public page fetched is the same in both sites, behaves as the public page did:
it is counted as seen rather than opened again (about half the internal pages).
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest

from tests.browser.conftest import serve

# What the page's scripts scheduled at load (a task, then the next frame) runs before the page is read.
AFTER_LOAD = """async () => {
  await new Promise(done => setTimeout(done, 0));
  await new Promise(done => requestAnimationFrame(() => done()));
}"""

LIVE = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const name of el.getAttributeNames()) {
      const value = (el.getAttribute(name) || "").replace(/[\\x00-\\x20]/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(`<${el.localName} ${name}>`);
      if (["href", "src", "action", "formaction", "xlink:href", "srcdoc", "data"].includes(name)
          && /^(javascript|vbscript|data):/.test(value)
          && !(["img", "link"].includes(el.localName) && value.startsWith("data:image/")))  // an inline icon runs nothing
        found.push(`<${el.localName} ${name}=${value.slice(0, 40)}>`);
    }
  }
  return found;
}"""


@pytest.fixture
def hostile_sites(hostile_built):
    root, _, _, public, internal = hostile_built
    for result in (public, internal):
        assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return root


def walk(browser, site_dir, skip=lambda rel: False):
    """Open every page of site_dir but those skip() names; returns what ran or was refused,
    the pages opened, and for each the site's files it fetched (paths under the site)."""
    server, url = serve(site_dir)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    dialogs, violations, live = [], [], []
    fetched: dict[str, set[str]] = {}
    current: set[str] = set()
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(f"{page.url}: {m.text[:200]}"))
    page.on("request", lambda r: r.url.startswith(url) and current.add(unquote(urlsplit(r.url).path)))
    try:
        pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
        assert len(pages) > 20
        for rel in pages:
            if skip(rel):
                continue
            current.clear()
            page.goto(url + rel, wait_until="load")
            page.evaluate(AFTER_LOAD)
            live += [f"{rel}: {found}" for found in page.evaluate(LIVE)]
            assert "/" + rel in current, f"{rel}: its own request was not seen, so neither were its files"
            fetched[rel] = set(current)
    finally:
        context.close()
        server.shutdown()
    return dialogs + live + violations, fetched


def same_file(a, b) -> bool:
    return a.is_file() and b.is_file() and a.read_bytes() == b.read_bytes()


def test_nothing_runs_on_any_page(browser, hostile_sites):
    public, internal = hostile_sites / "site-public", hostile_sites / "site-internal"
    ran, fetched = walk(browser, public)
    assert ran == [], ran

    def seen(rel: str) -> bool:
        """Opened on the public site already: the same page, fetching the same files."""
        if rel not in fetched or not same_file(public / rel, internal / rel):
            return False
        files = [path.lstrip("/") + ("index.html" if path.endswith("/") else "") for path in fetched[rel]]
        return all(same_file(public / f, internal / f) for f in files)

    ran, opened = walk(browser, internal, skip=seen)
    assert ran == [], ran
    # The internal site's own pages (internal brands and cases, the review) are all opened.
    own = {p.relative_to(internal).as_posix() for p in internal.rglob("*.html")} - set(fetched)
    assert "review/index.html" in own and own <= set(opened)
