"""Where a link or an image in editors' prose may lead (prose.render asks for each one). No MkDocs imports.

Every relative link or image is resolved inside the brand folder, and kept only when it names
one of the brand's photos that may be shown, one of its cases, or (a link one level up from the
brand folder) another brand or its case; links to other sites keep http, https and mailto.
What is refused says why, in Chinese, for `brandsite check`.
"""

from __future__ import annotations

import functools
import ipaddress
import posixpath
import re
import socket
import unicodedata
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urlsplit

from .image_limits import JPEG_ALIASES, heic_message, jpeg_alias_message, missing_hint
from .names import PHOTO_SUFFIXES

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Marks a URL inside the brand folder; `prose.localise` turns it into a link relative to the page.
# Nothing an editor writes can produce it: a relative URL is resolved inside the folder first.
LOCAL = "bs-local:/"
# Marks a link to one of the brand's cases, by its slug (none: the brand's own page); `prose.localise`
# makes it the page's URL.
CASE = "bs-case:/"
# Marks a link to another brand's page by its folder name, or to one of its cases ("slug/case"):
# whether that page exists, and for which audience, is not the folder's to know. The rules across
# brands (content/brand_links.py) check it; `prose.localise` makes it the page's URL where the
# audience's site has that page, else the link's words alone.
BRAND = "bs-brand:/"
# In `files`: the text is a brand folder's (model.prose_files), so ../x/ is the brand folder x
# beside it. A cluster intro's text is not: its ../x/ is told to use the page's address.
OTHER_BRANDS = "../"
URL_NOISE = re.compile(r"[\x00-\x1f\x7f]")  # browsers drop tab, newline and other controls inside URLs

PATH = "path:"  # a reason that is a mistake in a path, not markup the cleaner removes (see `message`)


