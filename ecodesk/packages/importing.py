"""Import: verify a package and apply it whole, in one transaction, or refuse it and change nothing.

A received version replaces a record only when it descends from the version held here (``versions.judge``): an
older one (a delayed or replayed package) is ignored and reported, never applied. A record edited on both sides
is never overwritten: the received version is stored as a revision, this vault's version is stored again on top
of it, and the conflict is listed for review. Updates obey the office rule of new records and never change a
record's office or reference; a package that tries is refused whole.
Every import, accepted or refused (with its reason), is an audit event and an inbox entry.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from pydantic import BaseModel, Field

from ecodesk.errors import PackageRejected
from ecodesk.jsontext import MalformedJson, parse_json
from ecodesk.models import RetaliationCase
from ecodesk.models.exchange import ImportConflict, ReceivedPackage, ReceivedStats
from ecodesk.models.records import record_content_sha256
from ecodesk.org.service import learn_card
from ecodesk.packages import texts
from ecodesk.packages.acks import apply_acknowledgement, check_acknowledgement, create_acknowledgement
from ecodesk.packages.cards import CARD_SUFFIX, read_identity_card
from ecodesk.packages.format import ACK_DOCUMENT, RECORD_KINDS, AttachmentEntry, DocumentEntry, PackageKind, RecordEntry
from ecodesk.packages.inbox import record_imported, record_refusal
from ecodesk.packages.org_documents import OrgReceipt, is_org_document, receive
from ecodesk.packages.reader import VerifiedManifest, digest_of, read_package
from ecodesk.packages.tarstream import MemberReader
from ecodesk.packages.versions import ReceivedVersion, Verdict, judge
from ecodesk.records.hq_fields import REFUSED_HQ_DECISION, hq_decision_changed
from ecodesk.storage.contacts import ContactRole

if TYPE_CHECKING:
    from ecodesk.storage.vault import Vault

Progress = Callable[[int, int], bool | None]


class ImportResult(BaseModel):
    """What an import changed (or that the package had already been imported)."""

    package_id: uuid.UUID
    kind: PackageKind
    sender: str
    sender_office: str
    unverified: bool = False
    already_imported: bool = False
    imported_at: dt.datetime | None = None
    created: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    conflicts: list[str] = Field(default_factory=list)
    stale: list[str] = Field(default_factory=list)
    attachments: int = 0
    acknowledged: int = 0
    stats: int = 0
    cards: int = 0
    ack_file: Path | None = None
    org: OrgReceipt | None = None  # what the package brought of organization trust

    def summary_lines(self) -> list[tuple[str, int]]:
        """(message template, count) for every non-zero part of the summary, to show translated."""
        parts = [
            (texts.SUMMARY_CREATED, len(self.created)),
            (texts.SUMMARY_UPDATED, len(self.updated)),
            (texts.SUMMARY_UNCHANGED, len(self.unchanged)),
            (texts.SUMMARY_CONFLICTS, len(self.conflicts)),
            (texts.SUMMARY_STALE, len(self.stale)),
            (texts.SUMMARY_ATTACHMENTS, self.attachments),
            (texts.SUMMARY_ACKNOWLEDGED, self.acknowledged),
            (texts.SUMMARY_STATS, self.stats),
            (texts.SUMMARY_CARDS, self.cards),
        ]
        return [(text, count) for text, count in parts if count]


class _Apply:
    """Applies a verified package inside the caller's transaction."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.exchange = vault.exchange
        self.verified: VerifiedManifest | None = None
        self.result: ImportResult | None = None
        self.replay_of: ReceivedPackage | None = None
        self._sent_before: dict[uuid.UUID, tuple[int, str]] = {}
        self._expected_attachments: dict[uuid.UUID, tuple[uuid.UUID, uuid.UUID | None, str, str]] = {}
        self._org_documents: dict[str, bytes] = {}

    @property
    def origin(self) -> str:
        assert self.verified is not None
        return f"package:{self.verified.manifest.package_id}"

    def begin(self, verified: VerifiedManifest) -> bool:
        self.verified = verified
        manifest = verified.manifest
        self.result = ImportResult(
            package_id=manifest.package_id,
            kind=manifest.kind,
            sender=verified.sender_name,
            sender_office=manifest.sender.office,
            unverified=verified.unverified,
        )
        self._sent_before = self.exchange.received_revisions(manifest.sender.fingerprint)
        self.replay_of = self.exchange.imported(manifest.package_id)
        if self.replay_of is not None:
            self.result.already_imported = True
            self.result.imported_at = self.replay_of.received_at
            return False
        if manifest.kind == PackageKind.acknowledgement:
            check_acknowledgement(self.vault, verified)
        return True

    # -- records -------------------------------------------------------------------------------------------
    def record(self, entry: RecordEntry, record: Any, body: bytes) -> None:
        assert self.verified is not None and self.result is not None
        records = self.vault.records
        sender = self.verified.sender_name
        fingerprint = self.verified.manifest.sender.fingerprint
        holder = records.find_id(entry.reference)
        if holder is not None and holder != record.id:
            raise PackageRejected(texts.REFUSED_REFERENCE_TAKEN, reference=entry.reference)
        if isinstance(record, RetaliationCase):
            for item in record.evidence:
                for ref in item.attachments:
                    self._expected_attachments[ref.id] = (record.id, item.id, ref.name, entry.reference)
        local = records.get(record.id) if records.find_id(record.id) is not None else None
        self._check_hq_decisions(entry, record, local)
        incoming_sha = entry.content_sha256
        if local is None:
            self._check_office(entry)
            saved = records.save(record, office=entry.office, saved_by=sender, origin=self.origin)
            self.result.created.append(entry.reference)
        else:
            self._check_update(entry, local)
            verdict = judge(
                record_content_sha256(local),
                ReceivedVersion(entry.revision, incoming_sha, entry.base_sha256),
                self._sent_before.get(record.id),
                lambda: self._held_before(record.id),
            )
            if verdict == Verdict.stale:
                self._ignore_stale(entry, local)
                return
            if verdict == Verdict.conflict:
                self._keep_both(entry, record, local)
                return
            if verdict == Verdict.already_seen:
                self.result.unchanged.append(entry.reference)  # this vault has changed it since: keep ours
                return
            if verdict == Verdict.same:
                saved = local
                self.result.unchanged.append(entry.reference)
            else:
                saved = records.save(
                    record, office=entry.office, saved_by=sender, origin=self.origin, expected_revision=local.revision
                )
                self.result.updated.append(entry.reference)
        self.exchange.set_base(record.id, incoming_sha)
        self.exchange.acknowledge_record(fingerprint, record.id, saved.revision, incoming_sha)

    def _held_before(self, record_id: uuid.UUID) -> set[str]:
        records = self.vault.records
        return {record_content_sha256(records.revision(record_id, r.revision)) for r in records.history(record_id)}

    def _ignore_stale(self, entry: RecordEntry, local: Any) -> None:
        assert self.result is not None
        self.result.stale.append(entry.reference)
        self.vault.audit.append(
            "import_stale_ignored",
            record_id=local.id,
            reference=entry.reference,
            local_revision=local.revision,
            incoming_revision=entry.revision,
        )

    def _check_update(self, entry: RecordEntry, local: Any) -> None:
        """An update keeps the record's office and reference, and obeys the office rule of new records, checked
        against the office the record has here (not the one the package claims)."""
        assert self.verified is not None
        if entry.office != local.office or entry.reference != local.reference:
            raise PackageRejected(texts.REFUSED_IDENTITY_CHANGE, reference=local.reference)
        if not self._from_hq() and local.office != self.verified.manifest.sender.office:
            raise PackageRejected(
                texts.REFUSED_FOREIGN_UPDATE, reference=local.reference, office=local.office,
                name=self.verified.sender_name,
            )

    def _from_hq(self) -> bool:
        assert self.verified is not None
        contact = self.verified.contact
        return contact is not None and contact.role == ContactRole.hq

    def _check_office(self, entry: RecordEntry) -> None:
        """An officer creates records of their own office only, numbered by that office (the office code in the
        reference: a copy of another office's record re-labelled as one's own is refused); HQ may send records of
        any office."""
        assert self.verified is not None
        if self._from_hq():
            return
        own = self.verified.manifest.sender.office
        numbered_by = entry.reference.split("-")[2]
        if entry.office != own or numbered_by != own:
            raise PackageRejected(
                texts.REFUSED_FOREIGN_OFFICE, reference=entry.reference,
                office=entry.office if entry.office != own else numbered_by, name=self.verified.sender_name,
            )

    def _check_hq_decisions(self, entry: RecordEntry, record: Any, local: Any) -> None:
        """HQ's decisions on a case are accepted from an HQ contact only (the whole package is refused)."""
        assert self.verified is not None
        contact = self.verified.contact
        if not isinstance(record, RetaliationCase) or (contact is not None and contact.role == ContactRole.hq):
            return
        if hq_decision_changed(self.vault, local if isinstance(local, RetaliationCase) else None, record):
            raise PackageRejected(REFUSED_HQ_DECISION, reference=entry.reference, name=self.verified.sender_name)

    def _keep_both(self, entry: RecordEntry, record: Any, local: Any) -> None:
        assert self.verified is not None and self.result is not None
        records = self.vault.records
        sender = self.verified.sender_name
        incoming = records.save(record, office=entry.office, saved_by=sender, origin=self.origin)
        restored = records.save(
            local.model_copy(update={"revision": incoming.revision}),
            office=entry.office,
            saved_by=sender,
            origin=f"conflict:{self.verified.manifest.package_id}",
        )
        self.exchange.add_conflict(
            ImportConflict(
                id=uuid.uuid4(),
                record_id=record.id,
                reference=entry.reference,
                local_revision=restored.revision,
                incoming_revision=incoming.revision,
                package_id=self.verified.manifest.package_id,
                sender=sender,
                detected_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
            )
        )
        self.exchange.set_base(record.id, entry.content_sha256)
        self.vault.audit.append(
            "import_conflict",
            record_id=record.id,
            reference=entry.reference,
            local_revision=restored.revision,
            incoming_revision=incoming.revision,
        )
        self.result.conflicts.append(entry.reference)

    # -- attachments and documents -------------------------------------------------------------------------
    def attachment(self, entry: AttachmentEntry, stream: MemberReader) -> str:
        assert self.result is not None
        expected = self._expected_attachments.get(entry.id)
        if expected is None or expected[0] != entry.record_id:
            raise PackageRejected(texts.REFUSED_CONTENTS_MISMATCH)
        if self.exchange.has_attachment(entry.id):
            return digest_of(stream)  # already here (sent earlier): still checked against the manifest
        record_id, evidence_id, name, _reference = expected
        stored = self.vault.attachments.store_blob(
            record_id, evidence_id, name, cast(BinaryIO, stream), attachment_id=entry.id
        )
        self.result.attachments += 1
        return stored.sha256

    def document(self, entry: DocumentEntry, body: bytes) -> None:
        assert self.verified is not None and self.result is not None
        manifest = self.verified.manifest
        if is_org_document(entry.name):
            self._org_documents[entry.name] = body
        elif manifest.kind == PackageKind.acknowledgement and entry.name == ACK_DOCUMENT:
            self.result.acknowledged += apply_acknowledgement(self.vault, self.verified, body, manifest.package_id)
        elif manifest.kind == PackageKind.stats and entry.name.endswith(".json"):
            try:
                parse_json(body)
            except MalformedJson as exc:
                raise PackageRejected(texts.REFUSED_BAD_DOCUMENT, name=entry.name) from exc
            self.exchange.add_stats(
                ReceivedStats(
                    package_id=manifest.package_id,
                    name=entry.name,
                    sender=self.verified.sender_name,
                    sender_office=manifest.sender.office,
                    created_at=manifest.created_at,
                    received_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
                    unverified=self.verified.unverified,
                    body=body,
                )
            )
            self.result.stats += 1
        elif manifest.kind == PackageKind.key_exchange and entry.name.endswith(CARD_SUFFIX):
            self._add_card(entry, body)
        else:
            raise PackageRejected(texts.REFUSED_BAD_DOCUMENT, name=entry.name)

    def _add_card(self, entry: DocumentEntry, body: bytes) -> None:
        assert self.result is not None
        try:
            card = read_identity_card(body)
        except Exception as exc:
            raise PackageRejected(texts.REFUSED_BAD_DOCUMENT, name=entry.name) from exc
        public = card.identity
        contacts = self.vault.contacts
        own = self.vault.identity().public
        known = contacts.match(public)
        if known is not None:  # a new certificate request or certificate of a known contact
            learn_card(self.vault, known, card.certificate_request_pem, card.officer_certificate_pem)
            return
        if public.fingerprint == own.fingerprint or contacts.by_signing_key(public.signing_public_key):
            return
        base = " ".join(f"{public.name} {public.office}".split()) or public.office or "contact"
        name, number = base[:90], 2
        while contacts.find(name) is not None:
            name, number = f"{base[:90]} ({number})", number + 1
        contact = contacts.add(public, name=name, role=ContactRole.hq if public.office == "HQ" else ContactRole.officer)
        learn_card(self.vault, contact, card.certificate_request_pem, card.officer_certificate_pem)
        self.result.cards += 1

    def finish(self) -> None:
        """Checks that need the whole package: every attachment a received record refers to is here; the
        organization's certificates and revocation list it carries (a revoked sender is refused here)."""
        assert self.verified is not None and self.result is not None
        self.result.org = receive(self.vault, self.verified, self._org_documents)
        for attachment_id, (_record, _evidence, _name, reference) in self._expected_attachments.items():
            if not self.exchange.has_attachment(attachment_id):
                raise PackageRejected(texts.REFUSED_MISSING_ATTACHMENT, reference=reference)


def import_package(
    vault: Vault,
    source: Path,
    *,
    accept_unverified: bool = False,
    ack_out: Path | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Verify and apply a package file (or the first of its volumes) in one transaction.

    Returns what changed; ``already_imported`` is true (and nothing changed) for a replay. Raises
    PackageRejected with the reason (nothing changed; the refusal is in the inbox and the audit log), or
    Cancelled when ``progress`` returned False. With ``ack_out``, also writes the acknowledgement.
    """
    source = Path(source)
    handler = _Apply(vault)
    identity = vault.identity()
    contacts = vault.contacts
    try:
        with vault.db.transaction():
            verified = read_package(
                source, identity, contacts, handler, accept_unverified=accept_unverified, progress=progress
            )
            result = handler.result
            assert result is not None
            if verified is None:
                vault.audit.append("package_replay_ignored", package=str(result.package_id), sender=result.sender)
                return result
            handler.finish()
            record_imported(vault, verified, result, source)
    except PackageRejected as exc:
        record_refusal(vault, exc, handler.verified or getattr(exc, "signed", None), source)
        raise
    if ack_out is not None and result.kind in RECORD_KINDS:
        result.ack_file = create_acknowledgement(vault, result.package_id, ack_out).files[0]
    return result
