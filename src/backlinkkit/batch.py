"""Extract the links of many pages, fanned out over processes, in input order.

:func:`extract_many` takes any iterable of pages — ``(html, url)`` or
``(html, url, headers)`` tuples, or :class:`PageInput` values — and yields one
result per page, in input order: a :class:`~backlinkkit.page.Page`, or an
:class:`ExtractionError` when that page could not be extracted (the batch goes
on).  The input is consumed lazily and at most a window of pages is in flight,
so memory stays flat however many pages pass through.

>>> pages = [
...     ('<a href="https://example.org/">Example</a>', "https://example.com/"),
...     ("<p>no links</p>", "not a URL"),
... ]
>>> for result in extract_many(pages, workers=1, progress=False):
...     print(type(result).__name__, result.position if isinstance(result, ExtractionError) else
...           [link.url for link in result.links])
Page ['https://example.org/']
ExtractionError 1
"""

from __future__ import annotations

import collections
import concurrent.futures
import os
import pickle
import sys
from collections.abc import Generator, Iterable, Iterator, Sized
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import Any, NamedTuple

import attrs
import tldextract

from ._parse import resolve_backend
from ._progress import Progress, show_progress
from ._progress import render_progress as render_progress  # documented here (docs/batch.md)
from ._validate import (
    field_name,
    instance_of,
    integer,
    optional,
    require,
    text,
    type_error,
    value_error,
)
from .encoding import Headers, normalize_headers
from .errors import InvalidInputError, InvalidValueError
from .extract import Backend, extract_links
from .page import Page
from .social import SocialRegistry

__all__ = ["ExtractionError", "PageInput", "extract_many"]


def _headers(value: Headers | None) -> object:
    try:
        return normalize_headers(value)
    except InvalidInputError:
        return value  # for _check_headers to name, with its owner


def _check_headers(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is tuple and all(
        type(pair) is tuple and len(pair) == 2 and type(pair[0]) is type(pair[1]) is str
        for pair in value
    ):
        return
    try:
        normalize_headers(value)  # type: ignore[arg-type]
    except InvalidInputError as exc:  # named "headers...": name the owner too
        message = str(exc).removeprefix("headers")
        raise InvalidInputError(field_name(instance, attribute) + message) from None
    raise type_error(field_name(instance, attribute), value, "(name, value) pairs")


@attrs.frozen(slots=True)
class PageInput:
    """One page to extract: its HTML, the URL it was fetched from, and its headers.

    >>> PageInput("<a href=/>home</a>", "https://example.com/", {"X-Robots-Tag": "nofollow"})
    ... # doctest: +NORMALIZE_WHITESPACE
    PageInput(html='<a href=/>home</a>', url='https://example.com/',
              headers=(('x-robots-tag', 'nofollow'),), encoding=None)
    """

    #: The page as ``str`` or ``bytes`` (bytes are decoded as a browser does).
    html: str | bytes = attrs.field(validator=instance_of(str, bytes))
    #: The absolute URL the page was fetched from (checked when the page is extracted).
    url: str = attrs.field(validator=text())
    #: HTTP response headers as ``(lower-case name, value)`` pairs (a mapping is accepted).
    headers: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=_headers, validator=_check_headers
    )
    #: The encoding a ``str`` *html* was decoded from (for query encoding); ``None``: UTF-8.
    encoding: str | None = attrs.field(default=None, validator=optional(text()))


@attrs.frozen(slots=True)
class ExtractionError:
    """The record of a page that could not be extracted.

    >>> error = ExtractionError(3, "https://example.com/", "TypeError", "html=None: expected str")
    >>> error.to_record()["message"]
    'html=None: expected str'
    """

    #: Position of the page in the input, from 0.
    position: int = attrs.field(validator=integer(0))
    #: The page URL as given (``None`` when the input item had none).
    url: str | None = attrs.field(validator=optional(text()))
    #: The exception class name (``"InvalidURLError"``, ``"WorkerCrashed"`` ...).
    error: str = attrs.field(validator=text())
    #: The exception message.
    message: str = attrs.field(validator=text())

    def to_record(self) -> dict[str, Any]:
        """A flat dict: ``position``, ``page_url``, ``error``, ``message``."""
        return {
            "position": self.position,
            "page_url": self.url,
            "error": self.error,
            "message": self.message,
        }


class _Job(NamedTuple):
    """One page as sent to a worker."""

    position: int
    html: str | bytes
    url: str
    headers: tuple[tuple[str, str], ...]
    encoding: str | None


