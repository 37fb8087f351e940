"""Run MkDocs into a temporary folder and swap it in, so a failed build changes nothing.

The swap is two renames: site/ -> .site.old-<ns>, then .site.building -> site/. A build
killed between them leaves the old copy and no site/; the next build puts it back first.
Old copies are deleted in the background: thousands of files take a while. Dotfiles at
the top of site/ (`.git`, `.nojekyll`) are carried into each new site, as MkDocs' clean
keeps them.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig

from generator.internals import mkdocs_build_time
from generator.pipeline import Generated, Timings
from generator.seeds import messages
from generator.seeds.errors import ConfigError, Problem
from generator.site.cores import pages_on_every_core
from generator.site.plugin import BriefsPlugin

log = logging.getLogger(__name__)

# Every MkDocs build writes it: a site_dir without it holds files that no build made.
BUILD_MARK = "sitemap.xml"


@dataclass(frozen=True)
class BuildReport:
    """Where the site went and how long the build took."""

    site_dir: Path
    seconds: float
    generator: Timings


def build_site(config: MkDocsConfig, prepared: Generated, epoch: int) -> BuildReport:
    """Build the site into a temporary folder, then replace site_dir with it.

    `prepared` is the generator's output, handed to the plugin so seeds are read once;
    `epoch` is the build time MkDocs stamps, in seconds since 1970.
    """
    start = time.perf_counter()
    plugin = config.plugins.get("briefs")
    if isinstance(plugin, BriefsPlugin):
        plugin.prepared = prepared
    site_dir = Path(config.site_dir)
    staging = site_dir.with_name(f".{site_dir.name}.building")
    _restore(site_dir)
    _discard(_retired(site_dir))
    _check_replaceable(site_dir, Path(config.config_file_path).name)
    shutil.rmtree(staging, ignore_errors=True)  # left by a build that was killed
    config.site_dir = str(staging)
    try:
        with mkdocs_build_time(epoch), pages_on_every_core():
            build(config)
        _carry_dotfiles(site_dir, staging)
        retired = site_dir.with_name(f".{site_dir.name}.old-{time.time_ns()}")
        if site_dir.exists():
            site_dir.rename(retired)
        staging.rename(site_dir)
        _discard([retired])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        _restore(site_dir)
    return BuildReport(site_dir, time.perf_counter() - start, prepared.timings)


def _retired(site_dir: Path) -> list[Path]:
    """Previous sites set aside by swaps, oldest first."""
    return sorted(site_dir.parent.glob(f".{site_dir.name}.old-*"))


def _restore(site_dir: Path) -> None:
    """Put the newest previous site back if a swap was cut short between its renames."""
    retired = _retired(site_dir)
    if retired and not site_dir.exists():
        log.warning("restoring %s from an interrupted build", site_dir.name)
        retired[-1].rename(site_dir)


def _discard(folders: Iterable[Path]) -> None:
    """Delete old site folders in the background."""
    paths = [str(folder) for folder in folders if folder.exists()]
    if paths:
        subprocess.Popen(["rm", "-rf", "--", *paths], start_new_session=True)


def _carry_dotfiles(site_dir: Path, staging: Path) -> None:
    """Keep what MkDocs' own clean keeps: the dotfiles at the top of site_dir (.git, .nojekyll).

    They are copied as hard links, not moved: a build killed before the swap then leaves
    them where they were.
    """
    if not site_dir.is_dir():
        return
    for entry in sorted(site_dir.iterdir()):
        target = staging / entry.name
        if not entry.name.startswith(".") or os.path.lexists(target):
            continue
        if entry.is_symlink():
            os.symlink(os.readlink(entry), target)
        elif entry.is_dir():
            shutil.copytree(entry, target, symlinks=True, copy_function=_link)
        elif entry.is_file():
            _link(str(entry), str(target))


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links there
        shutil.copy2(source, target)


def _check_replaceable(site_dir: Path, config_name: str) -> None:
    """Refuse to replace a folder that is not a previous build: it may hold someone's files.

    Dotfiles alone (a fresh `.git` for publishing) are fine: every build carries them over.
    """
    if not site_dir.exists() or (site_dir / BUILD_MARK).is_file():
        return
    if site_dir.is_dir() and all(entry.name.startswith(".") for entry in site_dir.iterdir()):
        return
    message = messages.SITE_DIR_FOREIGN(name=site_dir.name, mark=BUILD_MARK)
    raise ConfigError([Problem(config_name, 1, message)])
