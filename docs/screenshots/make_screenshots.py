"""Make the README screenshots: a real window under Xvfb, a demo vault with 1,000 synthetic cases.

    .venv/bin/python docs/screenshots/make_screenshots.py      # re-runs itself under xvfb-run when needed

Writes, for English, French and Spanish (``<lang>``), at 1280×800: ``home``, ``cases`` (the list with 1,000
cases), ``case-editor`` (a case open beside the list), ``advice`` (an advice record open), ``packages``,
``reports``, ``contacts``, ``settings``, ``wizard`` (the assessment wizard on its finding page) and ``memo`` (the
draft memo's preview), each as ``<name>-<lang>.png``, plus ``unlock-en.png``. Everything runs in a temporary
folder (vault, QSettings): the user's own vault and preferences are never touched. The people in the demo data
are synthetic (``ecodesk.demo``). PNGs are reduced to a 256-colour palette (Pillow) to keep the repository small.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
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
    _exchange_with_hq(vault, work)
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

    advice = _an_advice_record(session.vault)
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
        window.open_record(advice, "advice")
        _settle(app, 40)
        _save(window, f"advice-{lang}.png")
        window.show_page("advice").close_editor()  # type: ignore[attr-defined]
        for key in ("packages", "reports", "programme", "contacts", "settings"):
            window.show_page(key)
            _settle(app, 40)
            _save(window, f"{key}-{lang}.png")
        _shoot_wizard(app, session, f"wizard-{lang}.png")
        _shoot_memo(app, session, reference, f"memo-{lang}.png")
    apply_language("en", remember=False)
    session.lock()
    window.close()
    print(f"screenshots written to {OUT}")
    return 0


def _exchange_with_hq(vault: object, work: Path) -> None:
    """HQ as a verified contact and one package of three cases sent to it: the Packages and Contacts pages."""
    from ecodesk.models import RecordKind, SearchQuery
    from ecodesk.packages.export import export_package
    from ecodesk.storage.vault import Vault

    hq, _key = Vault.create(work / "hq", PASSPHRASE, office="HQ", officer_name="Marie Dupont")
    vault.contacts.add(hq.identity().public, name="HQ Geneva", role="hq", verified=True)  # type: ignore[attr-defined]
    hq.close()
    cases = vault.records.find(SearchQuery(kind=RecordKind.retaliation, limit=3))  # type: ignore[attr-defined]
    export_package(vault, to=["HQ Geneva"], out=work / "to-hq.ecopkg",  # type: ignore[arg-type]
                   cases=[c.reference for c in cases])


def _shoot_wizard(app: object, session: object, name: str) -> None:
    """The wizard on its finding page, after answering a new complaint's questions as an officer would."""
    import datetime as dt

    from ecodesk.assessment import Step
    from ecodesk.models import EvidenceKind, EvidenceStatus
    from ecodesk.ui.wizard import AssessmentWizard

    today = dt.date.today()
    wizard = AssessmentWizard(session, None)  # type: ignore[arg-type]
    wizard.resize(*SIZE)
    wizard.show()
    _settle(app, 10)
    pages = wizard.pages
    complaint = pages[Step.complaint]
    complaint.title_edit.setText("Non-renewal after an audit interview")  # type: ignore[attr-defined]
    complaint.name.setText("Aïssatou Ndiaye")  # type: ignore[attr-defined]
    complaint.received.setDate(complaint.received.date().addDays(-20))  # type: ignore[attr-defined]
    wizard.next()
    pages[Step.mandate].covered.yes.click()  # type: ignore[attr-defined]
    pages[Step.mandate].alleges.yes.click()  # type: ignore[attr-defined]
    wizard.next()
    activities = pages[Step.protected_activity]
    activities.add_button.click()  # type: ignore[attr-defined]
    activities.description.setPlainText("Interviewed by the auditors on procurement")  # type: ignore[attr-defined]
    activities.date.set_value(today - dt.timedelta(days=120))  # type: ignore[attr-defined]
    wizard.next()
    actions = pages[Step.detrimental_action]
    actions.add_button.click()  # type: ignore[attr-defined]
    actions.kind.setCurrentIndex(actions.kind.findData("non_renewal"))  # type: ignore[attr-defined]
    actions.description.setPlainText("Contract not renewed")  # type: ignore[attr-defined]
    actions.date.set_value(today - dt.timedelta(days=40))  # type: ignore[attr-defined]
    wizard.next()
    wizard.next()  # timeliness: derived from the dates
    link = pages[Step.link]
    link.add_button.click()  # type: ignore[attr-defined]
    link.name.setText("M. Diallo")  # type: ignore[attr-defined]
    link.knew.yes.click()  # type: ignore[attr-defined]
    link.questions["weak_or_shifting_reasons"][1].yes.click()  # type: ignore[attr-defined]
    wizard.next()
    evidence = pages[Step.evidence]
    wanted = (EvidenceKind.complainant_statement, EvidenceKind.protected_activity_proof,
              EvidenceKind.contested_decision, EvidenceKind.communications)
    for row, item in enumerate(evidence.items):  # type: ignore[attr-defined]
        if item.kind in wanted:
            evidence.tree.setCurrentItem(evidence.tree.topLevelItem(row))  # type: ignore[attr-defined]
            evidence.status.setCurrentIndex(evidence.status.findData(EvidenceStatus.obtained.value))  # type: ignore[attr-defined]
    wizard.next()
    _settle(app, 20)
    if wizard.current_step() is not Step.finding:
        print(f"warning: the wizard stopped at {wizard.current_step()} for {name}")
    _save(wizard, name)
    wizard.reject()
    wizard.deleteLater()


def _shoot_memo(app: object, session: object, reference: str, name: str) -> None:
    """The memo window: the draft's preview, rendered in memory."""
    from ecodesk.ui.memo.dialog import MemoDialog

    dialog = MemoDialog(session, reference)  # type: ignore[arg-type]
    dialog.resize(*SIZE)
    dialog.show()
    _settle(app, 80)
    _save(dialog, name)
    dialog.reject()
    dialog.deleteLater()


def _an_advice_record(vault: object) -> str:
    from ecodesk.models import RecordKind, SearchQuery

    found = vault.records.find(SearchQuery(kind=RecordKind.advice, limit=1))  # type: ignore[attr-defined]
    return str(found[0].reference)


def _a_case_in_assessment(vault: object) -> str:
    from ecodesk.models import CaseStatus, RecordKind, SearchQuery

    found = vault.records.find(  # type: ignore[attr-defined]
        SearchQuery(kind=RecordKind.retaliation, status=CaseStatus.in_assessment, order_by="due_on", limit=1)
    )
    return str(found[0].reference)


def _save(window: object, name: str) -> None:
    from PIL import Image

    pixmap = window.grab()  # type: ignore[attr-defined]
    target = OUT / name
    if not pixmap.save(str(target), "PNG"):
        raise SystemExit(f"could not write {name}")
    # A 256-colour palette keeps the text crisp at well under half the size.
    with Image.open(target) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    reduced.save(target, optimize=True)


if __name__ == "__main__":
    sys.exit(main())
