"""Responsive image variants, cached by content hash. No MkDocs imports.

Every raster logo and photo becomes a set of files: the image itself,
rotated by its EXIF orientation and stripped of all metadata (EXIF, GPS,
XMP, ICC, comments), and resized variants in WebP plus the original format.
Pillow's decompression-bomb check stays on, with our own caps on pixels and
bytes on top; an image that fails becomes a `Problem` for its brand.

The files live on the cache's `images` shelf (cache.py), with a
`manifest.json` that maps a key (content hash + kind + settings) to the files
made for it. A build whose images have not changed reads the manifest, hashes
the files and does no image work at all. Work runs in a thread pool: Pillow
releases the GIL while decoding, resizing and encoding, so threads use every
core without pickling. What an image may be, and the words for refusing it,
are in content/image_limits.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from PIL import Image, ImageOps

from . import cache
from .drawing import eight_bit
from ..errors import BrandsiteError
from ..content.model import Problem, display_path
from ..content.sanitize import clean_svg
from ..content.image_limits import (
    MAX_IMAGE_BYTES, RASTER_SUFFIXES, bomb_message, broken_message, file_format, is_raster, pixels_message,
    too_large_message,
)

EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
MAX_SIDE = 16383  # WebP's largest side: no variant may exceed it
MANIFEST_VERSION = 3  # 2: MPO read as JPEG, GIF re-encoded, variants bounded in height; 3: 16-bit grey in its greys
MANIFEST = "manifest.json"
PROGRESS_EVERY = 50  # images between progress lines on a long run


@dataclass(frozen=True)
class Settings:
    logo_widths: tuple[int, ...] = (160, 320)
    photo_widths: tuple[int, ...] = (480, 800, 1200)
    photo_max: int = 2000  # the stripped image at the original path, for lightboxes and Markdown
    logo_max: int = 640
    webp_quality: int = 78
    jpeg_quality: int = 80
    max_pixels: int = 40_000_000  # below Pillow's own bomb limit (about 89 M)
    max_bytes: int = MAX_IMAGE_BYTES  # the same cap as the content check

    def fingerprint(self) -> str:
        # The caps decide only whether an image is accepted, not what is made of it.
        made = {k: v for k, v in asdict(self).items() if k not in ("max_pixels", "max_bytes")}
        return hashlib.sha256(json.dumps(made, sort_keys=True).encode()).hexdigest()[:12]


@dataclass
class Variant:
    width: int
    height: int
    format: str  # "webp" | "png" | "jpg"
    file: str  # name inside the cache entry's folder
    bytes: int = 0


@dataclass
class Entry:
    """What was made of one source image; stored in the manifest."""

    width: int
    height: int
    format: str  # extension of the original format: png | jpg | webp
    main: Variant  # the stripped image served at the original path
    variants: list[Variant] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict) -> Entry:
        return cls(
            width=data["width"], height=data["height"], format=data["format"],
            main=Variant(**data["main"]), variants=[Variant(**v) for v in data["variants"]],
        )


@dataclass(frozen=True)
class Job:
    """One source image of one brand."""

    slug: str
    folder: Path  # the brand folder
    rel: str  # path inside the brand folder, e.g. "photos/desk.jpg"
    kind: str  # "logo" | "photo"
    shown: str = ""  # brand folder as shown in messages, e.g. "brands/lian-xin-qiao"


@dataclass
class Output:
    """A processed image as the pages use it: files to publish and the srcset data."""

    rel: str
    kind: str
    width: int
    height: int
    format: str
    files: dict[str, Path]  # rel inside the brand folder -> cached file
    sources: dict[str, list[tuple[str, int]]]  # format -> [(rel, width)], smallest first

    def srcset(self, fmt: str, url: Callable[[str], str]) -> str:
        # A srcset splits at whitespace and commas: a file named "红色 引擎,1.png" would become
        # broken candidates, so those are percent-encoded in each URL (`url` gives the link, in
        # which the site's URL helper has encoded what a path may not hold already).
        return ", ".join(f"{_SRCSET_SPLITS.sub(_percent, url(rel))} {w}w" for rel, w in self.sources.get(fmt, []))

    def smallest(self, fmt: str | None = None) -> str:
        candidates = self.sources.get(fmt or self.format) or [(self.rel, self.width)]
        return candidates[0][0]


# What ends a srcset candidate: ASCII whitespace and the comma (not U+3000 and other spaces,
# which the browser's URL parser encodes itself).
_SRCSET_SPLITS = re.compile(r"[\t\n\f\r ,]")


def _percent(match) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


class ImageError(BrandsiteError):
    """An image we refuse, with the Chinese message for the editor."""


def variant_rel(rel: str, width: int, ext: str) -> str:
    stem, _ = posixpath.splitext(rel)
    return f"{stem}.{width}.{ext}"


def _open_checked(path: Path, settings: Settings) -> Image.Image:
    name = path.name
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise ImageError(too_large_message(name, size, settings.max_bytes))
    # No warnings.catch_warnings() here: it swaps process-wide state and this runs in threads.
    # Our pixel cap sits below Pillow's warning threshold; Pillow's hard limit still raises.
    try:
        im = Image.open(path)
        w, h = im.size
        if w * h > settings.max_pixels:
            raise ImageError(pixels_message(name, w, h, settings.max_pixels))
        im.load()
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(bomb_message(name)) from None
    except Exception:  # Pillow raises many types for broken files
        raise ImageError(broken_message(name)) from None
    return im


def _normalise(im: Image.Image, fmt: str) -> Image.Image:
    """Upright, metadata-free pixels in a mode the output formats can hold."""
    im = eight_bit(ImageOps.exif_transpose(im) or im)
    alpha = im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)
    mode = "RGBA" if alpha and fmt != "JPEG" else "RGB"
    if alpha and fmt == "JPEG":
        flat = Image.new("RGB", im.size, (255, 255, 255))
        flat.paste(im.convert("RGBA"), mask=im.convert("RGBA").getchannel("A"))
        im = flat
    clean = im.convert(mode) if im.mode != mode else im.copy()
    clean.info = {}  # no EXIF, XMP, ICC, comments or text chunks survive
    return clean


def _save(im: Image.Image, path: Path, ext: str, settings: Settings) -> int:
    im.info = {}
    if ext == "webp":
        im.save(path, "WEBP", quality=settings.webp_quality, method=4)
    elif ext == "jpg":
        im.save(path, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True)
    elif ext == "gif":
        im.save(path, "GIF", optimize=True)  # the first frame only, and no comment or extension blocks
    else:
        im.save(path, "PNG", optimize=False, compress_level=7)
    return path.stat().st_size


def _fit(im: Image.Image, width: int) -> Image.Image:
    """At most `width` wide and MAX_SIDE high (any format can hold it), never upscaled."""
    scale = min(width / im.width, MAX_SIDE / im.height)
    if scale >= 1:
        return im.copy()
    size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def render_variants(source: Path, kind: str, settings: Settings, out_dir: Path) -> Entry:
    """Decode one image and write every file made from it into `out_dir`.

    The only function that does image work: tests count its calls.
    """
    im = _open_checked(source, settings)
    fmt = file_format(im) or RASTER_SUFFIXES.get(source.suffix.lower(), "PNG")
    ext = EXTENSIONS.get(fmt, "png")
    clean = _normalise(im, fmt if fmt in EXTENSIONS else "PNG")
    im.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    main_img = _fit(clean, settings.logo_max if kind == "logo" else settings.photo_max)
    main = Variant(main_img.width, main_img.height, ext, f"main.{ext}")
    main.bytes = _save(main_img, out_dir / main.file, ext, settings)
    widths = settings.logo_widths if kind == "logo" else settings.photo_widths
    # Never upscale; an image narrower than a width gets one variant at its own width.
    fitted = sorted({min(w, clean.width) for w in widths})
    variants = []
    for w in fitted:
        small = _fit(clean, w)
        if small.width != w:
            continue  # a very tall image: its height limit made it narrower than this width
        for out_ext in dict.fromkeys(["webp", ext]):
            v = Variant(small.width, small.height, out_ext, f"w{small.width}.{out_ext}")
            v.bytes = _save(small, out_dir / v.file, out_ext, settings)
            variants.append(v)
    return Entry(clean.width, clean.height, ext, main, variants)


class Pipeline:
    """Turns jobs into outputs, through the cache."""

    def __init__(
        self,
        cache_dir: Path,
        settings: Settings | None = None,
        *,
        workers: int | None = None,
        progress: Callable[[str], None] | None = None,
    ):
        self.cache_dir = Path(cache_dir)
        self.settings = settings or Settings()
        # The settings that shape the files are in every key, and an index of other settings is read as empty.
        self.shelf = cache.Shelf(self.cache_dir, f"images-{MANIFEST_VERSION}/{self.settings.fingerprint()}")
        self.workers = workers or os.cpu_count() or 1
        self.progress = progress
        self.processed = 0  # images actually decoded and encoded in the last run

    def _cached(self, key: str, entries: dict[str, dict]) -> Entry | None:
        data = entries.get(key)
        if not data:
            return None
        try:
            entry = Entry.from_json(data)
        except (KeyError, TypeError):
            return None
        return entry if self.shelf.files(key, [v.file for v in [entry.main, *entry.variants]]) else None

    def run(self, jobs: Iterable[Job]) -> tuple[dict[tuple[str, str], Output], list[Problem]]:
        """Process every job (cached ones for free); return outputs keyed by (slug, rel)."""
        entries = self.shelf.read_index(MANIFEST)
        outputs: dict[tuple[str, str], Output] = {}
        problems: list[Problem] = []
        todo: dict[str, tuple[Job, list[Job]]] = {}
        self.processed = 0
        for job in jobs:
            path = job.folder / job.rel
            try:
                data = path.read_bytes() if path.stat().st_size <= self.settings.max_bytes else b""
            except OSError:
                problems.append(self._problem(job, f"无法读取图片“{posixpath.basename(job.rel)}”"))
                continue
            if not data:
                # Too large: let render_variants word the message, without reading it all.
                key = "oversize-" + self.shelf.key(job.slug, job.rel)
            else:
                key = self.shelf.key(data, job.kind)
            entry = self._cached(key, entries)
            if entry is not None:
                outputs[(job.slug, job.rel)] = self._output(job, key, entry)
            elif key in todo:
                todo[key][1].append(job)  # the same picture used twice is made once
            else:
                todo[key] = (job, [job])
        if todo:
            total = len(todo)
            done = 0
            started = time.monotonic()
            with ThreadPoolExecutor(max_workers=min(self.workers, total)) as pool:
                futures = {pool.submit(self.shelf.make, key, self._maker(job)): key for key, (job, _) in todo.items()}
                for future in as_completed(futures):
                    key = futures[future]
                    same = todo[key][1]
                    done += 1
                    try:
                        entry = future.result()
                    except ImageError as exc:
                        problems += [self._problem(job, str(exc)) for job in same]
                    except Exception as exc:  # never a traceback for one bad picture
                        problems += [self._problem(job, f"图片“{posixpath.basename(job.rel)}”处理失败（{type(exc).__name__}）。请重新导出后再放入") for job in same]
                    else:
                        if not key.startswith("oversize-"):
                            entries[key] = asdict(entry)
                        for job in same:
                            outputs[(job.slug, job.rel)] = self._output(job, key, entry)
                    if self.progress and total >= PROGRESS_EVERY and (done % PROGRESS_EVERY == 0 or done == total):
                        self.progress(f"处理图片 {done}/{total}（{time.monotonic() - started:.0f} 秒）")
            self.processed = total
            self.shelf.write_index(MANIFEST, entries)
        elif not (self.cache_dir / MANIFEST).exists():
            self.shelf.write_index(MANIFEST, entries)
        problems.sort(key=lambda p: p.path)
        return outputs, problems

    def _maker(self, job: Job) -> Callable[[Path], Entry]:
        # `render_variants` is looked up when the work runs, so that tests can count its calls.
        return lambda folder: render_variants(job.folder / job.rel, job.kind, self.settings, folder)

    def _problem(self, job: Job, message: str) -> Problem:
        where = f"{job.shown or job.folder.as_posix()}/{job.rel}"
        return Problem(where, 1, message, "error", job.slug)

    def _output(self, job: Job, key: str, entry: Entry) -> Output:
        folder = self.shelf.entry(key)
        files = {job.rel: folder / entry.main.file}
        sources: dict[str, list[tuple[str, int]]] = {}
        for v in entry.variants:
            rel = variant_rel(job.rel, v.width, v.format)
            files[rel] = folder / v.file
            sources.setdefault(v.format, []).append((rel, v.width))
        for group in sources.values():
            group.sort(key=lambda rw: rw[1])
        return Output(job.rel, job.kind, entry.main.width, entry.main.height, entry.format, files, sources)


def jobs_for(catalog, shown: Callable[[object], str] | None = None) -> list[Job]:
    """Every raster logo and photo of the catalog's brands."""
    jobs = []
    for brand in catalog:
        if not is_raster(brand.logo) and not any(is_raster(rel) for rel in brand.photos):
            continue  # no work, and no path to resolve for messages (slow with 1,000 brands)
        where = shown(brand) if shown else ""
        if is_raster(brand.logo):
            jobs.append(Job(brand.slug, Path(brand.folder), brand.logo, "logo", where))
        for rel in brand.photos:
            if is_raster(rel):
                jobs.append(Job(brand.slug, Path(brand.folder), rel, "photo", where))
    return jobs


