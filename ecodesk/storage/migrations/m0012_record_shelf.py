"""Schema 12: records set aside by this office, kept out of the lists: archived (finished with, restorable) or
withdrawn as created in error (final). The record, its revisions and its audit trail stay untouched; this table
only says how the office's lists treat it. It is local to the vault: packages never carry it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecodesk.storage.database import Database

VERSION = 12

STATEMENTS = (
    """CREATE TABLE record_shelf (
        record_id TEXT PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('archived', 'withdrawn')),
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT ''
    )""",
)


def upgrade(db: Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
