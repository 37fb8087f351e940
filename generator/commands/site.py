"""`build` and `serve`: the site, once or as a live preview."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.exceptions import Abort, MkDocsException

from generator import messages
from generator.commands import EXIT_OK, EXIT_SEEDS, EXIT_USAGE
from generator.config import BriefsConfig
from generator.parse import load_all


def build(config: BriefsConfig, config_file: Path) -> int:
    """Check every seed, then build the site into site/."""
    from generator.publish import build_site

    briefs = load_all(config)  # fail fast, with every seed problem, before MkDocs starts
    try:
        site = build_site(config_file)
    except Abort as error:
        print(messages.BUILD_FAILED(reason=error), file=sys.stderr)
        return EXIT_SEEDS
    print(f"built {sum(1 for b in briefs if not b.front.draft)} briefs into {site}")
    return EXIT_OK


def serve(config_file: Path, dev_addr: str) -> int:
    """Serve a live preview until interrupted; seed problems are shown, not fatal."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    try:
        mkdocs_serve(str(config_file), dev_addr=dev_addr)
    except MkDocsException as error:  # settings the preview cannot start with
        print(f"{config_file}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(messages.SERVE_FAILED(address=dev_addr, reason=error.strerror), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
