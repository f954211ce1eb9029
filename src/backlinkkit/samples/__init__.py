"""Sample pages shipped with backlinkkit, for ``backlinkkit demo``, the docs and tests.

Eight small pages written for the package: a blog post with editorial links,
a forum thread with ``rel="ugc"`` links, a Facebook post linking through the
``l.facebook.com`` redirector, a Pinterest pin, a YouTube video whose
description links through ``youtube.com/redirect``, a sponsored review, a
directory page with ``<meta name="robots" content="nofollow">`` and a press
release served with ``X-Robots-Tag: nofollow``.  Sites that are not social
platforms use reserved domains (``example.com`` is the audited site).
``manifest.json`` gives each file's page URL, its headers and illustrative
source metrics and engagement (invented numbers, not measurements).

>>> samples = load_samples()
>>> samples.target, len(samples.samples)
('example.com', 8)
>>> samples.samples[0].file, samples.samples[0].url
('blog-post.html', 'https://blog.example.org/2024/05/sourdough-starter-guide')
"""

from __future__ import annotations

import functools
import json
from datetime import datetime
from importlib import resources
from typing import Any

import attrs

from .._validate import instance_of, items_of, optional, pairs_of, text, to_pairs, to_tuple
from ..errors import InvalidValueError
from ..extract import extract_links
from ..page import Page
from ..scoring import Engagement, SourceMetrics, parse_datetime

__all__ = ["Sample", "SampleSet", "load_samples"]


_str = text()


@attrs.frozen(slots=True)
class Sample:
    """One sample page and what the manifest says about it."""

    #: File name inside ``backlinkkit/samples``.
    file: str = attrs.field(validator=_str)
    #: The URL the page is parsed against.
    url: str = attrs.field(validator=_str)
    #: What kind of page it is.
    kind: str = attrs.field(validator=_str)
    #: HTTP response headers served with it (``X-Robots-Tag`` ...).
    headers: tuple[tuple[str, str], ...] = attrs.field(
        converter=to_pairs, validator=pairs_of(str, str)
    )
    #: Illustrative metrics of the linking site.
    source: SourceMetrics | None = attrs.field(validator=optional(instance_of(SourceMetrics)))
    #: Illustrative engagement of the page (a social post).
    engagement: Engagement | None = attrs.field(validator=optional(instance_of(Engagement)))

    def read_bytes(self) -> bytes:
        """The page's bytes, read from the installed package."""
        return resources.files(__name__).joinpath(self.file).read_bytes()

    def extract(self, **kwargs: Any) -> Page:
        """The page's links (keyword arguments go to :func:`~backlinkkit.extract_links`)."""
        return extract_links(self.read_bytes(), self.url, headers=self.headers, **kwargs)


@attrs.frozen(slots=True)
class SampleSet:
    """The bundled samples: pages, their metrics, the audited site and the demo's clock."""

    #: The site the demo audits.
    target: str = attrs.field(validator=_str)
    #: The time post ages are measured at (fixed, so the demo's output does not change).
    now: datetime = attrs.field(validator=instance_of(datetime))
    #: The samples, in manifest order.
    samples: tuple[Sample, ...] = attrs.field(converter=to_tuple, validator=items_of(Sample))

    def pages(self) -> tuple[Page, ...]:
        """Every sample page, extracted."""
        return tuple(sample.extract() for sample in self.samples)

    def sources(self) -> dict[str, SourceMetrics]:
        """Source metrics by page URL (for :func:`~backlinkkit.audit.audit`)."""
        return {s.url: s.source for s in self.samples if s.source is not None}

    def engagement(self) -> dict[str, Engagement]:
        """Engagement by page URL (for :func:`~backlinkkit.audit.audit`)."""
        return {s.url: s.engagement for s in self.samples if s.engagement is not None}


@functools.cache
def load_samples() -> SampleSet:
    """Read ``manifest.json`` (once; the result is immutable)."""
    text = resources.files(__name__).joinpath("manifest.json").read_text("utf-8")
    data = json.loads(text)
    try:
        samples = tuple(
            Sample(
                file=entry["file"],
                url=entry["url"],
                kind=entry["kind"],
                headers=entry.get("headers", {}),
                source=SourceMetrics.from_record(entry["source"]) if "source" in entry else None,
                engagement=(
                    Engagement.from_record(entry["engagement"]) if "engagement" in entry else None
                ),
            )
            for entry in data["pages"]
        )
        now = parse_datetime("manifest", "now", data["now"])
        target = data["target"]
    except KeyError as exc:
        raise InvalidValueError(f"samples/manifest.json: missing field {exc}") from None
    if now is None:
        raise InvalidValueError("samples/manifest.json: 'now' is empty")
    return SampleSet(target=target, now=now, samples=samples)
