"""The web editor (/admin/, Sveltia CMS) driven in Chromium over a local repository.

The File System Access API's directory picker cannot be answered in a headless
browser, so the page's `showDirectoryPicker` returns a folder of the origin-private
file system (OPFS), filled beforehand with the sample's brands/ and an empty .git/.
Everything else is the real, vendored CMS with the generated config.yml: it
reads the brand folders, writes brand.yml, the logo and the case file, and the
test copies what it wrote back out of OPFS into the site, where `brandsite check`
and a build must accept it unchanged.
"""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.browser.conftest import PageWatch, screenshot, serve, wait_until
from PIL import Image

from tests.conftest import copy_sample

SLUG = "chun-feng-yi-zhan"
NAME = "春风驿站"
CASE = "ye-jian-men-zhen"
CONNOTATION = ("“春风驿站”寓意党支部像一座驿站,让快递员、外卖骑手等新就业群体歇歇脚、喝口水、充上电。"
               "支部把服务阵地、志愿服务和社区治理连在一起,让新就业群体从服务对象变成社区治理的参与者。")
# Test only: the directory picker, answered with a folder of the origin-private file system.
PICKER = """
window.showDirectoryPicker = async () => {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle("repo", { create: true });
};
"""
SEED = """async (files) => {
  const root = await navigator.storage.getDirectory();
  const repo = await root.getDirectoryHandle("repo", { create: true });
  await repo.getDirectoryHandle(".git", { create: true });
  for (const [path, b64] of files) {
    const parts = path.split("/");
    let dir = repo;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
    const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
    await writable.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
    await writable.close();
  }
  return files.length;
}"""
READ = """async (path) => {
  const root = await navigator.storage.getDirectory();
  let dir = await root.getDirectoryHandle("repo");
  for (const part of path.split("/")) dir = await dir.getDirectoryHandle(part);
  const out = {};
  const walk = async (handle, prefix) => {
    for await (const [name, child] of handle.entries()) {
      if (child.kind === "directory") await walk(child, prefix + name + "/");
      else {
        const bytes = new Uint8Array(await (await child.getFile()).arrayBuffer());
        let text = "";
        for (const b of bytes) text += String.fromCharCode(b);
        out[prefix + name] = btoa(text);
      }
    }
  };
  await walk(dir, "");
  return out;
}"""
HAS_FILE = """async ([path]) => {
  try {
    const root = await navigator.storage.getDirectory();
    let dir = await root.getDirectoryHandle("repo");
    const parts = path.split("/");
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
    const file = await (await dir.getFileHandle(parts.at(-1))).getFile();
    return await file.text();
  } catch (e) { return null; }
}"""


def _fast(root: Path) -> None:
    """The sample's mkdocs.yml without posters, share cards and search: this test is about content.
    A team's Git host (never contacted here) puts the editor into the internal build; on 127.0.0.1
    Sveltia offers 使用本地仓库 beside it, as in the preview."""
    path = root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8").replace("posters: true", "posters: false")
    text = text.replace("share_cards: true", "share_cards: false\n      search: false\n"
                        "      cms_backend: {name: gitea, repo: dangjian/brandsite, api_root: https://git.example.internal/api/v1}")
    path.write_text(text, encoding="utf-8")


def _build(root: Path, audience: str) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(root)
    try:
        os.environ["BRANDSITE_AUDIENCE"] = audience
        site = root / f"site-{audience}"
        build(load_config("mkdocs.yml", site_dir=str(site)))
    finally:
        os.environ.pop("BRANDSITE_AUDIENCE", None)
        os.chdir(cwd)
    return site


