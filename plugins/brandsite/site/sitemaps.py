"""A small sitemap.xml for visitors' browsers, and the brand pages in a second one.

Material's instant navigation downloads `sitemap.xml` on every visitor's first
page load and keeps its URLs as the pages it may load without a full reload.
MkDocs lists every page there: for 10,000 brands that is some 30,000 URLs,
about 3 MB to fetch and parse on a phone before the first instant click.

So after the build, the brand and case pages move to `sitemap-brands.xml`
(split further past 45,000 URLs, under the protocol's 50,000), and
`sitemap.xml` keeps the home page, the gallery and listings and the
hand-written pages. Search engines find both through `robots.txt`. Links
from the gallery to a brand page then make an ordinary page load, which
costs a visitor less than the full list did.

No MkDocs imports.
"""

from __future__ import annotations

import gzip
import html
import re
from pathlib import Path
from urllib.parse import urlsplit

MAIN = "sitemap.xml"
BRANDS = "sitemap-brands.xml"
PER_FILE = 45_000
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
TAIL = "\n</urlset>\n"
_URL = re.compile(r"\s*<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


def split(site_dir: Path, moved_urls: set[str], site_url: str = "", robots: bool = True,
          dropped: frozenset[str] = frozenset()) -> list[str]:
    """Move the entries of `moved_urls` (page URLs relative to the site root) out of
    sitemap.xml, and leave out those of `dropped` (a page kept only for old links, with nothing
    to show); return the names of the sitemaps written besides it."""
    main = Path(site_dir) / MAIN
    if not main.is_file():
        return []
    text = main.read_text(encoding="utf-8")
    base = urlsplit(site_url).path if site_url else "/"
    base = base if base.endswith("/") else base + "/"
    keep: list[str] = []
    moved: list[str] = []
    for entry in _URL.findall(text):
        loc = _LOC.search(entry)
        path = urlsplit(html.unescape(loc.group(1).strip())).path if loc else ""
        rel = path[len(base):] if path.startswith(base) else path.lstrip("/")
        if rel not in dropped:
            (moved if rel in moved_urls else keep).append(entry)
    names: list[str] = []
    for start in range(0, len(moved), PER_FILE):
        name = BRANDS if start == 0 else BRANDS.replace(".xml", f"-{start // PER_FILE + 1}.xml")
        _write(Path(site_dir) / name, HEAD + "".join(moved[start:start + PER_FILE]) + TAIL)
        names.append(name)
    _write(main, HEAD + "".join(keep) + TAIL)
    if robots and site_url:
        _robots(Path(site_dir) / "robots.txt", site_url, [MAIN, *names])
    return names


def _write(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    path.write_bytes(data)
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, mtime=0))


def _robots(path: Path, site_url: str, names: list[str]) -> None:
    """Name every sitemap in robots.txt; a robots.txt from docs/ is kept and extended."""
    root = site_url if site_url.endswith("/") else site_url + "/"
    existing = path.read_text(encoding="utf-8") if path.is_file() else "User-agent: *\nDisallow:\n"
    lines = [f"Sitemap: {root}{name}" for name in names if f"Sitemap: {root}{name}" not in existing]
    if lines:
        path.write_text(existing.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
