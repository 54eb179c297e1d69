"""The content rules. One function per rule; each yields Problems.

No MkDocs imports: the CLI and the plugin both call `check_all`. Messages are
plain Chinese for publicity staff, and say how to fix the problem when we
know how.
"""

from __future__ import annotations

import datetime
import difflib
import posixpath
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import jsonschema
from PIL import Image

from . import clusters, names, prose, sanitize, schema, similarity
from .names import clean_relpath, inside
from ..media.images import MAX_IMAGE_BYTES, bomb_message, broken_message, too_large_message
from ..media import images
from .model import NAMED_STAGES, Problem, photo_candidates
from ..scaffold import PLACEHOLDER_MARK
from .yamlsafe import line_of

RASTER_FORMATS = images.RASTER_SUFFIXES
IMAGE_SUFFIXES = set(RASTER_FORMATS) | {".svg"}
MIN_LOGO_PX = 128
SLUG_RE = re.compile(schema.SLUG_PATTERN)

TYPE_NAMES = {
    "string": "文本",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "array": "列表(每项以“- ”开头)",
    "object": "“字段: 值”形式的映射",
}


def check_all(sources, categories, max_image_bytes: int = MAX_IMAGE_BYTES, *, memo=None) -> list[Problem]:
    """Every rule over every brand folder, then the rules across brands.

    `memo` (a memo.FolderMemo) keeps each folder's own problems while the folder is unchanged."""
    brand_validator, case_validator = validators(tuple(categories))

    def check(src) -> list[Problem]:
        return check_source(src, brand_validator, case_validator, max_image_bytes)

    problems: list[Problem] = []
    for src in sources:
        problems += memo.checked(src, check) if memo is not None else check(src)
    problems += unique_names(sources)
    problems += cluster_pages(sources)
    problems += partners_exist(sources)
    problems += partners_mutual(sources)
    readable = [s for s in sources if s.readable]
    if memo is not None:
        problems += memo.near_duplicates(readable, lambda: similarity.near_duplicates(readable, memo=memo),
                                         lambda s: similarity.pair_inputs(s, memo.logos))
    else:
        problems += similarity.near_duplicates(readable)
    return problems


def check_source(src, brand_validator, case_validator, max_image_bytes: int = MAX_IMAGE_BYTES) -> list[Problem]:
    """The rules that look at one brand folder only."""
    problems: list[Problem] = []
    problems += folder_slug(src)
    problems += duplicate_keys(src)
    if not src.readable:
        return problems
    problems += schema_problems(src.data, brand_validator, src.yml)
    problems += visible_names(src)
    problems += cluster_name(src)
    problems += real_dates(src)
    problems += year_not_future(src)
    problems += logo_file(src, max_image_bytes)
    for case in src.cases:
        problems += case_slug(case)
        problems += case_brand(src, case)
        problems += schema_problems(case.meta, case_validator, case.rel, case.offset)
        problems += visible_title(case)
        problems += case_date(case)
        problems += case_photos(src, case, max_image_bytes)
    problems += shown_photo_files(src, max_image_bytes)
    problems += named_needs_public_case(src)
    problems += prose_html(src)
    return problems


# -- schema ---------------------------------------------------------------


@lru_cache(maxsize=8)
def _validator(categories: tuple[str, ...]):
    return jsonschema.Draft7Validator(schema.brand_schema(categories))


@lru_cache(maxsize=1)
def _case_validator():
    return jsonschema.Draft7Validator(schema.case_schema())


def validators(categories: tuple[str, ...]):
    """The brand.yml and case front-matter validators for `check_source`."""
    return _validator(tuple(categories)), _case_validator()


def schema_problems(data, validator, rel: str, offset: int = 0) -> Iterator[Problem]:
    """Translate jsonschema's errors into Chinese, each at its YAML line."""
    seen = set()
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        for line_path, message in _explain(error, data):
            line = line_of(data, line_path) + offset
            if (line, message) not in seen:
                seen.add((line, message))
                yield Problem(rel, line, message)


