"""Paths, YAML and names: golden tables of input -> exact `path:line: message`.

Names that become paths (brand folder, case file, cluster) are contained and bounded;
brand files hold no anchors, aliases, deep nesting, control characters or numbers
that are not finite; names hold no invisible characters and are compared as shown.
"""

from __future__ import annotations

import datetime
import os
import sys

import pytest
from tests.conftest import BRAND_YML, CASE_MD, check, messages

from brandsite.content import clusters, names
from brandsite.content.yamlsafe import YamlProblem, load

Y = "brands/lian-xin-qiao/brand.yml"
CASE = "brands/lian-xin-qiao/cases/tui-shui.md"
METRIC = "  - {label: 为群众解决难题, value: 230, unit: 件, year: 2023}"


def line(needle: str, text: str = BRAND_YML) -> int:
    return text.split("\n").index(next(x for x in text.split("\n") if needle in x)) + 1


M = line("value: 230")  # the metric's line

ALIAS = ("不允许使用 YAML 锚点或别名（{}），已拒绝读取。别名会把一处的内容（例如联系人电话）"
         "悄悄复制到另一处，品牌文件也用不到它。请删去以 & 和 * 开头的名称，把内容直接写出来")
NOT_FINITE = "“{}”不是有效的数值（.inf、.nan 表示无穷大和“非数字”，过大的指数也会变成无穷大）。请填写实际的数值"
INVISIBLE = ("{}里有不可见的格式字符（{}），已拒绝。这类字符看不见，却能让文字显示得与实际不同"
             "（例如倒序显示，冒充别的名称）。请删去这个字符，最好把这一项重新输入一遍")
DEPTH = "内容嵌套超过 12 层，已拒绝读取。品牌文件最多只需要四层，请检查缩进和括号是否写错"
CONTROL = "这里有不可见的控制字符（U+{}），已拒绝读取。请删去它（常见于从网页或其他软件复制来的文字，或引号里的 \\0、\\u 转义）"

