"""After a public build: is anything the public may not see in the built site? No MkDocs imports.

The build leaves internal content out by construction (Catalog.for_audience); this is the
independent check on its output, for CI on every content change. From the brand folders it
learns what exists only for the intranet: internal brands (name, page), internal cases
(title, page) and every contact (name, phone). It then reads every file of the built
site, as text, gunzipped (Pagefind's fragments, sitemap.xml.gz) and JSON-decoded (so
escaped text is seen too), and every file's path. Each find is a Problem naming the file.
"""

from __future__ import annotations

import json
import posixpath
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..content import docscan, filetexts
from ..content.docpages import STAFF_DIRS
from ..content.model import Catalog, Problem
from ..content.plaintext import plain_text
from ..content.filetexts import CUT, Budget, Raw, decodings, file_texts
from ..content.contact_names import PHONE_DIGITS, everyday_word, folded, hidden_cases, looked_for, phone_digits, phones_in, placeholder

TEXT_SUFFIXES = {".html", ".xml", ".json", ".js", ".css", ".txt", ".svg", ".md", ".webmanifest", ".map", ".csv", ".gz", ".conf"}
# Pagefind's index files have no usual suffix; they are gzip'd.
PAGEFIND_SUFFIXES = {".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"}




@dataclass(frozen=True)
class Marker:
    text: str
    what: str  # in Chinese, for the message
    folder: Path | None  # the brand folder it comes from
    kind: str = ""  # "contact", "phone", "brand", "case"; a page's path has none


_TAG = re.compile(r"<[^<>]*>")


def spelled(text: str, phones: dict[str, Marker]) -> list[Marker]:
    """The phones (by their digits: contact_names.phones_in) that `text` holds, spelled however."""
    return [phones[d] for d in phones_in(text, phones)]


def public_texts(public: Catalog) -> dict[str, str]:
    """Each public brand's own words as its pages show them (name, fields, prose, public cases), by brand name."""
    texts = {}
    for brand in public:
        parts = [brand.name, brand.slogan, brand.organization, brand.region, brand.cluster, plain_text(brand.connotation),
                 plain_text(brand.story), brand.named.document if brand.named else "", *brand.tags,
                 *(f"{c.name}\n{plain_text(c.description or '')}" for c in brand.carriers),
                 *(f"{m.label}\n{m.unit}" for m in brand.metrics), *(e.event for e in brand.timeline),
                 *(item for goal in brand.goals for item in goal.items),
                 *(f"{c.title}\n{c.summary}\n{plain_text(c.body)}" for c in brand.cases)]
        texts[brand.name] = "\n".join(part for part in parts if isinstance(part, str))
    return texts


def markers(catalog: Catalog, *, url_prefix: str = "brands", allowed: tuple[str, ...] = ()) -> tuple[list[Marker], list[Marker]]:
    """(texts, paths) that only the intranet may show. `catalog` is the whole (internal) catalog.
    A name or title that public content itself holds (an internal case titled 党员大会, which public
    stories mention) is no text marker: finding it would say nothing; see `shared`."""
    texts, paths, _ = _split(catalog, url_prefix, allowed)
    return texts, paths


def internal_names(catalog: Catalog, allowed: tuple[str, ...] = ()) -> dict[str, str]:
    """The internal brands' names and internal cases' titles the scan looks for (not those public
    brands' content holds), each with what it is: for docscan.scan_docs, so that the check says
    what the scan would refuse in docs/. `catalog` is the whole catalog."""
    texts, _, _ = _split(catalog, "brands", tuple(allowed))
    return {m.text: m.what.split("“", 1)[0] for m in texts if m.kind in ("brand", "case")}


def docs_warnings(docs_dir, catalog: Catalog, allowed, root: Path, contacts: dict[str, str], staff_docs: str,
                  url_prefix: str = "brands") -> list[Problem]:
    """What the scan would refuse in the docs/ a public build publishes (docscan.scan_docs: not the
    staff pages unless `staff_docs` is "public"), as `brandsite check` and the public build say it first:
    also the addresses of the internal pages (a link to brands/x/), which the scan looks for in every file."""
    skip = () if staff_docs == "public" else STAFF_DIRS
    pages = {m.text: m.what for m in _markers(catalog, url_prefix, tuple(allowed))[1]}
    return docscan.scan_docs(docs_dir, allowed, root, contacts, internal_names(catalog, tuple(allowed)), skip, pages)


def _split(catalog: Catalog, url_prefix: str, allowed: tuple[str, ...]) -> tuple[list[Marker], list[Marker], dict[Marker, str]]:
    """(text markers looked for, path markers, the names and titles public content holds, each with its holder)."""
    every, paths = _markers(catalog, url_prefix, allowed)
    held = shared(catalog, every)
    return [m for m in every if m not in held], paths, held


