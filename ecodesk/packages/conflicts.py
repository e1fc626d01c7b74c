"""Conflicts left by imports: a record changed on both sides since the last exchange. Both versions are kept as
revisions (this vault's version stays current) until someone decides which one to keep."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ecodesk.errors import NotFound
from ecodesk.models.exchange import ImportConflict
from ecodesk.packages import texts

if TYPE_CHECKING:
    from ecodesk.models.records import AnyRecord
    from ecodesk.storage.vault import Vault


def list_conflicts(vault: Vault, *, include_resolved: bool = False) -> list[ImportConflict]:
    return vault.exchange.conflicts(include_resolved=include_resolved)


def resolve_conflict(vault: Vault, reference: str, keep: Literal["local", "incoming"]) -> AnyRecord:
    """Close the open conflicts of a record, keeping this vault's version or the received one (saved as a new
    revision, so the choice is itself in the history). NotFound when the record has no open conflict."""
    exchange = vault.exchange
    with vault.db.transaction():
        record_id = vault.records.find_id(reference)
        open_ones = exchange.open_conflicts_for(record_id) if record_id else []
        if record_id is None or not open_ones:
            raise NotFound(texts.CONFLICT_NOT_FOUND, reference=reference[:40])
        current = vault.records.get(record_id)
        result = current
        if keep == "incoming":
            incoming = vault.records.revision(record_id, open_ones[-1].incoming_revision)
            settings = vault.settings
            result = vault.records.save(
                incoming,
                office=current.office or settings.office_code,
                saved_by=settings.officer_name,
                origin="conflict-resolution",
                expected_revision=current.revision,
            )
        for conflict in open_ones:
            exchange.resolve_conflict(conflict.id, keep)
        vault.audit.append(
            "conflict_resolved", record_id=record_id, reference=current.reference or "", keep=keep,
            revision=result.revision,
        )
    return result
