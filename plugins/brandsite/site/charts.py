"""Bar charts drawn at build time as inline SVG, each with a table as its text alternative.

No JavaScript and no chart library: the page works offline and without
scripts, and screen readers get the `<title>`, the `<desc>` and the table.
Colours come from CSS custom properties so the site theme (and dark mode)
applies; the fallbacks keep the chart readable without the stylesheet.
"""

from __future__ import annotations

import math
from html import escape

from markupsafe import Markup

ROW = 28  # px per bar
LABEL_W = 150
BAR_W = 360
VALUE_W = 90


def _fmt(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _finite(value) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)


def bar_chart(chart_id: str, title: str, rows: list[dict], *, label_head: str = "项目", value_head: str = "数量",
              unit: str = "") -> Markup:
    """A horizontal bar chart of `rows` ({"label", "value", optional "unit"}) and its table.
    Without rows, one line says so instead of an empty chart."""
    if not rows:
        return Markup(f'<figure class="bs-chart bs-chart--empty" id="{chart_id}">\n'
                      f'<p class="bs-empty">{escape(title)}:暂无数据。</p>\n</figure>')
    top = max((r["value"] for r in rows if _finite(r["value"])), default=0) or 1
    width = LABEL_W + BAR_W + VALUE_W
    height = ROW * max(len(rows), 1) + 8
    summary = ";".join(f"{r['label']} {_fmt(r['value'])}{r.get('unit', unit)}" for r in rows) or "暂无数据"
    svg = [
        f'<svg class="bs-chart__svg" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(summary)}</desc>',
    ]
    for i, r in enumerate(rows):
        y = 4 + i * ROW
        w = round(BAR_W * min(r["value"] / top, 1), 1) if _finite(r["value"]) and r["value"] > 0 and top > 0 else 0
        text = f"{_fmt(r['value'])}{r.get('unit', unit)}"
        svg.append(
            f'<g class="bs-chart__row">'
            f'<text x="{LABEL_W - 8}" y="{y + 18}" text-anchor="end" class="bs-chart__label" '
            f'fill="var(--md-default-fg-color, #333)" font-size="13">{escape(str(r["label"]))}</text>'
            f'<rect x="{LABEL_W}" y="{y + 4}" width="{w}" height="{ROW - 8}" rx="2" class="bs-chart__bar" '
            f'fill="var(--bs-red, #b71c1c)"/>'
            f'<text x="{LABEL_W + w + 6}" y="{y + 18}" class="bs-chart__value" '
            f'fill="var(--md-default-fg-color, #333)" font-size="13">{escape(text)}</text>'
            f'</g>'
        )
    svg.append("</svg>")
    table = [f'<table class="bs-chart__table"><caption>{escape(title)}(数据表)</caption>',
             f'<thead><tr><th scope="col">{escape(label_head)}</th><th scope="col">{escape(value_head)}</th></tr></thead><tbody>']
    for r in rows:
        table.append(f'<tr><th scope="row">{escape(str(r["label"]))}</th><td>{escape(_fmt(r["value"]))}{escape(r.get("unit", unit))}</td></tr>')
    table.append("</tbody></table>")
    # One line per element and no blank lines: Markdown keeps it as one raw HTML block.
    return Markup(f'<figure class="bs-chart" id="{chart_id}">\n' + "".join(svg) + "\n" + "".join(table) + "\n</figure>")


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
