"""Every use of another package's private API, checked against the versions it was read for.

Five packages are used beyond their public API. The text libraries, here:

- sumy: TextRank's `_create_matrix` is replaced by the same graph built in one product;
- textstat: `_count_syllables` looks up the CMU dictionary and pyphen by module globals,
  which are pointed at an offline dictionary, and the Flesch scores' syllable count
  remembers each word's count;
- nltk: imported (for sumy's stemmer) without the scipy.stats it only tries to import;
- and the standard library's `re._parser`, whose parse trees literals.py reads.

MkDocs and Pagefind, the site's side, in site/internals.py (so that the enrichment cache,
keyed on this file, is not emptied by a change there).

Each was written against the exact version in `WRITTEN_FOR` (the pins in
requirements.txt). On another version a speed-up falls back to the package's plain public
path with one warning; what has no plain path (offline syllables, the Pagefind protocol)
stops with a message that says which version to install.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import cache
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from generator.seeds.errors import ConfigError, Problem

log = logging.getLogger(__name__)

WRITTEN_FOR = {
    "mkdocs": "1.6.1",
    "nltk": "3.10.4",
    "pagefind": "1.5.2",
    "sumy": "0.13.0",
    "textstat": "0.7.13",
}
# Without these the build cannot run as intended: no plain path to fall back to.
REQUIRED = ("pagefind", "textstat")


def installed(package: str) -> str | None:
    """The installed version of `package`, or None."""
    return _installed(package)


@cache  # reading a package's metadata takes about a millisecond; it is asked once per page
def _installed(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def written_for(package: str) -> bool:
    """Whether the installed `package` is the version its patches here were read against."""
    return installed(package) == WRITTEN_FOR[package]


def check_versions() -> None:
    """At start-up: stop on a package that has no plain path, warn once about the others."""
    problems = [
        Problem("requirements.txt", 1, _mismatch(name))
        for name in REQUIRED
        if not written_for(name)
    ]
    if problems:
        raise ConfigError(problems)
    for name in sorted(set(WRITTEN_FOR) - set(REQUIRED)):
        if not written_for(name):
            _warn_once(name)


def _mismatch(package: str) -> str:
    return (
        f"{package} {installed(package) or '(not installed)'} is installed, but "
        f"generator/internals.py was written for {package} {WRITTEN_FOR[package]}; "
        "install the pinned versions (make build does)"
    )


@cache
def _warn_once(package: str) -> None:
    log.warning("%s; using its plain, slower path", _mismatch(package))


# nltk -------------------------------------------------------------------------------


def import_nltk() -> None:
    """Import nltk without scipy.stats: 0.8 s of every process that summarizes, for
    statistics this project never uses.

    sumy's stemmer imports nltk, whose `__init__` loads its collocation measures, which try
    `from scipy.stats import fisher_exact` and do without it on ImportError (as do its other
    optional uses). scipy.stats stays importable afterwards. Call it before sumy is imported;
    on an nltk this was not written for, nltk is left to import as it does.
    """
    if "nltk" in sys.modules or "scipy.stats" in sys.modules or not written_for("nltk"):
        return
    sys.modules["scipy.stats"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import nltk  # noqa: F401
    finally:
        del sys.modules["scipy.stats"]


# sumy -------------------------------------------------------------------------------


def textrank_ranker(words_of: Callable[[Any], list[str]]) -> Any:
    """sumy's TextRank summarizer class on the published graph, built in one matrix product.

    `words_of(sentence)` gives a sentence's content stems, as sumy's `_to_words_set` does.
    On a sumy version this was not written for: sumy's own TextRankSummarizer, whose graph
    has self-loops (see TextRankGraph).
    """
    from sumy.summarizers.text_rank import TextRankSummarizer

    if not written_for("sumy"):
        _warn_once("sumy")
        return TextRankSummarizer
    import numpy

    class TextRankGraph(TextRankSummarizer):  # type: ignore[misc]
        """sumy's TextRank edges, built from word counts in one product, as in the paper.

        sumy also links each sentence to itself, by at least its length over twice its
        log: the heaviest edge of nearly every row, so a sentence that shares little with
        the rest keeps most of its own vote and ranks about average, above central ones.
        TextRank as published (Mihalcea and Tarau, 2004) has no self-loops. Without them, a
        sentence that shares no word with another is a dead end: it votes for all alike, as
        a page without links does in PageRank; a lost vote drained every rank and took
        hundreds of power-method steps to settle.
        """

        def _create_matrix(self, document: Any) -> Any:
            stems = [self._to_words_set(sentence) for sentence in document.sentences]
            vocabulary = {stem: column for column, stem in enumerate(sorted(set().union(*stems)))}
            width = max(1, len(vocabulary))
            # Each stem's count per sentence, as whole numbers in floats: exact in any order.
            cells = [
                row * width + vocabulary[word] for row, words in enumerate(stems) for word in words
            ]
            flat = numpy.bincount(
                numpy.asarray(cells, dtype=numpy.intp), minlength=len(stems) * width
            )
            counts = flat.reshape(len(stems), width).astype(numpy.float64)
            # sumy's edge: shared words (with repeats) over the sum of the logs of the lengths.
            shared = counts @ counts.T
            logs = numpy.log(numpy.maximum([len(words) for words in stems], 1))
            norm = logs[:, numpy.newaxis] + logs[numpy.newaxis, :]
            # sumy's isclose(norm, 0): each log is 0 or at least log 2, so only 0 is that close.
            single = norm == 0.0
            weights = numpy.where(single, shared, shared / numpy.where(single, 1.0, norm))
            weights[shared == 0] = 0.0
            numpy.fill_diagonal(weights, 0.0)  # no sentence votes for itself (see above)
            weights[weights.sum(axis=1) == 0.0] = 1.0  # nor is a vote lost
            weights /= weights.sum(axis=1)[:, numpy.newaxis] + self._ZERO_DIVISION_PREVENTION
            count = len(stems)
            return numpy.full((count, count), (1.0 - self.damping) / count) + (
                self.damping * weights
            )

        def _to_words_set(self, sentence: Any) -> list[str]:
            return words_of(sentence)

    return TextRankGraph


# textstat ---------------------------------------------------------------------------


def point_textstat_at(cmudict: Callable[[str], Any], pyphen: Callable[[str], Any]) -> None:
    """Make textstat's syllable counter use these instead of NLTK's download and pyphen."""
    if not written_for("textstat"):
        raise ConfigError([Problem("requirements.txt", 1, _mismatch("textstat"))])
    from textstat.backend.counts import _count_syllables
    from textstat.backend.metrics import _syllables_per_word
    from textstat.backend.selections._list_words import list_words

    # textstat looks both up by these module-level names on every call.
    _count_syllables.get_cmudict = cmudict
    _count_syllables.get_pyphen = pyphen
    # The Flesch scores count a text's syllables word by word, and most words recur from
    # article to article: each word's count is remembered per language. The count is the
    # body of textstat's loop in `count_syllables`, applied to the word as it tokenized it
    # (tokenizing a word again is not the same: "İ".lower() is two characters).
    counts: dict[str, dict[str, int]] = {}

    def one_word(word: str, lang: str) -> int:
        try:
            phones = _count_syllables.get_cmudict(lang)[word][0]
            return sum(1 for phone in phones if phone[-1].isdigit())
        except (TypeError, IndexError, KeyError):
            return len(_count_syllables.get_pyphen(lang).positions(word)) + 1

    def count_syllables(text: str, lang: str) -> int:
        if not text:
            return 0
        known = counts.setdefault(lang, {})
        total = 0
        for word in list_words(text, lowercase=True):
            found = known.get(word)
            if found is None:
                found = known[word] = one_word(word, lang)
            total += found
        return total

    _syllables_per_word.count_syllables = count_syllables


# re ---------------------------------------------------------------------------------


def regex_parser() -> Any:
    """The standard library's regex parser (`re._parser`, Python 3.11 on): the parse tree
    `re` compiles, read by literals.py. A tree of another shape makes it give up its quick
    test, not err."""
    return import_module("re._parser")
