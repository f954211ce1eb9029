"""backlinkkit.errors: one base class, each subclass also the fitting built-in — and the
error contract of docs/errors.md held by every public value class and function.

The contract (docs/errors.md): a wrong type raises :class:`InvalidInputError`, a wrong
value :class:`InvalidValueError`, both :class:`BacklinkkitError`, and the message names
``Owner.field`` (attrs fields) or ``argument`` (function arguments).  The value classes
are discovered from the public modules' ``__all__`` (``attrs.has``), so a new class
cannot escape; each needs a factory below.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import math
import pkgutil
import types
import typing
import warnings
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import backlinkkit
import backlinkkit.extract
import backlinkkit.language
from backlinkkit import errors
from backlinkkit.errors import BacklinkkitError, InvalidInputError, InvalidValueError
from backlinkkit.samples import SampleSet


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errors.InvalidInputError, TypeError),
        (errors.InvalidValueError, ValueError),
        (errors.InvalidURLError, ValueError),
        (errors.RegistryDataError, ValueError),
        (errors.MissingDependencyError, ImportError),
    ],
)
def test_each_error_is_a_backlinkkit_error_and_a_builtin(
    cls: type[Exception], builtin: type[Exception]
) -> None:
    assert issubclass(cls, errors.BacklinkkitError)
    assert issubclass(cls, builtin)
    with pytest.raises(builtin):
        raise cls("x")


def test_public_names_are_exported() -> None:
    for name in errors.__all__:
        assert getattr(backlinkkit, name) is getattr(errors, name)


# --- every public value class -------------------------------------------------------------


def _public_modules() -> list[Any]:
    """``backlinkkit`` and every public module and subpackage module under it."""
    found = [backlinkkit]
    stack = [backlinkkit]
    while stack:
        package = stack.pop()
        for info in pkgutil.iter_modules(package.__path__):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            found.append(module)
            if info.ispkg:
                stack.append(module)
    return found


def _public_classes() -> list[type]:
    classes: dict[type, None] = {}
    for module in _public_modules():
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if isinstance(value, type) and attrs.has(value):
                classes.setdefault(value)
    return sorted(classes, key=lambda c: (c.__module__, c.__qualname__))


PUBLIC_CLASSES = _public_classes()
NOW = datetime(2024, 6, 1, 12, tzinfo=timezone.utc)


@functools.cache
def _samples() -> SampleSet:
    return backlinkkit.load_samples()


@functools.cache
def _pages() -> tuple[backlinkkit.Page, ...]:
    return _samples().pages()


@functools.cache
def _profile() -> backlinkkit.BacklinkProfile:
    samples = _samples()
    return backlinkkit.audit(
        _pages(),
        samples.target,
        sources=samples.sources(),
        engagement=samples.engagement(),
        now=samples.now,
    )


@functools.cache
def _measured() -> backlinkkit.BacklinkProfile:
    """The samples' audit with the GA4 sample's referrals (docs/walkthrough.md §7)."""
    from backlinkkit.referrals import sample_path

    samples = _samples()
    return backlinkkit.audit(
        _pages(),
        samples.target,
        sources=samples.sources(),
        engagement=samples.engagement(),
        now=samples.now,
        referrals=backlinkkit.read_referrals(sample_path("ga4"), base_url="https://example.com/"),
    )


@functools.cache
def _candidates() -> backlinkkit.DisavowCandidates:
    """The samples' disavow candidates by Spam Score (docs/workflow.md §8)."""
    return _profile().disavow_candidates(rules=[backlinkkit.spam_score_rule(30)])


def _social_backlink() -> backlinkkit.Backlink:
    return next(b for b in _profile().backlinks if b.value.social.delivered.visits is not None)


@functools.cache
def _export() -> backlinkkit.ExportedBacklinks:
    from backlinkkit.exports import sample_exports

    return backlinkkit.read_export(next(iter(sample_exports().values())))


def _metric() -> Any:
    return next(m for row in _export().rows for m in row.metrics.values())


@functools.cache
def _referrals() -> backlinkkit.Referrals:
    from backlinkkit.referrals import sample_path

    return backlinkkit.read_referrals(sample_path())


@functools.cache
def _ranks() -> backlinkkit.CCRanks:
    from backlinkkit.ranks import sample_path

    return backlinkkit.read_cc_ranks(sample_path())


@functools.cache
def _disavow() -> backlinkkit.Disavow:
    return backlinkkit.read_disavow("# note\ndomain:spam.example\nhttps://x.example/a\nwhat\n")


@functools.cache
def _fit() -> backlinkkit.HalfLifeFit:
    clicks = [NOW + timedelta(hours=h) for h in (1, 2, 3, 5, 8, 13, 21, 34, 55, 89)]
    return backlinkkit.fit_half_life(clicks, posted_at=NOW)


@functools.cache
def _graph() -> backlinkkit.GraphRank:
    return backlinkkit.link_graph_pagerank(_pages())


def _registry() -> backlinkkit.SocialRegistry:
    return backlinkkit.default_registry()


def _platform(key: str = "facebook") -> backlinkkit.Platform:
    return next(p for p in _registry().platforms if p.key == key)


def _model() -> backlinkkit.ScoringModel:
    return backlinkkit.ScoringModel()


def _page() -> backlinkkit.Page:
    return next(p for p in _pages() if p.robots.rules and p.link_elements)


def _row_error() -> Any:
    from backlinkkit._tables.records import RowError

    return RowError(file="f.csv", line=2, column="sessions", message="not a number")


