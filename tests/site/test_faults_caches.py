"""Damaged caches, in real builds: garbage, a cut-off file, a flipped byte, or a pickle an
older generator wrote (naming a module or class that has moved). Each is ignored with one
warning line, rebuilt, and the site comes out byte for byte as from a clean cache."""

from __future__ import annotations

import pickle
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.utils.sealed import read_sealed, write_sealed
from tests.builders import make_project, seed
from tests.site.test_faults_files import run
from tests.sitecheck import tree_hashes

CACHE = Path(".cache/briefs")
# A pickle of an object whose class lives in a module an older generator had.
OLD_MODULE = b"\x80\x04cgenerator.oldname\nBrief\n)\x81."
OLD_CLASS = b"\x80\x04cgenerator.seeds.model\nOldBrief\n)\x81."
Damage = Callable[[Path], None]


def garbage(path: Path) -> None:
    path.write_bytes(b"\x00garbage{not json\xff" * 10)


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def flipped(path: Path) -> None:
    """The same length, one byte changed."""
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(data))


def folder(path: Path) -> None:
    """A folder where the file was."""
    path.unlink()
    (path / "inside").mkdir(parents=True)


def planted(path: Path) -> None:
    """A link beside the file, to a file elsewhere (copying the folder would follow it)."""
    path.with_name("zz_planted").symlink_to("/etc/hostname")


def moved_away(path: Path) -> None:
    """The file's folder moved elsewhere, whole, and a link left in its place."""
    folder = path.parent
    while folder.parent.name != "search":
        folder = folder.parent
    elsewhere = folder.parent.parent.parent.parent / "shard-elsewhere"
    folder.rename(elsewhere)
    folder.symlink_to(elsewhere)


def old_module(path: Path) -> None:
    write_sealed(path, OLD_MODULE)  # sealed: found wrong by what it holds, not by its bytes


def old_class(path: Path) -> None:
    write_sealed(path, OLD_CLASS)


def first_chart(project: Path) -> Path:
    return sorted((project / CACHE / "charts").glob("*.svg"))[0]


def first_page(project: Path) -> Path:
    return sorted((project / CACHE / "html").glob("*/*"))[0]


def search_file(project: Path) -> Path:
    return sorted(p for p in (project / CACHE / "search/0").rglob("*") if p.is_file())[0]


def enrichment_entry(path: Path) -> None:
    """One entry of the right file, sealed, that holds the wrong things."""
    data = read_sealed(path, "enrichment cache")
    assert data is not None
    write_sealed(path, data.replace(b'"summary": [', b'"summary": [1, ', 1))


def cached(name: str) -> Callable[[Path], Path]:
    return lambda project: project / CACHE / name


# file -> (where it is in a project, what the warning calls it)
FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "memo": (cached("generation.pickle"), "generation cache"),
    "pages": (cached("pages.pickle"), "page cache"),
    "enrich": (cached("enrichment.json"), "enrichment cache"),
    "templates": (cached("templates.pickle"), "template cache"),
    "html_index": (cached("html/index.json"), "page HTML cache"),
    "html": (first_page, "page HTML cache"),
    "chart": (first_chart, "chart"),
    "search_manifest": (cached("search/manifest.json"), "search cache"),
    "search_shard": (search_file, "search cache"),
}
DAMAGES: dict[str, Damage] = {
    "garbage": garbage,
    "truncated": truncated,
    "flipped": flipped,
    "old_module": old_module,
    "old_class": old_class,
    "entry": enrichment_entry,
    "folder": folder,
    "planted": planted,
    "moved_away": moved_away,
}
# Damages that can share a build: different files, so each must give its own warning.
GROUPS = {
    "garbage": ["memo_garbage", "pages_garbage", "enrich_garbage", "chart_garbage",
                "templates_garbage", "html_index_garbage", "search_shard_moved_away"],
    "truncated": ["memo_truncated", "pages_truncated", "enrich_truncated", "chart_truncated",
                  "templates_truncated", "search_manifest_truncated", "html_truncated"],
    "old_module": ["memo_old_module", "pages_old_module", "html_folder", "search_shard_planted"],
    "entries": ["memo_old_class", "enrich_entry", "search_shard_truncated", "html_flipped"],
    "flipped": ["memo_flipped", "pages_flipped", "enrich_flipped", "templates_flipped",
                "html_index_flipped", "chart_flipped", "search_manifest_flipped"],
}  # fmt: skip


