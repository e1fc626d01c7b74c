"""``ecodesk package`` and ``ecodesk conflicts``: export, import, inspect and acknowledge the encrypted, signed
case packages exchanged with HQ, list the outbox and inbox, and review records edited on both sides.
Exit code 5 when a package is refused."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecodesk.cli.common import add_json_option, open_vault, print_json, print_table, read_input
from ecodesk.errors import InvalidInput
from ecodesk.i18n import _, translator
from ecodesk.packages import texts
from ecodesk.packages.format import PackageKind

ORDER = 31  # after ``keys`` and ``contacts`` (identity_commands)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    _register_package(subparsers)
    _register_conflicts(subparsers)


def _register_package(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    package = subparsers.add_parser("package", help=_(texts.HELP_PACKAGE))
    actions = package.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    export = actions.add_parser("export", help=_(texts.HELP_PACKAGE_EXPORT))
    export.add_argument("--to", action="append", required=True, metavar="NAME", help=_(texts.HELP_TO))
    selection = export.add_mutually_exclusive_group()
    selection.add_argument("--case", action="append", default=[], metavar="REF", help=_(texts.HELP_CASE))
    selection.add_argument("--advice", action="append", default=[], metavar="REF", help=_(texts.HELP_ADVICE))
    selection.add_argument("--since-ack", action="store_true", help=_(texts.HELP_SINCE_ACK))
    export.add_argument(
        "--kind",
        choices=[PackageKind.cases.value, PackageKind.advice.value, PackageKind.stats.value,
                 PackageKind.key_exchange.value],
        default=None,
        help=_(texts.HELP_KIND),
    )
    export.add_argument("--document", action="append", default=[], metavar="NAME=FILE", help=_(texts.HELP_DOCUMENT))
    export.add_argument("--out", required=True, metavar="FILE", help=_(texts.HELP_OUT))
    export.add_argument("--split-mb", type=int, metavar="N", help=_(texts.HELP_SPLIT))
    add_json_option(export)
    export.set_defaults(func=cmd_package_export)

    imp = actions.add_parser("import", help=_(texts.HELP_PACKAGE_IMPORT))
    imp.add_argument("file", metavar="FILE", help=_(texts.HELP_PACKAGE_FILE))
    imp.add_argument("--accept-unverified", action="store_true", help=_(texts.HELP_ACCEPT_UNVERIFIED))
    imp.add_argument("--ack-out", metavar="FILE", help=_(texts.HELP_ACK_OUT))
    add_json_option(imp)
    imp.set_defaults(func=cmd_package_import)

    inspect = actions.add_parser("inspect", help=_(texts.HELP_PACKAGE_INSPECT))
    inspect.add_argument("file", metavar="FILE", help=_(texts.HELP_PACKAGE_FILE))
    add_json_option(inspect)
    inspect.set_defaults(func=cmd_package_inspect)

    ack = actions.add_parser("ack", help=_(texts.HELP_PACKAGE_ACK))
    ack.add_argument("--for", dest="package_id", required=True, metavar="PACKAGE_ID", help=_(texts.HELP_FOR))
    ack.add_argument("--out", required=True, metavar="FILE", help=_(texts.HELP_OUT))
    add_json_option(ack)
    ack.set_defaults(func=cmd_package_ack)

    listing = actions.add_parser("list", help=_(texts.HELP_PACKAGE_LIST))
    add_json_option(listing)
    listing.set_defaults(func=cmd_package_list)


def _register_conflicts(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    conflicts = subparsers.add_parser("conflicts", help=_(texts.HELP_CONFLICTS))
    actions = conflicts.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", help=_(texts.HELP_CONFLICTS_LIST))
    listing.add_argument("--all", action="store_true", help=_(texts.HELP_ALL))
    add_json_option(listing)
    listing.set_defaults(func=cmd_conflicts_list)
    resolve = actions.add_parser("resolve", help=_(texts.HELP_CONFLICTS_RESOLVE))
    resolve.add_argument("reference", metavar="REF", help=_(texts.HELP_REFERENCE))
    resolve.add_argument("--keep", required=True, choices=["local", "incoming"], help=_(texts.HELP_KEEP))
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
            raise InvalidInput(texts.BAD_DOCUMENT_OPTION)
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
            texts.INSPECT_PACKAGE,
            package=manifest.package_id,
            kind=manifest.kind.value,
            created=translator().format_datetime(manifest.created_at),
        )
    )
    _say(_(texts.INSPECT_SENDER, name=sender.name, office=sender.office, fingerprint=sender.fingerprint))
    if inspection.sender_contact is None:
        _say(_(texts.INSPECT_SENDER_UNKNOWN))
    elif inspection.sender_verified:
        _say(_(texts.INSPECT_SENDER_VERIFIED, contact=inspection.sender_contact))
    else:
        _say(_(texts.INSPECT_SENDER_UNVERIFIED, contact=inspection.sender_contact))
    _say(_(texts.INSPECT_RECIPIENTS, names=", ".join(f"{p.name} ({p.office})" for p in manifest.recipients)))
    _say(
        _(
            texts.INSPECT_CONTENTS,
            records=len(manifest.records),
            attachments=len(manifest.attachments),
            size=_size(sum(a.size for a in manifest.attachments)),
            documents=len(manifest.documents),
        )
    )
    for entry in manifest.records:
        _say(f"  {entry.reference}  r{entry.revision}  {entry.office}")
    if inspection.already_imported:
        _say(_(texts.INSPECT_ALREADY))
    _say(_(texts.INSPECT_VALID))
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
    from ecodesk.storage.exchange import ExchangeStore

    with open_vault(args) as vault:
        exchange = ExchangeStore(vault.db)
        sent, received = exchange.sent(), exchange.received()
    if args.json:
        print_json({"sent": [s.model_dump(mode="json") for s in sent],
                    "received": [r.model_dump(mode="json") for r in received]})
        return 0
    tr = translator()
    _say(_(texts.OUTBOX))
    print_table(
        [
            [
                tr.format_datetime(s.created_at),
                str(s.id),
                _(texts.KIND_LABELS.get(s.kind, s.kind)),
                ", ".join(r.name for r in s.recipients),
                _(texts.STATUS_ACKNOWLEDGED if s.acknowledged else texts.STATUS_NOT_ACKNOWLEDGED),
            ]
            for s in sent
        ],
        [_(texts.COL_DATE), _(texts.COL_PACKAGE), _(texts.COL_KIND), _(texts.COL_TO), _(texts.COL_STATUS)],
    )
    _say("")
    _say(_(texts.INBOX))
    rows = []
    for r in received:
        if r.status == "refused":
            status = _(texts.STATUS_REFUSED) + ": " + _(r.reason, **r.reason_params)
        else:
            status = _(texts.STATUS_UNVERIFIED if r.unverified else texts.STATUS_IMPORTED)
        when = tr.format_datetime(r.received_at)
        kind = _(texts.KIND_LABELS[r.kind]) if r.kind in texts.KIND_LABELS else "-"
        rows.append([when, str(r.package_id or "-"), kind, r.sender or "-", status])
    print_table(rows, [_(texts.COL_DATE), _(texts.COL_PACKAGE), _(texts.COL_KIND), _(texts.COL_FROM),
                       _(texts.COL_STATUS)])
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
        _say(_(texts.NO_CONFLICTS))
        return 0
    tr = translator()
    print_table(
        [
            [c.reference, str(c.local_revision), str(c.incoming_revision), c.sender, tr.format_datetime(c.detected_at),
             c.resolution]
            for c in conflicts
        ],
        [_(texts.COL_REFERENCE), _(texts.COL_LOCAL), _(texts.COL_INCOMING), _(texts.COL_FROM), _(texts.COL_DATE),
         _(texts.COL_STATUS)],
    )
    return 0


def cmd_conflicts_resolve(args: argparse.Namespace) -> int:
    from ecodesk.packages.conflicts import resolve_conflict

    with open_vault(args) as vault:
        record = resolve_conflict(vault, args.reference, args.keep)
    choice = _(texts.KEEP_LOCAL if args.keep == "local" else texts.KEEP_INCOMING)
    _say(_(texts.CONFLICT_RESOLVED, reference=record.reference, choice=choice, revision=record.revision))
    return 0
