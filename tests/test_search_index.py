"""The search index goes through Pagefind's public interface: each brand's record is
rendered from the model as soon as the catalog is known (on_files), the other pages
are kept as MkDocs writes them, whole, and the pagefind program (its CLI) indexes the
records at the end; its exit says the index is whole. Cases are folded into their
brand's record: every indexed page costs every visitor bytes in Pagefind's meta file
before the first query. The browser side (case links under the brand's result) is in
tests/browser/test_search.py."""

from __future__ import annotations

import os
import re

import pytest
from tests.conftest import SITE_YML, build_site
from tests.test_search import fragments

from brandsite.site import search, search_index, search_terms
from brandsite.site.build import SiteBuild


@pytest.fixture
def tree_with_cases(tree):
    tree.brand()
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育"})
    tree.write("lian-xin-qiao/cases/ye-jian.md", "---\ntitle: 夜间窗口帮群众办事\ndate: 2023-09-01\n---\n"
               "党员轮流值守夜间窗口,下班后的群众也能办成事。\n\n## 做法\n\n值守表贴在大厅门口。\n")
    tree.write("lian-xin-qiao/cases/nei-bu.md", "---\ntitle: 只给内部看的案例\ndate: 2023-07-01\n"
               "visibility: internal\n---\n机要室的党员整理档案。\n")
    (tree.root / "docs").mkdir(exist_ok=True)
    (tree.root / "docs/guide.md").write_text("# 编写说明\n\n这里写着怎样维护品牌资料。\n", encoding="utf-8")
    return tree


@pytest.fixture
def built(tree_with_cases):
    return build_site(tree_with_cases.root)


def test_cases_live_in_their_brand_record_under_their_own_heading(built):
    records = fragments(built)
    assert not [url for url in records if "/cases/" in url]
    brand = records["/brands/lian-xin-qiao/"]
    text = brand["content"].replace("\u200b", "")
    assert "示范岗的党员梳理出一张清单，三天内帮企业办结退税" in text  # a case's body
    anchors = {a["id"]: a for a in brand["anchors"]}
    assert anchors["bs-case-tui-shui"]["text"] == "一张清单解决企业退税难题" and anchors["bs-case-tui-shui"]["element"] == "h2"
    assert anchors["bs-case-ye-jian"]["text"] == "夜间窗口帮群众办事"
    # a heading inside a case is no sub-result of its own: its text counts for the case
    assert "做法" in text and not [a for a in anchors if "做法" in a]
    assert [a["id"] for a in brand["anchors"] if a["id"].startswith("bs-case-")] == ["bs-case-ye-jian", "bs-case-tui-shui"]  # newest first
    # the name variants come last, after a heading of their own, not inside a case
    assert brand["anchors"][-1]["id"] == "bs-search-terms"
    assert text.index("值守表贴在大厅门口") < text.rindex("lianxinqiao")
    # the internal case is neither a page nor in the index
    assert "机要室" not in text and not (built / "brands/lian-xin-qiao/cases/nei-bu").exists()
    assert records["/brands/hong-qiao/"]["meta"].get("cases") is None
    # partner brands' cards and case cards are not in the record (each would answer for another page)
    assert "红桥" not in text


