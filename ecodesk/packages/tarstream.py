"""The tar layer of a package: a streaming ustar writer and a strict, memory-bounded streaming reader.

The writer produces plain POSIX ustar (readable by any ``tar``). The reader accepts only what the writer
produces: regular files with short relative names and a valid header checksum; it refuses links, devices,
directories, pax/GNU extensions, absolute names, ``..``, oversized or malformed headers, and anything after
the end-of-archive marker except zero padding. It never holds more than one block plus the caller's reads.
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterator
from typing import Protocol

BLOCK = 512
RECORD = 20 * BLOCK  # tar pads archives to a multiple of this
_READINTO_FROM = 64 * 1024  # reads at least this large go through the source's readinto, when it has one
_NAME = re.compile(r"^(manifest\.json|manifest\.sig|records/[0-9a-f-]{36}\.json|attachments/[0-9a-f-]{36}"
                   r"|documents/[a-z0-9][a-z0-9._-]{0,63})$")


class TarFormatError(Exception):
    """The tar stream is malformed or contains something a package may not contain. ``reason`` says what."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Readable(Protocol):
    def read(self, n: int = -1, /) -> bytes: ...


def member_header(name: str, size: int, mtime: int) -> bytes:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = mtime
    info.mode = 0o600
    info.type = tarfile.REGTYPE
    info.uname = info.gname = ""
    return info.tobuf(format=tarfile.USTAR_FORMAT, encoding="ascii", errors="strict")


def padding(size: int) -> bytes:
    return b"\0" * (-size % BLOCK)


def end_of_archive(written: int) -> bytes:
    """Two zero blocks, then zeros up to a whole tar record (``written`` bytes so far)."""
    total = written + 2 * BLOCK
    return b"\0" * (2 * BLOCK + (-total % RECORD))


def is_allowed_name(name: str) -> bool:
    return bool(_NAME.match(name)) and ".." not in name.split("/")


def _octal(field: bytes, what: str) -> int:
    text = field.rstrip(b"\0 ").lstrip(b" ")
    if not text:
        return 0
    if not re.fullmatch(rb"[0-7]+", text):
        raise TarFormatError(f"bad {what} field")
    return int(text, 8)


def _cstring(field: bytes, what: str) -> str:
    raw = field.split(b"\0", 1)[0]
    if b"\0" in field and any(field[len(raw) :]):
        raise TarFormatError(f"garbage after the {what}")
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError as exc:
        raise TarFormatError(f"non-ASCII {what}") from exc


class MemberReader:
    """The data of one member, read with ``read(n)``; it must be read to the end before the next member."""

    def __init__(self, source: Readable, size: int) -> None:
        self._source = source
        self.size = size
        self.remaining = size

    def read(self, n: int = -1, /) -> bytes:
        if self.remaining <= 0:
            return b""
        want = self.remaining if n < 0 else min(n, self.remaining)
        data = _read_exactly(self._source, want)
        self.remaining -= len(data)
        return data


def _read_exactly(source: Readable, n: int) -> bytes:
    readinto = getattr(source, "readinto", None)
    if readinto is not None and n >= _READINTO_FROM:
        # Large reads (attachment data): straight into one buffer, no slice-then-join copies. The bytearray is
        # never reused, so a consumer may keep it (the evidence store hands it to its hashing thread).
        buffer = bytearray(n)
        view = memoryview(buffer)
        filled = 0
        while filled < n:
            count = readinto(view[filled:])
            if not count:
                raise TarFormatError("the archive ends in the middle of a member")
            filled += count
        return buffer  # type: ignore[return-value]  # bytes-like: callers only hash, slice and view it
    parts: list[bytes] = []
    left = n
    while left > 0:
        data = source.read(left)
        if not data:
            raise TarFormatError("the archive ends in the middle of a member")
        parts.append(data)
        left -= len(data)
    return b"".join(parts) if len(parts) != 1 else parts[0]


def _parse_header(block: bytes) -> tuple[str, int]:
    stored_sum = _octal(block[148:156], "checksum")
    computed = sum(block[:148]) + 8 * 32 + sum(block[156:])
    if stored_sum != computed:
        raise TarFormatError("bad header checksum")
    if block[257:263] != b"ustar\x00" or block[263:265] != b"00":
        raise TarFormatError("not a POSIX ustar header")
    typeflag = block[156:157]
    if typeflag not in (b"0", b"\0"):
        raise TarFormatError("a member that is not a regular file (link, device, directory or extension)")
    if any(block[157:257]):
        raise TarFormatError("a member with a link name")
    if any(block[345:500]):
        raise TarFormatError("a member name with a prefix")
    name = _cstring(block[0:100], "member name")
    if not is_allowed_name(name):
        raise TarFormatError("a member name that a package may not contain")
    size = _octal(block[124:136], "size")
    return name, size


def read_members(
    source: Readable, *, max_members: int, max_trailing: int = RECORD
) -> Iterator[tuple[str, MemberReader]]:
    """Yield ``(name, reader)`` for each member; the caller reads each one fully before asking for the next.

    Raises TarFormatError for anything malformed or disallowed, including more than ``max_members`` members
    and non-zero bytes (or more than ``max_trailing`` bytes) after the end-of-archive marker.
    """
    count = 0
    pending: MemberReader | None = None
    while True:
        if pending is not None:
            if pending.remaining:
                raise TarFormatError("a member was not read to its end")
            _read_exactly(source, -pending.size % BLOCK)
            pending = None
        block = source.read(BLOCK)
        if len(block) < BLOCK:
            block += _read_exactly(source, BLOCK - len(block)) if block else b""
        if not block:
            raise TarFormatError("the archive has no end-of-archive marker")
        if not any(block):
            second = _read_exactly(source, BLOCK)
            if any(second):
                raise TarFormatError("a lone zero block inside the archive")
            _expect_only_zeros(source, max_trailing)
            return
        name, size = _parse_header(block)
        count += 1
        if count > max_members:
            raise TarFormatError("too many members")
        pending = MemberReader(source, size)
        yield name, pending


def _expect_only_zeros(source: Readable, limit: int) -> None:
    seen = 0
    while True:
        data = source.read(BLOCK)
        if not data:
            return
        seen += len(data)
        if any(data) or seen > limit:
            raise TarFormatError("data after the end of the archive")
