"""`check` and the build keep parsed seeds and their warnings by content (seeds/seedcache.py):
a seed is parsed and linted once, and the report is always what a run without the cache
prints."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

import generator.lint
import generator.seeds.parse
import generator.seeds.seedcache
from generator.cli import main
from generator.utils.sealed import dump_pickle, load_pickle
from tests.builders import ROOT, make_project, seed

MISMATCH = (ROOT / "tests/warnings/sentiment_mismatch.txt").read_bytes()
SEEDS = {
    "001_bad.txt": seed(label="Bulish"),
    "002_short.txt": seed(article="Only one sentence here."),
    "003_draft.txt": seed(front="draft: true"),
    "004_fine.txt": seed(headline="Gold Climbs on Rate Bets"),
}


def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many seeds are parsed and linted from now on."""
    calls = {"parsed": 0, "linted": 0}
    real_loads, real_lint = generator.seeds.parse.loads, generator.lint.lint

    def loads(*args: object, **kwargs: object) -> object:
        calls["parsed"] += 1
        return real_loads(*args, **kwargs)  # type: ignore[arg-type]

    def lint(*args: object, **kwargs: object) -> object:
        calls["linted"] += 1
        return real_lint(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(generator.seeds.parse, "loads", loads)
    monkeypatch.setattr(generator.lint, "lint", lint)
    return calls


def check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["-f", str(project / "mkdocs.yml"), "check"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_second_check_parses_and_lints_only_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path, SEEDS)
    calls = counted(monkeypatch)
    first = check(project, capsys)
    assert first[0] == 1 and "4 warning" not in first[1]
    assert calls == {"parsed": 5, "linted": 4}  # the example too; the invalid seed is not linted
    assert check(project, capsys) == first
    assert calls == {"parsed": 5, "linted": 4}  # nothing again
    (project / "briefs/004_fine.txt").write_bytes(seed(article="Only one sentence here."))
    code, out, err = check(project, capsys)
    assert calls == {"parsed": 6, "linted": 5}
    assert "briefs/004_fine.txt:2: warning: article is a single sentence" in err
    (tmp_path / "nocache").mkdir()
    assert check(make_project(tmp_path / "nocache", read_seeds(project)), capsys) == (
        code,
        out,
        err,
    )


def read_seeds(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (project / "briefs").glob("0*.txt")}


def test_a_check_after_a_build_parses_and_lints_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The build kept every valid seed's Brief and warnings (a draft it does not enrich)."""
    seeds = {name: data for name, data in SEEDS.items() if name != "001_bad.txt"}
    seeds["005_mismatch.txt"] = MISMATCH  # a label the text contradicts: a tone warning
    seeds["006_summary.txt"] = seed(front="summary: Set by hand.", article="One sentence.")
    project = make_project(tmp_path / "p", seeds)
    assert main(["-f", str(project / "mkdocs.yml"), "build"]) == 0
    capsys.readouterr()
    calls = counted(monkeypatch)
    after_build = check(project, capsys)
    assert calls == {"parsed": 0, "linted": 1}  # the draft
    assert "005_mismatch.txt:7: warning: labelled Bullish" in after_build[2]
    assert "006_summary.txt:5: warning: article is a single sentence" in after_build[2]
    (project / ".cache/briefs/seeds.pickle").unlink()
    assert check(project, capsys) == after_build  # as without the cache


@pytest.mark.parametrize("change", ["settings", "library"])
def test_a_settings_or_library_change_makes_every_entry_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    project = make_project(tmp_path, SEEDS)
    check(project, capsys)
    if change == "settings":
        config = project / "mkdocs.yml"
        config.write_text(config.read_text("utf-8").replace("feed_items: 20", "feed_items: 9"))
    else:  # VADER reads the tone behind the label warnings
        real = generator.seeds.seedcache.versions

        def upgraded(names: Iterable[str]) -> dict[str, str]:
            found = real(names)
            return {**found, "vaderSentiment": "99.0"} if "vaderSentiment" in found else found

        monkeypatch.setattr(generator.seeds.seedcache, "versions", upgraded)
    calls = counted(monkeypatch)
    check(project, capsys)
    assert calls["parsed"] == 5


@pytest.mark.parametrize("damage", ["garbage", "truncated", "unwritable", "entry", "changed"])
def test_a_damaged_or_unwritable_cache_is_a_warning_at_most(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    damage: str,
) -> None:
    project = make_project(tmp_path, SEEDS)
    first = check(project, capsys)
    cache = project / ".cache/briefs/seeds.pickle"
    if damage == "garbage":
        cache.write_bytes(b"not a pickle at all")
    elif damage == "truncated":
        cache.write_bytes(cache.read_bytes()[: cache.stat().st_size // 2])
    elif damage == "entry":  # the right key and seal, an entry that is not a parsed seed
        key, entries = load_pickle(cache, "seed cache")
        dump_pickle(cache, (key, {**entries, next(iter(entries)): "xy"}))
    elif damage == "changed":  # a headline edited in place: still a pickle, not its seal
        data = cache.read_bytes()
        assert data.count(b"Gold Climbs") == 1
        cache.write_bytes(data.replace(b"Gold Climbs", b"Gold Slumps"))
    else:  # a file where the cache's folder goes: nothing can be read or written there
        shutil.rmtree(cache.parent)
        cache.parent.write_bytes(b"")
    with caplog.at_level(logging.WARNING):
        assert check(project, capsys) == first
    what = "cache" if damage == "unwritable" else "seed cache"  # the cache's folder: a file
    damaged = [r.getMessage() for r in caplog.records if f"damaged {what} " in r.getMessage()]
    assert len(damaged) == 1 and "it will be rebuilt" in damaged[0], damaged
    if damage != "unwritable":
        caplog.clear()
        assert check(project, capsys) == first  # the last check wrote it afresh
        assert not [r for r in caplog.records if "seed cache" in r.getMessage()]


def test_a_checkout_elsewhere_with_the_cache_restored_parses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As CI restores `.cache` into a fresh checkout: another folder, new file times."""
    project = make_project(tmp_path / "a", SEEDS)
    first = check(project, capsys)
    clone = tmp_path / "elsewhere/b"
    shutil.copytree(project, clone, copy_function=shutil.copy)
    calls = counted(monkeypatch)
    assert check(clone, capsys) == first
    assert calls == {"parsed": 0, "linted": 0}


def test_the_previews_first_generation_takes_the_seeds_a_build_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`serve` after `build` parses no seed; its next generations ask their own memory."""
    from generator.cli import _load_configs
    from generator.seeds.parse import read_all
    from generator.site.memory import Memory

    seeds = {name: data for name, data in SEEDS.items() if name != "001_bad.txt"}
    project = make_project(tmp_path, seeds)
    assert main(["-f", str(project / "mkdocs.yml"), "build"]) == 0
    _, config = _load_configs(project / "mkdocs.yml")
    calls = counted(monkeypatch)
    memory = Memory()
    memory.begin(config, ("Market Briefs", True, None))
    briefs, problems = read_all(config, memory=memory)
    assert (len(briefs), problems, calls["parsed"]) == (4, [], 0)
    (project / "briefs/004_fine.txt").write_bytes(seed(headline="Gold Slips"))
    memory.begin(config, ("Market Briefs", True, None))
    assert memory.stored is None  # the memory knows the seeds now
    briefs, _ = read_all(config, memory=memory)
    assert calls["parsed"] == 1 and "Gold Slips" in {brief.headline for brief in briefs}


def test_a_check_during_a_build_reports_all_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A build swaps `.cache/briefs` whole: a check meanwhile must not write into it. It
    reports as ever, and the next check, with the lock free, keeps its results."""
    project = make_project(tmp_path, SEEDS)
    cache = project / ".cache/briefs/seeds.pickle"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(project)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        report = check(project, capsys)
        assert not cache.exists()
    finally:
        holder.kill()
        holder.wait()
    assert check(project, capsys) == report
    assert cache.exists()


HOLD = """import sys, time
from pathlib import Path
from generator.site.lock import project_lock
with project_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""
