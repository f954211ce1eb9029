"""Tests for :mod:`backlinkkit.social._template`: the registry's path templates.

The template language is the one ``docs/social.md`` defines for ``platforms.json``
(literal segments matched case-insensitively, ``*`` for one segment, one
``{name}`` or ``{name:digits}`` placeholder per segment, ``{handle}`` naming the
account, a final ``**`` for anything, an optional trailing slash); the expected
matches below follow that text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backlinkkit.errors import InvalidInputError, InvalidValueError
from backlinkkit.social._template import check_template, compile_template


@pytest.mark.parametrize(
    ("template", "path", "handle"),
    [
        ("/u/{handle}", "/u/ann", "ann"),
        ("/u/{handle}", "/U/Ann/", "Ann"),  # literals ignore case; a trailing slash is optional
        ("/u/{handle}", "/u/ann/x", None),  # one segment only
        ("/u/{handle}", "/u/", None),
        ("/@{handle}", "/@ann", "ann"),
        ("/{name}/status/{id:digits}", "/ann/status/42", "no handle"),
        ("/{name}/status/{id:digits}", "/ann/status/4x", None),
        ("/l/*/**", "/l/token/https://example.com/", "no handle"),
        ("/l/*/**", "/l/token", "no handle"),
        ("/l/*/**", "/l", None),
        ("/sharer.php", "/sharerXphp", None),  # a literal "." is not a wildcard
    ],
)  # fmt: skip
def test_templates_match_as_the_data_format_says(
    template: str, path: str, handle: str | None
) -> None:
    found = compile_template(template, "path").match(path)
    if handle is None:
        assert found is None
    elif handle == "no handle":
        assert found is not None
        assert "handle" not in found.re.groupindex
    else:
        assert found is not None
        assert found.group("handle") == handle


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("u/{handle}", "starts with '/'"),
        ("/**/x", "'**' must be the last segment"),
        ("/a//b", "empty path segment"),
        ("/{a}{b}", "at most one placeholder per segment"),
        ("/{handle}/{handle}", "at most one {handle} placeholder"),
        ("/a{b", "malformed segment"),
        ("/a*", "malformed segment"),
    ],
)
def test_malformed_templates_raise_invalid_value_error_naming_the_field(
    template: str, problem: str
) -> None:
    for check in (check_template, compile_template):
        with pytest.raises(InvalidValueError) as caught:
            check(template, "PathRule.path")
        assert str(caught.value).startswith(f"PathRule.path={template!r}: ")
        assert problem in str(caught.value)


def test_a_template_that_is_not_a_str_raises_invalid_input_error() -> None:
    with pytest.raises(InvalidInputError, match=r"PathRule\.path=3"):
        check_template(3, "PathRule.path")


_SEGMENT = st.text(alphabet="ab.{}*:_-/@%", max_size=12)


@given(st.one_of(_SEGMENT.map(lambda s: "/" + s), st.text(max_size=20)))
def test_a_checked_template_always_compiles_to_what_compile_template_gives(
    template: str,
) -> None:
    # check_template is what the entries' validators call; the matcher compiles
    # later, so whatever it accepts must compile (and never raise re.error).
    try:
        pattern = check_template(template, "path")
    except InvalidValueError:
        return
    compiled = re.compile(pattern, re.IGNORECASE)
    assert compile_template(template, "path").pattern == compiled.pattern
