"""Posters, share cards, Chinese line breaking and the og meta tags."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw
from tests.conftest import ROOT, build_site, check

from brandsite.media import artwork, drawing, posters, sharecards, typeset
from brandsite.media.typeset import NO_END, NO_START, clamp, find_cjk_font, fit, wrap

FONTS = find_cjk_font()
needs_font = pytest.mark.skipif(FONTS is None, reason="no CJK font on this machine (apt-get install fonts-noto-cjk)")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


class Mono:
    """A stand-in font: every character is 1 wide, so line breaking is exact to test."""

    def getlength(self, text: str) -> float:
        return float(len(text))


# Line breaking (kinsoku)


def test_no_line_starts_with_closing_punctuation():
    # Greedy breaking at width 5 would start line 2 with "，".
    assert wrap("一二三四五，六七八九十。", Mono(), 5) == ["一二三四", "五，六七八", "九十。"]


def test_no_line_ends_with_an_opening_bracket():
    assert wrap("一二三四《五六》七八", Mono(), 5) == ["一二三四", "《五六》七", "八"]


def test_latin_words_and_numbers_stay_whole():
    assert wrap("服务企业 2024 家", Mono(), 7) == ["服务企业", "2024 家"]
    lines = wrap("一二三四WeChat五六", Mono(), 8)
    assert lines == ["一二三四", "WeChat五六"]


def test_runs_of_ellipsis_and_dash_are_not_split():
    lines = wrap("一二三四……五六", Mono(), 5)
    assert lines == ["一二三", "四……五六"]


@needs_font
@pytest.mark.parametrize("width", [300, 333, 410, 517, 640])
def test_real_font_lines_obey_kinsoku_and_width(width):
    font = FONTS.get(40)
    text = "“税连心”寓意党组织像一座桥,一头连着群众,一头连着服务。支部把办事窗口、上门服务和志愿活动连成一体（含“掌上办”小程序），让群众的事有人管、有人办、有回音！"
    lines = wrap(text, font, width)
    assert "".join(lines) == text
    for line in lines:
        assert font.getlength(line) <= width
        assert line[0] not in NO_START, lines
        assert line[-1] not in NO_END, lines


def test_clamp_ends_with_an_ellipsis_never_after_a_comma():
    lines = wrap("一二三四，五六七八九十一二三四五六七八九十", Mono(), 5)
    assert lines[0] == "一二三四，"
    assert clamp(lines, 1, Mono(), 5) == ["一二三四…"]  # never "一二三四，…"
    assert fit("一二三。", Mono(), 5, 1) == ["一二三。"]  # short text is never cut
    cut = fit("第一句话说完了。第二句话还很长很长", Mono(), 8, 1)
    assert cut == ["第一句话说完了…"]


# Fonts


def test_a_font_without_chinese_is_refused(tmp_path):
    latin = next((p for p in ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"] if Path(p).is_file()), None)
    if latin is None:
        pytest.skip("no Latin-only font to test with")
    assert find_cjk_font(latin, search_system=False) is None
    assert find_cjk_font(str(tmp_path / "missing.ttf"), search_system=False) is None


@needs_font
def test_configured_font_is_used():
    found = find_cjk_font(FONTS.regular, search_system=False)
    assert found is not None and found.regular == FONTS.regular


# Logos as rasters


@needs_font
def test_svg_logo_is_rasterised_and_a_broken_one_becomes_a_placeholder(tmp_path):
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#00ff00"/></svg>')
    im = drawing.logo_image(svg, 200, name="连心桥", fonts=FONTS)
    assert im.size == (200, 200) and im.getpixel((100, 100)) == (0, 255, 0, 255)
    svg.write_text("<svg broken")
    im = drawing.logo_image(svg, 200, name="连心桥", fonts=FONTS)
    assert im.getpixel((100, 20))[:3] == drawing.RED  # the red disc with the initial


def test_qr_code_matrix_encodes_the_url():
    import segno

    url = "https://example.org/dangjian/brands/lian-xin-qiao/"
    im = drawing.qr_image(url, 300)
    expected = segno.make(url, error="m", micro=False)
    n = len(expected.matrix) + 8
    scale = im.width // n
    assert im.width == n * scale
    for y, row in enumerate(expected.matrix):
        for x, dark in enumerate(row):
            px = im.getpixel(((x + 4) * scale + scale // 2, (y + 4) * scale + scale // 2))
            assert (px == (0, 0, 0)) == bool(dark)


# Whole builds

# Posters and share cards are opt-in (plugin options after `audience:` in the test site's mkdocs.yml).
ARTWORK_ON = "public\n      posters: true\n      share_cards: true"


@pytest.fixture
def drawn(monkeypatch):
    """Count posters and share cards actually drawn; each test gets its own cache."""
    monkeypatch.delenv("BRANDSITE_CACHE_DIR", raising=False)
    calls = {"posters": [], "cards": []}
    real_poster, real_card = posters.render, sharecards.render

    def poster(item, fonts, folder):
        calls["posters"].append(item.id)
        real_poster(item, fonts, folder)

    def card(item, fonts, folder):
        calls["cards"].append(item.id)
        real_card(item, fonts, folder)

    monkeypatch.setattr(posters, "render", poster)
    monkeypatch.setattr(sharecards, "render", card)
    return calls


@needs_font
def test_poster_pdf_and_png_with_qr_to_the_brand_page(tree, drawn):
    tree.brand()
    site = build_site(tree.root, audience=ARTWORK_ON)
    out = site / "brands/lian-xin-qiao"
    pdf = (out / "poster-lian-xin-qiao.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    # A3 portrait: 297 × 420 mm is 841.9 × 1190.6 pt; the page image is 3508 × 4961 px (300 dpi).
    box = [float(v) for v in re.search(rb"/MediaBox \[\s*([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\s*\]", pdf).groups()]
    assert box[:2] == [0, 0] and abs(box[2] - 841.9) < 1 and abs(box[3] - 1190.6) < 1
    assert b"/Width 3508" in pdf and b"/Height 4961" in pdf
    with Image.open(out / "poster-lian-xin-qiao.png") as im:
        assert im.format == "PNG" and im.size == (1240, 1754)
        preview = im.convert("RGB")
    page = read(out / "index.html")
    assert '<a class="md-button" href="poster-lian-xin-qiao.pdf" download>下载宣传海报</a>' in page
    assert drawn["posters"] == ["lian-xin-qiao"]

    url = "https://example.org/dangjian/brands/lian-xin-qiao/"
    try:
        import zxingcpp
    except ImportError:  # the decoder is a test dependency; without it segno's matrix is checked above
        pytest.skip("zxing-cpp not installed")
    found = zxingcpp.read_barcodes(preview)
    assert [r.text for r in found] == [url]


@needs_font
def test_posters_and_the_brochure_print_no_qr_code_for_this_computers_address(tree, monkeypatch, caplog):
    """The sample's site_url is the preview's, 127.0.0.1: posters and the brochure sent to a print
    shop carried QR codes that open nothing on a phone, and `make print` did not say so."""
    import logging

    from click.testing import CliRunner

    from brandsite.cli import main
    from brandsite.media import brochure

    tree.brand()
    monkeypatch.setenv("BRANDSITE_CACHE_DIR", str(tree.root / "cache"))  # drawn here, not taken from another test's
    printed = []
    monkeypatch.setattr(posters, "render", lambda item, fonts, folder: printed.append(item.url) or posters.draw_files(item, fonts, str(folder)))
    config = tree.root / "mkdocs.yml"
    with caplog.at_level(logging.INFO):
        build_site(tree.root, audience=ARTWORK_ON)
        config.write_text(config.read_text(encoding="utf-8").replace("https://example.org/dangjian/", "http://127.0.0.1:8000/"),
                          encoding="utf-8")
        from tests.conftest import build_root

        build_root(tree.root)
    assert printed == ["https://example.org/dangjian/brands/lian-xin-qiao/", ""]
    assert [r for r in caplog.records if "宣传海报上不印二维码" in r.getMessage()]
    urls = []
    monkeypatch.setattr(brochure, "brochure_page", lambda brand, fonts, url, site_name, number=None: urls.append(url) or Image.new("RGB", (8, 8)))
    result = CliRunner().invoke(main, ["print", "--out", str(tree.root / "out.pdf"), "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert urls == [""] and "品牌汇编上不印二维码" in result.output and "SITE_URL=https://" in result.output
    config.write_text(config.read_text(encoding="utf-8").replace("http://127.0.0.1:8000/", "https://example.org/dj/"), encoding="utf-8")
    result = CliRunner().invoke(main, ["print", "--out", str(tree.root / "out.pdf"), "--config", str(config)])
    assert urls == ["", "https://example.org/dj/brands/lian-xin-qiao/"] and "不印二维码" not in result.output


@needs_font
def test_the_intranet_brochure_takes_the_intranets_address_and_refusals_are_in_chinese(tree, monkeypatch):
    """BRANDSITE_AUDIENCE=internal INTERNAL_SITE_URL=… make print printed no QR code and said to give
    SITE_URL, which then printed the public site's address on the intranet's pages (its internal
    brands' too: pages that do not exist there); zip --print took INTERNAL_SITE_URL, print did not.
    And a refusal went out as click's English "Error:"."""
    from click.testing import CliRunner

    from brandsite.cli import main
    from brandsite.media import brochure

    tree.brand()
    config = tree.root / "mkdocs.yml"
    config.write_text('site_name: 测试\nsite_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]\nplugins:\n  - brandsite\n', encoding="utf-8")
    urls = []
    monkeypatch.setattr(brochure, "brochure_page", lambda brand, fonts, url, site_name, number=None: urls.append(url) or Image.new("RGB", (8, 8)))
    monkeypatch.setenv("BRANDSITE_AUDIENCE", "internal")
    monkeypatch.setenv("INTERNAL_SITE_URL", "http://10.0.0.5/dj/")
    monkeypatch.delenv("SITE_URL", raising=False)
    result = CliRunner().invoke(main, ["print", "--out", str(tree.root / "out.pdf"), "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert urls == ["http://10.0.0.5/dj/brands/lian-xin-qiao/"] and "不印二维码" not in result.output
    monkeypatch.delenv("INTERNAL_SITE_URL")
    result = CliRunner().invoke(main, ["print", "--out", str(tree.root / "out.pdf"), "--config", str(config)])
    assert "INTERNAL_SITE_URL=http://内网网站的地址/ BRANDSITE_AUDIENCE=internal make print" in result.output
    (tree.brands / "lian-xin-qiao" / "brand.yml").write_text("name:  [x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["print", "--out", str(tree.root / "out.pdf"), "--config", str(config)])
    assert result.exit_code == 1 and "错误：品牌内容有 1 个错误" in result.output and "Error:" not in result.output, result.output


@needs_font
def test_share_cards_and_og_meta(tree, drawn):
    tree.brand()
    site = build_site(tree.root, audience=ARTWORK_ON)
    out = site / "brands/lian-xin-qiao"
    for card in [out / "share.png", out / "cases/tui-shui-share.png"]:
        with Image.open(card) as im:
            assert im.format == "PNG" and im.size == (1200, 630)
    brand = read(out / "index.html")
    assert '<meta property="og:image" content="https://example.org/dangjian/brands/lian-xin-qiao/share.png">' in brand
    assert '<meta property="og:title" content="连心桥">' in brand
    assert '<meta property="og:description" content="连民心 解民忧">' in brand
    assert '<meta name="twitter:card" content="summary_large_image">' in brand
    case = read(out / "cases/tui-shui/index.html")
    assert '<meta property="og:image" content="https://example.org/dangjian/brands/lian-xin-qiao/cases/tui-shui-share.png">' in case
    assert '<meta property="og:title" content="一张清单解决企业退税难题">' in case
    assert '<meta property="og:description" content="党员示范岗三天办结。">' in case
    assert sorted(drawn["cards"]) == ["brands/lian-xin-qiao/cases/tui-shui.md", "brands/lian-xin-qiao/index.md"]


@needs_font
def test_posters_and_cards_are_cached_and_one_edit_redraws_one(tree, drawn):
    tree.brand()
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育",
                                         "organization: 青禾区政务服务中心党支部": "organization: 东湖街道红桥社区党委",
                                         "category: 机关": "category: 社区"})
    build_site(tree.root, audience=ARTWORK_ON)
    assert sorted(drawn["posters"]) == ["hong-qiao", "lian-xin-qiao"]
    assert len(drawn["cards"]) == 3
    drawn["posters"].clear(), drawn["cards"].clear()
    build_site(tree.root, audience=ARTWORK_ON)
    assert drawn == {"posters": [], "cards": []}
    yml = tree.brands / "hong-qiao/brand.yml"
    yml.write_text(read(yml).replace("slogan: 连民心 解民忧", "slogan: 红桥连万家"), encoding="utf-8")
    site = build_site(tree.root, audience=ARTWORK_ON)
    assert drawn == {"posters": ["hong-qiao"], "cards": ["brands/hong-qiao/index.md"]}
    assert (site / "brands/lian-xin-qiao/poster-lian-xin-qiao.pdf").is_file()


def test_without_a_cjk_font_posters_are_skipped_with_install_advice(tree, monkeypatch, caplog):
    monkeypatch.setattr(artwork, "find_cjk_font", lambda configured=None: None)
    tree.brand()
    site = build_site(tree.root, audience=ARTWORK_ON)
    out = site / "brands/lian-xin-qiao"
    assert not list(out.glob("poster-*")) and not (out / "share.png").exists()
    page = read(out / "index.html")
    assert "下载宣传海报" not in page and "og:image" not in page
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("apt-get install fonts-noto-cjk" in w for w in warnings), warnings


@needs_font
def test_posters_option_off(tree, drawn):
    tree.brand()
    site = build_site(tree.root, audience="public\n      posters: false\n      share_cards: true")
    out = site / "brands/lian-xin-qiao"
    assert not list(out.glob("poster-*")) and drawn["posters"] == []
    assert "下载宣传海报" not in read(out / "index.html")
    assert (out / "share.png").is_file()


def test_posters_and_cards_are_opt_in(tree, drawn):
    """Off unless mkdocs.yml asks: a 1,000-brand site would otherwise draw for many minutes."""
    tree.brand()
    site = build_site(tree.root)
    out = site / "brands/lian-xin-qiao"
    assert not list(out.glob("poster-*")) and not (out / "share.png").exists()
    assert drawn == {"posters": [], "cards": []}
    page = read(out / "index.html")
    assert "下载宣传海报" not in page and "og:image" not in page


@needs_font
def test_layout_is_the_same_whatever_the_text_length(tmp_path):
    """Long text is fitted into the same regions: the footer and QR code stay put."""
    def item(name, connotation, carriers):
        return posters.PosterInput(
            id="x", name=name, slogan="连民心 解民忧", organization="青禾区政务服务中心党支部", category="机关",
            stage="命名", connotation=connotation, carriers=carriers, logo=str(tmp_path / "none.svg"),
            url="https://example.org/brands/x/", site_name="党建品牌展示",
        )
    short = posters.draw_poster(item("连心桥", "短。", [("岗", "")]), FONTS)
    long = posters.draw_poster(item("连心桥" * 6, "很长的内涵文字，" * 200, [("载体名称很长" * 5, "描述" * 100)] * 9), FONTS)
    assert short.size == long.size == posters.A3
    # The footer band and the QR code region are pixel-identical.
    box = (0, 4420, posters.A3[0], posters.A3[1])
    assert short.crop(box).tobytes() == long.crop(box).tobytes()


@needs_font
def test_an_organisation_too_long_for_one_line_is_drawn_whole_on_two(tmp_path, monkeypatch):
    """The organisation had one line on the poster: a name of 52 characters was cut with "…"
    (the check allows 60). It takes two lines at the smallest size, whole."""
    from PIL import ImageDraw

    drawn = []
    real = ImageDraw.ImageDraw.text
    monkeypatch.setattr(ImageDraw.ImageDraw, "text", lambda self, xy, text, *a, **k: (drawn.append(text), real(self, xy, text, *a, **k))[1])
    org = "青禾区政务服务中心机关党委第一党支部暨青禾新区综合行政执法局党总支联合党建工作领导小组办公室驻青禾社区工作站联合临时支部"
    assert len(org) == 60  # the longest organisation the check accepts
    posters.draw_poster(posters.PosterInput(
        id="x", name="连心桥", slogan="", organization=org, category="机关", stage="命名", connotation="短。",
        carriers=[], logo=str(tmp_path / "none.svg"), url="", site_name=""), FONTS)
    shown = [t for t in drawn if t and t in org]
    assert "".join(shown) == org and len(shown) == 2 and abs(len(shown[0]) - len(shown[1])) <= 2, shown


@needs_font
def test_printed_catalogue_has_one_a4_page_per_public_brand(tree, tmp_path):
    from click.testing import CliRunner

    from brandsite.cli import main

    tree.brand()
    tree.brand("mi-mi", case=False, **{"name: 连心桥": "name: 保密品牌", "stage: 命名": "stage: 申报",
                                      "featured: true": "visibility: internal",  # 申报: not named (a warning stops printing)
                                      "named:\n  date: 2021-12-20\n  document: 青直工委〔2021〕12号\n": ""})
    (tree.root / "mkdocs.yml").write_text("site_name: 测试站点\nsite_url: https://example.org/\nplugins:\n  - brandsite\n", encoding="utf-8")
    out = tmp_path / "catalogue.pdf"
    result = CliRunner().invoke(main, ["print", "--out", str(out), "--config", str(tree.root / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    assert "（1 个品牌，连封面和目录共 3 页）" in result.output
    pdf = out.read_bytes()
    assert re.findall(rb"/Count (\d+)", pdf)[-1] == b"3"
    assert re.search(rb"/MediaBox \[\s*0 0 595\.2 841\.92\s*\]", pdf)  # A4 in points


def pdf_pages(pdf: bytes) -> list[Image.Image]:
    """The page images of a PDF that Pillow wrote (one JPEG a page), in order."""
    import io

    return [Image.open(io.BytesIO(pdf[m.end():])).convert("RGB")
            for m in re.finditer(rb"/DCTDecode[^>]*>>\s*stream\r?\n", pdf)]


def alike(a: Image.Image, b: Image.Image) -> bool:
    """The same picture within JPEG's loss: a mean difference under 2 of 255."""
    small = (a.width // 8, a.height // 8)
    diff = ImageChops.difference(a.resize(small), b.resize(small)).convert("L")
    return sum(diff.histogram()[v] * v for v in range(256)) / (small[0] * small[1]) < 2


def differs(a: Image.Image, b: Image.Image) -> bool:
    """Some pixels differ by more than JPEG's loss does (a different digit)."""
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 80 else 0)
    return diff.histogram()[255] > 20


@needs_font
def test_the_brochure_has_a_cover_contents_and_numbered_pages_that_the_contents_name(tree, tmp_path, monkeypatch):
    """Cover, contents, then each brand's page with its number at the foot: the number the
    contents gives a brand is the page of the PDF that shows that brand's poster (the cover
    is page 1, as a PDF reader counts)."""
    from brandsite.media import brochure

    tree.brand()
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育"})
    tree.brand("chang-ming", case=False, **{"name: 连心桥": "name: 一个名字写得很长很长的党建品牌示范站", "stage: 命名": "stage: 培育"})
    catalog, _ = check(tree)
    drawn, contents = {}, []
    page_of, contents_of = brochure.brochure_page, brochure.contents_page

    def recorded(brand, fonts, url, site_name, number=None):
        drawn[number] = (brand.slug, page_of(brand, fonts, url, site_name, number))
        return drawn[number][1]

    def listed(entries, fonts, number):
        contents.extend(entries)
        return contents_of(entries, fonts, number)

    monkeypatch.setattr(brochure, "brochure_page", recorded)
    monkeypatch.setattr(brochure, "contents_page", listed)
    monkeypatch.setattr(brochure, "ROWS", 2)  # two pages of contents
    out = tmp_path / "catalogue.pdf"
    said = []
    assert brochure.write_brochure(catalog, out, FONTS, brand_url=lambda b: f"https://example.org/{b.slug}/",
                                   site_name="测试站点", progress=said.append) == 3
    pages = pdf_pages(out.read_bytes())
    assert len(pages) == 1 + 2 + 3 and said == ["品牌汇编 3/3"]
    assert [e.name for e in contents] == [b.name for b in catalog]
    foot = (1090, 3380, 1390, 3450)  # the page's number
    for entry, brand in zip(contents, catalog):
        slug, image = drawn[entry.page]
        assert slug == brand.slug
        assert alike(pages[entry.page - 1], image)
        assert not differs(pages[entry.page - 1].crop(foot), image.crop(foot))
        assert all(not alike(pages[entry.page - 1], other) for number, (_, other) in drawn.items() if number != entry.page)
        assert all(differs(pages[entry.page - 1].crop(foot), other.crop(foot)) for number, (_, other) in drawn.items() if number != entry.page)
    assert not alike(pages[0], pages[1])
    assert alike(pages[0], brochure.cover(FONTS, "测试站点", 3, __import__("datetime").date.today(), False))


@needs_font
def test_an_internal_brochures_cover_says_so():
    import datetime

    from brandsite.media import brochure

    day = datetime.date(2026, 12, 7)
    public, internal = (brochure.cover(FONTS, "测试站点", 3, day, flag) for flag in (False, True))
    box = (800, 2100, 1700, 2400)  # where the label goes
    assert ImageChops.difference(public.crop(box), internal.crop(box)).getbbox() is not None
    assert ImageChops.difference(public.crop((0, 0, 2480, 2000)), internal.crop((0, 0, 2480, 2000))).getbbox() is None


def test_an_interrupted_brochure_leaves_the_last_one_whole(tree, tmp_path, monkeypatch):
    from brandsite.media import brochure, posters
    from brandsite.media.typeset import find_cjk_font

    tree.brand()
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育"})
    catalog, _ = check(tree)
    out = tmp_path / "catalogue.pdf"
    out.write_bytes(b"%PDF last good brochure")
    draw, calls = posters.draw_poster, []

    def stopped_on_the_second(item, fonts):
        calls.append(item)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return draw(item, fonts)

    monkeypatch.setattr(posters, "draw_poster", stopped_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        brochure.write_brochure(catalog, out, find_cjk_font(), brand_url=lambda b: "https://example.org/", site_name="测试")
    assert out.read_bytes() == b"%PDF last good brochure"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brands", "catalogue.pdf"]


# Line breaking stays linear whatever the text (issue 18)


class Counting(Mono):
    def __init__(self):
        self.chars = 0

    def getlength(self, text: str) -> float:
        self.chars += len(text)
        return float(len(text))


@pytest.mark.parametrize("text", ["党建" + "a" * 8000 + "品牌", "，" * 8000, "\u200b" * 8000, "一" * 8000])
def test_line_breaking_measures_each_character_a_bounded_number_of_times(text):
    font = Counting()
    lines = wrap(text, font, 30)
    assert "".join(lines).replace(" ", "") == text
    assert font.chars < 20 * len(text)  # quadratic breaking measured millions of characters here
    font = Counting()
    fit(text * 10, font, 30, 7)
    assert font.chars < 2 * len(text) + 20 * 30 * 8  # each unit once, then only the lines kept


@needs_font
def test_a_blank_text_is_one_empty_line_and_draws_nothing():
    """A text of spaces (a carrier's name, a case's summary) draws a card, not a build error."""
    assert fit("   ", Mono(), 5, 2) == [""] and fit("", Mono(), 5, 1) == [""]
    item = sharecards.CardInput("x", "   ", "  ", "连心桥", " ", str(ROOT / "brands/mai-sui-hong/logo.svg"), "站点")
    assert sharecards.draw_card(item, typeset.find_cjk_font()).size == (1200, 630)


def test_an_overlong_word_is_split_by_character_to_the_width():
    assert wrap("一" + "a" * 12 + "二", Mono(), 5) == ["一aaaa", "aaaaa", "aaa二"]


def test_a_long_organisation_stays_on_the_share_card():
    """Sixty characters (the field's longest) on one line, cut with an ellipsis before the margin."""
    fonts = typeset.find_cjk_font()
    org = "中共青禾区某某街道某某社区某某网格某某楼栋某某党小组某某志愿服务队某某临时党支部委员会ABCDEFG"
    item = sharecards.CardInput("x", "连心桥", "连民心 解民忧", "连心桥", org, str(ROOT / "brands/mai-sui-hong/logo.svg"), "站点")
    im = sharecards.draw_card(item, fonts).convert("RGB")
    W = im.size[0]
    band = [im.getpixel((x, y)) for x in range(W - 58, W) for y in range(66, 112)]
    assert set(band) == {drawing.PAPER}, "the organisation runs into the right margin"


def test_characters_the_poster_font_lacks_are_noted_where_they_are_written(tree):
    """An emoji, or Tibetan on a machine without a Tibetan font, in a drawn text: a note (the
    pages are right; Tibetan may be right), at its line."""
    fonts = dataclasses.replace(typeset.find_cjk_font(), fallbacks=())
    assert typeset.missing(fonts, "党建🎉 𠮷 é ཀ\u200b") == ["🎉", "ཀ"]
    tree.brand(**{"slogan: 连民心 解民忧": "slogan: 连民心🎉解民忧"})
    catalog, _ = check(tree)
    notes = artwork.glyph_notes(catalog, fonts, lambda b: f"brands/{b.slug}")
    assert [(n.path, n.line, n.level, n.message.split("（")[0]) for n in notes] == [
        ("brands/lian-xin-qiao/brand.yml", 2, "info", "口号里的“🎉”在宣传海报和分享图片所用的字体里没有，图片上会画成方框")]
    assert notes[0].message.endswith("表情符号等字符海报上画不出来，请换成文字")
    tree.brand(**{"slogan: 连民心 解民忧": "slogan: 连民心ཀ解民忧"})
    catalog, _ = check(tree)
    notes = artwork.glyph_notes(catalog, fonts, lambda b: f"brands/{b.slug}")
    assert "sudo apt-get install fonts-noto-core" in notes[0].message and "表情" not in notes[0].message


# Tibetan, Uyghur, traditional Mongolian and Yi: the scripts of China's languages a CJK font lacks.
MINORITY = {"bo": "བོད་ལྗོངས་", "ug": "ئۇيغۇر تىلى", "mn-cn": "ᠮᠣᠩᠭᠣᠯ", "ii": "ꆈꌠꁱꂷ"}


def _fallbacks_or_skip():
    fonts = typeset.find_cjk_font()
    have = {lang for lang, text in MINORITY.items() if not typeset.missing(fonts, text)}
    if have != set(MINORITY):
        if os.environ.get("CI") == "true":
            pytest.fail(f"no font for {sorted(set(MINORITY) - have)}: .ci/run installs fonts-noto-core")
        pytest.skip("fonts for Tibetan, Uyghur, Mongolian and Yi not installed (apt-get install fonts-noto-core)")
    return fonts


def test_tibetan_uyghur_mongolian_and_yi_are_drawn_with_the_machines_fonts_for_them(tree):
    fonts = _fallbacks_or_skip()
    bare = dataclasses.replace(fonts, fallbacks=())
    for text in MINORITY.values():
        face = fonts.get(60)
        assert [f.path for _, f in face.runs(text)] != [fonts.regular]
        # drawn in the script's own face, not as the boxes of the Chinese one
        assert _ink(lambda d: face.draw(d, (10, 10), text, fill=0)) != _ink(lambda d: bare.get(60).draw(d, (10, 10), text, fill=0))
    tree.brand(**{"slogan: 连民心 解民忧": "slogan: བོད་ལྗོངས་ ئۇيغۇر 连民心🎉"})
    catalog, _ = check(tree)
    notes = artwork.glyph_notes(catalog, fonts, lambda b: f"brands/{b.slug}")
    assert [n.message.split("（")[0] for n in notes] == ["口号里的“🎉”在宣传海报和分享图片所用的字体里没有，图片上会画成方框"]


def _ink(draw_with) -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("L", (900, 120), 255)
    draw_with(ImageDraw.Draw(im))
    return im.tobytes()


def test_a_line_of_several_scripts_is_drawn_in_runs_in_reading_order():
    fonts = _fallbacks_or_skip()
    face = fonts.get(40)
    runs = [(text, Path(f.path).name.split("-")[0]) for text, f in face.runs("ئۇيغۇر تىلى 民族 བོད་ཡིག 团结")]
    # the space after the right-to-left Uyghur is the Chinese face's, so it is drawn between them
    assert runs == [("ئۇيغۇر تىلى", "NotoSansArabic"), (" 民族 ", "NotoSansCJK"),
                    ("བོད་ཡིག", "NotoSerifTibetan"), (" 团结", "NotoSansCJK")]
    assert face.getlength("民族 བོད་ཡིག") == pytest.approx(sum(f.getlength(t) for t, f in face.runs("民族 བོད་ཡིག")))
    # centred: the runs together are centred where one piece of text would be
    left = _ink(lambda d: face.draw(d, (450, 20), "民族བོད", fill=0, anchor="ma"))
    columns = [x for x in range(900) if any(left[y * 900 + x] < 128 for y in range(120))]
    assert abs((columns[0] + columns[-1]) / 2 - 450) < 6


def test_syllables_and_words_of_other_scripts_stay_whole_on_a_line():
    assert typeset.units("བོད་ཀྱི་སྐད་ཡིག།") == ["བོད་", "ཀྱི་", "སྐད་", "ཡིག།"]
    assert typeset.units("ئۇيغۇرچە يېزىق") == ["ئۇيغۇرچە", " ", "يېزىق"]
    assert typeset.units("ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ") == ["ᠮᠣᠩᠭᠣᠯ", " ", "ᠪᠢᠴᠢᠭ"]
    assert typeset.units("café e站") == ["café", " ", "e", "站"]
    # a cut with an ellipsis never leaves a vowel sign without its letter
    assert typeset.clamp(["སྐད" * 3, "x"], 1, Mono(), 5) == ["སྐད…"]  # not སྐདས…, whose ས lost its ྐ


def test_a_name_of_two_lines_is_split_evenly_on_the_poster():
    font = typeset.find_cjk_font().get(150, True)
    name = "青禾区政务服务中心党支部连心桥为民服务十"
    assert [len(line) for line in typeset.fit(name, font, 2200, 2)] == [14, 6]  # greedy: a short last line
    lines = typeset.balanced(name, font, 2200, 2)
    assert "".join(lines) == name and len(lines) == 2 and abs(len(lines[0]) - len(lines[1])) <= 2
    assert typeset.balanced("连心桥", font, 2200, 2) == ["连心桥"]
    assert typeset.balanced("党" * 80, font, 2200, 2)[-1].endswith("…")  # a cut text keeps its ellipsis


@needs_font
def test_a_square_logo_on_an_opaque_ground_stays_inside_the_ring(tmp_path):
    """A 600×600 PNG on white (what the guide recommends) stuck out of the round badge: its white
    corners covered the gold ring of the share card and cut notches into the poster's. The logo is
    cut to the disc inside the ring; its middle is drawn as before."""
    from brandsite.media.drawing import GOLD

    logo = tmp_path / "logo.png"
    square = Image.new("RGB", (600, 600), "white")
    ImageDraw.Draw(square).ellipse((100, 100, 500, 500), fill=(200, 20, 20))
    square.save(logo)
    card = sharecards.draw_card(sharecards.CardInput("x", "标题", "", "连心桥", "党支部", str(logo), "站点"), FONTS)
    poster = posters.draw_poster(posters.PosterInput(
        id="x", name="连心桥", slogan="", organization="党支部", category="机关", stage="命名", connotation="内涵。",
        carriers=[], logo=str(logo), url="https://example.org/brands/x/", site_name="站点"), FONTS)
    for im, (cx, cy), radius, ring in ((card, (210, 300), 160, 6), (poster, (posters.A3[0] // 2, 1090), 500, 18)):
        on_ring = round((radius - ring / 2) / 2 ** 0.5)  # the ring at 45°, where a square's corner reaches
        for dx, dy in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
            assert im.getpixel((cx + dx * on_ring, cy + dy * on_ring))[:3] == GOLD, (im.size, dx, dy)
        assert im.getpixel((cx, cy))[:3] == (200, 20, 20)  # the logo itself is there


@needs_font
def test_a_half_clear_logo_is_drawn_as_it_is(tmp_path):
    """A band at half opacity (a glow, an anti-aliased edge) came out nearly white: the logo was
    pasted onto a clear layer with itself as the mask, which darkens its colour and squares its
    opacity. On the white disc it shows as the band over white would."""
    logo = tmp_path / "logo.png"
    im = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    ImageDraw.Draw(im).rectangle((0, 250, 599, 350), fill=(200, 20, 20, 128))
    im.save(logo)
    card = sharecards.draw_card(sharecards.CardInput("x", "标题", "", "连心桥", "党支部", str(logo), "站点"), FONTS)
    want = Image.alpha_composite(Image.new("RGBA", (1, 1), (255, 255, 255, 255)),
                                 Image.new("RGBA", (1, 1), (200, 20, 20, 128))).getpixel((0, 0))[:3]
    got = card.getpixel((210, 300))[:3]
    assert all(abs(a - b) <= 3 for a, b in zip(got, want)), (got, want)


@needs_font
@pytest.mark.parametrize("name, slogan", [
    ("青禾区政务服务中心党支部连心桥服务", "连民心、解民忧、办实事，让群众的事有人管、有人办、有回音，件件有着落"),  # two lines each
    ("连心桥", "连民心 解民忧"),
    ("连心桥", ""),
])
def test_name_slogan_and_organisation_keep_equal_gaps_whatever_their_lines(tmp_path, name, slogan):
    """A two-line slogan nearly touched the organisation line under it (their places were fixed);
    without a slogan a hole was left. The three are stacked with equal gaps between the logo and
    the divider."""
    from brandsite.media.drawing import GOLD_DARK, GREY, RED_DARK

    item = posters.PosterInput(
        id="x", name=name, slogan=slogan, organization="青禾区政务服务中心机关第一党支部和第二党支部联合党总支",
        category="机关", stage="命名", connotation="内涵。", carriers=[], logo=str(tmp_path / "none.svg"),
        url="", site_name="")
    im = posters.draw_poster(item, FONTS).crop((0, 1600, posters.A3[0], 2460)).convert("RGB")
    small = im.resize((im.width // 4, im.height))

    def rows(colour) -> list[int]:
        """The rows holding a pixel within 40 of `colour` (the channels' differences summed)."""
        r, g, b = ImageChops.difference(small, Image.new("RGB", small.size, colour)).split()
        near = ImageChops.add(ImageChops.add(r, g), b).point(lambda v: 255 if v < 40 else 0)
        return [y for y in range(small.height) if near.crop((0, y, small.width, y + 1)).getbbox()]

    blocks = [rows(c) for c in (RED_DARK, GOLD_DARK, GREY) if c != GOLD_DARK or slogan]
    assert all(blocks), "a line of the stack was not found"
    gaps = [b[0] - a[-1] for a, b in zip(blocks, blocks[1:])]
    assert min(gaps) >= 60, gaps
    assert max(gaps) - min(gaps) <= 12, gaps


@needs_font
def test_a_two_part_slogan_too_long_for_a_line_breaks_at_its_space(tmp_path, monkeypatch):
    """一座…千家万户 一支…大街小巷 broke inside 服务队 (党员服 / 务队), not at the space between its halves."""
    from PIL import ImageDraw

    drawn = []
    real = ImageDraw.ImageDraw.text
    monkeypatch.setattr(ImageDraw.ImageDraw, "text", lambda self, xy, text, *a, **k: (drawn.append(text), real(self, xy, text, *a, **k))[1])
    slogan = "一座六百年的老石桥连起运河两岸千家万户 一支三轮车党员服务队暖透古城大街小巷"
    posters.draw_poster(posters.PosterInput(
        id="x", name="古城桥", slogan=slogan, organization="古城街道党工委", category="街道", stage="命名", connotation="短。",
        carriers=[], logo=str(tmp_path / "none.svg"), url="", site_name=""), FONTS)
    assert [t for t in drawn if len(t) > 3 and t in slogan] == slogan.split(" "), drawn


@needs_font
def test_an_internal_brands_poster_and_brochure_page_say_so(tree):
    """The intranet's poster and brochure, handed to leaders, did not mark an internal brand, which
    its web page marks 内部."""
    from tests.conftest import check

    from brandsite.media import brochure

    tree.brand()
    tree.brand("nei-bu", **{"name: 连心桥": "name: 内部品牌", "featured: true": "visibility: internal"})
    catalog, _ = check(tree)
    made = {b.slug: posters.draw_poster(posters.poster_input(b, "https://example.org/brands/x/", "测试"), FONTS) for b in catalog}
    inside = (posters.STAMP[0] + 30, posters.STAMP[1] + 40)  # in the label, beside its word
    assert made["nei-bu"].getpixel(inside) == (255, 255, 255)
    assert made["lian-xin-qiao"].getpixel(inside) != (255, 255, 255)  # the red band: no label
    label = made["nei-bu"].crop(posters.STAMP).convert("RGB")
    assert any(abs(r - 176) < 30 and g < 60 and b < 60 for r, g, b in label.get_flattened_data())  # its red word and frame
    scale = brochure.A4[0] / posters.A3[0]
    page = brochure.brochure_page(catalog.get("nei-bu"), FONTS, "https://example.org/brands/x/", "测试")
    assert page.getpixel((round(inside[0] * scale), round(inside[1] * scale))) == (255, 255, 255)
