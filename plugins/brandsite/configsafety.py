"""mkdocs.yml read for what would run code, before MkDocs reads it. No MkDocs imports.

MkDocs loads mkdocs.yml with PyYAML's unsafe loader: `!!python/object/apply:os.system [...]`
runs while the file is read, `hooks:` runs Python files, `INHERIT:` reads another file the
same way, and a `markdown_extensions` name that no installed package provides is imported as
a module (the repository's folder is on the path under `python -m brandsite`). Besides these,
what runs or reads outside the content when the site is built is an allow-list (`_limits`):
`extra_templates` and a `custom_dir` other than assets/ are templates run unsandboxed, a plugin
is a program, an extension option may read any file (pymdownx.snippets, b64), and a script listed
in extra_javascript would run on every page under the policy's script-src 'self'. The guide has
editors change this file, and CI treats a change to it as content, so it is content: check,
build, serve, zip and print read it (and every file its INHERIT chain names) here first, with a
safe loader that records the tags it meets without constructing them, and stop on any of these.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

from .content.model import Problem, display_path
from .content.prose_links import URL_NOISE

PYTHON = "tag:yaml.org,2002:python/"
# `!!python/name:` of these (a function handed to an extension: emoji, slugs, fences) only names it.
SAFE_NAME = re.compile(r"(?:material|pymdownx|markdown)(?:\.[A-Za-z][A-Za-z0-9_]*)+")
# The one call the sample and pymdownx's documentation write (a slug function for `toc`).
SAFE_APPLY = {"pymdownx.slugs.slugify"}
ALLOWED = ("网站设置里只能用 !ENV、!relative，以及 !!python/name: 加 material.、pymdownx.、markdown. 下的名称"
           "（例如 !!python/name:material.extensions.emoji.twemoji）")


class Relative(str):
    """A `!relative` value: MkDocs makes it an absolute path (of the file's folder, or $config_dir's)."""


class TagRecorder(yaml.SafeLoader):
    """A safe loader that knows MkDocs' tags: !ENV as MkDocs reads it, !relative as its text,
    `!!python/...` recorded in `python_tags` as (tag, line) and read as None, never constructed."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self.python_tags: list[tuple[str, int]] = []


def _python(loader: TagRecorder, suffix: str, node: yaml.Node):
    # the tags inside it too: they are not constructed, and a safe call may hold another one
    seen, stack = set(), [node]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if item.tag.startswith(PYTHON) and (item.tag, item.start_mark.line + 1) not in loader.python_tags:
            loader.python_tags.append((item.tag, item.start_mark.line + 1))
        if isinstance(item, yaml.SequenceNode):
            stack += item.value
        elif isinstance(item, yaml.MappingNode):
            stack += [part for pair in item.value for part in pair]
    return None


TagRecorder.add_multi_constructor(PYTHON, _python)
TagRecorder.add_constructor("!ENV", construct_env_tag)
TagRecorder.add_constructor("!relative", lambda loader, node: Relative(loader.construct_scalar(node)) if isinstance(node, yaml.ScalarNode) else None)
TagRecorder.add_multi_constructor("", _python)  # MkDocs refuses other tags; what is inside one is recorded still


def read(text: str) -> tuple[dict, list[tuple[str, int]]]:
    """(the data, the python tags with their lines); raises yaml.YAMLError or ValueError."""
    loader = TagRecorder(text)
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    return (data if isinstance(data, dict) else {}), loader.python_tags


def allowed(tag: str) -> bool:
    kind, _, name = tag[len(PYTHON):].partition(":")
    return (kind == "name" and bool(SAFE_NAME.fullmatch(name))) or (kind == "object/apply" and name in SAFE_APPLY)


def _extension_names() -> set[str]:
    from importlib.metadata import entry_points

    return {ep.name for ep in entry_points(group="markdown.extensions")}


def _line(lines: list[str], key: str) -> int:
    return next((n for n, written in enumerate(lines, 1) if re.match(rf"[ \t]*{key}[ \t]*:", written)), 1)


