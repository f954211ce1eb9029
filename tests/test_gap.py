"""Tests for backlinkkit.gap: domains linking to competitors and not to you."""

from __future__ import annotations

from pathlib import Path

import pytest

from backlinkkit import audit, extract_links
from backlinkkit.errors import InvalidInputError, InvalidValueError
from backlinkkit.gap import DOMAIN_METRICS, RECORD_KEYS, GapDomain, LinkGap, link_gap
from backlinkkit.scoring import SourceMetrics

ROUNDUP = extract_links(
    '<a href="https://example.net/">rival</a><a href="https://example.edu/">other</a>',
    "https://news.example.org/roundup",
)
FORUM = extract_links('<a href="https://example.net/x">rival</a>', "https://forum.example.info/t/1")
FRIEND = extract_links(
    '<a href="https://example.com/">me</a><a href="https://example.net/">rival</a>',
    "https://friend.example.co.uk/",
)
PAGES = [ROUNDUP, FORUM, FRIEND]


def competitors() -> dict[str, object]:
    return {
        "rival": audit(PAGES, "example.net", sources={"example.org": SourceMetrics(authority=70)}),
        "other": audit(PAGES, "example.edu"),
    }


def test_the_gap_most_competitors_first() -> None:
    gap = link_gap(audit(PAGES, "example.com"), competitors())
    assert [(d.domain, d.competitors, d.backlinks, d.authority) for d in gap.domains] == [
        ("example.org", ("other", "rival"), 2, 70.0),
        ("example.info", ("rival",), 1, None),
    ]
    # example.co.uk links to me too: not in the gap
    assert gap.own_domains == 1
    assert gap.summary == (
        "2 referring domains link to a competitor but not to example.com, 1 of them to both"
    )
    assert [tuple(r) for r in gap.to_records()] == [RECORD_KEYS] * 2
    assert gap.to_records()[0]["competitor_count"] == 2
    assert "example.info" in str(gap)
    assert "<table>" in gap._repr_html_()


def _gap_of(competitors: tuple[str, ...], *linked: tuple[str, ...]) -> LinkGap:
    domains = [GapDomain(f"d{i}.example", names, 1) for i, names in enumerate(linked)]
    return LinkGap("example.com", competitors, domains, 0)


@pytest.mark.parametrize(
    ("competitors", "linked", "summary"),
    [
        # how many gap domains link to more than one competitor: 0, 1, several, all
        (("a", "b"), (), "no referring domain links to a competitor but not to example.com"),
        (
            ("a", "b"),
            (("a",),),
            "1 referring domain links to one competitor but not to example.com",
        ),
        (
            ("a", "b"),
            (("a",), ("b",), ("a",)),
            "3 referring domains each link to one competitor but not to example.com",
        ),
        (
            ("a", "b"),
            (("a", "b"), ("a",)),
            "2 referring domains link to a competitor but not to example.com, 1 of them to both",
        ),
        (
            ("a", "b", "c"),
            (("a", "b"), ("a", "b", "c"), ("c",)),
            "3 referring domains link to a competitor but not to example.com, "
            "2 of them to two or more",
        ),
        (
            ("a", "b"),
            (("a", "b"),),
            "1 referring domain links to both competitors but not to example.com",
        ),
        (
            ("a", "b", "c"),
            (("a", "c"), ("b", "c")),
            "2 referring domains link to two or more competitors but not to example.com",
        ),
        # one competitor: it is named, and "two or more" cannot happen
        (
            ("rival",),
            (("rival",), ("rival",)),
            "2 referring domains link to rival but not to example.com",
        ),
        (("rival",), (), "no referring domain links to rival but not to example.com"),
    ],
)
def test_the_summary_reads_as_written_by_hand(
    competitors: tuple[str, ...], linked: tuple[tuple[str, ...], ...], summary: str
) -> None:
    assert _gap_of(competitors, *linked).summary == summary
    assert "(" not in summary


def test_min_competitors_and_given_authority() -> None:
    gap = link_gap(
        audit(PAGES, "example.com"),
        competitors(),
        min_competitors=2,
        authority={"example.org": 55},
    )
    assert [(d.domain, d.authority) for d in gap.domains] == [("example.org", 55.0)]


def test_export_rows_plug_in() -> None:
    rows = [{"source_url": "https://dir.example.org/a", "target_url": "https://example.net/"}]
    gap = link_gap([], {"rival": rows})
    assert [d.domain for d in gap.domains] == ["example.org"]
    assert gap.own == "you"


def test_bad_arguments() -> None:
    own = audit([], "example.com")
    with pytest.raises(InvalidInputError, match=r"^competitors="):
        link_gap(own, {})
    with pytest.raises(InvalidValueError, match=r"^min_competitors=3"):
        link_gap(own, competitors(), min_competitors=3)
    with pytest.raises(InvalidValueError, match=r"^authority\['x'\]=200"):
        link_gap(own, competitors(), authority={"x": 200})


def test_export_rows_give_the_linking_domains_own_metric(tmp_path: Path) -> None:
    from backlinkkit import read_export

    # Two rows in Ahrefs' backlinks layout (seo-data.md §1): "Domain rating" is the
    # linking domain's DR, "UR" its page's rating; the gap's authority is the domain's.
    ahrefs = tmp_path / "ahrefs.csv"
    ahrefs.write_text(
        "Referring page URL,Domain rating,UR,Target URL\n"
        "https://news.example.org/a,64,12,https://rival.example/\n"
        "https://blog.example.info/b,20,35,https://rival.example/x\n",
        encoding="utf-8",
    )
    # Majestic's layout: DomainTrustFlow rates the domain, SourceTrustFlow the page.
    majestic = tmp_path / "majestic.csv"
    majestic.write_text(
        "SourceURL,SourceTrustFlow,DomainTrustFlow,TargetURL\n"
        "https://forum.example.net/t/1,9,31,https://other.example/\n",
        encoding="utf-8",
    )
    rivals = {"rival": read_export(ahrefs), "other": read_export(majestic)}
    expected = [("example.org", 64.0), ("example.net", 31.0), ("example.info", 20.0)]
    gap = link_gap([], rivals)
    assert [(d.domain, d.authority) for d in gap.domains] == expected
    # the records of the exports (what the command line passes) say the same
    records = {name: export.to_records() for name, export in rivals.items()}
    assert [(d.domain, d.authority) for d in link_gap([], records).domains] == expected
    # an authority column of the rows, and the mapping, still win
    rows = [{**r, "authority": 50} for r in records["rival"]]
    assert link_gap([], {"rival": rows}).domains[0].authority == 50.0
    assert DOMAIN_METRICS == ("dr", "da", "domain_tf", "domain_cf")
