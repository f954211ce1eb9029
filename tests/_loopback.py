"""Let a test open sockets to this machine only (a local Dask cluster, Spark's py4j).

conftest.py blocks every outbound connection; the cluster tests need loopback.
The wrappers allow ``127.0.0.1``, ``::1``, ``localhost`` and Unix sockets and
still refuse everything else.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest

_CONNECT = socket.socket.connect
_CONNECT_EX = socket.socket.connect_ex
_CREATE = socket.create_connection
_GETADDRINFO = socket.getaddrinfo
_LOCAL = {"127.0.0.1", "::1", "localhost", "0.0.0.0", ""}


def _local(address: Any) -> bool:
    if isinstance(address, (str, bytes)):  # a Unix socket path
        return True
    return isinstance(address, tuple) and str(address[0]) in _LOCAL


def allow_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    def connect(self: socket.socket, address: Any) -> Any:
        if not _local(address):
            raise AssertionError(f"network access attempted: {address!r}")
        return _CONNECT(self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        if not _local(address):
            raise AssertionError(f"network access attempted: {address!r}")
        return _CONNECT_EX(self, address)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        if not _local(address):
            raise AssertionError(f"network access attempted: {address!r}")
        return _CREATE(address, *args, **kwargs)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in _LOCAL and host is not None and host != socket.gethostname():
            raise AssertionError(f"network access attempted: {host!r}")
        return _GETADDRINFO(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
