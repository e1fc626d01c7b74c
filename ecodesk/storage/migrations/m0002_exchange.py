"""Schema 2: contacts, sent and received case packages, acknowledgements, import conflicts, received statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecodesk.storage.database import Database

VERSION = 2

SQL = """
CREATE TABLE contacts (
    name TEXT NOT NULL PRIMARY KEY,
    name_key TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('hq', 'officer')),
    fingerprint TEXT NOT NULL UNIQUE,
    signing_key TEXT NOT NULL UNIQUE,
    public TEXT NOT NULL,
    verified INTEGER NOT NULL DEFAULT 0,
    added_at TEXT NOT NULL,
    verified_at TEXT
);

CREATE TABLE sent_packages (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    recipients TEXT NOT NULL,
    file_name TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    volumes INTEGER NOT NULL DEFAULT 1,
    records INTEGER NOT NULL DEFAULT 0,
    attachments INTEGER NOT NULL DEFAULT 0,
    acknowledged_at TEXT,
    acknowledged_by TEXT,
    ack_package_id TEXT
);
CREATE INDEX sent_packages_created ON sent_packages(created_at);

CREATE TABLE sent_items (
    package_id TEXT NOT NULL REFERENCES sent_packages(id),
    record_id TEXT NOT NULL,
    reference TEXT NOT NULL,
    revision INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (package_id, record_id)
);

CREATE TABLE acknowledged (
    contact TEXT NOT NULL,
    record_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (contact, record_id)
);

CREATE TABLE acknowledged_attachments (
    contact TEXT NOT NULL,
    attachment_id TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (contact, attachment_id)
);

CREATE TABLE received_packages (
    seq INTEGER PRIMARY KEY,
    package_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('imported', 'refused')),
    reason TEXT NOT NULL DEFAULT '',
    reason_params TEXT NOT NULL DEFAULT '{}',
    kind TEXT NOT NULL DEFAULT '',
    sender TEXT NOT NULL DEFAULT '',
    sender_office TEXT NOT NULL DEFAULT '',
    sender_fingerprint TEXT NOT NULL DEFAULT '',
    unverified INTEGER NOT NULL DEFAULT 0,
    created_at TEXT,
    received_at TEXT NOT NULL,
    file_name TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '{}',
    manifest TEXT
);
CREATE UNIQUE INDEX received_packages_once ON received_packages(package_id) WHERE status = 'imported';

CREATE TABLE exchange_base (
    record_id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE TABLE conflicts (
    id TEXT PRIMARY KEY,
    record_id TEXT NOT NULL,
    reference TEXT NOT NULL,
    local_revision INTEGER NOT NULL,
    incoming_revision INTEGER NOT NULL,
    package_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT NOT NULL DEFAULT ''
);
CREATE INDEX conflicts_open ON conflicts(resolved_at, detected_at);

CREATE TABLE received_stats (
    package_id TEXT NOT NULL,
    name TEXT NOT NULL,
    sender TEXT NOT NULL,
    sender_office TEXT NOT NULL,
    created_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    unverified INTEGER NOT NULL DEFAULT 0,
    body BLOB NOT NULL,
    PRIMARY KEY (package_id, name)
);
"""


def upgrade(db: Database) -> None:
    # Statement by statement: executescript() would commit the surrounding transaction.
    for statement in SQL.split(";\n"):
        if statement.strip():
            db.execute(statement)
