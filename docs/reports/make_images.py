"""Make the images of docs/reports (synthetic demo data only), under ``xvfb-run -a`` for real windows:

- ``reports-view.png``: the Reports page of a regional vault, a bar clicked (the records behind it listed);
- ``reports-view-hq.png``: HQ's consolidated view of the 2026 statistics received from four regional offices;
- ``rapport-2026-T3-fr-N.png``: the pages of a French quarterly report (pdftoppm -r 60);
- ``statistiques-consolidees-2026-fr-N.png``: the pages of HQ's consolidated report for 2026 in French.

    xvfb-run -a .venv/bin/python docs/reports/make_images.py
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

os.environ.setdefault("ECODESK_KDF_PROFILE", "fast")

from PySide6.QtWidgets import QApplication

from ecodesk.demo import demo_advice, demo_cases
from ecodesk.models.exchange import ReceivedStats
from ecodesk.reports.anonymized import anonymize
from ecodesk.reports.consolidation import consolidate
from ecodesk.reports.dashboard import build_dashboard, make_filters
from ecodesk.reports.pdf import content_from_consolidated, content_from_dashboard, render_pdf
from ecodesk.reports.periods import parse_period
from ecodesk.reports.tables import Table
from ecodesk.storage.vault import Vault
from ecodesk.ui.kit.session import Session
from ecodesk.ui.reports.view import ReportsView

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 11, 15)
PASSPHRASE = "correct horse battery staple"  # noqa: S105  (a throw-away demo vault)
REGIONS = ("DKR", "NBO", "BKK", "PAN")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        vault, _key = Vault.create(Path(tmp) / "vault", PASSPHRASE, office="DKR", officer_name="Demo Officer")
        vault.save_settings(vault.settings.model_copy(update={"organization_name": "Bureau de la déontologie"}))
        vault.records.save_many([*demo_cases(900, seed=7, office="HQ", today=TODAY),
                                 *demo_advice(400, seed=7, office="HQ", today=TODAY)], office="DKR")
        session = Session(vault.path)
        session.attach(vault)
        view = ReportsView(session)
        view.set_period("2026")
        view.resize(1500, 1000)
        view.setWindowTitle("EcoDesk — Reports")
        view.show()
        app.processEvents()
        view.show_records(Table.outcomes, "prima_facie_case")
        app.processEvents()
        view.grab().save(str(HERE / "reports-view.png"))

        quarter = parse_period("2026-Q3")
        dashboard = build_dashboard(vault, make_filters(quarter, office="DKR", today=TODAY))
        pages(render_pdf(content_from_dashboard(dashboard, "Bureau de la déontologie"), "fr"), "rapport-2026-T3-fr",
              Path(tmp))

        # What HQ receives: each region's anonymized statistics for the year (here made from the demo data).
        year = parse_period("2026")
        documents = [anonymize(build_dashboard(vault, make_filters(year, office=o, today=TODAY)), today=TODAY)
                     for o in REGIONS]
        hq, _key = Vault.create(Path(tmp) / "hq", PASSPHRASE, office="HQ", officer_name="Demo HQ")
        hq.save_settings(hq.settings.model_copy(update={"organization_name": "Bureau de la déontologie"}))
        exchange = hq.exchange
        now = dt.datetime(2026, 10, 5, tzinfo=dt.UTC)
        for document in documents:
            exchange.add_stats(ReceivedStats(
                package_id=uuid.uuid4(), name=f"stats-{document.office.lower()}-2026.json",
                sender=f"Ethics Officer {document.office}", sender_office=document.office, created_at=now,
                received_at=now, body=document.model_dump_json().encode(),
            ))
        session.lock()
        hq_session = Session(hq.path)
        hq_session.attach(hq)
        hq_view = ReportsView(hq_session)
        hq_view.set_period("2026")
        hq_view.source.setCurrentIndex(hq_view.source.findData("consolidated"))
        hq_view.show_numbers("advice")
        hq_view.resize(1500, 1000)
        hq_view.setWindowTitle("EcoDesk — Reports (HQ)")
        hq_view.show()
        app.processEvents()
        hq_view.grab().save(str(HERE / "reports-view-hq.png"))
        stats = consolidate(documents, "2026")
        pages(render_pdf(content_from_consolidated(stats, "Bureau de la déontologie", TODAY), "fr"),
              "statistiques-consolidees-2026-fr", Path(tmp))
        hq_session.lock()
    return 0


def pages(pdf: bytes, stem: str, tmp: Path) -> None:
    """Page images at 60 dpi (the PDF itself lives in a temporary folder only)."""
    path = tmp / f"{stem}.pdf"
    path.write_bytes(pdf)
    for old in HERE.glob(f"{stem}-*.png"):
        old.unlink()
    tool = shutil.which("pdftoppm")
    assert tool, "pdftoppm (poppler-utils) is needed"
    subprocess.run([tool, "-r", "60", "-png", str(path), str(HERE / stem)], check=True)


if __name__ == "__main__":
    sys.exit(main())
