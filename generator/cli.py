"""Command line: `python -m generator build|check|new|serve|stats`.

Exit codes: 0 ok, 1 seed or build errors, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from generator.commands import EXIT_SEEDS, EXIT_USAGE, report, stats
from generator.config import BriefsConfig, load_config
from generator.internals import check_versions
from generator.seeds import messages
from generator.seeds.errors import BriefsError, ConfigError, did_you_mean, one_of
from generator.seeds.files import irregular
from generator.seeds.model import Sentiment
from generator.utils.atomic import cache_folder
from generator.utils.interrupts import Interrupted, interruptible

EXIT_CODES = "Exit codes: 0 ok, 1 seed or build errors, 2 usage or configuration error."


def parser() -> argparse.ArgumentParser:
    """The argument parser, with help at every level."""
    top = argparse.ArgumentParser(
        prog="python -m generator",
        description="Build a market-brief site from the seed files in briefs/.",
        epilog=EXIT_CODES,
    )
    top.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the MkDocs configuration (default: mkdocs.yml)",
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=description, epilog=EXIT_CODES)
        sub.set_defaults(parser=sub)  # so that usage errors show this command's usage
        return sub

    building = command(
        "build",
        "check every seed, then build the site into site/",
        "Check every seed, then build the site strictly into site/. Drafts are left out. "
        "A failed build leaves the previous site/ untouched.",
    )
    building.add_argument(
        "--timings-json",
        type=Path,
        metavar="FILE",
        help="write the seconds each stage took to FILE (for benchmarks)",
    )
    checking = command(
        "check",
        "validate seeds without building",
        "Validate seeds and report each problem as path:line: message, with warnings "
        "about suspicious content and a list of drafts.",
    )
    checking.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="seed files or folders (default: all)"
    )
    checking.add_argument("--strict", action="store_true", help="treat warnings as errors")
    checking.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for editors and CI",
    )
    creating = command(
        "new",
        "start a new seed in briefs/ and print its path",
        "Write a new seed with the next number, a fresh id, the headline and marked "
        "placeholders to replace. Never overwrites a file.",
    )
    creating.add_argument("headline", help='the headline, in quotes: "Bitcoin Tops $100k"')
    creating.add_argument(
        "--sentiment", default="Neutral", help="the sentiment label (default: Neutral)"
    )
    creating.add_argument(
        "--date", type=_iso_date, help="publication date, YYYY-MM-DD (default: today)"
    )
    serving = command(
        "serve",
        "live preview that rebuilds on every change",
        "Serve the site, drafts included, and rebuild and reload the browser when a seed, "
        "template or page changes. An invalid seed's problems are shown on its page.",
    )
    serving.add_argument(
        "-a",
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="IP:PORT",
        help="address to serve on (default: 127.0.0.1:8000)",
    )
    command(
        "stats",
        "count briefs by sentiment, undated and draft",
        "Count the published briefs by sentiment, the undated ones and the drafts.",
    )
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = parser().parse_args(argv)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    if args.command == "serve":  # MkDocs' server stops on Ctrl-C itself
        return _run(args)
    try:
        with interruptible():  # a Ctrl-C before the build's own handling is one line too
            return _run(args)
    except Interrupted as error:
        print(messages.INTERRUPTED(signal=error), file=sys.stderr)
        return error.exit_code


def _run(args: argparse.Namespace) -> int:
    usage: argparse.ArgumentParser = args.parser
    try:
        check_versions()
        mkdocs_config, config = _load_configs(args.config_file)
        if args.command in ("build", "check", "serve"):  # never through a link elsewhere
            cache_folder(config.live_cache_dir, "cache")
        if args.command == "check":
            missing = [path for path in args.paths if not os.path.lexists(path)]  # links: checked
            if missing:
                usage.error(f"{missing[0]}: {messages.NO_SUCH_PATH()}")
            from generator.commands import check  # lint imports the summarizer: only here

            return check.run(config, args.paths, args.strict, args.format)
        if args.command == "new":
            headline = " ".join(args.headline.split())
            if not headline:
                usage.error(messages.EMPTY_HEADLINE())
            sentiment = _sentiment(usage, args.sentiment, config.sentiments)
            from generator.commands import new

            return new.run(config, headline, sentiment, args.date)
        if args.command == "stats":
            return stats.run(config)
        from generator.commands import site  # MkDocs' build and the pipeline: only here

        if args.command == "build":
            return site.build(mkdocs_config, config, args.timings_json)
        return site.serve(mkdocs_config, config, args.dev_addr)
    except ConfigError as error:
        report(error)
        return EXIT_USAGE
    except BriefsError as error:
        report(error)
        return EXIT_SEEDS


def _load_configs(config_file: Path) -> tuple[MkDocsConfig, BriefsConfig]:
    try:
        regular = config_file.is_file()
    except OSError as error:  # a folder on the way that cannot be searched
        print(f"{config_file}: {error.strerror or error}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None
    if not regular:
        found = irregular(config_file)  # a FIFO, a device, a folder, a broken link
        message = messages.CONFIG_SPECIAL(kind=found) if found else messages.NO_CONFIG_FILE()
        print(f"{config_file}: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)
    try:
        for _ in range(3):  # the digest of the bytes it was loaded from: read before and after
            before = hashlib.sha256(config_file.read_bytes()).hexdigest()
            mkdocs_config = load_mkdocs_config(str(config_file), strict=True)
            if hashlib.sha256(config_file.read_bytes()).hexdigest() == before:
                break
    except (ConfigurationError, Abort) as error:
        print(f"{config_file}: {error}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None
    except OSError as error:
        print(f"{config_file}: {error.strerror or error}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None
    config = load_config(mkdocs_config.extra, config_file.absolute())
    return mkdocs_config, replace(config, settings_digest=before)


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(messages.DATE_VALUE(value=text)) from None


def _sentiment(
    usage: argparse.ArgumentParser, name: str, sentiments: Sequence[Sentiment]
) -> Sentiment:
    for sentiment in sentiments:
        if sentiment.name.casefold() == name.strip().casefold():
            return sentiment
    names = [s.name for s in sentiments]
    hint = did_you_mean(name, names)
    usage.error(messages.UNKNOWN_SENTIMENT(received=name, expected=one_of(names), hint=hint))
