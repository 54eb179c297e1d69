"""The one on-disk cache of media work: content-addressed folders, written atomically. No MkDocs imports.

Everything lives under the plugin's `cache_dir` (`.cache/brandsite/` by default), one
shelf per kind of output, each laid out the same way:

    images/<key>/main.png, w480.webp, ...    responsive variants  (index: images/manifest.json)
    posters/<key>/poster.pdf, poster.png     posters
    cards/<key>/card.png                     share cards
    forms/<slug>-<key>/form.docx             application forms
    logos/verdicts.json                      whether each SVG logo can be drawn (an index only)
    svg/<key>/logo.svg                       SVG logos as published (sanitize.clean_svg)

A key is a hash of this module's VERSION, the shelf's own version (its layout or settings)
and everything the output is made from, so a changed input is simply a miss: nothing is
invalidated in place. An entry is made in a temporary folder and renamed into place, so a
killed build never leaves half an entry. Nothing is pruned automatically (a form replaces the
same brand's older form); deleting the whole cache is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import uuid
from pathlib import Path
from typing import Callable, TypeVar

VERSION = 1  # of the layout and the key; part of every key and index, so a change starts afresh
KEY_LENGTH = 32  # hex digits

T = TypeVar("T")


class Shelf:
    """One kind of cached output in its own folder; without a folder, everything is a miss."""

    def __init__(self, folder: Path | str | None, version: str = ""):
        self.folder = Path(folder) if folder is not None else None
        self.version = f"{VERSION}/{version}"

    def key(self, *parts: bytes | str | object) -> str:
        """The key of an output made from `parts`: bytes as they are, strings as UTF-8, anything
        else as sorted JSON (dicts, lists, numbers)."""
        digest = hashlib.sha256()
        for part in (self.version, *parts):
            if isinstance(part, str):
                part = part.encode()
            elif not isinstance(part, bytes):
                part = json.dumps(part, ensure_ascii=False, sort_keys=True).encode()
            digest.update(len(part).to_bytes(8, "big"))  # so that no two lists of parts run together
            digest.update(part)
        return digest.hexdigest()[:KEY_LENGTH]

    def entry(self, key: str) -> Path:
        if self.folder is None:
            raise ValueError("this shelf has no folder")
        return self.folder / key

    def files(self, key: str, names) -> dict[str, Path] | None:
        """{name: path} when the entry holds every one of `names`, else None."""
        if self.folder is None:
            return None
        entry = self.folder / key
        found = {name: entry / name for name in names}
        return found if all(path.is_file() for path in found.values()) else None

    def make(self, key: str, write: Callable[[Path], T]) -> T:
        """Make an entry: `write(folder)` fills a fresh folder, which then replaces the entry whole.

        Raises what `write` raises (leaving nothing behind), and OSError when the cache cannot be written.
        """
        final = self.entry(key)
        tmp = self.folder / f".{key}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
        tmp.mkdir(parents=True)
        try:
            made = write(tmp)
            try:
                os.replace(tmp, final)
            except OSError:
                # An entry under this key already: another build's (the same files) or one left
                # incomplete before entries were made atomically. Replaced.
                shutil.rmtree(final, ignore_errors=True)
                try:
                    os.replace(tmp, final)
                except OSError:
                    if not final.is_dir():
                        raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return made

    def labelled(self, label: str, key: str) -> str:
        """A key that names what it is for (a brand's slug), so `prune` can find its older entries."""
        return f"{label}-{key}"

    def prune(self, label: str, keep: str) -> None:
        """Remove the entries labelled `label` other than `keep`."""
        if self.folder is None or not self.folder.is_dir():
            return
        mine = re.compile(re.escape(label) + f"-[0-9a-f]{{{KEY_LENGTH}}}")
        for entry in self.folder.iterdir():
            if entry.name != keep and mine.fullmatch(entry.name):
                shutil.rmtree(entry, ignore_errors=True)

    def read_index(self, name: str) -> dict:
        """The entries of the shelf's index file `name`; empty when missing, unreadable or of another version."""
        if self.folder is None:
            return {}
        try:
            data = json.loads((self.folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != self.version or not isinstance(data.get("entries"), dict):
            return {}
        return data["entries"]

    def write_index(self, name: str, entries: dict) -> None:
        """Replace the index file `name` at once; a cache that cannot be written is only a miss next time."""
        if self.folder is None:
            return
        path = self.folder / name
        tmp = path.with_name(f".{name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
        data = {"version": self.version, "entries": entries}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)