def _link_value() -> Any:
    return _social_backlink().value


def _sample_rows(name: str) -> list[dict[str, Any]]:
    """A bundled workflow CSV as rows, the flags as booleans (as docs/workflow.md reads it)."""
    import csv
    from importlib import resources

    text = resources.files("backlinkkit.samples").joinpath(name).read_text("utf-8")
    rows: list[dict[str, Any]] = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        for flag in ("nofollow", "ugc", "sponsored"):
            if flag in row:
                row[flag] = row[flag] == "true"
    return rows


@functools.cache
def _verification() -> backlinkkit.Verification:
    return backlinkkit.verify(_sample_rows("workflow-last-month.csv"), _pages())


@functools.cache
def _diff() -> backlinkkit.ProfileDiff:
    now = _samples().now.date()
    return backlinkkit.diff(
        _sample_rows("workflow-last-month.csv"),
        _profile(),
        old_date=now.replace(month=5),
        new_date=now,
    )


@functools.cache
def _gap() -> backlinkkit.LinkGap:
    rivals: dict[str, list[dict[str, Any]]] = {}
    for row in _sample_rows("workflow-competitors.csv"):
        rivals.setdefault(row["competitor"], []).append(row)
    return backlinkkit.link_gap(_profile(), rivals)


@functools.cache
def _anchors() -> backlinkkit.AnchorDistribution:
    return _profile().anchors(brand="Example", keywords=["sourdough starter", "sourdough recipe"])


@functools.cache
def _share() -> Any:
    post = backlinkkit.extract_links(
        '<a href="https://twitter.com/intent/tweet?url=https://blog.example.org/">Tweet</a>',
        "https://blog.example.org/",
    )
    return backlinkkit.audit([post], "twitter.com").shares[0]


@functools.cache
def _warc() -> Any:
    """A reader of a WARC written by tests/warcs.py (pages, issues and stats), read through."""
    from .warcs import write_warc

    out = io.BytesIO()
    pages = [(s.url, s.read_bytes()) for s in _samples().samples[:6]]
    write_warc(out, pages)
    reader = backlinkkit.read_warc(io.BytesIO(out.getvalue()))
    return reader, list(reader)


@functools.cache
def _wat() -> Any:
    from .warcs import write_wat

    out = io.BytesIO()
    write_wat(out)
    return list(backlinkkit.read_wat(io.BytesIO(out.getvalue())))


def _wat_link() -> Any:
    return next(link for page in _wat() for link in page.links if link.social is not None)


