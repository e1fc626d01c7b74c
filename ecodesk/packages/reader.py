"""Reading a package: decrypt as a stream, verify the signed manifest against the sender's key, then check
every member against the manifest (order, name, size, SHA-256) while handing it to a ``ContentHandler``.

Every byte is tentative until the whole file was authenticated: the handler stages what it receives (the
importer inside one database transaction) and the caller commits only when ``read_package`` returned.
Any problem ends in ``PackageRejected`` with a reason the user can act on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519
from pydantic import ValidationError

from ecodesk.crypto.identity import VaultIdentity
from ecodesk.errors import PackageRejected
from ecodesk.jsontext import MalformedJson, parse_json, parse_model
from ecodesk.models import record_adapter
from ecodesk.models.records import record_content_sha256, sent_content_sha256
from ecodesk.packages import texts
from ecodesk.packages.agestream import VolumeReader, find_volumes, open_plaintext
from ecodesk.packages.format import (
    MANIFEST_NAME,
    MAX_MANIFEST_BYTES,
    MAX_MEMBERS,
    SIGNATURE_NAME,
    SIGNATURE_SIZE,
    AttachmentEntry,
    DocumentEntry,
    Manifest,
    RecordEntry,
)
from ecodesk.packages.tarstream import MemberReader, Readable, TarFormatError, read_members
from ecodesk.storage.attachments import Cancelled
from ecodesk.storage.contacts import Contact, ContactStore


@dataclass
class VerifiedManifest:
    """A manifest whose signature holds, with what is known about its sender."""

    manifest: Manifest
    manifest_bytes: bytes
    contact: Contact | None  # None: the sender is not a contact (accepted only when asked)
    unverified: bool  # the sender is not a verified contact

    @property
    def sender_name(self) -> str:
        return self.contact.name if self.contact else self.manifest.sender.name


class ContentHandler(Protocol):
    def begin(self, verified: VerifiedManifest) -> bool:
        """Called once the manifest is verified; return False to stop reading (e.g. a replay)."""

    def record(self, entry: RecordEntry, record: Any, body: bytes) -> None:
        """A record whose bytes match the manifest (``record`` is the validated model)."""

    def attachment(self, entry: AttachmentEntry, stream: MemberReader) -> str:
        """An attachment: read ``stream`` to its end and return the SHA-256 (hex) of what was read; the reader
        compares it with the manifest (``digest_of`` does this for a handler that keeps nothing)."""

    def document(self, entry: DocumentEntry, body: bytes) -> None:
        """A document whose bytes match the manifest."""


def digest_of(stream: MemberReader) -> str:
    """Read a member to its end; its SHA-256 (hex)."""
    digest = hashlib.sha256()
    while data := stream.read(1024 * 1024):
        digest.update(data)
    return digest.hexdigest()


def _read_small(member: MemberReader, limit: int) -> bytes:
    if member.size > limit:
        raise PackageRejected(texts.REFUSED_TOO_LARGE)
    return member.read(member.size)


def verify_manifest(
    manifest_bytes: bytes,
    signature: bytes,
    identity: VaultIdentity,
    contacts: ContactStore,
    *,
    accept_unverified: bool,
) -> VerifiedManifest:
    """Parse the manifest and check who signed it and that it is addressed to this vault."""
    try:
        manifest = parse_model(Manifest, manifest_bytes)
    except MalformedJson as exc:
        raise PackageRejected(texts.REFUSED_BAD_MANIFEST) from exc
    sender = manifest.sender
    own = identity.public
    if sender.signing_public_key == own.signing_public_key:
        raise PackageRejected(texts.REFUSED_OWN_PACKAGE)
    contact = contacts.by_signing_key(sender.signing_public_key)
    if len(signature) != SIGNATURE_SIZE or not _signature_holds(sender.signing_public_key, signature, manifest_bytes):
        raise PackageRejected(texts.REFUSED_SIGNATURE)
    verified = VerifiedManifest(
        manifest=manifest,
        manifest_bytes=manifest_bytes,
        contact=contact,
        unverified=contact is None or not contact.verified,
    )
    try:
        if contact is None:
            if not accept_unverified:
                raise PackageRejected(texts.REFUSED_UNKNOWN_SENDER, name=sender.name[:80], office=sender.office[:20])
        else:
            if contact.fingerprint != sender.fingerprint or contact.public.age_recipient != sender.age_recipient:
                raise PackageRejected(texts.REFUSED_SENDER_CHANGED, name=contact.name)
            if not contact.verified and not accept_unverified:
                raise PackageRejected(texts.REFUSED_UNVERIFIED_SENDER, name=contact.name)
        if not any(
            p.signing_public_key == own.signing_public_key and p.age_recipient == own.age_recipient
            for p in manifest.recipients
        ):
            raise PackageRejected(texts.REFUSED_NOT_ADDRESSED)
    except PackageRejected as exc:
        exc.signed = verified  # type: ignore[attr-defined]  # who signed it, for the inbox entry of the refusal
        raise
    return verified



def _signature_holds(public_key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        ed25519.Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def read_plaintext(
    plaintext: Readable,
    identity: VaultIdentity,
    contacts: ContactStore,
    handler: ContentHandler,
    *,
    accept_unverified: bool = False,
) -> VerifiedManifest | None:
    """Check and hand over the members of a package's plaintext tar stream; None if the handler stopped."""
    try:
        members = read_members(plaintext, max_members=MAX_MEMBERS)
        name, member = next(members, (None, None))
        if name != MANIFEST_NAME or member is None:
            raise PackageRejected(texts.REFUSED_BAD_MANIFEST)
        manifest_bytes = _read_small(member, MAX_MANIFEST_BYTES)
        name, member = next(members, (None, None))
        if name != SIGNATURE_NAME or member is None:
            raise PackageRejected(texts.REFUSED_SIGNATURE)
        signature = _read_small(member, SIGNATURE_SIZE)
        verified = verify_manifest(manifest_bytes, signature, identity, contacts, accept_unverified=accept_unverified)
        if not handler.begin(verified):
            return None
        manifest = verified.manifest
        expected: Iterator[RecordEntry | AttachmentEntry | DocumentEntry] = iter(
            [*manifest.records, *manifest.attachments, *manifest.documents]
        )
        for name, member in members:
            entry = next(expected, None)
            if entry is None or name != entry.member or member.size != entry.size:
                raise PackageRejected(texts.REFUSED_CONTENTS_MISMATCH)
            if isinstance(entry, AttachmentEntry):
                if handler.attachment(entry, member) != entry.sha256 or member.remaining:
                    raise PackageRejected(texts.REFUSED_HASH)
                continue
            body = member.read(member.size)
            if hashlib.sha256(body).hexdigest() != entry.sha256:
                raise PackageRejected(texts.REFUSED_HASH)
            if isinstance(entry, RecordEntry):
                handler.record(entry, _record(entry, body), body)
            elif isinstance(entry, DocumentEntry):
                handler.document(entry, body)
        if next(expected, None) is not None:
            raise PackageRejected(texts.REFUSED_CONTENTS_MISMATCH)
        return verified
    except TarFormatError as exc:
        raise PackageRejected(texts.REFUSED_MALFORMED, detail=exc.reason) from exc


