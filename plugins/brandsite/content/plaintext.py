"""Markdown prose to one plain paragraph, for what is not a page: the page's description,
print (posters, share cards, the application form), excerpts, lengths and comparisons.
No MkDocs imports."""

from __future__ import annotations

import re
from html import unescape as html_unescape

from .prose import BIDI, DROPPED_WITH_CONTENT
from .yamlwords import UNWRITABLE

# A tag, over lines too (the page drops "</a\n...>" whole); "a < b > c" is text.
_TAG_LIKE = re.compile(r"</?[A-Za-z][^<>]{0,1000}>")
_EMPHASIS = (re.compile(r"\*\*([^*\n]{1,500})\*\*"), re.compile(r"(?<!\w)__([^_\n]{1,500})__(?!\w)"),
             re.compile(r"(?<![\w*])\*([^*\s][^*\n]{0,500}?)\*(?![\w*])"), re.compile(r"(?<!\w)_([^_\s][^_\n]{0,500}?)_(?!\w)"),
             re.compile(r"`([^`\n]{1,500})`"))
# A reference link's definition ([备注]: url "title", the title perhaps on the next line): not on the page.
_LINK_DEFINITION = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]\n]{1,500}\]:[^\n]*(?:\n[ \t]+[\"'(][^\n]*)?", re.M)

# What starts something the page never shows: a comment, CDATA, a declaration or processing
# instruction (<!x ...>, <?x ...?>: comments to a browser), an element dropped with its content.
_HIDDEN_START = re.compile(r"<!--|<!\[CDATA\[|<[!?]|<(" + "|".join(sorted(DROPPED_WITH_CONTENT)) + r")(?=[\s/>])", re.I)
_HIDDEN_END = {name: re.compile(f"</{name}(?=[\\s/>])", re.I) for name in DROPPED_WITH_CONTENT}
_COMMENT_END = re.compile(r"--!?>")


def _hidden_end(text: str, found: re.Match) -> int:
    """Where what `found` starts ends (the index after it), or -1: it runs to the end of the text."""
    start, at = found.group(0), found.end()
    if start == "<!--":
        if text.startswith(">", at):  # <!--> and <!---> are empty comments
            return at + 1
        if text.startswith("->", at):
            return at + 2
        end = _COMMENT_END.search(text, at)  # --> or --!>, whichever comes first
        return end.end() if end else -1
    if start.upper() == "<![CDATA[":
        end = text.find("]]>", at)
        return end + 3 if end >= 0 else -1
    if start in ("<!", "<?"):
        end = text.find(">", at)
        return end + 1 if end >= 0 else -1
    name = found.group(1).lower()
    at = _tag_end(text, at)  # a quoted attribute may hold "</style>"
    closing = _HIDDEN_END[name].search(text, at)
    end = text.find(">", closing.end()) if closing else -1
    return end + 1 if end >= 0 else -1


def _tag_end(text: str, at: int, most: int = 2000) -> int:
    """After the ">" that ends the start tag begun before `at`, quotes respected; within `most`
    characters, else after the first ">" (or `at` when there is none)."""
    quote = ""
    for i in range(at, min(len(text), at + most)):
        char = text[i]
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == ">":
            return i + 1
    end = text.find(">", at)
    return end + 1 if end >= 0 else at


def _without_hidden(text: str) -> str:
    """`text` without what the page never shows: HTML comments, CDATA, declarations and the
    elements the cleaning drops with their content (<style>, <template>, <script> ...). An
    editor's note kept there would otherwise reach the page's description, the share card and
    the poster. Unclosed, each hides the rest of the text. One pass: each search starts where
    the last one ended."""
    out, at = [], 0
    while (found := _HIDDEN_START.search(text, at)) is not None:
        out.append(text[at:found.start()])
        at = _hidden_end(text, found)
        if at < 0:
            return "".join(out)
    return "".join(out) + text[at:]


def plain_text(markdown_text: str) -> str:
    """Markdown prose as one plain paragraph: the text of links kept; images, HTML tags, heading,
    quote and list markers and emphasis marks dropped; lines joined without a space.

    Every pattern is bounded or anchored, so that no text (thousands of "![" or
    "<" without an end) makes the regular expressions quadratic.
    """
    text = _LINK_DEFINITION.sub("", _without_hidden(UNWRITABLE.sub("", BIDI.sub("", markdown_text))))
    text = re.sub(r"!\[[^\[\]\n]{0,500}\]\([^()\n]{0,2000}\)", "", text)
    text = re.sub(r"\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)", r"\1", text)
    text = re.sub(r"\[([^\[\]\n]{1,500})\]\[[^\[\]\n]{0,500}\]", r"\1", text)  # [text][label]
    # footnotes: the note's text stays, its [^1] marks go
    text = re.sub(r"^[ \t]{0,3}\[\^[^\[\]\s]{1,100}\]:[ \t]*", "", text, flags=re.M)
    text = re.sub(r"\[\^[^\[\]\s]{1,100}\]", "", text)
    text = _TAG_LIKE.sub("", text)  # a tag; "a < b > c" is text
    text = re.sub(r"^[ \t]{0,3}(?:#+|>|[-*+]|\d+\.)[ \t]+", "", text, flags=re.M)
    for marks in _EMPHASIS:  # paired marks only: 7*24 小时 and site_name keep theirs
        text = marks.sub(r"\1", text)
    text = "".join(line.strip() for line in text.split("\n"))
    return html_unescape(re.sub(r"[ \t]+", " ", text).strip())  # AT&amp;T is AT&T
