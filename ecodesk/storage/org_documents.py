"""The organization-trust state of a vault, kept encrypted inside it (rows of the ``settings`` table under
``org.`` keys, so no schema change was needed):

- at HQ only: the root's private key, the certificates issued to officers, the revocations and the CRL number;
- in every vault: the trusted root, the newest CRL, this vault's officer certificates, the certificate requests
  and officer certificates of contacts, and a root offered by a package that was not trusted yet.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from pydantic import BaseModel, Field

from ecodesk.storage.audit import AuditLog
from ecodesk.storage.database import Database


class IssuedCertificate(BaseModel):
    contact_fingerprint: str
    contact_name: str
    serial: str  # decimal text: serials are 159-bit numbers
    certificate_pem: str
    issued_at: dt.datetime
    revoked_at: dt.datetime | None = None
    reason: str = ""


class Authority(BaseModel):
    """HQ's certificate authority. The root key never leaves the vault (no export exists for it)."""

    root_key_pem: str
    root_certificate_pem: str
    created_at: dt.datetime
    issued: list[IssuedCertificate] = Field(default_factory=list)
    crl_number: int = 0


class TrustState(BaseModel):
    """What every vault knows: the root it trusts and what it learned through packages and cards."""

    root_pem: str = ""
    root_trusted_at: dt.datetime | None = None
    offered_root_pem: str = ""
    crl_der_b64: str = ""
    own_certificates: list[str] = Field(default_factory=list)  # PEM, oldest first
    pending_own_certificates: list[str] = Field(default_factory=list)  # arrived before the root was trusted
    requests: dict[str, str] = Field(default_factory=dict)  # contact fingerprint -> CSR PEM
    peer_certificates: dict[str, list[str]] = Field(default_factory=dict)  # contact fingerprint -> PEMs
    certified_contacts: list[str] = Field(default_factory=list)  # fingerprints verified through HQ
    require_escrow: bool = False


_Model = TypeVar("_Model", bound=BaseModel)


class OrgDocuments:
    AUTHORITY = "org.authority"
    TRUST = "org.trust"

    def __init__(self, db: Database, audit: AuditLog) -> None:
        self.db = db
        self.audit = audit

    def _get(self, key: str, model: type[_Model]) -> _Model | None:
        value = self.db.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return model.model_validate_json(value) if value else None

    def _put(self, key: str, value: BaseModel) -> None:
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value.model_dump_json()),
            )

    def authority(self) -> Authority | None:
        return self._get(self.AUTHORITY, Authority)

    def save_authority(self, authority: Authority) -> None:
        self._put(self.AUTHORITY, authority)

    def trust(self) -> TrustState:
        return self._get(self.TRUST, TrustState) or TrustState()

    def save_trust(self, state: TrustState) -> None:
        self._put(self.TRUST, state)
