"""Disavow candidates: domains and URLs a rule selects, never one without its rule.

:meth:`BacklinkProfile.disavow_candidates(rules=...)
<backlinkkit.audit.BacklinkProfile.disavow_candidates>` runs each
:class:`DisavowRule` over the profile's backlinks (those already disavowed left
out) and returns :class:`DisavowCandidates`: each entry is a domain or a URL with
the rules that selected it and the backlinks behind it.
:meth:`DisavowCandidates.to_disavow_file` writes Google's format through
:func:`~backlinkkit.disavow.disavow_file`, each entry under a comment naming its
rule.  There are no default rules: Google's disavow help
(support.google.com/webmasters/answer/2648487) says to disavow only when there
are many spammy, artificial or low-quality links and you are confident they
cause issues, so the caller chooses every rule.

>>> from backlinkkit import audit, extract_links
>>> from backlinkkit.scoring import SourceMetrics
>>> spam = extract_links('<a href="https://example.com/">cheap</a>', "https://spam.example.net/p")
>>> fine = extract_links('<a href="https://example.com/">guide</a>', "https://blog.example.org/")
>>> profile = audit([spam, fine], "example.com",
...                 sources={"example.net": SourceMetrics(spam_score=72)})
>>> found = profile.disavow_candidates(rules=[spam_score_rule(60)])
>>> [(e.kind, e.value, e.rules) for e in found.entries]
[('domain', 'spam.example.net', ('spam-score>=60',))]
>>> print(found.to_disavow_file(), end="")
# rule spam-score>=60: the linking site's Spam Score (sources=) is 60 or more; 1 backlink
domain:spam.example.net
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

import attrs
from ada_url import URL

from ._validate import (
    integer,
    items_of,
    one_of,
    require,
    text,
    to_tuple,
    type_error,
    value_error,
)
from .audit import Backlink, BacklinkProfile
from .disavow import Disavow, DisavowEntry, disavow_file

__all__ = [
    "SPONSOR_WORDS",
    "DisavowCandidate",
    "DisavowCandidates",
    "DisavowRule",
    "Scope",
    "disavow_candidates",
    "spam_score_rule",
    "unqualified_sponsored_rule",
]

#: What a rule selects: the linking page's whole domain, or the page's URL.
Scope = Literal["domain", "url"]

_text = text(empty=False)


def _is_callable(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not callable(value):
        raise type_error(f"{type(instance).__name__}.{attribute.name}", value, "a callable")


@attrs.frozen(slots=True)
class DisavowRule:
    """A named test over backlinks: those it accepts are suggested for disavowal."""

    #: Short name, shown with every entry it selects (``"spam-score>=60"``).
    name: str = attrs.field(validator=_text)
    #: What it tests and where the data comes from, in words.
    description: str = attrs.field(validator=_text)
    #: ``test(backlink) -> bool``.
    test: Callable[[Backlink], bool] = attrs.field(validator=_is_callable, eq=False)
    #: Whether a match suggests the linking page's ``domain`` or its ``url``.
    scope: Scope = attrs.field(default="domain", validator=one_of(Scope))


def spam_score_rule(minimum: float) -> DisavowRule:
    """Backlinks whose source's Spam Score (``SourceMetrics.spam_score`` from the audit's
    *sources*, Moz's "% of sites with similar features found to be penalized or banned")
    is at least *minimum*; suggests the domain.  No threshold is built in: Moz's band
    cut-offs are not verified (scoring-evidence.md), so the caller names one."""
    if isinstance(minimum, bool):
        raise type_error("minimum", minimum, "a number (not a bool)")
    require("minimum", minimum, int, float)
    if not 0 <= minimum <= 100:
        raise value_error("minimum", minimum, "must be a Spam Score in [0, 100]")
    return DisavowRule(
        f"spam-score>={minimum:g}",
        f"the linking site's Spam Score (sources=) is {minimum:g} or more",
        lambda b: (
            b.source is not None
            and b.source.spam_score is not None
            and b.source.spam_score >= minimum
        ),
        "domain",
    )


#: Words that say a link is paid for (compared with the anchor, case-folded).
SPONSOR_WORDS: tuple[str, ...] = (
    "sponsor",
    "sponsored",
    "our sponsor",
    "sponsored by",
    "advertisement",
    "advertiser",
    "paid link",
    "partner",
    "our partners",
)


def unqualified_sponsored_rule(words: Iterable[str] = SPONSOR_WORDS) -> DisavowRule:
    """Followed sitewide or template backlinks whose anchor says they are paid for
    (*words*) but that carry no ``rel="sponsored"`` or ``nofollow``: Google's link-schemes
    guidance names paid links that do not qualify themselves and widely distributed
    footer links.  Suggests the domain (the link recurs across the site)."""
    if isinstance(words, str) or not isinstance(words, Iterable):
        raise type_error("words", words, "an iterable of str (not one str)")
    given = tuple(words)
    for i, w in enumerate(given):
        require(f"words[{i}]", w, str)
    folded = tuple(w.casefold() for w in given)

    def test(b: Backlink) -> bool:
        anchor = " ".join(b.link.anchor.casefold().split())
        return (
            b.sitewide
            and b.link_type == "followed"
            and any(anchor == w or anchor.startswith(w + " ") for w in folded)
        )

    return DisavowRule(
        "unqualified-sponsored",
        "a followed sitewide or template link whose anchor says it is paid for "
        "(" + ", ".join(repr(w) for w in folded[:3]) + " …) without rel=sponsored or nofollow",
        test,
        "domain",
    )


@attrs.frozen(slots=True)
class DisavowCandidate:
    """One suggested entry, with the rules that selected it and its backlinks."""

    kind: Scope = attrs.field(validator=one_of(Scope))
    #: The linking page's host without ``www.`` (``spam.example.net``: a ``domain:``
    #: entry covers it and its subdomains) or the page URL.
    value: str = attrs.field(validator=_text)
    #: The names of the rules that selected it (never empty).
    rules: tuple[str, ...] = attrs.field(converter=to_tuple, validator=items_of(str))
    #: The rules' descriptions, in the same order.
    descriptions: tuple[str, ...] = attrs.field(converter=to_tuple, validator=items_of(str))
    #: How many backlinks it covers.
    backlinks: int = attrs.field(validator=integer(1))

    @property
    def reason(self) -> str:
        """The comment written above it: each rule with its description, and the count."""
        rules = "; ".join(
            f"rule {name}: {what}" for name, what in zip(self.rules, self.descriptions, strict=True)
        )
        return f"{rules}; {self.backlinks} backlink{'s' if self.backlinks != 1 else ''}"


@attrs.frozen(slots=True)
class DisavowCandidates:
    """The entries the rules selected, and the rules run."""

    entries: tuple[DisavowCandidate, ...] = attrs.field(
        converter=to_tuple, validator=items_of(DisavowCandidate)
    )
    rules: tuple[DisavowRule, ...] = attrs.field(
        converter=to_tuple, validator=items_of(DisavowRule)
    )

    def __len__(self) -> int:
        return len(self.entries)

    def to_disavow_file(self, *, existing: Disavow | None = None) -> str:
        """Google's disavow format (:func:`~backlinkkit.disavow.disavow_file`), each entry
        under a comment naming the rule that selected it; *existing* is kept first."""
        domains = [e.value for e in self.entries if e.kind == "domain"]
        urls = [e.value for e in self.entries if e.kind == "url"]
        reasons = {e.value: e.reason for e in self.entries}
        return disavow_file(domains, urls, reasons=reasons, existing=existing)

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per entry: ``kind``, ``value``, ``rules``, ``backlinks``, ``reason``."""
        return [
            {
                "kind": e.kind,
                "value": e.value,
                "rules": " ".join(e.rules),
                "backlinks": e.backlinks,
                "reason": e.reason,
            }
            for e in self.entries
        ]

    def __repr__(self) -> str:
        names = ", ".join(r.name for r in self.rules) or "no rules"
        return f"<DisavowCandidates {len(self.entries)} entries by {names}>"


