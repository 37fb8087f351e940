"""What a reader's first search costs, measured in headless Chromium.

    python bench/search.py SITE_DIR [--filtered] [QUERY ...]

Serves SITE_DIR on localhost, opens the home page in a fresh browser context, presses "/"
and types each query (with --filtered, first narrows the search to Bearish briefs). Prints
the bytes downloaded for search and the milliseconds from the last keystroke to the first
result on screen that was added after it.

Search bytes are everything requested after the page had loaded, plus the search script and
anything under pagefind/ whenever it was requested, so prefetching cannot hide any; they are
added up once the network has been quiet for half a second after the first result, so the
results shown after it count too. The first result is looked for on every animation frame:
Playwright's own locator waits poll at 20, 50, 100, 100 and then 500 ms intervals, which
would round a result shown after 280 ms up to 770.
"""

from __future__ import annotations

import functools
import http.server
import re
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

QUERIES = ["bitcoin etf", "ethereum staking", "federal reserve rates", "ftx bankruptcy"]


# Notes when the last keystroke arrived, when each result item was added and when the
# results' count line last changed, so that only an answer given after the last keystroke
# counts: results still on screen for an earlier prefix of the query do not.
WATCH_RESULTS = """() => {
    window.benchTyped = 0;
    window.benchMeta = 0;
    document.addEventListener("input", () => { window.benchTyped = performance.now(); }, true);
    new MutationObserver((records) => {
        const now = performance.now();
        for (const record of records) {
            const target = record.target instanceof Element ? record.target : null;
            if (target && target.closest("[data-briefs-search-meta]")) window.benchMeta = now;
            for (const node of record.addedNodes) {
                if (!(node instanceof Element)) continue;
                const items = [node, ...node.querySelectorAll(".md-search-result__item")];
                for (const item of items) item.benchAdded = now;
            }
        }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
}"""

# The answer to the query: its first result, added after the last keystroke and visible as
# Playwright means it (a box of some size, and not visibility: hidden); or, for a query no
# brief matches (a small corpus has no ETF story), the count line saying so since then.
FIRST_RESULT_SHOWN = """() => {
    const meta = document.querySelector("[data-briefs-search-meta]");
    const none = document.querySelector("script[data-none]");
    if (meta && none && window.benchMeta > window.benchTyped
        && meta.textContent.trim() === none.dataset.none) return true;
    const item = document.querySelector(".md-search-result__item");
    if (item === null || !(item.benchAdded > window.benchTyped)) return false;
    const box = item.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(item).visibility === "visible";
}"""


def is_search(path: str) -> bool:
    """Pagefind's bundles (pagefind/, and pagefind-1/ ... for a sharded index) and our script."""
    return re.search(r"/pagefind(-\d+)?/", path) is not None or path.endswith("/assets/search.js")


def body_size(request: Any) -> int:
    """Bytes of a response body. Chromium reports 0 for a worker's script (Pagefind's
    pagefind-worker.js), so the Content-Length the server sent counts when larger."""
    size = max(request.sizes()["responseBodySize"], 0)
    response = request.response()
    length = response.headers.get("content-length", "") if response else ""
    return max(size, int(length)) if length.isdigit() else size


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class Traffic:
    """The requests of one page: each one's body size, and whether it was made once the page
    had loaded; also whether the network has been quiet for a while."""

    def __init__(self, page: Any) -> None:
        self.loaded = False
        self.late: dict[Any, bool] = {}  # request: made once the page had loaded
        self.pending: set[Any] = set()
        self.fetched: list[tuple[str, int, bool]] = []
        self.quiet_since = time.perf_counter()
        page.on("request", self.made)
        page.on("requestfinished", self.finished)
        page.on("requestfailed", self.failed)

    def made(self, request: Any) -> None:
        self.late[request] = self.loaded
        self.pending.add(request)

    def finished(self, request: Any) -> None:
        path = urlsplit(request.url).path
        self.fetched.append((path, body_size(request), self.late.get(request, True)))
        self.failed(request)

    def failed(self, request: Any) -> None:
        self.pending.discard(request)
        self.quiet_since = time.perf_counter()

    def settle(self, page: Any, quiet: float = 0.5) -> None:
        """Wait until no request has been in flight for `quiet` seconds."""
        while self.pending or time.perf_counter() - self.quiet_since < quiet:
            page.wait_for_timeout(50)

    def search_bytes(self) -> int:
        return sum(size for path, size, late in self.fetched if late or is_search(path))


def first_search(browser: Any, home: str, query: str, filtered: bool = False) -> dict[str, Any]:
    """Bytes and latency of one reader's first search, in a fresh browser context."""
    context = browser.new_context()
    page = context.new_page()
    traffic = Traffic(page)
    page.goto(home, wait_until="networkidle")
    traffic.loaded = True
    page.evaluate(WATCH_RESULTS)
    page.keyboard.press("/")
    if filtered:  # the reader narrows first: the filter's index is part of the first search
        page.get_by_role("button", name="Bearish").click()
        page.locator("[data-briefs-search-query]").focus()
    page.keyboard.type(query)
    typed = time.perf_counter()
    page.wait_for_function(FIRST_RESULT_SHOWN, polling="raf", timeout=30_000)
    latency = (time.perf_counter() - typed) * 1000
    traffic.settle(page)  # the other results, and anything else the search fetches
    run = {
        "query": query,
        "bytes": traffic.search_bytes(),
        "ms": latency,
        "results": page.locator(".md-search-result__item").count(),
    }
    context.close()
    return run


def measure(site: Path, queries: list[str], filtered: bool = False) -> dict[str, Any]:
    """Bytes and latency of the first search for each query, in a cold browser each time."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    home = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        runs = [first_search(browser, home, query, filtered) for query in queries]
        browser.close()
    server.shutdown()
    return {
        "runs": runs,
        "max_bytes": max(r["bytes"] for r in runs),
        "median_ms": statistics.median(r["ms"] for r in runs),
        "max_ms": max(r["ms"] for r in runs),
    }


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    filtered = "--filtered" in sys.argv[2:]
    asked = [query for query in sys.argv[2:] if query != "--filtered"]
    result = measure(Path(sys.argv[1]), asked or QUERIES, filtered)
    for run in result["runs"]:
        print(
            f"{run['query']!r:28} {run['bytes'] / 1024:7.0f} KB {run['ms']:6.0f} ms "
            f"{run['results']} results shown"
        )
    print(
        f"first search: at most {result['max_bytes'] / 1024:.0f} KB; "
        f"results after {result['median_ms']:.0f} ms (median), {result['max_ms']:.0f} ms (max)"
    )
