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
from ecodesk.models import (
    ADVICE_CATEGORY_LABELS,
    DETRIMENTAL_ACTION_LABELS,
    PROTECTED_ACTIVITY_LABELS,
    PROTECTIVE_MEASURE_LABELS,
    REQUESTER_TYPE_LABELS,
    TRAINING_AUDIENCE_LABELS,
    AdviceCategory,
    CaseStatus,
    Determination,
    RecordKind,
    status_label,
)
from ecodesk.models.workflow import FINAL_OUTCOME_LABELS, MEASURE_RESPONSE_LABELS, REVIEW_OUTCOME_LABELS
from ecodesk.reports.periods import Period
from ecodesk.storage.aggregates import ASSESSMENT_BUCKETS, OVERDUE_BUCKETS, PENDING, TABLE_KIND, Table
from ecodesk.storage.annual import NOT_RECORDED


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
    Table.protected_activity_kinds: N_("Cases by type of protected activity"),
    Table.detrimental_action_kinds: N_("Cases by type of detrimental action"),
    Table.measures_recommended: N_("Interim protective measures recommended"),
    Table.hq_reviews: N_("HQ review of the assessments"),
    Table.hq_determinations: N_("Determinations of the Chief of the Ethics Office"),
    Table.final_outcomes: N_("Final determinations after investigation"),
    Table.measure_responses: N_("Protective measures: response of the Administration"),
    Table.advice_by_requester: N_("Advice requests by requester"),
    Table.ydi_filings: N_("Yearly Declaration of Interest: filers"),
    Table.ydi_reviews: N_("Yearly Declaration of Interest: reviews"),
    Table.training_sessions: N_("Training and outreach sessions by audience"),
    Table.training_participants: N_("Training and outreach participants by audience"),
}
TABLE_NOTES: dict[Table, str] = {
    Table.cases_by_status: N_("Current status of the cases received in the period."),
    Table.overdue_assessments: N_("Open cases whose assessment is past its due date, by days late."),
    Table.outcomes: N_("Determinations of the preliminary assessment of the cases received in the period."),
    Table.time_to_assess: N_("Days from receipt to the completed preliminary assessment."),
    Table.protected_activity_kinds: N_("A case describing several types counts once under each."),
    Table.detrimental_action_kinds: N_("A case describing several types counts once under each."),
    Table.measures_recommended: N_("Cases in which each measure was recommended."),
    Table.hq_reviews: N_("Cases whose assessment HQ endorsed or changed."),
    Table.hq_determinations: N_("Cases by the Chief's determination."),
    Table.final_outcomes: N_("Cases by the final determination on retaliation."),
    Table.measure_responses: N_("Cases with at least one measure in each state; a case counts once under each."),
    Table.ydi_filings: N_("Persons required to file in the campaigns opened in the period."),
    Table.ydi_reviews: N_("Declarations reviewed, by whether a conflict of interest was found."),
    Table.training_participants: N_("Participants in the sessions held in the period."),
}
YDI_FILING_LABELS: dict[str, str] = {
    "reviewed": N_("Declaration reviewed"),
    "received": N_("Declaration received, review pending"),
    "not_filed": N_("Not filed"),
}
YDI_REVIEW_LABELS: dict[str, str] = {
    "conflict_found": N_("Conflict of interest found"),
    "no_conflict": N_("No conflict of interest found"),
}
OUTCOME_LABELS_BY_DETERMINATION: dict[Determination, str] = {
    Determination.prima_facie_case: N_("Prima facie case: referred"),
    Determination.no_prima_facie_case: N_("No prima facie case"),
    Determination.out_of_mandate: N_("Outside the mandate"),
    Determination.out_of_time: N_("Filed out of time"),
    Determination.preventive_protection: N_("Preventive protection"),
}
# Tables whose keys name members of one vocabulary, with their labels.
_VOCABULARIES: dict[Table, dict[str, str]] = {
    Table.protected_activity_kinds: {k.value: v for k, v in PROTECTED_ACTIVITY_LABELS.items()},
    Table.detrimental_action_kinds: {k.value: v for k, v in DETRIMENTAL_ACTION_LABELS.items()},
    Table.measures_recommended: {k.value: v for k, v in PROTECTIVE_MEASURE_LABELS.items()},
    Table.hq_reviews: {k.value: v for k, v in REVIEW_OUTCOME_LABELS.items()},
    Table.hq_determinations: {k.value: v for k, v in OUTCOME_LABELS_BY_DETERMINATION.items()},
    Table.final_outcomes: {k.value: v for k, v in FINAL_OUTCOME_LABELS.items()},
    Table.measure_responses: {k.value: v for k, v in MEASURE_RESPONSE_LABELS.items()},
    Table.advice_by_requester: {
        **{k.value: v for k, v in REQUESTER_TYPE_LABELS.items()},
        NOT_RECORDED: N_("Not recorded"),
    },
    Table.ydi_filings: YDI_FILING_LABELS,
    Table.ydi_reviews: YDI_REVIEW_LABELS,
    Table.training_sessions: {k.value: v for k, v in TRAINING_AUDIENCE_LABELS.items()},
    Table.training_participants: {k.value: v for k, v in TRAINING_AUDIENCE_LABELS.items()},
}

OUTCOME_LABELS: dict[str, str] = {
    **{k.value: v for k, v in OUTCOME_LABELS_BY_DETERMINATION.items()},
    PENDING: N_("Not yet determined"),
}
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
    if table in _VOCABULARIES:
        return [*_VOCABULARIES[table]]
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
        return status_label(RecordKind.retaliation, key, tr)
    if table == Table.outcomes and key in OUTCOME_LABELS:
        return tr.gettext(OUTCOME_LABELS[key])
    if table == Table.assessment_timeliness and key in TIMELINESS_LABELS:
        return tr.gettext(TIMELINESS_LABELS[key])
    if table == Table.advice_by_category and key in AdviceCategory.__members__:
        return tr.gettext(ADVICE_CATEGORY_LABELS[AdviceCategory(key)])
    if table in (Table.overdue_assessments, Table.time_to_assess):
        return _days(key, tr)
    if key in _VOCABULARIES.get(table, {}):
        return tr.gettext(_VOCABULARIES[table][key])
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
