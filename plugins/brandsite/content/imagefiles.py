"""The image files a brand folder names: its logo, its cases' photos and the photos its prose shows.

Each is checked as a file (in the folder, a supported format, decodable, not
too large) before the model is built, so that a file the check accepts is one
the build can publish. The site's pixel cap and the drawing of SVG logos are
checked after loading (mediacheck.py). No MkDocs imports.
"""

from __future__ import annotations

import posixpath
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

from PIL import Image, ImageOps

from . import image_limits as limits
from .image_limits import MAX_IMAGE_BYTES, bomb_message, broken_message, heic_message, too_large_message
from . import prose, sanitize
from .model import Problem, photo_candidates
from .names import PHOTO_SUFFIXES, clean_relpath, has_colon, inside, path_problem
from .prose_links import photo_index
from .yamlwords import list_parts

RASTER_FORMATS = limits.RASTER_SUFFIXES
IMAGE_SUFFIXES = set(RASTER_FORMATS) | {".svg"}
MIN_LOGO_PX = 128
# The attribute `brandsite new` puts on its placeholder logo (data-brandsite-placeholder): it must be replaced.
PLACEHOLDER_MARK = "brandsite-placeholder"


def _placeholder_message(path: Path) -> str:
    """The placeholder logo still named: the images put beside it already (the guide's step 4 is
    to put the logo in, then change logo:), or where to put one."""
    there = sorted(p.name for p in path.parent.iterdir() if p != path and p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES
                   and not limits.generated_name(p.name) and p.name.isprintable())
    head = "标识还是 brandsite new 生成的占位图。"
    if there:
        shown = "、".join(there[:8]) + (" 等" if len(there) > 8 else "")
        return f"{head}文件夹里已经有 {shown}：请把 logo: 改成标识图片的文件名（例如 logo: {there[0]}），再删去占位的 {path.name}"
    return f"{head}请把本品牌的标识图片放进品牌文件夹，再把 logo: 改成它的文件名（例如 logo: logo.png）"


