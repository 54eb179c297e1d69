"""Each content rule, on a small brand tree: exact path:line and message."""

from __future__ import annotations

import datetime

import pytest
from tests.conftest import LOGO_SVG, check, messages, png_bytes

Y = "brands/lian-xin-qiao/brand.yml"
CASE = "brands/lian-xin-qiao/cases/tui-shui.md"


def only(problems, level=None):
    return [str(p) for p in problems if level is None or p.level == level]


def test_clean_brand_has_no_problems(tree):
    tree.brand()
    catalog, problems = check(tree)
    assert messages(problems) == []
    brand = catalog.get("lian-xin-qiao")
    assert brand.name == "连心桥"
    assert brand.named.document == "青直工委〔2021〕12号"
    assert brand.carriers[0].name == "党员示范岗"
    assert brand.cases[0].photos == ["photos/desk.png"]
    assert brand.timeline[0].event == "召开党员大会，确定品牌名称"


def test_empty_brand_yml(tree):
    tree.brand(yml="")
    catalog, problems = check(tree)
    assert messages(problems) == [
        f"{Y}:1: brand.yml 是空的。请至少填写 name、organization、category、stage、established、logo、connotation、carriers"
    ]
    assert len(catalog) == 0


def test_list_where_mapping_belongs(tree):
    tree.brand(yml="- name: 连心桥\n- organization: 某党支部\n")
    _, problems = check(tree)
    assert messages(problems) == [
        f"{Y}:1: brand.yml 的最外层应是“字段: 值”的形式,现在是列表。请去掉行首的“- ”,每行写成 name: 品牌名称 这样"
    ]


def test_list_where_carrier_mapping_belongs(tree):
    tree.brand(**{"  - name: 党员示范岗\n    description: 在办事大厅设立党员示范岗,亮身份、亮承诺。": "  - 党员示范岗"})
    _, problems = check(tree)
    assert messages(problems) == [
        f"{Y}:15: carriers 第 1 项(载体)应为“字段: 值”形式的映射,现在是文本“党员示范岗”。例如 {{name: 党员示范岗, description: ……}}"
    ]


def test_wrong_type(tree):
    tree.brand(**{"established: 2019": "established: 二〇一九"})
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:7: established(创建年份)应为整数,现在是文本“二〇一九”。例如 established: 2020"]


def test_unknown_category(tree):
    tree.brand(**{"category: 机关": "category: 街道"})
    _, problems = check(tree)
    assert messages(problems) == [
        f"{Y}:4: category(类别)的值“街道”不在本站的类别列表中。可选:机关、社区、园区、农村、企业、学校、医疗卫生、政法、其他"
    ]


def test_site_categories_are_used(tree):
    tree.brand(**{"category: 机关": "category: 街道"})
    _, problems = check(tree, categories=["街道", "机关"])
    assert messages(problems) == []


def test_unknown_stage(tree):
    tree.brand(**{"stage: 命名": "stage: 已命名"})
    _, problems = check(tree)
    assert f"{Y}:6: stage(所处阶段)的值“已命名”不在可选范围内。可选:申报、培育、命名、示范" in messages(problems)


def test_missing_required_field(tree):
    tree.brand(**{"organization: 青禾区政务服务中心党支部\n": ""})
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:1: 缺少必填字段 organization(所属党组织)。请添加一行,例如:organization: 某某区税务局机关党委"]


def test_null_value(tree):
    tree.brand(**{"slogan: 连民心 解民忧": "slogan:"})
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:2: slogan(品牌口号) 没有填写内容。请填写,不需要的可选字段请整行删去"]


def test_unknown_key_with_hint(tree):
    tree.brand(**{"slogan:": "slogon:"})
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:2: 未知字段 slogon。您是不是想写 slogan?"]


def test_year_range(tree):
    tree.brand(**{"established: 2019": "established: 1900"})
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:7: established(创建年份)应在 1921 到 {datetime.date.today().year} 之间,现在是 1900"]


def test_year_in_future(tree):
    future = datetime.date.today().year + 1
    tree.brand(**{"established: 2019": f"established: {future}"})
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:7: established(创建年份)是 {future} 年,晚于今年。请填写品牌实际创建的年份"]


def test_named_required_for_named_stage(tree):
    tree.brand(**{"named:\n  date: 2021-12-20\n  document: 青直工委〔2021〕12号\n": ""})
    _, problems = check(tree)
    assert messages(problems) == [
        f"{Y}:6: 阶段为“命名”时必须填写 named(命名信息:date 和 document)。例如:\n"
        "named:\n  date: 2021-12-20\n  document: 某直工委〔2021〕12号"
    ]