def shared(catalog: Catalog, texts: list[Marker]) -> dict[Marker, str]:
    """The names and titles among `texts` that public content holds too, each with a public brand holding it."""
    public = public_texts(catalog.for_audience("public"))
    held = {}
    for m in texts:
        # A person's name and number are looked for wherever they are (public content holding them
        # is the leak; public_contacts lists those that may be public), but for a name that is an
        # everyday word too (高峰 in 早高峰, 文明 in 文明实践), which public content holds as such.
        if m.kind == "phone":
            continue
        holder = next((name for name, text in public.items() if m.text in text), None)
        if holder is not None and (m.kind != "contact" or everyday_word(m.text)):  # the dictionary only for a name found
            held[m] = holder
    return held


def _held(m: Marker, brand: str) -> str:
    """The note for a name or title not looked for, held by the public brand named `brand`."""
    if m.kind == "contact":
        return (f"{m.what}“{m.text}”也是常用词，公开品牌“{brand}”的内容里本来就有，不能凭这几个字判断是否泄露，"
                "这个姓名没有按文字检查（联系电话仍在检查）")
    # brands' names and cases' titles: each has a page
    return f"{m.what}在公开品牌“{brand}”的内容里本来就有，不能凭这几个字判断是否泄露，这一项没有按文字检查（它的页面地址仍在检查）"


def _markers(catalog: Catalog, url_prefix: str, allowed: tuple[str, ...]) -> tuple[list[Marker], list[Marker]]:
    prefix = url_prefix.strip("/")
    public = catalog.for_audience("public")
    texts: list[Marker] = []
    paths: list[Marker] = []
    for brand in catalog:
        if brand.contact is not None:
            # 王某, 李×: an anonymised stand-in, which prose uses freely, is no one's name.
            name = brand.contact.name.strip()
            if looked_for(name, allowed):
                texts.append(Marker(name, f"品牌“{brand.name}”的联系人姓名", brand.folder, "contact"))
            phone = brand.contact.phone.strip()
            if len(phone) >= 5 and phone not in allowed and not placeholder(phone_digits(phone)):  # 0000-0000000: not filled in
                texts.append(Marker(phone, f"品牌“{brand.name}”的联系电话", brand.folder, "phone"))
        shown = public.get(brand.slug)
        if shown is None:
            texts.append(Marker(brand.name, f"内部品牌“{brand.name}”的名称", brand.folder, "brand"))
            paths.append(Marker(f"{prefix}/{brand.slug}/", f"内部品牌“{brand.name}”的页面", brand.folder))
            continue
        for case, titled_in_public in hidden_cases(brand, shown):
            if not titled_in_public:
                texts.append(Marker(case.title, f"内部案例“{case.title}”的标题", brand.folder, "case"))
            paths.append(Marker(f"{prefix}/{brand.slug}/cases/{case.slug}/", f"内部案例“{case.title}”的页面", brand.folder))
    return texts, paths


def readings(path: Path, every_encoding: bool = True, budget: Budget | None = None) -> list[str]:
    """Every reading of a file that could carry a marker: text (UTF-8, or, `every_encoding`, UTF-16 and
    GBK when it is not UTF-8: a text file saved by Excel or Notepad), gunzipped, JSON-decoded. As
    far as filetexts reads a file (BYTES_READ), gunzipped too: one read no further is told to `budget`."""
    try:
        with path.open("rb") as file:  # not a docs/ file's 4 GB whole, into memory
            raw, cut = file.read(filetexts.BYTES_READ), bool(file.read(1))
    except OSError:
        return []
    payloads = [raw]
    unpacked, more = _unpacked(raw)
    if unpacked is not None:  # gzip'd (Pagefind's files, sitemap.xml.gz): what it holds too
        payloads.append(unpacked)
    if budget is not None and (cut or more):
        budget.short.add(str(path))
    texts = []
    for payload in payloads:
        text, *others = decodings(payload) if every_encoding else [payload.decode("utf-8", errors="ignore")]
        for other in others:
            texts += [other, folded(other)]
        texts.append(text)
        # As a reader sees it (contact_names.folded): markup's text without its tags (欧阳<tspan>锋</tspan>
        # in an SVG logo, drawn as 欧阳锋), references decoded, no space between Chinese characters (王&nbsp;伟,
        # 王　伟 in a list), no invisible character (Pagefind's U+200B word breaks in Chinese text, 李\u200c金生),
        # compatibility forms folded (the Kangxi radical ⾦ for 金).
        texts.append(folded(_TAG.sub("", text) if "<" in text else text))
        if path.suffix.lower() == ".json" or text.lstrip().startswith(("{", "[")):
            try:
                decoded = json.dumps(json.loads(text), ensure_ascii=False)
            except ValueError:
                continue
            texts.append(decoded)
            if "\\u" in text:  # escapes the readings above did not decode
                texts.append(folded(_TAG.sub("", decoded)))
    return list(dict.fromkeys(texts))


