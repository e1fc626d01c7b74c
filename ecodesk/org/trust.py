"""Trust decisions with the organization's root: is this certificate an officer certificate of our root,
valid at a given moment, and not revoked by the root's newest CRL?

Chain building and checking are pyHanko's (``pyhanko_certvalidator``): only the one root this vault was told to
trust is a trust anchor, so a certificate from another root with the same names is never "certified".
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
from enum import StrEnum

from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pydantic import BaseModel
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
    ValidationError,
)

from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_
from ecodesk.org.authority import der

MAX_CRL_BYTES = 1024 * 1024
MAX_CERTIFICATE_BYTES = 64 * 1024


class CertificateStatus(StrEnum):
    certified = "certified"
    revoked = "revoked"
    expired = "expired"
    not_yet_valid = "not_yet_valid"
    untrusted = "untrusted"  # does not chain to the trusted root (or no root is trusted)


class CertificateCheck(BaseModel):
    status: CertificateStatus
    organization: str = ""
    revoked_at: dt.datetime | None = None
    reason: str = ""

    @property
    def certified(self) -> bool:
        return self.status == CertificateStatus.certified


def fingerprint(certificate: x509.Certificate) -> str:
    """SHA-256 of the DER certificate, as colon-separated hex pairs (what certutil and browsers show)."""
    digest = hashlib.sha256(der(certificate)).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def normalize_hex_fingerprint(text: str) -> str:
    digits = "".join(ch for ch in text.upper() if ch in "0123456789ABCDEF")
    return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def load_certificate(data: bytes | str) -> x509.Certificate:
    """A certificate from PEM or DER bytes; InvalidInput if it is not one."""
    raw = data.encode("ascii", errors="replace") if isinstance(data, str) else data
    if len(raw) > MAX_CERTIFICATE_BYTES:
        raise InvalidInput(N_("This file is not an X.509 certificate."))
    try:
        if raw.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(raw)
        return x509.load_der_x509_certificate(raw)
    except ValueError as exc:
        raise InvalidInput(N_("This file is not an X.509 certificate.")) from exc


def load_crl(data: bytes) -> x509.CertificateRevocationList:
    """A CRL from DER or PEM bytes; InvalidInput for anything else (checked fully: every entry is read)."""
    if len(data) > MAX_CRL_BYTES:
        raise InvalidInput(N_("This file is not a certificate revocation list."))
    try:
        crl = (
            x509.load_pem_x509_crl(data) if data.lstrip().startswith(b"-----BEGIN") else x509.load_der_x509_crl(data)
        )
        for entry in crl:  # parsing is lazy: a damaged entry must fail here, not later
            _ = entry.serial_number, entry.revocation_date_utc, list(entry.extensions)
        _ = crl.last_update_utc, crl.next_update_utc, crl.issuer, list(crl.extensions)
    except ValueError as exc:
        raise InvalidInput(N_("This file is not a certificate revocation list.")) from exc
    return crl


def crl_number(crl: x509.CertificateRevocationList) -> int:
    try:
        return int(crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number)
    except x509.ExtensionNotFound:
        return 0


def crl_is_from(crl: x509.CertificateRevocationList, root: x509.Certificate) -> bool:
    """True if ``root`` issued and signed ``crl``."""
    public = root.public_key()
    if crl.issuer != root.subject or not isinstance(public, ec.EllipticCurvePublicKey):
        return False
    return crl.is_signature_valid(public)


def organization_of(certificate: x509.Certificate) -> str:
    values = certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(values[0].value) if values else ""


def revocation(
    crl: x509.CertificateRevocationList | None, certificate: x509.Certificate
) -> tuple[dt.datetime, str] | None:
    """(date, reason) if ``crl`` revokes ``certificate``."""
    if crl is None:
        return None
    entry = crl.get_revoked_certificate_by_serial_number(certificate.serial_number)
    if entry is None:
        return None
    try:
        reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason.value
    except x509.ExtensionNotFound:
        reason = ""
    return entry.revocation_date_utc, str(reason)


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(der(certificate))


def check_certificate(
    certificate: x509.Certificate,
    root: x509.Certificate | None,
    crl: x509.CertificateRevocationList | None = None,
    *,
    at: dt.datetime | None = None,
    intermediates: list[x509.Certificate] | None = None,
) -> CertificateCheck:
    """Whether ``certificate`` is an officer certificate of ``root``, valid at ``at`` (default: now).

    The CRL (if given, and only if ``root`` signed it) is handed to pyHanko's validation; a certificate on it
    is reported revoked with its date whatever the moment, so that a reader learns about it.
    """
    if root is None:
        return CertificateCheck(status=CertificateStatus.untrusted)
    if crl is not None and not crl_is_from(crl, root):
        crl = None
    moment = at or dt.datetime.now(dt.UTC)
    context = ValidationContext(
        trust_roots=[_asn1(root)],
        crls=[asn1_crl.CertificateList.load(der(crl))] if crl is not None else [],
        moment=moment,
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    validator = CertificateValidator(
        _asn1(certificate),
        intermediate_certs=[_asn1(c) for c in intermediates or [] if c != certificate],
        validation_context=context,
    )
    organization = organization_of(root)
    revoked = revocation(crl, certificate)
    status = CertificateStatus.certified
    logger = logging.getLogger("pyhanko_certvalidator")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        path = asyncio.run(validator.async_validate_usage({"digital_signature"}))  # type: ignore[no-untyped-call]
        if path.first.dump() != _asn1(root).dump():
            status = CertificateStatus.untrusted
    except RevokedError:
        status = CertificateStatus.revoked
    except ExpiredError:
        status = CertificateStatus.expired
    except NotYetValidError:
        status = CertificateStatus.not_yet_valid
    except (PathBuildingError, PathValidationError, ValidationError, ValueError, TypeError):
        status = CertificateStatus.untrusted
    except Exception:  # a hostile certificate pyHanko cannot even read is, simply, not certified
        status = CertificateStatus.untrusted
    finally:
        logger.setLevel(level)
    if revoked is not None and status != CertificateStatus.untrusted:
        return CertificateCheck(
            status=CertificateStatus.revoked, organization=organization, revoked_at=revoked[0], reason=revoked[1]
        )
    return CertificateCheck(status=status, organization=organization)
