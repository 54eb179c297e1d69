"""What a published file holds as text, however a program could read it out: for `brandsite leaks`
and for the check of the files docs/ publishes. No MkDocs imports.

A file's bytes as UTF-8; a text file's (and a zip member's of a text kind, an old Office file's, an
MP3's ID3 tag), when they are not UTF-8, in every encoding an office computer writes text in too:
GBK/GB 18030 (Excel's and Notepad's default on Chinese Windows) and UTF-16 (Excel's "Unicode
text", Word's), at either byte order and alignment. Not the compressed bytes of a video, a photo
or a PDF's pictures: read so, random bytes hold a given two-character name about once in a
hundred large files, a false alarm that would stop publishing. An image's metadata as Pillow
reads it (EXIF's values, XMP, PNG text, comments, the ICC profile, in UTF-8 and in UTF-16BE as its
descriptions are written); a zip's members (Word, Excel, WPS and OFD files are zips) and their
names, and zips inside zips; a PDF's streams (compressed, or written in hex or ASCII85) and its text strings in UTF-16, in hex or in parentheses. An old Office
file (.doc, .xls, .ppt, WPS's .wps/.et/.dps: OLE) by its bytes in every encoding, which finds the
text Word and WPS keep in UTF-16, not what they keep compressed. Not PDF text drawn with a font's
own codes, nor the compressed members of .rar or .7z: `leaks` says so.
"""

from __future__ import annotations

import base64
import codecs
import re
import zipfile
import zlib
from io import BytesIO
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from PIL import Image

from . import pdffilters

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif", ".tif", ".tiff", ".bmp", ".ico", ".avif", ".mpo"})
ZIPPED = frozenset({".docx", ".xlsx", ".pptx", ".zip", ".odt", ".ods", ".odp", ".ofd", ".wps", ".et", ".dps"})
_MEMBERS_READ = 2000  # a zip's members read at most, nested ones included
BYTES_READ = 64 * 1024 * 1024  # of a file's own bytes, and of all its pieces together, decompressed
DEPTH = 3  # zips inside zips
# A piece is read decompressed up to this many times its compressed size (and 4 MB whatever its
# size): Office XML packs ten to a hundred to one, a zip bomb a thousand to one; a hundred small
# bombs in docs/ would otherwise have the check and leaks inflate 64 MB each.
_RATIO = 200
_TOTAL_READ = 512 * 1024 * 1024  # of all the files of one scan together (Budget)
_STRING = 65536  # a PDF text string read at most
# What Pillow's info holds of an image's metadata.
_INFO_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc", "icc_profile", "extension")
T = TypeVar("T")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


# Files and zip members whose bytes are text, in whatever encoding (an old Office file's: OLE).
TEXT_SUFFIXES = frozenset({".txt", ".csv", ".tsv", ".conf", ".md", ".htm", ".html", ".xml", ".rels", ".json", ".ini", ".log"})
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MEDIA = frozenset({".mp4", ".webm", ".mov", ".avi", ".wmv", ".m4v", ".mp3", ".wav", ".m4a", ".wma", ".aac", ".ogg", ".flac"})


class Raw(str):
    """A binary file's bytes read as UTF-8 as far as they are that: searched as they are, not
    folded first (contact_names.folded over the 18 MB of a scanned PDF took the check 40 s)."""


