"""Start-up of the desktop application (placeholder window until the full GUI lands)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from ecodesk.i18n import _, set_language


def run(vault_path: Path, language: str | None = None) -> int:
    if language:
        set_language(language)
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle(_("EcoDesk"))
    window.setCentralWidget(QLabel(_("Vault: {path}", path=str(vault_path))))
    window.resize(900, 600)
    window.show()
    return int(app.exec())
