"""Signed memos kept in the vault (the PDF bytes are stored inside the encrypted database, never on disk)."""

from __future__ import annotations

import uuid

from ecodesk.errors import NotFound
from ecodesk.i18n import N_
from ecodesk.models.memos import MemoInfo
from ecodesk.storage.database import Database, row_values

_COLUMNS = "id, record_id, reference, language, sha256, size, pages, signed_at, signer_fingerprint"


def _info(row: tuple[object, ...]) -> MemoInfo:
    return MemoInfo.model_validate(row_values(_COLUMNS, row))


class MemoStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, info: MemoInfo, pdf: bytes) -> None:
        """Store a signed memo (in the caller's transaction, so that it goes with its audit event)."""
        with self.db.transaction():
            self.db.execute(
                f"INSERT INTO memos({_COLUMNS}, pdf) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    str(info.id),
                    str(info.record_id),
                    info.reference,
                    info.language,
                    info.sha256,
                    info.size,
                    info.pages,
                    info.signed_at.isoformat(timespec="seconds"),
                    info.signer_fingerprint,
                    pdf,
                ),
            )

    def list(self, record_id: uuid.UUID) -> list[MemoInfo]:
        """The record's signed memos, newest first."""
        rows = self.db.all(
            f"SELECT {_COLUMNS} FROM memos WHERE record_id = ? ORDER BY signed_at DESC, rowid DESC", (str(record_id),)
        )
        return [_info(row) for row in rows]

    def pdf(self, memo_id: uuid.UUID) -> bytes:
        """The signed PDF; NotFound if there is no such memo."""
        value = self.db.scalar("SELECT pdf FROM memos WHERE id = ?", (str(memo_id),))
        if value is None:
            raise NotFound(N_("No such memo."))
        return bytes(value)
