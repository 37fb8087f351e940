"""Other packages' private API: used only in generator/internals.py and generator/site/
internals.py, at the pinned versions."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import mkdocs.commands.build as mkdocs_build
import numpy
import pytest
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from generator import internals
from generator.enrich import summarize
from generator.enrich.sentences import split_sentences
from generator.seeds.errors import ConfigError
from generator.site import internals as site_internals

ROOT = Path(__file__).resolve().parent.parent


def pins() -> dict[str, str]:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    found = (re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip()) for line in lines)
    return {match[1].lower(): match[2] for match in found if match}


def test_written_for_the_pinned_versions() -> None:
    pinned = pins()
    assert {name: pinned[name] for name in internals.WRITTEN_FOR} == internals.WRITTEN_FOR
    internals.check_versions()  # the pinned versions start cleanly


def test_no_other_module_imports_a_private_name() -> None:
    offenders = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        if path.name == "internals.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and not (node.module or "").startswith("generator"):
                names = [node.module or "", *(alias.name for alias in node.names)]
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in {"mkdocs_build", "textstat", "sumy", "pagefind"}
            ):
                names = [node.attr]
            if any(
                part.startswith("_") and not part.startswith("__")
                for n in names
                for part in n.split(".")
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def other_version(monkeypatch: pytest.MonkeyPatch, package: str) -> None:
    real = internals.installed
    monkeypatch.setattr(
        internals, "installed", lambda name: "0.0.1" if name == package else real(name)
    )
    internals._warn_once.cache_clear()


def test_another_mkdocs_renders_every_page_the_plain_way(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    original = mkdocs_build._build_page
    with site_internals.build_page_replaced(lambda build: build) as replaced:
        assert replaced is original and mkdocs_build._build_page is original
    other_version(monkeypatch, "mkdocs")
    with site_internals.build_page_replaced(lambda build: lambda *a, **k: None) as replaced:
        assert replaced is None
        assert mkdocs_build._build_page is original
    assert "mkdocs 0.0.1 is installed, but generator/internals.py was written for" in caplog.text


def test_another_sumy_ranks_with_sumys_own_textrank(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = internals.textrank_ranker(lambda sentence: [])
    assert fast is not TextRankSummarizer and issubclass(fast, TextRankSummarizer)
    other_version(monkeypatch, "sumy")
    assert internals.textrank_ranker(lambda sentence: []) is TextRankSummarizer


NEWS = sorted((ROOT / "tests/enrich/news").glob("*.txt"))
EDGE_CASES = {
    "one sentence": ["Bitcoin rose 5% on Monday as funds bought."],
    "two sentences": ["Bitcoin rose 5% on Monday.", "Funds bought bitcoin all week."],
    "only stop words": ["Bitcoin rose on Monday.", "It was what it was.", "Bitcoin funds rose."],
    "one word each": ["Bitcoin.", "Bitcoin!", "Ether?"],
    "nothing but stop words": ["It is.", "It was."],
}


def textrank_matrices(sentences: list[str]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The graph the build ranks with, and sumy's own for the same sentences and words."""
    document = ObjectDocumentModel(
        [Paragraph([Sentence(text, summarize._TOKENIZER) for text in sentences])]
    )
    ours = summarize._summarizer(summarize.DEFAULT_ALGORITHM)
    assert type(ours) is not TextRankSummarizer  # the graph of internals.textrank_ranker
    theirs = TextRankSummarizer(summarize._stemmer())
    theirs.stop_words = get_stop_words("english")
    return ours._create_matrix(document), without_self_loops(
        theirs._create_matrix(document), theirs.damping
    )


def without_self_loops(matrix: numpy.ndarray, damping: float) -> numpy.ndarray:
    """sumy's graph without each sentence's edge to itself; a row left empty votes for all."""
    count = len(matrix)
    weights = (matrix - (1.0 - damping) / count) / damping  # sumy's row-normalized edges
    numpy.fill_diagonal(weights, 0.0)
    weights[weights.sum(axis=1) < 1e-9] = 1.0
    weights /= weights.sum(axis=1)[:, numpy.newaxis]
    return numpy.full((count, count), (1.0 - damping) / count) + damping * weights


@pytest.mark.parametrize("article", NEWS, ids=[path.stem for path in NEWS])
def test_textrank_graph_is_sumys_without_self_loops_on_news_articles(article: Path) -> None:
    paragraphs = article.read_text(encoding="utf-8").split("\n\n")
    sentences = list(split_sentences([" ".join(p.split()) for p in paragraphs]))
    assert len(sentences) >= 8
    ours, theirs = textrank_matrices(sentences)
    assert ours.shape == theirs.shape == (len(sentences), len(sentences))
    assert numpy.allclose(ours, theirs, rtol=1e-5, atol=1e-9)
    assert numpy.allclose(ours.sum(axis=1), 1.0)  # every vote is cast: no rank drains away


@pytest.mark.parametrize("sentences", EDGE_CASES.values(), ids=list(EDGE_CASES))
def test_textrank_graph_is_sumys_without_self_loops_on_edge_cases(sentences: list[str]) -> None:
    ours, theirs = textrank_matrices(sentences)
    assert ours.shape == theirs.shape == (len(sentences), len(sentences))
    assert numpy.allclose(ours, theirs, rtol=1e-5, atol=1e-9)
    assert numpy.allclose(ours.sum(axis=1), 1.0)


def test_a_sentence_that_shares_nothing_ranks_last_not_average() -> None:
    # sumy's self-loop keeps an unconnected sentence's vote at home: it ranks 1/n, above
    # the sentences that are merely less central than the first.
    sentences = [
        "Bitcoin rose 5% on Monday as funds bought bitcoin.",
        "Funds bought bitcoin and ether on Monday.",
        "Ether rose with bitcoin as funds bought more.",
        "Analysts expect bitcoin to keep rising this week.",
        "The weather in Lisbon stayed warm and sunny through a long quiet weekend.",
    ]
    ours = summarize._ratings(sentences, summarize.DEFAULT_ALGORITHM)
    theirs = summarize._ratings(sentences, "textrank")
    assert min(ours) == ours[-1]
    assert min(theirs) != theirs[-1]


@pytest.mark.parametrize("package", internals.REQUIRED)
def test_another_textstat_or_pagefind_stops_with_what_to_install(
    monkeypatch: pytest.MonkeyPatch, package: str
) -> None:
    other_version(monkeypatch, package)
    with pytest.raises(ConfigError) as raised:
        internals.check_versions()
    assert str(raised.value) == (
        f"requirements.txt:1: {package} 0.0.1 is installed, but generator/internals.py was "
        f"written for {package} {internals.WRITTEN_FOR[package]}; install the pinned "
        "versions (make build does)"
    )


def test_the_build_time_reaches_mkdocs_only_inside_the_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with site_internals.mkdocs_build_time(86400):
        assert mkdocs_build.utils.get_build_timestamp() == 86400
    assert "SOURCE_DATE_EPOCH" not in __import__("os").environ
