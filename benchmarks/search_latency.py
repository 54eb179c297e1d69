"""Header search typing latency on a mid-range phone profile (4× CPU slowdown in Chromium).

    python benchmarks/search_latency.py [--brands 300] [--site DIR] [--compare-script OLD.js]
                                        [--queries Q …] [--repeat 5] [--rate 4] [--latency MS] [--write benchmarks/RESULTS.md]

Builds a synthetic site (benchmarks/synth.py, each brand given a random-word story.md as in
search_recall.py) unless --site names a built one, serves it from a process of its own, opens
the home page in Chromium (Playwright), runs a first query (which loads Pagefind, its wasm and
meta file: not timed), then turns on CPU throttling (CDP `Emulation.setCPUThrottlingRate`) and
enters each query into Material's header search box, in two ways:

- typed: as a visitor types it, ASCII one key at a time, Chinese committed two characters at
  a time (as a pinyin input method commits words), --gap ms between keystrokes;
- pasted: the whole query in one input event (what search_recall.py --latency times).

The figures are ms from the last input event (its `timeStamp`) to the end of the first frame
that paints results for the whole query ("first": the meta line "找到 … 个结果" or "没有找到相关结果"
and the first results), and to the end of the frame that paints the last of them ("all"). A
task posted from a frame's animation frame callback runs after that frame's style, layout and
paint; that is the time taken. search.js's debounce, stale searches still running, the search,
the fragments of the shown results and the rendering are all inside it. Every query is timed
in every run; the report gives median, p95 and max over all of them (the issue's budget, 150 ms
for results after the first query, holds for every query only if the max is within it), and per
query the median over runs. --compare-script times the same site with another search.js too,
interleaved run by run, so that a busy machine slows both alike.

Measured against local servers, so the fragments and index chunks of a new query arrive
without network delay; on a phone they come over the network as well. --latency adds a delay to every
request (Chromium's network emulation), for a phone's connection. Two servers, each a
process of its own, timed interleaved (--server): nginx with the sample intranet configuration
this project ships (docs/deploy/nginx.conf: keep-alive connections, gzip), when nginx is
installed, and Python's http.server (a new connection for every request, as HTTP/1.0).
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (CHROMIUM, machine)

# Installed once per page: records the last input event, and the first and the last frame
# after it that paints results for the box's value; `wait` resolves with both, in ms after the
# input event, once the box has been quiet for a while. Waiting happens inside the page, so
# that the harness sends nothing to the page while a query is timed.
WATCH = """() => {
  const input = document.querySelector('.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  const list = document.querySelector('.md-search-result__list');
  const w = window.__bsLatency = {input: 0, first: 0, last: 0};
  input.addEventListener('input', e => { w.input = e.timeStamp; w.first = 0; w.last = 0; }, true);
  const seen = () => {
    if (!/结果/.test(meta.textContent)) return;
    const value = input.value;
    // a task posted from an animation frame callback runs after that frame's style, layout and paint
    requestAnimationFrame(() => setTimeout(() => {
      if (input.value !== value) return;
      w.last = performance.now();
      w.first = w.first || w.last;
    }, 0));
  };
  const obs = new MutationObserver(seen);
  obs.observe(meta, {childList: true, characterData: true, subtree: true});
  obs.observe(list, {childList: true});
  w.wait = (value, quiet, timeout) => new Promise((resolve, reject) => {
    const start = performance.now();
    const check = () => {
      const now = performance.now();
      if (w.last && input.value === value && now - w.last >= quiet) resolve([w.first - w.input, w.last - w.input]);
      else if (now - start > timeout) reject(new Error('no results shown for ' + value));
      else setTimeout(check, 100);
    };
    check();
  });
}"""


def pieces(query: str) -> list[str]:
    """What one keystroke (or one input-method commit) adds: a letter, a space, or up to two Chinese characters."""
    out: list[str] = []
    for ch in query:
        if ord(ch) > 0x2e80 and out and ord(out[-1][-1]) > 0x2e80 and len(out[-1]) < 2:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def wait_shown(page, value: str, quiet_ms: int = 1200, timeout_ms: int = 20000) -> tuple[float, float]:
    """ms from the last input event to the first and to the last frame with results for `value`."""
    first, last = page.evaluate("([v, q, t]) => window.__bsLatency.wait(v, q, t)", [value, quiet_ms, timeout_ms])
    return first, last


def clear(page) -> None:
    page.evaluate("() => { const i = document.querySelector('.md-search__input'); i.value = ''; "
                  "i.dispatchEvent(new Event('input')); }")
    page.wait_for_timeout(300)


def session(browser, base: str, queries: list[str], rate: float, gap: int, mode: str,
            latency: int = 0) -> list[tuple[float, float]]:
    page = browser.new_page(locale="zh-CN")
    page.goto(base)
    page.wait_for_selector("[data-bs-search][data-bs-ready]", state="attached")
    page.evaluate(WATCH)
    page.click(".md-search__input") if page.is_visible(".md-search__input") else page.keyboard.press("/")
    box = page.locator(".md-search__input")
    # the first query loads the engine: not timed
    box.fill("连心")
    wait_shown(page, "连心")
    clear(page)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    if latency:  # a phone's connection: every request waits this long for its answer
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": latency,
                                                      "downloadThroughput": -1, "uploadThroughput": -1})
    out = []
    for q in queries:
        if mode == "typed":
            for piece in pieces(q):
                if piece.isascii():
                    page.keyboard.type(piece)
                else:
                    page.keyboard.insert_text(piece)
                page.wait_for_timeout(gap)
        else:
            page.evaluate("q => { const i = document.querySelector('.md-search__input'); i.value = q; "
                          "i.dispatchEvent(new Event('input')); }", q)
        out.append(wait_shown(page, q))
        clear(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    page.close()
    return out


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_listening(port: int) -> bool:
    """Whether something accepts connections on `port` within about 10 s."""
    import socket
    import time

    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def serve(site: Path):
    """A static file server for `site` in a process of its own (not sharing this one's interpreter)."""
    import subprocess

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_listening(port)
    return server, f"http://127.0.0.1:{port}/"


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def serve_nginx(site: Path, work: Path):
    """nginx serving `site` with docs/deploy/nginx.conf (its listen and root lines changed), in the foreground."""
    import subprocess

    port = free_port()
    sample = (HERE.parent / "docs" / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server_block = sample.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("root /srv/dangjian;", f"root {site};")
    (work / "logs").mkdir(parents=True)
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = work / "nginx.conf"
    conf.write_text(f"{user}daemon off;\npid {work}/nginx.pid;\nerror_log {work}/logs/error.log;\nevents {{}}\n"
                    f"http {{\n include /etc/nginx/mime.types;\n access_log off;\n"
                    + "".join(f" {k}_temp_path {work}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
                    + f"\n{server_block}\n}}\n", encoding="utf-8")
    server = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(work)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not wait_listening(port):
        raise SystemExit(f"nginx did not start: see {work}/logs/error.log")
    return server, f"http://127.0.0.1:{port}/"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def default_queries(site: Path) -> list[str]:
    """Names of the first 10 brands, two of them as full pinyin and initials, and words."""
    import re
    from html import unescape

    from pypinyin import lazy_pinyin

    names = []
    for page in sorted((site / "brands").glob("*/index.html")):
        if page.parent.name == "page":  # the gallery's further pages
            continue
        m = re.search(r"<h1\b[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
        name = unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else ""
        if name:
            names.append(name)
        if len(names) == 10:
            break
    pinyin = ["".join(lazy_pinyin(n)) for n in names[:2]]
    initials = ["".join(s[0] for s in lazy_pinyin(n)) for n in names[2:4]]
    return [*names, *pinyin, *initials, "lianxin", "qhlx", "党员", "网格", "服务", "基层治理最后一公里"]


def build_site(work: Path, brands: int) -> Path:
    import search_recall
    import synth

    project = synth.project(work / "synthetic", brands)
    search_recall.add_stories(project)
    return search_recall.build(project)


def with_script(site: Path, script: Path, work: Path) -> Path:
    """A copy of the site (hard links) whose search.js is `script`: the same index, another search script."""
    import shutil
    import subprocess

    copy = work / "other-script"
    subprocess.run(["cp", "-al", str(site), str(copy)], check=True)
    target = copy / "assets/brandsite/search.js"
    target.unlink()
    shutil.copyfile(script, target)
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brands", type=int, default=300, help="synthetic brands to build (without --site)")
    parser.add_argument("--site", type=Path, help="a built site to measure instead")
    parser.add_argument("--compare-script", type=Path,
                        help="also time the same site with this search.js (e.g. an older one), interleaved run by run")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the whole query list per mode")
    parser.add_argument("--rate", type=float, default=4, help="CPU slowdown")
    parser.add_argument("--gap", type=int, default=150, help="ms between keystrokes when typing")
    parser.add_argument("--latency", type=int, default=0,
                        help="ms each request waits for its answer (Chromium's network emulation), as on a phone")
    parser.add_argument("--modes", nargs="+", default=["typed", "pasted"], choices=["typed", "pasted"])
    parser.add_argument("--server", nargs="+", choices=["nginx", "python"],
                        default=["nginx", "python"] if Path(NGINX).exists() else ["python"],
                        help="serve with nginx (docs/deploy/nginx.conf) and/or Python's http.server")
    parser.add_argument("--queries", nargs="+", help="time these queries instead of the default list")
    parser.add_argument("--label", default="")
    parser.add_argument("--write", type=Path, help="append the results to this Markdown file")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_site(Path(tmp), args.brands)
        brands = sum(1 for _ in (site / "brands").glob("*/index.html"))
        queries = args.queries or default_queries(site)
        sites = {"this search.js": site}
        if args.compare_script:
            sites = {f"{args.compare_script.name} (compared)": with_script(site, args.compare_script, Path(tmp)), **sites}
        servers = {}
        for name, path in sites.items():
            for kind in args.server:
                label = name if len(args.server) == 1 else f"{name}, {kind}"
                servers[label] = serve_nginx(path, Path(tmp) / f"nginx-{len(servers)}") if kind == "nginx" else serve(path)
        results: dict[tuple[str, str], list[list[tuple[float, float]]]] = {(v, m): [] for v in servers for m in args.modes}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=run.CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                for r in range(args.repeat):
                    for mode in args.modes:  # interleaved, so drift hits each alike
                        for variant, (_, base) in servers.items():
                            results[variant, mode].append(session(browser, base, queries, args.rate, args.gap, mode,
                                                                       args.latency))
                            print(variant, mode, r, [f"{a:.0f}/{b:.0f}" for a, b in results[variant, mode][-1]], flush=True)
                browser.close()
        finally:
            for server, _ in servers.values():
                server.terminate()
                server.wait()
    text = report(results, queries, brands, args)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"queries": queries, "results": {f"{v} {m}": r for (v, m), r in results.items()}},
                                        ensure_ascii=False), encoding="utf-8")
    if args.write:
        with args.write.open("a", encoding="utf-8") as f:
            f.write("\n" + text)


def report(results: dict, queries: list[str], brands: int, args) -> str:
    lines = [f"### Header search typing latency{' — ' + args.label if args.label else ''}: "
             f"run of {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {run.machine()}. {brands} brand pages, {args.rate:g}× CPU slowdown, {len(queries)} queries × "
             f"{args.repeat} runs per mode, {args.gap} ms between keystrokes when typed"
             f"{f', {args.latency} ms added to every request' if args.latency else ''}. ms from the last input event "
             "to the end of the first frame that paints results for the whole query (first), and to the frame that "
             "paints the last of them (all); over 150 ms: queries whose first results took longer.", "",
             "| search.js, server | mode | first: median ms | p95 | max | all: median ms | p95 | max | over 150 ms |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for (variant, mode), runs in results.items():
        first = [x[0] for r in runs for x in r]
        every = [x[1] for r in runs for x in r]
        lines.append(f"| {variant} | {mode} | {statistics.median(first):.0f} | {p95(first):.0f} | {max(first):.0f} | "
                     f"{statistics.median(every):.0f} | {p95(every):.0f} | {max(every):.0f} | "
                     f"{sum(x > 150 for x in first)}/{len(first)} |")
    lines += ["", "Per query, median ms over runs to the first results (" + ", ".join(f"{v} {m}" for v, m in results) + "): "
              + "; ".join(f"{q} " + "/".join(f"{statistics.median(r[i][0] for r in runs):.0f}" for runs in results.values())
                          for i, q in enumerate(queries)), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
