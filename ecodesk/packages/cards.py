"""Identity cards (``.ecokey``): a vault's public identity, signed by its own Ed25519 key.

The card proves only that whoever made it holds the signing key it names; whether that key belongs to the
person it claims to be is settled by comparing the fingerprint out of band before trusting the contact.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Literal

import pyrage
from pydantic import BaseModel, ConfigDict, Field

from ecodesk.crypto.identity import PublicIdentity, VaultIdentity
from ecodesk.display import has_control_characters
from ecodesk.errors import InvalidInput
from ecodesk.jsontext import MalformedJson, parse_model
from ecodesk.models.common import Base64Data
from ecodesk.org.authority import pem
from ecodesk.org.service import learn_card, own_certificate, own_request
from ecodesk.packages import texts

if TYPE_CHECKING:
    from ecodesk.storage.contacts import Contact
    from ecodesk.storage.vault import Vault

CARD_SUFFIX = ".ecokey"
MAX_CARD_BYTES = 64 * 1024


class IdentityCard(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["ecodesk-identity-card"] = "ecodesk-identity-card"
    format_version: Literal[1] = 1
    identity: PublicIdentity
    signature: Base64Data  # Ed25519 over signed_bytes(identity)
    # Organization trust: a request for HQ to certify the memo key, and the certificate HQ issued for it. Both
    # are bound to the memo key by their own signatures, so the card's signature does not need to cover them.
    certificate_request_pem: str | None = Field(default=None, max_length=8192)
    officer_certificate_pem: str | None = Field(default=None, max_length=16384)


def signed_bytes(identity: PublicIdentity) -> bytes:
    return json.dumps(identity.model_dump(mode="json"), sort_keys=True, separators=(",", ":")).encode("utf-8")


def make_card(identity: VaultIdentity, *, request_pem: str | None = None, certificate_pem: str | None = None) -> bytes:
    """The card file's bytes for this vault's identity (with its certificate request and certificate, if any)."""
    card = IdentityCard(
        identity=identity.public,
        signature=identity.sign(signed_bytes(identity.public)),
        certificate_request_pem=request_pem,
        officer_certificate_pem=certificate_pem,
    )
    return card.model_dump_json(indent=2, exclude_none=True).encode("utf-8") + b"\n"


def read_card(data: bytes) -> PublicIdentity:
    """The public identity of a card; InvalidInput if it is not a card or its self-signature does not hold."""
    return read_identity_card(data).identity


def read_identity_card(data: bytes) -> IdentityCard:
    """The whole card (identity, certificate request, certificate); InvalidInput as ``read_card``."""
    if len(data) > MAX_CARD_BYTES:
        raise InvalidInput(texts.CARD_INVALID)
    try:
        card = parse_model(IdentityCard, data, max_bytes=MAX_CARD_BYTES)
    except MalformedJson as exc:
        raise InvalidInput(texts.CARD_INVALID) from exc
    try:
        pyrage.x25519.Recipient.from_str(card.identity.age_recipient)
    except Exception as exc:  # pyrage raises its own error types
        raise InvalidInput(texts.CARD_INVALID) from exc
    if has_control_characters(card.identity.name) or has_control_characters(card.identity.office):
        raise InvalidInput(texts.CARD_INVALID)  # a name that could act on a terminal (ESC, CR, line breaks)
    if len(card.identity.signing_public_key) != 32:
        raise InvalidInput(texts.CARD_INVALID)
    if not card.identity.verify_signature(card.signature, signed_bytes(card.identity)):
        raise InvalidInput(texts.CARD_SIGNATURE_INVALID)
    return card


# -- identity cards ----------------------------------------------------------------------------------------
def card_bytes(vault: Vault) -> bytes:
    """This vault's identity card, with a certificate request for its memo key (named from the current
    settings: a renamed officer or moved office sends a new card) and its current officer certificate."""
    own = own_certificate(vault)
    return make_card(vault.identity(), request_pem=pem(own_request(vault)), certificate_pem=pem(own) if own else None)


def add_contact_from_card(vault: Vault, data: bytes, *, name: str, role: str) -> Contact:
    """Add a contact from its card; its request and certificate are kept (certified by HQ: verified).

    The card of an existing contact (same identity) that carries a new certificate request, after the officer
    was renamed or moved, updates the request of that contact instead; ``request_updated`` tells which."""
    contact, _updated = add_or_update_contact(vault, data, name=name, role=role)
    return contact


def add_or_update_contact(vault: Vault, data: bytes, *, name: str, role: str) -> tuple[Contact, bool]:
    """``add_contact_from_card``, also saying whether an existing contact's request was updated."""
    card = read_identity_card(data)
    if card.identity.fingerprint == vault.identity().public.fingerprint:
        raise InvalidInput(texts.CONTACT_IS_SELF)
    contacts = vault.contacts
    known = contacts.match(card.identity)
    if known is not None and (card.certificate_request_pem or card.officer_certificate_pem):
        learn_card(vault, known, card.certificate_request_pem, card.officer_certificate_pem)
        vault.audit.append("org_certificate_request_received", contact=known.name)
        return contacts.get(known.name), True
    with vault.db.transaction():
        contact = contacts.add(card.identity, name=name, role=role)
        learn_card(vault, contact, card.certificate_request_pem, card.officer_certificate_pem)
    return contacts.get(contact.name), False
