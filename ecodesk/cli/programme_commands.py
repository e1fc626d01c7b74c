"""``ecodesk ydi ...`` (the Yearly Declaration of Interest campaign), ``ecodesk training ...`` and
``ecodesk case recuse`` / ``ecodesk case recused`` (cases transferred to headquarters)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ecodesk.cli.common import Subparsers, add_json_option, open_vault, print_json, print_table
from ecodesk.i18n import _, format_date, ngettext
from ecodesk.models import (
    CAMPAIGN_STATUS_LABELS,
    FILER_CATEGORY_LABELS,
    FILING_STATUS_LABELS,
    RECUSAL_PARTY_LABELS,
    TRAINING_AUDIENCE_LABELS,
    TRAINING_STATUS_LABELS,
    FilerCategory,
    RecusalParty,
    TrainingAudience,
    TrainingSession,
    YdiCampaign,
)
from ecodesk.models.programme import TrainingStatus
from ecodesk.records import recusal, training, ydi

ORDER = 25


def day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a valid date (use YYYY-MM-DD)")) from None


def register(subparsers: Subparsers) -> None:
    group = subparsers.add_parser(
        "ydi", help=_("the Yearly Declaration of Interest campaign: filers, forms, reminders")
    )
    actions = group.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    opening = actions.add_parser("open", help=_("open this office's campaign for a year"))
    opening.add_argument("year", type=int, metavar="YEAR")
    opening.add_argument("--due", type=day, required=True, metavar="YYYY-MM-DD", help=_("the filing deadline"))
    opening.add_argument("--opened", type=day, metavar="YYYY-MM-DD", help=_("the day it opens (default: today)"))
    add_json_option(opening)
    opening.set_defaults(func=cmd_open)
    filer = actions.add_parser("add-filer", help=_("add a person who must file"))
    filer.add_argument("year", type=int, metavar="YEAR")
    filer.add_argument("name", metavar="NAME")
    filer.add_argument("--category", required=True, choices=[c.value for c in FilerCategory],
                       help=_("why the person must file"))
    filer.add_argument("--grade", default="", metavar="GRADE")
    filer.add_argument("--office", default="", metavar="OFFICE")
    filer.add_argument("--email", default="", metavar="EMAIL")
    add_json_option(filer)
    filer.set_defaults(func=cmd_add_filer)
    received = actions.add_parser("received", help=_("record that a filer's declaration was received"))
    received.add_argument("year", type=int, metavar="YEAR")
    received.add_argument("filer", metavar="FILER", help=_("the filer's name, e-mail or id"))
    received.add_argument("--on", type=day, metavar="YYYY-MM-DD", help=_("default: today"))
    add_json_option(received)
    received.set_defaults(func=cmd_received)
    review = actions.add_parser("reviewed", help=_("record the review of a declaration"))
    review.add_argument("year", type=int, metavar="YEAR")
    review.add_argument("filer", metavar="FILER", help=_("the filer's name, e-mail or id"))
    review.add_argument("--on", type=day, metavar="YYYY-MM-DD", help=_("default: today"))
    review.add_argument("--conflict", action="store_true", help=_("a conflict of interest was found"))
    review.add_argument("--recommendations", default="", metavar="TEXT", help=_("what was recommended"))
    add_json_option(review)
    review.set_defaults(func=cmd_reviewed)
    remind = actions.add_parser("reminders", help=_("who has not filed yet, and the days left"))
    remind.add_argument("year", type=int, metavar="YEAR")
    remind.add_argument("--sent", action="store_true", help=_("record that a reminder was sent to them today"))
    add_json_option(remind)
    remind.set_defaults(func=cmd_reminders)
    status = actions.add_parser("show", help=_("the campaign's filers and counts"))
    status.add_argument("year", type=int, metavar="YEAR")
    add_json_option(status)
    status.set_defaults(func=cmd_show)
    listing = actions.add_parser("list", help=_("every campaign with its counts"))
    add_json_option(listing)
    listing.set_defaults(func=cmd_list)
    close = actions.add_parser("close", help=_("close the campaign of a year"))
    close.add_argument("year", type=int, metavar="YEAR")
    close.set_defaults(func=cmd_close, json=False)

    group = subparsers.add_parser("training", help=_("training and outreach sessions"))
    actions = group.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    add = actions.add_parser("add", help=_("record a session"))
    add.add_argument("title", metavar="TITLE", help=_("what the session was"))
    add.add_argument("--date", type=day, required=True, metavar="YYYY-MM-DD")
    add.add_argument("--place", default="", metavar="PLACE")
    add.add_argument(
        "--audience", default=TrainingAudience.all_staff.value, choices=[a.value for a in TrainingAudience]
    )
    add.add_argument("--participants", type=int, default=0, metavar="N")
    add.add_argument("--language", default="en", choices=["en", "fr", "es"], help=_("the language it was given in"))
    add.add_argument("--planned", action="store_true", help=_("not held yet"))
    add_json_option(add)
    add.set_defaults(func=cmd_training_add)
    listing = actions.add_parser("list", help=_("sessions, newest first, with their reach"))
    listing.add_argument("--year", type=int, metavar="YEAR")
    add_json_option(listing)
    listing.set_defaults(func=cmd_training_list)


def register_case_actions(actions: Subparsers) -> None:
    """``case recuse`` and ``case recused`` (called by record_commands)."""
    recuse = actions.add_parser("recuse", help=_("transfer a case to headquarters: you or your chief is a party"))
    recuse.add_argument("reference", metavar="REF")
    recuse.add_argument("--party", required=True, choices=[p.value for p in RecusalParty])
    recuse.add_argument("--reason", required=True, metavar="TEXT")
    add_json_option(recuse)
    recuse.set_defaults(func=cmd_recuse)
    recused = actions.add_parser("recused", help=_("cases transferred to headquarters by recusal"))
    add_json_option(recused)
    recused.set_defaults(func=cmd_recused)


def _print_counts(campaign: YdiCampaign) -> None:
    counts = campaign.counts()
    sys.stdout.write(
        _("{reference} ({status}), due {due}: {received} of {filers} received ({percent} %), {reviewed} reviewed, "
          "{conflicts} with a conflict of interest, {missing} not filed.",
          reference=campaign.reference, status=_(CAMPAIGN_STATUS_LABELS[campaign.status]),
          due=format_date(campaign.due_on), received=counts.received, filers=counts.filers,
          percent=counts.compliance_percent, reviewed=counts.reviewed, conflicts=counts.conflicts,
          missing=counts.not_filed) + "\n"
    )


def _campaign_json(campaign: YdiCampaign) -> dict[str, object]:
    return {**campaign.model_dump(mode="json"), "counts": campaign.counts().model_dump()}


def _done(args: argparse.Namespace, campaign: YdiCampaign) -> int:
    if args.json:
        print_json(_campaign_json(campaign))
    else:
        _print_counts(campaign)
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        campaign = ydi.open_campaign(vault, args.year, args.due, opened_on=args.opened)
    return _done(args, campaign)


def cmd_add_filer(args: argparse.Namespace) -> int:
    data = {"name": args.name, "category": args.category, "grade": args.grade, "office": args.office,
            "email": args.email}
    with open_vault(args) as vault:
        campaign = ydi.add_filer(vault, args.year, data)
    return _done(args, campaign)


def cmd_received(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        campaign = ydi.record_received(vault, args.year, args.filer, args.on or dt.date.today())
    return _done(args, campaign)


def cmd_reviewed(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        campaign = ydi.record_review(vault, args.year, args.filer, args.on or dt.date.today(),
                                     conflict_found=args.conflict, recommendations=args.recommendations)
    return _done(args, campaign)


def cmd_reminders(args: argparse.Namespace) -> int:
    today = dt.date.today()
    with open_vault(args) as vault:
        if args.sent:
            campaign, due = ydi.record_reminders_sent(vault, args.year, today)
        else:
            campaign = ydi.find_campaign(vault, args.year)
            due = ydi.reminders(campaign, today)
    if args.json:
        print_json({"reference": campaign.reference, "due_on": campaign.due_on.isoformat(),
                    "not_filed": [{**r.filer.model_dump(mode="json"), "days_left": r.days_left} for r in due]})
        return 0
    rows = [[r.filer.name, _(FILER_CATEGORY_LABELS[r.filer.category]), r.filer.office, r.filer.email,
             str(len(r.filer.reminders))] for r in due]
    print_table(rows, [_("Name"), _("Category"), _("Office"), _("E-mail"), _("Reminders sent")])
    if due:
        days = due[0].days_left
        text = (_("Due in {days} days.", days=days) if days >= 0 else _("Overdue by {days} days.", days=-days))
        sys.stdout.write(text + "\n")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        campaign = ydi.find_campaign(vault, args.year)
    if args.json:
        print_json(_campaign_json(campaign))
        return 0
    _print_counts(campaign)
    rows = [[f.name, _(FILER_CATEGORY_LABELS[f.category]), f.office, _(FILING_STATUS_LABELS[f.status]),
             _("yes") if f.conflict_found else ""] for f in campaign.filers]
    print_table(rows, [_("Name"), _("Category"), _("Office"), _("Status"), _("Conflict")])
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        found = ydi.campaigns(vault)
    if args.json:
        print_json([_campaign_json(c) for c in found])
    else:
        for campaign in found:
            _print_counts(campaign)
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        campaign = ydi.close_campaign(vault, args.year)
    _print_counts(campaign)
    return 0


def _session_row(session: TrainingSession) -> list[str]:
    return [session.reference or "", format_date(session.held_on), session.title, session.place,
            _(TRAINING_AUDIENCE_LABELS[session.audience]), str(session.participants), session.language.value,
            _(TRAINING_STATUS_LABELS[session.status])]


def cmd_training_add(args: argparse.Namespace) -> int:
    data = {"title": args.title, "held_on": args.date, "place": args.place, "audience": args.audience,
            "participants": args.participants, "language": args.language,
            "status": TrainingStatus.planned if args.planned else TrainingStatus.held}
    with open_vault(args) as vault:
        session = training.add_session(vault, data)
    if args.json:
        print_json(session)
    else:
        sys.stdout.write(f"{session.reference}\n")
    return 0


def cmd_training_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        found = training.sessions(vault, args.year)
    reach = training.reach(found)
    if args.json:
        print_json({"sessions": [s.model_dump(mode="json") for s in found],
                    "held": reach.sessions, "participants": reach.participants})
        return 0
    print_table([_session_row(s) for s in found],
                [_("Reference"), _("Date"), _("Session"), _("Place"), _("Audience"), _("Participants"),
                 _("Language"), _("Status")])
    sys.stdout.write(ngettext("{n} session held, {participants} participants.",
                              "{n} sessions held, {participants} participants.", reach.sessions,
                              participants=reach.participants) + "\n")
    return 0


def cmd_recuse(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        case = recusal.flag_recusal(vault, args.reference, RecusalParty(args.party), args.reason)
    if args.json:
        print_json(case)
    else:
        sys.stdout.write(_("{reference} is transferred to headquarters: {party}.", reference=case.reference,
                           party=_(RECUSAL_PARTY_LABELS[RecusalParty(args.party)])) + "\n")
    return 0


def cmd_recused(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        found = recusal.recused_cases(vault)
    if args.json:
        print_json([{"reference": c.reference, "office": c.office, **(c.recusal.model_dump(mode="json")
                                                                         if c.recusal else {})} for c in found])
        return 0
    rows = [[c.reference or "", c.office or "", format_date(c.recusal.flagged_on) if c.recusal else "",
             _(RECUSAL_PARTY_LABELS[c.recusal.party]) if c.recusal else "", c.title] for c in found]
    print_table(rows, [_("Reference"), _("Office"), _("Transferred on"), _("Party"), _("Title")])
    return 0
