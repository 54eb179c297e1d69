"""Listings split into pages (gallery, clusters, review) and the gallery's card data (cards.json).

The sample site is built with 4 cards a page, and synthetic sites of 12 and
48 brands show that a gallery page does not grow with the brand count.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pytest
from tests.conftest import ROOT, copy_sample
from tests.test_search import fragments

from brandsite.content.model import STAGES
from brandsite.site import charts, paging
from brandsite.content.load import load_catalog

sys.path.insert(0, str(ROOT / "benchmarks"))
import synth  # noqa: E402

PAGE_SIZE = 4
CARD = re.compile(r'<a class="bs-card" href="([^"]+)"')


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def build(root: Path, audience: str = "public") -> Path:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(root)
    try:
        site = root / f"site-{audience}"
        os.environ["BRANDSITE_AUDIENCE"] = audience
        mkdocs_build(load_config("mkdocs.yml", site_dir=str(site)))
    finally:
        os.environ.pop("BRANDSITE_AUDIENCE", None)
        os.chdir(cwd)
    return site


def with_options(root: Path, options: str) -> None:
    """Set plugin options under `- brandsite:` in root/mkdocs.yml. An option the file has already is
    replaced: YAML keeps the last of two equal keys, so one added above it would be ignored."""
    config = root / "mkdocs.yml"
    text = read(config)
    head = re.search(r"^(\s*)- brandsite:\n", text, re.M)
    indent = head.group(1) + "    "
    for line in options.strip().splitlines():
        key = line.split(":", 1)[0].strip()
        text, found = re.subn(rf"(?m)^{re.escape(indent + key)}:.*$", lambda _: indent + line, text)
        if not found:
            text = text[: head.end()] + indent + line + "\n" + text[head.end():]
    config.write_text(text, encoding="utf-8")
    for line in options.strip().splitlines():  # each as written, once
        assert text.count(f"\n{indent}{line.split(':', 1)[0].strip()}:") == 1, line


def gallery_pages(site: Path) -> list[Path]:
    pages = [site / "brands/index.html"]
    n = 2
    while (site / f"brands/page/{n}/index.html").is_file():
        pages.append(site / f"brands/page/{n}/index.html")
        n += 1
    return pages


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("paged-sample"))
    with_options(root, f"gallery_page_size: {PAGE_SIZE}\nposters: false\nshare_cards: false")
    catalog, _ = load_catalog(root / "brands")
    return {"root": root, "catalog": catalog, "public": build(root, "public"), "internal": build(root, "internal")}


# The pieces


def test_page_sources_keep_the_first_page_at_the_listing_url():
    assert paging.page_src("brands/index.md", 1) == "brands/index.md"
    assert paging.page_src("brands/index.md", 2) == "brands/page/2/index.md"
    assert paging.page_src("clusters/红色引擎.md", 3) == "clusters/红色引擎/page/3/index.md"
    assert paging.page_src("review/index.md", 12) == "review/page/12/index.md"


def test_chunks_cover_every_item_once_and_never_return_no_page():
    assert paging.chunks(list(range(10)), 4) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert paging.chunks([], 4) == [[]]
    pages = paging.paginate(list(range(10)), 4, "brands/index.md")
    assert [(p.number, p.count, p.start, p.end) for p, _ in pages] == [(1, 3, 1, 4), (2, 3, 5, 8), (3, 3, 9, 10)]
    assert pages[0][0].prev_src is None and pages[0][0].next_src == "brands/page/2/index.md"
    assert pages[2][0].next_src is None and pages[2][0].prev_src == "brands/page/2/index.md"


def test_pager_window_shows_ends_neighbours_and_gaps():
    pager = paging.Pager(number=10, count=167, first_src="brands/index.md", size=60, total=10_000)
    assert [n for n, _ in pager.window()] == [1, None, 8, 9, 10, 11, 12, None, 167]
    # A gap of a single page shows that page instead of an ellipsis.
    pager = paging.Pager(number=5, count=9, first_src="brands/index.md", size=60, total=540)
    assert [n for n, _ in pager.window()] == [1, 2, 3, 4, 5, 6, 7, 8, 9]


def test_top_rows_sums_the_rest_into_one_row():
    rows = [{"label": f"r{i}", "value": 40 - i} for i in range(40)]
    kept, left = charts.top_rows(rows, 30, "其余 {n} 个地区")
    assert left == 10 and len(kept) == 31
    assert kept[-1] == {"label": "其余 10 个地区", "value": sum(40 - i for i in range(30, 40))}
    assert charts.top_rows(rows[:5], 30) == (rows[:5], 0)


# The sample site, 4 cards a page


def test_every_public_brand_is_on_exactly_one_gallery_page(sample):
    public = [b.slug for b in sample["catalog"].for_audience("public")]
    pages = gallery_pages(sample["public"])
    assert len(pages) == math.ceil(len(public) / PAGE_SIZE) >= 3
    linked = Counter()
    for number, page in enumerate(pages, 1):
        cards = [href.strip("./").split("/")[-1] for href in CARD.findall(read(page))]
        assert 1 <= len(cards) <= PAGE_SIZE, page
        linked.update(cards)
        html = read(page)
        assert f"共 {len(public)} 个品牌，第 {number} / {len(pages)} 页" in html
    assert sorted(linked) == sorted(public)
    assert set(linked.values()) == {1}


def test_gallery_pages_link_to_each_other_without_javascript(sample):
    site = sample["public"]
    first = read(site / "brands/index.html")
    nav = re.search(r'<nav class="bs-pager" aria-label="品牌分页" data-bs-pager>.*?</nav>', first, re.S).group(0)
    assert 'href="page/2/" rel="next">下一页' in nav and 'aria-disabled="true">上一页' in nav
    assert 'href="./" aria-label="第 1 页" aria-current="page"' in nav
    second = read(site / "brands/page/2/index.html")
    nav = re.search(r'<nav class="bs-pager".*?</nav>', second, re.S).group(0)
    assert 'href="../../" rel="prev">上一页' in nav and 'href="../3/" rel="next">下一页' in nav
    assert 'aria-label="第 2 页" aria-current="page"' in nav
    assert "<title>品牌展示（第 2 页）" in second
    # Card links work from the deeper page too.
    href = CARD.search(second).group(1)
    assert href.startswith("../../") and (site / "brands/page/2" / href / "index.html").resolve().is_file()


def test_later_gallery_pages_stay_out_of_the_nav_and_the_search_index(sample):
    site = sample["public"]
    indexed = set(fragments(site))
    assert "/brands/page/2/" not in indexed and "/brands/" not in indexed and "/stats/" in indexed
    # Material renders the whole nav into every page: no page of the gallery but the first is in it.
    for page in (sample["internal"] / "guide/index.html", site / "index.html", site / "stats/index.html"):
        html = read(page)
        assert "brands/" in html and "brands/page/" not in html, page


def cards_of(site: Path) -> list[dict]:
    """The cards of a built site's cards.json, each a dict of its named fields."""
    data = json.loads(read(site / "brands/cards.json"))
    return [dict(zip(data["fields"], values, strict=True)) for values in data["cards"]]


