"""Links in editors' prose to another brand's page or case (../x/, ../x/cases/y.md), checked
across brands. No MkDocs imports.

prose_links.judge_url keeps such a link (BRAND) without knowing the other folders, so that what
a folder's own rules find, which memo.FolderMemo keeps while the folder is unchanged, never
depends on another folder. Whether the brand or case is there, and whether a public text links
a page only the intranet has, is decided here on every load, over all folders: a rename, a
deletion or a visibility change of the target is told at the linking line at once. The links
of a folder (`text_links`) depend on that folder alone, so the memo may keep them.

A target whose folder has errors of its own is there: the link is right and the errors are told
at the target's files. The build stops on them; the preview leaves that brand out, and shows the
link's words alone until they are fixed (pages.Generator.brand_link).
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from . import names, prose
from .editing_slips import _HEADING, _internal, _texts
from .model import Problem, prose_files
from .prose import LONG_NEEDLE, SHORT_NEEDLE
from .prose_links import BRAND, URL_NOISE, hrefs, judge_url


@dataclass(frozen=True)
class Link:
    path: str  # the file, as messages name it
    line: int
    written: str  # the link's target as written, cut to 40 characters
    slug: str
    case: str  # "": the brand's page
    section: str  # as judge_url keeps it (quoted), "" for none
    base: str  # the text's folder in its brand folder ("" or "cases")
    public: bool  # in a text the public site shows: a public brand's connotation, story or public case


def links_in(text: str, base: str, files: frozenset[str], written: str) -> list[tuple[int, str, str]]:
    """(line in `written`, the target as written, what judge_url keeps after BRAND) of each link
    of `text` to another brand, found at its line as prose.removals finds what it removes. Read from
    the HTML the page is made of (prose.page_html: marks such as U+200E taken out first), not from
    the text as written: [名称]\u200e(../x/) is no link as written, and a link on the page."""
    page = prose.page_html(text) if text and text.strip() else ""
    if "<a " not in page:
        return []
    lines = prose.as_read(written)
    out, pos = [], 0
    for value in hrefs(page):
        kept, _ = judge_url("a", "href", value, base, files)
        if not kept or not kept.startswith(BRAND):
            continue
        needle = URL_NOISE.sub("", value).strip()[:LONG_NEEDLE].lower() or "]("
        at, pos = lines.place(dict.fromkeys((needle, needle[:SHORT_NEEDLE])), pos)
        shown = value.strip()
        out.append((lines.line(at), shown[:40] + ("…" if len(shown) > 40 else ""), kept[len(BRAND):]))
    return out


def text_links(src) -> list[Link]:
    """The links of a readable brand folder's prose to other brands: what it alone decides."""
    files = prose_files(src)
    public = src.data.get("visibility") != "internal"
    shown = [public, public, *(public and not _internal(case) for case in src.cases)]
    out = []
    for (path, text, base, offset, written), is_public in zip(_texts(src, src.cases), shown):
        for line, target, kept in links_in(text, base, files, written):
            where, _, section = kept.partition("#")
            slug, _, case = unquote(where).partition("/")
            out.append(Link(path, offset + line, target, slug, case, section, base, is_public))
    return out


_MARKED = re.compile(r'\shref="bs-brand:/([^"#]*)')


def linked(brand) -> list[tuple[str, str]]:
    """(slug, case) of each page of another brand that a Brand's prose links, as its pages render
    it: what else a preview's reused brand and case pages depend on (incremental.Generator)."""
    files = prose_files(brand)
    texts = [(brand.connotation, ""), (prose.demote(brand.story), ""), *((case.body, "cases") for case in brand.cases)]
    found = {unquote(m).partition("/")[::2] for text, base in texts if text
             for m in _MARKED.findall(prose.render(text, base, files).html)}
    return sorted(found)


def brand_links(sources, links_of=text_links) -> Iterator[Problem]:
    """Each link to another brand (or its case) that is not there (an error: it shows as words
    alone), that a public text makes to an internal brand or case (a warning: the public site
    shows the words, most often the internal name), or that names a heading its page lacks (a
    warning). `links_of` gives a folder's links (the memo's, in a preview)."""
    by_slug = {s.slug: s for s in sources}
    by_name = {names.key(s.data["name"].strip()): s for s in sources if s.readable and isinstance(s.data.get("name"), str)}
    headings: dict[tuple[str, str], dict[str, str]] = {}  # a page's, read once however many links name a section of it
    for src in sources:
        if not src.readable:
            continue
        for link in links_of(src):
            target = by_slug.get(link.slug)
            if target is None:
                message, meant = _no_brand(link, sorted(by_slug), by_name)
                yield Problem(link.path, link.line, message, "error", src.slug, about=meant)
                continue
            if not target.readable:
                continue  # its brand.yml's own errors are told there
            cases = {case.slug: case for case in target.cases}
            if link.case and link.case not in cases and link.case not in target.unread_cases:
                yield Problem(link.path, link.line, _no_case(link, sorted(cases)), "error", src.slug, about=link.slug)
                continue
            internal = target.data.get("visibility") == "internal"
            if link.public and (internal or (link.case in cases and _internal(cases[link.case]))):
                yield Problem(link.path, link.line, _internal_message(link, internal), "warning", src.slug, about=link.slug)
            elif link.section and link.case not in target.unread_cases and (found := _missing_section(target, link, headings)):
                yield Problem(link.path, link.line, found, "warning", src.slug, about=link.slug)


