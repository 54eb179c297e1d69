"""Logo similarity: the same logo saved again is flagged, another badge with the same outline is not.

The evaluation set is drawn here with Pillow and a CJK font. Figures when the
thresholds were chosen (similar_logos.LOGO_SHARE, LOGO_BITS):

* 42 distinct badges (circle, star, shield, rounded square, diamond; red on
  gold and gold on red; 1–3 characters, two with an emblem): 861 pairs, none
  flagged; the closest pair (two red stars, 红心 / 初心) differs in 0.71% of
  pixels.
* 42 near-copies (rescaled up and down, JPEG quality 60, a 5% border, a 2%
  crop with and without margins, colour shifts, less saturation, brighter, a
  shift, a transparent background, and combinations): all flagged, each
  differing in 0.00% of pixels and within 8 bits of the 64-bit hash.

Flagged: under 0.30% of pixels differ (LOGO_SHARE); candidates: within 10 bits.
"""

from __future__ import annotations

import io
import math
import os
from itertools import combinations

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageOps

from brandsite.content import similar_logos, similarity
from brandsite.media.typeset import find_cjk_font
from tests.conftest import check

FONTS = find_cjk_font()
if FONTS is None and os.environ.get("CI") != "true":
    pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)", allow_module_level=True)

RED, GOLD, DARK = (200, 16, 46), (255, 204, 0), (170, 20, 20)
SCHEMES = {"red": (RED, GOLD), "gold": (GOLD, DARK)}
SHAPES = ("circle", "star", "shield", "rounded", "diamond")
TEXTS = ("党", "心", "红心", "初心", "先锋", "为民心", "暖心桥")


def outline(draw, shape, s, fill, ring):
    m, w = s * 0.06, int(s * 0.03)
    if shape == "circle":
        draw.ellipse([m, m, s - m, s - m], fill=fill, outline=ring, width=w)
    elif shape == "rounded":
        draw.rounded_rectangle([m, m, s - m, s - m], radius=s * 0.18, fill=fill, outline=ring, width=w)
    elif shape == "diamond":
        draw.polygon([(s / 2, m), (s - m, s / 2), (s / 2, s - m), (m, s / 2)], fill=fill, outline=ring, width=w)
    elif shape == "shield":
        draw.polygon([(m, m), (s - m, m), (s - m, s * 0.55), (s / 2, s - m), (m, s * 0.55)], fill=fill, outline=ring, width=w)
    else:  # star
        points = []
        for k in range(10):
            r = (s / 2 - m) * (1 if k % 2 == 0 else 0.5)
            a = -math.pi / 2 + k * math.pi / 5
            points.append((s / 2 + r * math.cos(a), s / 2 + r * math.sin(a)))
        draw.polygon(points, fill=fill, outline=ring, width=int(s * 0.02))


def badge(shape, scheme, text, size=400, emblem=False) -> Image.Image:
    fill, ink = SCHEMES[scheme]
    im = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(im)
    outline(draw, shape, size, fill, ink)
    box = size * (0.28 if shape == "star" else 0.5)
    font = FONTS.get(int(box / max(len(text), 1.6)), bold=True)
    font.draw(draw, (size / 2, size * (0.56 if emblem else 0.5)), text, fill=ink, anchor="mm")
    if emblem:
        c, r = size / 2, size * 0.06
        draw.ellipse([c - r, size * 0.22 - r, c + r, size * 0.22 + r], fill=ink)
    return im


def distinct_logos() -> list[tuple[str, Image.Image]]:
    logos = []
    for shape in SHAPES:
        for scheme in SCHEMES:
            for text in (TEXTS[:4] if scheme == "red" else TEXTS[3:]):
                logos.append((f"{shape}/{scheme}/{text}", badge(shape, scheme, text)))
    logos += [(f"circle/red/{t}+emblem", badge("circle", "red", t, emblem=True)) for t in ("党", "心")]
    return logos


def jpeg(im, quality=60):
    out = io.BytesIO()
    im.convert("RGB").save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue()))


def border(im, share=0.05):
    return ImageOps.expand(im, int(im.width * share), fill="white")


def crop(im, share=0.02):
    cut = int(im.width * share)
    return im.crop((cut, cut, im.width - cut, im.height - cut))


def tight(im):
    """Cropped to the badge itself, then 2% more: the crop cuts into the logo."""
    ink = ImageChops.difference(im, Image.new("RGB", im.size, "white")).convert("L").point(lambda v: 255 if v > 40 else 0)
    return crop(im.crop(ink.getbbox()))


def tint(im):
    r, g, b = im.split()
    return Image.merge("RGB", (r.point(lambda v: min(255, int(v * 1.06 + 6))), g.point(lambda v: min(255, v + 10)), b))


