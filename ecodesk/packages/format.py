"""The ``.ecopkg`` format: what a package contains, as pydantic models, with its limits and member names.

A package is an age file (X25519 recipients: every addressee and the sender) whose plaintext is a ustar tar
stream with, in this order:

1. ``manifest.json`` - a ``Manifest`` (UTF-8 JSON);
2. ``manifest.sig``  - the sender's Ed25519 signature (64 bytes) over the exact bytes of ``manifest.json``;
3. ``records/<record id>.json`` - one per ``Manifest.records`` entry, in manifest order;
4. ``attachments/<attachment id>`` - one per ``Manifest.attachments`` entry, in manifest order;
5. ``documents/<name>`` - one per ``Manifest.documents`` entry, in manifest order.

Nothing else is allowed. See docs/package-format.md.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ecodesk.crypto.identity import PublicIdentity
from ecodesk.models.common import STORED, Base64Data, SingleLine

if TYPE_CHECKING:
    from ecodesk.models.records import AnyRecord

FORMAT_NAME = "ecodesk-package"
FORMAT_VERSION = 1
SUFFIX = ".ecopkg"

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
SIGNATURE_SIZE = 64

# Limits: a package that exceeds any of them is refused before anything is applied.
MAX_MANIFEST_BYTES = 8 * 1024 * 1024
MAX_RECORD_BYTES = 16 * 1024 * 1024
MAX_RECORDS_BYTES = 256 * 1024 * 1024  # all records together (they are held in memory until verified)
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
MAX_DOCUMENTS_BYTES = 64 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 8 * 1024**3 - 1  # the largest size a ustar header can hold
MAX_TOTAL_BYTES = 256 * 1024**3
MAX_RECORDS = 20_000
MAX_ATTACHMENTS = 50_000
MAX_DOCUMENTS = 100
MAX_RECIPIENTS = 20
MAX_MEMBERS = 2 + MAX_RECORDS + MAX_ATTACHMENTS + MAX_DOCUMENTS

Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
DocumentName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$")]
_DOCUMENT_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


class PackageKind(StrEnum):
    cases = "cases"
    advice = "advice"
    acknowledgement = "acknowledgement"
    key_exchange = "key-exchange"
    stats = "stats"


RECORD_KINDS = {PackageKind.cases, PackageKind.advice}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Party(_Strict):
    """A sender or recipient as named in the manifest."""

    name: Annotated[str, StringConstraints(max_length=200), SingleLine]
    office: Annotated[str, StringConstraints(max_length=20), SingleLine]
    fingerprint: Annotated[str, StringConstraints(pattern=r"^\d{5}( \d{5}){11}$")]
    age_recipient: Annotated[str, StringConstraints(pattern=r"^age1[0-9a-z]{58}$")]
    signing_public_key: Base64Data

    @classmethod
    def of(cls, public: PublicIdentity) -> Party:
        # An identity the vault already holds (its own, a contact's card read by an older version).
        return cls.model_validate(
            {
                "name": public.name,
                "office": public.office,
                "fingerprint": public.fingerprint,
                "age_recipient": public.age_recipient,
                "signing_public_key": public.signing_public_key,
            },
            context=STORED,
        )

    @model_validator(mode="after")
    def _key_size(self) -> Party:
        if len(self.signing_public_key) != 32:
            raise ValueError("signing_public_key must be 32 bytes")
        return self


class RecordEntry(_Strict):
    id: uuid.UUID
    reference: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}-\d{4}-[A-Z]{2,5}-\d{4,}$")]
    kind: Literal["retaliation", "advice", "ydi", "training"]
    office: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,5}$")]
    revision: int = Field(ge=1)
    size: int = Field(ge=2, le=MAX_RECORD_BYTES)
    sha256: Sha256Hex  # of the member's bytes
    content_sha256: Sha256Hex  # of the record's content (without revision and timestamps)
    base_sha256: Sha256Hex | None = None  # content both sides last had in common, as the sender knows it

    @property
    def member(self) -> str:
        return f"records/{self.id}.json"


class AttachmentEntry(_Strict):
    id: uuid.UUID
    record_id: uuid.UUID
    size: int = Field(ge=0, le=MAX_ATTACHMENT_BYTES)
    sha256: Sha256Hex

    @property
    def member(self) -> str:
        return f"attachments/{self.id}"


class DocumentEntry(_Strict):
    name: DocumentName
    size: int = Field(ge=0, le=MAX_DOCUMENT_BYTES)
    sha256: Sha256Hex

    @property
    def member(self) -> str:
        return f"documents/{self.name}"


class Manifest(_Strict):
    """What the package holds, signed by its sender. Naming the recipients here is what makes a signed
    package impossible to re-encrypt to someone else unnoticed."""

    format: Literal["ecodesk-package"] = "ecodesk-package"
    format_version: Literal[1] = 1
    package_id: uuid.UUID
    kind: PackageKind
    created_at: dt.datetime
    sender: Party
    recipients: list[Party] = Field(min_length=1, max_length=MAX_RECIPIENTS)
    records: list[RecordEntry] = Field(default_factory=list, max_length=MAX_RECORDS)
    attachments: list[AttachmentEntry] = Field(default_factory=list, max_length=MAX_ATTACHMENTS)
    documents: list[DocumentEntry] = Field(default_factory=list, max_length=MAX_DOCUMENTS)
    acknowledges: uuid.UUID | None = None  # for kind 'acknowledgement': the package being acknowledged

    @model_validator(mode="after")
    def _consistent(self) -> Manifest:
        ids = [r.id for r in self.records]
        if len(set(ids)) != len(ids):
            raise ValueError("a record is listed twice")
        attachment_ids = [a.id for a in self.attachments]
        if len(set(attachment_ids)) != len(attachment_ids):
            raise ValueError("an attachment is listed twice")
        if not {a.record_id for a in self.attachments} <= set(ids):
            raise ValueError("an attachment belongs to no record of the package")
        names = [d.name for d in self.documents]
        if len(set(names)) != len(names):
            raise ValueError("a document is listed twice")
        if self.records and self.kind not in RECORD_KINDS:
            raise ValueError("only cases and advice packages carry records")
        if (self.kind == PackageKind.acknowledgement) != (self.acknowledges is not None):
            raise ValueError("an acknowledgement names the package it acknowledges, and only it")
        if sum(r.size for r in self.records) > MAX_RECORDS_BYTES:
            raise ValueError("the records are too large")
        if sum(d.size for d in self.documents) > MAX_DOCUMENTS_BYTES:
            raise ValueError("the documents are too large")
        if self.total_size() > MAX_TOTAL_BYTES:
            raise ValueError("the package is too large")
        return self

    def total_size(self) -> int:
        return (
            sum(r.size for r in self.records)
            + sum(a.size for a in self.attachments)
            + sum(d.size for d in self.documents)
        )

    def members(self) -> list[tuple[str, int, str]]:
        """(name, size, sha256) of every member after the signature, in the required order."""
        return (
            [(r.member, r.size, r.sha256) for r in self.records]
            + [(a.member, a.size, a.sha256) for a in self.attachments]
            + [(d.member, d.size, d.sha256) for d in self.documents]
        )

    def to_bytes(self) -> bytes:
        return self.model_dump_json(indent=1).encode("utf-8")


class AcknowledgedRecord(_Strict):
    id: uuid.UUID
    reference: str
    revision: int
    content_sha256: Sha256Hex


class Acknowledgement(_Strict):
    """``documents/ack.json`` of an acknowledgement package: what the recipient has received."""

    package_id: uuid.UUID
    received_at: dt.datetime
    records: list[AcknowledgedRecord] = Field(default_factory=list, max_length=MAX_RECORDS)
    attachments: list[uuid.UUID] = Field(default_factory=list, max_length=MAX_ATTACHMENTS)


ACK_DOCUMENT = "ack.json"


def is_document_name(name: str) -> bool:
    return bool(_DOCUMENT_NAME.match(name))


def record_bytes(record: AnyRecord) -> bytes:
    """The record as stored in ``records/<id>.json`` (UTF-8 JSON, readable with any JSON tool); the hash of its
    content is ``ecodesk.models.records.record_content_sha256``."""
    return record.model_dump_json(indent=1).encode("utf-8")
