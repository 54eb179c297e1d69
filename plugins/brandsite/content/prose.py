"""Editors' prose to safe HTML: Markdown, then an allowlist. No MkDocs imports.

The connotation, story.md, case bodies and cluster intros are Markdown that editors write or
paste from WeChat and office documents. They are converted with Python-Markdown and a fixed
set of extensions (no attr_list, no md_in_html: no way to write attributes), then cleaned by
nh3 (Ammonia) with an allowlist of tags and attributes: no `on*`, no `style`, no `id`/`class`,
no `data-*` (so no `data-pagefind-*`), and links only to http, https, mailto, inside the brand folder or to another brand.

Every relative link or image is resolved inside the brand folder (prose_links.py). It
survives only when it names one of the brand's raster photos that exists, or (a link) one of
the cases the page's audience has; a photo is then recorded in `Prose.refs`, so that a build
publishes exactly the photos the shown prose references, however the reference was written.
Images never load from another host: an intranet visitor could not see them.

`removals` runs the same judgement over the same HTML and says what the cleaning takes away,
with the line, so that `brandsite check` can warn first. `plain_text` is the one way to
Markdown's text without markup (excerpts, lengths, comparisons, print).
"""

from __future__ import annotations

import functools
import hashlib
import html.parser
from html import escape as html_escape, unescape as html_unescape
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

import markdown
import nh3

from . import paragraphs
from .prose_links import CASE, LINK_SCHEMES, LOCAL, PATH, URL_NOISE, judge_url, localise_brands
from .prose_limits import MAX_DEPTH, MAX_SPAN, complexity, depth
from .prose_where import BIDI, TOLD, Written, reordering
from .yamlwords import UNWRITABLE  # taken out of prose, as YAML values refuse them

# Python-Markdown's own output needs no attributes beyond these; everything else came from pasted HTML.
EXTENSIONS = ["tables", "sane_lists", "fenced_code", "toc", "footnotes"]
# Headings get ids (and so a place in the page's table of contents), under ID_PREFIX so that no
# id an editor writes can clash with the theme's own (`__config`, `__search`, …).
ID_PREFIX = "bs-"
# The brand page's own sections (views/brand.html), linked as written: [典型案例](../#典型案例).
BRAND_SECTIONS = frozenset({"理念内涵", "工作载体", "工作成效", "典型案例", "创建档案", "年度深化目标", "品牌故事", "共建对子"})
# No <q>: Chromium's work for quotation marks grows with the square of the <q> on a page (16,000
# took 24 s to open); its text stays.
TAGS = frozenset("""
    p br hr h1 h2 h3 h4 h5 h6 strong em b i u s del ins mark sub sup small abbr cite
    blockquote ul ol li dl dt dd table thead tbody tfoot tr th td caption
    code pre kbd a img figure figcaption span div
""".split())
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "colspan", "rowspan"}, "td": {"align", "colspan", "rowspan"},
    "ol": {"start"}, "abbr": {"title"},
    # every heading: the toc extension gives each one an id (nh3 prefixes it, ID_PREFIX)
    **{f"h{level}": {"id"} for level in range(1, 7)},
    # footnotes ([^1]): the mark in the text and the note, each the other's link target
    "sup": {"id"}, "li": {"id"},
}
# The footnotes' own classes (the theme styles them); no other class is kept.
CLASSES = {"div": {"footnote"}, "a": {"footnote-ref", "footnote-backref"}}
URL_ATTRIBUTES = {("a", "href"), ("img", "src")}
# Removed together with their content: what they hold is code or another document, not prose.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math",
                                  "frame", "frameset", "noembed", "noframes", "xmp", "plaintext", "textarea", "select"})
_LOCAL_ATTR = re.compile(r'(\s(?:href|src)=")bs-local:/')
_CASE_ATTR = re.compile(r'(\shref=")bs-case:/([^"]*)"')