def judge_url(tag: str, attr: str, value: str, base: str, files: frozenset[str]) -> tuple[str | None, str | None]:
    """(the value to keep or None, why it goes). `files` are the brand-folder paths that may be shown
    and the files of the cases that may be linked (case_files)."""
    # A backslash is a slash in a web address (browsers read ..\photos\a.jpg so); a Windows
    # path written with them is the path meant.
    url = URL_NOISE.sub("", value).strip().replace("\\", "/")
    shown = value.strip()[:40] + ("…" if len(value.strip()) > 40 else "")  # cut, and says so
    if not url:
        return None, PATH + "空链接在网站上只显示文字"
    try:
        parts = urlsplit(url)
        parts.hostname, parts.port  # noqa: B018 - what a host or port cannot be (http://[zz]/, :99999) raises here
    except ValueError:
        return None, PATH + f"链接“{shown}”不是有效的网址，网站上只显示文字。请从浏览器地址栏复制完整网址"
    what, where = "图片" if tag == "img" else "链接", "../photos/文件名.jpg" if base == "cases" else "photos/文件名.jpg"
    if re.match(r"[A-Za-z]:/", url) or parts.scheme.lower() == "file":  # D:\照片\合影.jpg, file:///C:/…: this computer's
        fix = f"请把照片存进本品牌的 photos/ 文件夹，写成 {where}" if tag == "img" else "要链接文件，请先把它发布到网上，再写完整网址（以 https:// 开头）"
        return None, PATH + f"{what}“{shown}”是这台电脑上的文件位置，访问者打不开。{fix}"
    if parts.scheme or url.startswith("//"):
        if tag == "img":
            return None, (PATH + f"图片“{shown}”在别的网站上，访问者（尤其是内网访问者）加载不到，网站上不会显示。"
                          "请把图片存进本品牌的 photos/ 文件夹，再用相对路径引用")
        if _this_computer(parts):
            dead = PATH + f"链接“{shown}”是本机预览的地址，只在写它的电脑上打得开，访问者打不开，网站上只显示文字。"
            own = re.search(r"/cases/([^/]+?)(?:/|\.html)?$", unquote(parts.path))
            fragment = f"#{unquote(parts.fragment)}" if parts.fragment else ""
            if own and f"cases/{own.group(1)}.md" in files:  # one of this brand's cases: by its file
                right = ("" if base == "cases" else "cases/") + f"{own.group(1)}.md" + fragment
                return None, dead + f"链接本品牌的这个案例，请写成案例的文件名：{right}；" + (
                    _other_brand_how(base) if OTHER_BRANDS in files else "链接别的品牌的页面，请从正式网站的地址栏复制网址")
            page = re.search(r"/brands/([^/.]+)/?(?:cases/([^/.]+)(?:/|\.html)?)?$", unquote(parts.path))
            if page and OTHER_BRANDS in files:  # another brand's page (or its case's): by its folder
                right = _up(base) + page.group(1) + "/" + (f"cases/{page.group(2)}.md" if page.group(2) else "") + fragment
                return None, dead + f"链接别的品牌，请写它的文件夹：{right}"
            return None, dead + "请打开正式网站上的那个页面，从地址栏复制网址"
        if parts.scheme.lower() in LINK_SCHEMES and not url.startswith("//"):
            return url, None
        return None, f"不安全的链接“{shown}”（只允许 http、https、mailto 或品牌文件夹里的照片）"
    if not parts.path:  # "#section" or "?x"
        return (url, None) if tag == "a" and not parts.query else (None, PATH + f"链接“{shown}”无效，网站上只显示文字")
    path = unquote(parts.path)
    target = posixpath.normpath(posixpath.join(base, path)) if not path.startswith("/") else ""
    # a section of the page linked (cases/x.md#做法), kept with it: see prose.localise
    section = "#" + quote(unquote(parts.fragment), safe="") if tag == "a" and parts.fragment else ""
    if tag == "a" and target == ".":  # the brand's own page (../ from a case, ./ in story.md)
        return CASE + section, None
    if tag == "a" and OTHER_BRANDS in files and (other := _other_brand(target)):  # ../x/, ../x/cases/y.md
        return BRAND + other + section, None
    if tag == "a" and OTHER_BRANDS in files and (right := _other_brand_one_level_off(target, base)):
        return None, PATH + f"链接“{shown}”：要链接别的品牌，{right}{section and '#' + unquote(section[1:])}（网站上暂时只显示文字）"
    if tag == "a" and target == "cases" and base == "cases":  # ./ in a case: its own folder
        return None, (PATH + f"链接“{shown}”指向案例所在的文件夹，网站上只显示文字。要链接本品牌的页面请写 ../，"
                      "要链接本品牌的另一个案例请写它的文件名（如 案例文件名.md）")
    case = _case_file(target)
    if tag == "a" and case:  # one of the brand's own cases, by its file (cases/x.md) or folder
        if case in files:
            return CASE + quote(posixpath.splitext(case)[0][len("cases/"):]) + section, None
        cases = sorted(posixpath.basename(f) for f in files if f.startswith("cases/"))
        return None, (PATH + f"链接“{shown}”：找不到这个案例（cases/ 里没有 {posixpath.basename(case)}），网站上只显示文字。"
                      + (f"本品牌的案例有：{'、'.join(cases[:5])}{' 等' if len(cases) > 5 else ''}" if cases else
                         "这里没有可以链接的案例（集群介绍等品牌以外的页面不能用文件名链接案例，请写公开网站上的完整网址）"))
    written_as = _case_written_otherwise(target, files)
    if tag == "a" and written_as:
        right = f"cases/{written_as}" if base == "" else written_as
        return None, PATH + f"链接“{shown}”要链接本品牌的案例 {written_as}，这里应写成 {right}（网站上暂时只显示文字）"
    if target in files:
        return LOCAL + quote(target), None
    if base == "" and target.startswith("../") and target[3:] in files:
        # a case's way of writing it (../photos/a.jpg), in story.md or the connotation
        return None, PATH + f"{what}“{shown}”：story.md 和理念内涵与 photos/ 在同一层，应写成 {target[3:]}（不要 ../）"
    if tag == "a" and _is_page(path, target):
        if OTHER_BRANDS in files:
            return None, (PATH + f"链接“{shown}”指向本站的另一个页面，正文里只能这样用文件路径链接页面：{_other_brand_how(base)}，"
                          "网站上暂时只显示文字。本站其他页面请从正式网站的地址栏复制完整网址（以 https:// 开头）写在这里")
        return None, (PATH + f"链接“{shown}”指向本站的另一个页面，正文里不能用文件路径链接页面，网站上只显示文字。"
                      "请打开正式网站上的那个页面，从地址栏复制完整网址（以 http:// 或 https:// 开头）写在这里")
    if not target or target.startswith(".."):
        return None, (PATH + f"{what}“{shown}”指向本品牌文件夹以外，网站上只显示文字。"
                      "要链接别的网页，请写完整网址（以 https:// 开头）；照片请放进本品牌的 photos/ 文件夹")
    if posixpath.splitext(target)[1].lower() in PHOTO_SUFFIXES:
        # worded as for a case's photos: list, from the photos the text may show
        photos, by_path, by_name = photo_index(files if isinstance(files, frozenset) else frozenset(files))
        same = posixpath.basename(by_path[target.lower()]) if target.lower() in by_path else None
        there = [posixpath.basename(f) for f in photos] if target.startswith("photos/") else []
        hint = missing_hint(there, same, "请改成", ("../" if base == "cases" else "") + "photos/", "把照片放进品牌的 photos/ 文件夹")
        if hint:
            return None, PATH + f"找不到{what}“{shown}”。{hint}"
        # the photo is there, by another folder's way (photo/a.jpg; photos/a.jpg in a case)
        named = by_name.get(posixpath.basename(target).lower())
        if named:
            return None, (PATH + f"找不到{what}“{shown}”：照片 {posixpath.basename(named)} 在本品牌的 photos/ 文件夹里，"
                          f"这里应写成 {'../' if base == 'cases' else ''}{named}")
        return None, (PATH + f"找不到{what}“{shown}”（按这个路径应在 {target}）。照片要放在本品牌的 photos/ 文件夹里，"
                      f"这里应写成 {where}。请改正路径或放入照片")
    if posixpath.splitext(target)[1].lower() in (".heic", ".heif") and target.startswith("photos/"):  # in photos/, from an iPhone
        return None, PATH + f"{what}" + heic_message(shown)
    if posixpath.splitext(target)[1].lower() in JPEG_ALIASES and target.startswith("photos/"):
        return None, PATH + f"{what}“{shown}”" + jpeg_alias_message(posixpath.basename(target), "并改正这里的写法")
    if posixpath.splitext(target)[1].lower() == ".svg" and target.startswith("photos/"):  # in photos/, but no photo
        return None, (PATH + f"{what}“{shown}”是 SVG 图片：SVG 只能用作品牌标识（logo），网站不会发布正文里的 SVG，只显示文字。"
                      "请另存为 PNG 或 JPG 后再引用")
    return None, (PATH + f"{what}“{shown}”不是 photos/ 文件夹里的照片，网站不会发布它，只显示文字"
                  "（只能引用 photos/ 里的 PNG、JPEG、WebP、GIF 照片）")


