"""mkdocs.yml as the checker reads it: what would make MkDocs stop is an error at its line, in Chinese.

Editors change site_name, copyright and icp_record there (the guide tells them to). A file
that is not YAML made MkDocs stop the build and the preview with an English message, while
`brandsite check` read no options from it (the default categories, not the site's) and said
that everything passed; so did a file that reads but that MkDocs' validation refuses
(copyright: 2024). Now check, build and serve say what is wrong and where, first: the YAML
slips an input method makes, an empty site_name, categories written with Chinese commas, then
MkDocs' own validation of the settings and the plugins' options (its message kept, after a
Chinese one).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

from .content.model import Problem
from .content.yamlslips import unreadable
from .content.yamlwords import explain, list_parts, open_quote_line
from . import configsafety, settings_text
from .settings_text import located, refused


class LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for our options, ignoring tags like !!python/name."""


LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)
# !ENV [SITE_URL, "http://127.0.0.1:8000/"] is read as MkDocs reads it (its pyyaml_env_tag), so
# `brandsite print` puts the same address in its QR codes as the build.
LenientLoader.add_constructor("!ENV", construct_env_tag)
LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)

# Indentation a Chinese input method types: full-width spaces, or a Tab.
_WIDE_INDENT = re.compile(r"[ \t]*[\u3000\t][ \t\u3000]*[^\s#]")
# A setting's name, then a colon typed with a Chinese input method: site_name：…
_WIDE_COLON = re.compile(r"[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*)[ \t]*：")


# A date as YAML reads one (2025-02-30 too, which then fails)
_DAY = re.compile(r"(?<![\w.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w.:-])")


def _real_day(m: re.Match) -> bool:
    import datetime

    try:
        datetime.date(*(int(g) for g in m.groups()))
    except ValueError:
        return False
    return True


