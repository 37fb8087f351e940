"""The preview's memory: what a rebuild reuses gives the same files as a fresh generation."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from mkdocs.config import load_config as load_mkdocs_config

from generator.config import BriefsConfig, load_config, make_sentiment
from generator.pages.builder import Count
from generator.pages.render import Renderer
from generator.pipeline import Generated, generate
from generator.seeds import files as files_module
from generator.seeds import parse as parse_module
from generator.seeds.errors import SeedError
from generator.seeds.parse import read_all
from generator.site.memory import Memory
from generator.site.recent import Pages, Recent
from tests.builders import ROOT, count_renders, edit_template, make_project, seed

SITE_URL = "https://example.github.io/market-briefs/"


def settings(project: Path) -> tuple[BriefsConfig, str]:
    mkdocs = load_mkdocs_config(str(project / "mkdocs.yml"))
    return load_config(mkdocs.extra, project / "mkdocs.yml"), mkdocs.site_name


def generated(project: Path, memory: Memory | None) -> Generated:
    config, site_name = settings(project)
    return generate(config, site_name, True, SITE_URL, preview=True, memory=memory)


def files(result: Generated) -> dict[str, tuple[str, bytes, bool]]:
    return {f.src_uri: (f.content, f.fragments, f.in_nav) for f in result.files}


def test_a_seed_is_parsed_again_only_when_its_bytes_change() -> None:
    memory, calls = Memory(), []

    def parse(text: str) -> object:
        calls.append(text)
        raise SeedError([])

    for data in (b"a", b"a", b"b", b"b"):
        with pytest.raises(SeedError):
            memory.parse(Path("x.txt"), data, lambda data=data: parse(data.decode()), None)  # type: ignore[misc]
    assert calls == ["a", "b"]


def test_a_seed_file_unchanged_since_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A seed whose file kept its identity, size and times is taken as parsed last time;
    one rewritten in place with as many bytes is read again."""
    project = make_project(tmp_path, {"001_one.txt": seed(headline="Alpha Headline")}, False)
    config, _ = settings(project)
    reads: list[str] = []
    real = parse_module.read_seed

    def counted(path: Path, display: str, config: BriefsConfig) -> bytes:
        reads.append(path.name)
        return real(path, display, config)

    monkeypatch.setattr(parse_module, "read_seed", counted)
    monkeypatch.setattr(files_module, "SETTLED_NS", 0)  # every file counts as settled
    memory = Memory()
    memory.begin(config, ())
    [first], _ = read_all(config, memory=memory)
    memory.begin(config, ())
    [again], _ = read_all(config, memory=memory)
    assert again is first and reads == ["001_one.txt"]

    time.sleep(0.1)  # past the clock's grain: the file's times change
    (project / "briefs/001_one.txt").write_bytes(seed(headline="Omega Headline"))
    memory.begin(config, ())
    [edited], _ = read_all(config, memory=memory)
    assert edited.headline == "Omega Headline" and reads == ["001_one.txt"] * 2


def test_a_page_is_rendered_again_only_when_its_arguments_change() -> None:
    pages = Pages()
    renderer = Renderer(ROOT / "templates", pages)
    meta = {"title": "Sentiment"}

    def counts(n: int) -> list[Count]:
        return [Count(make_sentiment("Bullish"), n, "bullish/")]

    first = renderer.render("sentiments.md.j2", meta, counts=counts(1))
    twin = renderer.render("sentiments.md.j2", meta, counts=counts(2))  # the same front matter
    pages.next_generation()
    assert renderer.render("sentiments.md.j2", meta, counts=counts(1)) is first
    assert renderer.render("sentiments.md.j2", meta, counts=counts(2)) is twin
    other = renderer.render("sentiments.md.j2", meta, counts=counts(3))
    assert other is not twin and "| 3 |" in other.markdown


def test_what_memory_forgets_after_a_generation_without_it() -> None:
    recent: Recent[str, int] = Recent()
    recent.put("kept", 1)
    recent.put("dropped", 2)
    recent.next_generation()
    assert recent.get("kept") == 1
    recent.next_generation()
    assert recent.get("kept") == 1 and recent.get("dropped") is None