def _up(link: Link) -> str:
    return "../../" if link.base == "cases" else "../"


def _fixed(link: Link, slug: str) -> str:
    """The link as written with the folder `slug` for the one it names."""
    return link.written.replace(link.slug, slug, 1) if link.slug in link.written else f"{_up(link)}{slug}/"


def _no_brand(link: Link, slugs: list[str], by_name: dict) -> tuple[str, str | None]:
    """The message, and the folder the link most likely meant (renamed to it, or named by its
    brand's name): checking that folder alone lists the link, as the whole check does."""
    said = (f"链接“{link.written}”：brands/ 里没有 {link.slug} 这个品牌文件夹（可能写错了，或者那个文件夹改过名、删掉了），"
            "网站上只显示文字。")
    named = by_name.get(names.key(link.slug))
    if named is not None:
        return said + f"“{link.slug}”是 {named.rel} 的品牌名称，链接里要写品牌的文件夹名：{_fixed(link, named.slug)}", named.slug
    close = difflib.get_close_matches(link.slug.lower(), slugs, n=3, cutoff=0.6)
    if not close:
        return said + f"请照 brands/ 里对方品牌的文件夹名改正链接，写成 {_up(link)}品牌文件夹名/", None
    more = f"（相近的品牌文件夹还有 {'、'.join(close[1:])}）" if len(close) > 1 else ""
    return said + f"您是不是想写 {_fixed(link, close[0])}？{more}请照 brands/ 里的文件夹名改正链接", close[0]


def _no_case(link: Link, cases: list[str]) -> str:
    said = f"链接“{link.written}”：品牌 {link.slug} 的 cases/ 里没有 {link.case}.md 这个案例，网站上只显示文字。"
    if not cases:
        return said + f"那个品牌还没有案例，可以改为链接它的品牌页面：{_up(link)}{link.slug}/"
    close = difflib.get_close_matches(link.case.lower(), cases, n=1, cutoff=0.6)
    path, mark, section = link.written.partition("#")
    head, found, tail = path.rpartition(link.case)  # the case's name comes last (the brand's may hold it)
    fix = f"您是不是想写 {head}{close[0]}{tail}{mark}{section}？" if close and found else ""
    listed = "、".join(f"{c}.md" for c in cases[:5]) + (" 等" if len(cases) > 5 else "")
    return said + fix + f"那个品牌的案例有：{listed}"


def _internal_message(link: Link, brand: bool) -> str:
    if brand:
        return (f"这里链接了只在内网发布的品牌（{link.slug}）。公开网站上没有它的页面，链接会去掉，但链接的文字照样显示，"
                "写的若是它的名称，内部品牌的名称就会出现在公开网站上。请删去这个链接和它的文字，或者只在内部的文字里写它")
    return (f"这里链接了只在内网发布的案例（{link.slug}/cases/{link.case}.md）。公开网站上没有这个案例，链接会去掉，"
            "但链接的文字照样显示，内部案例的标题就会出现在公开网站上。请删去这个链接和它的文字，或者只在内部的文字里写它")


def _missing_section(target, link: Link, headings: dict) -> str | None:
    """The message for a link's #section that the target page has no heading for, as
    editing_slips.missing_sections says it of the brand's own pages; None when it has one.
    `headings` keeps each page's headings: thousands of links to one page read it once."""
    wanted = prose.section_id(link.case, link.section)
    if not link.case and wanted in prose.BRAND_SECTIONS:
        return None
    if (link.slug, link.case) not in headings:
        headings[link.slug, link.case] = _headings(target, link.case)
    known = headings[link.slug, link.case]
    if wanted in known:
        return None
    written = unquote(link.section)
    page = f"品牌 {link.slug} 的案例 {link.case}.md " if link.case else f"品牌 {link.slug} 的页面"
    have = "".join(f"“{h}”" for h in dict.fromkeys(known.values()) if h)
    return (f"链接里的“#{written[:30]}{'…' if len(written) > 30 else ''}”在{page}里找不到这个小标题，点开后会停在页面开头。"
            + (f"请照那里的小标题写：{have}" if have else "那里没有小标题，请删去 # 和后面的字"))


def _headings(target, case: str) -> dict[str, str]:
    """{id: heading} of the page of brand `target` (case "") or of its case `case`."""
    texts = [t for _, t, _, _, _ in _texts(target, target.cases)]
    shown = texts[:2] if not case else [c.body or "" for c in target.cases if c.slug == case]
    files = prose_files(target)
    return {html.unescape(i): html.unescape(re.sub(r"<[^>]+>", "", h)).strip()
            for text in shown for i, h in _HEADING.findall(prose.render(text, "cases" if case else "", files).html)}
