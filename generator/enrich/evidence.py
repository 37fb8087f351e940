"""A brief's evidence about each asset it names: where, how often and how it is named, and
what else (off the list) the story is about.

`parse` places every mention of a brief (headline, lead, section heading, body, caption,
implications) and counts its prose sentences and the off-list rivals: another coin named as
`Name (TICKER)`, or a proper name of the headline (FTX, NEAR, Magic Eden) that the body keeps
using. `weigh` sums that up per asset for the rules in assets.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.enrich.literals import Needs
from generator.enrich.mentions import (
    BODY,
    CAPTION,
    HEADING,
    HEADLINE,
    IMPLICATIONS,
    LEAD,
    LISTED,
    PLATFORM,
    STRONG,
    TITLE,
    UNIT,
    Mention,
    find_mentions,
    is_industry,
    key,
    matcher_for,
    split_sentences,
    use_of,
)
from generator.seeds.assetlist import Asset

HEADING_WORDS = 12  # a paragraph this short, without a full stop, is a heading
LIST_COINS = 3  # a sentence naming this many coins is a list

_CAPTION = re.compile(
    r"\|\s*(?:Source|Chart)\b|TradingView|^Featured image|^Image:|^Chart:|^Source:",
    re.IGNORECASE,
)
_CAPTION_NEEDS = Needs(_CAPTION)  # 'source', 'chart', ...: most paragraphs have none
_BOILERPLATE = re.compile(
    r"^(?:AD|Disclaimer\b.*|Featured image.*|–|-|Image:.*|Create an account.*|"
    r"In Todays Headline TV CryptoDaily News:?)$",
    re.IGNORECASE,
)
_NAMED_TICKER = re.compile(
    r"(?P<name>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,2})\s*\(\$?(?P<symbol>[A-Z0-9]{2,6})\)"
)
_PROPER = re.compile(r"(?<![\w$])(?P<word>[A-Z][\w-]*\w|[A-Z]{2,})(?:['’]s)?(?!\w)")
_TOKEN = re.compile(r"(?<![\w$])\w(?:[\w-]*\w)?")
_PRICE_LINE = re.compile(
    r"\b[A-Z]{2,5}/USD\b|\bagainst\s+(?:the\s+)?(?:USD|dollar)\b|\blast\s+session\b",
    re.IGNORECASE,
)
_GENERIC_WORDS = """a an the and or but of to in on at by for from with as is are was were be
    been its it
    this that these those what why how who when where which will would could should can may might
    here here's there new top big major after over under into up down out amid about than vs more
    most price prices market markets crypto cryptocurrency cryptocurrencies coin coins token
    tokens blockchain nft nfts defi web3 dao exchange exchanges bull bulls bear bears whale whales
    investors traders holders analyst analysts report says said week weekly day daily today year
    years month months news update high low record support resistance rally surge surges drop
    drops falls rises jumps soars sinks crash dump pump gains losses gain loss bullish bearish
    level levels key chart analysis prediction predictions outlook data network chain layer
    ceo founder co-founder cto us u.s usd sec i you we they he she his her their our my
    just still now again all no not first last next"""
_GENERIC = frozenset(_GENERIC_WORDS.split())


def _is_heading(paragraph: str) -> bool:
    """A short line that stands alone: a section heading, or a bulletin's price line."""
    words = paragraph.split()
    if not 0 < len(words) <= HEADING_WORDS:
        return False
    if not paragraph.rstrip().endswith((".", ":", "”", '"', ";", ",")):
        return True
    return bool(_PRICE_LINE.search(paragraph)) and len(split_sentences(paragraph)) == 1


def _offlist_names(sentence: str, known: frozenset[str]) -> list[tuple[str, ...]]:
    """Off-list coins named as `Name (TICKER)`: each as its name's first word and its ticker."""
    found: list[tuple[str, ...]] = []
    if "(" not in sentence:
        return found  # the pattern needs one: most sentences have none
    for match in _NAMED_TICKER.finditer(sentence):
        symbol = match.group("symbol")
        if symbol not in known:
            found.append((match.group("name").split()[0], symbol))
    return found


def _subjects(headline: str, taken: Sequence[tuple[int, int, str]]) -> list[str]:
    """The headline's off-list proper names: capitalised words that are not a listed asset."""
    words = []
    for match in _PROPER.finditer(headline):
        if any(a < match.end() and match.start() < b for a, b, _ in taken):
            continue
        word = match.group("word")
        if word.casefold() not in _GENERIC and len(word) >= 2:
            words.append(word)
    return words


def _words(sentence: str) -> tuple[str, frozenset[str]]:
    """A sentence's first word, and every word and hyphen-part after it."""
    tokens = _TOKEN.findall(sentence)
    rest = set(tokens[1:])
    if "-" in sentence:  # only a hyphenated token has parts besides itself
        rest.update(part for token in tokens[1:] if "-" in token for part in token.split("-"))
    return (tokens[0] if tokens else ""), frozenset(rest)


def _rival_count(
    rivals: Iterable[tuple[str, ...]], prose: Sequence[tuple[str, frozenset[str]]]
) -> int:
    """The most prose sentences any one rival appears in by any of its forms, used as a name.

    A capitalised word counts only if the body uses it after a sentence's first word somewhere
    (a name, not title case); an all-capitals form also counts capitalised (`NEAR`, `Near`).
    """
    best = 0
    for forms in set(rivals):
        variants = set(forms) | {f.capitalize() for f in forms if f.isupper() and len(f) > 3}
        inside = [bool(variants & rest) for _, rest in prose]
        hits = sum(
            1 for (first, _), mid in zip(prose, inside, strict=True) if mid or first in variants
        )
        if any(inside) or any(form.isupper() for form in forms):
            best = max(best, hits)
    return best