def _check(root: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "brandsite"
    return subprocess.run([str(exe), "check", "brands", "--strict"], cwd=root, capture_output=True, text=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory, browser):
    root = copy_sample(tmp_path_factory.mktemp("cms"))
    _fast(root)
    site = _build(root, "internal")
    server, url = serve(site)
    yield root, url
    server.shutdown()


def field(page, label: str):
    """The section of one field, by its Chinese label (Sveltia wraps labels in bidi isolates)."""
    return page.get_by_role("group", name=re.compile(f"「\u2068?{re.escape(label)}\u2069?」"))


def save(page, path: str) -> str:
    written = f"""(async () => !!(await ({HAS_FILE})(["{path}"])))"""
    button = page.get_by_role("button", name="保存", exact=True)
    # On a cold machine the editor may still be settling the form when the first click lands;
    # a second click then saves (a click on a saved entry does nothing).
    for attempt, seconds in enumerate((10, 30)):
        button.click()
        try:
            wait_until(page, written, timeout=seconds * 1000)
            break
        except AssertionError:
            if attempt:
                page.screenshot(path=str(screenshot_dir() / "cms-save-failed.png"))
                raise
    # Saved, the editor opens the entry and then goes back to the collection's list. Under load
    # that can come after the file is written: wait for it, or it undoes the test's next `goto`.
    page.wait_for_url(re.compile(r"/admin/#/collections/[^/]+$"))
    return page.evaluate(HAS_FILE, [path])


def screenshot_dir() -> Path:
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def favicon_404(url: str):
    """The editor's page (admin/index.html) names no icon, so Chromium asks for /favicon.ico by
    itself, whenever it gets to it, or not at all before the test ends; Playwright reports no
    request for it. Its 404 is the one console error allowed here."""
    return lambda message: message.location.get("url") == url + "favicon.ico"


def test_cms_creates_a_brand_and_a_case_that_pass_the_check(browser, repo):
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    root, url = repo
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.add_init_script(PICKER)
    page = context.new_page()
    page.watch = PageWatch(page, url, allowed_console=favicon_404(url))
    try:
        page.goto(url + "admin/")
        files = [[p.relative_to(root).as_posix(), base64.b64encode(p.read_bytes()).decode()]
                 for p in sorted((root / "brands").rglob("*")) if p.is_file()]
        assert page.evaluate(SEED, files) == len(files)
        page.get_by_role("button", name="使用本地仓库").wait_for()
        screenshot(page, "cms-1-login")
        page.get_by_role("button", name="使用本地仓库").click()
        page.get_by_role("checkbox", name=re.compile("白衣守望")).wait_for()
        screenshot(page, "cms-2-brands")

        # A new brand, with a logo.
        page.get_by_role("button", name="创建新条目").click()
        name = field(page, "品牌名称").locator("input")
        # On a cold machine the new-entry form can still be resetting its first field when the
        # test types: type the name until it stays.
        for _ in range(20):
            name.fill(NAME)
            page.wait_for_timeout(250)
            if name.input_value() == NAME:
                break
        field(page, "品牌口号").locator("input").fill("小驿站 大温暖")
        field(page, "所属党组织").locator("input").fill("青禾区春风街道综合党委")
        field(page, "类别").get_by_role("combobox").click()
        page.get_by_role("option", name="社区", exact=True).click()
        field(page, "所处阶段").get_by_role("radio", name="培育").click()
        field(page, "创建年份").locator("input").fill("2022")
        logo = root.parent / "logo.png"
        Image.new("RGB", (240, 240), (183, 28, 28)).save(logo)
        field(page, "品牌标识文件").locator("input[type=file]").first.set_input_files(str(logo))
        field(page, "理念内涵").locator("textarea").fill(CONNOTATION)
        # On a loaded machine a click on 添加 can land while the form is still being drawn, and add
        # nothing: click again while no item is there (never a second item).
        carrier = field(page, "载体名称").locator("input")
        for attempt in range(3):
            field(page, "载体").get_by_role("button", name=re.compile("添加")).click()
            try:
                carrier.wait_for(timeout=10_000)
                break
            except PlaywrightTimeoutError:
                if attempt == 2:
                    raise
        carrier.fill("骑手加油站")
        field(page, "载体说明").locator("textarea").fill("在社区党群服务中心设立加油站,提供饮水、充电和休息。")
        page.locator("section", has_text="只能用小写字母、数字和连字符，例如 hong-qiao").locator("input").last.fill(SLUG)
        field(page, "品牌名称").scroll_into_view_if_needed()
        if name.input_value() != NAME:  # reset while the rest was filled in
            name.fill(NAME)
        screenshot(page, "cms-3-new-brand")
        written = save(page, f"brands/{SLUG}/brand.yml")
        assert yaml.safe_load(written)["name"] == NAME

        # A case for it.
        page.goto(url + "admin/#/collections/cases/new")
        field(page, "所属品牌").get_by_role("combobox").click()
        page.get_by_role("option", name=NAME).click()
        field(page, "案例标题").locator("input").fill("夜间门诊开到骑手下班后")
        field(page, "日期").locator("input").first.fill("2024-05-20")
        field(page, "摘要").locator("textarea").fill("党员医生把社区门诊延到夜里十点,骑手下班后也能看病。")
        # Photos are put into the brand's photos/ folder by hand (the CMS cannot upload there), then named.
        photo = io.BytesIO()
        Image.new("RGB", (640, 480), (30, 90, 160)).save(photo, "JPEG")
        page.evaluate(SEED, [[f"brands/{SLUG}/photos/clinic.jpg", base64.b64encode(photo.getvalue()).decode()]])
        field(page, "照片").get_by_role("button", name=re.compile("添加")).click()
        field(page, "照片路径").locator("input").fill("../photos/clinic.jpg")
        field(page, "正文").get_by_role("textbox").first.fill("社区党委联系卫生服务中心，开设夜间门诊。")
        page.locator("section", has_text="案例文件名").locator("input").last.fill(CASE)
        screenshot(page, "cms-4-new-case")
        case_text = save(page, f"brands/{SLUG}/cases/{CASE}.md")
        assert case_text.startswith("---\n")

        # Edit a field of the saved brand.
        page.goto(url + "admin/#/collections/brands")
        page.get_by_text(f"{NAME}（社区 · 培育）").click()
        field(page, "地区").locator("input").fill("青禾区")
        page.get_by_role("button", name="保存", exact=True).click()
        wait_until(page, f"""(async () => ((await ({HAS_FILE})(["brands/{SLUG}/brand.yml"])) || "").includes("region:"))""")
        page.watch.assert_clean()
        written = page.evaluate(READ, f"brands/{SLUG}")
    finally:
        context.close()

    folder = root / "brands" / SLUG
    for rel, data in written.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(base64.b64decode(data))
    assert sorted(written) == sorted(["brand.yml", "logo.png", f"cases/{CASE}.md", "photos/clinic.jpg"]), sorted(written)

    brand = yaml.safe_load((folder / "brand.yml").read_text(encoding="utf-8"))
    assert brand["name"] == NAME and brand["region"] == "青禾区" and brand["logo"] == "logo.png"
    assert brand["carriers"] == [{"name": "骑手加油站", "description": "在社区党群服务中心设立加油站,提供饮水、充电和休息。"}]
    # Keys in the order of the format (the schema's order), and no empty optional fields.
    assert list(brand) == ["name", "slogan", "organization", "category", "region", "stage", "established",
                           "logo", "connotation", "carriers", "featured"]
    case = (folder / "cases" / f"{CASE}.md").read_text(encoding="utf-8")
    assert case.startswith(f"---\nbrand: {SLUG}\ntitle: 夜间门诊开到骑手下班后\ndate: 2024-05-20\n"), case
    assert "photos:\n  - ../photos/clinic.jpg\n" in case
    result = _check(root)
    assert result.returncode == 0, result.stdout + result.stderr

    site = _build(root, "public")
    page_html = (site / "brands" / SLUG / "index.html").read_text(encoding="utf-8")
    assert NAME in page_html and "骑手加油站" in page_html
    assert (site / "brands" / SLUG / "cases" / CASE / "index.html").is_file()
    assert not (site / "admin").exists()
    server, public_url = serve(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(public_url + f"brands/{SLUG}/")
        page.get_by_role("heading", name=NAME).first.wait_for()
        screenshot(page, "cms-5-brand-page")
    finally:
        context.close()
        server.shutdown()
