"""Disavow candidates: nothing is suggested without the rule that selected it."""

from __future__ import annotations

import pytest

from backlinkkit import (
    DisavowRule,
    InvalidInputError,
    InvalidValueError,
    audit,
    read_disavow,
    spam_score_rule,
    unqualified_sponsored_rule,
)
from backlinkkit.scoring import SourceMetrics
from tests.test_audit import page


def test_disavow_candidates_come_only_with_the_rule_that_selected_them() -> None:
    spam = page(
        '<main><a href="https://example.com/">cheap pills</a></main>', "https://spam.example.net/1"
    )
    footer = [
        page('<main>post</main><footer><a href="https://example.com/">Sponsored by Example</a>'
             "</footer>", f"https://links.example.info/{i}")
        for i in range(3)
    ]  # fmt: skip
    qualified = page(
        '<footer><a href="https://example.com/" rel="sponsored">Our sponsor</a></footer>',
        "https://reviews.example.edu/",
    )
    clean = page(
        '<main><a href="https://example.com/">guide</a></main>', "https://blog.example.org/"
    )
    sources = {
        "example.net": SourceMetrics(spam_score=72),
        "example.org": SourceMetrics(spam_score=5),
    }
    profile = audit([spam, *footer, qualified, clean], "example.com", sources=sources)
    found = profile.disavow_candidates(rules=[spam_score_rule(60), unqualified_sponsored_rule()])
    assert [(e.kind, e.value, e.rules, e.backlinks) for e in found.entries] == [
        ("domain", "spam.example.net", ("spam-score>=60",), 1),
        ("domain", "links.example.info", ("unqualified-sponsored",), 3),
    ]
    text = found.to_disavow_file()
    assert text == (
        "# rule spam-score>=60: the linking site's Spam Score (sources=) is 60 or more; "
        "1 backlink\n"
        "domain:spam.example.net\n"
        "\n"
        "# rule unqualified-sponsored: a followed sitewide or template link whose anchor says "
        "it is paid for ('sponsor', 'sponsored', 'our sponsor' …) without rel=sponsored or "
        "nofollow; 3 backlinks\n"
        "domain:links.example.info\n"
    )
    # every entry of the file is under a comment naming its rule
    parsed = read_disavow(text)
    assert all(e.reason is not None and e.reason.startswith("rule ") for e in parsed.entries)
    # no rules, no suggestions; already disavowed links are not suggested again
    assert len(profile.disavow_candidates(rules=[])) == 0
    again = audit([spam], "example.com", sources=sources, disavow=parsed)
    assert len(again.disavow_candidates(rules=[spam_score_rule(60)])) == 0
    with pytest.raises(InvalidInputError, match=r"^rules\[0\]="):
        profile.disavow_candidates(rules=["spam"])  # type: ignore[list-item]
    with pytest.raises(InvalidValueError, match=r"^minimum=120"):
        spam_score_rule(120)


def test_a_url_rule_and_a_custom_rule() -> None:
    p = page('<main><a href="https://example.com/">x</a></main>', "https://forum.example.net/t/9")
    rule = DisavowRule("hand-picked", "listed by the reviewer", lambda b: True, "url")
    found = audit([p], "example.com").disavow_candidates(rules=[rule])
    assert found.to_records() == [
        {
            "kind": "url",
            "value": "https://forum.example.net/t/9",
            "rules": "hand-picked",
            "backlinks": 1,
            "reason": "rule hand-picked: listed by the reviewer; 1 backlink",
        }
    ]


def test_a_spammy_host_does_not_disavow_its_sibling_hosts() -> None:
    # directory.example.org has Spam Score 40; blog.example.org, on the same registrable
    # domain, 2: the entry is the host, so the blog's links stay.
    directory = page(
        '<main><a href="https://example.com/">x</a></main>', "https://directory.example.org/b"
    )
    blog = page(
        '<main><a href="https://example.com/">x</a></main>', "https://www.blog.example.org/p"
    )
    sources = {
        directory.url: SourceMetrics(spam_score=40),
        blog.url: SourceMetrics(spam_score=2),
    }
    profile = audit([directory, blog], "example.com", sources=sources)
    found = profile.disavow_candidates(rules=[spam_score_rule(30)])
    assert [e.value for e in found.entries] == ["directory.example.org"]
    marked = audit([directory, blog], "example.com", disavow=read_disavow(found.to_disavow_file()))
    assert [b.disavowed for b in marked.backlinks] == [True, False]
