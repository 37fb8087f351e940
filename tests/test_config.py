"""The extra.briefs block of mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.config import BriefsConfig, load_config
from generator.seeds.errors import ConfigError

MKDOCS_YML = """\
site_name: Test
extra:
  briefs:
    summarizer: lexrnk
    summary_sentences: 0
    sentiments: [Up, Down, up]
    home_brief: 5
"""


def load(tmp_path: Path, text: str) -> BriefsConfig:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return load_config(yaml.safe_load(text).get("extra", {}), path)


def test_defaults(tmp_path: Path) -> None:
    config = load(tmp_path, "site_name: Test\n")
    assert config.summarizer == "newsrank"
    assert config.summary_sentences is None  # auto: by the article's length
    assert [s.name for s in config.sentiments] == ["Bullish", "Bearish", "Neutral"]
    assert config.briefs_path == tmp_path / "briefs"


def test_every_setting_error_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, MKDOCS_YML)
    assert [str(p) for p in caught.value.problems] == [
        "mkdocs.yml:4: extra.briefs.summarizer: unknown summarizer 'lexrnk'; expected one of "
        "newsrank, lexrank, textrank, lsa, luhn, sumbasic, kl (did you mean lexrank?)",
        "mkdocs.yml:5: extra.briefs.summary_sentences: expected auto or a whole number from 1 "
        "to 10, got 0",
        "mkdocs.yml:6: extra.briefs.sentiments: label 'up' is listed twice",
        "mkdocs.yml:7: extra.briefs: unknown setting 'home_brief'; expected one of dir, "
        "summarizer, summary_sentences, sentiments, home_briefs, page_size, max_seed_bytes, "
        "assets, feed_items, label_check, label_check_neutral (did you mean home_briefs?)",
    ]


@pytest.mark.parametrize(("value", "accepted"), [("0.5", 0.5), ("1", 1.0), ("0", None), ("2", None),
                         ("true", None), ("high", None)])  # fmt: skip
def test_label_check_is_a_share(tmp_path: Path, value: str, accepted: float | None) -> None:
    text = f"site_name: T\nextra:\n  briefs:\n    label_check: {value}\n"
    if accepted is not None:
        assert load(tmp_path, text).label_check == accepted
        return
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, text)
    shown = yaml.safe_load(value)
    assert str(caught.value) == (
        "mkdocs.yml:4: extra.briefs.label_check: expected a number above 0 and at most 1, such "
        f"as 0.35, got {shown!r}"
    )


@pytest.mark.parametrize(
    ("text", "summarizer", "sentences"),
    [("summarizer: TextRank", "textrank", None), ("summary_sentences: Auto", "newsrank", None)]
    + [(f"summary_sentences: {n}", "newsrank", n) for n in (1, 10)],
)
def test_summarizer_and_length(
    tmp_path: Path, text: str, summarizer: str, sentences: int | None
) -> None:
    config = load(tmp_path, f"extra:\n  briefs:\n    {text}\n")
    assert (config.summarizer, config.summary_sentences) == (summarizer, sentences)


@pytest.mark.parametrize("value", ["11", "'three'", "true", "2.5"])
def test_bad_summary_length(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match=r"expected auto or a whole number from 1 to 10, got"):
        load(tmp_path, f"extra:\n  briefs:\n    summary_sentences: {value}\n")


def test_custom_labels(tmp_path: Path) -> None:
    config = load(tmp_path, "extra:\n  briefs:\n    sentiments: [Risk-on, Risk-off]\n")
    assert [(s.name, s.slug, s.tone) for s in config.sentiments] == [
        ("Risk-on", "risk-on", "other"),
        ("Risk-off", "risk-off", "other"),
    ]


def test_briefs_must_be_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^mkdocs.yml:2: extra.briefs: expected a mapping"):
        load(tmp_path, "extra:\n  briefs: [1, 2]\n")


def test_a_build_time_that_is_not_whole_seconds(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config({}, tmp_path / "mkdocs.yml", environ={"SOURCE_DATE_EPOCH": "1.5e9"})
    assert [str(p) for p in caught.value.problems] == [
        "SOURCE_DATE_EPOCH:1: expected whole seconds since 1970, got '1.5e9'"
    ]
