"""A theme template that fails, told in one line: where, and why.

The theme is the project's `templates/theme/` over Material's. A template there can fail to
compile (a syntax error), use a value that is not there, or do something Python refuses (a
`TypeError`, say). `build` and `serve` each report it as `path:line: what is wrong`, never a
traceback; an error raised outside the project's templates is a fault of ours, shown whole.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError
from mkdocs.exceptions import Abort

from generator.pages.render import template_frame
from generator.seeds import messages
from generator.utils.atomic import live_path


class ThemeFailed(Abort):
    """A theme template failed (its line is the message). In `serve`'s first build it ends
    the preview; in a later rebuild MkDocs prints the line (as it prints an Abort) and the
    preview waits for the next save."""


def theme_failure(error: BaseException, root: Path) -> str | None:
    """The one line that says where and why a theme template failed, or None if `error`
    did not come from one."""
    if isinstance(error, TemplateError):
        path, line = _template_line(error, root)
        reason = error.message or type(error).__name__
    elif isinstance(error, Exception):
        found = template_frame(error, lambda path: _in_project(path, root))
        if found is None:
            return None
        path, line = shown(found[0], root), found[1]
        reason = f"{type(error).__name__}: {error}"
    else:
        return None
    return f"{path}:{line}: {messages.THEME_FAILED(reason=reason)}"


def _template_line(error: TemplateError, root: Path) -> tuple[str, int]:
    """Where a theme template failed: the file and line of a syntax error, or else the last
    template frame of the traceback, in which Jinja puts the template's own file and line."""
    if isinstance(error, TemplateSyntaxError) and error.filename:
        return shown(error.filename, root), error.lineno
    found = template_frame(error, lambda path: path.suffix in (".html", ".xml"))
    return (shown(found[0], root), found[1]) if found else ("mkdocs.yml", 1)  # the theme's


def _in_project(path: Path, root: Path) -> bool:
    """Whether a traceback's file is one of the project's theme templates."""
    return path.suffix in (".html", ".xml") and path.resolve().is_relative_to(root.resolve())


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
