"""`new`: start a seed file with the next number, a fresh id and marked placeholders."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from generator.commands import EXIT_OK, EXIT_USAGE
from generator.config import BriefsConfig
from generator.lint import PLACEHOLDER
from generator.seeds import messages
from generator.seeds.model import Sentiment

_PREFIX = re.compile(r"(\d+)_")
ARTICLE = (
    f"{PLACEHOLDER} replace this paragraph with the article: what happened, in two or more "
    "sentences. To set tags, end it with a (Main keywords: …) parenthesis."
)
IMPLICATIONS = (
    f"{PLACEHOLDER} replace this paragraph with the implications: what the news means for "
    "traders, and what to watch."
)


def next_prefix(names: Iterable[str]) -> int:
    """One more than the highest number that starts a file name, or 1."""
    numbers = [int(m.group(1)) for name in names if (m := _PREFIX.match(name))]
    return max(numbers, default=0) + 1


def seed_id(prefix: int, headline: str) -> str:
    """A short id that the same number and headline always give."""
    return hashlib.sha256(f"{prefix:03d} {headline}".encode()).hexdigest()[:16]


def scaffold(headline: str, sentiment: Sentiment, date: dt.date | None) -> str:
    """The text of a new seed: front matter when dated, then the four parts."""
    front = f"---\ndate: {date.isoformat()}\n---\n" if date else ""
    return f"{front}{headline}\n\n{ARTICLE}\n\n{sentiment.name}\n\n{IMPLICATIONS}\n"


def run(config: BriefsConfig, headline: str, sentiment: Sentiment, date: dt.date | None) -> int:
    """Write the new seed into the briefs folder and print its path; never overwrite."""
    folder = config.briefs_path
    folder.mkdir(parents=True, exist_ok=True)
    prefix = next_prefix(p.name for p in folder.iterdir())
    path = folder / f"{prefix:03d}_{seed_id(prefix, headline)}.txt"
    shown = _shown(path, config.root)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(scaffold(headline, sentiment, date))
    except FileExistsError:
        print(f"{shown}:1: {messages.SEED_EXISTS()}", file=sys.stderr)
        return EXIT_USAGE
    print(shown)
    return EXIT_OK


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