def test_cards_json_holds_exactly_the_audience_brands(sample):
    for audience in ("public", "internal"):
        catalog = sample["catalog"].for_audience(audience)
        data = json.loads(read(sample[audience] / "brands/cards.json"))
        assert data["fields"] == [*paging.CARD_FIELDS, "logo"]
        cards = cards_of(sample[audience])
        assert [card["slug"] for card in cards] == [b.slug for b in catalog]
        for card, brand in zip(cards, catalog):
            assert card == {**asdict(paging.Card.of(brand)), "logo": card["logo"]}
            assert (card["name"], card["slogan"], card["organization"], card["year"]) == (
                brand.name, brand.slogan or "", brand.organization, brand.established)
            assert (card["category"], card["stage"], card["region"]) == (brand.category, brand.stage, brand.region or "")
            assert card["stage_index"] == STAGES.index(brand.stage) and card["internal"] == (not brand.is_public)
            assert (sample[audience] / "brands" / card["slug"] / card["logo"]).is_file(), card["logo"]
            assert (sample[audience] / "brands" / data["u"].replace("{}", card["slug"]) / "index.html").is_file()
    hidden = {b.slug for b in sample["catalog"]} - {b.slug for b in sample["catalog"].for_audience("public")}
    assert hidden, "the sample has internal brands"
    assert not any(slug in read(sample["public"] / "brands/cards.json") for slug in hidden)


def skeleton(card: str) -> list[tuple[str, str]]:
    """A card's elements and their classes, without the <picture> around a logo's <img>."""
    tags = re.findall(r'<(\w+)(?:\s[^>]*?class="([^"]*)")?', card)
    return [(tag, re.sub(r"bs-stage-\d", "bs-stage-N", cls)) for tag, cls in tags if tag not in ("picture", "source")]


def test_one_card_template_serves_the_pages_and_the_cards_from_json(sample):
    """A paginated gallery carries the card of _card.html as a <template>, each field's name where
    its value goes: the script fills it from cards.json, whose fields have those names."""
    for audience in ("public", "internal"):
        page = read(sample[audience] / "brands/index.html")
        template = re.search(r"<template data-bs-card>(.*?)</template>", page, re.S).group(1)
        assert template.count('<a class="bs-card"') == 1
        for name in ("category", "stage", "region", "year"):
            assert f'data-{name}="{name}"' in template
        for part, name in (("bs-card__name", "name"), ("bs-card__slogan", "slogan"), ("bs-card__org", "organization")):
            assert f'<span class="{part}">{name}</span>' in template
        assert '<span class="bs-chip">category</span>' in template and "bs-chip--stage bs-stage-0" in template
        # Every part a server card can have, in the same elements: a card with all of them matches it.
        full = [html for html in re.findall(r'<a class="bs-card".*?</a>', page.split("<template")[0], re.S)
                if "bs-card__slogan" in html and "bs-chip--plain" in html]
        internal = [html for html in full if "bs-chip--internal" in html]
        assert full and skeleton(template) == skeleton((internal or full)[0]) + ([] if internal else [
            ("span", "bs-chip bs-chip--internal")])
    assert "<template" not in read(sample["public"] / "index.html")  # a page of cards that never filters


