"""Which contacts' names are looked for in public content: by `brandsite check` and the build at
the line that holds one (privacy.py), and by `brandsite leaks` in the built site. No MkDocs imports.

A brand's contact (brand.yml `contact:`) is shown on the intranet only; public content holding
the name is a leak, unless public_contacts lists it, or it is a stand-in (王某, 李×), or an
everyday word too (高峰, 文明: a word of jieba's dictionary), which public text holds as such.
"""

from __future__ import annotations

import re

from . import dictionary

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
    return dictionary.dictionary_word(name)


def contacts(catalog, allowed=()) -> dict[str, str]:
    """Contact name -> the name of its brand, for every brand of `catalog` (give it every brand,
    internal ones too) whose contact's name is looked for. Whether one is an everyday word is
    asked only of a name found (everyday_word loads jieba's dictionary, half a second)."""
    found = {}
    for brand in catalog:
        name = brand.contact.name.strip() if brand.contact is not None else ""
        if looked_for(name, tuple(allowed)) and name not in found:
            found[name] = brand.name
    return found
