"""Site builds: atomic (a failed, interrupted or killed build keeps the last good site),
one at a time per site, and always full."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SITE_YML, BrandTree

# A hook that pauses in the middle of writing pages, so a test can interrupt
# the build at a known point rather than racing it. The marker appears whole (renamed
# into place), and the pause is many short sleeps: a signal that comes after the marker
# but before a sleep starts stops the build at the next one, not after a minute.
PAUSE_HOOK = """\
import os, time
from pathlib import Path

def on_post_page(output, page, config, **kwargs):
    marker = os.environ.get("PAUSE_MARKER")
    # The first brand page written: the build is well under way, and the search index being made.
    if marker and page.file.src_uri.startswith("brands/"):
        Path(marker + ".tmp").write_text(config.site_dir)
        os.replace(marker + ".tmp", marker)
        for _ in range(600):
            time.sleep(0.1)
    return output
"""


def pause(root: Path, proc: subprocess.Popen, marker: Path) -> Path:
    """Wait until the build `proc` is paused by the hook; return its staging folder."""
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the build never reached a brand page"
        time.sleep(0.1)
    time.sleep(0.2)  # the hook writes the marker, then sleeps
    return Path(marker.read_text())


def descendants(pid: int) -> set[int]:
    """Every process started by `pid`, and by those, from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(text[text.rindex(")") + 2:].split()[1])
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        children = {p for p, pp in parents.items() if pp == parent} - found
        found |= children
        todo += children
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return state[state.rindex(")") + 2] != "Z"


# `brandsite build`, with Ctrl-C's signal handled as a terminal's user gets it handled: a job that a
# shell without job control starts in the background inherits SIGINT ignored, and Python then
# never raises KeyboardInterrupt in it (the tests below would wait for nothing).
# The pause hook is set here, not with mkdocs.yml's `hooks:`, which brandsite refuses (it runs code).
BRANDSITE = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
             "import os, runpy, mkdocs.plugins as mp; hook = runpy.run_path('hooks.py') if os.path.exists('hooks.py') else None; "
             "run = mp.PluginCollection.on_post_page; "
             "mp.PluginCollection.on_post_page = lambda self, output, **kw: run(self, hook['on_post_page'](output, **kw) if hook else output, **kw); "
             "sys.argv[0] = 'brandsite'; from brandsite.cli import main; main()")


def brandsite(root: Path, *args, env=None, **kw):
    return subprocess.Popen([sys.executable, "-c", BRANDSITE, "build", *args], cwd=root,
                            env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kw)


@pytest.fixture(scope="module")
def built_root(tmp_path_factory) -> Path:
    """Two brands, the pause hook, and a last good site made by `brandsite build`: built once, copied for each test."""
    tree = BrandTree(tmp_path_factory.mktemp("publish"))
    tree.brand()
    tree.brand("hong-fan", **{"name: 连心桥": "name: 红帆"})
    root = tree.root
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (root / "hooks.py").write_text(PAUSE_HOOK, encoding="utf-8")
    (root / "mkdocs.yml").write_text(SITE_YML.format(audience="public"), encoding="utf-8")
    proc = brandsite(root)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "完成：site/ 已更新" in err
    # The log in Chinese: no level words, no plugin name, none of MkDocs' routine English lines
    # (one named a temporary folder as where the site was being built).
    assert not re.search(r"(?m)^(INFO|WARNING|ERROR|DEBUG)\b|brandsite: |Cleaning site|Building documentation|\.site-", err), err
    assert re.search(r"(?m)^公开网站：2 个品牌，\d+ 个案例$", err) and re.search(r"(?m)^网站生成用时 [\d.]+ 秒$", err), err
    return root


