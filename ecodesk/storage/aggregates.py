"""Counts for reports, computed in SQL inside the vault (no record body is read or decrypted row by row).

Every aggregation is a *table*: the records of one kind received in a period (optionally of one office and,
for advice, one category) grouped by one expression. The same definition gives the counts and the list of
records behind a count, so a number on a chart and the list shown when it is clicked always agree.

Statuses, overdue assessments and outcomes are as of ``today``; the period selects records by the day they
were received. The covering index ``records_report`` (migration 4) serves all of these queries, and
``dashboard_counts`` computes every table at once with one index scan per record kind (no sort).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ecodesk.models import AdviceCategory, CaseStatus, Determination
from ecodesk.storage import annual
from ecodesk.storage.database import Database, Row
from ecodesk.storage.records import category_match


class Table(StrEnum):
    """The aggregations a report is made of (the names are part of the statistics format)."""

    cases_by_month = "cases_by_month"
    advice_by_month = "advice_by_month"
    cases_by_status = "cases_by_status"
    cases_by_office = "cases_by_office"
    overdue_assessments = "overdue_assessments"
    outcomes = "outcomes"
    time_to_assess = "time_to_assess"
    assessment_timeliness = "assessment_timeliness"
    advice_by_category = "advice_by_category"
    advice_by_office = "advice_by_office"
    # The annual report (counted from the record bodies: storage/annual.py)
    protected_activity_kinds = "protected_activity_kinds"
    detrimental_action_kinds = "detrimental_action_kinds"
    measures_recommended = "measures_recommended"
    hq_reviews = "hq_reviews"
    hq_determinations = "hq_determinations"
    final_outcomes = "final_outcomes"
    measure_responses = "measure_responses"
    advice_by_requester = "advice_by_requester"
    ydi_filings = "ydi_filings"
    ydi_reviews = "ydi_reviews"
    training_sessions = "training_sessions"
    training_participants = "training_participants"


ANNUAL_TABLES = tuple(Table(name) for name in annual.SPECS)


# (key, first day, last day); the last bucket is open-ended.
OVERDUE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("1-7", 1, 7),
    ("8-30", 8, 30),
    ("31-90", 31, 90),
    ("91+", 91, None),
)
ASSESSMENT_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-15", 0, 15),
    ("16-30", 16, 30),
    ("31-60", 31, 60),
    ("61+", 61, None),
)
# Columns copied from the JSON body by migration 4's triggers (indexed; the body is never read here).
DETERMINATION = "determination"
ASSESSED_ON = "assessed_on"
PENDING = "pending"  # outcome key of cases without a determination yet


def _bucket_sql(days: str, buckets: tuple[tuple[str, int, int | None], ...]) -> str:
    parts = [f"WHEN {days} <= {last} THEN '{key}'" for key, _first, last in buckets if last is not None]
    return f"CASE {' '.join(parts)} ELSE '{buckets[-1][0]}' END"


_OVERDUE_DAYS = "CAST(julianday(:today) - julianday(due_on) AS INTEGER)"
_ASSESS_DAYS = f"CAST(julianday({ASSESSED_ON}) - julianday(received_on) AS INTEGER)"

# table -> (record kind, grouping expression, extra condition)
_SPECS: dict[Table, tuple[str, str, str]] = {
    Table.cases_by_month: ("retaliation", "substr(received_on, 1, 7)", ""),
    Table.advice_by_month: ("advice", "substr(received_on, 1, 7)", ""),
    Table.cases_by_status: ("retaliation", "status", ""),
    Table.cases_by_office: ("retaliation", "office", ""),
    Table.overdue_assessments: (
        "retaliation",
        _bucket_sql(_OVERDUE_DAYS, OVERDUE_BUCKETS),
        "is_open = 1 AND due_on < :today",
    ),
    Table.outcomes: ("retaliation", f"coalesce({DETERMINATION}, '{PENDING}')", ""),
    Table.time_to_assess: ("retaliation", _bucket_sql(_ASSESS_DAYS, ASSESSMENT_BUCKETS), f"{ASSESSED_ON} IS NOT NULL"),
    Table.assessment_timeliness: (
        "retaliation",
        f"CASE WHEN due_on IS NOT NULL AND {ASSESSED_ON} <= due_on THEN 'in_time' ELSE 'late' END",
        f"{ASSESSED_ON} IS NOT NULL",
    ),
    Table.advice_by_category: ("advice", "category", ""),
    Table.advice_by_office: ("advice", "office", ""),
}

TABLE_KIND: dict[Table, str] = {
    **{table: spec[0] for table, spec in _SPECS.items()},
    **{table: annual.kind_of(table.value) for table in ANNUAL_TABLES},
}


@dataclass(frozen=True)
class Scope:
    """Which records a report counts: received from ``start`` to ``end`` (inclusive), optionally one office,
    one record kind, and one advice category (the category narrows advice only)."""

    start: dt.date
    end: dt.date
    today: dt.date
    office: str | None = None
    kind: str | None = None
    category: str | None = None


@dataclass(frozen=True)
class AssessmentFigures:
    cases: int
    open_cases: int
    overdue: int
    assessed: int
    assessed_in_time: int
    median_days: float | None
    advice: int
    open_advice: int


def _where(scope: Scope, kind: str) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {
        "kind": kind,
        "start": scope.start.isoformat(),
        "end": scope.end.isoformat(),
        "today": scope.today.isoformat(),
    }
    clauses = ["kind = :kind", "received_on >= :start", "received_on <= :end"]
    if scope.kind and scope.kind != kind:
        clauses.append("0")
    if scope.office:
        clauses.append("office = :office")
        params["office"] = scope.office
    if scope.category and kind == "advice":
        clauses.append(category_match("category", ":category"))
        params["category"] = scope.category
    return " AND ".join(clauses), params


def count_table(db: Database, scope: Scope, table: Table) -> dict[str, int]:
    """Counts per key of ``table`` (keys with no record are absent)."""
    if table in ANNUAL_TABLES:
        where, params = _where(scope, TABLE_KIND[table])
        return {key: n for key, n in annual.count(db, table.value, where, params).items() if n}
    kind, expression, extra = _SPECS[table]
    where, params = _where(scope, kind)
    if extra:
        where += f" AND {extra}"
    if table == Table.advice_by_category:
        # A record with several categories counts once under each of them.
        counting = _OnePass()
        for category in AdviceCategory:
            counting.count(table, category.value, category_match("category", counting.value(category.value)))
        counted = counting.run(db, scope, kind).get(table, {})
        return {key: n for key, n in counted.items() if n}
    rows = db.all(f"SELECT {expression} AS k, count(*) FROM records WHERE {where} GROUP BY k", params)
    return {str(key): int(n) for key, n in rows if key is not None}


def records_behind(db: Database, scope: Scope, table: Table, key: str, *, columns: str, limit: int) -> list[Row]:
    """The rows (``columns`` of ``records``) counted under ``key`` in ``table``, newest first."""
    if table in ANNUAL_TABLES:
        where, params = _where(scope, TABLE_KIND[table])
        matches = annual.matches(table.value)
    else:
        kind, expression, extra = _SPECS[table]
        where, params = _where(scope, kind)
        if extra:
            where += f" AND {extra}"
        matches = category_match("category", ":key") if table == Table.advice_by_category else f"{expression} = :key"
    params["key"] = key
    params["limit"] = int(limit)
    return db.all(
        # records_report holds every filter column: only the rows listed are read from the table.
        f"SELECT {columns} FROM records INDEXED BY records_report WHERE {where} AND {matches} "
        "ORDER BY received_on DESC, rowid DESC LIMIT :limit",  # index order: stops after :limit rows
        params,
    )


def _bucket_of(days: int, buckets: tuple[tuple[str, int, int | None], ...]) -> str:
    """The bucket ``_bucket_sql`` gives (the first bucket also takes anything below its range)."""
    for key, _first, last in buckets:
        if last is not None and days <= last:
            return key
    return buckets[-1][0]


def _month_counts(db: Database, scope: Scope, kind: str) -> dict[str, int]:
    # Grouping by the day follows the index order (no sort); months are summed here.
    where, params = _where(scope, kind)
    months: dict[str, int] = {}
    for day, n in db.all(f"SELECT received_on, count(*) FROM records WHERE {where} GROUP BY received_on", params):
        months[str(day)[:7]] = months.get(str(day)[:7], 0) + int(n)
    return months


class _OnePass:
    """Conditional counts over the records of one kind in a scope, all read in a single index scan."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}
        self.counts: list[str] = []
        self.names: list[tuple[str, str]] = []

    def value(self, value: str) -> str:
        name = f"v{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def count(self, table: str, key: str, condition: str) -> None:
        self.counts.append(f"count(*) FILTER (WHERE {condition})")  # twice as fast as sum(condition)
        self.names.append((table, key))

    def count_values(self, table: Table, column: str, keys: list[str]) -> None:
        for key in keys:
            self.count(table, key, f"{column} = {self.value(key)}")

    def run(self, db: Database, scope: Scope, kind: str) -> dict[str, dict[str, int]]:
        where, params = _where(scope, kind)
        row = db.one(f"SELECT {', '.join(self.counts)} FROM records WHERE {where}", {**params, **self.params})
        assert row is not None
        found: dict[str, dict[str, int]] = {}
        for (table, key), n in zip(self.names, row, strict=True):
            found.setdefault(table, {})[key] = int(n)
        return found