def _field(path) -> str:
    """carriers/1/name -> carriers 第 2 项的 name"""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f" 第 {part + 1} 项"
        else:
            out += ("的 " if out else "") + str(part)
    return out.strip()


def _label(path, sch: dict) -> str:
    title = sch.get("title")
    name = _field(path)
    if not name:
        return title or "内容"
    return f"{name}({title})" if title else name


def _example(key, sch: dict) -> str:
    examples = sch.get("examples")
    if not examples:
        return ""
    value = examples[0]
    if isinstance(value, bool):
        value = "true" if value else "false"
    elif isinstance(value, dict):
        value = "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    elif isinstance(value, list):
        value = "[" + ", ".join(str(v) if not isinstance(v, dict) else "…" for v in value) + "]"
    return f"{key}: {value}" if isinstance(key, str) else str(value)


def _explain(error: jsonschema.ValidationError, data) -> Iterator[tuple[list, str]]:
    path = list(error.absolute_path)
    sch = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    value = error.instance

    if kind == "required":
        if "allOf" in error.absolute_schema_path:  # the named-stage rule
            stage = data.get("stage") if isinstance(data, dict) else ""
            yield ["stage"], (
                f"阶段为“{stage}”时必须填写 named(命名信息:date 和 document)。例如:\n"
                "named:\n  date: 2021-12-20\n  document: 某直工委〔2021〕12号"
            )
            return
        props = sch.get("properties", {})
        for key in error.validator_value:
            if isinstance(value, dict) and key not in value:
                sub = props.get(key, {})
                where = f"{_field(path)} 里" if path else ""
                title = f"({sub['title']})" if sub.get("title") else ""
                example = _example(key, sub)
                fix = f"。请添加一行,例如:{example}" if example else ""
                yield path, f"{where}缺少必填字段 {key}{title}{fix}"
        return
    if kind == "additionalProperties":
        known = list(sch.get("properties", {}))
        for key in value:
            if key in known:
                continue
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            hint = f"您是不是想写 {close[0]}?" if close else "可用的字段有:" + "、".join(known)
            yield path + [key], f"未知字段 {key}。{hint}"
        return
    if kind == "type":
        key = path[-1] if path else ""
        if value is None:
            yield path, f"{_label(path, sch)} 没有填写内容。请填写,不需要的可选字段请整行删去"
            return
        want = sch.get("type")
        want = "或".join(TYPE_NAMES.get(t, t) for t in want) if isinstance(want, list) else TYPE_NAMES.get(want, want)
        shown = _show(value)
        example = _example(key, sch)
        hint = f"。例如 {example}" if example else ""
        yield path, f"{_label(path, sch)}应为{want},现在是{shown}{hint}"
        return
    if kind == "enum":
        choices = "、".join(str(c) for c in error.validator_value)
        where = "本站的类别列表中" if path == ["category"] else "可选范围内"
        yield path, f"{_label(path, sch)}的值“{value}”不在{where}。可选:{choices}"
        return
    if kind in ("minLength", "maxLength"):
        n = len(value)
        if path == ["connotation"]:
            yield path, f"connotation(理念内涵)至少要 {schema.CONNOTATION_MIN} 个字,现在只有 {n} 个字。请写清品牌名称的寓意、理念和与本职工作的结合"
        elif path == ["name"]:
            yield path, f"name(品牌名称)应为 {schema.NAME_MIN}–{schema.NAME_MAX} 个字,现在是 {n} 个字"
        elif kind == "minLength":
            yield path, f"{_label(path, sch)}不能为空"
        else:
            yield path, f"{_label(path, sch)}最多 {error.validator_value} 个字,现在是 {n} 个字"
        return
    if kind == "minItems":
        yield path, f"{_label(path, sch)}至少要有 {error.validator_value} 项"
        return
    if kind == "pattern":
        if error.validator_value == schema.DATE_PATTERN:
            yield path, f"{_label(path, sch)}“{value}”格式不对,请写成 YYYY-MM-DD,例如 2023-06-18"
        elif error.validator_value == schema.SLUG_PATTERN:
            yield path, f"{_label(path, sch)}“{value}”不是有效的品牌文件夹名(只能用小写字母、数字和连字符,例如 hong-qiao)"
        else:
            yield path, f"{_label(path, sch)}“{value}”格式不对"
        return
    if kind in ("minimum", "maximum"):
        low, high = sch.get("minimum"), sch.get("maximum")
        if path == ["established"]:
            high = schema.current_year()  # a founding year cannot be later than this year
        yield path, f"{_label(path, sch)}应在 {low} 到 {high} 之间,现在是 {_number(value)}"
        return
    yield path, f"{_label(path, sch)}:{error.message}"


