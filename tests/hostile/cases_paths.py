"""Hostile corpus cases: paths, YAML and names. See corpus.py."""

from __future__ import annotations

from tests.hostile.corpus import MARKER, brand, case, case_file, png_bytes  # noqa: F401

# -- class 4: internal content leaks -----------------------------------------


@case("cluster-climbs-into-an-internal-case", 4, "built")
def _(brands):
    # docs/clusters/../../brands/<slug>/cases/<case>.md is the internal case itself, on a
    # site with hand-written cluster intros (the folder must exist for ".." to climb out of it).
    (brands.parent / "docs" / "clusters").mkdir(parents=True, exist_ok=True)
    secret = brand(brands, "lj-nei")
    case_file(secret, "nb", f"内部案例正文 {MARKER}", title=f"内部案例 {MARKER}", visibility="internal")
    brand(brands, "lj-pa", cluster="../../brands/lj-nei/cases/nb")


@case("cluster-climbs-out-of-the-docs-folder", 4, "built")
def _(brands):
    # docs/clusters/../../lj-mi-mi.md: any Markdown file next to the site.
    (brands.parent / "docs" / "clusters").mkdir(parents=True, exist_ok=True)
    (brands.parent / "lj-mi-mi.md").write_text(f"# 机密\n\n站点以外的文件 {MARKER}\n", encoding="utf-8")
    brand(brands, "lj-wai", cluster="../../lj-mi-mi")


@case("cluster-folder-holds-a-page-of-its-own", 3, "built")
def _(brands):
    # docs/clusters/x.md/index.md: a folder named like an intro, holding an ordinary page that
    # MkDocs would publish as it is (raw HTML, no prose cleaning); and a file that is no intro.
    clusters = brands.parent / "docs" / "clusters"
    (clusters / "ji-qun.md").mkdir(parents=True, exist_ok=True)
    (clusters / "ji-qun.md" / "index.md").write_text(
        f"---\ndescription: x http-equiv=Content-Security-Policy\n---\n# 子页\n\n{MARKER} <script>alert(1)</script> "
        "<img src=x onerror=alert(1)>\n", encoding="utf-8")
    (clusters / f"内部集群{MARKER}.MD").write_text(f"<script>alert(1)</script>{MARKER}\n", encoding="utf-8")
    brand(brands, "lj-ji-qun-zi-ye", cluster="集群子页")


@case("alias-copies-the-contact-phone-into-region", 4, "refused",
      "brands/lj-bie-ming/brand.yml:", "别名")
def _(brands):
    brand(brands, "lj-bie-ming", raw=f"contact:\n  name: 张某{MARKER}\n  phone: &phone 13912345678\nregion: *phone\n")


# -- class 5: content that stops the build -------------------------------------


@case("metrics-nested-a-thousand-levels", 5, "refused", "brands/lj-qian-ceng/brand.yml:", "嵌套")
def _(brands):
    brand(brands, "lj-qian-ceng", raw="metrics: " + "[" * 1000 + "]" * 1000 + "\n")


@case("metrics-nested-fifty-thousand-levels", 5, "refused", "brands/lj-wu-wan-ceng/brand.yml:", "嵌套")
def _(brands):
    brand(brands, "lj-wu-wan-ceng", raw="metrics: " + "{a: " * 50_000 + "}" * 50_000 + "\n")


@case("metric-value-of-four-hundred-digits", 5, "refused", "brands/lj-si-bai-wei/brand.yml:", "位数")
def _(brands):
    brand(brands, "lj-si-bai-wei", raw=f"metrics:\n  - {{label: 服务群众, value: {'9' * 400}, unit: 人次}}\n")


@case("metric-value-of-five-thousand-digits", 5, "refused", "brands/lj-wu-qian-wei/brand.yml:", "位数")
def _(brands):
    brand(brands, "lj-wu-qian-wei", raw=f"metrics:\n  - {{label: 服务群众, value: {'9' * 5000}, unit: 人次}}\n")


@case("metric-value-infinite", 5, "refused", "brands/lj-wu-qiong/brand.yml:", "不是有效的数值")
def _(brands):
    brand(brands, "lj-wu-qiong", raw="metrics:\n  - {label: 服务群众, value: .inf, unit: 人次}\n")


@case("metric-value-not-a-number", 5, "refused", "brands/lj-fei-shu/brand.yml:", "不是有效的数值")
def _(brands):
    brand(brands, "lj-fei-shu", raw="metrics:\n  - {label: 服务群众, value: .nan, unit: 人次}\n")


@case("metric-value-overflows-to-infinity", 5, "refused", "brands/lj-yi-chu/brand.yml:", "不是有效的数值")
def _(brands):
    brand(brands, "lj-yi-chu", raw="metrics:\n  - {label: 服务群众, value: 1.0e+400, unit: 人次}\n")


@case("metric-values-whose-sum-overflows", 5, "refused", "brands/lj-he-ji/brand.yml:", "value（数值）应在")
def _(brands):
    brand(brands, "lj-he-ji", raw="metrics:\n  - {label: 服务群众, value: 1.0e+308, unit: 人次}\n"
                                  "  - {label: 服务群众, value: 1.0e+308, unit: 人次}\n")


