"""Image work that can hang or crash, run in helper processes with a time limit. No MkDocs imports.

resvg can loop for minutes on a small hostile SVG (nested <use> over a blur)
and aborts its whole process when an allocation fails; neither can be
interrupted from Python. So rasterising and drawing (posters, share cards, the
logo of the application form) run in helper processes: each takes many jobs in
turn, so a thousand logos cost one process start, and one that overruns its
time or dies is killed and replaced. The job then fails with `Failed`, which
the caller turns into a message for the editor; the build goes on.

A job is a function named "module:function" with picklable arguments. Inside a
helper, `call` runs the function directly: it is already bounded.
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..errors import BrandsiteError

SVG_SECONDS = 20.0  # a logo takes milliseconds; a slow machine under load gets a wide margin
DRAW_SECONDS = 120.0  # an A3 poster takes about a second
MEMORY_LIMIT = 4 << 30  # address space of a helper: a runaway allocation fails there, not in the build
_INSIDE = "BRANDSITE_SANDBOX"
_HEADER = struct.Struct(">Q")


class Failed(BrandsiteError):
    """A job that did not finish: `reason` is "timeout", "crash" or "error"."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def inside() -> bool:
    return os.environ.get(_INSIDE) == "1"


def _resolve(target: str):
    module, _, name = target.partition(":")
    __import__(module)
    return getattr(sys.modules[module], name)


class _Helper:
    """One helper process; jobs go in one at a time."""

    def __init__(self):
        env = {**os.environ, _INSIDE: "1"}
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from brandsite.media.sandbox import serve; serve()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        )

    def run(self, target: str, args: tuple, timeout: float):
        data = pickle.dumps((target, args, timeout), pickle.HIGHEST_PROTOCOL)
        try:
            self.process.stdin.write(_HEADER.pack(len(data)) + data)
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise Failed("crash", "helper gone") from None
        deadline = time.monotonic() + timeout
        header = self._read(_HEADER.size, deadline)
        ok, value = pickle.loads(self._read(_HEADER.unpack(header)[0], deadline))
        if not ok:
            raise Failed("error", value)
        return value

    def _read(self, count: int, deadline: float) -> bytes:
        fd = self.process.stdout.fileno()
        chunks, got = [], 0
        while got < count:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failed("timeout")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                raise Failed("timeout")
            chunk = os.read(fd, min(count - got, 1 << 20))
            if not chunk:
                raise Failed("crash", f"exit {self.process.poll()}")
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    def kill(self) -> None:
        try:
            self.process.kill()
        except OSError:
            pass
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass


class Pool:
    """Up to `size` helpers, started when first needed and kept for the next job."""

    def __init__(self, size: int | None = None):
        self.size = max(1, size or os.cpu_count() or 1)
        self._idle: list[_Helper] = []
        self._count = 0
        self._lock = threading.Condition()

    def call(self, target: str, *args, timeout: float = DRAW_SECONDS):
        helper = self._take()
        try:
            value = helper.run(target, args, timeout)
        except Failed as failed:
            if failed.reason != "error":  # hung or dead: never reuse it
                helper.kill()
                self._forget()
                raise
            self._give(helper)
            raise
        except BaseException:
            helper.kill()
            self._forget()
            raise
        self._give(helper)
        return value

    def _take(self) -> _Helper:
        with self._lock:
            while not self._idle and self._count >= self.size:
                self._lock.wait()
            if self._idle:
                return self._idle.pop()
            self._count += 1
        try:
            return _Helper()
        except OSError as exc:
            self._forget()
            raise Failed("crash", f"cannot start: {exc}") from None

    def _give(self, helper: _Helper) -> None:
        with self._lock:
            self._idle.append(helper)
            self._lock.notify()

    def _forget(self) -> None:
        with self._lock:
            self._count -= 1
            self._lock.notify()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
            self._count -= len(idle)
        for helper in idle:
            helper.kill()


_pool: Pool | None = None
_pool_lock = threading.Lock()


def pool() -> Pool:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = Pool()
            atexit.register(_pool.close)
        return _pool


def call(target: str, *args, timeout: float = DRAW_SECONDS):
    """target(*args) in a helper process; raises Failed when it errs, overruns `timeout` or dies."""
    if inside():
        try:
            return _resolve(target)(*args)
        except Exception as exc:
            raise Failed("error", f"{type(exc).__name__}: {exc}") from None
    return pool().call(target, *args, timeout=timeout)


def serve() -> None:
    """The helper's loop: read a job, run it, write the answer; until stdin closes."""
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a job prints goes to stderr, never into an answer
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    jobs = sys.stdin.buffer
    while True:
        header = jobs.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        target, args, seconds = pickle.loads(jobs.read(_HEADER.unpack(header)[0]))
        # A helper whose build is gone must not spin on: SIGALRM, unhandled, ends the process.
        signal.alarm(int(seconds) + 5)
        try:
            answer = (True, _resolve(target)(*args))
        except Exception as exc:
            answer = (False, f"{type(exc).__name__}: {exc}")
        signal.alarm(0)
        data = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
        answers.write(_HEADER.pack(len(data)) + data)
        answers.flush()
