"""``ecodesk init`` and ``ecodesk vault ...``: create, check, re-key, back up and restore a vault."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecodesk.assessment.upgrade import finish_upgrades
from ecodesk.cli.common import (
    Subparsers,
    add_json_option,
    add_new_passphrase_option,
    new_passphrase,
    open_vault,
    passphrase,
    print_json,
    vault_path,
)
from ecodesk.cli.escrow_commands import register_escrow
from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_, _, ngettext
from ecodesk.org import escrow_texts
from ecodesk.storage.attachments import EvidenceCheck
from ecodesk.storage.audit_head import Rollback
from ecodesk.storage.vault import Vault

ORDER = 10


def register(subparsers: Subparsers) -> None:
    init = subparsers.add_parser("init", help=_("create a new vault and show its recovery key once"))
    init.add_argument("--office", default="HQ", help=_("office code for references, e.g. DKR (default: HQ)"))
    init.add_argument("--name", default="", help=_("the officer's name"))
    init.add_argument("--require-escrow", action="store_true", help=_(escrow_texts.HELP_REQUIRE_ESCROW))
    add_json_option(init)
    init.set_defaults(func=cmd_init)

    vault = subparsers.add_parser("vault", help=_("check, re-key, back up or restore the vault"))
    actions = vault.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    verify = actions.add_parser(
        "verify", help=_("check the database pages, the audit chain, the key files and the evidence files")
    )
    verify.add_argument(
        "--full", action="store_true",
        help=_("also decrypt every evidence file and check its content (takes time with much evidence)"),
    )
    add_json_option(verify)
    verify.set_defaults(func=cmd_verify)
    change = actions.add_parser("change-passphrase", help=_("set a new passphrase"))
    add_new_passphrase_option(change)
    change.set_defaults(func=cmd_change_passphrase)
    backup = actions.add_parser("backup", help=_("write an encrypted backup of the open vault"))
    target = backup.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", metavar="FILE", help=_("write a full backup into one .ecobackup file"))
    target.add_argument(
        "--to", metavar="DIR", help=_("bring a backup folder up to date (copies only the new evidence files)")
    )
    add_json_option(backup)
    backup.set_defaults(func=cmd_backup)
    restore = actions.add_parser("restore", help=_("restore a backup into a new vault folder"))
    restore.add_argument("file", metavar="BACKUP", help=_("the backup file or backup folder"))
    restore.add_argument("--to", required=True, metavar="DIR", help=_("the new vault folder"))
    restore.set_defaults(func=cmd_restore)
    recover = actions.add_parser("recover", help=_("set a new passphrase using the recovery key"))
    recover.add_argument("--recovery-key", required=True, metavar="KEY", help=_("the recovery key"))
    add_new_passphrase_option(recover)
    recover.set_defaults(func=cmd_recover)
    accept = actions.add_parser(
        "accept-rollback", help=_("continue with a rolled-back vault, accepting that its newest changes are lost")
    )
    accept.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    accept.set_defaults(func=cmd_accept_rollback)
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

    with open_vault(args, rolled_back_ok=True, warn=False) as vault:
        report = vault.verify(full=args.full)
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
        if report.rollback is not None:
            _print_rollback(report.rollback, report.last_backup)
        for name in report.key_file_problems:
            sys.stdout.write(_("Key file damaged: {name}", name=name) + "\n")
        for name in report.key_files_set_aside:
            sys.stdout.write(
                _("A damaged key file was set aside and rebuilt from the intact copy: {name}", name=name) + "\n"
            )
        _print_evidence(report.evidence)
        for warning in report.warnings:
            sys.stdout.write(_("Warning: {warning}", warning=_(warning)) + "\n")
    return 0 if report.ok else 7


def _print_evidence(check: EvidenceCheck | None) -> None:
    if check is None:
        return
    if check.full:
        line = ngettext("{n} evidence file decrypted and checked in full.",
                        "{n} evidence files decrypted and checked in full.", check.attachments)
    else:
        line = ngettext("{n} evidence file present with its expected size (checked in full with --full).",
                        "{n} evidence files present with their expected size (checked in full with --full).",
                        check.attachments)
    sys.stdout.write(line + "\n")
    for problem in check.problems:
        template, params = problem.message()
        sys.stdout.write(_("Evidence problem: {problem}", problem=_(template, **params)) + "\n")
    if check.orphans:
        sys.stdout.write(ngettext(
            "{n} file in the evidence folder belongs to no attachment (left by an interruption); the next unlock "
            "removes it.",
            "{n} files in the evidence folder belong to no attachment (left by an interruption); the next unlock "
            "removes them.", check.orphans) + "\n")


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        vault.change_passphrase(new_passphrase(args))
    sys.stdout.write(_("Passphrase changed.") + "\n")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        if args.to:
            done = vault.backup_to_folder(Path(args.to))
        else:
            vault.backup(Path(args.out))
    if args.to:
        if args.json:
            print_json(done)
            return 0
        sys.stdout.write(ngettext(
            "Backup folder {path} brought up to date: {copied} new evidence file copied, {kept} already there.",
            "Backup folder {path} brought up to date: {copied} new evidence files copied, {kept} already there.",
            done.evidence_copied, path=args.to, copied=done.evidence_copied, kept=done.evidence_already_there,
        ) + "\n")
        return 0
    if args.json:
        print_json({"file": args.out})
        return 0
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


def _print_rollback(rollback: Rollback, backup: str) -> None:
    for line in rollback.describe(backup):
        sys.stdout.write(line + "\n")
    sys.stdout.write(_("To continue without restoring, run 'ecodesk vault accept-rollback'.") + "\n")


def cmd_accept_rollback(args: argparse.Namespace) -> int:
    with open_vault(args, rolled_back_ok=True) as vault:
        if vault.rollback is None:
            sys.stdout.write(_("The vault was not rolled back; nothing to accept.") + "\n")
            return 0
        _print_rollback(vault.rollback, vault.last_backup())
        if not args.yes:
            if not sys.stdin or not sys.stdin.isatty():
                raise InvalidInput(N_("Confirm with --yes to accept the loss."))
            answer = input(_("Type 'yes' to accept that these changes are lost: "))
            if answer.strip().lower() not in {"yes", _("yes").lower()}:
                sys.stdout.write(_("Nothing was changed.") + "\n")
                return 1
        vault.accept_rollback()
        finish_upgrades(vault)  # held back while the rollback was not accepted
    sys.stdout.write(_("The loss was accepted and recorded in the audit log; the vault opens normally again.") + "\n")
    return 0
