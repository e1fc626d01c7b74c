"""``ecodesk case request-info|info-received|measure|measure-response|submit|review|decide|refer|investigation|
determine|corrective|close|workflow``: the case's clock, protective measures and life after the assessment.

Every command prints the case's workflow (``--json``: the same document as ``case workflow --json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ecodesk.casework import clock, hq, measures
from ecodesk.casework.summary import workflow_data, workflow_lines
from ecodesk.cli.common import add_json_option, open_vault, print_json
from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_, _
from ecodesk.models import Determination, ProtectiveMeasure, RetaliationCase
from ecodesk.models.workflow import FinalOutcome, MeasureResponse, ReviewOutcome

if TYPE_CHECKING:
    Actions = argparse._SubParsersAction[argparse.ArgumentParser]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(_("not a date (YYYY-MM-DD): {value}", value=text[:20])) from exc


def _yes_no(text: str) -> bool:
    if text.lower() in ("yes", "y", "true", "oui", "sí", "si"):
        return True
    if text.lower() in ("no", "n", "false", "non"):
        return False
    raise argparse.ArgumentTypeError(_("expected yes or no: {value}", value=text[:20]))


def _action(actions: Actions, name: str, help_text: str, func: object) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
    parser.add_argument("reference", metavar="REF")
    add_json_option(parser)
    parser.set_defaults(func=func)
    return parser


def _on(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--on", type=_date, metavar="DATE", help=_("the date it happened (default: today)"))


def register_case_actions(actions: Actions) -> None:
    """Add the workflow actions to ``ecodesk case``."""
    _action(actions, "workflow", _("show the case's clock, measures and decisions"), cmd_workflow)

    p = _action(actions, "request-info", _("record an information request (the assessment clock pauses)"),
                cmd_request_info)
    p.add_argument("--what", default="", metavar="TEXT", help=_("what was requested"))
    p.add_argument("--from", dest="requested_from", default="", metavar="NAME", help=_("from whom"))
    _on(p)
    p = _action(actions, "info-received", _("record that the information requested arrived (the clock restarts)"),
                cmd_info_received)
    p.add_argument("--request", metavar="ID", help=_("one request (id prefix); default: every pending one"))
    _on(p)

    p = _action(actions, "measure", _("record a protective measure recommended to the Administration"), cmd_measure)
    p.add_argument("--kind", required=True, choices=[m.value for m in ProtectiveMeasure])
    p.add_argument("--to", required=True, metavar="NAME", help=_("to whom it was recommended"))
    p.add_argument("--details", default="", metavar="TEXT")
    p.add_argument("--consent", type=_yes_no, metavar="yes|no", help=_("the complainant's consent"))
    p.add_argument("--follow-up", type=_date, metavar="DATE", help=_("when to follow up (default: in 14 days)"))
    _on(p)
    p = _action(actions, "measure-response", _("record the Administration's response to a measure"),
                cmd_measure_response)
    p.add_argument("measure", metavar="MEASURE", help=_("the measure's id prefix or kind"))
    p.add_argument("--response", required=True, choices=[r.value for r in MeasureResponse])
    p.add_argument("--follow-up", type=_date, metavar="DATE", help=_("when to follow up next"))
    p.add_argument("--notes", default="", metavar="TEXT")
    _on(p)

    p = _action(actions, "submit", _("send the completed assessment to HQ in a package"), cmd_submit)
    p.add_argument("--to", required=True, action="append", metavar="CONTACT", help=_("HQ's contact name"))
    p.add_argument("--out", required=True, metavar="FILE", help=_("the package file to write"))
    _on(p)
    p = _action(actions, "review", _("HQ: record the review of the regional assessment"), cmd_review)
    p.add_argument("--outcome", required=True, choices=[o.value for o in ReviewOutcome])
    p.add_argument("--by", required=True, metavar="NAME")
    p.add_argument("--reasons", default="", metavar="TEXT", help=_("required when the assessment is changed"))
    _on(p)
    p = _action(actions, "decide", _("HQ: record the determination of the Chief of the Ethics Office"), cmd_decide)
    p.add_argument("--determination", required=True, choices=[d.value for d in Determination])
    p.add_argument("--by", required=True, metavar="NAME")
    _on(p)
    p = _action(actions, "refer", _("HQ: record the referral to the oversight office"), cmd_refer)
    p.add_argument("--oversight-ref", default="", metavar="REF", help=_("the oversight office's reference"))
    p.add_argument("--expected", type=_date, metavar="DATE", help=_("expected completion of the investigation"))
    _on(p)
    p = _action(actions, "investigation", _("HQ: record the investigation report received"), cmd_investigation)
    p.add_argument("--summary", default="", metavar="TEXT")
    _on(p)
    p = _action(actions, "determine", _("HQ: record the final determination of retaliation"), cmd_determine)
    p.add_argument("--outcome", required=True, choices=[o.value for o in FinalOutcome])
    p.add_argument("--organization-evidence", default="", metavar="TEXT",
                   help=_("the Organization's evidence that it would have taken the same action"))
    p.add_argument("--clear-and-convincing", type=_yes_no, metavar="yes|no",
                   help=_("whether that evidence is clear and convincing"))
    _on(p)
    p = _action(actions, "corrective", _("HQ: record corrective measures recommended to the Administration"),
                cmd_corrective)
    p.add_argument("--measures", required=True, metavar="TEXT")
    p.add_argument("--disciplinary-to", default="", metavar="NAME",
                   help=_("refer the retaliator for disciplinary action to this office"))
    _on(p)
    p = _action(actions, "close", _("close the case (with the letter to the complainant)"), cmd_close)
    p.add_argument("--letter-sent", type=_date, metavar="DATE", help=_("when the letter to the complainant was sent"))
    p.add_argument("--notes", default="", metavar="TEXT")
    _on(p)  # fmt: skip


def _print(args: argparse.Namespace, case: RetaliationCase, extra: dict[str, object] | None = None) -> int:
    today = dt.date.today()
    if args.json:
        print_json({**workflow_data(case, today), **(extra or {})})
    else:
        sys.stdout.write(f"{case.reference}\n")
        for label, value in workflow_lines(case, today):
            sys.stdout.write(f"  {label}: {value}\n")
    return 0


def cmd_workflow(args: argparse.Namespace) -> int:
    from ecodesk.assessment import load_case

    with open_vault(args) as vault:
        case = load_case(vault, args.reference)
    return _print(args, case)


def cmd_request_info(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        case = clock.request_information(
            vault, args.reference, what=args.what, requested_from=args.requested_from, on=args.on
        )
    return _print(args, case)


def cmd_info_received(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        case = clock.information_received(vault, args.reference, on=args.on, request_id=args.request)
    return _print(args, case)


def cmd_measure(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        case, measure = measures.recommend_measure(
            vault, args.reference, kind=ProtectiveMeasure(args.kind), recommended_to=args.to, details=args.details,
            consent=args.consent, follow_up_on=args.follow_up, on=args.on,
        )  # fmt: skip
    return _print(args, case, {"measure_id": str(measure.id)})


def cmd_measure_response(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        case = measures.record_response(
            vault, args.reference, args.measure, response=MeasureResponse(args.response), on=args.on,
            follow_up_on=args.follow_up, notes=args.notes,
        )  # fmt: skip
    return _print(args, case)


def cmd_submit(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        case, package_id = hq.submit_to_hq(vault, args.reference, to=args.to, out=Path(args.out), on=args.on)
    return _print(args, case, {"package_id": package_id})


def cmd_review(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        case = hq.review(
            vault, args.reference, outcome=ReviewOutcome(args.outcome), by=args.by, reasons=args.reasons, on=args.on
        )
    return _print(args, case)


def cmd_decide(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        case = hq.decide(vault, args.reference, determination=Determination(args.determination), by=args.by, on=args.on)
    return _print(args, case)


def cmd_refer(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        case = hq.refer(
            vault, args.reference, oversight_reference=args.oversight_ref, expected=args.expected, on=args.on
        )
    return _print(args, case)


def cmd_investigation(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        case = hq.investigation_received(vault, args.reference, summary=args.summary, on=args.on)
    return _print(args, case)


def cmd_determine(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        case = hq.final_determination(
            vault, args.reference, outcome=FinalOutcome(args.outcome),
            organization_evidence=args.organization_evidence, clear_and_convincing=args.clear_and_convincing,
            on=args.on,
        )  # fmt: skip
    return _print(args, case)


def cmd_corrective(args: argparse.Namespace) -> int:
    if not args.measures.strip():
        raise InvalidInput(N_("Field {field}: {reason}."), field="measures", reason=N_("this field is required"))
    with open_vault(args) as vault:
        case = hq.recommend_corrective(
            vault, args.reference, measures=args.measures, disciplinary_to=args.disciplinary_to, on=args.on
        )
    return _print(args, case)


def cmd_close(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        case = hq.close(vault, args.reference, letter_sent_on=args.letter_sent, notes=args.notes, on=args.on)
    return _print(args, case)
