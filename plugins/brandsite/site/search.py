"""Site search with Pagefind: the index, the header box and the results page.

The index is built from the HTML MkDocs writes (handed over page by page
during a full build, read from disk otherwise: see `Indexer`) by the
pagefind program, through its command line (`run_pagefind`). Templates
mark the content region with `data-pagefind-body`, so navigation,
header and footer never reach the index. Brand pages add filters (category,
stage, region, year), meta (logo, category) and a hidden block of name
variants (see `name_terms`) that makes partial and traditional-character
queries find the brand despite Pagefind's Chinese word segmentation.
Case pages are not indexed as pages: each case's content is folded into its
brand's record (see `build_index`), and search.js links the matching case.

No MkDocs imports: the plugin passes paths and plain values in.
"""

from __future__ import annotations

import functools
import gzip
import json
import posixpath
import re
import shutil
import subprocess
import tempfile
import zlib
from html import escape as html_escape
from html import unescape as html_unescape
from pathlib import Path

from ..errors import BrandsiteError
from . import search_terms

OVERRIDES = Path(__file__).parents[1] / "overrides"
OUTPUT = "pagefind"
# Seconds the pagefind program may take to index the site (10,000 brands take minutes).
INDEX_TIMEOUT = 3600
# Heading id of a case folded into its brand's search record (search.js knows it).
CASE_ANCHOR = "bs-case-"
TERMS_ANCHOR = "bs-search-terms"
RESULTS_SRC = "search.md"
# Pagefind's ready-made UIs: search.js uses the JS API instead.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
ASSETS_CSS = "assets/brandsite/search.css"
ASSETS_JS = "assets/brandsite/search.js"

RESULTS_PAGE = """\
---
title: 搜索
hide: [navigation, toc]
search:
  exclude: true
---

<div class="bs-search-page" data-bs-search-page>
<form class="bs-search-page__form" role="search" action="">
<input class="bs-search-page__input" type="search" name="q" placeholder="输入品牌名称、党组织、地区或关键词" aria-label="搜索" autocomplete="off">
<button class="md-button md-button--primary" type="submit">搜索</button>
</form>
<p class="bs-search-page__hint">可输入品牌名称、文中词语、拼音或首字母(如“益家同行”可输入 yijiatongxing 或 yjtx)。</p>
<div class="bs-search-page__filters" data-bs-search-filters aria-label="筛选"></div>
<p class="bs-search-page__status" data-bs-search-status aria-live="polite"></p>
<ol class="bs-search-page__results" data-bs-search-results></ol>
<noscript><p>搜索需要浏览器启用 JavaScript。</p></noscript>
</div>
"""


def configure(config) -> None:
    """on_config: the header/search templates and the search script and styles."""
    config.theme.dirs[:] = theme_dirs(list(config.theme.dirs), config.theme.custom_dir)
    if ASSETS_CSS not in config.extra_css:
        config.extra_css.append(ASSETS_CSS)
    if ASSETS_JS not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(ASSETS_JS)


def theme_dirs(dirs: list[str], custom_dir: str | None, folder: Path = OVERRIDES) -> list[str]:
    """Put `folder` (by default the search overrides) right after the site's own custom_dir (which still wins)."""
    ours = str(folder)
    if ours in dirs:
        return dirs
    at = 1 if custom_dir and dirs and Path(dirs[0]) == Path(custom_dir) else 0
    return dirs[:at] + [ours] + dirs[at:]


@functools.lru_cache(maxsize=1)
def _s2t():
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a pinned dependency
        return lambda text: text
    return opencc.OpenCC("s2t").convert


def name_terms(name: str, *others: str) -> list[str]:
    """Words to index for a brand's name (and organization) so that part of
    it, or its traditional spelling, still finds the brand.

    At index time Pagefind segments Chinese with a dictionary (东湖|市) but
    at query time the browser's Intl.Segmenter splits differently (东|湖|市),
    and a query word must be the prefix of an indexed word. So the name is
    indexed with every suffix (连心 for 税连心: every part of the name is a
    prefix of one), and name and organization also as single characters,
    which search.js falls back to when a query finds nothing. The
    traditional spelling gets the same treatment, so 税連心 finds 税连心.
    """
    terms: list[str] = []
    for i, text in enumerate((name, *others)):
        text = "".join(text.split())
        if not text:
            continue
        for variant in dict.fromkeys([text, _s2t()(text)]):
            if i == 0:
                terms.extend(variant[j:] for j in range(len(variant) - 1))
            terms.append(" ".join(variant))
    return list(dict.fromkeys(terms))


