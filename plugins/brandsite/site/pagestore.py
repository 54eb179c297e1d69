"""A preview's generated pages as files, so that MkDocs' dirty rebuilds can skip them.

MkDocs' dirty builds skip a page when its HTML is newer than its source file. Pages made with
`File.generated(content=...)` have no source file and always count as modified, so under
`mkdocs serve` every generated page is written to a file here, rewritten only when its
Markdown changes: an unchanged page keeps its old mtime and MkDocs skips it.

What the store knows of its files (each one's content digest, and the key of the inputs it
was rendered from) is kept in this process's memory only, one record per store folder: a new
preview knows nothing and writes every page again. No MkDocs imports.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
import time
from pathlib import Path
from typing import Callable


def digest(*parts) -> str:
    """A content key of `parts` (bytes as they are, anything else by its repr)."""
    h = hashlib.sha1()
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


# What each store folder's files hold: {src_uri: {"sha": ..., "key": ...}}. A store empties its
# folder's record before its first write and fills it again only when every write succeeded, so
# an interrupted or failed rebuild leaves nothing that vouches for a file with other content.
_KNOWN: dict[str, dict[str, dict]] = {}


class PageStore:
    """Generated pages as files under `root`; a file is rewritten only when its content changes.

    Writes go to one background thread, in order, as pages are stored, so that creating
    thousands of files overlaps the rest of the build. A page that is written this build is
    handed to MkDocs from memory (`put` returns None), so nothing reads a file before it is
    written. Each written file gets the mtime of the store's creation, so the HTML MkDocs
    writes after it is newer and the next dirty build skips the page.
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        settle()  # the previous build's writes (serve keeps one process)
        self.known = _KNOWN.setdefault(str(self.root.resolve()), {})
        self.entries: dict[str, dict] = dict(self.known)
        self.stamp = time.time()
        self.written = self.kept = self.reused = 0
        self._dirs: set[Path] = set()
        self._failed: BaseException | None = None
        self._saved: concurrent.futures.Future | None = None

    def path(self, src_uri: str) -> Path:
        return self.root / src_uri

    def fresh(self, src_uri: str, key: str) -> str | None:
        """The stored file of a page whose inputs had this key last time, if it is still there."""
        entry = self.entries.get(src_uri)
        path = self.path(src_uri)
        if entry is not None and entry.get("key") == key and path.is_file():
            self.reused += 1
            return str(path)
        return None

    def put(self, src_uri: str, content: str | bytes, *, key: str | None = None, deps: str = "") -> str | None:
        """Store a page. Its file, returned, keeps its mtime when content and `deps` are
        unchanged; otherwise the write is queued and None returned: use the content in memory."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        sha = digest(data, deps)
        entry = self.entries.get(src_uri)
        path = self.path(src_uri)
        changed = entry is None or entry.get("sha") != sha or not path.is_file()
        self.entries[src_uri] = {"sha": sha, "key": key}
        if not changed:
            self.kept += 1
            return str(path)
        self.known.clear()  # until every write is done
        _WRITER.submit(self._guarded, self._write, path, data)
        self.written += 1
        return None

    def save(self, keep: set[str]) -> None:
        """After the queued pages: forget (and delete) pages no longer generated, and record the rest."""
        gone = [self.path(s) for s in self.entries if s not in keep]
        self.entries = {s: e for s, e in self.entries.items() if s in keep}
        self._saved = _WRITER.submit(self._finish, gone, dict(self.entries))

    def wait(self) -> None:
        """Block until this store's files are written; raise what failed."""
        if self._saved is not None:
            self._saved.result()

    def _guarded(self, write: Callable, *args) -> None:
        if self._failed is None:
            try:
                write(*args)
            except BaseException as exc:
                self._failed = exc

    def _write(self, path: Path, data: bytes) -> None:
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.utime(tmp, (self.stamp, self.stamp))
        os.replace(tmp, path)

    def _finish(self, gone: list[Path], entries: dict) -> None:
        if self._failed is not None:
            raise self._failed
        for path in gone:
            path.unlink(missing_ok=True)
        self.known.clear()
        self.known.update(entries)


# One writer thread for every store, so writes keep their order across builds.
_WRITER = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="brandsite-store")


def settle() -> None:
    """Wait until every queued store write is done (a store's own failures surface in its `wait`)."""
    _WRITER.submit(lambda: None).result()


def store_root(cache_dir: Path, config_file: str | None, audience: str) -> Path:
    """One store per site and audience, for `serve` (other builds keep their pages in memory)."""
    key = digest(str(Path(config_file or ".").resolve()), audience, "serve")[:12]
    return Path(cache_dir) / "pages" / key
