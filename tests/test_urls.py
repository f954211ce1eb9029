"""backlinkkit.urls: WHATWG URL resolution, registrable domains, relations."""

from __future__ import annotations

import contextlib
import importlib.metadata
import importlib.resources
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backlinkkit.errors import (
    BacklinkkitError,
    InvalidInputError,
    InvalidURLError,
    InvalidValueError,
)
from backlinkkit.urls import (
    default_extractor,
    form_decode,
    link_relation,
    normalize_host,
    parse_absolute_url,
    parse_target,
    percent_decode,
    plain_host,
    query_pairs,
    registrable_domain,
    resolve_url,
    split_http_url,
)
from tests.conftest import REPO, shared_dir

WPT = shared_dir() / "reference" / "wpt" / "urltestdata.json"


def _wpt_cases() -> list[dict[str, Any]]:
    if not WPT.exists():
        return []
    return [c for c in json.loads(WPT.read_text("utf-8")) if isinstance(c, dict)]


@pytest.mark.skipif(not WPT.exists(), reason="shared/reference/wpt/urltestdata.json is absent")
def test_resolve_url_passes_every_web_platform_test_case() -> None:
    # The web-platform-tests URL cases are the conformance suite browsers run.
    cases = _wpt_cases()
    assert len(cases) == 891
    failures = []
    for case in cases:
        base = case.get("base")
        if base is None:
            got = None
            try:
                got = parse_absolute_url(case["input"])
            except InvalidURLError:
                got = None
        else:
            if resolve_url(base, "about:blank") is None:  # an invalid base: the case must fail
                got = None
            else:
                got = resolve_url(case["input"], base)
        expected = None if case.get("failure") else case["href"]
        if got != expected:
            failures.append((case["input"], base, expected, got))
    assert failures == []


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        # WHATWG URL Standard behaviours urllib.parse gets wrong (rel-and-robots.md A6).
        ("  /x\n", "https://example.com/a/b", "https://example.com/x"),
        ("a b", "https://example.com/", "https://example.com/a%20b"),
        ("\\\\evil.example\\p", "https://example.com/", "https://evil.example/p"),
        ("//EXAMPLE.org", "https://example.com/", "https://example.org/"),
        ("https://bücher.example/", "https://example.com/", "https://xn--bcher-kva.example/"),
        ("?q=1", "https://example.com/a/b?x#y", "https://example.com/a/b?q=1"),
        ("#frag", "https://example.com/a/b?x#y", "https://example.com/a/b?x#frag"),
        ("", "https://example.com/a/b?x#y", "https://example.com/a/b?x"),
        ("HTTP://Example.COM:80/", "https://example.com/", "http://example.com/"),
        ("mailto:Someone@Example.com", "https://example.com/", "mailto:Someone@Example.com"),
        ("javascript:void(0)", "https://example.com/", "javascript:void(0)"),
        ("http://[::1]:8080/", "https://example.com/", "http://[::1]:8080/"),
        ("http://exa mple.com/", "https://example.com/", None),
        ("http://", "https://example.com/", None),
        ("https://example.com:99999/", "https://example.com/", None),
    ],
)
def test_resolve_url(href: str, base: str, expected: str | None) -> None:
    assert resolve_url(href, base) == expected


@pytest.mark.parametrize(
    ("href", "encoding", "expected"),
    [
        # HTML "encoding-parsing a URL": the query of a special URL is encoded in the
        # document's encoding; the path is always UTF-8 (WHATWG URL Standard, query state).
        ("/p\u00e9?q=\u00e9", "windows-1252", "http://example.com/p%C3%A9?q=%E9"),
        ("/?q=\u00e9", "utf-8", "http://example.com/?q=%C3%A9"),
        # Shift_JIS: U+3042 HIRAGANA A is 0x82 0xA0.
        ("/?q=\u3042", "shift_jis", "http://example.com/?q=%82%A0"),
        # Not representable in windows-1252: the character becomes &#12354; first.
        ("/?q=\u3042", "windows-1252", "http://example.com/?q=%26%2312354%3B"),
        # The fragment is always UTF-8.
        ("/?q=\u00e9#\u00e9", "windows-1252", "http://example.com/?q=%E9#%C3%A9"),
        # Non-special schemes always use UTF-8.
        ("foo:/x?q=\u00e9", "windows-1252", "foo:/x?q=%C3%A9"),
    ],
)
def test_resolve_url_encodes_query_in_page_encoding(
    href: str, encoding: str, expected: str
) -> None:
    assert resolve_url(href, "http://example.com/", encoding) == expected


