"""What in a line of text looks like personal data: mainland mobile numbers (also spelt out in
Chinese numerals), ID-card numbers and e-mail addresses. No MkDocs imports: privacy.py reads the
files a site publishes and asks this module of each line.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Iterator

from .names import INVISIBLE, unshown

# Eleven digits from 13 to 19, as one number or in three groups (139 1234 5678, 139 123 45678,
# 1391 234 5678); not inside a longer number, nor joined to one by a hyphen (0571-…, …-2).
# Between the groups a dash or dot, with a space either side or not; or a space. Not a comma, 、,
# slash, tilde or underscore: three counts in a row are written so (分别服务152、1876、2035 人次,
# 152/1876/2035, 135~1200~3000 人, 台账_138_2023_0512.xlsx). +86 (or 0086) may be in brackets.
_SEP = "(?:[ ]?[-‐‑–—.·][ ]?|[ ])?"
MOBILE = re.compile(rf"(?<!\d)(?<!\d-)(?:\(?(?:\+|00)?86\)?[- ]?)?(1[3-9]\d(?:{_SEP}\d{{4}}{_SEP}\d{{4}}|{_SEP}\d{{3}}{_SEP}\d{{5}}"
                    rf"|\d{_SEP}\d{{3}}{_SEP}\d{{4}}))(?!\d)(?!-\d)")
# An amount, not a phone: eleven digits written as one round number, then a unit that starts no
# other word (13800000000 元, 15900000000 人次; not 元旦, 人工, 个人, 天天, nor 13912345678元老师,
# 139-1234-5678 元 or +86 …).
_AMOUNT = re.compile(r"[ \t]*(?:元(?![旦宵月素])|万元|亿元|人次|户次|件次|余元|多元)")
_ROUND = "0000"
# 18 characters, or written in its three parts (110105 19491231 002X): region, birth date, the rest.
ID_CARD = re.compile(r"(?<![\dA-Za-z])([1-9]\d{5}[ -]?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[ -]?\d{3}[\dXx])(?![\dA-Za-z])")
# The look-behind holds every character the address's first part may hold: a run of them is read
# from its start only, once (a run of %%%% was read again from each %, minutes for a long one).
EMAIL = re.compile(r"(?<![A-Za-z0-9_.%+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")

# What ends a file name, not an address (banner@2x.jpg, logo@2x.png): none is a top-level domain
# (.md and .zip are: an address there is still found).
FILE_SUFFIXES = {"png", "jpg", "jpeg", "jpe", "gif", "webp", "svg", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
                 "yml", "yaml", "html", "htm", "txt", "mp4", "mp3"}

# A number spelt out in Chinese numerals, as read aloud (一三九一二三四五六七八, 幺三九…, 壹叁玖…):
# a run long enough for a phone, its numerals read as digits on their own (the run alone: 一
# beside a number, as in 13912345678一直开机, is a word, not a digit). A run may go on into a
# word that starts with a numeral (…五六七八一直开机, …二十四小时): its first eleven are read too.
_NUMERALS = "〇○零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖"
_AS_DIGITS = str.maketrans(_NUMERALS, "000" "123456789" "1" "123456789")
SPELT = re.compile(rf"[{_NUMERALS}](?:[ \-、,·.]?[{_NUMERALS}]){{10,}}")

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_checksum_ok(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS))
    return "10X98765432"[total % 11] == number[17].upper()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _spelt(run: str) -> list[str]:
    """A run of Chinese numerals as digits; also its first eleven when it runs on past them."""
    spelt = run.translate(_AS_DIGITS)
    digits = _digits(spelt)
    return [spelt, digits[:11]] if len(digits) > 11 else [spelt]


def findings(line: str, allowed: Iterable[str] = ()) -> Iterator[str]:
    """What on this line looks like personal data, as Chinese phrases naming it. Full-width
    digits count as digits (NFKC); tabs and runs of spaces as one space."""
    line = re.sub(r"\s+", " ", normal(line))
    spelt = [number for m in SPELT.finditer(line) for number in _spelt(m.group(0))]
    if spelt:
        line = " ".join([line, *spelt])
    allowed_digits = {_digits(a) for a in allowed if _digits(a)}
    allowed_text = {a.strip().lower() for a in allowed}
    for m in ID_CARD.finditer(line):
        number = re.sub(r"[ -]", "", m.group(1))
        if id_checksum_ok(number) and number not in allowed_digits:
            yield f"身份证号“{mask(number)}”"
    for m in MOBILE.finditer(line):
        if m.group(0).isdigit() and m.group(0).endswith(_ROUND) and _AMOUNT.match(line, m.end()):
            continue
        if _digits(m.group(1)) not in allowed_digits:
            yield f"手机号“{mask(_digits(m.group(1)))}”"
    for m in EMAIL.finditer(line):
        address = m.group(1)
        if address.rsplit(".", 1)[-1].lower() in FILE_SUFFIXES:  # banner@2x.jpg is a file name
            address = address.rsplit(".", 1)[0]  # but zhang@163.com.png holds an address
            if not re.search(r"\.[A-Za-z]{2,}$", address.split("@", 1)[1]):
                continue
        if address.lower() not in allowed_text:
            yield f"电子邮箱“{address}”"


def mask(number: str) -> str:
    """Show enough to find it in the file, not enough to spread it further in logs."""
    return number[:3] + "*" * (len(number) - 7) + number[-4:] if len(number) > 7 else number


def normal(text: str) -> str:
    """Full-width digits and letters as ASCII, no-break and other spaces as spaces (NFKC), and
    no invisible characters (names.INVISIBLE: 1391\u200b2345678 and 139\ufe001234… read as one number)."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return text if text.isascii() else text.translate(unshown())


def maybe(text: str) -> bool:
    """Whether a pattern could find anything in this file, written or published; the usual
    answer, no, is decided without reading the file as YAML or Markdown. Line breaks and
    backslash escapes are taken out first, and a character reference might hide anything."""
    text = normal(text)
    if "&#" in text or "\\" in text:  # a character reference, or a YAML escape (\u0031), may hide anything
        return True
    spaced = re.sub(r"[\s\\]+", " ", text)
    # Markdown and HTML inside a number or an address (1391**234**5678, <em>) are taken out too.
    # A tag is <…> with no < inside: each < is read up to the next one at most, so that a
    # file of unclosed <<<< is read once, not once for each of them.
    joined = re.sub(r"<[^<>]*>|[*_`~\\]", "", spaced)
    return any(pattern.search(t) for t in (spaced, joined) for pattern in (MOBILE, ID_CARD, EMAIL, SPELT))
