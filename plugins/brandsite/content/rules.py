"""The content rules. `check_all` runs every rule over every brand folder, then the rules across brands.

No MkDocs imports: the CLI and the plugin both call `check_all` (through
load.load_catalog). Messages are plain Chinese for publicity staff, and say how
to fix the problem when we know how. The rules on one folder's fields and texts
are in field_rules.py, jsonschema's errors in schema_errors.py, and the checks
of the image files a folder names in content/imagefiles.py; the rules that need
every brand at once are here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from . import clusters, names, similarity
from .brand_links import brand_links, text_links
from .field_rules import (
    case_brand,
    case_date,
    case_slug,
    cluster_name,
    duplicate_keys,
    folder_slug,
    named_after_founding,
    placeholder_text,
    prose_html,
    real_dates,
    visible_names,
    visible_title,
    year_not_future,
)
from .lifecycle import named_block_before_naming, named_needs_public_case
from .model import Problem
from .editing_slips import (empty_case_bodies, internal_case_links, links_to_internal_pages, misplaced_files, missing_sections,
                            typing_slips)
from .plain_fields import links_in_plain_fields
from .quoted_names import quoted_names
from .schema_errors import schema_problems, validators
from .slugs import SLUG_RE
from .swallowed import swallowed_fields
from .tables import table_slips
from .imagefiles import MAX_IMAGE_BYTES, case_photos, logo_file, shown_photo_files


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
    problems += links_to_internal_pages(sources)
    # a folder's links are its own (kept while it is unchanged); whether their targets are there is not
    problems += brand_links(sources, (lambda s: memo.derived(s, "brand-links", text_links)) if memo is not None else text_links)
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
    problems += named_after_founding(src)
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
    problems += named_block_before_naming(src)
    problems += prose_html(src)
    problems += internal_case_links(src)
    problems += missing_sections(src)
    problems += table_slips(src)
    problems += swallowed_fields(src)
    problems += typing_slips(src)
    problems += misplaced_files(src)
    problems += empty_case_bodies(src)
    problems += copied_cases(src)
    problems += empty_story(src)
    problems += quoted_names(src)
    problems += links_in_plain_fields(src)
    problems += placeholder_text(src)
    return problems


def empty_story(src) -> Iterator[Problem]:
    """A story.md with no text (saved empty, or with its title only): the page shows no 品牌故事,
    and nothing said why. A note."""
    story = src.folder / "story.md"
    if not story.is_file() or story.stat().st_size > 100_000:
        return  # none, or too large for a text's title only
    # as read, or, when it could not be read (garbled, another encoding), as it is
    text = src.story or story.read_bytes().decode("utf-8", "replace")
    if not re.sub(r"(?m)^#[^\n]*$", "", text).strip():
        yield Problem(f"{src.rel}/story.md", 1, "story.md 里还没有正文（空文件，或只有标题），品牌页上不会显示“品牌故事”。"
                                                 "请在下面写上品牌的来历和故事；不需要品牌故事的话，可以删掉这个文件", "info")


def copied_cases(src) -> Iterator[Problem]:
    """Two cases of one brand under the same title (as visitors see it): a case file copied to start
    another (复制.md, a second name for the same file) was published twice, as two cases alike. The
    same text too: a warning on the later file, naming the first. Another text: a note, as two
    cases of a yearly event may share a title, but a visitor cannot tell them apart in lists."""
    seen: dict[str, object] = {}
    for case in sorted(src.cases, key=lambda c: c.rel):
        title = case.meta.get("title") if case.meta is not None else None
        if not isinstance(title, str) or not title.strip():
            continue
        first = seen.setdefault(names.key(title.strip()), case)
        if first is case:
            continue
        line = case.meta.lines.get("title", 1) + case.offset
        if " ".join(case.body.split()) == " ".join(first.body.split()):
            yield Problem(case.rel, line, f"这个案例和 {first.rel} 标题相同、正文也一样，像是复制出来的同一个案例，"
                                          "网站上会出现两遍。请删掉其中多余的那个文件；要写新案例，请改好标题和正文", "warning")
        else:
            yield Problem(case.rel, line, f"这个案例和 {first.rel} 标题相同，访客在列表里分不清。"
                                          "可以在标题里写上年份、地点或做法，把两个案例区分开", "info")


# -- across brands --------------------------------------------------------


def unique_names(sources) -> Iterator[Problem]:
    """Names are compared as visitors see them: full-width letters, case and invisible characters do not count.
    The error goes on the newer brands of a shared name (similarity.newer_last: established later; in
    the same year, the folder named less after the name, then the later folder), a copied folder more
    often than not, naming the first: the preview goes on showing the brand that was there. That one gets a note naming the first other: its editor may be the one to rename."""
    groups: dict[str, list] = {}
    for src in sources:
        if src.readable and isinstance(src.data.get("name"), str):
            groups.setdefault(names.key(src.data["name"].strip()), []).append(src)
    for group in groups.values():
        if len(group) < 2:
            continue
        group = sorted(group, key=similarity.newer_last)
        for src in group:
            name = src.data["name"].strip()
            other = group[1] if src is group[0] else group[0]
            shown = other.data["name"].strip()
            same = "重复" if shown == name else f"的“{shown}”看起来相同（只差全角半角、大小写或不可见字符），算作重复"
            more = f"（还有 {len(group) - 2} 个品牌也用这个名称）" if len(group) > 2 else ""
            first = src is group[0]  # the brand that was there first, as far as the files can tell: a note
            yield Problem(src.yml, src.line("name"), f"品牌名称“{name}”与 {other.yml} {same}{more}{'，错误标在那边' if first else ''}。"
                                                     "品牌名称须全站唯一，请商量后改掉其中一个", "info" if first else "error")


def cluster_pages(sources) -> Iterator[Problem]:
    """Two cluster names that make one page (letter case does not count on Windows and macOS) would
    share it: an error. Two that differ only in traditional and simplified characters or in width
    (紅色引擎, 红色引擎) make two clusters where one was meant, as brand names count as the same: a warning."""
    first: dict[str, tuple[str, object]] = {}
    alike: dict[str, tuple[str, object]] = {}
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
                          f"cluster（品牌集群）“{name}”与 {other.yml} 的“{other_name}”会生成同一个网址 clusters/{stem}/，"
                          "一个会覆盖另一个。同一集群请写成完全相同的名称，不同集群请换用能区分的名称")
            continue
        folded = similarity.fold(name)
        if folded not in alike:
            alike[folded] = (name, src)
        elif clusters.page_stem(alike[folded][0]).casefold() != key:
            other_name, other = alike[folded]
            yield Problem(src.yml, src.line("cluster"),
                          f"cluster（品牌集群）“{name}”与 {other.yml} 的“{other_name}”只差繁体简体或全角半角，"
                          "会成为两个集群、两个页面。同一集群请写成完全相同的名称", "warning")


def _slug_like(slug: str) -> bool:
    return bool(SLUG_RE.fullmatch(slug)) and len(slug) <= names.SLUG_MAX


def partners_exist(sources) -> Iterator[Problem]:
    slugs = {s.slug for s in sources}
    by_name = {s.data["name"].strip(): s for s in sources if s.readable and isinstance(s.data.get("name"), str)}
    for src in sources:
        partners = src.data.get("partners") if src.readable else None
        if not isinstance(partners, list):
            continue
        for i, slug in enumerate(partners):
            line = src.line("partners", i)
            if slug == src.slug:
                yield Problem(src.yml, line, "partners（共建对子）不能填写本品牌自己")
            elif isinstance(slug, str) and slug not in slugs and _slug_like(slug):  # else the schema said so
                # only folders that can be named here: not Fa-Zhi_QingYuan, which the check refuses as a folder name
                close = difflib.get_close_matches(slug, sorted(s for s in slugs if _slug_like(s)), n=1, cutoff=0.6)
                # a folder renamed: the brand that still lists this one back, and is not listed here
                back = [s.slug for s in sources if s.readable and isinstance(s.data.get("partners"), list)
                        and src.slug in s.data["partners"] and s.slug not in partners]
                hint = (f"您是不是想写 {close[0]}？" if close else
                        f"品牌 {back[0]} 的 partners 里写了本品牌，它的文件夹可能改过名：是的话，请把这一项改成 {back[0]}" if len(back) == 1 else
                        "请填写对方品牌的文件夹名")
                yield Problem(src.yml, line, f"partners（共建对子）里的“{slug}”不是已有的品牌。{hint}")
            elif isinstance(slug, str) and slug.strip() in by_name:  # 麦穗红 for mai-sui-hong: the schema said it is no folder name
                other = by_name[slug.strip()]
                yield Problem(src.yml, line, f"“{slug.strip()}”是 {other.rel} 的品牌名称。partners 里要写对方的文件夹名，"
                                             f"写成 {other.slug}", "info")


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
                    f"共建对子是双向的，但 {other.yml} 的 partners（共建对子）里没有“{src.slug}”。"
                    f"请在对方的 brand.yml 里加上 partners: [{src.slug}]，或从本品牌删去“{slug}”",
                    "warning",
                )
