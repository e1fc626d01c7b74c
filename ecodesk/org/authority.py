"""HQ's certificate authority, with ``cryptography``'s X.509 builders: the root, officer certificates, the CRL.

Pure functions on keys and certificates; where the root key is kept is the vault's business (``org.service``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

ROOT_YEARS = 10
DEFAULT_VALID_DAYS = 3 * 365
MAX_VALID_DAYS = 10 * 365
CRL_VALID_DAYS = 365
# id-kp-documentSigning (RFC 9336) and Adobe's "authentic documents" purpose, beside e-mail protection: NSS
# (pdfsig) checks a PDF signer for the e-mail signer usage, Adobe Reader and pyHanko accept any of them.
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
ADOBE_AUTHENTIC_DOCUMENTS = ObjectIdentifier("1.2.840.113583.1.1.5")


class RevocationReason(StrEnum):
    key_compromise = "keyCompromise"
    affiliation_changed = "affiliationChanged"
    superseded = "superseded"
    cessation_of_operation = "cessationOfOperation"


_REASON_FLAGS = {
    RevocationReason.key_compromise: x509.ReasonFlags.key_compromise,
    RevocationReason.affiliation_changed: x509.ReasonFlags.affiliation_changed,
    RevocationReason.superseded: x509.ReasonFlags.superseded,
    RevocationReason.cessation_of_operation: x509.ReasonFlags.cessation_of_operation,
}


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _key_usage(*, signer: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=signer,  # non-repudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not signer,
        crl_sign=not signer,
        encipher_only=False,
        decipher_only=False,
    )


def create_root(
    organization: str, *, now: dt.datetime | None = None
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A new ECDSA P-256 root CA key and its self-signed certificate (10 years), named after ``organization``."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = now or utc_now()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{organization} Root CA"[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization[:64]),
        ]
    )
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * ROOT_YEARS + 2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(signer=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def officer_request(
    key: ec.EllipticCurvePrivateKey, *, name: str, organization: str, office: str, duty_station: str
) -> x509.CertificateSigningRequest:
    """The certificate request of an officer's memo key: CN officer, O organization, OU office, L duty station."""
    parts = [
        x509.NameAttribute(NameOID.COMMON_NAME, (name or "EcoDesk officer")[:64]),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, (organization or "Ethics Office")[:64]),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, (office or "HQ")[:64]),
    ]
    if duty_station:
        parts.append(x509.NameAttribute(NameOID.LOCALITY_NAME, duty_station[:128]))
    return x509.CertificateSigningRequestBuilder().subject_name(x509.Name(parts)).sign(key, hashes.SHA256())


def issue_certificate(
    root_key: ec.EllipticCurvePrivateKey,
    root: x509.Certificate,
    request: x509.CertificateSigningRequest,
    *,
    valid_days: int = DEFAULT_VALID_DAYS,
    now: dt.datetime | None = None,
) -> x509.Certificate:
    """An officer certificate for the key and name of ``request`` (whose signature the caller has checked).

    The organization (O) is the root's, whatever the request says: HQ decides what it certifies."""
    now = now or utc_now()
    public = request.public_key()
    organization = root.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    subject = x509.Name(
        [a for a in request.subject if a.oid != NameOID.ORGANIZATION_NAME][:1]
        + list(organization)
        + [a for a in request.subject if a.oid not in (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME)]
    )
    end = min(now + dt.timedelta(days=valid_days), root.not_valid_after_utc)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(root.subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signer=True), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION, DOCUMENT_SIGNING, ADOBE_AUTHENTIC_DOCUMENTS]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )


def build_crl(
    root_key: ec.EllipticCurvePrivateKey,
    root: x509.Certificate,
    revoked: list[tuple[int, dt.datetime, RevocationReason]],
    *,
    number: int,
    now: dt.datetime | None = None,
) -> x509.CertificateRevocationList:
    """The root's CRL listing ``revoked`` (serial, revocation date, reason), with CRL number ``number``."""
    now = now or utc_now()
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root.subject)
        .last_update(now)
        .next_update(now + dt.timedelta(days=CRL_VALID_DAYS))
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
    )
    for serial, when, reason in revoked:
        entry = (
            x509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(when)
            .add_extension(x509.CRLReason(_REASON_FLAGS[reason]), critical=False)
            .build()
        )
        builder = builder.add_revoked_certificate(entry)
    return builder.sign(root_key, hashes.SHA256())


def pem(item: x509.Certificate | x509.CertificateSigningRequest | x509.CertificateRevocationList) -> str:
    return item.public_bytes(serialization.Encoding.PEM).decode("ascii")


def der(item: x509.Certificate | x509.CertificateRevocationList) -> bytes:
    return item.public_bytes(serialization.Encoding.DER)
