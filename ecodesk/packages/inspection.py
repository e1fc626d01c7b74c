"""Inspect a package: decrypt and verify all of it (signature, sender, every checksum) without applying it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ecodesk.packages.format import AttachmentEntry, DocumentEntry, Manifest, RecordEntry
from ecodesk.packages.reader import VerifiedManifest, digest_of, read_package
from ecodesk.packages.tarstream import MemberReader

if TYPE_CHECKING:
    from ecodesk.storage.vault import Vault


class Inspection(BaseModel):
    manifest: Manifest
    sender_contact: str | None  # the contact's name here, None when the sender is not a contact
    sender_verified: bool
    already_imported: bool


class _Check:
    """Reads everything (so every checksum is verified) and keeps nothing."""

    def __init__(self) -> None:
        self.verified: VerifiedManifest | None = None

    def begin(self, verified: VerifiedManifest) -> bool:
        self.verified = verified
        return True

    def record(self, entry: RecordEntry, record: Any, body: bytes) -> None:
        pass

    def attachment(self, entry: AttachmentEntry, stream: MemberReader) -> str:
        return digest_of(stream)

    def document(self, entry: DocumentEntry, body: bytes) -> None:
        pass


def inspect_package(
    vault: Vault, source: Path, *, progress: Callable[[int, int], bool | None] | None = None
) -> Inspection:
    """The verified manifest of a package, with who sent it. Unknown and unverified senders are shown (not
    refused) since nothing is applied. Raises PackageRejected for anything that an import would refuse for
    the package itself (damage, signature, checksums, format, not addressed to this vault)."""
    handler = _Check()
    verified = read_package(
        Path(source), vault.identity(), vault.contacts, handler, accept_unverified=True,
        progress=progress,
    )
    assert verified is not None
    package_id: uuid.UUID = verified.manifest.package_id
    vault.audit.append("package_inspected", package=str(package_id), kind=verified.manifest.kind.value)
    return Inspection(
        manifest=verified.manifest,
        sender_contact=verified.contact.name if verified.contact else None,
        sender_verified=not verified.unverified,
        already_imported=vault.exchange.is_imported(package_id),
    )
