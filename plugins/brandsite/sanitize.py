"""Hostile markup in brand folders: SVG logos and raw HTML in Markdown prose.

No MkDocs imports. SVG files are parsed with defusedxml (no DTDs, no entity
expansion) and rejected when they could run or fetch anything: a logo is a
picture, so nothing is lost by refusing. Markdown prose is checked for the
raw HTML that WeChat and office editors paste in, and is neutralised before
it reaches a page: dangerous tags are escaped so they show as text and can
never run.
"""

from __future__ import annotations

import re
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
        events = list(DET.iterparse(str(path), events=("start", "pi"), forbid_dtd=True))
    except DefusedXmlException:
        return f"“{path.name}”含有 DOCTYPE 或实体定义,可能被用来攻击,已拒绝。请用设计软件重新导出为普通 SVG"
    except Exception:  # ParseError, OSError
        return f"“{path.name}”不是有效的 SVG 文件(无法解析)。请重新导出"
    elements = [el for kind, el in events if kind == "start"]
    if not elements or _local(elements[0].tag) != "svg":
        return f"“{path.name}”不是 SVG 图片"
    for kind, element in events:
        if kind == "pi":
            what = (element.text or "").split(None, 1)[0][:30] if element.text else "?"
            return f"标识“{path.name}”含有处理指令 <?{what}?>,可能加载外部内容,已拒绝。请重新导出为纯图形 SVG"
    for element in elements:
        tag = _local(element.tag) if isinstance(element.tag, str) else ""
        if tag in _SVG_FORBIDDEN:
            what = "脚本 <script>" if tag == "script" else f"<{tag}> 元素"
            return f"标识“{path.name}”含有{what},出于安全原因不允许。请在设计软件里重新导出为纯图形 SVG"
        if tag == "style" and element.text and _CSS_URL.search(element.text):
            return f"标识“{path.name}”的样式引用了外部资源(url()、@import 或转义字符)。请去掉外部引用后重新导出"
        if tag in _ANIMATIONS and _local(element.get("attributeName", "")).rsplit(":", 1)[-1] in _REFERENCE_ATTRS:
            return f"标识“{path.name}”用动画改写链接地址,可能运行脚本,已拒绝。请重新导出为纯图形 SVG"
        for name, value in element.attrib.items():
            attr = _local(name)
            bare = _bare(value)
            if attr.startswith("on"):
                return f"标识“{path.name}”含有事件属性 {attr}=,可能运行脚本,已拒绝。请重新导出为纯图形 SVG"
            if attr in (_REFERENCE_ATTRS | _ANIMATED_ATTRS) and _SCRIPT_SCHEME.search(bare):
                return f"标识“{path.name}”含有 javascript: 链接,可能运行脚本,已拒绝。请重新导出为纯图形 SVG"
            if attr in _REFERENCE_ATTRS and bare and not bare.startswith("#"):
                if bare.lower().startswith("data:"):
                    return f"标识“{path.name}”内嵌了另一张图片(data: 地址),已拒绝。请用 PNG 标识,或重新导出为纯矢量 SVG"
                return f"标识“{path.name}”引用了外部地址“{value.strip()[:40]}”。内网访问者加载不到,且可能不安全;请把图形直接画进 SVG"
            if attr == "style" and _CSS_URL.search(value):
                return f"标识“{path.name}”的 style 属性引用了外部资源。请去掉外部引用后重新导出"
    return None


# -- Markdown prose -------------------------------------------------------

_DANGEROUS_TAGS = "script|iframe|frame|frameset|object|embed|applet|style|link|meta|base|form|input|button|textarea|select|svg|math"
_TAG = re.compile(rf"<\s*/?\s*(?:{_DANGEROUS_TAGS})\b[^>]*>?", re.I)
_HANDLER_TAG = re.compile(r"<\s*[a-z][a-z0-9-]*\b[^>]*?\son[a-z]+\s*=[^>]*>?", re.I)
_JS_URL = re.compile(r"(?:href|src|action)\s*=\s*['\"]?\s*(?:javascript|vbscript|data):|\]\(\s*<?\s*(?:javascript|vbscript|data):", re.I)
_FENCE = re.compile(r"^\s*(```|~~~)")


def _outside_fences(text: str):
    """(line number, line) for lines outside fenced code blocks."""
    fence = None
    for number, line in enumerate(text.split("\n"), 1):
        match = _FENCE.match(line)
        if match:
            fence = None if fence == match.group(1) else (fence or match.group(1))
            continue
        if fence is None:
            yield number, line


def unsafe_html(text: str) -> list[tuple[int, str]]:
    """(line within text, what was found) for every line with dangerous raw HTML."""
    found = []
    for number, line in _outside_fences(text):
        match = _TAG.search(line)
        if match:
            found.append((number, match.group(0)[:30]))
        elif (match := _HANDLER_TAG.search(line)) or (match := _JS_URL.search(line)):
            found.append((number, match.group(0)[:30]))
    return found


def neutralise(text: str) -> str:
    """Escape dangerous raw HTML so it shows as text and never runs."""
    lines = text.split("\n")
    for number, _ in _outside_fences(text):
        line = lines[number - 1]
        line = _TAG.sub(lambda m: m.group(0).replace("<", "&lt;"), line)
        line = _HANDLER_TAG.sub(lambda m: m.group(0).replace("<", "&lt;"), line)
        line = _JS_URL.sub(lambda m: re.sub(r"(?i)(javascript|vbscript|data):", "blocked-\\1-", m.group(0)), line)
        lines[number - 1] = line
    return "\n".join(lines)


def html_message(what: str, where: str) -> str:
    return (
        f"{where}含有网页代码“{what}”(常见于从公众号或网页复制的内容)。"
        "出于安全原因,它在网站上只会显示为文字,不会运行。请删去这段代码,只保留文字和图片"
    )


_MARKUP = re.compile(r"[#>*_`\[\]()!|-]")


def strip_markup(markdown: str) -> str:
    """Markdown without its markup characters: for excerpts, lengths and comparisons."""
    return _MARKUP.sub("", markdown)
