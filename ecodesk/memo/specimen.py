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

# Case data is written by the officer in the memo's language; the specimen has it in the three languages.
_TEXT = {
    "en": {
        "statement": "Statement of Ngozi Adébáyọ̀",
        "report": "Report to the oversight office",
        "notice": "Notice of non-renewal",
        "appraisals": "Appraisals 2024 and 2025",
        "complainant": "Complainant",
        "oversight": "Internal oversight office",
        "hr": "Human Resources",
        "finance": "Finance Unit",
        "position": "Procurement Officer",
        "role": "Head of Administration",
        "narrative": "The complainant states that, in the course of her duties as Procurement Officer, she noticed "
        "that several contracts for the supply of fuel had been divided into lots just below the threshold that "
        "requires competitive bidding. She raised the matter orally with her supervisor, who told her that the "
        "practice was approved. She then reported it in writing to the internal oversight office, attaching the "
        "purchase orders concerned.",
        "causation": "The decision-maker knew of the report; the decision followed it within three months; the "
        "complainant's earlier appraisals were positive. ",
        "activity": "The written report of 14 November 2025 to the internal oversight office is on file.",
        "action": "The notice of non-renewal was issued on 10 February 2026.",
        "witness": "Witness Nguyễn Thị Hồng has agreed to be contacted by the investigators.",
        "letterhead": "Regional Office for West and Central Africa",
        "organization": "Ethics Office",
        "title": "Regional Ethics and Integrity Officer",
    },
    "fr": {
        "statement": "Déclaration de Ngozi Adébáyọ̀",
        "report": "Signalement au bureau du contrôle interne",
        "notice": "Notification de non-renouvellement",
        "appraisals": "Évaluations 2024 et 2025",
        "complainant": "Plaignante",
        "oversight": "Bureau du contrôle interne",
        "hr": "Ressources humaines",
        "finance": "Unité des finances",
        "position": "Responsable des achats",
        "role": "Chef de l'administration",
        "narrative": "La plaignante indique que, dans l'exercice de ses fonctions de responsable des achats, elle a "
        "constaté que plusieurs marchés de fourniture de carburant avaient été fractionnés en lots d'un montant "
        "juste inférieur au seuil de mise en concurrence. Elle en a fait part oralement à son supérieur, qui lui a "
        "répondu que cette pratique était autorisée. Elle a ensuite signalé les faits par écrit au bureau du "
        "contrôle interne, en joignant les bons de commande concernés.",
        "causation": "L'auteur de la décision avait connaissance du signalement ; la décision est intervenue moins "
        "de trois mois plus tard ; les évaluations antérieures de la plaignante étaient favorables. ",
        "activity": "Le signalement écrit du 14 novembre 2025 au bureau du contrôle interne figure au dossier.",
        "action": "La notification de non-renouvellement a été émise le 10 février 2026.",
        "witness": "Le témoin Nguyễn Thị Hồng a accepté d'être contacté par les enquêteurs.",
        "letterhead": "Bureau régional pour l'Afrique de l'Ouest et du Centre",
        "organization": "Bureau de la déontologie",
        "title": "Fonctionnaire régionale chargée de l'éthique et de l'intégrité",
    },
    "es": {
        "statement": "Declaración de Ngozi Adébáyọ̀",
        "report": "Denuncia ante la oficina de supervisión",
        "notice": "Notificación de no renovación",
        "appraisals": "Evaluaciones de 2024 y 2025",
        "complainant": "Denunciante",
        "oversight": "Oficina de supervisión interna",
        "hr": "Recursos Humanos",
        "finance": "Dependencia de Finanzas",
        "position": "Oficial de adquisiciones",
        "role": "Jefe de Administración",
        "narrative": "La denunciante afirma que, en el desempeño de sus funciones de oficial de adquisiciones, "
        "observó que varios contratos de suministro de combustible se habían fraccionado en lotes de un importe "
        "apenas inferior al umbral que exige la licitación pública. Lo comunicó verbalmente a su supervisor, quien "
        "le respondió que la práctica estaba autorizada. Posteriormente lo denunció por escrito ante la oficina de "
        "supervisión interna y adjuntó las órdenes de compra correspondientes.",
        "causation": "El autor de la decisión conocía la denuncia; la decisión se adoptó menos de tres meses "
        "después; las evaluaciones anteriores de la denunciante eran favorables. ",
        "activity": "Consta en el expediente la denuncia escrita de 14 de noviembre de 2025 ante la oficina de "
        "supervisión interna.",
        "action": "La notificación de no renovación se emitió el 10 de febrero de 2026.",
        "witness": "La testigo Nguyễn Thị Hồng ha aceptado que los investigadores se pongan en contacto con ella.",
        "letterhead": "Oficina Regional para África Occidental y Central",
        "organization": "Oficina de Ética",
        "title": "Oficial Regional de Ética e Integridad",
    },
}


