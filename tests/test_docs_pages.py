"""The site's own pages and files in docs/ are content too: a pull request that changes only docs/
is checked, built and published as one that changes brands/ is (content/docpages.py)."""

from __future__ import annotations

import logging
import re
import subprocess
import sys

import pytest
from mkdocs.exceptions import Abort
from tests.conftest import SITE_YML, build_root, png_bytes


def check_out(root):
    return subprocess.run([sys.executable, "-m", "brandsite.cli", "check"], cwd=root, capture_output=True, text=True)


@pytest.fixture
def site_tree(tree):
    tree.brand()
    (tree.root / "docs").mkdir()
    (tree.root / "docs" / "index.md").write_text("# 首页\n\n测试首页。\n", encoding="utf-8")
    (tree.root / "mkdocs.yml").write_text(SITE_YML.format(audience="public"), encoding="utf-8")
    return tree


def material_bundle() -> str:
    from importlib.resources import files

    found = [p.name for p in (files("material") / "templates" / "assets" / "javascripts").iterdir()
             if re.fullmatch(r"bundle\.[0-9a-f]+\.min\.js", p.name)]
    assert len(found) == 1, found
    return found[0]


def refused(root, said: str, caplog) -> None:
    """`brandsite check` in `root` exits 1 saying `said`, without a traceback, and the build stops saying it too."""
    out = check_out(root)
    assert out.returncode == 1 and said in out.stdout and "Traceback" not in out.stdout + out.stderr, out.stdout + out.stderr
    with pytest.raises(Abort):
        build_root(root)
    assert said in caplog.text


def refused_image(root, name: str, data: bytes, caplog) -> None:
    """The image `data` written as docs/img/`name` is refused at its line 1 by check and build (`refused`)."""
    (root / "docs" / "img").mkdir()
    (root / "docs" / "img" / name).write_bytes(data)
    refused(root, f"docs/img/{name}:1: ", caplog)


@pytest.mark.parametrize("rel", ["notes/raw.html", "notes/e.svg", "notes/x.js", "notes/data.xml"])
def test_a_script_page_or_svg_in_docs_stops_check_and_build(site_tree, caplog, rel):
    """A file in docs/ named like Material's bundle replaced it on every page of both sites (script
    ran everywhere; the policy allows the site's own scripts), and an .html or .svg file there was
    published as it was, a page of the site's address with no policy: check and build passed."""
    path = site_tree.root / "docs" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('document.title="PWNED"' if rel.endswith(".js") else "<svg><script>x</script></svg>", encoding="utf-8")
    refused(site_tree.root, f"docs/{rel}:1: docs/ 里不能放这种文件（{path.suffix}）：docs/ 里的文件会原样发布到网站上", caplog)
    assert not (site_tree.root / "site").exists()


@pytest.mark.parametrize("name, said", [("IMG_0001.HEIC", "“IMG_0001.HEIC”是苹果手机的 HEIC 格式，网站用不了。请转成 JPG"),
                                        ("扫描件.tif", "docs/ 里的图片只能是 PNG、JPG、WebP 或 GIF"),
                                        ("扫描件.bmp", "docs/ 里的图片只能是 PNG、JPG、WebP 或 GIF")])
def test_a_photo_or_scan_docs_may_not_publish_is_told_as_a_picture(site_tree, caplog, name, said):
    """A HEIC photo or a TIFF scan in docs/ was told as if it were code (网页、脚本、样式表和 SVG…
    extra_css), while the same HEIC in a brand's photos/ got the photo's own message."""
    (site_tree.root / "docs" / name).write_bytes(b"\x00" * 64)
    refused(site_tree.root, f"docs/{name}:1: {said}", caplog)
    assert "脚本" not in "".join(line for line in caplog.text.splitlines() if name in line)


THEME_FILE = "docs/ 里的这个文件和网站自己的文件同名"


@pytest.mark.parametrize("rel, listed", [
    (f"assets/javascripts/{material_bundle()}", False),  # Material's script
    ("assets/brandsite/search.js", False),  # the plugin's
    ("assets/images/favicon.png", False),  # an image, of a kind docs/ may publish, but Material's icon
    ("stylesheets/site.css", True),  # the site's own (custom_dir), which mkdocs.yml lists
    ("javascripts/site.js", True),  # a script there (which mkdocs.yml may not list)
])
def test_a_file_in_docs_at_a_theme_files_path_stops_check_and_build(site_tree, caplog, rel, listed):
    """A docs/ file wins over the theme's file of the same path. mkdocs.yml lists the admin's style
    sheet, kept in custom_dir: a docs/ file of that path (a listed one, so allowed) was published
    in its place on every page of both sites, a script that ran everywhere; check, build and leaks
    passed. Material's files and the plugin's were replaced the same way."""
    root = site_tree.root
    theme = root / "assets"  # the one custom_dir mkdocs.yml may name
    if listed:
        (theme / rel).parent.mkdir(parents=True, exist_ok=True)
        (theme / rel).write_text("/* the admin's */\n", encoding="utf-8")
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8").replace("  language: zh\n", "  language: zh\n  custom_dir: assets\n")
        config.write_text(text + (f"extra_css:\n  - {rel}\n" if rel.endswith(".css") else ""), encoding="utf-8")
        assert "custom_dir: assets" in config.read_text(encoding="utf-8")
    path = root / "docs" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png_bytes((16, 16)) if rel.endswith(".png") else b'document.title="PWNED"')
    refused(root, f"docs/{rel}:1: {THEME_FILE}（{rel}）", caplog)
    assert not (root / "site").exists()