def decodings(data: bytes, every: bool = True) -> list[str]:
    """`data` as text: by its byte-order mark, else as UTF-8 when it is that, else (`every`: it is
    text) in each encoding it may be in, or (not `every`) as UTF-8 as far as it is that."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return [data[len(bom):].decode(codec, errors="ignore")]
    try:
        return [data.decode("utf-8")]
    except UnicodeDecodeError:
        pass
    if not every:
        return [Raw(data.decode("utf-8", errors="ignore"))]
    found = [data.decode("utf-8", errors="ignore")]
    found.append(data.decode("gb18030", errors="ignore"))
    for codec in ("utf-16-le", "utf-16-be"):
        found += [data.decode(codec, errors="ignore"), data[1:].decode(codec, errors="ignore")]
    return found


class Budget:
    """What a scan of many files may inflate in all (zips' members, PDFs' streams), and each file:
    a hundred small zip bombs, each inflated to the most one file may, held the check for half an
    hour. `short`: the files not read whole for it, which the scan says (CUT)."""

    def __init__(self, total: int | None = None):
        self.total = _TOTAL_READ if total is None else total
        self.short: set[str] = set()

    def cut(self, path: Path) -> bool:
        """Whether the file at `path` was not read to its end."""
        return str(path) in self.short


# What the check and leaks say of a file in Budget.short, before what follows from it.
CUT = (f"这个文件解压后的内容太多（一次最多解开 {_TOTAL_READ >> 20} MB 的文档内容，一个文件最多 {BYTES_READ >> 20} MB），"
       "没有读完，")


def file_texts(path: Path, budget: Budget | None = None) -> list[str]:
    """Every reading of the file at `path` (see the module's docstring); none when it cannot be read.
    With a shared `budget`, what this file inflates counts against it too."""
    return within(path, budget, lambda raw, left: _texts(path.name, raw, left, 0)) or []


class Head(bytes):
    """A file's first bytes as `within` reads them: all of them unless `cut`. A zip's members are read
    from the open `file` whatever its size (zip_members, which sets `unzipped`)."""

    file = None
    cut = unzipped = False

    @property
    def unread(self) -> bool:
        """Whether some of the file was read neither as bytes nor as a zip's members."""
        return self.cut and not self.unzipped


def within(path: Path, budget: Budget | None, read: Callable[[bytes, list[int]], T]) -> T | None:
    """What `read(head, left)` makes of the file at `path` (None when it cannot be read), `head` being
    its first bytes (a Head) and `left` what it may still inflate ([bytes, zip members, whether
    something was cut short]), as for one file and within `budget`, which is charged with it and
    told when the file was not read whole."""
    try:
        with path.open("rb") as file:
            # at most what one file may be inflated to, and a byte to know whether that was all: a
            # sparse 4 GB file in docs/ was read whole, into memory, by the check and by leaks
            raw = Head(file.read(BYTES_READ))
            raw.file, raw.cut = file, bool(file.read(1))
            left = [min(BYTES_READ, budget.total) if budget else BYTES_READ, _MEMBERS_READ, 0]
            found = read(raw, left)
    except OSError:
        return None
    left[2] |= raw.unread
    if budget:
        budget.total -= min(BYTES_READ, budget.total) - max(0, left[0])
        if left[0] <= 0 or left[2]:  # its bytes, text, documents or members not read to the end
            budget.short.add(str(path))
    return found


_MARKUP = re.compile(r"<[^<>]{0,2000}>")


def _texts(name: str, raw: bytes, budget: list[int], depth: int) -> list[str]:
    suffix = Path(name).suffix.lower()
    if suffix in IMAGE_SUFFIXES:  # compressed pixels: their bytes once, and the metadata
        return [Raw(raw.decode("utf-8", errors="ignore")), *_image_texts(raw)]
    found = decodings(raw, every=suffix in TEXT_SUFFIXES or raw.startswith(OLE))
    if suffix in TEXT_SUFFIXES or raw[:1] == b"<":  # XML's text without its tags: Word splits 钱|卫东 into runs
        found += [_MARKUP.sub("", text) for text in found if "<" in text]
    found += _id3_texts(raw)
    if raw.startswith(b"%PDF") or suffix == ".pdf":
        found += _pdf_texts(raw, budget)
    elif (raw.startswith(b"PK\x03\x04") or suffix in ZIPPED) and depth < DEPTH:
        found += _zip_texts(raw, budget, depth)
    return found


def _id3_texts(raw: bytes) -> list[str]:
    """An MP3's tags: ID3v2's text frames (title, artist, comments, lyrics: not a cover picture's
    bytes), each in the encoding its first byte names (0, Latin-1, is GBK on a Chinese computer),
    and ID3v1's fields at the file's end."""
    found: list[str] = []
    if raw.startswith(b"ID3") and len(raw) >= 10:
        major = raw[3]
        end = min(len(raw), 10 + int.from_bytes(bytes(b & 0x7F for b in raw[6:10]), "big"))
        at = 10
        while at + 10 <= end and raw[at:at + 4].strip(b"\x00"):
            frame, size_bytes = raw[at:at + 4], raw[at + 4:at + 8]
            size = int.from_bytes(bytes(b & 0x7F for b in size_bytes) if major >= 4 else size_bytes, "big")
            body = raw[at + 10:min(end, at + 10 + size)]
            if body and (frame[:1] == b"T" or frame in (b"COMM", b"USLT")):
                codec = {0: "gb18030", 1: "utf-16", 2: "utf-16-be", 3: "utf-8"}.get(body[0], "utf-8")
                found.append(body[1:].decode(codec, errors="ignore"))
            at += 10 + size
    if raw[-128:].startswith(b"TAG"):
        found += decodings(raw[-125:])
    return found


def _zip_texts(raw: bytes, budget: list[int], depth: int) -> list[str]:
    found: list[str] = []
    for name, piece in zip_members(raw, budget):
        found.append(name)
        if piece is not None:
            found += _texts(name, piece, budget, depth + 1)
    return found


def zip_members(raw: bytes, budget: list[int]) -> Iterator[tuple[str, bytes | None]]:
    """Each member's name of the zip `raw` (the first _MEMBERS_READ), with what is read of it within
    `budget` (see `within`), or None past it; nothing when it is no zip it can open. A file's Head
    is opened from its file: a zip's directory is at its end, past what Head holds of a large one."""
    try:
        with zipfile.ZipFile(raw.file if isinstance(raw, Head) else BytesIO(raw)) as archive:
            if isinstance(raw, Head):
                raw.unzipped = True
            members = archive.infolist()[:_MEMBERS_READ]
            # text first (a slide's XML after a presentation's 65 MB video went unread), then the rest
            members.sort(key=lambda info: Path(info.filename).suffix.lower() not in TEXT_SUFFIXES)
            for info in members:
                if budget[0] <= 0 or budget[1] <= 0:
                    yield info.filename, None
                    continue
                budget[1] -= 1
                kind = Path(info.filename).suffix.lower()
                counted = kind not in IMAGE_SUFFIXES and kind not in _MEDIA
                # text, documents and zips count against the budget; a picture is read for its
                # metadata, a video or a sound for its first MB (their tags), and neither counts
                most = max(0, min(budget[0], _inflated(info.compress_size))) if counted else (16 << 20 if kind in IMAGE_SUFFIXES else 1 << 20)
                with archive.open(info) as member:
                    piece = member.read(most)
                budget[0] -= len(piece) if counted else 0
                if counted and len(piece) < info.file_size:  # cut short: past the budget or the ratio
                    budget[2] = 1
                yield info.filename, piece
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, ValueError):
        pass  # not a zip (an old .doc saved as .docx), or an encrypted one: its bytes were read


