"""Printable posters (宣传海报): A3 portrait at 300 dpi, PDF plus a PNG preview. No MkDocs imports.

Every region of the poster has a fixed place and size; text is fitted into
its region (smaller type, then more lines, then an ellipsis), so every
brand's poster has the same layout whatever the length of its text.
Posters are cached by a hash of everything drawn on them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

from . import cache, drawing, sandbox
from ..content.plaintext import plain_text
from .drawing import GOLD, GOLD_DARK, GREY, INK, PAPER, RED, RED_DARK, WHITE
from .typeset import FontSet, balanced, fit

LAYOUT = "poster-4"  # the posters' shelf in the cache; see DRAWING for what is drawn
A3 = (3508, 4961)  # 297 × 420 mm at 300 dpi
DPI = 300
PREVIEW_WIDTH = 1240
FILES = ("poster.pdf", "poster.png")
MARGIN = 300
NAME_BAND = (1640, 2420)  # below the logo disc (bottom 1590), above the divider (2470)


@dataclass
class PosterInput:
    id: str  # the brand slug
    name: str
    slogan: str
    organization: str
    category: str
    stage: str
    connotation: str  # plain text
    carriers: list[tuple[str, str]]
    logo: str  # file path
    url: str = ""  # brand page, for the QR code; empty without site_url
    site_name: str = ""
    logo_hash: str = field(default="", repr=False)
    internal: bool = False  # an internal brand's (the intranet's poster and brochure): marked 内部, as its page


def poster_input(brand, url: str, site_name: str) -> PosterInput:
    logo = Path(brand.folder) / brand.logo
    return PosterInput(
        id=brand.slug, name=brand.name, slogan=brand.slogan or "", organization=brand.organization,
        category=brand.category, stage=brand.stage, connotation=plain_text(brand.connotation),
        carriers=[(c.name, plain_text(c.description or "")) for c in brand.carriers],
        logo=str(logo), url=url, site_name=site_name, logo_hash=drawing.logo_digest(logo), internal=not brand.is_public,
    )


# The drawing's own version, in every poster's and card's cache key: a cache kept from before a
# change of layout (CI keeps .cache/brandsite) would otherwise serve the old pictures.
# 2: the logo is cut to the disc inside its ring; 3: a 16-bit grey logo in its greys, not white;
# 4: the poster's name, slogan and organization stacked with equal gaps; 5: a long organization on two
# lines, a two-part slogan broken at its space.
DRAWING = "drawing-5"


def drawn_from(item, fonts: FontSet) -> tuple[dict, dict, str]:
    """Everything drawn on a poster or card, for its cache key: every field but the logo's path
    (the path may move; its content hash is what counts), the fonts, and the layout's version."""
    data = asdict(item)
    data.pop("logo")
    return data, asdict(fonts), DRAWING


def _stacked(blocks: list, band: tuple[int, int], most_gap: int = 140) -> list:
    """Blocks of lines (lines, font, line height, fill) placed one under another in `band`
    (top, bottom), each with the y of its first line's top added: equal gaps of ink between
    them, at most `most_gap`, the whole centred in the band. A two-line name or slogan takes
    its room from the gaps, so no block comes closer to the next than the others do."""
    inks = []  # per block: (ink's top below its y, ink's height), measured on a full-height 国
    for lines, font, line_height, _ in blocks:
        top, bottom = font.primary.getbbox("国", anchor="la")[1::2]
        inks.append((top, (len(lines) - 1) * line_height + bottom - top))
    free = band[1] - band[0] - sum(height for _, height in inks)
    gap = max(0, min(most_gap, free / max(1, len(blocks) - 1)))
    y = band[0] + max(0, free - gap * (len(blocks) - 1)) / 2
    placed = []
    for block, (top, height) in zip(blocks, inks):
        placed.append((*block, round(y - top)))
        y += height + gap
    return placed


