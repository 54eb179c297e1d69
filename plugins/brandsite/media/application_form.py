"""The application form (党建品牌申报表) as DOCX, built from brand.yml. No MkDocs imports.

`brandsite form <slug>` writes one; internal builds also put one next to
each brand page. The layout follows the usual city 申报表: one bordered
table of fields, prose in full, and blank boxes for the opinions and seals.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image

from . import cache
from ..content.lifecycle import form_filename
from ..content.model import Brand
from ..content.plaintext import plain_paragraphs

FONT = "宋体"


filename = form_filename


def logo_stream(brand: Brand) -> io.BytesIO | None:
    """The logo as PNG bytes python-docx can embed, or None when it cannot be drawn."""
    path = Path(brand.folder, brand.logo)
    if path.suffix.lower() == ".svg":
        from .drawing import svg_to_png  # resvg, as for posters and share cards

        try:
            png = svg_to_png(path.read_text(encoding="utf-8"), 600)
        except OSError:
            return None
        return io.BytesIO(png) if png else None
    try:
        with Image.open(path) as im:
            out = io.BytesIO()
            im.convert("RGBA").save(out, "PNG")  # WebP and odd modes become plain PNG
    except Exception:
        return None
    out.seek(0)
    return out


def _font(run, size: float | None = None, bold: bool = False) -> None:
    if size:
        run.font.size = Pt(size)
    if bold:
        run.bold = True


def _cell(cell, text: str, bold: bool = False) -> None:
    cell.text = ""
    lines = str(text).strip("\n").split("\n") or [""]
    for i, line in enumerate(lines):
        para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        _font(para.add_run(line), 11, bold)


def _paragraphs(markdown_text: str) -> str:
    """The connotation's Markdown as the form's text: its paragraphs as the page shows them,
    without the marks (**, [](), <b>) and without what the page hides (a comment over paragraphs)."""
    return "\n".join(plain_paragraphs(markdown_text or ""))


def _metrics(brand: Brand) -> str:
    lines = [f"{m.label}：{m.value_text}{m.unit}" + (f"（{m.year} 年）" if m.year else "") for m in brand.metrics]
    cases = sorted(brand.cases, key=lambda c: c.date, reverse=True)
    if cases:
        lines.append("典型案例：")
        lines += [f"{c.date} {c.title}" + (f"——{c.summary}" if c.summary else "") for c in cases]
    return "\n".join(lines) or "（未填写）"


def document(brand: Brand):
    doc = Document()
    normal = doc.styles["Normal"]  # one font for the whole form, set once rather than per run
    normal.font.name = FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run("党建品牌申报表"), 20, True)

    rows = [
        ("申报单位", brand.organization),
        ("品牌名称", brand.name),
        ("品牌标识", None),
        ("品牌口号", brand.slogan or "（未填写）"),
        ("类别", brand.category),
        ("所在地区", brand.region or "（未填写）"),
        ("创建时间", f"{brand.established} 年"),
        ("所处阶段", brand.stage + (f"（命名：{brand.named.date}，{brand.named.document}）" if brand.named else "")),
        ("理念内涵", _paragraphs(brand.connotation)),
        ("工作载体", "\n".join(f"{i}. {c.name}" + (f"：{c.description}" if c.description else "")
                           for i, c in enumerate(brand.carriers, 1))),
        ("工作成效", _metrics(brand)),
        ("联系人", brand.contact.name if brand.contact and brand.contact.name else "（未填写）"),
        ("联系电话", brand.contact.phone if brand.contact and brand.contact.phone else "（未填写）"),
        ("申报单位意见", "\n\n\n（盖章）        年    月    日"),
        ("上级党组织意见", "\n\n\n（盖章）        年    月    日"),
    ]
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, (label, value) in zip(table.rows, rows):
        row.cells[0].width, row.cells[1].width = Cm(3.6), Cm(13)
        _cell(row.cells[0], label, bold=True)
        if value is not None:
            _cell(row.cells[1], value)
            continue
        picture = logo_stream(brand)
        cell = row.cells[1]
        if picture is None:
            _cell(cell, f"（标识为 SVG 矢量图 {brand.logo}，请随表附送原文件）")
        else:
            cell.text = ""
            cell.paragraphs[0].add_run().add_picture(picture, width=Cm(3.5))
    core = doc.core_properties
    core.title = f"{brand.name} 党建品牌申报表"
    core.author = brand.organization
    return doc


def to_bytes(brand: Brand) -> bytes:
    out = io.BytesIO()
    document(brand).save(out)
    return out.getvalue()


FORM_VERSION = "2"  # bump when the layout changes, so cached forms are redone
FORM = "form.docx"


def cached_bytes(brand: Brand, cache_dir: Path | None) -> bytes:
    """The form, reused from `cache_dir` while the brand and its logo are unchanged.

    A form takes tens of milliseconds; an internal build of a thousand brands
    would spend a minute on forms that did not change. Each brand keeps only
    its latest form in the cache.
    """
    if cache_dir is None:
        return to_bytes(brand)
    shelf = cache.Shelf(cache_dir, FORM_VERSION)
    try:
        logo = Path(brand.folder, brand.logo).read_bytes()
    except OSError:
        logo = b""
    key = shelf.labelled(brand.slug, shelf.key(repr(brand), logo))
    found = shelf.files(key, [FORM])
    if found is not None:
        return found[FORM].read_bytes()
    data = to_bytes(brand)
    try:
        shelf.make(key, lambda folder: (folder / FORM).write_bytes(data))
        shelf.prune(brand.slug, keep=key)
    except OSError:
        pass  # a read-only checkout still builds, just without the cache
    return data


def write(brand: Brand, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(to_bytes(brand))
    return path
