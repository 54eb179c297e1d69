"""The Content-Security-Policy <meta> every page carries (csp.py)."""

from __future__ import annotations

import pytest

import base64
import hashlib
import logging
import re

from tests.conftest import build_site

from brandsite.site import csp

PAGE = """<!doctype html><html><head>
<meta charset="utf-8">
<script>var theme=1</script>
<script id="__config" type="application/json">{"a": 1}</script>
<script src="x.js"></script>
</head><body>
<div class="md-content"><article class="md-content__inner md-typeset">
<p>text</p><script>alert(1)</script>
</article></div>
<script>var tabs=2</script>
</body></html>"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_theme_scripts_outside_the_content_are_hashed():
    assert csp.inline_hashes(PAGE) == [sha("var theme=1"), sha("var tabs=2")]


def test_policy_goes_right_after_the_charset():
    out = csp.add_policy(PAGE)
    head = out.split("<head>", 1)[1]
    assert head.lstrip().startswith('<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy"')
    policy = re.search(r"http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\"", head).group(1)
    scripts = policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "'unsafe-inline'" not in scripts and sha("alert(1)") not in scripts
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert csp.add_policy(out) == out  # once only


@pytest.mark.parametrize("where, text", [
    ("content", '<p>http-equiv="Content-Security-Policy"</p></article>'),
    # a slogan in the page's description: inside another tag's attribute, in <head>
    ("head", '<meta name="description" content="一党员护一段 http-equiv=Content-Security-Policy">\n</head>'),
    ("head", "<meta name=\"description\" content='x http-equiv=\"Content-Security-Policy\" y'>\n</head>"),
])
def test_text_that_spells_out_the_tag_does_not_stop_the_policy(where, text):
    page = PAGE.replace("</article>" if where == "content" else "</head>", text, 1)
    assert page != PAGE
    assert csp.add_policy(page).count('<meta http-equiv="Content-Security-Policy" content="default-src') == 1


def test_a_policy_the_theme_puts_in_the_head_is_kept():
    page = PAGE.replace("</head>", '<meta http-equiv="content-security-policy" content="default-src \'none\'">\n</head>', 1)
    assert csp.add_policy(page) == page


def test_every_built_page_carries_the_policy(tree):
    tree.brand()
    site = build_site(tree.root)
    pages = list(site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert meta, page
        assert html.index("Content-Security-Policy") < html.index("<script"), page
        for source in csp.inline_hashes(html):
            assert source in meta.group(1)


def test_a_preview_has_no_policy_so_live_reload_runs(tree):
    """`mkdocs serve` injects its live-reload script inline into every page it serves; a
    policy would block it, and editors would wait for a reload that never comes."""
    import os

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    tree.brand()
    build_site(tree.root)  # writes mkdocs.yml and docs/
    config = load_config(str(tree.root / "mkdocs.yml"), site_dir=str(tree.root / "preview"))
    plugin = config.plugins["brandsite"]
    plugin.on_startup(command="serve", dirty=False)
    cwd = os.getcwd()
    os.chdir(tree.root)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        os.chdir(cwd)
        # MkDocs keeps a plugin that has on_startup for the process's later builds (serve reuses it).
        plugin.on_startup(command="build", dirty=False)
    page = (tree.root / "preview" / "brands" / "lian-xin-qiao" / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" not in page
    built = (tree.root / "site" / "brands" / "lian-xin-qiao" / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in built


def test_the_policy_approves_no_script_a_setting_could_bring(tree):
    """Inline scripts outside the article are hashed as the theme's: the settings the theme writes
    into every page as they are (copyright as HTML) are refused when they hold markup, so no
    script can get there; a footer of words and a link is built as written."""
    from mkdocs.exceptions import Abort

    tree.brand()
    footer = '© 2026 <a href="https://example.org/zhuban/" target="_blank" rel="noopener">主办单位</a><br>青川县'
    site = build_site(tree.root, extra_yml=f"copyright: '{footer}'\nsite_description: 《一支部一品牌》展示\n")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert footer in home and 'content="《一支部一品牌》展示"' in home
    for setting in ("copyright: '本站<script>alert(1)</script>'", "site_description: '\"><script>alert(1)</script>'",
                    "site_author: '<img src=x onerror=alert(1)>'"):  # each its own words: MkDocs drops a repeated message
        said = _Said()
        logging.getLogger("mkdocs").addHandler(said)  # MkDocs logs the plugin's error, then aborts
        try:
            with pytest.raises(Abort):
                build_site(tree.root, extra_yml=setting + "\n")
        finally:
            logging.getLogger("mkdocs").removeHandler(said)
        assert re.search(r"mkdocs\.yml:1[34]: (copyright|site_description|site_author)（", said.text), said.text


class _Said(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.text = ""

    def emit(self, record):
        self.text += record.getMessage() + "\n"
