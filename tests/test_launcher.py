"""Every desktop, no make: `brandsite serve` and start.py, the launcher that sets itself up."""

from __future__ import annotations

import importlib.util
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from pathlib import Path

from tests.conftest import ROOT, SITE_YML

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_brandsite_serve_previews_with_livereload_and_dirty_rebuilds(tree):
    tree.brand()
    (tree.root / "docs").mkdir()
    (tree.root / "docs" / "index.md").write_text("# 首页\n\n测试首页。\n", encoding="utf-8")
    (tree.root / "mkdocs.yml").write_text(SITE_YML.format(audience="public\n      search: false"), encoding="utf-8")
    port = free_port()
    scratch = tree.root / "tmp"
    scratch.mkdir()
    env = {**os.environ, "BRANDSITE_CACHE_DIR": str(tree.root / ".cache"), "TMPDIR": str(scratch)}
    env.pop("NO_MKDOCS_2_WARNING", None)
    server = subprocess.Popen([str(BIN / "brandsite"), "serve", "--dev-addr", f"127.0.0.1:{port}", "--audience", "internal"],
                              cwd=tree.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True)
    reader.start()
    try:
        page = fetch(f"http://127.0.0.1:{port}/dangjian/brands/lian-xin-qiao/")
        assert "连心桥" in page
        assert "livereload" in page  # MkDocs injects its reload script only with live reload on
        # The same options as `make serve`: dirty rebuilds, the internal audience asked for.
        (tree.brands / "lian-xin-qiao" / "brand.yml").write_text(
            (tree.brands / "lian-xin-qiao" / "brand.yml").read_text(encoding="utf-8").replace("连民心 解民忧", "连民心 暖民心"),
            encoding="utf-8")
        deadline = time.monotonic() + 60
        while "暖民心" not in fetch(f"http://127.0.0.1:{port}/dangjian/brands/lian-xin-qiao/"):
            assert time.monotonic() < deadline, "the page was not rebuilt after saving brand.yml"
            time.sleep(0.3)
        # brands/ moved away and back (restored from the Recycle Bin): saves in it were no longer seen
        away = tree.root / "away"
        tree.brands.rename(away)
        time.sleep(2.5)
        away.rename(tree.brands)
        deadline = time.monotonic() + 30
        while not any("文件夹换过了" in line for line in lines):
            assert time.monotonic() < deadline, "".join(lines)[-2000:]
            time.sleep(0.3)
        (tree.brands / "lian-xin-qiao" / "brand.yml").write_text(
            (tree.brands / "lian-xin-qiao" / "brand.yml").read_text(encoding="utf-8").replace("暖民心", "聚民心"), encoding="utf-8")
        deadline = time.monotonic() + 30
        while "聚民心" not in fetch(f"http://127.0.0.1:{port}/dangjian/brands/lian-xin-qiao/"):
            assert time.monotonic() < deadline, "the page was not rebuilt after brands/ came back"
            time.sleep(0.3)
        # mkdocs.yml saved with a Chinese colon: MkDocs prints its English traceback; then the
        # plugin says in Chinese what is wrong and where, and the preview recovers once it is fixed.
        config = tree.root / "mkdocs.yml"
        good = config.read_text(encoding="utf-8")
        config.write_text(good.replace("site_name: ", "site_name：", 1), encoding="utf-8")
        deadline = time.monotonic() + 60
        while not any("更新预览时出错（见上方）" in line for line in lines):
            assert time.monotonic() < deadline, "".join(lines)[-2000:]
            time.sleep(0.3)
        config.write_text(good.replace("测试", "测验"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while "测验" not in fetch(f"http://127.0.0.1:{port}/dangjian/"):
            assert time.monotonic() < deadline, "the preview did not recover after mkdocs.yml was fixed"
            time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)
        reader.join(timeout=10)
        output = "".join(lines)
    # the log in Chinese (make serve runs brandsite serve): MkDocs' routine lines left out or said in Chinese
    assert "Serving on" not in output and "INFO" not in output and "brandsite: " not in output, output[-3000:]
    assert "正在生成预览……" in output and "发现文件改动，正在更新预览……" in output and "预览已更新" in output
    # the address, in Chinese, with what to do
    assert f"预览已就绪：用浏览器打开 http://127.0.0.1:{port}/dangjian/ 。" in output, output[-2000:]
    assert "内网网站：" in output and "个品牌" in output
    assert "增量构建" in output  # --dirty: the save rebuilt only the pages it changed
    assert "MkDocs 2.0" not in output  # Material's end-of-life banner stays quiet, as in make serve
    told = output.index("mkdocs.yml:1: 错误：“site_name”后面是中文冒号“：”")
    assert output.index("ScannerError") < told < output.index("更新预览时出错（见上方）。改正之前预览的页面打不开"), output[-3000:]
    assert "改正 mkdocs.yml 并保存后，预览会自动恢复" in output and "说的也是这个问题" in output
    # Told to end (SIGTERM, as a launcher or a closed window does), the preview removes its
    # temporary copy of the site as Ctrl+C does.
    assert server.returncode == 0 and not list(scratch.glob("mkdocs_*"))


def launcher():
    spec = importlib.util.spec_from_file_location("start", ROOT / "start.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_start_py_help_needs_no_setup(tmp_path):
    import shutil

    shutil.copy(ROOT / "start.py", tmp_path / "start.py")
    result = subprocess.run([sys.executable, "start.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in ("serve", "check", "new", "build", "print", "form", "leaks", "zip"):
        assert f"\n  {command} " in result.stdout, command
    assert not (tmp_path / ".venv").exists()


def test_start_py_runs_brandsite_in_the_projects_venv():
    result = subprocess.run([sys.executable, str(ROOT / "start.py"), "check", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("用法：brandsite check")


def test_start_py_finds_the_venv_on_windows_and_elsewhere(monkeypatch):
    start = launcher()
    monkeypatch.setattr(start.os, "name", "nt")
    assert start.venv_python() == ROOT / ".venv" / "Scripts" / "python.exe" and start.launcher() == "py"
    monkeypatch.setattr(start.os, "name", "posix")
    assert start.venv_python() == ROOT / ".venv" / "bin" / "python" and start.launcher() == "python3"


def test_a_preview_told_to_end_during_its_first_build_leaves_no_temporary_site(tree):
    """`make serve`'s command (mkdocs serve) stopped by SIGTERM while it builds: MkDocs removes its
    temporary copy of the site as after Ctrl+C (a big site's first build takes minutes)."""
    for n in range(12):
        tree.brand(f"pin-pai-{n}", **{"name: 连心桥": f"name: 连心桥{n}号"})
    (tree.root / "docs").mkdir()
    (tree.root / "docs" / "index.md").write_text("# 首页\n\n测试首页。\n", encoding="utf-8")
    (tree.root / "mkdocs.yml").write_text(SITE_YML.format(audience="public"), encoding="utf-8")
    scratch = tree.root / "tmp"
    scratch.mkdir()
    env = {**os.environ, "BRANDSITE_CACHE_DIR": str(tree.root / ".cache"), "TMPDIR": str(scratch)}
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--livereload", "--dirty", "--dev-addr", f"127.0.0.1:{free_port()}"],
                              cwd=tree.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        seen = []
        for line in server.stdout:  # the plugin is loaded and the first build has begun
            seen.append(line)
            if "Building documentation" in line:
                break
        assert list(scratch.glob("mkdocs_*")), seen
        server.terminate()
        rest = server.communicate(timeout=60)[0]
    finally:
        if server.poll() is None:
            server.kill()
    assert "Serving on" not in "".join(seen) + rest  # stopped within the first build
    assert not list(scratch.glob("mkdocs_*")), "".join(seen) + rest


def test_a_preview_on_a_taken_port_stops_at_once_in_chinese(tree):
    """Another preview on the port: MkDocs bound it only after the first build, so the plugin said
    the preview was ready, then came an English traceback, and the browser showed the other one."""
    tree.brand()
    (tree.root / "docs").mkdir()
    (tree.root / "docs" / "index.md").write_text("# 首页\n\n测试首页。\n", encoding="utf-8")
    (tree.root / "mkdocs.yml").write_text(SITE_YML.format(audience="public\n      search: false"), encoding="utf-8")
    with socket.socket() as taken, socket.socket() as next_one:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        try:  # the next port taken too: the port offered instead is one free now (it offered port + 1 unseen)
            next_one.bind(("127.0.0.1", port + 1))
            next_one.listen()
        except OSError:
            pass  # taken already
        for command in ([str(BIN / "mkdocs"), "serve"], [str(BIN / "brandsite"), "serve"]):
            out = subprocess.run([*command, "--dev-addr", f"127.0.0.1:{port}"], cwd=tree.root, capture_output=True,
                                 text=True, timeout=120, env={**os.environ, "BRANDSITE_CACHE_DIR": str(tree.root / ".cache")})
            said = out.stdout + out.stderr
            assert out.returncode != 0, said
            offered = re.search(r"make serve HOST=127\.0\.0\.1:(\d+)", said)
            assert f"127.0.0.1:{port} 已被占用，预览无法启动" in said and offered and int(offered.group(1)) > port + 1, said
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", int(offered.group(1))))  # free
            assert "预览已就绪" not in said and "Traceback" not in said, said
            assert "构建出错" not in said, said  # nothing was built: the preview did not start
        assert said.rstrip().endswith("预览没有启动（原因见上方）。"), said  # brandsite serve's own last line



def test_a_preview_on_an_address_this_computer_lacks_is_told_so(tree):
    """Any failure to take the address was reported as a port in use, with another port to try."""
    import pytest

    from brandsite.errors import BrandsiteError
    from brandsite.publish import port_free

    with pytest.raises(BrandsiteError, match="预览无法在 192.0.2.1:8741 上启动：本机没有 192.0.2.1 这个地址"):
        port_free("192.0.2.1", 8741)


def test_start_py_stopped_by_a_task_runner_stops_the_preview_too():
    """A task runner stops `start.py serve` with SIGTERM: the launcher ended and its preview went
    on, holding the port, so the next `serve` said the port was taken."""
    import shutil
    import signal
    import socket
    import time

    if not shutil.which("pgrep"):
        pytest.skip("no pgrep to look for the preview's process")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"127.0.0.1:{port}"
    launcher = subprocess.Popen([sys.executable, str(ROOT / "start.py"), "serve", "--dev-addr", address], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):  # until the preview's own process has started
            if subprocess.run(["pgrep", "-f", f"brandsite serve --dev-addr {address}"], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the preview did not start")
        launcher.send_signal(signal.SIGTERM)
        launcher.wait(timeout=30)
        for _ in range(100):
            if subprocess.run(["pgrep", "-f", f"brandsite serve --dev-addr {address}"], capture_output=True).returncode != 0:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the preview went on after its launcher was stopped")
    finally:
        launcher.kill()
        subprocess.run(["pkill", "-f", f"brandsite serve --dev-addr {address}"])
