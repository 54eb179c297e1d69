"""Any content shape builds: the sample site's mkdocs.yml and nav, strict, with
content that has no clusters, partners, metrics, featured or named brands, or cases."""

from __future__ import annotations

import re
import shutil

import pytest
from mkdocs.exceptions import Abort

from .conftest import LOGO_SVG, OTHER_CONNOTATIONS, BrandTree, build_root, copy_sample

MINIMAL_YML = """\
name: {name}
organization: {org}
category: {category}
stage: 申报
established: 2022
logo: logo.svg
connotation: |
  {connotation}
carriers:
  - name: 党员示范岗
    description: 在办事大厅设立党员示范岗，亮身份、亮承诺。
"""

MINIMAL = [
    ("xing-huo", "星火先锋", "青禾区机械厂党支部", "企业"),
    ("tian-jian", "田间课堂", "青禾区石桥村党支部", "农村"),
    ("xiao-yuan", "校园灯塔", "青禾区第一中学党支部", "学校"),
]


def minimal_site(tmp_path, count: int):
    """The sample site with its brands replaced by `count` brands that have only the required fields."""
    root = copy_sample(tmp_path)
    shutil.rmtree(root / "brands")
    tree = BrandTree(root)
    for i, (slug, name, org, category) in enumerate(MINIMAL[:count]):
        tree.write(f"{slug}/brand.yml", MINIMAL_YML.format(
            name=name, org=org, category=category, connotation=OTHER_CONNOTATIONS[i].format(name=name)))
        tree.write(f"{slug}/logo.svg", LOGO_SVG.replace('fill="red"', f'fill="#{i * 60:02x}2030"'))
    return root


def strict_build(root, monkeypatch, audience="public", strict=True):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.chdir(root)
    monkeypatch.setenv("BRANDSITE_AUDIENCE", audience)
    build(load_config("mkdocs.yml", site_dir=str(root / "site"), strict=strict))
    return root / "site"


@pytest.mark.parametrize("count", [0, 1, 3])
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_minimal_brands_build_strict_with_the_sample_nav(tmp_path, monkeypatch, count, audience, caplog):
    """With no brand at all, a build is refused unless it is not strict (a preview's): a merge that
    moved the brand folders away built an empty site and published it over the last one."""
    root = minimal_site(tmp_path, count)
    if count == 0:
        from mkdocs.exceptions import Abort

        with pytest.raises(Abort):
            strict_build(root, monkeypatch, audience)
        assert "brands:1: 警告：brands/ 里没有品牌文件夹，构建会用一个没有品牌的空网站替换现在的网站" in caplog.text
    site = strict_build(root, monkeypatch, audience, strict=count > 0)
    for page in ("index.html", "brands/index.html", "stats/index.html", "clusters/index.html"):
        assert (site / page).is_file(), page
    clusters = (site / "clusters/index.html").read_text(encoding="utf-8")
    assert "暂无品牌集群" in clusters
    # No cluster at all: the page stays for old links, but no tab or nav entry leads to it.
    for page in ("index.html", "brands/index.html", "stats/index.html"):
        assert "品牌集群" not in re.sub(r"<title>.*?</title>", "", (site / page).read_text(encoding="utf-8")), page
    stats = (site / "stats/index.html").read_text(encoding="utf-8")
    assert "NaN" not in stats and "nan" not in re.sub(r"<[^>]*>", "", stats).split()
    assert not re.search(r'(width|x)="(nan|inf)', stats, re.I)
    # with the sample's tabs the site nav's sidebar held this page alone: hidden, its sections kept
    assert re.search(r'<div class="md-sidebar md-sidebar--primary"[^>]*hidden', stats)
    assert not re.search(r'<div class="md-sidebar md-sidebar--secondary"[^>]*hidden', stats)
    home = (site / "index.html").read_text(encoding="utf-8")
    for slug, name, _, _ in MINIMAL[:count]:
        assert name in (site / "brands/index.html").read_text(encoding="utf-8")
        assert name in (site / f"brands/{slug}/index.html").read_text(encoding="utf-8")
    assert "NaN" not in home
    # no brand marked featured: the home page shows the brands themselves (it showed a count and a chip only)
    assert ('>品牌一览</h2>' in home) == (count > 0) and all(name in home for _, name, _, _ in MINIMAL[:count])
    # the home page's category heading only over categories (its hero button still finds the place)
    assert ('按类别浏览</h2>' in home) == (count > 0) and 'id="按类别浏览"' in home
    if count == 0:
        gallery = (site / "brands/index.html").read_text(encoding="utf-8")
        assert "暂无品牌。" in gallery and "没有符合条件" not in gallery  # no filter's "nothing matches" beside it
        assert "暂无品牌。" in home
    # No brand has metrics: that chart is one line, not an empty drawing.
    assert "各项成效合计：暂无数据" in stats


