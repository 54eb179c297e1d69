"""Slips of editing the pages would show as they are, or leave out without a word: Markdown typed
with Chinese punctuation, Word's private-use symbols, and files saved where nothing reads them.
Warnings at the file's own line. No MkDocs imports.

- ！[照片一]（../photos/a.jpg） or [文件]（https://…）: a Chinese input method's ！【】（）
  are no Markdown, so the page shows the characters instead of the photo or the link.
- Word's Symbol-font bullets and other symbols paste as private-use characters (U+F0B7 …):
  no font has them, so the page shows boxes, and the "list" is one run-on paragraph.

- di-er-ge-an-li.md next to brand.yml, 故事.md or story.docx: only story.md and cases/*.md
  are read, so the case or the story was not published and nothing said so.

Every line of brand.yml, story.md and the case files is read (comment lines of brand.yml
aside): the patterns are bounded, so a line is read once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote

from .model import Problem
from .prose_links import hrefs
from .yamlsafe import split_front_matter

# A "key: value" line (标题： too) in a --- block at a page's start: a case file's layout.
_FRONT_KEY = re.compile(r"^[ \t]*[^\s:：#][^:：]{0,19}[:：]", re.M)


def front_block_end(text: str) -> int | None:
    """The line that closes a --- block of "key: value" lines at the start of a page that has
    none (story.md, a cluster intro), or None. Such a page shows the block as text."""
    front, _, _ = split_front_matter(text)
    if front is None or not _FRONT_KEY.search(front):
        return None
    return front.count("\n") + 3


PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
# [text](target) with at least one mark typed in Chinese, whose target looks like an address or
# a file (【通知】（2023 年） is ordinary text).
_LINK = re.compile(r"([!！]?)[\[【]([^\[\]【】\n]{0,200})[\]】][(（]([^()（）\s]{1,500})[)）]")
_TARGET = re.compile(r"(?:https?://|\.{0,2}/|[\w.-]+\.(?:jpe?g|png|webp|gif|svg|md|pdf|docx?|html?)$)", re.I)
_HALF = str.maketrans("！【】（）", "![]()")


def line_slips(line: str) -> Iterator[str]:
    """Messages for the slips on one line."""
    for m in _LINK.finditer(line):
        written = m.group(0)
        # the marks that make it a link (not the words inside it: a title may hold （内部） or ！)
        marks = m.group(1) + line[m.start(2) - 1] + line[m.end(2)] + line[m.start(3) - 1] + line[m.end(3)]
        if marks == marks.translate(_HALF) or not _TARGET.search(m.group(3)):
            continue
        what = "插图" if m.group(1) else "链接"
        shown = written if len(written) <= 60 else written[:60] + "…"
        half = f"{m.group(1).translate(_HALF)}[{m.group(2)}]({m.group(3)})"
        yield (f"“{shown}”用了中文标点，网站会把它当成普通文字原样显示，{what}不会出现。"
               f"{what}的方括号、圆括号和感叹号要用英文半角符号，写成 {half}")
    found = PRIVATE_USE.search(line)
    if found:
        yield (f"这一行有从 Word 等软件粘贴来的特殊符号（U+{ord(found.group(0)):04X}），网页上会显示成方框。"
               "请删去它；原来是项目符号的，改成每行以“- ”开头的列表")


# Slips told a file, at most: a file of thousands (a pasted page) gets a count after them.
MAX_TOLD = 5


def _file_slips(path: Path, shown: str, slug: str, yaml_comments: bool = False) -> Iterator[Problem]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):  # the loader tells these
        return
    yield from _text_slips(text, shown, slug, yaml_comments)
    if yaml_comments and (folded := _FOLDED.search(text)):
        yield Problem(shown, text.count("\n", 0, folded.start()) + 1,
                      "connotation（理念内涵）写了几行，但冒号后面没有 |：网站会把这几行连成一段，行与行之间多出空格。"
                      "要分行、分段，请写成 connotation: |，下一行起每行前面空两格", "info", slug)


# connotation's text over several lines without | (or >): YAML folds its lines into one, with a
# space at each break, which Chinese text does not have.
_FOLDED = re.compile(r"^connotation:[ \t]*(?:[^|>\s#].*|\n(?:[ \t]*\n)*[ \t]+[^\s#-].*)\n(?:[ \t]*\n)*[ \t]+[^\s#-]", re.M)


def _text_slips(text: str, shown: str, slug: str, yaml_comments: bool = False) -> Iterator[Problem]:
    told, more = 0, 0
    for number, line in enumerate(text.split("\n"), 1):
        if yaml_comments and line.lstrip().startswith("#"):
            continue
        for message in line_slips(line):
            if told < MAX_TOLD:
                told += 1
                yield Problem(shown, number, message, "warning", slug)
            else:
                more += 1
    if more:
        yield Problem(shown, 1, f"这个文件里还有 {more} 处同样的问题（中文标点写的插图或链接、从 Word 粘贴的符号），"
                                "请一并改正", "warning", slug)
    if not yaml_comments:  # Markdown files: brand.yml's prose is a field, its comments no text
        yield from _unexplained_notes(text, shown, slug)


# A footnote mark [^2] (not escaped: \[^2]) and its note, a line starting [^2]: (Markdown's footnotes);
# code, fenced or `inline`, shows its text as written
_NOTE_MARK = re.compile(r"(?<!\\)\[\^([^\]\s]{1,40})\](?!:)")
_FENCED = re.compile(r"^[ \t]{0,3}(```|~~~)[^\n]*\n.*?(?:^[ \t]{0,3}\1[^\n]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)[^`\n]*?\1")
_NOTE = re.compile(r"^[ \t]{0,3}\[\^([^\]\s]{1,40})\]:", re.M)


def _unexplained_notes(text: str, shown: str, slug: str) -> Iterator[Problem]:
    """A footnote mark with no note is shown as it is written: 孩子[^2]；on the page."""
    if "[^" not in text:
        return
    blank = lambda m: re.sub(r"[^\n]", " ", m.group())  # noqa: E731  (line numbers stay)
    text = _CODE_SPAN.sub(blank, _FENCED.sub(blank, text))
    told = set(_NOTE.findall(text))  # marks with a note, then those told once
    for m in _NOTE_MARK.finditer(text):
        name = m.group(1)
        if name in told:
            continue
        told.add(name)
        yield Problem(shown, text.count("\n", 0, m.start()) + 1,
                      f"脚注标记“[^{name}]”下面没有对应的说明（单独一行，以“[^{name}]: ”开头的文字），网页上会原样显示“[^{name}]”。"
                      "请在文末补上说明，或删去这个标记", "warning", slug)


def typing_slips(src) -> Iterator[Problem]:
    """The slips in a brand folder's brand.yml, story.md and case files."""
    yield from _file_slips(Path(src.folder) / "brand.yml", src.yml, src.slug, yaml_comments=True)
    if src.story:  # as the loader read it (brand.yml's and the cases' own text it does not keep)
        yield from _text_slips(src.story, f"{src.rel}/story.md", src.slug)
    for case in src.cases:
        yield from _file_slips(Path(case.path), case.rel, src.slug)