@functools.lru_cache(maxsize=16)
def photo_index(files: frozenset[str]) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """The photos of `files` (sorted), by their lower-case path and by their lower-case name: looked
    up for each photo a text or a case's photos: list misses, once a folder (2,000 photos and 5,500
    misses took 37 s)."""
    photos = sorted(f for f in files if posixpath.dirname(f) == "photos")
    return photos, {f.lower(): f for f in photos}, {posixpath.basename(f).lower(): f for f in reversed(photos)}


def _this_computer(parts) -> bool:
    """Whether an http(s) address names the computer it is opened on (where `mkdocs serve`
    previews the site: 127.0.0.1:8000, localhost), as a browser reads the host: 127.1, 0x7f000001,
    ::ffff:127.0.0.1, full-width digits and 。 as a Chinese input method types them. A link there
    is dead for every visitor."""
    host = parts.hostname
    if host is None and parts.scheme.lower() in ("http", "https"):  # http:localhost:8000/x is http://localhost:8000/x
        host = parts.path.lstrip("/").split("/")[0].rsplit(":", 1)[0]
    host = unicodedata.normalize("NFKC", unquote(host or "")).replace("。", ".").strip("[]").rstrip(".").lower()
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        try:
            address = ipaddress.ip_address(socket.inet_aton(host))  # 127.1, 0x7f000001, 2130706433
        except (OSError, ValueError):  # ValueError: a NUL in it (%00)
            return False
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


# Another brand's folder, as a link resolved in a brand folder reaches it: ../x, ../x/brand.yml,
# ../x/story.md (its page), ../x/cases/y.md or ../x/cases/y (its case y). Folder names have no dot:
# ../index.html is a page of the site, told so (_is_page).
_OTHER_BRAND = re.compile(r"\.\./([^/.]+)(?:/brand\.yml|/story\.md|/cases/([^/.]+?)(?:\.md)?)?")


def _other_brand(target: str) -> str | None:
    """"x" or "x/y" (quoted) for a link to another brand x or its case y; None for anything else."""
    m = _OTHER_BRAND.fullmatch(target)
    return None if m is None else quote(m.group(1)) + (f"/{quote(m.group(2))}" if m.group(2) else "")


