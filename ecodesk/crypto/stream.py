"""age's payload encryption (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár), used for
evidence files: ChaCha20-Poly1305 over 64 KiB segments, nonce = 11-byte big-endian segment counter + one byte
that is 1 on the last segment only, payload key = HKDF-SHA256(file key, salt = a random 16-byte nonce,
info = "payload"). This is byte for byte the payload of an age file (https://age-encryption.org/v1); only the
header differs: instead of recipient stanzas, the 16-byte file key is kept in the vault database.

A blob is ``MAGIC`` + the 16-byte nonce + the encrypted segments. Each segment is authenticated, the counter
fixes their order and the last-segment flag detects truncation and extension, so a blob that decrypts is the
exact file that was written with that key. The primitives come from ``cryptography`` (OpenSSL).
"""

from __future__ import annotations

import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"ecodesk-evidence/v1\n"
NONCE_BYTES = 16
KEY_BYTES = 16  # as age: a 128-bit file key, stretched to the 256-bit payload key by HKDF
SEGMENT = 64 * 1024
TAG_BYTES = 16
HEADER_BYTES = len(MAGIC) + NONCE_BYTES
MAX_SEGMENTS = 1 << 88  # the 11-byte counter
_HAS_ENCRYPT_INTO = hasattr(ChaCha20Poly1305, "encrypt_into")


class StreamDamaged(Exception):
    """A segment failed authentication, or the blob does not have the expected shape (no secret inside)."""


def new_file_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def segment_count(size: int) -> int:
    """Segments of a payload of ``size`` bytes: the last may be full but is never empty, except for 0 bytes."""
    return max(1, -(-size // SEGMENT))


def stored_size(size: int) -> int:
    """Bytes on disk of the blob of a ``size``-byte file."""
    return HEADER_BYTES + size + segment_count(size) * TAG_BYTES


def _payload_cipher(file_key: bytes, nonce: bytes) -> ChaCha20Poly1305:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=nonce, info=b"payload").derive(file_key)
    return ChaCha20Poly1305(key)


def _nonce(counter: int, last: bool) -> bytes:
    if counter >= MAX_SEGMENTS:
        raise OverflowError("STREAM counter exhausted")
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class StreamEncryptor:
    """Encrypts one payload segment by segment: ``header()`` first, then ``segment()`` for every 64 KiB
    (``last=True`` exactly once, on the final one)."""

    def __init__(self, file_key: bytes) -> None:
        self._nonce = secrets.token_bytes(NONCE_BYTES)
        self._cipher = _payload_cipher(file_key, self._nonce)
        self._counter = 0
        self._done = False

    def header(self) -> bytes:
        return MAGIC + self._nonce

    def segment(self, plaintext: bytes | memoryview, last: bool) -> bytes:
        if self._done or len(plaintext) > SEGMENT or (not last and len(plaintext) != SEGMENT):
            raise ValueError("bad STREAM segment")
        if last and not plaintext and self._counter:
            raise ValueError("the last STREAM segment may be empty only for an empty payload")
        sealed = self._cipher.encrypt(_nonce(self._counter, last), plaintext, None)
        self._counter += 1
        self._done = last
        return sealed


    def seal_into(self, plaintext: memoryview, count: int, out: bytearray) -> int:
        """Seal ``count`` full, non-last segments of ``plaintext`` into ``out``; return the bytes written.
        (Avoids one allocation and one copy per segment on the hot path of writing evidence.)"""
        sealed = SEGMENT + TAG_BYTES
        view = memoryview(out)
        for i in range(count):
            if self._done:
                raise ValueError("bad STREAM segment")
            nonce, piece, target = (_nonce(self._counter, False), plaintext[i * SEGMENT:(i + 1) * SEGMENT],
                                    view[i * sealed:(i + 1) * sealed])
            if _HAS_ENCRYPT_INTO:
                self._cipher.encrypt_into(nonce, piece, None, target)
            else:  # cryptography < 45
                target[:] = self._cipher.encrypt(nonce, piece, None)
            self._counter += 1
        return count * sealed


class StreamDecryptor:
    """Decrypts the segments of one payload after its header (``StreamDamaged`` on any failure)."""

    def __init__(self, file_key: bytes, header: bytes) -> None:
        if len(header) != HEADER_BYTES or not header.startswith(MAGIC):
            raise StreamDamaged("not an evidence blob")
        self._cipher = _payload_cipher(file_key, header[len(MAGIC):])
        self._counter = 0

    def segment(self, sealed: bytes | memoryview, last: bool) -> bytes:
        if len(sealed) < TAG_BYTES or len(sealed) > SEGMENT + TAG_BYTES:
            raise StreamDamaged("bad segment length")
        try:
            plaintext = self._cipher.decrypt(_nonce(self._counter, last), sealed, None)
        except InvalidTag as exc:
            raise StreamDamaged("segment authentication failed") from exc
        self._counter += 1
        return plaintext
