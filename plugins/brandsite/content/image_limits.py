"""What a logo or photo file may be, and the words for refusing it. No MkDocs imports.

The content check (imagefiles.py, mediacheck.py) and the image pipeline
(images.py) hold images to the same formats and caps and refuse them in the
same words, so that a check that passes means a build that passes.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

RASTER_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".jpe": "JPEG", ".webp": "WEBP", ".gif": "GIF"}
# Formats Pillow names apart that are the same file type: a camera's MPO is a JPEG with a second picture.
SAME_FORMAT = {"MPO": "JPEG"}
MAX_ASPECT = 20  # width to height, either way: a logo or photo beyond it is a mistake or an attack
MAX_IMAGE_BYTES = 15 * 1024 * 1024  # default cap on a logo or photo (a phone's full-size photo: 3–12 MB); max_image_mb sets it


def is_raster(rel: str) -> bool:
    return Path(rel).suffix.lower() in RASTER_SUFFIXES


def missing_hint(there: list[str], same: str | None, change: str, prefix: str, put: str) -> str:
    """What to do about a missing image, or "" when there is nothing to offer: `same`, the file
    whose name differs only in case, or the images `there` are in its folder to choose from.
    `change`: "请把 logo: 改成"; `prefix`: how the text writes the folder ("../photos/" or "");
    `put`: where to put the file."""
    there = [n for n in there if n.isprintable()]  # a name with a line break in it: offered, it printed lines of its own
    if same and same.isprintable():
        return f"文件夹里的是“{same}”，只有大小写不同：网址区分大小写，{change} {prefix}{same}（或把文件改名）"
    if there:
        shown = "、".join(f"{prefix}{n}" for n in there[:8]) + (" 等" if len(there) > 8 else "")
        return f"{change}已有的图片之一：{shown}；或{put}，文件名与这里写的一致"
    return ""


# Other names of a JPEG file: what Windows names one saved from a browser or WeChat (.jpe is a photo's suffix).
JPEG_ALIASES = (".jfif", ".pjpeg", ".pjp")


def jpeg_alias_message(name: str, fix: str) -> str:
    """For a JPEG named `name` with one of JPEG_ALIASES: rename it to .jpg, then `fix`."""
    stem = name.rsplit(".", 1)[0]
    return (f"其实是 JPG 图片（Windows 保存网页和微信里的图片时常用这个扩展名），网站只认 .jpg。"
            f"请把文件改名为“{stem}.jpg”，{fix}")


# How to make a phone photo smaller without a program of one's own (网站会自己生成网页用的尺寸).
SHRINK_HOW = "例如用 Windows 的“画图”打开，点“重新调整大小”把宽度改成 2000 像素，再另存为 JPG，一般只有几百 KB"


def too_large_message(name: str, size: int, max_bytes: int) -> str:
    return f"图片“{name}”有 {size / 1048576:.1f} MB，超过上限 {max_bytes / 1048576:g} MB。请缩小后再放入：{SHRINK_HOW}"


def bomb_message(name: str, size: tuple[int, int] | None = None) -> str:
    """Past Pillow's limits: `size` when it is a photo a phone can take (a 108-megapixel mode)."""
    if size:
        w, h = size
        return f"图片“{name}”有 {w}×{h} 像素（约 {_pixels(w * h)}），太大了，已拒绝处理。请缩小后再放入：{SHRINK_HOW}"
    return (f"图片“{name}”声称的像素尺寸过大（疑似“解压炸弹”），已拒绝处理。如果是照片，请缩小后再放入：{SHRINK_HOW}；"
            "如果不是，它可能已损坏或被改过，请换一张正常的图片")


def broken_message(name: str) -> str:
    return f"图片“{name}”已损坏或无法识别。请重新导出后再放入"


# A progressive JPEG is drawn in passes (scans), each over the whole picture: a camera's or an
# editor's has about ten; 20,000 empty ones in 340 KB took a minute to decode, the 5 MB cap's worth
# twenty. Counted by walking the first picture's marker segments to its end (an APP segment's
# bytes, or a phone's motion video after the picture, may hold FF DA anywhere).
MAX_JPEG_SCANS = 100
# An animation's frames are each drawn on its whole canvas: a few KB of 1-pixel frames on an 8000x8000
# canvas took hours and gigabytes to draw again. Frames, and frames times the canvas's pixels, capped.
MAX_FRAMES = 300
MAX_ANIMATION_PIXELS = 60_000_000


def animation_message(name: str, frames: int, size: tuple[int, int]) -> str | None:
    """The message for an animation beyond the caps above; None within them."""
    if frames <= 1 or (frames <= MAX_FRAMES and frames * size[0] * size[1] <= MAX_ANIMATION_PIXELS):
        return None
    return (f"动图“{name}”有 {frames} 帧、每帧 {size[0]}×{size[1]} 像素，太大了，网站处理不了"
            f"（最多 {MAX_FRAMES} 帧，帧数乘以每帧像素不超过 {MAX_ANIMATION_PIXELS // 10000} 万）。请换成一张静态的 JPG 或 PNG，或把动图缩小、减少帧数")


