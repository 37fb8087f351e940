"""End to end: seeds -> `python -m generator build` -> a strict MkDocs Material site."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.builders import (
    BULLISH,
    EXAMPLE,
    HOSTILE_SEED,
    ROOT,
    build,
    edit_template,
    make_project,
    seed,
    set_briefs_setting,
)
from tests.sitecheck import parse_html, tree_hashes

EXAMPLE_URL = "briefs/000_9a8fa79c9f871b61/"


def test_example_brief_page(site: Path) -> None:
    page = parse_html(site / EXAMPLE_URL / "index.html")
    text = page.content_text
    assert (
        page.title
        == "Alibaba Qwen Technical Lead Junyang Lin Departs Amid Qwen 3.5 Launch - Market Briefs"
    )
    assert "◆ Neutral" in text
    tldr = [e for e in page.content_elements if e.attrs.get("class") == "brief-tldr"]
    assert len(tldr) == 1
    assert "Junyang Lin, a senior technical lead on Alibaba’s Qwen" in text
    assert "Main keywords" not in text
    for heading in ("TL;DR", "Article", "Implications", "Readability"):
        assert f"{heading}¶" in text
    # Words: the article's whitespace-separated tokens holding a letter or digit ("—" is none).
    article = EXAMPLE.read_text(encoding="utf-8").splitlines()[1].split("(Main keywords")[0]
    words = [token for token in article.split() if any(c.isalnum() for c in token)]
    assert f"Words {len(words)}" in text
    # Flesch's band for long sentences of long words; plain short sentences score higher.
    ease = reading_ease(text, "difficult")
    assert 30 <= ease < 50
    plain = parse_html(site / "briefs/002_bullish/index.html").content_text
    assert reading_ease(plain, "plain English") > ease
    assert "not financial advice" in text
    tags = [e.attrs["href"] for e in page.content_elements if e.attrs.get("class") == "md-tag"]
    assert len(tags) == 5


def reading_ease(page_text: str, label: str) -> float:
    """The Flesch reading ease a brief page shows, with the words for it that it shows."""
    found = re.search(rf"Flesch reading ease (-?\d+\.\d) \({label}\)", page_text)
    assert found, page_text[page_text.rfind("Readability") :]
    return float(found[1])


def test_home_page_lists_the_briefs_with_counts(site: Path) -> None:
    page = parse_html(site / "index.html")
    links = [e.attrs.get("href") for e in page.content_elements if e.tag == "a"]
    assert "briefs/002_bullish/" in links and EXAMPLE_URL in links
    assert links.index("briefs/002_bullish/") < links.index(EXAMPLE_URL)  # dated first
    assert "▲ Bullish 1 ▼ Bearish 1 ◆ Neutral 1" in page.content_text
    sentiment = parse_html(site / "sentiment/bullish/index.html")
    assert "../../briefs/002_bullish/" in [e.attrs.get("href") for e in sentiment.elements]


def test_json_api(site: Path) -> None:
    api = json.loads((site / "api/briefs.json").read_text(encoding="utf-8"))
    assert api["count"] == 3
    example = next(b for b in api["briefs"] if b["id"] == "000_9a8fa79c9f871b61")
    assert example["url"] == EXAMPLE_URL
    assert example["date"] is None and example["sentiment"] == "Neutral"
    assert 2 <= len(example["summary"]) <= 3
    assert example["tags"][0] == "Alibaba Qwen"
    assert set(example["readability"]) == {
        "flesch_reading_ease",
        "grade_level",
        "reading_time_seconds",
        "word_count",
    }
    bullish = next(b for b in api["briefs"] if b["id"] == "002_bullish")
    assert bullish["date"] == "2025-06-10"
    assert bullish["source"] == "https://example.com/news?a=1&b=2"


def test_search_indexes_briefs_only(site: Path) -> None:
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 3  # not Authoring or JSON API (README)
    fragments = [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in (site / "pagefind/fragment").glob("*.pf_fragment")
    ]
    assert sorted(fragment["url"] for fragment in fragments) == sorted(
        [f"/{EXAMPLE_URL}", "/briefs/001_hostile/", "/briefs/002_bullish/"]
    )
    example = next(f for f in fragments if f["url"] == f"/{EXAMPLE_URL}")
    assert example["meta"]["title"].startswith("Alibaba Qwen Technical Lead")
    assert example["meta"]["sentiment"] == "Neutral" and example["meta"]["assets"] == ""
    assert example["meta"]["lead"].startswith("Junyang Lin, a senior technical lead")
    assert "zzfsentimentneutral" in example["content"]  # what the panel narrows by
    assert "Alibaba Qwen" in example["content"]  # tags and article text are searchable
    titles = [fragment["meta"]["title"] for fragment in fragments]
    assert not any("\u00b6" in title for title in titles)  # no permalink sign in titles
    assert not (site / "pagefind/pagefind-ui.js").exists()  # Pagefind's unused own UI
    assert not (site / "search/search_index.json").exists()  # no whole-index download


def test_drafts_are_not_published(site: Path) -> None:
    assert not (site / "briefs/003_draft").exists()
    checked = set()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".pf_fragment"):
            data = path.read_bytes()
            text = (gzip.decompress(data) if path.suffix == ".pf_fragment" else data).decode()
            assert "Secret Draft Headline" not in text and "003_draft" not in text, path
            checked.add(path.relative_to(site).as_posix())
    assert {"api/briefs.json", "sitemap.xml"} <= checked
    assert sum(1 for p in checked if p.startswith("pagefind/fragment/")) == 3  # search index


def test_hostile_seed_is_shown_literally(site: Path) -> None:
    page = parse_html(site / "briefs/001_hostile/index.html")
    tags = [e.tag for e in page.content_elements]
    assert not set(tags) & {"script", "img", "iframe", "details", "b", "hr", "code", "sup"}
    assert tags.count("h1") == 1 and tags.count("table") == 1  # the headline, readability
    for element in page.elements:
        for name, value in element.attrs.items():
            assert not name.startswith("on"), element
            assert not (value or "").strip().lower().startswith("javascript:"), element
    text = page.content_text
    assert "<b onmouseover=alert(1)>Hostile</b> {{ 7*7 }} & *stars*" in text
    assert "<script>alert(1)</script> <img src=x onerror=alert(1)>" in text
    assert "{{ 7*7 }}" in text and "49" not in text
    assert '--8<-- "/etc/passwd"' in text and "root:" not in text
    assert "{% for x in range(3) %}loop{% endfor %}" in text
    assert "!!! danger" in text and "[link](javascript:alert(1))" in text
    assert page.title.startswith("<b onmouseover=alert(1)>Hostile</b> {{ 7*7 }} & *stars*")


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    for path in site.rglob("*.html"):
        for element in parse_html(path).elements:
            for name in ("src", "href"):
                value = element.attrs.get(name) or ""
                loads_it = element.tag in ("script", "img", "iframe", "link")
                if element.tag == "link" and element.attrs.get("rel") in ("canonical", "alternate"):
                    loads_it = False  # names an address; the browser fetches nothing
                if loads_it and value.startswith(("http:", "https:", "//")):
                    pytest.fail(f"{path} loads {value}")


def test_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    first = tree_hashes(site)
    other = make_project(
        tmp_path / "elsewhere",
        {
            "001_hostile.txt": HOSTILE_SEED,
            "002_bullish.txt": BULLISH,
            "003_draft.txt": seed(headline="Secret Draft Headline", front="draft: true"),
        },
    )
    assert build(other) == 0
    assert tree_hashes(other / "site") == first
    assert build(other) == 0
    assert tree_hashes(other / "site") == first


def build_outside(project: Path) -> subprocess.CompletedProcess[str]:
    """`build` in a process of its own, as a user runs it: its exit code and output."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "-f", str(project / "mkdocs.yml"), "build"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_bad_seed_fails_cleanly_and_keeps_the_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    assert build(project) == 0
    before = tree_hashes(project / "site")
    (project / "briefs/001_bad.txt").write_bytes(seed(label="Bulish"))
    (project / "briefs/002_nolabel.txt").write_bytes(seed(label=""))
    result = build_outside(project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "briefs/001_bad.txt:3: unknown sentiment 'Bulish'; expected one of Bullish, Bearish, "
        "Neutral (did you mean Bullish?)",
        "briefs/002_nolabel.txt:2: no sentiment label line; expected a line holding only "
        "Bullish, Bearish, Neutral between the article and the implications",
        "2 problems in 2 files",
    ]
    assert tree_hashes(project / "site") == before


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        ("{% if %}", "Expected an expression, got 'end of statement block'"),  # syntax
        (
            "{{ config.nosuch.attribute }}",
            "'mkdocs.config.defaults.MkDocsConfig object' has no attribute 'nosuch'",
        ),
        (  # Python's own error, raised by what the template does
            "{{ config.site_name + 1 }}",
            'TypeError: can only concatenate str (not "int") to str',
        ),
    ],
)
def test_a_broken_theme_template_is_one_line_with_its_place_and_keeps_the_site(
    tmp_path: Path, broken: str, reason: str
) -> None:
    project = make_project(tmp_path, {})
    assert build(project) == 0
    before = tree_hashes(project / "site")
    theme = project / "templates/theme/main.html"
    lines = theme.read_text(encoding="utf-8").split("\n")
    [number] = [n for n, line in enumerate(lines, 1) if line.startswith("{% block scripts %}")]
    lines[number - 1] += broken
    theme.write_text("\n".join(lines), encoding="utf-8")
    result = build_outside(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"templates/theme/main.html:{number}: the theme's template failed: {reason}; "
        "the previous site was left as it was"
    )
    assert "Traceback" not in result.stderr
    assert "Error building page" not in result.stderr  # MkDocs' line would say it twice
    assert tree_hashes(project / "site") == before


