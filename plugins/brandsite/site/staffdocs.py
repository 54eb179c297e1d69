"""Pages for staff, not visitors: the editor guide (docs/guide/) and the deployment
docs (docs/deploy/).

By default (`staff_docs: internal`) a public build leaves them out: they become
MkDocs drafts (InclusionLevel.DRAFT), which `mkdocs build` neither renders nor
copies, so they reach no page, sitemap or search index, and the plugin prunes
them from the nav. An editor's preview (`make serve`) does not hide them, so the
guide stays at hand (site/build.py). The internal build always has them;
`staff_docs: public` puts them on the public site too.
"""

from __future__ import annotations

import logging

from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section

from ..content.docpages import STAFF_DIRS


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


class QuietNavNotes(logging.Filter):
    """MkDocs notes, in English and once per nav entry, that the nav names a file left out of
    the build. For the staff docs that is this build's intent (prune_nav takes them out): editors
    need the content problems instead. Other files' notes pass."""

    PREFIX = "A reference to '"

    def __init__(self) -> None:
        super().__init__()
        self.hidden: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith(self.PREFIX):
            return True
        return message[len(self.PREFIX):].split("'", 1)[0].replace("\\", "/") not in self.hidden


def quiet_nav_notes(hidden: set[str]) -> None:
    """Install (once) or update the filter on MkDocs' nav logger."""
    logger = logging.getLogger("mkdocs.structure.nav")
    quiet = next((f for f in logger.filters if isinstance(f, QuietNavNotes)), None)
    if quiet is None:
        quiet = QuietNavNotes()
        logger.addFilter(quiet)
    quiet.hidden = set(hidden)


def prune_nav(nav: Navigation, hidden: set[str]) -> None:
    """Take these pages out of a nav that names them (mkdocs.yml's `nav`): hidden staff pages, an empty 品牌集群."""
    nav.items = _prune(nav.items, hidden)
    _unlink(nav, hidden)


def _unlink(nav: Navigation, drop: set[str]) -> None:
    """Without a `nav` setting MkDocs puts every page in the nav and links each to its section
    and neighbours before `on_nav`: pages pruned from it keep none of that (Material would
    show the neighbours in the footer and in <link rel="prev">), and the rest are relinked."""
    kept = [page for page in nav.pages if page.file.src_uri not in drop]
    if len(kept) == len(nav.pages):
        return
    for page in nav.pages:
        if page.file.src_uri in drop:
            page.parent = page.previous_page = page.next_page = None
    for before, page, after in zip([None, *kept], kept, [*kept[1:], None]):
        page.previous_page, page.next_page = before, after
    nav.pages = kept


def _prune(items, drop: set[str]):
    kept = []
    for item in items:
        if isinstance(item, Section):
            item.children = _prune(item.children, drop)
            if item.children:
                kept.append(item)
        elif getattr(getattr(item, "file", None), "src_uri", None) in drop:
            continue
        else:
            kept.append(item)
    return kept
