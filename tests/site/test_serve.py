"""`serve` as an author uses it: live reload, errors on the page, drafts marked."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.builders import edit_template, make_project, seed
from tests.sitecheck import Parsed

STARTUP, CHANGE = 90.0, 30.0  # bounds on the waits, in seconds; typical waits are ~1 s


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def parsed(html: str) -> Parsed:
    page = Parsed()
    page.feed(html)
    page.close()
    return page


class Preview:
    """A `python -m generator serve` process on a free port."""

    def __init__(self, project: Path) -> None:
        address = f"127.0.0.1:{free_port()}"
        # MkDocs serves under site_url's path, as the published site will be.
        mkdocs_yml = (project / "mkdocs.yml").read_text(encoding="utf-8")
        site_path = urlsplit(re.search(r"^site_url: (\S+)", mkdocs_yml, re.M)[1]).path  # type: ignore[index]
        self.base = f"http://{address}{site_path}"
        self.log = project / "serve.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "generator", "serve", "-a", address],
                cwd=project,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_for(self, path: str, text: str, bound: float) -> str:
        """Poll a page until it contains `text`; fail after `bound` seconds."""
        deadline = time.monotonic() + bound
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text(encoding="utf-8")
            html = fetch(self.base + path)
            if text in html:
                return html
            time.sleep(0.1)
        pytest.fail(f"{text!r} not on {path} after {bound} s\n{self.log.read_text('utf-8')}")

    def wait_for_log(self, text: str, bound: float) -> None:
        """Wait until the log holds `text`; fail after `bound` seconds."""
        deadline = time.monotonic() + bound
        while text not in self.log.read_text(encoding="utf-8"):
            assert self.process.poll() is None, self.log.read_text(encoding="utf-8")
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} not logged after {bound} s\n{self.log.read_text('utf-8')}")
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Preview, Path]]:
    project = make_project(
        tmp_path,
        {
            "001_live.txt": seed(headline="First Headline"),
            "002_draft.txt": seed(headline="Draft Headline", front="draft: true"),
        },
    )
    server = Preview(project)
    try:
        yield server, project / "briefs"
    finally:
        server.stop()


def test_serve_reloads_shows_errors_and_drafts(preview: tuple[Preview, Path]) -> None:
    server, briefs = preview
    server.wait_for("briefs/001_live/", "First Headline", STARTUP)

    (briefs / "001_live.txt").write_bytes(seed(headline="Second Headline"))
    server.wait_for("briefs/001_live/", "Second Headline", CHANGE)

    (briefs / "001_live.txt").write_bytes(seed(label="Bulish", front="<b>key</b>: 1"))
    html = server.wait_for("briefs/001_live/", "brief-errors", CHANGE)
    page = parsed(html)
    tags = [element.tag for element in page.content_elements]
    assert tags == ["div", "h1", "p", "ul", "li", "code", "li", "code"]  # seed text stays text
    assert (
        "briefs/001_live.txt:2: unknown front-matter key '<b>key</b>'; expected one of date, "
        "tags, slug, source, summary, draft, assets" in page.content_text
    )
    assert "briefs/001_live.txt:6: unknown sentiment 'Bulish'" in page.content_text
    log = server.log.read_text(encoding="utf-8")
    assert "ERROR   -  briefs/001_live.txt:6: unknown sentiment 'Bulish'" in log

    (briefs / "001_live.txt").write_bytes(seed(headline="Third Headline"))
    server.wait_for("briefs/001_live/", "Third Headline", CHANGE)

    draft = parsed(server.wait_for("briefs/002_draft/", "Draft Headline", CHANGE))
    assert "Draft: shown by the live preview only" in draft.content_text
    home = parsed(server.wait_for("", "Third Headline", CHANGE))
    assert "Draft Headline" in home.content_text and "· Draft" in home.content_text
    assert server.process.poll() is None


def test_serve_shows_a_broken_template_in_place_of_the_home_page(
    preview: tuple[Preview, Path],
) -> None:
    server, briefs = preview
    server.wait_for("", "First Headline", STARTUP)
    good, typo = "<li>{{ sentence }}</li>", "<li>{{ sentence }</li>"
    line = edit_template(briefs.parent, "brief.md.j2", good, typo)
    page = parsed(server.wait_for("", "brief-errors", CHANGE))
    error = f"templates/brief.md.j2:{line}: template syntax error: unexpected '}}'"
    assert [element.tag for element in page.content_elements] == [
        "div",
        "h1",
        "p",
        "ul",
        "li",
        "code",
    ]
    assert page.content_text.startswith("The preview could not be built ")
    assert page.content_text.endswith(f" {error}")  # the one problem listed
    assert f"ERROR   -  {error}\n" in server.log.read_text(encoding="utf-8")

    edit_template(briefs.parent, "brief.md.j2", typo, good)
    server.wait_for("", "First Headline", CHANGE)
    assert server.process.poll() is None


TYPE_ERROR = 'TypeError: can only concatenate str (not "int") to str'


@pytest.mark.parametrize(
    ("name", "good", "said", "path", "text"),
    [
        (  # in the rebuild itself: then MkDocs' own line, and the preview waits for a save
            "main.html",
            "{% block scripts %}",
            "the theme's template failed: {error}; the preview waits for the next save",
            "briefs/001_live/",
            "First Headline",
        ),
        (  # in a page the preview renders after the reload: the line names it
            "sitemap.xml",
            "{{- pages | sitemap_entries }}",
            "the theme's template failed on sitemap.xml: {error}; the next save renders it again",
            "sitemap.xml",
            "briefs/001_live/",
        ),
    ],
)
def test_serve_says_in_one_line_where_the_theme_failed_and_recovers_when_it_is_fixed(
    preview: tuple[Preview, Path], name: str, good: str, said: str, path: str, text: str
) -> None:
    server, briefs = preview
    server.wait_for(path, text, STARTUP)
    broken = good + "{{ config.site_name + 1 }}"
    line = edit_template(briefs.parent, f"theme/{name}", good, broken)
    server.wait_for_log(f"templates/theme/{name}:{line}: {said.format(error=TYPE_ERROR)}\n", CHANGE)
    log = server.log.read_text(encoding="utf-8")
    assert "Traceback" not in log and "Error building page" not in log

    reloads = log.count("Reloading browsers")
    edit_template(briefs.parent, f"theme/{name}", broken, good)
    deadline = time.monotonic() + CHANGE
    while server.log.read_text(encoding="utf-8").count("Reloading browsers") == reloads:
        assert time.monotonic() < deadline, server.log.read_text(encoding="utf-8")
        time.sleep(0.1)
    server.wait_for(path, text, CHANGE)
    assert server.process.poll() is None


def test_serve_started_on_a_broken_theme_says_where_in_one_line(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"001_live.txt": seed(headline="First Headline")})
    good = "{% block scripts %}"
    line = edit_template(project, "theme/main.html", good, good + "{% if %}")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{free_port()}"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=STARTUP,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"templates/theme/main.html:{line}: the theme's template failed: Expected an "
        "expression, got 'end of statement block'; the previous site was left as it was"
    )
    assert "Traceback" not in result.stderr


def test_serve_answers_an_address_with_no_page_with_the_theme_s_404_page(
    preview: tuple[Preview, Path],
) -> None:
    server, _ = preview
    server.wait_for("", "First Headline", STARTUP)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(server.base + "no-such-page/", timeout=5)
    assert refused.value.code == 404
    page = parsed(refused.value.read().decode("utf-8"))
    assert "404 - Not found" in page.content_text


def test_serve_says_a_fifo_saved_as_the_settings_in_one_line_and_recovers(
    preview: tuple[Preview, Path],
) -> None:
    """The rebuild opened it and waited for a writer for ever."""
    server, briefs = preview
    server.wait_for("briefs/001_live/", "First Headline", STARTUP)
    settings = briefs.parent / "mkdocs.yml"
    kept = settings.read_bytes()
    settings.unlink()
    os.mkfifo(settings)
    said = f"{settings}: not a regular file (a FIFO); the settings must be a plain YAML file"
    server.wait_for_log(f"{said}; the preview waits for the next save\n", CHANGE)
    settings.unlink()
    settings.write_bytes(kept.replace(b"site_name: Market Briefs", b"site_name: Desk Briefs"))
    server.wait_for("briefs/001_live/", "Desk Briefs", CHANGE)
    assert server.process.poll() is None
