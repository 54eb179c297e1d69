"""The image pipeline: variants, srcset, metadata stripping, cache, limits."""

from __future__ import annotations

import io
import json
import re
import struct
import zlib
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from PIL import Image
from tests.conftest import build_root, build_site, check, copy_sample, png_bytes

from brandsite.media import images
from brandsite.media.images import Job, Pipeline, Settings


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def noisy_photo(size=(2400, 1600), seed=3) -> Image.Image:
    """A photo-like picture: gradients plus noise, so encoders cannot cheat."""
    import random

    rng = random.Random(seed)
    small = Image.new("RGB", (size[0] // 16, size[1] // 16))
    small.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(small.width * small.height)])
    im = small.resize(size, Image.Resampling.BICUBIC)
    noise = Image.effect_noise(size, 40).convert("RGB")
    return Image.blend(im, noise, 0.15)


def jpeg_with_gps_and_orientation(size=(400, 300)) -> bytes:
    im = Image.new("RGB", size, (10, 120, 200))
    im.paste((250, 20, 20), (0, 0, 100, 50))  # a red mark in the top-left corner
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "PhoneMaker"
    gps = {1: "N", 2: (31.0, 14.0, 5.0), 3: "E", 4: (121.0, 28.0, 9.0)}
    exif[0x8825] = gps
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif, quality=90)
    return buf.getvalue()