_HEX = re.compile(rb"[0-9A-Fa-f\s]*>?")
_UTF16_STRING = re.compile(rb"\((?:\xfe\xff|\\376\\377)")
_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}


def _pdf_texts(raw: bytes, budget: list[int]) -> list[str]:
    found = _pdf_strings(raw, [_STRINGS_READ])
    strings = [_STRINGS_READ]  # those inside streams too (PDF 1.5 keeps the document's title in an object stream)
    for _, piece, undone in pdf_streams(raw, budget):
        if undone:
            found += decodings(piece, every=False)  # a picture's pixels are no text
            found += _pdf_strings(piece, strings)
        elif len(piece) < _PLAIN_STREAM and not isinstance(text := decodings(piece, every=False)[0], Raw):
            found.append(text)  # a stream written as it is in UTF-8 (XMP metadata mostly is)
    return found


def pdf_streams(raw: bytes, budget: list[int]) -> Iterator[tuple[bytes, bytes, bool | None]]:
    """Each stream of the PDF `raw` but a picture's, after its dictionary (as far as the KB before it
    holds it: from its "obj" on, #xx escapes undone; the same object for each of one stream's
    pieces), each time one of its filters is undone within `budget` (see `within`), with True; as it
    is, with False, when it has no filter undone here; or with None, as far as undone, when its
    dictionary names a filter not undone here (but a picture's, DCT and the like, ending a stream
    other than an object or xref stream). An object stream (which holds the document's
    dictionaries) is read even when it says it is a picture."""
    at = 0
    while (start := raw.find(b"stream", at)) >= 0 and budget[0] > 0:  # each stream to the next endstream: once through
        end = raw.find(b"endstream", start + 6)
        if end < 0:
            break
        at = end + 9
        piece = raw[start + 6:end].lstrip(b"\r\n")
        head = pdf_names(raw[max(0, start - 1024):start])
        head = head[head.rfind(b"obj"):]
        if re.search(rb"/Subtype\s*/Image", head) and b"/ObjStm" not in head:
            continue  # a picture's pixels: no text, and a scanned document's pages are hundreds of MB of them
        names = pdf_filters(head)
        for n in range(_FILTERS + 1):  # a chain of filters (/ASCII85Decode /FlateDecode), each undone in turn
            name = names[n] if n < len(names) else b""
            undone = _unfiltered(piece, min(budget[0], _inflated(len(piece))), name) if budget[0] > 0 and n < _FILTERS else b""
            if not undone or undone == piece:
                if name and budget[0] > 0 and (name not in _PICTURE_FILTERS or _PACKED.search(head)):
                    yield head, piece, None
                elif n == 0:
                    yield head, piece, False
                break
            piece = undone
            budget[0] -= len(piece)
            yield head, piece, True