def template_globals(enabled: bool) -> dict:
    """What the page templates (views/_search.html) see as `search`."""
    return {"search": {"enabled": enabled, "terms": name_terms}}


def results_page() -> str:
    return RESULTS_PAGE


# `search_case_text: auto` folds whole cases up to this many brands, title and summary above.
FULL_CASES_UP_TO = 3000
# A case page's text after its header (title, date, summary): left out of `summary` folds.
CASE_TEXT = re.compile(r"(?<=</header>).*", re.S)


def case_text(setting: str, brands: int) -> bool:
    """Whether the index holds the cases' text (`search_case_text`), or only title and summary."""
    return setting == "full" or (setting == "auto" and brands <= FULL_CASES_UP_TO)


def build_index(site_dir: str | Path, folds: dict[str, list[tuple[str, str]]] | None = None,
                full_cases: bool = True) -> dict:
    """Index the built site into <site_dir>/pagefind from the files on disk; return counts for the log.

    `folds` maps a brand page's file (relative to the site) to its cases'
    (slug, file): each case is indexed inside its brand's record instead of
    as a page of its own (see `fold_cases`). Every page costs every visitor
    bytes in Pagefind's meta file, loaded before the first query, so at
    10,000 brands a record per case page alone would break the budget.
    A full build feeds the same `Indexer` page by page while MkDocs writes.
    """
    return Indexer(folds or {}, full_cases).finish(Path(site_dir))


def index_ok(site_dir: str | Path) -> bool:
    """Whether the Pagefind output in the built site passes `check_output`."""
    try:
        check_output(Path(site_dir) / OUTPUT)
        return True
    except SearchIndexError:
        return False


def folds(brands, site) -> dict[str, list[tuple[str, str]]]:
    """brand page file -> [(case slug, case page file)], for `build_index`.

    `site` is the plugin's URL arithmetic (pages.Site); files are relative to the site folder."""
    return {site.file(site.brand_src(b)): [(c.slug, site.file(site.case_src(b, c))) for c in b.cases] for b in brands}


def _relative(target: str, page: str) -> str:
    """URL of the file `target` seen from the page file `page` (both relative to the site)."""
    url = posixpath.relpath("/" + target, "/" + posixpath.dirname(page))  # rooted: no getcwd() per call
    return url[: -len("index.html")] if url == "index.html" or url.endswith("/index.html") else url


BODY = re.compile(r"<(\w+)\b[^>]*\bdata-pagefind-body\b[^>]*>")
TERMS = re.compile(r'<p class="bs-search-terms".*?</p>', re.S)
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
# Parts of a case page that belong to the page, not the case: the crumbs,
# the brand link, date and organization (on the brand page already), the
# cards of the brand's other cases, the back link, and the search data
# (meta and filters would override the brand's own).
CASE_DROP = (
    re.compile(r'<nav class="bs-crumbs".*?</nav>', re.S),
    re.compile(r'<a class="bs-case-head__brand".*?</a>', re.S),
    re.compile(r'<p class="bs-case-head__meta".*?</p>', re.S),
    re.compile(r'<h2 id="bs-more-cases".*', re.S),
    re.compile(r'<p class="bs-back".*?</p>', re.S),
    re.compile(r'<div class="bs-search-data".*?</div>', re.S),
)
# Parts of a brand page that repeat other records: the case cards (each case
# is folded in whole) and the partner brands' cards, whose names and
# organizations would make this brand an answer for its partners.
BRAND_DROP = (
    re.compile(r'<(div) class="bs-cases"[^>]*>'),
    re.compile(r'<(div) class="bs-grid bs-grid--small"[^>]*>'),
)
# Inside a folded case, ids would make sub-results that point into the brand
# page; Pagefind attributes would change the brand's record.
CASE_ATTRS = re.compile(r'\s(?:id|data-pagefind-[\w-]+)(?:="[^"]*")?(?=[\s>/])')


