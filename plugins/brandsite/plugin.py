"""The MkDocs plugin. Events only: each one delegates to a plain module."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section

from .media import artwork, images
from . import cms
from .site import csp, programme as extra, govweb, incremental, pages, search, sitemaps, staffdocs
from .content import privacy
from .config import BrandsiteConfig
from .content.load import display_root, load_catalog
from .content.model import Catalog, Problem, resolve_audience

log = get_plugin_logger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
BASE_OVERRIDES = Path(__file__).parent / "base_overrides"
ASSETS_CSS = "assets/brandsite/brandsite.css"
ASSETS_JS = "assets/brandsite/brandsite.js"


class BrandsitePlugin(BasePlugin[BrandsiteConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.catalog: Catalog | None = None
        self.problems: list[Problem] = []
        self.generated: set[str] = set()
        self.incremental = incremental.Session(dirty=False, serving=False)
        self.stream: search.Indexer | None = None
        self.staff_hidden: set[str] = set()

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup also keeps this instance alive across `serve` rebuilds.
        self.serving = command == "serve"
        self.incremental = incremental.Session(dirty=dirty, serving=self.serving)
        if dirty:  # dirty builds are made safe by incremental.prepare; MkDocs' warning would fail --strict
            quiet_dirty_warning()

    def on_config(self, config):
        self.audience = audience(self.config.audience)
        root = Path(config.config_file_path or ".").resolve().parent
        self.root = root
        # BRANDSITE_CACHE_DIR lets test runs and CI share one cache between site roots.
        self.cache_dir = (root / (os.environ.get("BRANDSITE_CACHE_DIR") or self.config.cache_dir)).resolve()
        self.brands_dir = (root / self.config.brands_dir).resolve()
        self.bytecode_cache = jinja_cache(self.cache_dir / "jinja")
        # Appended, so that a site's own overrides (theme.custom_dir) still win.
        config.theme.dirs.append(str(TEMPLATES))
        # Before Material's templates, after the site's own: main.html with deferred scripts.
        config.theme.dirs[:] = search.theme_dirs(list(config.theme.dirs), config.theme.custom_dir, BASE_OVERRIDES)
        if ASSETS_CSS not in config.extra_css:
            config.extra_css.append(ASSETS_CSS)
        if ASSETS_JS not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(ASSETS_JS)
        self.site = pages.Site(self.config.url_prefix, config.use_directory_urls, config.site_url or "", config.docs_dir, config.site_name, str(self.cache_dir))
        if self.config.search:
            search.configure(config)
        govweb.configure(config, self.config)
        return config

    def on_env(self, env, *, config, files):
        # MkDocs makes a new template environment for every build, so under `serve` each save
        # compiled Material's templates again (0.3-0.5 s). Jinja keeps the compiled code here and
        # checks each template's source before using it.
        env.bytecode_cache = self.bytecode_cache
        return env

    def on_files(self, files: Files, *, config) -> Files:
        memo = self.incremental.folder_memo(self.brands_dir)
        catalog, self.problems = load_catalog(self.brands_dir, self.config.categories, max_image_mb=self.config.max_image_mb, memo=memo)
        self.catalog = catalog.for_audience(self.audience)
        if self.audience == "public":
            self.problems += memo.privacy(self.catalog, self.config.public_contacts, display_root(self.brands_dir), privacy.scan)
        self.catalog = self.check_media(self.catalog)
        report(self.problems, serving=self.serving)
        self.images, self.catalog = self.process_images(self.catalog)
        self.artwork = self.make_artwork(config)
        env = self.incremental.environment(config.theme.dirs, pages.environment)
        env.globals.update(search.template_globals(self.config.search))
        fingerprint = self.fingerprint(config)
        self.generator = incremental.Generator(
            self.catalog, self.site, env, problems=self.problems, serving=self.serving, images=self.images,
            artwork=self.artwork, page_size=self.config.gallery_page_size, global_key=fingerprint, signature=memo.signature_of,
            # Only a preview keeps its pages as files between rebuilds; a build makes every page anew.
            store=incremental.PageStore(incremental.store_root(self.cache_dir, config.config_file_path, self.audience))
            if self.serving else None, views=self.incremental.views,
        )
        self.generated = set()
        # Brand, case and listing pages stay out of the nav, by MkDocs' own means: Material renders
        # the whole nav into every page, so 1,000 brands in it would make the build quadratic.
        listed = {self.site.gallery_src, *extra.NAV_PAGES}  # pages a site may name in its nav
        for item in self.generator.files():
            existing = files.get_file_from_path(item.src_uri)
            if existing is not None:
                files.remove(existing)
            inclusion = InclusionLevel.NOT_IN_NAV if item.src_uri not in listed else InclusionLevel.UNDEFINED
            if item.content is not None:
                file = File.generated(config, item.src_uri, content=item.content, inclusion=inclusion)
            else:
                file = File.generated(config, item.src_uri, abs_src_path=item.abs_src_path, inclusion=inclusion)
            files.append(file)
            self.generated.add(item.src_uri)
        self.staff_hidden = staffdocs.hide(files, audience=self.audience, staff_docs=self.config.staff_docs)
        if cms.enabled(self.audience, self.serving):  # the web editor: staff only, never in a public build
            for src, content, path in cms.files(self.config.categories, brands_dir=Path(os.path.relpath(self.brands_dir, self.root)).as_posix(),
                                                backend=self.config.cms_backend, site_name=config.site_name,
                                                site_url=config.site_url or "", url_prefix=self.config.url_prefix):
                files.append(File.generated(config, src, content=content) if content is not None
                             else File.generated(config, src, abs_src_path=str(path)))
        if self.config.search and files.get_file_from_path(search.RESULTS_SRC) is None:
            files.append(File.generated(config, search.RESULTS_SRC, content=search.results_page()))
        log.info(f"{len(self.catalog)} 个品牌({self.audience}),{sum(len(b.cases) for b in self.catalog)} 个案例")
        self.prepare_site(files, config, fingerprint)
        # A full build keeps each page's search record as it is written (on_post_page);
        # the pagefind program indexes them at the end. Other builds index after, if pages changed.
        if self.config.search and not self.serving and self.incremental.mode == "full":
            self.stream = search.Indexer(*self.search_inputs())
        return files

    def on_nav(self, nav: Navigation, *, config, files) -> Navigation:
        # Staff docs left out of this build, where mkdocs.yml's nav names them; a preview (serve) shows them.
        if self.staff_hidden and not self.serving:
            nav.items = _prune(nav.items, self.staff_hidden)
            _unlink(nav, self.staff_hidden)
        if self.incremental.dirty:
            read_titles(nav, config, files)
        return nav

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if self.is_home(page):
            page.meta.setdefault("template", "brandsite/home.html")
            page.meta.setdefault("hide", ["navigation", "toc"])
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        # A generated page's Markdown is only its front matter: its view is the page.
        if page.file.src_uri in self.generated:
            html = self.generator.view_html(page.file.src_uri)
            if "toc" not in (page.meta.get("hide") or []):
                page.toc = pages.table_of_contents(html)
        elif self.is_home(page):
            html += "\n" + self.generator.home(page.file.src_uri, self.config.newest_count)
        return html

    def is_home(self, page) -> bool:
        return self.config.home and page.file.src_uri == "index.md" and self.catalog is not None

    def on_page_context(self, context, *, page, config, nav):
        context["brandsite"] = self.catalog
        return context

    @event_priority(-100)  # last, so that Pagefind gets the HTML that is written, after other plugins' changes
    def on_post_page(self, output: str, *, page, config) -> str:
        if self.config.content_security_policy and not self.serving:
            # Not in a preview: `mkdocs serve` injects its live-reload script inline, unhashed.
            output = csp.add_policy(output)
        if self.stream is not None:
            try:
                self.stream.add(page.file.dest_uri, output)
            except search.SearchIndexError as exc:
                raise PluginError(str(exc)) from None
        return output

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        # 404.html and other theme pages that are not Markdown pages.
        if self.config.content_security_policy and not self.serving and template_name.endswith(".html"):
            return csp.add_policy(output_content)
        return output_content

    def on_post_build(self, *, config) -> None:
        self.generator.wait()
        sitemaps.split(Path(config.site_dir), self.generator.brand_page_urls(), config.site_url or "", robots=self.audience == "public")
        try:
            self.incremental.finish(Path(config.site_dir), self.search_indexer(),
                                    search.index_ok, log.info, fail=lambda exc: log.error(f"搜索索引没有更新:{exc}"))
        except search.SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        finally:
            self.stop_stream()

    def on_build_error(self, *, error) -> None:
        self.stop_stream()

    def on_shutdown(self) -> None:
        self.stop_stream()  # a build stopped by Ctrl-C gets no on_build_error

    def stop_stream(self) -> None:
        """Drop the search records kept during this build, if `finish` did not already."""
        if self.stream is not None:
            self.stream.close()
            self.stream = None

    def search_inputs(self) -> tuple[dict, bool]:
        """Each brand page's cases, folded into its search record, and whether whole cases go in."""
        folds = search.folds(self.catalog or [], self.site)
        return folds, search.case_text(self.config.search_case_text, len(folds))

    def search_indexer(self):
        """Pagefind over the built site (fed while it was written, on a full build); None without search."""
        if not self.config.search:
            return None
        if self.stream is not None:
            return self.stream.finish
        folds, full_cases = self.search_inputs()
        return functools.partial(search.build_index, folds=folds, full_cases=full_cases)

    def process_images(self, catalog: Catalog):
        """Responsive variants of every raster image; a broken image fails its brand only."""
        settings = images.Settings(max_pixels=self.config.image_max_pixels, max_bytes=int(self.config.max_image_mb * 1048576))
        outputs, problems, _ = images.process_catalog(
            catalog, self.cache_dir / "images", settings, root=self.root, progress=log.info
        )
        report(problems, serving=self.serving)
        self.problems += problems
        failed = {p.slug for p in problems if p.level == "error"}
        return outputs, Catalog([b for b in catalog if b.slug not in failed], catalog.audience, catalog.categories)

    def check_media(self, catalog: Catalog) -> Catalog:
        """As `brandsite check` does: the pixel cap, and each SVG logo drawn once (cached) in a helper
        process with a time limit. A brand whose images the build could not make is left out."""
        from .media import mediacheck
        from .content.model import display_path

        settings = images.Settings(max_pixels=self.config.image_max_pixels, max_bytes=int(self.config.max_image_mb * 1048576))
        problems = mediacheck.problems(catalog, settings, self.cache_dir, lambda b: display_path(b.folder, self.root))
        self.problems += problems
        failed = {p.slug for p in problems if p.level == "error"}
        return Catalog([b for b in catalog if b.slug not in failed], catalog.audience, catalog.categories) if failed else catalog

    def make_artwork(self, config) -> artwork.Artwork:
        """Posters and share cards, cached; skipped with a clear message when no CJK font is found."""
        from .content.model import display_path

        site_url = (config.site_url or "").rstrip("/")
        art = artwork.make_artwork(
            self.catalog, cache_dir=self.cache_dir, site_name=config.site_name,
            brand_src=self.site.brand_src, case_src=self.site.case_src,
            brand_url=lambda b: f"{site_url}/{self.site.url(self.site.brand_src(b))}" if site_url else "",
            font=str(self.root / self.config.font) if self.config.font else None,
            want_posters=self.config.posters, want_cards=self.config.share_cards,
            log=log.info, warn=log.warning, shown=lambda b: display_path(b.folder, self.root),
        )
        # A drawing that hung or crashed in its helper: an error with the brand's path, the build goes on.
        report(art.problems, serving=self.serving)
        self.problems += art.problems
        return art

    def fingerprint(self, config) -> str:
        """What shapes every page besides its own Markdown (see incremental.fingerprint)."""
        return incremental.fingerprint(
            config_file=config.config_file_path, docs_dir=config.docs_dir, theme_dirs=list(config.theme.dirs),
            options=dict(self.config), audience=self.audience, site_url=config.site_url or "",
            extra=(config.use_directory_urls, os.environ.get("BRANDSITE_AUDIENCE")),
        )

    def prepare_site(self, files: Files, config, fingerprint: str) -> None:
        """Dirty builds: a full one when anything but brand content changed; drop stale files; redo the home page."""
        home = files.get_file_from_path("index.md")
        nav = sorted(self.generated & {self.site.gallery_src, *extra.NAV_PAGES})
        mode = self.incremental.prepare(
            Path(config.site_dir), incremental.digest(fingerprint, nav), [f.dest_uri for f in files],
            [home.dest_uri] if home is not None and self.config.home else [],
        )
        log.info(self.generator.summary(mode, self.incremental.memo.misses))

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.brands_dir))
        return server


