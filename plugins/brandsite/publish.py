"""Site builds: one at a time, always full, swapped in only on success.

`brandsite build` builds the whole site into a staging folder beside the site
folder and renames it into place only when the build succeeded: a failed
build (a content error, an exception, Ctrl-C, a killed CI job) never leaves a
half-written site where the last good one was.

- One build of a site at a time: a lock file in `.cache/`, locked with the
  operating system's own file locks (fcntl on POSIX, msvcrt on Windows). The
  system releases the lock when the process ends, however it ends, so a
  killed build never leaves a stale lock behind.
- MkDocs runs in this process, not in a child, so killing `brandsite build`,
  even with SIGKILL, leaves no MkDocs running. The processes the plugin
  starts (Pagefind, the helpers that read brand folders) get their work
  through pipes and end when this process does.
- Every build gets a staging folder of its own: a process that outlives a
  killed build could write only into that build's abandoned folder, which no
  later build reuses (the next one removes it). The build's temporary files
  (the search records) go into a scratch folder beside it, removed with it.
- Nothing is carried over from an earlier build: no copy of the last site,
  no record of it. Incremental rebuilds are for `mkdocs serve` only.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import signal
import subprocess
import threading
import traceback
from pathlib import Path
from typing import Callable

from .errors import BrandsiteError

DEFAULT_DIRS = {"public": "site", "internal": "site-internal"}


def default_site_dir(audience: str) -> Path:
    return Path(DEFAULT_DIRS.get(audience, "site"))


def in_public_site(path: Path) -> bool:
    """Whether `path` is the public site's folder or inside it: no internal build or brochure goes there."""
    public = Path(DEFAULT_DIRS["public"]).resolve()
    return path.resolve() == public or public in path.resolve().parents