def _at_a_space(text: str, font, width: int) -> list[str] | None:
    """A two-part slogan too long for one line (连民心 解民忧, 一座老桥…千家万户 一支服务队…大街小巷) broken
    at the space between its parts, the one that leaves the longer line shortest; None when it fits
    one line, has no space, or a part is too long for a line."""
    if font.getlength(text) <= width:
        return None
    splits = [(text[:i].strip(), text[i:].strip()) for i, c in enumerate(text) if c in " \u3000"]
    fitting = [pair for pair in splits if all(pair) and max(font.getlength(part) for part in pair) <= width]
    return list(min(fitting, key=lambda pair: max(font.getlength(part) for part in pair))) if fitting else None


def _centered(draw: ImageDraw.ImageDraw, lines: list[str], font, y: int, line_height: int, fill) -> None:
    for i, line in enumerate(lines):
        font.draw(draw, (A3[0] / 2, y + i * line_height), line, fill=fill, anchor="ma")


def _fitted_size(text: str, fonts: FontSet, sizes: tuple[int, ...], width: int, bold: bool = True):
    """The largest size at which `text` fits one line, else the smallest size with two lines."""
    for size in sizes:
        font = fonts.get(size, bold)
        if font.getlength(text) <= width:
            return font, [text]
    font = fonts.get(sizes[-1], bold)
    return font, balanced(text, font, width, 2)


