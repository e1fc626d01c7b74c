"""Messages of the reports feature shown by the command line (and the GUI where they are shared).

Kept here, marked with ``N_``, so the whole feature has one translation catalog (``reports.po``) even though
the command line shows them. Translate where shown: ``_(texts.X)`` or ``EcoDeskError(texts.X, ...)``.
"""

from __future__ import annotations

from ecodesk.i18n import N_

HELP_STATS = N_("counts of cases and advice for a period (add --anonymized for HQ)")
HELP_FROM = N_("first day counted: YYYY-MM-DD or YYYY-MM (default: 1 January of this year)")
HELP_TO = N_("last day counted: YYYY-MM-DD or YYYY-MM (default: 31 December of the same year)")
HELP_PERIOD = N_("a year (2026), half-year (2026-H1), quarter (2026-Q3) or month (2026-07)")
HELP_OFFICE = N_("only the records of this office (e.g. DKR)")
HELP_KIND = N_("only one kind of record: retaliation or advice")
HELP_CATEGORY = N_("only advice requests of this category (e.g. gifts)")
HELP_ANONYMIZED = N_("counts only, small counts withheld: what may be sent to HQ")
HELP_STATS_SEND = N_("send the anonymized statistics of a period to HQ as an encrypted stats package")
HELP_TO_CONTACT = N_("the contact to send to (see 'ecodesk contacts list')")
HELP_PACKAGE_OUT = N_("where to write the package (.ecopkg)")
HELP_ALLOW_UNVERIFIED = N_("allow a contact whose fingerprint was not yet compared")
HELP_STATS_CONSOLIDATED = N_("statistics received from the regional offices, summed (HQ)")
HELP_REPORT = N_("write the periodic report as PDF and/or CSV")
HELP_REPORT_LANG = N_("language of the report: en, fr or es (default: the language of messages)")
HELP_REPORT_OUT = N_("write the report as PDF to FILE")
HELP_REPORT_CSV = N_("write the numbers as CSV to FILE")
HELP_REPORT_ANONYMIZED = N_("the anonymized version (small counts withheld), as sent to HQ")
HELP_REPORT_CONSOLIDATED = N_("the consolidated statistics of the regional offices instead of this vault (HQ)")

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