def local_address(site_dir: Path) -> str | None:
    """The site's address when it is this computer's (the sample's preview address), from its
    sitemap; None for another address, or a site without one."""
    from .site.urls import is_local

    try:
        found = re.search(r"<loc>([^<]+)</loc>", (site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    except OSError:
        return None
    return found.group(1) if found and is_local(found.group(1)) else None


def zip_stamp() -> str:
    import datetime

    return f"{datetime.datetime.now():%Y%m%d-%H%M}"


def zip_site(site_dir: Path, audience: str, dist: Path = Path("dist"), stamp: str | None = None) -> Path:
    """site_dir zipped whole into dist/dangjian-<audience>-<YYYYMMDD-HHMM>.zip, to hand over, its files
    in a folder of the zip's name (unzip spilled them into the folder it ran in, and a second zip of
    the day replaced the first); names as they are (UTF-8, which unzip, Explorer and 7-Zip read)."""
    import zipfile

    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"dangjian-{audience}-{stamp or zip_stamp()}.zip"
    partial = dist / f".{target.name}.{secrets.token_hex(4)}.part"  # the zip in place only when whole
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(site_dir.rglob("*")):
                if path.is_file() and not path.is_symlink():  # the build makes none: nothing from elsewhere
                    archive.write(path, f"{target.stem}/{path.relative_to(site_dir).as_posix()}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def staging_prefix(site_dir: Path) -> str:
    # `.site-*` is ignored by git; a sibling, so the final rename stays on one filesystem.
    return f".site-{site_dir.name}-building"


def scratch_dir(staging: Path) -> Path:
    """Where the build's temporary files go (the plugin reads BRANDSITE_SCRATCH): named like the
    staging folder, so a killed build's are removed by the next build with its staging folder."""
    return staging.with_name(f"{staging.name}-scratch")


def new_staging_dir(site_dir: Path) -> Path:
    """A staging folder no earlier build has used."""
    staging = site_dir.with_name(f"{staging_prefix(site_dir)}-{os.getpid()}-{secrets.token_hex(4)}")
    staging.mkdir(parents=True)
    return staging


def remove_leftovers(site_dir: Path) -> None:
    """Staging folders of builds that were killed or lost power. Called with the lock held,
    so no running build owns them."""
    for path in site_dir.parent.glob(f"{staging_prefix(site_dir)}*"):
        shutil.rmtree(path, ignore_errors=True)
    shutil.rmtree(site_dir.with_name(f".site-{site_dir.name}-previous"), ignore_errors=True)


def lock_file(site_dir: Path) -> Path:
    """The lock of builds into `site_dir`; in .cache/, which git ignores."""
    return site_dir.parent / ".cache" / "brandsite" / "locks" / f"{site_dir.name}.lock"


class BuildLock:
    """An exclusive lock on a file, held until `release` or until the process ends."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.file = None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        file = open(self.path, "a+b")  # not inherited by child processes (PEP 446)
        try:
            if os.name == "nt":
                import msvcrt

                file.seek(0)
                msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            file.close()
            return False
        self.file = file
        return True

    def release(self) -> None:
        if self.file is None:
            return
        try:
            if os.name == "nt":
                import msvcrt

                self.file.seek(0)
                msvcrt.locking(self.file.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(self.file.fileno(), fcntl.LOCK_UN)
        finally:
            self.file.close()
            self.file = None


def build(site_dir: Path, *, audience: str, config_file: Path = Path("mkdocs.yml"), strict: bool = True,
          say: Callable[[str], None] = print) -> int:
    """Build into a fresh staging folder and swap it in. Returns the exit code:
    0 on success, 1 when the build failed or another build of `site_dir` is running,
    130 when interrupted."""
    site_dir = Path(site_dir)
    lock = BuildLock(lock_file(site_dir))
    try:
        if not lock.acquire():
            say(f"另一个构建正在生成 {site_dir}/，本次构建没有运行。请等它结束后再试。")
            return 1
        try:
            return _build(site_dir, audience=audience, config_file=config_file, strict=strict, say=say)
        finally:
            lock.release()
    except OSError as exc:  # a read-only disk or folder, no space, a mount point: said, not a traceback
        say(f"构建没有完成：不能写入 {exc.filename or site_dir}（{_WHY.get(exc.errno, exc.strerror)}）。"
            f"请检查这个文件夹所在的磁盘和文件夹的权限。{_kept(site_dir)}")
        return 1


# Why a folder could not be written, as editors read it (errno's own words are English).
_WHY = {errno.EROFS: "磁盘是只读的", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
        errno.EBUSY: "文件夹正被占用，例如它是一个挂载点", errno.ENOSPC: "磁盘空间不够"}


def _build(site_dir: Path, *, audience: str, config_file: Path, strict: bool, say: Callable[[str], None]) -> int:
    remove_leftovers(site_dir)
    staging = new_staging_dir(site_dir)
    say(f"构建{'内网' if audience == 'internal' else '公开'}网站 → {site_dir}/（先写入临时文件夹，成功后再替换）")
    in_main_thread = threading.current_thread() is threading.main_thread()
    INTERRUPTED.clear()
    if in_main_thread:  # a CI job's cancel (SIGTERM) as Ctrl-C; each remembered (INTERRUPTED)
        previous = {number: signal.signal(number, _raise_interrupt) for number in (signal.SIGTERM, signal.SIGINT)}
    scratch = scratch_dir(staging)
    scratch.mkdir()
    try:
        code = run_mkdocs(config_file, staging, audience=audience, strict=strict, scratch=scratch)
    except KeyboardInterrupt:
        INTERRUPTED.set()  # (one that came outside our handler, in a thread's build)
        code = 130
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if in_main_thread:
            for number, handler in previous.items():
                signal.signal(number, handler)
    if INTERRUPTED.is_set():  # also one something swallowed on its way (a generator closed by the GC)
        shutil.rmtree(staging, ignore_errors=True)
        say(f"构建被中断。{_kept(site_dir)}")
        return 130
    if code != 0 or not (staging / "index.html").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        hint = ("运行 make check（没有 make 时：python3 start.py check，Windows 上 py start.py check）"
                "可逐条查看和改正。") if strict else ""
        say(f"构建失败（见上方信息）。{_kept(site_dir)}{hint}")
        return code or 1
    try:
        swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # swapped in: gone already; not: not left behind
    say(f"完成：{site_dir}/ 已更新")
    return 0


def _in_chinese(message: str) -> str:
    """MkDocs' reasons for stopping a build, as editors read them; others as they are."""
    warnings = re.fullmatch(r"Aborted with (\d+) warnings? in strict mode!", message.strip())
    if warnings:
        return f"有 {warnings.group(1)} 条警告，构建已停止（发布构建中警告也算失败）。"
    errors = re.fullmatch(r"Aborted with (\d+) configuration errors?!", message.strip())
    if errors:
        return f"mkdocs.yml 里有 {errors.group(1)} 处写法不对（见上方信息），构建已停止。"
    if message.strip() == "Aborted with a BuildError!":
        return ""  # its reason is logged above it, and brandsite build says next that it failed
    return message


def run_mkdocs(config_file: Path, site_dir: Path, *, audience: str, strict: bool, scratch: Path | None = None) -> int:
    """`mkdocs build` in this process, as its command line runs it (load the config, the startup
    and shutdown events around the build), with the log in Chinese (buildlog) and its exit codes."""
    import click
    from mkdocs.commands.build import build as build_site
    from .buildlog import in_chinese
    from .configcheck import load_config  # MkDocs', refusing a file with a tag that runs code

    # Material prints a long banner that buries the content problems.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    saved = {name: os.environ.get(name) for name in ("BRANDSITE_AUDIENCE", "BRANDSITE_SCRATCH")}
    os.environ["BRANDSITE_AUDIENCE"] = audience
    if scratch is not None:
        os.environ["BRANDSITE_SCRATCH"] = str(scratch)
    try:
        with in_chinese():
            config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build_site(config, dirty=False)
            finally:
                config.plugins.on_shutdown()
    except click.exceptions.Abort:  # click's form of KeyboardInterrupt
        raise KeyboardInterrupt from None
    except click.ClickException as exc:  # mkdocs' Abort and ConfigurationError: the problems are logged above it
        if said := _in_chinese(exc.format_message()):
            click.echo(said, err=True)
        return exc.exit_code or 1
    except Exception:
        traceback.print_exc()
        return 1
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return 0


@contextlib.contextmanager
def address(audience: str, say: Callable[[str], None]):
    """Around the intranet build of `brandsite zip`: SITE_URL (which the sample's mkdocs.yml reads
    site_url from) is INTERNAL_SITE_URL when that is set, as in the CI files; both zips had the
    public site's address in their sitemaps and posters' QR codes."""
    internal, before = os.environ.get("INTERNAL_SITE_URL", "").strip(), os.environ.get("SITE_URL")
    if audience != "internal" or not internal:
        if audience == "internal" and before:
            say(f"提示：内网网站也用 SITE_URL 的地址（{before}）构建。内网网站的地址不同时，"
                "请同时写上 INTERNAL_SITE_URL=内网网站的地址")
        yield
        return
    os.environ["SITE_URL"] = internal
    try:
        yield
    finally:
        os.environ.pop("SITE_URL", None) if before is None else os.environ.update(SITE_URL=before)


def swap(new: Path, target: Path) -> None:
    """Put `new` where `target` is. The old copy is removed only after the new one is in place."""
    old = target.with_name(f".site-{target.name}-previous")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)  # the last good site back in its place
        raise
    shutil.rmtree(old, ignore_errors=True)


def _kept(site_dir: Path) -> str:
    if site_dir.exists():
        return f"上一次成功构建的 {site_dir}/ 保持不变。"
    return f"{site_dir}/ 没有被创建。"


# Set by an interrupt during a build, so that one that was caught and dropped on its way still
# stops the swap (Python drops an exception raised while the GC closes a generator).
INTERRUPTED = threading.Event()


def _raise_interrupt(signum, frame):
    INTERRUPTED.set()
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


def stop_preview_as_ctrl_c() -> None:
    """`mkdocs serve` removes its temporary copy of the site (a mkdocs_… folder, the whole site)
    when Ctrl+C stops it, not when the process is told to end: a closed terminal window
    (SIGHUP), a service manager or a launcher (SIGTERM) left one behind each time. Those two
    end the preview as Ctrl+C does, unless something else already handles them."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, _raise_interrupt)


def _bind(host: str, port: int) -> None:
    """Bind host:port as the preview's server would, and let it go; OSError when it cannot."""
    import socket

    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    with socket.socket(family, kind, proto) as probe:
        if os.name != "nt":  # as the preview's server does; on Windows it would share a port in use
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)


def _bindable(host: str, port: int) -> bool:
    try:
        _bind(host, port)
    except OSError:
        return False
    return True


def port_free(host: str, port: int) -> None:
    """Raise BrandsiteError in Chinese when the preview's address is taken (another preview still
    running): MkDocs binds it only after the first build, printed its traceback in English after
    the plugin had said the preview was ready, and the browser went on showing the other one."""
    try:
        _bind(host, port)
    except OSError as exc:
        if exc.errno not in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)):
            why = {errno.EADDRNOTAVAIL: f"本机没有 {host} 这个地址", errno.EACCES: f"没有权限使用端口 {port}",
                   errno.EPERM: f"没有权限使用端口 {port}"}.get(exc.errno, exc.strerror or str(exc))
            raise BrandsiteError(f"预览无法在 {host}:{port} 上启动：{why}。请用本机地址和 1024 以上的端口，"
                                 "例如 make serve HOST=127.0.0.1:8000") from None
        other = f"{host}:{next((p for p in range(port + 1, min(port + 50, 65536)) if _bindable(host, p)), port + 1)}"  # one free now
        raise BrandsiteError(
            f"{host}:{port} 已被占用，预览无法启动：可能另一个预览还开着，请先在它的窗口按 Ctrl+C 结束它。"
            f"也可以换一个端口：make serve HOST={other}（没有 make 时：py start.py serve --dev-addr {other}，"
            f"Windows 以外用 python3），然后打开 http://{other}/") from None