def _number(value) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text if len(text) <= 24 else text[:20] + "…"


def _show(value) -> str:
    if isinstance(value, bool):
        return f"“{'true' if value else 'false'}”"
    if isinstance(value, str):
        return f"文本“{value[:30]}”"
    if isinstance(value, dict):
        return "一个映射"
    if isinstance(value, list):
        return "一个列表"
    return f"“{value}”"


# -- one brand ------------------------------------------------------------


def folder_slug(src) -> Iterator[Problem]:
    if not SLUG_RE.match(src.slug):
        suggestion = re.sub(r"[^a-z0-9]+", "-", src.slug.lower())[:names.SLUG_MAX].strip("-")
        usable = suggestion and SLUG_RE.match(suggestion) and not names.slug_problem(suggestion, "")
        hint = f",例如 {suggestion}" if usable else ""
        yield Problem(src.rel, 1, f"文件夹名“{src.slug}”不能用作网址。只能用小写字母、数字和连字符,请改名{hint}")
        return
    message = names.slug_problem(src.slug, "文件夹名")
    if message:
        yield Problem(src.rel, 1, message)


def duplicate_keys(src) -> Iterator[Problem]:
    for key, line in src.duplicates:
        yield Problem(src.yml, line, f"字段 {key} 写了两次。请删去其中一行")
    for text, line in src.repairs:
        yield Problem(src.yml, line, comma_message(text), "info")


def comma_message(text: str) -> str:
    return (
        f"花括号 {{…}} 里的半角逗号“,”在 YAML 中是分隔符,已按一个值“{text}”处理。"
        f"为避免歧义,请改用全角逗号“，”,或给值加引号:\"{text}\""
    )


def _valid_date(text) -> bool:
    try:
        datetime.date.fromisoformat(text)
        return True
    except (TypeError, ValueError):
        return False


def _bad_date(value, label: str) -> str | None:
    if isinstance(value, str) and re.match(schema.DATE_PATTERN, value) and not _valid_date(value):
        return f"{label}“{value}”不是有效日期,请写成 YYYY-MM-DD,例如 2023-06-18"
    return None


def real_dates(src) -> Iterator[Problem]:
    d = src.data
    named = d.get("named")
    if isinstance(named, dict):
        message = _bad_date(named.get("date"), "named 的 date(命名日期)")
        if message:
            yield Problem(src.yml, src.line("named", "date"), message)
    timeline = d.get("timeline")
    if isinstance(timeline, list):
        for i, event in enumerate(timeline):
            if isinstance(event, dict):
                message = _bad_date(event.get("date"), f"timeline 第 {i + 1} 项的 date(日期)")
                if message:
                    yield Problem(src.yml, src.line("timeline", i, "date"), message)


def year_not_future(src) -> Iterator[Problem]:
    year = src.data.get("established")
    if isinstance(year, int) and not isinstance(year, bool) and year > schema.current_year():
        yield Problem(src.yml, src.line("established"), f"established(创建年份)是 {year} 年,晚于今年。请填写品牌实际创建的年份")


