"""The whole-generation memo: reused only when every input is the same."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator.config import BriefsConfig
from generator.pages import rerank
from generator.pipeline import generate
from generator.seeds.errors import SeedError
from tests.builders import ARTICLE, ROOT, count_renders, seed

SITE = ("Briefs", True, "https://example.org/")


def project(tmp_path: Path) -> BriefsConfig:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    for index in range(3):
        article = f"Story number {index} begins here. {ARTICLE}"
        (briefs / f"00{index}_b.txt").write_bytes(seed(article=article))
    templates = ROOT / "templates"
    shutil.copytree(templates, tmp_path / "templates")
    return BriefsConfig(root=tmp_path)


def reused(config: BriefsConfig) -> bool:
    """Whether a generation came from the memo: nothing parsed, enriched or rendered."""
    result = generate(config, *SITE)
    return result.timings.render == 0.0 and result.timings.enrich.computed == 0


def test_same_inputs_reuse_the_generation_and_give_the_same_files(tmp_path: Path) -> None:
    config = project(tmp_path)
    first = generate(config, *SITE)
    assert first.timings.enrich.computed == 3
    again = generate(config, *SITE)
    assert again.timings.render == 0.0
    assert again.files == first.files and again.tag_pages == first.tag_pages


@pytest.mark.parametrize("change", ["seed", "new seed", "settings", "site", "epoch", "template"])
def test_any_changed_input_generates_again(tmp_path: Path, change: str) -> None:
    config = project(tmp_path)
    generate(config, *SITE)
    assert reused(config)
    if change == "seed":
        (tmp_path / "briefs/001_b.txt").write_bytes(seed(headline="A Different Headline"))
    elif change == "new seed":
        (tmp_path / "briefs/009_b.txt").write_bytes(seed(headline="One More Brief"))
    elif change == "settings":
        config = BriefsConfig(root=tmp_path, summary_sentences=1)
    elif change == "site":
        assert generate(config, "Other Name", True, "https://example.org/").timings.render > 0
        return
    elif change == "template":
        with (tmp_path / "templates/brief.md.j2").open("a", encoding="utf-8") as template:
            template.write("{# a comment #}\n")
    else:
        config = replace(config, build_time=config.build_time + dt.timedelta(days=1))
    assert not reused(config)
    assert reused(config)


def test_a_broken_seed_is_never_memoized(tmp_path: Path) -> None:
    config = project(tmp_path)
    generate(config, *SITE)
    (tmp_path / "briefs/001_b.txt").write_bytes(b"Only a headline\n")
    with pytest.raises(SeedError, match=r"001_b\.txt"):
        generate(config, *SITE)
    with pytest.raises(SeedError, match=r"001_b\.txt"):
        generate(config, *SITE)


def test_a_checkout_elsewhere_with_the_cache_restored_reuses_it(tmp_path: Path) -> None:
    """As CI restores `.cache` into a fresh checkout: another folder, new file times."""
    (tmp_path / "a").mkdir()
    first = generate(project(tmp_path / "a"), *SITE)
    clone = tmp_path / "elsewhere/b"
    shutil.copytree(tmp_path / "a", clone, copy_function=shutil.copy)  # new file times
    config = BriefsConfig(root=clone)
    again = generate(config, *SITE)
    assert again.timings.render == 0.0 and again.files == first.files
    (clone / "briefs/001_b.txt").write_bytes(seed(article=f"Edited in the clone. {ARTICLE}"))
    edited = generate(config, *SITE)
    assert (edited.timings.enrich.computed, edited.timings.enrich.cached) == (1, 2)


def test_a_stale_generation_is_never_read_back(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Only its key is: the rest of the file (here garbage that would fail to load) is
    left unread, and replaced by the new generation."""
    import pickle

    config = project(tmp_path)
    generate(config, *SITE)
    stale = ("a key from other inputs", "made with other settings or code")
    with config.memo_path.open("wb") as stream:
        pickle.dump(stale, stream)
        stream.write(b"\x00garbage{not a pickle\xff" * 10)
    with caplog.at_level("WARNING"):
        assert not reused(config)
    assert caplog.records == []
    with config.memo_path.open("rb") as stream:
        assert pickle.load(stream) != stale
    assert reused(config)


TOPICS = (
    ("Bitcoin", "Bitcoin miners sold reserves as hash rates climbed to a record."),
    ("Ether", "Ether staking deposits rose after the network upgrade went live."),
    ("Solana", "Solana validators patched a bug that slowed block production."),
    ("Gold", "Gold futures slipped as the dollar firmed against the euro."),
    ("Oil", "Crude oil inventories fell for a third straight week as refiners bought."),
    ("Yen", "The yen weakened after the central bank held its rates."),
    ("Copper", "Copper prices jumped on supply cuts at two large mines."),
    ("Wheat", "Wheat harvest estimates were cut after a dry spring; refiners bought."),
)


