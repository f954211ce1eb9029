"""Browser-parity helpers: drive headless Chromium and compare it with ``extract_links``.

Shared by ``tests/test_browser_parity.py`` and ``benchmarks/browser_parity_report.py``
(import it as ``browser`` with ``tests/`` on ``sys.path``, as pytest does).

What is compared, per link, in document order (see ``docs/browser-parity.md``):

* **order** -- the same element at the same position: equal tag and ``href`` attribute;
* **url** -- ``Link.url`` against ``a.href`` (``None`` where Chromium cannot parse the
  URL either); where Chromium departs from the WHATWG URL Standard in a documented
  way (:data:`URL_DEPARTURES`), the standard's result counts;
* **rel** -- ``Link.rel.tokens`` against ``[...a.relList]``, ASCII-lowercased, de-duplicated;
* **text** -- ``Link.text`` against ``a.textContent`` with ASCII whitespace collapsed.

Served as **bytes** (:func:`compare_bytes_sample`, ``run(..., served="bare" | "charset")``),
each side also decodes the page itself, and ``Page.encoding`` is compared with
``document.characterSet`` (:attr:`PageResult.encodings`).

The browser side is Debian's ``chromium`` driven by playwright with scripting disabled,
the page served at its own URL through request interception, every other request
aborted: nothing here touches the network, and nothing writes a file.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
from attrs import validators as v

from backlinkkit.extract import Backend, extract_links
from backlinkkit.urls import parse_absolute_url
from tests.corpus import corpus_url

__all__ = [
    "CHROMIUM_ARGS",
    "FIELDS",
    "HELDOUT_SOURCES",
    "SERVED",
    "URL_DEPARTURES",
    "BrowserPage",
    "Chromium",
    "Departure",
    "LinkView",
    "Mismatch",
    "PageResult",
    "Sample",
    "Summary",
    "chromium_executable",
    "collapse_ws",
    "compare",
    "compare_bytes_sample",
    "compare_sample",
    "corpus_pages",
    "corpus_url",
    "encoding_differences",
    "format_report",
    "heldout_pages",
    "normalize_rel",
    "our_links",
    "our_page_from_bytes",
    "read_text",
    "run",
    "served_content_type",
    "shared_dir",
    "url_departure",
]

#: The field groups compared, in report order.
FIELDS: tuple[str, ...] = ("order", "url", "rel", "text")

#: Command-line switches for Chromium: no sandbox (containers), no GPU, and no
#: background traffic of its own.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Keep http:// pages at http:// (Chrome's HTTPS-Upgrades would otherwise try https:// first).
    "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable",
)

_HTML_NS = "http://www.w3.org/1999/xhtml"
_SVG_NS = "http://www.w3.org/2000/svg"
_ASCII_WS = re.compile(r"[\t\n\x0c\r ]+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


# --------------------------------------------------------------------------- locations


def repo_root() -> Path:
    """The checkout this file belongs to."""
    return Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """``$BACKLINKKIT_SHARED``, else ``../shared`` next to the checkout; ``None`` when absent."""
    env = os.environ.get("BACKLINKKIT_SHARED")
    path = Path(env) if env else repo_root().parent / "shared"
    return path if path.is_dir() else None


def chromium_executable() -> str | None:
    """``$BACKLINKKIT_CHROMIUM``, else ``/usr/bin/chromium``, else ``chromium`` on ``PATH``."""
    env = os.environ.get("BACKLINKKIT_CHROMIUM")
    candidates = [env] if env else ["/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


# --------------------------------------------------------------------------- page sets


@attrs.frozen(slots=True)
class Sample:
    """One page to compare: a file and the URL both sides parse it against."""

    #: Short unique name (the corpus file name, or ``source/relative/path``).
    name: str = attrs.field(validator=v.instance_of(str))
    #: The absolute URL the page is served at and parsed against.
    url: str = attrs.field(validator=v.instance_of(str))
    #: The file holding the page bytes.
    path: Path = attrs.field(converter=Path)


def corpus_pages(shared: Path) -> tuple[Sample, ...]:
    """Every page of ``shared/corpus/MANIFEST.tsv`` whose file exists, in manifest order."""
    corpus = shared / "corpus"
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    samples = []
    for row in rows:
        path = corpus / "pages" / row["file"]
        if path.is_file():
            samples.append(Sample(row["file"], corpus_url(row), path))
    return tuple(samples)


#: Real HTML pages shipped by Debian packages (and two toolchains) that the extractor
#: was never tuned on: ``(source name, directory, generator)``.  Sources that are not
#: installed are left out; see :func:`heldout_pages`.
HELDOUT_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("python3-doc", "/usr/share/doc/python3.11/html", "Sphinx"),
    ("apache2-doc", "/usr/share/doc/apache2-doc/manual", "Apache XSLT"),
    ("postgresql-doc-15", "/usr/share/doc/postgresql-doc-15/html", "DocBook XSL"),
    ("sqlite3-doc", "/usr/share/doc/sqlite3", "SQLite Tcl wiki"),
    ("git-doc", "/usr/share/doc/git-doc", "AsciiDoc"),
    ("debian-reference-en", "/usr/share/debian-reference", "DocBook XSL"),
    ("libxslt1-dev", "/usr/share/doc/libxslt1-dev", "libxml2 XSLT"),
    ("nodejs", "/usr/share/doc/nodejs", "Node.js doc tool"),
    ("valgrind", "/usr/share/doc/valgrind", "DocBook XSL"),
    ("libffi8", "/usr/share/doc/libffi8", "texi2any"),
    ("npm", "/usr/lib/node_modules/npm/docs/output", "npm docs"),
    ("rust-docs", "~/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/share/doc/rust/html",
     "rustdoc, mdBook"),
)  # fmt: skip


def heldout_pages(
    per_source: int = 25,
    sources: Sequence[tuple[str, str, str]] = HELDOUT_SOURCES,
) -> tuple[Sample, ...]:
    """A deterministic sample of at most *per_source* ``*.html`` files from each source.

    Within a source the files are ranked by the SHA-256 of ``source/relative/path``
    and the first *per_source* taken: the choice depends on names only, never on
    content or on how well the extractor does.  Each page is served at
    ``https://heldout.example/<source>/<relative path>``.
    """
    samples: list[Sample] = []
    for name, directory, _generator in sources:
        root = Path(os.path.expanduser(directory))
        if not root.is_dir():
            continue
        root = root.resolve()
        ranked: list[tuple[str, str, Path]] = []
        for path in root.rglob("*.html"):
            if not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            key = hashlib.sha256(f"{name}/{rel}".encode()).hexdigest()
            ranked.append((key, rel, path))
        ranked.sort()
        for _key, rel, path in ranked[:per_source]:
            samples.append(Sample(f"{name}/{rel}", f"https://heldout.example/{name}/{rel}", path))
    return tuple(samples)


def read_text(path: Path) -> str:
    """The page bytes decoded as UTF-8 with replacement: the text both sides get."""
    return path.read_bytes().decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- link views


def collapse_ws(text: str) -> str:
    """Runs of ASCII whitespace (``[\\t\\n\\f\\r ]+``) to one space, trimmed.

    >>> collapse_ws("\\n Hello\\t\\u00a0 world \\r\\n")
    'Hello \\xa0 world'
    """
    return _ASCII_WS.sub(" ", text).strip(" ")


def normalize_rel(tokens: Iterable[str]) -> tuple[str, ...]:
    """``relList`` tokens ASCII-lowercased and de-duplicated, first occurrence kept.

    >>> normalize_rel(["NoFollow", "nofollow", "UGC", "\\u0130"])
    ('nofollow', 'ugc', '\\u0130')
    """
    seen: dict[str, None] = {}
    for token in tokens:
        seen.setdefault(token.translate(_ASCII_LOWER), None)
    return tuple(seen)


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _int_tuple(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(value)


def _links(value: Iterable[LinkView]) -> tuple[LinkView, ...]:
    return tuple(value)


def _mismatches(value: Iterable[Mismatch]) -> tuple[Mismatch, ...]:
    return tuple(value)


def _counts(value: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    return tuple(value)


def _pages(value: Iterable[PageResult]) -> tuple[PageResult, ...]:
    return tuple(value)


def _keys(value: Iterable[tuple[str, str, str, str]]) -> frozenset[tuple[str, str, str, str]]:
    return frozenset(value)


@attrs.frozen(slots=True)
class LinkView:
    """The compared facts of one link, from either side."""

    #: ``"a"`` or ``"area"``.
    tag: str = attrs.field(validator=v.instance_of(str))
    #: The ``href`` attribute value.
    href: str = attrs.field(validator=v.instance_of(str))
    #: The absolute URL, ``None`` when the ``href`` does not parse against the base URL.
    url: str | None = attrs.field(validator=v.optional(v.instance_of(str)))
    #: ``rel`` tokens, ASCII-lowercased, de-duplicated.
    rel: tuple[str, ...] = attrs.field(converter=_str_tuple)
    #: ``textContent``, ASCII whitespace collapsed and trimmed.
    text: str = attrs.field(validator=v.instance_of(str))


@attrs.frozen(slots=True)
class BrowserPage:
    """What Chromium reports for one page."""

    #: The HTML-namespace ``a[href]``/``area[href]`` elements, in document order.
    links: tuple[LinkView, ...] = attrs.field(converter=_links)
    #: SVG ``a[href]`` elements ``querySelectorAll`` also returned (not links here).
    svg_links: int = attrs.field(validator=v.instance_of(int))
    #: ``document.URL`` after navigation.
    document_url: str = attrs.field(validator=v.instance_of(str))
    #: ``document.baseURI``.
    base_url: str = attrs.field(validator=v.instance_of(str))
    #: ``document.characterSet``.
    charset: str = attrs.field(validator=v.instance_of(str))


#: Runs in the page (an evaluation from the devtools protocol works with page scripts
#: disabled).  ``URL.canParse`` tells an unparseable ``href`` (``a.href`` then returns
#: the attribute unchanged) from a parsed one.
_COLLECT_JS = """() => {
  const base = document.baseURI;
  const links = [];
  let svg = 0;
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    if (a.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      if (a.namespaceURI === 'http://www.w3.org/2000/svg') svg++;
      continue;
    }
    const href = a.getAttribute('href');
    links.push([a.localName, href, URL.canParse(href, base) ? a.href : null,
                [...a.relList], a.textContent]);
  }
  return {links, svg, url: document.URL, base, charset: document.characterSet};
}"""


_TEXT_DECODE_JS = "([label, bytes]) => new TextDecoder(label).decode(new Uint8Array(bytes))"

_PARSE_URLS_JS = """(cases) => cases.map(([input, base]) => {
  try { return (base === null ? new URL(input) : new URL(input, base)).href; }
  catch (e) { return null; }
})"""


def _browser_page(data: dict[str, Any]) -> BrowserPage:
    links = tuple(
        LinkView(tag, href, url, normalize_rel(rel), collapse_ws(text))
        for tag, href, url, rel, text in data["links"]
    )
    return BrowserPage(links, int(data["svg"]), data["url"], data["base"], data["charset"])


def our_links(text: str, url: str, backend: Backend = "html5lib") -> tuple[LinkView, ...]:
    """``extract_links(text, url, backend=backend).links`` as :class:`LinkView` values."""
    page = extract_links(text, url, backend=backend)
    return tuple(
        LinkView(link.tag, link.href, link.url, link.rel.tokens, link.text) for link in page.links
    )


class Chromium:
    """One headless Chromium with scripting disabled; use as a context manager.

    :meth:`links` serves a page's text at its URL through request interception
    and aborts every other request, so no byte leaves the machine.
    """

    def __init__(self, executable: str, *, timeout_ms: float = 60_000) -> None:
        self._executable = executable
        self._timeout_ms = timeout_ms
        self._playwright: Any = None
        self._browser: Any = None
        self._context: Any = None
        self._page: Any = None
        self._pending: tuple[str, bytes, str] | None = None
        self._log: list[tuple[str, str]] = []
        self.version = ""

    def __enter__(self) -> Chromium:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=self._executable, headless=True, args=list(CHROMIUM_ARGS)
            )
            self.version = str(self._browser.version)
            self._context = self._browser.new_context(
                java_script_enabled=False, service_workers="block"
            )
            self._page = self._context.new_page()
            self._page.set_default_timeout(self._timeout_ms)
            self._page.route("**/*", self._handle)
        except BaseException:
            self._playwright.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._browser is not None:
                self._browser.close()
        finally:
            self._playwright.stop()

    def _handle(self, route: Any) -> None:
        request = route.request
        if not request.is_navigation_request():
            self._log.append((request.url, "aborted"))
            route.abort()
        elif (
            self._pending is not None
            and request.url == self._pending[0]
            and request.frame == self._page.main_frame
        ):
            # The page's own navigation (its URL without the fragment): serve it, once.
            _url, body, content_type = self._pending
            self._pending = None
            self._log.append((request.url, "served"))
            route.fulfill(status=200, headers={"content-type": content_type}, body=body)
        else:
            # Any other navigation (a meta refresh, a frame): 204 keeps the current document.
            self._log.append((request.url, "no content"))
            route.fulfill(status=204, body="")

    def links(self, url: str, text: str) -> BrowserPage:
        """Load *text* as the page at *url* (served as UTF-8) and read its links from the DOM."""
        return self.load(url, text.encode("utf-8"), "text/html; charset=utf-8")

    def load(self, url: str, body: bytes, content_type: str = "text/html") -> BrowserPage:
        """Serve *body* at *url* with this ``Content-Type`` and read the links from the DOM.

        Chromium decodes the bytes itself: :attr:`BrowserPage.charset` is the encoding
        it chose (``document.characterSet``).
        """
        self._pending = (parse_absolute_url(url).partition("#")[0], bytes(body), content_type)
        self._log = []
        try:
            self._page.goto(url, wait_until="domcontentloaded")
            data = self._page.evaluate(_COLLECT_JS)
        finally:
            self._pending = None
            # Leave the page, so nothing it scheduled (a meta refresh) outlives it.
            self._page.goto("about:blank")
        return _browser_page(data)

    @property
    def requests(self) -> tuple[tuple[str, str], ...]:
        """The requests of the last :meth:`links` call: ``(url, "served" | "aborted" |
        "no content")``."""
        return tuple(self._log)

    def text_decode(self, label: str, data: bytes) -> str:
        """``new TextDecoder(label).decode(data)`` in Chromium (its decoders, no page load)."""
        result: str = self._page.evaluate(_TEXT_DECODE_JS, [label, list(data)])
        return result

    def parse_urls(self, cases: Sequence[tuple[str, str | None]]) -> list[str | None]:
        """``new URL(input, base).href`` in Chromium for each ``(input, base)``; ``None``
        where it throws."""
        result: list[str | None] = self._page.evaluate(_PARSE_URLS_JS, [list(c) for c in cases])
        return result


# --------------------------------------------------------------------------- URL departures


_SPECIAL_SCHEMES = frozenset({"http", "https", "ftp", "file", "ws", "wss"})
_HEX = frozenset("0123456789abcdefABCDEF")


def _components(url: str) -> list[str]:
    """Name the component (scheme, authority, path, query, fragment) of each character."""
    scheme_end = url.find(":")
    fragment_at = url.find("#")
    end = fragment_at if fragment_at >= 0 else len(url)
    query_at = url.find("?", 0, end)
    path_end = query_at if query_at >= 0 else end
    authority_end = scheme_end + 1
    if url.startswith("//", scheme_end + 1):
        slash = url.find("/", scheme_end + 3, path_end)
        authority_end = slash if slash >= 0 else path_end
    names = []
    for index in range(len(url)):
        if index <= scheme_end:
            names.append("scheme")
        elif 0 <= fragment_at < index:
            names.append("fragment")
        elif 0 <= query_at < index < end:
            names.append("query")
        elif index < authority_end:
            names.append("authority")
        else:
            names.append("path")
    return names


def _unescape(text: str, at: int) -> str | None:
    """The character ``%XX`` at *at* in *text* stands for, or ``None``."""
    escape = text[at + 1 : at + 3]
    if text[at : at + 1] == "%" and len(escape) == 2 and set(escape) <= _HEX:
        return chr(int(escape, 16))
    return None


def encoding_differences(standard: str, chromium: str) -> frozenset[tuple[str, str, str]] | None:
    """How two serializations of one URL differ, when they differ only in percent-encoding.

    Returns ``(component, character, encoded_by)`` triples -- *encoded_by* being
    ``"chromium"`` or ``"standard"`` -- or ``None`` when the URLs are equal or
    differ in any other way.  Components are named on *standard*.

    >>> sorted(encoding_differences("mailto:?subject='hi'", "mailto:?subject=%27hi%27"))
    [('query', "'", 'chromium')]
    >>> sorted(encoding_differences("sc:a %20?q", "sc:a  ?q"))
    [('path', ' ', 'standard')]
    >>> encoding_differences("https://a.example/x", "https://b.example/x") is None
    True
    """
    names = _components(standard)
    found: set[tuple[str, str, str]] = set()
    i = j = 0
    while i < len(standard) and j < len(chromium):
        if standard[i] == chromium[j]:
            i += 1
            j += 1
        elif _unescape(chromium, j) == standard[i]:
            found.add((names[i], standard[i], "chromium"))
            i += 1
            j += 3
        elif _unescape(standard, i) == chromium[j]:
            found.add((names[i], chromium[j], "standard"))
            i += 3
            j += 1
        else:
            return None
    if i != len(standard) or j != len(chromium) or not found:
        return None
    return frozenset(found)


def _scheme_kind(url: str) -> str:
    return "special" if url.partition(":")[0].lower() in _SPECIAL_SCHEMES else "non-special"


def _host(url: str) -> str:
    names = _components(url)
    return "".join(c for c, name in zip(url, names, strict=True) if name == "authority").rpartition(
        "@"
    )[2]


@attrs.frozen(slots=True)
class Departure:
    """A documented way Chromium's URL parser departs from the WHATWG URL Standard."""

    #: Short label used in reports.
    name: str = attrs.field(validator=v.instance_of(str))
    #: What Chromium does and what the standard says.
    explanation: str = attrs.field(validator=v.instance_of(str))
    #: ``urltestdata.json`` inputs (no base) whose expected result Chromium misses this way.
    wpt_inputs: tuple[str, ...] = attrs.field(converter=_str_tuple)
    #: ``(component, character, encoded_by, scheme kind)`` differences this departure
    #: covers (see :func:`encoding_differences`); empty for the structural ones.
    encodings: frozenset[tuple[str, str, str, str]] = attrs.field(converter=_keys)


