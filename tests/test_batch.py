"""extract_many: input forms, order, error records, laziness, crashes, progress."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import types
from collections.abc import Iterator
from typing import Any

import pytest

from backlinkkit import _progress, batch, extract_links
from backlinkkit.batch import ExtractionError, PageInput, extract_many
from backlinkkit.errors import InvalidInputError, InvalidValueError
from backlinkkit.extract import extract_handed
from backlinkkit.page import Page
from tests.freeing import Watched, watch_parses

URL = "https://www.example.com/"


def page_html(n: int) -> str:
    """A small page whose links say which page it is (n links, so sizes differ)."""
    links = "".join(f'<a href="/p{n}/{i}">link {i}</a>' for i in range(n % 7 + 1))
    return f"<title>page {n}</title><nav>{links}</nav><a href='https://other.example/{n}'>x</a>"


def items(count: int) -> list[tuple[str, str]]:
    return [(page_html(n), f"{URL}{n}") for n in range(count)]


def titles(results: list[Page | ExtractionError]) -> list[str]:
    return [r.title if isinstance(r, Page) else f"error {r.position}" for r in results]


def fork_context() -> Any:
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs the fork start method")
    return multiprocessing.get_context("fork")


# --------------------------------------------------------------------------- results


@pytest.mark.parametrize("workers", [1, 2])
def test_each_input_form_gives_the_page_extract_links_gives(workers: int) -> None:
    headers = {"X-Robots-Tag": "nofollow"}
    inputs: list[Any] = [
        ('<a href="/a">A</a>', URL),
        ('<a href="/a">A</a>', URL, headers),
        PageInput('<a href="/a">A</a>', URL, headers),
        PageInput(b"<meta charset=latin1><a href='/\xe9'>\xe9</a>", URL),
        PageInput("<a href='?q=\xe9'>q</a>", URL, encoding="latin1"),
    ]
    results = list(extract_many(inputs, workers=workers, progress=False))
    assert results == [
        extract_links('<a href="/a">A</a>', URL),
        extract_links('<a href="/a">A</a>', URL, headers=headers),
        extract_links('<a href="/a">A</a>', URL, headers=headers),
        extract_links(b"<meta charset=latin1><a href='/\xe9'>\xe9</a>", URL),
        extract_links("<a href='?q=\xe9'>q</a>", URL, encoding="latin1"),
    ]
    # The header made every link nofollow, and latin1 decoded the bytes.
    assert [r.links[0].followed for r in results if isinstance(r, Page)] == [
        True,
        False,
        False,
        True,
        True,
    ]
    assert results[3].links[0].url == "https://www.example.com/%C3%A9"  # type: ignore[union-attr]
    assert results[4].links[0].url == "https://www.example.com/?q=%E9"  # type: ignore[union-attr]


@pytest.mark.parametrize(("workers", "chunksize", "window"), [(1, 4, None), (2, 1, 1), (2, 3, 2)])
def test_results_come_in_input_order(workers: int, chunksize: int, window: int | None) -> None:
    results = list(
        extract_many(items(23), workers=workers, chunksize=chunksize, window=window, progress=False)
    )
    assert titles(results) == [f"page {n}" for n in range(23)]
    assert [len(r.links) for r in results if isinstance(r, Page)] == [n % 7 + 2 for n in range(23)]


def test_the_backend_option_reaches_the_workers() -> None:
    pytest.importorskip("selectolax.lexbor", reason='needs "backlinkkit[fast]"')
    fast = list(extract_many(items(6), workers=2, backend="lexbor", progress=False))
    reference = list(extract_many(items(6), workers=1, backend="html5lib", progress=False))
    assert fast == reference


def test_agent_reaches_the_workers() -> None:
    html = '<meta name="bingbot" content="nofollow"><a href="/a">a</a>'
    results = list(extract_many([(html, URL)] * 3, workers=2, agent="bingbot", progress=False))
    assert [r.links[0].followed for r in results if isinstance(r, Page)] == [False] * 3


# --------------------------------------------------------------------------- bad pages

BAD: list[tuple[str, Any, str | None, str, str]] = [
    # (name, item, url in the record, error class, text in the message)
    ("not a URL", ("<a href=x>", "not a url"), "not a url", "InvalidURLError", "url="),
    ("relative URL", ("<a href=x>", "/relative"), "/relative", "InvalidURLError", "url="),
    ("html is None", (None, URL), URL, "InvalidInputError", "html=None"),
    ("url is bytes", ("<p>", b"https://x.example/"), None, "InvalidInputError", "url="),
    ("bad headers", ("<p>", URL, "X-Robots-Tag: x"), URL, "InvalidInputError", "headers="),
    ("one-tuple", ("<p>",), None, "InvalidValueError", "expected (html, url)"),
    ("four-tuple", ("<p>", URL, {}, "x"), None, "InvalidValueError", "expected (html, url)"),
    ("a bare string", "<p>", None, "InvalidValueError", "items[1]="),
    ("None", None, None, "InvalidValueError", "items[1]="),
    ("a list", ["<p>", URL], None, "InvalidValueError", "items[1]="),
]


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize(
    ("item", "url", "error", "message"),
    [case[1:] for case in BAD],
    ids=[case[0] for case in BAD],
)
def test_a_bad_page_gives_an_error_record_and_the_batch_goes_on(
    workers: int, item: Any, url: str | None, error: str, message: str
) -> None:
    inputs = [(page_html(0), URL), item, (page_html(2), URL)]
    results = list(extract_many(inputs, workers=workers, progress=False))
    assert titles(results) == ["page 0", "error 1", "page 2"]
    record = results[1]
    assert isinstance(record, ExtractionError)
    assert (record.position, record.url, record.error) == (1, url, error)
    assert message in record.message
    assert record.to_record() == {
        "position": 1,
        "page_url": url,
        "error": error,
        "message": record.message,
    }


def _crash_on(url: str) -> Any:
    # batch extracts each page through extract_handed (the page handed over in a list).
    real = extract_handed

    def extract(html: Any, page_url: str, **options: Any) -> Page:
        if page_url == url:
            os._exit(3)  # a worker dying as in a segfault or the OOM killer
        return real(html, page_url, **options)

    return extract


def test_a_page_that_kills_its_worker_costs_only_that_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    context = fork_context()
    monkeypatch.setattr(batch, "extract_handed", _crash_on(f"{URL}5"))
    results = list(
        extract_many(
            items(12), workers=2, chunksize=3, window=2, progress=False, mp_context=context
        )
    )
    assert titles(results) == [f"page {n}" if n != 5 else "error 5" for n in range(12)]
    record = results[5]
    assert isinstance(record, ExtractionError)
    assert (record.url, record.error) == (f"{URL}5", "WorkerCrashed")
    assert "died" in record.message


def test_an_exception_in_extraction_is_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(html: Any, url: str, **options: Any) -> Page:
        raise RuntimeError(f"cannot handle {url}")

    monkeypatch.setattr(batch, "extract_handed", boom)
    results = list(extract_many(items(2), workers=1, progress=False))
    assert [(r.error, r.message) for r in results if isinstance(r, ExtractionError)] == [
        ("RuntimeError", f"cannot handle {URL}0"),
        ("RuntimeError", f"cannot handle {URL}1"),
    ]


# --------------------------------------------------------------------------- laziness


class Counted:
    """An iterator of pages that counts how many were read, endless when count is None."""

    def __init__(self, count: int | None = None) -> None:
        self.read = 0
        self.count = count

    def __iter__(self) -> Iterator[tuple[str, str]]:
        numbers = itertools.count() if self.count is None else range(self.count)
        for n in numbers:
            self.read += 1
            yield page_html(n), f"{URL}{n}"


@pytest.mark.parametrize(("workers", "chunksize", "window"), [(1, 4, 3), (2, 2, 2), (2, 5, 3)])
def test_input_is_read_lazily_within_the_window(workers: int, chunksize: int, window: int) -> None:
    source = Counted()  # endless: list(items) would never return
    results = extract_many(
        source, workers=workers, chunksize=chunksize, window=window, progress=False
    )
    bound = 1 if workers == 1 else window * chunksize
    for n, result in enumerate(itertools.islice(results, 15)):
        assert isinstance(result, Page)
        assert result.title == f"page {n}"
        assert source.read <= n + bound
    results.close()  # shuts the pool down
    assert source.read <= 15 + bound
    assert multiprocessing.active_children() == []


def test_nothing_is_read_before_iteration() -> None:
    source = Counted(5)
    results = extract_many(source, workers=2, progress=False)
    assert source.read == 0
    assert len(list(results)) == 5


# --------------------------------------------------------------------------- arguments


def untouchable() -> Iterator[tuple[str, str]]:
    raise AssertionError("the input was read before the arguments were checked")
    yield  # pragma: no cover


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"workers": 0}, InvalidValueError, "workers=0"),
        ({"workers": -2}, InvalidValueError, "workers=-2"),
        ({"workers": True}, InvalidInputError, "workers=True"),
        ({"workers": 1.5}, InvalidInputError, "workers=1.5"),
        ({"workers": "2"}, InvalidInputError, "workers='2'"),
        ({"chunksize": 0}, InvalidValueError, "chunksize=0"),
        ({"chunksize": "4"}, InvalidInputError, "chunksize='4'"),
        ({"window": 0}, InvalidValueError, "window=0"),
        ({"agent": ""}, InvalidValueError, "agent=''"),
        ({"agent": None}, InvalidInputError, "agent=None"),
        ({"backend": "lxml"}, InvalidValueError, "backend='lxml'"),
    ],
)
def test_bad_arguments_raise_before_reading(
    options: dict[str, Any], error: type[Exception], message: str
) -> None:
    # Wrong types are InvalidInputError (a TypeError), wrong values InvalidValueError.
    with pytest.raises(error) as caught:
        extract_many(untouchable(), **options)
    assert type(caught.value) is error
    assert message in str(caught.value)


@pytest.mark.parametrize("items", [None, 42, "<a href=/>x</a>", b"<p>", PageInput("<p>", URL)])
def test_items_that_are_not_an_iterable_of_pages_raise_at_the_call(items: object) -> None:
    # Not when the generator is first advanced: at the call, naming the argument.
    with pytest.raises(InvalidInputError, match=r"^items=.*: expected an iterable of pages"):
        extract_many(items, workers=1)  # type: ignore[call-overload]


def test_an_unpicklable_extractor_is_refused_for_workers() -> None:
    extractor: Any = types.SimpleNamespace(split=lambda host: host)
    with pytest.raises(InvalidValueError, match="must be picklable"):
        extract_many(untouchable(), workers=2, extractor=extractor)


# --------------------------------------------------------------------------- values


def test_page_input_checks_its_fields() -> None:
    with pytest.raises(InvalidInputError, match=r"^PageInput.html=None: expected str or bytes"):
        PageInput(None, URL)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^PageInput.url=3: expected str"):
        PageInput("<p>", 3)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^PageInput.encoding=8: expected str"):
        PageInput("<p>", URL, encoding=8)  # type: ignore[arg-type]
    page = PageInput("<p>", URL, [("X-Robots-Tag", "noindex")])
    assert page.headers == (("x-robots-tag", "noindex"),)
    with pytest.raises(AttributeError):
        page.url = "https://other.example/"  # type: ignore[misc]


def test_extraction_error_checks_its_fields() -> None:
    with pytest.raises(InvalidValueError, match=r"^ExtractionError.position=-1"):
        ExtractionError(-1, URL, "E", "m")
    with pytest.raises(InvalidInputError, match=r"^ExtractionError.position=True"):
        ExtractionError(True, URL, "E", "m")
    with pytest.raises(InvalidInputError, match=r"^ExtractionError.message=None"):
        ExtractionError(0, URL, "E", None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- progress


class Clock:
    """A monotonic clock that advances 0.3 s per reading."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 0.3
        return self.now


