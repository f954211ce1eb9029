"""Tests for backlinkkit._progress: the progress line and when the bar is shown."""

from __future__ import annotations

import io
import sys
import types

import pytest

from backlinkkit._progress import Progress, render_progress, show_progress
from backlinkkit.batch import render_progress as documented_render_progress


@pytest.mark.parametrize(
    ("done", "total", "errors", "elapsed", "line"),
    [
        (
            50,
            200,
            1,
            10.0,
            "pages  50/200 [#####---------------]  25% 5.0 pages/s, 1 error, 30s left",
        ),
        (200, 200, 0, 4.0, "pages 200/200 [####################] 100% 50.0 pages/s, 0s left"),
        (
            1,
            1000,
            2,
            2.0,
            "pages    1/1000 [--------------------]   0% 0.5 pages/s, 2 errors, 33m18s left",
        ),
        (
            1,
            10000,
            0,
            10.0,
            "pages     1/10000 [--------------------]   0% 0.1 pages/s, 27h46m left",
        ),
        (7, None, 0, 2.0, "pages 7 3.5 pages/s"),
        (0, None, 0, 1.0, "pages 0 0.0 pages/s"),
        (0, 10, 0, 1.0, "pages  0/10 [--------------------]   0% 0.0 pages/s, 0s left"),
    ],
)
def test_progress_line(
    done: int, total: int | None, errors: int, elapsed: float, line: str
) -> None:
    assert render_progress(done, total, errors, elapsed) == line


def test_render_progress_is_still_importable_from_batch() -> None:
    # docs/batch.md imports it from backlinkkit.batch.
    assert documented_render_progress is render_progress


class Clock:
    """A monotonic clock that advances 0.3 s per reading."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 0.3
        return self.now


def test_the_bar_waits_half_a_second_then_draws_at_most_every_fifth_of_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from backlinkkit import _progress

    monkeypatch.setattr(_progress, "monotonic", Clock())
    stream = io.StringIO()
    bar = Progress(stream, 3)  # started at 0.3
    bar.update(False)  # 0.6: 0.3 s in, silent
    assert stream.getvalue() == ""
    bar.update(True)  # 0.9: 0.6 s in, drawn
    assert (
        stream.getvalue() == "\rpages 2/3 [#############-------]  67% 3.3 pages/s, 1 error, 0s left"
    )
    bar.close()  # 1.2: final line, then a newline
    assert stream.getvalue().endswith(
        "\rpages 2/3 [#############-------]  67% 2.2 pages/s, 1 error, 0s left\n"
    )


def test_a_bar_never_drawn_writes_nothing_on_close() -> None:
    stream = io.StringIO()
    bar = Progress(stream, None)
    bar.update(False)
    bar.close()
    assert stream.getvalue() == ""


def test_progress_goes_on_for_terminals_and_jupyter(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Terminal())
    assert show_progress() is True
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert show_progress() is False

    class ZMQInteractiveShell:
        pass

    fake_ipython = types.ModuleType("IPython")
    fake_ipython.get_ipython = ZMQInteractiveShell  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", fake_ipython)
    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    assert show_progress() is True

    class TerminalInteractiveShell:
        pass

    fake_ipython.get_ipython = TerminalInteractiveShell  # type: ignore[attr-defined]
    assert show_progress() is False
