"""The desktop part of the leak session, run as its own process (offscreen Qt) with the session's HOME/TMPDIR.

``python gui_session.py VAULT CASE_REF ADVICE_REF CANARY`` with the passphrase in ``ECODESK_PASSPHRASE``: opens
the main window on the vault, visits every page, opens the canary case and advice in their editors, types an
unsaved edit (CANARY), opens the assessment wizard on the case, previews the memo and prints it to a null
printer, locks (the edit goes to an encrypted draft), unlocks, and quits the way the application does. Prints
``done`` at the end.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QPlainTextEdit, QTextEdit

from ecodesk.storage.vault import Vault
from ecodesk.ui.app import prepare_application
from ecodesk.ui.kit.session import Session
from ecodesk.ui.main_window import PAGES, MainWindow


def settle(rounds: int = 5) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents()


def dismiss_dialogs() -> None:
    """Answer any modal question (e.g. unsaved changes) with its default, so the script never hangs."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            widget.done(int(QMessageBox.StandardButton.Discard))


def main(argv: list[str]) -> int:
    vault_path, case_ref, advice_ref, canary = Path(argv[0]), argv[1], argv[2], argv[3]
    passphrase = os.environ["ECODESK_PASSPHRASE"]
    prepare_application("en")
    watchdog = QTimer()
    watchdog.timeout.connect(dismiss_dialogs)
    watchdog.start(200)
    session = Session(vault_path)
    window = MainWindow(session)
    session.attach(Vault.open(vault_path, passphrase))
    window.show()
    settle()
    for spec in PAGES:
        window.show_page(spec.key)
        settle()
    window.open_record(advice_ref, "advice")
    settle()
    window.open_record(case_ref)
    settle()
    editor = window.page_by_key["cases"].editor  # type: ignore[attr-defined]
    fields = [w for w in editor.findChildren(QLineEdit) if w.isEnabled() and not w.isReadOnly()]
    texts = [w for kind in (QPlainTextEdit, QTextEdit) for w in editor.findChildren(kind)
             if w.isEnabled() and not w.isReadOnly()]
    if texts:
        texts[0].setPlainText(f"unsaved edit {canary}")
    elif fields:
        fields[0].setText(f"unsaved edit {canary}")
    settle()
    from ecodesk.ui.wizard.wizard import AssessmentWizard

    wizard = AssessmentWizard(session, case_ref, window)
    wizard.show()
    settle(10)
    for _ in range(3):
        wizard.next()
        settle()
    wizard.done(int(QDialog.DialogCode.Rejected))
    settle()
    # The memo: previewed from memory, then printed to a null printer (PDF output into /dev/null).
    from PySide6.QtPrintSupport import QPrinter

    from ecodesk.ui.memo.dialog import MemoDialog

    memo = MemoDialog(session, case_ref, window)
    memo.show()
    settle(10)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(os.devnull)
    if memo.print_to(printer) < 1:
        raise SystemExit("the memo printed no page")
    memo.close()
    settle()
    window.lock_now()
    settle(10)
    session.attach(Vault.open(vault_path, passphrase))
    settle(10)
    window.open_record(case_ref)
    settle()
    session.lock()
    settle()
    window.close()
    settle()
    sys.stdout.write("done\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