def test_images_documents_and_the_admins_listed_files_in_docs_are_published(site_tree):
    docs = site_tree.root / "docs"
    (docs / "img").mkdir()
    (docs / "img" / "map.png").write_bytes(png_bytes((40, 30)))
    (docs / "files").mkdir()
    (docs / "files" / "申报指南.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (docs / "CNAME").write_text("dangjian.example.gov.cn\n", encoding="utf-8")
    (docs / "css").mkdir()
    (docs / "css" / "extra.css").write_text(".md-header{background:#b71c1c}\n", encoding="utf-8")
    (docs / ".hidden.js").write_text("x", encoding="utf-8")  # MkDocs leaves it out: not looked at
    config = site_tree.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra_css:\n  - css/extra.css\n", encoding="utf-8")
    out = check_out(site_tree.root)
    assert out.returncode == 0, out.stdout + out.stderr
    site = build_root(site_tree.root)
    for rel in ("img/map.png", "files/申报指南.pdf", "CNAME", "css/extra.css"):
        assert (site / rel).is_file(), rel
    assert "css/extra.css" in (site / "index.html").read_text(encoding="utf-8")


HOSTILE_PAGE = """# 关于我们

正文<script src="../x.js"></script>第二句。

<meta http-equiv="refresh" content="0;url=https://evil.example/">

<iframe src="https://evil.example/"></iframe>

<a href="javascript:alert(1)" onclick="alert(2)">点我</a>

<form action="https://evil.example/"><input name="q"></form>

<img src="https://evil.example/t.png" alt="外部图片">

!!! note "提醒"
    注意事项的内容。

??? tip "展开看"
    折叠的内容。

## 办事流程 { #liu-cheng }

## 劫持 { #__search }

[下载申报指南](files/guide.pdf){ .md-button }
"""


def test_raw_html_in_a_docs_page_is_cleaned_and_the_build_says_so(site_tree, caplog):
    """Raw HTML in a docs/ page was published as written: a <script src> of the site's own ran, a
    <meta refresh> sent visitors to another host. It is cleaned as brand prose is; what the
    Markdown extensions make (admonitions, collapsible blocks, heading ids, classes) stays."""
    config = site_tree.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "markdown_extensions:\n  - admonition\n  - attr_list\n"
                      "  - toc\n  - pymdownx.details\n", encoding="utf-8")
    (site_tree.root / "docs" / "about.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    with caplog.at_level(logging.INFO):
        site = build_root(site_tree.root)
    page = (site / "about" / "index.html").read_text(encoding="utf-8")
    content = page[page.index('<article'):page.index('</article>')]
    for gone in ("<script", "<meta", "<iframe", "<form", "<input", "javascript:", "onclick", "evil.example", 'id="__search"'):
        assert gone not in content, gone
    for kept in ("正文", "第二句。", "点我", '<div class="admonition note">', '<p class="admonition-title">提醒</p>',
                 '<details class="tip">', "<summary>展开看</summary>", '<h2 id="liu-cheng">办事流程</h2>',
                 'class="md-button"', 'alt="外部图片"'):
        assert kept in content, kept
    # said at the lines that hold it (the check's notes, which the build shows), not again for the page
    told = re.findall(r"about\.md:\d+: 提示：这一行的网页代码（(.+?)）不会发布", caplog.text)
    assert {tag for said in told for tag in said.split("、")} >= {"form", "iframe", "input", "meta", "script", "on…=（事件属性）"}, told
    assert "about.md：页面里的网页代码" not in caplog.text
    # the home page's own text too, which the gallery's newest brands follow
    (site_tree.root / "docs" / "index.md").write_text("# 首页\n\n<script>alert(1)</script>欢迎。\n", encoding="utf-8")
    home = (build_root(site_tree.root) / "index.html").read_text(encoding="utf-8")
    assert "欢迎。" in home and "alert(1)" not in home


def test_a_docs_pages_heading_front_matter_and_images_cannot_reach_the_head_or_another_host(site_tree, caplog):
    """The page title MkDocs takes from the first heading went into <title> as markup (Material's
    `striptags` turns &lt;script&gt; back into a tag): a script of the site's own ran, a <meta
    refresh> sent visitors away. Front matter that was not text (a list as the description) went
    in as Python wrote it, template: picked any template (the build then stopped with a traceback
    after a check that passed) and share_image: went into the head as written. Images whose
    address a browser reads as another host's (\\\\host, /\\host, / /host) were kept."""
    docs = site_tree.root / "docs"
    (docs / "x").mkdir()
    (docs / "x" / "e.md").write_text('# E &lt;/title&gt;&lt;script src="/x/p.txt"&gt;&lt;/script&gt;\n\n正文。\n', encoding="utf-8")
    (docs / "x" / "c.md").write_text("---\ndescription: ['\"><script src=\"/x/p.txt\"></script>']\ntemplate: nonexistent.html\n"
                                     "share_image: '\"><script>alert(1)</script>'\nhide: [toc]\n---\n# 关于\n\n"
                                     '<img src="\\\\evil.example/2.png"><img src="/\\evil.example/3.png">'
                                     '<img src="/&#9;/evil.example/4.png"><img src="img/ok.png" alt="本站图片">\n', encoding="utf-8")
    out = check_out(site_tree.root)
    assert out.returncode == 0, out.stdout + out.stderr
    with caplog.at_level(logging.INFO):
        site = build_root(site_tree.root)
    e = (site / "x" / "e" / "index.html").read_text(encoding="utf-8")
    head = e[:e.index("<body")]
    assert "<script src=\"/x/p.txt\"" not in e and "<title>E &lt;/title&gt;" in head, head[head.index("<title"):][:200]
    c = (site / "x" / "c" / "index.html").read_text(encoding="utf-8")
    assert "<script src=\"/x/p.txt\"" not in c and "alert(1)" not in c and "evil.example" not in c, c
    assert 'src="img/ok.png"' in c or 'src="../img/ok.png"' in c
    assert "c.md：页面开头的 description、template、share_image 不起作用，已去掉" in caplog.text, caplog.text


def test_front_matter_of_another_shape_is_taken_out_not_a_traceback():
    """hide: [[navigation]] (a list in the list) passed the check and the build stopped with
    TypeError: unhashable type: 'list'."""
    from brandsite.content.docpages import front_matter

    told = []
    meta = {"hide": [["navigation"]], "search": {"boost": [1]}, "title": ["甲"]}
    front_matter(meta, "docs/hide.md", told.append)
    assert meta == {} and told and "hide、search、title 不起作用" in told[0]
    kept = {"hide": ["navigation", "toc"]}
    front_matter(kept)
    assert kept == {"hide": ["navigation", "toc"]}


def test_the_home_pages_hero_text_is_escaped_once(site_tree):
    (site_tree.root / "docs" / "index.md").write_text("---\ntitle: 首页\nhero_title: 党建 & 服务 <b>\nhero_text: 一支部一品牌\n---\n",
                                                      encoding="utf-8")
    home = (build_root(site_tree.root) / "index.html").read_text(encoding="utf-8")
    assert "党建 &amp; 服务 &lt;b&gt;" in home and "&amp;amp;" not in home


def test_a_contact_or_internal_name_in_a_docs_page_is_a_warning_as_leaks_would_refuse_it(site_tree, caplog):
    """A contact's name or an internal brand's name in a docs/ page, a .txt/.conf file there or an
    SVG logo's text: check and build passed and `brandsite leaks` refused the built site."""
    tree = site_tree
    tree.brand(**{"featured: true": "featured: true\ncontact:\n  name: 欧阳明远\n  phone: \"0571-86001234\""})
    tree.brand("mi-qin", **{"name: 连心桥": "name: 密勤先锋", "featured: true": "visibility: internal"})
    docs = tree.root / "docs"
    (docs / "x").mkdir()
    (docs / "x" / "g.md").write_text("# 通知\n\n联系人欧阳明远同志。\n\n密勤先锋的经验。\n", encoding="utf-8")
    (docs / "x" / "n.conf").write_text("# 欧阳明远\n", encoding="utf-8")
    (docs / "guide").mkdir()  # the staff pages a public build leaves out
    (docs / "guide" / "s.md").write_text("# 指南\n\n密勤先锋、欧阳明远。\n", encoding="utf-8")
    logo = tree.brands / "lian-xin-qiao" / "logo.svg"
    logo.write_text(logo.read_text(encoding="utf-8").replace("</svg>", "<text>欧阳<tspan>明远</tspan></text></svg>"),
                    encoding="utf-8")
    out = check_out(tree.root)
    said = sorted(line.split(": ", 1)[0].strip() for line in out.stdout.splitlines()
                  if "欧阳明远" in line or "密勤先锋" in line)
    assert out.returncode == 1 and said == ["brands/lian-xin-qiao/brand.yml:11", "docs/x/g.md:3", "docs/x/g.md:5",
                                            "docs/x/n.conf:1"], out.stdout
    assert "它写了内部品牌“密勤先锋”" in out.stdout and "标识“logo.svg”里的文字里有疑似个人信息：联系人“欧阳明远”的姓名" in out.stdout
    build_root(tree.root)  # the public build says the same (`brandsite build` stops on a warning)
    assert "docs/x/g.md:5: 警告：公开网站会发布这个文件，它写了内部品牌“密勤先锋”" in caplog.text, caplog.text


def test_a_contacts_name_in_a_docs_file_of_any_kind_or_its_name_is_a_warning(site_tree, caplog):
    """A contact's name in docs/ files that the check did not read (only UTF-8 pages and text were),
    or in a file's name in traditional characters: check and build passed, and leaks (which now reads
    them all) refused the site. The check reads them as leaks does, and a brand's photo named with
    the name is told too (its address is in the page)."""
    from tests.test_leakscan import hidden_files

    tree = site_tree
    tree.brand(**{"featured: true": "featured: true\ncontact:\n  name: 欧阳明远\n  phone: \"0571-86001234\""})
    files = hidden_files("欧阳明远")
    for rel, data in files.items():
        (tree.root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree.root / "docs" / rel).write_bytes(data)
    tree.write("lian-xin-qiao/photos/欧阳明远.png", (tree.brands / "lian-xin-qiao/photos/desk.png").read_bytes())
    tree.write("lian-xin-qiao/story.md", "活动照片。\n\n![现场](photos/%E6%AC%A7%E9%98%B3%E6%98%8E%E8%BF%9C.png)\n")
    out = check_out(tree.root)
    told = sorted(line.split(": ", 1)[0].strip() for line in out.stdout.splitlines() if "联系人“欧阳明远”的姓名" in line)
    assert out.returncode == 1 and told == sorted([f"docs/{rel}:1" for rel in files] + ["brands/lian-xin-qiao/story.md:3"]), out.stdout
    assert "照片文件名“欧阳明远.png”里有疑似个人信息：联系人“欧阳明远”的姓名" in out.stdout


def test_web_code_in_a_docs_page_is_a_note_of_the_check_at_its_line(site_tree):
    """The build took a docs/ page's <form>, <script> and onerror= out and said so; the check said
    nothing, so an editor learned of it only from the build's log. Code in a code block, an
    autolink and the tags Markdown keeps are no web code to tell."""
    page = site_tree.root / "docs" / "notice.md"
    page.write_text("# 通知\n\n<form action=\"https://x.example/\"><input name=\"q\"></form>\n\n<img src=\"a.png\" onerror=\"alert(1)\">\n\n"
                    "<https://www.example.gov.cn/> 和 <b>加粗</b>\n\n```html\n<script>代码示例</script>\n```\n", encoding="utf-8")
    out = check_out(site_tree.root)
    told = [line.strip() for line in out.stdout.splitlines() if "网页代码" in line]
    assert out.returncode == 0 and [t.split(": ", 1)[0] for t in told] == ["docs/notice.md:3", "docs/notice.md:5"], out.stdout
    assert "提示：这一行的网页代码（form、input）不会发布" in told[0] and "（on…=（事件属性））" in told[1]


def test_documents_beyond_what_one_check_inflates_are_a_warning(site_tree, monkeypatch):
    """The check (and leaks) inflate at most so much of docs/'s documents in all (512 MB): the ones
    past it are not read whole, and the check says which, rather than passing them unread."""
    import zipfile

    from brandsite.content import filetexts

    import os

    monkeypatch.setattr(filetexts, "_TOTAL_READ", 15 << 19)  # 7.5 MB
    for name in ("a.docx", "b.docx", "c.docx"):
        with zipfile.ZipFile(site_tree.root / "docs" / name, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", f"<w:t>{os.urandom(1_050_000).hex()}</w:t>")  # 2.1 MB, packed about half
    with zipfile.ZipFile(site_tree.root / "docs" / "0.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sheet.xml", "<c><v>0</v></c>" * 600_000)  # 9 MB packed a thousand to one: read to 4 MB
    from brandsite.content.docscan import scan_docs

    said = [(p.path, p.level) for p in scan_docs(site_tree.root / "docs", (), site_tree.root, {}, {}) if "没有读完" in p.message]
    assert said == [("docs/0.xlsx", "warning"), ("docs/b.docx", "warning"), ("docs/c.docx", "warning")], said


def test_a_document_is_read_once_while_it_stays_the_same(site_tree, monkeypatch):
    """The preview checks docs/ again on every save: an 18 MB scanned PDF took every save 37 s.
    A document is read again only when it changes (or what is looked for does)."""
    from brandsite.content import docscan, filetexts

    reads = []
    real = filetexts.file_texts
    monkeypatch.setattr(filetexts, "file_texts", lambda path, budget=None: reads.append(path.name) or real(path, budget))
    pdf = site_tree.root / "docs" / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<</Author(\xfe\xff" + "欧阳明远".encode("utf-16-be") + b")>>endobj\n%%EOF\n")
    contacts = {"欧阳明远": "连心桥"}
    for _ in range(3):
        said = docscan.scan_docs(site_tree.root / "docs", (), site_tree.root, contacts, {})
        assert [p.path for p in said] == ["docs/scan.pdf"]
    assert reads == ["scan.pdf"]
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    assert docscan.scan_docs(site_tree.root / "docs", (), site_tree.root, contacts, {}) and reads == ["scan.pdf"] * 2


def test_a_preview_goes_on_without_a_refused_docs_file_and_shows_why(site_tree):
    """An SVG saved into docs/ under `make serve`: the build stopped, and every page of the preview
    waited until the file was gone. The preview leaves the file out and shows the problem."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    import os

    (site_tree.root / "docs" / "tu.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(site_tree.root)
    config = load_config("mkdocs.yml", site_dir=str(site_tree.root / "site"))
    try:
        config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_startup(command="build", dirty=False)  # plugin instances outlive this test
        os.chdir(cwd)
    site = site_tree.root / "site"
    assert not (site / "tu.svg").exists()
    gallery = (site / "brands" / "index.html").read_text(encoding="utf-8")
    assert "docs/tu.svg" in gallery and "docs/ 里不能放这种文件" in gallery, gallery[:3000]


def test_a_docs_page_too_complex_to_lay_out_stops_check_and_build_and_a_preview_shows_why(site_tree, caplog):
    """A docs/ page of 30,000 "[" held a build 200 s (Python-Markdown's time grows with the square of
    such a run) while the check passed in 2 s; brands' prose had bounds, docs/ pages none."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    import os

    (site_tree.root / "docs" / "fang.md").write_text("# 方括号\n\n" + "[" * 5000 + "\n", encoding="utf-8")
    said = "docs/fang.md:3: 这个页面一段文字里的方括号、尖括号、星号、下划线等标记符号超过 400 个，网站无法在合理时间内排版它"
    refused(site_tree.root, said, caplog)
    cwd = os.getcwd()
    os.chdir(site_tree.root)
    config = load_config("mkdocs.yml", site_dir=str(site_tree.root / "site"))
    try:  # a preview goes on without the page, and says why
        config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_startup(command="build", dirty=False)  # plugin instances outlive this test
        os.chdir(cwd)
    assert not (site_tree.root / "site" / "fang").exists()
    gallery = (site_tree.root / "site" / "brands" / "index.html").read_text(encoding="utf-8")
    assert "docs/fang.md:3" in gallery and "标记符号超过 400 个" in gallery


def test_a_heading_id_cannot_break_out_of_the_table_of_contents(site_tree):
    """attr_list takes `{ id='y"><meta …' }`; the page's text was cleaned, but Material prints the
    table of contents' links (#id) as they are, in the sidebar: a <meta refresh> sent visitors to
    another host, a <script src> of a .txt file in docs/ ran. The ids of the text and of its table
    of contents are made of letters, digits, - _ . : only, alike, so the links still lead to them."""
    config = site_tree.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "markdown_extensions:\n  - attr_list\n  - toc\n", encoding="utf-8")
    (site_tree.root / "docs" / "t.md").write_text(
        "# 关于\n\n## 第一节 { id='y\"><meta/http-equiv=\"refresh\"/content=\"0;url=https://evil.example/\"!@>' }\n\n正文。\n\n"
        "## 第二节 { #di-er }\n\n又一段。\n", encoding="utf-8")
    page = (build_root(site_tree.root) / "t" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<meta[^>]*refresh", page), page
    ids = re.findall(r'<h2 id="([^"]+)"', page)
    links = re.findall(r'<a href="#([^"]+)" class="md-nav__link"', page)
    assert len(ids) == 2 and ids == links[:2] and ids[1] == "di-er", (ids, links)
    assert all(re.fullmatch(r"[\w\-.:·]+", i) for i in ids), ids


def test_an_internal_name_in_a_docs_files_name_is_a_warning(site_tree):
    """docs/about/清风审计.md: its address and, without a heading, its title hold an internal brand's
    name; check and build passed and leaks refused the site."""
    site_tree.brand("mi-qin", **{"name: 连心桥": "name: 密勤先锋", "featured: true": "visibility: internal"})
    (site_tree.root / "docs" / "about").mkdir()
    (site_tree.root / "docs" / "about" / "密勤先锋.md").write_text("正文没有标题。\n", encoding="utf-8")
    out = check_out(site_tree.root)
    assert out.returncode == 1 and ("docs/about/密勤先锋.md:1: 警告：公开网站会发布这个文件，它的文件名（网址）里有内部品牌“密勤先锋”"
                                    in out.stdout), out.stdout


def test_a_docs_page_cannot_borrow_the_class_names_the_sites_scripts_act_on():
    """<a class="bs-lightbox" href="…"> made the site's script open any link as a photo, and any
    element with bs-elder-toggle switched the large-print mode; a button's look stays."""
    from brandsite.content.docpages import clean

    html = clean('<a class="bs-lightbox md-button" href="https://example.org/x.png">看</a><p class="bs-elder-toggle md-search__input">字</p>'
                 '<a class="md-button md-button--primary" href="a/">按钮</a>')
    assert "bs-" not in html and "md-search" not in html, html
    assert 'class="md-button"' in html and 'class="md-button md-button--primary"' in html, html



def test_a_docs_search_page_that_replaces_the_results_page_is_told(site_tree):
    """docs/search.md replaced the generated results page (where the header box's Enter leads)
    without a word: the documented override, which a content change can now make too."""
    (site_tree.root / "docs" / "search.md").write_text("# 站内搜索\n\n本页暂停服务。\n", encoding="utf-8")
    out = check_out(site_tree.root)
    assert out.returncode == 0 and "docs/search.md:1: 提示：这个页面会替换网站自动生成的搜索结果页" in out.stdout, out.stdout


def test_images_in_docs_are_published_without_their_metadata(site_tree):
    """Brands' photos are drawn anew without EXIF; an image in docs/ was published byte for byte:
    a PNG's text chunk naming a contact, a phone photo's GPS position and description. check,
    build and leaks passed. Now the build publishes it without them, the picture unchanged."""
    from io import BytesIO

    from PIL import Image, PngImagePlugin

    docs = site_tree.root / "docs" / "img"
    docs.mkdir()
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "联系人 李金生 0571-86001234")
    Image.new("RGBA", (64, 48), (200, 30, 30, 128)).save(docs / "banner.png", pnginfo=info)
    exif = Image.Exif()
    exif[0x010E] = "办公室 0571-86001234"
    exif[0x0112] = 6  # a phone held upright: turned by EXIF
    exif.get_ifd(0x8825)[2] = (30.0, 15.0, 0.0)  # GPS latitude
    Image.new("RGB", (80, 40), (10, 200, 30)).save(docs / "photo.jpg", exif=exif, quality=90)
    frames = [Image.new("RGB", (20, 20), color) for color in ("red", "green", "blue")]
    frames[0].save(docs / "moving.gif", save_all=True, append_images=frames[1:], duration=200, loop=0, comment=b"0571-86001234")
    Image.new("RGB", (30, 30), (1, 2, 3)).save(docs / "plain.png")
    site = build_root(site_tree.root)
    for name in ("banner.png", "photo.jpg", "moving.gif"):
        data = (site / "img" / name).read_bytes()
        assert b"0571" not in data and "李金生".encode() not in data, name
        with Image.open(BytesIO(data)) as im:
            im.load()
            assert not im.getexif() and not getattr(im, "text", None) and "comment" not in im.info, (name, im.info)
            if name == "banner.png":
                assert im.mode == "RGBA" and im.getpixel((0, 0)) == (200, 30, 30, 128)
            if name == "photo.jpg":
                assert im.size == (40, 80)  # turned in its pixels, as a browser showed it
            if name == "moving.gif":
                assert im.n_frames == 3
    with Image.open(site / "img" / "plain.png") as drawn, Image.open(docs / "plain.png") as written:
        assert drawn.tobytes() == written.tobytes()  # nothing to take out: the same picture


@pytest.mark.parametrize("rel", ["brands.md", "brands/index.md", "brands/lian-xin-qiao.md", "brands/lian-xin-qiao/cases/x.md",
                                 "stats.md", "stats/index.md", "review.md", "clusters/index.md", "pagefind/x.md",
                                 # the results page's address (search.md itself is the documented override, a note);
                                 # an address differing in case only, one on a server that ignores case
                                 "search/index.md", "search/README.md", "Stats/index.md", "Brands/lian-xin-qiao.md"])
def test_a_docs_page_at_the_address_of_a_generated_page_stops_check_and_build(site_tree, caplog, rel):
    """docs/brands.md lost silently to the generated gallery, but its text went into the search
    index as the gallery's result (its title and excerpt); docs/stats.md and docs/brands/<slug>.md
    lost silently too. check and build passed."""
    path = site_tree.root / "docs" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# 假画廊\n\n冒充的文字。\n", encoding="utf-8")
    refused(site_tree.root, f"docs/{rel}:1: 这个页面的网址留给网站自动生成的", caplog)


@pytest.mark.parametrize("rel", ["sitemap.xml.md", "robots.txt.md"])
def test_a_docs_page_named_after_a_file_the_build_writes_stops_check_and_build(site_tree, caplog, rel):
    """docs/sitemap.xml.md is published as a folder sitemap.xml/: the check passed and the build
    stopped with a Python traceback (FileExistsError, IsADirectoryError) when it wrote the file."""
    (site_tree.root / "docs" / rel).write_text("# 说明\n\n文字。\n", encoding="utf-8")
    refused(site_tree.root, f"docs/{rel}:1: 这个页面的网址留给网站自动生成的文件 {rel[:-3]}", caplog)
    assert "Traceback" not in caplog.text


def test_every_file_the_build_writes_at_the_top_is_a_generated_address():
    from brandsite.content.docpages import generated_address

    for name in ("sitemap.xml", "sitemap.xml.gz", "sitemap-brands.xml", "sitemap-brands-2.xml.gz", "feed.xml",
                 "stats.json", "robots.txt", "404.html", "catalogue.pdf", "Feed.XML"):
        assert generated_address(f"{name}.md") == f"文件 {name.lower()}", name
    assert generated_address("sitemap-notes.xml.md") is None and generated_address("files/feed.xml.md") is None


@pytest.mark.parametrize("rel", ["catalogue.pdf", "Catalogue.PDF"])
def test_a_docs_file_where_print_writes_the_brochure_stops_check_and_build(site_tree, caplog, rel):
    """Any PDF at docs/catalogue.pdf passed the check and was published where `brandsite print` puts
    the brochure: until print ran again, the editor's PDF stood as the site's 品牌汇编."""
    (site_tree.root / "docs" / rel).write_bytes(b"%PDF-1.4\n%%EOF\n")
    refused(site_tree.root, f"docs/{rel}:1: docs/{rel} 的位置留给印刷版品牌汇编", caplog)


@pytest.mark.parametrize("rel", ["about.md", "brand-stories.md", "notes/brands.md", "clusters/qing-he.md"])
def test_a_docs_page_elsewhere_is_no_generated_address(rel):
    from brandsite.content.docpages import generated_address

    assert generated_address(rel) is None


SECRET = "联系人 李金生 电话 0571-86001234".encode()


def _hidden_carriers() -> dict[str, bytes]:
    """Images whose picture is plain but whose file carries SECRET where a reader of metadata does
    not look: after the image's end, in an unknown segment or chunk, in an ICC profile, in a GIF's
    application block, beside a second picture (MPO)."""
    import struct
    import zlib
    from io import BytesIO

    from PIL import Image, ImageCms

    im = Image.new("RGB", (64, 48), (200, 30, 30))

    def saved(fmt, picture=im, **options):
        out = BytesIO()
        picture.save(out, fmt, **options)
        return out.getvalue()

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    jpg, png = saved("JPEG"), saved("PNG")
    end = png.rindex(b"IEND") - 4
    icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() + SECRET)
    icc[0:4] = struct.pack(">I", len(icc))
    gif = saved("GIF", im.convert("P"))
    table = 3 * 2 ** ((gif[10] & 7) + 1) if gif[10] & 0x80 else 0
    webp = saved("WEBP") + b"ZZZZ" + struct.pack("<I", len(SECRET)) + SECRET + b"\0" * (len(SECRET) % 2)
    exif = Image.Exif()
    exif.get_ifd(0x8825)[2] = (39.0, 54.0, 0.0)  # a phone's GPS
    exif[0x010E] = SECRET.decode()
    return {
        "trailer.jpg": jpg + SECRET,
        "app15.jpg": jpg[:2] + b"\xff\xef" + struct.pack(">H", len(SECRET) + 2) + SECRET + jpg[2:],
        "icc.jpg": saved("JPEG", icc_profile=bytes(icc)),
        "private.png": png[:end] + chunk(b"prVt", SECRET) + png[end:],
        "after-iend.png": png + chunk(b"tEXt", b"Author\0" + SECRET),
        "xmp.gif": gif[:13 + table] + b"\x21\xff\x0bXMP DataXMP" + bytes([len(SECRET)]) + SECRET + b"\0" + gif[13 + table:],
        "unknown.webp": webp[:4] + struct.pack("<I", len(webp) - 8) + webp[8:],
        "phone.jpg": saved("MPO", save_all=True, append_images=[Image.new("RGB", (64, 48), (1, 2, 3))], exif=exif),
    }