#: One factory per public value class: a valid instance, as the library builds it.
FACTORIES: dict[str, Callable[[], Any]] = {
    "backlinkkit.anchors.AnchorCount": lambda: next(c for c in _anchors().categories if c.examples),
    "backlinkkit.anchors.AnchorDistribution": _anchors,
    "backlinkkit.anchors.AnchorText": lambda: _anchors().anchors[0],
    "backlinkkit.archives.ArchiveIssue": lambda: _warc()[0].issues[0],
    "backlinkkit.archives.ArchivedPage": lambda: next(p for p in _warc()[1] if p.status),
    "backlinkkit.archives.WarcStats": lambda: _warc()[0].stats,
    "backlinkkit.archives.WatLink": _wat_link,
    "backlinkkit.archives.WatPage": lambda: next(p for p in _wat() if p.links),
    "backlinkkit.audit.ShareLink": _share,
    "backlinkkit.audit.Backlink": lambda: _profile().backlinks[0],
    "backlinkkit.audit.BacklinkProfile": _profile,
    "backlinkkit.audit.DomainTotals": lambda: _profile().domains()[0],
    "backlinkkit.audit.ProfileSummary": lambda: _profile().summary,
    "backlinkkit.audit.ProfileCoverage": lambda: _measured().summary.coverage,
    "backlinkkit.audit.ReferralCredit": lambda: _measured().summary.referrals,
    "backlinkkit.audit.UnmatchedReferral": lambda: _measured().unmatched_referrals[0],
    "backlinkkit.candidates.DisavowCandidate": lambda: _candidates().entries[0],
    "backlinkkit.candidates.DisavowCandidates": _candidates,
    "backlinkkit.candidates.DisavowRule": lambda: _candidates().rules[0],
    "backlinkkit.batch.ExtractionError": lambda: next(
        iter(backlinkkit.extract_many([(b"<a href=x>", "not a url")]))
    ),
    "backlinkkit.batch.PageInput": lambda: backlinkkit.PageInput(
        "<a href=x>x</a>", "https://example.com/", headers={"X-Robots-Tag": "noindex"}
    ),
    "backlinkkit.decayfit.HalfLifeFit": _fit,
    "backlinkkit.decayfit.ShapeFit": lambda: _fit().power_law,
    "backlinkkit.diff.LinkChange": lambda: next(c for c in _diff().changed if c.old_anchor),
    "backlinkkit.diff.ProfileDiff": _diff,
    "backlinkkit.diff.Velocity": lambda: _diff().velocity[0],
    "backlinkkit.expected.ExpectedLink": lambda: _verification().links[0].expected,
    "backlinkkit.gap.GapDomain": lambda: next(d for d in _gap().domains if d.authority),
    "backlinkkit.gap.LinkGap": _gap,
    "backlinkkit.disavow.Disavow": _disavow,
    "backlinkkit.disavow.DisavowEntry": lambda: _disavow().entries[0],
    "backlinkkit.disavow.DisavowError": lambda: _disavow().errors[0],
    "backlinkkit.exports.ExportFile": lambda: _export().files[0],
    "backlinkkit.exports.ExportRowError": lambda: backlinkkit.read_export(
        io.StringIO(
            "Referring page URL,Target URL,Domain rating\nhttps://a.example/,https://b.example/,x\n"
        )
    ).errors[0],
    "backlinkkit.exports.ExportedBacklink": lambda: _export().rows[0],
    "backlinkkit.exports.ExportedBacklinks": _export,
    "backlinkkit.exports.Metric": _metric,
    "backlinkkit.exports.MetricInfo": lambda: _metric().info,
    "backlinkkit.graph.GraphLink": lambda: _graph().links[0],
    "backlinkkit.graph.GraphRank": _graph,
    "backlinkkit.page.Link": lambda: _page().links[0],
    "backlinkkit.page.LinkElement": lambda: _page().link_elements[0],
    "backlinkkit.page.Page": _page,
    "backlinkkit.records.Records": lambda: backlinkkit.extract_records(
        TEXT, "https://example.com/"
    ),
    "backlinkkit.profiles.ClaimedProfile": lambda: next(
        c for p in _pages() for c in p.claimed_profiles if c.match is not None
    ),
    "backlinkkit.ranks.CCRank": lambda: _ranks().entries[0],
    "backlinkkit.ranks.CCRanks": _ranks,
    "backlinkkit._tables.records.RowError": _row_error,
    "backlinkkit.referrals.Referral": lambda: next(
        r for r in _referrals().rows if r.engaged_sessions is not None
    ),
    "backlinkkit.referrals.ReferralTotals": lambda: _referrals().totals(),
    "backlinkkit.referrals.Referrals": _referrals,
    "backlinkkit.rel.Rel": lambda: backlinkkit.parse_rel("nofollow ugc"),
    "backlinkkit.robots.RobotsDirectives": lambda: backlinkkit.parse_robots(
        [("robots", "noindex, max-snippet:10, max-image-preview:large, max-video-preview:5")]
    ),
    "backlinkkit.samples.Sample": lambda: _samples().samples[0],
    "backlinkkit.samples.SampleSet": _samples,
    "backlinkkit.scoring.authority.MetricScale": lambda: _model().metrics[0],
    "backlinkkit.scoring.inputs.Engagement": lambda: backlinkkit.Engagement(
        likes=1, shares=2, comments=3, clicks=4, impressions=5, followers=6, posted_at=NOW
    ),
    "backlinkkit.scoring.inputs.SourceMetrics": lambda: backlinkkit.SourceMetrics(
        authority=50,
        open_pagerank=4,
        spam_score=2,
        tier="high",
        relevance=0.5,
        metric="moz-da",
        value=40,
        metrics=(("ahrefs-dr", 30.0),),
    ),
    "backlinkkit.scoring.lifetime.Curve": lambda: _model().platform("x").clicks,
    "backlinkkit.scoring.model.Parameter": lambda: _model().parameters()[0],
    "backlinkkit.scoring.model.ScoringModel": _model,
    "backlinkkit.scoring.platforms.PlatformParams": lambda: _model().platform("x"),
    "backlinkkit.scoring.value.Amounts": lambda: _link_value().social.delivered,
    "backlinkkit.scoring.value.Coverage": lambda: _link_value().coverage,
    "backlinkkit.scoring.value.Decay": lambda: _link_value().decay,
    "backlinkkit.scoring.value.Explanation": lambda: _link_value().explain(),
    "backlinkkit.scoring.value.LinkValue": _link_value,
    "backlinkkit.scoring.value.Scenario": lambda: next(
        b.value.social.remaining.referring_domains
        for b in _profile().backlinks
        if b.value.social.remaining.referring_domains is not None
    ),
    "backlinkkit.scoring.value.SocialValue": lambda: _link_value().social,
    "backlinkkit.scoring.value.Term": lambda: _link_value().factors[0],
    "backlinkkit.social.SocialRegistry": _registry,
    "backlinkkit.social.schema.Example": lambda: _platform().examples[0],
    "backlinkkit.social.schema.OutboundRel": lambda: _platform().outbound_rel,
    "backlinkkit.social.schema.PathRule": lambda: _platform().paths[0],
    "backlinkkit.social.schema.Platform": _platform,
    "backlinkkit.social.schema.Redirector": lambda: _platform().redirectors[0],
    "backlinkkit.verify.Verification": _verification,
    "backlinkkit.verify.VerifiedLink": lambda: _verification().links[0],
    "backlinkkit.social.values.SocialMatch": lambda: next(
        c.match for p in _pages() for c in p.claimed_profiles if c.match is not None
    ),
}

#: Fields that accept any value, with the reason.
ANY_VALUE: dict[str, str] = {
    "Parameter.value": "whatever the model holds: a float, a Literal, a table",
    "Parameter.default": "the documented default, of the same open kind as Parameter.value",
}

#: Numeric fields whose whole range (negative included) is legitimate, with the reason.
UNBOUNDED: dict[str, str] = {
    "ShapeFit.log_likelihood": "a log-likelihood is any real number",
    "ShapeFit.aic": "an AIC is any real number",
}

#: Out-of-range values for fields whose range the type does not show.
OUT_OF_RANGE: dict[str, object] = {
    "SocialMatch.confidence": 1.5,
    "PathRule.confidence": 1.5,
    "Example.confidence": 1.5,
    "ScoringModel.damping": 1.5,
    "SourceMetrics.relevance": 3.0,
    "Engagement.likes": 1.5,
    "Engagement.followers": 0.5,
    "RobotsDirectives.max_snippet": -2,
}