@pytest.mark.parametrize("later", [False, True], ids=["rendered", "lists-when-read"])
def test_each_rebuild_from_memory_equals_a_fresh_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, later: bool
) -> None:
    project = make_project(
        tmp_path,
        {
            "001_alpha.txt": seed(headline="Alpha Headline", front="date: 2025-06-02"),
            "002_beta.txt": seed(headline="Beta Headline", front="date: 2025-06-01"),
            "003_gamma.txt": seed(
                headline="Gamma Headline", front="date: 2025-06-03", keywords="Ether"
            ),
        },
    )
    briefs, memory = project / "briefs", Memory()
    if later:  # as a preview's server has it: list pages rendered when first read
        memory.later = lambda src_uri: True
    monkeypatch.setattr(files_module, "SETTLED_NS", 0)  # files are taken as read when unchanged
    edits = [
        lambda: None,
        lambda: (briefs / "001_alpha.txt").write_bytes(
            seed(headline="Alpha Headline", front="date: 2025-06-02", article="Prices fell.")
        ),
        lambda: (briefs / "002_beta.txt").write_bytes(
            seed(headline="Beta Headline", front="date: 2025-06-01", label="Bearish")
        ),
        lambda: (briefs / "004_new.txt").write_bytes(
            seed(headline="New Headline", front="date: 2025-06-04", keywords="ETF, Solana")
        ),
        lambda: (briefs / "002_beta.txt").write_bytes(  # its neighbours name it
            seed(headline="Beta Renamed", front="date: 2025-06-01", label="Bearish")
        ),
        lambda: (briefs / "002_beta.txt").write_bytes(  # its related lists show its tickers
            seed(headline="Beta Renamed", front="date: 2025-06-01\nassets: [SOL]")
        ),
        lambda: (briefs / "003_gamma.txt").write_bytes(b"Gamma\nno label here\n"),
        lambda: (briefs / "004_new.txt").unlink(),
        lambda: edit_template(project, "brief.md.j2", "</h1>", "</h1>\n\nEdited template."),
    ]
    for edit in edits:
        time.sleep(0.05)  # past the clock's grain: an edited file's times change
        edit()
        assert files(generated(project, memory)) == files(generated(project, None))


