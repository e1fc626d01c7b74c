"""The dashboard's counts are right: every table checked against a plain count over the stored records."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from ecodesk.demo import demo_advice, demo_cases
from ecodesk.models import AdviceRecord, Determination, PrimaFacieAssessment, RetaliationCase
from ecodesk.records.service import save_record
from ecodesk.reports.dashboard import build_dashboard, make_filters, records_behind
from ecodesk.reports.periods import parse_period, period_between
from ecodesk.reports.tables import Table
from ecodesk.storage.vault import Vault

TODAY = dt.date(2026, 11, 15)


@pytest.fixture
def seeded(vault: Vault) -> Vault:
    """A vault with the records of several offices (as at HQ), cases with and without assessments."""
    records = [*demo_cases(160, seed=3, office="HQ", today=TODAY), *demo_advice(90, seed=3, office="HQ", today=TODAY)]
    vault.records.save_many(records, office="DKR")
    return vault


def stored(vault: Vault) -> list[RetaliationCase | AdviceRecord]:
    return [vault.records.get(record_id) for record_id in vault.records.all_ids()]


def expected_tables(records, start: dt.date, end: dt.date, office: str | None = None) -> dict[Table, Counter]:
    cases = [
        r for r in records
        if isinstance(r, RetaliationCase) and start <= r.received_on <= end and (office is None or r.office == office)
    ]
    advice = [
        r for r in records
        if isinstance(r, AdviceRecord) and start <= r.received_on <= end and (office is None or r.office == office)
    ]
    overdue = Counter()
    for case in cases:
        if case.is_open() and case.assessment_due_on < TODAY:
            late = (TODAY - case.assessment_due_on).days
            overdue["1-7" if late <= 7 else "8-30" if late <= 30 else "31-90" if late <= 90 else "91+"] += 1
    taken, timeliness = Counter(), Counter()
    for case in cases:
        done = case.assessment.completed_on
        if done is not None:
            days = (done - case.received_on).days
            taken["0-15" if days <= 15 else "16-30" if days <= 30 else "31-60" if days <= 60 else "61+"] += 1
            timeliness["in_time" if done <= case.assessment_due_on else "late"] += 1
    return {
        Table.cases_by_month: Counter(c.received_on.strftime("%Y-%m") for c in cases),
        Table.advice_by_month: Counter(a.received_on.strftime("%Y-%m") for a in advice),
        Table.cases_by_status: Counter(c.status.value for c in cases),
        Table.cases_by_office: Counter(c.office for c in cases),
        Table.overdue_assessments: overdue,
        Table.outcomes: Counter(
            c.assessment.determination.value if c.assessment.determination else "pending" for c in cases
        ),
        Table.time_to_assess: taken,
        Table.assessment_timeliness: timeliness,
        Table.advice_by_category: Counter(a.category.value for a in advice),
        Table.advice_by_office: Counter(a.office for a in advice),
    }


def nonzero(counts: dict[str, int | None]) -> dict[str, int]:
    return {key: n for key, n in counts.items() if n}


@pytest.mark.parametrize("label", ["2026", "2025-Q4", "2026-03", "2025-H2"])
def test_every_table_matches_a_plain_count(seeded: Vault, label: str) -> None:
    period = parse_period(label)
    dashboard = build_dashboard(seeded, make_filters(period, today=TODAY))
    expected = expected_tables(stored(seeded), period.start, period.end)
    for table, counts in expected.items():
        got = dashboard.table(table)
        assert nonzero(got.as_dict()) == dict(counts), table
        assert got.total == sum(counts.values()), table
    cases = sum(expected[Table.cases_by_status].values())
    assert dashboard.figures.cases == cases
    assert dashboard.figures.overdue == sum(expected[Table.overdue_assessments].values())
    assert dashboard.figures.assessed_in_time == expected[Table.assessment_timeliness]["in_time"]
    assert dashboard.figures.advice == sum(expected[Table.advice_by_category].values())


def test_seeded_data_exercises_every_chart(seeded: Vault) -> None:
    """Guard against a vacuous comparison: the period has cases in several statuses, outcomes and offices."""
    dashboard = build_dashboard(seeded, make_filters(parse_period("2026"), today=TODAY))
    assert len(nonzero(dashboard.table(Table.cases_by_status).as_dict())) >= 4
    assert len(nonzero(dashboard.table(Table.outcomes).as_dict())) >= 3
    assert len(nonzero(dashboard.table(Table.cases_by_office).as_dict())) >= 3
    assert dashboard.figures.overdue > 0
    assert dashboard.figures.median_days_to_assess is not None


def test_office_kind_and_category_filters(seeded: Vault) -> None:
    period = parse_period("2026")
    records = stored(seeded)
    by_office = build_dashboard(seeded, make_filters(period, office="PAN", today=TODAY))
    expected = expected_tables(records, period.start, period.end, office="PAN")
    assert nonzero(by_office.table(Table.cases_by_status).as_dict()) == dict(expected[Table.cases_by_status])
    assert set(nonzero(by_office.table(Table.advice_by_office).as_dict())) <= {"PAN"}

    advice_only = build_dashboard(seeded, make_filters(period, kind="advice", today=TODAY))
    assert advice_only.figures.cases == 0 and advice_only.figures.advice > 0

    gifts = build_dashboard(seeded, make_filters(period, category="gifts", today=TODAY))
    wanted = sum(
        1 for r in records
        if isinstance(r, AdviceRecord) and r.category.value == "gifts" and period.start <= r.received_on <= period.end
    )
    assert gifts.figures.advice == wanted
    assert nonzero(gifts.table(Table.advice_by_category).as_dict()) == ({"gifts": wanted} if wanted else {})


def test_median_days_to_assess(seeded: Vault) -> None:
    period = parse_period("2026")
    days = sorted(
        (r.assessment.completed_on - r.received_on).days
        for r in stored(seeded)
        if isinstance(r, RetaliationCase) and r.assessment.completed_on and period.start <= r.received_on <= period.end
    )
    middle = len(days) // 2
    expected = days[middle] if len(days) % 2 else (days[middle - 1] + days[middle]) / 2
    dashboard = build_dashboard(seeded, make_filters(period, today=TODAY))
    assert dashboard.figures.median_days_to_assess == expected


def test_the_list_behind_a_bar_is_what_was_counted(seeded: Vault) -> None:
    filters = make_filters(parse_period("2026"), today=TODAY)
    dashboard = build_dashboard(seeded, filters)
    for table in Table:
        for cell in dashboard.table(table).cells:
            behind = records_behind(seeded, filters, table, cell.key)
            assert len(behind) == cell.count, (table, cell.key)
            assert len({r.reference for r in behind}) == len(behind)


def test_a_new_determination_moves_the_case_between_outcomes(vault: Vault) -> None:
    """The outcome columns follow every save (kept in step by the vault, not by the report code)."""
    case = save_record(vault, RetaliationCase(title="Reassignment after audit", received_on=dt.date(2026, 8, 3)))
    filters = make_filters(period_between("2026-08-01", "2026-08-31"), today=TODAY)
    assert build_dashboard(vault, filters).table(Table.outcomes).count("pending") == 1
    assessed = case.model_copy(
        update={
            "status": "assessed",
            "assessment": PrimaFacieAssessment(
                determination=Determination.no_prima_facie_case, completed_on=dt.date(2026, 8, 20)
            ),
        }
    )
    save_record(vault, assessed)
    dashboard = build_dashboard(vault, filters)
    assert dashboard.table(Table.outcomes).count("pending") == 0
    assert dashboard.table(Table.outcomes).count("no_prima_facie_case") == 1
    assert dashboard.table(Table.time_to_assess).count("16-30") == 1
    assert dashboard.table(Table.assessment_timeliness).count("in_time") == 1


def test_months_without_records_are_shown_as_zero(vault: Vault) -> None:
    dashboard = build_dashboard(vault, make_filters(parse_period("2026-Q1"), today=TODAY))
    cells = dashboard.table(Table.cases_by_month).cells
    assert [(c.key, c.count) for c in cells] == [("2026-01", 0), ("2026-02", 0), ("2026-03", 0)]
