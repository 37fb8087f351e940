"""Cleaning before ranking: paired fixtures in tests/enrich/articles, one sentence a line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.enrich.clean import is_boilerplate, story_sentences

ARTICLES = Path(__file__).parent / "articles"
CASES = sorted(p for p in ARTICLES.glob("*.txt") if not p.name.endswith(".expected.txt"))


def paragraphs(path: Path) -> tuple[str, ...]:
    text = path.read_text(encoding="utf-8")
    return tuple(p.strip() for p in text.split("\n\n") if p.strip())


@pytest.mark.parametrize("article", CASES, ids=[p.stem for p in CASES])
def test_story_sentences(article: Path) -> None:
    expected = article.with_name(article.stem + ".expected.txt").read_text(encoding="utf-8")
    assert story_sentences(paragraphs(article)) == tuple(expected.splitlines())


def test_every_fixture_has_its_expected_sentences() -> None:
    assert [p.stem for p in CASES] == [
        "byline",
        "captions",
        "fragments",
        "keywords",
        "scroll_down",
        "subheadings",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "He said: 'Prices will rise.'",
        "Mr Lee told Reuters: “We are done.”",
        "By the end of the week, bitcoin had recovered all of its losses.",
        "Photos of the event spread quickly across social media on Monday.",
    ],
)
def test_story_sentences_that_look_like_boilerplate_are_kept(sentence: str) -> None:
    assert not is_boilerplate(sentence)


def test_an_article_of_nothing_but_boilerplate_is_kept_whole() -> None:
    assert story_sentences(["Click here.", "Wow."]) == ("Click here.", "Wow.")


def test_a_one_line_article_is_not_a_sub_heading() -> None:
    assert story_sentences(["Bitcoin rose five percent in one day"]) == (
        "Bitcoin rose five percent in one day",
    )
