"""docs/deploy/nginx.conf, the sample for intranet servers, serves a built site (root and sub-path)."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SAMPLE = ROOT / "docs" / "deploy" / "nginx.conf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory):
    if not Path(NGINX).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is missing under CI=true (.ci/run installs it)")
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    from tests.conftest import BrandTree

    tree = BrandTree(tmp_path_factory.mktemp("nginx"))
    tree.brand()
    site = build_site(tree.root)
    work = tree.root / "nginx"
    (work / "logs").mkdir(parents=True)
    www = tree.root / "www"
    shutil.copytree(site, www / "dangjian")
    for served in (site, www / "dangjian"):  # what a build in place leaves beside the pages
        (served / ".cache" / "brandsite" / "locks").mkdir(parents=True, exist_ok=True)
        (served / ".cache" / "brandsite" / "locks" / "site.lock").write_text("", encoding="utf-8")
    ports = free_port(), free_port()
    sample = SAMPLE.read_text(encoding="utf-8")
    assert "root /srv/dangjian;" in sample and "listen 80;" in sample
    # As the sample says: at the root of a host, and under a sub-path with `root /srv/www;`.
    at_root = sample.replace("listen 80;", f"listen 127.0.0.1:{ports[0]};").replace("root /srv/dangjian;", f"root {site};")
    sub_path = (sample.replace("listen 80;", f"listen 127.0.0.1:{ports[1]};").replace("root /srv/dangjian;", f"root {www};")
                .replace("error_page 404 /404.html;", "error_page 404 /dangjian/404.html;"))
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = work / "nginx.conf"
    conf.write_text(
        f"{user}daemon off;\npid {work}/nginx.pid;\nerror_log {work}/logs/error.log;\nevents {{}}\n"
        f"http {{\n include /etc/nginx/mime.types;\n access_log off;\n"
        f" client_body_temp_path {work}/body; proxy_temp_path {work}/proxy; fastcgi_temp_path {work}/fcgi;"
        f" uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;\n{at_root}\n{sub_path}\n}}\n",
        encoding="utf-8",
    )
    test = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(work)], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(work)])
    base = f"http://127.0.0.1:{ports[0]}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(base, timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield {"": base, "dangjian/": f"http://127.0.0.1:{ports[1]}/dangjian/"}, site
    proc.terminate()
    proc.wait(timeout=10)


def get(url: str):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    return urllib.request.urlopen(request, timeout=10)


@pytest.mark.parametrize("prefix", ["", "dangjian/"])
def test_pages_and_assets_are_served(nginx_site, prefix):
    bases, site = nginx_site
    base = bases[prefix]
    for path in ["", "brands/", "brands/lian-xin-qiao/", "brands/lian-xin-qiao/cases/tui-shui/"]:
        response = get(base + path)
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/html")
    css = next(p for p in site.rglob("*.css"))
    response = get(base + css.relative_to(site).as_posix())
    assert response.headers["Content-Type"] == "text/css"
    assert response.headers.get("Content-Encoding") == "gzip"


def test_security_headers_and_404(nginx_site):
    bases, _ = nginx_site
    base = bases[""]
    response = get(base)
    header = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in header and "unsafe-inline" not in header
    # The page's own policy governs scripts: inline ones only by hash.
    body = response.read()
    page = (gzip.decompress(body) if response.headers.get("Content-Encoding") == "gzip" else body).decode("utf-8")
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert meta and "default-src 'self'" in meta.group(1) and "'sha256-" in meta.group(1)
    assert "unsafe-inline" not in meta.group(1).split("script-src", 1)[1].split(";", 1)[0]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    with pytest.raises(urllib.error.HTTPError) as missing:
        get(base + "no-such-page/")
    assert missing.value.code == 404


@pytest.mark.parametrize("prefix", ["", "dangjian/"])
def test_only_files_named_by_their_content_are_cached_for_long_and_hidden_files_are_not_served(nginx_site, prefix):
    """After a publish, a returning visitor got last month's search.js with new pages: only the
    theme's hashed bundles and Pagefind's chunks keep for a year; everything else is asked for
    again (no-cache: a 304 when unchanged). Sitemaps are compressed; .cache/ is never served."""
    bases, site = nginx_site
    base = bases[prefix]
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
    fragment = next(site.glob("pagefind/fragment/*")).relative_to(site).as_posix()
    for path in (bundle, fragment):
        assert "max-age=31536000" in get(base + path).headers["Cache-Control"], path
    for path in ("", "brands/lian-xin-qiao/", "assets/brandsite/search.js", "pagefind/pagefind.js",
                 "brands/lian-xin-qiao/logo.svg", "sitemap.xml"):
        assert get(base + path).headers["Cache-Control"] == "no-cache", path
    assert (site / "feed.xml").stat().st_size > 1024  # gzip_min_length
    feed = get(base + "feed.xml")  # text/xml, as the sitemaps
    assert feed.headers.get("Content-Encoding") == "gzip" and feed.headers.get("Vary") == "Accept-Encoding"
    with pytest.raises(urllib.error.HTTPError) as hidden:
        get(base + ".cache/brandsite/locks/site.lock")
    assert hidden.value.code == 404


def test_wasm_has_its_mime_type():
    types = Path("/etc/nginx/mime.types")
    if not types.exists():
        pytest.skip("nginx is not installed")
    assert re.search(r"application/wasm\s+wasm;", types.read_text())


def test_an_svg_opened_alone_can_run_or_load_nothing(nginx_site):
    bases, site = nginx_site
    for svg in (next((site / "brands").rglob("*.svg")), next((site / "assets").rglob("*.svg"))):  # a logo, the theme's
        response = get(bases[""] + svg.relative_to(site).as_posix())
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "sandbox" in policy, svg
        assert response.headers["X-Content-Type-Options"] == "nosniff"
