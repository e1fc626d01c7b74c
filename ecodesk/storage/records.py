"""Records (cases and advice) with their full revision history, references and full-text index.

The latest revision is kept in ``records`` with the columns lists and filters need; every revision's full
body is kept in ``revisions``. A save that changes nothing creates no revision.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from ecodesk.errors import Conflict, NotFound
from ecodesk.models import (
    AdviceRecord,
    RecordKind,
    RecordSummary,
    RetaliationCase,
    Revision,
    SearchQuery,
    record_adapter,
)
from ecodesk.models.cases import assessment_deadline
from ecodesk.models.common import REFERENCE_PREFIX, STORED
from ecodesk.models.programme import TrainingSession, YdiCampaign
from ecodesk.models.records import AnyRecord, Record, record_content
from ecodesk.models.workflow import next_follow_up
from ecodesk.storage.audit import AuditLog
from ecodesk.storage.database import Database, row_values

SORTABLE = {
    "reference": "reference",
    "title": "title",
    "person": "person",
    "office": "office",
    "status": "status",
    "received_on": "received_on",
    "due_on": "due_on",
    "updated_at": "updated_at",
    "category": "category",
    "follow_up_on": "follow_up_on",
}
FEW_MATCHES = 2000
# Data upgrades a migration marks in ``pending_record_upgrades`` for a feature to carry out (see awaiting_upgrade).
STRUCTURED_REASONING = "structured_reasoning"  # schema 9: reasoning as message ids, done by assessment/upgrade.py
_SUMMARY_COLUMNS = (
    "id, kind, reference, title, status, office, person, category, received_on, due_on, revision, updated_at, "
    "follow_up_on"
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _person(record: AnyRecord) -> str:
    if isinstance(record, RetaliationCase):
        return record.complainant.name
    if isinstance(record, AdviceRecord):
        return "" if record.requester.anonymous else record.requester.name
    if isinstance(record, TrainingSession):
        return record.place
    return ""


def category_column(categories: Iterable[str]) -> str:
    """The list column of an advice record's categories: ``gifts,media`` (matched with ``category_match``)."""
    return ",".join(categories)


def category_match(column: str, parameter: str) -> str:
    """SQL true when the category list in ``column`` holds the category bound to ``parameter``."""
    return f"instr(',' || {column} || ',', ',' || {parameter} || ',') > 0"


def _due(record: AnyRecord) -> dt.date | None:
    if isinstance(record, RetaliationCase):
        return record.assessment_due_on
    if isinstance(record, AdviceRecord):
        return record.follow_up_on
    if isinstance(record, YdiCampaign):
        return record.due_on
    return None


def _search_fields(record: AnyRecord) -> tuple[str, str, str, str]:
    """(reference, title, names, text) for the full-text index."""
    if isinstance(record, RetaliationCase):
        names = [record.complainant.name, *(p.name for p in record.alleged_retaliators)]
        names += [a.decision_maker for a in record.detrimental_actions]
        texts = [record.summary, record.notes, record.complainant.position, record.complainant.office]
        texts += [a.description for a in record.protected_activities]
        texts += [a.description for a in record.detrimental_actions]
        texts += [f"{e.title} {e.source} {e.notes}" for e in record.evidence]
        texts += [record.assessment.conclusion, record.assessment.recommendations]
        if record.recusal is not None:
            texts.append(record.recusal.reason)
    elif isinstance(record, AdviceRecord):
        names = [] if record.requester.anonymous else [record.requester.name]
        texts = [record.question, record.advice, record.notes, record.follow_up, *record.standards_references]
    elif isinstance(record, YdiCampaign):
        names = [f.name for f in record.filers]
        texts = [record.notes, *(f"{f.office} {f.grade} {f.recommendations}" for f in record.filers)]
    else:
        names = []
        texts = [record.place, record.notes]
    return (
        record.reference or "",
        record.title,
        " ".join(n for n in names if n),
        "\n".join(t for t in texts if t),
    )


_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """A safe FTS5 query from what the user typed: every word must match; the last one as a prefix.

    References like RET-2026-DKR-0007 are split into their parts by the tokenizer, so they match as phrases.
    """
    words = _TOKEN.findall(text)
    if not words:
        return ""
    parts = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
    return " ".join(parts)