@dataclass(frozen=True)
class Prose:
    html: str  # cleaned; local URLs marked with LOCAL
    refs: frozenset[str]  # brand-folder paths of the photos it shows or links to
    images: frozenset[str] = frozenset()  # those of them it shows (<img>)
    too_deep: bool = False  # nested beyond prose_limits.MAX_DEPTH: shown as plain text
    cases: frozenset[str] = frozenset()  # slugs of the brand's cases it links to


@functools.lru_cache(maxsize=1)
def _slugify():
    from pymdownx.slugs import slugify

    return slugify(case="lower")


def heading_id(heading: str) -> str:
    """The id a heading of editors' prose gets on its page (the toc extension's, then ID_PREFIX)."""
    return ID_PREFIX + _slugify()(heading, "-")


@functools.lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    configs = {"tables": {"use_align_attribute": True}, "toc": {"slugify": _slugify(), "permalink": False},
               "footnotes": {"BACKLINK_TITLE": "回到正文", "SEPARATOR": "-"}}
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=configs, output_format="html")
    # A line indented four spaces is no code block here: editors indent a paragraph's first line, or
    # a line of connotation: | by a few spaces too many, and it showed as a grey code box. Fenced
    # code (```) still is one.
    md.parser.blockprocessors.deregister("code")
    return md


def to_html(text: str) -> str:
    """Markdown to HTML, before cleaning; prose beyond `complexity`'s bounds comes out as plain text."""
    text = text.strip()
    if complexity(text) is not None:
        return f"<p>{html_escape(text)}</p>"
    try:
        return _to_html(paragraphs.split(text))
    except RecursionError:
        return f"<p>{html_escape(text)}</p>"


def taken_out(text: str) -> str:
    """`text` without bidi controls and characters YAML cannot hold: the source, and again the
    cleaned HTML, where nh3 has made character references (&#8238;, &#1;) those characters."""
    return UNWRITABLE.sub("", BIDI.sub("", text))


def page_html(text: str) -> str:
    """The HTML of `text` before cleaning (taken_out, then converted), for `render` and plaintext.py.
    Word's line break inside a paragraph (Shift+Enter) is pasted as U+000B: a line break, as in
    Word, not a control character taken out, which glued the two lines' words together."""
    return to_html(taken_out(text.replace("\x0b", "  \n")))


@functools.lru_cache(maxsize=8192)
def _to_html(text: str) -> str:
    # Cached: the check, the photo list and the pages convert the same texts in one build.
    converter = _converter()
    converter.reset()
    return converter.convert(text.replace("\x00", ""))


def render(text: str, base: str = "", files: frozenset[str] = frozenset()) -> Prose:
    """Clean HTML of `text`; `base` is the text's folder inside the brand folder ("" or "cases")."""
    if not text or not text.strip():
        return Prose("", frozenset())
    return _render(text.strip(), base, frozenset(files))


