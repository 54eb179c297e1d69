"""Keep generated raw HTML away from the Markdown parser. No MkDocs imports.

Generated pages are Markdown whose structured parts (header block, facts,
carriers, cards) are raw HTML blocks. Python-Markdown passes such blocks
through unchanged, but only after running them through its HTML parser, and
MkDocs parses them once more to collect anchors: at 1,000 brands that was a
fifth of the build. So before Markdown sees a page, each balanced block-level
HTML block that the templates wrote is swapped for a one-word placeholder
paragraph, and the block is put back into the converted HTML: the same output,
without the parsing.

Prose from the brand folder (connotation, story.md, case bodies) is marked by
`prose()` and never swapped: it stays Markdown, with its links and images
resolved by MkDocs. A block that is not balanced, or asks for Markdown inside
(`markdown="1"`), is left to Markdown as before.
"""

from __future__ import annotations

import hashlib
import re

PROSE_START, PROSE_END = "\x02", "\x03"  # control characters; `prose` removes them from the text
TOKEN = "bsraw"
BLOCK_TAGS = frozenset(
    "address article aside blockquote details dialog div dl fieldset figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr main nav ol p pre section table ul".split()
)
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(/?)>|<!--.*?-->", re.S)
_FIRST = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b")
_PLACEHOLDER = re.compile(rf"<p>({TOKEN}[0-9a-f]{{16}})</p>")


def prose(text: str) -> str:
    """Mark Markdown prose so that `stash` leaves it to Markdown."""
    text = text.replace(PROSE_START, "").replace(PROSE_END, "")
    return f"{PROSE_START}{text}{PROSE_END}"


def _depth(block: str, depth: int = 0) -> int | None:
    """Open tags after `block`, starting from `depth`; None if it ever closes more than is open."""
    for close, name, self_closing in _TAG.findall(block):  # tuples: no match objects on this hot path
        if not name or self_closing:  # a comment, or <x/>
            continue
        if name.lower() in VOID:
            continue
        depth += -1 if close else 1
        if depth < 0:
            return None
    return depth


def stash(markdown: str, store: dict[str, str]) -> str:
    """Swap raw HTML blocks for placeholders (kept in `store`); drop the prose marks."""
    chunks = re.split(r"(\n[ \t]*\n)", markdown)
    out: list[str] = []
    in_prose = False
    pending: list[str] = []  # an open block spanning blank lines
    depth = 0
    for i, chunk in enumerate(chunks):
        if i % 2:  # a separator
            (pending if pending else out).append(chunk)
            continue
        has_mark = PROSE_START in chunk or PROSE_END in chunk
        if pending:
            after = None if has_mark or "markdown=" in chunk else _depth(chunk, depth)
            if after is None:  # give up: let Markdown have it as before
                out.extend(pending)
                pending, depth = [], 0
            else:
                pending.append(chunk)
                depth = after
                if depth == 0:
                    out.append(_placeholder("".join(pending), store))
                    pending = []
                continue
        if in_prose or has_mark:
            if has_mark:  # the last mark in the chunk says whether prose goes on after it
                in_prose = chunk.rfind(PROSE_START) > chunk.rfind(PROSE_END)
            out.append(chunk)
            continue
        first = _FIRST.match(chunk.lstrip("\n"))
        if not first or first.group(1).lower() not in BLOCK_TAGS or "markdown=" in chunk:
            out.append(chunk)
            continue
        after = _depth(chunk)
        if after == 0:
            out.append(_placeholder(chunk, store))
        elif after:
            pending, depth = [chunk], after
        else:
            out.append(chunk)
    out.extend(pending)
    return "".join(out).replace(PROSE_START, "").replace(PROSE_END, "")


def _placeholder(block: str, store: dict[str, str]) -> str:
    # The key depends on the content, so a page whose HTML changed has changed Markdown too.
    key = TOKEN + hashlib.blake2b(block.encode("utf-8"), digest_size=8).hexdigest()
    store[key] = block
    return key


def restore(html: str, store: dict[str, str], fallback=None) -> str:
    """Put the stashed blocks back into the HTML Markdown made of the page.

    `fallback()` gives the blocks of a page that was not rendered in this build
    (an incremental build reuses its stored Markdown)."""
    if TOKEN not in html:
        return html
    extra: dict[str, str] = {}

    def back(m: re.Match) -> str:
        key = m.group(1)
        if key in store:
            return store[key]
        if not extra and fallback is not None:
            extra.update(fallback())
        try:
            return extra[key]
        except KeyError:
            raise KeyError(f"raw HTML block {key} was not rendered in this build") from None

    return _PLACEHOLDER.sub(back, html)
