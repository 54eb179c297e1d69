"""The page chrome rendered once per kind of brand page (plugins/brandsite/chrome.py)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from tests import conftest
from tests.conftest import build_site, copy_sample

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
    parts = chrome.install(environment, [str(folder)], [str(folder)])
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
    parts = chrome.install(environment, [str(folder)], [str(folder)])
    assert render(environment, title="甲", base_url=".") == "<title>甲</title>[config 1 .][nav 2 .]甲"
    assert render(environment, title="乙", base_url=".") == "<title>乙</title>[config 3 .][nav 4 .]乙"
    assert parts.hits == 0


def test_nothing_is_cached_when_the_site_overrides_a_partial(env, tmp_path):
    environment, folder, calls = env
    own = theme(tmp_path / "site", **{"partials__footer.html": "{{ page.title }}"})
    assert chrome.overridden([str(own), str(folder)], [str(folder)]) == [str(own / "partials" / "footer.html")]
    assert chrome.install(environment, [str(own), str(folder)], [str(folder)]) is None


def test_untrusted_folders_with_templates_turn_the_cache_off(env, tmp_path):
    environment, folder, calls = env
    assert chrome.install(environment, [str(folder)], [str(tmp_path / "elsewhere")]) is None
    # A site's own main.html only extends the theme: the parts stay the theme's.
    own = theme(tmp_path / "site", **{"main.html": "{% extends 'base.html' %}"})
    assert chrome.overridden([str(own), str(folder)], [str(folder)]) == []


def test_sample_site_is_the_same_with_and_without_the_cache(tmp_path, monkeypatch):
    """Every page of the sample site, byte for byte, against a build without the cache."""
    installed = []
    install = chrome.install

    def counting(*args, **kwargs):
        installed.append(install(*args, **kwargs))
        return installed[-1]

    def build(name: str) -> dict[str, bytes]:
        (tmp_path / name).mkdir()
        root = copy_sample(tmp_path / name)
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config

        monkeypatch.chdir(root)
        mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
        return {str(p.relative_to(root / "site")): p.read_bytes() for p in sorted((root / "site").rglob("*.html"))}

    monkeypatch.setattr(chrome, "install", counting)
    cached = build("cached")
    monkeypatch.setattr(chrome, "install", lambda *a, **k: None)
    plain = build("plain")
    assert installed and installed[0] is not None and installed[0].hits > 20
    assert sorted(cached) == sorted(plain) and len(cached) > 40
    assert [rel for rel in cached if cached[rel] != plain[rel]] == []


def test_a_site_override_that_reads_the_page_still_shows_each_page(tree, monkeypatch):
    tree.brand()
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育", "organization: 青禾区政务服务中心党支部": "organization: 东湖街道红桥社区党委"})
    (tree.root / "overrides" / "partials").mkdir(parents=True)
    (tree.root / "overrides" / "partials" / "footer.html").write_text("<footer>页脚:{{ page.title }}</footer>", encoding="utf-8")
    monkeypatch.setattr(conftest, "SITE_YML", conftest.SITE_YML.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"))
    site = build_site(tree.root)
    assert "<footer>页脚:连心桥</footer>" in (site / "brands" / "lian-xin-qiao" / "index.html").read_text(encoding="utf-8")
    assert "<footer>页脚:红桥</footer>" in (site / "brands" / "hong-qiao" / "index.html").read_text(encoding="utf-8")
