"""Site search with Pagefind: the records it indexes, the header box and the results page.

Pagefind indexes records, not the pages MkDocs writes. The records are:

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
- one for every other page, from its content (`page_record`, the template
  PAGE_RECORD): the HTML MkDocs made of its Markdown (or a generated page's
  view), with the page's title as its heading when the content has none, as the
  theme shows it. The home page, the gallery and pages whose front matter says
  `search: exclude: true` (the results page) have none.

search_index.py writes the records to a folder and runs the pagefind program over it.

No MkDocs imports: the plugin passes paths, the catalog, the URL arithmetic and
the Jinja environment in.
"""

from __future__ import annotations

import collections
import functools
import re
from pathlib import Path
from urllib.parse import unquote

import nh3
from markupsafe import Markup

from ..content import prose
from ..content.model import prose_files
from ..content.plaintext import plain_text
from . import search_terms
from .search_index import TERMS_ANCHOR

OVERRIDES = Path(__file__).parents[1] / "overrides"
RECORD = "brandsite/search/record.html"
PAGE_RECORD = "brandsite/search/page.html"
# Pages with no record: the listings a visitor browses rather than finds.
UNINDEXED_TEMPLATES = ("brandsite/home.html", "brandsite/gallery.html")
# Heading id of a case folded into its brand's search record (search.js knows it).
CASE_ANCHOR = "bs-case-"
RESULTS_SRC = "search.md"
ASSETS_CSS = "assets/brandsite/search.css"
ASSETS_JS = "assets/brandsite/search.js"

# The results page: a view (templates/brandsite/views/search.html), not indexed itself.
RESULTS_VIEW = "search.html"
RESULTS_META = {"title": "搜索", "hide": ["navigation", "toc"], "search": {"exclude": True}}


HINT_PINYIN = 16  # letters: a longer spelling makes a hint nobody reads (an 18-character name is 60)
HINT_INITIALS = 8  # letters of initials the hint shows when every name is too long for its pinyin
HINT_TRIES = 50  # brands spelled at most, in order, for it: a name is about half a millisecond


def hint_example(catalog) -> dict | None:
    """A brand of this site for the results page's hint, with its full pinyin and initials: a
    featured one first, else the first by folder name, among those spelled in at most
    HINT_PINYIN letters, of the first HINT_TRIES; with only long names, the one with the fewest
    initials, by them, if they are HINT_INITIALS letters at most; else (and without brands) None."""
    shortest = None
    for brand in sorted(catalog, key=lambda b: (not b.featured, b.slug))[:HINT_TRIES]:
        found = search_terms.spelled(brand.name)
        if found and len(found[0]) <= HINT_PINYIN:
            return {"name": brand.name, "pinyin": found[0], "initials": found[1]}
        if found and (shortest is None or len(found[1]) < len(shortest[2])):  # the fewest initials
            shortest = (brand.name, *found)
    if not shortest or len(shortest[2]) > HINT_INITIALS:
        return None  # hqppycxjczlwghfwxfg for a 19-character name helps no visitor: no example then
    return {"name": shortest[0], "pinyin": "", "initials": shortest[2]}


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


# `search_case_text: auto` folds whole cases up to this many brands, title and summary above.
FULL_CASES_UP_TO = 3000
# Words search.js searches ahead (`common_words`, search_index.COMMON_FILE), on sites of up to
# WARM_UP_TO brands. What that downloads after a visitor's first results grows with the site,
# mostly the words' index chunks: 89 KB for the sample, 291 KB at 1,000 synthetic brands,
# 448 KB at 2,900; above, too much to fetch on a phone for words the visitor may not type.
COMMON_WORDS = 5
WARM_UP_TO = 1000


def case_text(setting: str, brands: int) -> bool:
    """Whether the index holds the cases' text (`search_case_text`), or only title and summary."""
    return setting == "full" or (setting == "auto" and brands <= FULL_CASES_UP_TO)


def _tail(content: str, name: str | None) -> Markup:
    """The record's hidden words after its name variants (search_terms.tail): pinyin, encoded
    name parts (none without a name), and the words of `content` a query would not find
    otherwise. Only CJK words, pinyin letters and hex codes: nothing an editor wrote goes
    out unescaped."""
    return Markup(search_terms.tail(content, name, _s2t()(name) if name else None))


def _hidden_length(names: str, tail: str) -> int:
    """The `terms` meta: how many characters of the record's text, from its end, are the hidden
    name variants and words (search.js keeps them out of excerpts). Pagefind ends each block with ". "."""
    return len(names) + sum(len(" ".join(search_terms.plain(p).split())) + 2 for p in tail.splitlines() if p.strip())


# The allowlist prose.py cleans with, less ids: a heading id inside a case would make a
# sub-result of its own, pointing into the brand page, and take the case's hits from it.
_CASE_ATTRIBUTES = {tag: set(attrs) - {"id"} for tag, attrs in prose.ATTRIBUTES.items()}
_CASE_ID = re.compile(rf'\sid="{CASE_ANCHOR}[^"]*"')


def _prose(brand, text: str, base: str = "", ids: bool = True) -> Markup:
    """Editors' prose as clean HTML (prose.py), its local links relative to the brand page."""
    html = prose.render(text, base, prose_files(brand)).html
    if not html:
        return Markup("")
    html = prose.localise(html, "")  # the brand page sits in the brand folder
    if not ids:
        html = nh3.clean(html, tags=set(prose.TAGS), attributes=_CASE_ATTRIBUTES, link_rel=None)
    else:  # a heading "case-xiang-kou" gets the id of a case's heading: it would be listed as that case
        html = _CASE_ID.sub("", html)
    return Markup(html)


