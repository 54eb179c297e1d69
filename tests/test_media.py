"""Media from a hostile or careless editor (issue 18): SVG references, sizes, what is published."""

from __future__ import annotations

import pytest
from tests.conftest import check

from brandsite.content.sanitize import svg_problem

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'


def errors(problems) -> list[str]:
    return [str(p) for p in problems if p.level == "error"]


# SVG: only "#fragment" references, however a scheme is spelled


@pytest.mark.parametrize("body, words", [
    ('<a xlink:href="java&#x09;script:alert(1)"><rect width="9" height="9"/></a>', "javascript:"),
    ('<a href="&#10;jav&#x0D;ascript:alert(1)"><rect width="9" height="9"/></a>', "javascript:"),
    ('<a href="java&#0;script:alert(1)"><rect width="9" height="9"/></a>', "无法解析"),  # not even XML
    ('<a href="JaVaScRiPt&#x3A;alert(1)"><rect width="9" height="9"/></a>', "javascript:"),
    ('<a><set attributeName="href" to="#x"/><rect width="9" height="9"/></a>', "动画"),
    ('<rect width="9" height="9"><animate attributeName="fill" values="red;javascript:alert(1)"/></rect>', "javascript:"),
    ('<a><animate attributeName="xlink:href" values="#a;#b"/><rect width="9" height="9"/></a>', "动画"),
    ('<image href="other-brand.png" width="9" height="9"/>', "外部地址"),
    ('<image href="data:image/png;base64,iVBORw0KGgo=" width="9" height="9"/>', "data:"),
    ('<style>rect{fill:u\\72l(https://x.example/a.png)}</style>', "外部资源"),
    ('<rect style="fill:url( https://x.example/a.png )" width="9" height="9"/>', "外部资源"),
])
def test_svg_references_other_than_fragments_are_refused(tmp_path, body, words):
    path = tmp_path / "logo.svg"
    path.write_text(SVG.format(body), encoding="utf-8")
    message = svg_problem(path)
    assert message and words in message, message


def test_an_xml_stylesheet_instruction_is_refused(tmp_path):
    path = tmp_path / "logo.svg"
    path.write_text('<?xml-stylesheet href="https://x.example/a.css"?>' + SVG.format("<rect/>"), encoding="utf-8")
    assert "xml-stylesheet" in svg_problem(path)


def test_fragment_references_are_fine(tmp_path):
    path = tmp_path / "logo.svg"
    path.write_text(SVG.format('<defs><circle id="c" r="4"/><linearGradient id="g"/></defs><use xlink:href="#c"/>'
                               '<use href=" #c "/><rect fill="url(#g)" style="fill: url(\'#g\')" width="2" height="2"/>'),
                    encoding="utf-8")
    assert svg_problem(path) is None


# Helper processes: a hang or a crash costs one job, never the build


def test_a_hung_job_times_out_and_the_next_job_gets_a_fresh_helper():
    from brandsite.media import sandbox

    pool = sandbox.Pool(1)
    try:
        with pytest.raises(sandbox.Failed) as hung:
            pool.call("time:sleep", 30, timeout=0.5)
        assert hung.value.reason == "timeout"
        with pytest.raises(sandbox.Failed) as dead:
            pool.call("os:_exit", 3, timeout=10)
        assert dead.value.reason == "crash"
        assert pool.call("math:hypot", 3, 4, timeout=10) == 5.0
        with pytest.raises(sandbox.Failed) as err:
            pool.call("math:sqrt", -1, timeout=10)
        assert err.value.reason == "error"
    finally:
        pool.close()


def test_resvg_never_gets_a_canvas_larger_than_the_box():
    from io import BytesIO

    from PIL import Image

    from brandsite.media import drawing

    tall = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000"><rect width="1" height="100000"/></svg>'
    png = drawing.svg_to_png(tall, 700)
    if png is not None:
        assert max(Image.open(BytesIO(png)).size) <= 700


