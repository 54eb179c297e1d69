"""The brandsite plugin's options (mkdocs.yml -> plugins -> brandsite)."""

from __future__ import annotations

import datetime
import math
import re

from mkdocs.config import base
from mkdocs.config import config_options as c

from .content.model import AUDIENCES, DEFAULT_CATEGORIES
from .errors import BrandsiteError

# The first folder of the site's own pages and files: a url_prefix there would put the
# gallery over one of them (stats: the 数据看板 took the gallery's place).
RESERVED_PREFIXES = ("assets", "search", "stats", "review", "clusters", "pagefind", "admin", "guide", "deploy")
# Folders of letters (Chinese too: cluster pages have Chinese addresses), digits, - and _; no
# empty folder, no . or .. (url_prefix: ../escape wrote the pages outside the site folder).
_PREFIX = re.compile(r"^[^\W_][\w-]*(?:/[^\W_][\w-]*)*$")


class UrlPrefix(c.Type):
    """A folder path the generated pages go under: letters, digits, - and _, folders split by /;
    never empty, never .. (the pages would be written outside the site)."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value):
        value = super().run_validation(value).strip().strip("/")
        if not _PREFIX.match(value):
            raise c.ValidationError(f"url_prefix（品牌页面所在的文件夹）“{value}”不能用作网址：只能用字母、汉字、数字、连字符和下划线，"
                                    "几层文件夹用 / 分开，不能为空，例如 brands")
        if value.split("/")[0].lower() in RESERVED_PREFIXES:
            raise c.ValidationError(f"url_prefix（品牌页面所在的文件夹）“{value}”与网站自带的栏目重名，会盖住它。"
                                    f"请换一个名称，例如 brands（不能用：{'、'.join(RESERVED_PREFIXES)}）")
        return value


class Categories(c.ListOfItems):
    """At least one category: a brand has to be in one."""

    def __init__(self) -> None:
        super().__init__(c.Type(str), default=list(DEFAULT_CATEGORIES))

    def run_validation(self, value):
        value = super().run_validation(value)
        if not [v for v in value if v.strip()]:
            raise c.ValidationError("categories（本站的类别）是空的，品牌没有类别可选。请至少写一个类别，"
                                    "或删去这一行，用默认的类别")
        return value


class Positive(c.Type):
    """A number above 0 (image_max_pixels: 0 refused every image)."""

    def __init__(self, kind, default, what: str) -> None:
        super().__init__(kind, default=default)
        self.what = what

    def run_validation(self, value):
        value = super().run_validation(value)
        if isinstance(value, bool) or not math.isfinite(value) or value <= 0:
            raise c.ValidationError(f"{self.what}要大于 0，现在是 {value}")
        return value


class MourningDays(c.ListOfItems):
    """The 哀悼模式 days, checked as the build reads them (govweb.mourning_periods)."""

    def __init__(self) -> None:
        super().__init__(c.Type((str, datetime.date)), default=[])

    def run_validation(self, value):
        from .site.govweb import mourning_periods, mourning_item_problem

        if value is None or value is False or value == "":  # left empty, or `no`: none
            return []
        if not isinstance(value, list):  # one day, written without the brackets
            value = [value]
        value = [v for v in value if v is not None and v != ""]  # an empty item (`- ` alone)
        said = next(filter(None, map(mourning_item_problem, value)), None)
        if said:
            raise c.ValidationError(said)
        value = super().run_validation(value)
        try:
            mourning_periods([str(v) for v in value])
        except BrandsiteError as exc:
            raise c.ValidationError(str(exc)) from None
        return value


class PoliceRecord(c.Optional):
    """A 公安机关备案号 with its digits (the lookup link is made of them)."""

    def __init__(self) -> None:
        super().__init__(c.Type(str))

    def run_validation(self, value):
        from .site.govweb import police_problem

        value = super().run_validation(value)
        said = police_problem(value) if value is not None else None
        if said:
            raise c.ValidationError(said)
        return value


class BrandsiteConfig(base.Config):
    brands_dir = c.Type(str, default="brands")
    """Folder of brand folders, relative to mkdocs.yml."""

    audience = c.Choice(AUDIENCES, default="public")
    """Who the build is for. `public` leaves out everything marked internal and
    every contact; `internal` (intranet) shows everything. The environment
    variable BRANDSITE_AUDIENCE overrides it."""

    staff_docs = c.Choice(("internal", "public"), default="internal")
    """Who sees the editor guide (docs/guide/) and the deployment docs (docs/deploy/).
    `internal`: only the internal build and the `mkdocs serve` preview; the public
    site's nav, pages, search and sitemap leave them out. `public`: every build."""

    categories = Categories()
    """The categories a brand may use, in display order."""

    url_prefix = UrlPrefix(default="brands")
    """Where generated pages live: the gallery is `/<url_prefix>/`."""

    home = c.Type(bool, default=True)
    """Add the model brands, counts and newest named brands to the home page (index.md)."""

    newest_count = c.Type(int, default=6)
    """How many newly named brands the home page lists."""

    max_image_mb = Positive((int, float), 15, "max_image_mb（图片文件大小上限，MB）")
    """Largest logo or photo accepted, in MB (a bigger file is an error)."""

    public_contacts = c.ListOfItems(c.Type(str), default=[])
    """Phone numbers and e-mail addresses that may appear on the public site (a
    service hotline, an office mailbox); anything else that looks like personal
    data in public text is a warning on public builds."""

    search = c.Type(bool, default=True)
    """Index the site with Pagefind and put its search box in the header, with a
    results page at /search/. Off: no search at all (e.g. for quick test builds)."""

    content_security_policy = c.Type(bool, default=True)
    """Put a Content-Security-Policy <meta> into every page: no inline script but the
    theme's own (allowed by hash), no inline event handlers, no javascript: URLs, and
    nothing from other hosts. It travels in the page, so static hosts get it too."""

    cms_backend = c.Type(dict, default={})
    """The web editor's Git host (Sveltia CMS `backend`, at /admin/ in the preview and
    the internal build only), e.g. {name: gitea, repo: dangjian/brandsite, api_root:
    https://git.example.internal/api/v1, base_url: https://git.example.internal}.
    Empty: a placeholder; one person still edits the local checkout under `make serve`."""

    cache_dir = c.Type(str, default=".cache/brandsite")
    """Where processed images, posters and share cards are cached, relative to mkdocs.yml.
    Safe to delete; the next build makes everything again."""

    image_max_pixels = Positive(int, 40_000_000, "image_max_pixels（图片像素上限）")
    """Largest image accepted, in pixels (width × height). Pillow's own
    decompression-bomb limit stays on as well."""

    posters = c.Type(bool, default=False)
    """Draw an A3 poster (PDF + PNG preview) for every brand, linked from its page
    as 下载宣传海报. Needs a CJK font. Off by default: each poster costs about a
    second of CPU on a cold cache and adds 1.2 MB to the site (1.2 GB for 1,000
    brands), so a site opts in (the sample site does)."""

    share_cards = c.Type(bool, default=False)
    """Draw a 1200×630 share card (og:image) for every brand and case page. Off by
    default for the same reason (about 0.1 s of CPU per page on a cold cache)."""

    font = c.Optional(c.Type(str))
    """A font file with Chinese glyphs for posters and share cards (.ttf/.otf/.ttc),
    relative to mkdocs.yml. Without it, one is looked for on the system."""

    gallery_page_size = c.Type(int, default=60)
    """Brand cards per gallery page (/brands/, then /brands/page/2/, ...). Cluster
    pages are split the same way, the internal review table into pages of two
    thirds as many rows (a row is larger than a card). Filters
    still see every brand: they load /brands/cards.json. At 60, a page stays far
    under 100 KB of HTML."""

    search_case_text = c.Choice(("auto", "full", "summary"), default="auto")
    """How much of each case the search index holds, inside its brand's record:
    `full` (title, summary and text), `summary` (title and summary only), or
    `auto`: full up to 3,000 brands, summary above. Every word of case text
    costs a visitor's first query bytes in the index chunks of common words:
    at 10,000 brands a first query loaded median 328 / max 411 KB with full
    text, 254 / 287 KB with summaries (benchmarks/RESULTS.md)."""

    icp_record = c.Optional(c.Type(str))
    """The site's ICP record number (ICP 备案号, e.g. 京ICP备12345678号-1), shown in
    every page's footer as a link to the official lookup page, https://beian.miit.gov.cn/."""

    police_record = PoliceRecord()
    """The public-security record number (公安机关备案号, e.g. 京公网安备 11010502030000号),
    when the site has one: shown in the footer beside the ICP number, linked to the
    official lookup page for its digits."""

    mourning_days = MourningDays()
    """Days on which the whole site turns grey (哀悼模式): `12-13` every year, `2025-04-04`
    once (YAML reads it as a date; either way is fine), `04-03..04-05` or
    `2025-04-03..2025-04-05` for a period. The visitor's browser
    decides from its own date, so the site needs no rebuild on the day."""

    elder_mode = c.Type(bool, default=True)
    """Put the 长辈模式 button (适老化: larger text, larger touch targets) into the header.
    The visitor's choice is kept in their browser."""


def usable_options(raw) -> dict:
    """mkdocs.yml's brandsite options as these classes read them, for the command line's check; a
    wrong value (max_image_mb: .nan or '5') gives way to its default, so that the check goes on
    (configcheck tells it at its line) instead of stopping on a traceback."""
    if not isinstance(raw, dict):
        return {}
    config = BrandsiteConfig()
    config.load_dict(raw)
    failed, _ = config.validate()
    wrong = {key for key, _ in failed}
    return {key: config[key] if key in config else value for key, value in raw.items() if key not in wrong}
