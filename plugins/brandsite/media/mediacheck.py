"""What the build will do with each image, tried before it does. No MkDocs imports.

`brandsite check` and the build both call `problems`, so that a check that
passes means a build that passes. The folder rules (imagefiles.image_problem) have
already refused broken files, odd aspect ratios and decompression bombs; here
each image is held to the site's own pixel cap (image_max_pixels), and each SVG
logo that could make resvg work hard is drawn once, in a helper process with a
time limit (sandbox.py), at the largest size the build draws it. A logo that
makes resvg fail, hang or crash is refused with the brand's path.

Most logos are a few dozen shapes: drawing each of 1,000 of them would cost a
cold build tens of seconds, so only logos that use filters, masks, patterns,
clip paths, dashed strokes or markers, that are large files, nest deep, have many groups
with opacity or gradients of many stops over many shapes, or whose <use> references
expand to many elements, are tried. The build draws
every logo in the same helper processes, so a logo that is not tried still
cannot hang it.

Verdicts are kept by content hash on the cache's `logos` shelf
(`<cache_dir>/logos/verdicts.json`, cache.py), so a repeat check or build
draws nothing. A timeout is kept too, for a day (TIMEOUT_KEPT): a logo takes resvg milliseconds,
so one that runs past SVG_SECONDS is one to simplify, and trying it again cost every later check and
build that long (a hostile logo in a pull request, 20 s a run); after a day it is tried again, in
case the machine was only busy. A changed file, or another time limit, is tried anew.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from PIL import Image

from ..content import image_limits
from . import cache, images, sandbox
from ..content.model import Problem

DRAWN_AT = 700  # the poster's logo box: the largest size the build draws a logo
VERDICTS = "verdicts.json"
TIMEOUT_KEPT = 24 * 3600  # seconds a timeout verdict stands before the logo is tried again
REASONS = {"timeout": "超过时间限制", "crash": "绘制程序崩溃", "error": "绘制出错"}


def undrawable_message(name: str, reason: str) -> str:
    return (f"标识“{name}”无法绘制成图片（{REASONS.get(reason, reason)}），宣传海报、分享图片和申报表都用不了它。"
            "请在设计软件里简化标识（减少层层嵌套的编组和 <use>、剪切蒙版、渐变、滤镜和模糊效果）后重新导出为普通 SVG")


def problems(catalog, settings: images.Settings, cache_dir: Path | None, shown: Callable, *, rasters: bool = True) -> list[Problem]:
    """Errors for the images of `catalog`'s brands (logos, and the photos they show) that the build
    could not make. `rasters=False` leaves raster images to the pipeline, which says the same."""
    found: list[Problem] = []
    logos: list[tuple[object, Path]] = []
    for brand in catalog:
        for rel in [brand.logo, *brand.photos]:
            path = Path(brand.folder, rel)
            if rel.lower().endswith(".svg"):
                if rel == brand.logo:
                    logos.append((brand, path))
                size = image_limits.svg_size(path)
            elif rasters and image_limits.is_raster(rel):
                size = _raster_size(path)
            else:
                continue
            if size and size[0] * size[1] > settings.max_pixels:
                message = image_limits.pixels_message(path.name, round(size[0]), round(size[1]), settings.max_pixels)
                found.append(Problem(f"{shown(brand)}/{rel}", 1, message, "error", brand.slug))
    failed = {brand.slug for brand, _ in logos} & {p.slug for p in found}
    found += draw_logos([(b, p) for b, p in logos if b.slug not in failed and costly(p)], cache_dir, shown)
    return found


# A clip path may be clipped by another, each drawing the one before for each of its shapes: two
# shapes a level, 24 levels, is 2^24 drawings of the first (resvg works for minutes on 3.6 KB).
COSTLY_TAGS = frozenset({"filter", "mask", "pattern", "clippath", "fegaussianblur", "feturbulence", "femorphology",
                         "feconvolvematrix"})
# Anywhere in the file (attributes, style="", <style>): a dashed stroke is drawn dash by dash (a
# dash of 0.0005 around a circle is a million of them), a marker at every vertex of its path, a
# filter or mask given in CSS (filter: blur(2px), filter="drop-shadow(...)") over every pixel.
COSTLY_WORDS = (b"dasharray", b"marker", b"filter", b"mask", b"clippath")
MANY_ELEMENTS = 2_000  # after <use> references are expanded
# Each group with opacity is drawn on a layer of its own, the size of the picture, then blended:
# groups inside groups (98 deep) or hundreds side by side kept resvg at it for a minute.
DEEP = 24
MANY_LAYERS = 100
# A gradient's every stop is worked out for every pixel it paints: stops times shapes (990 stops
# filling 990 shapes took resvg minutes; a logo has a few gradients of a few stops).
STOP_PAINTS = 20_000
_GROUP_OPACITY = re.compile(r"(?<![-\w])opacity\s*:", re.I)  # not fill-opacity or stroke-opacity
LARGE = 200_000  # bytes: a logo that big holds long paths or many shapes


def costly(path: Path) -> bool:
    """Whether drawing this SVG could take resvg long: filters, masks, patterns, clip paths,
    dashed strokes, markers, a large file, deep nesting, many groups with opacity, gradients of
    many stops over many shapes, or <use> references that expand to many elements (counted
    without recursion)."""
    import defusedxml.ElementTree as DET

    try:
        data = path.read_bytes()
    except OSError:
        return False
    if len(data) > LARGE or any(word in data.lower() for word in COSTLY_WORDS):
        return True
    try:
        root = DET.fromstring(data, forbid_dtd=True)
    except Exception:  # the folder rules refuse unparsable logos
        return False
    by_id: dict[str, object] = {}
    order = []  # elements, parents before children
    stack = [(root, 1)]
    stops = layers = 0
    while stack:
        element, depth = stack.pop()
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in COSTLY_TAGS or depth > DEEP:
            return True
        stops += tag == "stop"
        layers += element.get("opacity") is not None or bool(_GROUP_OPACITY.search(element.get("style") or ""))
        # the words again as the parser reads them: "fil&#116;er" in a <style> is a filter to resvg
        said = " ".join([element.text or "", *element.attrib.keys(), *element.attrib.values()]).lower()
        if any(word.decode() in said for word in COSTLY_WORDS):
            return True
        order.append(element)
        if element.get("id"):
            by_id[element.get("id")] = element
        stack.extend((child, depth + 1) for child in element)
    if layers > MANY_LAYERS or stops * len(order) > STOP_PAINTS:
        return True
    size: dict[int, int] = {}
    # Children are sized before parents; a <use> adds its target's size, worked out on demand.
    for element in reversed(order):
        total = 1 + sum(size.get(id(child), 0) for child in element if isinstance(child.tag, str))
        if element.tag.rsplit("}", 1)[-1].lower() == "use":
            ref = next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "href"), "")
            target = by_id.get(ref[1:]) if ref.startswith("#") else None
            if target is not None:
                if id(target) not in size:  # a forward or circular reference: count it as the worst case
                    return True
                total += size[id(target)]
        size[id(element)] = total
        if total > MANY_ELEMENTS:
            return True
    return False


def _raster_size(path: Path) -> tuple[int, int] | None:
    try:
        with Image.open(path) as im:
            return im.size
    except Exception:  # broken files are the folder rules' to report
        return None


def draw_logos(logos: list[tuple[object, Path]], cache_dir: Path | None, shown: Callable) -> list[Problem]:
    """Draw each SVG logo once (or find its verdict); an error for each one that cannot be drawn."""
    shelf = cache.Shelf(Path(cache_dir) / "logos" if cache_dir is not None else None, _fingerprint())
    now = time.time()
    verdicts = {str(k): str(v) for k, v in shelf.read_index(VERDICTS).items() if not _stale(str(v), now)}
    todo: dict[str, tuple[str, list]] = {}
    keyed = []
    for brand, path in logos:
        try:
            data = path.read_bytes()
        except OSError:
            continue  # the folder rules report a missing logo
        key = shelf.key(data)
        keyed.append((brand, path, key))
        if key not in verdicts:
            todo.setdefault(key, (data.decode("utf-8-sig", "replace"), []))[1].append(brand)
    if todo:
        def draw(svg: str) -> str:
            try:
                png = sandbox.call("brandsite.media.drawing:rasterise", svg, DRAWN_AT, timeout=sandbox.SVG_SECONDS)
            except sandbox.Failed as failed:
                return failed.reason
            return "" if png else "error"

        with ThreadPoolExecutor(max_workers=min(len(todo), sandbox.pool().size)) as pool:
            drawn = dict(zip(todo, pool.map(draw, [svg for svg, _ in todo.values()])))
        verdicts.update({k: f"timeout@{int(now)}" if v == "timeout" else v for k, v in drawn.items()})
        shelf.write_index(VERDICTS, verdicts)
    return [
        Problem(f"{shown(brand)}/{brand.logo}", 1, undrawable_message(path.name, verdicts[key].split("@")[0]), "error", brand.slug)
        for brand, path, key in keyed if verdicts.get(key)
    ]


def _stale(verdict: str, now: float) -> bool:
    """A timeout kept longer than TIMEOUT_KEPT (tried again: the machine may only have been busy)."""
    reason, _, at = verdict.partition("@")
    return reason == "timeout" and (not at.isdigit() or now - int(at) > TIMEOUT_KEPT)


def _fingerprint() -> str:
    try:
        import resvg_py

        version = getattr(resvg_py, "__version__", "")
    except ImportError:  # pragma: no cover
        version = ""
    return f"{version}/{DRAWN_AT}/{sandbox.SVG_SECONDS}"
