"""A build holds each generated page's seed text packed, and fills it in only while the theme
renders the page (site/fragments.py): MkDocs keeps every page's content to the end."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.structure.pages import Page

from generator.seeds.model import pack_fragments, unpack_fragments
from generator.site.fragments import Fragments
from tests.builders import build, make_project, seed

WORD = "Zanzibarite"  # in one seed's article only


def test_packed_fragments_read_back_exactly() -> None:
    fragments = ("<p>Caf\u00e9 \u2014 \u25b2 \U0001f680</p>", "", "<b>\u0085\x00</b>" * 50)
    packed = pack_fragments(fragments)
    assert unpack_fragments(packed) == fragments
    assert len(packed) < len("".join(fragments).encode())
    assert pack_fragments(()) == b"" and unpack_fragments(b"") == ()


def test_a_build_keeps_pages_as_converted_and_writes_them_filled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = f"Gold rose as {WORD} miners cut output. Traders bought the dip."
    project = make_project(tmp_path / "p", {"001_gold.txt": seed(article=article)})
    rendered: list[tuple[Page, str | None]] = []  # each page, and its content while rendered
    rendering = Fragments.rendering

    def recording(self: Fragments, page: Page) -> None:
        rendering(self, page)
        rendered.append((page, page.content))

    monkeypatch.setattr(Fragments, "rendering", recording)
    assert build(project) == 0
    [(page, while_rendered)] = [(p, c) for p, c in rendered if p.url == "briefs/001_gold/"]
    assert while_rendered is not None and WORD in while_rendered
    assert page.content is not None and WORD not in page.content  # as held to the end
    assert "briefs:html" in page.content  # the placeholders, for a second rendering
    html = (project / "site/briefs/001_gold/index.html").read_text(encoding="utf-8")
    assert WORD in html
