"""Extractive summaries with sumy: the only module that imports it."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from generator.internals import import_nltk

import_nltk()  # before sumy first imports nltk (see internals); not before: a build whose
# summaries all come from the cache never imports either

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from generator.enrich.sentences import Tokenizer, split_words
from generator.internals import textrank_ranker
from generator.seeds.errors import SummaryError

DEFAULT_ALGORITHM = "newsrank"


class _LexRank(LexRankSummarizer):  # type: ignore[misc]
    """sumy's LexRank, summing over words in sorted order so that hash seeds cannot matter."""

    @staticmethod
    def cosine_similarity(
        sentence1: Sequence[str],
        sentence2: Sequence[str],
        tf1: dict[str, float],
        tf2: dict[str, float],
        idf_metrics: dict[str, float],
    ) -> float:
        words1, words2 = sorted(set(sentence1)), sorted(set(sentence2))
        numerator = sum(tf1[w] * tf2[w] * idf_metrics[w] ** 2 for w in words1 if w in tf2)
        denominator1 = sum((tf1[w] * idf_metrics[w]) ** 2 for w in words1)
        denominator2 = sum((tf2[w] * idf_metrics[w]) ** 2 for w in words2)
        if denominator1 > 0 and denominator2 > 0:
            return float(numerator / (math.sqrt(denominator1) * math.sqrt(denominator2)))
        return 0.0


class _Lsa(LsaSummarizer):  # type: ignore[misc]
    """sumy's LSA with its word rows in sorted order, not in the hash seed's order."""

    def _create_dictionary(self, document: ObjectDocumentModel) -> dict[str, int]:
        words = super()._create_dictionary(document)
        return {word: row for row, word in enumerate(sorted(words))}


_ALGORITHMS: dict[str, Any] = {
    "lexrank": _LexRank,
    "textrank": TextRankSummarizer,
    "lsa": _Lsa,
    "luhn": LuhnSummarizer,
    "sumbasic": SumBasicSummarizer,
    "kl": KLSummarizer,
}
ALGORITHMS = (DEFAULT_ALGORITHM, *_ALGORITHMS)
_TOKENIZER = Tokenizer()
# sumy's rankers are quadratic in sentences: a very long article is ranked on its opening.
MAX_CANDIDATES = 100
# Automatic length: (most sentences in the article, sentences in the summary).
_AUTO_LENGTHS = ((3, 1), (12, 2), (40, 3), (100, 4))
_AUTO_LONGEST = 5

# newsrank: a summary of at most three sentences, or of under a third of the article, is a
# TL;DR, led by the lede, short, without repeats, opening quotes, questions or fragments; a
# longer one is an abridgement, ranked by centrality. Three sentences of a short article are
# still a TL;DR: by share alone, a 3-of-9 summary got plain TextRank and lost to Lead-3.
_TLDR_SENTENCES = 3
_TLDR_SHARE = 1 / 3
_LEAD_WEIGHT = 1.5  # against TextRank's rank, scaled to 0..1
_QUOTE_PENALTY = 0.5
_LENGTH_EXPONENT = -0.3  # prefer the shorter of two equally central sentences
_MOST_OVERLAP = 0.6  # share of the shorter sentence's words already in the summary
_OPENING_QUOTE = re.compile(r"^[\"'‘“]")
# A question or a fragment ("It's gotten rave reviews.") teases rather than tells.
_SHORTEST_TLDR_SENTENCE = 7  # words
_QUESTION = re.compile(r"\?[\"'’”)\]]*$")


def summary_length(sentence_count: int, requested: int | None = None) -> int:
    """Sentences in the summary: `requested`, or by the article's length when None."""
    if requested is not None:
        return requested
    for most, length in _AUTO_LENGTHS:
        if sentence_count <= most:
            return length
    return _AUTO_LONGEST


def summarize(
    sentences: Sequence[str], count: int, algorithm: str = DEFAULT_ALGORITHM
) -> tuple[str, ...]:
    """Pick `count` sentences with newsrank or a plain sumy algorithm, in article order."""
    if len(sentences) <= count:
        return tuple(sentences)
    candidates = tuple(sentences[:MAX_CANDIDATES])
    try:
        if algorithm == DEFAULT_ALGORITHM:
            chosen = _newsrank(candidates, count)
        else:
            ratings = _ratings(candidates, algorithm)
            chosen = sorted(range(len(candidates)), key=lambda i: (-ratings[i], i))[:count]
    except (LookupError, ValueError, ArithmeticError) as error:
        raise SummaryError(f"{algorithm} summarizer failed: {error}") from error
    return tuple(candidates[i] for i in sorted(chosen))


