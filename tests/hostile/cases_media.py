"""Hostile corpus cases: media. See corpus.py."""

from __future__ import annotations

from tests.hostile.corpus import MARKER, brand, case, case_file, png_bytes  # noqa: F401

import io

# -- class 3: files published without a check ----------------------------------


def _photo(fmt: str, color, **save) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (320, 240), color).save(buf, fmt, **save)
    return buf.getvalue()


def _exif_with_gps():
    from PIL import Image

    exif = Image.Exif()
    exif[0x010E] = f"description {MARKER}"  # ImageDescription
    exif[0x010F] = f"maker {MARKER}"
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 5.0), 3: "E", 4: (121.0, 28.0, 9.0)}
    return exif


@case("photo-metadata-of-every-type", 3, "built")
def _photo_metadata(brands):
    from PIL.PngImagePlugin import PngInfo

    folder = brand(brands, "mt-yuan-shu-ju")
    photos = folder / "photos"
    photos.mkdir(exist_ok=True)
    text = PngInfo()
    text.add_text("Comment", MARKER)
    text.add_itxt("XML:com.adobe.xmp", f"<x:xmpmeta>{MARKER}</x:xmpmeta>")
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{MARKER}</x:xmpmeta>'.encode()
    files = {
        "dong-tu.gif": _photo("GIF", (200, 10, 10), comment=MARKER.encode()),
        "xiang-ji.jpe": _photo("JPEG", (10, 200, 10), exif=_exif_with_gps(), comment=MARKER.encode(), xmp=xmp),
        "shou-ji.jpg": _photo("JPEG", (10, 10, 200), exif=_exif_with_gps(), xmp=xmp),
        "jie-tu.png": _photo("PNG", (200, 200, 10), pnginfo=text, exif=_exif_with_gps()),
        "wang-ye.webp": _photo("WEBP", (10, 200, 200), exif=_exif_with_gps(), xmp=xmp),
    }
    for name, data in files.items():
        (photos / name).write_bytes(data)
    case_file(folder, "zhao-pian", body="\n\n".join(f"![现场](../photos/{name})" for name in files),
              photos=["../photos/dong-tu.gif"])


@case("camera-mpo-jpeg-as-logo-and-photo", 3, "built")
def _camera_mpo(brands):
    from PIL import Image

    def mpo(color) -> bytes:
        buf = io.BytesIO()
        first, second = Image.new("RGB", (400, 300), color), Image.new("RGB", (400, 300), (0, 0, 0))
        first.save(buf, "MPO", save_all=True, append_images=[second], exif=_exif_with_gps())
        return buf.getvalue()

    folder = brand(brands, "mt-shuang-mu", logo=mpo((180, 20, 20)), logo_name="logo.jpg")
    (folder / "photos").mkdir(exist_ok=True)
    (folder / "photos" / "shuang-mu.jpg").write_bytes(mpo((20, 20, 180)))
    case_file(folder, "xiang-ji", photos=["../photos/shuang-mu.jpg"])


@case("unreferenced-empty-and-broken-photos", 3, "built")
def _unreferenced_broken(brands):
    folder = brand(brands, "mt-kong-wen-jian")
    photos = folder / "photos"
    photos.mkdir(exist_ok=True)
    (photos / "empty.jpg").write_bytes(b"")
    (photos / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + MARKER.encode())
    (photos / "huge.png").write_bytes(png_bytes((128, 40_000)))  # would be refused if shown
    (photos / "share.png").write_bytes(png_bytes((64, 64)))  # a generated name, harmless while unused


@case("svg-logo-tab-inside-javascript", 3, "refused", "brands/mt-tab-jiao-ben/brand.yml:", "javascript:")
def _(brands):
    brand(brands, "mt-tab-jiao-ben", logo='<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
          'viewBox="0 0 10 10"><a xlink:href="java&#x09;script:alert(1)"><rect width="9" height="9"/></a></svg>')


@case("svg-logo-relative-reference", 3, "refused", "brands/mt-xiang-dui/brand.yml:", "外部地址")
def _(brands):
    folder = brand(brands, "mt-xiang-dui", logo='<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
                   '<image href="story.md" width="9" height="9"/></svg>')
    (folder / "story.md").write_text("故事。\n", encoding="utf-8")


