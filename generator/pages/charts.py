"""Sentiment trends and the reading-ease histogram as static, inline SVG (matplotlib).

The SVG is drawn with placeholder colours that are then swapped for the site's CSS
variables, so one file reads well in Material's light and dark schemes. Text stays text
(`svg.fonttype: none`) and takes the page's font. Ids come from a fixed salt and the date
metadata is dropped, so the same figures give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from generator.pages.chartstore import stored
from generator.pages.deferred import LaterSVG
from generator.seeds.messages import count
from generator.seeds.model import Brief, EnrichedBrief, Sentiment

MAX_WEEKS = 156  # three years: older weeks are left off so a chart stays small
BAR_WEEKS = 26  # up to this many weeks are drawn as bars, more as steps (fewer bytes)
_EASE_BINS = tuple(range(0, 100, 10))

# Placeholder colour -> the CSS it becomes. Each placeholder is used for nothing else.
_TEXT, _GRID, _BAR = "#000005", "#000006", "#000007"
_TONES = {"bullish": "#00000a", "bearish": "#00000b", "neutral": "#00000c", "other": "#00000d"}
_CSS = {
    _TEXT: "currentColor",
    _GRID: "var(--md-default-fg-color--lightest)",
    _BAR: "var(--md-typeset-a-color)",
    **{colour: f"var(--brief-{tone}-fg)" for tone, colour in _TONES.items()},
}
_STYLE: dict[str, Any] = {
    "svg.hashsalt": "market-briefs",
    "svg.fonttype": "none",
    "font.size": 12,
    "text.color": _TEXT,
    "axes.edgecolor": _TEXT,
    "axes.labelcolor": _TEXT,
    "xtick.color": _TEXT,
    "ytick.color": _TEXT,
    "legend.labelcolor": _TEXT,
    "legend.fontsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "path.simplify": True,
}


@dataclass(frozen=True)
class Chart:
    """An inline SVG drawing and the alt text that states its figures."""

    svg: str | LaterSVG
    alt: str


@dataclass(frozen=True)
class Weekly:
    """Briefs per week (weeks start on Monday) for each sentiment, oldest week first."""

    weeks: tuple[dt.date, ...]
    series: tuple[tuple[Sentiment, tuple[int, ...]], ...]
    undated: int
    dropped: int  # dated briefs older than the weeks shown


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekly(items: Sequence[EnrichedBrief], sentiments: Sequence[Sentiment]) -> Weekly:
    """Count dated briefs per week and sentiment, every week in the span, at most MAX_WEEKS."""
    return weekly_briefs([item.brief for item in items], sentiments)


def weekly_briefs(briefs: Sequence[Brief], sentiments: Sequence[Sentiment]) -> Weekly:
    """`weekly`, from the briefs alone (their dates and sentiments are all it reads)."""
    dated = [(b.date, b.sentiment) for b in briefs if b.date]
    if not dated:
        return Weekly((), (), len(briefs), 0)
    last = _monday(max(day for day, _ in dated))
    first = max(_monday(min(day for day, _ in dated)), last - dt.timedelta(weeks=MAX_WEEKS - 1))
    weeks = tuple(first + dt.timedelta(weeks=n) for n in range((last - first).days // 7 + 1))
    counts = {s: [0] * len(weeks) for s in sentiments}
    dropped, start = 0, first.toordinal()  # a Monday: its week's index is the day's too
    for day, sentiment in dated:
        index = (day.toordinal() - start) // 7
        if index < 0:
            dropped += 1
        else:
            counts[sentiment][index] += 1
    series = tuple((s, tuple(counts[s])) for s in sentiments if any(counts[s]))
    return Weekly(weeks, series, len(briefs) - len(dated), dropped)


def month_ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """First days of months between two dates, every 1-6 months so that at most 7 show."""
    count = (last.year - first.year) * 12 + last.month - first.month
    step = next(s for s in (1, 2, 3, 6, 12) if count // s <= 6)
    ticks: list[tuple[dt.date, str]] = []
    year, month = first.year, first.month
    if first.day > 1:  # the first whole month starts with the next (a December's: January)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    while (year, month) <= (last.year, last.month):
        if (month - 1) % step == 0:
            day = dt.date(year, month, 1)
            label = f"{day:%b %Y}" if not ticks or month == 1 else f"{day:%b}"
            ticks.append((day, label))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def trend_alt(data: Weekly, what: str) -> str:
    """Alt text: the span, the totals per sentiment and the busiest week."""
    totals = [sum(week[i] for _, week in data.series) for i in range(len(data.weeks))]
    busiest = max(range(len(totals)), key=lambda i: (totals[i], i))
    span = "1 week" if len(data.weeks) == 1 else f"{len(data.weeks)} weeks"
    parts = ", ".join(f"{sum(counts)} {sentiment.name}" for sentiment, counts in data.series)
    text = (
        f"Stacked chart of {what} per week by sentiment, {span} from the week of "
        f"{_day(data.weeks[0])} to the week of {_day(data.weeks[-1])}: {parts}. "
        f"Busiest week: {_day(data.weeks[busiest])}, {totals[busiest]} "
        f"brief{'s' * (totals[busiest] != 1)}."
    )
    if data.dropped:
        text += f" {data.dropped} older briefs are not shown."
    if data.undated:
        text += f" {data.undated} undated brief{'s' * (data.undated != 1)} not shown."
    return text


def trend_chart(
    items: Sequence[EnrichedBrief],
    sentiments: Sequence[Sentiment],
    what: str,
    store: Path | None = None,
    later: bool = False,
) -> Chart | None:
    """Briefs per week by sentiment, stacked; None when no brief has a date. `later`: drawn
    when its page is rendered (LaterSVG)."""
    data = weekly(items, sentiments)
    if not data.weeks:
        return None
    alt = trend_alt(data, what)
    key = ("trend", data, alt)

    def draw() -> str:
        return stored(store, key, lambda: trend_svg(data, alt))

    return Chart(LaterSVG(key, draw) if later else draw(), alt)


@functools.lru_cache(maxsize=256)  # a rebuild with the same figures draws nothing again
def trend_svg(data: Weekly, alt: str) -> str:
    from matplotlib.ticker import MaxNLocator

    edges = [*data.weeks, data.weeks[-1] + dt.timedelta(weeks=1)]
    x = [day.toordinal() for day in edges]
    colours = [_TONES[s.tone] for s, _ in data.series]
    labels = [f"{s.icon} {s.name}" for s, _ in data.series]
    with _rc():
        figure, axes = _figure(bottom=0.16)
        if len(data.weeks) <= BAR_WEEKS:  # stacked bars, one per week, centred on the week
            bottom = [0] * len(data.weeks)
            for (_, counts), colour, label in zip(data.series, colours, labels, strict=True):
                centres = [start + 3.5 for start in x[:-1]]
                axes.bar(centres, counts, width=5.6, bottom=bottom, color=colour, label=label)
                bottom = [b + n for b, n in zip(bottom, counts, strict=True)]
        else:  # many weeks: stacked steps, three paths whatever the span
            series = [[*counts, counts[-1]] for _, counts in data.series]
            axes.stackplot(x, series, step="post", colors=colours, labels=labels, linewidth=0)
        if len(data.weeks) <= 8:  # few weeks: label each by its Monday
            ticks = [start + 3.5 for start in x[:-1]]
            axes.set_xticks(ticks, [_day(day)[:-5] for day in data.weeks])
        else:
            months = month_ticks(edges[0], edges[-1])
            axes.set_xticks([day.toordinal() for day, _ in months], [lab for _, lab in months])
        axes.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        axes.set_xlim(x[0], x[-1])
        axes.set_ylabel("briefs per week")
        axes.legend(
            loc="lower left", bbox_to_anchor=(0, 1), ncols=len(data.series), frameon=False,
            borderaxespad=0.2, handlelength=1, columnspacing=1.2,
        )  # fmt: skip
        return _svg(figure, alt)


def ease_bins(scores: Sequence[float]) -> list[int]:
    """Scores per band of 10 (0-10 … 90-100); scores outside 0-100 count in the end bands."""
    counts = [0] * len(_EASE_BINS)
    for score in scores:
        counts[min(max(int(score // 10), 0), len(_EASE_BINS) - 1)] += 1
    return counts


def ease_histogram(items: Sequence[EnrichedBrief], store: Path | None = None) -> Chart | None:
    """A histogram of Flesch reading ease; None when there are no briefs."""
    return ease_chart([item.readability.flesch_reading_ease for item in items], store)


def ease_chart(scores: Sequence[float], store: Path | None = None) -> Chart | None:
    """A histogram of these Flesch reading ease scores; None when there are none."""
    if not scores:
        return None
    counts = ease_bins(scores)
    top = max(range(len(counts)), key=lambda i: (counts[i], -i))
    bands = ", ".join(f"{low}–{low + 10}: {n}" for low, n in zip(_EASE_BINS, counts, strict=True))
    alt = (
        f"Histogram of Flesch reading ease for {count(len(scores), 'brief')}, "
        f"in bands of 10 points ({bands}). "
        f"Most briefs score {_EASE_BINS[top]}–{_EASE_BINS[top] + 10}; "
        f"the median is {statistics.median(scores):.1f}."
    )
    key = ("histogram", tuple(counts), alt)
    return Chart(stored(store, key, lambda: _histogram_svg(tuple(counts), alt)), alt)


@functools.lru_cache(maxsize=16)
def _histogram_svg(counts: tuple[int, ...], alt: str) -> str:
    from matplotlib.ticker import MaxNLocator

    with _rc():
        figure, axes = _figure(bottom=0.24)
        centres = [low + 5 for low in _EASE_BINS]
        bars = axes.bar(centres, counts, width=9, color=_BAR, linewidth=0)
        axes.bar_label(bars, labels=[str(n) if n else "" for n in counts], padding=2)
        axes.set_xticks(range(0, 101, 10))
        axes.set_xlim(0, 100)
        axes.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        axes.set_xlabel("Flesch reading ease (higher is easier)")
        axes.set_ylabel("briefs")
        return _svg(figure, alt)


def _figure(bottom: float) -> tuple[Any, Any]:
    """A figure with fixed margins (a tight bounding box would draw it twice), inside _rc()."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(5.2, 2.8))
    figure.subplots_adjust(left=0.13, right=0.97, bottom=bottom, top=0.86)
    axes = figure.add_subplot()
    axes.grid(axis="y", color=_GRID, linewidth=0.8)
    axes.set_axisbelow(True)
    return figure, axes