def empty_case_bodies(src) -> Iterator[Problem]:
    """A case with its information and nothing after it: its page would show a title only."""
    for case in src.cases:
        if isinstance(case.meta, dict) and not case.body.strip():
            line = max(case.body_line - 1, 1)
            yield Problem(case.rel, line, f"案例正文是空的：第 {line} 行的 --- 之后还没有内容，网站上的案例页只会有标题。"
                                          "请在这行 --- 下面写案例正文（遇到了什么问题、做了什么、效果如何）", "warning")


# Files of a brand folder the site reads or may show (the logo and photos are images anywhere in it).
_READ = {"brand.yml", "story.md"}
_DOCUMENTS = {".doc", ".docx", ".wps", ".txt", ".rtf", ".pdf", ".odt"}


def misplaced_files(src) -> Iterator[Problem]:
    """A case or a story saved beside brand.yml, under another name, or as a document: a warning
    for Markdown (its text is left out), a note for a document (it may be kept for reference)."""
    folder = Path(src.folder)
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError:
        return
    for path in files:
        rel, suffix = f"{src.rel}/{path.name}", path.suffix.lower()
        if path.name in _READ or path.name.lower() == "readme.md":
            continue
        if path.name.lower() == "story.md":  # Story.md: read on Windows, not on the server that builds
            yield Problem(rel, 1, f"品牌故事的文件名要全用小写：story.md。写成 {path.name} 时，在 Windows 电脑上预览能看到，"
                                  "在构建网站的服务器上却读不到。请改名为 story.md", "warning", src.slug)
        elif suffix in (".md", ".markdown"):
            front = None
            if not path.is_symlink():  # (a link out of the folder is not read: the loader refuses such links)
                try:
                    with path.open("rb") as f:  # its start is enough to tell a case
                        front = split_front_matter(f.read(4096).decode("utf-8-sig", errors="replace"))[0]
                except OSError:
                    pass
            if front is not None and re.search(r"^title[ \t]*[:：]", front, re.M):
                yield Problem(rel, 1, "这个文件是案例的写法，但放在品牌文件夹里，不会发布。请把它移进 cases/ 文件夹",
                              "warning", src.slug)
            else:
                yield Problem(rel, 1, "品牌文件夹里只有 story.md（品牌故事）会发布，这个文件不会出现在网站上。"
                                      "是品牌故事的，请改名为 story.md；是案例的，请移进 cases/ 文件夹", "warning", src.slug)
        elif suffix in _DOCUMENTS:
            yield Problem(rel, 1, "网站不读取这类文件，它不会出现在网站上。品牌故事请把文字复制进 story.md，"
                                  "案例写成 cases/ 里的 .md 文件（不改也可以发布）", "info", src.slug)


