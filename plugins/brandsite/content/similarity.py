"""Near-duplicate brands (差异性, 避免雷同). No MkDocs imports.

Three checks, each a warning that names both brands and the similarity:

* names equal after normalisation: NFKC (full-width/half-width), traditional
  to simplified (OpenCC), case, and with spaces and punctuation removed;
* similar names (Dice coefficient of character bigrams) or connotations
  (Jaccard index of character 4-grams);
* the same or a similar logo (see `logo_print`; SVG logos compare by their
  normalised markup).

Nothing compares all pairs. Candidate pairs come from an inverted index of
n-grams, skipping grams so common that they say nothing (set phrases such as
“服务群众”); logo hashes are bucketed by 13 bands of 5 bits, and two hashes
within 12 bits of each other always share a band.

Logos: most Party-building logos share a silhouette (a red disc, a star, a
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

Pairs a reviewer has looked at (`reviewed_similar` in either brand.yml) are
reported at level "info": still shown on the review page, never failing a
strict build.

Thresholds, chosen on the sample brands (whose most similar distinct pair
scores 0.33 for names and 0.03 for connotations):
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from PIL import Image, ImageChops

from .names import clean_relpath, inside

from .model import Problem
from .names import key as name_key
from .prose import plain_text

KIND = "near-duplicate"  # Problem.kind of these warnings; the review rubric reuses them
NAME_DICE = 0.75  # e.g. 连心桥 / 连心桥驿站 scores 0.8
CONNOTATION_JACCARD = 0.5  # copied text with a few words changed scores well above
LOGO_BITS = 10  # candidates: differing bits out of 64 in the difference hash (near-copies: at most 8)
LOGO_SIDE = 64  # logos are compared at 64×64
LOGO_INK = 96  # a pixel differs when one channel differs by this much (JPEG noise, colour shifts: below)
LOGO_SHARE = 0.003  # similar: under 0.3% of pixels differ (near-copies: 0.00%, distinct badges: 0.71% and up)
LOGO_ZOOMS = (0.01, 0.02, 0.03)  # each side zoomed in by this share, for crops and borders
LOGO_ASPECT = 0.1  # content boxes whose aspect ratios differ by more than 10% are different logos
REVIEWED = "reviewed_similar"  # brand.yml: slugs of brands a reviewer found distinct from this one
GRAM = 4  # characters per connotation shingle
COMMON_SHARE = 0.05  # a gram in more than 5% of brands (and > 20) is not a clue...
COMMON_LIMIT = 50  # ...nor one in more than 50: pairs per gram grow with the square of its brands


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc

        return opencc.OpenCC("t2s").convert
    except Exception:  # the converter is optional: without it, no traditional folding
        return lambda text: text


def normalise(text: str) -> str:
    """Fold width, script and case; drop spaces and punctuation."""
    text = _t2s()(unicodedata.normalize("NFKC", text)).lower()
    return "".join(c for c in text if not unicodedata.category(c)[0] in "PZSC")


def grams(text: str, n: int) -> set[str]:
    if len(text) <= n:
        return {text} if text else set()
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def dice(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def jaccard(a: set, b: set) -> float:
    if not (a and b):
        return 0.0
    shared = len(a & b)  # the union's size without building the union
    return shared / (len(a) + len(b) - shared)


def candidate_pairs(sets: list[set], min_shared: int = 1) -> set[tuple[int, int]]:
    """Index pairs sharing at least `min_shared` uncommon grams.

    A gram in more than max(20, min(5% of the sets, COMMON_LIMIT)) sets is a
    common phrase, not a clue. Without the fixed cap the pairs grew with the
    square of the brand count: 2.4 million pairs and 40 s at 4,000 synthetic
    brands (whose texts share stock phrases), against 2 s with it. The cap
    equals 5% at 1,000 brands, so smaller sites are checked as before."""
    shared, _ = shared_grams(sets)
    return {pair for pair, count in shared.items() if count >= min_shared}


def shared_grams(sets: list[set]) -> tuple[dict[tuple[int, int], int], list[int]]:
    """For `candidate_pairs`: how many uncommon grams each pair shares, and how
    many common grams each set has."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, items in enumerate(sets):
        for gram in items:
            postings[gram].append(i)
    limit = max(20, min(int(len(sets) * COMMON_SHARE), COMMON_LIMIT))
    shared: dict[tuple[int, int], int] = defaultdict(int)
    common = [0] * len(sets)
    for ids in postings.values():
        if len(ids) > limit:
            for i in ids:
                common[i] += 1
        elif len(ids) > 1:
            for pair in combinations(ids, 2):
                shared[pair] += 1
    return shared, common


def may_reach(threshold: float, uncommon: int, common_a: int, common_b: int, size_a: int, size_b: int) -> bool:
    """Whether two gram sets could have a Jaccard score of `threshold` or more,
    knowing that they share `uncommon` uncommon grams: at best they also share
    all the common grams of the one with fewer. J = s / (a + b - s) >= t
    exactly when s >= t (a + b) / (1 + t)."""
    most = uncommon + min(common_a, common_b)
    return most * (1 + threshold) >= threshold * (size_a + size_b) - 1e-9


def _plain(markdown: str) -> str:
    return normalise(plain_text(markdown))


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
    if not path.is_file():
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


def _logo_pairs(keys: list, scores: dict | None = None) -> list[tuple[int, int, str, float]]:
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


