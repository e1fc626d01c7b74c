"""What packages carry of organization trust, and what an importing vault does with it.

Every package carries (as ``documents/org-*``): the root this vault trusts, its newest CRL, the sender's own
officer certificate, and, from HQ, the newest certificate issued to each recipient. On import, a new CRL of the
trusted root replaces an older one, a certificate for this vault is installed once it chains to the trusted
root, a root not trusted yet is only *offered*, and a package signed with a revoked identity after the
revocation date is refused.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from cryptography import x509

from ecodesk.errors import EcoDeskError, PackageRejected
from ecodesk.org import texts
from ecodesk.org.authority import der, pem
from ecodesk.org.service import (
    contact_certification,
    current_crl,
    documents,
    install_own_certificate,
    latest_own_certificate,
    recheck_contacts,
    same_key,
    trusted_root,
)
from ecodesk.org.status import OrgReceipt
from ecodesk.org.trust import (
    crl_is_from,
    crl_number,
    fingerprint,
    load_certificate,
    load_crl,
    organization_of,
    revocation,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ecodesk.packages.format import Party
    from ecodesk.packages.reader import VerifiedManifest
    from ecodesk.storage.contacts import Contact
    from ecodesk.storage.vault import Vault

ROOT_DOCUMENT = "org-root.crt"
CRL_DOCUMENT = "org-crl.crl"
SENDER_DOCUMENT = "org-sender.crt"
DIRECTORY_DOCUMENT = "org-directory.pem"
MAX_DIRECTORY = 10_000
RECIPIENT_PREFIX = "org-for-"


def is_org_document(name: str) -> bool:
    return name in (ROOT_DOCUMENT, CRL_DOCUMENT, SENDER_DOCUMENT, DIRECTORY_DOCUMENT) or (
        name.startswith(RECIPIENT_PREFIX) and name.endswith(".crt")
    )


def recipient_document(fingerprint_digits: str) -> str:
    return f"{RECIPIENT_PREFIX}{fingerprint_digits.replace(' ', '')[:20]}.crt"


def package_documents(vault: Vault, recipients: Sequence[Party]) -> dict[str, bytes]:
    """The org documents for a package to ``recipients`` (empty when the vault has no organization trust)."""
    root = trusted_root(vault)
    if root is None:
        return {}
    found = {ROOT_DOCUMENT: der(root)}
    crl = current_crl(vault)
    if crl is not None:
        found[CRL_DOCUMENT] = der(crl)
    own = latest_own_certificate(vault)  # even when revoked: the receiver then knows to refuse
    if own is not None:
        found[SENDER_DOCUMENT] = der(own)
    authority = documents(vault).authority()
    if authority is not None:
        # Every certificate HQ issued, so that each office can tell who is certified or revoked.
        found[DIRECTORY_DOCUMENT] = "".join(i.certificate_pem for i in authority.issued).encode("ascii")
        for party in recipients:
            issued = [
                i for i in authority.issued if i.contact_fingerprint == party.fingerprint and i.revoked_at is None
            ]
            if issued:
                found[recipient_document(party.fingerprint)] = der(
                    x509.load_pem_x509_certificate(issued[-1].certificate_pem.encode())
                )
    return found


def receive(vault: Vault, verified: VerifiedManifest, received: dict[str, bytes]) -> OrgReceipt:
    """Apply a package's org documents inside the import's transaction; PackageRejected for a revoked sender."""
    receipt = OrgReceipt()
    store = documents(vault)
    root = trusted_root(vault)
    receipt.organization = organization_of(root) if root is not None else ""
    try:
        if ROOT_DOCUMENT in received:
            offered = load_certificate(received[ROOT_DOCUMENT])
            if root is None:
                state = store.trust()
                state.offered_root_pem = pem(offered)
                store.save_trust(state)
                receipt.offered_root_sha256 = fingerprint(offered)
                receipt.offered_organization = organization_of(offered)
        if CRL_DOCUMENT in received and root is not None:
            crl = load_crl(received[CRL_DOCUMENT])
            current = current_crl(vault)
            if crl_is_from(crl, root) and (current is None or crl_number(crl) > crl_number(current)):
                state = store.trust()
                state.crl_der_b64 = base64.b64encode(der(crl)).decode("ascii")
                store.save_trust(state)
                receipt.crl_updated = True
                vault.audit.append("org_crl_updated", crl_number=crl_number(crl))
        own_name = recipient_document(vault.identity().public.fingerprint)
        if own_name in received:
            receipt.certificate_installed = install_own_certificate(vault, load_certificate(received[own_name]))
        contact = verified.contact
        if contact is not None and SENDER_DOCUMENT in received:
            _learn_certificates(vault, [load_certificate(received[SENDER_DOCUMENT])], only=contact)
        if DIRECTORY_DOCUMENT in received and root is not None and contact is not None and contact.role == "hq":
            _learn_certificates(vault, _directory(received[DIRECTORY_DOCUMENT]))
        recheck_contacts(vault)
    except EcoDeskError as exc:
        if isinstance(exc, PackageRejected):
            raise
        raise PackageRejected(texts.CRL_INVALID if "revocation" in exc.template else texts.CERTIFICATE_INVALID) from exc
    refuse_revoked_sender(vault, verified)
    return receipt


def _directory(data: bytes) -> list[x509.Certificate]:
    try:
        certificates = x509.load_pem_x509_certificates(data) if data.strip() else []
    except ValueError as exc:
        raise PackageRejected(texts.CERTIFICATE_INVALID) from exc
    return certificates[:MAX_DIRECTORY]


def _learn_certificates(vault: Vault, certificates: list[x509.Certificate], only: Contact | None = None) -> None:
    """Keep the certificates of the trusted root that certify a contact's memo key (revoked ones too)."""
    root = trusted_root(vault)
    if root is None:
        return

    contacts = [only] if only is not None else vault.contacts.list()
    store = documents(vault)
    state = store.trust()
    changed = False
    for contact in contacts:
        memo = load_certificate(contact.public.memo_certificate_pem)
        for certificate in certificates:
            if not same_key(certificate, memo) or certificate.issuer != root.subject:
                continue
            try:
                certificate.verify_directly_issued_by(root)
            except Exception:  # noqa: S112  # InvalidSignature and friends: not from our root
                continue
            known = state.peer_certificates.setdefault(contact.fingerprint, [])
            if pem(certificate) not in known:
                known.append(pem(certificate))
                changed = True
    if changed:
        store.save_trust(state)


def refuse_revoked_sender(vault: Vault, verified: VerifiedManifest) -> None:
    """PackageRejected if a certificate of the sender's key was revoked on or before the package's date."""
    contact = verified.contact
    if contact is None:
        return
    crl = current_crl(vault)
    if crl is None:
        return
    state = documents(vault).trust()
    candidates = list(state.peer_certificates.get(contact.fingerprint, []))
    authority = documents(vault).authority()
    if authority is not None:
        candidates += [i.certificate_pem for i in authority.issued if i.contact_fingerprint == contact.fingerprint]
    memo = load_certificate(contact.public.memo_certificate_pem)
    for text in candidates:
        certificate = x509.load_pem_x509_certificate(text.encode())
        if not same_key(certificate, memo):
            continue
        revoked = revocation(crl, certificate)
        if revoked is not None and revoked[0] <= verified.manifest.created_at:
            raise PackageRejected(texts.SENDER_REVOKED, name=contact.name, date=revoked[0].date().isoformat())


__all__ = ["OrgReceipt", "contact_certification", "is_org_document", "package_documents", "receive"]
