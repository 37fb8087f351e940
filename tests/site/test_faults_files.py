"""Special files among the seeds, in real builds: each is refused unopened, in bounded time,
with one line that names it, and neither site/ nor .cache/ changes."""

from __future__ import annotations

import ctypes
import os
import shutil
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.builders import ROOT, make_project, seed
from tests.site.test_serve import CHANGE, STARTUP, Preview
from tests.sitecheck import tree_hashes

BOUND = 20.0  # seconds a refused build may take; a FIFO that is opened never returns
PR_CAPBSET_DROP = 24  # prctl(2)
Fault = Callable[[Path], None]


def fifo(path: Path) -> None:
    os.mkfifo(path)


def unix_socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero: never ends
    except PermissionError:
        pytest.skip("making a device needs CAP_MKNOD")


def folder(path: Path) -> None:
    path.mkdir()
    (path / "notes").write_text("not a seed\n", encoding="utf-8")


def dangling(path: Path) -> None:
    path.symlink_to("049_gone.txt")


def outside(path: Path) -> None:
    path.symlink_to("/etc/passwd")


def link_to_fifo(path: Path) -> None:
    os.mkfifo(path.with_name("pipe"))
    path.symlink_to("pipe")


REGULAR = "a seed must be a plain text file"
FAULTS: dict[str, tuple[Fault, str]] = {
    "fifo": (fifo, f"not a regular file (a FIFO); {REGULAR}"),
    "socket": (unix_socket, f"not a regular file (a socket); {REGULAR}"),
    "device": (device, f"not a regular file (a character device); {REGULAR}"),
    "folder": (folder, f"not a regular file (a folder); {REGULAR}"),
    "dangling": (
        dangling,
        f"broken symbolic link (to '049_gone.txt', which leads to no file); {REGULAR}",
    ),
    "outside": (outside, "symbolic link points outside the briefs folder; it was not read"),
    "link_to_fifo": (link_to_fifo, f"not a regular file (a FIFO); {REGULAR}"),
}


def run(
    project: Path, *arguments: str, preexec: Callable[[], None] | None = None
) -> tuple[int, list[str], float]:
    """Exit code, stderr lines and seconds of one command, which must end within BOUND."""
    command = [sys.executable, "-m", "generator", "-f", str(project / "mkdocs.yml"), *arguments]
    start = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=BOUND, preexec_fn=preexec)
    seconds = time.monotonic() - start
    return done.returncode, done.stderr.decode().splitlines(), seconds


