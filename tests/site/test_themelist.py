"""Templates compiled once, across processes, and the theme listed without its hidden icons."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import jinja2
import material
import pytest

from generator.pages.render import CompiledTemplates
from generator.site.themelist import ThemeLoader

MATERIAL = Path(material.__file__).parent / "templates"


class Counting(jinja2.Environment):
    compiled = 0

    def compile(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        Counting.compiled += 1
        return super().compile(*args, **kwargs)


def load(folder: Path, cache: CompiledTemplates, name: str) -> str:
    env = Counting(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache)
    return env.get_template(name).render(who="reader")


def compiled(folder: Path, cache: CompiledTemplates, name: str) -> tuple[str, int]:
    """The template rendered, and how many templates were compiled to render it."""
    Counting.compiled = 0
    return load(folder, cache, name), Counting.compiled


def test_a_new_process_loads_the_templates_compiled_before(tmp_path: Path) -> None:
    folder, stored = tmp_path / "templates", tmp_path / "cache" / "templates.pickle"
    folder.mkdir()
    (folder / "a.j2").write_text("Hello {{ who }}", encoding="utf-8")
    (folder / "b.j2").write_text("Bye {{ who }}", encoding="utf-8")
    first = CompiledTemplates()
    first.load(stored)  # missing: nothing, and no warning
    Counting.compiled = 0
    assert (load(folder, first, "a.j2"), load(folder, first, "b.j2")) == (
        "Hello reader",
        "Bye reader",
    )
    assert Counting.compiled == 2
    first.save(stored)
    assert stored.is_file()

    second = CompiledTemplates()  # as the next process starts
    second.load(stored)
    assert compiled(folder, second, "a.j2") == ("Hello reader", 0)  # from the file
    (folder / "a.j2").write_text("Hi {{ who }}", encoding="utf-8")  # edited: compiled again
    assert compiled(folder, second, "a.j2") == ("Hi reader", 1)
    second.save(stored)

    third = CompiledTemplates()
    third.load(stored)
    assert compiled(folder, third, "a.j2") == ("Hi reader", 0)
    # The last process did not use b.j2: the file kept only what that process used.
    assert compiled(folder, third, "b.j2") == ("Bye reader", 1)


def test_a_damaged_entry_is_compiled_again(tmp_path: Path) -> None:
    folder, stored = tmp_path / "templates", tmp_path / "templates.pickle"
    folder.mkdir()
    (folder / "a.j2").write_text("Hello {{ who }}", encoding="utf-8")
    first = CompiledTemplates()
    load(folder, first, "a.j2")
    first._code = {key: code[:20] for key, code in first._code.items()}  # cut short
    first.save(stored)
    second = CompiledTemplates()
    second.load(stored)
    assert compiled(folder, second, "a.j2") == ("Hello reader", 1)


@pytest.mark.parametrize("loader", [jinja2.FileSystemLoader, ThemeLoader])
def test_the_theme_lists_the_files_mkdocs_copies(loader: type[jinja2.FileSystemLoader]) -> None:
    listed = loader([str(MATERIAL)]).list_templates()
    hidden = [name for name in listed if fnmatch.fnmatch(name, ".*") or "/." in name]
    shown = [name for name in listed if name not in hidden]
    full = jinja2.FileSystemLoader([str(MATERIAL)]).list_templates()
    assert shown == [name for name in full if not (name.startswith(".") or "/." in name)]
    assert any(name.startswith("assets/") for name in shown)
    if loader is ThemeLoader:
        assert hidden == []  # and `.icons` was never walked
    else:
        assert len(hidden) > 10_000  # what ThemeLoader spares: Material's icons
