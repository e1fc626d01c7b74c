"""``ecodesk keys`` and ``ecodesk contacts``: this vault's public identity (shown, exported as a signed card, or
the private age identity for HQ's disaster-recovery copy) and the contacts packages are exchanged with."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ecodesk.cli.common import Subparsers, add_json_option, open_vault, print_json, print_table, read_input
from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_, _
from ecodesk.org import texts as org_texts
from ecodesk.storage.contacts import ROLE_LABELS, Contact, ContactRole
from ecodesk.storage.vault import Vault

IDENTITY_WARNING = N_(
    "WARNING: this file is the PRIVATE key of this vault. Whoever has it can read every package sent to "
    "this vault. Keep it offline (e.g. in HQ's safe) and never send it by e-mail."
)
CONFIRM_IDENTITY_EXPORT = N_("Type 'yes' to write the private identity: ")
IDENTITY_NOT_CONFIRMED = N_("Not confirmed; nothing was written. Use --yes to confirm without a prompt.")
IDENTITY_WRITTEN = N_("Private identity written to {file}. Readable with: age -d -i {file} PACKAGE")
CARD_WRITTEN = N_("Identity card written to {file}. Send it to your contact, then read them your fingerprint.")
CONTACT_ADDED = N_("Added {name} (unverified). Compare this fingerprint with its owner, by phone or in person:")
CONTACT_TRUST_HINT = N_("Then run: ecodesk contacts trust \"{name}\" --fingerprint \"...\"")
CONTACT_VERIFIED = N_("{name} is now verified.")
CONTACT_REMOVED = N_("Removed {name}.")
NO_CONTACTS = N_("No contacts yet. Add one with 'ecodesk contacts add CARD.ecokey --name NAME --role hq'.")
COL_NAME = N_("Name")
COL_ROLE = N_("Role")
COL_OFFICE = N_("Office")
COL_FINGERPRINT = N_("Fingerprint")
COL_VERIFIED = N_("Verified")
YES = N_("yes")
NO = N_("no")

ORDER = 30


def register(subparsers: Subparsers) -> None:
    _register_keys(subparsers)
    _register_contacts(subparsers)


def _register_keys(subparsers: Subparsers) -> None:
    keys = subparsers.add_parser(
        "keys", help=_("show or export this vault's identity (public card, private age identity)")
    )
    actions = keys.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    show = actions.add_parser("show", help=_("print this vault's public identity and its fingerprint"))
    add_json_option(show)
    show.set_defaults(func=cmd_keys_show)
    export = actions.add_parser(
        "export", help=_("write this vault's public identity card (.ecokey) to send to HQ or an officer")
    )
    export.add_argument("--out", required=True, metavar="FILE", help=_("the file to write"))
    export.set_defaults(func=cmd_keys_export)
    private = actions.add_parser(
        "export-identity",
        help=_(
            "write the PRIVATE age identity (HQ's disaster-recovery copy; it opens every package sent to this vault)"
        ),
    )
    private.add_argument("--out", required=True, metavar="FILE", help=_("the file to write"))
    private.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    private.set_defaults(func=cmd_keys_export_identity)


def _register_contacts(subparsers: Subparsers) -> None:
    contacts = subparsers.add_parser("contacts", help=_("manage the offices and HQ this vault exchanges packages with"))
    actions = contacts.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    add = actions.add_parser("add", help=_("add a contact from its identity card (.ecokey); it starts unverified"))
    add.add_argument("file", metavar="FILE", help=_("the identity card file (.ecokey)"))
    add.add_argument("--name", required=True, help=_("the contact's name, as you will use it with --to"))
    add.add_argument("--role", required=True, choices=[r.value for r in ContactRole], help=_("hq or officer"))
    add_json_option(add)
    add.set_defaults(func=cmd_contacts_add)
    listing = actions.add_parser("list", help=_("list the contacts with their fingerprints"))
    add_json_option(listing)
    listing.set_defaults(func=cmd_contacts_list)
    trust = actions.add_parser(
        "trust", help=_("mark a contact verified after comparing its fingerprint with its owner")
    )
    trust.add_argument("name", metavar="NAME", help=_("the contact's name, as you will use it with --to"))
    trust.add_argument(
        "--fingerprint", required=True, metavar="FP",
        help=_("the fingerprint as read by the contact's owner (spaces optional)")
    )
    trust.set_defaults(func=cmd_contacts_trust)
    remove = actions.add_parser("remove", help=_("forget a contact"))
    remove.add_argument("name", metavar="NAME", help=_("the contact's name, as you will use it with --to"))
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
    _say(f"{_(COL_NAME)}: {public.name}")
    _say(f"{_(COL_OFFICE)}: {public.office}")
    _say(f"{_(COL_FINGERPRINT)}: {public.fingerprint}")
    _say(f"age: {public.age_recipient}")
    _say(_(org_texts.ORGANIZATION_LINE, status=status_text(
        certificate.status, certificate.organization, certificate.revoked_at
    )))
    return 0


def cmd_keys_export(args: argparse.Namespace) -> int:
    from ecodesk.packages.cards import card_bytes
    from ecodesk.storage.atomic import atomic_write

    with open_vault(args) as vault:
        identity = vault.identity()
        atomic_write(Path(args.out), card_bytes(vault), mode=0o644)
        vault.audit.append("identity_card_exported", fingerprint=identity.public.fingerprint)
    _say(_(CARD_WRITTEN, file=args.out))
    _say(f"{_(COL_FINGERPRINT)}: {identity.public.fingerprint}")
    return 0


def cmd_keys_export_identity(args: argparse.Namespace) -> int:
    from ecodesk.storage.atomic import atomic_write

    sys.stderr.write(_(IDENTITY_WARNING) + "\n")
    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise InvalidInput(IDENTITY_NOT_CONFIRMED)
        answer = input(_(CONFIRM_IDENTITY_EXPORT)).strip().lower()
        if answer not in ("yes", _(YES).lower()):
            raise InvalidInput(IDENTITY_NOT_CONFIRMED)
    with open_vault(args) as vault:
        identity = vault.identity()
        text = (
            f"# EcoDesk private age identity, office {identity.public.office}\n"
            f"# public key: {identity.public.age_recipient}\n"
            f"{identity.age_identity}\n"
        )
        atomic_write(Path(args.out), text.encode("ascii"), mode=0o600)
        vault.audit.append("private_identity_exported", fingerprint=identity.public.fingerprint)
    _say(_(IDENTITY_WRITTEN, file=args.out))
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
    from ecodesk.packages.cards import add_or_update_contact

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
    _say(_(CONTACT_ADDED, name=contact.name))
    _say(f"  {contact.fingerprint}")
    _say(_(CONTACT_TRUST_HINT, name=contact.name))
    return 0


def cmd_contacts_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        contacts = vault.contacts.list()
        certified = _certified_by(vault, contacts)
    if args.json:
        print_json([_contact_json(c, certified.get(c.fingerprint, "")) for c in contacts])
        return 0
    if not contacts:
        _say(_(NO_CONTACTS))
        return 0
    rows = [
        [
            c.name, _(ROLE_LABELS[c.role]), c.office, c.fingerprint,
            _(org_texts.CERTIFIED_BY, organization=certified[c.fingerprint]) if c.fingerprint in certified
            else _(YES if c.verified else NO),
        ]
        for c in contacts
    ]
    headers = [COL_NAME, COL_ROLE, COL_OFFICE, COL_FINGERPRINT, COL_VERIFIED]
    print_table(rows, [_(h) for h in headers])
    return 0


def cmd_contacts_trust(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        contact = vault.contacts.trust(args.name, args.fingerprint)
    _say(_(CONTACT_VERIFIED, name=contact.name))
    return 0


def cmd_contacts_remove(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        contact = vault.contacts.get(args.name)
        vault.contacts.remove(contact.name)
    _say(_(CONTACT_REMOVED, name=contact.name))
    return 0
