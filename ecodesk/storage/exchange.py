"""What the vault remembers about package exchange: packages sent (outbox) and received or refused (inbox),
acknowledgements, the last version of each record known to both sides, import conflicts, received statistics.

Contacts are identified here by their fingerprint (stable when a contact is renamed). Callers group writes in
one transaction with the records they concern.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from ecodesk.models.exchange import (
    ImportConflict,
    ReceivedPackage,
    ReceivedStats,
    SentItem,
    SentPackage,
)
from ecodesk.storage.database import Database, row_values


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dt(value: object) -> dt.datetime | None:
    return dt.datetime.fromisoformat(str(value)) if value else None


_SENT = (
    "id, kind, created_at, recipients, file_name, size, volumes, records, attachments, acknowledged_at, "
    "acknowledged_by, ack_package_id"
)
_RECEIVED = (
    "seq, package_id, status, reason, reason_params, kind, sender, sender_office, sender_fingerprint, unverified, "
    "created_at, received_at, file_name, summary"
)
_CONFLICT = (
    "id, record_id, reference, local_revision, incoming_revision, package_id, sender, detected_at, resolved_at, "
    "resolution"
)


def _sent(row: tuple[Any, ...]) -> SentPackage:
    values = row_values(_SENT, row)
    values.update(recipients=json.loads(values["recipients"]), acknowledged_at=_dt(values["acknowledged_at"]))
    return SentPackage.model_validate(values)


def _received(row: tuple[Any, ...]) -> ReceivedPackage:
    values = row_values(_RECEIVED, row)
    values.update(
        reason_params=json.loads(values["reason_params"]),
        unverified=bool(values["unverified"]),
        created_at=_dt(values["created_at"]),
        summary=json.loads(values["summary"]),
    )
    return ReceivedPackage.model_validate(values)


def _conflict(row: tuple[Any, ...]) -> ImportConflict:
    return ImportConflict.model_validate(row_values(_CONFLICT, row))


class ExchangeStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- outbox --------------------------------------------------------------------------------------------
    def add_sent(self, package: SentPackage, items: list[SentItem]) -> None:
        with self.db.transaction():
            self.db.execute(
                f"INSERT INTO sent_packages({_SENT}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    str(package.id),
                    package.kind,
                    package.created_at.isoformat(),
                    json.dumps([r.model_dump() for r in package.recipients]),
                    package.file_name,
                    package.size,
                    package.volumes,
                    package.records,
                    package.attachments,
                    None,
                    None,
                    None,
                ),
            )
            self.db.executemany(
                "INSERT INTO sent_items(package_id, record_id, reference, revision, sha256) VALUES (?,?,?,?,?)",
                [(str(package.id), str(i.record_id), i.reference, i.revision, i.sha256) for i in items],
            )

    def sent(self, limit: int = 1000) -> list[SentPackage]:
        rows = self.db.all(f"SELECT {_SENT} FROM sent_packages ORDER BY created_at DESC, id LIMIT ?", (limit,))
        return [_sent(r) for r in rows]

    def sent_package(self, package_id: uuid.UUID) -> SentPackage | None:
        row = self.db.one(f"SELECT {_SENT} FROM sent_packages WHERE id = ?", (str(package_id),))
        return _sent(row) if row else None

    def sent_items(self, package_id: uuid.UUID) -> list[SentItem]:
        rows = self.db.all(
            "SELECT record_id, reference, revision, sha256 FROM sent_items WHERE package_id = ? ORDER BY reference",
            (str(package_id),),
        )
        return [SentItem(record_id=r[0], reference=r[1], revision=r[2], sha256=r[3]) for r in rows]

    def mark_acknowledged(self, package_id: uuid.UUID, by: str, ack_package_id: uuid.UUID) -> None:
        self.db.execute(
            "UPDATE sent_packages SET acknowledged_at = ?, acknowledged_by = ?, ack_package_id = ? "
            "WHERE id = ? AND acknowledged_at IS NULL",
            (_now().isoformat(), by, str(ack_package_id), str(package_id)),
        )

    # -- what each contact confirmed having ----------------------------------------------------------------
    def acknowledge_record(self, fingerprint: str, record_id: uuid.UUID, revision: int, sha256: str) -> None:
        """Remember that the contact has ``revision`` of the record (keeps the highest revision)."""
        self.db.execute(
            "INSERT INTO acknowledged(contact, record_id, revision, sha256, at) VALUES (?,?,?,?,?) "
            "ON CONFLICT(contact, record_id) DO UPDATE SET revision = excluded.revision, sha256 = excluded.sha256, "
            "at = excluded.at WHERE excluded.revision >= acknowledged.revision",
            (fingerprint, str(record_id), revision, sha256, _now().isoformat()),
        )

    def acknowledge_attachment(self, fingerprint: str, attachment_id: uuid.UUID) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO acknowledged_attachments(contact, attachment_id, at) VALUES (?,?,?)",
            (fingerprint, str(attachment_id), _now().isoformat()),
        )

    def acknowledged_revisions(self, fingerprint: str) -> dict[uuid.UUID, int]:
        rows = self.db.all("SELECT record_id, revision FROM acknowledged WHERE contact = ?", (fingerprint,))
        return {uuid.UUID(r[0]): int(r[1]) for r in rows}

    def acknowledged_attachments(self, fingerprint: str) -> set[uuid.UUID]:
        rows = self.db.all("SELECT attachment_id FROM acknowledged_attachments WHERE contact = ?", (fingerprint,))
        return {uuid.UUID(r[0]) for r in rows}

    def unacknowledged_records(self, fingerprints: list[str], offices: list[str]) -> list[uuid.UUID]:
        """Records of ``offices`` whose current revision one of the contacts has not confirmed."""
        found: set[uuid.UUID] = set()
        marks = ",".join("?" for _ in offices)
        for fingerprint in fingerprints:
            rows = self.db.all(
                f"SELECT r.id FROM records r LEFT JOIN acknowledged a ON a.record_id = r.id AND a.contact = ? "
                f"WHERE r.office IN ({marks}) AND (a.revision IS NULL OR a.revision < r.revision)",
                (fingerprint, *offices),
            )
            found.update(uuid.UUID(r[0]) for r in rows)
        return sorted(found)

    # -- the version both sides last had in common ---------------------------------------------------------
    def base(self, record_id: uuid.UUID) -> str | None:
        value = self.db.scalar("SELECT sha256 FROM exchange_base WHERE record_id = ?", (str(record_id),))
        return None if value is None else str(value)

    def set_base(self, record_id: uuid.UUID, sha256: str) -> None:
        self.db.execute(
            "INSERT INTO exchange_base(record_id, sha256, at) VALUES (?,?,?) ON CONFLICT(record_id) DO UPDATE "
            "SET sha256 = excluded.sha256, at = excluded.at",
            (str(record_id), sha256, _now().isoformat()),
        )

    # -- inbox ---------------------------------------------------------------------------------------------
    def add_received(self, package: ReceivedPackage, manifest: bytes | None = None) -> None:
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO received_packages(package_id, status, reason, reason_params, kind, sender, "
                "sender_office, sender_fingerprint, unverified, created_at, received_at, file_name, summary, "
                "manifest) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    str(package.package_id) if package.package_id else None,
                    package.status,
                    package.reason,
                    json.dumps(package.reason_params, default=str),
                    package.kind,
                    package.sender,
                    package.sender_office,
                    package.sender_fingerprint,
                    int(package.unverified),
                    _iso(package.created_at),
                    package.received_at.isoformat(),
                    package.file_name,
                    json.dumps(package.summary, default=str),
                    manifest.decode("utf-8") if manifest is not None else None,
                ),
            )

    def is_imported(self, package_id: uuid.UUID) -> bool:
        return bool(
            self.db.scalar(
                "SELECT 1 FROM received_packages WHERE package_id = ? AND status = 'imported'", (str(package_id),)
            )
        )

    def imported(self, package_id: uuid.UUID) -> ReceivedPackage | None:
        row = self.db.one(
            f"SELECT {_RECEIVED} FROM received_packages WHERE package_id = ? AND status = 'imported'",
            (str(package_id),),
        )
        return _received(row) if row else None

    def received_revisions(self, fingerprint: str) -> dict[uuid.UUID, tuple[int, str]]:
        """For every record a contact sent in an imported package: the highest revision it sent and that
        revision's content hash (from the signed manifests kept in the inbox)."""
        rows = self.db.all(
            "SELECT manifest FROM received_packages WHERE status = 'imported' AND sender_fingerprint = ? "
            "AND manifest IS NOT NULL",
            (fingerprint,),
        )
        found: dict[uuid.UUID, tuple[int, str]] = {}
        for (manifest,) in rows:
            for entry in json.loads(manifest).get("records", []):
                record_id, revision = uuid.UUID(str(entry["id"])), int(entry["revision"])
                if record_id not in found or revision > found[record_id][0]:
                    found[record_id] = (revision, str(entry["content_sha256"]))
        return found

    def has_attachment(self, attachment_id: uuid.UUID) -> bool:
        return bool(self.db.scalar("SELECT 1 FROM attachments WHERE id = ?", (str(attachment_id),)))

    def received(self, limit: int = 1000) -> list[ReceivedPackage]:
        rows = self.db.all(f"SELECT {_RECEIVED} FROM received_packages ORDER BY seq DESC LIMIT ?", (limit,))
        return [_received(r) for r in rows]

    def received_manifest(self, package_id: uuid.UUID) -> bytes | None:
        value = self.db.scalar(
            "SELECT manifest FROM received_packages WHERE package_id = ? AND status = 'imported'", (str(package_id),)
        )
        return None if value is None else str(value).encode("utf-8")

    # -- conflicts -----------------------------------------------------------------------------------------
    def add_conflict(self, conflict: ImportConflict) -> None:
        self.db.execute(
            f"INSERT INTO conflicts({_CONFLICT}) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                str(conflict.id),
                str(conflict.record_id),
                conflict.reference,
                conflict.local_revision,
                conflict.incoming_revision,
                str(conflict.package_id),
                conflict.sender,
                conflict.detected_at.isoformat(),
                None,
                "",
            ),
        )

    def conflicts(self, *, include_resolved: bool = False) -> list[ImportConflict]:
        where = "" if include_resolved else "WHERE resolved_at IS NULL"
        rows = self.db.all(f"SELECT {_CONFLICT} FROM conflicts {where} ORDER BY detected_at DESC, reference")
        return [_conflict(r) for r in rows]

    def open_conflicts_for(self, record_id: uuid.UUID) -> list[ImportConflict]:
        rows = self.db.all(
            f"SELECT {_CONFLICT} FROM conflicts WHERE record_id = ? AND resolved_at IS NULL ORDER BY detected_at",
            (str(record_id),),
        )
        return [_conflict(r) for r in rows]

    def resolve_conflict(self, conflict_id: uuid.UUID, resolution: str) -> None:
        self.db.execute(
            "UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE id = ?",
            (_now().isoformat(), resolution, str(conflict_id)),
        )

    # -- statistics from other offices ---------------------------------------------------------------------
    def add_stats(self, stats: ReceivedStats) -> None:
        self.db.execute(
            "INSERT INTO received_stats(package_id, name, sender, sender_office, created_at, received_at, "
            "unverified, body) VALUES (?,?,?,?,?,?,?,?)",
            (
                str(stats.package_id),
                stats.name,
                stats.sender,
                stats.sender_office,
                stats.created_at.isoformat(),
                stats.received_at.isoformat(),
                int(stats.unverified),
                stats.body,
            ),
        )

    def stats(self, *, office: str | None = None) -> list[ReceivedStats]:
        where, params = ("WHERE sender_office = ?", (office,)) if office else ("", ())
        rows = self.db.all(
            "SELECT package_id, name, sender, sender_office, created_at, received_at, unverified, body "
            f"FROM received_stats {where} ORDER BY created_at DESC, name",
            params,
        )
        return [
            ReceivedStats(
                package_id=r[0],
                name=r[1],
                sender=r[2],
                sender_office=r[3],
                created_at=r[4],
                received_at=r[5],
                unverified=bool(r[6]),
                body=bytes(r[7]),
            )
            for r in rows
        ]
