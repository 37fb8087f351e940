"""A theme template that fails, told in one line (site/themeerror.py)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.site.themeerror import PageFailed, told


def test_a_failure_shared_by_pages_rendered_after_the_reload_is_told_once(
    tmp_path: Path,
) -> None:
    theme = tmp_path / "templates/theme"
    theme.mkdir(parents=True)
    (theme / "main.html").write_text("<p>\n{{ 'a' + 1 }}</p>\n", encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(theme)))

    def render() -> None:
        env.get_template("main.html").render()

    said: set[tuple[str, str]] = set()
    lines = []
    for page in ("tags/a/index.html", "tags/b/index.html"):
        with pytest.raises(PageFailed) as failed:
            told(render, page, [str(theme)], tmp_path, said)()
        lines.append(str(failed.value))
    assert lines == [
        "templates/theme/main.html:2: the theme's template failed on tags/a/index.html: "
        'TypeError: can only concatenate str (not "int") to str; the next save renders it again',
        "",  # said once: the second page fails alike
    ]


def test_a_fault_in_python_code_a_template_calls_is_not_the_template_s(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.html").write_text("{{ broken() }}", encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(theme)))

    def broken() -> None:
        raise KeyError("a fault of ours")

    def render() -> None:
        env.get_template("main.html").render(broken=broken)

    with pytest.raises(KeyError):  # raised as it is, with its traceback
        told(render, "index.html", [str(theme)], tmp_path, set())()