def test_a_theme_template_failing_on_one_page_is_said_once(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"001_one.txt": seed(headline="One Brief")})
    good = "{% block scripts %}"
    broken = '{% if page and page.url.startswith("briefs/") %}{{ config.site_name + 1 }}{% endif %}'
    line = edit_template(project, "theme/main.html", good, good + broken)
    result = build_outside(project)
    assert result.returncode == 1
    errors = [text for text in result.stderr.splitlines() if not text.startswith("INFO")]
    assert errors == [
        f"templates/theme/main.html:{line}: the theme's template failed: TypeError: can only "
        'concatenate str (not "int") to str; the previous site was left as it was'
    ]  # and not MkDocs' "Error building page 'briefs/001_one.md'" before it


def test_seeds_from_the_folder_set_by_dir(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"001_left.txt": seed(headline="Left in Briefs")})
    (project / "stories").mkdir()
    (project / "stories/002_story.txt").write_bytes(seed(headline="Read from Stories"))
    set_briefs_setting(project, "dir", "stories")
    assert build(project) == 0
    page = parse_html(project / "site/briefs/002_story/index.html")
    assert page.title == "Read from Stories - Market Briefs"
    api = json.loads((project / "site/api/briefs.json").read_text(encoding="utf-8"))
    assert [brief["id"] for brief in api["briefs"]] == ["002_story"]  # nothing from briefs/