def _file_problems(shown: str, text: str, data: dict, tags: list[tuple[str, int]], root: Path) -> list[Problem]:
    lines = text.splitlines()
    out = [Problem(shown, line, f"“!!{tag[len('tag:yaml.org,2002:'):]}”这个标签会让 MkDocs 在读取网站设置时运行 Python 代码，"
                                f"检查、构建和预览都不会读这样的设置。请删去这个标签，直接写值；{ALLOWED}")
           for tag, line in tags if not allowed(tag)]
    if data.get("hooks"):
        out.append(Problem(shown, _line(lines, "hooks"), "hooks（钩子）会让 MkDocs 运行其中列出的 Python 文件，网站设置里不能用。"
                                                          "请删去 hooks 这一段；网站需要的功能请交给技术人员写进 brandsite 插件"))
    extensions = data.get("markdown_extensions")
    installed = None
    for entry in extensions if isinstance(extensions, list) else []:
        for name in entry if isinstance(entry, dict) else [entry]:
            if not isinstance(name, str) or SAFE_NAME.fullmatch(name.split(":")[0]):
                continue
            installed = _extension_names() if installed is None else installed
            if name not in installed:
                at = next((n for n, w in enumerate(lines, 1) if re.match(rf"[ \t]*-?[ \t]*['\"]?{re.escape(name)}['\"]?[ \t]*(:|$)", w)), None)
                out.append(Problem(shown, at or _line(lines, "markdown_extensions"),
                                   f"markdown_extensions 里的“{name}”不是已安装的 Markdown 扩展，MkDocs 会把它当成 Python 模块导入，"
                                   "运行其中的代码。请删去这一项，或改成已安装扩展的名字（例如 admonition、pymdownx.details）"))
    return sorted(out + _limits(shown, text, data) + _folders(shown, text, data, root), key=lambda p: p.line)


# What the site needs, as the repository's own mkdocs.yml has it: anything else is refused.
PLUGINS = {"brandsite"}  # a plugin is a program the build runs (material/info zips the project, privacy and social fetch)
THEME_DIR = "assets"  # the site's templates: code the build runs, so only the repository's own folder
# Extensions that put other files (brands/, /etc, a downloaded URL) into a page, and the options that do it.
READERS = {"pymdownx.snippets", "pymdownx.b64"}
READING_OPTIONS = {"base_path", "base_paths", "url_download", "url_request_headers", "restrict_base_path", "check_paths", "auto_append"}
_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//")  # a scheme, or //host: another site's


def _entries(value):
    """(name, options) of a list of names and one-item mappings, or of a mapping (MkDocs reads both)."""
    if isinstance(value, dict):
        return list(value.items())
    items = value if isinstance(value, list) else []
    return [pair for item in items for pair in (item.items() if isinstance(item, dict) else [(item, None)])]


def _outside(value: str) -> bool:
    """Whether a path names what is outside the site's folder: absolute (/, \\\\host, ~/, C:\\), or ../."""
    path = value.strip().replace("\\", "/")
    return bool(re.match(r"[/~]|[A-Za-z]:/", path)) or posixpath.normpath(path).split("/")[0] == ".."


def values(value, path=()):
    """(path, value) of everything under a setting's mappings and lists, at any depth, each before
    what it holds (an extension's options; theme's, extra's and nav's strings, settings_text)."""
    items = value.items() if isinstance(value, Mapping) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        yield (*path, key), item
        yield from values(item, (*path, key))


