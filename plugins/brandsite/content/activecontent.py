"""Active content in the documents docs/ publishes for download: script, macros, launched programs,
attached files and addresses fetched when the file is opened. No MkDocs imports.

docs/ publishes a PDF or an Office file byte for byte, and the site's Content-Security-Policy does
not reach a PDF viewer or Word: the check and the build refuse such a file (clusters._pages). Read
as filetexts reads documents for `leaks` (its zip and PDF readers, its limits and Budget):

- PDF: the names of script, launch, attachment, rich media and form actions, in the file's own
  dictionaries and in its object streams, #xx escapes undone; an /OpenAction or /AA that opens an
  outside address; an encrypted PDF whose dictionaries are out of sight in object streams; and one
  with an object or xref stream (any stream but a picture's) in a filter or predictor not undone here.
- Office Open XML (.docx and its kin, in a .zip too): a VBA project, ActiveX controls, and any
  relationship loaded from outside (a remote attached template, OLE object, frame, sub-document,
  picture) but a hyperlink. A local path (C:\\…\\Normal.dotm, which Word writes into many an
  ordinary file) fetches nothing from a reader's computer, and is left alone. Excel 4.0 macro
  sheets, embedded OLE objects, Word's DDE fields and fields fetching from outside (officefields).
- An Office kind whose bytes are another (an RTF named .doc), and RTF's objects and fields.
- A zip's members that run or open in a browser when double-clicked (RUNNABLE).
- Old Office (OLE: .doc, .xls, .ppt, WPS's files): a VBA project's storage (Macros, _VBA_PROJECT_CUR)
  or stream (_VBA_PROJECT) in the file's directory. Not PowerPoint 97's VBA, which it keeps
  compressed inside its own stream, nor Excel 4.0 macro sheets.
- The macro-enabled kinds (.docm, .xlsm, .pptm and the like) by their names.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from . import filetexts, officefields
from .model import Problem

MACRO_SUFFIXES = frozenset({".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm", ".potm", ".ppsm", ".ppam", ".sldm"})
# The kinds read for it: others (text, audio, video, .rar and .7z, which filetexts cannot open) hold none
# that a reader runs or are not read for it.
DOCUMENTS = frozenset({".pdf", ".doc", ".dot", ".xls", ".ppt", ".wps", ".et", ".dps"}) | filetexts.ZIPPED
OFFICE_ZIPS = (filetexts.ZIPPED | MACRO_SUFFIXES) - {".zip"}
# What a zip's member runs, or opens in a browser, when it is double-clicked after unpacking.
RUNNABLE = frozenset(""".hta .htm .html .mht .mhtml .xht .xhtml .js .jse .vbs .vbe .wsf .wsh .bat .cmd .ps1 .exe .com .scr .pif
    .msi .lnk .url .svg .jar .reg .chm .cpl .hlp .inf""".split())

_DELIMITER = rb"(?=[\x00\t\n\f\r /<>\[\]()%{}]|\Z)"
# /JS is short enough for compressed bytes (a font's) to hold by chance: read only in dictionaries.
_PDF_ACTIVE = re.compile(rb"/(JavaScript|Launch|EmbeddedFiles?|RichMedia|SubmitForm|ImportData|GoToE)" + _DELIMITER)
_PDF_JS = re.compile(rb"/(JS)" + _DELIMITER)
_PDF_SAID = {b"JavaScript": "JavaScript 脚本", b"JS": "JavaScript 脚本", b"Launch": "启动程序或打开其他文件的动作（/Launch）",
             b"EmbeddedFile": "夹带的附件文件", b"EmbeddedFiles": "夹带的附件文件", b"RichMedia": "Flash 等多媒体内容（/RichMedia）",
             b"SubmitForm": "把表单提交到网址的动作（/SubmitForm）", b"ImportData": "从外部导入数据的动作（/ImportData）",
             b"GoToE": "打开夹带文件的动作（/GoToE）"}
_ON_OPEN = re.compile(rb"/(?:OpenAction|AA)\s*(<<.*?>>|\d+\s+\d+\s+R)", re.S)
_OUTSIDE_ACTION = re.compile(rb"/S\s*/(?:URI|GoToR)" + _DELIMITER)
_REFERENCE = re.compile(rb"(\d+)\s+\d+\s+R\b")
_OBJECT = re.compile(rb"(?<![0-9])(\d+)\s+\d+\s+obj\b(.*?)endobj", re.S)
_STRING = re.compile(rb"\((?:\\.|[^\\()])*\)", re.S)  # a text string, without strings in it
_STREAM_BODY = re.compile(rb"stream\r?\n.*?endstream", re.S)

# An OLE directory entry naming a VBA project: 64 bytes of UTF-16LE name, then its length in bytes.
_OLE_VBA = re.compile(rb"(?i)(?:M\0a\0c\0r\0o\0s\0|_\0V\0B\0A\0_\0P\0R\0O\0J\0E\0C\0T\0(?:_\0C\0U\0R\0)?)\0\0")

_RELATIONSHIP = re.compile(r"<(?:[\w.-]+:)?Relationship\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# What a reader's computer opens by its own: a drive letter's path or one relative to the file.
_LOCAL_TARGET = re.compile(r"(?i)(?:file:/{0,3})?[a-z]:[\\/]|(?![a-z][a-z0-9+.-]*:)(?![\\/]{2})")
_ACTIVE_PARTS = {"vbaproject": "宏（VBA 代码）", "wordvbadata": "宏（VBA 代码）", "control": "ActiveX 控件",
                 "activexcontrolbinary": "ActiveX 控件", "xlmacrosheet": "Excel 4.0 宏表", "xlintlmacrosheet": "Excel 4.0 宏表"}
_EMBEDDED = "嵌入的 OLE 对象（可以夹带程序，双击就运行）"

_OUTSIDE_PARTS = {"attachedtemplate": "模板", "oleobject": "嵌入对象", "frame": "网页框架", "subdocument": "子文档",
                  "image": "图片", "externallinkpath": "外部工作簿数据", "afchunk": "文档片段"}

_FOUND: dict[tuple, tuple[dict[str, str], bool]] = {}  # by path, size and time: the preview checks docs/ on every save


def problems(path: Path, shown: str, budget: filetexts.Budget) -> list[Problem]:
    """An error at `shown`'s line 1 for active content in the document at `path` (what was found and
    how to be rid of it), or a warning when it (its PDF) was too large to read to the end."""
    if path.suffix.lower() not in DOCUMENTS | MACRO_SUFFIXES:
        return []
    found, cut = _read(path, budget)
    out = []
    if found:
        fixes = dict.fromkeys(found.values())
        out.append(Problem(shown, 1, f"这个文件里发现了：{'；'.join(found)}。下载的人打开它时可能运行代码或访问外部网址"
                                     "（网站的安全设置管不到 PDF 阅读器和 Office 软件），已拒绝发布。"
                                     + "；".join(_FIXES[kind] for kind in fixes) + "。确实需要发布的，请找网站管理员"))
    elif cut:
        out.append(Problem(shown, 1, filetexts.CUT + "里面有没有脚本、宏或附件没能查完。请把很大的文件移出 docs/，或拆成小文件", "warning"))
    return out


_FIXES = {"pdf": "PDF 请去掉密码保护后用“打印为 PDF”重新生成，或另存为 PDF/A（不含脚本和附件）",
          "office": "Office 文件请在 Word、Excel 或 WPS 里另存为 .docx、.xlsx 或 .pptx（不带宏的格式），并删去宏、控件和外部模板或链接",
          "field": "Word 文件请按 Alt+F9 显示域代码，删去 DDE 域和从外部网址取内容的 INCLUDEPICTURE、INCLUDETEXT、LINK 域"
                   "（图片请直接插入文件里），再保存",
          "embedded": "嵌入的对象请删去（要给人看的内容，改成图片或单独的文件）",
          "renamed": "改过扩展名的文件，Word 和 WPS 会按它实际的格式打开，这里检查不了：请用 Word 或 WPS 打开它，"
                     "另存为 .docx、.xlsx 或 .pptx",
          "zip": "压缩包里请只放文档、图片和音视频，删去程序、脚本、网页和快捷方式后重新压缩"}


def _read(path: Path, budget: filetexts.Budget) -> tuple[dict[str, str], bool]:
    try:
        stat = path.stat()
    except OSError:
        return {}, False
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key in _FOUND:
        return _FOUND[key]
    if len(_FOUND) > 512:
        _FOUND.clear()
    found: dict[str, str] = {}
    # a file larger than is read (filetexts.Head) is cut short too, but a zip, read by its members
    cut = bool(filetexts.within(path, budget, lambda raw, left: _walk(path.name, raw, left, 0, found) or raw.unread))
    if not cut:  # one cut short by what other files took of the budget is read again next time
        _FOUND[key] = (found, cut)
    return found, cut


def _walk(name: str, raw: bytes, left: list[int], depth: int, found: dict[str, str]) -> bool:
    """Add what the file `name` holds to `found` (what -> "pdf" | "office"); whether a PDF in it was
    not read to its end."""
    suffix = Path(name).suffix.lower()
    if suffix in MACRO_SUFFIXES:
        found[f"启用宏的文件格式 {suffix}"] = "office"
    if suffix == ".pdf" or b"%PDF" in raw[:1024]:  # a reader takes a PDF's header anywhere in its first KB
        return _pdf(raw, left, found)
    officefields.renamed(suffix, raw, found)
    if raw.startswith(b"{\\rt"):  # RTF, as Word opens it by any name (in a zip: docs/ publishes no .rtf)
        officefields.rtf(raw, found)
    if raw.startswith(filetexts.OLE):
        if any(match.start() % 128 == 0 and raw[match.end():match.start() + 64].strip(b"\0") == b""
               and raw[match.start() + 64] == match.end() - match.start() for match in _OLE_VBA.finditer(raw)
               if match.start() + 66 <= len(raw)):
            found["宏（VBA 代码）"] = "office"
        return False
    cut, runnable = False, []
    if (raw.startswith(b"PK\x03\x04") or suffix in filetexts.ZIPPED) and depth < filetexts.DEPTH:
        for member, piece in filetexts.zip_members(raw, left):
            lowered = member.lower()
            base = re.split(r"[\\/]", lowered)[-1]
            if base == "vbaproject.bin":
                found["宏（VBA 代码）"] = "office"
            elif "activex" in base or "/activex/" in f"/{lowered}":
                found["ActiveX 控件"] = "office"
            elif "/macrosheets/" in f"/{lowered}":
                found["Excel 4.0 宏表"] = "office"
            elif "/embeddings/" in f"/{lowered}" and base.startswith("oleobject") and base.endswith(".bin"):
                found[_EMBEDDED] = "embedded"
            elif suffix not in OFFICE_ZIPS and Path(base.rstrip(". ")).suffix in RUNNABLE:  # an archive's, not Word's own parts
                runnable.append(member)
            if piece is None:
                continue
            if lowered.endswith(".rels"):
                _relationships(piece, found)
            else:
                if lowered.endswith(".xml"):  # any part: Word finds its document by the package's .rels
                    officefields.fields(filetexts.decodings(piece, every=False)[0], found)
                cut = _walk(member, piece, left, depth + 1, found) or cut
    if runnable:
        found[f"压缩包里解压后双击就会运行或用浏览器打开的文件（{'、'.join(runnable[:5])}{' 等' if len(runnable) > 5 else ''}）"] = "zip"
    return cut


def _relationships(piece: bytes, found: dict[str, str]) -> None:
    """An Office file's parts loaded from outside, and its macros and controls, as its .rels name them."""
    for element in _RELATIONSHIP.finditer(filetexts.decodings(piece, every=False)[0]):
        attributes = {key.lower(): html.unescape(a if a is not None else b) for key, a, b in _ATTRIBUTE.findall(element[1])}
        kind = attributes.get("type", "").rstrip("/").rsplit("/", 1)[-1].lower()
        target = re.sub(r"[\s\x00-\x1f]+", "", attributes.get("target", ""))
        if kind in _ACTIVE_PARTS:
            found[_ACTIVE_PARTS[kind]] = "office"
        elif kind == "oleobject" and attributes.get("targetmode", "").lower() != "external":
            found[_EMBEDDED] = "embedded"
        elif (attributes.get("targetmode", "").lower() == "external" and kind != "hyperlink"
              and not _LOCAL_TARGET.match(target)):
            found[f"打开时从外部地址加载的{_OUTSIDE_PARTS.get(kind, '内容')}（{target[:80]}）"] = "office"