def test_review_pages_list_every_brand_once_and_brand_pages_link_to_their_row(sample):
    site = sample["internal"]
    pages = [site / "review/index.html"] + sorted((site / "review/page").glob("*/index.html"), key=lambda p: int(p.parent.name))
    rows = Counter(slug for page in pages for slug in re.findall(r'<tr id="review-([^"]+)"', read(page)))
    assert len(pages) > 1 and set(rows.values()) == {1}
    assert sorted(rows) == sorted(b.slug for b in sample["catalog"])
    for brand in sample["catalog"]:
        link = re.search(r'<a href="([^"#]+)#review-([^"]+)">全部品牌评估', read(site / f"brands/{brand.slug}/index.html"))
        assert link.group(2) == brand.slug
        target = (site / "brands" / brand.slug / link.group(1) / "index.html").resolve()
        assert f'<tr id="review-{brand.slug}"' in read(target)
    assert not (sample["public"] / "review").exists()


# Synthetic sites: the gallery page does not grow with the brand count


def synthetic(root: Path, brands: int, page_size: int = PAGE_SIZE) -> Path:
    synth.project(root, brands, options={"posters": False, "share_cards": False, "search": False, "gallery_page_size": page_size},
                  nav=[{"首页": "index.md"}, {"品牌展示": "brands/index.md"}, {"数据看板": "stats/index.md"}], site_name="测试站点")
    for i, folder in enumerate(sorted((root / "brands").iterdir())):
        yml = folder / "brand.yml"
        # Every brand in one cluster, each in its own region, every fourth one featured.
        text = re.sub(r"^region: .+$", f"region: 第{i}片区", read(yml), flags=re.M).replace("featured: true\n", "")
        yml.write_text(text + "cluster: 红色引擎\n" + ("featured: true\n" if i % 4 == 0 else ""), encoding="utf-8")
    return build(root)


@pytest.fixture(scope="module")
def synthetic_sites(tmp_path_factory):
    return {n: synthetic(tmp_path_factory.mktemp(f"synth{n}"), n) for n in (12, 48)}


def test_gallery_page_size_does_not_grow_with_the_brand_count(synthetic_sites):
    small, large = synthetic_sites[12], synthetic_sites[48]
    assert len(gallery_pages(small)) == 3 and len(gallery_pages(large)) == 12
    biggest = {n: max(p.stat().st_size for p in gallery_pages(site)) for n, site in synthetic_sites.items()}
    # Four times the brands: the same cards a page; only the pager and the filter options grow a little.
    assert biggest[48] < biggest[12] * 1.15, biggest
    cards = {n: len(cards_of(site)) for n, site in synthetic_sites.items()}
    assert cards == {12: 12, 48: 48}
    linked = Counter(CARD.findall(read(p))[i].strip("./").split("/")[-1]
                     for p in gallery_pages(large) for i in range(len(CARD.findall(read(p)))))
    assert len(linked) == 48 and set(linked.values()) == {1}


def test_cluster_pages_are_split_like_the_gallery(synthetic_sites):
    site = synthetic_sites[48]
    first = site / "clusters/红色引擎/index.html"
    pages = [first] + [site / f"clusters/红色引擎/page/{n}/index.html" for n in range(2, 13)]
    assert all(p.is_file() for p in pages) and not (site / "clusters/红色引擎/page/13").exists()
    counts = [len(CARD.findall(read(p))) for p in pages]
    assert counts == [PAGE_SIZE] * 12
    assert 'aria-label="红色引擎的品牌分页"' in read(first)


def test_stats_chart_lists_the_largest_regions_and_sums_the_rest(synthetic_sites):
    page = read(synthetic_sites[48] / "stats/index.html")
    region = re.search(r'<figure class="bs-chart" id="bs-chart-region"[^>]*>.*?</figure>', page, re.S).group(0)
    assert region.count('<tr><th scope="row">') == 31 and "其余 18 个地区" in region
    assert "共 48 个地区，图表列出品牌最多的 30 个" in page
    figures = json.loads(read(synthetic_sites[48] / "stats.json"))
    assert len(figures["by_region"]) == 48


def test_home_shows_at_most_one_page_of_model_brands(synthetic_sites):
    home = read(synthetic_sites[48] / "index.html")
    assert len(CARD.findall(home)) == PAGE_SIZE
    assert f"另有 {48 // 4 - PAGE_SIZE} 个推荐品牌" in home


def test_the_footer_credit_is_in_chinese(sample):
    footer = read(sample["public"] / "index.html").split('class="md-copyright"')[1]
    assert "本站使用" in footer and "构建" in footer and "Made with" not in footer
