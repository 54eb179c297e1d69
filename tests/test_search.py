"""Pagefind search: what the build writes (browser behaviour is in tests/browser/test_search.py)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from tests.conftest import build_site

from brandsite.site import search


def fragments(site: Path) -> dict[str, dict]:
    """Pagefind's page fragments, by URL: gzip, then a `pagefind_dcd` marker, then JSON."""
    out = {}
    for file in (site / "pagefind/fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(file.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), file
        data = json.loads(raw[len(b"pagefind_dcd"):])
        out[data["url"]] = data
    return out


def all_index_bytes(site: Path) -> bytes:
    return b"".join(gzip.decompress(p.read_bytes()) for p in (site / "pagefind").rglob("*.pf_*"))


@pytest.fixture
def small_site(tree):
    tree.brand()
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育",
                                         "organization: 青禾区政务服务中心党支部": "organization: 东湖街道红桥社区党委",
                                         "category: 机关": "category: 社区", "region: 青禾区": "region: 东湖街道"})
    tree.brand("mi-mi", case=False, **{"name: 连心桥": "name: 保密品牌", "stage: 命名": "stage: 申报",
                                      "organization: 青禾区政务服务中心党支部": "organization: 机要保密局党支部",
                                      "featured: true": "visibility: internal"})
    (tree.root / "docs").mkdir(exist_ok=True)
    (tree.root / "docs/guide.md").write_text("# 编写说明\n\n这里写着怎样维护品牌资料,联系产业链上下游。\n",
                                             encoding="utf-8")
    return tree


@pytest.fixture
def built(small_site):
    return build_site(small_site.root)