@case("svg-photo-in-a-case", 3, "refused", "brands/mt-svg-zhao-pian/cases/tu.md:", "只能用作标识")
def _(brands):
    folder = brand(brands, "mt-svg-zhao-pian")
    (folder / "photos").mkdir(exist_ok=True)
    (folder / "photos" / "tu.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg"><text>{MARKER}</text></svg>', encoding="utf-8")
    case_file(folder, "tu", photos=["../photos/tu.svg"])


# -- class 5: content that stops the build -------------------------------------


def _use_bomb() -> str:
    """1.3 KB: ten <use> of ten <use> ... of a blurred rect; resvg would draw it 10^5 times."""
    level = '<g id="a{n}">' + "".join('<use xlink:href="#a{p}"/>' for _ in range(10)) + "</g>"
    defs = '<filter id="b"><feGaussianBlur stdDeviation="5"/></filter><g id="a0"><rect width="100" height="100" filter="url(#b)"/></g>'
    defs += "".join(level.format(n=n, p=n - 1) for n in range(1, 5))
    return ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">'
            f'<defs>{defs}</defs><use xlink:href="#a4"/></svg>')


def _dash_bomb(circles: int = 150) -> str:
    """A few KB: circles stroked with dashes 0.0005 long, a million dashes each at poster size.
    Nothing a plain check of the elements would call costly; resvg works on it for minutes
    (Chromium takes seconds to show it at 160 px). Not in the corpus: a case would wait out
    the full time limit in the check and again in the build; tests/test_media.py tries it."""
    rings = "".join(f'<circle cx="100" cy="100" r="{90 - i * 0.3:.1f}" fill="none" stroke="#c00" stroke-width="0.5" '
                    'stroke-dasharray="0.0005"/>' for i in range(circles))
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">{rings}</svg>'


def _blur_bomb(rects: int = 100, word: str = "filter") -> str:
    """A few KB: a blur given in CSS (a <style> rule, or filter="blur(2)"), not as a <filter>
    element, on rects larger than the picture: resvg takes about two minutes at poster size
    (Chromium a second). Not in the corpus, for the reason _dash_bomb gives."""
    body = "".join('<rect x="-50" y="-50" width="200" height="200" fill="#c00" fill-opacity="0.01"/>' for _ in range(rects))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><style>rect{{{word}:blur(2px)}}</style>'
            f'<circle cx="50" cy="50" r="40" fill="#b71c1c"/>{body}</svg>')


def _clip_bomb(levels: int = 24) -> str:
    """3.6 KB: each clip path is two rects clipped by the one before, so resvg draws the first
    2^24 times; it works on it for minutes. No <use>, filter, mask or dash. Not in the corpus,
    for the reason _dash_bomb gives."""
    paths = '<clipPath id="c0"><rect width="100" height="100"/></clipPath>' + "".join(
        f'<clipPath id="c{n}"><rect width="100" height="100" clip-path="url(#c{n - 1})"/>'
        f'<rect x="1" width="99" height="100" clip-path="url(#c{n - 1})"/></clipPath>' for n in range(1, levels + 1))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><defs>{paths}</defs>'
            f'<rect width="100" height="100" fill="#b71c1c" clip-path="url(#c{levels})"/></svg>')


def _stops_bomb(stops: int = 990, shapes: int = 990) -> str:
    """76 KB: a gradient of 990 stops filling 990 shapes; resvg works out every stop for every
    pixel of each, for minutes at poster size. Not in the corpus, for the reason _dash_bomb gives."""
    s = "".join(f'<stop offset="{i / stops:.4f}"' + ("/>" if i % 2 else ' stop-color="red"/>') for i in range(stops))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 99 99"><linearGradient id="g">{s}</linearGradient>'
            + '<rect width="99" height="99" fill="url(#g)"/>' * shapes + "</svg>")


def _layers_bomb(depth: int = 98, chains: int = 20) -> str:
    """42 KB: 20 chains of groups with opacity, 98 deep (under the 100 levels the folder rules
    allow), each group a layer of the picture's size; resvg takes about a minute at poster size.
    Not in the corpus, for the reason _dash_bomb gives."""
    chain = '<g opacity=".99">' * depth + '<rect width="100" height="100" fill="#c00"/>' + "</g>" * depth
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">{chain * chains}</svg>'