@pytest.fixture
def site_root(built_root, tmp_path) -> BrandTree:
    """A copy of built_root of the test's own: the tests change content, builds and site/."""
    root = tmp_path / "root"
    shutil.copytree(built_root, root, symlinks=True)
    return BrandTree(root)


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_content_error_keeps_the_last_good_site(site_root):
    root = site_root.root
    before = snapshot(root / "site")
    assert "brands/hong-fan/index.html" in before
    yml = site_root.brands / "hong-fan" / "brand.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("category: 机关", "category: 街道"), encoding="utf-8")
    proc = brandsite(root)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1
    assert re.search(r"(?m)^brands/hong-fan/brand.yml:4: 错误：category（类别）的值“街道”不在本站的类别列表中", err), err
    assert "构建失败（见上方信息）。上一次成功构建的 site/ 保持不变。运行 make check（没有 make 时：python3 start.py check，Windows 上 py start.py check）可逐条查看和改正。" in err
    assert snapshot(root / "site") == before
    assert not list(root.glob(".site-*"))
    # MkDocs' own words neither in English nor said again: the plugin's error and the failure above say it
    assert "Aborted" not in err and "构建出错" not in err and err.count("构建已停止") == 1, err


def test_a_warning_stops_the_build_in_chinese(site_root):
    root = site_root.root
    before = snapshot(root / "site")
    (site_root.brands / "hong-fan" / "story.md").write_text("视频:\n\n<iframe src=\"https://v.example.com/x\"></iframe>\n", encoding="utf-8")
    try:
        proc = brandsite(root)
        _, err = proc.communicate(timeout=300)
    finally:
        (site_root.brands / "hong-fan" / "story.md").unlink()
    assert proc.returncode == 1
    assert re.search(r"(?m)^brands/hong-fan/story.md:3: 警告：", err) and "有 1 条警告，构建已停止（发布构建中警告也算失败）。" in err  # as the check says it
    assert "Aborted" not in err and "strict mode" not in err
    assert snapshot(root / "site") == before


def test_interrupted_build_keeps_the_last_good_site(site_root):
    root = site_root.root
    before = snapshot(root / "site")
    (site_root.brands / "hong-fan" / "story.md").write_text("新的故事 NEW-STORY\n", encoding="utf-8")
    marker = root / "paused"
    proc = brandsite(root, env={"PAUSE_MARKER": str(marker)})
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the build never reached the gallery page"
        time.sleep(0.1)
    staging = Path(marker.read_text())
    assert staging.name.startswith(".site-site-building-") and staging.is_dir()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "构建被中断。上一次成功构建的 site/ 保持不变。" in err
    assert snapshot(root / "site") == before
    assert not staging.exists()


def test_an_interrupt_something_swallowed_still_keeps_the_last_good_site(tmp_path, monkeypatch):
    """Python drops an exception raised while the GC closes a generator: a Ctrl-C that came then
    was lost, the build went on and replaced the site. The interrupt is remembered."""
    from brandsite import publish

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("LAST GOOD", encoding="utf-8")

    def mkdocs_that_drops_it(config_file, staging, **kw):
        (staging / "index.html").write_text("NEW", encoding="utf-8")
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)
        except KeyboardInterrupt:
            pass  # dropped, as the GC drops it
        return 0

    monkeypatch.setattr(publish, "run_mkdocs", mkdocs_that_drops_it)
    said = []
    assert publish.build(site, audience="public", say=said.append) == 130
    assert (site / "index.html").read_text(encoding="utf-8") == "LAST GOOD"
    assert said[-1].startswith("构建被中断。上一次成功构建的") and said[-1].endswith("保持不变。"), said
    assert not list(tmp_path.glob(".site-*"))
    # a build after it is not taken for interrupted
    monkeypatch.setattr(publish, "run_mkdocs", lambda config_file, staging, **kw: (staging / "index.html").write_text("NEXT") and 0)
    assert publish.build(site, audience="public", say=said.append) == 0
    assert (site / "index.html").read_text(encoding="utf-8") == "NEXT"


def test_an_internal_build_into_the_public_site_folder_is_refused(site_root):
    """brandsite print refuses an internal brochure in site/; build refused nothing: leaks found 76 items."""
    before = snapshot(site_root.root / "site")
    for inside in ("./site", "site/nw"):  # nor into a folder of it, which a deploy of site/ serves too
        proc = brandsite(site_root.root, "--audience", "internal", "--site-dir", inside)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 2 and "不能构建到公开网站的 site/ 文件夹" in err, err
        assert snapshot(site_root.root / "site") == before


