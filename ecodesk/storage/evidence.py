"""The evidence store: each attachment is one encrypted file (a *blob*) under ``evidence/`` in the vault folder.

``evidence/ab/ab3f…`` holds the file encrypted with its own random key (age's payload construction, see
``ecodesk.crypto.stream``). The key, the plaintext SHA-256 and the size live in the vault database, in the row
that refers to the blob; the name is random (never derived from the content, so a blob's name tells nothing
about what it holds). Blobs are written whole and renamed into place (write, fsync, rename, fsync the folder)
*before* the row that refers to them is committed: a crash leaves at most a blob that no row names (an
orphan), which the next unlock removes. Only ciphertext ever reaches the disk.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import os
import queue
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from ecodesk.crypto.stream import (
    HEADER_BYTES,
    SEGMENT,
    TAG_BYTES,
    StreamDamaged,
    StreamDecryptor,
    StreamEncryptor,
    new_file_key,
    segment_count,
    stored_size,
)
from ecodesk.storage.atomic import atomic_output, fsync_directory

EVIDENCE_DIR = "evidence"
_flush_to_disk = getattr(os, "fdatasync", os.fsync)
READ_SEGMENTS = 16  # segments decrypted per read (1 MiB of plaintext)
WRITE_BLOCK = 16 * SEGMENT  # plaintext read from the source at a time
FLUSH_EVERY = 64 * 1024 * 1024  # plaintext bytes after which a blob being written is flushed to disk
HASH_QUEUE = 3  # blocks waiting for the hashing thread (memory stays flat)
_NAME = re.compile(r"^[0-9a-f]{32}$")

Progress = Callable[[int], bool | None]  # bytes so far; return False to cancel


class Readable(Protocol):
    def read(self, n: int = -1, /) -> bytes: ...


class Cancelled(Exception):
    """The user cancelled a long operation; nothing was kept."""


class BlobFault(enum.StrEnum):
    missing = "missing"  # no file under that name
    wrong_size = "wrong_size"  # the file is shorter or longer than the attachment's size implies
    damaged = "damaged"  # a segment fails authentication (or the content does not match its SHA-256)


class BlobUnreadable(Exception):
    """A blob that is missing or fails its checks (the caller names the record)."""

    def __init__(self, fault: BlobFault) -> None:
        super().__init__(fault.value)
        self.fault = fault


@dataclass(frozen=True)
class StoredBlob:
    name: str
    key: bytes
    size: int
    sha256: str


def is_blob_name(name: str) -> bool:
    return bool(_NAME.match(name))


class _Digest:
    """SHA-256 of a stream. From the second block on, hashing runs in a helper thread (hashlib releases the
    GIL), overlapping the encryption and the writes on a machine with a spare core; at most a few blocks wait."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self._queue: queue.Queue[bytes | None] | None = None
        self._thread: threading.Thread | None = None
        self._blocks = 0

    def update(self, block: bytes) -> None:
        self._blocks += 1
        if self._blocks == 1:
            self._digest.update(block)  # small files: no thread at all
            return
        if self._queue is None:
            self._queue = queue.Queue(maxsize=HASH_QUEUE)
            self._thread = threading.Thread(target=self._run, name="evidence-sha256", daemon=True)
            self._thread.start()
        self._queue.put(block)

    def _run(self) -> None:
        assert self._queue is not None
        while (block := self._queue.get()) is not None:
            self._digest.update(block)

    def close(self) -> None:
        if self._queue is not None and self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._queue = None

    def hexdigest(self) -> str:
        self.close()
        return self._digest.hexdigest()


