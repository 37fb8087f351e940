"""The reader's side in headless Chromium: no request leaves the local server, and axe-core
finds no serious or critical accessibility violation, in the light and the dark scheme.

axe-core is the npm package pinned in package.json, installed by `make test` (npm ci).
The site here also turns on the footer's copyright line and generator notice, which the
project's own site leaves off, so that their contrast is checked too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browsing import chromium, serve
from tests.builders import BULLISH, HOSTILE_SEED, ROOT, build, make_project, seed

AXE = ROOT / "node_modules/axe-core/axe.min.js"
VIEWS = {
    "home": "",
    "brief": "briefs/002_bullish/",
    "sentiment": "sentiment/bullish/",
    "search": "",
    "digest": "daily/2025-06-10/",
    "filtered": "?q=Bitcoin&sentiment=bullish",  # a deep link: the panel with a filter on
}
QUERY = "Bitcoin"  # found in headlines, article text and tags: every kind of result
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material scheme
Reader = tuple[str, Browser]


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reader]:
    assert AXE.is_file(), "axe-core is missing: `make test` installs it with npm ci"
    project = make_project(
        tmp_path_factory.mktemp("reader"),
        {
            "001_hostile.txt": HOSTILE_SEED,
            "002_bullish.txt": BULLISH,
            "003_bearish.txt": seed(headline="Oil Slides on Supply Glut", label="Bearish"),
        },
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("generator: false", "generator: true")
    config.write_text(text + 'copyright: "© 2025 Market Briefs"\n', encoding="utf-8")
    assert build(project) == 0
    with serve(project / "site") as base, chromium() as browser:
        yield base, browser


def open_view(reader: Reader, view: str, scheme: str) -> Page:
    base, browser = reader
    page = browser.new_page(color_scheme=scheme)
    page.goto(base + VIEWS[view])
    if view == "search":
        search(page, QUERY)
    if view == "filtered":
        page.locator(".md-search-result mark").first.wait_for(timeout=10_000)
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    return page


def search(page: Page, query: str) -> None:
    page.keyboard.press("/")  # Material's search shortcut
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.locator(".md-search-result mark").first.wait_for(timeout=10_000)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => ({id: v.id, impact: v.impact,
                        nodes: v.nodes.map(n => n.target.join(" "))}))"""
    )
    return result


def serious(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}) on {', '.join(v['nodes'][:3])}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def to_dark(page: Page) -> None:
    """Switch to the dark scheme as a reader does, with the header's toggle (transitions off,
    so that axe reads the final colours). The dark scheme a system preference picks is
    checked by `open_view` (see the badge test)."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate("document.querySelector('label[for=__palette_1]').click()")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'", timeout=5_000)


@pytest.mark.parametrize("view", VIEWS)
def test_no_serious_or_critical_violation(reader: Reader, view: str) -> None:
    """Each view in the light scheme, then in the dark one: the same page, toggled."""
    page = open_view(reader, view, "light")
    for scheme in SCHEMES:
        if scheme == "dark":
            to_dark(page)
        violations = axe_violations(page)
        print(f"axe {view}/{scheme}:", [f"{v['id']} ({v['impact']})" for v in violations] or "none")
        assert serious(violations) == [], scheme
    page.close()


def test_axe_finds_materials_own_failures_without_our_fixes(reader: Reader) -> None:
    page = open_view(reader, "search", "light")
    page.evaluate(
        """() => {
            document.querySelector(".md-search").removeAttribute("aria-label");
            document.querySelector('link[href$="briefs.css"]').disabled = true;
        }"""
    )
    found = {v["id"] for v in axe_violations(page) if v["impact"] in ("serious", "critical")}
    print("axe search/light without our fixes:", sorted(found))
    assert found == {"aria-dialog-name", "color-contrast"}
    page.close()


def luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: tuple[float, ...], bg: tuple[float, ...]) -> float:
    light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula() -> None:
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert round(contrast((118, 118, 118), (255, 255, 255)), 2) == 4.54  # the AA grey


@pytest.mark.parametrize("scheme", SCHEMES)
def test_sentiment_badges_pass_aa_contrast(reader: Reader, scheme: str) -> None:
    page = open_view(reader, "home", scheme)
    badges: list[dict[str, Any]] = page.evaluate(
        """() => [...document.querySelectorAll(".brief-badge")].map(el => {
            const style = getComputedStyle(el);
            const rgb = s => s.match(/[\\d.]+/g).map(Number);
            return {tone: el.className, fg: rgb(style.color), bg: rgb(style.backgroundColor)};
        })"""
    )
    assert all(len(b["bg"]) == 3 for b in badges)  # opaque backgrounds: the ratio is exact
    ratios = {b["tone"]: round(contrast(tuple(b["fg"]), tuple(b["bg"])), 2) for b in badges}
    print(f"badge contrast {scheme}:", ratios)
    assert len(ratios) == 3
    assert min(ratios.values()) >= 4.5
    page.close()


def test_home_brief_and_search_request_only_the_local_server(reader: Reader) -> None:
    base, browser = reader
    context = browser.new_context()
    log: list[tuple[str, str]] = []
    context.on("request", lambda request: log.append((request.url, request.resource_type)))
    page = context.new_page()
    page.goto(base)
    page.goto(base + VIEWS["brief"])
    search(page, QUERY)
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("networkidle")
    context.close()
    hosts = Counter(urlsplit(url).netloc for url, _ in log)
    kinds = Counter(kind for _, kind in log)
    print(f"requests: {len(log)} to {dict(hosts)}; by type {dict(kinds)}")
    assert set(hosts) == {urlsplit(base).netloc}
    paths = {urlsplit(url).path for url, _ in log}
    assert {"/", "/briefs/002_bullish/", "/pagefind/pagefind.js"} <= paths
    assert any(path.startswith("/pagefind/fragment/") for path in paths)  # a search was made
    assert len(log) >= 10
