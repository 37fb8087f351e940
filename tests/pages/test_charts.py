"""Charts: the figures behind them, their alt text, and the same bytes on every build."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from generator.config import DEFAULT_SENTIMENTS
from generator.pages.charts import (
    MAX_WEEKS,
    ease_bins,
    ease_histogram,
    month_ticks,
    trend_alt,
    trend_chart,
    trend_svg,
    weekly,
)
from generator.seeds.model import Brief, EnrichedBrief, FrontMatter, Readability, unpack_fragments
from tests.builders import ROOT

BULLISH, BEARISH, NEUTRAL = DEFAULT_SENTIMENTS


def item(day: dt.date | None, sentiment: int = 0, ease: float = 50.0) -> EnrichedBrief:
    brief = Brief(
        path="briefs/x.txt", stem="x", slug="x", headline="H", article=("A.",), keywords=(),
        sentiment=DEFAULT_SENTIMENTS[sentiment], implications=("I.",), front=FrontMatter(date=day),
    )  # fmt: skip
    return EnrichedBrief(brief, ("S.",), Readability(ease, 10.0, 60, 200))


ITEMS = [
    item(dt.date(2025, 6, 2)),  # a Monday
    item(dt.date(2025, 6, 8), 1),  # the Sunday of the same week
    item(dt.date(2025, 6, 23), 1),  # two weeks later: the week between is empty
    item(dt.date(2025, 6, 24), 0),
    item(None, 2),
]


def test_weekly_counts_fill_empty_weeks_and_keep_undated_apart() -> None:
    data = weekly(ITEMS, DEFAULT_SENTIMENTS)
    assert data.weeks == (
        dt.date(2025, 6, 2), dt.date(2025, 6, 9), dt.date(2025, 6, 16), dt.date(2025, 6, 23),
    )  # fmt: skip
    assert data.series == ((BULLISH, (1, 0, 0, 1)), (BEARISH, (1, 0, 0, 1)))
    assert (data.undated, data.dropped) == (1, 0)
    assert trend_alt(data, "briefs") == (
        "Stacked chart of briefs per week by sentiment, 4 weeks from the week of 2 Jun 2025 to "
        "the week of 23 Jun 2025: 2 Bullish, 2 Bearish. Busiest week: 23 Jun 2025, 2 briefs. "
        "1 undated brief not shown."
    )


def test_weekly_keeps_the_latest_weeks_only() -> None:
    start = dt.date(2020, 1, 6)
    many = [item(start + dt.timedelta(weeks=n)) for n in range(MAX_WEEKS + 10)]
    data = weekly(many, DEFAULT_SENTIMENTS)
    assert len(data.weeks) == MAX_WEEKS and data.dropped == 10
    assert data.weeks[-1] == start + dt.timedelta(weeks=MAX_WEEKS + 9)


def test_no_dated_brief_no_chart() -> None:
    assert trend_chart([item(None)], DEFAULT_SENTIMENTS, "briefs") is None
    assert ease_histogram([]) is None


def test_month_ticks_and_ease_bins() -> None:
    assert month_ticks(dt.date(2022, 11, 7), dt.date(2023, 3, 6)) == [
        (dt.date(2022, 12, 1), "Dec 2022"), (dt.date(2023, 1, 1), "Jan 2023"),
        (dt.date(2023, 2, 1), "Feb"), (dt.date(2023, 3, 1), "Mar"),
    ]  # fmt: skip
    # A span that starts after the first of December: its first tick is January's (this
    # raised "month must be in 1..12", failing the build, before).
    assert month_ticks(dt.date(2022, 12, 5), dt.date(2023, 2, 27)) == [
        (dt.date(2023, 1, 1), "Jan 2023"), (dt.date(2023, 2, 1), "Feb"),
    ]  # fmt: skip
    assert ease_bins([-20.0, 0.0, 9.9, 10.0, 55.5, 99.9, 100.0, 121.0]) == [
        3, 1, 0, 0, 0, 1, 0, 0, 0, 3,
    ]  # fmt: skip


@pytest.mark.parametrize("weeks", [3, 60])  # bars, and steps for long spans
def test_svg_is_inline_safe_and_themed(weeks: int) -> None:
    items = [item(dt.date(2024, 1, 1) + dt.timedelta(weeks=n), n % 3) for n in range(weeks)]
    chart = trend_chart(items, DEFAULT_SENTIMENTS, "briefs")
    assert chart is not None
    svg = chart.svg
    assert svg.startswith(
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink" class="brief-chart__svg"'
    )
    assert 'role="img" aria-label="Stacked chart of briefs per week' in svg[: svg.index(">")]
    assert svg.endswith("</svg>")
    for absent in (
        "<script",
        "<style",
        "<?xml",
        "<metadata",
        "font-family",
        'href="http',
        "#00000",
    ):
        assert absent not in svg, absent
    assert " width=" not in svg[: svg.index(">")]  # the page's CSS sizes it
    for colour in (
        "--brief-bullish-fg",
        "--brief-bearish-fg",
        "--brief-neutral-fg",
        "currentColor",
    ):
        assert colour in svg
    assert len(svg) < 20_000


SCRIPT = """
import datetime as dt, hashlib, sys
sys.path.insert(0, {root!r})
from tests.pages.test_charts import ITEMS, weekly, trend_alt, trend_svg, DEFAULT_SENTIMENTS
data = weekly(ITEMS, DEFAULT_SENTIMENTS)
print(hashlib.sha256(trend_svg(data, trend_alt(data, "briefs")).encode()).hexdigest())
"""


def test_chart_bytes_are_the_same_in_another_process() -> None:
    data = weekly(ITEMS, DEFAULT_SENTIMENTS)
    here = trend_svg.__wrapped__(data, trend_alt(data, "briefs"))  # not the cached copy
    again = trend_svg.__wrapped__(data, trend_alt(data, "briefs"))
    assert here == again
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(root=str(ROOT))],
        capture_output=True, text=True, check=True, cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1700000000"},
    )  # fmt: skip
    assert result.stdout.strip() == hashlib.sha256(here.encode()).hexdigest()


def test_stored_charts_are_not_drawn_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.pages import charts

    first = charts.trend_chart(ITEMS, DEFAULT_SENTIMENTS, "briefs", tmp_path)
    assert first is not None and len(list(tmp_path.glob("*.svg"))) == 1

    def no_drawing(*args: object) -> str:
        raise AssertionError("drew a stored chart again")

    monkeypatch.setattr(charts, "trend_svg", no_drawing)
    assert charts.trend_chart(ITEMS, DEFAULT_SENTIMENTS, "briefs", tmp_path) == first
    with pytest.raises(AssertionError, match="drew a stored chart again"):
        charts.trend_chart(ITEMS[:-1], DEFAULT_SENTIMENTS, "briefs", tmp_path)  # new figures


def market_project(folder: Path) -> None:
    """The market seeds as a project in `folder`, with the repository's templates."""
    from tests.conftest import MARKET_SEEDS

    (folder / "briefs").mkdir()
    for name, data in MARKET_SEEDS.items():
        (folder / "briefs" / name).write_bytes(data)
    (folder / "templates").symlink_to(ROOT / "templates")


