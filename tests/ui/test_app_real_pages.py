"""The main window with the real pages: language, new case shortcut, lock with a real draft, close prompt."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from app_support import isolated_settings, open_window  # noqa: F401  (fixture)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from ecodesk.demo import demo_cases
from ecodesk.records.service import save_record
from ecodesk.ui.main_window import MainWindow
from ecodesk.ui.records.cases_view import CasesView
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def window(qtbot, created) -> Iterator[MainWindow]:
    for case in demo_cases(12, seed=3, office="DKR"):
        save_record(created.vault, case)
    yield from open_window(qtbot, created.vault)


def test_real_pages_follow_the_language(qtbot, window: MainWindow) -> None:
    cases = window.show_page("cases")
    assert isinstance(cases, CasesView)
    window.language_actions["fr"].trigger()
    qtbot.waitUntil(lambda: window.sidebar.item(1).text() == "Dossiers")
    assert window.windowTitle() == "EcoDesk — bureau DKR"
    assert window.view_menu.title() == "&Affichage"
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.sidebar.item(1).text() == "Cases")


def test_new_case_is_kept_as_a_draft_across_a_lock(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    cases = window.current_page()
    assert isinstance(cases, CasesView) and cases.editor.isVisible()
    title = cases.editor.title_form.inputs["title"]
    qtbot.keyClicks(title, "Removal of duties after audit")
    assert window.unsaved_pages() == [cases]

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.session.is_unlocked
    assert not cases.editor.isVisible() and title.text() == ""
    dialog = window.lock_controller.unlock_dialog
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    assert cases.editor.isVisible()
    assert cases.editor.title_form.inputs["title"].text() == "Removal of duties after audit"
    assert cases.has_unsaved_changes()

    def answer() -> None:
        window.close_prompt.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(50, answer)
    assert not window.close()
    assert window.session.is_unlocked


def test_a_record_chosen_on_the_reports_page_opens_in_its_editor(qtbot, window: MainWindow) -> None:
    from ecodesk.models import SearchQuery

    reference = window.session.vault.records.find(SearchQuery(kind="retaliation", limit=1))[0].reference
    reports = window.show_page("reports")
    reports.open_record_requested.emit(reference)
    cases = window.current_page()
    assert isinstance(cases, CasesView)
    qtbot.waitUntil(lambda: cases.editor.isVisible() and cases.editor.reference == reference)


def test_discarding_at_close_also_forgets_the_autosaved_draft(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    cases = window.current_page()
    assert isinstance(cases, CasesView)
    qtbot.keyClicks(cases.editor.title_form.inputs["title"], "An edit the officer throws away")
    cases.autosave_draft()  # what the 30-second timer does
    vault = window.session.vault
    assert vault.drafts.keys() != []

    def answer() -> None:
        window.close_prompt.button(QMessageBox.StandardButton.Discard).click()

    QTimer.singleShot(50, answer)
    assert window.confirm_close()
    assert vault.drafts.keys() == []