class _Settings(NamedTuple):
    """What every page of a batch is extracted with."""

    backend: str
    agent: str
    registry: SocialRegistry | None
    extractor: tldextract.TLDExtract | None


Result = Page | ExtractionError


def _to_job(position: int, item: object) -> _Job | ExtractionError:
    """Check one input item; a malformed item becomes an :class:`ExtractionError`."""
    url = None
    try:
        if isinstance(item, PageInput):
            page = item
        elif isinstance(item, tuple) and len(item) in (2, 3):
            url = item[1] if isinstance(item[1], str) else None
            page = PageInput(*item)
        else:
            raise InvalidValueError(
                f"items[{position}]={item!r:.80}: expected (html, url), (html, url, headers) "
                "or a PageInput"
            )
    except (TypeError, ValueError) as exc:
        return ExtractionError(position, url, type(exc).__name__, str(exc))
    return _Job(position, page.html, page.url, page.headers, page.encoding)


def _extract(job: _Job, settings: _Settings) -> Result:
    try:
        return extract_links(
            job.html,
            job.url,
            headers=job.headers,
            agent=settings.agent,
            encoding=job.encoding,
            backend=settings.backend,  # type: ignore[arg-type]
            registry=settings.registry,
            extractor=settings.extractor,
        )
    except Exception as exc:  # one bad page must not stop the batch
        return ExtractionError(job.position, job.url, type(exc).__name__, str(exc))


def _extract_chunk(jobs: tuple[_Job, ...], settings: _Settings) -> list[Result]:
    """Run in a worker process: extract each page of a chunk."""
    return [_extract(job, settings) for job in jobs]


def extract_many(
    items: Iterable[PageInput | tuple[Any, ...]],
    *,
    workers: int | None = None,
    backend: Backend = "html5lib",
    agent: str = "googlebot",
    registry: SocialRegistry | None = None,
    extractor: tldextract.TLDExtract | None = None,
    chunksize: int = 4,
    window: int | None = None,
    progress: bool | None = None,
    total: int | None = None,
    mp_context: BaseContext | None = None,
) -> Generator[Page | ExtractionError, None, None]:
    """Extract every page of *items*, yielding one result per page in input order.

    *items* is any iterable (consumed lazily) of ``(html, url)`` or ``(html, url,
    headers)`` tuples or :class:`PageInput` values.  Each result is the
    :class:`~backlinkkit.page.Page` :func:`~backlinkkit.extract.extract_links`
    returns (with *backend*, *agent*, *registry* and *extractor*), or an
    :class:`ExtractionError` naming the page's position, URL and error.

    *workers* processes share the work (default: the CPUs this process may
    use); ``workers=1`` runs in this process.  Pages travel to workers in chunks
    of *chunksize*, and at most *window* chunks (default ``4 * workers``) are in
    flight, so memory is bounded by ``window * chunksize`` pages whatever the
    length of *items*.  A worker that dies (a crash in a C extension, the OOM
    killer) costs only the page it was on: the chunk is re-run one page at a
    time in a fresh pool and that page gets an ``ExtractionError`` with
    ``error="WorkerCrashed"``.

    *progress* draws a progress bar on standard error: ``None`` (default) when
    standard error is a terminal or the code runs in Jupyter, ``True`` always,
    ``False`` never.  *total* is the number of pages, for the bar, when *items*
    has no ``len()``.  *mp_context* is the :mod:`multiprocessing` context for the
    pool (default: the platform's).  Leaving the loop early (or closing the
    generator) shuts the pool down at once.

    Raises :class:`~backlinkkit.errors.InvalidInputError` when *items* is not an
    iterable or *workers*, *chunksize*, *window* or *agent* has the wrong type,
    :class:`~backlinkkit.errors.InvalidValueError` for a bad value of one of them or
    of *backend*, and :class:`~backlinkkit.errors.MissingDependencyError` for
    ``backend="lexbor"`` without ``backlinkkit[fast]``; all before any page is read.
    """
    if isinstance(items, (str, bytes, PageInput)) or not isinstance(items, Iterable):
        raise type_error("items", items, "an iterable of pages")
    workers = _check_count("workers", workers, _default_workers())
    chunksize = _check_count("chunksize", chunksize, 4)
    window = _check_count("window", window, 4 * workers)
    if not isinstance(agent, str):
        raise type_error("agent", agent, "str")
    if not agent.strip():
        raise value_error("agent", agent, "expected a non-empty crawler name")
    require("registry", registry, SocialRegistry, type(None))
    require("progress", progress, bool, type(None))
    require("total", total, int, type(None))
    if total is None and isinstance(items, Sized):
        total = len(items)
    settings = _Settings(resolve_backend(backend), agent, registry, extractor)
    if workers > 1:
        try:
            pickle.dumps(settings)
        except Exception as exc:
            raise InvalidValueError(
                f"registry={registry!r:.60}, extractor={extractor!r:.60}: must be picklable "
                f"to reach worker processes ({exc})"
            ) from exc
    show = show_progress() if progress is None else bool(progress)
    return _run(items, settings, workers, chunksize, window, show, total, mp_context)


