"""Tests for :mod:`backlinkkit.social`.

Expected values come from the platforms' own URL shapes and from the cited
sources (urlpurify and ural test vectors, sherlock's profile templates,
ClearURLs rules), and from the WHATWG URL Standard for host handling; the
shipped data's example URLs carry those expectations and are all run here.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backlinkkit.errors import (
    BacklinkkitError,
    InvalidInputError,
    InvalidValueError,
    RegistryDataError,
)
from backlinkkit.social import (
    CATEGORIES,
    Example,
    OutboundRel,
    PathRule,
    Platform,
    Redirector,
    SocialMatch,
    SocialRegistry,
    default_registry,
    normalize_host,
)
from backlinkkit.social._matcher import Matcher
from tests.conftest import REPO, corpus_dir, shared_dir

REGISTRY = default_registry()
#: The compiled form of the shipped registry, for the tests of its fast paths.
MATCHER = Matcher(REGISTRY.platforms, REGISTRY.max_unwrap)

# ----------------------------------------------------------------------------- shipped data

#: The platforms the issue requires (issue 3), by key.
REQUIRED = [
    "facebook", "x", "instagram", "linkedin", "pinterest", "youtube", "tiktok", "reddit",
    "tumblr", "quora", "medium", "threads", "bluesky", "mastodon", "snapchat", "whatsapp",
    "telegram", "discord", "twitch", "vimeo", "flickr", "vk", "ok", "weibo", "xing",
    "dribbble", "behance", "github", "substack", "wordpress", "blogger", "soundcloud",
    "deviantart", "steam", "disqus", "livejournal", "zhihu", "douban", "messenger", "wikipedia",
]  # fmt: skip


def test_the_required_platforms_are_shipped() -> None:
    social = [p.key for p in REGISTRY.platforms if p.social]
    assert len(social) >= 40
    assert [key for key in REQUIRED if key not in social] == []


def test_every_platform_is_documented_and_exemplified() -> None:
    for platform in REGISTRY.platforms:
        assert platform.sources, platform.key
        assert platform.examples, platform.key
        assert platform.category in CATEGORIES
        kinds = {e.kind for e in platform.examples}
        if platform.redirectors:
            has_target = any(e.target for e in platform.examples)
            assert has_target, f"{platform.key}: no redirect example"
        if platform.shorteners:
            assert "shortlink" in kinds, f"{platform.key}: no short-link example"
        if platform.social:
            assert kinds & {"profile", "post", "share"}, f"{platform.key}: no content example"


EXAMPLES = [
    pytest.param(platform, example, id=f"{platform.key}-{position}")
    for platform in REGISTRY.platforms
    for position, example in enumerate(platform.examples)
]


@pytest.mark.parametrize(("platform", "example"), EXAMPLES)
def test_shipped_example(platform: Platform, example: Any) -> None:
    found = REGISTRY.match(example.url)
    if example.kind is None:
        assert found is None
    else:
        assert found is not None, example.url
        assert (found.platform.key, found.kind, found.handle, found.target, found.confidence) == (
            platform.key,
            example.kind,
            example.handle,
            example.target,
            example.confidence,
        )
    assert REGISTRY.unwrap(example.url) == (example.target or example.url)


def test_json_round_trip_of_every_platform() -> None:
    for platform in REGISTRY.platforms:
        assert Platform.from_dict(platform.to_dict()) == platform


def _validated(entry: dict[str, Any]) -> Platform:
    """*entry* of platforms.json built through the public, validating constructors."""
    fields = dict(entry)
    fields["outbound_rel"] = OutboundRel(**entry["outbound_rel"])
    for name, cls in (
        ("redirectors", Redirector),
        ("paths", PathRule),
        ("hints", PathRule),
        ("examples", Example),
    ):
        fields[name] = [cls(**item) for item in entry.get(name, [])]
    return Platform(**fields)


def test_the_loader_builds_what_the_validating_constructors_build() -> None:
    # The loader validates each field once and assembles the Platform without running
    # its converters again; the result must be the constructor's, field for field.
    path = REPO / "src" / "backlinkkit" / "social" / "platforms.json"
    entries = json.loads(path.read_text("utf-8"))["platforms"]
    assert len(entries) == len(REGISTRY.platforms)
    for entry, loaded in zip(entries, REGISTRY.platforms, strict=True):
        built = _validated(entry)
        assert loaded == built, entry["key"]
        assert hash(loaded) == hash(built)
        for field in attrs.fields(Platform):
            mine, theirs = getattr(loaded, field.name), getattr(built, field.name)
            assert type(mine) is type(theirs), (entry["key"], field.name)
            assert mine == theirs, (entry["key"], field.name)


def test_the_loader_fills_defaults_and_still_checks_the_whole_platform() -> None:
    minimal = {k: v for k, v in GOOD.items() if k in ("key", "name", "category", "domains",
                                                      "outbound_rel", "as_of")}  # fmt: skip
    assert Platform.from_dict(minimal) == _validated(minimal)
    assert Platform.from_dict(minimal).reserved == frozenset()
    with pytest.raises(RegistryDataError, match=r"handle_syntax='\('"):
        Platform.from_dict({**minimal, "handle_syntax": "("})


def test_default_registry_is_built_once() -> None:
    assert default_registry() is REGISTRY


def test_the_data_file_is_read_from_the_package() -> None:
    path = REPO / "src" / "backlinkkit" / "social" / "platforms.json"
    data = json.loads(path.read_text("utf-8"))
    assert [p["key"] for p in data["platforms"]] == [p.key for p in REGISTRY.platforms]


# ----------------------------------------------------------------------------- host matching

#: Hosts that merely look like a platform's: never a match, never unwrapped.
LOOKALIKES = [
    "https://notfacebook.com/facebook",
    "https://facebook.com.evil.example/facebook",
    "https://facebook.com@evil.example/facebook",
    "https://www.facebook.com%2Eevil.example/facebook",
    "https://facebook.co/facebook",
    "https://faceb0ok.com/facebook",
    "https://evil.example/www.facebook.com/facebook",
    "https://evil.example/?u=https://www.facebook.com/facebook",
    "https://l.examplefacebook.com/l.php?u=https%3A%2F%2Fexample.com%2F",
    "https://x.co/abc",  # a generic shortener, not X
    "https://www.x.co/abc",
    "https://t.co.evil.example/abc",
    "https://exampleyoutube.com/redirect?q=https%3A%2F%2Fexample.com",
    "https://umblr.com/redirect?z=https%3A%2F%2Fexample.com",
    "https://examplemedium.com/r?url=https%3A%2F%2Fexample.com",
    "https://wa.me.evil.example/15551234567",
    "https://alice.github.io/",  # a Public Suffix List private suffix: the user's own site
    "https://example.blogspot.com/",
    "mailto:someone@facebook.com",
    "javascript:alert('https://facebook.com/')",
    "ftp://facebook.com/facebook",
    "https://[2001:db8::1]/facebook",
    "https://203.0.113.7/facebook",
    "facebook.com/facebook",  # relative: not a URL on its own
]


@pytest.mark.parametrize("url", LOOKALIKES)
def test_lookalikes_never_match(url: str) -> None:
    assert REGISTRY.match(url) is None
    assert REGISTRY.unwrap(url) == url


#: WHATWG host parsing (https://url.spec.whatwg.org/#host-parsing): case, a trailing
#: dot, ports, credentials, backslashes, whitespace, percent-encoded and full-width
#: hosts all reduce to www.facebook.com.
WHATWG_VARIANTS = [
    "HTTPS://WWW.FACEBOOK.COM/facebook",
    "https://www.facebook.com./facebook",
    "https://www.facebook.com:443/facebook",
    "https://www.facebook.com:8443/facebook",
    "https://user:secret@www.facebook.com/facebook",
    "http://www.facebook.com\\facebook",
    "  https://www.facebook.com/facebook\n",
    "https://www.face\tbook.com/facebook",
    "https:www.facebook.com/facebook",
    "https://www.faceb%6Fok.com/facebook",
    "https://\uff57\uff57\uff57\uff0e\uff46\uff41\uff43\uff45\uff42\uff4f\uff4f\uff4b\uff0e\uff43\uff4f\uff4d/facebook",
    "https://www.facebook.com/./x/../facebook",
    "https://www.faceboo\u212a.com/facebook",  # KELVIN SIGN: IDNA maps it to "k"
]


def test_idna_mapped_letters_are_not_missed() -> None:
    # U+017F LATIN SMALL LETTER LONG S maps to "s" (UTS 46): this is snapchat.com.
    found = REGISTRY.match("https://\u017fnapchat.com/add/teamsnapchat")
    assert found is not None
    assert (found.platform.key, found.handle) == ("snapchat", "teamsnapchat")


@pytest.mark.parametrize("url", WHATWG_VARIANTS)
def test_hosts_are_parsed_as_browsers_do(url: str) -> None:
    found = REGISTRY.match(url)
    assert found is not None, url
    assert (found.platform.key, found.kind, found.handle) == ("facebook", "profile", "facebook")


def test_a_port_out_of_range_is_no_url() -> None:
    assert REGISTRY.match("https://www.facebook.com:65536/facebook") is None


def test_internationalised_domains_match_in_either_form() -> None:
    platform = Platform(
        key="buecher",
        name="Bücher",
        category="social network",
        domains=["Bücher.example"],
        outbound_rel=OutboundRel((), "unverified", "test"),
        as_of="2026-01-01",
        paths=[PathRule("profile", "/{handle}")],
    )
    assert platform.domains == ("xn--bcher-kva.example",)
    registry = REGISTRY.with_platforms(platform)
    for url in ("https://BÜCHER.example/anna", "https://www.xn--bcher-kva.example/anna"):
        found = registry.match(url)
        assert found is not None
        assert (found.platform.key, found.handle) == ("buecher", "anna")


@pytest.mark.parametrize(
    ("url", "kind", "handle"),
    [
        # the mention sigil is dropped from every handle, in the path or the query
        ("https://twitter.com/@jack", "profile", "jack"),
        ("https://x.com/@jack/status/20", "post", "jack"),
        ("https://mobile.twitter.com/@jack/status/20", "post", "jack"),
        ("https://twitter.com/intent/user?screen_name=%40jack", "profile", "jack"),
        ("https://www.instagram.com/@natgeo", "profile", "natgeo"),
        ("https://www.pinterest.com/@pinterest/", "profile", "pinterest"),
        ("https://www.twitch.tv/@ninja", "profile", "ninja"),
        ("https://www.tiktok.com/@scout2015", "profile", "scout2015"),
        # a handle outside the platform's syntax names no account (X: 1-15 of [A-Za-z0-9_])
        ("https://twitter.com/jack.dorsey", "other", None),
        ("https://x.com/sixteen_chars_xx", "other", None),
        ("https://www.instagram.com/nat-geo", "other", None),
        ("https://github.com/under_score", "other", None),
        # a phone-number link (core.telegram.org/api/links)
        ("https://t.me/+15551234567", "other", None),
        # a remote account seen on a Mastodon server keeps its own server
        ("https://mastodon.social/@Gargron@mastodon.online", "profile", "Gargron@mastodon.online"),
        ("https://mastodon.social/@Gargron", "profile", "Gargron@mastodon.social"),
    ],
)  # fmt: skip
def test_handles_follow_the_platforms_handle_syntax(
    url: str, kind: str, handle: str | None
) -> None:
    found = REGISTRY.match(url)
    assert found is not None
    assert (found.kind, found.handle) == (kind, handle)


def test_a_handle_syntax_must_be_a_regular_expression() -> None:
    entry = REGISTRY.get("x")
    assert entry is not None
    broken = {**entry.to_dict(), "handle_syntax": "[a-z"}
    with pytest.raises(RegistryDataError, match=r"platform 'x': .*handle_syntax='\[a-z'"):
        Platform.from_dict(broken)


# Each platform's URL shapes, from its own URLs and the corpus: the hosts it serves the
# same pages on (mobile, language-region and country hosts), and not its other services.
@pytest.mark.parametrize(
    ("url", "kind", "handle"),
    [
        # language-region hosts (Facebook's xx-xx locales), country and mobile hosts
        ("https://fr-fr.facebook.com/sauvonsluniversite", "profile", "sauvonsluniversite"),
        ("https://de-de.facebook.com/ADAC/", "profile", "ADAC"),
        ("https://es-la.facebook.com/facebook/videos/123/", "post", "facebook"),
        ("https://zh-tw.facebook.com/facebook", "profile", "facebook"),
        ("https://touch.facebook.com/facebook", "profile", "facebook"),
        ("https://uk.pinterest.com/pinterest/", "profile", "pinterest"),
        ("https://fr.linkedin.com/in/williamhgates", "profile", "williamhgates"),
        ("https://old.reddit.com/r/python/comments/abc123/title/", "post", None),
        ("https://np.reddit.com/user/spez", "profile", "spez"),
        ("https://m.youtube.com/@spiceworks", "profile", "spiceworks"),
        ("https://mobile.x.com/jack/status/20", "post", "jack"),
        # ... but not the platform's other services on subdomains
        ("https://developers.facebook.com/docs", "other", None),
        ("https://blog.twitter.com/official/en_us.html", "other", None),
        ("https://help.github.com/articles", "other", None),
        ("https://help.instagram.com/581066165581870", "other", None),
        ("https://studio.youtube.com/channel", "other", None),
        ("http://assets.pinterest.com/js/pinit.js", "other", None),
    ],
)  # fmt: skip
def test_the_hosts_each_platform_serves_its_pages_on(
    url: str, kind: str, handle: str | None
) -> None:
    found = REGISTRY.match(url)
    assert found is not None
    assert (found.kind, found.handle) == (kind, handle)


# The permalink forms platforms really link with (their share menus and embed codes, and
# the corpus), each of the kind of page it opens.
@pytest.mark.parametrize(
    ("url", "kind", "handle"),
    [
        ("https://www.facebook.com/groups/123456789/permalink/987654321/", "post", None),
        ("https://m.facebook.com/groups/python/permalink/987654321/?comment_id=1", "post", None),
        ("https://www.facebook.com/media/set/?set=a.10150146071791729", "post", None),
        ("https://www.facebook.com/watch/live/?v=1234567890", "post", None),
        ("https://www.facebook.com/video.php?v=1234567890", "post", None),
        ("https://www.facebook.com/notes/facebook/title/10150000000000000", "post", "facebook"),
        ("https://www.facebook.com/share/p/1AbCdEfGh/", "shortlink", None),
        ("https://www.facebook.com/share/1AbCdEfGh/", "shortlink", None),
        ("https://www.facebook.com/v2.7/dialog/feed?app_id=1&link=x", "share", None),
        ("https://www.facebook.com/dialog/send?app_id=1&link=x", "share", None),
        ("https://www.facebook.com/v2.5/plugins/like.php?href=x", "embed", None),
        ("https://twitter.com/#%21/mac_and_i", "profile", "mac_and_i"),
        ("https://twitter.com/i/user/12", "profile", None),
        ("https://twitter.com/intent/user?user_id=12", "profile", None),
        ("https://www.youtube.com/post/UgkxAbCdEf", "post", None),
        ("https://www.youtube.com/subscribe_embed?channel=x", "embed", None),
        ("https://www.reddit.com/r/python/s/AbCdEf123", "shortlink", None),
        ("https://www.reddit.com/u/spez/comments/abc123/", "post", "spez"),
        ("https://i.redd.it/abcdef123.jpg", "other", None),
        ("https://v.redd.it/abcdef123", "other", None),
        ("https://redd.it/abc123", "shortlink", None),
    ],
)  # fmt: skip
def test_permalink_forms(url: str, kind: str, handle: str | None) -> None:
    found = REGISTRY.match(url)
    assert found is not None
    assert (found.kind, found.handle) == (kind, handle)


# First path segments (and subdomains) that are a platform's own pages or services, never
# an account or an id.
@pytest.mark.parametrize(
    ("url", "kind", "handle"),
    [
        ("https://www.youtube.com/trending", "other", None),
        ("https://www.youtube.com/oembed?url=x", "other", None),
        ("https://www.instagram.com/reels/videos/", "other", None),
        ("https://www.instagram.com/reels/audio/123/", "other", None),
        ("https://www.instagram.com/stories/highlights/179/", "other", None),
        ("https://www.instagram.com/explore/tags/seo/", "other", None),
        ("https://www.facebook.com/connect/ping?client_id=1", "other", None),
        ("https://www.facebook.com/home", "other", None),
        ("https://twitter.com/followers", "other", None),
        ("https://twitter.com/lists", "other", None),
        ("https://medium.com/topics", "other", None),
        ("https://miro.medium.com/max/1200/1.png", "other", None),
        ("https://www.tumblr.com/oembed/1.0?url=x", "other", None),
        ("http://stats.wordpress.com/e-201501.js", "other", None),
        ("https://vip.wordpress.com/", "other", None),
        # ... while a real account of the same shape still is one
        ("https://www.youtube.com/reuters", "profile", "reuters"),
        ("https://www.instagram.com/reels.of.cats/", "profile", "reels.of.cats"),
        ("https://buchperlen.wordpress.com/", "profile", "buchperlen"),
    ],
)  # fmt: skip
def test_reserved_words_are_no_accounts(url: str, kind: str, handle: str | None) -> None:
    found = REGISTRY.match(url)
    assert found is not None
    assert (found.kind, found.handle) == (kind, handle)


def test_a_locale_host_is_a_language_region_label() -> None:
    rule = PathRule(kind="profile", path="/{handle}", host="|www|{locale}")
    facebook = REGISTRY.get("facebook")
    assert facebook is not None
    registry = SocialRegistry([attrs.evolve(facebook, paths=(rule,), redirectors=())])
    subs = {"fr-fr.": "profile", "es-la.": "profile", "www.": "profile", "": "profile"}
    subs |= {"fr.": "other", "lm.": "other", "x-fr.": "other", "fr-fr.m.": "other"}
    for sub, kind in subs.items():
        found = registry.match(f"https://{sub}facebook.com/name")
        assert found is not None
        assert found.kind == kind, sub


def test_non_str_is_a_type_error() -> None:
    for call in (REGISTRY.match, REGISTRY.unwrap):
        with pytest.raises(InvalidInputError) as caught:
            call(None)  # type: ignore[arg-type]
        assert isinstance(caught.value, TypeError)
        assert "url=None" in str(caught.value)


def test_platforms_that_are_not_social_never_match() -> None:
    url = "https://www.google.com/url?q=https%3A%2F%2Fwww.facebook.com%2Ffacebook"
    assert REGISTRY.match(url) is None
    found = REGISTRY.match(REGISTRY.unwrap(url))
    assert found is not None
    assert (found.platform.key, found.handle) == ("facebook", "facebook")


# ----------------------------------------------------------------------------- federated


def test_known_mastodon_servers_match_with_full_confidence() -> None:
    found = REGISTRY.match("https://mastodon.social/@Gargron")
    assert found is not None
    assert (found.platform.key, found.handle, found.confidence) == (
        "mastodon", "Gargron@mastodon.social", 1.0,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("url", "kind", "handle"),
    [
        ("https://social.example/@alice/110123456789012345", "post", "alice@social.example"),
        ("https://SOCIAL.example./@alice", "profile", "alice@social.example"),
        ("https://social.example/users/alice/statuses/1", "post", "alice@social.example"),
    ],
)
def test_mastodon_url_shapes_are_a_weaker_hint(url: str, kind: str, handle: str) -> None:
    found = REGISTRY.match(url)
    assert found is not None
    assert (found.platform.key, found.kind, found.handle) == ("mastodon", kind, handle)
    assert 0 < found.confidence < 1


@pytest.mark.parametrize(
    "url",
    [
        "https://social.example/@alice/not-a-number",
        "https://social.example/users/alice",
        "https://social.example/alice",
        "https://social.example/a/@alice",
    ],
)
def test_other_shapes_are_no_hint(url: str) -> None:
    assert REGISTRY.match(url) is None


def test_a_platform_host_wins_over_a_hint() -> None:
    found = REGISTRY.match("https://medium.com/@Medium")
    assert found is not None
    assert (found.platform.key, found.confidence) == ("medium", 1.0)


# ----------------------------------------------------------------------------- unwrapping

#: One URL per redirect wrapper of the reference survey
#: (shared/reference/social-platforms.json, keyed by name, host, path), with its target.
#: Targets come from the survey, urlpurify/ural test vectors and ClearURLs rules; they
#: are written WHATWG-serialized.
LINKEDIN_OTHERS = "/redirect | /nhome/nus-redirect | /nus-trk | /e/v2 | /company/<id>/redirect"
WRAPPERS: list[tuple[str, str, str, str, str]] = [
    ("Facebook", "l.facebook.com", "/l.php",
     "https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fpage&h=AT0", "https://example.com/page"),
    ("Facebook", "lm.facebook.com", "/l.php",
     "https://lm.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fa", "https://example.com/a"),
    ("Facebook", "*.facebook.com", "/l.php",
     "https://m.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fm", "https://example.com/m"),
    ("Facebook", "l.facebook.com", "/",
     "http://l.facebook.com/?u=http%3A%2F%2Fexample.com%2Fpage%3Fa%3D1%26z%3D2&e=ATNt8",
     "http://example.com/page?a=1&z=2"),
    ("Facebook", "l.facebook.com", "/lsr.php",
     "http://l.facebook.com/lsr.php?u=http%3A%2F%2Fexample.com%2Fpage&ext=1412643317",
     "http://example.com/page"),
    ("Facebook", "www.facebook.com", "/l/<token>/<target>",
     "http://www.facebook.com/l/5AQHGK4rxAQGL-AEL93wViymSpBqLhKkJJR0sSF1hMP-V6w/rapidcityjournal.com/news/article_46a1b9aa",
     "http://rapidcityjournal.com/news/article_46a1b9aa"),
    ("Messenger (Meta)", "l.messenger.com", "/l.php",
     "https://l.messenger.com/l.php?u=https%3A%2F%2Fexample.com%2F", "https://example.com/"),
    ("X (Twitter)", "t.co", "/<id>", "https://t.co/G6sGeIxGWc", "https://t.co/G6sGeIxGWc"),
    ("Instagram", "l.instagram.com", "/",
     "https://l.instagram.com/?u=https%3A%2F%2Fexample.com%2Fpage&e=ABC", "https://example.com/page"),
    ("Threads", "l.threads.net", "/",
     "https://l.threads.net/?u=https%3A%2F%2Fexample.com%2F&e=AT", "https://example.com/"),
    ("Threads", "l.threads.com", "/",
     "https://l.threads.com/?u=https%3A%2F%2Fexample.com%2Fb", "https://example.com/b"),
    ("LinkedIn", "www.linkedin.com", "/redir/redirect",
     "https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fexample%2Ecom%2Farticle&urlhash=v4oP",
     "https://example.com/article"),
    ("LinkedIn", "www.linkedin.com", "/safety/go",
     "https://www.linkedin.com/safety/go/?url=https%3A%2F%2Fexample%2Ecom%2Farticle&urlhash=MXRZ",
     "https://example.com/article"),
    ("LinkedIn", "www.linkedin.com", LINKEDIN_OTHERS,
     "https://www.linkedin.com/e/v2?urlhash=miI9&url=https%3A%2F%2Fexample%2Ecom%2Farticle",
     "https://example.com/article"),
    ("Pinterest", "www.pinterest.com", "/offsite/",
     "https://www.pinterest.com/offsite/?token=1&url=https%3A%2F%2Fexample.com%2Fp&pin=2",
     "https://example.com/p"),
    ("YouTube", "www.youtube.com", "/redirect",
     "https://www.youtube.com/redirect?event=video_description&q=https%3A%2F%2Fexample.com%2Fstory",
     "https://example.com/story"),
    ("YouTube", "www.youtube.com", "/attribution_link",
     "https://www.youtube.com/attribution_link?u=%2Fwatch%3Fv%3DdQw4w9WgXcQ",
     "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
    ("TikTok", "www.tiktok.com", "/link/v2",
     "https://www.tiktok.com/link/v2?aid=1988&scene=bio_url&target=https%3A%2F%2Flinktr.ee%2Fexample",
     "https://linktr.ee/example"),
    ("Reddit", "out.reddit.com", "/<thing-id>",
     "https://out.reddit.com/t3_abc123?url=https%3A%2F%2Fexample.com%2F&token=x", "https://example.com/"),
    ("Reddit", "click.redditmail.com", "/...",
     "https://click.redditmail.com/CL0/1/abc?url=https%3A%2F%2Fexample.com%2Fmail", "https://example.com/mail"),
    ("Tumblr", "t.umblr.com", "/redirect",
     "https://t.umblr.com/redirect?z=https%3A%2F%2Fexample.com%2Fpost&t=sig", "https://example.com/post"),
    ("Tumblr", "href.li", "/", "https://href.li/?https://example.com/page", "https://example.com/page"),
    ("Medium", "medium.com", "/r/",
     "https://medium.com/r/?url=https%3A%2F%2Fexample.com%2Farticle", "https://example.com/article"),
    ("Bluesky", "go.bsky.app", "/redirect",
     "https://go.bsky.app/redirect?u=https%3A%2F%2Fexample.com%2Fpage", "https://example.com/page"),
    ("VK (VKontakte)", "vk.com", "/away.php",
     "https://vk.com/away.php?to=https%3A%2F%2Fexample.com%2F&cc_key=", "https://example.com/"),
    ("OK.ru (Odnoklassniki)", "ok.ru", "/dk",
     "https://ok.ru/dk?cmd=logExternal&st.link=http%3A%2F%2Fexample.com%2Fshoes&st.name=externalLinkRedirect",
     "http://example.com/shoes"),
    ("OK.ru (Odnoklassniki)", "m.ok.ru", "/dk",
     "https://m.ok.ru/dk?st.cmd=outLinkWarning&st.rfn=https%3A%2F%2Fexample.com%2F", "https://example.com/"),
    ("Weibo", "weibo.cn", "/sinaurl",
     "https://weibo.cn/sinaurl?u=https%3A%2F%2Fexample.com%2F", "https://example.com/"),
    ("SoundCloud", "exit.sc", "/",
     "https://exit.sc/?url=https%3A%2F%2Fexample.com%2Fs", "https://example.com/s"),
    ("DeviantArt", "www.deviantart.com", "/<user>/outgoing",
     "https://www.deviantart.com/users/outgoing?https://example.com/shop", "https://example.com/shop"),
    ("Steam Community", "steamcommunity.com", "/linkfilter/",
     "https://steamcommunity.com/linkfilter/?url=https%3A%2F%2Fexample.com%2F", "https://example.com/"),
    ("Disqus", "disq.us", "/ or /url",
     "https://disq.us/url?url=https%3A%2F%2Fpastebin.com%2FHXuySRae%3Asc8R4UqCLAR076Jk-qBmZKBxyLo&cuid=4411650",
     "https://pastebin.com/HXuySRae"),
    ("LiveJournal", "www.livejournal.com", "/away",
     "https://www.livejournal.com/away?to=https%3A%2F%2Fexample.com%2Flj", "https://example.com/lj"),
    ("Zhihu", "link.zhihu.com", "/",
     "https://link.zhihu.com/?target=https%3A%2F%2Fexample.com%2Fz", "https://example.com/z"),
    ("Douban", "www.douban.com", "/link2/",
     "https://www.douban.com/link2/?url=https%3A%2F%2Fexample.com%2Farticle", "https://example.com/article"),
    ("Google redirect (non-social example)", "www.google.<tld>", "/url",
     "https://www.google.de/url?sa=t&url=https%3A%2F%2Fexample.com%2Fg&usg=x", "https://example.com/g"),
    ("Google redirect (non-social example)", "www.google.<tld>", "/amp/s/<host>/<path>",
     "https://www.google.com/amp/s/www.example.com/2024/01/story.amp", "https://www.example.com/2024/01/story.amp"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "host", "path", "url", "target"), WRAPPERS, ids=[f"{w[1]}{w[2]}" for w in WRAPPERS]
)
def test_every_reference_wrapper_unwraps(
    name: str, host: str, path: str, url: str, target: str
) -> None:
    assert REGISTRY.unwrap(url) == target
    found = REGISTRY.match(url)
    if name.startswith(("Google", "Tumblr")) and host in ("www.google.<tld>", "href.li"):
        assert found is None  # redirect services, not social platforms
    elif target == url:
        assert found is not None
        assert found.kind == "shortlink"
    else:
        assert found is not None
        assert (found.kind, found.target) == ("redirect", target)


def test_the_wrapper_table_covers_the_reference_survey() -> None:
    path = shared_dir() / "reference" / "social-platforms.json"
    if not path.is_file():
        pytest.skip(f"reference survey not found at {path}")
    survey = json.loads(path.read_text("utf-8"))
    wanted = {(p["name"], w["host"], w["path"]) for p in survey for w in p["redirect_wrappers"]}
    assert wanted == {(name, host, path) for name, host, path, _url, _target in WRAPPERS}


NESTED = [
    # Google -> Facebook (reference survey, nesting observed in the wild)
    ("https://www.google.com/url?q=https%3A%2F%2Fl.facebook.com%2Fl.php%3Fu%3Dhttps%253A%252F%252Fexample.com%252Fx",
     "https://example.com/x"),
    # TikTok -> Instagram
    ("https://www.tiktok.com/link/v2?target=https%3A%2F%2Fl.instagram.com%2F%3Fu%3Dhttps%253A%252F%252Fexample.com%252F",
     "https://example.com/"),
    # Instagram -> WhatsApp (not a wrapper: unwrapping stops there)
    ("https://l.instagram.com/?u=https%3A%2F%2Fapi.whatsapp.com%2Fsend%3Fphone%3D15551234567&e=AT",
     "https://api.whatsapp.com/send?phone=15551234567"),
    # LinkedIn -> lnkd.in (an opaque short link: reported, never fetched)
    ("https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Flnkd.in%2FeAbC123", "https://lnkd.in/eAbC123"),
    # Tumblr -> href.li
    ("https://t.umblr.com/redirect?z=https%3A%2F%2Fhref.li%2F%3Fhttps%3A%2F%2Fexample.com%2Ft&t=x",
     "https://example.com/t"),
]  # fmt: skip


@pytest.mark.parametrize(("url", "target"), NESTED)
def test_nested_wrappers_unwrap_to_the_final_target(url: str, target: str) -> None:
    assert REGISTRY.unwrap(url) == target


def test_a_match_reports_the_final_target_of_nested_wrappers() -> None:
    found = REGISTRY.match(NESTED[1][0])
    assert found is not None
    assert (found.platform.key, found.target) == ("tiktok", NESTED[1][1])


#: The platform of the outermost wrapper of each NESTED URL (read off its host).
NESTED_OUTER = ["google", "tiktok", "instagram", "linkedin", "tumblr"]


@pytest.mark.parametrize(("nested", "outer"), list(zip(NESTED, NESTED_OUTER, strict=True)))
def test_landing_names_the_outermost_wrapper(nested: tuple[str, str], outer: str) -> None:
    url, target = nested
    assert REGISTRY.landing(url) == (target, outer)


def test_landing_of_what_is_no_wrapper() -> None:
    for url in ("https://example.com/", "https://t.co/abc123", "https://l.facebook.com/l.php"):
        assert REGISTRY.landing(url) == (url, None)
    # A non-social wrapper is seen through too, and named.
    assert REGISTRY.landing("https://href.li/?https://example.com/p") == (
        "https://example.com/p",
        "href-li",
    )
    with pytest.raises(InvalidInputError, match="url=None"):
        REGISTRY.landing(None)  # type: ignore[arg-type]


def test_the_match_target_is_the_landing_of_the_same_url() -> None:
    # match() peels the first wrapper from its own parse, then the same loop as unwrap().
    for url, _target in NESTED:
        found = REGISTRY.match(url)
        if found is not None and found.kind == "redirect":
            assert found.target == REGISTRY.landing(url)[0]
    shallow = SocialRegistry(REGISTRY.platforms, max_unwrap=1)
    found = shallow.match(NESTED[1][0])
    assert found is not None
    # One peel allowed: the TikTok wrapper's target is the Instagram wrapper, kept as it is.
    assert found.target == "https://l.instagram.com/?u=https%3A%2F%2Fexample.com%2F"
    assert shallow.unwrap(NESTED[1][0]) == found.target


@pytest.mark.parametrize("url", [u for u, _t in NESTED] + [w[3] for w in WRAPPERS])
def test_landing_and_unwrap_agree(url: str) -> None:
    landing, key = REGISTRY.landing(url)
    assert landing == REGISTRY.unwrap(url)
    assert (key is None) == (landing == url)


def test_unwrapping_stops_at_the_depth_limit() -> None:
    urls = ["https://example.com/end"]
    for _ in range(6):
        urls.append("https://href.li/?" + urls[-1])
    shallow = SocialRegistry(REGISTRY.platforms, max_unwrap=2)
    assert shallow.unwrap(urls[6]) == urls[4]
    assert REGISTRY.unwrap(urls[6]) == urls[0]


@pytest.mark.parametrize(
    ("url", "target"),
    [
        # double and half encoding (urlpurify facebook.test.ts)
        ("https://l.facebook.com/l/jAQEpUZL6/https%253A%252F%252Fwww.poets.org%252Fpoet%252Fdavid-lehman",
         "https://www.poets.org/poet/david-lehman"),
        ("https://www.facebook.com/l/sAQEFF71-AQGl5/https%3A//www.youcaring.com/help-a-neighbor/165331",
         "https://www.youcaring.com/help-a-neighbor/165331"),
        ("https://l.facebook.com/l/jAQEpUZL6/https%253A%252F%252Fexample.com%252F100%25",
         "https://example.com/100%"),
        # a target without a scheme (ural: YouTube's q=)
        ("https://www.youtube.com/redirect?q=www.example.com%2Fa%3Fb%3D1", "https://www.example.com/a?b=1"),
        # protocol-relative target
        ("https://www.youtube.com/redirect?q=%2F%2Fexample.com%2Fp", "https://example.com/p"),
    ],
)  # fmt: skip
def test_targets_are_decoded(url: str, target: str) -> None:
    assert REGISTRY.unwrap(url) == target


# A named parameter's value is taken as URLSearchParams.get() takes it: split on "&",
# then "+" to space and percent-decoded once (WHATWG URL Standard, "application/
# x-www-form-urlencoded parsing"), whether the target is written raw or encoded;
# nested wrappers are then peeled from the decoded value.
@pytest.mark.parametrize(
    ("url", "target", "outer"),
    [
        # URLSearchParams("q=https://example.com/?x=1%26y=2").get("q") == "https://example.com/?x=1&y=2"
        ("https://www.google.com/url?q=https://example.com/?x=1%26y=2",
         "https://example.com/?x=1&y=2", "google"),
        # ... a raw "&" ends the value, so y=2 is Google's own parameter
        ("https://www.google.com/url?q=https://example.com/?x=1&y=2",
         "https://example.com/?x=1", "google"),
        # "+" is a space, serialized %20 in a path by the URL parser
        ("https://www.google.com/url?q=https://example.com/a+b",
         "https://example.com/a%20b", "google"),
        ("https://www.google.com/url?q=https://example.com/a%2Bb",
         "https://example.com/a+b", "google"),
        # nested: the decoded value is itself a wrapper whose u= is encoded once more
        ("https://www.google.com/url?q=https://l.facebook.com/l.php?u%3Dhttps%253A%252F%252Fexample.com%252Fn%253Fa%253D1%2526b%253D2",
         "https://example.com/n?a=1&b=2", "google"),
        ("https://l.facebook.com/l.php?u=https://www.google.com/url?q%3Dhttps://example.com/p%253Fk%253Dv%2526w",
         "https://example.com/p?k=v&w", "facebook"),
        ("https://www.youtube.com/redirect?q=https://example.com/%3Fx%3D1&v=abc",
         "https://example.com/?x=1", "youtube"),
        ("https://www.linkedin.com/redir/redirect?url=https://example.com/%C3%A9",
         "https://example.com/%C3%A9", "linkedin"),
    ],
)  # fmt: skip
def test_a_parameter_target_is_read_as_url_search_params_does(
    url: str, target: str, outer: str
) -> None:
    assert REGISTRY.landing(url) == (target, outer)
    assert REGISTRY.unwrap(url) == target


@pytest.mark.parametrize(
    "url",
    [
        "https://l.facebook.com/l.php",  # no target
        "https://l.facebook.com/l.php?u=",
        "https://l.facebook.com/l.php?u=javascript%3Aalert(1)",  # only http(s) is followed
        "https://l.facebook.com/l.php?u=not%20a%20url",
        "https://www.youtube.com/redirect?event=video_description",
        # cmd=logExternal missing
        "https://ok.ru/dk?st.cmd=addShare&st.link=http%3A%2F%2Fexample.com",
        "https://bsky.app/redirect?u=https%3A%2F%2Fexample.com%2Fpage",  # not the redirect host
        "https://www.deviantart.com/users/outgoing",  # empty query
        "https://www.linkedin.com/in/example/safety/go?url=https%3A%2F%2Fexample.com%2F",
    ],
)
def test_wrappers_without_a_usable_target_are_left_alone(url: str) -> None:
    assert REGISTRY.unwrap(url) == url
    found = REGISTRY.match(url)
    assert found is None or found.target is None


def test_an_opaque_short_link_is_reported_not_fetched() -> None:
    # The test session blocks sockets (tests/conftest.py): a fetch would fail loudly.
    found = REGISTRY.match("https://t.co/abc123")
    assert found is not None
    assert (found.platform.key, found.kind, found.target) == (
        "x",
        "shortlink",
        None,
    )
    assert REGISTRY.unwrap("https://t.co/abc123") == "https://t.co/abc123"


# ----------------------------------------------------------------------------- never raises

URLISH = st.builds(
    lambda scheme, user, host, port, path, query: scheme + user + host + port + path + query,
    st.sampled_from(["https://", "http://", "HTTPS://", "https:", " https://", "ftp://", ""]),
    st.sampled_from(["", "user@", "a:b@", "facebook.com@"]),
    st.sampled_from(
        [
            "www.facebook.com", "l.facebook.com", "t.co", "x.co", "FaceBook.com.", "social.example",
            "xn--bcher-kva.example", "faceb%6Fok.com", "www.youtube.com", "href.li", "1.2.3.4",
            "[::1]", "disq.us", "m.ok.ru", "go.bsky.app", "www.google.co.uk", "mastodon.social",
            "\u017fnapchat.com", "faceboo\u212a.com", "FACEBOOK.COM", "xn--nxasmq6b.example",
        ]
    ),
    st.sampled_from(["", ":443", ":8080", ":99999", ":", ":0x"]),
    st.text(alphabet="/@\\\t.%2Fa-_u1:?#=&", max_size=20),
    st.sampled_from(["", "?u=https%3A%2F%2Fexample.com", "?q=twitch.tv%2Fx", "?https://a.example/"]),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), URLISH))
def test_match_and_unwrap_never_raise(text: str) -> None:
    found = REGISTRY.match(text)
    assert found is None or isinstance(found, SocialMatch)
    assert isinstance(REGISTRY.unwrap(text), str)
    landing, key = REGISTRY.landing(text)
    assert landing == REGISTRY.unwrap(text)
    assert key is None or REGISTRY.get(key) is not None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(URLISH)
def test_the_fast_path_agrees_with_the_full_parse(text: str) -> None:
    # match() skips the WHATWG parse for plain URLs whose host is no platform's;
    # it must say exactly what the full parse says.
    assert REGISTRY.match(text) == MATCHER.match_exact(text)
    assert REGISTRY.unwrap(text) == MATCHER.peel(text, REGISTRY.max_unwrap)[0]


# ----------------------------------------------------------------------------- registry API


def _platform(key: str = "example", domain: str = "social.example", **fields: Any) -> Platform:
    return Platform(
        key=key,
        name=key.title(),
        category="social network",
        domains=[domain],
        outbound_rel=OutboundRel(["nofollow"], "unverified", "test"),
        as_of="2026-01-01",
        **fields,
    )


def test_with_platforms_adds_and_replaces_without_changing_the_original() -> None:
    mine = _platform(paths=[PathRule("profile", "/u/{handle}")])
    grown = REGISTRY.with_platforms(mine)
    found = grown.match("https://www.social.example/u/ann")
    assert found is not None
    assert (found.platform.key, found.handle) == ("example", "ann")
    assert REGISTRY.match("https://www.social.example/u/ann") is None
    assert len(grown.platforms) == len(REGISTRY.platforms) + 1

    replaced = REGISTRY.with_platforms(_platform(key="facebook", domain="fb.example"))
    assert replaced.match("https://www.facebook.com/facebook") is None
    found = replaced.match("https://fb.example/")
    assert found is not None
    assert found.platform.key == "facebook"
    assert [p.key for p in replaced.platforms] == [p.key for p in REGISTRY.platforms]


def test_without_removes_platforms() -> None:
    smaller = REGISTRY.without("facebook", "x")
    assert smaller.match("https://www.facebook.com/facebook") is None
    assert smaller.match("https://t.co/abc") is None
    assert smaller.get("facebook") is None
    assert REGISTRY.get("facebook") is not None


def test_the_registry_is_immutable() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        REGISTRY.max_unwrap = 3  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        REGISTRY.platforms[0].key = "other"  # type: ignore[misc]


def test_two_platforms_cannot_claim_one_host() -> None:
    with pytest.raises(RegistryDataError, match=r"'clash'.*'domains'.*'facebook.com'.*'facebook'"):
        REGISTRY.with_platforms(_platform(key="clash", domain="facebook.com"))


def test_from_file_reads_a_callers_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"platforms": [_platform().to_dict()]}), "utf-8")
    loaded = SocialRegistry.from_file(path)
    assert loaded.platforms == (_platform(),)
    combined = REGISTRY.with_platforms(*loaded.platforms)
    found = combined.match("https://social.example/")
    assert found is not None
    assert found.platform.key == "example"


GOOD = _platform().to_dict()

#: (change to a valid entry, text the error must contain): the entry and the field.
BROKEN: list[tuple[dict[str, Any], str]] = [
    ({"key": "Not A Slug"}, "Platform.key="),
    ({"category": "newsletter"}, "Platform.category="),
    ({"domains": ["not a host"]}, "Platform.domains="),
    ({"domains": "social.example/path"}, "Platform.domains="),
    ({"domains": ["192.0.2.1"]}, "Platform.domains="),
    ({"shorteners": ["x"]}, "Platform.shorteners="),
    ({"as_of": "yesterday"}, "Platform.as_of="),
    ({"outbound_rel": {"rel": [], "confidence": "sure", "source": "x"}},
     "OutboundRel.confidence="),
    ({"outbound_rel": "nofollow"}, "'outbound_rel'"),
    ({"paths": [{"kind": "profile", "path": "no-slash"}]}, "paths[0]"),
    ({"paths": [{"kind": "page", "path": "/"}]}, "PathRule.kind="),
    ({"paths": [{"kind": "post", "path": "/**/x"}]}, "PathRule.path="),
    ({"paths": [{"kind": "post", "path": "/{a}{b}"}]}, "PathRule.path="),
    ({"paths": [{"kind": "post", "path": "/{handle}/{handle}"}]}, "at most one {handle}"),
    ({"paths": [{"kind": "post", "path": "/", "confidence": 2}]}, "PathRule.confidence="),
    ({"redirectors": [{"host": "l.social.example", "path": "/l.php"}]}, "Redirector.params="),
    ({"redirectors": [{"host": "l.social.example", "path": "/", "target": "path"}]},
     "Redirector.path="),
    ({"redirectors": [{"host": "l.social.example", "path": "/", "params": ["u"], "strip": "("}]},
     "Redirector.strip="),
    ({"redirectors": [{"host": "bad host", "path": "/", "params": ["u"]}]}, "Redirector.host="),
    ({"examples": [{"url": "https://social.example/", "kind": "page"}]}, "Example.kind="),
    ({"examples": "https://social.example/"}, "'examples'"),
    ({"colour": "blue"}, "unknown field(s) colour"),
    ({"name": ""}, "Platform.name="),
]  # fmt: skip


@pytest.mark.parametrize(("change", "message"), BROKEN)
def test_invalid_data_names_the_entry_and_the_field(change: dict[str, Any], message: str) -> None:
    entry = {**GOOD, **change}
    with pytest.raises(RegistryDataError) as caught:
        SocialRegistry.from_json(json.dumps({"platforms": [entry]}), source="mine.json")
    text = str(caught.value)
    assert text.startswith("mine.json: platforms[0]: platform ")
    assert message in text
    assert isinstance(caught.value, ValueError)


def test_missing_fields_and_broken_documents_are_reported() -> None:
    missing = {k: v for k, v in GOOD.items() if k != "domains"}
    with pytest.raises(RegistryDataError, match=r"platform 'example'.*domains"):
        SocialRegistry.from_json(json.dumps([missing]))
    with pytest.raises(RegistryDataError, match="not valid JSON"):
        SocialRegistry.from_json("{")
    with pytest.raises(RegistryDataError, match="expected a list of platforms"):
        SocialRegistry.from_json('{"platform": []}')
    with pytest.raises(RegistryDataError, match=r"'example'.*listed twice"):
        SocialRegistry.from_json(json.dumps([GOOD, GOOD]))


# ----------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("value", "host"),
    [
        ("Bücher.Example.", "xn--bcher-kva.example"),
        ("WWW.Facebook.COM", "www.facebook.com"),
        ("  t.co ", "t.co"),
    ],
)
def test_normalize_host(value: str, host: str) -> None:
    assert normalize_host(value) == host


@pytest.mark.parametrize(
    "value", ["", "localhost", "1.2.3.4", "x.com:80", "https://x.com", "a b.com", "a@b", "[::1]"]
)
def test_normalize_host_rejects_what_is_no_domain(value: str) -> None:
    with pytest.raises(InvalidValueError, match="host="):
        normalize_host(value)


def test_values_validate_their_fields() -> None:
    platform = REGISTRY.platforms[0]
    with pytest.raises(InvalidValueError, match=r"confidence=1\.5"):
        SocialMatch(platform, "profile", confidence=1.5)
    with pytest.raises(InvalidValueError, match="kind='page'"):
        SocialMatch(platform, "page")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="platform="):
        SocialMatch("facebook", "profile")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="max_unwrap=0"):
        SocialRegistry(max_unwrap=0)
    with pytest.raises(InvalidValueError, match=r"Redirector\.target='dns'"):
        Redirector("l.example.com", "/", target="dns")  # type: ignore[arg-type]


_RULE = {"kind": "profile", "path": "/u/{handle}"}
_REL: dict[str, Any] = {"rel": ["nofollow"], "confidence": "unverified", "source": "test"}
_REDIRECTOR: dict[str, Any] = {"host": "l.social.example", "path": "/l", "params": ["u"]}
_PLATFORM: dict[str, Any] = {
    "key": "example",
    "name": "Example",
    "category": "social network",
    "domains": ["social.example"],
    "outbound_rel": OutboundRel(**_REL),
    "as_of": "2026-01-01",
}

#: (class, valid fields, field, wrong-typed value, wrong value) for every entry value;
#: None where a field has no such value (a Literal field takes any value and says
#: "expected one of", an InvalidValueError, as ``_validate.one_of`` does).
CONTRACT: list[tuple[type, dict[str, Any], str, Any, Any]] = [
    (OutboundRel, _REL, "confidence", None, "sure"),
    (OutboundRel, _REL, "source", None, " "),
    (OutboundRel, _REL, "wrapped", "yes", None),
    (Redirector, _REDIRECTOR, "target", None, "dns"),
    (Redirector, _REDIRECTOR, "path", 3, "no-slash"),
    (Redirector, _REDIRECTOR, "scheme", None, "ftp"),
    (PathRule, _RULE, "kind", None, "page"),
    (PathRule, _RULE, "confidence", "high", 1.5),
    (PathRule, _RULE, "host", 3, "a b"),
    (Example, {"url": "https://social.example/"}, "kind", None, "page"),
    (Example, {"url": "https://social.example/"}, "confidence", "1", -0.1),
    (Platform, _PLATFORM, "key", 3, "Not A Slug"),
    (Platform, _PLATFORM, "category", None, "newsletter"),
    (Platform, _PLATFORM, "domains", 3, ["192.0.2.1"]),
    (Platform, _PLATFORM, "as_of", 2026, "yesterday"),
    (Platform, _PLATFORM, "social", 1, None),
]


@pytest.mark.parametrize(("cls", "good", "field", "wrong_type", "wrong_value"), CONTRACT)
def test_entry_values_keep_the_error_contract(
    cls: type, good: dict[str, Any], field: str, wrong_type: Any, wrong_value: Any
) -> None:
    cls(**good)
    owner = f"{cls.__name__}.{field}="
    if wrong_type is not None:
        with pytest.raises(InvalidInputError, match=re.escape(owner)) as typed:
            cls(**{**good, field: wrong_type})
        assert isinstance(typed.value, BacklinkkitError)
    if wrong_value is not None:
        with pytest.raises(InvalidValueError, match=re.escape(owner)) as valued:
            cls(**{**good, field: wrong_value})
        assert isinstance(valued.value, BacklinkkitError)


def test_the_match_values_keep_the_error_contract() -> None:
    platform = REGISTRY.platforms[0]
    with pytest.raises(InvalidInputError, match=r"SocialMatch\.confidence='1'"):
        SocialMatch(platform, "profile", confidence="1")
    with pytest.raises(InvalidValueError, match=r"SocialMatch\.handle=' '"):
        SocialMatch(platform, "profile", handle=" ")
    with pytest.raises(InvalidInputError, match=r"SocialRegistry\.platforms\[0\]='x'"):
        SocialRegistry(["x"])
    with pytest.raises(InvalidInputError, match=r"SocialRegistry\.max_unwrap=True"):
        SocialRegistry(max_unwrap=True)
    assert SocialRegistry(platform).platforms == (platform,)


# ----------------------------------------------------------------------------- docs


def platform_table(registry: SocialRegistry) -> str:
    """The Markdown table of ``docs/social.md``, generated from the data."""
    lines = [
        "| Platform | Key | Category | Domains | Outbound `rel` | Confidence | Links wrapped |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in sorted(registry.platforms, key=lambda p: (not p.social, p.name.lower())):
        domains = ", ".join(p.domains[:3])
        if len(p.domains) > 3:
            domains += f" and {len(p.domains) - 3} more"
        rel = " ".join(p.outbound_rel.rel) or "unknown"
        category = p.category if p.social else f"{p.category} (not social)"
        wrapped = "yes" if p.outbound_rel.wrapped else "no"
        lines.append(
            f"| {p.name} | `{p.key}` | {category} | {domains} | {rel} "
            f"| {p.outbound_rel.confidence} | {wrapped} |"
        )
    return "\n".join(lines)


def test_the_docs_table_matches_the_data() -> None:
    text = (REPO / "docs" / "social.md").read_text("utf-8")
    marked = r"<!-- platform-table:start -->\n(.*?)\n<!-- platform-table:end -->"
    found = re.search(marked, text, re.S)
    assert found is not None, "docs/social.md lacks the generated table markers"
    assert found.group(1) == platform_table(REGISTRY)


# ----------------------------------------------------------------------------- corpus

HREF = re.compile(r"""<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I | re.S)