def _host(url: str) -> str:
    """The linking page's host without ``www.``: the narrowest ``domain:`` entry (a
    registrable domain would also disavow its other hosts: a spammy
    ``directory.example.org`` is not a reason to disavow ``blog.example.org``)."""
    host = URL(url).hostname or url
    return host.rstrip(".").removeprefix("www.")


def disavow_candidates(
    profile: BacklinkProfile, *, rules: Iterable[DisavowRule]
) -> DisavowCandidates:
    """Run *rules* over *profile*'s backlinks not already disavowed (see the module)."""
    require("profile", profile, BacklinkProfile)
    if isinstance(rules, (str, DisavowRule)) or not isinstance(rules, Iterable):
        raise type_error("rules", rules, "an iterable of DisavowRule")
    rule_list = list(rules)
    for i, rule in enumerate(rule_list):
        if not isinstance(rule, DisavowRule):
            raise type_error(f"rules[{i}]", rule, "a DisavowRule")
    found: dict[tuple[Scope, str], tuple[list[DisavowRule], set[int]]] = {}
    for i, b in enumerate(profile.backlinks):
        if b.disavowed:
            continue
        for rule in rule_list:
            if not rule.test(b):
                continue
            key = (rule.scope, _host(b.page_url) if rule.scope == "domain" else b.page_url)
            entry = found.setdefault(key, ([], set()))
            if rule not in entry[0]:
                entry[0].append(rule)
            entry[1].add(i)
    entries = [
        DisavowCandidate(kind, value, [r.name for r in hit], [r.description for r in hit], len(n))
        for (kind, value), (hit, n) in found.items()
    ]
    # a URL entry under a domain entry adds nothing: the domain covers it
    covering = Disavow(
        entries=[DisavowEntry("domain", e.value) for e in entries if e.kind == "domain"]
    )
    entries = [e for e in entries if e.kind == "domain" or not covering.covers(e.value)]
    return DisavowCandidates(entries, rule_list)
