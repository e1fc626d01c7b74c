"""Attachments: files stored encrypted inside the vault, in 256 KiB chunks (memory stays flat for 1 GB files).

Adding a file writes its chunks, its row and the new revision of the record that refers to it in one
transaction: a crash leaves either all of it or none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Iterator
from typing import BinaryIO

from ecodesk.errors import InvalidInput, NotFound, VaultDamaged
from ecodesk.i18n import N_
from ecodesk.models import AttachmentRef, RetaliationCase
from ecodesk.storage.audit import AuditLog
from ecodesk.storage.database import Database
from ecodesk.storage.records import RecordStore

CHUNK_SIZE = 256 * 1024
READ_BATCH = 4  # chunks fetched by one query when reading (1 MiB)
Progress = Callable[[int], bool | None]  # bytes so far; return False to cancel


class Cancelled(Exception):
    """The user cancelled a long operation; the transaction was rolled back."""


class AttachmentStore:
    def __init__(self, db: Database, records: RecordStore, audit: AuditLog) -> None:
        self.db = db
        self.records = records
        self.audit = audit

    def store_blob(
        self,
        record_id: uuid.UUID,
        evidence_id: uuid.UUID | None,
        name: str,
        stream: BinaryIO,
        progress: Progress | None = None,
        attachment_id: uuid.UUID | None = None,
    ) -> AttachmentRef:
        """Write the chunks and the row (in the caller's transaction); return the reference."""
        attachment_id = attachment_id or uuid.uuid4()
        digest, size, seq = hashlib.sha256(), 0, 0
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO attachments(id, record_id, evidence_id, name, size, sha256, added_at) "
                "VALUES (?,?,?,?,0,'',?)",
                (
                    str(attachment_id),
                    str(record_id),
                    str(evidence_id) if evidence_id else None,
                    name,
                    now.isoformat(),
                ),
            )
            while chunk := stream.read(CHUNK_SIZE):
                digest.update(chunk)
                size += len(chunk)
                self.db.execute(
                    "INSERT INTO attachment_chunks(attachment_id, seq, data) VALUES (?,?,?)",
                    (str(attachment_id), seq, chunk),
                )
                seq += 1
                if progress is not None and progress(size) is False:
                    raise Cancelled()
            self.db.execute(
                "UPDATE attachments SET size = ?, sha256 = ? WHERE id = ?",
                (size, digest.hexdigest(), str(attachment_id)),
            )
        return AttachmentRef(id=attachment_id, name=name, size=size, sha256=digest.hexdigest(), added_at=now)

    def attach(
        self,
        case_key: str,
        evidence_key: str | None,
        name: str,
        stream: BinaryIO,
        *,
        office: str,
        saved_by: str = "",
        progress: Progress | None = None,
    ) -> tuple[RetaliationCase, AttachmentRef]:
        """Attach a file to an evidence item of a case (a new 'other' item when ``evidence_key`` is None)."""
        from ecodesk.models import EvidenceItem, EvidenceKind, EvidenceStatus

        if not name or "/" in name or "\\" in name or name in (".", ".."):
            raise InvalidInput(N_("The attachment needs a plain file name."))
        with self.db.transaction():
            case = self.records.get(case_key)
            if not isinstance(case, RetaliationCase):
                raise InvalidInput(N_("Files can be attached only to retaliation cases."))
            evidence = list(case.evidence)
            if evidence_key:
                item = case.evidence_item(evidence_key)
                if item is None:
                    raise NotFound(
                        N_("{reference} has no evidence item {item}."),
                        reference=case.reference,
                        item=evidence_key[:40],
                    )
            else:
                item = EvidenceItem(kind=EvidenceKind.other, title=name, status=EvidenceStatus.obtained)
                evidence.append(item)
            ref = self.store_blob(case.id, item.id, name, stream, progress)
            index = next(i for i, e in enumerate(evidence) if e.id == item.id)
            evidence[index] = item.model_copy(update={"attachments": [*item.attachments, ref]})
            saved = self.records.save(case.model_copy(update={"evidence": evidence}), office=office, saved_by=saved_by)
            self.audit.append(
                "attach",
                record_id=case.id,
                reference=case.reference or "",
                attachment=str(ref.id),
                size=ref.size,
                sha256=ref.sha256,
            )
        assert isinstance(saved, RetaliationCase)
        return saved, ref

    def read(self, attachment_id: uuid.UUID) -> Iterator[bytes]:
        """The file's bytes in chunks; VaultDamaged if what is stored does not match its SHA-256."""
        row = self.db.one("SELECT size, sha256 FROM attachments WHERE id = ?", (str(attachment_id),))
        if row is None:
            raise NotFound(N_("No such attachment."))
        size, expected = row
        digest, total, seq = hashlib.sha256(), 0, 0
        while True:
            # A few chunks per ordered query (not one query per chunk); stops at the first missing chunk.
            rows = self.db.all(
                "SELECT seq, data FROM attachment_chunks WHERE attachment_id = ? AND seq >= ? ORDER BY seq LIMIT ?",
                (str(attachment_id), seq, READ_BATCH),
            )
            more = len(rows) == READ_BATCH
            for found, chunk in rows:
                if found != seq:  # a chunk is missing: the size and checksum below tell
                    more = False
                    break
                digest.update(chunk)
                total += len(chunk)
                seq += 1
                yield bytes(chunk)
            if not more:
                break
        if total != size or digest.hexdigest() != expected:
            raise VaultDamaged(N_("A stored attachment does not match its checksum."))

    def export(
        self,
        attachment_id: uuid.UUID,
        out: BinaryIO,
        *,
        reference: str = "",
        record_id: uuid.UUID | None = None,
    ) -> int:
        written = 0
        for chunk in self.read(attachment_id):
            out.write(chunk)
            written += len(chunk)
        self.audit.append("export_attachment", record_id=record_id, reference=reference, attachment=str(attachment_id))
        return written

    def find(self, case: RetaliationCase, name_or_id: str) -> AttachmentRef:
        wanted = name_or_id.strip()
        for item in case.evidence:
            for ref in item.attachments:
                if wanted in (ref.name, str(ref.id)):
                    return ref
        raise NotFound(N_("{reference} has no attachment with that name."), reference=case.reference)
