"""First run, unlock, growing delay and recovery, driven through the real dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import isolated_settings  # noqa: F401  (fixture)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ecodesk.storage.vault import MIN_PASSPHRASE_LENGTH, Vault
from ecodesk.ui.vault import unlock
from ecodesk.ui.vault.create import CreateVaultDialog, key_in_rows, recovery_key_document
from ecodesk.ui.vault.passphrase import MIN_LENGTH, passphrase_strength
from ecodesk.ui.vault.unlock import RecoveryDialog, UnlockDialog
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.usefixtures("isolated_settings")


def _type_passphrase(qtbot, dialog, text: str) -> None:
    qtbot.keyClicks(dialog.passphrase, text)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)


def test_create_vault_through_the_dialog(qtbot, vault_path: Path) -> None:
    dialog = CreateVaultDialog(vault_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.office, "dkr")
    qtbot.keyClicks(dialog.officer, "Awa Diop")
    qtbot.keyClicks(dialog.new.first, PASSPHRASE)
    qtbot.keyClicks(dialog.new.second, PASSPHRASE + "x")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "The two passphrases are not the same."
    assert not vault_path.exists()

    qtbot.keyClick(dialog.new.second, Qt.Key.Key_Backspace)
    assert dialog.new.meter_text.text() == "Strong"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.showing_key, timeout=10_000)
    key = dialog.recovery_key
    assert dialog.key_text.text().replace("\n", "-") == key and len(key.split("-")) == 9
    assert dialog.windowTitle() == "Your recovery key"
    # The key must be confirmed before the dialog closes; Escape does not skip it.
    assert not dialog.ok_button.isEnabled()
    assert key_in_rows(key) in recovery_key_document(key, "DKR", "Awa Diop").toPlainText()

    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton, pos=dialog.confirm.rect().center())
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.key_text.text() == ""
    vault = dialog.vault
    assert vault.settings.office_code == "DKR" and vault.settings.officer_name == "Awa Diop"
    vault.close()
    Vault.open_with_recovery_key(vault_path, key).close()
    Vault.open(vault_path, PASSPHRASE).close()


def test_create_vault_refuses_a_bad_office_code_and_a_guessable_passphrase(qtbot, vault_path: Path) -> None:
    dialog = CreateVaultDialog(vault_path)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.office, "D")
    qtbot.keyClicks(dialog.officer, "Awa Diop")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "office code" in dialog.message.text()
    qtbot.keyClicks(dialog.office, "KR")
    for field in dialog.new.fields():
        qtbot.keyClicks(field, "password1234")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "This passphrase is too easy to guess. Add more words or characters."
    assert not vault_path.exists()


def test_wrong_then_right_passphrase(qtbot, created, vault_path: Path) -> None:
    created.vault.close()
    dialog = UnlockDialog(vault_path)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_passphrase(qtbot, dialog, "not the passphrase")
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10_000)
    assert dialog.message.text().startswith("Wrong passphrase.")
    assert dialog.passphrase.text() == ""
    assert dialog.vault is None

    with qtbot.waitSignal(dialog.unlocked, timeout=10_000):
        _type_passphrase(qtbot, dialog, PASSPHRASE)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.vault.is_open
    dialog.vault.close()


def test_repeated_failures_make_the_next_attempt_wait(qtbot, created, vault_path: Path, monkeypatch) -> None:
    created.vault.close()
    monkeypatch.setattr(unlock, "retry_delay", lambda failures: 1 if failures >= unlock.FREE_ATTEMPTS else 0)
    dialog = UnlockDialog(vault_path)
    qtbot.addWidget(dialog)
    for attempt in range(unlock.FREE_ATTEMPTS):
        _type_passphrase(qtbot, dialog, f"wrong {attempt}")
        qtbot.waitUntil(lambda a=attempt: dialog.failures == a + 1, timeout=10_000)
    assert not dialog.unlock_button.isEnabled()
    assert "Try again in 1 s" in dialog.message.text()
    # While waiting, pressing Enter does nothing.
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.vault is None
    # A new dialog (closing and reopening) does not reset the count.
    again = UnlockDialog(vault_path)
    qtbot.addWidget(again)
    assert not again.unlock_button.isEnabled()
    qtbot.waitUntil(dialog.unlock_button.isEnabled, timeout=5_000)
    assert dialog.message.text() == "Wrong passphrase. You can try again now."
    dialog.passphrase.clear()
    with qtbot.waitSignal(dialog.unlocked, timeout=10_000):
        _type_passphrase(qtbot, dialog, PASSPHRASE)
    dialog.vault.close()
    assert unlock.retry_delay is not None and UnlockDialog(vault_path).failures == 0


def test_retry_delay_grows_and_is_capped() -> None:
    delays = [unlock.retry_delay(n) for n in range(12)]
    assert delays[: unlock.FREE_ATTEMPTS] == [0] * unlock.FREE_ATTEMPTS
    assert delays[unlock.FREE_ATTEMPTS :] == sorted(delays[unlock.FREE_ATTEMPTS :])
    assert delays[unlock.FREE_ATTEMPTS] > 0 and delays[-1] == unlock.MAX_DELAY_SECONDS


def test_forgotten_passphrase_recovered_with_the_recovery_key(qtbot, created, vault_path: Path) -> None:
    created.vault.close()
    new = "a brand new passphrase 2026"
    dialog = UnlockDialog(vault_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.forgot, Qt.MouseButton.LeftButton)
    recovery = dialog.recovery_dialog
    assert isinstance(recovery, RecoveryDialog) and recovery.isVisible()

    qtbot.keyClicks(recovery.key, "ABCD-" * 8 + "ABCD")
    qtbot.keyClicks(recovery.new.first, new)
    qtbot.keyClicks(recovery.new.second, new)
    qtbot.mouseClick(recovery.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: recovery.message.isVisible() and not recovery.busy.isVisible(), timeout=10_000)
    assert recovery.vault is None  # a mistyped key is caught by its checksum
    assert recovery.key.text()  # what was typed stays, to be corrected

    recovery.key.setText(created.recovery_key.lower().replace("-", " "))
    with qtbot.waitSignal(dialog.unlocked, timeout=10_000):
        qtbot.mouseClick(recovery.ok_button, Qt.MouseButton.LeftButton)
    dialog.vault.close()
    Vault.open(vault_path, new).close()


def test_strength_meter_prefers_several_words() -> None:
    assert MIN_LENGTH == MIN_PASSPHRASE_LENGTH
    assert passphrase_strength("short") == 0
    assert passphrase_strength("aaaaaaaaaaaaaaaa") == 1
    assert passphrase_strength("Password2026") == 1
    assert passphrase_strength("abcdefghijklmno") == 1
    assert passphrase_strength("correct horse battery staple") == 4
    assert passphrase_strength("Nairobi-rain-7-lanterns") >= 3


def _roll_back(vault_path: Path, tmp_path: Path) -> None:
    """Put back an older copy of the database after two more saved events (unlock and backup)."""
    import shutil

    old = tmp_path / "old-db"
    old.mkdir()
    for p in vault_path.glob("vault.db*"):
        shutil.copy2(p, old / p.name)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.backup(tmp_path / "friday.ecobackup")
    for p in vault_path.glob("vault.db*"):
        p.unlink()
    for p in old.iterdir():
        shutil.copy2(p, vault_path / p.name)


def test_a_rolled_back_vault_is_not_opened_as_if_nothing_happened(qtbot, created, vault_path: Path, tmp_path) -> None:
    created.vault.close()
    _roll_back(vault_path, tmp_path)
    dialog = UnlockDialog(vault_path)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_passphrase(qtbot, dialog, PASSPHRASE)
    qtbot.waitUntil(lambda: getattr(dialog, "rollback_box", None) is not None and dialog.rollback_box.isVisible(),
                    timeout=10_000)
    text = dialog.rollback_box.text()
    assert "2 audit events recorded earlier are missing" in text
    assert str(tmp_path / "friday.ecobackup") in text
    dialog.close_vault_button.click()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=5_000)
    assert dialog.message.text().startswith("The vault was rolled back")
    assert dialog.vault is None

    with qtbot.waitSignal(dialog.unlocked, timeout=10_000):
        _type_passphrase(qtbot, dialog, PASSPHRASE)
        qtbot.waitUntil(lambda: dialog.rollback_box.isVisible(), timeout=10_000)
        dialog.accept_loss_button.click()
    assert dialog.vault.rollback is None
    assert [e.action for e in dialog.vault.audit.events(limit=1)] == ["rollback_accepted"]
    dialog.vault.close()
    with Vault.open(vault_path, PASSPHRASE) as vault:  # accepted once: the next unlock is a normal one
        assert vault.verify().ok


def test_unlocking_an_old_vault_derives_its_cases_reasoning(qtbot, created, vault_path: Path) -> None:
    from ecodesk.models import RetaliationCase
    from ecodesk.storage.records import STRUCTURED_REASONING
    from tests.core.test_reasoning_migration import OLD_FRENCH, old_reasoning_vault

    saved, _kept = old_reasoning_vault(created.vault)
    dialog = UnlockDialog(vault_path)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.unlocked, timeout=10_000):
        _type_passphrase(qtbot, dialog, PASSPHRASE)
    vault = dialog.vault
    try:
        case = vault.records.get(saved.id)
        assert isinstance(case, RetaliationCase)
        assert case.assessment.protected_activity.reasons
        assert case.assessment.protected_activity.reasoning != OLD_FRENCH
        assert vault.records.awaiting_upgrade(STRUCTURED_REASONING) == {}
    finally:
        vault.close()
