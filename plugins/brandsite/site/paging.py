"""Listings that grow with the brand count: static pages and the gallery's card data. No MkDocs imports.

A listing of 10,000 brands on one page is megabytes of HTML, so the gallery
(and cluster pages and the internal review table) are split into pages of
`gallery_page_size`: page 1 keeps the listing's own URL, page n lives at
`<listing>/page/<n>/`. Every page links to its neighbours with plain links,
so crawlers and visitors without JavaScript reach every brand.

Filtering has to see every brand, not one page, so the gallery also
publishes one compact JSON of its cards (`<prefix>/cards.json`): the same
catalog the pages are made from, so a public build holds public brands only.
A card is one `Card` on both sides: _card.html draws it on the pages, and
cards.json carries the same named fields, with which brandsite.js fills the
same card (the gallery's `<template>`).
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, fields
from typing import Callable, Sequence, TypeVar

from ..content.model import Brand, Catalog

T = TypeVar("T")

CARDS_JSON = "cards.json"
CARDS_VERSION = 2


def page_src(first_src: str, number: int) -> str:
    """The source of page `number` of the listing whose first page is `first_src`.

    brands/index.md -> brands/page/2/index.md; clusters/x.md -> clusters/x/page/2/index.md.
    """
    if number <= 1:
        return first_src
    stem = first_src[:-3]
    base = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
    return f"{base}/page/{number}/index.md" if base else f"page/{number}/index.md"


def chunks(items: Sequence[T], size: int) -> list[list[T]]:
    """`items` in pages of `size`; always at least one (possibly empty) page."""
    size = max(int(size), 1)
    return [list(items[i:i + size]) for i in range(0, len(items), size)] or [[]]


@dataclass
class Pager:
    """Where one page sits in its listing: numbers are 1-based."""

    number: int
    count: int
    first_src: str
    size: int
    total: int  # items in the whole listing

    @property
    def src(self) -> str:
        return page_src(self.first_src, self.number)

    @property
    def prev_src(self) -> str | None:
        return page_src(self.first_src, self.number - 1) if self.number > 1 else None

    @property
    def next_src(self) -> str | None:
        return page_src(self.first_src, self.number + 1) if self.number < self.count else None

    @property
    def start(self) -> int:
        """1-based position of the page's first item."""
        return min((self.number - 1) * self.size + 1, self.total)

    @property
    def end(self) -> int:
        return min(self.number * self.size, self.total)

    def window(self, around: int = 2) -> list[tuple[int | None, str | None]]:
        """Page links to show: the first, the last, and `around` either side of this one; None is a gap."""
        wanted = {1, self.count, *range(self.number - around, self.number + around + 1)}
        numbers = sorted(n for n in wanted if 1 <= n <= self.count)
        out: list[tuple[int | None, str | None]] = []
        for n in numbers:
            if out and out[-1][0] is not None and n - out[-1][0] == 2:
                out.append((n - 1, page_src(self.first_src, n - 1)))  # a gap of one page: show it
            elif out and out[-1][0] is not None and n - out[-1][0] > 2:
                out.append((None, None))
            out.append((n, page_src(self.first_src, n)))
        return out


def paginate(items: Sequence[T], size: int, first_src: str) -> list[tuple[Pager, list[T]]]:
    pages = chunks(items, size)
    return [(Pager(i + 1, len(pages), first_src, max(int(size), 1), len(items)), page) for i, page in enumerate(pages)]


def page_of(items: Sequence[T], size: int, first_src: str, key: Callable[[T], str]) -> dict[str, str]:
    """key(item) -> the source of the page that lists it."""
    size = max(int(size), 1)
    return {key(item): page_src(first_src, i // size + 1) for i, item in enumerate(items)}


def later_page_meta(pager: Pager) -> dict:
    """Front matter for pages 2, 3, ...: out of search, which already finds every brand on its own page."""
    return {"search": {"exclude": True}} if pager.number > 1 else {}


def page_title(title: str, pager: Pager) -> str:
    return title if pager.number == 1 else f"{title}（第 {pager.number} 页）"


@dataclass(frozen=True)
class Card:
    """What a brand's card shows, by name: the same fields on the pages and in cards.json."""

    slug: str
    name: str
    slogan: str
    organization: str
    category: str
    stage: str
    stage_index: int
    region: str
    year: int
    internal: bool

    @classmethod
    def of(cls, brand: Brand) -> Card:
        return cls(brand.slug, brand.name, brand.slogan or "", brand.organization, brand.category, brand.stage,
                   brand.stage_index, brand.region or "", brand.established, not brand.is_public)


# The card of the gallery's <template>: every part present, each text its field's name;
# brandsite.js fills it in (or removes the part) for each card it draws from cards.json.
CARD_FIELDS = tuple(f.name for f in fields(Card))
TEMPLATE_CARD = Card(**{name: name for name in CARD_FIELDS} | {"stage_index": 0, "internal": True})


def cards_json(catalog: Catalog, logo: Callable[[Brand], str], brand_url: str = "{}/") -> str:
    """Every card of `catalog` as compact JSON, for filtering across all pages in the browser.

    `fields` names the values of each card in `cards`: the fields of `Card`,
    then `logo`, relative to the brand's folder. `u` is the brand URL pattern
    relative to this file (`{}` is the slug).
    """
    rows = [[*(getattr(card, name) for name in CARD_FIELDS), logo(b)] for b, card in ((b, Card.of(b)) for b in catalog)]
    head = json.dumps({"v": CARDS_VERSION, "u": brand_url, "fields": [*CARD_FIELDS, "logo"]}, ensure_ascii=False,
                      separators=(",", ":"))
    # One brand a line: compact, and a diff of two builds stays readable.
    body = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows)
    return f'{head[:-1]},"cards":[\n{body}\n]}}\n'
