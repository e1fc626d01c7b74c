"""Export: write a signed, encrypted package of records (or an acknowledgement, statistics, identity cards).

The plaintext tar stream is produced on the fly (attachments are read from the vault chunk by chunk) and fed
straight into age: memory stays flat whatever the attachments' size, and no plaintext ever touches the disk.
The package is encrypted to every recipient and to the sender's own identity.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from ecodesk.errors import EcoDeskError, InvalidInput
from ecodesk.models import RetaliationCase
from ecodesk.models.exchange import PartyName, SentItem, SentPackage
from ecodesk.models.records import record_content_sha256
from ecodesk.packages import texts
from ecodesk.packages.agestream import VolumeWriter, encrypt_stream
from ecodesk.packages.format import (
    MANIFEST_NAME,
    MAX_DOCUMENT_BYTES,
    RECORD_KINDS,
    SIGNATURE_NAME,
    AttachmentEntry,
    DocumentEntry,
    Manifest,
    PackageKind,
    Party,
    RecordEntry,
    is_document_name,
    record_bytes,
)
from ecodesk.packages.tarstream import end_of_archive, member_header, padding
from ecodesk.storage.attachments import Cancelled
from ecodesk.storage.contacts import Contact

if TYPE_CHECKING:
    from ecodesk.models.records import AnyRecord
    from ecodesk.storage.vault import Vault

Progress = Callable[[int, int], bool | None]  # (bytes done, bytes total); False asks to stop


class NothingToExport(EcoDeskError):
    """No record to send (e.g. HQ has confirmed everything). Not a failure: nothing was written."""

    exit_code = 0
    default_message = texts.NOTHING_TO_EXPORT


class ExportResult(BaseModel):
    package_id: uuid.UUID
    kind: PackageKind
    files: list[Path]
    size: int
    references: list[str]
    attachments: int
    recipients: list[str]


def resolve_recipients(vault: Vault, names: Sequence[str], *, allow_unverified: bool = False) -> list[Contact]:
    """The contacts named ``names``; InvalidInput for an unverified one unless ``allow_unverified``."""
    if not names:
        raise InvalidInput(texts.NO_RECIPIENT)
    contacts = vault.contacts
    found: list[Contact] = []
    for name in names:
        contact = contacts.get(name)
        if not contact.verified and not allow_unverified:
            raise InvalidInput(texts.RECIPIENT_UNVERIFIED, name=contact.name)
        if contact.fingerprint not in {c.fingerprint for c in found}:
            found.append(contact)
    return found


def select_records(
    vault: Vault, *, cases: Sequence[str] = (), advice: Sequence[str] = (), since_ack_for: Sequence[Contact] = ()
) -> list[AnyRecord]:
    """The records to send: the named cases and advice records, or (``since_ack_for``) every record of this
    office or of the recipients' offices whose current revision one of those recipients has not confirmed."""
    chosen: dict[uuid.UUID, AnyRecord] = {}
    for key in cases:
        record = vault.records.get(key)
        if record.kind != "retaliation":
            raise InvalidInput(texts.NOT_A_CASE, reference=record.reference)
        chosen[record.id] = record
    for key in advice:
        record = vault.records.get(key)
        if record.kind != "advice":
            raise InvalidInput(texts.NOT_ADVICE, reference=record.reference)
        chosen[record.id] = record
    if since_ack_for:
        offices = sorted({vault.settings.office_code, *(c.office for c in since_ack_for)} - {""})
        exchange = vault.exchange
        for record_id in exchange.unacknowledged_records([c.fingerprint for c in since_ack_for], offices):
            chosen[record_id] = vault.records.get(record_id)
    return sorted(chosen.values(), key=lambda r: r.reference or "")


