"""A quick first test for many regexes: which of them a text could match at all.

`needed(pattern)` reads the pattern's parse tree (the stdlib's own parser, so the pattern is
read as `re` compiles it) and returns lower-case strings such that every match of the
pattern contains one of them, in some case. The analysis only weakens what it cannot read
(a class, a non-ASCII character, an optional or repeated part is taken to match anything;
a lookaround to match nothing), so it may let too much through but never turns a match
away. It holds for text that `folds_plainly`: ASCII but for typographic characters that
match no ASCII one. Other text is searched in full: under IGNORECASE the long s (U+017F)
matches 's', the Kelvin sign 'k' and the dotless i 'i', which the text's lower case hides.

`Shortlist` uses that to tell, from a text's words, which of several patterns to search it
with: a sentence of news holds one or two finance words, not the hundred phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from generator.internals import regex_parser

_sre = regex_parser()  # the parser `re` compiles with

_MOST = 64  # strings a set of exact strings may hold before it is given up
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
_WORD = re.compile(r"[a-z0-9_]+")  # a run of ASCII word characters of a lower-case text
_TOKEN_CACHE = 65_536  # distinct words remembered by a Shortlist
# Curly quotes, dashes and the like, which (?i) matches to no ASCII character and whose
# lower case holds none (tests/enrich/test_literals.py checks both).
PLAIN_EXTRAS = (
    "\u2019\u2018\u201c\u201d\u2014\u2013\u2026\u00a0\u00ab\u00bb\u20ac\u00a3\u2022\u00b7\u00b0"
)
_NOT_PLAIN = re.compile(f"[^\\x00-\\x7f{re.escape(PLAIN_EXTRAS)}]")


def folds_plainly(text: str) -> bool:
    """Whether the lower case of `text` shows every match IGNORECASE can find in it: it is
    ASCII, but for PLAIN_EXTRAS (a quarter of news sentences have a curly quote)."""
    return text.isascii() or _NOT_PLAIN.search(text) is None


class _Info:
    """What a piece of pattern matches: `exact`, all the strings it can (None: not known or
    too many), and `need`, strings one of which each of its matches has (None: no test)."""

    __slots__ = ("exact", "need")

    def __init__(self, exact: frozenset[str] | None, need: frozenset[str] | None = None) -> None:
        self.exact = exact
        self.need = _useful(exact) if exact is not None else need


def _useful(strings: frozenset[str]) -> frozenset[str] | None:
    """The strings as a test; none if one is empty, as every text has the empty string."""
    return None if "" in strings else strings


_ANYTHING = _Info(None)
_EMPTY = _Info(frozenset({""}))


def needed(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which the lower case of every text that `pattern` matches
    in has, if the text folds plainly; None when no such strings were found."""
    try:
        found = _sequence(_sre.parse(pattern.pattern, pattern.flags)).need
    except (AttributeError, IndexError, TypeError, ValueError):  # a tree of another Python
        return None  # no test: every text is searched
    return None if found is None else _shortest(found)


def word_of(string: str) -> str | None:
    """The longest run of word characters in a needed string (the last of equals), or None."""
    words = _WORD.findall(string)
    return max(reversed(words), key=len) if words else None


def _shortest(strings: Iterable[str]) -> frozenset[str]:
    """Drop each string that contains another: a text that has it has the other too."""
    kept: list[str] = []
    for string in sorted(strings, key=len):
        if not any(other in string for other in kept):
            kept.append(string)
    return frozenset(kept)


def _rank(strings: frozenset[str]) -> tuple[int, int, int]:
    """How selective a test is: its shortest word (Shortlist looks words up), then fewer
    strings, then its shortest string."""
    strings = _shortest(strings)
    words = [len(word_of(s) or "") for s in strings]
    return min(words), -len(strings), min(map(len, strings))


