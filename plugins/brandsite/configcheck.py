"""mkdocs.yml as the checker reads it: a file MkDocs cannot read is an error at its line, in Chinese.

Editors change site_name, copyright and icp_record there (the guide tells them to). A file
that is not YAML made MkDocs stop the build and the preview with an English message, while
`brandsite check` read no options from it (the default categories, not the site's) and said
that everything passed. Now check, build and serve say what is wrong and where, first.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .content.model import Problem
from .content.yamlwords import explain


class LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for our options, ignoring tags like !!python/name."""


LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)
LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)

# A setting's name, then a colon typed with a Chinese input method: site_name：…
_WIDE_COLON = re.compile(r"[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*)[ \t]*：")


def problems(config_file: Path = Path("mkdocs.yml")) -> list[Problem]:
    """An error for a mkdocs.yml that cannot be read; none for a readable one, or none there."""
    name = config_file.as_posix()
    try:
        text = config_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except UnicodeDecodeError:
        return [Problem(name, 1, f"{name} 不是 UTF-8 编码的文本,网站无法读取。请用记事本或 VS Code 打开,"
                                 "另存为“UTF-8”编码后再试")]
    except OSError as exc:
        return [Problem(name, 1, f"无法读取 {name}:{exc.strerror or exc}")]
    try:
        yaml.load(text, Loader=LenientLoader)
    except yaml.MarkedYAMLError as exc:
        lines = text.splitlines()
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        for number, written in enumerate(lines[:line], 1):
            wide = _WIDE_COLON.match(written)
            if wide:
                return [Problem(name, number, f"“{wide.group(1)}”后面是中文冒号“：”,网站设置读不出来,构建和预览都会停下。"
                                              f"请改成英文冒号加一个空格,写成 {wide.group(1)}: …")]
        here = lines[line - 1] if 0 < line <= len(lines) else ""
        before = lines[line - 2] if 1 < line <= len(lines) + 1 else ""
        return [Problem(name, line, "网站设置读不出来,构建和预览都会停下。" + explain(exc, here, before))]
    except yaml.YAMLError as exc:
        return [Problem(name, 1, f"网站设置读不出来,构建和预览都会停下:{exc}")]
    return []


def report(found: list[Problem]) -> str:
    return "\n".join(f"{p.path}:{p.line}: {p.message}" for p in found)