def test_the_record_has_the_filters_and_meta_search_js_reads(built):
    brand = fragments(built)["/brands/lian-xin-qiao/"]
    assert brand["filters"] == {"category": ["机关"], "stage": ["命名"], "region": ["青禾区"], "year": ["2019"]}
    meta = brand["meta"]
    assert (meta["title"], meta["brand"], meta["category"], meta["slogan"]) == ("连心桥", "连心桥", "机关", "连民心 解民忧")
    assert bytes.fromhex(meta["logo"].removeprefix("h")).decode() == "logo.svg"
    assert (built / "brands/lian-xin-qiao/logo.svg").is_file()
    # `terms` is the length of the hidden tail, which starts with the name variants
    content = brand["content"].replace("\u200b", "")
    terms = int(meta["terms"].removeprefix("t"))
    assert content[-terms - 2:].lstrip(". ").startswith("连心桥 心桥 ")
    assert "連心橋" in content[-terms:] and "lxq" in content[-terms:]
    assert "連心橋" not in content[:-terms] and "lianxinqiao" not in content[:-terms]
    # visitors' pages carry none of it
    page = (built / "brands/lian-xin-qiao/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-meta" not in page and "data-pagefind-filter" not in page and "連心橋" not in page


def test_whole_cases_or_titles_and_summaries(tree_with_cases):
    """`search_case_text: summary` keeps each case's title and summary, not its text."""
    site = build_site(tree_with_cases.root, extra_yml="")
    full = fragments(site)["/brands/lian-xin-qiao/"]["content"].replace("\u200b", "")
    from tests import conftest

    original = conftest.SITE_YML
    conftest.SITE_YML = original.replace("  - brandsite:\n", "  - brandsite:\n      search_case_text: summary\n")
    try:
        site = build_site(tree_with_cases.root)
    finally:
        conftest.SITE_YML = original
    short = fragments(site)["/brands/lian-xin-qiao/"]
    text = short["content"].replace("\u200b", "")
    for kept in ("一张清单解决企业退税难题", "党员示范岗三天办结", "夜间窗口帮群众办事"):
        assert kept in text and kept in full
    assert "示范岗的党员梳理出一张清单" in full and "示范岗的党员梳理出一张清单" not in text
    assert {a["id"] for a in short["anchors"]} >= {"bs-case-tui-shui", "bs-case-ye-jian"}


@pytest.mark.parametrize("setting,brands,full", [
    ("auto", 3000, True), ("auto", 3001, False), ("full", 10000, True), ("summary", 10, False),
])
def test_case_text_setting(setting, brands, full):
    assert search.case_text(setting, brands) is full


def test_case_links_follow_the_site_urls(tree_with_cases):
    site = build_site(tree_with_cases.root, extra_yml="use_directory_urls: false\n")
    brand = fragments(site)["/brands/lian-xin-qiao/"]  # Pagefind's URL of brands/lian-xin-qiao/index.html
    assert (site / "brands/lian-xin-qiao/cases/tui-shui.html").is_file()
    # search.js makes a case's address from its heading's id and the search box's pattern
    assert 'data-bs-case-url="cases/*.html"' in (site / "brands/lian-xin-qiao/index.html").read_text(encoding="utf-8")
    assert "bs-case-tui-shui" in [a["id"] for a in brand["anchors"]]


def test_a_record_escapes_what_editors_write(tree_with_cases):
    slogan = 'A&B <i>"连"</i>'
    tree_with_cases.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育",
                                                      "slogan: 连民心 解民忧": f"slogan: '{slogan}'"})
    brand = fragments(build_site(tree_with_cases.root))["/brands/hong-qiao/"]
    # the exact text, not markup: unescaped, the quote would end the attribute and <i> would be a tag
    assert brand["meta"]["slogan"] == slogan
    assert slogan in brand["content"].replace("\u200b", "")


def test_the_index_starts_before_any_page_is_written(tree_with_cases, monkeypatch):
    """Brand records come from the model in on_files, the other pages' from their content in
    on_env; the pagefind program starts then, while the theme renders the pages."""
    seen = {}
    start = search_index.Records.start

    def spy(self):
        seen["records"] = sorted(p.relative_to(self.pages).as_posix() for p in self.pages.rglob("*.html"))
        seen["written"] = sorted(p.name for p in (tree_with_cases.root / "site").rglob("*.html"))
        start(self)

    monkeypatch.setattr(search_index.Records, "start", spy)
    build_site(tree_with_cases.root)
    assert {"brands/hong-qiao/index.html", "brands/lian-xin-qiao/index.html", "guide/index.html"} <= set(seen["records"])
    assert not any("/cases/" in rel for rel in seen["records"])  # case pages: in their brand's record
    assert seen["written"] == []


def build_keeping_state(root, monkeypatch):
    """The site built in `root`, and the SiteBuild that built it."""
    builds = []
    finish = SiteBuild.finish

    def keep(self, config):
        builds.append(self)
        finish(self, config)

    monkeypatch.setattr(SiteBuild, "finish", keep)
    site = build_site(root)
    return site, builds[0]


def test_the_index_after_a_build_is_the_index_from_the_model_and_the_files(tree_with_cases, monkeypatch):
    """A preview indexes after its rebuild, from the model and the pages on disk: the same index."""
    site, build = build_keeping_state(tree_with_cases.root, monkeypatch)
    during = fragments(site)
    assert {"/brands/lian-xin-qiao/", "/brands/hong-qiao/", "/guide/"} <= set(during)
    assert build.search_records is None  # finished and removed
    result = build.search_indexer()(site)  # nothing kept: records from the model, pages from disk
    assert result == {"pages": len(during)}
    assert fragments(site) == during