@pytest.mark.parametrize("bomb", ["use", "dash", "blur", "blur-entity", "clip", "stops", "layers"])
def test_an_svg_logo_that_hangs_resvg_is_refused_by_the_check(tmp_path, monkeypatch, bomb):
    from tests.hostile.cases_media import _blur_bomb, _clip_bomb, _dash_bomb, _layers_bomb, _stops_bomb, _use_bomb

    from brandsite.media import images, mediacheck, sandbox
    from brandsite.content.load import load_catalog
    from brandsite.content.model import DEFAULT_CATEGORIES
    from tests.conftest import BrandTree

    monkeypatch.setattr(sandbox, "SVG_SECONDS", 1.0)  # each of these runs for minutes: the limit is waited out
    tree = BrandTree(tmp_path)
    tree.brand()
    (tree.brands / "lian-xin-qiao/logo.svg").write_text({"use": _use_bomb, "dash": _dash_bomb, "blur": _blur_bomb,
                                                         "blur-entity": lambda: _blur_bomb(word="fil&#116;er"),
                                                         "clip": _clip_bomb, "stops": _stops_bomb,
                                                         "layers": _layers_bomb}[bomb](),
                                                        encoding="utf-8")
    catalog, problems = load_catalog(tree.brands, DEFAULT_CATEGORIES)
    assert errors(problems) == [] and len(catalog) == 1  # the folder rules cannot see it
    found = mediacheck.problems(catalog.for_audience("internal"), images.Settings(), tmp_path / "cache", lambda b: "brands/x")
    assert [str(p).split("（")[0] for p in found] == ["brands/x/logo.svg:1: 标识“logo.svg”无法绘制成图片"]


def test_logo_verdicts_are_kept_by_content_a_timeout_too(tmp_path, monkeypatch):
    """A timeout was tried again on every check and build: a hostile logo cost each of them 20 s."""
    from types import SimpleNamespace

    from brandsite.media import mediacheck, sandbox

    calls = []
    outcome = {"broken": None, "slow": sandbox.Failed("timeout"), "fine": b"png"}

    def drawn(target, svg, size, timeout):
        calls.append(svg)
        if isinstance(outcome[svg], Exception):
            raise outcome[svg]
        return outcome[svg]

    monkeypatch.setattr(sandbox, "call", drawn)
    logos = []
    for name in outcome:
        (tmp_path / f"{name}.svg").write_text(name, encoding="utf-8")
        logos.append((SimpleNamespace(slug=name, logo=f"{name}.svg"), tmp_path / f"{name}.svg"))
    first = mediacheck.draw_logos(logos, tmp_path / "cache", lambda b: f"brands/{b.slug}")
    assert sorted(calls) == ["broken", "fine", "slow"] and [p.slug for p in first] == ["broken", "slow"]
    calls.clear()
    again = mediacheck.draw_logos(logos, tmp_path / "cache", lambda b: f"brands/{b.slug}")
    assert calls == [] and [str(p) for p in again] == [str(p) for p in first]
    assert "超过时间限制" in str(again[1])
    assert (tmp_path / "cache/logos/verdicts.json").is_file()
    # a day on, the timeout is tried again (the machine may only have been busy)
    later = mediacheck.time.time() + mediacheck.TIMEOUT_KEPT + 60
    monkeypatch.setattr(mediacheck.time, "time", lambda: later)
    mediacheck.draw_logos(logos, tmp_path / "cache", lambda b: f"brands/{b.slug}")
    assert calls == ["slow"]
    calls.clear()
    # a changed file is drawn again
    (tmp_path / "slow.svg").write_text("fine", encoding="utf-8")
    assert mediacheck.draw_logos(logos, tmp_path / "cache", lambda b: f"brands/{b.slug}") == [first[0]] and calls == []


# Names the build generates are not content's to take