@pytest.mark.parametrize("name", list(_hidden_carriers()))
def test_every_docs_image_is_drawn_anew_with_nothing_but_its_picture(site_tree, name):
    """Images in docs/ that carried a contact's name and phone, or a phone's GPS, where Pillow's
    metadata does not show it (text after the image's end, an APP15 segment, a private PNG chunk,
    a chunk after IEND, an ICC profile, a GIF application block, an unknown WebP chunk, the MPO
    form of a phone's photo) were published byte for byte; check, build and leaks passed."""
    from PIL import Image

    data = _hidden_carriers()[name]
    (site_tree.root / "docs" / "img").mkdir()
    (site_tree.root / "docs" / "img" / name).write_bytes(data)
    assert check_out(site_tree.root).returncode == 0
    site = build_root(site_tree.root)
    published = (site / "img" / name).read_bytes()
    assert SECRET not in published and "李金生".encode() not in published and b"0571" not in published
    with Image.open(site / "img" / name) as drawn:
        drawn.load()
        assert drawn.size == (64, 48) and not drawn.getexif() and getattr(drawn, "n_frames", 1) == 1
        assert drawn.convert("RGB").getpixel((10, 10))[0] > 150  # the picture, red as it was


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_an_animated_docs_image_is_published_without_its_colour_profile(fmt):
    """An animated PNG kept its ICC profile when drawn anew (Pillow writes the frames' profile back),
    and a contact's name and phone in the profile's UTF-16 text went out; check and leaks passed."""
    from io import BytesIO

    from PIL import Image, ImageCms

    from brandsite.media.metadata import redrawn

    secret = "联系人钱卫东 电话13912345678"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() + secret.encode("utf-16-be")
    frames = [Image.new("RGB", (120, 80), c) for c in ((200, 30, 30), (30, 30, 200))]
    out = BytesIO()
    frames[0].save(out, fmt, save_all=True, append_images=frames[1:], duration=500, icc_profile=icc)
    drawn = redrawn(out.getvalue())
    assert secret.encode("utf-16-be") not in drawn and secret.encode() not in drawn and b"13912345678" not in drawn
    with Image.open(BytesIO(drawn)) as im:
        assert im.n_frames == 2 and not im.info.get("icc_profile")


