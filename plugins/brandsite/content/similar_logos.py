"""Same or similar logos, for the near-duplicate check (similarity.py). No MkDocs imports.

Most Party-building logos share a silhouette (a red disc, a star, a
shield), and a 64-bit difference hash sees little more than the silhouette,
so it only picks candidates. Each candidate pair is then compared pixel by
pixel: both logos are flattened onto white, trimmed to their content,
stretched to 64×64 and compared channel by channel; a pixel counts as
different when some channel differs by 96 or more (a slight colour shift or
JPEG noise stays below; another character or another colour does not). A
2% crop or a border changes the scale of what is left after trimming, so the
comparison also tries each side zoomed in by 1–3% and keeps the best.

On the evaluation set in tests/test_similarity_logos.py (42 distinct badges:
circle, star, shield, rounded square, diamond; red and gold; 1–3 different
characters, and 42 near-copies: rescaled, JPEG quality 60, a border, a 2%
crop of a logo with and without margins, colour shifts, a transparent
background, and combinations), every near-copy differs in 0.00% of pixels
and within 8 bits of the hash, and the closest distinct pair (two red stars,
红心 / 初心) differs in 0.71%. Flagged: under 0.30%.

Nothing compares all pairs: raster logos' hashes are bucketed by 13 bands of
5 bits, and two hashes within 12 bits of each other always share a band.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from PIL import Image, ImageChops

LOGO_BITS = 10  # candidates: differing bits out of 64 in the difference hash (near-copies: at most 8)
LOGO_SIDE = 64  # logos are compared at 64×64
LOGO_INK = 96  # a pixel differs when one channel differs by this much (JPEG noise, colour shifts: below)
LOGO_SHARE = 0.003  # similar: under 0.3% of pixels differ (near-copies: 0.00%, distinct badges: 0.71% and up)
LOGO_ZOOMS = (0.01, 0.02, 0.03)  # each side zoomed in by this share, for crops and borders
LOGO_ASPECT = 0.1  # content boxes whose aspect ratios differ by more than 10% are different logos


@dataclass(frozen=True)
class LogoPrint:
    """What the logo comparison needs of one logo file."""

    kind: str  # "svg" | "raster"
    digest: str  # of the file's bytes (SVG: normalised markup), else of the decoded pixels
    pixels: str = ""  # raster: digest of the decoded pixels
    dhash: int = 0  # raster: 64-bit difference hash of the normalised image, for candidates
    thumb: bytes = b""  # raster: the trimmed logo as 64×64 RGB
    aspect: float = 1.0  # raster: width / height of the trimmed content


def _flatten(im: Image.Image) -> Image.Image:
    """RGB on white: a transparent background and a white one compare the same."""
    white = Image.new("RGBA", im.size, (255, 255, 255, 255))
    white.alpha_composite(im)
    return white.convert("RGB")


_INK_LUT = [255 if v >= LOGO_INK else 0 for v in range(256)] * 3
_TRIM_LUT = [255 if v > 40 else 0 for v in range(256)]


def logo_print(path: Path) -> LogoPrint | None:
    """The print of a raster logo, or None when unreadable."""
    try:
        data = path.read_bytes()
        with Image.open(path) as im:
            rgba = im.convert("RGBA")
    except Exception:
        return None
    pixels = hashlib.sha256(f"{rgba.size}".encode() + rgba.tobytes()).hexdigest()
    im = _flatten(rgba)
    # Trim the background (the JPEG noise around it too).
    ink = ImageChops.difference(im, Image.new("RGB", im.size, "white")).convert("L").point(_TRIM_LUT)
    box = ink.getbbox() or (0, 0, im.width, im.height)
    im = im.crop(box)
    aspect = im.width / im.height
    thumb = im.resize((LOGO_SIDE, LOGO_SIDE), Image.Resampling.BOX)
    grey = thumb.convert("L").resize((9, 8), Image.Resampling.BOX).tobytes()
    bits = 0
    for row in range(8):
        for col in range(8):
            bits = (bits << 1) | (grey[row * 9 + col] > grey[row * 9 + col + 1])
    return LogoPrint("raster", hashlib.sha256(data).hexdigest(), pixels, bits, thumb.tobytes(), aspect)


def logo_key(path: Path) -> LogoPrint | None:
    try:
        if not path.is_file():
            return None
    except OSError:  # a name too long for the file system (the logo rule says so): no logo to compare
        return None
    if path.suffix.lower() == ".svg":
        try:
            markup = re.sub(r"\s+", " ", path.read_text(encoding="utf-8", errors="replace")).strip()
        except OSError:
            return None
        if "brandsite-placeholder" in markup:
            return None  # the scaffold's placeholder has its own warning
        return LogoPrint("svg", hashlib.sha256(markup.encode()).hexdigest())
    return logo_print(path)


def _zoom(im: Image.Image, share: float) -> Image.Image:
    cut = LOGO_SIDE * share
    return im.resize((LOGO_SIDE, LOGO_SIDE), Image.Resampling.BILINEAR, box=(cut, cut, LOGO_SIDE - cut, LOGO_SIDE - cut))


def _differing(a: Image.Image, b: Image.Image) -> float:
    """Share of pixels where some channel differs by LOGO_INK or more."""
    histogram = ImageChops.difference(a, b).point(_INK_LUT).convert("L").histogram()
    return 1 - histogram[0] / (LOGO_SIDE * LOGO_SIDE)


def logo_difference(a: LogoPrint, b: LogoPrint) -> float:
    """Share of pixels that differ between two raster logos, at the best of the zooms tried (0.0–1.0)."""
    if abs(a.aspect / b.aspect - 1) > LOGO_ASPECT:
        return 1.0
    x = Image.frombytes("RGB", (LOGO_SIDE, LOGO_SIDE), a.thumb)
    y = Image.frombytes("RGB", (LOGO_SIDE, LOGO_SIDE), b.thumb)
    best = _differing(x, y)
    if best > 0.3:  # a misaligned copy differs along its edges only, never this much
        return best
    for share in LOGO_ZOOMS:
        if best < LOGO_SHARE / 4:
            break
        best = min(best, _differing(_zoom(x, share), y), _differing(x, _zoom(y, share)))
    return best


def logo_pairs(keys: list, scores: dict | None = None) -> list[tuple[int, int, str, float]]:
    """(i, j, how, differing share) for logos that are the same or similar.

    `how` is "file" (the same bytes), "pixels" (the same pixels, another file),
    "svg" (the same markup) or "similar"; `scores` keeps pixel comparisons by digest pair."""
    scores = {} if scores is None else scores
    found = []
    exact: dict[tuple[str, str], list[int]] = defaultdict(list)
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if key is None:
            continue
        exact[(key.kind, key.pixels or key.digest)].append(i)
        if key.kind == "raster":
            for q in range(13):
                buckets[(q, (key.dhash >> (5 * q)) & 0x1F)].append(i)
    twins = set()
    for (kind, _), ids in exact.items():
        # Every pair: near_duplicates warns once per brand, but a reviewed first pair must not hide the next.
        for i, j in combinations(ids, 2):
            how = "svg" if kind == "svg" else "file" if keys[i].digest == keys[j].digest else "pixels"
            found.append((i, j, how, 0.0))
            twins.add((i, j))
    seen = set(twins)
    for ids in buckets.values():
        for i, j in combinations(ids, 2):
            if (i, j) in seen:
                continue
            seen.add((i, j))
            a, b = keys[i], keys[j]
            if a.pixels == b.pixels or (a.dhash ^ b.dhash).bit_count() > LOGO_BITS:
                continue  # twins of a twin: the first twin is reported
            pair = ("logo", a.pixels, b.pixels)
            share = scores.get(pair)
            if share is None:
                share = scores[pair] = logo_difference(a, b)
            if share < LOGO_SHARE:
                found.append((i, j, "similar", share))
    return sorted(found)