def _better(first: frozenset[str] | None, second: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two tests, either of which holds: any one will do."""
    if first is None or second is None:
        return second if first is None else first
    return first if _rank(first) >= _rank(second) else second


def _sequence(items: Sequence[tuple[Any, Any]]) -> _Info:
    """Consecutive pieces: a run of exactly known ones joins into longer strings."""
    run = frozenset({""})  # the strings of the pieces since the last one not known exactly
    whole = True  # every piece so far known exactly, and joined into `run`
    best: frozenset[str] | None = None
    for op, av in items:
        info = _item(op, av)
        if info.exact is not None and len(run) * len(info.exact) <= _MOST:
            run = frozenset(a + b for a in run for b in info.exact)
            continue
        best = _better(_better(best, _useful(run)), info.need)
        run = info.exact if info.exact is not None else frozenset({""})
        whole = False
    return _Info(run if whole else None, _better(best, _useful(run)))


def _item(op: Any, av: Any) -> _Info:
    """One node of the parse tree."""
    if op is _sre.LITERAL:
        return _Info(frozenset({chr(av).lower()})) if av < 128 else _ANYTHING
    if op is _sre.IN:
        return _characters(av)
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return _EMPTY  # takes no characters: what it checks is not needed for the test
    if op is _sre.SUBPATTERN:
        return _sequence(av[-1])
    if op is _sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is _sre.BRANCH:
        return _branch([_sequence(branch) for branch in av[1]])
    if op in _REPEATS:
        return _repeat(av[0], av[1], _sequence(av[2]))
    return _ANYTHING  # any character, a category, a back reference, a conditional, ...


def _characters(items: Sequence[tuple[Any, Any]]) -> _Info:
    """[abc]: its characters, when all are ASCII and listed one by one."""
    chars = set()
    for op, av in items:
        if op is not _sre.LITERAL or av >= 128:
            return _ANYTHING
        chars.add(chr(av).lower())
    return _Info(frozenset(chars))


def _branch(branches: Sequence[_Info]) -> _Info:
    """a|b: the strings of each; a match of either has one of the needed of either."""
    exact: frozenset[str] | None = frozenset()
    need: frozenset[str] | None = frozenset()
    for info in branches:
        exact = None if exact is None or info.exact is None else exact | info.exact
        need = None if need is None or info.need is None else need | info.need
    return _Info(exact if exact is None or len(exact) <= _MOST else None, need)


def _repeat(least: int, most: int, inner: _Info) -> _Info:
    """x{least,most}: a short exact repeat is spelled out; else, with at least one x, x's test."""
    if inner.exact is not None and most <= 2:
        strings, found = {""}, {""} if least == 0 else set()
        for count in range(1, most + 1):
            strings = {a + b for a in strings for b in inner.exact}
            found |= strings if count >= least else set()
        if len(found) <= _MOST:
            return _Info(frozenset(found))
    return _Info(None, inner.need if least >= 1 else None)


class Needs:
    """A pattern's needed strings, to tell cheaply that a text holds no match of it."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._strings = tuple(sorted(needed(pattern) or ()))

    def may_match(self, text: str) -> bool:
        """False only if the pattern surely finds nothing in `text`."""
        if not self._strings or not folds_plainly(text):
            return True
        lowered = text.lower()
        return any(string in lowered for string in self._strings)


class Shortlist:
    """Which of several patterns can match a text, found from the words of the text.

    A text that has none of a pattern's needed strings cannot match it. Each needed string
    is looked up by its longest word, then looked for in the text; one without a word, such
    as '%', is looked for in every text. Which needed strings a word of a text holds the
    word of is remembered per word, so a sentence costs a few dictionary look-ups."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self._always: set[int] = set()
        by_string: dict[str, set[int]] = {}
        for index, pattern in enumerate(patterns):
            strings = needed(pattern)
            if strings is None:
                self._always.add(index)
            for string in strings or ():
                by_string.setdefault(string, set()).add(index)
        self._by_word: dict[str, list[tuple[str, frozenset[int]]]] = {}
        self._unworded: list[tuple[str, frozenset[int]]] = []
        for string, indexes in sorted(by_string.items()):
            word = word_of(string)
            entries = self._unworded if word is None else self._by_word.setdefault(word, [])
            entries.append((string, frozenset(indexes)))
        longest_first = sorted(self._by_word, key=lambda word: (-len(word), word))
        self._any_word = re.compile("|".join(map(re.escape, longest_first)) or r"(?!x)x")
        self._seen: dict[str, tuple[tuple[str, frozenset[int]], ...]] = {}

    def __call__(self, text: str) -> set[int] | None:
        """The indexes of the patterns that may match `text`; None when its lower case may
        hide a match (see folds_plainly)."""
        if not folds_plainly(text):
            return None
        lowered = text.lower()
        found = set(self._always)
        for word in set(_WORD.findall(lowered)):
            held = self._seen.get(word)
            for string, indexes in self._held(word) if held is None else held:
                if string in lowered:
                    found |= indexes
        for string, indexes in self._unworded:
            if string in lowered:
                found |= indexes
        return found

    def _held(self, word: str) -> tuple[tuple[str, frozenset[int]], ...]:
        """The needed strings whose word is part of this word of a text."""
        held: tuple[tuple[str, frozenset[int]], ...] = ()
        if self._any_word.search(word):
            held = tuple(e for part, es in self._by_word.items() if part in word for e in es)
        if len(self._seen) >= _TOKEN_CACHE:
            self._seen.clear()
        self._seen[word] = held
        return held