def test_a_large_docs_image_is_published_at_most_2000_px_as_a_brands_photo_is():
    """A phone's 4000 px photo put in docs/ was published at its own size (several MB on every
    visitor's phone); brands' photos are at most 2000 px. Drawn anew, it is that size too, upright,
    and a palette PNG keeps what is see-through; small images keep their size."""
    from io import BytesIO

    from PIL import Image

    from brandsite.media.metadata import redrawn

    def drawn(im, fmt, **kw):
        out = BytesIO()
        im.save(out, fmt, **kw)
        with Image.open(BytesIO(redrawn(out.getvalue()))) as back:
            back.load()
            return back.copy()

    exif = Image.Exif()
    exif[0x0112] = 6  # held upright: turned by EXIF
    photo = drawn(Image.new("RGB", (4000, 3000), (200, 30, 30)), "JPEG", exif=exif)
    assert photo.size == (1500, 2000) and photo.getpixel((700, 1000))[0] > 150
    plan = Image.new("P", (3000, 600), 0)
    plan.putpalette([255, 255, 255, 10, 20, 200] + [0] * 762)
    plan.paste(1, (0, 0, 1500, 600))
    plan = drawn(plan, "PNG", transparency=0)
    assert plan.size == (2000, 400) and plan.convert("RGBA").getpixel((1800, 200))[3] == 0
    assert plan.convert("RGBA").getpixel((100, 200)) == (10, 20, 200, 255)
    assert drawn(Image.new("RGB", (1200, 800), "green"), "PNG").size == (1200, 800)


