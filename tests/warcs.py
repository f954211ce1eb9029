"""WARC files built from the shared corpus, for tests and benchmarks.

The records are written by hand here (WARC/1.0, ISO 28500: a version line,
``name: value`` header lines, an empty line, ``Content-Length`` bytes of block,
two CRLF), so the archives do not depend on either reader under test.  Every
builder returns a :class:`WarcManifest` saying what a correct reader must find:
the pages (URL, decoded body, HTTP headers) and the count of each kind of record.
"""

from __future__ import annotations

import gzip
import hashlib
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

__all__ = [
    "WAT_JSON",
    "ExpectedIssue",
    "ExpectedPage",
    "WarcManifest",
    "assert_joins_one_to_one",
    "chunked",
    "corpus_warc",
    "expected_issues",
    "http_response",
    "issue_tuples",
    "issue_warc",
    "unreadable_warcs",
    "warc_record",
    "wat_expected",
    "wat_page_json",
    "wat_tables",
    "write_warc",
    "write_wat",
]

DATE = "2026-12-01T12:00:00Z"
_NAMESPACE = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")  # uuid.NAMESPACE_URL


def record_id(key: str) -> str:
    """A stable ``<urn:uuid:...>`` for *key*."""
    return f"<urn:uuid:{uuid.uuid5(_NAMESPACE, key)}>"


def warc_record(
    warc_type: str,
    block: bytes,
    *,
    uri: str | None = None,
    key: str | None = None,
    content_type: str | None = None,
    extra: Iterable[tuple[str, str]] = (),
    length: int | None = None,
) -> bytes:
    """One uncompressed WARC/1.0 record (``Content-Length`` is *length* or ``len(block)``)."""
    headers = [
        ("WARC-Type", warc_type),
        ("WARC-Record-ID", record_id(key or f"{warc_type} {uri} {len(block)}")),
        ("WARC-Date", DATE),
    ]
    if uri is not None:
        headers.append(("WARC-Target-URI", uri))
    if content_type is not None:
        headers.append(("Content-Type", content_type))
    headers += list(extra)
    headers.append(("Content-Length", str(len(block) if length is None else length)))
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("utf-8") + block + b"\r\n\r\n"


