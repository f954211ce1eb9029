"""backlinkkit.extract: every rule of extract_links, checked against the standards.

Expected values come from the WHATWG HTML and URL Standards (tree construction,
``document.querySelectorAll``, ``a.href``, ``textContent``, ``relList``) and the
html5lib-tests tree-construction suite, cited per case.
"""

from __future__ import annotations

from typing import Any

import pytest

from backlinkkit import InvalidInputError, InvalidURLError, InvalidValueError, extract_links
from backlinkkit.errors import BacklinkkitError
from tests.freeing import Watched, watch_parses

URL = "https://www.example.com/dir/page.html"


def links(html: str | bytes, url: str = URL, **kwargs: object) -> list[tuple[str, str | None]]:
    page = extract_links(html, url, **kwargs)  # type: ignore[arg-type]
    return [(link.href, link.url) for link in page.links]


# --- which elements are links -------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected_hrefs"),
    [
        # a and area with an href attribute (HTML §4.6.1): even an empty one.
        ('<a href="x">1</a><a>2</a><a name=n>3</a><a href="">4</a>', ["x", ""]),
        ('<map><area href="m" alt="Map"><area nohref></map>', ["m"]),
        # Other elements with href are not hyperlinks for crawlers (Google, "links-crawlable").
        ('<span href="s">s</span><link href="l"><div href=d></div>', []),
        # SVG <a> is not in the HTML namespace.
        ('<svg><a href="svg">s</a></svg><a href="html">h</a>', ["html"]),
        # ...but HTML content inside foreignObject is.
        ('<svg><foreignObject><a href="fo">f</a></foreignObject></svg>', ["fo"]),
        # Template contents are a separate DocumentFragment, not in the document.
        ('<template><a href="t">t</a></template><a href="real">r</a>', ["real"]),
        # Scripting disabled: <noscript> content is parsed as markup.
        ('<noscript><a href="ns">n</a></noscript>', ["ns"]),
        # An <a> start tag inside an open <a> closes the first (HTML §13.2.6.4.7).
        ('<a href="1">one<a href="2">two</a>', ["1", "2"]),
        # Adoption agency copies the <a> into the <p> (html5lib-tests adoption01.dat #1:
        # "<a><p></a></p>" gives <a></a><p><a></a></p>).
        ('<a href="x">1<p>2</a>3</p>', ["x", "x"]),
        # The duplicate attribute is dropped by the tokenizer: the first href wins.
        ('<a href="first" href="second">x</a>', ["first"]),
        # Attribute names are lowercased by the tokenizer.
        ('<A HREF="upper">x</A>', ["upper"]),
        # Links in <head> are moved by the parser but still links.
        ('<head><a href="h">x</a></head>', ["h"]),
    ],
)
def test_which_elements_are_links(html: str, expected_hrefs: list[str]) -> None:
    assert [href for href, _ in links(html)] == expected_hrefs


def test_positions_and_tags_follow_document_order() -> None:
    page = extract_links(
        "<a href=a>a</a><map><area href=b alt=b></map><a href=c>c</a>", "https://example.com/"
    )
    assert [(link.position, link.tag, link.href) for link in page.links] == [
        (0, "a", "a"),
        (1, "area", "b"),
        (2, "a", "c"),
    ]


# --- URLs -------------------------------------------------------------------------------


def test_urls_resolve_against_the_page_url() -> None:
    assert links('<a href="../up.html">x</a><a href="//cdn.example.org/a b">y</a>') == [
        ("../up.html", "https://www.example.com/up.html"),
        ("//cdn.example.org/a b", "https://cdn.example.org/a%20b"),
    ]


def test_first_base_with_href_wins_wherever_it_stands() -> None:
    # HTML "document base URL": the first base element with an href, in tree order.
    html = '<a href="x">x</a><base target=_blank><base href="/one/"><base href="/two/">'
    page = extract_links(html, URL)
    assert page.base_url == "https://www.example.com/one/"
    assert page.links[0].url == "https://www.example.com/one/x"


def test_base_is_resolved_against_the_page_url_not_itself() -> None:
    page = extract_links('<base href="sub/"><a href="x">x</a>', URL)
    assert page.base_url == "https://www.example.com/dir/sub/"


