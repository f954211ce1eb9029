"""The link value model: every parameter, with its source and grade, and the score.

:class:`ScoringModel` turns a :class:`~backlinkkit.page.Link` of a
:class:`~backlinkkit.page.Page` into a :class:`~backlinkkit.scoring.value.LinkValue`:
the direct factors (source authority, damping, the link's gates and weights,
dilution, spam, tier, relevance) and the social components (traffic,
visibility, proof, discovery, each decayed and weighted by audience fit).
Everything it needs about the registry is on the page and its links
(:attr:`Page.social`, :attr:`Link.landing_url`, :attr:`Link.wrapper`).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Any, Literal

import attrs

from .._format import number as shown_number
from .._validate import (
    field_name,
    items_of,
    number,
    one_of,
    require,
    text,
    to_tuple,
    type_error,
    value_error,
)
from ..errors import InvalidValueError
from ..page import Link, Page
from .inputs import MAX_COUNT, Engagement, SourceMetrics, check_aware
from .platforms import (
    ALIASES,
    DEFAULT_PLATFORMS,
    WEB_LIKE_CATEGORIES,
    PlatformParams,
    default_params,
    platform_citation,
)
from .value import Decay, Grade, LinkValue, Term, weakest

__all__ = ["REGISTRY_DEPRECATION", "DilutionUnit", "Parameter", "ScoringModel"]

DilutionUnit = Literal["links", "domains"]

#: The warning ``registry=`` gives: registry facts are decided at extraction.
REGISTRY_DEPRECATION = (
    "registry= is ignored: registry facts are decided at extraction; "
    "extract again with extract_links(..., registry=...)"
)


@attrs.frozen(slots=True)
class Parameter:
    """One documented model parameter."""

    #: Its name (``"damping"``, ``"platforms.x.half_life_hours"`` ...).
    name: str = attrs.field(validator=text(empty=False))
    #: Its value in this model.
    value: object
    #: Its documented default.
    default: object
    #: Where the default comes from.
    source: str = attrs.field(validator=text(empty=False))
    #: Evidence grade of the default (``set`` when the value differs from it).
    grade: Grade = attrs.field(validator=one_of(Grade))


def _p(default: Any, source: str, grade: Grade, validator: Any) -> Any:
    """A documented model parameter: its default, source and evidence grade."""
    return attrs.field(
        default=default, validator=validator, metadata={"source": source, "grade": grade}
    )


_W = number(0, 1)  # weights of gates and regions: 0..1


def _check_platform_keys(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    name = field_name(instance, attribute)
    keys: set[str] = set()
    for item in value:
        if item.key in keys:
            raise value_error(name, item.key, "platform key given twice")
        keys.add(item.key)
    for needed in ("default", "web"):
        if needed not in keys:
            raise value_error(name, tuple(sorted(keys)), f"needs an entry {needed!r}")


_REL_SOURCE = (
    "Google 2019 hint model ('generally … not consider them for ranking'); "
    "Ahrefs DR ignores them; a non-zero hint weight is folklore"
)

#: The direct gates and weights of one link, by what they depend on (within one call).
_LinkTerms = tuple[tuple[Term, ...], Term]
_Memo = dict[tuple[object, ...], _LinkTerms]

_INTERNAL_RELATIONS = ("internal", "same-site", "same-page")
_REL_QUALIFIERS = ("nofollow", "ugc", "sponsored")
_WEB_SCHEMES = ("http", "https")


@attrs.frozen(slots=True)
class ScoringModel:
    """Every parameter of the two-part link value model, with its source and evidence grade.

    Change a parameter with :func:`attrs.evolve` (or :meth:`with_platform`); the
    model itself never changes:

    >>> model = ScoringModel()
    >>> hinted = attrs.evolve(model, rel_nofollow=0.05)
    >>> model.rel_nofollow, hinted.rel_nofollow
    (0.0, 0.05)
    >>> hinted.citation("rel_nofollow")
    ('set by the caller (default 0.0)', 'set')
    """

    # ---- direct: authority
    #: Scale *s* turning a 0-100 authority score into linear equity units, ``10 ** (score / s)``.
    authority_scale: float = _p(
        20.0,
        "vendors call their 0-100 scores logarithmic but publish no base; "
        "20 spans 5 decades (engineering choice)",
        "F",
        number(1, 1000),
    )
    #: Authority assumed when the source's is unknown (0-100).
    default_authority: float = _p(10.0, "engineering choice: a small site", "F", number(0, 100))
    #: PageRank damping *d*: the share of a page's equity that flows along its links.
    damping: float = _p(
        0.85,
        "Brin & Page 1998 ('we usually set d to 0.85'); Cutts 2009 ('10-15%' decays)",
        "E",
        number(0, 1, lo_open=True),
    )
    # ---- direct: gates
    #: Equity through ``rel="nofollow"`` (0: none; a small value is Google's "hint" model).
    rel_nofollow: float = _p(0.0, _REL_SOURCE, "E", _W)
    #: Equity through ``rel="ugc"``.
    rel_ugc: float = _p(0.0, _REL_SOURCE, "E", _W)
    #: Equity through ``rel="sponsored"``.
    rel_sponsored: float = _p(
        0.0, "Google 2019: paid links must be qualified; Ahrefs DR ignores them", "E", _W
    )
    #: Equity through a page whose robots rules (meta or ``X-Robots-Tag``) say nofollow.
    robots_nofollow: float = _p(
        0.0, "Google robots meta rules: 'nofollow: do not follow the links on this page'", "E", _W
    )
    #: Equity of an internal or same-site link: not a backlink.
    internal: float = _p(
        0.0,
        "leaked AnchorsAnchor.isLocal; Ahrefs DR counts links from other domains only",
        "E",
        _W,
    )
    #: Equity through a platform redirector (``l.facebook.com/l.php?u=…``): the href
    #: points at the platform, not at the target.
    redirect: float = _p(
        0.0, "engineering choice: no documented equity through link shims", "F", _W
    )
    #: Extra equity of a repeated link to the same target on one page (the best one counts).
    duplicate: float = _p(
        0.0,
        "leaked AnchorsAnchor.parallelLinks; Ahrefs: later links from one site add nothing; "
        "'best link counts' is folklore",
        "F",
        _W,
    )
    # ---- direct: region (reasonable surfer)
    #: Weight of a link in the main content.
    region_content: float = _p(1.0, "reasonable-surfer patent US 7,716,225 (qualitative)", "S", _W)
    #: Weight of a link in a comment section (such links should carry rel=ugc).
    region_comment: float = _p(0.3, "folklore (comment links should carry rel=ugc)", "F", _W)
    #: Weight of a link in a sidebar or ``aside``.
    region_aside: float = _p(
        0.4, "reasonable-surfer patent (qualitative); folklore number", "F", _W
    )
    #: Weight of a link in navigation.
    region_nav: float = _p(0.3, "reasonable-surfer patent (qualitative); folklore number", "F", _W)
    #: Weight of a link in the page header.
    region_header: float = _p(
        0.3, "reasonable-surfer patent (qualitative); folklore number", "F", _W
    )
    #: Weight of a link in the page footer.
    region_footer: float = _p(
        0.15,
        "patent ('Terms of Service' example); Google link schemes 2012 (footer links); "
        "folklore number",
        "F",
        _W,
    )
    #: Weight of a link whose region is unknown.
    region_unknown: float = _p(0.7, "engineering choice: a conservative midpoint", "F", _W)
    # ---- direct: dilution
    #: Exponent γ of the split over outbound links, ``1 / N ** γ`` (1 = PageRank).
    dilution_exponent: float = _p(
        1.0,
        "PageRank PR(T)/C(T), Brin & Page 1998; Cutts 2013 ('divided by the number of links')",
        "E",
        number(0, 2),
    )
    #: What *N* counts: ``"links"`` (PageRank: every HTTP(S) link to another page, followed
    #: or not) or ``"domains"`` (Ahrefs DR: distinct external sites linked).
    dilution_unit: DilutionUnit = _p(  # noqa: RUF009
        "links",
        "PageRank splits per link; Cutts 2009: nofollowed links stay in the denominator",
        "E",
        one_of(DilutionUnit),
    )
    # ---- direct: source quality
    #: Spam score (0-100) assumed when the source's is unknown.
    default_spam_score: float = _p(
        0.0, "engineering choice: no evidence of spam", "F", number(0, 100)
    )
    #: Multiplier of a high-quality source tier.
    tier_high: float = _p(1.0, "leaked AnchorsAnchor.sourceType tiers; folklore numbers", "F", _W)
    #: Multiplier of a medium-quality source tier.
    tier_medium: float = _p(0.5, "leaked AnchorsAnchor.sourceType tiers; folklore numbers", "F", _W)
    #: Multiplier of a low-quality source tier.
    tier_low: float = _p(0.1, "leaked AnchorsAnchor.sourceType tiers; folklore numbers", "F", _W)
    # ---- social
    #: The target's audience niche for audience fit: ``"general"`` (no adjustment),
    #: ``"b2b"``, ``"visual"``, or any niche named in the platforms' ``fit``.
    niche: str = _p(
        "general", "engineering choice: no audience-fit adjustment", "F", text(empty=False)
    )
    #: Followers of the account size at which a platform's ``reach`` is quoted.
    audience_reference: float = _p(1000.0, "engineering choice", "F", number(1, MAX_COUNT))
    #: Exponent β of followers → impressions, ``reach * ref * (followers / ref) ** β``.
    audience_exponent: float = _p(
        0.5,
        "per-follower click-through falls as audiences grow (Barefoot 2009; SignUpTo tiers)",
        "F",
        number(0, 1),
    )
    #: Visit-equivalents per impression (brand visibility).
    impression_value: float = _p(0.001, "engineering choice", "F", number(0, 1))
    #: Visit-equivalents per unit of ``log1p`` weighted engagement (social proof).
    proof_value: float = _p(1.0, "engineering choice", "F", number(0, 1e6))
    #: Weight of a like in social proof.
    weight_like: float = _p(
        1.0,
        "X heavy ranker 2023-04-05 ÷ 0.5 (like 0.5, retweet 1, reply 13.5)",
        "E",
        number(0, 1e3),
    )
    #: Weight of a share in social proof.
    weight_share: float = _p(
        2.0,
        "X heavy ranker 2023-04-05 ÷ 0.5 (like 0.5, retweet 1, reply 13.5)",
        "E",
        number(0, 1e3),
    )
    #: Weight of a comment in social proof.
    weight_comment: float = _p(
        27.0,
        "X heavy ranker 2023-04-05 ÷ 0.5 (like 0.5, retweet 1, reply 13.5)",
        "E",
        number(0, 1e3),
    )
    #: Expected new referring domains per share (discovery; near zero by default).
    discovery_per_share: float = _p(
        0.001,
        "BuzzSumo × Moz 2015: shares and links correlate 0.021, most shared posts earn no "
        "links; folklore number",
        "F",
        number(0, 1),
    )
    #: Visit-equivalents of one new referring domain.
    referring_domain_value: float = _p(10.0, "engineering choice", "F", number(0, 1e6))
    #: Per-platform decay, click-through, reach and audience fit.
    platforms: tuple[PlatformParams, ...] = attrs.field(
        default=DEFAULT_PLATFORMS,
        converter=to_tuple,
        validator=[items_of(PlatformParams), _check_platform_keys],
        metadata={"source": "see the platform table", "grade": "F"},
    )

    # ------------------------------------------------------------------ parameters

    def platform(self, key: str | None) -> PlatformParams:
        """The parameters for platform *key* (``None``: ``"web"``; unknown: ``"default"``).

        >>> ScoringModel().platform("twitter").key  # the registry may call X "twitter"
        'x'
        """
        if key is None:
            key = "web"
        by_key = {p.key: p for p in self.platforms}
        found = by_key.get(key) or by_key.get(ALIASES.get(key, ""))
        return found if found is not None else by_key["default"]

    def page_params(self, page: Page) -> PlatformParams:
        """The parameters for the platform *page* is on (:attr:`Page.social`, as extraction
        found it): ``"web"`` off social platforms and for blogging, wiki and developer
        platforms without an entry of their own, ``"default"`` for other platforms
        without one.

        >>> from backlinkkit import extract_links
        >>> on_medium = extract_links("", "https://medium.com/@someone/a-post")
        >>> on_medium.platform, ScoringModel().page_params(on_medium).key
        ('medium', 'web')
        """
        match = page.social
        if match is None:
            return self.platform("web")
        params = self.platform(match.platform.key)
        if params.key == "default" and match.platform.category in WEB_LIKE_CATEGORIES:
            return self.platform("web")
        return params

    def with_platform(self, key: str, **changes: Any) -> ScoringModel:
        """A new model with platform *key*'s parameters changed (or the entry added).

        >>> slow_x = ScoringModel().with_platform("x", half_life_hours=3.0)
        >>> slow_x.platform("x").half_life_hours
        3.0
        """
        current = {p.key: p for p in self.platforms}
        if key in current:
            updated = attrs.evolve(current[key], **changes)
        else:
            updated = attrs.evolve(attrs.evolve(current["default"], key=key), **changes)
        platforms = tuple(updated if p.key == key else p for p in self.platforms)
        if key not in current:
            platforms = (*platforms, updated)
        return attrs.evolve(self, platforms=platforms)

    def citation(self, name: str) -> tuple[str, Grade]:
        """The source and grade of parameter *name* (``"platforms.x.ctr"`` for platforms)."""
        if name.startswith("platforms."):
            _, key, field = name.split(".", 2)
            value = getattr(self.platform(key), field)
            default = default_params(key)
            if default is None or getattr(default, field) != value:
                shown = "none" if default is None else repr(getattr(default, field))
                return f"set by the caller (default {shown})", "set"
            return platform_citation(default.key, field)
        model_field = _MODEL_FIELDS.get(name)
        if model_field is None:
            raise value_error("name", name, "not a ScoringModel parameter")
        if getattr(self, name) != model_field.default:
            return f"set by the caller (default {model_field.default!r})", "set"
        return model_field.metadata["source"], model_field.metadata["grade"]

    def parameters(self) -> tuple[Parameter, ...]:
        """Every parameter with its value, default, source and grade (platforms expanded)."""
        out: list[Parameter] = []
        for field in attrs.fields(ScoringModel):
            if field.name == "platforms":
                continue
            source, grade = self.citation(field.name)
            out.append(
                Parameter(field.name, getattr(self, field.name), field.default, source, grade)
            )
        for params in self.platforms:
            default = default_params(params.key)
            for field in attrs.fields(PlatformParams):
                if field.name == "key":
                    continue
                name = f"platforms.{params.key}.{field.name}"
                source, grade = self.citation(name)
                documented = getattr(default, field.name) if default is not None else None
                out.append(Parameter(name, getattr(params, field.name), documented, source, grade))
        return tuple(out)

    # ------------------------------------------------------------------ scoring

    def score(
        self,
        link: Link,
        page: Page,
        *,
        source: SourceMetrics | None = None,
        engagement: Engagement | None = None,
        now: datetime | None = None,
        platform: str | None = None,
        registry: object = None,
    ) -> LinkValue:
        """Score one *link* of *page*.

        *source* describes the linking page or site, *engagement* the page
        (a social post) itself.  *now* is the time the age of
        ``engagement.posted_at`` is measured at (default: the current time).
        The social parameters are those of the platform the page is on, as
        extraction found it (:meth:`page_params`); *platform* (a key of
        :meth:`platform`) chooses other ones.  Where the link lands and the
        wrapper it goes through are :attr:`Link.landing_url` and
        :attr:`Link.wrapper`.

        *registry* is deprecated and ignored (a :class:`DeprecationWarning`):
        registry facts are decided at extraction, so scoring under another
        registry means extracting again with ``extract_links(..., registry=...)``.

        Scoring all the links of a page is faster with :meth:`score_page`.
        """
        if registry is not None:
            warnings.warn(REGISTRY_DEPRECATION, DeprecationWarning, stacklevel=2)
        require("link", link, Link)
        return self.score_page(
            page,
            source=source,
            engagement=engagement,
            now=now,
            platform=platform,
            links=(link,),
        )[0]

    def score_page(
        self,
        page: Page,
        *,
        source: SourceMetrics | None = None,
        engagement: Engagement | None = None,
        now: datetime | None = None,
        platform: str | None = None,
        registry: object = None,
        links: Sequence[Link] | None = None,
    ) -> tuple[LinkValue, ...]:
        """Score every link of *page* (or only *links*), in order; see :meth:`score`."""
        if registry is not None:
            warnings.warn(REGISTRY_DEPRECATION, DeprecationWarning, stacklevel=2)
        require("page", page, Page)
        if source is not None:
            require("source", source, SourceMetrics)
        if engagement is not None:
            require("engagement", engagement, Engagement)
        if platform is not None:
            require("platform", platform, str)
            if not platform:
                raise value_error("platform", platform, "expected a platform key")
        params = self.platform(platform) if platform is not None else self.page_params(page)
        source_terms = self._source_terms(source if source is not None else SourceMetrics())
        components, decay = self._social_terms(engagement, now, params, page.platform)
        all_links = page.links
        dilution = self._dilution_term(all_links)
        memo: _Memo = {}
        best = self._best_of_repeats(all_links, memo)
        robots = self._robots_term(page)
        repeats = _Repeats(
            only=self._term("repeat", 1.0, "duplicate", "only link to this target", True),
            best=self._term("repeat", 1.0, "duplicate", "best link to this target", True),
        )
        out: list[LinkValue] = []
        for position, link in enumerate(all_links if links is None else links):
            if not isinstance(link, Link):
                raise type_error(f"links[{position}]", link, "Link")
            gates, region = self._link_terms(link, memo)
            repeat = self._repeat_term(link, gates, region, best, repeats)
            authority, damping, spam, tier, relevance = source_terms
            factors = (
                *gates,
                robots,
                repeat,
                authority,
                damping,
                region,
                dilution,
                spam,
                tier,
                relevance,
            )
            out.append(LinkValue(link.url, page.url, factors, components, decay))
        return tuple(out)

    # ------------------------------------------------------------------ direct: the source

    def _term(self, name: str, value: float, parameter: str, detail: str, gate: bool) -> Term:
        """A term whose value comes from model parameter *parameter*."""
        source, grade = self.citation(parameter)
        shown = getattr(self, parameter)
        return Term(name, float(value), f"{parameter}={shown!r}", source, grade, detail, gate)

    def _source_terms(self, source: SourceMetrics) -> tuple[Term, Term, Term, Term, Term]:
        """The factors every link of the page shares: authority, damping, spam, tier, relevance."""
        damping = self._term(
            "damping", self.damping, "damping", "share of equity that flows", False
        )
        return (
            self._authority_term(source),
            damping,
            self._spam_term(source),
            self._tier_term(source),
            _relevance_term(source),
        )

    def _authority_term(self, source: SourceMetrics) -> Term:
        if source.authority is not None:
            score, what = float(source.authority), f"authority {source.authority:g}"
        elif source.open_pagerank is not None:
            score = float(source.open_pagerank) * 10
            what = f"Open PageRank {source.open_pagerank:g}×10"
        else:
            score, what = float(self.default_authority), "authority unknown: default_authority"
        scale = self.authority_scale
        return self._term(
            "authority",
            10 ** (score / scale),
            "authority_scale",
            f"{what} → 10^({score:g}/{scale:g})",
            False,
        )

    def _spam_term(self, source: SourceMetrics) -> Term:
        if source.spam_score is not None:
            spam_score, what = float(source.spam_score), f"Spam Score {source.spam_score:g}%"
            parameter = "SourceMetrics.spam_score"
        else:
            spam_score, what = float(self.default_spam_score), "Spam Score unknown"
            parameter = f"default_spam_score={self.default_spam_score!r}"
        return Term(
            "spam",
            max(0.0, 1.0 - spam_score / 100.0),
            parameter,
            "Moz Spam Score = % of similar sites penalised; nullified, never negative "
            "(Google 2016/2021)",
            "S",
            f"{what} → 1 - {spam_score:g}/100",
        )

    def _tier_term(self, source: SourceMetrics) -> Term:
        if source.tier is None:
            return Term(
                "tier", 1.0, "tier_high/medium/low", "no tier given", "F", "tier unknown → 1"
            )
        parameter = f"tier_{source.tier}"
        return self._term("tier", getattr(self, parameter), parameter, f"{source.tier} tier", False)

    # ------------------------------------------------------------------ direct: the page

    def _dilution_term(self, links: Sequence[Link]) -> Term:
        """``1 / N ** γ``: the split of the page's equity over its outbound links."""
        if self.dilution_unit == "links":
            n = sum(1 for link in links if _is_outlink(link))
            what = "links to other pages (followed or not)"
        else:
            n = len({link.landing_site for link in links if link.is_backlink and link.landing_site})
            what = "external sites linked"
        n = max(n, 1)
        gamma = self.dilution_exponent
        source, grade = self.citation("dilution_exponent")
        unit_source, unit_grade = self.citation("dilution_unit")
        unit_shown = (
            "" if self.dilution_unit == "links" else f", dilution_unit={self.dilution_unit!r}"
        )
        return Term(
            "dilution",
            1.0 / n**gamma,
            f"dilution_exponent={gamma!r}{unit_shown}",
            f"{source}; {unit_source}",
            "set" if "set" in (grade, unit_grade) else grade,
            f"1/N^{gamma:g}, N = {n} {what}",
        )

    def _robots_term(self, page: Page) -> Term:
        robots = page.robots
        if robots.nofollow:
            where = robots.nofollow_source or "robots rules"
            return self._term(
                "robots", self.robots_nofollow, "robots_nofollow", f"page nofollow ({where})", True
            )
        return self._term("robots", 1.0, "robots_nofollow", "page robots allow following", True)

    # ------------------------------------------------------------------ direct: the link

    def _link_terms(self, link: Link, memo: _Memo) -> _LinkTerms:
        """The link's own gates (scheme, internal, redirect, rel) and its region weight.

        *memo* caches the terms of links that look alike (within one call).
        """
        rel = link.rel
        key = (
            link.url is None,
            link.scheme,
            link.relation,
            link.wrapper,
            rel.nofollow,
            rel.ugc,
            rel.sponsored,
            link.region,
        )
        found = memo.get(key)
        if found is None:
            gates = (
                _scheme_term(link),
                self._internal_term(link),
                self._redirect_term(link),
                self._rel_term(link),
            )
            found = memo[key] = gates, self._region_term(link)
        return found

    def _internal_term(self, link: Link) -> Term:
        """Closed for a link that lands on the page's own site (judged on its landing URL)."""
        via = "" if link.wrapper is None else f", via the {link.wrapper} redirector"
        if link.relation in _INTERNAL_RELATIONS:
            return self._term(
                "internal", self.internal, "internal", f"{link.relation} link{via}", True
            )
        where = "link to another site" if link.wrapper is None else "target on another site"
        return self._term("internal", 1.0, "internal", where + via, True)

    def _redirect_term(self, link: Link) -> Term:
        """Closed for a link through a redirect wrapper (social or not: Facebook, Google ...)."""
        if link.wrapper is not None:
            detail = f"through the {link.wrapper} redirector"
            return self._term("redirect", self.redirect, "redirect", detail, True)
        return self._term("redirect", 1.0, "redirect", "href is the target itself", True)

    def _rel_term(self, link: Link) -> Term:
        """The smallest weight of the rel qualifiers the link carries."""
        present = [name for name in _REL_QUALIFIERS if getattr(link.rel, name)]
        if not present:
            return self._term("rel", 1.0, "rel_nofollow", "no nofollow/ugc/sponsored", True)
        weights = {name: getattr(self, f"rel_{name}") for name in present}
        worst = min(present, key=lambda name: weights[name])
        return self._term("rel", weights[worst], f"rel_{worst}", "rel=" + ",".join(present), True)

    def _region_term(self, link: Link) -> Term:
        parameter = f"region_{link.region}"
        detail = f"link in {link.region}"
        return self._term("region", getattr(self, parameter), parameter, detail, False)

    # ------------------------------------------------------------------ direct: repeats

    def _best_of_repeats(
        self, links: Sequence[Link], memo: _Memo
    ) -> Mapping[str, tuple[float, int]]:
        """For each landing URL linked more than once: the best link weight and its position."""
        groups: dict[str, list[Link]] = {}
        for link in links:
            if link.landing_url is not None:
                groups.setdefault(_no_fragment(link.landing_url), []).append(link)
        best: dict[str, tuple[float, int]] = {}
        for target, members in groups.items():
            if len(members) > 1:
                weight, neg_position = max(
                    (self._link_weight(*self._link_terms(m, memo)), -m.position) for m in members
                )
                best[target] = (weight, -neg_position)
        return best

    @staticmethod
    def _link_weight(gates: Sequence[Term], region: Term) -> float:
        """What the link's own gates and region let through."""
        return math.prod(t.value for t in gates) * region.value

    def _repeat_term(
        self,
        link: Link,
        gates: Sequence[Term],
        region: Term,
        best: Mapping[str, tuple[float, int]],
        repeats: _Repeats,
    ) -> Term:
        """Open for the only or the best link to its landing URL (ties: the first one)."""
        landing = link.landing_url
        winner = best.get(_no_fragment(landing)) if landing is not None else None
        if winner is None:
            return repeats.only
        if (self._link_weight(gates, region), -link.position) >= (winner[0], -winner[1]):
            return repeats.best
        return self._term(
            "repeat",
            self.duplicate,
            "duplicate",
            f"repeats link #{winner[1]} to the same target",
            True,
        )

    # ------------------------------------------------------------------ social

    def _social_terms(
        self,
        engagement: Engagement | None,
        now: datetime | None,
        params: PlatformParams,
        page_platform: str | None,
    ) -> tuple[tuple[Term, ...], Decay]:
        """The four social components, each decayed and weighted by fit, and the decay."""
        post = engagement if engagement is not None else Engagement()
        age = _age_hours(post, now)
        decay = Decay(
            params_key=params.key,
            age_hours=age,
            half_life_hours=float(params.half_life_hours),
            floor=float(params.floor),
            remaining=params.remaining(age) if age is not None else 1.0,
            niche=self.niche,
            fit=params.fit_for(self.niche),
            platform=page_platform,
        )
        kept = self._kept(decay)
        impressions = self._estimated_impressions(post, params)
        components = (
            self._traffic_term(post, params, impressions, kept),
            self._visibility_term(post, impressions, kept),
            self._proof_term(post, kept),
            self._discovery_term(post, kept),
        )
        return components, decay

    def _kept(self, decay: Decay) -> _Kept:
        """What every component keeps (remaining × fit), with the parameters behind it."""
        key = decay.params_key
        decay_source, decay_grade = self.citation(f"platforms.{key}.half_life_hours")
        fit_source, fit_grade = self.citation(f"platforms.{key}.fit")
        if decay.age_hours is None:  # no decay applied: its parameter does not weigh in
            decay_source, decay_grade = "no age given, no decay", "E"
        if decay.fit == 1:
            fit_source, fit_grade = f"no audience-fit adjustment for {self.niche!r}", "E"
        return _Kept(
            share=decay.remaining * decay.fit,
            parameters=f"platforms.{key}.half_life_hours, platforms.{key}.fit",
            source=f"decay: {decay_source}; fit: {fit_source}",
            grades=(decay_grade, fit_grade),
        )

    def _estimated_impressions(self, post: Engagement, params: PlatformParams) -> float | None:
        """Impressions estimated from followers, ``reach · ref · (followers / ref) ** β``."""
        if post.followers is None:
            return None
        ref = self.audience_reference
        share: float = (float(post.followers) / ref) ** self.audience_exponent
        return params.reach * ref * share

    def _traffic_term(
        self, post: Engagement, params: PlatformParams, estimated: float | None, kept: _Kept
    ) -> Term:
        """Referral visits: observed clicks, else impressions × ctr, else estimated ones."""
        key = params.key
        grade: Grade
        if post.clicks is not None:
            visits, what = float(post.clicks), f"{post.clicks:g} observed clicks"
            parameter, source, grade = "Engagement.clicks", "observed", "E"
        elif post.impressions is not None:
            visits = float(post.impressions) * params.ctr
            what = f"{post.impressions:g} impressions × ctr {params.ctr:g}"
            parameter = f"platforms.{key}.ctr"
            source, grade = self.citation(parameter)
        elif estimated is not None:
            visits = estimated * params.ctr
            what = (
                f"{post.followers:g} followers → {estimated:.4g} impressions "
                f"(reach {params.reach:g}, β {self.audience_exponent:g}) × ctr {params.ctr:g}"
            )
            parameter = f"platforms.{key}.ctr, platforms.{key}.reach, audience_exponent"
            source, grade = self.citation(f"platforms.{key}.reach")
        else:
            visits, what, parameter = 0.0, "no clicks, impressions or followers given", "(none)"
            source, grade = "no engagement data", "U"
        return kept.term(
            "traffic", visits, parameter, source, grade, f"{what} = {shown_number(visits)} visits"
        )

    def _visibility_term(self, post: Engagement, estimated: float | None, kept: _Kept) -> Term:
        """Brand visibility: impressions (observed, else estimated) × impression_value."""
        if post.impressions is not None:
            seen, what = float(post.impressions), f"{post.impressions:g} impressions"
        elif estimated is not None:
            seen, what = estimated, f"{estimated:.4g} impressions (from followers)"
        else:
            seen, what = 0.0, ""
        worth = self.impression_value
        source, grade = self.citation("impression_value")
        detail = (
            f"{what} × {worth:g} = {shown_number(seen * worth)}"
            if what
            else "no impressions or followers given"
        )
        return kept.term(
            "visibility", seen * worth, f"impression_value={worth!r}", source, grade, detail
        )

    def _proof_term(self, post: Engagement, kept: _Kept) -> Term:
        """Social proof: ``proof_value · log1p(weighted likes, shares and comments)``."""
        likes, shares, comments = (float(x or 0) for x in (post.likes, post.shares, post.comments))
        weighted = (
            self.weight_like * likes + self.weight_share * shares + self.weight_comment * comments
        )
        weights_source, weights_grade = self.citation("weight_comment")
        value_source, value_grade = self.citation("proof_value")
        proof = self.proof_value * math.log1p(weighted)
        return kept.term(
            "proof",
            proof,
            f"weight_like={self.weight_like!r}, weight_share={self.weight_share!r}, "
            f"weight_comment={self.weight_comment!r}, proof_value={self.proof_value!r}",
            f"weights: {weights_source}; log1p (diminishing returns): folklore; {value_source}",
            weakest(weights_grade, value_grade, "F"),
            f"log1p({likes:g} likes×{self.weight_like:g} + {shares:g} shares×"
            f"{self.weight_share:g} + {comments:g} comments×{self.weight_comment:g})"
            + (f" × {self.proof_value:g}" if self.proof_value != 1 else "")
            + f" = {shown_number(proof)}",
        )

    def _discovery_term(self, post: Engagement, kept: _Kept) -> Term:
        """Expected new referring domains the shares bring, in visit-equivalents."""
        shares = float(post.shares or 0)
        source, grade = self.citation("discovery_per_share")
        found = shares * self.discovery_per_share * self.referring_domain_value
        return kept.term(
            "discovery",
            found,
            f"discovery_per_share={self.discovery_per_share!r}, "
            f"referring_domain_value={self.referring_domain_value!r}",
            source,
            grade,
            f"{shares:g} shares × {self.discovery_per_share:g} new referring domains × "
            f"{self.referring_domain_value:g} = {shown_number(found)}",
        )


