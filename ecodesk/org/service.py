"""Organization trust for an open vault, in every office: the trusted root, the newest CRL, this vault's own
officer certificates (and the chain memos embed), contacts certified by HQ, and identity cards with a certificate
request. HQ's operations with the root are in ``headquarters``.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from ecodesk.errors import InvalidInput
from ecodesk.org import texts
from ecodesk.org.authority import (
    officer_request,
    pem,
    utc_now,
)
from ecodesk.org.trust import (
    CertificateCheck,
    CertificateStatus,
    check_certificate,
    fingerprint,
    load_certificate,
    normalize_hex_fingerprint,
    organization_of,
)
from ecodesk.storage.contacts import Contact
from ecodesk.storage.org_documents import OrgDocuments

if TYPE_CHECKING:
    from ecodesk.storage.vault import Vault

ROOT_DOCUMENT = "org-root.crt"
CRL_DOCUMENT = "org-crl.crl"
SENDER_DOCUMENT = "org-sender.crt"
RECIPIENT_PREFIX = "org-for-"
ORG_PREFIX = "org-"


def documents(vault: Vault) -> OrgDocuments:
    return vault.org


def _public_bytes(key: object) -> bytes:
    assert isinstance(key, ec.EllipticCurvePublicKey)
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def same_key(certificate: x509.Certificate, other: x509.Certificate | x509.CertificateSigningRequest) -> bool:
    try:
        return _public_bytes(certificate.public_key()) == _public_bytes(other.public_key())
    except AssertionError:
        return False


# -- every vault: the trusted root, the CRL, own certificates ----------------------------------------------
def trusted_root(vault: Vault) -> x509.Certificate | None:
    state = documents(vault).trust()
    return x509.load_pem_x509_certificate(state.root_pem.encode()) if state.root_pem else None


def current_crl(vault: Vault) -> x509.CertificateRevocationList | None:
    state = documents(vault).trust()
    return x509.load_der_x509_crl(base64.b64decode(state.crl_der_b64)) if state.crl_der_b64 else None


def offered_root(vault: Vault) -> x509.Certificate | None:
    state = documents(vault).trust()
    return x509.load_pem_x509_certificate(state.offered_root_pem.encode()) if state.offered_root_pem else None


def trust_root(vault: Vault, data: bytes | None, typed_fingerprint: str) -> x509.Certificate:
    """Trust a root certificate whose fingerprint the user compared with HQ. ``data`` None: the offered one."""
    if data is None:
        root = offered_root(vault)
        if root is None:
            raise InvalidInput(texts.NO_OFFERED_ROOT)
    else:
        root = load_certificate(data)
    if not _is_root(root):
        raise InvalidInput(texts.NOT_A_ROOT)
    store = documents(vault)
    state = store.trust()
    if normalize_hex_fingerprint(typed_fingerprint) != fingerprint(root):
        vault.audit.append("org_root_trust_refused", root_sha256=fingerprint(root))
        raise InvalidInput(texts.ROOT_FINGERPRINT_MISMATCH)
    if state.root_pem and state.root_pem != pem(root):
        raise InvalidInput(texts.OTHER_ROOT_TRUSTED)
    with vault.db.transaction():
        state.root_pem, state.root_trusted_at, state.offered_root_pem = pem(root), utc_now(), ""
        store.save_trust(state)
        vault.audit.append("org_root_trusted", root_sha256=fingerprint(root))
        _install_pending(vault)
        recheck_contacts(vault)
    return root


def _is_root(certificate: x509.Certificate) -> bool:
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
        public = certificate.public_key()
        if not constraints.ca or certificate.issuer != certificate.subject:
            return False
        if not isinstance(public, ec.EllipticCurvePublicKey):
            return False
        certificate.verify_directly_issued_by(certificate)
    except (x509.ExtensionNotFound, ValueError, TypeError):
        return False
    except Exception:  # cryptography's InvalidSignature
        return False
    return True


def own_request(vault: Vault) -> x509.CertificateSigningRequest:
    """A certificate request for this vault's memo key, named from the current settings."""
    settings = vault.settings
    identity = vault.identity()
    return officer_request(
        identity.memo_private_key(),
        name=settings.officer_name or identity.public.name,
        organization=settings.organization_name,
        office=settings.office_code,
        duty_station=settings.duty_station,
    )


def own_certificate(vault: Vault) -> x509.Certificate | None:
    """The newest officer certificate of this vault's memo key that the trusted root certifies now."""
    state = documents(vault).trust()
    root, crl = trusted_root(vault), current_crl(vault)
    if root is None:
        return None
    memo = vault.identity().memo_certificate()
    for text in reversed(state.own_certificates):
        certificate = x509.load_pem_x509_certificate(text.encode())
        if same_key(certificate, memo) and check_certificate(certificate, root, crl).certified:
            return certificate
    return None