_NAME = re.compile(rb"/[^\x00\t\n\f\r /<>\[\]()%{}]*#[^\x00\t\n\f\r /<>\[\]()%{}]*")


def pdf_names(data: bytes) -> bytes:
    """`data` with the #xx escapes of its PDF names undone (/Java#53cript is /JavaScript to a reader)."""
    if b"#" not in data:
        return data
    return _NAME.sub(lambda name: re.sub(rb"#([0-9A-Fa-f]{2})", lambda hx: bytes([int(hx[1], 16)]), name[0]), data)


_FILTERS = 3
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\x00\t\n\f\r /<>\[\]()%{}]+|\d+\s+\d+\s+R)")
_GUESSED = frozenset({b"FlateDecode", b"Fl", b"ASCIIHexDecode", b"AHx", b"ASCII85Decode", b"A85"})
_PICTURE_FILTERS = frozenset({b"DCTDecode", b"DCT", b"JPXDecode", b"JBIG2Decode", b"CCITTFaxDecode", b"CCF"})
_PACKED = re.compile(rb"/Type\s*/(ObjStm|XRef)\b")  # what must be read whole: the document's dictionaries, its xref
_PLAIN_STREAM = 4 << 20  # an unfiltered stream read as text when it is UTF-8 and under this size
_STRINGS_READ = 1 << 20  # bytes of a file's PDF text strings read at most (its title and author are a few dozen)
_HEX_STRING = re.compile(rb"<\s*FE\s*FF((?:\s*[0-9A-F]){4,16384})\s*>", re.I)


