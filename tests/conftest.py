"""Shared test configuration.

Every test runs with outbound network access blocked: a test that makes
backlinkkit open a connection or resolve a host name fails.  (Tests marked
``browser`` drive a local Chromium through pipes and are exempt.)
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """Where ``shared/`` is: ``$BACKLINKKIT_SHARED`` or ``../shared`` beside the repository."""
    return Path(os.environ.get("BACKLINKKIT_SHARED", REPO.parent / "shared"))


def corpus_dir() -> Path:
    return shared_dir() / "corpus"


class NetworkBlockedError(AssertionError):
    """Raised when code under test tries to reach the network."""


def _blocked(*args: object, **kwargs: object) -> None:
    raise NetworkBlockedError(f"network access attempted: {args!r}")


@pytest.fixture(autouse=True)
def _no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("browser") is None:
        monkeypatch.setattr(socket.socket, "connect", _blocked)
        monkeypatch.setattr(socket.socket, "connect_ex", _blocked)
        monkeypatch.setattr(socket, "create_connection", _blocked)
        monkeypatch.setattr(socket, "getaddrinfo", _blocked)
