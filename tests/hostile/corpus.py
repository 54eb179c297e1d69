"""The hostile-content corpus: what an editor with commit rights to brands/ could write.

Each case writes one or more brand folders into a `brands/` directory. Cases come
in two kinds:

- "refused": `brandsite check` must exit 1 and report every `expect` text in a
  `path:line: message` line, and the strict build must stop with the same
  messages; neither may print a traceback, hang or crash.
- "built": the content passes the check (perhaps with warnings about what is
  cleaned away) and is built for real, public and internal. Nothing may run in
  the browser, and no text carrying MARKER may appear anywhere in the public
  output (search files and image metadata included).

The cases live in the modules imported at the end, one per area, each adding
to CASES with the `case` decorator. Every case uses its own slugs and names, so
all cases of one kind are written into a single tree and checked or built once.
"""

from __future__ import annotations

import hashlib
import io
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

# Put into everything that must stay internal; must never appear in public output.
MARKER = "LEAKMARK"
CLASSES = {
    1: "plain fields become HTML",
    2: "Markdown prose gets past the checker",
    3: "files published without a check",
    4: "internal content leaks",
    5: "content that stops the build",
    6: "generated pages overwritten",
    7: "spoofing",
    8: "concurrent and interrupted builds",
}


@dataclass(frozen=True)
class Case:
    name: str
    cls: int
    outcome: str  # "refused" | "built"
    write: Callable[[Path], None]
    expect: tuple[str, ...] = ()  # refused: texts that must each appear in a reported problem


CASES: list[Case] = []


def case(name: str, cls: int, outcome: str, *expect: str):
    """Register the decorated `write(brands_dir)` function as a corpus case."""
    assert cls in CLASSES and outcome in ("refused", "built")

    def register(write: Callable[[Path], None]) -> Callable[[Path], None]:
        assert all(c.name != name for c in CASES), f"duplicate case {name}"
        CASES.append(Case(name, cls, outcome, write, tuple(expect)))
        return write

    return register


def _rng(slug: str) -> random.Random:
    return random.Random(int(hashlib.sha256(slug.encode()).hexdigest()[:16], 16))


def _hanzi(rng: random.Random, n: int) -> str:
    # Common CJK Unified Ideographs; random text keeps the near-duplicate checks quiet.
    return "".join(chr(rng.randint(0x4E00, 0x7FFF)) for _ in range(n))


def logo_svg(slug: str) -> str:
    """A distinct, harmless SVG logo for each slug."""
    rng = _rng("logo:" + slug)
    shapes = "".join(
        f'<rect x="{rng.randint(0, 60)}" y="{rng.randint(0, 60)}" width="{rng.randint(10, 40)}" '
        f'height="{rng.randint(10, 40)}" fill="#{rng.randint(0, 0xFFFFFF):06x}"/>'
        for _ in range(6)
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">{shapes}</svg>\n'


def png_bytes(size=(64, 64), color=(200, 30, 30), fmt="PNG", **save) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, fmt, **save)
    return buf.getvalue()


def brand(brands: Path, slug: str, *, raw: str = "", logo: str | bytes | None = None, logo_name: str = "logo.svg",
          more_connotation: str = "", **fields) -> Path:
    """Write a valid brand folder `brands/<slug>/`; `fields` replace brand.yml keys, `raw` is appended as is.

    The default brand is at stage 培育, so it needs no case. A field set to None is left out;
    `more_connotation` is appended to the generated connotation.
    """
    rng = _rng(slug)
    data = {
        "name": "测" + _hanzi(rng, 5),
        "organization": _hanzi(rng, 6) + "党支部",
        "category": "机关",
        "stage": "培育",
        "established": 2020,
        "logo": logo_name,
        "connotation": _hanzi(rng, 90),
        "carriers": [{"name": _hanzi(rng, 4), "description": _hanzi(rng, 20)}],
    }
    data.update(fields)
    if more_connotation:
        data["connotation"] += "\n\n" + more_connotation
    data = {k: v for k, v in data.items() if v is not None}
    folder = brands / slug
    folder.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    (folder / "brand.yml").write_text(text + raw, encoding="utf-8")
    content = logo_svg(slug) if logo is None else logo
    target = folder / logo_name
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return folder


def case_file(folder: Path, case_slug: str, body: str = "", **front) -> Path:
    """Write `cases/<case_slug>.md` with front matter (title and date default)."""
    rng = _rng(f"{folder.name}/{case_slug}")
    meta = {"title": "案" + _hanzi(rng, 8), "date": "2023-06-18", **front}
    meta = {k: v for k, v in meta.items() if v is not None}
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    path = folder / "cases" / f"{case_slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{head}---\n{body or _hanzi(rng, 40)}\n", encoding="utf-8")
    return path


def write_all(brands: Path, outcome: str) -> list[Case]:
    """Write every case of one outcome into `brands`; return them."""
    chosen = [c for c in CASES if c.outcome == outcome]
    for c in chosen:
        c.write(brands)
    return chosen


# The cases, one module per area; each adds to CASES when imported.
from tests.hostile import cases_markup, cases_media, cases_paths  # noqa: E402,F401
