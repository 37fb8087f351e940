"""The label cross-check, measured with the author-error protocol: `make eval` prints it.

    python bench/labels_eval.py

Each Bullish or Bearish item of the shared labelled sets (finance tweets and FinEntity news
sentences) is checked once with its own label, where a warning is a false alarm, and once
with the opposite label, where a warning catches the author's error. Neutral items should
be questioned only when strongly one-sided. Every set is split 50/50 by a seeded shuffle:
the finance word list and the thresholds were tuned on the `tune` half only, and the
`report` half is the figure to quote.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus import CORPUS

from generator.config import BriefsConfig
from generator.enrich import tone as labelcheck
from generator.seeds.model import Tone

DATASETS = {
    "tweets": "twitter-financial-news-train.csv",
    "finentity": "finentity-sentences.csv",
}
LABELS = {"0": "Bearish", "1": "Bullish", "2": "Neutral"}
SEED = 20240611
MAX_FALSE_ALARMS = 0.05


@dataclass(frozen=True)
class Item:
    """One labelled text."""

    text: str
    label: str


@dataclass(frozen=True)
class Figures:
    """The protocol's rates at one pair of thresholds."""

    false_alarms: float
    recall: float
    neutral_false_alarms: float
    polar: int
    neutral: int


def load(name: str, corpus: Path = CORPUS) -> list[Item]:
    """Read one corpus file, failing clearly when the shared folder is missing."""
    path = corpus / DATASETS[name]
    if not path.is_file():
        sys.exit(f"labels_eval: {path} is missing (the shared corpus folder is needed)")
    with path.open(encoding="utf-8", newline="") as handle:
        return [Item(row["text"], LABELS[row["label"]]) for row in csv.DictReader(handle)]


def split(items: Sequence[Item]) -> tuple[list[Item], list[Item]]:
    """A fixed 50/50 split by a seeded shuffle: (tune, report)."""
    order = list(range(len(items)))
    random.Random(SEED).shuffle(order)
    half = len(order) // 2
    return [items[i] for i in order[:half]], [items[i] for i in order[half:]]


def measure(
    items: Sequence[Item], scores: Sequence[float], threshold: float, neutral: float
) -> Figures:
    """False alarms on true labels, recall on flipped copies, and Neutral false alarms."""
    polar = [(i, s) for i, s in zip(items, scores, strict=True) if i.label != "Neutral"]
    flip = {"Bullish": "Bearish", "Bearish": "Bullish"}
    tones = [Tone(s, (), ()) for _, s in polar]
    alarms = sum(
        labelcheck.contradicts(i.label, t, threshold)
        for (i, _), t in zip(polar, tones, strict=True)
    )
    caught = sum(
        labelcheck.contradicts(flip[i.label], t, threshold)
        for (i, _), t in zip(polar, tones, strict=True)
    )
    neutrals = [s for i, s in zip(items, scores, strict=True) if i.label == "Neutral"]
    loud = sum(
        labelcheck.contradicts("Neutral", Tone(s, (), ()), threshold, neutral) for s in neutrals
    )
    return Figures(
        alarms / max(1, len(polar)),
        caught / max(1, len(polar)),
        loud / max(1, len(neutrals)),
        len(polar),
        len(neutrals),
    )


def tune(items: Sequence[Item], scores: Sequence[float]) -> tuple[float, float]:
    """The lowest thresholds that keep both kinds of false alarm at or under 5%."""
    grid = [round(0.01 * k, 2) for k in range(1, 100)]
    polar = next(
        (t for t in grid if measure(items, scores, t, 1.0).false_alarms <= MAX_FALSE_ALARMS), 1.0
    )
    neutral = next(
        (
            t
            for t in grid
            if measure(items, scores, 1.0, t).neutral_false_alarms <= MAX_FALSE_ALARMS
        ),
        1.0,
    )
    return polar, neutral


def plain_vader() -> Callable[[str], float]:
    """Plain VADER: the compound score of the whole raw text, no finance words."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return lambda text: float(analyzer.polarity_scores(text)["compound"])


def checker(text: str) -> float:
    """The checker's score of one corpus item, read as a one-line brief."""
    return labelcheck.read_tone([(1, text)]).score


def articles(threshold: float, neutral: float, corpus: Path = CORPUS) -> Figures | None:
    """The protocol on whole crypto articles as briefs; their labels are a model's, not people's."""
    path = corpus / "crypto-news-2023.jsonl"
    if not path.is_file():
        return None
    items: list[Item] = []
    scores: list[float] = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            record = json.loads(raw)
            paragraphs = [p for p in record["content"].split("\n") if p.strip()]
            lines = [(1, record["title"])] + [(n + 2, p) for n, p in enumerate(paragraphs)]
            items.append(Item(record["title"], record["model_sentiment"]))
            scores.append(labelcheck.read_tone(lines).score)
    return measure(items, scores, threshold, neutral)


def row(name: str, half: str, system: str, thresholds: tuple[float, float], f: Figures) -> str:
    """One line of the figures table."""
    return (
        f"| {name} | {half} | {system} | {thresholds[0]:.2f} / {thresholds[1]:.2f} | "
        f"{100 * f.false_alarms:.1f}% | {100 * f.recall:.1f}% | "
        f"{100 * f.neutral_false_alarms:.1f}% | {f.polar} / {f.neutral} |"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures table, and with --errors the tune half's misses."""
    parser = argparse.ArgumentParser(description=__doc__)
    defaults = BriefsConfig(root=Path("."))
    parser.add_argument("--threshold", type=float, default=defaults.label_check)
    parser.add_argument("--neutral", type=float, default=defaults.label_check_neutral)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus folder")
    parser.add_argument("--errors", metavar="FILE", help="write the tune halves' errors here")
    args = parser.parse_args(argv)
    data = {name: split(load(name, args.corpus)) for name in DATASETS}
    vader = plain_vader()
    print(
        "| data | half | system | thresholds (polar / neutral) | false alarms | "
        "flipped caught | Neutral false alarms | items (polar / Neutral) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    errors: list[str] = []
    for name in DATASETS:
        tune_half, report_half = data[name]
        for system, score in (("plain VADER", vader), ("checker", checker)):
            tune_scores = [score(i.text) for i in tune_half]
            report_scores = [score(i.text) for i in report_half]
            own = tune(tune_half, tune_scores)
            chosen = (args.threshold, args.neutral) if system == "checker" else own
            if system == "checker":
                print(
                    row(
                        name,
                        "tune",
                        system + " (own best)",
                        own,
                        measure(tune_half, tune_scores, *own),
                    )
                )
            print(row(name, "tune", system, chosen, measure(tune_half, tune_scores, *chosen)))
            print(row(name, "report", system, chosen, measure(report_half, report_scores, *chosen)))
            if system == "checker":
                for item, s in zip(tune_half, tune_scores, strict=True):
                    wrong = (
                        (item.label == "Bullish" and s < args.threshold)
                        or (item.label == "Bearish" and s > -args.threshold)
                        or (item.label == "Neutral" and abs(s) >= args.neutral)
                    )
                    if wrong:
                        errors.append(f"{name}\t{item.label}\t{s:+.3f}\t{item.text!r}")
    crypto = articles(args.threshold, args.neutral, args.corpus)
    if crypto is not None:
        print(row("crypto articles*", "all", "checker", (args.threshold, args.neutral), crypto))
    if args.errors:
        Path(args.errors).write_text("\n".join(errors) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