def test_parse_absolute_url_errors_name_the_field() -> None:
    with pytest.raises(InvalidURLError, match=r"url='/relative'"):
        parse_absolute_url("/relative")
    with pytest.raises(InvalidInputError, match=r"page_url=None") as info:
        parse_absolute_url(None, field="page_url")
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, BacklinkkitError)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        # Public Suffix List semantics (publicsuffix.org), private section included.
        ("www.example.com", "example.com"),
        ("shop.example.co.uk", "example.co.uk"),
        ("alice.github.io", "alice.github.io"),
        ("foo.blogspot.com", "foo.blogspot.com"),
        ("WWW.Example.COM.", "example.com"),
        ("127.0.0.1", "127.0.0.1"),
        ("localhost", "localhost"),
        ("co.uk", "co.uk"),
    ],
)
def test_registrable_domain(host: str, expected: str) -> None:
    assert registrable_domain(host) == expected


# The checkPublicSuffix(domain, registrable) cases of the Public Suffix List's own test
# file, https://raw.githubusercontent.com/publicsuffix/list/master/tests/test_psl.txt
# (written from it; None is its "null": no registrable domain).  Its "Unlisted TLD"
# cases are the list's default rule "*".
PSL_TEST_CASES: list[tuple[str, str | None]] = [
    # Mixed case.
    ("COM", None), ("example.COM", "example.com"), ("WwW.example.COM", "example.com"),
    # Leading dot.
    (".com", None), (".example", None), (".example.com", None), (".example.example", None),
    # Unlisted TLD.
    ("example", None), ("example.example", "example.example"),
    ("b.example.example", "example.example"), ("a.b.example.example", "example.example"),
    # TLD with only 1 rule.
    ("biz", None), ("domain.biz", "domain.biz"), ("b.domain.biz", "domain.biz"),
    ("a.b.domain.biz", "domain.biz"),
    # TLD with some 2-level rules.
    ("com", None), ("example.com", "example.com"), ("b.example.com", "example.com"),
    ("a.b.example.com", "example.com"), ("uk.com", None), ("example.uk.com", "example.uk.com"),
    ("b.example.uk.com", "example.uk.com"), ("a.b.example.uk.com", "example.uk.com"),
    ("test.ac", "test.ac"),
    # TLD with only 1 (wildcard) rule.
    ("mm", None), ("c.mm", None), ("b.c.mm", "b.c.mm"), ("a.b.c.mm", "b.c.mm"),
    # More complex TLD.
    ("jp", None), ("test.jp", "test.jp"), ("www.test.jp", "test.jp"), ("ac.jp", None),
    ("test.ac.jp", "test.ac.jp"), ("www.test.ac.jp", "test.ac.jp"), ("kyoto.jp", None),
    ("test.kyoto.jp", "test.kyoto.jp"), ("ide.kyoto.jp", None),
    ("b.ide.kyoto.jp", "b.ide.kyoto.jp"), ("a.b.ide.kyoto.jp", "b.ide.kyoto.jp"),
    ("c.kobe.jp", None), ("b.c.kobe.jp", "b.c.kobe.jp"), ("a.b.c.kobe.jp", "b.c.kobe.jp"),
    ("city.kobe.jp", "city.kobe.jp"), ("www.city.kobe.jp", "city.kobe.jp"),
    # TLD with a wildcard rule and exceptions.
    ("ck", None), ("test.ck", None), ("b.test.ck", "b.test.ck"), ("a.b.test.ck", "b.test.ck"),
    ("www.ck", "www.ck"), ("www.www.ck", "www.ck"),
    # US K12.
    ("us", None), ("test.us", "test.us"), ("www.test.us", "test.us"), ("ak.us", None),
    ("test.ak.us", "test.ak.us"), ("www.test.ak.us", "test.ak.us"), ("k12.ak.us", None),
    ("test.k12.ak.us", "test.k12.ak.us"), ("www.test.k12.ak.us", "test.k12.ak.us"),
    # IDN labels.
    ("食狮.com.cn", "食狮.com.cn"), ("食狮.公司.cn", "食狮.公司.cn"),
    ("www.食狮.公司.cn", "食狮.公司.cn"), ("shishi.公司.cn", "shishi.公司.cn"), ("公司.cn", None),
    ("食狮.中国", "食狮.中国"), ("www.食狮.中国", "食狮.中国"), ("shishi.中国", "shishi.中国"),
    ("中国", None),
    # Same as above, but punycoded.
    ("xn--85x722f.com.cn", "xn--85x722f.com.cn"),
    ("xn--85x722f.xn--55qx5d.cn", "xn--85x722f.xn--55qx5d.cn"),
    ("www.xn--85x722f.xn--55qx5d.cn", "xn--85x722f.xn--55qx5d.cn"),
    ("shishi.xn--55qx5d.cn", "shishi.xn--55qx5d.cn"), ("xn--55qx5d.cn", None),
    ("xn--85x722f.xn--fiqs8s", "xn--85x722f.xn--fiqs8s"),
    ("www.xn--85x722f.xn--fiqs8s", "xn--85x722f.xn--fiqs8s"),
    ("shishi.xn--fiqs8s", "shishi.xn--fiqs8s"), ("xn--fiqs8s", None),
]  # fmt: skip

