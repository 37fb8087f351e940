"""Related briefs, and previous and next in publication order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.config import DEFAULT_SENTIMENTS
from generator.pages.related import brief_links, publication_order, related_briefs
from generator.seeds.model import Brief, EnrichedBrief, FrontMatter, Readability
from tests.sitecheck import parse_html


def item(
    stem: str,
    headline: str,
    article: str = "Markets moved.",
    day: str | None = None,
    assets: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
) -> EnrichedBrief:
    front = FrontMatter(date=dt.date.fromisoformat(day) if day else None, tags=tags)
    brief = Brief(
        path=f"briefs/{stem}.txt", stem=stem, slug=stem, headline=headline, article=(article,),
        keywords=(), sentiment=DEFAULT_SENTIMENTS[0], implications=("I.",), front=front,
    )  # fmt: skip
    return EnrichedBrief(brief, ("S.",), Readability(50.0, 10.0, 60, 200), assets)


def stems(items: tuple[EnrichedBrief, ...] | list[EnrichedBrief]) -> list[str]:
    return [i.brief.stem for i in items]


ITEMS = [
    item("01", "Solana outage halts validators", "Solana validators halted after an outage.",
         "2025-06-01", ("SOL",)),
    item("02", "Validators restart Solana after outage", "Solana validators restarted the "
         "network after the outage.", "2025-06-02", ("SOL",)),
    item("03", "Ether staking withdrawals climb", "Ether stakers withdrew after the upgrade.",
         "2025-06-02", ("ETH",)),
    item("04", "Bitcoin miners sell", "Bitcoin miners sold reserves.", "2025-06-01", ("BTC",)),
    item("05", "Bitcoin funds add assets", "Bitcoin funds added assets.", "2025-06-03",
         ("BTC",)),
    item("06", "Bitcoin hash rate record", "Bitcoin hash rate hit a record.", None, ("BTC",)),
    item("07", "Solana outage halts validators", "The same story filed twice.", "2025-06-04",
         ("SOL",)),
    item("08", "Gold steadies", "Bullion traders waited.", None, (), ("Gold",)),
    item("09", "Gold climbs", "Bullion buyers returned.", None, (), ("Gold",)),
]  # fmt: skip


def test_related_share_text_and_assets_never_the_same_headline() -> None:
    related = related_briefs(ITEMS)
    assert stems(related["01"])[0] == "02"  # the same outage, told again
    assert "07" not in stems(related["01"])  # the same headline: the same story
    assert stems(related["04"])[:2] == ["05", "06"]  # Bitcoin, newest first on a tie
    assert stems(related["08"]) == ["09"]  # a shared tag, and nothing else to fill with


def test_too_few_text_neighbours_are_filled_with_briefs_on_the_same_asset() -> None:
    days = ["2025-06-01", "2025-06-05", "2025-06-02", "2025-06-20", "2025-05-01"]
    words = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
    items = [  # every brief is about BTC and shares no word: no text neighbours at all
        item(f"0{n}", f"{w} headline", f"{w}ish story.", day, ("BTC",))
        for n, (w, day) in enumerate(zip(words, days, strict=True))
    ]
    related = related_briefs(items)
    assert stems(related["00"]) == ["02", "01", "03"]  # 1, 4 and 19 days away; "04" is 31
    assert stems(related["03"]) == ["01", "02", "00"]


def test_related_are_the_same_on_every_run_whatever_the_input_order() -> None:
    first = related_briefs(ITEMS)
    again = related_briefs(list(reversed(ITEMS)))
    assert {k: stems(v) for k, v in first.items()} == {k: stems(v) for k, v in again.items()}


def test_previous_and_next_walk_a_day_before_the_next_day_undated_apart() -> None:
    chains = publication_order(ITEMS)
    assert [stems(chain) for chain in chains] == [
        ["01", "04", "02", "03", "05", "07"], ["06", "08", "09"],
    ]  # fmt: skip
    links = brief_links(ITEMS)
    assert links["04"].previous == ITEMS[0] and links["04"].next == ITEMS[1]
    assert links["01"].previous is None and links["07"].next is None
    assert links["06"].previous is None and links["09"].next is None


def test_brief_pages_end_with_related_briefs_and_previous_next(market: Path) -> None:
    page = parse_html(market / "briefs/001_btc/index.html")
    text = page.content_text
    assert "Related briefs" in text
    related = text[text.index("Related briefs") :]
    assert "Bitcoin" in related and "Previous" in related and "Next" in related
    links = [e.attrs for e in page.content_elements if e.tag == "a" and "rel" in e.attrs]
    assert [(a["rel"], a["href"]) for a in links] == [
        ("prev", "../007_btc/"), ("next", "../002_eth/"),
    ]  # fmt: skip


def reference_similar(matrix: object, keep: int) -> list[list[tuple[float, int]]]:
    """`similar` as first written: the whole product rounded, then each row cut at its
    (keep + 1)-th best score with every tie kept."""
    import numpy as np

    product = np.round((matrix @ matrix.T).toarray(), 9)  # type: ignore[attr-defined]
    rows = []
    for number, scores in enumerate(product):
        others = np.flatnonzero(scores)
        values = scores[others]
        if len(others) > keep + 1:
            cut = np.sort(values)[::-1][keep]
            others, values = others[values >= cut], values[values >= cut]
        pairs = sorted((-v, o) for v, o in zip(values.tolist(), others.tolist(), strict=True))
        rows.append([(-v, o) for v, o in pairs if o != number])
    return rows


def test_only_the_candidates_are_rounded_and_the_ties_at_the_cut_are_all_kept() -> None:
    """Rows with many exact and near ties (scores a rounding apart) around the cut."""
    import numpy as np
    from scipy import sparse

    from generator.pages.similarity import similar

    rng = np.random.default_rng(7)
    base = rng.random((30, 12)) * (rng.random((30, 12)) < 0.4)
    rows = [base[i % 30] for i in range(150)]  # five copies of each: exact ties
    dense = np.array(rows)
    first = (dense != 0).argmax(axis=1)
    dense[np.arange(150), first] += (np.arange(150) // 30) * 2e-10  # ties only once rounded
    dense /= np.linalg.norm(dense, axis=1, keepdims=True).clip(1e-12)
    matrix = sparse.csr_matrix(dense)
    for keep in (1, 4, 12):
        assert list(similar(matrix, keep)) == reference_similar(matrix, keep)


def test_a_ranking_made_again_after_edits_equals_a_fresh_one() -> None:
    """rerank.py keeps the rows no edit can reach: after edits of a few rows (new terms,
    lost terms, weights), of a term's weight in every row (a document frequency moving),
    and of nothing, it gives what a fresh ranking gives, with the ties at the cuts."""
    import numpy as np
    from scipy import sparse

    from generator.pages.rerank import ranking, ranking_again

    rng = np.random.default_rng(11)
    vocabulary = [f"t{n:03d}" for n in range(80)]

    def matrix(weights: dict[int, dict[str, float]]) -> tuple[object, list[str]]:
        columns = sorted({term for row in weights.values() for term in row})
        where = {term: number for number, term in enumerate(columns)}
        dense = np.zeros((len(weights), len(columns)))
        for row, terms in weights.items():
            for term, weight in terms.items():
                dense[row, where[term]] = weight
        dense /= np.linalg.norm(dense, axis=1, keepdims=True).clip(1e-12)
        return sparse.csr_matrix(dense), columns

    weights = {
        row: {str(t): float(rng.integers(1, 4)) for t in rng.choice(vocabulary, 6)}
        for row in range(400)
    }
    for row in range(0, 390, 7):  # exact ties: copies of an earlier row
        weights[row] = dict(weights[row // 2])
    for row in range(390, 400):  # rows with one neighbour or none: they keep every candidate
        weights[row] = {f"rare{row // 2}": 1.0}
    last = ranking(*matrix(weights), 4)
    edits = [
        lambda w: w[5].update({"new-term": 3.0}),
        lambda w: w[17].pop(next(iter(w[17]))),
        lambda w: w[200].update({t: w[200][t] * 2 for t in w[200]}),
        lambda w: [row.update({"t010": row["t010"] * 1.5}) for row in w.values() if "t010" in row],
        lambda w: None,
        lambda w: w.update({3: dict(w[4]), 9: {"t001": 1.0}}),
        lambda w: w[100].update({"rare195": 0.5}),  # a new neighbour of rows 390 and 391
        lambda w: w[392].update({"t020": 0.1}),
    ]
    for edit in edits:
        edit(weights)
        made, columns = matrix(weights)
        again = ranking_again(last, made, columns, 4)
        fresh = ranking(made, columns, 4)
        assert again.rows == fresh.rows and again.cuts == fresh.cuts
        last = again
