"""The ``backlinkkit`` command line (demo stub, extended below)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``backlinkkit`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    print("backlinkkit: demo not written yet", args)
    return 0
