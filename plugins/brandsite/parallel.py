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
jobs stay in one process. If a helper cannot start or fails, the parent reads
its share itself: the result is the same, only slower.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from . import rules
from .model import Problem

log = logging.getLogger("mkdocs.plugins.brandsite")

# Below this many folders to read, one process is faster than starting another.
MIN_FOLDERS = 200
MAX_PROCESSES = 4


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
    if workers < 2 or len(folders) < MIN_FOLDERS:
        return _batch(folders, categories, max_image_bytes)
    size = -(-len(folders) // workers)
    shares = [folders[i:i + size] for i in range(0, len(folders), size)]
    helpers = [_Helper((share, categories, max_image_bytes)) for share in shares[1:]]
    out = _batch(shares[0], categories, max_image_bytes)
    for share, helper in zip(shares[1:], helpers):
        done = helper.result()
        out += done if done is not None else _batch(share, categories, max_image_bytes)
    return out


class _Helper:
    """One helper process working on a share while the parent works on its own."""

    def __init__(self, job: tuple) -> None:
        self.answer: bytes | None = None
        package_parent = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
        try:
            self.proc = subprocess.Popen([sys.executable, "-c", "from brandsite.parallel import helper; helper()"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        except OSError as exc:
            log.debug(f"brandsite: no helper process ({exc})")
            self.proc = None
            return
        # communicate() feeds stdin and drains stdout together, so neither side blocks on a full pipe.
        self.thread = threading.Thread(target=self._talk, args=(pickle.dumps(job),), daemon=True)
        self.thread.start()

    def _talk(self, payload: bytes) -> None:
        self.answer, self.errors = self.proc.communicate(payload)

    def result(self) -> list[Read] | None:
        if self.proc is None:
            return None
        self.thread.join()
        if self.proc.returncode != 0 or not self.answer:
            log.debug(f"brandsite: a helper process failed ({self.proc.returncode}): {self.errors[-2000:]!r}")
            return None
        return pickle.loads(self.answer)


def helper() -> None:
    """The helper's side: a pickled job on stdin, the pickled list[Read] on stdout."""
    folders, categories, max_image_bytes = pickle.loads(sys.stdin.buffer.read())
    # Whatever the work prints (a library, a warning) goes to stderr, not into the answer.
    sys.stdout.flush()
    answer = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    with answer:
        answer.write(pickle.dumps(_batch(folders, categories, max_image_bytes), pickle.HIGHEST_PROTOCOL))


def _batch(folders: list[tuple[Path, str]], categories: tuple[str, ...], max_image_bytes: int) -> list[Read]:
    from .load import read_source

    brand_validator, case_validator = rules.validators(categories)
    out = []
    for folder, rel in folders:
        src, problems = read_source(folder, rel)
        out.append(Read(src, problems, rules.check_source(src, brand_validator, case_validator, max_image_bytes)))
    return out
