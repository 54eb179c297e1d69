"""Reading and checking brands again only where a folder changed. No MkDocs imports.

`mkdocs serve` rebuilds the whole site on every save. Most of each rebuild's
reading and checking is per brand folder, and most folders did not change, so
`FolderMemo` keeps, per folder, what `load.read_source` read and what was
worked out from it alone (the per-folder rules' problems, the near-duplicate
check's inputs), keyed by the folder's signature (every file's path, size and
mtime), and what the per-brand scans of the build found (`by_brand`: the
privacy scan, the media check). The rules across brands still run over all
brands every time; the near-duplicate check reuses its pair scores for texts
it has already compared, and its whole result when no folder changed.

The memo lives in the plugin instance, which `serve` keeps across rebuilds,
and nowhere else: a build in a new process (`brandsite build`, `mkdocs
build`) reads every folder. It is dropped as a whole when anything else the
results depend on changes: the categories, the image size limit or the date
(a year may stop being "in the future").
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .model import Problem

FORMAT = 1


def folder_signature(folder: Path) -> tuple:
    """Every file under `folder` with its size and mtime; any save changes it."""
    out: list = []

    def walk(path: str, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            rel = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, rel + "/")
                    continue
                st = entry.stat()  # follows a symlinked file: its target's changes count
                out.append((rel, st.st_size, st.st_mtime_ns, entry.is_symlink()))
            except OSError:
                out.append((rel, -1, -1, True))

    walk(str(folder), "")
    return tuple(out)


def version_key() -> str:
    """Changes whenever the plugin's code changes, so no result of old code is reused."""
    package = Path(__file__).parents[1]
    h = hashlib.sha1(str(FORMAT).encode())
    for path in sorted(package.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()


@dataclass
class Entry:
    signature: tuple
    source: object  # load.Source
    read_problems: list[Problem]
    derived: dict = field(default_factory=dict)  # what was worked out from `source` alone, by kind


@dataclass
class FolderMemo:
    context: tuple = ()
    entries: dict[str, Entry] = field(default_factory=dict)
    # near-duplicate check: (text, text) -> Jaccard score; logo file stat -> logo key
    scores: dict = field(default_factory=dict)
    logos: dict = field(default_factory=dict)
    duplicates: tuple | None = None  # near-duplicate check: (signatures of all folders, problems)
    per_brand: dict = field(default_factory=dict)  # (kind, what the brand's folder held) -> problems
    # counters, for the log and the tests
    hits: int = 0
    misses: int = 0

    def begin(self, context: tuple) -> None:
        """Start a load; drop everything if what the results depend on changed."""
        if context != self.context:
            self.context = context
            self.entries.clear()
            self.scores.clear()
            self.logos.clear()
            self.duplicates = None
            self.per_brand.clear()
        self.hits = self.misses = 0
        self._seen: set[str] = set()

    def read(self, folder: Path, rel: str, read_source):
        key = str(folder)
        self._seen.add(key)
        signature = folder_signature(folder)
        entry = self.entries.get(key)
        if entry is not None and entry.signature == signature and entry.source.rel == rel:
            self.hits += 1
            return entry.source, list(entry.read_problems)
        self.misses += 1
        src, problems = read_source(folder, rel)
        self.entries[key] = Entry(signature, src, list(problems))
        return src, problems

    def checked(self, src, check):
        """The per-folder rules' problems for `src`, from the memo when it was read from it."""
        return list(self.derived(src, "checked", lambda s: list(check(s))))

    def derived(self, src, kind: str, compute):
        """compute(src), worked out once for each Source the memo read (a folder's signature)."""
        entry = self.entries.get(str(src.folder))
        if entry is None or entry.source is not src:
            return compute(src)
        if kind not in entry.derived:
            entry.derived[kind] = compute(src)
        return entry.derived[kind]

    def near_duplicates(self, sources, compute, logo_key):
        """The whole near-duplicate result when none of its inputs changed: each brand's
        brand.yml path, name, connotation and logo, and the lines the messages name.
        An edit elsewhere (a slogan, a case) does not run the check again."""
        def inputs(src):
            data = src.data
            return (src.yml, data.get("name"), data.get("connotation"), data.get("logo"),
                    src.line("name"), src.line("connotation"), src.line("logo"), logo_key(src))

        # Each brand's inputs once per Source: the logo's key reads the file and resolves its path.
        key = tuple(self.derived(s, "duplicate-inputs", inputs) for s in sources)
        if self.duplicates is not None and self.duplicates[0] == key:
            return list(self.duplicates[1])
        problems = compute()
        self.duplicates = (key, list(problems))
        return problems

    def signature_of(self, brand) -> object:
        """The signature of a brand's folder when the memo read it, else the brand itself."""
        entry = self.entries.get(str(brand.folder))
        return entry.signature if entry is not None else repr(brand)

    def marked_internal(self) -> set[str]:
        """The folders of the last load whose brand.yml reads `visibility: internal`, with errors or not
        (a public preview's stand-in pages: site/standins.py)."""
        return {e.source.slug for e in self.entries.values()
                if isinstance(e.source.data, dict) and e.source.data.get("visibility") == "internal"}

    def end(self) -> None:
        """Forget folders that are gone."""
        for key in [k for k in self.entries if k not in self._seen]:
            del self.entries[key]
        if len(self.scores) > 2_000_000:  # a long preview session: start over rather than grow
            self.scores.clear()

    def privacy(self, catalog, allowed, root: Path, scan, contacts: dict[str, str] | None = None,
                internal: dict[str, str] | None = None) -> list[Problem]:
        """privacy.scan per brand, again only for brands whose folder changed (or the contacts' or internal names)."""
        allowed, contacts, internal = tuple(allowed), dict(contacts or {}), dict(internal or {})
        return self.by_brand("privacy", catalog, lambda brands: scan(brands, allowed, root=root, contacts=contacts, internal=internal),
                             (allowed, str(root), tuple(sorted(contacts.items())), tuple(sorted(internal.items()))))

    def by_brand(self, kind: str, brands, scan, key=(), keep=lambda problems: True) -> list[Problem]:
        """scan(brands), run again only over the brands whose folder changed (or the audience's
        view of it: the story, cases and photos it shows). `scan` takes a list of brands and
        gives each problem its brand's slug; `key` holds everything else it depends on. What
        `keep` refuses for a brand (say, a timeout) is not kept: that brand is scanned again."""
        brands = list(brands)
        at = {}
        for brand in brands:
            entry = self.entries.get(str(brand.folder))
            at[brand.slug] = (kind, str(brand.folder), entry.signature, bool(brand.story), tuple(str(c.path) for c in brand.cases),
                              brand.logo, tuple(brand.photos), key) if entry is not None else None
        misses = [b for b in brands if at[b.slug] not in self.per_brand]
        found = scan(misses) if misses else []
        fresh: dict[str, list[Problem]] = {b.slug: [] for b in misses}
        for problem in found:
            fresh.setdefault(problem.slug, []).append(problem)
        for brand in misses:
            if at[brand.slug] is not None and keep(fresh[brand.slug]):
                self.per_brand[at[brand.slug]] = fresh[brand.slug]
        seen = set(at.values())
        for old in [k for k in self.per_brand if k[0] == kind and k not in seen]:
            del self.per_brand[old]
        if len(misses) == len(brands):
            return list(found)  # in the scan's own order, as without a memo
        scanned = {b.slug for b in misses}
        return [p for brand in brands for p in (fresh[brand.slug] if brand.slug in scanned else self.per_brand[at[brand.slug]])] + \
            [p for p in found if p.slug not in scanned]
