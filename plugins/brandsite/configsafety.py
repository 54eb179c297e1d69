"""mkdocs.yml read for what would run code, before MkDocs reads it. No MkDocs imports.

MkDocs loads mkdocs.yml with PyYAML's unsafe loader: `!!python/object/apply:os.system [...]`
runs while the file is read, `hooks:` runs Python files, `INHERIT:` reads another file the
same way, and a `markdown_extensions` name that no installed package provides is imported as
a module (the repository's folder is on the path under `python -m brandsite`). The guide has
editors change this file, and CI treats a change to it as content, so it is content: check,
build, serve, zip and print read it (and every file its INHERIT chain names) here first, with a
safe loader that records the tags it meets without constructing them, and stop on any of these.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

from .content.model import Problem, display_path

PYTHON = "tag:yaml.org,2002:python/"
# `!!python/name:` of these (a function handed to an extension: emoji, slugs, fences) only names it.
SAFE_NAME = re.compile(r"(?:material|pymdownx|markdown)(?:\.[A-Za-z][A-Za-z0-9_]*)+")
# The one call the sample and pymdownx's documentation write (a slug function for `toc`).
SAFE_APPLY = {"pymdownx.slugs.slugify"}
ALLOWED = ("网站设置里只能用 !ENV、!relative，以及 !!python/name: 加 material.、pymdownx.、markdown. 下的名称"
           "（例如 !!python/name:material.extensions.emoji.twemoji）")


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
TagRecorder.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None)
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


def _file_problems(shown: str, text: str, data: dict, tags: list[tuple[str, int]]) -> list[Problem]:
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
    return sorted(out, key=lambda p: p.line)


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
        out += _file_problems(shown, text, data, tags)
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


def path_line(text: str, path: list, whole: bool = False) -> int | None:
    """The line of the deepest part of `path` (keys and list positions) that `text` holds, or None
    (None too, when `whole`, unless it holds all of it)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)  # composing constructs nothing
    except (yaml.YAMLError, ValueError):
        return None
    line = None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(part)), None)
            if found is None:
                return None if whole else line
            line, node = found[0].start_mark.line + 1, found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return None if whole else line
    return line
