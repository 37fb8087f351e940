"""The related ranking made again after edits, only in the rows an edit can change: in the
preview after a save, and in a build from the ranking stored with the last generation.

`similar` scores each brief against every brief it shares a term with. After a save most
rows of the TF-IDF matrix are what they were: a brief's row changes when its own terms do,
or when one of its terms is now in more or fewer briefs. A row that did not change keeps
its score with every other row that did not, so its neighbours can change only through a
changed row: one that was among them, or one whose new score reaches its cut (or, in a
row that kept every candidate, any changed row it shares a term with). Those rows are made
again in full, by the code a fresh ranking runs; every other row keeps its neighbours. The
result equals a fresh ranking's, which tests/pages/test_related.py checks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from generator.pages.similarity import Check, Neighbours, similar_rows

MOST_CHANGED = 500  # changed rows beyond which a fresh ranking is as cheap
# A changed row's score with another row, computed from its own side, may differ from the
# other row's computation in the last bits; anything this close below a cut is made again.
_MARGIN = 1e-6


@dataclass(frozen=True)
class Ranking:
    """Every row's neighbours and cut (similar_rows), and the matrix they were made from."""

    matrix: sparse.csr_matrix
    columns: tuple[str, ...]  # the term of each column
    rows: tuple[Neighbours, ...]
    cuts: tuple[float | None, ...]


Ranked = tuple[tuple[str, ...], Ranking]  # a ranking, with the stems of its briefs in order


class Ranker:
    """Rankings of the briefs' text neighbours, each made from the last one (the preview's
    last rebuild's, or a stored build's) when it was of the same briefs, in the same order."""

    def __init__(self, last: Ranked | None = None, check: Check | None = None) -> None:
        self.last = last
        self._check = check  # called between blocks of rows: it may raise to stop

    def near(
        self, stems: tuple[str, ...], keep: int
    ) -> Callable[[sparse.csr_matrix, list[str]], list[Neighbours]]:
        """related_briefs' `near` for these briefs: their rows, made again where needed."""

        def made(matrix: sparse.csr_matrix, columns: list[str]) -> list[Neighbours]:
            last = self.last[1] if self.last and self.last[0] == stems else None
            made = ranking_again(last, matrix, columns, keep, self._check)
            self.last = (stems, made)
            return list(made.rows)

        return made


def ranking(
    matrix: sparse.csr_matrix, columns: Sequence[str], keep: int, check: Check | None = None
) -> Ranking:
    """A fresh ranking of every row."""
    made = list(similar_rows(matrix, range(matrix.shape[0]), keep, check))
    return Ranking(matrix, tuple(columns), tuple(r for r, _ in made), tuple(c for _, c in made))


def ranking_again(
    last: Ranking | None,
    matrix: sparse.csr_matrix,
    columns: Sequence[str],
    keep: int,
    check: Check | None = None,
) -> Ranking:
    """The ranking of `matrix`, reusing `last` (made for the same briefs, in the same order)
    in every row the changes cannot reach."""
    if last is None or last.matrix.shape[0] != matrix.shape[0]:
        return ranking(matrix, columns, keep, check)
    changed = changed_rows(last, matrix, tuple(columns))
    if len(changed) > MOST_CHANGED:
        return ranking(matrix, columns, keep, check)
    if not len(changed):
        return Ranking(matrix, tuple(columns), last.rows, last.cuts)
    scores = (matrix[changed] @ matrix.T).tocsc()  # each changed row against every row
    best = scores.max(axis=0).toarray().ravel()
    touched = np.diff(scores.indptr) > 0  # rows sharing a term with a changed row
    cuts = np.array([np.nan if c is None else c for c in last.cuts])
    kept_all = np.isnan(cuts)
    reached = np.zeros(len(cuts), dtype=bool)
    reached[~kept_all] = best[~kept_all] >= cuts[~kept_all] - _MARGIN
    redo = set(np.flatnonzero((kept_all & touched) | reached).tolist())
    redo.update(changed.tolist())
    gone = set(changed.tolist())
    redo.update(r for r, near in enumerate(last.rows) if any(o in gone for _, o in near))
    rows, row_cuts = list(last.rows), list(last.cuts)
    numbers = sorted(redo)
    for number, (near, cut) in zip(
        numbers, similar_rows(matrix, numbers, keep, check), strict=True
    ):
        rows[number], row_cuts[number] = near, cut
    return Ranking(matrix, tuple(columns), tuple(rows), tuple(row_cuts))


def changed_rows(last: Ranking, matrix: sparse.csr_matrix, columns: tuple[str, ...]) -> np.ndarray:
    """The rows whose terms or weights differ from `last`'s (columns matched by term: a
    new term shifts the columns after it)."""
    old = last.matrix
    lost = np.zeros(0, dtype=np.int64)
    if columns != last.columns:
        where = {term: number for number, term in enumerate(columns)}
        moved = np.array([where.get(t, -1) for t in last.columns], dtype=np.int64)
        entries = moved[old.indices] if len(moved) else old.indices
        row_of = np.repeat(np.arange(old.shape[0]), np.diff(old.indptr))
        present = entries >= 0
        lost = np.unique(row_of[~present])
        counts = np.bincount(row_of[present], minlength=old.shape[0])
        indptr = np.concatenate(([0], np.cumsum(counts)))
        old = sparse.csr_matrix((old.data[present], entries[present], indptr), shape=matrix.shape)
    elif old.shape != matrix.shape:
        return np.arange(matrix.shape[0])
    differ = (old != matrix).tocoo().row
    return np.union1d(np.unique(differ), lost).astype(np.int64)
