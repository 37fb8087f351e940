"""Run MkDocs into a temporary folder and swap it in, so a failed build changes nothing."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

log = logging.getLogger(__name__)


def build_site(config_file: Path) -> Path:
    """Build the site strictly into a temporary folder, then replace site_dir with it."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")  # no wall clock in the output
    probe = load_config(str(config_file))
    site_dir = Path(probe.site_dir)
    staging = site_dir.with_name(f".{site_dir.name}.building")
    retired = site_dir.with_name(f".{site_dir.name}.old")
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        build(config)
        if site_dir.exists():
            site_dir.rename(retired)
        staging.rename(site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)
    return site_dir
