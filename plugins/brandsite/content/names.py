"""Names that become paths, and names that must be told apart. No MkDocs imports.

A brand's folder name, a case's file name and a cluster's name each become a
URL and files in the built site. Each is checked here once, for every place
it is used: nothing that climbs out of its folder, no name a generated page
needs, no Windows device name (editors work on Windows), and short enough
that the longest file made from it (`poster-<slug>.pdf`, `<slug>-shenbao.docx`,
`<case>-share.png`, `<case>/index.html`) stays within 255 bytes.

Names shown to visitors (a brand's name, a case's title, ...) may not hold
invisible format characters: a right-to-left override makes a name written
backwards look exactly like another brand's.
"""

from __future__ import annotations

import functools
import itertools
import os
import posixpath
import re
import unicodedata
from pathlib import Path

# Photo types that prose and cases may show; anything else in photos/ is never published.
PHOTO_SUFFIXES = (".png", ".jpg", ".jpeg", ".jpe", ".webp", ".gif")

SLUG_MAX = 80  # characters (ASCII) of a brand folder or case file name
# UTF-8 bytes of a raster image's name less its extension: its variants (名称.1200.webp, media/images.py)
# must stay within the 255 bytes a file name has on Linux, macOS and Windows alike. 81 Chinese characters.
NAME_BYTES_MAX = 255 - len(".1200.webp")
CLUSTER_MAX = 30  # characters of a cluster's name; its page's file name is at most 4 bytes a character
STEM_MAX_BYTES = 200  # the file name made from a cluster's name, before ".md" or "/index.html"

# Pages and files the site generates at its root, under /brands/ and in a brand's folder.
# A brand, case or cluster taking one of these names would replace or shadow it.
RESERVED = frozenset({
    "index", "readme", "page", "search", "stats", "review", "pagefind", "assets", "clusters",
    "brands", "cases", "photos", "feed", "sitemap", "sitemap-brands", "robots", "404", "cards",
})
# Windows' device names: COM and LPT with a digit, or with ¹ ² ³ (which Windows takes for 1 2 3), and the console's.
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", "conin$", "conout$",
                             *(f"{port}{i}" for port in ("com", "lpt") for i in [*range(1, 10), "¹", "²", "³"])})

# Invisible characters that are not Unicode format characters (category Cf) but show nothing.
# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): what a font draws as
# nothing, variation selectors among them (邻\U000e0100里红盏 looks like 邻里红盏); and the
# braille blank, which shows as a space. The privacy scan takes them out before it looks.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff\u2800]")
_SELECTORS = re.compile("[\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_DIRECTION = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_KNOWN = {
    "\u200b": "零宽空格", "\u200c": "零宽不连字", "\u200d": "零宽连字", "\u2060": "零宽不换行符",
    "\ufeff": "零宽不换行空格（BOM）", "\u00ad": "软连字符",
}
# What a cluster's page name may not hold: characters that mean something in a URL
# or a path, and dots (".." climbs; Windows drops a trailing dot).
_URL_UNSAFE = re.compile(r'[\\/?#%<>:"|*\s.]+')


# What a file name may hold that a URL path may not (a photo named “现场#1?.jpg”, “100% 满意.png”):
# percent-encoded in every link (Chinese and other letters stay as they are).
_NOT_IN_PATH = re.compile(r'[\x00-\x20"#%<>?\\^`{|}\x7f]')


def quote_path(url: str) -> str:
    """A relative URL with the characters that would end or change its path percent-encoded,
    and a colon in its first segment too: `https:/host/logo.svg` would be read as an address
    on another host (a relative path's first segment holds no colon, RFC 3986 section 4.2)."""
    quoted = _NOT_IN_PATH.sub(lambda m: f"%{ord(m.group()):02X}", url)
    first, slash, rest = quoted.partition("/")
    return first.replace(":", "%3A") + slash + rest if ":" in first else quoted


