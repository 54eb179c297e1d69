"""Search recall: does the site's search find each brand by its words and its pinyin?

    python benchmarks/search_recall.py [--synthetic 300] [--no-sample] [--label after] [--write benchmarks/RESULTS.md]

Builds the sample site (brands/) and a synthetic one (benchmarks/synth.py, each brand given
a story.md of random dictionary words: see `add_stories`), then asks the
real search in Chromium (window.brandsiteSearch, the code behind the header box and the
/search/?q= page) and counts how often the expected brand is among the first 10 results:

- words: each brand's indexed public text (its page and its cases, as search.py folds them
  into one record, without the hidden search terms) is segmented in search mode
  (jieba.cut_for_search); a word counts if it has two or more Chinese characters, is in
  jieba's dictionary, and is used by at most 3 brands (so that top 10 is a fair target);
- full pinyin (`shuilianxin`), spaced pinyin (`shui lian xin`), initials (`slx`) and a
  prefix (two thirds of the full pinyin, at least 3 letters: the brand must be among the first
  10, or among as many as there are names with that prefix) of each name, read in context
  by pypinyin (never from the slug); heteronyms: each other common reading of a character
  of the name (`yijiatongxing` for 一家同行);
- traditional words: those of the words that OpenCC's s2t spells otherwise (网格员 as 網格員);
- existing: the RECALL queries of tests/browser/test_search.py on the sample site, and each
  brand's exact name on the synthetic one (which must come first).

Also reported: the Pagefind index's bytes on disk, and the KB a first query fetches for the
benchmark queries of run.py (median / max).
"""

from __future__ import annotations

import argparse
import datetime
import functools
import http.server
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import run  # noqa: E402  (search_bytes, CHROMIUM)
import synth  # noqa: E402

TOP = 10
CJK = re.compile(r"^[\u3400-\u9fff]+$")


def add_stories(project: Path, clauses: int = 4, seed: int = 7) -> None:
    """Give each synthetic brand a story.md of dictionary words drawn at random, run
    together into clauses: synth.py's prose is drawn from 15 shared clauses, so it has
    almost no word that only a few brands use. Adjacent words make compounds and
    segmentations of every kind, which is what the word recall is about."""
    import random

    import jieba

    jieba.setLogLevel(60)
    jieba.dt.initialize()
    vocab = sorted(w for w, f in jieba.dt.FREQ.items() if f >= 50 and 2 <= len(w) <= 4 and CJK.match(w))
    rng = random.Random(seed)
    for folder in sorted((project / "brands").iterdir()):
        text = ",".join("".join(rng.choice(vocab) for _ in range(rng.randint(3, 6))) for _ in range(clauses))
        (folder / "story.md").write_text(text + "。\n", encoding="utf-8")


