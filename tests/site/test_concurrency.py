"""Commands at the same time: `build ‖ build`, and `serve` rebuilding with a draft ‖ `build`.

After every round site/ must equal a clean single build byte for byte, and the draft must
appear nowhere in it (pages, search fragments, feeds, API, sitemap). `make chaos` runs
CHAOS_ROUNDS rounds of each.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.builders import ROOT, seed
from tests.faults import (
    DRAFT_SLUG,
    command,
    draft_seed,
    draft_traces,
    prepared_project,
    run_build,
    staging_left,
)
from tests.site.test_serve import Preview, fetch
from tests.sitecheck import tree_hashes

ROUNDS = int(os.environ.get("CHAOS_ROUNDS", "1"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = prepared_project(tmp_path_factory.mktemp("together") / "project", count=70)
    (project / "briefs" / f"{DRAFT_SLUG}.txt").write_bytes(draft_seed())
    return project


def clean_site(project: Path, scratch: Path) -> dict[str, str]:
    """What one build alone, from no cache, makes of the project's seeds."""
    clean = scratch / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    clean.mkdir(parents=True)
    for name in ("briefs", "docs", "templates", "mkdocs.yml"):
        source = project / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, clean / name)
    assert run_build(clean).code == 0
    return tree_hashes(clean / "site")


def edit(project: Path, number: int) -> None:
    """A change that makes the next build summarize, render and index again."""
    article = f"Gold rose {number}% in round {number}. Buyers returned. Miners rallied."
    (project / "briefs" / "050_round.txt").write_bytes(
        seed(headline=f"Round {number}", article=article)
    )


def start(project: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command(project), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_two_builds_at_once_make_the_site_one_build_makes(project: Path, tmp_path: Path) -> None:
    for number in range(ROUNDS):
        edit(project, number)
        first = start(project)
        time.sleep(0.3 * (number % 3))  # the second arrives at various points of the first
        second = start(project)
        outputs = [process.communicate(timeout=180) for process in (first, second)]
        assert [first.returncode, second.returncode] == [0, 0], outputs
        waited = [err for _, err in outputs if "waiting for process" in err]
        assert all("holds .cache/build.lock" in err or "build.lock" in err for err in waited)
        assert staging_left(project) == []
        assert tree_hashes(project / "site") == clean_site(project, tmp_path)
        assert draft_traces(project / "site") == []


def test_a_preview_rebuilding_with_a_draft_never_puts_it_in_the_built_site(
    project: Path, tmp_path: Path
) -> None:
    preview = Preview(project)
    try:
        draft_url = preview.base + f"briefs/{DRAFT_SLUG}/"
        deadline = time.monotonic() + 90
        while "Secret Draft" not in fetch(draft_url):  # the preview shows the draft
            assert time.monotonic() < deadline, preview.log.read_text()
            time.sleep(0.2)
        for number in range(ROUNDS):
            edit(project, 100 + number)
            build = start(project)
            touches = 0
            while build.poll() is None:  # the preview rebuilds again and again meanwhile
                draft = project / "briefs" / f"{DRAFT_SLUG}.txt"
                # In place, as an editor saves, but never empty for a moment as write_bytes
                # leaves it: the build reads the draft too (and leaves it out of the site).
                with draft.open("r+b") as stream:
                    stream.write(draft_seed() + f"\n{touches}\n".encode())
                    stream.truncate()
                touches += 1
                time.sleep(0.25)
            _, err = build.communicate()
            assert build.returncode == 0, err
            assert draft_traces(project / "site") == []
            assert tree_hashes(project / "site") == clean_site(project, tmp_path)
    finally:
        preview.stop()
    assert staging_left(project) == []
