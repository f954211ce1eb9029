"""backlinkkit.referrals: GA4 / Universal Analytics export reader and source mapping.

Column names, preamble and source list follow ``../shared/reference/seo-data.md`` §2;
expected rows are read off the sample files' own lines; the platform expected for
each source of GA4's social list is the registry's platform for that site.
"""

from __future__ import annotations

import codecs
import doctest
import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit import (
    InputFormatError,
    Referral,
    Referrals,
    default_registry,
    fit_half_life,
    load_samples,
    read_referrals,
)
from backlinkkit import referrals as referrals_module
from backlinkkit.errors import InvalidInputError, InvalidValueError
from backlinkkit.referrals import landing_key, platform_of_source, sample_path

GA4_HEADER = (
    "Session source / medium,Landing page + query string,Sessions,Engaged sessions,Key events"
)


def read(text: str, **kwargs: Any) -> Referrals:
    return read_referrals(io.BytesIO(text.encode("utf-8")), **kwargs)


def test_module_examples() -> None:
    assert doctest.testmod(referrals_module).failed == 0


def test_ga4_sample_rows_as_written() -> None:
    refs = read_referrals(sample_path("ga4"), base_url="https://example.com/")
    assert refs.errors == ()
    assert refs.notes == ()
    assert len(refs) == 14
    # line 10: l.facebook.com / referral,Organic Social,/recipes/sourdough?utm_source=...
    assert refs.rows[0] == Referral(
        source="l.facebook.com",
        medium="referral",
        platform="facebook",
        landing_page="/recipes/sourdough?utm_source=facebook&fbclid=IwAR0Example",
        landing_url="https://example.com/recipes/sourdough",
        sessions=182,
        engaged_sessions=121,
        key_events=9,
        date=date(2024, 6, 1),
        hour=None,
        channel="Organic Social",
        scope="session",
        file=str(sample_path("ga4")),
        line=10,
    )
    t_co = next(r for r in refs if r.source == "t.co")
    assert (t_co.sessions, t_co.platform) == (1051, "x")  # "1,051" in the file
    direct = refs.rows[-1]
    assert (direct.source, direct.medium, direct.platform, direct.landing_url) == (
        "(direct)",
        "(none)",
        None,
        None,
    )
    by = refs.by_platform()
    assert by["facebook"].sessions == 182 + 23 + 5
    assert by["facebook"].engaged_sessions == 121 + 14 + 2
    assert by["linkedin"].rows == 2  # lnkd.in and android-app://com.linkedin.android
    assert by["linkedin"].sessions == 17 + 7
    assert refs.totals().sessions == refs.sessions == 8193


def test_ua_sample_totals_row_and_second_table_are_noted() -> None:
    refs = read_referrals(sample_path("ua"))
    assert len(refs) == 6
    assert refs.rows[0].sessions == 1204
    assert refs.rows[0].key_events == 37  # Goal Completions
    assert refs.rows[0].engaged_sessions is None
    assert refs.rows[0].landing_url is None  # a path, no base_url
    assert len(refs.notes) == 2
    assert refs.notes[0].endswith(":14: a totals row (no source), not a referral")
    assert "3 more lines after the first table (starting 'Day Index,Sessions')" in refs.notes[1]
    assert refs.sessions_by_landing() == {
        "/recipes/sourdough": 1204 + 352 + 88,
        "/": 129 + 3017 + 1466,
    }


# GA4's SOCIAL source rows as seo-data.md §2 summarises them, and the platform the
# registry has for each site (None: no registry platform, or a shortener).
GA4_SOCIAL = [
    ("facebook", "facebook"),
    ("facebook.com", "facebook"),
    ("fb", "facebook"),
    ("fb.me", "facebook"),
    ("l.facebook.com", "facebook"),
    ("lm.facebook.com", "facebook"),
    ("m.facebook.com", "facebook"),
    ("mobile.facebook.com", "facebook"),
    ("touch.facebook.com", "facebook"),
    ("web.facebook.com", "facebook"),
    ("business.facebook.com", "facebook"),
    ("l.instagram.com", "instagram"),
    ("instagram", "instagram"),
    ("ig", "instagram"),
    ("l.messenger.com", "messenger"),
    ("t.co", "x"),
    ("twitter", "x"),
    ("lnkd.in", "linkedin"),
    ("linkedin", "linkedin"),
    ("reddit", "reddit"),
    ("out.reddit.com", "reddit"),
    ("old.reddit.com", "reddit"),
    ("amp.reddit.com", "reddit"),
    ("pinterest.com", "pinterest"),
    ("pinterest.co.uk", "pinterest"),
    ("pin.it", "pinterest"),
    ("tiktok", "tiktok"),
    ("t.me", "telegram"),
    ("whatsapp", "whatsapp"),
    ("vk.com", "vk"),
    ("away.vk.com", "vk"),
    ("quora", "quora"),
    ("medium.com", "medium"),
    ("tumblr", "tumblr"),
    ("news.ycombinator.com", "hackernews"),
    ("stackoverflow", None),
    ("yelp", None),
    ("tripadvisor", None),
    ("trustpilot", None),
    ("bit.ly", None),
    ("tinyurl", None),
    ("goo.gl", None),
    ("is.gd", None),
]


