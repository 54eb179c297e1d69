"""Catalog -> generated pages and files.

Each generated page is a view: a Jinja template under templates/brandsite/views/
(autoescaping on, so every field is escaped where it meets HTML) that receives
model objects (`brand`, `case`, `brands`, `pager`, …) and link helpers, and
renders the page's HTML. MkDocs gets only the page's front matter (title,
description, template) as Markdown: nothing generated goes through Markdown,
and `on_page_content` puts the view's HTML in place of the empty page. Editors'
prose comes in through prose.py, already cleaned. Links are computed here,
relative to the page, with MkDocs' own rules (`Site`).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml
from markupsafe import escape

from ..content import clusters, lifecycle, plaintext, prose
from . import paging, programme, review, standins
from .urls import Site
from ..content.names import quote_path
from ..content.model import STAGES, Brand, Case, Catalog, Problem, prose_files
from ..errors import BrandsiteError
from ..media.images import published_svg
from ..media.picture import picture_of, upgrade_images

# libyaml's emitter where PyYAML has it (its wheels do): the same YAML, several times faster.
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

VIEW_DIR = "brandsite/views"
THEME_TEXT = ("title", "description", "author")  # page meta the theme prints as is


def escape_theme_text(meta: dict) -> None:
    """Escape, in place, the page meta that Material prints into the page unescaped."""
    for key in THEME_TEXT:
        if isinstance(meta.get(key), str):
            meta[key] = str(escape(meta[key]))


@dataclass
class Generated:
    src_uri: str
    content: str | None = None
    abs_src_path: str | None = None


def environment(template_dirs: list[str]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dirs),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["excerpt"] = excerpt
    env.globals.update(lifecycle=lifecycle, cluster_src=clusters.cluster_src, today=lifecycle.today(),
                       card_of=paging.Card.of, template_card=paging.TEMPLATE_CARD)
    return env


_LOWER_HEADING = re.compile(r"<(/?)h([1-6])\b")  # in prose.render's output (nh3's: one tag per match)
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def table_of_contents(html: str):
    """The page's table of contents from its view's headings, as MkDocs makes it from Markdown's."""
    from mkdocs.structure.toc import get_toc

    tokens: list[dict] = []
    for level, anchor, inner in _HEADING.findall(html):
        name = re.sub(r"<[^>]+>", "", re.sub(r"<sup\b.*?</sup>", "", inner, flags=re.S)).strip()  # less a footnote's mark
        token = {"level": int(level), "id": anchor, "name": name, "html": name, "children": []}
        if token["level"] == 3 and tokens:
            tokens[-1]["children"].append(token)
        elif token["level"] == 2:
            tokens.append(token)
    return get_toc(tokens)


_CJK_SPACE = re.compile(f"(?<=[{prose.CJK}])\\s+|\\s+(?=[{prose.CJK}])")


def excerpt(text: str, length: int = 80) -> str:
    # no space beside a Chinese character (editors' line breaks and spacing), one between words
    plain = re.sub(r"\s+", " ", _CJK_SPACE.sub("", plaintext.plain_text(text)))
    return plain if len(plain) <= length else plain[: length - 1] + "…"