# (what to replace in the sample brand.yml, with what) -> the one message, at its line
BRAND_TABLE = [
    ({"region: 青禾区": "region: &r 青禾区"}, f"{Y}:5: " + ALIAS.format("&r")),
    ({"region: 青禾区": "region: 青禾区\ncontact: {name: 张某, phone: &p '13912345678'}\nsignal: *p"},
     f"{Y}:6: " + ALIAS.format("&p")),
    ({METRIC: "  - {label: 为群众解决难题, value: .inf, unit: 件}"}, f"{Y}:{M}: " + NOT_FINITE.format(".inf")),
    ({METRIC: "  - {label: 为群众解决难题, value: -.Inf, unit: 件}"}, f"{Y}:{M}: " + NOT_FINITE.format("-.Inf")),
    ({METRIC: "  - {label: 为群众解决难题, value: .NaN, unit: 件}"}, f"{Y}:{M}: " + NOT_FINITE.format(".NaN")),
    ({METRIC: "  - {label: 为群众解决难题, value: 1.0e+400, unit: 件}"}, f"{Y}:{M}: " + NOT_FINITE.format("1.0e+400")),
    ({METRIC: "  - {label: 为群众解决难题, value: " + "9" * 400 + ", unit: 件}"},
     f"{Y}:{M}: 数字“9999999999999999…”的位数太多（超过 15 位）。请填写实际的数值；编号之类请加引号当作文字"),
    ({METRIC: "  - {label: 为群众解决难题, value: " + "9" * 5000 + ", unit: 件}"},
     f"{Y}:{M}: 数字“9999999999999999…”的位数太多（超过 15 位）。请填写实际的数值；编号之类请加引号当作文字"),
    ({METRIC: "  - {label: 为群众解决难题, value: 1.0e+13, unit: 件}"},
     f"{Y}:{M}: metrics 第 1 项的 value（数值）应在 -1000000000000 到 1000000000000 之间，现在是 1e+13"),
    ({"  - year: 2024": "  - year: 99999"}, f"{Y}:{line('year: 2024')}: goals 第 1 项的 year（年份）应在 1921 到 2100 之间，现在是 99999"),
    ({"metrics:\n" + METRIC: "metrics: " + "[" * 1000 + "]" * 1000}, f"{Y}:{M - 1}: " + DEPTH),
    ({"metrics:\n" + METRIC: "metrics: " + "{a: " * 50_000 + "}" * 50_000}, f"{Y}:{M - 1}: " + DEPTH),
    ({"region: 青禾区": 'region: "青禾\\0区"'}, f"{Y}:5: " + CONTROL.format("0000")),
    ({"region: 青禾区": 'region: "青禾\\e区"'}, f"{Y}:5: " + CONTROL.format("001B")),
    # the feed (XML), the application form (DOCX) and the poster's text engine cannot take these
    ({"region: 青禾区": 'region: "青禾\\uFFFE区"'}, f"{Y}:5: " + CONTROL.format("FFFE")),
    ({"region: 青禾区": 'region: "青禾\\N区"'}, f"{Y}:5: " + CONTROL.format("0085")),
    ({"region: 青禾区": 'region: "青禾\\ud800区"'},
     f"{Y}:5: 引号里的 \\u 转义不是有效的字符（例如单独的 \\ud800），已拒绝读取。请删去这个转义，直接写出文字"),
    ({"name: 连心桥": "name: \u202e桥心连"}, f"{Y}:1: " + INVISIBLE.format("name（品牌名称）", "U+202E，文字方向控制符")),
    # twenty Thai tone marks on one letter paint a column over the text around them
    ({METRIC: "  - {label: 为群众解决难题, value: 230, unit: \"件" + "\u0e49" * 20 + "\"}"},
     f"{Y}:{M}: metrics 第 1 项的 unit（单位）里有 20 个连在一起的附加符号（声调、变音符号之类），会叠成一长串，盖住上下的文字，"
     "已拒绝。请删去多余的符号，最好把这一项重新输入一遍"),
    ({"name: 连心桥": "name: 连心\u200b桥"}, f"{Y}:1: " + INVISIBLE.format("name（品牌名称）", "U+200B，零宽空格")),
    ({"slogan: 连民心 解民忧": "slogan: 连民心\u2066解民忧"}, f"{Y}:2: " + INVISIBLE.format("slogan（品牌口号）", "U+2066，文字方向控制符")),
    ({"organization: 青禾区": "organization: \ufeff青禾区"},
     f"{Y}:3: " + INVISIBLE.format("organization（所属党组织）", "U+FEFF，零宽不换行空格（BOM）")),
    ({"region: 青禾区": "region: 青禾\u3164区"}, f"{Y}:5: " + INVISIBLE.format("region（地区）", "U+3164，不可见字符")),
    # variation selectors and the braille blank show nothing either (邻\U000e0100里红盏 looks like 邻里红盏)
    ({"name: 连心桥": "name: 连心\U000e0100桥"}, f"{Y}:1: " + INVISIBLE.format("name（品牌名称）", "U+E0100，不可见的异体字选择符")),
    ({"organization: 青禾区": "organization: 青禾\ufe00区"},
     f"{Y}:3: " + INVISIBLE.format("organization（所属党组织）", "U+FE00，不可见的异体字选择符")),
    ({"region: 青禾区": "region: 青禾\u2800区"}, f"{Y}:5: " + INVISIBLE.format("region（地区）", "U+2800，不可见字符")),
    ({"  - name: 党员示范岗": "  - name: 党员\u200d示范岗"},
     f"{Y}:{line('- name: 党员示范岗')}: " + INVISIBLE.format("carriers 第 1 项的 name（载体名称）", "U+200D，零宽连字")),
    ({"tags: [服务窗口]": "tags: [服务窗口, \"两\\u200c新\"]"},
     f"{Y}:{line('tags:')}: " + INVISIBLE.format("tags 第 2 项（标签）", "U+200C，零宽不连字")),
    ({"tags: [服务窗口]": "tags: [服务窗口]\ncluster: 红色\u200e引擎"},
     f"{Y}:{line('tags:') + 1}: " + INVISIBLE.format("cluster（品牌集群）", "U+200E，文字方向控制符")),
    # longer texts shown as written: a control that reorders them (a document number shown reversed)
    ({"  document: 青直工委〔2021〕12号": '  document: "青直工委\u202e号21〕1202〔"'},
     f"{Y}:{line('document:')}: " + INVISIBLE.format("named 的 document（命名文件）", "U+202E，文字方向控制符")),
    ({"event: 召开党员大会，确定品牌名称": "event: 召开党员大会\u2067确定品牌名称"},
     f"{Y}:{line('event:')}: " + INVISIBLE.format("timeline 第 1 项的 event（事件）", "U+2067，文字方向控制符")),
    # a carrier's description is shown as written too (it was let through as if prose, cleaned)
    ({"description: 在办事大厅设立党员示范岗，亮身份、亮承诺。": "description: 在办事大厅设立党员示范岗\u202e每周两次"},
     f"{Y}:{line('description:')}: " + INVISIBLE.format("carriers 第 1 项的 description（载体说明）", "U+202E，文字方向控制符")),
    ({"items: [推出线上服务站]": "items: [推出\u202d线上服务站]"},
     f"{Y}:{line('items:')}: " + INVISIBLE.format("goals 第 1 项的第 1 条目标", "U+202D，文字方向控制符")),
    ({"tags: [服务窗口]": "tags: [服务窗口]\ncluster: index"},
     f"{Y}:{line('tags:') + 1}: cluster（品牌集群）“index”不能用作集群页面的名称：“index”是留给网站自动生成的页面的保留名称。请换一个集群名称"),
    ({"tags: [服务窗口]": "tags: [服务窗口]\ncluster: Clusters."},
     f"{Y}:{line('tags:') + 1}: cluster（品牌集群）“Clusters.”不能用作集群页面的名称：“Clusters”是留给网站自动生成的页面的保留名称。请换一个集群名称"),
    ({"tags: [服务窗口]": "tags: [服务窗口]\ncluster: aux"},
     f"{Y}:{line('tags:') + 1}: cluster（品牌集群）“aux”不能用作集群页面的名称：“aux”是 Windows 的设备名"
     "（CON、PRN、AUX、NUL、COM1–COM9、LPT1–LPT9），在 Windows 电脑上无法保存。请换一个集群名称"),
    ({"tags: [服务窗口]": "tags: [服务窗口]\ncluster: ../.."},
     f"{Y}:{line('tags:') + 1}: cluster（品牌集群）“../..”不能用作集群页面的名称：去掉标点和空格后什么也不剩，无法用作网址。请换一个集群名称"),
    ({"tags: [服务窗口]": "tags: [服务窗口]\ncluster: " + "红" * 31},
     f"{Y}:{line('tags:') + 1}: cluster（品牌集群）最多 30 个字，现在是 31 个字"),
]


