"""The case editor driven like a user: create a case through the form, find it by typing in the search box,
validation next to the field, the unsaved-changes prompt, drafts across a lock, and a stale save."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from records_support import Answers, seed_cases, show_cases_view, type_into

from ecodesk.models import RecordKind, SearchQuery
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault
from ecodesk.ui.records import editor as record_editor
from ecodesk.ui.records import fields
from ecodesk.ui.records import page as records_page
from ecodesk.ui.records.cases_view import CasesView
from tests.conftest import PASSPHRASE


def make_view(qtbot, session) -> CasesView:
    return show_cases_view(qtbot, session, 1300, 800)


def test_a_case_created_through_the_form_is_found_by_search_as_you_type(qtbot, session, vault):
    seed_cases(vault, 40)
    view = make_view(qtbot, session)
    assert view.model.total == 40
    editor = view.case_editor

    view.new_record()
    type_into(qtbot, editor.title_form.inputs["title"], "Non-renewal after audit testimony")
    editor.tabs.setCurrentIndex(1)
    type_into(qtbot, editor.complainant.inputs["complainant.name"], "Zéphyrine Okonkwo-Bâ")
    assert view.has_unsaved_changes()
    with qtbot.waitSignal(session.records_changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert not view.has_unsaved_changes()
    stored = vault.records.get(editor.reference)
    assert stored.title == "Non-renewal after audit testimony"
    assert stored.complainant.name == "Zéphyrine Okonkwo-Bâ"
    assert stored.office == "DKR" and stored.received_on == dt.date.today()
    assert editor.reference in editor.heading.text()

    qtbot.keyClicks(view.search, "okonkw")
    qtbot.waitUntil(lambda: view.model.total == 1, timeout=3000)
    assert view.model.summary(0).reference == stored.reference
    assert view.count_label.text() == "1 case"
    view.search.clear()
    qtbot.waitUntil(lambda: view.model.total == 41, timeout=3000)


def test_validation_messages_appear_next_to_the_fields(qtbot, session, vault):
    view = make_view(qtbot, session)
    editor = view.case_editor
    view.new_record()
    editor.meta_form.inputs["received_on"].clear()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    title_error = editor.title_form.errors["title"]
    date_error = editor.meta_form.errors["received_on"]
    assert not title_error.isHidden() and title_error.text() == "Enter a title."
    assert not date_error.isHidden() and date_error.text() == "Enter the date it was received."
    assert editor.meta_form.errors["status"].isHidden()
    assert vault.records.count(SearchQuery(kind=RecordKind.retaliation)) == 0
    assert view.has_unsaved_changes() or editor.record is None

    type_into(qtbot, editor.title_form.inputs["title"], "Threats after witness interview")
    editor.meta_form.inputs["received_on"].set_value(dt.date(2026, 3, 2))
    assert editor.save()
    assert title_error.isHidden() and date_error.isHidden()
    assert vault.records.get(editor.reference).received_on == dt.date(2026, 3, 2)


def test_switching_records_with_unsaved_changes_asks_first(qtbot, session, vault, monkeypatch):
    seed_cases(vault, 3)
    view = make_view(qtbot, session)
    first, second = view.model.summary(0), view.model.summary(1)
    view.table.selectRow(0)
    assert view.case_editor.reference == first.reference
    type_into(qtbot, view.case_editor.title_form.inputs["title"], "Edited title")

    answers = Answers("cancel", "discard")
    monkeypatch.setattr(records_page, "ask_unsaved", answers)
    view.table.selectRow(1)
    assert len(answers.asked) == 1
    assert view.case_editor.reference == first.reference  # cancelled: still on the edited case
    assert view.case_editor.title_form.inputs["title"].text() == "Edited title"
    qtbot.waitUntil(lambda: view.table.currentIndex().row() == 0, timeout=1000)

    view.table.selectRow(1)  # discard
    assert view.case_editor.reference == second.reference
    assert vault.records.get(first.reference).title == first.title

    type_into(qtbot, view.case_editor.title_form.inputs["title"], "Second, edited")
    monkeypatch.setattr(records_page, "ask_unsaved", Answers("save"))
    assert view.open_record(first.reference)
    assert vault.records.get(second.reference).title == "Second, edited"


def test_unsaved_edits_survive_a_lock_as_an_encrypted_draft(qtbot, session, vault, vault_path):
    seed_cases(vault, 2)
    view = make_view(qtbot, session)
    reference = view.model.summary(0).reference
    view.open_record(reference)
    type_into(qtbot, view.case_editor.title_form.inputs["title"], "Typed just before the lock")

    view.stash_drafts()
    session.lock()
    assert view.case_editor.isHidden() and not view.has_unsaved_changes()
    assert view.model.rowCount() == 0 and view.search.text() == ""

    session.attach(Vault.open(vault_path, PASSPHRASE))  # the page restores its draft on unlock
    assert not view.restore_drafts()  # already done: asking again changes nothing
    assert not view.case_editor.isHidden()
    assert view.has_unsaved_changes() and view.case_editor.reference == reference
    assert view.case_editor.title_form.inputs["title"].text() == "Typed just before the lock"
    assert view.save_current()
    assert session.vault.records.get(reference).title == "Typed just before the lock"
    assert session.vault.drafts.keys() == []


def test_a_new_unsaved_case_is_kept_by_the_periodic_autosave(qtbot, session, vault, vault_path):
    view = make_view(qtbot, session)
    view.new_record()
    type_into(qtbot, view.case_editor.title_form.inputs["title"], "Not saved yet")
    view.autosave_draft()  # what the 30-second timer does
    session.lock()
    session.attach(Vault.open(vault_path, PASSPHRASE))
    assert view.has_unsaved_changes() and view.case_editor.record is None
    assert view.case_editor.title_form.inputs["title"].text() == "Not saved yet"


def test_a_save_over_a_newer_revision_is_refused_and_explained(qtbot, session, vault, monkeypatch):
    seed_cases(vault, 1)
    view = make_view(qtbot, session)
    reference = view.model.summary(0).reference
    view.open_record(reference)
    elsewhere = vault.records.get(reference)
    save_record(vault, elsewhere.model_copy(update={"summary": "changed by a package import"}))

    type_into(qtbot, view.case_editor.title_form.inputs["title"], "My edit")
    asked = Answers(False)
    monkeypatch.setattr(record_editor, "ask_conflict", asked)
    assert not view.save_current()
    assert reference in asked.asked[0][1] and "changed elsewhere" in asked.asked[0][1]
    assert view.has_unsaved_changes()  # the edits are still there
    assert vault.records.get(reference).title == elsewhere.title
    assert fields.field_errors is not None


def test_ctrl_s_in_a_field_saves_the_record(qtbot, session, vault):
    seed_cases(vault, 1)
    view = make_view(qtbot, session)
    reference = view.model.summary(0).reference
    view.open_record(reference)
    summary = view.case_editor.overview.inputs["summary"]
    summary.setFocus()
    summary.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(summary, " Added on the phone.")
    qtbot.keyClick(summary, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not view.has_unsaved_changes()
    assert vault.records.get(reference).summary.endswith("Added on the phone.")


def test_every_control_has_an_accessible_name(qtbot, session, vault):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
        QTabWidget,
        QWidget,
    )

    seed_cases(vault, 2)
    view = make_view(qtbot, session)
    view.open_record(view.model.summary(0).reference)
    controls = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTabWidget)
    unnamed = []
    for widget in view.findChildren(QWidget):
        if not isinstance(widget, controls) or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, QHeaderView) or isinstance(widget.parent(), QTabWidget):
            continue  # a table's header, a tab widget's own bar
        ancestor, inner = widget.parent(), False
        while ancestor is not None and ancestor is not view:
            inner = inner or isinstance(ancestor, QComboBox | QAbstractSpinBox | QLineEdit)
            ancestor = ancestor.parent()
        if inner:
            continue  # the popup, inner editor or clear button of a named control
        if not widget.accessibleName():
            unnamed.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    assert unnamed == []


def test_an_open_record_changed_elsewhere_is_shown_in_its_new_revision(qtbot, session, vault):
    seed_cases(vault, 1)
    view = make_view(qtbot, session)
    reference = view.model.summary(0).reference
    view.open_record(reference)
    stored = vault.records.get(reference)
    save_record(vault, stored.model_copy(update={"title": "Retitled by the assessment wizard"}))
    session.records_changed.emit()
    assert view.case_editor.title_form.inputs["title"].text() == "Retitled by the assessment wizard"
    assert not view.has_unsaved_changes()


def test_a_blank_date_starts_from_today_and_delete_blanks_it_again(qtbot, session):
    view = make_view(qtbot, session)
    view.new_record()
    due = view.case_editor.meta_form.inputs["assessment_due_on"]
    assert due.value() is None
    due.edit.setFocus()
    qtbot.keyClick(due.edit, Qt.Key.Key_Up)
    assert due.value() is not None and abs((due.value() - dt.date.today()).days) <= 366
    qtbot.keyClick(due.edit, Qt.Key.Key_Delete)
    assert due.value() is None


def test_tab_moves_through_the_case_in_reading_order(qtbot, session):
    view = make_view(qtbot, session)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=2000)
    view.new_record()
    editor = view.case_editor
    seen = []
    for _ in range(9):
        widget = QApplication.focusWidget()
        seen.append(widget.accessibleName() or type(widget).__name__)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert seen == ["Title", "Status", "Received on", "Language of the case", "Assessment due", "Sections",
                    "Summary of the complaint", "Notes", "Save"]
    assert editor.isAncestorOf(QApplication.focusWidget())  # Close, still in the editor


def test_edits_typed_then_undone_leave_no_draft_behind(qtbot, session, vault):
    seed_cases(vault, 1)
    view = make_view(qtbot, session)
    reference = view.model.summary(0).reference
    view.open_record(reference)
    title = view.case_editor.title_form.inputs["title"]
    original = title.text()
    type_into(qtbot, title, "Half-typed")
    view.autosave_draft()
    assert vault.drafts.keys() == ["ui-records/retaliation"]
    type_into(qtbot, title, original)
    assert not view.has_unsaved_changes()
    view.autosave_draft()
    assert vault.drafts.keys() == []
