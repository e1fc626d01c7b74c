"""The ledger of anonymized statistics sent from this vault (schema 6): period, months covered and the exact
document sent. Read by ``reports/hq.py`` to refuse overlapping periods and to repeat a re-sent period."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from ecodesk.storage.database import Database


class SentStatistics(BaseModel):
    period: str
    first_month: str
    last_month: str
    sent_at: str
    body: bytes


class SentStatisticsLedger:
    def __init__(self, db: Database) -> None:
        self.db = db

    def all(self) -> list[SentStatistics]:
        rows = self.db.all(
            "SELECT period, first_month, last_month, sent_at, body FROM sent_statistics ORDER BY first_month"
        )
        return [
            SentStatistics(period=r[0], first_month=r[1], last_month=r[2], sent_at=r[3], body=bytes(r[4]))
            for r in rows
        ]

    def add(self, period: str, first_month: str, last_month: str, body: bytes) -> None:
        """Record a document as sent (in the caller's transaction); the first one of a period is kept."""
        self.db.execute(
            "INSERT INTO sent_statistics(period, first_month, last_month, sent_at, body) VALUES (?,?,?,?,?) "
            "ON CONFLICT(period) DO NOTHING",
            (period, first_month, last_month, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), body),
        )
