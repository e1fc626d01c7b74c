"""``ecodesk package`` and ``ecodesk conflicts``: export, import, inspect and acknowledge the encrypted, signed
case packages exchanged with HQ, list the outbox and inbox, and review records edited on both sides.
Exit code 5 when a package is refused."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecodesk.cli.common import Subparsers, add_json_option, open_vault, print_json, print_table, read_input
from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_, _, translator
from ecodesk.packages import texts
from ecodesk.packages.format import PackageKind

CONFLICT_RESOLVED = N_("Conflict on {reference} resolved: {choice} version kept (revision {revision}).")
KEEP_LOCAL = N_("this vault's")
KEEP_INCOMING = N_("the received")
BAD_DOCUMENT_OPTION = N_("Give documents as NAME=FILE, e.g. stats.json=stats-2026.json.")
NO_CONFLICTS = N_("No open conflicts.")
COL_DATE = N_("Date")
COL_PACKAGE = N_("Package")
COL_KIND = N_("Kind")
COL_TO = N_("To")
COL_FROM = N_("From")
COL_STATUS = N_("Status")
COL_REFERENCE = N_("Reference")
COL_LOCAL = N_("This vault's revision")
COL_INCOMING = N_("Received revision")
OUTBOX = N_("Sent (outbox)")
INBOX = N_("Received (inbox)")
STATUS_ACKNOWLEDGED = N_("acknowledged")
STATUS_NOT_ACKNOWLEDGED = N_("not acknowledged")
STATUS_IMPORTED = N_("imported")
STATUS_REFUSED = N_("refused")
STATUS_UNVERIFIED = N_("imported (unverified sender)")
INSPECT_PACKAGE = N_("Package {package} ({kind}), made {created}")
INSPECT_SENDER = N_("From: {name} ({office}), fingerprint {fingerprint}")
INSPECT_SENDER_VERIFIED = N_("The sender is a verified contact ({contact}).")
INSPECT_SENDER_UNVERIFIED = N_("The sender is the contact {contact}, NOT verified.")
INSPECT_SENDER_UNKNOWN = N_("The sender is NOT one of your contacts.")
INSPECT_RECIPIENTS = N_("To: {names}")
INSPECT_CONTENTS = N_("{records} records, {attachments} attachments ({size}), {documents} documents")
INSPECT_ALREADY = N_("This package was already imported.")
INSPECT_VALID = N_("Signature and every checksum verified. Nothing was applied.")

ORDER = 31  # after ``keys`` and ``contacts`` (identity_commands)


def register(subparsers: Subparsers) -> None:
    _register_package(subparsers)
    _register_conflicts(subparsers)


def _register_package(subparsers: Subparsers) -> None:
    package = subparsers.add_parser(
        "package", help=_("export, import, inspect and acknowledge encrypted case packages")
    )
    actions = package.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    export = actions.add_parser("export", help=_("write an encrypted, signed package for one or more contacts"))
    export.add_argument(
        "--to", action="append", required=True, metavar="NAME", help=_("a recipient (contact name); repeat for several")
    )
    selection = export.add_mutually_exclusive_group()
    selection.add_argument(
        "--case", action="append", default=[], metavar="REF",
        help=_("a case to include (reference); repeat for several")
    )
    selection.add_argument(
        "--advice", action="append", default=[], metavar="REF",
        help=_("an advice record to include (reference); repeat for several")
    )
    selection.add_argument(
        "--since-ack", action="store_true", help=_("include every record the recipients have not confirmed receiving")
    )
    export.add_argument(
        "--kind",
        choices=[PackageKind.cases.value, PackageKind.advice.value, PackageKind.stats.value,
                 PackageKind.key_exchange.value],
        default=None,
        help=_("the kind of package (default: cases)"),
    )
    export.add_argument(
        "--document", action="append", default=[], metavar="NAME=FILE",
        help=_("for stats and key-exchange packages: a document to include, as NAME=FILE")
    )
    export.add_argument("--out", required=True, metavar="FILE", help=_("the file to write"))
    export.add_argument(
        "--split-mb", type=int, metavar="N",
        help=_("split the package into volumes of at most N MB (FILE.001, FILE.002, ...)")
    )
    add_json_option(export)
    export.set_defaults(func=cmd_package_export)

    imp = actions.add_parser(
        "import", help=_("verify a package and apply it in one step, or refuse it and change nothing")
    )
    imp.add_argument("file", metavar="FILE", help=_("the package file (or its first volume)"))
    imp.add_argument(
        "--accept-unverified", action="store_true",
        help=_("accept a package from a sender whose fingerprint was not verified (it is marked)")
    )
    imp.add_argument("--ack-out", metavar="FILE", help=_("also write the acknowledgement for the sender to this file"))
    add_json_option(imp)
    imp.set_defaults(func=cmd_package_import)

    inspect = actions.add_parser("inspect", help=_("verify a package and show what it contains, without applying it"))
    inspect.add_argument("file", metavar="FILE", help=_("the package file (or its first volume)"))
    add_json_option(inspect)
    inspect.set_defaults(func=cmd_package_inspect)

    ack = actions.add_parser("ack", help=_("write the acknowledgement of an imported package for its sender"))
    ack.add_argument(
        "--for", dest="package_id", required=True, metavar="PACKAGE_ID", help=_("the id of the imported package")
    )
    ack.add_argument("--out", required=True, metavar="FILE", help=_("the file to write"))
    add_json_option(ack)
    ack.set_defaults(func=cmd_package_ack)

    listing = actions.add_parser("list", help=_("list the packages sent (outbox) and received (inbox)"))
    add_json_option(listing)
    listing.set_defaults(func=cmd_package_list)


def _register_conflicts(subparsers: Subparsers) -> None:
    conflicts = subparsers.add_parser("conflicts", help=_("records changed on both sides since the last exchange"))
    actions = conflicts.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", help=_("list the open conflicts"))
    listing.add_argument("--all", action="store_true", help=_("include resolved conflicts"))
    add_json_option(listing)
    listing.set_defaults(func=cmd_conflicts_list)
    resolve = actions.add_parser("resolve", help=_("keep one version of a record in conflict"))
    resolve.add_argument("reference", metavar="REF", help=_("the record's reference"))
    resolve.add_argument(
        "--keep", required=True, choices=["local", "incoming"],
        help=_("local: keep this vault's version; incoming: keep the received version")
    )
    resolve.set_defaults(func=cmd_conflicts_resolve)


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")


def _size(n: int) -> str:
    return translator().format_size(n)


# -- packages ------------------------------------------------------------------------------------------------
def _documents(specs: list[str]) -> dict[str, bytes]:
    documents: dict[str, bytes] = {}
    for spec in specs:
        name, sep, file = spec.partition("=")
        if not sep or not name or not file:
            raise InvalidInput(BAD_DOCUMENT_OPTION)
        documents[name.strip()] = read_input(file)
    return documents


def cmd_package_export(args: argparse.Namespace) -> int:
    from ecodesk.packages.export import NothingToExport, export_package

    kind = args.kind or (PackageKind.advice.value if args.advice and not args.case else PackageKind.cases.value)
    documents = _documents(args.document)
    with open_vault(args) as vault:
        try:
            result = export_package(
                vault,
                to=args.to,
                out=Path(args.out),
                kind=kind,
                cases=args.case,
                advice=args.advice,
                since_ack=args.since_ack,
                documents=documents or None,
                split_mb=args.split_mb,
            )
        except NothingToExport as exc:
            if args.json:
                print_json({"package_id": None, "files": [], "references": []})
            else:
                _say(str(exc))
            return 0
    if args.json:
        print_json(result)
        return 0
    _say(
        _(
            texts.EXPORTED,
            package=result.package_id,
            size=_size(result.size),
            recipients=", ".join(result.recipients),
            records=len(result.references),
            attachments=result.attachments,
        )
    )
    _say(_(texts.EXPORTED_FILES, files=", ".join(str(f) for f in result.files)))
    return 0


def cmd_package_import(args: argparse.Namespace) -> int:
    from ecodesk.packages.importing import import_package

    with open_vault(args) as vault:
        result = import_package(
            vault,
            Path(args.file),
            accept_unverified=args.accept_unverified,
            ack_out=Path(args.ack_out) if args.ack_out else None,
        )
    if args.json:
        print_json(result)
        return 0
    if result.already_imported:
        when = translator().format_datetime(result.imported_at) if result.imported_at else "?"
        _say(_(texts.ALREADY_IMPORTED, package=result.package_id, date=when))
        return 0
    _say(_(texts.IMPORTED, package=result.package_id, sender=f"{result.sender} ({result.sender_office})"))
    if result.unverified:
        _say(_(texts.IMPORTED_UNVERIFIED))
    for template, count in result.summary_lines():
        _say("  " + _(template, count=count))
    if result.ack_file is not None:
        _say(_(texts.ACK_WRITTEN, file=result.ack_file))
    if result.org is not None:
        from ecodesk.org.status import receipt_lines

        for line in receipt_lines(result.org):
            _say(line)
    return 0


def cmd_package_inspect(args: argparse.Namespace) -> int:
    from ecodesk.packages.inspection import inspect_package

    with open_vault(args) as vault:
        inspection = inspect_package(vault, Path(args.file))
    if args.json:
        print_json(inspection)
        return 0
    manifest = inspection.manifest
    sender = manifest.sender
    _say(
        _(
            INSPECT_PACKAGE,
            package=manifest.package_id,
            kind=manifest.kind.value,
            created=translator().format_datetime(manifest.created_at),
        )
    )
    _say(_(INSPECT_SENDER, name=sender.name, office=sender.office, fingerprint=sender.fingerprint))
    if inspection.sender_contact is None:
        _say(_(INSPECT_SENDER_UNKNOWN))
    elif inspection.sender_verified:
        _say(_(INSPECT_SENDER_VERIFIED, contact=inspection.sender_contact))
    else:
        _say(_(INSPECT_SENDER_UNVERIFIED, contact=inspection.sender_contact))
    _say(_(INSPECT_RECIPIENTS, names=", ".join(f"{p.name} ({p.office})" for p in manifest.recipients)))
    _say(
        _(
            INSPECT_CONTENTS,
            records=len(manifest.records),
            attachments=len(manifest.attachments),
            size=_size(sum(a.size for a in manifest.attachments)),
            documents=len(manifest.documents),
        )
    )
    for entry in manifest.records:
        _say(f"  {entry.reference}  r{entry.revision}  {entry.office}")
    if inspection.already_imported:
        _say(_(INSPECT_ALREADY))
    _say(_(INSPECT_VALID))
    return 0


def cmd_package_ack(args: argparse.Namespace) -> int:
    from ecodesk.packages.acks import create_acknowledgement

    with open_vault(args) as vault:
        result = create_acknowledgement(vault, args.package_id, Path(args.out))
    if args.json:
        print_json(result)
        return 0
    _say(_(texts.ACK_WRITTEN, file=result.files[0]))
    return 0


def cmd_package_list(args: argparse.Namespace) -> int:

    with open_vault(args) as vault:
        exchange = vault.exchange
        sent, received = exchange.sent(), exchange.received()
    if args.json:
        print_json({"sent": [s.model_dump(mode="json") for s in sent],
                    "received": [r.model_dump(mode="json") for r in received]})
        return 0
    tr = translator()
    _say(_(OUTBOX))
    print_table(
        [
            [
                tr.format_datetime(s.created_at),
                str(s.id),
                _(texts.KIND_LABELS.get(s.kind, s.kind)),
                ", ".join(r.name for r in s.recipients),
                _(STATUS_ACKNOWLEDGED if s.acknowledged else STATUS_NOT_ACKNOWLEDGED),
            ]
            for s in sent
        ],
        [_(COL_DATE), _(COL_PACKAGE), _(COL_KIND), _(COL_TO), _(COL_STATUS)],
    )
    _say("")
    _say(_(INBOX))
    rows = []
    for r in received:
        if r.status == "refused":
            status = _(STATUS_REFUSED) + ": " + _(r.reason, **r.reason_params)
        else:
            status = _(STATUS_UNVERIFIED if r.unverified else STATUS_IMPORTED)
        when = tr.format_datetime(r.received_at)
        kind = _(texts.KIND_LABELS[r.kind]) if r.kind in texts.KIND_LABELS else "-"
        rows.append([when, str(r.package_id or "-"), kind, r.sender or "-", status])
    print_table(rows, [_(COL_DATE), _(COL_PACKAGE), _(COL_KIND), _(COL_FROM),
                       _(COL_STATUS)])
    return 0


# -- conflicts -----------------------------------------------------------------------------------------------
def cmd_conflicts_list(args: argparse.Namespace) -> int:
    from ecodesk.packages.conflicts import list_conflicts

    with open_vault(args) as vault:
        conflicts = list_conflicts(vault, include_resolved=args.all)
    if args.json:
        print_json(conflicts)
        return 0
    if not conflicts:
        _say(_(NO_CONFLICTS))
        return 0
    tr = translator()
    print_table(
        [
            [c.reference, str(c.local_revision), str(c.incoming_revision), c.sender, tr.format_datetime(c.detected_at),
             c.resolution]
            for c in conflicts
        ],
        [_(COL_REFERENCE), _(COL_LOCAL), _(COL_INCOMING), _(COL_FROM), _(COL_DATE),
         _(COL_STATUS)],
    )
    return 0


def cmd_conflicts_resolve(args: argparse.Namespace) -> int:
    from ecodesk.packages.conflicts import resolve_conflict

    with open_vault(args) as vault:
        record = resolve_conflict(vault, args.reference, args.keep)
    choice = _(KEEP_LOCAL if args.keep == "local" else KEEP_INCOMING)
    _say(_(CONFLICT_RESOLVED, reference=record.reference, choice=choice, revision=record.revision))
    return 0
