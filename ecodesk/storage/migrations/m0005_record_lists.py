"""Schema 5: a narrow table for lists, so sorting and scrolling 100,000 records never reads record bodies.

``records`` rows carry the whole JSON body (about 2 KB), so any list order without a covering index decrypted
every row. ``record_summaries`` holds only the list columns (same rowid as ``records``, so full-text matches
apply directly), kept in step by triggers whoever writes ``records`` (the record store, a package import), with
one small index per sortable column. Also: a record's audit events by index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecodesk.storage.database import Database

VERSION = 5

COLUMNS = ("id", "kind", "reference", "title", "status", "office", "person", "category", "received_on", "due_on",
           "is_open", "revision", "updated_at")
_LIST = ", ".join(COLUMNS)
_NEW = ", ".join(f"NEW.{c}" for c in COLUMNS)
_SET = ", ".join(f"{c} = NEW.{c}" for c in COLUMNS)

STATEMENTS = (
    "DROP INDEX IF EXISTS records_recent",
    """CREATE TABLE record_summaries (
        record_rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        reference TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        office TEXT NOT NULL,
        person TEXT NOT NULL,
        category TEXT NOT NULL,
        received_on TEXT NOT NULL,
        due_on TEXT,
        is_open INTEGER NOT NULL,
        revision INTEGER NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    f"INSERT INTO record_summaries(record_rowid, {_LIST}) SELECT rowid, {_LIST} FROM records",
    f"CREATE TRIGGER records_summary_insert AFTER INSERT ON records BEGIN "
    f"INSERT INTO record_summaries(record_rowid, {_LIST}) VALUES (NEW.rowid, {_NEW}); END",
    f"CREATE TRIGGER records_summary_update AFTER UPDATE OF {_LIST} ON records BEGIN "
    f"UPDATE record_summaries SET {_SET} WHERE record_rowid = NEW.rowid; END",
    "CREATE TRIGGER records_summary_delete AFTER DELETE ON records BEGIN "
    "DELETE FROM record_summaries WHERE record_rowid = OLD.rowid; END",
    *(f"CREATE INDEX record_summaries_{c} ON record_summaries(kind, {c})"
      for c in ("received_on", "title", "person", "reference", "due_on", "status", "office", "category",
                "updated_at")),
    "CREATE INDEX record_summaries_open_due ON record_summaries(is_open, due_on)",
    "CREATE INDEX audit_record ON audit(record_id, seq)",
)


def upgrade(db: Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
