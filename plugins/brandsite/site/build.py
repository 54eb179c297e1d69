"""One build of the site: what the plugin's events delegate to.

`SiteBuild.files` reads and checks brands/, keeps what the audience may see, makes the
images, posters and share cards, adds every generated page to MkDocs' files and writes each
brand's search record. The page events then put each view's HTML in place; once every page's
Markdown is HTML (on_env) the other pages' search records are written and a full build starts
the pagefind program, which indexes while the theme renders the pages; `finish` splits the sitemap and waits for the
search index. Content problems are reported here, each as `path:line: message`; outside `mkdocs serve` an error stops the build.
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel

from .. import buildlog, cms, configcheck, settings_text
from ..check_report import ToldNotes, logged
from ..content import clusters, contact_names, docpages, privacy
from ..content.load import display_root, load_catalog
from ..content.model import Catalog, Problem, display_path, resolve_audience
from ..errors import BrandsiteError
from ..media import artwork, images, mediacheck, metadata
from . import csp, govweb, incremental, leakscan, pages, programme, search, search_index, search_terms, sitemaps, staffdocs, urls
from ..siteconfig import BASE_OVERRIDES, TEMPLATES, unused_theme_file

ASSETS_CSS = "assets/brandsite/brandsite.css"
ASSETS_JS = "assets/brandsite/brandsite.js"


class SiteBuild:
    """The state of one build (or of one `mkdocs serve` session, across its rebuilds)."""

    def __init__(self, options, *, serving: bool = False, dirty: bool = False, log: logging.Logger) -> None:
        self.options = options
        self.serving = serving
        self.log = log
        self.session = incremental.Session(dirty=dirty, serving=serving)
        self.catalog: Catalog | None = None
        self.problems: list[Problem] = []
        self.generated: set[str] = set()
        self.staff_hidden: set[str] = set()
        self.search_records: search_index.Records | None = None  # a full build's, from on_files to on_post_build
        self.preview_records, self.notes = search.PreviewRecords(), ToldNotes()  # `mkdocs serve`'s, across its rebuilds
        self.generator = None
        self.in_nav: dict = {}  # src_uri -> the nav's Page, this build
        self.lit = None  # the nav Page marked active for the page being rendered (page_context)

    def configure(self, config) -> None:  # on_config
        opts = self.options
        self.notes.next_build()
        settings_text.settle(config)  # markup in site_name or copyright: check says it too, at its line
        # the sample's footer; a preview tells it at its first build only, as the brands' notes
        logged(self.log, configcheck.sample_footer(config, opts, Path(config.config_file_path or "mkdocs.yml")), self.notes if self.serving else None)
        self.audience = audience(opts.audience)
        if not self.serving and (notice := urls.address_notice(config.site_url, os.environ.get("SITE_URL"))):
            self.log.info(notice)  # first: not between a content warning and the build's summary of it
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.cache_dir = (self.root / (os.environ.get("BRANDSITE_CACHE_DIR") or opts.cache_dir)).resolve()  # tests and CI share one
        self.brands_dir = (self.root / opts.brands_dir).resolve()
        self.docs_problems, self.docs_left_out = clusters.refuse_docs_links(
            config.docs_dir, self.root, docpages.listed_files(config.extra_css), self.serving, [*config.theme.dirs, TEMPLATES, BASE_OVERRIDES],
            opts.url_prefix, self.brands_dir, staff_public=opts.staff_docs == "public")
        buildlog.tell_links_once(self.docs_problems, display_path(config.docs_dir, self.root))  # MkDocs' own: left out
        self.bytecode_cache = jinja_cache(self.cache_dir / "jinja")
        search_terms.keep_dictionary_in(self.cache_dir / "jieba")
        config.theme.dirs.append(str(TEMPLATES))  # appended, so that a site's own overrides (custom_dir) still win
        # Before Material's templates, after the site's own: main.html with deferred scripts.
        config.theme.dirs[:] = search.theme_dirs(list(config.theme.dirs), config.theme.custom_dir, BASE_OVERRIDES)
        if ASSETS_CSS not in config.extra_css:
            config.extra_css.append(ASSETS_CSS)
        if ASSETS_JS not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(ASSETS_JS)
        self.site = urls.Site(opts.url_prefix, config.use_directory_urls, config.site_url or "",
                               config.docs_dir, config.site_name, str(self.cache_dir))
        if opts.search:
            search.configure(config)
        govweb.configure(config, opts)
        # The inline scripts a page's policy allows; None: no policy (a preview's live reload is inline, unhashed).
        self.scripts = csp.TemplateScripts(config.theme.dirs) if opts.content_security_policy and not self.serving else None

    def files(self, files: Files, config) -> Files:  # on_files
        opts = self.options
        memo = self.session.folder_memo(self.brands_dir)
        catalog, self.problems = load_catalog(self.brands_dir, opts.categories, max_image_mb=opts.max_image_mb, memo=memo)
        self.catalog = catalog.for_audience(self.audience)
        root, intros = display_root(self.brands_dir), clusters.used_intros(self.catalog, config.docs_dir)
        if self.audience == "public":
            named, hidden = contact_names.contacts(catalog, opts.public_contacts), contact_names.internal_names(catalog)  # of every brand
            self.problems += memo.privacy(self.catalog, opts.public_contacts, root, privacy.scan, named, hidden)
            self.problems += privacy.scan([], opts.public_contacts, root=root, intros=intros, contacts=named, internal=hidden)
            self.problems += leakscan.docs_warnings(config.docs_dir, catalog, opts.public_contacts, root, named, opts.staff_docs, opts.url_prefix)
        self.problems += clusters.unused_intro_problems(catalog, config.docs_dir, root) + self.docs_problems + clusters.intro_prose_problems(intros, root)
        self.catalog = self.check_media(self.catalog)
        self.report(self.problems)
        self.images, self.catalog = self.process_images(self.catalog)
        self.artwork = self.make_artwork(config)
        env = self.session.environment(config.theme.dirs, pages.environment)
        fingerprint = self.fingerprint(config)
        self.generator = incremental.Generator(
            self.catalog, self.site, env, problems=self.problems, serving=self.serving, images=self.images,
            artwork=self.artwork, page_size=opts.gallery_page_size, global_key=fingerprint, memo=memo, brands_dir=self.brands_dir,
            # Only a preview keeps its pages as files between rebuilds; a build makes every page anew.
            store=incremental.PageStore(incremental.store_root(self.cache_dir, config.config_file_path, self.audience))
            if self.serving else None, views=self.session.views,
        )
        self.add_generated(files, config)
        # A preview shows the staff docs (editors' help); as drafts MkDocs would log every nav entry to one, each save.
        self.staff_hidden = set() if self.serving else staffdocs.hide(files, audience=self.audience, staff_docs=opts.staff_docs)
        staffdocs.quiet_nav_notes(self.staff_hidden)
        if cms.enabled(self.audience, self.serving, opts.cms_backend):  # the web editor: staff only, never in a public build
            for src, content, path in cms.files(opts.categories, brands_dir=Path(os.path.relpath(self.brands_dir, self.root)).as_posix(),
                                                backend=opts.cms_backend, site_name=config.site_name,
                                                site_url=config.site_url or "", url_prefix=opts.url_prefix):
                files.append(File.generated(config, src, content=content) if content is not None
                             else File.generated(config, src, abs_src_path=str(path)))
        elif self.audience == "internal":  # an internal build without a Git host to sign in to
            self.log.info("内网版没有网页编辑器（/admin/）：mkdocs.yml 里没有设置 cms_backend（单位的 Git 服务）。"
                          "本机预览（make serve）时照样可以用，见编辑指南“网页编辑器”")
        if opts.search and files.get_file_from_path(search.RESULTS_SRC) is None:  # a site's own search.md wins
            files.append(File.generated(config, search.RESULTS_SRC, content=self.generator.render(
                search.RESULTS_VIEW, search.RESULTS_SRC, meta=search.RESULTS_META, example=search.hint_example(self.catalog))))
            self.generated.add(search.RESULTS_SRC)
        site = "内网网站" if self.audience == "internal" else "公开网站"
        self.log.info(f"{site}：{len(self.catalog)} 个品牌，{sum(len(b.cases) for b in self.catalog)} 个案例")
        self.prepare_site(files, config, fingerprint)
        # A full build writes the brands' search records now, the others in on_env; a preview, after each rebuild.
        if opts.search and not self.serving and self.session.mode == "full":
            catalog, site, env, full_cases = self.search_inputs(env)
            self.search_records = search_index.Records()
            self.search_records.add(search.brand_records(catalog, site, env, full_cases))
            self.search_records.common = search.common_words(catalog)
        return files

    def add_generated(self, files: Files, config) -> None:
        """Every generated page and file. Brand, case and listing pages stay out of the nav by MkDocs' own
        means: Material renders the whole nav into every page, so 1,000 brands in it would make the build quadratic."""
        self.generated = set()
        listed = {self.site.gallery_src, *programme.NAV_PAGES}  # pages a site may name in its nav
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
        # A cluster intro (docs/clusters/<page>.md) is published as its cluster's page, cleaned as editors' prose; nothing else
        # under clusters/ (an intro no cluster uses, any other file), nor, in a preview, a docs/ file the check refuses
        # (refuse_docs_links), nor Material's files the site never loads. A docs/ image is published without its metadata.
        for file in list(files):
            if (file.src_uri.startswith(clusters.CLUSTERS_DIR + "/") and file.src_uri not in self.generated
                    or file.src_uri in self.docs_left_out):
                file.inclusion = InclusionLevel.EXCLUDED
            elif unused_theme_file(file.src_uri):
                files.remove(file)
            elif file.src_uri not in self.generated and Path(file.src_uri).suffix.lower() in metadata.REDRAWN_SUFFIXES:
                files.remove(file)
                drawn = metadata.cached_redrawn(Path(file.abs_src_path), self.cache_dir)
                files.append(File.generated(config, file.src_uri, content=drawn, inclusion=file.inclusion))

    def check_media(self, catalog: Catalog) -> Catalog:
        """As `brandsite check` does: the pixel cap, and each SVG logo drawn once (cached) in a helper
        process with a time limit. A brand whose images the build could not make is left out. A
        preview's rebuild checks only the brands whose folder changed (memo.by_brand)."""
        settings, shown = self.image_settings(), lambda b: display_path(b.folder, self.root)
        problems = self.session.memo.by_brand("media", catalog, lambda brands: mediacheck.problems(brands, settings, self.cache_dir, shown),
                                              key=(repr(settings), str(self.cache_dir)), keep=lambda found: not found)
        self.problems += problems
        return without_failed(catalog, problems)

    def process_images(self, catalog: Catalog):
        """Responsive variants of every raster image; a broken image fails its brand only."""
        outputs, problems, _ = images.process_catalog(
            catalog, self.cache_dir / "images", self.image_settings(), root=self.root, progress=self.log.info
        )
        self.report(problems)
        self.problems += problems
        return outputs, without_failed(catalog, problems)

    def image_settings(self) -> images.Settings:
        return images.Settings(max_pixels=self.options.image_max_pixels, max_bytes=int(self.options.max_image_mb * 1048576))

    def make_artwork(self, config) -> artwork.Artwork:
        """Posters and share cards, cached; skipped with a clear message when no CJK font is found."""
        opts, site = self.options, self.site
        art = artwork.make_artwork(
            self.catalog, cache_dir=self.cache_dir, site_name=config.site_name,
            brand_src=site.brand_src, case_src=site.case_src,
            brand_url=lambda b: urls.printed_url(config.site_url, site.absolute(site.brand_src(b))),
            font=str(self.root / opts.font) if opts.font else None,
            want_posters=opts.posters, want_cards=opts.share_cards,
            log=self.log.info, warn=self.log.warning, shown=lambda b: display_path(b.folder, self.root),
            said=lambda line: None if self.serving and self.notes.again(line) else self.log.info(line))  # a preview: once
        # A drawing that hung or crashed in its helper: an error with the brand's path, the build goes on.
        self.report(art.problems)
        self.problems += art.problems
        return art

    def fingerprint(self, config) -> str:
        """What shapes every page besides its own Markdown (see incremental.fingerprint)."""
        return incremental.fingerprint(
            config_file=config.config_file_path, docs_dir=config.docs_dir, theme_dirs=list(config.theme.dirs),
            options=dict(self.options), audience=self.audience, site_url=config.site_url or "",
            extra=(config.use_directory_urls, os.environ.get("BRANDSITE_AUDIENCE")))

    def prepare_site(self, files: Files, config, fingerprint: str) -> None:
        """Dirty builds: a full one when anything but brand content changed; drop stale files; redo the home page."""
        home = files.get_file_from_path("index.md")
        nav = sorted(self.generated & {self.site.gallery_src, *programme.NAV_PAGES})
        # The 品牌集群 tab comes and goes with the first and last cluster (nav()): every page shows it.
        mode = self.session.prepare(
            Path(config.site_dir), incremental.digest(fingerprint, nav, self.clusters_shown()), [f.dest_uri for f in files],
            [home.dest_uri] if home is not None and self.options.home else [],
        )
        self.log.info(self.generator.summary(mode, self.session.memo.misses))

    def report(self, problems: list[Problem]) -> None:
        """Log the problems (check_report.logged); outside `serve`, stop the build on any error."""
        logged(self.log, problems, self.notes if self.serving else None)
        errors = sum(p.level == "error" for p in problems)
        if errors and not self.serving:
            raise BrandsiteError(f"品牌内容有 {errors} 个错误（见上方），构建已停止。改正后重新构建，或先运行 make check（没有 make 时：python3 start.py check）")
        if errors:  # counted by brand: "9 个错误的品牌" read as nine brands
            self.log.warning(f"{len({p.slug for p in problems if p.level == 'error'})} 个品牌有错误（{errors} 个），预览里暂不显示；改正并保存后预览会自动刷新")

    # on_nav

    def nav(self, nav, config, files):
        # Staff docs left out of this build, where mkdocs.yml's nav names them; a preview (serve) shows them.
        if self.staff_hidden and not self.serving:
            staffdocs.prune_nav(nav, self.staff_hidden)
        # No cluster the audience sees: no 品牌集群 tab leading to an empty page (the page stays, for old links).
        if not self.clusters_shown():
            staffdocs.prune_nav(nav, {clusters.INDEX_SRC})
        if self.session.dirty:
            read_titles(nav, config, files)
        self.in_nav = {p.file.src_uri: p for p in nav.pages}
        return nav

    def clusters_shown(self) -> bool:
        return self.catalog is not None and any(b.cluster for b in self.catalog)

    def page_context(self, context: dict, page) -> dict:
        """The catalog for the templates; a page outside the nav (a brand, a case, a cluster) marks
        the nav page of its nearest folder active (品牌展示, 品牌集群), as Material marks a tab."""
        context["brandsite"] = self.catalog
        if page.file.src_uri not in self.in_nav:
            folder = posixpath.dirname(page.file.src_uri)
            while folder:
                owner = self.in_nav.get(f"{folder}/index.md")
                if owner is not None:
                    owner.active, self.lit = True, owner
                    break
                folder = posixpath.dirname(folder)
        return context

    # on_env

    def pages_converted(self, files: Files, config) -> None:
        """Every page's Markdown is HTML now: the search records of the pages that are not a
        brand's, kept across a preview's rebuilds (it indexes after each one). A full build adds
        them to its records and starts the pagefind program, which indexes while MkDocs renders
        the theme around each page."""
        if not self.options.search or self.generator is None:
            return
        catalog, site, env, _ = self.search_inputs(self.generator.env)
        found = [f.page for f in files.documentation_pages() if f.page is not None]
        records = search.page_records(env, found, search.model_pages(catalog, site), config.site_name)
        self.preview_records.update_pages(records)  # few pages: brand and case pages have none
        if self.search_records is not None:
            self.search_records.add(self.preview_records.pages.items())
            self.search_records.start()

    # page events

    def is_home(self, page) -> bool:
        return self.options.home and page.file.src_uri == "index.md" and self.catalog is not None

    def page_markdown(self, markdown: str, page) -> str:
        if page.file.src_uri not in self.generated:  # docs/ (content): the front matter a page may set, escaped
            docpages.front_matter(page.meta, display_path(page.file.abs_src_path or "", self.root), self.log.info)
        if self.is_home(page):
            page.meta.setdefault("template", "brandsite/home.html")
            page.meta.setdefault("hide", ["navigation", "toc"])
        return markdown

    def page_content(self, html: str, page) -> str:
        # A generated page's Markdown is only its front matter: its view is the page.
        if page.file.src_uri in self.generated:
            html = self.generator.view_html(page.file.src_uri)
            if "toc" not in (page.meta.get("hide") or []):
                page.toc = pages.table_of_contents(html)
        else:  # the site's own pages in docs/ (content too): cleaned as editors' prose is, the title as text
            docpages.settle(page)
            told = docpages.code_lines(page.markdown or "")  # the check has told these at their lines
            html = docpages.clean(html, display_path(page.file.abs_src_path or "", self.root), None if told else self.log.info) + (
                "\n" + self.generator.home(page.file.src_uri, self.options.newest_count) if self.is_home(page) else "")
        return html

    def written(self, output: str) -> str:
        """A page's final HTML: the security policy added."""
        if self.lit is not None:  # back as it was, before MkDocs renders the next page
            self.lit.active, self.lit = False, None
        return csp.add_policy(output, self.scripts) if self.scripts is not None else output

    def template_written(self, output: str, template_name: str) -> str:  # 404.html and other theme pages
        return csp.add_policy(output, self.scripts) if self.scripts is not None and template_name.endswith(".html") else output

    # on_post_build

    def finish(self, config) -> None:
        try:
            self.generator.wait()
            empty = frozenset() if self.clusters_shown() else frozenset({self.generator.site.url(clusters.INDEX_SRC)})
            sitemaps.split(Path(config.site_dir), self.generator.brand_page_urls(), config.site_url or "",
                           robots=self.audience == "public", dropped=empty)  # no clusters: 品牌集群 is no page to list
            self.session.finish(Path(config.site_dir), self.search_indexer(), search_index.index_ok, self.log.info,
                                fail=lambda exc: self.log.error(f"搜索索引没有更新：{exc}"))
        finally:
            self.stop_stream()

    def stop_stream(self) -> None:
        """Drop the search records kept during this build, if `finish` did not already."""
        if self.search_records is not None:
            self.search_records.close()
            self.search_records = None

    def search_inputs(self, env) -> tuple:
        """What the brands' search records are made of: the catalog, the URL arithmetic, the
        views' Jinja environment (the record is a template), and whether whole cases go in."""
        catalog = self.catalog or []
        return catalog, self.site, env, search.case_text(self.options.search_case_text, len(catalog))

    def search_indexer(self):
        """Pagefind over the records: on a full build those written since on_files and on_env;
        otherwise this build's brand records (rendered here, each only when its brand changed) and
        the other pages' kept since on_env, indexed when called (a preview calls it in the
        background). None without search."""
        if not self.options.search:
            return None
        if self.search_records is not None:
            return self.search_records.finish
        catalog, site, env, full_cases = self.search_inputs(self.generator.env)
        brands = self.preview_records.update(catalog, site, env, full_cases, self.generator.signature)

        def index(site_dir):  # the common words too only when the preview indexes, in the background
            return search_index.build_index(site_dir, records=brands, common=search.common_words(catalog))
        return index


def read_titles(nav, config, files: Files) -> None:
    """A dirty build reads only the pages it rebuilds, so a nav entry without a title of its own
    (`- guide/index.md`) kept no title and every rebuilt page showed it as "None" in the nav and
    the footer. Such pages are read and rendered here, as a full build does, for their title."""
    for page in nav.pages:
        if page.title is None and not page.file.is_modified():
            page.read_source(config)
            page.render(config, files)


def quiet_dirty_warning() -> None:
    """Dirty builds are made safe by `incremental.Session.prepare`; MkDocs' warning would fail a --strict preview."""

    class _Filter(logging.Filter):
        def filter(self, record):
            return not record.getMessage().startswith(incremental.DIRTY_WARNING)

    logger = logging.getLogger("mkdocs.commands.build")
    if not any(type(f).__name__ == "_Filter" for f in logger.filters):
        logger.addFilter(_Filter())


def without_failed(catalog: Catalog, problems: list[Problem]) -> Catalog:
    failed = {p.slug for p in problems if p.level == "error"}
    return Catalog([b for b in catalog if b.slug not in failed], catalog.audience, catalog.categories) if failed else catalog


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
        raise BrandsiteError(str(exc)) from None
