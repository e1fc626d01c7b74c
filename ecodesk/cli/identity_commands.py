"""``ecodesk keys`` and ``ecodesk contacts``: this vault's public identity (shown, exported as a signed card, or
the private age identity for HQ's disaster-recovery copy) and the contacts packages are exchanged with."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ecodesk.cli.common import add_json_option, open_vault, print_json, print_table, read_input
from ecodesk.errors import InvalidInput
from ecodesk.i18n import _
from ecodesk.org import texts as org_texts
from ecodesk.packages import texts
from ecodesk.storage.contacts import ROLE_LABELS, Contact, ContactRole, ContactStore
from ecodesk.storage.vault import Vault

ORDER = 30


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    _register_keys(subparsers)
    _register_contacts(subparsers)


def _register_keys(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    keys = subparsers.add_parser("keys", help=_(texts.HELP_KEYS))
    actions = keys.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    show = actions.add_parser("show", help=_(texts.HELP_KEYS_SHOW))
    add_json_option(show)
    show.set_defaults(func=cmd_keys_show)
    export = actions.add_parser("export", help=_(texts.HELP_KEYS_EXPORT))
    export.add_argument("--out", required=True, metavar="FILE", help=_(texts.HELP_OUT))
    export.set_defaults(func=cmd_keys_export)
    private = actions.add_parser("export-identity", help=_(texts.HELP_KEYS_EXPORT_IDENTITY))
    private.add_argument("--out", required=True, metavar="FILE", help=_(texts.HELP_OUT))
    private.add_argument("--yes", action="store_true", help=_(texts.HELP_YES))
    private.set_defaults(func=cmd_keys_export_identity)


def _register_contacts(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    contacts = subparsers.add_parser("contacts", help=_(texts.HELP_CONTACTS))
    actions = contacts.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    add = actions.add_parser("add", help=_(texts.HELP_CONTACTS_ADD))
    add.add_argument("file", metavar="FILE", help=_(texts.HELP_CARD_FILE))
    add.add_argument("--name", required=True, help=_(texts.HELP_CONTACT_NAME))
    add.add_argument("--role", required=True, choices=[r.value for r in ContactRole], help=_(texts.HELP_ROLE))
    add_json_option(add)
    add.set_defaults(func=cmd_contacts_add)
    listing = actions.add_parser("list", help=_(texts.HELP_CONTACTS_LIST))
    add_json_option(listing)
    listing.set_defaults(func=cmd_contacts_list)
    trust = actions.add_parser("trust", help=_(texts.HELP_CONTACTS_TRUST))
    trust.add_argument("name", metavar="NAME", help=_(texts.HELP_CONTACT_NAME))
    trust.add_argument("--fingerprint", required=True, metavar="FP", help=_(texts.HELP_FINGERPRINT))
    trust.set_defaults(func=cmd_contacts_trust)
    remove = actions.add_parser("remove", help=_(texts.HELP_CONTACTS_REMOVE))
    remove.add_argument("name", metavar="NAME", help=_(texts.HELP_CONTACT_NAME))
    remove.set_defaults(func=cmd_contacts_remove)


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")


# -- keys ----------------------------------------------------------------------------------------------------
def cmd_keys_show(args: argparse.Namespace) -> int:
    from ecodesk.org.service import own_status
    from ecodesk.org.status import status_text

    with open_vault(args) as vault:
        public = vault.identity().public
        certificate = own_status(vault)
    if args.json:
        print_json(
            {
                "name": public.name,
                "office": public.office,
                "fingerprint": public.fingerprint,
                "age_recipient": public.age_recipient,
                "created_at": public.created_at.isoformat(),
                "certificate": certificate.status.value,
                "certified_by": certificate.organization if certificate.certified else None,
            }
        )
        return 0
    _say(f"{_(texts.COL_NAME)}: {public.name}")
    _say(f"{_(texts.COL_OFFICE)}: {public.office}")
    _say(f"{_(texts.COL_FINGERPRINT)}: {public.fingerprint}")
    _say(f"age: {public.age_recipient}")
    _say(_(org_texts.ORGANIZATION_LINE, status=status_text(
        certificate.status, certificate.organization, certificate.revoked_at
    )))
    return 0


def cmd_keys_export(args: argparse.Namespace) -> int:
    from ecodesk.org.service import card_bytes
    from ecodesk.storage.atomic import atomic_write

    with open_vault(args) as vault:
        identity = vault.identity()
        atomic_write(Path(args.out), card_bytes(vault), mode=0o644)
        vault.audit.append("identity_card_exported", fingerprint=identity.public.fingerprint)
    _say(_(texts.CARD_WRITTEN, file=args.out))
    _say(f"{_(texts.COL_FINGERPRINT)}: {identity.public.fingerprint}")
    return 0


def cmd_keys_export_identity(args: argparse.Namespace) -> int:
    from ecodesk.storage.atomic import atomic_write

    sys.stderr.write(_(texts.IDENTITY_WARNING) + "\n")
    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise InvalidInput(texts.IDENTITY_NOT_CONFIRMED)
        answer = input(_(texts.CONFIRM_IDENTITY_EXPORT)).strip().lower()
        if answer not in ("yes", _(texts.YES).lower()):
            raise InvalidInput(texts.IDENTITY_NOT_CONFIRMED)
    with open_vault(args) as vault:
        identity = vault.identity()
        text = (
            f"# EcoDesk private age identity, office {identity.public.office}\n"
            f"# public key: {identity.public.age_recipient}\n"
            f"{identity.age_identity}\n"
        )
        atomic_write(Path(args.out), text.encode("ascii"), mode=0o600)
        vault.audit.append("private_identity_exported", fingerprint=identity.public.fingerprint)
    _say(_(texts.IDENTITY_WRITTEN, file=args.out))
    return 0


# -- contacts ------------------------------------------------------------------------------------------------
def _contact_json(contact: Contact, certified_by: str = "") -> dict[str, Any]:
    return {
        "name": contact.name,
        "role": contact.role.value,
        "office": contact.office,
        "owner": contact.public.name,
        "fingerprint": contact.fingerprint,
        "age_recipient": contact.public.age_recipient,
        "verified": contact.verified,
        "added_at": contact.added_at.isoformat(),
        "verified_at": contact.verified_at.isoformat() if contact.verified_at else None,
        "certified_by": certified_by or None,  # the organization whose root certifies the contact's key
    }


def _certified_by(vault: Vault, contacts: list[Contact]) -> dict[str, str]:
    """Organization name by contact fingerprint, for contacts holding a valid certificate of the trusted root."""
    from ecodesk.org.service import contact_certification

    found = {}
    for contact in contacts:
        check = contact_certification(vault, contact)
        if check.certified:
            found[contact.fingerprint] = check.organization
    return found


def cmd_contacts_add(args: argparse.Namespace) -> int:
    from ecodesk.org.service import add_or_update_contact

    data = read_input(args.file)
    with open_vault(args) as vault:
        contact, updated = add_or_update_contact(vault, data, name=args.name, role=args.role)
        certified = _certified_by(vault, [contact])
    if updated and not args.json:
        _say(_(org_texts.REQUEST_UPDATED, name=contact.name))
        return 0
    if args.json:
        print_json(_contact_json(contact, certified.get(contact.fingerprint, "")))
        return 0
    if contact.fingerprint in certified:
        _say(_(org_texts.CONTACT_CERTIFIED, name=contact.name, organization=certified[contact.fingerprint]))
        _say(f"  {contact.fingerprint}")
        return 0
    _say(_(texts.CONTACT_ADDED, name=contact.name))
    _say(f"  {contact.fingerprint}")
    _say(_(texts.CONTACT_TRUST_HINT, name=contact.name))
    return 0


def cmd_contacts_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        contacts = ContactStore(vault.db, vault.audit).list()
        certified = _certified_by(vault, contacts)
    if args.json:
        print_json([_contact_json(c, certified.get(c.fingerprint, "")) for c in contacts])
        return 0
    if not contacts:
        _say(_(texts.NO_CONTACTS))
        return 0
    rows = [
        [
            c.name, _(ROLE_LABELS[c.role]), c.office, c.fingerprint,
            _(org_texts.CERTIFIED_BY, organization=certified[c.fingerprint]) if c.fingerprint in certified
            else _(texts.YES if c.verified else texts.NO),
        ]
        for c in contacts
    ]
    headers = [texts.COL_NAME, texts.COL_ROLE, texts.COL_OFFICE, texts.COL_FINGERPRINT, texts.COL_VERIFIED]
    print_table(rows, [_(h) for h in headers])
    return 0


def cmd_contacts_trust(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        contact = ContactStore(vault.db, vault.audit).trust(args.name, args.fingerprint)
    _say(_(texts.CONTACT_VERIFIED, name=contact.name))
    return 0


def cmd_contacts_remove(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        contact = ContactStore(vault.db, vault.audit).get(args.name)
        ContactStore(vault.db, vault.audit).remove(contact.name)
    _say(_(texts.CONTACT_REMOVED, name=contact.name))
    return 0