def _pdf(raw: bytes, left: list[int], found: dict[str, str]) -> bool:
    """What the PDF `raw` holds (see the module's docstring); whether it was not read to its end."""
    plain = filetexts.pdf_names(_STREAM_BODY.sub(b"stream endstream", raw))  # its dictionaries, not its streams' bytes
    dictionaries, objects, packed = [plain], {}, False
    unread, seen, last = False, 0, None
    for head, piece, undone in filetexts.pdf_streams(raw, left):
        seen += head is not last and bool(re.search(rb"/Type\s*/ObjStm\b", head))  # one stream's pieces share their head
        last = head
        if undone is None:  # a filter or predictor not undone here (/Crypt, JBIG2 on an object stream): unseen
            unread = True
            continue  # the rest is read, unfiltered streams too: an object stream need not be compressed
        piece = filetexts.pdf_names(piece)
        header = re.match(rb"\s*((?:\d+\s+\d+\s+)+)(?=<<|\[)", piece)  # an object stream's numbers and offsets
        if b"/ObjStm" not in head and not header:  # a page's drawing, a font: names in it act on nothing, but
            _names(_PDF_ACTIVE, _STRING.sub(b"()", piece), found)  # one in a stream not told apart is read; not the text
            continue
        packed = True
        dictionaries.append(piece)
        if header:
            numbers = [int(n) for n in header[1].split()]
            starts = [(numbers[i], header.end() + numbers[i + 1]) for i in range(0, len(numbers) - 1, 2)]
            for (number, start), (_, end) in zip(starts, [*starts[1:], (0, len(piece))]):
                objects.setdefault(number, piece[start:end])
    for number, body in _OBJECT.findall(plain):
        objects.setdefault(int(number), body)
    for text in dictionaries:
        _names(_PDF_ACTIVE, text, found)
        _names(_PDF_JS, text, found)
        for action in _ON_OPEN.finditer(text):
            if _opens_outside(action[1], objects, 3):
                found["打开文件时自动访问外部网址或文件的动作"] = "pdf"
    if b"/Encrypt" in plain and (packed or re.search(rb"/Type\s*/ObjStm", plain)) and not found:
        found["密码或权限保护（加密后检查不了里面有没有脚本）"] = "pdf"
    elif b"/Encrypt" not in plain and left[0] > 0 and (unread or len(re.findall(rb"/Type\s*/ObjStm\b", plain)) > seen):
        # a reader undoes what this cannot (or reads an object stream whose dictionary was out of sight):
        # what it holds, a catalog's /OpenAction, is not seen here
        found["检查程序解不开的压缩内容（对象流或数据流用了这里认不得的压缩方式，看不到里面有没有脚本）"] = "pdf"
    return left[0] <= 0


def _opens_outside(action: bytes, objects: dict[int, bytes], depth: int) -> bool:
    """Whether the action `action` (a dictionary, or a reference to one) opens an outside address or file."""
    if _OUTSIDE_ACTION.search(action):
        return True
    return depth > 0 and any(_opens_outside(objects.get(int(number), b""), objects, depth - 1)
                             for number in _REFERENCE.findall(action)[:32])


def _names(pattern: re.Pattern, data: bytes, found: dict[str, str]) -> None:
    for name in set(pattern.findall(data)):
        found[_PDF_SAID[name]] = "pdf"
