"""Open Graph / Twitter share cards, 1200×630, for brand and case pages. No MkDocs imports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

from . import cache, drawing, sandbox
from .drawing import GOLD, GREY, INK, PAPER, RED, RED_DARK, WHITE
from .posters import drawn_from
from .typeset import FontSet, fit

LAYOUT = "card-2"  # change to redraw every cached share card
SIZE = (1200, 630)
FILES = ("card.png",)


@dataclass
class CardInput:
    id: str  # the page's src_uri
    title: str  # brand name, or case title
    subtitle: str  # slogan, or case summary
    brand: str  # brand name (shown on case cards)
    organization: str
    logo: str
    site_name: str = ""
    kicker: str = "党建品牌"
    logo_hash: str = field(default="", repr=False)


def card_input(id: str, brand, *, title: str, subtitle: str, kicker: str, site_name: str) -> CardInput:
    logo = Path(brand.folder) / brand.logo
    return CardInput(id, title, subtitle, brand.name, brand.organization, str(logo), site_name, kicker,
                     drawing.logo_digest(logo))


def draw_card(item: CardInput, fonts: FontSet) -> Image.Image:
    W, H = SIZE
    im = Image.new("RGB", SIZE, PAPER)
    d = ImageDraw.Draw(im)
    # Left panel with the logo on a white disc.
    d.rectangle((0, 0, 420, H), fill=RED)
    d.rectangle((420, 0, 430, H), fill=GOLD)
    drawing.disc(im, (210, 300), 160, WHITE, outline=GOLD, width=6)
    logo = drawing.logo_image(Path(item.logo), 230, name=item.brand, fonts=fonts)
    drawing.on_disc(im, (210, 300), 160, logo, ring=6)
    fonts.get(30, bold=True).draw(d, (210, 520), item.kicker, fill=WHITE, anchor="ma")

    x, width = 490, W - 490 - 60
    above = item.organization if item.kicker == "党建品牌" else item.brand  # up to 60 characters: one line, cut
    fonts.get(28).draw(d, (x, 70), fit(above, fonts.get(28), width, 1)[0], fill=GREY, anchor="la")
    # Title: the largest of three sizes that fits in two lines.
    for size in (76, 64, 54):
        font = fonts.get(size, bold=True)
        lines = fit(item.title, font, width, 2)
        if not lines[-1].endswith("…"):
            break
    y = 130
    for line in lines:
        font.draw(d, (x, y), line, fill=RED_DARK, anchor="la")
        y += int(size * 1.25)
    if item.subtitle:
        font = fonts.get(34)
        for line in fit(item.subtitle, font, width, 3):
            y += 6
            font.draw(d, (x, y + 20), line, fill=INK, anchor="la")
            y += 48
    d.line((x, 540, W - 60, 540), fill=GOLD, width=3)
    if item.site_name:
        fonts.get(30, bold=True).draw(d, (x, 560), fit(item.site_name, fonts.get(30, bold=True), width, 1)[0], fill=RED, anchor="la")
    return im


def render(item: CardInput, fonts: FontSet, folder: Path) -> None:
    """Draw one card into `folder/card.png` in a helper process with a time limit. Tests count its calls."""
    sandbox.call("brandsite.media.sharecards:draw_file", item, fonts, str(folder), timeout=sandbox.DRAW_SECONDS)


def draw_file(item: CardInput, fonts: FontSet, folder: str) -> None:
    draw_card(item, fonts).save(Path(folder) / "card.png", "PNG", compress_level=6)


def build_cards(items: list[CardInput], fonts: FontSet, cache_dir: Path, *, workers: int, progress=None, failed=None):
    import sys

    module = sys.modules[__name__]
    shelf = cache.Shelf(cache_dir, LAYOUT)
    return drawing.cached_run(
        items, key=lambda i: shelf.key(*drawn_from(i, fonts)), render=lambda i, folder: module.render(i, fonts, folder),
        shelf=shelf, files=FILES, workers=workers, progress=progress, label="分享图片", failed=failed,
    )
