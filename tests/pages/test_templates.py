"""A broken template stops the build with `templates/x.md.j2:LINE: message`, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.builders import edit_template, make_project, seed

# template, text on one of its lines, its replacement, and the error shown: {line} is the
# number of the edited line. An error while rendering names line 1, as docs/authoring.md says.
BROKEN = {
    "syntax": (
        "brief.md.j2",
        "<li>{{ sentence }}</li>",
        "<li>{{ sentence }</li>",
        "templates/brief.md.j2:{line}: template syntax error: unexpected '}}'",
    ),
    "syntax in a macro": (
        "_macros.html.j2",
        "{% macro row(item, href) -%}",
        "{% macro row(item, href -%}",
        "templates/_macros.html.j2:{line}: template syntax error: expected token ',', got '-'",
    ),
    "undefined name": (
        "brief.md.j2",
        "{{ item.readability.word_count }}",
        "{{ item.readability.word_cout }}",
        "templates/brief.md.j2:{line}: template could not be rendered: "
        "'generator.seeds.model.Readability object' has no attribute 'word_cout'",
    ),
}


@pytest.mark.parametrize("case", BROKEN.values(), ids=list(BROKEN))
def test_a_broken_template_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: tuple[str, str, str, str]
) -> None:
    name, old, new, error = case
    project = make_project(tmp_path, {"001_a.txt": seed()}, with_example=False)
    line = edit_template(project, name, old, new)
    assert main(["-f", str(project / "mkdocs.yml"), "build"]) == 2  # as a setting error
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [error.format(line=line), "1 problem in 1 file"]
    assert captured.out == ""
    assert not (project / "site").exists()
