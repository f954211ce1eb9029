"""Tests for backlinkkit.report: the text, HTML and DataFrame views of a profile."""

from __future__ import annotations

import sys

import pytest

from backlinkkit import extract_links
from backlinkkit.audit import RECORD_KEYS, BacklinkProfile, ProfileSummary, audit
from backlinkkit.errors import MissingDependencyError
from backlinkkit.page import Page
from backlinkkit.report import (
    OFF_PLATFORM,
    backlink_table,
    profile_html,
    summary_text,
    to_dataframe,
)
from backlinkkit.scoring import SourceMetrics


def page(body: str, url: str) -> Page:
    return extract_links(body, url)


def _profile() -> BacklinkProfile:
    p = page(
        '<article><a href="https://example.com/a">A &amp; <b>B</b></a>'
        '<a href="https://example.com/b" rel="nofollow">&lt;script&gt;</a></article>',
        "https://a.example.org/",
    )
    q = page('<a href="https://example.com/">c</a>', "https://b.example.net/")
    return audit([p, q], "example.com", sources={"example.org": SourceMetrics(authority=50)})


# Direct values by the model's formula (docs/model.md): authority a gives 10^(a/20),
# times damping 0.85, times the link's share w/Σw of the page's links to other pages
# (reasonable surfer: region weights renormalised over the page's links).
FIRST = 10**2.5 * 0.85 * 1 / (1 + 1)  # a.example.org, authority 50, 2 content links: 134.38…
THIRD = 10**0.5 * 0.85 * 0.7 / 0.7  # b.example.net, default authority 10, its only link: 2.688…


def test_text_table_writes_numbers_by_the_one_rule() -> None:
    # _format.number: four significant digits.
    assert f"{FIRST:.4g}" == "134.4"
    assert f"{THIRD:.4g}" == "2.688"
    lines = backlink_table(_profile()).splitlines()
    assert lines[0].split() == [
        "referring",
        "host",
        "type",
        "region",
        "anchor",
        "landing",
        "URL",
        "direct",
        "social",
        "gates",
    ]
    assert lines[2].split() == [
        "a.example.org",
        "followed",
        "content",
        "A",
        "&",
        "B",
        "example.com/a",
        "134.4",
        "?",
        "-",
    ]  # fmt: skip  (no engagement data: the visits are unknown, not 0)
    assert lines[3].split() == [
        "a.example.org", "nofollow", "content", "<script>", "example.com/b", "0", "?", "rel"
    ]  # fmt: skip
    assert lines[4].split() == [
        "b.example.net", "followed", "unknown", "c", "example.com/", "2.688", "?", "-"
    ]  # fmt: skip


def test_sitewide_links_are_marked_in_the_table_and_the_summary() -> None:
    p = page(
        '<footer><a href="https://example.com/">Example</a></footer>', "https://a.example.org/"
    )
    profile = audit([p], "example.com")
    row = backlink_table(profile).splitlines()[2].split()
    assert row[2:4] == ["footer", "sw"]
    text = summary_text(profile.summary)
    assert "sitewide or template links: 1; direct counted" in text
    assert "× 0.5" in text


def test_share_buttons_and_notes_are_in_the_summary() -> None:
    p = page(
        '<a href="https://twitter.com/intent/tweet?url=x">Tweet</a>'
        '<a href="https://x.com/golden">Follow</a>',
        "https://blog.example.org/",
    )
    text = summary_text(audit([p], "twitter.com").summary)
    assert "1 share buttons left out (a share button is not a backlink)" in text
    assert "note: twitter.com is a domain of the platform x" in text


def test_html_shows_the_first_rows_and_how_many_more() -> None:
    html = profile_html(_profile(), limit=2)
    assert html.count("<tr>") == 3  # header + 2
    assert "… and 1 more backlinks (first 2 shown)" in html
    assert "more backlinks" not in profile_html(_profile())


def test_text_table_fits_and_shows_both_values() -> None:
    table = _profile().to_table(width=100)
    lines = table.splitlines()
    assert all(len(line) <= 100 for line in lines)
    assert len(lines) == 2 + 3


def test_a_narrow_table_cuts_the_referring_host_in_the_middle() -> None:
    p = page(
        '<a href="https://example.com/">x</a>',
        "https://a-very-long-subdomain-name.of-a-blog.example.org/post",
    )
    table = backlink_table(audit([p], "example.com"), width=60)
    host = table.splitlines()[2].split()[0]
    assert "…" in host
    assert host == "a-very…ple.org"  # cut to 14 characters, the grid's floor
    assert table.splitlines()[0].startswith("referring host  type")  # 14 + 2 spaces


def test_platform_is_the_registry_key_or_a_dash_in_the_html() -> None:
    p = page('<a href="https://example.com/">x</a>', "https://medium.com/@alice/a-post-1")
    q = page('<a href="https://example.com/">x</a>', "https://blog.example.org/")
    profile = audit([p, q], "example.com")
    html = profile_html(profile)
    assert "<td>medium</td>" in html
    assert "<td>example.org</td><td>-</td>" in html
    assert p.platform == "medium"


