"""`brandsite form`: a DOCX 申报表 that opens and holds the brand's facts."""

from __future__ import annotations

import os

import docx
from click.testing import CliRunner
from tests.conftest import png_bytes

from brandsite.cli import main


def run(tree, *args):
    cwd = os.getcwd()
    os.chdir(tree.root)
    try:
        return CliRunner().invoke(main, ["form", *args])
    finally:
        os.chdir(cwd)


def text_of(path):
    d = docx.Document(str(path))
    return d, "\n".join(c.text for row in d.tables[0].rows for c in row.cells)


def test_form_contains_the_brand(tree):
    tree.brand(**{"featured: true": "contact:\n  name: 张某\n  phone: 0000-1234567"})
    result = run(tree, "lian-xin-qiao")
    assert result.exit_code == 0, result.output
    path = tree.root / "lian-xin-qiao-shenbao.docx"
    d, text = text_of(path)
    assert d.paragraphs[0].text == "党建品牌申报表"
    for expected in ("连心桥", "青禾区政务服务中心党支部", "一头连着群众", "党员示范岗", "为群众解决难题：230件",
                     "一张清单解决企业退税难题", "张某", "0000-1234567"):
        assert expected in text, expected
    # The SVG logo is drawn with resvg and embedded, as posters do.
    assert len(d.inline_shapes) == 1 and "请随表附送原文件" not in text


def test_undrawable_svg_logo_gets_a_note(tree, monkeypatch):
    from brandsite.media import drawing

    monkeypatch.setattr(drawing, "svg_to_png", lambda svg, width: None)
    tree.brand()
    assert run(tree, "lian-xin-qiao").exit_code == 0
    d, text = text_of(tree.root / "lian-xin-qiao-shenbao.docx")
    assert "请随表附送原文件" in text and len(d.inline_shapes) == 0


def test_raster_logo_is_embedded(tree):
    tree.brand(**{"logo: logo.svg": "logo: logo.png"})
    tree.write("lian-xin-qiao/logo.png", png_bytes((300, 300)))
    out = tree.root / "out/form.docx"
    assert run(tree, "lian-xin-qiao", "--out", str(out)).exit_code == 0
    d, _ = text_of(out)
    assert len(d.inline_shapes) == 1


def test_unknown_or_broken_brand_exits_2(tree):
    tree.brand()
    result = run(tree, "nope")
    assert result.exit_code == 2 and "没有品牌“nope”" in result.output
    # the folder name written without its hyphens, or the brand's own name: the folder is suggested
    for written in ("lianxinqiao", "连心桥"):
        result = run(tree, written)
        assert result.exit_code == 2 and f"没有品牌“{written}”。您是不是想写 lian-xin-qiao？" in result.output, result.output
    tree.brand("huai", **{"name: 连心桥": "name: 坏", "category: 机关": "category: 不存在"})
    result = run(tree, "huai")
    assert result.exit_code == 2 and "brandsite check" in result.output
    assert not list(tree.root.glob("*.docx"))


def test_forms_are_cached_until_the_brand_changes(tree, tmp_path):
    from brandsite.media import application_form as form
    from tests.conftest import check

    tree.brand()
    cache = tmp_path / "cache"
    brand = check(tree)[0].get("lian-xin-qiao")
    first = form.cached_bytes(brand, cache)
    [cached] = list(cache.iterdir())
    assert (cached / "form.docx").read_bytes() == first and form.cached_bytes(brand, cache) == first
    brand.name = "连心桥新名"
    form.cached_bytes(brand, cache)
    [again] = list(cache.iterdir())  # the brand's older form is gone
    assert again != cached
    again = again / "form.docx"
    _, text = text_of(again)
    assert "连心桥新名" in text


def test_a_control_written_as_a_character_reference_in_the_connotation_is_left_out(tree):
    """&#1; in connotation: | passed the check, then python-docx refused the character it names."""
    from tests.conftest import CONNOTATION

    tree.brand(**{CONNOTATION: CONNOTATION.replace("一头连着群众", "一头连着&#1;群众&#xFFFE;")})
    result = run(tree, "lian-xin-qiao")
    assert result.exit_code == 0, result.output
    _, text = text_of(tree.root / "lian-xin-qiao-shenbao.docx")
    assert "一头连着群众，" in text
