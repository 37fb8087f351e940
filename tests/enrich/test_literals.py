"""The quick first test for regexes (literals.py) and the tone's phrase search built on it:
each must let through every text its pattern matches in, so that the shortlisted search
answers exactly as the one big alternation does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from generator.enrich import clean, evidence, literals, tone
from generator.enrich.literals import PLAIN_EXTRAS, Needs, Shortlist, needed

MODEL = tone._model()
PATTERNS = [regex for regex, _ in MODEL.phrases]
NEWS = sorted((Path(__file__).parent / "news").glob("*.txt"))
ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))
# Words of the phrases, and what could trip a case-insensitive match or a word boundary.
WORDS = sorted({w for regex in PATTERNS for w in re.findall(r"[a-z]{2,}", regex.pattern)})
ODD = ["\u017f", "\u212a", "\u0130", "\u0131", "\u00df"]  # long s, Kelvin, dotted and dotless i
ODD += ["-", "+", "%", "’", "'", ".", ",", "\u00a0", "\x1c", "é"]
TEXTS = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(WORDS).map(str.upper),
        st.sampled_from(WORDS).map(str.title),
        st.sampled_from(ODD),
        st.from_regex(r"[0-9.,]{1,5}", fullmatch=True),
        st.text(max_size=3),
    ),
    max_size=14,
).flatmap(lambda parts: st.sampled_from([" ", "", "-", "  "]).map(lambda sep: sep.join(parts)))


# What text that folds plainly is made of: ASCII, curly quotes, dashes, ...
PLAIN = st.one_of(st.characters(codec="ascii"), st.sampled_from(PLAIN_EXTRAS))


def has_phrase(text: str) -> bool:
    return tone._has_phrase(MODEL, text)


@pytest.mark.parametrize(
    ("pattern", "strings"),
    [
        (r"(?<![\w-])(?:beat|tops?)\s+\w+\s+estimates?", {"estimate"}),
        (r"in the red|in the (?:green|black)", {"in the red", "in the green", "in the black"}),
        (r"all[- ]time\s+highs?", {"high"}),
        (r"(?i)\bup\s+[\d.]+%", {"up"}),
        (r"(?:\+\s?[\d.]+\s?%)", {"+"}),
        (r"[\d.]+\s?%?", None),  # nothing needed: every text passes
        (r"(?:ab)?c", {"c"}),
        (r"x{2}y", {"xxy"}),
        (r"café|tea", {"caf", "tea"}),  # a non-ASCII character is taken to match anything
        (r"é|tea", None),
    ],
)
def test_needed_strings(pattern: str, strings: set[str] | None) -> None:
    found = needed(re.compile(pattern, re.IGNORECASE))
    assert found == (None if strings is None else frozenset(strings))


@pytest.mark.parametrize("index", range(len(PATTERNS)))
@seed(0)
@settings(max_examples=20, deadline=None, database=None)
@given(data=st.data())
def test_every_plain_match_has_a_needed_string(index: int, data: st.DataObject) -> None:
    regex = PATTERNS[index]
    text = data.draw(st.from_regex(regex, alphabet=PLAIN))
    assert regex.search(text)
    strings = needed(regex)
    assert strings is None or any(s in text.lower() for s in strings)
    shortlist = MODEL.shortlist(text)
    assert shortlist is not None and index in shortlist


@seed(0)
@settings(max_examples=1000, deadline=None, database=None)
@given(TEXTS)
def test_shortlisted_search_is_the_alternation(text: str) -> None:
    assert has_phrase(text) == bool(MODEL.any_phrase.search(text))


@pytest.mark.parametrize("index", range(len(PATTERNS)))
@seed(0)
@settings(max_examples=10, deadline=None, database=None)
@given(data=st.data())
def test_shortlisted_search_on_any_match(index: int, data: st.DataObject) -> None:
    text = data.draw(st.from_regex(PATTERNS[index]))  # any Unicode: long s, Kelvin sign, spaces
    assert has_phrase(text) == bool(MODEL.any_phrase.search(text)) is True


@pytest.mark.parametrize("path", NEWS + ARTICLES, ids=[p.stem for p in NEWS + ARTICLES])
def test_shortlisted_search_on_fixture_sentences(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        for sentence in tone.split_sentences(line):
            text = tone.clean(sentence)
            assert has_phrase(text) == bool(MODEL.any_phrase.search(text))


def test_shortlist_leaves_non_ascii_text_to_the_full_search() -> None:
    long_s = "\u017fhort \u017fqueeze"  # 'short squeeze' with the long s, which (?i) takes
    assert MODEL.shortlist(long_s) is None
    assert has_phrase(long_s) and has_phrase("Short Squeeze")
    assert MODEL.shortlist("nothing of note here") == set()


def test_a_pattern_without_needed_strings_is_always_searched() -> None:
    shortlist = Shortlist([re.compile(r"\d+\s?"), re.compile("bear market", re.IGNORECASE)])
    assert shortlist("no numbers") == {0}
    assert shortlist("A BEAR MARKET") == {0, 1}
    assert shortlist("a bear and a market") == {0}


NEEDING = [clean._STAMP, clean._CREDIT, clean._KEYWORDS, clean._FURNITURE, evidence._CAPTION]


@pytest.mark.parametrize("pattern", NEEDING)
@seed(0)
@settings(max_examples=100, deadline=None, database=None)
@given(data=st.data())
def test_needs_never_rules_out_a_match(pattern: re.Pattern[str], data: st.DataObject) -> None:
    text = data.draw(st.one_of(st.from_regex(pattern, alphabet=PLAIN), st.from_regex(pattern)))
    assert Needs(pattern).may_match(text)


def test_needs_rules_out_text_without_the_strings() -> None:
    assert not Needs(clean._STAMP).may_match("Prices rose 5% on Monday.")
    assert Needs(clean._STAMP).may_match("Last UPDATED: 5pm")
    assert Needs(clean._STAMP).may_match("\u017fomething")  # not plain: the search decides


def test_needed_gives_up_on_a_parse_tree_it_cannot_read(monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = re.compile("bear market")
    tree = [(literals._sre.SUBPATTERN, None)]  # not the shape this reads
    monkeypatch.setattr(literals._sre, "parse", lambda *args: tree)
    assert needed(pattern) is None