def export_package(
    vault: Vault,
    *,
    to: Sequence[str],
    out: Path,
    kind: PackageKind | str = PackageKind.cases,
    cases: Sequence[str] = (),
    advice: Sequence[str] = (),
    since_ack: bool = False,
    documents: Mapping[str, bytes] | None = None,
    split_mb: int | None = None,
    allow_unverified: bool = False,
    progress: Progress | None = None,
    package_id: uuid.UUID | None = None,
) -> ExportResult:
    """Write a package for the contacts named ``to`` into ``out`` (or ``out.001``, ``out.002``... with
    ``split_mb``).

    ``kind`` cases/advice: the records named in ``cases``/``advice``, or with ``since_ack`` everything the
    recipients have not acknowledged. Other kinds carry ``documents`` (name -> bytes): ``stats`` any JSON
    documents, ``key-exchange`` identity cards. Raises InvalidInput for a bad selection, NotFound for an
    unknown contact or record, NothingToExport when there is nothing to send, Cancelled when ``progress``
    returns False. Nothing is left on disk when it fails.
    """
    kind = PackageKind(kind)
    recipients = resolve_recipients(vault, to, allow_unverified=allow_unverified)
    records: list[AnyRecord] = []
    if kind in RECORD_KINDS:
        if documents:
            raise InvalidInput(texts.DOCUMENTS_NOT_ALLOWED)
        if not (cases or advice or since_ack):
            raise InvalidInput(texts.NOTHING_SELECTED)
        records = select_records(vault, cases=cases, advice=advice, since_ack_for=recipients if since_ack else ())
        if not records:
            raise NothingToExport()
    elif cases or advice or since_ack:
        raise InvalidInput(texts.RECORDS_NOT_ALLOWED)
    elif not documents and kind != PackageKind.acknowledgement and not _carries_org_documents(vault, kind):
        raise InvalidInput(texts.NO_DOCUMENTS)
    skip = set.intersection(*(vault.exchange.acknowledged_attachments(c.fingerprint) for c in recipients))
    return write_package(
        vault,
        recipients=[Party.of(c.public) for c in recipients],
        recipient_names=[PartyName(name=c.name, office=c.office, fingerprint=c.fingerprint) for c in recipients],
        out=out,
        kind=kind,
        records=records,
        skip_attachments=skip if since_ack else set(),
        documents=documents or {},
        split_mb=split_mb,
        progress=progress,
        package_id=package_id,
    )


def _carries_org_documents(vault: Vault, kind: PackageKind) -> bool:
    """An identity-card package may carry only the organization's certificates and revocation list."""
    from ecodesk.org.service import trusted_root

    return kind == PackageKind.key_exchange and trusted_root(vault) is not None


