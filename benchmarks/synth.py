"""Synthetic brands for benchmarks: realistic Chinese text, SVG logos, cases.

    python benchmarks/synth.py OUT_DIR --brands 1000 [--photos 0] [--seed 1]

Deterministic for a given seed. Writes OUT_DIR/brands/<slug>/...
"""

from __future__ import annotations

import argparse
import io
import random
from pathlib import Path

import yaml

CATEGORIES = ["机关", "社区", "园区", "农村", "企业", "学校", "医疗卫生", "政法", "其他"]
STAGES = ["申报", "培育", "命名", "示范"]
PLACES = ["青禾", "云岭", "东湖", "临川", "白沙", "石桥", "柳岸", "新河", "南屏", "北塘", "金川", "玉泉"]
UNITS = ["税务局", "人社局", "社区党委", "街道党工委", "卫健委", "中学党支部", "司法所", "产业园党委", "供电公司", "村党支部", "监狱党委", "禁毒支队"]
WORDS = ["连心", "先锋", "红帆", "暖心", "同行", "聚力", "初心", "星火", "砺剑", "阳光", "桥头", "领航", "微光", "稻香", "守望", "清风"]
SUFFIX = ["驿站", "工作室", "服务队", "行动", "课堂", "之家", "e站", "联盟", "岗", "工程"]
CLAUSES = [
    "坚持把支部建在服务一线", "推动党建与业务深度融合", "以群众满意为第一标准", "把问题解决在家门口",
    "党员亮身份、作表率", "建立需求、资源、项目三张清单", "每月开展主题党日活动", "在急难险重任务中当先锋",
    "打通服务群众最后一公里", "做到小事不出网格", "用心用情办好每件实事", "形成可复制可推广的经验",
    "凝聚起干事创业的强大合力", "让党旗在一线高高飘扬", "以高质量党建引领高质量发展",
]


def sentence(rng: random.Random, n: int) -> str:
    return ",".join(rng.choice(CLAUSES) for _ in range(n)) + "。"


def logo_svg(rng: random.Random, mark: str = "") -> str:
    hue = rng.choice(["#b71c1c", "#c62828", "#ad1457", "#6a1b9a", "#1565c0", "#2e7d32", "#ef6c00"])
    points = rng.randint(5, 8)
    import math

    star = " ".join(
        f"{100 + (60 if i % 2 == 0 else 26) * math.cos(math.pi * i / points - math.pi / 2):.1f},"
        f"{100 + (60 if i % 2 == 0 else 26) * math.sin(math.pi * i / points - math.pi / 2):.1f}"
        for i in range(points * 2)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">'
        f'<circle cx="100" cy="100" r="94" fill="#c9a227"/><circle cx="100" cy="100" r="84" fill="{hue}"/>'
        f'<polygon points="{star}" fill="#f7dc7a" transform="rotate({rng.randint(0, 71)} 100 100)"/>'
        f'<text x="100" y="188" font-size="22" text-anchor="middle" fill="#fff">{mark}</text></svg>\n'
    )