def test_a_chart_without_rows_is_one_line():
    from brandsite.site import charts
    from tests.test_stats import chart_html

    html = chart_html(charts.bar_chart("c", "各地区品牌数", []))
    assert "<svg" not in html and "各地区品牌数：暂无数据" in html


def test_a_chart_never_draws_nan_widths():
    from brandsite.site import charts
    from tests.test_stats import chart_html

    for rows in ([{"label": "a", "value": float("nan")}, {"label": "b", "value": 2}],
                 [{"label": "a", "value": float("inf")}], [{"label": "a", "value": 0}, {"label": "b", "value": -3}]):
        html = chart_html(charts.bar_chart("c", "t", rows))
        assert html.count("<rect ") == 2 * len(rows)  # the wide chart and the narrow one
        assert not re.search(r'(width|x)="[^"]*(nan|inf)', html, re.I), html


def test_a_cluster_intro_no_brand_uses_is_not_published_and_the_check_says_so(tmp_path, monkeypatch):
    """The sample brands replaced by others without clusters: the sample's docs/clusters/青禾先锋矩阵.md
    (its text says the content is fictional) is not published as a page of its own, and the
    check names the file with what to do; the build still passes --strict."""
    import subprocess
    import sys

    root = minimal_site(tmp_path, 1)
    intro = root / "docs/clusters/青禾先锋矩阵.md"
    assert intro.is_file()
    site = strict_build(root, monkeypatch)
    assert not (site / "clusters/青禾先锋矩阵").exists()
    assert "青禾先锋矩阵" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "brandsite.cli", "check", "--strict"], cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout
    assert "docs/clusters/青禾先锋矩阵.md:1: 提示：没有品牌属于集群“青禾先锋矩阵”，这个集群介绍页不会发布。" in out.stdout


def test_a_cluster_of_internal_brands_only_keeps_its_intro_off_the_public_site(tmp_path, monkeypatch):
    root = minimal_site(tmp_path, 2)
    for slug in ("xing-huo", "tian-jian"):
        yml = root / "brands" / slug / "brand.yml"
        extra = "cluster: 青禾先锋矩阵\n" + ("visibility: internal\n" if slug == "xing-huo" else "")
        yml.write_text(yml.read_text(encoding="utf-8") + extra, encoding="utf-8")
    (root / "brands/tian-jian/brand.yml").write_text(
        (root / "brands/tian-jian/brand.yml").read_text(encoding="utf-8").replace("cluster: 青禾先锋矩阵\n", ""), encoding="utf-8")
    intro_text = (root / "docs/clusters/青禾先锋矩阵.md").read_text(encoding="utf-8").splitlines()[-1]
    public = strict_build(root, monkeypatch)
    assert not (public / "clusters/青禾先锋矩阵").exists()
    assert "品牌集群" not in (public / "index.html").read_text(encoding="utf-8")  # the public site has none
    internal = strict_build(root, monkeypatch, "internal")
    page = (internal / "clusters/青禾先锋矩阵/index.html").read_text(encoding="utf-8")
    assert '<a href="clusters/" class="md-tabs__link">' in (internal / "index.html").read_text(encoding="utf-8")
    assert "星火先锋" in page and intro_text.lstrip("- ").strip()[:10] in page


