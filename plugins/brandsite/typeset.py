"""Chinese text for posters and share cards: CJK fonts and line breaking. No MkDocs imports.

Line breaking follows the kinsoku rules of CJK typesetting (GB/T 15834,
JIS X 4051): no line starts with closing punctuation (，。、；：？！）」』…)
and no line ends with an opening bracket. Latin words and numbers stay whole.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

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
    "没有找到中文字体,已跳过宣传海报和分享图片(不会画出方块乱码)。"
    "请安装中文字体:Debian/Ubuntu 运行 sudo apt-get install fonts-noto-cjk;"
    "或在 mkdocs.yml 的 brandsite 插件下设置 font: 字体文件路径(.ttf/.otf/.ttc);"
    "不需要海报和分享图片时,可设置 posters: false 和 share_cards: false"
)
_PROBE = "党建品牌"


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    index: int = 0  # face inside a .ttc collection
    bold_index: int = 0

    def get(self, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        return _font(self.bold if bold else self.regular, self.bold_index if bold else self.index, size)


@lru_cache(maxsize=64)
def _font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


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


def _bold_sibling(path: str) -> str:
    for old, new in (("-Regular", "-Bold"), ("Regular", "Bold"), ("-Light", "-Bold")):
        if old in path:
            candidate = path.replace(old, new)
            if Path(candidate).is_file():
                return candidate
    return path


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
        bold = _bold_sibling(path)
        bold_index = _sc_index(bold) if bold != path else index
        if bold_index is None:
            bold, bold_index = path, index
        return FontSet(path, bold, index, bold_index)
    return None


# Line breaking


_UNIT = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%'’\-]*|…+|—+|\s+|.", re.S)


def units(text: str) -> list[str]:
    """Unbreakable pieces: one CJK character, a Latin word or number, a run of … or —."""
    return _UNIT.findall(text)


def can_break(before: str, after: str) -> bool:
    return after[0] not in NO_START and before[-1] not in NO_END


def wrap(text: str, font, width: float) -> list[str]:
    """Lines no wider than `width` (pixels in `font`), broken by the kinsoku rules.

    Explicit newlines start a new line. A unit wider than the whole line is
    broken by character as a last resort.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _wrap_paragraph(units(paragraph.strip()), font, width)
    return lines


def _wrap_paragraph(pieces: list[str], font, width: float) -> list[str]:
    lines: list[str] = []
    start = 0
    while start < len(pieces):
        while start < len(pieces) and pieces[start].isspace():
            start += 1  # no line starts with a space
        if start >= len(pieces):
            break
        end = start
        while end < len(pieces) and font.getlength("".join(pieces[start : end + 1])) <= width:
            end += 1
        if end >= len(pieces):
            lines.append("".join(pieces[start:]).rstrip())
            break
        # pieces[start:end] fit; find the last allowed break at or before `end`.
        cut = end
        while cut > start + 1 and not can_break(pieces[cut - 1], pieces[cut]):
            cut -= 1
        if cut == start + 1 and not can_break(pieces[start], pieces[start + 1]):
            cut = max(end, start + 1)  # nothing allowed: break where it fits
        if cut == start:
            cut = start + 1
        line = "".join(pieces[start:cut])
        if font.getlength(line) > width and len(line) > 1 and cut == start + 1:
            # One unit wider than the line (a very long Latin word): split it by character.
            keep = line
            while len(keep) > 1 and font.getlength(keep) > width:
                keep = keep[:-1]
            pieces[start:cut] = [keep, line[len(keep) :]]
            cut = start + 1
            line = keep
        lines.append(line.rstrip())
        start = cut
    return lines


def clamp(lines: list[str], max_lines: int, font, width: float) -> list[str]:
    """At most `max_lines`; a cut ends the last line with an ellipsis, never mid-bracket or after a comma."""
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and (font.getlength(last + ELLIPSIS) > width or last[-1] in TRAILING or last[-1] in NO_END):
        last = last[:-1]
    last = last.rstrip("。.！!？?")  # "……。" reads wrong; the ellipsis ends the sentence
    kept[-1] = last + ELLIPSIS
    return kept


def fit(text: str, font, width: float, max_lines: int) -> list[str]:
    return clamp(wrap(text, font, width), max_lines, font, width)


def plain(markdown: str) -> str:
    """Markdown prose as one plain paragraph for print."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"^\s{0,3}(?:#+|>|[-*+]|\d+\.)\s+", "", text, flags=re.M)
    text = re.sub(r"[*_`]+", "", text)
    text = re.sub(r"\s*\n\s*", "", text)
    return re.sub(r"[ \t]+", " ", text).strip()