#: The default rule on the special-use and reserved names (RFC 2606, RFC 6761, RFC 6762,
#: ICANN's .internal) and TLDs missing from any snapshot: the last label is the suffix.
DEFAULT_RULE_CASES: list[tuple[str, str | None]] = [
    ("mysite.test", "mysite.test"), ("www.mysite.test", "mysite.test"), ("test", None),
    ("printer.local", "printer.local"), ("a.b.printer.local", "printer.local"), ("local", None),
    ("wiki.corp.internal", "corp.internal"), ("internal", None),
    ("blog.other.example", "other.example"), ("www.blog.other.example", "other.example"),
    ("shop.brand.notatldyet", "brand.notatldyet"), ("localhost", None),
    ("app.localhost", "app.localhost"),
    # IP addresses have no registrable domain
    ("127.0.0.1", None), ("192.0.2.1", None), ("[::1]", None), ("[2001:db8::1]", None),
]  # fmt: skip


@pytest.mark.parametrize(("host", "expected"), PSL_TEST_CASES + DEFAULT_RULE_CASES)
def test_registrable_domain_follows_the_public_suffix_list_tests(
    host: str, expected: str | None
) -> None:
    # None: no registrable domain, and the host comes back unchanged (lower case).
    assert registrable_domain(host) == (expected if expected is not None else host.lower())


