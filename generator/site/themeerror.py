"""A theme template that fails, told in one line: where, and why.

The theme is the project's `templates/theme/` over Material's. A template there can fail to
compile (a syntax error), use a value that is not there, or do something Python refuses (a
`TypeError`, say). `build` and `serve` each report it as `path:line: what is wrong`, never a
traceback. An error raised in Python code a template calls (a filter of ours, say) is a
fault of ours, not the template's: it is shown whole.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import jinja2
from jinja2 import TemplateError, TemplateSyntaxError
from mkdocs.exceptions import Abort

from generator.seeds import messages
from generator.utils.atomic import live_path

_JINJA = Path(jinja2.__file__).resolve().parent


class ThemeFailed(Abort):
    """A theme template failed (its line is the message). In `serve`'s first build it ends
    the preview; in a later rebuild MkDocs prints the line (as it prints an Abort) and the
    preview waits for the next save."""


@contextmanager
def theme_failures(
    theme: Sequence[str], root: Path, failed: Callable[[str, str], BaseException]
) -> Iterator[None]:
    """Run the block with MkDocs' own line about a page left out when a theme template
    failed there, and raise `failed(where, why)` instead of such a failure: `where` is
    `path:line`. Any other error goes through as it is. `theme`: the theme's folders
    (MkDocs' `theme.dirs`)."""
    try:
        with _told_once(theme, root):
            yield
    except Exception as error:
        fault = _fault(error, theme, root)
        if fault is None:
            raise
        raise failed(*fault) from None


def said_as(message: messages.Message) -> Callable[[str, str], ThemeFailed]:
    """ThemeFailed with the line `where: message` (the message takes the reason)."""
    return lambda where, reason: ThemeFailed(f"{where}: {message(reason=reason)}")


class PageFailed(Exception):
    """A page a preview renders after the reload failed in a theme template: the message
    is the line that says so, or empty when that line was said for another page."""


def told(
    job: Callable[[], None],
    page: str,
    theme: Sequence[str],
    root: Path,
    said: set[tuple[str, str]],
) -> Callable[[], None]:
    """`job`, which renders `page` after a preview's reload, failing with PageFailed if a
    theme template fails: one line, where and why, for the first page of those that share
    `said` that fails there so."""

    def failed(where: str, reason: str) -> PageFailed:
        if (where, reason) in said:
            return PageFailed()
        said.add((where, reason))
        return PageFailed(f"{where}: {messages.PREVIEW_THEME_FAILED(page=page, reason=reason)}")

    def run() -> None:
        with theme_failures(theme, root, failed):
            job()

    return run


def _fault(error: BaseException, theme: Sequence[str], root: Path) -> tuple[str, str] | None:
    """Where (`path:line`) and why a theme template failed, or None."""
    folders = [Path(folder).resolve() for folder in theme]
    if isinstance(error, TemplateSyntaxError) and error.filename:
        where: tuple[str, int] | None = (shown(error.filename, root), error.lineno)
    else:
        frame = _raised_in(error.__traceback__)
        if frame is None or not _within(frame[0], folders):
            if not isinstance(error, TemplateError):
                return None  # raised by Python code, not by a template: a fault of ours
            frame = _last_template_frame(error.__traceback__, folders)
        where = (shown(frame[0], root), frame[1]) if frame else None
    if isinstance(error, TemplateError):
        reason = error.message or type(error).__name__
    else:
        reason = f"{type(error).__name__}: {error}"
    path, line = where or ("mkdocs.yml", 1)  # the theme's setting itself
    return f"{path}:{line}", reason


@contextmanager
def _told_once(theme: Sequence[str], root: Path) -> Iterator[None]:
    """While this block runs, MkDocs' own "Error building page" line is left out when the
    error is a theme template's: the line `theme_failure` makes says it, once."""
    mkdocs = logging.getLogger("mkdocs.commands.build")
    quiet = _ThemeFailureShownOnce(theme, root)
    mkdocs.addFilter(quiet)
    try:
        yield
    finally:
        mkdocs.removeFilter(quiet)


class _ThemeFailureShownOnce(logging.Filter):
    def __init__(self, theme: Sequence[str], root: Path) -> None:
        super().__init__()
        self.theme, self.root = theme, root

    def filter(self, record: logging.LogRecord) -> bool:
        # MkDocs logs the line in the `except` that re-raises: the error is the current one.
        error = sys.exc_info()[1]
        if error is None or not str(record.msg).startswith("Error building page "):
            return True
        return _fault(error, self.theme, self.root) is None


def _raised_in(frames: TracebackType | None) -> tuple[Path, int] | None:
    """The innermost frame of a traceback outside Jinja's own code: for an error a
    template's expression raised, the template's file and line (Jinja puts them there)."""
    found = None
    while frames is not None:
        path = Path(frames.tb_frame.f_code.co_filename)
        if path.is_absolute() and not path.resolve().is_relative_to(_JINJA):
            found = (path, frames.tb_lineno)
        frames = frames.tb_next
    return found


def _last_template_frame(
    frames: TracebackType | None, folders: Sequence[Path]
) -> tuple[Path, int] | None:
    found = None
    while frames is not None:
        path = Path(frames.tb_frame.f_code.co_filename)
        if path.is_absolute() and _within(path, folders):
            found = (path, frames.tb_lineno)
        frames = frames.tb_next
    return found


def _within(path: Path, folders: Sequence[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(folder) for folder in folders)


def shown(filename: object, root: Path) -> str:
    """A path in a message: relative to the project, the folder a build writes named as the
    one it replaces."""
    if not isinstance(filename, str | bytes | os.PathLike):
        return "a file"
    path = Path(os.fsdecode(filename))
    try:
        path = path.absolute().relative_to(root.absolute())
    except ValueError:
        return str(path)
    return live_path(path).as_posix()
