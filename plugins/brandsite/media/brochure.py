"""The printed brochure (品牌汇编): a cover, the contents, then one A4 page per brand, in a
single PDF. No MkDocs imports.

Each brand's page is its poster, drawn at A3 and scaled to A4 (the A sizes share one aspect
ratio), so the brochure and the posters always agree, with the page's number at the foot.
Every page but the cover is numbered as a PDF reader numbers it, so the contents, the printed
numbers and the reader's page box agree. Pages are appended to the PDF one at a time, so
memory stays flat for any number of brands.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PIL import Image, ImageDraw

from . import posters
from .drawing import GOLD, GREY, INK, PAPER, RED, RED_DARK, WHITE
from .typeset import FontSet, fit

A4 = (2480, 3508)  # 210 × 297 mm at 300 dpi
MARGIN = 250
ROWS = 20  # contents lines on one page
ROW = 138  # their pitch
FIRST_ROW = 560


@dataclass(frozen=True)
class Entry:
    """A line of the contents: the brand's name, its organization and its page."""
    name: str
    organization: str
    category: str
    page: int


def plan(brands: list) -> tuple[int, list[Entry]]:
    """The number of contents pages and each brand's entry: the cover is page 1, the contents
    follow, then the brands in the catalog's order."""
    contents = contents_pages(len(brands))
    return contents, [Entry(b.name, b.organization, b.category, 1 + contents + i) for i, b in enumerate(brands, 1)]


def write_brochure(catalog, out: Path, fonts: FontSet, *, brand_url: Callable, site_name: str, internal: bool = False,
                   today: datetime.date | None = None, progress=print) -> int:
    """Write the brochure to a file beside `out` and put it in place when whole: an interrupted
    run leaves the last brochure as it was. Returns the number of brands; an internal
    brochure's cover says it is for internal use."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    brands = list(catalog)
    title = f"{site_name} 品牌汇编" if site_name else "品牌汇编"

    def add(page: Image.Image) -> None:
        page.save(partial, "PDF", resolution=300, quality=88, append=partial.exists(), title=title)

    try:
        if brands:
            contents, entries = plan(brands)
            add(cover(fonts, site_name, len(brands), today or datetime.date.today(), internal))
            for n in range(contents):
                add(contents_page(entries[n * ROWS:(n + 1) * ROWS], fonts, 2 + n))
            for i, (brand, entry) in enumerate(zip(brands, entries), 1):
                add(brochure_page(brand, fonts, brand_url(brand), site_name, entry.page))
                if i % 20 == 0 or i == len(brands):
                    progress(f"品牌汇编 {i}/{len(brands)}")
            os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return len(brands)


def contents_pages(count: int) -> int:
    return max(1, -(-count // ROWS))


def pages(count: int) -> int:
    """How many pages the brochure of `count` brands has (cover and contents included)."""
    return 1 + contents_pages(count) + count if count else 0


def brochure_page(brand, fonts: FontSet, url: str, site_name: str, number: int | None = None) -> Image.Image:
    """One brand's A4 page: its poster (an internal brand's marked 内部) scaled down, and the
    page's number at the foot when given."""
    page = posters.draw_poster(posters.poster_input(brand, url, site_name), fonts).resize(A4, Image.Resampling.LANCZOS)
    if number is not None:
        folio(ImageDraw.Draw(page), fonts, number, (255, 224, 178))
    return page


def folio(draw: ImageDraw.ImageDraw, fonts: FontSet, number: int, fill) -> None:
    """The page's number, centred at its foot (on a brand's page, in the poster's footer band)."""
    fonts.get(40).draw(draw, (A4[0] / 2, A4[1] - 70), f"— {number} —", fill=fill, anchor="ms")


def cover(fonts: FontSet, site_name: str, count: int, today: datetime.date, internal: bool) -> Image.Image:
    W, H = A4
    im = Image.new("RGB", A4, RED)
    d = ImageDraw.Draw(im)
    d.rectangle((0, H - 420, W, H), fill=RED_DARK)
    d.rectangle((0, H - 440, W, H - 420), fill=GOLD)
    inner = W - 2 * MARGIN
    if site_name:
        for i, line in enumerate(fit(site_name, fonts.get(84), inner, 2)):
            fonts.get(84).draw(d, (W / 2, 900 + i * 110), line, fill=(255, 224, 178), anchor="ma")
    fonts.get(230, bold=True).draw(d, (W / 2, 1250), "党建品牌汇编", fill=WHITE, anchor="ma")
    d.line((W / 2 - 520, 1620, W / 2 + 520, 1620), fill=GOLD, width=8)
    d.regular_polygon((W / 2, 1620, 22), 4, fill=GOLD)
    fonts.get(88).draw(d, (W / 2, 1740), f"共 {count} 个品牌", fill=WHITE, anchor="ma")
    fonts.get(72).draw(d, (W / 2, H - 300), f"{today.year}年{today.month}月", fill=WHITE, anchor="ma")
    if internal:
        box = (W / 2 - 420, 2150, W / 2 + 420, 2370)
        d.rounded_rectangle(box, radius=30, fill=WHITE, outline=GOLD, width=10)
        fonts.get(96, bold=True).draw(d, (W / 2, 2260), "内部资料 注意保管", fill=RED, anchor="mm")
    return im


def contents_page(entries: list[Entry], fonts: FontSet, number: int) -> Image.Image:
    """One page of the contents: each brand's name, its category and organization under it,
    a dotted leader and its page."""
    W, H = A4
    im = Image.new("RGB", A4, PAPER)
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, W, 300), fill=RED)
    d.rectangle((0, 300, W, 316), fill=GOLD)
    fonts.get(110, bold=True).draw(d, (W / 2, 100), "目 录", fill=WHITE, anchor="ma")
    name_font, small, page_font = fonts.get(58, bold=True), fonts.get(38), fonts.get(58)
    right = W - MARGIN
    for i, entry in enumerate(entries):
        y = FIRST_ROW + i * ROW
        page = str(entry.page)
        room = right - MARGIN - page_font.getlength(page) - 120
        name = fit(entry.name, name_font, room, 1)[0]
        name_font.draw(d, (MARGIN, y), name, fill=INK, anchor="ls")
        page_font.draw(d, (right, y), page, fill=RED, anchor="rs")
        start, end = MARGIN + name_font.getlength(name) + 30, right - page_font.getlength(page) - 30
        for x in range(int(start), int(end), 24):  # the dotted leader
            d.ellipse((x, y - 10, x + 6, y - 4), fill=GREY)
        under = " · ".join(part for part in (entry.category, entry.organization) if part)  # a long organization is cut, not the category
        small.draw(d, (MARGIN, y + 52), fit(under, small, room, 1)[0], fill=GREY, anchor="ls")
    folio(d, fonts, number, GREY)
    return im
