"""find_mentions' word test (text that folds plainly) against its plain substring test: the
same mentions for any text, Unicode case quirks and curly quotes included."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from generator.enrich.literals import PLAIN_EXTRAS, folds_plainly
from generator.enrich.mentions import (
    _ABBREVIATIONS,
    _SENTENCE,
    find_mentions,
    matcher_for,
    split_sentences,
)
from generator.seeds.assetlist import DEFAULT_ASSETS

FAST = matcher_for(DEFAULT_ASSETS)
PLAIN = replace(FAST, name_runs=None, ticker_runs=None)  # the substring test, for every text
WORDS = sorted({w for form in FAST.owner for w in form.split()} | set(FAST.ticker_words))
WORDS += ["the", "down", "window", "miners", "ETF", "price", "on", "of", "80"]
ODD = ["\u017f", "\u212a", "\u0130", "\u0131", "\u00df", "\u2009", "\x1c", "é", "$", "@", "/"]
ODD += [".", "(", ")", "-", "&", "'s", "s", "5", *PLAIN_EXTRAS]
TEXTS = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(WORDS).map(str.upper),
        st.sampled_from(WORDS).map(str.title),
        st.sampled_from(WORDS).map(lambda w: w.replace("s", "\u017f").replace("i", "\u0131")),
        st.sampled_from(ODD),
        st.text(max_size=2),
    ),
    max_size=10,
).flatmap(lambda parts: st.sampled_from([" ", "", "-", "\u00a0"]).map(lambda s: s.join(parts)))


@seed(0)
@settings(max_examples=3000, deadline=None, database=None)
@given(TEXTS)
def test_word_test_finds_what_the_substring_test_does(text: str) -> None:
    assert find_mentions(text, FAST) == find_mentions(text, PLAIN)


@pytest.mark.parametrize(
    "text",
    [
        "Bitcoin and the Dow fell; ETHs rose",
        "BİTCOIN is not matched by casefold",  # dotted capital I: (?i) matches, casefold not
        "\u201cThe Dow\u201d \u2014 S&P 500, Nasdaq-100 and $eth",
        "Bitcoins, USDT’s peg, XRP-based, ETH2 and xETH",
    ],
)
def test_word_test_on_examples(text: str) -> None:
    assert find_mentions(text, FAST) == find_mentions(text, PLAIN)


@pytest.mark.parametrize("extra", PLAIN_EXTRAS)
def test_plain_extras_match_no_ascii_character(extra: str) -> None:
    for char in map(chr, range(128)):
        for pattern, text in ((char, extra), (extra, char)):
            assert not re.fullmatch(re.escape(pattern), text, re.IGNORECASE)
            assert not re.fullmatch(f"[{re.escape(pattern)}]", text, re.IGNORECASE)
    assert not any(char.isascii() for char in extra.lower())
    assert folds_plainly(f"a{extra}b") and not folds_plainly("\u017f")


def split_whole(paragraph: str) -> list[str]:
    """split_sentences as it was: the abbreviation test on the whole head, not its tail."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE.finditer(paragraph):
        if _ABBREVIATIONS.search(paragraph[start : match.start()].rstrip()):
            continue
        pieces.append(paragraph[start : match.start()].strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [piece for piece in pieces if piece]


PIECES = ["U.S.", "U.K.", "Mr.", "Inc.", "e.g.", "i.e.", "vs.", "XU.S.", "AMr.", "_No.", "Co."]
PIECES += ["Bitcoin", "It", "5", "$ETH", "(A)", '"Q"', "\u201cQ\u201d", "\u212a", "\u0130"]
ENDS = [". ", "! ", "? ", "\u2026 ", ".\n", ". \t", " ", "", '." ', ".) ", "\n"]


@seed(0)
@settings(max_examples=2000, deadline=None, database=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(ENDS)), max_size=12))
def test_split_sentences_reads_the_tail_of_the_head(parts: list[tuple[str, str]]) -> None:
    paragraph = "".join(piece + end for piece, end in parts)
    assert split_sentences(paragraph) == split_whole(paragraph)