def test_named_stage_needs_public_case(tree):
    tree.brand(case=False)
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:6: 阶段为“命名”的品牌至少需要一个公开的典型案例。请在 cases/ 文件夹里添加一个案例文件(.md)"]


def test_internal_case_does_not_count_as_public(tree):
    tree.brand()
    tree.write("lian-xin-qiao/cases/tui-shui.md", "---\ntitle: 内部案例\ndate: 2023-06-18\nvisibility: internal\n---\n正文\n")
    _, problems = check(tree)
    assert [p.line for p in problems] == [6]


def test_cultivated_stage_needs_no_case(tree):
    tree.brand(case=False, **{"stage: 命名": "stage: 培育"})
    _, problems = check(tree)
    assert messages(problems) == []


def test_missing_logo(tree):
    tree.brand(**{"logo: logo.svg": "logo: logo.png"})
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:11: 找不到 logo 文件“logo.png”。文件夹里有:logo.svg,或改正 logo 字段"]


def test_logo_that_is_not_an_image(tree):
    tree.brand(**{"logo: logo.svg": "logo: logo.png"})
    tree.write("lian-xin-qiao/logo.png", "这不是图片")
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:11: 图片“logo.png”已损坏或无法识别。请重新导出后再放入"]


def test_logo_extension_lies(tree):
    tree.brand(**{"logo: logo.svg": "logo: logo.jpg"})
    tree.write("lian-xin-qiao/logo.jpg", png_bytes((300, 300)))
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:11: 图片“logo.jpg”的扩展名与实际格式(PNG)不符。请改正扩展名或重新导出"]


def test_small_logo_is_a_warning(tree):
    tree.brand(**{"logo: logo.svg": "logo: logo.png"})
    tree.write("lian-xin-qiao/logo.png", png_bytes((64, 64)))
    catalog, problems = check(tree)
    assert only(problems, "warning") == [f"{Y}:11: 标识“logo.png”只有 64×64 像素,显示会模糊。请提供至少 256×256 像素的图片或 SVG"]
    assert catalog.get("lian-xin-qiao") is not None  # warnings do not drop the brand


def test_logo_outside_the_folder(tree):
    tree.brand(**{"logo: logo.svg": "logo: ../../etc/passwd"})
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:11: logo 路径“../../etc/passwd”指向了品牌文件夹以外。请把标识放进本文件夹,写成 logo: logo.svg"]