@pytest.mark.parametrize("base", ["javascript:alert(1)", "data:text/html,x"])
def test_data_and_javascript_base_urls_are_ignored(base: str) -> None:
    # HTML "set the frozen base URL": data: and javascript: fall back to the document URL.
    page = extract_links(f'<base href="{base}"><a href="x">x</a>', URL)
    assert page.base_url == URL
    assert page.links[0].url == "https://www.example.com/dir/x"
    assert any("ignored" in w for w in page.warnings)


def test_unparseable_href_is_kept_with_a_warning() -> None:
    page = extract_links('<a href="http://exa mple.com/">bad</a><a href="ok">ok</a>', URL)
    bad, ok = page.links
    assert bad.url is None
    assert bad.scheme is None
    assert bad.relation is None
    assert bad.href == "http://exa mple.com/"
    assert "cannot be resolved" in bad.warnings[0]
    assert ok.url == "https://www.example.com/dir/ok"


def test_scheme_host_site_and_relation() -> None:
    page = extract_links(
        '<a href="#top">t</a><a href="/x">x</a><a href="https://blog.example.com/">b</a>'
        '<a href="https://other.example.org/">o</a><a href="mailto:a@example.com">m</a>'
        '<a href="JAVASCRIPT:void(0)">j</a>',
        URL,
    )
    got = [(lk.scheme, lk.host, lk.site, lk.relation) for lk in page.links]
    assert got == [
        ("https", "www.example.com", "example.com", "same-page"),
        ("https", "www.example.com", "example.com", "internal"),
        ("https", "blog.example.com", "example.com", "same-site"),
        ("https", "other.example.org", "example.org", "external"),
        ("mailto", None, None, "external"),
        ("javascript", None, None, "external"),
    ]
    assert [lk.is_backlink for lk in page.links] == [False, False, False, True, False, False]


def test_page_url_is_serialized_and_must_be_absolute() -> None:
    assert extract_links("", "HTTPS://WWW.Example.com").url == "https://www.example.com/"
    with pytest.raises(InvalidURLError, match="url='/relative'"):
        extract_links("", "/relative")
    with pytest.raises(InvalidInputError, match="url=None"):
        extract_links("", None)  # type: ignore[arg-type]


def test_non_utf8_pages_encode_the_query_in_their_encoding() -> None:
    # Browsers percent-encode the query in the document's encoding (URL Standard).
    page = extract_links(b'<meta charset="windows-1252"><a href="/s?q=\xe9">e</a>', URL)
    assert page.encoding == "windows-1252"
    assert page.links[0].url == "https://www.example.com/s?q=%E9"


# --- text and anchors -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<a href=x>  multi\n   line\t text </a>", "multi line text"),
        # textContent concatenates all descendant text, including script, not comments.
        ("<a href=x>a<b>b</b><!-- c -->d<script>s()</script></a>", "abds()"),
        # NBSP is not ASCII whitespace: kept.
        ("<a href=x>\u00a0x\u00a0</a>", "\u00a0x\u00a0"),
        # Character references are decoded by the tokenizer.
        ("<a href=x>Tom &amp; Jerry&nbsp;</a>", "Tom & Jerry\u00a0"),
        ("<a href=x><img alt=logo></a>", ""),
    ],
)
def test_text_is_normalized_text_content(html: str, text: str) -> None:
    assert extract_links(html, URL).links[0].text == text


@pytest.mark.parametrize(
    ("html", "anchor", "source"),
    [
        ("<a href=x title=t aria-label=l>Text<img alt=a></a>", "Text", "text"),
        (
            "<a href=x title=t><img alt='Logo one'> <img alt=''><img alt='two'></a>",
            "Logo one two",
            "alt",
        ),
        (
            "<a href=x aria-label=' Close  menu ' title=t><img src=i></a>",
            "Close menu",
            "aria-label",
        ),
        ("<a href=x title='Home page'><span> </span></a>", "Home page", "title"),
        ("<a href=x></a>", "", "none"),
        ("<map><area href=x alt='Region A'></map>", "Region A", "alt"),
        # An SVG <image> is not an HTML img: its alt does not count.
        ("<a href=x><svg><image alt=no></image></svg></a>", "", "none"),
        # ...but <img> breaks out of foreign content and is an HTML img (HTML §13.2.6.5).
        ("<a href=x><svg><img alt=yes></svg></a>", "yes", "alt"),
    ],
)
def test_anchor_fallbacks(html: str, anchor: str, source: str) -> None:
    link = extract_links(html, URL).links[0]
    assert (link.anchor, link.anchor_source) == (anchor, source)


