"""Folder and case file names as page addresses: whether one can be used, and one to suggest. No MkDocs imports."""

from __future__ import annotations

import re
import unicodedata

from . import names, schema

SLUG_RE = re.compile(schema.SLUG_PATTERN)


def usable_slug(name: str) -> bool:
    """Whether a folder or case file name can be a page's address (the pattern, and slug_problem's rules)."""
    return bool(name) and bool(SLUG_RE.fullmatch(name)) and not names.slug_problem(name, "")


def _spelled(name: str) -> str:
    """Chinese characters as pinyin, a hyphen between syllables (农家小院2 -> nong-jia-xiao-yuan-2)."""
    name = unicodedata.normalize("NFKC", name)  # ｎｏｎｇ家 -> nong家
    if not re.search(r"[\u3400-\u9fff]", name):
        return name
    from pypinyin import lazy_pinyin

    return "-".join(lazy_pinyin(name, errors=lambda chars: [chars]))  # con家 -> con-jia


def suggested_slug(text: str) -> str | None:
    """A folder name made of `text` (its pinyin, lower case, hyphens), or None when none is usable."""
    suggestion = re.sub(r"[^a-z0-9]+", "-", _spelled(text).lower())[:names.SLUG_MAX].strip("-")
    return suggestion if usable_slug(suggestion) else None
