"""Traditional characters a visitor may type, mapped to the simplified ones the site's text uses.

The index holds the site's text as editors wrote it (simplified), with traditional spellings
of brand names only (search.name_terms): 網格 found nothing in a text that says 网格. Beside
the index goes FILE, pairs of characters (traditional, then simplified); search.js maps a
query's characters through them before it searches, so 網格 finds what 网格 finds.

Only characters the site's visible text never uses are mapped (著 stays: 著名 is simplified
too), and only to characters it does use, so the list is as small as the site's own
character set allows and a query in characters the text has is left as it is. The table is
OpenCC's traditional-to-simplified conversion (its public API), one character at a time.
No MkDocs imports.
"""

from __future__ import annotations

import functools
import json
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


def pairs(used: set[str]) -> str:
    """The pairs for a site whose visible text uses the characters in `used`."""
    return "".join(t + s for t, s in sorted(table().items()) if s in used and t not in used)


def write(folder: Path, used: set[str]) -> None:
    (Path(folder) / FILE).write_text(json.dumps({"pairs": pairs(used)}, ensure_ascii=False), encoding="utf-8")