def region(html: str, opening: re.Pattern = BODY) -> tuple[int, int] | None:
    """Start and end of the inner HTML of the (first) element whose opening tag
    matches `opening`, by default the one marked data-pagefind-body."""
    if opening is BODY:  # found by its attribute first: the regex alone crawls every tag of the header
        m = None
        at = html.find("data-pagefind-body")
        while at >= 0 and m is None:
            m = opening.match(html, max(html.rfind("<", 0, at), 0))
            at = html.find("data-pagefind-body", at + 1)
    else:
        m = opening.search(html)
    if not m:
        return None
    tag = m.group(1)
    depth = 1
    for t in re.finditer(rf"<(/?){tag}\b[^>]*>", html[m.end():]):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return m.end(), m.end() + t.start()
    return None


def _drop(html: str, opening: re.Pattern) -> str:
    """`html` without the first element whose opening tag matches (and its content)."""
    m = opening.search(html)
    inner = region(html, opening) if m else None
    if inner is None:
        return html
    close = html.index(">", inner[1]) + 1
    return html[:m.start()] + html[close:]


def fold_cases(brand_html: str, cases: list[tuple[str, str, str]], full: bool = True) -> str:
    """The brand page's HTML with each case's content appended to its
    content region, under a heading Pagefind turns into a sub-result
    (`#bs-case-<slug>`); meta `cases` maps each slug to the case page's URL
    relative to the brand page, so search.js links the sub-result there.
    Without `full`, a case contributes its title and summary only."""
    return fold_sections(brand_html, [case_section(slug, url, html, full) for slug, url, html in cases])


def case_section(slug: str, url: str, html: str, full: bool = True) -> tuple[str, str] | None:
    """A case page's part of its brand's record: the section HTML and its `cases` meta entry
    (`url`: the case page seen from the brand page). None for a page without a content region."""
    body = region(html)
    if body is None:
        return None
    text = html[body[0]:body[1]]
    title = H1.search(text)
    text = H1.sub("", text, count=1)
    for pattern in CASE_DROP if full else (*CASE_DROP, CASE_TEXT):
        text = pattern.sub("", text)
    text = re.sub(r"<[^>]+>", lambda tag: CASE_ATTRS.sub("", tag.group(0)), text)
    heading = title.group(1) if title else slug
    heading = re.sub(r'<span class="bs-chip.*?</span>', "", heading).strip()
    return (f'<section class="bs-search-case"><h2 id="{CASE_ANCHOR}{slug}">{heading}</h2>\n{text}</section>\n',
            f"{slug}={url}")


def fold_sections(brand_html: str, sections: list[tuple[str, str] | None]) -> str:
    """`fold_cases` once each case is a `case_section`."""
    at = region(brand_html)
    if at is None:
        return brand_html
    sections = [s for s in sections if s is not None]
    links = " ".join(link for _, link in sections)
    meta = f'<span hidden data-pagefind-meta="cases:{html_escape(links)}"></span>\n' if sections else ""
    # The hidden name variants stay last (search.js keeps them out of excerpts),
    # under a heading of their own, so that a name query is no case's hit.
    inner = brand_html[at[0]:at[1]]
    for opening in BRAND_DROP:
        inner = _drop(inner, opening)
    terms = TERMS.search(inner)
    tail = ""
    if terms:
        inner = inner[:terms.start()] + inner[terms.end():]
        cases = "".join(part for part, _ in sections)
        name = _meta(inner, "brand")
        extra = search_terms.tail(inner + cases, name, name and _s2t()(name))
        inner = _more_terms(inner, extra)
        tail = f'<h6 id="{TERMS_ANCHOR}">·</h6>{terms.group(0)}\n{extra}\n'
    return brand_html[:at[0]] + inner + meta + "".join(part for part, _ in sections) + tail + brand_html[at[1]:]


TERMS_META = re.compile(r'data-pagefind-meta="terms:(\d+)"')


