"""``ecodesk case ...``, ``ecodesk advice ...`` and ``ecodesk search``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ecodesk.casework.summary import workflow_lines
from ecodesk.cli.case_file_commands import add_shelf_actions, add_summary_action
from ecodesk.cli.casework_commands import register_case_actions as add_workflow_actions
from ecodesk.cli.common import Subparsers, add_json_option, open_vault, print_json, print_table, read_input
from ecodesk.cli.programme_commands import register_case_actions as add_recusal_actions
from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_, _, format_date
from ecodesk.models import (
    ADVICE_CATEGORY_LABELS,
    EVIDENCE_KIND_LABELS,
    EVIDENCE_STATUS_LABELS,
    RECUSAL_PARTY_LABELS,
    REQUESTER_TYPE_LABELS,
    AdviceCategory,
    AdviceRecord,
    RecordKind,
    RecordSummary,
    RetaliationCase,
    SearchQuery,
    status_label,
)
from ecodesk.records.intake import parse_json_object
from ecodesk.records.service import upsert_from_data
from ecodesk.storage.atomic import atomic_output

ORDER = 20


def register(subparsers: Subparsers) -> None:
    case = subparsers.add_parser("case", help=_("add, list, show retaliation cases and their attachments"))
    actions = case.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    _add_common_actions(actions, RecordKind.retaliation)
    attach = actions.add_parser("attach", help=_("attach a file (stored encrypted in the vault)"))
    attach.add_argument("reference", metavar="REF")
    attach.add_argument("file", metavar="FILE")
    attach.add_argument("--evidence", metavar="ITEM", help=_("evidence item: its id, kind or title"))
    add_json_option(attach)
    attach.set_defaults(func=cmd_attach)
    attachment = actions.add_parser("attachment", help=_("export an attachment (the copy is not encrypted)"))
    attachment.add_argument("reference", metavar="REF")
    attachment.add_argument("name", metavar="NAME", help=_("the attachment's file name or id"))
    attachment.add_argument("--out", required=True, metavar="FILE", help=_("where to write the copy"))
    attachment.set_defaults(func=cmd_attachment)
    add_summary_action(actions)
    add_workflow_actions(actions)
    add_recusal_actions(actions)

    advice = subparsers.add_parser("advice", help=_("add, list and show confidential advice records"))
    actions = advice.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    _add_common_actions(actions, RecordKind.advice)

    search = subparsers.add_parser("search", help=_("full-text search over cases and advice"))
    search.add_argument("text", metavar="TEXT")
    add_json_option(search)
    search.set_defaults(func=cmd_search)


def _add_common_actions(actions: Subparsers, kind: RecordKind) -> None:
    add = actions.add_parser("add", help=_("create, or update (matched by id or reference), from JSON"))
    add.add_argument("file", metavar="FILE|-", help=_("a JSON file, or - for standard input"))
    add_json_option(add)
    add.set_defaults(func=cmd_add, kind=kind)
    listing = actions.add_parser("list", help=_("list records, newest first"))
    listing.add_argument("--query", metavar="TEXT", help=_("only records matching this text"))
    listing.add_argument("--status", metavar="S", help=_("only records with this status"))
    listing.add_argument("--office", metavar="CODE", help=_("only records of this office"))
    if kind == RecordKind.advice:
        listing.add_argument("--category", metavar="CATEGORY", choices=[c.value for c in AdviceCategory],
                             help=_("only requests with this category (among their categories)"))
    listing.add_argument("--limit", type=int, default=None, metavar="N", help=_("at most N records"))
    listing.add_argument("--all", action="store_true", dest="include_set_aside",
                         help=_("also archived records and records withdrawn as created in error"))  # fmt: skip
    add_json_option(listing)
    listing.set_defaults(func=cmd_list, kind=kind)
    show = actions.add_parser("show", help=_("show one record"))
    show.add_argument("reference", metavar="REF")
    add_json_option(show)
    show.set_defaults(func=cmd_show, kind=kind)
    add_shelf_actions(actions, kind)


def cmd_add(args: argparse.Namespace) -> int:
    data = parse_json_object(read_input(args.file))
    with open_vault(args) as vault:
        record = upsert_from_data(vault, args.kind, data)
    if args.json:
        print_json({"reference": record.reference, "id": str(record.id), "revision": record.revision})
    else:
        sys.stdout.write(f"{record.reference}\n")
    return 0


def _summary_json(summary: RecordSummary) -> dict[str, object]:
    return summary.model_dump(mode="json")


def _print_summaries(summaries: list[RecordSummary]) -> None:
    rows = [
        [s.reference, status_label(s.kind, s.status), format_date(s.received_on), format_date(s.due_on), s.title]
        for s in summaries
    ]
    print_table(rows, [_("Reference"), _("Status"), _("Received on"), _("Due"), _("Title")])


def cmd_list(args: argparse.Namespace) -> int:
    query = SearchQuery(
        kind=args.kind,
        text=args.query or "",
        status=args.status,
        office=args.office.upper() if args.office else None,
        category=getattr(args, "category", None),
        limit=args.limit,
        include_set_aside=args.include_set_aside,
    )
    with open_vault(args) as vault:
        summaries = vault.records.find(query)
    if args.json:
        print_json([_summary_json(s) for s in summaries])
    else:
        _print_summaries(summaries)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        record = vault.records.get(args.reference)
        if record.kind != args.kind.value:
            raise InvalidInput(N_("{reference} is not a record of this kind."), reference=record.reference)
    if args.json:
        print_json(record)
    elif isinstance(record, RetaliationCase):
        _print_case(record)
    elif isinstance(record, AdviceRecord):
        _print_advice(record)
    return 0


def _line(label: str, value: object) -> None:
    if value not in (None, "", []):
        sys.stdout.write(f"{label}: {value}\n")


def _print_case(case: RetaliationCase) -> None:
    _line(_("Reference"), case.reference)
    _line(_("Title"), case.title)
    _line(_("Status"), status_label(RecordKind.retaliation, case.status))
    _line(_("Office"), case.office)
    _line(_("Received on"), format_date(case.received_on))
    # The clock rule (paused, stopped or running), measures, HQ's decisions and closure; the status is above.
    for label, value in workflow_lines(case, dt.date.today())[1:]:
        _line(label, value)
    _line(_("Complainant"), case.complainant.name)
    if case.recusal is not None:
        _line(_("Transferred to headquarters"), _(RECUSAL_PARTY_LABELS[case.recusal.party]))
    _line(_("Summary"), case.summary)
    for item in case.evidence:
        files = ", ".join(a.name for a in item.attachments)
        name = item.title or _(EVIDENCE_KIND_LABELS[item.kind])
        _line(_("Evidence"), f"{name} [{_(EVIDENCE_STATUS_LABELS[item.status])}] {files}")
    _line(_("Revision"), case.revision)


def _print_advice(advice: AdviceRecord) -> None:
    _line(_("Reference"), advice.reference)
    _line(_("Categories"), ", ".join(_(ADVICE_CATEGORY_LABELS[c]) for c in advice.categories))
    if advice.requester_type is not None:
        _line(_("Requester type"), _(REQUESTER_TYPE_LABELS[advice.requester_type]))
    _line(_("Status"), status_label(RecordKind.advice, advice.status))
    _line(_("Received on"), format_date(advice.received_on))
    _line(_("Requester"), _("anonymous") if advice.requester.anonymous else advice.requester.name)
    _line(_("Question"), advice.question)
    _line(_("Advice"), advice.advice)
    _line(_("Revision"), advice.revision)


def cmd_attach(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise InvalidInput(N_("Cannot read the file to attach.")) from exc
    with stream, open_vault(args) as vault:
        settings = vault.settings
        case, ref = vault.attachments.attach(
            args.reference,
            args.evidence,
            path.name,
            stream,
            office=settings.office_code,
            saved_by=settings.officer_name,
        )
    if args.json:
        print_json({"reference": case.reference, "attachment": ref.model_dump(mode="json")})
    else:
        sys.stdout.write(_("Attached {name} to {reference}.", name=ref.name, reference=case.reference) + "\n")
    return 0


def cmd_attachment(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        case = vault.records.get(args.reference)
        if not isinstance(case, RetaliationCase):
            raise InvalidInput(N_("{reference} is not a record of this kind."), reference=case.reference)
        ref = vault.attachments.find(case, args.name)
        with atomic_output(Path(args.out)) as out:
            vault.attachments.export(ref.id, out, reference=case.reference or "", record_id=case.id)
    sys.stderr.write(_("Warning: the exported copy is not encrypted.") + "\n")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        summaries = vault.records.find(SearchQuery(text=args.text, order_by="received_on"))
    if args.json:
        print_json([_summary_json(s) for s in summaries])
    else:
        _print_summaries(summaries)
    return 0