def test_progress_is_drawn_on_long_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_progress, "monotonic", Clock())
    inputs = items(4)
    inputs[2] = ("<p>", "bad")
    assert len(list(extract_many(inputs, workers=1, progress=True))) == 4
    err = capsys.readouterr().err
    # Readings 0.3 s apart: started at 0.3, drawn at 0.9, 1.2, 1.5 and on closing at 1.8.
    assert err.startswith("\rpages 2/4 [##########----------]  50% 3.3 pages/s, 1s left\r")
    assert err.count("\r") == 4
    assert err.endswith("\rpages 4/4 [####################] 100% 2.7 pages/s, 1 error, 0s left\n")


def test_short_runs_draw_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(list(extract_many(items(3), workers=1, progress=True))) == 3
    assert capsys.readouterr().err == ""


def test_progress_is_off_when_stderr_is_no_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_progress, "monotonic", Clock())
    assert len(list(extract_many(items(3), workers=1))) == 3
    assert len(list(extract_many(items(3), workers=1, progress=False))) == 3
    assert capsys.readouterr().err == ""


def test_a_worker_death_noticed_at_submission_costs_only_that_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The pool can break between two collections, so that the next submission raises
    # BrokenProcessPool: the batch must replace the pool there too.  The input pauses
    # after two pages, long enough for the first page to kill its worker, and the wide
    # window means nothing is collected before the third page is submitted.
    import time

    context = fork_context()
    monkeypatch.setattr(batch, "extract_handed", _crash_on(f"{URL}0"))

    def slow_items() -> Iterator[tuple[str, str]]:
        for n, item in enumerate(items(8)):
            if n == 2:
                time.sleep(1.0)
            yield item

    results = list(
        extract_many(
            slow_items(), workers=2, chunksize=1, window=6, progress=False, mp_context=context
        )
    )
    assert titles(results) == ["error 0"] + [f"page {n}" for n in range(1, 8)]


