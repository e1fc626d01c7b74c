"""Issue 14, point 11: the annual report's breakdowns, in the dashboard, the PDF and CSV, and anonymized."""

from __future__ import annotations

import datetime as dt

from ecodesk.i18n import Translator
from ecodesk.models import (
    AdviceRecord,
    DetrimentalAction,
    PrimaFacieAssessment,
    ProtectedActivity,
    RetaliationCase,
)
from ecodesk.records import training, ydi
from ecodesk.records.service import save_record
from ecodesk.reports.anonymized import THRESHOLD, anonymize
from ecodesk.reports.csv_export import csv_text
from ecodesk.reports.dashboard import build_dashboard, make_filters, records_behind
from ecodesk.reports.periods import parse_period
from ecodesk.reports.tables import Table
from ecodesk.storage.vault import Vault

TODAY = dt.date(2027, 1, 10)


def _case(vault: Vault, n: int, activities: list[str], actions: list[str], measures: list[str]) -> None:
    save_record(vault, RetaliationCase(
        title=f"Case {n}", received_on=dt.date(2026, 3, 1 + n),
        protected_activities=[ProtectedActivity(kind=k) for k in activities],
        detrimental_actions=[DetrimentalAction(kind=k) for k in actions],
        assessment=PrimaFacieAssessment(protective_measures=measures)))


def _fill(vault: Vault) -> None:
    for n in range(4):
        _case(vault, n, ["reported_to_oversight", "cooperated_with_audit"], ["non_renewal"], ["special_leave"])
    _case(vault, 5, ["reported_to_oversight", "reported_to_oversight"], ["threat"], [])
    for n in range(3):
        save_record(vault, AdviceRecord(categories=["gifts", "local_customs"], requester_type="manager",
                                        question=f"q{n}", received_on=dt.date(2026, 4, 1 + n)))
    save_record(vault, AdviceRecord(categories=["post_employment"], question="q", received_on=dt.date(2026, 5, 1)))
    ydi.open_campaign(vault, 2026, dt.date(2026, 3, 31), opened_on=dt.date(2026, 1, 15))
    for name in ("A", "B", "C", "D", "E"):
        ydi.add_filer(vault, 2026, {"name": name, "category": "senior_official"})
    for name in ("A", "B", "C", "D"):
        ydi.record_received(vault, 2026, name, dt.date(2026, 2, 1))
    for name in ("A", "B", "C"):
        ydi.record_review(vault, 2026, name, dt.date(2026, 2, 2), conflict_found=name == "A")
    training.add_session(vault, {"title": "Induction", "held_on": dt.date(2026, 5, 4), "audience": "new_staff",
                                 "participants": 23})
    training.add_session(vault, {"title": "Managers", "held_on": dt.date(2026, 6, 4), "audience": "managers",
                                 "participants": 12})
    training.add_session(vault, {"title": "Planned", "held_on": dt.date(2026, 12, 4), "audience": "managers",
                                 "participants": 50, "status": "planned"})


def test_the_annual_breakdowns_count_what_the_records_hold(vault: Vault) -> None:
    _fill(vault)
    filters = make_filters(parse_period("2026"), today=TODAY)
    dashboard = build_dashboard(vault, filters)
    table = {t.table: t.as_dict() for t in dashboard.tables}
    # A case counts once under each type it describes (twice the same type: once).
    assert table[Table.protected_activity_kinds]["reported_to_oversight"] == 5
    assert table[Table.protected_activity_kinds]["cooperated_with_audit"] == 4
    assert table[Table.detrimental_action_kinds]["non_renewal"] == 4
    assert table[Table.detrimental_action_kinds]["threat"] == 1
    assert table[Table.measures_recommended]["special_leave"] == 4
    # Advice: once under each category, but counted once as a request.
    assert table[Table.advice_by_category]["gifts"] == 3 and table[Table.advice_by_category]["local_customs"] == 3
    assert dashboard.figures.advice == 4
    assert table[Table.advice_by_requester] == {"staff_member": 0, "manager": 3, "non_staff": 0, "not_recorded": 1}
    assert table[Table.ydi_filings] == {"reviewed": 3, "received": 1, "not_filed": 1}
    assert table[Table.ydi_reviews] == {"conflict_found": 1, "no_conflict": 2}
    assert table[Table.training_participants]["new_staff"] == 23
    assert table[Table.training_participants]["managers"] == 12
    assert table[Table.training_sessions]["managers"] == 1  # the planned session is not counted
    # The list behind a count is the records counted.
    behind = records_behind(vault, filters, Table.detrimental_action_kinds, "threat")
    assert [s.title for s in behind] == ["Case 5"]
    assert len(records_behind(vault, filters, Table.advice_by_category, "local_customs")) == 3
    assert [s.kind for s in records_behind(vault, filters, Table.ydi_filings, "not_filed")] == ["ydi"]
    # Another period counts nothing of 2026.
    empty = build_dashboard(vault, make_filters(parse_period("2025"), today=TODAY))
    assert all(sum(v or 0 for v in t.as_dict().values()) == 0 for t in empty.tables)


