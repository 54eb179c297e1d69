"""Markdown links written in the fields the site shows as plain text (a slogan, a carrier's
description, a timeline event, a goal, a case's summary). No MkDocs imports.

Prose may link another brand by its folder (../x/), so editors write the same in a summary: the
page, its description, the feed and the search index show it as typed, with the folder and
case file names, an internal brand's too, which no leak check reads as a page of the site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Problem

# [words](target): what Markdown would make a link, the way editors write one
_LINK = re.compile(r"\[([^\[\]\n]*)\]\(\s*<?([^()\s<>]*)>?(?:\s+[\"'][^\n]*?[\"'])?\s*\)")


def _message(value: str, label: str) -> str | None:
    found = _LINK.search(value)
    if not found:
        return None
    written = found.group()
    return (f"{label}是普通文字，网站不按 Markdown 排版，链接“{written[:60]}”会原样显示在网页、搜索和订阅里，"
            f"链接的文件夹名、文件名也一样。请只写文字，改成“{_LINK.sub(lambda m: m.group(1), value).strip()[:60]}”；"
            "要链接别的品牌或案例，请写在理念内涵、story.md 或案例正文里")


def _fields(d: dict) -> Iterator[tuple[tuple, str, object]]:
    yield ("slogan",), "slogan（品牌口号）", d.get("slogan")
    for group, key, title in (("carriers", "description", "载体介绍"), ("timeline", "event", "事件")):
        items = d.get(group)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                yield (group, i, key), f"{group} 第 {i + 1} 项的 {key}（{title}）", item.get(key)
    goals = d.get("goals")
    for i, goal in enumerate(goals if isinstance(goals, list) else []):
        items = goal.get("items") if isinstance(goal, dict) else None
        for j, item in enumerate(items if isinstance(items, list) else []):
            yield ("goals", i, "items", j), f"goals 第 {i + 1} 项的第 {j + 1} 个目标", item


def links_in_plain_fields(src) -> Iterator[Problem]:
    """A warning at each plain-text field that holds a Markdown link."""
    for path, label, value in _fields(src.data):
        if isinstance(value, str) and (message := _message(value, label)):
            yield Problem(src.yml, src.line(*path), message, "warning")
    for case in src.cases:
        summary = case.meta.get("summary")
        if isinstance(summary, str) and (message := _message(summary, "summary（案例摘要）")):
            yield Problem(case.rel, case.meta.lines.get("summary", 1) + case.offset, message, "warning")