def bomb_png(width=100_000, height=100_000) -> bytes:
    """A tiny PNG whose header claims a huge canvas."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND", b"")


@pytest.fixture
def counted(monkeypatch):
    """Count calls of the one function that does image work."""
    monkeypatch.delenv("BRANDSITE_CACHE_DIR", raising=False)  # each test's own .cache/
    calls: list[str] = []
    real = images.render_variants

    def counting(source, kind, settings, out_dir):
        calls.append(Path(source).name)
        return real(source, kind, settings, out_dir)

    monkeypatch.setattr(images, "render_variants", counting)
    return calls


def raster_brand(tree, slug="lian-xin-qiao", **replace):
    """A brand with a PNG logo and a JPEG photo."""
    folder = tree.brand(slug, **{"logo: logo.svg": "logo: logo.png", **replace})
    (folder / "logo.svg").unlink()
    tree.write(f"{slug}/logo.png", png_bytes((600, 600), (200, 30, 30)))
    return folder


# Variants and markup


def test_variants_and_srcset_in_html(tree):
    raster_brand(tree)
    site = build_site(tree.root)
    out = site / "brands/lian-xin-qiao"
    for name in ["logo.png", "logo.160.webp", "logo.160.png", "logo.320.webp", "logo.320.png"]:
        assert (out / name).is_file(), name
    with Image.open(out / "logo.160.webp") as im:
        assert (im.format, im.size) == ("WEBP", (160, 160))
    with Image.open(out / "logo.320.png") as im:
        assert (im.format, im.size) == ("PNG", (320, 320))
    # The 400 px photo is not upscaled: one variant at its own width.
    assert sorted(p.name for p in (out / "photos").iterdir()) == ["desk.400.png", "desk.400.webp", "desk.png"]

    gallery = read(site / "brands/index.html")
    card = re.search(r"<a class=\"bs-card\" href=\"lian-xin-qiao/\".*?</a>", gallery, re.S).group(0)
    assert '<source type="image/webp" srcset="lian-xin-qiao/logo.160.webp 160w, lian-xin-qiao/logo.320.webp 320w" sizes="96px">' in card
    assert 'srcset="lian-xin-qiao/logo.160.png 160w, lian-xin-qiao/logo.320.png 320w"' in card
    assert 'loading="lazy"' in card

    case = read(out / "cases/tui-shui/index.html")
    assert 'srcset="../../photos/desk.400.webp 400w"' in case
    assert 'width="400" height="300"' in case


def test_svg_logo_is_published_as_drawn_without_what_is_never_drawn(tree):
    """The picture stays; comments, <metadata>, <title>, <desc>, data-* attributes and the design
    program's elements and attributes (which hold file paths on the designer's computer, names,
    phone numbers) are not published."""
    import xml.etree.ElementTree as ET

    tree.brand()
    tree.write("lian-xin-qiao/logo.svg", (
        '<?xml version="1.0"?>\n<!-- 联系人 张三 13912345678 -->\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" viewBox="0 0 10 10" '
        'sodipodi:docname="内部稿.svg" inkscape:export-filename="C:\\Users\\zhangsan\\Desktop\\logo.png">'
        '<metadata><dc:title>张三 zhangsan@example.com</dc:title></metadata>'
        '<sodipodi:namedview inkscape:window-width="1920"/>'
        '<defs><circle id="c" r="4"/></defs>'
        '<title>联系人王小明</title><desc>wangxm@example.com</desc>'
        '<g inkscape:label="图层 1" fill="red" data-contact="王小明"><use xlink:href="#c" x="5" y="5"/>'
        '<text x="1" y="9">党建</text></g></svg>'))
    site = build_site(tree.root)
    out = site / "brands/lian-xin-qiao"
    published = (out / "logo.svg").read_text(encoding="utf-8")
    for gone in ("13912345678", "张三", "zhangsan", "内部稿", "Users", "namedview", "inkscape", "sodipodi", "metadata",
                 "王小明", "wangxm", "title", "desc", "data-"):
        assert gone not in published, gone
    root = ET.fromstring(published)
    svg = "{http://www.w3.org/2000/svg}"
    assert root.tag == svg + "svg" and root.get("viewBox") == "0 0 10 10"
    assert [el.tag.replace(svg, "") for el in root.iter()] == ["svg", "defs", "circle", "g", "use", "text"]
    assert root.find(f"{svg}g/{svg}use").get("{http://www.w3.org/1999/xlink}href") == "#c"
    assert root.find(f"{svg}g/{svg}text").text == "党建" and root.find(f"{svg}g").get("fill") == "red"
    assert not list(out.glob("logo.*.webp"))
    assert '<img class="bs-card__logo" src="lian-xin-qiao/logo.svg"' in read(site / "brands/index.html")


def test_exif_gps_stripped_and_orientation_applied(tree):
    tree.brand()
    tree.write("lian-xin-qiao/photos/phone.jpg", jpeg_with_gps_and_orientation())
    tree.write("lian-xin-qiao/story.md", "手机拍的照片:\n\n![窗口](photos/phone.jpg)\n")  # only shown photos are published
    site = build_site(tree.root)
    photos = site / "brands/lian-xin-qiao/photos"
    made = sorted(photos.glob("phone*"))
    assert [p.name for p in made] == ["phone.300.jpg", "phone.300.webp", "phone.jpg"]
    for path in made:
        data = path.read_bytes()
        assert b"Exif" not in data and b"PhoneMaker" not in data
        with Image.open(path) as im:
            assert im.size == (300, 400)  # rotated upright
            assert len(im.getexif()) == 0
            assert "exif" not in im.info
            # The red mark that was top-left is top-right once rotated clockwise.
            r, g, b = im.convert("RGB").getpixel((im.width - 10, 10))
            assert r > 200 and g < 80
            r, g, b = im.convert("RGB").getpixel((10, 10))
            assert b > 150


def test_a_16_bit_grey_png_keeps_its_greys_as_photo_and_as_logo(tree):
    """A scanner's or Photoshop's 16-bit grey PNG (mode I;16): Pillow's own conversion clips every
    value above 255, so the published photo, its variants and the logo on the share card came
    out nearly white. Left half dark grey (0x2000 of 0xffff), right half light (0xe000)."""
    row = struct.pack("<400H", *[0x2000] * 400) + struct.pack("<400H", *[0xE000] * 400)
    grey = Image.frombytes("I;16", (800, 600), row * 600)
    buf = io.BytesIO()
    grey.save(buf, "PNG")
    folder = tree.brand(**{"logo: logo.svg": "logo: logo.png"})
    (folder / "logo.svg").unlink()
    tree.write("lian-xin-qiao/logo.png", buf.getvalue())
    tree.write("lian-xin-qiao/photos/scan.png", buf.getvalue())
    tree.write("lian-xin-qiao/story.md", "扫描的老照片：\n\n![老照片](photos/scan.png)\n")
    site = build_site(tree.root, extra_yml="")
    made = sorted((site / "brands/lian-xin-qiao/photos").glob("scan*")) + sorted((site / "brands/lian-xin-qiao").glob("logo*"))
    assert len(made) >= 4, made
    for path in made:
        with Image.open(path) as im:
            im = im.convert("L")
            dark, light = im.getpixel((im.width // 4, im.height // 2)), im.getpixel((im.width * 3 // 4, im.height // 2))
            assert 24 <= dark <= 40 and 215 <= light <= 232, (path.name, dark, light)


# Cache


def test_second_build_does_no_image_work_and_one_edit_redoes_one(tree, counted):
    raster_brand(tree)
    raster_brand(tree, "hong-qiao", **{"name: 连心桥": "name: 红桥"})
    tree.write("hong-qiao/logo.png", png_bytes((600, 600), (30, 160, 30)))
    build_site(tree.root)
    assert sorted(counted) == ["desk.png", "logo.png", "logo.png"]  # same desk photo in both brands: made once
    manifest = json.loads((tree.root / ".cache/brandsite/images/manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["entries"]) == 3  # two different logos, one photo

    counted.clear()
    site = build_site(tree.root)
    assert counted == []
    assert (site / "brands/hong-qiao/logo.160.webp").is_file()

    tree.write("hong-qiao/logo.png", png_bytes((600, 600), (20, 90, 200)))
    site = build_site(tree.root)
    assert counted == ["logo.png"]
    with Image.open(site / "brands/hong-qiao/logo.160.png") as im:
        assert im.convert("RGB").getpixel((80, 80)) == (20, 90, 200)
    with Image.open(site / "brands/lian-xin-qiao/logo.160.png") as im:
        assert im.convert("RGB").getpixel((80, 80)) == (200, 30, 30)


def test_pipeline_reports_progress_on_long_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "PROGRESS_EVERY", 2)
    folder = tmp_path / "b"
    (folder / "photos").mkdir(parents=True)
    jobs = []
    for i in range(4):
        (folder / f"photos/p{i}.png").write_bytes(png_bytes((50, 40), (i * 50, 0, 0)))
        jobs.append(Job("b", folder, f"photos/p{i}.png", "photo"))
    lines: list[str] = []
    pipeline = Pipeline(tmp_path / "cache", workers=2, progress=lines.append)
    outputs, problems = pipeline.run(jobs)
    assert problems == [] and len(outputs) == 4 and pipeline.processed == 4
    assert [line.split("（")[0] for line in lines] == ["处理图片 2/4", "处理图片 4/4"]
    lines.clear()
    Pipeline(tmp_path / "cache", progress=lines.append).run(jobs)
    assert lines == []


# Limits and broken files


def test_broken_and_bomb_images_become_problems(tmp_path):
    folder = tmp_path / "b"
    (folder / "photos").mkdir(parents=True)
    (folder / "photos/broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg")
    (folder / "photos/bomb.png").write_bytes(bomb_png())
    (folder / "photos/big.png").write_bytes(png_bytes((300, 300)))
    (folder / "photos/ok.png").write_bytes(png_bytes((50, 50)))
    jobs = [Job("b", folder, f"photos/{n}", "photo", "brands/b") for n in ["broken.jpg", "bomb.png", "big.png", "ok.png"]]
    outputs, problems = Pipeline(tmp_path / "cache", Settings(max_pixels=50_000)).run(jobs)
    assert list(outputs) == [("b", "photos/ok.png")]
    assert [str(p) for p in problems] == [
        "brands/b/photos/big.png:1: 图片“big.png”有 300×300 像素，超过上限 5 万像素。请缩小后再放入：例如用 Windows 的"
        "“画图”打开，点“重新调整大小”把宽度改成 2000 像素，再另存为 JPG，一般只有几百 KB",
        "brands/b/photos/bomb.png:1: 图片“bomb.png”声称的像素尺寸过大（疑似“解压炸弹”），已拒绝处理。如果是照片，请缩小后再放入："
        "例如用 Windows 的“画图”打开，点“重新调整大小”把宽度改成 2000 像素，再另存为 JPG，一般只有几百 KB；"
        "如果不是，它可能已损坏或被改过，请换一张正常的图片",
        "brands/b/photos/broken.jpg:1: 图片“broken.jpg”已损坏或无法识别。请重新导出后再放入",
    ]
    assert all(p.slug == "b" and p.level == "error" for p in problems)
    assert Image.MAX_IMAGE_PIXELS is not None  # Pillow's own limit stays on


def test_a_phone_s_108_megapixel_photo_is_told_its_size_and_how_to_shrink_it(tmp_path):
    """Past Pillow's warning but within twice it, a photo a phone's high-resolution mode takes
    (12000×9000): its size and how to make it smaller, not "decompression bomb"."""
    from brandsite.content.imagefiles import image_problem

    path = tmp_path / "phone.png"
    Image.new("1", (12000, 9000)).save(path)
    level, message = image_problem(path)
    assert level == "error" and message.startswith("图片“phone.png”有 12000×9000 像素（约 1.08 亿像素）"), message
    assert "画图" in message and "炸弹" not in message


def test_byte_cap(tmp_path):
    folder = tmp_path / "b"
    (folder / "photos").mkdir(parents=True)
    (folder / "photos/big.png").write_bytes(png_bytes((300, 300)))
    _, problems = Pipeline(tmp_path / "cache", Settings(max_bytes=100)).run([Job("b", folder, "photos/big.png", "photo", "brands/b")])
    assert len(problems) == 1 and "超过上限" in problems[0].message and "MB" in problems[0].message


def test_broken_photo_fails_the_build_with_a_clear_error(tree, caplog):
    tree.brand()
    tree.write("lian-xin-qiao/photos/extra.jpg", b"not an image at all")
    tree.write("lian-xin-qiao/story.md", "![现场](photos/extra.jpg)\n")
    with pytest.raises(Abort):
        build_site(tree.root)
    assert "brands/lian-xin-qiao/photos/extra.jpg:1: 图片“extra.jpg”已损坏或无法识别" in caplog.text


def test_a_broken_photo_nothing_shows_is_neither_an_error_nor_published(tree):
    tree.brand()
    tree.write("lian-xin-qiao/photos/extra.jpg", b"not an image at all")
    tree.write("lian-xin-qiao/photos/empty.png", b"")
    site = build_site(tree.root)
    assert sorted(p.name for p in (site / "brands/lian-xin-qiao/photos").iterdir()) == ["desk.400.png", "desk.400.webp", "desk.png"]


# Targets on the sample site


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    # One full-size phone photo, to hold the 1200 px target against a real-sized input.
    noisy_photo().save(root / "brands/jiang-xin-hong-lu/photos/factory-floor.jpg", "JPEG", quality=92)
    return build_root(root)


def test_sample_gallery_logos_and_case_photos_meet_size_targets(sample_site):
    gallery = read(sample_site / "brands/index.html")
    cards = re.findall(r'<a class="bs-card".*?</a>', gallery, re.S)
    assert cards
    for card in cards:
        webp = re.search(r'<source type="image/webp" srcset="([^" ]+) 160w', card)
        chosen = webp.group(1) if webp else re.search(r'class="bs-card__logo" src="([^"]+)"', card).group(1)
        assert (sample_site / "brands" / chosen).stat().st_size <= 30 * 1024, chosen
    photo = sample_site / "brands/jiang-xin-hong-lu/photos/factory-floor.1200.webp"
    with Image.open(photo) as im:
        assert im.width == 1200
    assert photo.stat().st_size <= 200 * 1024
    assert (sample_site / "brands/jiang-xin-hong-lu/photos/factory-floor.1200.jpg").stat().st_size <= 200 * 1024
    # The photo is a Markdown image in the case body: it gets a srcset too.
    case = read(sample_site / "brands/jiang-xin-hong-lu/cases/jiu-shi-tian-gong-xia-gang-ti-lie-wen/index.html")
    assert 'srcset="../../photos/factory-floor.480.webp 480w, ../../photos/factory-floor.800.webp 800w, ../../photos/factory-floor.1200.webp 1200w"' in case
    assert 'alt="锻造车间"' in case


def test_the_other_cases_cards_on_a_case_page_show_the_resized_copies(sample_site):
    """As the brand page's case cards do: on a phone three cards are three 480 px copies,
    not three originals of up to 5 MB."""
    seen = 0
    for page in sorted(sample_site.glob("brands/*/cases/*/index.html")):
        more = re.search(r'<div class="bs-cases bs-cases--more">(.*?)</div>', read(page), re.S)
        for card in re.findall(r'<a class="bs-case-card".*?</a>', more.group(1) if more else "", re.S):
            if "bs-case-card__ph" in card:  # no photo: the logo
                continue
            seen += 1
            assert re.search(r'<source type="image/webp" srcset="[^"]*\.480\.webp 480w', card), (page, card[:300])
    assert seen >= 3


def test_a_change_to_the_cleaned_svg_comes_with_a_new_shelf_version(tmp_path):
    """Cleaned logos are kept by SVG_SHELF_VERSION: a change to what clean_svg writes must bump it, or
    a site built before keeps publishing the old output. The pair below changes only together."""
    import hashlib

    from brandsite.content.sanitize import clean_svg
    from brandsite.media.images import SVG_SHELF_VERSION

    logo = tmp_path / "logo.svg"
    logo.write_text('<?xml version="1.0"?><!-- c --><svg viewBox="0 0 10 10" xmlns:i="http://www.inkscape.org/namespaces/inkscape">'
                    '<title>t</title><desc>d</desc><metadata>m</metadata><g i:label="l" data-x="1" fill="red">'
                    '<circle cx="5" cy="5" r="4" aria-label="a"/><text>字<tspan>2</tspan>3</text>stray</g>'
                    '<style>/* note */ circle { fill: red }</style></svg>', encoding="utf-8")
    made = hashlib.sha256(clean_svg(logo)).hexdigest()[:16]
    assert (SVG_SHELF_VERSION, made) == ("3", "5cbe39bcd2305e0f"), "clean_svg changed: bump SVG_SHELF_VERSION and pin its new output"


@pytest.mark.parametrize("written", ["photos/desk.png", "photo/desk.png", "images/DESK.png"])
def test_a_case_photo_written_with_another_folder_is_told_the_path_of_the_one_there(tree, written):
    """photos: [photos/desk.png] in a case (story.md's way) was told only to write ../photos/文件名.jpg."""
    tree.brand()
    case = tree.brands / "lian-xin-qiao/cases/tui-shui.md"
    case.write_text(case.read_text(encoding="utf-8").replace("photos: [../photos/desk.png]", f"photos: [{written}]"), encoding="utf-8")
    said = [str(p) for p in check(tree)[1] if "找不到照片" in p.message]
    assert said == [f"brands/lian-xin-qiao/cases/tui-shui.md:5: 找不到照片“{written}”：照片 desk.png 在本品牌的 photos/ 文件夹里，"
                    "这里应写成 ../photos/desk.png"], said


@pytest.mark.parametrize("logo", ["a" * 256 + ".svg", "党" * 86 + ".svg"])
def test_a_logo_name_too_long_for_any_file_system_is_told_not_a_traceback(tree, logo):
    """logo: with a 256-letter name stopped check and build with OSError (File name too long)."""
    tree.brand(**{"logo: logo.svg": f"logo: {logo}"})
    said = [str(p) for p in check(tree)[1] if "logo" in str(p)]
    assert any("太长，电脑上不能有这么长的文件名" in m for m in said), said
