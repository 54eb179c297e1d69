"""Shared pieces for posters and share cards: logos as rasters, QR codes. No MkDocs imports."""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageOps

from .cache import Shelf
from .typeset import FontSet

RED = (183, 28, 28)
RED_DARK = (127, 0, 0)
GOLD = (212, 160, 23)
GOLD_DARK = (122, 91, 0)
INK = (33, 33, 33)
GREY = (97, 97, 97)
PAPER = (255, 251, 243)
WHITE = (255, 255, 255)


def logo_digest(path: Path) -> str:
    """SHA-256 of a logo file ("" when unreadable), for cache keys.

    A brand's poster and each of its share cards key on the same logo: it is
    read once per build, and again only when the file changes (mtime, size).
    """
    try:
        st = path.stat()
    except OSError:
        return ""
    return _digest(str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=4096)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def svg_to_png(svg: str, width: int) -> bytes | None:
    """An SVG drawn with resvg into a `width` square, or None when it cannot be drawn.

    resvg runs in a helper process with a time limit (see sandbox.py): a hostile
    logo can make it loop or abort, and that must not take the build with it.
    """
    from . import sandbox

    try:
        return sandbox.call("brandsite.media.drawing:rasterise", svg, width, timeout=sandbox.SVG_SECONDS)
    except sandbox.Failed:
        return None


def rasterise(svg: str, box: int) -> bytes | None:
    """resvg itself, in this process: the SVG fitted into a `box` square, whatever its own size,
    so that no width, height or aspect ratio it declares can ask for a huge canvas."""
    try:
        import resvg_py
    except ImportError:  # pragma: no cover - resvg-py is a pinned dependency
        return None
    # Loading the system's fonts costs more than drawing most logos: only text needs them.
    text = "<text" in svg or ":text" in svg
    data = resvg_py.svg_to_bytes(svg_string=svg, width=box, height=box, skip_system_fonts=not text)
    return bytes(data) if data else None


def placeholder(name: str, size: int, fonts: FontSet | None) -> Image.Image:
    """A red disc with the brand's first character, for a logo that cannot be drawn."""
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(im)
    draw.ellipse((0, 0, size - 1, size - 1), fill=RED)
    if fonts and name:
        font = fonts.get(int(size * 0.55), bold=True)
        font.draw(draw, (size / 2, size / 2), name[0], fill=WHITE, anchor="mm")
    return im


def eight_bit(im: Image.Image) -> Image.Image:
    """A 16-bit grey image (a scanner's or Photoshop's PNG, mode I;16) as 8-bit grey: Pillow's own
    conversion clips every value above 255 to white, so the picture came out nearly blank."""
    if im.mode.startswith("I;16") or (im.mode == "I" and (im.getextrema()[1] or 0) > 255):
        return im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    return im