def _pdf_strings(data: bytes, left: list[int]) -> list[str]:
    """Text strings in UTF-16 (a title, an author): in hex (<FEFF…>, <feff …>) and in parentheses
    ((þÿ…), escapes and all), at most `left[0]` bytes of them in all."""
    found: list[str] = []
    for match in _HEX_STRING.finditer(data):
        if left[0] <= 0:
            return found
        digits = re.sub(rb"\s", b"", match.group(1))
        left[0] -= len(digits)
        found.append(bytes.fromhex(digits[:len(digits) // 2 * 2].decode()).decode("utf-16-be", errors="ignore"))
    at = 0
    while left[0] > 0 and (match := _UTF16_STRING.search(data, at)):
        text, at = _literal(data, match.start() + 1)
        left[0] -= at - match.start()
        found.append(text.decode("utf-16-be", errors="ignore"))
    return found


def _inflated(compressed: int) -> int:
    """How much of a piece of `compressed` bytes is read, decompressed (_RATIO)."""
    return max(4 << 20, _RATIO * compressed)


def pdf_filters(head: bytes) -> list[bytes]:
    """The filters a stream's dictionary `head` names, in order: "?" for one named elsewhere (/Filter 9 0 R),
    and "Predictor" (an object stream's: an xref stream's is not read) or "EarlyChange" after them
    for the parameters not undone here."""
    named = ([None, *_FILTER.finditer(head)])[-1]  # a key given twice: a reader keeps the last
    names = (re.findall(rb"/([^\x00\t\n\f\r /<>\[\]()%{}]+)", named[1]) or [b"?"]) if named else []
    if re.search(rb"/Predictor\s*(?:0*[2-9]|0*1\d)", head) and re.search(rb"/Type\s*/ObjStm\b", head):
        names.append(b"Predictor")
    if re.search(rb"/EarlyChange\s*0\b", head):
        names.append(b"EarlyChange")
    return names


def _unfiltered(data: bytes, most: int, name: bytes = b"") -> bytes:
    """A stream's content with its filter `name` undone (unnamed: as far as it is one of Flate,
    ASCIIHex or ASCII85); nothing for a filter not undone here."""
    if name in (b"RunLengthDecode", b"RL", b"LZWDecode", b"LZW"):
        return pdffilters.run_length(data, most) if name[0:1] == b"R" else pdffilters.lzw(data, most)
    if name and name not in _GUESSED:
        return b""
    try:
        return zlib.decompressobj().decompress(data, most)
    except zlib.error:
        pass
    head = data[:64].strip()
    try:
        if head.endswith(b"~>") or data.rstrip().endswith(b"~>"):
            return base64.a85decode(data.strip(), adobe=data.strip().startswith(b"<~"))[:most]
        if _HEX.fullmatch(data.strip()):
            digits = re.sub(rb"[\s>]", b"", data)
            return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())[:most]
    except ValueError:
        return b""
    return b""


_LITERAL_PIECE = re.compile(rb"\\[0-7]{1,3}|\\.|[()]|[^\\()]+", re.S)


def _literal(raw: bytes, at: int) -> tuple[bytes, int]:
    """The PDF literal string that starts after the "(" before `at`, its escapes undone, and where
    it ends: at its closing parenthesis, or _STRING bytes on. Read a piece at a time (a run of
    plain bytes is one), not a byte at a time."""
    out, depth, stop = bytearray(), 1, min(len(raw), at + _STRING)
    for piece in _LITERAL_PIECE.finditer(raw, at, stop):
        token = piece.group()
        if token[:1] == b"\\":
            out += bytes([int(token[1:], 8) & 0xFF]) if 0x30 <= token[1] <= 0x37 else _ESCAPES.get(token[1], token[1:])
        elif token in (b"(", b")"):
            depth += 1 if token == b"(" else -1
            if depth == 0:
                return bytes(out), piece.end()
            out += token
        else:
            out += token
    return bytes(out), stop


def _image_texts(raw: bytes) -> list[str]:
    found: list[str] = []
    try:
        with Image.open(BytesIO(raw)) as im:
            im.load()
            for key in _INFO_KEYS:
                value = im.info.get(key)
                if value:
                    found.append(value.decode("utf-8", errors="ignore") if isinstance(value, bytes) else str(value))
                if key == "icc_profile" and isinstance(value, bytes):  # its 'desc' and 'mluc' text: UTF-16BE, at either alignment
                    found += [value.decode("utf-16-be", errors="ignore"), value[1:].decode("utf-16-be", errors="ignore")]
            found += [f"{k} {v}" for k, v in (getattr(im, "text", None) or {}).items()]
            exif = im.getexif()
            found += [v.decode("utf-16-le" if tag in range(0x9C9B, 0x9CA0) else "utf-8", errors="ignore")
                      if isinstance(v, bytes) else str(v) for tag, v in exif.items()]
            found += [str(v) for v in exif.get_ifd(0x8825).values()]  # GPS
            found += [v.decode("utf-8", errors="ignore") if isinstance(v, bytes) else str(v)
                      for v in exif.get_ifd(0x8769).values()]  # UserComment and the like
    except Exception:  # Pillow raises many kinds for a damaged or unusual file: its bytes were read
        return found
    return found
