"""Helpers for the tests that a page's bytes are freed before its tree is built."""

from __future__ import annotations

import pytest


class Watched(bytes):
    """Page bytes that append ``"bytes"`` to *events* when they are freed."""

    events: list[str]

    def __new__(cls, data: bytes, events: list[str]) -> Watched:
        self = super().__new__(cls, data)
        self.events = events
        return self

    def __del__(self) -> None:
        self.events.append("bytes")


def watch_parses(monkeypatch: pytest.MonkeyPatch, events: list[str]) -> None:
    """Make every parse by extraction append ``"parse"`` to *events* as it starts."""
    import backlinkkit.extract as extract_module
    from backlinkkit._parse import get_backend

    backend = get_backend("html5lib")

    def watching(name: object) -> object:
        def parse(text: object) -> object:
            events.append("parse")
            return backend(text)  # type: ignore[arg-type]

        return parse

    monkeypatch.setattr(extract_module, "get_backend", watching)
