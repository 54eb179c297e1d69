"""The page chrome rendered once per kind of brand page (plugins/brandsite/chrome.py)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from tests import conftest
from tests.conftest import build_root, build_site, copy_sample

from brandsite import chrome


def theme(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "theme"
    for rel, text in files.items():
        path = folder / rel.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


BASE = """<title>{{ title }}</title>{% block config %}[config {{ count() }} {{ base_url }}]{% endblock %}\
{% include "partials/nav.html" %}{% block content %}{{ title }}{% endblock %}"""


@pytest.fixture
def env(tmp_path):
    folder = theme(tmp_path, **{"base.html": BASE, "partials__nav.html": "[nav {{ count() }} {{ base_url }}]",
                                "page.html": "{% extends 'base.html' %}"})
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader([str(folder)]))
    calls = []
    environment.globals["count"] = lambda: calls.append(1) or len(calls)
    return environment, folder, calls


def render(environment, **context) -> str:
    return environment.get_template("page.html").render(**context)


def test_parts_are_rendered_once_per_kind_and_base_url(env):
    environment, folder, calls = env
    parts = chrome.install(environment, [str(folder)], [str(folder)], theme="material")
    assert parts is not None
    first = render(environment, title="甲", base_url="../..", **{chrome.KEY: "brand"})
    second = render(environment, title="乙", base_url="../..", **{chrome.KEY: "brand"})
    # The page's own parts stay its own; the block and the partial are the first page's.
    assert first == "<title>甲</title>[config 1 ../..][nav 2 ../..]甲"
    assert second == "<title>乙</title>[config 1 ../..][nav 2 ../..]乙"
    assert parts.hits == 2 and len(calls) == 2
    # Another kind, or another depth, is rendered afresh.
    assert render(environment, title="丙", base_url="../..", **{chrome.KEY: "case"}) == \
        "<title>丙</title>[config 3 ../..][nav 4 ../..]丙"
    assert render(environment, title="丁", base_url="../../../..", **{chrome.KEY: "case"}) == \
        "<title>丁</title>[config 5 ../../../..][nav 6 ../../../..]丁"


def test_pages_without_the_key_render_everything(env):
    environment, folder, calls = env
    parts = chrome.install(environment, [str(folder)], [str(folder)], theme="material")
    assert render(environment, title="甲", base_url=".") == "<title>甲</title>[config 1 .][nav 2 .]甲"
    assert render(environment, title="乙", base_url=".") == "<title>乙</title>[config 3 .][nav 4 .]乙"
    assert parts.hits == 0


def test_nothing_is_cached_when_the_site_overrides_a_partial(env, tmp_path):
    environment, folder, calls = env
    own = theme(tmp_path / "site", **{"partials__footer.html": "{{ page.title }}"})
    assert chrome.overridden([str(own), str(folder)], [str(folder)]) == [str(own / "partials" / "footer.html")]
    assert chrome.install(environment, [str(own), str(folder)], [str(folder)], theme="material") is None


def test_untrusted_folders_with_templates_turn_the_cache_off(env, tmp_path):
    environment, folder, calls = env
    assert chrome.install(environment, [str(folder)], [str(tmp_path / "elsewhere")], theme="material") is None
    # A site's own main.html only extends the theme: the parts stay the theme's.
    own = theme(tmp_path / "site", **{"main.html": "{% extends 'base.html' %}"})
    assert chrome.overridden([str(own), str(folder)], [str(folder)]) == []


def test_only_material_is_cached(env):
    environment, folder, calls = env
    # readthedocs' base.html writes the page's name and path into its `libs` block.
    assert chrome.install(environment, [str(folder)], [str(folder)], theme="readthedocs") is None


def test_links_into_a_brand_folder_turn_the_cache_off(env):
    environment, folder, calls = env
    slugs = ["hong-qiao", "lian-xin-qiao"]
    links = ["index.md", "brands/", "brands/index.html", "brands/page/2/", "https://example.org/brands/hong-qiao/",
             "/brands/hong-qiao/", "guide/hong-qiao/", "brands/hong-qiao/", "./brands/lian-xin-qiao/cases/x/"]
    assert chrome.links_into(links, "brands", slugs) == ["brands/hong-qiao/", "./brands/lian-xin-qiao/cases/x/"]
    assert chrome.links_into(["a/b/hong-qiao/", "a/hong-qiao/"], "a/b", slugs) == ["a/b/hong-qiao/"]
    # As MkDocs' url filter reads them: ../ resolved or dropped at the top, backslashes as slashes.
    odd = ["../brands/hong-qiao/", "brands/x/../hong-qiao/", "brands\\hong-qiao\\", "brands/hong-qiao/../", "#brands/hong-qiao/"]
    assert chrome.links_into(odd, "brands", slugs) == odd[:3]
    assert chrome.install(environment, [str(folder)], [str(folder)], theme="material", links=links, slugs=slugs) is None
    assert chrome.install(environment, [str(folder)], [str(folder)], theme="material", links=links[:7], slugs=slugs)


def test_nav_links_open_sections():
    class Item:
        def __init__(self, url=None, children=None):
            self.url, self.children = url, children

    nav = [Item("index.md"), Item(None, [Item("guide/"), Item(None, [Item("brands/hong-qiao/")])])]
    assert list(chrome.nav_links(nav)) == ["index.md", "guide/", "brands/hong-qiao/"]


def built_pages(root: Path, monkeypatch, *, cache: bool) -> tuple[dict[str, bytes], chrome.Chrome | None]:
    installed = [None]
    install = chrome.install

    def counting(*args, **kwargs):
        installed[0] = install(*args, **kwargs) if cache else None
        return installed[0]

    with monkeypatch.context() as patch:
        patch.setattr(chrome, "install", counting)
        site = build_root(root)
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}, installed[0]


def differing(make, tmp_path: Path, monkeypatch) -> tuple[list[str], chrome.Chrome | None, int]:
    """Build the site `make(root)` writes with and without the cache; the pages that differ."""
    roots = []
    for name in ("cached", "plain"):
        (tmp_path / name).mkdir()
        roots.append(make(tmp_path / name))
    cached, parts = built_pages(roots[0], monkeypatch, cache=True)
    plain, _ = built_pages(roots[1], monkeypatch, cache=False)
    assert sorted(cached) == sorted(plain)
    return [rel for rel in cached if cached[rel] != plain[rel]], parts, len(cached)


def test_sample_site_is_the_same_with_and_without_the_cache(tmp_path, monkeypatch):
    """Every page of the sample site, byte for byte, against a build without the cache."""
    pages, parts, count = differing(copy_sample, tmp_path, monkeypatch)
    assert pages == [] and count > 40
    assert parts is not None and parts.hits > 20


def two_brands(nav: str, features: str = "", extra: str = ""):
    def make(root: Path) -> Path:
        tree = conftest.BrandTree(root)
        tree.brand()
        tree.brand("hong-qiao", **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育",
                                   "organization: 青禾区政务服务中心党支部": "organization: 东湖街道红桥社区党委"})
        (root / "docs").mkdir()
        (root / "docs" / "index.md").write_text("# 首页\n\n正文。\n", encoding="utf-8")
        yml = conftest.SITE_YML.format(audience="public").split("nav:")[0]
        yml = yml.replace("  font: false\n", f"  font: false\n  features: [{features}]\n")
        (root / "mkdocs.yml").write_text(yml + extra + nav, encoding="utf-8")
        return root
    return make


def test_a_nav_link_into_one_brand_is_right_on_every_page(tmp_path, monkeypatch):
    # From 连心桥's pages the link must lead to 红桥, not back to 连心桥's own page.
    nav = "validation: {nav: {not_found: info}}\nnav:\n  - index.md\n  - brands/index.md\n  - 明星品牌: brands/hong-qiao/\n"
    pages, parts, _ = differing(two_brands(nav), tmp_path, monkeypatch)
    assert pages == [] and parts is None


@pytest.mark.parametrize("extra", ["extra: {homepage: brands/hong-qiao/}\n",
                                   "extra: {polyfills: [brands/hong-qiao/logo.svg]}\n"])
def test_a_home_link_or_script_into_one_brand_is_right_on_every_page(tmp_path, monkeypatch, extra):
    nav = "nav:\n  - index.md\n  - brands/index.md\n"
    pages, parts, _ = differing(two_brands(nav, extra=extra), tmp_path, monkeypatch)
    assert pages == [] and parts is None


def test_without_a_nav_setting_brand_pages_share_their_chrome(tmp_path, monkeypatch):
    # MkDocs' automatic nav gives every page a section and neighbours, which navigation.footer
    # shows; brandsite unlinks the brand and case pages when it prunes them (plugin._unlink).
    pages, parts, _ = differing(two_brands("", "navigation.footer"), tmp_path, monkeypatch)
    assert pages == [] and parts is not None and parts.hits > 0


def test_a_page_with_a_section_or_neighbours_is_not_marked():
    from types import SimpleNamespace

    from brandsite.plugin import BrandsitePlugin

    plugin = BrandsitePlugin()
    plugin.chrome = chrome.Chrome()
    plugin.chrome_kinds = {"brands/a/index.md": "brand"}

    def context(**links):
        page = SimpleNamespace(file=SimpleNamespace(src_uri="brands/a/index.md"),
                               **{"parent": None, "previous_page": None, "next_page": None, **links})
        return plugin.on_page_context({}, page=page, config=None, nav=None)

    assert context()[chrome.KEY] == "brand"
    for link in ("parent", "previous_page", "next_page"):
        assert chrome.KEY not in context(**{link: object()}), link


def test_a_site_override_that_reads_the_page_still_shows_each_page(tree, monkeypatch):
    tree.brand()
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育", "organization: 青禾区政务服务中心党支部": "organization: 东湖街道红桥社区党委"})
    (tree.root / "overrides" / "partials").mkdir(parents=True)
    (tree.root / "overrides" / "partials" / "footer.html").write_text("<footer>页脚:{{ page.title }}</footer>", encoding="utf-8")
    monkeypatch.setattr(conftest, "SITE_YML", conftest.SITE_YML.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"))
    site = build_site(tree.root)
    assert "<footer>页脚:连心桥</footer>" in (site / "brands" / "lian-xin-qiao" / "index.html").read_text(encoding="utf-8")
    assert "<footer>页脚:红桥</footer>" in (site / "brands" / "hong-qiao" / "index.html").read_text(encoding="utf-8")
