"""Identity cards (``.ecokey``): a vault's public identity, signed by its own Ed25519 key.

The card proves only that whoever made it holds the signing key it names; whether that key belongs to the
person it claims to be is settled by comparing the fingerprint out of band before trusting the contact.
"""

from __future__ import annotations

import json
from typing import Literal

import pyrage
from pydantic import BaseModel, ConfigDict, Field

from ecodesk.crypto.identity import PublicIdentity, VaultIdentity
from ecodesk.display import has_control_characters
from ecodesk.errors import InvalidInput
from ecodesk.jsontext import MalformedJson, parse_model
from ecodesk.models.common import Base64Data
from ecodesk.packages import texts

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