def test_pagefind_bundle_replaces_the_lunr_index(built):
    assert (built / "pagefind/pagefind.js").is_file()
    entry = json.loads((built / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"]
    assert not (built / "search/search_index.json").exists()
    assert not list(built.rglob("search_index.json"))
    assert not (built / "pagefind/playground").exists()
    assert not (built / "pagefind/pagefind-ui.js").exists()  # unused ready-made UI


def test_only_content_pages_are_indexed(built):
    urls = set(fragments(built))
    assert {"/brands/lian-xin-qiao/", "/brands/hong-qiao/", "/guide/"} <= urls
    # cases are folded into their brand's record (test_cases_are_folded_into_their_brand)
    assert not [u for u in urls if "/cases/" in u]
    # listings and the results page repeat other pages' text (the list of clusters came third for 网格)
    assert not urls & {"/", "/brands/", "/search/", "/clusters/"}
    assert (built / "clusters/index.html").is_file() and "/stats/" in urls


def test_fragments_hold_no_navigation_header_or_footer(built):
    page = (built / "brands/lian-xin-qiao/index.html").read_text(encoding="utf-8")
    assert "测试站点" in page and "md-footer" in page and "md-nav" in page  # what must stay out
    for url, data in fragments(built).items():
        text = data["content"].replace("\u200b", "")
        assert "测试站点" not in text, url  # site name in the header
        assert "Material for MkDocs" not in text, url  # footer
        assert "品牌展示" not in text, url  # nav tab, crumbs
        assert "申报培育命名示范" not in text, url  # the stage ladder on brand pages


def test_brand_page_has_filters_meta_and_weighted_name(built):
    brand = fragments(built)["/brands/lian-xin-qiao/"]
    assert brand["filters"] == {"category": ["机关"], "stage": ["命名"], "region": ["青禾区"], "year": ["2019"]}
    assert brand["meta"]["title"] == "连心桥"
    assert brand["meta"]["category"] == "机关"
    assert brand["meta"]["logo"] == "h" + "logo.svg".encode().hex()  # from the brand page, one word nobody types
    assert brand["meta"]["slogan"] == "连民心 解民忧"
    assert (built / "brands/lian-xin-qiao/logo.svg").is_file()
    # the name's variants and traditional spelling, hidden at the end of the record (test_search_index.py)
    text = brand["content"].replace("\u200b", "")
    assert "连心桥 心桥 " in text and "連心橋" in text


def test_a_story_heading_cannot_pass_for_a_case_in_search(tree):
    """A heading "case-xiang-kou" in the story gets the id of a case's heading (bs-case-…): search.js
    would list it as a case of that address. The record keeps no such id but the cases' own."""
    folder = tree.brand()
    (folder / "story.md").write_text("## case-xiang-kou\n\n假冒的案例写在这里。\n", encoding="utf-8")
    site = build_site(tree.root)
    anchors = [a["id"] for a in fragments(site)["/brands/lian-xin-qiao/"]["anchors"] if a.get("id")]
    cases = [a for a in anchors if a.startswith("bs-case-")]
    assert cases and all(a[len("bs-case-"):] in {c.stem for c in (folder / "cases").glob("*.md")} for a in cases), anchors


def test_other_pages_get_the_words_inside_longer_words_but_no_pinyin(built):
    """A hand-written page's record ends, as a brand's does, with the words of its text that
    the index has only inside a longer word (下游 in 上下游), out of excerpts (`terms`)."""
    page = fragments(built)["/guide/"]
    text = page["content"].replace("\u200b", "")
    visible, _, hidden = text.partition("·")
    assert "上下游" in visible and "下游" in hidden.split(), text
    assert int(page["meta"]["terms"].removeprefix("t")) >= len(hidden.strip())
    assert "bianxie" not in text and "bxsm" not in text  # pinyin is for brand names


def test_public_index_has_no_internal_brand(small_site):
    public = build_site(small_site.root)
    assert "/brands/mi-mi/" not in fragments(public)
    blob = all_index_bytes(public)
    for word in ("保密品牌", "机要保密局", "保密"):
        assert word.encode() not in blob, word
    internal = build_site(small_site.root, audience="internal")
    assert "/brands/mi-mi/" in fragments(internal)
    assert "保密品牌".encode() in all_index_bytes(internal)


def test_header_search_box_on_every_page_without_material_search(built):
    for page in ("index.html", "brands/index.html", "brands/lian-xin-qiao/index.html", "guide/index.html"):
        html = (built / page).read_text(encoding="utf-8")
        assert "data-bs-search " in html or "data-bs-search>" in html, page
        assert 'data-md-component="search"' not in html, page
        assert "assets/brandsite/search.js" in html, page
    assert (built / "assets/brandsite/search.js").is_file()


def test_results_page_is_generated(built):
    html = (built / "search/index.html").read_text(encoding="utf-8")
    assert "data-bs-search-page" in html and "data-bs-search-filters" in html
    assert "data-pagefind-body" not in html
    # the hint's example is a brand of this site (a featured one, first by folder name), not the sample's
    assert "（如“红桥”可输入 hongqiao 或 hq）" in html


def test_results_page_hint_without_brands_has_no_example(tree):
    tree.root.joinpath("brands").mkdir(parents=True, exist_ok=True)
    html = (build_site(tree.root) / "search/index.html").read_text(encoding="utf-8")
    assert "可输入品牌名称、文中词语、拼音或首字母。" in html


def test_site_own_search_md_wins(small_site):
    (small_site.root / "docs/search.md").write_text("# 自己的搜索页\n", encoding="utf-8")
    site = build_site(small_site.root)
    assert "自己的搜索页" in (site / "search/index.html").read_text(encoding="utf-8")


def deferred_scripts(html: str) -> None:
    """Material's bundle and the site's scripts load with defer, none parser-blocking, except
    govweb.js: it greys the page on a day of mourning before the first paint (under 3 KB)."""
    scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
    assert any("bundle" in s for s in scripts) and any("brandsite.js" in s for s in scripts)
    assert all(" defer " in s for s in scripts if "govweb.js" not in s), scripts


def test_search_off_builds_no_index_and_no_box(small_site):
    site = build_site(small_site.root, extra_yml="")  # default: on
    assert (site / "pagefind").is_dir()
    deferred_scripts((site / "brands/lian-xin-qiao/index.html").read_text(encoding="utf-8"))
    from tests import conftest

    yml = conftest.SITE_YML.replace("  - brandsite:\n", "  - brandsite:\n      search: false\n")
    original = conftest.SITE_YML
    conftest.SITE_YML = yml
    try:
        site = build_site(small_site.root)
    finally:
        conftest.SITE_YML = original
    assert not (site / "pagefind").exists()
    html = (site / "brands/lian-xin-qiao/index.html").read_text(encoding="utf-8")
    assert "data-bs-search" not in html and "data-pagefind-body" not in html and "bs-search-data" not in html
    assert not (site / "search/index.html").exists()
    deferred_scripts(html)  # the scripts are deferred without search too
    deferred_scripts((site / "index.html").read_text(encoding="utf-8"))


def test_name_terms_cover_every_part_and_the_traditional_spelling():
    terms = search.name_terms("税连心", "东湖市税务局党支部")
    assert terms[:2] == ["税连心", "连心"]
    assert "税 连 心" in terms  # single characters for the query fallback
    assert "連心" in terms and "稅連心" in terms
    assert "东 湖 市 税 务 局 党 支 部" in terms
    assert search.name_terms("  ") == []


def test_theme_dirs_keep_the_site_custom_dir_first(tmp_path):
    custom, material = str(tmp_path / "assets"), str(tmp_path / "material")
    dirs = search.theme_dirs([custom, material], custom)
    assert dirs == [custom, str(search.OVERRIDES), material]
    assert search.theme_dirs(dirs, custom) == dirs
    assert search.theme_dirs([material], None) == [str(search.OVERRIDES), material]


def test_the_commonest_words_of_the_public_brands_go_beside_the_index(small_site):
    from tests.conftest import check
    from brandsite.site import search_terms

    site = build_site(small_site.root)
    words = json.loads((site / "pagefind/common-words.json").read_text(encoding="utf-8"))["words"]
    public = [b for b in check(small_site)[0] if b.is_public]
    assert words == search.common_words(public) and 1 <= len(words) <= search.COMMON_WORDS
    own = [set(search_terms.pair_words(" ".join([b.name, b.slogan, b.organization, b.connotation, b.story,
                                                 *(f"{c.name} {c.description}" for c in b.carriers), *b.partners,
                                                 *(f"{k.title} {k.summary} {k.body}" for k in b.cases)])))
           for b in public]
    assert all(sum(w in held for held in own) >= 2 for w in words)  # held by two public brands or more
    assert "保密" not in words and "机要" not in words


def test_common_words_rank_by_brands_then_by_times_and_skip_labels():
    from types import SimpleNamespace as Brand

    def brand(connotation, name=""):
        return Brand(name=name, slogan="", organization="", connotation=connotation, story="",
                     carriers=[], partners=[], cases=[])

    catalog = [brand("网格员走进网格,群众有事找网格。"), brand("党员认领网格,服务群众。"),
               brand("党员服务队上门服务。"), brand("独一无二的说法。")]
    # 网格: 2 brands, 4 times; 群众, 服务, 党员: 2 brands (服务 3 times); each once-held word is left out
    assert search.common_words(catalog) == ["网格", "服务", "党员", "群众"]
    assert search.common_words(catalog, limit=2) == ["网格", "服务"]
    assert search.common_words([brand("工作成效显著")] * 2) == ["工作", "成效", "显著"]  # no 作成 across words
    assert search.common_words([brand("网格")] * (search.WARM_UP_TO + 1)) == []  # a very large site warms nothing

def test_common_words_are_counted_in_the_prose_as_shown_not_in_notes_it_hides():
    """common-words.json is public: words of an editor's comment or of a hidden link
    definition's title, repeated in every brand, are not in it."""
    from types import SimpleNamespace as Brand

    note = "\n\n<!-- 编辑备注:材料造假 -->\n\n[备注]: https://example.org \"审计约谈:材料造假\"\n"
    catalog = [Brand(name="", slogan="", organization="", connotation="党员服务群众。" + note, story="党员服务。" + note,
                     carriers=[], partners=[], cases=[]) for _ in range(3)]
    words = search.common_words(catalog)
    assert "党员" in words and not {"材料", "造假", "备注", "审计", "约谈", "编辑"} & set(words), words


def test_results_page_hint_prefers_a_short_spelling():
    """An 18-character name is 60 letters of pinyin: the hint takes a brand spelled in at most 16,
    featured first; with only long names, the shortest, by its initials if they are short enough."""
    from types import SimpleNamespace as Brand

    from brandsite.site.search import hint_example

    long = Brand(name="城市基层党建引领幸福家园共建共治联盟", featured=True, slug="a")
    short = Brand(name="红桥", featured=False, slug="z")
    assert hint_example([long, short]) == {"name": "红桥", "pinyin": "hongqiao", "initials": "hq"}
    assert hint_example([long]) is None  # csjcdjylxfjygjgzlm would help nobody
    middle = Brand(name="双创服务站先锋岗", featured=False, slug="m")  # 33 letters of pinyin, 8 initials
    assert hint_example([long, middle]) == {"name": middle.name, "pinyin": "", "initials": "scfwzxfg"}
    nine = Brand(name="一二三四五六七八九", featured=False, slug="b")  # fewer letters of pinyin, more initials
    assert hint_example([nine, middle]) == {"name": middle.name, "pinyin": "", "initials": "scfwzxfg"}
