"""A new author's first brief, scripted: new -> write -> check -> three mistakes -> fix -> build."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.commands import new
from tests.builders import make_project
from tests.sitecheck import parse_html

HEADLINE = "Bitcoin ETFs Record Third Week of Inflows"
ARTICLE = (
    "Spot bitcoin exchange-traded funds took in $1.2 billion last week, the third week of net "
    "inflows in a row. The largest fund added $640 million. Analysts said demand came mostly "
    "from advisers. (Main keywords: Bitcoin, ETF)"
)
IMPLICATIONS = (
    "Steady inflows absorb new supply and support prices in the short term. Watch for a "
    "reversal in flows as the first sign that demand is fading."
)


def test_a_new_author_from_new_to_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {}, with_example=False)

    def run(*args: str) -> int:
        return main(["-f", str(project / "mkdocs.yml"), *args])

    # `new` scaffolds the seed and prints its path.
    assert run("new", HEADLINE, "--sentiment", "Bullish", "--date", "2025-06-10") == 0
    name = capsys.readouterr().out.strip()
    assert name.startswith("briefs/001_")
    seed_file = project / name

    # `check` points at both placeholders; --strict makes them errors.
    assert run("check", "--strict") == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{name}:7: placeholder text from 'new' is still in the article; replace it",
        f"{name}:11: placeholder text from 'new' is still in the implications; replace it",
    ]
    assert out == "1 seed checked: 2 errors, 0 warnings, 0 drafts\n"

    # The author writes the brief.
    written = seed_file.read_text(encoding="utf-8")
    written = written.replace(new.ARTICLE, ARTICLE).replace(new.IMPLICATIONS, IMPLICATIONS)
    seed_file.write_text(written, encoding="utf-8")
    assert run("check", "--strict") == 0
    assert capsys.readouterr() == ("1 seed checked: 0 errors, 0 warnings, 0 drafts\n", "")

    # Three different mistakes, all reported in one run at their lines.
    broken = written.replace("date: 2025-06-10", "date: 2025-06-31\ntgas: [ETF]")
    broken = broken.replace("\nBullish\n", "\nBulish\n")
    seed_file.write_text(broken, encoding="utf-8")
    assert run("check") == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{name}:2: front matter 'date': expected an ISO date such as 2025-06-09, got '2025-06-31'",
        f"{name}:3: unknown front-matter key 'tgas'; expected one of date, tags, slug, source, "
        "summary, draft, assets (did you mean tags?)",
        f"{name}:10: unknown sentiment 'Bulish'; expected one of Bullish, Bearish, Neutral "
        "(did you mean Bullish?)",
    ]
    assert out == "1 seed checked: 3 errors, 0 warnings, 0 drafts\n"
    assert run("build") == 1
    assert not (project / "site").exists()

    # Fixed, it checks clean and builds.
    fixed = broken.replace("2025-06-31\ntgas:", "2025-06-10\ntags:").replace("Bulish", "Bullish")
    seed_file.write_text(fixed, encoding="utf-8")
    assert run("check", "--strict") == 0
    assert run("build") == 0
    slug = new.headline_slug(HEADLINE)  # `new` named the page after the headline
    page = parse_html(project / "site" / "briefs" / str(slug) / "index.html")
    assert page.title == f"{HEADLINE} - Market Briefs"
    assert "▲ Bullish · 10 June 2025" in page.content_text
