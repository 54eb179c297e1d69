"""Hostile markup in a built page, near-duplicate logos and reviewed pairs, files that leave the brand
folder or are far too big. The messages for SVG logos, markup in prose and near-duplicate names
and texts are in the golden tables (test_rules*.py)."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort
from tests.conftest import CASE_MD, CONNOTATION, LOGO_SVG, build_site, check, messages, png_bytes

from brandsite.content import clusters, similarity


def found(problems, level=None):
    return [str(p) for p in problems if level is None or p.level == level]


def test_built_page_never_runs_pasted_html(tree):
    folder = tree.brand(**{CONNOTATION: CONNOTATION + "\n  <script>window.pwned=1</script>"})
    (folder / "story.md").write_text("正文 <img src=x onerror=\"window.pwned=2\"> 结束\n\n[点我](javascript:alert(1))\n", encoding="utf-8")
    site = build_site(tree.root)
    html = (site / "brands" / "lian-xin-qiao" / "index.html").read_text(encoding="utf-8")
    article = html.split('<article', 1)[1].split("</article>", 1)[0]
    assert "正文" in article and "结束" in article and "点我" in article  # the prose is still there
    assert "window.pwned" not in article  # script and handlers are cleaned away, not shown
    assert "<script" not in article.lower()
    assert "onerror" not in article
    assert 'href="javascript:' not in article


# -- near-duplicates -----------------------------------------------------------


def test_normalise_folds_width_script_spaces_and_punctuation():
    assert similarity.normalise("稅 連心（ＡＢ）!") == similarity.normalise("税连心(ab)") == "税连心ab"


def test_same_and_nearly_same_raster_logo_warn(tree):
    for slug, name in (("a-a", "甲品牌"), ("b-b", "乙品牌"), ("c-c", "丙品牌")):
        tree.brand(slug, **{"name: 连心桥": f"name: {name}", "logo: logo.svg": "logo: logo.png"})
    from PIL import Image, ImageDraw

    def logo(shift):
        im = Image.new("RGB", (300, 300), "white")
        ImageDraw.Draw(im).ellipse([40 + shift, 40, 260, 260], fill=(200, 20, 20))
        return im

    logo(0).save(tree.brands / "a-a" / "logo.png")
    logo(2).save(tree.brands / "b-b" / "logo.png")  # re-exported with a tiny change
    Image.new("RGB", (300, 300), (20, 60, 200)).save(tree.brands / "c-c" / "logo.png")
    ImageDraw.Draw(im := Image.open(tree.brands / "c-c" / "logo.png").convert("RGB")).rectangle([0, 0, 150, 300], fill="yellow")
    im.save(tree.brands / "c-c" / "logo.png")
    problems = found(check(tree)[1])
    assert len(problems) == 1 and problems[0].startswith("brands/b-b/brand.yml:11: 标识与 brands/a-a/brand.yml（“甲品牌”）的标识相似（")
    assert "相同" not in problems[0]  # only byte- or pixel-identical logos are called the same


def _pair_with_copied_connotation(tree, reviewed_in=None):
    tree.brand()
    copied = CONNOTATION.replace("连心桥", "暖心桥").replace("志愿活动", "公益活动")
    extra = {"featured: true": "featured: true\nreviewed_similar: [lian-xin-qiao]"} if reviewed_in == "nuan-xin" else {}
    tree.brand("nuan-xin", **{"name: 连心桥": "name: 连心桥站", CONNOTATION: copied}, **extra)
    if reviewed_in == "lian-xin-qiao":
        yml = tree.brands / "lian-xin-qiao" / "brand.yml"
        yml.write_text(yml.read_text(encoding="utf-8") + "reviewed_similar: [nuan-xin]\n", encoding="utf-8")
    return check(tree)[1]


@pytest.mark.parametrize("reviewed_in", [None, "nuan-xin", "lian-xin-qiao"])
def test_reviewed_pair_is_info_in_either_brand(tree, reviewed_in):
    problems = [p for p in _pair_with_copied_connotation(tree, reviewed_in) if p.kind == similarity.KIND]
    assert {("非常相似" in p.message, "高度雷同" in p.message) for p in problems} == {(True, False), (False, True)}
    levels = {p.level for p in problems}
    assert levels == ({"warning"} if reviewed_in is None else {"info"})
    assert not [p for p in problems if p.level == "error"]
    if reviewed_in:
        assert all(p.message.endswith("已人工审核，确认不是重复（reviewed_similar）") for p in problems)


def test_reviewed_pair_still_shows_on_the_review_page(tree):
    from brandsite.site import review

    problems = _pair_with_copied_connotation(tree, "nuan-xin")
    found = review.duplicate_warnings(problems)["nuan-xin"]
    assert len(found) == 2 and all(w.startswith(review.REVIEWED_MARK) for w in found)


def test_reviewed_logo_pair_is_info_and_others_still_warn(tree):
    from PIL import Image, ImageDraw

    for slug, name in (("a-a", "甲品牌"), ("b-b", "乙品牌"), ("c-c", "丙品牌")):
        tree.brand(slug, **{"name: 连心桥": f"name: {name}", "logo: logo.svg": "logo: logo.png"})
    im = Image.new("RGB", (300, 300), "white")
    ImageDraw.Draw(im).ellipse([40, 40, 260, 260], fill=(200, 20, 20))
    for slug in ("a-a", "b-b", "c-c"):
        im.save(tree.brands / slug / "logo.png")
    yml = tree.brands / "c-c" / "brand.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "reviewed_similar: [a-a]\n", encoding="utf-8")
    logos = [(p.path, p.level, p.message.split("（“")[0]) for p in check(tree)[1] if p.message.startswith("标识与")]
    assert logos == [("brands/b-b/brand.yml", "warning", "标识与 brands/a-a/brand.yml"),
                     ("brands/c-c/brand.yml", "info", "标识与 brands/a-a/brand.yml"),
                     ("brands/c-c/brand.yml", "warning", "标识与 brands/b-b/brand.yml")]


def test_near_duplicates_scale_linearly_in_warnings(tree):
    """Ten copies give nine warnings per check, not forty-five."""
    for i in range(10):
        tree.brand(f"copy-{i}", **{"name: 连心桥": f"name: 品牌{'甲乙丙丁戊己庚辛壬癸'[i]}号", CONNOTATION: CONNOTATION})
        (tree.brands / f"copy-{i}" / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    problems = check(tree)[1]
    assert sum("理念内涵" in p.message for p in problems) == 9
    assert sum(p.message.startswith("标识与") for p in problems) == 9


# -- files that leave the brand folder, and files far too big ----------------


def test_symlinks_out_of_the_brand_folder_are_refused(tree, tmp_path):
    folder = tree.brand()
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwd.png").write_bytes(png_bytes())
    (secret / "story.md").write_text("机密内容 SECRET-MARKER\n", encoding="utf-8")
    (folder / "photos" / "leak.png").symlink_to(secret / "passwd.png")
    (folder / "story.md").symlink_to(secret / "story.md")
    (tree.brands / "linked-brand").symlink_to(folder)  # inside brands/: allowed
    (tree.brands / "outside-brand").symlink_to(secret)
    catalog, problems = check(tree)
    said = messages(problems)
    assert "brands/lian-xin-qiao/story.md:1: 这个文件是指向品牌文件夹以外的链接（symlink），已拒绝读取。请把真实文件复制进品牌文件夹" in said
    assert any(m.startswith("brands/lian-xin-qiao/photos/leak.png:1: 这张照片是指向品牌文件夹以外的链接") for m in said)
    assert any(m.startswith("brands/outside-brand:1: 这个品牌文件夹是指向 brands/ 以外的链接") for m in said)
    for brand in catalog:
        assert "photos/leak.png" not in brand.photos
        assert "SECRET-MARKER" not in brand.story


def test_symlink_loops_are_refused_without_a_traceback(tree):
    """A link to itself (photos/loop.png -> loop.png) made Path.resolve() raise RuntimeError, and
    the check and the build stopped with a traceback: in photos/, as a brand folder, as the logo."""
    folder = tree.brand()
    (folder / "photos" / "loop.png").symlink_to("loop.png")
    (tree.brands / "loop-dir").symlink_to("loop-dir")
    other = tree.brand("huan-lu", **{"name: 连心桥": "name: 环路品牌"}, case=False)
    (other / "logo.svg").unlink()
    (other / "logo.svg").symlink_to("logo.svg")
    catalog, problems = check(tree)
    said = messages(problems)
    assert any(m.startswith("brands/lian-xin-qiao/photos/loop.png:1: 这张照片是指向品牌文件夹以外的链接") for m in said), said
    assert any(m.startswith("brands/loop-dir:1: 这个品牌文件夹是指向 brands/ 以外的链接") for m in said), said
    assert any(m.startswith("brands/huan-lu/brand.yml:") and "logo" in m for m in said), said
    assert all("photos/loop.png" not in b.photos for b in catalog)


def test_links_in_docs_that_lead_out_or_loop_stop_check_and_build(tree, caplog):
    """docs/clusters linked to a brand's cases/ published an internal case as a cluster's intro,
    with `brandsite check` passing; a link in docs/ that loops crashed both; one to / kept MkDocs
    listing the disk. Every link out of docs/ is refused, by the check and before MkDocs lists docs/."""
    import subprocess
    import sys

    from tests.conftest import SITE_YML, build_root

    folder = tree.brand(**{"tags: [服务窗口]": "tags: [服务窗口]\ncluster: tui-shui"})
    (folder / "cases" / "tui-shui.md").write_text(CASE_MD.replace("summary:", "visibility: internal\nsummary:")
                                                  .replace("三天内帮企业办结退税。", "内部回访记录 SECRET-MARKER。"), encoding="utf-8")
    tree.write("lian-xin-qiao/cases/gong-kai.md", CASE_MD.replace("title: 一张清单解决企业退税难题", "title: 公开的案例"))
    docs = tree.root / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    (docs / "clusters").symlink_to(folder / "cases")
    (docs / "loop.md").symlink_to("loop.md")
    (docs / "guide").mkdir()
    (docs / "guide" / "here.md").write_text("# 说明\n", encoding="utf-8")
    (docs / "guide" / "up").symlink_to("..")  # docs/ again inside itself, without end (the build never finished)
    (docs / "mirror").symlink_to(".")  # the build stopped: Too many levels of symbolic links
    # a link that stays inside docs/ published a staff page of guide/ (left out of a public build) at its own
    # path, and the check, which reads no link, passed it
    (docs / "same.md").symlink_to("guide/here.md")
    (tree.root / "mkdocs.yml").write_text(SITE_YML.format(audience="public"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "brandsite.cli", "check"], cwd=tree.root, capture_output=True, text=True)
    assert out.returncode == 1 and "Traceback" not in out.stdout + out.stderr, out.stdout + out.stderr
    told = [line.strip().split(": ", 1)[0] for line in out.stdout.splitlines() if "链接（symlink）" in line]
    assert told == ["docs/clusters:1", "docs/guide/up:1", "docs/loop.md:1", "docs/mirror:1", "docs/same.md:1"], out.stdout
    assert "docs/same.md:1: 这是指向 docs/ 里另一处的链接（symlink）：网站会在链接的位置再发布一次被指向的内容" in out.stdout
    assert "docs/clusters:1: 这是指向 docs/ 文件夹以外的链接（symlink），网站不会读取它，已拒绝构建。" in out.stdout, out.stdout
    for link in ("docs/guide/up", "docs/loop.md", "docs/mirror"):
        assert f"{link}:1: 这是循环的链接（symlink），指回它自己或它所在的文件夹，网站不会读取它" in out.stdout, out.stdout
    with pytest.raises(Abort):
        build_root(tree.root)
    assert "docs/clusters:1: 这是指向 docs/ 文件夹以外的链接（symlink）" in caplog.text, caplog.text
    assert not (tree.root / "site").exists() or "SECRET-MARKER" not in "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in (tree.root / "site").rglob("*") if p.is_file())
    # the intro is never read through the link, whatever else calls for it
    assert clusters.intro_path(docs, "tui-shui") is None


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_docs_stops_check_and_build(tmp_path):
    """A named pipe in docs/ (a tar or a shared folder can hold one): the check passed over it unread,
    and MkDocs, which lists it as a file, waited on it for good. Refused by both, as a symlink is,
    before MkDocs lists docs/, and the preview too."""
    import os

    from brandsite.errors import BrandsiteError

    docs = tmp_path / "docs"
    (docs / "files").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    os.mkfifo(docs / "notice.md")
    os.mkfifo(docs / "files" / "form.pdf")
    said = [str(p) for p in clusters.docs_links(docs, tmp_path)]
    assert [s.split(": ", 1)[0] for s in said] == ["docs/files/form.pdf:1", "docs/notice.md:1"], said
    assert all("命名管道、套接字或设备文件" in s and "已拒绝构建" in s for s in said), said
    for serving in (False, True):
        with pytest.raises(BrandsiteError, match="docs/notice.md:1: 这不是普通的文件"):
            clusters.refuse_docs_links(docs, tmp_path, serving=serving)


def test_a_brand_copied_into_docs_stops_check_and_build(tree, caplog):
    """A brand folder copied into docs/ as a backup: check passed, and the public site published its
    brand.yml as it was (the contact, visibility: internal) and its internal case as a bare page."""
    import shutil
    import subprocess
    import sys

    from mkdocs.exceptions import Abort
    from tests.conftest import SITE_YML, build_root

    folder = tree.brand(**{"featured: true": "visibility: internal\ncontact:\n  name: 钱多多\n  phone: \"0571-86001234\""})
    (folder / "cases" / "tui-shui.md").write_text(CASE_MD.replace("summary:", "visibility: internal\nsummary:"), encoding="utf-8")
    tree.brand("hong-qiao", **{"name: 连心桥": "name: 红桥"})
    docs = tree.root / "docs"
    (docs / "bei-fen").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    shutil.copytree(folder, docs / "bei-fen" / "lian-xin-qiao")
    (tree.root / "mkdocs.yml").write_text(SITE_YML.format(audience="public"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "brandsite.cli", "check"], cwd=tree.root, capture_output=True, text=True)
    assert out.returncode == 1 and "Traceback" not in out.stdout + out.stderr, out.stdout + out.stderr
    assert "docs/bei-fen/lian-xin-qiao/brand.yml:1: docs/ 里有品牌文件 brand.yml：docs/ 里的文件会原样发布到网站上" in out.stdout, out.stdout
    assert ("docs/bei-fen/lian-xin-qiao/cases/tui-shui.md:1: 这个页面写着 visibility: internal，但 docs/ 里的页面都会公开发布"
            in out.stdout), out.stdout
    with pytest.raises(Abort):
        build_root(tree.root)
    assert not (tree.root / "site" / "bei-fen").exists()


def test_a_photo_name_too_long_for_its_variants_is_refused_and_a_long_one_builds(tree, caplog):
    """photos/<250 letters>.png passed the check, then the build stopped with a traceback: its
    variant <name>.480.webp is past the 255 bytes a file name may have. 83 Chinese characters
    did the same. Refused by the check, at the photo, in words; 60 Chinese characters build."""
    folder = tree.brand()
    for name in ("a" * 250, "党" * 83):
        (folder / "photos" / f"{name}.png").write_bytes(png_bytes((1600, 1200)))
    long_ok = "党" * 60
    (folder / "photos" / f"{long_ok}.png").write_bytes(png_bytes((1600, 1200)))
    case = folder / "cases" / "tui-shui.md"
    listed = "".join(f"\n  - ../photos/{name}.png" for name in ("desk", "a" * 250, "党" * 83, long_ok))
    case.write_text(case.read_text(encoding="utf-8").replace("photos: [../photos/desk.png]", "photos:" + listed), encoding="utf-8")
    said = messages(check(tree)[1])
    for line, name in ((7, "a" * 250), (8, "党" * 83)):
        assert any(m.startswith(f"brands/lian-xin-qiao/cases/tui-shui.md:{line}: 照片路径")
                   and f"文件名“{name[:12]}…”太长：" in m and "文件名最多 81 个汉字（或 245 个字母、数字）" in m for m in said), said
    assert not any(m.startswith("brands/lian-xin-qiao/cases/tui-shui.md:9:") for m in said), said  # 60 characters
    with pytest.raises(Abort, match="BuildError"):
        build_site(tree.root)
    assert "Traceback" not in caplog.text and "File name too long" not in caplog.text
    case.write_text(case.read_text(encoding="utf-8").replace(f"\n  - ../photos/{'a' * 250}.png\n  - ../photos/{'党' * 83}.png", ""),
                    encoding="utf-8")
    site = build_site(tree.root)
    assert list((site / "brands/lian-xin-qiao/photos").glob(f"{long_ok}.*.webp"))


def test_symlinked_logo_outside_is_refused(tree, tmp_path):
    folder = tree.brand()
    (tmp_path / "elsewhere.svg").write_text(LOGO_SVG, encoding="utf-8")
    (folder / "logo.svg").unlink()
    (folder / "logo.svg").symlink_to(tmp_path / "elsewhere.svg")
    _, problems = check(tree)
    assert "brands/lian-xin-qiao/brand.yml:11: logo 路径“logo.svg”指向了品牌文件夹以外。请把标识放进本文件夹，写成 logo: logo.svg" in messages(problems)


def test_huge_brand_yml_and_case_are_refused_without_reading(tree):
    folder = tree.brand()
    with open(folder / "brand.yml", "a", encoding="utf-8") as f:
        f.write("# " + "很长的注释" * 400_000 + "\n")  # about 6 MB
    other = tree.brand("da-an-li", **{"name: 连心桥": "name: 大案例"})
    with open(other / "cases" / "big.md", "wb") as f:
        f.write(b"---\ntitle: x\ndate: 2023-01-01\n---\n" + b"a" * 20_000_000)
    _, problems = check(tree)
    said = messages(problems)
    assert any(m.startswith("brands/lian-xin-qiao/brand.yml:1: 文件太大（") and "上限是 1000 KB" in m for m in said)
    assert any(m.startswith("brands/da-an-li/cases/big.md:1: 文件太大（19531 KB）") for m in said)


def test_oversized_photo_is_refused(tree):
    folder = tree.brand()
    (folder / "photos" / "desk.png").write_bytes(png_bytes() + b"\0" * (16 * 1024 * 1024))
    _, problems = check(tree)
    assert any("超过上限 15 MB" in m and m.startswith("brands/lian-xin-qiao/cases/tui-shui.md:5:") for m in messages(problems))


def test_a_phones_full_size_photo_is_accepted(tree):
    """A 4000×3000 phone photo of 5.3 MB was refused (the cap was 5 MB) and its brand left the preview,
    though the build makes the page's sizes from it and publishes none of the original."""
    folder = tree.brand()
    (folder / "photos" / "desk.png").write_bytes(png_bytes() + b"\0" * (int(5.3 * 1024 * 1024)))
    assert not [p for p in check(tree)[1] if "超过上限" in p.message]


def test_image_size_limit_is_configurable(tree):
    from brandsite.content.load import load_catalog

    folder = tree.brand()
    (folder / "photos" / "desk.png").write_bytes(png_bytes() + b"\0" * (2 * 1024 * 1024))
    assert not [p for p in check(tree)[1] if "超过上限" in p.message]
    _, problems = load_catalog(tree.brands, max_image_mb=1.5)
    assert any(m.startswith("brands/lian-xin-qiao/cases/tui-shui.md:5: 图片“desk.png”有 2.0 MB，超过上限 1.5 MB") for m in messages(problems))
