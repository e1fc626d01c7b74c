"""Realistic synthetic records for demos, screenshots and benchmarks (never real people).

Deterministic for a given seed. Cases and advice are written in English, French and Spanish, from the
organization's regional offices.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator

from ecodesk.models import (
    AdviceCategory,
    AdviceRecord,
    AdviceStatus,
    AllegedRetaliator,
    CaseStatus,
    Determination,
    DetrimentalAction,
    DetrimentalActionKind,
    EvidenceItem,
    EvidenceKind,
    EvidenceStatus,
    Language,
    Person,
    PrimaFacieAssessment,
    ProtectedActivity,
    ProtectedActivityKind,
    Requester,
    RetaliationCase,
)

OFFICES = {"DKR": "Dakar", "NBO": "Nairobi", "BKK": "Bangkok", "PAN": "Panama", "HQ": "Headquarters"}
OFFICE_LANGUAGES = {
    "DKR": ["fr", "fr", "en"],
    "NBO": ["en"],
    "BKK": ["en"],
    "PAN": ["es", "es", "en"],
    "HQ": ["en", "fr", "es"],
}
GIVEN = [
    "Ngozi",
    "Awa",
    "Moussa",
    "Fatou",
    "Amina",
    "Wanjiru",
    "Otieno",
    "Achieng",
    "Somchai",
    "Nguyễn Thị",
    "Siriporn",
    "José",
    "María",
    "Lucía",
    "Carlos",
    "Ana",
    "Ibrahima",
    "Aïssatou",
    "Kwame",
    "Thandiwe",
    "Pierre",
    "Élodie",
    "Priya",
    "Tomás",
    "Hana",
    "Olena",
    "Mehmet",
    "Chloé",
    "Diego",
    "Zainab",
]
FAMILY = [
    "Adébáyọ̀",
    "Diop",
    "Ndiaye",
    "Sow",
    "Kamau",
    "Odhiambo",
    "Mwangi",
    "Sukhumvit",
    "Hồng",
    "Chaiyaporn",
    "Pérez Ñúñez",
    "García",
    "Fernández",
    "Rodríguez",
    "Traoré",
    "Mensah",
    "Dlamini",
    "Dubois",
    "Lefèvre",
    "Sharma",
    "Castillo",
    "Kowalczyk",
    "Yılmaz",
    "Haddad",
    "Okafor",
    "Boateng",
    "Mbeki",
    "Silva",
    "Kimura",
]
POSITIONS = {
    "en": [
        "Programme Officer",
        "Finance Assistant",
        "Procurement Officer",
        "Driver",
        "HR Associate",
        "Logistics Officer",
        "Project Coordinator",
        "IT Assistant",
    ],
    "fr": [
        "Chargé de programme",
        "Assistante financière",
        "Responsable des achats",
        "Chauffeur",
        "Associée RH",
        "Logisticien",
        "Coordonnatrice de projet",
        "Assistant informatique",
    ],
    "es": [
        "Oficial de programa",
        "Asistente de finanzas",
        "Oficial de adquisiciones",
        "Conductor",
        "Asociada de recursos humanos",
        "Oficial de logística",
        "Coordinadora de proyecto",
        "Asistente de informática",
    ],
}
CASE_TEXT = {
    "en": [
        (
            "Non-renewal after reporting procurement irregularities",
            "The complainant reported to the internal oversight office that tenders were split to avoid "
            "competitive bidding. Three months later, the supervisor decided not to renew the fixed-term contract.",
        ),
        (
            "Poor appraisal following cooperation with audit",
            "The complainant provided documents to the auditors on fuel consumption records. The next performance "
            "appraisal rated the complainant 'partially meets expectations' for the first time.",
        ),
        (
            "Removal of duties after hotline report",
            "After a report through the reporting platform about falsified attendance sheets, the complainant's "
            "supervisory duties were reassigned to a colleague without explanation.",
        ),
        (
            "Threats after witness interview",
            "The complainant was interviewed as a witness in an investigation into sexual exploitation. Since then, "
            "the head of unit has made repeated remarks about 'loyalty' and excluded the complainant from meetings.",
        ),
    ],
    "fr": [
        (
            "Non-renouvellement après signalement d'irrégularités dans les achats",
            "Le plaignant a signalé au bureau du contrôle interne le fractionnement de marchés pour éviter la mise "
            "en concurrence. Trois mois plus tard, sa superviseure a décidé de ne pas renouveler son contrat.",
        ),
        (
            "Évaluation défavorable après coopération avec l'audit",
            "La plaignante a remis aux auditeurs les registres de consommation de carburant. Son évaluation suivante "
            "la juge pour la première fois « partiellement satisfaisante ».",
        ),
        (
            "Retrait de fonctions après un signalement sur la plateforme",
            "À la suite d'un signalement de feuilles de présence falsifiées, les fonctions d'encadrement du "
            "plaignant ont été confiées à un collègue sans explication.",
        ),
        (
            "Menaces après un entretien de témoin",
            "La plaignante a été entendue comme témoin dans une enquête. Depuis, le chef d'unité multiplie les "
            "remarques sur la « loyauté » et l'exclut des réunions d'équipe.",
        ),
    ],
    "es": [
        (
            "No renovación tras denunciar irregularidades en adquisiciones",
            "La denunciante informó a la oficina de supervisión interna del fraccionamiento de licitaciones. Tres "
            "meses después, su supervisor decidió no renovar su contrato de plazo fijo.",
        ),
        (
            "Evaluación negativa tras cooperar con la auditoría",
            "El denunciante entregó a los auditores los registros de consumo de combustible. Su siguiente evaluación "
            "del desempeño lo calificó por primera vez como «cumple parcialmente».",
        ),
        (
            "Retiro de funciones tras una denuncia en la plataforma",
            "Tras una denuncia sobre hojas de asistencia falsificadas, las funciones de supervisión de la "
            "denunciante fueron reasignadas a un colega sin explicación.",
        ),
        (
            "Amenazas tras una entrevista como testigo",
            "El denunciante fue entrevistado como testigo en una investigación. Desde entonces, la jefa de unidad "
            "hace comentarios sobre la «lealtad» y lo excluye de las reuniones.",
        ),
    ],
}
ADVICE_TEXT = {
    "en": [
        (
            "May I accept a hand-woven scarf offered by a partner NGO after a workshop?",
            "Declining is advised; if refusal would offend, accept on behalf of the organization and register it.",
        ),
        (
            "My brother applied for a driver post in my office. What should I do?",
            "Declare the relationship and recuse yourself from every step of the recruitment.",
        ),
        (
            "Can I teach a paid evening course at the local university?",
            "Request prior approval for the outside activity; it must not conflict with your duties.",
        ),
    ],
    "fr": [
        (
            "Puis-je accepter un pagne offert par une ONG partenaire après un atelier ?",
            "Il est conseillé de refuser ; si le refus risque d'offenser, l'accepter au nom de l'organisation.",
        ),
        (
            "Mon frère a postulé à un poste de chauffeur dans mon bureau. Que dois-je faire ?",
            "Déclarer le lien de parenté et se récuser de toute étape du recrutement.",
        ),
        (
            "Puis-je publier mon opinion sur les élections nationales sur les réseaux sociaux ?",
            "Non : le devoir de réserve s'applique aussi aux comptes personnels.",
        ),
    ],
    "es": [
        (
            "¿Puedo aceptar una invitación a cenar de un proveedor que participa en una licitación?",
            "No: rechace la invitación e informe a su supervisor del ofrecimiento.",
        ),
        (
            "Mi prima trabaja en la misma unidad que yo. ¿Es un problema?",
            "Declárelo; no debe supervisarla ni intervenir en decisiones que la afecten.",
        ),
        (
            "¿Puedo conceder una entrevista a un periódico local sobre nuestro programa?",
            "Solo con la autorización previa de la oficina de comunicación.",
        ),
    ],
}


def _person(rng: random.Random, lang: str, office: str) -> Person:
    name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    return Person(name=name, position=rng.choice(POSITIONS[lang]), office=OFFICES[office])


# The statuses and outcomes the demo draws from (fixed lists: new statuses do not change the seeded data).
_DEMO_STATUSES = [CaseStatus.received, CaseStatus.in_assessment, CaseStatus.assessed, CaseStatus.referred,
                  CaseStatus.closed]  # fmt: skip
_DEMO_DETERMINATIONS = [Determination.no_prima_facie_case, Determination.prima_facie_case,
                        Determination.out_of_mandate, Determination.out_of_time]  # fmt: skip

_DEMO_ACTIVITIES = list(ProtectedActivityKind)[:7]  # the kinds of the first release (same seeded data)


def _demo_assessment(case_id: uuid.UUID, status: CaseStatus, received: dt.date, today: dt.date) -> PrimaFacieAssessment:
    """A completed assessment for cases past assessment (own random stream: the records drawn stay the same)."""
    if status in (CaseStatus.received, CaseStatus.in_assessment):
        return PrimaFacieAssessment()
    rng = random.Random(case_id.int)
    determination = (
        Determination.prima_facie_case
        if status == CaseStatus.referred
        else rng.choices(_DEMO_DETERMINATIONS, weights=[6, 3, 2, 1])[0]
    )
    completed = min(received + dt.timedelta(days=int(rng.triangular(3, 75, 24))), today)
    return PrimaFacieAssessment(determination=determination, completed_on=completed)


def demo_cases(
    count: int, *, seed: int = 1, office: str = "DKR", today: dt.date | None = None
) -> Iterator[RetaliationCase]:
    rng = random.Random(seed)
    today = today or dt.date.today()
    offices = [office] if office != "HQ" else list(OFFICES)
    for _ in range(count):
        case_office = rng.choice(offices)
        lang = rng.choice(OFFICE_LANGUAGES[case_office])
        title, summary = rng.choice(CASE_TEXT[lang])
        received = today - dt.timedelta(days=int(rng.triangular(0, 1095, 0)))
        action_date = received - dt.timedelta(days=rng.randint(5, 240))
        activity_date = action_date - dt.timedelta(days=rng.randint(-20, 200))
        status = rng.choices(_DEMO_STATUSES, weights=[3, 4, 3, 2, 6])[0]
        age = (today - received).days
        if age < 20:
            status = rng.choice([CaseStatus.received, CaseStatus.in_assessment])
        elif age > 60 and status in (CaseStatus.received, CaseStatus.in_assessment) and age % 12:
            # Most older complaints have been assessed by now; about one in twelve is still overdue. (No extra
            # random draw: the rest of every record stays as the seed gives it.)
            status = (CaseStatus.assessed, CaseStatus.referred, CaseStatus.closed, CaseStatus.closed)[age % 4]
        complainant = _person(rng, lang, case_office)
        retaliator = AllegedRetaliator(
            **_person(rng, lang, case_office).model_dump(),
            role=rng.choice(["supervisor", "head of office", "second reporting officer"]),
            knew_of_protected_activity=rng.random() < 0.7,
        )
        evidence = [
            EvidenceItem(kind=kind, title="", status=rng.choice(list(EvidenceStatus)))
            for kind in rng.sample(list(EvidenceKind)[:-1], k=rng.randint(2, 6))
        ]
        case_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        yield RetaliationCase(
            id=case_id,
            title=title,
            summary=summary,
            language=Language(lang),
            office=case_office,
            status=status,
            received_on=received,
            complainant=complainant,
            alleged_retaliators=[retaliator],
            protected_activities=[ProtectedActivity(kind=rng.choice(_DEMO_ACTIVITIES), date=activity_date)],
            detrimental_actions=[
                DetrimentalAction(
                    kind=rng.choice(list(DetrimentalActionKind)), date=action_date, decision_maker=retaliator.name
                )
            ],
            evidence=evidence,
            assessment=_demo_assessment(case_id, status, received, today),
        )


def demo_advice(
    count: int, *, seed: int = 1, office: str = "DKR", today: dt.date | None = None
) -> Iterator[AdviceRecord]:
    rng = random.Random(seed + 7919)
    today = today or dt.date.today()
    offices = [office] if office != "HQ" else list(OFFICES)
    for _ in range(count):
        advice_office = rng.choice(offices)
        lang = rng.choice(OFFICE_LANGUAGES[advice_office])
        question, answer = rng.choice(ADVICE_TEXT[lang])
        received = today - dt.timedelta(days=int(rng.triangular(0, 1095, 0)))
        anonymous = rng.random() < 0.25
        person = _person(rng, lang, advice_office)
        status = rng.choices(list(AdviceStatus), weights=[2, 5, 3])[0]
        yield AdviceRecord(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            categories=[rng.choice(list(AdviceCategory))],
            language=Language(lang),
            office=advice_office,
            status=status,
            requester=Requester(
                anonymous=anonymous,
                name="" if anonymous else person.name,
                position=person.position,
                office=person.office,
            ),
            question=question,
            advice=answer if status != AdviceStatus.open else "",
            received_on=received,
            advised_on=received + dt.timedelta(days=rng.randint(1, 10)) if status != AdviceStatus.open else None,
        )
