"""docs/authoring.md: every message the code can show is in it, and its example builds."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from generator.cli import main, parser
from generator.seeds import frontmatter, messages
from tests.builders import ROOT, make_project
from tests.sitecheck import parse_html

GUIDE = (ROOT / "docs/authoring.md").read_text(encoding="utf-8")
# The first cell of every table row that starts with a code span: the guide's messages.
DOCUMENTED = re.findall(r"^\| `([^`]+)`", GUIDE, flags=re.MULTILINE)
CATALOG = messages.catalog()


def pattern(template: str) -> str:
    """A regex for a message template: its fixed text, anything where a value goes."""
    parts = string.Formatter().parse(template)
    return "".join(
        re.escape(text) + (".*?" if field is not None else "") for text, field, *_ in parts
    )


def test_every_message_is_in_the_guide() -> None:
    missing = [
        f"{name}: {message.template}"
        for name, message in CATALOG.items()
        if not any(re.search(pattern(message.template), row) for row in DOCUMENTED)
    ]
    assert missing == []


def test_the_guide_check_can_fail() -> None:
    assert len(CATALOG) >= 45
    invented = messages.Message("this message is documented nowhere: {reason}")
    assert not any(re.search(pattern(invented.template), row) for row in DOCUMENTED)


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_messages_have_enough_fixed_text_to_be_found(name: str) -> None:
    template = CATALOG[name].template
    fixed = "".join(text for text, *_ in string.Formatter().parse(template))
    assert len(fixed) >= 12, template


def _message_text_outside_the_catalog(source: str) -> list[int]:
    """Lines where a user-facing message is written as a literal instead of in messages.py.

    A message is caught where it is passed, and also where it was written when a variable
    carries it there: the lines that assign the variable words, in the same function.
    """

    def literal(node: ast.expr | None) -> bool:
        """Words written in place: a string, or an f-string whose fixed text has words."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            fixed = node.value
        elif isinstance(node, ast.JoinedStr):
            fixed = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
        else:
            return False
        return re.search(r"[A-Za-z]{2}", fixed) is not None

    def worded(scope: ast.AST, node: ast.expr | None) -> list[int]:
        """The lines where `node`'s words were written: in place, or assigned to its name."""
        if literal(node):
            return [node.lineno] if node is not None else []
        if not isinstance(node, ast.Name):
            return []
        return [
            assignment.lineno
            for assignment in ast.walk(scope)
            if isinstance(assignment, (ast.Assign, ast.AnnAssign, ast.AugAssign))
            and any(
                isinstance(target, ast.Name) and target.id == node.id
                for target in (
                    assignment.targets
                    if isinstance(assignment, ast.Assign)
                    else [assignment.target]
                )
            )
            and literal(assignment.value)
        ]

    tree = ast.parse(source)
    scopes: dict[ast.AST, ast.AST] = {}  # node -> the function (or module) it is in
    for scope in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]:
        for node in ast.walk(scope):
            scopes[node] = scope  # inner functions come later and win
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            message: ast.expr | None = None
            if name == "Problem" and len(node.args) >= 3:
                message = node.args[2]
            elif name in ("error", "ArgumentTypeError") and node.args:
                message = node.args[0]
            lines.extend(worded(scopes[node], message))
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and node.value.elts:
            first, *rest = node.value.elts
            none_first = isinstance(first, ast.Constant) and first.value is None
            if none_first and rest:  # a converter's `return None, "why"`
                lines.extend(worded(scopes[node], rest[-1]))
    return sorted(set(lines))


def test_message_text_lives_in_the_catalog() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: message text belongs in generator/seeds/messages.py "
        "and docs/authoring.md"
        for path in sorted((ROOT / "generator").rglob("*.py"))
        if path.name != "messages.py"
        for line in _message_text_outside_the_catalog(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_catalog_rule_can_fail() -> None:
    source = (
        "def f(x):\n"
        "    Problem(p, 1, f'bad {x}')\n"
        "    Problem(p, 1, messages.X(x=x))\n"
        "    return None, f'expected {x}'\n"
        "def g(usage):\n"
        "    usage.error(f'{x}: {messages.Y()}')\n"
        "    usage.error('no headline')\n"
        "def h(p, x):\n"
        "    message = (\n"
        "        f'unknown {x}; expected one of '\n"
        "    )\n"
        "    Problem(p, 1, message)\n"
        "    reason = messages.Z(x=x)\n"
        "    raise ConfigError([Problem(p, 1, reason)])\n"
        "def k(x):\n"
        "    why = 'too long'\n"
        "    return None, why\n"
    )
    assert _message_text_outside_the_catalog(source) == [2, 4, 7, 9, 16]


def test_every_front_matter_key_and_command_is_in_the_guide() -> None:
    for key in frontmatter.FIELDS:
        assert f"| `{key}` |" in GUIDE, key
    commands = parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for command in commands:
        assert f"python -m generator {command}" in GUIDE or f"make {command}" in GUIDE, command


def test_the_guide_example_seed_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    intro = "A complete example, `briefs/001_btc-etf-inflows.txt`:\n\n```text\n"
    start = GUIDE.index(intro) + len(intro)
    example = GUIDE[start : GUIDE.index("```\n", start)]
    project = make_project(
        tmp_path, {"001_btc-etf-inflows.txt": example.encode()}, with_example=False
    )
    config = ["-f", str(project / "mkdocs.yml")]
    assert main([*config, "check", "--strict"]) == 0
    assert capsys.readouterr().out == "1 seed checked: 0 errors, 0 warnings, 0 drafts\n"
    assert main([*config, "build"]) == 0
    page = parse_html(project / "site/briefs/001_btc-etf-inflows/index.html")
    assert page.title == "Bitcoin ETFs Record Third Week of Inflows - Market Briefs"
    assert "Steady inflows absorb new supply" in page.content_text