def test_the_check_warns_about_what_cleaning_takes_from_a_cluster_intro(tmp_path, monkeypatch):
    """A cluster intro is editors' prose, as story.md is: the check names each thing the
    cleaning removes at its line, and the strict build stops on the same warning."""
    import subprocess
    import sys

    root = minimal_site(tmp_path, 1)
    yml = root / "brands" / MINIMAL[0][0] / "brand.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "cluster: 青禾先锋矩阵\n", encoding="utf-8")
    intro = root / "docs/clusters/青禾先锋矩阵.md"
    intro.write_text("# 青禾先锋矩阵\n\n矩阵介绍。\n\n<img src=x onerror=alert(1)>\n\n[点这里](javascript:alert(1))\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "brandsite.cli", "check", "--strict"], cwd=root, capture_output=True, text=True)
    assert out.returncode == 1, out.stdout
    lines = [line.strip() for line in out.stdout.splitlines() if line.strip().startswith("docs/clusters/青禾先锋矩阵.md:")]
    assert [line.split(": ", 1)[0] for line in lines] == ["docs/clusters/青禾先锋矩阵.md:" + n for n in "557"], out.stdout
    assert "onerror" in lines[1] and "javascript:alert(1)" in lines[2] and all("集群介绍" in line for line in lines), lines
    with pytest.raises(Abort, match="warnings in strict mode"):  # the check's warnings, in the build log
        strict_build(root, monkeypatch)
    page = (root / "site" / "clusters" / "青禾先锋矩阵" / "index.html")
    assert not page.exists() or "onerror" not in page.read_text(encoding="utf-8")


def test_a_cluster_intro_with_a_case_files_front_matter_is_refused_at_its_line(tmp_path, monkeypatch):
    """An intro opened with a --- block of "key: value" lines (a case file's layout) would show
    those lines on the page as text: the check says so at line 1 with what to do, and the build
    stops on the same error. A --- rule further down is ordinary Markdown."""
    import subprocess
    import sys

    root = minimal_site(tmp_path, 1)
    yml = root / "brands" / MINIMAL[0][0] / "brand.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "cluster: 青禾先锋矩阵\n", encoding="utf-8")
    intro = root / "docs/clusters/青禾先锋矩阵.md"
    intro.write_text("---\ntitle: 青禾先锋矩阵\ndate: 2024-05-01\n---\n\n矩阵介绍。\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "brandsite.cli", "check"], cwd=root, capture_output=True, text=True)
    assert out.returncode == 1, out.stdout
    assert ("docs/clusters/青禾先锋矩阵.md:1: 集群介绍开头第 1 到第 4 行是用 --- 围起来的信息，这是案例文件的写法："
            "集群介绍不用它，这几行会原样显示在网站上。请删去这几行") in out.stdout, out.stdout
    with pytest.raises(Abort, match="BuildError"):  # the content error stops the build, without a traceback
        strict_build(root, monkeypatch)

    intro.write_text("# 青禾先锋矩阵\n\n矩阵介绍。\n\n---\n\n下一段：说明。\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "brandsite.cli", "check", "--strict"], cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout
    page = (strict_build(root, monkeypatch) / "clusters/青禾先锋矩阵/index.html").read_text(encoding="utf-8")
    assert "矩阵介绍" in page and "下一段：说明" in page


def test_a_cluster_intro_saved_as_gbk_or_garbled_is_an_error_at_its_line(tmp_path, monkeypatch):
    """A GBK intro was published as garbled text (read with replacement characters) without a word."""
    import subprocess
    import sys

    root = minimal_site(tmp_path, 1)
    yml = root / "brands" / MINIMAL[0][0] / "brand.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "cluster: 青禾先锋矩阵\n", encoding="utf-8")
    intro = root / "docs/clusters/青禾先锋矩阵.md"
    intro.write_bytes("# 青禾先锋矩阵\n\n矩阵介绍。\n".encode("gbk"))
    out = subprocess.run([sys.executable, "-m", "brandsite.cli", "check"], cwd=root, capture_output=True, text=True)
    assert out.returncode == 1 and "docs/clusters/青禾先锋矩阵.md:1: 文件不是 UTF-8 编码（看起来是 GBK/GB18030）" in out.stdout, out.stdout
    assert out.stdout.count("文件不是 UTF-8 编码") == 1, out.stdout  # told once (it was twice: as a page and as an intro)
    with pytest.raises(Abort, match="BuildError"):
        strict_build(root, monkeypatch)
    intro.write_text("# 青禾先锋矩阵\n\n矩阵\ufffd\ufffd。\n", encoding="utf-8")  # opened as UTF-8, then saved
    out = subprocess.run([sys.executable, "-m", "brandsite.cli", "check"], cwd=root, capture_output=True, text=True)
    assert out.returncode == 1 and "docs/clusters/青禾先锋矩阵.md:3: 这一行有乱码" in out.stdout, out.stdout


def test_a_site_page_in_gbk_fails_the_check_as_it_fails_the_build(tmp_path, monkeypatch):
    """A docs/ page not in UTF-8 passed the check; the build then stopped with MkDocs' English traceback."""
    import subprocess
    import sys

    root = minimal_site(tmp_path, 1)
    page = root / "docs" / "about.md"
    page.write_bytes("# 关于\n\n本站介绍。\n".encode("gbk"))
    out = subprocess.run([sys.executable, "-m", "brandsite.cli", "check"], cwd=root, capture_output=True, text=True)
    assert out.returncode == 1 and "docs/about.md:1: 文件不是 UTF-8 编码（看起来是 GBK/GB18030）" in out.stdout, out.stdout
    with pytest.raises(Abort, match="BuildError"):  # the same error, before MkDocs reads the page
        strict_build(root, monkeypatch)
    page.write_text("# 关于\n\n本站介绍。\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "brandsite.cli", "check"], cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout


def test_a_cluster_intros_link_to_itself_is_no_dead_link(tmp_path, monkeypatch):
    """[本页](./) in a cluster intro was published as href="bs-case:/", a dead link (the brand
    page's mark, with no brand to make it an address)."""
    root = minimal_site(tmp_path, 1)
    yml = root / "brands" / MINIMAL[0][0] / "brand.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "cluster: 青禾先锋矩阵\n", encoding="utf-8")
    (root / "docs/clusters/青禾先锋矩阵.md").write_text("# 青禾先锋矩阵\n\n矩阵介绍，见[本页](./)。\n", encoding="utf-8")
    page = (strict_build(root, monkeypatch) / "clusters" / "青禾先锋矩阵" / "index.html").read_text(encoding="utf-8")
    assert "bs-case:" not in page and "bs-local:" not in page
    assert re.search(r'<a href="\./"[^>]*>本页</a>', page), page


def test_a_cluster_intro_named_as_the_cluster_is_written_is_told_its_file_name(tmp_path, monkeypatch):
    """Cluster 红色 引擎's intro saved as 红色 引擎.md: its page is 红色-引擎, so the file was not read,
    and the check said no brand had the cluster. It says which file name the intro needs."""
    import subprocess
    import sys

    root = minimal_site(tmp_path, 1)
    yml = root / "brands" / MINIMAL[0][0] / "brand.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "cluster: 红色 引擎\n", encoding="utf-8")
    (root / "docs/clusters/红色 引擎.md").write_text("# 红色 引擎\n\n引擎介绍 INTRO-TEXT。\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "brandsite.cli", "check", "--strict"], cwd=root, capture_output=True, text=True)
    assert out.returncode == 1, out.stdout
    assert ("docs/clusters/红色 引擎.md:1: 警告：这是集群“红色 引擎”的介绍，但文件名不对，它不会发布："
            "集群名里的空格和符号在文件名里写成 -。请把文件改名为 红色-引擎.md") in out.stdout, out.stdout
    assert "没有品牌属于集群“红色" not in out.stdout, out.stdout
    (root / "docs/clusters/红色 引擎.md").rename(root / "docs/clusters/红色引擎.md")  # the space left out
    out = subprocess.run([sys.executable, "-m", "brandsite.cli", "check", "--strict"], cwd=root, capture_output=True, text=True)
    assert "docs/clusters/红色引擎.md:1: 警告：这是集群“红色 引擎”的介绍，但文件名不对" in out.stdout, out.stdout
    assert "请把文件改名为 红色-引擎.md" in out.stdout, out.stdout
    (root / "docs/clusters/红色引擎.md").rename(root / "docs/clusters/红色 引擎.md")
    (root / "docs/clusters/红色 引擎.md").rename(root / "docs/clusters/红色-引擎.md")
    site = strict_build(root, monkeypatch)
    assert "INTRO-TEXT" in (site / "clusters/红色-引擎/index.html").read_text(encoding="utf-8")