#: ScoringModel's fields by name (read-only).
_MODEL_FIELDS: Mapping[str, attrs.Attribute[Any]] = MappingProxyType(
    attrs.fields_dict(ScoringModel)
)


@attrs.frozen(slots=True)
class _Repeats:
    """The two open repeat gates, made once per page."""

    only: Term
    best: Term


@attrs.frozen(slots=True)
class _Kept:
    """The share of its base value every social component keeps (remaining × fit), and the
    parameters, sources and grades behind it."""

    share: float
    parameters: str
    source: str
    grades: tuple[Grade, Grade]

    def term(
        self, name: str, base: float, parameter: str, source: str, grade: Grade, detail: str
    ) -> Term:
        """The component *name*: *base* × :attr:`share`, its parameters and sources joined."""
        return Term(
            name,
            base * self.share,
            f"{parameter}; {self.parameters}",
            f"{source}; {self.source}",
            weakest(grade, *self.grades),
            detail,
        )


def _age_hours(post: Engagement, now: datetime | None) -> float | None:
    """The post's age at *now* (default: the current time), or ``None`` without ``posted_at``."""
    if post.posted_at is None:
        return None
    if now is None:
        now = datetime.now(timezone.utc)
    else:
        check_aware("now", now)
    age = (now - post.posted_at).total_seconds() / 3600.0
    if age < 0:
        raise InvalidValueError(
            f"Engagement.posted_at={post.posted_at.isoformat()}: after now={now.isoformat()}"
        )
    return age


def _relevance_term(source: SourceMetrics) -> Term:
    relevance = 1.0 if source.relevance is None else float(source.relevance)
    return Term(
        "relevance",
        relevance,
        "SourceMetrics.relevance",
        "reasonable-surfer patent 'topical cluster'; magnitude is folklore",
        "F",
        "relevance unknown → 1" if source.relevance is None else f"relevance {relevance:g}",
    )


def _scheme_term(link: Link) -> Term:
    """Open for HTTP(S) links: PageRank flows between web pages."""
    ok = link.url is not None and link.scheme in _WEB_SCHEMES
    return Term(
        "scheme",
        1.0 if ok else 0.0,
        "(none)",
        "PageRank flows between web pages; HTTP(S) only",
        "E",
        f"{link.scheme}: URL" if link.scheme else "href cannot be resolved",
        True,
    )


def _is_outlink(link: Link) -> bool:
    """A link to another page over HTTP(S): the PageRank denominator."""
    return link.url is not None and link.scheme in _WEB_SCHEMES and link.relation != "same-page"


def _no_fragment(url: str) -> str:
    return url.partition("#")[0]