#: The departures the comparison accepts: where one explains a difference, the
#: standard's value (ours, from ada-url) counts as matching.  ``test_browser_parity``
#: re-runs each one's WPT inputs in Chromium to show the departure is still there.
URL_DEPARTURES: tuple[Departure, ...] = (
    Departure(
        "query-apostrophe",
        "Chromium percent-encodes ' in the query of non-special URLs (javascript:, "
        "mailto:, whatsapp: ...); the standard adds ' only to the special-query "
        "percent-encode set, so it stays literal there",
        ("notspecial://host/?'",),
        {("query", "'", "chromium", "non-special")},
    ),
    Departure(
        "path-pipe",
        "Chromium percent-encodes | in paths; | is not in the standard's path percent-encode set",
        ("wss://host/ !\"$%&'()*+,-./:;<=>@[\\]^_`{|}~", "file:///w|m"),
        {("path", "|", "chromium", "special"), ("path", "|", "chromium", "non-special")},
    ),
    Departure(
        "opaque-path-space",
        "the standard percent-encodes a space that ends an opaque path before ? or # "
        "(so that it survives a round trip); Chromium leaves it literal",
        ("non-special:opaque  ?hi",),
        {("path", " ", "standard", "non-special")},
    ),
    Departure(
        "host-space",
        "a space (or %20) in a host is a forbidden host code point: the standard fails "
        "to parse the URL, Chromium percent-encodes it and accepts it",
        ("http://a b/", "http://ho%20st/"),
        (),
    ),
    Departure(
        "file-localhost",
        "the standard turns the host localhost of a file: URL into the empty host; "
        "Chromium keeps it",
        ("file://localhost/test",),
        (),
    ),
)


