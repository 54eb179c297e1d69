"""`brandsite leaks`: the scan of a built public site that content CI runs after the build."""

from __future__ import annotations

import gzip
import os

import pytest
from click.testing import CliRunner

from brandsite.cli import main
from tests.conftest import CASE_MD, build_site


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    from tests.conftest import BrandTree

    tree = BrandTree(tmp_path_factory.mktemp("leakscan"))
    tree.brand(**{"featured: true": "featured: true\ncontact:\n  name: 欧阳明远\n  phone: \"0571-86001234\""})
    tree.write("lian-xin-qiao/cases/nei-bu-ji-lu.md", CASE_MD.replace("title: ", "title: 内部谈话记录XQ ").replace("date:", "visibility: internal\ndate:"))
    tree.brand("mi-qin-xian-feng", **{"name: 连心桥": "name: 密勤先锋", "featured: true": "visibility: internal"})
    public = build_site(tree.root)
    (tree.root / "site").rename(tree.root / "site-public")
    internal = build_site(tree.root, audience="internal")
    return tree.root, tree.root / "site-public", internal


def leaks(root, site):
    cwd = os.getcwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(main, ["leaks", str(site)], catch_exceptions=False)
    finally:
        os.chdir(cwd)


def planted(sites, tmp_path, files: dict):
    """`brandsite leaks` on a copy of the public build with `files` (path -> text or bytes) written into it."""
    import shutil

    root, public, _ = sites
    site = tmp_path / "site"
    shutil.copytree(public, site)
    for rel, content in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return leaks(root, site)


def test_a_public_build_is_clean(sites):
    root, public, _ = sites
    result = leaks(root, public)
    assert result.exit_code == 0, result.output
    assert "没有发现内部内容" in result.output


def test_the_internal_build_shows_every_kind_of_marker(sites):
    root, _, internal = sites
    result = leaks(root, internal)
    assert result.exit_code == 1
    for what in ("内部品牌“密勤先锋”的名称", "内部品牌“密勤先锋”的页面", "的联系人姓名", "的联系电话",
                 "内部案例“内部谈话记录XQ 一张清单解决企业退税难题”的标题", "内部案例“内部谈话记录XQ 一张清单解决企业退税难题”的页面"):
        assert what in result.output, what


def test_a_leak_planted_in_a_gzipped_or_escaped_file_is_found(sites, tmp_path):
    result = planted(sites, tmp_path, {"extra.json": '{"x": "\\u6b27\\u9633\\u660e\\u8fdc"}',  # 欧阳明远, escaped
                                       "feed.xml.gz": gzip.compress("<a>0571-86001234</a>".encode())})
    assert result.exit_code == 1
    assert "extra.json: 公开网站里出现了品牌“连心桥”的联系人姓名" in result.output
    assert "feed.xml.gz: 公开网站里出现了品牌“连心桥”的联系电话" in result.output


def test_a_relative_link_to_an_internal_page_is_found(sites, tmp_path):
    """A public page linking an internal brand or case as a link on it is written, relative to its own
    folder (../mi-qin-xian-feng/, cases/nei-bu-ji-lu/): the scan looked for the address from the site's
    root only, so nothing backed the check and the build up for links written that way."""
    result = planted(sites, tmp_path, {
        "brands/lian-xin-qiao/extra.html": '<a href="../mi-qin-xian-feng/">甲</a> <a href="cases/nei-bu-ji-lu/#x">乙</a>',
        "brands/lian-xin-qiao/cases/other/extra.html": "<a href='../../../mi-qin-xian-feng/'>丙</a>"})
    assert result.exit_code == 1
    said = [line for line in result.output.splitlines() if "extra.html" in line]
    assert any("lian-xin-qiao/extra.html: 公开网站里出现了内部品牌“密勤先锋”的页面" in line for line in said), result.output
    assert any("lian-xin-qiao/extra.html: 公开网站里出现了内部案例“内部谈话记录XQ" in line for line in said), result.output
    assert any("cases/other/extra.html: 公开网站里出现了内部品牌“密勤先锋”的页面" in line for line in said), result.output


def test_anonymised_contact_names_are_not_markers(tmp_path):
    from brandsite.site.leakscan import markers
    from tests.conftest import BrandTree, check

    tree = BrandTree(tmp_path)
    tree.brand(**{"featured: true": "featured: true\ncontact:\n  name: 王某\n  phone: \"0571-86001234\""})
    catalog, _ = check(tree)
    texts, _ = markers(catalog)
    assert [m.text for m in texts] == ["0571-86001234"]