def _newsrank(sentences: tuple[str, ...], count: int) -> list[int]:
    """TextRank's ranking with a lead prior, length, quote, question and redundancy signals."""
    total = len(sentences)
    tldr = count <= _TLDR_SENTENCES or count < total * _TLDR_SHARE
    centrality = _rank_scaled(_ratings(sentences, DEFAULT_ALGORITHM))
    tokens = [split_words(s) for s in sentences]
    words = [frozenset(map(str.lower, t)) for t in tokens]
    scores: list[float] = []
    for index, sentence in enumerate(sentences):
        score = centrality[index]
        if tldr:
            score *= (len(tokens[index]) + 1) ** _LENGTH_EXPONENT
            score += _LEAD_WEIGHT * math.exp(-index / count)
            score -= _QUOTE_PENALTY if _OPENING_QUOTE.match(sentence) else 0.0
        scores.append(score)
    chosen: list[int] = []
    for index in sorted(range(total), key=lambda i: (-scores[i], i)):
        if tldr and (
            len(tokens[index]) < _SHORTEST_TLDR_SENTENCE
            or _QUESTION.search(sentences[index])
            or any(_overlap(words[index], words[c]) > _MOST_OVERLAP for c in chosen)
        ):
            continue
        chosen.append(index)
        if len(chosen) == count:
            return chosen
    # Everything left repeats the summary or is a fragment: fill it by score, not come up short.
    rest = [i for i in sorted(range(total), key=lambda i: (-scores[i], i)) if i not in chosen]
    return chosen + rest[: count - len(chosen)]


def _overlap(first: frozenset[str], second: frozenset[str]) -> float:
    return len(first & second) / max(1, min(len(first), len(second)))


def _rank_scaled(ratings: Sequence[float]) -> list[float]:
    """Each rating's rank from 0 (lowest) to 1 (highest); ties keep article order."""
    order = sorted(range(len(ratings)), key=lambda i: (ratings[i], -i))
    scaled = [0.0] * len(ratings)
    for rank, index in enumerate(order):
        scaled[index] = rank / max(1, len(ratings) - 1)
    return scaled


@lru_cache(maxsize=65_536)
def _content_stem(word: str) -> str | None:
    """The stem sumy ranks a word by, or None for a stop word."""
    lower = word.lower()
    return None if lower in _stop_words() else _stemmer()(lower)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(w.lower() for w in get_stop_words("english"))


def _ratings(sentences: Sequence[str], algorithm: str) -> list[float]:
    """Every sentence's rating from one sumy algorithm, by position in the article."""
    document = ObjectDocumentModel([Paragraph([Sentence(s, _TOKENIZER) for s in sentences])])
    ratings = [0.0] * len(sentences)

    def keep_all(infos: list[Any]) -> list[Any]:
        # sumy hands its ranked sentences to a callable count: record every rating.
        for info in infos:
            ratings[info.order] = float(info.rating)
        return infos

    _summarizer(algorithm)(document, keep_all)
    return ratings


@lru_cache(maxsize=len(ALGORITHMS))
def _summarizer(algorithm: str) -> Any:
    ranker = _textrank() if algorithm == DEFAULT_ALGORITHM else _ALGORITHMS[algorithm]
    summarizer = ranker(_stemmer())
    summarizer.stop_words = get_stop_words("english")
    return summarizer


@lru_cache(maxsize=1)
def _textrank() -> Any:
    """TextRank over the same content stems as the rest of this module (see internals).

    Its graph has no self-loops, unlike sumy's: the 40% abridgements of 2,092 BBC articles
    gain 3.5 R1 and 4.6 R2, and TL;DRs of CNN/DailyMail hold (bench/rouge_folds.py).
    """
    return textrank_ranker(_content_stems)


def _content_stems(sentence: Sentence) -> list[str]:
    return [s for s in map(_content_stem, sentence.words) if s is not None]


@lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str]:
    stem: Callable[[str], str] = lru_cache(maxsize=65_536)(Stemmer("english"))
    return stem
