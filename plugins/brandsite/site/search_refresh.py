"""The search index of a preview (`mkdocs serve`): Pagefind again only when an indexed page changed.

After each rebuild a digest of every indexed HTML page is compared with the one the index was
made from; when they differ, Pagefind runs in a background thread, after the browser has
reloaded, one run at a time and at a lower priority than the next rebuild. (A build of its
own indexes every page, once: see search.py.) No MkDocs imports.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Callable

from .pagestore import digest

INDEX_SKIP = ("404.html",)


def html_digest(site_dir: Path, known: dict) -> tuple[str, dict]:
    """A digest of every indexed HTML page's content. Files whose size and mtime
    match `known` are not read again."""
    files = {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel in INDEX_SKIP or rel.startswith("pagefind/"):
            continue
        st = path.stat()
        old = known.get(rel)
        if old and old[0] == st.st_size and old[1] == st.st_mtime_ns:
            files[rel] = old
        else:
            files[rel] = [st.st_size, st.st_mtime_ns, hashlib.sha1(path.read_bytes()).hexdigest()]
    return digest(sorted((rel, v[2]) for rel, v in files.items())), files


def index_if_changed(site_dir: Path, record, build_index: Callable[[Path], dict],
                     index_ok: Callable[[Path], bool]) -> dict | None:
    """Run `build_index` unless the indexed pages are the same as at the last index (the
    digest kept in `record.index`). Returns its result, or None when skipped."""
    pages_digest, files = html_digest(site_dir, record.index.get("files") or {})
    if record.index.get("digest") == pages_digest and index_ok(site_dir):
        record.index = {"files": files, "digest": pages_digest}
        return None
    record.index = {}
    result = build_index(site_dir)
    record.index = {"files": files, "digest": pages_digest}
    return result


class BackgroundIndexer:
    """Serve only: index after the rebuild, off the reload's path, one run at a time.

    Requests made while a run is going are merged into one more run afterwards.
    """

    def __init__(self, run: Callable[[], None]):
        self.run = run
        self.lock = threading.Lock()
        self.pending = False
        self.thread: threading.Thread | None = None
        self.runs = 0

    def request(self) -> None:
        with self.lock:
            self.pending = True
            if self.thread is not None and self.thread.is_alive():
                return
            self.thread = threading.Thread(target=self._loop, name="brandsite-search-index", daemon=True)
            self.thread.start()

    def _loop(self) -> None:
        _lower_priority()
        while True:
            with self.lock:
                if not self.pending:
                    self.thread = None
                    return
                self.pending = False
            try:
                self.run()
            finally:
                self.runs += 1

    def wait(self, timeout: float | None = None) -> None:
        thread = self.thread
        if thread is not None:
            thread.join(timeout)


def _lower_priority() -> None:
    """Make this thread, and the Pagefind process it starts, yield the CPU to the next
    rebuild (on Linux a thread has its own nice value, and children inherit it)."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):
        pass
