"""Seed text -> Brief. `loads` has no I/O; `load` and `load_all` read files (files.py)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Protocol

from generator.config import BriefsConfig
from generator.seeds import frontmatter, messages
from generator.seeds.assetlist import unknown_assets
from generator.seeds.errors import Problem, SeedError, did_you_mean, one_of
from generator.seeds.files import Signature, displayer, read_seed, seed_paths, settled
from generator.seeds.model import Brief, FrontMatter, Lines, Sentiment
from generator.seeds.tagnames import slug_clashes

_BOM = b"\xef\xbb\xbf"
# Matched from the last '(' only: a search from every position is quadratic in long blank runs.
_KEYWORDS = re.compile(r"\(\s*main\s+keywords?\s*:\s*([^()]*)\)\s*", re.IGNORECASE)
# Bidi controls, zero-width characters and control codes (other than whitespace) can disguise
# a headline or garble a <title>; they are removed from it. Other seed text keeps them.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_LABEL_LIKE = re.compile(r"[A-Za-z][A-Za-z-]{1,24}[.!]?")
_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM) and normalise CRLF/CR line endings to LF."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SeedError([Problem(path, 1, messages.UTF16())])
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise SeedError([Problem(path, line, messages.NUL_BYTES())])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        message = messages.NOT_UTF8(byte=byte, column=column)
        raise SeedError([Problem(path, line, message)]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def loads(data: bytes, path: str, stem: str, sentiments: Sequence[Sentiment]) -> Brief:
    """Parse one seed's bytes into a Brief; raise SeedError listing every problem found."""
    lines = decode(data, path).split("\n")
    block, body_start, problem = frontmatter.split(lines)
    if problem:
        raise SeedError([replace(problem, path=path)])
    problems: list[Problem] = []
    front, front_problems = frontmatter.parse(block, path) if block is not None else (None, [])
    problems.extend(front_problems)
    front = front or FrontMatter()

    headline_at = _first_text_line(lines, body_start)
    if headline_at is None:
        problems.append(Problem(path, 1, messages.EMPTY_SEED()))
        raise SeedError(problems)
    headline = " ".join(_INVISIBLE.sub("", lines[headline_at]).split())

    label_at, sentiment, label_problem = _find_label(lines, headline_at, path, sentiments)
    if label_problem:
        problems.append(label_problem)
        raise SeedError(problems)
    assert label_at is not None and sentiment is not None

    article = _paragraphs(lines[headline_at + 1 : label_at])
    implications = _paragraphs(lines[label_at + 1 :])
    article, keywords = _split_keywords(article)
    if not article:
        problems.append(Problem(path, label_at + 1, messages.NO_ARTICLE(line=headline_at + 1)))
    if not implications:
        problems.append(Problem(path, label_at + 1, messages.NO_IMPLICATIONS()))
    slug = front.slug or stem
    slug_line = dict(front.lines).get("slug", 1)
    if not front.slug and not _STEM.fullmatch(stem):
        problems.append(Problem(path, 1, messages.BAD_FILE_NAME(stem=stem)))
    if problems:
        raise SeedError(problems)
    names = {s.name.casefold() for s in sentiments}
    where = Lines(
        headline=headline_at + 1,
        article=(_first_text_line(lines, headline_at + 1) or 0) + 1,
        label=label_at + 1,
        implications=(_first_text_line(lines, label_at + 1) or 0) + 1,
        labels=tuple(
            i + 1 for i in range(label_at, len(lines)) if _normal(lines[i]).casefold() in names
        ),
        paragraphs=(
            *_paragraph_lines(lines, headline_at + 1, label_at)[: len(article)],
            *_paragraph_lines(lines, label_at + 1, len(lines)),
        ),
        keywords=_last_text_line(lines, headline_at + 1, label_at) + 1 if keywords else 0,
    )
    return Brief(
        path=path,
        stem=stem,
        slug=slug,
        headline=headline,
        article=article,
        keywords=keywords,
        sentiment=sentiment,
        implications=implications,
        front=front,
        slug_line=slug_line,
        lines=where,
    )


def load(path: Path, display: str, config: BriefsConfig) -> Brief:
    """Read one seed file, if it is safe to (see files.py), and parse it."""
    return loads(read_seed(path, display, config), display, path.stem, config.sentiments)


def load_all(config: BriefsConfig, paths: Sequence[Path] | None = None) -> list[Brief]:
    """Parse and validate every seed; raise one SeedError with the problems of all files."""
    briefs, problems = read_all(config, paths)
    if problems:
        raise SeedError(problems)
    return briefs


