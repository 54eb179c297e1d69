"""The theme's page chrome, rendered once per kind of brand page.

Material renders its navigation, tabs, footer, search box and the page's
config and script blocks into every page, and for the thousands of brand and
case pages that was about a third of the build's template time. Those parts
depend on the site, the nav and the page's place in the site, never on the
page itself, as long as the page is not in the nav (brand and case pages
never are: `plugin._prune`). Brand pages sit at `<prefix>/<slug>/` and case
pages at `<prefix>/<slug>/cases/<case>/`, so a relative link from those parts
comes out the same on every page of a kind and depth, unless it points into
one brand's own folder (`links_into`).

So `install` wraps those templates and blocks: on a page whose context has
`KEY` (set by the plugin for brand and case pages only) the first render of
each part is kept and reused for the other pages of the same kind and
`base_url`. Every other page renders as usual.

It is off (install returns None), and every page renders in full, when:
- the theme is not Material: the parts were checked against Material's templates
  (readthedocs' base.html, for one, writes the page's name into its `libs` block);
- a theme folder other than Material's and brandsite's holds partials or a
  base.html: the site's own templates may read the page;
- the nav, the home link, the logo, an extra stylesheet or script, or one of Material's
  polyfills points into a brand's folder: that link differs between brands.

No MkDocs imports: the plugin passes the Jinja environment, folders and links.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urlsplit

import jinja2

KEY = "bs_chrome"
THEME = "material"  # the templates below were read in Material 9.8.1

# Parts that read only the config, the nav and the relative URLs (for pages outside the nav).
PARTIALS = (
    "partials/tabs.html",
    "partials/nav.html",
    "partials/footer.html",
    "partials/search.html",
    "partials/logo.html",
    "partials/palette.html",
    "partials/icons.html",
    "partials/javascripts/base.html",
)
BASE = "base.html"
BLOCKS = ("styles", "libs", "fonts", "config", "scripts")


class Chrome:
    """The parts kept during one build: {(template, block, kind, base_url): html}."""

    def __init__(self) -> None:
        self.parts: dict[tuple, str] = {}
        self.hits = 0

    def wrap(self, name: str, render: Callable) -> Callable:
        parts = self.parts

        def cached(context, *args, **kwargs):
            kind = context.get(KEY)
            if not kind:
                yield from render(context, *args, **kwargs)
                return
            key = (name, kind, context.get("base_url"))
            html = parts.get(key)
            if html is None:
                html = parts[key] = "".join(render(context, *args, **kwargs))
            else:
                self.hits += 1
            yield html

        return cached


def kinds(catalog, site) -> dict[str, str]:
    """{src_uri: "brand" or "case"} for the pages whose chrome is shared (`pages.Site` names them)."""
    found = {}
    for brand in catalog:
        found[site.brand_src(brand)] = "brand"
        found.update((site.case_src(brand, case), "case") for case in brand.cases)
    return found


def overridden(dirs: Iterable[str], trusted: Iterable[str]) -> list[str]:
    """Templates in the site's own theme folders that could change a cached part."""
    trusted = [Path(d).resolve() for d in trusted]
    found = []
    for folder in dirs:
        path = Path(folder).resolve()
        if any(path == t or t in path.parents for t in trusted) or not path.is_dir():
            continue
        found += [str(p) for p in (path / "partials").rglob("*.html")] if (path / "partials").is_dir() else []
        if (path / BASE).is_file():
            found.append(str(path / BASE))
    return found


def nav_links(items) -> Iterator[str]:
    """The URL of every page and link in a nav (MkDocs' Navigation.items), sections opened."""
    for item in items:
        children = getattr(item, "children", None)
        if children is not None:
            yield from nav_links(children)
        url = getattr(item, "url", None)
        if isinstance(url, str):
            yield url


def links_into(links: Iterable[str], prefix: str, slugs: Iterable[str]) -> list[str]:
    """Site-relative links that point into a brand's folder (`<prefix>/<slug>/...`)."""
    slugs = set(slugs)
    head = [p for p in prefix.split("/") if p]
    found = []
    for link in map(str, links):
        # Read the link as MkDocs' `url` filter does: backslashes as slashes, absolute
        # links left alone, the path normalised and any leading ../ dropped.
        path = urlsplit(link.replace("\\", "/"))
        if path.scheme or path.netloc or path.path.startswith("/") or link.startswith("#"):
            continue  # absolute: the same from every page
        parts = [p for p in posixpath.normpath(path.path or ".").split("/") if p not in ("", ".", "..")]
        if not head or (parts[:len(head)] == head and len(parts) > len(head) and parts[len(head)] in slugs):
            found.append(link)
    return found


def install(env: jinja2.Environment, dirs: Iterable[str], trusted: Iterable[str], *, theme: str | None,
            links: Iterable[str] = (), prefix: str = "brands", slugs: Iterable[str] = ()) -> Chrome | None:
    """Wrap the chrome's templates in `env`; None when caching them could change a page (see above)."""
    dirs, trusted = list(dirs), [str(Path(t).resolve()) for t in trusted]
    if theme != THEME or overridden(dirs, trusted) or links_into(links, prefix, slugs):
        return None
    chrome = Chrome()

    def ours(template: jinja2.Template) -> bool:
        filename = str(Path(template.filename or "").resolve())
        return any(filename.startswith(t.rstrip("/") + "/") for t in trusted)

    for name in PARTIALS:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            continue
        if ours(template):
            template.root_render_func = chrome.wrap(name, template.root_render_func)
    try:
        base = env.get_template(BASE)
    except jinja2.TemplateNotFound:
        return chrome
    if ours(base):
        for block in BLOCKS:
            if block in base.blocks:
                base.blocks[block] = chrome.wrap(f"{BASE}#{block}", base.blocks[block])
    return chrome
