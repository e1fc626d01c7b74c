"""Make the README screenshots: a real window under Xvfb, a demo vault with 1,000 synthetic cases.

    .venv/bin/python docs/screenshots/make_screenshots.py      # re-runs itself under xvfb-run when needed

Writes, for English, French and Spanish: ``home-<lang>.png`` (Home), ``cases-<lang>.png`` (the case list with
1,000 cases) and ``case-editor-<lang>.png`` (a case open in the editor), plus ``unlock-en.png``. Everything runs
in a temporary folder (vault, QSettings): the user's own vault and preferences are never touched. The people in
the demo data are synthetic (``ecodesk.demo``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent
SIZE = (1280, 800)
CASES = 1000
ADVICE = 120
PASSPHRASE = "screenshots only, never a real vault"  # noqa: S105  (a throw-away demo vault)


def _under_xvfb() -> None:
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM"):
        return
    xvfb_run = shutil.which("xvfb-run")
    if not xvfb_run:
        sys.exit("xvfb-run is needed (apt-get install xvfb xauth), or run with a DISPLAY")
    args = [xvfb_run, "-a", "-s", "-screen 0 1400x900x24", sys.executable, str(Path(__file__).resolve())]
    os.execv(xvfb_run, [*args, *sys.argv[1:]])  # noqa: S606


def _settle(app: object, rounds: int = 20) -> None:
    import time

    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):
        QApplication.processEvents()
        time.sleep(0.02)


def main() -> int:
    _under_xvfb()
    os.environ.setdefault("ECODESK_KDF_PROFILE", "fast")
    work = Path(tempfile.mkdtemp(prefix="ecodesk-screens-"))
    try:
        return _shoot(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _shoot(work: Path) -> int:
    from PySide6.QtCore import QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))

    from ecodesk.demo import demo_advice, demo_cases
    from ecodesk.models import OfficeSettings
    from ecodesk.storage.vault import Vault
    from ecodesk.ui.app import prepare_application
    from ecodesk.ui.kit.session import Session
    from ecodesk.ui.language import apply_language
    from ecodesk.ui.main_window import MainWindow
    from ecodesk.ui.vault.unlock import UnlockDialog

    app = prepare_application("en")
    vault_path = work / "vault"
    vault, _key = Vault.create(vault_path, PASSPHRASE, office="DKR", officer_name="Awa Diop")
    vault.save_settings(
        OfficeSettings(
            office_code="DKR", officer_name="Awa Diop", duty_station="Dakar", organization_name="Ethics Office"
        )
    )
    today = dt.date.today()
    vault.records.save_many(demo_cases(CASES, seed=7, office="HQ", today=today), office="DKR", saved_by="Awa Diop")
    vault.records.save_many(demo_advice(ADVICE, seed=7, office="HQ", today=today), office="DKR", saved_by="Awa Diop")
    vault.close()

    unlock = UnlockDialog(vault_path)
    unlock.show()
    _settle(app)
    unlock.grab().save(str(OUT / "unlock-en.png"))
    unlock.close()

    vault = Vault.open(vault_path, PASSPHRASE)
    session = Session(vault_path)
    window = MainWindow(session)
    session.attach(vault)
    window.resize(*SIZE)
    window.show()
    _settle(app, 40)
    reference = _a_case_in_assessment(session.vault)

    for lang in ("en", "fr", "es"):
        apply_language(lang, remember=False)
        window.show_page("home")
        _settle(app, 30)
        _save(window, f"home-{lang}.png")
        page = window.show_page("cases")
        page.close_editor()
        _settle(app, 40)
        _save(window, f"cases-{lang}.png")
        window.open_record(reference, "retaliation")
        _settle(app, 40)
        _save(window, f"case-editor-{lang}.png")
        page.close_editor()
    apply_language("en", remember=False)
    session.lock()
    window.close()
    print(f"screenshots written to {OUT}")
    return 0


def _a_case_in_assessment(vault: object) -> str:
    from ecodesk.models import CaseStatus, RecordKind, SearchQuery

    found = vault.records.find(  # type: ignore[attr-defined]
        SearchQuery(kind=RecordKind.retaliation, status=CaseStatus.in_assessment, order_by="due_on", limit=1)
    )
    return str(found[0].reference)


def _save(window: object, name: str) -> None:
    pixmap = window.grab()  # type: ignore[attr-defined]
    if not pixmap.save(str(OUT / name), "PNG"):
        raise SystemExit(f"could not write {name}")
    convert = shutil.which("convert")
    if convert:  # ImageMagick: a 256-colour palette keeps the text crisp at well under half the size
        target = str(OUT / name)
        subprocess.run([convert, target, "-strip", "-colors", "256", f"PNG8:{target}"], check=True)


if __name__ == "__main__":
    sys.exit(main())
