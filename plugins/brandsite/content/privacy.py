"""Personal data in public text: mainland mobile numbers, ID-card numbers, e-mail addresses.

A public build warns (`path:line: message`) when text that will be published
looks like personal data. Contacts belong in `contact:`, which never reaches a
public build. A real public number or address (a service hotline, an office
mailbox) is allowed by listing it in mkdocs.yml (no MkDocs imports here):

    plugins:
      - brandsite:
          public_contacts: ["0871-12345678", "dangjian@example.gov.cn"]
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote
from pathlib import Path
from typing import Iterable, Iterator

import xml.etree.ElementTree as ET

import yaml

from .contact_names import everyday_word, folded, folded_name, is_phone, phone_shown, phones_in, stand_in
from .model import Brand, Catalog, Problem, display_path, line_holding, number_text, photo_candidates
from .model import shown_photos as model_shown_photos
from . import prose, prose_limits
from .filetexts import Raw
from .personal import MOBILE, findings, maybe as _maybe, normal as _normal
from .yamlsafe import body_line, compose, split_front_matter


def _lines(text: str) -> list[str]:
    """The lines as an editor's program counts them: str.splitlines also breaks at a form feed,
    U+0085 or U+2028 pasted into a line, and every warning below it was a line too far."""
    return re.split(r"\r\n|\r|\n", text)


def scan_file(path: Path, kind: str, allowed: list[str], root: Path, slug: str | None,
               prose_text: str | None, base: str = "", files: frozenset[str] = frozenset(),
               contacts: dict[str, str] | None = None, internal: dict[str, str] | None = None,
               patterns: bool = True) -> list[Problem]:
    """Findings in one published file, each once: as written, line by line (`_read`: YAML values,
    lines of prose), then its prose as the site publishes it (`prose_text`, the Markdown as the
    model holds it, or None for the file's own text; in folder `base`), rendered and cleaned
    with the same `files` as the site, so from the cache: character references decoded, markup
    and zero-width characters taken out, lines joined, so that 1&#51;9…, 139\\-1234…,
    [139](…)12345678 or a number broken over two lines is found too. The first pass is skipped
    for a file in which no pattern could match (`_maybe`); the second always runs, as rendering
    can join what the written text keeps apart. The file is read once, for both."""
    try:
        # as the site reads it: a stray byte in a cluster intro shows as U+FFFD, the rest is published
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return []
    out: list[Problem] = []
    seen: set[tuple[int, str]] = set()

    def report(line: int, what: str) -> None:
        if (line, what) not in seen:
            seen.add((line, what))
            out.append(Problem(
                display_path(path, root), line,
                f"公开内容里有疑似个人信息：{what}。公开网站不应出现个人的手机号、身份证号或邮箱；"
                "联系人请写在 contact: 里（不会公开）。如果这是对外公开的服务电话或邮箱，"
                "请让管理员把它加入 mkdocs.yml 的 public_contacts",
                "warning", slug,
            ))

    written = _read(text, kind) if kind == "brand" else None  # brand.yml's values, read once for both below
    if patterns and (kind == "brand" or _maybe(text)):  # brand.yml: a metric's number and unit may only join as shown
        for number, line in written if written is not None else _read(text, kind):
            for what in findings(_no_urls(line) if kind != "brand" else line, allowed):
                report(number, what)
    found = {what for _, what in seen}
    lines: list[str] | None = None
    shown = _published(text if prose_text is None else prose_text, base, files)
    for what in findings(shown, allowed) if patterns else ():
        if what not in found:  # hidden in the written text: at the line that has its end
            lines = lines if lines is not None else [_normal(line) for line in _lines(text)]
            report(_locate(lines, _prose_line(text, kind), what), what)
    out += _contact_names(path, text, kind, written, shown, contacts or {}, root, slug, internal or {}, mobiles_told=patterns)
    out.sort(key=lambda p: p.line)
    return out


def _contact_names(path: Path, text: str, kind: str, written: list[tuple[int, str]] | None, shown: str,
                   contacts: dict[str, str], root: Path, slug: str | None, internal: dict[str, str],
                   mobiles_told: bool = False) -> list[Problem]:
    """A warning at the line of each contact's name (contact_names.contacts) that this published file
    holds, as written or as the page shows it (markup and spaces between characters taken out),
    and of each of `internal`'s names (an internal brand's name, an internal case's title -> what
    it is): `brandsite leaks` refuses the built site for it. `written`: brand.yml's values as
    YAML reads them (not contact:'s own), or None for a text, whose lines and page are read."""
    if not contacts and not internal:
        return []
    numbered = written if written is not None else list(enumerate(_lines(text), 1))
    seen = folded(" ".join([value for _, value in numbered] + ([shown] if written is None else [])))
    def line_of(found, otherwise: int) -> int:  # the lines read as the page shows them, only for a file that holds one
        return next((n for n, value in numbered if found(folded(re.sub(r"<[^<>]*>", "", value)))), otherwise)

    out = []
    names, held_phones = _held_contacts(seen, contacts)
    phones = [key for key in contacts if is_phone(key)]
    for digits in held_phones:
        if not (mobiles_told and MOBILE.fullmatch(digits)):  # a mobile number is told as one already
            out.append(Problem(display_path(path, root), line_of(lambda v: digits in phones_in(v, phones), _prose_line(text, kind)), (
                f"公开内容里写了联系人的电话“{phone_shown(digits)}”（品牌“{contacts[digits]}”的 contact:）。联系电话只在内网版显示，"
                "发布公开网站前会检查这个号码（brandsite leaks），出现了就不能发布。请删去；这是对外公开的服务电话的话，"
                "请让管理员把它加入 mkdocs.yml 的 public_contacts"), "warning", slug))
    for name in names:
        brand = contacts[name]
        out.append(Problem(display_path(path, root), line_of(lambda v: folded_name(name) in v, _prose_line(text, kind)), (
            f"公开内容里写了联系人“{name}”的姓名（品牌“{brand}”的 contact:）。联系人只在内网版显示，发布公开网站前"
            f"会检查这个姓名（brandsite leaks），出现了就不能发布。请删去姓名或写成“{stand_in(name)}”；这位同志的姓名"
            "可以公开的话，请让管理员把它加入 mkdocs.yml 的 public_contacts"), "warning", slug))
    for name, what in internal.items():
        if folded_name(name) in seen:
            out.append(Problem(display_path(path, root), line_of(lambda v: folded_name(name) in v, 1), (
                f"公开网站会发布这个文件，它写了{what}“{name}”。内部的品牌和案例只在内网版显示，发布公开网站前会检查"
                "（brandsite leaks），出现了就不能发布。" + ("请删去或改写这句话；确实可以公开的，请把它改为公开（删去它的 visibility: internal）"
                                                       if kind != "prose" or slug else "请删去；只给内部看的页面请移出 docs/")),
                "warning", slug))
    return out


def _locate(lines: list[str], start: int, what: str) -> int:
    """The first line from `start` with the end of what was found (the last four digits a
    masked number shows, or an address's domain); `start` when none has it."""
    shown = what.split("“", 1)[-1].rstrip("”")
    needle = shown.split("@", 1)[1] if "@" in shown else shown[-4:]
    for number in range(max(start, 1), len(lines) + 1):
        if needle in lines[number - 1]:
            return number
    return start


def _read(text: str, kind: str) -> list[tuple[int, str]]:
    """(line, text) of what is published as written. `kind`: "brand" (brand.yml, every value but
    contact's), "case" (front matter values and the text's lines), "prose" (every line)."""
    if kind == "brand":
        try:
            return sorted(_yaml_values(compose(text)))
        except yaml.YAMLError:  # the loader has reported it: every line is searched instead
            return list(enumerate(_lines(text), 1))
    if kind == "case":
        front, body, first = split_front_matter(text)
        if front is None:
            return list(enumerate(_lines(text), 1))
        try:
            written = [(line + first - 1, value) for line, value in sorted(_yaml_values(compose(front), skip=()))]
        except yaml.YAMLError:
            written = [(first + i, line) for i, line in enumerate(_lines(front))]
        start = body_line(front, first)
        return written + [(start + i, line) for i, line in enumerate(_lines(body))]
    return list(enumerate(_lines(text), 1))


# Tags that end a block of text: a visitor reads what is on either side as apart. Inline tags
# (<strong>, <em>, <code>, <a>) join their text to the next: 1391<strong>234</strong>5678 reads
# as one number.
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|thead|tbody|tr|td|th|"
                        r"figure|figcaption|details|summary|section|article|aside)\b[^>]*>", re.I)
