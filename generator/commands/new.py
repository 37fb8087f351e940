"""`new`: start a seed file with the next number, a fresh id, today's date, a slug from the
headline and marked placeholders."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from generator.commands import EXIT_OK, EXIT_USAGE
from generator.config import BriefsConfig
from generator.lint import PLACEHOLDER
from generator.seeds import messages
from generator.seeds.model import Sentiment
from generator.seeds.parse import read_all

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


def headline_slug(headline: str, taken: Iterable[str] = ()) -> str | None:
    """The headline as a page slug, `etf-inflows-hit-a-record`; `-2`, `-3`… when taken."""
    ascii_text = unicodedata.normalize("NFKD", headline).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    base = "-".join(words)[:72].rstrip("-")
    if not base:
        return None
    used = {slug.lower() for slug in taken}
    slug, number = base, 2
    while slug in used:
        slug, number = f"{base}-{number}", number + 1
    return slug


def scaffold(
    headline: str, sentiment: Sentiment, date: dt.date | None, slug: str | None = None
) -> str:
    """The text of a new seed: front matter (date, slug) when given, then the four parts."""
    keys = [f"date: {date.isoformat()}" if date else "", f"slug: {slug}" if slug else ""]
    front = "".join(f"{key}\n" for key in keys if key)
    head = f"---\n{front}---\n" if front else ""
    return f"{head}{headline}\n\n{ARTICLE}\n\n{sentiment.name}\n\n{IMPLICATIONS}\n"


def run(config: BriefsConfig, headline: str, sentiment: Sentiment, date: dt.date | None) -> int:
    """Write the new seed into the briefs folder and print its path; never overwrite.

    `date` defaults to today: the author's clock, at the moment the brief is started.
    """
    folder = config.briefs_path
    folder.mkdir(parents=True, exist_ok=True)
    prefix = next_prefix(p.name for p in folder.iterdir())
    path = folder / f"{prefix:03d}_{seed_id(prefix, headline)}.txt"
    shown = _shown(path, config.root)
    briefs, _ = read_all(config)  # the slugs in use; problems are `check`'s to report
    slug = headline_slug(headline, (brief.slug for brief in briefs))
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(scaffold(headline, sentiment, date or dt.date.today(), slug))
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