def jinja_cache(folder: Path):
    """Jinja's own file cache of compiled templates; None when the folder cannot be made."""
    import jinja2

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def audience(configured: str) -> str:
    try:
        return resolve_audience(configured)
    except ValueError as exc:
        raise PluginError(str(exc)) from None


def report(problems: list[Problem], *, serving: bool) -> None:
    """Log every problem; outside `serve`, stop the build on any error."""
    for problem in problems:
        if problem.level == "error":
            log.error(str(problem))
        elif problem.level == "warning":
            log.warning(str(problem))
        else:
            log.info(str(problem))
    errors = sum(p.level == "error" for p in problems)
    if errors and not serving:
        raise PluginError(f"品牌内容有 {errors} 个错误(见上方),构建已停止。改正后重新构建,或先运行 brandsite check")
    if errors:
        log.warning(f"有 {errors} 个错误的品牌暂不显示;改正并保存后预览会自动刷新")


def quiet_dirty_warning() -> None:
    import logging

    class _Filter(logging.Filter):
        def filter(self, record):
            return not record.getMessage().startswith(incremental.DIRTY_WARNING)

    logger = logging.getLogger("mkdocs.commands.build")
    if not any(type(f).__name__ == "_Filter" for f in logger.filters):
        logger.addFilter(_Filter())