# Attributes whose text a visitor can see or use: link and abbreviation titles, image alt
# text, and the address of a mailto: or tel: link.
_SHOWN_ATTR = re.compile(r'\b(?:title|alt)="([^"]*)"|\bhref="((?:mailto|tel):[^"]*)"')


# Between blocks (table cells, list items, paragraphs): a mark no pattern reads across, so that
# cells 186 | 2350 | 4120 are not one number.
_APART = " \u00a6 "


def _published(markdown_text: str, base: str, files: frozenset[str] = frozenset()) -> str:
    """What a visitor reads of this prose: rendered and cleaned as the site does, as plain text,
    and the attributes they can see, each apart."""
    html = prose.render(markdown_text, base, files).html
    shown = [re.sub(r"^(?:mailto|tel):", "", unescape(a or b)) for a, b in _SHOWN_ATTR.findall(html)]
    text = unescape(re.sub(r"<[^>]+>", "", _BLOCK_TAG.sub(_APART, html)))
    return " ".join(_normal(_no_urls(_APART.join([text, *shown]))).split())


# A web address is no phone number, whatever digits its query holds (goods_id=15912344107); in
# Markdown, a link's target ](…) is not shown. (mailto: and tel: links are read from the page.)
# (to the next bracket or line end at most: a text of many ]( with no ) is read once)
_LINK_TARGET = re.compile(r"\]\([^()\[\]\n]*\)")
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'\])]+")


