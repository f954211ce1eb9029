"""Small WARC files for tests, written by hand in the ISO 28500 layout."""

from __future__ import annotations

from pathlib import Path

__all__ = ["warc_record", "write_warc"]


def warc_record(url: str, html: bytes, headers: str = "Content-Type: text/html") -> bytes:
    """One uncompressed WARC/1.0 response record (ISO 28500 layout)."""
    http = f"HTTP/1.1 200 OK\r\n{headers}\r\n\r\n".encode() + html
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\n"
        "WARC-Date: 2024-01-01T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{abs(hash(url)) % 10**12:012d}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> Path:
    path.write_bytes(b"".join(warc_record(*page) for page in pages))
    return path
