"""The evaluation rubric (/review/): the scores, and that it stays off the public site."""

from __future__ import annotations

import datetime
import re

from tests.conftest import build_site, check, png_bytes
from tests.test_build import read

from brandsite.site import review

TODAY = datetime.date(2026, 11, 25)


def parts(score):
    return {p.name: (p.points, p.full) for p in score.parts}


def test_score_counts_each_checkable_fact(tree):
    tree.brand()
    catalog, _ = check(tree)
    s = review.score(catalog.get("lian-xin-qiao"), TODAY)
    assert s.full == 100
    # connotation 69 chars, one carrier, the only case is from 2023, a metric, SVG logo, no 2026 goal.
    assert parts(s) == {"理念内涵": (8, 20), "工作载体": (5, 15), "近两年案例": (0, 20), "成效数据": (15, 15),
                        "标识清晰度": (10, 10), "年度目标": (0, 10), "差异性": (10, 10)}
    assert s.total == 48 and s.band == "需重点指导"
    assert s.parts[1].reason == "1 个工作载体，建议至少 3 个"
    assert [p.name for p in s.missing()] == ["理念内涵", "工作载体", "近两年案例", "年度目标"]


def test_recent_cases_goals_and_small_raster_logo(tree):
    tree.brand(**{"logo: logo.svg": "logo: logo.png", "goals:\n": "goals:\n  - year: 2026\n    items: [目标]\n"})
    tree.write("lian-xin-qiao/logo.png", png_bytes((200, 200)))
    for i, day in enumerate(["2025-01-10", "2026-02-02"]):
        tree.write(f"lian-xin-qiao/cases/c{i}.md", f"---\ntitle: 案例{i}\ndate: {day}\n---\n正文。\n")
    catalog, _ = check(tree)
    got = parts(review.score(catalog.get("lian-xin-qiao"), TODAY))
    assert got["近两年案例"] == (20, 20) and got["年度目标"] == (10, 10) and got["标识清晰度"] == (4, 10)


def test_near_duplicates_come_from_the_shared_check(tree):
    tree.brand()
    tree.brand("lian-xin-qiao-2", case=False, **{"name: 连心桥": "name: 连心桥站", "stage: 命名": "stage: 培育"})
    catalog, problems = check(tree)
    scores = {s.brand.slug: s for s in review.scores(catalog, TODAY, review.duplicate_warnings(problems))}
    part = parts(scores["lian-xin-qiao-2"])["差异性"]
    assert part == (0, 10)
    assert "非常相似" in scores["lian-xin-qiao-2"].parts[-1].reason
    assert parts(scores["lian-xin-qiao"])["差异性"] == (10, 10)


def test_review_page_only_in_internal_builds(tree, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795608000")  # 2026-11-25
    tree.brand()
    tree.brand("mi-mi", case=False, **{"name: 连心桥": "name: 保密品牌", "stage: 命名": "stage: 申报",
                                      "featured: true": "visibility: internal"})
    public = build_site(tree.root)
    assert not (public / "review").exists()
    for path in public.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js"):
            text = read(path)
            assert "品牌评估" not in text and "完整度" not in text and "review/" not in text, path
    assert not list(public.rglob("*.docx"))
    internal = build_site(tree.root, audience="internal")
    page = read(internal / "review/index.html")
    assert 'id="review-mi-mi"' in page and 'id="review-lian-xin-qiao"' in page
    # The table sorter is brandsite.js's, which every page loads: the page brings no script of its own.
    assert "assets/brandsite/brandsite.js" in page and not list((internal / "review").rglob("*.js"))
    assert ".bs-review th button" in read(internal / "assets/brandsite/brandsite.js")
    assert "品牌评估" in read(internal / "stats/index.html")
    brand = read(internal / "brands/lian-xin-qiao/index.html")
    assert '<strong class="bs-score__total">48</strong> / 100 分 · 需重点指导' in brand
    assert 'href="../../review/#review-lian-xin-qiao"' in brand
    assert "工作载体 5/15：1 个工作载体，建议至少 3 个" in brand
    # the table's reasons in Chinese punctuation (工作载体:2 个…;近两年案例:… read as code)
    reasons = re.search(r'id="review-lian-xin-qiao".*?class="bs-review__reasons">(.*?)</td>', page, re.S).group(1)
    assert "工作载体：1 个工作载体" in reasons and "；" in reasons and not re.search(r"[:;]", reasons), reasons


def test_built_rubric_shows_the_checks_near_duplicate_warning(tree, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795608000")  # 2026-11-25
    tree.brand()
    tree.brand("lian-xin-qiao-2", case=False, **{"name: 连心桥": "name: 连心桥站", "stage: 命名": "stage: 培育"})
    internal = build_site(tree.root, audience="internal")
    brand = read(internal / "brands/lian-xin-qiao-2/index.html")
    assert "差异性 0/10：品牌名称“连心桥站”与 brands/lian-xin-qiao/brand.yml 的“连心桥”非常相似" in brand
    assert "差异性 10/10：未发现与其他品牌雷同" in read(internal / "brands/lian-xin-qiao/index.html")
    assert "非常相似" in read(internal / "review/index.html")
