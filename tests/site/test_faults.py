"""Faults injected into real builds: each kind of child killed, Ctrl-C, SIGTERM, a full disk.

Every build must end within 10 s of the fault, leave no child and no staging folder, and
either fail with one line naming the fault and site/ and .cache as they were, or (for a
helper whose work is redone) succeed with the same site as an undisturbed build.
`make chaos` runs CHAOS_KILLS random kills instead of the few fixed ones here.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.builders import ROOT, make_project
from tests.faults import (
    FATAL,
    KINDS,
    Fault,
    Result,
    alive,
    command,
    lifetimes,
    prepared_project,
    run_build,
    run_with_fault,
    staging_left,
    state,
)
from tests.sitecheck import tree_hashes

CHAOS_KILLS = int(os.environ.get("CHAOS_KILLS", "0"))
BOUND = 10.0  # seconds from the fault to the end of the build


@dataclass(frozen=True)
class Template:
    project: Path
    expected_site: dict[str, str]  # what an undisturbed build of it makes
    spans: dict[str, tuple[float, float]]  # when each kind of child runs in such a build


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    project = prepared_project(tmp_path_factory.mktemp("faults") / "project")
    spans, site = lifetimes(project)
    assert set(spans) == set(KINDS), spans  # every kind of child takes part
    return Template(project, site, spans)


def trial(template: Template, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(template.project, project, symlinks=True)
    return project


def settled(result: Result) -> list[str]:
    """The build's children still there a moment after it ended (there should be none)."""
    deadline = time.monotonic() + 1.0
    while (left := alive(result.seen)) and time.monotonic() < deadline:
        time.sleep(0.02)
    return left


def check_kill(
    template: Template, project: Path, kind: str, fraction: float, must_land: bool = True
) -> Result:
    """Kill the first `kind` child `fraction` of the way through that kind's usual life."""
    first, last = template.spans[kind]
    before = state(project)
    fault = Fault(signal.SIGKILL, kind, delay=fraction * (last - first))
    result = run_with_fault(project, fault)
    where = f"{kind} at {fraction:.0%}: {result.stderr[-2000:]}"
    assert result.killed_at is not None or not must_land, where  # else it ended before
    assert result.seconds_to_end <= BOUND, where
    assert settled(result) == [], where
    assert staging_left(project) == [], where
    assert "Traceback" not in result.stderr, where
    if result.code == 0:  # a helper's work redone, or a child killed once its work was in
        assert tree_hashes(project / "site") == template.expected_site, where
    else:
        assert kind in FATAL, where
        assert result.code == 1, where
        assert result.last_line == f"{FATAL[kind]} died (killed by signal 9); site/ is unchanged"
        assert state(project) == before, where
    return result


KILLS = [
    ("briefs-summary", 0.0),
    ("briefs-convert", 0.05),
    ("briefs-render", 0.5),
    ("briefs-charts", 0.05),
    ("pagefind", 0.05),
]
if CHAOS_KILLS:  # the renderer lives ~0.3 s here: too short to be hit at 90% every time
    KILLS += [(kind, 0.9) for kind in KINDS if kind != "briefs-render"]


@pytest.mark.parametrize(("kind", "fraction"), KILLS)
def test_a_killed_child_fails_the_build_cleanly_or_is_redone(
    template: Template, tmp_path: Path, kind: str, fraction: float
) -> None:
    for attempt in range(4):  # a stage's length varies: come earlier if it ended first,
        chosen = fraction * (1 - attempt / 3)  # and at last as soon as the child appears
        project = trial(template, tmp_path / str(attempt))
        result = check_kill(template, project, kind, chosen, must_land=attempt == 3)
        if result.killed_at is not None:
            break
    if kind in FATAL and fraction < 0.5:
        assert result.code == 1  # early enough that the work was not done yet


def test_random_kills(template: Template, tmp_path: Path) -> None:
    """Kills at random moments: two in make test, CHAOS_KILLS (200) in make chaos."""
    rng = random.Random(os.environ.get("CHAOS_SEED", "12"))
    outcomes: dict[str, list[float]] = {}
    for number in range(CHAOS_KILLS or 2):
        kind, fraction = rng.choice(KINDS), rng.random()
        project = trial(template, tmp_path / str(number))
        result = check_kill(template, project, kind, fraction, must_land=False)
        if result.killed_at is None:
            outcome = f"{kind} ended before the kill"
        else:
            outcome = f"{kind} {'failed' if result.code else 'succeeded'}"
        outcomes.setdefault(outcome, []).append(result.seconds_to_end)
        shutil.rmtree(project.parent, ignore_errors=True)
    for outcome, times in sorted(outcomes.items()):
        print(f"{outcome}: {len(times)} trials, worst {max(times):.2f} s to end")