def url_departure(standard: str | None, chromium: str | None) -> str | None:
    """The names of the :data:`URL_DEPARTURES` explaining ``standard != chromium``, or ``None``.

    *standard* is the WHATWG result (ada-url's; ``None`` for a parse failure),
    *chromium* is ``a.href`` (``None`` for a failure).  A difference that the
    documented departures do not fully explain is ``None``: a mismatch.  Never raises.

    >>> url_departure("javascript:f('x?y')", "javascript:f('x?y%27)")
    'query-apostrophe'
    >>> url_departure("https://example.com/?q='", "https://example.com/?q=%27") is None
    True
    >>> url_departure(None, "http://exa%20mple.com/")
    'host-space'
    """
    if chromium is None or standard == chromium:
        return None
    if standard is None:
        host = _host(chromium)
        if "%20" in host and _scheme_kind(chromium) == "special":
            return "host-space"
        return None
    if (
        standard.startswith("file:///")
        and chromium.startswith("file://localhost/")
        and chromium[len("file://localhost") :] == standard[len("file://") :]
    ):
        return "file-localhost"
    found = encoding_differences(standard, chromium)
    if found is None:
        return None
    kind = _scheme_kind(standard)
    names = set()
    for component, char, encoded_by in found:
        key = (component, char, encoded_by, kind)
        matching = [d.name for d in URL_DEPARTURES if key in d.encodings]
        if not matching:
            return None
        names.update(matching)
    return " + ".join(sorted(names))


