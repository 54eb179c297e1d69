"""Chinese text for posters and share cards: CJK fonts and line breaking. No MkDocs imports.

Line breaking follows the kinsoku rules of CJK typesetting (GB/T 15834,
JIS X 4051): no line starts with closing punctuation (，。、；：？！）」』…)
and no line ends with an opening bracket. Words of letters (Latin, Uyghur, Mongolian),
numbers and Tibetan syllables stay whole.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from .faces import Face, bold_sibling, drawn, has_glyph, system_fallbacks

# Never at the start of a line.
NO_START = set("，。、；：？！）」』》〉】〕〗〙〛’”…—·．,.;:?!)]}%‰℃ー々〻ゝゞヽヾ")
# Never at the end of a line.
NO_END = set("（「『《〈【〔〖〘〚‘“([{")
# Trimmed before an ellipsis, so a cut never reads "，…".
TRAILING = set("，、；：,;: ")
ELLIPSIS = "…"

KNOWN_FONTS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
]
INSTALL_HINT = (
    "没有找到中文字体，已跳过宣传海报和分享图片（不会画出方块乱码）。"
    "请安装中文字体：Debian/Ubuntu 运行 sudo apt-get install fonts-noto-cjk；"
    "或在 mkdocs.yml 的 brandsite 插件下设置 font: 字体文件路径（.ttf/.otf/.ttc）；"
    "不需要海报和分享图片时，可设置 posters: false 和 share_cards: false"
)
_PROBE = "党建品牌"


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    index: int = 0  # face inside a .ttc collection
    bold_index: int = 0
    # Fonts for the scripts the Chinese one lacks (faces.system_fallbacks), in order.
    fallbacks: tuple[str, ...] = ()

    def get(self, size: int, bold: bool = False) -> Face:
        if bold:
            return _face(((self.bold, self.bold_index), *((bold_sibling(f), 0) for f in self.fallbacks)), size)
        return _face(((self.regular, self.index), *((f, 0) for f in self.fallbacks)), size)


@lru_cache(maxsize=64)
def _face(faces: tuple[tuple[str, int], ...], size: int) -> Face:
    return Face(faces, size)


def _covers_chinese(path: str, index: int) -> bool:
    """True when the face draws real glyphs for Chinese text, not tofu boxes."""
    try:
        font = ImageFont.truetype(path, 48, index=index)
    except OSError:
        return False
    try:
        ttf = font.font
        # A missing glyph maps to glyph 0 (.notdef): every probe character must map elsewhere.
        masks = [bytes(font.getmask(ch)) for ch in _PROBE]
        notdef = bytes(font.getmask("\U0010fffd"))
    except Exception:
        return False
    return bool(ttf) and all(m and m != notdef for m in masks)


def _sc_index(path: str) -> int | None:
    """The Simplified Chinese face in a collection (Noto CJK: JP, KR, SC, TC, HK), else any that covers Chinese."""
    faces = []
    for index in range(12):
        try:
            font = ImageFont.truetype(path, 12, index=index)
        except OSError:
            break
        faces.append((index, " ".join(font.getname())))
    if not faces:
        return None
    ranked = sorted(faces, key=lambda f: (" SC" not in f[1] and "GB" not in f[1], f[0]))
    for index, _ in ranked:
        if _covers_chinese(path, index):
            return index
    return None


def _system_fonts() -> list[str]:
    found: list[str] = []
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(
                ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        files = [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]
        prefer = ("NotoSansCJK-Regular", "NotoSansCJKsc-Regular", "NotoSansSC", "NotoSerifCJK-Regular", "wqy-microhei", "wqy-zenhei")
        files.sort(key=lambda f: next((i for i, p in enumerate(prefer) if p in f), len(prefer)))
        found += files
    found += [p for p in KNOWN_FONTS if Path(p).is_file()]
    return list(dict.fromkeys(found))


def find_cjk_font(configured: str | None = None, *, search_system: bool = True) -> FontSet | None:
    """A font that covers Chinese: the configured file, else one found on the system."""
    candidates = [configured] if configured else []
    if search_system:
        candidates += _system_fonts()
    for path in candidates:
        if not path or not Path(path).is_file():
            continue
        index = _sc_index(path)
        if index is None:
            continue
        bold = bold_sibling(path)
        bold_index = _sc_index(bold) if bold != path else index
        if bold_index is None:
            bold, bold_index = path, index
        return FontSet(path, bold, index, bold_index, system_fallbacks() if search_system else ())
    return None


# Line breaking


_LATIN = "A-Za-z0-9\u00c0-\u024f"
_MARKS = "\u0300-\u036f\u200c\u200d\ufe00-\ufe0f"
_UNIT = re.compile(
    rf"[{_LATIN}][{_LATIN}{_MARKS}.,%'’\-]*"
    r"|[\u0f00-\u0f0a\u0f15-\u0fff]+[\u0f0b-\u0f14]*"  # a Tibetan syllable, with the tsheg or shad after it
    r"|[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+"  # an Uyghur (Arabic script) word
    r"|[\u1800-\u18af\u202f]+"  # a Mongolian word, with its suffixes
    rf"|…+|—+|\s+|.(?:\u200d.|[{_MARKS}])*",
    re.S,
)


def units(text: str) -> list[str]:
    """Unbreakable pieces: one CJK character, a word of letters (Latin, Uyghur, Mongolian) or a
    number, a Tibetan syllable, a run of … or —; a character with the marks that follow it."""
    return _UNIT.findall(text)


def can_break(before: str, after: str) -> bool:
    return after[0] not in NO_START and before[-1] not in NO_END


def wrap(text: str, font, width: float, limit: int | None = None) -> list[str]:
    """Lines no wider than `width` (pixels in `font`), broken by the kinsoku rules.

    Explicit newlines start a new line. A unit wider than the whole line is
    broken by character as a last resort. With `limit`, stop after that many
    lines. Linear in the length of the text: each unit is measured once, and a
    break looks back over a few units only, so no text can stall a build.
    """
    lines: list[str] = []
    measure = _Measure(font)
    for paragraph in text.split("\n"):
        lines += _wrap_paragraph(units(paragraph.strip()), measure, width, None if limit is None else limit - len(lines))
        if limit is not None and len(lines) >= limit:
            return lines[:limit]
    return lines


# How far back a break may move to obey the kinsoku rules; beyond it, the line breaks where it fits.
LOOK_BACK = 24


class _Measure:
    """Widths of units in one font, each distinct unit measured once."""

    def __init__(self, font):
        self.font = font
        self.known: dict[str, float] = {}

    def __call__(self, piece: str) -> float:
        found = self.known.get(piece)
        if found is None:
            found = self.known[piece] = self.font.getlength(piece)
        return found


def _split_wide(pieces: list[str], measure: _Measure, width: float) -> list[str]:
    """Units wider than the whole line (a very long Latin word) as single characters."""
    out: list[str] = []
    for piece in pieces:
        if len(piece) > 1 and measure(piece) > width:
            out += list(piece)
        else:
            out.append(piece)
    return out


def _wrap_paragraph(pieces: list[str], measure: _Measure, width: float, limit: int | None = None) -> list[str]:
    pieces = _split_wide(pieces, measure, width)
    lines: list[str] = []
    start, count = 0, len(pieces)
    while start < count and (limit is None or len(lines) < limit):
        while start < count and pieces[start].isspace():
            start += 1  # no line starts with a space
        if start >= count:
            break
        # The sum of the units' widths stands for the line's width (kerning across units is ignored).
        end, used = start, 0.0
        while end < count and (end == start or used + measure(pieces[end]) <= width):
            used += measure(pieces[end])
            end += 1
        if end < count:
            # pieces[start:end] fit; find the last allowed break at or before `end`, close by.
            cut = end
            floor = max(start + 1, end - LOOK_BACK)
            while cut > floor and not can_break(pieces[cut - 1], pieces[cut]):
                cut -= 1
            if not can_break(pieces[cut - 1], pieces[cut]):
                cut = end  # nothing allowed nearby: break where it fits
        else:
            cut = end
        line = "".join(pieces[start:cut])
        for _ in range(3):  # kerning may make the real line a little wider than the sum
            if cut - start < 2 or measure.font.getlength(line) <= width:
                break
            cut -= 1
            line = "".join(pieces[start:cut])
        lines.append(line.rstrip())
        start = cut
    return lines


def clamp(lines: list[str], max_lines: int, font, width: float) -> list[str]:
    """At most `max_lines`; a cut ends the last line with an ellipsis, never mid-bracket or after a comma."""
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    measure = _Measure(font)
    last = kept[-1]
    # Drop characters from the end until the ellipsis fits: one pass over the line's characters.
    room = width - measure(ELLIPSIS)
    used = sum(measure(ch) for ch in last)
    end = len(last)
    while end and (used > room or last[end - 1] in TRAILING or last[end - 1] in NO_END):
        end -= 1
        used -= measure(last[end])
    while 0 < end < len(last) and unicodedata.category(last[end])[0] == "M":
        end -= 1  # a letter goes with its marks (a Tibetan vowel sign, an Arabic vowel)
    last = last[:end].rstrip("。.！!？?")  # "……。" reads wrong; the ellipsis ends the sentence
    kept[-1] = last + ELLIPSIS
    return kept


def fit(text: str, font, width: float, max_lines: int) -> list[str]:
    """At most `max_lines` lines, the last cut with an ellipsis; one empty line for a blank text."""
    return clamp(wrap(text, font, width, max_lines + 1), max_lines, font, width) or [""]


def balanced(text: str, font, width: float, max_lines: int) -> list[str]:
    """As `fit`, but a text that takes several lines gets lines of about the same width (a title
    of two lines, not one full line and a lone character): the narrowest width, down to half,
    at which the text still takes no more lines."""
    lines = fit(text, font, width, max_lines)
    if len(lines) < 2 or lines[-1].endswith(ELLIPSIS):
        return lines
    low, high = width / 2, width
    for _ in range(12):  # to a pixel or so at poster sizes
        middle = (low + high) / 2
        if len(wrap(text, font, middle, len(lines) + 1)) <= len(lines):
            high = middle
        else:
            low = middle
    return wrap(text, font, high, len(lines) + 1)


def missing(fonts: FontSet, text: str) -> list[str]:
    """The characters of `text` no face of `fonts` has a glyph for (emoji, or Tibetan in a
    machine without a Tibetan font): drawn as boxes. Each distinct character once, in order;
    spaces, marks and format characters are not drawn on their own and never missing."""
    faces = [(fonts.regular, fonts.index), *((f, 0) for f in fonts.fallbacks)]
    seen = dict.fromkeys(char for char in text if drawn(char))
    return [char for char in seen if not any(has_glyph(path, index, char) for path, index in faces)]
