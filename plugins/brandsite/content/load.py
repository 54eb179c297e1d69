"""brands/ -> Catalog + [Problem]. No MkDocs imports.

Reading happens in two passes: every folder is read into a `Source` (the raw
YAML with its line numbers), then the rules run over all of them (some rules,
such as unique names and partner links, need every brand at once), and only
brands with no errors become `Brand` objects. Every problem is collected;
nothing raises.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import rules, slugs
from .model import (
    DEFAULT_CATEGORIES,
    Brand,
    Carrier,
    Case,
    Catalog,
    Contact,
    Event,
    Goal,
    Metric,
    Named,
    Problem,
    shown_photos,
)
from .names import clean_relpath, inside, within
from .encoding import decode
from .yamlwords import duplicate_message
from .editing_slips import front_block_end, missing_case_info, stray_case_file
from .yamlsafe import LineDict, YamlProblem, body_line, line_of, load, split_front_matter

MAX_FILE_BYTES = 1_000_000  # brand.yml and case files; anything bigger is a mistake
IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep", "README.md"}


@dataclass
class CaseSource:
    slug: str
    path: Path
    rel: str  # the path shown in messages
    meta: LineDict | None = None
    body: str = ""
    offset: int = 0  # YAML line N is file line N + offset
    body_line: int = 1  # file line of the body's first line


@dataclass
class Source:
    """A brand folder as read from disk, before it is trusted."""

    slug: str
    folder: Path
    rel: str  # e.g. "brands/lian-xin-qiao"
    data: LineDict | None = None
    duplicates: list[tuple[object, int, int]] = field(default_factory=list)  # (key, line, its first line)
    repairs: list[tuple[str, int, str]] = field(default_factory=list)
    cases: list[CaseSource] = field(default_factory=list)
    unread_cases: list[str] = field(default_factory=list)  # slugs of case files with errors that stop reading them
    text: str | None = None  # brand.yml as read, for the checks that look at its lines as written
    story: str = ""
    photos: list[str] = field(default_factory=list)
    readable: bool = False  # brand.yml parsed into a mapping

    @property
    def yml(self) -> str:
        return f"{self.rel}/brand.yml"

    def line(self, *path) -> int:
        """Line of the value at `path` in brand.yml (nearest known ancestor)."""
        return line_of(self.data, path)


def display_root(brands_dir: Path) -> Path:
    """Messages name files relative to the working directory when possible."""
    brands_dir = brands_dir.resolve()
    try:
        brands_dir.relative_to(Path.cwd())
        return Path.cwd()
    except ValueError:
        return brands_dir.parent


def read_text(path: Path, rel: str, within: Path | None = None) -> tuple[str | None, Problem | None]:
    if within is not None and not _resolves_inside(path, within):
        return None, Problem(rel, 1, "这个文件是指向品牌文件夹以外的链接（symlink），已拒绝读取。请把真实文件复制进品牌文件夹")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, Problem(rel, 1, f"文件太大（{size // 1024} KB），上限是 {MAX_FILE_BYTES // 1000} KB。请检查是否误存了其他内容")
        return decode(path.read_bytes()), None
    except YamlProblem as exc:
        return None, Problem(rel, exc.line, exc.message)
    except OSError as exc:
        return None, Problem(rel, 1, f"无法读取文件：{exc.strerror}")


def _resolves_inside(path: Path, folder: Path) -> bool:
    return within(path, folder)  # False for a symlink out, or one that loops


def read_source(folder: Path, rel: str) -> tuple[Source, list[Problem]]:
    src = Source(slug=folder.name, folder=folder, rel=rel)
    problems: list[Problem] = []
    yml = folder / "brand.yml"
    if not yml.is_file():
        other = [p.name for p in folder.iterdir() if p.name.lower() in ("brand.yaml", "brand.yml.txt", "brand.yml")]
        hint = f"找到了 {other[0]}，请改名为 brand.yml" if other else slugs.meant_folder(folder) or "每个品牌文件夹都需要一个 brand.yml"
        return src, [Problem(src.yml, 1, f"缺少 brand.yml。{hint}")]
    src.text, problem = read_text(yml, src.yml, folder)
    if problem:
        return src, [problem]
    try:
        data, src.duplicates, src.repairs = load(src.text)
    except YamlProblem as exc:
        return src, [Problem(src.yml, line, message) for line, message in [(exc.line, exc.message), *exc.more]]
    if data is None:
        problems.append(Problem(src.yml, 1, "brand.yml 是空的。请至少填写 name、organization、category、stage、established、logo、connotation、carriers"))
        return src, problems
    if not isinstance(data, LineDict):
        kind = "列表" if isinstance(data, list) else "一段文字"
        problems.append(Problem(src.yml, getattr(data, "line", 1), f"brand.yml 的最外层应是“字段: 值”的形式，现在是{kind}。请去掉行首的“- ”，每行写成 name: 品牌名称 这样"))
        return src, problems
    src.data, src.readable = data, True

    story = folder / "story.md"
    if story.is_file():
        text, problem = read_text(story, f"{rel}/story.md", folder)
        if problem:
            problems.append(problem)
        else:
            src.story = text
            if (last := front_block_end(text)) is not None:  # a case file's layout
                problems.append(Problem(f"{rel}/story.md", 1, (
                    f"story.md 开头第 1 到第 {last} 行是用 --- 围起来的案例信息，这是案例文件的写法：品牌故事不用它，"
                    "这几行会原样显示在网站上。请删去这几行（品牌名称等信息写在 brand.yml 里）")))
    photos = folder / "photos"
    if photos.is_dir():
        src.photos = sorted(
            p.relative_to(folder).as_posix() for p in photos.rglob("*")
            if p.is_file() and not p.name.startswith(".") and _resolves_inside(p, folder)
        )
        outside = [p for p in photos.rglob("*") if p.is_symlink() and not _resolves_inside(p, folder)]
        for p in outside:
            problems.append(Problem(f"{rel}/{p.relative_to(folder).as_posix()}", 1,
                                    "这张照片是指向品牌文件夹以外的链接（symlink），不会发布。请把真实文件复制进 photos/"))
    cases = folder / "cases"
    if cases.is_dir():
        for path in sorted(cases.iterdir()):
            if path.name.startswith(".") or path.name in IGNORED_NAMES - {"README.md"}:
                continue
            case_rel = f"{rel}/cases/{path.name}"
            if path.suffix != ".md" or not path.is_file():
                problems.append(Problem(case_rel, 1, stray_case_file(path), "warning"))
                continue
            case, case_problems = read_case(path, case_rel, folder)
            problems += case_problems
            (src.cases if case else src.unread_cases).append(case or path.stem)
    src.photos = sorted(set(src.photos) | set(_listed_elsewhere(src, folder)))
    return src, problems


def _listed_elsewhere(src, folder: Path) -> list[str]:
    """Photos a case lists from elsewhere in the brand folder (the format allows any path inside
    it): published as those in photos/ are, once the check has read them (imagefiles.case_photos).
    The logo is published as the logo already."""
    logo = src.data.get("logo") if isinstance(src.data, dict) else None
    skip = {clean_relpath(logo)} if isinstance(logo, str) else set()
    found = []
    for case in src.cases:
        photos = case.meta.get("photos") if isinstance(case.meta, dict) else None
        for photo in photos if isinstance(photos, list) else []:
            rel = clean_relpath(photo, base="cases") if isinstance(photo, str) else ""
            if rel and rel not in skip:
                target = inside(folder, rel)  # None for a path that leaves the folder or holds a colon
                if target is not None and target.is_file():
                    found.append(rel)
    return found


UNCLOSED_CASE_INFO = "案例信息没有结束：第 1 行的 --- 之后，要在 title:、date: 等字段写完后另起一行，再写一行 ---，然后才是正文"


def _ran_into_text(front: str, bad_line: int) -> bool:
    """Whether a case's --- block that YAML refuses is really its text: the refused line comes
    after a blank line and is no "key: value" line (正文第一段。)."""
    lines = front.split("\n")
    blank = next((i for i, line in enumerate(lines) if not line.strip()), None)
    if blank is None or not 0 < bad_line <= len(lines) or bad_line - 1 <= blank:
        return False
    return not re.match(r"\s*[^\s:#]+\s*:(\s|$)", lines[bad_line - 1])


def read_case(path: Path, rel: str, folder: Path | None = None) -> tuple[CaseSource | None, list[Problem]]:
    case = CaseSource(slug=path.stem, path=path, rel=rel)
    text, problem = read_text(path, rel, folder)
    if problem:
        return None, [problem]
    fm, body, first = split_front_matter(text)
    if fm is None:
        if text.lstrip("\ufeff").split("\n", 1)[0].rstrip() == "---":
            return None, [Problem(rel, 1, UNCLOSED_CASE_INFO)]
        return None, [Problem(rel, 1, missing_case_info(text))]
    case.offset = first - 1
    case.body_line = body_line(fm, first)
    try:
        meta, duplicates, repairs = load(fm)
    except YamlProblem as exc:
        if _ran_into_text(fm, exc.line):
            # This block ran on into the text, up to a --- (a horizontal rule) there: the
            # closing --- is what is missing, not a colon on the text's first line.
            return None, [Problem(rel, 1, UNCLOSED_CASE_INFO)]
        return None, [Problem(rel, line + case.offset, message) for line, message in [(exc.line, exc.message), *exc.more]]
    if not isinstance(meta, LineDict):
        return None, [Problem(rel, first, "案例信息（两行 --- 之间）应是“字段: 值”的形式，至少需要 title 和 date")]
    case.meta, case.body = meta, _without_title(body, meta.get("title"))
    problems = [Problem(rel, line + case.offset, duplicate_message(key, first + case.offset)) for key, line, first in duplicates]
    problems += [Problem(rel, line + case.offset, message, level) for message, line, level in repairs]
    return case, problems


def _without_title(body: str, title) -> str:
    """The body without a first `# title` line that repeats the case's title, which the page
    shows as its heading (an empty line instead, so that line numbers stay the file's)."""
    lines = body.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    # the heading's text less closing #s and spaces (stripped here: a pattern ending in [ \t#]*$
    # would read a long run of spaces once for each)
    heading = re.match(r"#[ \t]+(.*)", lines[first]) if first is not None else None
    if heading and isinstance(title, str) and _squeezed(heading.group(1).rstrip(" \t#")) == _squeezed(title) != "":
        lines[first] = ""
    return "\n".join(lines)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def list_folders(brands_dir: Path) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """The brand folders to read, as (folder, rel), and problems with what else is there."""
    root = display_root(brands_dir)
    base = brands_dir.resolve().relative_to(root).as_posix()
    folders: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    if not brands_dir.is_dir():
        return [], [Problem(base, 1, f"找不到品牌文件夹 {base}/")]
    for entry in sorted(brands_dir.iterdir()):
        rel = f"{base}/{entry.name}"
        if entry.name.startswith(".") or entry.name in IGNORED_NAMES:
            continue
        if entry.is_symlink() and not _resolves_inside(entry, brands_dir):
            problems.append(Problem(rel, 1, f"这个品牌文件夹是指向 {base}/ 以外的链接（symlink），已拒绝读取。请把真实文件夹复制进 {base}/"))
            continue
        if not entry.is_dir():
            problems.append(Problem(rel, 1, f"{base}/ 里只应放品牌文件夹。请把这个文件移进某个品牌的文件夹，或删除", "warning"))
            continue
        if not any(entry.iterdir()):
            problems.append(Problem(rel, 1, "这是一个空文件夹。请放入 brand.yml 和标识图片，或删除它（可用 brandsite new 新建品牌）", "warning"))
            continue
        folders.append((entry, rel))
    if not folders and not problems:  # a merge that moved them away would publish an empty site over the last one
        problems.append(Problem(base, 1, f"{base}/ 里没有品牌文件夹，构建会用一个没有品牌的空网站替换现在的网站。请确认品牌文件夹没有被误删或移走；新建品牌请用 brandsite new", "warning"))
    return folders, problems


def load_sources(brands_dir: Path, memo=None) -> tuple[list[Source], list[Problem]]:
    """Every brand folder as a Source, in one process."""
    folders, problems = list_folders(brands_dir)
    sources, found = read_sources(folders, memo)
    return sources, problems + found


def read_sources(folders: list[tuple[Path, str]], memo=None) -> tuple[list[Source], list[Problem]]:
    """`folders` as Sources; `memo` keeps those that did not change since it last saw them."""
    sources, problems = [], []
    for folder, rel in folders:
        src, found = memo.read(folder, rel, read_source) if memo is not None else read_source(folder, rel)
        sources.append(src)
        problems += found
    return sources, problems


def load_catalog(brands_dir: str | os.PathLike, categories=DEFAULT_CATEGORIES, *,
                 max_image_mb: float = rules.MAX_IMAGE_BYTES / 1048576, memo=None) -> tuple[Catalog, list[Problem]]:
    """Read and check every brand folder. Brands with errors are left out. `memo` (a memo.FolderMemo) reuses
    the reading and checking of folders that did not change since it last saw them (a preview)."""
    brands_dir = Path(brands_dir)
    categories = tuple(categories)
    max_image_bytes = int(max_image_mb * 1048576)
    if memo is not None:
        from .lifecycle import today

        memo.begin((str(brands_dir.resolve()), categories, max_image_mb, today()))
    folders, problems = list_folders(brands_dir)
    sources, found = read_sources(folders, memo)
    problems += found
    problems += rules.check_all(sources, categories, max_image_bytes, memo=memo)
    if memo is not None:
        memo.end()
    broken = {p.slug for p in problems if p.level == "error"}
    # Problems found while reading carry no slug; attach it from the path.
    by_rel = {src.rel: src for src in sources}
    for p in problems:
        src = _source_of(p.path, by_rel)
        if p.level == "error" and src is not None and p.path != src.rel:
            broken.add(src.slug)
    problems = [_with_slug(p, sources, by_rel) for p in problems]
    brands = [build_brand(s) for s in sources if s.readable and s.slug not in broken]
    problems.sort(key=lambda p: (p.path, p.line))
    return Catalog(brands, "internal", categories), problems


def _with_slug(problem: Problem, sources: list[Source], by_rel: dict[str, Source] | None = None) -> Problem:
    if problem.slug:
        return problem
    src = _source_of(problem.path, by_rel if by_rel is not None else {s.rel: s for s in sources})
    return dataclasses.replace(problem, slug=src.slug) if src is not None else problem


def _source_of(path: str, by_rel: dict[str, Source]) -> Source | None:
    """The brand folder a problem's path is in (the folder itself or a file below it)."""
    if path in by_rel:
        return by_rel[path]
    at = path.find("/")
    while at != -1:
        if path[:at] in by_rel:
            return by_rel[path[:at]]
        at = path.find("/", at + 1)
    return None


def build_brand(src: Source) -> Brand:
    d = src.data
    named = d.get("named")
    contact = d.get("contact")
    brand = Brand(
        slug=src.slug,
        folder=src.folder,
        name=str(d["name"]).strip(),
        organization=str(d["organization"]).strip(),
        category=d["category"],
        stage=d["stage"],
        established=int(d["established"]),
        logo=clean_relpath(d["logo"]),
        connotation=_visible(str(d["connotation"])).strip(),
        carriers=[Carrier(c["name"], _visible(c.get("description") or "")) for c in d["carriers"]],
        slogan=d.get("slogan") or "",
        region=d.get("region") or "",
        named=Named(named["date"], named["document"]) if named else None,
        # A year written 2024.0 passes the schema as an integer; pages show it as 2024.
        metrics=[Metric(m["label"], m["value"], m.get("unit") or "", _year(m.get("year"))) for m in d.get("metrics") or []],
        timeline=sorted((Event(e["date"], _visible(e["event"])) for e in d.get("timeline") or []), key=lambda e: e.date),
        goals=sorted((Goal(int(g["year"]), [_visible(i) for i in g["items"]]) for g in d.get("goals") or []), key=lambda g: g.year),
        partners=list(d.get("partners") or []),
        cluster=str(d.get("cluster") or "").strip(),
        tags=[str(t) for t in d.get("tags") or []],
        featured=bool(d.get("featured", False)),
        visibility=d.get("visibility") or "public",
        contact=Contact(contact.get("name") or "", contact.get("phone") or "") if contact else None,
        story=_visible(src.story),
        photo_files=src.photos,
        cases=sorted((build_case(c) for c in src.cases), key=lambda c: (c.date, c.slug), reverse=True),
    )
    brand.photos = shown_photos(brand, brand.cases)  # Catalog.for_audience narrows it to what an audience sees
    return brand


# Invisible characters pasted with text from web pages and chat apps (soft hyphen, zero-width
# space, word joiner, a BOM inside the text). They show nothing, but a word they sit in (网\u200b格)
# is no longer that word for search. Names refuse them (field_rules); prose loses them.
_PASTED_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def _visible(text):
    return _PASTED_INVISIBLE.sub("", text) if isinstance(text, str) else text


def _year(value) -> int | None:
    return None if value is None else int(value)


def build_case(src: CaseSource) -> Case:
    m = src.meta
    return Case(
        slug=src.slug,
        title=str(m["title"]).strip(),
        date=m["date"],
        body=_visible(src.body),
        summary=_visible(m.get("summary") or ""),
        photos=[clean_relpath(p, base="cases") for p in m.get("photos") or []],
        visibility=m.get("visibility") or "public",
        path=src.path,
    )