def without_root_privileges() -> list[str]:
    """A command prefix under which file permissions hold, for root too.

    Root reads a file whatever its mode, through the capabilities CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH; setpriv (util-linux) starts the command without them.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv, "as root, this test needs setpriv (util-linux) to make a file unreadable"
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]


def unprivileged(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGUMENTS` in the project, file permissions applying to it."""
    command = [*without_root_privileges(), sys.executable, "-m", "generator", *arguments]
    return subprocess.run(command, capture_output=True, text=True, cwd=project, check=False)


@pytest.fixture
def locked(tmp_path: Path) -> Path:
    """A project whose first seed no one may read."""
    project = make_project(tmp_path, {"001_locked.txt": seed(), "002_fine.txt": seed()})
    (project / "briefs/001_locked.txt").chmod(0)
    return project


def test_unreadable_seed_is_an_error_with_its_path(locked: Path) -> None:
    result = unprivileged(locked, "check")
    assert result.stderr == "briefs/001_locked.txt:1: cannot be read: Permission denied\n"
    assert result.stdout == "3 seeds checked: 1 error, 0 warnings, 0 drafts\n"
    assert result.returncode == 1


def test_unreadable_seed_stops_the_build_with_its_path(locked: Path) -> None:
    result = unprivileged(locked, "build")
    assert result.stderr.splitlines() == [
        "briefs/001_locked.txt:1: cannot be read: Permission denied",
        "1 problem in 1 file",
    ]
    assert result.returncode == 1
    assert not (locked / "site").exists()


def test_deleted_seed_disappears_and_handwritten_pages_are_kept(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"001_gone.txt": seed()})
    assert build(project) == 0
    assert (project / "site/briefs/001_gone/index.html").exists()
    (project / "briefs/001_gone.txt").unlink()
    assert build(project) == 0
    assert not (project / "site/briefs/001_gone").exists()
    (project / "docs/index.md").write_text("# Mine\n", encoding="utf-8")
    assert build(project) == 1
    assert (project / "docs/index.md").read_text(encoding="utf-8") == "# Mine\n"
    assert (project / "site/index.html").exists()


def test_check_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {"001_d.txt": seed(front="draft: true")})
    assert main(["-f", str(project / "mkdocs.yml"), "check"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "draft: briefs/001_d.txt (shown by serve, left out of build)",
        "2 seeds checked: 0 errors, 0 warnings, 1 draft",
    ]
    assert not (project / "site").exists()
    shutil.copy(ROOT / "tests/seeds/fixtures/bad_label.txt", project / "briefs/bad_label.txt")
    assert main(["-f", str(project / "mkdocs.yml"), "check"]) == 1
    assert "briefs/bad_label.txt:3: unknown sentiment 'Bulish'" in capsys.readouterr().err