def build(project: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return project / "site"


def records(site: Path) -> dict[str, dict]:
    """slug -> {"name", "text"}: each brand's record as the index holds it, without its hidden tail."""
    import gzip

    out = {}
    for file in sorted((site / "pagefind/fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(file.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        meta = data.get("meta") or {}
        if not data["url"].startswith("/brands/") or "brand" not in meta:
            continue
        slug = data["url"].strip("/").split("/")[1]
        content = data["content"].replace("\u200b", "")
        terms = int(str(meta.get("terms") or "0").lstrip("t"))
        out[slug] = {"name": meta["brand"], "text": content[:len(content) - terms - 2] if terms else content}
    return dict(sorted(out.items()))


def word_queries(recs: dict[str, dict], most: int = 3) -> list[tuple[str, str]]:
    import jieba

    jieba.setLogLevel(60)
    freq = jieba.dt.FREQ if jieba.dt.initialized else (jieba.dt.initialize() or jieba.dt.FREQ)
    per_brand = {}
    for slug, rec in recs.items():
        per_brand[slug] = {w for w in jieba.cut_for_search(rec["text"])
                           if len(w) >= 2 and CJK.match(w) and freq.get(w, 0) > 0}
    df = Counter(w for words in per_brand.values() for w in words)
    return sorted((w, slug) for slug, words in per_brand.items() for w in words if df[w] <= most)


def pinyin_queries(recs: dict[str, dict]) -> list[tuple[str, str, str]]:
    from pypinyin import Style, lazy_pinyin, pinyin

    out = []
    for slug, rec in recs.items():
        name = rec["name"]
        syllables = [s.lower() for s in lazy_pinyin(name, errors=lambda s: list(s)) if s.strip()]
        syllables = [re.sub(r"[^a-z0-9]", "", s) for s in syllables]
        syllables = [s for s in syllables if s]
        full = "".join(syllables)
        out.append(("full pinyin", full, slug))
        out.append(("spaced pinyin", " ".join(syllables), slug))
        out.append(("initials", "".join(s[0] for s in syllables), slug))
        out.append(("pinyin prefix", full[:max(3, len(full) * 2 // 3)], slug))
        chars = [c for c in name if CJK.match(c)]
        if len(chars) == len(syllables):
            for i, c in enumerate(chars):
                readings = [r for r in dict.fromkeys(pinyin(c, heteronym=True, style=Style.NORMAL)[0]) if r.isalpha()]
                other = [r for r in readings[:2] if r != syllables[i]]
                if other:
                    alt = syllables[:i] + [other[0]] + syllables[i + 1:]
                    out.append(("heteronym", "".join(alt), slug))
    return out


QUERY_ALL = """async (queries) => {
  const out = [];
  for (const [q, top] of queries) {
    const t = performance.now();
    const found = await window.brandsiteSearch.search(q, {}, top);
    out.push({urls: found.map(r => r.url), ms: performance.now() - t});
  }
  return out;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def ask(site: Path, queries: list[str], limits: list[int] | None = None) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=run.CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(locale="zh-CN")
            page.goto(base + "search/")
            page.wait_for_function("window.brandsiteSearch")
            answers = []
            for i in range(0, len(queries), 200):
                answers += page.evaluate(QUERY_ALL, [[q, n] for q, n in zip(queries[i:i + 200], (limits or [TOP] * len(queries))[i:i + 200])])
            browser.close()
    finally:
        server.shutdown()
    return answers


def latency(site: Path, queries: list[str], slowdown: float = 4) -> list[float]:
    """ms from the input event to the header's results for each query after the first,
    set into the header box whole on the home page under a CPU slowdown (includes search.js's
    debounce). benchmarks/search_latency.py times typing too, over repeated runs."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=run.CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(locale="zh-CN")
            page.goto(base)
            page.wait_for_selector("[data-bs-search][data-bs-ready]", state="attached")
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
            for i, q in enumerate(queries):
                ms = page.evaluate("""q => new Promise(resolve => {
                  const input = document.querySelector('.md-search__input');
                  const meta = document.querySelector('.md-search-result__meta');
                  const list = document.querySelector('.md-search-result__list');
                  meta.textContent = '';
                  const t = performance.now();
                  const obs = new MutationObserver(() => {
                    if (/结果/.test(meta.textContent)) { obs.disconnect(); resolve(performance.now() - t); }
                  });
                  obs.observe(meta, {childList: true, characterData: true, subtree: true});
                  input.value = q;
                  input.dispatchEvent(new Event('input'));
                })""", q)
                if i:  # the first query loads the engine
                    out.append(ms)
            browser.close()
    finally:
        server.shutdown()
    return out


def pagefind_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())


def without_terms(site: Path, work: Path, full_cases: bool = True) -> dict:
    """Index bytes and first-query KB of the same site built without the hidden
    terms of search_terms.py (pinyin, encoded words), for a fair before/after."""
    import shutil

    copy = work / "plain-site"
    shutil.rmtree(copy, ignore_errors=True)
    code = ("import sys; from brandsite.site import search_terms; search_terms.tail = lambda *a, **k: ''; "
            "from mkdocs.__main__ import cli; sys.argv = ['mkdocs', 'build', '-q', '-d', sys.argv[1]]; cli()")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-c", code, str(copy)], cwd=site.parent, env=env, check=True, stdout=subprocess.DEVNULL)
    out = {"pagefind_kb": pagefind_bytes(copy) / 1024, "first_query_kb": run.search_bytes(copy) or []}
    shutil.rmtree(copy, ignore_errors=True)
    return out


def measure(label: str, site: Path, existing: list[tuple[str, list[str], str]] | None, names_first: bool,
            compare: bool = False, most_per_kind: int = 0, full_cases: bool = True) -> dict:
    recs = records(site)
    queries: list[tuple[str, str, list[str]]] = []  # (kind, query, slugs)
    words = word_queries(recs)
    queries += [("words", w, [s]) for w, s in words]
    # the same words as a visitor with a traditional-character input method types them
    import opencc

    s2t = opencc.OpenCC("s2t").convert
    queries += [("traditional words", t, [s]) for w, s in words if (t := s2t(w)) != w]
    queries += [(kind, q, [s]) for kind, q, s in pinyin_queries(recs)]
    if existing:
        queries += [("existing", q, slugs) for q, slugs, _ in existing]
    if names_first:
        queries += [("exact name first", r["name"], [s]) for s, r in recs.items()]
    if most_per_kind:
        import random

        by_kind = defaultdict(list)
        for item in queries:
            by_kind[item[0]].append(item)
        rng = random.Random(3)
        queries = [x for items in by_kind.values()
                   for x in (rng.sample(items, most_per_kind) if len(items) > most_per_kind else items)]
    # a prefix several names share (liuanxinghuo...) finds them all: the brand must be among them
    fulls = [q for kind, q, _ in queries if kind == "full pinyin"]
    limits = [max(TOP, sum(f.startswith(q) for f in fulls)) if kind == "pinyin prefix" else TOP for kind, q, _ in queries]
    answers = ask(site, [q for _, q, _ in queries], limits)
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    for (kind, q, slugs), a in zip(queries, answers):
        urls = a["urls"][:1] if kind == "exact name first" else a["urls"]  # at most TOP, or the prefix's limit
        ok = any(u.startswith(f"/brands/{s}/") for u in urls for s in slugs)
        hits[kind][1] += 1
        hits[kind][0] += ok
        if not ok:
            misses[kind].append(f"{q}→{slugs[0]}")
    ms = [a["ms"] for a in answers]
    kb = run.search_bytes(site) or []
    plain = without_terms(site, site.parent, full_cases) if compare else None
    return {"without_terms": plain, "site": label, "brands": len(recs), "hits": dict(hits), "misses": dict(misses),
            "pagefind_kb": pagefind_bytes(site) / 1024,
            "pf_meta_kb": sum(p.stat().st_size for p in (site / "pagefind").glob("*.pf_meta")) / 1024,
            "first_query_kb": kb, "query_ms_median": statistics.median(ms) if ms else 0}


def report(results: list[dict], label: str) -> str:
    kinds = ["words", "traditional words", "full pinyin", "spaced pinyin", "initials", "pinyin prefix", "heteronym",
             "existing", "exact name first"]
    lines = [f"### {label}: run of {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC", "",
             "Recall@10 (found / asked); Pagefind index size on disk; first-query KB median / max over run.py's queries.", "",
             "| site | brands | " + " | ".join(kinds) + " | Pagefind KB | pf_meta KB | first query KB |",
             "|---|---:|" + "---:|" * len(kinds) + "---:|---:|---:|"]
    for r in results:
        cells = []
        for k in kinds:
            h = r["hits"].get(k)
            cells.append(f"{h[0]}/{h[1]} ({100 * h[0] / h[1]:.1f}%)" if h else "—")
        kb = r["first_query_kb"]
        first = f"{statistics.median(kb):.0f} / {max(kb):.0f}" if kb else "—"
        lines.append(f"| {r['site']} | {r['brands']} | " + " | ".join(cells)
                     + f" | {r['pagefind_kb']:.0f} | {r['pf_meta_kb']:.1f} | {first} |")
    lines.append("")
    for r in results:
        p = r.get("without_terms")
        if p and p["first_query_kb"]:
            kb = r["first_query_kb"]
            lines.append(f"- {r['site']}: the same site indexed without the hidden terms: Pagefind {p['pagefind_kb']:.0f} KB "
                         f"(with them {r['pagefind_kb']:.0f} KB, {100 * (r['pagefind_kb'] / p['pagefind_kb'] - 1):+.1f}%), "
                         f"first query {statistics.median(p['first_query_kb']):.0f} / {max(p['first_query_kb']):.0f} KB "
                         f"(with them {statistics.median(kb):.0f} / {max(kb):.0f})")
    for r in results:
        for kind, missed in r["misses"].items():
            lines.append(f"- {r['site']}, {kind}, missed {len(missed)}: " + "、".join(missed[:25])
                         + (" …" if len(missed) > 25 else ""))
    if "latency_ms" in results[-1]:
        lat = results[-1]["latency_ms"]
        lines.append(f"- header typing after the first query, 4× CPU slowdown, {results[-1]['site']}: "
                     f"median {statistics.median(lat):.0f} ms, max {max(lat):.0f} ms over {len(lat)} queries "
                     "(input event to results shown, debounce included; see `make bench-search-latency`)")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=300, help="synthetic brands (0: none)")
    parser.add_argument("--no-sample", action="store_true")
    parser.add_argument("--no-stories", action="store_true", help="synthetic brands without the random-word story.md")
    parser.add_argument("--case-text", choices=("auto", "full", "summary"), default="auto",
                        help="search_case_text of the synthetic site (summary: as a site above 3,000 brands)")
    parser.add_argument("--label", default="recall")
    parser.add_argument("--latency", action="store_true", help="also time header typing at 4× CPU slowdown")
    parser.add_argument("--compare", action="store_true",
                        help="also index each site without the hidden terms (index bytes, first-query KB)")
    parser.add_argument("--most", type=int, default=0, help="ask at most this many queries of each kind (a random sample)")
    parser.add_argument("--keep", type=Path, help="copy the synthetic site here")
    parser.add_argument("--write", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = []
    options = {"search_case_text": args.case_text} if args.case_text != "auto" else None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if not args.no_sample:
            from tests.browser.test_search import RECALL
            from tests.conftest import copy_sample

            (work / "sample").mkdir()
            project = copy_sample(work / "sample")
            site = build(project)
            # the kinds of query the tests had before pinyin and inner words (which have their own columns)
            existing = [r for r in RECALL if r[2] in ("name", "part", "org", "text", "category", "traditional")]
            results.append(measure("sample", site, existing, names_first=False, compare=args.compare))
            print(json.dumps(results[-1], ensure_ascii=False)[:2000], flush=True)
        if args.synthetic:
            project = synth.project(work / "synthetic", args.synthetic, options=options)
            if not args.no_stories:
                add_stories(project)
            site = build(project)
            if args.keep:
                import shutil

                shutil.rmtree(args.keep, ignore_errors=True)
                shutil.copytree(site, args.keep)
            results.append(measure("synthetic" + ("" if args.no_stories else " + stories"), site, None, names_first=True, compare=args.compare,
                                   most_per_kind=args.most,
                                   full_cases=args.case_text == "full" or (args.case_text == "auto" and args.synthetic <= 3000)))
            if args.latency:
                names = [r["name"] for r in list(records(site).values())[:12]]
                results[-1]["latency_ms"] = latency(site, ["连心", *names, "lianxin", "qhlx", "党员", "网格"])
            print(json.dumps(results[-1], ensure_ascii=False)[:2000], flush=True)
    text = report(results, args.label)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.write:
        with args.write.open("a", encoding="utf-8") as f:
            f.write("\n" + text)


if __name__ == "__main__":
    main()
