"""backlinkkit never opens a socket and never writes a file, at import or call.

The check runs in a fresh interpreter with an audit hook (PEP 578) installed
*before* backlinkkit is imported, so import-time behaviour is covered too.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.conftest import NetworkBlockedError

SCRIPT = textwrap.dedent(
    """
    import sys

    events = []
    # Reaching out: connecting, sending, resolving names.  (Creating a socket is
    # not listed: urllib3, imported by tldextract through requests, creates and
    # binds one to ::1 at import to probe for IPv6 support; it never connects.)
    NETWORK_EVENTS = {
        "socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
        "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo",
        "http.client.connect", "urllib.Request",
    }

    def hook(event, args):
        if event in NETWORK_EVENTS:
            events.append((event, repr(args)[:200]))
        elif event == "open":
            path, mode, flags = args
            if isinstance(mode, str) and any(c in mode for c in "wax+"):
                events.append((event, repr(args)[:200]))
            elif isinstance(flags, int) and flags & 0o3:  # O_WRONLY / O_RDWR
                events.append((event, repr(args)[:200]))
        elif event in ("os.mkdir", "os.rename", "os.remove", "shutil.rmtree", "urllib.Request"):
            events.append((event, repr(args)[:200]))

    sys.addaudithook(hook)

    import backlinkkit
    from backlinkkit import extract_links, registrable_domain

    html = (
        b'<meta charset="utf-8"><base href="/b/">'
        b'<meta name="robots" content="nofollow">'
        b'<a href="https://www.facebook.com/acme">fb</a>'
        b'<a href="https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2F"'
        b' rel="nofollow">x</a>'
        b'<a href="https://t.co/abc">t</a><a href="rel?q=\\xc3\\xa9">r</a>'
        b'<script type="application/ld+json">'
        b'{"@type":"Organization","sameAs":["https://x.com/acme"]}</script>'
    )
    page = extract_links(html, "https://blog.example.org/post", headers={"X-Robots-Tag": "noindex"})
    assert len(page.links) == 4, page.links
    assert registrable_domain("a.b.example.co.uk") == "example.co.uk"
    page.to_records()
    for name in ("scoring", "audit", "social", "profiles"):
        try:
            __import__("backlinkkit." + name)
        except ImportError:
            pass
    if events:
        print("\\n".join(f"{e}: {a}" for e, a in events))
        sys.exit(1)
    print("clean")
    """
)


def test_import_and_extraction_touch_no_socket_and_write_no_file() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("clean")


def test_the_audit_hook_catches_a_socket() -> None:
    # The check above must be able to fail: the same hook sees a socket being made.
    probe = SCRIPT.split("import backlinkkit")[0] + (
        "import socket\ntry:\n    socket.getaddrinfo('localhost', 80)\nexcept OSError:\n"
        "    pass\nopen('/dev/null', 'w').close()\nsys.exit(len(events))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr


def test_network_guard_is_active_in_tests() -> None:
    import socket

    with pytest.raises(NetworkBlockedError):
        socket.create_connection(("198.51.100.1", 80), timeout=0.01)
