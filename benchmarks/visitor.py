"""Visitor-side benchmark: what a phone downloads and how fast the page paints.

    make build && python benchmarks/visitor.py [--site site] [--repeat 3] [--lighthouse PATH]

The built site is served on 127.0.0.1 by a small static server that gzips text
(as any production web server does), so transfer sizes are the compressed ones.

1. Lighthouse (npm `lighthouse`, with CHROME_PATH=/usr/bin/chromium; default
   mobile emulation and simulated throttling) on the home, gallery and a brand
   page, when a lighthouse command is given or found: median of --repeat runs.
2. Playwright with Debian's Chromium at 375x740 (no throttling): compressed
   transfer of the first load, split into what is above the fold and the
   photos below it, and LCP from a PerformanceObserver: medians of --repeat runs.

Numbers are reported, not asserted: this is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("BRANDSITE_CHROMIUM", "/usr/bin/chromium")
PAGES = {"home": "", "gallery": "brands/", "brand": "brands/lin-li-hong-zhan/"}
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text is gzipped at level 6, as a production web server would."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.endswith(TEXT) and os.path.isfile(path)) or not self.path.split("?")[0].endswith(("/", *TEXT)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path):
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse_command(given: str | None) -> list[str] | None:
    if given:
        return [given]
    found = shutil.which("lighthouse")
    return [found] if found else None


def run_lighthouse(cmd: list[str], url: str, cpu_slowdown: float | None = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        env = dict(os.environ, CHROME_PATH=CHROMIUM)
        subprocess.run([*cmd, url, "--quiet", "--output=json", f"--output-path={out}",
                        "--only-categories=performance,accessibility,best-practices",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                        *([f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}"] if cpu_slowdown else [])],
                       env=env, check=True, timeout=300)
        report = json.loads(out.read_text())
    audits = report["audits"]
    return {
        **{k: round(v["score"] * 100) for k, v in report["categories"].items()},
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "benchmark_index": report["environment"]["benchmarkIndex"],
    }


LCP_JS = """() => new Promise(resolve => {
    let last = 0;
    new PerformanceObserver(list => { for (const e of list.getEntries()) last = e.startTime; })
        .observe({type: 'largest-contentful-paint', buffered: true});
    setTimeout(() => resolve(last), 300);
})"""

BELOW_FOLD_JS = """() => {
    const below = new Set();
    const above = new Set();
    for (const img of document.images) {
        if (!img.currentSrc) continue;
        (img.getBoundingClientRect().top >= window.innerHeight ? below : above).add(img.currentSrc);
    }
    return [...below].filter(u => !above.has(u));
}"""


def measure_first_load(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda r: responses.append(r))
    page.goto(url, wait_until="networkidle")
    lcp = page.evaluate(LCP_JS)
    below = set(page.evaluate(BELOW_FOLD_JS))
    sizes = {"above": 0, "below_images": 0, "search_index": 0}
    for request in responses:
        size = request.sizes()
        transferred = size["responseBodySize"] + size["responseHeadersSize"]
        if request.url in below:
            sizes["below_images"] += transferred
        elif request.url.endswith("search_index.json"):
            sizes["search_index"] += transferred   # fetched by the search worker after load
            sizes["above"] += transferred
        else:
            sizes["above"] += transferred
    context.close()
    return {"lcp_ms": lcp, **{k: v / 1024 for k, v in sizes.items()}, "requests": len(responses)}


def median_of(runs: list[dict]) -> dict:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lighthouse", help="path of the lighthouse command (npm i -E lighthouse@12.2.3)")
    parser.add_argument("--cpu-slowdown", type=float, action="append",
                        help="Lighthouse CPU slowdown multiplier(s) to run (default: Lighthouse's own, 4x); repeatable")
    args = parser.parse_args()
    site = Path(args.site)
    if not (site / "index.html").exists():
        sys.exit(f"no built site at {site}: run make build first")
    server, base = serve(site)
    try:
        cmd = lighthouse_command(args.lighthouse)
        if cmd:
            print("## Lighthouse (mobile emulation, simulated throttling; medians)\n")
            print("| page | CPU slowdown | Performance | Accessibility | Best Practices | LCP ms | TBT ms | total KB | host benchmarkIndex |")
            print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
            for slowdown in args.cpu_slowdown or [None]:
                for name, path in PAGES.items():
                    m = median_of([run_lighthouse(cmd, base + path, slowdown) for _ in range(args.repeat)])
                    print(f"| {name} | {slowdown or 4:g}x | {m['performance']:.0f} | {m['accessibility']:.0f} | {m['best-practices']:.0f} "
                          f"| {m['lcp_ms']:.0f} | {m['tbt_ms']:.0f} | {m['kb']:.0f} | {m['benchmark_index']:.0f} |")
            print()
        else:
            print("lighthouse not found: pass --lighthouse PATH (npm i -E lighthouse@12.2.3). Playwright numbers only.\n")
        from playwright.sync_api import sync_playwright

        print("## First load at 375 px, gzip (Playwright + Chromium, no throttling; medians)\n")
        print("| page | transfer KB (excl. images below the fold) | of which search index KB | images below the fold KB | requests | LCP ms |")
        print("| --- | --- | --- | --- | --- | --- |")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True)
            for name, path in PAGES.items():
                m = median_of([measure_first_load(browser, base + path) for _ in range(args.repeat)])
                print(f"| {name} | {m['above']:.1f} | {m['search_index']:.1f} | {m['below_images']:.1f} | {m['requests']:.0f} | {m['lcp_ms']:.0f} |")
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
