"""The search index on disk: a folder of records, the pagefind program over it, a check of what it wrote.

Pagefind is used through its command line only. A full build starts the program as
soon as every record is known (on_env: the brand records from the model since
on_files, every other page's from its content once MkDocs has converted them all),
so that it indexes while MkDocs renders the theme around each page; on_post_build
waits for it to exit, which is what says the index is whole, checks the files and
moves them into the site. A preview indexes its records in one go (`build_index`).
Beside the index go the list of the site's commonest words (COMMON_FILE), which search.js
searches ahead for a visitor who has started searching, and the traditional characters its
queries may hold (simplified.FILE, made from the records' visible text). No MkDocs imports.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import tempfile
import time
import zlib
from pathlib import Path

from ..errors import BrandsiteError
from . import simplified

OUTPUT = "pagefind"
# Seconds the pagefind program may take to index the site (10,000 brands take minutes).
INDEX_TIMEOUT = 3600
# The site's commonest words (search.common_words), in the index folder, so that the list is
# replaced with the index it was made for: search.js searches them in idle time once a
# visitor's first results are shown (their queries score the most pages).
COMMON_FILE = "common-words.json"
# Heading id before a record's hidden words (search.py's templates): the text before it is what
# the site shows.
TERMS_ANCHOR = "bs-search-terms"
_HIDDEN = f'<h6 id="{TERMS_ANCHOR}"'
# Pagefind's ready-made UIs: search.js uses the JS API instead.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


class SearchIndexError(BrandsiteError):
    """The index on disk is unusable; the build must fail rather than publish it."""


class Records:
    """The folder of records (file path in the site -> HTML) that the pagefind program indexes.

    `add` writes records; `start` starts the program over the folder, writing into a folder
    of its own; `finish` waits for it, checks the index and puts it at <site>/pagefind;
    `close` stops the program if it still runs and removes both folders (also after a failed
    build)."""

    def __init__(self) -> None:
        # In `brandsite build`'s scratch folder, which the next build removes if this one is killed.
        scratch = os.environ.get("BRANDSITE_SCRATCH")
        self.folder: Path | None = Path(tempfile.mkdtemp(prefix="bs-search-", dir=scratch if scratch and os.path.isdir(scratch) else None))
        self.pages = self.folder / "pages"
        self.output = self.folder / OUTPUT
        self.process: subprocess.Popen | None = None
        self.started = 0.0
        self.common: list[str] = []  # written as COMMON_FILE beside the index
        self.used: set[str] = set()  # the characters of the records' visible text (simplified.FILE)
        self.runs: set[str] = set()  # and its runs that conversion to simplified may change

    def add(self, records) -> None:
        """`records`: (file, HTML) pairs, the file relative to the site (the page's URL)."""
        for rel, html in records:
            visible = html.split(_HIDDEN, 1)[0]
            self.used.update(visible)
            self.runs |= simplified.convertible_runs(visible)
            path = self.pages / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")

    def start(self) -> None:
        self.pages.mkdir(exist_ok=True)
        self.process = start_pagefind(self.pages, self.output, self.folder / "pagefind.log")
        self.started = time.monotonic()

    def finish(self, site: Path, timeout: float = INDEX_TIMEOUT) -> dict:
        """Wait for the index, check it and move it to <site>/pagefind; the number of pages indexed."""
        try:
            if self.process is None:
                self.start()
            wait_pagefind(self.process, self.folder / "pagefind.log", self.started + timeout, timeout)
            self.process = None
            for name in UNUSED:
                (self.output / name).unlink(missing_ok=True)
            pages = check_output(self.output)
            (self.output / COMMON_FILE).write_text(json.dumps({"words": self.common}, ensure_ascii=False), encoding="utf-8")
            simplified.write(self.output, self.used, self.runs)
            target = Path(site) / OUTPUT
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(str(self.output), str(target))
        finally:
            self.close()
        return {"pages": pages}

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def build_index(site_dir: str | Path, records: dict[str, str] | None = None, common: list[str] | None = None) -> dict:
    """Index `records` (file -> HTML) into <site_dir>/pagefind, in one go; `common`: COMMON_FILE's words."""
    folder = Records()
    folder.common = list(common or [])
    try:
        folder.add((records or {}).items())
    except BaseException:
        folder.close()
        raise
    return folder.finish(Path(site_dir))


def index_ok(site_dir: str | Path) -> bool:
    """Whether the Pagefind output in the built site passes `check_output`."""
    try:
        check_output(Path(site_dir) / OUTPUT)
        return True
    except SearchIndexError:
        return False


def check_output(output: Path) -> int:
    """Refuse an index the browser could not load, so that no broken search is
    published: the entry file must parse, and the files every first query
    loads (the WASM and the meta index) must decompress whole. Returns the
    number of pages indexed."""
    entry = output / "pagefind-entry.json"
    bad = entry.name
    try:
        languages = json.loads(entry.read_text(encoding="utf-8")).get("languages")
        ok = bool(languages)
        pages = sum(int(lang.get("page_count") or 0) for lang in languages.values()) if ok else 0
        for path in [*output.glob("wasm.*.pagefind"), *output.glob("pagefind.*.pf_meta")]:
            bad = path.name
            gzip.decompress(path.read_bytes())
    except (OSError, ValueError, AttributeError, TypeError, EOFError, zlib.error):
        ok = False
    if not ok:
        raise SearchIndexError(
            f"搜索索引没有完整写出（{bad} 为空或不完整），构建已停止，旧网站保持不变。请重新构建；"
            "若反复出现，请检查磁盘空间，并确认没有其他程序结束了 pagefind 进程"
        )
    return pages


def start_pagefind(site: Path, output: Path, log: Path) -> subprocess.Popen:
    """Start the pagefind program (its CLI) over the pages under `site`, writing into `output`
    and what it says into `log`.

    Not the package's Python API: its client reads one answer every 0.1 s, and it stops the
    program as soon as "files written" is answered, which comes before the last writes are
    done (seen: an empty entry file). The program's exit is what says the index is whole."""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise SearchIndexError("找不到 pagefind 程序。请重新运行 make（它会安装 pagefind[extended]）")
    command = [str(executable), "--site", str(site), "--output-path", str(output), "--force-language", "zh", "--quiet"]
    try:
        with open(log, "wb") as said:
            return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=said, stderr=subprocess.STDOUT)
    except OSError as exc:
        raise SearchIndexError(f"无法启动 pagefind({executable}):{exc.strerror or exc}。请重新运行 make") from None


def wait_pagefind(process: subprocess.Popen, log: Path, deadline: float, limit: float) -> None:
    """Wait for the program to exit, until `deadline` (time.monotonic()), which is `limit` seconds
    after its start; a plain message when it failed or did not finish in time."""
    try:
        returncode = process.wait(timeout=max(deadline - time.monotonic(), 0.001))
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise SearchIndexError(f"pagefind 在 {int(limit)} 秒内没有建完搜索索引，构建已停止，旧网站保持不变。"
                               "请检查磁盘是否已满或过慢") from None
    if returncode != 0:
        said = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
        errors = [line for line in said if line.startswith("Error")]
        why = (errors or said[-1:] or [f"退出码 {returncode}"])[0]
        raise SearchIndexError(f"pagefind 没有建成搜索索引（{why}），构建已停止，旧网站保持不变。"
                               "请重新构建；若反复出现，请检查磁盘空间")

