"""Markdown prose to one plain paragraph, for what is not a page: the page's description,
print (posters, share cards, the application form), excerpts, lengths and comparisons.
No MkDocs imports.

The text is the page's own: the prose goes through the same Markdown conversion and the same
cleaning (nh3, which parses HTML as a browser does) as on the page, and what is left is read
as text. So whatever the page never shows stays out of it too: HTML comments, CDATA, bogus
comments ("</ 备注>"), the elements the cleaning drops with their content (<style>, <template>
...), link definitions wherever Markdown takes them (in a quote, a list, over two lines). An
editor's note kept there would otherwise reach the description, the share card and the poster.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

import nh3

from .prose import DROPPED_WITH_CONTENT, TAGS, join_cjk_lines, page_html, taken_out

# Each starts a line of its own on the page: its text is not run into the text before it by a space.
_BLOCKS = frozenset("p br hr h1 h2 h3 h4 h5 h6 blockquote ul ol li dl dt dd table thead tbody tfoot tr th td "
                    "caption pre figure figcaption div".split())
# The footnote marks ([^1]) and their way back (↩): the notes' text stays. Known by their shape
# (a link to a note, a number or the arrow), not by the class alone, which editors can write too.
_MARKS = frozenset({"footnote-ref", "footnote-backref"})
_MARK_TEXT = re.compile(r"\d{1,4}|\u21a9\ufe0e?")


class _Text(HTMLParser):
    """The text of cleaned HTML, block by block; a line break inside a block a space."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.mark: list[str] | None = None  # the text of a footnote mark being read

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append("\n")
        attrs = dict(attrs)
        if tag == "a" and _MARKS & set((attrs.get("class") or "").split()) and (attrs.get("href") or "").startswith("#fn"):
            self.mark = []

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.parts.append("\n")
        elif tag == "a" and self.mark is not None:
            text, self.mark = "".join(self.mark), None
            if not _MARK_TEXT.fullmatch(text.strip()):
                self.parts.append(text)

    def handle_data(self, data):
        (self.mark if self.mark is not None else self.parts).append(data.replace("\n", " "))


@functools.lru_cache(maxsize=8192)
def plain_paragraphs(markdown_text: str) -> tuple[str, ...]:
    """The text of each block (paragraph, heading, list item ...) of the prose, as the page shows it."""
    text = markdown_text.strip()
    if not text:
        return ()
    cleaned = taken_out(nh3.clean(page_html(text), tags=set(TAGS),
                                  clean_content_tags=set(DROPPED_WITH_CONTENT), attributes={"a": {"class", "href"}},
                                  strip_comments=True, url_schemes=set(), link_rel=None))
    reader = _Text()
    reader.feed(join_cjk_lines(cleaned))
    reader.close()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(reader.parts).split("\n"))
    return tuple(line for line in lines if line)


def plain_text(markdown_text: str) -> str:
    """Markdown prose as one plain paragraph, as the page shows it: the text of links kept;
    images, tags, heading, quote and list markers and emphasis marks gone; blocks joined
    without a space (Chinese has none), entities the characters they name."""
    return "".join(plain_paragraphs(markdown_text))
