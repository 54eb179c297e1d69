"""What an Office file does when opened besides its parts' relationships (activecontent): Word's
fields that run a command (DDE) or fetch from an outside address, RTF's embedded objects, and a
file whose bytes are not the kind its name says (Word opens an RTF or a web page named .doc by
what it is, out of the check's sight). No MkDocs imports.

Each adds what it found to `found` (what -> the kind of fix, see activecontent._FIXES)."""

from __future__ import annotations

import html
import re

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
# The old kinds are OLE (a .docx renamed .doc, a zip, is read as one); WPS writes its kinds as either.
_KINDS = {**dict.fromkeys((".doc", ".dot", ".xls", ".ppt", ".wps", ".et", ".dps"), (OLE, ZIP)),
          **dict.fromkeys((".docx", ".xlsx", ".pptx"), (ZIP,))}

# A field's parts in Word's XML, whatever the namespace's prefix: its start, separator and end, the
# pieces of its instruction (one field's in several runs), a simple field's instruction.
_FIELD_PARTS = re.compile(r"""<(?:[\w.-]+:)?fldChar\b[^>]*?fldCharType\s*=\s*["'](\w+)|<(?:[\w.-]+:)?instrText\b[^>]*>([^<]*)"""
                          r"""|<(?:[\w.-]+:)?fldSimple\b[^>]*?\binstr\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_FIELD = re.compile(r"(?is)\s*(DDEAUTO|DDE|INCLUDEPICTURE|INCLUDETEXT|LINK|IMPORT)\b(.*)")
_ARGUMENT = re.compile(r'"([^"]*)"|(\S+)')
# An address fetched from another computer: a URL (not a drive letter), \\host or //host, file://host.
_REMOTE = re.compile(r"(?i)\s*(?:(?!file:)[a-z][a-z0-9+.-]+:|file:[\\/]{2}(?![\\/])|[\\/]{2})")
_RTF_OBJECT = re.compile(rb"\\(objautlink|objupdate|object)(?![a-zA-Z])")
_RTF_TOKEN = re.compile(rb"\\'([0-9a-fA-F]{2})|\\[a-zA-Z]+-?\d* ?|\\([^a-zA-Z])|[{}\r\n]")


def renamed(suffix: str, raw: bytes, found: dict[str, str]) -> None:
    """A file named an Office kind whose bytes are another: RTF, a web page, anything but what Word keeps."""
    if raw and suffix in _KINDS and not raw.startswith(_KINDS[suffix]):
        actual = (" RTF 文档" if raw.startswith(b"{\\rt") else "网页或 XML 文件" if raw.lstrip(b"\xef\xbb\xbf\xff\xfe\0 \t\r\n")[:1] == b"<"
                  or b"mime-version" in raw[:1024].lower() else "别的格式")
        found[f"扩展名是 {suffix}，实际是{actual}"] = "renamed"


def fields(text: str, found: dict[str, str]) -> None:
    """Word's fields in the XML `text` (a part of a .docx): each instruction, its runs joined."""
    open_fields: list[list] = []  # [instruction so far, whether told]
    for part in _FIELD_PARTS.finditer(text):
        if part[1]:
            kind = part[1].lower()
            if kind == "begin":
                open_fields.append(["", False])
            elif open_fields and kind in ("separate", "end"):
                if not open_fields[-1][1]:
                    field(html.unescape(open_fields[-1][0]), found)
                    open_fields[-1][1] = True
                if kind == "end":
                    open_fields.pop()
        elif part[2] is not None:
            if open_fields and not open_fields[-1][1]:
                open_fields[-1][0] += part[2]
            else:  # an instruction outside a field's start and separator
                field(html.unescape(part[2]), found)
        else:
            field(html.unescape(part[3] if part[3] is not None else part[4]), found)
    for instruction, told in open_fields:  # a field never ended is run all the same
        if not told:
            field(html.unescape(instruction), found)


def field(instruction: str, found: dict[str, str]) -> None:
    """A DDE field (it runs a command), or one that fetches from an outside address."""
    named = _FIELD.match(instruction)
    if not named:
        return
    word = named[1].upper()
    if word.startswith("DDE"):
        found[f"运行命令的 DDE 域（{' '.join(instruction.split())[:80]}）"] = "field"
        return
    for quoted, bare in _ARGUMENT.findall(named[2]):
        argument = (quoted or bare).replace("\\\\", "\\")  # a field doubles its backslashes
        if _REMOTE.match(argument):
            found[f"打开时从外部地址取内容的 {word} 域（{argument[:80]}）"] = "field"


def rtf(raw: bytes, found: dict[str, str]) -> None:
    """An RTF document's embedded or linked objects, and its fields (as `field`)."""
    for word in sorted(set(_RTF_OBJECT.findall(raw))):
        found[f"RTF 文档里嵌入或链接的对象（\\{word.decode()}）"] = "embedded"
    at = 0
    while (start := raw.find(b"\\fldinst", at)) >= 0:
        depth, at = 1, start + 8
        while at < len(raw) and depth and at < start + 65536:  # to the end of the instruction's group
            depth += {123: 1, 125: -1}.get(raw[at], 0) if raw[at - 1] != 92 else 0
            at += 1
        field(_RTF_TOKEN.sub(lambda t: bytes.fromhex(t[1].decode()) if t[1] else t[2] or b"",
                             raw[start + 8:at]).decode("latin-1"), found)
