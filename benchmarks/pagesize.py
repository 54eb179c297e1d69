"""Largest output pages at N synthetic brands, for the public and the internal build.

    python benchmarks/pagesize.py --brands 10000 [--work DIR] [--page-size 60]

synth.py writes the brands; this script then gives them what makes listing
pages grow besides the brand count: clusters (a share of brands in a few big
clusters), many regions, and some internal brands. Posters and share cards
are off (they do not change any page). It prints the largest HTML pages of
each build, the largest page of each listing kind, and the size of the
gallery's card data (raw and gzip), as Markdown for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

LIMIT = 100 * 1024

NAV = [{"首页": "index.md"}, {"品牌展示": "brands/index.md"}, {"品牌集群": "clusters/index.md"}, {"数据看板": "stats/index.md"}]
CLUSTERS = ["红色引擎", "先锋矩阵", "连心共建", "产业链党建", "网格红盟", "清风廉洁"]


def project(work: Path, brands: int, page_size: int, *, clusters: float, regions: int, internal: float, seed: int = 7) -> Path:
    """Synthetic brands plus clusters, many regions and internal brands."""
    root = synth.project(work / "site-src", brands, options={"posters": False, "share_cards": False, "gallery_page_size": page_size},
                         nav=NAV, features=["navigation.instant", "navigation.tabs"])
    rng = random.Random(seed)
    for folder in sorted((root / "brands").iterdir()):
        yml = folder / "brand.yml"
        text = yml.read_text(encoding="utf-8")
        place = re.search(r"^region: (.+)$", text, re.M).group(1)
        text = re.sub(r"^region: .+$", f"region: {place}第{rng.randrange(regions // 12 or 1) + 1}片区", text, flags=re.M)
        if rng.random() < clusters:
            text += f"cluster: {rng.choice(CLUSTERS)}\n"
        if rng.random() < internal:
            text += "visibility: internal\n"
        yml.write_text(text, encoding="utf-8")
    return root


def build(root: Path, audience: str) -> tuple[Path, float]:
    site = root / f"site-{audience}"
    env = dict(os.environ, BRANDSITE_AUDIENCE=audience, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=root, env=env, check=True)
    return site, time.perf_counter() - start


def kind(rel: str) -> str:
    if rel == "brands/index.html" or rel.startswith("brands/page/"):
        return "gallery"
    if rel.startswith("clusters/"):
        return "cluster"
    if rel.startswith("review/"):
        return "review"
    if rel.startswith("stats/"):
        return "stats"
    if "/cases/" in rel:
        return "case"
    if rel.startswith("brands/"):
        return "brand"
    return "other"


def report(site: Path, audience: str, seconds: float, top: int = 5) -> list[str]:
    pages = sorted(((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")), reverse=True)
    over = [rel for size, rel in pages if size > LIMIT]
    lines = [f"### {audience} build ({len(pages)} HTML pages, {seconds:.0f} s)", "",
             f"Pages over 100 KB: {len(over)}{' (' + ', '.join(over[:5]) + ')' if over else ''}", "",
             "| largest pages | KB |", "| --- | ---: |"]
    lines += [f"| `{rel}` | {size / 1024:.1f} |" for size, rel in pages[:top]]
    lines += ["", "| largest of each kind | page | KB |", "| --- | --- | ---: |"]
    seen = set()
    for size, rel in pages:
        k = kind(rel)
        if k not in seen:
            seen.add(k)
            lines.append(f"| {k} | `{rel}` | {size / 1024:.1f} |")
    cards = site / "brands/cards.json"
    if cards.is_file():
        raw = cards.read_bytes()
        lines += ["", f"`brands/cards.json`: {len(raw) / 1024:.0f} KB, {len(gzip.compress(raw, 6)) / 1024:.0f} KB gzip"]
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brands", type=int, default=1000)
    parser.add_argument("--page-size", type=int, default=60)
    parser.add_argument("--clusters", type=float, default=0.3, help="share of brands in a cluster")
    parser.add_argument("--regions", type=int, default=240)
    parser.add_argument("--internal", type=float, default=0.05, help="share of internal brands")
    parser.add_argument("--work", type=Path, help="keep the project here (default: a temporary folder)")
    parser.add_argument("--audiences", nargs="+", default=["public", "internal"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="brandsite-pagesize-") as tmp:
        work = args.work or Path(tmp)
        root = project(work, args.brands, args.page_size, clusters=args.clusters, regions=args.regions, internal=args.internal)
        print(f"## Page sizes at {args.brands} brands (page size {args.page_size})\n")
        for audience in args.audiences:
            try:
                site, seconds = build(root, audience)
            except subprocess.CalledProcessError as exc:
                print(f"### {audience} build failed (exit {exc.returncode})\n", flush=True)
                continue
            print("\n".join(report(site, audience, seconds)), flush=True)


if __name__ == "__main__":
    main()
