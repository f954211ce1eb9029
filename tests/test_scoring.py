"""Tests for backlinkkit.scoring: the two-part link value model, in its units.

Expected numbers are derived by hand in each test from the formulas of
docs/model.md and the sources of /work/shared/reference/scoring-evidence.md
(cited by section), never copied from the code's output.
"""

from __future__ import annotations

import contextlib
import math
from datetime import datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit import extract_links
from backlinkkit.errors import BacklinkkitError, InvalidInputError, InvalidValueError
from backlinkkit.page import Page
from backlinkkit.scoring import (
    DEFAULT_PLATFORMS,
    METRIC_KEYS,
    Coverage,
    Curve,
    Engagement,
    LinkValue,
    PlatformParams,
    ScoringModel,
    SocialValue,
    SourceMetrics,
)

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
PAGE_URL = "https://blog.example.org/post"
TARGET = "https://example.com/guide"
MODEL = ScoringModel()
X = MODEL.platform("x")

# Where each region's link is put, so that backlinkkit.regions classifies it so.
WRAPPERS = {
    "content": ("<article><p>", "</p></article>"),
    "nav": ("<nav>", "</nav>"),
    "header": ("<header>", "</header>"),
    "footer": ("<footer>", "</footer>"),
    "aside": ("<aside>", "</aside>"),
    "comment": ('<div class="comments">', "</div>"),
    "unknown": ("<div>", "</div>"),
}
REGIONS = tuple(WRAPPERS)
# The default region weights (ScoringModel.region_*; scoring-evidence §6.1 w_place).
W = {"content": 1.0, "nav": 0.3, "header": 0.3, "footer": 0.15, "aside": 0.4, "comment": 0.3,
     "unknown": 0.7}  # fmt: skip


def anchor(href: str, region: str = "content", rel: str | None = None, text: str = "x") -> str:
    start, end = WRAPPERS[region]
    rel_attr = "" if rel is None else f' rel="{rel}"'
    return f'{start}<a href="{href}"{rel_attr}>{text}</a>{end}'


def page_of(*anchors: str, url: str = PAGE_URL, head: str = "") -> Page:
    return extract_links(f"<html><head>{head}</head><body>{''.join(anchors)}</body></html>", url)


def filler(n: int, region: str = "content") -> list[str]:
    """*n* followed links in *region* to distinct other sites."""
    return [anchor(f"https://site{i}.example.net/{region}", region) for i in range(n)]


def direct_of(page: Page, position: int = 0, **kwargs: object) -> float:
    return MODEL.score(page.links[position], page, **kwargs).direct  # type: ignore[arg-type]


def factor(value: LinkValue, name: str) -> float:
    return next(f.value for f in value.factors if f.name == name)


def known(amount: float | None) -> float:
    """*amount*, which must be known (not ``None``)."""
    assert amount is not None
    return amount


def curve_of(key: str, metric: str) -> Curve:
    """Platform *key*'s curve of *metric*, which must exist (not ``None``)."""
    found = MODEL.platform(key).curve(metric)
    assert found is not None
    return found


def known_pair(pair: tuple[float, float] | None) -> tuple[float, float]:
    assert pair is not None
    return pair


def dr(value: float) -> SourceMetrics:
    return SourceMetrics(metric="ahrefs-dr", value=value)


# --------------------------------------------------------------------------- SEO scenarios

EDITORIAL_PAGE = page_of(anchor(TARGET), *filler(9), *filler(20, "nav"))
FOOTER_PAGE = page_of(*filler(9), *filler(20, "nav"), anchor(TARGET, "footer"))
CROWDED_PAGE = page_of(anchor(TARGET), *filler(499))
DIRECTORY_PAGE = page_of(anchor(TARGET), *filler(299))
SPAM = SourceMetrics(metric="ahrefs-dr", value=30, spam_score=60, tier="low")

# By hand (docs/model.md): direct = 10^(DR/20) · 0.85 · w/Σw · (1 − spam/100) · tier.
# Editorial: 10 content links (w 1) + 20 nav links (w 0.3): Σw = 16.
EDITORIAL = 10**4 * 0.85 * 1 / 16  # 531.25
# Footer: 9 content + 20 nav + the target in the footer (0.15): Σw = 15.15.
FOOTER = 10**4 * 0.85 * 0.15 / 15.15  # 84.16
# 500 content outlinks: 1/500 each.
CROWDED = 10**4 * 0.85 / 500  # 17
# Spam directory: DR 30, 300 outlinks, Spam Score 60%, low tier (0.1).
DIRECTORY = 10**1.5 * 0.85 / 300 * 0.4 * 0.1  # 0.00358


@pytest.mark.parametrize(
    ("page", "position", "source", "expected"),
    [
        # An editorial body link on a DR-80 site: the reasonable surfer (US 7,716,225)
        # follows body links most; §6.1 w_place content 1, nav 0.3.
        (EDITORIAL_PAGE, 0, dr(80), EDITORIAL),
        # The same link in the footer: Google link schemes 2012 names footer links; the
        # patent's "Terms of Service" example; §6.1 footer 0.15.
        (FOOTER_PAGE, 29, dr(80), FOOTER),
        # A page with 500 outlinks: PageRank divides by C(T) (Brin & Page 1998; Cutts 2013:
        # "if you have hundreds of links, it is divided by hundreds").
        (CROWDED_PAGE, 0, dr(80), CROWDED),
        # A spam directory: Moz Spam Score = % of similar sites penalised, nullified
        # (Google 2016/2021); the leaked sourceType low tier.
        (DIRECTORY_PAGE, 0, SPAM, DIRECTORY),
    ],
)
def test_seo_scenarios_by_hand(
    page: Page, position: int, source: SourceMetrics, expected: float
) -> None:
    assert page.links[position].url == TARGET
    assert direct_of(page, position, source=source) == pytest.approx(expected)


def test_seo_scenarios_in_the_expected_order() -> None:
    # editorial DR-80 body link > same in footer > page with 500 outlinks > spam directory
    assert EDITORIAL > FOOTER > CROWDED > DIRECTORY  # the hand values above
    got = [
        direct_of(EDITORIAL_PAGE, 0, source=dr(80)),
        direct_of(FOOTER_PAGE, 29, source=dr(80)),
        direct_of(CROWDED_PAGE, 0, source=dr(80)),
        direct_of(DIRECTORY_PAGE, 0, source=SPAM),
    ]
    assert got == sorted(got, reverse=True)
    assert len(set(got)) == 4


@pytest.mark.parametrize("qualifier", ["nofollow", "ugc", "sponsored", "ugc nofollow"])
def test_qualified_links_pass_nothing_and_keep_their_social_value(qualifier: str) -> None:
    # Google 2019 hint model, Ahrefs DR: nofollow/ugc/sponsored pass no equity (§1.4);
    # what people do with the post does not depend on rel.
    post = Engagement(clicks=50, likes=10, posted_at=NOW - timedelta(hours=3))
    followed = page_of(anchor(TARGET), *filler(3))
    qualified = page_of(anchor(TARGET, rel=qualifier), *filler(3))
    a = MODEL.score(followed.links[0], followed, source=dr(80), engagement=post, now=NOW)
    b = MODEL.score(qualified.links[0], qualified, source=dr(80), engagement=post, now=NOW)
    assert b.direct == 0
    assert b.gates == ("rel",)
    assert b.social == a.social
    # four content links, one post: each link is credited w/Σw = 1/4 of the 50 clicks
    assert b.social.delivered.visits == 50 / 4


def test_a_noindex_page_is_below_its_indexable_twin() -> None:
    # Mueller 2017: noindex,follow becomes noindex,nofollow in the long run (robots_noindex 0).
    twin = page_of(anchor(TARGET), *filler(3))
    noindexed = page_of(anchor(TARGET), *filler(3), head='<meta name="robots" content="noindex">')
    assert noindexed.robots.noindex
    assert not noindexed.robots.nofollow
    indexed_value = direct_of(twin, source=dr(60))
    assert indexed_value == pytest.approx(1000 * 0.85 / 4)
    value = MODEL.score(noindexed.links[0], noindexed, source=dr(60))
    assert value.direct == 0 < indexed_value
    assert value.gates == ("noindex",)
    # the gate is tunable, and graded as its source is: not in the survey's sources (U)
    half = attrs.evolve(MODEL, robots_noindex=0.5)
    assert half.score(noindexed.links[0], noindexed, source=dr(60)).direct == pytest.approx(
        0.5 * indexed_value
    )
    assert MODEL.citation("robots_noindex")[1] == "U"


