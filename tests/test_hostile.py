"""Hostile seeds: each fixture in tests/hostile builds and its page shows the text as written.

No element or attribute may come from a seed. The proof parses the HTML: the hostile site is
built next to a twin site whose seeds have the same shape (paragraphs, summary sentences,
tags, label, front matter) but plain words, and every page of the two must hold the same
elements with the same attribute names. The site enables the Markdown extensions an owner
might add (attribute lists, footnotes, snippets, details, ...), so seed text must stay inert
under all of them, not only under the project's own short list.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from generator.config import DEFAULT_SENTIMENTS
from generator.seeds.model import Brief
from generator.seeds.parse import loads
from tests.builders import build, make_project
from tests.pages.test_links import broken_links
from tests.sitecheck import Parsed, parse_html

HOSTILE = Path(__file__).parent / "hostile"
CASES = sorted(p.stem for p in HOSTILE.glob("*.txt"))
SITE_NAME = "Market Briefs"
EXTENSIONS = """\
markdown_extensions:
  - abbr
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - pymdownx.details
  - pymdownx.highlight
  - pymdownx.inlinehilite
  - pymdownx.magiclink
  - pymdownx.tasklist
  - pymdownx.snippets:
      base_path: ["/", "."]
      restrict_base_path: false
      check_paths: false
