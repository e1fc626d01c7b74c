"""A fictitious case used for the example memos in docs/, the benchmark and the tests (never real people)."""

from __future__ import annotations

import datetime as dt

from ecodesk.models import (
    AllegedRetaliator,
    Determination,
    DetrimentalAction,
    DetrimentalActionKind,
    ElementFinding,
    EvidenceItem,
    EvidenceKind,
    EvidenceStatus,
    OfficeSettings,
    Person,
    PrimaFacieAssessment,
    ProtectedActivity,
    ProtectedActivityKind,
    ProtectiveMeasure,
    RetaliationCase,
)

_NARRATIVE = (
    "The complainant states that, in the course of her duties as Procurement Officer, she noticed that several "
    "contracts for the supply of fuel had been divided into lots just below the threshold that requires competitive "
    "bidding. She raised the matter orally with her supervisor, who told her that the practice was approved. "
    "She then reported it in writing to the internal oversight office, attaching the purchase orders concerned."
)


def specimen_settings() -> OfficeSettings:
    return OfficeSettings(
        officer_name="Awa Diop",
        officer_title="Regional Ethics and Integrity Officer",
        office_code="DKR",
        duty_station="Dakar, Senegal",
        organization_name="Ethics Office",
        letterhead="Regional Office for West and Central Africa",
    )


def specimen_case(paragraph_repeats: int = 3) -> RetaliationCase:
    """A prima facie case with evidence, measures and long narratives (``paragraph_repeats`` sets the length)."""
    evidence = [
        EvidenceItem(
            kind=EvidenceKind.complainant_statement,
            title="Statement of Ngozi Adébáyọ̀",
            status=EvidenceStatus.obtained,
            source="Complainant",
            date=dt.date(2026, 3, 2),
        ),
        EvidenceItem(
            kind=EvidenceKind.protected_activity_proof,
            title="Report to the oversight office",
            status=EvidenceStatus.obtained,
            source="Internal oversight office",
            date=dt.date(2025, 11, 14),
        ),
        EvidenceItem(
            kind=EvidenceKind.contested_decision,
            title="Notice of non-renewal",
            status=EvidenceStatus.obtained,
            source="Human Resources",
            date=dt.date(2026, 2, 10),
        ),
        EvidenceItem(
            kind=EvidenceKind.appraisals,
            title="Appraisals 2024 and 2025",
            status=EvidenceStatus.requested,
            source="Human Resources",
        ),
        EvidenceItem(
            kind=EvidenceKind.witness,
            title="Nguyễn Thị Hồng",
            status=EvidenceStatus.requested,
            source="Finance Unit",
            consent_to_contact=True,
        ),
        EvidenceItem(kind=EvidenceKind.comparator_treatment, status=EvidenceStatus.not_available),
    ]
    ids = [item.id for item in evidence]
    narrative = "\n\n".join([_NARRATIVE] * paragraph_repeats)
    return RetaliationCase(
        reference="RET-2026-DKR-0007",
        office="DKR",
        title="Non-renewal after reporting procurement irregularities",
        summary=narrative,
        received_on=dt.date(2026, 3, 2),
        complainant=Person(name="Ngozi Adébáyọ̀", position="Procurement Officer", office="Dakar"),
        complainant_consents_to_disclosure=True,
        alleged_retaliators=[
            AllegedRetaliator(name="José Pérez Ñúñez", role="Head of Administration", knew_of_protected_activity=True)
        ],
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
                description=narrative,
            )
        ],
        evidence=evidence,
        assessment=PrimaFacieAssessment(
            within_mandate=True,
            filed_in_time=True,
            protected_activity=ElementFinding(
                established=True,
                evidence_ids=[ids[0], ids[1]],
                reasoning="The written report of 14 November 2025 to the internal oversight office is on file.",
            ),
            detrimental_action=ElementFinding(
                established=True,
                evidence_ids=[ids[2]],
                reasoning="The notice of non-renewal was issued on 10 February 2026.",
            ),
            contributing_factor=ElementFinding(
                established=True,
                evidence_ids=[ids[2], ids[3], ids[4]],
                reasoning="The decision-maker knew of the report; the decision followed it within three months; "
                "the complainant's earlier appraisals were positive. " * paragraph_repeats,
            ),
            determination=Determination.prima_facie_case,
            protective_measures=[ProtectiveMeasure.suspension_of_action],
            recommendations="Witness Nguyễn Thị Hồng has agreed to be contacted by the investigators.",
            conclusion="",
        ),
    )
