"""Changing the passphrase (from Settings): the current passphrase, then the new one twice. Only the passphrase key
slot is rewritten; the key derivation runs off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from ecodesk.errors import WrongPassphrase
from ecodesk.i18n import N_, _
from ecodesk.ui.kit.session import Session
from ecodesk.ui.kit.widgets import passphrase_field
from ecodesk.ui.vault.dialog import PassphraseDialog
from ecodesk.ui.vault.passphrase import NewPassphraseFields


def _change(vault: Any, current: str, new: str) -> None:
    vault.verify_passphrase(current)
    vault.change_passphrase(new)


class ChangePassphraseDialog(PassphraseDialog):
    """Current passphrase, then the new one twice. Only the passphrase key slot is rewritten."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setModal(True)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.current = passphrase_field(self)
        self.current_label = QLabel(self)
        self.current_label.setBuddy(self.current)
        self.new = NewPassphraseFields(self)
        form = QFormLayout()
        form.addRow(self.current_label, self.current)
        self.new.add_to(form)
        self.lay_out(form, intro=False)
        self.retranslate_ui()
        self.current.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Change passphrase"))
        self.heading.setText(_("Change passphrase"))
        self.current_label.setText(_("&Current passphrase:"))
        self.current.setAccessibleName(_("Current passphrase"))
        self.new.retranslate_ui()
        self.retranslate_buttons(_("Change passphrase"))

    def submit(self) -> None:
        if self.working:
            return
        if not self.new_passphrase_ok(self.new):
            return
        self._run(_change, self.session.vault, self.current.text(), self.new.value())

    def _finished(self, result: Any, error: BaseException | None) -> None:
        self._set_busy(False)
        if error is None:
            self.current.clear()
            self.new.clear()
            self.accept()
        elif isinstance(error, WrongPassphrase):
            self.message.show_error(_("The current passphrase is not correct."))
            self.current.clear()
            self.current.setFocus()
        else:
            self.show_failure(error, N_("The passphrase could not be changed: {problem}"))
