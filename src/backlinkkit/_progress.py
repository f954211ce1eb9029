"""A one-line progress bar on a text stream, for long batch runs.

:func:`~backlinkkit.batch.extract_many` draws it on standard error when that is
a terminal or the code runs in Jupyter (:func:`show_progress`).  Short runs stay
silent: the bar appears after half a second and is redrawn at most five times a
second; :func:`render_progress` writes the line.

>>> render_progress(50, 200, 1, 10.0)
'pages  50/200 [#####---------------]  25% 5.0 pages/s, 1 error, 30s left'
>>> render_progress(7, None, 0, 2.0)
'pages 7 3.5 pages/s'
"""

from __future__ import annotations

import sys
from time import monotonic
from typing import IO

__all__ = ["Progress", "render_progress", "show_progress"]


def show_progress() -> bool:
    """True when standard error is a terminal, or in a Jupyter kernel."""
    stream = sys.stderr
    try:
        if stream is not None and stream.isatty():
            return True
    except (AttributeError, ValueError):  # pragma: no cover - closed or odd stream
        pass
    return _in_jupyter()


def _in_jupyter() -> bool:
    if "ipykernel" not in sys.modules:
        return False
    ipython = sys.modules.get("IPython")
    get = getattr(ipython, "get_ipython", None)
    shell = get() if get is not None else None
    return shell is not None and "ZMQ" in type(shell).__name__


class Progress:
    """A one-line progress bar on a text stream, redrawn at most every 0.2 s."""

    __slots__ = ("done", "drawn", "errors", "last", "start", "stream", "total")

    def __init__(self, stream: IO[str] | None, total: int | None) -> None:
        self.stream = stream
        self.total = total
        self.done = 0
        self.errors = 0
        self.start = monotonic()
        self.last = 0.0
        self.drawn = False

    def update(self, error: bool) -> None:
        """Count one more page (*error*: it gave an error record); redraw when due."""
        self.done += 1
        self.errors += error
        now = monotonic()
        # Short runs stay silent: draw after the first half second, then 5 times a second.
        if now - self.start >= 0.5 and now - self.last >= 0.2:
            self.last = now
            self._draw(now)

    def close(self) -> None:
        """Draw the final line and end it, if the bar was ever drawn."""
        if self.drawn:
            self._draw(monotonic())
            self._write("\n")

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-9)
        self._write("\r" + render_progress(self.done, self.total, self.errors, elapsed))
        self.drawn = True

    def _write(self, text: str) -> None:
        if self.stream is None:
            return
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # pragma: no cover - closed stream
            self.stream = None


def render_progress(done: int, total: int | None, errors: int, elapsed: float) -> str:
    """The progress line for *done* of *total* pages after *elapsed* seconds."""
    rate = done / elapsed if elapsed > 0 else 0.0
    errs = f", {errors} error{'s' if errors != 1 else ''}" if errors else ""
    if not total:
        return f"pages {done} {rate:.1f} pages/s{errs}"
    fraction = min(done / total, 1.0)
    filled = int(fraction * 20)
    left = (total - done) / rate if rate > 0 else 0.0
    width = len(str(total))
    return (
        f"pages {done:>{width}}/{total} [{'#' * filled}{'-' * (20 - filled)}] "
        f"{fraction:4.0%} {rate:.1f} pages/s{errs}, {_duration(left)} left"
    )


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
