"""HQ's side of organization trust: the root kept in the HQ vault, officer certificates, revocations and the CRL.

Every function here needs the root: in a vault without it, ``InvalidInput`` (exit 2) says that only HQ's vault
can do this.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from ecodesk.errors import InvalidInput, NotFound
from ecodesk.org import texts
from ecodesk.org.authority import (
    DEFAULT_VALID_DAYS,
    MAX_VALID_DAYS,
    RevocationReason,
    build_crl,
    create_root,
    der,
    issue_certificate,
    pem,
    utc_now,
)
from ecodesk.org.service import documents, own_request, same_key
from ecodesk.org.trust import fingerprint, load_certificate
from ecodesk.storage.contacts import CONTACT_NOT_FOUND
from ecodesk.storage.org_documents import Authority, IssuedCertificate

if TYPE_CHECKING:
    from ecodesk.storage.vault import Vault


# -- HQ: the root ------------------------------------------------------------------------------------------
def has_root(vault: Vault) -> bool:
    return documents(vault).authority() is not None


def authority_of(vault: Vault) -> tuple[Authority, ec.EllipticCurvePrivateKey, x509.Certificate]:
    authority = documents(vault).authority()
    if authority is None:
        raise InvalidInput(texts.NEEDS_ROOT)
    key = serialization.load_pem_private_key(authority.root_key_pem.encode(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return authority, key, x509.load_pem_x509_certificate(authority.root_certificate_pem.encode())


def init_root(vault: Vault, organization: str = "") -> x509.Certificate:
    """Create the organization root in this HQ vault (and certify HQ's own memo key with it)."""
    settings = vault.settings
    if settings.office_code != "HQ":
        raise InvalidInput(texts.NOT_HQ)
    store = documents(vault)
    if store.authority() is not None:
        raise InvalidInput(texts.ROOT_EXISTS)
    organization = " ".join(organization.split()) or settings.organization_name
    if not organization:
        raise InvalidInput(texts.NO_ORGANIZATION)
    key, root = create_root(organization)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")
    identity = vault.identity()
    own = issue_certificate(key, root, own_request(vault))
    now = utc_now()
    with vault.db.transaction():
        if organization != settings.organization_name:
            vault.save_settings(settings.model_copy(update={"organization_name": organization}))
        store.save_authority(Authority(root_key_pem=key_pem, root_certificate_pem=pem(root), created_at=now))
        state = store.trust()
        state.root_pem, state.root_trusted_at = pem(root), now
        state.own_certificates.append(pem(own))
        store.save_trust(state)
        vault.audit.append("org_root_created", root_sha256=fingerprint(root), fingerprint=identity.public.fingerprint)
    return root


def export_root(vault: Vault) -> x509.Certificate:
    """The root certificate (HQ only). The private key has no export: it stays in the vault."""
    root = authority_of(vault)[2]
    vault.audit.append("org_root_exported", root_sha256=fingerprint(root))
    return root


def certify(vault: Vault, contact_name: str, *, valid_days: int = DEFAULT_VALID_DAYS) -> IssuedCertificate:
    """Issue an officer certificate for the request of a verified contact (HQ only)."""
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise InvalidInput(texts.VALID_DAYS_RANGE, days=MAX_VALID_DAYS)
    authority, key, root = authority_of(vault)
    contact = vault.contacts.get(contact_name)
    if not contact.verified:
        raise InvalidInput(texts.CONTACT_NOT_VERIFIED, name=contact.name)
    store = documents(vault)
    state = store.trust()
    request_pem = state.requests.get(contact.fingerprint)
    if not request_pem:
        raise InvalidInput(texts.NO_REQUEST, name=contact.name)
    request = x509.load_pem_x509_csr(request_pem.encode())
    memo_certificate = load_certificate(contact.public.memo_certificate_pem)
    if not request.is_signature_valid or not same_key(memo_certificate, request):
        raise InvalidInput(texts.REQUEST_INVALID, name=contact.name)
    certificate = issue_certificate(key, root, request, valid_days=valid_days)
    issued = IssuedCertificate(
        contact_fingerprint=contact.fingerprint,
        contact_name=contact.name,
        serial=str(certificate.serial_number),
        certificate_pem=pem(certificate),
        issued_at=utc_now(),
    )
    with vault.db.transaction():
        authority.issued.append(issued)
        store.save_authority(authority)
        state.peer_certificates.setdefault(contact.fingerprint, []).append(issued.certificate_pem)
        store.save_trust(state)
        vault.audit.append(
            "org_certificate_issued", contact=contact.name, serial=issued.serial,
            valid_until=certificate.not_valid_after_utc.isoformat(),
        )
    return issued


def revoke(vault: Vault, contact_name: str, reason: RevocationReason | str) -> x509.CertificateRevocationList:
    """Revoke every certificate issued to a contact and issue the new CRL (HQ only)."""
    reason = RevocationReason(reason)
    authority, key, root = authority_of(vault)
    contact = vault.contacts.find(contact_name)
    name_key = contact.fingerprint if contact else None
    targets = [
        i for i in authority.issued
        if i.revoked_at is None
        and (i.contact_fingerprint == name_key or i.contact_name.casefold() == contact_name.casefold())
    ]
    if not targets:
        if contact is None:
            raise NotFound(CONTACT_NOT_FOUND, name=contact_name[:100])
        raise InvalidInput(texts.NOTHING_TO_REVOKE, name=contact.name)
    now = utc_now()
    for issued in targets:
        issued.revoked_at, issued.reason = now, reason.value
    authority.crl_number += 1
    crl = _crl_of(authority, key, root)
    store = documents(vault)
    with vault.db.transaction():
        store.save_authority(authority)
        state = store.trust()
        state.crl_der_b64 = base64.b64encode(der(crl)).decode("ascii")
        store.save_trust(state)
        vault.audit.append(
            "org_certificate_revoked", contact=targets[0].contact_name, serials=[i.serial for i in targets],
            reason=reason.value, crl_number=authority.crl_number,
        )
    return crl


def _crl_of(
    authority: Authority, key: ec.EllipticCurvePrivateKey, root: x509.Certificate
) -> x509.CertificateRevocationList:
    revoked = [
        (int(i.serial), i.revoked_at, RevocationReason(i.reason)) for i in authority.issued if i.revoked_at is not None
    ]
    return build_crl(key, root, revoked, number=authority.crl_number)


def issuing_crl(vault: Vault) -> x509.CertificateRevocationList:
    """HQ's current CRL, freshly signed (HQ only)."""
    authority, key, root = authority_of(vault)
    return _crl_of(authority, key, root)
