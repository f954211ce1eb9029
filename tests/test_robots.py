"""Tests for backlinkkit.robots.

Expected values come from /work/shared/reference/rel-and-robots.md §(c) and its
sources: Google's robots meta tag specification (G4), MDN's X-Robots-Tag and
``<meta name="robots">`` references (M2, M3) and the GSA robots_tag_parser
README (C4).  Each case cites where its expected value comes from.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit.errors import InvalidInputError, InvalidValueError
from backlinkkit.robots import KNOWN_RULES, RobotsDirectives, parse_robots

# ---------------------------------------------------------------------------
# Documented examples


def test_mdn_multiple_headers() -> None:
    # M2 "Multiple headers": two X-Robots-Tag headers, one rule each; the date has a comma.
    robots = parse_robots(
        headers=["noimageindex", "unavailable_after: Wed, 03 Dec 2025 13:09:53 GMT"]
    )
    assert robots.noimageindex
    assert robots.unavailable_after == "Wed, 03 Dec 2025 13:09:53 GMT"
    assert robots.unavailable_after_datetime == datetime(
        2025, 12, 3, 13, 9, 53, tzinfo=timezone.utc
    )
    assert not robots.noindex
    assert not robots.nofollow
    assert robots.warnings == ()


@pytest.mark.parametrize(
    "headers",
    [
        # M2 "Specifying user agents", two headers ...
        ["BadBot: noindex, nofollow", "googlebot: nofollow"],
        # ... and the same rules in a single header.
        ["BadBot: noindex, nofollow, googlebot: nofollow"],
    ],
)
def test_mdn_specifying_user_agents(headers: list[str]) -> None:
    googlebot = parse_robots(headers=headers)
    assert (googlebot.noindex, googlebot.nofollow) == (False, True)
    assert googlebot.rules == ("nofollow",)
    badbot = parse_robots(headers=headers, agent="BadBot")
    assert (badbot.noindex, badbot.nofollow) == (True, True)
    assert badbot.agent == "badbot"
    other = parse_robots(headers=headers, agent="bingbot")
    assert (other.noindex, other.nofollow, other.rules) == (False, False, ())


def test_mdn_sum_of_negative_rules() -> None:
    # M2: "X-Robots-Tag: nofollow" + "X-Robots-Tag: googlebot: noindex" is read as
    # "noindex, nofollow" by googlebot.
    robots = parse_robots(headers=["nofollow", "googlebot: noindex"])
    assert (robots.noindex, robots.nofollow) == (True, True)
    assert set(robots.rules) == {"noindex", "nofollow"}
    # Other crawlers only get the generic rule.
    assert parse_robots(headers=["nofollow", "googlebot: noindex"], agent="bingbot").rules == (
        "nofollow",
    )


def test_gsa_robots_tag_parser_readme() -> None:
    # C4: headers ['noindex,noarchive', 'googlebot: nofollow'] give the generic rules
    # ['noindex', 'noarchive'] and, for googlebot, ['noindex', 'noarchive', 'nofollow'].
    headers = ["noindex,noarchive", "googlebot: nofollow"]
    assert parse_robots(headers=headers, agent="somebot").rules == ("noindex", "noarchive")
    assert parse_robots(headers=headers, agent="googlebot").rules == (
        "noindex",
        "noarchive",
        "nofollow",
    )


def test_meta_sum_of_generic_and_crawler_rules() -> None:
    # G4 / §(c): generic and crawler-specific rules add up (sum of the negative rules).
    metas = [("robots", "nofollow"), ("googlebot", "noindex")]
    robots = parse_robots(metas)
    assert (robots.noindex, robots.nofollow) == (True, True)
    assert (robots.noindex_source, robots.nofollow_source) == ("meta", "meta")
    assert parse_robots(metas, agent="bingbot").noindex is False


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("robots", "noindex"),
        (
            "ROBOTS",
            "NOINDEX",
        ),  # G4: "Both the name and the content attributes are case-insensitive"
        ("Robots", "NoIndex"),
        ("GoogleBot", "noINDEX"),
        (" robots\t", " noindex "),  # surrounding whitespace stripped (task brief)
    ],
)
def test_names_and_contents_are_case_insensitive(name: str, content: str) -> None:
    robots = parse_robots([(name, content)])
    assert robots.noindex
    assert robots.noindex_source == "meta"
    assert robots.rules == ("noindex",)


@pytest.mark.parametrize(
    "name",
    # Only "robots" and the agent's own name apply (G4: other values are ignored by Google).
    ["description", "bingbot", "googlebot-news", "robot", "robots-x", "viewport"],
)
def test_other_meta_names_are_ignored(name: str) -> None:
    assert parse_robots([(name, "noindex, nofollow")]) == RobotsDirectives()


def test_crawler_specific_meta_for_another_agent() -> None:
    # G4: a crawler name addresses that crawler only.
    metas = [("bingbot", "nofollow"), ("googlebot", "noarchive")]
    bing = parse_robots(metas, agent="BingBot")
    assert bing.nofollow
    assert not bing.noarchive
    google = parse_robots(metas)
    assert google.noarchive
    assert not google.nofollow


@pytest.mark.parametrize(
    "meta_sources",
    [
        # G4, M2, M3, C4: none is equivalent to "noindex, nofollow".
        ("none",),
        ("noindex, nofollow",),
        ("NONE",),
        ("nofollow,noindex",),
    ],
)
def test_none_means_noindex_nofollow(meta_sources: tuple[str, ...]) -> None:
    robots = parse_robots([("robots", content) for content in meta_sources])
    assert (robots.noindex, robots.nofollow) == (True, True)
    assert set(robots.rules) == {"noindex", "nofollow"}


def test_all_restricts_nothing() -> None:
    # G4 / M2: "all" -- no restrictions; the default; no effect if listed.
    robots = parse_robots([("robots", "all")], ["ALL"])
    assert robots.rules == ("all",)
    assert attrs.evolve(robots, rules=()) == RobotsDirectives()


def test_index_follow_are_defaults() -> None:
    # M3: index and follow are the default behaviour.
    robots = parse_robots([("robots", "index, follow")])
    assert robots.rules == ("index", "follow")
    assert (robots.noindex, robots.nofollow, robots.warnings) == (False, False, ())


@pytest.mark.parametrize(
    ("metas", "headers", "noindex", "nofollow"),
    [
        # §(c): nofollow beats follow, noindex beats index (most restrictive wins).
        ([("robots", "follow, nofollow")], [], False, True),
        ([("robots", "index, follow")], ["noindex"], True, False),
        ([("robots", "index,nofollow")], ["follow"], False, True),
        ([("robots", "all")], ["none"], True, True),
    ],
)
def test_most_restrictive_wins(
    metas: list[tuple[str, str]], headers: list[str], noindex: bool, nofollow: bool
) -> None:
    robots = parse_robots(metas, headers)
    assert (robots.noindex, robots.nofollow) == (noindex, nofollow)


def test_conflicts_are_reported() -> None:
    # M2/M3: index+noindex and follow+nofollow are mutually exclusive; behaviour undefined.
    robots = parse_robots([("robots", "follow, index")], ["nofollow, noindex"])
    assert any("'follow' and 'nofollow'" in w for w in robots.warnings)
    assert any("'index' and 'noindex'" in w for w in robots.warnings)


@pytest.mark.parametrize(
    ("metas", "headers", "source"),
    [
        ([("robots", "nofollow")], [], "meta"),
        ([], ["nofollow"], "header"),
        # "meta" when a meta says nofollow, even when a header says it too (task spec).
        ([("robots", "nofollow")], ["nofollow"], "meta"),
        ([("googlebot", "none")], ["none"], "meta"),
        ([("robots", "noindex")], ["googlebot: nofollow"], "header"),
        ([("robots", "index")], [], None),
    ],
)
def test_sources(metas: list[tuple[str, str]], headers: list[str], source: str | None) -> None:
    robots = parse_robots(metas, headers)
    assert robots.nofollow_source == source
    assert robots.nofollow == (source is not None)


def test_noindex_source() -> None:
    assert parse_robots([("robots", "noindex")]).noindex_source == "meta"
    assert parse_robots(headers=["noindex"]).noindex_source == "header"
    assert parse_robots([("robots", "none")], ["noindex"]).noindex_source == "meta"
    assert parse_robots([("robots", "nofollow")]).noindex_source is None


# ---------------------------------------------------------------------------
# Value-bearing rules and crawler prefixes


@pytest.mark.parametrize(
    ("header", "field", "expected", "rule"),
    [
        # G4 / M2 value rules: the colon is not a crawler prefix.
        ("max-snippet:50", "max_snippet", 50, "max-snippet:50"),
        ("max-snippet: 50", "max_snippet", 50, "max-snippet:50"),
        ("MAX-SNIPPET:-1", "max_snippet", -1, "max-snippet:-1"),
        ("max-image-preview:large", "max_image_preview", "large", "max-image-preview:large"),
        (
            "max-image-preview: Standard",
            "max_image_preview",
            "standard",
            "max-image-preview:standard",
        ),
        ("max-video-preview:-1", "max_video_preview", -1, "max-video-preview:-1"),
        ("max-video-preview:0", "max_video_preview", 0, "max-video-preview:0"),
        # G4's header example: unavailable_after: 25 Jun 2010 15:00:00 PST.
        (
            "unavailable_after: 25 Jun 2010 15:00:00 PST",
            "unavailable_after",
            "25 Jun 2010 15:00:00 PST",
            "unavailable_after: 25 Jun 2010 15:00:00 PST",
        ),
        # M2's example with a comma inside the date.
        (
            "unavailable_after: Wed, 03 Dec 2025 13:09:53 GMT",
            "unavailable_after",
            "Wed, 03 Dec 2025 13:09:53 GMT",
            "unavailable_after: Wed, 03 Dec 2025 13:09:53 GMT",
        ),
    ],
)
def test_value_rules(header: str, field: str, expected: object, rule: str) -> None:
    for robots in (parse_robots(headers=[header]), parse_robots([("robots", header)])):
        assert getattr(robots, field) == expected
        assert robots.rules == (rule,)
        assert robots.warnings == ()


@pytest.mark.parametrize(
    ("header", "rules"),
    [
        # A date with commas followed by more rules in the same value.
        (
            "unavailable_after: Wed, 03 Dec 2025 13:09:53 GMT, noindex",
            ("unavailable_after: Wed, 03 Dec 2025 13:09:53 GMT", "noindex"),
        ),
        # RFC 850 form (M2 names RFC 850 as an accepted format).
        (
            "noarchive, unavailable_after: Wednesday, 03-Dec-25 13:09:53 GMT, nofollow",
            ("noarchive", "unavailable_after: Wednesday, 03-Dec-25 13:09:53 GMT", "nofollow"),
        ),
        # ISO 8601 (M2), then a crawler prefix right after the date.
        (
            "unavailable_after: 2025-12-03T13:09:53Z, googlebot: noindex",
            ("unavailable_after: 2025-12-03T13:09:53Z", "noindex"),
        ),
        # Prefix followed by value rules (G4: googlebot: unavailable_after ...).
        (
            "googlebot: unavailable_after: 25 Jun 2010 15:00:00 PST, max-snippet:20",
            ("unavailable_after: 25 Jun 2010 15:00:00 PST", "max-snippet:20"),
        ),
    ],
)
def test_dates_with_commas_do_not_break_the_split(header: str, rules: tuple[str, ...]) -> None:
    robots = parse_robots(headers=[header])
    assert robots.rules == rules
    assert robots.warnings == ()


def test_prefix_applies_to_the_rules_after_it() -> None:
    # M2: "a prefix applies to the rules after it"; unprefixed rules apply to all crawlers.
    header = "noarchive, otherbot: noindex, max-snippet:10, googlebot: nofollow, nosnippet"
    google = parse_robots(headers=[header])
    assert google.rules == ("noarchive", "nofollow", "nosnippet")
    assert (google.noindex, google.max_snippet) == (False, None)
    other = parse_robots(headers=[header], agent="OtherBot")
    assert other.rules == ("noarchive", "noindex", "max-snippet:10")


def test_prefix_does_not_carry_over_to_the_next_header() -> None:
    # M2: each X-Robots-Tag header is its own list; unprefixed rules apply to all crawlers.
    robots = parse_robots(headers=["otherbot: noindex", "nofollow"])
    assert (robots.noindex, robots.nofollow) == (False, True)


def test_prefix_case_insensitive() -> None:
    # G4: "The HTTP header, the user agent name, and the specified values are not case sensitive."
    robots = parse_robots(headers=["GoogleBot: NoFollow"], agent="GOOGLEBOT")
    assert robots.nofollow
    assert robots.agent == "googlebot"


@pytest.mark.parametrize(
    ("values", "field", "expected"),
    [
        # §(c) "smaller max-snippet wins"; -1 means no limit (G4).
        (["max-snippet:50", "max-snippet:20"], "max_snippet", 20),
        (["max-snippet:-1", "max-snippet:30"], "max_snippet", 30),
        (["max-snippet:-1", "max-snippet:-1"], "max_snippet", -1),
        (["max-video-preview:-1", "max-video-preview:0"], "max_video_preview", 0),
        (["max-video-preview:15", "max-video-preview:5"], "max_video_preview", 5),
        # M2: none < standard < large for max-image-preview.
        (
            ["max-image-preview:large", "max-image-preview:standard"],
            "max_image_preview",
            "standard",
        ),
        (["max-image-preview:none", "max-image-preview:large"], "max_image_preview", "none"),
        # The earliest date is the most restrictive.
        (
            ["unavailable_after: 2030-01-01", "unavailable_after: 25 Jun 2010 15:00:00 PST"],
            "unavailable_after",
            "25 Jun 2010 15:00:00 PST",
        ),
    ],
)
def test_most_restrictive_value(values: list[str], field: str, expected: object) -> None:
    assert getattr(parse_robots(headers=values), field) == expected
    assert getattr(parse_robots(headers=values[::-1]), field) == expected
    assert getattr(parse_robots([("robots", values[0])], values[1:]), field) == expected


def test_nosnippet_overrides_max_snippet() -> None:
    # M2: "if a page has both max-snippet:50 and nosnippet rules, the nosnippet rule will apply".
    robots = parse_robots([("robots", "max-snippet:50")], ["nosnippet"])
    assert robots.nosnippet
    assert robots.max_snippet == 50


def test_max_snippet_zero_is_nosnippet() -> None:
    # G4: max-snippet:0 -- no snippet is shown, equivalent to nosnippet.
    robots = parse_robots([("robots", "max-snippet:0")])
    assert robots.nosnippet
    assert robots.max_snippet == 0


@pytest.mark.parametrize(
    ("content", "flag"),
    [
        ("noarchive", "noarchive"),
        ("nocache", "noarchive"),  # M3: nocache is Bing's synonym of noarchive
        ("nosnippet", "nosnippet"),
        ("noimageindex", "noimageindex"),
        ("notranslate", "notranslate"),
        ("noindex, indexifembedded", "indexifembedded"),
    ],
)
def test_flag_rules(content: str, flag: str) -> None:
    robots = parse_robots([("robots", content)])
    assert getattr(robots, flag) is True
    assert robots.warnings == ()


def test_indexifembedded_without_noindex_warns() -> None:
    # M2: "indexifembedded only has an effect if it's accompanied by noindex".
    robots = parse_robots([("robots", "indexifembedded")])
    assert robots.indexifembedded
    assert any("indexifembedded" in w for w in robots.warnings)


@pytest.mark.parametrize(
    ("header", "fragment"),
    [
        # M2: value rules are ignored when no valid value is given.
        ("max-snippet:abc", "max-snippet value 'abc'"),
        ("max-snippet:", "max-snippet value ''"),
        ("max-snippet:-2", "max-snippet value '-2'"),
        ("max-video-preview:1.5", "max-video-preview value '1.5'"),
        ("max-image-preview:huge", "max-image-preview value 'huge'"),
        ("max-image-preview:[large]", "max-image-preview value '[large]'"),
        ("unavailable_after: someday", "unavailable_after date 'someday'"),
        ("unavailable_after: 2025-13-45", "unavailable_after date '2025-13-45'"),
    ],
)
def test_invalid_values_are_ignored_with_a_warning(header: str, fragment: str) -> None:
    robots = parse_robots(headers=[header])
    assert robots.rules == ()
    assert attrs.evolve(robots, warnings=()) == RobotsDirectives()
    (warning,) = robots.warnings
    assert fragment in warning
    assert "X-Robots-Tag[0]" in warning


def test_unknown_rules_are_kept_with_a_warning() -> None:
    # Seen in the corpus: <meta name="googlebot" content="archive">.
    robots = parse_robots([("googlebot", "archive, NOODP, foo-bar")])
    assert robots.rules == ("archive", "noodp", "foo-bar")
    assert len(robots.warnings) == 2
    assert "'archive'" in robots.warnings[0]
    assert "'foo-bar'" in robots.warnings[1]
    assert "<meta name='googlebot'>" in robots.warnings[0]


def test_whitespace_separated_rules_are_read_with_a_warning() -> None:
    # §(c): Google documents only commas; space-separated handling is UNVERIFIED, so the
    # rules are read (the more restrictive reading) and the oddity is reported.
    robots = parse_robots([("robots", "noindex nofollow")])
    assert (robots.noindex, robots.nofollow) == (True, True)
    assert len(robots.warnings) == 1
    assert "whitespace" in robots.warnings[0]


def test_empty_and_stray_commas() -> None:
    robots = parse_robots([("robots", ""), ("robots", " , ,noindex,, ")], ["", ","])
    assert robots.rules == ("noindex",)
    assert robots.warnings == ()


def test_rules_are_in_first_seen_order_metas_first() -> None:
    robots = parse_robots(
        [("robots", "noarchive, nofollow"), ("googlebot", "nofollow, noimageindex")],
        ["notranslate, noarchive", "noindex"],
    )
    assert robots.rules == ("noarchive", "nofollow", "noimageindex", "notranslate", "noindex")


def test_meta_prefix_is_scoped_with_a_warning() -> None:
    robots = parse_robots([("robots", "otherbot: noindex")])
    assert not robots.noindex
    assert any("documented only for X-Robots-Tag" in w for w in robots.warnings)


# ---------------------------------------------------------------------------
# Input shapes and errors


@pytest.mark.parametrize(
    "headers",
    [
        "nofollow",
        ["nofollow"],
        ("nofollow",),
        [b"nofollow"],
        [("X-Robots-Tag", "nofollow"), ("Content-Type", "noindex")],
        [(" x-robots-tag ", "nofollow")],
        {"X-Robots-Tag": "nofollow", "Link": "noindex"},
        {"x-robots-tag": ["nofollow"]},
        iter(["nofollow"]),
    ],
)
def test_header_shapes(headers: Any) -> None:
    robots = parse_robots(headers=headers)
    assert robots.rules == ("nofollow",)
    assert robots.nofollow_source == "header"


def test_bytes_header_value_is_latin1() -> None:
    # HTTP field values are historically ISO-8859-1 (RFC 9110 §5.5).
    robots = parse_robots(headers=[b"unavailable_after: 1 Jan 2030 00:00:00 GMT, noindex\xe9"])
    assert robots.rules[-1] == "noindex\xe9"


def test_meta_with_no_content_is_skipped() -> None:
    assert parse_robots([("robots", None)]) == RobotsDirectives()  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"metas": None}, InvalidInputError, "metas=None"),
        ({"metas": "robots"}, InvalidInputError, "metas='robots'"),
        ({"metas": [("robots",)]}, InvalidInputError, "metas[0]="),
        ({"metas": [("robots", "x"), (1, "noindex")]}, InvalidInputError, "metas[1][0]=1"),
        ({"metas": [("robots", 5)]}, InvalidInputError, "metas[0][1]=5"),
        ({"headers": None}, InvalidInputError, "headers=None"),
        ({"headers": [1]}, InvalidInputError, "headers[0]=1"),
        ({"headers": [("x-robots-tag", 1)]}, InvalidInputError, "headers[0][1]=1"),
        ({"agent": ""}, InvalidValueError, "agent=''"),
        ({"agent": " \t"}, InvalidValueError, "agent="),
        ({"agent": None}, InvalidInputError, "agent=None"),
    ],
)
def test_wrong_inputs_raise(kwargs: dict[str, Any], error: type[Exception], fragment: str) -> None:
    with pytest.raises(error) as info:
        parse_robots(**kwargs)
    assert fragment in str(info.value)


def test_defaults_and_validation() -> None:
    empty = RobotsDirectives()
    assert parse_robots() == empty
    assert empty.agent == "googlebot"
    assert empty.followed
    assert empty.indexed
    assert not parse_robots(headers="none").followed
    assert not parse_robots(headers="none").indexed
    assert empty.unavailable_after_datetime is None
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        empty.nofollow = True  # type: ignore[misc]
    with pytest.raises(InvalidValueError, match="max_snippet=-2"):
        RobotsDirectives(max_snippet=-2)
    with pytest.raises(InvalidInputError, match="max_video_preview=True"):
        RobotsDirectives(max_video_preview=True)  # a flag is no limit: a wrong type
    with pytest.raises(ValueError, match="max_image_preview"):
        RobotsDirectives(max_image_preview="huge")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="nofollow_source"):
        RobotsDirectives(nofollow_source="rel")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        RobotsDirectives(rules="noindex")
    with pytest.raises(InvalidInputError, match=r"RobotsDirectives\.noindex=1"):
        RobotsDirectives(noindex=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        RobotsDirectives(agent="")
    assert RobotsDirectives(agent=" GoogleBot ").agent == "googlebot"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # RFC 822 (M2 example), RFC 850 (M2 names it), G4's "PST" example, ISO 8601 (M2).
        ("Wed, 03 Dec 2025 13:09:53 GMT", datetime(2025, 12, 3, 13, 9, 53, tzinfo=timezone.utc)),
        (
            "Wednesday, 03-Dec-25 13:09:53 GMT",
            datetime(2025, 12, 3, 13, 9, 53, tzinfo=timezone.utc),
        ),
        (
            "25 Jun 2010 15:00:00 PST",
            datetime(2010, 6, 25, 15, 0, tzinfo=timezone(timedelta(hours=-8))),
        ),
        ("2025-12-03", datetime(2025, 12, 3, tzinfo=timezone.utc)),
        (
            "2025-12-03T13:09:53+01:00",
            datetime(2025, 12, 3, 13, 9, 53, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("2025-12-03T13:09:53,5Z", datetime(2025, 12, 3, 13, 9, 53, 500000, tzinfo=timezone.utc)),
        ("not a date", None),
    ],
)
def test_unavailable_after_datetime(text: str, expected: datetime | None) -> None:
    assert RobotsDirectives(unavailable_after=text).unavailable_after_datetime == expected


def test_known_rules_cover_the_documented_ones() -> None:
    # G4 / M2 / M3 rule lists.
    documented = {
        "all", "noindex", "nofollow", "none", "nosnippet", "indexifembedded", "max-snippet",
        "max-image-preview", "max-video-preview", "notranslate", "noimageindex",
        "unavailable_after", "noarchive", "index", "follow", "nocache",
    }  # fmt: skip
    assert documented <= KNOWN_RULES


# ---------------------------------------------------------------------------
# Properties

simple_rules = st.sampled_from(
    [
        "noindex", "nofollow", "none", "all", "index", "follow", "noarchive", "nocache",
        "nosnippet", "noimageindex", "notranslate", "indexifembedded", "foo",
        "max-snippet:0", "max-snippet:-1", "max-snippet:20", "max-snippet:x",
        "max-image-preview:none", "max-image-preview:standard", "max-image-preview:large",
        "max-video-preview:-1", "max-video-preview:0", "max-video-preview:9",
        "unavailable_after: Wed, 03 Dec 2025 13:09:53 GMT", "unavailable_after: 2030-01-01",
        "unavailable_after: never", "googlebot: noindex", "otherbot: nofollow",
        "googlebot: max-snippet:5",
    ]
)  # fmt: skip
names = st.sampled_from(["robots", "ROBOTS", "googlebot", "bingbot", " Robots "]) | st.text()
text_or_rules = st.text() | st.lists(simple_rules, max_size=6).map(", ".join)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(names, text_or_rules), max_size=4),
    st.lists(text_or_rules, max_size=4),
    st.sampled_from(["googlebot", "bingbot", "otherbot"]),
)
def test_never_raises_on_any_text(
    metas: list[tuple[str, str]], headers: list[str], agent: str
) -> None:
    robots = parse_robots(metas, headers, agent=agent)
    assert robots.agent == agent
    assert robots.nofollow == (robots.nofollow_source is not None)
    assert robots.noindex == (robots.noindex_source is not None)
    assert len(set(robots.rules)) == len(robots.rules)


def _swap_none(rules: list[str], replacement: str) -> str:
    return ", ".join(replacement if r == "none" else r for r in rules)


@settings(max_examples=200, deadline=None)
@given(st.lists(simple_rules, max_size=6), st.lists(simple_rules, max_size=6))
def test_none_is_noindex_nofollow(meta_rules: list[str], header_rules: list[str]) -> None:
    meta_rules = [*meta_rules, "none"]
    header_rules = ["none", *header_rules]
    with_none = parse_robots(
        [("robots", _swap_none(meta_rules, "none"))], [_swap_none(header_rules, "none")]
    )
    spelled = parse_robots(
        [("robots", _swap_none(meta_rules, "noindex, nofollow"))],
        [_swap_none(header_rules, "noindex, nofollow")],
    )
    assert with_none == spelled


_IMAGE_ORDER = {None: 0, "large": 1, "standard": 2, "none": 3}


def _restriction(robots: RobotsDirectives) -> dict[str, Any]:
    """Each restriction as a number that grows as the page becomes more restricted."""

    def limit(value: int | None) -> float:
        return 0 if value is None or value == -1 else 1 / (1 + value)

    when = robots.unavailable_after_datetime
    return {
        "noindex": robots.noindex,
        "nofollow": robots.nofollow,
        "noarchive": robots.noarchive,
        "nosnippet": robots.nosnippet,
        "noimageindex": robots.noimageindex,
        "notranslate": robots.notranslate,
        "max_snippet": limit(robots.max_snippet),
        "max_video_preview": limit(robots.max_video_preview),
        "max_image_preview": _IMAGE_ORDER[robots.max_image_preview],
        "unavailable_after": -when.timestamp() if when else float("-inf"),
    }


@settings(max_examples=200, deadline=None)
@given(
    st.lists(simple_rules, max_size=5),
    st.lists(simple_rules, max_size=5),
    simple_rules,
    st.booleans(),
)
def test_adding_a_rule_never_loosens(
    meta_rules: list[str], header_rules: list[str], extra: str, as_header: bool
) -> None:
    metas = [("robots", ", ".join(meta_rules))]
    headers = [", ".join(header_rules)]
    before = _restriction(parse_robots(metas, headers))
    if as_header:
        after = _restriction(parse_robots(metas, [*headers, extra]))
    else:
        after = _restriction(parse_robots([*metas, ("googlebot", extra)], headers))
    for key, value in before.items():
        assert after[key] >= value, key


# ---------------------------------------------------------------------------
# Real pages


def _shared() -> Path:
    env = os.environ.get("BACKLINKKIT_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared"


_META = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(rb"""([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_TOKEN = re.compile(r"[\s,]+")


@pytest.mark.corpus
def test_corpus_robots_metas() -> None:
    """Every robots meta in the corpus parses, and noindex/nofollow agree with a naive oracle.

    The metas are found with a regular expression (not an HTML parser): this test is
    about content values seen in the wild, not about HTML parsing.
    """
    pages = _shared() / "corpus" / "pages"
    if not pages.is_dir():
        pytest.skip(f"corpus not found at {pages}")
    with_rules = 0
    for page in sorted(pages.glob("*.html")):
        metas: list[tuple[str, str]] = []
        for tag in _META.findall(page.read_bytes()):
            found = {
                m[0].lower().decode(): (m[1] or m[2] or m[3]).decode("utf-8", "replace")
                for m in _ATTR.findall(tag)
            }
            if "name" in found and "content" in found:
                metas.append((found["name"], found["content"]))
        robots = parse_robots(metas)
        words = {
            word
            for name, content in metas
            if name.strip().lower() in ("robots", "googlebot")
            for word in _TOKEN.split(content.lower())
        }
        assert robots.noindex == bool(words & {"noindex", "none"}), page.name
        assert robots.nofollow == bool(words & {"nofollow", "none"}), page.name
        assert robots.noarchive == bool(words & {"noarchive", "nocache"}), page.name
        with_rules += bool(robots.rules)
    # grep finds robots metas in about a third of the pages; make sure some were read.
    assert with_rules > 50


# --- linear in the input -----------------------------------------------------------------


def test_unavailable_after_with_many_commas_is_linear() -> None:
    # Each "1" after a comma continues the date (a digit after a date with digits), so
    # one rule gathers every piece: growing and rescanning the string per comma was
    # quadratic (600 KB took 8.4 s in an X-Robots-Tag header).
    from tests.linearity import assert_linear

    def make(n: int) -> str:
        return "unavailable_after: " + "1, " * n

    assert_linear(make, lambda v: parse_robots(headers={"X-Robots-Tag": v}), 20_000)
    assert_linear(make, lambda v: parse_robots(metas=[("robots", v)]), 20_000)
    # The pieces still make one date (not a valid one: the rule is dropped with a warning).
    whole = parse_robots(headers={"X-Robots-Tag": make(3)})
    assert whole.rules == ()
    assert "'1, 1, 1'" in whole.warnings[0]
