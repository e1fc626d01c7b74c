"""Files on evidence items: attached the way a drop does it, listed, byte-identical in the vault; a real drop
event; the export of an unencrypted copy only after the warning; an old revision opened read-only."""

from __future__ import annotations

import hashlib
import os

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from records_support import Answers, type_into

from ecodesk.ui.records import case_editor as case_editor_module
from ecodesk.ui.records.cases_view import CasesView


@pytest.fixture
def view(qtbot, session) -> CasesView:
    view = CasesView(session)
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    return view


def new_case_with_item(qtbot, view: CasesView, title: str = "Contract history") -> None:
    editor = view.case_editor
    view.new_record()
    type_into(qtbot, editor.title_form.inputs["title"], "Non-renewal after audit testimony")
    editor.tabs.setCurrentIndex(4)
    qtbot.mouseClick(editor.evidence.section.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, editor.evidence.section.form.inputs["title"], title)


def test_files_attached_like_a_drop_are_listed_and_stored_byte_for_byte(qtbot, view, vault, tmp_path):
    new_case_with_item(qtbot, view)  # not saved yet: attaching saves it first
    payload = os.urandom(700_000)  # several storage chunks
    path = tmp_path / "contrat 2024 – signé.pdf"
    path.write_bytes(payload)

    editor = view.case_editor
    assert editor.attach_files([str(path)])

    assert not view.has_unsaved_changes()
    files = [editor.evidence.files.item(i).text() for i in range(editor.evidence.files.count())]
    assert len(files) == 1 and files[0].startswith("contrat 2024 – signé.pdf (")
    stored = vault.records.get(editor.reference)
    item = stored.evidence[0]
    assert item.title == "Contract history" and len(item.attachments) == 1
    ref = item.attachments[0]
    assert ref.size == len(payload) and ref.sha256 == hashlib.sha256(payload).hexdigest()
    assert b"".join(vault.attachments.read(ref.id)) == payload
    assert "1 file" in editor.evidence.section.list.item(0).text()


def test_dropping_files_on_an_evidence_item_attaches_them_to_that_item(qtbot, view, vault, tmp_path):
    new_case_with_item(qtbot, view, "Appraisals")
    editor = view.case_editor
    qtbot.mouseClick(editor.evidence.section.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, editor.evidence.section.form.inputs["title"], "E-mails")
    assert editor.save()
    first, second = tmp_path / "mail-1.eml", tmp_path / "mail-2.eml"
    first.write_bytes(b"From: a\n\nfirst")
    second.write_bytes(b"From: b\n\nsecond")

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(second))])
    viewport = editor.evidence.section.list.viewport()
    target = editor.evidence.section.list.visualItemRect(editor.evidence.section.list.item(1)).center()
    drop = QDropEvent(QPointF(target), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    editor.evidence.eventFilter(viewport, drop)

    stored = vault.records.get(editor.reference)
    assert [len(e.attachments) for e in stored.evidence] == [0, 2]
    assert [a.name for a in stored.evidence[1].attachments] == ["mail-1.eml", "mail-2.eml"]
    assert editor.evidence.section.current_index() == 1


def test_an_unencrypted_copy_is_written_only_after_the_warning(qtbot, view, vault, tmp_path, monkeypatch):
    new_case_with_item(qtbot, view)
    source = tmp_path / "statement.txt"
    source.write_bytes(b"witness statement")
    editor = view.case_editor
    assert editor.attach_files([str(source)])
    editor.evidence.files.setCurrentRow(0)
    attachment = editor.evidence.selected_attachment()
    target = tmp_path / "out" / "copy.txt"
    target.parent.mkdir()
    monkeypatch.setattr(case_editor_module, "ask_save_path", lambda *_a: str(target))

    warned = Answers(False)
    monkeypatch.setattr(case_editor_module, "confirm", warned)
    assert not editor.export_attachment(attachment)
    assert "NOT be encrypted" in warned.asked[0][2] and not target.exists()

    monkeypatch.setattr(case_editor_module, "confirm", Answers(True))
    assert editor.export_attachment(attachment)
    assert target.read_bytes() == b"witness statement"
    actions = [e.action for e in vault.audit.events(record_id=editor.record.id)]
    assert "export_attachment" in actions


def test_history_lists_revisions_and_opens_an_old_one_read_only(qtbot, view, vault, monkeypatch):
    new_case_with_item(qtbot, view)
    editor = view.case_editor
    assert editor.save()
    type_into(qtbot, editor.title_form.inputs["title"], "Renamed later")
    assert editor.save()
    editor.tabs.setCurrentWidget(editor.history)  # read when shown, off the GUI thread
    qtbot.waitUntil(lambda: editor.history.revision_numbers() == [2, 1], timeout=3000)
    events = [editor.history.events.item(r, 1).text() for r in range(editor.history.events.rowCount())]
    assert events == ["Saved", "Created"]

    shown = {}

    def capture(dialog):
        viewer = dialog.findChild(type(editor))
        shown["title"] = viewer.title_form.inputs["title"].text()
        shown["read_only"] = viewer.title_form.inputs["title"].isReadOnly()
        shown["save"] = viewer.save_button.isHidden()
        return 0

    monkeypatch.setattr("PySide6.QtWidgets.QDialog.exec", capture)
    editor.show_revision(1)
    assert shown == {"title": "Non-renewal after audit testimony", "read_only": True, "save": True}