@pytest.mark.parametrize(("source", "platform"), GA4_SOCIAL)
def test_ga4_social_sources(source: str, platform: str | None) -> None:
    assert platform_of_source(source) == platform


@pytest.mark.parametrize(
    ("source", "platform"),
    [
        ("android-app://com.linkedin.android", "linkedin"),  # d8a#371
        ("android-app://com.linkedin.android/", "linkedin"),
        ("com.linkedin.android", "linkedin"),  # how GA4 shows it as a source
        ("android-app://com.google.android.gm", None),  # Gmail: no registry platform
        ("L.Facebook.COM", "facebook"),
        ("https://l.facebook.com/", "facebook"),
        ("youtube.com", "youtube"),  # GA4: Video, not Social; still the registry's youtube
        ("x.com", "x"),
        ("bsky.app", "bluesky"),
        ("threads.net", "threads"),
        ("(direct)", None),
        ("(not set)", None),
        ("google", None),  # search, not the registry's google.com/url wrapper
        ("newsletter", None),
        ("", None),
    ],
)
def test_other_sources(source: str, platform: str | None) -> None:
    assert platform_of_source(source) == platform


def test_registry_is_consulted() -> None:
    registry = default_registry().without("facebook")
    refs = read(f"{GA4_HEADER}\nl.facebook.com / referral,/a,3,2,0\n", registry=registry)
    assert refs.rows[0].platform is None
    with pytest.raises(InvalidInputError):
        read(f"{GA4_HEADER}\n", registry="default")


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        (
            "Session source,Session medium,Landing page,Sessions",
            "t.co,referral,/a,5",
            ("t.co", "referral", "/a", 5, "session"),
        ),
        (
            "First user source / medium,Landing page + query string,Sessions",
            "lnkd.in / referral,/b,6",
            ("lnkd.in", "referral", "/b", 6, "first user"),
        ),
        (
            "First user source / medium,Session source / medium,Sessions",
            "lnkd.in / referral,t.co / social,7",
            ("t.co", "social", None, 7, "session"),
        ),
        (
            "sessionSourceMedium,landingPagePlusQueryString,sessions,engagedSessions,keyEvents",
            "out.reddit.com / referral,/c?x=1,8,4,1",
            ("out.reddit.com", "referral", "/c?x=1", 8, "session"),
        ),
        ("Source,Sessions", "reddit,9", ("reddit", None, None, 9, "session")),
    ],
)
def test_column_variants(header: str, row: str, expected: tuple[Any, ...]) -> None:
    refs = read(f"# preamble\n\n{header}\n{row}\n")
    assert refs.errors == ()
    r = refs.rows[0]
    assert (r.source, r.medium, r.landing_page, r.sessions, r.scope) == expected
    assert r.line == 4


@pytest.mark.parametrize(
    ("cell", "sessions"),
    [('"1,234"', 1234), ("1234", 1234), ('"12 345"', 12345), ("1.234", 1234), ("7.0", 7)],
)
def test_thousands_separators(cell: str, sessions: int) -> None:
    refs = read(f"Session source / medium,Sessions\nt.co / referral,{cell}\n")
    assert refs.rows[0].sessions == sessions


@pytest.mark.parametrize(
    ("cell", "day", "hour"),
    [
        ("20240601", date(2024, 6, 1), None),
        ("2024060113", date(2024, 6, 1), 13),
        ("2024-06-01", date(2024, 6, 1), None),
    ],
)
def test_dates(cell: str, day: date, hour: int | None) -> None:
    refs = read(f"Session source / medium,Date,Sessions\nt.co / referral,{cell},3\n")
    assert (refs.rows[0].date, refs.rows[0].hour) == (day, hour)