@functools.lru_cache(maxsize=16384)
def _render(text: str, base: str, files: frozenset[str]) -> Prose:
    # Cached: the check, the photo lists and the pages ask for the same texts (a pure function).
    refs: set[str] = set()
    images: set[str] = set()
    cases: set[str] = set()

    raw = page_html(text)
    if 'class="footnote' in raw:
        # one page shows several texts (the connotation, story.md): each text's notes get ids of its own
        mark = hashlib.blake2b(text.encode("utf-8"), digest_size=3).hexdigest()
        raw = _FOOTNOTE_ID.sub(lambda m: f"{m.group(1)}{m.group(2)}-{mark}-", raw)
    own = {html_unescape(i) for i in _ID.findall(raw)}
    if "footnote-backref" in raw:
        # a note the text never refers to ([^1]: with no [^1]) has no mark to go back to
        raw = _BACKREF.sub(lambda m: m.group() if html_unescape(m.group(1)) in own else "", raw)

    def keep(tag: str, attr: str, value: str) -> str | None:
        if attr in ("colspan", "rowspan"):  # 3,300 cells of colspan="1000" took 3 s to lay out
            return value if value.strip().isdigit() and 0 < int(value) <= MAX_SPAN else None
        if (tag, attr) not in URL_ATTRIBUTES:
            return value
        kept, _ = judge_url(tag, attr, value, base, files)
        if kept and kept.startswith("#"):
            # to one of this text's ids (a heading, a footnote), which get the prefix; a section
            # of the page (#理念内涵) keeps its own
            return "#" + ID_PREFIX + kept[1:] if unquote(kept[1:]) in own else kept
        if kept and kept.startswith(CASE) and kept.partition("#")[0] != CASE:
            cases.add(unquote(kept[len(CASE):].partition("#")[0]))
        if kept and kept.startswith(LOCAL):
            refs.add(unquote(kept[len(LOCAL):]))
            if tag == "img":
                images.add(unquote(kept[len(LOCAL):]))
        return kept

    cleaned = taken_out(nh3.clean(
        raw, tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()}, attribute_filter=keep,
        allowed_classes={k: set(v) for k, v in CLASSES.items()},
        url_schemes=set(LINK_SCHEMES | {"bs-local", "bs-case", "bs-brand"}), strip_comments=True, link_rel="noopener noreferrer",
        id_prefix=ID_PREFIX))
    if depth(cleaned) > MAX_DEPTH:  # the check refuses it (field_rules): plain text, as to_html's
        return Prose(f"<p>{html_escape(text)}</p>", frozenset(), frozenset(), too_deep=True)
    return Prose(join_cjk_lines(_captioned(_without_empty(cleaned))), frozenset(refs), frozenset(images), cases=frozenset(cases))


