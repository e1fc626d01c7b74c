"""Schema 9: the reasoning of each prima facie element becomes message ids with arguments, not finished text.

Before, the assessment stored each element's explanation as sentences in the case's language, so a memo in
another language printed them untranslated. Deriving the reasons again from a case's wizard answers needs the
assessment rules, which sit above the storage layer; so this migration only records which records await that
upgrade (every retaliation case, in ``pending_record_upgrades``). The assessment feature does the rewrite
(``ecodesk.assessment.upgrade.finish_upgrades``, called by the CLI and the GUI right after unlock), in one
transaction that also clears these rows: done once, whole or not at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecodesk.storage.database import Database

VERSION = 9

STATEMENTS = (
    "CREATE TABLE pending_record_upgrades ("
    " record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,"
    " upgrade TEXT NOT NULL,"
    " PRIMARY KEY (record_id, upgrade)) WITHOUT ROWID",
    "INSERT INTO pending_record_upgrades(record_id, upgrade) "
    "SELECT id, 'structured_reasoning' FROM records WHERE kind = 'retaliation'",
)


def upgrade(db: Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