def draw_poster(item: PosterInput, fonts: FontSet) -> Image.Image:
    W, H = A3
    im = Image.new("RGB", A3, PAPER)
    d = ImageDraw.Draw(im)
    inner = W - 2 * MARGIN

    # Header band, kicker, logo disc overlapping the band.
    d.rectangle((0, 0, W, 1080), fill=RED)
    d.rectangle((0, 1080, W, 1110), fill=GOLD)
    kicker = fonts.get(96, bold=True)
    kicker.draw(d, (W / 2, 230), "党 建 品 牌", fill=WHITE, anchor="ma")
    small = fonts.get(64)
    small.draw(d, (W / 2, 380), f"{item.category} · {item.stage}", fill=(255, 224, 178), anchor="ma")
    drawing.disc(im, (W // 2, 1090), 500, WHITE, outline=GOLD, width=18)
    logo = drawing.logo_image(Path(item.logo), 700, name=item.name, fonts=fonts)
    drawing.on_disc(im, (W // 2, 1090), 500, logo, ring=18)

    # Name, slogan, organization: stacked in the band between the logo and the divider.
    font, lines = _fitted_size(item.name, fonts, (250, 210, 180, 150), inner)
    stack = [(lines, font, int(font.size * 1.2), RED_DARK)]
    if item.slogan:
        font = fonts.get(104)
        stack.append((_at_a_space(item.slogan, font, inner) or fit(item.slogan, font, inner, 2), font, 136, GOLD_DARK))
    font, lines = _fitted_size(item.organization, fonts, (76, 66, 58), inner, bold=False)
    stack.append((lines, font, 80, GREY))  # two lines at the smallest size: the longest the check allows, whole
    for lines, font, line_height, fill, y in _stacked(stack, NAME_BAND):
        _centered(d, lines, font, y, line_height, fill)

    # Divider.
    d.line((MARGIN, 2470, W - MARGIN, 2470), fill=GOLD, width=6)
    d.regular_polygon((W / 2, 2470, 26), 4, fill=RED)

    # Connotation: heading, then at most 7 lines.
    head = fonts.get(92, bold=True)
    body = fonts.get(72)
    d.rectangle((MARGIN, 2590, MARGIN + 16, 2690), fill=RED)
    head.draw(d, (MARGIN + 50, 2590), "理念内涵", fill=RED, anchor="la")
    for i, line in enumerate(fit(item.connotation, body, inner, 7)):
        body.draw(d, (MARGIN, 2760 + i * 118), line, fill=INK, anchor="la")

    # Carriers: at most 3 rows, one line each.
    d.rectangle((MARGIN, 3640, MARGIN + 16, 3740), fill=RED)
    head.draw(d, (MARGIN + 50, 3640), "工作载体", fill=RED, anchor="la")
    rows = item.carriers[:3]
    name_font = fonts.get(70, bold=True)
    for i, (name, desc) in enumerate(rows):
        y = 3800 + i * 150
        drawing.disc(im, (MARGIN + 45, y + 45), 45, RED)
        fonts.get(56, bold=True).draw(d, (MARGIN + 45, y + 45), str(i + 1), fill=WHITE, anchor="mm")
        x = MARGIN + 130
        label = fit(name, name_font, (inner - 130) * (0.55 if desc else 1), 1)[0]  # leave room for the description
        name_font.draw(d, (x, y), label, fill=INK, anchor="la")
        rest = inner - 130 - name_font.getlength(label) - 50
        if desc and rest > 300:
            small.draw(d, (x + name_font.getlength(label) + 50, y + 6), fit(desc, small, rest, 1)[0], fill=GREY, anchor="la")
    if len(item.carriers) > 3:
        small.draw(d, (MARGIN + 130, 3800 + 3 * 150 - 20), f"等 {len(item.carriers)} 个工作载体", fill=GREY, anchor="la")

    # Footer: site name on the left, QR code to the brand page on the right.
    d.rectangle((0, 4420, W, H), fill=RED_DARK)
    d.rectangle((0, 4420, W, 4440), fill=GOLD)
    if item.site_name:
        font, lines = _fitted_size(item.site_name, fonts, (84, 70, 60), 2200)
        font.draw(d, (MARGIN, 4560), lines[0], fill=WHITE, anchor="la")
    if item.url:
        small.draw(d, (MARGIN, 4700), "扫码查看品牌详情、工作载体和典型案例", fill=(255, 224, 178), anchor="la")
        qr = drawing.qr_image(item.url, 560)
        x0, y0 = W - MARGIN - qr.width, H - 120 - qr.height
        d.rectangle((x0 - 24, y0 - 24, x0 + qr.width + 24, y0 + qr.height + 24), fill=WHITE)
        im.paste(qr, (x0, y0))
    if item.internal:  # a white label with 内部 on the red band, top right
        d.rounded_rectangle(STAMP, radius=34, fill=WHITE, outline=RED, width=11)
        fonts.get(112, bold=True).draw(d, ((STAMP[0] + STAMP[2]) / 2, (STAMP[1] + STAMP[3]) / 2), "内部", fill=RED, anchor="mm")
    return im


STAMP = (A3[0] - 665, 100, A3[0] - 128, 283)  # an internal brand's 内部 label, on the red band


def render(item: PosterInput, fonts: FontSet, folder: Path) -> None:
    """Draw one poster into `folder` (poster.pdf and poster.png) in a helper process with a
    time limit; raises sandbox.Failed when it cannot. Tests count its calls."""
    sandbox.call("brandsite.media.posters:draw_files", item, fonts, str(folder), timeout=sandbox.DRAW_SECONDS)


def draw_files(item: PosterInput, fonts: FontSet, folder: str) -> None:
    im = draw_poster(item, fonts)
    im.save(Path(folder) / "poster.pdf", "PDF", resolution=DPI, quality=88, title=f"{item.name} 宣传海报", author=item.organization)
    preview = im.resize((PREVIEW_WIDTH, round(A3[1] * PREVIEW_WIDTH / A3[0])), Image.Resampling.BOX)
    preview.save(Path(folder) / "poster.png", "PNG", compress_level=6)


def build_posters(items: list[PosterInput], fonts: FontSet, cache_dir: Path, *, workers: int, progress=None, failed=None):
    """{slug: {"poster.pdf": path, "poster.png": path}} and how many were drawn; `failed` gets (item, reason)."""
    import sys

    module = sys.modules[__name__]  # look `render` up at call time, so tests can count calls
    shelf = cache.Shelf(cache_dir, LAYOUT)
    return drawing.cached_run(
        items, key=lambda i: shelf.key(*drawn_from(i, fonts)), render=lambda i, folder: module.render(i, fonts, folder),
        shelf=shelf, files=FILES, workers=workers, progress=progress, label="宣传海报", failed=failed,
    )
