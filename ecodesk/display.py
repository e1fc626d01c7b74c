"""Showing text that came from outside the program (names, titles, file names, package senders) safely.

A terminal obeys control characters: ESC starts sequences that move the cursor, erase lines, retitle the window or
write the clipboard (OSC 52); CR returns to the start of the line; BEL rings. Bidirectional overrides and isolates
(U+202A–U+202E, U+2066–U+2069) and the invisible direction marks reorder what is shown ("Trojan Source"). Such
characters are shown as visible escapes (``\\x1b``, ``\\u202e``) wherever EcoDesk prints or displays them; the
text itself is kept as stored.

Escapes of C0 characters use ``\\xHH``; DEL, C1 and bidi characters use ``\\uHHHH``, which is also a valid escape
inside a JSON string: the ``--json`` output stays valid JSON and decodes to the original text.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"
# C0 controls except tab and line feed, DEL, C1 controls, bidi controls and the Unicode line/paragraph separators.
_UNSAFE_MULTILINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_SINGLE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def visible(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control and bidi-control character written as a visible escape.

    Single-line (names, titles, file names) also escapes tab and line feed, so a value cannot start a line of
    its own; ``multiline`` keeps them (narratives, whole command output).
    """
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE_SINGLE_LINE
    return pattern.sub(_escape, text)


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds a C0 or C1 control character or DEL (tab and line feed included)."""
    return _CONTROL.search(text) is not None


__all__ = ["has_control_characters", "visible"]
