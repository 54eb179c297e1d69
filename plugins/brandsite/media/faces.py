"""Faces that draw posters and share cards: the Chinese font, and for the characters it lacks
(Tibetan, Uyghur, Mongolian, Yi) a font of the machine's that has them. No MkDocs imports.

Text the Chinese font covers whole is drawn in one piece, as Pillow draws any text. Other text
is drawn in runs, each in the first face that has its characters, side by side; Pillow shapes
each run (with libraqm, which it uses when installed, Arabic letters join and read right to
left, and Tibetan stacks).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

# fontconfig's names of the scripts of China's languages a CJK font lacks: Tibetan, Uyghur
# (and Kazakh: Arabic script), traditional Mongolian, Yi.
FALLBACK_LANGS = ("bo", "ug", "mn-cn", "ii")
# Their letters: Tibetan, Arabic (and its presentation forms), Mongolian, Yi.
_SCRIPTS = re.compile("[\u0f00-\u0fff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
                      "\u1800-\u18af\ua000-\ua4cf]")
# Windows keeps fonts for them in its own folder (no fontconfig there).
KNOWN_FALLBACKS = [
    "C:/Windows/Fonts/himalaya.ttf",
    "C:/Windows/Fonts/msuighur.ttf",
    "C:/Windows/Fonts/monbaiti.ttf",
    "C:/Windows/Fonts/msyi.ttf",
]
# Among a script's fonts: Noto's sans, then its other styles, then any; the regular weight.
_PREFER = ("NotoSans", "NotoNaskh", "NotoSerif", "Noto")
_WEIGHTS = ("Bold", "Black", "Light", "Thin", "Medium", "SemiBold", "ExtraBold", "ExtraLight", "Condensed")


@lru_cache(maxsize=64)
def font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


@lru_cache(maxsize=65536)
def has_glyph(path: str, index: int, char: str) -> bool:
    return bytes(font(path, index, 24).getmask(char)) != _notdef(path, index)


@lru_cache(maxsize=16)
def _notdef(path: str, index: int) -> bytes:
    return bytes(font(path, index, 24).getmask("\U0010fffd"))


def drawn(char: str) -> bool:
    """Whether a character is drawn by a face of its own: spaces, marks and format characters go
    with the character before them (a Tibetan vowel sign with its letter)."""
    category = unicodedata.category(char)
    return not char.isspace() and category[0] != "M" and category not in ("Cf", "Cc")


def of_fallback_script(char: str) -> bool:
    """Whether a character is of a script FALLBACK_LANGS names (one a font can be installed for)."""
    return bool(_SCRIPTS.match(char))


def system_fallbacks() -> tuple[str, ...]:
    """For each script of FALLBACK_LANGS, the font fontconfig lists for it that suits best; then
    those of KNOWN_FALLBACKS the machine has."""
    found: list[str] = []
    if shutil.which("fc-list"):
        for lang in FALLBACK_LANGS:
            try:
                out = subprocess.run(["fc-list", f":lang={lang}", "file"], capture_output=True, text=True,
                                     timeout=20, check=False).stdout
            except (OSError, subprocess.SubprocessError):
                continue
            files = [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]
            files = [f for f in files if not any(w in Path(f).stem for w in _WEIGHTS)]
            files.sort(key=lambda f: (next((i for i, p in enumerate(_PREFER) if Path(f).name.startswith(p)), len(_PREFER)), f))
            found += files[:1]
    found += [p for p in KNOWN_FALLBACKS if Path(p).is_file()]
    return tuple(dict.fromkeys(found))


def bold_sibling(path: str) -> str:
    for old, new in (("-Regular", "-Bold"), ("Regular", "Bold"), ("-Light", "-Bold")):
        if old in path:
            candidate = path.replace(old, new)
            if Path(candidate).is_file():
                return candidate
    return path


class Face:
    """One size and weight: measured (getlength, getmetrics) and drawn (draw) as Pillow's own
    fonts are, over the faces `faces` ((path, index) pairs, the Chinese one first)."""

    def __init__(self, faces: tuple[tuple[str, int], ...], size: int):
        self.faces = faces
        self.size = size
        self.primary = font(*faces[0], size)

    def _which(self, char: str) -> int:
        for i, (path, index) in enumerate(self.faces):
            if has_glyph(path, index, char):
                return i
        return 0  # no face has it: the Chinese one draws its box

    def runs(self, text: str) -> list[tuple[str, ImageFont.FreeTypeFont]]:
        if len(self.faces) == 1:
            return [(text, self.primary)]
        pieces: list[list] = []
        for char in text:
            i = self._which(char) if drawn(char) or not pieces else pieces[-1][1]
            if pieces and pieces[-1][1] == i:
                pieces[-1][0] += char
            else:
                pieces.append([char, i])
        for n in range(len(pieces) - 1, -1, -1):
            # Spaces after a run of another script's face are the Chinese face's: a run of right-
            # to-left Uyghur is drawn in its own order, and would draw them at its left end.
            text, i = pieces[n]
            bare = text.rstrip()
            if i and bare and bare != text:
                pieces[n:n + 1] = [[bare, i], [text[len(bare):], 0]]
                if n + 2 < len(pieces) and pieces[n + 2][1] == 0:
                    pieces[n + 1][0] += pieces.pop(n + 2)[0]
        return [(t, font(*self.faces[i], self.size)) for t, i in pieces] or [(text, self.primary)]

    def getlength(self, text: str) -> float:
        return sum(f.getlength(t) for t, f in self.runs(text))

    def getmetrics(self) -> tuple[int, int]:
        return self.primary.getmetrics()

    def draw(self, draw, xy: tuple[float, float], text: str, *, fill, anchor: str = "la") -> None:
        """draw.text(xy, text, font=…, fill=fill, anchor=anchor), a run at a time; `anchor` as
        Pillow's (l/m/r, a/m/s/d), measured on the Chinese face."""
        runs = self.runs(text)
        if len(runs) == 1:
            draw.text(xy, text, font=runs[0][1], fill=fill, anchor=anchor)
            return
        widths = [f.getlength(t) for t, f in runs]
        ascent, descent = self.primary.getmetrics()
        x = xy[0] - {"l": 0.0, "m": sum(widths) / 2, "r": sum(widths)}[anchor[0]]
        baseline = xy[1] + {"a": ascent, "m": (ascent - descent) / 2, "s": 0, "d": -descent}[anchor[1]]
        for (t, f), width in zip(runs, widths):
            draw.text((x, baseline), t, font=f, fill=fill, anchor="ls")
            x += width
