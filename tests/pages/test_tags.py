"""Tag pages at addresses made from the tag alone: Unicode kept, never renumbered."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from tests.builders import build, make_project, seed
from tests.sitecheck import parse_html


def tag_pages(site: Path) -> set[str]:
    return {p.parent.relative_to(site).as_posix() for p in site.glob("tags/*/index.html")}


def test_unicode_tags_get_their_own_pages_which_never_move(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "001_a.txt": seed(keywords="比特币, Énergie"),
            "002_b.txt": seed(keywords="Bitcoin, index"),
        },
        with_example=False,
    )
    assert build(project) == 0
    site = project / "site"
    first = tag_pages(site)
    assert {"tags/比特币", "tags/énergie", "tags/bitcoin"} < first
    assert any(name.startswith("tags/index-") for name in first)  # reserved: made unique
    brief = parse_html(site / "briefs/001_a/index.html")
    links = {e.attrs.get("href") for e in brief.elements if e.tag == "a"}
    assert f"../../tags/{quote('比特币')}/" in links  # the tag chip links to its page
    (project / "briefs/003_c.txt").write_bytes(seed(keywords="Ethereum, bitcoin, Energie"))
    assert build(project) == 0
    assert tag_pages(site) == first | {"tags/ethereum", "tags/energie"}


def test_tags_that_would_share_a_page_stop_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(
        tmp_path,
        {"001_a.txt": seed(keywords="Bitcoin ETF"), "002_b.txt": seed(keywords="Bitcoin-ETF")},
        with_example=False,
    )
    assert build(project) == 1
    assert capsys.readouterr().err.splitlines() == [
        "briefs/002_b.txt:2: tag 'Bitcoin-ETF' would have the address tags/bitcoin-etf/ of tag "
        "'Bitcoin ETF' (briefs/001_a.txt:2); spell the two alike or rename one",
        "1 problem in 1 file",
    ]
