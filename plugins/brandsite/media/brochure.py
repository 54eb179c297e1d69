"""The printed brochure (品牌汇编): one A4 page per brand in a single PDF. No MkDocs imports.

Each page is the brand's poster, drawn at A3 and scaled to A4 (the A sizes
share one aspect ratio), so the brochure and the posters always agree.
Pages are appended to the PDF one at a time, so memory stays flat for any
number of brands.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from PIL import Image

from . import posters
from .typeset import FontSet

A4 = (2480, 3508)  # 210 × 297 mm at 300 dpi


def write_brochure(catalog, out: Path, fonts: FontSet, *, brand_url: Callable, site_name: str, progress=print) -> int:
    """Write the brochure to a file beside `out` and put it in place when whole: an interrupted
    run leaves the last brochure as it was."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    brands = list(catalog)
    try:
        for i, brand in enumerate(brands, 1):
            page = brochure_page(brand, fonts, brand_url(brand), site_name)
            page.save(partial, "PDF", resolution=300, quality=88, append=partial.exists(),
                      title=f"{site_name} 品牌汇编" if site_name else "品牌汇编")
            if i % 20 == 0 or i == len(brands):
                progress(f"品牌汇编 {i}/{len(brands)}")
        if brands:
            os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return len(brands)


def brochure_page(brand, fonts: FontSet, url: str, site_name: str) -> Image.Image:
    """One brand's A4 page: its poster (an internal brand's marked 内部) scaled down."""
    return posters.draw_poster(posters.poster_input(brand, url, site_name), fonts).resize(A4, Image.Resampling.LANCZOS)
