"""What publishing costs: a CI build that starts warm, and the site as GitHub Pages gets it.

`ci_warm` is the build `.github/workflows/publish.yml` runs after a push that edits one
seed: a fresh checkout (another folder, new file times, no site/) whose `.cache` is
restored from a tarball of the previous build's. `site_size` measures a built site:
`du -sb`, the bytes of the tar that upload-pages-artifact makes of it, and its files.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB."
PAGES_LIMIT = 1_000_000_000
PROJECT_FILES = ("briefs", "docs", "templates", "mkdocs.yml")


@dataclass(frozen=True)
class SiteSize:
    """One built site's size, three ways."""

    du_bytes: int  # `du -sb`: files and folders, as a disk holds them
    tar_bytes: int  # `tar -cf` of the folder, as upload-pages-artifact packs it
    files: int


def site_size(site: Path) -> SiteSize:
    """Measure a built site."""
    du = subprocess.run(["du", "-sb", str(site)], check=True, capture_output=True, text=True)
    # upload-pages-artifact: tar --dereference --hard-dereference -cf ... --exclude=.git(hub)
    command = ["tar", "--dereference", "--hard-dereference", "--exclude=.git"]
    command += ["--exclude=.github", "-C", str(site), "-cf", "-", "."]
    tar = subprocess.Popen(command, stdout=subprocess.PIPE)
    assert tar.stdout is not None
    tar_bytes = 0
    while chunk := tar.stdout.read(1 << 20):
        tar_bytes += len(chunk)
    if tar.wait() != 0:
        raise SystemExit(f"tar of {site} failed")
    files = sum(1 for path in site.rglob("*") if path.is_file())
    return SiteSize(int(du.stdout.split()[0]), tar_bytes, files)


def per_brief(large: SiteSize, small: SiteSize, size: int) -> dict[str, float]:
    """What each brief past the first adds, and how many fit in GitHub Pages' 1 GB."""
    added = size - 1
    tar_rate = (large.tar_bytes - small.tar_bytes) / added
    return {
        "du_bytes_per_brief": (large.du_bytes - small.du_bytes) / added,
        "tar_bytes_per_brief": tar_rate,
        "files_per_brief": (large.files - small.files) / added,
        "tar_bytes": large.tar_bytes,
        "du_bytes": large.du_bytes,
        "files": large.files,
        "briefs_per_gb": (PAGES_LIMIT - small.tar_bytes) / tar_rate + 1,
    }


def pack_cache(project: Path, tarball: Path) -> None:
    """The `.cache` of the last build as CI saves it."""
    with tarfile.open(tarball, "w") as archive:
        archive.add(project / ".cache", arcname=".cache")


def fresh_checkout(project: Path, target: Path, tarball: Path) -> Path:
    """A copy of the project's sources elsewhere, new file times, the cache restored."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = project / name
        if source.is_dir():
            shutil.copytree(source, target / name, copy_function=shutil.copy)
        else:
            shutil.copy(source, target / name)
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target


def edit_one_seed(briefs: Path, take: int) -> None:
    """Change the article of the seed in the middle, as a push that edits one brief does."""
    seeds = sorted(briefs.glob("*.txt"))
    seed = seeds[len(seeds) // 2]
    head, _, body = seed.read_text(encoding="utf-8").partition("\n\n")
    seed.write_text(f"{head}\n\nEdited in CI, take {take}. {body}", "utf-8")


def ci_warm(
    project: Path, work: Path, runs: int, build: Callable[[Path], dict[str, Any]]
) -> list[dict[str, Any]]:
    """`runs` CI builds, each in a fresh checkout with the cache restored and one seed edited."""
    tarball = work / "cache.tar"
    pack_cache(project, tarball)
    results = []
    for take in range(runs):
        checkout = fresh_checkout(project, work / f"checkout-{take}", tarball)
        edit_one_seed(checkout / "briefs", take)
        results.append(build(checkout))
        shutil.rmtree(checkout)
    tarball.unlink()
    return results
