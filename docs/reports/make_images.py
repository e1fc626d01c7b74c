"""Make the images of docs/reports: a screenshot of the Reports view (run under ``xvfb-run -a`` for a real
window) and the pages of a French periodic report (pdftoppm -r 60). Synthetic demo data only.

    xvfb-run -a .venv/bin/python docs/reports/make_images.py
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("ECODESK_KDF_PROFILE", "fast")

from PySide6.QtWidgets import QApplication

from ecodesk.demo import demo_advice, demo_cases
from ecodesk.reports.dashboard import build_dashboard, make_filters
from ecodesk.reports.pdf import content_from_dashboard, render_pdf
from ecodesk.reports.periods import parse_period
from ecodesk.storage.vault import Vault
from ecodesk.ui.reports_view import ReportsView
from ecodesk.ui.session import Session

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 11, 15)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        vault, _key = Vault.create(Path(tmp) / "vault", "correct horse battery staple", office="DKR",
                                   officer_name="Demo Officer")
        vault.settings_store.save(vault.settings.model_copy(update={"organization_name": "Bureau de la déontologie"}))
        vault.records.save_many([*demo_cases(900, seed=7, office="HQ", today=TODAY),
                                 *demo_advice(400, seed=7, office="HQ", today=TODAY)], office="DKR")
        session = Session(vault.path)
        session.attach(vault)
        view = ReportsView(session)
        shown = view
        view.set_period("2026")
        shown.resize(1500, 1000)
        shown.setWindowTitle("EcoDesk — Reports")
        shown.show()
        app.processEvents()
        view.show_records(*_first_outcome(view))
        app.processEvents()
        shown.grab().save(str(HERE / "reports-view.png"))

        dashboard = build_dashboard(vault, make_filters(parse_period("2026-Q3"), office="DKR", today=TODAY))
        pdf = Path(tmp) / "report.pdf"
        pdf.write_bytes(render_pdf(content_from_dashboard(dashboard, "Bureau de la déontologie"), "fr"))
        for old in HERE.glob("rapport-2026-T3-fr-*.png"):
            old.unlink()
        tool = shutil.which("pdftoppm")
        assert tool, "pdftoppm (poppler-utils) is needed"
        subprocess.run([tool, "-r", "60", "-png", str(pdf), str(HERE / "rapport-2026-T3-fr")], check=True)
        session.lock()
    return 0


def _first_outcome(view: ReportsView) -> tuple[object, str]:
    from ecodesk.reports.tables import Table

    return Table.outcomes, "prima_facie_case"


if __name__ == "__main__":
    sys.exit(main())
