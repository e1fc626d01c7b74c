"""Count tables: the one shape every report figure takes (dashboard, PDF, CSV, anonymized statistics).

A table counts the records of one kind received in a period, grouped by one key (a month, a status, an
outcome, ...). Keys are codes from fixed vocabularies, never free text; this module says which keys a table
has, in which order, and how each is called in a given language.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field

from ecodesk.i18n import N_, Translator
from ecodesk.models import ADVICE_CATEGORY_LABELS, CASE_STATUS_LABELS, AdviceCategory, CaseStatus, Determination
from ecodesk.reports.periods import Period
from ecodesk.storage.aggregates import ASSESSMENT_BUCKETS, OVERDUE_BUCKETS, PENDING, TABLE_KIND, Table


class Cell(BaseModel):
    """One count. ``count`` is None when it is withheld (anonymized statistics); ``at_least`` marks a sum in
    which some regions withheld their figure, so the true count may be higher."""

    model_config = ConfigDict(extra="forbid")  # a received statistics document carries nothing else

    key: str
    count: int | None = Field(default=None, ge=0)
    at_least: bool = False


class CountTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    table: Table
    cells: list[Cell]
    total: int | None = Field(default=None, ge=0)
    total_at_least: bool = False

    def count(self, key: str) -> int | None:
        for cell in self.cells:
            if cell.key == key:
                return cell.count
        return 0

    def as_dict(self) -> dict[str, int | None]:
        return {cell.key: cell.count for cell in self.cells}


TABLE_TITLES: dict[Table, str] = {
    Table.cases_by_month: N_("Cases received per month"),
    Table.advice_by_month: N_("Advice requests per month"),
    Table.cases_by_status: N_("Cases by status"),
    Table.cases_by_office: N_("Cases by office"),
    Table.overdue_assessments: N_("Overdue assessments"),
    Table.outcomes: N_("Outcomes of assessments"),
    Table.time_to_assess: N_("Time taken to assess"),
    Table.assessment_timeliness: N_("Assessments within the deadline"),
    Table.advice_by_category: N_("Advice requests by category"),
    Table.advice_by_office: N_("Advice requests by office"),
}
TABLE_NOTES: dict[Table, str] = {
    Table.cases_by_status: N_("Current status of the cases received in the period."),
    Table.overdue_assessments: N_("Open cases whose assessment is past its due date, by days late."),
    Table.outcomes: N_("Determinations of the preliminary assessment of the cases received in the period."),
    Table.time_to_assess: N_("Days from receipt to the completed preliminary assessment."),
}

OUTCOME_LABELS: dict[str, str] = {
    Determination.prima_facie_case.value: N_("Prima facie case: referred"),
    Determination.no_prima_facie_case.value: N_("No prima facie case"),
    Determination.out_of_mandate.value: N_("Outside the mandate"),
    Determination.out_of_time.value: N_("Filed out of time"),
    Determination.preventive_protection.value: N_("Preventive protection"),
    PENDING: N_("Not yet determined"),
}
# "Received" alone is also a date column's heading elsewhere (translated "Reçu le"): a status needs its own words.
STATUS_LABELS: dict[str, str] = {CaseStatus.received.value: N_("Awaiting assessment")}
TIMELINESS_LABELS: dict[str, str] = {"in_time": N_("Within the deadline"), "late": N_("After the deadline")}

_MONTH_KEY = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
OFFICE_KEY = re.compile(r"^[A-Z]{2,5}$")
MONTH_TABLES = (Table.cases_by_month, Table.advice_by_month)
OFFICE_TABLES = (Table.cases_by_office, Table.advice_by_office)


def fixed_keys(table: Table, period: Period) -> list[str] | None:
    """The keys ``table`` always shows, in order (zeros included); None for office tables (data decides)."""
    if table in MONTH_TABLES:
        return period.months()
    if table in OFFICE_TABLES:
        return None
    return {
        Table.cases_by_status: [s.value for s in CaseStatus],
        Table.overdue_assessments: [key for key, _first, _last in OVERDUE_BUCKETS],
        Table.outcomes: [*OUTCOME_LABELS],
        Table.time_to_assess: [key for key, _first, _last in ASSESSMENT_BUCKETS],
        Table.assessment_timeliness: [*TIMELINESS_LABELS],
        Table.advice_by_category: [c.value for c in AdviceCategory],
    }[table]


def key_is_valid(table: Table, key: str, period: Period) -> bool:
    """Whether ``key`` belongs to the vocabulary of ``table`` (no free text can pass)."""
    if table in OFFICE_TABLES:
        return bool(OFFICE_KEY.match(key))
    keys = fixed_keys(table, period)
    return keys is not None and key in keys


def _days(key: str, tr: Translator) -> str:
    if key.endswith("+"):
        return tr.gettext("{first} days or more", first=key[:-1])
    first, _sep, last = key.partition("-")
    return tr.gettext("{first}–{last} days", first=first, last=last)


def key_label(table: Table, key: str, tr: Translator, *, short: bool = False) -> str:
    """What ``key`` is called in ``tr``'s language (``short``: month names abbreviated, for chart axes)."""
    if table in MONTH_TABLES and _MONTH_KEY.match(key):
        from babel.dates import format_date

        day = dt.date(int(key[:4]), int(key[5:]), 1)
        return format_date(day, "MMM yy" if short else "MMMM y", locale=tr.lang)
    if table in OFFICE_TABLES:
        return key
    if table == Table.cases_by_status and key in CaseStatus.__members__:
        return tr.gettext(STATUS_LABELS.get(key) or CASE_STATUS_LABELS[CaseStatus(key)])
    if table == Table.outcomes and key in OUTCOME_LABELS:
        return tr.gettext(OUTCOME_LABELS[key])
    if table == Table.assessment_timeliness and key in TIMELINESS_LABELS:
        return tr.gettext(TIMELINESS_LABELS[key])
    if table == Table.advice_by_category and key in AdviceCategory.__members__:
        return tr.gettext(ADVICE_CATEGORY_LABELS[AdviceCategory(key)])
    if table in (Table.overdue_assessments, Table.time_to_assess):
        return _days(key, tr)
    return key


def table_title(table: Table, tr: Translator) -> str:
    return tr.gettext(TABLE_TITLES[table])


def table_kind(table: Table) -> str:
    return TABLE_KIND[table]


def complete(table: Table, counts: dict[str, int], period: Period) -> CountTable:
    """A table with every fixed key (zeros filled) and its total."""
    keys = fixed_keys(table, period)
    if keys is None:
        keys = sorted(counts)
    cells = [Cell(key=key, count=int(counts.get(key, 0))) for key in keys]
    return CountTable(table=table, cells=cells, total=sum(counts.values()))


__all__ = [
    "MONTH_TABLES",
    "OFFICE_TABLES",
    "OUTCOME_LABELS",
    "TABLE_TITLES",
    "Cell",
    "CountTable",
    "Table",
    "complete",
    "fixed_keys",
    "key_is_valid",
    "key_label",
    "table_kind",
    "table_title",
]