@pytest.mark.parametrize("name", ["bomb.png", "icon.ico", "photo.bmp", "photo.avif", "photo.tif"])
def test_an_image_in_docs_that_cannot_be_drawn_anew_stops_check_and_build(site_tree, caplog, name):
    """A PNG whose text inflates past what Pillow reads after its pixels (its earlier text chunk
    naming a contact) was published as it was, as were BMP, ICO and AVIF files with their metadata."""
    import struct
    import zlib
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    im = Image.new("RGB", (64, 48), (200, 30, 30))
    if name == "bomb.png":
        im.save(out, "PNG")
        png = out.getvalue()
        end = png.rindex(b"IEND") - 4
        text = b"Comment\0\0" + zlib.compress(b"\0" * (3 * 1024 * 1024), 9)
        data = png[:end] + struct.pack(">I", len(text)) + b"zTXt" + text + struct.pack(">I", zlib.crc32(b"zTXt" + text)) + png[end:]
    else:
        im.save(out, {"ico": "ICO", "bmp": "BMP", "avif": "AVIF", "tif": "TIFF"}[name.rsplit(".", 1)[1]])
        data = out.getvalue()
    refused_image(site_tree.root, name, data, caplog)


@pytest.mark.parametrize("rel", ["brands/lian-xin-qiao/leak.png", "Brands/x.pdf"])
def test_a_docs_file_at_the_brands_addresses_stops_check_and_build(site_tree, rel):
    """A docs/ file under brands/ sat among the brands' generated images, which leaks does not read."""
    path = site_tree.root / "docs" / rel
    path.parent.mkdir(parents=True)
    path.write_bytes(png_bytes((16, 16)) if rel.endswith(".png") else b"%PDF-1.4\n%%EOF\n")
    result = check_out(site_tree.root)
    assert result.returncode == 1 and f"docs/{rel}:1: docs/brands/ 下的网址留给网站自动生成的品牌页面和图片" in result.stdout, result.stdout