@pytest.mark.parametrize("replace,expected", BRAND_TABLE, ids=[e.split(": ", 1)[1][:24] for _, e in BRAND_TABLE])
def test_brand_yml_golden(tree, replace, expected):
    yml = BRAND_YML
    for old, new in replace.items():
        assert old in yml
        yml = yml.replace(old, new)
    tree.brand(yml=yml)
    catalog, problems = check(tree)
    assert messages(problems) == [expected]
    assert len(catalog) == 0


CASE_TABLE = [
    ("tui-shui.md", {"title: 一张清单解决企业退税难题": "title: 一张清单\u2067解决难题\u2069"},
     f"{CASE}:2: " + INVISIBLE.format("title（案例标题）", "U+2067，文字方向控制符")),
    ("tui-shui.md", {"summary: 党员示范岗三天办结。": "summary: &s 党员示范岗三天办结。"}, f"{CASE}:4: " + ALIAS.format("&s")),
    ("tui-shui.md", {"summary: 党员示范岗三天办结。": "summary: 党员示范岗\u202e结办天三。"},
     f"{CASE}:4: " + INVISIBLE.format("summary（案例摘要）", "U+202E，文字方向控制符")),
    ("a" * 81 + ".md", {},
     f"brands/lian-xin-qiao/cases/{'a' * 81}.md:1: 案例文件名“{'a' * 24}…”太长（81 个字符），最多 80 个。"
     "网址和生成的文件名（例如海报、分享图片）都会用到它，请改短一些"),
    ("nul.md", {}, "brands/lian-xin-qiao/cases/nul.md:1: 案例文件名“nul”是 Windows 的设备名（CON、PRN、AUX、NUL、COM1–COM9、LPT1–LPT9），"
                   "在 Windows 电脑上无法保存。请换一个名字"),
    ("index.md", {}, "brands/lian-xin-qiao/cases/index.md:1: 案例文件名“index”是留给网站自动生成的页面的保留名称，不能使用。"
                     "请换一个名字，例如加上单位简称"),
    # a name to rename to, made of the file's own (its pinyin)
    ("第二个案例.md", {}, "brands/lian-xin-qiao/cases/第二个案例.md:1: 案例文件名“第二个案例”不能用作网址。"
                        "只能用小写字母、数字和连字符，例如 di-er-ge-an-li.md"),
    ("case 2.md", {}, "brands/lian-xin-qiao/cases/case 2.md:1: 案例文件名“case 2”不能用作网址。"
                      "只能用小写字母、数字和连字符，例如 case-2.md"),
]


def test_a_case_file_name_to_rename_to_is_one_no_other_case_has(tree):
    """第二个案例.md beside di-er-ge-an-li.md: renaming it as told would replace that case."""
    tree.brand()
    tree.write("lian-xin-qiao/cases/di-er-ge-an-li.md", CASE_MD.replace("title: ", "title: 二号"))
    tree.write("lian-xin-qiao/cases/第二个案例.md", CASE_MD.replace("title: ", "title: 三号"))
    _, problems = check(tree)
    assert [m for m in messages(problems) if "第二个案例" in m] == [
        "brands/lian-xin-qiao/cases/第二个案例.md:1: 案例文件名“第二个案例”不能用作网址。"
        "只能用小写字母、数字和连字符，例如 di-er-ge-an-li-2.md"]