def test_no_site_is_a_clear_error(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    result = leaks(tmp_path, tmp_path / "site")
    assert result.exit_code == 2 and "请先运行 brandsite build" in result.output


def test_a_title_split_by_pagefinds_word_breaks_is_found(sites, tmp_path):
    """Pagefind's fragments put U+200B between Chinese words: an internal case's title in one
    (a public story that linked the case, its title as the link's words) was not found."""
    import shutil

    root, public, _ = sites
    site = tmp_path / "site"
    shutil.copytree(public, site)
    title = "内部谈话记录XQ 一张清单解决企业退税难题"
    split = "\u200b".join(["内部", "谈话", "记录", "XQ 一张", "清单", "解决", "企业", "退税", "难题"])
    fragment = next((site / "pagefind/fragment").glob("*.pf_fragment"))
    fragment.write_bytes(gzip.compress(b"pagefind_dcd" + ('{"content": "%s"}' % split).encode()))
    result = leaks(root, site)
    assert result.exit_code == 1 and f"内部案例“{title}”的标题" in result.output, result.output


def test_a_name_or_title_public_content_holds_too_is_a_note_not_a_leak(tmp_path):
    """An internal case titled 党员大会 and an internal brand named as a public carrier: public pages
    hold those words on their own, and the scan failed the publish, saying internal content had
    leaked. Each is a note now; what only the intranet has is still found. A contact's name is
    not such a word: public content holding it is the leak (it switched the scan off for the
    very name an editor had written into a public story), unless public_contacts lists it."""
    from tests.conftest import BrandTree

    tree = BrandTree(tmp_path)
    tree.brand(**{"featured: true": "featured: true\ncontact:\n  name: 青禾区\n  phone: \"0571-86001234\""})
    tree.write("lian-xin-qiao/cases/nei-bu.md", CASE_MD.replace("title: 一张清单解决企业退税难题", "title: 党员大会")
               .replace("date:", "visibility: internal\ndate:"))
    tree.write("lian-xin-qiao/cases/mi-tan.md", CASE_MD.replace("title: 一张清单解决企业退税难题", "title: 密谈纪要QX")
               .replace("date:", "visibility: internal\ndate:"))
    tree.brand("shi-fan-gang", **{"name: 连心桥": "name: 党员示范岗", "featured: true": "visibility: internal"})
    build_site(tree.root)
    result = leaks(tree.root, tree.root / "site")
    assert result.exit_code == 1, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("提示：")]
    assert len(notes) == 2, result.output
    assert any("内部案例“党员大会”的标题在公开品牌“连心桥”的内容里本来就有" in n for n in notes), notes
    assert any("内部品牌“党员示范岗”的名称在公开品牌“连心桥”的内容里本来就有" in n for n in notes), notes
    assert "公开网站里出现了品牌“连心桥”的联系人姓名（来自 brands/lian-xin-qiao/）。可以公开的联系人或电话，请让管理员写进 mkdocs.yml 的 public_contacts" in result.output
    config = tree.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("audience: public", "audience: public\n      public_contacts: [青禾区]"),
                      encoding="utf-8")
    result = leaks(tree.root, tree.root / "site")
    assert result.exit_code == 0 and "没有发现内部内容" in result.output, result.output
    # the pages of those and the words only the intranet has are still looked for
    site = tree.root / "site"
    (site / "planted.html").write_text("<p>密谈纪要QX</p><a href='/brands/shi-fan-gang/'>x</a>0571-86001234", encoding="utf-8")
    result = leaks(tree.root, site)
    assert result.exit_code == 1
    for what in ("内部案例“密谈纪要QX”的标题", "内部品牌“党员示范岗”的页面", "品牌“连心桥”的联系电话"):
        assert f"planted.html: 公开网站里出现了{what}" in result.output, what


