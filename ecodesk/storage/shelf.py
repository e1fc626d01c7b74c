"""Records set aside by this office (schema 12): archived or withdrawn as created in error. Each change is written
with its audit event in one transaction."""

from __future__ import annotations

import datetime as dt
import uuid

from ecodesk.models.records import ShelfEntry, ShelfState
from ecodesk.storage.audit import AuditLog
from ecodesk.storage.database import Database


class ShelfStore:
    def __init__(self, db: Database, audit: AuditLog) -> None:
        self.db = db
        self.audit = audit

    def get(self, record_id: uuid.UUID) -> ShelfEntry | None:
        row = self.db.one("SELECT state, at, by, reason FROM record_shelf WHERE record_id = ?", (str(record_id),))
        if row is None:
            return None
        return ShelfEntry(state=ShelfState(row[0]), at=dt.datetime.fromisoformat(row[1]), by=row[2], reason=row[3])

    def put(self, record_id: uuid.UUID, reference: str, state: ShelfState, *, by: str, reason: str = "") -> None:
        """Archive or withdraw (replacing an earlier state); audited as ``archive`` or ``withdraw`` (the reason is
        kept here, not in the audit detail)."""
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO record_shelf(record_id, state, at, by, reason) VALUES (?,?,?,?,?) "
                "ON CONFLICT(record_id) DO UPDATE SET state = excluded.state, at = excluded.at, by = excluded.by, "
                "reason = excluded.reason",
                (str(record_id), state.value, at, by, reason),
            )
            self.audit.append("archive" if state == ShelfState.archived else "withdraw", record_id=record_id,
                              reference=reference, by=by)  # fmt: skip

    def remove(self, record_id: uuid.UUID, reference: str, *, by: str) -> None:
        """Back in the lists; audited as ``restore``."""
        with self.db.transaction():
            self.db.execute("DELETE FROM record_shelf WHERE record_id = ?", (str(record_id),))
            self.audit.append("restore", record_id=record_id, reference=reference, by=by)
