"""Incremental rebuilds: `serve --dirty` rebuilds only what changed, and the result
is the same site a full build makes. (`brandsite build` is always a full build:
tests/test_publish.py.)"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from benchmarks.pagediff import differences
from tests.conftest import CONNOTATION, build_site, check

from brandsite.content.load import load_catalog
from brandsite.content.memo import FolderMemo
from brandsite.content.model import DEFAULT_CATEGORIES, Problem


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture
def two_brands(tree):
    tree.brand()
    tree.brand("hong-qiao", **{"name: 连心桥": "name: 红桥", "category: 机关": "category: 社区"})
    return tree


class Preview:
    """Rebuilds as `mkdocs serve --dirty` makes them: one plugin instance, dirty builds into one folder."""

    def __init__(self, root: Path, extra_nav: str = "", audience: str = "public"):
        from mkdocs.config import load_config

        self.root = root
        build_site(root, audience, extra_yml=extra_nav)  # writes mkdocs.yml and docs/; a first, clean build
        self.site = root / "site"
        self.config = load_config(str(root / "mkdocs.yml"), site_dir=str(self.site))
        self.plugin = self.config.plugins["brandsite"]
        self.config.plugins.on_startup(command="serve", dirty=True)

    def rebuild(self):
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        cwd = os.getcwd()
        os.chdir(self.root)
        try:
            config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
            assert config.plugins["brandsite"] is self.plugin  # serve keeps the instance
            build(config, dirty=True)
        finally:
            os.chdir(cwd)
        if self.plugin.build.session.indexer is not None:
            self.plugin.build.session.indexer.wait(120)
        return self.plugin

    def close(self):
        self.config.plugins.on_startup(command="build", dirty=False)  # the instance is shared by later tests


@pytest.fixture
def preview(two_brands):
    p = Preview(two_brands.root)
    p.rebuild()  # the first dirty build has no record yet: a full one
    yield p
    p.close()


def test_memo_reads_again_only_the_changed_folder(two_brands):
    memo = FolderMemo()
    first, problems = load_catalog(two_brands.brands, DEFAULT_CATEGORIES, memo=memo)
    assert (memo.hits, memo.misses) == (0, 2)
    again, again_problems = load_catalog(two_brands.brands, DEFAULT_CATEGORIES, memo=memo)
    assert (memo.hits, memo.misses) == (2, 0)
    assert again == first and again_problems == problems
    yml = two_brands.brands / "hong-qiao" / "brand.yml"
    yml.write_text(read(yml).replace("name: 红桥", "name: 红桥新"), encoding="utf-8")
    changed, _ = load_catalog(two_brands.brands, DEFAULT_CATEGORIES, memo=memo)
    assert (memo.hits, memo.misses) == (1, 1)
    assert changed.get("hong-qiao").name == "红桥新"
    assert changed == check(two_brands)[0]


def test_memo_keeps_problems_of_unchanged_folders(two_brands):
    yml = two_brands.brands / "hong-qiao" / "brand.yml"
    yml.write_text(read(yml).replace("category: 社区", "category: 街道"), encoding="utf-8")
    memo = FolderMemo()
    _, problems = load_catalog(two_brands.brands, DEFAULT_CATEGORIES, memo=memo)
    catalog, again = load_catalog(two_brands.brands, DEFAULT_CATEGORIES, memo=memo)
    assert (memo.hits, memo.misses) == (2, 0)
    assert [str(p) for p in again] == [str(p) for p in problems] == [str(p) for p in check(two_brands)[1]]
    assert any("街道" in str(p) and p.level == "error" for p in again)
    assert [b.slug for b in catalog] == ["lian-xin-qiao"]


def test_near_duplicates_from_the_memo_match_a_fresh_check(tree):
    tree.brand()
    tree.brand("er", **{"name: 连心桥": "name: 暖心桥", CONNOTATION: CONNOTATION})
    tree.brand("san", **{"name: 连心桥": "name: 先锋岗"})
    memo = FolderMemo()
    load_catalog(tree.brands, DEFAULT_CATEGORIES, memo=memo)
    _, with_memo = load_catalog(tree.brands, DEFAULT_CATEGORIES, memo=memo)
    fresh = check(tree)[1]
    assert [str(p) for p in with_memo] == [str(p) for p in fresh]
    # the copy is told: er, its folder not named after 暖心桥 (lian-xin-qiao is 连心桥's)
    assert [p.slug for p in fresh if p.kind == "near-duplicate"] == ["er"]
    # copy the connotation into a third brand: only its pairs are new, and it is found
    yml = tree.brands / "san" / "brand.yml"
    other = read(tree.brands / "lian-xin-qiao" / "brand.yml")
    text = read(yml)
    start = text.index("connotation:")
    end = text.index("\n", text.index("\n", start) + 1)
    yml.write_text(text[:start] + other[other.index("connotation:"):other.index("\n", other.index("\n", other.index("connotation:")) + 1)] + text[end:], encoding="utf-8")
    _, with_memo = load_catalog(tree.brands, DEFAULT_CATEGORIES, memo=memo)
    fresh = check(tree)[1]
    assert [str(p) for p in with_memo] == [str(p) for p in fresh]
    assert sorted(p.slug for p in fresh if p.kind == "near-duplicate") == ["er", "san"]


def test_renamed_brand_shows_everywhere_and_other_pages_are_left_alone(preview, two_brands):
    other = preview.site / "brands" / "lian-xin-qiao" / "index.html"
    before = other.stat().st_mtime_ns
    yml = two_brands.brands / "hong-qiao" / "brand.yml"
    yml.write_text(read(yml).replace("name: 红桥", "name: 红桥改名"), encoding="utf-8")
    plugin = preview.rebuild()
    assert plugin.build.session.mode == "incremental"
    assert plugin.build.session.memo.misses == 1 and plugin.build.session.memo.hits == 1
    assert "红桥改名" in read(preview.site / "brands" / "hong-qiao" / "index.html")
    assert "红桥改名" in read(preview.site / "brands" / "index.html")
    assert "红桥改名" in read(preview.site / "index.html")  # the home page's counts and lists
    assert other.stat().st_mtime_ns == before  # not rebuilt: nothing it shows changed
    assert plugin.build.generator.store.reused >= 2  # lian-xin-qiao's page and case were not rendered again
    assert gc.get_freeze_count() > 0  # from the first rebuild on, the preview's long-lived state is out of full collections


def test_deleted_and_added_brands(preview, two_brands):
    import shutil

    shutil.rmtree(two_brands.brands / "hong-qiao")
    preview.rebuild()
    assert not (preview.site / "brands" / "hong-qiao").exists()
    assert "红桥" not in read(preview.site / "brands" / "index.html")
    assert "hong-qiao" not in read(preview.site / "sitemap.xml")
    two_brands.brand("xin-de", **{"name: 连心桥": "name: 新的品牌"})
    preview.rebuild()
    assert "新的品牌" in read(preview.site / "brands" / "xin-de" / "index.html")
    assert "新的品牌" in read(preview.site / "brands" / "index.html")


def test_error_brand_leaves_the_preview_and_comes_back(preview, two_brands):
    yml = two_brands.brands / "hong-qiao" / "brand.yml"
    good = read(yml)
    yml.write_text(good.replace("category: 社区", "category: 街道"), encoding="utf-8")
    preview.rebuild()
    stand_in = read(preview.site / "brands" / "hong-qiao" / "index.html")  # the problems, not the brand
    assert "改正之前网站上不会显示它" in stand_in and "红桥" not in stand_in
    gallery = read(preview.site / "brands" / "index.html")
    assert "brands/hong-qiao/brand.yml:4" in gallery  # the preview lists the problem
    yml.write_text(good, encoding="utf-8")
    preview.rebuild()
    assert "红桥" in read(preview.site / "brands" / "hong-qiao" / "index.html")
    assert "brands/hong-qiao/brand.yml:4" not in read(preview.site / "brands" / "index.html")


def test_a_change_outside_brands_makes_a_full_rebuild(preview, two_brands):
    config = two_brands.root / "mkdocs.yml"
    config.write_text(read(config).replace("site_name: 测试站点", "site_name: 改名站点"), encoding="utf-8")
    plugin = preview.rebuild()
    assert plugin.build.session.mode == "full"
    assert "改名站点" in read(preview.site / "brands" / "lian-xin-qiao" / "index.html")


def test_search_index_is_skipped_when_no_page_changed(preview, two_brands):
    plugin = preview.rebuild()
    assert plugin.build.session.index_skips >= 1
    assert (preview.site / "pagefind" / "pagefind-entry.json").is_file()
    runs = plugin.build.session.index_runs
    yml = two_brands.brands / "hong-qiao" / "brand.yml"
    yml.write_text(read(yml).replace("name: 红桥", "name: 红桥二"), encoding="utf-8")
    preview.rebuild()
    assert plugin.build.session.index_runs == runs + 1


def test_page_store_writes_in_the_background_and_keeps_unchanged_files(tmp_path):
    from brandsite.site.pagestore import PageStore

    store = PageStore(tmp_path)
    assert store.put("brands/a/index.md", "# 甲", key="k1") is None  # new: MkDocs takes it from memory
    store.save({"brands/a/index.md"})
    store.wait()
    page = tmp_path / "brands/a/index.md"
    assert page.read_text(encoding="utf-8") == "# 甲"
    # Older than any HTML this build writes, so the next dirty build may skip the page.
    assert page.stat().st_mtime == pytest.approx(store.stamp, abs=1e-3)

    again = PageStore(tmp_path)
    assert again.fresh("brands/a/index.md", "k1") == str(page)
    assert again.put("brands/a/index.md", "# 甲", key="k1") == str(page)  # same content: the file stays
    assert again.written == 0 and again.kept == 1


def test_page_store_never_vouches_for_a_half_done_rewrite(tmp_path):
    from brandsite.site.pagestore import PageStore

    first = PageStore(tmp_path)
    first.put("a.md", "旧", key="old")
    first.save({"a.md"})
    first.wait()

    second = PageStore(tmp_path)
    second.put("a.md", "新", key="new")
    (tmp_path / "blocked").write_text("a file where a folder must go", encoding="utf-8")
    second.put("blocked/b.md", "乙", key="b")
    second.save({"a.md", "blocked/b.md"})
    with pytest.raises(OSError):
        second.wait()  # a.md was rewritten, then b.md failed

    third = PageStore(tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "新"
    # What the store knew was forgotten before a.md was rewritten: no stale reuse.
    assert third.fresh("a.md", "old") is None
    assert "a.md" not in third.entries


def test_a_check_per_brand_runs_again_only_for_the_changed_folder(two_brands):
    memo = FolderMemo()
    scanned = []

    def scan(brands):
        scanned.append(sorted(b.slug for b in brands))
        return [Problem(f"brands/{b.slug}/logo.svg", 1, "有问题", "warning", b.slug) for b in brands]

    catalog, _ = load_catalog(two_brands.brands, DEFAULT_CATEGORIES, memo=memo)
    first = memo.by_brand("media", catalog, scan)
    assert memo.by_brand("media", catalog, scan) == first
    assert scanned == [["hong-qiao", "lian-xin-qiao"]]  # once, for both at once
    yml = two_brands.brands / "hong-qiao" / "brand.yml"
    yml.write_text(read(yml).replace("name: 红桥", "name: 红桥新"), encoding="utf-8")
    catalog, _ = load_catalog(two_brands.brands, DEFAULT_CATEGORIES, memo=memo)
    assert sorted(map(str, memo.by_brand("media", catalog, scan))) == sorted(map(str, first))
    assert scanned[1:] == [["hong-qiao"]]
    # What `keep` refuses (a timeout, say) is scanned again next time.
    assert memo.by_brand("media", catalog, scan, keep=lambda found: False) == first
    memo.by_brand("other", catalog, scan, keep=lambda found: False)
    memo.by_brand("other", catalog, scan, keep=lambda found: False)
    assert scanned[-2:] == [["hong-qiao", "lian-xin-qiao"]] * 2


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """A cache folder of the test's own, for a test that looks into it: the shared one
    (conftest.py) is written by other tests, on other workers at the same time."""
    monkeypatch.setenv("BRANDSITE_CACHE_DIR", str(tmp_path / "own-cache"))


def test_serve_rebuilds_reuse_the_compiled_theme_templates(own_cache, preview, two_brands):
    """MkDocs makes a new template environment per build; the compiled templates are kept
    (Jinja's bytecode cache), so a save does not compile Material's templates again."""
    cache = preview.plugin.build.cache_dir / "jinja"
    compiled = {p: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(compiled) >= 5  # base.html, main.html, the partials...
    yml = two_brands.brands / "hong-qiao" / "brand.yml"
    yml.write_text(read(yml).replace("name: 红桥", "name: 红桥三"), encoding="utf-8")
    preview.rebuild()
    assert "红桥三" in read(preview.site / "brands" / "hong-qiao" / "index.html")
    assert {p: p.stat().st_mtime_ns for p in cache.iterdir()} == compiled  # nothing compiled again


# -- a dirty rebuild against a full build of the same content ---------------

GUIDE_NAV = """\
  - 编辑指南:
      - guide/index.md
      - 字段说明: guide/fields.md
"""


def test_a_dirty_rebuild_after_a_brand_edit_shows_what_a_full_build_shows(two_brands, monkeypatch):
    # Internal: a public preview shows the editor guide as a draft, which a public build leaves out.
    monkeypatch.setenv("BRANDSITE_AUDIENCE", "internal")
    root = two_brands.root
    (root / "docs" / "guide").mkdir(parents=True)
    (root / "docs" / "guide" / "index.md").write_text("# 编辑指南\n\n写给编辑的说明。\n", encoding="utf-8")
    (root / "docs" / "guide" / "fields.md").write_text("# 字段说明\n\n每个字段的含义。\n", encoding="utf-8")
    preview = Preview(root, extra_nav=GUIDE_NAV)
    try:
        preview.rebuild()  # no record yet: a full one
        yml = two_brands.brands / "hong-qiao" / "brand.yml"
        yml.write_text(read(yml).replace("name: 红桥", "name: 红桥改名"), encoding="utf-8")
        plugin = preview.rebuild()
        assert plugin.build.session.mode == "incremental"
    finally:
        preview.close()
    full = root / "full"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(full)], cwd=root,
                          capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    # The preview keeps the web editor for the local checkout; an internal build without a Git host has none.
    import shutil

    assert (preview.site / "admin" / "index.html").is_file() and not (full / "admin").exists()
    shutil.rmtree(preview.site / "admin")
    dirty_pages = sorted(p.relative_to(preview.site).as_posix() for p in preview.site.rglob("*.html"))
    full_pages = sorted(p.relative_to(full).as_posix() for p in full.rglob("*.html"))
    assert dirty_pages == full_pages
    assert "brands/hong-qiao/index.html" in dirty_pages and "guide/index.html" in dirty_pages
    # Visible text and links of every page (e.g. the untitled guide page's nav label as "None").
    assert differences(full, preview.site) == []
    assert "红桥改名" in read(preview.site / "brands" / "hong-qiao" / "index.html")


def test_the_first_cluster_brings_the_cluster_tab_to_every_page_of_the_preview(two_brands):
    """The 品牌集群 tab is left out while no brand is in a cluster: adding the first one in the
    preview puts it on pages that were not otherwise rebuilt, and removing it takes it away."""
    preview = Preview(two_brands.root, extra_nav="  - 品牌集群: clusters/index.md\n")
    other = preview.site / "brands" / "lian-xin-qiao" / "index.html"
    try:
        preview.rebuild()
        assert "品牌集群" not in read(other)
        yml = two_brands.brands / "hong-qiao" / "brand.yml"
        plain = read(yml)
        yml.write_text(plain + "cluster: 红色引擎\n", encoding="utf-8")
        preview.rebuild()
        assert "品牌集群" in read(other)
        assert (preview.site / "clusters" / "红色引擎" / "index.html").is_file()
        yml.write_text(plain, encoding="utf-8")
        preview.rebuild()
        assert "品牌集群" not in read(other)
    finally:
        preview.close()


def test_a_brand_broken_in_the_preview_shows_what_is_wrong_at_its_address_until_fixed(preview, two_brands):
    """An error keeps a brand off the site; in the preview its page and its case pages say what
    is wrong and where, instead of MkDocs' 404 page (no live reload there, so it stayed after
    the fix). Saving the fix brings the brand's own pages back."""
    case = two_brands.brands / "hong-qiao" / "cases" / "tui-shui.md"
    good = read(case)
    case.write_text(good.replace("date: 2023-06-18", "date: 2003年3月4日"), encoding="utf-8")
    preview.rebuild()
    for page in ("brands/hong-qiao/index.html", "brands/hong-qiao/cases/tui-shui/index.html"):
        html = read(preview.site / page)
        assert "brands/hong-qiao" in html and "改正之前网站上不会显示它" in html, page
        assert "brands/hong-qiao/cases/tui-shui.md:" in html and "2003年3月4日" in html, page
    gallery = read(preview.site / "brands/index.html")
    assert "红桥" not in gallery.split("bs-problems")[0]
    # the preview's box: errors first, counted apart from warnings and notes, and what they mean
    assert "内容检查发现 1 个错误（预览时显示）：有错误的品牌暂不显示，改正前正式构建会失败" in gallery
    assert "</code> 错误：date（日期）“2003年3月4日”格式不对" in gallery
    case.write_text(good, encoding="utf-8")
    preview.rebuild()
    assert "<h1" in read(preview.site / "brands/hong-qiao/index.html") and "红桥" in read(preview.site / "brands/hong-qiao/index.html")
    assert "改正之前网站上不会显示它" not in read(preview.site / "brands/hong-qiao/cases/tui-shui/index.html")