def has_colon(rel: str) -> bool:
    """Whether a path written in a brand file (logo:, a photo) holds a colon: no Windows file name
    does, and a link whose first segment does (`https:/host/logo.svg`) leads to another host.
    A drive letter's colon aside, which `inside` refuses as a path out of the brand folder."""
    return ":" in (rel[2:] if re.match(r"^[A-Za-z]:", rel) else rel)


_NOT_ON_WINDOWS = re.compile(r'[<>"|?*]')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # nor these (a Problem writes them out when it quotes the name)
DEVICE_NAME = "是 Windows 的设备名（CON、PRN、AUX、NUL、COM1–COM9、LPT1–LPT9）"  # said of a name windows_device finds
# A folder of these names in a logo's or photo's path is a file the build writes there too
# (index.html of the brand's page, a share card, a poster, an image's smaller copies).
_OUTPUT_SUFFIXES = (".html", ".htm", ".png", ".pdf", ".webp", ".jpg", ".jpeg", ".gif")


def path_problem(rel: str) -> str | None:
    """Why a path written in a brand file (logo:, a photo; colons aside, see has_colon) cannot be
    published as it is, or None: a name Windows cannot store, or a folder named like a file the
    build writes in its place (logo: index.html/logo.png)."""
    parts = rel.split("/")
    for i, part in enumerate(parts):
        if _CONTROL.search(part):
            return f"“{part}”里有换行或别的看不见的控制字符，这样的文件在 Windows 电脑上存不了"
        bad = "".join(dict.fromkeys(_NOT_ON_WINDOWS.findall(part)))
        if bad:
            return f"“{part}”里有 Windows 文件名不能用的字符“{bad}”，这样的文件在 Windows 电脑上存不了"
        if windows_device(part):
            return f"“{part}”{DEVICE_NAME}，这样的文件在 Windows 电脑上存不了"
        if part not in (".", "..") and part != part.rstrip(" ."):
            return f"“{part}”以点或空格结尾，Windows 会去掉它们，文件就对不上了"
        if part.startswith(".") and part not in (".", ".."):
            return f"“{part}”以点开头，是隐藏的文件或文件夹，网站服务器通常不提供它们"
        stem, suffix = posixpath.splitext(part)
        if i == len(parts) - 1 and suffix.lower() in PHOTO_SUFFIXES and len(stem.encode("utf-8")) > NAME_BYTES_MAX:
            return (f"文件名“{part[:12]}…”太长：网站给图片生成的缩略图（如“名称.480.webp”）的文件名会超出电脑允许的长度，"
                    f"构建会失败。文件名最多 {NAME_BYTES_MAX // 3} 个汉字（或 {NAME_BYTES_MAX} 个字母、数字）")
        if len(part.encode("utf-8")) > 255:  # no file system holds such a name (an SVG logo, a folder)
            return f"“{part[:12]}…”太长，电脑上不能有这么长的文件名或文件夹名。名称最多 85 个汉字（或 255 个字母、数字）"
        if i < len(parts) - 1 and part.lower().endswith(_OUTPUT_SUFFIXES):
            return f"文件夹名“{part}”像一个文件名，网站在同一个位置要生成同名的网页或图片，发布时会冲突"
    return None


def windows_device(name: str) -> bool:
    """CON, nul.txt, Com1.tar.gz, "AUX ": Windows cannot create a file or folder of that name."""
    return name.split(".")[0].rstrip(" ").lower() in WINDOWS_DEVICES


def reserved(name: str) -> bool:
    return name.lower() in RESERVED


def invisible(text: str) -> str | None:
    """The first character in `text` that shows nothing or changes how the rest is shown."""
    for i, char in enumerate(text):
        if INVISIBLE.match(char) or unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp", "Cs"):
            if char in "\ufe0e\ufe0f" and (i and unicodedata.category(text[i - 1])[0] == "S" or text[i + 1:i + 2] == "\u20e3"):
                continue  # an emoji's own selector (❤️, 1️⃣): it shows as the emoji
            before = i - 2 if text[i - 1:i] == "\ufe0f" else i - 1  # ❤️‍🔥: the heart, its selector, the joiner
            if char == "\u200d" and before >= 0 and unicodedata.category(text[before])[0] == "S" and \
                    unicodedata.category(text[i + 1:i + 2] or "a")[0] == "S":
                continue  # joins two emoji into one (👨‍👩‍👧, ❤️‍🔥)
            return char
    return None