# An image alone in its paragraph with words in ![…]: its caption (图注), under it; not a bare 图片 or its file name.
_ALONE = re.compile(r'<p>(<img\b[^>]*\salt="([^"]+)"[^>]*>)</p>')
_NO_CAPTION = {"图片", "照片", "图", "图像", "配图", "image", "photo", "img", "picture"}
_MARKS, _UNMARKED = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|`([^`]+)`"), r"\1\2\3"  # Markdown alt keeps: **加粗** shown as 加粗


def _captioned(html: str) -> str:
    def figure(m: re.Match) -> str:
        alt = m.group(2).strip()
        src = _SRC.search(m.group(1))
        name = unquote(src.group(1)).rsplit("/", 1)[-1] if src else ""
        if not html_unescape(alt).strip(" \u3000\xa0\t") or alt.lower() in _NO_CAPTION or alt in (name, name.rsplit(".", 1)[0]):
            return m.group(0)
        return f'<figure class="bs-figure">{m.group(1)}<figcaption>{_MARKS.sub(_UNMARKED, alt)}</figcaption></figure>'
    return _ALONE.sub(figure, html) if "<img" in html else html


# What the cleaning left of a refused image or link: an <img> without src (a broken-image
# icon) and an <a> without href (link-coloured text that goes nowhere). nh3's output, so one
# tag per match and attributes in double quotes; only tags are taken out, never put in.
_ID = re.compile(r'\sid="([^"]*)"')
_FOOTNOTE_ID = re.compile(r'(\sid="|\shref="#)(fn|fnref)-')
# The footnotes extension's link back to a note's mark: <a class="footnote-backref" href="#…" …>↩</a>.
_BACKREF = re.compile(r'(?:&#160;|&nbsp;|\xa0)?\s*<a class="footnote-backref" href="#([^"]*)"[^>]*>[^<]*</a>')
_IMG_WITHOUT_SRC = re.compile(r"<img\b(?![^>]*\ssrc=)[^>]*>")
_ALT = re.compile(r'\salt="([^"]*)"')
_SRC = re.compile(r'\ssrc="([^"]*)"')
_A_WITHOUT_HREF = re.compile(r"<a\b(?![^>]*\shref=)[^>]*>(.*?)</a>", re.S)


def _without_empty(cleaned: str) -> str:
    """A refused image shows as its alt text, and a refused link as its text: as the check says."""
    if "<img" in cleaned:
        cleaned = _IMG_WITHOUT_SRC.sub(lambda m: (_ALT.search(m.group()) or ["", ""])[1], cleaned)
    if "<a" in cleaned:
        cleaned = _A_WITHOUT_HREF.sub(r"\1", cleaned)
    return cleaned


# A line break inside a paragraph shows as a space, which Chinese text does not have: editors
# break long lines anywhere (“党员教师⏎当园丁”), so a break between two Chinese characters or
# marks is taken out, as Chinese Markdown renderers do. Not inside <pre>, where lines are kept.
CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"  # a character class's ranges
# (also after ASCII punctuation that follows a Chinese character: “生产线上,⏎让党员”, and next to
# the quotes, dashes and ellipsis Chinese shares with English: “以⏎“党员灯塔”为理念”; not between two
# of those, which English has too)
_SHARED = "\u2014\u2018\u2019\u201c\u201d\u2026"
# After a Chinese stop or comma (。，、：) a break is no space whatever follows: “老人。⏎2023 年”.
_CJK_STOP = "\u3001\u3002\u300b\u300d\u300f\u3011\uff01\uff09\uff0c\uff1a\uff1b\uff1f"
_CJK_BREAK = re.compile(f"(?:(?<=[{CJK}])|(?<=[{CJK}][,.;:!?]))[ \t]*\n[ \t]*(?=[{CJK}{_SHARED}])"
                        f"|(?<=[{_SHARED}])[ \t]*\n[ \t]*(?=[{CJK}])"
                        f"|(?<=[{_CJK_STOP}])[ \t]*\n[ \t]*(?=[\\w“‘(<])")
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S | re.I)


def join_cjk_lines(html_text: str) -> str:
    if "\n" not in html_text:
        return html_text
    parts = _PRE.split(html_text)
    return "".join(part if i % 2 else _CJK_BREAK.sub("", part) for i, part in enumerate(parts))


def section_id(slug: str, section: str) -> str:
    """The id a case link's #section (as the rendered link holds it) names on the page of case `slug`
    ("": the brand's page): an id as written (#bs-主要做法, #典型案例), else the heading's."""
    section = html_unescape(unquote(section))
    if section and not section.startswith(ID_PREFIX) and (slug or section not in BRAND_SECTIONS):
        return heading_id(section)
    return section


def localise(prose_html: str, prefix: str, case_url=None, brand_url=None) -> str:
    """Local URLs made relative to a page from which the brand folder is at `prefix` ("", "../../", …),
    and links to the brand's cases to `case_url(slug)` (a URL relative to that page; without it, the
    case folder's, cases/x/; slug "": the brand's own page). A section named with the link
    (cases/x.md#主要做法) is the heading of that name on the page (heading_id), or a section of the
    brand page (../#典型案例, BRAND_SECTIONS); an id as the page has it (#bs-主要做法) is kept.
    Links to other brands go to `brand_url(slug, case)`, or are their words alone (localise_brands)."""
    html_out = _LOCAL_ATTR.sub(lambda m: m.group(1) + prefix, prose_html)
    if "bs-brand:/" in html_out:
        html_out = localise_brands(html_out, brand_url, section_id)
    if "bs-case:/" not in html_out:
        return html_out
    to = case_url or (lambda slug: f"{prefix}cases/{quote(slug)}/" if slug else prefix or "./")

    def url(found: str) -> str:
        slug, _, section = found.partition("#")
        section = section_id(unquote(slug), section)
        return to(unquote(slug)) + ("#" + quote(section, safe="") if section else "")

    return _CASE_ATTR.sub(lambda m: m.group(1) + html_escape(url(m.group(2))) + '"', html_out)


class _Scanner(html.parser.HTMLParser):
    def __init__(self, base: str, files: frozenset[str]):
        super().__init__(convert_charrefs=True)
        self.base, self.files = base, files
        self.found: list[tuple[str, str]] = []  # (needle to find the source line, what is removed)
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag in DROPPED_WITH_CONTENT:
                self.skip += 1
            return
        if tag in DROPPED_WITH_CONTENT:
            self.found.append((f"<{tag}", f"<{tag}> 及其内容"))
            self.skip = 1
            return
        if tag not in TAGS:
            self.found.append((f"<{tag}", f"“<{tag}>”标签（文字保留）"))
        allowed = ATTRIBUTES.get(tag, set()) if tag in TAGS else set()
        for name, value in attrs:
            if name == "class" or (tag not in TAGS and not name.startswith("on")):
                continue  # harmless styling, or an attribute of a tag already reported
            if name not in allowed:
                self.found.append((name, f"属性“{name}=”"))
            elif (tag, name) in URL_ATTRIBUTES:
                kept, why = judge_url(tag, name, value or "", self.base, self.files)
                if kept is None:
                    self.found.append((_needle(value or ""), why))

    def handle_endtag(self, tag):
        if self.skip and tag in DROPPED_WITH_CONTENT:
            self.skip -= 1

    def handle_comment(self, data):
        pass


def _needle(value: str) -> str:
    """What to look for in the source: the value as written (its line), up to LONG_NEEDLE characters."""
    return URL_NOISE.sub("", value).strip()[:LONG_NEEDLE] or "]("


# A URL is looked for whole, so that of two links starting alike (cases/nei-bu-a.md, cases/nei-bu-b.md)
# the one removed is named; then by its start, as Markdown may have written the rest otherwise.
LONG_NEEDLE, SHORT_NEEDLE = 200, 12


_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ATTR = re.compile(r"""([^\s=/"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""")


def _plain(html: str) -> bool:
    """Whether `html` holds only allowed tags and attributes and no link or image: then the
    cleaner removes nothing, and the slower full scan is not needed (most prose is like this)."""
    for m in _TAG.finditer(html):
        tag = m.group(1).lower()
        if tag not in TAGS:
            return False
        allowed = ATTRIBUTES.get(tag, set())
        for name in _ATTR.findall(m.group(2)):
            name = name.lower()
            if name not in allowed or (tag, name) in URL_ATTRIBUTES:
                return False
    return True


def as_read(text: str) -> Written:
    """Each line of `text` as the page's HTML reads it (character references resolved, controls and
    marks gone), lower-cased, so that `&#106;avascript:` is found where it is written; line numbers stay."""
    return Written([URL_NOISE.sub("", taken_out(html_unescape(line))).lower() for line in text.split("\n")])


