"""The main window: language switching at run time, auto-lock with drafts, unsaved-changes prompt, menus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from app_support import isolated_settings, open_window, stand_in_pages  # noqa: F401  (fixtures)
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from ecodesk.demo import demo_cases
from ecodesk.records.service import save_record
from ecodesk.ui.help import AboutDialog
from ecodesk.ui.kit.widgets import alert_color
from ecodesk.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.usefixtures("isolated_settings", "stand_in_pages")


@pytest.fixture
def window(qtbot, created) -> Iterator[MainWindow]:
    yield from open_window(qtbot, created.vault)


def _answer_close_prompt(window: MainWindow, button: QMessageBox.StandardButton) -> None:
    def answer() -> None:
        box = window.close_prompt
        assert box is not None and box.isVisible()
        box.button(button).click()

    QTimer.singleShot(50, answer)


def test_switch_to_french_and_back_without_restart(qtbot, window: MainWindow) -> None:
    about = AboutDialog(window)
    qtbot.addWidget(about)
    about.show()
    assert window.windowTitle() == "EcoDesk — DKR office"
    assert window.sidebar.item(1).text() == "Cases"

    window.language_actions["fr"].trigger()
    qtbot.waitUntil(lambda: window.windowTitle() == "EcoDesk — bureau DKR")
    assert window.file_menu.title() == "&Fichier"
    assert window.sidebar.item(1).text() == "Dossiers"
    assert window.state_label.text() == "Déverrouillé"
    assert window.language_actions["fr"].isChecked()
    # An open dialog follows too, including Qt's own button texts (qtbase translations).
    qtbot.waitUntil(lambda: about.windowTitle() == "À propos d'EcoDesk")
    assert about.buttons.button(QDialogButtonBox.StandardButton.Close).text().replace("&", "") == "Fermer"

    window.language_actions["es"].trigger()
    qtbot.waitUntil(lambda: window.sidebar.item(1).text() == "Casos")
    assert window.edit_menu.title().replace("&", "") == "Edición"
    assert QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "EcoDesk", "EcoDesk").value(
        "ui/language"
    ) == "es"

    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.windowTitle() == "EcoDesk — DKR office")
    assert about.windowTitle() == "About EcoDesk"
    assert about.buttons.button(QDialogButtonBox.StandardButton.Close).text().replace("&", "") == "Close"


def test_auto_lock_after_idle_keeps_the_draft(qtbot, window: MainWindow) -> None:
    cases = window.page_by_key["cases"]
    window.show_page("cases")
    qtbot.keyClicks(cases.editor, "Notes typed before a coffee break")
    window.lock_controller.idle_override = 0.3
    window.lock_controller._apply_timeout()

    qtbot.waitUntil(lambda: not window.session.is_unlocked, timeout=5_000)
    assert cases.editor.text() == ""
    assert window.outer.currentWidget() is window.locked_page
    assert window.state_label.text() == "Locked"
    assert not window.new_case_action.isEnabled()
    dialog = window.lock_controller.unlock_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())

    window.lock_controller.idle_override = 600
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    assert cases.editor.text() == "Notes typed before a coffee break"
    assert window.session.vault.drafts.get("stand-in-case") is None
    assert window.outer.currentIndex() == 0
    assert window.state_label.text() == "Unlocked"


def test_ctrl_l_locks_and_closes_open_dialogs(qtbot, window: MainWindow) -> None:
    about = AboutDialog(window)
    qtbot.addWidget(about)
    about.show()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.session.is_unlocked
    assert not about.isVisible()
    qtbot.waitUntil(lambda: window.lock_controller.unlock_dialog is not None)
    # Cancelling the unlock dialog leaves the lock screen, with a button to try again.
    qtbot.mouseClick(window.lock_controller.unlock_dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.lock_controller.unlock_dialog is None)
    assert window.outer.currentWidget() is window.locked_page
    qtbot.mouseClick(window.locked_page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.lock_controller.unlock_dialog is not None)


def test_closing_with_unsaved_changes_asks(qtbot, window: MainWindow) -> None:
    cases = window.page_by_key["cases"]
    window.show_page("home")
    qtbot.keyClicks(cases.editor, "unsaved edit")

    _answer_close_prompt(window, QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert window.isVisible() and window.session.is_unlocked
    assert window.current_page() is cases  # the page with the edit is shown

    _answer_close_prompt(window, QMessageBox.StandardButton.Save)
    assert window.close()
    assert cases.saved == "unsaved edit"
    assert not window.session.is_unlocked


def test_discard_closes_without_saving(qtbot, window: MainWindow) -> None:
    advice = window.page("advice")
    qtbot.keyClicks(advice.editor, "edit to drop")
    _answer_close_prompt(window, QMessageBox.StandardButton.Discard)
    assert window.close()
    assert advice.saved == ""


def test_menu_shortcuts_reach_the_pages(qtbot, window: MainWindow) -> None:
    cases, advice = window.page("cases"), window.page("advice")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is cases and cases.calls[-1] == ("new_record", ())
    window.new_advice_action.trigger()
    assert window.current_page() is advice and advice.calls[-1] == ("new_record", ())
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert advice.calls[-1] == ("save_current", ())
    window.show_page("home")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is cases and cases.calls[-1] == ("focus_search", ())
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.page("programme")
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.page("settings")
    window.file_menu.aboutToShow.emit()
    assert window.import_action.isVisible()  # the Packages page offers an import
    packages = window.page("packages")
    opened = []
    packages.open_package = lambda: opened.append(True)  # instead of its file dialog
    window.import_action.trigger()  # File → Import package… runs the Packages page's import
    assert window.current_page() is packages and opened == [True]


def test_home_lists_due_assessments_overdue_first_in_red(qtbot, window: MainWindow) -> None:
    vault = window.session.vault
    today = dt.date.today()
    overdue, soon, later = list(demo_cases(3, seed=5, office="DKR"))
    for case, received in ((overdue, today - dt.timedelta(days=40)), (soon, today - dt.timedelta(days=27)),
                           (later, today - dt.timedelta(days=2))):  # fmt: skip
        save_record(vault, case.model_copy(update={"received_on": received, "status": "received"}))
    home = window.page("home")
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        window.session.records_changed.emit()
    assert home.due.topLevelItemCount() == 2
    first, second = home.due.topLevelItem(0), home.due.topLevelItem(1)
    assert first.text(4) == "Overdue by 10 days"
    assert first.foreground(4).color() == alert_color(home.palette())
    assert second.text(4) == "3 days left"
    assert second.foreground(4).color() != alert_color(home.palette())
    assert home.summary.text().startswith("All records, today: 1 overdue assessment · 1 due soon · 3 open cases")
    assert home.recent.topLevelItemCount() == 3

    home.due.itemActivated.emit(first, 0)
    cases = window.page_by_key["cases"]
    assert window.current_page() is cases
    assert cases.calls[-1] == ("open_record", (first.text(0),))


def test_status_bar_shows_vault_office_and_state(window: MainWindow) -> None:
    assert str(window.session.vault_path) in window.path_label.text()
    assert window.office_label.text() == "Office: DKR"
    assert window.state_label.text() == "Unlocked"
    assert window.sidebar.accessibleName() == "Pages"
    assert QApplication.instance() is not None


def test_home_says_at_least_when_the_list_is_cut(qtbot, window: MainWindow, monkeypatch) -> None:
    from ecodesk.ui import home_view

    monkeypatch.setattr(home_view, "DUE_LIMIT", 2)
    vault = window.session.vault
    today = dt.date.today()
    for case, days in zip(demo_cases(3, seed=9, office="DKR"), (45, 40, 28), strict=True):
        received = today - dt.timedelta(days=days)
        save_record(vault, case.model_copy(update={"received_on": received, "status": "received"}))
    home = window.page("home")
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        window.session.records_changed.emit()
    assert home.due.topLevelItemCount() == 2
    assert home.summary.text() == "All records, today: At least 2 overdue assessments · 3 open cases"

    monkeypatch.setattr(home_view, "DUE_LIMIT", 3)
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        window.session.records_changed.emit()
    assert home.summary.text() == "All records, today: 2 overdue assessments · 1 due soon · 3 open cases"


def test_overdue_red_follows_a_dark_theme(qtbot, window: MainWindow) -> None:
    from PySide6.QtGui import QColor, QPalette

    vault = window.session.vault
    case = next(iter(demo_cases(1, seed=4, office="DKR")))
    received = dt.date.today() - dt.timedelta(days=60)
    save_record(vault, case.model_copy(update={"received_on": received, "status": "received"}))
    home = window.page("home")
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        window.session.records_changed.emit()
    light = home.due.topLevelItem(0).foreground(4).color()
    dark = QPalette(home.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#262626"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    home.setPalette(dark)
    shown = home.due.topLevelItem(0).foreground(4).color()
    assert shown == alert_color(dark) != light
    assert shown.lightness() > 128  # a light red on a dark background


def test_a_campaign_or_a_session_opens_on_the_programme_page(qtbot, window: MainWindow) -> None:
    window.show_page("home")
    window.open_reference("TRN-2026-DKR-0001")
    assert window.current_page() is window.page("programme")
    window.show_page("home")
    window.open_record("YDI-2026-DKR-0001", "ydi")
    assert window.current_page() is window.page("programme")
