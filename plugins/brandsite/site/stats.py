"""The figures of the statistics page (数据看板) and /stats.json. No MkDocs imports.

Everything is computed from the catalog as the audience sees it, so a
public build's figures never count an internal brand or case.
"""

from __future__ import annotations

import datetime
from collections import Counter

from ..content.lifecycle import parse_date, years_before
from ..content.model import STAGES, Catalog

UNFILLED = "未填写"


def _rows(counts: Counter, order: list) -> list[dict]:
    return [{"label": str(key), "value": counts[key]} for key in order]


def by_category(catalog: Catalog) -> list[dict]:
    """Every configured category, in its order (zeros included), then any other."""
    counts = Counter(b.category for b in catalog)
    order = list(catalog.categories) + sorted(k for k in counts if k not in catalog.categories)
    return _rows(counts, order)


def by_stage(catalog: Catalog) -> list[dict]:
    counts = Counter(b.stage for b in catalog)
    return _rows(counts, list(STAGES))


def by_region(catalog: Catalog) -> list[dict]:
    """Most brands first; brands without a region last, as 未填写."""
    counts = Counter(b.region or UNFILLED for b in catalog)
    order = sorted((k for k in counts if k != UNFILLED), key=lambda k: (-counts[k], k))
    if UNFILLED in counts:
        order.append(UNFILLED)
    return _rows(counts, order)


def named_per_year(catalog: Catalog) -> list[dict]:
    """Brands named in each year, from the first to the last year with a naming, gaps as 0."""
    counts = Counter(b.named_year for b in catalog if b.is_named and b.named)
    if not counts:
        return []
    return _rows(counts, list(range(min(counts), max(counts) + 1)))


def metric_sums(catalog: Catalog) -> list[dict]:
    """The sum of each metric label (and unit) across brands, largest first.

    Percentages (满意度) do not add up: for unit "%" the row holds the mean,
    and says so in `kind`.
    """
    values: dict[tuple[str, str], list] = {}
    brands: dict[tuple[str, str], set] = {}
    for b in catalog:
        for m in b.metrics:
            key = (m.label.strip(), m.unit)
            values.setdefault(key, []).append(m.value)
            brands.setdefault(key, set()).add(b.slug)
    rows = []
    for (label, unit), found in values.items():
        mean = unit.strip() == "%"
        value = sum(found) / len(found) if mean else sum(found)
        rows.append({"label": label, "unit": unit, "value": _number(value), "kind": "mean" if mean else "sum",
                     "brands": len(brands[(label, unit)])})
    return sorted(rows, key=lambda r: (r["kind"] == "mean", -r["value"], r["label"]))


def recent_cases(catalog: Catalog, today: datetime.date, months: int = 12) -> dict:
    """How many brands have a case dated within the last `months` (12 or 24) months."""
    since = years_before(today, months // 12)
    recent = [b.slug for b in catalog if any(_within(c.date, since, today) for c in b.cases)]
    total = len(catalog)
    return {
        "since": since.isoformat(),
        "until": today.isoformat(),
        "brands": len(recent),
        "total": total,
        "share": round(len(recent) / total, 4) if total else 0.0,
        "slugs": recent,
    }


def _within(text: str, since: datetime.date, until: datetime.date) -> bool:
    day = parse_date(text)
    return day is not None and since <= day <= until


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


def compute(catalog: Catalog, today: datetime.date) -> dict:
    """Every figure of the statistics page, as plain JSON-ready data."""
    return {
        "date": today.isoformat(),
        "audience": catalog.audience,
        "brands": len(catalog),
        "cases": sum(len(b.cases) for b in catalog),
        "by_category": by_category(catalog),
        "by_stage": by_stage(catalog),
        "by_region": by_region(catalog),
        "named_per_year": named_per_year(catalog),
        "metric_sums": metric_sums(catalog),
        "recent_cases": recent_cases(catalog, today),
    }