def jpeg_scans(path) -> int:
    """The start-of-scan markers of the file's first picture (up to one more than the cap)."""
    with open(path, "rb") as f:
        data = f.read()
    scans, at = 0, 2  # after the start of image
    while at + 1 < len(data) and scans <= MAX_JPEG_SCANS:
        if data[at] != 0xFF:  # not at a marker: the file is broken; Pillow will say so
            break
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte before a marker
            at += 1
            continue
        if marker == 0xD9:  # end of image
            break
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            at += 2
            continue
        at += 2 + int.from_bytes(data[at + 2:at + 4], "big")
        if marker == 0xDA:  # the scan's data follows, up to the next marker (FF 00 and restarts are data)
            scans += 1
            while True:
                at = data.find(b"\xff", at)
                if at < 0 or at + 1 >= len(data):
                    return scans
                if data[at + 1] == 0 or 0xD0 <= data[at + 1] <= 0xD7:
                    at += 2
                    continue
                break
    return scans


def scans_message(name: str) -> str:
    return (f"图片“{name}”是分很多遍（超过 {MAX_JPEG_SCANS} 遍）逐步显示的 JPEG，处理起来极慢，已拒绝（正常的照片只有十来遍）。"
            "请用 Windows 的“画图”打开，另存为 JPG 后再放入")


def pixels_message(name: str, w: int, h: int, max_pixels: int) -> str:
    return f"图片“{name}”有 {w}×{h} 像素，超过上限 {_pixels(max_pixels)}。请缩小后再放入：{SHRINK_HOW}"


def aspect_message(name: str, w: float, h: float) -> str:
    return (f"图片“{name}”的宽高比过于悬殊（{w:g}×{h:g}，超过 {MAX_ASPECT}:1），无法正常显示和绘制。"
            "请裁成接近方形或常见比例后重新导出")


def odd_aspect(w: float, h: float) -> bool:
    return w <= 0 or h <= 0 or max(w / h, h / w) > MAX_ASPECT


def file_format(im) -> str | None:
    """The file type of an opened (Pillow) image, with formats that are one type folded together."""
    return SAME_FORMAT.get(im.format, im.format)


# Names of files the build makes beside content: share cards, poster previews and image variants.
_GENERATED = re.compile(r"(?:^|-)share\.png$|^poster-.*\.png$|\.\d+\.(?:webp|png|jpg|gif)$", re.I)


def generated_name(rel: str) -> bool:
    """True when a content image named `rel` could be overwritten by a file the build makes."""
    return bool(_GENERATED.search(posixpath.basename(rel)))


def generated_message(name: str) -> str:
    return (f"图片文件名“{name}”与网站自动生成的文件（分享图片 share.png、宣传海报 poster-…、缩略图 名称.宽度.webp）"
            "重名，发布时会被覆盖。请改个文件名，例如 logo.png 或 photos/huodong-1.jpg")


_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:e[-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in|em|ex)?\s*$", re.I)
_UNITS = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0, "em": 16.0, "ex": 8.0}


def svg_size(path: Path) -> tuple[float, float] | None:
    """The size an SVG declares (width/height, else its viewBox), in CSS pixels; None when it declares none.

    Read with defusedxml: call it on files sanitize.svg_problem has accepted.
    """
    import defusedxml.ElementTree as DET

    events = None
    try:
        events = DET.iterparse(str(path), events=("start",), forbid_dtd=True)
        for _, root in events:
            break
        else:
            return None
    except Exception:
        return None
    finally:  # closed here, not by the GC later, which drops a Ctrl-C that comes meanwhile
        if hasattr(events, "close"):
            events.close()

    def length(name: str) -> float | None:
        match = _LENGTH.match(root.get(name) or "")
        return float(match.group(1)) * _UNITS[(match.group(2) or "").lower() or None] if match else None

    w, h = length("width"), length("height")
    box = [v for v in re.split(r"[\s,]+", (root.get("viewBox") or "").strip()) if v]
    try:
        vw, vh = (float(box[2]), float(box[3])) if len(box) == 4 else (None, None)
    except ValueError:
        vw = vh = None
    if w is None and h is None:
        return (vw, vh) if vw is not None else None
    if w is None or h is None:
        if vw and vh:  # one side given: the other follows the viewBox
            return (w, w * vh / vw) if h is None else (h * vw / vh, h)
        return None
    return w, h


def _pixels(count: float) -> str:
    """A pixel count as the guide writes it: 4000 万像素, 1.08 亿像素."""
    return f"{count / 100_000_000:.3g} 亿像素" if count >= 100_000_000 else f"{count / 10_000:.4g} 万像素"


def heic_message(name: str) -> str:
    return (f"“{name}”是苹果手机的 HEIC 格式，网站用不了。请转成 JPG：在 Windows 的“照片”应用里打开，"
            "另存为 JPG；或用微信把照片发到电脑上保存（会存成 JPG）。以后拍照可在 iPhone 的“设置 → 相机 → 格式”里选“兼容性最佳”")
