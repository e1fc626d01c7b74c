"""The advice page: a record created through the form (anonymous requester), found by search, edited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from records_support import type_into

from ecodesk.models import AdviceCategory, AdviceStatus
from ecodesk.ui.records.advice_view import AdviceView


def test_an_anonymous_request_keeps_no_identity_and_is_found_by_its_question(qtbot, session, vault):
    view = AdviceView(session)
    qtbot.addWidget(view)
    view.show()
    editor = view.advice_editor
    view.new_record()
    category = editor.meta_form.inputs["category"]
    category.setCurrentIndex(category.findData(AdviceCategory.gifts.value))
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
    assert stored.category == AdviceCategory.gifts and stored.status == AdviceStatus.open
    assert stored.requester.anonymous and stored.requester.name == ""
    assert stored.standards_references == ["Standards of Conduct, para. 49", "Staff Regulation 1.2 (l)"]

    qtbot.keyClicks(view.search, "scarf")
    qtbot.waitUntil(lambda: view.model.total == 1, timeout=3000)
    person = [c.key for c in view.model.columns].index("person")
    assert view.model.data(view.model.index(0, person)) == "Anonymous"


def test_the_question_is_required(qtbot, session, vault):
    view = AdviceView(session)
    qtbot.addWidget(view)
    view.show()
    view.new_record()
    assert not view.advice_editor.save()
    error = view.advice_editor.advice_form.errors["question"]
    assert not error.isHidden() and error.text() == "Enter the question asked."