def test_partner_must_exist(tree):
    tree.brand(**{"tags: [服务窗口]": "partners: [hong-qiao]\ntags: [服务窗口]"})
    tree.brand("hong-qia", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育"})
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:24: partners(共建对子)里的“hong-qiao”不是已有的品牌。您是不是想写 hong-qia?"]


def test_duplicate_names(tree):
    tree.brand()
    tree.brand("lian-xin-qiao-2")
    _, problems = check(tree)
    assert messages(problems) == [f"brands/lian-xin-qiao-2/brand.yml:1: 品牌名称“连心桥”与 {Y} 重复。品牌名称须全站唯一"]


def test_duplicate_key(tree):
    tree.brand(**{"region: 青禾区": "region: 青禾区\nregion: 东湖区"})
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:6: 字段 region 写了两次。请删去其中一行"]


def test_folder_name_must_be_a_slug(tree):
    tree.brand("Lian_Xin")
    _, problems = check(tree)
    assert messages(problems) == ["brands/Lian_Xin:1: 文件夹名“Lian_Xin”不能用作网址。只能用小写字母、数字和连字符,请改名,例如 lian-xin"]


def test_connotation_too_short(tree):
    yml = tree.brand().joinpath("brand.yml").read_text(encoding="utf-8")
    start = yml.index("connotation: |")
    end = yml.index("carriers:")
    tree.write("lian-xin-qiao/brand.yml", yml[:start] + "connotation: 连接群众。\n" + yml[end:])
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:12: connotation(理念内涵)至少要 60 个字,现在只有 5 个字。请写清品牌名称的寓意、理念和与本职工作的结合"]


def test_case_with_bad_date(tree):
    tree.brand()
    tree.write("lian-xin-qiao/cases/tui-shui.md", "---\ntitle: 案例\ndate: 2023-02-30\n---\n正文\n")
    _, problems = check(tree)
    assert messages(problems) == [f"{CASE}:3: date(日期)“2023-02-30”不是有效日期,请写成 YYYY-MM-DD,例如 2023-06-18"]


def test_case_with_malformed_date(tree):
    tree.brand()
    tree.write("lian-xin-qiao/cases/tui-shui.md", "---\ntitle: 案例\ndate: 2023年6月\n---\n正文\n")
    _, problems = check(tree)
    assert messages(problems) == [f"{CASE}:3: date(日期)“2023年6月”格式不对,请写成 YYYY-MM-DD,例如 2023-06-18"]


def test_case_without_front_matter(tree):
    tree.brand()
    tree.write("lian-xin-qiao/cases/tui-shui.md", "# 标题\n\n正文\n")
    _, problems = check(tree)
    assert f"{CASE}:1: 案例文件缺少开头的 front matter:第一行写 ---,接着写 title: 和 date:,再用一行 --- 结束" in messages(problems)


def test_case_missing_title(tree):
    tree.brand()
    tree.write("lian-xin-qiao/cases/tui-shui.md", "---\ndate: 2023-06-18\n---\n正文\n")
    _, problems = check(tree)
    assert messages(problems) == [f"{CASE}:2: 缺少必填字段 title(案例标题)。请添加一行,例如:title: 一张清单解决企业退税难题"]


def test_case_photo_missing(tree):
    tree.brand()
    tree.write("lian-xin-qiao/cases/tui-shui.md", "---\ntitle: 案例\ndate: 2023-06-18\nphotos:\n  - ../photos/nope.jpg\n---\n正文\n")
    _, problems = check(tree)
    assert messages(problems) == [f"{CASE}:5: 找不到照片“../photos/nope.jpg”。照片应放在品牌的 photos/ 文件夹里,从案例里写成 ../photos/文件名.jpg"]


def test_gbk_file(tree):
    tree.brand()
    tree.write("lian-xin-qiao/brand.yml", "name: 连心桥\n".encode("gbk"))
    _, problems = check(tree)
    assert messages(problems)[0].startswith(f"{Y}:1: 文件不是 UTF-8 编码(看起来是 GBK/GB18030)。请用 UTF-8 重新保存")


def test_utf8_bom_is_accepted(tree):
    path = tree.brand() / "brand.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    _, problems = check(tree)
    assert messages(problems) == []


def test_tab_indentation(tree):
    tree.brand(**{"  date: 2021-12-20": "\tdate: 2021-12-20"})
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:9: 这一行用了 Tab 缩进。YAML 只能用空格缩进,请把 Tab 换成空格"]


def test_full_width_colon(tree):
    tree.brand(**{"region: 青禾区": "region：青禾区"})
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:5: “region”后面用了全角冒号“：”。请换成半角冒号“:”并在后面加一个空格"]


def test_python_tag_is_refused(tree):
    tree.brand(**{"region: 青禾区": "region: !!python/object/apply:os.system ['echo hi']"})
    _, problems = check(tree)
    assert messages(problems) == [f"{Y}:5: 不允许使用 YAML 标签(以 ! 开头,例如 !!python/object)。请删去标签,直接写值"]


def test_alias_bomb_is_refused(tree):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]" for i in range(1, 9)]
    tree.brand(yml="\n".join(lines) + "\n")
    _, problems = check(tree)
    assert len(problems) == 1 and "别名" in problems[0].message


def test_comma_in_flow_mapping_is_repaired_with_a_hint(tree):
    tree.brand(**{"召开党员大会，确定品牌名称": "召开党员大会,确定品牌名称"})
    catalog, problems = check(tree)
    assert [p.level for p in problems] == ["info"]
    assert problems[0].line == 20
    assert catalog.get("lian-xin-qiao").timeline[0].event == "召开党员大会,确定品牌名称"


def test_stray_file_and_empty_folder_are_warnings(tree):
    tree.brand()
    tree.write("notes.txt", "随手记")
    (tree.brands / "kong").mkdir()
    _, problems = check(tree)
    assert only(problems) == [
        "brands/kong:1: 这是一个空文件夹。请放入 brand.yml 和标识图片,或删除它(可用 brandsite new 新建品牌)",
        "brands/notes.txt:1: brands/ 里只应放品牌文件夹。请把这个文件移进某个品牌的文件夹,或删除",
    ]


