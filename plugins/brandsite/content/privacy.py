"""Personal data in public text: mainland mobile numbers, ID-card numbers, e-mail addresses.

A public build warns (`path:line: message`) when text that will be published
looks like personal data. Contacts belong in `contact:`, which never reaches a
public build. A real public number or address (a service hotline, an office
mailbox) is allowed by listing it in mkdocs.yml:

    plugins:
      - brandsite:
          public_contacts: ["0871-12345678", "dangjian@example.gov.cn"]

No MkDocs imports.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from .model import Brand, Catalog, Problem, display_path
from .yamlsafe import compose

MOBILE = re.compile(r"(?<![\d-])(?:\+?86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?![\d-])")
ID_CARD = re.compile(r"(?<![\dA-Za-z])([1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])(?![\dA-Za-z])")
EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_checksum_ok(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return "10X98765432"[total % 11] == number[17].upper()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def findings(line: str, allowed: Iterable[str] = ()) -> Iterator[str]:
    """What on this line looks like personal data, as Chinese phrases naming it."""
    allowed_digits = {_digits(a) for a in allowed if _digits(a)}
    allowed_text = {a.strip().lower() for a in allowed}
    for m in ID_CARD.finditer(line):
        if id_checksum_ok(m.group(1)) and m.group(1) not in allowed_digits:
            yield f"身份证号“{mask(m.group(1))}”"
    for m in MOBILE.finditer(line):
        if _digits(m.group(1)) not in allowed_digits:
            yield f"手机号“{mask(_digits(m.group(1)))}”"
    for m in EMAIL.finditer(line):
        if m.group(1).lower() not in allowed_text:
            yield f"电子邮箱“{m.group(1)}”"


def mask(number: str) -> str:
    """Show enough to find it in the file, not enough to spread it further in logs."""
    return number[:3] + "*" * (len(number) - 7) + number[-4:] if len(number) > 7 else number


def _public_lines(path: Path, *, skip_contact: bool) -> Iterator[tuple[int, str]]:
    """(line number, text) of what a public build may publish from this file: for a brand.yml
    (skip_contact) every value but contact's, as YAML reads them; for prose, every line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return
    # No pattern spans a line break, so a file in which none matches has no finding on
    # any line: the usual case, decided without the line-by-line pass. (A value YAML folds
    # from several lines is joined with spaces, which the patterns allow inside a number:
    # the text as written is searched with line breaks as spaces too.)
    if not any(pattern.search(t) for t in (text, re.sub(r"\s+", " ", text)) for pattern in (MOBILE, ID_CARD, EMAIL)):
        return
    if skip_contact:
        try:
            yield from sorted(_yaml_values(compose(text)))
            return
        except yaml.YAMLError:
            pass  # the loader has reported it; every line is searched instead
    for number, line in enumerate(text.splitlines(), 1):
        yield number, line


def _yaml_values(root) -> Iterator[tuple[int, str]]:
    """Every scalar value of the document, with its line, but the top-level contact's. Not the
    raw lines: a quoted value runs over several lines (slogan: "热线 ⏎ contact: ⏎ 139…" is one
    slogan, which a line-based skip of the contact block would have hidden), and comments are
    not published."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(value for key, value in node.value
                         if not (node is root and isinstance(key, yaml.ScalarNode) and key.value == "contact"))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode):
            first = node.start_mark.line + 1
            if node.style in ("|", ">"):  # a block: its text starts on the line after the indicator
                for offset, line in enumerate(node.value.splitlines()):
                    yield first + 1 + offset, line
            else:
                yield first, node.value


def scan(catalog: Catalog, allowed: Iterable[str] = (), *, root: Path | None = None) -> list[Problem]:
    """Warnings for personal data in what a public build publishes."""
    allowed = list(allowed)
    problems: list[Problem] = []
    for brand in catalog:
        for path, skip_contact in _published_files(brand):
            for number, line in _public_lines(path, skip_contact=skip_contact):
                for what in findings(line, allowed):
                    problems.append(Problem(
                        display_path(path, root or Path.cwd()), number,
                        f"公开内容里有疑似个人信息:{what}。公开网站不应出现个人的手机号、身份证号或邮箱;"
                        "联系人请写在 contact: 里(不会公开)。如果这是对外公开的服务电话或邮箱,"
                        "请让管理员把它加入 mkdocs.yml 的 public_contacts",
                        "warning", brand.slug,
                    ))
    return problems


def _published_files(brand: Brand) -> Iterator[tuple[Path, bool]]:
    yield Path(brand.folder) / "brand.yml", True
    story = Path(brand.folder) / "story.md"
    if brand.story and story.is_file():
        yield story, False
    for case in brand.cases:
        if case.path is not None:
            yield Path(case.path), False
