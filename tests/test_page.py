"""backlinkkit.page: the value objects are frozen, validated, and flatten to records."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from backlinkkit.errors import InvalidInputError, InvalidValueError
from backlinkkit.page import ANCHOR_SOURCES, REGIONS, RELATIONS, Link, LinkElement, Page
from backlinkkit.rel import parse_rel
from backlinkkit.robots import RobotsDirectives


def make_link(**overrides: Any) -> Link:
    fields: dict[str, Any] = {
        "position": 0,
        "tag": "a",
        "href": "/x",
        "url": "https://example.com/x",
        "scheme": "https",
        "host": "example.com",
        "site": "example.com",
        "text": "x",
        "anchor": "x",
        "anchor_source": "text",
        "rel": parse_rel(None),
        "followed": True,
        "nofollow_source": None,
        "region": "content",
        "relation": "internal",
    }
    fields.update(overrides)
    return Link(**fields)


def test_link_is_frozen_and_slotted() -> None:
    link = make_link()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        link.url = "https://evil.example/"  # type: ignore[misc]
    assert not hasattr(link, "__dict__")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("position", -1),
        ("tag", "link"),
        ("anchor_source", "alt-text"),
        ("region", "sidebar"),
        ("relation", "cousin"),
        ("nofollow_source", "robots"),
        ("rel", "nofollow"),
        ("followed", "yes"),
        ("url", 3),
    ],
)
def test_link_validators_reject_bad_values(field: str, value: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        make_link(**{field: value})


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("position", -1, InvalidValueError),
        ("position", "0", InvalidInputError),
        ("position", True, InvalidInputError),
        ("tag", "link", InvalidValueError),
        ("anchor_source", "alt-text", InvalidValueError),
        ("region", "sidebar", InvalidValueError),
        ("relation", "cousin", InvalidValueError),
        ("nofollow_source", "robots", InvalidValueError),
        ("rel", "nofollow", InvalidInputError),
        ("followed", "yes", InvalidInputError),
        ("followed", 1, InvalidInputError),
        ("url", 3, InvalidInputError),
        ("href", None, InvalidInputError),
        ("warnings", "one warning", InvalidInputError),
        ("warnings", (1,), InvalidInputError),
        ("landing_url", 3, InvalidInputError),
    ],
)
def test_link_errors_are_backlinkkit_errors_naming_the_field(
    field: str, value: object, error: type[Exception]
) -> None:
    # docs/errors.md: wrong types raise InvalidInputError, wrong values InvalidValueError.
    with pytest.raises(error, match=rf"^Link\.{field}[=\[]"):
        make_link(**{field: value})


def test_link_element_and_page_errors_are_backlinkkit_errors() -> None:
    rel = parse_rel(None)
    with pytest.raises(InvalidInputError, match=r"^LinkElement\.href=3"):
        LinkElement(rel, 3, None)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^LinkElement\.rel="):
        LinkElement("canonical", "/", None)  # type: ignore[arg-type]
    page: dict[str, Any] = {
        "url": "https://example.com/",
        "base_url": "https://example.com/",
        "encoding": "utf-8",
        "robots": RobotsDirectives(),
        "canonical": None,
        "title": "",
        "link_elements": [],
        "links": [],
    }
    Page(**page)
    for field, value in [
        ("links", ["not a link"]),
        ("link_elements", [make_link()]),
        ("robots", None),
        ("title", None),
        ("claimed_profiles", [1]),
        ("warnings", [None]),
        ("language", 1),
        ("status", "200"),
        ("location", 1),
    ]:
        with pytest.raises(InvalidInputError, match=rf"^Page\.{field}"):
            Page(**{**page, field: value})
    with pytest.raises(InvalidValueError, match=r"^Page\.status=99"):
        Page(**{**page, "status": 99})
    with pytest.raises(InvalidInputError, match=r"^Link\.has_image="):
        make_link(has_image="yes")
    assert make_link(has_image=None).has_image is None  # not known (a WAT link)


def test_page_repr_shows_a_status_and_a_redirect() -> None:
    from backlinkkit import extract_links

    moved = extract_links("", "https://example.com/a", status=301, headers={"Location": "/b"})
    assert repr(moved) == (
        "<Page https://example.com/a: 0 links (0 backlinks), status 301, "
        "redirects to https://example.com/b>"
    )
    assert "status" not in repr(extract_links("", "https://example.com/a", status=200))


def test_literal_values_are_the_documented_ones() -> None:
    # docs/extract.md and docs/regions.md list these values.
    assert REGIONS == ("content", "nav", "header", "footer", "aside", "comment", "unknown")
    # "unknown": a link read from a WAT file without text (docs/archives.md)
    assert ANCHOR_SOURCES == ("text", "alt", "aria-label", "title", "none", "unknown")
    assert RELATIONS == ("same-page", "internal", "same-site", "external")


def test_is_backlink_needs_an_external_http_url() -> None:
    assert make_link(relation="external").is_backlink
    assert not make_link(relation="same-site").is_backlink
    assert not make_link(relation="external", scheme="mailto").is_backlink


def test_warnings_are_joined_in_records_and_tuples_on_the_value() -> None:
    link = make_link(warnings=["a", "b"])
    assert link.warnings == ("a", "b")
    assert link.to_record()["warnings"] == "a | b"


def test_page_records_carry_the_page_url_and_backlinks_filter() -> None:
    page = Page(
        url="https://example.com/",
        base_url="https://example.com/",
        encoding="utf-8",
        robots=RobotsDirectives(),
        canonical=None,
        title="",
        link_elements=[LinkElement(parse_rel("canonical"), "/", "https://example.com/")],
        links=[make_link(), make_link(position=1, relation="external")],
    )
    assert isinstance(page.links, tuple)
    assert isinstance(page.link_elements, tuple)
    assert [r["page_url"] for r in page.to_records()] == ["https://example.com/"] * 2
    assert [link.position for link in page.backlinks] == [1]


def test_without_links_keeps_the_page_and_drops_its_links() -> None:
    page = Page(
        url="https://example.com/",
        base_url="https://example.com/",
        encoding="utf-8",
        robots=RobotsDirectives(noindex=True),
        canonical=None,
        title="t",
        link_elements=[LinkElement(parse_rel("canonical"), "/", "https://example.com/")],
        links=[make_link()],
        status=301,
        location="https://example.com/new",
    )
    bare = page.without_links()
    assert (bare.links, bare.link_elements, bare.claimed_profiles) == ((), (), ())
    assert (bare.url, bare.status, bare.location, bare.robots, bare.title) == (
        page.url, 301, "https://example.com/new", page.robots, "t"
    )  # fmt: skip


def test_pages_and_links_survive_pickling() -> None:
    import pickle

    from backlinkkit import extract_links

    page = extract_links(
        '<a href="/a" rel="ugc">A</a><a href="https://l.facebook.com/l.php?u=https%3A%2F%2Fx.example%2F">'
        "f</a><a href='/a'>again</a>",
        "https://www.example.com/",
    )
    again = pickle.loads(pickle.dumps(page))
    assert again == page
    assert pickle.loads(pickle.dumps(page.links[1])) == page.links[1]
    empty = extract_links("<p>none</p>", "https://www.example.com/")
    assert pickle.loads(pickle.dumps(empty)) == empty
