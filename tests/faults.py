"""Real builds with faults injected from outside: kills, interrupts, a full disk.

A build runs as `python -m generator build` in a copy of a prepared project. Its children
are found through /proc by parentage and by the names they take (generator/utils/children.py;
Pagefind keeps its own), so a test can kill one kind at a chosen point of its life.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tests.builders import ROOT, make_project, seed
from tests.sitecheck import tree_hashes

# The kinds of child a build has, by the name /proc shows for them.
KINDS = ("briefs-summary", "briefs-convert", "briefs-render", "briefs-charts", "pagefind")
# What the build must say when one of them dies, if it fails (the others are redone).
FATAL = {"briefs-summary": "a summarizing worker", "pagefind": "Pagefind"}
WORDS = ("bitcoin", "ether", "funds", "traders", "rally", "slump", "inflows", "miners", "gold")
DRAFT_HEADLINE = "Secret Draft Headline Zebra"
DRAFT_SLUG = "099_draft"


def market_seeds(count: int, rng: random.Random) -> dict[str, bytes]:
    """`count` seeds different enough that each is summarized and paged on its own."""
    seeds = {}
    for number in range(1, count + 1):
        sentences = [
            f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} moved {number}.{k}% on desk {k}."
            for k in range(8)
        ]
        seeds[f"{number:03d}_m.txt"] = seed(
            headline=f"Market Brief Number {number}",
            article=" ".join(sentences),
            front=f"date: 2025-{1 + number % 9:02d}-{10 + number % 18}",
            keywords="Bitcoin, ETF" if number % 2 else "Ether, Staking",
        )
    return seeds


def prepared_project(target: Path, count: int = 80) -> Path:
    """A project built once with a few seeds, then given `count` new ones: its next build
    summarizes, converts, renders, draws and indexes with every kind of child."""
    seeds = market_seeds(count, random.Random(12))
    first = dict(list(seeds.items())[:3])
    make_project(target, first)
    result = run_build(target)
    assert result.code == 0, result.stderr
    for name, data in seeds.items():
        (target / "briefs" / name).write_bytes(data)
    return target


def draft_seed() -> bytes:
    return seed(headline=DRAFT_HEADLINE, front="draft: true\ndate: 2025-06-11")


def command(project: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "-f", str(project / "mkdocs.yml"), "build"]


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str
    seen: dict[int, str] = field(default_factory=dict)  # pid -> kind, of every child seen
    killed_at: float | None = None
    ended_at: float = 0.0

    @property
    def last_line(self) -> str:
        lines = self.stderr.strip().splitlines()
        return lines[-1] if lines else ""

    @property
    def seconds_to_end(self) -> float:
        """From the fault to the build's exit."""
        return self.ended_at - (self.killed_at or self.ended_at)


