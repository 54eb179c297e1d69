"""What an image file says besides its picture: EXIF (a phone's GPS position, its owner, a
description), XMP, PNG text chunks, comments. No MkDocs imports.

Brands' photos and logos are published as new files the build draws (images.py), with none of
it. An image in docs/ is published as its own file: `redrawn` gives it drawn anew from its
pixels, for the build to publish instead (content/filetexts.py reads what a file holds, for `brandsite leaks`).
"""

from __future__ import annotations

import hashlib
import os
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, JpegImagePlugin

from ..content.image_limits import animation_message, broken_message
from ..errors import BrandsiteError

REDRAWN_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif"})  # docs/'s images: docpages.PUBLISHED's
VERSION = "3"  # of `redrawn`'s output, in its cache key
MAX_SIDE = 2000  # px: a still picture's longer side at most, as a brand's photo (images.Settings.photo_max)


def redrawn(data: bytes) -> bytes:
    """The image `data` drawn anew from its pixels, in its own format: nothing of the file but the
    picture is kept (EXIF with a phone's GPS, XMP, text chunks, comments, application blocks, an
    ICC profile's text, bytes after the image's end, a second picture of an MPO). Colours of an
    ICC profile are turned into sRGB first; a photo turned by EXIF is turned in its pixels; a still
    picture over MAX_SIDE px is made that size (as a brand's photo); an
    animation keeps its frames and timing; a JPEG keeps its quality tables where it can. Raises
    (Pillow's errors, ValueError) for a file it cannot draw: the check refuses those first."""
    with Image.open(BytesIO(data)) as im:
        fmt = "JPEG" if im.format == "MPO" else im.format
        frames = getattr(im, "n_frames", 1) if fmt in ("PNG", "WEBP", "GIF") else 1
        if unfit := animation_message("", frames, im.size):  # the check refuses it first
            raise ValueError(unfit)
        im.load()
        picture, keep_tables = im, fmt == "JPEG"
        if fmt == "JPEG" and im.getexif().get(0x0112, 1) != 1:
            picture, keep_tables = ImageOps.exif_transpose(im), False
        if frames == 1 and max(picture.size) > MAX_SIDE:  # a phone's 4000 px photo on a page: 2000 px, as a brand's
            if picture.mode in ("P", "1") or "transparency" in im.info:  # drawn smaller in full colour, see-through kept
                picture = picture.convert("RGBA")
            picture, keep_tables = ImageOps.contain(picture, (MAX_SIDE, MAX_SIDE), Image.LANCZOS), False
        if im.info.get("icc_profile") and picture.mode in ("RGB", "RGBA") and frames == 1:
            try:
                profile = ImageCms.ImageCmsProfile(BytesIO(im.info["icc_profile"]))
                picture = ImageCms.profileToProfile(picture, profile, ImageCms.createProfile("sRGB"), outputMode=picture.mode)
                keep_tables = False
            except (ImageCms.PyCMSError, OSError, ValueError):
                pass  # a profile it cannot read: the pixels as they are
        out = BytesIO()
        if fmt == "JPEG":
            clean = Image.frombytes(picture.mode, picture.size, picture.tobytes())  # no info carried over
            try:  # its own tables where Pillow takes them back (a lone table of id 1 it does not)
                if not keep_tables:
                    raise ValueError("drawn anew")
                clean.save(out, "JPEG", qtables=im.quantization, subsampling=JpegImagePlugin.get_sampling(im))
            except (ValueError, TypeError, OSError):
                out = BytesIO()
                clean.save(out, "JPEG", quality=92)
        elif fmt == "PNG":
            clean = Image.frombytes(picture.mode, picture.size, picture.tobytes()) if frames == 1 else picture
            if picture.mode == "P":
                clean.putpalette(picture.getpalette())
            keep = {k: picture.info[k] for k in ("transparency",) if k in picture.info}
            # no profile: an animation's frames are saved as they are, and Pillow writes their info's profile back
            clean.save(out, "PNG", save_all=frames > 1, icc_profile=None, **keep)
        elif fmt == "WEBP":
            picture.info.clear() if frames == 1 else None
            picture.save(out, "WEBP", lossless=bool(im.info.get("lossless")), quality=92, save_all=frames > 1, exif=b"", xmp=b"")
        elif fmt == "GIF":  # each frame's duration and transparency as the frames hold them; no comment, no extension
            keep = {k: im.info[k] for k in ("loop",) if k in im.info}
            picture.save(out, "GIF", save_all=frames > 1, comment=b"", **keep)
        else:
            raise ValueError(f"not an image docs/ may publish: {im.format}")
        return out.getvalue()


def cached_redrawn(path: Path, cache_dir: Path, shown: str = "") -> bytes:
    """`redrawn` of the image at `path`, kept in the cache folder by its bytes' hash (a preview's
    rebuilds, the next build)."""
    data = path.read_bytes()
    kept = cache_dir / "docs-images" / f"{hashlib.sha256(data).hexdigest()}-{VERSION}{path.suffix.lower()}"
    if not kept.is_file():
        try:
            drawn = redrawn(data)  # the check refuses a file it cannot draw, as far as it can tell
        except Exception as exc:  # Pillow raises many kinds for a damaged file: said with its path, not as a traceback
            raise BrandsiteError(f"{shown or path}: {broken_message(path.name)}（网站要按画面重新保存它，没有成功：{exc}）") from None
        kept.parent.mkdir(parents=True, exist_ok=True)
        part = kept.with_name(f"{kept.name}.{os.getpid()}.part")
        part.write_bytes(drawn)
        part.replace(kept)
    return kept.read_bytes()
