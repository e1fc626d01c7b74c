"""The dashboard: every count table and headline figure for a period and filters, computed in the vault.

    dashboard = build_dashboard(vault, parse_period("2026-Q3"), office="DKR")
    cases = records_behind(vault, dashboard.filters, Table.outcomes, "prima_facie_case")

Counts are about the records received in the period; statuses, overdue assessments and outcomes are as of
``today``. ``records_behind`` lists exactly the records counted under one key of one table.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_
from ecodesk.models import AdviceCategory, RecordKind, RecordSummary
from ecodesk.reports.periods import Period
from ecodesk.reports.tables import OFFICE_KEY, CountTable, Table, complete
from ecodesk.storage import aggregates
from ecodesk.storage.vault import Vault

_SUMMARY_COLUMNS = (
    "id, kind, reference, title, status, office, person, category, received_on, due_on, revision, updated_at"
)


class ReportFilters(BaseModel):
    """What a report counts: a period, and optionally one office, one record kind, one advice category."""

    period: Period
    today: dt.date
    office: str | None = None
    kind: RecordKind | None = None
    category: AdviceCategory | None = None

    def scope(self) -> aggregates.Scope:
        return aggregates.Scope(
            start=self.period.start,
            end=self.period.end,
            today=self.today,
            office=self.office,
            kind=self.kind.value if self.kind else None,
            category=self.category.value if self.category else None,
        )


class KeyFigures(BaseModel):
    cases: int
    open_cases: int
    overdue: int
    assessed: int
    assessed_in_time: int
    median_days_to_assess: float | None
    advice: int
    open_advice: int


class Dashboard(BaseModel):
    office: str  # the vault's office
    filters: ReportFilters
    figures: KeyFigures
    tables: list[CountTable]

    def table(self, table: Table) -> CountTable:
        for candidate in self.tables:
            if candidate.table == table:
                return candidate
        raise KeyError(table)


def make_filters(
    period: Period,
    *,
    office: str | None = None,
    kind: str | None = None,
    category: str | None = None,
    today: dt.date | None = None,
) -> ReportFilters:
    """Filters from user input; InvalidInput naming the value that is not an office code, kind or category."""
    if office is not None and not OFFICE_KEY.match(office):
        raise InvalidInput(N_("{value} is not an office code (2 to 5 capital letters)."), value=office[:20])
    try:
        record_kind = RecordKind(kind) if kind else None
    except ValueError:
        raise InvalidInput(
            N_("Field {field}: must be one of {choices}."), field="kind", choices="retaliation, advice"
        ) from None
    try:
        advice_category = AdviceCategory(category) if category else None
    except ValueError:
        raise InvalidInput(
            N_("Field {field}: must be one of {choices}."),
            field="category",
            choices=", ".join(c.value for c in AdviceCategory),
        ) from None
    return ReportFilters(
        period=period, today=today or dt.date.today(), office=office, kind=record_kind, category=advice_category
    )


def build_dashboard(vault: Vault, filters: ReportFilters) -> Dashboard:
    """All count tables and headline figures for ``filters`` (a few fast SQL queries)."""
    scope = filters.scope()
    counts, raw = aggregates.dashboard_counts(vault.db, scope)
    tables = [complete(table, counts[table], filters.period) for table in Table]
    figures = KeyFigures(
        cases=raw.cases,
        open_cases=raw.open_cases,
        overdue=raw.overdue,
        assessed=raw.assessed,
        assessed_in_time=raw.assessed_in_time,
        median_days_to_assess=raw.median_days,
        advice=raw.advice,
        open_advice=raw.open_advice,
    )
    return Dashboard(office=vault.settings.office_code, filters=filters, figures=figures, tables=tables)


def records_behind(
    vault: Vault, filters: ReportFilters, table: Table, key: str, *, limit: int = 1000
) -> list[RecordSummary]:
    """The records counted under ``key`` in ``table`` (newest first, at most ``limit``)."""
    rows = aggregates.records_behind(
        vault.db, filters.scope(), table, key, columns=_SUMMARY_COLUMNS, limit=limit
    )
    names = [c.strip() for c in _SUMMARY_COLUMNS.split(",")]
    return [RecordSummary.model_validate(dict(zip(names, row, strict=True))) for row in rows]


def office_choices(vault: Vault) -> list[str]:
    """Offices that own records in the vault, for the office filter."""
    return aggregates.offices(vault.db)


__all__ = [
    "Dashboard",
    "KeyFigures",
    "ReportFilters",
    "build_dashboard",
    "make_filters",
    "office_choices",
    "records_behind",
]
