"""What the vault remembers about package exchange, as the shapes other layers see: packages sent (outbox) and
received or refused (inbox), import conflicts, received statistics."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import BaseModel, Field

from ecodesk.jsontext import parse_json


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class PartyName(BaseModel):
    name: str
    office: str = ""
    fingerprint: str


class SentPackage(BaseModel):
    """One package in the outbox."""

    id: uuid.UUID
    kind: str
    created_at: dt.datetime
    recipients: list[PartyName]
    file_name: str = ""
    size: int = 0
    volumes: int = 1
    records: int = 0
    attachments: int = 0
    acknowledged_at: dt.datetime | None = None
    acknowledged_by: str | None = None
    ack_package_id: uuid.UUID | None = None

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class SentItem(BaseModel):
    record_id: uuid.UUID
    reference: str
    revision: int
    sha256: str  # content hash


class ReceivedPackage(BaseModel):
    """One package in the inbox: imported, or refused with the reason (a message template and its values)."""

    seq: int | None = None
    package_id: uuid.UUID | None = None
    status: Literal["imported", "refused"]
    reason: str = ""
    reason_params: dict[str, Any] = Field(default_factory=dict)
    kind: str = ""
    sender: str = ""
    sender_office: str = ""
    sender_fingerprint: str = ""
    unverified: bool = False
    created_at: dt.datetime | None = None
    received_at: dt.datetime = Field(default_factory=_now)
    file_name: str = ""
    summary: dict[str, Any] = Field(default_factory=dict)


class ImportConflict(BaseModel):
    """A record changed on both sides since the last exchange: both versions are kept as revisions."""

    id: uuid.UUID
    record_id: uuid.UUID
    reference: str
    local_revision: int
    incoming_revision: int
    package_id: uuid.UUID
    sender: str
    detected_at: dt.datetime
    resolved_at: dt.datetime | None = None
    resolution: str = ""


class ReceivedStats(BaseModel):
    """A statistics document received in a signed ``stats`` package (verified JSON bytes)."""

    package_id: uuid.UUID
    name: str
    sender: str
    sender_office: str
    created_at: dt.datetime
    received_at: dt.datetime
    unverified: bool = False
    body: bytes

    def parsed(self) -> Any:
        """The document as parsed JSON."""
        return parse_json(self.body)