@dataclass(frozen=True)
class Parsed:
    """A brief's mentions, its prose sentences, and the off-list rivals' sentence counts."""

    mentions: list[Mention]
    prose: int  # prose sentences in the body
    subject: int  # most sentences naming an off-list proper name of the headline
    offlist: int  # most sentences naming an off-list coin, or the headline's off-list subject


def parse(
    headline: str,
    article: Sequence[str],
    implications: Sequence[str],
    assets: Sequence[Asset],
) -> Parsed:
    """Every mention in a brief, with its place and use, and what the brief says besides."""
    matcher = matcher_for(tuple(assets))
    mentions: list[Mention] = []
    in_headline = find_mentions(headline, matcher)
    for start, end, ticker in in_headline:
        kind = use_of(headline, start, end)
        industry = kind == STRONG and is_industry(headline, start, end)
        mentions.append(Mention(ticker, HEADLINE, kind, -1, industry=industry))
    known = frozenset(symbol for asset in assets for symbol in asset.tickers)
    prose: list[str] = []
    coins: list[tuple[str, ...]] = []
    sentence_index = 0
    lead_left = 2  # the lead: the first two sentences of prose
    for paragraph in (p.strip() for p in article):
        if not paragraph or _BOILERPLATE.match(paragraph):
            continue
        if _CAPTION_NEEDS.may_match(paragraph) and _CAPTION.search(paragraph):
            for _, _, ticker in find_mentions(paragraph, matcher):
                mentions.append(Mention(ticker, CAPTION, STRONG, sentence_index))
            sentence_index += 1
            continue
        heading = _is_heading(paragraph)
        long = len(paragraph.split()) > HEADING_WORDS  # a paragraph of prose, not a list item
        for number, sentence in enumerate(split_sentences(paragraph)):
            found = find_mentions(sentence, matcher)
            others = _offlist_names(sentence, known)
            coins += others
            many = len({t for _, _, t in found}) + len(others) >= LIST_COINS
            for start, end, ticker in found:
                kind = use_of(sentence, start, end)
                if kind == STRONG and many and not heading:
                    kind = LISTED
                industry = kind == STRONG and is_industry(sentence, start, end)
                place = HEADING if heading else (LEAD if lead_left > 0 else BODY)
                opens = number == 0 and start < 40 and not heading and long
                mentions.append(Mention(ticker, place, kind, sentence_index, opens, industry))
            sentence_index += 1
            if not heading:
                prose.append(sentence)
                lead_left -= 1
    for paragraph in implications:
        for sentence in split_sentences(paragraph):
            for _, _, ticker in find_mentions(sentence, matcher):
                mentions.append(Mention(ticker, IMPLICATIONS, STRONG, sentence_index))
            sentence_index += 1
    words = [_words(sentence) for sentence in prose]
    subject = _rival_count(((word,) for word in _subjects(headline, in_headline)), words)
    offlist = max(subject, _rival_count(coins, words))
    return Parsed(mentions, len(prose), subject, offlist)


@dataclass(frozen=True)
class Evidence:
    """What the rules look at for one asset in one brief."""

    ticker: str
    headline: int  # strong mentions in the headline
    headline_weak: int  # unit or platform mentions in the headline (`Millions of XRP`)
    headline_title: int  # title mentions in the headline (`Ripple CTO`, `Ripple ally`)
    lookalike: bool  # the headline names a look-alike instead (Bitcoin Cash for BTC)
    lead: int  # strong mentions in the lead
    heading: int  # strong mentions in section headings
    body: int  # strong mentions in the body (lead and headings included)
    weak: int  # weak-use mentions in the body
    sentences: int  # body sentences with a strong mention
    implications: int  # mentions in the implications
    opens: int  # paragraphs of prose whose first words name it
    industry: int  # sentences naming its own industry (`Bitcoin miners`, `GBTC`)


def lookalikes(headline: str, assets: Sequence[Asset]) -> set[str]:
    """Tickers whose look-alike (`Bitcoin Cash`, `Bitcoin SV`) the headline names."""
    folded = " ".join(headline.split()).casefold()
    return {a.ticker for a in assets for bad in a.not_names if key(bad) in folded}


def weigh(mentions: Iterable[Mention], unlike: Iterable[str] = ()) -> dict[str, Evidence]:
    """The evidence for each asset mentioned."""
    unlike = set(unlike)
    by_ticker: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_ticker.setdefault(mention.ticker, []).append(mention)
    evidence: dict[str, Evidence] = {}
    for ticker, items in by_ticker.items():
        inside = [m for m in items if m.place in (LEAD, HEADING, BODY)]
        strong = [m for m in inside if m.kind == STRONG]
        top_line = [m for m in items if m.place == HEADLINE]
        evidence[ticker] = Evidence(
            ticker=ticker,
            headline=sum(1 for m in top_line if m.kind == STRONG),
            headline_weak=sum(1 for m in top_line if m.kind in (UNIT, PLATFORM)),
            headline_title=sum(1 for m in top_line if m.kind == TITLE),
            lookalike=ticker in unlike,
            lead=sum(1 for m in strong if m.place == LEAD),
            heading=sum(1 for m in strong if m.place == HEADING),
            body=len(strong),
            weak=len(inside) - len(strong),
            sentences=len({m.sentence for m in strong}),
            implications=sum(1 for m in items if m.place == IMPLICATIONS),
            opens=len({m.sentence for m in strong if m.opens}),
            industry=len({m.sentence for m in items if m.industry and m.place != IMPLICATIONS}),
        )
    return evidence
