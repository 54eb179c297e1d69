"""Cold and warm builds with the image pipeline, posters and share cards.

    python benchmarks/images.py --brands 1000 --photos 3 [--png-logos] [--no-posters] [--repeat 1]

A cold build starts with an empty `.cache/brandsite/`; a warm build keeps the
cache and rebuilds the site from scratch (site/ removed). Each build runs in
a fresh `mkdocs build` subprocess. Reported: medians, and warm / cold.
It also prints the image bytes a visitor of the gallery page downloads:
every card logo as it was before (the original file) and after (the 160 px
WebP that the srcset offers a 1x screen).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

MKDOCS = [sys.executable, "-m", "mkdocs"]

def project(work: Path, brands: int, photos: int, png_logos: bool, posters: bool, cards: bool) -> Path:
    synth.project(work, brands, photos=photos, options={"posters": posters, "share_cards": cards})
    if png_logos:
        import resvg_py

        for svg in (work / "brands").glob("*/logo.svg"):
            png = resvg_py.svg_to_bytes(svg_string=svg.read_text(encoding="utf-8"), width=512)
            svg.with_suffix(".png").write_bytes(bytes(png))
            svg.unlink()
            yml = svg.parent / "brand.yml"
            yml.write_text(yml.read_text(encoding="utf-8").replace("logo: logo.svg", "logo: logo.png"), encoding="utf-8")
    return work


def timed_build(root: Path, *, cold: bool) -> float:
    shutil.rmtree(root / "site", ignore_errors=True)
    if cold:
        shutil.rmtree(root / ".cache", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(MKDOCS + ["build", "-q"], cwd=root, check=True)
    return time.perf_counter() - start


def gallery_bytes(root: Path) -> tuple[int, int]:
    """(before, after): card logos as original files, and as the 160w WebP the srcset offers."""
    site = root / "site/brands"
    html = (site / "index.html").read_text(encoding="utf-8")
    before = after = 0
    for card in re.findall(r'<a class="bs-card".*?</a>', html, re.S):
        src = re.search(r'class="bs-card__logo" src="([^"]+)"', card).group(1)
        before += (root / "brands" / src).stat().st_size
        webp = re.search(r'<source type="image/webp" srcset="([^" ]+) ', card)
        after += (site / (webp.group(1) if webp else src)).stat().st_size
    return before, after


def main() -> None:
    parser = argparse.ArgumentParser(description="brandsite image pipeline: cold and warm builds")
    parser.add_argument("--brands", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--png-logos", action="store_true", help="raster logos instead of SVG")
    parser.add_argument("--no-posters", action="store_true")
    parser.add_argument("--no-cards", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp), args.brands, args.photos, args.png_logos, not args.no_posters, not args.no_cards)
        cold, warm = [], []
        for _ in range(args.repeat):
            cold.append(timed_build(root, cold=True))
            warm.append(timed_build(root, cold=False))
            print(f"cold {cold[-1]:.1f} s, warm {warm[-1]:.1f} s", flush=True)
        c, w = statistics.median(cold), statistics.median(warm)
        before, after = gallery_bytes(root)
        print(f"brands {args.brands}, photos {args.photos}, png logos {args.png_logos}, "
              f"posters {not args.no_posters}, cards {not args.no_cards}")
        print(f"median cold {c:.1f} s, median warm {w:.1f} s, warm/cold {w / c:.2f}")
        print(f"gallery logo bytes: before {before / 1024:.0f} KB, after {after / 1024:.0f} KB")


if __name__ == "__main__":
    main()
