"""Stages, the creation archive, yearly goals and clusters (the partner rules are in test_rules_across.py)."""

from __future__ import annotations

import datetime

from tests.conftest import build_site, check
from tests.test_build import read

from brandsite.content import clusters, lifecycle

TODAY = datetime.date(2026, 11, 25)


def brand_of(tree, slug="lian-xin-qiao"):
    catalog, problems = check(tree)
    assert [p for p in problems if p.level == "error"] == []
    return catalog.get(slug)


def test_stage_steps_show_the_naming_document(tree):
    tree.brand()
    steps = lifecycle.stage_steps(brand_of(tree))
    assert [(s.name, s.state) for s in steps] == [("申报", "done"), ("培育", "done"), ("命名", "current"), ("示范", "todo")]
    assert steps[2].detail == "2021-12-20 · 青直工委〔2021〕12号"
    assert [s.detail for s in steps if s.name != "命名"] == ["", "", ""]


def test_archive_merges_timeline_and_cases_by_date(tree):
    tree.brand(**{"timeline:\n": "timeline:\n  - {date: 2024-01-05, event: 挂牌}\n"})
    entries = lifecycle.archive(brand_of(tree))
    assert [(e.date, e.text, e.case is not None) for e in entries] == [
        ("2019-03-01", "召开党员大会，确定品牌名称", False),
        ("2023-06-18", "一张清单解决企业退税难题", True),
        ("2024-01-05", "挂牌", False),
    ]


def test_goals_mark_the_current_year_and_flag_stalled_years_internally(tree):
    tree.brand(**{"goals:\n": "goals:\n  - year: 2026\n    items: [今年的目标]\n  - year: 2019\n    items: [有进展]\n"})
    brand = brand_of(tree)
    internal = lifecycle.goal_years(brand, TODAY, internal=True)
    assert [(g.year, g.current, g.stalled) for g in internal] == [(2026, True, False), (2024, False, True), (2019, False, False)]
    public = lifecycle.goal_years(brand, TODAY, internal=False)
    assert not any(g.stalled for g in public)


def test_brand_page_shows_archive_goals_and_flags_only_internally(tree, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795608000")  # 2026-11-25
    tree.brand()
    public = read(build_site(tree.root) / "brands/lian-xin-qiao/index.html")
    assert '<small class="bs-stages__detail">2021-12-20 · 青直工委〔2021〕12号</small>' in public
    assert '典型案例：<a href="cases/tui-shui/">一张清单解决企业退税难题</a>' in public
    assert "<h3>2024 年</h3>" in public and lifecycle.STALLED not in public
    assert "shenbao.docx" not in public
    internal = read(build_site(tree.root, audience="internal") / "brands/lian-xin-qiao/index.html")
    assert f"2024 年 <span class=\"bs-chip bs-chip--internal\">{lifecycle.STALLED}</span>" in internal
    assert 'href="lian-xin-qiao-shenbao.docx"' in internal


def test_cluster_page_lists_its_brands_with_the_intro(tree):
    tree.brand(**{"tags: [服务窗口]": "cluster: 红色引擎"})
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育",
                                         "tags: [服务窗口]": "cluster: 红色引擎"})
    tree.brand("lan-qiao", case=False, **{"name: 连心桥": "name: 蓝桥", "stage: 命名": "stage: 申报"})
    docs = tree.root / "docs/clusters"
    docs.mkdir(parents=True)
    (docs / "红色引擎.md").write_text("# 红色引擎\n\n区里的**示范**集群。\n", encoding="utf-8")
    catalog, _ = check(tree)
    [group] = clusters.clusters(catalog, tree.root / "docs")
    assert [b.slug for b in group.brands] == ["hong-qiao", "lian-xin-qiao"] and "示范" in group.intro
    site = build_site(tree.root)
    page = read(site / "clusters/红色引擎/index.html")
    assert "<strong>示范</strong>" in page and page.count('class="bs-card"') == 2 and "蓝桥" not in page
    assert 'href="../../brands/hong-qiao/"' in page
    assert 'href="../../clusters/%E7%BA%A2%E8%89%B2%E5%BC%95%E6%93%8E/"' in read(site / "brands/lian-xin-qiao/index.html") \
        or 'href="../../clusters/红色引擎/"' in read(site / "brands/lian-xin-qiao/index.html")
    assert "红色引擎" in read(site / "clusters/index.html")


def test_cluster_names_that_would_break_a_url_are_made_safe():
    assert clusters.cluster_src("青禾先锋矩阵") == "clusters/青禾先锋矩阵.md"
    assert clusters.cluster_src("红色/引擎 2.0?") == "clusters/红色-引擎-2-0.md"