@pytest.mark.parametrize("filename,replace,expected", CASE_TABLE, ids=[c[0][:12] for c in CASE_TABLE])
def test_case_golden(tree, filename, replace, expected):
    folder = tree.brand()
    md = CASE_MD
    for old, new in replace.items():
        md = md.replace(old, new)
    (folder / "cases" / "tui-shui.md").unlink()
    tree.write(f"lian-xin-qiao/cases/{filename}", md)
    _, problems = check(tree)
    # A refused case also leaves the brand (stage 命名) without a public case: that message is not this table's.
    assert [m for m in messages(problems) if "/cases/" in m] == [expected]


FOLDER_TABLE = [
    ("a" * 81, f"brands/{'a' * 81}:1: 文件夹名“{'a' * 24}…”太长（81 个字符），最多 80 个。网址和生成的文件名（例如海报、分享图片）都会用到它，请改短一些"),
    ("com7", "brands/com7:1: 文件夹名“com7”是 Windows 的设备名（CON、PRN、AUX、NUL、COM1–COM9、LPT1–LPT9），在 Windows 电脑上无法保存。请换一个名字"),
    ("page", "brands/page:1: 文件夹名“page”是留给网站自动生成的页面的保留名称，不能使用。请换一个名字，例如加上单位简称"),
    ("pagefind", "brands/pagefind:1: 文件夹名“pagefind”是留给网站自动生成的页面的保留名称，不能使用。请换一个名字，例如加上单位简称"),
    ("Hong Qiao", "brands/Hong Qiao:1: 文件夹名“Hong Qiao”不能用作网址。只能用小写字母、数字和连字符，请改名，例如 hong-qiao"),
    ("Search", "brands/Search:1: 文件夹名“Search”不能用作网址。只能用小写字母、数字和连字符，请改名"),
    ("Lian_Xin", "brands/Lian_Xin:1: 文件夹名“Lian_Xin”不能用作网址。只能用小写字母、数字和连字符，请改名，例如 lian-xin"),
    ("农家小院2", "brands/农家小院2:1: 文件夹名“农家小院2”不能用作网址。只能用小写字母、数字和连字符，请改名，例如 nong-jia-xiao-yuan-2"),
    ("con家", "brands/con家:1: 文件夹名“con家”不能用作网址。只能用小写字母、数字和连字符，请改名，例如 con-jia"),
    # the suggestion looked the same as the name: the space that makes them differ is said
    ("shan-zhong ", "brands/shan-zhong :1: 文件夹名“shan-zhong ”（末尾有空格）不能用作网址。只能用小写字母、数字和连字符，请改名，例如 shan-zhong"),
]


@pytest.mark.parametrize("slug,expected", FOLDER_TABLE, ids=[s[:12] for s, _ in FOLDER_TABLE])
def test_folder_name_golden(tree, slug, expected):
    tree.brand(slug)
    _, problems = check(tree)
    assert messages(problems) == [expected]


def test_a_folder_name_suggestion_is_not_one_already_taken(tree):
    """Hong-Qiao beside hong-qiao: the suggestion was hong-qiao, the other brand's folder."""
    tree.brand("hong-qiao")
    tree.brand("Hong-Qiao")
    said = [m for m in messages(check(tree)[1]) if m.startswith("brands/Hong-Qiao:1:")]
    assert said and said[0].endswith("请改名，例如 hong-qiao-2"), said


def test_eighty_characters_are_enough_and_fit(tree):
    slug = "-".join(["ab"] * 26) + "-abcdef"  # 84 -> cut below
    slug = slug[:80].rstrip("-")
    tree.brand(slug)
    _, problems = check(tree)
    assert messages(problems) == []
    # The longest file made from a slug or case name stays within 255 bytes.
    longest = max(f"{slug}-shenbao.docx", f"poster-{slug}.pdf", f"{slug}-0123456789abcdef.docx", f"{'a' * 80}-share.png")
    assert len(longest.encode()) <= 255


# -- the pieces ----------------------------------------------------------------------


@pytest.mark.parametrize("name,device", [
    ("con", True), ("CON", True), ("Nul.txt", True), ("com1.tar.gz", True), ("LPT9", True), ("aux ", True),
    ("com0", False), ("com10", False), ("console", False), ("con-x", False), ("nul-lian", False),
    # Windows takes ¹ ² ³ for digits, and CONIN$ and CONOUT$ are the console's: photos/com¹.jpg passed
    ("com¹.jpg", True), ("LPT³.png", True), ("CONIN$.jpg", True), ("conout$", True), ("com⁴", False),
])
def test_windows_device_names(name, device):
    assert names.windows_device(name) is device