def _limits(shown: str, text: str, data: dict) -> list[Problem]:
    """Errors for the settings that run or read outside the content when the site is built."""
    out = []

    def at(*path) -> int:
        return path_line(text, list(path)) or 1

    if data.get("extra_templates"):
        out.append(Problem(shown, at("extra_templates"), "extra_templates（额外模板）会让 MkDocs 把列出的文件当作网页模板运行，"
                                                          "模板能在构建时运行任意程序，网站设置里不能用。请删去 extra_templates 这一段；"
                                                          "要加页面，请在 docs/ 里写 Markdown 页面"))
    theme = data.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom is not None and (isinstance(custom, Relative) or not isinstance(custom, str)
                               or posixpath.normpath(custom.replace("\\", "/")) != THEME_DIR):
        out.append(Problem(shown, at("theme", "custom_dir"), f"theme.custom_dir（主题文件夹）只能是 {THEME_DIR}：那里的网页模板会在构建时运行，"
                                                             f"别的文件夹（“{custom}”）里的文件没有人把关。请写 custom_dir: {THEME_DIR}，或删去这一行"))
    for name, options in _entries(data.get("markdown_extensions")):
        module = name.split(":")[0] if isinstance(name, str) else name
        if module in READERS:
            out.append(Problem(shown, at("markdown_extensions", name), f"markdown_extensions 里的“{name}”会把页面以外的文件"
                                                                       "（不公开的品牌资料、电脑上的系统文件）或网上的内容原样放进公开页面，网站设置里不能用。"
                                                                       "请删去这一项；要放进页面的内容，请直接写在页面里"))
            continue
        for path, value in values(options):
            key = path[-1]
            if key in READING_OPTIONS:
                said = f"的 {key} 选项会让扩展读取页面以外的文件或网上的内容，放进公开页面"
            elif isinstance(value, str) and (isinstance(value, Relative) or _outside(value)):
                said = f"的 {'.'.join(str(p) for p in path)} 写的是“{value.strip()[:40]}”，指向网站文件夹以外（绝对路径或 ../ 开头）"
            else:
                continue
            out.append(Problem(shown, at("markdown_extensions", name, *path),
                               f"markdown_extensions 里“{name}”{said}，网站设置里不能用。请删去这个选项"))
    for name, _ in _entries(data.get("plugins")):
        if name not in PLUGINS:
            out.append(Problem(shown, at("plugins", name), f"plugins 里的“{name}”不是本网站用的插件：插件是构建时运行的程序，能读写网站以外的文件、"
                                                           f"连接外网。plugins 里只能写 {'、'.join(sorted(PLUGINS))}，请删去这一项；"
                                                           "需要的功能请交给技术人员写进 brandsite 插件"))
    scripts = data.get("extra_javascript")
    for index, item in enumerate(scripts if isinstance(scripts, list) else [scripts] if scripts else []):
        path = item.get("path") if isinstance(item, dict) else item
        out.append(Problem(shown, at("extra_javascript", index), f"extra_javascript 里的“{path}”会在网站的每个页面上运行脚本，网站设置里不能加脚本："
                                                                 "网站自己的脚本都由 brandsite 插件提供。请删去这一项，没有别的项时删去整个 extra_javascript 段落"))
    extra = data.get("extra")
    polyfills = extra.get("polyfills") if isinstance(extra, dict) else None
    # Material writes each one into every page's <head> as a <script src>: any file of the site
    # (a docs/ .txt the browser runs as script), which script-src 'self' allows.
    for index, item in enumerate(polyfills if isinstance(polyfills, list) else [polyfills] if polyfills else []):
        path = item.get("path") if isinstance(item, dict) else item
        out.append(Problem(shown, at("extra", "polyfills", index), f"extra.polyfills 里的“{str(path)[:40]}”会在网站的每个页面上运行脚本，"
                                                                   "网站设置里不能加脚本：网站自己的脚本都由 brandsite 插件提供。"
                                                                   "请删去这一项，没有别的项时删去整个 polyfills 段落"))
    sheets = data.get("extra_css")
    # A local style sheet may stay (assets/stylesheets/, or a docs/ .css listed here): its url() can
    # only reach this site, since the Content-Security-Policy allows no other host.
    for index, item in enumerate(sheets if isinstance(sheets, list) else []):
        if isinstance(item, str) and _ADDRESS.match(URL_NOISE.sub("", item).strip().replace("\\", "/")):
            out.append(Problem(shown, at("extra_css", index), f"extra_css 里的“{item.strip()[:40]}”是别的网站的地址，页面会去那里加载样式："
                                                              "内网连不上，那个网站还会知道谁在访问。请把样式表放进 assets/stylesheets/，"
                                                              "写成 stylesheets/文件名.css"))
    return out


