"""``ecodesk stats`` (counts, anonymized statistics, sending them to HQ, HQ's consolidated view) and
``ecodesk report`` (the periodic report as PDF and/or CSV)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ecodesk.cli.common import Subparsers, add_json_option, open_vault, print_json
from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_, Translator, _, get_language, translator
from ecodesk.reports.periods import Period, current_year, parse_day, parse_period, period_between

NEED_OUTPUT = N_("Give --out FILE.pdf, --csv FILE, or both.")
PERIOD_AND_DATES = N_("Give either --period or --from/--to, not both.")
CANNOT_WRITE = N_("Cannot write {path}: check the folder exists and is writable.")
REPORT_WRITTEN = N_("Report written to {path}.")
CSV_WRITTEN = N_("Numbers written to {path}.")
STATS_SENT = N_("Statistics for {period} written to {path}, encrypted for {recipients}.")
NO_STATS_RECEIVED = N_("No statistics have been received yet.")
STATS_SKIPPED = N_("{n} received statistics documents were not readable and were left out.")
KEY_FIGURES = N_("Key figures")
OFFICE_LINE = N_("Office: {office}")
OFFICES_LINE = N_("Offices: {offices}")
WITHHELD_NOTE = N_("x: withheld to protect confidentiality; ≥: at least this number.")
TOTAL = N_("Total")

if TYPE_CHECKING:
    from ecodesk.reports.consolidation import ConsolidatedStats
    from ecodesk.reports.dashboard import ReportFilters
    from ecodesk.reports.tables import CountTable

ORDER = 50


def register(subparsers: Subparsers) -> None:
    stats = subparsers.add_parser("stats", help=_("counts of cases and advice for a period (add --anonymized for HQ)"))
    _add_scope_options(stats)
    stats.add_argument(
        "--anonymized", action="store_true", help=_("counts only, small counts withheld: what may be sent to HQ")
    )
    add_json_option(stats)
    stats.set_defaults(func=cmd_stats)
    actions = stats.add_subparsers(dest="action", metavar=_("ACTION"))
    send = actions.add_parser(
        "send", help=_("send the anonymized statistics of a period to HQ as an encrypted stats package")
    )
    send.add_argument(
        "--to", required=True, metavar="NAME", help=_("the contact to send to (see 'ecodesk contacts list')")
    )
    send.add_argument(
        "--period", required=True, metavar="P",
        help=_("a year (2026), half-year (2026-H1), quarter (2026-Q3) or month (2026-07)")
    )
    send.add_argument("--out", required=True, metavar="FILE", help=_("where to write the package (.ecopkg)"))
    send.add_argument(
        "--allow-unverified", action="store_true", help=_("allow a contact whose fingerprint was not yet compared")
    )
    add_json_option(send)
    send.set_defaults(func=cmd_stats_send)
    consolidated = actions.add_parser(
        "consolidated", help=_("statistics received from the regional offices, summed (HQ)")
    )
    consolidated.add_argument(
        "--period", metavar="P", help=_("a year (2026), half-year (2026-H1), quarter (2026-Q3) or month (2026-07)")
    )
    add_json_option(consolidated)
    consolidated.set_defaults(func=cmd_stats_consolidated)

    report = subparsers.add_parser("report", help=_("write the periodic report as PDF and/or CSV"))
    _add_scope_options(report)
    report.add_argument(
        "--lang", dest="report_lang", choices=("en", "fr", "es"), metavar="LANG",
        help=_("language of the report: en, fr or es (default: the language of messages)")
    )
    report.add_argument("--out", metavar="FILE.pdf", help=_("write the report as PDF to FILE"))
    report.add_argument("--csv", metavar="FILE", help=_("write the numbers as CSV to FILE"))
    report.add_argument(
        "--anonymized", action="store_true", help=_("the anonymized version (small counts withheld), as sent to HQ")
    )
    report.add_argument(
        "--consolidated", action="store_true",
        help=_("the consolidated statistics of the regional offices instead of this vault (HQ)")
    )
    report.set_defaults(func=cmd_report)


def _add_scope_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--period", metavar="P", help=_("a year (2026), half-year (2026-H1), quarter (2026-Q3) or month (2026-07)")
    )
    parser.add_argument(
        "--from", dest="date_from", metavar="DATE",
        help=_("first day counted: YYYY-MM-DD or YYYY-MM (default: 1 January of this year)")
    )
    parser.add_argument(
        "--to", dest="date_to", metavar="DATE",
        help=_("last day counted: YYYY-MM-DD or YYYY-MM (default: 31 December of the same year)")
    )
    parser.add_argument("--office", metavar="CODE", help=_("only the records of this office (e.g. DKR)"))
    parser.add_argument(
        "--kind", choices=("retaliation", "advice"), help=_("only one kind of record: retaliation or advice")
    )
    parser.add_argument("--category", metavar="CATEGORY", help=_("only advice requests of this category (e.g. gifts)"))


def _period(args: argparse.Namespace, today: dt.date) -> Period:
    date_from, date_to = getattr(args, "date_from", None), getattr(args, "date_to", None)
    if args.period and (date_from or date_to):
        raise InvalidInput(PERIOD_AND_DATES)
    if args.period:
        return parse_period(args.period)
    if not (date_from or date_to):
        return current_year(today)
    last = parse_day(date_to, end=True) if date_to else None
    first = parse_day(date_from) if date_from else dt.date((last or today).year, 1, 1)
    return period_between(first, last or dt.date(first.year, 12, 31))


def _filters(args: argparse.Namespace) -> ReportFilters:
    from ecodesk.reports.dashboard import make_filters

    today = dt.date.today()
    return make_filters(
        _period(args, today),
        office=args.office.upper() if args.office else None,
        kind=args.kind,
        category=args.category,
        today=today,
    )


def cmd_stats(args: argparse.Namespace) -> int:
    from ecodesk.reports.anonymized import anonymize
    from ecodesk.reports.dashboard import build_dashboard

    with open_vault(args) as vault:
        filters = _filters(args)
        dashboard = build_dashboard(vault, filters)
        document = anonymize(dashboard) if args.anonymized else None
    if args.json:
        print_json(document if document is not None else dashboard)
        return 0
    tr = translator()
    _print_heading(dashboard.filters.period, tr, OFFICE_LINE, office=dashboard.filters.office or dashboard.office)
    if document is None:
        from ecodesk.reports.csv_export import FIGURE_KEYS, figure_labels

        labels = figure_labels(tr)
        rows = []
        for key in FIGURE_KEYS:
            value = getattr(dashboard.figures, key)
            rows.append((labels[key], "–" if value is None else tr.format_number(round(value, 1))))
        sys.stdout.write(_(KEY_FIGURES) + "\n")
        _print_rows(rows)
        _print_tables(dashboard.tables, tr)
    else:
        _print_tables(document.tables, tr)
        sys.stdout.write("\n" + _(WITHHELD_NOTE) + "\n")
    return 0


def _print_heading(period: Period, tr: Translator, template: str, **params: str) -> None:
    sys.stdout.write(f"{period.title(tr)} · {tr.gettext(template, **params)}\n\n")


def _print_tables(tables: list[CountTable], tr: Translator) -> None:
    from ecodesk.reports.charts import cell_text
    from ecodesk.reports.tables import Cell, key_label, table_title

    for table in tables:
        if not table.cells:
            continue
        rows = [(key_label(table.table, c.key, tr), cell_text(c, tr)) for c in table.cells]
        total = Cell(key="", count=table.total, at_least=table.total_at_least)
        rows.append((tr.gettext(TOTAL), cell_text(total, tr)))
        sys.stdout.write("\n" + table_title(table.table, tr) + "\n")
        _print_rows(rows)


def _print_rows(rows: list[tuple[str, str]]) -> None:
    """Labels left, numbers right-aligned under each other."""
    label_width = max(len(label) for label, _value in rows)
    value_width = max(len(value) for _label, value in rows)
    for label, value in rows:
        sys.stdout.write(f"  {label.ljust(label_width)}  {value.rjust(value_width)}\n")


def cmd_stats_send(args: argparse.Namespace) -> int:
    from ecodesk.reports.anonymized import anonymize
    from ecodesk.reports.dashboard import build_dashboard, make_filters
    from ecodesk.reports.hq import send_statistics, statistics_to_send

    period = parse_period(args.period)
    with open_vault(args) as vault:
        office = vault.settings.office_code
        dashboard = build_dashboard(vault, make_filters(period, office=office))
        document = statistics_to_send(vault, anonymize(dashboard))
        result = send_statistics(
            vault, document, to=args.to, out=Path(args.out), allow_unverified=args.allow_unverified
        )
    if args.json:
        print_json({"package": result.model_dump(mode="json"), "statistics": document.model_dump(mode="json")})
        return 0
    sys.stdout.write(
        _(
            STATS_SENT,
            period=period.title(translator()),
            path=", ".join(str(f) for f in result.files),
            recipients=", ".join(result.recipients),
        )
        + "\n"
    )
    return 0


def _consolidated(args: argparse.Namespace) -> tuple[ConsolidatedStats, str]:
    from ecodesk.reports.consolidation import consolidate
    from ecodesk.reports.hq import received_statistics

    with open_vault(args) as vault:
        documents, skipped = received_statistics(vault)
        organization = vault.settings.organization_in(getattr(args, "report_lang", None) or get_language())
    if skipped:
        sys.stderr.write(_(STATS_SKIPPED, n=skipped) + "\n")
    if not documents:
        raise InvalidInput(NO_STATS_RECEIVED)
    period = parse_period(args.period).label if args.period else None
    return consolidate(documents, period), organization


def cmd_stats_consolidated(args: argparse.Namespace) -> int:
    stats, _organization = _consolidated(args)
    if args.json:
        print_json(stats)
        return 0
    tr = translator()
    offices = ", ".join(line.office for line in stats.offices)
    _print_heading(stats.period, tr, OFFICES_LINE, offices=offices)
    _print_tables(stats.tables, tr)
    sys.stdout.write("\n" + _(WITHHELD_NOTE) + "\n")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from ecodesk.reports.anonymized import anonymize
    from ecodesk.reports.csv_export import write_csv
    from ecodesk.reports.dashboard import build_dashboard
    from ecodesk.reports.pdf import (
        content_from_consolidated,
        content_from_dashboard,
        content_from_stats,
        write_pdf,
    )

    if not args.out and not args.csv:
        raise InvalidInput(NEED_OUTPUT)
    lang = args.report_lang or get_language()
    today = dt.date.today()
    if args.consolidated:
        stats, organization = _consolidated(args)
        content = content_from_consolidated(stats, organization, today)
    else:
        with open_vault(args) as vault:
            dashboard = build_dashboard(vault, _filters(args))
            organization = vault.settings.organization_in(lang)
        if args.anonymized:
            content = content_from_stats(anonymize(dashboard, today=today), organization, today)
        else:
            content = content_from_dashboard(dashboard, organization)
    tr = translator(lang)
    try:
        if args.out:
            write_pdf(Path(args.out), content, lang)
    except OSError as exc:
        raise InvalidInput(CANNOT_WRITE, path=str(args.out)) from exc
    try:
        if args.csv:
            write_csv(Path(args.csv), content.tables, tr, content.figures)
    except OSError as exc:
        raise InvalidInput(CANNOT_WRITE, path=str(args.csv)) from exc
    if args.out:
        sys.stdout.write(_(REPORT_WRITTEN, path=args.out) + "\n")
    if args.csv:
        sys.stdout.write(_(CSV_WRITTEN, path=args.csv) + "\n")
    return 0
