"""How a certification is told to the user (command line and GUI share these words)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from pydantic import BaseModel

from ecodesk.i18n import _, format_date
from ecodesk.org import texts
from ecodesk.org.trust import CertificateStatus


class OrgReceipt(BaseModel):
    """What an import did with the org documents."""

    offered_root_sha256: str = ""
    offered_organization: str = ""
    crl_updated: bool = False
    certificate_installed: bool = False
    organization: str = ""  # of the trusted root


class Certified(Protocol):
    @property
    def certification(self) -> CertificateStatus: ...
    @property
    def organization(self) -> str: ...
    @property
    def revoked_at(self) -> dt.datetime | None: ...


def status_text(status: CertificateStatus, organization: str, revoked_at: dt.datetime | None = None) -> str:
    """"certified by <organization>", "not certified...", "REVOKED ... on <date>", expired, not yet valid."""
    if status == CertificateStatus.certified:
        return _(texts.CERTIFIED_BY, organization=organization)
    if status == CertificateStatus.revoked:
        when = format_date(revoked_at.date()) if revoked_at else "?"
        return _(texts.REVOKED_ON, organization=organization, date=when)
    if status == CertificateStatus.expired:
        return _(texts.EXPIRED_WHEN_SIGNED)
    if status == CertificateStatus.not_yet_valid:
        return _(texts.NOT_YET_VALID)
    return _(texts.NOT_CERTIFIED)


def certification_text(report: Certified) -> str:
    return status_text(report.certification, report.organization, report.revoked_at)


def receipt_lines(receipt: OrgReceipt) -> list[str]:
    """What an import did with the package's organization documents, for the user."""
    lines = []
    if receipt.offered_root_sha256:
        lines.append(
            _(texts.ROOT_OFFERED, organization=receipt.offered_organization, fingerprint=receipt.offered_root_sha256)
        )
    if receipt.certificate_installed:
        lines.append(_(texts.CERTIFICATE_INSTALLED, organization=receipt.organization))
    if receipt.crl_updated:
        lines.append(_(texts.CRL_UPDATED))
    return lines
