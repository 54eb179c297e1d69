"""Site search with Pagefind: the records it indexes, the header box and the results page.

Pagefind is used through its command line only (`run_pagefind`): the pagefind
program indexes a folder of records (`Records`), and its exit says that the
index is whole; `check_output` then checks what it wrote. The records are:

- one per brand, rendered from the model with the template RECORD
  (`brand_records`) as soon as the catalog is known (a preview keeps them
  across rebuilds: `PreviewRecords`), and written at the brand page's file
  path, so that Pagefind's URLs are the brand pages'. It holds
  the brand's text, each case folded in under a heading `#bs-case-<slug>` that
  Pagefind returns as a sub-result (search.js links it to the case page), the
  filters and meta of the result list, and a hidden tail of name variants
  (`name_terms`) and words (search_terms.py) that makes partial, traditional,
  pinyin and inner-word queries find the brand despite Pagefind's Chinese word
  segmentation. Case pages are not indexed as pages: Pagefind's meta file,
  which every first query loads, lists every indexed page.
- every other page as MkDocs writes it, whole (`Records.add_page`): templates
  mark the content region with data-pagefind-body, so Pagefind indexes only
  that, and skips pages without one (the home page, the gallery, the results page).

No MkDocs imports: the plugin passes paths, the catalog, the URL arithmetic and
the Jinja environment in.
"""

from __future__ import annotations

import functools
import gzip
import json
import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path

import nh3
from markupsafe import Markup

from ..content import prose
from ..content.model import photo_candidates
from ..errors import BrandsiteError
from . import search_terms

OVERRIDES = Path(__file__).parents[1] / "overrides"
OUTPUT = "pagefind"
RECORD = "brandsite/search/record.html"
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


def results_page() -> str:
    return RESULTS_PAGE


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


# `search_case_text: auto` folds whole cases up to this many brands, title and summary above.
FULL_CASES_UP_TO = 3000


def case_text(setting: str, brands: int) -> bool:
    """Whether the index holds the cases' text (`search_case_text`), or only title and summary."""
    return setting == "full" or (setting == "auto" and brands <= FULL_CASES_UP_TO)


def _tail(content: str, name: str) -> Markup:
    """The record's hidden words after its name variants (search_terms.tail): pinyin, encoded
    name parts, and the words of `content` a query would not find otherwise. Only CJK
    words, pinyin letters and hex codes: nothing an editor wrote goes out unescaped."""
    return Markup(search_terms.tail(content, name, _s2t()(name)))


def _hidden_length(names: str, tail: str) -> int:
    """The `terms` meta: how many characters of the record's text, from its end, are the hidden
    name variants and words (search.js keeps them out of excerpts). Pagefind ends each block with ". "."""
    return len(names) + sum(len(" ".join(search_terms.plain(p).split())) + 2 for p in tail.splitlines() if p.strip())


# The allowlist prose.py cleans with, less ids: a heading id inside a case would make a
# sub-result of its own, pointing into the brand page, and take the case's hits from it.
_CASE_ATTRIBUTES = {tag: set(attrs) - {"id"} for tag, attrs in prose.ATTRIBUTES.items()}


def _prose(brand, text: str, base: str = "", ids: bool = True) -> Markup:
    """Editors' prose as clean HTML (prose.py), its local links relative to the brand page."""
    html = prose.render(text, base, photo_candidates(brand.photos)).html
    if not html:
        return Markup("")
    html = prose.localise(html, "")  # the brand page sits in the brand folder
    if not ids:
        html = nh3.clean(html, tags=set(prose.TAGS), attributes=_CASE_ATTRIBUTES, link_rel=None)
    return Markup(html)


def record(template, brand, site, full_cases: bool) -> str:
    """The HTML of `brand`'s record. `site` is the plugin's URL arithmetic (urls.Site)."""
    src = site.brand_src(brand)
    return template.render(
        brand=brand, case_text=full_cases, case_anchor=CASE_ANCHOR, terms_anchor=TERMS_ANCHOR,
        logo=site.asset_src(brand, brand.logo),
        case_link=lambda case: site.rel(src, site.case_src(brand, case)),
        prose=lambda text: _prose(brand, text),
        story=prose.demote,
        case_prose=lambda text: _prose(brand, text, "cases", ids=False),
        terms=name_terms, tail=_tail, hidden_length=_hidden_length,
    )


def brand_records(catalog, site, env, full_cases: bool):
    """(file, HTML) of each brand's record, rendered from `env`'s RECORD template."""
    template = env.get_template(RECORD)
    for brand in catalog:
        yield site.file(site.brand_src(brand)), record(template, brand, site, full_cases)


def model_pages(catalog, site) -> set[str]:
    """The files of the brand and case pages, for which the brand records stand."""
    return {site.file(src) for brand in catalog for src in site.page_srcs(brand)}


