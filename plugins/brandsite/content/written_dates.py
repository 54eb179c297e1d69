"""Dates as editors write them (2023.5.1, 2023年5月1日, 二〇二三年五月一日), and as the file must
write them (2023-05-01): what the check offers as the fix. No MkDocs imports."""

from __future__ import annotations

import datetime
import re

_LOOSE_DATE = re.compile(r"^\s*(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?\s*$")
_YEAR_MONTH = re.compile(r"^\s*(\d{4})\s*[年./\-]\s*(\d{1,2})\s*月?\s*$")
_NUMERALS = dict(zip("〇○零一二三四五六七八九", "000123456789"))


def _arabic(run: str) -> str:
    """A run of Chinese numerals in a date as digits: 二〇二四 is 2024 (each a digit), 十八 is 18."""
    if "十" not in run:
        return "".join(_NUMERALS[c] for c in run)
    tens, _, ones = run.partition("十")
    return str(int(_NUMERALS.get(tens, "1") if tens else 1) * 10 + int(_NUMERALS.get(ones, "0") if ones else 0))


_CHINESE_NUMERALS = re.compile(r"[〇○零一二三四五六七八九]?十[一二三四五六七八九]?|[〇○零一二三四五六七八九]+")


def date_fix(value) -> str | None:
    """2023.5.1, 2023/5/1, 2023年5月1日 or 二〇二三年五月一日 as the file must write it (2023-05-01), or None."""
    m = _LOOSE_DATE.match(value := _CHINESE_NUMERALS.sub(lambda n: _arabic(n.group()), str(value)))
    if not m:
        month = _YEAR_MONTH.match(str(value))  # 2023年7月: the month's first day, said so
        if month and 1 <= int(month.group(2)) <= 12:
            return f"{int(month.group(1)):04d}-{int(month.group(2)):02d}-01（只知道月份时，写当月 1 日）"
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None