# --------------------------------------------------------------------------- comparison


@attrs.frozen(slots=True)
class Mismatch:
    """One link field on which the two sides disagree."""

    #: The page (:attr:`Sample.name`).
    page: str = attrs.field(validator=v.instance_of(str))
    #: Link position, from 0.
    position: int = attrs.field(validator=v.instance_of(int))
    #: One of :data:`FIELDS`.
    field: str = attrs.field(validator=v.in_(FIELDS))
    #: Our value (``None`` when we have no link at this position).
    ours: object = attrs.field()
    #: Chromium's value (``None`` when Chromium has no link at this position).
    chromium: object = attrs.field()


@attrs.frozen(slots=True)
class PageResult:
    """The comparison of one page."""

    #: The page (:attr:`Sample.name`).
    page: str = attrs.field(validator=v.instance_of(str))
    #: How many links we found.
    ours: int = attrs.field(validator=v.instance_of(int))
    #: How many links Chromium found.
    chromium: int = attrs.field(validator=v.instance_of(int))
    #: Links compared: the larger of the two counts.
    total: int = attrs.field(validator=v.instance_of(int))
    #: Matched links per field, in :data:`FIELDS` order.
    matched: tuple[int, ...] = attrs.field(converter=_int_tuple)
    #: Every mismatch, by position then field.
    mismatches: tuple[Mismatch, ...] = attrs.field(converter=_mismatches)
    #: URL differences accepted as Chromium departures from the standard, by category.
    departures: tuple[tuple[str, int], ...] = attrs.field(converter=_counts)
    #: The URL differences accepted as departures, as mismatches would be reported.
    departed: tuple[Mismatch, ...] = attrs.field(default=(), converter=_mismatches)
    #: SVG ``a[href]`` elements Chromium saw (not links).
    svg_links: int = attrs.field(default=0, validator=v.instance_of(int))
    #: Page-level notes (document URL or charset not as served, an error ...).
    notes: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    #: From bytes: ``(Page.encoding, document.characterSet)``; ``None`` when served as text.
    encodings: tuple[str, str] | None = attrs.field(default=None)

    @property
    def same_encoding(self) -> bool | None:
        """Whether both sides chose the same encoding (WHATWG names compare
        ASCII case-insensitively); ``None`` when the page was served as text."""
        if self.encodings is None:
            return None
        ours, theirs = self.encodings
        return ours.translate(_ASCII_LOWER) == theirs.translate(_ASCII_LOWER)


