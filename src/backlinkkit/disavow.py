"""Google's disavow file: write one, read one, merge, and ask whether it covers a link.

The format (support.google.com/webmasters/answer/2648487, as summarised in
``shared/reference/seo-data.md`` §3): a UTF-8 (or 7-bit ASCII) text file, one URL or
one ``domain:example.com`` per line, ``#`` starting a comment line; URLs at most
2,048 characters; at most 100,000 lines (blank and comment lines count) and 2 MB.
A subpath cannot be disavowed as such: an entry is a whole URL or a whole domain.

>>> text = disavow_file(
...     domains=["shadyseo.com"],
...     urls=["http://spam.example.com/stuff/comments.html"],
...     reasons={"shadyseo.com": "paid links (rule: sitewide footer links)"},
... )
>>> print(text, end="")
# paid links (rule: sitewide footer links)
domain:shadyseo.com
<BLANKLINE>
http://spam.example.com/stuff/comments.html
>>> disavow = read_disavow(text)
>>> disavow.domains, disavow.covers("https://www.shadyseo.com/any/page")
(('shadyseo.com',), True)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import attrs

from . import _validate as v
from ._infra import ascii_lower
from .errors import InvalidValueError

__all__ = [
    "MAX_BYTES",
    "MAX_LINES",
    "MAX_URL_LENGTH",
    "Disavow",
    "DisavowEntry",
    "DisavowError",
    "disavow_file",
    "read_disavow",
]

#: Google's limits: characters per URL, lines per file (blank and comment lines count),
#: bytes per file.  "2 MB" is read as 2,000,000 bytes, the stricter of its two readings
#: (a file this writer accepts is never refused for its size).
MAX_URL_LENGTH = 2048
MAX_LINES = 100_000
MAX_BYTES = 2_000_000

EntryKind = Literal["domain", "url"]

_SCHEMES = ("http://", "https://")


@attrs.frozen(slots=True)
class DisavowEntry:
    """One ``domain:`` or URL line, with the comment that says why it is there."""

    kind: EntryKind = attrs.field(validator=v.one_of(("domain", "url")))
    #: The domain (lower case, without ``domain:``) or the URL as written.
    value: str = attrs.field(validator=v.text(empty=False))
    #: The comment block the entry sits under (``#`` and one space removed; lines
    #: joined with newlines), or ``None``.
    reason: str | None = attrs.field(default=None, validator=v.optional(v.text()))
    #: The 1-based line it was read from (``None`` for an entry not read from a file).
    line: int | None = attrs.field(default=None, validator=v.optional(v.integer(1)))

    @property
    def text(self) -> str:
        """The entry as its line in the file."""
        return f"domain:{self.value}" if self.kind == "domain" else self.value


@attrs.frozen(slots=True)
class DisavowError:
    """A line of a disavow file that is not a URL, a ``domain:`` line, a comment or blank
    (or a file over Google's limits: ``line`` is then ``None``)."""

    line: int | None = attrs.field(validator=v.optional(v.integer(1)))
    text: str = attrs.field(validator=v.text())
    problem: str = attrs.field(validator=v.text())

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "file"
        return f"{where}: {self.problem}" + (f" ({self.text[:80]!r})" if self.text else "")


def _domain_problem(domain: str) -> str | None:
    if not domain:
        return "an empty domain"
    if "://" in domain or "/" in domain:
        return "a domain: entry is a whole domain (a subpath cannot be disavowed as such)"
    if any(ch.isspace() for ch in domain) or "#" in domain:
        return "a domain holds no spaces or #"
    if "." not in domain.strip("."):
        return "not a domain name (no dot)"
    return None


def _url_problem(url: str) -> str | None:
    if not ascii_lower(url).startswith(_SCHEMES):
        return "a URL entry starts with http:// or https://"
    if len(url) > MAX_URL_LENGTH:
        return f"longer than Google's limit of {MAX_URL_LENGTH:,} characters ({len(url):,})"
    if any(ch.isspace() for ch in url):
        return "a URL holds no whitespace"
    return None


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None


@attrs.frozen(slots=True)
class Disavow:
    """A disavow file, read or to be written: its entries (in file order), its comment
    lines and what could not be read."""

    entries: tuple[DisavowEntry, ...] = attrs.field(
        default=(), converter=v.to_tuple, validator=v.items_of(DisavowEntry)
    )
    #: Every comment line: (line number, text without ``#``).
    comments: tuple[tuple[int, str], ...] = attrs.field(
        default=(), converter=v.to_tuple, validator=v.items_of(tuple)
    )
    errors: tuple[DisavowError, ...] = attrs.field(
        default=(), converter=v.to_tuple, validator=v.items_of(DisavowError)
    )
    _urls: frozenset[str] = attrs.field(init=False, repr=False, eq=False)
    _domains: frozenset[str] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        urls = frozenset(e.value.split("#", 1)[0] for e in self.entries if e.kind == "url")
        domains = frozenset(e.value for e in self.entries if e.kind == "domain")
        object.__setattr__(self, "_urls", urls)
        object.__setattr__(self, "_domains", domains)

    @property
    def domains(self) -> tuple[str, ...]:
        return tuple(e.value for e in self.entries if e.kind == "domain")

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(e.value for e in self.entries if e.kind == "url")

    def __len__(self) -> int:
        return len(self.entries)

    def covers(self, url: str) -> bool:
        """Whether a link from *url* is disavowed: its URL is listed (exactly, the fragment
        aside), or its host is a listed domain or a subdomain of one."""
        v.require("url", url, str)
        page = url.split("#", 1)[0]
        if page in self._urls:
            return True
        host = _host(page) if "://" in page else ascii_lower(page).rstrip(".")
        if not host:
            return False
        domains = self._domains
        labels = host.split(".")
        return any(".".join(labels[i:]) in domains for i in range(len(labels)))

    def merge(self, other: Disavow) -> Disavow:
        """This file's entries, then *other*'s that are not already here (an entry in both
        keeps this file's reason)."""
        v.require("other", other, Disavow)
        seen = {(e.kind, e.value) for e in self.entries}
        added = [e for e in other.entries if (e.kind, e.value) not in seen]
        return Disavow(entries=self.entries + tuple(added))

    def to_text(self) -> str:
        """The file's text (see :func:`disavow_file`; comments other than reasons are not
        kept)."""
        return _write(self.entries)

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write :meth:`to_text` to *path* in UTF-8 (Google wants the name to end in .txt)."""
        v.require("path", path, str, os.PathLike)
        target = Path(path)
        target.write_bytes(self.to_text().encode("utf-8"))
        return target

    @property
    def summary(self) -> str:
        n = len(self.errors)
        errors = "no errors" if n == 0 else f"{n} malformed line{'s' if n != 1 else ''}"
        domains = f"{len(self.domains)} domain{'s' if len(self.domains) != 1 else ''}"
        urls = f"{len(self.urls)} URL{'s' if len(self.urls) != 1 else ''}"
        return f"disavow: {domains}, {urls}, {errors}"

    def __repr__(self) -> str:
        return f"<Disavow {self.summary}>"


def _entries(
    domains: Iterable[str], urls: Iterable[str], reasons: Mapping[str, str] | str | None
) -> list[DisavowEntry]:
    if isinstance(domains, str) or isinstance(urls, str):
        raise v.type_error(
            "domains" if isinstance(domains, str) else "urls",
            domains if isinstance(domains, str) else urls,
            "an iterable of str (not one str)",
        )
    if reasons is not None and not isinstance(reasons, (str, Mapping)):
        raise v.type_error("reasons", reasons, "a mapping of entry to reason, a str or None")
    out: list[DisavowEntry] = []
    seen: set[tuple[str, str]] = set()

    def reason_for(*keys: str) -> str | None:
        if reasons is None or isinstance(reasons, str):
            return reasons
        for key in keys:
            if key in reasons:
                reason = reasons[key]
                v.require(f"reasons[{key!r}]", reason, str)
                return reason
        return None

    for domain in domains:
        v.require("domains[]", domain, str)
        value = ascii_lower(domain.strip()).removeprefix("domain:").strip().rstrip(".")
        problem = _domain_problem(value)
        if problem:
            raise InvalidValueError(f"domains: {domain!r}: {problem}")
        if ("domain", value) in seen:
            continue
        seen.add(("domain", value))
        out.append(DisavowEntry("domain", value, reason_for(domain, value, "domain:" + value)))
    for url in urls:
        v.require("urls[]", url, str)
        value = url.strip()
        problem = _url_problem(value)
        if problem:
            raise InvalidValueError(f"urls: {cut_url(value)}: {problem}")
        if ("url", value) in seen:
            continue
        seen.add(("url", value))
        out.append(DisavowEntry("url", value, reason_for(url, value)))
    return out


def cut_url(url: str) -> str:
    """A URL for a message: whole up to 100 characters, else its start and its length."""
    return repr(url) if len(url) <= 100 else f"{url[:80]!r}… ({len(url):,} characters)"


def _comment_lines(reason: str) -> list[str]:
    lines = reason.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return ["# " + line if line else "#" for line in lines]


def _write(entries: Iterable[DisavowEntry]) -> str:
    """Entries grouped under their reasons (groups in order of first appearance; entries
    without a reason last), a blank line between groups."""
    groups: dict[str | None, list[DisavowEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.reason, []).append(entry)
    if None in groups:
        groups[None] = groups.pop(None)
    lines: list[str] = []
    for reason, members in groups.items():
        if lines:
            lines.append("")
        if reason is not None:
            lines.extend(_comment_lines(reason))
        lines.extend(e.text for e in members)
    if len(lines) > MAX_LINES:
        raise InvalidValueError(
            f"disavow file: {len(lines):,} lines, over Google's limit of {MAX_LINES:,} "
            f"(blank and comment lines count); the first line past it is "
            f"{cut_url(lines[MAX_LINES])}"
        )
    text = "\n".join(lines) + "\n" if lines else ""
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        total = 0
        for line in lines:  # name the entry that crosses the limit
            total += len(line.encode("utf-8")) + 1
            if total > MAX_BYTES:
                break
        raise InvalidValueError(
            f"disavow file: {size:,} bytes, over Google's limit of {MAX_BYTES:,} bytes (2 MB); "
            f"the limit is crossed at {cut_url(line)}"
        )
    return text


def disavow_file(
    domains: Iterable[str] = (),
    urls: Iterable[str] = (),
    *,
    reasons: Mapping[str, str] | str | None = None,
    existing: Disavow | None = None,
) -> str:
    """The text of a disavow file for *domains* (``example.com`` or ``domain:example.com``)
    and *urls*, in Google's format, UTF-8.

    *reasons* maps an entry (the domain or the URL as given) to why it is there, written as
    a ``#`` comment above it (entries with one reason share one comment); a str is the
    reason for every entry.  *existing* (a :func:`read_disavow` result) is kept first, its
    reasons with it.  Raises :class:`~backlinkkit.errors.InvalidValueError` naming the entry
    for a malformed one, and naming the limit for a URL over 2,048 characters or a file over
    100,000 lines or 2 MB.
    """
    v.require("existing", existing, Disavow, type(None))
    v.require_iterable("domains", domains, "str")
    v.require_iterable("urls", urls, "str")
    entries = _entries(domains, urls, reasons)
    if existing is not None:
        entries = list(existing.merge(Disavow(entries=entries)).entries)
    return _write(entries)


def read_disavow(text_or_path: str | bytes | os.PathLike[str]) -> Disavow:
    """Parse a disavow file: its text (``str``), its bytes, or a path (``os.PathLike``, or a
    one-line ``str`` naming an existing file).

    Never raises on the content: each line that is not a URL, a ``domain:`` line, a comment
    or blank is a :class:`DisavowError` with its line number, and so are bytes that are not
    UTF-8 and a file over Google's limits.  Raises
    :class:`~backlinkkit.errors.InvalidInputError` for any other type, and the ``OSError``
    it is when a path cannot be read.
    """
    v.require("text_or_path", text_or_path, str, bytes, os.PathLike)
    errors: list[DisavowError] = []
    if isinstance(text_or_path, os.PathLike) or (
        isinstance(text_or_path, str)
        and "\n" not in text_or_path
        and len(text_or_path) < 4096
        and _is_file(text_or_path)
    ):
        data: str | bytes = Path(text_or_path).read_bytes()
    else:
        data = text_or_path
    if isinstance(data, bytes):
        size = len(data)
        lines: list[str] = []
        for number, chunk in enumerate(data.split(b"\n"), 1):
            try:
                lines.append(chunk.decode("utf-8"))
            except UnicodeDecodeError as exc:
                errors.append(
                    DisavowError(number, "", f"not UTF-8 ({exc.reason} at byte {exc.start})")
                )
                lines.append(chunk.decode("utf-8", "replace"))
    else:
        size = len(data.encode("utf-8", "surrogatepass"))
        lines = data.split("\n")
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line
    entries: list[DisavowEntry] = []
    comments: list[tuple[int, str]] = []
    block: list[str] = []
    after_entry = False
    bad = {e.line for e in errors}
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r").strip()
        if not line:
            if after_entry:
                block = []
                after_entry = False
            continue
        if line.startswith("#"):
            body = raw.rstrip("\r").lstrip()[1:].removeprefix(" ")
            comments.append((number, body))
            if after_entry:
                block = []
                after_entry = False
            block.append(body)
            continue
        if number in bad:
            continue
        reason = "\n".join(block) if block else None
        if ascii_lower(line[:7]) == "domain:":
            value = ascii_lower(line[7:].strip()).rstrip(".")
            problem = _domain_problem(value)
            if problem is None:
                entries.append(DisavowEntry("domain", value, reason, number))
                after_entry = True
            else:
                errors.append(DisavowError(number, raw, problem))
            continue
        problem = _url_problem(line)
        if problem is None:
            entries.append(DisavowEntry("url", line, reason, number))
            after_entry = True
        else:
            if not ascii_lower(line).startswith(_SCHEMES):
                problem = "not a URL (http:// or https://), a domain: line, a # comment or blank"
            errors.append(DisavowError(number, raw, problem))
    if len(lines) > MAX_LINES:
        errors.append(
            DisavowError(None, "", f"{len(lines):,} lines, over Google's limit of {MAX_LINES:,}")
        )
    if size > MAX_BYTES:
        errors.append(
            DisavowError(None, "", f"{size:,} bytes, over Google's limit of {MAX_BYTES:,}")
        )
    errors.sort(key=lambda e: (e.line is None, e.line or 0))
    return Disavow(entries=entries, comments=comments, errors=errors)


def _is_file(text: str) -> bool:
    try:
        return bool(text.strip()) and os.path.isfile(text)
    except (ValueError, OSError):  # NUL bytes, names too long
        return False
