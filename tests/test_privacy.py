"""Personal data in public text is a warning on public builds; contacts and internal cases are not scanned."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from brandsite.content import personal, privacy
from tests.conftest import CASE_MD, LOGO_SVG as LOGO, SITE_YML, check

Y = "brands/lian-xin-qiao/brand.yml"
CASE = "brands/lian-xin-qiao/cases/tui-shui.md"


def with_checksum(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, personal.ID_WEIGHTS))
    return first17 + "10X98765432"[total % 11]


ID = with_checksum("11010519800101123")


@pytest.mark.parametrize("line, words", [
    ("联系王书记 13912345678 预约", ["手机号“139****5678”"]),
    ("电话:+86 139-1234-5678", ["手机号“139****5678”"]),
    (f"身份证 {ID} 已登记", [f"身份证号“110***********{ID[-4:]}”"]),
    (f"身份证 {ID[:6]} {ID[6:14]} {ID[14:]} 已登记", [f"身份证号“110***********{ID[-4:]}”"]),
    ("来信请寄 wang.shuji@example.com", ["电子邮箱“wang.shuji@example.com”"]),
    ("服务热线 12366,全天服务", []),
    ("减免费用 13800000000 元", []),  # an amount, not a phone
    ("累计服务 15900000000人次", []),
    # an exact eleven-digit count is no amount anyone writes: a phone with a word after it
    ("累计服务 15912345678人次", ["手机号“159****5678”"]),
    ("请联系13912345678元老师", ["手机号“139****5678”"]),
    # joined to a word by a hyphen, or in other groups
    ("联系王某-13912345671", ["手机号“139****5671”"]),
    ("或者打 13912345673-转", ["手机号“139****5673”"]),
    ("139 123 45678 或 1391 234 5678", ["手机号“139****5678”", "手机号“139****5678”"]),
    ("编号 0571-13912345678 与 13912345678-2", []),
    ("139 - 1234 - 5601、139·1234·5602、139\u20101234\u20105603", ["手机号“139****5601”", "手机号“139****5602”", "手机号“139****5603”"]),
    ("邮箱 zhaomou@163.com.png", ["电子邮箱“zhaomou@163.com”"]),
    ("电话 13912345678,元旦也值班", ["手机号“139****5678”"]),
    # a unit that starts another word, a number written as a phone, or with +86: a phone
    ("值班手机13912345678元旦不停机", ["手机号“139****5678”"]),
    ("值班电话13912345678 人工接听", ["手机号“139****5678”"]),
    ("张医生18612345678 天天在线", ["手机号“186****5678”"]),
    ("热线 +86 139-8765-4321 元", ["手机号“139****4321”"]),
    ("编号 20231234567890 不是手机号", []),
    ("金额 139123456789 元", []),
    (f"身份证 {ID[:-1]}{'0' if ID[-1] != '0' else '1'} 校验位不对", []),
    ("（+86）139 1234 5678;0086-139-1234-5679", ["手机号“139****5678”", "手机号“139****5679”"]),
    # three counts in a row are no phone, whatever separates them; nor a file name in parts
    ("三年分别服务152、1876、2035人次,152,1876,2035;152/1876/2035;157~1876~2035 人次", []),
    ("三个村分别为1500/300/2000户,附件:台账_138_2023_0512.xlsx", []),
    # spelt out in Chinese numerals, as read aloud, in groups or not
    ("值班电话一三九一二三四五六七八", ["手机号“139****5678”"]),
    ("幺三九 一二三四 五六七八;壹叁玖壹贰叁肆伍陆柒玖", ["手机号“139****5678”", "手机号“139****5679”"]),
    ("电话13912345678一直开机", ["手机号“139****5678”"]),
    ("手机一三九一二三四五六七八二十四小时开机", ["手机号“139****5678”"]),
    ("二〇二三年一月一日,第一二三四五六七八九十名", []),
    # in another script's digits (Arabic-Indic, Persian, Devanagari, Bengali: NFKC leaves them as they are)
    ("值班电话 ١٣٩١٢٣٤٥٦٧٨ 欢迎来电。", ["手机号“139****5678”"]),
    ("值班电话 ۱۳۹-۱۲۳۴-۵۶۷۸", ["手机号“139****5678”"]),
    ("值班电话 १३९ १२३४ ५६७८", ["手机号“139****5678”"]),
    ("值班电话 ১৩৯১২৩৪৫৬৭৮", ["手机号“139****5678”"]),
])
def test_findings(line, words):
    assert list(personal.findings(line)) == words


def test_allowed_public_contacts():
    assert list(personal.findings("热线 139-1234-5678", ["13912345678"])) == []
    assert list(personal.findings("邮箱 Office@Example.gov.cn", ["office@example.gov.cn"])) == []


def test_scan_names_file_and_line_and_skips_contact_and_internal(tree):
    tree.brand(**{
        "featured: true": "featured: true\ncontact:\n  name: 张某\n  phone: \"13800001111\"\n  # 备用 13800002222",
        "  - {label: 为群众解决难题": "  - {label: 热线13912345678解决难题",
    })
    case = tree.brands / "lian-xin-qiao" / "cases" / "tui-shui.md"
    case.write_text(CASE_MD + "\n有事请发邮件到 someone@example.com。\n", encoding="utf-8")
    internal = tree.brands / "lian-xin-qiao" / "cases" / "nei-bu.md"
    internal.write_text("---\ntitle: 内部\ndate: 2023-01-01\nvisibility: internal\n---\n电话 13700001111\n", encoding="utf-8")
    catalog, problems = check(tree)
    assert problems == []
    found = privacy.scan(catalog.for_audience("public"), root=tree.root)
    assert [(p.path, p.line, p.level) for p in found] == [(Y, 18, "warning"), (CASE, 11, "warning")]
    assert "手机号“139****5678”" in found[0].message and "public_contacts" in found[0].message
    assert "someone@example.com" in found[1].message


def test_a_value_running_over_lines_is_read_as_yaml_reads_it(tree):
    """A quoted slogan whose second line starts `contact:` is still the slogan, and is published
    (a line of it starting with # is an error of its own: tests/test_names.py). A number the value
    folds from two lines is found too; a real comment is not published and not scanned."""
    tree.brand(**{
        "slogan: 连民心 解民忧": 'slogan: "服务热线\ncontact:\n 13912345678"',
        "organization: 青禾区政务服务中心党支部": 'organization: "青禾区政务服务中心党支部\n 13712345678"',
        "featured: true": "featured: true\n# 备用 13600001111",
    })
    text = (tree.brands / "lian-xin-qiao" / "brand.yml").read_text(encoding="utf-8")
    (tree.brands / "lian-xin-qiao" / "brand.yml").write_text(
        text.replace("  - {label: 为群众解决难题", "  - {label: \"热线 139\n      1234 5678\""), encoding="utf-8")
    catalog, problems = check(tree)
    assert [p for p in problems if p.level == "error"] == []
    slogan = catalog.get("lian-xin-qiao").slogan
    assert "13912345678" in slogan  # what the site publishes
    found = privacy.scan(catalog.for_audience("public"), root=tree.root)
    assert [(p.path, p.line) for p in found] == [(Y, 2), (Y, 5), (Y, 21)], [p.message for p in found]
    assert ["139****5678" in found[0].message, "137****5678" in found[1].message, "139****5678" in found[2].message] == [True] * 3


def test_check_warns_and_strict_fails(tree):
    tree.brand(**{"slogan: 连民心 解民忧": "slogan: 连民心 解民忧 13912345678"})
    (tree.root / "docs").mkdir()  # (a site without it would not build: the check says so)
    (tree.root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")  # the nav names it
    (tree.root / "mkdocs.yml").write_text(SITE_YML.format(audience="public"), encoding="utf-8")
    run = lambda *a: subprocess.run([sys.executable, "-m", "brandsite.cli", "check", *a],  # noqa: E731
                                    cwd=tree.root, capture_output=True, text=True)
    plain = run("--no-strict")
    assert plain.returncode == 0
    assert f"{Y}:2: 警告：公开内容里有疑似个人信息：手机号“139****5678”" in plain.stdout
    assert run().returncode == 1 and run("--strict").returncode == 1
    (tree.root / "mkdocs.yml").write_text(
        SITE_YML.format(audience="public").replace("      audience: public", "      audience: public\n      public_contacts: ['139-1234-5678']"),
        encoding="utf-8")
    assert "个人信息" not in run("--strict").stdout and run("--strict").returncode == 0


def test_public_build_warns_internal_build_does_not(tree, caplog):
    from tests.conftest import build_site

    tree.brand(**{"slogan: 连民心 解民忧": "slogan: 连民心 解民忧 13912345678"})
    build_site(tree.root, audience="public")
    assert any("疑似个人信息" in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)
    caplog.clear()
    build_site(tree.root, audience="internal")
    assert not any("疑似个人信息" in r.getMessage() for r in caplog.records)


def test_numbers_spelt_out_in_chinese_numerals_are_found_at_their_lines(tree):
    """A case that gives its contacts in Chinese numerals: the scan (and so the check and the public
    build) names each at its line; counts apart by slashes or 、 are none."""
    tree.brand()
    case = tree.brands / "lian-xin-qiao" / "cases" / "tui-shui.md"
    case.write_text(CASE_MD + "\n".join([
        "", "联系人:王书记,一三九一二三四五六七八。", "", "联系人:李委员,幺三九 一二三四 〇〇〇二;赵委员 一三九一二三四〇〇〇三一直开机。",
        "", "三年分别服务152、1876、2035人次,门诊/住院/巡诊:1680/326/5210人次。", ""]), encoding="utf-8")
    catalog, problems = check(tree)
    assert [p for p in problems if p.level == "error"] == []
    found = privacy.scan(catalog.for_audience("public"), root=tree.root)
    said = sorted((p.path, p.line, p.message.split("。", 1)[0].split("：", 1)[1]) for p in found)
    lines = CASE_MD.count("\n")
    assert said == [(CASE, lines + 2, "手机号“139****5678”"), (CASE, lines + 4, "手机号“139****0002”"),
                    (CASE, lines + 4, "手机号“139****0003”")], said


def test_numbers_hidden_from_the_written_text_are_found_as_published(tree):
    """What the site publishes is scanned, not only the lines as written: full-width digits, a
    no-break space, character references and backslash escapes, a number broken over two lines,
    a quoted summary over two lines, and text after a comma in a flow mapping (YAML makes it a
    key; the loader puts it back into the value)."""
    tree.brand(**{
        "slogan: 连民心 解民忧": "slogan: 热线１３９１２３４５６７８",
        "  - {date: 2019-03-01, event: 召开党员大会，确定品牌名称}": "  - {date: 2019-03-01, event: 签订责任书,联系人电话13912340001}",
    })
    case = tree.brands / "lian-xin-qiao" / "cases" / "tui-shui.md"
    case.write_text(CASE_MD.replace("summary: 党员示范岗三天办结。", 'summary: "党员示范岗 139 1234\n  0003 三天办结"') + "\n".join([
        "", "联系电话 139 1234", "0004。", "", "备用 1&#51;912340005,或 139\\-1234\\-0006,",
        "值班 139\u00a01234\u00a00007,邮箱 zhang&#64;example.com。", ""]), encoding="utf-8")
    catalog, problems = check(tree)
    assert [p for p in problems if p.level == "error"] == []
    found = privacy.scan(catalog.for_audience("public"), root=tree.root)
    said = {(p.path, p.line, p.message.split("。", 1)[0].split("：", 1)[1]) for p in found}
    assert said >= {
        (Y, 2, "手机号“139****5678”"),
        (Y, 20, "手机号“139****0001”"),
        (CASE, 4, "手机号“139****0003”"),
        (CASE, 13, "手机号“139****0004”"),  # over two lines: at the line with its end
        (CASE, 15, "手机号“139****0005”"),
        (CASE, 15, "手机号“139****0006”"),
        (CASE, 16, "手机号“139****0007”"),
        (CASE, 16, "电子邮箱“zhang@example.com”"),
    }, sorted(said)


def test_cluster_intros_a_public_build_shows_are_scanned(tree):
    intro = tree.root / "docs" / "clusters" / "青禾矩阵.md"
    intro.parent.mkdir(parents=True)
    intro.write_text("# 青禾矩阵\n\n集群联系人 张三 13912340009,zhangsan@example.com\n", encoding="utf-8")
    tree.brand()
    catalog, _ = check(tree)
    found = privacy.scan(catalog.for_audience("public"), root=tree.root, intros=[intro])
    assert [(p.path, p.line) for p in found] == [("docs/clusters/青禾矩阵.md", 3)] * 2


def test_check_and_build_scan_the_intros_of_public_clusters(tree, caplog):
    from tests.conftest import build_site

    intro = tree.root / "docs" / "clusters" / "青禾矩阵.md"
    intro.parent.mkdir(parents=True)
    intro.write_text("# 青禾矩阵\n\n集群联系人 张三 13912340009\n", encoding="utf-8")
    (tree.root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    tree.brand(**{"featured: true": "featured: true\ncluster: 青禾矩阵"})
    (tree.root / "mkdocs.yml").write_text(SITE_YML.format(audience="public"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "brandsite.cli", "check", "--strict"], cwd=tree.root, capture_output=True, text=True)
    assert out.returncode == 1
    assert "docs/clusters/青禾矩阵.md:3: 警告：公开内容里有疑似个人信息：手机号“139****0009”" in out.stdout
    build_site(tree.root)
    assert "docs/clusters/青禾矩阵.md:3: 警告：公开内容里有疑似个人信息：手机号“139****0009”" in caplog.text, caplog.text[-2000:]


def test_numbers_split_by_markup_or_kept_in_attributes_are_found(tree):
    """Inline Markdown or HTML inside a number or an address, a zero-width space, and what a
    visitor sees in attributes (a link's or abbreviation's title, an image's alt, a mailto:)."""
    tree.brand()
    first17 = "53010219900101001"
    id_number = with_checksum(first17)
    story = tree.brands / "lian-xin-qiao" / "story.md"
    story.write_text("\n\n".join([
        "# 故事", "电话甲 1391**234**5678。", "邮箱乙 zhangsan@exa*mple*.com。", f"证件丙 {id_number[:10]}*{id_number[10:14]}*{id_number[14:]}。",
        "电话丁 `1391`2345678。", "电话戊 1501\u200b2345678。", "电话己 133\ufe001234\U000e01005678,电话庚 135\u28001234\u28005678。", "电话辛 134\ufff91234\ufff95678,电话壬 138\u070f1234\u070f5678,电话癸 1\ufe0f\u20e33\ufe0f\u20e32\ufe0f\u20e312345678。", "电话子 1\u03323\u03321\u0332 1234 5678,电话丑 ❶❺❽ 0000 5678。", "[联系我们](mailto:lisi&#64;example.com)",
        '[链接](https://example.com "1&#51;712345678")', '<abbr title="1&#51;612345678">热线</abbr>',
        "![1&#51;812345678](photos/none.png)", ""]), encoding="utf-8")
    catalog, _ = check(tree)
    found = privacy.scan(catalog.for_audience("public"), root=tree.root)
    said = {p.message.split("。", 1)[0].split("：", 1)[1] for p in found if p.path.endswith("story.md")}
    assert said >= {"手机号“139****5678”", "电子邮箱“zhangsan@example.com”", f"身份证号“530***********{id_number[-4:]}”",
                    "手机号“150****5678”", "手机号“133****5678”", "手机号“135****5678”", "手机号“134****5678”", "手机号“138****5678”", "手机号“132****5678”", "手机号“131****5678”", "手机号“158****5678”", "电子邮箱“lisi@example.com”", "手机号“137****5678”", "手机号“136****5678”"}, said


def test_a_cluster_intro_with_a_stray_byte_is_scanned_as_published(tree):
    intro = tree.root / "docs" / "clusters" / "青禾矩阵.md"
    intro.parent.mkdir(parents=True)
    intro.write_bytes("# 青禾矩阵\n\n".encode() + b"\xff " + "集群联系人 18812349999\n".encode())
    tree.brand()
    catalog, _ = check(tree)
    found = privacy.scan(catalog.for_audience("public"), root=tree.root, intros=[intro])
    assert [(p.path, p.line) for p in found] == [("docs/clusters/青禾矩阵.md", 3)]


def test_numbers_joined_only_when_rendered_are_found(tree):
    """Bytes Markdown drops (NUL, STX) and a link or image inside a number: the written text
    shows no number, the page does. The rendered prose is always scanned."""
    tree.brand()
    story = tree.brands / "lian-xin-qiao" / "story.md"
    story.write_text("# 故事\n\n甲 13\x008 1234 5678。\n\n乙 136\x02 1234 5678。\n\nA [139](https://example.com)12345678 B\n\n"
                     "丙 137\x0b1234\x0b5678。\n", encoding="utf-8")  # Word's line breaks: lines of the page
    catalog, _ = check(tree)
    found = privacy.scan(catalog.for_audience("public"), root=tree.root)
    said = {p.message.split("。", 1)[0].split("：", 1)[1] for p in found}
    assert said >= {"手机号“138****5678”", "手机号“136****5678”", "手机号“139****5678”", "手机号“137****5678”"}, said


def test_tables_lists_and_image_names_are_no_personal_data(tree):
    """Cells and list items read apart, and banner@2x.jpg is a file name, not an address, even
    when something else in the file makes it worth scanning (a character reference)."""
    tree.brand()
    story = tree.brands / "lian-xin-qiao" / "story.md"
    story.write_text("# 故事\n\n商标&#174;\n\n| 年份 | 2022 | 2023 | 2024 |\n|---|---|---|---|\n"
                     "| 志愿服务时长(小时) | 186 | 2350 | 4120 |\n\n- 156\n- 1200\n- 3400\n\n"
                     "![横幅](photos/banner@2x.jpg)\n", encoding="utf-8")
    catalog, _ = check(tree)
    assert privacy.scan(catalog.for_audience("public"), root=tree.root) == []


def test_yaml_shapes_and_formats_that_hid_numbers(tree):
    """A metric's value and unit side by side, YAML escapes, a block over two lines, a tab,
    a direction mark, an address right after a Chinese character, dots and dashes."""
    tree.brand(**{
        "slogan: 连民心 解民忧": 'slogan: "热线\\u00313912340002,来信请寄dangyuan.wang@163.com"',
        "  - {label: 为群众解决难题, value: 230, unit: 件, year: 2023}": '  - {label: 便民热线, value: 139, unit: "12340001", year: 2023}',
        "    description: 在办事大厅设立党员示范岗，亮身份、亮承诺。": "    description: |-\n      联系 139\n      12340004",
        "  - {date: 2019-03-01, event: 召开党员大会，确定品牌名称}": '  - {date: 2019-03-01, event: "禁毒热线 139\\t1234\\t0005 或 139.1234.0013"}',
        "    items: [推出线上服务站]": '    items: ["链长热线 139\\u200e1234\\u200e0006"]',
    })
    catalog, problems = check(tree)
    assert [p for p in problems if p.level == "error"] == [], problems
    found = privacy.scan(catalog.for_audience("public"), root=tree.root)
    said = {p.message.split("。", 1)[0].split("：", 1)[1] for p in found}
    assert said >= {"手机号“139****0002”", "电子邮箱“dangyuan.wang@163.com”", "手机号“139****0001”", "手机号“139****0004”",
                    "手机号“139****0005”", "手机号“139****0013”", "手机号“139****0006”"}, said


def test_a_metric_counted_in_eleven_digits_is_no_phone_but_a_number_beside_its_unit_still_is(tree):
    """value: 15380002101, unit: 元 is an amount (a number, with a unit that counts): it blocked the
    build. A value with a unit that counts nothing is read with its unit, as the page shows them
    side by side (139 and 12345678), whatever the label says."""
    tree.brand(**{"  - {label: 为群众解决难题, value: 230, unit: 件, year: 2023}":
                  "  - {label: 带动集体增收, value: 15380002101, unit: 元, year: 2023}\n"
                  "  - {label: 联系群众, value: 13500000000, unit: 人次}\n"
                  "  - {label: 服务户数, value: 13912345678.5, unit: 万户}\n"
                  "  - {label: 王书记服务, value: 139, unit: \"12345678\"}\n"
                  "  - {label: 党员服务, value: 13812345678, unit: 号}\n"
                  "  - {label: 帮扶, value: 13712345678.0, unit: \"\"}"})
    catalog, problems = check(tree)
    assert [p for p in problems if p.level == "error"] == [], problems
    said = sorted(p.message.split("。", 1)[0].split("：", 1)[1] for p in privacy.scan(catalog.for_audience("public"), root=tree.root))
    assert said == ["手机号“137****5678”", "手机号“138****5678”", "手机号“139****5678”"], said
    # alone in its file (nothing else there looks like a number), and written as another number shows
    tree.brand(**{"  - {label: 为群众解决难题, value: 230, unit: 件, year: 2023}":
                  "  - {label: 书记, value: 136.0, unit: \"12345678\"}\n  - {label: 委员, value: 1.35e+2, unit: \"12345678\"}"})
    catalog, problems = check(tree)
    assert [p for p in problems if p.level == "error"] == [], problems
    said = sorted(p.message.split("。", 1)[0].split("：", 1)[1] for p in privacy.scan(catalog.for_audience("public"), root=tree.root))
    assert said == ["手机号“135****5678”", "手机号“136****5678”"], said


def test_links_to_shops_and_file_names_are_no_personal_data(tree):
    tree.brand()
    story = tree.brands / "lian-xin-qiao" / "story.md"
    story.write_text("# 故事\n\n[购买](https://mobile.example.com/goods.html?goods_id=15912344107)\n\n"
                     "![宣传图](photos/banner@2x.jpe)\n", encoding="utf-8")
    catalog, _ = check(tree)
    assert privacy.scan(catalog.for_audience("public"), root=tree.root) == []


def test_numbers_in_the_names_that_become_addresses_are_found(tree):
    """A case file's name is its page's URL, and a shown photo's name its file's URL."""
    folder = tree.brand()
    (folder / "cases" / "tui-shui.md").rename(folder / "cases" / "13912345678.md")
    (folder / "photos" / "x13912345670.png").write_bytes((folder / "photos" / "desk.png").read_bytes())
    (folder / "photos" / "15912340000.png").write_bytes((folder / "photos" / "desk.png").read_bytes())  # shown nowhere
    (folder / "photos" / "zhang_139_1234_5601.png").write_bytes((folder / "photos" / "desk.png").read_bytes())
    (folder / "story.md").write_text("# 故事\n\n正文。\n\n![合影](photos/x13912345670.png)\n\n![值班](photos/zhang_139_1234_5601.png)\n",
                                     encoding="utf-8")
    catalog, _ = check(tree)
    found = [(p.path, p.line, p.message.split("。", 1)[0]) for p in privacy.scan(catalog.for_audience("public"), root=tree.root)]
    assert found == [
        ("brands/lian-xin-qiao/cases/13912345678.md", 1, "案例文件名“13912345678.md”里有疑似个人信息：手机号“139****5678”"),
        ("brands/lian-xin-qiao/story.md", 5, "照片文件名“x13912345670.png”里有疑似个人信息：手机号“139****5670”"),
        # _ between the parts, as the logo's name is read
        ("brands/lian-xin-qiao/story.md", 7, "照片文件名“zhang_139_1234_5601.png”里有疑似个人信息：手机号“139****5601”"),
    ]


def test_a_logo_named_or_drawn_with_a_phone_number_is_a_warning(tree):
    """The logo's file name is its public address, and an SVG's <text> is drawn on every page
    that shows it: a phone number in either is told at the logo: line, as for photos."""
    brand = tree.brand(**{"logo: logo.svg": "logo: logo-13912345678.svg"})
    (brand / "logo.svg").rename(brand / "logo-13912345678.svg")
    problems = privacy.scan(check(tree)[0], root=tree.root)
    said = [(p.path, p.line, p.message) for p in problems]
    assert [(path, line) for path, line, _ in said] == [(Y, 11)], said
    assert "标识“logo-13912345678.svg”文件名里有疑似个人信息：手机号“139****5678”" in said[0][2]
    (brand / "logo-13912345678.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text x="0" y="9">热线 139<tspan>1234</tspan>0007</text></svg>',
        encoding="utf-8")
    said = [p.message for p in privacy.scan(check(tree)[0], root=tree.root)]
    assert any("里的文字里有疑似个人信息：手机号“139****0007”" in m for m in said), said
    # one digit a <tspan>, as design programs export it; a label, a font's name; a folder; _ between parts
    (brand / "logo-13912345678.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>' + "".join(f"<tspan>{d}</tspan>" for d in "13912345601")
        + '</text><g id="tel-139-1234-5602"><text font-family="13912345603">党建</text></g>'
        '<style>/* 13912345604 */ text { fill: red }</style></svg>', encoding="utf-8")
    said = " ".join(p.message for p in privacy.scan(check(tree)[0], root=tree.root))
    assert all(f"139****56{n:02d}" in said for n in (1, 2, 3)) and "5604" not in said, said  # the comment is not published
    # any attribute a design program or an editor wrote words into; not coordinates
    (brand / "logo-13912345678.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><g label="王五 13912345670" lang="wangwu@163.com">'
        '<polygon points="139 1234 5678 9"/><rect x="15" y="7" width="30" height="40" fill="#31a"/></g></svg>', encoding="utf-8")
    drawn = [p.message for p in privacy.scan(check(tree)[0], root=tree.root) if "里的文字" in p.message]
    assert len(drawn) == 2 and "139****5670" in drawn[0] and "wangwu@163.com" in drawn[1], drawn
    for logo in ("zhang-13912345699/logo.svg", "zhang_139_1234_5698.svg"):
        (brand / logo).parent.mkdir(exist_ok=True)
        (brand / logo).write_text(LOGO, encoding="utf-8")
        yml = brand / "brand.yml"
        yml.write_text(re.sub(r"^logo: .*$", f"logo: {logo}", yml.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
        said = " ".join(p.message for p in privacy.scan(check(tree)[0], root=tree.root))
        assert "文件名里有疑似个人信息" in said, (logo, said)


def test_a_brand_folder_named_with_a_phone_number_is_a_warning(tree):
    """The folder's name is the brand page's address, and the poster's file name."""
    folder = tree.brand()
    folder.rename(folder.with_name("wang-mou-13912345678"))
    said = [(p.path, p.line, p.message) for p in privacy.scan(check(tree)[0], root=tree.root)]
    assert [(path, line) for path, line, _ in said] == [("brands/wang-mou-13912345678/brand.yml", 1)], said
    assert "品牌文件夹名“wang-mou-13912345678”里有疑似个人信息：手机号“139****5678”" in said[0][2]


def test_many_link_openings_with_no_end_are_read_at_once():
    """A text of ]( with no ) after them: the pattern that takes links' targets out read from each
    to the end of the text (180 KB in one line: 7 s, a story's 1 MB: minutes); now to the next bracket at most."""
    code = ("from brandsite.content import privacy\n"
            "print(privacy._no_urls('a](' * 300_000).count('a'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == "300000", out.stderr[-500:]


def test_a_run_of_percent_signs_is_read_at_once():
    """% may stand in an address's first part (a%b@example.com) but was not in the look-behind: a
    run of them was read again from each one (40,000: 1.6 s; a logo's 5 MB text: hours)."""
    code = ("from brandsite.content import personal\n"
            "print(list(personal.findings('%' * 2_000_000)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stderr[-500:]


def test_a_file_of_unclosed_angle_brackets_is_read_at_once():
    """Comment lines of <<<< (no >): the pattern that takes markup out of a number read from each
    < to the end of the file (300 KB: 50 s, 1 MB: minutes); now once."""
    code = ("from brandsite.content import privacy\n"
            "print(privacy._maybe('# ' + '<' * 1_000_000 + '\\n'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == "False", out.stderr[-500:]


def test_a_line_separator_pasted_into_a_case_does_not_move_the_warnings_below_it(tree):
    """str.splitlines broke the body also at U+2028 and a form feed, so a phone number below
    one was told a line too far."""
    tree.brand()
    case = tree.brands / "lian-xin-qiao" / "cases" / "tui-shui.md"
    case.write_text(CASE_MD + "\n第一段\u2028接着写\x0c。\n\n联系电话 13912345678。\n", encoding="utf-8")
    catalog, _ = check(tree)
    found = privacy.scan(catalog.for_audience("public"), root=tree.root)
    assert [(p.path, p.line) for p in found] == [(CASE, CASE_MD.count("\n") + 4)], [(p.line, p.message) for p in found]


def test_a_contacts_name_in_public_text_is_a_warning_where_it_is_written(tree, caplog):
    """A case naming the brand's contact (由党员杨明芳带头) passed the check, the preview and the build,
    and `brandsite leaks` then refused the built site, naming its HTML and search files: the
    check warns at the case's line now, for any brand's contact, internal brands' too, as leaks
    looks for every one; not for a stand-in, a name public_contacts allows, or an everyday word."""
    from brandsite.content.contact_names import contacts
    from tests.conftest import build_site

    tree.brand(**{"featured: true": "featured: true\ncontact:\n  name: 杨明芳\n  phone: \"0571-86001234\"",
                  "organization: 青禾区政务服务中心党支部": "organization: 青禾区政务服务中心党支部（杨 明芳）"})
    tree.brand("nei-bu", **{"name: 连心桥": "name: 内部岗", "featured: true": "visibility: internal\ncontact:\n  name: 欧阳明远\n  phone: \"0571-86005678\""})
    tree.brand("gao-feng", **{"name: 连心桥": "name: 高峰岗", "featured: true": "contact:\n  name: 高峰\n  phone: \"0571-86009999\""})
    case = tree.brands / "lian-xin-qiao" / "cases" / "tui-shui.md"
    case.write_text(CASE_MD + "\n由党员杨明芳带头，欧阳<b>明远</b>也来了，赶在早高峰前办完。王某到场。\n", encoding="utf-8")
    catalog, _ = check(tree)
    named = contacts(catalog)
    assert named == {"杨明芳": "连心桥", "欧阳明远": "内部岗", "高峰": "高峰岗",  # 高峰, an everyday word, is not told
                     "057186001234": "连心桥", "057186005678": "内部岗", "057186009999": "高峰岗"}  # the phones, by their digits
    found = privacy.scan(catalog.for_audience("public"), root=tree.root, contacts=named)
    said = [(p.path, p.line, p.level, re.search(r"联系人“(.+?)”", p.message).group(1)) for p in found]
    assert said == [(Y, 3, "warning", "杨明芳"), (CASE, 11, "warning", "杨明芳"), (CASE, 11, "warning", "欧阳明远")], said
    assert "（品牌“连心桥”的 contact:）" in found[0].message and "写成“杨某”" in found[0].message
    assert contacts(catalog, ["杨明芳", "0571 8600 1234"]) == {"欧阳明远": "内部岗", "高峰": "高峰岗", "057186005678": "内部岗",
                                                            "057186009999": "高峰岗"}
    # the public build says it too (`brandsite build` stops on a warning), the internal one does not
    build_site(tree.root, audience="public")
    assert f"{CASE}:11: 警告：公开内容里写了联系人“欧阳明远”的姓名" in caplog.text and "写成“欧阳某”" in caplog.text, caplog.text
    caplog.clear()
    build_site(tree.root, audience="internal")
    assert "联系人“" not in caplog.text


def test_an_internal_brands_name_or_case_title_in_public_prose_is_a_warning_where_it_is_written(tree):
    """A public story naming an internal brand (与“清风审计”结对) and an internal case's title passed
    the check and the build, and leaks only noted it: the name was public content's, so not looked
    for, and the warning a docs/ page got for it went too. Not a dictionary word (an internal case
    titled 党员大会), nor a title a public case has as well."""
    from brandsite.cli import main
    from click.testing import CliRunner

    from brandsite.content.contact_names import internal_names

    tree.brand()
    tree.brand("qing-feng", **{"name: 连心桥": "name: 清风审计", "featured: true": "visibility: internal"})
    tree.write("lian-xin-qiao/cases/nei-bu.md", "---\ntitle: 一次亲情帮教的个别谈话记录\ndate: 2023-06-18\nvisibility: internal\n---\n正文\n")
    tree.write("lian-xin-qiao/cases/da-hui.md", "---\ntitle: 党员大会\ndate: 2023-06-18\nvisibility: internal\n---\n正文\n")
    tree.write("lian-xin-qiao/story.md", "# 故事\n\n我们与“清风审计”结对。\n\n还整理了《一次亲情帮教的个别谈话记录》，开了党员大会。\n")
    catalog, _ = check(tree)
    assert internal_names(catalog) == {"清风审计": "内部品牌", "一次亲情帮教的个别谈话记录": "内部案例"}
    story = "brands/lian-xin-qiao/story.md"
    result = CliRunner().invoke(main, ["check", str(tree.brands)])
    said = sorted(line.strip().split("：", 1)[0] + "：" + re.search(r"它写了(.+?)。", line).group(1)
                  for line in result.output.splitlines() if "它写了" in line)
    assert result.exit_code == 1 and said == [f"{story}:3: 警告：内部品牌“清风审计”", f"{story}:5: 警告：内部案例“一次亲情帮教的个别谈话记录”"], \
        result.output
    assert "请删去或改写这句话；确实可以公开的，请把它改为公开" in result.output


def test_a_phone_is_found_with_o_and_l_before_its_digits_and_a_line_of_letters_is_read_once():
    """O and l before a run's digits are taken by walking back from its first digit: the pattern
    that tried them first read `O O O …` from every letter (50,000 characters of a story held the
    check for 84 s, and a docs/ text file of 400,000 for longer than anyone waited)."""
    from brandsite.content.contact_names import _RUN, phones_in

    phones = {"057186001234": 1, "13912345678": 1, "10571": 1}
    assert phones_in("电话 O571-86OO1234，手机 l39 1234 5678", phones) == ["057186001234", "13912345678"]
    assert phones_in("电话：O 5 7 1 8 6 0 0 1 2 3 4", phones) == ["057186001234"]
    assert phones_in("Iol 0571", phones) == []  # a word's letters, more than five spaces from nothing
    assert _RUN.pattern.startswith("[0-9]")  # nothing repeated before the first digit
    assert phones_in("O " * 200_000 + "手机 l39 1234 5678", phones) == ["13912345678"]
    # a number beside it in a list or a table hid it: the run was read only whole
    for written in ("13912345678，13800001111", "钱某,13912345678,2024-05-01", "| 钱某 | 13912345678 | 12 |",
                    "手机13912345678 2024年", "0571-86001234/86001235", "0571 8600 1234/8600 1235（工作日）"):
        assert phones_in(written, phones), written
    assert phones_in("备案号 00000000000000", {"00000000000": 1}) == []  # not part of a group


@pytest.mark.parametrize("written", ["0571-86001234", "0571-8600\u200c1234", "零伍柒壹-捌陆零零壹贰叁肆", "（0571）8600 1234",
                                     # another script's digits: Arabic-Indic, Persian, Devanagari
                                     "٠٥٧١-٨٦٠٠١٢٣٤", "۰۵۷۱ ۸۶۰۰ ۱۲۳۴", "०५७१-८६००१२३४"])
def test_a_contacts_phone_in_public_text_is_a_warning_where_it_is_written(tree, written):
    """A contact's landline in a public story (咨询电话 0571-86001234) passed the check and the strict
    build, and `brandsite leaks` then refused the site: the check looked for mobile numbers, ID
    numbers and e-mail addresses only. Now for every contact's phone by its digits, however
    spelled; a mobile number is told once, as the personal data it is; a placeholder is no phone."""
    from brandsite.content.contact_names import contacts

    tree.brand(**{"featured: true": "featured: true\ncontact:\n  name: 王某\n  phone: \"0571-86001234\""})
    tree.brand("shou-ji", **{"name: 连心桥": "name: 手机岗", "featured: true": "contact:\n  name: 李某\n  phone: \"13912345678\""})
    tree.brand("kong-bai", **{"name: 连心桥": "name: 空白岗", "featured: true": "contact:\n  name: 张某\n  phone: 0000-0000000"})
    tree.write("lian-xin-qiao/story.md", f"第一段。\n\n咨询电话 {written}，手机 139 1234 5678，传真 0000-0000000。\n")
    catalog, _ = check(tree)
    found = privacy.scan(catalog.for_audience("public"), root=tree.root, contacts=contacts(catalog))
    said = [(p.path, p.line, p.message[:24]) for p in found]
    story = "brands/lian-xin-qiao/story.md"
    assert sorted(said) == [(story, 3, "公开内容里写了联系人的电话“057*****1234”"[:24]), (story, 3, "公开内容里有疑似个人信息：手机号“139****5678”"[:24])], said
