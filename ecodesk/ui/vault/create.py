"""First run: create the vault (office code, officer name, passphrase twice), then show the recovery key.

The recovery key is shown once, with a print option (rendered from memory straight to the printer, never to a
file) and an "I have written it down" confirmation that the dialog requires before it closes.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QFontDatabase, QRegularExpressionValidator, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ecodesk.errors import EcoDeskError
from ecodesk.i18n import _, format_date
from ecodesk.org import escrow_texts
from ecodesk.ui.vault.dialog import PassphraseDialog
from ecodesk.ui.vault.passphrase import NewPassphraseFields

if TYPE_CHECKING:
    from ecodesk.storage.vault import Vault

OFFICE_CODE = re.compile(r"^[A-Z]{2,5}$")


def _create_vault(
    path: Path, passphrase: str, office: str, officer_name: str, require_escrow: bool = False
) -> tuple[Vault, str]:
    from ecodesk.org.escrow import set_require_escrow
    from ecodesk.storage.vault import Vault

    vault, recovery_key = Vault.create(path, passphrase, office=office, officer_name=officer_name)
    if require_escrow:
        set_require_escrow(vault, True)
    return vault, recovery_key


def key_in_rows(recovery_key: str, per_row: int = 3) -> str:
    """The key in rows of three groups: easier to copy by hand and to check back, group by group."""
    groups = recovery_key.split("-")
    return "\n".join("-".join(groups[i : i + per_row]) for i in range(0, len(groups), per_row))


def recovery_key_document(recovery_key: str, office: str, officer_name: str) -> QTextDocument:
    """The printable sheet for the recovery key (built in memory; printing never writes a file)."""
    rows = [
        (_("Office"), office),
        (_("Officer"), officer_name),
        (_("Created on"), format_date(dt.date.today(), "long")),
    ]
    table = "".join(
        f"<tr><td style='padding-right:12px'>{html.escape(k)}</td><td><b>{html.escape(v)}</b></td></tr>"
        for k, v in rows
    )
    body = (
        f"<h2>{html.escape(_('EcoDesk recovery key'))}</h2>"
        f"<table>{table}</table>"
        f"<pre style='font-size:18pt; margin:24px 0'>{html.escape(key_in_rows(recovery_key))}</pre>"
        f"<p>{html.escape(_('This key opens the vault if the passphrase is forgotten. Keep this sheet in a locked place, away from the computer. Anyone who has it and the vault can read the cases.'))}</p>"  # noqa: E501
    )
    document = QTextDocument()
    document.setHtml(body)
    return document


class CreateVaultDialog(PassphraseDialog):
    """Creates the vault at ``vault_path``; ``vault`` holds it (open) once the dialog is accepted."""

    def __init__(self, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault_path = Path(vault_path)
        self.recovery_key = ""
        self.setModal(True)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        self.pages = QStackedWidget(self)

        # page 1: the form
        form_page = QWidget(self.pages)
        self.office = QLineEdit(form_page)
        self.office.setMaxLength(5)
        self.office.setValidator(QRegularExpressionValidator(QRegularExpression("[A-Za-z]{0,5}"), self.office))
        self.office.textEdited.connect(lambda text: self.office.setText(text.upper()))
        self.officer = QLineEdit(form_page)
        self.office_label = QLabel(form_page)
        self.office_label.setBuddy(self.office)
        self.officer_label = QLabel(form_page)
        self.officer_label.setBuddy(self.officer)
        self.location = QLabel(form_page)
        self.location.setWordWrap(True)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new = NewPassphraseFields(form_page)
        form = QFormLayout()
        form.addRow(self.office_label, self.office)
        form.addRow(self.officer_label, self.officer)
        self.new.add_to(form)
        self.require_escrow = QCheckBox(form_page)  # the organization's policy: HQ can open every vault
        form.addRow(self.require_escrow)
        page1 = QVBoxLayout(form_page)
        page1.setContentsMargins(0, 0, 0, 0)
        page1.addWidget(self.location)
        page1.addLayout(form)
        page1.addStretch(1)

        # page 2: the recovery key
        key_page = QWidget(self.pages)
        self.key_intro = QLabel(key_page)
        self.key_intro.setWordWrap(True)
        self.key_text = QLabel(key_page)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), self.font().pointSizeF()) * 1.4)
        self.key_text.setFont(font)
        self.key_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_text.setFrameShape(QFrame.Shape.StyledPanel)
        self.key_text.setMargin(self.fontMetrics().height())
        self.key_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(key_page)
        self.print_button.clicked.connect(self._print)
        self.confirm = QCheckBox(key_page)
        self.confirm.toggled.connect(self._update_buttons)
        page2 = QVBoxLayout(key_page)
        page2.setContentsMargins(0, 0, 0, 0)
        page2.addWidget(self.key_intro)
        page2.addWidget(self.key_text)
        page2.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        page2.addWidget(self.confirm)
        page2.addStretch(1)

        self.pages.addWidget(form_page)
        self.pages.addWidget(key_page)
        self.lay_out(self.pages)
        self.retranslate_ui()
        self.office.setFocus()

    @property
    def showing_key(self) -> bool:
        return self.pages.currentIndex() == 1

    def retranslate_ui(self) -> None:
        self.office_label.setText(_("&Office code:"))
        self.office.setPlaceholderText(_("2 to 5 capital letters, e.g. DKR"))
        self.office.setAccessibleName(_("Office code"))
        self.officer_label.setText(_("Officer &name:"))
        self.officer.setAccessibleName(_("Officer name"))
        self.location.setText(_("The vault will be created in {path}.", path=str(self.vault_path)))
        self.location.setAccessibleName(_("Vault folder"))
        self.new.retranslate_ui()
        self.require_escrow.setText(_(escrow_texts.REQUIRE_ESCROW_CHECK))
        self.require_escrow.setAccessibleName(_(escrow_texts.REQUIRE_ESCROW_NAME))
        self.require_escrow.setToolTip(_(escrow_texts.REQUIRE_ESCROW_TIP))
        self.key_intro.setText(
            _(
                "If the passphrase is ever forgotten, this recovery key is the only way to open the vault. Write it "
                "down on paper or print it, and keep it in a locked place away from the computer. It will not be "
                "shown again."
            )
        )
        self.key_text.setAccessibleName(_("Recovery key"))
        self.print_button.setText(_("&Print…"))
        self.print_button.setAccessibleName(_("Print the recovery key"))
        self.confirm.setText(_("I have &written down the recovery key and will keep it safe"))
        self.confirm.setAccessibleName(_("I have written down the recovery key"))
        if self.showing_key:
            self.setWindowTitle(_("Your recovery key"))
            self.heading.setText(_("Your recovery key"))
            self.intro.setText("")
            self.intro.hide()
            self.ok_button.setText(_("&Finish"))
        else:
            self.setWindowTitle(_("Welcome to EcoDesk"))
            self.heading.setText(_("Create your vault"))
            self.intro.setText(
                _(
                    "EcoDesk keeps your cases and advice records in an encrypted vault on this computer. Choose a "
                    "passphrase that only you know: it cannot be reset without the recovery key."
                )
            )
            self.ok_button.setText(_("&Create vault"))
            self.cancel_button.setText(_("&Quit"))
            self.cancel_button.setAccessibleName(_("Quit"))
        self.ok_button.setAccessibleName(self.ok_button.text().replace("&", ""))

    def _update_buttons(self) -> None:
        if self.showing_key:
            self.ok_button.setEnabled(self.confirm.isChecked())
            self.cancel_button.setVisible(False)

    # -- page 1 --------------------------------------------------------------------------------------------
    def submit(self) -> None:
        if self.showing_key:
            if self.confirm.isChecked():
                self.key_text.setText("")
                self.recovery_key = ""
                self.accept()
            return
        if self.working:
            return
        office = self.office.text().strip().upper()
        if not OFFICE_CODE.match(office):
            self.message.show_error(_("The office code is 2 to 5 capital letters, for example DKR."))
            self.office.setFocus()
            return
        if not self.officer.text().strip():
            self.message.show_error(_("Enter the officer's name (it appears on memos and packages)."))
            self.officer.setFocus()
            return
        if not self.new_passphrase_ok(self.new):
            return
        self._run(
            _create_vault, self.vault_path, self.new.value(), office, self.officer.text().strip(),
            self.require_escrow.isChecked(),
        )

    def _finished(self, result: Any, error: BaseException | None) -> None:
        self._set_busy(False)
        if error is not None:
            if isinstance(error, EcoDeskError):
                self.message.show_error(str(error))
            else:
                self.message.show_error(_("The vault could not be created: {problem}", problem=str(error)))
            return
        self.new.clear()
        self.vault, self.recovery_key = result
        self.key_text.setText(key_in_rows(self.recovery_key))
        self.pages.setCurrentIndex(1)
        self.retranslate_ui()
        self._update_buttons()
        self.confirm.setFocus()

    # -- page 2 --------------------------------------------------------------------------------------------
    def _print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the recovery key"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            document = recovery_key_document(self.recovery_key, self.office.text(), self.officer.text())
            document.print_(printer)

    def reject(self) -> None:
        if self.showing_key:
            if not self.confirm.isChecked():
                QMessageBox.information(
                    self,
                    _("Your recovery key"),
                    _("Write down the recovery key, then tick the box to confirm. It will not be shown again."),
                )
                return
            self.submit()
            return
        super().reject()
