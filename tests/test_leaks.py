"""A public build must not carry anything internal, in any kind of output file.

Content is seeded with a unique marker in every internal place: an internal
brand (name, slug, connotation, logo file), an internal case (slug, title,
body, a photo used only there, with the marker in its EXIF too), and a
contact (name and phone). The public build is then scanned file by file:
the path of every file, text files (HTML, XML, JSON, JS, CSS, txt), gzip'd
files (search-index fragments, .gz), JSON decoded (so escaped text is seen
too), and every image's metadata. Nothing may match. Finally no link in the
public site may point at a page that exists only in the internal build.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from PIL import Image

from tests.conftest import CASE_MD, build_site, png_bytes

MARKERS = {
    "internal brand name": "密勤XQ先锋",
    "internal brand slug": "xq-mi-qin",
    "internal brand text": "LEAKBRANDTEXTQ7",
    "internal logo file": "leaklogoq7",
    "internal case slug": "xq-nei-bu-an-li",
    "internal case title": "LEAKCASETITLEQ7",
    "internal case body": "LEAKCASEBODYQ7",
    "internal photo file": "leakphotoq7",
    "internal body-only photo": "leakinlineq7",
    "photo EXIF": "LEAKEXIFQ7",
    "contact name": "LEAKCONTACTQ7",
    "contact phone": "0000-97531864",
}

TEXT_SUFFIXES = {".html", ".xml", ".json", ".js", ".css", ".txt", ".svg", ".md", ".webmanifest", ".map", ".csv"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif"}


def photo_with_exif(text: str) -> bytes:
    image = Image.new("RGB", (400, 300), (30, 90, 160))
    exif = Image.Exif()
    exif[0x010E] = text  # ImageDescription
    exif[0x013B] = text  # Artist
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    from tests.conftest import BrandTree

    tree = BrandTree(tmp_path_factory.mktemp("leaks"))
    m = MARKERS
    # A public brand with a contact, an internal case and a photo only that case uses.
    folder = tree.brand(**{"featured: true": f"featured: true\ncontact:\n  name: {m['contact name']}\n  phone: \"{m['contact phone']}\""})
    (folder / "photos" / f"{m['internal photo file']}.jpg").write_bytes(photo_with_exif(m["photo EXIF"]))
    (folder / "photos" / f"{m['internal body-only photo']}.png").write_bytes(png_bytes(color=(1, 2, 3)))
    (folder / "cases" / f"{m['internal case slug']}.md").write_text(
        f"---\ntitle: {m['internal case title']}\ndate: 2024-03-01\nvisibility: internal\n"
        f"photos: [../photos/{m['internal photo file']}.jpg]\n---\n{m['internal case body']} 内部案例正文。\n\n"
        f"![内部照片](../photos/{m['internal body-only photo']}.png)\n",
        encoding="utf-8",
    )
    # An internal brand, named with markers everywhere.
    inner = tree.brand(
        m["internal brand slug"],
        **{"name: 连心桥": f"name: {m['internal brand name']}", "featured: true": "visibility: internal",
           "logo: logo.svg": f"logo: {m['internal logo file']}.png",
           "让群众的事有人管": f"让群众的事有人管{m['internal brand text']}"},
    )
    (inner / "logo.svg").unlink()
    (inner / f"{m['internal logo file']}.png").write_bytes(png_bytes((300, 300), (9, 8, 7)))
    # Posters and share cards on: they draw names and text, so they are scanned too.
    public = build_site(tree.root, audience="public\n      posters: true\n      share_cards: true")
    public_files = {p.relative_to(public).as_posix() for p in public.rglob("*") if p.is_file()}
    # The internal build of the same content, to learn which pages exist only there.
    (tree.root / "site").rename(tree.root / "site-public")
    internal = build_site(tree.root, audience="internal\n      posters: true\n      share_cards: true")
    return tree.root / "site-public", internal, public_files


def readable_texts(path: Path) -> list[str]:
    """Every reading of a file that could carry a marker."""
    raw = path.read_bytes()
    texts = []
    payloads = [raw]
    for opener in (gzip.decompress, lambda b: zlib.decompress(b, 47)):
        try:
            payloads.append(opener(raw))
            break
        except Exception:
            continue
    for payload in payloads:
        texts.append(payload.decode("utf-8", errors="ignore"))
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            texts.append(json.dumps(json.loads(raw), ensure_ascii=False))
        except ValueError:
            pass
    if suffix in IMAGE_SUFFIXES:
        with Image.open(path) as im:
            texts.append(repr(im.info))
            texts.append(repr(dict(im.getexif())))
    return texts


def test_scanner_sees_every_kind_of_output(seeded):
    """The scan covers what the site is made of; if a kind appears unscanned, extend the scan."""
    public, _, files = seeded
    kinds = {Path(f).suffix.lower() for f in files}
    assert {".html", ".xml", ".png"} <= kinds
    assert "sitemap.xml" in files and "sitemap.xml.gz" in files
    # Search index: Material's JSON, or Pagefind's gzip'd fragments.
    assert "search/search_index.json" in files or any(f.startswith("pagefind/") for f in files)


def test_no_marker_anywhere_in_the_public_build(seeded):
    public, _, files = seeded
    found = []
    for rel in sorted(files):
        path = public / rel
        haystacks = [rel.lower()] + [t.lower() for t in readable_texts(path)]
        for label, marker in MARKERS.items():
            if any(marker.lower() in h for h in haystacks):
                found.append(f"{rel}: {label} ({marker})")
    assert found == []


def test_the_scan_would_catch_a_leak(seeded):
    """The internal build does contain the markers: the scan is not blind."""
    _, internal, _ = seeded
    seen = set()
    for path in internal.rglob("*"):
        if path.is_file():
            blob = "\n".join([path.relative_to(internal).as_posix()] + readable_texts(path)).lower()
            seen |= {label for label, marker in MARKERS.items() if marker.lower() in blob}
    # The contact and the internal things all show on the intranet. (EXIF is stripped from
    # every published image, internal builds included: see the next test for the metadata scan.)
    assert {"internal brand name", "internal brand slug", "internal case title", "internal case body",
            "internal photo file", "contact name", "contact phone"} <= seen
    assert "photo EXIF" not in seen


def test_the_metadata_scan_reads_exif(tmp_path):
    photo = tmp_path / "p.jpg"
    photo.write_bytes(photo_with_exif(MARKERS["photo EXIF"]))
    assert any(MARKERS["photo EXIF"] in text for text in readable_texts(photo))


def test_no_public_link_points_at_an_internal_only_page(seeded):
    public, internal, files = seeded
    internal_only = {p.relative_to(internal).as_posix() for p in internal.rglob("*.html")} - files
    assert any(MARKERS["internal brand slug"] in p for p in internal_only)
    broken = []
    for rel in sorted(f for f in files if f.endswith(".html")):
        html = (public / rel).read_text(encoding="utf-8")
        for href in re.findall(r'(?:href|src)="([^"#?]+)', html):
            if urlsplit(href).scheme or href.startswith("//"):
                continue
            target = unquote(urljoin(rel, href))
            if target.endswith("/"):
                target += "index.html"
            if target in internal_only:
                broken.append(f"{rel} -> {href}")
    assert broken == []


def test_rubric_and_forms_stay_internal(seeded):
    """The evaluation rubric (/review/, scores) and the 申报表 files exist only on the intranet."""
    public, internal, files = seeded
    assert (internal / "review/index.html").is_file() and list(internal.rglob("*.docx"))
    assert not any(f.startswith("review/") or f.endswith(".docx") for f in files)
    for rel in sorted(f for f in files if Path(f).suffix in TEXT_SUFFIXES):
        text = (public / rel).read_text(encoding="utf-8", errors="ignore")
        assert "完整度评分" not in text and "shenbao.docx" not in text and "未见进展" not in text, rel
    # The public feed and figures are there, and were scanned above.
    assert "feed.xml" in files and "stats.json" in files
