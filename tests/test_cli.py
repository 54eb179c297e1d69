"""The brandsite command: exit codes, output formats, scaffolding."""

from __future__ import annotations

import json

import pytest

from click.testing import CliRunner
from tests.conftest import check

from brandsite.cli import main


def run(*args, cwd=None):
    """The command, run from a folder without a mkdocs.yml (the repository's would add its sample footer's notes)."""
    import os
    import tempfile

    here = os.getcwd()
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with tempfile.TemporaryDirectory() as elsewhere:
        os.chdir(cwd or (elsewhere if os.path.samefile(here, repo) else here))  # a test's own folder (monkeypatch.chdir) stays
        try:
            return CliRunner().invoke(main, list(args), catch_exceptions=False)
        finally:
            os.chdir(here)


def test_check_clean_exits_0(tree):
    tree.brand()
    result = run("check", str(tree.brands))
    assert result.exit_code == 0, result.output
    assert "1 个品牌，0 个问题。全部通过" in result.output


def test_check_problems_exit_1_with_path_line(tree):
    tree.brand(**{"category: 机关": "category: 街道"})
    result = run("check", str(tree.brands))
    assert result.exit_code == 1
    assert "brands/lian-xin-qiao/brand.yml:4: category（类别）的值“街道”不在本站的类别列表中" in result.output
    assert result.output.strip().splitlines()[-1].startswith("1 个品牌，1 个问题（1 个错误，0 个警告）")  # and the notes


