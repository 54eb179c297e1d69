"""The Atom feed (/feed.xml) of newly named brands and new cases. No MkDocs imports.

Built from the audience's catalog, so a public feed never holds an internal
brand or case. Written with the standard library's ElementTree, which
escapes every text and attribute.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

ATOM = "http://www.w3.org/2005/Atom"
FEED_SRC = "feed.xml"
LIMIT = 50


@dataclass
class Item:
    date: str
    title: str
    url: str  # relative to the site root
    summary: str
    kind: str  # "named" | "case"


def items(catalog, site, limit: int = LIMIT) -> list[Item]:
    """Newest first: each named brand on its naming date, and each case on its date."""
    found = []
    for b in catalog:
        if b.is_named and b.named:
            found.append(Item(b.named.date, f"品牌命名：{b.name}", site.url(site.brand_src(b)),
                              f"{b.organization}的“{b.name}”经 {b.named.document} 命名。", "named"))
        for c in b.cases:
            found.append(Item(c.date, f"{b.name}|{c.title}", site.url(site.case_src(b, c)), c.summary, "case"))
    found.sort(key=lambda i: (i.date, i.url), reverse=True)
    return found[:limit]


def atom(catalog, site, site_url: str, title: str, limit: int = LIMIT) -> str:
    """The feed as a UTF-8 XML string, with absolute links under `site_url`."""
    base = site_url.rstrip("/") + "/"
    entries = items(catalog, site, limit)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{title} · 最新动态"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = base + FEED_SRC
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(entries[0].date if entries else "1970-01-01")
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": base + FEED_SRC, "type": "application/atom+xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": base, "type": "text/html"})
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = title
    for item in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = base + item.url
        ET.SubElement(entry, f"{{{ATOM}}}title").text = item.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{url}#{item.kind}-{item.date}"
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": url, "type": "text/html"})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(item.date)
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": "命名" if item.kind == "named" else "案例"})
        if item.summary:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = item.summary
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _stamp(date: str) -> str:
    return f"{date}T00:00:00+08:00"
