"""Counts for reports, computed in SQL inside the vault (no record body is read or decrypted row by row).

Every aggregation is a *table*: the records of one kind received in a period (optionally of one office and,
for advice, one category) grouped by one expression. The same definition gives the counts and the list of
records behind a count, so a number on a chart and the list shown when it is clicked always agree.

Statuses, overdue assessments and outcomes are as of ``today``; the period selects records by the day they
were received. The covering index ``records_report`` (migration 4) serves all of these queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ecodesk.storage.database import Database, Row


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

TABLE_KIND: dict[Table, str] = {table: spec[0] for table, spec in _SPECS.items()}


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
        clauses.append("category = :category")
        params["category"] = scope.category
    return " AND ".join(clauses), params


def count_table(db: Database, scope: Scope, table: Table) -> dict[str, int]:
    """Counts per key of ``table`` (keys with no record are absent)."""
    kind, expression, extra = _SPECS[table]
    where, params = _where(scope, kind)
    if extra:
        where += f" AND {extra}"
    rows = db.all(f"SELECT {expression} AS k, count(*) FROM records WHERE {where} GROUP BY k", params)
    return {str(key): int(n) for key, n in rows if key is not None}


def records_behind(db: Database, scope: Scope, table: Table, key: str, *, columns: str, limit: int) -> list[Row]:
    """The rows (``columns`` of ``records``) counted under ``key`` in ``table``, newest first."""
    kind, expression, extra = _SPECS[table]
    where, params = _where(scope, kind)
    if extra:
        where += f" AND {extra}"
    params["key"] = key
    params["limit"] = int(limit)
    return db.all(
        f"SELECT {columns} FROM records WHERE {where} AND {expression} = :key "
        "ORDER BY received_on DESC, reference DESC LIMIT :limit",
        params,
    )


def assessment_figures(db: Database, scope: Scope) -> AssessmentFigures:
    """Headline numbers: cases and advice received, open, overdue, assessed (in time) and median days."""
    where, params = _where(scope, "retaliation")
    row = db.one(
        "SELECT count(*), coalesce(sum(is_open), 0), coalesce(sum(is_open = 1 AND due_on < :today), 0), "
        f"coalesce(sum({ASSESSED_ON} IS NOT NULL), 0), "
        f"coalesce(sum({ASSESSED_ON} IS NOT NULL AND due_on IS NOT NULL AND {ASSESSED_ON} <= due_on), 0) "
        f"FROM records WHERE {where}",
        params,
    )
    assert row is not None
    cases, open_cases, overdue, assessed, in_time = (int(v) for v in row)
    median: float | None = None
    if assessed:
        middle = db.all(
            f"SELECT {_ASSESS_DAYS} AS d FROM records WHERE {where} AND {ASSESSED_ON} IS NOT NULL "
            "ORDER BY d LIMIT :n OFFSET :skip",
            {**params, "n": 2 if assessed % 2 == 0 else 1, "skip": (assessed - 1) // 2},
        )
        median = sum(float(r[0]) for r in middle) / len(middle)
    where, params = _where(scope, "advice")
    advice_row = db.one(f"SELECT count(*), coalesce(sum(is_open), 0) FROM records WHERE {where}", params)
    assert advice_row is not None
    return AssessmentFigures(
        cases=cases,
        open_cases=open_cases,
        overdue=overdue,
        assessed=assessed,
        assessed_in_time=in_time,
        median_days=median,
        advice=int(advice_row[0]),
        open_advice=int(advice_row[1]),
    )


def offices(db: Database) -> list[str]:
    """The offices that own records in this vault (for the office filter)."""
    return [str(r[0]) for r in db.all("SELECT DISTINCT office FROM records ORDER BY office")]


__all__ = [
    "ASSESSMENT_BUCKETS",
    "OVERDUE_BUCKETS",
    "PENDING",
    "TABLE_KIND",
    "AssessmentFigures",
    "Scope",
    "Table",
    "assessment_figures",
    "count_table",
    "offices",
    "records_behind",
]
