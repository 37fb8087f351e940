"""Keep the story: drop boilerplate that is not a sentence of the article before ranking."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.enrich.literals import Needs
from generator.enrich.sentences import split_sentences, split_words

# Web furniture that sits inside the text with no full stop of its own: cut it out first.
_FURNITURE = re.compile(r"\bscroll down for (?:the )?videos?\b", re.IGNORECASE)
_KEYWORDS = re.compile(r"\s*\(\s*main\s+keywords?\s*:[^()]*\)", re.IGNORECASE)
# A paragraph that ends in one of these is prose, not a sub-heading.
_PROSE_END = re.compile(r"[.!?…:;,\"'”’)\]]\s*$")
_INNER_STOP = re.compile(r"[.!?]\s")
_HEADING_WORDS = 12
_SHORTEST_SENTENCE = 4  # words: "Ho." or "Updated 5pm" is not a sentence of the story
_BYLINE = re.compile(r"^(?:written |reported |words )?by\s+\S", re.IGNORECASE)
_BYLINE_WORDS = 8
_STAMP = re.compile(r"\b(?:PUBLISHED|UPDATED|Last updated)\s*:?\s*\|?\s*\d", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(?:featured |header |cover |lead )?(?:image|photo|picture|chart|video)s?\s+"
    r"(?:from|by|via|courtesy|credit|source)\b|\b(?:getty images|shutterstock|istockphoto)\b"
    r"|^click here\b|\bclick here to\b|pic\.twitter\.com/|^follow (?:us|\S+) on\b",
    re.IGNORECASE,
)
# Most sentences hold none of the words these need ('updated', 'image', ...): a substring
# test rules them out at a tenth of the cost of a search (see literals.py).
_NEEDS = {pattern: Needs(pattern) for pattern in (_FURNITURE, _KEYWORDS, _STAMP, _CREDIT)}
# "Tragic: The man was ..." is a photo caption; "He said: 'We ...'" is a quote.
_LABEL = re.compile(r"^([A-Z][\w'’-]*(?: [\w'’-]+){0,2}):\s+(?!['\"‘“])")
_REPORTING = re.compile(
    r"\b(?:said|says|adds?|added|told|tells?|reads?|explain(?:s|ed)|admit(?:s|ted)|continue[sd]"
    r"|comment(?:s|ed)|wr[io]tes?|ask(?:s|ed)|insist(?:s|ed)|state[sd]|note[sd]|warn(?:s|ed)"
    r"|claim(?:s|ed)|repl(?:y|ies|ied)|tweeted|posted|conclude[sd]|reveal(?:s|ed)"
    r"|announce[sd]|declare[sd])\b",
    re.IGNORECASE,
)


def story_sentences(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """Split an article into sentences and drop the ones that are not part of the story."""
    pieces: list[str] = []
    for paragraph in paragraphs:
        if _is_heading(paragraph, len(paragraphs)):
            continue
        text = _KEYWORDS.sub("", paragraph) if _NEEDS[_KEYWORDS].may_match(paragraph) else paragraph
        parts = _FURNITURE.split(text) if _NEEDS[_FURNITURE].may_match(text) else [text]
        pieces.extend(p for p in parts if p.strip())
    kept = tuple(s for s in split_sentences(pieces) if not is_boilerplate(s))
    return kept or split_sentences(paragraphs)


def is_boilerplate(sentence: str) -> bool:
    """Tell a byline, photo caption, credit or fragment from a sentence of the story."""
    words = split_words(sentence)
    if len(words) < _SHORTEST_SENTENCE:
        return True
    if _BYLINE.match(sentence) and len(words) <= _BYLINE_WORDS:
        return True
    if _found(_STAMP, sentence) or _found(_CREDIT, sentence):
        return True
    label = _LABEL.match(sentence)
    return label is not None and not _REPORTING.search(label.group(1))


def _found(pattern: re.Pattern[str], sentence: str) -> bool:
    return _NEEDS[pattern].may_match(sentence) and pattern.search(sentence) is not None


def _is_heading(paragraph: str, paragraphs: int) -> bool:
    """A short line without closing punctuation between paragraphs is a sub-heading."""
    text = paragraph.strip()
    return (
        paragraphs > 1
        and not _PROSE_END.search(text)
        and not _INNER_STOP.search(text)
        and len(split_words(text)) <= _HEADING_WORDS
    )
