"""`<picture>` markup for one image: WebP and original-format srcsets. No MkDocs imports."""

from __future__ import annotations

import posixpath
import re
from html import unescape
from typing import Callable

from markupsafe import Markup, escape

from .images import Output


def picture_html(
    output: Output | None,
    rel: str,
    url: Callable[[str], str],
    *,
    alt: str,
    sizes: str,
    cls: str = "",
    width: int | None = None,
    height: int | None = None,
    lazy: bool = True,
) -> Markup:
    """One line of HTML.

    `output` is None for an SVG or any file that was not processed: then a
    plain <img> of the file itself.
    """
    lead = f'class="{escape(cls)}" ' if cls else ""
    attrs = [f'alt="{escape(alt)}"']
    if output is not None and width is None and height is None:
        width, height = output.width, output.height
    if width:
        attrs.append(f'width="{width}"')
    if height:
        attrs.append(f'height="{height}"')
    if lazy:
        attrs.append('loading="lazy"')
    attrs.append('decoding="async"')
    if output is None:
        return Markup(f'<img {lead}src="{escape(url(rel))}" {" ".join(attrs)}>')
    fallback = output.format
    webp = output.srcset("webp", url) if fallback != "webp" else ""
    own = output.srcset(fallback, url)
    source = f'<source type="image/webp" srcset="{escape(webp)}" sizes="{escape(sizes)}">' if webp else ""
    # src: the stripped image at its original path, for browsers that ignore srcset.
    img = f'<img {lead}src="{escape(url(rel))}" srcset="{escape(own)}" sizes="{escape(sizes)}" {" ".join(attrs)}>'
    return Markup(f"<picture>{source}{img}</picture>")


_IMG = re.compile(r"<img\b([^>]*?)\s*/?>")
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
PROSE_SIZES = "(max-width: 45em) 100vw, 800px"


def upgrade_images(html: str, page_url: str, lookup: Callable[[str], tuple[Output, Callable[[str], str]] | None]) -> str:
    """Give Markdown images in prose (story.md, case bodies) the same srcset as the templates.

    `lookup` takes a site path (e.g. "brands/x/photos/a.jpg") and returns the
    processed output and a function from a made file's rel to its URL from this
    page, or None for anything that was not processed.
    """
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"

    def replace(match: re.Match) -> str:
        attrs = dict(_ATTR.findall(match.group(1)))
        src = attrs.get("src", "")
        if "srcset" in attrs or not src or "://" in src or src.startswith(("/", "data:")):
            return match.group(0)
        found = lookup(posixpath.normpath(posixpath.join(base, unescape(src))))
        if found is None:
            return match.group(0)
        output, url = found
        return picture_html(
            output, output.rel, url, alt=unescape(attrs.get("alt", "")), sizes=PROSE_SIZES,
            cls=attrs.get("class", ""), lazy=True,
        )

    return _IMG.sub(replace, html)