@pytest.mark.parametrize("written", ["0571 8600 1234", "(0571)86001234", "057186001234", "（0571）8600-1234",
                                     "+86 0571-86001234", "０５７１－８６００１２３４", "〇五七一八六〇〇一二三四",
                                     "⓪⑤⑦①-⑧⑥⓪⓪①②③④", "0571_86001234", "0571 -- 8600 -- 1234", "⁰⁵⁷¹⁻⁸⁶⁰⁰¹²³⁴",
                                     "0571-<b>8600</b>1234", "+86 571 8600 1234", "0086-571-86001234",
                                     # invisible characters inside, capital numerals, spaced out with &nbsp;
                                     "0571-8600\u200c1234", "0571\u200d8600\u200d1234", "零伍柒壹-捌陆零零壹贰叁肆",
                                     "0571" + "&nbsp;" * 8 + "86001234",
                                     # other separators, and O and l for 0 and 1
                                     "0571・8600・1234", "0571‧8600‧1234", "０５７１ー８６００ー１２３４", "0571，8600，1234",
                                     "0571 | 86001234", "O571-86OO-l234",
                                     # another script's digits: Arabic-Indic, Persian, Devanagari
                                     "٠٥٧١-٨٦٠٠١٢٣٤", "۰۵۷۱ ۸۶۰۰ ۱۲۳۴", "०५७१-८६००१२३४"])
def test_a_contacts_phone_spelled_otherwise_is_found(sites, tmp_path, written):
    """A public story said 办公室电话 0571 8765 4321 of a contact's 0571-87654321: the scan looked
    for the number only as the contact field spells it."""
    result = planted(sites, tmp_path, {"extra.html": f"<p>办公室电话 {written}，欢迎来电。</p>"})
    assert result.exit_code == 1 and "extra.html: 公开网站里出现了品牌“连心桥”的联系电话" in result.output, result.output


@pytest.mark.parametrize("written", ["0571 8600 123", "0571-86001235", "1057186001234 5", "3.14159 0571 86 001 2345",
                                     "057186001234000", "9057186001234"])
def test_other_numbers_are_not_the_contacts_phone(sites, tmp_path, written):
    result = planted(sites, tmp_path, {"extra.html": f"<p>编号 {written}。</p>"})
    assert result.exit_code == 0, result.output


