"""``python -m backlinkkit``: the same as the ``backlinkkit`` command."""

from __future__ import annotations

from .cli import main

raise SystemExit(main())