def test_zip_builds_both_sites_and_zips_each_whole(site_root):
    """`brandsite zip` (make zip, and `py start.py zip` where there is no make): both sites built,
    each zipped with its date into dist/, internal pages only in the internal zip."""
    import datetime
    import zipfile

    root = site_root.root
    site_root.brand("nei-bu", **{"name: 连心桥": "name: 内部品牌", "featured: true": "featured: true\nvisibility: internal"})
    # the address as the sample's mkdocs.yml takes it: each zip gets its own (the intranet's was the public one)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: https://example.org/dangjian/", 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]'), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "brandsite", "zip"], cwd=root, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "SITE_URL": "https://www.example.gov.cn/dj/",
                               "INTERNAL_SITE_URL": "http://10.1.2.3/dj/"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    # named with the day and the time (a second zip of the day replaced the first), its files in a folder of that name
    (public,), (internal,) = sorted((root / "dist").glob("dangjian-public-*.zip")), sorted((root / "dist").glob("dangjian-internal-*.zip"))
    assert re.fullmatch(rf"dangjian-public-{datetime.date.today():%Y%m%d}-\d{{4}}\.zip", public.name), public.name
    assert internal.name == public.name.replace("public", "internal")  # the pair's time is one, to match them up
    assert f"已打包 dist/{public.name}" in proc.stdout and "加上 --print" in proc.stdout
    assert "本机预览的地址" not in proc.stdout  # both given their addresses
    names = {z: {n.split("/", 1)[1] for n in zipfile.ZipFile(z).namelist() if n.startswith(z.stem + "/")} for z in (public, internal)}
    assert all(n.startswith(public.stem + "/") for n in zipfile.ZipFile(public).namelist())
    assert "index.html" in names[public] and "brands/lian-xin-qiao/index.html" in names[public]
    assert "brands/nei-bu/index.html" in names[internal] and not any(n.startswith("brands/nei-bu/") for n in names[public])
    assert zipfile.ZipFile(public).read(f"{public.stem}/index.html") == (root / "site" / "index.html").read_bytes()
    sitemaps = {z: zipfile.ZipFile(z).read(f"{z.stem}/sitemap.xml").decode() for z in (public, internal)}
    assert "https://www.example.gov.cn/dj/" in sitemaps[public] and "10.1.2.3" not in sitemaps[public]
    assert "http://10.1.2.3/dj/" in sitemaps[internal] and "www.example.gov.cn" not in sitemaps[internal]
    # written under another name and put in place whole; a file linked in from elsewhere is left out
    outside = root / "outside.txt"
    outside.write_text("SECRET", encoding="utf-8")
    (root / "site" / "leak.txt").symlink_to(outside)
    from brandsite import publish

    again = publish.zip_site(root / "site", "public", root / "dist")
    assert not any(n.endswith("leak.txt") for n in zipfile.ZipFile(again).namelist())
    assert {p.name for p in (root / "dist").iterdir()} == {public.name, internal.name, again.name}  # nothing half-written


def test_internal_audience_builds_into_its_own_folder(site_root):
    root = site_root.root
    proc = brandsite(root, env={"BRANDSITE_AUDIENCE": "internal"})
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert (root / "site-internal" / "index.html").is_file()
    assert (root / "site" / "index.html").is_file()