def _key(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _instance(cls: type) -> Any:
    instance = FACTORIES[_key(cls)]()
    assert type(instance) is cls, f"the factory of {_key(cls)} built a {type(instance)}"
    return instance


def _fields(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in attrs.fields(cls) if f.init]


def _cases(kind: str) -> list[Any]:
    """Every field (``kind="type"``), or every field with a range or choices (``"value"``)."""
    cases = []
    for cls in PUBLIC_CLASSES:
        for name, hint in _fields(cls):
            owner = f"{cls.__name__}.{name}"
            if kind == "value" and (owner in ANY_VALUE or _bad_value(owner, hint) is _NONE):
                continue
            cases.append(pytest.param(cls, name, hint, id=owner))
    return cases


def _bad_value(owner: str, hint: Any) -> object:
    """A value of the field's type outside its range, or ``_NONE`` if the type has none."""
    if owner in OUT_OF_RANGE:
        return OUT_OF_RANGE[owner]
    union = typing.get_origin(hint) in (typing.Union, types.UnionType)
    options = [a for a in typing.get_args(hint) if a is not type(None)] if union else [hint]
    for option in options:
        if typing.get_origin(option) is typing.Literal:
            return "\x00not one of them"
    if float in options:
        return math.nan
    if int in options and owner not in UNBOUNDED:
        return -(10**30)
    return _NONE


_NONE = object()
_WRONG_TYPE = object()  # an instance of no field's type (but ``object``)


def test_every_public_value_class_has_a_factory() -> None:
    missing = [_key(c) for c in PUBLIC_CLASSES if _key(c) not in FACTORIES]
    assert not missing, f"add a factory to FACTORIES for {missing}"
    stale = set(FACTORIES) - {_key(c) for c in PUBLIC_CLASSES}
    assert not stale, f"factories of classes no longer public: {stale}"


@pytest.mark.parametrize("cls", PUBLIC_CLASSES, ids=lambda c: c.__name__)
def test_each_factory_builds_a_valid_instance(cls: type) -> None:
    instance = _instance(cls)
    assert attrs.evolve(instance) == instance


def _evolve(instance: Any, name: str, value: object) -> Any:
    return attrs.evolve(instance, **{name.lstrip("_"): value})


@pytest.mark.parametrize(("cls", "name", "hint"), _cases("type"))
def test_a_wrong_typed_field_raises_invalid_input_error(cls: type, name: str, hint: Any) -> None:
    owner = f"{cls.__name__}.{name}"
    if owner in ANY_VALUE:
        _evolve(_instance(cls), name, _WRONG_TYPE)  # accepted, by design
        return
    with pytest.raises(InvalidInputError) as caught:
        _evolve(_instance(cls), name, _WRONG_TYPE)
    assert isinstance(caught.value, BacklinkkitError)
    assert owner in str(caught.value)


@pytest.mark.parametrize(("cls", "name", "hint"), _cases("value"))
def test_an_out_of_range_field_raises_invalid_value_error(cls: type, name: str, hint: Any) -> None:
    owner = f"{cls.__name__}.{name}"
    bad = _bad_value(owner, hint)
    with pytest.raises(InvalidValueError) as caught:
        _evolve(_instance(cls), name, bad)
    assert owner in str(caught.value)


# --- the wrong inputs of issue 12 §6 ------------------------------------------------------


@pytest.mark.parametrize("item", [None, 1, "<html><a href=https://example.com/>x</a>", b"<a>"])
def test_audit_refuses_an_item_that_is_neither_a_page_nor_an_error_record(item: object) -> None:
    with pytest.raises(InvalidInputError, match=r"^pages\[1\]="):
        backlinkkit.audit([_page(), item], "example.com")


def test_audit_still_counts_error_records() -> None:
    failed = next(iter(backlinkkit.extract_many([(b"<a>", "not a url")])))
    assert isinstance(failed, backlinkkit.ExtractionError)
    assert backlinkkit.audit([_page(), failed], "example.com").summary.errors == 1


@pytest.mark.parametrize(
    ("now", "error"),
    [("garbage", InvalidInputError), (datetime(2024, 6, 1), InvalidValueError)],
)
def test_now_is_checked_even_without_engagement(now: object, error: type[Exception]) -> None:
    page = backlinkkit.extract_links('<a href="https://example.com/">x</a>', "https://a.example/")
    model = _model()
    calls: list[Callable[[], object]] = [
        lambda: model.score(page.links[0], page, now=now),  # type: ignore[arg-type]
        lambda: model.score_page(page, now=now),  # type: ignore[arg-type]
        lambda: backlinkkit.audit([page], "example.com", now=now),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(error, match=r"^now="):
            call()


@pytest.mark.parametrize("html", [b"<a href=x>x</a>", "<a href=x>x</a>"])
def test_a_bogus_encoding_label_is_refused_for_bytes_and_for_text(html: str | bytes) -> None:
    with pytest.raises(InvalidValueError, match=r"^encoding='bogus': not a WHATWG encoding label"):
        backlinkkit.extract_links(html, "https://example.com/", encoding="bogus")
    with pytest.raises(InvalidInputError, match=r"^encoding=3:"):
        backlinkkit.extract_links(html, "https://example.com/", encoding=3)  # type: ignore[arg-type]


def test_an_encoding_label_for_bytes_is_the_users_override() -> None:
    # HTML Standard, encoding sniffing algorithm: BOM (step 1), then the user's override
    # (step 2), before the transport layer's charset (step 4) and the prescan (step 5).
    # "latin1" is a label of windows-1252 (Encoding Standard, table of labels).
    url = "https://example.com/"
    declared = b"<meta charset=utf-8><title>\xc3\xa9</title>"
    served = {"Content-Type": "text/html; charset=utf-8"}
    page = backlinkkit.extract_links(declared, url, headers=served, encoding="latin1")
    assert (page.encoding, page.title) == ("windows-1252", "\u00c3\u00a9")
    bom = backlinkkit.extract_links(b"\xef\xbb\xbf" + declared, url, encoding="latin1")
    assert (bom.encoding, bom.title) == ("utf-8", "\u00e9")


@pytest.mark.parametrize(
    "field", ["likes", "shares", "comments", "clicks", "impressions", "followers"]
)
def test_a_count_of_events_is_a_whole_number(field: str) -> None:
    with pytest.raises(InvalidValueError, match=rf"^Engagement\.{field}=1\.5: a count is a whole"):
        backlinkkit.Engagement(**{field: 1.5})  # type: ignore[arg-type]
    whole: dict[str, Any] = {field: 2.0}
    assert getattr(backlinkkit.Engagement(**whole), field) == 2.0


# --- every public function, fuzzed with wrong types and wrong values ----------------------

#: Any value of the wrong type or a wrong value, for any argument.
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.binary(max_size=12),
    st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=6)), max_size=3),
    st.tuples(st.text(max_size=4), st.one_of(st.integers(), st.text(max_size=4))),
    st.dictionaries(
        st.text(max_size=6), st.one_of(st.none(), st.integers(), st.text(max_size=6)), max_size=3
    ),
    st.sampled_from([object(), NOW, timedelta(hours=-1), math.inf, -1, 0, "", " "]),
)

