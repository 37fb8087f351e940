"""Project files that are there but cannot be read as files: refused in one line each,
before MkDocs or the theme opens them.

A FIFO under `docs/` made MkDocs wait for ever, and a link to `/dev/zero` read or copied
without end; a broken link, a link loop or an unreadable file gave MkDocs' three lines that
call it "not found"; a folder link that leads back to a folder holding it had MkDocs list
its pages forty levels deep. Among the theme overrides, Jinja passes over any of these for
Material's own template, and the site changes without a word.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from generator.seeds import messages
from generator.seeds.errors import Problem
from generator.seeds.files import irregular
from generator.seeds.files import kind as file_kind


def special_files(files: Files, config: MkDocsConfig) -> list[Problem]:
    """The docs files and theme overrides that cannot be read as files (see above); the
    docs files among them are taken out of `files`."""
    return _special_docs(files, config.docs_dir) + _special_overrides(config)


def _special_docs(files: Files, docs_dir: str) -> list[Problem]:
    docs, problems = Path(docs_dir).name, []
    for link, (target, inside) in _loops(files, docs_dir).items():
        for file in inside:
            files.remove(file)
        problems.append(Problem(f"{docs}/{link}", 1, messages.DOCS_LINK_LOOP(target=target)))
    for file in list(files):
        if file.generated_by or file.abs_src_path is None:
            continue
        message = _problem(file.abs_src_path)
        if message is not None:
            files.remove(file)
            problems.append(Problem(f"{docs}/{file.src_uri}", 1, message))
    return problems


def _problem(path: str) -> str | None:
    """Why MkDocs could not read a docs file as a file; None when it can (or when it cannot
    even be looked at: MkDocs says why)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        if error.errno not in (errno.ENOENT, errno.ELOOP):
            return None
        try:  # a broken link, or links that lead round: `files` found it, so it is there
            return messages.DOCS_BROKEN_LINK(target=os.readlink(path))
        except OSError:
            return None
    if not stat.S_ISREG(mode):
        return messages.DOCS_SPECIAL(kind=file_kind(mode))
    try:
        os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC))
    except OSError as error:
        return messages.UNREADABLE(reason=error.strerror or str(error))
    return None


def _loops(files: Files, docs_dir: str) -> dict[str, tuple[str, list[File]]]:
    """Each folder link under docs/ that leads to a folder holding it (MkDocs follows it
    round until the system says no), with its target and the files found through it."""
    looping: dict[str, bool] = {}  # a folder, relative to docs/ -> whether it is such a link
    found: dict[str, tuple[str, list[File]]] = {}
    for file in files:
        if file.generated_by or file.abs_src_path is None:
            continue
        folders = PurePosixPath(file.src_uri).parts[:-1]
        for depth in range(1, len(folders) + 1):
            folder = "/".join(folders[:depth])
            if folder not in looping:
                looping[folder] = _leads_back(Path(docs_dir, folder))
            if looping[folder]:
                link = Path(docs_dir, folder)
                found.setdefault(folder, (os.readlink(link), []))[1].append(file)
                break
    return found


def _leads_back(path: Path) -> bool:
    """Whether `path` is a link to a folder that holds it (or to its own folder)."""
    return path.is_symlink() and path.parent.resolve().is_relative_to(path.resolve())


def _special_overrides(config: MkDocsConfig) -> list[Problem]:
    """A problem for each theme override that is not a regular file, or a broken link:
    Jinja would pass over it for Material's own template without a word."""
    overrides, problems = config.theme.custom_dir, list[Problem]()
    if not overrides or not os.path.isdir(overrides):
        return problems
    root = Path(config.config_file_path).parent
    for folder, _, names in sorted(os.walk(overrides)):
        for path in (Path(folder, name) for name in sorted(names)):
            found = irregular(path)
            if found:
                shown = os.path.relpath(path, root)
                problems.append(Problem(shown, 1, messages.THEME_SPECIAL(kind=found)))
    return problems
