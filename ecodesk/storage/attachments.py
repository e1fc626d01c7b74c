"""Attachments: files kept encrypted beside the vault database, one blob file each (``storage/evidence.py``).

The database holds each attachment's row (name, size, SHA-256, the blob's random name and its own key) and the
records that refer to it. Adding a file writes and fsyncs its blob first, then commits the row and the new
revision of the record in one transaction: a crash leaves either all of it or, at most, a blob no row names,
which the next unlock removes. A blob that is missing or altered is reported with the record's reference.

Vaults made before schema 7 kept attachments in 256 KiB chunks inside the database; ``evidence_upgrade``
moves them out, and ``read`` still serves an attachment that has not been moved yet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterator
from typing import BinaryIO, Literal

from pydantic import BaseModel

from ecodesk.errors import InvalidInput, NotFound, VaultDamaged
from ecodesk.i18n import N_
from ecodesk.models import AttachmentRef, RetaliationCase
from ecodesk.storage.audit import AuditLog
from ecodesk.storage.database import Database
from ecodesk.storage.evidence import BlobFault, BlobUnreadable, Cancelled, EvidenceStore, Progress, StoredBlob
from ecodesk.storage.records import RecordStore

CHUNK_SIZE = 256 * 1024  # the chunks of vaults before schema 7
READ_BATCH = 4  # chunks fetched by one query when reading them (1 MiB)

BLOB_FAULT_TEXTS = {
    BlobFault.missing: N_("{reference}: the evidence file of attachment {attachment} is missing."),
    BlobFault.wrong_size: N_("{reference}: the evidence file of attachment {attachment} has the wrong size."),
    BlobFault.damaged: N_("{reference}: the evidence file of attachment {attachment} is damaged (altered)."),
}


class EvidenceProblem(BaseModel):
    """An attachment whose evidence file is missing or fails its check (``vault verify``, unlock, reading)."""

    attachment: uuid.UUID
    reference: str
    problem: Literal["missing", "wrong_size", "damaged"]

    def message(self) -> tuple[str, dict[str, str]]:
        """The message template and its parameters, to translate."""
        return BLOB_FAULT_TEXTS[BlobFault(self.problem)], {"reference": self.reference,
                                                          "attachment": str(self.attachment)}


class EvidenceCheck(BaseModel):
    full: bool  # every blob decrypted and hashed (``verify --full``), or only presence and length
    attachments: int
    problems: list[EvidenceProblem]
    orphans: int  # files under evidence/ that no attachment refers to


class AttachmentStore:
    def __init__(self, db: Database, records: RecordStore, audit: AuditLog, evidence: EvidenceStore) -> None:
        self.db = db
        self.records = records
        self.audit = audit
        self.evidence = evidence

    def store_blob(
        self,
        record_id: uuid.UUID,
        evidence_id: uuid.UUID | None,
        name: str,
        stream: BinaryIO,
        progress: Progress | None = None,
        attachment_id: uuid.UUID | None = None,
    ) -> AttachmentRef:
        """Write the evidence file, then its row (in the caller's transaction, if any); return the reference.

        If the transaction rolls back (an import refused half-way), the evidence file is removed."""
        blob = self.evidence.write(stream, progress)
        return self._add_row(record_id, evidence_id, name, blob, attachment_id or uuid.uuid4())

    def _add_row(
        self, record_id: uuid.UUID, evidence_id: uuid.UUID | None, name: str, blob: StoredBlob,
        attachment_id: uuid.UUID,
    ) -> AttachmentRef:
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        try:
            with self.db.transaction():
                self.db.on_rollback(lambda: self.evidence.remove(blob.name))
                self.db.execute(
                    "INSERT INTO attachments(id, record_id, evidence_id, name, size, sha256, added_at, blob, "
                    "blob_key) VALUES (?,?,?,?,?,?,?,?,?)",
                    (
                        str(attachment_id),
                        str(record_id),
                        str(evidence_id) if evidence_id else None,
                        name,
                        blob.size,
                        blob.sha256,
                        now.isoformat(),
                        blob.name,
                        blob.key,
                    ),
                )
        except BaseException:
            self.evidence.remove(blob.name)
            raise
        return AttachmentRef(id=attachment_id, name=name, size=blob.size, sha256=blob.sha256, added_at=now)

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
        """Attach a file to an evidence item of a case (a new 'other' item when ``evidence_key`` is None).

        The file is encrypted to its blob before the transaction starts (the database stays free for the
        other windows meanwhile); the row and the record's new revision are then committed together."""
        from ecodesk.models import EvidenceItem, EvidenceKind, EvidenceStatus

        if not name or "/" in name or "\\" in name or name in (".", ".."):
            raise InvalidInput(N_("The attachment needs a plain file name."))
        self._attachable(case_key, evidence_key)  # refuse before copying a large file for nothing
        blob = self.evidence.write(stream, progress)
        try:
            with self.db.transaction():
                case = self._attachable(case_key, evidence_key)
                evidence = list(case.evidence)
                item = case.evidence_item(evidence_key) if evidence_key else None
                if item is None:
                    item = EvidenceItem(kind=EvidenceKind.other, title=name, status=EvidenceStatus.obtained)
                    evidence.append(item)
                ref = self._add_row(case.id, item.id, name, blob, uuid.uuid4())
                index = next(i for i, e in enumerate(evidence) if e.id == item.id)
                evidence[index] = item.model_copy(update={"attachments": [*item.attachments, ref]})
                saved = self.records.save(
                    case.model_copy(update={"evidence": evidence}), office=office, saved_by=saved_by
                )
                self.audit.append(
                    "attach",
                    record_id=case.id,
                    reference=case.reference or "",
                    attachment=str(ref.id),
                    size=ref.size,
                    sha256=ref.sha256,
                )
        except BaseException:
            self.evidence.remove(blob.name)
            raise
        assert isinstance(saved, RetaliationCase)
        return saved, ref

    def _attachable(self, case_key: str, evidence_key: str | None) -> RetaliationCase:
        case = self.records.get(case_key)
        if not isinstance(case, RetaliationCase):
            raise InvalidInput(N_("Files can be attached only to retaliation cases."))
        if evidence_key and case.evidence_item(evidence_key) is None:
            raise NotFound(
                N_("{reference} has no evidence item {item}."), reference=case.reference, item=evidence_key[:40]
            )
        return case

    def read(self, attachment_id: uuid.UUID) -> Iterator[bytes]:
        """The file's bytes in pieces of up to 1 MiB. VaultDamaged, naming the record, if its evidence file
        is missing or altered (each 64 KiB segment is authenticated before it is returned)."""
        row = self.db.one(
            "SELECT a.size, a.sha256, a.blob, a.blob_key, coalesce(r.reference, '') FROM attachments a "
            "LEFT JOIN records r ON r.id = a.record_id WHERE a.id = ?",
            (str(attachment_id),),
        )
        if row is None:
            raise NotFound(N_("No such attachment."))
        size, expected, blob, key, reference = row
        if blob is None:  # not moved out of the database yet (a vault upgraded from before schema 7)
            yield from self.read_chunks(attachment_id, size, expected)
            return
        try:
            yield from self.evidence.read(blob, bytes(key), size)
        except BlobUnreadable as exc:
            raise VaultDamaged(BLOB_FAULT_TEXTS[exc.fault], reference=reference, attachment=str(attachment_id)) from exc

    def read_chunks(self, attachment_id: uuid.UUID, size: int, expected: str) -> Iterator[bytes]:
        """An attachment still stored in database chunks (schema < 7), checked against its SHA-256."""
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

    # -- checks ------------------------------------------------------------------------------------------------
    def blob_names(self) -> set[str]:
        return {str(r[0]) for r in self.db.all("SELECT blob FROM attachments WHERE blob IS NOT NULL")}

    def check(self, *, full: bool = False) -> EvidenceCheck:
        """Every attachment's evidence file: present with the right length (one ``stat`` each, independent of
        the evidence's size), or with ``full`` decrypted whole (every tag) and matched to its SHA-256."""
        problems: list[EvidenceProblem] = []
        rows = self.db.all(
            "SELECT a.id, a.blob, a.blob_key, a.size, a.sha256, coalesce(r.reference, '') FROM attachments a "
            "LEFT JOIN records r ON r.id = a.record_id WHERE a.blob IS NOT NULL ORDER BY r.reference, a.added_at"
        )
        for attachment_id, blob, key, size, sha256, reference in rows:
            fault = (
                self.evidence.full_fault(blob, bytes(key), size, sha256) if full
                else self.evidence.presence_fault(blob, size)
            )
            if fault is not None:
                problems.append(EvidenceProblem(attachment=attachment_id, reference=reference, problem=fault.value))
        # Left in database chunks by the move of schema 7 only when they failed their SHA-256: damaged.
        for attachment_id, reference in self.db.all(
            "SELECT a.id, coalesce(r.reference, '') FROM attachments a LEFT JOIN records r ON r.id = a.record_id "
            "WHERE a.blob IS NULL ORDER BY r.reference"
        ):
            problems.append(EvidenceProblem(attachment=attachment_id, reference=reference, problem="damaged"))
        orphans = len(self.evidence.orphans({str(r[1]) for r in rows}))
        return EvidenceCheck(full=full, attachments=len(rows), problems=problems, orphans=orphans)

    def remove_orphans(self) -> int:
        """Delete the evidence files no attachment refers to (left by a crash); called at unlock."""
        removed = self.evidence.remove_orphans(self.blob_names())
        if removed:
            self.audit.append("evidence_orphans_removed", files=removed)
        return removed

    def find(self, case: RetaliationCase, name_or_id: str) -> AttachmentRef:
        wanted = name_or_id.strip()
        for item in case.evidence:
            for ref in item.attachments:
                if wanted in (ref.name, str(ref.id)):
                    return ref
        raise NotFound(N_("{reference} has no attachment with that name."), reference=case.reference)


__all__ = ["CHUNK_SIZE", "AttachmentStore", "Cancelled", "EvidenceCheck", "EvidenceProblem", "Progress"]
