"""Settings live in the vault (QSettings holds only geometry and language); passphrase change, backup, clipboard."""

from __future__ import annotations

import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_support import isolated_settings, open_window, stand_in_pages  # noqa: F401  (fixtures)
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from ecodesk.storage.vault import Vault
from ecodesk.ui import settings_view
from ecodesk.ui.kit.clipboard import ConfidentialClipboard
from ecodesk.ui.kit.session import Session
from ecodesk.ui.language import ALLOWED_KEYS
from ecodesk.ui.main_window import MainWindow
from ecodesk.ui.settings_view import SettingsView
from ecodesk.ui.vault.change_passphrase import ChangePassphraseDialog
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.usefixtures("isolated_settings", "stand_in_pages")


@pytest.fixture
def window(qtbot, created) -> Iterator[MainWindow]:
    yield from open_window(qtbot, created.vault, expose=False)


def _replace(qtbot, field, text: str) -> None:
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_settings_are_saved_in_the_vault_not_in_qsettings(qtbot, window: MainWindow, tmp_path: Path) -> None:
    page: SettingsView = window.show_page("settings")
    assert page.officer_name.text() == "Awa Diop" and not page.save_button.isEnabled()
    _replace(qtbot, page.officer_name, "Ngozi Okafor")
    _replace(qtbot, page.office_code, "nbo")
    _replace(qtbot, page.duty_station, "Nairobi")
    page.idle_minutes.setValue(12)
    page.due_soon_days.setValue(10)
    assert page.has_unsaved_changes() and page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    stored = window.session.vault.settings
    assert (stored.officer_name, stored.office_code, stored.duty_station) == ("Ngozi Okafor", "NBO", "Nairobi")
    assert (stored.idle_lock_minutes, stored.due_soon_days) == (12, 10)
    assert not page.has_unsaved_changes()
    assert window.windowTitle() == "EcoDesk — NBO office"  # settings_changed reached the window
    assert window.lock_controller.idle_seconds() == 12 * 60

    window.resize(900, 640)
    window.session.lock()
    window.close()
    preferences = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "EcoDesk", "EcoDesk")
    preferences.sync()
    assert Path(preferences.fileName()).is_relative_to(tmp_path)  # never the user's real preferences
    files = list(Path(preferences.fileName()).parent.rglob("*"))
    keys = set(preferences.allKeys())
    assert keys and keys <= set(ALLOWED_KEYS)
    text = "".join(f.read_text(errors="replace") for f in files if f.is_file())
    assert "Ngozi" not in text and "Nairobi" not in text and "NBO" not in text


def test_invalid_office_code_is_explained_and_not_saved(qtbot, window: MainWindow) -> None:
    page: SettingsView = window.show_page("settings")
    _replace(qtbot, page.office_code, "N")
    assert not page.save_current()
    assert page.message.text() == "The office code is 2 to 5 capital letters, for example DKR."
    assert window.session.vault.settings.office_code == "DKR"


def test_logo_is_stored_as_png_bytes(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("navy"))
    logo = tmp_path / "logo.png"
    assert image.save(str(logo), "PNG")
    monkeypatch.setattr(settings_view, "ask_open_path", lambda *args: str(logo))
    page: SettingsView = window.show_page("settings")
    qtbot.mouseClick(page.logo_choose, Qt.MouseButton.LeftButton)
    assert page.save_current()
    assert window.session.vault.settings.logo_png == logo.read_bytes()

    not_png = tmp_path / "notes.png"
    not_png.write_text("not an image")
    monkeypatch.setattr(settings_view, "ask_open_path", lambda *args: str(not_png))
    errors = []
    monkeypatch.setattr(settings_view, "show_error", lambda parent, error: errors.append(str(error)))
    qtbot.mouseClick(page.logo_choose, Qt.MouseButton.LeftButton)
    assert errors == ["Choose a PNG image smaller than 1 MB."]
    assert not page.has_unsaved_changes()


