"""How records travel in a package: their JSON bytes and the hash of their content."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecodesk.packages.format import content_sha256

if TYPE_CHECKING:
    from ecodesk.storage.records import AnyRecord


def record_bytes(record: AnyRecord) -> bytes:
    """The record as stored in ``records/<id>.json`` (UTF-8 JSON, readable with any JSON tool)."""
    return record.model_dump_json(indent=1).encode("utf-8")


def record_content_sha256(record: AnyRecord) -> str:
    """The hash of what the record says (not its revision number or timestamps, which differ per vault)."""
    return content_sha256(record.model_dump(mode="json"))
