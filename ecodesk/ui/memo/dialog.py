"""The assessment memo of a case: preview, sign, print, save a copy.

Contract: ``MemoDialog(session, reference, parent).exec()``.

The PDF lives only in memory: the preview loads it into QtPdf from a QBuffer, printing renders its pages from
that document to the printer, and the only file ever written is the one the user saves explicitly (after a
warning that the copy is not encrypted).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecodesk.errors import EcoDeskError
from ecodesk.i18n import LANGUAGE_NAMES, LANGUAGES, _, get_language, translator
from ecodesk.memo.service import (
    Memo,
    draft_memo,
    save_memo_copy,
    sign_memo,
    signed_memos,
    stored_memo,
    unassessed_labels,
    unassessed_points,
)
from ecodesk.models.memos import MemoInfo
from ecodesk.ui.kit import dialogs
from ecodesk.ui.kit.help_browser import add_help_shortcut
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.session import Session
from ecodesk.ui.kit.tasks import run_task
from ecodesk.ui.memo.printing import ask_printer, forget_pdf, print_document, show_pdf


class MemoDialog(Retranslating, QDialog):
    def __init__(self, session: Session, reference: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.reference = reference
        self.memo: Memo | None = None
        self._signed: list[MemoInfo] = []
        self._bytes = QByteArray()
        add_help_shortcut(self, "memos")
        self._buffer = QBuffer(self)
        self.document = QPdfDocument(self)
        self.resize(860, 900)

        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.kind = QComboBox()  # the assessment memo, or the urgent interim-measures memo (one page)
        self.kind.addItem("", False)
        self.kind.addItem("", True)
        self.addressee = QLineEdit()
        self.version = QComboBox()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.sign_button = QPushButton()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.close_button = QPushButton()

        self._language_label = QLabel()
        self._kind_label = QLabel()
        self._addressee_label = QLabel()
        self._version_label = QLabel()
        form = QFormLayout()
        form.addRow(self._language_label, self.language)
        form.addRow(self._kind_label, self.kind)
        form.addRow(self._addressee_label, self.addressee)
        form.addRow(self._version_label, self.version)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.retranslate_ui()
        if session.is_unlocked:
            wanted = session.vault.settings.memo_language.value
            self.language.setCurrentIndex(max(0, self.language.findData(wanted)))
        self.language.currentIndexChanged.connect(self._on_language_changed)
        self.kind.currentIndexChanged.connect(self._on_language_changed)
        self.addressee.editingFinished.connect(self.show_draft)
        self.version.activated.connect(self._on_version_chosen)
        self.sign_button.clicked.connect(self.sign)
        self.print_button.clicked.connect(self.print_memo)
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.reject)
        session.locked.connect(self._on_locked)
        self._reload_versions()
        self.show_draft()

    # -- texts -------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Assessment memo: {reference}", reference=self.reference))
        self._language_label.setText(_("Memo language:"))
        self._kind_label.setText(_("Memo:"))
        self.kind.setItemText(0, _("Preliminary assessment"))
        self.kind.setItemText(1, _("Urgent: interim protective measures"))
        self.kind.setAccessibleName(_("Kind of memo"))
        self._addressee_label.setText(_("Addressed to:"))
        self._version_label.setText(_("Version shown:"))
        self.addressee.setPlaceholderText(_("Default: the Ethics Office at headquarters"))
        self.sign_button.setText(_("Sign…"))
        self.print_button.setText(_("Print…"))
        self.save_button.setText(_("Save as…"))
        self.close_button.setText(_("Close"))
        self.language.setAccessibleName(_("Memo language"))
        self.addressee.setAccessibleName(_("Addressee of the memo"))
        self.version.setAccessibleName(_("Memo version shown"))
        self.status.setAccessibleName(_("Memo status"))
        self.view.setAccessibleName(_("Memo preview"))
        self.sign_button.setAccessibleName(_("Sign the memo"))
        self.print_button.setAccessibleName(_("Print the memo"))
        self.save_button.setAccessibleName(_("Save an unencrypted copy of the memo"))
        self.close_button.setAccessibleName(_("Close the memo"))
        self._fill_versions()
        self._show_status()

    def _show_status(self) -> None:
        memo = self.memo
        if memo is None:
            self.status.setText("")
        elif memo.signed:
            self.status.setText(
                _(
                    "Signed memo ({language}), {pages} pages. SHA-256: {sha256}",
                    language=LANGUAGE_NAMES[memo.language],
                    pages=memo.pages,
                    sha256=memo.sha256,
                )
            )
        else:
            self.status.setText(
                _(
                    "Draft ({language}), {pages} pages: it carries a DRAFT watermark until you sign it.",
                    language=LANGUAGE_NAMES[memo.language],
                    pages=memo.pages,
                )
            )

    # -- versions: the current draft, and the signed memos kept in the vault -------------------------------
    def _reload_versions(self) -> None:
        self._signed = signed_memos(self.session.vault, self.reference) if self.session.is_unlocked else []
        self._fill_versions()

    def _fill_versions(self) -> None:
        current = self.version.currentIndex()
        self.version.blockSignals(True)
        self.version.clear()
        self.version.addItem(_("Draft (current text of the case)"))
        for info in self._signed:
            self.version.addItem(
                _(
                    "Signed on {date} ({language})",
                    date=translator().format_datetime(info.signed_at, "short"),
                    language=LANGUAGE_NAMES.get(info.language, info.language),
                )
            )
        self.version.setCurrentIndex(max(0, min(current, self.version.count() - 1)))
        self.version.blockSignals(False)

    def _on_version_chosen(self, index: int) -> None:
        if index <= 0:
            self.show_draft()
            return
        try:
            self._show(stored_memo(self.session.vault, self._signed[index - 1]))
        except EcoDeskError as exc:
            dialogs.show_error(self, exc)

    def _on_language_changed(self) -> None:
        self.version.setCurrentIndex(0)
        self.show_draft()

    def selected_language(self) -> str:
        return str(self.language.currentData())

    # -- preview -----------------------------------------------------------------------------------------
    def show_draft(self) -> None:
        """Render the draft in the chosen language (in memory) and show it."""
        if not self.session.is_unlocked:
            return
        try:
            memo = draft_memo(
                self.session.vault, self.reference, self.selected_language(), addressee=self.addressee.text().strip(),
                interim=bool(self.kind.currentData()),
            )  # fmt: skip
        except EcoDeskError as exc:
            dialogs.show_error(self, exc)
            return
        self.version.setCurrentIndex(0)
        self._show(memo)

    def _show(self, memo: Memo) -> None:
        self.memo = memo
        self._bytes = show_pdf(self.document, self._buffer, memo.pdf)
        self.sign_button.setEnabled(not memo.signed)
        self._show_status()

    # -- actions -----------------------------------------------------------------------------------------
    def confirm_unassessed(self, names: list[str]) -> bool:
        """Ask before signing a memo that shows points as not yet assessed (the seam tests replace)."""
        answer = QMessageBox.warning(
            self,
            _("Sign with points not yet assessed"),
            _(
                "These points are not yet assessed: {points}. The signed memo will show them as not yet assessed. "
                "Sign anyway?",
                points=", ".join(names),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def sign(self) -> None:
        if not self.session.is_unlocked:
            return
        interim = bool(self.kind.currentData())
        points = [] if interim else unassessed_points(self.session.vault, self.reference)  # interim: no assessment
        if points and not self.confirm_unassessed(unassessed_labels(points, get_language())):
            return
        try:
            memo = run_task(
                self,
                _("Signing the memo…"),
                sign_memo,
                self.session.vault,
                self.reference,
                self.selected_language(),
                addressee=self.addressee.text().strip(),
                confirm_unassessed=bool(points),
                interim=interim,
            )
        except EcoDeskError as exc:
            dialogs.show_error(self, exc)
            return
        self._reload_versions()
        self.version.setCurrentIndex(1)  # the newest signed memo
        self._show(memo)
        self.session.records_changed.emit()

    def print_memo(self) -> None:
        printer = self.ask_printer()
        if printer is not None:
            self.print_to(printer)

    def ask_printer(self) -> QPrinter | None:
        """The printer the user chose in Qt's print dialog, or None (the seam tests replace)."""
        return ask_printer(self, _("Memorandum"))  # the print queue shows this name: nothing confidential

    def print_to(self, printer: QPrinter) -> int:
        """Send every page from the in-memory document to ``printer``; return the number of pages printed."""
        return print_document(self.document, printer, self)

    def confirm_unencrypted_copy(self) -> bool:
        return dialogs.confirm_unencrypted_save(
            self,
            _(
                "The saved PDF is not encrypted: anyone who gets the file can read the memo, including the "
                "complainant's identity. Save it only where it is protected, and delete it when it is no longer "
                "needed. Continue?"
            ),
        )

    def save_as(self) -> None:
        memo = self.memo
        if memo is None or not self.session.is_unlocked or not self.confirm_unencrypted_copy():
            return
        suggested = f"{memo.reference}-{memo.language}{'' if memo.signed else '-draft'}.pdf"
        path = dialogs.ask_save_path(self, _("Save the memo as PDF"), suggested, _("PDF documents (*.pdf)"))
        if not path:
            return
        try:
            save_memo_copy(self.session.vault, memo, Path(path))
        except EcoDeskError as exc:
            dialogs.show_error(self, exc)

    def _on_locked(self) -> None:
        self.memo = None
        self._bytes = forget_pdf(self.document, self._buffer)
        self.reject()