class PreviewRecords:
    """A preview's brand records, kept across its rebuilds (in memory): a brand's record is
    rendered again only when its folder (`signature`), the template or the settings changed.
    They are rendered in the rebuild, not with the index in the background: prose.py's
    Markdown converter is one object, which two threads must not use at once."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[tuple, str]] = {}  # brand page file -> (what it was made of, HTML)

    def update(self, catalog, site, env, full_cases: bool, signature) -> dict[str, str]:
        """brand page file -> record HTML, for every brand of `catalog`."""
        template = env.get_template(RECORD)  # a new object when the file changed (Jinja reloads it)
        kept = {}
        for brand in catalog:
            rel = site.file(site.brand_src(brand))
            made_of = (signature(brand), catalog.audience, full_cases, template, site)
            old = self.kept.get(rel)
            kept[rel] = old if old is not None and old[0] == made_of else (made_of, record(template, brand, site, full_cases))
        self.kept = kept
        return {rel: html for rel, (_, html) in kept.items()}


class SearchIndexError(BrandsiteError):
    """The index on disk is unusable; the build must fail rather than publish it."""


class Records:
    """The folder of pages that the pagefind program indexes into <site>/pagefind.

    `add_brands` writes the brand records and notes the pages they stand for;
    `add_page` takes any other page as MkDocs writes it (the plugin's
    on_post_page, after other plugins' changes), whole. `finish` adds the pages
    on disk that were not handed over (404.html, which the theme renders; every
    page when none was), runs pagefind over the folder and checks what it
    wrote. `close` removes the folder (also after a failed build).
    """

    def __init__(self) -> None:
        self.folder: Path | None = Path(tempfile.mkdtemp(prefix="bs-search-"))
        self.modelled: set[str] = set()  # brand and case page files: the brand records stand for them
        self.handed: set[str] = set()

    def add_brands(self, modelled, records) -> None:
        """`records`: (file, HTML) of brand records; `modelled`: the page files they stand for."""
        self.modelled.update(modelled)
        for rel, html in records:
            self._write(rel, html)

    def add_page(self, rel: str, html: str) -> None:
        """The page written to `rel` (relative to the site), whole."""
        if self._wanted(rel):
            self.handed.add(rel)
            self._write(rel, html)

    def _wanted(self, rel: str) -> bool:
        return rel not in self.modelled and rel not in self.handed and not rel.startswith(OUTPUT + "/")

    def _write(self, rel: str, html: str) -> None:
        path = self.folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")

    def finish(self, site: Path) -> dict:
        """Index the records into <site>/pagefind; the number of pages Pagefind indexed."""
        site = Path(site)
        output = site / OUTPUT
        try:
            for path in sorted(site.rglob("*.html")):
                rel = path.relative_to(site).as_posix()
                if self._wanted(rel):
                    self.add_page(rel, path.read_text(encoding="utf-8"))
            shutil.rmtree(output, ignore_errors=True)
            run_pagefind(self.folder, output)
        finally:
            self.close()
        for name in UNUSED:
            (output / name).unlink(missing_ok=True)
        return {"pages": check_output(output)}

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def build_index(site_dir: str | Path, brands: dict[str, str] | None = None, modelled=()) -> dict:
    """Index the built site: the brand records `brands` (file -> HTML), and every page on
    disk but those they stand for (`modelled`)."""
    records = Records()
    try:
        records.add_brands(modelled, (brands or {}).items())
    except BaseException:
        records.close()
        raise
    return records.finish(Path(site_dir))


def index_ok(site_dir: str | Path) -> bool:
    """Whether the Pagefind output in the built site passes `check_output`."""
    try:
        check_output(Path(site_dir) / OUTPUT)
        return True
    except SearchIndexError:
        return False


def check_output(output: Path) -> int:
    """Refuse an index the browser could not load, so that no broken search is
    published: the entry file must parse, and the files every first query
    loads (the WASM and the meta index) must decompress whole. Returns the
    number of pages indexed."""
    entry = output / "pagefind-entry.json"
    bad = entry.name
    try:
        languages = json.loads(entry.read_text(encoding="utf-8")).get("languages")
        ok = bool(languages)
        pages = sum(int(lang.get("page_count") or 0) for lang in languages.values()) if ok else 0
        for path in [*output.glob("wasm.*.pagefind"), *output.glob("pagefind.*.pf_meta")]:
            bad = path.name
            gzip.decompress(path.read_bytes())
    except (OSError, ValueError, AttributeError, TypeError, EOFError, zlib.error):
        ok = False
    if not ok:
        raise SearchIndexError(
            f"搜索索引没有完整写出({bad} 为空或不完整),构建已停止,旧网站保持不变。请重新构建;"
            "若反复出现,请检查磁盘空间,并确认没有其他程序结束了 pagefind 进程"
        )
    return pages


def run_pagefind(site: Path, output: Path, timeout: float = INDEX_TIMEOUT) -> None:
    """Index the pages under `site` into `output` with the pagefind program (its CLI).

    The program exits once every file is written, so its exit is what says the
    index is whole; `check_output` then checks it. Not the package's Python API:
    its client reads one answer every 0.1 s, and it stops the program as soon as
    "files written" is answered, which comes before the last writes are done
    (seen: an empty entry file)."""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise SearchIndexError("找不到 pagefind 程序。请重新运行 make(它会安装 pagefind[extended])")
    command = [str(executable), "--site", str(site), "--output-path", str(output), "--force-language", "zh", "--quiet"]
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=timeout, text=True, errors="replace")
    except OSError as exc:
        raise SearchIndexError(f"无法启动 pagefind({executable}):{exc.strerror or exc}。请重新运行 make") from None
    except subprocess.TimeoutExpired:
        raise SearchIndexError(f"pagefind 在 {int(timeout)} 秒内没有建完搜索索引,构建已停止,旧网站保持不变。"
                               "请检查磁盘是否已满或过慢") from None
    if done.returncode != 0:
        said = [line.strip() for line in done.stdout.splitlines() if line.strip()]
        errors = [line for line in said if line.startswith("Error")]
        why = (errors or said[-1:] or [f"退出码 {done.returncode}"])[0]
        raise SearchIndexError(f"pagefind 没有建成搜索索引({why}),构建已停止,旧网站保持不变。"
                               "请重新构建;若反复出现,请检查磁盘空间")
