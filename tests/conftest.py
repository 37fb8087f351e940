"""Test-wide guards: no network except loopback, and no NLTK downloads."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.builders import BULLISH, HOSTILE_SEED, build, make_project, seed

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> None:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
            raise AssertionError(f"test tried to reach another host: {address!r}")
    _real_connect(self, address)


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any test whose code reaches beyond this machine or asks NLTK to download."""
    import nltk

    def no_download(*args: object, **kwargs: object) -> None:
        raise AssertionError("NLTK download attempted")

    monkeypatch.setattr(socket.socket, "connect", _loopback_only)
    monkeypatch.setattr(nltk, "download", no_download)
    yield


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(
        tmp_path_factory.mktemp("project"),
        {
            "001_hostile.txt": HOSTILE_SEED,
            "002_bullish.txt": BULLISH,
            "003_draft.txt": seed(headline="Secret Draft Headline", front="draft: true"),
        },
    )
    assert build(project) == 0
    return project / "site"
