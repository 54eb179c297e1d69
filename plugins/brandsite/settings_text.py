"""Settings of mkdocs.yml that the theme writes into every page as they are. No MkDocs imports.

Material puts site_name, site_description and site_author into the pages' text and
attributes without escaping them, and copyright as HTML (the footer). Editors change
these (the guide tells them to), so they are content: a `<`, `>` or `"` in the first
three (or in the theme options Material writes into attributes, `_theme_values`), or in
copyright anything but text, line breaks and links, would be markup on every page. The
Content-Security-Policy runs no script such markup brings (csp.TemplateScripts), but the
markup would show. They are refused, by `brandsite check` and by the build, at their line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path

import nh3

from . import configsafety
from .configsafety import path_line
from .content.model import display_path, resolve_audience
from .content.prose_links import URL_NOISE
from .errors import BrandsiteError

# setting -> what the guide calls it
PLAIN = {"site_name": "网站名称", "site_description": "网站简介", "site_author": "作者"}
MARKUP = set('<>"')
# What a footer needs: words, a line break, a link to the organiser or a licence.
COPYRIGHT_TAGS = {"a", "br", "p", "span", "strong", "b", "em", "i", "small"}
COPYRIGHT_ATTRIBUTES = {"a": {"href", "title", "target", "rel"}}
COPYRIGHT_SCHEMES = {"http", "https", "mailto"}


def clean_copyright(value: str) -> str:
    return nh3.clean(value, tags=COPYRIGHT_TAGS, attributes=COPYRIGHT_ATTRIBUTES, url_schemes=COPYRIGHT_SCHEMES,
                     link_rel=None, strip_comments=True)


# Every "<" of an accepted footer starts one of these tags, written out plainly: a comment,
# <![CDATA[ or any other markup is refused (Python's HTML parser and a browser's read those
# differently, so what one finds harmless the other may run).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'))*)\s*/?>")
_ATTR = re.compile(r"\s+([A-Za-z-]+)\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)')")


def _plain_footer(value: str) -> bool:
    """Whether `value` holds only words and the footer's tags with their attributes, and links to
    http(s) or mailto addresses."""
    at = value.find("<")
    while at >= 0:
        tag = _TAG.match(value, at)
        if not tag or tag.group(2).lower() not in COPYRIGHT_TAGS:
            return False
        for attr in _ATTR.finditer(tag.group(3)):
            name, written = attr.group(1).lower(), attr.group(2) if attr.group(2) is not None else attr.group(3)
            if name not in COPYRIGHT_ATTRIBUTES.get(tag.group(2).lower(), set()):
                return False
            address = URL_NOISE.sub("", html.unescape(written)).strip().lower()  # as a browser reads it
            if name == "href" and not address.startswith(("http://", "https://", "mailto:")):
                return False
        at = value.find("<", tag.end())
    return True


def _theme_values(settings) -> list[tuple[str, str]]:
    """(where, value) of the theme options Material writes into attributes as they are: the palette
    toggles' names (title, aria-label), extra.homepage and the social links (href)."""
    found = []
    theme, extra = settings.get("theme"), settings.get("extra")
    palette = theme["palette"] if theme is not None and not isinstance(theme, str) and "palette" in theme else None
    for scheme in palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if isinstance(toggle, dict) and isinstance(toggle.get("name"), str):
            found.append(("theme.palette.toggle.name", toggle["name"]))
    if isinstance(extra, Mapping):  # the build's extra is MkDocs' config object, no dict
        if isinstance(extra.get("homepage"), str):
            found.append(("extra.homepage", extra["homepage"]))
        for link in extra.get("social") or [] if isinstance(extra.get("social"), list) else []:
            if isinstance(link, dict) and isinstance(link.get("link"), str):
                found.append(("extra.social.link", link["link"]))
    return found