def compare(
    page: str,
    ours: Sequence[LinkView],
    chromium: Sequence[LinkView],
) -> PageResult:
    """Compare two link lists position by position.

    A link matches on ``order`` when both sides have an element at its position with
    the same tag and ``href``; it matches on another field when it matches on
    ``order`` and the field is equal (for ``url``: or the difference is a documented
    Chromium departure, the standard's value being ours).  Positions only one side
    has are mismatches on every field.
    """
    total = max(len(ours), len(chromium))
    matched = dict.fromkeys(FIELDS, 0)
    mismatches: list[Mismatch] = []
    departed: list[Mismatch] = []
    departures: dict[str, int] = {}
    for position in range(total):
        mine = ours[position] if position < len(ours) else None
        theirs = chromium[position] if position < len(chromium) else None
        if mine is None or theirs is None:
            mismatches.extend(
                Mismatch(page, position, field, _value(mine, field), _value(theirs, field))
                for field in FIELDS
            )
            continue
        aligned = mine.tag == theirs.tag and mine.href == theirs.href
        for field in FIELDS:
            a, b = _value(mine, field), _value(theirs, field)
            if field == "order" or a == b:
                ok = aligned
            elif field == "url" and aligned:
                category = url_departure(mine.url, theirs.url)
                ok = category is not None
                if category is not None:
                    departures[category] = departures.get(category, 0) + 1
                    departed.append(Mismatch(page, position, field, a, b))
            else:
                ok = False
            if ok:
                matched[field] += 1
            else:
                mismatches.append(Mismatch(page, position, field, a, b))
    return PageResult(
        page,
        len(ours),
        len(chromium),
        total,
        tuple(matched[field] for field in FIELDS),
        tuple(mismatches),
        tuple(sorted(departures.items())),
        tuple(departed),
    )


