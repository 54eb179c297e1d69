"""Site search with Pagefind: the index, the header box and the results page.

The index is built after MkDocs has written the site, from the HTML itself:
templates mark the content region with `data-pagefind-body`, so navigation,
header and footer never reach the index. Brand pages add filters (category,
stage, region, year), meta (logo, category) and a hidden block of name
variants (see `name_terms`) that makes partial and traditional-character
queries find the brand despite Pagefind's Chinese word segmentation.
Case pages are not indexed as pages: each case's content is folded into its
brand's record (see `build_index`), and search.js links the matching case.

No MkDocs imports: the plugin passes paths and plain values in.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import gzip
import json
import os
import posixpath
import re
import shutil
import tempfile
import time
import zlib
from html import escape as html_escape
from pathlib import Path

OVERRIDES = Path(__file__).parent / "overrides"
OUTPUT = "pagefind"
# Seconds Pagefind may take to finish writing its files after it says they are written.
WRITE_TIMEOUT = 300
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


def theme_dirs(dirs: list[str], custom_dir: str | None) -> list[str]:
    """Put the search overrides right after the site's own custom_dir (which still wins)."""
    ours = str(OVERRIDES)
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
    """What the page templates (body/_search.md) see as `search`."""
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
    """Index the built site into <site_dir>/pagefind; return counts for the log.

    `folds` maps a brand page's file (relative to the site) to its cases'
    (slug, file): each case is indexed inside its brand's record instead of
    as a page of its own (see `fold_cases`). Every page costs every visitor
    bytes in Pagefind's meta file, loaded before the first query, so at
    10,000 brands a record per case page alone would break the budget.

    One `add_directory` request over a mirror of the written site (hard
    links, plus the folded brand pages), so the visitor's files stay as they
    are. Feeding pages one by one with `add_html_file` was tried and is far
    slower: the Python API polls the binary's answers every 0.1 s, one at a time.
    """
    return _index(Path(site_dir), folds or {}, full_cases)


def _index(site: Path, folds: dict[str, list[tuple[str, str]]], full_cases: bool) -> dict:
    output = site / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    with _scratch(site) as tmp:
        source = Path(tmp)
        mirror(site, source, folds, full_cases)
        # A thread of its own: the caller may already run an event loop (tests, serve).
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            result = pool.submit(asyncio.run, _build(source, output)).result()
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    check_output(output)
    return result


def _scratch(site: Path) -> tempfile.TemporaryDirectory:
    """A folder next to the site, so that hard links work; elsewhere if that is read-only."""
    try:
        return tempfile.TemporaryDirectory(prefix=".bs-search-", dir=site.parent)
    except OSError:
        return tempfile.TemporaryDirectory(prefix="bs-search-")


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
    def file(src: str) -> str:
        url = site.url(src)
        return url + "index.html" if url.endswith("/") or not url else url

    return {file(site.brand_src(b)): [(c.slug, file(site.case_src(b, c))) for c in b.cases] for b in brands}


def mirror(site: Path, source: Path, folds: dict[str, list[tuple[str, str]]], full_cases: bool = True) -> None:
    """What Pagefind indexes: the site's pages, hard-linked, minus the case
    pages, and each brand page with its cases folded in."""
    folded = {case for cases in folds.values() for _, case in cases}
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if rel in folded or rel.startswith(OUTPUT + "/"):
            continue
        target = source / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel in folds:
            cases = [(slug, case_rel, site / case_rel) for slug, case_rel in folds[rel]]
            html = path.read_text(encoding="utf-8")
            target.write_text(fold_cases(html, [(s, _relative(c, rel), f.read_text(encoding="utf-8"))
                                               for s, c, f in cases if f.is_file()], full_cases), encoding="utf-8")
            continue
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)