@pytest.mark.parametrize("name, taken", [
    ("share.png", True), ("tui-shui-share.png", True), ("poster-lian-xin-qiao.png", True), ("desk.480.webp", True),
    ("desk.480.jpg", True), ("logo.png", False), ("2023-huo-dong.jpg", False), ("shares.png", False), ("desk.webp", False),
])
def test_generated_names(name, taken):
    from brandsite.content.image_limits import generated_name

    assert generated_name(f"photos/{name}") is taken


# Every type is re-encoded, metadata and all


def test_gif_and_jpe_and_mpo_are_re_encoded_without_metadata(tmp_path):
    import io

    from PIL import Image

    from brandsite.media.images import Job, Pipeline

    exif = Image.Exif()
    exif[0x010E] = "SECRET-DESCRIPTION"
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 5.0)}
    folder = tmp_path / "b"
    (folder / "photos").mkdir(parents=True)
    Image.new("RGB", (300, 200), (200, 0, 0)).save(folder / "photos/a.gif", "GIF", comment=b"SECRET-COMMENT")
    Image.new("RGB", (300, 200), (0, 200, 0)).save(folder / "photos/b.jpe", "JPEG", exif=exif, comment=b"SECRET-COMMENT")
    buf = io.BytesIO()
    Image.new("RGB", (300, 200), (0, 0, 200)).save(buf, "MPO", save_all=True, append_images=[Image.new("RGB", (300, 200))], exif=exif)
    (folder / "photos/c.jpg").write_bytes(buf.getvalue())
    jobs = [Job("b", folder, f"photos/{n}", "photo") for n in ("a.gif", "b.jpe", "c.jpg")]
    outputs, problems = Pipeline(tmp_path / "cache").run(jobs)
    assert problems == []
    for job in jobs:
        out = outputs[("b", job.rel)]
        for path in out.files.values():
            data = path.read_bytes()
            assert b"SECRET" not in data and b"Exif" not in data, path
        with Image.open(out.files[job.rel]) as im:
            assert im.format == {"a.gif": "GIF"}.get(job.rel[7:], "JPEG")


def test_a_tall_image_makes_variants_webp_can_hold(tmp_path):
    from brandsite.media.images import MAX_SIDE, Job, Pipeline

    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "tall.png").write_bytes(__import__("tests.conftest", fromlist=["png_bytes"]).png_bytes((1000, 19_000)))
    outputs, problems = Pipeline(tmp_path / "cache").run([Job("b", folder, "tall.png", "photo")])
    assert problems == []
    from PIL import Image

    for path in outputs[("b", "tall.png")].files.values():
        with Image.open(path) as im:
            assert max(im.size) <= MAX_SIDE


def test_the_check_decodes_a_truncated_jpeg_it_used_to_pass(tree):
    from tests.conftest import png_bytes

    folder = tree.brand()
    data = png_bytes((800, 600), (10, 120, 200))
    from io import BytesIO

    from PIL import Image

    buf = BytesIO()
    Image.open(BytesIO(data)).save(buf, "JPEG", quality=90)
    (folder / "photos/desk.png").unlink()
    (folder / "photos/desk.jpg").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    (folder / "cases/tui-shui.md").write_text((folder / "cases/tui-shui.md").read_text(encoding="utf-8").replace("desk.png", "desk.jpg"),
                                               encoding="utf-8")
    _, problems = check(tree)
    assert any("desk.jpg" in e and "已损坏" in e for e in errors(problems)), problems