# A fence typed with a Chinese input method: ——— or －－－ (dashes that look like ---).
_WIDE_FENCE = re.compile(r"[ \t]*[—－–‐\-ー一]{2,}[ \t]*")


def missing_case_info(text: str) -> str:
    """The message for a case file whose first line is no --- fence."""
    if not text.lstrip("\ufeff").strip():
        return ("案例文件是空的。请按这样写：第一行写 ---，接着写 title: 和 date:，再用一行 --- 结束，然后写正文；"
                "不用的案例文件请删掉")
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if not first.strip() and text.strip().split("\n", 1)[0].strip() == "---":
        return "案例文件的 --- 前面有空行：--- 要写在文件的第一行。请删掉它前面的空行"
    if first.strip() != "---" and _WIDE_FENCE.fullmatch(first) and not set(first) <= set("- \t"):
        shown = first.strip() if len(first.strip()) <= 12 else first.strip()[:12] + "…"
        return (f"案例文件第一行“{shown}”用的是中文的破折号或全角横线，网站认不出案例信息。"
                "请把这一行和结束案例信息的那一行都改成三个英文减号 ---")
    return "案例文件开头缺少案例信息：第一行写 ---，接着写 title: 和 date:，再用一行 --- 结束，然后写正文"


def stray_case_file(path: Path) -> str:
    """What to do with a file in cases/ that is not published as a case: one saved with a case's name
    in other letters (Da-Xie.MD) or by Notepad (wang-ge.md.txt, shown as wang-ge.md while Windows
    hides extensions) is renamed to the name a case may have; anything else goes elsewhere."""
    from .slugs import free_slug, suggested_slug

    notepad = path.suffix.lower() == ".txt" and Path(path.stem).suffix.lower() == ".md"
    if not path.is_file() or not (notepad or path.suffix.lower() in (".md", ".markdown")):
        return "cases/ 里只应放案例 Markdown 文件（.md）。请移走这个文件，照片放进 photos/"
    # a name no case has yet (王阁.MD and Wang-Ge.MD were both told wang-ge.md); none for CON.MD
    taken = {p.name.lower() for p in path.parent.iterdir() if p != path}
    slug = free_slug(suggested_slug(Path(path.stem).stem if notepad else path.stem), lambda name: f"{name}.md" in taken)
    rename = f"请把它改名为 {slug}.md" if slug else "请给它改名，只用小写字母、数字和连字符，以 .md 结尾，例如 case-2.md"
    if notepad:
        return (f"这个文件的全名是“{path.name}”：它是记事本另存的文本文件（Windows 可能不显示最后的 .txt），"
                f"不会发布。{rename}")
    return f"案例文件要以小写的 .md 结尾才会发布。{rename}"  # da-xie.MD: a case all the same


