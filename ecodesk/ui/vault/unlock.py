"""Unlocking the vault: the passphrase dialog, and the recovery-key dialog reached from it.

The key derivation takes about a second, so it runs in a worker thread while the dialog shows that it is busy.
A wrong passphrase says so; after ``FREE_ATTEMPTS`` failures each new attempt waits a little longer. The vault
module (and its crypto stack) is imported only when the user presses Unlock: the dialog must appear fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecodesk.errors import EcoDeskError, WrongPassphrase
from ecodesk.i18n import N_, _
from ecodesk.ui.kit.widgets import passphrase_field
from ecodesk.ui.vault.dialog import PassphraseDialog
from ecodesk.ui.vault.passphrase import NewPassphraseFields

if TYPE_CHECKING:
    from ecodesk.storage.vault import Vault

FREE_ATTEMPTS = 3
OPEN_FAILED = N_("The vault could not be opened: {problem}")
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
    from ecodesk.assessment.upgrade import finish_upgrades
    from ecodesk.storage.vault import Vault

    # A rolled-back vault opens only so that the officer can be asked about it (nothing moves its kept head;
    # the data upgrades wait until the loss is accepted).
    vault = Vault.open(path, passphrase, rolled_back_ok=True)
    try:
        finish_upgrades(vault)
    except BaseException:
        vault.close()
        raise
    return vault


def _recover_vault(path: Path, recovery_key: str, new_passphrase: str) -> Vault:
    from ecodesk.assessment.upgrade import finish_upgrades
    from ecodesk.storage.vault import Vault, check_passphrase

    check_passphrase(new_passphrase)
    vault = Vault.open_with_recovery_key(path, recovery_key)
    try:
        vault.change_passphrase(new_passphrase)
        finish_upgrades(vault)
    except BaseException:
        vault.close()
        raise
    return vault


class UnlockDialog(PassphraseDialog):
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
        self.unlock_button = self.ok_button
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
        self.retranslate_buttons(_("&Unlock"), _("&Quit") if self._quit_button else _("Cancel"))
        self.location.setAccessibleName(_("Vault folder"))
        self.intro.setAccessibleName(self.intro.text())
        if self._wait_left:
            self._show_wait()

    def submit(self) -> None:
        if self._wait_left or self.working:
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
            if result.rollback is not None:
                self._ask_about_rollback(result)
            else:
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
        else:
            self.show_failure(error, OPEN_FAILED)
        self.passphrase.setFocus()

    def _ask_about_rollback(self, vault: Vault) -> None:
        """Never open a rolled-back vault as if nothing happened: say what is missing, name the last backup, and
        let the officer either close it (to restore the backup) or accept the loss, which is audited."""
        assert vault.rollback is not None
        box = QMessageBox(QMessageBox.Icon.Warning, _("The vault was rolled back"), "", parent=self)
        lines = vault.rollback.describe(vault.last_backup())
        lines.append(
            _(
                "Changes made since then are lost, or someone put back an older copy of the vault. To get them back, "
                "close the vault and restore your last backup (ecodesk vault restore). To continue with the vault "
                "as it is, accept the loss: it is recorded in the audit log."
            )
        )
        box.setText("\n\n".join(lines))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.accept_loss_button = box.addButton(_("Accept the loss and open"), QMessageBox.ButtonRole.DestructiveRole)
        self.close_vault_button = box.addButton(_("Close the vault"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.close_vault_button)
        self.rollback_box = box
        box.finished.connect(lambda _result: self._rollback_answered(vault, box.clickedButton()))
        box.open()

    def _rollback_answered(self, vault: Vault, button: object) -> None:
        if button is self.accept_loss_button:
            try:
                vault.accept_rollback()
                from ecodesk.assessment.upgrade import finish_upgrades

                finish_upgrades(vault)
            except EcoDeskError as exc:
                vault.close()
                self.message.show_error(str(exc))
                return
            self._accept_vault(vault)
            return
        assert vault.rollback is not None
        from ecodesk.errors import VaultRolledBack

        refusal = VaultRolledBack.found(
            vault.rollback.missing_events, vault.last_backup(), altered=bool(vault.rollback.altered_copies)
        )
        vault.close()
        self.message.show_error(str(refusal))
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


class RecoveryDialog(PassphraseDialog):
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
        form = QFormLayout()
        form.addRow(self.key_label, self.key)
        self.new.add_to(form)
        self.lay_out(form, stretch=True)
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
        self.retranslate_buttons(_("Set the new passphrase and unlock"))

    def submit(self) -> None:
        if self.working:
            return
        if not self.key.text().strip():
            self.message.show_error(_("Type the recovery key."))
            self.key.setFocus()
            return
        if not self.new_passphrase_ok(self.new):
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
        else:
            self.show_failure(error, OPEN_FAILED)
        self.key.setFocus()
