"""The assessment clock: information requests pause it, their receipt restarts the period, completion stops it;
lists, reports, ``case show`` and ``assess --show`` all follow the same rule."""

from __future__ import annotations

import datetime as dt
import json

from ecodesk.casework.clock import information_received, request_information
from ecodesk.models import CaseStatus, Determination, PrimaFacieAssessment, RetaliationCase, SearchQuery
from ecodesk.records.service import save_record
from ecodesk.reports.dashboard import build_dashboard, make_filters
from ecodesk.reports.periods import parse_period
from ecodesk.reports.tables import Table
from ecodesk.storage.vault import Vault
from tests.conftest import CliRunner

RECEIVED = dt.date(2026, 3, 2)  # due 1 April 2026 under the 30-day rule


def _case(vault: Vault, **fields: object) -> RetaliationCase:
    saved = save_record(vault, RetaliationCase(title="Reassignment after audit", received_on=RECEIVED, **fields))  # type: ignore[arg-type]
    assert isinstance(saved, RetaliationCase)
    return saved


def _listed_due(vault: Vault, reference: str) -> dt.date | None:
    return next(s.due_on for s in vault.records.find(SearchQuery()) if s.reference == reference)


def test_a_pending_request_pauses_the_clock_and_its_receipt_restarts_the_period(vault: Vault) -> None:
    case = _case(vault)
    ref = case.reference or ""
    assert case.deadline() == dt.date(2026, 4, 1) and _listed_due(vault, ref) == dt.date(2026, 4, 1)

    paused = request_information(vault, ref, what="contract history", requested_from="HR", on=dt.date(2026, 3, 20))
    assert paused.deadline() is None and paused.days_left(dt.date(2026, 6, 1)) is None  # never overdue while paused
    assert _listed_due(vault, ref) is None
    assert vault.records.count(SearchQuery(overdue_on=dt.date(2026, 6, 1))) == 0

    resumed = information_received(vault, ref, on=dt.date(2026, 4, 10))
    # 30 days from receipt of the information requested, not from receipt of the complaint.
    assert resumed.deadline() == dt.date(2026, 5, 10)
    assert resumed.days_left(dt.date(2026, 5, 1)) == 9
    assert _listed_due(vault, ref) == dt.date(2026, 5, 10)
    assert vault.records.count(SearchQuery(overdue_on=dt.date(2026, 5, 1))) == 0
    assert vault.records.count(SearchQuery(overdue_on=dt.date(2026, 5, 11))) == 1
    # The history shows the pause and the resumption with their dates.
    events = {e.action: e.detail for e in vault.audit.events(limit=10)}
    assert events["information_requested"]["on"] == "2026-03-20"
    assert events["information_received"]["on"] == "2026-04-10"


def test_information_received_early_keeps_the_deadline_from_receipt(vault: Vault) -> None:
    ref = _case(vault).reference or ""
    request_information(vault, ref, on=dt.date(2026, 3, 3))
    case = information_received(vault, ref, on=dt.date(2026, 3, 4))
    assert case.deadline() == dt.date(2026, 4, 3)


def test_reports_count_overdue_assessments_with_the_same_rule(vault: Vault) -> None:
    today = dt.date(2026, 4, 20)
    on_time = _case(vault).reference or ""
    _case(vault)  # no request: overdue since 1 April
    request_information(vault, on_time, on=dt.date(2026, 3, 25))
    information_received(vault, on_time, on=dt.date(2026, 4, 5))  # due 5 May
    dashboard = build_dashboard(vault, make_filters(parse_period("2026"), today=today))
    assert dashboard.figures.overdue == 1
    assert sum(n or 0 for n in dashboard.table(Table.overdue_assessments).as_dict().values()) == 1


def test_a_completed_and_referred_case_is_never_overdue(vault: Vault, cli: CliRunner) -> None:
    case = _case(
        vault,
        status=CaseStatus.referred,
        assessment=PrimaFacieAssessment(
            determination=Determination.prima_facie_case, completed_on=dt.date(2026, 3, 25)
        ),
    )
    assert case.days_left(dt.date(2026, 8, 5)) is None
    assert vault.records.count(SearchQuery(overdue_on=dt.date(2026, 8, 5))) == 0
    vault.close()
    result = cli("case", "show", case.reference or "")
    assert result.code == 0 and "overdue" not in result.out and "stopped: assessment completed" in result.out
    shown = cli("assess", case.reference or "", "--show", "--json")
    facts = json.loads(shown.out)["facts"]
    assert facts["days_left"] is None and facts["overdue"] is False and facts["clock"] == "stopped"
    text = cli("assess", case.reference or "", "--show")
    assert "overdue by" not in text.out


def test_receiving_with_no_pending_request_is_an_error_not_a_traceback(vault: Vault, cli: CliRunner) -> None:
    ref = _case(vault).reference or ""
    vault.close()
    result = cli("case", "info-received", ref, "--on", "2026-04-01")
    assert result.code == 2 and result.err.startswith("error: ") and "no pending information request" in result.err
    paused = cli("case", "request-info", ref, "--on", "2026-03-10", "--what", "appraisals", "--json")
    data = json.loads(paused.out)
    assert data["clock"]["state"] == "paused" and data["clock"]["paused_since"] == "2026-03-10"
    resumed = cli("case", "info-received", ref, "--on", "2026-03-20", "--json")
    assert json.loads(resumed.out)["clock"]["due_on"] == "2026-04-19"


def test_reports_count_preventive_protection_and_the_new_statuses(vault: Vault) -> None:
    save_record(vault, RetaliationCase(
        title="At risk", received_on=RECEIVED, status=CaseStatus.awaiting_hq, request_kind="preventive",
        assessment=PrimaFacieAssessment(determination=Determination.preventive_protection,
                                        completed_on=dt.date(2026, 3, 10))))  # fmt: skip
    dashboard = build_dashboard(vault, make_filters(parse_period("2026"), today=dt.date(2026, 4, 20)))
    assert dashboard.table(Table.outcomes).count("preventive_protection") == 1
    assert dashboard.table(Table.cases_by_status).count("awaiting_hq") == 1
