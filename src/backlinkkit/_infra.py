"""WHATWG Infra code-point rules that every module shares (https://infra.spec.whatwg.org/).

>>> strip_ascii_whitespace("\\t a b \\x0c")
'a b'
>>> collapse_ascii_whitespace("  a \\n\\t b ")
'a b'
>>> ascii_lower("NoFOLLOW \\u0130")
'nofollow \\u0130'
"""

from __future__ import annotations

import re

__all__ = [
    "ASCII_WHITESPACE",
    "ASCII_WHITESPACE_RUN",
    "C0_CONTROL_OR_SPACE",
    "ascii_lower",
    "collapse_ascii_whitespace",
    "split_ascii_whitespace",
    "strip_ascii_whitespace",
]

#: ASCII whitespace: TAB, LF, FF, CR, SPACE (Infra §4.6).
ASCII_WHITESPACE = "\t\n\x0c\r "
#: One or more ASCII whitespace code points.
ASCII_WHITESPACE_RUN = re.compile(r"[\t\n\x0c\r ]+")
#: C0 controls (U+0000 to U+001F) and U+0020 SPACE, stripped around URLs (URL §4.4).
C0_CONTROL_OR_SPACE = "".join(chr(c) for c in range(0x21))

_ASCII_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_lower(value: str) -> str:
    """*value* with only ASCII upper-case letters lowered (Infra "ASCII lowercase")."""
    return value.translate(_ASCII_UPPER) if not value.islower() else value


def strip_ascii_whitespace(value: str) -> str:
    """*value* without leading and trailing ASCII whitespace (Infra "strip")."""
    return value.strip(ASCII_WHITESPACE)


def collapse_ascii_whitespace(value: str) -> str:
    """Runs of ASCII whitespace made one space, then stripped (Infra "strip and collapse")."""
    if not value:
        return ""
    return ASCII_WHITESPACE_RUN.sub(" ", value).strip(" ")


def split_ascii_whitespace(value: str) -> list[str]:
    """*value* split on ASCII whitespace, no empty tokens (Infra "split on ASCII whitespace")."""
    return [token for token in ASCII_WHITESPACE_RUN.split(value) if token]
