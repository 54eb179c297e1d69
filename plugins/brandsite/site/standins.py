"""A preview's pages at brand addresses that the site it previews leaves empty. No MkDocs imports.

MkDocs' own 404 page, shown otherwise, has no live reload: it stayed after the editor
saved the fix, and read as a brand deleted. So under `mkdocs serve`, at the address of
a brand and of each of its cases (the files in its cases/ folder):

- a brand its errors keep off the site gets a page of what is wrong and where
  (views/unavailable.html); saving the fix rebuilds it as the brand's own page;
- in a public preview, a brand marked `visibility: internal`, broken or not, gets a page
  saying that it is internal, that the public preview never shows it (fixed or not) and
  how to open the internal preview (views/internal.html). It holds nothing of the brand
  but its folder name, which the address already holds: no name, no text, not its
  problems (their messages quote what it says), only how many errors it has.

A build (`brandsite build`, `mkdocs build`) makes none of these: `pages.Generator.files`
asks for them only when serving. Called from `pages.Generator.stand_ins`.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..content.load import display_root
from ..content.model import Problem, display_path
from ..content.slugs import usable_slug

HIDE = {"hide": ["navigation", "toc"]}
# What brand.yml says when it cannot be read as YAML: a line of its own, as the editor wrote it
# (indented too: a slip in the indentation may be what broke the file).
_INTERNAL_LINE = re.compile(r"""^\ufeff?[ \t\u3000]*visibility[ \t\u3000]*[:：][ \t\u3000]*["']?internal["']?[ \t\u3000]*(#.*)?$""", re.M)


def files(gen) -> list[tuple[str, str]]:
    """(src_uri, Markdown) of each stand-in page; `gen` is the preview's pages.Generator."""
    shown = {b.slug for b in gen.catalog}
    broken: dict[str, list[Problem]] = {}
    for p in gen.problems:
        if p.slug and p.slug not in shown and usable_slug(p.slug):
            broken.setdefault(p.slug, []).append(p)
    broken = {slug: problems for slug, problems in broken.items() if any(p.level == "error" for p in problems)}
    internal: set[str] = set()
    if gen.catalog.audience == "public":
        internal = {slug for slug in gen.marked_internal() if slug not in shown and usable_slug(slug)}
        internal |= {slug for slug in broken if slug not in internal and _says_internal(gen.brands_dir, slug)}
    out = []
    for slug in sorted(set(broken) | internal):
        problems = broken.get(slug, [])
        stems = _case_stems(gen.brands_dir, slug)
        for src in [gen.site.brand_src(slug), *(gen.site.case_src(slug, stem) for stem in stems)]:
            if slug in internal:
                errors = sum(p.level == "error" for p in problems)
                page = gen.render("internal.html", src, meta={"title": f"{slug}（内部品牌，公开版预览不显示）", **HIDE},
                                  folder=_folder(gen.brands_dir, slug), errors=errors)
            else:
                page = gen.render("unavailable.html", src, meta={"title": f"{slug}（有错误，暂不显示）", **HIDE},
                                  folder=_folder_of(problems[0].path, slug), problems=problems)
            out.append((src, page))
    return out


def _case_stems(brands_dir: Path | None, slug: str) -> list[str]:
    cases = Path(brands_dir or ".", slug, "cases")
    return sorted(f.stem for f in cases.glob("*.md") if usable_slug(f.stem)) if brands_dir and cases.is_dir() else []


def _says_internal(brands_dir: Path | None, slug: str) -> bool:
    """Whether the brand.yml of a broken brand that could not be read says `visibility: internal`."""
    if brands_dir is None:
        return False
    try:
        text = Path(brands_dir, slug, "brand.yml").read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return False
    return bool(_INTERNAL_LINE.search(text.replace("\r\n", "\n")))


def _folder(brands_dir: Path | None, slug: str) -> str:
    """The brand folder as problems name it (brands/x), relative to the working directory when possible."""
    return display_path(Path(brands_dir, slug), display_root(Path(brands_dir))) if brands_dir is not None else slug


def _folder_of(path: str, slug: str) -> str:
    """The brand folder as a problem's path names it: brands/x/cases/y.md -> brands/x."""
    parts = path.split("/")
    return "/".join(parts[: parts.index(slug) + 1]) if slug in parts else slug
