"""Benchmark: seconds from saving a seed to its new headline on the `serve` preview.

Run from the project folder: .venv/bin/python scripts/reload_latency.py [runs]
It copies the project into a temporary folder, so your briefs are not touched.
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = """{headline}
Spot bitcoin funds took in $1.2 billion last week. The largest fund added $640 million.
Analysts said demand came mostly from advisers. (Main keywords: Bitcoin, ETF)
Bullish
Steady inflows support prices in the short term. Watch the flows for a reversal.
"""


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, bound: float = 60.0) -> float:
    start = time.monotonic()
    while text not in page(url):
        if time.monotonic() - start > bound:
            raise SystemExit(f"{text!r} did not appear on {url} within {bound} s")
        time.sleep(0.02)
    return time.monotonic() - start


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for name in ("docs", "templates", "briefs"):
            shutil.copytree(ROOT / name, project / name)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        seed = project / "briefs/999_bench.txt"
        seed.write_text(SEED.format(headline="Headline 0"), encoding="utf-8")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        url = f"http://127.0.0.1:{port}/briefs/999_bench/"
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            print(f"startup: {wait_for(url, 'Headline 0'):.2f} s")
            seconds = []
            for run in range(1, runs + 1):
                time.sleep(1.0)  # let the previous rebuild settle
                seed.write_text(SEED.format(headline=f"Headline {run}"), encoding="utf-8")
                seconds.append(wait_for(url, f"Headline {run}"))
                print(f"run {run}: {seconds[-1]:.2f} s")
            print(
                f"median of {runs}: {statistics.median(seconds):.2f} s (max {max(seconds):.2f} s)"
            )
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