def meta_code(text: str) -> str:
    """A meta value Pagefind cannot answer a query with: h and the UTF-8 bytes' hex digits, one
    word nobody types (search.js `unhex`). Pagefind searches meta values as it does text, and
    the logo's file name, logo.svg, made logo and svg find every brand."""
    return "h" + text.encode("utf-8").hex()


def record(template, brand, site, full_cases: bool) -> str:
    """The HTML of `brand`'s record. `site` is the plugin's URL arithmetic (urls.Site)."""
    src = site.brand_src(brand)
    return template.render(
        brand=brand, case_text=full_cases, case_anchor=CASE_ANCHOR, terms_anchor=TERMS_ANCHOR,
        logo=meta_code(unquote(site.rel(src, site.asset_src(brand, brand.logo)))),
        spelled=meta_code(" ".join(search_terms.pinyin_terms(brand.name))),
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


def common_words(catalog, limit: int = COMMON_WORDS) -> list[str]:
    """The `limit` two-character words the most brands' own texts hold (the labels of pages and
    records are not theirs), then the most often; each held by two brands or more, ties by the
    word, so that the same content gives the same list. Their queries score the most pages:
    search.js searches them ahead (search_index.COMMON_FILE). None above WARM_UP_TO brands."""
    if len(catalog) > WARM_UP_TO:
        return []
    brands: collections.Counter[str] = collections.Counter()
    times: collections.Counter[str] = collections.Counter()
    for brand in catalog:
        # the prose as the page shows it: not its comments or hidden link definitions
        texts = [brand.name, brand.slogan, brand.organization, plain_text(brand.connotation), plain_text(brand.story),
                 *(f"{c.name} {plain_text(c.description or '')}" for c in brand.carriers), *brand.partners,
                 *(f"{case.title} {case.summary} {plain_text(case.body)}" for case in brand.cases)]
        found = search_terms.pair_words(" ".join(t for t in texts if t))
        brands.update(set(found))
        times.update(found)
    ranked = sorted((-n, -times[word], word) for word, n in brands.items() if n >= 2)
    return [word for *_, word in ranked[:limit]]


def model_pages(catalog, site) -> set[str]:
    """The files of the brand and case pages, for which the brand records stand."""
    return {site.file(src) for brand in catalog for src in site.page_srcs(brand)}


def indexed(page) -> bool:
    """Whether `page` (a MkDocs page, its Markdown read) has a record: not the home page, the
    gallery or a page whose front matter says `search: exclude: true` (the results page)."""
    meta = page.meta or {}
    wanted = meta.get("search") if isinstance(meta.get("search"), dict) else {}
    return not (wanted.get("exclude") or meta.get("template") in UNINDEXED_TEMPLATES or page.is_homepage)


def page_record(template, page, site_name: str) -> str:
    """The record of a page that is not a brand's: its content (MkDocs' HTML of its Markdown,
    or a generated page's view) under its title."""
    return template.render(page=page, content=Markup(page.content or ""), site_name=site_name,
                           tail=_tail, hidden_length=_hidden_length, terms_anchor=TERMS_ANCHOR)


def page_records(env, pages, modelled: set[str], site_name: str) -> dict[str, str | None]:
    """Page file -> record for the pages MkDocs converted in this build; None for a page it did
    not convert (a preview's rebuild converts only changed pages: its last record stands)."""
    template = env.get_template(PAGE_RECORD)
    records: dict[str, str | None] = {}
    for page in pages:
        rel = page.file.dest_uri
        if rel in modelled:
            continue
        if page.content is None:
            records[rel] = None
        elif indexed(page):
            records[rel] = page_record(template, page, site_name)
    return records


class PreviewRecords:
    """A preview's records, kept across its rebuilds (in memory): a brand's record is
    rendered again only when its folder (`signature`), the template or the settings changed,
    another page's only when MkDocs converted the page again.
    They are rendered in the rebuild, not with the index in the background: prose.py's
    Markdown converter is one object, which two threads must not use at once."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[tuple, str]] = {}  # brand page file -> (what it was made of, HTML)
        self.pages: dict[str, str] = {}  # other page file -> HTML

    def update_pages(self, records: dict[str, str | None]) -> None:
        """This rebuild's page records (page_records): the pages it has, each new or as it was."""
        kept = {rel: html if html is not None else self.pages.get(rel) for rel, html in records.items()}
        self.pages = {rel: html for rel, html in kept.items() if html is not None}

    def update(self, catalog, site, env, full_cases: bool, signature) -> dict[str, str]:
        """file -> record HTML: every brand of `catalog`'s, and the other pages' (update_pages)."""
        template = env.get_template(RECORD)  # a new object when the file changed (Jinja reloads it)
        kept = {}
        for brand in catalog:
            rel = site.file(site.brand_src(brand))
            made_of = (signature(brand), catalog.audience, full_cases, template, site)
            old = self.kept.get(rel)
            kept[rel] = old if old is not None and old[0] == made_of else (made_of, record(template, brand, site, full_cases))
        self.kept = kept
        return {**self.pages, **{rel: html for rel, (_, html) in kept.items()}}