def _relative(target: str, page: str) -> str:
    """URL of the file `target` seen from the page file `page` (both relative to the site)."""
    url = posixpath.relpath(target, posixpath.dirname(page))
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
    at = region(brand_html)
    if at is None:
        return brand_html
    parts, links = [], []
    for slug, url, html in cases:
        body = region(html)
        if body is None:
            continue
        text = html[body[0]:body[1]]
        title = H1.search(text)
        text = H1.sub("", text, count=1)
        for pattern in CASE_DROP if full else (*CASE_DROP, CASE_TEXT):
            text = pattern.sub("", text)
        text = re.sub(r"<[^>]+>", lambda tag: CASE_ATTRS.sub("", tag.group(0)), text)
        heading = title.group(1) if title else slug
        heading = re.sub(r'<span class="bs-chip.*?</span>', "", heading).strip()
        parts.append(f'<section class="bs-search-case"><h2 id="{CASE_ANCHOR}{slug}">{heading}</h2>\n{text}</section>\n')
        links.append(f"{slug}={url}")
    meta = f'<span hidden data-pagefind-meta="cases:{html_escape(" ".join(links))}"></span>\n' if links else ""
    # The hidden name variants stay last (search.js keeps them out of excerpts),
    # under a heading of their own, so that a name query is no case's hit.
    inner = brand_html[at[0]:at[1]]
    for opening in BRAND_DROP:
        inner = _drop(inner, opening)
    terms = TERMS.search(inner)
    tail = ""
    if terms:
        inner = inner[:terms.start()] + inner[terms.end():]
        tail = f'<h6 id="{TERMS_ANCHOR}">·</h6>{terms.group(0)}\n'
    return brand_html[:at[0]] + inner + meta + "".join(parts) + tail + brand_html[at[1]:]


class SearchIndexError(Exception):
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


def wait_for_writes(pid: int, folder: Path, timeout: float = WRITE_TIMEOUT) -> None:
    """Return once process `pid` holds no file open under `folder`.

    Pagefind answers "files written" as soon as its writes are queued: its
    tokio file handles finish writing on a background thread, and the Python
    API then stops the process at once. Under load that left empty or cut-off
    files (seen: an empty pagefind-entry.json, a WASM file the browser could
    not unpack). A handle stays open until its last write is done, so an
    empty list of open files under `folder` means every file is whole.
    Where /proc is missing, wait until the folder's sizes stop changing."""
    folder = os.path.realpath(folder)
    fds = Path(f"/proc/{pid}/fd")
    # Decided once: a process that has exited loses its /proc folder, and has nothing open.
    has_proc = Path("/proc/self/fd").is_dir()
    deadline = time.monotonic() + timeout
    previous = None
    while time.monotonic() < deadline:
        if has_proc:
            if not any(_under(fd, folder) for fd in _listdir(fds)):
                return
        else:
            sizes = sorted((str(p), p.stat().st_size) for p in Path(folder).rglob("*") if p.is_file())
            if sizes == previous:
                return
            previous = sizes
        time.sleep(0.05 if has_proc else 0.5)
    raise SearchIndexError(f"搜索索引在 {int(timeout)} 秒内没有写完,构建已停止,旧网站保持不变。请检查磁盘是否已满或过慢")


def _listdir(path: Path) -> list[Path]:
    try:
        return list(path.iterdir())
    except OSError:  # the process is gone: nothing is open
        return []


def _under(fd: Path, folder: str) -> bool:
    try:
        return os.readlink(fd).startswith(folder + os.sep)
    except OSError:  # closed while we looked
        return False


async def _build(site: Path, output: Path) -> dict:
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    # Not `async with PagefindIndex(...)`: its exit writes the files and stops
    # the binary straight away, before the writes are done (wait_for_writes).
    config = IndexConfig(output_path=str(output), force_language="zh")
    service = await PagefindService().launch()
    try:
        index = await service.create_index(config)
        result = await index.add_directory(str(site))
        await index.write_files()
        await asyncio.to_thread(wait_for_writes, service._backend.pid, output)
    finally:
        await service.close()
    return {"pages": int(result.get("page_count", 0))}
