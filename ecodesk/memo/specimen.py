"""One fictitious case (never real people), assessed through the same rules as a real one: the example memos in
docs/memos are this case printed in English, French and Spanish, and the benchmark and the tests use it.

The case was opened in English: what the officer typed (narratives, notes) stays in English in every memo;
everything the rules derived is stated in the memo's language.
"""

from __future__ import annotations

import datetime as dt

from ecodesk.assessment.answers import (
    AccountAnswers,
    AssessmentAnswers,
    ComplaintAnswers,
    ConclusionAnswers,
    DecisionAnswers,
    Element,
    EvidenceAnswer,
    IndicatorAnswers,
    MandateAnswers,
)
from ecodesk.assessment.facts import Limits
from ecodesk.assessment.service import apply_answers
from ecodesk.models import (
    AllegedRetaliator,
    DetrimentalAction,
    DetrimentalActionKind,
    EvidenceItem,
    EvidenceKind,
    EvidenceStatus,
    FormOfAddress,
    Language,
    OfficeSettings,
    Person,
    ProtectedActivity,
    ProtectedActivityKind,
    ProtectiveMeasure,
    RetaliationCase,
    Verification,
    VerificationAnswer,
    VerificationBody,
)
from ecodesk.models.cases import RecommendedMeasure

ASSESSED_ON = dt.date(2026, 3, 20)

NARRATIVE = (
    "In the course of her duties, the complainant noticed that several contracts for the supply of fuel had been "
    "divided into lots just below the threshold that requires competitive bidding. She reported this in writing "
    "to the internal oversight office and was later interviewed by its investigators."
)
THREAT = (
    "At a unit meeting on 20 January 2026, Mr Pérez Ñúñez said in front of two colleagues that her contract "
    'would not be renewed "because she talks to the oversight office". The notice of non-renewal followed on '
    "10 February 2026, citing a budget reduction; the post was advertised again in March."
)


def specimen_settings(language: str = "en") -> OfficeSettings:
    """The Dakar office's settings (the officer's title in each memo language; ``language``: the default memo
    language)."""
    return OfficeSettings(
        officer_name="Awa Diop",
        officer_title="Regional Ethics and Integrity Officer",
        officer_title_fr="Responsable régionale de la déontologie et de l'intégrité",
        officer_title_es="Oficial Regional de Ética e Integridad",
        office_code="DKR",
        duty_station="Dakar, Senegal",
        organization_name="Ethics Office",
        letterhead="Regional Office for West and Central Africa",
        memo_language=Language(language),
    )


def _evidence() -> list[EvidenceItem]:
    def item(
        kind: EvidenceKind,
        title: str,
        status: EvidenceStatus,
        source: str,
        date: dt.date | None = None,
        **extra: object,
    ) -> EvidenceItem:
        return EvidenceItem(kind=kind, title=title, status=status, source=source, date=date, **extra)  # type: ignore[arg-type]

    obtained, requested = EvidenceStatus.obtained, EvidenceStatus.requested
    return [
        item(
            EvidenceKind.complainant_statement,
            "Statement of Ngozi Adébáyọ̀",
            obtained,
            "Complainant",
            dt.date(2026, 3, 2),
        ),
        item(
            EvidenceKind.protected_activity_proof,
            "Acknowledgement of the report",
            obtained,
            "Internal oversight office",
            dt.date(2025, 11, 14),
        ),
        item(
            EvidenceKind.contested_decision, "Notice of non-renewal", obtained, "Human Resources", dt.date(2026, 2, 10)
        ),
        item(EvidenceKind.appraisals, "Appraisals 2024 and 2025", obtained, "Human Resources"),
        item(EvidenceKind.contract_history, "Contract history", obtained, "Human Resources"),
        item(EvidenceKind.communications, "", EvidenceStatus.not_available, ""),
        item(
            EvidenceKind.witness,
            "Nguyễn Thị Hồng",
            obtained,
            "Finance Unit",
            dt.date(2026, 3, 9),
            consent_to_contact=True,
        ),
        item(EvidenceKind.comparator_treatment, "", requested, "Human Resources"),
        item(EvidenceKind.stated_reasons, "Budget note of January 2026", obtained, "Head of Administration"),
    ]


def specimen_answers(paragraph_repeats: int = 3) -> AssessmentAnswers:
    """The officer's answers for the specimen case (``paragraph_repeats`` sets the narratives' length)."""
    narrative = "\n\n".join([NARRATIVE] * paragraph_repeats)
    return AssessmentAnswers(
        complaint=ComplaintAnswers(
            title="Non-renewal after reporting procurement irregularities",
            received_on=dt.date(2026, 3, 2),
            complainant=Person(
                name="Ngozi Adébáyọ̀", form_of_address=FormOfAddress.ms, position="Procurement Officer", office="Dakar"
            ),
            summary="\n\n".join([narrative, THREAT]),
        ),
        mandate=MandateAnswers(complainant_covered=True, alleges_retaliation=True),
        protected_activities=[
            ProtectedActivity(
                kind=ProtectedActivityKind.reported_to_oversight,
                date=dt.date(2025, 11, 14),
                reported_to="Internal oversight office",
                description=narrative,
            )
        ],
        detrimental_actions=[
            DetrimentalAction(
                kind=DetrimentalActionKind.non_renewal,
                date=dt.date(2026, 2, 10),
                decision_maker="José Pérez Ñúñez",
                description=THREAT,
            )
        ],
        alleged_retaliators=[
            AllegedRetaliator(
                name="José Pérez Ñúñez",
                form_of_address=FormOfAddress.mr,
                role="Head of Administration",
                knew_of_protected_activity=True,
            )
        ],
        indicators=IndicatorAnswers(
            departs_from_past_treatment=True, expressed_animus=True, weak_or_shifting_reasons=True
        ),
        account=AccountAnswers(detailed_and_consistent=True),
        verifications=[
            Verification(
                element="protected_activity",
                body=VerificationBody.oversight_office,
                asked_on=dt.date(2026, 3, 4),
                answered_on=dt.date(2026, 3, 12),
                answer=VerificationAnswer.confirmed,
            )
        ],
        decision=DecisionAnswers(
            element_notes={
                Element.contributing_factor: "Ms Nguyễn Thị Hồng confirms the words used at the meeting of "
                "20 January 2026."
            }
        ),
        conclusion=ConclusionAnswers(
            measures=[
                RecommendedMeasure(
                    kind=ProtectiveMeasure.suspension_of_action,
                    details="Extend the current contract until the investigation is completed.",
                )
            ],
            conclusion="The burden now shifts to the Organization.",
            completed=True,
        ),
    )


def specimen_case(paragraph_repeats: int = 3) -> RetaliationCase:
    """The specimen case after its assessment: a prima facie case referred, with evidence and a measure."""
    answers = specimen_answers(paragraph_repeats)
    assert answers.complaint is not None
    received = answers.complaint.received_on or ASSESSED_ON
    evidence = _evidence()
    case = RetaliationCase(
        reference="RET-2026-DKR-0007",
        office="DKR",
        title=answers.complaint.title,
        received_on=received,
        evidence=evidence,
    )
    answers.evidence = [
        EvidenceAnswer(
            id=item.id,
            kind=item.kind,
            status=item.status,
            source=item.source,
            date=item.date,
            consent_to_contact=item.consent_to_contact,
        )
        for item in evidence
    ]
    assessed, _evaluation = apply_answers(case, answers, Limits(), ASSESSED_ON)
    return assessed
