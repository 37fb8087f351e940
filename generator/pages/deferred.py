"""Pages and charts rendered when first read: the preview's list pages that wait until
after the reload (site/later.py). Only a preview renders so; a build renders all at once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from generator.seeds.model import GeneratedFile

if TYPE_CHECKING:
    from generator.pages.render import Rendered, Renderer


class Deferred:
    """A page rendered when its Markdown is first read: the preview's list pages that wait
    until after the reload (site/later.py). Equal to another only if the same object."""

    def __init__(
        self, renderer: Renderer, template: str, meta: Mapping[str, Any], context: dict[str, Any]
    ) -> None:
        self.meta = meta
        self._arguments: tuple[Renderer, str, Mapping[str, Any], dict[str, Any]] | None = (
            renderer,
            template,
            meta,
            context,
        )
        self._lock = threading.Lock()
        self._rendered: Rendered | None = None

    @property
    def rendered(self) -> Rendered:
        with self._lock:  # read by the preview's thread that renders it, or by a rebuild
            if self._rendered is None:
                assert self._arguments is not None
                renderer, template, meta, context = self._arguments
                self._rendered = renderer._render(template, meta, context)
                self._arguments = None  # what it was made from, let go
            return self._rendered


class LaterFile(GeneratedFile):
    """A generated page whose Markdown is rendered when it is first read (`Deferred`)."""

    source: Deferred

    def __init__(self, src_uri: str, source: Deferred, in_nav: bool = False) -> None:
        object.__setattr__(self, "source", source)
        super().__init__(src_uri, "", in_nav)

    @property
    def content(self) -> str:
        return self.source.rendered.markdown

    @content.setter
    def content(self, value: str) -> None:  # GeneratedFile.__init__ sets it: the source tells
        pass

    @property
    def fragments(self) -> bytes:
        return self.source.rendered.packed

    @fragments.setter
    def fragments(self, value: bytes) -> None:
        pass


class LaterSVG:
    """A chart's SVG, drawn when the page that shows it is rendered: a preview's list page
    left for after the reload draws its chart then (pages/deferred.py). Equal to another
    of the same figures without drawing either."""

    def __init__(self, key: object, draw: Callable[[], str]) -> None:
        self.key = key
        self._draw = draw
        self._svg: str | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LaterSVG) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __html__(self) -> str:  # what Jinja's `safe` filter prints
        if self._svg is None:
            self._svg = self._draw()
        return self._svg

    __str__ = __html__
