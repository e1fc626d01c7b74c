"""``ecodesk case summary REF --lang fr --out FILE``: one case file on paper (registered by record_commands)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecodesk.cli.common import Subparsers, add_json_option, open_vault, print_json
from ecodesk.errors import InvalidInput
from ecodesk.i18n import LANGUAGES, N_, _, get_language


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
