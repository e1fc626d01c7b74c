"""Help → EcoDesk Help (F1): a short in-app guide; Help → About: version, build and library versions."""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

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


def help_html() -> str:
    """The help page, in the current language."""
    sections = [
        (
            _("Getting around"),
            [
                _("Home shows the assessments due soon (overdue ones in red) and the records changed recently."),
                _("Cases and Advice list every record; type in the search box to filter as you type."),
                _("Packages exchanges encrypted case packages with HQ; Contacts keeps the people you exchange with."),
                _("Settings holds the office's details, memo letterhead, deadlines and the idle time before locking."),
            ],
        ),
        (
            _("Keyboard shortcuts"),
            [
                _("Ctrl+N: new case. Ctrl+S: save. Ctrl+F: search. Ctrl+L: lock now. F1: this help."),
                _("Ctrl+1 to Ctrl+7: go to a page of the sidebar."),
            ],
        ),
        (
            _("Security"),
            [
                _(
                    "Everything is kept in an encrypted vault on this computer. EcoDesk locks itself after the idle "
                    "time set in Settings; unsaved edits are kept as encrypted drafts and come back after unlocking."
                ),
                _("A name or key copied from EcoDesk is removed from the clipboard after 30 seconds."),
                _(
                    "If you forget your passphrase, use the recovery key from the unlock window. Make backups "
                    "regularly (Settings → Back up vault…); backups are encrypted."
                ),
            ],
        ),
        (
            _("Language"),
            [_("View → Language switches every window between English, French and Spanish at once.")],
        ),
    ]
    parts = []
    for title, paragraphs in sections:
        parts.append(f"<h3>{html.escape(title)}</h3>")
        parts.extend(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return "".join(parts)


class _Dialog(Retranslating, QDialog):
    def retranslate_ui(self) -> None:
        raise NotImplementedError


class HelpDialog(_Dialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = heading_label(parent=self)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90, metrics.height() * 32)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("EcoDesk Help"))
        self.heading.setText(_("EcoDesk Help"))
        self.browser.setHtml(help_html())
        self.browser.setAccessibleName(_("Help text"))


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