def state(project: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Hashes of everything under site/ and .cache/."""
    return tree_hashes(project / "site"), tree_hashes(project / ".cache")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project built once; each test adds one bad file and takes it away again."""
    project = make_project(tmp_path_factory.mktemp("faults"), {"001_ok.txt": seed()})
    code, errors, _ = run(project, "build")
    assert code == 0, errors
    return project


@pytest.fixture
def bad(built: Path) -> Iterator[Path]:
    """Where the bad seed goes; removed afterwards, whatever it is."""
    path = built / "briefs/050_x.txt"
    yield path
    for extra in (path, path.with_name("pipe")):
        if extra.is_dir() and not extra.is_symlink():
            shutil.rmtree(extra)
        else:
            extra.unlink(missing_ok=True)


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_build_refuses_the_file_unopened(built: Path, bad: Path, fault: str) -> None:
    make, message = FAULTS[fault]
    before = state(built)
    make(bad)
    code, errors, seconds = run(built, "build")
    assert (code, errors[-2:]) == (1, [f"briefs/050_x.txt:1: {message}", "1 problem in 1 file"])
    assert not any("Traceback" in line for line in errors)
    assert seconds < BOUND
    assert state(built) == before


# `check` finds the seed in briefs/, as a file named, or in a folder named: the dangling
# link (which `os.path.exists` denies) every way, the others one way each.
CHECKED = {"dangling": ("", "file", "folder"), "fifo": ("",), "socket": ("folder",)}


@pytest.mark.parametrize("fault", sorted(CHECKED))
def test_check_refuses_the_file_unopened(built: Path, bad: Path, fault: str) -> None:
    make, message = FAULTS[fault]
    make(bad)
    for named in CHECKED[fault]:
        arguments = {"": [], "file": [str(bad)], "folder": [str(bad.parent)]}[named]
        code, errors, _ = run(built, "check", *arguments)
        assert (code, errors) == (1, [f"briefs/050_x.txt:1: {message}"]), named


def test_a_fifo_in_briefs_does_not_stop_the_memo_from_working(built: Path, bad: Path) -> None:
    """The generation memo hashes every seed: it must not open the FIFO to do so."""
    assert run(built, "build")[0] == 0  # memoized now
    fifo(bad)
    code, errors, _ = run(built, "build")
    assert (code, errors[-1]) == (1, "1 problem in 1 file")
    bad.unlink()
    code, errors, _ = run(built, "build")
    assert code == 0, errors


def without_file_permission_override() -> None:
    """In the child, before exec: root loses the right to read any file (CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH leave its bounding set), so chmod 000 means what it says."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_locked(
    project: Path, locked: Path, *arguments: str, after: str = ""
) -> tuple[int, list[str]]:
    """Run a command with `locked` at mode 0 and root's file permission override dropped
    (skipped where it cannot be dropped); the mode is put back after, on `locked` and on
    what `after` matches (a glob under the project: where a build moved it)."""
    mode = locked.stat().st_mode & 0o777
    locked.chmod(0)
    try:
        code, errors, _ = run(project, *arguments, preexec=without_file_permission_override)
    except subprocess.SubprocessError as error:
        pytest.skip(f"cannot drop root's file permission override: {error}")
    finally:
        for path in [locked, *(project.glob(after) if after else [])]:
            if path.exists():
                path.chmod(mode)
    return code, errors


def test_unreadable_file(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"001_ok.txt": seed(), "050_x.txt": seed()})
    (project / "briefs/050_x.txt").chmod(0)
    try:
        code, errors, _ = run(project, "build", preexec=without_file_permission_override)
    except subprocess.SubprocessError as error:
        pytest.skip(f"cannot drop root's file permission override: {error}")
    assert (code, errors[-2:]) == (
        1,
        ["briefs/050_x.txt:1: cannot be read: Permission denied", "1 problem in 1 file"],
    )
    assert not (project / "site").exists()
    left = sorted(p.relative_to(project).as_posix() for p in (project / ".cache").rglob("*"))
    assert left == [".cache/build.lock"]  # the lock (its holder note is gone), nothing else


def test_serve_shows_the_refusal_on_the_page(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"001_ok.txt": seed(headline="Still Served")})
    fifo(project / "briefs/050_x.txt")
    server = Preview(project)
    try:
        html = server.wait_for("briefs/050_x/", "brief-errors", STARTUP)
        assert f"briefs/050_x.txt:1: not a regular file (a FIFO); {REGULAR}" in html
        server.wait_for("briefs/001_ok/", "Still Served", CHANGE)
        (project / "briefs/050_x.txt").unlink()
        unix_socket(project / "briefs/050_x.txt")
        server.wait_for("briefs/050_x/", "(a socket)", CHANGE)
    finally:
        server.stop()


def test_a_site_dir_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"001_ok.txt": seed()})
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("site_dir: site", "site_dir: blocker/site")
    config.write_text(text, encoding="utf-8")
    (project / "blocker").write_text("a file where the site's folder should be\n", "utf-8")
    code, errors, _ = run(project, "build")
    assert code == 1
    assert errors[-1].startswith("cannot write blocker/")
    assert errors[-1].endswith(": Not a directory; site/ is unchanged")
    assert not any("Traceback" in line for line in errors)
    assert (project / "blocker").read_text(encoding="utf-8").startswith("a file where")


def dev_zero_link(path: Path) -> None:
    path.symlink_to("/dev/zero")


def broken_link(path: Path) -> None:
    path.symlink_to("gone.html")


WAITS = "MkDocs cannot read it as a file (a FIFO waits for ever, a device never ends)"
LEFT = "the previous site was left as it was"
DOCS_FAULTS: dict[str, tuple[Fault, str]] = {
    "fifo": (fifo, f"not a regular file (a FIFO); {WAITS}"),
    "socket": (unix_socket, f"not a regular file (a socket); {WAITS}"),
    "dev_zero_link": (dev_zero_link, f"not a regular file (a character device); {WAITS}"),
    "broken_link": (
        broken_link,
        "broken symbolic link (to 'gone.html', which leads to no file); MkDocs cannot read it",
    ),
}


@pytest.mark.parametrize("name", ["extra.md", "assets/extra.css"])
@pytest.mark.parametrize("fault", sorted(DOCS_FAULTS))
def test_a_special_file_in_docs_is_one_line_and_changes_nothing(
    built: Path, fault: str, name: str
) -> None:
    """MkDocs would wait on a FIFO for ever, and read or copy /dev/zero without end; a
    broken link failed with MkDocs' lines and `cannot write docs/…: No such file`."""
    make, message = DOCS_FAULTS[fault]
    path = built / "docs" / name
    before = state(built)
    make(path)
    try:
        code, errors, seconds = run(built, "build")
    finally:
        path.unlink()
    assert code == 1, errors
    assert f"docs/{name}:1: {message}" in errors[-2], errors
    assert errors[-1] == f"build failed: the error above; {LEFT}"
    assert [line for line in errors if line.startswith("ERROR")] == [errors[-2]]
    assert "Traceback" not in "\n".join(errors)
    assert seconds < BOUND
    assert state(built) == before


CACHE_FILES = [
    "generation.pickle",
    "pages.pickle",
    "templates.pickle",
    "seeds.pickle",
    "html/index.json",
    "search/manifest.json",
]


@pytest.mark.parametrize("fault", ["fifo", "dev_zero_link"])
@pytest.mark.parametrize("name", CACHE_FILES)
def test_a_special_file_in_the_cache_is_damage_that_is_rebuilt(
    tmp_path: Path, built: Path, name: str, fault: str
) -> None:
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    site = tree_hashes(project / "site")
    path = project / ".cache" / "briefs" / name
    path.unlink()
    {"fifo": fifo, "dev_zero_link": dev_zero_link}[fault](path)
    for command in ("build", "check"):
        code, errors, seconds = run(project, command)
        assert code == 0, errors
        assert "Traceback" not in "\n".join(errors)
        assert seconds < BOUND
    assert tree_hashes(project / "site") == site
    assert stat.S_ISREG(os.lstat(path).st_mode)  # rebuilt as a plain file


SPECIAL = [
    (fifo, "a FIFO"),
    (dev_zero_link, "a character device"),
    (broken_link, "a broken link, to 'gone.html'"),
]


@pytest.mark.parametrize(("fault", "kind"), SPECIAL)
def test_a_special_theme_override_is_one_line_not_material_s_template(
    tmp_path: Path, built: Path, fault: Fault, kind: str
) -> None:
    """Jinja passed over it for Material's own main.html, and the build published that."""
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    before = state(project)
    override = project / "templates" / "theme" / "main.html"
    override.unlink()
    fault(override)
    code, errors, seconds = run(project, "build")
    assert code == 1, errors
    assert f"templates/theme/main.html:1: not a regular file ({kind}); the theme" in errors[-2]
    assert seconds < BOUND
    assert state(project) == before


@pytest.mark.parametrize(("fault", "kind"), SPECIAL)
@pytest.mark.parametrize("name", ["brief.md.j2", "_macros.html.j2"])
def test_a_special_template_is_one_line_not_a_missing_one(
    tmp_path: Path, built: Path, fault: Fault, kind: str, name: str
) -> None:
    """Jinja takes a FIFO, a device or a broken link for no file: the message said the
    template was "not found in search path" while it was right there in templates/."""
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    before = state(project)
    template = project / "templates" / name  # brief.md.j2 includes _macros.html.j2
    template.unlink()
    fault(template)
    code, errors, seconds = run(project, "build")
    message = f"not a regular file ({kind}); Jinja takes it for a missing template"
    assert (code, errors) == (
        2,
        [f"templates/{name}:1: {message}: replace it with a plain file", "1 problem in 1 file"],
    )
    assert seconds < BOUND
    assert state(project) == before


def folder_only(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize(("fault", "kind"), [*SPECIAL, (folder_only, "a folder")])
@pytest.mark.parametrize("command", ["build", "check"])
def test_a_special_settings_file_is_one_line_not_a_missing_one(
    tmp_path: Path, built: Path, fault: Fault, kind: str, command: str
) -> None:
    """`mkdocs.yml: no such file` was all a FIFO, a device, a folder or a broken link got."""
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    before = state(project)
    settings = project / "mkdocs.yml"
    settings.unlink()
    fault(settings)
    code, errors, seconds = run(project, command)
    message = f"not a regular file ({kind}); the settings must be a plain YAML file"
    assert (code, errors) == (2, [f"{settings}: {message}"])
    assert seconds < BOUND
    assert state(project) == before


DENIED = "Permission denied"
UNCHANGED = "site/ is unchanged"
THEME = "templates/theme/main.html"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("docs/extra.md", f"ERROR   -  docs/extra.md:1: cannot be read: {DENIED}"),
        ("docs/assets/extra.css", f"ERROR   -  docs/assets/extra.css:1: cannot be read: {DENIED}"),
        (THEME, f"cannot read {THEME}: {DENIED}; {UNCHANGED}"),
        ("templates/brief.md.j2", f"cannot read templates/brief.md.j2: {DENIED}; {UNCHANGED}"),
    ],
)  # fmt: skip
def test_an_unreadable_project_file_is_one_line_that_says_read(
    tmp_path: Path, built: Path, name: str, expected: str
) -> None:
    """A docs file MkDocs cannot open gave three lines ("File not found") and then `cannot
    write docs/…`; a template it cannot open, `cannot write templates/…`."""
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    path = project / name
    if not path.exists():
        path.write_text("body {}\n" if name.endswith(".css") else "# Extra\n", encoding="utf-8")
    before = state(project)
    code, errors = run_locked(project, path, "build")
    errors = [line for line in errors if not line.startswith(("INFO", "  - "))]
    if name.startswith("docs/"):
        assert errors == [
            expected,
            "build failed: the error above; the previous site was left as it was",
        ]
    else:
        assert errors == [expected]
    assert code == 1
    assert state(project) == before