def read_titles(nav: Navigation, config, files: Files) -> None:
    """A dirty build reads only the pages it rebuilds, so a nav entry without a title of its own
    (`- guide/index.md`) kept no title and every rebuilt page showed it as "None" in the nav and
    the footer. Such pages are read and rendered here, as a full build does, for their title."""
    for page in nav.pages:
        if page.title is None and not page.file.is_modified():
            page.read_source(config)
            page.render(config, files)


def _unlink(nav: Navigation, drop: set[str]) -> None:
    """Without a `nav` setting MkDocs puts every page in the nav and links each to its section
    and neighbours before `on_nav`: pages pruned from it keep none of that (Material would
    show the neighbours in the footer and in <link rel="prev">), and the rest are relinked."""
    kept = [page for page in nav.pages if page.file.src_uri not in drop]
    if len(kept) == len(nav.pages):
        return
    for page in nav.pages:
        if page.file.src_uri in drop:
            page.parent = page.previous_page = page.next_page = None
    for before, page, after in zip([None, *kept], kept, [*kept[1:], None]):
        page.previous_page, page.next_page = before, after
    nav.pages = kept


def _prune(items, drop: set[str]):
    kept = []
    for item in items:
        if isinstance(item, Section):
            item.children = _prune(item.children, drop)
            if item.children:
                kept.append(item)
        elif getattr(getattr(item, "file", None), "src_uri", None) in drop:
            continue
        else:
            kept.append(item)
    return kept
