"""The hostile corpus (tests/hostile/), built for real and loaded in Chromium: nothing may run.

Every page of the public and the internal build is opened. The test fails when a
dialog fires, when any element carries an `on*` attribute, when a link or source
uses a javascript:, vbscript: or data: URL, or when script is blocked by the
Content-Security-Policy (a sign that content tried to run some).
"""

from __future__ import annotations

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


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_nothing_runs_on_any_page(browser, hostile_sites, audience):
    site_dir = hostile_sites / f"site-{audience}"
    server, url = serve(site_dir)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    dialogs, violations = [], []
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(f"{page.url}: {m.text[:200]}"))
    live = []
    try:
        pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
        assert len(pages) > 20
        for rel in pages:
            page.goto(url + rel, wait_until="load")
            page.evaluate(AFTER_LOAD)
            live += [f"{rel}: {found}" for found in page.evaluate(LIVE)]
    finally:
        context.close()
        server.shutdown()
    assert dialogs == []
    assert live == []
    assert violations == []
