"""The search index goes through Pagefind's public interface: a full build keeps
each page's record as MkDocs writes it (search.Indexer), and the pagefind
program (its CLI) indexes those records at the end; its exit says the index is
whole. The index must be the same as one built afterwards from the files on
disk, a record must index as its whole page would, and nothing is left behind."""

from __future__ import annotations

import re
import shutil

import pytest
from tests.conftest import build_site
from tests.test_search import fragments

from brandsite import plugin as plugin_module
from brandsite.site import search


@pytest.fixture
def tree_with_cases(tree):
    tree.brand()
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育"})
    tree.write("lian-xin-qiao/cases/ye-jian.md", "---\ntitle: 夜间窗口帮群众办事\ndate: 2023-09-01\n---\n"
               "党员轮流值守夜间窗口,下班后的群众也能办成事。\n")
    return tree


def test_streamed_index_is_the_index_from_disk(tree_with_cases, monkeypatch, tmp_path):
    fed = {}
    finish = search.Indexer.finish

    def spy(self, site):
        fed["pages"] = set(self.seen)
        return finish(self, site)

    monkeypatch.setattr(search.Indexer, "finish", spy)
    site = build_site(tree_with_cases.root)
    # The pages came while MkDocs wrote them; 404.html (a theme template) is read from disk.
    assert {"index.html", "brands/lian-xin-qiao/index.html", "brands/lian-xin-qiao/cases/ye-jian/index.html"} <= fed["pages"]
    assert "404.html" not in fed["pages"]
    streamed = fragments(site)

    # The same build with nothing fed: every page is read from disk at the end.
    shutil.copytree(site, tmp_path / "streamed")
    monkeypatch.setattr(plugin_module.BrandsitePlugin, "on_post_page", lambda self, output, **kw: output)
    site = build_site(tree_with_cases.root)
    assert fed["pages"] == set()
    from_disk = fragments(site)

    assert streamed == from_disk
    brand = streamed["/brands/lian-xin-qiao/"]
    assert {a["id"] for a in brand["anchors"]} >= {"bs-case-tui-shui", "bs-case-ye-jian"}
    assert "夜间窗口" in brand["content"].replace("\u200b", "")
    assert not [url for url in streamed if "/cases/" in url]


BRAND = ("<html><body><header>导航</header><main data-pagefind-body><h1>{name}</h1><p>{text}</p>"
         '<p class="bs-search-terms" hidden>{name}</p></main></body></html>')
CASE = ('<html><body><main data-pagefind-body><header class="bs-case-head"><h1>{title}</h1></header>'
        "<p>{text}</p></main></body></html>")


def pages():
    return {
        "brands/a/index.html": BRAND.format(name="连心桥", text="税务所的党员示范岗"),
        "brands/a/cases/one/index.html": CASE.format(title="清单办结退税", text="三天内帮企业办结退税"),
        "brands/a/cases/two/index.html": CASE.format(title="夜间窗口", text="下班后也能办事"),
        "brands/b/index.html": BRAND.format(name="红桥", text="社区党支部的服务队"),
        "index.html": "<html><body><main data-pagefind-body><h1>首页</h1><p>党建品牌展示</p></main></body></html>",
    }


FOLDS = {"brands/a/index.html": [("one", "brands/a/cases/one/index.html"), ("two", "brands/a/cases/two/index.html")],
         "brands/b/index.html": []}


def write(site, files):
    for rel, html in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(html, encoding="utf-8")


def test_a_brand_goes_to_pagefind_once_its_last_case_has_come(tmp_path):
    sent = []
    indexer = search.Indexer(FOLDS)
    indexer._send = lambda rel, html: sent.append(rel)
    files = pages()
    indexer.add("brands/a/cases/one/index.html", files["brands/a/cases/one/index.html"])
    indexer.add("brands/a/index.html", files["brands/a/index.html"])
    assert sent == []  # case two has not come yet
    indexer.add("brands/a/cases/two/index.html", files["brands/a/cases/two/index.html"])
    indexer.add("brands/b/index.html", files["brands/b/index.html"])
    indexer.add("index.html", files["index.html"])
    assert sent == ["brands/a/index.html", "brands/b/index.html", "index.html"]
    assert indexer.waiting == {}


def test_a_missing_case_page_does_not_keep_its_brand_out(tmp_path):
    site = tmp_path / "site"
    files = pages()
    del files["brands/a/cases/two/index.html"]
    write(site, files)
    indexer = search.Indexer(FOLDS)
    indexer.add("brands/a/index.html", files["brands/a/index.html"])
    result = indexer.finish(site)
    assert result["pages"] == 3
    records = fragments(site)
    assert set(records) == {"/brands/a/", "/brands/b/", "/"}
    assert records["/brands/a/"]["meta"]["cases"] == "one=cases/one/"


def test_the_records_folder_is_removed_when_the_build_fails(tree_with_cases, monkeypatch):
    # A hook that fails while pages are being written, after some records were kept.
    (tree_with_cases.root / "hook.py").write_text(
        "seen = []\n"
        "def on_post_page(output, page, config):\n"
        "    seen.append(page)\n"
        "    if len(seen) == 5:\n"
        "        raise RuntimeError('写页面时出错')\n"
        "    return output\n", encoding="utf-8")
    folders = []
    write_record = search.Indexer._write

    def spy(self, rel, html):
        write_record(self, rel, html)
        folders.append(self.records)

    monkeypatch.setattr(search.Indexer, "_write", spy)
    with pytest.raises(Exception, match="写页面时出错"):
        build_site(tree_with_cases.root, extra_yml="hooks:\n  - hook.py\n")
    assert folders and not folders[0].exists()  # removed by on_build_error