# --------------------------------------------------------------------------- records output


@pytest.mark.parametrize(("workers", "chunksize"), [(1, 4), (2, 3)])
def test_records_output_gives_the_rows_of_each_page_in_order(workers: int, chunksize: int) -> None:
    from backlinkkit.records import Records, extract_records

    inputs: list[Any] = [*items(9), ("<p>x</p>", "not a URL"), 42, *items(3)]
    batches = list(
        extract_many(inputs, workers=workers, chunksize=chunksize, output="records", progress=False)
    )
    assert all(isinstance(b, Records) for b in batches)
    n = len(inputs)
    assert [b.n_pages for b in batches] == [chunksize] * (n // chunksize) + (
        [n % chunksize] if n % chunksize else []
    )
    merged = Records.concat(batches)
    assert merged.pages["position"] == list(range(n))
    expected_links: list[dict[str, Any]] = []
    for position, item in enumerate(inputs):
        if position not in (9, 10):  # in memory: no source; a link's page by its position
            rows = extract_links(*item).to_records()
            expected_links += [{"source": None, "page_position": position, **r} for r in rows]
    assert merged.link_rows() == expected_links
    assert set(merged.pages["source"]) == {None}
    assert merged.n_issues == 0
    assert merged.pages["error"][9:11] == ["InvalidURLError", "InvalidValueError"]
    assert merged.pages["page_url"][9:11] == ["not a URL", None]
    assert merged.pages["title"][:9] == [f"page {n}" for n in range(9)]
    one = extract_records(*inputs[0])
    assert merged.pages["n_links"][0] == one.n_links


