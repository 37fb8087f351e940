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
    """Each folder link under docs/ that leads back to a folder on its own way down from
    docs/ (MkDocs follows it round until the system says no), by where it is (through no
    link), with its target and the files found through it."""
    base = os.path.realpath(docs_dir)
    real: dict[str, str] = {"": base}  # a folder, relative to docs/ -> where it really is
    looping: dict[str, str | None] = {}  # a folder -> the link it loops at, if it does
    found: dict[str, tuple[str, list[File]]] = {}
    for file in files:
        if file.generated_by or file.abs_src_path is None:
            continue
        folders = PurePosixPath(file.src_uri).parts[:-1]
        for depth in range(1, len(folders) + 1):
            folder = "/".join(folders[:depth])
            if folder not in looping:
                looping[folder] = _loop_at(docs_dir, folders[:depth], real)
            link = looping[folder]
            if link is not None:
                target = os.readlink(Path(docs_dir, folder))
                found.setdefault(link, (target, []))[1].append(file)
                break
    return found


def _loop_at(docs_dir: str, folders: tuple[str, ...], real: dict[str, str]) -> str | None:
    """Where the link is, relative to docs/, when the last of these nested folders is one
    that leads back to a folder above it on this way down; else None."""
    folder = "/".join(folders)
    real[folder] = os.path.realpath(Path(docs_dir, folder))
    above = {real["/".join(folders[:depth])] for depth in range(len(folders))}
    if not os.path.islink(Path(docs_dir, folder)) or real[folder] not in above:
        return None
    parent = real["/".join(folders[:-1])]  # the link, where it really is
    return os.path.relpath(Path(parent, folders[-1]), real[""])


def _special_overrides(config: MkDocsConfig) -> list[Problem]:
    """A problem for each theme override that is not a regular file, or a broken link, or
    a folder where the theme has a file (or the other way round), or a folder that cannot
    be read: Jinja would pass over it for Material's own template without a word."""
    overrides, problems = config.theme.custom_dir, list[Problem]()
    if not overrides or not os.path.isdir(overrides):
        return problems
    root = Path(config.config_file_path).parent
    below = [d for d in config.theme.dirs if os.path.realpath(d) != os.path.realpath(overrides)]

    def unreadable(error: OSError) -> None:
        reason = messages.UNREADABLE(reason=error.strerror or str(error))
        problems.append(Problem(os.path.relpath(error.filename, root), 1, reason))

    for folder, folders, names in sorted(os.walk(overrides, onerror=unreadable)):
        for name in sorted(folders + names):
            path = Path(folder, name)
            found = irregular(path) if name in names else None
            message = (
                messages.THEME_SPECIAL(kind=found) if found else _shape(path, overrides, below)
            )
            if message:
                problems.append(Problem(os.path.relpath(path, root), 1, message))
    return problems


def _shape(path: Path, overrides: str, below: list[str]) -> str | None:
    """A problem when an override is a folder where the theme beneath has a file, or a
    file where it has a folder."""
    relative = path.relative_to(overrides)
    theirs = next((Path(d, relative) for d in below if os.path.lexists(Path(d, relative))), None)
    if theirs is None or theirs.is_dir() == path.is_dir():
        return None
    shapes = ("a folder", "a file") if path.is_dir() else ("a file", "a folder")
    return messages.THEME_SHAPE(ours=shapes[0], theirs=shapes[1])
