"""Small documents kept inside the vault: office settings, the vault identity, and editor drafts."""

from __future__ import annotations

import datetime as dt

from ecodesk.crypto.identity import VaultIdentity
from ecodesk.jsontext import parse_model
from ecodesk.models import OfficeSettings
from ecodesk.models.common import STORED
from ecodesk.storage.audit import AuditLog
from ecodesk.storage.database import Database


class SettingsStore:
    def __init__(self, db: Database, audit: AuditLog) -> None:
        self.db = db
        self.audit = audit

    def get(self) -> OfficeSettings:
        value = self.db.scalar("SELECT value FROM settings WHERE key = 'office'")
        return parse_model(OfficeSettings, value, context=STORED) if value else OfficeSettings()

    def save(self, settings: OfficeSettings) -> None:
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO settings(key, value) VALUES ('office', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (settings.model_dump_json(),),
            )
            self.audit.append("settings_changed")

    def identity(self) -> VaultIdentity:
        value = self.db.scalar("SELECT body FROM identity WHERE id = 1")
        if value is None:
            raise LookupError("this vault has no identity")
        return parse_model(VaultIdentity, value)

    def store_identity(self, identity: VaultIdentity) -> None:
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO identity(id, body) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body",
                (identity.model_dump_json(),),
            )
            self.audit.append("identity_created", fingerprint=identity.public.fingerprint)


class DraftStore:
    """Unsaved editor and wizard state, kept encrypted in the vault so that nothing typed is lost."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def put(self, key: str, body: str) -> None:
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO drafts(key, body, saved_at) VALUES (?,?,?) ON CONFLICT(key) DO UPDATE SET "
                "body = excluded.body, saved_at = excluded.saved_at",
                (key, body, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )

    def get(self, key: str) -> str | None:
        value = self.db.scalar("SELECT body FROM drafts WHERE key = ?", (key,))
        return None if value is None else str(value)

    def delete(self, key: str) -> None:
        with self.db.transaction():
            self.db.execute("DELETE FROM drafts WHERE key = ?", (key,))

    def keys(self) -> list[str]:
        return [r[0] for r in self.db.all("SELECT key FROM drafts ORDER BY saved_at DESC")]