def test_210_measured_clicks_a_day_old_deliver_210_visits_and_little_remains() -> None:
    # bitly 2011: Facebook link clicks have a 3.2 h half-life (cumulative: "half of the
    # clicks it will ever receive").  At 24 h, r = 2^(-24/3.2) is still to come, so the
    # 210 delivered clicks are (1 − r) of the lifetime: remaining = 210 · r/(1 − r).
    post = page_of(anchor(TARGET), url="https://www.facebook.com/ExampleBakery/posts/1")
    engagement = Engagement(clicks=210, posted_at=NOW - timedelta(days=1))
    value = MODEL.score(post.links[0], post, engagement=engagement, now=NOW)
    r = 2 ** (-24 / 3.2)
    assert value.social.delivered.visits == 210
    assert value.social.remaining.visits == pytest.approx(210 * r / (1 - r))  # 1.17
    assert known(value.social.remaining.visits) < 0.01 * 210
    assert value.coverage.traffic == "measured"
    assert value.social_visits == pytest.approx(210 + 210 * r / (1 - r))


def test_decay_applies_only_to_what_is_still_to_come() -> None:
    # 1,000 lifetime clicks read at different ages on X (bitly 2.8 h): delivered stays what
    # was measured; remaining falls; never C·r.
    post = page_of(anchor(TARGET), url="https://x.com/someone/status/1")
    for hours in (0.25, 1.5, 3, 6, 24):
        e = Engagement(clicks=1000, posted_at=NOW - timedelta(hours=hours))
        value = MODEL.score(post.links[0], post, engagement=e, now=NOW)
        r = 2 ** (-hours / 2.8)
        assert value.social.delivered.visits == 1000
        assert value.social.remaining.visits == pytest.approx(1000 * r / (1 - r))


def test_pinterest_keeps_more_remaining_at_seven_days_than_x() -> None:
    # Piqora 2013: 70% of Pinterest clicks in 2 days (h = 48·ln2/ln(1/0.3) = 27.6 h) plus
    # a 5% evergreen tail (2 years); bitly 2011: X clicks 2.8 h.
    page = page_of(anchor(TARGET))
    e = Engagement(clicks=100, posted_at=NOW - timedelta(days=7))
    h = 48 * math.log(2) / math.log(1 / 0.3)
    r_pin = 0.95 * 2 ** (-168 / h) + 0.05 * 2 ** (-168 / 17520)
    r_x = 2 ** (-168 / 2.8)
    pin = MODEL.score(page.links[0], page, engagement=e, now=NOW, platform="pinterest")
    x = MODEL.score(page.links[0], page, engagement=e, now=NOW, platform="x")
    assert pin.social.remaining.visits == pytest.approx(100 * r_pin / (1 - r_pin))
    assert x.social.remaining.visits == pytest.approx(100 * r_x / (1 - r_x))
    assert known(pin.social.remaining.visits) > known(x.social.remaining.visits)


@pytest.mark.parametrize("platform", ["x", "facebook", "linkedin", "reddit", "web"])
def test_splitting_engagement_over_posts_does_not_raise_a_total(platform: str) -> None:
    # Issue 9 item 11: one post with 1,000 likes against ten posts with 100 each.  The
    # engagement index is a weighted count (X ranker weights: like 1), so it adds up.
    page = page_of(anchor(TARGET))
    at = NOW - timedelta(hours=5)

    def amounts(e: Engagement) -> tuple[float | None, float | None, float | None]:
        s = MODEL.score(page.links[0], page, engagement=e, now=NOW, platform=platform).social
        return (s.visits, s.delivered.impressions, s.delivered.engagement)

    one = amounts(Engagement(likes=1000, posted_at=at))
    ten = [amounts(Engagement(likes=100, posted_at=at)) for _ in range(10)]
    for unit in range(3):
        if one[unit] is None:
            assert all(t[unit] is None for t in ten)
        else:
            total = math.fsum(t[unit] or 0.0 for t in ten)
            assert total <= known(one[unit]) * (1 + 1e-12)
    assert one[2] == 1000


def test_proof_does_not_decay() -> None:
    # Visible counts do not expire (issue 9 item 3): delivered engagement is the same at
    # 2 days as at 2 minutes.
    page = page_of(anchor(TARGET), url="https://x.com/someone/status/1")
    e = Engagement(likes=5000, shares=800)

    def delivered(age: timedelta) -> float | None:
        posted = attrs.evolve(e, posted_at=NOW - age)
        return MODEL.score(
            page.links[0], page, engagement=posted, now=NOW
        ).social.delivered.engagement

    # X ranker weights ÷ 0.5: like 1, retweet 2 (§3.4)
    assert delivered(timedelta(minutes=2)) == delivered(timedelta(days=2)) == 5000 + 2 * 800


def test_unknown_age_is_an_assumption_shown_in_explain() -> None:
    # Issue 9 item 2: no posted_at is not "fresh".  assumed_delivered = 0.9: remaining is
    # delivered × 0.1/0.9, on every platform, and explain() says so.
    page = page_of(anchor(TARGET), url="https://x.com/someone/status/1")
    value = MODEL.score(page.links[0], page, engagement=Engagement(clicks=90))
    assert value.coverage.age == "assumed"
    assert value.social.remaining.visits == pytest.approx(90 * 0.1 / 0.9)
    assert "age unknown: assumed 90% of lifetime delivered" in str(value.explain())
    aged = MODEL.score(
        page.links[0], page, engagement=Engagement(clicks=90, posted_at=NOW), now=NOW
    )
    # fresh is not assumed
    assert known(aged.social.remaining.visits) > known(value.social.remaining.visits)


def test_discovery_is_a_scenario_not_a_point() -> None:
    # BuzzSumo × Moz 2015: shares and links correlate 0.021; over half of well-shared posts
    # earn no links (low 0); central 0.001 and high 0.01 per share are folklore.
    page = page_of(anchor(TARGET))
    value = MODEL.score(page.links[0], page, engagement=Engagement(shares=200))
    found = value.social.remaining.referring_domains
    assert found is not None
    assert found.low == 0
    assert found.central == pytest.approx(0.2)
    assert found.high == pytest.approx(2.0)
    assert found.grade == "F"
    assert value.social.delivered.referring_domains is None
    assert value.social_visits == 0  # no visits known, and discovery is not added to them
    assert value.social.visits is None


def test_nothing_in_different_units_is_summed() -> None:
    page = page_of(anchor(TARGET))
    e = Engagement(likes=100, impressions=10_000, posted_at=NOW - timedelta(hours=1))
    social = MODEL.score(page.links[0], page, engagement=e, now=NOW, platform="x").social
    assert isinstance(social, SocialValue)
    # the sortable figure is visits only: impressions × ctr (1% on X, a vendor prior)
    visits = 10_000 * 0.01
    r = 2 ** (-1 / 2.8)
    assert social.delivered.visits == pytest.approx(visits)
    assert float(social) == pytest.approx(visits + visits * r / (1 - r))
    assert social.delivered.impressions == 10_000
    assert social.delivered.engagement == 100


# --------------------------------------------------------------------------- direct: PageRank


def test_worked_example_of_section_6_1() -> None:
    # scoring-evidence §6.1: DR 60, 50 outlinks (all of one weight), followed, main content,
    # Spam Score 10%: 1000 × 1/50 × 0.9 = 18, "× 0.85 = 15.3 if damping is applied".
    page = page_of(anchor(TARGET), *filler(49))
    source = SourceMetrics(authority=60, spam_score=10)
    value = MODEL.score(page.links[0], page, source=source)
    assert value.direct == pytest.approx(15.3)
    undamped = attrs.evolve(MODEL, damping=1.0)
    assert undamped.score(page.links[0], page, source=source).direct == pytest.approx(18.0)
    logs = {f.name: round(math.log10(f.value), 2) for f in value.factors}
    assert (logs["authority"], logs["dilution"], logs["spam"]) == (3.0, -1.7, -0.05)


def test_region_weights_are_renormalised_over_the_page() -> None:
    # Reasonable surfer (US 7,716,225): weights are probabilities of following, so a
    # link's share is w/Σw.  A content link among 99 footer links: 1 / (1 + 99·0.15);
    # among 99 content links: 1/100.  Authority 60: 10^3 · 0.85 · share.
    among_footer = page_of(anchor(TARGET), *filler(99, "footer"))
    among_content = page_of(anchor(TARGET), *filler(99))
    assert direct_of(among_footer, source=SourceMetrics(authority=60)) == pytest.approx(
        850 / (1 + 99 * 0.15)
    )  # 53.6
    assert direct_of(among_content, source=SourceMetrics(authority=60)) == pytest.approx(8.5)


def test_nofollow_evaporates_and_stays_in_the_denominator() -> None:
    # Cutts 2009 (§1.4): 10 links, 5 of them nofollow; each followed link gets 1/10.
    anchors = [anchor(f"https://f{i}.example.net/") for i in range(5)]
    anchors += [anchor(f"https://n{i}.example.net/", rel="nofollow") for i in range(5)]
    page = page_of(*anchors)
    values = MODEL.score_page(page, source=SourceMetrics(authority=40))
    assert [v.direct for v in values] == [pytest.approx(100 * 0.85 / 10)] * 5 + [0.0] * 5


