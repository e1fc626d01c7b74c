"""The recovery key: 160 random bits written as 9 groups of 4 characters, easy to copy by hand.

Crockford base32 (no I, L, O, U); the last group is a checksum so a mistyped key is caught before the slow
key derivation. Input is forgiving: case, spaces, dashes, O for 0 and I/L for 1 are accepted.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import unicodedata

from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_CROCKFORD = str.maketrans(_STD, _CROCKFORD)
_FROM_CROCKFORD = str.maketrans(_CROCKFORD, _STD)
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _checksum(body: str) -> str:
    digest = hashlib.sha256(b"ecodesk recovery key\n" + body.encode()).digest()
    return base64.b32encode(digest)[:4].decode().translate(_TO_CROCKFORD)


def new_recovery_key() -> str:
    body = base64.b32encode(secrets.token_bytes(20)).decode().translate(_TO_CROCKFORD)  # 32 characters
    text = body + _checksum(body)
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalize_recovery_key(text: str) -> str:
    """The canonical form of a typed recovery key; InvalidInput when it is mistyped."""
    # NFKC first: full-width letters and digits (an East Asian input method) are the same key.
    compact = "".join(ch for ch in unicodedata.normalize("NFKC", text).upper() if ch.isalnum()).translate(_ALIASES)
    if len(compact) != 36 or any(ch not in _CROCKFORD for ch in compact):
        raise InvalidInput(N_("The recovery key must be 9 groups of 4 letters and digits."))
    body, check = compact[:32], compact[32:]
    if _checksum(body) != check:
        raise InvalidInput(N_("The recovery key has a typing error. Check each group and try again."))
    # The canonical form is what was wrapped: decode/encode round trip keeps it stable.
    base64.b32decode(body.translate(_FROM_CROCKFORD))
    return "-".join(compact[i : i + 4] for i in range(0, 36, 4))
