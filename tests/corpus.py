"""The shared page corpus (``../shared/corpus``), for tests and benchmarks.

One home for the rule of ``corpus/README.md`` that says which URL each page is
parsed against, so that every test and benchmark reads the corpus the same way.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from backlinkkit.errors import InvalidURLError
from backlinkkit.urls import parse_absolute_url

__all__ = ["corpus_pages", "corpus_rows", "corpus_url", "shared_dir"]


def shared_dir() -> Path:
    """``$BACKLINKKIT_SHARED``, else ``shared/`` beside the repository (may not exist)."""
    repo = Path(__file__).resolve().parents[1]
    return Path(os.environ.get("BACKLINKKIT_SHARED", repo.parent / "shared"))


def corpus_url(row: dict[str, str]) -> str:
    """The URL to parse a corpus page against, by the rule in the corpus README.

    ``url`` when it starts with ``http``, else ``test_base_url``, else ``canonical``,
    else ``og_url``, else ``https://corpus.example/<file>`` -- where "starts with
    ``http``" also requires an absolute URL (one manifest ``canonical`` is still
    character-reference encoded, ``https&#x3A;&#x2F;&#x2F;...``, and is skipped).
    """
    for key in ("url", "test_base_url", "canonical", "og_url"):
        value = (row.get(key) or "").strip()
        if value.startswith("http"):
            try:
                parse_absolute_url(value)
            except InvalidURLError:
                continue
            return value
    return f"https://corpus.example/{row.get('file', '')}"


def corpus_rows(shared: Path | None = None) -> list[dict[str, str]]:
    """The rows of ``MANIFEST.tsv``, in order (empty when the corpus is absent)."""
    manifest = (shared or shared_dir()) / "corpus" / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    with open(manifest, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def corpus_pages(limit: int | None = None, shared: Path | None = None) -> list[tuple[str, Path]]:
    """``(url, path)`` of the corpus pages, in manifest order."""
    folder = (shared or shared_dir()) / "corpus" / "pages"
    return [(corpus_url(row), folder / row["file"]) for row in corpus_rows(shared)[:limit]]