def dated_project(tmp_path: Path) -> BriefsConfig:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    for index, (name, article) in enumerate(TOPICS):
        text = seed(
            headline=" ".join(article.split()[:4]).title(),  # no word in common
            article=article,
            front=f"date: 2025-06-{index + 1:02d}",
            keywords=name,
            implications=f"Watch the next {name.lower()} report.",
        )
        (briefs / f"00{index}_{name.lower()}.txt").write_bytes(text)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return BriefsConfig(root=tmp_path)


@pytest.mark.parametrize("edit", ["headline", "article", "new seed", "removed seed"])
def test_a_build_after_seed_edits_takes_the_pages_of_briefs_made_from_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str
) -> None:
    """When only seeds changed since the stored generation, a brief page made from the same
    briefs (its own, previous, next and related) is taken from it, not rendered; the others
    are rendered, and the files equal a fresh generation's."""
    config = dated_project(tmp_path)
    generate(config, *SITE)
    briefs = tmp_path / "briefs"
    if edit == "headline":  # shown on its neighbours' pages, and on wheat's, related to it
        path = briefs / "004_oil.txt"
        path.write_bytes(path.read_bytes().replace(b"Oil Inventories", b"Oil Stocks"))
    elif edit == "article":
        path = briefs / "004_oil.txt"
        path.write_bytes(path.read_bytes().replace(b"third straight", b"fourth straight"))
    elif edit == "new seed":  # the newest: the last brief's next
        article = "Tin smelters in Asia raised their output quotas."
        tin = seed(
            "Tin Smelters Raise Quotas", article, keywords="Tin", implications="Tin may rise."
        )
        (briefs / "009_tin.txt").write_bytes(
            tin.replace(b"Tin Smelters", b"---\ndate: 2025-07-01\n---\nTin Smelters", 1)
        )
    else:
        (briefs / "004_oil.txt").unlink()
    rendered = count_renders(monkeypatch)
    fresh_rankings: list[int] = []
    real_ranking = rerank.ranking

    def counted(matrix: object, columns: object, keep: int, check: object = None) -> rerank.Ranking:
        fresh_rankings.append(keep)
        return real_ranking(matrix, columns, keep, check)  # type: ignore[arg-type]

    monkeypatch.setattr(rerank, "ranking", counted)
    taken = generate(config, *SITE)
    # the same briefs in the same order: ranked again from the stored ranking, in part
    assert len(fresh_rankings) == (1 if edit in ("new seed", "removed seed") else 0)
    made, lists = rendered.count("brief.md.j2"), len(rendered) - rendered.count("brief.md.j2")
    assert 0 < made < len(TOPICS) - 1
    config.memo_path.unlink()
    rendered.clear()
    fresh = generate(config, *SITE)
    assert rendered.count("brief.md.j2") == len(fresh.origins) > made
    assert 0 < lists < len(rendered) - len(fresh.origins)  # the pages no edit reaches: taken
    assert taken.files == fresh.files and taken.origins == fresh.origins
    assert taken.rendered == fresh.rendered
    assert taken.ranking and fresh.ranking and taken.ranking[0] == fresh.ranking[0]
    assert taken.ranking[1].rows == fresh.ranking[1].rows


@pytest.mark.parametrize("change", ["settings", "site", "template"])
def test_a_stored_generation_made_otherwise_offers_nothing(tmp_path: Path, change: str) -> None:
    """Seeds edited and, since the stored generation, a setting, the site's addresses or a
    template changed too: nothing is taken from it, and the files are a fresh generation's."""
    config = dated_project(tmp_path)
    generate(config, *SITE)
    path = tmp_path / "briefs/004_oil.txt"
    path.write_bytes(path.read_bytes().replace(b"third straight", b"fourth straight"))
    site = SITE
    if change == "settings":
        config = BriefsConfig(root=tmp_path, summary_sentences=1)
    elif change == "site":
        site = (SITE[0], False, SITE[2])  # pages at briefs/x.html, not briefs/x/
    else:
        template = tmp_path / "templates/brief.md.j2"
        text = template.read_text(encoding="utf-8")
        template.write_text(text.replace("## Implications", "## What It Means"), "utf-8")
    result = generate(config, *site)
    assert result.timings.taken == 0 and result.timings.render > 0
    config.memo_path.unlink()
    assert generate(config, *site).files == result.files
