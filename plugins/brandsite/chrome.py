"""The theme's page chrome, rendered once per kind of brand page.

Material renders its navigation, tabs, footer, search box and the page's
config and script blocks into every page, and for the thousands of brand and
case pages that is about half of the template time. Those parts depend on
the site, the nav and the page's place in the site, never on the page
itself, as long as the page is not in the nav (brand and case pages never
are: `plugin._prune`). All brand pages sit at `brands/<slug>/` and all case
pages at `brands/<slug>/cases/<case>/`, so every relative link in those
parts comes out the same within each kind.

So `install` wraps those templates and blocks: on a page whose context has
`KEY` (set by the plugin for brand and case pages only) the first render of
each part is kept and reused for the other pages of the same kind and
`base_url`. Every other page renders as usual.

Only the theme's own templates and brandsite's are cached. A site that puts
its own partials or base.html in its custom_dir gets no caching at all: its
templates may read the page.

No MkDocs imports: the plugin passes the Jinja environment and the folders.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import jinja2

KEY = "bs_chrome"

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
    "partials/integrations/analytics.html",
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

        cached.__wrapped__ = render
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


def install(env: jinja2.Environment, dirs: Iterable[str], trusted: Iterable[str]) -> Chrome | None:
    """Wrap the chrome's templates in `env`; None when the site overrides any of them."""
    dirs, trusted = list(dirs), [str(Path(t).resolve()) for t in trusted]
    if overridden(dirs, trusted):
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
