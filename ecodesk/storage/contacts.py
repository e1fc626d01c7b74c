"""Contacts: the public identities of the other offices and of HQ that this vault exchanges packages with.

A contact is added from its identity card and stays *unverified* until its fingerprint was compared with its
owner out of band (phone, in person) and confirmed with ``trust``. Packages are accepted only from verified
contacts unless the user explicitly accepts an unverified sender.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel

from ecodesk.crypto.identity import PublicIdentity, normalize_fingerprint
from ecodesk.display import has_control_characters
from ecodesk.errors import InvalidInput, NotFound
from ecodesk.i18n import N_
from ecodesk.storage.audit import AuditLog
from ecodesk.storage.database import Database, row_values

CONTACT_NOT_FOUND = N_("No contact named {name}. See 'ecodesk contacts list'.")
CONTACT_NAME_TAKEN = N_("A contact named {name} already exists. Choose another name or remove it first.")
CONTACT_KEY_KNOWN = N_("This identity is already a contact, named {name}.")
CONTACT_NAME_INVALID = N_("A contact name must have 1 to 100 characters.")
FINGERPRINT_MISMATCH = N_(
    "The fingerprint you typed does not match {name}'s key. The contact stays unverified. "
    "Compare the fingerprint again with its owner, by phone or in person."
)
ROLE_HQ = N_("HQ")
ROLE_OFFICER = N_("Officer")

MAX_NAME_LENGTH = 100


class ContactRole(StrEnum):
    hq = "hq"
    officer = "officer"


ROLE_LABELS: dict[ContactRole, str] = {ContactRole.hq: ROLE_HQ, ContactRole.officer: ROLE_OFFICER}


class Contact(BaseModel):
    """Someone this vault exchanges packages with."""

    name: str
    role: ContactRole
    public: PublicIdentity
    verified: bool = False
    added_at: dt.datetime
    verified_at: dt.datetime | None = None

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint

    @property
    def office(self) -> str:
        return self.public.office


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > MAX_NAME_LENGTH or has_control_characters(cleaned):
        raise InvalidInput(CONTACT_NAME_INVALID)
    return cleaned


_COLUMNS = "name, role, public, verified, added_at, verified_at"


def _contact(row: tuple[object, ...]) -> Contact:
    values = row_values(_COLUMNS, row)
    return Contact(
        name=str(values["name"]),
        role=ContactRole(str(values["role"])),
        public=PublicIdentity.model_validate_json(str(values["public"])),
        verified=bool(values["verified"]),
        added_at=dt.datetime.fromisoformat(str(values["added_at"])),
        verified_at=dt.datetime.fromisoformat(str(values["verified_at"])) if values["verified_at"] else None,
    )


class ContactStore:
    """Contacts kept inside the vault. Every change is one transaction with its audit event."""

    def __init__(self, db: Database, audit: AuditLog) -> None:
        self.db = db
        self.audit = audit

    def list(self) -> list[Contact]:
        rows = self.db.all(f"SELECT {_COLUMNS} FROM contacts ORDER BY name_key")
        return [_contact(r) for r in rows]

    def find(self, name: str) -> Contact | None:
        row = self.db.one(f"SELECT {_COLUMNS} FROM contacts WHERE name_key = ?", (_name_key(name),))
        return _contact(row) if row else None

    def get(self, name: str) -> Contact:
        """The contact named ``name`` (case-insensitive); NotFound otherwise."""
        contact = self.find(name)
        if contact is None:
            raise NotFound(CONTACT_NOT_FOUND, name=name[:MAX_NAME_LENGTH])
        return contact

    def by_signing_key(self, signing_public_key: bytes) -> Contact | None:
        """The contact whose Ed25519 package-signing key this is, if any."""
        row = self.db.one(
            f"SELECT {_COLUMNS} FROM contacts WHERE signing_key = ?", (signing_public_key.hex(),)
        )
        return _contact(row) if row else None

    def by_fingerprint(self, fingerprint: str) -> Contact | None:
        row = self.db.one(
            f"SELECT {_COLUMNS} FROM contacts WHERE fingerprint = ?", (normalize_fingerprint(fingerprint),)
        )
        return _contact(row) if row else None

    def match(self, public: PublicIdentity) -> Contact | None:
        """The contact holding exactly this public identity (same fingerprint), if any."""
        return self.by_fingerprint(public.fingerprint)

    def add(self, public: PublicIdentity, *, name: str, role: ContactRole | str, verified: bool = False) -> Contact:
        """Add a contact (unverified unless ``verified``). InvalidInput if the name or the identity is taken."""
        name = _clean_name(name)
        role = ContactRole(role)
        with self.db.transaction():
            existing = self.find(name)
            if existing is not None:
                raise InvalidInput(CONTACT_NAME_TAKEN, name=existing.name)
            same_key = self.match(public) or self.by_signing_key(public.signing_public_key)
            if same_key is not None:
                raise InvalidInput(CONTACT_KEY_KNOWN, name=same_key.name)
            now = _now()
            self.db.execute(
                "INSERT INTO contacts(name, name_key, role, fingerprint, signing_key, public, verified, added_at, "
                "verified_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    name,
                    _name_key(name),
                    role.value,
                    public.fingerprint,
                    public.signing_public_key.hex(),
                    public.model_dump_json(),
                    int(verified),
                    now.isoformat(),
                    now.isoformat() if verified else None,
                ),
            )
            self.audit.append(
                "contact_added", contact=name, role=role.value, fingerprint=public.fingerprint, verified=verified
            )
        return self.get(name)

    def trust(self, name: str, fingerprint: str) -> Contact:
        """Mark the contact verified, only if ``fingerprint`` (as read by its owner) matches its key.

        Raises InvalidInput (the contact stays unverified) when it does not match.
        """
        with self.db.transaction():
            contact = self.get(name)
            if normalize_fingerprint(fingerprint) != contact.fingerprint:
                self.audit.append("contact_trust_refused", contact=contact.name)
                raise InvalidInput(FINGERPRINT_MISMATCH, name=contact.name)
            self.db.execute(
                "UPDATE contacts SET verified = 1, verified_at = ? WHERE name = ?",
                (_now().isoformat(), contact.name),
            )
            self.audit.append("contact_verified", contact=contact.name, fingerprint=contact.fingerprint)
        return self.get(contact.name)

    def mark_certified(self, name: str) -> Contact:
        """Mark the contact verified because HQ certified its key (no fingerprint comparison was needed)."""
        with self.db.transaction():
            contact = self.get(name)
            self.db.execute(
                "UPDATE contacts SET verified = 1, verified_at = ? WHERE name = ?", (_now().isoformat(), contact.name)
            )
            self.audit.append("contact_certified_by_hq", contact=contact.name, fingerprint=contact.fingerprint)
        return self.get(contact.name)

    def remove(self, name: str) -> None:
        """Forget a contact (packages already imported stay). NotFound if there is none by that name."""
        with self.db.transaction():
            contact = self.get(name)
            self.db.execute("DELETE FROM contacts WHERE name = ?", (contact.name,))
            self.audit.append("contact_removed", contact=contact.name, fingerprint=contact.fingerprint)

    def names(self) -> dict[str, str]:
        """Contact name by fingerprint, for showing who sent or received what."""
        return {str(r[0]): str(r[1]) for r in self.db.all("SELECT fingerprint, name FROM contacts")}


__all__ = ["ROLE_LABELS", "Contact", "ContactRole", "ContactStore"]