"""

Signature = tuple[str, tuple[str, ...], str]


def expected(case: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (HOSTILE / f"{case}.expected.json").read_text(encoding="utf-8")
    )
    return data


def parsed(case: str) -> Brief:
    data = (HOSTILE / f"{case}.txt").read_bytes()
    return loads(data, f"briefs/{case}.txt", case, DEFAULT_SENTIMENTS)


def with_extensions(project: Path) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("markdown_extensions:\n", EXTENSIONS), encoding="utf-8")
    return project


def twin(
    brief: Brief, summary_sentences: int, tag_names: dict[str, str], record: dict[str, Any]
) -> bytes:
    """A seed with the shape of `brief` (and its assets) and none of its text."""
    assets, mentions = record["assets"], record["mentions"]
    front = [f"summary: {' '.join(f'Twin sentence {n}.' for n in range(summary_sentences))}"]
    front.append(f"assets: {{only: [{', '.join(assets)}]}}")
    if brief.date:
        front.append(f"date: {brief.date.isoformat()}")
    if brief.front.source:
        front.append("source: https://example.com/twin")
    tags = [tag_names.setdefault(t.casefold(), f"tag{len(tag_names)}") for t in brief.tags]
    article = [f"Twin paragraph {n}." for n in range(len(brief.article))]
    if tags:
        article[-1] += f" (Main keywords: {', '.join(tags)})"
    implications = [f"Twin implication {n}." for n in range(len(brief.implications))]
    implications[-1] += "".join(f" {ticker}." for ticker in mentions)  # mentioned only
    head = ["---", *front, "---", f"Twin {brief.stem}", ""]
    text = "\n".join([*head, "\n\n".join(article), "", brief.sentiment.name, ""])
    text += "\n\n".join(implications)
    return (text + "\n").encode("utf-8")


def api_briefs(site: Path) -> dict[str, dict[str, Any]]:
    api = json.loads((site / "api/briefs.json").read_text(encoding="utf-8"))
    return {b["id"]: b for b in api["briefs"]}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    seeds = {f"{case}.txt": (HOSTILE / f"{case}.txt").read_bytes() for case in CASES}
    hostile = with_extensions(make_project(tmp_path_factory.mktemp("hostile"), seeds, False))
    assert build(hostile) == 0
    summaries = api_briefs(hostile / "site")
    names: dict[str, str] = {}
    twins = {
        f"{case}.txt": twin(parsed(case), len(summaries[case]["summary"]), names, summaries[case])
        for case in CASES
    }
    plain = with_extensions(make_project(tmp_path_factory.mktemp("twin"), twins, False))
    assert build(plain) == 0
    return hostile / "site", plain / "site"


# Set by the template, not by seed text: the twins write their summaries (to match the
# sentence count) and a written TL;DR is indexed, where a picked one is left to the article.
OURS = {"data-pagefind-ignore"}


def signatures(page: Parsed) -> Counter[Signature]:
    return Counter(
        (e.tag, tuple(sorted(set(e.attrs) - OURS)), e.attrs.get("class") or "")
        for e in page.elements
    )


# Which briefs are related follows each site's own text (the twins' text is plain), so the
# related list is left out of the comparison; its headlines are checked like any other.
_RELATED = re.compile(r"<section[^>]*\bbrief-related\b.*?</section>", re.DOTALL)


def parse_without_related(path: Path) -> Parsed:
    parsed = Parsed()
    parsed.feed(_RELATED.sub("", path.read_text(encoding="utf-8")))
    parsed.close()
    return parsed


def structure_diff(hostile: Path, plain: Path) -> dict[str, list[Signature]]:
    """Elements (tag, attribute names, class) in one page and not in the other."""
    ours = signatures(parse_without_related(hostile))
    theirs = signatures(parse_without_related(plain))
    return {
        "only in the hostile page": sorted((ours - theirs).elements()),
        "only in the twin page": sorted((theirs - ours).elements()),
    }


def test_every_case_has_its_expectations() -> None:
    assert len(CASES) >= 25
    assert sorted(p.name.removesuffix(".expected.json") for p in HOSTILE.glob("*.json")) == CASES


@pytest.mark.parametrize("case", CASES)
def test_page_shows_the_seed_as_written(sites: tuple[Path, Path], case: str) -> None:
    site, _ = sites
    page = parse_html(site / f"briefs/{case}/index.html")
    want = expected(case)
    headlines = [e for e in page.content_elements if e.attrs.get("class") == "brief-headline"]
    assert len(headlines) == 1
    assert page.title == f"{want['headline']} - {SITE_NAME}"
    assert want["headline"] in page.content_text
    for text in want["shows"]:
        assert " ".join(text.split()) in page.content_text


@pytest.mark.parametrize("case", CASES)
def test_page_has_no_element_or_attribute_from_the_seed(
    sites: tuple[Path, Path], case: str
) -> None:
    site, plain = sites
    page = f"briefs/{case}/index.html"
    assert structure_diff(site / page, plain / page) == {
        "only in the hostile page": [],
        "only in the twin page": [],
    }


def test_listing_pages_have_no_element_or_attribute_from_a_seed(
    sites: tuple[Path, Path],
) -> None:
    site, plain = sites

    def html_pages(root: Path) -> list[str]:
        return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))

    def is_tag_page(page: str) -> bool:  # tags/<slug>/…: the slug comes from the tag's text
        return page.startswith("tags/") and page != "tags/index.html"

    # The readability histogram's bars follow each site's own figures, not its markup.
    figures = {"stats/index.html"}

    pages = [p for p in html_pages(site) if not is_tag_page(p)]
    assert pages == [p for p in html_pages(plain) if not is_tag_page(p)]
    diffs = {
        page: structure_diff(site / page, plain / page)
        for page in pages
        if not page.startswith("briefs/") and page not in figures
    }
    assert {page: diff for page, diff in diffs.items() if any(diff.values())} == {}
    assert len(diffs) >= 8  # home, 404, sentiment pages, tags, authoring, api

    def tag_structures(root: Path) -> list[list[Signature]]:
        pages = [root / p for p in html_pages(root) if is_tag_page(p)]
        return sorted(sorted(signatures(parse_html(page)).elements()) for page in pages)

    assert tag_structures(site) == tag_structures(plain) != []


def test_no_script_handler_or_script_url_anywhere(sites: tuple[Path, Path]) -> None:
    site, _ = sites
    for path in site.rglob("*.html"):
        for element in parse_html(path).elements:
            for name, value in element.attrs.items():
                assert not name.startswith("on"), (path, element)
                url = "".join((value or "").split()).lower()
                assert not url.startswith(("javascript:", "data:", "vbscript:")), (path, element)
            loads = element.tag != "link" or element.attrs.get("rel") not in (
                "canonical",
                "alternate",
            )
            if loads and element.tag in (
                "script",
                "iframe",
                "img",
                "link",
                "object",
                "embed",
                "base",
            ):
                src = element.attrs.get("src") or element.attrs.get("href") or ""
                assert not src.startswith(("http:", "https:", "//")), (path, element)


def test_head_meta_and_search_index_hold_the_headline_as_text(
    sites: tuple[Path, Path],
) -> None:
    site, _ = sites
    fragments = [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in (site / "pagefind/fragment").glob("*.pf_fragment")
    ]
    titles = {f["url"]: f["meta"]["title"] for f in fragments}
    api = api_briefs(site)
    for case in CASES:
        headline = expected(case)["headline"]
        page = parse_html(site / f"briefs/{case}/index.html")
        meta = {
            e.attrs.get("name"): e.attrs.get("content") for e in page.elements if e.tag == "meta"
        }
        assert meta["description"] == " ".join(api[case]["summary"]), case
        # Pagefind keeps titles as plain text, and assets/search.js shows them as text.
        assert titles[f"/briefs/{case}/"] == headline, case


def test_json_api_holds_the_seed_text_unescaped(sites: tuple[Path, Path]) -> None:
    site, _ = sites
    api = api_briefs(site)
    assert sorted(api) == CASES
    for case in CASES:
        brief = parsed(case)
        assert api[case]["headline"] == expected(case)["headline"] == brief.headline
        assert api[case]["tags"] == list(brief.tags)
    assert api["front_matter_text"]["summary"] == [
        '<script>alert("summary")</script> {{ 7*7 }} [x](javascript:alert(1)).',
        "Second sentence & more.",
    ]


def test_snippets_include_nothing(sites: tuple[Path, Path]) -> None:
    site, _ = sites
    passwd = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert passwd not in text, path
            assert "site_name: Market Briefs" not in text, path


def test_no_internal_link_is_broken(sites: tuple[Path, Path]) -> None:
    site, _ = sites
    broken, checked = broken_links(site)
    assert broken == []
    assert checked >= 700
