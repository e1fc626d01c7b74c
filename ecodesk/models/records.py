"""What the vault returns about records: summaries for lists, revisions, audit events, search filters."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field, TypeAdapter

from ecodesk.models.advice import AdviceRecord
from ecodesk.models.cases import RetaliationCase
from ecodesk.models.common import RecordKind
from ecodesk.models.programme import TrainingSession, YdiCampaign

AnyRecord = RetaliationCase | AdviceRecord | YdiCampaign | TrainingSession
Record = Annotated[AnyRecord, Field(discriminator="kind")]
record_adapter: TypeAdapter[AnyRecord] = TypeAdapter(Record)
# Kept by the vault, not by the officer: they differ from one vault to another for the same content.
MANAGED_FIELDS = frozenset({"revision", "created_at", "updated_at"})


def record_content(record: AnyRecord) -> str:
    """What the record says, as canonical JSON: without its revision number and timestamps."""
    body = record.model_dump(mode="json", exclude=set(MANAGED_FIELDS), warnings=False)
    return json.dumps(body, sort_keys=True, ensure_ascii=False)


def record_content_sha256(record: AnyRecord) -> str:
    """The hash of what the record says (compared across vaults when packages are exchanged)."""
    return hashlib.sha256(record_content(record).encode("utf-8")).hexdigest()


def sent_content_sha256(body: dict[str, object]) -> str:
    """The content hash of a record as its sender's version wrote it (``body`` is the record's JSON object).

    Equal to ``record_content_sha256`` for a record of this version; for a record written before a field was
    reshaped (an advice record's single ``category`` before schema 11) it is the hash the sender computed."""
    content = {key: value for key, value in body.items() if key not in MANAGED_FIELDS}
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


class RecordSummary(BaseModel):
    """One row of a case or advice list (no narrative text: lists stay light and fast)."""

    id: uuid.UUID
    kind: RecordKind
    reference: str
    title: str
    status: str
    office: str
    person: str  # complainant or requester (empty when anonymous)
    category: str = ""
    received_on: dt.date
    due_on: dt.date | None = None
    revision: int
    updated_at: dt.datetime
    follow_up_on: dt.date | None = None  # cases: the next protective-measure follow-up (schema 10)


class Revision(BaseModel):
    record_id: uuid.UUID
    revision: int
    saved_at: dt.datetime
    saved_by: str
    origin: str  # "local", "import:<package id>", "conflict:<package id>"


class AuditEvent(BaseModel):
    seq: int
    at: dt.datetime
    action: str
    record_id: uuid.UUID | None = None
    reference: str = ""
    detail: dict[str, object] = Field(default_factory=dict)
    prev_hash: str
    hash: str


class ShelfState(StrEnum):
    """How this office set a record aside (kept out of the lists, never deleted)."""

    archived = "archived"  # finished with; can be restored
    withdrawn = "withdrawn"  # created in error; final


class ShelfEntry(BaseModel):
    state: ShelfState
    at: dt.datetime
    by: str
    reason: str = ""


class SearchQuery(BaseModel):
    """Filters for lists and search; all optional and combined with AND."""

    text: str = ""
    kind: RecordKind | None = None
    status: str | None = None
    office: str | None = None
    category: str | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    overdue_on: dt.date | None = None  # only open records whose due date is before this day
    due_before: dt.date | None = None  # only open records due on or before this day
    include_set_aside: bool = False  # also archived and withdrawn records (hidden by default)
    follow_up_before: dt.date | None = None  # only cases with a measure to follow up on or before this day
    order_by: str = "received_on"
    descending: bool = True
    limit: int | None = 500
    offset: int = 0
