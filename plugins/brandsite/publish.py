"""Atomic site builds: build into a temporary folder, swap it in only on success.

A failed build (a content error, an exception, Ctrl-C, a killed CI job) never
leaves a half-written site where the last good one was. MkDocs itself cleans
and rewrites `site_dir` in place, so the build runs in a child process that
writes to a sibling folder; the swap is two renames on the same filesystem.
No MkDocs imports: this is plain process and file handling.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Callable

DEFAULT_DIRS = {"public": "site", "internal": "site-internal"}


def default_site_dir(audience: str) -> Path:
    return Path(DEFAULT_DIRS.get(audience, "site"))


def staging_dir(site_dir: Path) -> Path:
    # `.site-*` is ignored by git; a sibling, so the final rename stays on one filesystem.
    return site_dir.with_name(f".site-{site_dir.name}-building")


def record_file(site_dir: Path) -> Path:
    """What the plugin knows about the build in `site_dir` (incremental.BuildRecord); in .cache/, which git ignores."""
    return site_dir.parent / ".cache" / "builds" / f"{site_dir.name}.json"


def seed(site_dir: Path, staging: Path) -> bool:
    """Start the staging folder as a copy of the last good site, so that the build
    only writes what changed. A real copy: MkDocs rewrites files in place, and a
    hard link would change the live site. Without a record of that site the
    plugin makes a full build anyway, so nothing is copied."""
    record = record_file(site_dir)
    if not (site_dir / "index.html").is_file() or not record.is_file():
        return False
    shutil.copytree(site_dir, staging, symlinks=True)  # copy2 keeps mtimes, which dirty builds compare
    shutil.copy2(record, record_file(staging))
    return True


def build(site_dir: Path, *, audience: str, config_file: Path = Path("mkdocs.yml"), strict: bool = True,
          say: Callable[[str], None] = print, incremental: bool = True) -> int:
    """Build into a staging folder and swap it in. Returns the build's exit code.

    `incremental`: start from a copy of the last good site and rebuild only
    what changed (a dirty build, made safe by the plugin: see incremental.py)."""
    site_dir = Path(site_dir)
    staging = staging_dir(site_dir)
    shutil.rmtree(staging, ignore_errors=True)  # left over from a machine that lost power
    record_file(staging).unlink(missing_ok=True)
    record_file(staging).parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file), "--site-dir", str(staging)]
    if strict:
        command.append("--strict")
    if incremental and seed(site_dir, staging):
        command.append("--dirty")
    # NO_MKDOCS_2_WARNING: Material prints a long banner that buries the content problems.
    env = {"NO_MKDOCS_2_WARNING": "1", **os.environ, "BRANDSITE_AUDIENCE": audience,
           "BRANDSITE_BUILD_RECORD": str(record_file(staging).resolve())}
    say(f"构建{'内网' if audience == 'internal' else '公开'}网站 → {site_dir}/(先写入临时文件夹,成功后再替换)")
    child = subprocess.Popen(command, env=env)
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)  # a CI job's cancel, like Ctrl-C
    try:
        code = child.wait()
    except KeyboardInterrupt:
        stop(child)
        shutil.rmtree(staging, ignore_errors=True)
        record_file(staging).unlink(missing_ok=True)
        say(f"构建被中断。{_kept(site_dir)}")
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    if code != 0 or not (staging / "index.html").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        record_file(staging).unlink(missing_ok=True)
        say(f"构建失败(见上方信息)。{_kept(site_dir)}")
        return code or 1
    # The record goes with the site it describes: the old one goes first, so that if
    # we stop between the two steps there is no record and the next build is a full one.
    record_file(site_dir).unlink(missing_ok=True)
    swap(staging, site_dir)
    if record_file(staging).is_file():
        record_file(staging).rename(record_file(site_dir))
    say(f"完成:{site_dir}/ 已更新")
    return 0


def swap(new: Path, target: Path) -> None:
    """Put `new` where `target` is. The old copy is removed only after the new one is in place."""
    old = target.with_name(f".site-{target.name}-previous")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _kept(site_dir: Path) -> str:
    if site_dir.exists():
        return f"上一次成功构建的 {site_dir}/ 保持不变。"
    return f"{site_dir}/ 没有被创建。"


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def stop(child: subprocess.Popen, timeout: float = 10) -> None:
    """Terminate `child`, and kill it if it has not ended after `timeout` seconds."""
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