def test_a_contacts_name_split_by_markup_in_a_published_svg_is_found(sites, tmp_path):
    """欧阳<tspan>明远</tspan> in a logo's <text>: published as it is and drawn whole on share cards."""
    result = planted(sites, tmp_path, {"logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><text>欧阳<tspan>明远</tspan></text></svg>'})
    assert result.exit_code == 1 and "logo.svg: 公开网站里出现了品牌“连心桥”的联系人姓名" in result.output, result.output


@pytest.mark.parametrize("name, marker", [("王某", False), ("李X", False), ("陈XX", False), ("张*", False),
                                          ("Xu Wei", True), ("Alex", True), ("谢欣", True)])
def test_a_stand_in_is_no_name_but_a_name_with_an_x_is(tmp_path, name, marker):
    """Any name holding an x was taken for a stand-in such as 李X: Xu Wei's name was never looked for."""
    from brandsite.site.leakscan import markers
    from tests.conftest import BrandTree, check

    tree = BrandTree(tmp_path)
    tree.brand(**{"featured: true": f"featured: true\ncontact:\n  name: {name}\n  phone: \"0571-86001234\""})
    catalog, _ = check(tree)
    texts, _ = markers(catalog)
    assert (name in [m.text for m in texts]) == marker


@pytest.mark.parametrize("written", ["欧阳　明远", "欧阳 明远", "欧阳&nbsp;明远", "欧&#38451;明远",
                                     # an invisible character or a mark inside: shown as the name, and not found
                                     "欧阳\u200c明远", "欧阳\u034f明远", "欧\u200b阳明\u2060远",
                                     # in traditional characters; with marks a reader reads past between its characters
                                     "歐陽明遠", "欧-阳-明-远"])
def test_a_contacts_name_spaced_out_or_written_with_references_is_found(sites, tmp_path, written):
    """王　伟 in a list of names (a full-width space, or &nbsp;) shows as the name and was not found."""
    result = planted(sites, tmp_path, {"extra.html": f"<p>值班：{written}。</p>"})
    assert result.exit_code == 1 and "extra.html: 公开网站里出现了品牌“连心桥”的联系人姓名" in result.output, result.output


@pytest.mark.parametrize("written", ["\uf9e1金生", "李\u2fa6生", "李金\u2f63", "李\u200c金\u200d生", "李·金·生", "李 - 金 - 生"])
def test_a_contacts_name_in_compatibility_forms_is_found_by_the_scan_and_the_check(tmp_path, written):
    """李金生 written with a CJK compatibility ideograph for 李 (U+F9E1) or Kangxi radicals for 金 and
    生, drawn alike: check, build and leaks passed (search off: Pagefind's index folds them itself).
    And a three-character name in jieba's dictionary (李金生, one of its sixty thousand names) was
    taken for an everyday word, so neither looked for it in any form."""
    from brandsite.site.leakscan import scan
    from tests.conftest import BrandTree, check

    tree = BrandTree(tmp_path)
    tree.brand(**{"featured: true": "featured: true\ncontact:\n  name: 李金生\n  phone: \"0571-86001234\""})
    tree.write("lian-xin-qiao/story.md", f"第一段。\n\n联系人：{written}同志。\n")
    from brandsite.content import contact_names, privacy

    catalog, _ = check(tree)
    problems = privacy.scan(catalog.for_audience("public"), [], root=tree.root, contacts=contact_names.contacts(catalog))
    said = [p.tagged() for p in problems if "李金生" in p.message]
    assert said and said[0].startswith("brands/lian-xin-qiao/story.md:3: 警告：公开内容里写了联系人“李金生”的姓名"), said
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_text(f"<p>联系人：{written}同志。</p>", encoding="utf-8")
    found = scan(site, catalog, shown=lambda p: p.name)
    assert [p.message[:30] for p in found] == ["公开网站里出现了品牌“连心桥”的联系人姓名（来自 lian-"[:30]], found


def test_a_contact_named_like_an_everyday_word_is_a_note_where_public_content_has_the_word(tmp_path):
    """A contact named 高峰 (or 文明, 向阳) and a public story about the 早高峰: the scan failed the
    publish, saying the contact's name had leaked, and only allowing the name in public_contacts
    (which stops looking for it anywhere) let it pass. Such a name, held by public content as a
    word, is a note; the phone is still looked for, and so is a word-name public content lacks."""
    from tests.conftest import BrandTree

    tree = BrandTree(tmp_path)
    tree.brand(**{"featured: true": "featured: true\ncontact:\n  name: 高峰\n  phone: \"0571-86001234\""})
    tree.write("lian-xin-qiao/story.md", "每天早高峰，志愿者在路口引导车辆。\n")
    tree.brand("xiang-yang", **{"name: 连心桥": "name: 向阳岗", "featured: true": "contact:\n  name: 常青\n  phone: \"0571-86005678\""})
    build_site(tree.root)
    site = tree.root / "site"
    assert "早高峰" in (site / "brands/lian-xin-qiao/index.html").read_text(encoding="utf-8")
    result = leaks(tree.root, site)
    assert result.exit_code == 0, result.output
    assert "提示：" in result.output and "联系人姓名“高峰”也是常用词，公开品牌“连心桥”的内容里本来就有" in result.output, result.output
    assert "常青" not in result.output  # no public content holds 常青: looked for as any name
    (site / "planted.html").write_text("<p>联系人常青，电话 0571-8600 1234</p>", encoding="utf-8")
    result = leaks(tree.root, site)
    assert result.exit_code == 1
    assert "planted.html: 公开网站里出现了品牌“向阳岗”的联系人姓名" in result.output, result.output
    assert "planted.html: 公开网站里出现了品牌“连心桥”的联系电话" in result.output, result.output


def test_a_contact_in_the_metadata_of_an_image_of_the_sites_own_is_found(sites, tmp_path):
    """An image in docs/ is published as its own file: leaks read its bytes as text only for text
    files, so a PNG's text chunk or a photo's EXIF holding a contact's name or phone was not read."""
    from io import BytesIO

    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "负责人 欧阳\u200c明远")
    png = BytesIO()
    Image.new("RGB", (8, 8)).save(png, "PNG", pnginfo=info)
    exif = Image.Exif()
    exif[0x010E] = "办公室 0571 8600 1234"
    jpg = BytesIO()
    Image.new("RGB", (8, 8)).save(jpg, "JPEG", exif=exif)
    result = planted(sites, tmp_path, {"img/banner.png": png.getvalue(), "img/photo.jpg": jpg.getvalue()})
    assert result.exit_code == 1, result.output
    assert "img/banner.png: 公开网站里出现了品牌“连心桥”的联系人姓名" in result.output, result.output
    assert "img/photo.jpg: 公开网站里出现了品牌“连心桥”的联系电话" in result.output, result.output


def test_a_contact_in_a_documents_parts_or_an_images_bytes_is_found(sites, tmp_path):
    """leaks read the metadata Pillow shows of an image outside brands/, and no PDF or Office file
    at all: a contact's name after a JPEG's end, in a PDF's author or UTF-16 title, inside a .docx
    (a zip) was published unseen."""
    import zipfile
    from io import BytesIO

    from PIL import Image

    jpg = BytesIO()
    Image.new("RGB", (8, 8)).save(jpg, "JPEG")
    title = "欧阳明远".encode("utf-16-be").hex().upper()
    pdf = f"%PDF-1.4\n3 0 obj<</Author(0571-86001234)/Title<FEFF{title}>>>endobj\n%%EOF\n".encode()
    docx = BytesIO()
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:t>值班：欧阳明远</w:t>")
    result = planted(sites, tmp_path, {"files/trailer.jpg": jpg.getvalue() + "欧阳明远".encode(), "files/notes.pdf": pdf,
                                       "files/roster.docx": docx.getvalue()})
    assert result.exit_code == 1, result.output
    for rel, what in (("files/trailer.jpg", "联系人姓名"), ("files/notes.pdf", "联系人姓名"), ("files/notes.pdf", "联系电话"),
                      ("files/roster.docx", "联系人姓名")):
        assert f"{rel}: 公开网站里出现了品牌“连心桥”的{what}" in result.output, (rel, what, result.output)


def hidden_files(name: str) -> dict[str, bytes]:
    """Files that hold `name` where a reading as UTF-8 does not see it (two reviews' findings): text
    that Excel or Notepad saved in UTF-16 or GBK, a zip inside a zip, a PDF's UTF-16 author in
    parentheses, an XMP stream written in hex, an MP3's ID3 tag, a file named with the name in
    traditional characters; Word's runs and Excel's rich text splitting the name, a PDF title in
    lower-case hex or inside an object stream, a stream of two filters, a slide after a 70 MB video."""
    import base64
    import zipfile
    import zlib
    from io import BytesIO

    def zipped2(*members: tuple[str, bytes]) -> bytes:
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for member, data in members:
                archive.writestr(member, data)
        return out.getvalue()

    def zipped(member: str, data: bytes) -> bytes:
        return zipped2((member, data))

    utf16 = name.encode("utf-16-be")
    escaped = "".join(f"\\{b:03o}" if b in b"()\\" or b > 126 or b < 32 else chr(b) for b in b"\xfe\xff" + utf16)
    xmp = f"<x:xmpmeta><dc:creator>{name}</dc:creator></x:xmpmeta>".encode().hex().encode()
    frame = b"\x01" + "\ufeff".encode("utf-16-le") + name.encode("utf-16-le")
    id3 = b"ID3\x03\x00\x00\x00\x00\x00\x40TPE1" + len(frame).to_bytes(4, "big") + b"\x00\x00" + frame + b"\x00" * 40
    half = len(name) // 2
    runs = f"<w:r><w:t>联系人：{name[:half]}</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r w:rsidR=\"00A1\"><w:t>{name[half:]}</w:t></w:r>"
    rich = f"<sst><si><r><rPr><b/></rPr><t>{name[:half]}</t></r><r><t>{name[half:]}</t></r></si></sst>"
    info = b"<</Title <" + b"feff" + utf16.hex().encode() + b">>>"
    objstm = b"%PDF-1.5\n3 0 obj<</Type/ObjStm/Filter/FlateDecode>>stream\n" + zlib.compress(b"1 0 " + info) + b"\nendstream\nendobj\n"
    chain = base64.a85encode(zlib.compress(f"BT ({name}) Tj ET <x:creator>{name}</x:creator>".encode()), adobe=True)
    return {
        "files/runs.docx": zipped("word/document.xml", runs.encode()),
        "files/rich.xlsx": zipped("xl/sharedStrings.xml", rich.encode()),
        "files/lower.pdf": b"%PDF-1.4\n1 0 obj" + info + b"endobj\n%%EOF\n",
        "files/objstm.pdf": objstm + b"%%EOF\n",
        "files/chain.pdf": b"%PDF-1.4\n2 0 obj<</Filter[/ASCII85Decode/FlateDecode]>>stream\n" + chain + b"\nendstream\nendobj\n%%EOF\n",
        "files/video-first.pptx": zipped2(("ppt/media/v.mp4", b"\x00" * (70 << 20)), ("ppt/slides/slide1.xml", f"<a:t>{name}</a:t>".encode())),
        "files/u16.csv": "姓名,职务\n".encode("utf-16") + f"{name},书记\n".encode("utf-16-le"),
        "files/bom.txt": f"联系人：{name}".encode("utf-16"),
        "files/gbk.csv": f"{name},联系\n".encode("gbk"),
        "files/nested.zip": zipped("inner.zip", zipped("名单.txt", f"{name}".encode())),
        "files/notice.pdf": f"%PDF-1.4\n1 0 obj<</Author({escaped})>>endobj\n%%EOF\n".encode("latin-1"),
        "files/meta.pdf": b"%PDF-1.4\n2 0 obj<</Filter/ASCIIHexDecode/Length 9>>stream\n" + xmp + b">\nendstream\nendobj\n%%EOF\n",
        "files/talk.mp3": id3 + b"\xff\xfb" * 100,
        f"files/{name.translate(str.maketrans('钱卫东欧阳明远', '錢衛東歐陽明遠'))}-述职报告.pdf": b"%PDF-1.4\n%%EOF\n",
    }


def test_a_contacts_name_in_other_encodings_nested_zips_pdf_strings_and_audio_tags_is_found(sites, tmp_path):
    """leaks read text files as UTF-8 only, one zip deep, a PDF's Flate streams and hex strings, and
    a file's path only for internal pages' addresses: each of these held a contact's name and the
    scan said "没有发现内部内容"."""
    files = hidden_files("欧阳明远")
    result = planted(sites, tmp_path, files)
    assert result.exit_code == 1, result.output
    for rel in files:
        assert f"{rel}: 公开网站里出现了品牌“连心桥”的联系人姓名" in result.output, (rel, result.output)


def test_compressed_bytes_are_not_read_as_gbk_or_utf_16():
    """Random bytes read as GBK and UTF-16 hold a given two-character name about once in a hundred
    large files: a video, a photo or a PDF's pictures would stop publishing for nothing. Only text
    (by its kind), an old Office file and an MP3's text frames are read in every encoding."""
    import os
    import zlib

    from brandsite.content.filetexts import _texts

    noise = os.urandom(4096)
    planted = noise + "王芳".encode("utf-16-le") + noise  # as if by chance
    pdf = b"%PDF-1.4\n1 0 obj<</Filter/FlateDecode>>stream\n" + zlib.compress(planted) + b"\nendstream\nendobj\n"

    def read(name, data):
        return any("王芳" in text for text in _texts(name, data, [1 << 26, 2000, 0], 0))

    assert not read("clip.mp4", planted) and not read("scan.pdf", pdf) and not read("photo.zip.bin", planted)
    assert read("notes.txt", planted) and read("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + planted)


def test_a_zip_bomb_is_read_only_so_far():
    """A member or a PDF stream is inflated to at most 200 times its packed size (4 MB at least): a
    hundred 80 KB zip bombs in docs/ had the check and leaks inflate 64 MB each."""
    import zipfile
    import zlib
    from io import BytesIO

    from brandsite.content.filetexts import _texts

    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", b"\x00" * (64 << 20) + "王芳".encode())
        archive.writestr("b.xml", "<w:t>王芳</w:t>" * 1000)  # Office XML, packed tightly too, read whole
    bomb = out.getvalue()
    assert len(bomb) < 200_000
    texts = _texts("x.docx", bomb, [1 << 26, 2000, 0], 0)
    assert sum(map(len, texts)) < 30 * (1 << 20) and any("王芳" * 1000 in t.replace("<w:t>", "").replace("</w:t>", "") for t in texts)
    pdf = b"%PDF-1.4\nstream\n" + zlib.compress(b"\x00" * (64 << 20)) + b"\nendstream\n"
    assert sum(map(len, _texts("y.pdf", pdf, [1 << 26, 2000, 0], 0))) < 30 * (1 << 20)


def test_a_pdf_of_many_strings_is_read_only_so_far():
    """A 71 KB zip holding a 64 MB PDF of unclosed UTF-16 strings held the check 33 s (a Python loop
    over every byte); a file's PDF strings are read up to 1 MB in all, a piece at a time."""
    import zipfile
    from io import BytesIO

    from brandsite.content.filetexts import _texts

    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("x.pdf", b"%PDF-1.4\n" + (b"(\\376\\377" + b"a" * 65527) * 1024)
    texts = _texts("a.zip", out.getvalue(), [1 << 26, 2000, 0], 0)
    assert sum(map(len, texts)) < 80 * (1 << 20)


def test_a_dash_between_phrases_joins_no_name():
    """Folding out every dash between Chinese characters read a bus route 大王—芳草地 as holding the
    contact 王芳: a false alarm the strict build stopped on. Only single characters spelt out with
    dots or dashes (李·金·生) are joined; a name of several parts keeps its dot (阿依古丽·买买提)."""
    from brandsite.content.contact_names import folded

    assert "王芳" not in folded("3 路公交（大王—芳草地）") and "王芳" not in folded("大王·芳草地")
    assert folded("李·金·生") == folded("李 - 金 - 生") == "李金生"
    # other signs a name is spelt out with, one character at a time; between phrases, none joins
    assert folded("清/风/审/计") == folded("清、风、审、计") == folded("清 | 风 | 审 | 计") == "清风审计"
    assert "王芳" not in folded("大王/芳草地") and "王芳" not in folded("大王、芳草地")
    assert folded("阿依古丽·买买提") == "阿依古丽·买买提"


def test_a_contacts_name_in_an_images_icc_profile_description_is_found():
    """An ICC profile's descriptions ('desc', 'mluc') are UTF-16BE: read as UTF-8 only, a contact's
    name written there was missed by leaks and by the check."""
    import struct
    from io import BytesIO

    from PIL import Image, ImageCms

    from brandsite.content.filetexts import _texts

    for pad in (b"", b"\x00"):  # at either alignment
        icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() + pad + "欧阳明远".encode("utf-16-be"))
        icc[0:4] = struct.pack(">I", len(icc))
        jpg = BytesIO()
        Image.new("RGB", (8, 8)).save(jpg, "JPEG", icc_profile=bytes(icc))
        assert any("欧阳明远" in text for text in _texts("photo.jpg", jpg.getvalue(), [1 << 26, 2000, 0], 0)), pad


class _Counted:
    """A file whose reads add up in `tally` (bytes given to the reader). A read of more than `most`
    from where it is (a whole 4 GB file) is said there and not done: the test would fill memory."""

    def __init__(self, file, tally: list[int], most: int):
        self._file, self._tally, self._most = file, tally, most

    def read(self, size=-1):
        if size is None or size < 0 or size > self._most:
            here = self._file.tell()
            if self._file.seek(0, 2) - here > self._most:
                self._tally.append(1 << 62)
                return b""
            self._file.seek(here)
        data = self._file.read(size)
        self._tally[-1] += len(data)
        return data

    def __getattr__(self, name):
        return getattr(self._file, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._file.close()


def counted_reads(monkeypatch, paths, most: int) -> dict[str, list[int]]:
    """The bytes read of each of `paths`, each time it is opened (Path.open, Path.read_bytes)."""
    from pathlib import Path

    reads: dict[str, list[int]] = {str(p): [] for p in paths}
    opened, read_bytes = Path.open, Path.read_bytes

    def open_(self, mode="r", *args, **kwargs):
        file = opened(self, mode, *args, **kwargs)
        if str(self) not in reads or "b" not in mode:
            return file
        reads[str(self)].append(0)
        return _Counted(file, reads[str(self)], most)

    def whole(self):
        if str(self) not in reads:
            return read_bytes(self)
        reads[str(self)].append(self.stat().st_size)  # said, not read
        return b""

    monkeypatch.setattr(Path, "open", open_)
    monkeypatch.setattr(Path, "read_bytes", whole)
    return reads


def large_files(folder, most: int) -> tuple[list, object]:
    """Sparse 4 GB files of the kinds docs/ publishes in `folder` (nothing on disk), and a zip larger
    than `most` (what a file is read to) holding a contact's name in a member after a photo."""
    import zipfile

    big = [folder / f"big.{kind}" for kind in ("txt", "csv", "mp4", "pdf", "zip")]
    for path in big:
        path.write_bytes(b"")
        os.truncate(path, 4 << 30)
    with zipfile.ZipFile(folder / "photos.zip", "w") as archive:
        archive.writestr("photo.jpg", os.urandom(most + (1 << 20)))
        archive.writestr("名单.txt", "值班：欧阳明远")
    return big, folder / "photos.zip"


def test_a_large_docs_file_is_read_only_so_far_and_the_check_says_so(tmp_path, monkeypatch):
    """A sparse 4 GB .txt, .mp4, .pdf or .zip in docs/ was read whole, into memory, by the check before
    any of its limits applied. A file is read to what one file may be inflated to, and a byte to
    know it is more: one larger is told as one the budget cut short. A zip is read by its members,
    from the file itself, whatever its size."""
    from brandsite.content import activecontent, docscan, filetexts

    most = 4 << 20  # what a file is read to, smaller than 64 MB to be quick
    monkeypatch.setattr(filetexts, "BYTES_READ", most)
    docs = tmp_path / "docs"
    docs.mkdir()
    big, photos = large_files(docs, most)
    reads = counted_reads(monkeypatch, [*big, photos], most + 1)
    said = docscan.scan_docs(docs, (), tmp_path, {"欧阳明远": "连心桥"}, {})
    cut = sorted((p.path, p.level) for p in said if p.message.startswith(filetexts.CUT))
    assert cut == sorted((f"docs/{p.name}", "warning") for p in big), said
    assert [p.path for p in said if "欧阳明远" in p.message] == ["docs/photos.zip"], said
    active = {p.name: activecontent.problems(p, p.name, filetexts.Budget()) for p in (docs / "big.pdf", docs / "big.zip", photos)}
    assert [(name, p.level) for name, found in active.items() for p in found if p.message.startswith(filetexts.CUT)] == [
        ("big.pdf", "warning"), ("big.zip", "warning")], active
    for path in big:  # its first bytes and, for a zip, the end its directory would be in
        assert reads[str(path)] and max(reads[str(path)]) <= most + 1 + 65_600, (path.name, reads[str(path)])


def test_leaks_reads_a_large_published_file_only_so_far_and_says_so(sites, tmp_path, monkeypatch):
    """leaks read a docs/ text file (and the documents, as the check does) whole, and a gzip'd file
    inflated whole: each is read, and inflated, only as far as the check reads a file, and one not
    read to its end is a find."""
    import shutil

    from brandsite.content import filetexts

    most = 4 << 20
    monkeypatch.setattr(filetexts, "BYTES_READ", most)
    root, public, _ = sites
    site = tmp_path / "site"
    shutil.copytree(public, site)
    (site / "files").mkdir()
    big, photos = large_files(site / "files", most)
    (site / "files" / "bomb.xml.gz").write_bytes(gzip.compress(b"\x00" * (2 * most)))
    reads = counted_reads(monkeypatch, [*big, photos], most + 1)
    result = leaks(root, site)
    assert result.exit_code == 1
    told = sorted(line.split(": ", 1)[0].rsplit("/", 2)[-1] for line in result.output.splitlines() if filetexts.CUT in line)
    assert told == sorted(["bomb.xml.gz"] + [p.name for p in big]), result.output
    assert "photos.zip: 公开网站里出现了品牌“连心桥”的联系人姓名" in result.output, result.output
    for path in big:
        assert reads[str(path)] and max(reads[str(path)]) <= most + 1 + 65_600, (path.name, reads[str(path)])


def test_a_docs_page_naming_an_internal_page_is_warned_at_its_line(tmp_path):
    """A docs/ page or cluster intro linking an internal brand's or case's page (by its folder, its
    index.md or the intranet's full address) passed the check and the build; only `leaks` refused
    the published internal address. Public pages and other folders named alike are not told."""
    from brandsite.content import docscan

    docs = tmp_path / "docs"
    (docs / "clusters").mkdir(parents=True)
    (docs / "about.md").write_text(
        "# 关于\n\n见[密勤](brands/mi-qin/)。\n\n[复盘](../brands/lian-xin-qiao/cases/fu-pan.md)\n\n"
        "[公开](brands/lian-xin-qiao/)、[别的](brands/mi-qin-2/)、mybrands/mi-qin/\n\n"
        "[编码](brands/%6Di-qin/index.md)\n", encoding="utf-8")
    (docs / "clusters" / "链.md").write_text("见[内网](https://dj.example.gov.cn/brands/mi-qin/)。\n", encoding="utf-8")
    pages = {"brands/mi-qin/": "内部品牌“密勤先锋”的页面", "brands/lian-xin-qiao/cases/fu-pan/": "内部案例“复盘”的页面"}
    said = docscan.scan_docs(docs, (), tmp_path, {}, {}, (), pages)
    assert sorted((p.path, p.line, p.level, p.message.partition("的地址")[0]) for p in said) == [
        ("docs/about.md", 3, "warning", "这里写了内部品牌“密勤先锋”的页面"),
        ("docs/about.md", 5, "warning", "这里写了内部案例“复盘”的页面"),
        ("docs/about.md", 9, "warning", "这里写了内部品牌“密勤先锋”的页面"),
        ("docs/clusters/链.md", 1, "warning", "这里写了内部品牌“密勤先锋”的页面"),
    ], said
