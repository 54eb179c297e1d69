"""Statistics (数据看板): each figure, the page, /stats.json, and a hand count over the sample."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from tests.conftest import ROOT, build_site
from tests.test_build import read

import brandsite
from brandsite.site import charts, stats
from brandsite.site.pages import environment
from brandsite.content.load import load_catalog

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def catalog(tree):
    tree.brand()  # 机关, 命名 2021, 青禾区, case 2023-06-18, metric 为群众解决难题 230 件
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育",
                                         "category: 机关": "category: 社区", "region: 青禾区\n": ""})
    tree.brand("jin-qiao", **{"name: 连心桥": "name: 金桥", "date: 2021-12-20": "date: 2023-04-01",
                              "value: 230": "value: 70"})
    tree.write("jin-qiao/cases/xin.md", "---\ntitle: 新近的案例\ndate: 2026-05-01\n---\n正文。\n")
    tree.brand("mi-mi", case=False, **{"name: 连心桥": "name: 保密品牌", "stage: 命名": "stage: 申报",
                                      "category: 机关": "category: 学校", "visibility: public": "",
                                      "featured: true": "visibility: internal"})
    full, problems = load_catalog(tree.brands)
    assert [p for p in problems if p.level == "error"] == []
    return full


def rows(figure):
    return {r["label"]: r["value"] for r in figure}


def test_by_category_keeps_the_configured_order_and_zeros(catalog):
    public = catalog.for_audience("public")
    figure = stats.by_category(public)
    assert [r["label"] for r in figure][:3] == ["机关", "社区", "园区"]
    assert rows(figure)["机关"] == 2 and rows(figure)["社区"] == 1 and rows(figure)["学校"] == 0
    assert rows(stats.by_category(catalog))["学校"] == 1  # the internal brand counts only internally


def test_by_stage_lists_every_stage(catalog):
    assert stats.by_stage(catalog.for_audience("public")) == [
        {"label": "申报", "value": 0}, {"label": "培育", "value": 1},
        {"label": "命名", "value": 2}, {"label": "示范", "value": 0}]


def test_by_region_puts_unfilled_last(catalog):
    assert stats.by_region(catalog.for_audience("public")) == [
        {"label": "青禾区", "value": 2}, {"label": "未填写", "value": 1}]


def test_named_per_year_fills_gaps_with_zero(catalog):
    assert rows(stats.named_per_year(catalog.for_audience("public"))) == {"2021": 1, "2022": 0, "2023": 1}


def test_metric_sums_add_the_same_label(catalog):
    [row] = stats.metric_sums(catalog.for_audience("public"))
    assert row == {"label": "为群众解决难题", "unit": "件", "value": 230 + 230 + 70, "kind": "sum", "brands": 3}
    assert stats.metric_sums(catalog)[0]["value"] == 530 + 230  # the internal mi-mi too


def test_percentages_are_averaged_not_added(tree):
    tree.brand(**{"value: 230, unit: 件": 'value: 90, unit: "%"'})
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "value: 230, unit: 件": 'value: 96, unit: "%"',
                                         "stage: 命名": "stage: 培育"})
    catalog, _ = load_catalog(tree.brands)
    [row] = stats.metric_sums(catalog)
    assert row["value"] == 93 and row["kind"] == "mean"


def test_recent_cases_share_counts_the_last_twelve_months(catalog):
    public = catalog.for_audience("public")
    recent = stats.recent_cases(public, TODAY)
    assert recent["slugs"] == ["jin-qiao"] and recent["brands"] == 1 and recent["total"] == 3
    assert recent["share"] == round(1 / 3, 4) and recent["since"] == "2025-11-25"
    # A case exactly twelve months old counts; a day older does not.
    assert stats.recent_cases(public, datetime.date(2027, 5, 1))["brands"] == 1
    assert stats.recent_cases(public, datetime.date(2027, 5, 2))["brands"] == 0


def chart_html(chart) -> str:
    """The chart as the stats view draws it: the `bar_chart` macro in the views' environment."""
    env = environment([str(Path(brandsite.__file__).parent / "templates")])
    return str(env.get_template("brandsite/views/_chart.html").module.bar_chart(chart))