def test_a_rebuild_logs_only_the_warnings_it_has_not_shown(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    mismatch = (ROOT / "tests/warnings/sentiment_mismatch.txt").read_bytes()
    project = make_project(tmp_path, {"001_a.txt": mismatch, "002_b.txt": seed()})
    memory = Memory()

    def logged() -> list[str]:
        caplog.clear()
        with caplog.at_level("INFO", logger="generator.pipeline"):
            generated(project, memory)
        return [r.getMessage() for r in caplog.records]

    first = logged()
    assert [m for m in first if "labelled Bullish" in m] == [
        "briefs/001_a.txt:7: warning: labelled Bullish, but the article and implications read "
        "Bearish (−0.76); the most negative lines are 2 and 8"
    ]
    assert logged() == ["1 warning shown before still apply; 'check' lists them all"]
    (project / "briefs/003_c.txt").write_bytes(mismatch)  # a second brief with the warning
    again = logged()
    assert [m for m in again if m.startswith("briefs/")] == [
        m.replace("001_a", "003_c") for m in first if m.startswith("briefs/")
    ]
    assert again[-1] == "1 warning shown before still apply; 'check' lists them all"


def test_the_related_ranking_is_made_again_only_when_what_it_reads_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.pages import related
    from generator.pages.similarity import LEAD
    from generator.site import linkmemory as memory_module

    rankings: list[int] = []

    def counted(items: object, terms: object = None, near: object = None) -> object:
        rankings.append(1)
        return related.related_briefs(items, terms, near)  # type: ignore[arg-type]

    monkeypatch.setattr(memory_module, "related_briefs", counted)
    lead = "Bitcoin funds took in money as traders bought. " * (LEAD // 40)

    def alpha(tail: str = "", label: str = "Bullish", start: str = lead) -> bytes:
        article = start + "Later paragraphs say more. " + tail
        return seed(headline="Alpha Bitcoin Fund Flows", article=article, label=label)

    project = make_project(
        tmp_path,
        {
            "001_alpha.txt": alpha(),
            "002_beta.txt": seed(headline="Beta Bitcoin Fund Flows", front="date: 2025-06-01"),
            "003_gamma.txt": seed(headline="Gamma Ether Staking", keywords="Ether"),
        },
    )
    memory, path = Memory(), project / "briefs/001_alpha.txt"
    steps = [
        (lambda: None, 1),
        (lambda: path.write_bytes(alpha(tail="Edited past the lead.")), 1),  # same terms
        (lambda: path.write_bytes(alpha(tail="Edited past the lead.", label="Bearish")), 1),
        (lambda: path.write_bytes(alpha(start="Solana rallied. " + lead)), 2),  # the lead
    ]
    for edit, expected in steps:
        edit()
        assert files(generated(project, memory)) == files(generated(project, None))
        assert len(rankings) == expected


@pytest.mark.parametrize("edited", [False, True])
def test_the_memory_fill_takes_the_builds_brief_pages_made_from_the_same_briefs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edited: bool
) -> None:
    """After a first rebuild that took the build's generation, the background fill takes
    its brief pages instead of rendering them, but for the pages of a seed changed in
    between and of the briefs linking to it; either way, the rebuilds after it equal fresh
    generations."""
    from generator.pipeline import as_built, remember

    project = make_project(
        tmp_path,
        {
            "001_alpha.txt": seed(headline="Alpha Headline", front="date: 2025-06-02"),
            "002_beta.txt": seed(headline="Beta Headline", front="date: 2025-06-01"),
        },
    )
    config, site_name = settings(project)
    arguments = (site_name, True, SITE_URL)
    generate(config, *arguments)  # a build: stores its generation
    memory = Memory()
    first = as_built(config, *arguments, memory)
    assert first is not None
    if edited:  # saved while the first rebuild ran
        alpha = seed(headline="Alpha Edited", front="date: 2025-06-02", article="Prices fell.")
        (project / "briefs/001_alpha.txt").write_bytes(alpha)
    rendered = count_renders(monkeypatch)
    remember(config, *arguments, memory, first)
    briefs = rendered.count("brief.md.j2")
    assert briefs == (3 if edited else 0)  # all three link to the edited brief
    assert files(generated(project, memory)) == files(generated(project, None))
    (project / "briefs/002_beta.txt").write_bytes(seed(headline="Beta Later", label="Bearish"))
    assert files(generated(project, memory)) == files(generated(project, None))


STORIES = (
    ("Gold", "Slips", "Gold futures slipped as the dollar firmed."),
    ("Oil", "Stocks Fall", "Crude inventories fell for a third week."),
    ("Yen", "Weakens", "The yen weakened after the bank held rates."),
    ("Wheat", "Estimates Cut", "Harvest estimates were cut after a dry spring."),
    ("Copper", "Jumps", "Copper jumped on supply cuts at two mines."),
)


def stories_project(target: Path) -> Path:
    """Five briefs on five days that share no word: each page links only its neighbours."""
    return make_project(
        target,
        {
            f"00{i}_{name.lower()}.txt": seed(
                headline=f"{name} {verb}",
                article=article,
                implications=f"Watch {name.lower()}.",
                keywords=name,
                front=f"date: 2025-06-{i + 1:02d}",
            )
            for i, (name, verb, article) in enumerate(STORIES)
        },
        False,
    )


@pytest.mark.parametrize("change", ["edited", "draft"])
def test_a_first_rebuild_after_seed_changes_takes_the_builds_other_brief_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """A preview started after seeds changed since the last build (or with a draft, which
    the build left out) does not take the build's generation whole, but its first
    generation takes each brief page made from the same briefs as the build's, and equals
    a fresh generation."""
    from generator.pipeline import as_built

    project = stories_project(tmp_path)
    config, site_name = settings(project)
    arguments = (site_name, True, SITE_URL)
    generate(config, *arguments)  # a build: stores its generation
    path = project / "briefs/004_copper.txt"
    if change == "edited":
        path.write_bytes(path.read_bytes().replace(b"Copper Jumps", b"Copper Leaps"))
    else:
        path.write_bytes(path.read_bytes().replace(b"date:", b"draft: true\ndate:"))
    rendered = count_renders(monkeypatch)
    memory = Memory()
    assert as_built(config, *arguments, memory) is None
    first = generated(project, memory)
    assert rendered.count("brief.md.j2") == 2  # copper's page and its previous, wheat's
    lists = len(rendered) - 2
    rendered.clear()
    assert files(first) == files(generated(project, None))
    assert 0 < lists < len(rendered) - rendered.count("brief.md.j2")  # the others: taken


@pytest.mark.parametrize("taken_whole", [True, False])
def test_a_template_saved_after_an_offer_drops_it(tmp_path: Path, taken_whole: bool) -> None:
    """A template saved between the build's generation being offered to the preview and
    the generation that takes from it (the first rebuild, or the fill after it): the offer
    was made with the old template, so nothing is taken from it."""
    from generator.pipeline import as_built, remember

    project = stories_project(tmp_path)
    config, site_name = settings(project)
    arguments = (site_name, True, SITE_URL)
    generate(config, *arguments)  # a build: stores its generation
    if not taken_whole:  # a seed edited since the build: the generation is offered
        path = project / "briefs/004_copper.txt"
        path.write_bytes(path.read_bytes().replace(b"Copper Jumps", b"Copper Leaps"))
    memory = Memory()
    first = as_built(config, *arguments, memory)
    assert (first is not None) == taken_whole
    edit_template(project, "brief.md.j2", "## Implications", "## What It Means")
    config, site_name = settings(project)
    if first is not None:
        remember(config, *arguments, memory, first)
    else:
        generated(project, memory)
    assert files(generated(project, memory)) == files(generated(project, None))


def test_what_a_reuse_reused_within_it_is_kept_while_it_is_reused() -> None:
    """A feed reuses its days: while the feed is reused whole, its days are kept too, so
    when the feed is made again, the days that did not change are not."""
    memory, made = Memory(), []
    first, second = object(), object()

    def day(name: str, item: object) -> str:
        return memory.reuse(f"day {name}", (item,), lambda: made.append(name) or name)

    def feed(items: tuple[object, object]) -> str:
        return memory.reuse(
            "feed", items, lambda: made.append("feed") or day("1", items[0]) + day("2", items[1])
        )

    for items in [(first, second), (first, second), (first, object())]:
        memory.made.next_generation()
        assert feed(items) == "12"
    assert made == ["feed", "1", "2", "feed", "2"]  # day 1 kept through the reused feed
