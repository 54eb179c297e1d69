"""Helpers for the showcase browser tests: the sample site's public pages and brands."""

from __future__ import annotations

from pathlib import Path

import yaml
from tests.browser.conftest import ARTIFACTS, keep_png

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
    """Load lazy images (scroll through the page) and wait for fonts, so a full-page shot is complete."""
    page.evaluate("""async () => {
        const step = window.innerHeight;
        for (let y = 0; y < document.body.scrollHeight; y += step) {
            window.scrollTo(0, y);
            await new Promise(r => setTimeout(r, 30));
        }
        await Promise.all(Array.from(document.images).filter(i => !i.complete)
            .map(i => new Promise(r => { i.onload = i.onerror = r; })));
        await document.fonts.ready;
        window.scrollTo(0, 0);
    }""")
    page.wait_for_timeout(450)  # Material's tab bar fades in; let it finish before a screenshot


def shot(page, name: str) -> Path:
    settle(page)
    return keep_png(ARTIFACTS / f"{name}.png", page.screenshot(full_page=True))


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