def _internal(case) -> bool:
    """A case folder's case that only the intranet site shows."""
    return (case.meta or {}).get("visibility") == "internal"


def _texts(src, cases) -> list[tuple[str, str, str, int, str]]:
    """The prose of a brand folder, each as (file, text, base, offset, as written): the connotation,
    story.md and the bodies of `cases`. A link found in the text is told at line offset + n, n the
    first line of "as written" that holds it. For the connotation that is brand.yml from the key's
    line on: a folded one (connotation: >) is one line of text, its links on lines of their own."""
    connotation = src.data.get("connotation") if isinstance(src.data.get("connotation"), str) else ""
    line = src.line("connotation")
    written = "\n".join((src.text or connotation).split("\n")[line - 1:]) if connotation else ""
    return [(src.yml, connotation, "", line - 1, written),
            *((path, text, base, offset, text) for path, text, base, offset in (
                (f"{src.rel}/story.md", src.story or "", "", 0),
                *((case.rel, case.body or "", "cases", case.body_line - 1) for case in cases)))]


def _public_texts(src) -> list[tuple[str, str, str, int, str]]:
    """The prose of a public brand folder the public site shows: _texts with its public cases."""
    return _texts(src, [case for case in src.cases if not _internal(case)])


def _line_holding(text: str, needles) -> int:
    """The first line of `text` holding the first of `needles` found in it, else 1."""
    lines = text.split("\n")
    return next((n for needle in needles for n, written in enumerate(lines, 1) if needle in written), 1)


def internal_case_links(src) -> Iterator[Problem]:
    """A public text (the connotation, story.md, a public case) that links an internal case: the
    public site has no such page, so it shows the link's words alone, and those are most often
    the internal case's title (the publish step's leak scan refuses it). A warning, so that
    check, and not the publish step, tells it."""
    from . import prose
    from .model import prose_files

    if src.data.get("visibility") == "internal":
        return
    internal = {case.slug for case in src.cases if _internal(case)}
    if not internal:
        return
    files = prose_files(src)
    for path, text, base, offset, written in _public_texts(src):
        for slug in sorted(prose.render(text, base, files).cases & internal) if text else ():
            line = _line_holding(written, (f"{slug}.md", f"{slug}/", f"{slug})", slug))
            yield Problem(path, offset + line, f"这里链接了只在内网发布的案例（{slug}.md）。公开网站上没有这个案例，"
                                               "链接会去掉，但链接的文字照样显示，内部案例的标题就会出现在公开网站上。"
                                               "请删去这个链接和它的文字，或者只在内部案例里写它", "warning", src.slug)