@case("svg-logo-that-hangs-resvg", 5, "refused", "brands/mt-qian-tao/logo.svg:", "无法绘制")
def _(brands):
    brand(brands, "mt-qian-tao", logo=_use_bomb())


@case("svg-logo-one-by-a-hundred-thousand", 5, "refused", "brands/mt-xi-chang/brand.yml:", "宽高比")
def _(brands):
    brand(brands, "mt-xi-chang", logo='<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000">'
          '<rect width="1" height="100000" fill="#b71c1c"/></svg>')


@case("png-logo-128-by-40000", 5, "refused", "brands/mt-chang-tiao/brand.yml:", "宽高比")
def _(brands):
    brand(brands, "mt-chang-tiao", logo=png_bytes((128, 40_000)), logo_name="logo.png")


@case("png-logo-over-the-pixel-cap", 5, "refused", "brands/mt-chao-da/logo.png:", "万像素")
def _(brands):
    brand(brands, "mt-chao-da", logo=png_bytes((7000, 6000)), logo_name="logo.png")


@case("zero-byte-photo-shown-by-a-case", 5, "refused", "brands/mt-ling-zi-jie/cases/kong.md:", "已损坏")
def _(brands):
    folder = brand(brands, "mt-ling-zi-jie")
    (folder / "photos").mkdir(exist_ok=True)
    (folder / "photos" / "kong.jpg").write_bytes(b"")
    case_file(folder, "kong", photos=["../photos/kong.jpg"])


@case("eight-thousand-letter-word-in-prose-and-the-longest-words-on-the-poster", 5, "built")
def _(brands):
    word = "Party" + "a" * 8000
    folder = brand(brands, "mt-chang-dan-ci", stage="命名", named={"date": "2021-12-20", "document": "测〔2021〕9号"},
                   slogan=word[:40], connotation="党建品牌理念" * 12 + word)  # each plain field at its longest
    case_file(folder, "an-li", summary=word[:200], title="案例" + "b" * 58, body=word)


@case("a-pasted-paragraph-as-the-slogan", 5, "refused", "brands/mt-duan-luo/brand.yml:", "最多 40 个字")
def _(brands):
    brand(brands, "mt-duan-luo", slogan="Party" + "a" * 3000)


# -- class 6: generated pages overwritten ----------------------------------------


@case("logo-named-like-the-share-card", 6, "refused", "brands/mt-fen-xiang/brand.yml:", "重名")
def _(brands):
    brand(brands, "mt-fen-xiang", logo=png_bytes((300, 300)), logo_name="share.png")


@case("photo-named-like-a-variant", 6, "refused", "brands/mt-suo-lue/cases/tu.md:", "重名")
def _(brands):
    folder = brand(brands, "mt-suo-lue")
    (folder / "photos").mkdir(exist_ok=True)
    (folder / "photos" / "desk.png").write_bytes(png_bytes((900, 600)))
    (folder / "photos" / "desk.480.webp").write_bytes(png_bytes((480, 320), fmt="WEBP"))
    case_file(folder, "tu", photos=["../photos/desk.png", "../photos/desk.480.webp"])


@case("photo-named-like-the-poster", 6, "refused", "brands/mt-hai-bao/photos/poster-mt-hai-bao.png:", "重名")
def _(brands):
    folder = brand(brands, "mt-hai-bao")
    (folder / "photos").mkdir(exist_ok=True)
    (folder / "photos" / "poster-mt-hai-bao.png").write_bytes(png_bytes((300, 400)))
    (folder / "story.md").write_text("海报:\n\n![海报](photos/poster-mt-hai-bao.png)\n", encoding="utf-8")


@case("two-photos-one-name", 6, "refused", "brands/mt-tong-ming/photos/", "只有扩展名不同")
def _(brands):
    folder = brand(brands, "mt-tong-ming")
    (folder / "photos").mkdir(exist_ok=True)
    (folder / "photos" / "huo-dong.jpg").write_bytes(png_bytes((300, 200), fmt="JPEG"))
    (folder / "photos" / "huo-dong.png").write_bytes(png_bytes((300, 200), (10, 10, 200)))
    case_file(folder, "tu", body="![一](../photos/huo-dong.jpg)\n\n![二](../photos/huo-dong.png)\n")