def removals(text: str, base: str = "", files: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """(line in `text`, what the cleaning removes), one entry per removed thing, in line order."""
    if not text or not text.strip():
        return []
    bidi = reordering(text, PATH)
    html = page_html(text)  # as `render` reads it: a mark it takes out (<scr\u200eipt>) makes a tag there
    if _plain(html):
        return bidi
    scanner = _Scanner(base, files)
    scanner.feed(html)
    scanner.close()
    # one line's same removal once (Word's <p style> and <span style> were two "style=" warnings)
    told, written = {}, as_read(text)
    pos = 0  # after the last thing found: the next is looked for from there on
    for n, (needle, what) in enumerate(scanner.found):
        if len(told) == TOLD:  # each is looked for in the text: 20,000 of them took a minute
            told[(written.line(pos), PATH + f"另有 {len(scanner.found) - n} 处网页代码、脚本或外部资源也会被清除，"
                                          "没有逐一列出。请删去这些代码，只保留文字、链接和 photos/ 里的照片")] = None
            break
        at, pos = written.place(dict.fromkeys((needle.lower(), needle[:SHORT_NEEDLE].lower())), pos)
        told[(written.line(at), what)] = None
    return sorted(dict.fromkeys([*told, *bidi]), key=lambda item: item[0])


def message(what: str, where: str) -> str:
    if what.startswith(PATH):
        return f"{where.strip()}：{what[len(PATH):]}"
    return (f"{where}里的{what}不会出现在网站上（出于安全原因，网页代码、脚本和外部资源会被清除）。"
            "请删去这段代码，只保留文字、链接和 photos/ 里的照片")


def demote(markdown_text: str) -> str:
    """story.md may start with its own `# title`; the brand page has the h1."""
    lines = markdown_text.lstrip("\ufeff").splitlines()
    if lines and re.match(r"^#\s", lines[0]):
        lines = lines[1:]
    return "\n".join(lines)