def test_a_build_never_makes_a_stand_in_for_a_broken_brand(two_brands):
    yml = two_brands.brands / "hong-qiao" / "brand.yml"
    yml.write_text(read(yml).replace("category: 社区", "category: 街道"), encoding="utf-8")
    with pytest.raises(Abort, match="BuildError"):
        build_site(two_brands.root)
    assert not (two_brands.root / "site" / "brands" / "hong-qiao").exists()


def test_the_preview_box_lists_errors_then_warnings_then_notes_and_counts_each():
    from brandsite.site.build import TEMPLATES
    from brandsite.site.pages import VIEW_DIR, environment

    box = environment([str(TEMPLATES)]).get_template(f"{VIEW_DIR}/_problems.html")
    problems = [Problem("b/x.yml", 3, "提示一", "info"), Problem("a/x.yml", 2, "警告一", "warning"),
                Problem("c/x.yml", 1, "错误一"), Problem("a/y.yml", 9, "警告二<b>", "warning")]
    html = box.render(problems=problems)
    assert "内容检查发现 1 个错误、2 个警告、1 条提示（预览时显示）：有错误的品牌暂不显示" in html
    assert [html.index(t) for t in ("错误：错误一", "警告：警告一", "警告：警告二&lt;b&gt;", "提示：提示一")] == sorted(
        html.index(t) for t in ("错误：错误一", "警告：警告一", "警告：警告二&lt;b&gt;", "提示：提示一"))
    only_notes = box.render(problems=[problems[0]])
    assert "1 条提示（预览时显示）：仅供参考，不影响发布" in only_notes and "admonition note" in only_notes


