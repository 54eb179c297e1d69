"""What a published file holds as text, however a program could read it out: for `brandsite leaks`
and for the check of the files docs/ publishes. No MkDocs imports.

A file's bytes as UTF-8; a text file's (and a zip member's of a text kind, an old Office file's, an
MP3's ID3 tag), when they are not UTF-8, in every encoding an office computer writes text in too:
GBK/GB 18030 (Excel's and Notepad's default on Chinese Windows) and UTF-16 (Excel's "Unicode
text", Word's), at either byte order and alignment. Not the compressed bytes of a video, a photo
or a PDF's pictures: read so, random bytes hold a given two-character name about once in a
hundred large files, a false alarm that would stop publishing. An image's metadata as Pillow
reads it (EXIF's values, XMP, PNG text, comments, the ICC profile); a zip's members (Word, Excel,
WPS and OFD files are zips) and their names, and zips inside zips; a PDF's streams (compressed, or
written in hex or ASCII85) and its text strings in UTF-16, in hex or in parentheses. An old Office
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

from PIL import Image

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif", ".tif", ".tiff", ".bmp", ".ico", ".avif", ".mpo"})
ZIPPED = frozenset({".docx", ".xlsx", ".pptx", ".zip", ".odt", ".ods", ".odp", ".ofd", ".wps", ".et", ".dps"})
_MEMBERS_READ = 2000  # a zip's members read at most, nested ones included
_BYTES_READ = 64 * 1024 * 1024  # of all a file's pieces together, decompressed
_DEPTH = 3  # zips inside zips
# A piece is read decompressed up to this many times its compressed size (and 1 MB whatever its
# size): Office XML packs about ten to one, a zip bomb a thousand to one; a hundred small bombs
# in docs/ would otherwise have the check and leaks inflate 64 MB each.
_RATIO = 64
_DECODED = 8 * 1024 * 1024  # of a large file that is not UTF-8, its first and last this many bytes read in every encoding
_STRING = 65536  # a PDF text string read at most
# What Pillow's info holds of an image's metadata.
_INFO_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc", "icc_profile", "extension")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


# Files and zip members whose bytes are text, in whatever encoding (an old Office file's: OLE).
TEXT_SUFFIXES = frozenset({".txt", ".csv", ".tsv", ".conf", ".md", ".htm", ".html", ".xml", ".rels", ".json", ".ini", ".log"})
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def decodings(data: bytes, every: bool = True) -> list[str]:
    """`data` as text: by its byte-order mark, else as UTF-8 when it is that, else (`every`: it is
    text) in each encoding it may be in (a large file in part: its first and last _DECODED bytes),
    or (not `every`) as UTF-8 as far as it is that."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return [data[len(bom):].decode(codec, errors="ignore")]
    try:
        return [data.decode("utf-8")]
    except UnicodeDecodeError:
        pass
    found = [data.decode("utf-8", errors="ignore")]
    if not every:
        return found
    for piece in (data,) if len(data) <= 2 * _DECODED else (data[:_DECODED], data[-_DECODED:]):
        found.append(piece.decode("gb18030", errors="ignore"))
        for codec in ("utf-16-le", "utf-16-be"):
            found += [piece.decode(codec, errors="ignore"), piece[1:].decode(codec, errors="ignore")]
    return found


def file_texts(path: Path) -> list[str]:
    """Every reading of the file at `path` (see the module's docstring); none when it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError:
        return []
    return _texts(path.name, raw, [_BYTES_READ, _MEMBERS_READ], 0)


def _texts(name: str, raw: bytes, budget: list[int], depth: int) -> list[str]:
    suffix = Path(name).suffix.lower()
    if suffix in IMAGE_SUFFIXES:  # compressed pixels: their bytes once, and the metadata
        return [raw.decode("utf-8", errors="ignore"), *_image_texts(raw)]
    found = decodings(raw, every=suffix in TEXT_SUFFIXES or raw.startswith(_OLE))
    found += _id3_texts(raw)
    if raw.startswith(b"%PDF") or suffix == ".pdf":
        found += _pdf_texts(raw, budget)
    elif (raw.startswith(b"PK\x03\x04") or suffix in ZIPPED) and depth < _DEPTH:
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
    try:
        with zipfile.ZipFile(BytesIO(raw)) as archive:
            for info in archive.infolist():
                if budget[0] <= 0 or budget[1] <= 0:
                    break
                budget[1] -= 1
                found.append(info.filename)
                with archive.open(info) as member:
                    piece = member.read(max(0, min(budget[0], _inflated(info.compress_size))))
                budget[0] -= len(piece)
                found += _texts(info.filename, piece, budget, depth + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, ValueError):
        pass  # not a zip (an old .doc saved as .docx), or an encrypted one: its bytes were read
    return found


_HEX = re.compile(rb"[0-9A-Fa-f\s]*>?")
_UTF16_STRING = re.compile(rb"\((?:\xfe\xff|\\376\\377)")
_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}


def _pdf_texts(raw: bytes, budget: list[int]) -> list[str]:
    found: list[str] = []
    at = 0
    while (start := raw.find(b"stream", at)) >= 0 and budget[0] > 0:  # each stream to the next endstream: once through
        end = raw.find(b"endstream", start + 6)
        if end < 0:
            break
        at = end + 9
        piece = _unfiltered(raw[start + 6:end].lstrip(b"\r\n"), min(budget[0], _inflated(end - start)))
        if piece:
            budget[0] -= len(piece)
            found += decodings(piece, every=False)  # a picture's pixels are no text
    # text strings in UTF-16 (a title, an author): in hex (<FEFF…>) and in parentheses ((þÿ…), escapes and all)
    found += [bytes.fromhex(h.decode()).decode("utf-16-be", errors="ignore")
              for h in re.findall(rb"<FEFF((?:[0-9A-Fa-f]{4}){1,4096})>", raw)]
    at = 0
    while match := _UTF16_STRING.search(raw, at):
        text, at = _literal(raw, match.start() + 1)
        found.append(text.decode("utf-16-be", errors="ignore"))
    return found


def _inflated(compressed: int) -> int:
    """How much of a piece of `compressed` bytes is read, decompressed (_RATIO)."""
    return max(1 << 20, _RATIO * compressed)


def _unfiltered(data: bytes, most: int) -> bytes:
    """A stream's content with its filter undone, as far as it is one of Flate, ASCIIHex or ASCII85."""
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


def _literal(raw: bytes, at: int) -> tuple[bytes, int]:
    """The PDF literal string that starts after the "(" before `at`, its escapes undone, and where
    it ends: at its closing parenthesis, or _STRING bytes on."""
    out, depth, i, stop = bytearray(), 1, at, min(len(raw), at + _STRING)
    while i < stop:
        c = raw[i]
        if c == 0x5C and i + 1 < stop:  # a backslash
            n = raw[i + 1]
            if 0x30 <= n <= 0x37:
                digits = re.match(rb"[0-7]{1,3}", raw[i + 1:i + 4]).group()
                out.append(int(digits, 8) & 0xFF)
                i += 1 + len(digits)
                continue
            out += _ESCAPES.get(n, bytes([n]))
            i += 2
            continue
        depth += c == 0x28
        depth -= c == 0x29
        if depth == 0:
            return bytes(out), i + 1
        out.append(c)
        i += 1
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
