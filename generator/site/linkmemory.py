"""The preview's memory of the related ranking, and the ranking made after a save that adds
or removes briefs, in the background.

A brief's related briefs come from the TF-IDF ranking (similarity.py). An edit that keeps
the set of briefs re-ranks only the rows it can reach (rerank.py), in milliseconds. A new
seed, or one removed, changes every brief's weights (the inverse document frequency counts
the briefs), so every row is ranked again: seconds at 10,000 briefs, which the save would
wait for. From `LATER_FROM` briefs on, the preview does not wait: that rebuild shows every
other brief's related briefs as the last ranking had them (without the briefs gone) and a
new brief's as none yet, and the ranking is made in the background. When it is ready and
changes a page, the preview rebuilds again (`wake`), and that rebuild renders the brief
pages whose related briefs changed: a moment later, the preview shows what `build`
publishes. A save made meanwhile stops the ranking, which would share the interpreter
with that save's rebuild; the rebuild leaves a new one for later if it still needs one.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from generator.pages.related import CANDIDATES, BriefLinks, brief_links, related_briefs
from generator.seeds.model import Brief, EnrichedBrief
from generator.site.recent import Recent

if TYPE_CHECKING:  # numpy and scipy load on first use
    from generator.pages.origins import Origins
    from generator.pages.rerank import Ranked, Ranker
    from generator.pages.similarity import Neighbours

log = logging.getLogger(__name__)

LATER_FROM = 3000  # briefs from which a save that adds or removes one does not wait for ranking
START_DELAY = 0.2  # seconds between the end of a rebuild and the ranking it left for later

Read = tuple[object, ...]  # what a ranking reads, brief by brief (LinkMemory.brief_links)
Stems = dict[str, tuple[str, ...]]  # each brief's related briefs, by stem


class _Stopped(Exception):
    """A background ranking stopped for a save."""


class LaterRanking:
    """A whole ranking made in a thread; `wake` is called once it is ready."""

    def __init__(
        self,
        read: Read,
        items: Sequence[EnrichedBrief],
        counted: dict[str, Counter[str]],
        shown: Stems,
        wake: Callable[[], None],
    ) -> None:
        self.read = read
        self.result: tuple[Stems, Ranked | None] | None = None
        self.failed = False
        self._stop = threading.Event()  # a save came: give way to its rebuild
        self._shown = shown  # the related briefs the preview shows meanwhile
        self._arguments = (items, counted, wake)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start ranking, once the rebuild that needs it is over: it would compete with it
        for the interpreter, and the reload that follows."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="preview-ranking", daemon=True)
            self._thread.start()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def stop(self) -> None:
        """A save came: stop ranking at the next block of rows, and leave the interpreter to
        its rebuild; that rebuild leaves a new ranking for later, if it still needs one."""
        self._stop.set()

    def _check(self) -> None:
        if self._stop.is_set():
            raise _Stopped

    def _run(self) -> None:
        from generator.pages.rerank import Ranker

        items, counted, wake = self._arguments
        self._arguments = ((), {}, wake)
        if self._stop.wait(START_DELAY):  # the browsers reload first
            return
        log.info("preview: ranking the related briefs again in the background")

        def terms(item: EnrichedBrief) -> Counter[str]:
            self._check()
            return counted[item.brief.stem]

        try:  # the set of briefs changed: every row is ranked again, not from the last
            ranker, order = Ranker(None, self._check), tuple(item.brief.stem for item in items)
            near = ranker.near(order, CANDIDATES)

            def checked(matrix: object, columns: list[str]) -> Iterator[Neighbours]:
                for row in near(matrix, columns):
                    self._check()
                    yield row

            stems = _stems(related_briefs(items, terms, checked))
        except _Stopped:
            log.info("preview: related briefs not ranked yet: a save came first")
            return
        except Exception as error:  # the rebuild `wake` asks for ranks them, and waits
            log.info("preview: related briefs not ranked in the background (%s)", error)
            self.failed = True
            wake()
            return
        self.result = (stems, ranker.last)
        if self._stop.is_set():  # too late: the rebuild that stopped it makes its own
            log.info("preview: related briefs ranked again; a save came first")
        elif stems == self._shown:  # taken by the next rebuild, which has nothing to render
            log.info("preview: related briefs ranked again; the pages shown have them already")
        else:
            log.info("preview: related briefs ranked again; the brief pages follow")
            wake()


class LinkMemory:
    """Each brief's terms, the last related ranking and what it was made from."""

    def __init__(self) -> None:
        self.related: tuple[Read, Stems] | None = None
        self.terms: Recent[str, tuple[Brief, tuple[str, ...], Counter[str]]] = Recent()
        self.ranker: Ranker | None = None  # the last related ranking, by the briefs' stems
        self.later: LaterRanking | None = None
        # the kept ranking, and the briefs and links last made from it (`_linked`)
        self._made: tuple[object, tuple[EnrichedBrief, ...], dict[str, BriefLinks]] | None = None

    def brief_links(
        self,
        items: Sequence[EnrichedBrief],
        taking: Origins | None,
        wake: Callable[[], None] | None,
    ) -> dict[str, BriefLinks]:
        """Every brief's links; the related ranking is reused while what it reads (headlines,
        terms, tags, assets, dates, in this order) is unchanged: a label edit, or an edit
        past the article's lead that leaves its terms as they were, re-ranks nothing. With
        `wake`, a change to the set of briefs is ranked in the background (see above)."""
        read = tuple(
            (i.brief.stem, i.brief.headline, self._terms(i), i.brief.tags, i.assets, i.brief.date)
            for i in items
        )
        later, self.later = self.later, None
        if later is not None and later.result is not None and later.read == read:
            self.related, self._ranker(taking).last = (read, later.result[0]), later.result[1]
        if self.related is not None and self.related[0] == read:
            return self._linked(items)
        if wake is not None and self._briefs_changed(items) and not (later and later.failed):
            assert self.related is not None
            shown = _by_stem(items, self.related[1])
            counted = {stem: terms for stem, _, terms, *_ in read}
            self.later = LaterRanking(read, items, counted, _stems(shown), wake)
            return brief_links(items, shown)
        order = tuple(item.brief.stem for item in items)
        ranked = related_briefs(  # each brief's terms were counted above
            items, self._terms, self._ranker(taking).near(order, CANDIDATES)
        )
        self.related = (read, _stems(ranked))
        links = brief_links(items, ranked)
        self._made = (self.related, tuple(items), links)
        return links

    def _linked(self, items: Sequence[EnrichedBrief]) -> dict[str, BriefLinks]:
        """`brief_links` of the kept ranking, which read what `items` read. When the last
        call had this very ranking (so the same briefs, in the same order, with the same
        dates), its links, with the briefs that are new objects (a label edit) swapped in."""
        assert self.related is not None
        made, now = self._made, tuple(items)
        if made is None or made[0] is not self.related:
            links = brief_links(now, _by_stem(now, self.related[1]))
        else:
            fresh = {i.brief.stem: i for i, was in zip(now, made[1], strict=True) if i is not was}
            links = {s: _swapped(link, fresh) for s, link in made[2].items()} if fresh else made[2]
        self._made = (self.related, now, links)
        return links

    def start_later(self) -> None:
        """The rebuild is over: start the ranking it left for later, if any."""
        if self.later is not None:
            self.later.start()

    def stop_later(self) -> None:
        """A rebuild begins: a ranking still running gives way (LaterRanking.stop)."""
        if self.later is not None and self.later.result is None:
            self.later.stop()

    def _briefs_changed(self, items: Sequence[EnrichedBrief]) -> bool:
        """Whether briefs were added or removed since the last ranking, at a size where
        ranking them all again is worth not waiting for."""
        if self.related is None or len(items) < LATER_FROM:
            return False
        last = self.related[1]
        return len(last) != len(items) or any(i.brief.stem not in last for i in items)

    def _ranker(self, taking: Origins | None) -> Ranker:
        """The ranker keeping the last ranking (rerank.py); a stored generation's, offered
        to this one (Memory.take), when none is kept yet."""
        from generator.pages.rerank import Ranker

        if self.ranker is None:
            self.ranker = Ranker()
        if self.ranker.last is None and taking is not None:
            self.ranker.last = taking.ranking
        return self.ranker

    def _terms(self, item: EnrichedBrief) -> Counter[str]:
        """A brief's terms for the related ranking, counted again only when its Brief (or
        its assets) changed: an edit re-ranks every brief, but re-reads one."""
        found = self.terms.get(item.brief.stem)
        if found is not None and found[0] is item.brief and found[1] == item.assets:
            counted = found[2]
        else:
            from generator.pages.similarity import terms

            counted = terms(item)
        self.terms.put(item.brief.stem, (item.brief, item.assets, counted))
        return counted


def _by_stem(items: Sequence[EnrichedBrief], stems: Stems) -> dict[str, tuple[EnrichedBrief, ...]]:
    """The related briefs of `stems` as items; a brief gone is left out, and a brief the
    ranking does not know yet has none."""
    by_stem = {item.brief.stem: item for item in items}
    return {
        item.brief.stem: tuple(by_stem[s] for s in stems.get(item.brief.stem, ()) if s in by_stem)
        for item in items
    }


def _swapped(links: BriefLinks, fresh: dict[str, EnrichedBrief]) -> BriefLinks:
    """`links` with each brief that `fresh` holds anew (by stem) in place of its old self."""
    linked = (*links.related, links.previous, links.next)
    if not any(item is not None and item.brief.stem in fresh for item in linked):
        return links

    def new(item: EnrichedBrief | None) -> EnrichedBrief | None:
        return None if item is None else fresh.get(item.brief.stem, item)

    related = tuple(fresh.get(item.brief.stem, item) for item in links.related)
    return BriefLinks(related, new(links.previous), new(links.next))


def _stems(ranked: dict[str, tuple[EnrichedBrief, ...]]) -> Stems:
    return {stem: tuple(item.brief.stem for item in near) for stem, near in ranked.items()}
