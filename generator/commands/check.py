"""`check`: validate seeds without building, for people (text) or tools (JSON)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.commands import EXIT_OK, EXIT_SEEDS, plural
from generator.config import BriefsConfig
from generator.lint import Report, check
from generator.seeds import messages

SCHEMA_VERSION = 1


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given, and the seed files (`*.txt`) inside each folder."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.glob("*.txt") if not p.name.startswith("."))
        else:
            found.append(path)
    return found


def run(config: BriefsConfig, paths: Sequence[Path], strict: bool, output: str) -> int:
    """Check the seeds in `paths` (all of briefs/ when empty) and print the report."""
    report = check(config, expand(paths) if paths else None, strict=strict)
    if output == "json":
        print(json.dumps(as_json(report), ensure_ascii=False, indent=2))
    else:
        print_text(report)
    return EXIT_OK if report.ok else EXIT_SEEDS


def print_text(report: Report) -> None:
    """Problems on stderr as `path:line: message`, warnings marked; drafts and totals on stdout."""
    found = [(p, "") for p in report.errors] + [(p, "warning: ") for p in report.warnings]
    for problem, kind in sorted(found):
        print(f"{problem.path}:{problem.line}: {kind}{problem.message}", file=sys.stderr)
    for path in report.drafts:
        print(f"draft: {path} (shown by serve, left out of build)")
    print(
        f"{plural(report.seeds, 'seed')} checked: {plural(len(report.errors), 'error')}, "
        f"{plural(len(report.warnings), 'warning')}, {plural(len(report.drafts), 'draft')}"
    )


def as_json(report: Report) -> dict[str, object]:
    """The report as documented in docs/authoring.md, for editors and CI annotations."""
    found = [(p, "error") for p in report.errors] + [(p, "warning") for p in report.warnings]
    return {
        "schema_version": SCHEMA_VERSION,
        "ok": report.ok,
        "seeds": report.seeds,
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "severity": severity,
                "code": messages.code_of(p.message),
                "message": p.message,
            }
            for p, severity in sorted(found)
        ],
        "drafts": list(report.drafts),
    }