def _no_urls(text: str) -> str:
    return _WEB_ADDRESS.sub(" ", _LINK_TARGET.sub("] ", text))


# The units of a count or an amount: a metric's value written as a number with one of them is
# no phone (value: 15380002101, unit: 元), whatever its digits.
_COUNTING = re.compile(r"(?:万|亿|千|百)?(?:元|人次|户次|件次|人|户|件|个|次|项|场|家|名|所|村|台|辆|吨|亩|平方米|"
                       r"公里|千米|米|小时|天|日|份|册|本|条|篇|期|批|套|株|棵|头|只|间|处|座|km|kg|h|%)")
_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")  # a value written as a number


def _amount(fields: dict):
    """A metric's value node, when it is written as a number and its unit counts: then the
    page shows a count or an amount; else None (value and unit are read together)."""
    value, unit = fields.get("value"), fields.get("unit")
    counts = value is not None and unit is not None and not value.style and value.tag in _NUMBERS
    return value if counts and _COUNTING.fullmatch(_normal(unit.value).strip().lower()) else None


def _shown(node) -> str:
    """A number as the page shows it (number_text): 136.0 and 1.36e+2 are 136."""
    try:
        return number_text(yaml.safe_load(node.value)) if not node.style and node.tag in _NUMBERS else node.value
    except yaml.YAMLError:
        return node.value


