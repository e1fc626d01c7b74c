"""``ecodesk memo REF --lang fr --out FILE [--sign] [--draft]`` and ``ecodesk memo verify FILE [--json]``.

``memo`` takes either a case reference or the word ``verify``: references always look like
``RET-2026-DKR-0007``, so the two forms cannot be confused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ecodesk.cli.common import Subparsers, add_json_option, open_vault, print_json, read_input, vault_path
from ecodesk.errors import InvalidInput
from ecodesk.i18n import LANGUAGES, N_, _, get_language
from ecodesk.storage.vault import is_vault

if TYPE_CHECKING:  # the memo stack (reportlab, pyHanko) loads only when a memo command runs
    from ecodesk.memo.verify import MemoVerification

ORDER = 40
VERIFY = "verify"
INTERIM = "interim"


def register(subparsers: Subparsers) -> None:
    memo = subparsers.add_parser(
        "memo",
        help=_("produce a case's assessment memo (PDF), or verify a signed memo"),
        usage=_(
            "ecodesk memo REF --out FILE [--lang {en,fr,es}] [--sign [--confirm-unassessed] | --draft] [--to TEXT]\n"
            "       ecodesk memo interim REF --out FILE [--lang {en,fr,es}] [--sign | --draft] [--to TEXT]\n"
            "       ecodesk memo verify FILE [--json]"
        ),
        description=_(
            "Produce the preliminary assessment memo of a retaliation case as a PDF, in English, French or "
            "Spanish. Without --sign the memo carries a DRAFT watermark. The PDF you write is not encrypted: keep "
            "it as safely as the paper original. 'ecodesk memo interim REF' gives the one-page urgent memo "
            "recommending interim protective measures, before the assessment is complete. 'ecodesk memo verify FILE' "
            "checks a signed memo."
        ),
    )
    memo.add_argument("reference", metavar="REF", help=_("the case reference, or 'verify' or 'interim'"))
    memo.add_argument(
        "file", metavar="FILE", nargs="?",
        help=_("with 'verify': the signed memo to check; with 'interim': the case reference"),
    )  # fmt: skip
    memo.add_argument(
        "--lang", dest="memo_language", choices=LANGUAGES, help=_("language of the memo (default: the office's)")
    )
    memo.add_argument("--out", metavar="FILE", help=_("where to write the PDF (not encrypted)"))
    mode = memo.add_mutually_exclusive_group()
    mode.add_argument("--sign", action="store_true", help=_("sign the memo with your certificate and keep it"))
    mode.add_argument("--draft", action="store_true", help=_("a draft with a DRAFT watermark (the default)"))
    memo.add_argument("--to", metavar="TEXT", default="", help=_("the addressee (default: the Ethics Office)"))
    memo.add_argument(
        "--confirm-unassessed",
        action="store_true",
        help=_(
            "with --sign: do not ask before signing a memo whose points are not all assessed (they are shown as such)"
        ),
    )
    add_json_option(memo)
    memo.set_defaults(func=cmd_memo)


def cmd_memo(args: argparse.Namespace) -> int:
    from ecodesk.memo.service import draft_memo, save_memo_copy, sign_memo, unassessed_labels, unassessed_points
    if args.reference == VERIFY:
        return cmd_verify(args)
    interim = args.reference == INTERIM
    if interim:
        if args.file is None:
            raise InvalidInput(N_("Give the case reference: ecodesk memo interim REF --out FILE."))
        args.reference, args.file = args.file, None
    if args.file is not None:
        raise InvalidInput(
            N_("Unexpected argument {value}. To check a memo: ecodesk memo verify FILE."), value=args.file
        )
    if not args.out:
        raise InvalidInput(N_("Say where to write the memo with --out FILE."))
    out = Path(args.out)
    if out.is_dir():
        raise InvalidInput(N_("{path} is a folder: give a file name with --out."), path=str(out))
    with open_vault(args) as vault:
        language = args.memo_language or vault.settings.memo_language.value
        # The interim memo states no assessment (it goes before it is complete): it has no unassessed points.
        points = [] if interim else unassessed_points(vault, args.reference)
        if args.sign:
            memo = sign_memo(
                vault,
                args.reference,
                language,
                addressee=args.to,
                confirm_unassessed=_confirmed(args, points),
                interim=interim,
            )
        else:
            memo = draft_memo(vault, args.reference, language, addressee=args.to, interim=interim)
        save_memo_copy(vault, memo, out)
    if args.json:
        print_json(
            {
                "reference": memo.reference,
                "language": memo.language,
                "signed": memo.signed,
                "pages": memo.pages,
                "sha256": memo.sha256,
                "file": str(out),
                "unassessed": points,
                "interim": interim,
            }
        )
    else:
        done = _("Signed memo written to {path}.") if memo.signed else _("Draft memo written to {path}.")
        sys.stdout.write(done.format(path=out) + "\n")
        sys.stdout.write(_("SHA-256: {sha256}", sha256=memo.sha256) + "\n")
        if points:
            names = ", ".join(unassessed_labels(points, get_language()))
            sys.stderr.write(_("Not yet assessed (shown as such in the memo): {points}", points=names) + "\n")
        sys.stderr.write(_("Warning: this PDF is not encrypted. Keep it as safely as the paper original.") + "\n")
    return 0


def _at_terminal() -> bool:
    return sys.stdin.isatty()


def _confirmed(args: argparse.Namespace, points: list[str]) -> bool:
    """Signing a memo with unassessed points: at a terminal the officer is asked, naming them. Scripts (no
    terminal; the command line is a stable contract for HQ automation) sign, and the points are named on standard
    error and in --json, as the memo itself shows them as not yet assessed."""
    from ecodesk.memo.service import unassessed_labels

    if not points or args.confirm_unassessed or not _at_terminal():
        return True
    names = ", ".join(unassessed_labels(points, get_language()))
    sys.stderr.write(_("These points are not yet assessed: {points}.", points=names) + "\n")
    answer = input(_("Sign the memo with them shown as not yet assessed? Type 'yes' to sign: "))
    return answer.strip().lower() in {"yes", _("yes").lower()}


def cmd_verify(args: argparse.Namespace) -> int:
    """Exit 0: signed, intact, unaltered. Exit 1: not signed, broken or altered. Exit 2: unreadable file."""
    if args.file is None:
        raise InvalidInput(N_("Name the memo to check: ecodesk memo verify FILE."))
    if args.out or args.sign or args.draft or args.memo_language or args.to:
        raise InvalidInput(N_("'memo verify' takes only a file name and --json."))
    data = read_input(args.file)
    report = _verify_with_vault_if_any(args, data)
    if args.json:
        print_json(report)
    else:
        _print_report(report)
    return 0 if report.ok else 1


def _verify_with_vault_if_any(args: argparse.Namespace, data: bytes) -> MemoVerification:
    """With a vault, the signer is compared with you and your contacts; without one, only the PDF is checked."""
    from ecodesk.memo.service import verify_memo_file
    if not is_vault(vault_path(args)):
        return verify_memo_file(None, data)
    try:
        with open_vault(args) as vault:
            return verify_memo_file(vault, data)
    except InvalidInput:
        # No passphrase available (e.g. no terminal): check the PDF alone rather than fail.
        return verify_memo_file(None, data)


def _print_report(report: MemoVerification) -> None:
    from ecodesk.memo.verify import SIGNER_STATUS_LABELS
    from ecodesk.org.status import certification_text
    from ecodesk.org.texts import ORGANIZATION_LINE
    out = sys.stdout.write
    if not report.signed:
        out(_("Not signed: this PDF carries no digital signature.") + "\n")
        return
    if report.intact and report.valid and report.unaltered:  # the organization line may still say "revoked"
        out(_("Signature intact: the memo has not been changed since it was signed.") + "\n")
    elif not report.intact:
        out(_("SIGNATURE BROKEN: the signed content was changed after signing. Do not rely on this memo.") + "\n")
    else:
        out(_("CHANGED AFTER SIGNING: content was added to the file after the signature. Do not rely on it.") + "\n")
    out(_("Signer: {name} ({office})", name=report.signer_name, office=report.signer_office) + "\n")
    if report.signing_time:
        out(_("Signed at: {time} UTC", time=report.signing_time.strftime("%Y-%m-%d %H:%M:%S")) + "\n")
    who = _(SIGNER_STATUS_LABELS[report.signer_status])
    if report.contact_name and report.signer_status.value.endswith("contact"):
        who = f"{who}: {report.contact_name}"
    out(_("Signer known as: {who}", who=who) + "\n")
    out(_(ORGANIZATION_LINE, status=certification_text(report)) + "\n")
    out(_("Certificate SHA-256: {sha256}", sha256=report.certificate_sha256) + "\n")
