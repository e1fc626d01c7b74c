"""Anonymized statistics for HQ: counts only, small cells withheld, nothing finer than a month.

What a ``StatsDocument`` contains: the office code, the period (whole months), the month it was made, and
count tables whose keys are codes from fixed vocabularies (months, statuses, outcomes, categories, office
codes, day ranges). No name, reference, free text or day is ever in it; ``StatsDocument`` refuses any key
outside those vocabularies, so a document received from elsewhere is checked the same way.

What is guaranteed, table by table (``THRESHOLD`` = 3):
1. every published count is 0 or at least ``THRESHOLD``; smaller counts are withheld (``count`` is None);
2. a table's total is published only when it is 0 or at least ``THRESHOLD``;
3. when a table has withheld cells and a published total, at least two cells are withheld and together they
   hold at least ``THRESHOLD`` records (more cells, the smallest first, are withheld to ensure it), so a
   withheld count cannot be worked out by subtracting the published cells from the total;
4. headline figures that are not table totals (open cases, median days) are not published: they could be
   combined with the tables to work out a withheld cell.
Tables of the same document that count the same records share their total, so comparing tables gives no more
than each table alone. Across documents: subtracting two documents whose periods overlap (a year minus its
quarters) would give withheld cells away, so ``reports/hq.py`` sends a period only if it overlaps no period this
vault has sent before, and repeats a period already sent with exactly its first counts (5).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_
from ecodesk.reports.dashboard import Dashboard
from ecodesk.reports.periods import Period, parse_period
from ecodesk.reports.tables import Cell, CountTable, Table, key_is_valid

THRESHOLD = 3
FORMAT = "ecodesk-stats/1"
_MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
_PERIOD_LABEL = re.compile(r"^\d{4}(-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?$|^\d{4}-\d{2}\.\.\d{4}-\d{2}$")


class StatsDocument(BaseModel):
    """Anonymized statistics of one office for one period (see the module docstring for the guarantees)."""

    format: Literal["ecodesk-stats/1"] = "ecodesk-stats/1"
    office: str = Field(pattern=r"^[A-Z]{2,5}$")
    period: str = Field(max_length=20)
    first_month: str = Field(pattern=_MONTH)
    last_month: str = Field(pattern=_MONTH)
    generated_at: str = Field(pattern=_MONTH)  # month granularity on purpose
    threshold: int = Field(default=THRESHOLD, ge=THRESHOLD)
    tables: list[CountTable]

    model_config = {"extra": "forbid"}

    @model_validator(mode="after")
    def _only_counts(self) -> StatsDocument:
        if not _PERIOD_LABEL.match(self.period):
            raise ValueError("period: not a year, half-year, quarter, month or month range")
        if self.first_month > self.last_month:
            raise ValueError("period: first month after last month")
        period = self.as_period()
        seen: set[Table] = set()
        for table in self.tables:
            if table.table in seen:
                raise ValueError(f"table {table.table.value} appears twice")
            seen.add(table.table)
            for cell in table.cells:
                if not key_is_valid(table.table, cell.key, period):
                    raise ValueError(f"table {table.table.value}: unexpected key")
                if cell.count is not None and 0 < cell.count < self.threshold:
                    raise ValueError(f"table {table.table.value}: a count below the threshold is published")
            if table.total is not None and 0 < table.total < self.threshold:
                raise ValueError(f"table {table.table.value}: a total below the threshold is published")
        return self

    def as_period(self) -> Period:
        first = parse_period(self.first_month)
        last = parse_period(self.last_month)
        return Period(start=first.start, end=last.end, label=self.period)

    def table(self, table: Table) -> CountTable | None:
        return next((t for t in self.tables if t.table == table), None)


def suppress(counts: dict[str, int], threshold: int = THRESHOLD) -> tuple[dict[str, int | None], int | None]:
    """Withhold small counts and enough others that none can be worked out from the total (guarantees 1-3)."""
    hidden = {key for key, n in counts.items() if 0 < n < threshold}
    total: int | None = sum(counts.values())
    while hidden and (len(hidden) == 1 or sum(counts[k] for k in hidden) < threshold):
        candidates = sorted((n, key) for key, n in counts.items() if n > 0 and key not in hidden)
        if not candidates:
            total = None  # every non-zero cell is withheld and together they are fewer than the threshold
            break
        hidden.add(candidates[0][1])
    if total is not None and 0 < total < threshold:
        total = None
    return {key: (None if key in hidden else n) for key, n in counts.items()}, total


def anonymize_table(table: CountTable, threshold: int = THRESHOLD) -> CountTable:
    counts = {cell.key: int(cell.count or 0) for cell in table.cells}
    published, total = suppress(counts, threshold)
    return CountTable(table=table.table, cells=[Cell(key=k, count=v) for k, v in published.items()], total=total)


def anonymize(dashboard: Dashboard, *, today: dt.date | None = None) -> StatsDocument:
    """The anonymized statistics of a dashboard; InvalidInput unless the period is made of whole months."""
    period = dashboard.filters.period
    if not period.whole_months:
        raise InvalidInput(
            N_("Anonymized statistics cover whole months: give a year, a quarter, a month or a range of months.")
        )
    months = period.months()
    label = period.label if _PERIOD_LABEL.match(period.label) else f"{months[0]}..{months[-1]}"
    now = today or dt.date.today()
    return StatsDocument(
        office=dashboard.filters.office or dashboard.office,
        period=label,
        first_month=months[0],
        last_month=months[-1],
        generated_at=f"{now.year:04d}-{now.month:02d}",
        tables=[anonymize_table(table) for table in dashboard.tables],
    )


__all__ = ["FORMAT", "THRESHOLD", "StatsDocument", "anonymize", "anonymize_table", "suppress"]
