"""Acknowledgements: the receiver of a package of records answers with a signed package saying exactly which
record versions and attachments it received; importing it marks them as received, so that ``--since-ack``
exports only what the other side has not confirmed."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from ecodesk.errors import InvalidInput, NotFound, PackageRejected
from ecodesk.jsontext import MalformedJson, parse_model
from ecodesk.models.common import STORED
from ecodesk.models.exchange import PartyName
from ecodesk.models.records import record_content_sha256
from ecodesk.packages import texts
from ecodesk.packages.export import ExportResult, Progress, write_package
from ecodesk.packages.format import (
    ACK_DOCUMENT,
    RECORD_KINDS,
    AcknowledgedRecord,
    Acknowledgement,
    Manifest,
    PackageKind,
    Party,
)

if TYPE_CHECKING:
    from ecodesk.packages.reader import VerifiedManifest
    from ecodesk.storage.vault import Vault


def create_acknowledgement(
    vault: Vault, package_id: uuid.UUID | str, out: Path, *, progress: Progress | None = None
) -> ExportResult:
    """Write the acknowledgement of an imported package of records, addressed to its sender.

    NotFound when no package with that id was imported; InvalidInput for a package that is not of records.
    """
    try:
        package_uuid = uuid.UUID(str(package_id).strip())
    except ValueError as exc:
        raise NotFound(texts.NOT_IMPORTED, package=str(package_id)[:40]) from exc
    exchange = vault.exchange
    stored = exchange.received_manifest(package_uuid)
    if stored is None:
        raise NotFound(texts.NOT_IMPORTED, package=str(package_uuid))
    manifest = parse_model(Manifest, stored, context=STORED)
    if manifest.kind not in RECORD_KINDS:
        raise InvalidInput(texts.NO_ACK_FOR_KIND)
    ack = Acknowledgement(
        package_id=manifest.package_id,
        received_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        records=[
            AcknowledgedRecord(id=r.id, reference=r.reference, revision=r.revision, content_sha256=r.content_sha256)
            for r in manifest.records
        ],
        attachments=[a.id for a in manifest.attachments],
    )
    contact = vault.contacts.by_signing_key(manifest.sender.signing_public_key)
    sender = manifest.sender
    return write_package(
        vault,
        recipients=[Party.of(contact.public) if contact else sender],
        recipient_names=[
            PartyName(
                name=contact.name if contact else sender.name, office=sender.office, fingerprint=sender.fingerprint
            )
        ],
        out=out,
        kind=PackageKind.acknowledgement,
        documents={ACK_DOCUMENT: ack.model_dump_json(indent=1).encode("utf-8")},
        acknowledges=manifest.package_id,
        progress=progress,
    )


def check_acknowledgement(vault: Vault, verified: VerifiedManifest) -> None:
    """Refuse an acknowledgement of a package this vault did not send to the acknowledging contact."""
    sent = vault.exchange.sent_package(verified.manifest.acknowledges or uuid.UUID(int=0))
    if sent is None or verified.manifest.sender.fingerprint not in {r.fingerprint for r in sent.recipients}:
        raise PackageRejected(texts.REFUSED_UNKNOWN_ACK)


def apply_acknowledgement(vault: Vault, verified: VerifiedManifest, body: bytes, package_id: uuid.UUID) -> int:
    """Mark what the acknowledgement confirms (in the caller's transaction); returns how many records."""
    try:
        ack = parse_model(Acknowledgement, body)
    except MalformedJson as exc:
        raise PackageRejected(texts.REFUSED_BAD_DOCUMENT, name=ACK_DOCUMENT) from exc
    manifest = verified.manifest
    if ack.package_id != manifest.acknowledges:
        raise PackageRejected(texts.REFUSED_BAD_DOCUMENT, name=ACK_DOCUMENT)
    exchange = vault.exchange
    fingerprint = manifest.sender.fingerprint
    confirmed = {r.id: r.content_sha256 for r in ack.records}
    count = 0
    for item in exchange.sent_items(ack.package_id):
        if confirmed.get(item.record_id) != item.sha256:
            continue
        exchange.acknowledge_record(fingerprint, item.record_id, item.revision, item.sha256)
        count += 1
        current = vault.records.find_id(item.record_id)
        if current is not None and record_content_sha256(vault.records.get(current)) == item.sha256:
            exchange.set_base(item.record_id, item.sha256)  # both sides now have this version
    for attachment_id in ack.attachments:
        exchange.acknowledge_attachment(fingerprint, attachment_id)
    exchange.mark_acknowledged(ack.package_id, verified.sender_name, package_id)
    return count