def test_trend_charts_are_drawn_ahead_while_articles_are_summarized(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.config import BriefsConfig
    from generator.pages import charts
    from generator.pipeline import generate

    market_project(tmp_path)
    drawn_by_pages: list[str] = []
    real = charts.trend_svg

    def counting(data: charts.Weekly, alt: str) -> str:
        drawn_by_pages.append(alt)
        return real.__wrapped__(data, alt)

    def counting_histogram(counts: tuple[int, ...], alt: str) -> str:
        drawn_by_pages.append(alt)
        return real_histogram.__wrapped__(counts, alt)

    real_histogram = charts._histogram_svg
    monkeypatch.setattr(charts, "trend_svg", counting)  # counts in this process only
    monkeypatch.setattr(charts, "_histogram_svg", counting_histogram)
    result = generate(BriefsConfig(root=tmp_path), "Briefs", True, "https://example.org/")
    charted = [f for f in result.files if "brief-chart" in "".join(unpack_fragments(f.fragments))]
    assert len(charted) >= 6  # home, sentiments, assets, the stats page's histogram
    assert drawn_by_pages == []  # every chart was drawn ahead, in the forked processes
    assert len(list((tmp_path / ".cache/briefs/charts").glob("*.svg"))) >= 5


def test_a_previews_later_generations_draw_their_few_new_charts_without_a_drawer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.config import BriefsConfig
    from generator.pages import charts, trends
    from generator.pipeline import as_built, generate
    from generator.site.memory import Memory
    from tests.builders import seed

    market_project(tmp_path)
    drawers: list[object] = []

    class Counted(trends.Drawer):
        def __init__(self, *args: object) -> None:
            drawers.append(self)
            super().__init__(*args)

    monkeypatch.setattr(trends, "Drawer", Counted)
    config, memory = BriefsConfig(root=tmp_path), Memory()
    assert as_built(config, "Briefs", True, "https://example.org/", memory) is None  # no build
    generate(config, "Briefs", True, "https://example.org/", preview=True, memory=memory)
    assert len(drawers) == 1  # the first generation draws every chart ahead
    (tmp_path / "briefs" / "zz_new.txt").write_bytes(seed(headline="A New Day", label="Bearish"))
    drawn_here: list[str] = []
    real = charts.trend_svg

    def counting(data: charts.Weekly, alt: str) -> str:
        drawn_here.append(alt)
        return real.__wrapped__(data, alt)

    monkeypatch.setattr(charts, "trend_svg", counting)
    later = generate(config, "Briefs", True, "https://example.org/", preview=True, memory=memory)
    assert len(drawers) == 1  # no drawer forked for a save
    assert any("Bearish" in alt for alt in drawn_here)  # its changed charts drawn here
    fresh = generate(BriefsConfig(root=tmp_path), "Briefs", True, "https://example.org/")
    assert {f.src_uri: (f.content, f.fragments) for f in later.files} == {
        f.src_uri: (f.content, f.fragments) for f in fresh.files
    }