def test_summary_text_counts_pages_on_no_platform_as_off_platform() -> None:
    p = page('<a href="https://example.com/">x</a>', "https://medium.com/@alice/a-post-1")
    q = page(
        '<a href="https://example.com/1">x</a><a href="https://example.com/2">y</a>',
        "https://blog.example.org/",
    )
    summary = audit([p, q], "example.com").summary
    assert summary.platforms == (("medium", 1),)
    assert summary.off_platform == 2
    text = summary_text(summary)
    assert f"  platforms:  {OFF_PLATFORM} 2, medium 1" in text.splitlines()
    assert str(summary) == text


def test_summary_text_writes_totals_by_the_one_rule() -> None:
    summary = _profile().summary
    text = summary_text(summary)
    total = FIRST + THIRD  # 137.07…
    assert f"{total:.4g}" == "137.1"
    # No engagement data: the social total is unknown, not 0 visits.
    assert (
        "direct total 137.1 equity units; social total unknown (no backlink's visits are known)"
        in text
    )
    assert f"{FIRST / total:.0%}" == "98%"
    assert "top referring domain example.org: 98% of direct value" in text


def test_an_empty_summary() -> None:
    text = summary_text(audit([], "example.com").summary)
    assert text.splitlines()[0] == (
        "target example.com: 0 backlinks from 0 referring domains on 0 of 0 pages"
    )
    assert "  platforms:  none" in text.splitlines()
    assert "top referring domain" not in text


def test_summary_text_of_a_hand_built_summary() -> None:
    summary = ProfileSummary(
        target="example.com",
        pages=3,
        errors=1,
        linking_pages=2,
        own_site_links=4,
        backlinks=2,
        referring_domains=2,
        link_types=[("followed", 2)],
        regions=[("content", 2)],
        platforms=[],
        direct_total=1234.5678,
        social_total=0.000123,
        top_domain="example.org",
        top_domain_direct_share=0.5,
        top_domain_link_share=0.5,
    )
    assert summary_text(summary).splitlines() == [
        "target example.com: 2 backlinks from 2 referring domains on 2 of 3 pages "
        "(1 error records skipped)",
        "  link types: followed 2",
        "  regions:    content 2",
        "  platforms:  none",
        "  direct total 1235 equity units; social total 0.000123 visits",
        "  top referring domain example.org: 50% of direct value, largest share of links 50%",
        "  4 links from the target's own site skipped",
    ]


def test_html_is_escaped() -> None:
    html = profile_html(_profile())
    assert "&lt;script&gt;" in html
    assert "<script>" not in html
    assert "A &amp; B" in html
    assert html.count("<tr>") == 4  # header + 3 backlinks
    assert "<td>134.4</td>" in html
    assert _profile()._repr_html_() == html


def test_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    frame = to_dataframe(_profile())
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(RECORD_KEYS)
    assert len(frame) == 3
    assert frame.groupby("referring_domain")["direct"].sum()["example.org"] == pytest.approx(FIRST)
    empty = to_dataframe(audit([], "example.com"))
    assert list(empty.columns) == list(RECORD_KEYS)


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "backlinkkit\[pandas\]"'):
        to_dataframe(_profile())


def test_reprs_are_short_summaries() -> None:
    from backlinkkit.report import profile_repr

    profile = _profile()
    assert repr(profile) == profile_repr(profile)
    assert repr(profile).startswith(
        "<BacklinkProfile example.com: 3 backlinks from 2 referring domains on 2 pages, "
    )
    p = page('<title>T</title><a href="https://example.com/">x</a>', "https://a.example.org/")
    assert repr(p) == "<Page https://a.example.org/: 1 link (1 backlink), title 'T'>"
    value = profile.backlinks[1].value
    assert repr(value).startswith("<LinkValue https://example.com/b direct 0 ")
    text = repr(value.explain())
    assert text.startswith("<Explanation direct 0 from ")
    assert "closed gates rel" in text
    assert len(text) < 140