EXPORT_CSV = (
    "Referring page URL,Target URL,Domain rating\nhttps://a.example/,https://b.example/,40\n"
)
TEXT = '<a href="https://example.com/x" rel=nofollow>x</a><a href=/y>y</a>'


def _link_and_page() -> tuple[backlinkkit.Link, backlinkkit.Page]:
    page = backlinkkit.extract_links(TEXT, "https://blog.example.org/")
    return page.links[0], page


def _call(function: Callable[..., object]) -> Callable[..., object]:
    """*function*, with a generator result drained (extract_many is lazy)."""

    def call(**arguments: object) -> object:
        result = function(**arguments)
        return list(result) if isinstance(result, typing.Generator) else result

    return call


def _referrals_path() -> Any:
    from backlinkkit.referrals import sample_path

    return sample_path()


def _ranks_path() -> Any:
    from backlinkkit.ranks import sample_path

    return sample_path()


#: name -> (the call, a factory of each argument's valid value, arguments that may name a
#: file: there a string is a path, and a missing file raises OSError as documented).
FUZZED: dict[str, tuple[Callable[..., object], dict[str, Callable[[], object]], frozenset[str]]]
FUZZED = {
    "extract_records": (
        _call(backlinkkit.extract_records),
        {
            "html": lambda: TEXT,
            "url": lambda: "https://example.com/",
            "headers": lambda: {"X-Robots-Tag": "noindex"},
            "agent": lambda: "googlebot",
            "encoding": lambda: "utf-8",
            "backend": lambda: "html5lib",
            "registry": _registry,
            "extractor": lambda: None,
            "status": lambda: 301,
        },
        frozenset(),
    ),
    "extract_links": (
        _call(backlinkkit.extract_links),
        {
            "html": lambda: TEXT,
            "url": lambda: "https://example.com/",
            "headers": lambda: {"X-Robots-Tag": "noindex"},
            "agent": lambda: "googlebot",
            "encoding": lambda: "utf-8",
            "backend": lambda: "html5lib",
            "registry": _registry,
            "extractor": lambda: None,
            "status": lambda: 301,
        },
        frozenset(),
    ),
    "extract_many": (
        _call(backlinkkit.extract_many),
        {
            "items": lambda: [(TEXT, "https://example.com/")],
            "workers": lambda: 1,
            "backend": lambda: "html5lib",
            "agent": lambda: "googlebot",
            "registry": _registry,
            "chunksize": lambda: 4,
            "window": lambda: None,
            "progress": lambda: False,
            "total": lambda: None,
        },
        frozenset(),
    ),
    "audit": (
        _call(backlinkkit.audit),
        {
            "pages": lambda: [_link_and_page()[1]],
            "target": lambda: "example.com",
            "model": _model,
            "sources": lambda: {"blog.example.org": backlinkkit.SourceMetrics(authority=40)},
            "engagement": lambda: {"https://blog.example.org/": backlinkkit.Engagement(likes=3)},
            "now": lambda: NOW,
            "extractor": lambda: None,
            "referrals": _referrals,
            "disavow": _disavow,
        },
        frozenset(),
    ),
    "parse_rel": (_call(backlinkkit.parse_rel), {"value": lambda: "nofollow"}, frozenset()),
    "parse_robots": (
        _call(backlinkkit.parse_robots),
        {
            "metas": lambda: [("robots", "noindex")],
            "headers": lambda: [("x-robots-tag", "nofollow")],
            "agent": lambda: "googlebot",
        },
        frozenset(),
    ),
    "resolve_url": (
        _call(backlinkkit.resolve_url),
        {"href": lambda: "/a", "base": lambda: "https://example.com/", "encoding": lambda: "utf-8"},
        frozenset(),
    ),
    "registrable_domain": (
        _call(backlinkkit.registrable_domain),
        {"host": lambda: "www.example.com", "extractor": lambda: None},
        frozenset(),
    ),
    "link_relation": (
        _call(backlinkkit.link_relation),
        {
            "url": lambda: "https://a.example.com/",
            "page_url": lambda: "https://example.com/",
            "extractor": lambda: None,
        },
        frozenset(),
    ),
    "decode_html": (
        _call(backlinkkit.decode_html),
        {"data": lambda: b"<meta charset=utf-8>", "headers": lambda: {"Content-Type": "text/html"}},
        frozenset(),
    ),
    "find_claimed_profiles": (
        _call(backlinkkit.find_claimed_profiles),
        {
            "json_ld": lambda: ['{"sameAs": ["https://twitter.com/example"]}'],
            "rel_me": lambda: ["https://github.com/example"],
            "metas": lambda: [("twitter:site", "@example")],
            "registry": _registry,
            "base_url": lambda: "https://example.com/",
        },
        frozenset(),
    ),
    "read_export": (
        _call(backlinkkit.read_export),
        {"path_or_file": lambda: io.StringIO(EXPORT_CSV), "vendor": lambda: None},
        frozenset({"path_or_file"}),
    ),
    "read_referrals": (
        _call(backlinkkit.read_referrals),
        {
            "path_or_rows": _referrals_path,
            "registry": _registry,
            "base_url": lambda: "https://example.com/",
        },
        frozenset({"path_or_rows"}),
    ),
    "read_cc_ranks": (
        _call(backlinkkit.read_cc_ranks),
        {"path_or_stream": _ranks_path, "domains": lambda: ["example.com"], "size": lambda: None},
        frozenset({"path_or_stream"}),
    ),
    "read_disavow": (
        _call(backlinkkit.read_disavow),
        {"text_or_path": lambda: "domain:spam.example\n"},
        frozenset(),
    ),
    "disavow_file": (
        _call(backlinkkit.disavow_file),
        {
            "domains": lambda: ["spam.example"],
            "urls": lambda: ["https://x.example/a"],
            "reasons": lambda: "spam",
            "existing": lambda: None,
        },
        frozenset(),
    ),
    "fit_half_life": (
        _call(backlinkkit.fit_half_life),
        {
            "timestamps_or_counts": lambda: [NOW + timedelta(hours=h) for h in (1, 2, 4, 8)],
            "posted_at": lambda: NOW,
            "until": lambda: None,
            "bin": lambda: None,
        },
        frozenset(),
    ),
    "link_graph_pagerank": (
        _call(backlinkkit.link_graph_pagerank),
        {
            "pages": lambda: [_link_and_page()[1]],
            "damping": lambda: 0.85,
            "tol": lambda: 1e-10,
            "nofollow": lambda: "evaporate",
            "repeats": lambda: "sink",
        },
        frozenset(),
    ),
    "ScoringModel.score": (
        _call(_model().score),
        {
            "link": lambda: _link_and_page()[0],
            "page": lambda: _link_and_page()[1],
            "source": lambda: backlinkkit.SourceMetrics(authority=40),
            "engagement": lambda: backlinkkit.Engagement(likes=3, posted_at=NOW),
            "now": lambda: NOW + timedelta(days=1),
            "platform": lambda: None,
            "clicks": lambda: {"https://example.com/x": 3},
        },
        frozenset(),
    ),
    "ScoringModel.score_page": (
        _call(_model().score_page),
        {
            "page": lambda: _link_and_page()[1],
            "source": lambda: None,
            "engagement": lambda: backlinkkit.Engagement(likes=3, posted_at=NOW),
            "now": lambda: NOW + timedelta(days=1),
            "platform": lambda: "x",
            "links": lambda: None,
            "clicks": lambda: None,
        },
        frozenset(),
    ),
    "ScoringModel.platform": (_call(_model().platform), {"key": lambda: "x"}, frozenset()),
    "ScoringModel.page_params": (
        _call(_model().page_params),
        {"page": lambda: _link_and_page()[1]},
        frozenset(),
    ),
    "SocialRegistry.match": (
        _call(_registry().match),
        {"url": lambda: "https://twitter.com/example"},
        frozenset(),
    ),
    "SocialRegistry.unwrap": (
        _call(_registry().unwrap),
        {"url": lambda: "https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2F"},
        frozenset(),
    ),
    "SocialRegistry.landing": (
        _call(_registry().landing),
        {"url": lambda: "https://www.google.com/url?q=https://example.com/"},
        frozenset(),
    ),
}


