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

from .anchors import AnchorDistribution, classify_anchor
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
from .audit import (
    Backlink,
    BacklinkProfile,
    ProfileCoverage,
    ProfileSummary,
    ReferralCredit,
    UnmatchedReferral,
    audit,
)
from .batch import ExtractionError, PageInput, extract_many
from .candidates import (
    DisavowCandidates,
    DisavowRule,
    spam_score_rule,
    unqualified_sponsored_rule,
)
from .decayfit import HalfLifeFit, fit_half_life
from .diff import ProfileDiff, diff
from .disavow import Disavow, disavow_file, read_disavow
from .encoding import decode_html
from .errors import (
    BacklinkkitError,
    InputFormatError,
    InvalidInputError,
    InvalidURLError,
    InvalidValueError,
    MissingDependencyError,
    RegistryDataError,
)
from .expected import ExpectedLink
from .exports import ExportedBacklink, ExportedBacklinks, ExportFormatError, read_export
from .extract import extract_links
from .gap import LinkGap, link_gap
from .graph import GraphRank, link_graph_pagerank
from .page import Link, LinkElement, Page
from .profiles import ClaimedProfile, find_claimed_profiles
from .ranks import CCRanks, read_cc_ranks
from .records import Records, extract_records
from .referrals import Referral, Referrals, read_referrals
from .rel import Rel, parse_rel
from .robots import RobotsDirectives, parse_robots
from .samples import load_samples
from .scoring import (
    Amounts,
    Coverage,
    Engagement,
    LinkValue,
    PlatformParams,
    ScoringModel,
    SocialValue,
    SourceMetrics,
)
from .social import (
    OutboundRel,
    PathRule,
    Platform,
    Redirector,
    SocialMatch,
    SocialRegistry,
    default_registry,
)
from .urls import link_relation, registrable_domain, resolve_url
from .verify import Verification, verify

__version__ = "0.1.0.dev0"

__all__ = [
    "Amounts",
    "AnchorDistribution",
    "ArchiveFormatError",
    "ArchiveIssue",
    "ArchivedPage",
    "Backlink",
    "BacklinkProfile",
    "BacklinkkitError",
    "CCRanks",
    "ClaimedProfile",
    "Coverage",
    "Disavow",
    "DisavowCandidates",
    "DisavowRule",
    "Engagement",
    "ExpectedLink",
    "ExportFormatError",
    "ExportedBacklink",
    "ExportedBacklinks",
    "ExtractionError",
    "GraphRank",
    "HalfLifeFit",
    "InputFormatError",
    "InvalidInputError",
    "InvalidURLError",
    "InvalidValueError",
    "Link",
    "LinkElement",
    "LinkGap",
    "LinkValue",
    "MissingDependencyError",
    "OutboundRel",
    "Page",
    "PageInput",
    "PathRule",
    "Platform",
    "PlatformParams",
    "ProfileCoverage",
    "ProfileDiff",
    "ProfileSummary",
    "Records",
    "Redirector",
    "Referral",
    "ReferralCredit",
    "Referrals",
    "RegistryDataError",
    "Rel",
    "RobotsDirectives",
    "ScoringModel",
    "SocialMatch",
    "SocialRegistry",
    "SocialValue",
    "SourceMetrics",
    "UnmatchedReferral",
    "Verification",
    "WarcReader",
    "WarcStats",
    "WatLink",
    "WatPage",
    "WatReader",
    "__version__",
    "audit",
    "classify_anchor",
    "decode_html",
    "default_registry",
    "diff",
    "disavow_file",
    "extract_links",
    "extract_many",
    "extract_records",
    "find_claimed_profiles",
    "fit_half_life",
    "link_gap",
    "link_graph_pagerank",
    "link_relation",
    "load_samples",
    "parse_rel",
    "parse_robots",
    "read_cc_ranks",
    "read_disavow",
    "read_export",
    "read_referrals",
    "read_warc",
    "read_wat",
    "registrable_domain",
    "resolve_url",
    "spam_score_rule",
    "unqualified_sponsored_rule",
    "verify",
]
