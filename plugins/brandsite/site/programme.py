"""Generated pages and files of the brand programme. No MkDocs imports.

Statistics (/stats/, /stats.json), cluster pages, the Atom feed, and on
internal builds the review rubric and one 申报表 per brand. Called from
`pages.Generator.extra_files`, which it renders through.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import charts, feeds, paging, review, stats
from ..content import clusters, lifecycle, prose

STATS_SRC = "stats/index.md"
STATS_JSON = "stats.json"
NAV_PAGES = (STATS_SRC, clusters.INDEX_SRC)  # generated pages a site may put in its nav
CHART_ROWS = 30  # rows a chart shows at most; stats.json has every row


def files(gen) -> list[tuple[str, str | bytes]]:
    catalog, site = gen.catalog, gen.site
    day = lifecycle.today()
    internal = catalog.audience == "internal"
    figures = stats.compute(catalog, day)
    out: list[tuple[str, str | bytes]] = [
        (STATS_SRC, stats_page(gen, figures, internal)),
        (STATS_JSON, json.dumps(figures, ensure_ascii=False, indent=2) + "\n"),
    ]
    groups = clusters.clusters(catalog, site.docs_dir or None)
    # Always made, even without clusters: a site's nav may name it (the sample's does).
    out.append((clusters.INDEX_SRC, gen.render(
        "clusters.html", clusters.INDEX_SRC,
        # a list of other pages, as the gallery is: no search record (it came third for 网格)
        meta={"title": "品牌集群", "description": "按品牌集群浏览党建品牌", "hide": ["navigation", "toc"], "search": {"exclude": True}},
        clusters=groups,
    )))
    for group in groups:
        # A cluster of hundreds of brands is split into pages like the gallery.
        for pager, brands in paging.paginate(group.brands, gen.page_size, group.src_uri):
            out.append((pager.src, gen.render(
                "cluster.html", pager.src,
                meta={"title": paging.page_title(group.name, pager),
                      "description": f"“{group.name}”品牌集群的 {len(group.brands)} 个品牌",
                      "hide": ["navigation", "toc"], **paging.later_page_meta(pager)},
                cluster=group,
                brands=brands,
                pager=pager,
                intro=prose.demote(group.intro).strip("\n") if pager.number == 1 else "",
                index_link=site.rel(pager.src, clusters.INDEX_SRC),
            )))
    if site.site_url:  # Atom needs absolute links; without site_url there is no feed
        out.append((feeds.FEED_SRC, feeds.atom(catalog, site, site.site_url, site.site_name or "党建品牌")))
    if internal:
        out += review_page(gen, day)
        from ..media import application_form  # python-docx is only needed here

        cache = Path(site.cache_dir) / "forms" if site.cache_dir else None
        for brand in catalog:
            out.append((site.asset_src(brand, application_form.filename(brand)), application_form.cached_bytes(brand, cache)))
    return out


def stats_page(gen, figures: dict, internal: bool) -> str:
    recent = figures["recent_cases"]
    share_rows = [
        {"label": "有新案例", "value": recent["brands"]},
        {"label": "无新案例", "value": recent["total"] - recent["brands"]},
    ]
    metric_rows = [{"label": r["label"] + ("（平均）" if r["kind"] == "mean" else ""), "value": r["value"], "unit": r["unit"]}
                   for r in figures["metric_sums"] if r["kind"] == "sum"]
    # Regions and metric labels grow with the brand count; the page shows the largest, stats.json all.
    region_rows, regions_left = charts.top_rows(figures["by_region"], CHART_ROWS, "其余 {n} 个地区")
    metric_rows, metrics_left = charts.top_rows(metric_rows, CHART_ROWS)
    # Each unit's rows together, largest first, each unit drawn to its own scale (per_unit).
    units = list(dict.fromkeys(r["unit"] for r in metric_rows))  # in the order they first come
    metric_rows = sorted(metric_rows, key=lambda r: units.index(r["unit"]))
    return gen.render(
        "stats.html", STATS_SRC,
        # the site nav's one entry for this page would be its sidebar's only item: the sections (toc) stay
        meta={"title": "数据看板", "description": "党建品牌的类别、阶段、地区、命名年份和工作成效统计", "hide": ["navigation"]},
        figures=figures,
        share=f"{recent['share']:.0%}",
        charts={
            "category": charts.bar_chart("bs-chart-category", "各类别品牌数", figures["by_category"], label_head="类别", value_head="品牌数"),
            "stage": charts.bar_chart("bs-chart-stage", "各阶段品牌数", figures["by_stage"], label_head="阶段", value_head="品牌数"),
            "region": charts.bar_chart("bs-chart-region", "各地区品牌数", region_rows, label_head="地区", value_head="品牌数"),
            "named": charts.bar_chart("bs-chart-named", "每年命名品牌数", figures["named_per_year"], label_head="年份", value_head="命名数"),
            "metrics": charts.bar_chart("bs-chart-metrics", "各项成效合计", metric_rows, label_head="成效", value_head="合计",
                                        per_unit=True),
            "recent": charts.bar_chart("bs-chart-recent", "近 12 个月有新案例的品牌", share_rows, label_head="情况", value_head="品牌数"),
        },
        json_link=gen.site.rel(STATS_SRC, STATS_JSON),
        left={"region": regions_left, "metrics": metrics_left},
        review_link=gen.site.rel(STATS_SRC, review.REVIEW_SRC) if internal else "",
    )


def review_page(gen, day) -> list[tuple[str, str]]:
    """The rubric, lowest score first, in pages of two thirds the gallery's page size."""
    scores = gen.review_scores(day)
    out = []
    for pager, rows in paging.paginate(scores, gen.review_page_size, review.REVIEW_SRC):
        out.append((pager.src, gen.render(
            "review.html", pager.src,
            meta={"title": paging.page_title("品牌评估", pager), "template": "brandsite/review.html",
                  "description": "内部：各品牌完整度评分与指导建议", "hide": ["navigation", "toc"], "search": {"exclude": True}},
            scores=rows,
            pager=pager,
            parts=[p.name for p in scores[0].parts] if scores else [],
            day=day,
        )))
    return out