def dashboard_counts(db: Database, scope: Scope) -> tuple[dict[Table, dict[str, int]], AssessmentFigures]:
    """Every table and the headline figures in a few index scans (what the dashboard shows).

    The same counts as ``count_table`` (the definition the list behind a count uses) without its sort per
    table: each record kind is read once, counting every key with a conditional count.
    """
    office_keys = offices(db) if scope.office is None else [scope.office]
    today = scope.today

    cases = _OnePass()
    cases.count_values(Table.cases_by_status, "status", [s.value for s in CaseStatus])
    cases.count_values(Table.outcomes, DETERMINATION, [d.value for d in Determination])
    cases.count(Table.outcomes, PENDING, f"{DETERMINATION} IS NULL")
    cases.count_values(Table.cases_by_office, "office", office_keys)
    for key, first, last in OVERDUE_BUCKETS:  # days late as ranges of due dates: no date arithmetic per record
        condition = f"is_open = 1 AND due_on <= {cases.value((today - dt.timedelta(days=first)).isoformat())}"
        if last is not None:
            condition += f" AND due_on >= {cases.value((today - dt.timedelta(days=last)).isoformat())}"
        cases.count(Table.overdue_assessments, key, condition)
    assessed = f"{ASSESSED_ON} IS NOT NULL"
    in_time = f"{assessed} AND due_on IS NOT NULL AND {ASSESSED_ON} <= due_on"
    cases.count(Table.assessment_timeliness, "in_time", in_time)
    cases.count(Table.assessment_timeliness, "late", f"{assessed} AND (due_on IS NULL OR {ASSESSED_ON} > due_on)")
    cases.count("figures", "cases", "1")
    cases.count("figures", "open", "is_open")
    case_counts = cases.run(db, scope, "retaliation")

    advice = _OnePass()
    for category in AdviceCategory:
        advice.count(Table.advice_by_category, category.value, category_match("category", advice.value(category.value)))
    advice.count_values(Table.advice_by_office, "office", office_keys)
    advice.count("figures", "advice", "1")
    advice.count("figures", "open", "is_open")
    advice_counts = advice.run(db, scope, "advice")

    # Days taken to assess: the median needs every value (a few tens of thousands of small integers at most).
    where, params = _where(scope, "retaliation")
    days = sorted(int(r[0]) for r in db.all(f"SELECT {_ASSESS_DAYS} FROM records WHERE {where} AND {assessed}", params))
    taken: dict[str, int] = {}
    for d in days:
        key = _bucket_of(d, ASSESSMENT_BUCKETS)
        taken[key] = taken.get(key, 0) + 1
    median: float | None = None
    if days:
        middle = len(days) // 2
        median = float(days[middle]) if len(days) % 2 else (days[middle - 1] + days[middle]) / 2

    tables: dict[Table, dict[str, int]] = {table: {} for table in Table}
    for found in (case_counts, advice_counts):
        for name, counts in found.items():
            if name != "figures":
                tables[Table(name)] = counts
    tables[Table.time_to_assess] = taken
    for table in ANNUAL_TABLES:
        where, params = _where(scope, TABLE_KIND[table])
        tables[table] = annual.count(db, table.value, where, params)
    tables[Table.cases_by_month] = _month_counts(db, scope, "retaliation")
    tables[Table.advice_by_month] = _month_counts(db, scope, "advice")
    for table in (Table.cases_by_office, Table.advice_by_office):  # only offices with records in the scope
        tables[table] = {key: n for key, n in tables[table].items() if n}
    return tables, AssessmentFigures(
        cases=case_counts["figures"]["cases"],
        open_cases=case_counts["figures"]["open"],
        overdue=sum(tables[Table.overdue_assessments].values()),
        assessed=len(days),
        assessed_in_time=tables[Table.assessment_timeliness].get("in_time", 0),
        median_days=median,
        advice=advice_counts["figures"]["advice"],
        open_advice=advice_counts["figures"]["open"],
    )


def offices(db: Database) -> list[str]:
    """The offices that own records in this vault (for the office filter)."""
    return [str(r[0]) for r in db.all("SELECT DISTINCT office FROM records ORDER BY office")]


__all__ = [
    "ANNUAL_TABLES",
    "ASSESSMENT_BUCKETS",
    "OVERDUE_BUCKETS",
    "PENDING",
    "TABLE_KIND",
    "AssessmentFigures",
    "Scope",
    "Table",
    "count_table",
    "dashboard_counts",
    "offices",
    "records_behind",
]
