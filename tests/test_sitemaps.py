"""sitemap.xml stays small (Material's instant navigation downloads it on every first
visit); brand and case pages are listed in sitemap-brands.xml, named in robots.txt."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from tests.conftest import build_site

from brandsite.site import sitemaps


def locs(path: Path) -> list[str]:
    return re.findall(r"<loc>(.*?)</loc>", path.read_text(encoding="utf-8"))


def test_brand_and_case_pages_move_to_their_own_sitemap(tree):
    tree.brand()
    tree.brand("hong-qiao", **{"name: 连心桥": "name: 红桥", "organization: 青禾区政务服务中心党支部": "organization: 东湖街道红桥社区党委"})
    site = build_site(tree.root)
    base = "https://example.org/dangjian/"
    main, brands = locs(site / "sitemap.xml"), locs(site / "sitemap-brands.xml")
    assert sorted(brands) == sorted(f"{base}brands/{slug}/{rest}" for slug in ("hong-qiao", "lian-xin-qiao")
                                    for rest in ("", "cases/tui-shui/"))
    assert base in main and f"{base}brands/" in main
    assert not any(re.match(rf"{base}brands/[^/]+/", url) for url in main)
    for name in ("sitemap.xml", "sitemap-brands.xml"):
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == (site / name).read_bytes()
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml\n" in robots and f"Sitemap: {base}sitemap-brands.xml\n" in robots


def test_internal_build_splits_too_but_writes_no_robots_txt(tree):
    tree.brand()
    site = build_site(tree.root, audience="internal")
    assert locs(site / "sitemap-brands.xml") and not (site / "robots.txt").exists()


def test_large_lists_are_split_under_the_protocol_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(sitemaps, "PER_FILE", 2)
    urls = [f"brands/b{i}/" for i in range(5)]
    entries = "".join(f"\n    <url>\n         <loc>https://x.org/{u}</loc>\n    </url>" for u in ["", *urls])
    (tmp_path / "sitemap.xml").write_text(sitemaps.HEAD + entries + sitemaps.TAIL, encoding="utf-8")
    names = sitemaps.split(tmp_path, set(urls), "https://x.org/")
    assert names == ["sitemap-brands.xml", "sitemap-brands-2.xml", "sitemap-brands-3.xml"]
    assert sum(len(locs(tmp_path / n)) for n in names) == 5 and locs(tmp_path / "sitemap.xml") == ["https://x.org/"]
    # Built again (a dirty rebuild): robots.txt names each sitemap once.
    sitemaps.split(tmp_path, set(urls), "https://x.org/")
    assert (tmp_path / "robots.txt").read_text(encoding="utf-8").count("sitemap-brands-2.xml") == 1


def test_the_clusters_page_is_listed_only_when_a_brand_has_a_cluster(tree):
    """Without clusters, 品牌集群 (kept for old links) says only 暂无品牌集群: not a page to list."""
    folder = tree.brand()
    base = "https://example.org/dangjian/"
    site = build_site(tree.root)
    assert "暂无品牌集群" in (site / "clusters/index.html").read_text(encoding="utf-8")
    assert f"{base}clusters/" not in locs(site / "sitemap.xml")
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    yml = folder / "brand.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "cluster: 青禾先锋\n", encoding="utf-8")
    site = build_site(tree.root)
    listed = locs(site / "sitemap.xml")
    assert f"{base}clusters/" in listed and any(url.startswith(f"{base}clusters/") and url != f"{base}clusters/" for url in listed)