def test_encodings_and_delimiters() -> None:
    text = (
        "# Start date: 20240501\n"
        "Session source / medium\tLanding page\tSessions\n"
        "t.co / referral\t/a\t1,204\n"
    )
    for data in (
        text.encode("utf-8"),
        codecs.BOM_UTF8 + text.encode("utf-8"),
        text.encode("utf-16"),  # with its BOM
        text.replace("\n", "\r\n").encode("utf-8"),
    ):
        refs = read_referrals(io.BytesIO(data))
        assert [(r.source, r.landing_page, r.sessions, r.line) for r in refs] == [
            ("t.co", "/a", 1204, 3)
        ], data[:20]
    assert read_referrals(io.StringIO(text)).rows[0].sessions == 1204


def test_path_and_in_memory_rows(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(f"{GA4_HEADER}\nt.co / referral,/a,3,2,1\n", encoding="utf-8")
    refs = read_referrals(path, base_url="https://Example.com/blog/")
    assert refs.rows[0].landing_url == "https://example.com/a"
    assert refs.file == str(path)
    rows: list[dict[str, Any]] = [
        {
            "sessionSource": "lnkd.in",
            "sessionMedium": "referral",
            "sessions": 4,
            "date": "20240601",
        },
        {"sessionSource": "t.co", "sessionMedium": "referral", "sessions": "1,000"},
        {"sessionSource": "t.co", "sessions": -1},
        {"pageTitle": "x"},
    ]
    refs = read_referrals(rows)
    assert [(r.source, r.platform, r.sessions, r.line) for r in refs] == [
        ("lnkd.in", "linkedin", 4, 1),
        ("t.co", "x", 1000, 2),
    ]
    assert [(e.line, e.column) for e in refs.errors] == [(3, "sessions"), (4, None)]
    with pytest.raises(InvalidInputError):
        read_referrals([("t.co", 3)])  # type: ignore[list-item]


def test_bad_rows_become_errors_and_the_rest_loads() -> None:
    text = (
        "# GA4\n"
        f"{GA4_HEADER},Date\n"
        "t.co / referral,/a,3,2,1,20240601\n"
        "t.co / referral,/b,three,2,1,20240601\n"
        "t.co / referral,/c,3,2\n"
        "t.co / referral,/d,3,2,1,20241301\n"
        "t.co / referral,/e,,2,1,20240601\n"
        "t.co / referral,/f,4,2,-1,20240601\n"
        "lnkd.in / referral,/g,5,2,1,20240601\n"
    )
    refs = read(text)
    assert [r.landing_page for r in refs] == ["/a", "/g"]
    assert [str(e) for e in refs.errors] == [
        "<stream>:4: column 'Sessions': 'three' is not a whole number",
        "<stream>:5: 4 fields, the header has 6",
        "<stream>:6: column 'Date': '20241301' is not a date (YYYYMMDD, YYYYMMDDHH or YYYY-MM-DD)",
        "<stream>:7: column 'Sessions': missing",
        "<stream>:8: column 'Key events': '-1' is not a whole number",
    ]
    assert "2 rows" in refs.summary()
    assert "5 unreadable rows" in refs.summary()


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"", "no header line"),
        (b"# only comments\n#\n", "no header line"),
        (b"Page path,Views\n/a,3\n", "not a GA4 or Universal Analytics export"),
        (b"Session source / medium,Users\nt.co / referral,3\n", "not a GA4"),  # no Sessions
        (b"<html><body>not an export</body></html>", "not a GA4"),
        (b"\xff\xfe\x00\xd8", "not UTF-16 text"),
        (b"Session source / medium,Sessions\n\x80\x81\n", "not UTF-8 text"),
    ],
)
def test_not_an_export_raises_one_clear_error(data: bytes, match: str) -> None:
    with pytest.raises(InputFormatError, match=match) as caught:
        read_referrals(io.BytesIO(data))
    assert str(caught.value).startswith("<stream>:")
    assert caught.value.file == "<stream>"