def test_swap_replaces_a_previous_site_completely(tmp_path):
    from brandsite.publish import swap

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "stale.html").write_text("old")
    new = tmp_path / ".site-site-building"
    new.mkdir()
    (new / "index.html").write_text("new")
    swap(new, tmp_path / "site")
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_audience_option_in_mkdocs_yml_is_honoured(site_root):
    root = site_root.root
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("audience: public", "audience: internal"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "BRANDSITE_AUDIENCE"}
    proc = subprocess.Popen([sys.executable, "-m", "brandsite.cli", "build"], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "构建内网网站 → site-internal/" in err
    assert (root / "site-internal" / "index.html").is_file()


def test_a_second_build_of_the_same_site_is_refused_with_a_message(site_root):
    root = site_root.root
    before = snapshot(root / "site")
    marker = root / "paused"
    first = brandsite(root, env={"PAUSE_MARKER": str(marker)})
    try:
        staging = pause(root, first, marker)
        second = brandsite(root)
        _, err = second.communicate(timeout=60)
        assert second.returncode == 1
        assert "另一个构建正在生成 site/，本次构建没有运行。请等它结束后再试。" in err
        assert "构建公开网站" not in err  # it did not start
        assert staging.is_dir()  # and left the running build's folder alone
        assert snapshot(root / "site") == before
    finally:
        first.send_signal(signal.SIGINT)
        first.communicate(timeout=60)
    assert first.returncode == 130
    again = brandsite(root)  # the lock went with the build
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
def test_a_killed_build_leaves_no_process_no_lock_and_no_folder_to_reuse(site_root):
    root = site_root.root
    (site_root.brands / "hong-fan" / "story.md").write_text("新的故事 NEW-STORY\n", encoding="utf-8")
    marker = root / "paused"
    proc = brandsite(root, env={"PAUSE_MARKER": str(marker)})
    killed_staging = pause(root, proc, marker)
    records = list(root.glob(f"{killed_staging.name}-scratch/bs-search-*"))
    assert records, "the search records are not in the build's scratch folder"  # not in the system's temp
    started = descendants(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in started if alive(pid)] == [], "processes of the killed build are still running"
    assert "NEW-STORY" not in (root / "site" / "brands" / "hong-fan" / "index.html").read_text(encoding="utf-8")

    marker.unlink()
    again = brandsite(root, env={"PAUSE_MARKER": str(marker)})
    staging = pause(root, again, marker)
    assert staging != killed_staging  # a folder of its own
    assert not killed_staging.exists()  # the killed build's folder is gone, not reused
    assert not records[0].exists()  # and its search records with it
    again.send_signal(signal.SIGINT)
    again.communicate(timeout=60)
    done = brandsite(root)
    _, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    assert "NEW-STORY" in (root / "site" / "brands" / "hong-fan" / "index.html").read_text(encoding="utf-8")
    assert not list(root.glob(".site-*"))


def test_every_build_is_a_full_one_that_keeps_nothing_for_the_next(site_root, tmp_path):
    root = site_root.root
    cache = tmp_path / "own-cache"
    page = root / "site" / "brands" / "hong-fan" / "index.html"
    good = page.read_text(encoding="utf-8")
    page.write_text("STALE PAGE", encoding="utf-8")  # newer than every source: a dirty build would keep it
    (root / "site" / "stray.html").write_text("STRAY", encoding="utf-8")
    proc = brandsite(root, env={"BRANDSITE_CACHE_DIR": str(cache)})
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "完整构建" in err and "增量" not in err
    assert page.read_text(encoding="utf-8") == good
    assert not (root / "site" / "stray.html").exists()
    # No record of the build, no memo, no page files for a next build to trust.
    assert not (root / ".cache" / "builds").exists()
    assert not list(cache.rglob("*.pickle")) and not list(root.rglob("*.pickle"))
    assert not (cache / "pages").exists()


def test_the_word_dictionary_is_kept_in_the_sites_cache_folder(built_root):
    """jieba prepares its dictionary once (9 MB) and keeps it: in the site's cache folder, not the
    system's temporary folder that every user of the machine can write into."""
    cache = Path(os.environ["BRANDSITE_CACHE_DIR"]) / "jieba"
    assert (cache / "jieba.cache").is_file()


def test_zip_says_when_the_intranet_site_gets_the_public_address(monkeypatch):
    from brandsite import publish

    said = []
    monkeypatch.setenv("SITE_URL", "https://www.example.gov.cn/dj/")
    monkeypatch.delenv("INTERNAL_SITE_URL", raising=False)
    for audience in ("public", "internal"):
        with publish.address(audience, said.append):
            assert os.environ["SITE_URL"] == "https://www.example.gov.cn/dj/"
    assert len(said) == 1 and "请同时写上 INTERNAL_SITE_URL=内网网站的地址" in said[0]
    monkeypatch.setenv("INTERNAL_SITE_URL", " http://10.1.2.3/dj/ ")
    with publish.address("internal", said.append):
        assert os.environ["SITE_URL"] == "http://10.1.2.3/dj/"
    assert os.environ["SITE_URL"] == "https://www.example.gov.cn/dj/" and len(said) == 1


def test_zip_prints_the_intranet_brochure_with_the_intranet_address(tree, monkeypatch):
    """make zip PRINT=1: the intranet brochure's QR codes opened the public site (a 404 for an
    internal brand): its print ran outside the intranet address the intranet build had."""
    from click.testing import CliRunner

    from brandsite import cli, publish
    from brandsite.media import brochure

    tree.brand()
    (tree.root / "docs").mkdir()
    (tree.root / "mkdocs.yml").write_text(SITE_YML.format(audience="public").replace(
        "site_url: https://example.org/dangjian/", 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]'), encoding="utf-8")
    urls = {}

    def brochure_of(catalog, out, fonts, *, site_name, progress, brand_url, internal):
        urls[os.environ["BRANDSITE_AUDIENCE"]] = [brand_url(b) for b in catalog]
        return len(catalog)

    monkeypatch.setattr(brochure, "write_brochure", brochure_of)
    monkeypatch.setattr(publish, "build", lambda site_dir, **kw: site_dir.mkdir(exist_ok=True) or 0)
    monkeypatch.setattr(publish, "zip_site", lambda site_dir, audience, dist=Path("dist"), stamp=None: dist / f"{audience}.zip")
    monkeypatch.setenv("SITE_URL", "https://www.example.gov.cn/dj/")
    monkeypatch.setenv("INTERNAL_SITE_URL", "http://10.0.0.5/dj/")
    monkeypatch.chdir(tree.root)
    result = CliRunner().invoke(cli.main, ["zip", "--print"])
    assert result.exit_code == 0, result.output
    assert urls == {"public": ["https://www.example.gov.cn/dj/brands/lian-xin-qiao/"],
                    "internal": ["http://10.0.0.5/dj/brands/lian-xin-qiao/"]}, urls


@pytest.mark.parametrize("where", ["swap", "lock"])
def test_a_folder_that_cannot_be_written_is_said_in_chinese_and_the_last_site_kept(tmp_path, monkeypatch, where):
    """site/ a read-only mount point (the swap's rename: EBUSY), or the whole clone on a read-only
    disk (the lock file: EROFS): an English traceback, and a staging folder left behind."""
    import errno

    from brandsite import publish

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("LAST", encoding="utf-8")
    monkeypatch.setattr(publish, "run_mkdocs", lambda config_file, staging, **kw: (staging / "index.html").write_text("NEXT") and 0)
    if where == "swap":
        real = Path.rename

        def rename(self, target):  # a mount point cannot be renamed away
            if self == site:
                raise OSError(errno.EBUSY, "Device or resource busy", str(self), str(target))
            return real(self, target)

        monkeypatch.setattr(Path, "rename", rename)
    else:
        monkeypatch.setattr(publish.BuildLock, "acquire", lambda self: (_ for _ in ()).throw(
            OSError(errno.EROFS, "Read-only file system", str(self.path))))
    said = []
    assert publish.build(site, audience="public", say=said.append) == 1
    reason = "文件夹正被占用，例如它是一个挂载点" if where == "swap" else "磁盘是只读的"
    assert said[-1].startswith("构建没有完成：不能写入 ") and f"（{reason}）" in said[-1], said
    assert said[-1].endswith("上一次成功构建的 " + str(site) + "/ 保持不变。"), said
    assert (site / "index.html").read_text(encoding="utf-8") == "LAST"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["site"]


def test_swap_puts_the_last_site_back_when_the_new_one_cannot_take_its_place(tmp_path, monkeypatch):
    import errno

    from brandsite import publish

    site, new = tmp_path / "site", tmp_path / "new"
    for folder, text in ((site, "LAST"), (new, "NEXT")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    real = Path.rename

    def rename(self, target):
        if self == new:
            raise OSError(errno.EACCES, "Permission denied", str(self), str(target))
        return real(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError):
        publish.swap(new, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "LAST"


def test_a_zip_of_a_site_at_the_preview_address_says_so(tmp_path):
    """make zip without SITE_URL made zips whose QR codes and sitemaps pointed at 127.0.0.1, said
    only by one note among the build's others: the zip's own line says it now."""
    from brandsite import publish

    site = tmp_path / "site"
    site.mkdir()
    (site / "sitemap.xml").write_text("<urlset><url><loc>http://127.0.0.1:8000/</loc></url></urlset>", encoding="utf-8")
    assert publish.local_address(site) == "http://127.0.0.1:8000/"
    (site / "sitemap.xml").write_text("<urlset><url><loc>https://dangjian.example.gov.cn/</loc></url></urlset>", encoding="utf-8")
    assert publish.local_address(site) is None
    assert publish.local_address(tmp_path / "none") is None