def test_chart_is_accessible_svg_with_a_table():
    html = chart_html(charts.bar_chart("c1", "各类别品牌数", [{"label": "机关", "value": 2}, {"label": "社区", "value": 1}]))
    assert '<svg' in html and 'role="img"' in html and '<title id="c1-t">各类别品牌数</title>' in html
    assert 'aria-labelledby="c1-t c1-d"' in html and '<desc id="c1-d">机关 2；社区 1</desc>' in html
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', html)]
    assert widths[0] == 2 * widths[1] == charts.BAR_W
    # drawn again for phones, labels above the bars, with its own title and description
    assert widths[2] == 2 * widths[3] == charts.NARROW_BAR_W and 'aria-labelledby="c1-nt c1-nd"' in html
    assert '<th scope="row">机关</th><td>2</td>' in html and "<script" not in html


def test_chart_escapes_labels_and_titles():
    html = chart_html(charts.bar_chart("c2", "<i>t</i>", [{"label": "<b>", "value": 1, "unit": "&"}]))
    assert "<b>" not in html and "<i>" not in html
    assert html.count("&lt;b&gt;") == 5  # the bar's label and the description, twice; the table
    assert html.count(">1&amp;</text>") == 2 and "<td>1&amp;</td>" in html


def test_a_long_label_or_unit_is_cut_to_the_chart_with_the_whole_in_a_tooltip_and_the_table():
    label, unit = "DONGHUSTREETHONGQIAOCOMMUNITY", "件(截至十二月底,含线上线下两种渠道的全部事项)"
    html = chart_html(charts.bar_chart("c5", "t", [{"label": label, "value": 3, "unit": unit},
                                                   {"label": "东湖街道", "value": 1}]))
    shown = re.findall(r'class="bs-chart__label"[^>]*>(?:<title>([^<]*)</title>)?([^<]*)</text>', html)
    assert shown[0] == (label, "DONGHUSTREETH…") and shown[1] == ("", "东湖街道")
    value = re.findall(r'class="bs-chart__value"[^>]*>(?:<title>([^<]*)</title>)?([^<]*)</text>', html)
    assert value[0][0] == "3" + unit and value[0][1].endswith("…") and len(value[0][1]) < len(unit)
    assert value[1] == ("", "1")
    assert f'<th scope="row">{label}</th><td>3{unit}</td>' in html
    assert charts.fit("党建品牌", 30) == "党建…" and charts.fit("党建", 26) == "党建" and charts.fit("党", 5) == "…"


def test_a_big_sum_is_written_the_chinese_way_after_its_bar_and_whole_in_the_table():
    html = chart_html(charts.bar_chart("c6", "t", [{"label": "撬动社会资金", "value": 1234567890123.0, "unit": "元"},
                                                   {"label": "服务人次", "value": 1250000, "unit": "人次"}]))
    value = re.findall(r'class="bs-chart__value"[^>]*>(?:<title>([^<]*)</title>)?([^<]*)</text>', html)
    # whole in the tooltip and the table, grouped by thousands
    assert value == [("1,234,567,890,123元", "1.23万亿元"), ("1,250,000人次", "125万人次")] * 2
    assert "<td>1,234,567,890,123元</td>" in html and "<td>1,250,000人次</td>" in html
    html = chart_html(charts.bar_chart("c7", "t", [{"label": "销售额", "value": 1234567.89, "unit": "万元"}]))
    value = re.findall(r'class="bs-chart__value"[^>]*>(?:<title>([^<]*)</title>)?([^<]*)</text>', html)
    assert value == [("1,234,567.89万元", "123.46亿元")] * 2  # not 123.46万万元
    # the longest bar leaves room for a shortened number and its unit, in both drawings
    html = chart_html(charts.bar_chart("c8", "t", [{"label": "服务人次", "value": 98765432, "unit": "人次"}]))
    assert html.count(">9876.54万人次</text>") == 2


def test_chart_without_rows_says_so():
    html = chart_html(charts.bar_chart("c3", "每年命名品牌数", []))
    assert '<figure class="bs-chart bs-chart--empty" id="c3" data-pagefind-ignore>' in html and "每年命名品牌数：暂无数据。" in html
    assert "<svg" not in html and "<table" not in html


def test_chart_bars_scale_to_the_largest_finite_value():
    chart = charts.bar_chart("c4", "t", [{"label": "a", "value": 4}, {"label": "b", "value": 1.5},
                                         {"label": "c", "value": 0}, {"label": "d", "value": float("nan")}])
    assert [bar.length for bar in chart.bars] == [charts.BAR_W, charts.BAR_W * 1.5 / 4, 0, 0]
    assert [bar.value for bar in chart.bars] == ["4", "1.5", "0", "nan"]
    assert chart.height == 4 * charts.ROW + 8 and [bar.top for bar in chart.bars] == [4, 32, 60, 88]


# -- the sample site: the page's numbers match a hand count --------------------

