"""Editing speed: from saving a brand.yml to the reloaded page, under `make serve`.

    python benchmarks/serve.py --brands 1000 --edits 5 [--python PY] [--no-dirty] [--light]

Writes N synthetic brands (synth.py) into a temporary project, starts
`mkdocs serve --livereload --dirty` on a free port, as `make serve` does,
and waits for the first build. Then, several times: changes one brand's
slogan in its brand.yml and measures the time from the save until the
served brand page contains the new slogan, and until the gallery page
holding its card does.
The dev server holds requests while it rebuilds, so the first response
with the new text is what a browser gets when livereload reloads it.
Between edits it waits `--settle` seconds, as an editor would, so that
background work (the search index) of one edit does not land on the next.
Prints medians.

`--python` runs another checkout's environment (for a before/after
comparison against main); `--no-dirty` serves without `--dirty`, as the
Makefile did before incremental builds. `--light` turns posters and share
cards off (faster first build; the default keeps the plugin's defaults).
"""

from __future__ import annotations

import argparse
import os
import re
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

from brandsite import publish  # noqa: E402

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
        if f"{slug}/" in page:
            return url
        number += 1
        url = base + f"brands/page/{number}/"


def project(work: Path, brands: int, light: bool) -> Path:
    return synth.project(work, brands, options={"posters": False, "share_cards": False} if light else None)


def run(args) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = project(Path(tmp), args.brands, args.light)
        port = args.port or free_port()
        command = [args.python, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"]
        if not args.no_dirty:
            command.append("--dirty")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", BRANDSITE_CACHE_DIR=str(work / ".cache/brandsite"))
        log = open(work / "serve.log", "w", encoding="utf-8")
        server = subprocess.Popen(command, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}/"
        try:
            start = time.monotonic()
            first: dict = {}
            wait_for(base + "brands/brand-00000/", "brand-00000", start + args.timeout, first, "s", start)
            if "s" not in first:
                raise SystemExit(f"the first build did not finish within {args.timeout} s; see {work / 'serve.log'}")
            print(f"first build served after {first['s']:.1f} s", flush=True)
            time.sleep(args.settle)
            brand_s, gallery_s = [], []
            for k in range(args.edits):
                slug = f"brand-{(k * 37 + 11) % args.brands:05d}"
                yml = work / "brands" / slug / "brand.yml"
                token = f"编辑测速口号{k}号"
                listing = gallery_page(base, slug)
                text = yml.read_text(encoding="utf-8")
                text = re.sub(r"^slogan: .*$", f"slogan: {token}", text, count=1, flags=re.M)
                saved = time.monotonic()
                yml.write_text(text, encoding="utf-8")
                found: dict = {}
                deadline = saved + args.timeout
                gallery = threading.Thread(target=wait_for, args=(listing, token, deadline, found, "gallery", saved))
                gallery.start()
                wait_for(base + f"brands/{slug}/", token, deadline, found, "brand", saved)
                gallery.join()
                brand_s.append(found.get("brand", float("nan")))
                gallery_s.append(found.get("gallery", float("nan")))
                print(f"edit {k + 1}: {slug} brand page {brand_s[-1]:.2f} s, gallery {gallery_s[-1]:.2f} s", flush=True)
                time.sleep(args.settle)
        finally:
            publish.stop(server, timeout=20)
            log.close()
        return {"first_s": first["s"], "brand_s": statistics.median(brand_s), "gallery_s": statistics.median(gallery_s),
                "brand_all": brand_s, "gallery_all": gallery_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brands", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--settle", type=float, default=20.0, help="seconds to wait after the first build and each edit")
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--python", default=sys.executable, help="the Python whose mkdocs and brandsite to run")
    parser.add_argument("--no-dirty", action="store_true", help="serve without --dirty (the old `make serve`)")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--light", action="store_true", help="posters and share cards off")
    args = parser.parse_args()
    result = run(args)
    print(f"brands={args.brands} edits={args.edits} dirty={not args.no_dirty} light={args.light}: "
          f"save -> brand page median {result['brand_s']:.2f} s, save -> gallery median {result['gallery_s']:.2f} s "
          f"(first build {result['first_s']:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
