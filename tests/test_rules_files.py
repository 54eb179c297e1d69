"""The image files a brand folder names (content/imagefiles.py), as a golden table: the logo, the
cases' photos, the photos the prose shows, and SVG logos with anything that could run or load.
"""

from __future__ import annotations

import pytest
from tests.conftest import CASE_MD, check, messages, png_bytes
from tests.golden import CASE, Y, brand_lines

PHOTOS = "brands/lian-xin-qiao/photos"
STORY = "brands/lian-xin-qiao/story.md"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'
RECT = '<rect width="9" height="9"/>'
PNG_LOGO = {"logo: logo.svg": "logo: logo.png"}
BROKEN = "图片“{}”已损坏或无法识别。请重新导出后再放入"
ASPECT = "图片“{}”的宽高比过于悬殊（{}，超过 20:1），无法正常显示和绘制。请裁成接近方形或常见比例后重新导出"
SAME_STEM = "图片“desk.png”与“{}”只有扩展名不同，网站为它们生成的缩略图会互相覆盖。请给其中一张改名"
REEXPORT = "可能运行脚本，已拒绝。请重新导出为纯图形 SVG"


def story(markdown: str, **files) -> dict:
    return {"story.md": f"# 故事\n\n{markdown}\n", **{f"photos/{name}": data for name, data in files.items()}}


def logo(svg: str) -> dict:
    return {"logo.svg": svg}


def clear_canvas(size: int, drawn: int) -> bytes:
    """A PNG of `size` pixels a side, clear but for a red disc `drawn` pixels across in its middle."""
    import io

    from PIL import Image, ImageDraw

    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    at = (size - drawn) // 2
    ImageDraw.Draw(im).ellipse((at, at, at + drawn - 1, at + drawn - 1), fill=(200, 0, 0, 255))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


