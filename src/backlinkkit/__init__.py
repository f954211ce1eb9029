"""backlinkkit: does this link count as a backlink, and what is it worth?

Browser-exact link extraction, ``rel`` and robots semantics, a registry of
social platforms, and a link value model that keeps *direct SEO value* and
*indirect social value* apart.

>>> import backlinkkit
>>> page = backlinkkit.extract_links('<a href="/a" rel="nofollow">A</a>', "https://example.com/")
>>> page.links[0].url, page.links[0].followed
('https://example.com/a', False)
"""

from __future__ import annotations

from .archives import (
    ArchivedPage,
    ArchiveFormatError,
    ArchiveIssue,
    WarcReader,
    WarcStats,
    WatLink,
    WatPage,
    WatReader,
    read_warc,
    read_wat,
)
from .audit import Backlink, BacklinkProfile, ProfileSummary, audit
from .batch import ExtractionError, PageInput, extract_many
from .encoding import decode_html
from .errors import (
    BacklinkkitError,
    InvalidInputError,
    InvalidURLError,
    InvalidValueError,
    MissingDependencyError,
    RegistryDataError,
)
from .extract import extract_links
from .page import Link, LinkElement, Page
from .profiles import find_claimed_profiles
from .rel import Rel, parse_rel
from .robots import RobotsDirectives, parse_robots
from .samples import load_samples
from .scoring import Engagement, LinkValue, PlatformParams, ScoringModel, SourceMetrics
from .social import (
    ClaimedProfile,
    OutboundRel,
    PathRule,
    Platform,
    Redirector,
    SocialMatch,
    SocialRegistry,
    default_registry,
)
from .urls import link_relation, registrable_domain, resolve_url

__version__ = "0.1.0.dev0"

__all__ = [
    "ArchiveFormatError",
    "ArchiveIssue",
    "ArchivedPage",
    "Backlink",
    "BacklinkProfile",
    "BacklinkkitError",
    "ClaimedProfile",
    "Engagement",
    "ExtractionError",
    "InvalidInputError",
    "InvalidURLError",
    "InvalidValueError",
    "Link",
    "LinkElement",
    "LinkValue",
    "MissingDependencyError",
    "OutboundRel",
    "Page",
    "PageInput",
    "PathRule",
    "Platform",
    "PlatformParams",
    "ProfileSummary",
    "Redirector",
    "RegistryDataError",
    "Rel",
    "RobotsDirectives",
    "ScoringModel",
    "SocialMatch",
    "SocialRegistry",
    "SourceMetrics",
    "WarcReader",
    "WarcStats",
    "WatLink",
    "WatPage",
    "WatReader",
    "__version__",
    "audit",
    "decode_html",
    "default_registry",
    "extract_links",
    "extract_many",
    "find_claimed_profiles",
    "link_relation",
    "load_samples",
    "parse_rel",
    "parse_robots",
    "read_warc",
    "read_wat",
    "registrable_domain",
    "resolve_url",
]
