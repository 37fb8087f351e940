"""Where a text names an asset, and how: each mention with its use.

A mention is found by name (any case) or ticker (upper case or cashtag), whole words only,
longest phrase first, so `Bitcoin Cash` is not BTC and `Ethereum Classic` is ETC. Its use is
judged from the words around it: the subject of prose, or only a unit (`80 ETH`), a platform
(`Ethereum-based`, `on Solana`) or a title (`Ripple CTO`). evidence.py places the mentions
of a whole brief.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.enrich.literals import folds_plainly
from generator.seeds.assetlist import Asset

# How a mention is used.
STRONG = "strong"
UNIT = "unit"
PLATFORM = "platform"
TITLE = "title"
LISTED = "list"

# Thresholds, tuned on all of gold.tsv (see REPORT.md).

# Where a mention stands.
HEADLINE = "headline"
LEAD = "lead"
HEADING = "heading"
BODY = "body"
CAPTION = "caption"
IMPLICATIONS = "implications"


@dataclass(frozen=True)
class Mention:
    """One occurrence of an asset: which, where, how used, and in which sentence."""

    ticker: str
    place: str
    kind: str
    sentence: int  # index into the brief's sentences; headline is -1
    opens: bool = False  # within the first words of a paragraph: the paragraph's subject
    industry: bool = False  # the asset's own industry: `Bitcoin miners`, `GBTC`


@dataclass(frozen=True)
class Matcher:
    """One pattern for every name, look-alike and ticker of a list of assets."""

    names: re.Pattern[str]
    tickers: re.Pattern[str]
    owner: dict[str, str | None]  # casefolded surface form -> ticker (None: a look-alike)
    name_words: frozenset[str]  # the longest word of each name: in any text that names it
    ticker_words: frozenset[str]  # every ticker, in upper case
    # For text that folds plainly (literals.py): each name's runs of letters and digits by
    # its longest one (see _may_name); None when a name is not ASCII.
    name_runs: dict[str, tuple[frozenset[str], ...]] | None = None
    # For text that folds plainly: each ticker as a word in lower case, bare or plural.
    ticker_runs: frozenset[str] | None = None


_NUMBER_BEFORE = re.compile(
    r"(?:\d(?:[\d,.]*\d)?\s*(?:k|m|bn|million|billion|trillion|thousand|hundred)?(?:\s+of)?|"
    r"(?:millions|billions|thousands|hundreds)\s+of|worth\s+of|(?:paid|priced|"
    r"denominated|valued|pay|payment|payments|sold|bought|spent|spend)\s+(?:in|for|with)|"
    r"(?:paid|pay|priced)\s+in\s+(?:cash\s+and\s+)?)\s*\$?$",
    re.IGNORECASE,
)
_PLATFORM_BEFORE = re.compile(
    r"(?:\bon|\batop|\bbuilt\s+on|\bbridged?\s+(?:over\s+)?to|\bmigrat\w*\s+to|\bmove\w*\s+to|"
    r"\bfrom|\bacross|\bvia|\bsupport\s+for|\bsuch\s+as|\bincluding|\blike)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PLATFORM_AFTER = re.compile(
    r"^(?:-|\s)?(?:based|powered|native|compatible|focused|backed)\b|"
    r"^\s+(?:NFTs?(?!\s+(?:sales|volume|trading|market|activity|record|mint(?:s|ing)?)\b)|"
    r"non-fungible|dapps?|DeFi|wallets?|marketplaces?|L2|layer[- ]2|"
    r"scaling|sidechain|token\b(?!s? price)|protocol\s+token|project|collection|"
    r"developers?|devs?|ecosystem\s+(?:project|fund)|whales?|addresses|smart\s+contracts?|"
    r"account\s+abstraction|Name\s+Service|Studios|Ventures)\b",
    re.IGNORECASE,
)
_TITLE_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:co-?founder|founder|creator|inventor|CEO|CTO|CFO|chief|president|"
    r"executive|general\s+counsel|lead\s+developer|developer\s+relations|head|"
    r"spokesperson|co-founder|ally|allies|partners?|rivals?|backers?|investors?|lawyers?|"
    r"attorneys?|execs?|boss)\b",
    re.IGNORECASE,
)
_TITLE_BEFORE = re.compile(r"(?:killer|maxis?|maximalists?)\s*$", re.IGNORECASE)
_KILLER_AFTER = re.compile(r"^\s*(?:killer|maxis?|maximalists?)\b", re.IGNORECASE)
_INDUSTRY_AFTER = re.compile(
    r"^(?:-|\s)?\s*(?:miners?|mining|hash\s?rate|ETFs?|(?:investment\s+)?trust|funds?)\b",
    re.IGNORECASE,
)
# Capitalised headline words that are not names: title case, crypto terms, market words.
_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9$#@])")
_RUN = re.compile(r"[a-z0-9_]+")  # a run of word characters in lower-case ASCII text
_ABBREVIATIONS = re.compile(r"(?:\b(?:U\.S|U\.K|Mr|Ms|Dr|St|No|vs|Inc|Ltd|Co|Jr|Sr|e\.g|i\.e)\.)$")
_ABBREVIATION_TAIL = 8  # more than the longest abbreviation (4) and the character before it


@lru_cache(maxsize=16)
def matcher_for(assets: tuple[Asset, ...]) -> Matcher:
    """The patterns for `assets`, built once per asset list."""
    owner: dict[str, str | None] = {}
    for asset in assets:
        for bad in asset.not_names:
            owner.setdefault(key(bad), None)
    for asset in assets:
        for name in asset.names:
            owner[key(name)] = asset.ticker
    forms = sorted(owner, key=lambda form: (-len(form), form))
    names = re.compile(
        r"(?<![\w$@/.])(?i:" + "|".join(_spaced(form) for form in forms) + r")(?!\w)"
        if forms
        else r"(?!x)x"
    )
    ticker_owner = {t: a.ticker for a in assets for t in a.tickers}
    alternation = "|".join(sorted(ticker_owner, key=lambda t: (-len(t), t)))
    tickers = re.compile(
        rf"(?<![\w$@])(?:(?P<plain>{alternation})(?:s\b)?|\$(?P<cash>(?i:{alternation})))"
        rf"(?!\w)"
    )
    for t, a in ticker_owner.items():
        owner[t.casefold()] = a
    words = frozenset(max(form.split(), key=len) for form in forms)
    runs = _runs_of(forms)
    lowered = [t.lower() for t in ticker_owner]
    plain = None if runs is None or not all(map(_RUN.fullmatch, lowered)) else lowered
    ticker_runs = None if plain is None else frozenset(plain + [t + "s" for t in plain])
    return Matcher(names, tickers, owner, words, frozenset(ticker_owner), runs, ticker_runs)


def _runs_of(forms: list[str]) -> dict[str, tuple[frozenset[str], ...]] | None:
    """Each name's runs of word characters, under its longest run."""
    runs: dict[str, tuple[frozenset[str], ...]] = {}
    for form in forms:
        found = frozenset(_RUN.findall(form))
        if not form.isascii() or not found:
            return None
        longest = max(sorted(found), key=len)
        runs[longest] = (*runs.get(longest, ()), found)
    return runs