def test_a_preview_renders_a_record_again_only_when_its_brand_changed(tree_with_cases, monkeypatch):
    _, build = build_keeping_state(tree_with_cases.root, monkeypatch)
    catalog, site, env, full_cases = build.search_inputs(build.generator.env)
    rendered = []
    record = search.record

    def counted(template, brand, *args):
        rendered.append(brand.slug)
        return record(template, brand, *args)

    monkeypatch.setattr(search, "record", counted)
    versions = {"lian-xin-qiao": 1, "hong-qiao": 1}
    preview = search.PreviewRecords()
    first = preview.update(catalog, site, env, full_cases, lambda b: versions[b.slug])
    assert sorted(rendered) == ["hong-qiao", "lian-xin-qiao"] and set(first) == {
        "brands/hong-qiao/index.html", "brands/lian-xin-qiao/index.html"}
    rendered.clear()
    assert preview.update(catalog, site, env, full_cases, lambda b: versions[b.slug]) == first and rendered == []
    versions["hong-qiao"] = 2  # its folder changed
    preview.update(catalog, site, env, full_cases, lambda b: versions[b.slug])
    assert rendered == ["hong-qiao"]
    rendered.clear()
    preview.update(catalog, site, env, not full_cases, lambda b: versions[b.slug])  # the case text setting
    assert sorted(rendered) == ["hong-qiao", "lian-xin-qiao"]


class Hook:
    """Another plugin, added to the loaded config: mkdocs.yml may name no plugin but brandsite, nor hooks."""

    def __init__(self, **events) -> None:
        for name, event in events.items():
            setattr(self, name, event)