LOOPS = {
    "folder": ("sub", ".", "symbolic link to a folder that holds it ('.'); MkDocs would list"),
    "deeper": ("a/up", "..", "symbolic link to a folder that holds it ('..'); MkDocs would list"),
    "files": ("loop.md", "loop2.md", "broken symbolic link (to 'loop2.md', which leads to no"),
    "two_links": ("x/y", "../z", "symbolic link to a folder that holds it ('../z'); MkDocs would"),
}  # fmt: skip


@pytest.mark.parametrize("loop", sorted(LOOPS))
def test_a_link_loop_in_docs_is_one_line(tmp_path: Path, built: Path, loop: str) -> None:
    """`docs/sub -> .` had MkDocs list every page forty levels deep (85 lines), then fail
    with `cannot write docs/sub/sub/…`; two links to each other gave three lines more."""
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    before = state(project)
    name, target, message = LOOPS[loop]
    link = project / "docs" / name
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(target)
    if loop == "files":
        (project / "docs/loop2.md").symlink_to("loop.md")
    if loop == "two_links":  # x/y -> z, z/w -> x: x/y/w/y/w/…
        (project / "docs/x/page.md").write_text("# A page\n", encoding="utf-8")
        (project / "docs/z").mkdir()
        (project / "docs/z/w").symlink_to("../x")
    code, errors, seconds = run(project, "build")
    said = [line for line in errors if not line.startswith("INFO")]
    assert code == 1
    assert said[0].startswith(f"ERROR   -  docs/{name}:1: {message}"), errors
    assert said[-1] == f"build failed: the error above; {LEFT}"
    assert len(said) == (3 if loop in ("files", "two_links") else 2), errors  # a line each
    assert seconds < BOUND
    assert state(project) == before


