"""Sentence and word splitting without NLTK data downloads (pysbd ships its rules)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import pysbd

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """Split paragraphs into sentences, keeping each sentence's text exactly."""
    sentences: list[str] = []
    for paragraph in paragraphs:
        sentences.extend(s.strip() for s in _segmenter().segment(paragraph) if s.strip())
    return tuple(sentences)


def split_words(sentence: str) -> tuple[str, ...]:
    """Split a sentence into word tokens, dropping punctuation."""
    return tuple(_WORD.findall(sentence))


class Tokenizer:
    """The tokenizer object sumy expects, backed by pysbd instead of NLTK punkt."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Split one paragraph into sentences."""
        return split_sentences([paragraph])

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Split one sentence into words."""
        return split_words(sentence)