def _rc() -> Any:
    """Matplotlib settings for every artist of a chart: create and save inside this."""
    import matplotlib

    return matplotlib.rc_context(cast(Any, _STYLE))


_ROOT_SIZE = re.compile(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"')
_DECIMALS = re.compile(r"(\d\.\d)\d+")
_FONT = re.compile(r"font-family: [^;\"]*; ")  # the text takes the page's font
_UNROTATED = re.compile(r' transform="rotate\(-?0 [^"]*\)"')
_ID = re.compile(r' id="([^"]+)"')
_REFERENCE = re.compile(r"#([A-Za-z0-9_.]+)")
_BREAKS = re.compile(r"\s*\n\s*")


def _svg(figure: Any, alt: str) -> str:
    """The figure as compact inline SVG in the site's colours, labelled with `alt`."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, transparent=True)
    text = buffer.getvalue()
    text = text[text.index("<svg ") :]
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)
    text = re.sub(r'<style type="text/css">[^<]*</style>', "", text)  # would style the page
    text = _BREAKS.sub(" ", _DECIMALS.sub(r"\1", text)).replace("> <", "><")
    text = _FONT.sub("", _UNROTATED.sub("", text))
    used = set(_REFERENCE.findall(text))  # matplotlib names every group; keep the used ids
    text = _ID.sub(lambda match: match.group() if match.group(1) in used else "", text)
    for placeholder, css in _CSS.items():
        text = text.replace(placeholder, css)
    label = alt.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return _ROOT_SIZE.sub(
        rf'<svg \1class="brief-chart__svg" role="img" aria-label="{label}"', text.strip(), count=1
    )