def test_a_dirty_rebuild_leaves_an_unchanged_svg_logo_alone(preview, two_brands):
    """SVG logos are published cleaned (sanitize.clean_svg) from the cache, not remade as new
    content on every save: MkDocs copies one only when its cached file is newer."""
    logo = preview.site / "brands" / "lian-xin-qiao" / "logo.svg"
    before = logo.stat().st_mtime_ns
    yml = two_brands.brands / "hong-qiao" / "brand.yml"
    yml.write_text(read(yml).replace("name: 红桥", "name: 红桥新"), encoding="utf-8")
    preview.rebuild()
    assert "红桥新" in read(preview.site / "brands" / "hong-qiao" / "index.html")
    assert logo.stat().st_mtime_ns == before and "<svg" in read(logo)


def test_the_preview_shows_a_brands_warnings_on_its_own_pages(preview, two_brands):
    """A missing photo in a case's text was told only in the gallery's box: its editor, looking at the
    case page, saw the alt text and nothing else. The brand page lists the brand's problems, the case
    page its file's; a build shows none of it."""
    case = two_brands.brands / "hong-qiao" / "cases" / "tui-shui.md"
    good = read(case)
    case.write_text(good + "\n![议事会现场](../photos/no-such-photo.jpg)\n", encoding="utf-8")
    preview.rebuild()
    case_page = read(preview.site / "brands/hong-qiao/cases/tui-shui/index.html")
    brand_page = read(preview.site / "brands/hong-qiao/index.html")
    for html in (case_page, brand_page):
        assert "bs-problems" in html and "brands/hong-qiao/cases/tui-shui.md:" in html and "no-such-photo.jpg" in html
    other = read(preview.site / "brands/lian-xin-qiao/index.html")
    assert "bs-problems" not in other
    case.write_text(good, encoding="utf-8")
    preview.rebuild()
    assert "bs-problems" not in read(preview.site / "brands/hong-qiao/cases/tui-shui/index.html")
    preview.close()  # a build: the plugin instance no longer serves
    case.write_text(good + "\n![议事会现场](../photos/no-such-photo.jpg)\n", encoding="utf-8")
    built = build_site(two_brands.root)
    assert "bs-problems" not in read(built / "brands/hong-qiao/cases/tui-shui/index.html")