def _value(link: LinkView | None, field: str) -> object:
    if link is None:
        return None
    if field == "order":
        return (link.tag, link.href)
    value: object = getattr(link, field)
    return value


@attrs.frozen(slots=True)
class Summary:
    """Totals over a set of pages."""

    #: One result per page, in the order compared.
    pages: tuple[PageResult, ...] = attrs.field(converter=_pages)

    @property
    def total(self) -> int:
        """Links compared (per page, the larger of the two counts)."""
        return sum(page.total for page in self.pages)

    def matched(self, field: str) -> int:
        """Links matched on *field*."""
        index = FIELDS.index(field)
        return sum(page.matched[index] for page in self.pages)

    def ratio(self, field: str) -> float:
        """Matched share on *field* (1.0 when there is nothing to compare)."""
        return self.matched(field) / self.total if self.total else 1.0

    @property
    def departures(self) -> dict[str, int]:
        """Accepted URL departures, by category."""
        out: dict[str, int] = {}
        for page in self.pages:
            for category, count in page.departures:
                out[category] = out.get(category, 0) + count
        return out

    @property
    def svg_links(self) -> int:
        """SVG ``a[href]`` elements seen by Chromium (left out on both sides)."""
        return sum(page.svg_links for page in self.pages)

    @property
    def encoding_pages(self) -> tuple[int, int]:
        """From bytes: ``(pages decoded with Chromium's encoding, pages compared from bytes)``."""
        judged = [page.same_encoding for page in self.pages if page.encodings is not None]
        return sum(1 for same in judged if same), len(judged)


