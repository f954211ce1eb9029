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
import contextlib
import multiprocessing
import multiprocessing.connection
import os
import pickle
import sys
import time
from collections.abc import Generator, Iterable, Iterator, Sized
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import Any, Literal, NamedTuple, overload

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
from .extract import Backend, extract_handed
from .page import Page
from .records import Records, add_error, extract_records
from .social import SocialRegistry

__all__ = ["ExtractionError", "Output", "PageInput", "extract_many"]

#: What :func:`extract_many` yields: ``"pages"`` (a Page or an ExtractionError per
#: page) or ``"records"`` (one :class:`~backlinkkit.records.Records` per chunk).
Output = Literal["pages", "records"]


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
              headers=(('x-robots-tag', 'nofollow'),), encoding=None, status=None)
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
    #: The HTTP status the page was served with, when known (:attr:`Page.status
    #: <backlinkkit.page.Page.status>`; a WARC page's comes from
    #: :meth:`ArchivedPage.to_input <backlinkkit.archives.ArchivedPage.to_input>`).
    status: int | None = attrs.field(default=None, validator=optional(integer(100, 999)))


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
    status: int | None = None


class _Settings(NamedTuple):
    """What every page of a batch is extracted with."""

    backend: str
    agent: str
    registry: SocialRegistry | None
    extractor: tldextract.TLDExtract | None
    output: str = "pages"


Result = Page | ExtractionError


def _to_job(position: int, item: object, size_limit: int | None = None) -> _Job | ExtractionError:
    """Check one input item; a malformed item (or one over *size_limit*) becomes an
    :class:`ExtractionError`."""
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
    if size_limit is not None and len(page.html) > size_limit:
        unit = "bytes" if isinstance(page.html, bytes) else "characters"
        return ExtractionError(
            position,
            page.url,
            "SizeLimit",
            f"size limit: the page has {len(page.html):,} {unit}, over size_limit={size_limit:,}",
        )
    return _Job(position, page.html, page.url, page.headers, page.encoding, page.status)


def _extract(job: _Job, settings: _Settings) -> Result:
    return _extract_handed([job], settings)


def _extract_handed(handed: list[_Job], settings: _Settings) -> Result:
    """:func:`_extract` of the job in the one-item list *handed*, emptied at once, so
    that the page's bytes are held by nothing but the extraction, which frees them
    once decoded (``extract_handed``)."""
    position, html, url, headers, encoding, status = handed.pop()
    page = [html]
    del html
    try:
        return extract_handed(
            page,
            url,
            headers=headers,
            agent=settings.agent,
            encoding=encoding,
            backend=settings.backend,  # type: ignore[arg-type]
            registry=settings.registry,
            extractor=settings.extractor,
            status=status,
        )
    except Exception as exc:  # one bad page must not stop the batch
        return ExtractionError(position, url, type(exc).__name__, str(exc))


def _extract_chunk(jobs: tuple[_Job, ...], settings: _Settings) -> list[Result]:
    """Run in a worker process: extract each page of a chunk."""
    return [_extract(job, settings) for job in jobs]


def _records_of(entry: _Job | ExtractionError, settings: _Settings, into: Records) -> None:
    """Append one page (or its error row) to *into*."""
    if isinstance(entry, ExtractionError):
        add_error(into, entry.position, entry.url, entry.error, entry.message)
        return
    try:
        found = extract_records(
            entry.html,
            entry.url,
            headers=entry.headers,
            agent=settings.agent,
            encoding=entry.encoding,
            backend=settings.backend,  # type: ignore[arg-type]
            registry=settings.registry,
            extractor=settings.extractor,
            status=entry.status,
        )
    except Exception as exc:  # one bad page must not stop the batch
        add_error(into, entry.position, entry.url, type(exc).__name__, str(exc))
        return
    found.pages["position"][0] = entry.position
    found.links["page_position"][:] = [entry.position] * found.n_links
    into.extend(found)


