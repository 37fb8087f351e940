"""Seed text -> Brief. `loads` has no I/O; `load` and `load_all` read files around it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from generator import frontmatter
from generator.assets import unknown_assets
from generator.config import BriefsConfig
from generator.errors import Problem, SeedError, did_you_mean, one_of
from generator.model import Brief, FrontMatter, Sentiment

_BOM = b"\xef\xbb\xbf"
_KEYWORDS = re.compile(r"\s*\(\s*main\s+keywords?\s*:\s*([^()]*)\)\s*$", re.IGNORECASE)
# Bidi overrides and zero-width characters can disguise a headline; they are removed from it.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_LABEL_LIKE = re.compile(r"[A-Za-z][A-Za-z-]{1,24}[.!]?")
_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM) and normalise CRLF/CR line endings to LF."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise SeedError([Problem(path, line, "contains NUL bytes: this is not a text file")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        message = f"not valid UTF-8 (byte 0x{byte:02x} at column {column}); save the file as UTF-8"
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
        problems.append(
            Problem(
                path,
                1,
                "empty seed; expected a headline, an article, "
                "a sentiment label line and implications",
            )
        )
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
        problems.append(
            Problem(
                path,
                label_at + 1,
                f"no article between the headline (line {headline_at + 1}) and the sentiment label",
            )
        )
    if not implications:
        problems.append(
            Problem(
                path,
                label_at + 1,
                "no implications after the sentiment label; expected at least one line of text",
            )
        )
    slug = front.slug or stem
    slug_line = dict(front.lines).get("slug", 1)
    if not front.slug and not _STEM.fullmatch(stem):
        problems.append(
            Problem(
                path,
                1,
                f"file name {stem!r} cannot be used in a URL; rename it "
                "using letters, digits, '.', '-' or '_', or set 'slug:'",
            )
        )
    if problems:
        raise SeedError(problems)
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
    )


def load(path: Path, display: str, config: BriefsConfig) -> Brief:
    """Read one seed file within the size limit and parse it."""
    if path.is_symlink() and not path.resolve().is_relative_to(config.briefs_path.resolve()):
        raise SeedError(
            [Problem(display, 1, "symbolic link points outside the briefs folder; it was not read")]
        )
    size = path.stat().st_size
    if size > config.max_seed_bytes:
        raise SeedError(
            [
                Problem(
                    display,
                    1,
                    f"file is {size:,} bytes, over the limit of "
                    f"{config.max_seed_bytes:,} (extra.briefs.max_seed_bytes)",
                )
            ]
        )
    return loads(path.read_bytes(), display, path.stem, config.sentiments)


def seed_paths(config: BriefsConfig) -> list[Path]:
    """Every seed file, in file-name order."""
    if not config.briefs_path.is_dir():
        return []
    return sorted(p for p in config.briefs_path.glob("*.txt") if not p.name.startswith("."))


def load_all(config: BriefsConfig, paths: Sequence[Path] | None = None) -> list[Brief]:
    """Parse and validate every seed; raise one SeedError with the problems of all files."""
    briefs: list[Brief] = []
    problems: list[Problem] = []
    for path in seed_paths(config) if paths is None else paths:
        display = _display(path, config.root)
        try:
            briefs.append(load(path, display, config))
        except SeedError as error:
            problems.extend(error.problems)
        except OSError as error:
            problems.append(Problem(display, 1, f"cannot be read: {error.strerror}"))
    problems.extend(_duplicate_slugs(briefs))
    problems.extend(unknown_assets(briefs, config.assets))
    if problems:
        raise SeedError(problems)
    return briefs


def _display(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return str(path)


def _duplicate_slugs(briefs: Sequence[Brief]) -> list[Problem]:
    first: dict[str, Brief] = {}
    problems = []
    for brief in briefs:
        key = brief.slug.lower()
        if key in first:
            other = first[key]
            problems.append(
                Problem(
                    brief.path,
                    brief.slug_line,
                    f"duplicate slug {brief.slug!r}, also used by {other.path}; "
                    "rename one file or set a different 'slug:'",
                )
            )
        else:
            first[key] = brief
    return problems


def _first_text_line(lines: Sequence[str], start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if lines[i].strip()), None)


def _find_label(
    lines: Sequence[str], headline_at: int, path: str, sentiments: Sequence[Sentiment]
) -> tuple[int | None, Sentiment | None, Problem | None]:
    by_name = {s.name.casefold(): s for s in sentiments}
    names = [s.name for s in sentiments]
    for index in range(headline_at + 1, len(lines)):
        sentiment = by_name.get(" ".join(lines[index].split()).casefold())
        if sentiment:
            return index, sentiment, None
    if _first_text_line(lines, headline_at + 1) is None:
        return (
            None,
            None,
            Problem(
                path,
                headline_at + 1,
                "only a headline; expected an article, "
                f"a sentiment label line ({one_of(names)}) and implications",
            ),
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
                f"unknown sentiment {received!r}; expected one of {one_of(names)}{hint}",
            ),
        )
    return (
        None,
        None,
        Problem(
            path,
            headline_at + 2,
            "no sentiment label line; expected a line "
            f"holding only {one_of(names)} between the article and the "
            "implications",
        ),
    )


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


def _split_keywords(article: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Remove a trailing '(Main keywords: a, b)' from the article and return its keywords."""
    if not article:
        return article, ()
    match = _KEYWORDS.search(article[-1])
    if not match:
        return article, ()
    keywords = tuple(k.strip() for k in match.group(1).split(",") if k.strip())
    rest = article[-1][: match.start()].rstrip()
    return (*article[:-1], rest) if rest else article[:-1], keywords
