"""Atomic builds: a failed or interrupted build keeps the last good site."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SITE_YML

# A hook that pauses in the middle of writing pages, so a test can interrupt
# the build at a known point rather than racing it.
PAUSE_HOOK = """\
import os, time
from pathlib import Path

def on_post_page(output, page, config, **kwargs):
    marker = os.environ.get("PAUSE_MARKER")
    # The first brand page written: builds are incremental, so which pages are written depends on the edit.
    if marker and page.file.src_uri.startswith("brands/"):
        Path(marker).write_text(config.site_dir)
        time.sleep(60)
    return output
"""


def brandsite(root: Path, *args, env=None, **kw):
    return subprocess.Popen([sys.executable, "-m", "brandsite.cli", "build", *args], cwd=root,
                            env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kw)


@pytest.fixture
def site_root(tree):
    tree.brand()
    tree.brand("hong-fan", **{"name: 连心桥": "name: 红帆"})
    root = tree.root
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (root / "hooks.py").write_text(PAUSE_HOOK, encoding="utf-8")
    (root / "mkdocs.yml").write_text(SITE_YML.format(audience="public") + "hooks:\n  - hooks.py\n", encoding="utf-8")
    proc = brandsite(root)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "完成:site/ 已更新" in err
    return tree


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_content_error_keeps_the_last_good_site(site_root):
    root = site_root.root
    before = snapshot(root / "site")
    assert "brands/hong-fan/index.html" in before
    yml = site_root.brands / "hong-fan" / "brand.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("category: 机关", "category: 街道"), encoding="utf-8")
    proc = brandsite(root)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1
    assert "brands/hong-fan/brand.yml:4: category(类别)的值“街道”不在本站的类别列表中" in err
    assert "构建失败(见上方信息)。上一次成功构建的 site/ 保持不变。" in err
    assert snapshot(root / "site") == before
    assert not list(root.glob(".site-*"))


def test_interrupted_build_keeps_the_last_good_site(site_root):
    root = site_root.root
    before = snapshot(root / "site")
    (site_root.brands / "hong-fan" / "story.md").write_text("新的故事 NEW-STORY\n", encoding="utf-8")
    marker = root / "paused"
    proc = brandsite(root, env={"PAUSE_MARKER": str(marker)})
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the build never reached the gallery page"
        time.sleep(0.1)
    staging = Path(marker.read_text())
    assert staging.name == ".site-site-building" and staging.is_dir()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "构建被中断。上一次成功构建的 site/ 保持不变。" in err
    assert snapshot(root / "site") == before
    assert not staging.exists()


def test_internal_audience_builds_into_its_own_folder(site_root):
    root = site_root.root
    proc = brandsite(root, env={"BRANDSITE_AUDIENCE": "internal"})
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert (root / "site-internal" / "index.html").is_file()
    assert (root / "site" / "index.html").is_file()


def test_swap_replaces_a_previous_site_completely(tmp_path):
    from brandsite.publish import swap

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "stale.html").write_text("old")
    new = tmp_path / ".site-site-building"
    new.mkdir()
    (new / "index.html").write_text("new")
    swap(new, tmp_path / "site")
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_audience_option_in_mkdocs_yml_is_honoured(site_root):
    root = site_root.root
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("audience: public", "audience: internal"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "BRANDSITE_AUDIENCE"}
    proc = subprocess.Popen([sys.executable, "-m", "brandsite.cli", "build"], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "构建内网网站 → site-internal/" in err
    assert (root / "site-internal" / "index.html").is_file()
