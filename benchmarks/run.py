"""Build-time benchmark: brandsite against plain mkdocs-material, same process tree.

    python benchmarks/run.py --brands 1000 --repeat 3

The baseline is mkdocs-material building the same number of Markdown pages
(the brand pages' own text), out of the nav, with the same search settings.
Each build runs in a fresh `mkdocs build` subprocess; we report medians and
the ratio brandsite / baseline, which is what survives a noisy machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]

SITE_YML = """\
site_name: 基准
theme: {{name: material, language: zh, font: false}}
plugins:
  - search: {{lang: zh}}
{extra}
nav:
  - index.md
"""


def brandsite_project(work: Path, brands: int, photos: int) -> Path:
    project = work / "brandsite"
    synth.generate(project, brands, photos)
    (project / "docs").mkdir()
    (project / "docs/index.md").write_text("# 首页\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(SITE_YML.format(extra="  - brandsite"), encoding="utf-8")
    return project


def baseline_project(work: Path, brands: int) -> Path:
    """The same count of pages, as plain Markdown, with the same prose."""
    project = work / "baseline"
    docs = project / "docs"
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    src = work / "brandsite/brands"
    for folder in sorted(src.iterdir()):
        yml = (folder / "brand.yml").read_text(encoding="utf-8")
        body = "\n\n".join(line.strip() for line in yml.splitlines() if line.startswith("  "))
        (docs / "pages" / f"{folder.name}.md").write_text(f"# {folder.name}\n\n{body}\n", encoding="utf-8")
        for case in sorted((folder / "cases").glob("*.md")):
            (docs / "pages" / f"{folder.name}-{case.stem}.md").write_text(case.read_text(encoding="utf-8"), encoding="utf-8")
    (project / "mkdocs.yml").write_text(SITE_YML.format(extra="") + "validation: {omitted_files: ignore}\n", encoding="utf-8")
    return project


def timed_build(project: Path) -> float:
    shutil.rmtree(project / "site", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(MKDOCS + ["build", "-q"], cwd=project, check=True)
    return time.perf_counter() - start


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description="brandsite build benchmark")
    parser.add_argument("--brands", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--photos", type=int, default=0)
    args = parser.parse_args()
    print(f"{'brands':>7} {'baseline s':>11} {'brandsite s':>12} {'ratio':>6} {'site MB':>8} {'largest page KB':>16}")
    for n in args.brands:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            ours = brandsite_project(work, n, args.photos)
            base = baseline_project(work, n)
            base_times, our_times = [], []
            for _ in range(args.repeat):  # interleaved, so drift hits both alike
                base_times.append(timed_build(base))
                our_times.append(timed_build(ours))
            b, o = statistics.median(base_times), statistics.median(our_times)
            largest = max((p.stat().st_size for p in (ours / "site").rglob("*.html")), default=0)
            print(f"{n:>7} {b:>11.2f} {o:>12.2f} {o / b:>6.2f} {size(ours / 'site') / 1e6:>8.1f} {largest / 1024:>16.0f}",
                  flush=True)


if __name__ == "__main__":
    main()