def test_a_link_to_another_docs_folder_is_no_loop(tmp_path: Path, built: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    (project / "docs/notes").mkdir()
    (project / "docs/notes/today.md").write_text("# Today's notes\n", encoding="utf-8")
    (project / "docs/alias").symlink_to("notes")
    code, errors, _ = run(project, "build")
    assert code == 0, errors
    assert "Today's notes" in (project / "site/alias/today/index.html").read_text("utf-8")


def header_as_folder(theme: Path) -> str:
    (theme / "partials/header.html").unlink()
    (theme / "partials/header.html").mkdir()
    return "partials/header.html:1: a folder where the theme has a file"


def partials_as_file(theme: Path) -> str:
    shutil.rmtree(theme / "partials")
    (theme / "partials").write_text("not a folder\n", encoding="utf-8")
    return "partials:1: a file where the theme has a folder"


@pytest.mark.parametrize("change", [header_as_folder, partials_as_file])
def test_an_override_of_the_wrong_shape_is_one_line_not_material_s_template(
    tmp_path: Path, built: Path, change: Callable[[Path], str]
) -> None:
    """Jinja passed over a folder named header.html, or a file named partials, for
    Material's own templates: every page lost the search box, exit 0."""
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    before = state(project)
    message = change(project / "templates/theme")
    code, errors, _ = run(project, "build")
    assert code == 1, errors
    assert errors[-2].startswith(f"ERROR   -  templates/theme/{message}; the theme would pass")
    assert errors[-1] == f"build failed: the error above; {LEFT}"
    assert state(project) == before


def test_an_unreadable_override_folder_is_one_line(tmp_path: Path, built: Path) -> None:
    """os.walk passed over it without a word, and every partial override was lost."""
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    before = state(project)
    code, errors = run_locked(project, project / "templates/theme/partials", "build")
    said = [line for line in errors if not line.startswith("INFO")]
    assert (code, said) == (
        1,
        [
            f"ERROR   -  templates/theme/partials:1: cannot be read: {DENIED}",
            f"build failed: the error above; {LEFT}",
        ],
    )
    assert state(project) == before


def test_settings_in_a_folder_that_cannot_be_searched_is_one_line(
    tmp_path: Path, built: Path
) -> None:
    """`config_file.is_file()` raised PermissionError: a traceback."""
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(built / "mkdocs.yml", locked / "mkdocs.yml")
    locked.chmod(0)
    command = [sys.executable, "-m", "generator", "-f", str(locked / "mkdocs.yml"), "build"]
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=BOUND,
            preexec_fn=without_file_permission_override,
        )
    except subprocess.SubprocessError as error:
        pytest.skip(f"cannot drop root's file permission override: {error}")
    finally:
        locked.chmod(0o755)
    assert (done.returncode, done.stderr) == (2, f"{locked / 'mkdocs.yml'}: {DENIED}\n")