def _record(entry: RecordEntry, body: bytes) -> Any:
    try:
        sent = parse_json(body)
        record = record_adapter.validate_json(body)
    except (MalformedJson, ValidationError, ValueError) as exc:
        raise PackageRejected(texts.REFUSED_BAD_RECORD, reference=entry.reference) from exc
    # A package of an earlier version (an advice record with one ``category``) carries the hash of the record in
    # its own shape: it is read in this version's shape.
    same_content = record_content_sha256(record) == entry.content_sha256 or (
        isinstance(sent, dict) and sent_content_sha256(sent) == entry.content_sha256
    )
    if (
        record.id != entry.id
        or record.reference != entry.reference
        or record.kind != entry.kind
        or record.office != entry.office
        or not same_content
    ):
        raise PackageRejected(texts.REFUSED_BAD_RECORD, reference=entry.reference)
    return record


def read_package(
    source: Path | Sequence[Path],
    identity: VaultIdentity,
    contacts: ContactStore,
    handler: ContentHandler,
    *,
    accept_unverified: bool = False,
    progress: Callable[[int, int], bool | None] | None = None,
) -> VerifiedManifest | None:
    """Decrypt, verify and hand over a package file (or its volumes). Returns the verified manifest, or None
    when the handler stopped early. Raises PackageRejected (with the reason) or Cancelled."""
    paths = find_volumes(source) if isinstance(source, Path | str) else list(source)
    volumes = VolumeReader(paths, progress=progress)
    try:
        identities = [pyrage.x25519.Identity.from_str(identity.age_identity)]
        with open_plaintext(volumes.buffered(), identities) as plaintext:
            try:
                verified = read_plaintext(
                    plaintext, identity, contacts, handler, accept_unverified=accept_unverified
                )
            except PackageRejected:
                if volumes.cancelled:
                    raise Cancelled() from None
                if volumes.error is not None:
                    raise PackageRejected(texts.REFUSED_UNREADABLE) from None
                raise
            if verified is not None and not plaintext.finished:
                raise PackageRejected(texts.REFUSED_DAMAGED)
            return verified
    finally:
        volumes.close()
