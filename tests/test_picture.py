"""`<picture>` markup: media/picture.py says what to draw, the views' `picture` macro draws it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import brandsite
from brandsite.media.images import Output
from brandsite.media.picture import PROSE_SIZES, Picture, picture_of, upgrade_images
from brandsite.site.pages import VIEW_DIR, environment


@pytest.fixture(scope="module")
def draw():
    env = environment([str(Path(brandsite.__file__).parent / "templates")])
    return lambda p: str(env.get_template(f"{VIEW_DIR}/_picture.html").module.picture(p))


def output(fmt: str = "png") -> Output:
    sources = {"webp": [("logo.160.webp", 160), ("logo.320.webp", 320)]}
    if fmt != "webp":
        sources[fmt] = [(f"logo.160.{fmt}", 160), (f"logo.320.{fmt}", 320)]
    return Output(rel=f"logo.{fmt}", kind="logo", width=320, height=320, format=fmt, files={}, sources=sources)


def url(rel: str) -> str:
    return "x/" + rel


def test_a_processed_image_gets_a_webp_source_and_its_own_srcset(draw):
    html = draw(picture_of(output(), "logo.png", url, alt="连心桥标识", sizes="96px", cls="bs-card__logo", width=96, height=96))
    assert html == (
        '<picture><source type="image/webp" srcset="x/logo.160.webp 160w, x/logo.320.webp 320w" sizes="96px">'
        '<img class="bs-card__logo" src="x/logo.png" srcset="x/logo.160.png 160w, x/logo.320.png 320w" sizes="96px" '
        'alt="连心桥标识" width="96" height="96" loading="lazy" decoding="async"></picture>')


def test_a_webp_has_no_second_source_and_takes_its_own_size(draw):
    html = draw(picture_of(output("webp"), "logo.webp", url, alt="a", sizes="40px", lazy=False))
    assert html == ('<picture><img src="x/logo.webp" srcset="x/logo.160.webp 160w, x/logo.320.webp 320w" sizes="40px" '
                    'alt="a" width="320" height="320" decoding="async"></picture>')


def test_an_unprocessed_image_is_a_plain_img(draw):
    html = draw(picture_of(None, "logo.svg", url, alt="a", sizes="96px", width=96, height=96))
    assert html == '<img src="x/logo.svg" alt="a" width="96" height="96" loading="lazy" decoding="async">'


def test_every_attribute_is_escaped(draw):
    html = draw(Picture('a.png" onerror="x', '"><script>', '1"', 'b" c', 'd"<', '"e'))
    assert "<script>" not in html and ' onerror="' not in html
    attributes = re.findall(r' ([a-z]+)="[^"]*"', html)
    assert attributes == ["type", "srcset", "sizes", "class", "src", "srcset", "sizes", "alt", "loading", "decoding"]


def test_prose_images_get_the_srcset_and_keep_alt_and_class_escaped(draw):
    found = {"brands/x/photos/logo.png": output()}

    def lookup(path):
        return (found[path], lambda rel: "../photos/" + rel.split("/")[-1]) if path in found else None

    html = ('<p><img alt="甲 &amp; &quot;乙&quot;" class="wide" src="../photos/logo.png"></p>'
            '<p><img alt="外部" src="https://example.org/a.png"><img alt="缺" src="../photos/none.png"></p>')
    out = upgrade_images(html, "brands/x/cases/", lookup, draw)
    assert out.count("<picture>") == 1 and f'sizes="{PROSE_SIZES}"' in out
    assert 'class="wide" src="../photos/logo.png" srcset="../photos/logo.160.png 160w, ../photos/logo.320.png 320w"' in out
    assert 'alt="甲 &amp; &#34;乙&#34;"' in out
    assert '<img alt="外部" src="https://example.org/a.png"><img alt="缺" src="../photos/none.png">' in out


def test_file_names_with_spaces_and_commas_stay_one_srcset_candidate_each(draw):
    """A srcset splits at whitespace and commas: those are percent-encoded in each URL."""
    sources = {"webp": [("红色 引擎,logo.160.webp", 160), ("红色 引擎,logo.320.webp", 320)],
               "png": [("红色 引擎,logo.160.png", 160)]}
    out = Output(rel="红色 引擎,logo.png", kind="logo", width=320, height=320, format="png", files={}, sources=sources)
    html = draw(picture_of(out, out.rel, url, alt="", sizes="96px"))
    webp = re.search(r'<source type="image/webp" srcset="([^"]*)"', html).group(1)
    candidates = [c.strip().split() for c in webp.split(", ")]
    assert [len(c) for c in candidates] == [2, 2] and [c[1] for c in candidates] == ["160w", "320w"]
    assert candidates[0][0] == "x/红色%20引擎%2Clogo.160.webp"
    assert 'src="x/红色 引擎,logo.png"' in html  # src is one URL: the browser encodes it


def test_other_spaces_in_file_names_are_left_to_the_browser_in_a_srcset(draw):
    """A srcset splits at ASCII whitespace only: U+3000 and U+00A0 stay as they are (the URL
    parser encodes them), and are never written as a broken escape such as %3000."""
    sources = {"webp": [("x\u3000y\u00a0z.160.webp", 160)], "png": [("x\u3000y\u00a0z.160.png", 160)]}
    out = Output(rel="x\u3000y\u00a0z.png", kind="logo", width=320, height=320, format="png", files={}, sources=sources)
    html = draw(picture_of(out, out.rel, url, alt="", sizes="96px"))
    for srcset in re.findall(r'srcset="([^"]*)"', html):
        assert srcset.split(" ") == ["x/x\u3000y\u00a0z.160." + srcset.split(".")[-1].split(" ")[0], "160w"], srcset
        assert "%30" not in srcset and "%A0" not in srcset


def test_a_prose_image_whose_name_markdown_encoded_is_upgraded_too(draw):
    """![夜间巡楼](../photos/night patrol.jpg) comes out of Markdown as night%20patrol.jpg."""
    found = {"brands/x/photos/night patrol.png": output()}

    def lookup(path):
        return (found[path], lambda rel: "../photos/" + rel.split("/")[-1]) if path in found else None

    out = upgrade_images('<p><img alt="夜间巡楼" src="../photos/night%20patrol.png"></p>', "brands/x/cases/", lookup, draw)
    assert out.count("<picture>") == 1 and "srcset=" in out
