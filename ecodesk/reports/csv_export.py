"""CSV export of report tables: one row per count, labels in the chosen language, UTF-8 with a byte-order
mark so that spreadsheet programs show accents correctly.

Columns (named in English, stable for scripts): table, table title, key (a code), label, count, note. A
withheld count is an empty ``count`` with the note "withheld"; a sum that may be higher has "at least"."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ecodesk.i18n import Translator
from ecodesk.reports.dashboard import KeyFigures
from ecodesk.reports.tables import CountTable, key_label, table_title
from ecodesk.storage.atomic import atomic_write

FIGURE_KEYS = ("cases", "open_cases", "overdue", "assessed", "assessed_in_time", "median_days_to_assess", "advice")


def figure_labels(tr: Translator) -> dict[str, str]:
    return {
        "cases": tr.gettext("Cases received"),
        "open_cases": tr.gettext("Open cases"),
        "overdue": tr.gettext("Overdue assessments"),
        "assessed": tr.gettext("Assessments completed"),
        "assessed_in_time": tr.gettext("Completed within the deadline"),
        "median_days_to_assess": tr.gettext("Median days to assess"),
        "advice": tr.gettext("Advice requests"),
    }


def csv_text(tables: list[CountTable], tr: Translator, figures: KeyFigures | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["table", "title", "key", "label", "count", "note"])  # stable names for scripts
    if figures is not None:
        labels = figure_labels(tr)
        title = tr.gettext("Key figures")
        for key in FIGURE_KEYS:
            value = getattr(figures, key)
            writer.writerow(["key_figures", title, key, labels[key], "" if value is None else value, ""])
    for table in tables:
        title = table_title(table.table, tr)
        for cell in table.cells:
            note = tr.gettext("withheld") if cell.count is None else tr.gettext("at least") if cell.at_least else ""
            writer.writerow(
                [table.table.value, title, cell.key, key_label(table.table, cell.key, tr),
                 "" if cell.count is None else cell.count, note]
            )
        total_note = (
            tr.gettext("withheld") if table.total is None else tr.gettext("at least") if table.total_at_least else ""
        )
        writer.writerow(
            [table.table.value, title, "total", tr.gettext("Total"), "" if table.total is None else table.total,
             total_note]
        )
    return out.getvalue()


def write_csv(path: Path, tables: list[CountTable], tr: Translator, figures: KeyFigures | None = None) -> None:
    """Write the CSV atomically (the file is complete or absent)."""
    atomic_write(Path(path), csv_text(tables, tr, figures).encode("utf-8-sig"))


__all__ = ["csv_text", "figure_labels", "write_csv"]
