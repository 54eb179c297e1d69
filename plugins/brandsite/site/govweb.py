"""Chinese government-website conventions: record numbers in the footer, mourning days, the elder-friendly mode.

- 备案号: the ICP record number (and optionally the 公安机关 one) is shown in every page's
  footer, each a plain link to the official lookup page; nothing is requested from there.
- 哀悼模式: on the configured days the whole site turns grey. A static site is not rebuilt
  every day, so the visitor's browser decides, from its own date, with the days put into
  each page as data (a JSON block read by govweb.js, a script file: the CSP allows no inline code).
- 长辈模式 (适老化): a labelled button in the header switches to larger text and larger
  touch targets; the choice is kept in the browser (localStorage).
"""

from __future__ import annotations

import datetime
import re

from ..errors import BrandsiteError

ASSETS_CSS = "assets/brandsite/govweb.css"
ICP_LOOKUP = "https://beian.miit.gov.cn/"
# The national lookup moved from www.beian.gov.cn to beian.mps.gov.cn in 2024.
POLICE_LOOKUP = "https://beian.mps.gov.cn/#/query/webSearch?code={digits}"

_DAY = r"(?:\d{4}-)?\d{2}-\d{2}"
_PERIOD = re.compile(rf"^({_DAY})(?:\.\.({_DAY}))?$")


# A day as people write it in Chinese or with slashes: 4月4日, 2025年4月4日, 4/4, 2025.4.4
_WRITTEN = re.compile(r"^(?:(\d{4})\s*[年./-]\s*)?(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$")


def _written_out(text: str) -> str | None:
    """`text` (one day written another way) in mourning_days' way, when it is a real day."""
    m = _WRITTEN.match(text)
    if not m:
        return None
    day = (f"{m.group(1)}-" if m.group(1) else "") + f"{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return day if _valid(day) else None


def mourning_item_problem(value) -> str | None:
    """What is wrong with one item of mourning_days as YAML read it, if it is no text or date: a
    number (4.10 reads as 4.1, 0410 as 264) or yes/no. Not quoted: what YAML made of it is not
    what the editor wrote, so no day is guessed from it either."""
    if isinstance(value, (str, datetime.date)):  # (True is an int, no date)
        return None
    what = "是或否（yes、on、true 这类词）" if isinstance(value, bool) else "数字"
    return (f"mourning_days（哀悼日）里有一项被读成了{what}，不是日期。月和日之间要用短横线，写成 04-10 这样"
            "（4.10、0410 这样的写法会被读成数字）。每一项写成 12-13（每年这一天）、2025-04-04（只在这一天）"
            "或 04-03..04-05（从哪天到哪天）；不设哀悼日就删去这一行")


def mourning_periods(entries: list[str]) -> list[list[str]]:
    """Each entry as [first, last]: MM-DD (every year) or YYYY-MM-DD, alone or as first..last."""
    periods, bad = [], []
    for entry in entries:
        text = str(entry).strip()
        m = _PERIOD.match(text)
        first, last = (m.group(1), m.group(2) or m.group(1)) if m else ("", "")
        if not m or len(first) != len(last) or not all(_valid(day) for day in (first, last)) \
                or _length(first, last) > LONGEST_PERIOD:
            bad.append(text)
            continue
        periods.append([first, last])
    if bad:
        fixes = "".join(f"“{text}”应写成 {fixed}；" for text in bad if (fixed := _written_out(text)))
        raise BrandsiteError(
            f"mourning_days（哀悼日）的写法不对：{'、'.join(bad)}。{fixes}每一项写成 12-13（每年这一天）、"
            "2025-04-04（只在这一天）、04-03..04-05 或 2025-04-03..2025-04-05（从哪天到哪天，首尾同一种写法，"
            f"先写早的一天，最长 {LONGEST_PERIOD} 天；12-31..01-02 这样跨年的也可以）")
    return periods


# A mourning period is days long; 12-13..12-01 (read as a period over the new year) would grey
# the site for eleven months, and a full date range written backwards would never apply.
LONGEST_PERIOD = 31


def _length(first: str, last: str) -> int:
    """Days from first to last, both counted; MM-DD periods may go over the new year."""
    if len(first) == 10:
        days = (datetime.date.fromisoformat(last) - datetime.date.fromisoformat(first)).days
        return days + 1 if days >= 0 else LONGEST_PERIOD + 1
    a, b = (datetime.date.fromisoformat(f"2000-{d}") for d in (first, last))  # a leap year: 02-29 is a day
    return ((b - a).days % 366) + 1


def _valid(day: str) -> bool:
    try:
        datetime.date.fromisoformat(day if len(day) == 10 else f"2000-{day}")  # 2000: a leap year, so 02-29 is valid
    except ValueError:
        return False
    return True


def police_problem(record: str) -> str | None:
    """Why a police_record cannot be linked to the lookup, or None."""
    record = record.strip()
    if record and not record_digits(record):
        return f"police_record（公安机关备案号）“{record}”里没有数字，请照备案证书填写，例如 京公网安备 11010502030000号"
    return None


def record_digits(record: str) -> str:
    """The digits of a 公安机关备案号 (京公网安备 11010502030000号 -> 11010502030000), as the lookup wants them."""
    return "".join(re.findall(r"\d", record))


def configure(config, options) -> None:
    """on_config: the styles, and what the templates need under config.extra.brandsite_govweb."""
    if ASSETS_CSS not in config.extra_css:
        config.extra_css.append(ASSETS_CSS)
    icp = (options.icp_record or "").strip()
    police = (options.police_record or "").strip()  # one with no digits: refused by config.PoliceRecord
    config.extra["brandsite_govweb"] = {
        "icp": icp,
        "icp_url": ICP_LOOKUP,
        "police": police,
        "police_url": POLICE_LOOKUP.format(digits=record_digits(police)) if police else "",
        "elder_mode": bool(options.elder_mode),
        # What govweb.js reads in the browser.
        "data": {"mourning": mourning_periods(list(options.mourning_days or [])), "elder": bool(options.elder_mode)},
    }
