"""Where in an editor's written text a thing the cleaning removes was written (prose.removals).
No MkDocs imports."""

from __future__ import annotations

import bisect
import re

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
        (src=x, href="x", ](x), if it is anywhere, so that an address "x" is not found in the
        word before it; else its first place at all."""
        found = re.compile(r"(?:=[^\S\n]*[\"']?|\]\(|<)[^\S\n]*" + re.escape(needle)).search(self.text, pos)
        if found:
            return found.end() - len(needle)
        at = self.text.find(needle, pos)
        return at if at >= 0 else None

    def line(self, pos: int) -> int:
        """The 1-based line of a place."""
        return bisect.bisect_right(self.starts, pos)
