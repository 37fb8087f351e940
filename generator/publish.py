"""Run MkDocs into a temporary folder and swap it in, so a failed build changes nothing.

The swap is two renames: site/ -> .site.old, then .site.building -> site/. A build killed
between them leaves .site.old and no site/; the next build puts .site.old back first.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.errors import ConfigError, Problem

log = logging.getLogger(__name__)

# Every MkDocs build writes it: a site_dir without it holds files that no build made.
BUILD_MARK = "sitemap.xml"


def build_site(config_file: Path) -> Path:
    """Build the site strictly into a temporary folder, then replace site_dir with it."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")  # no wall clock in the output
    probe = load_config(str(config_file))
    site_dir = Path(probe.site_dir)
    staging = site_dir.with_name(f".{site_dir.name}.building")
    retired = site_dir.with_name(f".{site_dir.name}.old")
    _restore(site_dir, retired)
    _check_replaceable(site_dir, config_file)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        build(config)
        if site_dir.exists():
            site_dir.rename(retired)
        staging.rename(site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        _restore(site_dir, retired)
    return site_dir


def _restore(site_dir: Path, retired: Path) -> None:
    """Put back the previous site if a swap was cut short; else drop the retired copy."""
    if not retired.exists():
        return
    if site_dir.exists():
        shutil.rmtree(retired)
    else:
        log.warning("restoring %s from an interrupted build", site_dir.name)
        retired.rename(site_dir)


def _check_replaceable(site_dir: Path, config_file: Path) -> None:
    """Refuse to replace a folder that is not a previous build: it may hold someone's files."""
    if not site_dir.exists() or (site_dir / BUILD_MARK).is_file():
        return
    if site_dir.is_dir() and not any(site_dir.iterdir()):
        return
    message = (
        f"site_dir '{site_dir.name}' holds files that no build made (no {BUILD_MARK}); "
        "the generator only replaces a folder it built: move them or set another site_dir"
    )
    raise ConfigError([Problem(config_file.name, 1, message)])
