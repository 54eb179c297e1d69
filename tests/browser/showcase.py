"""Helpers for the showcase browser tests: the sample site's public pages and brands."""

from __future__ import annotations

from pathlib import Path

import yaml
from tests.browser.conftest import ARTIFACTS, keep_png, settled

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE_BRAND = "lin-li-hong-zhan"          # has metrics, timeline, goals, story photos and cases
SAMPLE_CASE = "la-ji-jiao-bian-cai-yuan"   # a case with a photo


def public_brands() -> dict[str, dict]:
    """The sample brands a public build shows, read straight from brand.yml."""
    out = {}
    for path in sorted((ROOT / "brands").glob("*/brand.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        if data.get("visibility", "public") != "internal":
            out[path.parent.name] = data
    return out


def page_paths(site: Path) -> tuple[list[str], list[str]]:
    """URL paths of every brand page and every case page in a built site."""
    brands = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("brands/*/index.html"))
    cases = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("brands/*/cases/*/index.html"))
    return brands, cases


def settle(page) -> None:
    """Load every image now (lazy ones too, as if scrolled to) and wait for them and for
    fonts, so a full-page shot is complete and a broken photo below the fold is requested."""
    page.evaluate("""async () => {
        Array.from(document.images).filter(i => i.loading === "lazy").forEach(i => { i.loading = "eager"; });
        await Promise.all(Array.from(document.images).filter(i => !i.complete).map(i => new Promise(r => {
            i.addEventListener("load", r); i.addEventListener("error", r);
        })));
        await document.fonts.ready;
    }""")
    settled(page)


def shot(page, name: str) -> Path:
    settle(page)
    return keep_png(ARTIFACTS / f"{name}.png", page.screenshot(full_page=True))


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