# --- rel, robots, followed --------------------------------------------------------------


def test_rel_and_followed() -> None:
    page = extract_links(
        '<a href=a>plain</a><a href=b rel="NoFollow">n</a><a href=c rel="ugc,nofollow">u</a>'
        '<a href=d rel=sponsored>s</a><a href=e rel="noopener external">o</a>'
        '<a href=f rel="no-follow">lookalike</a>',
        URL,
    )
    got = [(lk.rel.tokens, lk.followed, lk.nofollow_source) for lk in page.links]
    assert got == [
        ((), True, None),
        (("nofollow",), False, "rel"),
        (("ugc,nofollow",), False, "rel"),
        (("sponsored",), False, "rel"),
        (("noopener", "external"), True, None),
        (("no-follow",), True, None),
    ]
    assert page.links[5].warnings


def test_meta_robots_nofollow_applies_to_every_link() -> None:
    page = extract_links(
        '<meta name="ROBOTS" content="NOINDEX, NOFOLLOW"><a href=a>a</a><a href=b rel=ugc>b</a>',
        URL,
    )
    assert page.robots.nofollow
    assert page.robots.noindex
    assert [(lk.followed, lk.nofollow_source) for lk in page.links] == [
        (False, "meta"),
        (False, "rel"),
    ]


def test_crawler_specific_meta_applies_only_to_that_crawler() -> None:
    html = '<meta name="bingbot" content="nofollow"><a href=a>a</a>'
    assert extract_links(html, URL).links[0].followed is True
    assert extract_links(html, URL, agent="bingbot").links[0].followed is False


def test_x_robots_tag_header_applies() -> None:
    page = extract_links(
        "<a href=a>a</a>", URL, headers=[("X-Robots-Tag", "noarchive"), ("x-robots-tag", "none")]
    )
    assert page.links[0].followed is False
    assert page.links[0].nofollow_source == "header"


# --- page fields ------------------------------------------------------------------------


def test_canonical_title_and_link_elements() -> None:
    page = extract_links(
        '<head><title> A  page </title><link rel="Canonical" href="/canon">'
        '<link rel=alternate hreflang=de href="https://de.example.com/"><link rel=icon></head>',
        URL,
    )
    assert page.canonical == "https://www.example.com/canon"
    assert page.title == "A page"
    assert [(e.rel.tokens, e.url, e.hreflang) for e in page.link_elements] == [
        (("canonical",), "https://www.example.com/canon", None),
        (("alternate",), "https://de.example.com/", "de"),
    ]


def test_bytes_are_decoded_as_a_browser_does() -> None:
    page = extract_links(b"\xef\xbb\xbf<a href=x>caf\xc3\xa9</a>", URL)
    assert (page.encoding, page.links[0].text) == ("utf-8", "café")
    page = extract_links(b"<a href=x>caf\xe9</a>", URL)
    assert (page.encoding, page.links[0].text) == ("windows-1252", "café")
    page = extract_links(
        b"<a href=x>caf\xe9</a>", URL, headers={"Content-Type": "text/html; charset=iso-8859-15"}
    )
    assert page.encoding == "iso-8859-15"


# --- image links, language, status -----------------------------------------------------


def test_image_links_are_marked_and_go_into_records() -> None:
    page = extract_links(
        '<a href="/a"><img src="logo.png" alt=""></a><a href="/b"><img src="x.png"></a>'
        '<a href="/c"><svg><path d="M0 0"/></svg></a><a href="/d">text</a>'
        '<map><area href="/e"></map>',
        URL,
    )
    assert [(lk.has_image, lk.anchor_source) for lk in page.links] == [
        (True, "none"),
        (True, "none"),
        (True, "none"),
        (False, "text"),
        (True, "none"),
    ]
    assert [r["has_image"] for r in page.to_records()] == [True, True, True, False, True]


