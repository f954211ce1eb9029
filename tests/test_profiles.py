"""Tests for :mod:`backlinkkit.profiles`.

Expected values follow schema.org (``sameAs``: "URL of a reference Web page that
unambiguously indicates the item's identity"; ``@graph`` and ``@type`` arrays from
JSON-LD 1.1), XFN / microformats ``rel="me"``, and Twitter Cards
(``twitter:site``: "@username of website"; ``twitter:creator``: "@username of
content creator"); X usernames are 1-15 letters, digits or underscores.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit.errors import InvalidInputError, InvalidValueError
from backlinkkit.profiles import IDENTITY_TYPES, ClaimedProfile, find_claimed_profiles
from backlinkkit.social import SocialRegistry, default_registry
from tests.conftest import corpus_dir

REGISTRY = default_registry()


def urls_of(claimed: tuple[ClaimedProfile, ...]) -> list[tuple[str, str]]:
    return [(c.source, c.url) for c in claimed]


def from_json_ld(*blocks: Any, base_url: str | None = None) -> list[str]:
    texts = [b if isinstance(b, str) else json.dumps(b) for b in blocks]
    return [c.url for c in find_claimed_profiles(texts, [], [], REGISTRY, base_url=base_url)]


FB = "https://www.facebook.com/acme"
IG = "https://www.instagram.com/acme/"
LI = "https://www.linkedin.com/company/acme/"

JSON_LD_CASES: list[tuple[str, Any, list[str]]] = [
    ("organization", {"@type": "Organization", "sameAs": [FB, IG]}, [FB, IG]),
    ("person, one string", {"@type": "Person", "sameAs": FB}, [FB]),
    ("website", {"@type": "WebSite", "sameAs": [LI]}, [LI]),
    ("subtype", {"@type": "NewsMediaOrganization", "sameAs": [FB]}, [FB]),
    ("type array", {"@type": ["Thing", "Corporation"], "sameAs": [FB]}, [FB]),
    ("type IRI", {"@type": "http://schema.org/Organization", "sameAs": [FB]}, [FB]),
    ("compact type IRI", {"@type": "schema:Person", "sameAs": [IG]}, [IG]),
    (
        "graph",
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebPage", "name": "Home"},
                {"@type": "Organization", "@id": "#org", "sameAs": [FB]},
                {"@type": "WebSite", "publisher": {"@id": "#org"}, "sameAs": LI},
            ],
        },
        [FB, LI],
    ),
    (
        "nested publisher and author",
        {
            "@type": "NewsArticle",
            "sameAs": "https://www.facebook.com/not-the-site",
            "publisher": {"@type": "Organization", "sameAs": [FB]},
            "author": [{"@type": "Person", "sameAs": [IG]}],
        },
        [FB, IG],
    ),
    (
        "top-level list",
        [{"@type": "Person", "sameAs": IG}, {"@type": "Product", "sameAs": FB}],
        [IG],
    ),
    ("sameAs objects", {"@type": "Organization", "sameAs": [{"@id": FB}, {"url": LI}]}, [FB, LI]),
    ("not an identity type", {"@type": "Product", "sameAs": [FB]}, []),
    ("no type", {"sameAs": [FB]}, []),
    ("sameAs not text", {"@type": "Organization", "sameAs": [5, None, True, [FB]]}, []),
    (
        "only http(s), trimmed",
        {"@type": "Organization", "sameAs": ["mailto:a@b.example", "javascript:x", f"  {FB}\n"]},
        [FB],
    ),
    ("relative without a base is dropped", {"@type": "Organization", "sameAs": ["/about"]}, []),
]


@pytest.mark.parametrize(
    ("data", "expected"), [c[1:] for c in JSON_LD_CASES], ids=[c[0] for c in JSON_LD_CASES]
)
def test_json_ld_same_as(data: Any, expected: list[str]) -> None:
    assert from_json_ld(data) == expected


def test_relative_same_as_resolves_against_the_base() -> None:
    data = {"@type": "Organization", "sameAs": ["/about", "//x.com/acme"]}
    assert from_json_ld(data, base_url="https://acme.example/blog/") == [
        "https://acme.example/about",
        "https://x.com/acme",
    ]


@pytest.mark.parametrize(
    "broken",
    ["", "{", "null", "[1, 2", '{"@type": "Organization", "sameAs": ', "[" * 100_000, "\x00"],
)
def test_broken_json_is_skipped_never_raised(broken: str) -> None:
    good = json.dumps({"@type": "Organization", "sameAs": [FB]})
    assert from_json_ld(broken, good) == [FB]


def test_rel_me_links_are_kept_in_order() -> None:
    claimed = find_claimed_profiles(
        [],
        ["https://mastodon.social/@acme", "HTTPS://GitHub.com/acme", "mailto:me@acme.example", ""],
        [],
        REGISTRY,
    )
    assert urls_of(claimed) == [
        ("rel-me", "https://mastodon.social/@acme"),
        ("rel-me", "https://github.com/acme"),
    ]
    assert claimed[0].match is not None
    assert (claimed[0].match.platform.key, claimed[0].match.handle) == (
        "mastodon",
        "acme@mastodon.social",
    )


@pytest.mark.parametrize(
    ("metas", "expected"),
    [
        ([("twitter:site", "@acme")], [("twitter:site", "https://x.com/acme")]),
        ([("twitter:site", "acme")], [("twitter:site", "https://x.com/acme")]),
        ([("Twitter:Creator", " @jane_doe ")], [("twitter:creator", "https://x.com/jane_doe")]),
        (
            [("twitter:site", "https://twitter.com/acme")],
            [("twitter:site", "https://twitter.com/acme")],
        ),
        ([("twitter:site", "@abcdefghijklmnop")], []),  # 16 characters: no X username
        ([("twitter:site", "@acme ltd")], []),
        ([("twitter:site", "")], []),
        ([("twitter:title", "@acme"), ("description", "@acme")], []),
        (
            [("twitter:creator", "@jane"), ("twitter:site", "@acme")],
            [("twitter:site", "https://x.com/acme"), ("twitter:creator", "https://x.com/jane")],
        ),
    ],
)
def test_twitter_card_metas(metas: list[tuple[str, str]], expected: list[tuple[str, str]]) -> None:
    assert urls_of(find_claimed_profiles([], [], metas, REGISTRY)) == expected


def test_profiles_are_deduplicated_and_matched() -> None:
    claimed = find_claimed_profiles(
        [json.dumps({"@type": "Organization", "sameAs": ["https://twitter.com/Acme", FB]})],
        [FB + "/", "https://x.com/acme"],
        [("twitter:site", "@ACME"), ("twitter:creator", "@acme")],
        REGISTRY,
    )
    # One X account (handles compare case-insensitively), one Facebook page.
    assert urls_of(claimed) == [("json-ld", "https://twitter.com/Acme"), ("json-ld", FB)]
    assert [(c.match.platform.key, c.match.handle) for c in claimed if c.match] == [
        ("x", "Acme"),
        ("facebook", "acme"),
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # The "@" of a mention is no part of the handle: X serves /@jack as /jack.
        ("https://twitter.com/jack", "https://twitter.com/@jack"),
        ("https://x.com/@Jack", "https://twitter.com/intent/follow?screen_name=jack"),
        ("https://www.instagram.com/natgeo/", "https://www.instagram.com/@natgeo"),
        ("https://www.facebook.com/acme", "https://www.facebook.com/@acme"),
    ],
)
def test_one_account_spelled_with_and_without_the_at_sign_is_one_profile(
    first: str, second: str
) -> None:
    claimed = find_claimed_profiles([], [first, second], [], REGISTRY)
    assert urls_of(claimed) == [("rel-me", first)]


def test_unknown_platforms_are_kept_without_a_match() -> None:
    data = {"@type": "Organization", "sameAs": ["https://www.wikidata.org/wiki/Q95"]}
    claimed = find_claimed_profiles([json.dumps(data)], [], [], REGISTRY)
    assert urls_of(claimed) == [("json-ld", "https://www.wikidata.org/wiki/Q95")]
    assert claimed[0].match is None


def test_the_given_registry_is_used() -> None:
    claimed = find_claimed_profiles([], [FB], [], SocialRegistry())
    assert urls_of(claimed) == [("rel-me", FB)]
    assert claimed[0].match is None


def test_claimed_profile_validates_its_fields() -> None:
    match = REGISTRY.match(FB)
    claimed = ClaimedProfile(FB, "json-ld", match)
    assert (claimed.url, claimed.source, claimed.match) == (FB, "json-ld", match)
    with pytest.raises(InvalidValueError, match=r"ClaimedProfile\.source='og'"):
        ClaimedProfile("https://x.com/a", "og", None)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=r"ClaimedProfile\.url=''"):
        ClaimedProfile("", "rel-me", None)
    with pytest.raises(InvalidInputError, match=r"ClaimedProfile\.match='facebook'"):
        ClaimedProfile(FB, "rel-me", "facebook")  # type: ignore[arg-type]


def test_claimed_profile_is_still_exported_from_the_package() -> None:
    import backlinkkit

    assert backlinkkit.ClaimedProfile is ClaimedProfile


def test_identity_types_include_the_three_named_types() -> None:
    assert {"Organization", "Person", "WebSite"} <= IDENTITY_TYPES


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (('{"@type": "Person"}', [], [], REGISTRY), "json_ld="),
        (([], FB, [], REGISTRY), "rel_me="),
        (([], [], [["twitter:site", "@a"]], REGISTRY), "metas:"),
        (([], [], [("twitter:site", None)], REGISTRY), "metas:"),
        (([], [], "twitter:site", REGISTRY), "metas="),
        (([], [], [], None), "registry="),
        (([None], [], [], REGISTRY), "json_ld:"),
    ],
)
def test_wrong_types_raise(args: tuple[Any, ...], field: str) -> None:
    with pytest.raises(InvalidInputError, match=field):
        find_claimed_profiles(*args)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["@type", "sameAs", "@graph", "@id", "url", "publisher", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.text(max_size=80), JSON.map(json.dumps)), max_size=3),
    st.lists(st.text(max_size=60), max_size=3),
    st.lists(
        st.tuples(st.sampled_from(["twitter:site", "twitter:creator", "x"]), st.text(max_size=30)),
        max_size=3,
    ),
)
def test_never_raises_on_any_text(
    json_ld: list[str], rel_me: list[str], metas: list[tuple[str, str]]
) -> None:
    claimed = find_claimed_profiles(json_ld, rel_me, metas, REGISTRY)
    assert all(c.url.startswith(("http://", "https://")) for c in claimed)
    assert len({c.url for c in claimed}) == len(claimed)


@pytest.mark.corpus
def test_corpus_pages() -> None:
    pages = corpus_dir() / "pages"
    if not pages.is_dir():
        pytest.skip(f"corpus not found at {pages}")
    from backlinkkit._parse import get_backend

    parse = get_backend("html5lib")
    chosen = sorted(
        (p for p in pages.glob("*.html") if b"twitter:site" in p.read_bytes()),
        key=lambda p: p.stat().st_size,
    )[:12]
    assert chosen
    found = 0
    for page in chosen:
        raw = parse(page.read_bytes().decode("utf-8", "replace"))
        claimed = find_claimed_profiles(raw.json_ld, [], raw.metas, REGISTRY)
        found += sum(1 for c in claimed if c.match is not None)
    assert found > 10


# --- JSON-LD: linear in the input ----------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(
            lambda n: json.dumps(
                {"@type": "Person", "sameAs": [f"https://x.com/u{i}" for i in range(n)]}
            ),
            id="a long sameAs list",
        ),
        pytest.param(
            lambda n: json.dumps({"@graph": [{"@type": "Thing", "a": i} for i in range(n)]}),
            id="many nodes",
        ),
        pytest.param(
            lambda n: json.dumps({"@type": ["Thing"] * n, "sameAs": "https://x.com/a"}),
            id="a long @type list",
        ),
    ],
)
def test_json_ld_is_linear(make: Any) -> None:
    from tests.linearity import assert_linear

    registry = default_registry()

    def run(block: str) -> object:
        return find_claimed_profiles([block], [], [], registry, base_url="https://e.com/")

    assert_linear(make, run, 500)