def test_repeat_links_to_one_target_share_what_pagerank_gives_them() -> None:
    # PageRank: each outlink carries PR(T)/C(T); two links to one target carry 2·PR/N
    # (issue 9 item 10: not PR/N and then 0).  Authority 60, 2 content links: 850 / 2 each.
    page = page_of(anchor(TARGET), anchor(TARGET + "#part"))
    values = MODEL.score_page(page, source=SourceMetrics(authority=60))
    assert [v.direct for v in values] == [pytest.approx(425.0)] * 2
    assert sum(v.direct for v in values) == pytest.approx(850.0)
    assert "1 of 2 links to this target" in str(values[1].explain())
    # "the best link counts" (folklore) is still available: duplicate=0
    best = attrs.evolve(MODEL, duplicate=0.0)
    assert [v.direct for v in best.score_page(page, source=SourceMetrics(authority=60))] == [
        pytest.approx(425.0),
        0.0,
    ]


def test_direct_in_reference_links() -> None:
    # 1 reference link = a followed content link from a page of generic authority 40 with
    # 10 outlinks of one weight: 10^(40/20) · 0.85 / 10 = 8.5 equity units.
    assert MODEL.reference_equity == pytest.approx(8.5)
    reference = page_of(anchor(TARGET), *filler(9))
    value = MODEL.score(reference.links[0], reference, source=SourceMetrics(authority=40))
    assert value.direct_references == pytest.approx(1.0)
    # a DR-80 editorial link (531.25 units) is 62.5 reference links
    editorial = MODEL.score(EDITORIAL_PAGE.links[0], EDITORIAL_PAGE, source=dr(80))
    assert editorial.direct_references == pytest.approx(EDITORIAL / 8.5)


def test_authority_scale_and_open_pagerank() -> None:
    # §6.1: A(score) = 10^(score/20); Open PageRank 0-10 maps to 10^(opr/2).
    page = page_of(anchor(TARGET))
    by_generic = MODEL.score(page.links[0], page, source=SourceMetrics(authority=60))
    by_opr = MODEL.score(page.links[0], page, source=SourceMetrics(open_pagerank=6))
    assert factor(by_generic, "authority") == pytest.approx(1000)
    assert factor(by_opr, "authority") == pytest.approx(1000)
    assert by_opr.coverage.metric == "open-pagerank"


def test_each_metric_has_its_own_scale_and_source() -> None:
    page = page_of(anchor(TARGET))
    for key in METRIC_KEYS:
        top = 10 if key == "open-pagerank" else 100
        value = MODEL.score(page.links[0], page, source=SourceMetrics(metric=key, value=top / 2))
        authority = next(f for f in value.factors if f.name == "authority")
        assert authority.grade == "F"  # every vendor base is undisclosed (§2, takeaway 3)
        assert value.coverage == Coverage(authority="given", metric=key)
    # Common Crawl ranks through the 0-100 log-rank mapping: s = 100/8 (N ≈ 10^8 domains)
    cc = MODEL.score(page.links[0], page, source=SourceMetrics(metric="cc-hc", value=50))
    assert factor(cc, "authority") == pytest.approx(10 ** (50 / 12.5))


def test_page_level_metrics_are_preferred() -> None:
    # Ahrefs UR (page) describes the linking page; DR (domain) the whole site.
    page = page_of(anchor(TARGET))
    both = SourceMetrics(metrics={"ahrefs-dr": 80, "ahrefs-ur": 20}, authority=50)
    value = MODEL.score(page.links[0], page, source=both)
    assert value.coverage.metric == "ahrefs-ur"
    assert factor(value, "authority") == pytest.approx(10 ** (20 / 20))
    assert "preferred over ahrefs-dr, authority" in str(value.explain())


def test_explain_shows_the_scale_sensitivity() -> None:
    # §6.1 range of s: 10-40.  DR 60 at s = 40: 10^1.5; at s = 10: 10^6.
    page = page_of(anchor(TARGET))
    why = MODEL.score(page.links[0], page, source=dr(60)).explain()
    low, high = known_pair(why.direct_range)
    assert low == pytest.approx(10**1.5 * 0.85)
    assert high == pytest.approx(10**6 * 0.85)
    assert "scale sensitivity" in str(why)


def test_a_cross_source_verdict_moves_with_the_scale_and_explain_shows_it() -> None:
    # Issue 9 item 12: a footer link from DR 80 against a content link from DR 60, on pages
    # of 9 other content links.  Shares: footer 0.15/9.15, content 1/10.  The ratio is
    # 10^(20/s) · (0.15/9.15) / 0.1: 16.4 at s = 10, 1.64 at s = 20, 0.518 at s = 40 —
    # no source fixes s (§2 takeaway 3), so the verdict flips inside the plausible range.
    footer = page_of(*filler(9), anchor(TARGET, "footer"))
    content = page_of(anchor(TARGET), *filler(9))
    share_ratio = (0.15 / 9.15) / 0.1
    for s, expected in (
        (10, 100 * share_ratio),
        (20, 10 * share_ratio),
        (40, 10**0.5 * share_ratio),
    ):
        scale = [attrs.evolve(m, scale=s) if m.key == "ahrefs-dr" else m for m in MODEL.metrics]
        model = attrs.evolve(MODEL, metrics=scale)
        a = model.score(footer.links[9], footer, source=dr(80)).direct
        b = model.score(content.links[0], content, source=dr(60)).direct
        assert a / b == pytest.approx(expected)
    # explain() shows each link's range over s in 10-40, so the overlap is visible
    low_a, high_a = known_pair(
        MODEL.score(footer.links[9], footer, source=dr(80)).explain().direct_range
    )
    low_b, high_b = known_pair(
        MODEL.score(content.links[0], content, source=dr(60)).explain().direct_range
    )
    assert low_a < high_b
    assert low_b < high_a


def test_the_same_link_as_a_nofollowed_footer_link_scores_zero() -> None:
    # scoring-evidence §6.1: "The same link as a nofollowed footer link scores 0."
    page = page_of(anchor(TARGET, "footer", "nofollow"), *filler(49))
    assert direct_of(page, source=SourceMetrics(authority=60, spam_score=10)) == 0.0


@pytest.mark.parametrize(
    ("spam_score", "expected"),
    # Moz Spam Score is "% of sites with similar features found to be penalized";
    # spam is nullified, never negative (Google 2016/2021; scoring-evidence §1.5).
    [(0, 1.0), (10, 0.9), (50, 0.5), (100, 0.0)],
)
def test_spam_multiplier_floors_at_zero(spam_score: float, expected: float) -> None:
    page = page_of(anchor(TARGET))
    value = MODEL.score(page.links[0], page, source=SourceMetrics(spam_score=spam_score))
    assert factor(value, "spam") == pytest.approx(expected)
    assert value.direct >= 0


# --------------------------------------------------------------------------- social: per link


def test_a_pages_engagement_is_shared_among_its_links() -> None:
    # Issue 9 item 5: 140 clicks on a page with an internal About link, a competitor link
    # and the target are not 140 each.  By region weight: content 1, nav 0.3, footer 0.15.
    page = page_of(
        anchor("/about", "nav"),
        anchor("https://competitor.example.net/"),
        anchor(TARGET),
        anchor("https://example.com/terms", "footer"),
    )
    values = MODEL.score_page(page, engagement=Engagement(clicks=140))
    total_weight = 0.3 + 1 + 1 + 0.15
    expected = [140 * w / total_weight for w in (0.3, 1, 1, 0.15)]
    assert [v.social.delivered.visits for v in values] == [pytest.approx(e) for e in expected]
    assert math.fsum(v.social.delivered.visits or 0 for v in values) == pytest.approx(140)
    assert all(v.coverage.credit == "weights" for v in values)


