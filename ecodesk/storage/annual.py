"""Counts for the annual report that live inside record bodies: what kinds of protected activity and detrimental
action the cases describe, the protective measures recommended and the Administration's responses, HQ's
decisions and the investigations' results, who asked for advice, YDI compliance and the reach of training.

What cases and advice hold is copied into columns by migration 11's triggers (comma lists for the kinds and
measures) and counted from its covering index ``records_annual``, never from the record bodies. YDI campaigns
and training sessions are few (one campaign a year per office): their filers and participants are read from the
bodies with ``json_each``. HQ's review outcome, the Chief's determination, the final determination and the
Administration's responses to the measures are copied the same way by migration 13 (index ``records_decisions``).
Each table is one line of ``SPECS``; a field added to the records later is counted by adding a line here (and a
column in a migration when it is in cases) and its keys in ``reports/tables.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ecodesk.models import (
    Determination,
    DetrimentalActionKind,
    ProtectedActivityKind,
    ProtectiveMeasure,
)
from ecodesk.models.workflow import FinalOutcome, MeasureResponse, ReviewOutcome
from ecodesk.storage.database import Database


@dataclass(frozen=True)
class ListSpec:
    """Counts the records of ``kind`` per key of the items of the JSON list at ``path``: each record once per key
    (``count``), or the sum of ``value`` over the matching items (``value``: an SQL expression on ``j.value``)."""

    kind: str
    path: str
    key: str  # SQL expression on j.value (one item of the list)
    value: str = ""  # empty: count records; else sum this expression


@dataclass(frozen=True)
class ColumnListSpec:
    """Counts the records of ``kind`` once under each key listed in ``column`` (a comma list kept by triggers)."""

    kind: str
    column: str
    keys: tuple[str, ...]
    index: str = "records_annual"  # the covering index holding ``column`` (migration 11 or 13)


@dataclass(frozen=True)
class FieldSpec:
    """Counts the records of ``kind`` per value of one JSON field (``missing`` for records without it), or the sum
    of ``value`` over them."""

    kind: str
    key: str  # SQL expression on the body
    value: str = ""


_FILING = (
    "CASE WHEN json_extract(j.value, '$.reviewed_on') IS NOT NULL THEN 'reviewed' "
    "WHEN json_extract(j.value, '$.received_on') IS NOT NULL THEN 'received' ELSE 'not_filed' END"
)
_REVIEW = (
    "CASE WHEN json_extract(j.value, '$.reviewed_on') IS NULL THEN NULL "
    "WHEN json_extract(j.value, '$.conflict_found') THEN 'conflict_found' ELSE 'no_conflict' END"
)
NOT_RECORDED = "not_recorded"
_DECISIONS = "records_decisions"

# table name -> spec (the table names are the keys of ``aggregates.Table``)
SPECS: dict[str, ListSpec | ColumnListSpec | FieldSpec] = {
    "protected_activity_kinds": ColumnListSpec(
        "retaliation", "activity_kinds", tuple(k.value for k in ProtectedActivityKind)
    ),
    "detrimental_action_kinds": ColumnListSpec(
        "retaliation", "action_kinds", tuple(k.value for k in DetrimentalActionKind)
    ),
    "measures_recommended": ColumnListSpec("retaliation", "measures", tuple(k.value for k in ProtectiveMeasure)),
    # HQ's decisions and the Administration's responses (migration 13's columns)
    "hq_reviews": ColumnListSpec("retaliation", "hq_review", tuple(k.value for k in ReviewOutcome), _DECISIONS),
    "hq_determinations": ColumnListSpec(
        "retaliation", "hq_determination", tuple(k.value for k in Determination), _DECISIONS
    ),
    "final_outcomes": ColumnListSpec("retaliation", "final_outcome", tuple(k.value for k in FinalOutcome), _DECISIONS),
    "measure_responses": ColumnListSpec(
        "retaliation", "measure_responses", tuple(k.value for k in MeasureResponse), _DECISIONS
    ),
    "advice_by_requester": FieldSpec("advice", f"coalesce(requester_type, '{NOT_RECORDED}')"),
    "ydi_filings": ListSpec("ydi", "$.filers", _FILING, value="1"),
    "ydi_reviews": ListSpec("ydi", "$.filers", _REVIEW, value="1"),
    "training_sessions": FieldSpec("training", "json_extract(body, '$.audience')"),
    "training_participants": FieldSpec(
        "training", "json_extract(body, '$.audience')", value="json_extract(body, '$.participants')"
    ),
}
# Sessions planned but not yet held reach nobody.
_EXTRA = {"training_sessions": "status = 'held'", "training_participants": "status = 'held'"}


def count(db: Database, name: str, where: str, params: dict[str, Any]) -> dict[str, int]:
    """Counts per key of table ``name`` over the records selected by ``where`` (on ``records``)."""
    spec = SPECS[name]
    if name in _EXTRA:
        where += f" AND {_EXTRA[name]}"
    if isinstance(spec, ColumnListSpec):
        # One pass over the covering index, a conditional count per key.
        counts = ", ".join(
            f"count(*) FILTER (WHERE {_in_list(spec.column, f':k{i}')})" for i in range(len(spec.keys))
        )
        keys = {f"k{i}": key for i, key in enumerate(spec.keys)}
        row = db.one(f"SELECT {counts} FROM records INDEXED BY {spec.index} WHERE {where}", {**params, **keys})
        assert row is not None
        return {key: int(n) for key, n in zip(spec.keys, row, strict=True) if n}
    total = f"sum({spec.value})" if spec.value else "count(DISTINCT records.rowid)"
    if isinstance(spec, ListSpec):
        sql = (
            f"SELECT {spec.key} AS k, {total} FROM records, json_each(records.body, '{spec.path}') AS j "
            f"WHERE {where} GROUP BY k"
        )
    else:
        sql = f"SELECT {spec.key} AS k, {total} FROM records WHERE {where} GROUP BY k"
    return {str(key): int(n or 0) for key, n in db.all(sql, params) if key is not None}


def _in_list(column: str, parameter: str) -> str:
    return f"instr(',' || coalesce({column}, '') || ',', ',' || {parameter} || ',') > 0"


def matches(name: str) -> str:
    """SQL true for a record counted under ``:key`` in table ``name`` (the list behind a count)."""
    spec = SPECS[name]
    extra = f"{_EXTRA[name]} AND " if name in _EXTRA else ""
    if isinstance(spec, ColumnListSpec):
        return f"{extra}{_in_list(spec.column, ':key')}"
    if isinstance(spec, ListSpec):
        return f"{extra}EXISTS (SELECT 1 FROM json_each(records.body, '{spec.path}') AS j WHERE {spec.key} = :key)"
    return f"{extra}{spec.key} = :key"


def kind_of(name: str) -> str:
    return SPECS[name].kind


__all__ = ["NOT_RECORDED", "SPECS", "count", "kind_of", "matches"]
