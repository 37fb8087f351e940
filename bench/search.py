"""What a reader's first search costs, measured in headless Chromium.

    python bench/search.py SITE_DIR [QUERY ...]

Serves SITE_DIR on localhost, opens the home page in a fresh browser context, presses "/"
and types each query. Prints the bytes downloaded for search (everything fetched after the
page had loaded) and the milliseconds from the last keystroke to the first result.
"""

from __future__ import annotations

import functools
import http.server
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

QUERIES = ["bitcoin etf", "ethereum staking", "federal reserve rates", "ftx bankruptcy"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def measure(site: Path, queries: list[str]) -> dict[str, Any]:
    """Bytes and latency of the first search for each query, in a cold browser each time."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    home = f"http://127.0.0.1:{server.server_address[1]}/"
    runs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            sizes: dict[str, int] = {}

            def record(request: Any, sizes: dict[str, int] = sizes) -> None:
                sizes[request.url] = request.sizes()["responseBodySize"]

            page.on("requestfinished", record)
            page.goto(home, wait_until="networkidle")
            loaded = set(sizes)
            page.keyboard.press("/")
            page.keyboard.type(query)
            typed = time.perf_counter()
            page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
            latency = (time.perf_counter() - typed) * 1000
            page.wait_for_load_state("networkidle")
            search_bytes = sum(size for url, size in sizes.items() if url not in loaded)
            runs.append(
                {
                    "query": query,
                    "bytes": search_bytes,
                    "ms": latency,
                    "results": page.locator(".md-search-result__item").count(),
                }
            )
            context.close()
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
    result = measure(Path(sys.argv[1]), sys.argv[2:] or QUERIES)
    for run in result["runs"]:
        print(
            f"{run['query']!r:28} {run['bytes'] / 1024:7.0f} KB {run['ms']:6.0f} ms "
            f"{run['results']} results shown"
        )
    print(
        f"first search: at most {result['max_bytes'] / 1024:.0f} KB; "
        f"results after {result['median_ms']:.0f} ms (median), {result['max_ms']:.0f} ms (max)"
    )
