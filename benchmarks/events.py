"""Where a cold build's time goes, by MkDocs event: brandsite against plain mkdocs-material.

    python benchmarks/events.py --brands 1000 --repeat 3

synth.py writes N synthetic brands, and run.py's baseline the same number of
plain Markdown pages with the same prose (plain mkdocs-material and its own
search, jieba blocked as in run.py). Each build is a cold `mkdocs build` in a
fresh process (site folder and caches removed first), with two timing plugins
added to the loaded config's plugin collection before `build` is called: one
whose handlers run first in every event (the highest priority) and one whose
handlers run last (the lowest). Their timestamps cut the build into

- the time inside each event, every plugin's handlers together (per-page
  events summed over all pages), and
- MkDocs' own work between two events: listing files, reading each page,
  Markdown to HTML, rendering the theme's template, writing the files.

Rounds interleave the two sites, so drift on a shared machine hits both
alike; the table shows medians. "Whole build" is the child process from its
first line (so imports and load_config are in it) to the end of `build`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority

sys.path.insert(0, str(Path(__file__).parent))

# The events `build` runs, in order (on_page_read_source is left out: a second handler
# of it would replace the page's source).
TIMED = ("config", "pre_build", "files", "nav", "pre_page", "page_markdown", "page_content", "env",
         "pre_template", "template_context", "post_template", "page_context", "post_page", "post_build")
FIRST, LAST = 1e9, -1e9

# MkDocs' own work between the end of one event and the start of the next.
GAPS = {
    ("pre_build", "files"): "MkDocs: clean the site folder, list docs/ and theme files",
    ("files", "nav"): "MkDocs: inclusion, navigation",
    ("nav", "pre_page"): "MkDocs: page objects",
    ("page_content", "pre_page"): "MkDocs: page objects",
    ("pre_page", "page_markdown"): "MkDocs: read each page's source and front matter",
    ("page_markdown", "page_content"): "MkDocs: Markdown to HTML",
    ("page_content", "env"): "MkDocs: page objects",
    ("env", "pre_template"): "MkDocs: copy static files (theme assets, images)",
    ("pre_template", "template_context"): "MkDocs: theme templates (404.html, sitemap.xml)",
    ("template_context", "post_template"): "MkDocs: theme templates (404.html, sitemap.xml)",
    ("post_template", "pre_template"): "MkDocs: theme templates (404.html, sitemap.xml)",
    ("post_template", "page_context"): "MkDocs: each page's context (nav, links), write the page before",
    ("post_page", "page_context"): "MkDocs: each page's context (nav, links), write the page before",
    ("page_context", "post_page"): "MkDocs: render the theme's page template (Jinja)",
    ("post_page", "post_build"): "MkDocs: write the last page, check anchors",
}
ORDER = [
    "before build(): imports, load_config",
    "on_config", "on_pre_build", GAPS[("pre_build", "files")], "on_files", GAPS[("files", "nav")], "on_nav",
    GAPS[("nav", "pre_page")], "on_pre_page", GAPS[("pre_page", "page_markdown")], "on_page_markdown",
    GAPS[("page_markdown", "page_content")], "on_page_content", "on_env", GAPS[("env", "pre_template")],
    "on_pre_template", "on_template_context", "on_post_template", GAPS[("pre_template", "template_context")],
    GAPS[("post_page", "page_context")], "on_page_context", GAPS[("page_context", "post_page")], "on_post_page",
    GAPS[("post_page", "post_build")], "on_post_build",
]


def _mark(event: str, edge: str, priority: float):
    @event_priority(priority)
    def handler(self, *args, **kwargs):
        self.marks.append((time.perf_counter(), event, edge))
    return handler


class _Marks(BasePlugin):
    def __init__(self, marks: list):
        super().__init__()
        self.marks = marks


class FirstMark(_Marks):
    """Runs first in every timed event: the event starts."""


class LastMark(_Marks):
    """Runs last in every timed event: the event ends."""


for _event in TIMED:
    setattr(FirstMark, f"on_{_event}", _mark(_event, "start", FIRST))
    setattr(LastMark, f"on_{_event}", _mark(_event, "end", LAST))


def attach(config, marks: list) -> None:
    """Add the two timing plugins to a loaded config (MkDocs registers a plugin's events as it is added)."""
    config.plugins["timing-first"] = FirstMark(marks)
    config.plugins["timing-last"] = LastMark(marks)


def phases(marks: list, start: float, end: float) -> tuple[dict[str, float], dict[str, int]]:
    """Seconds per event (inside its handlers) and per stretch of MkDocs' own work between events."""
    seconds: dict[str, float] = {}
    calls: dict[str, int] = {}
    points = [(start, "build", "start"), *marks, (end, "build", "end")]
    for (t0, e0, edge0), (t1, e1, edge1) in zip(points, points[1:]):
        if e0 == e1 and (edge0, edge1) == ("start", "end"):
            label = f"on_{e0}"
            calls[label] = calls.get(label, 0) + 1
        else:
            label = GAPS.get((e0, e1), f"MkDocs: {e0} {edge0} → {e1} {edge1}")
        seconds[label] = seconds.get(label, 0.0) + (t1 - t0)
    return seconds, calls


def timed_build(project: Path, *, serve_url: str | None = None, dirty: bool = False, config=None) -> dict:
    """One `build` of `project` in this process, timed by event."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    if config is None:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
        if serve_url:
            config.site_url = serve_url
    marks: list = []
    attach(config, marks)
    cpu, start = time.process_time(), time.perf_counter()
    build(config, serve_url=serve_url, dirty=dirty)
    end = time.perf_counter()
    seconds, calls = phases(marks, start, end)
    return {"total": end - start, "cpu": time.process_time() - cpu, "seconds": seconds, "calls": calls}


# A cold build in a child process: `python events.py --child PROJECT [--no-jieba]`.
def child(project: Path, no_jieba: bool) -> None:
    begun = time.perf_counter()
    if no_jieba:
        sys.modules["jieba"] = None  # run.py's baseline: Material's default search, whatever is installed
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    os.chdir(project)
    result = timed_build(project)
    whole = time.perf_counter() - begun
    result["seconds"]["before build(): imports, load_config"] = whole - result["total"]
    result["total"] = whole
    print(json.dumps(result, ensure_ascii=False))


def cold(project: Path, baseline: bool) -> dict:
    import run

    run.clean(project)
    command = [sys.executable, __file__, "--child", str(project)] + (["--no-jieba"] if baseline else [])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def table(results: dict[str, list[dict]]) -> str:
    names = list(results)
    labels = [label for label in ORDER if any(label in r["seconds"] for rs in results.values() for r in rs)]
    labels += sorted({label for rs in results.values() for r in rs for label in r["seconds"]} - set(labels))
    head = "| phase | " + " | ".join(f"{n} s" for n in names) + " | calls (brandsite) |"
    lines = [head, "|---|" + "---:|" * len(names) + "---:|"]
    for label in labels:
        cells = [statistics.median(r["seconds"].get(label, 0.0) for r in results[n]) for n in names]
        if max(cells) < 0.005:
            continue
        calls = results[names[-1]][0]["calls"].get(label, "")
        lines.append(f"| {label} | " + " | ".join(f"{c:.2f}" for c in cells) + f" | {calls} |")
    totals = [statistics.median(r["total"] for r in results[n]) for n in names]
    lines.append("| **whole build** | " + " | ".join(f"**{t:.2f}**" for t in totals) + " | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brands", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-jieba", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.no_jieba)
        return
    import run
    import synth

    work = args.keep or Path(tempfile.mkdtemp(prefix="brandsite-events-"))
    try:
        if not (work / "brandsite" / "mkdocs.yml").is_file():
            synth.project(work / "brandsite", args.brands)
            run.baseline_project(work, args.brands)
        results: dict[str, list[dict]] = {"baseline": [], "brandsite": []}
        for k in range(args.repeat):
            for name in results:
                result = cold(work / name, baseline=name == "baseline")
                results[name].append(result)
                print(f"round {k + 1}: {name} {result['total']:.2f} s", file=sys.stderr, flush=True)
        pages = sum(1 for _ in (work / "brandsite" / "site").rglob("*.html"))
        print(f"{args.brands} brands, {pages} HTML pages; medians of {args.repeat} cold builds each, "
              "each in a fresh process, the two sites interleaved.\n")
        print(table(results))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
