"""Which contacts' names are looked for in public content: by `brandsite check` and the build at
the line that holds one (privacy.py), and by `brandsite leaks` in the built site. No MkDocs imports.

A brand's contact (brand.yml `contact:`) is shown on the intranet only; public content holding
the name is a leak, unless public_contacts lists it, or it is a stand-in (王某, 李×), or an
everyday word too (高峰, 文明: a two-character word of jieba's dictionary), which public text holds as such.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

from . import dictionary
from .names import decimal_digits
from .personal import mask, normal

# 王某, 李×, 张*, 陈XX: a stand-in for a name, which prose uses freely (X only after a Chinese surname:
# Xu Wei and Alex are names).
ANONYMISED = re.compile(r"[某×*＊]|[\u3400-\u9fff][Xx]{1,2}$")


# Spaces between two Chinese characters (王　伟, 王&nbsp;伟 in a list), as the page shows no break in a name.
CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])[ \t\u3000\xa0]+(?=[\u3400-\u9fff])")


# Two-character surnames (欧阳明远 is 欧阳某, not 欧某)
_COMPOUND = frozenset("欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 司徒 夏侯 长孙 宇文 轩辕 端木 独孤 南宫 西门 "
                      "闻人 澹台 公冶 太史 申屠 赫连 钟离 呼延 完颜".split())


def stand_in(name: str) -> str:
    """The name as prose may write it: 杨某, 欧阳某."""
    return (name[:2] if name[:2] in _COMPOUND and len(name) > 2 else name[:1]) + "某"


def looked_for(name: str, allowed=()) -> bool:
    """Whether a contact's `name` is looked for at all (not a stand-in, not allowed)."""
    return len(name) >= 2 and not ANONYMISED.search(name) and name not in allowed


def everyday_word(name: str) -> bool:
    """A two-character name that is a word of jieba's dictionary (高峰, 文明, 向阳). Not a longer
    one: the dictionary holds sixty thousand three-character names (李金生, 王建国) beside them."""
    return len(name) == 2 and dictionary.dictionary_word(name)


def contacts(catalog, allowed=()) -> dict[str, str]:
    """Contact name -> the name of its brand, and a contact phone's digits (is_phone) -> the name of
    its brand, for every brand of `catalog` (give it every brand, internal ones too) whose contact's
    name or phone is looked for. Whether a name is an everyday word is asked only of a name found
    (everyday_word loads jieba's dictionary, half a second)."""
    found = {}
    allowed_digits = {phone_digits(a) for a in allowed}
    for brand in catalog:
        name = brand.contact.name.strip() if brand.contact is not None else ""
        if looked_for(name, tuple(allowed)) and name not in found:
            found[name] = brand.name
        digits = phone_digits(brand.contact.phone) if brand.contact is not None else ""
        if len(digits) >= PHONE_DIGITS and digits not in allowed_digits and not placeholder(digits):
            found.setdefault(digits, brand.name)
    return found


def internal_names(catalog) -> dict[str, str]:
    """Internal brands' names and internal cases' titles -> what each is (内部品牌, 内部案例), for
    `catalog` (every brand, internal ones too): public prose that writes one publishes what only the
    intranet may show. Not a title a public case has too, nor a word of jieba's dictionary (an
    internal case titled 党员大会, which any story may say)."""
    public = catalog.for_audience("public")
    found: dict[str, str] = {}
    for brand in catalog:
        shown = public.get(brand.slug)
        if shown is None:
            found[brand.name] = "内部品牌"
            continue
        for case, titled_in_public in hidden_cases(brand, shown):
            if not titled_in_public and len(case.title.strip()) >= 2:
                found.setdefault(case.title.strip(), "内部案例")
    return {name: what for name, what in found.items() if not dictionary.dictionary_word(name)}


def hidden_cases(brand, shown) -> list[tuple[object, bool]]:
    """The cases of `brand` that its public view `shown` leaves out, each with whether a public case
    of it has the same title (its title is then public content's, not an internal record's)."""
    public_titles, public_slugs = {c.title for c in shown.cases}, {c.slug for c in shown.cases}
    return [(case, case.title in public_titles) for case in brand.cases if case.slug not in public_slugs]


def placeholder(digits: str) -> bool:
    """A number of one digit repeated (0000-0000000, the sample's): a phone not yet filled in."""
    return len(set(digits)) <= 1


def is_phone(key: str) -> bool:
    """Whether a key of contacts() is a phone's digits (a name has no digits)."""
    return key.isascii() and key.isdigit()


# What may stand between the characters of a name and still read as the name (李·金·生同志, 李-金-生,
# 清/风/审/计, 清、风、审、计): only in a run of single characters from one that follows no other, so that
# a dash between phrases (大王—芳草地) joins nothing.
_JOINER = r"[ \t\u3000\xa0]*[·‧・•\-‐‑‒–—―_~/／\\＼|｜丨、]+[ \t\u3000\xa0]*"
_SPELT_OUT = re.compile(rf"(?<![\u3400-\u9fff])[\u3400-\u9fff](?:{_JOINER}[\u3400-\u9fff](?={_JOINER}[\u3400-\u9fff]))*{_JOINER}[\u3400-\u9fff]")