def photo_jpeg(rng: random.Random) -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (1600, 1067), (rng.randint(150, 230), rng.randint(150, 230), rng.randint(150, 230)))
    draw = ImageDraw.Draw(im)
    for _ in range(12):
        x, y = rng.randint(0, 1500), rng.randint(0, 1000)
        draw.rectangle([x, y, x + rng.randint(80, 400), y + rng.randint(60, 300)],
                       fill=(rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=85)
    return buf.getvalue()


_CHINESE_DIGITS = "〇一二三四五六七八九"


def unique_name(rng: random.Random, i: int) -> str:
    """Names like 青禾连心驿站: place + word + suffix, numbered only past 1,920 brands."""
    combos = len(PLACES) * len(WORDS) * len(SUFFIX)
    k = (i * 7919) % combos  # a fixed permutation, so early brands differ a lot
    place, rest = PLACES[k % len(PLACES)], k // len(PLACES)
    name = f"{place}{WORDS[rest % len(WORDS)]}{SUFFIX[rest // len(WORDS)]}"
    if i >= combos:
        name += "".join(_CHINESE_DIGITS[int(d)] for d in str(i // combos)) + "号"
    return name


def brand_yml(rng: random.Random, i: int, slugs: list[str]) -> tuple[str, str]:
    place = rng.choice(PLACES)
    name = unique_name(rng, i)
    stage = rng.choice(STAGES)
    year = rng.randint(2015, 2023)
    lines = [
        "# yaml-language-server: $schema=../../schema/brand.schema.json",
        f"name: {name}",
        f"slogan: {rng.choice(WORDS)}为民 {rng.choice(WORDS)}同行",
        f"organization: {place}区{rng.choice(UNITS)}",
        f"category: {rng.choice(CATEGORIES)}",
        f"region: {place}区",
        f"stage: {stage}",
        f"established: {year}",
    ]
    if stage in ("命名", "示范"):
        lines += ["named:", f"  date: {year + 1}-12-{rng.randint(10, 28)}", f"  document: {place}直工委〔{year + 1}〕{rng.randint(1, 40)}号"]
    lines += ["logo: logo.svg", "connotation: |", f"  “{name}”{sentence(rng, 6)}{sentence(rng, 5)}", "carriers:"]
    for _ in range(rng.randint(2, 4)):
        lines += [f"  - name: {rng.choice(WORDS)}{rng.choice(SUFFIX)}", f"    description: {sentence(rng, 3)}"]
    lines += ["metrics:", f"  - {{label: 为群众解决难题, value: {rng.randint(20, 500)}, unit: 件, year: {year + 2}}}",
              f"  - {{label: 群众满意度, value: {rng.randint(85, 100)}, unit: '%', year: {year + 2}}}"]
    lines += ["timeline:", f"  - {{date: {year}-03-0{rng.randint(1, 9)}, event: 召开党员大会确定品牌名称}}",
              f"  - {{date: {year}-09-1{rng.randint(0, 9)}, event: 启动品牌载体建设}}"]
    lines += ["goals:", f"  - year: {year + 3}", "    items: [完善品牌阵地, 总结推广经验]"]
    lines += [f"tags: [{rng.choice(WORDS)}, {rng.choice(CLAUSES)[:4]}]"]
    if rng.random() < 0.05:
        lines.append("featured: true")
    return "\n".join(lines) + "\n", stage


def case_md(rng: random.Random, j: int, photos: list[str]) -> str:
    head = ["---", f"title: {rng.choice(CLAUSES)}的{rng.choice(['实践', '故事', '探索', '做法'])}{j}",
            f"date: {rng.randint(2021, 2025)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            f"summary: {sentence(rng, 2)}"]
    if photos:
        head.append("photos: [" + ", ".join(f"../photos/{p}" for p in photos) + "]")
    body = "\n\n".join(sentence(rng, 8) for _ in range(4))
    return "\n".join(head + ["---", body, ""])


def generate(out: Path, brands: int, photos: int = 0, seed: int = 1) -> Path:
    rng = random.Random(seed)
    root = out / "brands"
    root.mkdir(parents=True, exist_ok=True)
    slugs = [f"brand-{i:05d}" for i in range(brands)]
    for i, slug in enumerate(slugs):
        folder = root / slug
        (folder / "cases").mkdir(parents=True, exist_ok=True)
        yml, stage = brand_yml(rng, i, slugs)
        (folder / "brand.yml").write_text(yml, encoding="utf-8")
        (folder / "logo.svg").write_text(logo_svg(rng, slug[-4:]), encoding="utf-8")
        names = []
        if photos:
            (folder / "photos").mkdir(exist_ok=True)
            for k in range(photos):
                names.append(f"p{k}.jpg")
                (folder / "photos" / names[-1]).write_bytes(photo_jpeg(rng))
        for j in range(rng.randint(1, 3)):
            (folder / "cases" / f"case-{j}.md").write_text(case_md(rng, j, names[j:j + 1]), encoding="utf-8")
    return root


def site_yml(plugins: list, nav: list | None = None, features: list | None = None, site_name: str = "基准") -> str:
    """mkdocs.yml of a synthetic site: Material in Chinese without web fonts, the given plugins,
    and a nav that keeps the brand pages out of the sidebar."""
    theme: dict = {"name": "material", "language": "zh", "font": False}
    if features:
        theme["features"] = features
    validation: dict = {"omitted_files": "ignore"}
    if nav:
        validation["nav"] = {"not_found": "ignore"}  # listing pages are generated, not files in docs/
    config = {"site_name": site_name, "theme": theme, "plugins": plugins, "nav": nav or ["index.md"], "validation": validation}
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def project(out: Path, brands: int, *, photos: int = 0, options: dict | None = None, **yml) -> Path:
    """A whole synthetic site in `out`: brands/, docs/index.md and an mkdocs.yml whose
    brandsite plugin gets `options`; other keywords go to site_yml."""
    generate(out, brands, photos)
    (out / "docs").mkdir(exist_ok=True)
    (out / "docs/index.md").write_text("# 首页\n", encoding="utf-8")
    plugins = [{"brandsite": options} if options else "brandsite"]
    (out / "mkdocs.yml").write_text(site_yml(plugins, **yml), encoding="utf-8")
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--brands", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.out, args.brands, args.photos, args.seed))
