"""The base of the passphrase dialogs (unlock, recovery, create vault, change passphrase): a heading, an
introduction, a message line, an indeterminate busy bar, OK/Cancel buttons, and the slow key derivation run in a
worker thread while the dialog shows that it is busy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecodesk.errors import EcoDeskError
from ecodesk.i18n import _
from ecodesk.ui.kit.tasks import BackgroundCall
from ecodesk.ui.kit.widgets import MessageLine, heading_label

if TYPE_CHECKING:
    from ecodesk.storage.vault import Vault
    from ecodesk.ui.vault.passphrase import NewPassphraseFields


class PassphraseDialog(QDialog):
    """Common parts of the passphrase dialogs; subclasses build their fields, then call ``lay_out``."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.vault: Vault | None = None
        self._call: BackgroundCall | None = None
        self.heading = heading_label(parent=self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.message = MessageLine(self)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(max(6, self.fontMetrics().height() // 3))
        self.busy.setAccessibleName(_("Working…"))
        self.busy.hide()
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def lay_out(self, *parts: QWidget | QLayout, intro: bool = True, stretch: bool = False) -> None:
        """heading, [intro], the dialog's own parts, message, busy bar, [stretch], buttons."""
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        if intro:
            layout.addWidget(self.intro)
        for part in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        if stretch:
            layout.addStretch(1)
        layout.addWidget(self.buttons)

    def retranslate_buttons(self, ok_text: str, cancel_text: str | None = None) -> None:
        self.ok_button.setText(ok_text)
        self.ok_button.setAccessibleName(ok_text.replace("&", ""))
        cancel = cancel_text if cancel_text is not None else _("Cancel")
        self.cancel_button.setText(cancel)
        self.cancel_button.setAccessibleName(cancel.replace("&", ""))

    @property
    def working(self) -> bool:
        return self._call is not None and self._call.running

    def new_passphrase_ok(self, fields: NewPassphraseFields) -> bool:
        """False (with the problem shown and the focus on the field) when the new passphrase cannot be used."""
        problem = fields.problem()
        if problem:
            self.message.show_error(problem)
            fields.first.setFocus()
            return False
        return True

    def show_failure(self, error: BaseException, unexpected: str) -> None:
        """An EcoDeskError's own message; otherwise ``unexpected`` (a template with ``{problem}``)."""
        if isinstance(error, EcoDeskError):
            self.message.show_error(str(error))
        else:
            self.message.show_error(_(unexpected, problem=type(error).__name__))

    def submit(self) -> None:
        raise NotImplementedError

    def _run(self, fn: Any, *args: Any) -> None:
        self.message.clear_message()
        self._set_busy(True)
        self._call = BackgroundCall(fn, *args, on_done=self._finished)
        self._call.start()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for child in self.findChildren(QWidget):
            if isinstance(child, QLineEdit | QPushButton):
                child.setEnabled(not busy)

    def _finished(self, result: Any, error: BaseException | None) -> None:
        raise NotImplementedError

    def reject(self) -> None:
        if self.working:
            return  # the key derivation cannot be interrupted; it ends within a second or two
        super().reject()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.busy.setAccessibleName(_("Working…"))
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        raise NotImplementedError
