"""The vault's identity: what its owner receives, signs packages and signs memos with.

- an age X25519 identity (packages are encrypted to its recipient),
- an Ed25519 key (signs package manifests),
- an ECDSA P-256 key with a self-issued X.509 certificate (signs memo PDFs; PDF verifiers such as poppler's
  pdfsig do not accept Ed25519 signatures).

The private parts are stored only inside the encrypted vault. ``PublicIdentity`` is what others keep as a
contact; its fingerprint is compared out of band before the contact is trusted.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json

import pyrage
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pydantic import BaseModel, Field

from ecodesk.models.common import Base64Data


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class PublicIdentity(BaseModel):
    """The public half of an identity: safe to send to anyone."""

    name: str
    office: str
    age_recipient: str
    signing_public_key: Base64Data  # raw Ed25519 public key
    memo_certificate_pem: str
    created_at: dt.datetime = Field(default_factory=_utc_now)

    def fingerprint_bytes(self) -> bytes:
        bound = {
            "age_recipient": self.age_recipient,
            "signing_public_key": base64.b64encode(self.signing_public_key).decode(),
            "memo_certificate_sha256": hashlib.sha256(self.memo_certificate_pem.encode()).hexdigest(),
        }
        return hashlib.sha256(json.dumps(bound, sort_keys=True).encode()).digest()

    @property
    def fingerprint(self) -> str:
        """60 digits in 12 groups of 5, for reading aloud over the phone (like Signal's safety numbers)."""
        digest = self.fingerprint_bytes()
        groups = []
        for i in range(6):
            chunk = int.from_bytes(digest[i * 5 : i * 5 + 5], "big") % 10**10
            text = f"{chunk:010d}"
            groups += [text[:5], text[5:]]
        return " ".join(groups)

    def verify_signature(self, signature: bytes, message: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature

        try:
            ed25519.Ed25519PublicKey.from_public_bytes(self.signing_public_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True


def normalize_fingerprint(text: str) -> str:
    digits = "".join(ch for ch in text if ch.isdigit())
    return " ".join(digits[i : i + 5] for i in range(0, len(digits), 5))


class VaultIdentity(BaseModel):
    """The private identity, kept only inside the vault."""

    public: PublicIdentity
    age_identity: str  # AGE-SECRET-KEY-1...
    signing_private_key: Base64Data  # raw Ed25519 private key
    memo_private_key_pem: str

    @classmethod
    def generate(cls, name: str, office: str) -> VaultIdentity:
        age_identity = pyrage.x25519.Identity.generate()
        signing = ed25519.Ed25519PrivateKey.generate()
        memo_key = ec.generate_private_key(ec.SECP256R1())
        certificate = _self_issued_certificate(memo_key, name or "EcoDesk officer", office)
        public = PublicIdentity(
            name=name,
            office=office,
            age_recipient=str(age_identity.to_public()),
            signing_public_key=signing.public_key().public_bytes(
                serialization.Encoding.Raw, serialization.PublicFormat.Raw
            ),
            memo_certificate_pem=certificate.public_bytes(serialization.Encoding.PEM).decode(),
        )
        return cls(
            public=public,
            age_identity=str(age_identity),
            signing_private_key=signing.private_bytes(
                serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
            ),
            memo_private_key_pem=memo_key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            ).decode(),
        )

    def sign(self, message: bytes) -> bytes:
        return ed25519.Ed25519PrivateKey.from_private_bytes(self.signing_private_key).sign(message)

    def age(self) -> pyrage.x25519.Identity:
        return pyrage.x25519.Identity.from_str(self.age_identity)

    def memo_private_key(self) -> ec.EllipticCurvePrivateKey:
        key = serialization.load_pem_private_key(self.memo_private_key_pem.encode(), password=None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        return key

    def memo_certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.public.memo_certificate_pem.encode())


def _self_issued_certificate(key: ec.EllipticCurvePrivateKey, name: str, office: str) -> x509.Certificate:
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name[:64]),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, (office or "HQ")[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "EcoDesk"),
        ]
    )
    now = _utc_now()
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * 10))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # non-repudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
