"""The enrichment cache and the process pool: fast rebuilds, identical output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.config import BriefsConfig
from generator.enrich import enrichment as enrich
from generator.enrich.enrichment import enrich_all
from generator.seeds.model import Brief
from generator.seeds.parse import load_all
from generator.utils.sealed import read_sealed
from tests.builders import ARTICLE, seed


def project(tmp_path: Path, count: int) -> BriefsConfig:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    for index in range(count):
        article = f"Story number {index} begins here. {ARTICLE}"
        (briefs / f"{index:03d}_b.txt").write_bytes(seed(article=article))
    return BriefsConfig(root=tmp_path)


def test_second_run_reuses_everything_and_one_edit_recomputes_one(tmp_path: Path) -> None:
    config = project(tmp_path, 4)
    first, times = enrich_all(load_all(config), config)
    assert (times.computed, times.cached) == (4, 0)
    again, times = enrich_all(load_all(config), config)
    assert (times.computed, times.cached) == (0, 4)
    assert again == first
    (tmp_path / "briefs/002_b.txt").write_bytes(seed(article="A brand new story. " + ARTICLE))
    _, times = enrich_all(load_all(config), config)
    assert (times.computed, times.cached) == (1, 3)
    entries = json.loads(sealed(config.cache_path))["entries"]
    assert len(entries) == 4  # the stale entry was dropped


def test_settings_are_part_of_the_key(tmp_path: Path) -> None:
    config = project(tmp_path, 2)
    enrich_all(load_all(config), config)
    other = BriefsConfig(root=tmp_path, summary_sentences=2)
    _, times = enrich_all(load_all(other), other)
    assert times.computed == 2


def test_unreadable_cache_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = project(tmp_path, 2)
    config.cache_path.parent.mkdir(parents=True)
    config.cache_path.write_text("{not json", encoding="utf-8")
    _, times = enrich_all(load_all(config), config)
    assert times.computed == 2
    assert "ignoring damaged enrichment cache" in caplog.text
    assert json.loads(sealed(config.cache_path))["version"]


def test_pool_output_equals_single_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = project(tmp_path, 12)
    briefs = load_all(config)
    monkeypatch.setattr(enrich, "POOL_THRESHOLD", 2)
    pooled, _ = enrich_all(briefs, config, workers=2)
    config.cache_path.unlink()
    single, _ = enrich_all(briefs, config, workers=1)
    assert pooled == single
    assert [item.brief.stem for item in pooled] == [f"{i:03d}_b" for i in range(12)]


def test_a_failed_summary_keeps_every_enrichment_made_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.enrich.summarize import SummaryError
    from generator.seeds.errors import SeedError

    config = project(tmp_path, 4)
    real = enrich.make_summary

    def failing(brief: Brief, settings: BriefsConfig) -> tuple[str, ...]:
        if brief.stem == "002_b":
            raise SummaryError("lexrank summarizer failed: singular matrix")
        return real(brief, settings)

    monkeypatch.setattr(enrich, "make_summary", failing)
    with pytest.raises(SeedError):
        enrich_all(load_all(config), config, workers=1)
    entries = json.loads(sealed(config.cache_path))["entries"]
    assert len(entries) == 3  # all but the failed one
    monkeypatch.setattr(enrich, "make_summary", real)
    _, times = enrich_all(load_all(config), config, workers=1)
    assert (times.computed, times.cached) == (1, 3)


def sealed(path: Path) -> bytes:
    """A cache file's data, its seal checked (utils/atomic.py)."""
    data = read_sealed(path, "enrichment cache")
    assert data is not None, path
    return data