def _drain(function: Callable[..., Any]) -> Callable[..., object]:
    """*function*, with the reader it returns read through (pages, then stats)."""

    def call(**arguments: object) -> object:
        reader = function(**arguments)
        return list(reader), reader.stats

    return call


def _warc_bytes() -> io.BytesIO:
    from .warcs import write_warc

    out = io.BytesIO()
    write_warc(out, [("https://blog.example.org/", TEXT.encode("utf-8"))], extras=False)
    return io.BytesIO(out.getvalue())


def _wat_bytes() -> io.BytesIO:
    from .warcs import write_wat

    out = io.BytesIO()
    write_wat(out)
    return io.BytesIO(out.getvalue())


FUZZED.update(
    {
        "classify_anchor": (
            _call(backlinkkit.classify_anchor),
            {
                "anchor": lambda: "Example Bakery's guide",
                "anchor_source": lambda: "text",
                "brand": lambda: "example bakery",
                "keywords": lambda: ["sourdough starter"],
                "generic": lambda: ["tap here"],
                "has_image": lambda: True,
                "language": lambda: "de-AT",
            },
            frozenset(),
        ),
        "page_language": (
            _call(backlinkkit.language.page_language),
            {
                "lang": lambda: None,
                "pragmas": lambda: ["de", "fr, en"],
                "header": lambda: "es",
            },
            frozenset(),
        ),
        "pragma_language": (
            _call(backlinkkit.language.pragma_language),
            {"content": lambda: " de-CH "},
            frozenset(),
        ),
        "primary_language": (
            _call(backlinkkit.language.primary_language),
            {"tag": lambda: "de-CH"},
            frozenset(),
        ),
        "check_status": (
            _call(backlinkkit.extract.check_status),
            {"status": lambda: 404},
            frozenset(),
        ),
        "anchor_distribution": (
            _call(backlinkkit.anchors.anchor_distribution),
            {
                "backlinks": lambda: _profile().backlinks[:3],
                "brand": lambda: "Example",
                "keywords": lambda: "sourdough",
                "generic": lambda: None,
            },
            frozenset(),
        ),
        "expected_links": (
            _call(backlinkkit.expected.expected_links),
            {
                "items": lambda: [("https://blog.example.org/", "https://example.com/x")],
                "field": lambda: "expected",
            },
            frozenset(),
        ),
        "url_key": (
            _call(backlinkkit.expected.url_key),
            {"url": lambda: "https://Example.com/a/?utm_source=x#top"},
            frozenset(),
        ),
        "verify": (
            _call(backlinkkit.verify),
            {
                "expected": lambda: [("https://blog.example.org/", "https://example.com/x")],
                "pages": lambda: [_link_and_page()[1]],
                "targets": lambda: ["example.com"],
            },
            frozenset(),
        ),
        "diff": (
            _call(backlinkkit.diff),
            {
                "old": lambda: [("https://blog.example.org/", "https://example.com/y")],
                "new": lambda: backlinkkit.audit([_link_and_page()[1]], "example.com"),
                "old_date": lambda: NOW.date() - timedelta(days=30),
                "new_date": lambda: NOW.date(),
            },
            frozenset(),
        ),
        "link_gap": (
            _call(backlinkkit.link_gap),
            {
                "own": lambda: backlinkkit.audit([_link_and_page()[1]], "example.com"),
                "competitors": lambda: {
                    "rival": [("https://news.example.net/a", "https://rival.example/")]
                },
                "authority": lambda: {"example.net": 40},
                "min_competitors": lambda: 1,
            },
            frozenset(),
        ),
        "spam_score_rule": (
            _call(backlinkkit.spam_score_rule),
            {"minimum": lambda: 30},
            frozenset(),
        ),
        "unqualified_sponsored_rule": (
            _call(backlinkkit.unqualified_sponsored_rule),
            {"words": lambda: ["our sponsor", "advertisement"]},
            frozenset(),
        ),
        "disavow_candidates": (
            _call(backlinkkit.candidates.disavow_candidates),
            {"profile": _profile, "rules": lambda: [backlinkkit.spam_score_rule(30)]},
            frozenset(),
        ),
        "BacklinkProfile.disavow_candidates": (
            _call(_profile().disavow_candidates),
            {"rules": lambda: [backlinkkit.spam_score_rule(30)]},
            frozenset(),
        ),
        "DisavowCandidates.to_disavow_file": (
            _call(_candidates().to_disavow_file),
            {"existing": _disavow},
            frozenset(),
        ),
        "read_warc": (
            _drain(backlinkkit.read_warc),
            {
                "source": _warc_bytes,
                "engine": lambda: "auto",
                "max_content": lambda: 1 << 20,
            },
            frozenset({"source"}),
        ),
        "read_wat": (
            _drain(backlinkkit.read_wat),
            {
                "source": _wat_bytes,
                "engine": lambda: "auto",
                "agent": lambda: "googlebot",
                "registry": _registry,
                "extractor": lambda: None,
                "max_content": lambda: 1 << 20,
            },
            frozenset({"source"}),
        ),
    }
)