def _meta(html: str, key: str) -> str | None:
    m = re.search(rf'data-pagefind-meta="{key}:(.*?)"', html)
    return html_unescape(m.group(1)) if m else None


def _more_terms(inner: str, extra: str) -> str:
    """The brand's `terms` meta (the hidden tail's length, which search.js keeps
    out of excerpts) grown by the text of `extra`."""
    # Pagefind ends each block with ". "
    added = sum(len(" ".join(search_terms.plain(p).split())) + 2 for p in extra.splitlines() if p.strip())
    if not added:
        return inner
    return TERMS_META.sub(lambda m: f'data-pagefind-meta="terms:{int(m.group(1)) + added}"', inner, count=1)


class SearchIndexError(BrandsiteError):
    """The index on disk is unusable; the build must fail rather than publish it."""


def check_output(output: Path) -> None:
    """Refuse an index the browser could not load, so that no broken search is
    published: the entry file must parse, and the files every first query
    loads (the WASM and the meta index) must decompress whole."""
    entry = output / "pagefind-entry.json"
    bad = entry.name
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        ok = bool(data.get("languages"))
        for path in [*output.glob("wasm.*.pagefind"), *output.glob("pagefind.*.pf_meta")]:
            bad = path.name
            gzip.decompress(path.read_bytes())
    except (OSError, ValueError, AttributeError, EOFError, zlib.error):
        ok = False
    if not ok:
        raise SearchIndexError(
            f"搜索索引没有完整写出({bad} 为空或不完整),构建已停止,旧网站保持不变。请重新构建;"
            "若反复出现,请检查磁盘空间,并确认没有其他程序结束了 pagefind 进程"
        )


class Indexer:
    """One Pagefind index, fed page by page; `finish` writes it into <site>/pagefind.

    `add` takes a page's HTML as MkDocs writes it (the plugin's on_post_page)
    and keeps what Pagefind needs of it (`record_page`) in a folder of its
    own, so that the end of the build only runs Pagefind over small files. A
    case page is kept (as its `case_section`) until its brand's page and every
    other case of that brand have come, then the folded brand page goes.
    `finish` adds every page on disk that was not fed (404.html, which the
    theme renders; all of them on an incremental build), runs the pagefind
    program over the folder (`run_pagefind`) and checks what it wrote.
    `close` removes the folder (also after a failed build).
    """

    def __init__(self, folds: dict[str, list[tuple[str, str]]], full_cases: bool = True):
        self.folds = folds
        self.full = full_cases
        self.brand_of = {case: (brand, slug) for brand, cases in folds.items() for slug, case in cases}
        self.waiting: dict[str, dict] = {}  # brand page -> {"html": ..., "cases": {case page: section}}
        self.seen: set[str] = set()
        self.records: Path | None = None  # the pages as Pagefind reads them
        self.pages = 0
        self.bodiless: list[str] = []  # pages without a content region, which Pagefind skips

    def add(self, rel: str, html: str) -> None:
        """The page at `rel` (its file, relative to the site) with its written HTML."""
        if rel in self.seen or rel.startswith(OUTPUT + "/"):
            return
        self.seen.add(rel)
        if rel in self.brand_of:
            brand, slug = self.brand_of[rel]
            self._waiting(brand)["cases"][rel] = case_section(slug, _relative(rel, brand), html, self.full)
            self._fold_if_complete(brand)
        elif rel in self.folds:
            self._waiting(rel)["html"] = html
            self._fold_if_complete(rel)
        else:
            self._send(rel, html)

    def _waiting(self, brand: str) -> dict:
        return self.waiting.setdefault(brand, {"html": None, "cases": {}})

    def _fold_if_complete(self, brand: str, partial: bool = False) -> None:
        entry = self.waiting[brand]
        cases = entry["cases"]
        if entry["html"] is None or (not partial and any(case not in cases for _, case in self.folds[brand])):
            return
        del self.waiting[brand]
        self._send(brand, fold_sections(entry["html"], [cases.get(case) for _, case in self.folds[brand]]))

    def _send(self, rel: str, html: str) -> None:
        page = record_page(html)
        if page is None:
            self.bodiless.append(rel)
        else:
            self._write(rel, page)

    def _write(self, rel: str, html: str) -> None:
        if self.records is None:
            self.records = Path(tempfile.mkdtemp(prefix="bs-search-"))
        path = self.records / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        self.pages += 1

    def finish(self, site: Path) -> dict:
        site = Path(site)
        output = site / OUTPUT
        try:
            for path in sorted(site.rglob("*.html")):
                rel = path.relative_to(site).as_posix()
                if rel not in self.seen and not rel.startswith(OUTPUT + "/"):
                    self.add(rel, path.read_text(encoding="utf-8"))
            for brand in list(self.waiting):  # a case page that is not there: fold the others
                self._fold_if_complete(brand, partial=True)
            if not self.pages:  # no content region anywhere: Pagefind indexes whole pages, as it would the site
                for rel in self.bodiless:
                    self._write(rel, (site / rel).read_text(encoding="utf-8"))
            shutil.rmtree(output, ignore_errors=True)
            run_pagefind(self.records, output)
        finally:
            self.close()
        for name in UNUSED:
            (output / name).unlink(missing_ok=True)
        check_output(output)
        return {"pages": self.pages}

    def close(self) -> None:
        if self.records is not None:
            shutil.rmtree(self.records, ignore_errors=True)
            self.records = None