def build_with(root, hook: Hook):
    """conftest.build_site, with `hook`'s events run as those of a plugin listed after brandsite."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (root / "docs").mkdir(exist_ok=True)
    if not (root / "docs/index.md").exists():
        (root / "docs/index.md").write_text("# 首页\n\n测试首页。\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(SITE_YML.format(audience="public"), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        config.plugins["hook"] = hook
        build(config)
    finally:
        os.chdir(cwd)
    return root / "site"


def test_other_pages_are_indexed_from_their_content_after_other_plugins(tree_with_cases):
    """A page's record is its content once every plugin's on_page_content ran: what the page shows
    of it. The theme around it (header, nav, footer) is not indexed."""
    site = build_with(tree_with_cases.root, Hook(on_page_content=lambda html, page, config, files:
                                                 html.replace('</h1>', '</h1><p>钩子追加的词语</p>', 1)))
    assert "钩子追加的词语" in (site / "guide/index.html").read_text(encoding="utf-8")
    guide = fragments(site)["/guide/"]
    assert "钩子追加的词语" in guide["content"].replace("\u200b", "")
    assert guide["meta"]["title"] == "编写说明"
    # the theme around the content is not: the header's site name, the nav, the footer
    assert "测试站点" not in guide["content"] and "品牌展示" not in guide["content"].replace("\u200b", "")


def test_a_page_without_a_heading_is_indexed_under_its_title(tree_with_cases):
    (tree_with_cases.root / "docs/about.md").write_text("关于本网站的<b>说明</b>文字。\n", encoding="utf-8")
    site = build_site(tree_with_cases.root, extra_yml="nav:\n  - 首页: index.md\n  - 关于 我们: about.md\n")
    about = fragments(site)["/about/"]
    assert about["meta"]["title"] == "关于 我们"  # the nav's title (markup there is refused: settings_text)
    assert "关于本网站的说明文字" in about["content"].replace("\u200b", "")


def test_titles_with_markup_characters_are_text_in_the_page_head_and_in_results(tree_with_cases):
    """A hand-written page's front matter and a cluster's name are text: escaped once in the
    page head (where the security policy would allow a script), and shown as written in results."""
    (tree_with_cases.root / "docs/y.md").write_text(
        "---\ntitle: '前言</title><script>alert(31)</script>'\ndescription: '\"><script>alert(41)</script>'\n"
        "author: '<script>alert(51)</script>'\n---\n\n正文里的词语:晨曦。\n", encoding="utf-8")
    tree_with_cases.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育",
                                                      "region: 青禾区": "region: 青禾区\ncluster: 产业链&人才链\"融合\""})
    site = build_site(tree_with_cases.root)
    page = (site / "y/index.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in page
    assert "<title>前言&lt;/title&gt;&lt;script&gt;alert(31)&lt;/script&gt; - " in page
    found = fragments(site)
    assert found["/y/"]["meta"]["title"] == "前言</title><script>alert(31)</script>"
    cluster = next(f for url, f in found.items() if url.startswith("/clusters/") and url != "/clusters/")
    assert cluster["meta"]["title"] == '产业链&人才链"融合"'  # not &amp; or &#34;: escaped once


def test_the_records_folder_is_removed_when_the_build_fails(tree_with_cases, monkeypatch):
    # A plugin that fails while pages are being written, after the brand records were written.
    seen = []

    def on_post_page(output, page, config):
        seen.append(page)
        if len(seen) == 5:
            raise RuntimeError('写页面时出错')
        return output

    started = []
    start = search_index.Records.start

    def spy(self):
        start(self)
        started.append((self.folder, self.process))

    monkeypatch.setattr(search_index.Records, "start", spy)
    with pytest.raises(Exception, match="写页面时出错"):
        build_with(tree_with_cases.root, Hook(on_post_page=on_post_page))
    folder, process = started[0]  # the index was started before the pages were written
    assert list(folder.parent.glob(folder.name)) == []  # removed by on_build_error
    assert process.poll() is not None  # and the program stopped
    assert not (tree_with_cases.root / "site/pagefind").exists()


def test_the_records_folder_is_removed_after_a_build(tmp_path):
    site = tmp_path / "site"
    write(site, PAGES)
    records = search_index.Records()
    records.add(PAGES.items())
    folder = records.folder
    assert (folder / "pages/index.html").is_file()
    assert records.finish(site) == {"pages": 2}
    assert (site / "pagefind/pagefind-entry.json").is_file()
    assert not folder.exists() and records.folder is None


PAGES = {
    "index.html": "<html lang='zh'><body><main data-pagefind-body><h1>首页</h1><p>党建品牌展示</p></main></body></html>",
    "guide/index.html": "<html lang='zh'><body><main data-pagefind-body><h1>说明</h1><p>维护品牌资料</p></main></body></html>",
}


def write(site, files):
    for rel, html in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(html, encoding="utf-8")


def fake_pagefind(tmp_path, monkeypatch, script: str):
    fake = tmp_path / "fake-pagefind"
    fake.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))


def test_a_pagefind_that_fails_stops_the_index_with_what_it_said(tmp_path, monkeypatch):
    site = tmp_path / "site"
    write(site, PAGES)
    fake_pagefind(tmp_path, monkeypatch, "echo 'Running Pagefind'\necho 'Error: No space left on device'\nexit 1\n")
    with pytest.raises(search_index.SearchIndexError, match=re.escape("pagefind 没有建成搜索索引（Error: No space left on device）")):
        search_index.build_index(site, PAGES)
    assert not (site / "pagefind" / "pagefind-entry.json").exists()


def test_a_pagefind_that_hangs_is_stopped_with_a_plain_message(tmp_path, monkeypatch):
    site = tmp_path / "site"
    write(site, PAGES)
    fake_pagefind(tmp_path, monkeypatch, "exec sleep 60\n")
    records = search_index.Records()
    records.add(PAGES.items())
    with pytest.raises(search_index.SearchIndexError, match="1 秒内没有建完搜索索引"):
        records.finish(site, timeout=1)


def test_a_pagefind_that_exits_without_writing_is_refused(tmp_path, monkeypatch):
    """Exit 0 but no files (or cut-off ones): check_output still refuses the index."""
    site = tmp_path / "site"
    write(site, PAGES)
    fake_pagefind(tmp_path, monkeypatch, "exit 0\n")
    with pytest.raises(search_index.SearchIndexError, match="为空或不完整"):
        search_index.build_index(site, PAGES)


def test_a_missing_pagefind_binary_stops_the_build_with_a_plain_message(tree_with_cases, monkeypatch, tmp_path, caplog):
    from mkdocs.exceptions import Abort

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(Abort):  # MkDocs' "Aborted with a BuildError": a plugin error, not a traceback
        build_site(tree_with_cases.root)
    assert "无法启动 pagefind" in caplog.text and "请重新运行 make" in caplog.text


def test_a_cluster_page_is_found_by_its_name_not_by_its_brands_text(tree_with_cases):
    """The cluster page's cards are data-pagefind-ignore: a brand's slogan finds the brand only,
    also by a word inside one of its longer words (一站 in 一站式), which the hidden words add."""
    tree_with_cases.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育",
                                                      "slogan: 连民心 解民忧": "slogan: 桥头晨读暖人心 一站式服务零距离",
                                                      "region: 青禾区": "region: 青禾区\ncluster: 东湖先锋链"})
    site = build_site(tree_with_cases.root)
    found = {url: f["content"].replace("\u200b", "") for url, f in fragments(site).items()}
    cluster = next(url for url in found if url.startswith("/clusters/") and url != "/clusters/")
    assert "东湖先锋链" in found[cluster] and "集群品牌" in found[cluster]
    assert "桥头晨读暖人心" not in found[cluster] and "红桥" not in found[cluster]
    assert "桥头晨读暖人心" in found["/brands/hong-qiao/"]
    hidden = search_terms.sub_words("一站式服务零距离")
    assert hidden and not [w for w in hidden if w in found[cluster]], hidden
    assert [w for w in hidden if w in found["/brands/hong-qiao/"]] == hidden
    assert 'class="bs-grid" data-pagefind-ignore' in (site / cluster.strip("/") / "index.html").read_text(encoding="utf-8")


def test_the_statistics_page_is_found_by_its_own_words_not_by_its_charts(built):
    """Its charts (data-pagefind-ignore) list the brands' regions and results: 青禾区 or 为群众解决难题
    should find the brands, not the statistics page above them with no text to show."""
    found = {url: f["content"].replace("\u200b", "") for url, f in fragments(built).items()}
    stats = found["/stats/"]
    assert "数据看板" in stats and "按地区" in stats
    assert "青禾区" not in stats and "解决难题" not in stats and search_terms.encode("为群众") not in stats
    assert "青禾区" in found["/brands/lian-xin-qiao/"]


def test_no_meta_value_holds_an_address(tree_with_cases):
    """Pagefind searches meta values as it does text: an address's slugs and folder names (lian, xin,
    qiao, cases, logo, svg, a photo's name) answered pinyin and other queries for pages whose
    names have nothing of them. Meta holds text, the logo's file name and two counts only; the
    image meta Pagefind takes from a page's first image is set empty, on a cluster page too."""
    tree_with_cases.write("lian-xin-qiao/story.md", "党员在窗口值守。\n\n![窗口](photos/desk.png)\n")
    tree_with_cases.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育",
                                                      "region: 青禾区": "region: 青禾区\ncluster: 东湖先锋链"})
    site = build_site(tree_with_cases.root)
    for url, fragment in fragments(site).items():
        for key, value in fragment["meta"].items():
            assert "/" not in value and "desk" not in value and "lian-xin" not in value, (url, key, value)
        assert not fragment["meta"].get("image"), (url, fragment["meta"])
    brand = fragments(site)["/brands/lian-xin-qiao/"]["meta"]
    assert set(brand) == {"title", "brand", "logo", "spelled", "category", "slogan", "terms", "image"}, brand
    # the name's whole pinyin and initials, coded as the logo is: a code nobody types
    assert bytes.fromhex(brand["spelled"][1:]).decode().split() == ["lianxinqiao", "lxq"], brand