def _joined(match: re.Match) -> str:
    return re.sub(_JOINER, "", match.group(0))


def folded(text: str) -> str:
    """Text as a reader sees it, for looking for a name or a number in it: character references
    decoded, width and compatibility forms folded (NFKC: 李 U+F9E1 and the Kangxi radical ⾦ are
    李 and 金), invisible characters and marks taken out (李\u200c金生 reads 李金生), traditional
    characters as simplified ones (黃呂強 is 黄吕强), no dot or dash between single characters (李·金·生)
    and no space between two Chinese characters (李 金 生), runs of spaces as one."""
    from .similarity import simplified

    return " ".join(CJK_SPACE.sub("", _SPELT_OUT.sub(_joined, simplified(normal(html.unescape(text))))).split())


@functools.lru_cache(maxsize=8192)
def folded_name(name: str) -> str:
    """folded(name), once a name: the check looks for every contact's name in every public file."""
    return folded(name)


# A run of digits as phone numbers are written: a space, hyphen, dot or bracket or a few between two
# digits (0571 8765 4321, (0571)87654321, 0571-87654321), O and l for 0 and 1 (O571-…, l39…).
# A run starts at a digit; O and l before it are taken by walking back from there (_lead): a
# pattern that tried them first read a long line of O O O … from each of its letters, a square
# of the line's length (50,000 characters of it held the check for minutes).
_SEP_CHAR = re.compile(r"[\s\-\u2010-\u2015\u2212\uff0d_.\u00b7\u2027\u30fb\u30fc()\uff08\uff09/~\uff5e,，|=]")
_SEP = _SEP_CHAR.pattern + "{0,5}"
_RUN = re.compile(rf"[0-9](?:{_SEP}[0-9OolI])+")
_LOOKALIKE = str.maketrans("OolI", "0011")
_ENDS = "OolI \t\n-_.,，|=/~()（）"
# Digits as a page shows them, for the runs above: NFKC's (full-width ０, circled ①, superscript ¹),
# Chinese numerals (〇五七一……), their capital forms (伍柒壹) and 幺, 1 as a number is read out.
_NUMERALS = str.maketrans("〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖幺", "001234567891234567891")
PHONE_DIGITS = 7  # fewer: looked for only as written


@functools.lru_cache(maxsize=1)
def _as_digits() -> dict[int, str]:
    """_NUMERALS and every other script's decimal digits (١٣٩, ۱۳۹, १३९: names.decimal_digits), one table."""
    return {**_NUMERALS, **decimal_digits()}


def _digits_shown(text: str) -> str:
    """`text` with every digit as a page shows it as an ASCII digit."""
    return unicodedata.normalize("NFKC", text).translate(_as_digits())


def phone_digits(phone: str) -> str:
    return re.sub(r"[^0-9]", "", _digits_shown(str(phone)))


def phones_in(text: str, phones) -> list[str]:
    """The phones (`phones`: digits -> anything) that `text` holds, by their digits: a run of digits
    groups (0571 8765 4321, 139,1234,5678) of which some neighbouring groups are one of them,
    whatever the spacing, or one after the country code (+86 0571-87654321, +86 571 …): a number
    beside it in a list or a table (13912345678，13800001111; 钱某,13912345678,2008; 0571 8765
    4321/8765 4322) hid it. Not part of a group: a placeholder 0000-0000000 was found in every
    page's 公安备案 number 00000000000000."""
    found = []
    text = _digits_shown(text)
    end = 0
    for run in _RUN.finditer(text):
        written = text[_lead(text, run.start(), end):run.end()]
        end = run.end()
        # a letter at either end may be a word's (0571-86001234 or …), not a digit's stand-in
        for each in {written, written.rstrip(_ENDS), written.lstrip(_ENDS), written.strip(_ENDS)}:
            for digits in _spans(re.findall(r"[0-9]+", each.translate(_LOOKALIKE))):
                bare = digits[4:] if digits.startswith("0086") else digits[2:] if digits.startswith("86") else None
                found += [d for d in (digits, bare, "0" + bare if bare else None) if d in phones and d not in found]
    return found


_LONGEST_PHONE = 16  # digits, the country code's 0086 with a landline's 12


def _spans(groups: list[str]) -> list[str]:
    """The digits of each stretch of neighbouring groups long enough for a phone and short enough
    for one with its country code: a few for each group, so a run's cost is its length's."""
    out = []
    for i in range(len(groups)):
        digits = ""
        for group in groups[i:]:
            digits += group
            if len(digits) > _LONGEST_PHONE:
                break
            if len(digits) >= PHONE_DIGITS:
                out.append(digits)
    return out


def _lead(text: str, start: int, floor: int) -> int:
    """Where a run that starts at `start` begins with the O and l before it (O571-…, O O571 …): each
    a letter with at most five separators after it; not before `floor`, the last run's end."""
    while True:
        at = start
        while at > floor and start - at < 5 and _SEP_CHAR.match(text[at - 1]):
            at -= 1
        if at > floor and text[at - 1] in "OolI":
            start = at - 1
        else:
            return start


def phone_shown(digits: str) -> str:
    """A contact's phone as a message names it: enough to find it, not to spread it."""
    return mask(digits)
