"""Posters and share cards for a catalog: inputs, fonts, cache. No MkDocs imports."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import posters, sharecards
from ..content.model import Problem, line_holding
from ..content.plaintext import plain_text
from ..content.editing_slips import PRIVATE_USE
from .faces import of_fallback_script
from .typeset import INSTALL_HINT, FontSet, find_cjk_font, missing


@dataclass
class Artwork:
    posters: dict[str, dict[str, Path]] = field(default_factory=dict)  # slug -> {"poster.pdf": path, ...}
    cards: dict[str, Path] = field(default_factory=dict)  # page src_uri -> card.png
    drawn_posters: int = 0
    drawn_cards: int = 0
    fonts: FontSet | None = None
    problems: list[Problem] = field(default_factory=list)  # drawings that failed, as errors for the editor


def make_artwork(
    catalog,
    *,
    cache_dir: Path,
    brand_src: Callable,
    case_src: Callable,
    brand_url: Callable,
    site_name: str,
    font: str | None = None,
    want_posters: bool = True,
    want_cards: bool = True,
    log: Callable[[str], None] = print,
    warn: Callable[[str], None] = print,
    workers: int | None = None,
    shown: Callable | None = None,
    said: Callable[[str], None] | None = None,
) -> Artwork:
    """Draw (or take from the cache) every poster and share card; skip both without a CJK font.
    `said`: how a notice (no QR codes without the site's address) is told, `log` by default."""
    art = Artwork()
    if not (want_posters or want_cards) or not len(catalog):
        return art
    fonts = find_cjk_font(font)
    if fonts is None:
        configured = f"mkdocs.yml 里设置的字体“{font}”不存在或不含中文字形。" if font else ""
        warn(configured + INSTALL_HINT)
        return art
    art.fonts = fonts
    art.problems += glyph_notes(catalog, fonts, shown or (lambda b: str(b.folder)))
    workers = workers or os.cpu_count() or 1
    failed: list = []
    if want_posters:
        items = [posters.poster_input(b, brand_url(b), site_name) for b in catalog]
        if items and not items[0].url:
            (said or log)("网站还没有正式地址（mkdocs.yml 的 site_url 没有设置，或是本机预览地址），宣传海报上不印二维码。"
                          "发布时给出正式地址重新构建即可，例如 SITE_URL=https://dangjian.example.gov.cn/ make build")
        art.posters, art.drawn_posters = posters.build_posters(
            items, fonts, cache_dir / "posters", workers=workers, progress=log, failed=failed,
        )
    if want_cards:
        items = []
        for b in catalog:
            items.append(sharecards.card_input(
                brand_src(b), b, title=b.name, subtitle=b.slogan or plain_text(b.connotation), kicker="党建品牌", site_name=site_name,
            ))
            for c in b.cases:
                items.append(sharecards.card_input(
                    case_src(b, c), b, title=c.title, subtitle=c.summary or plain_text(c.body), kicker="典型案例", site_name=site_name,
                ))
        cards, art.drawn_cards = sharecards.build_cards(items, fonts, cache_dir / "cards", workers=workers, progress=log,
                                                        failed=failed)
        art.cards = {src: files["card.png"] for src, files in cards.items()}
    art.problems = _failures(catalog, failed, shown or (lambda b: str(b.folder)))
    return art


REASONS = {"timeout": "超过时间限制", "crash": "绘制程序崩溃", "error": "绘制出错"}


def _failures(catalog, failed: list, shown: Callable) -> list[Problem]:
    """One error per brand whose poster or share card could not be drawn (a hang or crash, in a helper)."""
    by_logo = {str(Path(b.folder) / b.logo): b for b in catalog}
    problems: dict[str, Problem] = {}
    for item, reason in failed:
        brand = by_logo.get(item.logo)
        if brand is None or brand.slug in problems:
            continue
        what = "宣传海报" if isinstance(item, posters.PosterInput) else "分享图片"
        problems[brand.slug] = Problem(
            f"{shown(brand)}/{brand.logo}", 1,
            f"品牌“{brand.name}”的{what}没有画成（{REASONS.get(reason, reason)}）。" + (
                "请检查品牌名称、口号和案例的标题、摘要里有没有从别处复制来的特殊字符；若文字没有问题，"
                "可能是标识图形过于复杂，请在设计软件里简化标识后重新导出" if reason == "error" else
                "多半是标识图形过于复杂：请在设计软件里简化标识（减少嵌套、滤镜和模糊效果）后重新导出"),
            "error", brand.slug,
        )
    return list(problems.values())


def _glyph_fix(lacking: list[str]) -> str:
    scripts = any(of_fallback_script(c) for c in lacking)
    others = not all(of_fallback_script(c) for c in lacking)
    return "".join([
        "藏文、维吾尔文、蒙古文、彝文要画对，请管理员在构建网站的电脑上安装这些文字的字体"
        "（Debian、统信 UOS、麒麟：sudo apt-get install fonts-noto-core）后重新构建" if scripts else "",
        ";" if scripts and others else "",
        "表情符号等字符海报上画不出来，请换成文字" if others else "",
    ])


def glyph_notes(catalog, fonts: FontSet, shown: Callable) -> list[Problem]:
    """A note (not a warning: the pages show the text well, and a brand may rightly hold Tibetan
    or Uyghur) for each text drawn on a poster or share card that holds characters the font
    lacks, at the first line of the file that holds the first of them."""
    notes = []
    for brand in catalog:
        yml = Path(brand.folder) / "brand.yml"
        texts = [(yml, "品牌名称", brand.name), (yml, "口号", brand.slogan), (yml, "所属党组织", brand.organization),
                 (yml, "理念内涵", plain_text(brand.connotation)),
                 *((yml, "载体", f"{c.name} {plain_text(c.description or '')}") for c in brand.carriers),
                 *((Path(c.path) if c.path else yml, "案例", f"{c.title} {c.summary or plain_text(c.body)}") for c in brand.cases)]
        for path, where, text in texts:
            # not Word's private-use symbols: the check warns of them (they are boxes on the pages too)
            lacking = [c for c in missing(fonts, text or "") if not PRIVATE_USE.match(c)]
            if lacking:
                shown_chars = "".join(lacking[:5]) + ("…" if len(lacking) > 5 else "")
                notes.append(Problem(
                    f"{shown(brand)}/{path.relative_to(brand.folder).as_posix()}", line_holding(path, lacking[0]) or 1,
                    f"{where}里的“{shown_chars}”在宣传海报和分享图片所用的字体里没有，图片上会画成方框（网页上显示正常）。"
                    + _glyph_fix(lacking),
                    "info", brand.slug))
    return notes