def test_change_passphrase_needs_the_current_one(qtbot, window: MainWindow, vault_path: Path) -> None:
    new = "four rivers under one bridge"
    dialog = ChangePassphraseDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current, "not my passphrase")
    qtbot.keyClicks(dialog.new.first, new)
    qtbot.keyClicks(dialog.new.second, new)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() == "The current passphrase is not correct.", timeout=10_000)

    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    window.session.lock()
    Vault.open(vault_path, new).close()


def test_back_up_writes_an_encrypted_backup(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "office-backup"
    monkeypatch.setattr(settings_view, "ask_save_path", lambda *args: str(target))
    page: SettingsView = window.show_page("settings")
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "office-backup.ecobackup"
    assert written.exists()
    with tarfile.open(written) as tar:
        assert sorted(tar.getnames()) == ["keyslots.json", "vault.db"]  # no attachment: no evidence file
    assert str(written) in page.message.text()
    window.session.lock()
    Vault.restore(written, tmp_path / "restored", PASSPHRASE)


def test_back_up_to_a_folder_copies_only_new_evidence(qtbot, window: MainWindow, tmp_path: Path,
                                                       monkeypatch) -> None:
    import datetime as dt
    import io

    from ecodesk.models import RetaliationCase
    from ecodesk.records.service import save_record

    vault = window.session.vault
    case = save_record(vault, RetaliationCase(title="t", received_on=dt.date(2026, 1, 2)))
    vault.attachments.attach(case.reference or "", None, "scan.pdf", io.BytesIO(b"%PDF" * 5000), office="DKR")
    target = tmp_path / "usb-drive"
    monkeypatch.setattr(settings_view, "ask_folder", lambda *args: str(target))
    page: SettingsView = window.show_page("settings")
    qtbot.mouseClick(page.folder_backup_button, Qt.MouseButton.LeftButton)
    assert "1 new evidence file copied, 0 already there" in page.message.text()
    qtbot.mouseClick(page.folder_backup_button, Qt.MouseButton.LeftButton)
    assert "0 new evidence files copied, 1 already there" in page.message.text()
    window.session.lock()
    Vault.restore(target, tmp_path / "restored", PASSPHRASE)


def test_missing_evidence_is_shown_after_unlock(qtbot, created, tmp_path: Path) -> None:
    import datetime as dt
    import io

    from ecodesk.models import RetaliationCase
    from ecodesk.records.service import save_record

    vault = created.vault
    case = save_record(vault, RetaliationCase(title="t", received_on=dt.date(2026, 1, 2)))
    vault.attachments.attach(case.reference or "", None, "audio.m4a", io.BytesIO(b"a" * 9000), office="DKR")
    path = vault.path
    vault.close()
    for blob in (path / "evidence").rglob("*"):
        if blob.is_file():
            blob.unlink()
    session = Session(path)
    win = MainWindow(session)
    win.show()
    session.attach(Vault.open(path, PASSPHRASE))
    try:
        assert win.evidence_warning is not None and win.evidence_warning.isVisible()
        assert case.reference in win.evidence_warning.informativeText()
        assert "missing" in win.evidence_warning.informativeText()
    finally:
        win.evidence_warning.close()  # type: ignore[union-attr]
        session.lock()
        win.close()
        win.deleteLater()


def test_confidential_copy_is_cleared_unless_replaced(qtbot) -> None:
    clipboard = QGuiApplication.clipboard()
    copier = ConfidentialClipboard(clear_after_ms=100)
    copier.copy("Awa Diop")
    assert clipboard.text() == "Awa Diop"
    assert clipboard.mimeData().data("x-kde-passwordManagerHint").data() == b"secret"
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=3_000)
    assert not copier.pending

    copier.copy("Fatou Sow")
    clipboard.setText("the user's own text")
    qtbot.wait(300)
    assert clipboard.text() == "the user's own text"
    clipboard.clear()


def test_copies_made_in_ecodesk_fields_are_cleared_too(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit

    clipboard = QGuiApplication.clipboard()
    copier = ConfidentialClipboard(clear_after_ms=100)
    copier.watch()
    field = QLineEdit()
    qtbot.addWidget(field)
    field.setText("Moussa Ndiaye")
    field.selectAll()
    field.copy()
    assert clipboard.text() == "Moussa Ndiaye"
    assert copier.pending
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=3_000)
