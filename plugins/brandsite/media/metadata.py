"""What an image file says besides its picture: EXIF (a phone's GPS position, its owner, a
description), XMP, PNG text chunks, comments. No MkDocs imports.

Brands' photos and logos are published as new files the build draws (images.py), with none of
it. An image in docs/ is published as its own file: `stripped` gives its bytes without it, for
the build to publish instead; `texts` reads it out, for `brandsite leaks`.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from PIL import Image, ImageOps

# What Pillow's info holds of an image's metadata (of the formats docs/ may publish).
_INFO_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc")
STRIPPED_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif"})
READ_SUFFIXES = STRIPPED_SUFFIXES | {".tif", ".tiff", ".bmp", ".ico", ".avif"}


def _carried(im: Image.Image) -> bool:
    return any(im.info.get(key) for key in _INFO_KEYS) or bool(getattr(im, "text", None))


def stripped(data: bytes) -> bytes | None:
    """The image `data` without its metadata, the picture unchanged (a JPEG keeps its quality tables,
    a PNG its pixels, a GIF its frames; a photo turned by EXIF is turned in its pixels); None when
    it carries none, or when it cannot be read (the check tells a broken image)."""
    try:
        with Image.open(BytesIO(data)) as im:
            im.load()  # a PNG's text after its pixels too
            if not _carried(im):
                return None
            fmt, out = im.format, BytesIO()
            kept = {"icc_profile": im.info["icc_profile"]} if im.info.get("icc_profile") else {}
            if fmt == "JPEG":
                if im.getexif().get(0x0112, 1) != 1:  # turned by EXIF: turned in its pixels, encoded anew
                    ImageOps.exif_transpose(im).save(out, "JPEG", quality=92, **kept)
                else:
                    im.save(out, "JPEG", quality="keep", subsampling="keep", **kept)
            elif fmt == "PNG":
                keep = {k: im.info[k] for k in ("transparency", "dpi", "gamma") if k in im.info}
                im.save(out, "PNG", **keep, **kept)
            elif fmt == "WEBP":
                im.save(out, "WEBP", lossless=im.info.get("lossless", False), quality=92, **kept)
            elif fmt == "GIF":  # each frame's duration and transparency as the frames hold them; no comment
                keep = {k: im.info[k] for k in ("loop",) if k in im.info}
                im.save(out, "GIF", save_all=getattr(im, "n_frames", 1) > 1, comment=b"", **keep)
            else:
                return None
            return out.getvalue()
    except Exception:  # Pillow raises many kinds for a damaged or unusual file
        return None


def texts(path: Path) -> list[str]:
    """The metadata of the image at `path` as text: EXIF's values, XMP, PNG text, comments."""
    found: list[str] = []
    try:
        with Image.open(path) as im:
            im.load()
            for key in _INFO_KEYS:
                value = im.info.get(key)
                if value:
                    found.append(value.decode("utf-8", errors="ignore") if isinstance(value, bytes) else str(value))
            found += [f"{k} {v}" for k, v in (getattr(im, "text", None) or {}).items()]
            exif = im.getexif()
            found += [v.decode("utf-16-le" if tag in range(0x9C9B, 0x9CA0) else "utf-8", errors="ignore")
                      if isinstance(v, bytes) else str(v) for tag, v in exif.items()]
            found += [str(v) for v in exif.get_ifd(0x8825).values()]  # GPS
            found += [v.decode("utf-8", errors="ignore") if isinstance(v, bytes) else str(v)
                      for v in exif.get_ifd(0x8769).values()]  # UserComment and the like
    except Exception:
        return found
    return found
