"""Measure a built site's Pagefind index: files and bytes on disk, and bytes the browser fetches.

    .venv/bin/python scripts/measure_search.py site "peer support" WRAP
    .venv/bin/python scripts/measure_search.py site --json out.json recovery hope "recovry"

Serves the site on 127.0.0.1, opens the home page in Debian's Chromium and types each query into
the header search box, recording every response from /pagefind/ (and the word list the first search
of a visit fetches for "Did you mean ...?"). Each query is measured twice:

- cold: on a fresh browser context (empty cache), so it pays for Pagefind's script, WebAssembly and
  metadata as a first-time visitor's first search does;
- warm: in one page, after the queries before it, so it fetches only its own index chunks and
  result fragments.

Two byte counts per response: ``raw``, the bytes this plain static server sent, and ``gzip``, what a
server that gzips text would send (Pagefind's index, fragment, filter, metadata and WebAssembly files
are gzip files already and count as they are; its .js and .json are compressed here at level 6, as
common web servers do). The search target ("≤ 150 KB compressed as served") applies to ``gzip``.

Then the search page is opened with a filter and no words (cold), and with words and a filter.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import re
import shutil
import sys
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Browser, Page, Response, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from peer_library.site.search import bundle_size, indexed_pages  # noqa: E402

GZIP_MAGIC = b"\x1f\x8b"
STEPS = ("cold", "warm", "typed", "filters")
KINDS = ("pagefind.js", "worker", "entry", "meta", "wasm", "index", "filter", "fragment", "words", "other")
# The header's result line once a search has finished, forgiving ones included ("Showing ...", "No ...").
DONE = re.compile(r"matching|Showing|No entries")
WORDS_FILE = "search-words.txt"  # "Did you mean ...?" (site/search_words.py): fetched by the first search of a visit


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def kind_of(url: str) -> str:
    """Which part of Pagefind's bundle a URL is."""
    name = url.split("?", 1)[0].rsplit("/", 1)[-1]
    if name == "pagefind.js":
        return "pagefind.js"
    if name == "pagefind-worker.js":
        return "worker"
    if name == WORDS_FILE:
        return "words"
    if name == "pagefind-entry.json":
        return "entry"
    if name.endswith(".pf_meta"):
        return "meta"
    if name.startswith("wasm."):
        return "wasm"
    for suffix in ("index", "filter", "fragment"):
        if name.endswith(f".pf_{suffix}"):
            return suffix
    return "other"


def served_gzip(body: bytes) -> int:
    """Bytes on the wire from a server that gzips what is not compressed already."""
    return len(body) if body.startswith(GZIP_MAGIC) else len(gzip.compress(body, 6))


@dataclass
class Fetch:
    url: str
    kind: str
    raw: int
    gzip: int


@dataclass
class Measured:
    """The /pagefind/ responses of one step (a query, a browse)."""

    label: str
    fetches: list[Fetch] = field(default_factory=list)
    results: str = ""

    @property
    def raw(self) -> int:
        return sum(f.raw for f in self.fetches)

    @property
    def gzip(self) -> int:
        return sum(f.gzip for f in self.fetches)

    def by_kind(self) -> dict[str, tuple[int, int, int]]:
        """kind -> (requests, raw bytes, gzip bytes), biggest gzip first."""
        out: dict[str, tuple[int, int, int]] = {}
        for f in self.fetches:
            n, raw, gz = out.get(f.kind, (0, 0, 0))
            out[f.kind] = (n + 1, raw + f.raw, gz + f.gzip)
        return dict(sorted(out.items(), key=lambda kv: -kv[1][2]))

    def line(self) -> str:
        parts = ", ".join(f"{k} {n}×{gz / 1024:.0f}" for k, (n, _, gz) in self.by_kind().items())
        return (
            f"{self.label}: {len(self.fetches)} requests, raw {self.raw / 1024:.1f} KiB, "
            f"gzip {self.gzip / 1024:.1f} KiB [{parts}] ({self.results})"
        )