def test_measured_clicks_per_link_are_credited_where_known() -> None:
    # Referral sessions by landing URL (an analytics export): the target's link gets what
    # was measured on it; the page's other clicks go to the other links by weight.
    page = page_of(anchor(TARGET), anchor("https://competitor.example.net/"), anchor("/x", "nav"))
    values = MODEL.score_page(page, engagement=Engagement(clicks=100), clicks={TARGET: 70})
    assert values[0].social.delivered.visits == 70
    assert values[0].coverage.credit == "clicks"
    # 30 left for the others, by weight 1 : 0.3
    assert values[1].social.delivered.visits == pytest.approx(30 * 1 / 1.3)
    assert values[2].social.delivered.visits == pytest.approx(30 * 0.3 / 1.3)
    # the other amounts follow the same shares: 0.7 of the post's impressions, and so on
    post = Engagement(clicks=100, impressions=5000)
    shared = MODEL.score_page(page, engagement=post, clicks={TARGET: 70})
    assert shared[0].social.delivered.impressions == pytest.approx(3500)
    # measured clicks alone (no page totals) are engagement data too
    alone = MODEL.score(page.links[0], page, clicks={TARGET: 12})
    assert alone.social.delivered.visits == 12
    assert alone.coverage.engagement is True
    # clicks measured elsewhere (no link of this page lands there) are no data about it
    elsewhere = MODEL.score(page.links[0], page, clicks={"https://example.com/other": 12})
    assert elsewhere.coverage.engagement is False
    assert elsewhere.social.delivered.visits is None


# --------------------------------------------------------------------------- estimates


def test_traffic_prefers_clicks_then_impressions_then_engagement_then_followers() -> None:
    page = page_of(anchor(TARGET))

    def visits(e: Engagement, platform: str = "x") -> float | None:
        return MODEL.score(
            page.links[0], page, engagement=e, platform=platform
        ).social.delivered.visits

    assert visits(Engagement(clicks=7, impressions=10_000, followers=10**6)) == 7
    # impressions × ctr (X 1%, vendor CTR calculators)
    assert visits(Engagement(impressions=10_000, followers=10**6)) == pytest.approx(100)
    # engagement counts ÷ Buffer 2025's 2.31% per impression on X, × ctr
    assert visits(Engagement(likes=231, followers=10**6)) == pytest.approx(231 / 0.0231 * 0.01)
    # followers → impressions: reach 3% at 1000 followers, β 0.5 (Barefoot 2009)
    assert visits(Engagement(followers=1000)) == pytest.approx(1000 * 0.03 * 0.01)
    assert visits(Engagement()) is None


def test_linkedin_reach_stays_within_its_cited_range() -> None:
    # revenuelab (vendor): "organic reach typically 5-25% of followers".  At 100,000
    # followers reach·(f/ref)^(β−1) = 0.1·100^-0.5 = 1%, below 5%: kept at 5%.
    page = page_of(anchor(TARGET))
    value = MODEL.score(
        page.links[0], page, engagement=Engagement(followers=100_000), platform="linkedin"
    )
    assert value.social.delivered.impressions == pytest.approx(100_000 * 0.05)
    assert "kept within the cited 5%-25%" in str(value.explain())
    # given engagement counts are used: Buffer 2025, 6.50% per impression on LinkedIn
    counted = MODEL.score(
        page.links[0], page, engagement=Engagement(likes=65, followers=100_000),
        platform="linkedin",
    )  # fmt: skip
    assert counted.social.delivered.impressions == pytest.approx(65 / 0.065)


def test_tiny_audiences_do_not_break_the_reach_estimate() -> None:
    # hypothesis found followers=5e-324: followers/ref underflows to 0.  A count of
    # followers is now a whole number (issue 12 §6), so the smallest audience is 1.  A
    # share of followers reached is at most the cited 5% on X.
    page = page_of(anchor(TARGET))
    for followers in (1, 1.0, 2):
        value = MODEL.score(
            page.links[0], page, engagement=Engagement(followers=followers), platform="x"
        )
        assert value.social.delivered.impressions == pytest.approx(followers * 0.05)
    for fraction in (5e-324, 1e-300):
        with pytest.raises(InvalidValueError, match=r"Engagement\.followers"):
            Engagement(followers=fraction)


def test_reddit_traffic_without_impressions_is_unknown() -> None:
    # Issue 9 item 13: a Reddit thread with comments and no impressions has unknown
    # traffic (no per-impression benchmark for Reddit in the survey), not 0.
    page = page_of(anchor(TARGET), url="https://www.reddit.com/r/Breadit/comments/abc/x/")
    value = MODEL.score(page.links[0], page, engagement=Engagement(comments=10))
    assert value.params_key == "reddit"
    assert value.social.delivered.visits is None
    assert value.coverage.traffic == "unknown"
    assert value.social.delivered.engagement == 27 * 10


@pytest.mark.parametrize(
    ("niche", "platform", "fit"),
    # scoring-evidence §6.2 audience-fit table (applied to estimated visits only)
    [("b2b", "linkedin", 1.3), ("b2b", "pinterest", 0.6), ("visual", "pinterest", 1.4),
     ("visual", "instagram", 1.3), ("general", "linkedin", 1.0), ("other", "x", 1.0)],
)  # fmt: skip
def test_audience_fit_adjusts_estimates_never_measurements(
    niche: str, platform: str, fit: float
) -> None:
    page = page_of(anchor(TARGET))
    model = attrs.evolve(MODEL, niche=niche)
    ctr = model.platform(platform).ctr
    estimated = model.score(
        page.links[0], page, engagement=Engagement(impressions=10_000), platform=platform
    )
    assert estimated.decay.fit == fit
    assert estimated.social.delivered.visits == pytest.approx(10_000 * ctr * fit)
    measured = model.score(
        page.links[0], page, engagement=Engagement(clicks=100), platform=platform
    )
    assert measured.social.delivered.visits == 100


# --------------------------------------------------------------------------- grades


def test_grades_follow_the_evidence_file() -> None:
    # §3.1: the Reddit hot formula is [E] for the old open-source code, current production [U].
    assert MODEL.citation("platforms.reddit.impressions")[1] == "U"
    # §3.1: Pfeffer 2023 is [E]; bitly 2011 click half-lives are [S].
    assert MODEL.citation("platforms.x.impressions")[1] == "E"
    assert MODEL.citation("platforms.x.clicks")[1] == "S"
    assert curve_of("x", "clicks").half_life_hours == 2.8
    assert curve_of("facebook", "clicks").half_life_hours == 3.2
    assert curve_of("youtube", "clicks").half_life_hours == 7.4
    # §6.2: X ranker weights are [E] on X, their transfer to other platforms [F].
    page = page_of(anchor(TARGET))
    on_x = MODEL.score(page.links[0], page, engagement=Engagement(likes=1), platform="x")
    off_x = MODEL.score(page.links[0], page, engagement=Engagement(likes=1), platform="facebook")
    assert on_x.social.term("engagement delivered").grade == "E"  # type: ignore[union-attr]
    assert off_x.social.term("engagement delivered").grade == "F"  # type: ignore[union-attr]


def test_hacker_news_decays_as_a_power_law() -> None:
    # news.arc: rank ∝ (t + 2)^-1.8; the share still to come is (1 + t/2)^-0.8 and half
    # has arrived by 2·(2^(1/0.8) − 1) = 2.76 h.
    hn = curve_of("hackernews", "impressions")
    assert hn.shape == "power-law"
    assert hn.offset_hours == pytest.approx(2.0)
    for t in (0.5, 2.76, 10, 100):
        assert hn.still_to_come(t) == pytest.approx((1 + t / 2) ** -0.8)


@pytest.mark.parametrize(
    ("key", "metric", "hours", "share"),
    [
        ("x", "impressions", 80 / 60, 0.5),  # Pfeffer et al. 2023: 80 min
        ("x", "impressions", 24, 2**-18),  # Appendix B: "24 h leaves 2^(−18)"
        ("x", "clicks", 2.8, 0.5),  # bitly 2011
        ("facebook", "clicks", 3.2, 0.5),  # bitly 2011
        ("facebook", "impressions", 0.5, 0.5),  # Wiselytics: 50% of reach in 30 min
        ("linkedin", "engagement", 24, 0.5),  # Graffius 2018
        ("instagram", "engagement", 19, 0.5),  # Graffius 2018
        ("youtube", "engagement", 144, 0.5),  # Graffius 2018: 6 days
        ("youtube", "clicks", 7.4, 0.95 * 0.5 + 0.05 * 2 ** (-7.4 / 17520)),  # bitly; 5% tail
        ("pinterest", "engagement", 153_300 / 60, 0.5),  # Graffius 2018: 153,300 min
        ("reddit", "engagement", 13546 / 3600, 0.5),  # Appendix B: 13,546 s
    ],
)
def test_platform_curves(key: str, metric: str, hours: float, share: float) -> None:
    curve = curve_of(key, metric)
    assert curve.still_to_come(hours) == pytest.approx(share, rel=1e-3)


# --------------------------------------------------------------------------- web pages


FORUM_URL = "https://forum.example.net/t/best-flour"
FORUM_AGE = 88.5  # hours: the bundled forum thread at the demo's clock


def forum_value(model: ScoringModel = MODEL, **engagement: object) -> LinkValue:
    """The forum thread's one link, 9 sessions measured on it, 88.5 h after posting."""
    forum = page_of(anchor(TARGET), url=FORUM_URL)
    e = Engagement(posted_at=NOW - timedelta(hours=FORUM_AGE), **engagement)  # type: ignore[arg-type]
    return model.score(forum.links[0], forum, engagement=e, now=NOW, clicks={TARGET: 9})