def specimen_settings(language: str = "en") -> OfficeSettings:
    text = _TEXT[language]
    return OfficeSettings(
        officer_name="Awa Diop",
        officer_title=text["title"],
        office_code="DKR",
        duty_station="Dakar, Sénégal" if language == "fr" else "Dakar, Senegal",
        organization_name=text["organization"],
        letterhead=text["letterhead"],
    )


def specimen_case(paragraph_repeats: int = 3, language: str = "en") -> RetaliationCase:
    """A prima facie case with evidence, measures and long narratives (``paragraph_repeats`` sets the length)."""
    text = _TEXT[language]
    evidence = [
        EvidenceItem(
            kind=EvidenceKind.complainant_statement,
            title=text["statement"],
            status=EvidenceStatus.obtained,
            source=text["complainant"],
            date=dt.date(2026, 3, 2),
        ),
        EvidenceItem(
            kind=EvidenceKind.protected_activity_proof,
            title=text["report"],
            status=EvidenceStatus.obtained,
            source=text["oversight"],
            date=dt.date(2025, 11, 14),
        ),
        EvidenceItem(
            kind=EvidenceKind.contested_decision,
            title=text["notice"],
            status=EvidenceStatus.obtained,
            source=text["hr"],
            date=dt.date(2026, 2, 10),
        ),
        EvidenceItem(
            kind=EvidenceKind.appraisals,
            title=text["appraisals"],
            status=EvidenceStatus.requested,
            source=text["hr"],
        ),
        EvidenceItem(
            kind=EvidenceKind.witness,
            title="Nguyễn Thị Hồng",
            status=EvidenceStatus.requested,
            source=text["finance"],
            consent_to_contact=True,
        ),
        EvidenceItem(kind=EvidenceKind.comparator_treatment, status=EvidenceStatus.not_available),
    ]
    ids = [item.id for item in evidence]
    narrative = "\n\n".join([text["narrative"]] * paragraph_repeats)
    return RetaliationCase(
        reference="RET-2026-DKR-0007",
        office="DKR",
        title="Non-renewal after reporting procurement irregularities",
        summary=narrative,
        received_on=dt.date(2026, 3, 2),
        complainant=Person(name="Ngozi Adébáyọ̀", position=text["position"], office="Dakar"),
        complainant_consents_to_disclosure=True,
        alleged_retaliators=[
            AllegedRetaliator(name="José Pérez Ñúñez", role=text["role"], knew_of_protected_activity=True)
        ],
        protected_activities=[
            ProtectedActivity(
                kind=ProtectedActivityKind.reported_to_oversight,
                date=dt.date(2025, 11, 14),
                reported_to=text["oversight"],
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
                reasoning=text["activity"],
            ),
            detrimental_action=ElementFinding(
                established=True,
                evidence_ids=[ids[2]],
                reasoning=text["action"],
            ),
            contributing_factor=ElementFinding(
                established=True,
                evidence_ids=[ids[2], ids[3], ids[4]],
                reasoning=text["causation"] * paragraph_repeats,
            ),
            determination=Determination.prima_facie_case,
            protective_measures=[ProtectiveMeasure.suspension_of_action],
            recommendations=text["witness"],
            conclusion="",
        ),
    )
