"""Path templates of the registry data (``/u/{handle}``, ``/l/*/**``), compiled to patterns.

>>> compile_template("/@{handle}/{id:digits}", "path").match("/@Ann/42").group("handle")
'Ann'
"""

from __future__ import annotations

import re

from .._validate import type_error, value_error

__all__ = ["compile_template"]

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::(digits))?\}")


def compile_template(template: object, field: str) -> re.Pattern[str]:
    """Compile a path template (see ``docs/social.md``) to a case-insensitive pattern.

    ``{handle}`` becomes the group ``handle``, a final ``**`` the group ``rest``.
    Raises :class:`~backlinkkit.errors.InvalidValueError` naming *field* when
    the template is malformed.
    """
    if not isinstance(template, str):
        raise type_error(field, template, "str")
    if not template.startswith("/"):
        raise value_error(field, template, "a path template starts with '/'")
    segments = template[1:].split("/")
    if segments and segments[-1] == "":
        segments.pop()
    parts: list[str] = []
    rest = False
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
            group = f"(?P<handle>{body})" if m.group(1) == "handle" else f"(?:{body})"
            parts.append("/" + re.escape(prefix) + group + re.escape(suffix))
        else:
            if any(c in segment for c in "{}*"):
                raise value_error(field, template, f"malformed segment {segment!r}")
            parts.append("/" + re.escape(segment))
    pattern = "".join(parts) + ("" if rest else "/?") + r"\Z"
    return re.compile(pattern, re.IGNORECASE)
