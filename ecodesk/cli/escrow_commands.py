"""``ecodesk vault escrow add --to CONTACT``, ``ecodesk vault escrow remove`` and, at HQ,
``ecodesk vault recover-escrow OFFICER-VAULT-DIR`` (registered under ``ecodesk vault``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecodesk.cli.common import add_new_passphrase_option, new_passphrase, open_vault
from ecodesk.i18n import _
from ecodesk.org import escrow_texts as texts


def register_escrow(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    escrow = actions.add_parser("escrow", help=_(texts.HELP_ESCROW))
    steps = escrow.add_subparsers(dest="escrow_action", metavar=_("ACTION"), required=True)
    add = steps.add_parser("add", help=_(texts.HELP_ESCROW_ADD))
    add.add_argument("--to", required=True, metavar="CONTACT", help=_(texts.HELP_ESCROW_TO))
    add.set_defaults(func=cmd_escrow_add)
    remove = steps.add_parser("remove", help=_(texts.HELP_ESCROW_REMOVE))
    remove.set_defaults(func=cmd_escrow_remove)
    recover = actions.add_parser("recover-escrow", help=_(texts.HELP_RECOVER_ESCROW))
    recover.add_argument("officer_vault", metavar="OFFICER-VAULT-DIR", help=_(texts.HELP_OFFICER_VAULT))
    add_new_passphrase_option(recover)
    recover.set_defaults(func=cmd_recover_escrow)


def cmd_escrow_add(args: argparse.Namespace) -> int:
    from ecodesk.org.escrow import add_escrow

    with open_vault(args) as vault:
        contact = add_escrow(vault, args.to)
    sys.stdout.write(_(texts.ESCROW_ADDED, name=contact.name) + "\n")
    return 0


def cmd_escrow_remove(args: argparse.Namespace) -> int:
    from ecodesk.org.escrow import remove_escrow

    with open_vault(args) as vault:
        remove_escrow(vault)
    sys.stdout.write(_(texts.ESCROW_REMOVED) + "\n")
    return 0


def cmd_recover_escrow(args: argparse.Namespace) -> int:
    from ecodesk.org.escrow import recover_with_escrow

    secret = new_passphrase(args)
    with open_vault(args) as hq:
        office = recover_with_escrow(hq, Path(args.officer_vault), secret)
    sys.stdout.write(_(texts.ESCROW_RECOVERED, office=office, path=args.officer_vault) + "\n")
    return 0
