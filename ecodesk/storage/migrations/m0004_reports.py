"""Schema 4: what reports need, computed inside the vault without reading record bodies.

The assessment's determination and completion date live in the JSON body; two columns copy them, kept in step
by triggers whoever writes the row (the record store, an import), and one covering index serves every
dashboard aggregation. Counting 100,000 records then reads the index only and never decodes a record body.
(An index on ``json_extract`` expressions was tried first: SQLite still read the bodies to evaluate it.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecodesk.storage.database import Database

VERSION = 4

_COPY = (
    "UPDATE records SET determination = json_extract(NEW.body, '$.assessment.determination'), "
    "assessed_on = json_extract(NEW.body, '$.assessment.completed_on') WHERE rowid = NEW.rowid;"
)

STATEMENTS = (
    "ALTER TABLE records ADD COLUMN determination TEXT",
    "ALTER TABLE records ADD COLUMN assessed_on TEXT",
    "UPDATE records SET determination = json_extract(body, '$.assessment.determination'), "
    "assessed_on = json_extract(body, '$.assessment.completed_on')",
    f"CREATE TRIGGER records_report_insert AFTER INSERT ON records BEGIN {_COPY} END",
    f"CREATE TRIGGER records_report_update AFTER UPDATE OF body ON records BEGIN {_COPY} END",
    "CREATE INDEX records_report ON records("
    "kind, received_on, office, category, status, is_open, due_on, determination, assessed_on)",
)


def upgrade(db: Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
