"""Schema 1: records with revisions, reference counters, chunked attachments, hash-chained audit log, FTS5."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecodesk.storage.database import Database

VERSION = 1

SQL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE records (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    revision INTEGER NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    office TEXT NOT NULL,
    person TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    received_on TEXT NOT NULL,
    due_on TEXT,
    is_open INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX records_kind_received ON records(kind, received_on);
CREATE INDEX records_kind_status ON records(kind, status, received_on);
CREATE INDEX records_open_due ON records(is_open, due_on);
CREATE INDEX records_office ON records(office, received_on);
-- records_recent: dropped in schema 5 (lists read record_summaries)
CREATE INDEX records_recent ON records(
    received_on, kind, reference, title, status, office, person, category, due_on, revision, updated_at, id
);

CREATE TABLE revisions (
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    origin TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (record_id, revision)
);

CREATE TABLE reference_counters (prefix TEXT PRIMARY KEY, last INTEGER NOT NULL);

CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES records(id),
    evidence_id TEXT,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX attachments_record ON attachments(record_id);
CREATE TABLE attachment_chunks (
    attachment_id TEXT NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE UNIQUE INDEX attachment_chunks_order ON attachment_chunks(attachment_id, seq);

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    record_id TEXT,
    reference TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE identity (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL);
CREATE TABLE drafts (key TEXT PRIMARY KEY, body TEXT NOT NULL, saved_at TEXT NOT NULL);

CREATE VIRTUAL TABLE records_fts USING fts5(
    reference, title, names, body,
    content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
"""


def upgrade(db: Database) -> None:
    # Statement by statement: executescript() would commit the surrounding transaction.
    for statement in SQL.split(";\n"):
        if statement.strip():
            db.execute(statement)