def _unpacked(raw: bytes) -> tuple[bytes | None, bool]:
    """`raw` gunzipped or inflated, gzip's members one after another, to at most BYTES_READ bytes (a
    gzip bomb was inflated whole), and whether there was more; None when it is neither."""
    out, rest, most = b"", raw, filetexts.BYTES_READ
    while rest and len(out) < most:
        inflater = zlib.decompressobj(47)  # gzip's header or zlib's
        try:
            piece = inflater.decompress(rest, most - len(out))
        except zlib.error:
            break
        if not inflater.eof and not inflater.unconsumed_tail and len(out) + len(piece) < most:
            break  # it stops short of its end: not compressed after all (as zlib.decompress said), or cut
        out += piece
        if not inflater.eof:
            return out, True
        rest = inflater.unused_data
    return out or None, len(out) >= most and bool(rest.strip(b"\0"))


def scan(site_dir: Path, catalog: Catalog, *, url_prefix: str = "brands", allowed: tuple[str, ...] = (),
         shown=lambda path: path.as_posix()) -> list[Problem]:
    """Problems for every internal thing found in the built public site at `site_dir`, and a note
    (level "info") for each name or title not looked for because public content holds it too."""
    texts, paths, held = _split(catalog, url_prefix, allowed)
    digits = {m: phone_digits(m.text) for m in texts if m.kind == "phone"}
    phones = {d: m for m, d in digits.items() if len(d) >= PHONE_DIGITS}
    folds = {m: folded(m.text) or m.text for m in texts}
    problems: list[Problem] = [
        Problem(path=shown(m.folder) if m.folder is not None else "", line=0, level="info", slug=m.folder.name if m.folder else "",
                message=_held(m, brand))
        for m, brand in held.items()]
    budget = Budget()  # what the documents outside brands/ may inflate in all
    for file in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = file.relative_to(site_dir).as_posix()
        found: dict[str, Marker] = {}
        for m in paths:
            if rel.startswith(m.text):
                found.setdefault(m.what, m)
        suffix = file.suffix.lower()
        # Any other file outside the brands' folders (docs/'s images and documents, the theme's): its bytes,
        # an image's metadata, a document's zipped or compressed parts (the build draws the brands' own
        # images anew, with none of it, and docs/ may hold no file at their addresses).
        textual = suffix in TEXT_SUFFIXES or suffix in PAGEFIND_SUFFIXES or not suffix
        document = not textual and not rel.startswith(f"{url_prefix.strip('/')}/")
        read = (readings(file, suffix not in PAGEFIND_SUFFIXES, budget) if textual
                else [t for said in file_texts(file, budget) for t in ((said,) if isinstance(said, Raw) else (said, folded(said)))]
                if document else [])
        if budget.cut(file):
            problems.append(Problem(path=shown(file), line=0, message=CUT + "无法确认里面没有内部内容。请把很大的压缩包、视频移出 docs/，或拆成小文件"))
        # and the file's path: its address (a photo or a docs/ file named 王某某述职报告.pdf), as a reader sees it (錢衛東)
        # an internal page's address relative to this file's folder, as a link on it is written (../x/, cases/y/)
        here = posixpath.dirname(rel) or "."
        relative = [(m, posixpath.relpath(m.text, here) + "/") for m in paths] if read else []
        for text in [rel, folded(rel), *read]:
            for m, address in relative:
                if f'"{address}' in text or f"'{address}" in text:
                    found.setdefault(m.what, m)
            for m in texts:
                if m.text in text or folds[m] in text:
                    found.setdefault(m.what, m)
            for m in spelled(text, phones) if phones else ():
                found.setdefault(m.what, m)
            for m in paths:
                if f"/{m.text}" in text or f'"{m.text}' in text:
                    found.setdefault(m.what, m)
        for what, m in found.items():
            where = shown(m.folder) if m.folder is not None else ""
            public = "。可以公开的联系人或电话，请让管理员写进 mkdocs.yml 的 public_contacts" if m.kind in ("contact", "phone") else ""
            problems.append(Problem(path=shown(file), line=0, message=f"公开网站里出现了{what}（来自 {where}/）{public}",
                                    slug=m.folder.name if m.folder else ""))
    return problems
