"""``ecodesk assess REF --answers FILE`` and ``ecodesk assess REF --show``: the preliminary assessment."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from ecodesk.assessment import AssessmentAnswers, Limits, answers_from_case, evaluate, load_case, save_answers
from ecodesk.assessment.report import report_data
from ecodesk.assessment.service import merge_answers
from ecodesk.cli.common import Subparsers, add_json_option, open_vault, print_json, read_input
from ecodesk.i18n import _, format_date, get_language
from ecodesk.records.intake import parse_json_object, validate

ORDER = 35


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "assess", help=_("apply or show the preliminary assessment of a retaliation complaint")
    )
    parser.add_argument("reference", metavar="REF")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--answers", metavar="FILE|-", help=_("apply the answers in this JSON file (the structure the wizard saves)")
    )
    what.add_argument("--show", action="store_true", help=_("show the assessment as saved"))
    add_json_option(parser)
    parser.set_defaults(func=cmd_assess)


def cmd_assess(args: argparse.Namespace) -> int:
    today = dt.date.today()
    data = None
    if args.answers:
        data = parse_json_object(read_input(args.answers))
        validate(AssessmentAnswers, data)  # name a wrong field before asking for the vault
    with open_vault(args) as vault:
        if data is not None:
            answers = merge_answers(load_case(vault, args.reference), data)
            case, evaluation = save_answers(vault, args.reference, answers, today=today)
        else:
            case = load_case(vault, args.reference)
            evaluation = evaluate(
                answers_from_case(case), Limits.from_settings(vault.settings), today, due_on=case.deadline()
            )
    data = report_data(case, evaluation, get_language())
    if args.json:
        print_json(data)
    else:
        _print_report(data)
    return 0


def _yes_no(value: bool | None) -> str:
    return _("not known") if value is None else (_("yes") if value else _("no"))


def _date(value: str | None) -> str:
    return format_date(dt.date.fromisoformat(value)) if value else _("not known")


def _print_report(data: dict[str, Any]) -> None:
    out = sys.stdout.write
    facts = data["facts"]
    out(_("Assessment of {reference} (revision {revision})", reference=data["reference"], revision=data["revision"]))
    out("\n\n" + _("Derived facts") + "\n")
    out("  " + _("Received: {date}", date=_date(facts["received_on"])) + "\n")
    if facts["days_left"] is not None:
        left = facts["days_left"]
        due = _date(facts["due_on"])
        text = (
            _("Assessment due: {date} ({days} days left)", date=due, days=left)
            if left >= 0
            else _("Assessment due: {date} (overdue by {days} days)", date=due, days=-left)
        )
        out("  " + text + "\n")
    since = facts["days_since_latest_action"]
    out(
        "  "
        + _(
            "Days from the most recent action to receipt: {days} (limit: {months} months)",
            days=since if since is not None else _("not known"),
            months=facts["filing_limit_months"],
        )
        + "\n"
    )
    out("  " + _("Filed in time: {answer}", answer=_yes_no(facts["filed_in_time"])) + "\n")
    closest = facts["closest_interval_days"]
    out(
        "  "
        + _(
            "Shortest interval from a protected activity to a later action: {days}",
            days=_("{days} days", days=closest) if closest is not None else _("not known"),
        )
        + "\n"
    )
    if facts["causal_order"] == "impossible":
        out("  " + _("Every action predates every protected activity: no causal link is possible.") + "\n")
    done, total = data["completeness"]["resolved"], data["completeness"]["total"]
    out("\n" + _("Evidence checklist ({done} of {total} settled)", done=done, total=total) + "\n")
    for item in data["checklist"]:
        flag = "*" if item["required"] else " "
        files = f" [{', '.join(item['attachments'])}]" if item["attachments"] else ""
        out(f" {flag} {item['label']}: {item['status_label']}{files}\n")
    out("  " + _("* required") + "\n")
    finding = data["suggested_finding"]
    out("\n" + _("Suggested finding: {determination}", determination=finding["label"] or _("none yet")) + "\n")
    for element in finding["elements"].values():
        out(f"  {element['label']}: {_yes_no(element['established'])}\n")
        for reason in element["reasons"]:
            out(f"    - {reason}\n")
    for reason in finding["reasons"]:
        out(f"  {reason}\n")
    if data["missing_evidence"]:
        out("\n" + _("Missing evidence") + "\n")
        for item in data["missing_evidence"]:
            out(f"  - {item['label']} ({item['status_label']})\n")
    if data["determination"]:
        from ecodesk.models import DETERMINATION_LABELS, Determination

        out("\n" + _("Determination: {label}", label=_(DETERMINATION_LABELS[Determination(data["determination"])])))
        out("\n")
