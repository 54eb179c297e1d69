"""One image as the pages show it: WebP and original-format srcsets. No MkDocs imports.

`picture_of` says what to draw (a `Picture`); the `picture` macro in
templates/brandsite/views/_picture.html draws it, autoescaped like every view.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import unescape
from typing import Callable
from urllib.parse import unquote

from .images import Output


@dataclass(frozen=True)
class Picture:
    """A `<picture>` with a WebP `<source>` and an `<img>` with its own srcset, or, for an SVG
    or any file that was not processed, a plain `<img>` of the file itself."""

    src: str
    alt: str
    sizes: str = ""
    srcset: str | None = None  # None: not processed, a plain <img>
    webp_srcset: str = ""  # empty: no WebP <source> (the image is a WebP already)
    cls: str = ""
    width: int | None = None
    height: int | None = None
    lazy: bool = True


def picture_of(
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
) -> Picture:
    """The picture of the image at `rel` (in its brand folder), whose made files `url` links to.

    `output` is None for an SVG or any file that was not processed. Without a
    width and height, a processed image gets its own.
    """
    if output is None:
        return Picture(url(rel), alt, cls=cls, width=width, height=height, lazy=lazy)
    if width is None and height is None:
        width, height = output.width, output.height
    webp = output.srcset("webp", url) if output.format != "webp" else ""
    # src: the stripped image at its original path, for browsers that ignore srcset.
    return Picture(url(rel), alt, sizes, output.srcset(output.format, url), webp, cls, width, height, lazy)


_IMG = re.compile(r"<img\b([^>]*?)\s*/?>")
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
# A story photo is drawn about 940 px wide on a 1280 px desktop and a case body's 1190 px: with
# "800px" the browser took the 800 px file and enlarged it (blurred). The largest made is 1200 px.
PROSE_SIZES = "(max-width: 76.25em) 100vw, 1200px"


def upgrade_images(html: str, page_url: str, lookup: Callable[[str], tuple[Output, Callable[[str], str]] | None],
                   draw: Callable[[Picture], str]) -> str:
    """Give Markdown images in prose (story.md, case bodies) the same srcset as the templates.

    `lookup` takes a site path (e.g. "brands/x/photos/a.jpg") and returns the
    processed output and a function from a made file's rel to its URL from this
    page, or None for anything that was not processed. `draw` is the views'
    `picture` macro.
    """
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"

    def replace(match: re.Match) -> str:
        attrs = dict(_ATTR.findall(match.group(1)))
        src = attrs.get("src", "")
        if "srcset" in attrs or not src or "://" in src or src.startswith(("/", "data:")):
            return match.group(0)
        # Markdown writes a space in a file name as %20: the file is looked up by its name
        found = lookup(posixpath.normpath(posixpath.join(base, unquote(unescape(src)))))
        if found is None:
            return match.group(0)
        output, url = found
        # The prose is clean HTML, so its attributes are unescaped here and escaped again by the macro.
        return str(draw(picture_of(output, output.rel, url, alt=unescape(attrs.get("alt", "")), sizes=PROSE_SIZES,
                                cls=unescape(attrs.get("class", "")), lazy=True)))

    return _IMG.sub(replace, html)