def key(form: str) -> str:
    """A name's lookup key: casefolded, single-spaced."""
    return " ".join(form.split()).casefold()


def _spaced(form: str) -> str:
    """A name as a pattern in which any run of spaces matches."""
    return r"\s+".join(re.escape(part) for part in form.split())


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences at end punctuation followed by a capital."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE.finditer(paragraph):
        # An abbreviation ends the head: its last characters, and one before for the \b.
        head = paragraph[start : match.start()].rstrip()[-_ABBREVIATION_TAIL:]
        if _ABBREVIATIONS.search(head):
            continue
        pieces.append(paragraph[start : match.start()].strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [piece for piece in pieces if piece]


def find_mentions(text: str, matcher: Matcher) -> list[tuple[int, int, str]]:
    """Every (start, end, ticker) in `text`, look-alikes such as `Bitcoin Cash` left out."""
    spans: list[tuple[int, int, str | None]] = []
    # Most sentences name no asset: a test of their words is much cheaper than the patterns.
    # A bare ticker, or one with an 's', stands between edges too: it is one of the words.
    if matcher.name_runs is not None and matcher.ticker_runs is not None and folds_plainly(text):
        words = set(_RUN.findall(text.lower()))
        named = _may_name(words, matcher.name_runs)
        tickers = "$" in text or not words.isdisjoint(matcher.ticker_runs)
    else:
        folded = text.casefold()
        named = any(word in folded for word in matcher.name_words)
        tickers = "$" in text or any(ticker in text for ticker in matcher.ticker_words)
    if named:
        for match in matcher.names.finditer(text):
            spans.append((match.start(), match.end(), matcher.owner.get(key(match.group()))))
    taken = [(a, b) for a, b, _ in spans]
    for match in matcher.tickers.finditer(text) if tickers else ():
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        symbol = match.group("plain") or match.group("cash")
        spans.append((match.start(), match.end(), matcher.owner.get(symbol.casefold())))
    return sorted((a, b, t) for a, b, t in spans if t is not None)


def _may_name(words: set[str], name_runs: dict[str, tuple[frozenset[str], ...]]) -> bool:
    """Whether a text that folds plainly, by its runs of word characters in lower case, has
    each run of some name as one of them.

    The names pattern needs that: a name's words stand between its edges, where no word
    character may be, and runs of spaces; so each run of letters and digits of a name it
    matches is a run of the text too. It passes a third of what the test by longest word
    does ("the" of "the Dow" is in most sentences), for the same mentions."""
    return any(
        runs <= words for longest in words.intersection(name_runs) for runs in name_runs[longest]
    )


def use_of(text: str, start: int, end: int) -> str:
    """How the mention at text[start:end] is used: strong, or a weak use."""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 40]
    if _TITLE_AFTER.search(after) or _TITLE_BEFORE.search(before) or _KILLER_AFTER.search(after):
        return TITLE
    if _PLATFORM_AFTER.search(after):
        return PLATFORM
    if _NUMBER_BEFORE.search(before) and not re.match(r"^\s*(?:price|holders?|'s|’s)", after):
        return UNIT
    if _PLATFORM_BEFORE.search(before):
        return PLATFORM
    return STRONG


def is_industry(text: str, start: int, end: int) -> bool:
    """A mention of the asset's own industry: `Bitcoin miners`, `GBTC`, `Bitcoin ETF`."""
    return text[start:end] == "GBTC" or bool(_INDUSTRY_AFTER.match(text[end : end + 30]))
