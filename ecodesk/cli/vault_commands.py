"""``ecodesk init`` and ``ecodesk vault ...``: create, check, re-key, back up and restore a vault."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecodesk.cli.common import (
    add_json_option,
    add_new_passphrase_option,
    new_passphrase,
    open_vault,
    passphrase,
    print_json,
    vault_path,
)
from ecodesk.cli.escrow_commands import register_escrow
from ecodesk.i18n import _
from ecodesk.org import escrow_texts
from ecodesk.storage.vault import Vault

ORDER = 10


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    init = subparsers.add_parser("init", help=_("create a new vault and show its recovery key once"))
    init.add_argument("--office", default="HQ", help=_("office code for references, e.g. DKR (default: HQ)"))
    init.add_argument("--name", default="", help=_("the officer's name"))
    init.add_argument("--require-escrow", action="store_true", help=_(escrow_texts.HELP_REQUIRE_ESCROW))
    add_json_option(init)
    init.set_defaults(func=cmd_init)

    vault = subparsers.add_parser("vault", help=_("check, re-key, back up or restore the vault"))
    actions = vault.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    verify = actions.add_parser("verify", help=_("check the database pages, the audit chain and the key files"))
    add_json_option(verify)
    verify.set_defaults(func=cmd_verify)
    change = actions.add_parser("change-passphrase", help=_("set a new passphrase"))
    add_new_passphrase_option(change)
    change.set_defaults(func=cmd_change_passphrase)
    backup = actions.add_parser("backup", help=_("write an encrypted backup of the open vault"))
    backup.add_argument("--out", required=True, metavar="FILE", help=_("the backup file to write"))
    backup.set_defaults(func=cmd_backup)
    restore = actions.add_parser("restore", help=_("restore a backup into a new vault folder"))
    restore.add_argument("file", metavar="FILE", help=_("the backup file"))
    restore.add_argument("--to", required=True, metavar="DIR", help=_("the new vault folder"))
    restore.set_defaults(func=cmd_restore)
    recover = actions.add_parser("recover", help=_("set a new passphrase using the recovery key"))
    recover.add_argument("--recovery-key", required=True, metavar="KEY", help=_("the recovery key"))
    add_new_passphrase_option(recover)
    recover.set_defaults(func=cmd_recover)
    register_escrow(actions)


def cmd_init(args: argparse.Namespace) -> int:
    path = vault_path(args)
    office = args.office.upper()
    from ecodesk.errors import InvalidInput
    from ecodesk.i18n import N_

    if not (2 <= len(office) <= 5 and office.isalpha() and office.isascii()):
        raise InvalidInput(N_("The office code must be 2 to 5 letters, e.g. DKR."))
    vault, recovery_key = Vault.create(path, passphrase(args), office=office, officer_name=args.name)
    try:
        if args.require_escrow:
            from ecodesk.org.escrow import set_require_escrow

            set_require_escrow(vault, True)
    finally:
        vault.close()
    if args.json:
        print_json({"recovery_key": recovery_key, "vault": str(path)})
        return 0
    sys.stdout.write(_("Vault created in {path}.", path=str(path)) + "\n\n")
    sys.stdout.write(_("Recovery key (write it down now and keep it in a safe; it is shown only once):") + "\n\n")
    sys.stdout.write(f"    {recovery_key}\n\n")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from ecodesk.org.escrow import escrow_missing

    with open_vault(args) as vault:
        report = vault.verify()
        if escrow_missing(vault):
            report.warnings.append(escrow_texts.ESCROW_MISSING)
    if args.json:
        print_json(report)
    else:
        if report.ok:
            sys.stdout.write(
                _(
                    "The vault is intact: {events} audit events, schema version {version}.",
                    events=report.audit.events,
                    version=report.schema_version,
                )
                + "\n"
            )
        for problem in report.database_errors[:20]:
            sys.stdout.write(_("Database problem: {problem}", problem=problem) + "\n")
        if not report.audit.ok:
            sys.stdout.write(
                _(
                    "The audit chain is broken at event {seq} ({problem}).",
                    seq=report.audit.first_broken_seq,
                    problem=report.audit.problem,
                )
                + "\n"
            )
        for name in report.key_file_problems:
            sys.stdout.write(_("Key file damaged: {name}", name=name) + "\n")
        for warning in report.warnings:
            sys.stdout.write(_("Warning: {warning}", warning=_(warning)) + "\n")
    return 0 if report.ok else 7


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        vault.change_passphrase(new_passphrase(args))
    sys.stdout.write(_("Passphrase changed.") + "\n")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        vault.backup(Path(args.out))
    sys.stdout.write(_("Encrypted backup written to {path}.", path=args.out) + "\n")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    Vault.restore(Path(args.file), Path(args.to), passphrase(args))
    sys.stdout.write(_("Backup restored into {path}.", path=args.to) + "\n")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    vault = Vault.open_with_recovery_key(vault_path(args), args.recovery_key)
    try:
        vault.change_passphrase(new_passphrase(args))
    finally:
        vault.close()
    sys.stdout.write(_("Passphrase reset with the recovery key.") + "\n")
    return 0