def test_coverage_referrals_and_disavowed_in_the_text_and_html() -> None:
    from backlinkkit import read_disavow, read_referrals

    p = extract_links(
        '<main><a href="https://example.com/a">a</a></main>', "https://a.example.org/"
    )
    q = extract_links('<a href="https://example.com/">c</a>', "https://b.example.net/")
    refs = read_referrals(
        [{"Session source / medium": "a.example.org / referral", "Landing page": "/a",
          "Sessions": 7},
         {"Session source / medium": "t.co / referral", "Landing page": "/", "Sessions": 3}],
        base_url="https://example.com/",
    )  # fmt: skip
    profile = audit(
        [p, q], "example.com", referrals=refs, disavow=read_disavow("domain:example.net")
    )
    text = summary_text(profile.summary)
    # a.example.org is a web page: its 7 measured sessions were delivered, and what
    # remains of them is unknown (no lifetime curve); b.example.net has no data at all
    assert (
        "  coverage: authority known for 0 of 2 backlinks (defaults used for the rest); "
        "engagement data for 1; visits measured for 1, estimated for 0, unknown for 1; "
        "1 on defaults only; remaining social value unknown for 1 of 2 backlinks (no "
        "lifetime curve for web pages); totals count delivered visits only"
    ) in text.splitlines()
    assert (
        "  direct total 2.688 equity units; social total 7 visits = 7 delivered + remaining unknown"
    ) in text.splitlines()
    assert (
        "  referrals: measured sessions credited to 1 backlinks (7 sessions); 3 sessions "
        "matched no backlink (1 rows: profile.unmatched_referrals)"
    ) in text.splitlines()
    assert "  1 backlinks already disavowed: left out of direct totals (Google ignores them)" in (
        text.splitlines()
    )
    page_html = profile._repr_html_()
    assert "authority known for 0 of 2 backlinks" in page_html
    assert "<th>visits</th>" in page_html
    assert "<td>measured, remaining unknown</td>" in page_html
    assert "remaining social value unknown for 1 of 2 backlinks" in page_html
    assert "(disavowed)" in page_html
    table = profile.to_table().splitlines()
    assert table[-1].rstrip().endswith("disavowed")


def _one_post_two_web_pages() -> BacklinkProfile:
    """One X post (a lifetime curve) and two web pages (none), each with one link and
    measured clicks: 90, 20 and 5; the post has no posted_at (90 % assumed delivered)."""
    from datetime import datetime, timezone

    from backlinkkit.scoring import Engagement

    post = page('<a href="https://example.com/">x</a>', "https://x.com/a/status/1")
    blog = page('<main><a href="https://example.com/a">a</a></main>', "https://blog.example.org/")
    forum = page('<main><a href="https://example.com/b">b</a></main>', "https://forum.example.net/")
    engagement = {
        "https://x.com/a/status/1": Engagement(clicks=90),
        "https://blog.example.org/": Engagement(clicks=20),
        "https://forum.example.net/": Engagement(clicks=5),
    }
    now = datetime(2024, 6, 1, 12, tzinfo=timezone.utc)
    return audit([post, blog, forum], "example.com", engagement=engagement, now=now)


def test_unknown_remaining_value_in_the_text_the_table_and_the_html() -> None:
    from backlinkkit.audit import ProfileCoverage
    from backlinkkit.report import REMAINING_UNKNOWN_MARK, coverage_text, lifetime_text

    profile = _one_post_two_web_pages()
    said = (
        "remaining social value unknown for 2 of 3 backlinks (no lifetime curve for web "
        "pages; known for 1); totals count delivered visits only for those 2"
    )
    assert lifetime_text(profile.summary.coverage) == said
    assert coverage_text(profile.summary.coverage).endswith("; " + said)
    lines = summary_text(profile.summary).splitlines()
    # direct: three links alone on their pages, default authority 10: 3 × 10^0.5 × 0.85;
    # delivered 90 + 20 + 5 = 115; remaining 90 × 0.1/0.9 = 10 (the post only)
    assert f"{3 * 10**0.5 * 0.85:.4g}" == "8.064"
    assert lines[4] == (
        "  direct total 8.064 equity units; social total 125 visits = 115 delivered + "
        "10 remaining (partial: unknown for 2)"
    )
    # the table: the post's social figure is 100 (90 + 10); the web links' are what they
    # delivered, marked "+?": more may come, how much is unknown
    social = [row.split()[-2] for row in backlink_table(profile).splitlines()[2:]]
    assert social == ["100", "20" + REMAINING_UNKNOWN_MARK, "5" + REMAINING_UNKNOWN_MARK]
    html = profile_html(profile)
    assert said in html
    assert html.count("<td>measured, remaining unknown</td>") == 2
    assert html.count("<td>measured</td>") == 1
    # only the 38 web pages of 41 backlinks unknown, nothing known
    assert lifetime_text(ProfileCoverage(41, lifetime_unknown=38, no_lifetime=["web"])) == (
        "remaining social value unknown for 38 of 41 backlinks (no lifetime curve for web "
        "pages); totals count delivered visits only"
    )
    # a platform whose curve the caller removed is named by its key
    assert "(no lifetime curve for web pages, x)" in lifetime_text(
        ProfileCoverage(3, lifetime_unknown=3, no_lifetime=["web", "x"])
    )


def test_views_are_unchanged_when_no_remaining_value_is_unknown() -> None:
    from backlinkkit.report import lifetime_text

    profile = _profile()  # no engagement at all
    assert lifetime_text(profile.summary.coverage) == ""
    assert "+?" not in backlink_table(profile)
    assert "remaining" not in summary_text(profile.summary)
    assert "remaining" not in profile_html(profile)
