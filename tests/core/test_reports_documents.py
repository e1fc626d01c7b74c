"""The periodic report as a user receives it: PDF headings in the chosen language, CSV numbers, and the
consolidation of several regions' statistics."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from ecodesk.demo import demo_advice, demo_cases
from ecodesk.i18n import translator
from ecodesk.reports.anonymized import StatsDocument, anonymize
from ecodesk.reports.consolidation import consolidate
from ecodesk.reports.csv_export import csv_text
from ecodesk.reports.dashboard import Dashboard, build_dashboard, make_filters
from ecodesk.reports.pdf import content_from_consolidated, content_from_dashboard, render_pdf
from ecodesk.reports.periods import parse_period
from ecodesk.reports.tables import Cell, CountTable, Table
from ecodesk.storage.vault import Vault

TODAY = dt.date(2026, 11, 15)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed: make system-deps"
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    text = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())  # headings may wrap


@pytest.fixture
def dashboard(vault: Vault) -> Dashboard:
    records = [*demo_cases(120, seed=5, today=TODAY), *demo_advice(50, seed=5, today=TODAY)]
    vault.records.save_many(records, office="DKR")
    return build_dashboard(vault, make_filters(parse_period("2026"), today=TODAY))


def test_french_report_has_french_headings_and_the_numbers(dashboard: Dashboard, tmp_path: Path) -> None:
    text = pdf_text(render_pdf(content_from_dashboard(dashboard, "Bureau de la déontologie"), "fr"), tmp_path)
    for heading in (
        "Rapport périodique sur les cas de représailles et les avis déontologiques",
        "Année 2026",
        "Bureau : DKR",
        "Dossiers et demandes d'avis reçus par mois",
        "Dossiers par statut",
        "Évaluations en retard",
        "Issue des évaluations",
        "Délai d'évaluation",
        "Demandes d'avis par catégorie",
        "Conflit d'intérêts",
        "Page 1 sur ",
    ):
        assert heading in text, heading
    assert "Cases by status" not in text
    assert str(dashboard.figures.cases) in text


def test_spanish_and_english_reports(dashboard: Dashboard, tmp_path: Path) -> None:
    content = content_from_dashboard(dashboard, "Ethics Office")
    assert "Casos por estado" in pdf_text(render_pdf(content, "es"), tmp_path)
    assert "Cases by status" in pdf_text(render_pdf(content, "en"), tmp_path)


def test_csv_has_every_count_with_labels_in_the_language(dashboard: Dashboard) -> None:
    rows = list(csv.DictReader(io.StringIO(csv_text(dashboard.tables, translator("fr"), dashboard.figures))))
    status = {r["key"]: r for r in rows if r["table"] == "cases_by_status"}
    assert status["closed"]["label"] == translator("fr").gettext("Closed")  # the models catalog's wording
    assert int(status["total"]["count"]) == dashboard.figures.cases
    for cell in dashboard.table(Table.cases_by_status).cells:
        assert int(status[cell.key]["count"]) == cell.count
    figures = {r["key"]: r["count"] for r in rows if r["table"] == "key_figures"}
    assert int(figures["advice"]) == dashboard.figures.advice
    months = [r for r in rows if r["table"] == "cases_by_month" and r["key"] != "total"]
    assert [r["label"] for r in months][:2] == ["janvier 2026", "février 2026"]


def _stats(office: str, generated: str, counts: dict[str, int | None], total: int | None) -> StatsDocument:
    table = CountTable(
        table=Table.cases_by_status, cells=[Cell(key=k, count=v) for k, v in counts.items()], total=total
    )
    return StatsDocument(
        office=office, period="2026-Q3", first_month="2026-07", last_month="2026-09", generated_at=generated,
        tables=[table],
    )


def test_consolidation_sums_regions_and_marks_withheld_counts() -> None:
    dakar = _stats("DKR", "2026-10", {"closed": 5, "referred": None, "received": None}, 9)
    nairobi = _stats("NBO", "2026-10", {"closed": 4, "referred": 3, "received": 0}, 7)
    older_nairobi = _stats("NBO", "2026-09", {"closed": 40, "referred": 30, "received": 0}, 70)
    other_period = dakar.model_copy(update={"period": "2026-Q2", "first_month": "2026-04", "last_month": "2026-06"})
    stats = consolidate([older_nairobi, dakar, nairobi, other_period], "2026-Q3")
    table = stats.table(Table.cases_by_status)
    assert table is not None
    cells = {c.key: (c.count, c.at_least) for c in table.cells}
    assert cells == {"closed": (9, False), "referred": (3, True), "received": (0, True)}
    assert (table.total, table.total_at_least) == (16, False)
    assert [line.office for line in stats.offices] == ["DKR", "NBO"]


def test_consolidation_asks_for_a_period_when_several_were_received() -> None:
    from ecodesk.errors import InvalidInput

    q3 = _stats("DKR", "2026-10", {"closed": 5}, 5)
    q2 = q3.model_copy(update={"period": "2026-Q2", "first_month": "2026-04", "last_month": "2026-06"})
    with pytest.raises(InvalidInput, match=r"several periods \(2026-Q2, 2026-Q3\)"):
        consolidate([q2, q3])


def test_consolidated_report_pdf(dashboard: Dashboard, tmp_path: Path) -> None:
    regional = anonymize(dashboard, today=TODAY)
    other = regional.model_copy(update={"office": "NBO"})
    stats = consolidate([regional, other])
    text = pdf_text(render_pdf(content_from_consolidated(stats, "Ethics Office", TODAY), "fr"), tmp_path)
    assert "Statistiques consolidées des bureaux régionaux" in text
    assert "Bureaux inclus" in text
    assert "NBO" in text and "DKR" in text
    assert str(2 * dashboard.figures.cases) in text


def test_long_periods_and_empty_vaults_still_make_a_readable_report(vault: Vault, tmp_path: Path) -> None:
    """Ten years of months (numbers below the chart) and a vault with nothing in it."""
    from ecodesk.reports.periods import period_between

    records = [*demo_cases(40, seed=9, today=TODAY), *demo_advice(10, seed=9, today=TODAY)]
    vault.records.save_many(records, office="DKR")
    decade = build_dashboard(vault, make_filters(period_between("2017-01", "2026-12"), today=TODAY))
    text = pdf_text(render_pdf(content_from_dashboard(decade, "Ethics Office"), "en"), tmp_path)
    assert "January 2017" in text and "December 2026" in text
    assert "40" in text
    empty = build_dashboard(vault, make_filters(parse_period("2015"), today=TODAY))
    text = pdf_text(render_pdf(content_from_dashboard(empty, "Ethics Office"), "es"), tmp_path)
    assert "Casos por estado" in text and "Año 2015" in text