@case("goal-year-far-future", 5, "refused", "brands/lj-yuan-nian/brand.yml:", "应在 1921 到")
def _(brands):
    brand(brands, "lj-yuan-nian", raw="goals:\n  - year: 99999999999999\n    items: [推出线上服务站]\n")


@case("case-file-name-of-250-characters", 5, "refused", "brands/lj-chang-an/cases/" + "a" * 250 + ".md:", "太长")
def _(brands):
    case_file(brand(brands, "lj-chang-an"), "a" * 250)


@case("cluster-name-of-100-characters", 5, "refused", "brands/lj-chang-ji/brand.yml:", "最多")
def _(brands):
    brand(brands, "lj-chang-ji", cluster="红" * 100)


@case("nul-in-cluster-name", 5, "refused", "brands/lj-kong-zi/brand.yml:", "控制字符")
def _(brands):
    brand(brands, "lj-kong-zi", raw='cluster: "红色\\0引擎"\n')


@case("lone-surrogate-in-slogan", 5, "refused", "brands/lj-dai-li/brand.yml:", "转义")
def _(brands):
    brand(brands, "lj-dai-li", raw='slogan: "连民心\\ud800解民忧"\n')


@case("case-named-after-a-windows-device", 5, "refused", "brands/lj-she-bei/cases/con.md:", "Windows")
def _(brands):
    case_file(brand(brands, "lj-she-bei"), "con")


@case("brand-folder-named-after-a-windows-device", 5, "refused", "brands/lpt1:", "Windows")
def _(brands):
    brand(brands, "lpt1")


# A name ending in a line break matched the name pattern (Python's $ matches before a final
# newline) and passed the reserved-name and Windows-device checks with it.
@case("brand-folder-name-ending-in-a-newline", 5, "refused", "brands/lj-huan-hang\\n:1:", "U+000A")
def _(brands):
    brand(brands, "lj-huan-hang\n")


@case("case-named-index-and-a-newline", 5, "refused", "brands/lj-an-li-huan-hang/cases/index\\n.md:1:", "U+000A")
def _(brands):
    case_file(brand(brands, "lj-an-li-huan-hang"), "index\n")


# -- class 6: generated pages overwritten ---------------------------------------


@case("cluster-named-index", 6, "refused", "brands/lj-ji-qun-shou-ye/brand.yml:", "保留")
def _(brands):
    brand(brands, "lj-ji-qun-shou-ye", cluster="Index.")


@case("two-clusters-one-page", 6, "refused", "brands/lj-ji-qun-yi/brand.yml:", "同一个网址")
def _(brands):
    brand(brands, "lj-ji-qun-jia", cluster="红色 引擎")
    brand(brands, "lj-ji-qun-yi", cluster="红色-引擎")


@case("brand-folder-named-page", 6, "refused", "brands/page:", "保留")
def _(brands):
    brand(brands, "page")


@case("brand-folder-named-search", 6, "refused", "brands/search:", "保留")
def _(brands):
    brand(brands, "search")


@case("case-named-index", 6, "refused", "brands/lj-an-li-shou-ye/cases/index.md:", "保留")
def _(brands):
    case_file(brand(brands, "lj-an-li-shou-ye"), "index")


# -- class 7: spoofing -------------------------------------------------------------


@case("name-reversed-behind-a-bidi-override", 7, "refused", "brands/lj-fan-xiang/brand.yml:", "不可见的格式字符")
def _(brands):
    brand(brands, "lj-zheng-xiang", name="红旗先锋岗")
    brand(brands, "lj-fan-xiang", name="\u202e岗锋先旗红")


@case("name-with-a-zero-width-space", 7, "refused", "brands/lj-ling-kuan/brand.yml:", "不可见的格式字符")
def _(brands):
    brand(brands, "lj-ling-kuan-zhen", name="蓝盾护航")
    brand(brands, "lj-ling-kuan", name="蓝盾\u200b护航")


@case("name-in-full-width-letters", 7, "refused", "brands/lj-quan-jiao/brand.yml:", "重复")
def _(brands):
    brand(brands, "lj-ban-jiao", name="AB党建先锋")
    brand(brands, "lj-quan-jiao", name="ＡＢ党建先锋")


@case("case-title-with-a-bidi-isolate", 7, "refused", "brands/lj-an-li-biao-ti/cases/yi.md:", "不可见的格式字符")
def _(brands):
    case_file(brand(brands, "lj-an-li-biao-ti"), "yi", title="一张清单\u2067解决难题\u2069")


@case("carrier-and-organization-with-format-characters", 7, "refused",
      "brands/lj-zai-ti/brand.yml:", "carriers 第 1 项的 name")
def _(brands):
    brand(brands, "lj-zai-ti", organization="\ufeff某某党支部",
          carriers=[{"name": "党员\u200d示范岗", "description": "在窗口设立党员示范岗。"}])


# -- class 1: a path that a link reads as another host --------------------------


@case("logo-in-a-folder-named-https", 1, "refused", "brands/lj-wai-zhan/brand.yml:", "冒号")
def _(brands):
    # brands/<slug>/https:/evil.example/logo.svg exists; linked from the brand page beside it,
    # "https:/evil.example/logo.svg" would load https://evil.example/logo.svg.
    folder = brand(brands, "lj-wai-zhan", logo_name="https:/evil.example/logo.svg")
    assert (folder / "https:" / "evil.example" / "logo.svg").is_file()