@pytest.mark.parametrize(
    ("url", "page", "expected"),
    [
        ("https://www.blog.other.example/", "https://blog.other.example/", "same-site"),
        ("https://a.mysite.test/x", "https://mysite.test/", "same-site"),
        ("https://mysite.test/x", "https://othersite.test/", "external"),
        ("https://printer.local/", "https://nas.local/", "external"),
        ("http://192.0.2.1/", "http://192.0.2.2/", "external"),
    ],
)
def test_relations_apply_the_default_rule(url: str, page: str, expected: str) -> None:
    assert link_relation(url, page) == expected


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("example.com", ("example.com", True, "example.com")),
        (" WWW.Example.COM. ", ("www.example.com", False, "example.com")),
        ("mysite.test", ("mysite.test", True, "mysite.test")),
        ("staging.mysite.test", ("staging.mysite.test", False, "mysite.test")),
        ("intranet.corp.internal", ("intranet.corp.internal", False, "corp.internal")),
        ("blog.other.example", ("blog.other.example", False, "other.example")),
        ("bücher.example", ("xn--bcher-kva.example", True, "xn--bcher-kva.example")),
        ("alice.github.io", ("alice.github.io", True, "alice.github.io")),
        # host names that are valid: hyphens inside labels, digits, 63-character labels, IDNA
        ("my-site.example.com", ("my-site.example.com", False, "example.com")),
        ("xn--bcher-kva.example", ("xn--bcher-kva.example", True, "xn--bcher-kva.example")),
        ("123.example", ("123.example", True, "123.example")),
        ("a" * 63 + ".com", ("a" * 63 + ".com", True, "a" * 63 + ".com")),
    ],
)
def test_parse_target(target: str, expected: tuple[str, bool, str]) -> None:
    assert parse_target(target) == expected


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("", "empty"),
        ("https://example.com/", "not a URL"),
        ("example.com/page", "not a URL"),
        ("user@example.com", "not a URL"),
        ("::1", "not a URL"),
        ("exa%mple.com", "not a valid host name"),
        # IP addresses and bare public suffixes stay refused
        ("192.0.2.1", "public suffix"), ("0x7f.1", "public suffix"), ("1.2.3", "public suffix"),
        ("co.uk", "public suffix"), ("com", "public suffix"), ("github.io", "public suffix"),
        ("localhost", "public suffix"), ("test", "public suffix"), ("local", "public suffix"),
        # not DNS host names (RFC 1123 §2.1 labels: letters, digits, hyphens not at the ends;
        # issue 12 §6: these were accepted and matched nothing)
        ("*.example.com", "a wildcard is not a host name"),
        ("example.com,example.org", "not a list"), ("example.com, example.org", "not a URL"),
        ("-example.com", "label '-example'"), ("example-.com", "label 'example-'"),
        ("exa_mple.com", "label 'exa_mple'"), ("_dmarc.example.com", "label '_dmarc'"),
        ("a..example.com", "label ''"), ("exa%2Cmple.com", "label 'exa,mple'"),
        ("exa%2Ample.com", "label 'exa\\*mple'"), ("a" * 64 + ".com", "label 'a{64}'"),
        (("a" * 60 + ".") * 4 + "example.com", "longer than 253 characters"),
    ],
)  # fmt: skip
def test_parse_target_refuses_what_is_no_site(target: str, problem: str) -> None:
    with pytest.raises(
        InvalidValueError, match=rf"^{re.escape(f'target={target!r}')}: .*{problem}"
    ):
        parse_target(target)


def test_parse_target_wants_a_str() -> None:
    with pytest.raises(InvalidInputError, match="target"):
        parse_target(b"example.com")


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.lists(st.text("abcxyz-_0123456789.", max_size=8), max_size=6).map(".".join),
        st.from_regex(r"[a-z0-9.\-\[\]:]{0,30}", fullmatch=True),
    )
)
def test_registrable_domain_never_raises(host: str) -> None:
    site = registrable_domain(host)
    assert isinstance(site, str)
    lowered = host.lower().rstrip(".")
    # the site is the host or one of its dot-separated tails
    assert site == lowered or lowered.endswith("." + site)


def test_the_docs_name_the_bundled_snapshot() -> None:
    header = importlib.resources.files("tldextract").joinpath(".tld_set_snapshot")
    head = header.read_text("utf-8")[:2000]
    version = re.search(r"// VERSION: (\S+)", head)
    commit = re.search(r"// COMMIT: ([0-9a-f]{40})", head)
    assert version is not None
    assert commit is not None
    docs = (REPO / "docs" / "urls.md").read_text("utf-8")
    assert f"tldextract {importlib.metadata.version('tldextract')} ships" in docs
    assert f"VERSION: {version.group(1)}" in docs
    assert f"COMMIT: {commit.group(1)}" in docs


def test_default_extractor_is_offline_and_shared() -> None:
    extractor = default_extractor()
    assert extractor is default_extractor()
    assert tuple(extractor.suffix_list_urls) == ()
    assert extractor.include_psl_private_domains is True


