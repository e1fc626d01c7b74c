"""What a head of office reads in the memo (issue #14, points 3 and 6; issue #15, point 2)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from memo_support import pdf_text

from ecodesk.assessment.answers import AllegedRetaliator, Element
from ecodesk.assessment.facts import Limits
from ecodesk.assessment.service import apply_answers
from ecodesk.memo.render import render_memo
from ecodesk.memo.specimen import ASSESSED_ON, specimen_answers, specimen_case, specimen_settings
from ecodesk.models import Determination, FormOfAddress, OfficeSettings, RetaliationCase


def _text(case: RetaliationCase, language: str, tmp_path: Path, settings: OfficeSettings | None = None,
          date: dt.date | None = None) -> str:
    memo = render_memo(case, settings or specimen_settings(), language=language, signed=True, date=date)
    return pdf_text(memo.pdf, tmp_path)


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def _with_complainant(case: RetaliationCase, form: FormOfAddress | None) -> RetaliationCase:
    return case.model_copy(update={"complainant": case.complainant.model_copy(update={"form_of_address": form})})


def test_analysis_reads_like_an_officer_wrote_it(tmp_path: Path) -> None:
    text = _text(specimen_case(1), "en", tmp_path)
    analysis = _section(text, "4. ANALYSIS", "5. CONCLUSION")
    assert "described:" not in analysis  # no "Protected activities described: 1." repeating section 2
    assert "The account of the complainant is corroborated by the documents obtained." in analysis
    assert "In the officer’s own words: Ms Nguyễn Thị Hồng confirms" in analysis


def test_an_element_not_established_lists_no_evidence_relied_on(tmp_path: Path) -> None:
    answers = specimen_answers(1)
    answers.alleged_retaliators = [AllegedRetaliator(name="José Pérez Ñúñez", knew_of_protected_activity=False)]
    base = specimen_case(1)
    case, evaluation = apply_answers(base, answers, Limits(), ASSESSED_ON)
    assert evaluation.finding.element(Element.contributing_factor).established is False
    assert case.assessment.contributing_factor.evidence_ids == []
    section = _section(_text(case, "en", tmp_path), "4.3", "5. CONCLUSION")
    assert "Finding: the element is not established." in section
    assert "Evidence relied on" not in section


def test_the_officers_title_is_kept_per_language(tmp_path: Path) -> None:
    case = specimen_case(1)
    assert "Responsable régionale de la déontologie et de l'intégrité" in _text(case, "fr", tmp_path)
    defaults = OfficeSettings(officer_name="Awa Diop", office_code="DKR")
    spanish = _text(case, "es", tmp_path, defaults)
    assert "Responsable Regional de Ética e Integridad" in spanish
    assert "Oficina de Ética" in spanish and "Ethics Office" not in spanish  # the organization, too
    assert "Bureau de la déontologie" in _text(case, "fr", tmp_path, defaults)
    assert "Regional Ethics and Integrity Officer" not in spanish
    assert "Regional Ethics and Integrity Officer" in _text(case, "en", tmp_path, defaults)


def test_french_writes_the_first_of_the_month_as_1er(tmp_path: Path) -> None:
    text = _text(specimen_case(1), "fr", tmp_path, date=dt.date(2026, 7, 1))
    assert "1er juillet 2026" in text and "1 juillet" not in text


def test_french_memo_uses_one_name_for_the_oversight_office_and_one_rendering_of_prima_facie(tmp_path: Path) -> None:
    text = _text(specimen_case(1), "fr", tmp_path).lower()
    assert "bureau du contrôle interne" in text
    assert "audit et des investigations" not in text and "bureau de contrôle interne" not in text
    assert "présomption de représailles" in text
    for other in ("prima facie", "première vue", "commencement de preuve"):
        assert other not in text


def test_spanish_says_factor_que_contribuyo(tmp_path: Path) -> None:
    text = _text(specimen_case(1), "es", tmp_path)
    assert "Factor que contribuyó" in text and "contribuyente" not in text


def test_the_complainant_is_named_with_the_right_gender(tmp_path: Path) -> None:
    case = specimen_case(1)
    assert "la plaignante" in _text(case, "fr", tmp_path)
    assert "la denunciante" in _text(case, "es", tmp_path)
    man = _with_complainant(case, FormOfAddress.mr)
    french = _text(man, "fr", tmp_path)
    assert "M. Ngozi" in french and "Le récit du plaignant" in french and "la plaignante" not in french
    spanish = _text(man, "es", tmp_path)
    assert "presentada por el Sr. Ngozi" in spanish and "del denunciante" in spanish
    closed = man.model_copy(
        update={"assessment": man.assessment.model_copy(update={"determination": Determination.no_prima_facie_case})}
    )
    spanish = _text(closed, "es", tmp_path)
    assert "Recomiendo que el denunciante reciba por escrito" in spanish and " a el " not in spanish
    for form in (FormOfAddress.mx, None):
        neutral = _with_complainant(case, form)
        assert "la personne plaignante" in _text(neutral, "fr", tmp_path)
        assert "la persona denunciante" in _text(neutral, "es", tmp_path)


def test_a_referral_without_consent_says_what_will_be_disclosed_and_asks_for_consent(tmp_path: Path) -> None:
    case = specimen_case(1)
    assert case.complainant_consents_to_disclosure is None
    text = _section(_text(case, "en", tmp_path), "6. RECOMMENDATIONS", "Awa Diop")
    assert "would disclose to the internal oversight office the identity of the complainant" in text
    assert "has not yet been recorded. I recommend that it be sought before the referral is made." in text
    refused = case.model_copy(update={"complainant_consents_to_disclosure": False})
    text = _text(refused, "fr", tmp_path)
    assert "La plaignante n'a pas consenti à cette communication." in text
    given = case.model_copy(update={"complainant_consents_to_disclosure": True})
    assert "The complainant has consented to the disclosure" in _text(given, "en", tmp_path)


def test_a_memo_that_does_not_refer_states_the_recourse_and_where_else_to_go(tmp_path: Path) -> None:
    case = specimen_case(1)
    closed = case.model_copy(
        update={"assessment": case.assessment.model_copy(update={"determination": Determination.no_prima_facie_case})}
    )
    text = _text(closed, "en", tmp_path)
    assert "the right to request a review of this determination" in text
    assert "where the matter may be taken instead" not in text
    outside = case.model_copy(
        update={"assessment": case.assessment.model_copy(update={"determination": Determination.out_of_mandate})}
    )
    text = _text(outside, "es", tmp_path)
    assert "derecho a solicitar la revisión" in text and "el Ombudsman" in text
    told = outside.model_copy(
        update={"assessment": outside.assessment.model_copy(update={"redirect_to": "The Staff Union legal desk."})}
    )
    assert "The Staff Union legal desk." in _text(told, "en", tmp_path)


def test_signing_a_memo_with_unassessed_points_names_them(cli_vault, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The service refuses without confirmation; at a terminal the officer is asked, naming the points; a script
    (no terminal) signs, and the points are named on standard error and shown as such in the memo."""
    case = {"title": "Just received", "received_on": "2026-03-02"}
    (tmp_path / "case.json").write_text(json.dumps(case), encoding="utf-8")
    reference = cli_vault("case", "add", str(tmp_path / "case.json")).out.strip()
    out = tmp_path / "memo.pdf"
    draft = cli_vault("memo", reference, "--out", str(out), "--json")
    assert draft.code == 0 and json.loads(draft.out)["unassessed"][:2] == ["mandate", "timeliness"]
    out.unlink()
    monkeypatch.setattr("ecodesk.cli.memo_commands._at_terminal", lambda: True)
    declined = cli_vault("memo", reference, "--out", str(out), "--sign", "--lang", "fr", stdin="no\n")
    assert declined.code == 2 and declined.err.startswith("These points are not yet assessed: Mandate, Time limits")
    assert not out.exists()
    monkeypatch.setattr("ecodesk.cli.memo_commands._at_terminal", lambda: False)
    signed = cli_vault("memo", reference, "--out", str(out), "--sign", "--lang", "fr")
    assert signed.code == 0, signed.err
    assert "Not yet assessed (shown as such in the memo): Mandate, Time limits" in signed.err
    assert "[délai : pas encore évalué]" in pdf_text(out.read_bytes(), tmp_path)
