"""The advice page: a record created through the form (anonymous requester), found by search, edited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from records_support import type_into

from ecodesk.models import AdviceCategory, AdviceStatus, RequesterType
from ecodesk.ui.records.advice_view import AdviceView


def test_an_anonymous_request_keeps_no_identity_and_is_found_by_its_question(qtbot, session, vault):
    view = AdviceView(session)
    qtbot.addWidget(view)
    view.show()
    editor = view.advice_editor
    view.new_record()
    categories = editor.category_form.inputs["categories"]
    for row in range(categories.count()):  # the officer ticks two situations and clears the default one
        item = categories.item(row)
        wanted = item.data(Qt.ItemDataRole.UserRole) in (AdviceCategory.gifts.value, AdviceCategory.local_customs.value)
        item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
    requester_type = editor.requester.inputs["requester_type"]
    requester_type.setCurrentIndex(requester_type.findData(RequesterType.non_staff.value))
    type_into(qtbot, editor.requester.inputs["requester.name"], "Somchai Wongsakul")
    qtbot.mouseClick(editor.anonymous, Qt.MouseButton.LeftButton)
    assert not editor.requester.inputs["requester.name"].isEnabled()
    question = editor.advice_form.inputs["question"]
    question.setFocus()
    qtbot.keyClicks(question, "May I accept a hand-woven scarf from a supplier?")
    references = editor.advice_form.inputs["standards_references"]
    references.setPlainText("Standards of Conduct, para. 49\n\nStaff Regulation 1.2 (l)\n")
    assert editor.save()

    stored = vault.records.get(editor.reference)
    assert stored.categories == [AdviceCategory.gifts, AdviceCategory.local_customs]
    assert stored.requester_type == RequesterType.non_staff and stored.status == AdviceStatus.open
    assert stored.requester.anonymous and stored.requester.name == ""
    assert stored.standards_references == ["Standards of Conduct, para. 49", "Staff Regulation 1.2 (l)"]

    qtbot.keyClicks(view.search, "scarf")
    qtbot.waitUntil(lambda: view.model.total == 1, timeout=3000)
    person = [c.key for c in view.model.columns].index("person")
    assert view.model.data(view.model.index(0, person)) == "Anonymous"
    category = [c.key for c in view.model.columns].index("category")
    assert view.model.data(view.model.index(0, category)) == "Gifts, honours and remuneration, Local customs"


def test_at_least_one_category_is_required(qtbot, session, vault):
    view = AdviceView(session)
    qtbot.addWidget(view)
    view.show()
    view.new_record()
    editor = view.advice_editor
    editor.category_form.inputs["categories"].set_value([])
    editor.advice_form.inputs["question"].setPlainText("May I teach at the university?")
    assert not editor.save()
    error = editor.category_form.errors["categories"]
    assert not error.isHidden() and error.text() == "Choose at least one category."


def test_the_question_is_required(qtbot, session, vault):
    view = AdviceView(session)
    qtbot.addWidget(view)
    view.show()
    view.new_record()
    assert not view.advice_editor.save()
    error = view.advice_editor.advice_form.errors["question"]
    assert not error.isHidden() and error.text() == "Enter the question asked."
