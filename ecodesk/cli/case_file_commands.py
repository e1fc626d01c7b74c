"""``ecodesk case summary REF --lang fr --out FILE``: one case file on paper; ``ecodesk case|advice archive REF``,
``restore REF`` and ``withdraw REF --reason TEXT --confirm``: setting a record aside (registered by
record_commands)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecodesk.cli.common import Subparsers, add_json_option, open_vault, print_json
from ecodesk.errors import InvalidInput
from ecodesk.i18n import LANGUAGES, N_, _, get_language
from ecodesk.models import RecordKind


def add_summary_action(actions: Subparsers) -> None:
    summary = actions.add_parser(
        "summary",
        help=_("write a case file summary with its history as a PDF (not encrypted)"),
        description=_(
            "Write the summary of one retaliation case (facts, parties, evidence, assessment, revisions and audit "
            "log) as a PDF in English, French or Spanish. The file is not encrypted: keep it as safely as the "
            "paper file."
        ),
    )
    summary.add_argument("reference", metavar="REF")
    summary.add_argument(
        "--lang", dest="summary_language", choices=LANGUAGES, metavar="LANG",
        help=_("language of the summary: en, fr or es (default: the language of messages)"),
    )  # fmt: skip
    summary.add_argument("--out", required=True, metavar="FILE", help=_("where to write the PDF (not encrypted)"))
    add_json_option(summary)
    summary.set_defaults(func=cmd_summary)


def cmd_summary(args: argparse.Namespace) -> int:
    from ecodesk.memo.case_summary import case_summary, save_case_summary

    out = Path(args.out)
    if out.is_dir():
        raise InvalidInput(N_("{path} is a folder: give a file name with --out."), path=str(out))
    language = args.summary_language or get_language()
    with open_vault(args) as vault:
        summary = case_summary(vault, args.reference, language)
        save_case_summary(vault, summary, out)
    if args.json:
        print_json({"reference": summary.reference, "language": language, "pages": summary.pages, "file": str(out)})
    else:
        sys.stdout.write(_("Case summary written to {path} (not encrypted).", path=str(out)) + "\n")
    return 0


def add_shelf_actions(actions: Subparsers, kind: RecordKind) -> None:
    archive = actions.add_parser("archive", help=_("archive a record: hidden from lists until restored (audited)"))
    archive.add_argument("reference", metavar="REF")
    archive.set_defaults(func=cmd_archive, kind=kind)
    restore = actions.add_parser("restore", help=_("bring an archived record back into the lists (audited)"))
    restore.add_argument("reference", metavar="REF")
    restore.set_defaults(func=cmd_restore, kind=kind)
    withdraw = actions.add_parser(
        "withdraw",
        help=_("withdraw a record created in error, for good (audited; its history is kept)"),
        description=_(
            "Withdraw a record created by mistake (a duplicate, a test, the wrong kind). Records are audit-protected: "
            "nothing is erased. The record leaves every list for good, its reference is never reused, and its "
            "content stays unchanged in its history with your reason."
        ),
    )
    withdraw.add_argument("reference", metavar="REF")
    withdraw.add_argument("--reason", required=True, metavar="TEXT", help=_("why the record was created in error"))
    withdraw.add_argument("--confirm", action="store_true", help=_("confirm: a withdrawal cannot be undone"))
    withdraw.set_defaults(func=cmd_withdraw, kind=kind)


def _check_kind(vault: object, args: argparse.Namespace) -> None:
    from ecodesk.storage.vault import Vault

    assert isinstance(vault, Vault)
    record = vault.records.get(args.reference)
    if record.kind != args.kind.value:
        raise InvalidInput(N_("{reference} is not a record of this kind."), reference=record.reference)


def cmd_archive(args: argparse.Namespace) -> int:
    from ecodesk.records.shelf import archive_record

    with open_vault(args) as vault:
        _check_kind(vault, args)
        record = archive_record(vault, args.reference)
    sys.stdout.write(_("{reference} archived: hidden from lists (list --all shows it).", reference=record.reference)
                     + "\n")  # fmt: skip
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from ecodesk.records.shelf import restore_record

    with open_vault(args) as vault:
        _check_kind(vault, args)
        record = restore_record(vault, args.reference)
    sys.stdout.write(_("{reference} is back in the lists.", reference=record.reference) + "\n")
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    from ecodesk.records.shelf import withdraw_record

    if not args.confirm:
        raise InvalidInput(N_("A withdrawal cannot be undone: add --confirm to withdraw the record."))
    with open_vault(args) as vault:
        _check_kind(vault, args)
        record = withdraw_record(vault, args.reference, args.reason)
    sys.stdout.write(_("{reference} withdrawn as created in error; its history is kept.", reference=record.reference)
                     + "\n")  # fmt: skip
    return 0