def test_web_pages_have_no_sourced_lifetime() -> None:
    # scoring-evidence §3.1: the only number for web pages, "blog 2 years", is an undefined
    # "lifespan" from an infographic whose original was not retrieved ([F]/[U]); §7 lists it
    # as folklore.  No measured decay of referral traffic from web pages: no curve.
    web = MODEL.platform("web")
    for metric in ("clicks", "impressions", "engagement"):
        assert web.curve(metric) is None
        source, grade = MODEL.citation(f"platforms.web.{metric}")
        assert grade == "U"
        assert "blog 2 years" in source
    # a page on a blogging platform without an entry of its own uses them too
    medium = page_of(anchor(TARGET), url="https://medium.com/@someone/a-post")
    assert MODEL.page_params(medium).curve("clicks") is None


def test_the_forum_thread_no_longer_reports_thousands_of_remaining_visits() -> None:
    # The case of issue 9's review: 9 measured sessions on a forum thread 88.5 h old.  On a
    # 2-year cumulative half-life r = 2^(−88.5/17520) = 0.99650 is still to come, so
    # 9 · r/(1 − r) = 2,566 more visits were claimed.  With no sourced curve the remaining
    # value is unknown (None, not 0 and not thousands), and explain() and coverage say why.
    value = forum_value(likes=12, comments=9)
    assert value.params_key == "web"
    assert value.social.delivered.visits == 9  # measured: unchanged
    assert value.social.remaining.visits is None
    assert value.social.remaining.engagement is None
    assert value.social.delivered.engagement == 12 + 27 * 9  # proof is delivered
    assert value.social.term("visits remaining") is None
    assert value.coverage.lifetime == "unknown"
    assert value.coverage.traffic == "measured"
    assert value.social_visits == 9  # the sortable figure counts what was delivered
    why = value.social.why_unknown("visits remaining")
    assert why is not None
    assert "platforms.web.clicks=None" in why
    text = str(value.explain())
    assert "remaining unknown: no clicks curve (platforms.web.clicks=None)" in text
    assert "remaining unknown (no lifetime curve)" in text  # the coverage line
    assert "no lifetime curve" in str(value.decay)
    assert value.decay.ratio("clicks") is None
    # unknown age: the 90% assumption needs a curve too, so it is not applied
    forum = page_of(anchor(TARGET), url=FORUM_URL)
    undated = MODEL.score(forum.links[0], forum, engagement=Engagement(clicks=9))
    assert undated.social.remaining.visits is None
    assert undated.decay.assumed_delivered is None


def test_a_caller_given_web_curve_gives_a_number_graded_set() -> None:
    # The old 2-year reading, as the caller's own assumption: 9 × r/(1 − r) by hand.
    model = MODEL.with_platform("web", clicks=Curve("clicks", 730 * 24))
    value = forum_value(model)
    r = 2 ** (-FORUM_AGE / (730 * 24))
    assert r == pytest.approx(0.99650, abs=1e-5)
    assert value.social.remaining.visits == pytest.approx(9 * r / (1 - r))  # 2,566
    term = value.social.term("visits remaining")
    assert term is not None
    assert term.grade == "set"
    assert value.coverage.lifetime == "known"  # clicks is the only amount known
    # a shorter curve of one's own (a fitted half-life of one week) gives far less
    weekly = forum_value(MODEL.with_platform("web", clicks=Curve("clicks", 168.0)))
    r_week = 2 ** (-FORUM_AGE / 168)
    assert weekly.social.remaining.visits == pytest.approx(9 * r_week / (1 - r_week))


def test_platform_params_take_no_curve_but_not_a_wrong_one() -> None:
    web = MODEL.platform("web")
    assert attrs.evolve(web, clicks=None).clicks is None
    with pytest.raises(InvalidValueError):
        attrs.evolve(web, clicks=Curve("impressions", 1.0))
    with pytest.raises(InvalidInputError):
        attrs.evolve(web, clicks=2.0)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        Coverage(lifetime="maybe")  # type: ignore[arg-type]
    assert str(Coverage(engagement=True, lifetime="unknown")).endswith(
        ", remaining unknown (no lifetime curve)"
    )
    assert "remaining unknown" not in str(Coverage(engagement=True, lifetime="known"))


# --------------------------------------------------------------------------- coverage


def test_unknown_is_not_zero_and_defaults_are_marked() -> None:
    page = page_of(anchor(TARGET))
    value = MODEL.score(page.links[0], page)
    assert value.coverage.authority == "default"
    assert value.coverage.defaults_only
    assert value.social.delivered == value.social.remaining  # all unknown
    assert value.social.delivered.visits is None
    assert "defaults only" in repr(value)
    assert "coverage: defaults only" in str(value.explain())
    known = MODEL.score(page.links[0], page, source=dr(50), engagement=Engagement(likes=3))
    assert not known.coverage.defaults_only
    assert (known.coverage.authority, known.coverage.engagement) == ("given", True)
    # off social platforms no per-impression benchmark turns likes into impressions
    assert known.coverage.traffic == "unknown"
    on_x = MODEL.score(page.links[0], page, engagement=Engagement(likes=3), platform="x")
    assert on_x.coverage.traffic == "estimated"


# --------------------------------------------------------------------------- gates


@pytest.mark.parametrize(
    ("anchors", "head", "gate"),
    [
        ([anchor(TARGET, rel="nofollow")], "", "rel"),
        ([anchor(TARGET, rel="ugc")], "", "rel"),
        ([anchor(TARGET, rel="sponsored")], "", "rel"),
        ([anchor(TARGET, rel="UGC,NoFollow")], "", "rel"),
        ([anchor(TARGET)], '<meta name="robots" content="nofollow">', "robots"),
        ([anchor(TARGET)], '<meta name="robots" content="none">', "robots"),
        ([anchor(TARGET)], '<meta name="robots" content="noindex">', "noindex"),
        ([anchor("/about")], "", "internal"),
        ([anchor("https://www.example.org/")], "", "internal"),  # same site
        ([anchor("mailto:a@example.com")], "", "scheme"),
        ([anchor("javascript:void(0)")], "", "scheme"),
        ([anchor("ftp://example.com/file")], "", "scheme"),
        ([anchor("http://exa mple.com/")], "", "scheme"),  # unresolvable
    ],
)
def test_closed_gates_give_zero_and_say_so(anchors: list[str], head: str, gate: str) -> None:
    page = page_of(*anchors, head=head)
    value = MODEL.score(page.links[0], page, source=SourceMetrics(authority=50))
    assert value.direct == 0
    assert gate in value.gates
    why = value.explain()
    assert why.direct_if_open > 0
    assert f"closed gate: {gate}" in str(why)


def test_headers_robots_nofollow_is_a_gate() -> None:
    page = extract_links(anchor(TARGET), PAGE_URL, headers={"X-Robots-Tag": "nofollow"})
    assert MODEL.score(page.links[0], page).gates == ("robots",)


def test_a_hint_weight_lets_a_little_through() -> None:
    # Google 2019 hint model: an optional small non-zero weight (folklore magnitude).
    page = page_of(anchor(TARGET, rel="nofollow"))
    hinted = attrs.evolve(MODEL, rel_nofollow=0.05)
    open_value = MODEL.score(page.links[0], page).explain().direct_if_open
    assert hinted.score(page.links[0], page).direct == pytest.approx(0.05 * open_value)
    both = page_of(anchor(TARGET, rel="ugc nofollow"))
    assert hinted.score(both.links[0], both).direct == 0


def test_region_order_content_beats_everything() -> None:
    values = {}
    for region in REGIONS:
        page = page_of(anchor(TARGET, region), anchor("https://other.example.net/"))
        values[region] = direct_of(page)
        # by hand: 10^(10/20) · 0.85 · w / (w + 1)
        assert values[region] == pytest.approx(10**0.5 * 0.85 * W[region] / (W[region] + 1))
    assert max(values, key=values.__getitem__) == "content"
    assert values["footer"] == min(values.values())


# --------------------------------------------------------------------------- explanation


def test_explanation_names_parameter_source_and_grade() -> None:
    page = page_of(anchor(TARGET, rel="nofollow"), *filler(3))
    e = Engagement(likes=10, clicks=5, posted_at=NOW - timedelta(hours=2))
    value = MODEL.score(page.links[0], page, source=SourceMetrics(authority=40), engagement=e,
                        now=NOW)  # fmt: skip
    why = value.explain()
    assert math.prod(f.value for f in why.factors) == value.direct == 0
    for term in (*why.factors, *why.components):
        assert term.grade in ("E", "S", "V", "F", "U", "set")
        assert term.source
        assert term.parameter
        assert term.detail
    rel = next(f for f in why.factors if f.name == "rel")
    assert rel.closed
    assert (rel.parameter, rel.grade) == ("rel_nofollow=0.0", "E")
    # 10^(40/20) × 0.85 × 1/4 (four content links)
    assert why.direct_if_open == pytest.approx(100 * 0.85 / 4)


