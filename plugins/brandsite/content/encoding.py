"""Files as editors save them: UTF-8 (a BOM allowed), or a plain message naming what they are. No MkDocs imports."""

from __future__ import annotations

import codecs

from .yamlsafe import YamlProblem


def decode(raw: bytes) -> str:
    """UTF-8 text, BOM allowed. Anything else raises YamlProblem naming a guess."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(raw)
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(
            line,
            f"文件不是 UTF-8 编码（看起来是 {guess}）。请用 UTF-8 重新保存："
            "VS Code 中点击右下角的编码 →“通过编码保存”→ UTF-8；记事本中“另存为”并选择 UTF-8",
        ) from None


def _guess_encoding(raw: bytes) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    if raw[:200].count(b"\x00") > 10:
        return "UTF-16"
    for name, label in (("gb18030", "GBK/GB18030"), ("big5", "Big5")):
        try:
            raw.decode(name)
            return label
        except UnicodeDecodeError:
            continue
    return "未知编码"
