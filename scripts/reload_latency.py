"""Benchmark: seconds from saving a seed to the change on the `serve` preview.

    .venv/bin/python scripts/reload_latency.py [--briefs N] [--runs 5] [--edits article label new]
                                               [--project DIR] [--cold]

It copies the project (docs, templates, mkdocs.yml; with `--briefs N`, N seeds made from
../shared/corpus instead of briefs/) into a temporary folder, or into DIR with `--project`
(kept, so a second run starts with its caches), so your briefs are not touched. Unless
`--cold`, `python -m generator build` runs there first, as after `make build`. Then it
starts `serve` and times, for each kind of edit, `--runs` saves:

- article: a brief's article changes; wait for the new text on the brief's page;
- label: a Bullish brief becomes Bearish; wait for it on the Bearish page. Each save
  changes another brief (`99997_label<run>`, dated just before the newest), so that no
  save returns the site to a state an earlier one left, which the preview's caches hold;
- new: a new seed file, the newest brief; wait for its headline on the home page.

It prints the start-up time (serve started -> the brief's page served) and, per kind of
edit, every run and the median.
"""

from __future__ import annotations

import argparse
import re
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
sys.path.insert(0, str(ROOT / "bench"))
from corpus import write_seeds  # noqa: E402

SEED = """---
date: 2029-12-31
---
{headline}

Spot bitcoin funds took in $1.2 billion last week. The largest fund added $640 million.
Analysts said demand came mostly from advisers. {extra}

{label}

Steady inflows support prices in the short term. Watch the flows for a reversal.
"""
NEW_SEED = """---
date: 2030-01-{day:02d}
---
{headline}

Ether funds took in $300 million last week, their best week this year. Two new funds
listed. Analysts said the inflows came from pension funds.

Neutral

Inflows of this size rarely last: watch the next two weeks.
"""
BENCH = "99998_bench"  # newest brief (2029-12-31): on page 1 of every list it is in
LABEL = "99997_label{run}"  # one a label save, 2029-12-30: on page 1 of the Bearish list


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, bound: float = 300.0) -> float:
    start = time.monotonic()
    while text not in page(url):
        if time.monotonic() - start > bound:
            raise SystemExit(f"{text!r} did not appear on {url} within {bound} s")
        time.sleep(0.02)
    return time.monotonic() - start


def prepare(project: Path, briefs: int, cold: bool, runs: int) -> None:
    """Copy the project into `project` (once), with N corpus seeds, and build it if warm."""
    if not (project / "mkdocs.yml").is_file():
        for name in ("docs", "templates"):
            shutil.copytree(ROOT / name, project / name)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        if briefs:
            write_seeds(briefs, project / "briefs")
        else:
            shutil.copytree(ROOT / "briefs", project / "briefs")
    for pattern in ("99999_*.txt", "99997_*.txt"):  # the last run's new and label seeds
        for path in (project / "briefs").glob(pattern):
            path.unlink()
    seed = project / f"briefs/{BENCH}.txt"
    seed.write_text(SEED.format(headline="Bench Headline", extra="", label="Bullish"), "utf-8")
    for run in range(1, runs + 1):
        text = label_seed(run, "Bullish")
        (project / f"briefs/{LABEL.format(run=run)}.txt").write_text(text, "utf-8")
    if not cold:
        start = time.monotonic()
        command = [sys.executable, "-m", "generator", "build"]
        subprocess.run(command, cwd=project, check=True, capture_output=True)
        print(f"build before serve: {time.monotonic() - start:.1f} s")


def label_seed(run: int, label: str) -> str:
    text = SEED.replace("2029-12-31", "2029-12-30")
    return text.format(headline=f"Label Brief {run}", extra="", label=label)


def settle(log: Path, quiet: float = 1.5, bound: float = 120.0) -> None:
    """Wait until the preview is idle: no rebuild running (the first one, after start-up,
    runs for seconds without a word), no related ranking left running in the background
    (after a seed is added or removed), and its log quiet for `quiet` seconds."""
    deadline = time.monotonic() + bound
    size, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = log.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            text = log.read_text(encoding="utf-8", errors="replace")
            ranking = text.count("ranking the related briefs again in the background")
            done = text.count("related briefs ranked again") + text.count("briefs not ranked")
            building = text.count("Building documentation...")
            ended = text.count("Documentation built in") + text.count("error happened during")
            if ranking == done and building == ended:
                return
        time.sleep(0.1)


def measure(project: Path, runs: int, edits: list[str]) -> None:
    """Start serve in `project` and time each kind of edit."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mkdocs_yml = (project / "mkdocs.yml").read_text(encoding="utf-8")
    site_path = re.search(r"^site_url: \S+?//[^/]+(/\S*)", mkdocs_yml, re.M)
    base = f"http://127.0.0.1:{port}{site_path[1] if site_path else '/'}"
    seed = project / f"briefs/{BENCH}.txt"
    log = (project / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        print(f"startup: {wait_for(base + f'briefs/{BENCH}/', 'Bench Headline'):.2f} s")
        for kind in edits:
            seconds = []
            for run in range(1, runs + 1):
                settle(project / "serve.log")
                if kind == "article":
                    marker = f"Marker{kind}{run}x{time.monotonic_ns()}"
                    text = SEED.format(headline="Bench Headline", extra=marker, label="Bullish")
                    seed.write_text(text, encoding="utf-8")
                    seconds.append(wait_for(base + f"briefs/{BENCH}/", marker))
                elif kind == "label":
                    name = LABEL.format(run=run)
                    (project / f"briefs/{name}.txt").write_text(label_seed(run, "Bearish"), "utf-8")
                    seconds.append(wait_for(base + "sentiment/bearish/", f"{name}/"))
                else:
                    headline = f"New Brief {run} {time.monotonic_ns()}"
                    new = project / f"briefs/99999_new{run}.txt"
                    new.write_text(NEW_SEED.format(day=run, headline=headline), encoding="utf-8")
                    seconds.append(wait_for(base, headline))
                print(f"{kind} run {run}: {seconds[-1]:.2f} s")
            median, most = statistics.median(seconds), max(seconds)
            print(f"{kind}: median of {runs}: {median:.2f} s (max {most:.2f} s)")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--briefs", type=int, default=0, help="N seeds from the corpus")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edits", nargs="+", default=["article", "label", "new"])
    parser.add_argument("--project", type=Path, help="folder to build in, kept for next time")
    parser.add_argument("--cold", action="store_true", help="no build before serve")
    options = parser.parse_args()
    if options.project:
        options.project.mkdir(parents=True, exist_ok=True)
        prepare(options.project, options.briefs, options.cold, options.runs)
        measure(options.project, options.runs, options.edits)
        return
    with tempfile.TemporaryDirectory() as folder:
        prepare(Path(folder), options.briefs, options.cold, options.runs)
        measure(Path(folder), options.runs, options.edits)


if __name__ == "__main__":
    main()