# Keys of extra whose values Material writes into a page as link addresses (href).
LINK_KEYS = {"link", "homepage", "href", "url"}
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def _outside(settings) -> list[tuple[str, str]]:
    """(dotted path, message) for what makes pages load from, or run script through, another host:
    Google Fonts (Material's default font), analytics, a javascript: link, a language link Material
    fetches. The Content-Security-Policy blocks these, but an intranet page would wait on them, and
    `font`'s and analytics' requests tell an outside host of every visit."""
    out = []
    theme = settings.get("theme")
    name = theme if isinstance(theme, str) else theme.get("name") if isinstance(theme, dict) else getattr(theme, "name", None)
    font = theme.get("font") if isinstance(theme, Mapping) else None  # absent: Material's Roboto
    if name == "material" and font is not False:
        out.append(("theme.font", "theme.font（字体）会让每个页面从外网（Google Fonts）加载字体：内网连不上，访客的访问也会被告知外部网站。"
                                  "网站不能从外网加载字体；请写 font: false，字体已经内置"))
    for key, label in (("logo", "网站标识"), ("favicon", "网站图标")):  # Material's <img src>, <link rel="icon">
        image = theme.get(key) if isinstance(theme, Mapping) else None
        url = URL_NOISE.sub("", image).strip().replace("\\", "/") if isinstance(image, str) else ""
        scheme = _SCHEME.match(url)
        if (scheme and scheme.group(1).lower() != "data") or url.startswith("//"):  # data: is drawn, not fetched
            out.append((f"theme.{key}", f"theme.{key}（{label}）写的是别的网站的地址“{image.strip()[:40]}”，每个页面都会去那里加载图片："
                                        f"内网连不上，那个网站还会知道谁在访问。请把图片放进 assets/images/，写成 {key}: images/文件名.svg"))
    extra = settings.get("extra")
    if not isinstance(extra, Mapping):
        return out
    if extra.get("analytics"):
        out.append(("extra.analytics", "extra.analytics（访问统计）会把访客的访问数据发到外部网站，内网上也连不上、会被拦下。"
                                       "请删去 extra 下的 analytics 这一段"))
    for path, address in ((path, text) for path, text in _texts(extra, ()) if path[-1] in LINK_KEYS):  # every link address
        url = URL_NOISE.sub("", address).strip().replace("\\", "/")  # as a browser reads it
        scheme = _SCHEME.match(url)
        where_ = ".".join(["extra", *(str(p) for p in path if not isinstance(p, int))])
        key = ".".join(["extra", *(str(p) for p in path)])
        if scheme and scheme.group(1).lower() not in COPYRIGHT_SCHEMES:
            out.append((key, f"{where_} 的链接“{address.strip()[:40]}”以 {scheme.group(1)}: 开头，不是网址，点开会运行脚本。"
                             "请改成 https://、http:// 或 mailto: 开头的地址，或删去这一项"))
        elif path[0] == "alternate" and (scheme or url.startswith("//")):
            out.append((key, f"extra.alternate 的链接“{address.strip()[:40]}”写了网站地址，页面会去那里读取内容：另一个网站内网连不上，"
                             "还会知道谁在访问。请写成本站内的路径，例如 link: /en/"))
    return out


POLICY_OFF = ("brandsite 插件的 content_security_policy: false 会关掉公开网站的安全策略（Content-Security-Policy），"
              "页面里混进的脚本、别的网站的脚本都会运行。公开网站不能关掉它，请删去这一行")


def _brandsite_options(settings) -> Mapping:
    """The brandsite plugin's options: in mkdocs.yml's list (or mapping) of plugins, or, in a build,
    the plugin's own (MkDocs' PluginCollection maps a name to the plugin)."""
    plugins = settings.get("plugins")
    entries = [plugins] if isinstance(plugins, Mapping) else plugins if isinstance(plugins, list) else []
    for entry in entries:
        if isinstance(entry, Mapping) and "brandsite" in entry:
            options = getattr(entry["brandsite"], "config", entry["brandsite"])
            return options if isinstance(options, Mapping) else {}
    return {}


def _policy(settings) -> list[tuple[tuple, str]]:
    """The policy turned off for a public build (a preview has none: its live reload is an inline script).
    The audience as the build resolves it (BRANDSITE_AUDIENCE, else the option): a bad one stops it anyway."""
    options = _brandsite_options(settings)
    if options.get("content_security_policy") is not False:
        return []
    try:
        public = resolve_audience(options.get("audience") or "public") == "public"
    except ValueError:
        public = True
    return [(("plugins", "brandsite", "content_security_policy"), POLICY_OFF)] if public else []


