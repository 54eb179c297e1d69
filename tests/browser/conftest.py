"""Browser tests: Playwright for Python driving Debian's Chromium.

The sample site is built once per session and served on 127.0.0.1. Without a
browser these tests skip with a reason, except under CI=true, where they
must run. Never `playwright install`: it downloads a browser.
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from tests.conftest import copy_sample

CHROMIUM = os.environ.get("BRANDSITE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def _unavailable() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright for Python is not installed (make test installs it)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run under CI=true: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def build_sample(dest: Path, audience: str = "public", site_url: str | None = None, artwork: bool = True) -> Path:
    """The sample site copied to dest and built; artwork=False leaves out posters and share cards."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = copy_sample(dest)
    if not artwork:
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "posters: true" in text and "share_cards: true" in text
        config.write_text(text.replace("posters: true", "posters: false").replace("share_cards: true", "share_cards: false"),
                          encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        os.environ["BRANDSITE_AUDIENCE"] = audience
        overrides = {"site_url": site_url} if site_url else {}
        build(load_config("mkdocs.yml", site_dir=str(root / "site"), **overrides))
    finally:
        os.environ.pop("BRANDSITE_AUDIENCE", None)
        os.chdir(cwd)
    return root / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path, host: str = "127.0.0.1", port: int = 0):
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://{host}:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def _sample_server(tmp_path_factory):
    """The sample site, built for the address it is served at: Material's instant
    navigation only swaps pages whose URL is in sitemap.xml, compared with the
    visitor's own scheme and host but the sitemap's port (site_url's).

    Under pytest-xdist the workers share one build (a build is seconds of CPU on a
    CPU-bound run): the first to get here serves it on 127.0.0.1 and builds it for
    that port, the next ones serve the same folder on the same port at 127.0.0.2,
    127.0.0.3 ... (the whole of 127/8 is this machine), so the sitemap holds for each."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        root = tmp_path_factory.mktemp("sample")
        server, url = serve(root / "site")
        yield build_sample(root, site_url=url), url
        server.shutdown()
        return
    shared = tmp_path_factory.getbasetemp().parent
    root, served = shared / "sample", shared / "sample.served"
    with open(shared / "sample.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if served.is_file():
            port, workers = (int(n) for n in served.read_text().split())
            server, url = serve(root / "site", host=f"127.0.0.{workers + 1}", port=port)
            served.write_text(f"{port} {workers + 1}")
        else:
            root.mkdir()
            server, url = serve(root / "site")
            build_sample(root, site_url=url)
            served.write_text(f"{server.server_address[1]} 1")
    yield root / "site", url
    server.shutdown()


@pytest.fixture(scope="session")
def sample_site(_sample_server) -> Path:
    return _sample_server[0]


@pytest.fixture(scope="session")
def base_url(_sample_server):
    return _sample_server[1]


class PageWatch:
    """Console errors, failed requests and requests that leave the site's origin."""

    def __init__(self, page, base_url: str, allowed_console=None):
        self.page = page
        self.origin = urlsplit(base_url).netloc
        self.allowed_console = allowed_console or (lambda message: False)
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.outside: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        page.on("request", self._request)

    def _console(self, message) -> None:
        if message.type == "error" and not self.allowed_console(message):
            self.console_errors.append(message.text)

    def _failed(self, request) -> None:
        # A navigation aborts requests still in flight (search worker, images); not a failure.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.failure} {request.url}")

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.origin:
            self.outside.append(request.url)

    def assert_clean(self) -> None:
        assert self.console_errors == [], self.console_errors
        assert self.failed == [], self.failed
        assert self.outside == [], self.outside


