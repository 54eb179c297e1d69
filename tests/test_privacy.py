"""Personal data in public text is a warning on public builds; contacts and internal cases are not scanned."""

from __future__ import annotations

import subprocess
import sys

import pytest

from brandsite.content import privacy
from tests.conftest import CASE_MD, SITE_YML, check

Y = "brands/lian-xin-qiao/brand.yml"
CASE = "brands/lian-xin-qiao/cases/tui-shui.md"


def with_checksum(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, privacy._ID_WEIGHTS))
    return first17 + "10X98765432"[total % 11]


ID = with_checksum("11010519800101123")


@pytest.mark.parametrize("line, words", [
    ("联系王书记 13912345678 预约", ["手机号“139****5678”"]),
    ("电话:+86 139-1234-5678", ["手机号“139****5678”"]),
    (f"身份证 {ID} 已登记", [f"身份证号“110***********{ID[-4:]}”"]),
    ("来信请寄 wang.shuji@example.com", ["电子邮箱“wang.shuji@example.com”"]),
    ("服务热线 12366,全天服务", []),
    ("编号 20231234567890 不是手机号", []),
    ("金额 139123456789 元", []),
    (f"身份证 {ID[:-1]}{'0' if ID[-1] != '0' else '1'} 校验位不对", []),
])
def test_findings(line, words):
    assert list(privacy.findings(line)) == words


def test_allowed_public_contacts():
    assert list(privacy.findings("热线 139-1234-5678", ["13912345678"])) == []
    assert list(privacy.findings("邮箱 Office@Example.gov.cn", ["office@example.gov.cn"])) == []


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
    """A quoted slogan whose second line starts `contact:` is still the slogan, and a line of
    it starting with # is not a comment: both are published. A number the value folds from
    two lines is found too; a real comment is not published and not scanned."""
    tree.brand(**{
        "slogan: 连民心 解民忧": 'slogan: "服务热线\ncontact:\n 13912345678"',
        "organization: 青禾区政务服务中心党支部": 'organization: "青禾区政务服务中心党支部\n # 13712345678"',
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
    (tree.root / "mkdocs.yml").write_text(SITE_YML.format(audience="public"), encoding="utf-8")
    run = lambda *a: subprocess.run([sys.executable, "-m", "brandsite.cli", "check", *a],  # noqa: E731
                                    cwd=tree.root, capture_output=True, text=True)
    plain = run()
    assert plain.returncode == 0
    assert f"{Y}:2: 警告:公开内容里有疑似个人信息:手机号“139****5678”" in plain.stdout
    assert run("--strict").returncode == 1
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
