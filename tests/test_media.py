"""Media from a hostile or careless editor (issue 18): SVG references, sizes, what is published."""

from __future__ import annotations

import pytest
from tests.conftest import check

from brandsite.sanitize import svg_problem

Y = "brands/lian-xin-qiao/brand.yml"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'


def errors(problems) -> list[str]:
    return [str(p) for p in problems if p.level == "error"]


# SVG: only "#fragment" references, however a scheme is spelled


@pytest.mark.parametrize("body, words", [
    ('<a xlink:href="java&#x09;script:alert(1)"><rect width="9" height="9"/></a>', "javascript:"),
    ('<a href="&#10;jav&#x0D;ascript:alert(1)"><rect width="9" height="9"/></a>', "javascript:"),
    ('<a href="java&#0;script:alert(1)"><rect width="9" height="9"/></a>', "无法解析"),  # not even XML
    ('<a href="JaVaScRiPt&#x3A;alert(1)"><rect width="9" height="9"/></a>', "javascript:"),
    ('<a><set attributeName="href" to="#x"/><rect width="9" height="9"/></a>', "动画"),
    ('<rect width="9" height="9"><animate attributeName="fill" values="red;javascript:alert(1)"/></rect>', "javascript:"),
    ('<a><animate attributeName="xlink:href" values="#a;#b"/><rect width="9" height="9"/></a>', "动画"),
    ('<image href="other-brand.png" width="9" height="9"/>', "外部地址"),
    ('<image href="data:image/png;base64,iVBORw0KGgo=" width="9" height="9"/>', "data:"),
    ('<style>rect{fill:u\\72l(https://x.example/a.png)}</style>', "外部资源"),
    ('<rect style="fill:url( https://x.example/a.png )" width="9" height="9"/>', "外部资源"),
])
def test_svg_references_other_than_fragments_are_refused(tmp_path, body, words):
    path = tmp_path / "logo.svg"
    path.write_text(SVG.format(body), encoding="utf-8")
    message = svg_problem(path)
    assert message and words in message, message


def test_an_xml_stylesheet_instruction_is_refused(tmp_path):
    path = tmp_path / "logo.svg"
    path.write_text('<?xml-stylesheet href="https://x.example/a.css"?>' + SVG.format("<rect/>"), encoding="utf-8")
    assert "xml-stylesheet" in svg_problem(path)


def test_fragment_references_are_fine(tmp_path):
    path = tmp_path / "logo.svg"
    path.write_text(SVG.format('<defs><circle id="c" r="4"/><linearGradient id="g"/></defs><use xlink:href="#c"/>'
                               '<use href=" #c "/><rect fill="url(#g)" style="fill: url(\'#g\')" width="2" height="2"/>'),
                    encoding="utf-8")
    assert svg_problem(path) is None


def test_a_tab_in_javascript_is_refused_by_the_check(tree):
    folder = tree.brand()
    (folder / "logo.svg").write_text(SVG.format('<a xlink:href="java&#x09;script:alert(1)"><rect width="9" height="9"/></a>'),
                                     encoding="utf-8")
    catalog, problems = check(tree)
    assert any(e.startswith(f"{Y}:11: ") and "javascript:" in e for e in errors(problems)), problems
    assert len(catalog) == 0