def test_every_problem_is_reported_in_one_run(tree):
    tree.brand("a-brand", **{"category: 机关": "category: 街道", "established: 2019": "established: 早"})
    tree.brand("b-brand", yml="")
    tree.brand("c-brand", **{"name: 连心桥": "name: 丙", "logo: logo.svg": "logo: x.png"})
    catalog, problems = check(tree)
    assert len(catalog) == 0
    assert {p.slug for p in problems} == {"a-brand", "b-brand", "c-brand"}
    assert len(problems) >= 5


def test_public_catalog_drops_internal_things(tree):
    tree.brand(**{"featured: true": "featured: true\ncontact:\n  name: 张某\n  phone: 0000-0000000"})
    tree.brand("nei-bu", case=False, **{"name: 连心桥": "name: 内部品牌", "stage: 命名": "stage: 申报",
                                       "featured: true": "visibility: internal"})
    tree.write("lian-xin-qiao/cases/nei.md", "---\ntitle: 内部案例\ndate: 2023-01-01\nvisibility: internal\nphotos: [../photos/secret.png]\n---\n正文\n")
    tree.write("lian-xin-qiao/photos/secret.png", png_bytes())
    catalog, problems = check(tree)
    assert messages(problems) == []
    public = catalog.for_audience("public")
    assert [b.slug for b in public] == ["lian-xin-qiao"]
    brand = public.get("lian-xin-qiao")
    assert brand.contact is None
    assert [c.slug for c in brand.cases] == ["tui-shui"]
    assert "photos/secret.png" not in brand.photos
    internal = catalog.for_audience("internal")
    assert len(internal) == 2 and internal.get("lian-xin-qiao").contact.name == "张某"


def test_partners_are_mutual_in_the_model(tree):
    tree.brand(**{"tags: [服务窗口]": "partners: [hong-qiao, hong-qiao]"})
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 培育"})
    catalog, _ = check(tree)
    assert [b.slug for b in catalog.partners_of(catalog.get("hong-qiao"))] == ["lian-xin-qiao"]
    # listed twice, shown once


def test_candidate_pairs_ignore_a_phrase_in_more_than_fifty_brands_on_big_sites():
    from brandsite.content import similarity

    sets = [{f"only{i}"} for i in range(2000)]
    for i in range(80):  # a stock phrase in 80 of 2,000 brands: under 5%, over the cap of 50
        sets[i].add("stock")
    sets[500] |= {"copied1", "copied2", "copied3"}
    sets[1500] |= {"copied1", "copied2", "copied3"}
    pairs = similarity.candidate_pairs(sets)
    assert (500, 1500) in pairs
    assert not any(i < 80 and j < 80 for i, j in pairs)  # 3,160 pairs without the cap


def test_pairs_left_unscored_could_not_have_reached_the_threshold():
    """The near-duplicate check skips pairs whose shared grams cannot make the
    Jaccard threshold; against scoring every candidate pair (three uncommon
    grams in common), it must find the same ones."""
    import random

    from brandsite.content import similarity

    rng = random.Random(7)
    stock = [f"常用语{n:02d}" for n in range(30)]  # phrases in many brands
    local = [f"区域提法{n:03d}工作法" for n in range(120)]  # each in a few brands: pairs to check
    texts = []
    for i in range(400):
        own = [f"本单位{i}特色{k}" for k in range(rng.randint(2, 8))]
        words = rng.sample(stock, rng.randint(3, 12)) + rng.sample(local, 2) + own
        if i % 7 == 0 and texts:  # a copy of an earlier text with a few words changed
            words = texts[rng.randrange(len(texts))].split("|")[: rng.randint(6, 14)] + own[:2]
        rng.shuffle(words)
        texts.append("|".join(words))
    sets = [similarity.grams(t, similarity.GRAM) for t in texts]
    t = similarity.CONNOTATION_JACCARD
    candidates = similarity.candidate_pairs(sets, min_shared=3)
    scored_all = {(i, j) for i, j in candidates if similarity.jaccard(sets[i], sets[j]) >= t}
    shared, common = similarity.shared_grams(sets)
    kept = {pair for pair, uncommon in shared.items() if uncommon >= 3 and similarity.may_reach(
        t, uncommon, common[pair[0]], common[pair[1]], len(sets[pair[0]]), len(sets[pair[1]]))}
    assert len(scored_all) > 20  # the data has near-duplicates to find
    assert scored_all <= kept
    assert len(kept) < len(candidates)  # and some candidate pairs are never scored
