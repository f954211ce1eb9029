"""Path templates of the registry data (``/u/{handle}``, ``/l/*/**``), compiled to patterns.

>>> compile_template("/@{handle}/{id:digits}", "path").match("/@Ann/42").group("handle")
'Ann'

:func:`check_template` validates a template without compiling it (what the
entries' validators call); the registry's matcher compiles each template once.
"""

from __future__ import annotations

import re

from .._validate import type_error, value_error

__all__ = ["check_template", "compile_template"]

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::(digits))?\}")


def compile_template(template: object, field: str) -> re.Pattern[str]:
    """Compile a path template (see ``docs/social.md``) to a case-insensitive pattern.

    ``{handle}`` becomes the group ``handle``, a final ``**`` the group ``rest``.
    Raises :class:`~backlinkkit.errors.InvalidValueError` naming *field* when
    the template is malformed.
    """
    return re.compile(check_template(template, field), re.IGNORECASE)


def check_template(template: object, field: str) -> str:
    r"""The regular expression (source text) of a path template, which is valid.

    Raises what :func:`compile_template` raises on a malformed template; the
    expression it returns always compiles (its literals are escaped and it has at
    most one group of each name).

    >>> check_template("/u/{handle}", "path")
    '/u/(?P<handle>[^/]+)/?\\Z'
    >>> check_template("/{handle}/{handle}", "p")
    Traceback (most recent call last):
      ...
    backlinkkit.errors.InvalidValueError: p='/{handle}/{handle}': at most one {handle} placeholder
    """
    if not isinstance(template, str):
        raise type_error(field, template, "str")
    if not template.startswith("/"):
        raise value_error(field, template, "a path template starts with '/'")
    segments = template[1:].split("/")
    if segments and segments[-1] == "":
        segments.pop()
    parts: list[str] = []
    rest = handle = False
    for position, segment in enumerate(segments):
        if segment == "**":
            if position != len(segments) - 1:
                raise value_error(field, template, "'**' must be the last segment")
            parts.append(r"(?P<rest>(?:/.*)?)")
            rest = True
            continue
        if segment == "*":
            parts.append(r"/[^/]+")
            continue
        if not segment:
            raise value_error(field, template, "empty path segment")
        found = list(_PLACEHOLDER.finditer(segment))
        if len(found) > 1:
            raise value_error(field, template, "at most one placeholder per segment")
        if found:
            m = found[0]
            prefix, suffix = segment[: m.start()], segment[m.end() :]
            if any(c in prefix + suffix for c in "{}*"):
                raise value_error(field, template, f"malformed segment {segment!r}")
            body = "[0-9]+" if m.group(2) else "[^/]+"
            if m.group(1) == "handle":
                if handle:
                    raise value_error(field, template, "at most one {handle} placeholder")
                handle = True
                group = f"(?P<handle>{body})"
            else:
                group = f"(?:{body})"
            parts.append("/" + re.escape(prefix) + group + re.escape(suffix))
        else:
            if any(c in segment for c in "{}*"):
                raise value_error(field, template, f"malformed segment {segment!r}")
            parts.append("/" + re.escape(segment))
    return "".join(parts) + ("" if rest else "/?") + r"\Z"
