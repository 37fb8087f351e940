"""Command line: `python -m generator build|check|serve`.

Exit codes: 0 ok, 1 seed or build errors, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.exceptions import Abort, ConfigurationError

from generator.config import BriefsConfig, load_config
from generator.errors import BriefsError, ConfigError
from generator.parse import load_all

EXIT_OK, EXIT_SEEDS, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Build a market-brief site from the seed files in briefs/.",
        epilog="Exit codes: 0 ok, 1 seed or build errors, 2 usage or configuration error.",
    )
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the MkDocs configuration (default: mkdocs.yml)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "build",
        help="check every seed, then build the site into site/",
        description="Check every seed, then build the site strictly into "
        "site/. A failed build leaves the previous site/ untouched.",
    )
    commands.add_parser(
        "check",
        help="validate every seed without building",
        description="Validate every seed and report each problem as path:line: message.",
    )
    serve = commands.add_parser(
        "serve",
        help="live preview that rebuilds on every change",
        description="Serve the site and rebuild it when a seed, template or page changes.",
    )
    serve.add_argument(
        "-a",
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="IP:PORT",
        help="address to serve on (default: 127.0.0.1:8000)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    try:
        config = _briefs_config(args.config_file)
        if args.command == "check":
            return _check(config)
        if args.command == "build":
            return _build(config, args.config_file)
        return _serve(args.config_file, args.dev_addr)
    except ConfigError as error:
        _report(error)
        return EXIT_USAGE
    except BriefsError as error:
        _report(error)
        return EXIT_SEEDS


def _briefs_config(config_file: Path) -> BriefsConfig:
    if not config_file.is_file():
        where = "run this from the project folder or pass --config-file"
        print(f"{config_file}: no such file; {where}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)
    try:
        mkdocs_config = load_mkdocs_config(str(config_file))
    except (ConfigurationError, Abort) as error:
        print(f"{config_file}: {error}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None
    return load_config(mkdocs_config.extra, config_file.absolute())


def _check(config: BriefsConfig) -> int:
    briefs = load_all(config)
    drafts = sum(1 for brief in briefs if brief.front.draft)
    print(f"{len(briefs)} seeds checked, no problems ({drafts} drafts)")
    return EXIT_OK


def _build(config: BriefsConfig, config_file: Path) -> int:
    from generator.publish import build_site

    briefs = load_all(config)  # fail fast, with every seed problem, before MkDocs starts
    try:
        site = build_site(config_file)
    except Abort as error:
        print(f"build failed: {error}; the previous site was left as it was", file=sys.stderr)
        return EXIT_SEEDS
    print(f"built {sum(1 for b in briefs if not b.front.draft)} briefs into {site}")
    return EXIT_OK


def _serve(config_file: Path, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve

    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    serve(str(config_file), dev_addr=dev_addr)
    return EXIT_OK


def _report(error: BriefsError) -> None:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    files = len({problem.path for problem in error.problems})
    count = len(error.problems)
    print(
        f"{count} problem{'s' * (count != 1)} in {files} file{'s' * (files != 1)}", file=sys.stderr
    )
