"""The case file summary: one case with its history as a PDF in the chosen language, from the core and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from memo_support import normalized, pdf_text
from packages_support import make_case

from ecodesk.errors import InvalidInput
from ecodesk.memo.case_summary import case_summary, save_case_summary
from ecodesk.models import AdviceRecord
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault
from tests.conftest import CliRunner


def test_french_summary_has_the_case_and_its_history(vault: Vault, tmp_path: Path) -> None:
    case = make_case(vault)
    case = save_record(vault, case.model_copy(update={"title": "Mutation après le rapport d'audit"}))
    summary = case_summary(vault, case.reference, "fr")
    text = normalized(pdf_text(summary.pdf, tmp_path))
    expected_texts = ["RÉSUMÉ DU DOSSIER", "Bureau de la déontologie", case.reference, "Fatou Ndiaye",
                      "Mutation après le rapport d'audit", "Reassignment e-mail", "Historique", "Journal d'audit",
                      "Créé", "Enregistré", "STRICTEMENT CONFIDENTIEL"]  # fmt: skip
    for expected in expected_texts:
        assert expected in text, expected
    assert "CASE FILE SUMMARY" not in text and "Audit log" not in text
    assert summary.pages >= 1 and summary.language == "fr"
    actions = [e.action for e in vault.audit.events(record_id=case.id, limit=10)]
    assert "case_summary" in actions  # producing it is audited (never its content)


def test_summary_of_an_advice_record_is_refused(vault: Vault) -> None:
    request = AdviceRecord(question="May I accept a gift?", received_on="2026-03-02", category="gifts")
    advice = save_record(vault, request)
    with pytest.raises(InvalidInput):
        case_summary(vault, advice.reference or "", "en")


def test_saving_a_copy_is_audited(vault: Vault, tmp_path: Path) -> None:
    case = make_case(vault)
    summary = case_summary(vault, case.reference or "", "es")
    save_case_summary(vault, summary, tmp_path / "copy.pdf")
    assert (tmp_path / "copy.pdf").read_bytes() == summary.pdf
    assert "RESUMEN DEL CASO" in pdf_text(summary.pdf, tmp_path)
    assert vault.audit.events(record_id=case.id, limit=1)[0].action == "case_summary_saved"


def test_cli_case_summary_writes_the_pdf_in_the_language_asked(cli_vault: CliRunner, tmp_path: Path) -> None:
    added = cli_vault("case", "add", "-", stdin='{"title": "Non-renewal after report", "received_on": "2026-02-01"}')
    assert added.code == 0, added.err
    out = tmp_path / "summary.pdf"
    result = cli_vault("case", "summary", "RET-2026-DKR-0001", "--lang", "fr", "--out", str(out))
    assert result.code == 0, result.err
    assert "not encrypted" in result.out
    text = pdf_text(out.read_bytes(), tmp_path)
    assert "RÉSUMÉ DU DOSSIER" in text and "Non-renewal after report" in text
    missing = cli_vault("case", "summary", "RET-2026-DKR-0099", "--out", str(tmp_path / "x.pdf"))
    assert missing.code != 0 and missing.err.startswith("error:") and "Traceback" not in missing.err
