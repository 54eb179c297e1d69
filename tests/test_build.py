"""Whole-site builds through the MkDocs API and through `make build`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from tests.conftest import ROOT, build_site, copy_sample, png_bytes

from brandsite.content.load import load_catalog


@pytest.fixture
def small_site(tree):
    tree.brand()
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育",
                                         "tags: [服务窗口]": "partners: [lian-xin-qiao]",
                                         "organization: 青禾区政务服务中心党支部": "organization: 东湖街道红桥社区党委",
                                         "category: 机关": "category: 社区"})
    tree.brand("mi-mi", case=False, **{"name: 连心桥": "name: 保密品牌", "stage: 命名": "stage: 申报",
                                      "featured: true": "visibility: internal"})
    return tree


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_pages_exist_with_name_logo_and_connotation(small_site):
    site = build_site(small_site.root)
    brand = read(site / "brands/lian-xin-qiao/index.html")
    assert "<h1>连心桥" in brand
    # a brand with no case yet has no 典型案例 section (nor an entry for it in the page's contents)
    assert '<h2 id="典型案例">典型案例</h2>' in brand
    assert "典型案例" not in re.sub(r"<(script|footer)\b.*?</\1>", "", read(site / "brands/hong-qiao/index.html"), flags=re.S)
    assert 'src="../../brands/lian-xin-qiao/logo.svg"' in brand or 'src="logo.svg"' in brand
    assert (site / "brands/lian-xin-qiao/logo.svg").is_file()
    assert "一头连着群众" in brand
    assert "党员示范岗" in brand and "230" in brand
    assert 'href="cases/tui-shui/"' in brand
    case = read(site / "brands/lian-xin-qiao/cases/tui-shui/index.html")
    assert "一张清单解决企业退税难题" in case
    assert 'src="../../photos/desk.png"' in case
    assert (site / "brands/lian-xin-qiao/photos/desk.png").is_file()


def test_partner_links_go_both_ways(small_site):
    site = build_site(small_site.root)
    assert 'href="../hong-qiao/"' in read(site / "brands/lian-xin-qiao/index.html")
    assert 'href="../lian-xin-qiao/"' in read(site / "brands/hong-qiao/index.html")


def test_gallery_lists_every_public_brand_with_filter_data(small_site):
    site = build_site(small_site.root)
    gallery = read(site / "brands/index.html")
    cards = re.findall(r'<a class="bs-card" href="([^"]+)" data-category="([^"]+)" data-stage="([^"]+)"', gallery)
    assert cards == [("hong-qiao/", "社区", "培育"), ("lian-xin-qiao/", "机关", "命名")]
    assert 'name="category"' in gallery and 'name="year"' in gallery


def test_public_build_leaves_out_internal_brand(small_site):
    site = build_site(small_site.root)
    assert not (site / "brands/mi-mi").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            assert "保密品牌" not in read(path), path
            assert "完整度评分" not in read(path) and "申报表" not in read(path), path  # internal rubric and forms
    assert not (site / "review").exists() and not list(site.rglob("*.docx"))
    assert "mi-mi" not in read(site / "stats.json") and "mi-mi" not in read(site / "feed.xml")


def test_internal_build_shows_it_marked(small_site):
    site = build_site(small_site.root, audience="internal")
    page = read(site / "brands/mi-mi/index.html")
    assert "保密品牌" in page and "内部" in page


def test_environment_overrides_audience(small_site, monkeypatch):
    monkeypatch.setenv("BRANDSITE_AUDIENCE", "internal")
    site = build_site(small_site.root, audience="public")
    assert (site / "brands/mi-mi/index.html").is_file()


def test_brand_pages_stay_out_of_the_sidebar(small_site):
    site = build_site(small_site.root)
    home = read(site / "index.html")
    nav = home[home.index('class="md-nav md-nav--primary"'):]
    assert "lian-xin-qiao" not in nav.split("</nav>")[0]


def test_without_a_nav_setting_brand_pages_have_no_neighbours(small_site, monkeypatch):
    # MkDocs' automatic nav links every page to its neighbours; navigation.footer shows them.
    from tests import conftest

    yml = conftest.SITE_YML.split("nav:")[0].replace("  font: false\n", "  font: false\n  features: [navigation.footer]\n")
    monkeypatch.setattr(conftest, "SITE_YML", yml)
    site = build_site(small_site.root)
    for page in ("brands/lian-xin-qiao/index.html", "brands/hong-qiao/index.html", "brands/lian-xin-qiao/cases/tui-shui/index.html"):
        html = read(site / page)
        assert "md-footer__link" not in html and 'rel="prev"' not in html and 'rel="next"' not in html, page
    # The pages left in the nav keep their neighbours, among themselves.
    home, gallery = read(site / "index.html"), read(site / "brands" / "index.html")
    links = [re.findall(r'<link rel="(?:prev|next)" href="([^"]*)"', html) for html in (home, gallery)]
    assert len(links[0]) == 1 and len(links[1]) == 2, links
    assert not [url for found in links for url in found if "qiao" in url], links


def test_home_shows_featured_counts_and_newest(small_site):
    site = build_site(small_site.root)
    home = read(site / "index.html")
    featured = home[home.index(">推荐品牌</h2>"):home.index(">最新命名</h2>")]
    assert "连心桥" in featured and "红桥" in featured
    assert 'href="brands/?category=%E6%9C%BA%E5%85%B3"' in home
    assert re.search(r'bs-stat__value">2</span><span class="bs-stat__label">个党建品牌', home)
    newest = home[home.index(">最新命名</h2>"):]
    assert "连心桥" in newest and "2021-12-20" in newest


def test_content_error_fails_the_build(small_site):
    from mkdocs.exceptions import Abort

    small_site.write("hong-qiao/brand.yml", read(small_site.brands / "hong-qiao/brand.yml").replace("category: 社区", "category: 街道"))
    with pytest.raises(Abort):
        build_site(small_site.root)
    assert not (small_site.root / "site/brands/index.html").exists()


def test_sub_path_site_url_keeps_links_relative(small_site):
    site = build_site(small_site.root)
    for page in ("brands/index.html", "brands/lian-xin-qiao/index.html", "index.html"):
        html = read(site / page)
        # Root-absolute links would break under https://example.org/dangjian/.
        assert not re.search(r'(?:href|src)="/(?!/)', html), page
    assert '<link rel="canonical" href="https://example.org/dangjian/brands/">' in read(site / "brands/index.html")


# -- the real sample site --------------------------------------------------


def sample_catalog():
    catalog, problems = load_catalog(ROOT / "brands")
    return catalog, problems


def test_sample_content_is_clean_and_rich_enough():
    catalog, problems = sample_catalog()
    assert [str(p) for p in problems if p.level != "info"] == []
    assert len(catalog) >= 12
    assert len({b.category for b in catalog}) >= 7
    assert sum(len(b.cases) for b in catalog) >= 20
    assert sum(len(b.photos) for b in catalog) >= 6
    assert {b.stage for b in catalog} == {"申报", "培育", "命名", "示范"}
    assert any(not b.is_public for b in catalog)
    assert any(b.slug in (catalog.get(p).partners if catalog.get(p) else []) for b in catalog for p in b.partners)


def test_sample_site_builds_every_page(tmp_path):
    root = copy_sample(tmp_path)
    site = root / "site"
    cwd = os.getcwd()
    os.chdir(root)
    try:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        build(load_config("mkdocs.yml", site_dir=str(site), strict=True))
    finally:
        os.chdir(cwd)
    catalog, _ = sample_catalog()
    public = catalog.for_audience("public")
    gallery = read(site / "brands/index.html")
    for brand in public:
        page = read(site / f"brands/{brand.slug}/index.html")
        assert brand.name in page
        assert f'{brand.logo}"' in page and (site / f"brands/{brand.slug}/{brand.logo}").is_file()
        text = re.sub(r"<[^>]+>", "", page)
        words = re.findall(r"[\u4e00-\u9fff]{6,}", brand.connotation)
        assert words and all(w in text for w in words[:3]), brand.slug
        assert f'href="{brand.slug}/"' in gallery
        for case in brand.cases:
            assert case.title in read(site / f"brands/{brand.slug}/cases/{case.slug}/index.html")
    for brand in catalog:
        if not brand.is_public:
            assert not (site / f"brands/{brand.slug}").exists()
    # The site's logo in the header and the drawer: inside links named with the site's name, no English "logo" read out
    home = read(site / "index.html")
    assert 'alt="logo"' not in home and home.count('<img src="images/logo.svg" alt="">') == 2
    assert 'class="md-header__button md-logo" aria-label="党建品牌展示"' in home
    # Material's files no page loads are not published: its lunr search and worker (Pagefind searches), source maps
    assert (site / "assets/javascripts").is_dir() and list(site.rglob("*.min.js"))
    assert not (site / "assets/javascripts/lunr").exists() and not (site / "assets/javascripts/workers").exists()
    assert not list(site.rglob("*.map"))
    # The sample as shipped passes the leak scan (its placeholder phone 0000-0000000 was found in
    # every page's placeholder 公安备案 number, 00000000000000)
    from brandsite.site.leakscan import scan

    assert [str(p) for p in scan(site, catalog) if p.level != "info"] == []


def make_build(root: Path) -> subprocess.CompletedProcess:
    """`make build` in a copy of the project, reusing this checkout's .venv."""
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, root / name)
    stamp = root / ".installed"
    stamp.touch()  # newer than the copies: make reuses this checkout's packages
    venv = Path(sys.prefix)
    return subprocess.run(["make", "build", f"VENV={venv}", f"STAMP={stamp}"], cwd=root,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(not (Path(sys.prefix) / "bin/mkdocs").exists(), reason="needs the .venv that make creates")
def test_broken_brand_fails_make_build(tmp_path):
    root = copy_sample(tmp_path)
    victim = sorted((root / "brands").iterdir())[0]
    yml = victim / "brand.yml"
    yml.write_text(re.sub(r"(?m)^category: .*$", "category: 不存在的类别", read(yml)), encoding="utf-8")
    result = make_build(root)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"brands/{victim.name}/brand.yml:" in output and "不存在的类别" in output
    assert "Traceback" not in output


def test_a_case_photo_its_text_shows_is_not_shown_again_below_it(tree):
    """photos: [desk, hall] with ![](desk) in the text: desk once, in the text; hall below it."""
    tree.brand()
    tree.write("lian-xin-qiao/photos/hall.png", png_bytes((500, 300), (20, 90, 160)))
    case_md = tree.brands / "lian-xin-qiao/cases/tui-shui.md"
    case_md.write_text(read(case_md).replace("photos: [../photos/desk.png]", "photos: [../photos/desk.png, ../photos/hall.png]"),
                       encoding="utf-8")
    page = read(build_site(tree.root) / "brands/lian-xin-qiao/cases/tui-shui/index.html")
    article = page.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    assert len(re.findall(r'<img [^>]*src="[^"]*photos/desk\.png"', article)) == 1
    strip = article.split('<div class="bs-photos">', 1)[1].split("</div>", 1)[0]
    assert "hall.png" in strip and "desk.png" not in strip


def test_photo_names_with_url_characters_are_linked_encoded(tree):
    """A photo named 现场#1&2.png or 100% 满意.png (names Windows can store): every link to it
    percent-encodes #, % and spaces, so the browser asks for the file that is there."""
    import html

    tree.brand()
    names = ["现场#1&2.png", "100% 满意.png"]
    for name in names:
        tree.write(f"lian-xin-qiao/photos/{name}", png_bytes((500, 300), (20, 90, 160)))
    case_md = tree.brands / "lian-xin-qiao/cases/tui-shui.md"
    case_md.write_text(read(case_md).replace("photos: [../photos/desk.png]", 'photos: ["../photos/现场#1&2.png", "../photos/100% 满意.png"]'),
                       encoding="utf-8")
    site = build_site(tree.root)
    page = read(site / "brands/lian-xin-qiao/cases/tui-shui/index.html")
    strip = page.split('<div class="bs-photos">', 1)[1].split("</div>", 1)[0]
    links = re.findall(r'(?:href|src)="([^"]+)"', strip) + [c.split()[0] for s in re.findall(r'srcset="([^"]+)"', strip)
                                                             for c in s.split(", ")]
    assert len(links) >= 8
    for link in links:
        assert not re.search(r'[#?\s]', link) and not re.search(r"%(?![0-9A-F]{2})", link), link
        assert (site / "brands/lian-xin-qiao/cases/tui-shui" / unquote(html.unescape(link))).resolve().is_file(), link


def test_a_large_metric_is_written_out_in_the_page_the_record_and_the_form(tree):
    """1234567 and 98.5 as people write them, never 1.23457e+06 nor float noise
    (999999999999.98999) nor rounded (100 for 99.99999999). A tile shows a big number the
    Chinese way (123.46万, 3.5亿), the whole number in its title; the form has it whole."""
    from brandsite.media import application_form

    tree.brand(**{"  - {label: 为群众解决难题, value: 230, unit: 件, year: 2023}":
                  "  - {label: 服务人次, value: 1234567, unit: 人次, year: 2023}\n  - {label: 满意率, value: 98.5, unit: '%'}\n"
                  "  - {label: 撬动社会资金, value: 350000000, unit: 元}\n  - {label: 资金, value: 999999999999.99, unit: 元}\n"
                  "  - {label: 达标率, value: 99.99999999, unit: '%'}\n  - {label: 误差, value: 0.0000125, unit: 米}\n"
                  "  - {label: 销售额, value: 1234567.89, unit: 万元}\n  - {label: 投入, value: 345.68, unit: 万元}"})
    site = build_site(tree.root)
    page = (site / "brands/lian-xin-qiao/index.html").read_text(encoding="utf-8")
    page = re.sub(r'<span class="bs-metric__num">([^<]*)</span>', r"\1", page)  # the tile's number, as text
    assert 'title="1234567人次">123.46万<small>人次</small>' in page and "98.5<small>%</small>" in page
    assert 'title="350000000元">3.5亿<small>元</small>' in page and 'title="999999999999.99元">1万亿<small>元</small>' in page
    assert "99.99999999<small>%</small>" in page and "0.0000125<small>米</small>" in page
    # A unit with a scale word takes the number's scale: 123.46亿元, not 123.46万 万元.
    assert 'title="1234567.89万元">123.46亿<small>元</small>' in page and "345.68<small>万元</small>" in page
    assert "e+06" not in page and "98999" not in page and "e-05" not in page
    catalog = load_catalog(tree.brands)[0]
    form = application_form._metrics(catalog.get("lian-xin-qiao"))
    assert form.startswith("服务人次：1234567人次（2023 年）\n满意率：98.5%\n撬动社会资金：350000000元\n资金：999999999999.99元\n")
    assert "达标率：99.99999999%" in form and "误差：0.0000125米" in form


def test_a_brand_or_case_page_marks_the_gallery_in_the_nav(small_site):
    """Brand and case pages are not in the nav (it would grow with every brand), but the nav
    shows where they belong, as Material marks a tab: 品牌展示, on those pages only."""
    site = build_site(small_site.root)

    def active(rel: str) -> list[str]:
        return re.findall(r'<li class="md-nav__item md-nav__item--active[^"]*"[^>]*>\s*<a href="([^"]*)"', read(site / rel))

    assert active("brands/lian-xin-qiao/index.html") == ["../"]  # brands/index.md, the gallery
    assert active("brands/lian-xin-qiao/cases/tui-shui/index.html") == ["../../../"]
    assert not [href for href in active("index.html") if "brands" in href]  # and not on the home page


def test_a_case_photo_kept_elsewhere_in_the_brand_folder_is_published(tree):
    """The format lets a case list any photo inside its brand folder: it is checked, then
    published and linked as one in photos/ is, not linked to a file the site lacks."""
    tree.brand()
    tree.write("lian-xin-qiao/huodong/2023/现场.png", png_bytes((640, 480), (20, 90, 160)))
    case_md = tree.brands / "lian-xin-qiao/cases/tui-shui.md"
    case_md.write_text(read(case_md).replace("photos: [../photos/desk.png]", "photos: [../huodong/2023/现场.png]"),
                       encoding="utf-8")
    site = build_site(tree.root)
    case_dir = site / "brands/lian-xin-qiao/cases/tui-shui"
    strip = read(case_dir / "index.html").split('<div class="bs-photos">', 1)[1].split("</div>", 1)[0]
    links = re.findall(r'(?:href|src)="([^"]+)"', strip)
    assert len(links) >= 2 and all("huodong/2023/" in link for link in links), links
    for link in links:
        assert (case_dir / unquote(link)).resolve().is_file(), link


def test_the_gallery_offers_only_categories_and_stages_some_brand_has(tree):
    """Nine categories configured, one used: the filter offers that one, not eight that show 共 0 个品牌.
    The same for the four stages: only those some brand is at, in the stages' order."""
    tree.brand()
    site = build_site(tree.root)
    gallery = read(site / "brands/index.html")
    stage = re.search(r"^stage: (\S+)", read(tree.brands / "lian-xin-qiao/brand.yml"), re.M).group(1)
    for name, expected in (("category", ["全部类别", "机关"]), ("stage", ["全部阶段", stage])):
        select = gallery.split(f'<select name="{name}">', 1)[1].split("</select>", 1)[0]
        assert re.findall(r"<option[^>]*>([^<]*)</option>", select) == expected


def test_a_brand_with_many_cases_shows_the_newest_as_cards_and_lists_the_rest(tree):
    """Twelve cases: six cards, newest first, then the other six by date and title, folded; every
    one links to its page. Eight or fewer are all cards."""
    tree.brand()
    for i in range(1, 12):
        tree.write(f"lian-xin-qiao/cases/an-li-{i:02d}.md",
                   f"---\ntitle: 第{i}个案例的标题\ndate: 2022-{i:02d}-15\n---\n第{i}个案例的正文,写清做了什么和取得的效果。\n")
    site = build_site(tree.root)
    page = read(site / "brands/lian-xin-qiao/index.html")
    cards = re.findall(r'<a class="bs-case-card" href="([^"]+)"', page)
    folded = page.split('<details class="bs-more-cases">', 1)[1].split("</details>", 1)[0]
    listed = re.findall(r'<li><a href="([^"]+)"><time datetime="([^"]+)">', folded)
    assert len(cards) == 6 and len(listed) == 6 and "其余 6 个案例" in folded
    assert [d for _, d in listed] == sorted((d for _, d in listed), reverse=True)
    for href in cards + [h for h, _ in listed]:
        assert (site / "brands/lian-xin-qiao" / href / "index.html").resolve().is_file(), href
    assert len(set(cards + [h for h, _ in listed])) == 12


def test_story_headings_sit_under_the_story_section_of_the_brand_page(tree):
    """story.md's ## is a sub-heading of the page's 品牌故事 (an <h3>), nested under it in the
    table of contents; a case body's ## stays an <h2> under the case's title."""
    tree.brand()
    tree.write("lian-xin-qiao/story.md", "# 连心桥的故事\n\n开头。\n\n## 从窗口到楼栋\n\n正文一。\n\n### 第一户\n\n正文二。\n")
    site = build_site(tree.root)
    page = read(site / "brands/lian-xin-qiao/index.html")
    assert '<h3 id="bs-从窗口到楼栋">从窗口到楼栋</h3>' in page and '<h4 id="bs-第一户">第一户</h4>' in page
    nested = re.sub(r"\s+", " ", page).split('href="#品牌故事"', 1)[1].split("</li> </ul> </nav>", 1)[0]
    assert '<nav class="md-nav" aria-label="品牌故事">' in nested and 'href="#bs-从窗口到楼栋"' in nested


@pytest.mark.parametrize("site_url,told", [
    ("http://127.0.0.1:8000/", True), ("http://localhost:8000/dangjian/", True), ("http://[::1]/", True),
    ("http://0.0.0.0:8000/", True), ("http://10.1.2.3/", False), ("https://dangjian.example.gov.cn/", False), ("", False),
])
def test_a_site_url_on_this_computer_is_told(site_url, told):
    from brandsite.site.urls import address_notice

    notice = address_notice(site_url)
    assert (notice is not None) == told
    if told:
        assert site_url in notice and "二维码" in notice and "site_url" in notice


def test_an_address_given_to_the_build_that_mkdocs_yml_does_not_read_is_told():
    """The sub-path instructions said to write site_url into mkdocs.yml: CI's SITE_URL was then
    ignored without a word, and the public site had the intranet's address."""
    from brandsite.site.urls import address_notice

    told = address_notice("http://10.0.0.5/dangjian/", "https://www.example.gov.cn/dangjian/")
    assert told.startswith("提示：这次构建给了网站地址 https://www.example.gov.cn/dangjian/（SITE_URL，或 zip 的内网网站用的 "
                           "INTERNAL_SITE_URL），但 mkdocs.yml 里的 site_url 直接写成了 http://10.0.0.5/dangjian/") and 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]' in told
    assert address_notice("https://www.example.gov.cn/dangjian/", "https://www.example.gov.cn/dangjian") is None