def recorder(page: Page) -> list[Fetch]:
    """A live list of the /pagefind/ responses on ``page``."""
    seen: list[Fetch] = []

    def record(response: Response) -> None:
        if ("/pagefind/" in response.url or response.url.endswith(f"/{WORDS_FILE}")) and response.ok:
            body = response.body()
            seen.append(Fetch(response.url, kind_of(response.url), len(body), served_gzip(body)))

    page.on("response", record)
    return seen


def settle(page: Page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


def header_query(page: Page, seen: list[Fetch], query: str, label: str) -> Measured:
    """Type ``query`` into the header box (all at once) and record what it fetched."""
    start = len(seen)
    status = page.locator("[data-pl-search] [data-pl-status]")
    status.evaluate("node => { node.textContent = '' }")
    page.get_by_role("textbox", name="Search").fill(query)
    status.filter(has_text=DONE).wait_for(timeout=60_000)
    settle(page)
    return Measured(label, seen[start:], status.inner_text())


def typed_query(browser: Browser, base: str, query: str, delay_ms: int) -> Measured:
    """Type ``query`` a key at a time (``delay_ms`` apart) on a fresh context: what a visitor really fetches."""
    page = browser.new_page()
    seen = recorder(page)
    page.goto(f"{base}/")
    status = page.locator("[data-pl-search] [data-pl-status]")
    box = page.get_by_role("textbox", name="Search")
    box.click()
    box.press_sequentially(query, delay=delay_ms)
    status.filter(has_text=DONE).wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # a search held back for a short last word runs after a pause
    settle(page)
    out = Measured(f"cold, typed at {delay_ms} ms a key {query!r}", list(seen), status.inner_text())
    page.close()
    return out


def search_page(browser: Browser, base: str, query: str, label: str) -> Measured:
    """Open /search/ with ``query`` (a query string) on a fresh context and record what it fetched."""
    page = browser.new_page()
    seen = recorder(page)
    page.goto(f"{base}/search/?{query}")
    status = page.locator(".pl-search-app [data-pl-status]")
    status.filter(has_text="entr").wait_for(timeout=120_000)
    settle(page)
    out = Measured(label, list(seen), status.inner_text())
    page.close()
    return out


def run(site: Path, queries: Sequence[str], steps: Sequence[str] = STEPS) -> list[Measured]:
    bundle = site / "pagefind"
    files, size = bundle_size(bundle)
    print(f"index: {indexed_pages(bundle)} pages; {files} files, {size / 1024:.0f} KiB on disk", flush=True)
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    out: list[Measured] = []

    def report(m: Measured) -> None:
        out.append(m)
        print(m.line(), flush=True)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        for query in queries if "cold" in steps else []:  # each on a fresh context, as a first search
            page = browser.new_page()
            seen = recorder(page)
            page.goto(f"{base}/")
            report(header_query(page, seen, query, f"cold {query!r}"))
            page.close()
        if "warm" in steps:  # one visitor searching for each in turn
            page = browser.new_page()
            seen = recorder(page)
            page.goto(f"{base}/")
            for i, query in enumerate(queries):
                report(header_query(page, seen, query, f"{'cold' if i == 0 else 'warm'} in sequence {query!r}"))
            page.close()
        if "typed" in steps:
            report(typed_query(browser, base, queries[0], 150))
        if "filters" in steps:
            report(search_page(browser, base, "type=Resource", "search page, filter only type=Resource (cold)"))
            report(search_page(browser, base, "topic=Recovery", "search page, filter only topic=Recovery (cold)"))
            q = f"q={quote(queries[0])}&type=Resource"
            report(search_page(browser, base, q, "search page, query + filter (cold)"))
        browser.close()
    server.shutdown()
    return out


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("site", type=Path, help="a built site with its /pagefind/ bundle")
    p.add_argument("queries", nargs="+", help="queries to type, in order")
    p.add_argument("--json", type=Path, help="also write every response measured to this file")
    p.add_argument("--steps", default=",".join(STEPS), help=f"which measurements, comma-separated ({','.join(STEPS)})")
    args = p.parse_args(argv)
    measured = run(args.site, args.queries, [s.strip() for s in args.steps.split(",")])
    if args.json:
        args.json.write_text(json.dumps([{**asdict(m), "raw": m.raw, "gzip": m.gzip} for m in measured], indent=1))


if __name__ == "__main__":
    main()
