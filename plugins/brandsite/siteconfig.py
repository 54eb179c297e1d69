"""mkdocs.yml's brandsite options as plain data, for the commands that do not build (check, leaks,
form, …): read leniently, without MkDocs' configuration classes."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from . import configcheck
from .content.load import display_root, load_catalog
from .content.image_limits import MAX_IMAGE_BYTES
from .content.model import DEFAULT_CATEGORIES, Problem, display_path

# The plugin's own theme folders: its templates and assets, and the overrides of Material's base.
TEMPLATES = Path(__file__).parent / "templates"
BASE_OVERRIDES = Path(__file__).parent / "base_overrides"

# Material's files the site never loads, left out of every build: the lunr search and its worker
# (Material's search plugin is never on; Pagefind searches) and the source maps (only a browser's
# developer tools fetch them). 2.5 MB and 40 files, which `brandsite leaks` read at every publish.
_UNUSED_DIRS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def unused_theme_file(src_uri: str) -> bool:
    return src_uri.startswith(_UNUSED_DIRS) or src_uri.startswith("assets/") and src_uri.endswith(".map")


def site_config(config_file: Path = Path("mkdocs.yml")) -> dict:
    """mkdocs.yml as plain data, when there is one (configcheck says what is wrong with one that is no YAML)."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=configcheck.LenientLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError):  # ValueError: a date of no calendar (02-30)
        return {}
    return data if isinstance(data, dict) else {}


def site_options(config_file: Path = Path("mkdocs.yml"), data: dict | None = None) -> dict:
    """The brandsite plugin's options from mkdocs.yml (or from `data`, already read)."""
    data = site_config(config_file) if data is None else data
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and "brandsite" in entry:
            from .config import usable_options

            return usable_options(entry["brandsite"] or {})
    return {}


def site_catalog(options: dict, directory: Path | None = None):
    """Load and check the brands as the site's build does, with its categories and limits."""
    directory = directory or Path(options.get("brands_dir", "brands"))
    categories = options.get("categories") or DEFAULT_CATEGORIES
    catalog, problems = load_catalog(directory, categories, max_image_mb=options.get("max_image_mb", MAX_IMAGE_BYTES / 1048576))
    return directory, catalog, problems


def media_problems(options: dict, catalog, directory: Path) -> list[Problem]:
    """What the build would refuse in the images: the site's pixel cap, SVG logos that cannot be drawn."""
    from .media import images, mediacheck

    settings = images.Settings(max_pixels=int(options.get("image_max_pixels") or images.Settings.max_pixels),
                               max_bytes=int(float(options.get("max_image_mb") or MAX_IMAGE_BYTES / 1048576) * 1048576))
    cache = cache_folder(options)
    root = display_root(directory)
    shown = lambda b: display_path(b.folder, root)  # noqa: E731
    problems = mediacheck.problems(catalog.for_audience("internal"), settings, cache, shown)
    if options.get("posters") or options.get("share_cards"):  # as the build notes them, where it draws
        from .media.artwork import glyph_notes
        from .media.typeset import find_cjk_font

        fonts = find_cjk_font(str(Path(options["font"])) if options.get("font") else None)
        if fonts is not None:
            problems += glyph_notes(catalog.for_audience("internal"), fonts, shown)
    return problems


def print_stops(options: dict, catalog, problems: list, audience: str, root: Path) -> list:
    """What keeps `brandsite print` from printing, as it keeps the build from building: the brands'
    errors and warnings, and in a public brochure a contact's name or phone, or words a public
    text links an internal page with (privacy.scan, as `check` runs it). A public brochure is
    drawn as pictures, which `brandsite leaks` cannot read, and it went to print with them."""
    from .content import contact_names, privacy
    from .content.dictionary import keep_dictionary_in
    from .content.load import display_root

    stops = [p for p in problems if p.level in ("error", "warning")]
    # the images as check and build hold them (the pixel cap, an SVG logo that cannot be drawn)
    stops += [p for p in media_problems(options, catalog, root / options.get("brands_dir", "brands")) if p.level in ("error", "warning")]
    if audience == "public" and not any(p.level == "error" for p in stops):  # the scan reads readable brands
        keep_dictionary_in(root / cache_folder(options) / "jieba")  # contacts' names that are everyday words
        allowed = options.get("public_contacts") or []
        stops += [p for p in privacy.scan(catalog.for_audience("public"), allowed,
                                          root=display_root(root / options.get("brands_dir", "brands")),
                                          contacts=contact_names.contacts(catalog, allowed),
                                          internal=contact_names.internal_names(catalog)) if p.level != "info"]
    return stops


def stops_said(stops: list) -> str:
    """Why `brandsite print` printed nothing."""
    errors = sum(p.level == "error" for p in stops)
    if errors == len(stops):
        return f"品牌内容有 {errors} 个错误，请先改正（brandsite check）"
    return (f"品牌内容有 {errors} 个错误、{len(stops) - errors} 个警告。生成网站时警告也算失败，品牌汇编也一样，"
            "请先改正（brandsite check）")


def brand_folder_of(given: Path) -> Path:
    """The brand folder `given` is or is in (its brand.yml, story.md, a case, a photo, cases/):
    an editor checks the file they have open. Anything else as given (the brands folder)."""
    near = [given, given.parent] if given.is_dir() else list(given.parents)[:2]
    found = next((folder for folder in near if (folder / "brand.yml").is_file()), None)
    return found or (given.parent if given.name == "brand.yml" else given)


def cache_folder(options: dict) -> Path:
    """The site's cache folder (cache_dir), as the build finds it."""
    return Path(os.environ.get("BRANDSITE_CACHE_DIR") or options.get("cache_dir") or ".cache/brandsite")


def theme_dirs(data: dict, root: Path) -> list[Path]:
    """The folders the build takes the theme's files from, as MkDocs and the plugin order them:
    the site's custom_dir, the plugin's own, Material's, MkDocs' (found without importing them).
    A file of docs/ at the path of one of their files would take its place on every page."""
    import importlib.util

    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    dirs = [root / theme["custom_dir"]] if isinstance(theme.get("custom_dir"), str) else []
    dirs += [TEMPLATES, BASE_OVERRIDES]
    for package in ("material", "mkdocs"):
        spec = importlib.util.find_spec(package)
        if spec and spec.origin:
            dirs.append(Path(spec.origin).parent / "templates")
    return dirs
