"""The append-only audit log. Each event is chained to the previous one by SHA-256; the head hash is kept in
``meta`` so that removing the newest events is detected too, and outside the database (``audit_head.py``) so
that losing them together with ``meta`` (a damaged WAL, an older copy of the file) is detected at unlock.
Events name actions and references, never confidential content."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from ecodesk.models import AuditEvent
from ecodesk.storage.database import Database, row_values

GENESIS = "0" * 64


_EVENT_COLUMNS = "seq, at, action, record_id, reference, detail, prev_hash, hash"


def _event_hash(
    prev_hash: str, seq: int, at: str, action: str, record_id: str | None, reference: str, detail: str
) -> str:
    payload = json.dumps([prev_hash, seq, at, action, record_id, reference, detail], separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


class AuditCheck(BaseModel):
    ok: bool
    events: int
    first_broken_seq: int | None = None
    problem: str = ""


class AuditLog:
    def __init__(self, db: Database) -> None:
        self.db = db
        # Called once after the commit of each transaction that added events (the vault keeps the head then).
        self.on_committed: Callable[[], None] | None = None

    def append(
        self,
        action: str,
        *,
        record_id: uuid.UUID | None = None,
        reference: str = "",
        at: dt.datetime | None = None,
        **detail: Any,
    ) -> None:
        """Add one event in the caller's transaction (or its own)."""
        with self.db.transaction():
            last = self.db.one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
            seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
            when = (at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
            detail_json = json.dumps(detail, sort_keys=True, default=str)
            rid = str(record_id) if record_id else None
            digest = _event_hash(prev_hash, seq, when, action, rid, reference, detail_json)
            self.db.execute(
                "INSERT INTO audit(seq, at, action, record_id, reference, detail, prev_hash, hash) "
                "VALUES (?,?,?,?,?,?,?,?)",
                (seq, when, action, rid, reference, detail_json, prev_hash, digest),
            )
            self.db.execute(
                "INSERT INTO meta(key, value) VALUES('audit_head', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (f"{seq}:{digest}",),
            )
            if self.on_committed is not None:
                self.db.after_commit(self.on_committed)

    def events(self, *, record_id: uuid.UUID | None = None, limit: int = 1000) -> list[AuditEvent]:
        if record_id is not None:
            rows = self.db.all(
                f"SELECT {_EVENT_COLUMNS} FROM audit WHERE record_id = ? ORDER BY seq DESC LIMIT ?",
                (str(record_id), limit),
            )
        else:
            rows = self.db.all(
                f"SELECT {_EVENT_COLUMNS} FROM audit ORDER BY seq DESC LIMIT ?",
                (limit,),
            )
        events = []
        for row in rows:
            values = row_values(_EVENT_COLUMNS, row)
            values["detail"] = json.loads(values["detail"])
            events.append(AuditEvent.model_validate(values))
        return events

    def verify(self) -> AuditCheck:
        """Walk the whole chain; report the first event whose link or hash does not hold."""
        prev_hash, expected_seq, count = GENESIS, 1, 0
        cursor = self.db.execute(
            "SELECT seq, at, action, record_id, reference, detail, prev_hash, hash FROM audit ORDER BY seq"
        )
        for seq, at, action, rid, reference, detail, stored_prev, stored_hash in cursor:
            count += 1
            if seq != expected_seq:
                return AuditCheck(ok=False, events=count, first_broken_seq=expected_seq, problem="gap")
            if stored_prev != prev_hash:
                return AuditCheck(ok=False, events=count, first_broken_seq=seq, problem="broken link")
            if _event_hash(prev_hash, seq, at, action, rid, reference, detail) != stored_hash:
                return AuditCheck(ok=False, events=count, first_broken_seq=seq, problem="altered event")
            prev_hash, expected_seq = stored_hash, seq + 1
        head = self.db.scalar("SELECT value FROM meta WHERE key='audit_head'")
        if count and head != f"{expected_seq - 1}:{prev_hash}":
            return AuditCheck(ok=False, events=count, first_broken_seq=expected_seq, problem="missing newest events")
        return AuditCheck(ok=True, events=count)
