"""The regional ethics programme: the Yearly Declaration of Interest campaign and training/outreach sessions.

Both are records like cases and advice (encrypted in the vault, with revisions, audit and full-text search, and
exchanged in packages): ``YDI-2026-DKR-0001`` is the office's campaign for 2026, ``TRN-2026-DKR-0001`` a session.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from ecodesk.i18n import N_
from ecodesk.models.common import LongText, RecordBase, RecordDate, ShortText, StrictModel, new_id


class FilerCategory(StrEnum):
    """Why a person must file: the groups the YDI programme covers."""

    senior_official = "senior_official"  # grades D1 and above
    head_of_office = "head_of_office"
    chief_of_mission = "chief_of_mission"
    resource_management = "resource_management"


FILER_CATEGORY_LABELS: dict[FilerCategory, str] = {
    FilerCategory.senior_official: N_("Grade D1 and above"),
    FilerCategory.head_of_office: N_("Head of office"),
    FilerCategory.chief_of_mission: N_("Chief of mission"),
    FilerCategory.resource_management: N_("Resource-management officer"),
}


class FilingStatus(StrEnum):
    not_filed = "not_filed"
    received = "received"
    reviewed = "reviewed"


FILING_STATUS_LABELS: dict[FilingStatus, str] = {
    FilingStatus.not_filed: N_("Not filed"),
    FilingStatus.received: N_("Received"),
    FilingStatus.reviewed: N_("Reviewed"),
}


class Filer(StrictModel):
    """One person on the campaign's list, with the follow-up of their declaration."""

    id: uuid.UUID = Field(default_factory=new_id)
    name: ShortText = Field(min_length=1)
    category: FilerCategory
    grade: ShortText = ""
    office: ShortText = ""
    email: ShortText = ""
    received_on: RecordDate | None = None
    reviewed_on: RecordDate | None = None
    conflict_found: bool = False
    recommendations: LongText = ""
    reminders: list[RecordDate] = Field(default_factory=list)  # the days a reminder was sent

    @property
    def status(self) -> FilingStatus:
        if self.reviewed_on is not None:
            return FilingStatus.reviewed
        return FilingStatus.received if self.received_on is not None else FilingStatus.not_filed


class CampaignStatus(StrEnum):
    open = "open"
    closed = "closed"


CAMPAIGN_STATUS_LABELS: dict[CampaignStatus, str] = {
    CampaignStatus.open: N_("Open"),
    CampaignStatus.closed: N_("Closed"),
}


class CampaignCounts(BaseModel):
    filers: int
    received: int
    reviewed: int
    not_filed: int
    conflicts: int
    recommendations: int
    late: int  # received after the due date
    compliance_percent: int  # forms received out of filers (0 with no filer)


class YdiCampaign(RecordBase):
    """One office's Yearly Declaration of Interest campaign."""

    kind: Literal["ydi"] = "ydi"
    year: int = Field(ge=1900, le=2999)
    status: CampaignStatus = CampaignStatus.open
    opened_on: RecordDate
    due_on: RecordDate
    filers: list[Filer] = Field(default_factory=list)

    @property
    def received_on(self) -> dt.date:
        """The campaign is listed and counted by the day it opened."""
        return self.opened_on

    @property
    def title(self) -> str:
        return f"YDI {self.year}"

    def is_open(self) -> bool:
        return self.status == CampaignStatus.open

    def filer(self, key: str) -> Filer | None:
        """The filer whose id, id prefix (6+ characters), name or e-mail is ``key`` (case-insensitive)."""
        wanted = key.strip().casefold()
        for filer in self.filers:
            if wanted in (str(filer.id), filer.name.casefold(), filer.email.casefold() or None) or (
                len(wanted) >= 6 and str(filer.id).startswith(wanted)
            ):
                return filer
        return None

    def not_filed(self) -> list[Filer]:
        return [f for f in self.filers if f.received_on is None]

    def counts(self) -> CampaignCounts:
        received = [f for f in self.filers if f.received_on is not None]
        return CampaignCounts(
            filers=len(self.filers),
            received=len(received),
            reviewed=sum(1 for f in self.filers if f.reviewed_on is not None),
            not_filed=len(self.filers) - len(received),
            conflicts=sum(1 for f in self.filers if f.conflict_found),
            recommendations=sum(1 for f in self.filers if f.recommendations),
            late=sum(1 for f in received if f.received_on is not None and f.received_on > self.due_on),
            compliance_percent=(100 * len(received) // len(self.filers)) if self.filers else 0,
        )


class TrainingAudience(StrEnum):
    all_staff = "all_staff"
    managers = "managers"
    new_staff = "new_staff"
    non_staff = "non_staff"
    focal_points = "focal_points"
    external = "external"


TRAINING_AUDIENCE_LABELS: dict[TrainingAudience, str] = {
    TrainingAudience.all_staff: N_("All staff"),
    TrainingAudience.managers: N_("Managers"),
    TrainingAudience.new_staff: N_("New staff (induction)"),
    TrainingAudience.non_staff: N_("Non-staff personnel"),
    TrainingAudience.focal_points: N_("Ethics focal points"),
    TrainingAudience.external: N_("Partners and the public"),
}


class TrainingStatus(StrEnum):
    planned = "planned"
    held = "held"


TRAINING_STATUS_LABELS: dict[TrainingStatus, str] = {
    TrainingStatus.planned: N_("Planned"),
    TrainingStatus.held: N_("Held"),
}


class TrainingSession(RecordBase):
    """A training or outreach session; ``language`` (from RecordBase) is the language it was given in."""

    kind: Literal["training"] = "training"
    title: ShortText = Field(min_length=1)
    status: TrainingStatus = TrainingStatus.held
    held_on: RecordDate
    place: ShortText = ""
    audience: TrainingAudience = TrainingAudience.all_staff
    participants: int = Field(default=0, ge=0, le=1_000_000)

    @property
    def received_on(self) -> dt.date:
        """Sessions are listed and counted by the day they were held."""
        return self.held_on

    def is_open(self) -> bool:
        return self.status == TrainingStatus.planned