def test_the_preview_counts_the_brands_it_leaves_out_not_their_errors(preview, two_brands, caplog):
    """Two errors in one brand: "1 个品牌有错误(2 个)", not "2 个错误的品牌" (read as two brands)."""
    import logging

    yml = two_brands.brands / "hong-qiao/brand.yml"
    yml.write_text(read(yml).replace("established: 2019", "established: 1800").replace("category: 社区", "category: 不存在的类别"),
                   encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        preview.rebuild()
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR and "hong-qiao" in r.getMessage()]
    assert len(errors) == 2, errors
    told = [r.getMessage() for r in caplog.records if "预览里暂不显示" in r.getMessage()]
    assert told and told[-1].endswith("1 个品牌有错误（2 个），预览里暂不显示；改正并保存后预览会自动刷新"), told


def test_the_public_preview_says_at_an_internal_brands_address_how_to_preview_it(preview, two_brands):
    """A public preview never shows a `visibility: internal` brand. Its address showed the error
    page while the brand was broken ("保存后本页会自动刷新,变回品牌页面") and MkDocs' 404 page once it
    was fixed. Broken or not, it now says that the brand is internal and how to open the internal
    preview, with nothing of the brand but its folder name (the address holds it); a build makes no such page."""
    folder = two_brands.brand("nei-bu-shou-hu", **{"name: 连心桥": "name: 内部守护", "slogan: 连民心 解民忧": "slogan: 守护万家灯火",
                                                   "featured: true": "featured: true\nvisibility: internal"})
    yml = folder / "brand.yml"
    good = read(yml)
    pages = ("brands/nei-bu-shou-hu/index.html", "brands/nei-bu-shou-hu/cases/tui-shui/index.html")
    for text, errors in ((good.replace("category: 机关", "category: 公安"), True), (good, False)):
        yml.write_text(text, encoding="utf-8")
        preview.rebuild()
        for page in pages:
            html = read(preview.site / page)
            assert "<code>brands/nei-bu-shou-hu</code>" in html and "内部品牌" in html, page
            assert "公开版预览不显示" in html and "<code>BRANDSITE_AUDIENCE=internal make serve</code>" in html, page
            assert ("有 1 个错误" in html) is errors, page
            assert "改正之前网站上不会显示它" not in html and "本页会自动刷新" not in html, page
            assert not any(t in html for t in ("内部守护", "守护万家灯火", "扎根村组田间", "公安", "bs-problems")), page
    preview.close()  # a build: the plugin instance no longer serves
    built = build_site(two_brands.root)
    assert not (built / "brands/nei-bu-shou-hu").exists()
    assert not any("nei-bu-shou-hu" in read(p) or "内部品牌" in read(p) for p in built.rglob("*.html"))


