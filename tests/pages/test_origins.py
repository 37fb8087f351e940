"""What a generation takes from the last one: pages found by what they were made from."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.pages.origins import Origins
from generator.pages.related import BriefLinks
from generator.pages.render import Rendered
from tests.pages.test_related import item

KEY = ("listing.md.j2", "title: Bullish")


@dataclass(frozen=True)
class Row:
    label: str
    n: int


@dataclass
class Mutable:
    label: str


def digest(arguments: object, origins: Origins | None = None) -> bytes | None:
    return (origins or Origins())._arguments(KEY, arguments)


def test_equal_arguments_digest_alike_in_any_generation() -> None:
    """Briefs count by content, not identity: another generation's equal objects match."""
    made = {"items": [(item("a", "Alpha"), "../a/")], "rows": (Row("x", 1),), "n": 3}
    again = {"items": [(item("a", "Alpha"), "../a/")], "rows": (Row("x", 1),), "n": 3}
    assert digest(made) is not None and digest(made) == digest(again)


def test_every_difference_in_value_or_type_changes_the_digest() -> None:
    base = {"items": [(item("a", "Alpha"), "../a/")], "title": "T", "n": 1}
    variants = [
        {**base, "items": [(item("a", "Alpha edited"), "../a/")]},
        {**base, "items": [(item("a", "Alpha"), "../b/")]},
        {**base, "title": Markup("T")},  # printed unescaped: not the same argument
        {**base, "n": True},
        {**base, "n": 1.0},
        {**base, "items": ((item("a", "Alpha"), "../a/"),)},
        {**base, "extra": None},
    ]
    digests = {digest(base), *(digest(v) for v in variants)}
    assert None not in digests and len(digests) == len(variants) + 1


def test_arguments_holding_anything_unknown_are_never_stored() -> None:
    for unknown in ({"a"}, Mutable("x"), lambda: None, object(), (Row("x", 1), {"b"})):
        assert digest({"value": unknown}) is None
    origins = Origins()
    origins.keep(KEY, {"value": {"a"}}, Rendered("# page", ()))
    assert origins.rendered == {}


def test_a_page_is_taken_only_from_its_own_arguments() -> None:
    first = Origins()
    arguments = {"items": [(item("a", "Alpha"), "../a/")]}
    first.keep(KEY, arguments, Rendered("# page", ("<p>a</p>",)))
    later = Origins((), {}, first.rendered)
    found = later.find(KEY, {"items": [(item("a", "Alpha"), "../a/")]})
    assert found is not None and (found.markdown, found.fragments) == ("# page", ("<p>a</p>",))
    assert later.find(KEY, {"items": [(item("a", "Other"), "../a/")]}) is None
    assert later.find(("listing.md.j2", "title: Bearish"), arguments) is None
    assert later.rendered == first.rendered  # what it took is kept for the next


def test_a_brief_page_is_taken_while_it_and_its_links_read_the_same() -> None:
    alpha, beta, gamma = item("a", "Alpha"), item("b", "Beta"), item("c", "Gamma")
    first, made = Origins(), []

    def make(brief: object, links: BriefLinks) -> object:
        made.append(brief)
        from generator.seeds.model import GeneratedFile

        return GeneratedFile("briefs/a.md", f"page {len(made)}")

    page = first.page(alpha, BriefLinks((beta,), None, gamma), make)  # type: ignore[arg-type]
    later = Origins([page], first.made)
    same = later.page(
        item("a", "Alpha"),
        BriefLinks((item("b", "Beta"),), None, item("c", "Gamma")),
        make,  # type: ignore[arg-type]
    )
    assert same is page and len(made) == 1
    for links in (
        BriefLinks((item("b", "Beta edited"),), None, gamma),  # a related headline
        BriefLinks((beta,), gamma, None),  # next became previous
        BriefLinks((beta, gamma), None, gamma),
    ):
        assert Origins([page], first.made).page(alpha, links, make) is not page  # type: ignore[arg-type]
    assert len(made) == 4