def signing_chain(vault: Vault) -> list[x509.Certificate]:
    """What a memo signed now embeds: [officer certificate, root], or [] (self-issued certificate only)."""
    own, root = own_certificate(vault), trusted_root(vault)
    return [own, root] if own is not None and root is not None else []


def latest_own_certificate(vault: Vault) -> x509.Certificate | None:
    """The newest certificate HQ issued for this vault's memo key, whatever its status (revoked included)."""
    memo = vault.identity().memo_certificate()
    for text in reversed(documents(vault).trust().own_certificates):
        certificate = x509.load_pem_x509_certificate(text.encode())
        if same_key(certificate, memo):
            return certificate
    return None


def own_status(vault: Vault) -> CertificateCheck:
    state = documents(vault).trust()
    root = trusted_root(vault)
    if root is None or not state.own_certificates:
        return CertificateCheck(status=CertificateStatus.untrusted)
    latest = x509.load_pem_x509_certificate(state.own_certificates[-1].encode())
    return check_certificate(latest, root, current_crl(vault))


def install_own_certificate(vault: Vault, certificate: x509.Certificate) -> bool:
    """Install a certificate addressed to this vault if it certifies its memo key and chains to the root."""
    store = documents(vault)
    state = store.trust()
    root = trusted_root(vault)
    if not same_key(certificate, vault.identity().memo_certificate()):
        return False
    if root is None:
        if pem(certificate) not in state.pending_own_certificates:
            state.pending_own_certificates.append(pem(certificate))
            store.save_trust(state)
        return False
    if pem(certificate) in state.own_certificates:
        return False
    if not check_certificate(certificate, root, current_crl(vault)).certified:
        return False
    state.own_certificates.append(pem(certificate))
    store.save_trust(state)
    vault.audit.append("org_certificate_installed", serial=str(certificate.serial_number))
    return True


def _install_pending(vault: Vault) -> None:
    store = documents(vault)
    pending = store.trust().pending_own_certificates
    for text in pending:
        install_own_certificate(vault, x509.load_pem_x509_certificate(text.encode()))
    state = store.trust()
    state.pending_own_certificates = []
    store.save_trust(state)


# -- contacts ----------------------------------------------------------------------------------------------
def learn_card(vault: Vault, contact: Contact, request_pem: str | None, certificate_pem: str | None) -> None:
    """Keep a card's certificate request and officer certificate; a certified contact becomes usable."""
    store = documents(vault)
    with vault.db.transaction():
        state = store.trust()
        if request_pem:
            state.requests[contact.fingerprint] = request_pem
        if certificate_pem:
            known = state.peer_certificates.setdefault(contact.fingerprint, [])
            if certificate_pem not in known:
                known.append(certificate_pem)
        store.save_trust(state)
        recheck_contacts(vault)


def contact_certification(vault: Vault, contact: Contact) -> CertificateCheck:
    """Whether a contact holds a certificate of the trusted root for its memo key (best of those known)."""
    root = trusted_root(vault)
    state = documents(vault).trust()
    if root is None:
        return CertificateCheck(status=CertificateStatus.untrusted)
    memo = load_certificate(contact.public.memo_certificate_pem)
    crl = current_crl(vault)
    best = CertificateCheck(status=CertificateStatus.untrusted)
    for text in reversed(state.peer_certificates.get(contact.fingerprint, [])):
        certificate = x509.load_pem_x509_certificate(text.encode())
        if not same_key(certificate, memo):
            continue
        check = check_certificate(certificate, root, crl)
        if check.certified:
            return check
        if best.status == CertificateStatus.untrusted:
            best = check
    return best


def certified_by_hq(vault: Vault, contact: Contact) -> bool:
    """True if the contact was verified through HQ's certificate rather than a fingerprint comparison."""
    return contact.fingerprint in documents(vault).trust().certified_contacts


def recheck_contacts(vault: Vault) -> None:
    """Unverified contacts holding a valid certificate of the trusted root become verified (through HQ)."""
    contacts = vault.contacts
    store = documents(vault)
    for contact in contacts.list():
        if contact.verified or not contact_certification(vault, contact).certified:
            continue
        contacts.mark_certified(contact.name)
        state = store.trust()
        state.certified_contacts.append(contact.fingerprint)
        store.save_trust(state)


def root_organization(vault: Vault) -> str:
    root = trusted_root(vault)
    return organization_of(root) if root is not None else ""