def reviewed(a, b) -> bool:
    """Whether a reviewer recorded, in either brand.yml, that the two brands are distinct."""
    def listed(src, other) -> bool:
        names = src.data.get(REVIEWED)
        return isinstance(names, list) and other.slug in names

    return listed(a, b) or listed(b, a)


def pair_inputs(src, known: dict | None = None) -> tuple:
    """What a brand brings to the near-duplicate check beyond its text: its logo and the pairs reviewed."""
    names = src.data.get(REVIEWED)
    return _logo(src, known), tuple(n for n in names if isinstance(n, str)) if isinstance(names, list) else ()


LOGO_SAYS = {
    "file": lambda share: "相同(文件内容完全一致)",
    "pixels": lambda share: "相同(像素完全一致)",
    "svg": lambda share: "相同(SVG 内容一致)",
    "similar": lambda share: (f"相似(去掉留白、缩到 {LOGO_SIDE}×{LOGO_SIDE} 像素比较,明显不同的像素只占 {share:.1%}),"
                              "像是同一标识缩放、压缩、加边或调色后的版本"),
}


def near_duplicates(sources, memo=None) -> list[Problem]:
    """Warnings for brands that look like the same brand twice.

    `memo` (a memo.FolderMemo) keeps connotation scores by text pair and logo
    keys by file, so a rebuild after one edit scores only the changed brand's pairs."""
    scores = memo.scores if memo is not None else {}
    items = [s for s in sources if isinstance(s.data.get("name"), str)]
    names = [normalise(s.data["name"]) for s in items]
    problems: list[Problem] = []
    reported: set[tuple[int, int]] = set()

    flagged: set[tuple] = set()

    def warn(i: int, j: int, field: str, message: str) -> None:
        # One warning per brand and check, naming the first match: a group of
        # ten copies gives nine warnings, not forty-five. A pair a reviewer
        # recorded as distinct is an "info" that takes no warning's place.
        a, b = items[i], items[j]
        text = message.format(other=a.yml, a=a.data.get("name"), b=b.data.get("name"))
        if reviewed(a, b):
            if (i, j, field) not in flagged:
                flagged.add((i, j, field))
                problems.append(Problem(b.yml, b.line(field), f"{text.split('。')[0]}。已人工审核,确认不是重复({REVIEWED})",
                                        "info", kind=KIND))
            return
        if (j, field) in flagged:
            return
        flagged.add((j, field))
        reported.add((i, j))
        problems.append(Problem(b.yml, b.line(field), text, "warning", kind=KIND))

    by_name: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(names):
        by_name[name].append(i)
    for ids in by_name.values():
        for j in ids[1:]:
            i = ids[0]
            # Names equal but for width, case and invisible characters are an error (rules.unique_names).
            if name_key(items[i].data["name"]) != name_key(items[j].data["name"]):
                warn(i, j, "name", "品牌名称“{b}”与 {other} 的“{a}”只差全角/半角、空格、标点或繁简体,实际是同一个名称。请确认是否重复申报,并改用有区别的名称")

    name_grams = [grams(n, 2) for n in names]
    for i, j in sorted(candidate_pairs(name_grams)):
        if (i, j) in reported or names[i] == names[j]:
            continue
        score = dice(name_grams[i], name_grams[j])
        if score >= NAME_DICE:
            warn(i, j, "name", f"品牌名称“{{b}}”与 {{other}} 的“{{a}}”非常相似(相似度 {score:.0%})。请确认不是同一品牌,名称要体现本单位特色")

    texts = [_plain(s.data["connotation"]) if isinstance(s.data.get("connotation"), str) else "" for s in items]
    shingles = [grams(t, GRAM) for t in texts]
    shared, common = shared_grams(shingles)
    for (i, j), uncommon in sorted(shared.items()):
        # Most pairs cannot reach the threshold, whatever their common phrases: not scored.
        if uncommon < 3 or not may_reach(CONNOTATION_JACCARD, uncommon, common[i], common[j],
                                         len(shingles[i]), len(shingles[j])):
            continue
        pair = (texts[i], texts[j])
        score = scores.get(pair)
        if score is None:
            score = scores[pair] = jaccard(shingles[i], shingles[j])
        if score >= CONNOTATION_JACCARD:
            warn(i, j, "connotation", f"connotation(理念内涵)与 {{other}}(“{{a}}”)高度雷同(相似度 {score:.0%})。请结合本单位实际重写,突出差异")
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(texts):
        if t:
            by_text[t].append(i)
    for ids in by_text.values():  # identical text made only of common phrases
        for j in ids[1:]:
            warn(ids[0], j, "connotation", "connotation(理念内涵)与 {other}(“{a}”)完全相同。请结合本单位实际重写,突出差异")

    keys = [_logo(s, memo.logos if memo is not None else None) for s in items]
    for i, j, how, share in _logo_pairs(keys, scores):
        warn(i, j, "logo", f"标识与 {{other}}(“{{a}}”)的标识{LOGO_SAYS[how](share)}。每个品牌应有自己的标识")
    return problems


def logo_key_of(src, known: dict | None = None):
    """The logo key of a brand folder; `known` keeps keys by file stat."""
    return _logo(src, known)


def _logo(src, known: dict | None = None):
    logo = src.data.get("logo")
    if not isinstance(logo, str):
        return None

    path = inside(src.folder, clean_relpath(logo))
    if not path:
        return None
    if known is None:
        return logo_key(path)
    try:
        st = path.stat()
    except OSError:
        return None
    stamp = (str(path), st.st_size, st.st_mtime_ns)
    if stamp not in known:
        known[stamp] = logo_key(path)
    return known[stamp]
