"""Warnings about valid seeds: paired fixtures in tests/warnings, one file per warning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator import lint as lint_module
from generator.commands.new import scaffold
from generator.config import DEFAULT_SENTIMENTS, BriefsConfig
from generator.enrich import summarize as summarize_module
from generator.enrich.summarize import SummaryError
from generator.seeds.errors import Problem
from generator.seeds.model import Brief, Lines
from generator.seeds.parse import loads
from tests.builders import seed

WARNINGS = Path(__file__).parent / "warnings"
SEEDS = sorted(p for p in WARNINGS.glob("*.txt") if not p.name.endswith(".warnings.txt"))
CONFIG = BriefsConfig(root=WARNINGS)  # no .cache there: every enrichment is computed


def parse(data: bytes, name: str = "x") -> Brief:
    return loads(data, f"briefs/{name}.txt", name, DEFAULT_SENTIMENTS)


def lint(brief: Brief) -> list[Problem]:
    return lint_module.lint(brief, CONFIG, lint_module.enrichments([brief], CONFIG)[brief.path])


def test_fixtures_are_paired() -> None:
    assert len(SEEDS) >= 7
    for path in SEEDS:
        assert path.with_name(path.stem + ".warnings.txt").exists(), path


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_warnings(path: Path) -> None:
    expected = path.with_name(path.stem + ".warnings.txt").read_text(encoding="utf-8")
    brief = parse(path.read_bytes(), path.stem)
    assert "".join(f"{p}\n" for p in lint(brief)) == expected


def test_parts_know_their_lines() -> None:
    brief = parse(seed(front="date: 2025-06-10", gap="\n"))
    expected = Lines(
        headline=4,
        article=7,
        label=10,
        implications=13,
        labels=(10,),
        paragraphs=(7, 13),
        keywords=7,
    )
    assert brief.lines == expected


def test_new_writes_the_placeholder_fixture() -> None:
    bullish = DEFAULT_SENTIMENTS[2]
    text = scaffold("Bitcoin ETFs Record Third Week of Inflows", bullish, dt.date(2025, 6, 10))
    assert text == (WARNINGS / "placeholder.txt").read_text(encoding="utf-8")


def test_summary_that_cannot_be_made(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> tuple[str, ...]:
        raise SummaryError("lexrank summarizer failed: singular matrix")

    monkeypatch.setattr(summarize_module, "summarize", broken)
    assert [str(p) for p in lint(parse(seed(), "x"))] == [
        "briefs/x.txt:2: summary could not be made: lexrank summarizer failed: singular matrix"
    ]
    assert lint(parse(seed(front="summary: By hand."), "x")) == []


def test_a_real_summary_is_made_for_a_long_article() -> None:
    article = " ".join(f"Sentence number {n} says something about bitcoin." for n in range(8))
    assert lint(parse(seed(article=article), "x")) == []