class RecordStore:
    def __init__(self, db: Database, audit: AuditLog) -> None:
        self.db = db
        self.audit = audit
        self._follow_up_column: bool | None = None

    def _has_follow_up_column(self) -> bool:
        """Schema 10 and later (tests of earlier migrations write through this store into older schemas)."""
        if self._follow_up_column is None:
            columns = self.db.all("SELECT name FROM pragma_table_info('records')")
            self._follow_up_column = any(c[0] == "follow_up_on" for c in columns)
        return self._follow_up_column

    # -- reading -----------------------------------------------------------------------------------------
    def get(self, key: str | uuid.UUID) -> AnyRecord:
        """The latest revision by reference (case-insensitive) or id; NotFound otherwise."""
        text = str(key).strip()
        row = self.db.one("SELECT body FROM records WHERE reference = ? OR id = ?", (text.upper(), text.lower()))
        if row is None:
            raise NotFound(_not_found_message(), reference=text[:40])
        return record_adapter.validate_json(row[0], context=STORED)

    def find_id(self, key: str | uuid.UUID) -> uuid.UUID | None:
        text = str(key).strip()
        value = self.db.scalar("SELECT id FROM records WHERE reference = ? OR id = ?", (text.upper(), text.lower()))
        return uuid.UUID(value) if value else None

    def revision(self, record_id: uuid.UUID, revision: int) -> AnyRecord:
        row = self.db.one("SELECT body FROM revisions WHERE record_id = ? AND revision = ?", (str(record_id), revision))
        if row is None:
            raise NotFound(_not_found_message(), reference=f"{record_id}@{revision}")
        return record_adapter.validate_json(row[0], context=STORED)

    def history(self, record_id: uuid.UUID) -> list[Revision]:
        rows = self.db.all(
            "SELECT record_id, revision, saved_at, saved_by, origin FROM revisions WHERE record_id = ? "
            "ORDER BY revision DESC",
            (str(record_id),),
        )
        return [Revision(record_id=r[0], revision=r[1], saved_at=r[2], saved_by=r[3], origin=r[4]) for r in rows]

    def _where(self, query: SearchQuery) -> tuple[str, list[object], str]:
        clauses: list[str] = []
        params: list[object] = []
        join = ""
        match = fts_query(query.text)
        if match:
            # Few matches: fetch them by rowid. Many matches: walk the index of the requested order and stop
            # after one page (the unary + keeps SQLite from choosing rowid lookups and sorting every match).
            hits = int(self.db.scalar("SELECT count(*) FROM records_fts WHERE records_fts MATCH ?", (match,)))
            rowid = "records.rowid" if hits <= FEW_MATCHES else "+records.rowid"
            clauses.append(f"{rowid} IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)")
            params.append(match)
        for column, value in (
            ("kind", query.kind),
            ("status", query.status),
            ("office", query.office),
        ):
            if value:
                clauses.append(f"records.{column} = ?")
                params.append(str(value))
        if query.category:
            clauses.append(category_match("records.category", "?"))
            params.append(str(query.category))
        if query.received_from:
            clauses.append("records.received_on >= ?")
            params.append(query.received_from.isoformat())
        if query.received_to:
            clauses.append("records.received_on <= ?")
            params.append(query.received_to.isoformat())
        if query.overdue_on:
            clauses.append("records.is_open = 1 AND records.due_on < ?")
            params.append(query.overdue_on.isoformat())
        if query.follow_up_before:
            clauses.append("records.follow_up_on IS NOT NULL AND records.follow_up_on <= ?")
            params.append(query.follow_up_before.isoformat())
        if query.due_before:
            clauses.append("records.is_open = 1 AND records.due_on <= ?")
            params.append(query.due_before.isoformat())
        if not query.include_set_aside:  # archived and withdrawn records stay out of lists (schema 12)
            clauses.append("records.id NOT IN (SELECT record_id FROM record_shelf)")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return join, params, where

    def find(self, query: SearchQuery) -> list[RecordSummary]:
        join, params, where = self._where(query)
        order = SORTABLE.get(query.order_by, "received_on")
        direction = "DESC" if query.descending else "ASC"
        limit = "" if query.limit is None else f"LIMIT {int(query.limit)} OFFSET {int(query.offset)}"
        # Lists read the narrow summaries table (schema 5), never the records' JSON bodies.
        sql = (
            f"SELECT {', '.join('records.' + c.strip() for c in _SUMMARY_COLUMNS.split(','))} "
            f"FROM record_summaries AS records {join} {where} "
            f"ORDER BY records.{order} {direction}, records.reference {direction} {limit}"
        )
        return [_summary(row) for row in self.db.all(sql, tuple(params))]

    def count(self, query: SearchQuery) -> int:
        join, params, where = self._where(query)
        sql = f"SELECT count(*) FROM record_summaries AS records {join} {where}"
        return int(self.db.scalar(sql, tuple(params)))

    def ids_with(self, kind: RecordKind, json_path: str) -> list[uuid.UUID]:
        """The records of ``kind`` whose body has a value (not null) at ``json_path`` (e.g. ``$.recusal``)."""
        rows = self.db.all(
            "SELECT id FROM records WHERE kind = ? AND json_extract(body, ?) IS NOT NULL", (kind.value, json_path)
        )
        return [uuid.UUID(r[0]) for r in rows]

    def all_ids(self, kind: RecordKind | None = None) -> list[uuid.UUID]:
        rows = self.db.all("SELECT id FROM records" + (" WHERE kind = ?" if kind else ""), (kind,) if kind else ())
        return [uuid.UUID(r[0]) for r in rows]

    # -- writing -----------------------------------------------------------------------------------------
    def allocate_reference(self, kind: RecordKind, office: str, year: int) -> str:
        prefix = f"{REFERENCE_PREFIX[kind]}-{year:04d}-{office}"
        with self.db.transaction():
            while True:
                number = self.db.scalar(
                    "INSERT INTO reference_counters(prefix, last) VALUES (?, 1) "
                    "ON CONFLICT(prefix) DO UPDATE SET last = last + 1 RETURNING last",
                    (prefix,),
                )
                reference = f"{prefix}-{int(number):04d}"
                # Records imported from elsewhere may already use a number: skip it.
                if not self.db.scalar("SELECT 1 FROM records WHERE reference = ?", (reference,)):
                    return reference

    def save(
        self,
        record: AnyRecord,
        *,
        office: str,
        saved_by: str = "",
        origin: str = "local",
        expected_revision: int | None = None,
        assessment_days: int = 30,
    ) -> AnyRecord:
        """Store a new revision of ``record`` in one transaction and return it as stored.

        Raises Conflict when ``expected_revision`` is given and the stored record is newer.
        """
        with self.db.transaction():
            row = self.db.one("SELECT revision, body FROM records WHERE id = ?", (str(record.id),))
            now = _now()
            if row is not None:
                stored: AnyRecord = record_adapter.validate_json(row[1], context=STORED)
                if expected_revision is not None and expected_revision != row[0]:
                    raise Conflict(reference=stored.reference, revision=row[0])
                if record_content(stored) == record_content(record.model_copy(update={"reference": stored.reference})):
                    return stored
                record = record.model_copy(
                    update={
                        "reference": stored.reference,
                        "revision": row[0] + 1,
                        "created_at": stored.created_at,
                        "updated_at": now,
                        "office": record.office or stored.office,
                    }
                )
                action = "update"
            else:
                record_office = record.office or office
                reference = record.reference or self.allocate_reference(
                    RecordKind(record.kind), record_office, record.received_on.year
                )
                record = record.model_copy(
                    update={
                        "reference": reference,
                        "office": record_office,
                        "revision": 1,
                        "created_at": record.created_at or now,
                        "updated_at": now,
                    }
                )
                action = "create"
            if isinstance(record, RetaliationCase) and record.assessment_due_on is None:
                record = record.model_copy(
                    update={"assessment_due_on": assessment_deadline(record.received_on, assessment_days)}
                )
            # Re-validate the final form (callers may have used model_copy(update=...), which does not validate).
            record = record_adapter.validate_python(record.model_dump(warnings=False))
            self._write(record, saved_by=saved_by, origin=origin)
            self.audit.append(
                action,
                record_id=record.id,
                reference=record.reference or "",
                revision=record.revision,
                origin=origin,
            )
            return record

    def _write(self, record: AnyRecord, *, saved_by: str, origin: str) -> None:
        body = record.model_dump_json()
        is_open = int(record.is_open())
        # Cases: the deadline under the clock rule (None while paused for information); others: their due date.
        due = record.deadline() if isinstance(record, RetaliationCase) else _due(record)
        follow_up = next_follow_up(record.measures) if isinstance(record, RetaliationCase) else None
        category = category_column(c.value for c in record.categories) if isinstance(record, AdviceRecord) else ""
        assert record.updated_at is not None and record.created_at is not None
        values = (
            str(record.id),
            record.kind,
            record.reference,
            record.revision,
            record.title,
            record.status.value,
            record.office,
            _person(record),
            category,
            record.received_on.isoformat(),
            due.isoformat() if due else None,
            is_open,
            record.created_at.isoformat(),
            record.updated_at.isoformat(),
            body,
        )
        rowid = self.db.scalar("SELECT rowid FROM records WHERE id = ?", (str(record.id),))
        if rowid is None:
            self.db.execute(
                "INSERT INTO records(id, kind, reference, revision, title, status, office, person, category, "
                "received_on, due_on, is_open, created_at, updated_at, body) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                values,
            )
            rowid = self.db.scalar("SELECT rowid FROM records WHERE id = ?", (str(record.id),))
        else:
            self.db.execute(
                "UPDATE records SET kind=?, reference=?, revision=?, title=?, status=?, office=?, person=?, "
                "category=?, received_on=?, due_on=?, is_open=?, created_at=?, updated_at=?, body=? WHERE id=?",
                (*values[1:], values[0]),
            )
            self.db.execute("DELETE FROM records_fts WHERE rowid = ?", (rowid,))
        if self._has_follow_up_column():
            self.db.execute(
                "UPDATE records SET follow_up_on = ? WHERE rowid = ?",
                (follow_up.isoformat() if follow_up else None, rowid),
            )
        self.db.execute(
            "INSERT INTO records_fts(rowid, reference, title, names, body) VALUES (?,?,?,?,?)",
            (rowid, *_search_fields(record)),
        )
        self.db.execute(
            "INSERT INTO revisions(record_id, revision, saved_at, saved_by, origin, body) VALUES (?,?,?,?,?,?)",
            (str(record.id), record.revision, record.updated_at.isoformat(), saved_by, origin, body),
        )

    def save_many(
        self, records: Iterable[AnyRecord], *, office: str, saved_by: str = "", assessment_days: int = 30
    ) -> int:
        """Bulk insert (seeding, imports) in one transaction; returns how many were stored."""
        count = 0
        with self.db.transaction():
            for record in records:
                self.save(record, office=office, saved_by=saved_by, assessment_days=assessment_days)
                count += 1
        return count

    # -- data upgrades that need a feature's rules ----------------------------------------------------------
    def awaiting_upgrade(self, upgrade: str) -> dict[uuid.UUID, dict[str, Any]]:
        """The current body, as JSON data, of each record a migration marked for ``upgrade`` (for instance
        ``structured_reasoning``, schema 9); empty once the upgrade is done."""
        rows = self.db.all(
            "SELECT records.id, records.body FROM pending_record_upgrades AS pending "
            "JOIN records ON records.id = pending.record_id WHERE pending.upgrade = ?",
            (upgrade,),
        )
        return {uuid.UUID(r[0]): json.loads(r[1]) for r in rows}

    def finish_upgrade(self, upgrade: str, bodies: Mapping[uuid.UUID, dict[str, Any]]) -> None:
        """In one transaction: store each body of ``bodies`` as its record's current body, in ``records`` and in
        the current revision (which keeps its number, date and author: the content the officer saved, in a new
        form; older revisions stay as saved), then clear every mark of ``upgrade``. A body that is not a valid
        record, or whose revision is not the current one, rolls everything back (Conflict)."""
        with self.db.transaction():
            for record_id, body in bodies.items():
                record = record_adapter.validate_python(body, context=STORED)
                rowid, revision = self.db.one(
                    "SELECT rowid, revision FROM records WHERE id = ?", (str(record_id),)
                ) or (None, None)
                if record.id != record_id or rowid is None or record.revision != revision:
                    raise Conflict(reference=record.reference or "", revision=revision or 0)
                text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
                self.db.execute("UPDATE records SET body = ? WHERE id = ?", (text, str(record_id)))
                self.db.execute(
                    "UPDATE revisions SET body = ? WHERE record_id = ? AND revision = ?",
                    (text, str(record_id), revision),
                )
                self.db.execute("DELETE FROM records_fts WHERE rowid = ?", (rowid,))
                self.db.execute(
                    "INSERT INTO records_fts(rowid, reference, title, names, body) VALUES (?,?,?,?,?)",
                    (rowid, *_search_fields(record)),
                )
            self.db.execute("DELETE FROM pending_record_upgrades WHERE upgrade = ?", (upgrade,))


def _not_found_message() -> str:
    from ecodesk.i18n import N_

    return N_("No record with reference {reference} in this vault.")


def _summary(row: tuple[object, ...]) -> RecordSummary:
    return RecordSummary.model_validate(row_values(_SUMMARY_COLUMNS, row))


__all__ = ["AnyRecord", "Record", "RecordStore", "category_column", "category_match", "fts_query"]
