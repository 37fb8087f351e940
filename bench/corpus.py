"""The shared corpus (../shared/corpus): reading it, and turning it into seed files.

    python bench/corpus.py N OUT_DIR

writes N seeds made from crypto-news-2023.jsonl: headline = title, article = body without
its last paragraph, label = model_sentiment, implications = the last paragraph; front matter
carries the date and source URL. Above 1,063 seeds the articles repeat under new file names.
The corpus is never copied into the repository: OUT_DIR should be a scratch folder.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
RESULTS = ROOT / "bench" / "results"


def rows(name: str) -> Iterator[dict[str, Any]]:
    """Yield the records of one corpus file, or stop with a clear message when it is missing."""
    path = CORPUS / name
    if not path.is_file():
        sys.exit(
            f"error: {path} not found. The evaluation reads the shared corpus at "
            "../shared/corpus relative to the repository (see its README.md); "
            "it is never copied into the repository."
        )
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def articles() -> list[dict[str, str]]:
    """The crypto news articles."""
    return list(rows("crypto-news-2023.jsonl"))


def seed_text(article: dict[str, str]) -> str:
    """One article as a seed file."""
    paragraphs = [p.strip() for p in article["content"].split("\n") if p.strip()]
    body, implications = paragraphs[:-1] or paragraphs, paragraphs[-1]
    labels = {"bullish", "bearish", "neutral"}
    body = [p for p in body if p.lower().strip(" .!") not in labels]  # would read as a label
    front = f"---\ndate: {article['date'][:10]}\nsource: {json.dumps(article['url'])}\n---\n"
    return (
        f"{front}{article['title'].strip()}\n\n"
        + "\n\n".join(body)
        + f"\n\n{article['model_sentiment']}\n\n{implications}\n"
    )


def write_seeds(count: int, out: Path) -> list[Path]:
    """Write `count` seeds into `out`, cycling through the corpus."""
    corpus = articles()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        text = seed_text(corpus[index % len(corpus)])
        digest = hashlib.sha256(f"{index}:{text}".encode()).hexdigest()[:16]
        path = out / f"{index + 1:05d}_{digest}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    written = write_seeds(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {len(written)} seeds into {sys.argv[2]}")
