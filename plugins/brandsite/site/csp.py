"""A Content-Security-Policy <meta> for every page. No MkDocs imports.

Defence in depth behind the escaping and the prose allowlist: even if markup got
into a page, the browser would run no inline script, no inline event handler and
no javascript: URL. Hosts that cannot set headers (GitHub and GitLab Pages, a
zip on a file share) get the policy too, because it travels in the page.

Material puts a few small inline scripts into every page (its storage helpers,
the palette, the tabs). They are allowed by their SHA-256 hashes, computed from
the page as it is written, for the scripts the theme's templates hold
(`TemplateScripts`: every inline script in the template folders the site uses,
the site's own overrides too, a `{{ … }}` in one standing for a path of this site
with no quote, scheme or // in it). A script written anywhere else, by whatever value a template
prints as it is (a nav title, a theme option, a page's front matter), gets no hash
and does not run. Scripts inside the page's content (Material's
`<article class="md-content__inner">`) are never hashed: they came from Markdown.
"""

from __future__ import annotations

import base64
import hashlib
import html.parser
import os
import re
from pathlib import Path

# Pagefind compiles its WebAssembly search core; nothing here loads from another host.
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_CONTENT_START = re.compile(r'<article class="md-content__inner\b')
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
# Scripts the browser does not run as JavaScript: data blocks such as Material's __config.
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?(?!text/javascript|module|application/javascript)[\w/+.-]+""", re.I)


def _runs_inline(attrs: str) -> bool:
    """Whether a <script> with these attributes runs its own text: not one that loads a file, not a data block."""
    return not re.search(r"\bsrc\s*=", attrs, re.I) and not _DATA_TYPE.search(attrs)


def _content_span(html: str) -> tuple[int, int]:
    start = _CONTENT_START.search(html)
    if not start:
        return (0, 0)
    end = html.rfind("</article>")
    return (start.start(), end if end > start.start() else len(html))


# What a template's {{ … }} inside a script may become: a path on this site (base_url, the
# site's scope), never a quote, backslash or angle bracket that would end the string it is in,
# nor another site's address (no scheme, no //): Material's redirect page takes one from front
# matter, and its script, allowed anywhere, would send every visitor away.
_VALUE = r"(?!//)[A-Za-z0-9._~/%#?=&+@!$,;*-]*"
_JINJA = re.compile(r"\{\{.*?\}\}", re.S)


class TemplateScripts:
    """The inline scripts the theme's templates hold, in the template folders `dirs` (the site's
    custom_dir, this plugin's, Material's), as patterns a page's scripts must match whole."""

    def __init__(self, dirs):
        found: set[str] = set()
        for folder in dirs:
            for parent, names, files in os.walk(folder):
                names[:] = [n for n in names if not n.startswith(".")]  # Material's .icons: thousands of SVGs
                for name in files:
                    if name.endswith(".html"):
                        found |= self._scripts(Path(parent, name).read_text(encoding="utf-8", errors="replace"))
        self.patterns = [re.compile(p, re.S) for p in sorted(found)]

    @staticmethod
    def _scripts(template: str) -> set[str]:
        out = set()
        for m in _SCRIPT.finditer(template):
            attrs, body = m.group(1), m.group(2)
            if not _runs_inline(attrs) or "{%" in body or "{#" in body:
                continue
            out.add(_VALUE.join(re.escape(part) for part in _JINJA.split(body)))
        return out

    def allows(self, body: str) -> bool:
        return any(p.fullmatch(body) for p in self.patterns)


def inline_hashes(html: str, scripts: TemplateScripts) -> list[str]:
    """CSP source expressions for the inline scripts outside the page's content that the theme's
    templates hold, in page order."""
    begin, end = _content_span(html)
    hashes: list[str] = []
    for m in _SCRIPT.finditer(html):
        attrs, body = m.group(1), m.group(2)
        if begin <= m.start() < end or not _runs_inline(attrs) or not scripts.allows(body):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(html: str, scripts: TemplateScripts) -> str:
    hashes = inline_hashes(html, scripts)
    return POLICY.format(hashes="".join(" " + h for h in hashes))


class _HeadPolicy(html.parser.HTMLParser):
    """Whether <head> holds a <meta http-equiv="Content-Security-Policy">; stops at <body>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = self.done = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.done = True
        elif tag == "meta" and not self.done:
            equiv = dict(attrs).get("http-equiv") or ""
            self.found = self.found or equiv.strip().lower() == "content-security-policy"

    def handle_endtag(self, tag):
        if tag == "head":
            self.done = True


def _has_policy(page: str) -> bool:
    end = page.find("<body")
    parser = _HeadPolicy()
    parser.feed(page[:end] if end >= 0 else page)
    return parser.found


def add_policy(html: str, scripts: TemplateScripts) -> str:
    """The page with its policy as the first thing in <head> after the charset, so it covers every script."""
    head = _HEAD.search(html)
    if not head:
        return html
    # A policy the theme's own templates put in <head> (an override) is kept as it is. Only a
    # real <meta http-equiv> element there counts, as a browser parses the page: text that
    # spells one out, in the content or inside another tag's attribute, turns nothing off.
    if _has_policy(html):
        return html
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, scripts)}">'
    charset = _CHARSET.search(html, head.end())
    at = charset.end() if charset and charset.start() - head.end() < 200 else head.end()
    return html[:at] + "\n    " + tag + html[at:]