def test_a_docs_pages_link_to_a_missing_file_is_told_by_check_in_chinese(site_tree, caplog):
    """A page of docs/ linking to files/合影.JPG (the file is 合影.jpg) and to a PDF with a stray
    space: check said all passed, and the build stopped on MkDocs' English warnings. Code is no
    link; the pages the build makes (the gallery) are no missing files."""
    docs = site_tree.root / "docs"
    (docs / "files").mkdir()
    (docs / "files" / "合影.jpg").write_bytes(_jpeg())
    (docs / "files" / "实施方案.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (docs / "关于我们.md").write_text(
        "# 关于我们\n\n![合影](files/合影.JPG)\n\n[方案](files/实施方案 .pdf)\n\n[没有](files/nothing.docx)\n\n"
        "[画廊](brands/index.md) `[代码](files/x.pdf)`\n\n```\n![示例](files/y.png)\n```\n\n[好的](files/实施方案.pdf)\n",
        encoding="utf-8")
    out = check_out(site_tree.root)
    said = [line.strip() for line in out.stdout.splitlines() if "关于我们.md" in line]
    assert out.returncode == 1 and said == [
        "docs/关于我们.md:3: 警告：链接“files/合影.JPG”找不到要打开的文件，构建会因此停下：docs/ 里有 files/合影.jpg，只有大小写或空格不同，请改成一样的",
        "docs/关于我们.md:5: 警告：链接“files/实施方案 .pdf”找不到要打开的文件，构建会因此停下：docs/ 里有 files/实施方案.pdf，只有大小写或空格不同，请改成一样的",
        "docs/关于我们.md:7: 警告：链接“files/nothing.docx”找不到要打开的文件，构建会因此停下：请改正链接里的文件名，或把文件放进 docs/",
    ], out.stdout
    build_root(site_tree.root)  # not strict: told once, at its line; MkDocs' own warning of the same link is left out
    assert "docs/关于我们.md:3: 警告：链接“files/合影.JPG”找不到要打开的文件" in caplog.text
    assert [r.getMessage().count("nothing.docx") for r in caplog.records if "nothing.docx" in r.getMessage()] == [1], caplog.text
    from brandsite.buildlog import TOLD_LINKS, chinese
    import logging

    def record(page, link):
        return logging.LogRecord("mkdocs.structure.pages", logging.WARNING, "", 0, f"Doc file '{page}' contains a link "
                                 f"'{link}', but the target is not found among documentation files.", None, None)
    # only the links this build's check told are left out, in the page it told them of
    assert [TOLD_LINKS.filter(record(*told)) for told in [("关于我们.md", "files/nothing.docx"), ("关于我们.md", "files/x.docx"),
                                                          ("x/关于我们.md", "files/nothing.docx")]] == [False, True, True]
    TOLD_LINKS.told = []
    # said in Chinese where the check did not tell it
    assert chinese(record("关于我们.md", "files/nothing.docx")) == "警告：docs/关于我们.md 里的链接“files/nothing.docx”找不到要打开的文件：请改正链接里的文件名（大小写、空格都要一致），或把文件放进 docs/"