def run_build(project: Path, timeout: float = 180) -> Result:
    process = subprocess.run(
        command(project), cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    return Result(process.returncode, process.stdout, process.stderr)


def children(root: int) -> dict[int, str]:
    """Every live descendant of `root`, with the name /proc gives it.

    Walks the kernel's lists of each thread's children rather than every process on the
    machine: the build is watched every 5 ms, and a scan of all of /proc took a fifth of a
    core. A child that appears mid-walk may be missed once; the next look finds it.
    """
    found: dict[int, str] = {}
    frontier = [root]
    while frontier:
        pid = frontier.pop()
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for thread in threads:
            try:
                listed = Path(f"/proc/{pid}/task/{thread}/children").read_text().split()
            except OSError:
                continue
            for child in map(int, listed):
                named = None if child in found else _name(child)
                if named is not None:
                    found[child] = named
                    frontier.append(child)
    return found


def _name(pid: int) -> str | None:
    """A live process's name, or None when it is gone or a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state = stat[stat.rindex(")") + 2 :].split()[0]
    return None if state == "Z" else stat[stat.index("(") + 1 : stat.rindex(")")]


def alive(pids: Iterable[int], kinds: Iterable[str] = KINDS) -> list[str]:
    """Which of these processes still run as one of the build's kinds of child."""
    left = []
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        state = stat[stat.rindex(")") + 2 :].split()[0]
        if name in kinds and state != "Z":
            left.append(f"{name} {pid}")
    return left


@dataclass
class Fault:
    """Send `signal` once `delay` seconds passed since the first child of kind `when`
    appeared (or since the start: `when` None). It goes `to` that child, to the build, or
    to the build's whole process group (as a terminal's Ctrl-C does); `twice`: again 50 ms on.
    """

    signal: int
    when: str | None
    delay: float = 0.0
    to: str = "child"  # or "build", "group"
    twice: bool = False


def run_with_fault(project: Path, fault: Fault, timeout: float = 120) -> Result:
    """Run a build, inject the fault, and watch its children until it ends."""
    with (project / "stdout").open("w+") as out, (project / "stderr").open("w+") as err:
        process = subprocess.Popen(
            command(project), cwd=ROOT, stdout=out, stderr=err, start_new_session=True
        )
        start = time.monotonic()
        seen: dict[int, str] = {}
        appeared = start if fault.when is None else None
        killed_at: float | None = None
        while process.poll() is None:
            now = time.monotonic()
            assert now - start < timeout, "the build did not end"
            current = children(process.pid)
            seen.update(current)
            matching = sorted(pid for pid, name in current.items() if name == fault.when)
            if appeared is None and matching:
                appeared = now
            if killed_at is None and appeared is not None and now - appeared >= fault.delay:
                target = process.pid if fault.to != "child" else (matching or [None])[0]
                if target is not None:
                    _send(process.pid, target, fault)
                    killed_at = time.monotonic()
            time.sleep(0.005)
        ended = time.monotonic()
        out.seek(0)
        err.seek(0)
        return Result(process.returncode, out.read(), err.read(), seen, killed_at, ended)


def _send(build: int, target: int, fault: Fault) -> None:
    for attempt in range(2 if fault.twice else 1):
        if attempt:
            time.sleep(0.05)
        try:
            if fault.to == "group":
                os.killpg(build, fault.signal)
            else:
                os.kill(target, fault.signal)
        except ProcessLookupError:
            pass


def lifetimes(project: Path) -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    """Seconds after the start when each kind of child first and last ran, in an undisturbed
    build of a copy of `project` (where the first and the last tenth of each stage lie), and
    the site that build made."""
    trial = project.with_name(project.name + "-timing")
    shutil.copytree(project, trial, symlinks=True)
    spans: dict[str, tuple[float, float]] = {}
    with (trial / "stderr").open("w") as err:
        process = subprocess.Popen(command(trial), cwd=ROOT, stdout=err, stderr=err)
        start = time.monotonic()
        while process.poll() is None:
            now = time.monotonic() - start
            for name in set(children(process.pid).values()):
                spans[name] = (spans.get(name, (now, now))[0], now)
            time.sleep(0.005)
    assert process.returncode == 0, (trial / "stderr").read_text()
    site = tree_hashes(trial / "site")
    shutil.rmtree(trial, ignore_errors=True)  # its old site goes in the background
    return {name: span for name, span in spans.items() if name in KINDS}, site


def state(project: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Hashes of site/ and of .cache (the lock's own files aside)."""
    cache = {
        path: digest
        for path, digest in tree_hashes(project / ".cache").items()
        if not path.startswith("build.lock")
    }
    return tree_hashes(project / "site"), cache


def staging_left(project: Path) -> list[str]:
    """Folders a build works in that outlived it."""
    return sorted(
        [p.name for p in project.glob(".site.building*")]
        + [p.name for p in (project / ".cache").glob("briefs.building*")]
    )


def draft_traces(site: Path) -> list[str]:
    """Files of the site that mention the draft (Pagefind's are gzipped)."""
    found = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            with contextlib.suppress(OSError, EOFError):
                data = gzip.decompress(data)
        if DRAFT_HEADLINE.encode() in data or DRAFT_SLUG.encode() in data:
            found.append(path.relative_to(site).as_posix())
    return found
