"""Command line: `python -m generator build|check|serve`.

Exit codes: 0 ok, 1 seed or build errors, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from generator.config import BriefsConfig, load_config
from generator.errors import BriefsError, ConfigError
from generator.parse import load_all
from generator.pipeline import generate
from generator.publish import BuildReport, build_site

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
    build = commands.add_parser(
        "build",
        help="check every seed, then build the site into site/",
        description="Check every seed, then build the site strictly into "
        "site/. A failed build leaves the previous site/ untouched.",
    )
    build.add_argument(
        "--timings-json",
        type=Path,
        metavar="FILE",
        help="write the time each stage took to FILE (for benchmarks)",
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
        mkdocs_config, config = _load_configs(args.config_file)
        if args.command == "check":
            return _check(config)
        if args.command == "build":
            return _build(mkdocs_config, config, args.timings_json)
        return _serve(args.config_file, args.dev_addr)
    except ConfigError as error:
        _report(error)
        return EXIT_USAGE
    except BriefsError as error:
        _report(error)
        return EXIT_SEEDS


def _load_configs(config_file: Path) -> tuple[MkDocsConfig, BriefsConfig]:
    if not config_file.is_file():
        where = "run this from the project folder or pass --config-file"
        print(f"{config_file}: no such file; {where}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)
    try:
        mkdocs_config = load_mkdocs_config(str(config_file), strict=True)
    except (ConfigurationError, Abort) as error:
        print(f"{config_file}: {error}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None
    return mkdocs_config, load_config(mkdocs_config.extra, config_file.absolute())


def _check(config: BriefsConfig) -> int:
    briefs = load_all(config)
    drafts = sum(1 for brief in briefs if brief.front.draft)
    print(f"{len(briefs)} seeds checked, no problems ({drafts} drafts)")
    return EXIT_OK


def _build(mkdocs_config: MkDocsConfig, config: BriefsConfig, timings_json: Path | None) -> int:
    # Generate first, so seed problems are reported cleanly before MkDocs starts.
    generated = generate(
        config,
        mkdocs_config.site_name,
        mkdocs_config.use_directory_urls,
        mkdocs_config.site_url,
    )
    try:
        report = build_site(mkdocs_config, generated)
    except Abort as error:
        print(f"build failed: {error}; the previous site was left as it was", file=sys.stderr)
        return EXIT_SEEDS
    published = generated.timings.briefs
    seconds = generated.timings.total + report.seconds
    print(f"built {published} briefs into {report.site_dir} in {seconds:.1f} s")
    if timings_json:
        timings_json.write_text(json.dumps(_timings(report), indent=2) + "\n", encoding="utf-8")
    return EXIT_OK


def _timings(report: BuildReport) -> dict[str, float | int]:
    generator = report.generator
    spent = generator.total
    return {
        "briefs": generator.briefs,
        "summarized": generator.enrich.computed,
        "cached": generator.enrich.cached,
        "parse": generator.parse,
        "enrich": generator.enrich.wall,
        "summarize_busy": generator.enrich.summarize,
        "readability_busy": generator.enrich.readability,
        "render": generator.render,
        "generator": spent,
        "mkdocs": report.seconds,
        "total": spent + report.seconds,
    }


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
