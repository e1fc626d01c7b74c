"""Moving attachments stored as database chunks (vaults before schema 7) out into evidence files.

One attachment at a time: its chunks are read back (checked against the SHA-256), written to a new blob
(durable), then one transaction points the row at the blob and deletes the chunks. Killed at any moment, the
vault keeps every attachment readable (in chunks or in its blob) and the next unlock carries on; a blob
written for a move that did not commit is an orphan, removed at unlock. Once nothing is left in chunks the
database is compacted (VACUUM) to give the space back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from functools import partial

from ecodesk.errors import VaultDamaged
from ecodesk.storage.attachments import AttachmentStore


class _Chunks:
    """A file-like view of the chunk iterator, for ``EvidenceStore.write``."""

    def __init__(self, pieces: Iterator[bytes]) -> None:
        self._pieces = pieces
        self._buffer = b""

    def read(self, n: int = -1, /) -> bytes:
        while n < 0 or len(self._buffer) < n:
            piece = next(self._pieces, None)
            if piece is None:
                break
            self._buffer += piece
        data, self._buffer = (self._buffer, b"") if n < 0 else (self._buffer[:n], self._buffer[n:])
        return data


def chunked_attachments(store: AttachmentStore) -> list[uuid.UUID]:
    return [uuid.UUID(r[0]) for r in store.db.all("SELECT id FROM attachments WHERE blob IS NULL ORDER BY added_at")]


def move_chunks_out(store: AttachmentStore) -> tuple[int, list[uuid.UUID]]:
    """Move every attachment still in chunks; return (moved, attachments left in chunks because damaged).

    A damaged attachment stays where it is (``vault verify`` and reading it report it), the others move."""
    db, moved, damaged = store.db, 0, []
    for attachment_id in chunked_attachments(store):
        row = db.one("SELECT size, sha256 FROM attachments WHERE id = ? AND blob IS NULL", (str(attachment_id),))
        if row is None:
            continue
        size, sha256 = row
        try:
            blob = store.evidence.write(_Chunks(store.read_chunks(attachment_id, size, sha256)))
        except VaultDamaged:
            damaged.append(attachment_id)
            continue
        try:
            with db.transaction():
                db.on_rollback(partial(store.evidence.remove, blob.name))
                db.execute("UPDATE attachments SET blob = ?, blob_key = ? WHERE id = ?",
                           (blob.name, blob.key, str(attachment_id)))
                db.execute("DELETE FROM attachment_chunks WHERE attachment_id = ?", (str(attachment_id),))
        except BaseException:
            store.evidence.remove(blob.name)
            raise
        moved += 1
    if moved and not damaged:
        db.execute("VACUUM")  # give the space of the chunks back (needs free space about the database's size)
    if moved:
        store.audit.append("evidence_moved_out", attachments=moved)
    return moved, damaged
