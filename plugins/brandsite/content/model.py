"""The brand domain: plain dataclasses, no MkDocs imports.

A `Catalog` is what the loader makes of `brands/`. Visibility is decided in
exactly one place, `Catalog.for_audience`; everything downstream (pages,
templates, search) sees only what the audience may see.
"""

from __future__ import annotations

import dataclasses
import math
import os
import posixpath
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .names import PHOTO_SUFFIXES, resolved, resolved_within

STAGES = ("申报", "培育", "命名", "示范")
NAMED_STAGES = ("命名", "示范")
DEFAULT_CATEGORIES = ("机关", "社区", "园区", "农村", "企业", "学校", "医疗卫生", "政法", "其他")
AUDIENCES = ("public", "internal")


def display_path(path, root) -> str:
    """A file as messages name it: relative to `root` when inside it, else as given."""
    target, base = resolved(path), resolved(root)
    if resolved_within(target, base):
        return target.relative_to(base).as_posix()
    return Path(path).as_posix()


def line_holding(path, text: str) -> int | None:
    """The first line of the file `path` that holds `text`, for a message about it; None when no
    line does or the file cannot be read."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return None
    return next((number for number, line in enumerate(lines, 1) if text in line), None)


def resolve_audience(configured: str, environ=None) -> str:
    """The build's audience: BRANDSITE_AUDIENCE when set, else the configured one.

    Raises ValueError with the Chinese message when it is neither public nor internal.
    """
    value = (environ if environ is not None else os.environ).get("BRANDSITE_AUDIENCE", "").strip() or configured
    if value not in AUDIENCES:
        raise ValueError(f"BRANDSITE_AUDIENCE 只能是 public 或 internal，现在是“{value}”")
    return value
VISIBILITIES = ("public", "internal")


# Control characters, line and paragraph separators, text direction controls (a file name
# that shows reversed in a terminal or a CI annotation) and lone surrogates (a file name's
# byte that is not UTF-8, written out raw: 0x9B starts an escape sequence on a terminal).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escaped(text: str, keep: str = "") -> str:
    """`text` with each _CONTROL character but those in `keep` written as its escape (\\x1b)."""
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True)
class Problem:
    """One content problem, reported as `path:line: message`."""

    path: str
    line: int
    message: str
    level: str = "error"  # "error" | "warning" | "info" (a repaired slip; never fails)
    slug: str | None = None  # the brand it belongs to, when known
    kind: str = ""  # which check found it, where another part of the build reuses the finding
    about: str | None = None  # another brand it is told because of (a link's target): checking that brand alone lists it

    def __post_init__(self):
        # A file name with a line break or another control character in it (a folder named
        # "hong-qiao\n") is named with the character escaped, so each problem stays one line.
        object.__setattr__(self, "path", _escaped(self.path))
        # A message quotes what the editor wrote (a link's target, a file name): an escape
        # sequence in it would act on the terminal that shows it (clear the screen, retitle
        # the window); shown escaped, as \x1b. The message's own line breaks (an example's lines)
        # stay; one inside what it quotes (“值”, [列表]) is the content's (a category or a folder
        # name with a line break printed lines that read as the tool's own, 完成：site/ 已更新).
        message = _QUOTED.sub(lambda m: _escaped(m.group()), _escaped(self.message, keep="\n"))
        object.__setattr__(self, "message", message)

    def __str__(self) -> str:
        return f"{self.place}{self.message}"

    @property
    def place(self) -> str:
        """"path:line: ", or "path: " for a whole file (line 0, a built file `leaks` names)."""
        return f"{self.path}:{self.line}: " if self.line else f"{self.path}: "

    def tagged(self) -> str:
        """As `brandsite check` prints it: a warning or a note says so (警告：, 提示：) after its place."""
        return f"{self.place}{LEVEL_TAGS.get(self.level, '')}{self.message}"


# What a message quotes (“值”, [列表]).
_QUOTED = re.compile(r"“[^“”]*”|\[[^\[\]]*\]")


LEVEL_TAGS = {"error": "", "warning": "警告：", "info": "提示："}


@dataclass
class Carrier:
    name: str
    description: str = ""


@dataclass
class Metric:
    label: str
    value: float | int
    unit: str = ""
    year: int | None = None

    @property
    def value_text(self) -> str:
        return number_text(self.value)

    @property
    def value_short(self) -> str:
        return number_short_unit(self.value, self.unit)[0]

    @property
    def unit_short(self) -> str:
        """The unit beside value_short: 元 for 1234567.89 万元 shown as 123.46亿."""
        return number_short_unit(self.value, self.unit)[1]

    @property
    def value_size(self) -> str:
        """How wide the tile's number is, so that it gets a type size that fits its tile: "" (up
        to about 3.3 em: 123456, 3.5亿), "m", "s" or "xs" (-9999.99万亿)."""
        em = sum(1.0 if ord(c) > 0x2E80 else 0.6 for c in self.value_short)
        return next((size for size, most in (("", 3.3), ("m", 4.2), ("s", 5.2)) if em <= most), "xs")


def number_text(value) -> str:
    """A number as people write it, with the digits they wrote: 1234567, 98.5, 0.0000125,
    999999999999.99; never 1.23457e+06, 999999999999.98999 or 100 for 99.99999999. Values
    hold at most 15 digits (the checker's bound), so 15 significant digits keep them whole
    and drop a sum's float noise (0.1 + 0.2 is 0.3)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int) or (value.is_integer() and abs(value) < 1e15):
        return str(int(value))
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    text = format(Decimal(f"{value:.15g}"), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def number_short(value) -> str:
    """A number for a tile, as Chinese publicity writes a big one: 3.5亿, 125万, 123.46万, 1万亿
    (two decimals at most), when its digits would not fit a phone's tile (more than six
    characters, 10,000 or more); else `number_text`."""
    text = number_text(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or abs(value) < 1e4 or len(text) <= 6:
        return text
    for size, word in ((1e4, "万"), (1e8, "亿")):
        shown = round(value / size, 2)
        if abs(shown) < 1e4:
            return number_text(float(shown)) + word
    return number_text(float(round(value / 1e12, 2))) + "万亿"


_SCALE_WORDS = {"万": 10_000, "亿": 100_000_000}


def number_short_unit(value, unit: str) -> tuple[str, str]:
    """number_short and the unit to write after it. A unit that starts with a scale word takes
    a shortened number's scale with it: 1234567.89 万元 is 123.46亿元, never 123.46万万元;
    a number short enough as written keeps its unit (345.68 万元)."""
    short = number_short(value)
    if short == number_text(value) or not unit or unit[0] not in _SCALE_WORDS:
        return short, unit
    return number_short(value * _SCALE_WORDS[unit[0]]), unit[1:]


@dataclass
class Event:
    date: str
    event: str


@dataclass
class Goal:
    year: int
    items: list[str] = field(default_factory=list)


@dataclass
class Named:
    date: str
    document: str


@dataclass
class Contact:
    name: str = ""
    phone: str = ""




def photo_candidates(files) -> frozenset[str]:
    """The files of photos/ (brand-folder paths) that content may show."""
    return frozenset(p for p in files if posixpath.splitext(p)[1].lower() in PHOTO_SUFFIXES)


def prose_files(brand) -> frozenset[str]:
    """What a brand's prose may point at (prose.render's `files`): its photos, and its cases. For a
    Brand of the audience's catalog, as its pages render it (a public page has no link to an
    internal case); for a brand folder as the check reads it (load.Source), all of them, those with
    errors of their own too (a link to one is right; the case's file is told what is wrong). With
    OTHER_BRANDS: a link may name another brand's folder beside this one (content/brand_links.py)."""
    from .prose_links import OTHER_BRANDS, case_files

    unread = getattr(brand, "unread_cases", [])
    return photo_candidates(brand.photos) | case_files([*(case.slug for case in brand.cases), *unread]) | {OTHER_BRANDS}


def shown_photos(brand: "Brand", cases: list["Case"]) -> list[str]:
    """The photos `brand` shows with `cases`: the cases' photo lists, and every photo its
    prose references, as the prose cleaner resolved it. Only these are ever published."""
    from . import prose

    files = photo_candidates(brand.photo_files)
    refs = set(prose.render(brand.connotation, "", files).refs) | set(prose.render(prose.demote(brand.story), "", files).refs)
    for case in cases:
        refs |= set(case.photos) & files
        refs |= prose.render(case.body, "cases", files).refs
    return sorted(refs)


@dataclass
class Case:
    slug: str
    title: str
    date: str
    body: str
    summary: str = ""
    photos: list[str] = field(default_factory=list)  # paths relative to the brand folder
    visibility: str = "public"
    path: Path | None = None

    @property
    def is_public(self) -> bool:
        return self.visibility != "internal"


@dataclass
class Brand:
    slug: str
    name: str
    organization: str
    category: str
    stage: str
    established: int
    logo: str  # path relative to the brand folder
    connotation: str
    carriers: list[Carrier]
    folder: Path
    slogan: str = ""
    region: str = ""
    named: Named | None = None
    metrics: list[Metric] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    cluster: str = ""
    tags: list[str] = field(default_factory=list)
    featured: bool = False
    visibility: str = "public"
    contact: Contact | None = None
    story: str = ""  # Markdown of story.md, when present
    photo_files: list[str] = field(default_factory=list)  # every file in photos/ and every case photo elsewhere, relative to the folder
    photos: list[str] = field(default_factory=list)  # the photos the content shows (see shown_photos): published
    cases: list[Case] = field(default_factory=list)

    @property
    def is_public(self) -> bool:
        return self.visibility != "internal"

    @property
    def is_named(self) -> bool:
        return self.stage in NAMED_STAGES

    @property
    def named_year(self) -> int | None:
        return int(self.named.date[:4]) if self.named else None

    @property
    def stage_index(self) -> int:
        return STAGES.index(self.stage) if self.stage in STAGES else 0


@dataclass
class Catalog:
    brands: list[Brand]
    audience: str = "internal"
    categories: tuple[str, ...] = DEFAULT_CATEGORIES

    def __post_init__(self) -> None:
        self.brands.sort(key=lambda b: b.slug)
        self._by_slug = {b.slug: b for b in self.brands}
        # Who names each brand as a partner: partners_of without a scan of every brand per brand.
        self._linked_from: dict[str, list[str]] = {}
        for b in self.brands:
            for slug in dict.fromkeys(b.partners):
                self._linked_from.setdefault(slug, []).append(b.slug)

    def get(self, slug: str) -> Brand | None:
        return self._by_slug.get(slug)

    def __iter__(self):
        return iter(self.brands)

    def __len__(self) -> int:
        return len(self.brands)

    def for_audience(self, audience: str) -> Catalog:
        """The catalog as `audience` may see it.

        The only place where visibility is decided. A public catalog drops
        internal brands, internal cases, every contact, and partner links to
        brands that are not in it, so that nothing downstream can leak them.
        """
        if audience == "internal":
            return Catalog([dataclasses.replace(b, photos=shown_photos(b, b.cases)) for b in self.brands],
                           "internal", self.categories)
        kept = [b for b in self.brands if b.is_public]
        slugs = {b.slug for b in kept}
        public = []
        for b in kept:
            cases = [c for c in b.cases if c.is_public]
            public.append(
                dataclasses.replace(
                    b,
                    contact=None,
                    cases=cases,
                    partners=[p for p in b.partners if p in slugs],
                    # A photo used only by internal cases stays out of the public site.
                    photos=shown_photos(b, cases),
                )
            )
        return Catalog(public, "public", self.categories)

    # Views used by the listing pages.

    def featured(self) -> list[Brand]:
        return [b for b in self.brands if b.featured]

    def count_by(self, attr: str, order: tuple[str, ...] = ()) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for b in self.brands:
            key = getattr(b, attr) or "未填写"
            counts[key] = counts.get(key, 0) + 1
        ranked = {k: i for i, k in enumerate(order)}
        return sorted(counts.items(), key=lambda kv: (ranked.get(kv[0], len(ranked)), -kv[1], kv[0]))

    def newest_named(self, limit: int = 6) -> list[Brand]:
        named = [b for b in self.brands if b.is_named and b.named]
        return sorted(named, key=lambda b: (b.named.date, b.slug), reverse=True)[:limit]

    def regions(self) -> list[str]:
        return sorted({b.region for b in self.brands if b.region})

    def categories_used(self) -> list[str]:
        """The site's categories some brand has, in the site's order (a filter offers no empty choice)."""
        used = {b.category for b in self.brands}
        return [c for c in self.categories if c in used]

    def years(self) -> list[int]:
        return sorted({b.established for b in self.brands}, reverse=True)

    def partners_of(self, brand: Brand) -> list[Brand]:
        """Twinned brands, in both directions: twinning is mutual."""
        slugs = list(brand.partners)
        slugs += [s for s in self._linked_from.get(brand.slug, []) if s not in slugs]
        return [p for p in (self.get(s) for s in slugs) if p is not None and p.slug != brand.slug]
