"""Unlocking the vault: the passphrase dialog, and the recovery-key dialog reached from it.

The key derivation takes about a second, so it runs in a worker thread while the dialog shows that it is busy.
A wrong passphrase says so; after ``FREE_ATTEMPTS`` failures each new attempt waits a little longer. The vault
module (and its crypto stack) is imported only when the user presses Unlock: the dialog must appear fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecodesk.errors import EcoDeskError, WrongPassphrase
from ecodesk.i18n import _
from ecodesk.ui.kit.widgets import BackgroundCall, MessageLine, heading_label, passphrase_field
from ecodesk.ui.vault.passphrase import NewPassphraseFields

if TYPE_CHECKING:
    from ecodesk.storage.vault import Vault

FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 60

# Failed attempts per vault folder in this process, so that closing and reopening the dialog does not reset
# the delay. A successful unlock resets it.
_failures: dict[str, int] = {}


def retry_delay(failures: int) -> int:
    """Seconds to wait before the next attempt after ``failures`` wrong passphrases in a row."""
    if failures < FREE_ATTEMPTS:
        return 0
    return int(min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_ATTEMPTS + 1)))


def _open_vault(path: Path, passphrase: str) -> Vault:
    from ecodesk.storage.vault import Vault

    return Vault.open(path, passphrase)


def _recover_vault(path: Path, recovery_key: str, new_passphrase: str) -> Vault:
    from ecodesk.storage.vault import Vault, check_passphrase

    check_passphrase(new_passphrase)
    vault = Vault.open_with_recovery_key(path, recovery_key)
    try:
        vault.change_passphrase(new_passphrase)
    except BaseException:
        vault.close()
        raise
    return vault


class _BusyDialog(QDialog):
    """Common parts: a heading, a message line, an indeterminate busy bar, and a worker call."""

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
        if self._call is not None and self._call.running:
            return  # the key derivation cannot be interrupted; it ends within a second or two
        super().reject()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.busy.setAccessibleName(_("Working…"))
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        raise NotImplementedError


class UnlockDialog(_BusyDialog):
    """Asks for the passphrase; ``vault`` holds the opened vault once the dialog is accepted."""

    unlocked = Signal(object)

    def __init__(self, vault_path: Path, parent: QWidget | None = None, *, quit_button: bool = True) -> None:
        super().__init__(parent)
        self.vault_path = Path(vault_path)
        self._quit_button = quit_button
        self._wait_left = 0
        self.setModal(True)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 78)

        self.passphrase = passphrase_field(self)
        self.passphrase_label = QLabel(self)
        self.passphrase_label.setBuddy(self.passphrase)
        self.location = QLabel(self)
        self.location.setWordWrap(True)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.forgot = QPushButton(self)
        self.forgot.setFlat(True)
        self.forgot.setCursor(Qt.CursorShape.PointingHandCursor)
        self.forgot.clicked.connect(self._use_recovery_key)
        self.buttons = QDialogButtonBox(self)
        self.unlock_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.unlock_button.setDefault(True)
        self.buttons.accepted.connect(self._try_unlock)
        self.buttons.rejected.connect(self.reject)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        layout = QVBoxLayout(self)
        layout.setSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.location)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(self.forgot, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.passphrase, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.cancel_button)
        self.setTabOrder(self.cancel_button, self.forgot)
        self.retranslate_ui()
        self.passphrase.setFocus()
        if retry_delay(self.failures) and self.failures:
            self._start_wait(retry_delay(self.failures))

    @property
    def failures(self) -> int:
        return _failures.get(str(self.vault_path), 0)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Unlock EcoDesk"))
        self.heading.setText(_("Unlock EcoDesk"))
        self.intro.setText(_("Enter your passphrase to open the vault."))
        self.location.setText(_("Vault: {path}", path=str(self.vault_path)))
        self.passphrase_label.setText(_("&Passphrase:"))
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.forgot.setText(_("Forgot your passphrase? Use the recovery key…"))
        self.forgot.setAccessibleName(_("Forgot your passphrase? Use the recovery key"))
        self.unlock_button.setText(_("&Unlock"))
        self.unlock_button.setAccessibleName(_("Unlock"))
        self.cancel_button.setText(_("&Quit") if self._quit_button else _("Cancel"))
        self.cancel_button.setAccessibleName(self.cancel_button.text().replace("&", ""))
        self.location.setAccessibleName(_("Vault folder"))
        self.intro.setAccessibleName(self.intro.text())
        if self._wait_left:
            self._show_wait()

    def _try_unlock(self) -> None:
        if self._wait_left or (self._call is not None and self._call.running):
            return
        secret = self.passphrase.text()
        if not secret:
            self.message.show_error(_("Enter your passphrase."))
            return
        self.passphrase.clear()
        self._run(_open_vault, self.vault_path, secret)

    def _finished(self, result: Any, error: BaseException | None) -> None:
        self._set_busy(False)
        if error is None:
            _failures.pop(str(self.vault_path), None)
            self._accept_vault(result)
            return
        if isinstance(error, WrongPassphrase):
            _failures[str(self.vault_path)] = self.failures + 1
            delay = retry_delay(self.failures)
            if delay:
                self._start_wait(delay)
            else:
                self.message.show_error(
                    _("Wrong passphrase. Check Caps Lock and the keyboard layout, then try again.")
                )
        elif isinstance(error, EcoDeskError):
            self.message.show_error(str(error))
        else:
            self.message.show_error(_("The vault could not be opened: {problem}", problem=type(error).__name__))
        self.passphrase.setFocus()

    def _accept_vault(self, vault: Vault) -> None:
        self.vault = vault
        self.unlocked.emit(vault)
        self.accept()

    # -- growing delay after repeated failures -------------------------------------------------------------
    def _start_wait(self, seconds: int) -> None:
        self._wait_left = seconds
        self.unlock_button.setEnabled(False)
        self._show_wait()
        self._countdown.start()

    def _tick(self) -> None:
        self._wait_left = max(0, self._wait_left - 1)
        if self._wait_left:
            self._show_wait()
            return
        self._countdown.stop()
        self.unlock_button.setEnabled(True)
        self.message.show_error(_("Wrong passphrase. You can try again now."))
        self.passphrase.setFocus()

    def _show_wait(self) -> None:
        self.message.show_error(
            _("Wrong passphrase ({n} attempts). Try again in {seconds} s.", n=self.failures, seconds=self._wait_left)
        )

    # -- recovery ------------------------------------------------------------------------------------------
    def _use_recovery_key(self) -> None:
        dialog = RecoveryDialog(self.vault_path, self)
        self.recovery_dialog = dialog
        dialog.accepted.connect(lambda: self._recovered(dialog))
        dialog.open()

    def _recovered(self, dialog: RecoveryDialog) -> None:
        if dialog.vault is not None:
            _failures.pop(str(self.vault_path), None)
            self._accept_vault(dialog.vault)


class RecoveryDialog(_BusyDialog):
    """Recovery key plus a new passphrase (twice): opens the vault and replaces the passphrase."""

    def __init__(self, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault_path = Path(vault_path)
        self.setModal(True)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.key = QLineEdit(self)
        self.key.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
        self.key_label = QLabel(self)
        self.key_label.setBuddy(self.key)
        self.new = NewPassphraseFields(self)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self._try_recover)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.key_label, self.key)
        self.new.add_to(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.key.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Use the recovery key"))
        self.heading.setText(_("Use the recovery key"))
        self.intro.setText(
            _(
                "Type the recovery key you wrote down when the vault was created (9 groups of 4 letters and "
                "digits), then choose a new passphrase. The old passphrase will no longer work."
            )
        )
        self.key_label.setText(_("Recovery &key:"))
        self.key.setAccessibleName(_("Recovery key"))
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.new.retranslate_ui()
        self.ok_button.setText(_("Set the new passphrase and unlock"))
        self.ok_button.setAccessibleName(self.ok_button.text())
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel"))

    def _try_recover(self) -> None:
        if self._call is not None and self._call.running:
            return
        if not self.key.text().strip():
            self.message.show_error(_("Type the recovery key."))
            self.key.setFocus()
            return
        problem = self.new.problem()
        if problem:
            self.message.show_error(problem)
            self.new.first.setFocus()
            return
        self._run(_recover_vault, self.vault_path, self.key.text(), self.new.value())

    def _finished(self, result: Any, error: BaseException | None) -> None:
        self._set_busy(False)
        if error is None:
            self.key.clear()
            self.new.clear()
            self.vault = result
            self.accept()
            return
        if isinstance(error, WrongPassphrase):
            self.message.show_error(_("This recovery key does not open the vault. Check each group and try again."))
        elif isinstance(error, EcoDeskError):
            self.message.show_error(str(error))
        else:
            self.message.show_error(_("The vault could not be opened: {problem}", problem=type(error).__name__))
        self.key.setFocus()