def _jpeg() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (16, 16)).save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize("pages, told", [
    (["README.md"], "docs/README.md:1: 这个页面和 docs/index.md 的网址相同（/）"),  # MkDocs keeps index.md
    (["dup.md", "dup/index.md"], "docs/dup.md:1: 这个页面和 docs/dup/index.md 的网址相同（/dup/）"),
    (["about.md", "About.md"], "这个页面和 docs/"),
    # one name to macOS (which composes it) and to an eye, two to Linux: one of them lost on a Mac
    (["caf\u00e9.md", "cafe\u0301.md"], "这个页面和 docs/"),
    # Windows cannot check out, nor unpack from a handed-over zip, a file or folder of a device's name
    (["aux.md"], "docs/aux.md:1: docs/ 里的文件名不能用：“aux.md”是 Windows 的设备名"),
    (["con/index.md"], "docs/con/index.md:1: docs/ 里的文件名不能用：“con”是 Windows 的设备名"),
])
def test_two_docs_pages_of_one_address_stop_check_and_build(site_tree, pages, told):
    """docs/README.md beside docs/index.md: check passed and the strict build stopped on MkDocs'
    warning; docs/dup.md beside docs/dup/index.md: one of them was dropped without a word."""
    for rel in pages:
        (site_tree.root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (site_tree.root / "docs" / rel).write_text(f"# {rel}\n", encoding="utf-8")
    out = check_out(site_tree.root)
    assert out.returncode == 1 and told in out.stdout, out.stdout
    with pytest.raises(Abort):
        build_root(site_tree.root)


def test_a_robots_txt_in_docs_is_a_note(site_tree):
    """docs/robots.txt replaces the generated one (the build appends its sitemaps): a content pull
    request could take the public site off search engines, and nothing said so."""
    (site_tree.root / "docs" / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
    out = check_out(site_tree.root)
    assert out.returncode == 0 and "docs/robots.txt:1: 提示：这个文件会代替网站自动生成的 robots.txt" in out.stdout, out.stdout


def _gif_of_frames(width: int, height: int, frames: int, cut_last: bool = False) -> bytes:
    """An animated GIF of `frames` one-pixel frames on a width x height canvas (a few KB)."""
    import struct

    body = b"".join(b"\x21\xF9\x04\x04\x01\x00\x00\x00" + b"\x2C" + struct.pack("<HHHH", i % width, 0, 1, 1) + b"\x00"
                    + b"\x02\x02\x4C\x01\x00" for i in range(frames))
    if cut_last:
        body = body[:-4]
    return (b"GIF89a" + struct.pack("<HH", width, height) + bytes([0xF0, 0, 0]) + b"\x00\x00\x00\xff\xff\xff"
            + b"\x21\xFF\x0BNETSCAPE2.0\x03\x01\x00\x00\x00" + body + (b"" if cut_last else b"\x3B"))


@pytest.mark.parametrize("name, data", [
    ("bomb.gif", _gif_of_frames(8000, 8000, 3000)),  # 69 KB: hours and gigabytes to draw again
    ("cut.gif", _gif_of_frames(64, 64, 3, cut_last=True)),  # its last frame cut off: the build crashed
])
def test_an_animation_the_build_cannot_draw_is_refused_by_the_check(site_tree, caplog, name, data):
    """The check decoded an animation's first frame only: a GIF of 3,000 one-pixel frames on an
    8000x8000 canvas passed it, then the build ran for hours; one with a cut-off frame crashed it."""
    refused_image(site_tree.root, name, data, caplog)


def test_a_jpeg_whose_tables_pillow_cannot_take_back_is_still_published(site_tree):
    """A grey JPEG whose only quantisation table has id 1 passed the check, and the build stopped
    with Pillow's English ValueError when it kept the file's own tables."""
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("L", (64, 64), 128).save(out, "JPEG", quality=80)
    data = bytearray(out.getvalue())
    table, frame = data.find(b"\xff\xdb"), data.find(b"\xff\xc0")
    data[table + 4], data[frame + 12] = 1, 1
    (site_tree.root / "docs" / "img").mkdir()
    (site_tree.root / "docs" / "img" / "q1.jpg").write_bytes(bytes(data))
    assert check_out(site_tree.root).returncode == 0
    site = build_root(site_tree.root)
    with Image.open(site / "img" / "q1.jpg") as drawn:
        assert drawn.size == (64, 64)


def test_reading_pages_and_pdfs_takes_time_in_proportion_to_them():
    """An unclosed link full of spaces took the link check minutes (its pattern backtracked a cube
    of ways), and a PDF of 50,000 unclosed streams took leaks 73 s. Asserted by the work done, not
    by the clock: the patterns try each position a bounded number of times."""
    import re

    from brandsite.content import docpages

    # no two parts of the link pattern can take the same spaces: the address is one class, bounded
    assert "{0,500}" in docpages._LINK.pattern and not re.search(r"\\s\*<\?", docpages._LINK.pattern)
    page = "# 慢\n\n[a](" + " " * 8000 + "x\n" + "[a](x " * 4000 + "```x\n" * 4000
    assert docpages.missing_links(page, "slow.md", lambda p: False) == []


@pytest.mark.parametrize("line, address", [
    ("[a [b] c](missing4.md)", "missing4.md"),
    ("[a\nb](missing5.md)", "missing5.md"),
    ("[a\\]b](missing6.md)", "missing6.md"),
    ("> [r7]: missing7.md", "missing7.md"),
    ("[统计](stats.md)", "stats.md"),  # the build makes stats/index.md, not stats.md
    ("[品牌](brands/nope.md)", "brands/nope.md"),
    ("[上层](../README.md)", "../README.md"),
])
def test_links_the_check_missed_and_mkdocs_warned_of(line, address):
    from brandsite.content import clusters, docpages

    assert [found[1] for found in docpages.missing_links(f"# 页\n\n{line}\n", "links.md", lambda p: False)] == [address]


def test_links_to_pages_the_build_does_not_make_are_told(site_tree):
    """Any link under brands/ and any generated address counted as there: [统计](stats.md) (the build
    makes stats/index.md) and [品牌](brands/nope.md) passed the check; the strict build stopped."""
    (site_tree.root / "docs" / "links.md").write_text(
        "# 链接\n\n[统计](stats.md)\n\n[品牌](brands/nope.md)\n\n[画廊](brands/index.md) [数据](stats/index.md)\n", encoding="utf-8")
    out = check_out(site_tree.root)
    said = [line.split("：", 1)[0].strip() for line in out.stdout.splitlines() if "links.md" in line]
    assert said == ["docs/links.md:3: 警告", "docs/links.md:5: 警告"], out.stdout


def test_the_pages_the_check_counts_as_built_are_the_builds():
    """content/ names the pages the build makes (it imports nothing of site/): the same as site/'s."""
    from brandsite.content import docpages
    from brandsite.site import programme, search

    assert docpages.built_pages("brands") == {"brands/index.md", *programme.NAV_PAGES, search.RESULTS_SRC}


def test_only_extra_css_names_docs_files_that_may_be_published():
    """mkdocs.yml may list no script (configsafety): a docs/ .js is never published as a listed one."""
    from brandsite.content import docpages

    listed = docpages.listed_files(["css/extra.css", "https://evil.example/x.css", "/css/top.css"])
    assert listed == frozenset({"css/extra.css", "css/top.css"})
    assert docpages.published("css/extra.css", listed) and not docpages.published("js/x.js", listed)


def test_a_docs_page_or_cluster_intro_too_large_to_be_prose_is_refused_unread(site_tree, monkeypatch):
    """400 MB of zeros saved as a docs/ page held the check 220 s and 3.8 GB of memory (read,
    decoded, rendered and scanned whole), to say it was too long. A page or intro of more bytes
    than its bound's characters can take is told so without being read."""
    from pathlib import Path

    from brandsite.content import clusters, docscan, privacy, prose_limits

    docs = site_tree.root / "docs"
    (docs / "clusters").mkdir()
    big = [docs / "da.md", docs / "clusters" / "红色引擎.md"]
    for path in big:
        with open(path, "wb") as f:
            f.truncate(1 << 30)  # sparse: no disk used
    real = Path.read_bytes

    def read_bytes(self):
        assert self not in big, f"{self.name} was read whole"
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    too_long = prose_limits.complexity_message(prose_limits.TOO_LONG, "{}")
    said = [str(p) for p in clusters.docs_links(docs, site_tree.root) + clusters.intro_prose_problems(big[1:], site_tree.root)]
    assert said == [f"docs/da.md:1: {too_long.format('这个页面')}", f"docs/clusters/红色引擎.md:1: {too_long.format('集群介绍')}"]
    assert docscan.scan_docs(docs, (), site_tree.root, {"欧阳明远": "连心桥"}, {}) == []
    assert privacy.scan([], intros=big[1:], root=site_tree.root, contacts={"欧阳明远": "连心桥"}) == []


def test_a_docs_pages_link_to_a_brand_or_case_not_there_or_to_the_intranets_review_is_told_by_check(site_tree, caplog):
    """brands/x/index.md for a brand without a folder, a case's page without its file, and the intranet's
    review/index.md from a public page: the check took every page under brands/ and the review as there,
    and passed (and a case page by its file, which the build has, as missing); the public build stopped on each. A staff page (left out of the public site) may link the review."""
    docs = site_tree.root / "docs"
    case = sorted((site_tree.brands / "lian-xin-qiao" / "cases").glob("*.md"))[0].stem
    (docs / "关于.md").write_text(
        "# 关于\n\n[无](brands/no-such/index.md)\n\n[评审](review/index.md)\n\n[案例](brands/lian-xin-qiao/cases/none.md)\n\n"
        f"[不是页面](brands/lian-xin-qiao/cases/{case}/index.md)\n\n"
        f"[有](brands/lian-xin-qiao/index.md) [有案例](brands/lian-xin-qiao/cases/{case}.md) [画廊](brands/index.md)\n", encoding="utf-8")
    (docs / "guide").mkdir()
    (docs / "guide" / "评审.md").write_text("# 评审\n\n[评审表](../review/index.md)\n", encoding="utf-8")
    out = check_out(site_tree.root)
    said = [line.strip().split("，构建")[0] for line in out.stdout.splitlines() if "关于.md" in line or "评审.md" in line]
    assert out.returncode == 1 and said == [
        "docs/关于.md:3: 警告：链接“brands/no-such/index.md”找不到要打开的文件",
        "docs/关于.md:5: 警告：链接“review/index.md”找不到要打开的文件",
        "docs/关于.md:7: 警告：链接“brands/lian-xin-qiao/cases/none.md”找不到要打开的文件",
        f"docs/关于.md:9: 警告：链接“brands/lian-xin-qiao/cases/{case}/index.md”找不到要打开的文件",
    ], out.stdout
    build_root(site_tree.root)  # the build tells the same links, and no others
    told = [line for line in caplog.text.splitlines() if "找不到要打开的文件" in line or "target is not found" in line]
    assert len(told) == 4 and all("关于.md" in line for line in told), told
