"""Statistics to and from HQ through the packages feature: a region sends its anonymized statistics as a
signed, encrypted ``stats`` package; HQ's vault keeps every verified statistics document it receives, and
``received_statistics`` reads them back, checked again against the ``StatsDocument`` rules (so a document
with a name, free text or a small count in it is left out, never shown).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ecodesk.packages.export import ExportResult, export_package
from ecodesk.reports.anonymized import StatsDocument
from ecodesk.storage.vault import Vault


def document_name(document: StatsDocument) -> str:
    """The file name inside the package, e.g. ``stats-dkr-2026-q3.json``."""
    return f"stats-{document.office}-{document.period}.json".lower()


def send_statistics(
    vault: Vault, document: StatsDocument, *, to: str, out: Path, allow_unverified: bool = False
) -> ExportResult:
    """Write a ``stats`` package with ``document`` for the contact ``to``.

    Raises NotFound for an unknown contact, InvalidInput for an unverified one (unless ``allow_unverified``);
    nothing is written then.
    """
    body = document.model_dump_json(indent=2).encode("utf-8")
    return export_package(
        vault,
        to=[to],
        out=Path(out),
        kind="stats",
        documents={document_name(document): body},
        allow_unverified=allow_unverified,
    )


def received_statistics(vault: Vault) -> tuple[list[StatsDocument], int]:
    """The statistics documents received from other offices, and how many were left out as not valid."""
    documents: list[StatsDocument] = []
    skipped = 0
    for received in vault.exchange.stats():
        try:
            document = StatsDocument.model_validate_json(received.body)
        except ValidationError:
            skipped += 1
            continue
        if document.office != received.sender_office:
            skipped += 1  # an office may only report for itself
            continue
        documents.append(document)
    return documents, skipped


__all__ = ["document_name", "received_statistics", "send_statistics"]
