"""Common Crawl's host and domain ranks: a free, open authority source.

Common Crawl publishes a host-level and a domain-level web graph with each crawl
release, and with each a ranks file: gzip-compressed, tab-separated, one line per
host or domain, best first, under a header

    ``#harmonicc_pos #harmonicc_val #pr_pos #pr_val #host_rev #n_hosts``

(``../shared/reference/seo-data.md`` §1; ``n_hosts``, the number of hosts of a
domain, is in the domain-level file).  Names are written reversed
(``com.example.www``).  :func:`read_cc_ranks` reads such a file as a stream, so a
file of a hundred million lines never sits in memory: with ``domains=`` it keeps
only the names asked for.

>>> from backlinkkit.ranks import read_cc_ranks, sample_path
>>> ranks = read_cc_ranks(sample_path())
>>> ranks
<CCRanks cc-domain-ranks-sample.txt: 8 of 8 names>
>>> ranks.get("example.com").harmonic_rank, ranks.get("www.example.com").pagerank_rank
(1, 2)
>>> ranks.authority("example.com"), ranks.authority("example.net", metric="pr")
(100.0, 33.33)
>>> ranks.authority("not-in-the-file.example") is None
True

:meth:`CCRanks.authority` maps a rank position *p* among *N* ranked names to
``100 · (1 − ln p / ln N)`` (rounded to 2 decimals): rank 1 is 100, the last rank
is 0, and each tenfold step down the ranking costs the same number of points.
That is **this library's mapping**, a convention graded [F]: it borrows the
logarithmic 0–100 scaling vendors describe for their own metrics (Ahrefs DR is
"scaled logarithmically to 0–100", seo-data.md §1) but it is not calibrated
against DR, DA or any other vendor metric, and no source says where a given
Common Crawl rank sits on their scales.  See ``docs/ranks.md``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import IO, Any, Literal

import attrs
from ada_url import URL

from ._format import number
from ._infra import ascii_lower
from ._tables import RowError, byte_lines, file_name, open_binary, to_dataframe
from ._validate import (
    choices,
    integer,
    items_of,
    optional,
    require,
    require_iterable,
    require_one_of,
    text,
    to_tuple,
    value_error,
)
from ._validate import (
    number as number_in,
)
from .errors import InputFormatError

__all__ = [
    "RANK_COLUMNS",
    "CCRank",
    "CCRanks",
    "RankMetric",
    "RowError",
    "authority_from_rank",
    "read_cc_ranks",
    "sample_path",
]

#: ``"hc"``: harmonic centrality; ``"pr"``: PageRank.
RankMetric = Literal["hc", "pr"]

#: The columns a ranks file must name in its header (``n_hosts`` is optional).
RANK_COLUMNS: tuple[str, ...] = ("harmonicc_pos", "harmonicc_val", "pr_pos", "pr_val", "host_rev")

_RECORD_KEYS = [
    "name",
    "harmonic_rank",
    "harmonic_value",
    "pagerank_rank",
    "pagerank_value",
    "n_hosts",
    "line",
]


def sample_path() -> Path:
    """The tiny ranks file shipped with backlinkkit (invented numbers for reserved domains)."""
    return Path(
        str(
            resources.files("backlinkkit.samples")
            .joinpath("ranks")
            .joinpath("cc-domain-ranks-sample.txt")
        )
    )


def authority_from_rank(position: int, size: int) -> float:
    """``100 · (1 − ln position / ln size)``, rounded to 2 decimals, *position* clipped to
    ``[1, size]`` (this library's log-rank mapping; see the module documentation).

    >>> authority_from_rank(1, 1000), authority_from_rank(10, 1000), authority_from_rank(1000, 1000)
    (100.0, 66.67, 0.0)
    """
    require("position", position, int)
    require("size", size, int)
    if size < 1:
        raise value_error("size", size, "must be >= 1")
    if size == 1:
        return 100.0
    p = min(max(position, 1), size)
    return round(100.0 * (1.0 - math.log(p) / math.log(size)), 2)


@attrs.frozen(slots=True)
class CCRank:
    """One line of a ranks file: a host or domain and its two ranks."""

    #: The host or domain name, written the usual way (``example.com``; the file's
    #: ``host_rev`` reversed back).
    name: str = attrs.field(validator=text(empty=False))
    #: Position by harmonic centrality (1 = best).
    harmonic_rank: int = attrs.field(validator=integer(1))
    #: Harmonic centrality.
    harmonic_value: float = attrs.field(validator=number_in(0))
    #: Position by PageRank (1 = best).
    pagerank_rank: int = attrs.field(validator=integer(1))
    #: PageRank.
    pagerank_value: float = attrs.field(validator=number_in(0))
    #: Hosts of the domain (domain-level files only), else ``None``.
    n_hosts: int | None = attrs.field(default=None, validator=optional(integer(0)))
    #: The line of the file it came from.
    line: int = attrs.field(default=1, validator=integer(1))

    def rank(self, metric: RankMetric = "hc") -> int:
        """The position by *metric*."""
        require_one_of("metric", metric, choices(RankMetric))
        return self.harmonic_rank if metric == "hc" else self.pagerank_rank

    def to_record(self) -> dict[str, Any]:
        """A flat dict (keys as the field names)."""
        return {key: getattr(self, key) for key in _RECORD_KEYS}


def _lookup_name(name: object, field: str = "domain") -> str:
    """A host or domain name as the file writes it forward: lower case, IDNA, no trailing dot."""
    require(field, name, str)
    assert isinstance(name, str)
    candidate = name.strip().rstrip(".")
    if not candidate or "/" in candidate or ":" in candidate:
        raise value_error(field, name, "expected a host or domain name such as 'example.com'")
    try:
        host = URL("http://" + candidate + "/").hostname
    except ValueError:
        raise value_error(field, name, "not a valid host name") from None
    return ascii_lower(host)


def _variants(name: str) -> tuple[str, ...]:
    """*name*, then without a leading ``www.`` (Common Crawl strips ``www.``; seo-data.md §1)."""
    if name.startswith("www.") and len(name) > 4:
        return (name, name[4:])
    return (name,)


def _reverse(name: str) -> str:
    return ".".join(reversed(name.split(".")))


@attrs.frozen(slots=True)
class CCRanks:
    """The entries read from a ranks file, and how to turn them into authority."""

    #: The entries kept, in file order (best harmonic-centrality rank first).
    entries: tuple[CCRank, ...] = attrs.field(converter=to_tuple, validator=items_of(CCRank))
    #: How many names the ranking has (the file's data lines, or the ``size=`` given):
    #: the *N* of the authority mapping.
    size: int = attrs.field(validator=integer(0))
    #: The file's name.
    file: str = attrs.field(default="<stream>", validator=text())
    #: Lines that could not be read.
    errors: tuple[RowError, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items_of(RowError)
    )
    #: The names asked for with ``domains=`` (normalised), or ``None`` when all were kept.
    requested: tuple[str, ...] | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(to_tuple),
        validator=optional(items_of(str)),
    )
    _index: dict[str, CCRank] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, CCRank] = {}
        for entry in self.entries:
            index.setdefault(entry.name, entry)
        object.__setattr__(self, "_index", index)

    def get(self, domain: str) -> CCRank | None:
        """The entry of *domain* (a host or domain name; a leading ``www.`` is also tried
        without), or ``None`` when the file does not rank it."""
        for candidate in _variants(_lookup_name(domain)):
            found = self._index.get(candidate)
            if found is not None:
                return found
        return None

    def authority(self, domain: str, metric: RankMetric = "hc") -> float | None:
        """A 0–100 authority for *domain* from its *metric* rank (``"hc"`` harmonic
        centrality, ``"pr"`` PageRank) by :func:`authority_from_rank`; ``None`` when the
        file does not rank it (unknown, not zero)."""
        require_one_of("metric", metric, choices(RankMetric))
        entry = self.get(domain)
        if entry is None:
            return None
        return authority_from_rank(entry.rank(metric), max(self.size, entry.rank(metric)))

    @property
    def missing(self) -> tuple[str, ...]:
        """The names asked for with ``domains=`` that the file does not rank."""
        if self.requested is None:
            return ()
        return tuple(name for name in self.requested if self.get(name) is None)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[CCRank]:
        return iter(self.entries)

    def __contains__(self, domain: object) -> bool:
        return isinstance(domain, str) and self.get(domain) is not None

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per entry."""
        return [entry.to_record() for entry in self.entries]

    def to_dataframe(self) -> Any:
        """The records as a pandas DataFrame (needs ``pip install "backlinkkit[pandas]"``)."""
        return to_dataframe(self.to_records(), _RECORD_KEYS, "CCRanks")

    def summary(self) -> str:
        """One line: what was read, kept and rejected."""
        parts = [f"{self.file}: {len(self.entries)} names kept of {number(self.size)} ranked"]
        if self.requested is not None:
            parts.append(f"{len(self.missing)} of {len(self.requested)} asked for not ranked")
        parts.append(f"{len(self.errors)} unreadable lines")
        return "; ".join(parts)

    def __repr__(self) -> str:
        name = self.file.replace("\\", "/").rsplit("/", 1)[-1]
        return f"<CCRanks {name}: {len(self.entries)} of {self.size} names>"


def _header(first: bytes, name: str) -> dict[str, int]:
    text_line = first.decode("utf-8", "replace").lstrip("\ufeff").rstrip("\r\n")
    columns = [cell.strip().lstrip("#") for cell in text_line.split("\t")]
    missing = [c for c in RANK_COLUMNS if c not in columns]
    if not text_line.startswith("#") or missing:
        shown = text_line if len(text_line) <= 60 else text_line[:59] + "…"
        raise InputFormatError(
            f"{name}: line 1: not a Common Crawl ranks file: expected a header naming "
            + " ".join("#" + c for c in (*RANK_COLUMNS, "n_hosts"))
            + f", got {shown!r}",
            file=name,
            line=1,
        )
    return {column: position for position, column in enumerate(columns)}


def _parse(fields: list[str], columns: dict[str, int], line: int, name: str) -> CCRank | RowError:
    values: dict[str, Any] = {}
    for column, key, kind in (
        ("harmonicc_pos", "harmonic_rank", "rank"),
        ("harmonicc_val", "harmonic_value", "value"),
        ("pr_pos", "pagerank_rank", "rank"),
        ("pr_val", "pagerank_value", "value"),
        ("n_hosts", "n_hosts", "count"),
    ):
        if column not in columns:
            continue
        cell = fields[columns[column]].strip()
        try:
            if kind == "value":
                parsed: float | int = float(cell)
                if not math.isfinite(parsed) or parsed < 0:
                    raise ValueError
            else:
                parsed = int(cell)
                if parsed < (1 if kind == "rank" else 0) or not cell.isdigit():
                    raise ValueError
        except ValueError:
            expected = "a finite number >= 0" if kind == "value" else "a whole number"
            if kind == "rank":
                expected += " >= 1"
            return RowError(name, line, column, f"{cell!r} is not {expected}")
        values[key] = parsed
    reversed_name = fields[columns["host_rev"]].strip()
    if not reversed_name:
        return RowError(name, line, "host_rev", "empty name")
    return CCRank(name=_reverse(ascii_lower(reversed_name)), line=line, **values)


def read_cc_ranks(
    path_or_stream: str | PathLike[str] | IO[Any],
    *,
    domains: Iterable[str] | None = None,
    size: int | None = None,
) -> CCRanks:
    """Read a Common Crawl host- or domain-ranks file (gzip'd or plain), as a stream.

    *domains*: keep only these hosts or domains (each also tried without a leading
    ``www.``); the rest of the file is counted, not kept, so memory stays small.
    Lines that are kept and cannot be read become :attr:`CCRanks.errors` (file, line,
    column); a line with the wrong number of fields is an error whether kept or not.
    *size*: the number of names the full ranking has, when the file is an excerpt
    (default: the number of data lines read).

    Raises :class:`~backlinkkit.errors.InputFormatError` when the file is not a ranks
    file (no such header) or its gzip stream is corrupt, and
    :class:`~backlinkkit.errors.InvalidInputError` for arguments of the wrong type.
    """
    if not (isinstance(path_or_stream, (str, PathLike)) or hasattr(path_or_stream, "read")):
        require("path_or_stream", path_or_stream, str, PathLike)
    if size is not None:
        require("size", size, int)
        if size < 1:
            raise value_error("size", size, "must be >= 1")
    requested: tuple[str, ...] | None = None
    wanted: set[bytes] | None = None
    if domains is not None:
        if isinstance(domains, str):
            raise value_error("domains", domains, "expected an iterable of names, not one str")
        require_iterable("domains", domains, "names")
        requested = tuple(dict.fromkeys(_lookup_name(d, "domains[]") for d in domains))
        wanted = set()
        for name in requested:
            stripped = _variants(name)[-1]
            wanted.update(_reverse(n).encode() for n in {name, stripped, "www." + stripped})
    name = file_name(path_or_stream)
    stream = open_binary(path_or_stream, name)
    try:
        return _read(stream, name, wanted, requested, size)
    finally:
        if isinstance(path_or_stream, (str, PathLike)):
            stream.close()


def _read(
    stream: IO[bytes],
    name: str,
    wanted: set[bytes] | None,
    requested: tuple[str, ...] | None,
    size: int | None,
) -> CCRanks:
    lines = byte_lines(stream, name)
    first = next(lines, b"")
    columns = _header(first, name)
    width = len(columns)
    name_at = columns["host_rev"]
    entries: list[CCRank] = []
    errors: list[RowError] = []
    data_lines = 0
    deepest = 0
    for number_, raw in enumerate(lines, start=2):
        if len(raw) <= 2 and not raw.strip():
            continue
        data_lines += 1
        fields = raw.rstrip(b"\r\n").split(b"\t")
        if len(fields) != width:
            errors.append(
                RowError(name, number_, None, f"{len(fields)} fields, header has {width}")
            )
            continue
        if wanted is not None and fields[name_at] not in wanted:
            # names in the file are lower case; a padded or upper-case one takes the slow path
            name_cell = fields[name_at].strip().lower()
            if name_cell == fields[name_at] or name_cell not in wanted:
                continue
        try:
            cells = [field.decode("utf-8") for field in fields]
        except UnicodeDecodeError:
            errors.append(RowError(name, number_, None, "not UTF-8 text"))
            continue
        parsed = _parse(cells, columns, number_, name)
        if isinstance(parsed, RowError):
            errors.append(parsed)
        else:
            entries.append(parsed)
            deepest = max(deepest, parsed.harmonic_rank, parsed.pagerank_rank)
    total = size if size is not None else max(data_lines, deepest)
    return CCRanks(entries=entries, size=total, file=name, errors=errors, requested=requested)