def test_changed_parameters_are_graded_set() -> None:
    model = attrs.evolve(MODEL, damping=0.9).with_platform("x", ctr=0.02)
    assert model.citation("damping") == ("set by the caller (default 0.85)", "set")
    assert model.citation("platforms.x.ctr")[1] == "set"
    assert model.citation("platforms.x.impressions")[1] == "E"
    page = page_of(anchor(TARGET))
    damping = next(f for f in model.score(page.links[0], page).factors if f.name == "damping")
    assert damping.grade == "set"
    with pytest.raises(InvalidValueError, match="nope"):
        model.citation("nope")
    steeper = attrs.evolve(
        MODEL,
        metrics=[attrs.evolve(m, scale=15) if m.key == "moz-da" else m for m in MODEL.metrics],
    )
    assert steeper.citation("metrics.moz-da.scale") == ("set by the caller (default 20.0)", "set")


def test_every_parameter_is_documented() -> None:
    params = MODEL.parameters()
    names = {p.name for p in params}
    assert {f.name for f in attrs.fields(ScoringModel)} - {"platforms", "metrics"} <= names
    assert {f"platforms.{p.key}.clicks" for p in DEFAULT_PLATFORMS} <= names
    assert {f"metrics.{k}.scale" for k in METRIC_KEYS if k != "authority"} <= names
    for p in params:
        assert p.grade in ("E", "S", "V", "F", "U"), p
        assert p.value == p.default
        assert len(p.source) > 10, p


def test_the_model_is_immutable() -> None:
    model = ScoringModel()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        model.damping = 0.5  # type: ignore[misc]
    slow = Curve("engagement", 5.0)
    changed = model.with_platform("mastodon", engagement=slow)
    assert changed.platform("mastodon").engagement == slow
    assert model.platform("mastodon").key == "default"
    assert model == ScoringModel()
    assert hash(model) == hash(ScoringModel())


def test_platform_lookup_aliases_and_fallbacks() -> None:
    assert MODEL.platform("twitter") is MODEL.platform("x")
    assert MODEL.platform(None).key == "web"
    assert MODEL.platform("no-such-platform").key == "default"
    assert isinstance(MODEL.platform("x"), PlatformParams)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("build", "error", "field"),
    [
        (lambda: Engagement(likes=-1), InvalidValueError, "Engagement.likes=-1"),
        (lambda: Engagement(shares=float("nan")), InvalidValueError, "Engagement.shares=nan"),
        (lambda: Engagement(clicks=1e300), InvalidValueError, "Engagement.clicks"),
        (lambda: Engagement(comments="3"), InvalidInputError, "Engagement.comments='3'"),  # type: ignore[arg-type]
        (lambda: Engagement(followers=True), InvalidInputError, "Engagement.followers=True"),
        (
            lambda: Engagement(posted_at=datetime(2024, 1, 1)),
            InvalidValueError,
            "Engagement.posted_at",
        ),
        (lambda: Engagement(posted_at="2024-01-01"), InvalidInputError, "Engagement.posted_at"),  # type: ignore[arg-type]
        (lambda: SourceMetrics(authority=101), InvalidValueError, "SourceMetrics.authority=101"),
        (lambda: SourceMetrics(authority=-0.5), InvalidValueError, "SourceMetrics.authority"),
        (lambda: SourceMetrics(authority=math.nan), InvalidValueError, "SourceMetrics.authority"),
        (lambda: SourceMetrics(spam_score=150), InvalidValueError, "SourceMetrics.spam_score"),
        (lambda: SourceMetrics(relevance=math.inf), InvalidValueError, "relevance=inf"),
        (lambda: SourceMetrics(open_pagerank=11), InvalidValueError, "open_pagerank=11"),
        (lambda: SourceMetrics(tier="top"), InvalidValueError, "SourceMetrics.tier='top'"),  # type: ignore[arg-type]
        (lambda: ScoringModel(damping=0), InvalidValueError, "ScoringModel.damping=0"),
        (lambda: ScoringModel(rel_ugc=2), InvalidValueError, "ScoringModel.rel_ugc=2"),
        (lambda: ScoringModel(dilution_unit="words"), InvalidValueError, "dilution_unit"),  # type: ignore[arg-type]
        (lambda: ScoringModel(niche=""), InvalidValueError, "ScoringModel.niche"),
        (lambda: ScoringModel(platforms=()), InvalidValueError, "needs an entry"),
        (lambda: Curve("clicks", 0), InvalidValueError, "Curve.half_life_hours=0"),
        (lambda: Curve("clicks", 1, "power-law", gravity=1), InvalidValueError, "Curve.gravity=1"),
        (lambda: Curve("views", 1), InvalidValueError, "Curve.metric='views'"),  # type: ignore[arg-type]
        (
            lambda: attrs.evolve(X, fit={"b2b": -1}),
            InvalidValueError,
            "fit['b2b']",
        ),
        (
            lambda: attrs.evolve(X, clicks=X.impressions),
            InvalidValueError,
            "PlatformParams.clicks",
        ),
        (lambda: attrs.evolve(X, reach_range=(0.3, 0.1)), InvalidValueError, "reach_range"),
        # the documented relevance range, scoring-evidence §6.1: 0.5-1.5
        (lambda: SourceMetrics(relevance=10), InvalidValueError, "relevance=10"),
        (lambda: SourceMetrics(relevance=0.4), InvalidValueError, "relevance=0.4"),
        (lambda: SourceMetrics(metric="ahrefs-dr"), InvalidValueError, "go together"),
        (lambda: SourceMetrics(metric="klout", value=3), InvalidValueError, "'klout'"),
        (lambda: SourceMetrics(metric="open-pagerank", value=11), InvalidValueError, "11"),
        (lambda: SourceMetrics(metrics={"moz-da": 120}), InvalidValueError, "'moz-da'"),
        (lambda: ScoringModel(assumed_delivered=1), InvalidValueError, "assumed_delivered=1"),
    ],
)
def test_bad_values_raise_naming_the_field(build: object, error: type, field: str) -> None:
    with pytest.raises(error) as caught:
        build()  # type: ignore[operator]
    assert field in str(caught.value)
    assert isinstance(caught.value, BacklinkkitError)


def test_posted_after_now_raises() -> None:
    page = page_of(anchor(TARGET))
    late = Engagement(posted_at=NOW + timedelta(minutes=1))
    with pytest.raises(InvalidValueError, match=r"Engagement\.posted_at=.*after now"):
        MODEL.score(page.links[0], page, engagement=late, now=NOW)
    with pytest.raises(InvalidValueError, match="now="):
        MODEL.score(
            page.links[0],
            page,
            engagement=Engagement(posted_at=NOW),
            now=datetime(2024, 6, 1),
        )


def test_wrong_argument_types_raise_invalid_input() -> None:
    page = page_of(anchor(TARGET))
    with pytest.raises(InvalidInputError, match="clicks="):
        MODEL.score(page.links[0], page, clicks=[1])  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=r"clicks\['https://example.com/guide'\]"):
        MODEL.score(page.links[0], page, clicks={TARGET: -1})

    page = page_of(anchor(TARGET))
    with pytest.raises(InvalidInputError, match="link="):
        MODEL.score("https://example.com/", page)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="page="):
        MODEL.score(page.links[0], "page")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="source="):
        MODEL.score(page.links[0], page, source={"authority": 3})  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="engagement="):
        MODEL.score(page.links[0], page, engagement=5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"authority": "45", "spam_score": " 2.5 ", "tier": "High"}, (45, 2.5, "high")),
        ({"authority": "", "spam_score": None}, (None, None, None)),
        ({"page": "https://x/", "extra": "ignored"}, (None, None, None)),
    ],
)
def test_source_metrics_from_record(
    record: dict[str, object], expected: tuple[object, ...]
) -> None:
    found = SourceMetrics.from_record(record)
    assert (found.authority, found.spam_score, found.tier) == expected


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"likes": "many"}, "Engagement.likes='many': not a number"),
        ({"likes": "-3"}, "Engagement.likes=-3"),
        ({"posted_at": "yesterday"}, "Engagement.posted_at='yesterday'"),
        ({"posted_at": "2024-05-01T10:00:00"}, "needs a UTC offset"),
    ],
)
def test_engagement_from_record_errors(record: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Engagement.from_record(record)
    assert message in str(caught.value)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["likes", "shares", "posted_at", "x"]), st.text()))
