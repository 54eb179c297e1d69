"""URL arithmetic, the one place it is done: where each generated page lives and how pages link.

It follows MkDocs' own rules (`use_directory_urls`, index pages), so a view's links match the
pages MkDocs writes. No other module builds a page's URL by hand.
"""

from __future__ import annotations

import ipaddress
import posixpath
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url

from ..content.model import Brand, Case
from ..content.names import quote_path


@dataclass
class Site:
    """URL arithmetic for one build, matching MkDocs' own rules."""

    prefix: str = "brands"
    use_directory_urls: bool = True
    site_url: str = ""  # absolute links (the feed) need it
    docs_dir: str = ""  # hand-written intros (docs/clusters/) live here
    site_name: str = ""
    cache_dir: str = ""  # the plugin's cache (processed images, posters, forms)
    gallery_src: str = field(init=False)

    def __post_init__(self) -> None:
        self.prefix = self.prefix.strip("/")
        self.gallery_src = f"{self.prefix}/index.md"

    def brand_src(self, brand: Brand | str) -> str:
        slug = brand if isinstance(brand, str) else brand.slug
        return f"{self.prefix}/{slug}/index.md"

    def case_src(self, brand: Brand | str, case: Case | str) -> str:
        slug = brand if isinstance(brand, str) else brand.slug
        return f"{self.prefix}/{slug}/cases/{case if isinstance(case, str) else case.slug}.md"

    def page_srcs(self, brand: Brand) -> list[str]:
        """The brand's page and its case pages."""
        return [self.brand_src(brand), *(self.case_src(brand, c) for c in brand.cases)]

    def asset_src(self, brand: Brand, rel: str) -> str:
        return f"{self.prefix}/{brand.slug}/{rel}"

    def url(self, src_uri: str) -> str:
        if not src_uri.endswith(".md"):
            return src_uri
        stem = src_uri[:-3]
        if posixpath.basename(stem) in ("index", "README"):
            base = posixpath.dirname(stem)
            return f"{base}/" if base else ""
        if self.use_directory_urls:
            return f"{stem}/"
        return f"{stem}.html"

    def file(self, src_uri: str) -> str:
        """The file, relative to the site folder, that the page at `src_uri` is written to."""
        url = self.url(src_uri)
        return url + "index.html" if url.endswith("/") or not url else url

    def absolute(self, src_uri: str) -> str:
        """The page's address under `site_url` (QR codes, the feed, the brochure); "" without one."""
        base = self.site_url.rstrip("/")
        return f"{base}/{self.url(src_uri)}" if base else ""

    def rel(self, from_src: str, to_src: str) -> str:
        """Link from the page at `from_src` to `to_src` (a page or a file)."""
        if not self.use_directory_urls and to_src.endswith(".md") and self.url(to_src).endswith("/"):
            target = self.url(to_src) + "index.html"
        else:
            target = self.url(to_src)
        return quote_path(get_relative_url(target, self.url(from_src)))


def is_local(site_url: str | None) -> bool:
    """Whether the address is this computer's (localhost, 127.x, ::1, 0.0.0.0: the sample's
    preview address), which opens nothing on another computer or a phone."""
    host = urlsplit(site_url or "").hostname or ""
    try:
        address = ipaddress.ip_address(host)
        return address.is_loopback or address.is_unspecified
    except ValueError:
        return host == "localhost" or host.endswith(".localhost")


def printable(site_url: str | None) -> bool:
    """Whether posters and the brochure print QR codes for the site: not without an address, nor
    with this computer's (a QR code that opens nothing on a phone)."""
    return bool(site_url) and not is_local(site_url)


def printed_url(site_url: str | None, url: str) -> str:
    """A brand page's address as posters and the brochure print it in their QR codes (`printable`), or none."""
    return url if printable(site_url) else ""


def address_notice(site_url: str | None, wanted: str | None = None) -> str | None:
    """A note for a build whose site_url is not the address it was given (`wanted`, SITE_URL:
    mkdocs.yml had site_url written out, as the sub-path instructions once said, and CI's address
    was ignored) or is this computer (localhost, 127.x, ::1: the sample's preview address, which
    QR codes on posters, the sitemap and the feed would carry, and which opens nothing elsewhere)."""
    if wanted and wanted.strip() and wanted.strip().rstrip("/") != (site_url or "").rstrip("/"):
        return (f"提示：这次构建给了网站地址 {wanted.strip()}（SITE_URL，或 zip 的内网网站用的 INTERNAL_SITE_URL），"
                f"但 mkdocs.yml 里的 site_url 直接写成了 {site_url or '（空）'}，没有读取它，网站地图、订阅和海报二维码用的是后者。"
                "要让构建时给的地址起作用，请把这一行改回 "
                'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]')
    if not is_local(site_url):
        return None
    return (f"提示：mkdocs.yml 里的 site_url 是本机地址（{site_url}），sitemap.xml、feed.xml 和分享链接都指向它，"
            "在别的电脑和手机上打不开，宣传海报上也不印二维码。正式发布前，请把 site_url 改成网站的正式地址"
            "（例如 https://dangjian.example.gov.cn/）：构建时把地址写在命令前面，例如"
            " SITE_URL=https://dangjian.example.gov.cn/ make build（Windows 和没有 make 时的写法见部署指南 docs/deploy/；"
            "CI 里公开网站的地址设在变量 SITE_URL，内网网站的设在 INTERNAL_SITE_URL）")
