"""Incremental rebuilds under `mkdocs serve`: rebuild only the pages whose output is out of date.

Only a preview rebuilds incrementally (`make serve` runs `mkdocs serve
--dirty`). `brandsite build` and `mkdocs build` always make a full build in a
new process: no page files, memo or record of an earlier build are used.

Generated pages are files in a `PageStore` (pagestore.py), so that MkDocs'
dirty build skips the unchanged ones; brand and case pages are not even
rendered again when nothing they show changed (`Generator`). A dirty
build is only as right as what it leaves alone, so a `BuildRecord`, kept in
memory for each site folder the preview builds, makes it safe:

- its fingerprint covers everything that shapes every page besides the
  page's own Markdown: mkdocs.yml, docs/, the theme and template folders, the
  plugin's code, the package versions, the audience and the date. When it
  differs from the last build's, the site folder is emptied first, so the
  build is a full one;
- the home page, whose listing is added in `on_page_content`, is always
  rebuilt;
- files the last build wrote and this one does not (a deleted brand, a
  brand with an error, a removed photo) are deleted;
- a nav entry without a title of its own is read for its title even when
  its page is not rebuilt (build.read_titles);
- Pagefind indexes the site only when an indexed HTML page changed, in the
  background, after the browser has reloaded (search_refresh.py).

No MkDocs imports: the plugin passes plain values and paths in.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..content import brand_links, lifecycle
from ..content.memo import folder_signature, version_key
from . import pages
from .pagestore import PageStore, digest, store_root  # noqa: F401  (store_root: the plugin's)
from .search_refresh import BackgroundIndexer, index_if_changed

DIRTY_WARNING = "A 'dirty' build is being performed"


# -- generated pages -------------------------------------------------------


class _Stored(str):
    """A page file that is already up to date (its path), returned instead of rendered Markdown."""


class Generator(pages.Generator):
    """pages.Generator whose brand and case pages are rendered only when their inputs change.

    The key of such a page lists everything `brand_page` and `case_page` read. Anything they read that is not listed here must be
    added, or an edit elsewhere would leave such a page stale. Code and
    template changes are covered by `global_key` (the build fingerprint).

    Without a `store` (every build but a preview's) it renders every page, as
    pages.Generator does.
    """

    def __init__(self, *args, store: PageStore | None, global_key: str, memo=None,
                 views: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.store = store
        # The HTML of every page's view as a preview last rendered it, kept in memory across
        # rebuilds (Session.views): a page reused unrendered is put in place from here.
        self.kept_views = views if views is not None else {}
        self.global_key = global_key
        # The memo.FolderMemo of this build's reading. What a brand's folder looked like
        # (memo.folder_signature): the Brand is made from it alone, given the audience,
        # categories and date that global_key covers.
        self.memo = memo
        self.signature = memo.signature_of if memo is not None else repr
        self.keys: dict[str, str] = {}
        self.deps: dict[str, str] = {}
        by_slug: dict[str, list] = {}
        for (slug, rel), output in sorted(self.images.items(), key=lambda kv: kv[0]):
            by_slug.setdefault(slug, []).append((rel, output.width, output.height, sorted(output.files.items()),
                                                 sorted(output.sources.items())))
        self.image_keys = {slug: digest(items) for slug, items in by_slug.items()}
        self.brand_keys: dict[str, str] = {}

    def brand_key(self, brand) -> str:
        """Everything of the catalog that the pages of `brand` show."""
        if brand.slug not in self.brand_keys:
            pages_of = self.site.page_srcs(brand)
            partners = self.catalog.partners_of(brand)
            self.brand_keys[brand.slug] = digest(
                self.signature(brand), [(p.slug, self.signature(p)) for p in partners],
                self.duplicates.get(brand.slug), self.image_keys.get(brand.slug, ""),
                sorted(self.posters.get(brand.slug, {}).items()), [(p, self.cards.get(p)) for p in pages_of],
                # Internal pages link to the brand's row in the paginated review table, whose page
                # depends on every brand's score.
                self.review_link(pages_of[0], brand) if self.catalog.audience == "internal" else "",
                # links to other brands' pages: a link, or its words alone, as this build has the page
                [(slug, case, self.brand_link(pages_of[0], slug, case)) for slug, case in brand_links.linked(brand)],
            )
        return self.brand_keys[brand.slug]

    def _cached(self, src: str, render: Callable[[], str], *inputs) -> str:
        if self.store is None:
            return render()
        self.deps[src] = inputs[0]
        key = self.keys[src] = digest(self.global_key, *inputs)
        stored = self.store.fresh(src, key)
        if stored is not None and src in self.kept_views:
            return _Stored(stored)
        return render()

    def brand_page(self, brand) -> str:
        src = self.site.brand_src(brand)
        return self._cached(src, lambda: super(Generator, self).brand_page(brand), self.brand_key(brand), "brand")

    def case_page(self, brand, case) -> str:
        src = self.site.case_src(brand, case)
        return self._cached(src, lambda: super(Generator, self).case_page(brand, case), self.brand_key(brand), case.slug)

    def files(self) -> list[pages.Generated]:
        out = super().files()
        if self.store is None:
            return out
        keep = set()
        for item in out:
            if not item.src_uri.endswith(".md") or item.content is None:
                continue
            if isinstance(item.content, _Stored):
                item.abs_src_path, item.content = str(item.content), None
            else:
                stored = self.store.put(item.src_uri, item.content, key=self.keys.get(item.src_uri),
                                        deps=self.deps.get(item.src_uri, ""))
                if stored is not None:  # unchanged: MkDocs may skip it on a dirty build
                    item.abs_src_path, item.content = stored, None
                if item.src_uri in self.views:
                    self.kept_views[item.src_uri] = self.views[item.src_uri]
            keep.add(item.src_uri)
        for src in set(self.kept_views) - keep:  # a page this build no longer makes
            del self.kept_views[src]
        self.store.save(keep)
        return out

    def wait(self) -> None:
        """Block until the page files of this build are written; raise what failed."""
        if self.store is not None:
            self.store.wait()

    def summary(self, mode: str, folders_read: int) -> str:
        """One line for the log: how much of the site this build made again."""
        if self.store is None:
            return f"完整构建：品牌文件夹读取 {folders_read} 个"
        store = self.store
        if mode == "incremental":
            return (f"增量构建：页面重新生成 {store.written} 个，沿用 {store.kept + store.reused} 个；"
                    f"品牌文件夹重新读取 {folders_read} 个")
        return (f"完整构建：全部页面重新生成，其中内容有变化的 {store.written} 个；"
                f"品牌文件夹重新读取 {folders_read} 个")

    def marked_internal(self) -> set[str]:
        """The folders whose brand.yml says `visibility: internal`, broken or not (standins.py)."""
        return self.memo.marked_internal() if self.memo is not None else set()

    def stored_view(self, src_uri: str) -> str:
        """The view of a page this build reused instead of rendering, from the preview's memory."""
        if src_uri in self.kept_views:
            return self.kept_views[src_uri]
        return super().stored_view(src_uri)


# -- what every page depends on --------------------------------------------


def fingerprint(*, config_file: str | None, docs_dir: str, theme_dirs: list[str], options: dict, audience: str,
                site_url: str, extra: object = None) -> str:
    """Everything besides a page's own Markdown that shapes its HTML."""
    import importlib.metadata as md

    def text(path):
        try:
            return Path(path).read_bytes()
        except (OSError, TypeError):
            return b""

    packages = [p for p in sys.path if p.endswith("site-packages")]
    dirs = []
    for d in theme_dirs:
        # Installed themes change with their version, which is listed; walking them (Material
        # ships thousands of icons) would cost more than it is worth.
        if any(str(d).startswith(p) for p in packages):
            continue
        dirs.append((d, folder_signature(Path(d))))
    versions = []
    for name in ("mkdocs", "mkdocs-material", "pagefind", "markdown", "pymdown-extensions", "jinja2"):
        try:
            versions.append((name, md.version(name)))
        except md.PackageNotFoundError:
            versions.append((name, None))
    return digest(text(config_file), folder_signature(Path(docs_dir)), dirs, sorted(options.items(), key=str), audience,
                site_url, versions, version_key(), lifecycle.today(), os.environ.get("SOURCE_DATE_EPOCH"), extra)


# -- the record kept with each site folder ---------------------------------


@dataclass
class BuildRecord:
    fingerprint: str = ""
    outputs: list[str] = field(default_factory=list)
    index: dict = field(default_factory=dict)  # {"files": {rel: [size, mtime_ns, sha]}, "digest": str}


def empty_folder(folder: Path) -> None:
    """Like MkDocs' own clean step: remove everything inside `folder`, keep the folder."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def prepare(site_dir: Path, record: BuildRecord | None, fingerprint_now: str, outputs: list[str],
            always: list[str]) -> str:
    """Before a dirty build writes anything: make what it will skip right.

    Returns "full" when the site folder was emptied (a full build follows),
    else "incremental". `outputs` are the dest paths this build writes;
    `always` the dest paths to rebuild whatever their mtime says.
    """
    if record is None or record.fingerprint != fingerprint_now:
        empty_folder(site_dir)
        return "full"
    now = set(outputs)
    for rel in record.outputs:
        if rel not in now:
            _remove(site_dir, rel)
    for rel in always:
        path = site_dir / rel
        if path.is_file():
            os.utime(path, (0, 0))  # older than any source: MkDocs rebuilds it
    return "incremental"


def _remove(site_dir: Path, rel: str) -> None:
    path = (site_dir / rel)
    try:
        path.resolve().relative_to(site_dir.resolve())
    except ValueError:
        return
    path.unlink(missing_ok=True)
    parent = path.parent
    while parent != site_dir and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


# -- what the plugin keeps across builds -----------------------------------


class Session:
    """The plugin's incremental state; lives as long as the plugin instance (across
    `serve` rebuilds). Nothing of it is kept on disk for another process."""

    def __init__(self, *, dirty: bool, serving: bool):
        self.dirty = dirty
        self.serving = serving
        self.memo = None
        self.memo_dir: Path | None = None
        self.records: dict[str, BuildRecord] = {}  # by site folder
        self.fingerprint = ""
        self.outputs: list[str] = []
        self.mode = "full"
        self.indexer: BackgroundIndexer | None = None
        self.index_runs = 0  # Pagefind runs, for the log and the tests
        self.index_skips = 0
        self.views: dict[str, str] = {}  # each generated page's view HTML, for rebuilds that reuse the page

    def folder_memo(self, brands_dir: Path):
        """The memo of brand folders for this build; the plugin asks for it first thing in on_files."""
        from ..content.memo import FolderMemo

        if self.serving and self.memo is not None:
            freeze_long_lived()  # from the first rebuild of a preview on
        if self.memo is None or self.memo_dir != Path(brands_dir):
            self.memo, self.memo_dir = FolderMemo(), Path(brands_dir)
        return self.memo

    def environment(self, template_dirs: list[str], make: Callable):
        """The page templates' Jinja environment, kept across rebuilds so that templates are
        compiled once (Jinja still reloads a template whose file changed). A new day makes a
        new one: `today` is one of its globals."""
        key = (tuple(template_dirs), lifecycle.today())
        if getattr(self, "_env_key", None) != key:
            self._env, self._env_key = make(template_dirs), key
        return self._env

    def prepare(self, site_dir: Path, fingerprint_now: str, outputs: list[str], always: list[str]) -> str:
        """on_files, once every output is known; only dirty builds need it."""
        self.fingerprint, self.outputs = fingerprint_now, sorted(set(outputs))
        if not self.dirty:
            self.mode = "full"
        else:
            self.mode = prepare(Path(site_dir), self.records.get(str(site_dir)), fingerprint_now, self.outputs, always)
        return self.mode

    def finish(self, site_dir: Path, build_index: Callable[[Path], dict] | None, index_ok: Callable[[Path], bool],
               log: Callable[[str], None], fail: Callable[[Exception], None]) -> None:
        """on_post_build: index the site (under `serve` only when pages changed), then keep the record."""
        site_dir = Path(site_dir)
        if not self.serving:  # a build of its own: index everything, remember nothing
            if build_index is not None:
                result = build_index(site_dir)
                self.index_runs += 1
                log(f"搜索索引：{result['pages']} 个页面")
            return
        old = self.records.get(str(site_dir)) if self.mode == "incremental" else None
        record = BuildRecord(self.fingerprint, self.outputs, dict(old.index) if old else {})
        self.records[str(site_dir)] = record
        if build_index is None:
            return

        def run() -> None:
            result = index_if_changed(site_dir, record, build_index, index_ok)
            if result is None:
                self.index_skips += 1
                log("搜索索引：页面没有变化，沿用上次的索引")
            else:
                self.index_runs += 1
                log(f"搜索索引：{result['pages']} 个页面")

        def background() -> None:
            try:
                run()
            except Exception as exc:  # a preview keeps running; the next save tries again
                fail(exc)

        if self.indexer is None:
            self.indexer = BackgroundIndexer(background)
        self.indexer.run = background
        self.indexer.request()


def freeze_long_lived() -> None:
    """Keep what a preview holds for its whole session out of the garbage collector's full
    collections, which walk every tracked object: the modules, the compiled templates, the memo
    of every brand folder. At 1,000 brands such a collection took 0.15-0.35 s and came in most
    rebuilds. Done once in a process, when the first rebuild starts; the first build's garbage
    is collected before, so that it is not kept for good."""
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.collect()
        gc.freeze()


_FROZEN = False
