"""Seed parsing: paired fixtures in tests/seeds/fixtures, plus the format's equivalences."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.config import DEFAULT_SENTIMENTS, BriefsConfig, make_sentiment
from generator.seeds.errors import SeedError
from generator.seeds.model import Brief
from generator.seeds.parse import load_all, loads
from tests.builders import ROOT, seed

SEEDS = Path(__file__).parent / "fixtures"
VALID = sorted(p for p in SEEDS.glob("*.txt") if p.with_suffix(".expected.json").exists())
INVALID = sorted(
    p
    for p in SEEDS.glob("*.txt")
    if not p.name.endswith(".error.txt") and p.with_name(p.stem + ".error.txt").exists()
)


def parse(data: bytes, name: str = "x") -> Brief:
    return loads(data, f"briefs/{name}.txt", name, DEFAULT_SENTIMENTS)


def as_dict(brief: Brief) -> dict[str, Any]:
    return {
        "headline": brief.headline,
        "article": list(brief.article),
        "keywords": list(brief.keywords),
        "sentiment": brief.sentiment.name,
        "implications": list(brief.implications),
        "slug": brief.slug,
        "date": brief.date.isoformat() if brief.date else None,
        "tags": list(brief.tags),
        "source": brief.front.source,
        "summary": brief.front.summary,
        "draft": brief.front.draft,
    }


def test_fixtures_are_paired() -> None:
    seeds = [p for p in SEEDS.glob("*.txt") if not p.name.endswith(".error.txt")]
    assert len(VALID) + len(INVALID) == len(seeds) >= 20


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_seed(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert as_dict(parse(path.read_bytes(), path.stem)) == expected


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_seed(path: Path) -> None:
    expected = path.with_name(path.stem + ".error.txt").read_text(encoding="utf-8")
    with pytest.raises(SeedError) as caught:
        parse(path.read_bytes(), path.stem)
    assert "".join(f"{p}\n" for p in caught.value.problems) == expected


def test_crlf_bom_and_blank_lines_parse_to_the_same_brief() -> None:
    plain = parse(seed())
    assert parse(seed(newline="\r\n")) == plain
    assert parse(b"\xef\xbb\xbf" + seed()) == plain
    assert parse(seed(gap="\n")) == plain
    assert parse(b"\xef\xbb\xbf" + seed(gap="\n  \n", newline="\r\n")) == plain
    assert parse(seed(newline="\r")) == plain


def test_labels_are_case_insensitive_and_canonical() -> None:
    assert parse(seed(label="  bULLish ")).sentiment.name == "Bullish"


def test_configured_labels_replace_the_default() -> None:
    labels = (make_sentiment("Up"), make_sentiment("Down"))
    brief = loads(seed(label="down"), "briefs/x.txt", "x", labels)
    assert brief.sentiment.name == "Down"
    with pytest.raises(SeedError, match=r"unknown sentiment 'Bullish'; expected one of Up, Down$"):
        loads(seed(label="Bullish"), "briefs/x.txt", "x", labels)


def test_keyword_parenthesis_becomes_tags_and_leaves_the_article() -> None:
    brief = parse(seed(keywords="Alibaba Qwen, Junyang Lin,  , AI leadership"))
    assert brief.keywords == ("Alibaba Qwen", "Junyang Lin", "AI leadership")
    assert "Main keywords" not in " ".join(brief.article)
    assert brief.article[-1].endswith("Fed meeting.")


def test_editing_the_headline_keeps_the_url() -> None:
    assert parse(seed(headline="One")).slug == parse(seed(headline="Two")).slug == "x"


def test_the_first_brief_parses() -> None:
    brief = parse((ROOT / "briefs/000_9a8fa79c9f871b61.txt").read_bytes())
    assert brief.headline.startswith("Alibaba Qwen Technical Lead Junyang Lin Departs")
    assert brief.sentiment.name == "Neutral"
    assert brief.tags == (
        "Alibaba Qwen",
        "Junyang Lin",
        "Qwen 3.5",
        "AI leadership",
        "open-weight models",
    )
    assert brief.article[-1].endswith("internal succession and execution.")


def config_for(tmp_path: Path, **settings: Any) -> BriefsConfig:
    (tmp_path / "briefs").mkdir(exist_ok=True)
    return BriefsConfig(root=tmp_path, **settings)


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    (tmp_path / "briefs/001_a.txt").write_bytes(seed(label="Bulish"))
    (tmp_path / "briefs/002_b.txt").write_bytes(seed(front="tgas: x\ndate: nope"))
    (tmp_path / "briefs/003_ok.txt").write_bytes(seed())
    with pytest.raises(SeedError) as caught:
        load_all(config)
    assert [str(p) for p in caught.value.problems] == [
        "briefs/001_a.txt:3: unknown sentiment 'Bulish'; expected one of Bullish, Bearish, "
        "Neutral (did you mean Bullish?)",
        "briefs/002_b.txt:2: unknown front-matter key 'tgas'; expected one of date, tags, "
        "slug, source, summary, draft, assets (did you mean tags?)",
        "briefs/002_b.txt:3: front matter 'date': expected an ISO date such as 2025-06-09, "
        "got 'nope'",
    ]


def test_duplicate_slug_names_both_files(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    (tmp_path / "briefs/001_a.txt").write_bytes(seed(front="slug: same"))
    (tmp_path / "briefs/002_b.txt").write_bytes(seed(front="date: 2025-01-01\nslug: same"))
    with pytest.raises(SeedError) as caught:
        load_all(config)
    assert [str(p) for p in caught.value.problems] == [
        "briefs/002_b.txt:3: duplicate slug 'same', also used by briefs/001_a.txt; "
        "rename one file or set a different 'slug:'"
    ]


def test_oversized_seed_is_rejected_before_it_is_read(tmp_path: Path) -> None:
    config = config_for(tmp_path, max_seed_bytes=1_000)
    (tmp_path / "briefs/001_big.txt").write_bytes(seed(article="Word. " * 400))
    with pytest.raises(SeedError, match=r"001_big.txt:1: file is 2,\d{3} bytes, over the limit"):
        load_all(config)


def test_symlink_outside_briefs_is_not_read(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_bytes(seed())
    (tmp_path / "briefs/001_link.txt").symlink_to(secret)
    with pytest.raises(SeedError, match=r"001_link\.txt:1: symbolic link points outside"):
        load_all(config)


def test_file_name_that_cannot_be_a_url(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    (tmp_path / "briefs/my brief.txt").write_bytes(seed())
    with pytest.raises(SeedError, match=r"my brief\.txt:1: file name 'my brief' cannot be used"):
        load_all(config)
    (tmp_path / "briefs/my brief.txt").write_bytes(seed(front="slug: my-brief"))
    assert load_all(config)[0].slug == "my-brief"