def test_a_broken_brand_yml_saved_with_a_bom_a_full_width_space_or_indented_is_still_known_as_internal(tmp_path):
    """Notepad saves a BOM; an input method types U+3000: the public preview showed such a broken
    internal brand's problems (quoting its text) instead of the page that it is internal."""
    from brandsite.site import standins

    # indented by mistake (which may be what broke it): still the brand's own line
    for written in ("\ufeffvisibility: internal\nslogan:机密\n", "slogan:机密\nvisibility：internal\u3000\n",
                    "name: 内部\n  visibility: internal\n", "slogan:机密\n\u3000\u3000visibility: internal\n"):
        (tmp_path / "nei-bu").mkdir(exist_ok=True)
        (tmp_path / "nei-bu" / "brand.yml").write_text(written, encoding="utf-8")
        assert standins._says_internal(tmp_path, "nei-bu"), written
    (tmp_path / "nei-bu" / "brand.yml").write_text("visibility: public\n", encoding="utf-8")
    assert not standins._says_internal(tmp_path, "nei-bu")


def test_the_preview_box_lists_at_most_fifty_problems_and_counts_the_rest():
    """A brand of thousands of problems put all of them on every page of the preview (MBs a page)."""
    from types import SimpleNamespace

    import jinja2

    from brandsite.site import pages

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(pages.__file__).parents[1] / "templates")),
                             autoescape=True)
    problems = [SimpleNamespace(path="brands/a/story.md", line=n, level="warning", message="x" * 2000) for n in range(1, 121)]
    html = env.get_template("brandsite/views/_problems.html").render(problems=problems)
    assert html.count("<li>") == 50 and "还有 70 条" in html and len(html) < 50 * 600, len(html)


