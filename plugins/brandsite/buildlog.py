"""The log of `brandsite build` and `brandsite serve` as editors read it, in Chinese. No MkDocs imports.

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

import contextlib
import logging
import re

from .content import docpages

PLUGIN_PREFIX = "brandsite: "
_AT = r"(\[\d\d:\d\d:\d\d\] )?"  # the preview's lines begin with the time
PLACE = re.compile(r"(\S+?:\d+: |\[\d\d:\d\d:\d\d\] )")  # a file's line, or the time: 警告：/错误： after it
TAGS = ("警告：", "提示：", "错误：")

# MkDocs' warning of a docs/ page's link to no file (page, link, target, a suggestion): said in
# Chinese below, and left out where the check told it (ToldLinks).
MISSING = re.compile(r"Doc file '(.*)' contains a link '(.*)', but the target (?:'(.*)' )?is not found among documentation files\.(?: Did you mean '(.*)'\?)?")

# MkDocs' own lines, in Chinese; None: left out (said already by brandsite build itself).
ROUTINE = [
    (re.compile(r"Cleaning site directory"), None),
    (re.compile(r"Building documentation to directory: .*", re.S), None),
    (re.compile(r"Documentation built in ([\d.]+) seconds"), lambda m: f"网站生成用时 {float(m.group(1)):.1f} 秒"),
    (re.compile(r"The following pages exist in the docs directory, but are not included in the \"nav\" configuration:\n(.*)", re.S),
     lambda m: "以下页面在 docs/ 里，但不在 mkdocs.yml 的 nav（导航）中，网站上可以打开，菜单里没有：\n" + m.group(1)),
    (re.compile(r"A reference to '(.*)' is included in the 'nav' configuration, which is not found in the documentation files\."),
     lambda m: f"mkdocs.yml 的 nav（导航）里写了“{m.group(1)}”，但 docs/ 里没有这个文件：请改正文件名，或从 nav 里删去这一行"),
    (MISSING,
     lambda m: f"docs/{m.group(1)} 里的链接“{m.group(2)}”找不到要打开的文件"
               + (f"（您是不是想写 {m.group(4)}？）" if m.group(4) else "") + "：请改正链接里的文件名（大小写、空格都要一致），或把文件放进 docs/"),
    # the preview's (brandsite serve, make serve); the plugin itself says where to open it
    (re.compile(r"Building documentation\.\.\."), lambda m: "正在生成预览……"),
    (re.compile(rf"{_AT}Watching paths for changes: .*", re.S), None),
    (re.compile(rf"{_AT}Serving on \S+( and opening it in a browser)?"), None),
    (re.compile(rf"{_AT}Browser connected: .*"), None),
    (re.compile(rf"{_AT}Detected file changes"), lambda m: f"{m.group(1) or ''}发现文件改动，正在更新预览……"),
    (re.compile(rf"{_AT}Reloading browsers"), lambda m: f"{m.group(1) or ''}预览已更新，打开的页面会自动刷新"),
    (re.compile(rf"{_AT}An error happened during the rebuild\. The server will appear stuck until build errors are resolved\."),
     lambda m: f"{m.group(1) or ''}更新预览时出错（见上方）。改正之前预览的页面打不开，浏览器会一直等待；改正并保存后马上恢复"),
    (re.compile(r"Shutting down\.\.\."), lambda m: "预览已结束"),
]


@contextlib.contextmanager
def in_chinese():
    """MkDocs' log through ChineseHandler alone while the block runs (a build or the preview in
    this process, as brandsite build and brandsite serve run them); as it was afterwards."""
    logger = logging.getLogger("mkdocs")
    kept = (list(logger.handlers), logger.level, logger.propagate)
    logger.handlers[:] = [ChineseHandler()]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.handlers[:] = kept[0]
        logger.setLevel(kept[1])
        logger.propagate = kept[2]


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
    first, *more = message.split("\n")
    # each further line with a place of its own (an error of several files, docs/ files refused together) is tagged too
    return "\n".join([_tagged(first, tag, always=True), *(_tagged(line, tag) for line in more)])


def _tagged(line: str, tag: str, always: bool = False) -> str:
    place = PLACE.match(line)
    rest = line[place.end():] if place else line
    if rest.startswith(TAGS) or not (place or always):
        return line
    return f"{place.group(1)}{tag}{rest}" if place else f"{tag}{line}"


class ToldLinks(logging.Filter):
    """Leaves out MkDocs' own warning of a docs/ page's link to no file when the check told it
    already, at its line (one mistake, one warning, counted once by a strict build): `told`, this
    build's problems of kind docpages.MISSING_LINK, of pages in `docs` (docs/ as the check names it).
    On the logger of MkDocs' pages (PAGES_LOGGER): the record is gone before any handler sees or counts it."""

    def __init__(self) -> None:
        super().__init__()
        self.told: list = []
        self.docs = "docs"

    def filter(self, record: logging.LogRecord) -> bool:
        found = MISSING.fullmatch(record.getMessage().strip())
        return not (found and any(p.path == f"{self.docs}/{found.group(1)}" and f"链接“{found.group(2)}”" in p.message
                                  for p in self.told))


PAGES_LOGGER = "mkdocs.structure.pages"
TOLD_LINKS = ToldLinks()  # one a process: its builds run one after another


def tell_links_once(problems, docs: str) -> None:
    """From now on MkDocs' own warning of a missing link among `problems` is left out (ToldLinks)."""
    TOLD_LINKS.told, TOLD_LINKS.docs = [p for p in problems if p.kind == docpages.MISSING_LINK], docs
    logging.getLogger(PAGES_LOGGER).addFilter(TOLD_LINKS)  # once: the same filter is not added twice


class ChineseHandler(logging.StreamHandler):
    """Writes each line as `chinese` says it (to standard error), and nothing for a line left out."""

    def emit(self, record: logging.LogRecord) -> None:
        line = chinese(record)  # once a record: it is the line, not a filter before a formatter saying it again
        if line is None:
            return
        try:
            self.stream.write(line + self.terminator)
            self.flush()
        except Exception:
            self.handleError(record)