class Generator:
    def __init__(self, catalog: Catalog, site: Site, env: jinja2.Environment, *, problems=(), serving=False, images=None, artwork=None,
                 page_size: int = 60, brands_dir: Path | None = None):
        self.catalog = catalog
        self.brands_dir = brands_dir  # a preview's stand-ins list a broken brand's case files
        # Cards per gallery page (and rows per cluster and review page): listings stay small at any brand count.
        self.page_size = max(int(page_size), 1)
        # A review row (~1.1 KB: seven scores with their reasons) is larger than a card (~0.7 KB).
        self.review_page_size = max(self.page_size * 2 // 3, 1)
        self._review_scores: list | None = None
        self._review_pages: dict[str, str] | None = None
        # (slug, rel) -> images.Output: processed logos and photos; others are copied as they are.
        self.images = images or {}
        # Published path of each processed image -> (brand, rel), filled by files(); upgrade_prose reads it.
        self.image_paths: dict[str, tuple[Brand, str]] = {}
        # artwork.Artwork: posters (by slug) and share cards (by page src_uri), drawn from the cache.
        self.posters = artwork.posters if artwork else {}
        self.cards = artwork.cards if artwork else {}
        self.site = site
        self.env = env
        self.problems: list[Problem] = list(problems)
        # Near-duplicate warnings per slug, from the check that already ran, for the review rubric.
        self.duplicates = review.duplicate_warnings(self.problems)
        self.serving = serving
        # The preview shows each brand's problems on its own pages (own_problems).
        self.problems_of: dict[str, list[Problem]] = {}
        for problem in self.problems if serving else ():
            self.problems_of.setdefault(problem.slug, []).append(problem)
        # The HTML of each page's view, from on_files until on_page_content puts it in place.
        self.views: dict[str, str] = {}
        # Draws a media.picture.Picture, for the views and for images in prose.
        self.draw_picture = env.get_template(f"{VIEW_DIR}/_picture.html").module.picture

    def render(self, name: str, src_uri: str, meta: dict | None = None, **context) -> str:
        link = lambda to_src: self.site.rel(src_uri, to_src)  # noqa: E731
        # Front matter is dumped, not templated, so no name can break the YAML. Material prints
        # page.meta.title, page.meta.description and page.title without escaping: they go in escaped.
        if meta:
            meta = dict(meta)
            escape_theme_text(meta)
        head = f"---\n{yaml.dump(meta, Dumper=DUMPER, allow_unicode=True, sort_keys=False)}---\n\n" if meta else ""
        html = self.env.get_template(f"{VIEW_DIR}/{name}").render(
            catalog=self.catalog,
            site=self.site,
            link=link,
            logo=lambda b: link(self.site.asset_src(b, b.logo)),
            brand_link=lambda b: link(self.site.brand_src(b)),
            picture=lambda b, rel, **kw: self.picture(src_uri, b, rel, **kw),
            prose_of=lambda b, text, base="", section=False: self.prose(src_uri, b, text, base, section),
            stages=STAGES,
            **context,
        )
        self.views[src_uri] = html
        # The Markdown MkDocs sees: front matter, and a digest of the view, so that the page's
        # source changes whenever its HTML does (a preview's dirty rebuilds go by that).
        return head + f"<!-- view {hashlib.blake2b(html.encode('utf-8'), digest_size=8).hexdigest()} -->\n"

    def files(self) -> list[Generated]:
        self.image_paths.clear()
        for brand in self.catalog:  # before any view is rendered: prose images get their srcset from it
            for rel in [brand.logo, *brand.photos]:
                if (brand.slug, rel) in self.images:
                    self.image_paths[self.site.asset_src(brand, rel)] = (brand, rel)
        out = self.gallery_files()
        for brand in self.catalog:
            out.append(Generated(self.site.brand_src(brand), self.brand_page(brand)))
            for case in brand.cases:
                out.append(Generated(self.site.case_src(brand, case), self.case_page(brand, case)))
            for rel in [brand.logo, *brand.photos]:
                processed = self.images.get((brand.slug, rel))
                if processed is None:
                    # Only what was checked is published: an SVG logo (sanitize.svg_problem) without
                    # what is never drawn (sanitize.clean_svg); every raster image only as re-encoded
                    # by the pipeline, never its raw bytes.
                    if rel == brand.logo and rel.lower().endswith(".svg"):
                        out.append(Generated(self.site.asset_src(brand, rel), abs_src_path=str(self.svg(brand, rel))))
                    continue
                # The stripped image at the original path, then its variants, all from the cache.
                for made, cached in processed.files.items():
                    out.append(Generated(self.site.asset_src(brand, made), abs_src_path=str(cached)))
            for name, cached in self.posters.get(brand.slug, {}).items():
                out.append(Generated(self.poster_src(brand, name), abs_src_path=str(cached)))
            for page in self.site.page_srcs(brand):
                if page in self.cards:
                    out.append(Generated(self.card_src(page), abs_src_path=str(self.cards[page])))
        out += self.extra_files()
        if self.serving:
            out += self.stand_ins()
        return out

    def stand_ins(self) -> list[Generated]:
        """A preview's pages at the addresses of brands it leaves out: one with errors, one
        internal in a public preview (standins.py). MkDocs' own 404 page has no live reload."""
        return [Generated(src, content) for src, content in standins.files(self)]

    def marked_internal(self) -> set[str]:
        """The brand folders whose brand.yml says `visibility: internal`, broken or not: only a
        preview asks (incremental.Generator, from its memo of the folders it read)."""
        return set()

    def brand_page_urls(self) -> set[str]:
        """URLs (from the site root) of every brand and case page: they go to their own sitemap."""
        return {self.site.url(src) for b in self.catalog for src in self.site.page_srcs(b)}

    def extra_files(self) -> list[Generated]:
        """Life cycle pages and files: statistics, clusters, feed, review, forms."""
        return [Generated(src, content) for src, content in programme.files(self)]

    def poster_src(self, brand: Brand, name: str) -> str:
        """poster.pdf -> brands/<slug>/poster-<slug>.pdf: the slug names the downloaded file."""
        stem, ext = posixpath.splitext(name)
        return self.site.asset_src(brand, f"{stem}-{brand.slug}{ext}")

    def card_src(self, page_src: str) -> str:
        """The share card of a page: brands/x/index.md -> brands/x/share.png, a case -> brands/x/cases/y-share.png."""
        stem = page_src[:-3]
        return f"{posixpath.dirname(stem)}/share.png" if posixpath.basename(stem) == "index" else f"{stem}-share.png"

    def share_meta(self, page_src: str) -> dict:
        return {"share_image": self.card_src(page_src)} if page_src in self.cards else {}

    def view_html(self, src_uri: str) -> str:
        """The HTML of a generated page's view (on_page_content)."""
        # Popped: MkDocs keeps every page's HTML until the build ends; it need not be kept twice.
        html = self.views.pop(src_uri, None)
        return html if html is not None else self.stored_view(src_uri)

    def stored_view(self, src_uri: str) -> str:
        """The view of a page this build did not render (none here; see incremental builds)."""
        raise KeyError(f"the view of {src_uri} was not rendered in this build")

    def upgrade_prose(self, html: str, src_uri: str, page_url: str) -> str:
        """srcset for the Markdown images (story.md, case bodies) of the page at `src_uri`."""
        paths = self.image_paths

        def lookup(path: str):
            if path not in paths:
                return None
            brand, rel = paths[path]
            return self.images[(brand.slug, rel)], lambda made: self.site.rel(src_uri, self.site.asset_src(brand, made))

        return upgrade_images(html, page_url, lookup, self.draw_picture) if paths else html

    def prose(self, src_uri: str, brand: Brand | None, text: str, base: str = "", section: bool = False):
        """Editors' prose as clean HTML (prose.py), its photos linked from the page at `src_uri`.
        In a `section` of the page (under its own <h2>), the prose's headings go a level down:
        its ## is an <h3> there, and the table of contents nests it under the section."""
        files = prose_files(brand) if brand is not None else frozenset()
        html = prose.render(text, base, files).html
        if not html:
            return ""
        if section:
            html = _LOWER_HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", html)
        if brand is not None:
            html = prose.localise(html, self.site.rel(src_uri, self.site.asset_src(brand, "x"))[:-1],
                                  lambda slug: self.site.rel(src_uri, self.site.case_src(brand, slug) if slug
                                                             else self.site.brand_src(brand)),
                                  lambda slug, case: self.brand_link(src_uri, slug, case))
            html = self.upgrade_prose(html, src_uri, self.site.url(src_uri))
        else:  # a cluster intro: no brand, no cases (files is empty); its ./ is the page itself
            html = prose.localise(html, "", lambda slug: "./")
        return jinja2.utils.markupsafe.Markup(f'<div class="bs-prose">\n{html}\n</div>')

    def brand_link(self, src_uri: str, slug: str, case: str = "") -> str | None:
        """The link from the page at `src_uri` to brand `slug`'s page (or its case's) when this
        audience's site has it; else None, and the link shows as its words (brand_links.py)."""
        target = self.catalog.get(slug)
        if target is None or (case and not any(c.slug == case for c in target.cases)):
            return None
        return self.site.rel(src_uri, self.site.case_src(target, case) if case else self.site.brand_src(target))

    def picture(self, src_uri: str, brand: Brand, rel: str, **attrs) -> str:
        """<picture> with srcset for a logo or photo of `brand`, linked from the page at `src_uri`."""
        url = lambda made: self.site.rel(src_uri, self.site.asset_src(brand, made))  # noqa: E731
        return self.draw_picture(picture_of(self.images.get((brand.slug, rel)), rel, url, **attrs))

    def brand_page(self, brand: Brand) -> str:
        src = self.site.brand_src(brand)
        return self.render(
            "brand.html", src,
            meta={
                "title": brand.name,
                "template": "brandsite/brand.html",
                "description": brand.slogan or excerpt(brand.connotation, 70),
                "hide": ["navigation"],
                **self.share_meta(src),
            },
            brand=brand,
            problems=self.own_problems(brand),
            story=prose.demote(brand.story) if brand.story else "",
            partners=self.catalog.partners_of(brand),
            brand_score=lambda b: review.score(b, self.env.globals["today"], self.duplicates.get(b.slug)),
            review_link=lambda b: self.review_link(src, b),
            case_link=lambda c: self.site.rel(src, self.site.case_src(brand, c)),
            photo=lambda rel: self.site.rel(src, self.site.asset_src(brand, rel)),
            poster={
                name.split(".")[-1]: self.site.rel(src, self.poster_src(brand, name))
                for name in self.posters.get(brand.slug, {})
            },
        )

    def own_problems(self, brand: Brand, ending: str = "") -> list:
        """In the preview, the warnings and notes of the brand (or of one of its files) on its own
        page, where its editor looks: a missing photo in a case's text showed only in the gallery."""
        return [p for p in self.problems_of.get(brand.slug, ()) if p.path.endswith(ending)]

    def case_page(self, brand: Brand, case: Case) -> str:
        src = self.site.case_src(brand, case)
        return self.render(
            "case.html", src,
            meta={
                "title": case.title,
                "template": "brandsite/case.html",
                "description": case.summary or excerpt(case.body, 70),
                "hide": ["navigation", "toc"],
                **self.share_meta(src),
            },
            brand=brand,
            case=case,
            problems=self.own_problems(brand, f"/cases/{case.slug}.md"),
            # The case's photos below its text, but those its text shows already (one photo
            # both in `photos:` and as ![](…) in the body was shown twice).
            strip=[p for p in case.photos if p not in prose.render(case.body, "cases", prose_files(brand)).images],
            photo=lambda rel: self.site.rel(src, self.site.asset_src(brand, rel)),
            gallery_link=self.site.rel(src, self.site.gallery_src),
            case_link=lambda c: self.site.rel(src, self.site.case_src(brand, c)),
        )

    def review_scores(self, day=None) -> list:
        """Every brand's review score, lowest first; computed once per build for /review/ and the links to it."""
        if self._review_scores is None:
            self._review_scores = review.scores(self.catalog, day or self.env.globals["today"], self.duplicates)
        return self._review_scores

    def review_link(self, from_src: str, brand: Brand) -> str:
        """The brand's row in the (paginated) review table, linked from the page at `from_src`."""
        if self._review_pages is None:
            self._review_pages = paging.page_of(self.review_scores(), self.review_page_size, review.REVIEW_SRC,
                                                key=lambda s: s.brand.slug)
        return f"{self.site.rel(from_src, self._review_pages[brand.slug])}#review-{brand.slug}"

    def svg(self, brand: Brand, rel: str) -> Path:
        """The SVG logo as published; a logo deleted or renamed since the check (a save while the
        preview rebuilds) stops the build with a message, not a traceback."""
        try:
            return published_svg(Path(brand.folder, rel), self.site.cache_dir)
        except FileNotFoundError:
            raise BrandsiteError(f"品牌文件夹 {Path(brand.folder).name} 的标识文件“{rel}”在构建过程中不见了（被删除或改名）。"
                                 "请放好标识、改好 logo: 后再保存一次") from None

    def gallery_files(self) -> list[Generated]:
        """Every page of the gallery, and the card data that filters across all of them."""
        out = [Generated(pager.src, self.gallery(pager, brands))
               for pager, brands in paging.paginate(self.catalog.brands, self.page_size, self.site.gallery_src)]
        out.append(Generated(self.cards_src, paging.cards_json(
            self.catalog, self.card_logo, brand_url="{}/" if self.site.use_directory_urls else "{}/index.html")))
        return out

    @property
    def cards_src(self) -> str:
        return f"{self.site.prefix}/{paging.CARDS_JSON}"

    def card_logo(self, brand: Brand) -> str:
        """The logo file a client-side card shows, relative to the brand folder: the smallest WebP when there is one."""
        processed = self.images.get((brand.slug, brand.logo))
        if processed is None:
            return quote_path(brand.logo)
        return quote_path(processed.smallest("webp") if processed.sources.get("webp") else processed.smallest())

    def gallery(self, pager: paging.Pager, brands: list[Brand]) -> str:
        src = pager.src
        meta = {
            "title": paging.page_title("品牌展示", pager),
            "template": "brandsite/gallery.html",
            "description": "全部党建品牌，可按类别、阶段、地区和年份筛选",
            "hide": ["navigation", "toc"],
        }
        meta.update(paging.later_page_meta(pager))
        return self.render(
            "gallery.html", src,
            meta=meta,
            problems=self.problems if self.serving and pager.number == 1 else [],
            brands=brands,
            pager=pager,
            cards_link=self.site.rel(src, self.cards_src),
            gallery_link=self.site.rel(src, self.site.gallery_src),
        )

    def home(self, src_uri: str, newest_count: int = 6) -> str:
        """The home page's generated sections, as HTML to follow the page's own Markdown."""
        self.render(
            "home.html", src_uri,
            gallery=self.site.rel(src_uri, self.site.gallery_src),
            newest=self.catalog.newest_named(newest_count),
            featured_limit=self.page_size,  # model brands on the home page: at most one gallery page of cards
            problems=self.problems if self.serving else [],
        )
        return self.views.pop(src_uri)
