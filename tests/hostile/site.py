"""Build the hostile corpus for real, in a subprocess with a time limit, and scan the output."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

from tests.hostile.corpus import MARKER, brand, case_file, write_all

BIN = Path(sys.executable).parent
TIMEOUT = 600  # a hang is a failure, not a stuck test run
# Runs an installed command with a shorter time for drawing a logo (run's svg_seconds).
LAUNCH = Path(__file__).with_name("launch.py")

SITE_YML = """\
site_name: 对抗测试
site_url: https://example.org/hostile/
theme:
  name: material
  language: zh
  font: false
plugins:
  - brandsite:
      audience: {audience}
      posters: true
      share_cards: true
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - pymdownx.superfences
nav:
  - 首页: index.md
  - 品牌展示: brands/index.md
"""


def tree(root: Path, outcome: str) -> list:
    """Every case of `outcome` written into root/brands, with one clean brand beside them."""
    brands = root / "brands"
    brands.mkdir(parents=True, exist_ok=True)
    cases = write_all(brands, outcome)
    if outcome == "built":
        clean = brand(brands, "an-quan-ji-zhun", stage="命名", named={"date": "2021-12-20", "document": "测〔2021〕1号"})
        case_file(clean, "yi-jian-shi")
    return cases


def run(args: list[str], cwd: Path, env: dict | None = None, timeout: float = TIMEOUT,
        svg_seconds: float | None = None) -> subprocess.CompletedProcess:
    """The installed script args[0] with args[1:]; with svg_seconds, logos get that long to draw."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if svg_seconds is not None:
        args = [sys.executable, str(LAUNCH), str(svg_seconds), Path(args[0]).name, *args[1:]]
    return subprocess.run(args, cwd=cwd, env=environ, capture_output=True, text=True, timeout=timeout)


def check(root: Path, svg_seconds: float | None = None) -> subprocess.CompletedProcess:
    """`brandsite check --no-strict` (the built cases warn; their builds are not strict either)."""
    return run([str(BIN / "brandsite"), "check", "--no-strict", "brands"], root, svg_seconds=svg_seconds)


def build(root: Path, audience: str, *, strict: bool, svg_seconds: float | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build` of root/brands into root/site-<audience>."""
    docs = root / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text("# 首页\n\n对抗测试首页。\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(SITE_YML.format(audience=audience), encoding="utf-8")
    args = [str(BIN / "mkdocs"), "build", "-d", f"site-{audience}"] + (["--strict"] if strict else [])
    return run(args, root, svg_seconds=svg_seconds)


def leaks(site: Path, marker: str = MARKER) -> list[str]:
    """Files in the built site that carry `marker`: as text, inside gzip'd files, or in image metadata."""
    found = []
    needle = marker.encode()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            try:
                data = gzip.decompress(data)
            except OSError:
                pass
        if needle in data or needle in data.decode("utf-8", "ignore").encode("utf-16-le", "ignore"):
            found.append(path.relative_to(site).as_posix())
    return found
