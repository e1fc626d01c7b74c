"""Schema 10: the case's next follow-up date in the list columns (Home shows protective measures to follow up
without reading record bodies), and the due dates recomputed under the clock rule (ecodesk/models/clock.py).

``records.follow_up_on`` and ``record_summaries.follow_up_on`` are written by the record store; the summary
triggers of schema 5 are recreated to copy the new column. Existing records keep their bodies untouched: they
have no information request, so their due date is unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecodesk.storage.migrations.m0005_record_lists import COLUMNS as _OLD_COLUMNS

if TYPE_CHECKING:
    from ecodesk.storage.database import Database

VERSION = 10

COLUMNS = (*_OLD_COLUMNS, "follow_up_on")
_LIST = ", ".join(COLUMNS)
_NEW = ", ".join(f"NEW.{c}" for c in COLUMNS)
_SET = ", ".join(f"{c} = NEW.{c}" for c in COLUMNS)

STATEMENTS = (
    "ALTER TABLE records ADD COLUMN follow_up_on TEXT",
    "ALTER TABLE record_summaries ADD COLUMN follow_up_on TEXT",
    "DROP TRIGGER records_summary_insert",
    "DROP TRIGGER records_summary_update",
    f"CREATE TRIGGER records_summary_insert AFTER INSERT ON records BEGIN "
    f"INSERT INTO record_summaries(record_rowid, {_LIST}) VALUES (NEW.rowid, {_NEW}); END",
    f"CREATE TRIGGER records_summary_update AFTER UPDATE OF {_LIST} ON records BEGIN "
    f"UPDATE record_summaries SET {_SET} WHERE record_rowid = NEW.rowid; END",
    "CREATE INDEX record_summaries_follow_up_on ON record_summaries(kind, follow_up_on)",
    # Cases of one status in reference order (Home's "waiting on HQ / the Administration"): no scan by kind.
    "CREATE INDEX record_summaries_status_reference ON record_summaries(kind, status, reference)",
)


def upgrade(db: Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
