"""Plaintext leak scanner: look for canary strings in every file under some folders, in the forms a careless
write would leave them: raw UTF-8, UTF-16 (LE and BE), base64 (any alignment, standard and URL-safe), and
inside zlib, gzip or zip compressed data (as in PDF streams, Qt's settings or crash dumps), and the text of
PDF files (poppler's ``pdftotext``: text drawn with subset fonts is not stored as characters)."""

from __future__ import annotations

import base64
import os
import re
import secrets
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MAX_INFLATE = 64 * 1024 * 1024


@dataclass(frozen=True)
class Hit:
    path: Path
    canary: str
    form: str


def make_canary(field: str) -> str:
    """A unique, searchable marker for one field (long enough that a chance match is impossible)."""
    return f"CANARY{field.upper().replace('.', '').replace('_', '')}{secrets.token_hex(6)}"


def _base64_forms(text: bytes) -> list[tuple[str, bytes]]:
    """The part of the canary's base64 that does not depend on what surrounds it, for each alignment."""
    forms = []
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + text)
        core = encoded[4 if shift else 0 : -4]
        forms.append((f"base64+{shift}", core))
        forms.append((f"base64url+{shift}", core.replace(b"+", b"-").replace(b"/", b"_")))
    return forms


def forms_of(canary: str) -> list[tuple[str, bytes]]:
    raw = canary.encode("utf-8")
    return [
        ("utf-8", raw),
        ("utf-16-le", canary.encode("utf-16-le")),
        ("utf-16-be", canary.encode("utf-16-be")),
        *_base64_forms(raw),
    ]


def _inflated(data: bytes) -> Iterable[tuple[str, bytes]]:
    """Every zlib or gzip stream found at any offset of ``data``, decompressed; every zip member."""
    view = memoryview(data)
    for match in re.finditer(rb"PK\x03\x04", data):  # zip members (raw deflate), even inside other data
        header = match.start()
        if len(data) < header + 30:
            continue
        method, name_len, extra_len = struct.unpack_from("<H", data, header + 8)[0], *struct.unpack_from(
            "<HH", data, header + 26)
        start = header + 30 + name_len + extra_len
        name = data[header + 30 : header + 30 + name_len].decode("utf-8", "replace")
        if method == 8:
            yield f"zip:{name}", _inflate(view[start:], -15)
        elif method == 0:
            yield f"zip:{name}", bytes(view[start : start + MAX_INFLATE])
    for offset in _stream_starts(data):
        wbits = 31 if data[offset] == 0x1F else 15
        if out := _inflate(view[offset:], wbits):
            yield ("gzip" if wbits == 31 else "zlib"), out


def _inflate(view: memoryview, wbits: int) -> bytes:
    """What a stream at the start of ``view`` decompresses to (fed in pieces: most candidates fail at once)."""
    stream, parts, size = zlib.decompressobj(wbits), [], 0
    try:
        for start in range(0, len(view), 16384):
            part = stream.decompress(view[start : start + 16384], MAX_INFLATE - size)
            parts.append(part)
            size += len(part)
            if stream.eof or size >= MAX_INFLATE:
                break
    except zlib.error:
        pass  # a damaged or false stream: keep what it gave (a torn write still leaks)
    return b"".join(parts)


_CANDIDATE = re.compile(rb"(?=\x1f\x8b|[\x08\x18\x28\x38\x48\x58\x68\x78][\x00-\xff])", re.DOTALL)


def _stream_starts(data: bytes) -> Iterable[int]:
    """Offsets holding the gzip magic or a plausible zlib header (deflate, window <= 32K, check bits)."""
    for match in _CANDIDATE.finditer(data):
        i = match.start()
        b0, b1 = data[i], data[i + 1]
        if (b0 == 0x1F and b1 == 0x8B) or (((b0 << 8) | b1) % 31 == 0 and not b1 & 0x20):
            yield i


def scan_bytes(data: bytes, canaries: Iterable[str], *, inflate: bool = True) -> list[tuple[str, str]]:
    """(canary, form) for every canary found in ``data``."""
    canaries = list(canaries)
    found = []
    for canary in canaries:
        for form, pattern in forms_of(canary):
            if pattern in data:
                found.append((canary, form))
                break
    if inflate:
        for kind, inner in _inflated(data):
            found += [(c, f"{kind}/{form}") for c, form in scan_bytes(inner, canaries, inflate=False)]
        if b"%PDF-" in data[:1024]:  # PDF text drawn with subset fonts is glyph codes: extract it
            found += [(c, f"pdf-text/{form}") for c, form in scan_bytes(_pdf_text(data), canaries, inflate=False)]
    return found


def _pdf_text(data: bytes) -> bytes:
    """The text of a PDF as poppler's pdftotext sees it (joined lines, so a wrapped canary is still found)."""
    tool = shutil.which("pdftotext")
    if tool is None:  # the scan would be blind to PDFs: say so rather than pass
        raise RuntimeError("pdftotext (poppler-utils) is needed to scan PDF files: make system-deps")
    try:
        proc = subprocess.run([tool, "-q", "-", "-"], input=data, capture_output=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        return b""
    return proc.stdout.replace(b"\n", b"")


def scan_tree(roots: Iterable[Path], canaries: Iterable[str], *, allowed: Iterable[Path] = ()) -> list[Hit]:
    """Every canary hit in every regular file under ``roots`` except the ``allowed`` ones."""
    canaries = list(canaries)
    allowed_set = {Path(p).resolve() for p in allowed}
    hits: list[Hit] = []
    for path in files_under(roots):
        if path.resolve() in allowed_set:
            continue
        hits += [Hit(path, canary, "file name") for canary in canaries if canary in str(path)]
        try:
            data = path.read_bytes()
        except OSError:
            continue
        hits += [Hit(path, canary, form) for canary, form in scan_bytes(data, canaries)]
    return hits


def files_under(roots: Iterable[Path]) -> list[Path]:
    found = []
    for root in roots:
        if Path(root).is_file():
            found.append(Path(root))
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                if path.is_file() and not path.is_symlink():
                    found.append(path)
    return sorted(set(found))