def write_package(
    vault: Vault,
    *,
    recipients: list[Party],
    recipient_names: list[PartyName],
    out: Path,
    kind: PackageKind,
    records: Sequence[AnyRecord] = (),
    skip_attachments: set[uuid.UUID] | None = None,
    documents: Mapping[str, bytes] | None = None,
    acknowledges: uuid.UUID | None = None,
    split_mb: int | None = None,
    progress: Progress | None = None,
    package_id: uuid.UUID | None = None,
) -> ExportResult:
    """Build, sign, encrypt and write a package, then record it in the outbox (one transaction)."""
    if split_mb is not None and split_mb < 1:
        raise InvalidInput(texts.SPLIT_TOO_SMALL)
    from ecodesk.packages.org_documents import package_documents

    identity = vault.identity()
    documents = {**(documents or {}), **package_documents(vault, recipients)}
    exchange = vault.exchange
    bodies: dict[uuid.UUID, bytes] = {}
    record_entries: list[RecordEntry] = []
    attachment_entries: list[AttachmentEntry] = []
    for record in records:
        body = record_bytes(record)
        bodies[record.id] = body
        assert record.reference and record.office
        record_entries.append(
            RecordEntry(
                id=record.id,
                reference=record.reference,
                kind=record.kind,
                office=record.office,
                revision=record.revision,
                size=len(body),
                sha256=hashlib.sha256(body).hexdigest(),
                content_sha256=record_content_sha256(record),
                base_sha256=exchange.base(record.id),
            )
        )
        if isinstance(record, RetaliationCase):
            for item in record.evidence:
                for ref in item.attachments:
                    if ref.id in (skip_attachments or set()):
                        continue
                    attachment_entries.append(
                        AttachmentEntry(id=ref.id, record_id=record.id, size=ref.size, sha256=ref.sha256)
                    )
    document_entries: list[DocumentEntry] = []
    for name, data in (documents or {}).items():
        if not is_document_name(name) or len(data) > MAX_DOCUMENT_BYTES:
            raise InvalidInput(texts.BAD_DOCUMENT_NAME, name=name[:64])
        document_entries.append(DocumentEntry(name=name, size=len(data), sha256=hashlib.sha256(data).hexdigest()))
    manifest = Manifest(
        package_id=package_id or uuid.uuid4(),  # given: the case records its submission package before export
        kind=kind,
        created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        sender=Party.of(identity.public),
        recipients=recipients,
        records=record_entries,
        attachments=attachment_entries,
        documents=document_entries,
        acknowledges=acknowledges,
    )
    manifest_bytes = manifest.to_bytes()
    signature = identity.sign(manifest_bytes)
    total = manifest.total_size()

    def chunks() -> Iterator[bytes]:
        mtime = int(manifest.created_at.timestamp())
        written = 0
        done = 0

        def member(name: str, data: bytes) -> bytes:
            nonlocal written
            block = member_header(name, len(data), mtime) + data + padding(len(data))
            written += len(block)
            return block

        yield member(MANIFEST_NAME, manifest_bytes)
        yield member(SIGNATURE_NAME, signature)
        for entry in record_entries:
            yield member(entry.member, bodies[entry.id])
        for attachment in attachment_entries:
            header = member_header(attachment.member, attachment.size, mtime)
            written += len(header)
            yield header
            size = 0
            for chunk in vault.attachments.read(attachment.id):
                size += len(chunk)
                done += len(chunk)
                yield chunk
                if progress is not None and progress(done, total) is False:
                    raise Cancelled()
            if size != attachment.size:
                raise EcoDeskError(texts.ATTACHMENT_CHANGED)
            written += size + len(padding(size))
            yield padding(size)
        for document in document_entries:
            yield member(document.member, (documents or {})[document.name])
        yield end_of_archive(written)

    writer = VolumeWriter(Path(out), split_bytes=split_mb * 1024 * 1024 if split_mb else None)
    try:
        encrypt_stream(chunks(), writer, [identity.public.age_recipient, *(p.age_recipient for p in recipients)])
        with vault.db.transaction():
            files = writer.commit()
            exchange.add_sent(
                SentPackage(
                    id=manifest.package_id,
                    kind=kind.value,
                    created_at=manifest.created_at,
                    recipients=recipient_names,
                    file_name=files[0].name,
                    size=writer.size,
                    volumes=len(files),
                    records=len(record_entries),
                    attachments=len(attachment_entries),
                ),
                [
                    SentItem(record_id=e.id, reference=e.reference, revision=e.revision, sha256=e.content_sha256)
                    for e in record_entries
                ],
            )
            vault.audit.append(
                "package_exported",
                package=str(manifest.package_id),
                kind=kind.value,
                recipients=[p.name for p in recipient_names],
                records=len(record_entries),
                attachments=len(attachment_entries),
                size=writer.size,
                volumes=len(files),
            )
    except BaseException:
        writer.discard()
        raise
    if progress is not None:
        progress(total, total)
    return ExportResult(
        package_id=manifest.package_id,
        kind=kind,
        files=files,
        size=writer.size,
        references=[e.reference for e in record_entries],
        attachments=len(attachment_entries),
        recipients=[p.name for p in recipient_names],
    )