INTERRUPTS = {
    "ctrl-c-twice-summarizing": (Fault(signal.SIGINT, "briefs-summary", 0.1, "group", True), 130),
    "sigterm-rendering": (Fault(signal.SIGTERM, "briefs-render", 0.05, "build"), 143),
}
if CHAOS_KILLS:
    INTERRUPTS["ctrl-c-indexing"] = (Fault(signal.SIGINT, "pagefind", 0.05, "build"), 130)
    INTERRUPTS["sigterm-converting"] = (Fault(signal.SIGTERM, "briefs-convert", 0.0, "group"), 143)


@pytest.mark.parametrize(("fault", "code"), INTERRUPTS.values(), ids=INTERRUPTS.keys())
def test_an_interrupted_build_stops_everything_and_changes_nothing(
    template: Template, tmp_path: Path, fault: Fault, code: int
) -> None:
    name = signal.Signals(fault.signal).name
    project = trial(template, tmp_path)
    before = state(project)
    result = run_with_fault(project, fault)
    assert result.killed_at is not None
    assert (result.code, result.last_line) == (code, f"interrupted by {name}; site/ is unchanged")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.seconds_to_end <= BOUND
    assert settled(result) == []
    assert staging_left(project) == []
    assert state(project) == before


@pytest.fixture
def small_disk(tmp_path: Path) -> Path:
    """A 16 MB tmpfs: room for the project and one site, little more."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


ROOMS = {"site-write": 1_500_000, **({"cache-write": 30_000} if CHAOS_KILLS else {})}


@pytest.mark.parametrize("room", ROOMS.values(), ids=ROOMS.keys())
def test_a_full_disk_is_one_line_and_changes_nothing(
    template: Template, small_disk: Path, room: int
) -> None:
    project = small_disk / "project"
    shutil.copytree(template.project, project, symlinks=True)
    before = state(project)
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    (small_disk / "filler").write_bytes(b"\0" * max(0, free - room))
    result = run_build(project)
    assert result.code == 1, result.stderr
    assert result.last_line.startswith("no space left on device while writing "), result.stderr
    assert result.last_line.endswith("; site/ is unchanged")
    assert "Traceback" not in result.stderr
    assert staging_left(project) == []
    assert state(project) == before
    (small_disk / "filler").unlink()
    assert run_build(project).code == 0  # with room again, the next build goes through
    assert tree_hashes(project / "site") == template.expected_site


@pytest.mark.parametrize("command", ["build", "check", "serve"])
def test_ctrl_c_while_the_settings_load_is_one_line(
    template: Template, tmp_path: Path, command: str
) -> None:
    """Before the build's own handling starts: MkDocs loads a hook that takes its time."""
    project = trial(template, tmp_path)
    (project / "slow_hook.py").write_text("import time\n\ntime.sleep(20)\n", encoding="utf-8")
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "hooks:\n  - slow_hook.py\n")
    before = state(project)
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "-f", str(settings), command],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(3.0)  # Python is up and waits in the hook
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=BOUND)
    assert time.monotonic() - started < 3.0 + BOUND
    assert "Traceback" not in stderr, stderr
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "interrupted by SIGINT; site/ is unchanged"
    assert state(project) == before


@pytest.fixture(scope="module")
def python_start() -> float:
    """Seconds until `python -m generator` runs its own first lines, measured here (twice
    the slowest of three, for a margin): before that it is Python's own start, which prints
    its KeyboardInterrupt itself."""
    times = []
    for _ in range(3):
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", "import generator.seeds.messages"], check=True)
        times.append(time.monotonic() - started)
    return 2 * max(times)


@pytest.mark.parametrize("after", [0.0, 0.1])
def test_ctrl_c_while_python_loads_the_program_is_one_line(
    tmp_path: Path, python_start: float, after: float
) -> None:
    """Earlier still: Python is importing the generator and MkDocs."""
    project = make_project(tmp_path, {})
    before = state(project)
    process = subprocess.Popen(
        command(project), cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    time.sleep(python_start + after)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=BOUND)
    assert "Traceback" not in stderr, stderr
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "interrupted by SIGINT; site/ is unchanged"
    assert state(project) == before
