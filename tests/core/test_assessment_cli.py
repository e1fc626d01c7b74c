"""``ecodesk assess REF --answers FILE`` and ``--show``."""

from __future__ import annotations

import json
from pathlib import Path

ANSWERS = {
    "mandate": {"complainant_covered": True, "alleges_retaliation": True},
    "protected_activities": [{"kind": "reported_to_oversight", "date": "2026-06-01", "description": "Report"}],
    "detrimental_actions": [{"kind": "non_renewal", "date": "2026-08-15", "description": "Not renewed"}],
    "alleged_retaliators": [{"name": "B. Head", "knew_of_protected_activity": True}],
    "indicators": {"expressed_animus": True},
    "evidence": [
        {"kind": "complainant_statement", "status": "obtained", "source": "Complainant"},
        {"kind": "contested_decision", "status": "requested"},
    ],
}


def _case(cli) -> str:  # type: ignore[no-untyped-def]
    case = {"title": "Non-renewal", "received_on": "2026-10-01", "complainant": {"name": "A. Staff"}}
    result = cli("case", "add", "-", stdin=json.dumps(case))
    assert result.code == 0, result.err
    return result.out.strip()


def _write(tmp_path: Path, data: object) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_answers_are_applied_and_saved_as_a_new_revision(cli_vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ref = _case(cli_vault)
    result = cli_vault("assess", ref, "--answers", _write(tmp_path, ANSWERS))
    assert result.code == 0, result.err
    assert "Evidence checklist (1 of 9 settled)" in result.out
    assert "Missing evidence" in result.out and "Contested decision and its date (Requested)" in result.out
    case = json.loads(cli_vault("case", "show", ref, "--json").out)
    assert case["revision"] == 2 and case["status"] == "in_assessment"
    assert case["protected_activities"][0]["description"] == "Report"
    assert {e["kind"] for e in case["evidence"]} >= {"witness", "stated_reasons"}
    assert case["assessment"]["answers"]["indicators"]["expressed_animus"] is True


def test_json_shape(cli_vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ref = _case(cli_vault)
    result = cli_vault("assess", ref, "--answers", _write(tmp_path, ANSWERS), "--json")
    data = json.loads(result.out)
    assert set(data) >= {
        "reference",
        "revision",
        "status",
        "steps",
        "facts",
        "checklist",
        "completeness",
        "missing_evidence",
        "suggested_finding",
        "determination",
    }
    assert data["reference"] == ref and data["steps"][0] == "complaint"
    assert data["facts"]["due_on"] == "2026-10-31" and data["facts"]["filed_in_time"] is True
    assert data["facts"]["closest_interval_days"] == 75
    statement = data["checklist"][0]
    assert statement["kind"] == "complainant_statement" and statement["status"] == "obtained"
    assert statement["source"] == "Complainant" and statement["required"] is True and statement["id"]
    assert set(data["suggested_finding"]["elements"]) == {
        "protected_activity",
        "detrimental_action",
        "contributing_factor",
    }
    element = data["suggested_finding"]["elements"]["protected_activity"]
    assert element["established"] is None  # the complainant's statement alone does not establish it
    assert "rests on the complaint alone" in " ".join(element["reasons"])
    assert data["suggested_finding"]["needs_verification"] is True  # not established is not disproved
    assert {m["kind"] for m in data["missing_evidence"]} >= {"contested_decision", "protected_activity_proof"}
    shown = json.loads(cli_vault("assess", ref, "--show", "--json").out)
    assert shown == data


def test_partial_answers_keep_the_other_sections(cli_vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ref = _case(cli_vault)
    cli_vault("assess", ref, "--answers", _write(tmp_path, ANSWERS))
    result = cli_vault(
        "assess", ref, "--answers", "-", "--json", stdin=json.dumps({"indicators": {"weak_or_shifting_reasons": True}})
    )
    data = json.loads(result.out)
    assert data["suggested_finding"]["indicators"]["animus"]["present"] is None
    assert data["suggested_finding"]["indicators"]["stated_reasons"]["present"] is True
    assert (
        data["suggested_finding"]["elements"]["protected_activity"]["reasons"][0]
        == "At this stage the element rests on the complaint alone and has not been verified."
    )


def test_completing_records_the_determination_and_status(cli_vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ref = _case(cli_vault)
    done = {
        **ANSWERS,
        "decision": {"determination": "no_prima_facie_case", "override_reason": "No proof of report."},
        "conclusion": {"conclusion": "No prima facie case.", "completed": True},
    }
    result = cli_vault("assess", ref, "--answers", _write(tmp_path, done), "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["determination"] == "no_prima_facie_case" and data["status"] == "awaiting_hq"
    assert data["override_reason"] == "No proof of report."


def test_an_override_without_reason_is_refused_and_nothing_saved(cli_vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ref = _case(cli_vault)
    done = {
        **ANSWERS,
        "decision": {"determination": "prima_facie_case"},
        "conclusion": {"conclusion": "x", "completed": True},
    }
    result = cli_vault("assess", ref, "--answers", _write(tmp_path, done))
    assert result.code == 2
    assert result.err.startswith("error: The assessment cannot be completed. Prima facie finding:")
    assert "Traceback" not in result.err
    assert json.loads(cli_vault("case", "show", ref, "--json").out)["revision"] == 1


def test_a_bad_answers_file_exits_2_naming_the_field(cli_vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ref = _case(cli_vault)
    bad = {"protected_activities": [{"kind": "reported", "date": "yesterday"}]}
    result = cli_vault("assess", ref, "--answers", _write(tmp_path, bad))
    assert result.code == 2 and "protected_activities.0.kind" in result.err
    result = cli_vault("assess", ref, "--answers", _write(tmp_path, {"mandate": {"complainant_covered": "maybe"}}))
    assert result.code == 2 and "mandate.complainant_covered" in result.err
    result = cli_vault("--lang", "fr", "assess", ref, "--answers", _write(tmp_path, {"indicator": {}}))
    assert result.code == 2 and "indicator" in result.err and "Traceback" not in result.err
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert cli_vault("assess", ref, "--answers", str(tmp_path / "broken.json")).code == 2


def test_an_unknown_reference_exits_4(cli_vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli_vault("assess", "RET-2026-DKR-0999", "--show").code == 4
    result = cli_vault("assess", "RET-2026-DKR-0999", "--answers", _write(tmp_path, ANSWERS))
    assert result.code == 4 and result.err.startswith("error: ")


def test_show_in_spanish(cli_vault) -> None:  # type: ignore[no-untyped-def]
    ref = _case(cli_vault)
    result = cli_vault("--lang", "es", "assess", ref, "--show")
    assert result.code == 0
    assert "Lista de verificación de las pruebas" in result.out
