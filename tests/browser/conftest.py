"""Real-browser fixtures: Debian's Chromium driven by Playwright against sites served on 127.0.0.1.

Sites are built once per session: ``starter_site`` is the repository's own library, ``mini_site``
the small fixture library. Each is served by a static file server on a free loopback port.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import FIXTURES, ROOT, build_site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = ROOT / "tests" / "browser" / ".node" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path) -> Iterator[str]:
    """Serve a folder over HTTP on 127.0.0.1 (any free port) and yield its base URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def starter_url(starter_site: Path) -> Iterator[str]:
    yield from serve(starter_site)


@pytest.fixture(scope="session")
def engine_url(engine_site: Path) -> Iterator[str]:
    """The starter library as each engine built it (tests/conftest.py engine_site), served."""
    yield from serve(engine_site)


@pytest.fixture(scope="session")
def mini_browser_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("mini-browser")
    shutil.copytree(FIXTURES / "mini", project, dirs_exist_ok=True)
    return build_site(project, project / "site")


@pytest.fixture(scope="session")
def mini_url(mini_browser_site: Path) -> Iterator[str]:
    yield from serve(mini_browser_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert CHROMIUM, "Chromium is not installed: run scripts/bootstrap test"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context and page; fails the test on any page error or request to another host."""
    context = browser.new_context()
    pg = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on(
        "request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else foreign.append(r.url)
    )
    yield pg
    context.close()
    assert not errors, f"JavaScript errors: {errors}"
    assert not foreign, f"requests to other hosts: {foreign}"


def axe_violations(page: Page) -> list[dict[str, object]]:
    """Run axe-core's WCAG 2.2 A/AA rules on the current page and return the violations."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(  # type: ignore[no-any-return]
        """async () => (await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
            resultTypes: ['violations']})).violations"""
    )


def set_palette(page: Page, scheme: str) -> None:
    """Switch palettes the way Material's toggle does (the starter site configures both)."""
    # Material fades colours between palettes: axe must see the settled colours, not a frame mid-fade
    # (a nav link measured 1.27:1 mid-transition in one run). Wait two frames for the new style, then
    # for every transition it started.
    page.evaluate(
        """async s => {
            document.body.setAttribute('data-md-color-scheme', s);
            await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
            await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
        }""",
        scheme,
    )
