"""The subcommands of `python -m generator`, one module each; output is decided here."""

from __future__ import annotations

import sys

from generator.seeds.errors import BriefsError

EXIT_OK, EXIT_SEEDS, EXIT_USAGE = 0, 1, 2


def plural(count: int, word: str) -> str:
    """'1 error', '2 errors'."""
    return f"{count} {word}{'s' * (count != 1)}"


def report(error: BriefsError) -> None:
    """Print every problem, then how many there are, on stderr."""
    for problem in error.problems:
        print(problem, file=sys.stderr)
    files = len({problem.path for problem in error.problems})
    print(f"{plural(len(error.problems), 'problem')} in {plural(files, 'file')}", file=sys.stderr)
