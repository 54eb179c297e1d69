"""Shared fixtures: small brand trees written in tmp_path, and site builds."""

from __future__ import annotations

import fcntl
import io
import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent

LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="red"/></svg>\n'

CONNOTATION = "“连心桥”寓意党组织像一座桥，一头连着群众，一头连着服务。支部把办事窗口、上门服务和志愿活动连成一体，让群众的事有人管、有人办、有回音。"

BRAND_YML = f"""\
name: 连心桥
slogan: 连民心 解民忧
organization: 青禾区政务服务中心党支部
category: 机关
region: 青禾区
stage: 命名
established: 2019
named:
  date: 2021-12-20
  document: 青直工委〔2021〕12号
logo: logo.svg
connotation: |
  {CONNOTATION}
carriers:
  - name: 党员示范岗
    description: 在办事大厅设立党员示范岗，亮身份、亮承诺。
metrics:
  - {{label: 为群众解决难题, value: 230, unit: 件, year: 2023}}
timeline:
  - {{date: 2019-03-01, event: 召开党员大会，确定品牌名称}}
goals:
  - year: 2024
    items: [推出线上服务站]
tags: [服务窗口]
featured: true
"""

CASE_MD = """\
---
title: 一张清单解决企业退税难题
date: 2023-06-18
summary: 党员示范岗三天办结。
photos: [../photos/desk.png]
---
示范岗的党员梳理出一张清单，三天内帮企业办结退税。

![办事大厅](../photos/desk.png)
"""


# Further brands in one tree get their own wording, so that the near-duplicate
# check (差异性) stays quiet unless a test copies text on purpose.
OTHER_CONNOTATIONS = [
    "“{name}”取意星火燎原，支部以党员先锋岗为抓手，带动职工在技术攻关、安全生产和志愿服务中走在前列，让每一名党员都成为一面旗帜，久久为功。",
    "“{name}”扎根村组田间，党员带头领办合作社、开办农技夜校，把产业链上的难题一件件解开，带着乡亲们一起增收致富奔小康，久久为功。",
    "“{name}”面向校园师生，支部把思政课堂搬进实验室和操场，党员教师结对帮扶后进学生，让立德树人的理念落在每一堂课上，久久为功。",
    "“{name}”立足医院科室，党员医生组成健康服务小分队，定期走进社区义诊宣讲，把优质医疗资源送到老人和孩子们的身边，久久为功。",
    "“{name}”依托园区企业联盟，党员骨干牵头搭建人才、金融、法律三个服务平台，帮助中小企业在园区里安心创业、放心发展，久久为功。",
]


