"""Benchmark: one ~900 KB seed with thousands of sentences, through the generator.

Prints seconds and peak memory (max RSS) for two figures:
  seed   parse + enrich (summary, readability) + render the brief's page, in this process;
  build  a whole `python -m generator build` of a project holding only that seed.

    .venv/bin/python bench/big_article.py            # both figures
    .venv/bin/python bench/big_article.py seed       # one of them
"""

from __future__ import annotations

import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VOCABULARY = (
    "market price bitcoin fund inflow trader rate bank yield bond equity rally selloff "
    "analyst demand supply volatility dollar euro oil gold said on Monday the of and to"
)
WORDS = VOCABULARY.split()


def big_seed(target_bytes: int = 900_000) -> bytes:
    """A seed whose article is `target_bytes` of sentences in paragraphs of eight."""
    rng = random.Random(7)
    sentences: list[str] = []
    size = 0
    while size < target_bytes:
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 25))]
        sentence = " ".join(words).capitalize() + rng.choice(".!?.")
        sentences.append(sentence)
        size += len(sentence) + 1
    paragraphs = [" ".join(sentences[i : i + 8]) for i in range(0, len(sentences), 8)]
    article = "\n\n".join(paragraphs)
    text = f"A Very Long Market Article\n\n{article}\n\nBullish\n\nInflows support prices.\n"
    return text.encode("utf-8")


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def seed_figure(data: bytes) -> None:
    from generator.config import BriefsConfig
    from generator.enrich.enrichment import enrich_all
    from generator.pages.builder import PageBuilder
    from generator.seeds.parse import loads

    config = BriefsConfig(root=ROOT)
    before = peak_mb(resource.RUSAGE_SELF)
    start = time.perf_counter()
    brief = loads(data, "briefs/900_big.txt", "900_big", config.sentiments)
    (item,) = enrich_all([brief], config)
    page = PageBuilder(config, "Market Briefs", True).brief(item)
    seconds = time.perf_counter() - start
    print(
        f"seed: {len(data):,} bytes, {len(brief.article)} paragraphs, "
        f"{item.readability.word_count:,} words, page {len(page.content):,} chars; "
        f"{seconds:.2f} s, peak RSS {peak_mb(resource.RUSAGE_SELF):.0f} MB "
        f"(imports alone {before:.0f} MB)"
    )


def build_figure(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for name in ("docs", "templates"):
            shutil.copytree(ROOT / name, project / name)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        (project / "briefs").mkdir()
        (project / "briefs/900_big.txt").write_bytes(data)
        command = [sys.executable, "-m", "generator", "-f", str(project / "mkdocs.yml"), "build"]
        start = time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
        seconds = time.perf_counter() - start
        print(
            f"build: whole site with that one seed; {seconds:.2f} s, "
            f"peak RSS {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB"
        )


def main() -> None:
    data = big_seed()
    which = sys.argv[1:] or ["seed", "build"]
    if "build" in which:
        build_figure(data)  # first, so that RUSAGE_CHILDREN is that build alone
    if "seed" in which:
        seed_figure(data)


if __name__ == "__main__":
    main()
