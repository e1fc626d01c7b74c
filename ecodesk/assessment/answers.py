"""What the officer answers in the assessment wizard: the file ``ecodesk assess REF --answers FILE`` reads and
the structure the wizard saves (in the case's ``assessment.answers``, and as a draft while a page is edited).

Every answer is optional until the step that asks for it is validated (``ecodesk.assessment.steps``): a
partial file is a valid draft. Unknown fields are refused and named.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Literal

from pydantic import Field

from ecodesk.models import (
    AllegedRetaliator,
    Determination,
    DetrimentalAction,
    EvidenceKind,
    EvidenceStatus,
    Person,
    ProtectedActivity,
    RetaliationCase,
    Verification,
)
from ecodesk.models.cases import RecommendedMeasure
from ecodesk.models.common import STORED, LongText, RecordDate, ShortText, StrictModel
from ecodesk.models.workflow import RequestKind


class Step(StrEnum):
    """The wizard's steps, in order (``ecodesk.assessment.steps`` decides which one comes next)."""

    complaint = "complaint"
    mandate = "mandate"
    protected_activity = "protected_activity"
    detrimental_action = "detrimental_action"
    timeliness = "timeliness"
    link = "link"
    evidence = "evidence"
    finding = "finding"
    conclusion = "conclusion"


class Element(StrEnum):
    """The three elements of a prima facie case of retaliation."""

    protected_activity = "protected_activity"
    detrimental_action = "detrimental_action"
    contributing_factor = "contributing_factor"


class ComplaintAnswers(StrictModel):
    """The complaint as received (the first page of a new complaint creates the case from it)."""

    title: ShortText = ""
    received_on: RecordDate | None = None
    complainant: Person = Field(default_factory=Person)
    summary: LongText = ""


class MandateAnswers(StrictModel):
    complainant_covered: bool | None = None  # staff member or other personnel covered by the policy
    alleges_retaliation: bool | None = None  # a detrimental action linked to a protected activity is alleged
    notes: LongText = ""
    redirect_to: LongText = ""  # outside the mandate: where the matter can be taken instead
    request_kind: RequestKind = RequestKind.retaliation  # preventive: protection before any retaliation
    # Good faith is presumed; the question is only whether anything indicates a knowingly false report.
    indication_of_bad_faith: bool | None = None
    good_faith_notes: LongText = ""


class AccountAnswers(StrictModel):
    """The complainant's own account, which is evidence: is it detailed (dates, people, words), dated and
    consistent? A credible account is never outweighed by the mere absence of documents."""

    detailed_and_consistent: bool | None = None
    notes: LongText = ""


class TimelinessAnswers(StrictModel):
    accept_late_filing: bool | None = None  # only asked when the complaint was filed after the limit
    late_filing_reason: LongText = ""


class IndicatorAnswers(StrictModel):
    """Contributing-factor indicators beyond knowledge and timing (None: not known yet)."""

    departs_from_past_treatment: bool | None = None
    departs_from_comparators: bool | None = None
    expressed_animus: bool | None = None
    weak_or_shifting_reasons: bool | None = None
    notes: LongText = ""


class EvidenceAnswer(StrictModel):
    """One checklist item as answered (matched to the case's evidence by ``id``, else by ``kind``)."""

    id: uuid.UUID | None = None
    kind: EvidenceKind
    status: EvidenceStatus = EvidenceStatus.missing
    source: ShortText = ""
    date: RecordDate | None = None
    notes: LongText = ""
    consent_to_contact: bool | None = None


class DecisionAnswers(StrictModel):
    """The officer's determination (None: take the suggested one) and, when it differs, the reason."""

    determination: Determination | None = None
    override_reason: LongText = ""
    element_notes: dict[Element, LongText] = Field(default_factory=dict)  # the officer's own reasoning


class ConclusionAnswers(StrictModel):
    measures: list[RecommendedMeasure] = Field(default_factory=list)
    recommendations: LongText = ""
    conclusion: LongText = ""
    completed: bool = False  # True records the determination and sets the case status


class AssessmentAnswers(StrictModel):
    """Everything the wizard asks, step by step."""

    format: Literal["ecodesk-assessment-answers"] = "ecodesk-assessment-answers"
    version: Literal[1] = 1
    step: Step | None = None  # where the officer stopped (the wizard resumes there)
    complaint: ComplaintAnswers | None = None
    mandate: MandateAnswers = Field(default_factory=MandateAnswers)
    protected_activities: list[ProtectedActivity] = Field(default_factory=list)
    detrimental_actions: list[DetrimentalAction] = Field(default_factory=list)
    timeliness: TimelinessAnswers = Field(default_factory=TimelinessAnswers)
    alleged_retaliators: list[AllegedRetaliator] = Field(default_factory=list)
    indicators: IndicatorAnswers = Field(default_factory=IndicatorAnswers)
    evidence: list[EvidenceAnswer] = Field(default_factory=list)
    account: AccountAnswers = Field(default_factory=AccountAnswers)
    verifications: list[Verification] = Field(default_factory=list)
    decision: DecisionAnswers = Field(default_factory=DecisionAnswers)
    conclusion: ConclusionAnswers = Field(default_factory=ConclusionAnswers)


def answers_from_case(case: RetaliationCase) -> AssessmentAnswers:
    """The answers saved with ``case``, completed with what the case itself holds (for resuming or a new start).

    Saved answers that no longer validate (written by an older version) are ignored rather than lost: the case
    fields still carry the facts.
    """
    from pydantic import ValidationError

    try:
        saved = (
            AssessmentAnswers.model_validate(case.assessment.answers, context=STORED)
            if case.assessment.answers
            else None
        )
    except ValidationError:
        saved = None
    answers = saved or AssessmentAnswers()
    assessment = case.assessment
    update: dict[str, object] = {
        "complaint": ComplaintAnswers(
            title=case.title, received_on=case.received_on, complainant=case.complainant, summary=case.summary
        ),
        "protected_activities": list(case.protected_activities),
        "detrimental_actions": list(case.detrimental_actions),
        "alleged_retaliators": list(case.alleged_retaliators),
        "verifications": list(case.verifications),
        "evidence": [
            EvidenceAnswer(
                id=item.id,
                kind=item.kind,
                status=item.status,
                source=item.source,
                date=item.date,
                notes=item.notes,
                consent_to_contact=item.consent_to_contact,
            )
            for item in case.evidence
        ],
    }
    if saved is None:
        update["conclusion"] = ConclusionAnswers(
            measures=list(assessment.measure_details)
            or [RecommendedMeasure(kind=kind) for kind in assessment.protective_measures],
            recommendations=assessment.recommendations,
            conclusion=assessment.conclusion,
            completed=assessment.completed_on is not None,
        )
        if assessment.determination is not None and assessment.determination != assessment.suggested_determination:
            update["decision"] = DecisionAnswers(
                determination=assessment.determination, override_reason=assessment.override_reason
            )
    return answers.model_copy(update=update)