def _public_of_modules() -> None:
    """The public functions of the public modules that read user input, fuzzed too."""
    from backlinkkit import headers, ranks, referrals, scoring, urls
    from backlinkkit.exports import ExportedBacklink
    from backlinkkit.social import schema

    record = {"page": "https://x.com/a/1", "likes": "12", "posted_at": "2024-05-31T18:00Z"}
    more: dict[str, tuple[Callable[..., object], dict[str, Callable[[], object]]]] = {
        "scoring.parse_number": (
            scoring.parse_number,
            {"owner": lambda: "Engagement", "name": lambda: "likes", "value": lambda: " 12 "},
        ),
        "scoring.parse_datetime": (
            scoring.parse_datetime,
            {
                "owner": lambda: "x",
                "name": lambda: "posted_at",
                "value": lambda: "2024-05-31T18:00Z",
            },
        ),
        "SourceMetrics.from_record": (
            backlinkkit.SourceMetrics.from_record,
            {"record": lambda: {"authority": "45", "ahrefs-dr": "61"}},
        ),
        "Engagement.from_record": (backlinkkit.Engagement.from_record, {"record": lambda: record}),
        "ExportedBacklink.from_record": (
            ExportedBacklink.from_record,
            {"record": lambda: _export().rows[0].to_record()},
        ),
        "referrals.landing_key": (
            referrals.landing_key,
            {"url": lambda: "https://example.com/a/", "ignore_trailing_slash": lambda: True},
        ),
        "referrals.platform_of_source": (
            referrals.platform_of_source,
            {"source": lambda: "t.co", "registry": _registry},
        ),
        "ranks.authority_from_rank": (
            ranks.authority_from_rank,
            {"position": lambda: 10, "size": lambda: 1000},
        ),
        "urls.query_pairs": (urls.query_pairs, {"query": lambda: "a=1&b=%20"}),
        "urls.percent_decode": (urls.percent_decode, {"text": lambda: "a%20b"}),
        "urls.form_decode": (urls.form_decode, {"text": lambda: "a+b%21"}),
        "urls.parse_absolute_url": (
            urls.parse_absolute_url,
            {"value": lambda: "https://example.com/", "field": lambda: "url"},
        ),
        "urls.parse_target": (
            urls.parse_target,
            {"target": lambda: "example.com", "extractor": lambda: None},
        ),
        "urls.normalize_host": (
            urls.normalize_host,
            {"value": lambda: "WWW.Example.com.", "field": lambda: "host"},
        ),
        "headers.normalize_headers": (
            headers.normalize_headers,
            {"headers": lambda: {"X-Robots-Tag": ["noindex", "nofollow"]}},
        ),
        "headers.x_robots_tag_values": (
            headers.x_robots_tag_values,
            {"headers": lambda: ["noindex", ("X-Robots-Tag", "nofollow")]},
        ),
        "schema.platforms_from_json": (
            schema.platforms_from_json,
            {"text": lambda: "[]", "source": lambda: "<json>"},
        ),
    }
    for name, (function, arguments) in more.items():
        FUZZED[name] = (_call(function), arguments, frozenset())
        HELPERS.add(name)


