"""PDF's RunLengthDecode and LZWDecode, undone for filetexts.pdf_streams: rare, but a stream in
either (an object stream with a document's script) went unread. No MkDocs imports."""

from __future__ import annotations


def run_length(data: bytes, most: int) -> bytes:
    """`data` run-length decoded, at most `most` bytes of it: a length byte n, then n + 1 bytes as
    they are (n < 128) or one byte 257 - n times (n > 128); 128 ends it."""
    out, at = bytearray(), 0
    while at < len(data) and len(out) < most:
        n = data[at]
        if n == 128:
            break
        out += data[at + 1:at + 2 + n] if n < 128 else data[at + 1:at + 2] * (257 - n)
        at += 2 + n if n < 128 else 2
    return bytes(out[:most])


def lzw(data: bytes, most: int) -> bytes:
    """`data` LZW decoded as PDF writes it (EarlyChange 1: the code grows a code early), at most
    `most` bytes of it; as far as it goes when it is damaged."""
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    out, value, bits, width, previous = bytearray(), 0, 0, 9, b""
    for byte in data:
        value, bits = (value << 8) | byte, bits + 8
        while bits >= width:
            bits -= width
            code, value = value >> bits, value & ((1 << bits) - 1)
            if code == 256:  # clear the table
                del table[258:]
                width, previous = 9, b""
                continue
            if code == 257:  # end of data
                return bytes(out[:most])
            if code < len(table):
                entry = table[code]
            elif code == len(table) and previous:
                entry = previous + previous[:1]
            else:
                return bytes(out[:most])
            out += entry
            if len(out) >= most:
                return bytes(out[:most])
            if previous and len(table) < 4096:
                table.append(previous + entry[:1])
            previous = entry
            width = min(12, (len(table) + 1).bit_length())
    return bytes(out[:most])
