"""`build` and `serve`: the site, once or as a live preview."""

from __future__ import annotations

import errno
import gc
import json
import logging
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException

from generator.commands import EXIT_OK, EXIT_SEEDS, EXIT_USAGE
from generator.config import BriefsConfig
from generator.pipeline import generate
from generator.seeds import messages
from generator.site.internals import mkdocs_build_time
from generator.site.lock import project_lock
from generator.site.publish import BuildReport, build_site, staged_cache
from generator.site.themeerror import ThemeFailed, said_as, shown, theme_failures
from generator.utils.atomic import live_path
from generator.utils.children import ChildDied
from generator.utils.interrupts import Interrupted, interruptible

_BUILD_ERROR = "Aborted with a BuildError!"  # MkDocs' words, for an error it logged


def build(mkdocs_config: MkDocsConfig, config: BriefsConfig, timings_json: Path | None) -> int:
    """Check every seed, then build the site into site/; one line says why if it cannot."""
    try:
        theme = theme_failures(
            mkdocs_config.theme.dirs, config.root, said_as(messages.THEME_FAILED)
        )
        with interruptible(), project_lock(config.root), staged_cache(config) as staged, theme:
            report = _build(mkdocs_config, staged)
    except ThemeFailed as error:  # before Abort, which it is: where a template failed
        print(error, file=sys.stderr)
        return EXIT_SEEDS
    except Abort as error:  # MkDocs logged the error that stopped it just before
        reason = "the error above" if str(error) == _BUILD_ERROR else str(error)
        print(messages.BUILD_FAILED(reason=reason), file=sys.stderr)
        return EXIT_SEEDS
    except ChildDied as error:
        print(messages.CHILD_DIED(what=error.what, reason=error.reason), file=sys.stderr)
        return EXIT_SEEDS
    except Interrupted as error:
        print(messages.INTERRUPTED(signal=error), file=sys.stderr)
        return error.exit_code
    except OSError as error:  # the disk, not the seeds: still one line, and nothing changed
        path = shown(error.filename, config.root)
        reason = error.strerror or type(error).__name__
        if error.errno == errno.ENOSPC:
            print(messages.NO_SPACE(path=path), file=sys.stderr)
        elif _written(error.filename, mkdocs_config, config):
            print(messages.CANNOT_WRITE(path=path, reason=reason), file=sys.stderr)
        else:  # a file of the project's own, such as one under docs/ or templates/
            print(messages.CANNOT_READ(path=path, reason=reason), file=sys.stderr)
        return EXIT_SEEDS
    generator = report.generator
    seconds = generator.total + report.seconds
    briefs = messages.count(generator.briefs, "brief")
    print(f"built {briefs} into {report.site_dir} in {seconds:.1f} s")
    if timings_json:
        timings_json.write_text(json.dumps(_timings(report), indent=2) + "\n", encoding="utf-8")
    return EXIT_OK


def _written(filename: object, mkdocs_config: MkDocsConfig, config: BriefsConfig) -> bool:
    """Whether a build writes the file an error names: the site (as staged), or the cache."""
    if not isinstance(filename, str | bytes | os.PathLike):
        return True  # nothing to tell by: the build's own writes are the likelier
    path = live_path(Path(os.fsdecode(filename)).absolute())
    site = live_path(Path(mkdocs_config.site_dir).absolute())  # it names the staged one now
    made = (site, config.live_cache_dir.parent.absolute())
    return any(path.is_relative_to(folder) for folder in made)


def _build(mkdocs_config: MkDocsConfig, config: BriefsConfig) -> BuildReport:
    # Generate first, so seed problems are reported cleanly before MkDocs starts.
    gc.freeze()  # what is loaded now lives till the end: the collector need not walk it
    generated = generate(
        config,
        mkdocs_config.site_name,
        mkdocs_config.use_directory_urls,
        mkdocs_config.site_url,
    )
    gc.freeze()  # and so does the generation (tens of thousands of objects per 1,000 briefs)
    assert config.staged_cache is not None
    return build_site(mkdocs_config, generated, config, publish=[config.staged_cache])


def _timings(report: BuildReport) -> dict[str, float | int]:
    generator = report.generator
    return {
        "briefs": generator.briefs,
        "summarized": generator.enrich.computed,
        "cached": generator.enrich.cached,
        "parse": generator.parse,
        "enrich": generator.enrich.wall,
        "summarize_busy": generator.enrich.summarize,
        "readability_busy": generator.enrich.readability,
        "reading_busy": generator.enrich.reading,
        "render": generator.render,
        "generator": generator.total,
        "mkdocs": report.seconds,
        "total": generator.total + report.seconds,
    }


def serve(mkdocs_config: MkDocsConfig, config: BriefsConfig, dev_addr: str) -> int:
    """Serve a live preview until interrupted; seed problems are shown, not fatal. Pages
    keep `site_url`, the site's own address (see BriefsPlugin.published_url), and the last
    build's are served until the first rebuild is done, if they are what it will show."""
    from generator.site.plugin import BriefsPlugin
    from generator.site.quickstart import current_site, serve_preview

    BriefsPlugin.published_url = mkdocs_config.site_url
    config_file = Path(mkdocs_config.config_file_path)
    watched = [str(config.briefs_path), str(config.templates_path)]
    try:
        with mkdocs_build_time(config.epoch):
            early = current_site(mkdocs_config, config)
            # Dirty: the output folder is kept, and only what changed is built (preview.py).
            serve_preview(config_file, dev_addr, early, watched)
    except KeyboardInterrupt:  # before the server started: as after
        logging.getLogger(__name__).info("Shutting down...")
    except ThemeFailed as error:  # in the first build: as `build` says it
        print(error, file=sys.stderr)
        return EXIT_SEEDS
    except MkDocsException as error:  # settings the preview cannot start with
        print(f"{config_file}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(messages.SERVE_FAILED(address=dev_addr, reason=error.strerror), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