def _records_chunk(entries: tuple[_Job | ExtractionError, ...], settings: _Settings) -> Records:
    """Run in a worker process: one :class:`Records` for a chunk (error rows included).

    A chunk travels back as a few dozen lists of plain values, not one object per link.
    """
    records = Records()
    for entry in entries:
        _records_of(entry, settings, records)
    return records


def _work(entry: _Job, settings: _Settings) -> Result | Records:
    """One page, in the output form of *settings*."""
    if settings.output == "records":
        return _records_chunk((entry,), settings)
    return _extract(entry, settings)


@overload
def extract_many(
    items: Iterable[PageInput | tuple[Any, ...]],
    *,
    workers: int | None = ...,
    backend: Backend = ...,
    agent: str = ...,
    registry: SocialRegistry | None = ...,
    extractor: tldextract.TLDExtract | None = ...,
    chunksize: int = ...,
    window: int | None = ...,
    progress: bool | None = ...,
    total: int | None = ...,
    mp_context: BaseContext | None = ...,
    output: Literal["pages"] = ...,
    time_limit: float | None = ...,
    size_limit: int | None = ...,
) -> Generator[Page | ExtractionError, None, None]: ...


@overload
def extract_many(
    items: Iterable[PageInput | tuple[Any, ...]],
    *,
    workers: int | None = ...,
    backend: Backend = ...,
    agent: str = ...,
    registry: SocialRegistry | None = ...,
    extractor: tldextract.TLDExtract | None = ...,
    chunksize: int = ...,
    window: int | None = ...,
    progress: bool | None = ...,
    total: int | None = ...,
    mp_context: BaseContext | None = ...,
    output: Literal["records"],
    time_limit: float | None = ...,
    size_limit: int | None = ...,
) -> Generator[Records, None, None]: ...


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
    output: Output = "pages",
    time_limit: float | None = None,
    size_limit: int | None = None,
) -> Generator[Page | ExtractionError, None, None] | Generator[Records, None, None]:
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
    if output not in ("pages", "records"):
        raise value_error("output", output, "expected 'pages' or 'records'")
    if time_limit is not None:
        if isinstance(time_limit, bool) or not isinstance(time_limit, (int, float)):
            raise type_error("time_limit", time_limit, "a number of seconds or None")
        if not time_limit > 0:
            raise value_error("time_limit", time_limit, "expected a positive number of seconds")
    if size_limit is not None:
        size_limit = _check_count("size_limit", size_limit, 0)
    if total is None and isinstance(items, Sized):
        total = len(items)
    settings = _Settings(resolve_backend(backend), agent, registry, extractor, output)
    if workers > 1 or time_limit is not None:
        try:
            pickle.dumps(settings)
        except Exception as exc:
            raise InvalidValueError(
                f"registry={registry!r:.60}, extractor={extractor!r:.60}: must be picklable "
                f"to reach worker processes ({exc})"
            ) from exc
    show = show_progress() if progress is None else bool(progress)
    limits = _Limits(None if time_limit is None else float(time_limit), size_limit)
    return _run(  # type: ignore[return-value]
        items, settings, workers, chunksize, window, show, total, mp_context, limits
    )


class _Limits(NamedTuple):
    time: float | None
    size: int | None


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
    limits: _Limits,
) -> Generator[Result | Records, None, None]:
    bar = Progress(sys.stderr, total) if show else None
    results: Generator[Result | Records, None, None]
    if limits.time is not None:
        results = _run_limited(
            items, settings, workers, chunksize, window, mp_context, limits.time, limits.size
        )
    elif workers == 1:
        results = _run_here(items, settings, chunksize, limits.size)
    else:
        results = _run_pool(items, settings, workers, chunksize, window, mp_context, limits.size)
    try:
        for result in results:
            if bar is not None:
                if isinstance(result, Records):
                    for error in result.pages["error"]:
                        bar.update(error is not None)
                else:
                    bar.update(isinstance(result, ExtractionError))
            yield result
    finally:
        results.close()  # stopping early shuts the pool down now, not when collected
        if bar is not None:
            bar.close()