def test_records_output_survives_a_worker_death(monkeypatch: pytest.MonkeyPatch) -> None:
    context = fork_context()

    def crash(html: Any, url: str, **options: Any) -> Any:
        if url == f"{URL}4":
            os._exit(1)
        from backlinkkit.records import extract_records

        return extract_records(html, url, **options)

    monkeypatch.setattr(batch, "extract_records", crash)
    batches = list(
        extract_many(
            items(8), workers=2, chunksize=3, output="records", progress=False, mp_context=context
        )
    )
    errors = [e for b in batches for e in b.pages["error"]]
    assert errors == [None] * 4 + ["WorkerCrashed"] + [None] * 3


# --------------------------------------------------------------------------- limits


def _sleep_on(url: str, seconds: float) -> Any:
    def extract(html: Any, page_url: str, **options: Any) -> Page:
        if page_url == url:
            import time

            time.sleep(seconds)
        return extract_handed(html, page_url, **options)

    return extract


@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_past_the_time_limit_becomes_an_error_and_the_batch_goes_on(
    workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = fork_context()
    monkeypatch.setattr(batch, "extract_handed", _sleep_on(f"{URL}3", 60))
    import time

    started = time.monotonic()
    results = list(
        extract_many(items(8), workers=workers, time_limit=1.0, progress=False, mp_context=context)
    )
    assert time.monotonic() - started < 30  # not the 60 s the page would take
    assert titles(results) == [f"page {n}" if n != 3 else "error 3" for n in range(8)]
    record = results[3]
    assert isinstance(record, ExtractionError)
    assert record.error == "TimeLimit"
    assert record.message.startswith("time limit")


def test_lexbor_on_100000_unclosed_divs_is_stopped_by_the_time_limit() -> None:
    pytest.importorskip("selectolax", reason="selectolax (backlinkkit[fast]) is not installed")
    hostile = "<div>" * 100_000  # quadratic in Lexbor: about 50 s
    inputs = [items(1)[0], (hostile, f"{URL}hostile"), items(2)[1]]
    for output in ("pages", "records"):
        results: list[Any] = list(
            extract_many(
                inputs,
                workers=1,
                backend="lexbor",
                time_limit=2,
                output=output,
                progress=False,
            )
        )
        if output == "pages":
            assert [type(r).__name__ for r in results] == ["Page", "ExtractionError", "Page"]
            assert results[1].error == "TimeLimit"
        else:
            assert results[0].pages["error"] == [None, "TimeLimit", None]


@pytest.mark.parametrize("time_limit", [None, 30])
def test_a_page_over_the_size_limit_is_not_parsed(time_limit: float | None) -> None:
    inputs = [("<a href=/>small</a>", URL), ("<a href=/>" + "x" * 1000, URL), (b"y" * 1001, URL)]
    results = list(
        extract_many(inputs, workers=1, size_limit=1000, time_limit=time_limit, progress=False)
    )
    assert isinstance(results[0], Page)
    for result in results[1:]:
        assert isinstance(result, ExtractionError)
        assert result.error == "SizeLimit"
        assert result.message.startswith("size limit")


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"output": "rows"}, InvalidValueError),
        ({"time_limit": 0}, InvalidValueError),
        ({"time_limit": "1"}, InvalidInputError),
        ({"size_limit": 0}, InvalidValueError),
        ({"size_limit": 1.5}, InvalidInputError),
    ],
)
def test_bad_limits_and_outputs_raise_at_the_call(options: dict[str, Any], error: type) -> None:
    with pytest.raises(error):
        extract_many(items(1), **options)


def test_one_worker_frees_each_pages_bytes_before_parsing_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[str] = []
    watch_parses(monkeypatch, events)

    def pages() -> Iterator[tuple[bytes, str]]:
        for n in range(3):
            handed = [Watched(b'<a href="/%d">x</a>' % n, events)]
            yield handed.pop(), "https://example.com/"

    results = list(extract_many(pages(), workers=1, progress=False))
    assert events == ["bytes", "parse"] * 3
    assert [[link.url for link in page.links] for page in results] == [  # type: ignore[union-attr]
        [f"https://example.com/{n}"] for n in range(3)
    ]