def http_response(
    body: bytes, headers: Sequence[tuple[str, str]] = (), status: int = 200, reason: str = "OK"
) -> bytes:
    """An HTTP/1.1 response message (headers written as given, latin-1)."""
    lines = [f"HTTP/1.1 {status} {reason}", *(f"{k}: {v}" for k, v in headers)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def http_request(url: str) -> bytes:
    """A GET request message for *url*."""
    rest = url.split("://", 1)[-1]
    host, _, path = rest.partition("/")
    return f"GET /{path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: backlinkkit-tests\r\n\r\n".encode()


def chunked(body: bytes, size: int = 4096) -> bytes:
    """*body* in HTTP/1.1 chunked transfer coding (RFC 9112 §7.1), with a chunk extension."""
    out = bytearray()
    for start in range(0, len(body), size):
        piece = body[start : start + size]
        out += b"%x;ext=1\r\n" % len(piece) + piece + b"\r\n"
    return bytes(out + b"0\r\n\r\n")


@dataclass(frozen=True)
class ExpectedPage:
    """What a reader must give for one page."""

    url: str
    content: bytes
    headers: tuple[tuple[str, str], ...]
    record_type: str = "response"
    status: int | None = 200
    truncated: str | None = None
    name: str = ""


@dataclass
class WarcManifest:
    """The pages of an archive and the counts a reader must report."""

    pages: list[ExpectedPage] = field(default_factory=list)
    types: Counter[str] = field(default_factory=Counter)
    skipped: int = 0
    revisits: int = 0
    non_html: int = 0
    unreadable: int = 0
    truncated: int = 0
    size: int = 0

    @property
    def records(self) -> int:
        return sum(self.types.values())


class _Writer:
    def __init__(self, out: BinaryIO, gzip_records: bool, level: int) -> None:
        self.out = out
        self.gzip_records = gzip_records
        self.level = level
        self.manifest = WarcManifest()

    def write(self, warc_type: str, record: bytes, *, cut: int = 0) -> None:
        self.manifest.types[warc_type] += 1
        data = gzip.compress(record, self.level, mtime=0) if self.gzip_records else record
        if cut:
            data = data[:-cut]
        self.out.write(data)
        self.manifest.size += len(data)

    def page(self, expected: ExpectedPage, record: bytes, *, cut: int = 0) -> None:
        self.write(expected.record_type, record, cut=cut)
        self.manifest.pages.append(expected)
        if expected.truncated:
            self.manifest.truncated += 1

    def skipped(self, warc_type: str, record: bytes) -> None:
        self.write(warc_type, record)
        self.manifest.skipped += 1


def _html(text: str) -> bytes:
    return text.encode("utf-8")


def write_warc(
    out: BinaryIO,
    pages: Sequence[tuple[str, bytes]],
    *,
    gzip_records: bool = True,
    extras: bool = True,
    cut: bool = True,
    requests: bool = True,
    repeat_to: int | None = None,
    level: int = 6,
) -> WarcManifest:
    """Write a WARC of *pages* (``(url, body)``) to *out*; return its manifest.

    Every page is a ``response`` (after a ``request`` when *requests*), served
    with ``Content-Type: text/html`` and no charset, so that decoding from the
    WARC and from memory see the same inputs.  *repeat_to* repeats the pages in
    order until that many have been written.  With *extras*, the first pages are
    served differently (chunked; gzip content-coded; both; as a ``resource``
    record) and a warcinfo record, a non-HTML response, a revisit, a
    ``metadata`` record, a page served with a ``Content-Type`` charset and an
    ``X-Robots-Tag``, a page with no ``Content-Type`` (sniffed), one without any
    HTML start (not sniffed), a ``WARC-Truncated: length`` record and -- with
    *cut* -- a last record whose final bytes are missing are added.
    """
    writer = _Writer(out, gzip_records, level)
    if extras:
        info = b"software: backlinkkit tests/warcs.py\r\nformat: WARC File Format 1.0\r\n"
        writer.skipped(
            "warcinfo", warc_record("warcinfo", info, content_type="application/warc-fields")
        )
    total = repeat_to if repeat_to is not None else len(pages)
    http = "application/http; msgtype=response"
    for index in range(total):
        url, body = pages[index % len(pages)]
        key = f"{index} {url}"
        if requests:
            writer.skipped(
                "request",
                warc_record(
                    "request",
                    http_request(url),
                    uri=url,
                    key="request " + key,
                    content_type="application/http; msgtype=request",
                ),
            )
        headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html"),)
        payload = body
        variant = index if extras else -1
        if variant == 0:
            headers += (("Transfer-Encoding", "chunked"),)
            payload = chunked(body)
        elif variant == 1:
            headers += (("Content-Encoding", "gzip"),)
            payload = gzip.compress(body, mtime=0)
        elif variant == 2:
            headers += (("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked"))
            payload = chunked(gzip.compress(body, mtime=0), 1000)
        if variant == 3:
            expected = ExpectedPage(
                url, body, (("Content-Type", "text/html"),), "resource", None, name="resource"
            )
            record = warc_record("resource", body, uri=url, key=key, content_type="text/html")
        else:
            expected = ExpectedPage(url, body, headers, name=f"page {index}")
            headers_http = http_response(payload, headers)
            record = warc_record("response", headers_http, uri=url, key=key, content_type=http)
        writer.page(expected, record)
    if extras:
        _extras(writer, pages[0][0], http, cut)
    return writer.manifest


def _extras(writer: _Writer, first_url: str, http: str, cut: bool) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    writer.write(
        "response",
        warc_record(
            "response",
            http_response(png, [("Content-Type", "image/png")]),
            uri="https://extras.example/logo.png",
            content_type=http,
        ),
    )
    writer.manifest.non_html += 1
    writer.write(
        "revisit",
        warc_record(
            "revisit",
            http_response(b"", [("Content-Type", "text/html")]),
            uri=first_url,
            key="revisit",
            content_type=http,
            extra=[
                (
                    "WARC-Profile",
                    "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest",
                ),
                ("WARC-Refers-To-Target-URI", first_url),
                ("WARC-Refers-To-Date", "2026-11-01T12:00:00Z"),
            ],
        ),
    )
    writer.manifest.revisits += 1
    writer.skipped(
        "metadata",
        warc_record(
            "metadata",
            b"fetchTimeMs: 12\r\n",
            uri=first_url,
            key="metadata",
            content_type="application/warc-fields",
        ),
    )
    # windows-1251 bytes without a <meta charset>: only the header charset decodes them right.
    cyrillic = "<p>Привет <a href='/ru'>ссылка</a> <a href='https://other.example/'>x</a>"
    body = cyrillic.encode("windows-1251")
    headers = (("Content-Type", "text/html; charset=windows-1251"), ("X-Robots-Tag", "nofollow"))
    writer.page(
        ExpectedPage("https://charset.example/", body, headers, name="charset"),
        warc_record(
            "response",
            http_response(body, headers),
            uri="https://charset.example/",
            content_type=http,
        ),
    )
    body = _html("\n  <!DOCTYPE html><title>no type</title><a href='/x'>x</a>")
    writer.page(
        ExpectedPage("https://notype.example/", body, (), name="no content-type"),
        warc_record(
            "response", http_response(body), uri="https://notype.example/", content_type=http
        ),
    )
    writer.write(
        "response",
        warc_record(
            "response",
            http_response(b"just some text, no markup"),
            uri="https://notype.example/plain",
            content_type=http,
        ),
    )
    writer.manifest.non_html += 1
    body = _html("<a href='/kept'>kept part of a page cut by the crawler</a>")
    headers = (("Content-Type", "text/html"), ("Server", "tests"))
    writer.page(
        ExpectedPage("https://length.example/", body, headers, truncated="length", name="length"),
        warc_record(
            "response",
            http_response(body, headers),
            uri="https://length.example/",
            content_type=http,
            extra=[("WARC-Truncated", "length")],
        ),
    )
    if cut:
        filler = "".join(f"<p>{hashlib.sha256(b'%d' % i).hexdigest()}</p>" for i in range(200))
        body = _html("<a href='/first'>first</a>" + filler)
        record = warc_record(
            "response",
            http_response(body, headers),
            uri="https://cut.example/",
            content_type=http,
        )
        # Cut inside the body, well after the HTTP headers; in a gzip member the
        # decompressor gives what it can, so the content read is a prefix of *body*.
        missing = 1200 if not writer.gzip_records else 60
        expected = ExpectedPage("https://cut.example/", body, headers, truncated="cut", name="cut")
        writer.page(expected, record, cut=missing)


def corpus_warc(
    path: Path,
    corpus: Sequence[tuple[str, Path]],
    **options: object,
) -> WarcManifest:
    """Write a WARC of the corpus pages ``(url, file)`` to *path* (see :func:`write_warc`)."""
    pages = [(url, file.read_bytes()) for url, file in corpus]
    with open(path, "wb") as out:
        return write_warc(out, pages, **options)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ExpectedIssue:
    """An issue row a recipe must write: what ISO 28500 says of the record written."""

    kind: str
    record_type: str
    url: str
    offset: int
    page_position: int | None = None


#: The pages of :func:`issue_warc`, by path, and the links each holds.
ISSUE_WARC_PAGES: tuple[tuple[str, bytes], ...] = (
    ("/a", b"<title>A</title><a href='/x'>x</a><a href='https://other.example/'>o</a>"),
    ("/long", b"<title>Long</title><a href='/kept'>the part the crawler kept"),
    ("/b", b"<title>B</title><a href='/y' rel=nofollow>y</a>"),
)


def issue_warc(out: BinaryIO, site: str) -> tuple[list[tuple[str, bytes]], list[ExpectedIssue]]:
    """Write a gzip-per-record WARC of three pages of *site* (``https://site/a``,
    ``/long`` and ``/b``) with a revisit, a non-HTML response, a record the crawler
    truncated after part of its body (a page, cut: ``WARC-Truncated: length``) and
    one it truncated inside its HTTP headers (no page); return the pages
    ``(url, body)`` in order and the issues in file order, with each record's offset
    (its gzip member's first byte) as written."""
    http = "application/http; msgtype=response"
    html = (("Content-Type", "text/html"),)
    pages: list[tuple[str, bytes]] = []
    issues: list[ExpectedIssue] = []
    offset = 0

    def write(record: bytes) -> int:
        nonlocal offset
        start = offset
        data = gzip.compress(record, 6, mtime=0)
        out.write(data)
        offset += len(data)
        return start

    def page(url: str, body: bytes, extra: Sequence[tuple[str, str]] = ()) -> int:
        pages.append((url, body))
        record = http_response(body, html)
        return write(warc_record("response", record, uri=url, content_type=http, extra=extra))

    first = f"https://{site}/a"
    page(first, ISSUE_WARC_PAGES[0][1])
    where = write(
        warc_record(
            "revisit",
            http_response(b"", html),
            uri=first,
            key=f"revisit {site}",
            content_type=http,
            extra=[
                ("WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/server-not-modified"),
                ("WARC-Refers-To-Target-URI", first),
                ("WARC-Refers-To-Date", "2026-11-01T12:00:00Z"),
            ],
        )
    )
    issues.append(ExpectedIssue("revisit", "revisit", first, where))
    logo = f"https://{site}/logo.png"
    png = b"\x89PNG\r\n\x1a\n" + bytes(32)
    where = write(
        warc_record(
            "response",
            http_response(png, [("Content-Type", "image/png")]),
            uri=logo,
            content_type=http,
        )
    )
    issues.append(ExpectedIssue("non-html", "response", logo, where))
    long = f"https://{site}/long"
    where = page(long, ISSUE_WARC_PAGES[1][1], [("WARC-Truncated", "length")])
    issues.append(ExpectedIssue("truncated", "response", long, where, page_position=1))
    head = f"https://{site}/head"
    where = write(
        warc_record(
            "response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/ht",
            uri=head,
            content_type=http,
            extra=[("WARC-Truncated", "length")],
        )
    )
    issues.append(ExpectedIssue("truncated", "response", head, where))
    page(f"https://{site}/b", ISSUE_WARC_PAGES[2][1])
    return pages, issues


def write_issue_warcs(
    folder: Path, n: int
) -> tuple[list[str], list[tuple[list[tuple[str, bytes]], list[ExpectedIssue]]]]:
    """*n* files ``crawl-0.warc.gz`` … in *folder*, each an :func:`issue_warc` of the
    site ``site<i>.example``: their paths and what each holds."""
    paths, written = [], []
    for index in range(n):
        path = folder / f"crawl-{index}.warc.gz"
        with open(path, "wb") as out:
            written.append(issue_warc(out, f"site{index}.example"))
        paths.append(str(path))
    return paths, written


def _html_member(url: str, body: bytes) -> bytes:
    http = "application/http; msgtype=response"
    record = warc_record(
        "response",
        http_response(body, (("Content-Type", "text/html"),)),
        uri=url,
        content_type=http,
    )
    return gzip.compress(record, 6, mtime=0)


#: The pages of the files :func:`unreadable_warcs` writes: the one read from the cut
#: file before its cut member, and the three of the good file after it.
UNREADABLE_PAGES: tuple[tuple[str, bytes], ...] = (
    ("https://cut.example/1", b"<title>before the cut</title><a href='/kept'>kept</a>"),
    ("https://good.example/1", b"<title>good 1</title><a href='/x'>x</a>"),
    ("https://good.example/2", b"<title>good 2</title><a href='/y'>y</a><a href='/z'>z</a>"),
)


def unreadable_warcs(folder: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Write three files into *folder*: ``cut.warc.gz`` (a page, then a gzip member cut
    in its middle -- the rest of a download lost -- followed by the member of another
    page, as when pieces of files are joined), ``notwarc.warc`` (a saved HTML page
    named as a WARC file: not a WARC at all), and ``good.warc.gz`` (two pages); return
    the paths in that order and the issue tuples (:func:`issue_tuples`) a recipe must
    write for the two bad files: ``unreadable-archive`` at the offset where reading
    stops -- the cut member's first byte, and 0."""
    first, good1, good2 = UNREADABLE_PAGES
    kept = _html_member(*first)
    cut = _html_member("https://cut.example/2", b"<title>cut</title>" + bytes(range(256)) * 4)
    lost = _html_member("https://cut.example/3", b"<title>after the cut</title>")
    paths = [str(folder / name) for name in ("cut.warc.gz", "notwarc.warc", "good.warc.gz")]
    Path(paths[0]).write_bytes(kept + cut[: len(cut) // 2] + lost)
    Path(paths[1]).write_bytes(b"<!doctype html><title>a page</title><a href='/p'>p</a>\n")
    Path(paths[2]).write_bytes(_html_member(*good1) + _html_member(*good2))
    expected = [
        (paths[0], "unreadable-archive", None, None, len(kept), None),
        (paths[1], "unreadable-archive", None, None, 0, None),
    ]
    return paths, expected


def issue_tuples(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The columns of issue rows a test can know from the records it wrote."""
    keys = ("source", "kind", "record_type", "url", "offset", "page_position")
    return [tuple(row[key] for key in keys) for row in rows]


def expected_issues(source: str, issues: list[ExpectedIssue]) -> list[tuple[Any, ...]]:
    return [(source, i.kind, i.record_type, i.url, i.offset, i.page_position) for i in issues]


def assert_joins_one_to_one(records: Any) -> None:
    """Every link row names exactly one page row, and each page row has its n_links."""
    pages = records.page_rows()
    keys = [(row["source"], row["position"]) for row in pages]
    assert len(set(keys)) == len(keys), "a page key repeats"
    by_key = dict(zip(keys, pages, strict=True))
    counts = Counter((row["source"], row["page_position"]) for row in records.link_rows())
    for row in records.link_rows():
        assert by_key[row["source"], row["page_position"]]["page_url"] == row["page_url"]
    assert dict(counts) == {key: row["n_links"] for key, row in by_key.items() if row["n_links"]}


# ---------------------------------------------------------------------------------------------
# WAT: Common Crawl's JSON metadata, one ``metadata`` record per archived record.

#: The JSON of a small WAT file, written by hand in Common Crawl's layout
#: (``Container`` / ``Envelope`` / ``WARC-Header-Metadata`` / ``Payload-Metadata`` /
#: ``HTTP-Response-Metadata`` / ``HTML-Metadata`` / ``Head`` and ``Links``).
WAT_JSON: tuple[str, ...] = (
    # 0: the request record of the first page -- described, not a page.
    """{"Container":{"Filename":"CC-MAIN-20261201-00000.warc.gz","Compressed":true,
    "Offset":"0","Gzip-Metadata":{"Deflate-Length":"300","Header-Length":"10",
    "Footer-Length":"8","Inflated-Length":"500","Inflated-CRC":"-1"}},
    "Envelope":{"Format":"WARC","WARC-Header-Length":"320","Actual-Content-Length":"180",
    "WARC-Header-Metadata":{"WARC-Type":"request","WARC-Date":"2026-12-01T12:00:00Z",
    "WARC-Record-ID":"<urn:uuid:00000000-0000-4000-8000-000000000001>","Content-Length":"180",
    "Content-Type":"application/http; msgtype=request",
    "WARC-Target-URI":"https://blog.example/posts/1"},
    "Payload-Metadata":{"Actual-Content-Type":"application/http; msgtype=request",
    "HTTP-Request-Metadata":{"Request-Message":{"Method":"GET","Path":"/posts/1",
    "Version":"HTTP/1.1"},"Headers":{"Host":"blog.example"}}}}}""",
    # 1: an HTML page with a <base>, rel values, an image link, a wrapper, a form.
    """{"Container":{"Filename":"CC-MAIN-20261201-00000.warc.gz","Compressed":true,
    "Offset":"300"},
    "Envelope":{"Format":"WARC","WARC-Header-Length":"400","Actual-Content-Length":"9000",
    "WARC-Header-Metadata":{"WARC-Type":"response","WARC-Date":"2026-12-01T12:00:01Z",
    "WARC-Record-ID":"<urn:uuid:00000000-0000-4000-8000-000000000002>",
    "Content-Length":"9000","Content-Type":"application/http; msgtype=response",
    "WARC-Target-URI":"https://blog.example/posts/1",
    "WARC-Payload-Digest":"sha1:AAAA"},
    "Payload-Metadata":{"Actual-Content-Type":"application/http; msgtype=response",
    "HTTP-Response-Metadata":{"Response-Message":{"Version":"HTTP/1.1","Status":"200",
    "Reason":"OK"},"Headers":{"Content-Type":"text/html; charset=UTF-8",
    "Server":"nginx"},"Headers-Length":"120","Entity-Length":"8880",
    "Entity-Trailing-Slop-Length":"0",
    "HTML-Metadata":{"Head":{"Title":"Post one","Base":"/static/",
    "Metas":[{"name":"description","content":"a post"},{"property":"og:title",
    "content":"Post one"}],
    "Link":[{"path":"LINK@/href","url":"/posts/1","rel":"canonical"}],
    "Scripts":[{"path":"SCRIPT@/src","url":"app.js","type":"text/javascript"}]},
    "Links":[
    {"path":"A@/href","url":"about.html","text":"  About\\n us "},
    {"path":"A@/href","url":"https://partner.example/x?a=1#top","text":"Partner",
    "rel":"NoFollow ugc"},
    {"path":"A@/href","url":"//cdn.example/logo-page","title":"Logo"},
    {"path":"IMG@/src","url":"logo.png","alt":"Our logo"},
    {"path":"AREA@/href","url":"/map#north","rel":"sponsored"},
    {"path":"A@/href","url":"https://www.google.com/url?q=https://landing.example/deal",
    "text":"Deal"},
    {"path":"A@/href","url":"https://twitter.com/someone","text":"@someone","target":"_blank"},
    {"path":"FORM@/action","url":"/search","method":"get"},
    {"path":"A@/href","url":"http://[bad","text":"broken"},
    {"path":"A@/data-href","url":"/not-an-href"}
    ]}}}}}""",
    # 2: a page whose <meta name=robots> says nofollow, no base.
    """{"Envelope":{"Format":"WARC",
    "WARC-Header-Metadata":{"WARC-Type":"response","WARC-Date":"2026-12-01T12:00:02Z",
    "WARC-Record-ID":"<urn:uuid:00000000-0000-4000-8000-000000000003>",
    "WARC-Target-URI":"https://forum.example/t/9"},
    "Payload-Metadata":{"Actual-Content-Type":"application/http; msgtype=response",
    "HTTP-Response-Metadata":{"Response-Message":{"Status":"200"},
    "Headers":{"Content-Type":"text/html"},
    "HTML-Metadata":{"Head":{"Title":"Thread","Metas":[{"name":"ROBOTS",
    "content":"noindex, nofollow"}]},
    "Links":[{"path":"A@/href","url":"https://elsewhere.example/","text":"elsewhere"}]}}}}}""",
    # 3: a page with X-Robots-Tag: nofollow in its headers.
    """{"Envelope":{"Format":"WARC",
    "WARC-Header-Metadata":{"WARC-Type":"response","WARC-Date":"2026-12-01T12:00:03Z",
    "WARC-Record-ID":"<urn:uuid:00000000-0000-4000-8000-000000000004>",
    "WARC-Target-URI":"https://shop.example/"},
    "Payload-Metadata":{"Actual-Content-Type":"application/http; msgtype=response",
    "HTTP-Response-Metadata":{"Response-Message":{"Status":"200"},
    "Headers":{"Content-Type":"text/html","X-Robots-Tag":"nofollow"},
    "HTML-Metadata":{"Head":{},"Links":[{"path":"A@/href","url":"/cart","text":"Cart"}]}}}}}""",
    # 4: an image response: no HTML-Metadata.
    """{"Envelope":{"Format":"WARC",
    "WARC-Header-Metadata":{"WARC-Type":"response","WARC-Date":"2026-12-01T12:00:04Z",
    "WARC-Record-ID":"<urn:uuid:00000000-0000-4000-8000-000000000005>",
    "WARC-Target-URI":"https://blog.example/static/logo.png"},
    "Payload-Metadata":{"Actual-Content-Type":"application/http; msgtype=response",
    "HTTP-Response-Metadata":{"Response-Message":{"Status":"200"},
    "Headers":{"Content-Type":"image/png"}}}}}""",
    # 5: a revisit.
    """{"Envelope":{"Format":"WARC",
    "WARC-Header-Metadata":{"WARC-Type":"revisit","WARC-Date":"2026-12-01T12:00:05Z",
    "WARC-Record-ID":"<urn:uuid:00000000-0000-4000-8000-000000000006>",
    "WARC-Target-URI":"https://blog.example/posts/1"}}}""",
    # 6: a metadata record of the crawler (fetch time) -- described, not a page.
    """{"Envelope":{"Format":"WARC",
    "WARC-Header-Metadata":{"WARC-Type":"metadata","WARC-Date":"2026-12-01T12:00:06Z",
    "WARC-Record-ID":"<urn:uuid:00000000-0000-4000-8000-000000000007>",
    "WARC-Target-URI":"https://blog.example/posts/1"},
    "Payload-Metadata":{"Actual-Content-Type":"application/warc-fields"}}}""",
    # 7: not JSON at all.
    """{"Envelope": {"WARC-Header-Metadata": """,
)


def write_wat(
    out: BinaryIO, records: Sequence[str] = WAT_JSON, *, gzip_records: bool = True
) -> None:
    """Write a WAT file: a warcinfo record, then one ``metadata`` record per JSON text."""
    writer = _Writer(out, gzip_records, 6)
    info = b"software: backlinkkit tests/warcs.py\r\nformat: WARC File Format 1.0\r\n"
    writer.write("warcinfo", warc_record("warcinfo", info, content_type="application/warc-fields"))
    for index, text in enumerate(records):
        uri = f"CC-MAIN-20261201-00000.warc.gz#{index}"
        writer.write(
            "metadata",
            warc_record(
                "metadata",
                text.encode("utf-8"),
                uri=uri,
                key=f"wat {index}",
                content_type="application/json",
            ),
        )


def wat_page_json(
    url: str,
    links: Sequence[dict[str, str]],
    *,
    title: str | None = None,
    metas: Sequence[dict[str, str]] = (),
    head_links: Sequence[dict[str, str]] = (),
    headers: dict[str, str] | None = None,
    status: int = 200,
    base: str | None = None,
    key: str = "",
) -> str:
    """The WAT JSON Common Crawl writes for one HTML response (the layout of
    :data:`WAT_JSON`): *links* are ``HTML-Metadata.Links`` entries (``path``, ``url``,
    ``text``, ``rel`` ...) and *metas*, *head_links*, *title*, *base* the ``Head``."""
    import json

    head: dict[str, Any] = {}
    if title is not None:
        head["Title"] = title
    if base is not None:
        head["Base"] = base
    if metas:
        head["Metas"] = list(metas)
    if head_links:
        head["Link"] = list(head_links)
    return json.dumps(
        {
            "Container": {"Filename": "CC-MAIN-20261201-00000.warc.gz", "Compressed": True},
            "Envelope": {
                "Format": "WARC",
                "WARC-Header-Metadata": {
                    "WARC-Type": "response",
                    "WARC-Date": DATE,
                    "WARC-Record-ID": record_id(f"wat page {url} {key}"),
                    "WARC-Target-URI": url,
                },
                "Payload-Metadata": {
                    "Actual-Content-Type": "application/http; msgtype=response",
                    "HTTP-Response-Metadata": {
                        "Response-Message": {
                            "Version": "HTTP/1.1",
                            "Status": str(status),
                            "Reason": "OK",
                        },
                        "Headers": headers or {"Content-Type": "text/html"},
                        "HTML-Metadata": {"Head": head, "Links": list(links)},
                    },
                },
            },
        }
    )


def wat_expected(source: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """What the tables of :data:`WAT_JSON` written to *source* must hold, read off the
    JSON by hand: page rows ``(source, position, page_url, n_links, noindex, nofollow,
    canonical, title, encoding)`` -- page 1 has 7 ``A``/``AREA`` ``href`` entries (not
    the IMG, FORM and ``A@/data-href`` ones), its canonical is ``Head.Link``'s
    ``/posts/1``; page 2's robots meta says noindex, nofollow; page 3's X-Robots-Tag
    nofollow --, and issue rows ``(source, page_position, kind, url)``: the image
    response, the revisit and the record that is not JSON (named by its metadata
    record's target URI)."""
    pages = [
        (source, 0, "https://blog.example/posts/1", 7, False, False,
         "https://blog.example/posts/1", "Post one", None),
        (source, 1, "https://forum.example/t/9", 1, True, True, None, "Thread", None),
        (source, 2, "https://shop.example/", 1, False, True, None, "", None),
    ]  # fmt: skip
    issues = [
        (source, None, "non-html", "https://blog.example/static/logo.png"),
        (source, None, "revisit", "https://blog.example/posts/1"),
        (source, None, "unreadable", "CC-MAIN-20261201-00000.warc.gz#7"),
    ]
    return pages, issues


def wat_tables(pages: list[dict[str, Any]], issues: list[dict[str, Any]]) -> tuple[Any, Any]:
    """The rows of :func:`wat_expected`'s shape from page and issue rows."""
    keys: tuple[str, ...] = ("source", "position", "page_url", "n_links", "noindex")
    keys += ("nofollow", "canonical", "title", "encoding")
    return (
        [tuple(row[k] for k in keys) for row in pages],
        [tuple(row[k] for k in ("source", "page_position", "kind", "url")) for row in issues],
    )