def shifted(im, dx=6):
    out = Image.new("RGB", im.size, "white")
    out.paste(im, (dx, dx // 2))
    return out


def transparent(im):
    alpha = ImageChops.invert(im.convert("L")).point(lambda v: 255 if v > 8 else 0)
    out = im.convert("RGBA")
    out.putalpha(alpha)
    return out


def scaled(im, factor):
    return im.resize((int(im.width * factor), int(im.height * factor)), Image.Resampling.LANCZOS)


COPIES = {
    "larger": lambda im: scaled(im, 1.28),
    "smaller": lambda im: scaled(im, 0.5),
    "jpeg60": jpeg,
    "border": border,
    "crop2": crop,
    "tint": tint,
    "brighter": lambda im: ImageEnhance.Brightness(im).enhance(1.08),
    "less saturated": lambda im: ImageEnhance.Color(im).enhance(0.85),
    "shifted": shifted,
    "transparent": transparent,
    "tight crop": tight,
    "tight crop+jpeg": lambda im: jpeg(tight(im)),
    "tight crop+smaller+tint": lambda im: tint(scaled(tight(im), 0.6)),
    "smaller+jpeg": lambda im: jpeg(scaled(im, 0.64)),
    "crop2+tint+jpeg": lambda im: jpeg(tint(crop(im))),
    "border+smaller": lambda im: scaled(border(im, 0.08), 0.7),
}


def prints(images, tmp_path, suffix="png"):
    out = []
    for k, im in enumerate(images):
        path = tmp_path / f"{k}.{suffix}"
        im.save(path)
        out.append(similar_logos.logo_print(path))
    return out


def flagged(a, b) -> bool:
    return bool(similar_logos.logo_pairs([a, b]))


def test_distinct_badges_sharing_outlines_are_not_flagged(tmp_path):
    logos = distinct_logos()
    assert len(logos) >= 20
    keys = prints([im for _, im in logos], tmp_path)
    found = similar_logos.logo_pairs(keys)
    closest = min((similar_logos.logo_difference(keys[i], keys[j]), logos[i][0], logos[j][0])
                  for i, j in combinations(range(len(keys)), 2))
    print(f"\n{len(logos)} distinct badges, {len(found)} pairs flagged; closest pair {closest[1]} / {closest[2]}: "
          f"{closest[0]:.2%} of pixels differ (flagged under {similar_logos.LOGO_SHARE:.2%})")
    assert found == [], [(logos[i][0], logos[j][0], share) for i, j, _, share in found]
    assert closest[0] >= 1.5 * similar_logos.LOGO_SHARE  # a margin, not a near miss


def test_near_copies_are_all_flagged(tmp_path):
    logos = distinct_logos()
    names = list(COPIES)
    pairs = [(names[k % len(names)], im) for k, (_, im) in enumerate(logos)]
    assert len(pairs) >= 10 and {n for n, _ in pairs} == set(names)
    missed, worst, bits = [], 0.0, 0
    for k, (how, im) in enumerate(pairs):
        original, copy = _pair(im, COPIES[how](im), tmp_path / str(k))
        found = similar_logos.logo_pairs([original, copy])
        if not found or found[0][2] != "similar":
            missed.append((logos[k][0], how))
        worst = max(worst, similar_logos.logo_difference(original, copy))
        bits = max(bits, (original.dhash ^ copy.dhash).bit_count())
    print(f"\n{len(pairs)} near-copies, {len(pairs) - len(missed)} flagged; worst {worst:.2%} of pixels differ, "
          f"hashes at most {bits} bits apart (candidates within {similar_logos.LOGO_BITS})")
    assert missed == [], missed


def _pair(im, copy, folder):
    folder.mkdir(parents=True)
    im.save(folder / "a.png")
    path = folder / ("b.jpg" if copy.format == "JPEG" else "b.png")
    copy.save(path, quality=95) if copy.format == "JPEG" else copy.save(path)  # a JPEG copy stays a JPEG file
    return similar_logos.logo_print(folder / "a.png"), similar_logos.logo_print(path)


def test_identical_logos_are_the_same_and_similar_ones_only_similar(tree, tmp_path):
    for slug, name in (("a-a", "甲品牌"), ("b-b", "乙品牌"), ("c-c", "丙品牌"), ("d-d", "丁品牌"), ("e-e", "戊品牌")):
        tree.brand(slug, **{"name: 连心桥": f"name: {name}", "logo: logo.svg": "logo: logo.png"})
    im = badge("circle", "red", "党")
    im.save(tree.brands / "a-a" / "logo.png")
    (tree.brands / "b-b" / "logo.png").write_bytes((tree.brands / "a-a" / "logo.png").read_bytes())
    im.save(tree.brands / "c-c" / "logo.png", compress_level=1)  # other bytes, the same pixels
    jpeg(scaled(im, 0.7)).save(tree.brands / "d-d" / "logo.png")
    badge("circle", "red", "心").save(tree.brands / "e-e" / "logo.png")  # another badge: no warning
    said = {p.path.split("/")[1]: p.message for p in check(tree)[1] if p.kind == similarity.KIND}
    assert set(said) == {"b-b", "c-c", "d-d"}
    assert "的标识相同（文件内容完全一致）" in said["b-b"]
    assert "的标识相同（像素完全一致）" in said["c-c"]
    assert "相同" not in said["d-d"] and "的标识相似（去掉留白、缩到 64×64 像素比较，明显不同的像素只占 0.0%）" in said["d-d"]


def test_another_colour_is_another_logo(tmp_path):
    red, gold = prints([badge("shield", "red", "先锋"), badge("shield", "gold", "先锋")], tmp_path)
    assert not flagged(red, gold)