@pytest.mark.parametrize(
    ("status", "headers", "location", "warned"),
    [
        (301, {"Location": "/new?q=é"}, "https://www.example.com/new?q=%C3%A9", False),
        (308, {"Location": "https://other.example/x#f"}, "https://other.example/x#f", False),
        (302, {"Location": "https://[bad"}, None, True),
        (307, None, None, True),
        (303, [("Location", "/a"), ("Location", "/b")], None, True),  # two: not known
        (200, {"Location": "/new"}, None, False),  # not a redirect status
        (None, {"Location": "/new"}, None, False),
        (201, {"Location": "/created"}, None, False),
    ],
)
def test_status_and_location(
    status: int | None, headers: Any, location: str | None, warned: bool
) -> None:
    page = extract_links("<p>moved</p>", URL, headers=headers, status=status)
    assert (page.status, page.location) == (status, location)
    assert any("Location" in w for w in page.warnings) == warned


def test_language_comes_from_the_page_and_its_headers() -> None:
    page = extract_links('<html lang="es-MX"><p>hola', URL, headers={"Content-Language": "en"})
    assert page.language == "es-MX"
    assert extract_links("<p>x", URL, headers={"Content-Language": "en"}).language == "en"
    assert extract_links("<p>x", URL).language is None


# --- records ----------------------------------------------------------------------------


RECORD_KEYS = [
    "page_url", "position", "tag", "href", "url", "scheme", "host", "site", "text", "anchor",
    "anchor_source", "has_image", "rel", "nofollow", "ugc", "sponsored", "followed",
    "nofollow_source", "region", "relation", "social_platform", "social_kind", "social_handle",
    "social_target", "landing_url", "landing_site", "wrapper", "warnings",
]  # fmt: skip


def test_records_are_flat_with_stable_keys() -> None:
    page = extract_links('<a href="/a" rel="ugc nofollow">A</a>', URL)
    (record,) = page.to_records()
    assert list(record) == RECORD_KEYS
    assert record["rel"] == "ugc nofollow"
    assert all(v is None or isinstance(v, (str, int, bool)) for v in record.values())


def test_records_drop_into_a_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    page = extract_links("<a href=a>a</a><a href=b rel=nofollow>b</a>", URL)
    frame = pd.DataFrame(page.to_records())
    assert frame.shape == (2, len(RECORD_KEYS))
    assert frame["followed"].tolist() == [True, False]


# --- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize("html", [None, 42, ["<a>"], {"html": ""}])
def test_wrong_html_type_is_a_type_error(html: object) -> None:
    with pytest.raises(InvalidInputError, match="html=") as info:
        extract_links(html, URL)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, BacklinkkitError)


def test_bad_backend_agent_and_encoding_are_value_errors() -> None:
    with pytest.raises(InvalidValueError, match="backend='nope'"):
        extract_links("", URL, backend="nope")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="agent=''"):
        extract_links("", URL, agent="")
    with pytest.raises(InvalidValueError, match="encoding='klingon'"):
        extract_links("", URL, encoding="klingon")


# --- social matches and claimed profiles ----------------------------------------------------


def test_links_through_any_registry_wrapper_land_on_their_target() -> None:
    # Google's /url?q= and href.li are not social platforms, but the registry lists them so
    # that links through them can be seen through (issue 8): the landing URL decides.
    page = extract_links(
        '<a href="https://www.google.com/url?q=https://example.com/guide">g</a>'
        '<a href="https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2F">f</a>'
        '<a href="https://example.net/">d</a>',
        "https://www.facebook.com/somepage",
    )
    google, facebook, direct = page.links
    assert (google.landing_url, google.landing_site, google.wrapper) == (
        "https://example.com/guide",
        "example.com",
        "google",
    )
    assert (facebook.landing_url, facebook.wrapper) == ("https://example.com/", "facebook")
    # l.facebook.com is on the page's own site, but the link lands elsewhere.
    assert facebook.relation == "external"
    assert facebook.is_backlink
    assert (direct.landing_url, direct.landing_site, direct.wrapper) == (
        "https://example.net/",
        "example.net",
        None,
    )
    assert page.platform == "facebook"


def test_a_page_off_social_platforms_has_no_platform() -> None:
    assert extract_links("", "https://example.org/").platform is None
    assert extract_links("", "https://medium.com/@a/b").platform == "medium"


def test_links_carry_their_social_match() -> None:
    page = extract_links(
        '<a href="https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fp">x</a>'
        '<a href="https://m.facebook.com/acme">fb</a><a href="https://notfacebook.com/">n</a>',
        URL,
    )
    redirect, profile, lookalike = (link.social for link in page.links)
    assert redirect is not None
    assert (redirect.platform.key, redirect.kind, redirect.target) == (
        "facebook",
        "redirect",
        "https://example.com/p",
    )
    assert profile is not None
    assert (profile.kind, profile.handle) == ("profile", "acme")
    assert lookalike is None