# (replace in brand.yml, files to write, the lines)
IMAGE_FILES = [
    pytest.param(PNG_LOGO, {}, [f"{Y}:11: 找不到 logo 文件“logo.png”。请把 logo: 改成已有的图片之一：logo.svg；或把标识图片放进品牌文件夹，文件名与这里写的一致"], id="logo-missing"),
    pytest.param(PNG_LOGO, {"Logo.PNG": png_bytes((300, 300))}, [
        f"{Y}:11: 找不到 logo 文件“logo.png”。文件夹里的是“Logo.PNG”，只有大小写不同：网址区分大小写，请把 logo: 改成 Logo.PNG（或把文件改名）",
    ], id="logo-case-differs"),
    # saved as "logo.png" where Windows hides extensions: logo.png.png, offered as a name to write
    pytest.param(PNG_LOGO, {"logo.png.png": png_bytes((300, 300))}, [
        f"{Y}:11: 找不到 logo 文件“logo.png”。文件夹里的是“logo.png.png”：Windows 不显示扩展名时，另存为“logo.png”会多出一个扩展名。"
        "请在文件资源管理器的“查看”里勾选“文件扩展名”，把文件改名为 logo.png",
    ], id="logo-saved-with-its-suffix-twice"),
    pytest.param({"logo: logo.svg": "logo: logo.svg\u3000"}, {}, [
        f"{Y}:11: 找不到 logo 文件“logo.svg\u3000”。它的前后多了空格（可能是全角空格），请删去。请把 logo: 改成已有的图片之一：logo.svg；"
        "或把标识图片放进品牌文件夹，文件名与这里写的一致",
    ], id="logo-with-a-full-width-space"),
    pytest.param(PNG_LOGO, {"logo.svg": None}, [
        f"{Y}:11: 找不到 logo 文件“logo.png”。请把标识图片放进品牌文件夹（和 brand.yml 放在一起），文件名与 logo: 后写的一致",
    ], id="logo-missing-none-there"),
    # written in a folder it is not in: the file beside brand.yml is named; other folders' images with their folder
    pytest.param({"logo: logo.svg": "logo: photos/logo.svg"}, {"photos/hui-yi.png": png_bytes((300, 300))}, [
        f"{Y}:11: 找不到 logo 文件“photos/logo.svg”。品牌文件夹里（和 brand.yml 放在一起）有“logo.svg”：请写成 logo: logo.svg",
    ], id="logo-written-in-the-photos-folder"),
    # the other way round: the logo put in photos/ with the photos, written as beside brand.yml
    pytest.param(PNG_LOGO, {"logo.svg": None, "photos/logo.png": png_bytes((300, 300))}, [
        f"{Y}:11: 找不到 logo 文件“logo.png”。它在 photos/ 文件夹里：标识请和 brand.yml 放在一起"
        "（把 photos/logo.png 移到品牌文件夹里），或写成 logo: photos/logo.png",
    ], id="logo-put-in-the-photos-folder"),
    pytest.param({"logo: logo.svg": "logo: photos/biao-zhi.svg"}, {"photos/hui-yi.png": png_bytes((300, 300))}, [
        f"{Y}:11: 找不到 logo 文件“photos/biao-zhi.svg”。请把 logo: 改成已有的图片之一：photos/desk.png、photos/hui-yi.png；"
        "或把标识图片放进品牌文件夹，文件名与这里写的一致",
    ], id="logo-missing-in-a-folder"),
    pytest.param({"logo: logo.svg": "logo: ../../etc/passwd"}, {}, [
        f"{Y}:11: logo 路径“../../etc/passwd”指向了品牌文件夹以外。请把标识放进本文件夹，写成 logo: logo.svg",
    ], id="logo-outside"),
    pytest.param({"logo: logo.svg": "logo: 'D:\\桌面\\标识.png'"}, {}, [
        f"{Y}:11: logo 路径“D:\\桌面\\标识.png”指向了品牌文件夹以外。请把标识放进本文件夹，写成 logo: 标识.png",
    ], id="logo-on-a-windows-desktop"),
    pytest.param(PNG_LOGO, {"logo.png": "这不是图片"}, [f"{Y}:11: " + BROKEN.format("logo.png")], id="logo-broken"),
    pytest.param({"logo: logo.svg": "logo: logo.jpg"}, {"logo.jpg": png_bytes((300, 300))}, [
        f"{Y}:11: 图片“logo.jpg”的扩展名与实际格式（PNG）不符。请把文件改名为 logo.png，再把引用它的地方（logo: 或照片）也改成这个名字"
        "（Windows 不显示扩展名时，在文件资源管理器的“查看”里勾选“文件扩展名”）；或者用图片软件把它另存为 .jpg 格式",
    ], id="logo-extension-lies"),
    pytest.param({"logo: logo.svg": "logo: logo.bmp"}, {"logo.bmp": png_bytes((300, 300))}, [
        f"{Y}:11: “logo.bmp”不是支持的图片格式。请使用 SVG、PNG、JPG 或 WebP",
    ], id="logo-format"),
    pytest.param({"logo: logo.svg": "logo: share.png"}, {"share.png": png_bytes((300, 300))}, [
        f"{Y}:11: 图片文件名“share.png”与网站自动生成的文件（分享图片 share.png、宣传海报 poster-…、缩略图 名称.宽度.webp）"
        "重名，发布时会被覆盖。请改个文件名，例如 logo.png 或 photos/huodong-1.jpg",
    ], id="logo-generated-name"),
    pytest.param(PNG_LOGO, {"logo.png": png_bytes((300, 300)) + b"\0" * (16 * 1024 * 1024)}, [
        f"{Y}:11: 图片“logo.png”有 16.0 MB，超过上限 15 MB。请缩小后再放入：例如用 Windows 的“画图”打开，"
        "点“重新调整大小”把宽度改成 2000 像素，再另存为 JPG，一般只有几百 KB",
    ], id="logo-too-large"),
    pytest.param(PNG_LOGO, {"logo.png": png_bytes((3000, 100))}, [f"{Y}:11: " + ASPECT.format("logo.png", "3000×100")],
                 id="logo-aspect"),
    pytest.param(PNG_LOGO, {"logo.png": png_bytes((64, 64))}, [
        f"{Y}:11: 警告：标识“logo.png”是 64×64 像素，较短的一边不到 128 像素，显示会模糊。请换一张较短边至少 256 像素的图片，最好是 SVG"
        "（把小图放大后再保存没有用，还是模糊）。不换的话，发布构建会因这条警告停下",
    ], id="logo-small"),
    # shown in a square frame, a long logo is too small to read: a note, which does not stop a build
    pytest.param(PNG_LOGO, {"logo.png": png_bytes((1200, 400))}, [
        f"{Y}:11: 提示：标识“logo.png”的宽是另一边的 3.0 倍。网站在方框里显示标识（品牌卡片、首页列表、案例页），"
        "这样的标识会显得很小、看不清。最好另存一张接近方形的标识（只留图形，或把文字排在图形下面），再把 logo: 改成它的文件名（不改也可以发布）",
    ], id="logo-long"),
    pytest.param({}, logo('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 250"/>'), [
        f"{Y}:11: 提示：标识“logo.svg”的高是另一边的 2.5 倍。网站在方框里显示标识（品牌卡片、首页列表、案例页），"
        "这样的标识会显得很小、看不清。最好另存一张接近方形的标识（只留图形，或把文字排在图形下面），再把 logo: 改成它的文件名（不改也可以发布）",
    ], id="logo-tall-svg"),
    pytest.param(PNG_LOGO, {"logo.png": png_bytes((750, 500))}, [], id="logo-three-to-two"),
    # a 16:9 photo saved as the logo: a note (it passed without a word)
    pytest.param(PNG_LOGO, {"logo.png": png_bytes((1600, 900))}, [
        f"{Y}:11: 提示：标识“logo.png”的宽是另一边的 1.8 倍。网站在方框里显示标识（品牌卡片、首页列表、案例页），"
        "这样的标识会显得很小、看不清。最好另存一张接近方形的标识（只留图形，或把文字排在图形下面），再把 logo: 改成它的文件名（不改也可以发布）",
    ], id="logo-sixteen-to-nine"),
    # a banner saved as the logo: a thin strip on every card, its words unreadable
    pytest.param(PNG_LOGO, {"logo.png": png_bytes((1600, 300))}, [
        f"{Y}:11: 警告：标识“logo.png”的宽是另一边的 5.3 倍。网站在方框里显示标识（品牌卡片、首页列表、案例页），"
        "这样的标识会缩成一窄条，上面的字看不出来。请另存一张接近方形的标识（只留图形，或把文字排在图形下面），再把 logo: 改成它的文件名。"
        "不改的话，发布构建会因这条警告停下",
    ], id="logo-banner"),
    # a logo drawn small on a large clear canvas is shown as small as it is drawn
    pytest.param(PNG_LOGO, {"logo.png": clear_canvas(3000, 600)}, [
        f"{Y}:11: 警告：标识“logo.png”四周的透明空白太多：图形只占画面的 20%。网站在方框里显示整张图片（品牌卡片、首页列表、"
        "案例页），图形会显得很小、看不清。请用图片软件把四周的透明空白裁掉（只留一点边），另存后再放回品牌文件夹。"
        "不改的话，发布构建会因这条警告停下",
    ], id="logo-dot-on-a-clear-canvas"),
    pytest.param(PNG_LOGO, {"logo.png": clear_canvas(1000, 400)}, [
        f"{Y}:11: 提示：标识“logo.png”四周的透明空白太多：图形只占画面的 40%。网站在方框里显示整张图片（品牌卡片、首页列表、"
        "案例页），图形会显得很小、看不清。请用图片软件把四周的透明空白裁掉（只留一点边），另存后再放回品牌文件夹（不改也可以发布）",
    ], id="logo-small-on-a-clear-canvas"),
    pytest.param(PNG_LOGO, {"logo.png": clear_canvas(1000, 800)}, [], id="logo-with-a-clear-margin"),
    pytest.param({}, logo('<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="10"/>'), [
        f"{Y}:11: " + ASPECT.format("logo.svg", "3000×10"),
    ], id="svg-aspect"),
    pytest.param({}, logo('<svg xmlns="http://www.w3.org/2000/svg" brandsite-placeholder="1"/>'), [
        f"{Y}:11: 警告：标识还是 brandsite new 生成的占位图。请把本品牌的标识图片放进品牌文件夹，再把 logo: 改成它的文件名（例如 logo: logo.png）",
    ], id="svg-placeholder"),
    # the editor put the logo in and did not change logo: yet; the file is named, not logo.png
    pytest.param({}, {**logo('<svg xmlns="http://www.w3.org/2000/svg" brandsite-placeholder="1"/>'), "biao-shi.png": png_bytes((400, 400))}, [
        f"{Y}:11: 警告：标识还是 brandsite new 生成的占位图。文件夹里已经有 biao-shi.png：请把 logo: 改成标识图片的文件名"
        "（例如 logo: biao-shi.png），再删去占位的 logo.svg",
    ], id="svg-placeholder-beside-the-logo"),
    pytest.param({}, logo('<svg xmlns="http://www.w3.org/2000/svg"'), [f"{Y}:11: “logo.svg”不是有效的 SVG 文件（无法解析）。请重新导出"],
                 id="svg-unparsable"),
    pytest.param({}, logo(SVG.format("<script>alert(1)</script>")), [
        f"{Y}:11: 标识“logo.svg”含有脚本 <script>，出于安全原因不允许。请在设计软件里重新导出为纯图形 SVG",
    ], id="svg-script"),
    pytest.param({}, logo(f'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">{RECT}</svg>'), [
        f"{Y}:11: 标识“logo.svg”含有事件属性 onload=，" + REEXPORT,
    ], id="svg-event-handler"),
    pytest.param({}, logo(SVG.format(f'<a xlink:href="javascript:alert(1)">{RECT}</a>')), [
        f"{Y}:11: 标识“logo.svg”含有 javascript: 链接，" + REEXPORT,
    ], id="svg-javascript-link"),
    pytest.param({}, logo(SVG.format(f'<a xlink:href="java&#x09;script:alert(1)">{RECT}</a>')), [
        f"{Y}:11: 标识“logo.svg”含有 javascript: 链接，" + REEXPORT,
    ], id="svg-javascript-link-with-a-tab"),
    pytest.param({}, logo(SVG.format(f'<a>{RECT}<animate attributeName=" onbegin" to="alert(1)"/></a>')), [
        f"{Y}:11: 标识“logo.svg”用动画改写事件属性 onbegin=，" + REEXPORT,
    ], id="svg-animated-event-handler"),
    pytest.param({}, logo(SVG.format('<image href="https://cdn.example.com/a.png"/>')), [
        f"{Y}:11: 标识“logo.svg”引用了外部地址“https://cdn.example.com/a.png”。内网访问者加载不到，且可能不安全；请把图形直接画进 SVG",
    ], id="svg-external-image"),
    pytest.param({}, logo(SVG.format("<foreignObject><div>x</div></foreignObject>")), [
        f"{Y}:11: 标识“logo.svg”含有<foreignobject> 元素，出于安全原因不允许。请在设计软件里重新导出为纯图形 SVG",
    ], id="svg-foreign-object"),
    pytest.param({}, logo(SVG.format("<style>@import url(https://x.example/a.css);</style>")), [
        f"{Y}:11: 标识“logo.svg”的样式引用了外部资源（url()、@import 或转义字符）。请去掉外部引用后重新导出",
    ], id="svg-css-import"),
    pytest.param({}, logo('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                          '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'), [
        f"{Y}:11: “logo.svg”含有 DOCTYPE 或实体定义，可能被用来攻击，已拒绝。请用设计软件重新导出为普通 SVG",
    ], id="svg-entities"),
    pytest.param({}, logo(SVG.format('<defs><circle id="c" r="4"/></defs><use xlink:href="#c"/>'
                                     '<rect fill="url(#g)" width="2" height="2"/>')), [], id="svg-internal-references-are-fine"),
    pytest.param({}, {"cases/tui-shui.md": CASE_MD.replace("[../photos/desk.png]", "[../photos/nope.jpg]")}, [
        f"{CASE}:5: 找不到照片“../photos/nope.jpg”。请改成已有的图片之一：../photos/desk.png；或把照片放进品牌的 photos/ 文件夹，文件名与这里写的一致"
        "。照片删掉了、不再用的话，从 photos: 里删去这一行",
    ], id="case-photo-missing"),
    pytest.param({}, {"cases/tui-shui.md": CASE_MD.replace("[../photos/desk.png]", "[../photos/DESK.png]")}, [
        f"{CASE}:5: 找不到照片“../photos/DESK.png”。文件夹里的是“desk.png”，只有大小写不同：网址区分大小写，请改成 ../photos/desk.png（或把文件改名）",
    ], id="case-photo-case-differs"),
    pytest.param({}, {"cases/tui-shui.md": CASE_MD.replace("[../photos/desk.png]", "[../../etc/x.png]")}, [
        f"{CASE}:5: 照片路径“../../etc/x.png”指向了品牌文件夹以外。请把照片放进 photos/，写成 ../photos/文件名.jpg",
    ], id="case-photo-outside"),
    pytest.param({}, {"cases/tui-shui.md": CASE_MD.replace("[../photos/desk.png]", "[../logo.svg]")}, [
        f"{CASE}:5: “logo.svg”不是支持的图片格式。请使用 PNG、JPG、WebP 或 GIF（SVG 只能用作标识）",
    ], id="case-photo-svg"),
    pytest.param({}, {"cases/tui-shui.md": CASE_MD.replace("[../photos/desk.png]", "[../photos/IMG_0001.HEIC]"),
                      "photos/IMG_0001.HEIC": b"ftypheic"}, [
        f"{CASE}:5: “IMG_0001.HEIC”是苹果手机的 HEIC 格式，网站用不了。请转成 JPG：在 Windows 的“照片”应用里打开，另存为 JPG；"
        "或用微信把照片发到电脑上保存（会存成 JPG）。以后拍照可在 iPhone 的“设置 → 相机 → 格式”里选“兼容性最佳”",
    ], id="case-photo-heic"),
    # a phone's HEIC photo renamed .jpg (or sent on as one): it was "已损坏或无法识别"
    pytest.param({}, {"cases/tui-shui.md": CASE_MD.replace("[../photos/desk.png]", "[../photos/cha-yuan.jpg]"),
                      "photos/cha-yuan.jpg": b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)}, [
        f"{CASE}:5: “cha-yuan.jpg”是苹果手机的 HEIC 格式，网站用不了。请转成 JPG：在 Windows 的“照片”应用里打开，另存为 JPG；"
        "或用微信把照片发到电脑上保存（会存成 JPG）。以后拍照可在 iPhone 的“设置 → 相机 → 格式”里选“兼容性最佳”",
    ], id="case-photo-heic-named-jpg"),
    pytest.param({}, {"cases/tui-shui.md": CASE_MD.replace("[../photos/desk.png]", "[../photos/wei-xin.jfif]"),
                      "photos/wei-xin.jfif": b"\xff\xd8\xff\xe0"}, [
        f"{CASE}:5: “wei-xin.jfif”其实是 JPG 图片（Windows 保存网页和微信里的图片时常用这个扩展名），网站只认 .jpg。"
        "请把文件改名为“wei-xin.jpg”，并改正引用它的地方",
    ], id="case-photo-jfif"),
    pytest.param({}, {"photos/desk.png": b"not a png"}, [f"{CASE}:5: " + BROKEN.format("desk.png")], id="case-photo-broken"),
    pytest.param({}, story("![x](photos/a.png)", **{"a.png": b"broken"}), [f"{PHOTOS}/a.png:1: " + BROKEN.format("a.png")],
                 id="story-photo-broken"),
    pytest.param({}, story("![x](photos/desk.gif)", **{"desk.gif": png_bytes()}), [
        f"{PHOTOS}/desk.gif:1: 图片“desk.gif”的扩展名与实际格式（PNG）不符。请把文件改名为 desk.png，再把引用它的地方（logo: 或照片）"
        "也改成这个名字（Windows 不显示扩展名时，在文件资源管理器的“查看”里勾选“文件扩展名”）；或者用图片软件把它另存为 .gif 格式",
        f"{PHOTOS}/desk.png:1: " + SAME_STEM.format("desk.gif"),
    ], id="story-photo-same-stem"),
    pytest.param({}, {"photos/unshown.png": b"broken"}, [], id="unshown-photo-is-not-checked"),
    pytest.param({}, story("![x](photos/nope.png)", **{"a.png": png_bytes()}), [
        f"{STORY}:3: 警告：story.md：找不到图片“photos/nope.png”。请改成已有的图片之一：photos/a.png、photos/desk.png；"
        "或把照片放进品牌的 photos/ 文件夹，文件名与这里写的一致",
    ], id="story-photo-missing-lists-the-photos"),
    pytest.param({}, story("![x](photos/DESK.png)"), [
        f"{STORY}:3: 警告：story.md：找不到图片“photos/DESK.png”。文件夹里的是“desk.png”，只有大小写不同："
        "网址区分大小写，请改成 photos/desk.png（或把文件改名）",
    ], id="story-photo-case-differs"),
    # an SVG in photos/ is no photo for the text: told that, not that it is not in photos/
    pytest.param({}, story("![图](photos/tu.svg)", **{"tu.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"}), [
        f"{STORY}:3: 警告：story.md：图片“photos/tu.svg”是 SVG 图片：SVG 只能用作品牌标识（logo），网站不会发布正文里的 SVG，"
        "只显示文字。请另存为 PNG 或 JPG 后再引用",
    ], id="story-photo-svg"),
    pytest.param({}, story("![麦田](photos/wx.jfif)", **{"wx.jfif": b"\xff\xd8\xff\xe0"}), [
        f"{STORY}:3: 警告：story.md：图片“photos/wx.jfif”其实是 JPG 图片（Windows 保存网页和微信里的图片时常用这个扩展名），"
        "网站只认 .jpg。请把文件改名为“wx.jpg”，并改正这里的写法",
    ], id="story-photo-jfif"),
]