#: Helpers whose messages name what their caller says (``Owner.field``), not their
#: own arguments: fuzzed for the error classes, not for the names.
HELPERS: set[str] = set()


_public_of_modules()


def _fuzz_cases(*, named: bool = False) -> list[Any]:
    return [
        pytest.param(name, argument, id=f"{name}({argument}=)")
        for name, (_, arguments, _) in FUZZED.items()
        for argument in arguments
        if not (named and name in HELPERS)
    ]


def test_the_fuzzed_calls_succeed_with_their_valid_arguments() -> None:
    for name, (call, arguments, _) in FUZZED.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            call(**{key: make() for key, make in arguments.items()}), name


@pytest.mark.parametrize(("name", "argument"), _fuzz_cases())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=JUNK)
def test_a_wrong_argument_raises_only_documented_errors(
    name: str, argument: str, value: object
) -> None:
    call, arguments, paths = FUZZED[name]
    if argument == "workers" and type(value) is int and value > 1:
        value = -value  # no process pools in a unit test; a count of workers is still checked
    given_arguments = {key: make() for key, make in arguments.items()}
    given_arguments[argument] = value
    allowed: tuple[type[BaseException], ...] = (BacklinkkitError,)
    if argument in paths and isinstance(value, (str, bytes)):
        allowed = (BacklinkkitError, OSError)  # a string names a file (docs/exports.md)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with contextlib.suppress(*allowed):
            call(**given_arguments)


#: Public functions of ``backlinkkit`` that take no user input.
NOT_FUZZED: dict[str, str] = {
    "load_samples": "takes no argument",
    "default_registry": "takes no argument",
}


def test_every_public_function_is_fuzzed() -> None:
    functions = {
        name
        for name in backlinkkit.__all__
        if callable(getattr(backlinkkit, name)) and not isinstance(getattr(backlinkkit, name), type)
    }
    missing = functions - set(FUZZED) - set(NOT_FUZZED)
    assert not missing, f"add these to FUZZED (or NOT_FUZZED, with the reason): {missing}"


@pytest.mark.parametrize(("name", "argument"), _fuzz_cases(named=True))
def test_an_argument_of_no_accepted_type_raises_invalid_input_error_naming_it(
    name: str, argument: str
) -> None:
    call, arguments, _ = FUZZED[name]
    given_arguments = {key: make() for key, make in arguments.items()}
    given_arguments[argument] = _WRONG_TYPE
    with pytest.raises(InvalidInputError) as caught:
        call(**given_arguments)
    named = MESSAGE_NAMES.get(f"{name}({argument}=)", argument)
    assert str(caught.value).startswith(named), str(caught.value)


#: Arguments whose message names them otherwise, with the reason.
MESSAGE_NAMES: dict[str, str] = {
    "parse_rel(value=)": "rel",  # the value of a rel attribute: "rel=3: expected str or None"
    "expected_links(items=)": "expected",  # named by field= (default "expected"), as verify's
}


def test_resolve_url_refuses_a_bogus_encoding_label() -> None:
    with pytest.raises(InvalidValueError, match=r"^encoding='bogus': not a WHATWG encoding label"):
        backlinkkit.resolve_url("/s?q=\u00e9", "https://example.com/", "bogus")
    # "latin1" is a label of windows-1252 (Encoding Standard): é is byte E9
    assert backlinkkit.resolve_url("/s?q=\u00e9", "https://example.com/", "latin1") == (
        "https://example.com/s?q=%E9"
    )