def split(case: str) -> tuple[str, str]:
    """A case's name, `<file>_<damage>`, as its file and its damage."""
    for file in FILES:
        damage = case.removeprefix(f"{file}_")
        if damage != case and damage in DAMAGES:
            return file, damage
    raise KeyError(case)


# name -> (the file to damage, how, what the warning calls it)
CASES: dict[str, tuple[Callable[[Path], Path], Damage, str]] = {
    case: (FILES[split(case)[0]][0], DAMAGES[split(case)[1]], FILES[split(case)[0]][1])
    for group in GROUPS.values()
    for case in group
}


def test_every_case_is_in_one_group() -> None:
    grouped = [case for group in GROUPS.values() for case in group]
    assert sorted(grouped) == sorted(set(grouped)) == sorted(CASES)
    for group in GROUPS.values():  # each damages a different cache: one warning each
        assert len({CASES[case][2] for case in group}) == len(group), group


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project built once from an empty cache."""
    seeds = {"001_a.txt": seed(front="date: 2025-06-02"), "002_b.txt": seed(label="Bearish")}
    project = make_project(tmp_path_factory.mktemp("caches"), seeds)
    code, errors, _ = run(project, "build")
    assert code == 0, errors
    return project


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_damaged_caches_are_rebuilt_with_one_warning_each(
    clean: Path, tmp_path: Path, group: str
) -> None:
    project = tmp_path / "project"
    shutil.copytree(clean, project, symlinks=True)
    site = tree_hashes(clean / "site")
    cases = GROUPS[group]
    targets = {case: CASES[case][0](project) for case in cases}  # before any is damaged
    if not any(case.startswith(("memo", "pages")) for case in cases):
        (project / CACHE / "generation.pickle").unlink()  # else the memo skips those caches
    for case in cases:
        CASES[case][1](targets[case])
    code, errors, _ = run(project, "build")
    assert code == 0, errors
    warnings = [line for line in errors if line.startswith("WARNING")]
    assert len(warnings) == len(cases), errors  # one line per damaged file
    for case in cases:
        what, target = CASES[case][2], targets[case]
        shown = project / CACHE / "search/0" if case.startswith("search_shard") else target
        pattern = (
            rf"WARNING -  ignoring damaged {what} {re.escape(str(shown))} \(.+\); "
            "it will be rebuilt"
        )
        assert [w for w in warnings if re.fullmatch(pattern, w)], (case, warnings)
    assert tree_hashes(project / "site") == site  # as built from a clean cache
    code, errors, _ = run(project, "build")
    assert (code, [line for line in errors if line.startswith("WARNING")]) == (0, [])
    assert tree_hashes(project / "site") == site


def test_a_pickle_from_a_moved_module_names_the_module(clean: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(clean, project, symlinks=True)
    memo = project / CACHE / "generation.pickle"
    memo.write_bytes(OLD_MODULE)
    code, errors, _ = run(project, "build")
    assert code == 0
    assert [line for line in errors if line.startswith("WARNING")] == [
        f"WARNING -  ignoring damaged generation cache {memo} "
        "(ModuleNotFoundError: No module named 'generator.oldname'); it will be rebuilt"
    ]


WHAT = {
    "seeds.pickle": "seed cache",
    "pages.pickle": "page cache",
    "templates.pickle": "template cache",
    "enrichment.json": "enrichment cache",
    "html/index.json": "page HTML cache",
    "search/manifest.json": "search cache",
    "generation.pickle": "generation cache",
}
SEALED = [name for name in WHAT if name != "generation.pickle"]  # the memo is sealed too,
# but an older generator's is stale by its key before its seal is read


def test_an_older_generators_unsealed_caches_are_rebuilt_without_a_word(
    clean: Path, tmp_path: Path
) -> None:
    """Whole JSON or pickles without a seal, as generators before the seals wrote them: an
    upgrade rebuilds them as it rebuilds any stale cache, not as damage (six warnings)."""
    project = tmp_path / "project"
    shutil.copytree(clean, project, symlinks=True)
    site = tree_hashes(clean / "site")
    (project / CACHE / "generation.pickle").unlink()  # else the memo skips the others
    for name in SEALED:
        data = read_sealed(project / CACHE / name, name)
        assert data is not None, name
        (project / CACHE / name).write_bytes(data)
    code, errors, _ = run(project, "build")
    assert (code, [line for line in errors if not line.startswith("INFO")]) == (0, [])
    assert tree_hashes(project / "site") == site
    for name in SEALED:  # sealed again
        assert read_sealed(project / CACHE / name, name) is not None, name


FOLDERS = {"html": "page HTML cache", "search": "search cache", "charts": "chart store"}


@pytest.mark.parametrize("shape", ["file", "link_out"])
@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_a_cache_folder_that_is_not_a_folder_is_rebuilt(
    clean: Path, tmp_path: Path, folder: str, shape: str
) -> None:
    """A file where a cache's folder goes failed the build (`cannot write
    .cache/briefs/search.new`); a link to a folder elsewhere had the build copy that folder
    into its staged cache (all of /tmp, say) and write into it."""
    project = tmp_path / "project"
    shutil.copytree(clean, project, symlinks=True)
    site = tree_hashes(clean / "site")
    (project / CACHE / "generation.pickle").unlink()  # so the charts are looked up too
    path = project / CACHE / folder
    shutil.rmtree(path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not the cache's\n", encoding="utf-8")
    if shape == "file":
        path.write_text("not a folder\n", encoding="utf-8")
    else:
        path.symlink_to(elsewhere)
    code, errors, _ = run(project, "build")
    assert code == 0, errors
    warnings = [line for line in errors if line.startswith("WARNING")]
    assert warnings == [
        f"WARNING -  ignoring damaged {FOLDERS[folder]} {path} (not a folder); it will be rebuilt"
    ]
    assert tree_hashes(project / "site") == site
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    assert path.is_dir() and not path.is_symlink()
    code, errors, _ = run(project, "build")
    assert (code, [line for line in errors if line.startswith("WARNING")]) == (0, [])


@pytest.mark.parametrize("name", [*SEALED, "generation.pickle"])
def test_a_folder_where_a_cache_file_goes_is_rebuilt(
    clean: Path, tmp_path: Path, name: str
) -> None:
    """A folder in a cache file's place failed the build when the file was written again
    (`cannot write .cache/briefs/html/.index.json.x: Is a directory`)."""
    project = tmp_path / "project"
    shutil.copytree(clean, project, symlinks=True)
    site = tree_hashes(clean / "site")
    if name != "generation.pickle":
        (project / CACHE / "generation.pickle").unlink()
    path = project / CACHE / name
    path.unlink()
    (path / "inside").mkdir(parents=True)
    code, errors, _ = run(project, "build")
    assert code == 0, errors
    assert [line for line in errors if line.startswith("WARNING")] == [
        f"WARNING -  ignoring damaged {WHAT[name]} {path} (not a regular file); it will be rebuilt"
    ]
    assert tree_hashes(project / "site") == site
    assert path.is_file()


def test_no_flipped_byte_of_the_generation_cache_escapes_as_an_error(clean: Path) -> None:
    """The result was unpickled before its seal was checked: a MEMOIZE opcode flipped into
    FRAME (0x94 -> 0x95) asked for a frame of petabytes, and the OverflowError ended every
    build and `serve` with a traceback. Each flip here must come back as no result."""
    from generator.site.memo import _stored

    data = (clean / CACHE / "generation.pickle").read_bytes()
    key, base = pickle.loads(data)
    assert _stored(clean / CACHE / "generation.pickle", key, base) is not None
    spread = range(0, len(data), max(1, len(data) // 300))
    frames = [at for at, byte in enumerate(data) if byte == 0x94][:100]
    target = clean.parent / "flipped.pickle"
    for at in sorted({*spread, *frames}):
        flipped = bytearray(data)
        flipped[at] ^= 0x01
        target.write_bytes(bytes(flipped))
        assert _stored(target, key, base) is None, at


def test_a_link_in_place_of_a_kept_page_is_never_published(clean: Path, tmp_path: Path) -> None:
    """A link to a copy of the page elsewhere hashed right, and the site got the link, to
    a path outside the project, on every later build."""
    project = tmp_path / "project"
    shutil.copytree(clean, project, symlinks=True)
    site = tree_hashes(clean / "site")
    kept = first_page(project)
    elsewhere = tmp_path / "page.html"
    shutil.copy(kept, elsewhere)
    kept.unlink()
    kept.symlink_to(elsewhere)
    code, errors, _ = run(project, "build")
    assert code == 0, errors
    assert [line for line in errors if line.startswith("WARNING")] == [
        f"WARNING -  ignoring damaged page HTML cache {kept} (a link, not a kept page); "
        "it will be rebuilt"
    ]
    assert not [path for path in (project / "site").rglob("*") if path.is_symlink()]
    assert tree_hashes(project / "site") == site


@pytest.mark.parametrize("target", ["nowhere", "elsewhere"])
@pytest.mark.parametrize("command", ["build", "check"])
def test_the_cache_folder_as_a_link_is_never_followed(
    clean: Path, tmp_path: Path, target: str, command: str
) -> None:
    """`.cache/briefs` as a broken link failed every build, after the new site was in place
    ("site/ is unchanged", it was not); as a link to a folder elsewhere, `serve` and `check`
    wrote into that folder."""
    project = tmp_path / "project"
    shutil.copytree(clean, project, symlinks=True)
    site = tree_hashes(clean / "site")
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(project / CACHE, elsewhere)
    before = tree_hashes(elsewhere)
    shutil.rmtree(project / CACHE)
    (project / CACHE).symlink_to(elsewhere if target == "elsewhere" else "nowhere")
    code, errors, _ = run(project, command)
    assert code == 0, errors
    assert [line for line in errors if line.startswith("WARNING")] == [
        f"WARNING -  ignoring damaged cache {project / CACHE} (not a folder); it will be rebuilt"
    ]
    assert tree_hashes(elsewhere) == before
    assert not (project / CACHE).is_symlink()
    if command == "build":
        assert tree_hashes(project / "site") == site
        assert (project / CACHE).is_dir()


def test_an_unreadable_cache_folder_is_damage_that_is_rebuilt(clean: Path, tmp_path: Path) -> None:
    """Staging the cache (a copy of hard links) failed on it: `cannot write a file: Error`,
    on every build."""
    from tests.site.test_faults_files import run_locked

    project = tmp_path / "project"
    shutil.copytree(clean, project, symlinks=True)
    site = tree_hashes(clean / "site")
    folder = first_page(project).parent
    code, errors = run_locked(project, folder, "build", after=".cache/briefs.old-*/html/*")
    assert code == 0, errors
    assert [line for line in errors if line.startswith("WARNING")] == [
        f"WARNING -  ignoring damaged cache {folder} (Permission denied); it will be rebuilt"
    ]
    assert tree_hashes(project / "site") == site
