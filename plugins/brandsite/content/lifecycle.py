"""A brand's life cycle: stage steps, the creation archive, yearly goals, and the rules
its stage sets for the brand folder.

Plain functions over `model.Brand`; no MkDocs imports. The brand page
template calls them, so the page and the tests see the same data.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from collections.abc import Iterator

from .model import NAMED_STAGES, STAGES, Brand, Case, Problem

STALLED = "未见进展"


def today() -> datetime.date:
    """The build's date. SOURCE_DATE_EPOCH (reproducible builds) fixes it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()


def parse_date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(text))
    except ValueError:
        return None


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass
class Step:
    name: str
    state: str  # "done" | "current" | "todo"
    detail: str = ""  # naming date and document, on the 命名 step


def stage_steps(brand: Brand) -> list[Step]:
    """申报 → 培育 → 命名 → 示范, with the naming document once named."""
    steps = []
    for i, name in enumerate(STAGES):
        state = "done" if i < brand.stage_index else ("current" if i == brand.stage_index else "todo")
        detail = ""
        if name == "命名" and brand.named and state != "todo":
            detail = f"{brand.named.date} · {brand.named.document}"
        steps.append(Step(name, state, detail))
    return steps


@dataclass
class ArchiveEntry:
    date: str
    text: str
    case: Case | None = None  # set when the entry is a case


def archive(brand: Brand) -> list[ArchiveEntry]:
    """The creation archive (创建档案): the timeline merged with the case dates, oldest first."""
    entries = [ArchiveEntry(e.date, e.event) for e in brand.timeline]
    entries += [ArchiveEntry(c.date, c.title, c) for c in brand.cases]
    # Stable: on the same day a timeline event comes before a case.
    return sorted(entries, key=lambda e: e.date)


@dataclass
class GoalYear:
    year: int
    items: list[str]
    current: bool = False
    stalled: bool = False  # a past year with no timeline entry (internal builds only)


def goal_years(brand: Brand, day: datetime.date, *, internal: bool) -> list[GoalYear]:
    """Yearly goals, newest year first; the current year marked."""
    active = {int(e.date[:4]) for e in brand.timeline if e.date[:4].isdigit()}
    out = []
    for goal in sorted(brand.goals, key=lambda g: g.year, reverse=True):
        stalled = internal and goal.year < day.year and goal.year not in active
        out.append(GoalYear(goal.year, list(goal.items), goal.year == day.year, stalled))
    return out


def form_filename(brand: Brand) -> str:
    """The 申报表 next to the brand page on internal builds (see media/application_form.py)."""
    return f"{brand.slug}-shenbao.docx"


def named_needs_public_case(src) -> Iterator[Problem]:
    """A named brand shows at least one case to the public. Not while a case file cannot be read
    (told on its own): it may be the public one, and an internal case is never the one to change."""
    stage = src.data.get("stage")
    if stage not in NAMED_STAGES or getattr(src, "unread_cases", None):
        return
    cases = [c for c in src.cases if isinstance(c.meta, dict)]
    if any(c.meta.get("visibility", "public") != "internal" for c in cases):
        return
    if cases:
        which = "唯一的案例" if len(cases) == 1 else f"的 {len(cases)} 个案例都"
        yield Problem(src.yml, src.line("stage"),
                      f"阶段为“{stage}”的品牌至少需要一个公开的典型案例，现在{which}写了 visibility: internal"
                      "（只在内网显示）。请把其中一个改为公开（删去它的 visibility: internal 这一行），或再添加一个公开的案例")
    elif not any(not p.name.startswith(".") for p in Path(src.folder, "cases").glob("*.md")):  # one that cannot be read is told on its own
        yield Problem(src.yml, src.line("stage"),
                      f"阶段为“{stage}”的品牌至少需要一个公开的典型案例。请在 cases/ 文件夹里添加一个案例文件（.md）")


def named_block_before_naming(src) -> Iterator[Problem]:
    """A brand still 申报 or 培育 with a named: block shows both on its page."""
    stage, named = src.data.get("stage"), src.data.get("named")
    if stage in STAGES and stage not in NAMED_STAGES and isinstance(named, dict):
        yield Problem(src.yml, src.line("named"),
                      f"stage（所处阶段）是“{stage}”，却写了 named（命名信息）：品牌页会同时显示“{stage}”和命名日期、文件，"
                      "互相矛盾。已经命名的，请把 stage 改为“命名”或“示范”；还没有命名的，请删去 named 这几行", "warning")
