"""Folder and case file names as page addresses: whether one can be used, and one to suggest. No MkDocs imports."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

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


def syllables(text: str) -> set[str]:
    """The lower-case pinyin syllables (and Latin words) of `text`, the whole of it: 古城桥 -> gu, cheng, qiao."""
    return {part for part in re.split(r"[^a-z0-9]+", _spelled(text).lower()) if part}


def suggested_slug(text: str) -> str | None:
    """A folder name made of `text` (its pinyin, lower case, hyphens), or None when none is usable."""
    suggestion = re.sub(r"[^a-z0-9]+", "-", _spelled(text).lower())[:names.SLUG_MAX].strip("-")
    return suggestion if usable_slug(suggestion) else None


def free_slug(slug: str | None, taken) -> str | None:
    """`slug`, or slug-2, slug-3 … (cut to keep its number within names.SLUG_MAX) when `taken(name)`
    says the name is in use; None without a slug."""
    for n in range(1, 100):
        candidate = slug if n == 1 or not slug else suggested_slug(f"{slug[:names.SLUG_MAX - len(str(n)) - 1]}-{n}")
        if not candidate or not taken(candidate):
            return candidate
    return None


def meant_folder(folder: Path) -> str:
    """For a folder without brand.yml: one inside it that has it (unpacked a level too deep), or a
    brand's folder named nearly as it (a story saved from the web editor under a mistyped folder
    name), to move the files into; "" if neither."""
    import difflib

    try:
        brands = [p.name for p in folder.parent.iterdir() if p != folder and (p / "brand.yml").is_file()]
        inner = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and (p / "brand.yml").is_file())
    except OSError:
        return ""
    if inner:  # a zip unpacked one folder too deep: brands/x/x/brand.yml
        return (f"brand.yml 在下一层的 {inner[0]}/ 文件夹里（解压时常会多出一层文件夹）。请把 {inner[0]}/ 里的全部文件移到 "
                f"{folder.parent.name}/{folder.name}/ 下，再删去空的 {inner[0]}/ 文件夹")
    close = difflib.get_close_matches(folder.name, brands, n=1, cutoff=0.8)
    if not close:
        return ""
    files = "、".join(sorted(p.name for p in folder.iterdir())[:3]) or "什么也没有"
    return (f"这个文件夹里只有 {files}，名字和品牌文件夹 {close[0]}/ 只差几个字母：文件夹名可能写错了。"
            f"如果这些是那个品牌的内容，请把它们移到 {folder.parent.name}/{close[0]}/ 里，再删去这个文件夹")
