"""Bar charts drawn at build time as inline SVG, each with a table as its text alternative.

No JavaScript and no chart library: the page works offline and without
scripts, and screen readers get the `<title>`, the `<desc>` and the table.
This module holds the numbers only: a `BarChart` with the place and length of
every bar. The `bar_chart` macro in templates/brandsite/views/_chart.html draws
it (autoescaped, like every view). Colours come from CSS custom properties so
the site theme (and dark mode) applies; the fallbacks in the macro keep the
chart readable without the stylesheet.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from ..content.model import number_short_unit, number_text

ROW = 28  # px per bar
LABEL_W = 150
BAR_W = 340
VALUE_W = 110  # room for 9876.54万人次 after the longest bar
# A phone's column is about 340 px: the wide chart (600) would set its 13 px text at 7 px
# there. The narrow one, drawn beside it and shown instead on small screens (brandsite.css),
# puts each label above its bar, so that its text keeps about its size.
NARROW_W = 340
NARROW_ROW = 44
NARROW_BAR_W = NARROW_W - VALUE_W


def fit(text: str, width: float, size: int = 13) -> str:
    """`text` cut to about `width` px at font size `size` (wide characters a full em, capitals
    0.8, the rest 0.6: on the safe side of the sans fonts), ending in "…" when cut: SVG text
    does not wrap, and a long label would run out of the chart. The table holds it whole."""
    used, out = 0.0, []
    for i, char in enumerate(text):
        w = size * (1 if unicodedata.east_asian_width(char) in "WF" else 0.8 if char.isupper() or char in "mwMW@%" else 0.6)
        if used + w > width:
            return "".join(out).rstrip() + "…" if i else "…"
        used += w
        out.append(char)
    return text


def _fmt(value) -> str:
    """The table's number: as written, its whole part grouped by thousands from 10,000 up."""
    text = number_text(value)
    whole, dot, part = text.partition(".")
    digits = whole.lstrip("-")
    if digits.isdigit() and len(digits) > 4:
        text = whole[:len(whole) - len(digits)] + f"{int(digits):,}" + dot + part
    return text


def _finite(value) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)


@dataclass(frozen=True)
class Bar:
    """One row of a chart: its bar in the SVG and its line in the table."""

    label: str
    value: str  # the number as the table shows it
    unit: str
    top: int  # y of the row's top edge
    length: float  # px; 0 for nothing to draw
    short: str = ""  # the number and unit as the chart writes them after the bar (3.5亿元); the table has them whole

    @property
    def text(self) -> str:
        """The number and its unit, as written after the bar."""
        return self.value + self.unit

    @property
    def shown_label(self) -> str:
        """The label as the chart has room for it (LABEL_W, less the gap before the bars)."""
        return fit(self.label, LABEL_W - 12)

    @property
    def shown_text(self) -> str:
        """The number and its unit as far as the chart's right edge."""
        return fit(self.short or self.text, BAR_W + VALUE_W - self.length - 8)

    # Where the wide drawing puts it: its label in a column of its own, ending before the bar.
    label_x = LABEL_W - 8
    anchor = "end"
    bar_x = LABEL_W

    @property
    def baseline(self) -> int:
        return self.top + 18

    label_y = baseline

    @property
    def bar_top(self) -> int:
        return self.top + 4

    @property
    def value_x(self) -> float:
        return LABEL_W + self.length + 6


@dataclass(frozen=True)
class NarrowBar:
    """A bar of the narrow chart: its label on a line of its own, the bar and its number below."""

    bar: Bar
    top: int

    label_x = 0
    anchor = ""  # the label starts at the left edge, above its bar
    bar_x = 0

    @property
    def label(self) -> str:
        return self.bar.label

    @property
    def text(self) -> str:
        return self.bar.text

    @property
    def label_y(self) -> int:
        return self.top + 14

    @property
    def bar_top(self) -> int:
        return self.top + 20

    @property
    def length(self) -> float:
        return round(self.bar.length * NARROW_BAR_W / BAR_W, 1)

    @property
    def baseline(self) -> int:
        return self.top + 34

    @property
    def value_x(self) -> float:
        return self.length + 6

    @property
    def shown_label(self) -> str:
        return fit(self.bar.label, NARROW_W)

    @property
    def shown_text(self) -> str:
        return fit(self.bar.short or self.bar.text, NARROW_W - self.length - 8)


@dataclass(frozen=True)
class Drawing:
    """One of a chart's two SVGs, as the macro draws it: `rows` are Bars or NarrowBars."""

    kind: str  # "wide" | "narrow": its CSS class
    ids: str  # before "t" and "d" in its title's and description's ids
    width: int
    height: int
    bar_height: int
    rows: list


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart and its table. Without bars the macro says there is no data."""

    id: str
    title: str
    bars: list[Bar]
    label_head: str
    value_head: str

    width = LABEL_W + BAR_W + VALUE_W

    @property
    def height(self) -> int:
        return ROW * max(len(self.bars), 1) + 8

    @property
    def drawings(self) -> list[Drawing]:
        """The wide drawing and the narrow one (NARROW_W: a phone's column)."""
        narrow = [NarrowBar(bar, 2 + i * NARROW_ROW) for i, bar in enumerate(self.bars)]
        return [Drawing("wide", "", self.width, self.height, ROW - 8, self.bars),
                Drawing("narrow", "n", NARROW_W, NARROW_ROW * max(len(self.bars), 1) + 4, 16, narrow)]

    @property
    def summary(self) -> str:
        """The SVG's description: every row in one line."""
        return "；".join(f"{bar.label} {bar.text}" for bar in self.bars) or "暂无数据"


def bar_chart(chart_id: str, title: str, rows: list[dict], *, label_head: str = "项目", value_head: str = "数量",
              unit: str = "", per_unit: bool = False) -> BarChart:
    """The chart of `rows` ({"label", "value", optional "unit"}): bars scaled to the largest value,
    or with `per_unit` to the largest of the same unit (元 and 人次 on one scale would make the
    人次 bar a sliver next to a sum of money)."""
    def scale(r: dict):  # the rows drawn to one scale share this
        return r.get("unit", unit) if per_unit else None

    tops: dict = {}
    for r in rows:
        if _finite(r["value"]):
            tops[scale(r)] = max(tops.get(scale(r), 0), r["value"])
    bars = []
    for i, r in enumerate(rows):
        value = r["value"]
        top = tops.get(scale(r), 0) or 1
        length = round(BAR_W * min(value / top, 1), 1) if _finite(value) and value > 0 and top > 0 else 0
        bar_unit = r.get("unit", unit)
        bars.append(Bar(str(r["label"]), _fmt(value), bar_unit, 4 + i * ROW, length, "".join(number_short_unit(value, bar_unit))))
    return BarChart(chart_id, title, bars, label_head, value_head)


def top_rows(rows: list[dict], limit: int, rest_label: str = "") -> tuple[list[dict], int]:
    """The first `limit` rows (callers sort them, largest first), so a chart stays readable and its
    page small however many regions or metrics there are; stats.json keeps every row.

    With `rest_label` (formatted with `n`), the other rows are summed into one last row.
    Returns the rows and how many were left out.
    """
    if len(rows) <= limit:
        return rows, 0
    kept, rest = rows[:limit], rows[limit:]
    if rest_label:
        kept = kept + [{"label": rest_label.format(n=len(rest)), "value": sum(r["value"] for r in rest)}]
    return kept, len(rest)
