"""HQ's escrow key slot: an officer's vault master key, encrypted to HQ's age recipient, so that HQ can open
the vault when the officer has lost both the passphrase and the recovery key (or left, or died).

Nothing secret is typed to add the slot; opening it needs HQ's vault (its private age identity). Every step is
an audit event; a recovery is recorded in both vaults' audit logs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ecodesk.errors import InvalidInput, WrongPassphrase
from ecodesk.org import texts
from ecodesk.org.service import documents
from ecodesk.storage.contacts import Contact, ContactRole

if TYPE_CHECKING:
    from ecodesk.storage.vault import Vault


def add_escrow(vault: Vault, contact_name: str) -> Contact:
    """Add (or renew) the escrow slot for the verified HQ contact ``contact_name``."""
    contact = vault.contacts.get(contact_name)
    if contact.role != ContactRole.hq:
        raise InvalidInput(texts.ESCROW_NEEDS_HQ, name=contact.name)
    if not contact.verified:
        raise InvalidInput(texts.ESCROW_NOT_VERIFIED, name=contact.name)
    vault.set_escrow_slot(contact.public.age_recipient, hq_name=contact.name, hq_fingerprint=contact.fingerprint)
    vault.audit.append("escrow_slot_added", contact=contact.name, fingerprint=contact.fingerprint)
    return contact


def remove_escrow(vault: Vault) -> None:
    """Drop the escrow slot; refused when the vault was created with "require HQ escrow"."""
    if vault.escrow_slot is None:
        raise InvalidInput(texts.NO_ESCROW)
    if require_escrow(vault):
        raise InvalidInput(texts.ESCROW_REQUIRED)
    contact = vault.escrow_slot.hq_name
    vault.remove_escrow_slot()
    vault.audit.append("escrow_slot_removed", contact=contact)


def require_escrow(vault: Vault) -> bool:
    return documents(vault).trust().require_escrow


def set_require_escrow(vault: Vault, required: bool) -> None:
    store = documents(vault)
    with vault.db.transaction():
        state = store.trust()
        state.require_escrow = required
        store.save_trust(state)
        vault.audit.append("escrow_requirement_changed", required=required)


def escrow_missing(vault: Vault) -> bool:
    """True when HQ escrow is required but the slot is not there yet (shown by ``vault verify`` and Settings)."""
    return require_escrow(vault) and vault.escrow_slot is None


def recover_with_escrow(hq: Vault, officer_vault: Path, new_passphrase: str) -> str:
    """At HQ: open an officer's vault (a copy) with HQ's identity and set ``new_passphrase``.

    Returns the recovered vault's office code. Raises WrongPassphrase when its escrow slot is not for this HQ
    vault, InvalidInput for a too-short passphrase. Recorded in the audit logs of both vaults.
    """
    from ecodesk.storage.vault import Vault, check_passphrase

    check_passphrase(new_passphrase)
    identity = hq.identity()
    try:
        officer = Vault.open_with_escrow(officer_vault, identity.age())
    except WrongPassphrase as exc:
        raise WrongPassphrase(texts.ESCROW_NOT_FOR_US) from exc
    try:
        officer.change_passphrase(new_passphrase)
        office = officer.settings.office_code
        officer.audit.append("escrow_recovery", by=identity.public.name, fingerprint=identity.public.fingerprint)
        vault_id = str(officer.vault_id)
    finally:
        officer.close()
    hq.audit.append("escrow_recovery_performed", vault=vault_id, office=office)
    return office
