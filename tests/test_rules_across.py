"""The rules across brands, as golden tables: unique names, cluster pages and partner links
(rules.py), and near-duplicate brands (similarity.py). Each row is a few brands, written in
order as changes to the sample brand, and the exact lines `brandsite check` prints.
"""

from __future__ import annotations

import pytest
from tests.conftest import CONNOTATION, check
from tests.golden import CULTIVATED, SLUG, Y, check_lines, said, write_brand

UNIQUE = "品牌名称须全站唯一，请商量后改掉其中一个"
SAME_PAGE = "一个会覆盖另一个。同一集群请写成完全相同的名称，不同集群请换用能区分的名称"
COPIED = CONNOTATION.replace("连心桥", "暖心桥").replace("志愿活动", "公益活动")


def named(name: str, **more) -> dict:
    """A brand.yml change: another name, and `more` replacements."""
    return {"name: 连心桥": f"name: {name}", **more}


def cluster(name: str) -> dict:
    return {"tags: [服务窗口]": f"tags: [服务窗口]\ncluster: {name}"}


def partners(*slugs: str) -> dict:
    return {"tags: [服务窗口]": f"partners: [{', '.join(slugs)}]"}


# ([(slug, brand.yml change)], the lines)
ACROSS = [
    # the error on the newer (a copied folder, most often), so that the preview goes on showing the
    # other; that one is told in a note: its editor may be the one to rename
    pytest.param([(SLUG, {}), ("lian-xin-qiao-2", {})], [
        f"brands/lian-xin-qiao-2/brand.yml:1: 品牌名称“连心桥”与 {Y} 重复。" + UNIQUE,
        f"{Y}:1: 提示：品牌名称“连心桥”与 brands/lian-xin-qiao-2/brand.yml 重复，错误标在那边。" + UNIQUE,
    ], id="same-name"),
    pytest.param([(SLUG, {"established: 2019": "established: 2020"}), ("lian-xin-qiao-2", {})], [
        f"brands/lian-xin-qiao-2/brand.yml:1: 提示：品牌名称“连心桥”与 {Y} 重复，错误标在那边。" + UNIQUE,
        f"{Y}:1: 品牌名称“连心桥”与 brands/lian-xin-qiao-2/brand.yml 重复。" + UNIQUE,
    ], id="same-name-the-later-established-told"),
    pytest.param([("jia", named("AB连心桥")), ("yi", named("ａｂ连心桥", **CULTIVATED)), ("bing", named("'AB连心桥 '", **CULTIVATED))], [
        "brands/bing/brand.yml:1: 提示：品牌名称“AB连心桥”与 brands/jia/brand.yml 重复（还有 1 个品牌也用这个名称），错误标在那边。" + UNIQUE,
        "brands/jia/brand.yml:1: 品牌名称“AB连心桥”与 brands/bing/brand.yml 重复（还有 1 个品牌也用这个名称）。" + UNIQUE,
        "brands/yi/brand.yml:1: 品牌名称“ａｂ连心桥”与 brands/bing/brand.yml 的“AB连心桥”看起来相同"
        "（只差全角半角、大小写或不可见字符），算作重复（还有 1 个品牌也用这个名称）。" + UNIQUE,
    ], id="same-name-but-for-width-case-or-spaces"),
    pytest.param([("jia", cluster("红色 引擎")), ("yi", named("连心驿站", **cluster("红色/引擎"))),
                  ("bing", named("红心向党", **cluster("红色 引擎"))), ("ding", named("丹心向党", **cluster("Red"))),
                  ("wu", named("赤心向党", **cluster("red")))], [
        "brands/wu/brand.yml:25: cluster（品牌集群）“red”与 brands/ding/brand.yml 的“Red”会生成同一个网址 clusters/red/，" + SAME_PAGE,
        "brands/yi/brand.yml:25: cluster（品牌集群）“红色/引擎”与 brands/bing/brand.yml 的“红色 引擎”"
        "会生成同一个网址 clusters/红色-引擎/，" + SAME_PAGE,
    ], id="two-clusters-one-page"),
    pytest.param([("jia", cluster("红色引擎")), ("yi", named("连心驿站", **cluster("紅色引擎"))),
                  ("bing", named("红心向党", **cluster("红色引擎２")))], [
        # 红色引擎２ is 红色引擎2 in any width: another cluster, no message.
        "brands/yi/brand.yml:25: 警告：cluster（品牌集群）“紅色引擎”与 brands/jia/brand.yml 的“红色引擎”只差繁体简体或全角半角，"
        "会成为两个集群、两个页面。同一集群请写成完全相同的名称",
    ], id="two-clusters-alike"),
    pytest.param([(SLUG, partners("hong-qiao")), ("hong-qia", named("红桥", **CULTIVATED))], [
        f"{Y}:24: partners（共建对子）里的“hong-qiao”不是已有的品牌。您是不是想写 hong-qia？",
    ], id="partner-missing"),
    # the partner's folder renamed (wen-zhang to xue-hai-deng-ta): it still lists this brand back
    pytest.param([(SLUG, partners("wen-zhang")), ("xue-hai-deng-ta", named("学海灯塔", **CULTIVATED, **partners(SLUG)))], [
        f"{Y}:24: partners（共建对子）里的“wen-zhang”不是已有的品牌。品牌 xue-hai-deng-ta 的 partners 里写了本品牌，"
        "它的文件夹可能改过名：是的话，请把这一项改成 xue-hai-deng-ta",
        "brands/xue-hai-deng-ta/brand.yml:21: 警告：共建对子是双向的，但 brands/lian-xin-qiao/brand.yml 的 partners（共建对子）"
        "里没有“xue-hai-deng-ta”。请在对方的 brand.yml 里加上 partners: [xue-hai-deng-ta]，或从本品牌删去“lian-xin-qiao”",
    ], id="partner-renamed"),
    pytest.param([(SLUG, partners("lian-xin-qiao"))], [f"{Y}:24: partners（共建对子）不能填写本品牌自己"], id="partner-self"),
    # the partner's name where its folder name goes: which folder that is
    pytest.param([(SLUG, partners("红桥")), ("hong-qiao", named("红桥", **CULTIVATED))], [
        f"{Y}:24: partners 第 1 项（品牌文件夹名）“红桥”不是有效的品牌文件夹名（只能用小写字母、数字和连字符，例如 hong-qiao）",
        f"{Y}:24: 提示：“红桥”是 brands/hong-qiao 的品牌名称。partners 里要写对方的文件夹名，写成 hong-qiao",
    ], id="partner-by-name"),
    pytest.param([(SLUG, partners("hong-qiao")), ("hong-qiao", named("红桥", **CULTIVATED))], [
        f"{Y}:24: 警告：共建对子是双向的，但 brands/hong-qiao/brand.yml 的 partners（共建对子）里没有“lian-xin-qiao”。"
        "请在对方的 brand.yml 里加上 partners: [lian-xin-qiao]，或从本品牌删去“hong-qiao”",
    ], id="partner-one-sided"),
    pytest.param([(SLUG, partners("hong-qiao")), ("hong-qiao", named("红桥", **CULTIVATED, **partners(SLUG)))], [],
                 id="partners-mutual"),
]