def test_engagement_from_record_never_raises_anything_else(record: dict[str, str]) -> None:
    with contextlib.suppress(BacklinkkitError):
        Engagement.from_record(record)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["authority", "spam_score", "tier", "relevance", "metric", "value",
                         "ahrefs-dr", "moz-pa"]),
        st.text(),
    )
)  # fmt: skip
def test_source_metrics_from_record_never_raises_anything_else(record: dict[str, str]) -> None:
    with contextlib.suppress(BacklinkkitError):
        SourceMetrics.from_record(record)


# --------------------------------------------------------------------------- properties

rels = st.sampled_from([None, "nofollow", "ugc", "sponsored", "noopener", "ugc nofollow"])
regions = st.sampled_from(REGIONS)
hrefs = st.sampled_from(
    [
        TARGET,
        "https://example.com/other",
        "https://www.example.net/a",
        "https://shop.example.net/b",
        "/internal",
        "#top",
        "mailto:x@example.com",
        "https://blog.example.org/post2",
    ]
)
link_specs = st.lists(st.tuples(hrefs, regions, rels), max_size=8)
authorities = st.floats(0, 100)
counts = st.one_of(st.none(), st.integers(0, 10**9), st.integers(0, 10**12).map(float))
ages = st.floats(0, 24 * 3650)
platforms = st.sampled_from([p.key for p in DEFAULT_PLATFORMS])
metric_keys = st.sampled_from(METRIC_KEYS)


def build(specs: list[tuple[str, str, str | None]]) -> Page:
    return page_of(*(anchor(h, region, rel) for h, region, rel in specs))


@settings(max_examples=200, deadline=None)
@given(a=authorities, b=authorities, specs=link_specs, region=regions, key=metric_keys)
def test_more_authority_never_lowers_direct(
    a: float, b: float, specs: list[tuple[str, str, str | None]], region: str, key: str
) -> None:
    page = build([(TARGET, region, None), *specs])
    top = 10 if key == "open-pagerank" else 100
    low, high = sorted((a * top / 100, b * top / 100))
    assert direct_of(page, source=SourceMetrics(metric=key, value=low)) <= direct_of(
        page, source=SourceMetrics(metric=key, value=high)
    )


@settings(max_examples=200, deadline=None)
@given(base=link_specs, extra=link_specs, unit=st.sampled_from(["links", "domains"]))
def test_more_outbound_links_never_raise_direct(
    base: list[tuple[str, str, str | None]],
    extra: list[tuple[str, str, str | None]],
    unit: str,
) -> None:
    model = attrs.evolve(MODEL, dilution_unit=unit)  # type: ignore[arg-type]
    first = [(TARGET, "content", None), *base]
    fewer = build(first)
    more = build(first + extra)
    assert model.score(more.links[0], more).direct <= model.score(fewer.links[0], fewer).direct * (
        1 + 1e-12
    )


@settings(max_examples=200, deadline=None)
@given(specs=link_specs, authority=authorities, where=st.integers(0, 8))
def test_content_is_worth_more_than_footer(
    specs: list[tuple[str, str, str | None]], authority: float, where: int
) -> None:
    # With another link to share the page with, the reasonable surfer follows the body link
    # more (w 1 against 0.15); alone on the page a link gets the whole share either way.
    others = [s for s in specs if s[0] != TARGET]
    where = min(where, len(others))
    others.insert(where, ("https://always.example.net/", "nav", None))
    in_content = build([*others[:where], (TARGET, "content", None), *others[where:]])
    in_footer = build([*others[:where], (TARGET, "footer", None), *others[where:]])
    source = SourceMetrics(authority=authority)
    assert direct_of(in_content, where, source=source) > direct_of(in_footer, where, source=source)


engagements = st.builds(
    Engagement,
    likes=counts,
    shares=counts,
    comments=counts,
    clicks=counts,
    impressions=counts,
    followers=counts,
)


def _add(value: float | None, more: float) -> float | None:
    return None if value is None else min(value + more, 1e15)


@settings(max_examples=200, deadline=None)
@given(
    e=engagements,
    more=st.lists(st.integers(0, 10**9), min_size=6, max_size=6),
    platform=platforms,
    age=ages,
)
def test_more_engagement_never_lowers_any_amount(
    e: Engagement, more: list[float], platform: str, age: float
) -> None:
    page = page_of(anchor(TARGET))
    e = attrs.evolve(e, posted_at=NOW - timedelta(hours=age))
    bigger = attrs.evolve(
        e,
        likes=_add(e.likes, more[0]),
        shares=_add(e.shares, more[1]),
        comments=_add(e.comments, more[2]),
        clicks=_add(e.clicks, more[3]),
        impressions=_add(e.impressions, more[4]),
        followers=_add(e.followers, more[5]),
    )
    kwargs = {"platform": platform, "now": NOW}
    low = MODEL.score(page.links[0], page, engagement=e, **kwargs).social  # type: ignore[arg-type]
    high = MODEL.score(page.links[0], page, engagement=bigger, **kwargs).social  # type: ignore[arg-type]
    assert float(high) >= float(low) * (1 - 1e-12)
    for when in ("delivered", "remaining"):
        for unit in ("visits", "impressions", "engagement"):
            a, b = getattr(getattr(low, when), unit), getattr(getattr(high, when), unit)
            assert (a is None) == (b is None)
            if a is not None:
                assert b >= a * (1 - 1e-12)


@settings(max_examples=200, deadline=None)
@given(e=engagements, a=ages, b=ages, platform=platforms)
def test_remaining_never_grows_with_age_and_delivered_never_changes(
    e: Engagement, a: float, b: float, platform: str
) -> None:
    page = page_of(anchor(TARGET))
    young, old = sorted((a, b))

    def social(age: float) -> SocialValue:
        engagement = attrs.evolve(e, posted_at=NOW - timedelta(hours=age))
        return MODEL.score(
            page.links[0], page, engagement=engagement, platform=platform, now=NOW
        ).social

    s_young, s_old = social(young), social(old)
    assert s_old.delivered == s_young.delivered
    for unit in ("visits", "impressions", "engagement"):
        y, o = getattr(s_young.remaining, unit), getattr(s_old.remaining, unit)
        if y is not None:
            assert o <= y * (1 + 1e-12)


@settings(max_examples=100, deadline=None)
@given(e=engagements, age=st.one_of(st.none(), ages))
def test_web_pages_remaining_is_unknown_and_explained(e: Engagement, age: float | None) -> None:
    # Unknown is not zero: every amount delivered on a web page is kept, none remaining is
    # made up, and each unknown remaining amount says why.
    page = page_of(anchor(TARGET), url=FORUM_URL)
    posted = None if age is None else NOW - timedelta(hours=age)
    value = MODEL.score(page.links[0], page, engagement=attrs.evolve(e, posted_at=posted), now=NOW)
    social = value.social
    for unit in ("visits", "impressions", "engagement"):
        assert getattr(social.remaining, unit) is None
        if getattr(social.delivered, unit) is not None:
            assert social.why_unknown(f"{unit} remaining") is not None
            assert value.coverage.lifetime == "unknown"
    if value.coverage.lifetime != "unknown":
        assert all(
            getattr(social.delivered, u) is None for u in ("visits", "impressions", "engagement")
        )


@settings(max_examples=100, deadline=None)
@given(clicks=st.integers(1, 10**6), age=st.floats(0.5, 24 * 365))
def test_pinterest_always_keeps_more_remaining_than_x(clicks: int, age: float) -> None:
    # Graffius 2018 / Piqora 2013 (Pinterest: days to months) against bitly 2011 (X: 2.8 h).
    page = page_of(anchor(TARGET))
    e = Engagement(clicks=clicks, posted_at=NOW - timedelta(hours=age))

    def remaining(platform: str) -> float:
        s = MODEL.score(page.links[0], page, engagement=e, platform=platform, now=NOW).social
        assert s.remaining.visits is not None
        return s.remaining.visits

    assert remaining("pinterest") > remaining("x")


