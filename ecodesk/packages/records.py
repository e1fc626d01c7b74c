"""How records travel in a package: their JSON bytes (the hash of their content is
``ecodesk.models.records.record_content_sha256``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecodesk.models.records import AnyRecord


def record_bytes(record: AnyRecord) -> bytes:
    """The record as stored in ``records/<id>.json`` (UTF-8 JSON, readable with any JSON tool)."""
    return record.model_dump_json(indent=1).encode("utf-8")