# Folders and files mkdocs.yml names: what the guide calls each, and what to write. The build
# publishes docs_dir's files as they are, reads brands_dir and the font, and takes what it finds in
# cache_dir as its own work: Jinja's compiled templates (unpickled), cleaned SVG logos, pages.
FOLDERS = {"docs_dir": ("页面文件夹", "docs_dir: docs"), "brands_dir": ("品牌文件夹", "brands_dir: brands"),
           "font": ("字体文件", "font: fonts/字体文件名.otf，字体文件放进网站文件夹")}
CACHE = ".cache"  # cache_dir only under it: no content folder, nothing an editor can put files in
_HIDDEN_OR_BUILT = {"site", "site-internal", "dist"}  # build outputs; and folders starting with "." (.git, .cache, .venv)


def _within(root: Path, value: str) -> bool:
    """Whether `value`, a path relative to `root`, stays in `root` once written out and once its links are followed."""
    if _outside(value) or "\0" in value:
        return False
    real, base = os.path.realpath(os.path.join(root, value)), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _folders(shown: str, text: str, data: dict, root: Path) -> list[Problem]:
    """Errors for docs_dir, brands_dir, font and cache_dir naming a place outside the site's folder
    (docs_dir: /etc published /etc's files), a hidden folder or a build's output, or, for cache_dir,
    a place other than .cache/ (a cache in brands/ with a compiled template ran its code)."""
    written = [(("docs_dir",), data["docs_dir"])] if data.get("docs_dir") is not None else []
    for index, (name, options) in enumerate(_entries(data.get("plugins"))):  # each instance, when listed twice
        where = ("plugins", index) if isinstance(data.get("plugins"), list) else ("plugins",)
        written += [((*where, name, key), options[key]) for key in ("brands_dir", "font", "cache_dir")
                    if name == "brandsite" and isinstance(options, dict) and options.get(key) is not None]
    out = []
    for keys, value in written:
        if not isinstance(value, str):  # a number, a list: configcheck tells it
            continue
        key, plain, value = keys[-1], not isinstance(value, Relative) and value.strip(), value.strip()[:60]
        parts = posixpath.normpath(value.strip().replace("\\", "/")).split("/") if plain else []
        if key == "cache_dir":
            if plain and _within(root, value) and parts[0] == CACHE:
                continue
            said = (f"cache_dir（缓存文件夹）“{value}”不在 {CACHE}/ 下。构建会直接使用缓存里的文件（编译好的网页模板、处理过的标识和页面），"
                    f"放在别处的缓存能被人预先放进文件，让构建运行任意程序、让网站带上脚本。请写 cache_dir: {CACHE}/brandsite，"
                    "或删去这一行；要放到别的位置，请技术人员设置环境变量 BRANDSITE_CACHE_DIR")
        else:
            if plain and _within(root, value) and not any(p.startswith(".") or p in _HIDDEN_OR_BUILT for p in parts):
                continue
            label, fix = FOLDERS[key]
            said = (f"{key}（{label}）“{value}”指向网站文件夹以外、隐藏文件夹（以 . 开头）或构建出的网站文件夹"
                    f"{'：那里的文件会原样发布到公开网站上' if key == 'docs_dir' else '，那里的文件没有人把关'}。请写 {fix}")
        out.append(Problem(shown, path_line(text, list(keys)) or 1, said))
    return out


