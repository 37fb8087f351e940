"""Errors a user can cause, each tied to a file and a line."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, at a 1-based line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class BriefsError(Exception):
    """Raised with every problem found in one run, so the user sees them all at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(problem) for problem in self.problems))


class SeedError(BriefsError):
    """One or more seed files are invalid."""


class ConfigError(BriefsError):
    """The `extra.briefs` configuration in mkdocs.yml is invalid."""


def did_you_mean(received: str, expected: Sequence[str]) -> str:
    """Return ' (did you mean X?)' when `received` is close to one of `expected`, else ''."""
    lowered = {choice.lower(): choice for choice in expected}
    matches = difflib.get_close_matches(received.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean {lowered[matches[0]]}?)" if matches else ""


def one_of(expected: Sequence[str]) -> str:
    """Format a closed set of choices for an error message."""
    return ", ".join(expected)


class SummaryError(Exception):
    """sumy could not summarize an article (raised by generator/enrich/summarize.py, and
    defined here so that catching it does not import sumy)."""