@settings(max_examples=200, deadline=None)
@given(
    specs=link_specs,
    e=engagements,
    key=metric_keys,
    level=st.floats(0, 1),
    spam=st.one_of(st.none(), st.floats(0, 100)),
    tier=st.sampled_from([None, "high", "medium", "low"]),
    relevance=st.one_of(st.none(), st.floats(0.5, 1.5)),
    age=st.one_of(st.none(), ages),
    platform=platforms,
    scale=st.floats(1, 1000),
)
def test_values_are_finite_non_negative_and_explained_exactly(
    specs: list[tuple[str, str, str | None]],
    e: Engagement,
    key: str,
    level: float,
    spam: float | None,
    tier: str | None,
    relevance: float | None,
    age: float | None,
    platform: str,
    scale: float,
) -> None:
    page = build(specs) if specs else page_of(anchor(TARGET))
    model = attrs.evolve(MODEL, authority_scale=scale)
    top = 10 if key == "open-pagerank" else 100
    source = SourceMetrics(
        metric=key,
        value=level * top,
        spam_score=spam,
        tier=tier,  # type: ignore[arg-type]
        relevance=relevance,
    )
    posted = None if age is None else NOW - timedelta(hours=age)
    engagement = attrs.evolve(e, posted_at=posted)
    values = model.score_page(
        page, source=source, engagement=engagement, now=NOW, platform=platform
    )
    for value in values:
        assert isinstance(value, LinkValue)
        why = value.explain()
        assert math.prod(f.value for f in why.factors) == value.direct
        assert math.isfinite(value.direct)
        assert value.direct >= 0
        assert (value.direct == 0) == any(f.value == 0 for f in why.factors)
        social = why.social
        for when in ("delivered", "remaining"):
            amounts = getattr(social, when)
            for unit in ("visits", "impressions", "engagement"):
                amount = getattr(amounts, unit)
                term = social.term(f"{unit} {when}")
                if amount is None:
                    assert term is None
                else:
                    assert math.isfinite(amount)
                    assert amount >= 0
                    assert term is not None
                    assert term.value == amount
        found = social.remaining.referring_domains
        if found is not None:
            assert 0 <= found.low <= found.central <= found.high < math.inf
        assert math.isfinite(value.social_visits)
        assert value.social_visits >= 0
        text = str(why)
        assert text.startswith("direct = ")
        assert "coverage: " in text
    # the page's links share its totals: visits delivered add up to at most the post's
    delivered = [v.social.delivered.visits for v in values if v.social.delivered.visits is not None]
    if e.clicks is not None and len(values) == len(page.links):
        assert math.fsum(delivered) <= e.clicks * (1 + 1e-9)


def test_a_link_of_a_re_extracted_page_is_credited_the_same() -> None:
    html = anchor(TARGET) + anchor("https://other.example.net/", "footer")
    first, again = page_of(html), page_of(html)
    e = Engagement(clicks=23)
    assert MODEL.score(again.links[0], first, engagement=e) == MODEL.score(
        first.links[0], first, engagement=e
    )
    # by weight: 23 × 1 / 1.15
    assert MODEL.score(again.links[0], first, engagement=e).social.delivered.visits == (
        pytest.approx(23 / 1.15)
    )


def test_score_and_score_page_agree() -> None:
    page = page_of(anchor(TARGET), anchor(TARGET, "footer"), *filler(3), anchor("/x"))
    source = SourceMetrics(authority=33)
    e = Engagement(clicks=10)
    assert MODEL.score_page(page, source=source, engagement=e) == tuple(
        MODEL.score(link, page, source=source, engagement=e) for link in page.links
    )


# --------------------------------------------------------------------------- registry facts

GOOGLE_WRAPPED = "https://www.google.com/url?q=https://example.com/guide"


def test_scoring_imports_nothing_from_social() -> None:
    # Registry facts are decided at extraction (issue 8): scoring reads Page and Link only.
    import ast
    from pathlib import Path

    import backlinkkit.scoring

    package = Path(backlinkkit.scoring.__file__).parent
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert "social" not in (node.module or ""), (module.name, node.module)
            elif isinstance(node, ast.Import):
                assert all("social" not in a.name for a in node.names), module.name


@pytest.mark.parametrize("method", ["score", "score_page"])
def test_registry_argument_is_deprecated_and_ignored(method: str) -> None:
    from backlinkkit.social import SocialRegistry

    page = page_of(anchor(TARGET), anchor(GOOGLE_WRAPPED))
    empty = SocialRegistry(())  # a registry that knows no platform and no wrapper
    if method == "score":
        expected: object = MODEL.score(page.links[1], page)
        with pytest.warns(DeprecationWarning, match="registry facts are decided at extraction"):
            found: object = MODEL.score(page.links[1], page, registry=empty)
    else:
        expected = MODEL.score_page(page)
        with pytest.warns(DeprecationWarning, match=r"extract_links\(\.\.\., registry=\.\.\.\)"):
            found = MODEL.score_page(page, registry=empty)
    assert found == expected


def test_platform_is_the_registry_key_and_params_key_the_table_entry() -> None:
    # The registry lists Medium as a blogging platform; the table has no entry for it, so
    # its pages use the "web" parameters (docs/model.md), while the platform stays "medium".
    on_medium = page_of(anchor(TARGET), url="https://medium.com/@baker/sourdough-notes")
    value = MODEL.score(on_medium.links[0], on_medium)
    assert on_medium.platform == "medium"
    assert (value.platform, value.params_key) == ("medium", "web")
    assert "platform medium, parameters web" in str(value.explain())
    off_platform = page_of(anchor(TARGET))
    plain = MODEL.score(off_platform.links[0], off_platform)
    assert (plain.platform, plain.params_key) == (None, "web")
    on_facebook = page_of(anchor(TARGET), url="https://www.facebook.com/ExampleBakery/posts/1")
    post = MODEL.score(on_facebook.links[0], on_facebook)
    assert (post.platform, post.params_key) == ("facebook", "facebook")
    chosen = MODEL.score(on_facebook.links[0], on_facebook, platform="pinterest")
    assert (chosen.platform, chosen.params_key) == ("facebook", "pinterest")


def test_a_link_through_google_url_redirect_lands_on_its_target() -> None:
    # google.com/url?q=TARGET is a redirect to TARGET: the link counts as a link to TARGET —
    # another site, through a redirector, a second link to the same target.
    page = page_of(anchor(TARGET), anchor(GOOGLE_WRAPPED))
    direct, wrapped = MODEL.score_page(page)
    assert page.links[1].landing_url == TARGET
    assert page.links[1].wrapper == "google"
    assert direct.gates == ()
    assert wrapped.gates == ("redirect",)
    why = str(wrapped.explain())
    assert "through the google redirector" in why
    assert "1 of 2 links to this target" in why
    alone = page_of(anchor(GOOGLE_WRAPPED))
    through = attrs.evolve(MODEL, redirect=1.0)
    assert through.score(alone.links[0], alone).direct == pytest.approx(
        direct_of(page_of(anchor(TARGET)))
    )
    internal = next(f for f in through.score(alone.links[0], alone).factors if f.name == "internal")
    assert internal.value == 1
    assert internal.detail == "target on another site, via the google redirector"


def test_a_wrapped_link_back_to_the_page_site_is_internal() -> None:
    page = page_of(anchor("https://www.google.com/url?q=https://blog.example.org/other"))
    value = attrs.evolve(MODEL, redirect=1.0).score(page.links[0], page)
    assert value.gates == ("internal",)


def test_dilution_by_domains_counts_landing_sites() -> None:
    model = attrs.evolve(MODEL, dilution_unit="domains")
    page = page_of(anchor(TARGET), anchor(GOOGLE_WRAPPED), anchor("https://other.example.net/"))
    value = model.score(page.links[0], page)
    dilution = next(f for f in value.factors if f.name == "dilution")
    assert dilution.detail.endswith("N = 2 external sites linked")  # example.com, example.net
    # Ahrefs DR style: an equal split per linked site, the region weight not renormalised
    assert factor(value, "region") == 1.0


def test_landing_url_is_deprecated() -> None:
    from backlinkkit.scoring import landing_url

    link = page_of(anchor(GOOGLE_WRAPPED)).links[0]
    with pytest.warns(DeprecationWarning, match="Link.landing_url"):
        assert landing_url(link) == (TARGET, "google")


def test_record_parsers_are_public() -> None:
    from backlinkkit.scoring import parse_datetime, parse_number

    assert parse_number("Engagement", "likes", " 7 ") == 7
    assert parse_number("Engagement", "likes", "2.5") == 2.5
    assert parse_number("Engagement", "likes", "  ") is None
    assert parse_datetime("now", "value", "2024-06-01T12:00:00Z") == NOW
    with pytest.raises(InvalidValueError, match=r"^now\.value='soon': not an ISO 8601"):
        parse_datetime("now", "value", "soon")
    with pytest.raises(InvalidInputError, match=r"^Engagement\.likes=\[1\]"):
        parse_number("Engagement", "likes", [1])


def test_without_social_keeps_units_and_unknowns() -> None:
    page = page_of(anchor(TARGET))
    value = MODEL.score(page.links[0], page, engagement=Engagement(clicks=5, shares=3))
    zeroed = value.without_social("credited elsewhere")
    assert zeroed.social.delivered.visits == 0
    assert zeroed.social.delivered.impressions is None
    assert zeroed.direct == value.direct
    assert all(t.detail.startswith("0: ") for t in zeroed.social.terms)