def run(
    samples: Iterable[Sample],
    chromium: Chromium,
    *,
    backend: Backend = "html5lib",
    on_page: Callable[[Sample, PageResult], None] | None = None,
    served: str | None = None,
) -> Summary:
    """Compare every sample (our side parsed with *backend*); call *on_page* after each.

    *served* ``None`` compares the pages as text (:func:`compare_sample`); ``"bare"``
    or ``"charset"`` serves their bytes (:func:`compare_bytes_sample`, with
    :func:`served_content_type`).
    """
    results = []
    for sample in samples:
        if served is None:
            result = compare_sample(sample, chromium, backend)
        else:
            content_type = served_content_type(sample.path.read_bytes(), served)
            result = compare_bytes_sample(sample, chromium, content_type, backend)
        if on_page is not None:
            on_page(sample, result)
        results.append(result)
    return Summary(results)


def compare_sample(sample: Sample, chromium: Chromium, backend: Backend = "html5lib") -> PageResult:
    """Load one sample on both sides and compare."""
    text = read_text(sample.path)
    mine = our_links(text, sample.url, backend)
    try:
        theirs = chromium.links(sample.url, text)
    except Exception as error:  # a page Chromium cannot load: every link mismatches
        result = compare(sample.name, mine, ())
        return attrs.evolve(result, notes=[f"Chromium failed: {str(error).splitlines()[0]}"])
    result = compare(sample.name, mine, theirs.links)
    notes = []
    if theirs.document_url != parse_absolute_url(sample.url):
        notes.append(f"Chromium's document URL is {theirs.document_url!r}")
    if theirs.charset.lower() != "utf-8":
        notes.append(f"Chromium decoded the page as {theirs.charset}")
    return attrs.evolve(result, svg_links=theirs.svg_links, notes=notes)


#: How a page's bytes are served in the from-bytes comparison.
SERVED: tuple[str, ...] = ("bare", "charset")


def served_content_type(data: bytes, served: str) -> str:
    r"""The ``Content-Type`` a page's bytes are served with.

    ``"bare"``: ``text/html``, no charset, so both sides sniff (BOM, XML
    declaration, ``<meta>``, fallback).  ``"charset"``: a charset that contradicts
    what most pages say, so the header must win on both sides and the decoders
    run on every byte: ``ISO-8859-1`` (windows-1252) for bytes that are valid
    UTF-8, ``utf-8`` (with U+FFFD for each bad sequence) for the others.

    >>> served_content_type(b"caf\xc3\xa9", "charset"), served_content_type(b"caf\xe9", "charset")
    ('text/html; charset=ISO-8859-1', 'text/html; charset=utf-8')
    """
    if served == "bare":
        return "text/html"
    if served != "charset":
        raise ValueError(f"served={served!r}: expected one of {SERVED}")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "text/html; charset=utf-8"
    return "text/html; charset=ISO-8859-1"


