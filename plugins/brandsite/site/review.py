"""The evaluation rubric (/review/, internal builds only). No MkDocs imports.

A completeness score out of 100 for every brand, with the reason for each
part, computed only from facts a program can check. It helps the
organisation department decide whom to visit and guide (分类指导); it is
not a verdict on the six qualities, which people judge.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from PIL import Image

from ..content import similarity
from ..content.plaintext import plain_text
from ..content.lifecycle import parse_date, years_before
from ..content.model import Brand, Catalog, Problem

REVIEW_SRC = "review/index.md"
GOOD_LOGO_PX = 256
FULL_CONNOTATION = 150  # characters of plain text for full marks


@dataclass
class Part:
    name: str
    points: int
    full: int
    reason: str


@dataclass
class Score:
    brand: Brand
    parts: list[Part] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(p.points for p in self.parts)

    @property
    def full(self) -> int:
        return sum(p.full for p in self.parts)

    @property
    def band(self) -> str:
        """The guidance band used in the overview table."""
        if self.total >= 85:
            return "完备"
        if self.total >= 60:
            return "较完备"
        return "需重点指导"

    def missing(self) -> list[Part]:
        return [p for p in self.parts if p.points < p.full]


def plain_length(markdown: str) -> int:
    return len(re.sub(r"\s+", "", plain_text(markdown)))


def connotation_part(brand: Brand) -> Part:
    n = plain_length(brand.connotation)
    if n >= FULL_CONNOTATION:
        return Part("理念内涵", 20, 20, f"{n} 字，阐述充分")
    if n >= 100:
        return Part("理念内涵", 15, 20, f"{n} 字，可再充实到 {FULL_CONNOTATION} 字以上")
    return Part("理念内涵", 8, 20, f"只有 {n} 字，请写清寓意、理念和与本职工作的结合")


def carriers_part(brand: Brand) -> Part:
    n = len(brand.carriers)
    points = {0: 0, 1: 5, 2: 10}.get(n, 15)
    reason = f"{n} 个工作载体" + ("" if n >= 3 else "，建议至少 3 个")
    return Part("工作载体", points, 15, reason)


def cases_part(brand: Brand, today: datetime.date) -> Part:
    since = years_before(today, 2)
    recent = [c for c in brand.cases if (d := parse_date(c.date)) and since <= d <= today]
    n = len(recent)
    points = 20 if n >= 2 else (10 if n == 1 else 0)
    reason = f"近两年（{since.isoformat()} 起）有 {n} 个案例" + ("" if n >= 2 else "，建议补充近期典型案例")
    return Part("近两年案例", points, 20, reason)


def metrics_part(brand: Brand) -> Part:
    n = len(brand.metrics)
    if n:
        return Part("成效数据", 15, 15, f"{n} 项量化成效")
    return Part("成效数据", 0, 15, "没有量化成效（metrics），请补充可核实的数据")


def logo_size(path: Path) -> tuple[int, int] | None:
    try:
        with Image.open(path) as im:
            return im.size
    except Exception:  # unreadable logos are the check's business, not the rubric's
        return None


def logo_part(brand: Brand) -> Part:
    path = Path(brand.folder, brand.logo)
    if path.suffix.lower() == ".svg":
        return Part("标识清晰度", 10, 10, "SVG 矢量标识，任意尺寸清晰")
    size = logo_size(path)
    if size is None:
        return Part("标识清晰度", 0, 10, "标识无法读取")
    side = min(size)
    if side >= GOOD_LOGO_PX:
        return Part("标识清晰度", 10, 10, f"{size[0]}×{size[1]} 像素")
    return Part("标识清晰度", 4 if side >= 128 else 0, 10,
                f"只有 {size[0]}×{size[1]} 像素，请提供至少 {GOOD_LOGO_PX}×{GOOD_LOGO_PX} 像素的图片或 SVG")


def goals_part(brand: Brand, today: datetime.date) -> Part:
    if any(g.year == today.year and g.items for g in brand.goals):
        return Part("年度目标", 10, 10, f"有 {today.year} 年深化目标")
    return Part("年度目标", 0, 10, f"没有 {today.year} 年深化目标（brand.yml 的 goals）")


REVIEWED_MARK = "（已审核）"


def duplicate_part(brand: Brand, warnings: list[str]) -> Part:
    if not warnings:
        return Part("差异性", 10, 10, "未发现与其他品牌雷同")
    # Pairs a reviewer recorded as distinct are listed but cost nothing.
    open_ = [w for w in warnings if not w.startswith(REVIEWED_MARK)]
    return Part("差异性", 0 if open_ else 10, 10, "；".join(warnings))


def duplicate_warnings(problems: Iterable[Problem]) -> dict[str, list[str]]:
    """Near-duplicate findings per slug, as the content check (`similarity`) found them;
    those a reviewer recorded (`reviewed_similar`, level "info") start with REVIEWED_MARK."""
    found: dict[str, list[str]] = {}
    for problem in problems:
        if problem.kind == similarity.KIND and problem.slug:
            # The first sentence names the other brand (by file and name) and the score.
            first = problem.message.split("。")[0]
            found.setdefault(problem.slug, []).append(REVIEWED_MARK + first if problem.level == "info" else first)
    return found


def score(brand: Brand, today: datetime.date, duplicates: list[str] | None = None) -> Score:
    return Score(brand, [
        connotation_part(brand),
        carriers_part(brand),
        cases_part(brand, today),
        metrics_part(brand),
        logo_part(brand),
        goals_part(brand, today),
        duplicate_part(brand, duplicates or []),
    ])


def scores(catalog: Catalog, today: datetime.date, duplicates: dict[str, list[str]] | None = None) -> list[Score]:
    """Every brand's score, lowest first: those most in need of guidance lead."""
    duplicates = duplicates or {}
    out = [score(b, today, duplicates.get(b.slug)) for b in catalog]
    return sorted(out, key=lambda s: (s.total, s.brand.slug))