POLICY_OFF_INTERNAL = ("content_security_policy: false 关掉了安全策略。内网网站可以这样构建，但 brandsite zip 和 "
                       "brandsite build --audience public 会用同一份设置构建公开网站，那时会报错停下。"
                       "只构建内网网站就不用改；还要构建公开网站的话，请删去这一行")


def policy_off_for_public(settings) -> list[tuple[tuple, str]]:
    """The policy turned off for an internal build, which the public build of the same settings (zip,
    --audience public) refuses: the check's note, so that passing it does not hide that build's error."""
    if _brandsite_options(settings).get("content_security_policy") is not False or _policy(settings):
        return []
    return [(("plugins", "brandsite", "content_security_policy"), POLICY_OFF_INTERNAL)]


def _signs(value: str) -> str:
    """The markup signs in `value`, as a message lists them ("、<、>"), or ""."""
    return "、".join(sorted(MARKUP & set(value)))


def refused(settings: dict) -> list[tuple[str, str]]:
    """(setting, message) for each of these settings the pages could not show as written."""
    out = []
    for key, label in PLAIN.items():
        value = settings.get(key)
        if isinstance(value, str) and (signs := _signs(value)):
            out.append((key, f"{key}（{label}）里有英文的 {signs} 符号。网站主题把这一项原样写进每个页面，"
                             "这些符号会被当成网页代码，页面会显示错乱，其中的脚本还会运行。"
                             "请改用中文的书名号《》和引号“”，或删去这些符号"))
    for option, value in _theme_values(settings):
        if signs := _signs(value):
            out.append((option.split(".")[0], f"{option} 里有英文的 {signs} 符号。网站主题把这一项原样"
                                              "写进每个页面的网页代码里，页面会显示错乱。请删去这些符号"))
    copyright_ = settings.get("copyright")
    if isinstance(copyright_, str) and not _plain_footer(copyright_):
        out.append(("copyright", "copyright（页脚文字）里有不能用的网页代码。页脚只能写文字、换行（<br>）和链接"
                                 "（<a href=\"https://…\">文字</a>，地址放在英文双引号里），注释、脚本、样式、图片和 javascript: 链接都不行。"
                                 "请删去它们，只留文字和链接；要写小于号请用全角的＜"))
    return out + _written_as_they_are(settings) + _outside(settings) + _policy(settings)


# Settings besides PLAIN that Material writes into every page as they are (href, src, content, text).
AS_THEY_ARE = ("site_url", "repo_url", "repo_name", "edit_uri", "edit_uri_template")
_AS_CODE = "网站主题把它原样写进每个页面的网页代码里，这些符号会被当成网页代码：页面显示错乱，还能让页面一打开就跳到别的网站。"


def _texts(value, path: tuple, keys: bool = False):
    """(path, text) of every string under value at any depth (the keys of its mappings too, when `keys`:
    a nav's titles)."""
    if isinstance(value, str):
        yield path, value
    for inner, item in configsafety.values(value, path):
        if keys and isinstance(inner[-1], str):  # a mapping's key (a list's are positions)
            yield inner, inner[-1]
        if isinstance(item, str):
            yield inner, item


def _written_as_they_are(settings) -> list[tuple]:
    """(setting, message) for a <, > or " in the nav's titles and addresses, the site's and the code
    repository's addresses, and every option of theme and extra, which Material writes into the pages
    unescaped: a nav title of <meta http-equiv="refresh" content="0;url=https://…"> sent every visitor
    of the public site to another host, which the Content-Security-Policy does not stop."""
    out, told = [], set(_theme_values(settings))
    for path, text in _texts(settings.get("nav"), ("nav",), keys=True):
        if signs := _signs(text):
            out.append((path, f"nav（导航）里的“{text.strip()[:40]}”有英文的 {signs} 符号。{_AS_CODE}"
                              "请改用中文的书名号《》和引号“”，或删去这些符号"))
    for key in ("theme", "extra", *AS_THEY_ARE):
        for path, text in _texts(settings.get(key), (key,)):
            option = ".".join(str(p) for p in path if not isinstance(p, int))
            if (signs := _signs(text)) and (option, text) not in told and path[:2] != ("extra", "brandsite_govweb"):
                out.append((path if len(path) > 1 else key, f"{option} 里有英文的 {signs} 符号。{_AS_CODE}请删去这些符号"))
    return out