def _run_here(
    items: Iterable[Any], settings: _Settings, chunksize: int, size_limit: int | None
) -> Generator[Result | Records, None, None]:
    if settings.output == "records":
        for chunk in _chunks(items, chunksize, size_limit):
            yield _records_chunk(tuple(chunk), settings)
        return
    # No enumerate (it keeps its last (index, item) tuple) and no name left on the
    # item or its job while the page is extracted: its bytes are freed once decoded.
    position = 0
    for item in items:
        job = _to_job(position, item, size_limit)
        del item
        position += 1
        if isinstance(job, ExtractionError):
            yield job
            continue
        handed = [job]
        del job
        yield _extract_handed(handed, settings)


def _chunks(
    items: Iterable[Any], size: int, size_limit: int | None = None
) -> Iterator[list[_Job | ExtractionError]]:
    chunk: list[_Job | ExtractionError] = []
    for position, item in enumerate(items):
        chunk.append(_to_job(position, item, size_limit))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_Entry = tuple[
    list[_Job | ExtractionError],
    "concurrent.futures.Future[Any] | None",
    concurrent.futures.ProcessPoolExecutor,
]


def _submit(
    pool: concurrent.futures.ProcessPoolExecutor,
    chunk: list[_Job | ExtractionError],
    settings: _Settings,
) -> concurrent.futures.Future[Any] | None:
    """Send one chunk to *pool*: the whole chunk for records (its error rows are made
    there, in order), only its valid jobs for pages (``None`` when it has none)."""
    if settings.output == "records":
        return pool.submit(_records_chunk, tuple(chunk), settings)
    jobs = tuple(job for job in chunk if isinstance(job, _Job))
    return pool.submit(_extract_chunk, jobs, settings) if jobs else None


def _run_pool(
    items: Iterable[Any],
    settings: _Settings,
    workers: int,
    chunksize: int,
    window: int,
    mp_context: BaseContext | None,
    size_limit: int | None,
) -> Generator[Result | Records, None, None]:
    pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=mp_context)
    # In submission order: the chunk as read, the future of its work (None when it
    # has none) and the pool it went to.
    in_flight: collections.deque[_Entry] = collections.deque()
    try:
        for chunk in _chunks(items, chunksize, size_limit):
            try:
                future = _submit(pool, chunk, settings)
            except BrokenProcessPool:
                # A worker died since the last collection: chunks already in the
                # dead pool are re-run one page at a time when collected (their
                # entries name the old pool); this one goes to a new pool.
                pool.shutdown(wait=True, cancel_futures=True)
                pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=mp_context)
                future = _submit(pool, chunk, settings)
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
) -> tuple[list[Result | Records], concurrent.futures.ProcessPoolExecutor]:
    """The results of one chunk in input order, and the pool to go on with."""
    chunk, future, used = entry
    done: Any = []
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
            if settings.output == "records":
                alone = (
                    _isolated(job, settings, mp_context) if isinstance(job, _Job) else job
                    for job in chunk
                )
                return [_merge(alone)], pool
            done = [_isolated(job, settings, mp_context) for job in chunk if isinstance(job, _Job)]
    if settings.output == "records":
        return [done], pool
    results = iter(done)
    return [job if isinstance(job, ExtractionError) else next(results) for job in chunk], pool


def _merge(results: Iterable[Result | Records]) -> Records:
    """One :class:`Records` of page results in order (errors as error rows)."""
    merged = Records()
    for result in results:
        if isinstance(result, ExtractionError):
            add_error(merged, result.position, result.url, result.error, result.message)
        elif isinstance(result, Records):
            merged.extend(result)
    return merged


def _isolated(job: _Job, settings: _Settings, mp_context: BaseContext | None) -> Result | Records:
    """Extract one page in a process of its own; its death becomes an error record."""
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=mp_context) as pool:
        try:
            return pool.submit(_work, job, settings).result()
        except BrokenProcessPool as exc:
            return ExtractionError(
                job.position, job.url, "WorkerCrashed", f"the worker process died: {exc}"
            )