def test_only_costly_logos_are_tried(tmp_path, monkeypatch):
    """A plain logo is not drawn by the check (1,000 of them would cost a cold build tens of
    seconds); filters, masks, patterns, dashed strokes, markers, large files and <use> that
    expands to many elements are."""
    from brandsite.media import mediacheck

    simple = tmp_path / "simple.svg"
    simple.write_text('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/><text>党</text></svg>', encoding="utf-8")
    blur = tmp_path / "blur.svg"
    blur.write_text('<svg xmlns="http://www.w3.org/2000/svg"><filter id="f"><feGaussianBlur stdDeviation="5"/></filter>'
                    '<rect filter="url(#f)" width="9" height="9"/></svg>', encoding="utf-8")
    levels = "".join(f'<g id="l{i}"><use href="#{"a" if i == 0 else f"l{i - 1}"}"/><use href="#{"a" if i == 0 else f"l{i - 1}"}"/></g>'
                     for i in range(12))
    nested = tmp_path / "nested.svg"
    nested.write_text(f'<svg xmlns="http://www.w3.org/2000/svg"><defs><rect id="a" width="9" height="9"/>{levels}</defs>'
                      '<use href="#l11"/></svg>', encoding="utf-8")
    dashed = tmp_path / "dashed.svg"
    dashed.write_text('<svg xmlns="http://www.w3.org/2000/svg"><style>circle { stroke-DashArray: .001 }</style>'
                      '<circle r="4" stroke="red"/></svg>', encoding="utf-8")
    marked = tmp_path / "marked.svg"
    marked.write_text('<svg xmlns="http://www.w3.org/2000/svg"><marker id="m"><circle r="1"/></marker>'
                      '<path d="M0 0L9 9" marker-mid="url(#m)"/></svg>', encoding="utf-8")
    large = tmp_path / "large.svg"
    large.write_text('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0' + " L1 1" * 50_000 + '"/></svg>', encoding="utf-8")
    assert [mediacheck.costly(p) for p in (simple, blur, nested, dashed, marked, large)] == [False, True, True, True, True, True]


def _progressive_jpeg(path, empty_scans: int) -> None:
    """A progressive JPEG of 6000×6000 grey pixels, with `empty_scans` start-of-scan headers
    and no data before its end: libjpeg goes over the whole picture for each."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (6000, 6000), 128).save(out, "JPEG", progressive=True, quality=90)
    data = out.getvalue()
    assert data.endswith(b"\xff\xd9")
    path.write_bytes(data[:-2] + b"\xff\xda\x00\x08\x01\x01\x00\x01\x05\x00" * empty_scans + b"\xff\xd9")


def test_a_jpeg_of_thousands_of_scans_is_refused_at_once_and_a_progressive_photo_passes(tmp_path):
    """20,000 empty scans in 340 KB passed the check after a minute of decoding, and the build
    decoded it again (the 5 MB cap's worth: twenty minutes each). Scans are counted first, by the
    picture's own markers: FF DA elsewhere in the file is no scan."""
    import subprocess
    import sys

    _progressive_jpeg(tmp_path / "huo-dong.jpg", 20_000)
    _progressive_jpeg(tmp_path / "zheng-chang.jpg", 0)
    # FF DA as bytes of an APP segment, or of a phone's motion video after the picture: no scans
    data = (tmp_path / "zheng-chang.jpg").read_bytes()
    app = b"\xff\xda" * 200
    (tmp_path / "app.jpg").write_bytes(data[:2] + b"\xff\xef" + (len(app) + 2).to_bytes(2, "big") + app + data[2:])
    (tmp_path / "motion.jpg").write_bytes(data + b"\x00\xff\xda" * 300)
    code = ("import sys\nfrom pathlib import Path\nfrom brandsite.content.imagefiles import image_problem\n"
            "for name in ('huo-dong.jpg', 'zheng-chang.jpg', 'app.jpg', 'motion.jpg'):\n"
            "    print(image_problem(Path(sys.argv[1]) / name))\n")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=20)
    assert out.returncode == 0, out.stderr[-500:]
    refused, *passed = out.stdout.splitlines()
    assert "“huo-dong.jpg”是分很多遍（超过 100 遍）逐步显示的 JPEG" in refused and "'error'" in refused, refused
    assert passed == ["None", "None", "None"]
