"""Run MkDocs into a temporary folder and swap it in, so a failed build changes nothing.

The swap is two renames: site/ -> .site.old-<ns>, then .site.building-<pid> -> site/. A
build killed between them leaves the old copy and no site/; the next build puts it back
first. Old copies are deleted in the background: thousands of files take a while. Dotfiles
at the top of site/ (`.git`, `.nojekyll`) are carried into each new site, as MkDocs' clean
keeps them.

The cache is treated the same way: a build reads and writes a copy of .cache/briefs made
of hard links (cheap: every cache file is replaced whole, never edited), swapped in right
after the site. A build that fails, is interrupted or is killed leaves both as they were.
Both swaps happen under the project lock (lock.py), so the staging folders of a dead build
are known to be dead and are removed by the next one.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig

from generator.config import BriefsConfig
from generator.pipeline import Generated, Timings
from generator.seeds import messages
from generator.seeds.errors import ConfigError, Problem
from generator.site.internals import mkdocs_build_time
from generator.site.plugin import BriefsPlugin
from generator.site.quickstart import stamp
from generator.site.renderhelper import pages_on_every_core
from generator.utils import interrupts
from generator.utils.atomic import live_path, warn_damaged
from generator.utils.interrupts import deferred

log = logging.getLogger(__name__)
_ERRNO = re.compile(r"^\[Errno \d+\] ")

# Every MkDocs build writes it: a site_dir without it holds files that no build made.
BUILD_MARK = "sitemap.xml"


@dataclass(frozen=True)
class BuildReport:
    """Where the site went and how long the build took."""

    site_dir: Path
    seconds: float
    generator: Timings


def build_site(
    config: MkDocsConfig, prepared: Generated, settings: BriefsConfig, publish: Iterable[Path] = ()
) -> BuildReport:
    """Build the site into a temporary folder, then replace site_dir with it.

    `prepared` is the generator's output, handed to the plugin so seeds are read once, and
    `settings` the ones it was made with (its staged cache among them). `publish` are staged
    caches (see `staged_cache`) to swap in with the site.
    """
    start = time.perf_counter()
    plugin = config.plugins.get("briefs")
    if isinstance(plugin, BriefsPlugin):
        plugin.prepared = prepared
        plugin.staged_cache = settings.staged_cache
    site_dir = Path(config.site_dir)
    staging = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
    _restore(site_dir)
    _discard(_retired(site_dir))
    _check_replaceable(site_dir, Path(config.config_file_path).name)
    _remove(site_dir.parent.glob(f".{site_dir.name}.building*"))  # left by killed builds
    config.site_dir = str(staging)
    try:
        try:
            with mkdocs_build_time(settings.epoch), pages_on_every_core():
                build(config)
        except BaseException:  # an interrupt passes MkDocs' on_build_error by
            if isinstance(plugin, BriefsPlugin):
                plugin.stop_children()
            raise
        _carry_dotfiles(site_dir, staging)
        stamp(config, settings, prepared, staging)  # which site this is, for serve
        interrupts.check()  # the last chance not to publish
        with deferred():
            retired = site_dir.with_name(f".{site_dir.name}.old-{time.time_ns()}")
            if site_dir.exists():
                site_dir.rename(retired)
            staging.rename(site_dir)
            for cache in publish:
                _swap_in(cache)
        _discard([retired])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        _restore(site_dir)
    return BuildReport(site_dir, time.perf_counter() - start, prepared.timings)


@contextmanager
def staged_cache(settings: BriefsConfig) -> Iterator[BriefsConfig]:
    """These settings with a copy of the cache to work on; the copy is removed on leaving,
    unless `build_site` swapped it in. Hold the project lock."""
    live = settings.live_cache_dir
    staging = live.with_name(f"{live.name}.building-{os.getpid()}")
    _remove(live.parent.glob(f"{live.name}.building*"))  # left by killed builds
    _discard(live.parent.glob(f"{live.name}.old-*"))
    if live.is_symlink():  # a link to a folder elsewhere: never read or written through
        warn_damaged(live, "cache", "a link, not a folder")
    elif live.is_dir():  # a link in it is copied as a link: never the folder it leads to
        try:
            shutil.copytree(live, staging, symlinks=True, copy_function=_link)
        except shutil.Error as error:  # what could be read is staged; the rest is made again
            source, _, why = error.args[0][0]
            more = len(error.args[0]) - 1
            reason = _ERRNO.sub("", str(why)).split(": '")[0]  # "Permission denied"
            warn_damaged(Path(source), "cache", f"{reason}{f'; and {more} more' if more else ''}")
    try:
        yield replace(settings, staged_cache=staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: Path) -> None:
    """Put a staged cache in place of the live one (the folder name before `.building`)."""
    if not staging.is_dir():
        return  # the build kept nothing
    live = live_path(staging)
    retired = live.with_name(f"{live.name}.old-{time.time_ns()}")
    if os.path.lexists(live):  # a link too, even a broken one: never followed
        live.rename(retired)
    staging.rename(live)
    _discard([retired])


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # no hard links on this file system
        shutil.copy2(source, target)


def _remove(folders: Iterable[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


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
    paths = [str(folder) for folder in folders if os.path.lexists(folder)]
    if paths:
        subprocess.Popen(
            ["rm", "-rf", "--", *paths], start_new_session=True, stderr=subprocess.DEVNULL
        )  # after the build's last line: a folder it cannot remove is tried again next time


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