def line_in(text: str, key, whole: bool = False) -> int | None:
    """The line of a setting in a file's text: a top-level key, or a dotted path (theme.font,
    extra.social.0.link) or a tuple of its parts, at its deepest part there (only the whole path when `whole`)."""
    if isinstance(key, tuple):
        return path_line(text, list(key), whole)
    if "." in key:
        return path_line(text, [int(p) if p.isdigit() else p for p in key.split(".")], whole)
    return next((n for n, written in enumerate(text.splitlines(), 1) if re.match(rf"{key}[ \t]*:", written)), None)


def where(key: str, config_file: Path) -> tuple[str, int]:
    """(file, line) of a setting: in config_file, else in the file it names with INHERIT (whose
    settings MkDocs takes when config_file has none of its own)."""
    return located(key, config_file)[1:]


def located(key: str, config_file: Path) -> tuple[bool, str, int]:
    """(whether in an inherited file, file, line) of a setting, as `where`."""
    chain = [(display_path(path, Path.cwd()) if index else config_file.name, text)
             for index, (path, text, _) in enumerate(configsafety.inherit_chain(config_file)) if text is not None]
    # the file that holds the whole of a dotted path (theme.font) first, else the first with a part of it
    for whole in (True, False) if isinstance(key, tuple) or "." in key else (False,):
        for index, (shown, text) in enumerate(chain):
            if found := line_in(text, key, whole):
                return index > 0, shown, found
    return False, config_file.name, 1


def report(found: list[tuple[str, str]], config_file: Path) -> str:
    """`mkdocs.yml:line: message` lines, as the checker gives them."""
    return "\n".join("{}:{}: {}".format(*where(key, config_file), said) for key, said in found)


def settle(config) -> None:
    """Raise BrandsiteError, with the checker's messages, when the site's settings hold one refused;
    else the footer as the cleaner leaves it (what passed the check, as a browser reads it)."""
    config_file = Path(config.config_file_path or "mkdocs.yml")
    # What configsafety refuses before MkDocs reads the file (brandsite's commands): refused here too,
    # before any template, extension or page is used, for a build `mkdocs build` started.
    if config.config_file_path and (unsafe := configsafety.problems(config_file, display_path(config_file, Path.cwd()))):
        raise BrandsiteError("\n".join(f"{p.path}:{p.line}: {p.message}" for p in unsafe))
    found = refused(config)
    if found:
        raise BrandsiteError(report(found, config_file))
    if isinstance(config.get("copyright"), str):
        config["copyright"] = clean_copyright(config["copyright"])


# The sample's footer, which every site replaces with its own (the guide's first steps): a site that
# keeps it tells every visitor its contents are made up, and shows a record number no office gave.
SAMPLE_FOOTER = {
    "copyright": ("页脚文字", "虚构示例", "请换成本单位的文字，例如 copyright: 中共某某县委组织部 主办"),
    "icp_record": ("ICP 备案号", "00000000", "请换成本网站的备案号；没有备案号的内网网站，删去这一行"),
    "police_record": ("公安机关备案号", "00000000", "请换成本网站的备案号，没有的话删去这一行"),
}


def sample_footer(settings: dict, options: dict) -> list[tuple[str, str]]:
    """(setting, message) for each footer setting that still holds the sample's value: a note, as
    for the sample's site_url (the repository's own sample site keeps them on purpose)."""
    out = []
    for key, (label, sample, fix) in SAMPLE_FOOTER.items():
        value = settings.get(key) if key == "copyright" else options.get(key)
        if isinstance(value, str) and sample in value:
            out.append((key, f"{key}（{label}）还是示例里的“{value.strip()}”，每个页面的页脚都会显示它。正式发布前{fix}"))
    return out
