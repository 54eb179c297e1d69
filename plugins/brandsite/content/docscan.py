"""What `brandsite leaks` would refuse in the files of docs/ a public build publishes, said by the
check and the public build first, at the file (and line) that holds it. No MkDocs imports.

Pages and UTF-8 text files are read line by line (privacy.scan_file); any other file docs/ may
publish (documents, text saved as UTF-16 or GBK, audio) as `leaks` reads it (filetexts); and
every file's name, which is its address, as a reader sees it (錢衛東 for 钱卫东).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote

from . import docpages, filetexts, privacy, prose_limits
from .contact_names import CJK_SPACE, folded, folded_name
from .model import Problem, display_path

_LINES = (".md", ".txt", ".csv", ".conf")  # read line by line, when UTF-8


def scan_docs(docs_dir, allowed: Iterable[str], root: Path, contacts: dict[str, str], internal: dict[str, str],
              skip: tuple[str, ...] = (), pages: dict[str, str] | None = None) -> list[Problem]:
    """Contacts' names and phones and the names of `internal` (an internal brand's name, an internal
    case's title -> what it is) in the files of docs/ a public build publishes: every one but those
    under `skip` (the staff pages it leaves out) and the cluster intros, which privacy.scan reads.
    Not the patterns of personal data: the site's own pages give examples of them (the guide's 139…)."""
    out, budget = [], filetexts.Budget()
    for path, rel in docpages.docs_files(Path(docs_dir)):
        if pages and path.suffix.lower() == ".md" and not rel.startswith(skip):  # the intros too: a link is kept in them
            out += internal_page_links(path, display_path(path, root), pages)
        if rel.startswith((*skip, "clusters/")):
            continue
        shown = display_path(path, root)
        suffix = path.suffix.lower()
        # read whole only within the pages' bound: a larger text file as `leaks` reads it (filetexts, its
        # limits), and a larger page not at all (the check refuses it, clusters._pages)
        if suffix in _LINES and not prose_limits.oversized(path) and _utf8(path):
            out += privacy.scan_file(path, "prose", list(allowed), root, None, None, contacts=contacts, internal=internal,
                                     patterns=False)
        elif suffix != ".md" and suffix not in docpages.IMAGES and docpages.published(rel):
            held = _document(path, budget, contacts, internal)
            if budget.cut(path):
                out.append(Problem(shown, 1, filetexts.CUT + "里面有没有联系人或内部内容无法确认，发布前的检查（brandsite leaks）也会因此不通过。"
                                             "请把很大的压缩包、视频移出 docs/，或拆成小文件", "warning"))
            out += [Problem(shown, 1, f"公开网站会发布这个文件，它里面有{what}（用文字处理、表格或看图软件打开能看到）。发布公开网站前的检查"
                                      "（brandsite leaks）会因此不通过。请从文件里删去，或不要放进 docs/；"
                                      "只给内部看的文件请移出 docs/", "warning") for what in held]
        if rel == "robots.txt":  # kept and extended by the build (sitemaps.py): content may take the site off search engines
            out.append(Problem(shown, 1, "这个文件会代替网站自动生成的 robots.txt（告诉搜索引擎哪些页面可以收录）；"
                                         "写了 Disallow: / 的话，搜索引擎就不再收录公开网站。不是有意的话，请删去这个文件", "info"))
        if rel == "search.md":  # the plugin's documented override, which content can now make too
            out.append(Problem(shown, 1, "这个页面会替换网站自动生成的搜索结果页（在顶部搜索框里按回车后看到的那一页），"
                                         "访客就看不到搜索结果了。不是有意替换的话，请给文件改名", "info"))
        # its name is its address, and a page without a heading is titled by it
        for what in _held([CJK_SPACE.sub("", rel)], contacts, internal):
            out.append(Problem(shown, 1, f"公开网站会发布这个文件，它的文件名（网址）里有{what}，"
                                         "发布公开网站前的检查（brandsite leaks）会因此不通过。请给文件改名"
                                         "（只给内部看的页面请移出 docs/）", "warning"))
    return out


# What each document held, by its path, size and time and by what was looked for: the preview
# checks docs/ again on every save, and a large scan took seconds each time.
_DOCUMENTS: dict[tuple, tuple[list[str], bool]] = {}


def _document(path: Path, budget: filetexts.Budget, contacts: dict[str, str], internal: dict[str, str]) -> list[str]:
    try:
        stat = path.stat()
    except OSError:
        return []
    key = (str(path), stat.st_size, stat.st_mtime_ns, tuple(sorted(contacts.items())), tuple(sorted(internal.items())))
    if key not in _DOCUMENTS:
        if len(_DOCUMENTS) > 512:
            _DOCUMENTS.clear()
        held = _held(filetexts.file_texts(path, budget), contacts, internal)
        _DOCUMENTS[key] = (held, budget.cut(path))
    held, cut = _DOCUMENTS[key]
    if cut:  # said again, as it was the first time
        budget.short.add(str(path))
    return held


def _utf8(path: Path) -> bool:
    try:
        data = path.read_bytes()
        data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return not data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _held(texts: list[str], contacts: dict[str, str], internal: dict[str, str]) -> list[str]:
    """What of the contacts (privacy.contacts_in) and of `internal` the texts hold, as a message says it."""
    found = list(dict.fromkeys(what for text in texts for what in privacy.contacts_in(text, contacts)))
    seen = [text if isinstance(text, filetexts.Raw) else folded(text) for text in texts] if internal else []
    return found + [f"{what}“{name}”" for name, what in internal.items() if any(folded_name(name) in text for text in seen)]


def internal_page_links(path: Path, shown: str, pages: dict[str, str]) -> list[Problem]:
    """A warning at each line of the docs/ page at `path` that names the address of a page only the
    intranet has (`pages`: "brands/x/" or "brands/x/cases/y/" -> what it is), written as a link
    (brands/x/, ../brands/x/index.md, a full https://…/brands/x/ copied from the intranet site) or
    not: the public site would carry the internal brand's or case's address, which `leaks` refuses.
    Read with references and %xx decoded, as a browser reads an address."""
    if prose_limits.oversized(path) or not _utf8(path):
        return []
    text = unquote(html.unescape(path.read_text(encoding="utf-8")))
    found = []
    for marker, what in pages.items():
        stem = re.escape(marker.rstrip("/"))
        for m in re.finditer(rf"(?<![\w.%-]){stem}(?=[/#?\"')\s>\]]|\.(?:md|html?)\b|$)", text):
            found.append(Problem(shown, text.count("\n", 0, m.start()) + 1,
                                 f"这里写了{what}的地址（{marker}）。公开网站上访问者打不开它，地址还会把内部的品牌或案例透露出去，"
                                 "发布公开网站前的检查（brandsite leaks）会因此不通过。请删去这个链接或地址；"
                                 "只给内部看的页面请移出 docs/", "warning"))
    return sorted(found, key=lambda p: p.line)