class Contexts:
    """Browser contexts kept for a worker's whole run, one per set of options (device,
    colour scheme, fixed clock), each test getting new pages in them.

    A test's first page costs about 0.9 s of CPU in a new context and 0.35 s in a kept
    one that holds an open page (here a blank one, kept for that): the browser tests are
    CPU-bound. What a test leaves behind is removed after it: its pages are closed, and
    the cookies and the storage (localStorage, IndexedDB, caches, service workers) of
    every origin it used. The HTTP cache stays, as a visitor's does between two visits.
    Tests that need a first visit with nothing cached make their own context."""

    def __init__(self, browser):
        self.browser = browser
        self.kept: dict = {}      # options -> (context, its blank page)
        self.pages: list = []     # pages made for the running test
        self.origins: set = set()  # the origins they visited

    def page(self, *, clock=None, **options):
        options.setdefault("locale", "zh-CN")
        key = (repr(sorted(options.items())), clock)
        if key not in self.kept:
            context = self.browser.new_context(**options)
            context.on("close", lambda c, key=key: self.kept.pop(key, None))
            if clock is not None:
                context.clock.set_fixed_time(clock)
            self.kept[key] = (context, context.new_page())
        page = self.kept[key][0].new_page()
        page.on("framenavigated", lambda frame: self.origins.add(urlsplit(frame.url)[:2]))
        self.pages.append(page)
        return page

    def clean(self) -> None:
        used = {id(page.context) for page in self.pages}
        self.pages = []
        for context, blank in self.kept.values():
            if id(context) not in used:
                continue
            for page in context.pages:  # the test's, and any it opened (a link to a new tab)
                if page != blank:
                    self.origins.add(urlsplit(page.url)[:2])
                    page.close()
            context.clear_cookies()
            cdp = context.new_cdp_session(blank)
            for scheme, host in self.origins:
                if scheme in ("http", "https"):
                    cdp.send("Storage.clearDataForOrigin", {"origin": f"{scheme}://{host}",
                                                            "storageTypes": "local_storage,indexeddb,cache_storage,service_workers"})
            cdp.detach()
        self.origins = set()


@pytest.fixture(scope="session")
def _kept_contexts(browser):
    return Contexts(browser)


@pytest.fixture
def contexts(_kept_contexts):
    """`contexts.page(**options)`: a new page in a kept context with these options
    (Browser.new_context's, and clock= a fixed time); cleaned up after the test."""
    yield _kept_contexts
    _kept_contexts.clean()


DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture
def page(contexts, base_url):
    page = contexts.page(**DESKTOP)
    page.watch = PageWatch(page, base_url)
    return page


@pytest.fixture
def phone(contexts, base_url):
    page = contexts.page(**PHONE)
    page.watch = PageWatch(page, base_url)
    return page


def screenshot(page, name: str) -> Path:
    return keep_png(ARTIFACTS / f"{name}.png", page.screenshot(full_page=True))


def keep_png(path: Path, png: bytes) -> Path:
    """Write a screenshot whole, at once: a test on another worker may write one of the same name."""
    path.parent.mkdir(exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(png)
    os.replace(tmp, path)
    return path


SETTLED = """async () => {
  const frame = () => new Promise(r => { requestAnimationFrame(() => requestAnimationFrame(r)); setTimeout(r, 100); });
  for (let i = 0; i < 20; i++) {
    await frame();
    const running = document.getAnimations().filter(a => a.playState === "running"
        && a.effect && a.effect.getComputedTiming().endTime !== Infinity);
    if (!running.length) return;
    await Promise.all(running.map(a => a.finished.catch(() => null)));
  }
}"""


def settled(page) -> None:
    """Wait for the next frames and for every finite animation and transition then running
    (Material fades its tab bar in): what a screenshot or a contrast check sees is final."""
    page.evaluate(SETTLED)


def wait_until(page, expression: str, timeout: float = 30_000) -> None:
    """Like page.wait_for_function, but without eval, which the site's
    Content-Security-Policy forbids: the expression is polled with page.evaluate."""
    from playwright.sync_api import Error

    body = expression if expression.lstrip().startswith(("(", "function")) else f"() => !!({expression})"
    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            if page.evaluate(body):
                return
        except Error as exc:  # a navigation replaced the page while it was asked
            if "context was destroyed" not in str(exc) and "navigat" not in str(exc):
                raise
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(50)


@pytest.fixture(scope="session")
def axe():
    """axe-core, injected from the package's own copy: no network."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:  # pragma: no cover - make test installs it
        pytest.skip("axe-playwright-python is not installed (make test installs it)")
    return Axe()
