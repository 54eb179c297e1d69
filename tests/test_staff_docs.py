"""The editor guide (docs/guide/) and deployment docs (docs/deploy/) are for staff:
the public site leaves them out everywhere unless `staff_docs: public`; the
internal site and the `mkdocs serve` preview keep them."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, copy_sample
from .test_search import all_index_bytes, fragments

STAFF_PAGES = sorted(p.relative_to(ROOT / "docs").as_posix() for d in ("guide", "deploy") for p in (ROOT / "docs" / d).glob("*.md"))
STAFF_TITLES = ["编辑指南", "字段说明", "看懂错误信息", "部署与发布"]


def html_of(src: str) -> str:
    return src[:-len("index.md")] + "index.html" if src.endswith("index.md") else src[:-3] + "/index.html"


def build(root, audience, *, serve=False, site="site"):
    import os

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    cwd, before = os.getcwd(), os.environ.get("BRANDSITE_AUDIENCE")
    os.chdir(root)
    os.environ["BRANDSITE_AUDIENCE"] = audience
    config = load_config("mkdocs.yml", site_dir=str(root / site), strict=True)
    try:
        if serve:  # as `mkdocs serve` builds: drafts are rendered for the preview
            config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/" if serve else None)
    finally:
        if serve:
            config.plugins.on_startup(command="build", dirty=False)  # plugin instances outlive this test
        os.chdir(cwd)
        if before is None:
            os.environ.pop("BRANDSITE_AUDIENCE", None)
        else:
            os.environ["BRANDSITE_AUDIENCE"] = before
    return root / site


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("staff-docs"))
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("posters: true", "posters: false").replace("share_cards: true", "share_cards: false"), encoding="utf-8")
    return root


def nav_of(page: str) -> str:
    """The tabs and the primary nav of a page (from the tabs to the page's own table of contents)."""
    start = page.index('<nav class="md-tabs"')
    return page[start:page.index('md-sidebar--secondary', start)]


def test_public_build_has_no_staff_page_anywhere(sample):
    assert "guide/index.md" in STAFF_PAGES and "deploy/index.md" in STAFF_PAGES
    site = build(sample, "public")
    assert not (site / "guide").exists() and not (site / "deploy").exists()  # pages and deploy/nginx.conf
    assert not (site / "admin").exists()  # the web editor (Sveltia CMS): never on the public site
    assert (site / "index.html").is_file() and (site / "brands/index.html").is_file()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'href="[^"]*(guide|deploy)/', html), page
    stats = (site / "stats/index.html").read_text(encoding="utf-8")
    for title in STAFF_TITLES:
        assert title not in nav_of(stats)
    for sitemap in site.glob("sitemap*.xml"):
        assert not re.search(r"/(guide|deploy)/", sitemap.read_text(encoding="utf-8")), sitemap
    urls = fragments(site)
    assert urls and not [u for u in urls if re.search(r"/(guide|deploy)/", u)]
    titles = {f["meta"].get("title", "") for f in urls.values()}
    assert not titles & {"编辑指南", "字段说明", "看懂错误信息", "本地预览与发布", "部署与发布"}
    assert "brandsite check".encode() not in all_index_bytes(site)


def test_internal_build_and_the_preview_keep_the_guide(sample):
    for site in (build(sample, "internal", site="site-internal"), build(sample, "public", serve=True, site="site-serve")):
        for src in STAFF_PAGES:
            assert (site / html_of(src)).is_file(), (site, src)
        nav = nav_of((site / "stats/index.html").read_text(encoding="utf-8"))
        assert all(title in nav for title in STAFF_TITLES), site
    # The web editor: in the preview; not in an internal build without a Git host to sign in to (cms_backend).
    assert (sample / "site-serve/admin/index.html").is_file() and (sample / "site-serve/admin/config.yml").is_file()
    assert not (sample / "site-internal/admin").exists()
    urls = fragments(sample / "site-internal")
    assert "/guide/" in urls and "/deploy/" in urls


def test_staff_docs_public_puts_them_on_the_public_site(sample):
    yml = sample / "mkdocs.yml"
    before = yml.read_text(encoding="utf-8")
    yml.write_text(before.replace("audience: public", "audience: public\n      staff_docs: public"), encoding="utf-8")
    try:
        site = build(sample, "public", site="site-open")
    finally:
        yml.write_text(before, encoding="utf-8")
    assert all((site / html_of(src)).is_file() for src in STAFF_PAGES)
    assert "编辑指南" in nav_of((site / "stats/index.html").read_text(encoding="utf-8"))
    assert "/guide/" in fragments(site)


def test_a_public_build_does_not_log_the_left_out_staff_docs_in_english(sample, caplog):
    """MkDocs notes every nav entry naming a file left out of the build; for the staff docs that
    is intended, and ten English lines would bury the content problems. Other files' notes pass."""
    import logging

    (sample / "docs" / "drafted.md").write_text("# 草稿\n", encoding="utf-8")
    text = (sample / "mkdocs.yml").read_text(encoding="utf-8")
    (sample / "mkdocs.yml").write_text(text.replace("nav:\n", "draft_docs: |\n  drafted.md\nnav:\n  - 草稿: drafted.md\n", 1),
                                       encoding="utf-8")
    try:
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            build(sample, "public", site="site-quiet")
    finally:
        (sample / "mkdocs.yml").write_text(text, encoding="utf-8")
        (sample / "docs" / "drafted.md").unlink()
    notes = [r.getMessage() for r in caplog.records if r.getMessage().startswith("A reference to")]
    assert notes == ["A reference to 'drafted.md' is included in the 'nav' configuration, but this file is excluded from the built site."]
