"""Folders of seeds that must be rejected as `path:line: message`, with nothing read that
should not be: tests/seeds/sets/<case>/briefs/ next to tests/seeds/sets/<case>.error.txt.

A case may hold settings.yml (the `extra.briefs` settings) and files outside briefs/ that a
symbolic link points to. Single-file cases live in tests/seeds/fixtures (see test_parse.py).
"""

from __future__ import annotations

import io
import os
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.config import load_config
from generator.seeds.errors import SeedError
from generator.seeds.parse import load_all
from tests.builders import seed

SETS = Path(__file__).parent / "sets"
CASES = sorted(p.name for p in SETS.iterdir() if p.is_dir())


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every file opened while the test runs (by io.open or os.open), resolved."""
    paths: list[Path] = []
    real_open, real_os_open = io.open, os.open

    def recording_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)):
            paths.append(Path(file).resolve())
        return real_open(file, *args, **kwargs)

    def recording_os_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)):
            paths.append(Path(file).resolve())
        return real_os_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", recording_open)
    monkeypatch.setattr(os, "open", recording_os_open)
    yield paths


def errors_of(root: Path) -> str:
    settings_file = root / "settings.yml"
    settings = yaml.safe_load(settings_file.read_text()) if settings_file.exists() else {}
    config = load_config({"briefs": settings}, root / "mkdocs.yml")
    with pytest.raises(SeedError) as caught:
        load_all(config)
    return "".join(f"{problem}\n" for problem in caught.value.problems)


def test_every_case_is_paired() -> None:
    assert len(CASES) >= 5
    assert sorted(p.name.removesuffix(".error.txt") for p in SETS.glob("*.error.txt")) == CASES


@pytest.mark.parametrize("case", CASES)
def test_rejected(case: str, opened: list[Path]) -> None:
    expected = (SETS / f"{case}.error.txt").read_text(encoding="utf-8")
    opened.clear()
    assert errors_of(SETS / case) == expected
    briefs = (SETS / case / "briefs").resolve()
    outside = [p for p in opened if p.suffix.lower() == ".txt" and not p.is_relative_to(briefs)]
    assert outside == []


def test_symlink_targets_outside_are_never_opened(opened: list[Path]) -> None:
    errors_of(SETS / "symlink_outside")
    assert Path("/etc/passwd") not in opened
    assert (SETS / "symlink_outside/outside/secret.txt").resolve() not in opened
    assert (SETS / "symlink_outside/briefs/004_real.txt").resolve() in opened  # links inside: read


def test_oversized_file_is_not_opened(opened: list[Path]) -> None:
    errors_of(SETS / "oversize")
    briefs = (SETS / "oversize/briefs").resolve()
    assert (briefs / "003_edge.txt").stat().st_size == 1000  # at the limit
    # The files within the limit were seen being read, so the one over it was not.
    assert sorted(path.name for path in opened if path.parent == briefs) == [
        "002_ok.txt",
        "003_edge.txt",
    ]


def test_default_limit_is_a_million_bytes(tmp_path: Path) -> None:
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs/001_big.txt").write_bytes(seed(article="Word. " * 170_000))
    (tmp_path / "briefs/002_at_limit.txt").write_bytes(seed().ljust(1_000_000, b" "))
    assert errors_of(tmp_path) == (
        "briefs/001_big.txt:1: file is 1,020,144 bytes, over the limit of 1,000,000 "
        "(extra.briefs.max_seed_bytes)\n"
    )


def make_special(path: Path, kind: str) -> None:
    """A FIFO, socket or device at `path`: none of them may ever be opened as a seed."""
    if kind == "FIFO":
        os.mkfifo(path)  # opening it would block for ever
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()  # the socket file stays
    else:
        mode = stat.S_IFCHR if kind == "character device" else stat.S_IFBLK
        try:  # /dev/zero would never end; a disk would be read whole
            os.mknod(path, mode | 0o600, os.makedev(1, 5) if mode == stat.S_IFCHR else 0)
        except PermissionError:
            pytest.skip("making a device needs CAP_MKNOD")


SPECIAL_KINDS = ("FIFO", "socket", "character device", "block device")


@pytest.mark.parametrize("kind", SPECIAL_KINDS)
def test_special_files_are_refused_unopened(tmp_path: Path, kind: str, opened: list[Path]) -> None:
    (tmp_path / "briefs").mkdir()
    make_special(tmp_path / "briefs/050_x.txt", kind)
    (tmp_path / "briefs/051_ok.txt").write_bytes(seed())
    result: list[str] = []
    worker = threading.Thread(target=lambda: result.append(errors_of(tmp_path)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    article = "an" if kind[0] in "aeiou" else "a"
    assert result == [
        f"briefs/050_x.txt:1: not a regular file ({article} {kind}); "
        "a seed must be a plain text file\n"
    ]
    assert (tmp_path / "briefs/050_x.txt").resolve() not in opened
    assert (tmp_path / "briefs/051_ok.txt").resolve() in opened  # the check can fail


def test_a_link_inside_briefs_to_a_fifo_is_refused(tmp_path: Path) -> None:
    (tmp_path / "briefs").mkdir()
    os.mkfifo(tmp_path / "briefs/pipe")
    (tmp_path / "briefs/050_x.txt").symlink_to("pipe")
    result: list[str] = []
    worker = threading.Thread(target=lambda: result.append(errors_of(tmp_path)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert result == [
        "briefs/050_x.txt:1: not a regular file (a FIFO); a seed must be a plain text file\n"
    ]


def test_file_names_differing_only_in_case_share_a_slug(tmp_path: Path) -> None:
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs/005_E.txt").write_bytes(seed())
    (tmp_path / "briefs/005_e.txt").write_bytes(seed())
    assert errors_of(tmp_path) == (
        "briefs/005_e.txt:1: duplicate slug '005_e', also used by briefs/005_E.txt; "
        "rename one file or set a different 'slug:'\n"
    )