@pytest.mark.corpus
def test_corpus_link_urls() -> None:
    pages = corpus_dir() / "pages"
    if not pages.is_dir():
        pytest.skip(f"corpus not found at {pages}")
    hrefs: set[str] = set()
    for page in sorted(pages.glob("*.html")):
        text = page.read_bytes().decode("utf-8", "replace")
        for m in HREF.finditer(text):
            hrefs.add(html.unescape(m.group(1) if m.group(1) is not None else m.group(2)).strip())
    urls = sorted(h for h in hrefs if h.startswith(("http://", "https://")))
    assert len(urls) > 10_000
    kinds: dict[str, int] = {}
    for url in urls:
        found = REGISTRY.match(url)
        assert found == MATCHER.match_exact(url), url
        if found is not None:
            kinds[found.kind] = kinds.get(found.kind, 0) + 1
            if found.target is not None:
                assert found.target.startswith(("http://", "https://"))
    # Share buttons, profile links and short links are common on real pages.
    assert kinds.get("share", 0) > 100
    assert kinds.get("profile", 0) > 100
    assert kinds.get("shortlink", 0) > 10


def test_claimed_profile_is_still_importable_from_social_with_a_warning() -> None:
    import backlinkkit.social as social
    from backlinkkit.profiles import ClaimedProfile

    with pytest.warns(DeprecationWarning, match="moved to backlinkkit.profiles"):
        assert social.ClaimedProfile is ClaimedProfile
    with pytest.raises(AttributeError):
        social.NoSuchName  # noqa: B018


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        # the share buttons issue 10 names: each opens a composer or the pins of a URL,
        # none is a page of the platform that an editor linked to
        ("https://twitter.com/intent/tweet?url=https%3A%2F%2Fexample.com%2F", "x"),
        ("https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.com%2F", "facebook"),
        ("https://www.pinterest.com/pin/create/button/?url=https://example.com/", "pinterest"),
        ("https://www.pinterest.com/pin/find/?url=https%3A%2F%2Fexample.com%2F", "pinterest"),
        ("https://de.pinterest.com/pin/find/?url=https%3A%2F%2Fexample.com%2F", "pinterest"),
    ],
)  # fmt: skip
def test_share_buttons_are_share_links(url: str, platform: str) -> None:
    match = REGISTRY.match(url)
    assert match is not None
    assert (match.platform.key, match.kind) == (platform, "share")


def test_a_pin_is_still_a_post() -> None:
    match = REGISTRY.match("https://www.pinterest.com/pin/1234567890/")
    assert match is not None
    assert match.kind == "post"
