"""Schema 6: the anonymized statistics this vault has sent, one row per period, so that no later document can
overlap one already sent (a year minus its quarters would reveal a withheld cell) and a re-send of the same
period repeats exactly the counts sent the first time."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecodesk.storage.database import Database

VERSION = 6

STATEMENTS = (
    """CREATE TABLE sent_statistics (
        period TEXT PRIMARY KEY,
        first_month TEXT NOT NULL,
        last_month TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        body BLOB NOT NULL
    )""",
)


def upgrade(db: Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