def _check_count(name: str, value: object, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise type_error(name, value, "a positive integer or None")
    if value < 1:
        raise value_error(name, value, "expected a positive integer or None")
    return value


def _default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _run(
    items: Iterable[Any],
    settings: _Settings,
    workers: int,
    chunksize: int,
    window: int,
    show: bool,
    total: int | None,
    mp_context: BaseContext | None,
) -> Generator[Result, None, None]:
    bar = Progress(sys.stderr, total) if show else None
    results = (
        _run_here(items, settings)
        if workers == 1
        else _run_pool(items, settings, workers, chunksize, window, mp_context)
    )
    try:
        for result in results:
            if bar is not None:
                bar.update(isinstance(result, ExtractionError))
            yield result
    finally:
        results.close()  # stopping early shuts the pool down now, not when collected
        if bar is not None:
            bar.close()


def _run_here(items: Iterable[Any], settings: _Settings) -> Generator[Result, None, None]:
    for position, item in enumerate(items):
        job = _to_job(position, item)
        yield job if isinstance(job, ExtractionError) else _extract(job, settings)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[_Job | ExtractionError]]:
    chunk: list[_Job | ExtractionError] = []
    for position, item in enumerate(items):
        chunk.append(_to_job(position, item))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_Entry = tuple[
    list[_Job | ExtractionError],
    concurrent.futures.Future[list[Result]] | None,
    concurrent.futures.ProcessPoolExecutor,
]


def _run_pool(
    items: Iterable[Any],
    settings: _Settings,
    workers: int,
    chunksize: int,
    window: int,
    mp_context: BaseContext | None,
) -> Generator[Result, None, None]:
    pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=mp_context)
    # In submission order: the chunk as read, the future of its valid jobs (None when
    # it has none) and the pool it went to.
    in_flight: collections.deque[_Entry] = collections.deque()
    try:
        for chunk in _chunks(items, chunksize):
            jobs = tuple(job for job in chunk if isinstance(job, _Job))
            future = None
            if jobs:
                try:
                    future = pool.submit(_extract_chunk, jobs, settings)
                except BrokenProcessPool:
                    # A worker died since the last collection: chunks already in the
                    # dead pool are re-run one page at a time when collected (their
                    # entries name the old pool); this one goes to a new pool.
                    pool.shutdown(wait=True, cancel_futures=True)
                    pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=mp_context)
                    future = pool.submit(_extract_chunk, jobs, settings)
            in_flight.append((chunk, future, pool))
            while len(in_flight) >= window:
                results, pool = _collect(in_flight.popleft(), pool, settings, workers, mp_context)
                yield from results
        while in_flight:
            results, pool = _collect(in_flight.popleft(), pool, settings, workers, mp_context)
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(
    entry: _Entry,
    pool: concurrent.futures.ProcessPoolExecutor,
    settings: _Settings,
    workers: int,
    mp_context: BaseContext | None,
) -> tuple[list[Result], concurrent.futures.ProcessPoolExecutor]:
    """The results of one chunk in input order, and the pool to go on with."""
    chunk, future, used = entry
    done: list[Result] = []
    if future is not None:
        try:
            done = future.result()
        except (BrokenProcessPool, concurrent.futures.CancelledError):
            # A worker died and took its pool with it: re-run this chunk one page per
            # fresh process to find the page that kills it.  The other chunks of the
            # dead pool land here in turn; new chunks go to a new pool.
            if used is pool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=mp_context)
            done = [_isolated(job, settings, mp_context) for job in chunk if isinstance(job, _Job)]
    results = iter(done)
    return [job if isinstance(job, ExtractionError) else next(results) for job in chunk], pool


def _isolated(job: _Job, settings: _Settings, mp_context: BaseContext | None) -> Result:
    """Extract one page in a process of its own; its death becomes an error record."""
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=mp_context) as pool:
        try:
            return pool.submit(_extract_chunk, (job,), settings).result()[0]
        except BrokenProcessPool as exc:
            return ExtractionError(
                job.position, job.url, "WorkerCrashed", f"the worker process died: {exc}"
            )