def test_argument_errors(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError):
        read_referrals(42)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        read_referrals(b"Session source / medium,Sessions\n")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        read_referrals(sample_path(), base_url="/relative")
    with pytest.raises(InvalidValueError):
        read_referrals(sample_path(), base_url="ftp://example.com/")
    with pytest.raises(InputFormatError, match="cannot open"):
        read_referrals(tmp_path / "absent.csv")
    with pytest.raises(InvalidValueError):
        sample_path("ga3")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("url", "slash", "expected"),
    [
        ("HTTPS://Example.COM:443/A?utm_source=x#frag", False, "https://example.com/A"),
        ("http://example.com", False, "http://example.com/"),
        (
            "https://example.com/p?fbclid=1&q=2&gclid=3&UTM_MEDIUM=m",
            False,
            "https://example.com/p?q=2",
        ),
        ("https://example.com/p/?q=2", False, "https://example.com/p/?q=2"),
        ("https://example.com/p/?q=2", True, "https://example.com/p?q=2"),
        ("https://example.com/", True, "https://example.com/"),
        ("https://example.com/%c3%bc", False, "https://example.com/%C3%BC"),
        ("https://example.com/über", False, "https://example.com/%C3%BCber"),
        ("https://xn--bcher-kva.example/", False, "https://xn--bcher-kva.example/"),
        ("https://bücher.example/", False, "https://xn--bcher-kva.example/"),
    ],
)
def test_landing_key(url: str, slash: bool, expected: str) -> None:
    assert landing_key(url, ignore_trailing_slash=slash) == expected


def test_landing_key_errors() -> None:
    with pytest.raises(InvalidValueError):
        landing_key("/relative")
    with pytest.raises(InvalidValueError):
        landing_key("mailto:a@example.com")
    with pytest.raises(InvalidInputError):
        landing_key(None)  # type: ignore[arg-type]


def test_sessions_land_on_the_sample_pages_links() -> None:
    """The Facebook sample post links to example.com/recipes/sourdough?utm_source=facebook
    through l.facebook.com; the GA4 sample's facebook sessions landed there."""
    refs = read_referrals(sample_path("ga4"), base_url="https://example.com/")
    by_landing = refs.sessions_by_landing(platforms=["facebook"])
    samples = load_samples()
    post = next(s for s in samples.samples if s.file == "facebook-post.html").extract()
    keys = {landing_key(link.landing_url) for link in post.backlinks if link.landing_url}
    assert keys == {"https://example.com/recipes/sourdough"}
    assert by_landing == {"https://example.com/recipes/sourdough": 210}


def test_time_series_feeds_the_half_life_fit() -> None:
    refs = read(
        "Session source / medium,Date + hour (YYYYMMDDHH),Sessions\n"
        "t.co / referral,2024060109,50\n"
        "t.co / referral,2024060110,26\n"
        "t.co / referral,2024060111,12\n"
        "lnkd.in / referral,2024060111,99\n"
        "t.co / referral,2024060112,7\n"
    )
    series = refs.time_series(platforms=["x"])
    assert series == {
        datetime(2024, 6, 1, 9): 50,
        datetime(2024, 6, 1, 10): 26,
        datetime(2024, 6, 1, 11): 12,
        datetime(2024, 6, 1, 12): 7,
    }
    from datetime import timedelta

    fit = fit_half_life(
        series,
        posted_at=datetime(2024, 6, 1, 9),
        bin=timedelta(hours=1),
        until=datetime(2024, 6, 1, 13),
    )
    assert 0.7 < fit.exponential.half_life < 1.3  # the counts about halve each hour


def test_records_dataframe_repr() -> None:
    refs = read_referrals(sample_path("ga4"))
    records = refs.to_records()
    assert list(records[0])[:6] == [
        "source",
        "medium",
        "platform",
        "landing_page",
        "landing_url",
        "sessions",
    ]
    frame = refs.to_dataframe()
    assert int(frame["sessions"].sum()) == 8193
    assert repr(refs) == "<Referrals ga4-traffic-acquisition.csv: 14 rows, 8193 sessions>"
    assert refs.columns[0] == "Session source / medium"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.booleans())
def test_arbitrary_bytes_raise_only_input_format_error(data: bytes, with_header: bool) -> None:
    if with_header:
        data = (GA4_HEADER + "\n").encode() + data
    try:
        refs = read_referrals(io.BytesIO(data))
    except InputFormatError:
        return
    assert isinstance(refs, Referrals)
    refs.summary()
    refs.sessions_by_landing()
    refs.by_platform()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(st.characters(exclude_categories=["Cs"]), max_size=20),
            st.text(max_size=20),
            st.one_of(st.integers(0, 10**7), st.text(max_size=8)),
        ),
        max_size=10,
    )
)
def test_arbitrary_cells_never_raise(rows: list[tuple[str, str, Any]]) -> None:
    buffer = io.StringIO()
    import csv

    writer = csv.writer(buffer)
    writer.writerow(["Session source / medium", "Landing page", "Sessions"])
    for row in rows:
        writer.writerow(row)
    refs = read_referrals(io.StringIO(buffer.getvalue()))
    assert len(refs.rows) + len(refs.errors) + len(refs.notes) <= len(rows)
    for r in refs:
        assert r.sessions >= 0