def test_a_gallery_whose_every_brand_has_an_error_says_so_not_that_there_are_none(preview, two_brands):
    """With every brand hidden by an error, the preview's gallery said 暂无品牌 and to make one
    with brandsite new, to an editor whose only brand was there with a typo."""
    for slug, old, new in (("lian-xin-qiao", "category: 机关", "category: 街道"), ("hong-qiao", "established: 2019", "established: 1800")):
        yml = two_brands.brands / slug / "brand.yml"
        yml.write_text(read(yml).replace(old, new), encoding="utf-8")
    preview.rebuild()
    gallery = read(preview.site / "brands" / "index.html")
    assert "暂无可显示的品牌：2 个品牌有错误，预览里暂不显示（见上方）。改正并保存后，品牌会显示在这里。" in gallery
    assert "brandsite new" not in gallery


def test_the_preview_tells_a_note_once_not_at_every_save(preview, two_brands, caplog):
    """Every save printed every brand's notes (提示) again: at a hundred brands the saved brand's
    own problems were lost among them. A note told at the last rebuild is counted instead;
    a new one, and every warning and error, is printed."""
    import logging

    quoted = lambda slug: f"brands/{slug}/brand.yml:2: 提示：slogan（品牌口号）写成了 “连民心 解民忧”"
    yml = two_brands.brands / "lian-xin-qiao/brand.yml"
    yml.write_text(read(yml).replace("slogan: 连民心 解民忧", "slogan: “连民心 解民忧”"), encoding="utf-8")
    told = []
    for _ in range(3):
        caplog.clear()
        with caplog.at_level(logging.INFO):
            preview.rebuild()
        told.append([r.getMessage() for r in caplog.records])
        other = two_brands.brands / "hong-qiao/brand.yml"
        other.write_text(read(other).replace("slogan: 连民心 解民忧", "slogan: “连民心 解民忧”"), encoding="utf-8")
    assert any(quoted("lian-xin-qiao") in m for m in told[0]), told[0]
    # the next save: hong-qiao's note is new, lian-xin-qiao's is counted
    assert not any(quoted("lian-xin-qiao") in m for m in told[1])
    assert any(quoted("hong-qiao") in m for m in told[1]), told[1]
    again = lambda n, messages: any(m.endswith(f"另有 {n} 条提示与上次相同，不再重复（make check 或 python3 start.py check 可查看全部）") for m in messages)
    assert again(1, told[1]), told[1]
    assert not any(quoted("hong-qiao") in m for m in told[2]) and again(2, told[2]), told[2]


