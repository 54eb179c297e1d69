"""The exit path: the sample site builds under ProperDocs (the continuation of
MkDocs 1.x) with the same pages as under MkDocs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.pagediff import differences
from tests.conftest import copy_sample

BIN = Path(sys.executable).parent


def build(root: Path, tool: str, out: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(BIN / tool), "build", "-f", "mkdocs.yml", "-d", out, "--strict"], cwd=root, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]


def test_properdocs_builds_the_same_pages_as_mkdocs(tmp_path):
    if not (BIN / "properdocs").exists():
        pytest.skip("properdocs is not installed (make test installs it)")
    root = copy_sample(tmp_path)
    build(root, "mkdocs", "site-mkdocs")
    build(root, "properdocs", "site-properdocs")
    brand_pages = list((root / "site-properdocs" / "brands").glob("*/index.html"))
    assert len(brand_pages) >= 10  # the plugin ran: Zensical, for one, would silently skip it
    assert differences(root / "site-mkdocs", root / "site-properdocs") == []