@pytest.mark.parametrize(
    ("url", "page", "expected"),
    [
        ("https://www.example.com/p#x", "https://www.example.com/p", "same-page"),
        ("https://www.example.com/p", "https://www.example.com/p#top", "same-page"),
        ("https://www.example.com/q", "https://www.example.com/p", "internal"),
        ("http://www.example.com:8080/", "https://www.example.com/p", "internal"),
        ("https://blog.example.com/", "https://www.example.com/p", "same-site"),
        ("https://bob.github.io/", "https://alice.github.io/", "external"),
        ("https://example.org/", "https://www.example.com/p", "external"),
        ("mailto:a@example.com", "https://www.example.com/p", "external"),
    ],
)
def test_link_relation(url: str, page: str, expected: str) -> None:
    assert link_relation(url, page) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["utf-8", "windows-1252", "shift_jis", "euc-kr"]))
def test_resolve_url_never_raises(href: str, encoding: str) -> None:
    result = resolve_url(href, "https://example.com/a/b?c", encoding)
    assert result is None or (isinstance(result, str) and result.isascii())


def test_query_bytes_in_ascii_range_are_not_escaped_after_encoding() -> None:
    # U+30BD KATAKANA SO is 0x83 0x5C in Shift_JIS; 0x5C is "\" and is not in the
    # special-query percent-encode set, so a browser keeps it literally.
    assert resolve_url("/?q=\u30bd", "http://example.com/", "shift_jis") == (
        "http://example.com/?q=%83\\"
    )


# ----------------------------------------------------------------------------- decoding


def whatwg_percent_decode(text: str) -> str:
    """The URL Standard's "percent-decode" of the UTF-8 encoding of *text*, then
    "UTF-8 decode without BOM" (https://url.spec.whatwg.org/#percent-decode), step by step."""
    data = text.encode("utf-8")
    out = bytearray()
    hexdigits = b"0123456789abcdefABCDEF"
    i = 0
    while i < len(data):
        pair = data[i + 1 : i + 3]
        if data[i] == 0x25 and len(pair) == 2 and all(c in hexdigits for c in pair):
            out.append(int(pair, 16))
            i += 3
        else:
            out.append(data[i])
            i += 1
    return out.decode("utf-8", "replace")


#: The application/x-www-form-urlencoded parser cases of the web-platform-tests
#: (url/urlencoded-parser.any.js): input, and the (name, value) list the standard gives.
URLENCODED: list[tuple[str, list[tuple[str, str]]]] = [
    ("test", [("test", "")]),
    ("\ufefftest=\ufeff", [("\ufefftest", "\ufeff")]),
    ("%EF%BB%BFtest=%EF%BB%BF", [("\ufefftest", "\ufeff")]),
    ("%EF%BF%BF=%EF%BF%BF", [("\uffff", "\uffff")]),
    ("%FE%FF", [("\ufffd\ufffd", "")]),
    ("%FF%FE", [("\ufffd\ufffd", "")]),
    ("\u2020&\u2020=x", [("\u2020", ""), ("\u2020", "x")]),
    ("%C2", [("\ufffd", "")]),
    ("%C2x", [("\ufffdx", "")]),
    ("_charset_=windows-1252&test=%C2x", [("_charset_", "windows-1252"), ("test", "\ufffdx")]),
    ("", []),
    ("a", [("a", "")]),
    ("a=b", [("a", "b")]),
    ("a=", [("a", "")]),
    ("=b", [("", "b")]),
    ("&", []),
    ("&a", [("a", "")]),
    ("a&", [("a", "")]),
    ("a&a", [("a", ""), ("a", "")]),
    ("a&b&c", [("a", ""), ("b", ""), ("c", "")]),
    ("a=b&c=d", [("a", "b"), ("c", "d")]),
    ("a=b&c=d&", [("a", "b"), ("c", "d")]),
    ("&&&a=b&&&&c=d&", [("a", "b"), ("c", "d")]),
    ("a=a&a=b&a=c", [("a", "a"), ("a", "b"), ("a", "c")]),
    ("a==a", [("a", "=a")]),
    ("a=a+b+c+d", [("a", "a b c d")]),
    ("%=a", [("%", "a")]),
    ("%a=a", [("%a", "a")]),
    ("%a_=a", [("%a_", "a")]),
    ("%61=a", [("a", "a")]),
    ("%61+%4d%4D=", [("a MM", "")]),
    ("id=0&value=%", [("id", "0"), ("value", "%")]),
    ("b=%2sf%2a", [("b", "%2sf*")]),
    ("b=%2%2af%2a", [("b", "%2*f*")]),
    ("b=%%2a", [("b", "%*")]),
]


