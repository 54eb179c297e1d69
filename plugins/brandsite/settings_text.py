"""Settings of mkdocs.yml that the theme writes into every page as they are. No MkDocs imports.

Material puts site_name, site_description and site_author into the pages' text and
attributes without escaping them, and copyright as HTML (the footer). Editors change
these (the guide tells them to), so they are content: a `<`, `>` or `"` in the first
three, or in copyright anything but text, line breaks and links, would be markup on
every page, and a script there would run (the Content-Security-Policy approves the
inline scripts outside the article by their hashes, so it cannot stop one written here).
They are refused, by `brandsite check` and by the build, at their line.
"""

from __future__ import annotations

import html
import html.parser
import re
from pathlib import Path

import nh3

from .errors import BrandsiteError

# setting -> what the guide calls it
PLAIN = {"site_name": "网站名称", "site_description": "网站简介", "site_author": "作者"}
MARKUP = set('<>"')
# What a footer needs: words, a line break, a link to the organiser or a licence.
COPYRIGHT_TAGS = {"a", "br", "p", "span", "strong", "b", "em", "i", "small"}
COPYRIGHT_ATTRIBUTES = {"a": {"href", "title", "target", "rel"}}
COPYRIGHT_SCHEMES = {"http", "https", "mailto"}


def clean_copyright(value: str) -> str:
    return nh3.clean(value, tags=COPYRIGHT_TAGS, attributes=COPYRIGHT_ATTRIBUTES, url_schemes=COPYRIGHT_SCHEMES,
                     link_rel=None, strip_comments=True)


class _Shape(html.parser.HTMLParser):
    """The tags, attributes and text of a fragment as a browser reads them (<br/> is <br>)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list = []

    def handle_starttag(self, tag, attrs):
        self.parts.append((tag, sorted((k, v or "") for k, v in attrs)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.parts.append("/" + tag)

    def handle_data(self, data):
        if self.parts and isinstance(self.parts[-1], str) and self.parts[-1].startswith("text:"):
            self.parts[-1] += data
        else:
            self.parts.append("text:" + data)


def _shape(fragment: str) -> list:
    parser = _Shape()
    parser.feed(fragment)
    parser.close()
    return parser.parts


def refused(settings: dict) -> list[tuple[str, str]]:
    """(setting, message) for each of these settings the pages could not show as written."""
    out = []
    for key, label in PLAIN.items():
        value = settings.get(key)
        if isinstance(value, str) and MARKUP & set(value):
            signs = "、".join(sorted(MARKUP & set(value)))
            out.append((key, f"{key}（{label}）里有英文的 {signs} 符号。网站主题把这一项原样写进每个页面，"
                             "这些符号会被当成网页代码，页面会显示错乱，其中的脚本还会运行。"
                             "请改用中文的书名号《》和引号“”，或删去这些符号"))
    copyright_ = settings.get("copyright")
    if isinstance(copyright_, str) and _shape(clean_copyright(copyright_)) != _shape(copyright_):
        out.append(("copyright", "copyright（页脚文字）里有不能用的网页代码。页脚只能写文字、换行（<br>）和链接"
                                 "（<a href=\"https://…\">文字</a>），脚本、样式、图片和 javascript: 链接都不行。"
                                 "请删去它们，只留文字和链接"))
    return out


def report(found: list[tuple[str, str]], config_file: Path) -> str:
    """`mkdocs.yml:line: message` lines, as the checker gives them."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []

    def line(key: str) -> int:
        return next((n for n, written in enumerate(lines, 1) if re.match(rf"{key}[ \t]*:", written)), 1)

    return "\n".join(f"{config_file.name}:{line(key)}: {said}" for key, said in found)


def stop_on(config) -> None:
    """Raise BrandsiteError, with the checker's messages, when the site's settings hold one refused."""
    found = refused(config)
    if found:
        raise BrandsiteError(report(found, Path(config.config_file_path or "mkdocs.yml")))