def image_problem(path: Path, *, logo: bool = False, max_bytes: int = MAX_IMAGE_BYTES) -> tuple[str, str] | None:
    """(level, message) when `path` is not a usable image, else None.

    A raster image is decoded in full here, as the build will decode it, so
    that a file the check accepts is one the build can publish. The pixel cap
    of the site (image_max_pixels) is checked after loading (mediacheck.py).
    """
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES or (suffix == ".svg" and not logo):
        what = "SVG、PNG、JPG 或 WebP" if logo else "PNG、JPG、WebP 或 GIF（SVG 只能用作标识）"
        if suffix in (".heic", ".heif"):
            return "error", heic_message(path.name)
        if suffix in limits.JPEG_ALIASES:
            return "error", f"“{path.name}”" + limits.jpeg_alias_message(path.name, "并改正引用它的地方")
        return "error", f"“{path.name}”不是支持的图片格式。请使用 {what}"
    if limits.generated_name(path.name):
        return "error", limits.generated_message(path.name)
    size = path.stat().st_size
    if size > max_bytes:
        return "error", too_large_message(path.name, size, max_bytes)
    if suffix == ".svg":
        unsafe = sanitize.svg_problem(path)  # parses with defusedxml: first, before anything else reads it
        if unsafe:
            return "error", unsafe
        declared = limits.svg_size(path)
        if declared and limits.odd_aspect(*declared):
            return "error", limits.aspect_message(path.name, *declared)
        root = ET.parse(path).getroot()
        if logo and any(key.endswith(PLACEHOLDER_MARK) for key in root.attrib):
            return "warning", _placeholder_message(path)
        return _long_logo(path.name, *declared) if logo and declared else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                fmt, (w, h) = limits.file_format(im), im.size
                if limits.odd_aspect(w, h):
                    return "error", limits.aspect_message(path.name, w, h)
                if fmt == "JPEG":  # every byte is decoded, at an eighth of the size: broken files still fail
                    if limits.jpeg_scans(path) > limits.MAX_JPEG_SCANS:  # but not a scan's worth thousands of times
                        return "error", limits.scans_message(path.name)
                    im.draft(im.mode, (max(1, w // 8), max(1, h // 8)))
                frames = getattr(im, "n_frames", 1) if fmt in ("GIF", "PNG", "WEBP") else 1  # an MPO's second picture is dropped
                if unfit := limits.animation_message(path.name, frames, (w, h)):
                    return "error", unfit
                for frame in range(frames - 1, 0, -1):  # every frame decodes (a cut-off second frame broke the build)
                    im.seek(frame)
                    im.load()
                if frames > 1:
                    im.seek(0)
                im.load()
                ImageOps.exif_transpose(im)  # reads the EXIF block as the build will (a broken one raises)
                drawn = _drawn_share(im) if logo else 1.0
    except Image.DecompressionBombWarning:  # up to twice Pillow's limit: a phone's largest photos
        return "error", bomb_message(path.name, _size(path))
    except Image.DecompressionBombError:
        return "error", bomb_message(path.name)
    except Exception:  # Pillow raises many types for broken files
        return "error", heic_message(path.name) if _heic(path) else broken_message(path.name)
    if RASTER_FORMATS.get(suffix) != fmt:
        return "error", wrong_suffix_message(path, fmt)
    if logo and min(w, h) < MIN_LOGO_PX:
        return "warning", (f"标识“{path.name}”是 {w}×{h} 像素，较短的一边不到 {MIN_LOGO_PX} 像素，显示会模糊。"
                           "请换一张较短边至少 256 像素的图片，最好是 SVG（把小图放大后再保存没有用，还是模糊）。"
                           "不换的话，发布构建会因这条警告停下")
    return (_long_logo(path.name, w, h) or _clear_margin(path.name, drawn)) if logo else None


def _drawn_share(im: Image.Image) -> float:
    """How much of the square frame a logo is shown in its drawing fills: the larger side of the
    box round its pixels that are not (almost) clear, over the image's larger side. 1 for an
    image without transparency."""
    if not (im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)):
        return 1.0
    alpha = im.convert("RGBA").getchannel("A").point(lambda a: 255 if a > 16 else 0)
    box = alpha.getbbox()
    if box is None:  # all clear: nothing drawn
        return 0.0
    return max(box[2] - box[0], box[3] - box[1]) / max(im.size)


# A logo drawn small on a large clear canvas is shown as small as it is drawn: filling less than half
# of the frame, a note; less than a quarter (a dot in a 96-pixel card), a warning, as a banner is.
SMALL_DRAWING, DOT_DRAWING = 0.5, 0.25


def _clear_margin(name: str, share: float) -> tuple[str, str] | None:
    if share >= SMALL_DRAWING:
        return None
    dot = share < DOT_DRAWING
    return ("warning" if dot else "info"), (
        f"标识“{name}”四周的透明空白太多：图形只占画面的 {share:.0%}。网站在方框里显示整张图片（品牌卡片、首页列表、"
        "案例页），图形会显得很小、看不清。请用图片软件把四周的透明空白裁掉（只留一点边），另存后再放回品牌文件夹"
        + ("。不改的话，发布构建会因这条警告停下" if dot else "（不改也可以发布）"))


def _heic(path: Path) -> bool:
    """A HEIC/HEIF photo under another name (IMG_0001.jpg): an ISO media file of a HEIF brand."""
    try:
        with path.open("rb") as f:
            head = f.read(12)
    except OSError:
        return False
    return head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")


def wrong_suffix_message(path: Path, fmt: str) -> str:
    """A file whose name says one format and whose bytes another (a JPEG renamed logo.png): the name
    to give it, as Windows hides what a file name ends with."""
    right = next((suffix for suffix, f in RASTER_FORMATS.items() if f == fmt), "")
    rename = (f"请把文件改名为 {path.stem}{right}，再把引用它的地方（logo: 或照片）也改成这个名字"
              "（Windows 不显示扩展名时，在文件资源管理器的“查看”里勾选“文件扩展名”）；或者用图片软件把它另存为"
              f" {path.suffix} 格式") if right else "请用图片软件把它另存为 PNG 或 JPG 格式"
    return f"图片“{path.name}”的扩展名与实际格式（{fmt}）不符。{rename}"

# A logo is shown in a square frame (cards, lists, the case page's header): one more than 1.6 times
# as wide as high fills a third of it, too small to read (a note); more than four times, a thin
# strip whose words nobody can read (a warning: a banner saved as the logo).
LONG_LOGO = 1.6  # a 16:9 photo saved as the logo is told too
BANNER_LOGO = 4


def _long_logo(name: str, w: float, h: float) -> tuple[str, str] | None:
    if min(w, h) <= 0 or max(w, h) <= LONG_LOGO * min(w, h):
        return None
    shape = "宽" if w > h else "高"
    banner = max(w, h) > BANNER_LOGO * min(w, h)
    return ("warning" if banner else "info"), (
        f"标识“{name}”的{shape}是另一边的 {max(w, h) / min(w, h):.1f} 倍。网站在方框里显示标识（品牌卡片、首页列表、"
        f"案例页），这样的标识会{'缩成一窄条，上面的字看不出来' if banner else '显得很小、看不清'}。"
        + ("请另存一张接近方形的标识（只留图形，或把文字排在图形下面），再把 logo: 改成它的文件名。不改的话，发布构建会因这条警告停下"
           if banner else "最好另存一张接近方形的标识（只留图形，或把文字排在图形下面），再把 logo: 改成它的文件名（不改也可以发布）"))


def _size(path: Path) -> tuple[int, int] | None:
    """The size in the file's header, read with Pillow's warning off (not decoded)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                return im.size
    except Exception:  # past the hard limit, or unreadable: the plain message
        return None


# A case's photo that is not there because it was deleted: the entry goes too.
GONE = "。照片删掉了、不再用的话，从 photos: 里删去这一行"


def _missing_hint(path: Path, suffixes, change: str, prefix: str, put: str, otherwise: str, gone: str = "") -> str:
    """`limits.missing_hint` for a missing file, from the images in its folder; `otherwise` when
    the folder has none; then `gone`, unless the file is there by another case or ending."""
    try:
        there = sorted(p.name for p in path.parent.iterdir() if p.suffix.lower() in suffixes and p.is_file())
    except OSError:
        there = []
    same = next((n for n in there if n.lower() == path.name.lower()), None)
    doubled = next((n for n in there if n.lower().startswith(path.name.lower() + ".") and n.isprintable()), None)
    if doubled and not same:  # logo.png.png: saved as "logo.png" where Windows hides what a name ends with
        return (f"文件夹里的是“{doubled}”：Windows 不显示扩展名时，另存为“{path.name}”会多出一个扩展名。"
                f"请在文件资源管理器的“查看”里勾选“文件扩展名”，把文件改名为 {path.name}")
    return (limits.missing_hint(there, same, change, prefix, put) or otherwise) + ("" if same else gone)


def _spaced(written: str) -> str:
    """What to say of a path written with spaces around it (a full-width one looks like nothing)."""
    return "它的前后多了空格（可能是全角空格），请删去。" if written != written.strip(" \t\u3000\u00a0") else ""


RENAME = "请改名（只用汉字、字母、数字和连字符），"
COLON = "里有冒号“:”。Windows 的文件名和文件夹名里不能有冒号，这样的文件在 Windows 电脑上存不了；网页里的链接还可能被当成别的网站的地址。"


def _refused(rel: str, colon: str, unfit: Callable[[str], str]) -> str | None:
    """Why the path `rel` (a logo's, a photo's) cannot be published as written, in the caller's
    words: `colon` for a colon (has_colon), `unfit(reason)` for path_problem's reason; else None."""
    if has_colon(rel):
        return colon
    reason = path_problem(rel)
    return unfit(reason) if reason else None


def _plain_name(rel: str) -> str:
    """The file name to suggest for a logo written with a path out of the folder (D:/桌面/标识.png -> 标识.png)."""
    name = posixpath.basename(rel)
    return name if posixpath.splitext(name)[1].lower() in IMAGE_SUFFIXES and path_problem(name) is None else "logo.svg"


def logo_file(src, max_bytes: int = MAX_IMAGE_BYTES) -> Iterator[Problem]:
    logo = src.data.get("logo")
    if not isinstance(logo, str) or not logo.strip():
        return
    line = src.line("logo")
    rel = clean_relpath(logo)
    refused = _refused(rel, f"logo 路径“{logo}”" + COLON + "请把标识文件改名，放进本文件夹，写成 logo: logo.svg",
                       lambda why: f"logo 路径“{logo}”里，{why}。" + RENAME + "写成 logo: logo.svg")
    if refused:
        yield Problem(src.yml, line, refused)
        return
    path = inside(src.folder, rel)
    if path is None:
        yield Problem(src.yml, line, f"logo 路径“{logo}”指向了品牌文件夹以外。请把标识放进本文件夹，写成 logo: {_plain_name(rel)}")
        return
    if not path.is_file():
        beside = Path(src.folder) / path.name  # photos/logo.png written for the logo.png beside brand.yml
        if path.parent != Path(src.folder) and beside.is_file():
            yield Problem(src.yml, line, f"找不到 logo 文件“{logo}”。品牌文件夹里（和 brand.yml 放在一起）有“{path.name}”："
                                         f"请写成 logo: {path.name}")
            return
        in_photos = Path(src.folder) / "photos" / path.name  # the logo put in photos/ with the photos
        if "/" not in rel and in_photos.is_file():  # written as beside brand.yml (inside() resolved the path)
            yield Problem(src.yml, line, f"找不到 logo 文件“{logo}”。它在 photos/ 文件夹里：标识请和 brand.yml 放在一起"
                                         f"（把 photos/{path.name} 移到品牌文件夹里），或写成 logo: photos/{path.name}")
            return
        folder = Path(rel).parent.as_posix()
        yield Problem(src.yml, line, f"找不到 logo 文件“{logo}”。" + _spaced(logo) + _missing_hint(
            path, IMAGE_SUFFIXES, "请把 logo: 改成", "" if folder == "." else folder + "/", "把标识图片放进品牌文件夹",
            "请把标识图片放进品牌文件夹（和 brand.yml 放在一起），文件名与 logo: 后写的一致"))
        return
    problem = image_problem(path, logo=True, max_bytes=max_bytes)
    if problem:
        yield Problem(src.yml, line, problem[1], problem[0])


def case_photos(src, case, max_bytes: int = MAX_IMAGE_BYTES) -> Iterator[Problem]:
    photos = case.meta.get("photos")
    if not isinstance(photos, list):
        return
    for i, photo in enumerate(photos):
        if not isinstance(photo, str):
            continue
        line = photos.lines[i] + case.offset
        rel = clean_relpath(photo, base="cases")
        parts = list_parts(photo)
        listed = len(parts) > 1 and all(posixpath.splitext(p)[1].lower() in PHOTO_SUFFIXES for p in parts)
        if listed and not ((whole := inside(src.folder, rel)) and whole.is_file()):  # [../photos/a.jpg，../photos/b.jpg]: one path to YAML
            yield Problem(case.rel, line, f"photos 第 {i + 1} 项“{photo}”里有中文逗号、顿号或分号，会被当成一张照片的路径。"
                                          f"要写几张照片，请用英文逗号分开，例如 photos: [{', '.join(parts)}]")
            continue
        refused = _refused(rel, f"照片路径“{photo}”" + COLON + "请给照片改名，放进 photos/，写成 ../photos/文件名.jpg",
                           lambda why: f"照片路径“{photo}”里，{why}。" + RENAME + "放进 photos/，写成 ../photos/文件名.jpg")
        if refused:
            yield Problem(case.rel, line, refused)
            continue
        path = inside(src.folder, rel)
        if path is None:
            yield Problem(case.rel, line, f"照片路径“{photo}”指向了品牌文件夹以外。请把照片放进 photos/，写成 ../photos/文件名.jpg")
        elif not path.is_file() and not rel.startswith("photos/") and (there := photo_index(photo_candidates(src.photos))[2].get(
                posixpath.basename(rel).lower())):
            # photos/a.jpg (story.md's way) or photo/a.jpg in a case: the photo is there, by another path
            yield Problem(case.rel, line, f"找不到照片“{photo}”：照片 {posixpath.basename(there)} 在本品牌的 photos/ 文件夹里，"
                                          f"这里应写成 ../{there}")
        elif not path.is_file():
            yield Problem(case.rel, line, f"找不到照片“{photo}”。" + _spaced(photo) + _missing_hint(
                path, PHOTO_SUFFIXES, "请改成", "../photos/" if rel.startswith("photos/") and rel.count("/") == 1 else "",
                "把照片放进品牌的 photos/ 文件夹", "照片应放在品牌的 photos/ 文件夹里，从案例里写成 ../photos/文件名.jpg", gone=GONE))
        else:
            problem = image_problem(path, max_bytes=max_bytes)
            if problem:
                yield Problem(case.rel, line, problem[1], problem[0])


def shown_photo_files(src, max_bytes: int = MAX_IMAGE_BYTES) -> Iterator[Problem]:
    """Every photo the content shows is checked, as a case's photo list is: the ones the prose
    shows (reported at the photo, as prose lines move), and no two published images in one
    folder with one name (their variants, 名称.480.webp, would overwrite each other).
    Files in photos/ that nothing shows are never published, so they are not checked."""
    files = photo_candidates(src.photos)
    listed: set[str] = set()
    refs: set[str] = set()
    texts = [(src.data.get("connotation"), ""), (prose.demote(src.story or ""), "")]
    for case in src.cases:
        photos = case.meta.get("photos")
        listed |= {clean_relpath(p, base="cases") for p in photos if isinstance(p, str)} if isinstance(photos, list) else set()
        texts.append((case.body, "cases"))
    for text, base in texts:
        if isinstance(text, str):
            refs |= prose.render(text, base, files).refs
    for rel in sorted(refs - listed):  # a case's photo list is checked at its own lines (case_photos)
        refused = _refused(rel, f"照片文件名“{posixpath.basename(rel)}”" + COLON + "请给照片改名，并改正文中引用它的地方",
                           lambda why: f"照片路径里，{why}。" + RENAME + "并改正文中引用它的地方")
        if refused:
            yield Problem(f"{src.rel}/{rel}", 1, refused)
            continue
        path = inside(src.folder, rel)
        problem = image_problem(path, max_bytes=max_bytes) if path is not None and path.is_file() else None
        if problem:
            yield Problem(f"{src.rel}/{rel}", 1, problem[1], problem[0])
    logo = src.data.get("logo")
    shown = (refs | listed) & files | ({clean_relpath(logo)} if isinstance(logo, str) and logo.strip() else set())
    stems: dict[str, str] = {}
    for rel in sorted(shown):
        stem = posixpath.splitext(rel)[0].lower()
        if stem in stems:
            yield Problem(f"{src.rel}/{rel}", 1, f"图片“{posixpath.basename(rel)}”与“{posixpath.basename(stems[stem])}”"
                          "只有扩展名不同，网站为它们生成的缩略图会互相覆盖。请给其中一张改名")
        else:
            stems[stem] = rel
