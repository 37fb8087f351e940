"""Small builders for seed files and throw-away projects."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytest import MonkeyPatch

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "briefs" / "000_9a8fa79c9f871b61.txt"

ARTICLE = (
    "Bitcoin rose 5% on Monday as spot ETF inflows hit a record. "
    "Traders said demand came mostly from advisers. "
    "The largest fund added $640 million in a single day. "
    "Analysts expect volatility to stay high into the Fed meeting."
)
IMPLICATIONS = "Steady inflows support prices. Watch the flows for a reversal."


def seed(
    headline: str = "Bitcoin ETFs Record Third Week of Inflows",
    article: str = ARTICLE,
    label: str = "Bullish",
    implications: str = IMPLICATIONS,
    front: str | None = None,
    keywords: str | None = "Bitcoin, ETF",
    newline: str = "\n",
    gap: str = "",
) -> bytes:
    """A seed file's bytes; `gap` goes between the parts, `front` is YAML without fences."""
    body = article + (f" (Main keywords: {keywords})" if keywords else "")
    parts = [headline, gap, body, gap, label, gap, implications]
    lines = [p for p in parts if p != ""] if gap == "" else parts
    text = "\n".join(lines) + "\n"
    if front is not None:
        text = f"---\n{front.strip()}\n---\n{text}"
    return text.replace("\n", newline).encode("utf-8")


def make_project(target: Path, seeds: dict[str, bytes], with_example: bool = True) -> Path:
    """Copy the project's configuration, docs and templates into `target` with these seeds."""
    for name in ("docs", "templates"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    briefs = target / "briefs"
    briefs.mkdir()
    if with_example:
        shutil.copy(EXAMPLE, briefs / EXAMPLE.name)
    for name, data in seeds.items():
        (briefs / name).write_bytes(data)
    return target


def set_briefs_setting(project: Path, name: str, value: str) -> None:
    """Change one `extra.briefs` setting in the project's mkdocs.yml."""
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith(f"    {name}: "))
    path.write_text(text.replace(line, f"    {name}: {value}"), encoding="utf-8")


def edit_template(project: Path, name: str, old: str, new: str) -> int:
    """Replace `old` on the one line of templates/`name` that holds it; that line's number."""
    path = project / "templates" / name
    lines = path.read_text(encoding="utf-8").split("\n")
    [number] = [number for number, line in enumerate(lines, 1) if old in line]
    lines[number - 1] = lines[number - 1].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return number


HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> <iframe src=x></iframe> "
    "{{ 7*7 }} [link](javascript:alert(1)) <details open>x</details> {: .danger}"
)
HOSTILE_SEED = seed(
    headline="<b onmouseover=alert(1)>Hostile</b> {{ 7*7 }} & *stars*",
    article=(
        f'First line {HOSTILE}.\n# heading\n---\n!!! danger "x"\n| a | b |\n|---|---|\n\n'
        '--8<-- "/etc/passwd"\n\n{% for x in range(3) %}loop{% endfor %} Footnote[^1].\n\n'
        "[^1]: note"
    ),
    label="Bearish",
    implications=f"Implications {HOSTILE}",
    keywords="<script>x</script>, A&B",
)
BULLISH = seed(front="date: 2025-06-10\nsource: https://example.com/news?a=1&b=2")


def build(project: Path) -> int:
    return main(["-f", str(project / "mkdocs.yml"), "build"])


def forget_finished_pages(project: Path) -> None:
    """Empty the cache of finished pages, so that the next build renders every page."""
    shutil.rmtree(project / ".cache/briefs/html", ignore_errors=True)


def count_renders(monkeypatch: MonkeyPatch) -> list[str]:
    """The template of every page the generator renders from now on, in order."""
    from generator.pages.render import Renderer

    rendered: list[str] = []
    real = Renderer._render

    def counted(self: Renderer, template: str, meta: object, context: object) -> object:
        rendered.append(template)
        return real(self, template, meta, context)  # type: ignore[arg-type]

    monkeypatch.setattr(Renderer, "_render", counted)
    return rendered
