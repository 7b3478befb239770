"""Measure a built site's Pagefind index: files and bytes on disk, and bytes the browser fetches.

    .venv/bin/python scripts/measure_search.py site "peer support" WRAP

Serves the site on 127.0.0.1, opens the home page in Debian's Chromium and types each query into
the header search box, recording every response from /pagefind/. The first query pays for
Pagefind's script, WebAssembly and metadata; later ones fetch only index chunks and result
fragments. A filter-only browse of the search page is measured on a fresh page.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

from playwright.sync_api import Page, Response, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from peer_library.search import bundle_size, indexed_pages  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def fetched(page: Page) -> list[int]:
    """A live list of body sizes of /pagefind/ responses on ``page``."""
    sizes: list[int] = []

    def record(response: Response) -> None:
        if "/pagefind/" in response.url and response.ok:
            sizes.append(len(response.body()))

    page.on("response", record)
    return sizes


def settle(page: Page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


def main(site: Path, queries: list[str]) -> None:
    bundle = site / "pagefind"
    files, size = bundle_size(bundle)
    print(f"index: {indexed_pages(bundle)} pages; {files} files, {size / 1024:.0f} KiB on disk")
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        page = browser.new_page()
        sizes = fetched(page)
        page.goto(f"{base}/")
        box = page.get_by_role("textbox", name="Search")
        for i, query in enumerate(queries):
            before = (len(sizes), sum(sizes))
            page.locator("[data-pl-search] [data-pl-status]").evaluate("node => { node.textContent = '' }")
            box.fill(query)
            page.locator("[data-pl-search] [data-pl-status]").filter(has_text="matching").wait_for()
            settle(page)
            label = "first query (cold)" if i == 0 else "next query"
            print(f"{label} {query!r}: {len(sizes) - before[0]} requests, {(sum(sizes) - before[1]) / 1024:.1f} KiB")
        page.close()
        page = browser.new_page()
        sizes = fetched(page)
        page.goto(f"{base}/search/?type=Resource")
        page.locator(".pl-search-app [data-pl-status]").filter(has_text="entr").wait_for()
        settle(page)
        print(f"filter only, search page (cold) type=Resource: {len(sizes)} requests, {sum(sizes) / 1024:.1f} KiB")
        page.close()
        page = browser.new_page()
        sizes = fetched(page)
        page.goto(f"{base}/search/?q={queries[0]}&type=Resource")
        page.locator(".pl-search-app [data-pl-status]").filter(has_text="for").wait_for()
        settle(page)
        print(f"query + filter, search page (cold): {len(sizes)} requests, {sum(sizes) / 1024:.1f} KiB")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: measure_search.py SITE_DIR QUERY [QUERY ...]")
    main(Path(sys.argv[1]), sys.argv[2:])