# Counted by hand over brands/ (public brands only; 2026-11-25):
HAND = {
    "brands": 14,
    "by_stage": {"申报": 2, "培育": 4, "命名": 5, "示范": 3},
    "named_per_year": {"2020": 2, "2021": 3, "2022": 2, "2023": 1},
    # yun-duan-gang-wan, lin-li-hong-zhan, mai-sui-hong, xin-qiao-yi-zhan, cha-shan-qi-ming;
    # jing-tu-wei-shi's 2026 case is internal and does not count.
    "recent": 5,
    # 268 (xin-qiao-yi-zhan) + 57 (lin-li-hong-zhan) + 36 (yun-duan-gang-wan); qing-feng-shen-ji is internal.
    "solved": 361,
}

EPOCH = str(int(datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.timezone.utc).timestamp()))


@pytest.fixture(scope="module")
def sample_builds(tmp_path_factory):
    import os
    import shutil

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = {}
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        for audience in ("public", "internal"):
            root = tmp_path_factory.mktemp(audience)
            for name in ("mkdocs.yml", "docs", "brands", "assets"):
                (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, root / name)
            cwd = os.getcwd()
            os.chdir(root)
            os.environ["BRANDSITE_AUDIENCE"] = audience
            try:
                build(load_config("mkdocs.yml", site_dir=str(root / "site"), strict=True))
            finally:
                os.chdir(cwd)
                del os.environ["BRANDSITE_AUDIENCE"]
            out[audience] = root / "site"
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return out


def test_stats_json_matches_the_hand_count(sample_builds):
    figures = json.loads(read(sample_builds["public"] / "stats.json"))
    assert figures["date"] == "2026-11-25" and figures["audience"] == "public"
    assert figures["brands"] == HAND["brands"]
    assert rows(figures["by_stage"]) == HAND["by_stage"]
    assert rows(figures["named_per_year"]) == HAND["named_per_year"]
    assert figures["recent_cases"]["brands"] == HAND["recent"]
    assert "jing-tu-wei-shi" not in figures["recent_cases"]["slugs"]
    assert rows(figures["metric_sums"])["为企业群众解决难题"] == HAND["solved"]
    internal = json.loads(read(sample_builds["internal"] / "stats.json"))
    assert internal["brands"] == HAND["brands"] + 1
    assert rows(internal["metric_sums"])["为企业群众解决难题"] == HAND["solved"] + 12


def test_stats_page_shows_the_same_numbers_in_charts_and_tables(sample_builds):
    page = read(sample_builds["public"] / "stats/index.html")
    assert page.count('role="img"') == 12 and page.count('<table class="bs-chart__table">') == 6
    assert '<th scope="row">示范</th><td>3</td>' in page
    assert '<th scope="row">为企业群众解决难题</th><td>361件</td>' in page
    assert f"<strong>{HAND['recent']}</strong> / {HAND['brands']}" in page and "<strong>36%</strong>" in page
    assert 'href="../stats.json"' in page
    assert "<script" not in page.split('<article')[1].split('</article>')[0]  # no chart library
    assert "品牌评估" not in page


def test_stats_page_is_in_the_nav(sample_builds):
    home = read(sample_builds["public"] / "index.html")
    assert re.search(r'href="stats/"[^>]*>\s*数据看板', home)
    assert re.search(r'href="clusters/"[^>]*>\s*品牌集群', home)


def test_small_site_gets_stats_without_a_nav_entry(tree):
    tree.brand()
    site = build_site(tree.root)
    assert json.loads(read(site / "stats.json"))["brands"] == 1
    assert "各阶段品牌数" in read(site / "stats/index.html")


def test_sums_in_different_units_are_each_drawn_to_their_own_scale():
    """元 and 人次 on one scale made the 人次 bar a sliver: with per_unit each unit's largest bar
    is full length, and the page lists each unit's rows together."""
    rows = [{"label": "撬动资金", "value": 3_500_000_000, "unit": "元"}, {"label": "服务", "value": 12_345_678, "unit": "人次"},
            {"label": "产值", "value": 1_750_000_000, "unit": "元"}]
    lengths = [b.length for b in charts.bar_chart("c9", "t", rows, per_unit=True).bars]
    assert lengths == [charts.BAR_W, charts.BAR_W, charts.BAR_W / 2]
    assert [b.length for b in charts.bar_chart("c9", "t", rows).bars][1] < 2  # one scale: a sliver
    assert charts._fmt(-12345678.5) == "-12,345,678.5" and charts._fmt(9999) == "9999"
