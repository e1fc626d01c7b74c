"""The urgent interim-measures memo (one page, EN/FR/ES, signed) before the assessment is complete, and the
memo's wording for an action that was threatened or recommended rather than taken."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from memo_support import pdf_text

from ecodesk.memo.render import render_memo
from ecodesk.models import DetrimentalAction, OfficeSettings, Person, ProtectedActivity, RetaliationCase
from tests.conftest import CliRunner

CASE = {
    "title": "Threat of non-renewal after PSEAH report",
    "received_on": "2026-03-02",
    "complainant": {"name": "Ngozi Adebayo", "position": "Logistics Officer"},
    "protected_activities": [{"kind": "reported_to_pseah_channel", "date": "2026-02-10"}],
    "detrimental_actions": [{"kind": "non_renewal", "date": "2026-02-20", "action_status": "threatened",
                             "decision_maker": "John Carter"}],
}  # fmt: skip

HEADINGS = {
    "en": ("Urgent: interim protective measures", "Threatened by: John Carter", "Special leave with full pay"),
    "fr": ("Urgent : mesures de protection provisoires", "Menace proférée par : John Carter",
           "Congé spécial à plein traitement"),
    "es": ("Urgente: medidas de protección provisionales", "Amenaza proferida por: John Carter",
           "Licencia especial con sueldo completo"),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_interim_memo_is_one_signed_page_before_the_assessment_is_complete(
    cli_vault: CliRunner, tmp_path: Path, lang: str
) -> None:
    (tmp_path / "case.json").write_text(json.dumps(CASE), encoding="utf-8")
    ref = cli_vault("case", "add", str(tmp_path / "case.json")).out.strip()
    measure = cli_vault("case", "measure", ref, "--kind", "special_leave", "--consent", "yes", "--to",
                        "Director of Administration", "--on", "2026-03-03", "--follow-up", "2026-03-10")
    assert measure.code == 0, measure.err
    out = tmp_path / f"interim-{lang}.pdf"
    made = cli_vault("memo", "interim", ref, "--lang", lang, "--out", str(out), "--sign", "--json")
    assert made.code == 0, made.err
    summary = json.loads(made.out)
    assert summary["signed"] and summary["interim"] and summary["pages"] == 1 and summary["language"] == lang
    text = pdf_text(out.read_bytes(), tmp_path)
    for expected in HEADINGS[lang]:
        assert expected.lower() in text.lower(), expected
    assert cli_vault("memo", "verify", str(out)).code == 0


def test_a_threat_is_not_worded_as_a_decision_taken() -> None:
    case = RetaliationCase(
        title="t", received_on="2026-03-02", complainant=Person(name="A"),  # type: ignore[arg-type]
        protected_activities=[ProtectedActivity(kind="reported_to_ethics_office")],
        detrimental_actions=[
            DetrimentalAction(kind="non_renewal", action_status="threatened", decision_maker="John Carter"),
            DetrimentalAction(kind="reassignment", action_status="recommended", decision_maker="Mary Major"),
            DetrimentalAction(kind="poor_appraisal", decision_maker="Paul Minor"),
        ],
    )  # fmt: skip
    pdf = render_memo(case, OfficeSettings(officer_name="Awa Diop"), language="en").pdf
    text = pdf_text(pdf, Path(__import__("tempfile").mkdtemp()))
    assert "Threatened by: John Carter" in text and "Recommended by: Mary Major" in text
    assert "Decision taken by: Paul Minor" in text and "Decision taken by: John Carter" not in text


def test_the_assessment_memo_states_the_clock_good_faith_and_preventive_path_in_its_language(tmp_path: Path) -> None:
    from ecodesk.models import Determination, PrimaFacieAssessment
    from ecodesk.models.workflow import GoodFaith, InformationRequest

    case = RetaliationCase(
        title="t", received_on="2026-03-02", complainant=Person(name="A"), request_kind="preventive",  # type: ignore[arg-type]
        good_faith=GoodFaith(indication_of_bad_faith=False),
        information_requests=[InformationRequest(requested_on="2026-03-10", received_on="2026-03-20")],  # type: ignore[arg-type]
        protected_activities=[ProtectedActivity(kind="reported_to_pseah_channel")],
        assessment=PrimaFacieAssessment(determination=Determination.preventive_protection),
    )  # fmt: skip
    text = pdf_text(render_memo(case, OfficeSettings(officer_name="Awa Diop"), language="fr").pdf, tmp_path)
    assert "La bonne foi est présumée" in text
    assert "demandées le 10 mars 2026 et reçues le 20 mars 2026" in text
    assert "protection avant toutes représailles" in text
    assert "Aucune mesure de représailles n'a encore été prise" in text


@pytest.mark.parametrize(
    ("lang", "form", "expected", "not_expected"),
    [
        ("fr", "ms", "La plaignante consent à cette mesure.", "Le plaignant"),
        ("fr", "mr", "Le plaignant consent à cette mesure.", "La plaignante"),
        ("fr", None, "La personne plaignante consent à cette mesure.", "La plaignante consent"),
        ("es", "ms", "La denunciante consiente en esta medida.", "El denunciante"),
        ("es", "mr", "El denunciante consiente en esta medida.", "La denunciante"),
        ("es", None, "La persona denunciante consiente en esta medida.", "La denunciante consiente"),
        ("en", "ms", "The complainant consents to this measure.", "{"),
    ],
)
def test_the_interim_memo_agrees_with_the_complainants_form_of_address(
    tmp_path: Path, lang: str, form: str | None, expected: str, not_expected: str
) -> None:
    from ecodesk.models.workflow import MeasureFollowUp

    case = RetaliationCase(
        title="t", received_on="2026-03-02",  # type: ignore[arg-type]
        complainant=Person(name="Ngozi Adebayo", form_of_address=form),  # type: ignore[arg-type]
        protected_activities=[ProtectedActivity(kind="reported_to_pseah_channel")],
        measures=[MeasureFollowUp(kind="special_leave", complainant_consents=True)],
    )  # fmt: skip
    pdf = render_memo(case, OfficeSettings(officer_name="Awa Diop"), language=lang, interim=True).pdf
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert expected in text
    assert not_expected not in text
