"""Maps that the preview's memory keeps for one generation (memory.py): what the last
generation did not use is forgotten."""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    """A map that forgets what the last generation did not look up or store."""

    def __init__(self) -> None:
        self._last: dict[K, V] = {}
        self._now: dict[K, V] = {}

    def next_generation(self) -> None:
        """Start a generation: keep only what the one before used."""
        self._last, self._now = self._now, {}

    def get(self, key: K) -> V | None:
        found = self._now.get(key)
        if found is None:
            found = self._last.get(key)
            if found is not None:
                self._now[key] = found
        return found

    def put(self, key: K, value: V) -> None:
        self._now[key] = value

    def current(self) -> dict[K, V]:
        """What this generation looked up or stored so far."""
        return self._now


class Pages:
    """Rendered pages by template and front matter, each with the arguments it was rendered
    from. Pages that share their front matter (a story filed twice) share a key, so each
    key holds a list, searched for equal arguments."""

    def __init__(self) -> None:
        self._last: dict[tuple[str, str], list[tuple[object, object]]] = {}
        self._now: dict[tuple[str, str], list[tuple[object, object]]] = {}

    def next_generation(self) -> None:
        """Start a generation: keep only what the one before rendered or reused."""
        self._last, self._now = self._now, {}

    def find(self, key: tuple[str, str], arguments: object) -> object | None:
        """What the last generation rendered from equal arguments, if anything."""
        for stored, rendered in self._last.get(key, ()):
            if stored == arguments:
                self.keep(key, stored, rendered)
                return rendered
        return None

    def keep(self, key: tuple[str, str], arguments: object, rendered: object) -> None:
        """Remember a page rendered (or reused) in this generation."""
        self._now.setdefault(key, []).append((arguments, rendered))