def problems(config_file: Path = Path("mkdocs.yml")) -> list[Problem]:
    """Errors for a mkdocs.yml the build would stop on, and a note for what the other audience's build
    would stop on; none for a good one, or none there."""
    name = config_file.as_posix()
    try:
        text = config_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except UnicodeDecodeError:
        return [Problem(name, 1, f"{name} 不是 UTF-8 编码的文本，网站无法读取。请用记事本或 VS Code 打开，"
                                 "另存为“UTF-8”编码后再试")]
    except OSError as exc:
        return [Problem(name, 1, f"无法读取 {name}:{exc.strerror or exc}")]
    lines = text.splitlines()
    pasted = next(((n, said) for n, line in enumerate(text.split("\n"), 1) if (said := unreadable(line))), None)
    if pasted:  # a control character or a line separator pasted from Word: PyYAML tells neither at its line
        return [Problem(name, pasted[0], f"网站设置读不出来，构建和预览都会停下。{pasted[1]}")]
    try:
        data = yaml.load(text, Loader=LenientLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        stop = "网站设置读不出来，构建和预览都会停下。"
        for number, written in enumerate(lines[:line], 1):
            wide = _WIDE_COLON.match(written)
            if wide:
                return [Problem(name, number, f"“{wide.group(1)}”后面是中文冒号“：”，{stop}"
                                              f"请改成英文冒号加一个空格，写成 {wide.group(1)}: …")]
            if _WIDE_INDENT.match(written):
                return [Problem(name, number, f"这一行用了全角空格或 Tab 缩进，{stop}请换成英文空格，与同一层的设置左对齐")]
        unclosed = open_quote_line(lines, line)
        if unclosed:
            return [Problem(name, unclosed, f"这一行的引号没有配对，{stop}请在值的末尾补上同样的英文引号，或去掉开头的引号")]
        if lines and lines[0][:1] in (" ", "\t") and "document start" in (exc.problem or ""):
            return [Problem(name, 1, f"第一行前面多了空格，{stop}最外层的设置（如 site_name:）要顶格写，不留空格")]
        here = lines[line - 1] if 0 < line <= len(lines) else ""
        before = lines[line - 2] if 1 < line <= len(lines) + 1 else ""
        return [Problem(name, line, stop + explain(exc, here, before))]
    except yaml.YAMLError as exc:
        return [Problem(name, 1, f"网站设置读不出来，构建和预览都会停下：{exc}")]
    except ValueError:  # a date YAML reads as one but no calendar has (2025-02-30): PyYAML says no line
        number, day = next(((n, m.group()) for n, line in enumerate(lines, 1) for m in _DAY.finditer(line)
                            if not _real_day(m)), (1, ""))
        what = f"日期“{day}”不存在" if day else "有一个日期不存在"
        return [Problem(name, number, f"网站设置读不出来，构建和预览都会停下。{what}，请改成真实的日期")]
    # What would run code when MkDocs reads the file (its own loader, in _validated) first: nothing
    # else is read with MkDocs' loader while one is there.
    found = configsafety.problems(config_file, name)
    found += _settings(name, data if isinstance(data, dict) else {}, lines) + _refused(config_file, name, data)
    return found + ([] if found else _validated(config_file, name, lines)) + configsafety.brandsite_missing(config_file, name)


def _merged(parent, child):
    """child over parent, dicts merged at every depth: how MkDocs reads an INHERIT (mergedeep)."""
    if not (isinstance(parent, dict) and isinstance(child, dict)):
        return child
    return {**parent, **{key: _merged(parent.get(key), value) for key, value in child.items()}}


def _refused(config_file: Path, name: str, data) -> list[Problem]:
    """The settings settings_text refuses, as MkDocs reads them (with what an INHERIT chain gives),
    each at its line in the file that holds it, as the build says it."""
    merged = data if isinstance(data, dict) else {}
    for _, text, _ in list(configsafety.inherit_chain(config_file))[1:]:
        try:
            current = yaml.load(text, Loader=LenientLoader) if text is not None else None
        except (yaml.YAMLError, ValueError):
            current = None  # configsafety or MkDocs' validation says what is wrong with it
        if not isinstance(current, dict):
            break
        merged = _merged(current, merged)
    out = []
    for level, found in (("error", refused(merged)), ("info", settings_text.policy_off_for_public(merged))):
        for key, said in found:
            inherited, shown, line = located(key, Path(name))
            out.append(Problem(shown if inherited else name, line, said, level))
    return out


def _validated(config_file: Path, name: str, lines: list[str]) -> list[Problem]:
    """What MkDocs' own validation of the settings (and of the plugins' options) refuses, which
    stops the build: copyright: 2024, site_url: 127.0.0.1:8000, a plugin option of the wrong type."""
    try:
        from mkdocs.config.defaults import MkDocsConfig
    except ImportError:  # pragma: no cover - MkDocs is a dependency
        return []
    config = MkDocsConfig(config_file_path=str(config_file))
    try:
        with config_file.open("rb") as f:
            config.load_file(f)
        failed, _ = config.validate()
    except Exception as exc:  # noqa: BLE001 - anything MkDocs would stop on (a !!python/name of no module too)
        return [Problem(name, 1, f"网站设置读不出来，构建会停下。MkDocs 的说明：{exc}")]
    out = []
    for key, error in failed:
        option = re.search(r"option '([\w-]+)'", str(error))  # a plugin's option: at its own line
        key = option.group(1) if option else key
        line = _line_of(lines, key)
        own = re.search(r"option '[\w-]+': (.*[\u4e00-\u9fff].*)", str(error), re.S)
        if own:  # the plugin's own validation (config.py) says it in Chinese already
            out.append(Problem(name, line, f"{own.group(1)}。构建会停下"))
            continue
        said = f"{key} 的写法不对，构建会停下。{_from_environment(lines[line - 1] if lines else '', str(error)) or _hint(str(error))}"
        out.append(Problem(name, line, f"{said}MkDocs 的说明：{error}"))
    return out


def _from_environment(written: str, error: str) -> str:
    """For a setting read from an environment variable (site_url: !ENV [SITE_URL, …]): where the
    wrong value came from, so that the variable is mended and the line kept."""
    found = re.search(r"!ENV[ \t]*\[?[ \t]*([A-Za-z_]\w*)", written)
    if not found or found.group(1) not in os.environ:
        return ""
    variable = found.group(1)
    url = "should include the http" in error
    return (f"这一项读的是环境变量 {variable}，它现在的值是“{os.environ[variable]}”"
            + ("，不是有效的网址（要以 http:// 或 https:// 开头）" if url else "")
            + f"。请改正这个环境变量" + (f"（例如 {variable}=https://dangjian.example.gov.cn/）" if url else "")
            + f"，流水线里是仓库的变量 {variable}；这一行不用改。")


def _hint(error: str) -> str:
    if "Expected type: <class 'str'>" in error:
        return "这里要写文字，数字请加引号（例如 \"2024\"）。"
    if "should include the http" in error:
        return "网址要以 http:// 或 https:// 开头，例如 site_url: https://dangjian.example.gov.cn/。"
    return ""


def _line_of(lines: list[str], key: str) -> int:
    return next((n for n, written in enumerate(lines, 1) if re.match(rf"[ \t]*{key}[ \t]*:", written)), 1)


def _settings(name: str, data: dict, lines: list[str]) -> list[Problem]:
    """What MkDocs or the plugin would stop on in a file that reads: no site name; markup in the
    settings the theme shows as written (settings_text); the site's categories written with
    Chinese commas (one category "机关，社区", which no brand has)."""
    out = [Problem(name, number, "这一行用了全角空格或 Tab 缩进，这个设置读不出来。请换成英文空格，与同一层的设置左对齐")
           for number, written in enumerate(lines, 1) if _WIDE_INDENT.match(written)][:1]
    # (not when another file or the environment gives it: INHERIT, site_name: !ENV …)
    given = "INHERIT" in data or re.search(r"site_name[ \t]*:[ \t]*!", lines[_line_of(lines, "site_name") - 1] if lines else "")
    if not given and not str(data.get("site_name") or "").strip():
        out.append(Problem(name, _line_of(lines, "site_name"), "site_name（网站名称）没有填写，构建会停下。"
                                                               "请写上网站的名称，例如 site_name: 某某县党建品牌展示"))
    for entry in data.get("plugins") or []:
        options = entry.get("brandsite") if isinstance(entry, dict) else None
        categories = options.get("categories") if isinstance(options, dict) else None
        for category in categories if isinstance(categories, list) else []:
            if isinstance(category, str) and (parts := list_parts(category)) != [category.strip()]:  # a mark in it
                out.append(Problem(name, _line_of(lines, "categories"), f"categories（本站的类别）里的“{category}”用了中文逗号或顿号，"
                                                                        f"会被当成一个类别。请用英文逗号分开，写成 categories: [{', '.join(parts)}]"))
    return out


def _lines_of(config_file: Path) -> list[str] | None:
    """mkdocs.yml's lines, or None when it cannot be read (problems() says why)."""
    try:
        return config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None


def sample_footer(data: dict, options: dict, config_file: Path = Path("mkdocs.yml")) -> list[Problem]:
    """settings_text.sample_footer's findings at their lines of mkdocs.yml."""
    if (lines := _lines_of(config_file)) is None:
        return []
    return [Problem(config_file.name, _line_of(lines, key), message, "info") for key, message in settings_text.sample_footer(data, options)]


def nav_problems(data: dict, generated: set[str], config_file: Path = Path("mkdocs.yml")) -> list[Problem]:
    """A warning at its line for each page mkdocs.yml's nav names that neither docs/ holds nor the
    build makes (`generated`): MkDocs warns of it, which stops a strict build, and check passed."""
    if (lines := _lines_of(config_file)) is None:
        return []
    docs = config_file.parent / str(data.get("docs_dir") or "docs")

    def pages(items):
        for item in items if isinstance(items, list) else []:
            for value in item.values() if isinstance(item, dict) else [item]:
                if isinstance(value, list):
                    yield from pages(value)
                elif isinstance(value, str) and value.lower().endswith(".md") and "://" not in value:
                    yield value

    out = []
    for page in pages(data.get("nav")):
        if page.lstrip("/") not in generated and not (docs / page.lstrip("/")).is_file():
            line = next((n for n, written in enumerate(lines, 1) if page in written), 1)
            title, _, file = page.partition("：")
            fix = (f"这一行的中文冒号“：”要换成英文冒号加一个空格，写成 - {title}: {file}" if file
                   else "请改正文件名，或从 nav 里删去这一行")
            out.append(Problem(config_file.name, line, f"nav（导航）里写了“{page}”，但 docs/ 里没有这个文件，构建会因此停下：{fix}", "warning"))
    return out


def report(found: list[Problem]) -> str:
    return "\n".join(f"{p.path}:{p.line}: {p.message}" for p in found)


def load_config(config_file=None, **options):
    """MkDocs' load_config once configsafety finds nothing in the file that would run code: `serve`
    reads mkdocs.yml again after each save of it, with MkDocs' loader."""
    from mkdocs.config import load_config as mkdocs_load_config
    from mkdocs.exceptions import ConfigurationError

    if isinstance(config_file, (str, os.PathLike)) and (found := configsafety.problems(Path(config_file))):
        raise ConfigurationError(report(found))
    return mkdocs_load_config(config_file, **options)


@contextlib.contextmanager
def guarded_serve():
    """Around mkdocs' serve: its reloads read mkdocs.yml through load_config above."""
    from mkdocs.commands import serve

    saved, serve.load_config = serve.load_config, load_config
    try:
        yield
    finally:
        serve.load_config = saved


class ServeExplainer(logging.Handler):
    """Under `mkdocs serve`, MkDocs reads mkdocs.yml again after each save of it. When it cannot,
    it prints a Python traceback and "An error happened during the rebuild" on the logger of its
    live-reload server, in English, and the preview looks stuck. This handler, on that logger,
    then says in Chinese what is wrong with mkdocs.yml and where; nothing for other errors."""

    def __init__(self, config_file: Path, log) -> None:
        super().__init__(logging.ERROR)
        self.config_file = config_file
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        found = problems(self.config_file)
        if found:
            self.log.error(report(found) + "\n上方 MkDocs 的英文报错（Traceback）说的也是这个问题（它说的行号可能差一行，以这里为准）。"
                                            "改正 mkdocs.yml 并保存后，预览会自动恢复。")


SERVE_LOGGER = "mkdocs.livereload"
