"""The confidential ethics advice record."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from ecodesk.i18n import N_
from ecodesk.models.common import LongText, RecordBase, RecordDate, ShortText, StrictModel


class AdviceCategory(StrEnum):
    conflict_of_interest = "conflict_of_interest"
    gifts = "gifts"
    outside_activities = "outside_activities"
    relatives = "relatives"
    political_activities = "political_activities"
    media = "media"
    social_media = "social_media"
    use_of_property = "use_of_property"
    declaration_of_interest = "declaration_of_interest"
    other = "other"


ADVICE_CATEGORY_LABELS: dict[AdviceCategory, str] = {
    AdviceCategory.conflict_of_interest: N_("Conflict of interest"),
    AdviceCategory.gifts: N_("Gifts, honours and remuneration"),
    AdviceCategory.outside_activities: N_("Outside employment and activities"),
    AdviceCategory.relatives: N_("Relatives in the workplace"),
    AdviceCategory.political_activities: N_("Political activities"),
    AdviceCategory.media: N_("Media contact"),
    AdviceCategory.social_media: N_("Use of social media and information"),
    AdviceCategory.use_of_property: N_("Use of property and assets"),
    AdviceCategory.declaration_of_interest: N_("Declaration of interest"),
    AdviceCategory.other: N_("Other"),
}


class AdviceStatus(StrEnum):
    open = "open"
    answered = "answered"
    closed = "closed"


ADVICE_STATUS_LABELS: dict[AdviceStatus, str] = {
    AdviceStatus.open: N_("Open"),
    AdviceStatus.answered: N_("Advice given"),
    AdviceStatus.closed: N_("Closed"),
}


class Requester(StrictModel):
    anonymous: bool = False
    name: ShortText = ""
    position: ShortText = ""
    office: ShortText = ""
    email: ShortText = ""


class AdviceRecord(RecordBase):
    kind: Literal["advice"] = "advice"
    category: AdviceCategory
    status: AdviceStatus = AdviceStatus.open
    requester: Requester = Field(default_factory=Requester)
    question: LongText = Field(min_length=1)
    advice: LongText = ""
    standards_references: list[ShortText] = Field(default_factory=list)
    received_on: RecordDate
    advised_on: RecordDate | None = None
    follow_up: LongText = ""
    follow_up_on: RecordDate | None = None

    @property
    def title(self) -> str:
        """A one-line title for lists: the start of the question."""
        first = self.question.splitlines()[0] if self.question else ""
        return first if len(first) <= 80 else first[:79] + "…"
