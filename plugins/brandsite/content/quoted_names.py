"""Quotes around a name, the organization and the like, which YAML keeps as text: the page would
show them. Written around the whole value (“禾风暖院”), or one left at one end that pairs with
none (清溪小站", …党支部”: typed, or left over from deleting the other). No MkDocs imports.
"""

from __future__ import annotations

import re
from typing import Iterator

from .model import Problem

# A name wrapped whole in Chinese quotes: YAML keeps them, so the page shows “禾风暖院” with its
# quotes, and it is another name than 禾风暖院 to the duplicate check. (A slogan may quote: a note.)
_QUOTED_NAME = re.compile(r"[“‘「『＂\"']([^“”‘’「」『』＂\"']+)[”’」』＂\"']")


def quoted_names(src) -> Iterator[Problem]:
    """Names, the organization, region, cluster and metrics' units written inside Chinese quotes,
    or with a quote at one end that pairs with none."""
    for key, label in (("name", "name（品牌名称）"), ("organization", "organization（所属党组织）"),
                       ("region", "region（地区）"), ("cluster", "cluster（品牌集群）")):
        value = src.data.get(key)
        if isinstance(value, str) and (m := _QUOTED_NAME.fullmatch(value.strip())):
            yield Problem(src.yml, src.line(key), f"{label}写成了 {value.strip()}，{_mixed(value)}两头的引号会在网站上一起显示。"
                                                   f"这里不需要引号，请删去，写成 {key}: {m.group(1)}", "warning")
        elif isinstance(value, str) and (found := stray_quote(value.strip())):
            yield Problem(src.yml, src.line(key), _stray_message(label, key, value.strip(), *found), "warning")
    slogan = src.data.get("slogan")
    if isinstance(slogan, str) and (m := _QUOTED_NAME.fullmatch(slogan.strip())):
        # a slogan may be a quotation: a note, never a stop; two kinds of quote are no quotation
        why = ("口号不需要引号，请把两头的引号都删去" if _mixed(slogan) else "如果引号只是为了标出口号，请删去")
        yield Problem(src.yml, src.line("slogan"), f"slogan（品牌口号）写成了 {slogan.strip()}，{_mixed(slogan)}两头的引号会在网站上一起显示。"
                                                   f"{why}，写成 slogan: {m.group(1)}", "info")
    metrics = src.data.get("metrics")
    for i, metric in enumerate(metrics if isinstance(metrics, list) else []):
        unit = metric.get("unit") if isinstance(metric, dict) else None
        if isinstance(unit, str) and (m := _QUOTED_NAME.fullmatch(unit.strip())):  # 1286 “件”
            yield Problem(src.yml, src.line("metrics", i, "unit"), f"unit（单位）写成了 {unit.strip()}，两头的引号会和数字一起显示"
                                                                   f"（如 1286 {unit.strip()}）。请删去引号，写成 unit: {m.group(1)}", "warning")
        elif isinstance(unit, str) and (found := stray_quote(unit.strip())):
            yield Problem(src.yml, src.line("metrics", i, "unit"), _stray_message("unit（单位）", "unit", unit.strip(), *found), "warning")


def _mixed(value: str) -> str:
    """“连心桥" (a Chinese quote opening, an English one closing, as input methods mix them): which is which."""
    ends = value.strip()[0], value.strip()[-1]
    kinds = ["英文" if c in "\"'" else "中文" for c in ends]
    return "" if kinds[0] == kinds[1] else f"开头是{kinds[0]}引号 {ends[0]}，结尾是{kinds[1]}引号 {ends[1]}，不成对，"


# Quotes that pair, opening then closing; a straight quote (and its full-width form) is both.
_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"))
_STRAIGHT = "\"'＂"


def stray_quote(value: str) -> tuple[int, str] | None:
    """(0 at the start, -1 at the end; the quote) of a quote at one end of `value` that no quote in
    it pairs with: 清溪小站", “清溪小站, “清溪”小站”. Quoted parts inside (“红色”连心桥) pair."""
    for opening, closing in _PAIRS:
        if value.startswith(opening) and value.count(opening) > value.count(closing):
            return 0, opening
        if value.endswith(closing) and value.count(closing) > value.count(opening):
            return -1, closing
    for quote in _STRAIGHT:
        if value.count(quote) % 2 and (value.startswith(quote) or value.endswith(quote)):
            return (0 if value.startswith(quote) else -1), quote
    return None


def _stray_message(label: str, key: str, value: str, end: int, quote: str) -> str:
    fixed = (value[1:] if end == 0 else value[:-1]).strip()
    kind = "英文" if quote in "\"'" else "中文"
    return (f"{label}写成了 {value}，{'开头' if end == 0 else '结尾'}多了一个{kind}引号 {quote}，没有和它成对的引号，"
            f"网站上会原样显示它。请删去这个引号，写成 {key}: {fixed}")
