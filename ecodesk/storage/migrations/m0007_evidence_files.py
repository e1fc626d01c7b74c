"""Schema 7: attachments move out of the database into encrypted evidence files (``storage/evidence.py``).

Each attachment row gains the name of its blob and the blob's own key. The schema change is this migration;
moving the bytes out of ``attachment_chunks`` is done after it by ``evidence_upgrade.move_chunks_out`` (it needs
the vault folder), one attachment per transaction, so an interrupted move resumes at the next unlock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecodesk.storage.database import Database

VERSION = 7

STATEMENTS = (
    "ALTER TABLE attachments ADD COLUMN blob TEXT",
    "ALTER TABLE attachments ADD COLUMN blob_key BLOB",
    "CREATE UNIQUE INDEX attachments_blob ON attachments(blob) WHERE blob IS NOT NULL",
)


def upgrade(db: Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
