"""Start-up of the desktop application: language, first-run or unlock dialog, then the main window.

The path to the unlock dialog is kept short: the vault module (and its crypto stack), the main window and its
pages are imported only after the dialog is on screen (a background thread warms the vault module up while
the officer types). Nothing here writes to disk except the UI language and window geometry in QSettings.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from ecodesk.ui.language import apply_language, initial_language

# The files that make a folder a vault (same names as ecodesk.storage.vault; a test checks they agree). Not
# imported from there: that module loads pyrage and cryptography, which the unlock dialog does not need.
VAULT_MARKERS = ("vault.db", "keyslots.json", "keyslots.backup.json")


def looks_like_vault(path: Path) -> bool:
    return any((Path(path) / name).exists() for name in VAULT_MARKERS)


def prepare_application(language: str | None = None) -> QApplication:
    """The QApplication with EcoDesk's names and the UI language (``--lang``, else remembered, else system)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setOrganizationName("EcoDesk")
    app.setApplicationName("EcoDesk")
    app.setDesktopFileName("ecodesk")
    apply_language(initial_language(language), remember=False)
    return app


def first_dialog(vault_path: Path) -> QDialog:
    """The create-vault dialog on first run, otherwise the unlock dialog."""
    if looks_like_vault(vault_path):
        from ecodesk.ui.vault.unlock import UnlockDialog

        return UnlockDialog(vault_path)
    from ecodesk.ui.vault.create import CreateVaultDialog

    return CreateVaultDialog(vault_path)


def warm_up() -> None:
    """Import what unlocking and the first window need (the crypto stack, the main window, Home and Cases,
    the locale data). Run in a thread while the officer types the passphrase, joined before the window is built,
    so the two threads never import at the same time."""
    from ecodesk.i18n import format_date, format_number

    format_number(1000)
    format_date(dt.date.today())


def run(vault_path: Path, language: str | None = None, *, idle_seconds: float | None = None) -> int:
    """Run the application until the main window closes; returns the process exit code."""
    app = prepare_application(language)
    from ecodesk.ui.kit.clipboard import confidential_clipboard

    confidential_clipboard().watch()  # from the first dialog on (the recovery key can be selected and copied)
    dialog = first_dialog(Path(vault_path))
    dialog.show()
    if os.environ.get("ECODESK_EXIT_WHEN_READY"):
        # Start-up probe (bundle smoke test): leave as soon as the first dialog is on screen.
        QTimer.singleShot(0, dialog.reject)
    warming = threading.Thread(target=warm_up, name="ecodesk-warm-up", daemon=True)
    QTimer.singleShot(150, warming.start)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return 0
    vault = dialog.vault  # type: ignore[attr-defined]
    if warming.is_alive():
        warming.join()
    from ecodesk.ui.kit.session import Session
    from ecodesk.ui.main_window import MainWindow

    session = Session(Path(vault_path))
    window = MainWindow(session, idle_seconds=idle_seconds)
    session.attach(vault)
    window.show()
    dialog.deleteLater()
    code = int(app.exec())
    session.lock()
    return code
