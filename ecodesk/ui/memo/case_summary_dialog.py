"""Print or save one case file: the case summary PDF with its history, in a chosen language.

Contract: ``CaseSummaryDialog(session, reference, parent).exec()``. The PDF is rendered in memory and printed from
memory through the memo's printing path; a file is written only after *Save as PDF…* and a warning that the copy
is not encrypted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecodesk.errors import EcoDeskError
from ecodesk.i18n import LANGUAGE_NAMES, LANGUAGES, _, get_language, ngettext
from ecodesk.memo.case_summary import CaseSummary, case_summary, save_case_summary
from ecodesk.ui.kit import dialogs
from ecodesk.ui.kit.help_browser import add_help_shortcut
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.session import Session
from ecodesk.ui.memo.printing import ask_printer, forget_pdf, print_document, show_pdf


class CaseSummaryDialog(Retranslating, QDialog):
    def __init__(self, session: Session, reference: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.reference = reference
        self.summary: CaseSummary | None = None
        self._bytes = QByteArray()
        self._buffer = QBuffer(self)
        self.document = QPdfDocument(self)
        add_help_shortcut(self, "cases")
        self.resize(820, 880)
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(get_language())))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.close_button = QPushButton()
        self._language_label = QLabel()
        form = QFormLayout()
        form.addRow(self._language_label, self.language)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.language.currentIndexChanged.connect(lambda _i: self.show_summary())
        self.print_button.clicked.connect(self.print_summary)
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.reject)
        session.locked.connect(self._on_locked)
        self.retranslate_ui()
        self.show_summary()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Case summary — {reference}", reference=self.reference))
        self._language_label.setText(_("&Language of the summary:"))
        self._language_label.setBuddy(self.language)
        self.print_button.setText(_("Print…"))
        self.print_button.setAccessibleName(_("Print the case summary"))
        self.save_button.setText(_("Save as PDF…"))
        self.save_button.setAccessibleName(_("Save an unencrypted copy of the case summary"))
        self.close_button.setText(_("Close"))
        self._show_status()

    def selected_language(self) -> str:
        return str(self.language.currentData())

    def show_summary(self) -> None:
        """Render the summary in the chosen language, in memory, and show it."""
        if not self.session.is_unlocked:
            return
        try:
            summary = case_summary(self.session.vault, self.reference, self.selected_language())
        except EcoDeskError as exc:
            dialogs.show_error(self, exc)
            return
        self.summary = summary
        self._bytes = show_pdf(self.document, self._buffer, summary.pdf)
        self._show_status()

    def _show_status(self) -> None:
        if self.summary is None:
            self.status.setText("")
            return
        pages = ngettext("{n} page", "{n} pages", self.summary.pages)
        self.status.setText(_("{pages}. Printing sends the pages from memory: no file is written.", pages=pages))

    def ask_printer(self) -> QPrinter | None:
        """The printer the user chose, or None (the seam tests replace)."""
        return ask_printer(self, _("Case summary"))  # the print queue shows this name: nothing confidential

    def print_summary(self) -> int:
        printer = self.ask_printer()
        return print_document(self.document, printer, self) if printer is not None else 0

    def confirm_unencrypted_copy(self) -> bool:
        return dialogs.confirm_unencrypted_save(
            self,
            _(
                "The saved PDF is not encrypted: anyone who gets the file can read the case, including the "
                "complainant's identity. Save it only where it is protected, and delete it when it is no longer "
                "needed. Continue?"
            ),
        )

    def save_as(self) -> None:
        summary = self.summary
        if summary is None or not self.session.is_unlocked or not self.confirm_unencrypted_copy():
            return
        suggested = f"{summary.reference}-summary-{summary.language}.pdf"
        path = dialogs.ask_save_path(self, _("Save the case summary as PDF"), suggested, _("PDF documents (*.pdf)"))
        if not path:
            return
        try:
            save_case_summary(self.session.vault, summary, Path(path))
        except EcoDeskError as exc:
            dialogs.show_error(self, exc)

    def _on_locked(self) -> None:
        self.summary = None
        self._bytes = forget_pdf(self.document, self._buffer)
        self.reject()