# ❶ ➀ ➊ ⓿ (NFKC leaves them as they are): digits to the privacy scan all the same
DINGBAT_DIGITS = {base + i: str(i + 1) for base in (0x2776, 0x2780, 0x278A) for i in range(9)} | {0x24FF: "0"}


@functools.lru_cache(maxsize=1)
def unshown() -> dict[int, str | None]:
    """A str.translate table for the privacy scan: every format character (category Cf: U+FFF9,
    U+070F … show nothing) and every mark that sits on another character (a keycap's U+20E3, an
    accent, an underline: 1̲3̲9̲ is 139) taken out, and the DINGBAT_DIGITS and decimal_digits as
    digits. From the character database once (20 ms); a table, as a pattern of its 1,900
    characters took 17 ms for a 27 KB page where the table takes 1.3 ms."""
    return {**dict.fromkeys(cp for cp in itertools.chain(range(0x80, 0x20000), range(0xE0000, 0xE0080))
                            if unicodedata.category(chr(cp)) in ("Cf", "Mn", "Me")), **DINGBAT_DIGITS, **decimal_digits()}


@functools.lru_cache(maxsize=1)
def decimal_digits() -> dict[int, str]:
    """A str.translate table of every decimal digit but ASCII's as its ASCII digit (Unicode's
    category Nd: Arabic-Indic ١٣٩, Persian ۱۳۹, Devanagari १३९, Bengali ১৩৯ …), which NFKC leaves
    as they are: a phone written in them was read as no number by the check and by leaks."""
    return {cp: str(unicodedata.decimal(chr(cp))) for cp in range(0x80, 0x20000) if chr(cp).isdecimal()}


# Embeddings, overrides and isolates: they reorder whole runs of the text after them (U+202E …).
# Refused in names and plain texts (direction), taken out of prose (prose_where.BIDI holds these and the marks).
REORDERING = re.compile("[\u202a-\u202e\u2066-\u2069]")


def direction(text: str) -> str | None:
    """The first control in `text` that reorders what follows it: never needed in Chinese text."""
    found = REORDERING.search(text)
    return found.group() if found else None


def describe(char: str) -> str:
    """U+202E(文字方向控制符) and the like, for messages."""
    code = f"U+{ord(char):04X}"
    if char in _DIRECTION:
        return f"{code}，文字方向控制符"
    if char in _KNOWN:
        return f"{code}，{_KNOWN[char]}"
    if unicodedata.category(char) in ("Cc", "Cs"):
        return f"{code}，控制字符"
    if _SELECTORS.match(char):
        return f"{code}，不可见的异体字选择符"
    return f"{code}，不可见字符"


