"""The exceptions backlinkkit raises.

Every exception derives from :class:`BacklinkkitError`, and each subclass is
also the fitting built-in exception, so ``except ValueError`` keeps working
for callers that do not know backlinkkit.  Messages name the offending field
and value.

>>> from backlinkkit.errors import BacklinkkitError, InvalidURLError
>>> issubclass(InvalidURLError, ValueError) and issubclass(InvalidURLError, BacklinkkitError)
True
"""

from __future__ import annotations

__all__ = [
    "BacklinkkitError",
    "InputFormatError",
    "InvalidInputError",
    "InvalidURLError",
    "InvalidValueError",
    "MissingDependencyError",
    "RegistryDataError",
]


class BacklinkkitError(Exception):
    """Base class of every error raised by backlinkkit."""


class InvalidInputError(BacklinkkitError, TypeError):
    """An argument has the wrong type (for example ``extract_links(None, ...)``)."""


class InvalidValueError(BacklinkkitError, ValueError):
    """An argument has the right type but a value outside what is allowed."""


class InvalidURLError(InvalidValueError):
    """A URL argument is not an absolute URL under the WHATWG URL Standard."""


class RegistryDataError(InvalidValueError):
    """Social-platform data is malformed; the message names the entry and field."""


class MissingDependencyError(BacklinkkitError, ImportError):
    """An optional dependency is not installed; the message says which extra installs it."""


class InputFormatError(InvalidValueError):
    """An input file (an analytics export, a ranks file) is not in the format its reader
    reads; the message starts with the file name (and the line, when one line is at fault).

    :attr:`file` and :attr:`line` say the same for code (``line`` is ``None`` when the
    fault is the whole file).
    """

    def __init__(self, message: str, *, file: str = "<input>", line: int | None = None) -> None:
        super().__init__(message)
        self.file = file
        self.line = line
