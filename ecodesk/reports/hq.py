"""Statistics to and from HQ through the packages feature: a region sends its anonymized statistics as a
signed, encrypted ``stats`` package; HQ's vault keeps every verified statistics document it receives, and
``received_statistics`` reads them back, checked again against the ``StatsDocument`` rules (so a document
with a name, free text or a small count in it is left out, never shown).
"""

from __future__ import annotations

from pathlib import Path

from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_
from ecodesk.jsontext import MalformedJson, parse_model
from ecodesk.packages.export import ExportResult, export_package
from ecodesk.reports.anonymized import StatsDocument
from ecodesk.storage.sent_statistics import SentStatisticsLedger
from ecodesk.storage.vault import Vault


def document_name(document: StatsDocument) -> str:
    """The file name inside the package, e.g. ``stats-dkr-2026-q3.json``."""
    return f"stats-{document.office}-{document.period}.json".lower()


def statistics_to_send(vault: Vault, document: StatsDocument) -> StatsDocument:
    """The document to send for ``document``'s period, given every period this vault has sent before.

    Suppression holds within one document; across documents it holds only if their periods never overlap
    (a year minus its first three quarters is the fourth quarter, withheld cells included). So: a period that
    overlaps one already sent without being the same is refused (InvalidInput); the same period again gets the
    very document sent the first time, so comparing the two reveals nothing either.
    """
    for sent in SentStatisticsLedger(vault.db).all():
        if sent.period == document.period:
            return StatsDocument.model_validate_json(sent.body)
        if not (document.last_month < sent.first_month or sent.last_month < document.first_month):
            raise InvalidInput(
                N_(
                    "Statistics for {period} were already sent. Periods sent to HQ must not overlap (comparing "
                    "them could reveal a withheld count): send {period} again, or a period that does not "
                    "overlap it."
                ),
                period=sent.period,
            )
    return document


def send_statistics(
    vault: Vault, document: StatsDocument, *, to: str, out: Path, allow_unverified: bool = False
) -> ExportResult:
    """Write a ``stats`` package with ``document`` for the contact ``to``.

    Raises NotFound for an unknown contact, InvalidInput for an unverified one (unless ``allow_unverified``);
    nothing is written then. Raises InvalidInput for a period that overlaps one sent before (see
    ``statistics_to_send``); a period sent before is sent again with the counts of the first time.
    """
    document = statistics_to_send(vault, document)
    body = document.model_dump_json(indent=2).encode("utf-8")
    with vault.db.transaction():  # recorded as sent if and only if the package was written
        result = export_package(
            vault,
            to=[to],
            out=Path(out),
            kind="stats",
            documents={document_name(document): body},
            allow_unverified=allow_unverified,
        )
        SentStatisticsLedger(vault.db).add(document.period, document.first_month, document.last_month, body)
    return result


def received_statistics(vault: Vault) -> tuple[list[StatsDocument], int]:
    """The statistics documents received from other offices, and how many were left out as not valid."""
    documents: list[StatsDocument] = []
    skipped = 0
    for received in vault.exchange.stats():
        try:
            document = parse_model(StatsDocument, received.body)
        except MalformedJson:
            skipped += 1
            continue
        if document.office != received.sender_office:
            skipped += 1  # an office may only report for itself
            continue
        documents.append(document)
    return documents, skipped


__all__ = ["document_name", "received_statistics", "send_statistics", "statistics_to_send"]
