"""Textual similarity of briefs: TF-IDF vectors compared through sparse matrices.

Each brief becomes a vector of its headline (counted twice), article, tags and assets;
only its `TERMS` heaviest terms are kept, so the product of the matrix with its transpose
touches only pairs of briefs that share a distinctive term (never all pairs), and it is
computed in blocks of rows to hold memory down. scipy's product sums in a fixed order, so
the same briefs give the same scores on every build.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

import numpy as np
from scipy import sparse

from generator.seeds.model import EnrichedBrief
from generator.seeds.tagnames import tag_key

TERMS = 40  # terms kept per brief: enough to find its neighbours, few enough to stay sparse
BLOCK = 2000  # rows multiplied at once
LEAD = 1000  # characters of the article read: a news story's subject is in its lead
_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP_WORDS = """about above after again against also among and any are around because been before
being below between both but can could did does doing down during each even few for from
further had has have having her here hers him his how however into its itself just last
later like many more most much must near new not now off once one only other our out over
own said same say says she should since some such than that the their them then there
these they this those through too under until very was way week were what when where
which while who whom why will with within would year years yet you your"""
_STOP = frozenset(_STOP_WORDS.split())


def terms(item: EnrichedBrief) -> Counter[str]:
    """The words of a brief's headline (twice) and lead, with its tags and assets."""
    brief = item.brief
    lead = " ".join(brief.article)[:LEAD]
    words = _WORD.findall(brief.headline.casefold()) * 2 + _WORD.findall(lead.casefold())
    counts = Counter(words)
    for word in _STOP.intersection(counts):
        del counts[word]
    for tag in brief.tags:
        counts["#" + tag_key(tag)] += 2
    for ticker in item.assets:
        counts["$" + ticker] += 2
    return counts


Counted = Callable[[EnrichedBrief], Counter[str]]  # `terms`, or a memory of it


def tfidf_matrix(items: Sequence[EnrichedBrief], counted: Counted = terms) -> sparse.csr_matrix:
    """One L2-normalized row per brief, holding its `TERMS` heaviest TF-IDF weights;
    `counted` gives each brief's terms."""
    return tfidf(items, counted)[0]


def tfidf(
    items: Sequence[EnrichedBrief], counted: Counted = terms
) -> tuple[sparse.csr_matrix, list[str]]:
    """`tfidf_matrix`, and the term of each of its columns (in alphabetical order)."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    counts: list[int] = []
    for number, found in enumerate(counted(item) for item in items):
        rows += [number] * len(found)
        columns += [vocabulary.setdefault(term, len(vocabulary)) for term in found]
        counts += found.values()
    total = len(items)
    shape = (total, max(1, len(vocabulary)))
    if not rows:
        return sparse.csr_matrix(shape), sorted(vocabulary)
    alphabetical = np.empty(len(vocabulary), dtype=np.int64)  # ties go by term, not by chance
    alphabetical[[vocabulary[t] for t in sorted(vocabulary)]] = np.arange(len(vocabulary))
    row = np.array(rows, dtype=np.int64)
    column = alphabetical[np.array(columns, dtype=np.int64)]
    frequency = np.bincount(column, minlength=len(vocabulary))
    weight = (1 + np.log(np.array(counts, dtype=np.float64))) * np.log(
        (1 + total) / (1 + frequency[column])
    )
    shared = frequency[column] > 1  # a term no other brief has matches nothing
    row, column, weight = row[shared], column[shared], weight[shared]
    order = np.lexsort((column, -weight, row))
    row, column, weight = row[order], column[order], weight[order]
    starts = np.searchsorted(row, np.arange(total))
    kept = np.arange(len(row)) - starts[row] < TERMS
    row, column, weight = row[kept], column[kept], weight[kept]
    norms = np.sqrt(np.bincount(row, weights=weight * weight, minlength=total))
    weight = weight / np.where(norms > 0, norms, 1.0)[row]
    return sparse.csr_matrix((weight, (row, column)), shape=shape), sorted(vocabulary)


_SLACK = 2e-9  # a score this close below the cut may round up to it


Neighbours = list[tuple[float, int]]  # (cosine, row), best first
Check = Callable[[], None]  # called between blocks of rows; it raises to stop the ranking


def similar(matrix: sparse.csr_matrix, keep: int) -> Iterator[Neighbours]:
    """For each row, its `keep` most similar other rows as (cosine, row), best first."""
    for neighbours, _ in similar_rows(matrix, range(matrix.shape[0]), keep):
        yield neighbours


def similar_rows(
    matrix: sparse.csr_matrix, rows: Sequence[int], keep: int, check: Check | None = None
) -> Iterator[tuple[Neighbours, float | None]]:
    """`similar` for these rows, each with its cut: the lowest rounded score kept, or None
    when the row kept every row it shares a term with. A row's scores do not depend on
    which rows are multiplied with it, so a row made alone is a row made in a block."""
    transposed = matrix.T.tocsc()
    for start in range(0, len(rows), BLOCK):
        if check is not None:
            check()  # may raise: the caller stops
        numbers = rows[start : start + BLOCK]
        block = (matrix[np.asarray(numbers, dtype=np.int64)] @ transposed).tocsr()
        indptr, indices, data = block.indptr.tolist(), block.indices, block.data
        for offset, number in enumerate(numbers):
            low, high = indptr[offset], indptr[offset + 1]
            yield select(indices[low:high], data[low:high], number, keep)


def select(
    others: np.ndarray, scores: np.ndarray, number: int, keep: int
) -> tuple[Neighbours, float | None]:
    """Row `number`'s best `keep` others from its scores, and its cut (see similar_rows)."""
    cut = None
    # Scores are rounded to 9 places, for the same ties on every machine; only a row's
    # candidates, not the whole product: the cut is found on the raw scores (the row's
    # `keep + 1`-th best: one more for the row itself), widened by `_SLACK` to every score
    # that may round to it, then made again on the rounded scores of those few, in Python.
    size = len(others)
    if size > keep + 1:
        near = np.flatnonzero(
            scores >= np.partition(scores, size - keep - 1)[size - keep - 1] - _SLACK
        )
        rounded = np.round(scores[near], 9).tolist()
        cut = sorted(rounded, reverse=True)[keep]
        chosen = [
            (-score, other)
            for score, other in zip(rounded, others[near].tolist(), strict=True)
            if score >= cut
        ]
    else:
        chosen = list(zip((-np.round(scores, 9)).tolist(), others.tolist(), strict=True))
    chosen.sort()
    return [(-score, other) for score, other in chosen if other != number], cut
