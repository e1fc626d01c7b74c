"""Help → About: version, build and library versions (the help topics are in ``ui/kit/help_browser.py``)."""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ecodesk import __version__, build_id
from ecodesk.i18n import _
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.widgets import heading_label


def build_label() -> str:
    """The build identifier of a bundle, else "development" (translated)."""
    return build_id() or _("development")


def version_rows() -> list[tuple[str, str]]:
    from ecodesk.storage.database import sqlcipher_version

    return [
        (_("Version"), __version__),
        (_("Build"), build_label()),
        ("SQLCipher", sqlcipher_version()),
        ("Qt", f"{qVersion()} (PySide6 {pyside_version})"),
        ("Python", platform.python_version()),
    ]


class _Dialog(Retranslating, QDialog):
    def retranslate_ui(self) -> None:
        raise NotImplementedError


class AboutDialog(_Dialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = heading_label(parent=self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.versions = QLabel(self)
        self.versions.setTextFormat(Qt.TextFormat.RichText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.versions)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("About EcoDesk"))
        self.heading.setText(_("EcoDesk {version}", version=__version__))
        self.text.setText(
            _(
                "Secure, offline case handling for ethics offices: retaliation complaints, confidential advice, "
                "signed memos."
            )
        )
        rows = "".join(
            f"<tr><td style='padding-right:16px'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
            for k, v in version_rows()
        )
        self.versions.setText(f"<table>{rows}</table>")
        self.versions.setAccessibleName(_("Versions"))
        self.text.setAccessibleName(self.text.text())