# ([(slug, brand.yml change)], the lines)
NEAR_DUPLICATES = [
    pytest.param([(SLUG, {}), ("lian-xin-2", named("連心 橋"))], [
        # Both brands are warned: either may be the new one.
        "brands/lian-xin-2/brand.yml:1: 警告：品牌名称“連心 橋”与 brands/lian-xin-qiao/brand.yml 的“连心桥”只差全角/半角、"
        "空格、标点或繁简体，实际是同一个名称。请确认是否重复申报，并改用有区别的名称",
        f"{Y}:1: 警告：品牌名称“连心桥”与 brands/lian-xin-2/brand.yml 的“連心 橋”只差全角/半角、空格、标点或繁简体，"
        "实际是同一个名称。请确认是否重复申报，并改用有区别的名称",
    ], id="names-same-when-folded"),
    pytest.param([(SLUG, {}), ("lian-xin-2", {**named("連心橋"), "featured: true": "featured: true\nreviewed_similar: [lian-xin-qiao]"})], [
        # One name in two scripts stays one name, whatever a reviewer records.
        "brands/lian-xin-2/brand.yml:1: 警告：品牌名称“連心橋”与 brands/lian-xin-qiao/brand.yml 的“连心桥”只差全角/半角、"
        "空格、标点或繁简体，实际是同一个名称。请确认是否重复申报，并改用有区别的名称",
        f"{Y}:1: 警告：品牌名称“连心桥”与 brands/lian-xin-2/brand.yml 的“連心橋”只差全角/半角、空格、标点或繁简体，"
        "实际是同一个名称。请确认是否重复申报，并改用有区别的名称",
    ], id="names-same-when-folded-not-overridden-by-review"),
    pytest.param([(SLUG, named("连心桥驿站")), ("lian-xin-z", named("连心桥驿站站"))], [
        "brands/lian-xin-z/brand.yml:1: 警告：品牌名称“连心桥驿站站”与 brands/lian-xin-qiao/brand.yml 的“连心桥驿站”"
        "非常相似（相似度 89%）。请确认不是同一品牌，名称要体现本单位特色",
    ], id="names-similar"),
    # a brand like two others is told of the closer one (91% before 80%), whatever their folders' order
    pytest.param([(SLUG, {"established: 2019": "established: 2021", **named("连心桥驿站点站")}),
                  ("lian-xin-a", named("连心桥驿站")), ("lian-xin-b", {"established: 2019": "established: 2018", **named("连心桥驿站点")})], [
        "brands/lian-xin-a/brand.yml:1: 警告：品牌名称“连心桥驿站”与 brands/lian-xin-b/brand.yml 的“连心桥驿站点”"
        "非常相似（相似度 89%）。请确认不是同一品牌，名称要体现本单位特色",
        f"{Y}:1: 警告：品牌名称“连心桥驿站点站”与 brands/lian-xin-b/brand.yml 的“连心桥驿站点”"
        "非常相似（相似度 91%）。请确认不是同一品牌，名称要体现本单位特色",
    ], id="names-similar-the-closest-named"),
    pytest.param([(SLUG, {}), ("hong-qiao", named("红色桥梁"))], [], id="names-distinct"),
    pytest.param([(SLUG, {}), ("nuan-xin", named("暖心桥梁", **{CONNOTATION: COPIED}))], [
        f"brands/nuan-xin/brand.yml:12: 警告：connotation（理念内涵）与 {Y}（“连心桥”）高度雷同（相似度 80%）。请结合本单位实际重写，突出差异",
    ], id="connotation-copied"),
    # The newer brand is told, whichever folder comes first.
    pytest.param([(SLUG, {"established: 2019": "established: 2021"}), ("nuan-xin", named("暖心桥梁", **{CONNOTATION: COPIED}))], [
        f"{Y}:12: 警告：connotation（理念内涵）与 brands/nuan-xin/brand.yml（“暖心桥梁”）高度雷同（相似度 80%）。请结合本单位实际重写，突出差异",
    ], id="connotation-copied-by-the-newer-brand"),
    pytest.param([(SLUG, {"established: 2019": "established: 2021", **named("连心桥驿站站")}), ("lian-xin-z", named("连心桥驿站"))], [
        f"{Y}:1: 警告：品牌名称“连心桥驿站站”与 brands/lian-xin-z/brand.yml 的“连心桥驿站”"
        "非常相似（相似度 89%）。请确认不是同一品牌，名称要体现本单位特色",
    ], id="names-similar-the-newer-told"),
    # without a year (an error of its own), a brand counts as the newer
    pytest.param([(SLUG, {"established: 2019": "established: 2019年"}), ("nuan-xin", named("暖心桥梁", **{CONNOTATION: COPIED}))], [
        f"{Y}:7: established（创建年份）应为整数，现在是文本“2019年”。只写数字，不写“年”：established: 2019",
        f"{Y}:12: 警告：connotation（理念内涵）与 brands/nuan-xin/brand.yml（“暖心桥梁”）高度雷同（相似度 80%）。请结合本单位实际重写，突出差异",
    ], id="connotation-copied-by-a-brand-without-a-year"),
]


