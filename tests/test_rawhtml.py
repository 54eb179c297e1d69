"""Raw HTML blocks skip the Markdown parser, and the pages come out the same."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import build_root, copy_sample

from brandsite import rawhtml


def test_balanced_block_is_swapped_and_restored():
    store: dict[str, str] = {}
    block = '<div class="a">\n<p>一</p>\n\n<p>二</p>\n</div>'
    md = f"# 标题\n\n{block}\n\n正文。\n"
    out = rawhtml.stash(md, store)
    assert "<div" not in out and len(store) == 1
    key = next(iter(store))
    assert f"\n\n{key}\n\n" in out
    assert rawhtml.restore(f"<h1>标题</h1>\n<p>{key}</p>\n<p>正文。</p>", store) == f"<h1>标题</h1>\n{block}\n<p>正文。</p>"


def test_prose_unbalanced_inline_and_markdown_blocks_are_left_to_markdown():
    store: dict[str, str] = {}
    prose = rawhtml.prose("<div>编辑写的 HTML</div>\n\n<p>也是</p>")
    md = "\n\n".join([
        prose,
        '<div markdown="1">\n**粗体**\n</div>',
        '<span>行内元素开头</span>',
        "</div>\n<div>先关后开</div>",
        '<section>\n<div markdown="1">\n\n*里面要 Markdown*\n\n</div>\n</section>',
        "<div>\n没有闭合",
    ])
    out = rawhtml.stash(md, store)
    assert store == {}
    assert out == md.replace(rawhtml.PROSE_START, "").replace(rawhtml.PROSE_END, "")


def test_a_page_not_rendered_in_this_build_gets_its_blocks_from_the_fallback():
    stored: dict[str, str] = {}
    md = rawhtml.stash("<div><p>上次构建</p></div>", stored)
    html = f"<p>{md}</p>"
    assert rawhtml.restore(html, {}, lambda: stored) == "<div><p>上次构建</p></div>"
    try:
        rawhtml.restore(html, {}, lambda: {})
    except KeyError as exc:
        assert "not rendered" in str(exc)
    else:
        raise AssertionError("a missing block must not pass silently")


def test_content_change_changes_the_placeholder():
    a, b = {}, {}
    assert rawhtml.stash("<p>一</p>", a) != rawhtml.stash("<p>二</p>", b)


def _pages(site: Path) -> dict[str, str]:
    def norm(text: str) -> str:
        return re.sub(r"\n\s*\n", "\n", text)

    return {p.relative_to(site).as_posix(): norm(p.read_text(encoding="utf-8"))
            for p in site.rglob("*.html") if "pagefind" not in p.parts}


def test_sample_site_is_the_same_with_and_without_the_swap(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    copy_sample(tmp_path / "a")
    swapped = _pages(build_root(tmp_path / "a"))
    monkeypatch.setattr(rawhtml, "stash", lambda md, store: md.replace(rawhtml.PROSE_START, "").replace(rawhtml.PROSE_END, ""))
    copy_sample(tmp_path / "b")
    plain = _pages(build_root(tmp_path / "b"))
    assert swapped.keys() == plain.keys() and len(swapped) > 50
    differ = [name for name in swapped if swapped[name] != plain[name]]
    assert differ == []
    assert not any(rawhtml.TOKEN in text for text in swapped.values())