@pytest.mark.parametrize("line2, said", [
    ("site_name：青川县党建品牌展示", "mkdocs.yml:2: “site_name”后面是中文冒号“：”"),
    ("plugins: [search, brandsite", "mkdocs.yml:3: 网站设置读不出来，构建和预览都会停下。YAML 格式错误：方括号 [ ] 没有配对"),
    ('site_name: "青川县党建品牌展示\ncopyright: © 2026', "mkdocs.yml:2: 这一行的引号没有配对"),
    ("site_name: 青川\n\u3000\u3000copyright: 2026", "mkdocs.yml:3: 这一行用了全角空格或 Tab 缩进"),
    ("site_name:", "mkdocs.yml:2: site_name（网站名称）没有填写，构建会停下"),
    ("site_name: 青川\ncopyright: 某某\x0b单位", "mkdocs.yml:3: 网站设置读不出来，构建和预览都会停下。这里有不可见的控制字符（U+000B）"),
    ("site_name: 青川\nsite_description: 一支部\u2028一品牌", "mkdocs.yml:3: 网站设置读不出来，构建和预览都会停下。这一行有看不见的换行符（U+2028"),
    # the settings the theme writes into every page as they are: no markup, no script
    ('site_name: "连心<img src=x onerror=alert(1)>"', "mkdocs.yml:2: site_name（网站名称）里有英文的 <、> 符号。"),
    ("site_name: 青川\nsite_description: '\"><script>alert(1)</script>'", "mkdocs.yml:3: site_description（网站简介）里有英文的 \"、<、> 符号"),
    ("site_name: 青川\ncopyright: '本站<script>alert(1)</script>'", "mkdocs.yml:3: copyright（页脚文字）里有不能用的网页代码"),
    ('site_name: 青川\ncopyright: \'<a href="javascript:alert(1)">主办单位</a>\'', "mkdocs.yml:3: copyright（页脚文字）里有不能用的网页代码"),
    # theme options Material writes into attributes as they are
    ("site_name: 青川\ntheme:\n  name: material\n  palette:\n    - toggle: {icon: material/brightness-7, name: '夜间\"><b>'}",
     "mkdocs.yml:3: theme.palette.toggle.name 里有英文的 \"、<、> 符号"),
    ("site_name: 青川\nextra:\n  social:\n    - {icon: fontawesome/brands/github, link: 'x\"><b>'}", "mkdocs.yml:3: extra.social.link 里有英文的"),
    # nav titles and addresses, the site's and the repository's addresses, any theme or extra option:
    # written into every page as they are (a <meta http-equiv="refresh"> sent visitors elsewhere)
    ("site_name: 青川\nnav:\n  - 首页: index.md\n  - 栏目:\n      - '数据<meta http-equiv=refresh content=0;url=https://evil.example/>': s.md",
     "mkdocs.yml:6: nav（导航）里的“数据<meta http-equiv=refresh content=0;url”有英文的 <、> 符号。"),
    ("site_name: 青川\nnav:\n  - 外链: 'https://example.org/\"><meta http-equiv=refresh>'", "mkdocs.yml:4: nav（导航）里的“https://example.org/\"><meta"),
    ("site_name: 青川\nsite_url: 'https://example.org/\"><meta http-equiv=refresh>'", "mkdocs.yml:3: site_url 里有英文的 \"、<、> 符号。"),
    ("site_name: 青川\nrepo_name: '<meta http-equiv=refresh>'", "mkdocs.yml:3: repo_name 里有英文的 <、> 符号。"),
    ("site_name: 青川\nextra:\n  consent:\n    title: 同意\n    description: '<meta http-equiv=refresh>'",
     "mkdocs.yml:6: extra.consent.description 里有英文的 <、> 符号。"),
    ("site_name: 青川\ntheme:\n  name: material\n  font: false\n  favicon: 'x.png\"><meta http-equiv=refresh>'",
     "mkdocs.yml:6: theme.favicon 里有英文的 \"、<、> 符号。"),
    # read one way by Python's HTML parser and another by a browser: a comment that <!--> ends
    ("site_name: 青川\ncopyright: '© 2024<!--><script>alert(1)</script><style>-->'", "mkdocs.yml:3: copyright（页脚文字）里有不能用的网页代码"),
    ("site_name: 青川\ncopyright: '© <![CDATA[><script>alert(2)</script><style>]]>'", "mkdocs.yml:3: copyright（页脚文字）里有不能用的网页代码"),
    # what MkDocs' own validation refuses (the file reads)
    ("site_name: 青川\ncopyright: 2024", "mkdocs.yml:3: copyright 的写法不对，构建会停下。这里要写文字，数字请加引号"),
    ("site_name: 青川\nsite_url: 127.0.0.1:8000", "mkdocs.yml:3: site_url 的写法不对，构建会停下。网址要以 http:// 或 https:// 开头"),
    ("site_name: 青川\nplugins:\n  - brandsite:\n      categories: [机关，社区]",
     "mkdocs.yml:5: categories（本站的类别）里的“机关，社区”用了中文逗号或顿号，会被当成一个类别。请用英文逗号分开，写成 categories: [机关, 社区]"),
    # the plugin's own options, as its config classes refuse them (the build hung, wrote outside
    # the site, crashed or refused every image while check passed)
    *((f"site_name: 青川\nplugins:\n  - brandsite:\n      {option}", f"mkdocs.yml:5: {said}") for option, said in [
        ('url_prefix: ""', "url_prefix（品牌页面所在的文件夹）“”不能用作网址"),
        ("url_prefix: ../escape", "url_prefix（品牌页面所在的文件夹）“../escape”不能用作网址"),
        ("url_prefix: stats", "url_prefix（品牌页面所在的文件夹）“stats”与网站自带的栏目重名，会盖住它"),
        ("categories: []", "categories（本站的类别）是空的，品牌没有类别可选"),
        ("image_max_pixels: 0", "image_max_pixels（图片像素上限）要大于 0，现在是 0"),
        ("mourning_days: [02-30]", "mourning_days（哀悼日）的写法不对：02-30。"),
        ("mourning_days: [12-13..12-01]", "mourning_days（哀悼日）的写法不对：12-13..12-01。"),
        ("mourning_days: [2025-04-05..2025-04-03]", "mourning_days（哀悼日）的写法不对：2025-04-05..2025-04-03。"),
        # a day as people write it: told how to write it
        ("mourning_days: [4月4日, 2025/4/4]", "mourning_days（哀悼日）的写法不对：4月4日、2025/4/4。“4月4日”应写成 04-04；“2025/4/4”应写成 2025-04-04；"),
        # a number or yes/no, not a day (4.10 is read as 4.1): told in Chinese, no day guessed from it
        ("mourning_days: [12-13, 4.10]", "mourning_days（哀悼日）里有一项被读成了数字，不是日期。月和日之间要用短横线，写成 04-10 这样"),
        ("mourning_days: 0410", "mourning_days（哀悼日）里有一项被读成了数字，不是日期"),  # not “264”, YAML's octal
        ("mourning_days: [yes]", "mourning_days（哀悼日）里有一项被读成了是或否（yes、on、true 这类词），不是日期"),
        # a date of no calendar: YAML itself fails on it (check crashed with a traceback)
        ("mourning_days: [2025-02-30]", "网站设置读不出来，构建和预览都会停下。日期“2025-02-30”不存在，请改成真实的日期"),
        ("police_record: 京公网安备", "police_record（公安机关备案号）“京公网安备”里没有数字"),
        ("max_image_mb: .nan", "max_image_mb（图片文件大小上限，MB）要大于 0，现在是 nan"),  # check crashed on it
    ]),
])
def test_a_mkdocs_yml_that_is_no_yaml_fails_check_build_and_serve_in_chinese(tree, monkeypatch, line2, said):
    """The guide has editors change site_name there: check read no options from a broken file (the
    default categories) and passed, while the build stopped with MkDocs' English message."""
    tree.brand()
    (tree.root / "docs").mkdir(exist_ok=True)
    (tree.root / "mkdocs.yml").write_text(f"# 网站设置\n{line2}\ndocs_dir: docs\n", encoding="utf-8")
    monkeypatch.chdir(tree.root)
    for command in (["check"], ["build"], ["serve", "--dev-addr", "127.0.0.1:1"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1 and said in result.output, (command, result.output)
        assert "MkDocs encountered" not in result.output


def test_a_site_url_from_a_wrong_environment_variable_names_the_variable_not_the_line(tree, monkeypatch):
    """site_url: !ENV [SITE_URL, …] with SITE_URL=127.0.0.1:8000: the editor is told to mend the
    variable (the line is right), for check and build alike."""
    tree.brand()
    (tree.root / "docs").mkdir(exist_ok=True)
    (tree.root / "mkdocs.yml").write_text('site_name: 青川\nsite_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]\nplugins:\n  - brandsite\n',
                                          encoding="utf-8")
    monkeypatch.chdir(tree.root)
    monkeypatch.setenv("SITE_URL", "127.0.0.1:8000")
    for command in (["check"], ["build"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert ("mkdocs.yml:2: site_url 的写法不对，构建会停下。这一项读的是环境变量 SITE_URL，它现在的值是“127.0.0.1:8000”，"
                "不是有效的网址（要以 http:// 或 https:// 开头）。请改正这个环境变量") in result.output, result.output
    monkeypatch.setenv("SITE_URL", "https://qingchuan.example.gov.cn/")
    assert CliRunner().invoke(main, ["check"]).exit_code == 0


def test_checking_one_brand_folder_lists_that_brands_problems_only(tree):
    """An editor checks their own folder: it was read as a folder of brands (cases/ a brand
    without brand.yml). The brand is checked among the others, and only its problems are listed."""
    tree.brand(**{"category: 机关": "category: 街道"})
    tree.brand("hong-qiao", case=False, **{"name: 连心桥": "name: 红桥", "stage: 命名": "stage: 百强"})
    tree.write("hong-qiao/story.md", "# 故事\n\n红桥的故事。\n")
    # the file the editor has open: it was "找不到品牌文件夹 brands/hong-qiao/story.md/"
    for given in ("brands/hong-qiao", "brands/hong-qiao/brand.yml", "brands/hong-qiao/story.md"):
        result = run("check", str(tree.root / given))
        assert result.exit_code == 1 and "hong-qiao/brand.yml:" in result.output, result.output
        assert "lian-xin-qiao" not in result.output and "cases" not in result.output, result.output
        assert result.output.strip().endswith("1 个品牌，1 个问题（1 个错误，0 个警告）\n"
                                              "（其他品牌另有 1 个问题，不在这里列出；运行 brandsite check 查看全部）"), result.output


def test_checking_one_brand_lists_what_another_brand_is_told_because_of_it(tree, monkeypatch):
    """A name made like another brand's is told on one of the two: the one-folder check of the
    other said all passed, and the full check failed."""
    tree.brand(**{"name: 连心桥": "name: 桃源新村"})
    tree.brand("zhuang-qiao", **{"name: 连心桥": "name: 桃源新村二期"})
    monkeypatch.chdir(tree.root)
    full = run("check")
    told = "brands/zhuang-qiao/brand.yml:1: 警告：品牌名称“桃源新村二期”与 brands/lian-xin-qiao/brand.yml 的“桃源新村”非常相似"
    assert full.exit_code == 1 and told in full.output, full.output
    for given in ("brands/lian-xin-qiao", "lian-xin-qiao"):  # the brand it is about; and without brands/
        result = run("check", given)
        assert result.exit_code == 1 and told in result.output, result.output
    for given in ("brands/lian-xin-qiao/cases", "brands/lian-xin-qiao/cases/tui-shui.md"):
        result = run("check", given)  # a case, or the folder of them: their brand
        assert result.exit_code == 1 and told in result.output and "找不到品牌文件夹" not in result.output, result.output


def test_checking_one_brand_lists_the_links_to_it_its_change_broke(tree, monkeypatch):
    """Another brand's story links this brand's case, and its page: the case renamed, or the brand
    made internal, broke those links. Checking the changed brand alone said all passed, while the
    whole check and the build failed at the other brand's story."""
    tree.brand()
    tree.brand("hong-qiao", **{"name: 连心桥": "name: 红桥"})
    tree.write("hong-qiao/story.md", "见[退税清单](../lian-xin-qiao/cases/tui-shui.md)。\n")
    monkeypatch.chdir(tree.root)
    assert run("check").exit_code == 0
    (tree.brands / "lian-xin-qiao/cases/tui-shui.md").rename(tree.brands / "lian-xin-qiao/cases/tui-shui-qing-dan.md")
    told = "brands/hong-qiao/story.md:1: 链接“../lian-xin-qiao/cases/tui-shui.md”：品牌 lian-xin-qiao 的 cases/ 里没有 tui-shui.md"
    for given in (None, "brands/lian-xin-qiao", "brands/lian-xin-qiao/cases/tui-shui-qing-dan.md"):
        result = run("check", *([given] if given else []))
        assert result.exit_code == 1 and told in result.output, (given, result.output)
    # the folder renamed: the link names the old name, and the new folder is the one it meant
    (tree.brands / "lian-xin-qiao").rename(tree.brands / "lian-xin-qiao-er")
    result = run("check", "brands/lian-xin-qiao-er")
    assert result.exit_code == 1 and "brands/hong-qiao/story.md:1: 链接“../lian-xin-qiao/cases/tui-shui.md”：brands/ 里没有" in result.output, result.output


def test_an_empty_folder_is_warned_about_not_counted_as_a_brand(tree):
    tree.brand()
    (tree.brands / "kong").mkdir()
    result = run("check", str(tree.brands))
    assert "brands/kong:1: 警告：这是一个空文件夹" in result.output
    assert result.output.rstrip().splitlines()[-2] == "1 个品牌，1 个问题（0 个错误，1 个警告）", result.output


def test_check_fails_on_a_warning_as_the_build_does_unless_told_not_to(tree):
    """The build stops on a warning: a check that passed must mean a build that passes."""
    tree.brand()
    tree.write("stray.txt", "x")
    assert run("check", str(tree.brands)).exit_code == 1
    assert run("check", str(tree.brands), "--strict").exit_code == 1
    assert run("check", str(tree.brands), "--no-strict").exit_code == 0


def test_check_json(tree):
    tree.brand(**{"established: 2019": "established: 早"})
    result = run("check", str(tree.brands), "--format", "json")
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert data["errors"] == 1
    assert data["problems"][0]["path"] == "brands/lian-xin-qiao/brand.yml"
    assert data["problems"][0]["line"] == 7


def test_check_github(tree):
    tree.brand(**{"established: 2019": "established: 早"})
    result = run("check", str(tree.brands), "--format", "github")
    assert result.output.startswith("::error file=brands/lian-xin-qiao/brand.yml,line=7::established（创建年份）应为整数")


def test_check_gitlab_is_a_code_quality_report(tree):
    """GitLab shows a Code Quality report's findings on a merge request's changed lines (GitLab's
    pipeline kept only a JSON of its own, so problems were in the job's log alone)."""
    import json

    tree.brand(**{"established: 2019": "established: 早"})
    tree.brand("hong-qiao", **{"name: 连心桥": "name: 红桥", "category: 机关": "category: 医院"})
    result = run("check", str(tree.brands), "--format", "gitlab")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert [(f["location"]["path"], f["location"]["lines"]["begin"], f["severity"]) for f in report] == [
        ("brands/hong-qiao/brand.yml", 4, "major"), ("brands/lian-xin-qiao/brand.yml", 7, "major")]
    assert report[1]["description"].startswith("established（创建年份）应为整数") and report[0]["check_name"] == "brandsite"
    assert len({f["fingerprint"] for f in report}) == 2


def test_check_github_escapes_a_folder_name_that_looks_like_a_command(tree):
    """A folder name is content: its commas and colons stay inside file=, so it can neither set
    line= or title= nor end the command early and write a message of its own."""
    (tree.brands / "x,line=999,title=PWN::%0A::error::injected").mkdir()
    result = run("check", str(tree.brands), "--format", "github")
    assert result.output.splitlines() == [
        "::warning file=brands/x%2Cline=999%2Ctitle=PWN%3A%3A%250A%3A%3Aerror%3A%3Ainjected,line=1::"
        + result.output.split(",line=1::", 1)[1].rstrip("\n")]
    assert "::error" not in result.output and "line=999," not in result.output


def test_new_creates_a_brand_that_passes(tree):
    result = run("new", "hong-qiao", "--name", "红桥", "--category", "社区", "--brands-dir", str(tree.brands))
    assert result.exit_code == 0, result.output
    folder = tree.brands / "hong-qiao"
    assert (folder / "brand.yml").read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schema/brand.schema.json")
    catalog, problems = check(tree)
    # It builds (warnings only), and every piece of sample text it holds is named, so that
    # none is published unnoticed: a strict check (make check, CI) fails until each is rewritten.
    sample = "还是 brandsite new 生成的示例文字。请改写成本品牌自己的内容"
    assert [(p.path.split("hong-qiao/")[1], p.line, p.message, p.level) for p in problems] == [
        ("brand.yml", 5, "organization（所属党组织）" + sample, "warning"),
        ("brand.yml", 13, "标识还是 brandsite new 生成的占位图。请把本品牌的标识图片放进品牌文件夹，再把 logo: 改成它的文件名（例如 logo: logo.png）", "warning"),
        ("brand.yml", 14, "connotation（理念内涵）" + sample, "warning"),
        ("brand.yml", 19, "carriers 第 1 项的 description（载体说明）" + sample, "warning"),
        ("cases/example.md", 2, "title（案例标题）" + sample, "warning"),
        ("cases/example.md", 4, "summary（案例摘要）" + sample, "warning"),
        ("cases/example.md", 7, "案例正文" + sample, "warning"),
    ]
    assert catalog.get("hong-qiao").name == "红桥"
    assert run("check", "--no-strict", str(tree.brands)).exit_code == 0
    strict = run("check", str(tree.brands))
    assert strict.exit_code == 1 and strict.output.rstrip().endswith("警告也要处理，处理完才能构建网站。")
    # Partly rewritten, or a commented sample uncommented as it is: still sample text.
    yml = folder / "brand.yml"
    text = yml.read_text(encoding="utf-8")
    text = text.replace("请填写所属党组织，例如某某区某某局机关党委", "红桥社区党委，例如某某区某某局机关党委")
    text = text.replace("请写这个载体是什么、怎样开展、多久开展一次。", "党员示范岗、怎样开展、多久开展一次。")
    text = text.replace("# region: 某某区", "region: 某某区")
    yml.write_text(text, encoding="utf-8")
    case = folder / "cases" / "example.md"
    case.write_text(case.read_text(encoding="utf-8").replace("请用几段话讲清楚这个案例", "红桥社区停车难"), encoding="utf-8")
    _, problems = check(tree)
    assert [(p.path.split("hong-qiao/")[1], p.line) for p in problems if "示例文字" in p.message] == [
        ("brand.yml", 5), ("brand.yml", 14), ("brand.yml", 19),
        ("cases/example.md", 2), ("cases/example.md", 4), ("cases/example.md", 7)]
    # an uncommented sample region may be a real anonymised one: a note, not a warning
    assert [(p.line, p.level) for p in problems if "示例“某某区”" in p.message] == [(7, "info")]


def test_two_new_brands_are_not_told_they_copy_each_others_sample_text(tree):
    """Each is told its sample text is still there; that two samples are alike is no news."""
    for slug, name in (("hong-qiao", "红桥"), ("lv-di", "绿地")):
        assert run("new", slug, "--name", name, "--category", "社区", "--brands-dir", str(tree.brands)).exit_code == 0
    _, problems = check(tree)
    assert sum("示例文字" in p.message for p in problems) == 12
    assert [p.message for p in problems if "雷同" in p.message or "完全相同" in p.message] == []


def test_new_refuses_existing_and_invalid_slugs(tree):
    tree.brand()
    result = run("new", "lian-xin-qiao", "--name", "红桥", "--category", "社区", "--brands-dir", str(tree.brands))
    assert result.exit_code == 2 and "已经存在" in result.output
    result = run("new", "Hong Qiao", "--name", "红桥", "--category", "社区", "--brands-dir", str(tree.brands))
    assert result.exit_code == 2 and "只能用小写字母、数字和连字符" in result.output
    # the example is this brand's own folder name, as the check suggests one
    result = run("new", "芯火", "--name", "芯火先锋", "--category", "企业", "--brands-dir", str(tree.brands))
    assert result.exit_code == 2 and "例如 xin-huo" in result.output, result.output
    result = run("new", "新品牌", "--name", "芯火先锋", "--category", "企业", "--brands-dir", str(tree.brands))
    assert result.exit_code == 2 and "例如 xin-pin-pai" in result.output, result.output
    result = run("new", "hong-qiao", "--name", "红桥", "--category", "街道", "--brands-dir", str(tree.brands))
    assert result.exit_code == 2 and "类别“街道”不在本站的类别列表中。您是不是想写 社区？可选：机关、社区" in result.output, result.output
    result = run("new", "hong-qiao", "--name", "红桥", "--category", "党建", "--brands-dir", str(tree.brands))
    assert result.exit_code == 2 and "类别“党建”不在本站的类别列表中。可选：机关、社区" in result.output, result.output
    result = run("new", "hong-qiao\n", "--name", "红桥", "--category", "社区", "--brands-dir", str(tree.brands))
    assert result.exit_code == 2 and "只能用小写字母、数字和连字符" in result.output  # a line break is no part of a name
    result = run("new", "hong-qiao", "--name", "连心桥 ", "--category", "社区", "--brands-dir", str(tree.brands))
    assert result.exit_code == 2 and "品牌名称“连心桥”已被 " in result.output and "lian-xin-qiao/brand.yml 使用" in result.output
    # the same name in traditional characters: the check's near-duplicate warning would stop the build
    result = run("new", "hong-qiao", "--name", "連心橋", "--category", "社区", "--brands-dir", str(tree.brands))
    assert result.exit_code == 2 and "lian-xin-qiao/brand.yml 的“连心桥”（只差繁体简体、全角半角、大小写、空格或标点" in result.output, result.output
    assert sorted(p.name for p in tree.brands.iterdir()) == ["lian-xin-qiao"]


def test_shipped_schema_is_current(tmp_path):
    from tests.conftest import ROOT

    result = run("schema", "--out", str(tmp_path))
    assert result.exit_code == 0
    for name in ("brand.schema.json", "case.schema.json"):
        shipped = (ROOT / "schema" / name).read_text(encoding="utf-8")
        assert shipped == (tmp_path / name).read_text(encoding="utf-8"), f"run: brandsite schema ({name} is stale)"


def test_internal_print_never_writes_into_the_public_site(tree, monkeypatch):
    from brandsite.media.typeset import find_cjk_font

    tree.brand()
    tree.brand("nei-bu", **{"name: 连心桥": "name: 内部品牌", "featured: true": "featured: true\nvisibility: internal"})
    (tree.root / "mkdocs.yml").write_text("site_name: 测试\nplugins:\n  - brandsite\n", encoding="utf-8")
    (tree.root / "site").mkdir()
    monkeypatch.chdir(tree.root)
    monkeypatch.setenv("BRANDSITE_AUDIENCE", "internal")
    for out in ("site/catalogue.pdf", str(tree.root / "site" / "pdf" / "catalogue.pdf"), "site"):
        result = CliRunner().invoke(main, ["print", "--out", out])
        assert result.exit_code == 2, result.output
        assert "内网版品牌汇编含有不公开的品牌和案例，不能写进公开网站的 site/ 文件夹" in result.output
    assert list((tree.root / "site").iterdir()) == []
    if find_cjk_font() is None:
        pytest.skip("no CJK font on this machine (apt-get install fonts-noto-cjk)")
    # --config-file as build and check take it (and --config, as before)
    result = CliRunner().invoke(main, ["print", "--config-file", "mkdocs.yml"])
    assert result.exit_code == 0, result.output
    assert "已写入 site-internal/catalogue.pdf（2 个品牌，连封面和目录共 4 页）" in result.output
    assert list((tree.root / "site").iterdir()) == []


def test_a_public_brochure_is_not_printed_with_what_the_public_build_stops_at(tree, monkeypatch):
    """A contact's name and phone in public prose, a warning the build stops at, were printed into
    site/catalogue.pdf: its pages are pictures, which `brandsite leaks` cannot read."""
    from brandsite.media.typeset import find_cjk_font

    if find_cjk_font() is None:
        pytest.skip("no CJK font on this machine (apt-get install fonts-noto-cjk)")
    tree.brand(**{"有回音。": "有回音。有事找赵秀英，电话0571-86543210。"})
    tree.brand("nei-bu", **{"name: 连心桥": "name: 内部品牌", "featured: true": "featured: true\nvisibility: internal\n"
                            "contact:\n  name: 赵秀英\n  phone: 0571-86543210"})
    (tree.root / "mkdocs.yml").write_text("site_name: 测试\nplugins:\n  - brandsite\n", encoding="utf-8")
    monkeypatch.chdir(tree.root)
    monkeypatch.delenv("BRANDSITE_AUDIENCE", raising=False)
    result = CliRunner().invoke(main, ["print"])
    assert result.exit_code == 1, result.output
    assert "brands/lian-xin-qiao/brand.yml:13: 警告：公开内容里写了联系人“赵秀英”的姓名" in result.output
    assert "品牌内容有 0 个错误、2 个警告。生成网站时警告也算失败，品牌汇编也一样，请先改正（brandsite check）" in result.output
    assert not (tree.root / "site" / "catalogue.pdf").exists()
    # the intranet's brochure shows contacts, as its site does
    monkeypatch.setenv("BRANDSITE_AUDIENCE", "internal")
    result = CliRunner().invoke(main, ["print"])
    assert result.exit_code == 0 and "已写入 site-internal/catalogue.pdf" in result.output, result.output


def test_a_brochure_is_not_printed_with_an_image_the_build_refuses(tree, monkeypatch):
    """The site's pixel cap (image_max_pixels) and an SVG logo that cannot be drawn stop check and build:
    print drew the brochure anyway, the only command that read the images without holding them to it."""
    from brandsite.media.typeset import find_cjk_font

    if find_cjk_font() is None:
        pytest.skip("no CJK font on this machine (apt-get install fonts-noto-cjk)")
    tree.brand()
    (tree.root / "mkdocs.yml").write_text("site_name: 测试\nplugins:\n  - brandsite:\n      image_max_pixels: 1000\n", encoding="utf-8")
    monkeypatch.chdir(tree.root)
    monkeypatch.delenv("BRANDSITE_AUDIENCE", raising=False)
    checked, printed = CliRunner().invoke(main, ["check"]), CliRunner().invoke(main, ["print"])
    said = [line.strip() for line in checked.output.splitlines() if "像素" in line]
    assert checked.exit_code == 1 and said, checked.output
    assert printed.exit_code == 1 and all(line in printed.output for line in said), printed.output
    assert not (tree.root / "site" / "catalogue.pdf").exists()


@pytest.mark.parametrize("args, says", [
    (["new"], "错误：缺少参数 SLUG"),
    (["new", "hong-qiao"], "错误：缺少选项 --name"),
    (["check", "--strictt"], "错误：没有选项 --strictt。您是不是想写 --no-strict 或 --strict？"),
    (["check", "--formt", "json"], "错误：没有选项 --formt。您是不是想写 --format？"),
    (["serve", "--audience", "foo"], "错误：--audience 的值不对：“foo”不在可选范围内（可选：public、internal）"),
    (["chek"], "错误：没有命令 chek。您是不是想输入 check？"),
    (["xyz"], "错误：没有命令 xyz\n"),
    # run outside the site's folder (the deploy guide's leaks on the server's folder): "Path 'mkdocs.yml' does not exist."
    (["leaks", "site"], "错误：--config-file 的值不对：找不到“mkdocs.yml”。请在网站的仓库文件夹（有 mkdocs.yml 的那一层）里运行，"
                        "或用 --config-file 写出它的位置"),
])
def test_a_mistake_in_the_command_line_is_told_in_chinese(args, says, tmp_path, monkeypatch):
    """click's own words (Usage:, Try … for help., Error: Missing option) are English; editors read these."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args, prog_name="brandsite")
    assert result.exit_code == 2
    assert says in result.output and "用法：brandsite" in result.output and "查看说明" in result.output
    assert "Error" not in result.output and "Usage" not in result.output and "Try " not in result.output


def test_help_reads_in_chinese():
    """用法, 选项, 命令 and the help and version options' own lines; no click English left."""
    for args in ([], ["check"], ["new"]):
        result = CliRunner().invoke(main, [*args, "-h"], prog_name="brandsite")
        assert result.exit_code == 0
        assert result.output.startswith("用法：brandsite") and "选项：" in result.output and "显示本说明后退出" in result.output
        for english in ("Usage", "Options", "Commands", "Show this message", "Show the version", "[default", "[required"):
            assert english not in result.output, (args, english)
    listing = CliRunner().invoke(main, ["-h"], prog_name="brandsite").output
    assert "命令：" in listing
    # Each command by its first sentence, whole: never cut off in "..."
    assert "..." not in listing.split("命令：")[1] and "示例案例（改写前检查会逐条提示）。" in listing and "构建整个网站。\n" in listing


def test_an_escape_sequence_in_content_reaches_no_terminal_raw(tree):
    """A link target or a file name with ESC or BEL in it is quoted in the message: on a terminal it
    would clear the screen or retitle the window. No format prints them raw; an image's address is
    quoted as the page reads it, the controls taken out (prose.page_html)."""
    folder = tree.brand()
    (folder / "story.md").write_text("# 故事\n\n![图](photos/\x1b]0;pwned\x07\x1b[2J.png)\n", encoding="utf-8")
    for fmt in ("text", "github", "json"):
        result = CliRunner().invoke(main, ["check", str(tree.brands), "--format", fmt])
        assert "story.md" in result.output, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output, repr(result.output)
    assert "找不到图片“photos/]0;pwned[2J.png”" in CliRunner().invoke(main, ["check", str(tree.brands)]).output


def test_a_file_name_that_is_not_utf8_or_turns_text_around_reaches_no_output_raw(tree):
    """A case file named with the byte 0x9B (an escape sequence's start on a terminal; Python reads
    it as a lone surrogate) or with U+202E (a name shown reversed in a CI annotation)."""
    import os

    folder = tree.brand()
    (folder / "cases").mkdir(exist_ok=True)
    with open(os.path.join(os.fsencode(folder / "cases"), b"z\x9b2J.md"), "w", encoding="utf-8") as f:
        f.write("no front matter\n")
    (folder / "cases" / "a\u202egpj.md").write_text("no front matter\n", encoding="utf-8")
    for fmt in ("text", "github", "json"):
        result = CliRunner().invoke(main, ["check", str(tree.brands), "--format", fmt])
        out = result.stdout_bytes.decode("utf-8")  # valid UTF-8, no raw 0x9B byte: json.loads can read it
        assert "\u009b" not in out and "\u202e" not in out and "\udc9b" not in out, (fmt, out)
        assert "\\udc9b" in out and "\\u202e" in out, (fmt, out)  # named, escaped


def test_a_url_prefix_in_chinese_or_capitals_still_builds(tree, monkeypatch):
    """url_prefix: 品牌 built before its validation came and is kept: cluster pages have Chinese
    addresses too. Only an empty one, .. and the built-in sections are refused."""
    tree.brand()
    (tree.root / "docs").mkdir(exist_ok=True)
    (tree.root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (tree.root / "mkdocs.yml").write_text("site_name: 青川\nplugins:\n  - brandsite:\n      url_prefix: 品牌/Brands\n", encoding="utf-8")
    monkeypatch.chdir(tree.root)
    assert CliRunner().invoke(main, ["check"]).exit_code == 0
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert (tree.root / "site" / "品牌" / "Brands" / "lian-xin-qiao" / "index.html").is_file()


def test_control_characters_content_brings_into_a_message_never_reach_the_terminal(tree):
    """An ESC recolours the terminal and a CR writes over the line, hiding a warning."""
    tree.brand()
    tree.write("lian-xin-qiao/story.md", "# 故事\n\n见[做法](cases/tui-shui.md#%1B%5B31mRED%0D)。\n")
    result = run("check", str(tree.brands))
    assert "找不到这个小标题" in result.output, result.output
    assert "\x1b" not in result.output and "\r" not in result.output and "\\x1b[31mRED" in result.output, result.output


def test_settings_a_mkdocs_yml_inherits_are_told_in_the_file_that_has_them(tree, monkeypatch):
    tree.brand()
    (tree.root / "docs").mkdir(exist_ok=True)
    (tree.root / "base.yml").write_text("site_name: 青川\ncopyright: '<!--><script>alert(1)</script>-->'\n", encoding="utf-8")
    (tree.root / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_description: 一支部一品牌\n", encoding="utf-8")
    monkeypatch.chdir(tree.root)
    for command in (["check"], ["build"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1 and "base.yml:2: copyright（页脚文字）里有不能用的网页代码" in result.output, (command, result.output)


def test_the_samples_footer_is_told_by_check_and_build(tmp_path):
    """A county site went live with the sample's footer: 本站内容均为虚构示例 and the placeholder
    record numbers 京ICP备00000000号-1, on every page; check and build passed without a word. They
    are notes now, at their lines, as the sample's site_url is (the sample site keeps them)."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).parents[1]
    shutil.copy(repo / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(repo / "brands" / "cha-shan-qi-ming", tmp_path / "brands" / "cha-shan-qi-ming")
    shutil.copytree(repo / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("clusters"))
    shutil.copytree(repo / "assets", tmp_path / "assets")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://dangjian.qinghe.gov.cn/"}
    said = ["mkdocs.yml:7: 提示：copyright（页脚文字）还是示例里的“本站内容均为虚构示例",
            "mkdocs.yml:47: 提示：icp_record（ICP 备案号）还是示例里的“京ICP备00000000号-1”",
            "mkdocs.yml:48: 提示：police_record（公安机关备案号）"]
    checked = subprocess.run([sys.executable, "-m", "brandsite.cli", "check"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert checked.returncode == 0 and all(s in checked.stdout for s in said), checked.stdout
    built = subprocess.run([sys.executable, "-m", "brandsite.cli", "build"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert built.returncode == 0 and all(s in built.stderr for s in said), built.stderr[-3000:]
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").replace("京ICP备00000000号-1", "青ICP备20260001号-1")
    (tmp_path / "mkdocs.yml").write_text(text.replace("京公网安备 00000000000000号", "青公网安备 63010002000001号")
                                         .replace("本站内容均为虚构示例 · 由 brandsite 生成", "中共青禾县委组织部 主办"), encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "brandsite.cli", "check"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert checked.returncode == 0 and "还是示例里的" not in checked.stdout, checked.stdout


def test_a_nav_entry_to_a_missing_page_is_told_by_check_as_the_build_stops_on_it(tmp_path):
    """docs/guide/windows.md deleted while mkdocs.yml's nav still names it: check passed, and the
    build stopped on MkDocs' warning. The generated pages a nav names (the gallery, stats) are no
    missing files."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).parents[1]
    for name in ("mkdocs.yml",):
        shutil.copy(repo / name, tmp_path / name)
    shutil.copytree(repo / "brands", tmp_path / "brands")
    shutil.copytree(repo / "docs", tmp_path / "docs")
    shutil.copytree(repo / "assets", tmp_path / "assets")
    (tmp_path / "docs" / "guide" / "windows.md").unlink()
    out = subprocess.run([sys.executable, "-m", "brandsite.cli", "check"], cwd=tmp_path, capture_output=True, text=True)
    line = next(n for n, text in enumerate((tmp_path / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1) if "guide/windows.md" in text)
    said = [s for s in out.stdout.splitlines() if "nav（导航）" in s]
    assert out.returncode == 1 and said == [f"  mkdocs.yml:{line}: 警告：nav（导航）里写了“guide/windows.md”，但 docs/ 里没有这个文件，"
                                            "构建会因此停下：请改正文件名，或从 nav 里删去这一行"], out.stdout