def test_the_preview_tells_mkdocs_yml_notes_and_the_missing_address_once(two_brands, caplog):
    """Every save printed again the notes of mkdocs.yml's sample footer and that posters print no
    QR code without the site's address: lines that pushed the saved brand's error off the screen."""
    import logging

    p = Preview(two_brands.root, extra_nav="copyright: 虚构示例 某某单位\nsite_url: http://127.0.0.1:8000/\n",
                audience="public\n      posters: true")
    told = []
    try:
        for _ in range(2):
            caplog.clear()
            with caplog.at_level(logging.INFO):
                p.rebuild()
            told.append([r.getMessage() for r in caplog.records])
    finally:
        p.close()
    footer = lambda messages: [m for m in messages if "copyright（页脚文字）还是示例里的" in m]  # noqa: E731
    address = lambda messages: [m for m in messages if "宣传海报上不印二维码" in m]  # noqa: E731
    assert len(footer(told[0])) == 1 and len(address(told[0])) == 1, told[0]
    assert footer(told[1]) == [] and address(told[1]) == [], told[1]
    assert any("另有 1 条提示与上次相同" in m for m in told[1]), told[1]


LINKING_STORY = "# 故事\n\n对口共建的是[红桥](../hong-qiao/)。\n"


def test_a_link_to_another_brand_is_checked_again_when_only_that_brand_changes(two_brands):
    """The memo keeps a folder's own rules' problems while the folder is unchanged; whether a brand
    it links is there, and public, is not the folder's own: a visibility change or a rename of
    hong-qiao is told at lian-xin-qiao's link, lian-xin-qiao's folder unread."""
    (two_brands.brands / "lian-xin-qiao/story.md").write_text(LINKING_STORY, encoding="utf-8")
    memo = FolderMemo()

    def told() -> list[tuple[int, str, str]]:  # (line, level, what the message starts with)
        _, problems = load_catalog(two_brands.brands, DEFAULT_CATEGORIES, memo=memo)
        assert [str(p) for p in problems] == [str(p) for p in check(two_brands)[1]]  # as a check without a memo
        return [(p.line, p.level, p.message.split("。")[0]) for p in problems if p.path == "brands/lian-xin-qiao/story.md"]

    assert told() == []
    yml = two_brands.brands / "hong-qiao/brand.yml"
    good = read(yml)
    yml.write_text(good.replace("featured: true", "visibility: internal"), encoding="utf-8")
    assert told() == [(3, "warning", "这里链接了只在内网发布的品牌（hong-qiao）")]
    assert (memo.hits, memo.misses) == (1, 1)
    yml.write_text(good, encoding="utf-8")
    (two_brands.brands / "hong-qiao").rename(two_brands.brands / "hong-qiao-2")
    assert told() == [(3, "error", "链接“../hong-qiao/”：brands/ 里没有 hong-qiao 这个品牌文件夹（可能写错了，或者那个文件夹改过名、删掉了），网站上只显示文字")]
    assert (memo.hits, memo.misses) == (1, 1)
    (two_brands.brands / "hong-qiao-2").rename(two_brands.brands / "hong-qiao")
    assert told() == []


def test_a_reused_page_links_another_brand_as_the_preview_has_it(preview, two_brands):
    """lian-xin-qiao's page is reused while nothing it shows changes: a link to hong-qiao is one of
    those things. Made internal in the public preview, hong-qiao's page is gone: the link's words alone."""
    (two_brands.brands / "lian-xin-qiao/story.md").write_text(LINKING_STORY, encoding="utf-8")
    preview.rebuild()
    page = preview.site / "brands/lian-xin-qiao/index.html"
    assert '<a href="../hong-qiao/" rel="noopener noreferrer">红桥</a>' in read(page)
    yml = two_brands.brands / "hong-qiao/brand.yml"
    good = read(yml)
    yml.write_text(good.replace("featured: true", "visibility: internal"), encoding="utf-8")
    preview.rebuild()
    assert "对口共建的是红桥。" in read(page) and 'href="../hong-qiao/"' not in read(page)
    yml.write_text(good, encoding="utf-8")
    preview.rebuild()
    assert '<a href="../hong-qiao/" rel="noopener noreferrer">红桥</a>' in read(page)