@pytest.mark.parametrize("brands,expected", ACROSS)
def test_across_brands(tree, brands, expected):
    for slug, replace in brands:
        write_brand(tree, slug, replace)
    assert check_lines(tree) == expected


@pytest.mark.parametrize("brands,expected", NEAR_DUPLICATES)
def test_near_duplicates(tree, brands, expected):
    for slug, replace in brands:
        write_brand(tree, slug, replace)
    assert check_lines(tree) == expected


def test_a_partner_folder_renamed_to_a_name_the_check_refuses_is_not_offered(tree):
    """hong-qiao renamed Hong_Qiao: the brand naming it was told "您是不是想写 Hong_Qiao？", a name
    the check refuses as a folder name. Told to write the partner's folder name instead."""
    write_brand(tree, SLUG, partners("hong-qiao"))
    write_brand(tree, "Hong_Qiao", named("红桥", **CULTIVATED))
    lines = said(check(tree)[1])
    assert f"{Y}:24: partners（共建对子）里的“hong-qiao”不是已有的品牌。请填写对方品牌的文件夹名" in lines, lines
    assert not any("您是不是想写 Hong_Qiao" in line for line in lines), lines


def test_a_copied_folder_is_the_one_told_whatever_its_name_sorts_by(tree):
    """gu-cheng-qiao (古城桥) copied to bei-guan-qiao for another brand, its name not yet changed:
    the same year, and the copy sorts first. The copy is told (its folder is not named after
    古城桥), and the original stays in the catalog, so the preview goes on showing it."""
    import shutil

    from tests.conftest import LOGO_SVG

    original = tree.brand("gu-cheng-qiao", **{"name: 连心桥": "name: 古城桥"})
    shutil.copytree(original, tree.brands / "bei-guan-qiao")
    (original / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    catalog, problems = check(tree)
    assert [b.slug for b in catalog] == ["gu-cheng-qiao"]
    told = {(p.path, p.level) for p in problems if "古城桥" in p.message or "雷同" in p.message or "相同" in p.message}
    assert ("brands/bei-guan-qiao/brand.yml", "error") in told and ("brands/gu-cheng-qiao/brand.yml", "info") in told, told
    assert not [p for p in problems if p.path.startswith("brands/gu-cheng-qiao/") and p.level in ("error", "warning")], \
        [str(p) for p in problems]
