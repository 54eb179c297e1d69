"""Where in an editor's written text a thing the cleaning removes was written (prose.removals).
No MkDocs imports."""

from __future__ import annotations

import bisect
import re
from html import unescape

from .names import REORDERING

# Controls that reverse or re-order the text after them (U+202E …), and the marks that move the
# digits and signs around them (RLM, ALM: 0571-8765-4321 shown as 4321-8765-0571): never needed
# in Chinese prose, and a way to make a text read differently from what it holds. Taken out of
# prose, and told (WARNED); a left-to-right mark (LRM), which pasted text often holds and which
# changes nothing in Chinese, is taken out without a word.
WARNED = re.compile(REORDERING.pattern[:-1] + "\u200f\u061c]")
BIDI = re.compile(WARNED.pattern[:-1] + "\u200e]")
_REFERENCE = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,9}|rlm|lrm);?")

# The removals of one text told each at its line (one line's same removal once); the rest are
# counted in one more message.
TOLD = 200


class Written:
    """The text as lines were read (one string, searched by the regular expression engine at
    once: a loop over its lines for each of thousands of removals took minutes)."""

    def __init__(self, lines: list[str]):
        self.text = "\n".join(lines)
        self.starts = [0]
        for line in lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def find(self, needle: str, pos: int) -> int | None:
        """The first place of `needle` at or after `pos` where it is written as an address
        (src=x, href="x", ](x), a reference link's [id]: x), if it is anywhere, so that an
        address "x" is not found in the word before it; else its first place at all."""
        found = re.compile(r"(?:=[^\S\n]*[\"']?|\]\(|\]:|<)[^\S\n]*" + re.escape(needle)).search(self.text, pos)
        if found:
            return found.end() - len(needle)
        at = self.text.find(needle, pos)
        return at if at >= 0 else None

    def place(self, needles, pos: int) -> tuple[int, int]:
        """(where the first of `needles` is written at or after `pos`, the next `pos` after it). One
        written further up (a reference link's target): its first place, else `pos`, which stays."""
        at = next((found for n in needles if (found := self.find(n, pos)) is not None), None)
        if at is not None:
            return at, at + 1
        return next((found for n in needles if (found := self.find(n, 0)) is not None), pos), pos

    def line(self, pos: int) -> int:
        """The 1-based line of a place."""
        return bisect.bisect_right(self.starts, pos)


def reordering(text: str, path: str) -> list[tuple[int, str]]:
    """(line, message) for each reordering control in `text`, typed or written as a character
    reference (&#8238;, which nh3 makes the character itself); `path` stands for the file."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        if not WARNED.search(line) and "&" not in line:
            continue
        written = [m.group() for m in WARNED.finditer(line)]
        written += [c for c in map(unescape, (r.group() for r in _REFERENCE.finditer(line))) if WARNED.fullmatch(c)]
        found += [(number, path + f"有看不见的文字方向控制符（U+{ord(c):04X}），它会让后面的文字倒序或换序显示，"
                   "网站上会删去它。请删去这个字符，最好把这一行重新输入一遍") for c in written]
    return found
