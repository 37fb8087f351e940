"""The data that flows through the pipeline: frozen dataclasses, no I/O."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sentiment:
    """One configured sentiment label, such as Bullish."""

    name: str
    slug: str
    icon: str
    tone: str  # CSS modifier: bullish, bearish, neutral or other


@dataclass(frozen=True)
class AssetChoice:
    """Front-matter `assets:`: tickers added to the detected ones, or replacing them."""

    tickers: tuple[str, ...]
    only: bool = False


@dataclass(frozen=True)
class FrontMatter:
    """The optional YAML block at the top of a seed."""

    date: dt.date | None = None
    tags: tuple[str, ...] = ()
    slug: str | None = None
    source: str | None = None
    summary: str | None = None
    draft: bool = False
    assets: AssetChoice | None = None
    lines: tuple[tuple[str, int], ...] = ()  # key -> line, for later errors


@dataclass(frozen=True)
class Lines:
    """Where each part of a seed starts, as 1-based line numbers, for messages about it."""

    headline: int = 1
    article: int = 1
    label: int = 1
    implications: int = 1
    labels: tuple[int, ...] = ()  # every line holding only a label: the first is the label
    paragraphs: tuple[int, ...] = ()  # where each article paragraph, then each implication,
    # starts
    keywords: int = 0  # the line of '(Main keywords: …)', 0 when there is none


@dataclass(frozen=True)
class Brief:
    """A parsed, validated seed file."""

    path: str  # as shown to the user, e.g. briefs/000_x.txt
    stem: str  # file name without .txt: the brief's id
    slug: str
    headline: str
    article: tuple[str, ...]  # paragraphs, keyword parenthesis removed
    keywords: tuple[str, ...]
    sentiment: Sentiment
    implications: tuple[str, ...]  # paragraphs
    front: FrontMatter = field(default_factory=FrontMatter)
    slug_line: int = 1
    lines: Lines = field(default_factory=Lines, compare=False)  # where, not what

    @property
    def tags(self) -> tuple[str, ...]:
        """Keywords then front-matter tags, without repeats (in case or Unicode form)."""
        seen: set[str] = set()
        ordered: list[str] = []
        for tag in (*self.keywords, *self.front.tags):
            key = unicodedata.normalize("NFKC", tag).casefold()  # as tagnames.tag_key
            if key not in seen:
                seen.add(key)
                ordered.append(tag)
        return tuple(ordered)

    @property
    def date(self) -> dt.date | None:
        """The publication date from front matter, if any."""
        return self.front.date


@dataclass(frozen=True)
class Readability:
    """Readability figures for an article, from textstat."""

    flesch_reading_ease: float
    grade_level: float
    reading_time_seconds: int
    word_count: int

    @property
    def reading_minutes(self) -> int:
        """Reading time rounded up to whole minutes, at least one."""
        return max(1, -(-self.reading_time_seconds // 60))


@dataclass(frozen=True)
class Tone:
    """The tone of a text, -1 (bearish) to 1 (bullish), and the parts that pull it down or up
    the most, by position (a brief's article paragraphs, then its implications)."""

    score: float = 0.0
    most_negative: tuple[int, ...] = ()
    most_positive: tuple[int, ...] = ()


@dataclass(frozen=True)
class Enrichment:
    """What the generator computes from an article: cacheable by content."""

    summary: tuple[str, ...]
    readability: Readability
    about: tuple[str, ...] = ()  # tickers the text is about, before front matter applies
    mentioned: tuple[str, ...] = ()  # tickers it only mentions
    tone: Tone = field(default_factory=Tone)  # of the article and implications


@dataclass(frozen=True)
class EnrichedBrief:
    """A brief with its summary, readability and assets."""

    brief: Brief
    summary: tuple[str, ...]
    readability: Readability
    assets: tuple[str, ...] = ()  # tickers it is about, in configured order (see assets.py)
    mentions: tuple[str, ...] = ()  # tickers it only mentions
    tone: Tone = field(default_factory=Tone)

    @property
    def url(self) -> str:
        """Site-relative URL of the brief's page."""
        return f"briefs/{self.brief.slug}/"


@dataclass(frozen=True)
class GeneratedFile:
    """A file the generator hands to MkDocs, by its path inside docs/."""

    src_uri: str
    content: str
    in_nav: bool = False
    fragments: bytes = b""  # HTML for the content's placeholders (render.py), packed


def pack_fragments(fragments: Sequence[str]) -> bytes:
    """A page's HTML fragments, compressed: a build holds every page's until MkDocs renders
    it, and as text they were most of its memory (about 30 KB a brief, with the UTF-8 copy
    pickling leaves in each string); packed, about 3 KB."""
    if not fragments:
        return b""
    return zlib.compress(json.dumps(list(fragments), ensure_ascii=False).encode(), 1)


def unpack_fragments(packed: bytes) -> tuple[str, ...]:
    """The fragments `pack_fragments` packed."""
    return tuple(json.loads(zlib.decompress(packed))) if packed else ()
