"""Saving records with the office's rules (the service both the CLI and the GUI call).

The storage layer keeps revisions; this layer passes it what the office's settings decide: the office code of new
records, the assessment limit (storage fills a missing deadline with ``models.cases.assessment_deadline``, the
one place that rule lives), and who saved.
"""

from __future__ import annotations

from typing import Any

from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_
from ecodesk.models import AdviceRecord, RecordKind, RetaliationCase, TrainingSession, YdiCampaign
from ecodesk.models.records import AnyRecord
from ecodesk.records.hq_fields import NOT_AT_HQ, hq_decision_changed, is_hq
from ecodesk.records.intake import validate
from ecodesk.storage.vault import Vault

MODELS: dict[RecordKind, type[RetaliationCase] | type[AdviceRecord] | type[YdiCampaign] | type[TrainingSession]] = {
    RecordKind.retaliation: RetaliationCase,
    RecordKind.advice: AdviceRecord,
    RecordKind.ydi: YdiCampaign,
    RecordKind.training: TrainingSession,
}


def save_record(vault: Vault, record: AnyRecord, *, expected_revision: int | None = None) -> AnyRecord:
    """Store a new revision with the office's defaults; Conflict if ``expected_revision`` is stale.

    InvalidInput when a vault other than HQ's would change HQ's decisions on a case (they come from HQ only).
    """
    settings = vault.settings
    if isinstance(record, RetaliationCase) and not is_hq(vault):
        stored = vault.records.get(record.id) if vault.records.find_id(record.id) is not None else None
        if hq_decision_changed(vault, stored if isinstance(stored, RetaliationCase) else None, record):
            raise InvalidInput(NOT_AT_HQ, office=settings.office_code)
    return vault.records.save(
        record,
        office=settings.office_code,
        saved_by=settings.officer_name,
        expected_revision=expected_revision,
        assessment_days=settings.assessment_days,
    )


def upsert_from_data(vault: Vault, kind: RecordKind, data: dict[str, Any]) -> AnyRecord:
    """Create a record, or update the one matched by ``id`` or ``reference``.

    For an update the given fields replace the stored ones and the others are kept, so both a full
    ``case show --json`` document and a partial one (``{"reference": ..., "status": "closed"}``) work. A given
    ``revision`` must be the stored one (the record was not changed elsewhere since it was read).
    """
    declared = data.get("kind", kind.value)
    if declared != kind.value:
        raise InvalidInput(N_("Field {field}: must be one of {choices}."), field="kind", choices=f"'{kind.value}'")
    existing = None
    for key in ("id", "reference"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            record_id = vault.records.find_id(value)
            if record_id is not None:
                existing = vault.records.get(record_id)
                break
    expected_revision = data.get("revision") if existing is not None else None
    if existing is not None:
        if existing.kind != kind.value:
            raise InvalidInput(N_("{reference} is not a record of this kind."), reference=existing.reference)
        merged = existing.model_dump(mode="json")
        merged.update(data)
        merged["id"] = str(existing.id)
        data = merged
    else:
        data = {**data, "revision": 0}
    data.setdefault("kind", kind.value)
    record = validate(MODELS[kind], data)
    return save_record(
        vault, record, expected_revision=expected_revision if isinstance(expected_revision, int) else None
    )
