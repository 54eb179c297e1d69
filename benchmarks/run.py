"""Build and search benchmark: brandsite against plain mkdocs-material, same run.

    python benchmarks/run.py --brands 100 1000 --repeat 3 [--write benchmarks/RESULTS.md]

For each N, synth.py writes N synthetic brands (with cases). The baseline is
plain mkdocs-material (its default search plugin, no jieba) building the same
number of Markdown pages with the same prose, out of the nav. Material's search
segments Chinese with jieba whenever jieba can be imported, which would make the
baseline depend on what else happens to be installed (jieba costs it about 8 s at
1,000 brands); the baseline's process blocks that import, so it always measures the
default search that a fresh install of this project gets. Every build is a
fresh subprocess; builds of the two sites are interleaved so that drift on a
shared machine hits both alike, and we report medians and ratios.

The brandsite site is built the way `make build` builds it: `brandsite build`
(publish.build: a full build into a staging folder, swapped in on success), with
`strict` off because the synthetic brands carry near-duplicate warnings. The
baseline is `mkdocs build`.

- cold: the site folder and every cache removed first;
- warm: the same build again, site folder and caches left in place (for brandsite,
  a full build that finds its images, posters and logo checks cached: what an
  editor's next `make build` costs);
- peak memory: the largest resident set among the build's processes
  (mkdocs and the Pagefind binary), from getrusage of a wrapper process;
- output: total size of the site, and the largest HTML page;
- search KB: compressed bytes a visitor downloads for a first query, measured
  in Chromium from the requests the site makes (Pagefind's own files are
  stored gzip-compressed; scripts are counted gzip-compressed, as a server
  sends them). Median and maximum over QUERIES.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import http.server
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("BRANDSITE_CHROMIUM", "/usr/bin/chromium")
QUERIES = ["青禾连心驿站", "连心", "党员", "暖心服务", "供电公司", "基层治理最后一公里"]

# Runs one build and reports its wall time and the peak RSS of its processes.
CHILD = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run([sys.executable, *sys.argv[2:]], cwd=sys.argv[1], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
print(json.dumps({"s": wall, "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def brandsite_project(work: Path, brands: int, photos: int) -> Path:
    return synth.project(work / "brandsite", brands, photos=photos)


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
    (project / "mkdocs.yml").write_text(synth.site_yml(["search"]), encoding="utf-8")
    return project


def clean(project: Path) -> None:
    for name in ("site", ".cache"):
        shutil.rmtree(project / name, ignore_errors=True)
    for staging in project.glob(".site-*"):  # a build's staging folders
        shutil.rmtree(staging, ignore_errors=True)


# `make build` for the brandsite site (brandsite build, without --strict), `mkdocs build` for the baseline.
BRANDSITE_BUILD = ["-c", "import sys; from pathlib import Path; from brandsite import publish; "
                         "sys.exit(publish.build(Path('site'), audience='public', strict=False, say=lambda m: None))"]
# jieba blocked: see the module docstring.
MKDOCS_BUILD = ["-c", "import sys; sys.modules['jieba'] = None; from mkdocs.__main__ import cli; cli(['build', '-q'])"]


def build(project: Path) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = BRANDSITE_BUILD if project.name == "brandsite" else MKDOCS_BUILD
    out = subprocess.run([sys.executable, "-c", CHILD, str(project), *command], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def wire_bytes(site: Path, url_path: str) -> int:
    file = site / url_path.lstrip("/")
    data = file.read_bytes()
    if file.suffix in (".js", ".json", ".css", ".html"):
        return len(gzip.compress(data, 9))
    return len(data)  # pagefind's .pf_* and wasm files are stored compressed


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def search_bytes(site: Path) -> list[float] | None:
    """KB fetched for a first query, per query, each in a fresh browser context."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for query in QUERIES:
                context = browser.new_context()
                page = context.new_page()
                page.goto(base)
                # polled with evaluate: the pages' Content-Security-Policy forbids wait_for_function's eval
                while not page.evaluate("() => !!window.brandsiteSearch"):
                    page.wait_for_timeout(20)
                seen: list[str] = []
                page.on("request", lambda r: seen.append(urlsplit(r.url).path))
                page.evaluate("q => window.brandsiteSearch.search(q, {}, 5)", query)
                fetched = [u for u in dict.fromkeys(seen) if "/pagefind/" in u]
                # the search script itself, loaded with every page
                fetched.append("/assets/brandsite/search.js")
                out.append(sum(wire_bytes(site, u) for u in fetched) / 1024)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def bench(n: int, repeat: int, photos: int, baseline: bool = True, warm: bool = True) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours = brandsite_project(work, n, photos)
        base = baseline_project(work, n)
        runs: dict[str, list[dict]] = {"base_cold": [], "ours_cold": [], "base_warm": [], "ours_warm": []}
        nan = {"s": float("nan"), "rss_mb": float("nan")}
        for _ in range(repeat):  # interleaved, so drift hits both alike
            for key, project in (("base", base), ("ours", ours)):
                if key == "base" and not baseline:
                    runs["base_cold"].append(nan)
                    runs["base_warm"].append(nan)
                    continue
                clean(project)
                runs[f"{key}_cold"].append(build(project))
                runs[f"{key}_warm"].append(build(project) if warm else nan)
        med = {k: statistics.median(r["s"] for r in v) for k, v in runs.items()}
        rss = {k: max(r["rss_mb"] for r in v) for k, v in runs.items()}
        pages = list((ours / "site").rglob("*.html"))
        largest = max(pages, key=lambda p: p.stat().st_size)
        searched = search_bytes(ours / "site")
        base_index = base / "site/search/search_index.json"
        return {
            "brands": n,
            "pages": len(pages),
            "base_cold_s": med["base_cold"], "ours_cold_s": med["ours_cold"],
            "base_warm_s": med["base_warm"], "ours_warm_s": med["ours_warm"],
            "cold_ratio": med["ours_cold"] / med["base_cold"],
            "warm_ratio": med["ours_warm"] / med["base_cold"],
            "base_peak_mb": max(rss["base_cold"], rss["base_warm"]),
            "ours_peak_mb": max(rss["ours_cold"], rss["ours_warm"]),
            "site_mb": size(ours / "site") / 1e6,
            "base_site_mb": size(base / "site") / 1e6,
            "pagefind_mb": size(ours / "site/pagefind") / 1e6,
            "largest_page_kb": largest.stat().st_size / 1024,
            "largest_page": str(largest.relative_to(ours / "site")),
            "base_index_gz_kb": len(gzip.compress(base_index.read_bytes(), 6)) / 1024 if base_index.exists() else 0,
            "search_kb_median": statistics.median(searched) if searched else None,
            "search_kb_max": max(searched) if searched else None,
            "repeat": repeat,
        }


