"""Traditional characters a visitor may type, mapped to the simplified ones the site's text uses.

The index holds the site's text as editors wrote it (simplified), with traditional spellings
of brand names only (search.name_terms): 網格 found nothing in a text that says 网格. Beside
the index goes FILE, pairs of characters (traditional, then simplified); search.js maps a
query's characters through them before it searches, so 網格 finds what 网格 finds.

Only characters the site's visible text, converted to simplified, never uses are mapped (著
stays: 著名 is simplified too, and stays so converted), and only to characters it does use, so
the list is as small as the site's own character set allows. A brand written in traditional
characters keeps the map whole: its 黨 is converted away, so 黨建 is still mapped to 党建, which
finds its record too (search_terms.simplified gives it its simplified spelling), where
counting its characters as used left the query as typed and found it alone. The table is
OpenCC's traditional-to-simplified conversion (its public API), one character at a time; the
text's own runs that hold a character of it are converted whole, as phrases.
No MkDocs imports.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

FILE = "simplified.json"
# Code points a traditional character may have: CJK unified ideographs, extension A, compatibility.
_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@functools.lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """Every character OpenCC's t2s turns into another single character."""
    import opencc

    chars = [chr(c) for low, high in _RANGES for c in range(low, high + 1)]
    convert = opencc.OpenCC("t2s").convert
    converted = convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - a conversion that joined lines
        converted = [convert(c) for c in chars]
    return {t: s for t, s in zip(chars, converted) if s != t and len(s) == 1}


@functools.lru_cache(maxsize=1)
def _convertible() -> re.Pattern:
    """A run of Chinese characters holding one the table converts."""
    return re.compile("[\u3400-\u9fff\uf900-\ufaff]*[" + "".join(sorted(table())) + "][\u3400-\u9fff\uf900-\ufaff]*")


def convertible_runs(text: str) -> set[str]:
    """The runs of `text` that conversion to simplified may change, for `used_converted`."""
    return set(_convertible().findall(text))


def used_converted(used: set[str], runs: set[str]) -> set[str]:
    """The characters of the visible text (`used`) once converted to simplified: those of its
    `runs` (convertible_runs) as OpenCC converts them, in context, and the rest as they are."""
    from ..content.similarity import simplified

    converted = simplified("\n".join(sorted(runs))) if runs else ""
    return (used - set("".join(runs))) | set(converted) - {"\n"}


def pairs(used: set[str]) -> str:
    """The pairs for a site whose visible text uses the characters in `used`."""
    return "".join(t + s for t, s in sorted(table().items()) if s in used and t not in used)


def write(folder: Path, used: set[str], runs: set[str] = frozenset()) -> None:
    """The map for a site whose visible text uses `used` and holds the convertible `runs`."""
    (Path(folder) / FILE).write_text(json.dumps({"pairs": pairs(used_converted(used, runs))}, ensure_ascii=False), encoding="utf-8")
