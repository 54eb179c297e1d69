"""Golden tables for rule messages: a small change to the sample brand folder, and the exact
lines `brandsite check` prints for it.

A row names the change as text replacements in the sample brand.yml (`replace`, as
`BrandTree.brand` takes them) and files to write over the folder's (`files`: path in the
folder -> text or bytes, or None to delete it). The expected lines are `path:line: message`,
with 警告: or 提示: before the message of a warning or a hint, as `brandsite check` shows them.
"""

from __future__ import annotations

from tests.conftest import BRAND_YML, BrandTree, check

SLUG = "lian-xin-qiao"
Y = f"brands/{SLUG}/brand.yml"
CASE = f"brands/{SLUG}/cases/tui-shui.md"
# a brand at this stage needs no case, and has no naming document yet
CULTIVATED = {"stage: 命名": "stage: 培育", "named:\n  date: 2021-12-20\n  document: 青直工委〔2021〕12号\n": ""}



def said(problems) -> list[str]:
    """Each problem as one line of `brandsite check`'s report (without its indent): Problem.tagged."""
    return [p.tagged() for p in problems]


def write_brand(tree: BrandTree, slug: str = SLUG, replace: dict | None = None, files: dict | None = None) -> None:
    missing = [old for old in replace or {} if old not in BRAND_YML]
    assert not missing, f"not in the sample brand.yml: {missing}"  # else the row would test the sample
    folder = tree.brand(slug, **(replace or {}))
    for rel, content in (files or {}).items():
        if content is None:
            (folder / rel).unlink()
        else:
            tree.write(f"{slug}/{rel}", content)


def check_lines(tree: BrandTree, categories=None) -> list[str]:
    """The lines for the tree; also holds that an error leaves its brand out of the catalog,
    and that a warning or a hint never does."""
    catalog, problems = check(tree, categories)
    written = {p.name for p in tree.brands.iterdir() if (p / "brand.yml").is_file()}
    failed = {p.slug for p in problems if p.level == "error"}
    assert {b.slug for b in catalog} == written - failed
    return said(problems)


def brand_lines(tree: BrandTree, replace: dict | None = None, files: dict | None = None) -> list[str]:
    """The lines for the sample brand changed by one row."""
    write_brand(tree, SLUG, replace, files)
    return check_lines(tree)
