"""Site search with Pagefind: the index, the header box and the results page.

The index is built after MkDocs has written the site, from the HTML itself:
templates mark the content region with `data-pagefind-body`, so navigation,
header and footer never reach the index. Brand pages add filters (category,
stage, region, year), meta (logo, category) and a hidden block of name
variants (see `name_terms`) that makes partial and traditional-character
queries find the brand despite Pagefind's Chinese word segmentation.

No MkDocs imports: the plugin passes paths and plain values in.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import json
import shutil
from pathlib import Path

OVERRIDES = Path(__file__).parent / "overrides"
OUTPUT = "pagefind"
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


def build_index(site_dir: str | Path) -> dict:
    """Index the built site into <site_dir>/pagefind; return counts for the log.

    One `add_directory` request over the written site. Feeding pages one by
    one with `add_html_file` while MkDocs renders was tried and is far slower:
    the Python API polls the binary's answers every 0.1 s, one at a time.
    """
    site = Path(site_dir)
    output = site / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    # A thread of its own: the caller may already run an event loop (tests, serve).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(asyncio.run, _build(site, output)).result()
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    check_output(output)
    return result


class SearchIndexError(Exception):
    """The index on disk is unusable; the build must fail rather than publish it."""


def check_output(output: Path) -> None:
    """Refuse an index the browser could not load (seen once: an empty entry file
    after the indexing process was killed), so that no broken search is published."""
    entry = output / "pagefind-entry.json"
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        ok = bool(data.get("languages"))
    except (OSError, ValueError, AttributeError):
        ok = False
    if not ok:
        raise SearchIndexError(
            f"搜索索引没有完整写出({entry.name} 为空或无法读取),构建已停止,旧网站保持不变。请重新构建;"
            "若反复出现,请检查磁盘空间,并确认没有其他程序结束了 pagefind 进程"
        )


async def _build(site: Path, output: Path) -> dict:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(output_path=str(output), force_language="zh")
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site))
    # Closing the context writes the files.
    return {"pages": int(result.get("page_count", 0))}