def test_the_breakdowns_are_in_the_csv_and_pdf_in_the_chosen_language(vault: Vault) -> None:
    _fill(vault)
    dashboard = build_dashboard(vault, make_filters(parse_period("2026"), today=TODAY))
    text = csv_text(dashboard.tables, Translator("fr"))
    assert "protected_activity_kinds" in text and "ydi_filings" in text and "training_participants" in text
    assert "Déclaration examinée" in text


def test_the_anonymized_version_withholds_small_cells_of_the_new_tables(vault: Vault) -> None:
    _fill(vault)
    document = anonymize(build_dashboard(vault, make_filters(parse_period("2026"), today=TODAY)), today=TODAY)
    for table in document.tables:
        for cell in table.cells:
            assert cell.count is None or cell.count == 0 or cell.count >= THRESHOLD, (table.table, cell)
    threats = document.table(Table.detrimental_action_kinds)
    assert threats is not None and threats.count("threat") is None  # one case: withheld
    reviews = document.table(Table.ydi_reviews)
    assert reviews is not None and reviews.count("conflict_found") is None
    assert reviews.total is None or reviews.total >= THRESHOLD
    # The document (with the new tables) is accepted as statistics are when received.
    type(document).model_validate(document.model_dump(mode="json"))


def test_the_pdf_report_has_the_annual_sections_in_spanish(vault: Vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from test_reports_documents import pdf_text

    from ecodesk.reports.pdf import content_from_dashboard, render_pdf

    _fill(vault)
    dashboard = build_dashboard(vault, make_filters(parse_period("2026"), today=TODAY))
    text = " ".join(pdf_text(render_pdf(content_from_dashboard(dashboard, "Oficina de Ética"), "es"), tmp_path).split())
    for heading in ("Casos por tipo de actividad protegida", "Casos por tipo de medida perjudicial",
                    "Declaración anual de intereses: declarantes", "Participantes en la formación y la divulgación",
                    "Solicitudes de asesoramiento por solicitante", "Costumbres locales"):
        assert heading in text, heading


def _decided(vault: Vault, n: int, review: str, determination: str, final: str | None,
             responses: list[str]) -> None:
    from ecodesk.models.workflow import HQDecision, MeasureFollowUp

    save_record(vault, RetaliationCase(
        title=f"Decided {n}", received_on=dt.date(2026, 7, 1 + n),
        hq_decision=HQDecision(review_outcome=review, review_reasons="r" if review == "changed" else "",
                               determination=determination, final_outcome=final),
        measures=[MeasureFollowUp(kind="temporary_reassignment", complainant_consents=True, response=r)
                  for r in responses]))


def _fill_decisions(vault: Vault) -> None:
    vault.save_settings(vault.settings.model_copy(update={"office_code": "HQ"}))  # HQ records decisions
    for n in range(4):
        _decided(vault, n, "endorsed", "prima_facie_case", "retaliation_established", ["implemented", "implemented"])
    _decided(vault, 5, "changed", "no_prima_facie_case", None, ["declined", "accepted"])


def test_hq_outcomes_investigation_results_and_measures_implemented_are_counted(vault: Vault) -> None:
    _fill_decisions(vault)
    filters = make_filters(parse_period("2026"), today=TODAY)
    table = {t.table: t.as_dict() for t in build_dashboard(vault, filters).tables}
    assert table[Table.hq_reviews] == {"endorsed": 4, "changed": 1}
    assert table[Table.hq_determinations]["prima_facie_case"] == 4
    assert table[Table.hq_determinations]["no_prima_facie_case"] == 1
    assert table[Table.final_outcomes] == {"retaliation_established": 4, "retaliation_not_established": 0}
    # A case counts once under each response (two measures implemented: once).
    assert table[Table.measure_responses] == {"pending": 0, "accepted": 1, "implemented": 4, "declined": 1}
    behind = records_behind(vault, filters, Table.measure_responses, "declined")
    assert [s.title for s in behind] == ["Decided 5"]
    # A later decision updates the count (the columns follow the record whoever writes it).
    case = next(c for c in (vault.records.get(s.reference or "") for s in behind) if isinstance(c, RetaliationCase))
    decision = case.hq_decision.model_copy(update={"final_outcome": "retaliation_not_established"})
    save_record(vault, case.model_copy(update={"hq_decision": decision}))
    table = {t.table: t.as_dict() for t in build_dashboard(vault, filters).tables}
    assert table[Table.final_outcomes]["retaliation_not_established"] == 1
    text = csv_text(build_dashboard(vault, filters).tables, Translator("fr"))
    assert "final_outcomes" in text and "Représailles établies" in text


def test_the_anonymized_decision_tables_withhold_small_cells(vault: Vault) -> None:
    _fill_decisions(vault)
    document = anonymize(build_dashboard(vault, make_filters(parse_period("2026"), today=TODAY)), today=TODAY)
    reviews = document.table(Table.hq_reviews)
    assert reviews is not None and reviews.count("changed") is None  # one case: withheld
    assert reviews.count("endorsed") is None  # withheld too, or the total would give the hidden one away
    responses = document.table(Table.measure_responses)
    assert responses is not None and responses.count("declined") is None and responses.count("accepted") is None
    for table in document.tables:
        for cell in table.cells:
            assert cell.count is None or cell.count == 0 or cell.count >= THRESHOLD, (table.table, cell)
    type(document).model_validate(document.model_dump(mode="json"))


def test_the_pdf_report_has_the_decision_sections_in_french(vault: Vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from test_reports_documents import pdf_text

    from ecodesk.reports.pdf import content_from_dashboard, render_pdf

    _fill_decisions(vault)
    dashboard = build_dashboard(vault, make_filters(parse_period("2026"), today=TODAY))
    text = " ".join(pdf_text(render_pdf(content_from_dashboard(dashboard, "Bureau"), "fr"), tmp_path).split())
    for heading in ("Examen des évaluations par le Siège", "Conclusions définitives après enquête",
                    "Mesures de protection : suite donnée par l'Administration", "Mise en œuvre"):
        assert heading in text, heading


def test_a_vault_of_schema_12_counts_its_existing_decisions_after_the_upgrade(vault: Vault, vault_path) -> None:  # type: ignore[no-untyped-def]
    from test_reasoning_migration import undo_schema_13

    from ecodesk.storage.migrations import latest_version
    from tests.conftest import PASSPHRASE

    _fill_decisions(vault)
    undo_schema_13(vault)
    vault.db.execute("UPDATE meta SET value = '12' WHERE key = 'schema_version'")
    vault.close()
    upgraded = Vault.open(vault_path, PASSPHRASE)
    try:
        assert upgraded.db.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(latest_version())
        filters = make_filters(parse_period("2026"), today=TODAY)
        table = {t.table: t.as_dict() for t in build_dashboard(upgraded, filters).tables}
        assert table[Table.hq_reviews] == {"endorsed": 4, "changed": 1}
        assert table[Table.measure_responses]["implemented"] == 4
    finally:
        upgraded.close()