def process_catalog(catalog, cache_dir: Path, settings: Settings, *, root: Path, progress=None):
    """Every raster image of `catalog` through the cached pipeline.

    Returns (outputs keyed by (slug, rel), problems, pipeline).
    """
    pipeline = Pipeline(cache_dir, settings, progress=progress)
    outputs, problems = pipeline.run(jobs_for(catalog, lambda b: display_path(b.folder, root)))
    return outputs, problems, pipeline


SVG_SHELF_VERSION = "3"  # 2: no <title>, <desc> or data-*; 3: nor aria-*, text outside <text>, CSS comments. Of sanitize.clean_svg's output: a change makes every cleaned logo anew


def published_svg(path: Path, cache_dir: Path | str) -> Path:
    """The SVG logo at `path` as it is published (sanitize.clean_svg), made once per content and
    kept in the cache (svg/<key>/logo.svg): a rebuild reads the file and finds it there, and the
    file MkDocs copies keeps its time, so a preview's dirty rebuild leaves the site's copy alone."""
    shelf = cache.Shelf(Path(cache_dir) / "svg", SVG_SHELF_VERSION)
    key = shelf.key(path.read_bytes())
    found = shelf.files(key, ["logo.svg"])
    if found is None:
        shelf.make(key, lambda folder: (folder / "logo.svg").write_bytes(clean_svg(path)))
        found = shelf.files(key, ["logo.svg"])
    return found["logo.svg"]
