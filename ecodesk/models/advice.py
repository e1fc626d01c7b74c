"""The confidential ethics advice record."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, model_validator

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
    # The situations of caution of the Standards of Conduct for the International Civil Service (2013).
    relations_with_governments = "relations_with_governments"
    relations_with_public = "relations_with_public"
    local_customs = "local_customs"
    personal_conduct = "personal_conduct"
    financial_holdings = "financial_holdings"
    post_employment = "post_employment"
    reporting_and_protection = "reporting_and_protection"
    financial_disclosure = "financial_disclosure"
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
    AdviceCategory.relations_with_governments: N_("Relations with governments"),
    AdviceCategory.relations_with_public: N_("Relations with the public"),
    AdviceCategory.local_customs: N_("Local customs"),
    AdviceCategory.personal_conduct: N_("Personal conduct"),
    AdviceCategory.financial_holdings: N_("Financial holdings"),
    AdviceCategory.post_employment: N_("Post-employment"),
    AdviceCategory.reporting_and_protection: N_("Reporting channels and protection against retaliation"),
    AdviceCategory.financial_disclosure: N_("Financial disclosure"),
    AdviceCategory.other: N_("Other"),
}


class RequesterType(StrEnum):
    """Who asked: advice to managers (the Administration) and to non-staff personnel is counted apart."""

    staff_member = "staff_member"
    manager = "manager"
    non_staff = "non_staff"


REQUESTER_TYPE_LABELS: dict[RequesterType, str] = {
    RequesterType.staff_member: N_("Staff member"),
    RequesterType.manager: N_("Manager or the Administration"),
    RequesterType.non_staff: N_("Non-staff personnel"),
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
    categories: list[AdviceCategory] = Field(min_length=1, max_length=len(AdviceCategory))
    status: AdviceStatus = AdviceStatus.open
    requester: Requester = Field(default_factory=Requester)
    requester_type: RequesterType | None = None  # None: not recorded (records made before schema 11)
    question: LongText = Field(min_length=1)
    advice: LongText = ""
    standards_references: list[ShortText] = Field(default_factory=list)
    received_on: RecordDate
    advised_on: RecordDate | None = None
    follow_up: LongText = ""
    follow_up_on: RecordDate | None = None

    @model_validator(mode="before")
    @classmethod
    def _single_category(cls, data: Any) -> Any:
        """Records of earlier versions (vaults, packages, JSON files) have one ``category``: a list of one."""
        if isinstance(data, dict) and "category" in data:
            data = dict(data)
            single = data.pop("category")
            if "categories" not in data:
                data["categories"] = [single]
        if isinstance(data, dict) and isinstance(data.get("categories"), list):
            seen: list[Any] = []
            for value in data["categories"]:
                if value not in seen:
                    seen.append(value)
            data = {**data, "categories": seen}
        return data

    @property
    def category(self) -> AdviceCategory:
        """The first (main) category."""
        return self.categories[0]

    def is_open(self) -> bool:
        return self.status == AdviceStatus.open

    @property
    def title(self) -> str:
        """A one-line title for lists: the start of the question."""
        first = self.question.splitlines()[0] if self.question else ""
        return first if len(first) <= 80 else first[:79] + "…"
