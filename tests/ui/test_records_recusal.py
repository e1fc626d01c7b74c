"""The case editor's recusal line: transfer a case to headquarters; the editor then shows the flag."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog
from records_support import show_cases_view

from ecodesk.models import RecusalParty, RetaliationCase
from ecodesk.records.service import save_record
from ecodesk.ui.records import recusal_bar


def test_a_case_is_transferred_to_headquarters_from_the_editor(qtbot, session, vault, monkeypatch):
    case = save_record(vault, RetaliationCase(title="Complaint about the regional officer",
                                              received_on=dt.date(2026, 3, 1)))
    view = show_cases_view(qtbot, session, 1300, 800)
    editor = view.case_editor
    editor.load(vault.records.get(case.reference))
    bar = editor.recusal_bar
    assert not bar.button.isHidden() and bar.label.text() == ""

    class Answered(recusal_bar.RecusalDialog):
        def exec(self):
            self.party.setCurrentIndex(self.party.findData(RecusalParty.chief.value))
            self.reason.setPlainText("The complainant's supervisor is the officer's chief.")
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(recusal_bar, "RecusalDialog", Answered)
    bar.button.click()
    stored = vault.records.get(case.reference)
    assert stored.recusal is not None and stored.recusal.party == RecusalParty.chief
    assert bar.button.isHidden() and "headquarters" in bar.label.text() and "chief" in bar.label.text()
