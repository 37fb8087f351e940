"""Sentence and word splitting without NLTK data downloads (nupunkt ships its model)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import nupunkt

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


def split_sentences(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """Split paragraphs into sentences, keeping each sentence's text exactly."""
    sentences: list[str] = []
    for paragraph in paragraphs:
        if paragraph.strip():
            spans = nupunkt.sent_spans(paragraph)
            sentences.extend(t for a, b in spans if (t := paragraph[a:b].strip()))
    return tuple(sentences)


@lru_cache(maxsize=8192)  # the cleaner, the ranker and sumy each ask for a sentence's words
def split_words(sentence: str) -> tuple[str, ...]:
    """Split a sentence into word tokens, dropping punctuation."""
    return tuple(_WORD.findall(sentence))


class Tokenizer:
    """The tokenizer object sumy expects, backed by nupunkt instead of NLTK punkt."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Split one paragraph into sentences."""
        return split_sentences([paragraph])

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Split one sentence into words."""
        return split_words(sentence)
