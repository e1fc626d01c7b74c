"""The case's life after the regional assessment, through real packages between a regional vault (Dakar) and
HQ: submission, HQ's review and the Chief's determination, referral, investigation report, final determination
(clear-and-convincing test), corrective measures, and back to Dakar; HQ decisions are refused from anyone else."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from packages_support import Exchange, make_case, make_exchange, snapshot

from ecodesk.casework import hq
from ecodesk.errors import InvalidInput, PackageRejected
from ecodesk.models import CaseStatus, Determination, PrimaFacieAssessment, RetaliationCase, SearchQuery
from ecodesk.models.workflow import FinalOutcome, HQDecision, ReviewOutcome
from ecodesk.packages.export import export_package
from ecodesk.packages.importing import import_package
from ecodesk.records.service import save_record


@pytest.fixture
def ex(tmp_path: Path) -> Iterator[Exchange]:
    exchange = make_exchange(tmp_path)
    yield exchange
    exchange.close()


def _assessed(ex: Exchange) -> RetaliationCase:
    """A case whose regional assessment is completed (prima facie case): it awaits HQ."""
    return make_case(
        ex.officer,
        status=CaseStatus.awaiting_hq,
        assessment=PrimaFacieAssessment(
            determination=Determination.prima_facie_case, completed_on=dt.date(2026, 3, 20)
        ),
    )


def _case(vault: object, reference: str) -> RetaliationCase:
    case = vault.records.get(reference)  # type: ignore[attr-defined]
    assert isinstance(case, RetaliationCase)
    return case


def test_a_case_goes_to_hq_is_decided_there_and_comes_back_with_the_final_determination(ex: Exchange) -> None:
    ref = _assessed(ex).reference or ""
    submitted, package_id = hq.submit_to_hq(ex.officer, ref, to=["HQ Geneva"], out=ex.folder / "to-hq.ecopkg",
                                            on=dt.date(2026, 3, 21))
    assert submitted.submission.submitted_on == dt.date(2026, 3, 21) and submitted.submission.package_id == package_id
    arrived = import_package(ex.hq, ex.folder / "to-hq.ecopkg")
    assert arrived.created == [ref] and str(arrived.package_id) == package_id

    hq.review(ex.hq, ref, outcome=ReviewOutcome.endorsed, by="Chief of Section", on=dt.date(2026, 3, 25))
    hq.decide(ex.hq, ref, determination=Determination.prima_facie_case, by="Chief, Ethics Office",
              on=dt.date(2026, 3, 26))
    hq.refer(ex.hq, ref, oversight_reference="OIOS-0426-2026", expected=dt.date(2026, 9, 30), on=dt.date(2026, 3, 27))
    hq.investigation_received(ex.hq, ref, summary="Reassignment unsupported by any documented need.",
                              on=dt.date(2026, 9, 15))
    with pytest.raises(InvalidInput, match="clear and convincing"):
        hq.final_determination(ex.hq, ref, outcome=FinalOutcome.retaliation_established, clear_and_convincing=True)
    hq.final_determination(
        ex.hq, ref, outcome=FinalOutcome.retaliation_established, clear_and_convincing=False,
        organization_evidence="No restructuring plan predates the report.", on=dt.date(2026, 10, 1),
    )
    decided = hq.recommend_corrective(ex.hq, ref, measures="Rescind the reassignment.",
                                      disciplinary_to="Office of Human Resources", on=dt.date(2026, 10, 2))
    assert decided.status is CaseStatus.awaiting_administration

    export_package(ex.hq, to=["Dakar"], cases=[ref], out=ex.folder / "back.ecopkg")
    back = import_package(ex.officer, ex.folder / "back.ecopkg")
    assert back.updated == [ref] and not back.conflicts
    at_dakar = _case(ex.officer, ref)
    d = at_dakar.hq_decision
    assert at_dakar.status is CaseStatus.awaiting_administration
    assert (d.review_outcome, d.determination, d.oversight_reference) == (
        ReviewOutcome.endorsed, "prima_facie_case", "OIOS-0426-2026")
    assert d.final_outcome is FinalOutcome.retaliation_established and d.clear_and_convincing is False
    assert d.organization_evidence == "No restructuring plan predates the report."
    assert d.disciplinary_referral_to == "Office of Human Resources"
    assert d.corrective_recommended_on == dt.date(2026, 10, 2)
    # The officer's Home lists cases waiting on the Administration (the list reads the summaries table).
    waiting = ex.officer.records.find(SearchQuery(status=CaseStatus.awaiting_administration.value))
    assert [s.reference for s in waiting] == [ref]

    closed = hq.close(ex.officer, ref, letter_sent_on=dt.date(2026, 10, 20), on=dt.date(2026, 10, 20))
    assert closed.status is CaseStatus.closed and closed.closure.letter_sent_on == dt.date(2026, 10, 20)
    # Sent back to HQ with HQ's decisions unchanged: accepted.
    export_package(ex.officer, to=["HQ Geneva"], cases=[ref], out=ex.folder / "closed.ecopkg")
    assert import_package(ex.hq, ex.folder / "closed.ecopkg").updated == [ref]
    assert _case(ex.hq, ref).status is CaseStatus.closed


def test_hq_decisions_sent_by_a_regional_office_are_refused_and_change_nothing(ex: Exchange) -> None:
    case = _assessed(ex)
    forged = case.model_copy(update={"hq_decision": HQDecision(determination="no_prima_facie_case",
                                                               determined_by="Someone")})
    with pytest.raises(InvalidInput, match="Only HQ"):  # the regional vault's own services refuse it
        save_record(ex.officer, forged)
    ex.officer.records.save(forged, office="DKR")  # written behind the services' back (another tool, a bug)
    export_package(ex.officer, to=["HQ Geneva"], cases=[case.reference or ""], out=ex.folder / "forged.ecopkg")
    before = snapshot(ex.hq)
    with pytest.raises(PackageRejected, match="not an HQ contact"):
        import_package(ex.hq, ex.folder / "forged.ecopkg")
    assert snapshot(ex.hq) == before


def test_a_regional_vault_cannot_record_hq_decisions(ex: Exchange) -> None:
    ref = _assessed(ex).reference or ""
    for record in (
        lambda: hq.decide(ex.officer, ref, determination=Determination.prima_facie_case, by="x"),
        lambda: hq.review(ex.officer, ref, outcome=ReviewOutcome.endorsed, by="x"),
        lambda: hq.refer(ex.officer, ref),
    ):
        with pytest.raises(InvalidInput, match="Only HQ records this decision"):
            record()


def test_a_case_not_assessed_cannot_be_submitted_and_changing_needs_reasons(ex: Exchange) -> None:
    ref = make_case(ex.officer).reference or ""
    with pytest.raises(InvalidInput, match="not completed"):
        hq.submit_to_hq(ex.officer, ref, to=["HQ Geneva"], out=ex.folder / "x.ecopkg")
    assert not (ex.folder / "x.ecopkg").exists()
    assert _case(ex.officer, ref).submission.submitted_on is None
    export_package(ex.officer, to=["HQ Geneva"], cases=[ref], out=ex.folder / "p.ecopkg")
    import_package(ex.hq, ex.folder / "p.ecopkg")
    with pytest.raises(InvalidInput, match="reasons"):
        hq.review(ex.hq, ref, outcome=ReviewOutcome.changed, by="x")
    assert _case(ex.hq, ref).hq_decision.review_outcome is None  # nothing recorded


def test_the_cli_records_each_step_with_json(ex: Exchange, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import PASSPHRASE, CliRunner

    ref = _assessed(ex).reference or ""
    export_package(ex.officer, to=["HQ Geneva"], cases=[ref], out=ex.folder / "p.ecopkg")
    import_package(ex.hq, ex.folder / "p.ecopkg")
    ex.hq.close()
    cli = CliRunner(ex.folder / "hq", monkeypatch)
    steps = [
        ("review", "--outcome", "changed", "--by", "Chief of Section", "--reasons", "Timing is weaker.",
         "--on", "2026-03-25"),
        ("decide", "--determination", "prima_facie_case", "--by", "Chief", "--on", "2026-03-26"),
        ("refer", "--oversight-ref", "OIOS-1", "--expected", "2026-09-30", "--on", "2026-03-27"),
        ("investigation", "--summary", "Report.", "--on", "2026-09-01"),
        ("determine", "--outcome", "retaliation_not_established", "--clear-and-convincing", "yes",
         "--organization-evidence", "Restructuring approved before the report.", "--on", "2026-09-10"),
        ("close", "--letter-sent", "2026-09-12", "--on", "2026-09-12"),
    ]
    statuses = []
    for action, *options in steps:
        result = cli("case", action, ref, *options, "--json")
        assert result.code == 0, result.err
        statuses.append(json.loads(result.out)["status"])
    assert statuses == ["awaiting_hq", "hq_determined", "referred", "investigation_received", "finally_determined",
                        "closed"]
    data = json.loads(cli("case", "workflow", ref, "--json").out)
    assert data["hq_decision"]["review_reasons"] == "Timing is weaker."
    assert data["hq_decision"]["clear_and_convincing"] is True
    assert data["closure"]["letter_sent_on"] == "2026-09-12"
    refused = cli("case", "corrective", ref, "--measures", "x")
    assert refused.code == 2 and refused.err.startswith("error: ")
    french = cli("--lang", "fr", "case", "workflow", ref)
    assert "Conclusion définitive" in french.out and "Représailles non établies" in french.out
    assert PASSPHRASE


def test_a_regional_update_made_before_hqs_decision_arrived_is_kept_as_a_conflict_not_refused(ex: Exchange) -> None:
    ref = _assessed(ex).reference or ""
    export_package(ex.officer, to=["HQ Geneva"], cases=[ref], out=ex.folder / "first.ecopkg")
    import_package(ex.hq, ex.folder / "first.ecopkg")
    hq.decide(ex.hq, ref, determination=Determination.prima_facie_case, by="Chief")
    # Meanwhile Dakar edits the case (it has no HQ decision yet) and sends it again.
    local = _case(ex.officer, ref)
    save_record(ex.officer, local.model_copy(update={"summary": "Witness statement added."}))
    export_package(ex.officer, to=["HQ Geneva"], cases=[ref], out=ex.folder / "second.ecopkg")
    result = import_package(ex.hq, ex.folder / "second.ecopkg")
    assert result.conflicts == [ref]
    assert _case(ex.hq, ref).hq_decision.determination == "prima_facie_case"  # HQ's decision stays


def test_case_submit_on_the_command_line_writes_the_package_and_records_it(
    ex: Exchange, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import CliRunner

    ref = _assessed(ex).reference or ""
    ex.officer.close()
    cli = CliRunner(ex.folder / "dkr", monkeypatch)
    out = ex.folder / "submitted.ecopkg"
    result = cli("case", "submit", ref, "--to", "HQ Geneva", "--out", str(out), "--on", "2026-03-22", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["submission"] == {"submitted_on": "2026-03-22", "package_id": data["package_id"]}
    assert data["status"] == "awaiting_hq"
    assert str(import_package(ex.hq, out).package_id) == data["package_id"]
    assert _case(ex.hq, ref).submission.submitted_on == dt.date(2026, 3, 22)
    french = cli("--lang", "fr", "case", "workflow", ref)
    assert "Évaluation terminée, en attente du Siège" in french.out and "Transmis au Siège" in french.out
