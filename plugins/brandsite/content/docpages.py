"""The site's own pages in docs/ (the home page's text, the guides, any page an editor adds there):
what the site publishes of them. No MkDocs imports.

docs/ is content: a pull request that changes only docs/ is checked, built and published as a
brand's is. So a page there is cleaned as editors' prose is (prose.py), with the allowlist
widened for what the Markdown extensions of mkdocs.yml make (admonitions, collapsible blocks,
code blocks, attribute lists' classes), and only files of a few kinds are published beside the
pages: a script, a style sheet, a web page or an SVG file would be published as it is and run
in visitors' browsers, and one named like a theme file would take its place on every page.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import nh3
from markupsafe import escape

from . import prose

TAGS = prose.TAGS | {"details", "summary"}
ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in prose.ATTRIBUTES.items()},
    # ids the toc and attr_list extensions give (links such as errors.md#yaml lead to them)
    "*": {"class", "id"},
    "details": {"open"},
}
# The theme's own ids (__search, __drawer): an element of the page's text holding one would take
# its place for the theme's script.
_THEME_ID = re.compile(r"^(?:__|md-)")
SCHEMES = {"http", "https", "mailto", "tel"}

# The staff pages (site/staffdocs.py): a public build leaves them out unless staff_docs is public.
STAFF_DIRS = ("guide/", "deploy/")


def docs_files(docs: Path) -> Iterator[tuple[Path, str]]:
    """(file, its path in docs/) of each file there MkDocs lists: not a symlink (clusters.docs_links
    tells them), not hidden (.git/, .DS_Store) nor under templates/ (exclude_docs' default)."""
    for path in sorted(docs.rglob("*")) if docs.is_dir() else []:
        if path.is_symlink() or not path.is_file():
            continue
        rel = path.relative_to(docs).as_posix()
        if not any(part.startswith(".") for part in rel.split("/")) and not rel.startswith("templates/"):
            yield path, rel


# Files published beside the pages: images, and documents to download. Not SVG (it runs script
# when opened on its own), and no web page, script or style sheet (mkdocs.yml may list the site's
# own style sheets in extra_css: `listed`).
# The images are drawn anew from their pixels before they are published (media/metadata.py), which
# drops what else a file carries (a phone's GPS position, text after its end): of the kinds it can draw.
IMAGES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
PUBLISHED = IMAGES | frozenset("""
    .pdf .txt .csv .conf .doc .docx .xls .xlsx .ppt .pptx .wps .et .dps .ofd .zip .rar .7z
    .mp3 .mp4 .webm
""".split())
# GitHub Pages' own file for a custom domain (MkDocs' gh-deploy keeps it)
PUBLISHED_NAMES = frozenset({"CNAME"})


# A src that is no plain path of this site: a scheme, //host, or what a browser reads as one
# (a backslash for a slash; tabs, line breaks and spaces dropped from a URL).
_OTHER_HOST = re.compile(r"(?i)^[\s\x00-\x1f]*(?:[a-z][a-z0-9+.-]*:|[/\\][\s\x00-\x1f]*[/\\])|\\")


_ID_UNSAFE = re.compile(r"[^\w\-.:\u00b7]+")


def safe_id(value: str) -> str:
    """An id as the page and its table of contents both give it: letters (Chinese too), digits,
    - _ . : only. attr_list takes `{ id='x"><script…' }`, and Material prints the table of
    contents' links (#id) as they are."""
    return _ID_UNSAFE.sub("-", value).strip("-") or "h"


def safe_toc(toc) -> None:
    """The page's table of contents (MkDocs' anchors: id, children), its ids made safe_id's, in place."""
    for anchor in toc or ():
        anchor.id = safe_id(str(anchor.id))
        safe_toc(anchor.children)


# Class names the site's scripts act on (a.bs-lightbox opens its link as a photo, .bs-elder-toggle
# switches the large-print mode) and the theme's own components: not for a page's text, but a
# button's look (attr_list's { .md-button }).
_SCRIPTED_CLASS = re.compile(r"^(?:bs-|md-(?!button(?:--primary)?$))")


def _keep(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        return None if _THEME_ID.match(value) else safe_id(value)
    if attr == "class":
        return " ".join(c for c in value.split() if not _SCRIPTED_CLASS.match(c)) or None
    if tag == "img" and attr == "src" and (_OTHER_HOST.search(value) or any(c in value for c in "\t\n\r")):
        return None  # another host's image: no request to any outside host
    return value


# The front matter a docs/ page may have, as the theme and the home page read it: text the theme
# prints as is (escaped here), what to hide, whether search lists it, the home page's hero.
TEXT_KEYS = ("title", "description", "author")
HERO_KEYS = ("hero_title", "hero_text")  # brandsite/home.html escapes them itself
HIDE = frozenset({"navigation", "toc", "footer", "path", "tags", "feedback"})


def front_matter(meta: dict, shown: str = "", tell=None) -> None:
    """Keep, in place, only the front matter a docs/ page may set: another key (template:, which
    picks any of the site's templates, share_image:, which the head prints) or a value of another
    type (a list where text goes, printed as Python writes it) is taken out, and `tell` hears so.
    Text is escaped: Material prints title, description and author into the page as they are."""
    dropped = []
    for key in list(meta):
        value = meta[key]
        if key in TEXT_KEYS and isinstance(value, str):
            meta[key] = str(escape(value))
        elif key in HERO_KEYS and isinstance(value, str):
            continue
        elif key == "hide" and isinstance(value, list) and all(isinstance(v, str) and v in HIDE for v in value):
            continue
        elif key == "search" and isinstance(value, dict) and set(value) <= {"exclude", "boost"} and all(
                isinstance(v, (bool, int, float)) for v in value.values()):
            continue
        else:
            dropped.append(str(key))
            del meta[key]
    if dropped and tell is not None:
        tell(f"{shown}：页面开头的 {'、'.join(dropped[:8])} 不起作用，已去掉：docs/ 里的页面开头只能写 title、description、"
             "author（文字）和 hide、search；要换模板或分享图片，请找网站管理员")


def settle(page) -> None:
    """After MkDocs rendered a docs/ page (`page`: its meta, title and toc): the title it took
    from the first heading as text (title_text), the table of contents' ids safe (safe_toc)."""
    page.meta.setdefault("title", title_text(page.title))
    safe_toc(page.toc)


def title_text(title) -> str:
    """The page title MkDocs took from the page's first heading, as text to print as is: its
    markup taken out and its characters escaped (Material prints page.title unescaped, and
    `striptags` turns &lt;script&gt; in a heading back into a tag)."""
    text = re.sub(r"<[^>]*>", "", str(title or ""))
    return str(escape(unescape(text)))


_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
# Why a page's web code is not published, and what to do: the build's words and the check's.
CODE_GONE = "docs/ 里的页面和品牌正文一样，脚本、框架、表单、样式和事件属性都会被清除。请删去这些代码，只用 Markdown 写文字、链接和图片"


def _gone(text: str, tag: re.Pattern) -> list[str]:
    """The tags of `text` (found with `tag`) that `clean` does not keep, and on…= if it has one."""
    return sorted({t.lower() for t in tag.findall(text)} - TAGS) + (["on…=（事件属性）"] if _HANDLER.search(text) else [])


def clean(html: str, shown: str = "", tell=None) -> str:
    """A docs/ page's HTML as MkDocs made it, cleaned: no script, no event handler, no style, no
    frame or form, no link but to pages, files, http(s), mailto and tel. `tell(message)` hears,
    in Chinese, which of the page's (`shown`) tags went: MkDocs' Markdown makes none of them,
    so they were written into the page as code."""
    if not html:
        return html
    if tell is not None and (gone := _gone(html, _TAG)):
        tell(f"{shown}：页面里的网页代码（{'、'.join(gone[:8])}）没有发布：{CODE_GONE}")
    return prose.taken_out(nh3.clean(
        html, tags=set(TAGS), clean_content_tags=set(prose.DROPPED_WITH_CONTENT),
        attributes=ATTRIBUTES, attribute_filter=_keep, url_schemes=SCHEMES,
        strip_comments=True, link_rel="noopener noreferrer"))


def published(rel: str, listed: frozenset[str] = frozenset()) -> bool:
    """Whether the file at `rel` in docs/ (not a page) may be published: a kind of PUBLISHED, or
    one mkdocs.yml lists in extra_css."""
    path = PurePosixPath(rel)
    return path.suffix.lower() in PUBLISHED or path.name in PUBLISHED_NAMES or rel in listed


# The site's own pages the build makes, besides those under the brands' prefix (url_prefix).
GENERATED_PAGES = {"stats/": "统计页", "review/": "评审页", "clusters/": "品牌集群页", "pagefind/": "搜索索引", "assets/": "网站文件",
                   "search/": "搜索结果页"}


# Files the build or `brandsite print` write at the site's top, of kinds docs/ may publish (the others,
# feed.xml, stats.json and the sitemaps, docs/ may not hold at all): lower case, as a case-blind server reads.
GENERATED_FILES = {"catalogue.pdf": "印刷版品牌汇编（make print 生成的 catalogue.pdf）"}


def built_pages(url_prefix: str = "brands") -> set[str]:
    """The pages the build makes that mkdocs.yml's nav and docs/ pages may name: the gallery, the
    stats and clusters pages (site/programme.py's NAV_PAGES) and the search results page."""
    return {f"{url_prefix.strip('/')}/index.md", "stats/index.md", "clusters/index.md", "search.md"}


def page_address(rel: str) -> str:
    """The address (lower case, as a case-blind server reads it, and composed, as macOS reads a name:
    café written with a combining accent is café) of the docs/ page `rel`, as MkDocs gives it with
    directory URLs: x.md, x/index.md and x/README.md are all x/."""
    path = PurePosixPath(unicodedata.normalize("NFC", rel).lower())
    stem = path.parent if path.stem in ("index", "readme") else path.with_suffix("")
    return f"{stem.as_posix()}/" if stem.as_posix() != "." else ""


def generated_address(rel: str, url_prefix: str = "brands") -> str | None:
    """What the build makes at the address of the docs/ page `rel` (docs/brands.md, docs/stats.md,
    docs/brands/x.md, docs/Stats/index.md on a server that ignores case), in Chinese, or None:
    such a page lost to it silently, its text indexed for search as the gallery's. docs/search.md,
    which replaces the results page, is told apart (a note), and the cluster intros in
    docs/clusters/ are the cluster pages' text."""
    if PurePosixPath(rel).suffix.lower() != ".md" or rel == "search.md" or (rel.startswith("clusters/") and rel != "clusters/index.md"):
        return None  # docs/clusters/: the intros, and what else is there is told apart (clusters.unused_intro_problems)
    address, prefix = page_address(rel), url_prefix.strip("/").lower() + "/"
    if address.startswith(prefix):
        return "品牌页面" if address != prefix else "品牌展示页"
    if (top := TOP_FILES.fullmatch(address.rstrip("/"))):  # docs/sitemap.xml.md: a folder where the build writes the file
        return f"文件 {top.group()}"
    return next((what for start, what in GENERATED_PAGES.items() if address.startswith(start)), None)


# Files the build and `brandsite print` write at the site's top: a page named after one (docs/feed.xml.md)
# is published as a folder of that name, and the build stopped with a Python traceback.
TOP_FILES = re.compile(r"(?:sitemap(?:-brands(?:-\d+)?)?\.xml(?:\.gz)?|feed\.xml|stats\.json|robots\.txt|404\.html|catalogue\.pdf)")


# A Markdown link or image (its text may hold brackets, escapes, line breaks) with what its parentheses
# hold, or a reference definition's address (in a quote too). Each part one character class: a page of
# many "[a](" and spaces is read once, not tried a cube of ways; an address of 500 characters at most.
_LINK = re.compile(r"!?\[(?:[^\[\]\\]|\\.|\[[^\[\]\n]*\])*\]\(([^)\n]{0,500})\)|^[ ]{0,3}(?:>[ ]?)*\[[^\]\n]+\]:[ \t]*(\S+)", re.M)
_TITLE = re.compile(r"\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\))\s*$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_SPAN = re.compile(r"`+[^`\n]*`+")


def _without_code(text: str) -> str:
    """`text` with its fenced blocks and code spans as spaces, its lines kept (one pass)."""
    lines, fence = text.split("\n"), None
    for n, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)
        elif fence is not None and line.strip().startswith(fence) and not line.strip().strip(fence[0]):
            fence = None
        else:
            if fence is None:
                continue
        lines[n] = " " * len(line)
    return _SPAN.sub(lambda m: " " * len(m.group(0)), "\n".join(lines))


_WRITTEN_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>]|$)")  # not an autolink's <https://…> or <a@b.cn>


def code_lines(text: str) -> list[tuple[int, list[str]]]:
    """(line, tags) of each line of the docs/ page's Markdown `text` (not in code) that holds web
    code the build takes out (`clean`): tags it does not keep, on…= event attributes."""
    out = []
    for number, line in enumerate(_without_code(text).split("\n"), 1):
        if gone := _gone(line, _WRITTEN_TAG):
            out.append((number, gone))
    return out


MISSING_LINK = "missing-link"  # Problem.kind of the check's warning of one of missing_links


def missing_links(text: str, rel: str, exists) -> list[tuple[int, str, str]]:
    """(line, address, hint) of each link or image in the docs/ page `rel` (its Markdown `text`) to a
    file of docs/ that is not there nor made by the build (`exists(path)`, paths relative to docs/):
    MkDocs warns of each, in English, and a strict build stops."""
    from posixpath import dirname, join, normpath
    from urllib.parse import unquote

    text = _without_code(text)
    found = []
    for match in _LINK.finditer(text):
        address = _TITLE.sub("", (match.group(1) or match.group(2) or "").strip()).strip().strip("<>")
        path = unquote(address.split("#", 1)[0].split("?", 1)[0])
        if not path or re.match(r"(?i)[a-z][a-z0-9+.-]*:|/", path) or "." not in path.rsplit("/", 1)[-1]:
            continue  # another site's, the site's root, an anchor, a folder: MkDocs leaves them be
        target = normpath(join(dirname(rel), path))
        if exists(target):  # (one above docs/, ../README.md: MkDocs finds neither)
            continue
        found.append((text.count("\n", 0, match.start()) + 1, address, target))
    return found


def listed_files(extra_css) -> frozenset[str]:
    """The docs/ files mkdocs.yml's extra_css names, as paths relative to docs/. Not extra_javascript's:
    mkdocs.yml may list no script (configsafety), so none in docs/ is published. A listed style sheet
    is: its url() can reach no other host under the Content-Security-Policy."""
    found = set()
    for item in extra_css or []:
        path = item.get("path") if isinstance(item, dict) else getattr(item, "path", item)
        if isinstance(path, str) and not re.match(r"(?i)[a-z][a-z0-9+.-]*:|//", path):
            found.add(path.lstrip("/"))
    return frozenset(found)