# What Pagefind reads of a page with a content region: the <html> tag (its
# language), the <title>, the region, and the first image before and after
# it (Pagefind's default `image` meta may come from outside the region).
# Pagefind ignores the rest, so the header, navigation and footer (most of
# each page's bytes) are left out of what it parses.
HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
TITLE = re.compile(r"<title\b[^>]*>.*?</title>", re.S | re.I)
IMG = re.compile(r"<img\b[^>]*>", re.I)


def record_page(html: str) -> str | None:
    """The page as Pagefind needs it for its record; None without a content region (Pagefind skips it)."""
    at = region(html)
    if at is None:
        return None
    start = html.rfind("<", 0, at[0])
    end = html.index(">", at[1]) + 1
    parts = [HTML_TAG.search(html, 0, start), TITLE.search(html, 0, start), IMG.search(html, 0, start), IMG.search(html, end)]
    tag, title, before, after = (m.group(0) if m else "" for m in parts)
    return (f"<!DOCTYPE html>\n{tag or '<html>'}<head>{title}</head>"
            f"<body>{before}{html[start:end]}{after}</body></html>\n")


def run_pagefind(site: Path | None, output: Path, timeout: float = INDEX_TIMEOUT) -> None:
    """Index the pages under `site` into `output` with the pagefind program (its CLI).

    The program exits once every file is written, so its exit is what says the
    index is whole; `check_output` then checks it. Not the package's Python API:
    its client reads one answer every 0.1 s (100 s for 1,000 pages added one by
    one), and it stops the program as soon as "files written" is answered,
    which comes before the last writes are done (seen: an empty entry file)."""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise SearchIndexError("找不到 pagefind 程序。请重新运行 make(它会安装 pagefind[extended])")
    empty = site is None  # nothing to index: Pagefind says so in its own words below
    if empty:
        site = Path(tempfile.mkdtemp(prefix="bs-search-"))
    command = [str(executable), "--site", str(site), "--output-path", str(output), "--force-language", "zh", "--quiet"]
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=timeout, text=True, errors="replace")
    except OSError as exc:
        raise SearchIndexError(f"无法启动 pagefind({executable}):{exc.strerror or exc}。请重新运行 make") from None
    except subprocess.TimeoutExpired:
        raise SearchIndexError(f"pagefind 在 {int(timeout)} 秒内没有建完搜索索引,构建已停止,旧网站保持不变。"
                               "请检查磁盘是否已满或过慢") from None
    finally:
        if empty:
            site.rmdir()
    if done.returncode != 0:
        said = [line.strip() for line in done.stdout.splitlines() if line.strip()]
        errors = [line for line in said if line.startswith("Error")]
        why = (errors or said[-1:] or [f"退出码 {done.returncode}"])[0]
        raise SearchIndexError(f"pagefind 没有建成搜索索引({why}),构建已停止,旧网站保持不变。"
                               "请重新构建;若反复出现,请检查磁盘空间")
