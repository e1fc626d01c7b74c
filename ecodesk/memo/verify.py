"""Check a signed memo: signature intact, document unaltered since signing, who signed and when, and whether
the signer is this vault's officer or a known contact."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import logging
from collections.abc import Iterator
from enum import StrEnum

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID
from pydantic import BaseModel
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_
from ecodesk.org.trust import CertificateStatus, check_certificate


class SignerStatus(StrEnum):
    this_vault = "this_vault"  # signed with this vault's own memo certificate
    verified_contact = "verified_contact"  # a contact whose fingerprint was compared out of band
    unverified_contact = "unverified_contact"  # a contact not yet verified
    unknown = "unknown"


SIGNER_STATUS_LABELS: dict[SignerStatus, str] = {
    SignerStatus.this_vault: N_("you (this vault's certificate)"),
    SignerStatus.verified_contact: N_("a verified contact"),
    SignerStatus.unverified_contact: N_("a contact whose fingerprint has not been verified"),
    SignerStatus.unknown: N_("unknown: not you and not one of your contacts"),
}


class KnownSigner(BaseModel):
    """A certificate the verifier recognizes."""

    name: str
    certificate_pem: str
    status: SignerStatus


class MemoVerification(BaseModel):
    """What ``ecodesk memo verify`` reports. ``ok`` means: signed, signature intact, and nothing changed since."""

    ok: bool
    signed: bool
    intact: bool = False
    valid: bool = False
    unaltered: bool = False  # the signature covers the whole file: nothing was added after signing
    signer_name: str = ""
    signer_office: str = ""
    certificate_sha256: str = ""
    signing_time: dt.datetime | None = None
    signer_status: SignerStatus = SignerStatus.unknown
    contact_name: str = ""
    sha256: str = ""
    # Organization trust: whether the signer's certificate chains to the root this vault trusts, at signing time.
    certification: CertificateStatus = CertificateStatus.untrusted
    organization: str = ""
    revoked_at: dt.datetime | None = None
    revocation_reason: str = ""


def certificate_sha256(pem_or_der: str | bytes) -> str:
    if isinstance(pem_or_der, str):
        der = x509.load_pem_x509_certificate(pem_or_der.encode()).public_bytes(serialization.Encoding.DER)
    else:
        der = pem_or_der
    return hashlib.sha256(der).hexdigest()


def _name_part(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


@contextlib.contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    """pyHanko logs the (expected) untrusted-chain result with a traceback; the user gets our report instead."""
    logger = logging.getLogger("pyhanko")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def verify_memo(
    pdf: bytes,
    known: list[KnownSigner],
    root: x509.Certificate | None = None,
    crl: x509.CertificateRevocationList | None = None,
) -> MemoVerification:
    """Verify the last signature of ``pdf``; with ``root``, whether the signer was certified by it when signing
    (and whether ``crl`` revokes the certificate). Raises InvalidInput if the bytes are not a readable PDF."""
    digest = hashlib.sha256(pdf).hexdigest()
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise InvalidInput(N_("This file is not a PDF, or it is damaged.")) from exc
    if not signatures:
        return MemoVerification(ok=False, signed=False, sha256=digest)
    signature = signatures[-1]
    # Memo certificates are self-issued: trust is decided below by comparing the certificate with the ones this
    # vault knows, not by a certificate chain (pyHanko's chain check would only ever say "untrusted").
    context = ValidationContext(trust_roots=[], allow_fetching=False)
    try:
        with _quiet_pyhanko():
            status = validate_pdf_signature(signature, context)
        # pyHanko's ``valid`` covers the signed attributes only; a memo is valid when its content is intact too.
        intact, valid, coverage = status.intact, status.intact and status.valid, status.coverage
        cert_der = status.signing_cert.dump()
        signing_time = status.signer_reported_dt
    except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError):
        intact = valid = False
        coverage = None
        try:
            cert_der = signature.signer_cert.dump()
        except (ValueError, KeyError, TypeError, AttributeError):
            cert_der = b""
        signing_time = None
    result = MemoVerification(
        ok=False,
        signed=True,
        intact=intact,
        valid=valid,
        unaltered=coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signing_time=signing_time,
        sha256=digest,
    )
    if cert_der:
        cert = x509.load_der_x509_certificate(cert_der)
        result.signer_name = _name_part(cert, NameOID.COMMON_NAME)
        result.signer_office = _name_part(cert, NameOID.ORGANIZATIONAL_UNIT_NAME)
        result.certificate_sha256 = certificate_sha256(cert_der)
        result.signer_status, result.contact_name = _recognize(cert, known)
        _certification(result, cert, _embedded(signature), root, crl)
    result.ok = result.intact and result.valid and result.unaltered and not _signed_without_valid_certificate(result)
    return result


def _embedded(signature: object) -> list[x509.Certificate]:
    try:
        return [x509.load_der_x509_certificate(c.dump()) for c in signature.other_embedded_certs]  # type: ignore[attr-defined]
    except (ValueError, KeyError, TypeError, AttributeError):
        return []


def _certification(
    result: MemoVerification,
    cert: x509.Certificate,
    embedded: list[x509.Certificate],
    root: x509.Certificate | None,
    crl: x509.CertificateRevocationList | None,
) -> None:
    check = check_certificate(cert, root, crl, at=result.signing_time, intermediates=embedded)
    result.certification, result.organization = check.status, check.organization
    result.revoked_at, result.revocation_reason = check.revoked_at, check.reason


def _signed_without_valid_certificate(result: MemoVerification) -> bool:
    """The organization's certificate had expired (or was not valid yet, or was revoked) when the memo was signed.
    A memo signed before a revocation stays good: the officer was certified then."""
    if result.certification in (CertificateStatus.expired, CertificateStatus.not_yet_valid):
        return True
    if result.certification == CertificateStatus.revoked and result.revoked_at is not None:
        return result.signing_time is None or result.signing_time >= result.revoked_at
    return False


_PRECEDENCE = [SignerStatus.this_vault, SignerStatus.verified_contact, SignerStatus.unverified_contact]


def _key_sha256(cert: x509.Certificate) -> str:
    public = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(public).hexdigest()


def _recognize(cert: x509.Certificate, known: list[KnownSigner]) -> tuple[SignerStatus, str]:
    """Who signed, by the memo key: the self-issued certificate and the one HQ issued share it."""
    try:
        key = _key_sha256(cert)
    except (ValueError, UnsupportedAlgorithm):  # a key type no memo of ours uses: nobody we know
        return SignerStatus.unknown, ""
    matches = []
    for signer in known:
        try:
            if _key_sha256(x509.load_pem_x509_certificate(signer.certificate_pem.encode())) == key:
                matches.append(signer)
        except (ValueError, UnsupportedAlgorithm):
            continue
    for wanted in _PRECEDENCE:
        for signer in matches:
            if signer.status == wanted:
                return signer.status, signer.name
    return SignerStatus.unknown, ""
