"""The Atom feed: valid XML, absolute links, exactly the expected items, nothing internal in public."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from tests.conftest import build_site
from tests.test_build import read

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def feed_site(tree):
    tree.brand()  # named 2021-12-20, case 2023-06-18
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥 & <桥>", "stage: 命名": "stage: 培育"})
    tree.write("hong-qiao/cases/nei-bu.md", "---\ntitle: 内部案例标题\ndate: 2024-02-02\nvisibility: internal\n---\n内部。\n")
    tree.write("hong-qiao/cases/gong-kai.md", "---\ntitle: 公开案例\ndate: 2024-01-01\nsummary: 摘要 <b>\n---\n公开。\n")
    tree.brand("mi-mi", case=False, **{"name: 连心桥": "name: 保密品牌", "featured: true": "visibility: internal"})
    tree.write("mi-mi/cases/mi.md", "---\ntitle: 保密案例\ndate: 2024-03-03\n---\n保密。\n")
    return tree


def entries(site):
    root = ET.fromstring((site / "feed.xml").read_bytes())
    assert root.tag == f"{A}feed"
    return root, [(e.findtext(f"{A}title"), e.find(f"{A}link").get("href"), e.findtext(f"{A}updated")[:10])
                  for e in root.findall(f"{A}entry")]


def test_public_feed_lists_exactly_the_public_items(feed_site):
    site = build_site(feed_site.root)
    root, items = entries(site)
    base = "https://example.org/dangjian/"
    assert items == [
        ("红桥 & <桥>|公开案例", base + "brands/hong-qiao/cases/gong-kai/", "2024-01-01"),
        ("连心桥|一张清单解决企业退税难题", base + "brands/lian-xin-qiao/cases/tui-shui/", "2023-06-18"),
        ("品牌命名：连心桥", base + "brands/lian-xin-qiao/", "2021-12-20"),
    ]
    assert root.find(f"{A}link[@rel='self']").get("href") == base + "feed.xml"
    assert root.findtext(f"{A}updated").startswith("2024-01-01")
    ids = [e.findtext(f"{A}id") for e in root.findall(f"{A}entry")]
    assert len(set(ids)) == len(ids) and all(i.startswith(base) for i in ids)
    home = read(site / "index.html")
    assert '<link rel="alternate" type="application/atom+xml" href="feed.xml"' in home
    text = read(site / "feed.xml")
    assert "保密" not in text and "内部案例标题" not in text and "mi-mi" not in text


def test_internal_feed_has_the_internal_items(feed_site):
    _, items = entries(build_site(feed_site.root, audience="internal"))
    titles = [t for t, _, _ in items]
    assert "保密品牌|保密案例" in titles and "红桥 & <桥>|内部案例标题" in titles and "品牌命名：保密品牌" in titles


def test_no_site_url_no_feed(feed_site):
    site = build_site(feed_site.root)
    assert (site / "feed.xml").is_file()
    (feed_site.root / "site").rename(feed_site.root / "old")
    from tests import conftest

    original = conftest.SITE_YML
    conftest.SITE_YML = original.replace("site_url: https://example.org/dangjian/\n", "")
    try:
        assert not (build_site(feed_site.root) / "feed.xml").exists()
    finally:
        conftest.SITE_YML = original