def test_a_build_for_this_computers_address_says_so(tree, caplog):
    """The sample's site_url is the preview's address: a build for publishing tells the editor
    that posters' QR codes, the sitemap and the feed would point at this computer."""
    import logging

    tree.brand()
    build_site(tree.root)
    assert not [r for r in caplog.records if "本机地址" in r.getMessage()]
    config = tree.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("https://example.org/dangjian/", "http://127.0.0.1:8000/"),
                      encoding="utf-8")
    with caplog.at_level(logging.INFO):
        from tests.conftest import build_root

        build_root(tree.root)
    told = [r for r in caplog.records if "本机地址" in r.getMessage()]
    assert len(told) == 1 and told[0].levelno == logging.INFO  # a note: the sample's own builds pass --strict
    # before the content's warnings, not between the last of them and the build's summary ("见上方信息")
    tree.write("lian-xin-qiao/story.md", "视频：\n\n<iframe src=\"https://v.example.com/x\"></iframe>\n")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build_root(tree.root)
    said = [r.getMessage() for r in caplog.records]
    notice = next(i for i, m in enumerate(said) if "本机地址" in m)
    assert notice < next(i for i, m in enumerate(said) if "story.md:3" in m), said


def test_a_logo_deleted_while_the_site_builds_stops_it_with_a_message(tree, monkeypatch, caplog):
    """A logo deleted or renamed between the check and the page (a save while the preview
    rebuilds) gave a FileNotFoundError traceback; now the build stops with what happened."""
    from brandsite.site import pages
    from tests.conftest import build_site

    real = pages.published_svg

    def deleted_meanwhile(path, cache_dir):
        path.unlink()
        return real(path, cache_dir)

    tree.brand()
    monkeypatch.setattr(pages, "published_svg", deleted_meanwhile)
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):  # MkDocs' way to stop on a plugin's error: logged, no traceback
        build_site(tree.root)
    said = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("品牌文件夹 lian-xin-qiao 的标识文件“logo.svg”在构建过程中不见了" in m for m in said), said
