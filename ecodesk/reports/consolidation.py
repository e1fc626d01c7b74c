"""HQ's view of all regions: anonymized statistics documents of one period summed into one set of tables.

A count withheld by a region is unknown, so the consolidated count is the sum of the published ones and is
marked ``at_least`` (shown as ``≥ n``). When an office sent several documents for the same period, the most
recent one counts.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_
from ecodesk.reports.anonymized import StatsDocument
from ecodesk.reports.periods import Period
from ecodesk.reports.tables import Cell, CountTable, Table


class OfficeLine(BaseModel):
    office: str
    generated_at: str
    cases: int | None
    advice: int | None


class ConsolidatedStats(BaseModel):
    period: Period
    offices: list[OfficeLine]
    tables: list[CountTable]

    def table(self, table: Table) -> CountTable | None:
        return next((t for t in self.tables if t.table == table), None)


def periods_of(documents: Iterable[StatsDocument]) -> list[str]:
    return sorted({d.period for d in documents})


def consolidate(documents: Iterable[StatsDocument], period: str | None = None) -> ConsolidatedStats:
    """Sum the documents of ``period`` (the only period present when None).

    InvalidInput when there is no document, or several periods and none chosen, or none for ``period``.
    """
    documents = list(documents)
    available = periods_of(documents)
    if period is None:
        if len(available) > 1:
            raise InvalidInput(
                N_("Statistics were received for several periods ({periods}); choose one."),
                periods=", ".join(available),
            )
        if not available:
            raise InvalidInput(N_("No statistics have been received yet."))
        period = available[0]
    chosen: dict[str, StatsDocument] = {}
    for document in documents:
        if document.period != period:
            continue
        current = chosen.get(document.office)
        if current is None or document.generated_at >= current.generated_at:
            chosen[document.office] = document
    if not chosen:
        raise InvalidInput(N_("No statistics were received for the period {period}."), period=period[:20])
    selected = [chosen[office] for office in sorted(chosen)]
    tables = [_sum_table(table, selected) for table in Table]
    offices = [
        OfficeLine(
            office=d.office,
            generated_at=d.generated_at,
            cases=_total(d, Table.cases_by_status),
            advice=_total(d, Table.advice_by_month),  # a request counts once
        )
        for d in selected
    ]
    return ConsolidatedStats(period=selected[0].as_period(), offices=offices, tables=tables)


def _total(document: StatsDocument, table: Table) -> int | None:
    found = document.table(table)
    return found.total if found is not None else None


def _sum_table(table: Table, documents: list[StatsDocument]) -> CountTable:
    counts: dict[str, int] = {}
    uncertain: set[str] = set()
    total, total_uncertain = 0, False
    for document in documents:
        found = document.table(table)
        if found is None:
            total_uncertain = True
            continue
        for cell in found.cells:
            counts.setdefault(cell.key, 0)
            if cell.count is None or cell.at_least:
                uncertain.add(cell.key)
            counts[cell.key] += cell.count or 0
        if found.total is None or found.total_at_least:
            total_uncertain = True
        total += found.total or 0
    cells = [Cell(key=key, count=n, at_least=key in uncertain) for key, n in counts.items()]
    return CountTable(table=table, cells=cells, total=total, total_at_least=total_uncertain)


__all__ = ["ConsolidatedStats", "OfficeLine", "consolidate", "periods_of"]