@pytest.mark.parametrize(("query", "pairs"), URLENCODED)
def test_query_pairs_follow_the_urlencoded_parser(query: str, pairs: list[tuple[str, str]]) -> None:
    first: dict[str, str] = {}
    for name, value in pairs:
        first.setdefault(name, value)
    for text in (query, "?" + query):  # a leading "?" is dropped, as URLSearchParams does
        got = [(name, form_decode(raw)) for name, raw in query_pairs(text).items()]
        assert got == list(first.items())


@pytest.mark.parametrize(("query", "pairs"), [c for c in URLENCODED if "&" not in c[0]])
def test_form_decode_follows_the_urlencoded_parser(
    query: str, pairs: list[tuple[str, str]]
) -> None:
    if not pairs:
        return
    name, _, value = query.partition("=")
    assert (form_decode(name), form_decode(value)) == pairs[0]


def test_query_pairs_keep_values_encoded() -> None:
    assert query_pairs("?u=https%3A%2F%2Fexample.com%2F&x=a+b") == {
        "u": "https%3A%2F%2Fexample.com%2F",
        "x": "a+b",
    }


@pytest.mark.parametrize(
    ("text", "decoded"),
    [
        ("", ""),
        ("plain", "plain"),
        ("%41%42", "AB"),
        ("%e2%82%ac", "\u20ac"),  # hex digits of either case
        ("%E2%82", "\ufffd"),  # a truncated sequence: one U+FFFD (maximal subpart)
        ("%E2%82%E2%82%AC", "\ufffd\u20ac"),
        ("%", "%"),
        ("%4", "%4"),
        ("%zz%41", "%zzA"),
        ("a+b", "a+b"),  # "+" is a space only in forms
        ("%C3%A9\u00e9", "\u00e9\u00e9"),
        ("%EF%BB%BFx", "\ufeffx"),  # "without BOM": the BOM is kept
    ],
)
def test_percent_decode(text: str, decoded: str) -> None:
    assert percent_decode(text) == decoded
    assert whatwg_percent_decode(text) == decoded  # the transcription agrees too


