"""Build benchmark: our generator against Material's blog plugin on the same articles.

    python bench/run.py [--sizes 100 1000] [--runs 3] [--no-blog]

For each size N it builds N seeds made from ../shared/corpus/crypto-news-2023.jsonl:
cold (no cache, no site), warm (nothing changed), as CI does after a push that edits one
seed (a fresh checkout elsewhere, `.cache` restored from a tarball of the last build's) and
after editing one seed in place, then the same articles as Material blog posts. It prints
medians per stage, peak RSS, the site's size per brief past the first (`du -sb`, and the
tar GitHub Pages receives), files per brief, how many briefs fit in Pages' 1 GB, and the
ratios ours/blog, and writes bench/results/bench-N.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from blog import write_blog_project
from corpus import write_seeds
from publishing import ci_warm, per_brief, site_size
from search import QUERIES
from search import measure as measure_search

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable


def tree_memory_kb(root: int) -> tuple[int, int]:
    """Resident KB of a process and all its descendants, read from /proc: the sum of their
    RSS, which counts pages shared after a fork once per process, and of their PSS, which
    divides each shared page among the processes sharing it."""
    parents: dict[int, int] = {}
    sizes: dict[int, tuple[int, int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            rollup = (entry / "smaps_rollup").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
        fields = dict(line.split(":", 1) for line in rollup.splitlines() if ":" in line)
        rss, pss = (int(fields.get(name, "0 kB").split()[0]) for name in ("Rss", "Pss"))
        sizes[int(entry.name)] = (rss, pss)
    members, changed = {root}, True
    while changed:
        grown = members | {pid for pid, parent in parents.items() if parent in members}
        changed, members = grown != members, grown
    found = [sizes.get(pid, (0, 0)) for pid in members]
    return sum(rss for rss, _ in found), sum(pss for _, pss in found)


def run(command: list[str], cwd: Path) -> tuple[float, int, int, int]:
    """Run a command: wall seconds, the peak RSS in MB of its largest process (wait4), and
    the peaks of all its processes together in MB, as summed RSS and as summed PSS (both
    sampled every 0.25 s)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.25):
            rss, pss = tree_memory_kb(process.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read().decode() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    largest = usage.ru_maxrss
    return seconds, largest // 1024, max(peak[0], largest) // 1024, max(peak[1], largest) // 1024


def tree_bytes(path: Path) -> int:
    """Bytes of every file under `path`."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def our_project(work: Path, size: int, name: str = "ours") -> Path:
    """A copy of this project's configuration with `size` corpus seeds."""
    project = work / name
    for name in ("docs", "templates"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    write_seeds(size, project / "briefs")
    return project


def build_ours(project: Path, timings: Path) -> dict[str, Any]:
    """One `python -m generator build`, with its stage timings."""
    seconds, rss, rss_all, pss_all = run(
        [
            PYTHON,
            "-m",
            "generator",
            "-f",
            str(project / "mkdocs.yml"),
            "build",
            "--timings-json",
            str(timings),
        ],
        ROOT,
    )
    result = json.loads(timings.read_text(encoding="utf-8"))
    return {
        **result,
        "wall": seconds,
        "rss_mb": rss,
        "rss_all_mb": rss_all,
        "pss_all_mb": pss_all,
    }


def median_of(runs: list[dict[str, Any]]) -> dict[str, float]:
    """Median of every numeric field over the runs."""
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def build_blog(blog: Path) -> dict[str, Any]:
    """One `mkdocs build` of the anchor, from an empty site folder."""
    shutil.rmtree(blog / "site", ignore_errors=True)
    seconds, rss, rss_all, pss_all = run(
        [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(blog / "mkdocs.yml")], ROOT
    )
    return {"wall": seconds, "rss_mb": rss, "rss_all_mb": rss_all, "pss_all_mb": pss_all}


def bench(size: int, runs: int, blog_runs_wanted: int, with_search: bool) -> dict[str, Any]:
    """Every measurement for one corpus size.

    When the anchor runs as often as ours, each of its runs follows one of our cold and
    warm runs, so both see the same minutes of a shared, noisy machine; the ratios are
    then also given per pair. Otherwise (10,000 briefs) it runs after ours.
    """
    with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as scratch:
        work = Path(scratch)
        project = our_project(work, size)
        blog = write_blog_project(work / "blog", size) if blog_runs_wanted else None
        interleaved = blog is not None and blog_runs_wanted >= runs
        timings = work / "timings.json"
        cold, warm, edited, blog_runs = [], [], [], []
        for _ in range(runs):
            shutil.rmtree(project / ".cache", ignore_errors=True)
            shutil.rmtree(project / "site", ignore_errors=True)
            cold.append(build_ours(project, timings))
            warm.append(build_ours(project, timings))
            if interleaved and blog is not None:
                blog_runs.append(build_blog(blog))
        site_bytes = tree_bytes(project / "site")
        one = our_project(work, 1, "one-brief")
        build_ours(one, timings)
        sizes = per_brief(site_size(project / "site"), site_size(one / "site"), size)
        search = measure_search(project / "site", QUERIES) if with_search else None
        warm_ci = ci_warm(project, work, runs, lambda checkout: build_ours(checkout, timings))
        seed = sorted((project / "briefs").glob("*.txt"))[size // 2]
        for index in range(runs):
            head, _, body = seed.read_text(encoding="utf-8").partition("\n\n")
            seed.write_text(f"{head}\n\nEdited article, take {index}. {body}", "utf-8")
            edited.append(build_ours(project, timings))
        result: dict[str, Any] = {
            "size": size,
            "runs": runs,
            "cold": median_of(cold),
            "warm": median_of(warm),
            "one_edited": median_of(edited),
            "ci_warm": median_of(warm_ci),
            "site_bytes_per_brief": site_bytes / size,
            "site": sizes,
        }
        if search:
            result["search"] = search
        if blog is None:
            return result
        if not interleaved:
            (RESULTS / f"bench-{size}.json").write_text(json.dumps(result, indent=2) + "\n")
            print(table(result), flush=True)  # ours, before the slow anchor
        while len(blog_runs) < blog_runs_wanted:
            blog_runs.append(build_blog(blog))
        result["blog"] = {
            **median_of(blog_runs),
            "runs": len(blog_runs),
            "site_bytes_per_post": tree_bytes(blog / "site") / size,
        }
        if interleaved:
            result["pairs"] = {
                "cold_over_blog": [
                    c["wall"] / b["wall"] for c, b in zip(cold, blog_runs[:runs], strict=True)
                ],
                "warm_over_blog": [
                    w["wall"] / b["wall"] for w, b in zip(warm, blog_runs[:runs], strict=True)
                ],
            }
        return result


def table(result: dict[str, Any]) -> str:
    """A human-readable summary of one size."""
    cold, warm, edited = result["cold"], result["warm"], result["one_edited"]
    lines = [
        f"N = {result['size']:,} (medians of {result['runs']} runs"
        + (f"; blog plugin: {result['blog']['runs']} runs)" if "blog" in result else ")"),
        f"  {'':14}{'parse':>7}{'enrich':>8}{'render':>8}{'mkdocs':>8}{'total':>8}{'wall':>8}"
        f"{'RSS MB':>8}{'all MB':>8}{'PSS MB':>8}",
    ]
    ci = result["ci_warm"]
    rows = (("cold", cold), ("warm", warm), ("CI warm", ci), ("one edited", edited))
    for name, row in rows:
        lines.append(
            f"  {name:14}{row['parse']:7.2f}{row['enrich']:8.2f}{row['render']:8.2f}"
            f"{row['mkdocs']:8.2f}{row['total']:8.2f}{row['wall']:8.2f}{row['rss_mb']:8.0f}"
            f"{row['rss_all_mb']:8.0f}{row['pss_all_mb']:8.0f}"
        )
    lines.append(
        "  RSS MB: peak of the largest process (the build or Pagefind); all MB: peak of "
        "the RSS of all its processes summed (pages shared after a fork count once per "
        "process); PSS MB: the same summed as PSS (shared pages divided among sharers)"
    )
    lines.append(
        f"  cold summarize busy {cold['summarize_busy']:.2f} s, readability busy "
        f"{cold['readability_busy']:.2f} s, assets and tone busy "
        f"{cold.get('reading_busy', 0.0):.2f} s (summed over workers); one edited "
        f"re-summarized {edited['summarized']:.0f}"
    )
    site = result["site"]
    lines.append(
        f"  CI warm (fresh checkout, .cache restored, one seed edited): {ci['wall']:.2f} s, "
        f"{ci['wall'] / cold['wall']:.2f} of cold; re-summarized {ci['summarized']:.0f}"
    )
    lines.append(
        f"  site: {site['du_bytes_per_brief'] / 1024:.1f} KB per brief past the first (du -sb; "
        f"{result['site_bytes_per_brief'] / 1024:.1f} KB of files per brief); tar for Pages "
        f"{site['tar_bytes'] / 1e6:.1f} MB, {site['tar_bytes_per_brief'] / 1024:.1f} KB per "
        f"brief; {site['files_per_brief']:.2f} files per brief; "
        f"{site['briefs_per_gb']:,.0f} briefs fit in 1 GB at this rate"
    )
    if "search" in result:
        search = result["search"]
        lines.append(
            f"  first search: at most {search['max_bytes'] / 1024:.0f} KB downloaded; "
            f"results {search['median_ms']:.0f} ms after the last keystroke (median "
            f"of {len(search['runs'])} queries, max {search['max_ms']:.0f} ms)"
        )
    if "blog" in result:
        blog = result["blog"]
        lines.append(
            f"  blog plugin: {blog['wall']:.2f} s, {blog['rss_mb']:.0f} MB RSS, "
            f"{blog['site_bytes_per_post'] / 1024:.1f} KB per post"
        )
        lines.append(
            f"  ratio ours/blog: cold {cold['wall'] / blog['wall']:.2f}, "
            f"warm {warm['wall'] / blog['wall']:.2f} (of the medians)"
        )
        if "pairs" in result:
            pairs = result["pairs"]
            lines.append(
                "  per interleaved pair: cold "
                + ", ".join(f"{r:.2f}" for r in pairs["cold_over_blog"])
                + f" (median {statistics.median(pairs['cold_over_blog']):.2f}); warm median "
                f"{statistics.median(pairs['warm_over_blog']):.2f}"
            )
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark for every requested size."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-blog", action="store_true", help="skip the blog-plugin anchor")
    parser.add_argument("--blog-runs", type=int, help="runs of the anchor (default: --runs)")
    parser.add_argument("--search", action="store_true", help="measure the first search too")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        blog_runs = 0 if args.no_blog else args.blog_runs or args.runs
        result = bench(size, args.runs, blog_runs, args.search)
        (RESULTS / f"bench-{size}.json").write_text(json.dumps(result, indent=2) + "\n")
        print(table(result), flush=True)


if __name__ == "__main__":
    main()