def test_the_records_folder_is_removed_after_a_build(tmp_path):
    site = tmp_path / "site"
    write(site, pages())
    indexer = search.Indexer(FOLDS)
    indexer.add("index.html", pages()["index.html"])
    records = indexer.records
    assert (records / "index.html").is_file()
    indexer.finish(site)
    assert not records.exists() and indexer.records is None


def test_pagefind_gets_the_html_after_other_plugins_changed_it(tree_with_cases):
    """on_post_page runs last, so the index holds what is written, not an earlier version."""
    (tree_with_cases.root / "hook.py").write_text(
        "def on_post_page(output, page, config):\n"
        "    return output.replace('</h1>', '</h1><p>钩子追加的词语</p>', 1)\n", encoding="utf-8")
    site = build_site(tree_with_cases.root, extra_yml="hooks:\n  - hook.py\n")
    assert "钩子追加的词语" in (site / "brands/hong-qiao/index.html").read_text(encoding="utf-8")
    assert "钩子追加的词语" in fragments(site)["/brands/hong-qiao/"]["content"].replace("\u200b", "")


PAGE = ('<!DOCTYPE html>\n<html lang="zh"><head><title>连心桥 - 党建品牌</title><link rel="stylesheet" href="a.css">'
        '</head><body><header><img src="{header}" alt="徽标"><nav><a href="/">首页</a><a href="/b/">品牌</a></nav></header>'
        '<div class="md-content"><div class="bs-search-body" data-pagefind-body>{body}</div></div>'
        '<footer><img src="/footer.png" alt="备案">页脚文字</footer></body></html>')


def test_a_record_keeps_what_pagefind_reads_and_drops_the_page_around_it():
    html = PAGE.format(header="/logo.svg", body="<h1>连心桥</h1><p>党员示范岗</p>")
    record = search.record_page(html)
    assert '<html lang="zh">' in record and "<title>连心桥 - 党建品牌</title>" in record
    assert '<div class="bs-search-body" data-pagefind-body><h1>连心桥</h1><p>党员示范岗</p></div>' in record
    assert '<img src="/logo.svg" alt="徽标">' in record and '<img src="/footer.png" alt="备案">' in record
    assert "首页" not in record and "页脚文字" not in record and "a.css" not in record
    assert search.record_page("<html><body><h1>首页</h1></body></html>") is None


@pytest.mark.parametrize("header", ["/logo.svg", ""])
def test_a_record_indexes_as_its_whole_page_would(tmp_path, monkeypatch, header):
    """Pagefind gets the records, not the pages: same fragments (content, anchors, meta, filters)."""
    files = pages()
    bodies = {
        "brands/a/index.html": '<h1>连心桥</h1><h2 id="做法">做法</h2><p>税务所的党员示范岗</p>'
                               '<span data-pagefind-meta="brand:连心桥"></span><span data-pagefind-filter="stage:命名"></span>',
        "brands/b/index.html": '<h1>红桥</h1><img src="photo.jpg" alt="合影"><p>社区党支部的服务队</p>',
        "brands/c/index.html": '<h1>春风</h1><p data-pagefind-weight="5">春风化雨</p><p data-pagefind-ignore>不进索引</p>',
    }
    files.update({rel: PAGE.format(header=header, body=body) for rel, body in bodies.items()})
    if not header:
        files = {rel: html.replace('<img src="" alt="徽标">', "") for rel, html in files.items()}
    site = tmp_path / "site"
    write(site, files)
    search.build_index(site, FOLDS)
    records = fragments(site)
    monkeypatch.setattr(search, "record_page", lambda html: html if search.region(html) else None)
    search.build_index(site, FOLDS)
    assert records == fragments(site)
    assert records["/brands/b/"]["meta"]["image"] == "photo.jpg"


def fake_pagefind(tmp_path, monkeypatch, script: str):
    fake = tmp_path / "fake-pagefind"
    fake.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))


def test_a_pagefind_that_fails_stops_the_index_with_what_it_said(tmp_path, monkeypatch):
    site = tmp_path / "site"
    write(site, pages())
    fake_pagefind(tmp_path, monkeypatch, "echo 'Running Pagefind'\necho 'Error: No space left on device'\nexit 1\n")
    indexer = search.Indexer(FOLDS)
    with pytest.raises(search.SearchIndexError, match=re.escape("pagefind 没有建成搜索索引(Error: No space left on device)")):
        indexer.finish(site)
    assert not (site / "pagefind" / "pagefind-entry.json").exists()


def test_a_pagefind_that_hangs_is_stopped_with_a_plain_message(tmp_path, monkeypatch):
    site = tmp_path / "site"
    write(site, pages())
    fake_pagefind(tmp_path, monkeypatch, "exec sleep 60\n")
    with pytest.raises(search.SearchIndexError, match="1 秒内没有建完搜索索引"):
        search.run_pagefind(site, site / "pagefind", timeout=1)


def test_a_pagefind_that_exits_without_writing_is_refused(tmp_path, monkeypatch):
    """Exit 0 but no files (or cut-off ones): check_output still refuses the index."""
    site = tmp_path / "site"
    write(site, pages())
    fake_pagefind(tmp_path, monkeypatch, "exit 0\n")
    with pytest.raises(search.SearchIndexError, match="为空或不完整"):
        search.build_index(site, FOLDS)


def test_a_missing_pagefind_binary_stops_the_build_with_a_plain_message(tree_with_cases, monkeypatch, tmp_path, caplog):
    from mkdocs.exceptions import Abort

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(Abort):  # MkDocs' "Aborted with a BuildError": a plugin error, not a traceback
        build_site(tree_with_cases.root)
    assert "无法启动 pagefind" in caplog.text and "请重新运行 make" in caplog.text
