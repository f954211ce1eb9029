"""Chromium's scan of a page's bytes for a ``<meta>`` encoding declaration.

A re-implementation, from its behaviour and its public description, of Blink's
``HTMLMetaCharsetParser::CheckForMetaCharset``
(``third_party/blink/renderer/core/html/parser/html_meta_charset_parser.cc``): the
bytes are read as Latin-1 (one character per byte) and tokenized as the HTML
tokenizer does, so comments, doctypes, bogus comments, quoted attribute values,
``<title>``/``<textarea>`` (RCDATA), ``<style>``/``<iframe>``/``<xmp>``/
``<noembed>``/``<noframes>`` (RAWTEXT), ``<script>`` (script data, with its
escaped and double-escaped states) and ``<plaintext>`` hide what looks like a tag.
``<noscript>`` is *not* raw text here: Blink's charset tokenizer has no document,
so its scripting flag is off.  The tokenizer switches into those states on the
start tag, as Blink's ``HTMLTokenizer::UpdateStateFor`` does.

The first start tag ``meta`` whose attributes name an encoding the caller accepts
(``EncodingFromMetaAttributes`` in ``html_parser_idioms.cc``) wins.  Tags other
than ``script``, ``noscript``, ``style``, ``link``, ``meta``, ``object``,
``title``, ``base`` (and start tags ``html`` and ``head``) end "the head"; once
the head has ended, the scan stops at the first token that starts at or after
byte 1,024.

Everything here is a loop over positions that only move forward, with anchored
regular expressions that each match a bounded class of bytes: the scan is linear
in the input, never recursive, and never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html import entities

from ._infra import ascii_lower

__all__ = ["encoding_label", "extract_charset", "meta_charset"]

#: Bytes Blink reads unconditionally, even after the head has ended.
UNCONDITIONAL = 1024

_HEAD_TAGS = frozenset(
    {b"script", b"noscript", b"style", b"link", b"meta", b"object", b"title", b"base"}
)
_RCDATA = frozenset({b"title", b"textarea"})
_RAWTEXT = frozenset({b"style", b"iframe", b"xmp", b"noembed", b"noframes"})

_WS = b"\t\n\x0c\r "
# A tag name: everything up to whitespace, "/" or ">" (EOF ends the token unemitted).
_TAG_NAME = re.compile(rb"[^\t\n\x0c\r />]*")
_SPACES = re.compile(rb"[\t\n\x0c\r ]*")
_ATTR_NAME = re.compile(rb"[^\t\n\x0c\r />=]*")
_UNQUOTED = re.compile(rb"[^\t\n\x0c\r >]*")
_ALPHA = re.compile(rb"[A-Za-z]+")
_COMMENT_END = re.compile(rb"--!?>")
_ESCAPED_STOP = re.compile(rb"[-<]")
_ENTITIES = entities.html5
_CHAR_REF = re.compile(r"&(?:#[xX]([0-9A-Fa-f]+);?|#([0-9]+);?|([A-Za-z0-9]+;?))")
_LONGEST_ENTITY = max(len(name) for name in _ENTITIES)

_Attributes = list[tuple[str, str]]


def meta_charset(data: bytes, lookup: Callable[[str], str | None]) -> str | None:
    """The encoding of the first ``<meta>`` declaring one that *lookup* accepts, or ``None``.

    *lookup* maps a label (already stripped of HTML whitespace) to an encoding name,
    or to ``None`` when it names no encoding; a declaration it refuses is passed
    over and the scan goes on, as in Blink.

    >>> from webencodings import lookup as wl
    >>> look = lambda label: (wl(label).name if wl(label) else None)
    >>> meta_charset(b'<meta charset="bogus"><meta charset=koi8-r>', look)
    'koi8-r'
    >>> meta_charset(b"<!-- <meta charset=koi8-r> --><title><meta charset=utf-8>", look)
    >>> meta_charset(b"<head>" + b"<!--" + b" " * 2000 + b"-->" + b"<meta charset=utf-8>", look)
    'utf-8'
    >>> meta_charset(b"<body>" + b" " * 2000 + b"<meta charset=utf-8>", look) is None
    True
    """
    scan = _Scan(data)
    for start, name, attributes in scan.start_tags():
        if name == b"meta" and attributes is not None:
            if not scan.in_head and start >= UNCONDITIONAL:
                return None
            label = encoding_label(attributes)
            if label is not None:
                found = lookup(label)
                if found is not None:
                    return found
    return None


def encoding_label(attributes: _Attributes) -> str | None:
    """The label a ``<meta>`` with these ``(name, value)`` attributes declares, or ``None``.

    As Blink reads them: every attribute in order, repeats included (the last
    ``charset`` wins); ``content`` counts only before any ``charset`` and only with
    ``http-equiv`` equal to ``content-type`` (ASCII case-insensitively) anywhere.

    >>> encoding_label([("charset", " utf-8 ")])
    'utf-8'
    >>> encoding_label([("content", "text/html; charset=koi8-r"), ("http-equiv", "Content-Type")])
    'koi8-r'
    >>> encoding_label([("content", "text/html; charset=koi8-r")]) is None
    True
    """
    pragma = False
    has_charset = False
    mode = ""
    charset = ""
    for name, value in attributes:
        if name == "http-equiv":
            if ascii_lower(value) == "content-type":
                pragma = True
        elif name == "charset":
            has_charset = True
            charset = value
            mode = "charset"
        elif not has_charset and name == "content":
            charset = extract_charset(value)
            if charset:
                mode = "pragma"
    if mode == "charset" or (mode == "pragma" and pragma):
        return charset.strip("\t\n\x0c\r ")
    return None


def extract_charset(value: str) -> str:
    """The ``charset=`` value in a ``content`` attribute, as Blink's ``ExtractCharset`` reads it.

    >>> extract_charset("text/html; charset=utf-8")
    'utf-8'
    >>> extract_charset("text/html; CHARSET = 'koi8-r' ")
    'koi8-r'
    >>> extract_charset("text/html; charset='unterminated")
    ''
    """
    pos = 0
    length = len(value)
    lowered = ascii_lower(value)
    while pos < length:
        pos = lowered.find("charset", pos)
        if pos < 0:
            break
        pos += 7
        while pos < length and value[pos] <= " ":
            pos += 1
        if pos >= length or value[pos] != "=":
            continue
        pos += 1
        while pos < length and value[pos] <= " ":
            pos += 1
        quote = ""
        if pos < length and value[pos] in "\"'":
            quote = value[pos]
            pos += 1
        if pos == length:
            break
        end = pos
        if quote:
            end = value.find(quote, pos)
            if end < 0:
                break  # no closing quote
        else:
            while end < length and value[end] > " " and value[end] not in "\"';":
                end += 1
        return value[pos:end]
    return ""


class _Scan:
    """A forward-only HTML tokenizer that reports start tags and tracks "the head"."""

    __slots__ = ("data", "in_head", "lowered", "pos")

    def __init__(self, data: bytes) -> None:
        self.data = data
        # ASCII-lowercased copy: tag and attribute names are ASCII-lowercased by the
        # tokenizer, and the end tags of raw text are matched case-insensitively.
        self.lowered = data.lower()
        self.pos = 0
        self.in_head = True

    def _note(self, name: bytes, end_tag: bool) -> None:
        if name not in _HEAD_TAGS and (end_tag or name not in (b"html", b"head")):
            self.in_head = False

    def _done(self, at: int) -> bool:
        return not self.in_head and at >= UNCONDITIONAL

    # ---------------------------------------------------------------- one token

    def tag(
        self, at: int, end_tag: bool, want_attributes: bool
    ) -> tuple[bytes, _Attributes] | None:
        """Read the tag whose name starts at *at*; ``None`` when the input ends inside it."""
        data, lowered = self.data, self.lowered
        match = _TAG_NAME.match(lowered, at)
        assert match is not None
        name = match.group()
        pos = match.end()
        attributes: _Attributes = []
        size = len(data)
        while True:
            pos = _SPACES.match(data, pos).end()  # type: ignore[union-attr]
            if pos >= size:
                return None
            char = data[pos]
            if char == 0x3E:  # >
                self.pos = pos + 1
                return name, attributes
            if char == 0x2F:  # / : self-closing flag, or a stray solidus
                pos += 1
                continue
            # An attribute name; a leading "=" belongs to it.
            match = _ATTR_NAME.match(lowered, pos + 1 if char == 0x3D else pos)
            assert match is not None
            attr_end = match.end()
            attr_name = lowered[pos:attr_end]
            pos = _SPACES.match(data, attr_end).end()  # type: ignore[union-attr]
            value = b""
            if pos < size and data[pos] == 0x3D:  # =
                pos = _SPACES.match(data, pos + 1).end()  # type: ignore[union-attr]
                if pos >= size:
                    return None
                quote = data[pos]
                if quote in (0x22, 0x27):
                    close = data.find(b'"' if quote == 0x22 else b"'", pos + 1)
                    if close < 0:
                        return None
                    value = data[pos + 1 : close]
                    pos = close + 1
                elif quote != 0x3E:
                    match = _UNQUOTED.match(data, pos)
                    assert match is not None
                    value = match.group()
                    pos = match.end()
            if want_attributes:
                attributes.append((_text(attr_name), _attribute_value(value)))

    def comment(self, at: int) -> None:
        """Skip the comment whose ``<!--`` is at *at* (to its end or the end of input)."""
        data = self.data
        if data.startswith(b">", at + 4):  # <!-->
            self.pos = at + 5
        elif data.startswith(b"->", at + 4):  # <!--->
            self.pos = at + 6
        else:
            match = _COMMENT_END.search(data, at + 4)
            self.pos = match.end() if match else len(data)

    def skip_to_gt(self, at: int) -> None:
        """Skip a bogus comment or a doctype: up to and including the next ``>``."""
        close = self.data.find(b">", at)
        self.pos = close + 1 if close >= 0 else len(self.data)

    def raw_text(self, name: bytes) -> int | None:
        """Skip RCDATA/RAWTEXT content to its end tag; the position of that ``</``, or ``None``."""
        lowered = self.lowered
        needle = b"</" + name
        pos = self.pos
        while True:
            found = lowered.find(needle, pos)
            if found < 0:
                return None
            after = found + len(needle)
            if after < len(lowered) and lowered[after] in b"\t\n\x0c\r />":
                return found
            pos = after

    def script_data(self) -> int | None:
        """Skip script data to its ``</script`` end tag; the position of that ``</``, or ``None``.

        Follows the tokenizer's script data states: ``<!--`` escapes, and a
        ``<script`` inside the escape double-escapes until ``</script``.
        """
        data, lowered = self.data, self.lowered
        size = len(data)
        pos = self.pos
        while True:  # script data state
            found = data.find(b"<", pos)
            if found < 0:
                return None
            pos = found + 1
            if data.startswith(b"/", pos):
                if _appropriate_end(lowered, pos + 1, b"script"):
                    return found
                continue
            if not data.startswith(b"!--", pos):
                continue
            # Script data escaped: "<!--" seen (its "--" counts as the escape dashes).
            pos += 3
            dashes = 2
            double = False
            while True:
                if pos >= size:
                    return None
                if dashes == 0:
                    match = _ESCAPED_STOP.search(data, pos)
                    if match is None:
                        return None
                    pos = match.start()
                char = data[pos]
                if char == 0x2D:  # -
                    dashes = min(dashes + 1, 2)
                    pos += 1
                    continue
                if char == 0x3E and dashes == 2:  # --> : back to script data
                    pos += 1
                    break
                dashes = 0
                if char != 0x3C:  # <
                    pos += 1
                    continue
                lt = pos
                pos += 1
                if data.startswith(b"/", pos):
                    if not double and _appropriate_end(lowered, pos + 1, b"script"):
                        return lt
                    if double and _appropriate_end(lowered, pos + 1, b"script"):
                        double = False  # </script ends the double escape ...
                        pos += 7  # ... and "script" is plain escaped text
                    else:
                        pos += 1
                    continue
                if not double:
                    match = _ALPHA.match(lowered, pos)
                    if match is not None:
                        end = match.end()
                        if (
                            match.group() == b"script"
                            and end < size
                            and data[end] in b"\t\n\x0c\r />"
                        ):
                            double = True
                        pos = end
            # back in script data

    # ---------------------------------------------------------------- the loop

    def start_tags(self) -> Iterator[tuple[int, bytes, _Attributes | None]]:
        """``(position of "<", name, attributes)`` of each start tag, in order.

        *attributes* is ``None`` for a start tag other than ``meta`` (they are
        not read).  Stops at the end of the input, in ``<plaintext>``, or once the
        head has ended and a token starts at or after byte 1,024.
        """
        data = self.data
        size = len(data)
        while True:
            found = data.find(b"<", self.pos)
            if found < 0 or self._done(found):
                return
            nxt = found + 1
            if nxt >= size:
                return
            char = data[nxt]
            if char == 0x21:  # !
                if data.startswith(b"--", nxt + 1):
                    self.comment(found)
                else:
                    self.skip_to_gt(nxt)  # doctype, CDATA (bogus here) or bogus comment
                continue
            if char == 0x3F:  # ?
                self.skip_to_gt(nxt)
                continue
            end_tag = char == 0x2F
            name_at = nxt + 1 if end_tag else nxt
            if name_at >= size:
                return
            first = data[name_at]
            if not (0x41 <= first <= 0x5A or 0x61 <= first <= 0x7A):
                if end_tag:
                    if first == 0x3E:  # "</>" is dropped
                        self.pos = name_at + 1
                    else:
                        self.skip_to_gt(name_at)  # "</ ..." is a bogus comment
                else:
                    self.pos = nxt  # "<" is text
                continue
            peek = _TAG_NAME.match(self.lowered, name_at)
            assert peek is not None
            is_meta = not end_tag and peek.group() == b"meta"
            tag = self.tag(name_at, end_tag, is_meta)
            if tag is None:
                return
            name, attributes = tag
            if end_tag:
                self._note(name, True)
                continue
            yield found, name, attributes if is_meta else None
            self._note(name, False)
            if self._switch(name) is False:
                return

    def _switch(self, name: bytes) -> bool | None:
        """Skip the content of a raw text element just opened; ``False`` when input ends."""
        if name in _RCDATA or name in _RAWTEXT:
            at = self.raw_text(name)
        elif name == b"script":
            at = self.script_data()
        elif name == b"plaintext":
            return False
        else:
            return None
        if at is None or self._done(at):
            return False
        # The end tag itself (its attributes are read and dropped).
        tag = self.tag(at + 2, True, False)
        if tag is None:
            return False
        self._note(tag[0], True)
        return True


def _appropriate_end(lowered: bytes, at: int, name: bytes) -> bool:
    """Whether ``name`` followed by whitespace, ``/`` or ``>`` starts at *at*."""
    end = at + len(name)
    return lowered.startswith(name, at) and end < len(lowered) and lowered[end] in b"\t\n\x0c\r />"


def _text(raw: bytes) -> str:
    return raw.decode("latin-1")


def _attribute_value(raw: bytes) -> str:
    text = raw.decode("latin-1")
    if "&" in text:
        text = _CHAR_REF.sub(_replace_reference, text)
    return text


def _replace_reference(match: re.Match[str]) -> str:
    hex_digits, digits, name = match.groups()
    if name is None:
        number = int(hex_digits, 16) if hex_digits is not None else int(digits)
        if number == 0 or number > 0x10FFFF or 0xD800 <= number <= 0xDFFF:
            return "\ufffd"
        # (The tokenizer maps 0x80..0x9F through windows-1252; any of them, mapped or
        # not, is non-ASCII and so makes no encoding label.)
        return chr(number)
    # Named: the longest entity name that is a prefix; in an attribute value, one
    # without ";" followed by "=" or an alphanumeric is left as it is.
    text = match.string
    end = match.end()
    for size in range(min(len(name), _LONGEST_ENTITY), 0, -1):
        candidate = name[:size]
        if candidate in _ENTITIES:
            if not candidate.endswith(";"):
                following = name[size : size + 1] or text[end : end + 1]
                if following == "=" or (following.isalnum() and following.isascii()):
                    return match.group()
            return _ENTITIES[candidate] + name[size:]
    return match.group()