def png_bytes(size=(400, 300), color=(200, 30, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


class BrandTree:
    """Writes brand folders under <root>/brands for one test."""

    def __init__(self, root: Path):
        self.root = root
        self.brands = root / "brands"
        self.brands.mkdir(parents=True, exist_ok=True)

    def write(self, rel: str, content: str | bytes) -> Path:
        path = self.brands / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8")
        return path

    def brand(self, slug="lian-xin-qiao", yml: str = BRAND_YML, *, case=True, **replace) -> Path:
        for old, new in replace.items():
            yml = yml.replace(old, new)
        logo = LOGO_SVG
        made = sorted(p.name for p in self.brands.iterdir() if (p / "brand.yml").is_file() and p.name != slug)
        if made and CONNOTATION not in replace:
            text = OTHER_CONNOTATIONS[(len(made) - 1) % len(OTHER_CONNOTATIONS)].format(name=slug)
            yml = yml.replace(CONNOTATION, text)
        if made:
            logo = LOGO_SVG.replace('fill="red"', f'fill="#{len(made) * 40 % 256:02x}2030"')
        self.write(f"{slug}/brand.yml", yml)
        self.write(f"{slug}/logo.svg", logo)
        if case:
            self.write(f"{slug}/cases/tui-shui.md", CASE_MD)
            self.write(f"{slug}/photos/desk.png", png_bytes())
        return self.brands / slug


@pytest.fixture
def tree(tmp_path) -> BrandTree:
    return BrandTree(tmp_path)


def check(tree: BrandTree, categories=None):
    from brandsite.content.load import load_catalog
    from brandsite.content.model import DEFAULT_CATEGORIES

    return load_catalog(tree.brands, categories or DEFAULT_CATEGORIES)


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


SITE_YML = """\
site_name: 测试站点
site_url: https://example.org/dangjian/
theme:
  name: material
  language: zh
  font: false
plugins:
  - brandsite:
      audience: {audience}
nav:
  - 首页: index.md
  - 品牌展示: brands/index.md
"""


def build_site(root: Path, audience: str = "public", extra_yml: str = "") -> Path:
    """Build the site in `root` (which has brands/) with the MkDocs API; return site dir."""
    docs = root / "docs"
    docs.mkdir(exist_ok=True)
    if not (docs / "index.md").exists():
        (docs / "index.md").write_text("# 首页\n\n测试首页。\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(SITE_YML.format(audience=audience) + extra_yml, encoding="utf-8")
    return build_root(root)


def build_root(root: Path) -> Path:
    """Build the site whose mkdocs.yml is in `root`, from `root`, with the MkDocs API; return site dir."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(root)
    try:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    finally:
        os.chdir(cwd)
    return root / "site"


def copy_sample(dest: Path) -> Path:
    """The repository's own site (mkdocs.yml, docs/, brands/, assets/) copied to dest."""
    for name in ("mkdocs.yml", "docs", "brands", "assets"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture(autouse=True, scope="session")
def _shared_brandsite_cache(tmp_path_factory):
    """One image/poster cache for the whole run: it is keyed by content, so tests
    cannot see each other's results, and the same brand is drawn only once.
    Tests that count cache hits set their own BRANDSITE_CACHE_DIR.

    Under pytest-xdist the workers share it too (in the run's temporary folder, above
    each worker's own): entries and index files are written whole and renamed into
    place, as for two builds of one site at once."""
    previous = os.environ.get("BRANDSITE_CACHE_DIR")
    if os.environ.get("PYTEST_XDIST_WORKER"):
        cache = tmp_path_factory.getbasetemp().parent / "brandsite-cache"
        cache.mkdir(exist_ok=True)
    else:
        cache = tmp_path_factory.mktemp("brandsite-cache")
    os.environ["BRANDSITE_CACHE_DIR"] = str(cache)
    yield
    if previous is None:
        os.environ.pop("BRANDSITE_CACHE_DIR", None)
    else:
        os.environ["BRANDSITE_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def hostile_built(tmp_path_factory):
    """The hostile corpus's "built" cases (tests/hostile/), checked, then built public and internal,
    once a run: tests/test_hostile_corpus.py reads the files, tests/browser/test_hostile_site.py
    opens every page. Returns (root, cases, check, public, internal), the last three the finished
    processes; the sites are root/site-public and root/site-internal.

    Under pytest-xdist the two modules may run on two workers: the first to get here builds
    into the run's temporary folder, above each worker's own, under a lock, and writes the
    processes' results there; the other waits for the lock and reads them (the way xdist's
    documentation makes a session fixture run once)."""
    from tests.hostile import site
    from tests.hostile.corpus import CASES

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        root = tmp_path_factory.mktemp("hostile-built")
        return _hostile_build(site, root)
    root = tmp_path_factory.getbasetemp().parent / "hostile-built"
    done = root.with_name("hostile-built.json")
    with open(root.with_name("hostile-built.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if done.is_file():
            runs = [subprocess.CompletedProcess(**run) for run in json.loads(done.read_text(encoding="utf-8"))]
            return (root, [c for c in CASES if c.outcome == "built"], *runs)
        root.mkdir()
        built = _hostile_build(site, root)
        done.write_text(json.dumps([{"args": [str(a) for a in run.args], "returncode": run.returncode,
                                     "stdout": run.stdout, "stderr": run.stderr} for run in built[2:]]),
                        encoding="utf-8")
        return built


def _hostile_build(site, root: Path) -> tuple:
    cases = site.tree(root, "built")
    return root, cases, site.check(root), site.build(root, "public", strict=False), site.build(root, "internal", strict=False)
