"""What the vault returns about records: summaries for lists, revisions, audit events, search filters."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, Field, TypeAdapter

from ecodesk.models.advice import AdviceRecord
from ecodesk.models.cases import RetaliationCase
from ecodesk.models.common import RecordKind

Record = Annotated[RetaliationCase | AdviceRecord, Field(discriminator="kind")]
record_adapter: TypeAdapter[RetaliationCase | AdviceRecord] = TypeAdapter(Record)


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
    follow_up_before: dt.date | None = None  # only cases with a measure to follow up on or before this day
    order_by: str = "received_on"
    descending: bool = True
    limit: int | None = 500
    offset: int = 0