def key(name: str) -> str:
    """What two names are compared by: width folded (NFKC), invisible characters and case ignored."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in text if invisible(c) is None)
    return " ".join(text.casefold().split())


def page_stem(name: str) -> str:
    """The file name (without suffix) of the page made from a display name, e.g. a cluster's.

    Characters that mean something in a path or URL become hyphens, invisible ones go,
    and the result is cut to STEM_MAX_BYTES. It may be empty or reserved: `stem_problem`
    says so, and the check refuses the name before any build uses it."""
    text = "".join(c if invisible(c) is None else "-" for c in name.strip())
    stem = _URL_UNSAFE.sub("-", text)
    stem = re.sub(r"-{2,}", "-", stem).strip("-")
    while len(stem.encode("utf-8")) > STEM_MAX_BYTES:
        stem = stem[:-1]
    return stem


def stem_problem(stem: str) -> str | None:
    """Why a page may not be called `stem`, as the end of a Chinese sentence; None when it may."""
    if not stem:
        return "去掉标点和空格后什么也不剩，无法用作网址"
    if windows_device(stem):
        return f"“{stem}”{DEVICE_NAME}，在 Windows 电脑上无法保存"
    if reserved(stem):
        return f"“{stem}”是留给网站自动生成的页面的保留名称"
    return None


def slug_problem(slug: str, what: str) -> str | None:
    """Why a folder or file name that matches the slug pattern still may not be used.

    `what` names it in the message: "文件夹名" or "案例文件名"."""
    if len(slug) > SLUG_MAX:
        return (f"{what}“{slug[:24]}…”太长（{len(slug)} 个字符），最多 {SLUG_MAX} 个。"
                "网址和生成的文件名（例如海报、分享图片）都会用到它，请改短一些")
    if windows_device(slug):
        return f"{what}“{slug}”{DEVICE_NAME}，在 Windows 电脑上无法保存。请换一个名字"
    if reserved(slug):
        return f"{what}“{slug}”是留给网站自动生成的页面的保留名称，不能使用。请换一个名字，例如加上单位简称"
    return None


def clean_relpath(path: str, base: str = "") -> str:
    """A path written in a brand file, as a POSIX path relative to the brand folder."""
    return posixpath.normpath(posixpath.join(base, str(path).replace("\\", "/")))


def resolved(path) -> Path | None:
    """`path` with its symlinks followed, or None when they loop or cannot be read (a loop is a
    RuntimeError before Python 3.13, an OSError after)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return None


def within(path, folder) -> bool:
    """Whether `path`, its symlinks followed, is inside `folder` (its own followed too)."""
    return resolved_within(resolved(path), resolved(folder))


def resolved_within(target: Path | None, base: Path | None) -> bool:
    """`within` for paths already resolved (None: one that loops or cannot be read)."""
    return target is not None and base is not None and (target == base or base in target.parents)


def link_fault(link, folder) -> str | None:
    """What is wrong with the symlink `link` under `folder` for a site that lists `folder`:
    "loop" when it cannot be followed or leads to a folder it is in (docs/mirror -> . lists
    the folder again inside itself without end), "out" when it leads out of `folder`, else None."""
    target = resolved(link)
    if target is None or (target.is_dir() and resolved_within(resolved(Path(link).parent), target)):
        return "loop"
    return None if resolved_within(target, resolved(folder)) else "out"


def links_in(folder) -> list[tuple[Path, str]]:
    """Every symlink under `folder` (its sub-folders read, links not followed), by path, with what
    it does: "loop", "out" (link_fault) or "inside". MkDocs follows links as it lists docs/: one to a
    brand's cases/ would publish internal cases as pages, one to / would list the whole disk, one to
    a folder it is in (docs/mirror -> .) lists docs/ again inside itself without end, and one to a
    page inside publishes that page at the link's path (a staff page of guide/, which a public build
    leaves out, as docs/notice.md), where the check, which reads no link, never looked.
    Also every entry that is no file nor folder ("special": a named pipe, a socket, a device), which
    the check passes over unread and MkDocs lists as a file: reading a named pipe held the build
    for good."""
    found = []
    for top, dirs, files in os.walk(folder):  # followlinks=False: a linked folder is not entered
        for name in sorted(dirs + files):
            path = Path(top, name)
            if path.is_symlink():
                found.append((path, link_fault(path, folder) or "inside"))
            elif not path.is_dir() and not path.is_file():
                found.append((path, "special"))
    return sorted(found)


def inside(folder: Path, rel: str) -> Path | None:
    """The file `rel` names, or None when it would leave the brand folder or holds a colon
    (a drive, or a name like `https:` that a link would read as another host's address)."""
    if rel.startswith("/") or ":" in rel or rel.startswith(".."):
        return None
    target = resolved(folder / rel)
    return target if resolved_within(target, resolved(folder)) else None  # not a symlink out, or a loop
