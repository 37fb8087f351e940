"""Extractive summaries with sumy: the only module that imports it."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from generator.sentences import Tokenizer

_ALGORITHMS: dict[str, Any] = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "sumbasic": SumBasicSummarizer,
    "kl": KLSummarizer,
}
_TOKENIZER = Tokenizer()


class SummaryError(Exception):
    """sumy could not summarize an article."""


@lru_cache(maxsize=len(_ALGORITHMS))
def _summarizer(algorithm: str) -> Any:
    summarizer = _ALGORITHMS[algorithm](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer


def summarize(sentences: Sequence[str], count: int, algorithm: str = "lexrank") -> tuple[str, ...]:
    """Pick `count` sentences with a sumy algorithm, returned in article order."""
    if len(sentences) <= count:
        return tuple(sentences)
    document = ObjectDocumentModel([Paragraph([Sentence(text, _TOKENIZER) for text in sentences])])
    try:
        chosen = _summarizer(algorithm)(document, count)
    except (LookupError, ValueError, ArithmeticError) as error:
        raise SummaryError(f"{algorithm} summarizer failed: {error}") from error
    picked = {str(sentence) for sentence in chosen}
    return tuple(s for s in sentences if s in picked)[:count]