def _yaml_values(root, skip: tuple[str, ...] = ("contact", "logo")) -> Iterator[tuple[int, str]]:
    """Every scalar of the document, keys too (a comma in a flow mapping makes the text after
    it a key, which the loader puts back into the value), with its line; not the top-level
    `skip` keys' values (contact; the logo's file name, which _scan_names reads as an address). Not the raw lines: a quoted value runs over several lines
    (slogan: "热线 ⏎ contact: ⏎ 139…" is one slogan, which a line-based skip of the contact
    block would have hidden), and comments are not published."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            fields = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)}
            amount = _amount(fields)
            if "value" in fields and "unit" in fields and not amount:  # shown side by side: 139 + 12340001
                for value in {fields["value"].value, _shown(fields["value"])}:  # 136.0 and 0x88 show as 136
                    yield fields["value"].start_mark.line + 1, value + fields["unit"].value
            for key, value in node.value:
                if node is root and isinstance(key, yaml.ScalarNode) and key.value in skip or value is amount:
                    continue
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode):
            first = node.start_mark.line + 1
            if node.style in ("|", ">"):  # a block: its text starts on the line after the indicator
                lines = node.value.splitlines()
                for offset, line in enumerate(lines):
                    yield first + 1 + offset, line
                # as a page shows it, the lines run together: what only that finds, at the block's start
                joined = " ".join(lines)
                if set(findings(joined)) - {w for line in lines for w in findings(line)}:
                    yield first + 1, joined
            else:
                yield first, node.value


def scan(catalog: Catalog, allowed: Iterable[str] = (), *, root: Path | None = None,
         intros: Iterable[Path] = (), contacts: dict[str, str] | None = None, internal: dict[str, str] | None = None) -> list[Problem]:
    """Warnings for personal data in what a public build publishes: the brands of `catalog`,
    and the cluster intros it shows (`intros`, docs/clusters/<page>.md); and for the names of
    `contacts` (contact_names.contacts: every brand's, internal ones too) and of `internal`
    (contact_names.internal_names) in those."""
    allowed = list(allowed)
    root = root or Path.cwd()
    problems: list[Problem] = []
    for brand in catalog:
        files = photo_candidates(brand.photo_files)  # as shown_photos renders the prose: cached
        for path, kind, prose_text, base in _published_files(brand):
            problems += scan_file(path, kind, allowed, root, brand.slug, prose_text, base, files, contacts, internal)
        problems += _scan_names(brand, allowed, root, contacts)
    for path in intros:
        if not prose_limits.oversized(path):  # one too long is refused unread (clusters.intro_prose_problems)
            problems += scan_file(Path(path), "prose", allowed, root, None, None, contacts=contacts, internal=internal)
    return problems


def _address_words(rel: str) -> str:
    """A file's path in the brand folder as the words of its address: its folders too
    (zhang-139…/logo.svg), - _ and / as spaces (139_1234_5678: the pattern reads no number
    right after a -), without the extension."""
    return re.sub(r"[-_/]", " ", rel.rsplit(".", 1)[0])


def contacts_in(text: str, contacts: dict[str, str]) -> list[str]:
    """Each contact's name and phone (contact_names.contacts) that `text` holds as a reader sees it
    (a binary file's bytes, filetexts.Raw, as they are), as a message says it."""
    names, phones = _held_contacts(text if isinstance(text, Raw) else folded(text), contacts)
    return ([f"联系人“{name}”的姓名（品牌“{contacts[name]}”的 contact:）" for name in names]
            + [f"联系人的电话“{phone_shown(digits)}”（品牌“{contacts[digits]}”的 contact:）" for digits in phones])


def _held_contacts(seen: str, contacts: dict[str, str]) -> tuple[list[str], list[str]]:
    """The contacts' names and phones' digits that `seen` (read as a reader sees it) holds: not a
    name that is an everyday word too (高峰 in 早高峰: leaks does not refuse it either)."""
    phones = [key for key in contacts if is_phone(key)]
    names = [name for name in contacts if not is_phone(name) and folded_name(name) in seen and not everyday_word(name)]
    return names, list(dict.fromkeys(phones_in(seen, phones) if phones else ()))


def _scan_names(brand: Brand, allowed: list[str], root: Path, contacts: dict[str, str] | None = None) -> list[Problem]:
    """Personal data in the names a public build turns into addresses: the brand's folder and a
    case file's name (their pages' URLs), the logo's and the names of the photos the brand shows (their files'
    URLs); and in the text an SVG logo draws."""
    out: list[Problem] = []
    yml = Path(brand.folder) / "brand.yml"
    logo = (brand.logo or "").rsplit("/", 1)[-1]
    found = [("文件名", what) for what in findings(_address_words(brand.logo or ""), allowed)]
    if logo.lower().endswith(".svg"):
        drawn = _drawn_text(Path(brand.folder) / brand.logo)
        found += [("里的文字", what) for what in findings(drawn, allowed)]
        found += [("里的文字", what) for what in contacts_in(drawn, contacts or {})]
    found += [("文件名", what) for what in contacts_in(_address_words(brand.logo or ""), contacts or {})]
    for where, what in found:
        fix = "请给标识文件改个名字（例如 logo.svg），并改正 logo: 这一行" if where == "文件名" else "请在设计软件里改掉这段文字后重新导出"
        out.append(Problem(display_path(yml, root), line_holding(yml, logo) or 1,
                           f"标识“{logo}”{where}里有疑似个人信息：{what}。标识会原样出现在公开网站上，{fix}",
                           "warning", brand.slug))
    for what in findings(_address_words(brand.slug), allowed):
        out.append(Problem(display_path(yml, root), 1,
                           f"品牌文件夹名“{brand.slug}”里有疑似个人信息：{what}。文件夹名会成为公开网页的网址，"
                           "请给文件夹改个名字（例如用品牌名称的拼音）", "warning", brand.slug))
    for case in brand.cases:
        if case.path is not None:
            for what in [*findings(_address_words(Path(case.path).name), allowed), *contacts_in(Path(case.path).name, contacts or {})]:
                out.append(Problem(display_path(Path(case.path), root), 1,
                                   f"案例文件名“{Path(case.path).name}”里有疑似个人信息：{what}。文件名会成为公开网页的网址，"
                                   "请给文件改个名字（例如用案例标题的拼音）", "warning", brand.slug))
    for photo in model_shown_photos(brand, brand.cases):
        name = photo.rsplit("/", 1)[-1]
        for what in [*findings(_address_words(photo), allowed), *contacts_in(_address_words(photo), contacts or {})]:
            # at the first line that shows the photo (the files are read only for a finding)
            path, line = next(((path, line) for path, *_ in _published_files(brand)
                               if (line := line_holding(path, name) or line_holding(path, quote(name))) is not None),
                              (Path(brand.folder) / "brand.yml", 1))  # as written, or as an address (%E6%AC%A7…)
            out.append(Problem(display_path(path, root), line,
                               f"照片文件名“{name}”里有疑似个人信息：{what}。照片的文件名会出现在公开网站的网址里，"
                               "请给照片改个名字，并改正引用它的地方", "warning", brand.slug))
    return out


# Attributes that hold only numbers and drawing commands: coordinates may run to eleven digits
# in groups (points="139 1234 5678"). Every other attribute is read: an editor's words may sit
# in any (label, lang, inkscape:label), and the published logo keeps them.
_GEOMETRY_ATTRS = frozenset({"d", "points", "viewBox", "transform", "gradientTransform", "patternTransform", "x", "y",
                             "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "dx", "dy", "width",
                             "height", "offset", "rotate", "stroke-dasharray", "stroke-dashoffset", "stroke-width",
                             "stroke-miterlimit", "opacity", "fill-opacity", "stroke-opacity", "stop-opacity",
                             "font-size", "letter-spacing", "word-spacing", "textLength", "stdDeviation", "values",
                             "keyTimes", "keySplines", "k1", "k2", "k3", "k4", "kernelMatrix", "tableValues",
                             "baseFrequency", "numOctaves", "seed", "scale", "pathLength", "startOffset", "refX",
                             "refY", "markerWidth", "markerHeight", "orient", "version"})


def _drawn_text(path: Path) -> str:
    """What a published SVG logo (sanitize.clean_svg) holds as text: each <text> element's text
    run together (one digit a <tspan>, as design programs export it, reads as one number), the
    <style> text, and every attribute's value but those of numbers (_GEOMETRY_ATTRS), each apart."""
    from .sanitize import clean_svg

    try:
        root = ET.fromstring(clean_svg(path))
    except Exception:  # the loader has reported a file that is no SVG
        return ""
    parts = []
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        if tag in ("text", "style"):
            parts.append("".join(el.itertext()))
        # a name's parts apart (tel-139-1234-5678: the pattern reads no number right after a -)
        parts += [re.sub(r"[-_]", " ", value) for name, value in el.attrib.items()
                  if name.rsplit("}", 1)[-1] not in _GEOMETRY_ATTRS]
    return _normal(_APART.join(parts))


def _published_files(brand: Brand) -> Iterator[tuple[Path, str, str, str]]:
    """Each file of `brand` a public build publishes from, its kind, and its prose as the model
    holds it, with its folder: rendered as shown_photos renders it."""
    yield Path(brand.folder) / "brand.yml", "brand", brand.connotation, ""
    story = Path(brand.folder) / "story.md"
    if brand.story and story.is_file():
        yield story, "prose", prose.demote(brand.story), ""
    for case in brand.cases:
        if case.path is not None:
            yield Path(case.path), "case", case.body, "cases"


def _prose_line(text: str, kind: str) -> int:
    """The line a file's prose starts on: brand.yml's connotation, a case's text, or line 1."""
    if kind == "case":
        front, _, first = split_front_matter(text)
        return body_line(front, first)
    if kind == "brand":
        m = re.search(r"^connotation\s*:", text, re.M)
        return text.count("\n", 0, m.start()) + 1 if m else 1
    return 1
