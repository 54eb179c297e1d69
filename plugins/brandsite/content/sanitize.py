"""Hostile markup in SVG logos. No MkDocs imports.

SVG files are parsed with defusedxml (no DTDs, no entity expansion) and
rejected when they could run or fetch anything: a logo is a picture, so
nothing is lost by refusing. Markdown prose is cleaned by prose.py (an
allowlist, after Markdown), which also gives its plain text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

# Elements that run code, embed other documents or pull in HTML.
_SVG_FORBIDDEN = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
# Attributes that hold a reference: only "#fragment" (a part of the same file) is allowed in them.
_REFERENCE_ATTRS = {"href", "src", "action", "formaction"}
# Animation values: a reference could be animated into an attribute above.
_ANIMATED_ATTRS = {"from", "to", "values", "by"}
_ANIMATIONS = {"animate", "set", "animatemotion", "animatetransform", "animatecolor"}
_SCRIPT_SCHEME = re.compile(r"(?:javascript|vbscript|livescript|data:text|data:application):", re.I)
# CSS that can fetch anything: url() to another file, @import, image-set() and friends.
# A backslash is refused too: CSS escapes (u\72l, \6a avascript) hide any of them.
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)([^'\")\s]+)|@import|@font-face|image-set\(|(?<![\w-])image\(|cross-fade\(|element\(|\\", re.I)
# Removed before a reference is judged: browsers ignore them inside a scheme ("java\tscript:").
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]+")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


# Groups within groups: design programs write a few levels; thousands would exhaust the
# recursion of anything that walks the tree (the build's cleaning, ElementTree's writer).
MAX_DEPTH = 100

# Namespaces an SVG logo may use: SVG itself, and the metadata that Inkscape, Illustrator and
# friends write (never rendered). XHTML inside an SVG (<h:meta http-equiv="refresh">, <h:iframe>)
# or any other vocabulary is refused.
_SVG_NS = "http://www.w3.org/2000/svg"
_METADATA_NS = (
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://purl.org/dc/elements/1.1/", "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/", "http://ns.adobe.com/", "http://www.bohemiancoding.com/sketch/ns",
)


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _bare(value: str) -> str:
    """A reference as a browser reads it: character references are already resolved by
    the XML parser; whitespace and control characters, which browsers skip, are removed."""
    return _INVISIBLE.sub("", value)


def svg_problem(path: Path) -> str | None:
    """A Chinese message when the SVG could run script or load anything, else None.

    An allowlist, not a list of bad schemes: a reference may only point inside
    the file ("#id"); anything else (another file, http:, data:, javascript:
    however it is spelled) is refused.
    """
    try:
        events = list(DET.iterparse(str(path), events=("start", "end", "pi"), forbid_dtd=True))
    except DefusedXmlException:
        return f"“{path.name}”含有 DOCTYPE 或实体定义，可能被用来攻击，已拒绝。请用设计软件重新导出为普通 SVG"
    except Exception:  # ParseError, OSError
        return f"“{path.name}”不是有效的 SVG 文件（无法解析）。请重新导出"
    elements = [el for kind, el in events if kind == "start"]
    if not elements or _local(elements[0].tag) != "svg":
        return f"“{path.name}”不是 SVG 图片"
    depth = deepest = 0
    for kind, _ in events:
        depth += {"start": 1, "end": -1}.get(kind, 0)
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        return f"标识“{path.name}”的元素嵌套了 {deepest} 层（最多 {MAX_DEPTH} 层），无法处理。请在设计软件里取消多余的编组后重新导出"
    for kind, element in events:
        if kind == "pi":
            what = (element.text or "").split(None, 1)[0][:30] if element.text else "?"
            return f"标识“{path.name}”含有处理指令 <?{what}?>，可能加载外部内容，已拒绝。请重新导出为纯图形 SVG"
    for element in elements:
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        space = _namespace(element.tag) if isinstance(element.tag, str) else ""
        if space not in ("", _SVG_NS) and not space.startswith(_METADATA_NS):
            return (f"标识“{path.name}”含有 SVG 以外的元素 <{tag}>({space[:40]})，可能跳转或加载外部内容，已拒绝。"
                    "请在设计软件里重新导出为纯图形 SVG")
        if tag in _SVG_FORBIDDEN:
            what = "脚本 <script>" if tag == "script" else f"<{tag}> 元素"
            return f"标识“{path.name}”含有{what}，出于安全原因不允许。请在设计软件里重新导出为纯图形 SVG"
        if tag == "style" and (len(element) or _CSS_URL.search("".join(element.itertext()))):
            return f"标识“{path.name}”的样式引用了外部资源（url()、@import 或转义字符）。请去掉外部引用后重新导出"
        animated = _bare(_local(element.get("attributeName", ""))).rsplit(":", 1)[-1] if tag in _ANIMATIONS else ""
        if animated in _REFERENCE_ATTRS:
            return f"标识“{path.name}”用动画改写链接地址，可能运行脚本，已拒绝。请重新导出为纯图形 SVG"
        if animated.startswith("on"):
            return f"标识“{path.name}”用动画改写事件属性 {animated[:20]}=，可能运行脚本，已拒绝。请重新导出为纯图形 SVG"
        for name, value in element.attrib.items():
            attr = _local(name)
            bare = _bare(value)
            if attr.startswith("on"):
                return f"标识“{path.name}”含有事件属性 {attr}=，可能运行脚本，已拒绝。请重新导出为纯图形 SVG"
            if attr in (_REFERENCE_ATTRS | _ANIMATED_ATTRS) and _SCRIPT_SCHEME.search(bare):
                return f"标识“{path.name}”含有 javascript: 链接，可能运行脚本，已拒绝。请重新导出为纯图形 SVG"
            if attr in _REFERENCE_ATTRS and bare and not bare.startswith("#"):
                if bare.lower().startswith("data:"):
                    return f"标识“{path.name}”内嵌了另一张图片（data: 地址），已拒绝。请用 PNG 标识，或重新导出为纯矢量 SVG"
                return f"标识“{path.name}”引用了外部地址“{value.strip()[:40]}”。内网访问者加载不到，且可能不安全；请把图形直接画进 SVG"
            if "\\" in value and _namespace(name) in ("", _SVG_NS):
                # browsers read presentation attributes as CSS, whose escapes spell url( as \75 rl(
                return f"标识“{path.name}”的 {attr} 属性里有反斜杠“\\”（CSS 转义，可能藏着外部引用），已拒绝。请去掉后重新导出"
            if _CSS_URL.search(value) and (attr == "style" or "url(" in bare.lower()):
                # fill="url(#g)" is fine; fill, filter, mask, clip-path or marker pointing at another file is not.
                return f"标识“{path.name}”的 {attr} 属性引用了外部资源。请去掉外部引用后重新导出"
    return None


_XLINK_NS = "http://www.w3.org/1999/xlink"
_DRAWN_NS = {"", _SVG_NS, _XLINK_NS, "http://www.w3.org/XML/1998/namespace"}
# Elements in SVG's namespace that draw nothing and hold only words.
_UNDRAWN = {"metadata", "title", "desc"}
# Elements whose text is drawn (the text in them, and after their children).
_TEXT_TAGS = {"text", "tspan", "textPath"}
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def clean_svg(path: Path) -> bytes:
    """The SVG logo as published, once svg_problem has accepted it: without what is never drawn
    and may hold more than the picture (comments, also in <style>, <metadata>, <title> and
    <desc>, data-* and aria-* attributes, text outside <text>, the design program's own
    elements and attributes, such as the file's path on the designer's computer or a layer
    named after a person). The site shows a logo as an
    image, whose name is the page's alt text, never the file's <title>. An SVG written without
    its namespace gets it, so that browsers draw it as they would the check's."""
    root = DET.parse(str(path), forbid_dtd=True).getroot()  # comments and instructions are not kept

    for element in list(root.iter()):  # svg_problem bounds the depth (MAX_DEPTH): tostring recurses
        for child in list(element):
            if not isinstance(child.tag, str) or _namespace(child.tag) not in _DRAWN_NS or _local(child.tag) in _UNDRAWN:
                element.remove(child)
    for element in root.iter():
        element.tag = element.tag.rsplit("}", 1)[-1]  # SVG's, written once as the default namespace below
        for name in [n for n in element.attrib if _namespace(n) not in _DRAWN_NS or _local(n).startswith(("data-", "aria-"))]:
            del element.attrib[name]
        # text is drawn only inside <text> (and its <tspan>, <textPath>); <style> is CSS, less its comments
        if element.tag not in _TEXT_TAGS and element.text and element.text.strip():
            element.text = None if element.tag != "style" else _CSS_COMMENT.sub("", element.text)
    for parent in root.iter():  # the text after an element is its parent's: drawn only in a text
        for child in parent if parent.tag not in _TEXT_TAGS else ():
            if child.tail and child.tail.strip():
                child.tail = None
    root.set("xmlns", _SVG_NS)
    ET.register_namespace("xlink", _XLINK_NS)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
