"""Run MkDocs into a temporary folder and swap it in, so a failed build changes nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig

from generator.pipeline import Generated, Timings
from generator.plugin import BriefsPlugin


@dataclass(frozen=True)
class BuildReport:
    """Where the site went and how long the build took."""

    site_dir: Path
    seconds: float
    generator: Timings


def _discard(folders: Iterable[Path]) -> None:
    """Delete old site folders in the background: thousands of files take a while."""
    paths = [str(folder) for folder in folders]
    if paths:
        subprocess.Popen(["rm", "-rf", "--", *paths], start_new_session=True)


def build_site(config: MkDocsConfig, prepared: Generated) -> BuildReport:
    """Build the site into a temporary folder, then replace site_dir with it.

    `prepared` is the generator's output, handed to the plugin so seeds are read once.
    """
    start = time.perf_counter()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")  # no wall clock in the output
    plugin = config.plugins.get("briefs")
    if isinstance(plugin, BriefsPlugin):
        plugin.prepared = prepared
    site_dir = Path(config.site_dir)
    staging = site_dir.with_name(f".{site_dir.name}.building")
    shutil.rmtree(staging, ignore_errors=True)  # left by a build that was killed
    _discard(site_dir.parent.glob(f".{site_dir.name}.old-*"))
    config.site_dir = str(staging)
    try:
        build(config)
        if site_dir.exists():
            retired = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}-{time.time_ns()}")
            site_dir.rename(retired)
            _discard([retired])
        staging.rename(site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildReport(site_dir, time.perf_counter() - start, prepared.timings)
