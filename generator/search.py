"""Full-text search with Pagefind: the only module that runs it.

Pagefind splits the index into fragments that the browser fetches per query, so the
first search downloads a few hundred kilobytes however many briefs there are, where
Material's own search would download the whole index (megabytes) on every page.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def index_site(site_dir: Path) -> None:
    """Write the Pagefind index into `site_dir/pagefind/`."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise PluginError(f"search indexing with Pagefind failed: {output}")
    log.info("search index written to %s", site_dir / "pagefind")
