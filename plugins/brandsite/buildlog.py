"""The log of `brandsite build` as editors read it, in Chinese. No MkDocs imports.

`mkdocs build` prints every line behind an English level word and the plugin's
name ("INFO    -  brandsite: brands/x/brand.yml:9: 提示：……"), and its own routine
lines in English ("Cleaning site directory", "Building documentation to directory:
<a temporary folder>"). brandsite's own lines already say their place and, for a
warning or a note, 警告：/提示： after it, as `brandsite check` prints them. Here:

- a line of the plugin is printed as it is, without the level word and the name; an
  error with a place says 错误： after it;
- MkDocs' routine lines are left out or said in Chinese;
- any other line keeps its words, behind 警告： or 错误： when it is one.
"""

from __future__ import annotations

import logging
import re

PLUGIN_PREFIX = "brandsite: "
PLACE = re.compile(r"(\S+?:\d+: )")
TAGS = ("警告：", "提示：", "错误：")

# MkDocs' own lines, in Chinese; None: left out (said already by brandsite build itself).
ROUTINE = [
    (re.compile(r"Cleaning site directory"), None),
    (re.compile(r"Building documentation to directory: .*", re.S), None),
    (re.compile(r"Documentation built in ([\d.]+) seconds"), lambda m: f"网站生成用时 {float(m.group(1)):.1f} 秒"),
    (re.compile(r"The following pages exist in the docs directory, but are not included in the \"nav\" configuration:\n(.*)", re.S),
     lambda m: "以下页面在 docs/ 里，但不在 mkdocs.yml 的 nav（导航）中，网站上可以打开，菜单里没有：\n" + m.group(1)),
    (re.compile(r"A reference to '(.*)' is included in the 'nav' configuration, which is not found in the documentation files\."),
     lambda m: f"mkdocs.yml 的 nav（导航）里写了“{m.group(1)}”，但 docs/ 里没有这个文件：请改正文件名，或从 nav 里删去这一行"),
]


def chinese(record: logging.LogRecord) -> str | None:
    """The line to print for `record`; None to leave it out."""
    message = record.getMessage()
    ours = message.startswith(PLUGIN_PREFIX)
    if ours:
        message = message[len(PLUGIN_PREFIX):]
    else:
        for pattern, said in ROUTINE:
            found = pattern.fullmatch(message.strip())
            if found:
                if not said:
                    return None
                message = said(found)
                break
    if record.levelno >= logging.ERROR:
        tag = "错误："
    elif record.levelno >= logging.WARNING:
        tag = "警告："
    else:
        return message
    place = PLACE.match(message)
    rest = message[place.end():] if place else message
    if rest.startswith(TAGS):
        return message
    return f"{place.group(1)}{tag}{rest}" if place else f"{tag}{message}"


class ChineseFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return chinese(record) or ""


class ChineseHandler(logging.StreamHandler):
    """Writes each line as `chinese` says it (to standard error), and nothing for a line left out."""

    def __init__(self, stream=None):
        super().__init__(stream)
        self.setFormatter(ChineseFormatter())

    def emit(self, record: logging.LogRecord) -> None:
        if chinese(record) is not None:
            super().emit(record)
