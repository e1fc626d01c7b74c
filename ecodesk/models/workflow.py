"""The case's life after the preliminary assessment, and what runs beside it.

- information requests that stop the assessment clock until the information arrives;
- how each detrimental action stands (taken, threatened or recommended);
- the submission to HQ and HQ's decisions (the Chief's determination, referral to the oversight office, the
  investigation report, the final determination with the clear-and-convincing test, corrective measures,
  disciplinary referral) — only HQ writes ``HQDecision``;
- interim protective measures with the complainant's consent and the Administration's response;
- closure and the letter to the complainant.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import Field

from ecodesk.i18n import N_
from ecodesk.models.common import LongText, RecordDate, ShortText, StrictModel, new_id

if TYPE_CHECKING:  # defined in cases.py, which imports this module; resolved there by model_rebuild()
    from ecodesk.models.cases import Determination, ProtectiveMeasure


class RequestKind(StrEnum):
    """What the person asks the Ethics Office for."""

    retaliation = "retaliation"  # protection against retaliation already taken, threatened or recommended
    preventive = "preventive"  # protection before any retaliation: at risk after reporting


REQUEST_KIND_LABELS: dict[RequestKind, str] = {
    RequestKind.retaliation: N_("Complaint of retaliation"),
    RequestKind.preventive: N_("Request for preventive protection"),
}


class ActionStatus(StrEnum):
    taken = "taken"
    threatened = "threatened"
    recommended = "recommended"


ACTION_STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.taken: N_("Taken"),
    ActionStatus.threatened: N_("Threatened"),
    ActionStatus.recommended: N_("Recommended"),
}


class InformationRequest(StrictModel):
    """Information the officer asked for: the assessment clock stops until it is received."""

    id: uuid.UUID = Field(default_factory=new_id)
    requested_on: RecordDate
    what: ShortText = ""
    requested_from: ShortText = ""
    received_on: RecordDate | None = None


class HQSubmission(StrictModel):
    """The regional office's submission of its completed assessment to HQ."""

    submitted_on: RecordDate | None = None
    package_id: ShortText = ""


class ReviewOutcome(StrEnum):
    endorsed = "endorsed"
    changed = "changed"


REVIEW_OUTCOME_LABELS: dict[ReviewOutcome, str] = {
    ReviewOutcome.endorsed: N_("Endorsed"),
    ReviewOutcome.changed: N_("Changed"),
}


class FinalOutcome(StrEnum):
    retaliation_established = "retaliation_established"
    retaliation_not_established = "retaliation_not_established"


FINAL_OUTCOME_LABELS: dict[FinalOutcome, str] = {
    FinalOutcome.retaliation_established: N_("Retaliation established"),
    FinalOutcome.retaliation_not_established: N_("Retaliation not established"),
}


class HQDecision(StrictModel):
    """What HQ decides (accepted from HQ only when it arrives in a package)."""

    reviewed_by: ShortText = ""
    reviewed_on: RecordDate | None = None
    review_outcome: ReviewOutcome | None = None
    review_reasons: LongText = ""
    determination: Determination | None = None  # the Chief's determination
    determined_by: ShortText = ""
    determined_on: RecordDate | None = None
    referred_on: RecordDate | None = None  # to the oversight office for investigation
    oversight_reference: ShortText = ""
    expected_completion: RecordDate | None = None
    investigation_received_on: RecordDate | None = None
    investigation_summary: LongText = ""
    final_outcome: FinalOutcome | None = None
    final_determined_on: RecordDate | None = None
    # The clear-and-convincing test: the Organization's evidence that it would have taken the same action
    # absent the protected activity, and whether that evidence met the standard.
    organization_evidence: LongText = ""
    clear_and_convincing: bool | None = None
    corrective_measures: LongText = ""
    corrective_recommended_on: RecordDate | None = None
    disciplinary_referral_on: RecordDate | None = None
    disciplinary_referral_to: ShortText = ""

    def is_empty(self) -> bool:
        return self == HQDecision()


class MeasureResponse(StrEnum):
    pending = "pending"
    accepted = "accepted"
    implemented = "implemented"
    declined = "declined"


MEASURE_RESPONSE_LABELS: dict[MeasureResponse, str] = {
    MeasureResponse.pending: N_("Awaiting the Administration"),
    MeasureResponse.accepted: N_("Accepted"),
    MeasureResponse.implemented: N_("Implemented"),
    MeasureResponse.declined: N_("Declined"),
}


class MeasureFollowUp(StrictModel):
    """One protective measure recommended to the Administration, followed until it is implemented or declined."""

    id: uuid.UUID = Field(default_factory=new_id)
    kind: ProtectiveMeasure = Field(default="other", validate_default=True)
    details: LongText = ""
    interim: bool = True  # recommended before the assessment is complete
    complainant_consents: bool | None = None  # required for reassignment or special leave
    recommended_to: ShortText = ""
    recommended_on: RecordDate | None = None
    response: MeasureResponse = MeasureResponse.pending
    accepted_on: RecordDate | None = None
    implemented_on: RecordDate | None = None
    declined_on: RecordDate | None = None
    follow_up_on: RecordDate | None = None
    notes: LongText = ""

    def is_pending(self) -> bool:
        return self.response in (MeasureResponse.pending, MeasureResponse.accepted)


class Closure(StrictModel):
    closed_on: RecordDate | None = None
    letter_sent_on: RecordDate | None = None  # the letter informing the complainant of the outcome
    notes: LongText = ""


class GoodFaith(StrictModel):
    """Good faith is presumed: the question is whether anything indicates the report was knowingly false.

    The complainant does not have to prove good faith; an indication is recorded with its basis.
    """

    indication_of_bad_faith: bool | None = None
    notes: LongText = ""


def next_follow_up(measures: list[MeasureFollowUp]) -> dt.date | None:
    """The earliest follow-up date of the measures still awaiting the Administration's action."""
    dates = [m.follow_up_on for m in measures if m.is_pending() and m.follow_up_on is not None]
    return min(dates, default=None)


__all__ = [
    "ACTION_STATUS_LABELS",
    "FINAL_OUTCOME_LABELS",
    "MEASURE_RESPONSE_LABELS",
    "REQUEST_KIND_LABELS",
    "REVIEW_OUTCOME_LABELS",
    "ActionStatus",
    "Closure",
    "FinalOutcome",
    "GoodFaith",
    "HQDecision",
    "HQSubmission",
    "InformationRequest",
    "MeasureFollowUp",
    "MeasureResponse",
    "RequestKind",
    "ReviewOutcome",
    "next_follow_up",
]
