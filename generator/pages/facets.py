"""What the search index holds of a brief besides its text: the words its facets are
searched by, and the opening words a result shows when only the headline or tags matched."""

from __future__ import annotations

from collections.abc import Mapping

from generator.seeds.assetlist import Asset
from generator.seeds.model import EnrichedBrief
from generator.seeds.tagnames import tag_slug


def search_lead(item: EnrichedBrief, length: int = 160) -> str:
    """The article's opening words: a search result's excerpt when only the headline or tags
    matched, so the result never repeats its own headline."""
    text = " ".join(item.brief.article)
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + " …"


FACET = "zzf"  # starts every facet word: no reader types it


def search_facets(item: EnrichedBrief, assets: Mapping[str, Asset]) -> list[str]:
    """The words search narrows a brief by: its sentiment, each asset it is about, its month
    and tags, as `zzfsentimentbearish`, `zzfassetbtc`, `zzfmonth202301`, `zzftagbitcoinetf`.

    Indexed words, not Pagefind filters: Pagefind 1.5 writes a filter's values in hash-map
    order, so its filter index differs between two builds of the same seeds.
    """
    words = [f"{FACET}sentiment{item.brief.sentiment.slug}"]
    words += [f"{FACET}asset{_facet_value(assets[t].slug)}" for t in item.assets]
    if item.brief.date:
        words.append(f"{FACET}month{item.brief.date:%Y%m}")
    words += [f"{FACET}tag{_facet_value(tag_slug(tag))}" for tag in item.brief.tags]
    return words


def _facet_value(slug: str) -> str:
    """A slug as one indexed word: Pagefind splits words at hyphens."""
    return "".join(c for c in slug.casefold() if c.isalnum())
