"""Editing speed: from saving a brand.yml to the reloaded page, under `make serve`.

    python benchmarks/serve.py --brands 1000 --edits 5 [--code LABEL=DIR ...] [--rounds N]
    python benchmarks/serve.py --brands 1000 --edits 5 --in-process

Writes N synthetic brands (synth.py) into a temporary project, starts
`mkdocs serve --livereload --dirty` on a free port, as `make serve` does,
and waits for the first build. Then, several times: changes one brand's
slogan in its brand.yml and measures the time from the save until the
served brand page contains the new slogan, and until the gallery page
holding its card does.
The dev server holds requests while it rebuilds, so the first response
with the new text is what a browser gets when livereload reloads it.
That time includes the dev server noticing the save (it polls the watched
folders every 0.5 s, then waits 0.1 s for more changes); the server's own
"Documentation built in" line gives the rebuild alone.
Between edits it waits `--settle` seconds, as an editor would, so that
background work (the search index) of one edit does not land on the next.
Prints medians.

`--code LABEL=DIR` serves with the `brandsite` package found in DIR (put
first on PYTHONPATH), for a before/after comparison in the same run: give
it twice, e.g. `--code before=/tmp/old/plugins --code after=plugins`, and
`--rounds 2` alternates them. Use copies of the code that nothing edits
while the benchmark runs: the plugin's code is part of what forces a full
rebuild. `--no-dirty` serves without `--dirty`, as the Makefile did before
incremental builds. `--light` turns posters and share cards off.

`--in-process` makes the same edits with `mkdocs.commands.build.build`
called in one process as `serve` calls it (one plugin instance, dirty
builds into one folder), without the dev server, and prints each
rebuild's wall and CPU time and where it goes by MkDocs event (events.py's
timing plugins); with --code, each code in a process of its own.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            return r.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str, deadline: float, found: dict, key: str, start: float) -> None:
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            found[key] = time.monotonic() - start
            return
        time.sleep(0.05)


def gallery_page(base: str, slug: str) -> str:
    """The gallery page whose cards include `slug` (the gallery is paginated)."""
    url, number = base + "brands/", 1
    while True:
        page = fetch(url)
        if page is None:
            raise SystemExit(f"{slug} is on no gallery page")
        if re.search(rf'href="[./]*{slug}/"', page):  # its card (page 1 also lists problems by path)
            return url
        number += 1
        url = base + f"brands/page/{number}/"


def project(work: Path, brands: int, light: bool) -> Path:
    return synth.project(work, brands, options={"posters": False, "share_cards": False} if light else None)


def edit(work: Path, slug: str, token: str) -> None:
    yml = work / "brands" / slug / "brand.yml"
    text = re.sub(r"^slogan: .*$", f"slogan: {token}", yml.read_text(encoding="utf-8"), count=1, flags=re.M)
    yml.write_text(text, encoding="utf-8")


def slug_of(k: int, brands: int) -> str:
    return f"brand-{(k * 37 + 11) % brands:05d}"


def stop(server: subprocess.Popen) -> None:
    """Ctrl-C, so that `mkdocs serve` removes its temporary site folder as it ends."""
    for ending in (lambda: server.send_signal(signal.SIGINT), server.terminate, server.kill):
        ending()
        try:
            server.wait(timeout=20)
            return
        except subprocess.TimeoutExpired:
            continue


def built_times(log: Path) -> list[float]:
    return [float(s) for s in BUILT.findall(log.read_text(encoding="utf-8", errors="replace"))]


def run(args, code: str | None = None, label: str = "", first_edit: int = 0) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = project(Path(tmp), args.brands, args.light)
        port = args.port or free_port()
        command = [args.python, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"]
        if not args.no_dirty:
            command.append("--dirty")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BRANDSITE_CACHE_DIR=str(work / ".cache/brandsite"))
        if code:
            env["PYTHONPATH"] = os.pathsep.join([str(Path(code).resolve()), *filter(None, [env.get("PYTHONPATH")])])
        log_path = work / "serve.log"
        log = open(log_path, "w", encoding="utf-8")
        server = subprocess.Popen(command, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}/"
        try:
            start = time.monotonic()
            first: dict = {}
            wait_for(base + "brands/brand-00000/", "brand-00000", start + args.timeout, first, "s", start)
            if "s" not in first:
                raise SystemExit(f"the first build did not finish within {args.timeout} s; see {log_path}")
            print(f"{label}first build served after {first['s']:.1f} s", flush=True)
            time.sleep(args.settle)
            brand_s, gallery_s, build_s = [], [], []
            for k in range(first_edit, first_edit + args.edits):
                slug = slug_of(k, args.brands)
                token = f"编辑测速口号{k}号"
                listing = gallery_page(base, slug)
                builds = len(built_times(log_path))
                saved = time.monotonic()
                edit(work, slug, token)
                found: dict = {}
                deadline = saved + args.timeout
                gallery = threading.Thread(target=wait_for, args=(listing, token, deadline, found, "gallery", saved))
                gallery.start()
                wait_for(base + f"brands/{slug}/", token, deadline, found, "brand", saved)
                gallery.join()
                log.flush()
                rebuilt = built_times(log_path)[builds:]
                brand_s.append(found.get("brand", float("nan")))
                gallery_s.append(found.get("gallery", float("nan")))
                build_s.append(sum(rebuilt) if rebuilt else float("nan"))
                print(f"{label}edit {k + 1}: {slug} brand page {brand_s[-1]:.2f} s, gallery {gallery_s[-1]:.2f} s "
                      f"(the server's rebuild{'s' if len(rebuilt) > 1 else ''}: "
                      f"{' + '.join(f'{s:.2f}' for s in rebuilt) or '?'} s)", flush=True)
                time.sleep(args.settle)
        finally:
            stop(server)
            log.close()
        return {"first_s": first["s"], "brand_all": brand_s, "gallery_all": gallery_s, "build_all": build_s}


def compare(args) -> None:
    """Each --code in turn, --rounds times; medians over all edits of each."""
    codes = [c.split("=", 1) if "=" in c else (c, c) for c in args.code] or [("installed", None)]
    results: dict[str, dict[str, list]] = {label: {"brand_all": [], "gallery_all": [], "build_all": [], "first": []}
                                           for label, _ in codes}
    for r in range(args.rounds):
        for label, code in codes:
            result = run(args, code, f"[{label}, round {r + 1}] ", first_edit=r * args.edits)
            for key in ("brand_all", "gallery_all", "build_all"):
                results[label][key] += result[key]
            results[label]["first"].append(result["first_s"])
    print(f"\nbrands={args.brands} edits={args.edits}x{args.rounds} dirty={not args.no_dirty} light={args.light}")
    print("| code | save → brand page (median) | save → gallery page | the server's rebuild | edits | first build |")
    print("|---|---:|---:|---:|---:|---:|")
    medians = {}
    for label, r in results.items():
        medians[label] = statistics.median(r["brand_all"])
        print(f"| {label} | {medians[label]:.2f} s | {statistics.median(r['gallery_all']):.2f} s | "
              f"{statistics.median(r['build_all']):.2f} s | {len(r['brand_all'])} | "
              f"{statistics.median(r['first']):.0f} s |")
    if len(medians) == 2:
        (a, ma), (b, mb) = medians.items()
        print(f"\n{b} / {a}, save → brand page: {mb / ma:.2f}")


def rebuilds_in_process(args) -> list[dict]:
    """The same edits, each rebuilt in this process as `serve` rebuilds it; timed by MkDocs event."""
    import events
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as tmp:
        work = project(Path(tmp), args.brands, args.light)
        os.environ.setdefault("BRANDSITE_CACHE_DIR", str(work / ".cache/brandsite"))
        os.chdir(work)
        site, url = tempfile.mkdtemp(prefix="mkdocs_"), "http://127.0.0.1:8000/"

        def config():
            loaded = load_config(str(work / "mkdocs.yml"), site_dir=site)
            loaded.site_url = url  # as `serve` sets it
            return loaded

        first = config()
        first.plugins.on_startup(command="serve", dirty=not args.no_dirty)
        result = events.timed_build(work, serve_url=url, dirty=not args.no_dirty, config=first)
        print(f"first build {result['total']:.1f} s", file=sys.stderr, flush=True)
        rebuilds = []
        for k in range(args.edits):
            settle(args.settle)
            edit(work, slug_of(k, args.brands), f"编辑测速口号{k}号")
            started, cpu = time.perf_counter(), time.process_time()
            result = events.timed_build(work, serve_url=url, dirty=not args.no_dirty, config=config())
            whole = time.perf_counter() - started  # load_config included, as in serve
            result["seconds"]["before build(): imports, load_config"] = whole - result["total"]
            result["total"], result["cpu"] = whole, time.process_time() - cpu
            rebuilds.append(result)
            print(f"edit {k + 1}: rebuilt in {result['total']:.2f} s, {result['cpu']:.2f} s CPU", file=sys.stderr, flush=True)
        settle(args.settle)
        first.plugins.on_shutdown()
        shutil.rmtree(site, ignore_errors=True)
    return rebuilds


def compare_in_process(args) -> None:
    """--in-process for each --code in turn (a child process each), --rounds times."""
    import events

    codes = [c.split("=", 1) if "=" in c else (c, c) for c in args.code]
    results: dict[str, list[dict]] = {label: [] for label, _ in codes} or {"rebuild": []}
    for r in range(args.rounds):
        if not codes:
            results["rebuild"] += rebuilds_in_process(args)
            continue
        for label, code in codes:
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1",
                       PYTHONPATH=os.pathsep.join([str(Path(code).resolve()), *filter(None, [os.environ.get("PYTHONPATH")])]))
            command = [args.python, __file__, "--child", "--brands", str(args.brands), "--edits", str(args.edits),
                       "--settle", str(args.settle)] + (["--light"] if args.light else []) + (["--no-dirty"] if args.no_dirty else [])
            print(f"[{label}, round {r + 1}]", file=sys.stderr, flush=True)
            out = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
            results[label] += json.loads(out.strip().splitlines()[-1])
    print(f"\nbrands={args.brands}: rebuilds after one slogan edit each, medians "
          f"({args.edits} edits x {args.rounds} rounds per code; CPU: the rebuilding process, all threads)\n")
    print("| code | rebuild s | rebuild CPU s |\n|---|---:|---:|")
    for label, rebuilds in results.items():
        print(f"| {label} | {statistics.median(r['total'] for r in rebuilds):.2f} | "
              f"{statistics.median(r['cpu'] for r in rebuilds):.2f} |")
    print()
    print(events.table(results))


def settle(seconds: float) -> None:
    """Wait for the plugin's background search indexing, at most `seconds`."""
    deadline = time.monotonic() + seconds
    for thread in threading.enumerate():
        if thread.name.startswith("brandsite-search-index"):
            thread.join(max(deadline - time.monotonic(), 0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brands", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--settle", type=float, default=20.0, help="seconds to wait after the first build and each edit")
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--python", default=sys.executable, help="the Python whose mkdocs and brandsite to run")
    parser.add_argument("--code", action="append", default=[], metavar="LABEL=DIR",
                        help="serve with the brandsite package in DIR (repeatable: a comparison)")
    parser.add_argument("--rounds", type=int, default=1, help="run each --code this many times, alternating")
    parser.add_argument("--no-dirty", action="store_true", help="serve without --dirty (the old `make serve`)")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--light", action="store_true", help="posters and share cards off")
    parser.add_argument("--in-process", action="store_true", help="rebuild in this process; time each MkDocs event")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(rebuilds_in_process(args), ensure_ascii=False))
    elif args.in_process:
        compare_in_process(args)
    else:
        compare(args)


if __name__ == "__main__":
    main()