@pytest.mark.parametrize("name,src", [
    ("青禾先锋矩阵", "clusters/青禾先锋矩阵.md"),
    ("红色/引擎 2.0?", "clusters/红色-引擎-2-0.md"),
    ("../../brands/x/cases/y", "clusters/brands-x-cases-y.md"),
    ("/etc/passwd", "clusters/etc-passwd.md"),
    ("C:\\Windows\\win.ini", "clusters/C-Windows-win-ini.md"),
    ("a\x00b", "clusters/a-b.md"),
    ("index", "clusters/cluster-696e646578.md"),  # refused by the check; never the list of clusters
    ("..", "clusters/cluster-.md"),
    ("红" * 100, f"clusters/{'红' * 66}.md"),  # 198 bytes
])
def test_cluster_pages_stay_in_clusters(name, src):
    assert clusters.cluster_src(name) == src


def test_cluster_intro_is_read_only_from_docs_clusters(tmp_path):
    docs = tmp_path / "docs"
    (docs / "clusters").mkdir(parents=True)
    (docs / "clusters" / "红色引擎.md").write_text("# 红色引擎\n\n介绍。\n", encoding="utf-8")
    (tmp_path / "secret.md").write_text("机密\n", encoding="utf-8")
    (docs / "clusters" / "link.md").symlink_to(tmp_path / "secret.md")
    assert clusters.intro_path(docs, "红色引擎") == docs / "clusters" / "红色引擎.md"
    assert clusters.intro_path(docs, "../../secret") == docs / "clusters" / "secret.md"  # not the file above
    assert clusters.intro_path(docs, str(tmp_path / "secret")).parent == docs / "clusters"
    assert clusters.intro_path(docs, "link") is None  # a symlink out of docs/clusters/


def test_name_key():
    assert names.key("ＡＢ 连心桥") == names.key("ab  连心桥") == names.key("a\u200bb 连心桥\ufeff")
    assert names.key("连心桥") != names.key("桥心连")
    assert names.key("邻\U000e0100里红盏") == names.key("邻里红\ufe00盏") == names.key("邻里红盏")


def test_an_emojis_own_variation_selector_and_joiner_are_no_invisible_characters():
    """❤️ is ❤ and U+FE0F, 1️⃣ is 1, U+FE0F and U+20E3: both show; after a letter it shows nothing."""
    assert names.invisible("用心❤️服务") is None and names.invisible("1️⃣号窗口") is None
    assert names.invisible("连心\ufe0f桥") == "\ufe0f" and names.invisible("139\ufe0f1234") == "\ufe0f"
    # a joiner between two emoji makes one (👨‍👩‍👧, ❤️‍🔥); between letters it hides
    assert names.invisible("家庭👨\u200d👩\u200d👧驿站") is None and names.invisible("暖心❤\ufe0f\u200d🔥") is None
    assert names.invisible("连\u200d心") == "\u200d" and names.invisible("❤\u200d心") == "\u200d"


@pytest.mark.parametrize("text", [
    "m: " + "[" * 50_000 + "]" * 50_000,
    "m: " + "{a: " * 50_000 + "}" * 50_000,
    "".join(" " * i + f"k{i}:\n" for i in range(200)) + " " * 200 + "v",
])
def test_deep_nesting_is_refused_without_recursion(text):
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # composing would need one frame a level; the check needs none
    try:
        with pytest.raises(YamlProblem) as caught:
            load(text)
    finally:
        sys.setrecursionlimit(limit)
    assert "嵌套超过" in caught.value.message