def test_invisible_characters_pasted_into_prose_leave_the_page_and_the_index(tree):
    """A zero-width space or a soft hyphen pasted inside a word (网\u200b格化, from a web page or a
    chat app) shows nothing, but the word was no longer that word for search. Prose loses them:
    the connotation, a carrier's description, story.md, a case's summary and text."""
    from tests.conftest import CASE_MD, CONNOTATION

    tree.brand(**{CONNOTATION: CONNOTATION + "推行网\u200b格化管理。",
                  "亮身份、亮承诺。": "亮身份、亮承诺，服\u00ad务到\u2060家。",
                  "召开党员大会，确定品牌名称": "召开党员大会，确定网\u200b格品牌名称", "推出线上服务站": "推出线上网\u200b格服务站"})
    tree.write("lian-xin-qiao/story.md", "\ufeff# 故事\n\n党员进网\u200b格，楼\u00ad栋有人管。\n")
    tree.write("lian-xin-qiao/cases/tui-shui.md", CASE_MD.replace("三天办结。", "三天办\u200b结。")
               .replace("三天内帮企业办结退税。", "三天内帮企业办结退税，网\u200b格\ufeff员全程跟进。"))
    site = build_site(tree.root)
    pages = [site / "brands/lian-xin-qiao/index.html", site / "brands/lian-xin-qiao/cases/tui-shui/index.html"]
    brand, case = (p.read_text(encoding="utf-8") for p in pages)
    assert "推行网格化管理" in brand and "服务到家" in brand and "党员进网格，楼栋有人管" in brand
    assert "确定网格品牌名称" in brand and "推出线上网格服务站" in brand  # the timeline's and the goals' text too
    assert "网格员全程跟进" in case and "三天办结" in case
    for text in (brand, case):
        assert not re.search("[\u00ad\u200b\u2060\ufeff]", text.split("<article", 1)[-1])
    # Pagefind puts U+200B between the words it indexes: the others must not be there
    record = fragments(site)["/brands/lian-xin-qiao/"]["content"]
    assert "楼栋" in record.replace("\u200b", "") and not re.search("[\u00ad\u2060\ufeff]", record)