def problems(config_file: Path, shown: str | None = None) -> list[Problem]:
    """Errors, at their lines, for what in config_file or the files its INHERIT chain names would run
    code when MkDocs reads them; an unreadable inherited file too (MkDocs would read it with its
    own loader). config_file itself must be readable: configcheck says what is wrong with it."""
    out: list[Problem] = []
    seen: set[str] = set()
    current, shown = config_file, shown or config_file.as_posix()
    while True:
        seen.add(os.path.normcase(os.path.abspath(current)))
        try:
            text = current.read_text(encoding="utf-8")
            data, tags = read(text)
        except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError):
            if current == config_file:
                return out  # configcheck tells it at its line
            return out + [Problem(shown, 1, f"{shown} 读不出来（要是 UTF-8 编码、格式正确的 YAML 文件），构建会停下。"
                                            "请改正它，或删去 mkdocs.yml 的 INHERIT，把其中的设置直接写进 mkdocs.yml")]
        out += _file_problems(shown, text, data, tags, config_file.parent)
        parent = data.get("INHERIT")
        if parent is None:
            return out
        line = _line(text.splitlines(), "INHERIT")
        # as MkDocs finds it (utils/yaml.py): next to the file that names it
        target = Path(os.path.normpath(os.path.join(os.path.dirname(current), str(parent))))
        if not isinstance(parent, str) or os.path.normcase(os.path.abspath(target)) in seen:
            return out + [Problem(shown, line, f"INHERIT 要写另一个设置文件的文件名，而且不能绕回已经读过的文件，构建会停下。"
                                               "请改正它，或删去 INHERIT，把那个文件里的设置直接写进 mkdocs.yml")]
        if not target.is_file():
            return out  # MkDocs says it is missing, reading nothing
        current, shown = target, display_path(target, Path.cwd())


def inherit_chain(config_file: Path):
    """(path, text, settings) of config_file and of each file its INHERIT chain names, as MkDocs
    finds them (next to the file that names it), the settings as `read` gives them; text and
    settings None for a file that cannot be read, settings None for one that is no YAML: the
    last. The chain ends there, at a name that is no file, and before a loop: problems() says
    what is wrong with each."""
    current, seen = config_file, set()
    while current.is_file() and os.path.normcase(os.path.abspath(current)) not in seen:
        seen.add(os.path.normcase(os.path.abspath(current)))
        try:
            text = current.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            yield current, None, None
            return
        try:
            data = read(text)[0]
        except (yaml.YAMLError, ValueError):
            yield current, text, None
            return
        yield current, text, data
        if not isinstance(parent := data.get("INHERIT"), str):
            return
        current = Path(os.path.normpath(os.path.join(os.path.dirname(current), parent)))


def brandsite_missing(config_file: Path, shown: str | None = None) -> list[Problem]:
    """An error when the plugins MkDocs will load (the first file of the INHERIT chain that lists
    plugins: MkDocs takes that list whole) leave brandsite out: the site would be built as a plain
    Material site, with no check of brands/ or docs/, no security policy, nothing filtered out."""
    first = None
    for _, text, data in inherit_chain(config_file):
        if data is None:
            return []  # problems() or configcheck tells it
        first = text if first is None else first
        if "plugins" in data:
            if "brandsite" in [name for name, _ in _entries(data["plugins"])]:
                return []
            break
    if first is None:
        return []
    return [Problem(shown or config_file.as_posix(), path_line(first, ["plugins"]) or 1,
                    "plugins 里没有 brandsite：没有它，网站会不经任何检查地构建（品牌内容、docs/ 里的文件、网站的安全设置都没人把关）。"
                    "请在 plugins 下写回“  - brandsite:”和它原来的几行设置")]


def path_line(text: str, path: list, whole: bool = False) -> int | None:
    """The line of the deepest part of `path` (keys, list positions, and names of a list's entries:
    `plugins.brandsite`, an entry `brandsite` or `{brandsite: …}`) that `text` holds, or None
    (None too, when `whole`, unless it holds all of it)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)  # composing constructs nothing
    except (yaml.YAMLError, ValueError):
        return None
    line = None
    for part in path:
        if isinstance(node, yaml.SequenceNode) and isinstance(part, str):  # the entry of that name
            node = next((item for item in node.value if _key(item, part) or (isinstance(item, yaml.ScalarNode) and item.value == part)), None)
            if isinstance(node, yaml.ScalarNode):
                line, node = node.start_mark.line + 1, None
                continue
        if isinstance(node, yaml.MappingNode) and (found := _key(node, part)):
            line, node = found[0].start_mark.line + 1, found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return None if whole else line
    return line


def _key(node, part):
    """(key, value) nodes of `part` in a mapping node, or None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(part)), None)
