"""The tone of a brief's text with VADER and our finance words: the only module that imports it.

VADER (vaderSentiment, MIT) scores each sentence from the lexicon shipped in its package, so
nothing is downloaded. Finance phrases ("beat estimates", "cut guidance", "costs fell") are
first replaced by one token each with its own valence, so VADER's negation and boosters
still apply to them. A text's tone is the mean over its sentences that carry any tone; the
label cross-check in lint.py warns when it contradicts the author's label.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from generator.enrich.finance_words import PHRASES, REWRITES, WORDS
from generator.enrich.literals import Shortlist
from generator.seeds.model import Tone

# The defaults of extra.briefs.label_check and label_check_neutral (see config.py): tuned on
# half of each labelled corpus and reported on the other (bench/labels_eval.py).
DEFAULT_THRESHOLD = 0.35
DEFAULT_NEUTRAL_THRESHOLD = 0.85
MOST_EXTREME = 2
# The label is the author's market reading: the implications, and the story's lead, carry
# it. A long body only dilutes the mean (and costs about 0.3 ms a sentence to score).
LEAD_PARAGRAPHS = 3
OPINION = 0.05  # sentences whose |compound| is below this carry no tone

_URL = re.compile(r"https?://\S+|www\.\S+")
_NOISE = re.compile(r"<[^<>\s]{1,20}>|\[n[A-Z0-9]{6,}\]|\[\.[A-Z]+\]|[$@][A-Za-z][\w.]*|…")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": " - ", "–": "-"})
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z0-9\"'(])|\n+")
_PHRASE_TOKEN = "finphrase{}"


@dataclass(frozen=True)
class _Model:
    """VADER's engine with the finance words, and the compiled finance phrases."""

    compound: Callable[[str], float]
    phrases: tuple[tuple[re.Pattern[str], str], ...]
    any_phrase: re.Pattern[str]  # matches where one of `phrases` would: a quick first test
    words: frozenset[str]  # every word in VADER's lexicon
    shortlist: Shortlist  # which of `phrases` a text's words allow


@lru_cache(maxsize=1)
def _model() -> _Model:
    """Build VADER once, extended with the finance words and phrases."""
    analyzer = SentimentIntensityAnalyzer()  # reads the lexicon file shipped in the package
    analyzer.lexicon.update(WORDS)
    replacements = [(pattern, f" {text} ") for pattern, text in REWRITES]
    for i, (pattern, valence) in enumerate(PHRASES):
        token = _PHRASE_TOKEN.format(i)
        analyzer.lexicon[token] = valence
        replacements.append((pattern, f" {token} "))
    phrases = [(_whole(pattern), text) for pattern, text in replacements]
    alternation = "|".join(f"(?:{pattern})" for pattern, _ in replacements)
    any_phrase = _whole(alternation)
    words = frozenset(analyzer.lexicon)  # a word of valence 0 still takes a booster's

    def compound(text: str) -> float:
        """VADER's compound score of one sentence."""
        return float(analyzer.polarity_scores(text)["compound"])

    shortlist = Shortlist([regex for regex, _ in phrases])
    return _Model(compound, tuple(phrases), any_phrase, words, shortlist)


def _whole(pattern: str) -> re.Pattern[str]:
    """The pattern as whole words (no word character or '-' on either side), in any case."""
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", re.IGNORECASE)


def clean(text: str) -> str:
    """Drop links, tickers, handles and news codes, and plain the typographic quotes."""
    return " ".join(_NOISE.sub(" ", _URL.sub(" ", text.translate(_QUOTES))).split(" "))


def split_sentences(text: str) -> tuple[str, ...]:
    """Split a line of text into sentences (roughly: a period then a capital)."""
    return tuple(s for part in _SENTENCE.split(text) if (s := part.strip()))


def sentence_score(sentence: str) -> float:
    """Score one sentence in [-1, 1] with VADER, finance phrases rewritten first."""
    model = _model()
    text = clean(sentence)
    if _has_phrase(model, text):
        for regex, token in model.phrases:
            text = regex.sub(token, text)
    elif text.isascii() and not _has_valence(text.lower(), model.words):
        return 0.0  # VADER scores only words in its lexicon (and emoji): no call needed
    return model.compound(text)


def _has_phrase(model: _Model, text: str) -> bool:
    """Whether `model.any_phrase` matches in the text: searched with only the phrases the
    text's words allow, a tenth of the time (a match of the alternation is a match of one of
    its phrases, and a phrase the shortlist leaves out cannot match; see literals.py)."""
    shortlist = model.shortlist(text)
    if shortlist is None:
        return model.any_phrase.search(text) is not None
    return any(model.phrases[index][0].search(text) for index in shortlist)


def _has_valence(lowered: str, words: frozenset[str]) -> bool:
    """Whether a word of the text, as VADER strips it, is in its lexicon."""
    return any(
        token in words or token.strip(string.punctuation) in words for token in lowered.split()
    )


def read_tone(lines: Sequence[tuple[int, str]], most: int = MOST_EXTREME) -> Tone:
    """Score numbered texts: the mean of the sentences that carry a tone, and the numbers of
    the texts that pull it down or up the most."""
    scores: list[float] = []
    negative: dict[int, float] = {}
    positive: dict[int, float] = {}
    for number, line in lines:
        for sentence in split_sentences(line):
            score = sentence_score(sentence)
            if abs(score) < OPINION:
                continue
            scores.append(score)
            side = negative if score < 0 else positive
            side[number] = side.get(number, 0.0) + score
    mean = sum(scores) / len(scores) if scores else 0.0
    return Tone(
        score=max(-1.0, min(1.0, mean)),
        most_negative=tuple(sorted(negative, key=lambda n: (negative[n], n))[:most]),
        most_positive=tuple(sorted(positive, key=lambda n: (-positive[n], n))[:most]),
    )


def brief_tone(article: Sequence[str], implications: Sequence[str]) -> Tone:
    """The tone of a brief's lead and implications; parts are numbered from 0, the article's
    paragraphs first, as `Tone` says."""
    lead = list(enumerate(article[:LEAD_PARAGRAPHS]))
    rest = [(len(article) + n, text) for n, text in enumerate(implications)]
    return read_tone(lead + rest)


def contradicts(
    label: str,
    tone: Tone,
    threshold: float = DEFAULT_THRESHOLD,
    neutral_threshold: float = DEFAULT_NEUTRAL_THRESHOLD,
) -> bool:
    """Whether the tone contradicts the label (Neutral only past the higher neutral threshold)."""
    name = label.strip().casefold()
    if name == "bullish":
        return tone.score <= -threshold
    if name == "bearish":
        return tone.score >= threshold
    if name == "neutral":
        return abs(tone.score) >= neutral_threshold
    return False