def test_a_nesting_check_run_stays_fast_and_alive():
    """50,000 levels used to crash the process (a segmentation fault in the composer)."""
    import subprocess

    code = ("from brandsite.content.yamlsafe import load, YamlProblem\n"
            "try:\n    load('m: ' + '[' * 50000 + ']' * 50000)\nexcept YamlProblem as e:\n    print(e.line)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=os.environ)
    assert out.returncode == 0 and out.stdout.strip() == "1", out.stderr[-500:]


def test_sample_stats_stay_valid_json_at_the_limits(tree):
    import json

    from brandsite.site import stats

    at_limit = "  - {label: 为群众解决难题, value: 1000000000000, unit: 件}\n" * 3
    tree.brand(**{METRIC + "\n": at_limit})
    catalog, problems = check(tree)
    assert messages(problems) == []
    text = json.dumps(stats.compute(catalog, datetime.date(2024, 1, 1)), allow_nan=False)
    assert json.loads(text)["metric_sums"][0]["value"] == 3 * 10**12


# -- brandsite new ----------------------------------------------------------------------


@pytest.mark.parametrize("slug,name,said", [
    ("con", "红桥", "文件夹名“con”是 Windows 的设备名"),
    ("stats", "红桥", "文件夹名“stats”是留给网站自动生成的页面的保留名称"),
    ("a" * 81, "红桥", "太长（81 个字符）"),
    ("hong-qiao", "红\u202e桥", "品牌名称里有不可见的字符（U+202E，文字方向控制符）"),
])
def test_new_refuses_what_the_check_would(tree, slug, name, said):
    from click.testing import CliRunner

    from brandsite.cli import main

    result = CliRunner().invoke(main, ["new", slug, "--name", name, "--category", "社区", "--brands-dir", str(tree.brands)])
    assert result.exit_code == 2 and said in result.output, result.output
    assert not any(tree.brands.iterdir())


@pytest.mark.parametrize("name", ["红旗: 先锋", "红桥 #1", "'红桥'", '"红\\桥"', "[红桥]"])
def test_new_writes_any_name_as_yaml_reads_it(tree, name):
    from click.testing import CliRunner

    from brandsite.cli import main

    result = CliRunner().invoke(main, ["new", "hong-qiao", "--name", name, "--category", "社区", "--brands-dir", str(tree.brands)])
    assert result.exit_code == 0, result.output
    catalog, problems = check(tree)
    assert {p.level for p in problems} == {"warning"}  # the placeholder logo and sample texts only
    assert catalog.get("hong-qiao").name == name


def test_years_written_with_a_decimal_point_are_whole_years(tree):
    tree.brand(**{"  - year: 2024": "  - year: 2024.0", "year: 2023}": "year: 2023.0}"})
    catalog, problems = check(tree)
    assert messages(problems) == []
    brand = catalog.get("lian-xin-qiao")
    assert [repr(g.year) for g in brand.goals] == ["2024"] and repr(brand.metrics[0].year) == "2023"


@pytest.mark.parametrize("block, flagged", [
    ("connotation: |\n  # 备注:暂缓宣传\n  正文。\n", [2]),
    ("connotation: >\n  正文,\n    #\n  接着写。\n", [3]),  # folded: the note joins the text
    ("carriers:\n  - name: 示范岗\n    description: |\n      亮身份。\n      # 待核实\n", [5]),
    ("connotation: |\n  ## 小标题\n  正文 # 不是行首\n", []),  # a heading meant as one; a # inside a line
    ("connotation: |\n  #党建引领# 话题\n", [2]),  # a topic tag at a line's start: a heading to Python-Markdown
    ("# 注释\nconnotation: 正文\n# 又一条注释\n", []),  # comments outside a block are comments
    ("connotation: |\n  #内部备注:暂不公开\n  正文。\n", [2]),  # no space: a heading to Python-Markdown too
    ("carriers:\n  - name: 示范岗\n    description: \"在服务厅设立示范岗。\n      # 内部备注\n      继续描述。\"\n", [4]),
    ("connotation: |\n  正文。\n\n# 下面是载体\ncarriers: []\n", []),  # a comment after the block, less indented
    ("connotation: |\n    正文。\n  # 少缩进的一行\nname: 甲\n", []),  # less indented than the text: YAML's comment
])
def test_a_comment_like_line_inside_a_block_of_text_is_an_error_at_its_line(block, flagged):
    """Under `key: |` or `key: >` a "# ..." line is text the site shows (a heading in prose),
    though an editor who was told that # starts a comment means it as a note."""
    _, _, repairs = load(block)
    assert [line for message, line, level in repairs if level == "error"] == flagged, repairs
    assert all("不是注释" in message for message, _, _ in repairs)


def test_a_case_body_that_repeats_its_title_as_a_heading_shows_it_once(tree):
    """The case page has the title as its heading: a first `# title` line in the body is left
    out (as story.md's is), its place kept so that later lines keep their numbers; another
    first heading stays."""
    from tests.conftest import CASE_MD

    tree.brand()
    body = "示范岗的党员梳理出一张清单"
    tree.write("lian-xin-qiao/cases/tui-shui.md", CASE_MD.replace(body, "#  一张清单解决企业退税难题 \n\n" + body + "<script>"))
    tree.write("lian-xin-qiao/cases/ling-yi.md", CASE_MD.replace(body, "# 另一个标题\n\n" + body))
    catalog, problems = check(tree)
    [case] = [c for c in catalog.get("lian-xin-qiao").cases if c.slug == "tui-shui"]
    assert "退税难题" not in case.body and case.body.startswith("\n\n" + body), case.body
    assert [p.line for p in problems if p.path.endswith("tui-shui.md") and "script" in p.message] == [9], problems
    [other] = [c for c in catalog.get("lian-xin-qiao").cases if c.slug == "ling-yi"]
    assert other.body.startswith("# 另一个标题")


def test_a_comment_after_a_value_with_a_long_run_of_spaces_does_not_hang_the_check():
    """`slogan: 党建 #x`, 300,000 spaces, `y`: the pattern that found such comments backtracked
    over the spaces (8 s for 50,000, minutes for this); the comment is told at once."""
    import subprocess

    code = ("from brandsite.content.yamlsafe import load\n"
            "print(load('slogan: 党建 #x' + ' ' * 300000 + 'y')[2][0][0][:3])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=os.environ)
    assert out.returncode == 0 and out.stdout.strip() == "“#x", out.stderr[-500:]


def test_many_no_break_spaces_after_colons_on_one_line_do_not_hang_the_check():
    """{label:\u00a0x, label:\u00a0x, …} 80,000 times (a file of 1 MB): each mend copied the
    whole line and each match looked back for its brace (10 s, quadratic); one pass now."""
    import subprocess

    code = ("from brandsite.content.yamlslips import slips\n"
            "found, mended = slips('metrics:\\n  - {' + 'label:\\u00a0x, ' * 80000 + '}\\n')\n"
            "print(len(found), mended.count('label: x'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=8, env=os.environ)
    assert out.returncode == 0 and out.stdout.split() == ["1", "80000"], out.stderr[-500:]


def test_many_chinese_commas_and_colons_in_braces_on_one_line_do_not_hang_the_check():
    """{，brand: 1，brand: 1 …} 88,000 times (1 MB): each mend copied the line (25 s) and each was a
    message of its own; one pass now, five told and the rest counted."""
    import subprocess

    code = ("from brandsite.content.yamlslips import slips\n"
            "found, mended = slips('extra: {' + '，brand：1' * 88000 + '}\\n')\n"
            "print(len(found), mended.count(', brand: 1'), found[-1][1])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=8, env=os.environ)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.split() == ["12", "88000", "这一行还有", "87995", "处同样的问题，请一并改正"], out.stdout


def test_a_line_of_dashes_and_spaces_does_not_hang_the_check():
    """"-  -  -  … !": the pattern that found a | text's key split the spaces around each dash in
    every way it could (30 of them: minutes); a line is read once now."""
    import subprocess

    code = ("from brandsite.content.yamlslips import slips\n"
            "print(len(slips('-  ' * 60 + '!\\n' + '-   ' * 60 + '!')[0]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=os.environ)
    assert out.returncode == 0 and out.stdout.strip() == "0", out.stderr[-500:]


def _quickly(code: str) -> str:
    """`code`'s output, run in a process of its own that a hang cannot outlast."""
    import subprocess

    out = subprocess.run([sys.executable, "-"], input=code, capture_output=True, text=True, timeout=60, env=os.environ)
    assert out.returncode == 0, out.stderr[-500:]
    return out.stdout.strip()


def test_a_long_run_of_spaces_in_a_line_the_yaml_message_reads_does_not_hang_the_check():
    """The message for a list item written as text before a field (`- 桥…` then `description:`)
    and for text after a closing quote read the line before, and the line, with patterns that
    went over a long run of spaces once for each space (300,000: minutes): lines longer than a
    message shows get the general message."""
    head = "name: 测试品牌\ncarriers:\n"
    item = repr(head + "  - 桥" + " " * 300000 + "x\n    description: 好\n")
    closed = repr('slogan: "好"\n' + " " * 300000 + "x y\n")
    out = _quickly("from brandsite.content.yamlsafe import YamlProblem, load\n"
                   f"for text in ({item}, {closed}):\n"
                   "    try:\n"
                   "        load(text)\n"
                   "    except YamlProblem as problem:\n"
                   "        print(problem)\n")
    assert out.count("YAML 格式错误") == 2, out


def test_front_matter_of_blank_lines_in_a_story_and_a_long_heading_in_a_case_do_not_hang_the_check(tmp_path):
    """story.md as --- and 60,000 empty lines ---: the pattern that looks for a case's front
    matter went from each line to the end (40,000: 31 s); a case whose first line is # and a
    word with 300,000 spaces inside: the heading pattern went over them once for each."""
    from tests.conftest import BrandTree

    tree = BrandTree(tmp_path)
    folder = tree.brand()
    (folder / "story.md").write_text("---" + "\n" * 60000 + "---\n# 故事\n\n正文。\n", encoding="utf-8")
    (folder / "cases" / "hang.md").write_text("---\ntitle: 案例\ndate: 2023-06-18\n---\n# 测" + " " * 300000 + "试\n",
                                             encoding="utf-8")
    out = _quickly("from pathlib import Path\n"
                   "from brandsite.content.load import load_catalog\n"
                   "from brandsite.content.model import DEFAULT_CATEGORIES\n"
                   f"catalog, problems = load_catalog(Path({str(tree.brands)!r}), DEFAULT_CATEGORIES)\n"
                   "print(len(catalog), len(problems))\n")
    assert out.split()[0] in ("0", "1"), out


def test_a_long_line_starting_with_a_sign_does_not_hang_the_check():
    """slogan: !a# and 200,000 letters: the pattern that made the message's example read the line
    again from each letter (40,000: 19 s); a long line gets the general example at once."""
    import subprocess

    code = ("from brandsite.content.yamlsafe import load, YamlProblem\n"
            "for sign in '!@%':\n"
            "    try:\n"
            "        load('slogan: ' + sign + 'a#' + 'a' * 200000)\n"
            "    except YamlProblem as exc:\n"
            "        print(len(exc.message) < 200)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=os.environ)
    assert out.returncode == 0 and out.stdout.split() == ["True"] * 3, (out.stdout, out.stderr[-500:])


def test_a_cluster_intro_that_is_not_utf8_does_not_stop_the_build(tmp_path):
    from brandsite.content.model import Brand, Catalog

    docs = tmp_path / "docs"
    (docs / "clusters").mkdir(parents=True)
    (docs / "clusters" / "红色引擎.md").write_bytes("介绍".encode("gbk"))
    brand = Brand(slug="a", folder=tmp_path, name="甲乙", organization="党支部", category="机关", stage="培育",
                  established=2020, logo="logo.svg", connotation="", carriers=[], cluster="红色引擎")
    [group] = clusters.clusters(Catalog([brand], "public", ("机关",)), docs)
    assert group.intro and "\ufffd" in group.intro


def test_a_colon_in_a_link_s_first_segment_is_encoded():
    """A file path like https:/host/logo.svg, linked from the page beside it, would be read as
    an address on another host (the check refuses such names; the links are safe anyway)."""
    from brandsite.content.names import quote_path

    assert quote_path("https:/evil.example/logo.svg") == "https%3A/evil.example/logo.svg"
    assert quote_path("javascript:alert(1)") == "javascript%3Aalert(1)"
    assert quote_path("../photos/a:b.png") == "../photos/a:b.png"  # a later segment is never a scheme
    assert quote_path("logo.svg") == "logo.svg"


def test_a_zero_width_space_pasted_into_a_longer_text_is_no_error(tree):
    """Only controls that reorder text are refused in the longer texts (event, goal, document, summary):
    a zero-width space Word pasted in shows nothing and changes nothing shown."""
    tree.brand(yml=BRAND_YML.replace("event: 召开党员大会，确定品牌名称", "event: 召开党员大会，\u200b确定品牌名称"))
    catalog, problems = check(tree)
    assert messages(problems) == [] and len(catalog) == 1


def test_a_folder_without_brand_yml_named_nearly_as_a_brand_is_told_where_its_files_go(tree):
    """A story saved from the web editor under a mistyped folder (lin-xin-qiaoo): the check said only
    that brand.yml was missing, in a folder the editor never made on purpose."""
    tree.brand()
    tree.write("lian-xinqiao/story.md", "# 故事\n\n正文。\n")
    tree.write("xin-pin-pai/story.md", "# 故事\n\n正文。\n")
    _, problems = check(tree)
    said = {p.path: p.message for p in problems if "缺少 brand.yml" in p.message}
    assert said["brands/lian-xinqiao/brand.yml"] == (
        "缺少 brand.yml。这个文件夹里只有 story.md，名字和品牌文件夹 lian-xin-qiao/ 只差几个字母：文件夹名可能写错了。"
        "如果这些是那个品牌的内容，请把它们移到 brands/lian-xin-qiao/ 里，再删去这个文件夹"), said
    assert said["brands/xin-pin-pai/brand.yml"] == "缺少 brand.yml。每个品牌文件夹都需要一个 brand.yml", said


def test_a_brand_unpacked_a_folder_too_deep_is_told_to_move_its_files_up(tree):
    """brands/hong-qi/hong-qi/brand.yml (a zip unpacked into a folder of its own name): the check
    said brand.yml was missing where it never was, not that it was one level down."""
    import shutil

    folder = tree.brand("hong-qi", **{"name: 连心桥": "name: 红旗"})
    inner = tree.brands / "hong-qi-tmp"
    shutil.move(folder, inner)
    (tree.brands / "hong-qi").mkdir()
    shutil.move(inner, tree.brands / "hong-qi" / "hong-qi")
    _, problems = check(tree)
    said = {p.path: p.message for p in problems if "缺少 brand.yml" in p.message}
    assert said == {"brands/hong-qi/brand.yml": "缺少 brand.yml。brand.yml 在下一层的 hong-qi/ 文件夹里（解压时常会多出一层文件夹）。"
                    "请把 hong-qi/ 里的全部文件移到 brands/hong-qi/ 下，再删去空的 hong-qi/ 文件夹"}, said
