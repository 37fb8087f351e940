"""The check, new and stats commands, through `main` as a user runs them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.commands import new
from tests.builders import ROOT, make_project, seed

BAD_LABEL = (
    "briefs/001_bad.txt:3: unknown sentiment 'Bulish'; expected one of Bullish, Bearish, "
    "Neutral (did you mean Bullish?)"
)
SHORT = (
    "briefs/002_short.txt:2: warning: article is a single sentence; write at least 2 so the "
    "TL;DR has something to choose from"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(
        tmp_path,
        {
            "001_bad.txt": seed(label="Bulish"),
            "002_short.txt": seed(article="Only one sentence here."),
            "003_draft.txt": seed(front="draft: true"),
        },
    )


def run(project: Path, *args: str) -> int:
    return main(["-f", str(project / "mkdocs.yml"), *args])


def test_check_reports_errors_warnings_and_drafts(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(project, "check") == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [BAD_LABEL, SHORT]
    assert out.splitlines() == [
        "draft: briefs/003_draft.txt (shown by serve, left out of build)",
        "4 seeds checked: 1 error, 1 warning, 1 draft",
    ]


def test_check_paths_and_strict(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, "check", str(project / "briefs/002_short.txt")) == 0
    assert capsys.readouterr().err.splitlines() == [SHORT]
    assert run(project, "check", "--strict", str(project / "briefs/002_short.txt")) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [SHORT.replace("warning: ", "")]
    assert out == "1 seed checked: 1 error, 0 warnings, 0 drafts\n"
    (project / "briefs/001_bad.txt").unlink()
    assert run(project, "check", str(project / "briefs")) == 0
    assert capsys.readouterr().out.endswith("3 seeds checked: 0 errors, 1 warning, 1 draft\n")


def test_check_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, "check", "--format", "json") == 1
    report = json.loads(capsys.readouterr().out)
    assert report == {
        "schema_version": 1,
        "ok": False,
        "seeds": 4,
        "problems": [
            {
                "path": "briefs/001_bad.txt",
                "line": 3,
                "severity": "error",
                "code": "unknown-sentiment",
                "message": BAD_LABEL.split(":3: ")[1],
            },
            {
                "path": "briefs/002_short.txt",
                "line": 2,
                "severity": "warning",
                "code": "short-article",
                "message": SHORT.split(":2: warning: ")[1],
            },
        ],
        "drafts": ["briefs/003_draft.txt"],
    }


MISMATCH = (ROOT / "tests/warnings/sentiment_mismatch.txt").read_bytes()


def test_a_label_that_contradicts_the_text_warns_in_check_and_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(tmp_path, {"007_x.txt": MISMATCH}, with_example=False)
    warning = (
        "briefs/007_x.txt:7: warning: labelled Bullish, but the article and implications read "
        "Bearish (−0.76); the most negative lines are 2 and 8"
    )
    assert run(project, "check") == 0
    assert capsys.readouterr().err.splitlines() == [warning]
    assert run(project, "check", "--strict") == 1
    capsys.readouterr()
    assert run(project, "check", "--format", "json") == 0
    problem = json.loads(capsys.readouterr().out)["problems"][0]
    assert (problem["code"], problem["severity"]) == ("sentiment-mismatch", "warning")
    assert run(project, "build") == 0  # a warning, never a failed build
    assert warning in caplog.messages
    # The threshold is a setting: past the text's tone, nothing is said.
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("feed_items: 20", "feed_items: 20\n"
        "    label_check: 0.9"), encoding="utf-8"
    )  # fmt: skip
    capsys.readouterr()
    assert run(project, "check") == 0
    assert capsys.readouterr().err == ""


def test_check_of_a_missing_path_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(project, "check", "nope.txt")
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m generator check: error: nope.txt: no such file or folder"
    )


def test_new_numbers_and_names_the_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {"007_x.txt": seed(), "notes.md": b""})
    assert run(project, "new", "  Bitcoin   Tops 100k ", "--sentiment", "bullish") == 0
    path = capsys.readouterr().out.strip()
    assert path == f"briefs/008_{new.seed_id(8, 'Bitcoin Tops 100k')}.txt"
    assert len(Path(path).stem) == len("008_") + 16
    text = (project / path).read_text(encoding="utf-8")
    front, body = text.split("---\n")[1:]
    days = {(dt.date.today() + dt.timedelta(days=d)).isoformat() for d in (-1, 0)}  # midnight
    assert front in {f"date: {day}\nslug: bitcoin-tops-100k\n" for day in days}
    assert body.startswith("Bitcoin Tops 100k\n\nTODO: replace this paragraph with the article")
    assert "\n\nBullish\n\n" in text
    assert run(project, "new", "Second", "--date", "2025-06-10") == 0
    second = project / capsys.readouterr().out.strip()
    assert second.name.startswith("009_")
    assert second.read_text(encoding="utf-8").startswith(
        "---\ndate: 2025-06-10\nslug: second\n---\nSecond\n"
    )
    assert run(project, "check", str(second)) == 0  # placeholders are warnings only


def test_new_slugs_read_like_the_headline_and_never_clash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path, {"001_a.txt": seed(front="slug: etf-inflows-hit-a-record")})
    assert run(project, "new", "ETF Inflows Hit a Record!", "--date", "2025-06-10") == 0
    path = project / capsys.readouterr().out.strip()
    assert "slug: etf-inflows-hit-a-record-2\n" in path.read_text(encoding="utf-8")
    assert new.headline_slug("Énergie: Prix À la Hausse") == "energie-prix-a-la-hausse"
    assert new.headline_slug("比特币") is None  # nothing to spell it with: the file name serves
    assert run(project, "check") == 0


def test_new_ids_are_stable_and_differ() -> None:
    assert new.seed_id(1, "A") == new.seed_id(1, "A") != new.seed_id(2, "A")
    assert new.next_prefix(["000_a.txt", "012_b.txt", "3x.txt", ".099_c.txt"]) == 13
    assert new.next_prefix([]) == 1


def test_new_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path, {})
    monkeypatch.setattr(new, "next_prefix", lambda names: 0)  # the example is 000_…
    taken = project / f"briefs/000_{new.seed_id(0, 'Clash')}.txt"
    taken.write_bytes(b"mine")
    assert run(project, "new", "Clash") == 2
    assert capsys.readouterr().err == (
        f"briefs/{taken.name}:1: already exists; 'new' never overwrites a file\n"
    )
    assert taken.read_bytes() == b"mine"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["x", "--sentiment", "Bulish"],
            "unknown sentiment 'Bulish'; expected one of Bullish, Bearish, Neutral "
            "(did you mean Bullish?)",
        ),
        (
            ["x", "--date", "2025-06-31"],
            "argument --date: expected an ISO date such as 2025-06-09, got '2025-06-31'",
        ),
        ([" "], 'the headline is empty; write it in quotes: new "Bitcoin Tops $100k"'),
    ],
)
def test_new_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    project = make_project(tmp_path, {})
    with pytest.raises(SystemExit) as exit_:
        run(project, "new", *args)
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"python -m generator new: error: {message}"
    assert sorted(p.name for p in (project / "briefs").iterdir()) == ["000_9a8fa79c9f871b61.txt"]


def test_stats(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "briefs/004_dated.txt").write_bytes(seed(label="Bearish", front="date: 2025-06-10"))
    assert run(project, "stats") == 1
    assert capsys.readouterr().out.splitlines() == [
        "Published briefs            3",
        "  Bullish                   1",
        "  Bearish                   1",
        "  Neutral                   1",
        "Undated                     2",
        "Drafts                      1",
        "With errors (run check)     1",
    ]
    (project / "briefs/001_bad.txt").unlink()
    assert run(project, "stats") == 0
    assert "With errors" not in capsys.readouterr().out


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("build", "check", "new", "serve", "stats"):
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        assert exit_.value.code == 0
        assert "Exit codes: 0 ok, 1 seed or build errors, 2 usage" in capsys.readouterr().out