def links_to_internal_pages(sources) -> Iterator[Problem]:
    """A public text that links an internal brand's or case's page by its full address (copied
    from the intranet site's address bar, as the guide has editors copy a page's address): the
    public site would carry the internal page's address, and visitors cannot open it. The
    publish step's leak scan found it only after the build. Any host: the intranet's is not known."""
    from urllib.parse import urlsplit

    from . import prose
    from .model import prose_files

    readable = [s for s in sources if s.readable]
    brands = {s.slug for s in readable if s.data.get("visibility") == "internal"}
    cases = {(s.slug, c.slug) for s in readable for c in s.cases if s.slug in brands or _internal(c)}
    if not brands and not cases:
        return
    for src in readable:
        if src.slug in brands:
            continue
        files = prose_files(src)
        for path, text, base, offset, written in _public_texts(src):
            page = prose.render(text, base, files).html  # cached: the page renders it too
            if "//" not in page:
                continue
            for href in _addresses(page):
                parts = [p for p in unquote(urlsplit(href).path).split("/") if p]
                hit = next((p for i, p in enumerate(parts) if p in brands or (
                    i + 2 < len(parts) and parts[i + 1] == "cases" and (p, parts[i + 2].removesuffix(".html")) in cases)), None)
                if hit is None:
                    continue
                yield Problem(path, offset + _line_holding(written, (hit,)),
                              f"这里的链接指向只在内网发布的页面（{href[:60]}）。公开网站上访问者打不开它，"
                              "链接的地址还会把内部页面透露出去。请删去这个链接，或者只在内部的文字里写它", "warning", src.slug)


def _addresses(page: str) -> list[str]:
    """The http(s) addresses a page's links go to, as a browser reads them: the scheme in any
    letters (HTTPS://), the href after a title (<a title=… href=…>), references decoded (https&#58;//)."""
    return [href for href in hrefs(page) if re.match(r"(?i)https?://", href)]


_SECTION_LINK = re.compile(r'<a href="bs-case:/([^"#]*)#([^"]+)"')
_HEADING = re.compile(r'<h[1-6] id="([^"]*)">(.*?)</h[1-6]>', re.S)


def missing_sections(src) -> Iterator[Problem]:
    """A link to a section of one of the brand's pages (cases/x.md#主要做法, ../#典型案例) that the page
    has no heading for: it opens the page at its top, and the editor would not know."""
    import html

    from . import prose
    from .model import prose_files

    files = prose_files(src)
    texts = _texts(src, src.cases)
    if not any("#" in text for _, text, _, _, _ in texts):
        return
    pages: dict[str, dict[str, str]] = {}  # slug ("" the brand) -> {id: heading}

    def headings(slug: str) -> dict[str, str]:
        if slug not in pages:
            shown = [t for _, t, _, _, _ in texts[:2]] if not slug else [c.body or "" for c in src.cases if c.slug == slug]
            pages[slug] = {html.unescape(i): html.unescape(re.sub(r"<[^>]+>", "", h)).strip()
                           for text in shown for i, h in _HEADING.findall(prose.render(text, "cases" if slug else "", files).html)}
        return pages[slug]

    for path, text, base, offset, as_written in texts:
        if "#" not in text:
            continue
        told = set()
        for slug, section in _SECTION_LINK.findall(prose.render(text, base, files).html):
            slug = unquote(slug)
            wanted = prose.section_id(slug, section)
            if (not slug and wanted in prose.BRAND_SECTIONS) or slug in src.unread_cases or (slug, wanted) in told:
                continue  # a case with errors: its own file is told
            told.add((slug, wanted))
            known = headings(slug)
            if wanted in known:
                continue
            encoded = html.unescape(section)
            written = unquote(encoded)
            page = f"案例 {slug}.md " if slug else "品牌页面"
            have = "".join(f"“{h}”" for h in dict.fromkeys(known.values()) if h)
            # the link's own line: its case and section together first (another link may name the same section)
            needles = [f"{slug}{end}#{form}" for form in (written, encoded) for end in (".md", "/", ".html", "")] if slug else []
            yield Problem(path, offset + _line_holding(as_written, (*needles, f"/#{written}", f"#{written}", f"#{encoded}", "#")),
                          f"链接里的“#{written[:30]}{'…' if len(written) > 30 else ''}”在{page}里找不到这个小标题，点开后会停在页面开头。"
                          + (f"请照正文里的小标题写，那里有：{have}" if have else "那里没有小标题，请删去 # 和后面的字"),
                          "warning", src.slug)