def _other_brand_one_level_off(target: str, base: str) -> str | None:
    """What to write for a link to another brand that went up one folder too few (../x/ in a
    case, resolved to x) or too many (../../x/ in story.md): the way the other text writes it."""
    if base == "cases" and not target.startswith("..") and target.split("/")[0] not in ("photos", "cases"):
        other = _other_brand("../" + target)
        how = "案例正文在 cases/ 文件夹里，要多退一层，写成 ../../"
    elif base == "" and target.startswith("../../"):
        other = _other_brand(target[3:])
        how = "story.md 和理念内涵与品牌文件夹同在一层，只退一层，写成 ../"
    else:
        return None
    if other is None:
        return None
    slug, _, case = unquote(other).partition("/")
    return how + slug + "/" + (f"cases/{case}.md" if case else "")


def _up(base: str) -> str:
    """From a text in `base` ("" or "cases") to the folder of all brands."""
    return "../../" if base == "cases" else "../"


def _other_brand_how(base: str) -> str:
    up = _up(base)
    return f"链接别的品牌写 {up}品牌文件夹名/，链接它的案例写 {up}品牌文件夹名/cases/案例文件名.md"


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.found += [value or "" for name, value in attrs if name == "href"]


def hrefs(page: str) -> list[str]:
    """Where each link of the HTML `page` goes, in order, as a browser reads its href: wherever it
    stands among the attributes, character references decoded (https&#58;//)."""
    parser = _Hrefs()
    parser.feed(page)
    parser.close()
    return parser.found


_BRAND_ATTR = re.compile(r'<a\b([^>]*?)\shref="bs-brand:/([^"#]*)(?:#([^"]*))?"([^>]*)>(.*?)</a>', re.S)


def localise_brands(html_text: str, brand_url, section_id) -> str:
    """Links to other brands (BRAND) made `brand_url(slug, case)` (case "": the brand's page), a URL
    relative to the page, with the section named (`section_id(case, section)`, as for the brand's
    own cases); where it gives None (no such page for this audience) or there is none, the link's
    words alone, as for a refused link: nothing of the target is shown but what the editor wrote."""
    from html import escape

    def link(m: re.Match) -> str:
        slug, _, case = unquote(m.group(2)).partition("/")
        url = brand_url(slug, case) if brand_url is not None else None
        if url is None:
            return m.group(5)
        section = section_id(case, m.group(3) or "")
        url += "#" + quote(section, safe="") if section else ""
        return f'<a{m.group(1)} href="{escape(url)}"{m.group(4)}>{m.group(5)}</a>'

    return _BRAND_ATTR.sub(link, html_text)


def _case_file(target: str) -> str | None:
    """cases/x.md for a link to a case of the brand: its file (cases/x.md) or its folder (cases/x)."""
    if re.fullmatch(r"cases/[^/]+\.md", target):
        return target
    if re.fullmatch(r"cases/[^/.]+", target):
        return target + ".md"
    return None


def _case_written_otherwise(target: str, files: frozenset[str]) -> str | None:
    """The case file a link means, written from the wrong place or in other letters (a-b.md in
    story.md, cases/a-b.md in a case, Cases/A-B.md, its page's cases/a-b.html): its name, or None."""
    stem, suffix = posixpath.splitext(posixpath.basename(target))
    if suffix.lower() not in (".md", ".html", ".htm"):
        return None
    return next((posixpath.basename(f) for f in sorted(files)
                 if f.startswith("cases/") and posixpath.basename(f)[:-3].lower() == stem.lower()), None)


def case_files(slugs) -> frozenset[str]:
    """The files of a brand's cases as its prose links them (`files` of judge_url)."""
    return frozenset(f"cases/{slug}.md" for slug in slugs)


def _is_page(path: str, target: str) -> bool:
    """Whether a relative link names a page of the site: a case or story file (x.md), a page
    (x.html), a case folder (cases/x/) or another brand's folder (../x/); not photos/ or the
    brand's own folder (./, ../ from a case)."""
    name = posixpath.basename(target)
    return (posixpath.splitext(name)[1].lower() in (".md", ".html", ".htm")
            or bool(re.fullmatch(r"cases/[^/.][^/]*", target))  # a case's folder
            or bool(re.fullmatch(r"\.\./[^/.][^/]*", target)))  # another brand's