HEADER = (f"{'brands':>7} {'base cold s':>11} {'ours cold s':>11} {'ratio':>6} {'base warm s':>11} {'ours warm s':>11} "
          f"{'warm/base':>9} {'peak MB':>8} {'base MB':>8} {'site MB':>8} {'largest KB':>10} {'search KB':>10}")


def row(r: dict) -> str:
    search = f"{r['search_kb_median']:.0f}/{r['search_kb_max']:.0f}" if r["search_kb_median"] is not None else "n/a"
    return (f"{r['brands']:>7} {r['base_cold_s']:>11.2f} {r['ours_cold_s']:>11.2f} {r['cold_ratio']:>6.2f} "
            f"{r['base_warm_s']:>11.2f} {r['ours_warm_s']:>11.2f} {r['warm_ratio']:>9.2f} {r['ours_peak_mb']:>8.0f} "
            f"{r['base_peak_mb']:>8.0f} {r['site_mb']:>8.1f} {r['largest_page_kb']:>10.0f} {search:>10}")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def write_results(path: Path, results: list[dict]) -> None:
    """Append this run's table to RESULTS.md, newest last."""
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## Run of {today}",
        "",
        f"Machine: {machine()}. Medians of {results[0]['repeat']} builds each; ratios are brandsite / baseline "
        "(warm/base divides the warm rebuild by the baseline's cold build). Search KB: median/max over "
        f"{len(QUERIES)} first queries ({'、'.join(QUERIES)}).",
        "",
        "| brands | HTML pages | baseline cold s | brandsite cold s | cold ratio | brandsite warm s | warm / baseline | "
        "peak MB (baseline) | site MB (of it Pagefind) | largest page | search KB median / max | baseline search_index.json gz |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for r in results:
        search = f"{r['search_kb_median']:.0f} / {r['search_kb_max']:.0f}" if r["search_kb_median"] is not None else "n/a"
        lines.append(
            f"| {r['brands']} | {r['pages']} | {r['base_cold_s']:.2f} | {r['ours_cold_s']:.2f} | {r['cold_ratio']:.2f} | "
            f"{r['ours_warm_s']:.2f} | {r['warm_ratio']:.2f} | {r['ours_peak_mb']:.0f} ({r['base_peak_mb']:.0f}) | "
            f"{r['site_mb']:.1f} ({r['pagefind_mb']:.1f}) | {r['largest_page_kb']:.0f} KB `{r['largest_page']}` | {search} | "
            f"{r['base_index_gz_kb']:.0f} KB |")
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\nWritten by `make bench` (benchmarks/run.py).\n"
    path.write_text(text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="brandsite build and search benchmark")
    parser.add_argument("--brands", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--photos", type=int, default=0)
    parser.add_argument("--write", type=Path, help="append the results to this Markdown file")
    parser.add_argument("--json", action="store_true", help="also print each result as JSON")
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline builds (ratios become nan)")
    parser.add_argument("--cold-only", action="store_true", help="skip the warm rebuilds")
    args = parser.parse_args()
    print(f"# {machine()}", flush=True)
    print(HEADER, flush=True)
    results = []
    for n in args.brands:
        result = bench(n, args.repeat, args.photos, baseline=not args.no_baseline, warm=not args.cold_only)
        results.append(result)
        print(row(result), flush=True)
        if args.json:
            print(json.dumps(result, ensure_ascii=False), flush=True)
    if args.write:
        write_results(args.write, results)


if __name__ == "__main__":
    main()
