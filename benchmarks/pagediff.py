"""Compare two built sites page by page: the visible text and the links of each page.

    python benchmarks/pagediff.py OLD_SITE NEW_SITE

prints every page that exists in only one site, and every page whose visible
text or links differ (a unified diff of the text, the links added and removed).
Used to keep a reference build of the sample site across a redesign, and by
tests/test_properdocs.py to hold ProperDocs' build to MkDocs'. What does not
count: scripts, styles, the <head> (generator tag, asset hashes), whitespace.
"""

from __future__ import annotations

import difflib
import html.parser
import sys
from pathlib import Path

SKIP = {"script", "style", "head", "svg", "template"}


class _Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name) and tag in ("a", "img", "link", "source") and not (tag == "link" and name == "href" and
                                                                                   values.get("rel") in ("stylesheet", "preload", "icon")):
                self.links.append(f"{tag}:{values[name]}")

    def handle_endtag(self, tag):
        if tag in SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.text.append(" ".join(data.split()))


def signature(page: str) -> tuple[list[str], list[str]]:
    """(visible text lines, links) of one page's HTML."""
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser.text, sorted(parser.links)


def pages(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")}


def differences(old: Path, new: Path) -> list[str]:
    """Human-readable differences between the pages of two sites; empty when they match."""
    before, after = pages(old), pages(new)
    out = [f"only in {old}: {rel}" for rel in sorted(before.keys() - after.keys())]
    out += [f"only in {new}: {rel}" for rel in sorted(after.keys() - before.keys())]
    for rel in sorted(before.keys() & after.keys()):
        (text_a, links_a), (text_b, links_b) = (signature(p.read_text(encoding="utf-8")) for p in (before[rel], after[rel]))
        if text_a != text_b:
            diff = difflib.unified_diff(text_a, text_b, lineterm="", n=1)
            out.append(f"{rel}: text differs\n" + "\n".join(list(diff)[2:40]))
        if links_a != links_b:
            gone, added = sorted(set(links_a) - set(links_b)), sorted(set(links_b) - set(links_a))
            out.append(f"{rel}: links differ: -{gone[:10]} +{added[:10]}")
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    found = differences(Path(sys.argv[1]), Path(sys.argv[2]))
    print("\n".join(found) if found else "no differences")
    sys.exit(1 if found else 0)