def read_all(
    config: BriefsConfig, paths: Sequence[Path] | None = None, memory: Remembers | None = None
) -> tuple[list[Brief], list[Problem]]:
    """Parse every seed: the valid briefs, and every problem of the others. With `memory`
    (the preview's), a seed whose bytes did not change is not parsed again, and one whose
    file did not change since (files.settled) is not read either."""
    briefs: list[Brief] = []
    problems: list[Problem] = []
    now = time.time_ns()
    shown = displayer(config)
    for path in seed_paths(config) if paths is None else paths:
        display = shown(path)
        try:
            if memory is None:
                briefs.append(load(path, display, config))
                continue
            signature = settled(path, now)
            known = memory.known(path, signature) if signature else None
            if known is None:
                data = read_seed(path, display, config)
                parse = partial(loads, data, display, path.stem, config.sentiments)
                known = memory.parse(path, data, parse, signature)
            briefs.append(known)
        except SeedError as error:
            problems.extend(error.problems)
    duplicates = _duplicate_slugs(briefs) + slug_clashes(briefs)
    assets = unknown_assets(briefs, config.assets)
    broken = {problem.path for problem in (*duplicates, *assets)}
    return [b for b in briefs if b.path not in broken], sorted(problems + duplicates + assets)


class Remembers(Protocol):
    """Parsed seeds kept from the last rebuild (site/memory.py)."""

    def known(self, path: Path, signature: Signature) -> Brief | None: ...

    def parse(
        self, path: Path, data: bytes, parse: Callable[[], Brief], signature: Signature | None
    ) -> Brief: ...


def _duplicate_slugs(briefs: Sequence[Brief]) -> list[Problem]:
    first: dict[str, Brief] = {}
    problems = []
    for brief in briefs:
        key = brief.slug.lower()
        if key in first:
            other = first[key]
            message = messages.DUPLICATE_SLUG(slug=brief.slug, other=other.path)
            problems.append(Problem(brief.path, brief.slug_line, message))
        else:
            first[key] = brief
    return problems


def _first_text_line(lines: Sequence[str], start: int) -> int | None:
    """The first line with visible text: a line of invisible characters cannot be a headline."""
    return next((i for i in range(start, len(lines)) if _INVISIBLE.sub("", lines[i]).strip()), None)


def _last_text_line(lines: Sequence[str], start: int, end: int) -> int:
    """The last line with text in lines[start:end] (there is one: the keywords)."""
    return next(i for i in range(end - 1, start - 1, -1) if lines[i].strip())


def _find_label(
    lines: Sequence[str], headline_at: int, path: str, sentiments: Sequence[Sentiment]
) -> tuple[int | None, Sentiment | None, Problem | None]:
    by_name = {s.name.casefold(): s for s in sentiments}
    names = [s.name for s in sentiments]
    initials = {name[:1] for name in by_name}  # a line that starts otherwise is no label
    for index in range(headline_at + 1, len(lines)):
        if lines[index].lstrip()[:1].casefold()[:1] not in initials:
            continue
        sentiment = by_name.get(_normal(lines[index]).casefold())
        if sentiment:
            return index, sentiment, None
    if _first_text_line(lines, headline_at + 1) is None:
        return (
            None,
            None,
            Problem(path, headline_at + 1, messages.ONLY_HEADLINE(expected=one_of(names))),
        )
    candidates = [
        i for i in range(headline_at + 1, len(lines)) if _LABEL_LIKE.fullmatch(lines[i].strip())
    ]
    if candidates:
        hinted = [i for i in candidates if did_you_mean(lines[i].strip().rstrip(".!"), names)]
        index = (hinted or candidates)[0]
        received = lines[index].strip()
        hint = did_you_mean(received.rstrip(".!"), names)
        return (
            None,
            None,
            Problem(
                path,
                index + 1,
                messages.UNKNOWN_SENTIMENT(received=received, expected=one_of(names), hint=hint),
            ),
        )
    return (
        None,
        None,
        Problem(path, headline_at + 2, messages.NO_LABEL(expected=one_of(names))),
    )


def _normal(line: str) -> str:
    """A line with its whitespace collapsed, as labels are compared."""
    return " ".join(line.split())


def _paragraphs(lines: Sequence[str]) -> tuple[str, ...]:
    """Group lines into paragraphs at blank lines; lines within one are joined by spaces."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in (*lines, ""):
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return tuple(paragraphs)


def _paragraph_lines(lines: Sequence[str], start: int, end: int) -> tuple[int, ...]:
    """The 1-based line on which each paragraph of lines[start:end] starts (see _paragraphs)."""
    return tuple(
        i + 1
        for i in range(start, end)
        if lines[i].strip() and (i == start or not lines[i - 1].strip())
    )


def _split_keywords(article: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Remove a trailing '(Main keywords: a, b)' from the article and return its keywords."""
    if not article:
        return article, ()
    start = article[-1].rfind("(")
    match = _KEYWORDS.fullmatch(article[-1], max(start, 0))
    if start < 0 or not match:
        return article, ()
    keywords = tuple(k.strip() for k in match.group(1).split(",") if k.strip())
    rest = article[-1][:start].rstrip()
    return (*article[:-1], rest) if rest else article[:-1], keywords