@pytest.mark.parametrize("replace,files,expected", IMAGE_FILES)
def test_image_files(tree, replace, files, expected):
    assert brand_lines(tree, replace, files) == expected


def test_every_input_method_slip_and_the_other_mistakes_are_told_in_one_check(tree):
    """A full-width colon on one line and a Tab on another were told one per check, and each hid
    every other mistake in the file: three checks for one hurried brand. Now one check tells them
    all, the file read with the slips mended (and they stay errors)."""
    tree.brand()
    yml = tree.brands / "lian-xin-qiao/brand.yml"
    text = yml.read_text(encoding="utf-8")
    text = text.replace("region: 青禾区", "region：青禾区").replace("  document:", "\tdocument:").replace("category: 机关", "category: 不存在")
    yml.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    at = {key: next(i for i, line in enumerate(lines, 1) if key in line) for key in ("region：", "\tdocument", "category")}
    _, problems = check(tree)
    found = {(p.line, p.level) for p in problems if p.path.endswith("brand.yml")}
    assert {(at["region："], "error"), (at["\tdocument"], "error"), (at["category"], "error")} <= found, messages(problems)
    assert any("全角冒号" in m for m in messages(problems)) and any("Tab" in m for m in messages(problems))
    assert any("不存在" in m for m in messages(problems))


def test_slips_that_leave_the_file_unreadable_are_all_told(tree):
    tree.brand()
    yml = tree.brands / "lian-xin-qiao/brand.yml"
    text = yml.read_text(encoding="utf-8").replace("region: 青禾区", "region：青禾区").replace("  document:", "\tdocument:")
    yml.write_text(text + "carriers: [unclosed\n", encoding="utf-8")
    _, problems = check(tree)
    told = " ".join(messages(problems))
    assert "全角冒号" in told and "Tab" in told, told
