"""Files as editors save them: UTF-8 (a BOM allowed), or a plain message naming what they are. No MkDocs imports."""

from __future__ import annotations

import codecs

from .yamlsafe import YamlProblem


# What a file saved after being opened in the wrong encoding holds where its characters were.
REPLACEMENT = "\ufffd"
GARBLED = ("这一行有乱码“\ufffd”（U+FFFD，替换字符）：文件很可能曾用错误的编码打开（例如把 GBK 文件当成 UTF-8）又保存了，"
           "原来的字已经丢失，改编码也找不回来。请从备份或 git 历史恢复这个文件，或把这一行的乱码处重新输入")


def decode(raw: bytes) -> str:
    """UTF-8 text, BOM allowed. Anything else, or text garbled by a save in the wrong encoding,
    raises YamlProblem naming a guess or the garbled line."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblem(raw[: exc.start].count(b"\n") + 1, not_utf8(raw)) from None
    if REPLACEMENT in text:
        raise YamlProblem(text[: text.index(REPLACEMENT)].count("\n") + 1, GARBLED)
    return text


def not_utf8(raw: bytes) -> str:
    """The message for a file that is not UTF-8: how to save it as UTF-8 without losing its text."""
    guess = _guess_encoding(raw)
    if guess == "UTF-16":  # VS Code and Notepad open it as it is
        how = "VS Code 中点击右下角的编码 →“通过编码保存”→ UTF-8"
    else:  # this project's VS Code settings open every file as UTF-8: the text shows garbled until reopened
        was = guess.split("/")[0] if guess != "未知编码" else "文件原来的编码（中文 Windows 上通常是 GBK）"
        how = (f"VS Code 中先点击右下角的编码（显示 UTF-8）→“通过编码重新打开”→ 选 {was}，确认文字显示正常后，"
               "再点击右下角的编码 →“通过编码保存”→ UTF-8（不要在文字显示成乱码时保存）")
    return (f"文件不是 UTF-8 编码（看起来是 {guess}）。请用 UTF-8 重新保存：{how}；记事本中“另存为”并选择 UTF-8；"
            "WPS 中“另存为”选文件类型“纯文本”、编码选 UTF-8，保存后把文件名改回原来的")


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
