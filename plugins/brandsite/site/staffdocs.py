"""Pages for staff, not visitors: the editor guide (docs/guide/) and the deployment
docs (docs/deploy/).

By default (`staff_docs: internal`) a public build leaves them out: they become
MkDocs drafts (InclusionLevel.DRAFT), which `mkdocs build` neither renders nor
copies, so they reach no page, sitemap or search index, and the plugin prunes
them from the nav. `mkdocs serve` still renders drafts, so an editor's preview
(`make serve`) keeps the guide at hand. The internal build always has them;
`staff_docs: public` puts them on the public site too.
"""

from __future__ import annotations

from mkdocs.structure.files import Files, InclusionLevel

STAFF_DIRS = ("guide/", "deploy/")


def is_staff(src_uri: str) -> bool:
    return src_uri.startswith(STAFF_DIRS)


def hide(files: Files, *, audience: str, staff_docs: str) -> set[str]:
    """Mark the staff files as drafts when this build is not for staff; return their src_uris."""
    if audience == "internal" or staff_docs == "public":
        return set()
    hidden = set()
    for file in files:
        if is_staff(file.src_uri) and not file.inclusion.is_excluded():
            file.inclusion = InclusionLevel.DRAFT
            hidden.add(file.src_uri)
    return hidden