def image_problem(path: Path, *, logo: bool = False, max_bytes: int = MAX_IMAGE_BYTES) -> tuple[str, str] | None:
    """(level, message) when `path` is not a usable image, else None.

    A raster image is decoded in full here, as the build will decode it, so
    that a file the check accepts is one the build can publish. The pixel cap
    of the site (image_max_pixels) is checked after loading (mediacheck.py).
    """
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES or (suffix == ".svg" and not logo):
        what = "SVG、PNG、JPG、WebP 或 GIF" if logo else "PNG、JPG、WebP 或 GIF(SVG 只能用作标识)"
        return "error", f"“{path.name}”不是支持的图片格式。请使用 {what}"
    if images.generated_name(path.name):
        return "error", images.generated_message(path.name)
    size = path.stat().st_size
    if size > max_bytes:
        return "error", too_large_message(path.name, size, max_bytes)
    if suffix == ".svg":
        unsafe = sanitize.svg_problem(path)  # parses with defusedxml: first, before anything else reads it
        if unsafe:
            return "error", unsafe
        declared = images.svg_size(path)
        if declared and images.odd_aspect(*declared):
            return "error", images.aspect_message(path.name, *declared)
        root = ET.parse(path).getroot()
        if logo and any(key.endswith(PLACEHOLDER_MARK) for key in root.attrib):
            return "warning", "标识还是 brandsite new 生成的占位图,请替换为本品牌的标识"
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                fmt, (w, h) = images.file_format(im), im.size
                if images.odd_aspect(w, h):
                    return "error", images.aspect_message(path.name, w, h)
                if fmt == "JPEG":  # every byte is decoded, at an eighth of the size: broken files still fail
                    im.draft(im.mode, (max(1, w // 8), max(1, h // 8)))
                im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return "error", bomb_message(path.name)
    except Exception:  # Pillow raises many types for broken files
        return "error", broken_message(path.name)
    if RASTER_FORMATS.get(suffix) != fmt:
        return "error", f"图片“{path.name}”的扩展名与实际格式({fmt})不符。请改正扩展名或重新导出"
    if logo and min(w, h) < MIN_LOGO_PX:
        return "warning", f"标识“{path.name}”只有 {w}×{h} 像素,显示会模糊。请提供至少 256×256 像素的图片或 SVG"
    return None


def logo_file(src, max_bytes: int = MAX_IMAGE_BYTES) -> Iterator[Problem]:
    logo = src.data.get("logo")
    if not isinstance(logo, str) or not logo.strip():
        return
    line = src.line("logo")
    rel = clean_relpath(logo)
    path = inside(src.folder, rel)
    if path is None:
        yield Problem(src.yml, line, f"logo 路径“{logo}”指向了品牌文件夹以外。请把标识放进本文件夹,写成 logo: logo.svg")
        return
    if not path.is_file():
        found = sorted(p.name for p in src.folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
        hint = f"文件夹里有:{'、'.join(found)}" if found else "请把标识图片放进品牌文件夹"
        yield Problem(src.yml, line, f"找不到 logo 文件“{logo}”。{hint},或改正 logo 字段")
        return
    problem = image_problem(path, logo=True, max_bytes=max_bytes)
    if problem:
        yield Problem(src.yml, line, problem[1], problem[0])


# Text shown as a name: an invisible character in it can make it look like another.
NAME_FIELDS = ("name", "slogan", "organization", "region", "cluster")
_TITLES = {key: sch.get("title", "") for key, sch in schema.brand_schema()["properties"].items()}


def _invisible_message(text: str, label: str) -> str | None:
    char = names.invisible(text.strip())
    if char is None:
        return None
    return (f"{label}里有不可见的格式字符({names.describe(char)}),已拒绝。这类字符看不见,"
            "却能让文字显示得与实际不同(例如倒序显示,冒充别的名称)。请删去这个字符,最好把这一项重新输入一遍")


def visible_names(src) -> Iterator[Problem]:
    """Names, labels and tags: no bidi controls, zero-width or other invisible characters."""
    d = src.data
    fields: list[tuple[tuple, str, object]] = [((k,), f"{k}({_TITLES[k]})", d.get(k)) for k in NAME_FIELDS]
    for group, key, title in (("carriers", "name", "载体名称"), ("metrics", "label", "指标名称"), ("metrics", "unit", "单位")):
        items = d.get(group)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                fields.append(((group, i, key), f"{group} 第 {i + 1} 项的 {key}({title})", item.get(key)))
    tags = d.get("tags")
    for i, tag in enumerate(tags if isinstance(tags, list) else []):
        fields.append((("tags", i), f"tags 第 {i + 1} 项(标签)", tag))
    for path, label, value in fields:
        if isinstance(value, str):
            message = _invisible_message(value, label)
            if message:
                yield Problem(src.yml, src.line(*path), message)


def cluster_name(src) -> Iterator[Problem]:
    """A cluster's page is made from its name: the name must make a usable one."""
    cluster = src.data.get("cluster")
    if not isinstance(cluster, str) or not cluster.strip() or names.invisible(cluster.strip()):
        return  # no cluster, the schema's type error, or visible_names' error
    why = names.stem_problem(names.page_stem(cluster))
    if why:
        yield Problem(src.yml, src.line("cluster"),
                      f"cluster(品牌集群)“{cluster.strip()}”不能用作集群页面的名称:{why}。请换一个集群名称")


def named_needs_public_case(src) -> Iterator[Problem]:
    stage = src.data.get("stage")
    if stage not in NAMED_STAGES:
        return
    public = [c for c in src.cases if isinstance(c.meta, dict) and c.meta.get("visibility", "public") != "internal"]
    if not public:
        yield Problem(
            src.yml, src.line("stage"),
            f"阶段为“{stage}”的品牌至少需要一个公开的典型案例。请在 cases/ 文件夹里添加一个案例文件(.md)",
        )


def _leading_blank(text: str) -> int:
    """Lines before the first non-blank one: `complexity` counts lines of the stripped text."""
    return text[: len(text) - len(text.lstrip())].count("\n")


def prose_html(src) -> Iterator[Problem]:
    """What the prose cleaner (prose.py) would take away from the connotation, story.md and case bodies."""
    files = photo_candidates(src.photos)
    connotation = src.data.get("connotation")
    if isinstance(connotation, str):
        base = src.line("connotation")
        block = "\n" in connotation.strip("\n")
        if (found := prose.complexity(connotation.strip())):
            yield Problem(src.yml, base + (found[0] if block else 0), prose.complexity_message(found[1], "connotation(理念内涵)"))
        for number, what in prose.removals(connotation, "", files):
            yield Problem(src.yml, base + (number if block else 0), prose.message(what, "connotation(理念内涵)"), "warning")
    story = prose.demote(src.story)
    first = (src.story or "").lstrip("\ufeff").split("\n", 1)[0]
    offset = 1 if re.match(r"^#\s", first) else 0  # demote() took the title line away
    if (found := prose.complexity(story.strip())):
        yield Problem(f"{src.rel}/story.md", found[0] + offset + _leading_blank(story), prose.complexity_message(found[1], "story.md "))
    for number, what in prose.removals(story, "", files):
        yield Problem(f"{src.rel}/story.md", number + offset, prose.message(what, "story.md "), "warning")
    for case in src.cases:
        if (found := prose.complexity(case.body.strip())):
            yield Problem(case.rel, case.body_line + found[0] - 1 + _leading_blank(case.body), prose.complexity_message(found[1], "案例正文"))
        for number, what in prose.removals(case.body, "cases", files):
            yield Problem(case.rel, case.body_line + number - 1, prose.message(what, "案例正文"), "warning")


# -- cases ----------------------------------------------------------------


def case_slug(case) -> Iterator[Problem]:
    if not SLUG_RE.match(case.slug):
        yield Problem(case.rel, 1, f"案例文件名“{case.slug}”不能用作网址。只能用小写字母、数字和连字符,例如 2023-tui-shui.md")
        return
    message = names.slug_problem(case.slug, "案例文件名")
    if message:
        yield Problem(case.rel, 1, message)


def case_brand(src, case) -> Iterator[Problem]:
    """`brand:` (what the web editor writes) must name the folder the case is in."""
    brand = case.meta.get("brand")
    if isinstance(brand, str) and brand != src.slug:
        yield Problem(case.rel, case.meta.lines.get("brand", 1) + case.offset,
                      f"brand(所属品牌)写的是“{brand}”,但这个案例在品牌文件夹 {src.slug}/ 里。"
                      f"请改成 {src.slug},或把案例文件移到 {brand}/cases/")


def visible_title(case) -> Iterator[Problem]:
    title = case.meta.get("title")
    if isinstance(title, str):
        message = _invisible_message(title, "title(案例标题)")
        if message:
            yield Problem(case.rel, case.meta.lines.get("title", 1) + case.offset, message)


def case_date(case) -> Iterator[Problem]:
    message = _bad_date(case.meta.get("date"), "date(日期)")
    if message:
        yield Problem(case.rel, case.meta.lines.get("date", 1) + case.offset, message)


def case_photos(src, case, max_bytes: int = MAX_IMAGE_BYTES) -> Iterator[Problem]:
    photos = case.meta.get("photos")
    if not isinstance(photos, list):
        return
    for i, photo in enumerate(photos):
        if not isinstance(photo, str):
            continue
        line = photos.lines[i] + case.offset
        rel = clean_relpath(photo, base="cases")
        path = inside(src.folder, rel)
        if path is None:
            yield Problem(case.rel, line, f"照片路径“{photo}”指向了品牌文件夹以外。请把照片放进 photos/,写成 ../photos/文件名.jpg")
        elif not path.is_file():
            yield Problem(case.rel, line, f"找不到照片“{photo}”。照片应放在品牌的 photos/ 文件夹里,从案例里写成 ../photos/文件名.jpg")
        else:
            problem = image_problem(path, max_bytes=max_bytes)
            if problem:
                yield Problem(case.rel, line, problem[1], problem[0])


def shown_photo_files(src, max_bytes: int = MAX_IMAGE_BYTES) -> Iterator[Problem]:
    """Every photo the content shows is checked, as a case's photo list is: the ones the prose
    shows (reported at the photo, as prose lines move), and no two published images in one
    folder with one name (their variants, 名称.480.webp, would overwrite each other).
    Files in photos/ that nothing shows are never published, so they are not checked."""
    files = photo_candidates(src.photos)
    listed: set[str] = set()
    refs: set[str] = set()
    texts = [(src.data.get("connotation"), ""), (prose.demote(src.story or ""), "")]
    for case in src.cases:
        photos = case.meta.get("photos")
        listed |= {clean_relpath(p, base="cases") for p in photos if isinstance(p, str)} if isinstance(photos, list) else set()
        texts.append((case.body, "cases"))
    for text, base in texts:
        if isinstance(text, str):
            refs |= prose.render(text, base, files).refs
    for rel in sorted(refs - listed):
        path = inside(src.folder, rel)
        problem = image_problem(path, max_bytes=max_bytes) if path is not None and path.is_file() else None
        if problem:
            yield Problem(f"{src.rel}/{rel}", 1, problem[1], problem[0])
    logo = src.data.get("logo")
    shown = (refs | listed) & files | ({clean_relpath(logo)} if isinstance(logo, str) and logo.strip() else set())
    stems: dict[str, str] = {}
    for rel in sorted(shown):
        stem = posixpath.splitext(rel)[0].lower()
        if stem in stems:
            yield Problem(f"{src.rel}/{rel}", 1, f"图片“{posixpath.basename(rel)}”与“{posixpath.basename(stems[stem])}”"
                          "只有扩展名不同,网站为它们生成的缩略图会互相覆盖。请给其中一张改名")
        else:
            stems[stem] = rel


# -- across brands --------------------------------------------------------


def unique_names(sources) -> Iterator[Problem]:
    """Names are compared as visitors see them: full-width letters, case and invisible characters do not count."""
    first: dict[str, object] = {}
    for src in sources:
        if not src.readable or not isinstance(src.data.get("name"), str):
            continue
        name = src.data["name"].strip()
        key = names.key(name)
        if key not in first:
            first[key] = src
            continue
        other = first[key]
        shown = other.data["name"].strip()
        same = "重复" if shown == name else f"的“{shown}”看起来相同(只差全角半角、大小写或不可见字符),算作重复"
        yield Problem(src.yml, src.line("name"), f"品牌名称“{name}”与 {other.yml} {same}。品牌名称须全站唯一")


def cluster_pages(sources) -> Iterator[Problem]:
    """Two cluster names that make one page (letter case does not count on Windows and macOS) would share it."""
    first: dict[str, tuple[str, object]] = {}
    for src in sources:
        cluster = src.data.get("cluster") if src.readable else None
        if not isinstance(cluster, str) or not cluster.strip():
            continue
        name = cluster.strip()
        stem = clusters.page_stem(name)
        key = stem.casefold()
        if key not in first:
            first[key] = (name, src)
        elif first[key][0] != name:
            other_name, other = first[key]
            yield Problem(src.yml, src.line("cluster"),
                          f"cluster(品牌集群)“{name}”与 {other.yml} 的“{other_name}”会生成同一个网址 clusters/{stem}/,"
                          "一个会覆盖另一个。同一集群请写成完全相同的名称,不同集群请换用能区分的名称")


def partners_exist(sources) -> Iterator[Problem]:
    slugs = {s.slug for s in sources}
    for src in sources:
        partners = src.data.get("partners") if src.readable else None
        if not isinstance(partners, list):
            continue
        for i, slug in enumerate(partners):
            line = src.line("partners", i)
            if slug == src.slug:
                yield Problem(src.yml, line, "partners(共建对子)不能填写本品牌自己")
            elif isinstance(slug, str) and slug not in slugs:
                close = difflib.get_close_matches(slug, sorted(slugs), n=1, cutoff=0.6)
                hint = f"您是不是想写 {close[0]}?" if close else "请填写对方品牌的文件夹名"
                yield Problem(src.yml, line, f"partners(共建对子)里的“{slug}”不是已有的品牌。{hint}")


def partners_mutual(sources) -> Iterator[Problem]:
    """Twinning (共建对子) is mutual: a one-sided link gets a warning on the side that has it."""
    by_slug = {s.slug: s for s in sources if s.readable}
    for src in by_slug.values():
        partners = src.data.get("partners")
        if not isinstance(partners, list):
            continue
        for i, slug in enumerate(partners):
            other = by_slug.get(slug) if isinstance(slug, str) and slug != src.slug else None
            if other is None:
                continue  # missing or self links are partners_exist's errors
            theirs = other.data.get("partners")
            if not (isinstance(theirs, list) and src.slug in theirs):
                yield Problem(
                    src.yml, src.line("partners", i),
                    f"共建对子是双向的,但 {other.yml} 的 partners(共建对子)里没有“{src.slug}”。"
                    f"请在对方的 brand.yml 里加上 partners: [{src.slug}],或从本品牌删去“{slug}”",
                    "warning",
                )


def iter_problems(problems: Iterable[Problem], level: str) -> list[Problem]:
    return [p for p in problems if p.level == level]