class EvidenceStore:
    """The blob files of one vault folder."""

    def __init__(self, vault_path: Path) -> None:
        self.vault_path = Path(vault_path)
        self.root = self.vault_path / EVIDENCE_DIR

    def path_of(self, name: str) -> Path:
        if not is_blob_name(name):
            raise ValueError("not a blob name")
        return self.root / name[:2] / name

    # -- writing ------------------------------------------------------------------------------------------
    def write(self, stream: Readable | BinaryIO, progress: Progress | None = None) -> StoredBlob:
        """Encrypt ``stream`` into a new blob (durable on return); its key, size and SHA-256 for the row.

        Raises Cancelled when ``progress`` returns False, StorageFull when the disk is full; nothing is left
        behind in either case."""
        name, key = secrets.token_hex(16), new_file_key()
        path = self.path_of(name)
        self._make_folder(path.parent)
        sealer = StreamEncryptor(key)
        digest = _Digest()
        try:
            size = self._seal(stream, path, sealer, digest, progress)
        finally:
            digest.close()  # also when the source or the disk failed: the helper thread ends
        return StoredBlob(name=name, key=key, size=size, sha256=digest.hexdigest())

    def _seal(self, stream: Readable | BinaryIO, path: Path, sealer: StreamEncryptor, digest: _Digest,
              progress: Progress | None) -> int:
        """Write the sealed segments to ``path`` (atomically); return the plaintext size."""
        size = 0
        sealed = bytearray(WRITE_BLOCK // SEGMENT * (SEGMENT + TAG_BYTES))
        with atomic_output(path) as out:
            out.write(sealer.header())
            flushed = 0
            pending = b""  # plaintext not sealed yet: the last segment is sealed only once the end is known
            while block := stream.read(WRITE_BLOCK):
                digest.update(block)
                size += len(block)
                if len(pending) == SEGMENT:  # more follows: the segment held back was not the last
                    out.write(memoryview(sealed)[:sealer.seal_into(memoryview(pending), 1, sealed)])
                    pending = b""
                data = memoryview(pending + block if pending else block)  # a copy only after a short read
                full = min((len(data) - 1) // SEGMENT, WRITE_BLOCK // SEGMENT)  # keep >= 1 byte back
                if full:
                    out.write(memoryview(sealed)[:sealer.seal_into(data, full, sealed)])
                pending = bytes(data[full * SEGMENT:])
                if len(pending) > SEGMENT:  # a source that returned more than asked: seal the excess too
                    extra = (len(pending) - 1) // SEGMENT
                    for i in range(extra):
                        out.write(sealer.segment(pending[i * SEGMENT:(i + 1) * SEGMENT], False))
                    pending = pending[extra * SEGMENT:]
                if size - flushed >= FLUSH_EVERY:
                    # Start writing back to the disk now, while the rest is still being read and sealed, so
                    # that the fsync at the end (which still makes the blob durable) has little left to do.
                    out.flush()
                    _flush_to_disk(out.fileno())
                    flushed = size
                if progress is not None and progress(size) is False:
                    raise Cancelled()
            out.write(sealer.segment(pending, True))
        return size

    def _make_folder(self, folder: Path) -> None:
        if folder.is_dir():
            return
        for directory, parent in ((self.root, self.vault_path), (folder, self.root)):
            if not directory.is_dir():
                with contextlib.suppress(FileExistsError):
                    directory.mkdir(mode=0o700)
                fsync_directory(parent)  # the new folder itself must survive a power cut

    def remove(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path_of(name).unlink()

    # -- reading and checking ------------------------------------------------------------------------------
    def read(self, name: str, key: bytes, size: int) -> Iterator[bytes]:
        """The plaintext in pieces of up to 1 MiB. Raises BlobUnreadable when the blob is missing, has the
        wrong length or fails authentication (then nothing after the failing segment is returned)."""
        try:
            fh = self.path_of(name).open("rb")
        except FileNotFoundError as exc:
            raise BlobUnreadable(BlobFault.missing) from exc
        with fh:
            if os.fstat(fh.fileno()).st_size != stored_size(size):
                raise BlobUnreadable(BlobFault.wrong_size)
            try:
                opener = StreamDecryptor(key, fh.read(HEADER_BYTES))
                sealed_size, segments, index = SEGMENT + TAG_BYTES, segment_count(size), 0
                while index < segments:
                    count = min(READ_SEGMENTS, segments - index)
                    view = memoryview(fh.read(count * sealed_size))
                    pieces = []
                    for j in range(count):
                        pieces.append(opener.segment(view[j * sealed_size:(j + 1) * sealed_size],
                                                     index == segments - 1))
                        index += 1
                    yield b"".join(pieces)
            except StreamDamaged as exc:
                raise BlobUnreadable(BlobFault.damaged) from exc

    def presence_fault(self, name: str, size: int) -> BlobFault | None:
        """The cheap check (one ``stat``): is the blob there with the length its size implies?"""
        try:
            found = self.path_of(name).stat().st_size
        except FileNotFoundError:
            return BlobFault.missing
        return None if found == stored_size(size) else BlobFault.wrong_size

    def full_fault(self, name: str, key: bytes, size: int, sha256: str) -> BlobFault | None:
        """The full check: every segment's tag, then the plaintext's SHA-256."""
        digest = hashlib.sha256()
        try:
            for piece in self.read(name, key, size):
                digest.update(piece)
        except BlobUnreadable as exc:
            return exc.fault
        return None if digest.hexdigest() == sha256 else BlobFault.damaged

    # -- housekeeping ----------------------------------------------------------------------------------------
    def files(self) -> Iterator[tuple[str, Path]]:
        """Every file under ``evidence/`` as (name, path): blobs, and temporary files a crash left behind."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir():
                for path in sorted(folder.iterdir()):
                    yield path.name, path

    def orphans(self, referenced: set[str]) -> list[Path]:
        """Files no row refers to: what a crash between the blob and its commit (or a cancelled copy) left."""
        return [path for name, path in self.files() if name not in referenced]

    def remove_orphans(self, referenced: set[str]) -> int:
        removed = 0
        for path in self.orphans(referenced):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
        return removed