def test_claimed_profiles_come_from_json_ld_rel_me_and_twitter_cards() -> None:
    page = extract_links(
        '<link rel="me" href="https://mastodon.social/@acme">'
        '<script type="application/ld+json">{"@context": "https://schema.org",'
        ' "@graph": [{"@type": "Organization", "sameAs": ["https://www.facebook.com/acme"]}]}'
        "</script>"
        '<meta name="twitter:site" content="@acme_news">'
        '<a rel="me author" href="https://github.com/acme">gh</a>',
        URL,
    )
    got = [(c.source, c.match.platform.key if c.match else None) for c in page.claimed_profiles]
    assert got == [
        ("json-ld", "facebook"),
        ("rel-me", "mastodon"),
        ("rel-me", "github"),
        ("twitter:site", "x"),
    ]


def test_another_registry_can_be_passed() -> None:
    from backlinkkit.social import default_registry

    empty = default_registry().without(*(p.key for p in default_registry().platforms))
    page = extract_links('<a href="https://www.facebook.com/acme">fb</a>', URL, registry=empty)
    assert page.links[0].social is None


def test_a_token_the_parser_fails_on_is_skipped_with_a_page_warning() -> None:
    # html5lib 1.1 fails an assertion on this document (found by fuzzing); the token is
    # skipped, the link after it is kept, and the page says so.
    page = extract_links("<svg><select><title id=1><table></table><a href=after>after</a>", URL)
    assert [link.href for link in page.links] == ["after"]
    assert any("failed on 1 token" in w for w in page.warnings)


# --- the registry is consulted once, during extraction (issue 8) ---------------------------


def test_the_registry_is_consulted_once_per_page_and_once_per_distinct_href(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One ``match`` for the page URL and one per distinct link href; at most one landing
    look-up (unwrap) per distinct href; and nothing downstream (scoring, audit) asks again.

    Before issue 8, ``audit`` and ``score_page`` matched the page URL again (3 matches per
    page in all) and ran ``unwrap`` up to three times per link."""
    from backlinkkit import audit
    from backlinkkit.social import SocialRegistry

    calls = {"match": 0, "landing": 0, "unwrap": 0, "match_landing": 0}
    originals = {name: getattr(SocialRegistry, name) for name in calls}

    def counting(name: str):  # type: ignore[no-untyped-def]
        def wrapper(self: SocialRegistry, url: str):  # type: ignore[no-untyped-def]
            calls[name] += 1
            return originals[name](self, url)

        return wrapper

    for name in calls:
        monkeypatch.setattr(SocialRegistry, name, counting(name))
    html = (
        '<a href="https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2F">f</a>'
        '<a href="https://www.google.com/url?q=https://example.com/guide">g</a>'
        '<a href="https://example.com/a">a</a>'
        '<a href="https://example.com/a">a again</a>'  # the same href: looked up once
        '<a href="https://twitter.com/intent/tweet?url=x">share</a>'
        '<a href="/internal">i</a>'
    )
    page = extract_links(html, "https://blog.example.org/post")
    distinct = len({link.href for link in page.links})  # 5
    # one match for the page, one combined match-and-landing look-up per distinct href
    assert calls["match"] == 1
    assert calls["match_landing"] == distinct
    assert calls["landing"] == calls["unwrap"] == 0
    before = dict(calls)
    profile = audit([page], "example.com")
    profile.summary  # noqa: B018 - the summary is built lazily where it is
    assert calls == before, "scoring and audit consulted the registry again"
    # the Facebook and Google wrappers and the two direct links (the share button is none)
    assert len(profile.backlinks) == 4


def test_handed_bytes_are_freed_before_the_tree_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    import backlinkkit.extract as extract_module

    events: list[str] = []
    watch_parses(monkeypatch, events)
    handed: list[str | bytes] = [Watched(b'<a href="/x">x</a>', events)]
    page = extract_module.extract_handed(handed, "https://example.com/")
    assert handed == []
    assert events == ["bytes", "parse"]
    assert [link.url for link in page.links] == ["https://example.com/x"]
    # extract_links keeps the caller's reference, as any call does.
    events.clear()
    data = Watched(b"<p>", events)
    extract_links(data, "https://example.com/")
    assert events == ["parse"]