# --------------------------------------------------------------------- time limits


def _serve(conn: multiprocessing.connection.Connection, settings: _Settings) -> None:
    """A limited worker's loop: one page in, its result out, until told to stop."""
    while True:
        job = conn.recv()
        if job is None:
            return
        conn.send(_work(job, settings))


class _Worker:
    """A worker process of a time-limited run, and the page it is on."""

    def __init__(self, context: BaseContext, settings: _Settings) -> None:
        parent, child = context.Pipe()
        self.conn: multiprocessing.connection.Connection = parent
        self.process = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, settings), daemon=True
        )
        self.process.start()
        child.close()
        self.job: _Job | None = None
        self.deadline = 0.0

    def give(self, job: _Job, time_limit: float) -> None:
        self.job = job
        self.deadline = time.monotonic() + time_limit
        self.conn.send(job)

    def stop(self) -> None:
        """Kill the process now (it may be stuck in C code)."""
        self.process.kill()
        self.process.join()
        self.conn.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(timeout=1)
        if self.process.is_alive():
            self.stop()
        else:
            self.conn.close()


def _run_limited(
    items: Iterable[Any],
    settings: _Settings,
    workers: int,
    chunksize: int,
    window: int,
    mp_context: BaseContext | None,
    time_limit: float,
    size_limit: int | None,
) -> Generator[Result | Records, None, None]:
    """Pages one at a time to *workers* processes; a page past *time_limit* has its
    worker killed and replaced and becomes an error record."""
    context = mp_context if mp_context is not None else multiprocessing.get_context()
    records = settings.output == "records"
    source = enumerate(items)
    exhausted = False
    done: dict[int, Result | Records] = {}  # finished, not yet yielded, by position
    next_out = 0
    read = 0
    ahead = window * chunksize  # pages read but not yet yielded, at most
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    pending_out: list[Result | Records] = []
    try:
        idle = [_Worker(context, settings) for _ in range(workers)]
        while True:
            while idle and not exhausted and read - next_out < ahead:
                try:
                    position, item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                read += 1
                job = _to_job(position, item, size_limit)
                if isinstance(job, ExtractionError):
                    done[position] = job
                    continue
                worker = idle.pop()
                worker.give(job, time_limit)
                busy.append(worker)
            while next_out in done:
                pending_out.append(done.pop(next_out))
                next_out += 1
                if not records:
                    yield pending_out.pop()
                elif len(pending_out) == chunksize:
                    yield _merge(pending_out)
                    pending_out = []
            if not busy:
                if exhausted and not done:
                    break
                continue
            now = time.monotonic()
            timeout = max(0.0, min(worker.deadline for worker in busy) - now)
            ready = multiprocessing.connection.wait([w.conn for w in busy], timeout)
            for worker in list(busy):
                running = worker.job
                assert running is not None
                result: Result | Records | None = None
                if worker.conn in ready:
                    try:
                        result = worker.conn.recv()
                    except (EOFError, OSError):
                        result = ExtractionError(
                            running.position,
                            running.url,
                            "WorkerCrashed",
                            "the worker process died",
                        )
                        worker.stop()
                        worker = _Worker(context, settings)
                elif time.monotonic() >= worker.deadline:
                    result = ExtractionError(
                        running.position,
                        running.url,
                        "TimeLimit",
                        f"time limit: still running after time_limit={time_limit:g} s; "
                        "its worker was stopped and replaced",
                    )
                    worker.stop()
                    worker = _Worker(context, settings)
                if result is not None:
                    busy = [w for w in busy if w.job is not running]
                    worker.job = None
                    idle.append(worker)
                    done[running.position] = result
        if pending_out:
            yield _merge(pending_out)
    finally:
        for worker in idle + busy:
            if worker.job is None:
                worker.close()
            else:
                worker.stop()
