"""The inbox side of an import: every package, accepted or refused (with its reason), is an inbox entry and an
audit event."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from ecodesk.errors import PackageRejected
from ecodesk.models.exchange import ReceivedPackage

if TYPE_CHECKING:
    from ecodesk.packages.importing import ImportResult
    from ecodesk.packages.reader import VerifiedManifest
    from ecodesk.storage.vault import Vault


def record_imported(vault: Vault, verified: VerifiedManifest, result: ImportResult, source: Path) -> None:
    """Add an accepted package to the inbox (with its signed manifest) and the audit log."""
    manifest = verified.manifest
    counts = {
        "created": len(result.created),
        "updated": len(result.updated),
        "unchanged": len(result.unchanged),
        "conflicts": len(result.conflicts),
        "stale": len(result.stale),
        "attachments": result.attachments,
        "acknowledged": result.acknowledged,
        "stats": result.stats,
        "cards": result.cards,
    }
    vault.exchange.add_received(
        ReceivedPackage(
            package_id=manifest.package_id,
            status="imported",
            kind=manifest.kind.value,
            sender=result.sender,
            sender_office=manifest.sender.office,
            sender_fingerprint=manifest.sender.fingerprint,
            unverified=verified.unverified,
            created_at=manifest.created_at,
            file_name=source.name,
            summary={**counts, "references": result.created + result.updated + result.conflicts},
        ),
        manifest=verified.manifest_bytes,
    )
    vault.audit.append(
        "package_imported",
        package=str(manifest.package_id),
        kind=manifest.kind.value,
        sender=result.sender,
        sender_office=manifest.sender.office,
        unverified=verified.unverified,
        counts=counts,
    )


def record_refusal(vault: Vault, exc: PackageRejected, verified: VerifiedManifest | None, source: Path) -> None:
    """Remember a refusal (after the rollback): in the inbox and in the audit log, with its reason."""
    manifest = verified.manifest if verified else None
    params = {k: str(v)[:200] for k, v in exc.params.items() if k != "detail"}
    # The refusal must reach the user even when it cannot be recorded (e.g. the disk is full).
    with contextlib.suppress(Exception), vault.db.transaction():
        vault.exchange.add_received(
            ReceivedPackage(
                package_id=manifest.package_id if manifest else None,
                status="refused",
                reason=exc.template,
                reason_params=params,
                kind=manifest.kind.value if manifest else "",
                sender=verified.sender_name if verified else "",
                sender_office=manifest.sender.office if manifest else "",
                sender_fingerprint=manifest.sender.fingerprint if manifest else "",
                unverified=verified.unverified if verified else False,
                created_at=manifest.created_at if manifest else None,
                file_name=source.name[:200],
            )
        )
        vault.audit.append(
            "package_refused",
            package=str(manifest.package_id) if manifest else "",
            reason=exc.translated("en"),
            detail=str(exc.params.get("detail", "")),
        )

