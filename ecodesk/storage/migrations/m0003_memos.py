"""Schema 3: signed assessment memos, kept inside the encrypted vault so that they can be printed again."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecodesk.storage.database import Database

VERSION = 3

STATEMENTS = [
    """CREATE TABLE memos (
        id TEXT PRIMARY KEY,
        record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        reference TEXT NOT NULL,
        language TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        pages INTEGER NOT NULL,
        signed_at TEXT NOT NULL,
        signer_fingerprint TEXT NOT NULL,
        pdf BLOB NOT NULL
    )""",
    "CREATE INDEX memos_record ON memos(record_id, signed_at)",
]


def upgrade(db: Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
