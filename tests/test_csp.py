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


@pytest.fixture
def theme(tmp_path) -> csp.TemplateScripts:
    """The scripts a theme's templates hold: Material's storage helpers take the site's base URL."""
    (tmp_path / "partials").mkdir()
    (tmp_path / "base.html").write_text("<head><script>var theme=1</script></head>", encoding="utf-8")
    (tmp_path / "partials" / "tabs.html").write_text("{% if x %}<script>var tabs=2</script>{% endif %}", encoding="utf-8")
    (tmp_path / "partials" / "scope.html").write_text('<script>__md_scope=new URL("{{ base_url }}",location)</script>', encoding="utf-8")
    (tmp_path / "redirect.html").write_text('<script>window.location.replace(["{{ page.meta.location }}",window.location.search]'
                                            '.join(""))</script>', encoding="utf-8")
    return csp.TemplateScripts([tmp_path])


def test_only_theme_scripts_outside_the_content_are_hashed(theme):
    assert csp.inline_hashes(PAGE, theme) == [sha("var theme=1"), sha("var tabs=2")]


def test_a_script_no_template_holds_gets_no_hash_wherever_it_is(theme):
    """What a value printed as it is brings (a nav title, a theme option, front matter) is outside
    the article too: it is not the theme's, so the policy does not allow it."""
    page = PAGE.replace("</body>", '<nav>数据看板<script>alert(1)</script></nav>\n'
                                   '<script>__md_scope=new URL("../..",location)</script>\n'
                                   '<script>__md_scope=new URL("x",location),alert(1),new URL("",location)</script></body>')
    assert csp.inline_hashes(page, theme) == [sha("var theme=1"), sha("var tabs=2"), sha('__md_scope=new URL("../..",location)')]


def test_policy_goes_right_after_the_charset(theme):
    out = csp.add_policy(PAGE, theme)
    head = out.split("<head>", 1)[1]
    assert head.lstrip().startswith('<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy"')
    policy = re.search(r"http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\"", head).group(1)
    scripts = policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "'unsafe-inline'" not in scripts and sha("alert(1)") not in scripts
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert csp.add_policy(out, theme) == out  # once only


@pytest.mark.parametrize("where, text", [
    ("content", '<p>http-equiv="Content-Security-Policy"</p></article>'),
    # a slogan in the page's description: inside another tag's attribute, in <head>
    ("head", '<meta name="description" content="一党员护一段 http-equiv=Content-Security-Policy">\n</head>'),
    ("head", "<meta name=\"description\" content='x http-equiv=\"Content-Security-Policy\" y'>\n</head>"),
])
def test_text_that_spells_out_the_tag_does_not_stop_the_policy(theme, where, text):
    page = PAGE.replace("</article>" if where == "content" else "</head>", text, 1)
    assert page != PAGE
    assert csp.add_policy(page, theme).count('<meta http-equiv="Content-Security-Policy" content="default-src') == 1


def test_a_policy_the_theme_puts_in_the_head_is_kept(theme):
    page = PAGE.replace("</head>", '<meta http-equiv="content-security-policy" content="default-src \'none\'">\n</head>', 1)
    assert csp.add_policy(page, theme) == page


def test_every_built_page_carries_the_policy_and_allows_every_script_of_the_theme(tree):
    """Each inline script outside the article of a built page is the theme's (Material's, this
    plugin's), so each is allowed by its hash: the allowlist read from the templates misses none."""
    tree.brand()
    site = build_site(tree.root, extra_yml="theme:\n  name: material\n  language: zh\n  font: false\n"
                                           "  palette:\n    - scheme: default\n      toggle: {icon: material/brightness-7, name: 夜间}\n"
                                           "    - scheme: slate\n      toggle: {icon: material/brightness-4, name: 日间}\n")
    pages = list(site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert meta, page
        assert html.index("Content-Security-Policy") < html.index("<script"), page
        begin, end = csp._content_span(html)
        for m in csp._SCRIPT.finditer(html):
            if not (begin <= m.start() < end) and "src=" not in m.group(1) and "application/json" not in m.group(1):
                assert sha(m.group(2)) in meta.group(1), (page, m.group(2)[:80])


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


def test_a_nav_title_or_a_theme_option_that_holds_markup_is_refused(tree):
    """Material prints nav titles and theme options as they are, outside the article: markup there
    is refused, by the build as by the check (the policy would not run its script, but a
    <meta http-equiv="refresh"> it does not govern sent every visitor to another host)."""
    from mkdocs.exceptions import Abort

    tree.brand()
    said = _Said()
    logging.getLogger("mkdocs").addHandler(said)
    try:
        with pytest.raises(Abort):
            build_site(tree.root, extra_yml="nav:\n  - '首页<script>alert(\"nav\")</script>': index.md\n  - 品牌展示: brands/index.md\n"
                                            "extra:\n  consent:\n    title: 'Cookie<script>alert(\"consent\")</script>'\n"
                                            "    description: 说明\n")
    finally:
        logging.getLogger("mkdocs").removeHandler(said)
    assert re.search(r"mkdocs\.yml:\d+: nav（导航）里的“首页<script>", said.text), said.text
    assert re.search(r"mkdocs\.yml:\d+: extra\.consent\.title 里有英文的 \"、<、> 符号", said.text), said.text


@pytest.mark.parametrize("location, allowed", [("../brands/", True), ("/dangjian/brands/", True),
                                               ("http://evil.example/", False), ("//evil.example/", False),
                                               ("javascript:alert(1)", False)])
def test_a_theme_script_may_take_a_path_of_this_site_but_no_other_address(theme, location, allowed):
    """Material's redirect page takes its address from front matter; its script, allowed wherever
    it stands, must not send visitors to another site (a nav title brought it onto every page)."""
    body = f'window.location.replace(["{location}",window.location.search].join(""))'
    page = PAGE.replace("</body>", f"<nav><script>{body}</script></nav></body>")
    assert (sha(body) in csp.inline_hashes(page, theme)) == allowed