def our_page_from_bytes(
    data: bytes, url: str, content_type: str, backend: Backend = "html5lib"
) -> tuple[str, tuple[LinkView, ...]]:
    """``extract_links(data, url, headers={"Content-Type": content_type})``: its
    ``Page.encoding`` and its links as :class:`LinkView` values."""
    page = extract_links(data, url, headers={"Content-Type": content_type}, backend=backend)
    links = tuple(
        LinkView(link.tag, link.href, link.url, link.rel.tokens, link.text) for link in page.links
    )
    return page.encoding, links


def compare_bytes_sample(
    sample: Sample,
    chromium: Chromium,
    content_type: str = "text/html",
    backend: Backend = "html5lib",
) -> PageResult:
    """Serve one sample's bytes with *content_type* to both sides and compare
    the links and the encoding each side chose."""
    data = sample.path.read_bytes()
    encoding, mine = our_page_from_bytes(data, sample.url, content_type, backend)
    try:
        theirs = chromium.load(sample.url, data, content_type)
    except Exception as error:  # a page Chromium cannot load: every link mismatches
        result = compare(sample.name, mine, ())
        return attrs.evolve(
            result,
            notes=[f"Chromium failed: {str(error).splitlines()[0]}"],
            encodings=(encoding, "(none)"),
        )
    result = compare(sample.name, mine, theirs.links)
    notes = []
    if theirs.document_url != parse_absolute_url(sample.url):
        notes.append(f"Chromium's document URL is {theirs.document_url!r}")
    if encoding.translate(_ASCII_LOWER) != theirs.charset.translate(_ASCII_LOWER):
        notes.append(f"encoding: ours {encoding}, Chromium {theirs.charset}")
    return attrs.evolve(
        result, svg_links=theirs.svg_links, notes=notes, encodings=(encoding, theirs.charset)
    )


# --------------------------------------------------------------------------- report


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _short(value: object, width: int = 90) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def format_report(summary: Summary, *, worst: int = 10, examples: int = 3) -> str:
    """A plain-text report: ratios per field, the worst pages, example mismatches."""
    lines = [
        f"pages: {len(summary.pages)}   links compared: {summary.total}   "
        f"SVG a[href] (not links): {summary.svg_links}",
    ]
    same, judged = summary.encoding_pages
    if judged:
        lines.append(f"  encoding {same:>5}/{judged:<5} pages decoded as Chromium decoded them")
    for field in FIELDS:
        matched = summary.matched(field)
        lines.append(
            f"  {field:<6} {matched:>7}/{summary.total:<7} = {summary.ratio(field):.5f}"
            f"   ({summary.total - matched} mismatched)"
        )
    if summary.departures:
        lines.append("accepted Chromium departures from the URL Standard (first example):")
        examples_by_name: dict[str, Mismatch] = {}
        for page in summary.pages:
            for mismatch in page.departed:
                name = url_departure(_opt_str(mismatch.ours), _opt_str(mismatch.chromium))
                examples_by_name.setdefault(name or "?", mismatch)
        for name, count in sorted(summary.departures.items()):
            lines.append(f"  {name}: {count}")
            example = examples_by_name.get(name)
            if example is not None:
                lines.append(
                    f"    {example.page} #{example.position}: standard {_short(example.ours)}"
                    f" | chromium {_short(example.chromium)}"
                )
    bad = sorted(
        (page for page in summary.pages if page.mismatches or page.notes),
        key=lambda page: (-len(page.mismatches), page.page),
    )
    if bad:
        lines.append(f"pages with mismatches ({len(bad)}), worst first:")
    for page in bad[:worst]:
        by_field = {f: sum(1 for m in page.mismatches if m.field == f) for f in FIELDS}
        counts = " ".join(f"{f}={n}" for f, n in by_field.items() if n)
        lines.append(
            f"  {page.page}: ours {page.ours}, chromium {page.chromium}; {counts}"
            + (f"; notes: {'; '.join(page.notes)}" if page.notes else "")
        )
        for mismatch in _examples(page.mismatches, examples):
            lines.append(
                f"    #{mismatch.position} {mismatch.field}: ours {_short(mismatch.ours)}"
                f" | chromium {_short(mismatch.chromium)}"
            )
    return "\n".join(lines)


def _examples(mismatches: Sequence[Mismatch], count: int) -> Iterator[Mismatch]:
    """The first *count* mismatches of each field."""
    seen = dict.fromkeys(FIELDS, 0)
    for mismatch in mismatches:
        if seen[mismatch.field] < count:
            seen[mismatch.field] += 1
            yield mismatch