NO_SURROGATES = st.text(
    alphabet=st.one_of(
        st.sampled_from("%%%+=&?0123456789abcdefABCDEF"),
        st.characters(blacklist_categories=["Cs"]),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(NO_SURROGATES)
def test_percent_decode_is_the_standard_algorithm(text: str) -> None:
    assert percent_decode(text) == whatwg_percent_decode(text)
    assert form_decode(text) == whatwg_percent_decode(text.replace("+", " "))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_decoders_never_raise(text: str) -> None:
    assert isinstance(percent_decode(text), str)
    assert isinstance(form_decode(text), str)
    pairs = query_pairs(text)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in pairs.items())
    parts = split_http_url(text)
    assert parts is None or parts[0].startswith(("http://", "https://"))
    host = plain_host(text)
    assert host is None or isinstance(host, str)
    with contextlib.suppress(InvalidValueError):
        assert isinstance(normalize_host(text), str)


# ----------------------------------------------------------------------------- hosts and parts


@pytest.mark.parametrize(
    ("value", "host"),
    [
        ("Bücher.Example.", "xn--bcher-kva.example"),
        ("WWW.Facebook.COM", "www.facebook.com"),
        ("  t.co ", "t.co"),
        ("\uff57\uff57\uff57\uff0eexample\uff0ecom", "www.example.com"),  # full-width: UTS 46
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
    with pytest.raises(InvalidValueError, match=r"^Platform\.domains="):
        normalize_host(value, "Platform.domains")


def test_normalize_host_wants_a_str() -> None:
    with pytest.raises(InvalidInputError, match="host=3: expected str"):
        normalize_host(3)


def _ends_in_a_number(host: str) -> bool:
    """The URL Standard's "ends in a number checker" (such hosts are IPv4 addresses)."""
    last = host.rstrip(".").rpartition(".")[2]
    if last.isdigit() and last.isascii():
        return True
    return last[:2].lower() == "0x" and all(c in "0123456789abcdefABCDEF" for c in last[2:])


@pytest.mark.skipif(not WPT.exists(), reason="shared/reference/wpt/urltestdata.json is absent")
def test_split_http_url_against_web_platform_tests() -> None:
    checked = 0
    for case in _wpt_cases():
        if case.get("base") is not None:
            continue
        parts = split_http_url(case["input"])
        if case.get("failure") or case["protocol"] not in ("http:", "https:"):
            assert parts is None, case
            continue
        if case["hostname"].startswith("["):
            assert parts is None, case
            continue
        assert parts is not None, case
        href, host, path, query, fragment = parts
        assert href == case["href"]
        assert host == case["hostname"].rstrip(".")
        assert path == case["pathname"]
        # "search" and "hash" are "" for an empty query or fragment; the parts keep the "?"/"#".
        assert query in (case["search"], "?" if case["search"] == "" else None)
        assert fragment in (case["hash"], "#" if case["hash"] == "" else None)
        checked += 1
    assert checked > 50


PLAINISH = st.builds(
    lambda scheme, host, port, rest: scheme + host + port + rest,
    st.sampled_from(["https://", "http://", "HTTP://", "https:", "https:/", " https://"]),
    st.text(alphabet="abcXYZ019.-_@%\u017f\u212a", min_size=0, max_size=15),
    st.sampled_from(["", ":", ":443", ":65535", ":65536", ":99999", ":8a"]),
    st.text(alphabet="/?#\\\t\na.", max_size=6),
)


@settings(max_examples=400, deadline=None)
@given(PLAINISH)
def test_plain_host_is_the_parsed_host(url: str) -> None:
    host = plain_host(url)
    parts = split_http_url(url)
    if host is None or parts is None or _ends_in_a_number(host):
        return
    assert host == parts[1]


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.example.com/a", "www.example.com"),
        ("HTTP://WWW.EXAMPLE.COM.", "www.example.com"),
        ("https://example.com:65535?q", "example.com"),
        ("https://example.com:65536/", None),  # out of range: let the parser reject it
        ("https://user@example.com/", None),
        ("https://ex%41mple.com/", None),
        ("https://\u017fnapchat.com/", None),  # IDNA maps "ſ" to "s": needs the parser
        ("https://example.com\\path", None),
        ("https://exa\tmple.com/", None),
        ("https:example.com/", None),
        ("ftp://example.com/", None),
    ],
)
def test_plain_host(url: str, host: str | None) -> None:
    assert plain_host(url) == host


@pytest.mark.parametrize(
    ("href", "encoding", "expected"),
    [
        # index-windows-1252.txt of the Encoding Standard: pointer 1 is U+0081 (byte 0x81),
        # and likewise 0x8D, 0x8F, 0x90, 0x9D, which Python's cp1252 leaves undefined.
        ("/a?q=\x81", "windows-1252", "https://example.com/a?q=%81"),
        ("/a?q=\x8d\x8f\x90\x9d", "windows-1252", "https://example.com/a?q=%8D%8F%90%9D"),
        ("/a?q=\u20ac", "windows-1252", "https://example.com/a?q=%80"),  # pointer 0 is U+20AC
        # A C1 control that windows-1252 maps elsewhere is not encodable: 0x80 is U+20AC, so
        # U+0080 becomes a numeric character reference (URL Standard, percent-encode after
        # encoding).
        ("/a?q=\x80", "windows-1252", "https://example.com/a?q=%26%23128%3B"),
        ("/a?q=\u0101", "windows-1252", "https://example.com/a?q=%26%23257%3B"),
    ],
)
def test_queries_encode_c1_controls_as_the_encoding_standard_does(
    href: str, encoding: str, expected: str
) -> None:
    assert resolve_url(href, "https://example.com/", encoding) == expected
