"""Markdown prose to one plain paragraph, for what is not a page: the page's description,
print (posters, share cards, the application form), excerpts, lengths and comparisons.
No MkDocs imports."""

from __future__ import annotations

import re
from html import unescape as html_unescape

from .prose import BIDI, DROPPED_WITH_CONTENT
from .yamlwords import UNWRITABLE

_TAG_LIKE = re.compile(r"</?[A-Za-z!?][^<>\n]{0,1000}>")
_EMPHASIS = (re.compile(r"\*\*([^*\n]{1,500})\*\*"), re.compile(r"(?<!\w)__([^_\n]{1,500})__(?!\w)"),
             re.compile(r"(?<![\w*])\*([^*\s][^*\n]{0,500}?)\*(?![\w*])"), re.compile(r"(?<!\w)_([^_\s][^_\n]{0,500}?)_(?!\w)"),
             re.compile(r"`([^`\n]{1,500})`"))


_HIDDEN_START = re.compile(r"<!--|<(" + "|".join(sorted(DROPPED_WITH_CONTENT)) + r")\b[^<>]{0,1000}>", re.I)
_HIDDEN_END: dict[str, re.Pattern] = {}


def _without_hidden(text: str) -> str:
    """`text` without what the page never shows: HTML comments and the elements the cleaning
    drops with their content (<style>, <template>, <script> ...). An editor's note kept in a
    comment would otherwise reach the page's description, the share card and the poster.
    Unclosed, each hides the rest of the text, as in the page. One pass, str.find only."""
    out, at = [], 0
    while (found := _HIDDEN_START.search(text, at)) is not None:
        out.append(text[at:found.start()])
        if found.group(0) == "<!--":
            end = text.find("-->", found.end())
            close = end + 2
        else:
            end_tag = _HIDDEN_END.setdefault(found.group(1).lower(), re.compile(f"</{found.group(1)}", re.I)).search(text, found.end())
            end = end_tag.start() if end_tag else -1
            close = text.find(">", end)
        if end < 0 or close < 0:
            return "".join(out)
        at = close + 1
    return "".join(out) + text[at:]


def plain_text(markdown_text: str) -> str:
    """Markdown prose as one plain paragraph: the text of links kept; images, HTML tags, heading,
    quote and list markers and emphasis marks dropped; lines joined without a space.

    Every pattern is bounded or anchored, so that no text (thousands of "![" or
    "<" without an end) makes the regular expressions quadratic.
    """
    text = _without_hidden(UNWRITABLE.sub("", BIDI.sub("", markdown_text)))
    text = re.sub(r"!\[[^\[\]\n]{0,500}\]\([^()\n]{0,2000}\)", "", text)
    text = re.sub(r"\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)", r"\1", text)
    # footnotes: the note's text stays, its [^1] marks go
    text = re.sub(r"^[ \t]{0,3}\[\^[^\[\]\s]{1,100}\]:[ \t]*", "", text, flags=re.M)
    text = re.sub(r"\[\^[^\[\]\s]{1,100}\]", "", text)
    text = _TAG_LIKE.sub("", text)  # a tag; "a < b > c" is text
    text = re.sub(r"^[ \t]{0,3}(?:#+|>|[-*+]|\d+\.)[ \t]+", "", text, flags=re.M)
    for marks in _EMPHASIS:  # paired marks only: 7*24 小时 and site_name keep theirs
        text = marks.sub(r"\1", text)
    text = "".join(line.strip() for line in text.split("\n"))
    return html_unescape(re.sub(r"[ \t]+", " ", text).strip())  # AT&amp;T is AT&T
