"""`build` and `serve`: the site, once or as a live preview."""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException

from generator.commands import EXIT_OK, EXIT_SEEDS, EXIT_USAGE
from generator.config import BriefsConfig
from generator.internals import mkdocs_build_time
from generator.pipeline import generate
from generator.seeds import messages
from generator.site.publish import BuildReport, build_site


def build(mkdocs_config: MkDocsConfig, config: BriefsConfig, timings_json: Path | None) -> int:
    """Check every seed, then build the site into site/."""
    # Generate first, so seed problems are reported cleanly before MkDocs starts.
    gc.freeze()  # what is loaded now lives till the end: the collector need not walk it
    generated = generate(
        config,
        mkdocs_config.site_name,
        mkdocs_config.use_directory_urls,
        mkdocs_config.site_url,
    )
    gc.freeze()  # and so does the generation (tens of thousands of objects per 1,000 briefs)
    try:
        report = build_site(mkdocs_config, generated, config.epoch)
    except Abort as error:
        print(messages.BUILD_FAILED(reason=error), file=sys.stderr)
        return EXIT_SEEDS
    seconds = generated.timings.total + report.seconds
    briefs = messages.count(generated.timings.briefs, "brief")
    print(f"built {briefs} into {report.site_dir} in {seconds:.1f} s")
    if timings_json:
        timings_json.write_text(json.dumps(_timings(report), indent=2) + "\n", encoding="utf-8")
    return EXIT_OK


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
        "render": generator.render,
        "generator": generator.total,
        "mkdocs": report.seconds,
        "total": generator.total + report.seconds,
    }


def serve(config_file: Path, dev_addr: str, epoch: int) -> int:
    """Serve a live preview until interrupted; seed problems are shown, not fatal."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    try:
        with mkdocs_build_time(epoch):
            mkdocs_serve(str(config_file), dev_addr=dev_addr)
    except MkDocsException as error:  # settings the preview cannot start with
        print(f"{config_file}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(messages.SERVE_FAILED(address=dev_addr, reason=error.strerror), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
