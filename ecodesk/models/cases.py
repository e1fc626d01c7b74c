"""The retaliation case: complainant, protected activities, detrimental actions, evidence and assessment.

The legal test (DESIGN.md section 1): a prima facie case needs (1) a protected activity, (2) a detrimental
action and (3) the activity being a contributing factor in the action.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Literal

from pydantic import Field

from ecodesk.i18n import N_
from ecodesk.models.common import (
    AttachmentRef,
    LongText,
    Person,
    RecordBase,
    RecordDate,
    ShortText,
    StrictModel,
    new_id,
)
from ecodesk.models.recusal import Recusal
from ecodesk.models.workflow import (
    ActionStatus,
    Closure,
    GoodFaith,
    HQDecision,
    HQSubmission,
    InformationRequest,
    MeasureFollowUp,
    RequestKind,
)


class CaseStatus(StrEnum):
    received = "received"
    in_assessment = "in_assessment"
    assessed = "assessed"
    referred = "referred"
    closed = "closed"
    # After the preliminary assessment (the case's life at HQ and with the Administration):
    awaiting_hq = "awaiting_hq"
    hq_determined = "hq_determined"
    investigation_received = "investigation_received"
    finally_determined = "finally_determined"
    awaiting_administration = "awaiting_administration"


CASE_STATUS_LABELS: dict[CaseStatus, str] = {
    CaseStatus.received: N_("Awaiting assessment"),  # "Received" is also a date column's heading
    CaseStatus.in_assessment: N_("In assessment"),
    CaseStatus.assessed: N_("Assessed"),
    CaseStatus.referred: N_("Referred for investigation"),
    CaseStatus.closed: N_("Closed"),
    CaseStatus.awaiting_hq: N_("Assessment completed, awaiting HQ"),
    CaseStatus.hq_determined: N_("Determined by the Chief of the Ethics Office"),
    CaseStatus.investigation_received: N_("Investigation report received"),
    CaseStatus.finally_determined: N_("Final determination made"),
    CaseStatus.awaiting_administration: N_("Awaiting the Administration"),
}

OPEN_CASE_STATUSES = (CaseStatus.received, CaseStatus.in_assessment)


class ProtectedActivityKind(StrEnum):
    reported_to_oversight = "reported_to_oversight"
    reporting_platform = "reporting_platform"
    reported_to_supervisor = "reported_to_supervisor"
    reported_to_head_of_office = "reported_to_head_of_office"
    cooperated_with_audit = "cooperated_with_audit"
    cooperated_with_investigation = "cooperated_with_investigation"
    reported_to_ethics_office = "reported_to_ethics_office"
    reported_to_pseah_channel = "reported_to_pseah_channel"
    reported_to_external_body = "reported_to_external_body"
    other = "other"


PROTECTED_ACTIVITY_LABELS: dict[ProtectedActivityKind, str] = {
    ProtectedActivityKind.reported_to_oversight: N_("Reported misconduct to the internal oversight office"),
    ProtectedActivityKind.reporting_platform: N_("Reported misconduct through the reporting platform"),
    ProtectedActivityKind.reported_to_supervisor: N_("Reported misconduct to a supervisor"),
    ProtectedActivityKind.reported_to_head_of_office: N_("Reported misconduct to the head of office"),
    ProtectedActivityKind.cooperated_with_audit: N_("Cooperated with a duly authorized audit"),
    ProtectedActivityKind.cooperated_with_investigation: N_("Cooperated with a duly authorized investigation"),
    ProtectedActivityKind.reported_to_ethics_office: N_("Reported misconduct to the Ethics Office"),
    ProtectedActivityKind.reported_to_pseah_channel: N_(
        "Reported sexual exploitation, abuse or harassment through the PSEAH channel"
    ),
    ProtectedActivityKind.reported_to_external_body: N_(
        "Reported misconduct to an external body, where the policy allows it"
    ),
    ProtectedActivityKind.other: N_("Other protected activity"),
}


class DetrimentalActionKind(StrEnum):
    non_renewal = "non_renewal"
    termination = "termination"
    poor_appraisal = "poor_appraisal"
    removal_of_duties = "removal_of_duties"
    reassignment = "reassignment"
    denial_of_promotion = "denial_of_promotion"
    denial_of_training = "denial_of_training"
    threat = "threat"
    harassment = "harassment"
    exclusion = "exclusion"
    other = "other"


DETRIMENTAL_ACTION_LABELS: dict[DetrimentalActionKind, str] = {
    DetrimentalActionKind.non_renewal: N_("Non-renewal of contract"),
    DetrimentalActionKind.termination: N_("Termination of contract"),
    DetrimentalActionKind.poor_appraisal: N_("Poor performance appraisal"),
    DetrimentalActionKind.removal_of_duties: N_("Removal of duties"),
    DetrimentalActionKind.reassignment: N_("Reassignment"),
    DetrimentalActionKind.denial_of_promotion: N_("Denial of promotion"),
    DetrimentalActionKind.denial_of_training: N_("Denial of training"),
    DetrimentalActionKind.threat: N_("Threat"),
    DetrimentalActionKind.harassment: N_("Harassment"),
    DetrimentalActionKind.exclusion: N_("Exclusion"),
    DetrimentalActionKind.other: N_("Other detrimental action"),
}


class EvidenceKind(StrEnum):
    complainant_statement = "complainant_statement"
    protected_activity_proof = "protected_activity_proof"
    contested_decision = "contested_decision"
    appraisals = "appraisals"
    contract_history = "contract_history"
    communications = "communications"
    witness = "witness"
    comparator_treatment = "comparator_treatment"
    stated_reasons = "stated_reasons"
    other = "other"


EVIDENCE_KIND_LABELS: dict[EvidenceKind, str] = {
    EvidenceKind.complainant_statement: N_("Complainant's statement"),
    EvidenceKind.protected_activity_proof: N_("Proof and date of the protected activity"),
    EvidenceKind.contested_decision: N_("Contested decision and its date"),
    EvidenceKind.appraisals: N_("Performance appraisals before and after"),
    EvidenceKind.contract_history: N_("Contract history"),
    EvidenceKind.communications: N_("E-mails and messages"),
    EvidenceKind.witness: N_("Witness details"),
    EvidenceKind.comparator_treatment: N_("Treatment of comparable staff"),
    EvidenceKind.stated_reasons: N_("Decision-maker's stated reasons"),
    EvidenceKind.other: N_("Other evidence"),
}


class EvidenceStatus(StrEnum):
    obtained = "obtained"
    requested = "requested"
    not_available = "not_available"
    not_applicable = "not_applicable"
    missing = "missing"


EVIDENCE_STATUS_LABELS: dict[EvidenceStatus, str] = {
    EvidenceStatus.obtained: N_("Obtained"),
    EvidenceStatus.requested: N_("Requested"),
    EvidenceStatus.not_available: N_("Not available"),
    EvidenceStatus.not_applicable: N_("Not applicable"),
    EvidenceStatus.missing: N_("Not yet requested"),
}


class Determination(StrEnum):
    no_prima_facie_case = "no_prima_facie_case"
    prima_facie_case = "prima_facie_case"
    out_of_mandate = "out_of_mandate"
    out_of_time = "out_of_time"
    preventive_protection = "preventive_protection"


DETERMINATION_LABELS: dict[Determination, str] = {
    Determination.no_prima_facie_case: N_("No prima facie case of retaliation"),
    Determination.prima_facie_case: N_("Prima facie case of retaliation: referral for investigation"),
    Determination.out_of_mandate: N_("Complaint outside the mandate"),
    Determination.out_of_time: N_("Complaint filed out of time"),
    Determination.preventive_protection: N_("Preventive protection warranted: measures recommended"),
}


class ProtectiveMeasure(StrEnum):
    suspension_of_action = "suspension_of_action"
    temporary_reassignment = "temporary_reassignment"
    special_leave = "special_leave"
    other = "other"


PROTECTIVE_MEASURE_LABELS: dict[ProtectiveMeasure, str] = {
    ProtectiveMeasure.suspension_of_action: N_("Suspension of the contested action"),
    ProtectiveMeasure.temporary_reassignment: N_("Temporary reassignment"),
    ProtectiveMeasure.special_leave: N_("Special leave with full pay"),
    ProtectiveMeasure.other: N_("Other interim protective measure"),
}


class RecommendedMeasure(StrictModel):
    """An interim protective measure recommended in the assessment: its type and what it means in this case."""

    kind: ProtectiveMeasure = ProtectiveMeasure.other
    details: LongText = ""


class AllegedRetaliator(Person):
    role: ShortText = ""
    knew_of_protected_activity: bool | None = None


class ProtectedActivity(StrictModel):
    id: uuid.UUID = Field(default_factory=new_id)
    kind: ProtectedActivityKind = ProtectedActivityKind.other
    date: RecordDate | None = None
    description: LongText = ""
    reported_to: ShortText = ""


class DetrimentalAction(StrictModel):
    id: uuid.UUID = Field(default_factory=new_id)
    kind: DetrimentalActionKind = DetrimentalActionKind.other
    date: RecordDate | None = None
    description: LongText = ""
    decision_maker: ShortText = ""  # who decided, threatened or recommended it
    action_status: ActionStatus = ActionStatus.taken


class EvidenceItem(StrictModel):
    id: uuid.UUID = Field(default_factory=new_id)
    kind: EvidenceKind = EvidenceKind.other
    title: ShortText = ""
    status: EvidenceStatus = EvidenceStatus.missing
    source: ShortText = ""
    date: RecordDate | None = None
    notes: LongText = ""
    consent_to_contact: bool | None = None  # witnesses: may they be contacted?
    attachments: list[AttachmentRef] = Field(default_factory=list)


class StatedReason(StrictModel):
    """One sentence of reasoning kept as a message id and its arguments, so that each memo states it in its own
    language: ``terms`` are message ids translated in turn, ``numbers`` and ``dates`` are formatted per language.
    Never holds confidential values."""

    message: str
    terms: dict[str, str] = Field(default_factory=dict)
    numbers: dict[str, int] = Field(default_factory=dict)
    dates: dict[str, RecordDate] = Field(default_factory=dict)


class ElementFinding(StrictModel):
    """The officer's finding on one prima facie element, with the evidence items relied on.

    ``reasons`` is the reasoning the rules derived (rendered in the reader's language); ``reasoning`` is free
    text in the officer's own words, printed as typed and marked as such.
    """

    established: bool | None = None
    reasoning: LongText = ""
    evidence_ids: list[uuid.UUID] = Field(default_factory=list)
    reasons: list[StatedReason] = Field(default_factory=list)


class VerificationBody(StrEnum):
    oversight_office = "oversight_office"
    administration = "administration"


VERIFICATION_BODY_LABELS: dict[VerificationBody, str] = {
    VerificationBody.oversight_office: N_("Internal oversight office"),
    VerificationBody.administration: N_("The Administration"),
}


class VerificationAnswer(StrEnum):
    pending = "pending"
    confirmed = "confirmed"
    not_confirmed = "not_confirmed"


VERIFICATION_ANSWER_LABELS: dict[VerificationAnswer, str] = {
    VerificationAnswer.pending: N_("No answer yet"),
    VerificationAnswer.confirmed: N_("Confirmed"),
    VerificationAnswer.not_confirmed: N_("Not confirmed"),
}

VerifiedElement = Literal["protected_activity", "detrimental_action", "contributing_factor"]


class Verification(StrictModel):
    """A point of the complaint checked with the oversight office or the Administration (e.g. that the
    complainant cooperated with an investigation): when it was asked, and the answer."""

    id: uuid.UUID = Field(default_factory=new_id)
    element: VerifiedElement = "protected_activity"
    body: VerificationBody = VerificationBody.oversight_office
    asked_on: RecordDate | None = None
    answered_on: RecordDate | None = None
    answer: VerificationAnswer = VerificationAnswer.pending
    notes: LongText = ""


class PrimaFacieAssessment(StrictModel):
    """The preliminary assessment of a retaliation complaint (filled by the wizard or the editor)."""

    within_mandate: bool | None = None
    filed_in_time: bool | None = None
    protected_activity: ElementFinding = Field(default_factory=ElementFinding)
    detrimental_action: ElementFinding = Field(default_factory=ElementFinding)
    contributing_factor: ElementFinding = Field(default_factory=ElementFinding)
    determination: Determination | None = None
    override_reason: LongText = ""
    protective_measures: list[ProtectiveMeasure] = Field(default_factory=list)
    recommendations: LongText = ""
    conclusion: LongText = ""
    answers: dict[str, object] = Field(default_factory=dict)  # wizard answers, kept as the wizard saved them
    completed_on: RecordDate | None = None
    suggested_determination: Determination | None = None  # what the rules suggested (the officer may override)
    measure_details: list[RecommendedMeasure] = Field(default_factory=list)  # protective_measures with details
    redirect_to: LongText = ""  # outside the mandate: where the matter can be taken instead (officer's words)


def assessment_deadline(received_on: dt.date, assessment_days: int) -> dt.date:
    """When the preliminary assessment of a complaint received on ``received_on`` is due (the office's limit in
    days, ``OfficeSettings.assessment_days``). The one place this rule is written."""
    return received_on + dt.timedelta(days=assessment_days)


# The workflow models name these enums (defined above); complete them before the case uses them.
HQDecision.model_rebuild(_types_namespace={"Determination": Determination})
MeasureFollowUp.model_rebuild(_types_namespace={"ProtectiveMeasure": ProtectiveMeasure})


class RetaliationCase(RecordBase):
    kind: Literal["retaliation"] = "retaliation"
    title: ShortText = Field(min_length=1)
    summary: LongText = ""
    status: CaseStatus = CaseStatus.received
    received_on: RecordDate
    assessment_due_on: RecordDate | None = None  # set from the office's deadline rule when first saved
    complainant: Person = Field(default_factory=Person)
    complainant_consents_to_disclosure: bool | None = None
    alleged_retaliators: list[AllegedRetaliator] = Field(default_factory=list)
    protected_activities: list[ProtectedActivity] = Field(default_factory=list)
    detrimental_actions: list[DetrimentalAction] = Field(default_factory=list)
    evidence: list[EvidenceItem] = Field(default_factory=list)
    verifications: list[Verification] = Field(default_factory=list)
    assessment: PrimaFacieAssessment = Field(default_factory=PrimaFacieAssessment)
    recusal: Recusal | None = None  # set: transferred to headquarters, the flagging office cannot assess it
    # The case's life around and after the assessment (ecodesk/casework):
    request_kind: RequestKind = RequestKind.retaliation
    good_faith: GoodFaith = Field(default_factory=GoodFaith)
    information_requests: list[InformationRequest] = Field(default_factory=list)
    measures: list[MeasureFollowUp] = Field(default_factory=list)
    submission: HQSubmission = Field(default_factory=HQSubmission)
    hq_decision: HQDecision = Field(default_factory=HQDecision)
    closure: Closure = Field(default_factory=Closure)

    def evidence_item(self, key: str) -> EvidenceItem | None:
        """The evidence item whose id, id prefix, kind or title is ``key`` (case-insensitive)."""
        wanted = key.strip().lower()
        for item in self.evidence:
            if wanted in (str(item.id), item.kind.value, item.title.lower()) or (
                len(wanted) >= 6 and str(item.id).startswith(wanted)
            ):
                return item
        return None

    def is_open(self) -> bool:
        return self.status in OPEN_CASE_STATUSES

    def deadline(self) -> dt.date | None:
        """When the assessment is due under the clock rule (ecodesk/models/clock.py); None while paused."""
        from ecodesk.models.clock import assessment_deadline

        return assessment_deadline(self)

    def days_left(self, today: dt.date) -> int | None:
        """Days until the assessment is due (negative when overdue); None once the assessment is completed (the
        clock stops), while information requested is awaited (the clock is paused) or with no due date."""
        from ecodesk.models.clock import days_left

        return days_left(self, today)
