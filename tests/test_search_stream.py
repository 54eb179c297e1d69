"""A full build feeds Pagefind each page as MkDocs writes it (search.Indexer),
so that indexing runs beside the rendering; the index must be the same as one
built afterwards from the files on disk, and Pagefind must never outlive a build."""

from __future__ import annotations

import shutil
import threading

import pytest
from tests.conftest import build_site
from tests.test_search import fragments

from brandsite import plugin as plugin_module
from brandsite import search


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


def started_services(monkeypatch) -> list:
    services = []
    start = search.Service.__init__

    def spy(self):
        start(self)
        services.append(self)

    monkeypatch.setattr(search.Service, "__init__", spy)
    return services


def test_pagefind_is_stopped_when_the_build_fails(tree_with_cases, monkeypatch):
    # A hook that fails while pages are being written, after Pagefind has been fed some.
    (tree_with_cases.root / "hook.py").write_text(
        "seen = []\n"
        "def on_post_page(output, page, config):\n"
        "    seen.append(page)\n"
        "    if len(seen) == 3:\n"
        "        raise RuntimeError('写页面时出错')\n"
        "    return output\n", encoding="utf-8")
    services = started_services(monkeypatch)
    with pytest.raises(Exception, match="写页面时出错"):
        build_site(tree_with_cases.root, extra_yml="hooks:\n  - hook.py\n")
    assert len(services) == 1
    assert services[0].process.poll() is not None  # stopped by on_build_error


def test_pagefind_gets_the_html_after_other_plugins_changed_it(tree_with_cases):
    """on_post_page runs last, so the index holds what is written, not an earlier version."""
    (tree_with_cases.root / "hook.py").write_text(
        "def on_post_page(output, page, config):\n"
        "    return output.replace('</h1>', '</h1><p>钩子追加的词语</p>', 1)\n", encoding="utf-8")
    site = build_site(tree_with_cases.root, extra_yml="hooks:\n  - hook.py\n")
    assert "钩子追加的词语" in (site / "brands/hong-qiao/index.html").read_text(encoding="utf-8")
    assert "钩子追加的词语" in fragments(site)["/brands/hong-qiao/"]["content"].replace("\u200b", "")


def test_a_pagefind_that_dies_fails_the_index_instead_of_hanging(tmp_path):
    site = tmp_path / "site"
    write(site, pages())
    indexer = search.Indexer(FOLDS)
    indexer.add("index.html", pages()["index.html"])
    indexer.service.process.kill()
    indexer.service.process.wait()
    with pytest.raises(search.SearchIndexError, match="pagefind"):
        indexer.finish(site)
    assert not (site / "pagefind" / "pagefind-entry.json").exists()


def test_an_answer_that_is_not_the_protocol_fails_the_index(tmp_path, monkeypatch):
    """Text on Pagefind's stdout that is not base64 JSON (a log line, say) fails every open
    request with a plain message instead of leaving the build waiting."""
    fake = tmp_path / "fake-pagefind"
    fake.write_text("#!/bin/sh\nprintf 'not the protocol,'\nexec sleep 30\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    service = search.Service()
    try:
        answer = service.send({"type": "NewIndex", "config": {}})
        with pytest.raises(search.SearchIndexError, match="pagefind 的回复无法解读"):
            answer.result(10)
    finally:
        service.close()


def test_a_pagefind_that_stops_reading_fails_the_sender_instead_of_blocking_it(tmp_path, monkeypatch):
    """The request queue is short; when Pagefind stops reading its input, `send` gives up
    after WRITE_TIMEOUT with a plain message instead of blocking the build for ever."""
    fake = tmp_path / "fake-pagefind"
    fake.write_text("#!/bin/sh\nexec sleep 60\n", encoding="utf-8")  # never reads stdin, never answers
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    monkeypatch.setattr(search, "WRITE_TIMEOUT", 2)
    service = search.Service()
    page = "<html><body><main data-pagefind-body>" + "党建" * 50_000 + "</main></body></html>"
    answers = []

    def feed():
        for n in range(60):
            answers.append(service.send({"type": "AddFile", "index_id": 0, "file_path": f"p{n}.html", "url": None,
                                         "file_contents": page}))

    sender = threading.Thread(target=feed, daemon=True)
    try:
        sender.start()
        sender.join(30)
        assert not sender.is_alive(), "send() blocked on the full queue"
        with pytest.raises(search.SearchIndexError, match="没有读取页面"):
            answers[-1].result(10)
    finally:
        service.close()
    assert service.process.poll() is not None


def test_a_missing_pagefind_binary_stops_the_build_with_a_plain_message(tree_with_cases, monkeypatch, tmp_path, caplog):
    from mkdocs.exceptions import Abort

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(Abort):  # MkDocs' "Aborted with a BuildError": a plugin error, not a traceback
        build_site(tree_with_cases.root)
    assert "无法启动 pagefind" in caplog.text and "请重新运行 make" in caplog.text
