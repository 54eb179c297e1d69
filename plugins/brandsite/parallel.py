"""Reading and checking many brand folders on more than one core. No MkDocs imports.

A cold build or `brandsite check` of a large site spends seconds reading every
brand folder (YAML with line numbers, Markdown, image headers) and running the
per-folder rules on it. Folders are independent, so the parent process reads
one share while other processes read the rest; the results come back pickled,
in folder order, and are exactly what the same work gives in one process.

Each helper is a fresh `python -c` that imports only this package; its work comes
through stdin and its results go back through stdout, pickled. multiprocessing's
"spawn" would import the parent's main script again in every helper (a build
started from a script without a `__main__` guard would build twice), and
"fork" is unsafe once a build runs threads (the preview server, the page
writer). A fresh interpreter costs about a third of a second to start, so small
jobs stay in one process. If a helper cannot start, fails, takes far longer than
the parent took for its own share, or answers with anything unreadable, the
parent reads its share itself (and says so in the log): the result is the same,
only slower.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from . import rules
from .model import Problem

log = logging.getLogger("mkdocs.plugins.brandsite")

# Below this many folders to read, one process is faster than starting another.
MIN_FOLDERS = 200
MAX_PROCESSES = 4
# Seconds a helper may take after the parent finished its own share (at least).
PATIENCE = 60.0
MARK = b"\n--brandsite-answer--\n"
PACKAGE = Path(__file__).resolve().parent
# The helper's start: no working directory on sys.path (the mkdocs command has none
# either, and a yaml.py in a site's folder must not be imported), this package's
# folder after the standard library, and a check that it is this very package.
BOOT = ("import sys; del sys.path[0]; sys.path.append(sys.argv[1]); "
        "from brandsite.parallel import helper; helper(sys.argv[2])")


@dataclass
class Read:
    """One folder, read and checked by itself."""

    source: object  # load.Source
    problems: list[Problem]  # found while reading
    checked: list[Problem]  # rules.check_source


def processes() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_PROCESSES))


def read_and_check(folders: list[tuple[Path, str]], categories: tuple[str, ...], max_image_bytes: int,
                   *, workers: int | None = None) -> list[Read]:
    """`load.read_source` and `rules.check_source` for each (folder, rel), in order."""
    workers = processes() if workers is None else workers
    if workers < 2 or len(folders) < MIN_FOLDERS or not _can_start():
        return _batch(folders, categories, max_image_bytes)
    size = -(-len(folders) // workers)
    shares = [folders[i:i + size] for i in range(0, len(folders), size)]
    helpers = [_Helper((share, categories, max_image_bytes)) for share in shares[1:]]
    started = time.monotonic()
    out = _batch(shares[0], categories, max_image_bytes)
    # A helper has as much work as the parent had: past several times that, it is stuck.
    deadline = time.monotonic() + max(PATIENCE, 3 * (time.monotonic() - started))
    for share, helper in zip(shares[1:], helpers):
        done = helper.result(deadline)
        out += done if done is not None else _batch(share, categories, max_image_bytes)
    return out


def _can_start() -> bool:
    # An embedded or frozen interpreter has no python to run with -c.
    return bool(sys.executable) and not getattr(sys, "frozen", False)


class _Helper:
    """One helper process working on a share while the parent works on its own."""

    def __init__(self, job: tuple) -> None:
        self.answer: bytes | None = None
        self.errors = b""
        self.thread: threading.Thread | None = None
        try:
            self.proc = subprocess.Popen([sys.executable, "-c", BOOT, str(PACKAGE.parent), str(PACKAGE)],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except (OSError, ValueError, TypeError) as exc:
            self._failed(f"无法启动({exc})")
            self.proc = None
            return
        # communicate() feeds stdin and drains stdout together, so neither side blocks on a full pipe.
        self.thread = threading.Thread(target=self._talk, args=(pickle.dumps(job),), daemon=True)
        self.thread.start()

    def _talk(self, payload: bytes) -> None:
        self.answer, self.errors = self.proc.communicate(payload)

    def result(self, deadline: float) -> list[Read] | None:
        """The helper's results, or None when the parent must read its share itself."""
        if self.proc is None or self.thread is None:
            return None
        self.thread.join(max(0.0, deadline - time.monotonic()))
        if self.thread.is_alive():
            self.proc.kill()
            self.thread.join()
            return self._failed("超时未完成")
        if self.proc.returncode != 0:
            return self._failed(f"退出码 {self.proc.returncode}")
        # Anything before the mark was printed while the interpreter started; it is not ours.
        at = (self.answer or b"").find(MARK)
        try:
            if at < 0:
                raise ValueError("no answer")
            return pickle.loads(self.answer[at + len(MARK):])
        except Exception as exc:  # noqa: BLE001 - any unreadable answer: read the share here
            return self._failed(f"结果无法读取({exc!r})")

    def _failed(self, why: str) -> None:
        log.info(f"brandsite: 辅助进程{why},这部分品牌文件夹改由主进程读取。{self.errors.decode(errors='replace')[-500:]}")
        return None


def helper(package: str) -> None:
    """The helper's side: a pickled job on stdin, MARK and the pickled list[Read] on stdout."""
    if Path(__file__).resolve().parent != Path(package):
        sys.exit(f"brandsite: 辅助进程载入了另一份 brandsite({Path(__file__).parent}),不是 {package}")
    folders, categories, max_image_bytes = pickle.loads(sys.stdin.buffer.read())
    # Whatever the work prints (a library, a warning) goes to stderr, not into the answer.
    sys.stdout.flush()
    answer = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    with answer:
        answer.write(MARK + pickle.dumps(_batch(folders, categories, max_image_bytes), pickle.HIGHEST_PROTOCOL))


def _batch(folders: list[tuple[Path, str]], categories: tuple[str, ...], max_image_bytes: int) -> list[Read]:
    from .load import read_source

    brand_validator, case_validator = rules.validators(categories)
    out = []
    for folder, rel in folders:
        src, problems = read_source(folder, rel)
        out.append(Read(src, problems, rules.check_source(src, brand_validator, case_validator, max_image_bytes)))
    return out