def logo_image(path: Path, size: int, *, name: str = "", fonts: FontSet | None = None) -> Image.Image:
    """The logo as RGBA, fitted into a `size` square. SVG goes through resvg."""
    im: Image.Image | None = None
    try:
        if path.suffix.lower() == ".svg":
            png = svg_to_png(path.read_text(encoding="utf-8-sig"), size)
            if png:
                im = Image.open(io.BytesIO(png))
                im.load()
        else:
            with Image.open(path) as src:
                im = ImageOps.exif_transpose(src) or src
                im.load()
    except Exception:
        im = None
    if im is None:
        return placeholder(name, size, fonts)
    im = eight_bit(im).convert("RGBA")
    im.thumbnail((size, size), Image.Resampling.LANCZOS)
    if max(im.size) < size:  # small rasters are scaled up to fill the box
        scale = size / max(im.size)
        im = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))), Image.Resampling.LANCZOS)
    box = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    box.alpha_composite(im, ((size - im.width) // 2, (size - im.height) // 2))  # as it is: paste() would darken its half-clear pixels
    return box


def qr_image(url: str, size: int) -> Image.Image:
    """A QR code for `url` with segno, scaled to about `size` pixels with crisp modules."""
    import segno

    qr = segno.make(url, error="m", micro=False)
    matrix = [list(row) for row in qr.matrix]
    border = 4
    n = len(matrix) + 2 * border
    im = Image.new("L", (n, n), 255)
    px = im.load()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                px[x + border, y + border] = 0
    scale = max(1, size // n)
    return im.resize((n * scale, n * scale), Image.Resampling.NEAREST).convert("RGB")


def disc(im: Image.Image, center: tuple[int, int], radius: int, fill, outline=None, width: int = 0) -> None:
    cx, cy = center
    ImageDraw.Draw(im).ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=fill, outline=outline, width=width)


def on_disc(im: Image.Image, center: tuple[int, int], radius: int, logo: Image.Image, *, ring: int) -> None:
    """Paste `logo` (RGBA) centred on the disc of `radius` drawn there, whose ring is `ring` wide:
    what lies beyond the ring's inner edge is cut off, so that the corners of a square logo on a
    white or coloured ground do not cover the ring (they stuck out of it on share cards)."""
    inner = radius - ring
    size = 2 * inner
    layer = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    layer.alpha_composite(logo, (inner - logo.width // 2, inner - logo.height // 2))  # paste() onto a clear layer darkens half-clear pixels
    mask = Image.new("L", (size * 4, size * 4), 0)  # drawn large and scaled down: a smooth edge
    ImageDraw.Draw(mask).ellipse((0, 0, size * 4 - 1, size * 4 - 1), fill=255)
    mask = mask.resize((size, size), Image.Resampling.LANCZOS)
    layer.putalpha(ImageChops.multiply(layer.getchannel("A"), mask))
    im.paste(layer, (center[0] - inner, center[1] - inner), layer)


def cached_run(items, *, key, render, shelf: Shelf, files: tuple[str, ...], workers: int, progress=None, label="图片",
               failed: list | None = None):
    """Render each item once per key into its entry on `shelf`; return ({item.id: {name: path}}, rendered count).

    `render(item, folder)` writes every name in `files` into `folder`. An item
    whose files are all there is a cache hit and costs nothing but its key.
    An item that cannot be drawn (an error, a hang, a crash of its helper) is
    left out and added to `failed` as (item, reason).
    """
    import time
    from concurrent.futures import ThreadPoolExecutor, as_completed

    done: dict[str, dict[str, Path]] = {}
    todo: dict[str, list] = {}
    for item in items:
        k = key(item)
        found = shelf.files(k, files)
        if found is not None:
            done[item.id] = found
        else:
            todo.setdefault(k, []).append(item)
    if not todo:
        return done, 0

    def one(k: str, item) -> str:
        shelf.make(k, lambda folder: render(item, folder))
        return k

    total, count, started = len(todo), 0, time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, min(workers, total))) as pool:
        futures = [pool.submit(one, k, same[0]) for k, same in todo.items()]
        for future, k in zip(futures, todo):
            future.k = k  # type: ignore[attr-defined]
        for future in as_completed(futures):
            k = future.k  # type: ignore[attr-defined]
            count += 1
            try:
                future.result()
            except Exception as exc:  # one bad drawing never stops the build
                from .sandbox import Failed

                reason = exc.reason if isinstance(exc, Failed) else "error"
                if failed is not None:
                    failed += [(item, reason) for item in todo[k]]
                elif progress:
                    progress(f"生成{label}失败（{', '.join(i.id for i in todo[k])}）：{type(exc).__name__}: {exc}")
                continue
            for item in todo[k]:
                done[item.id] = {name: shelf.entry(k) / name for name in files}
            if progress and total >= 20 and (count % 20 == 0 or count == total):
                progress(f"生成{label} {count}/{total}（{time.monotonic() - started:.0f} 秒）")
    return done, total
