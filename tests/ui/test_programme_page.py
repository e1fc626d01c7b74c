"""The Programme page: a YDI campaign run from the page (open, filers, forms, review), and a training session."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog

from ecodesk.models import YdiCampaign
from ecodesk.records import ydi
from ecodesk.ui.programme import dialogs
from ecodesk.ui.programme import view as programme
from ecodesk.ui.programme.view import ProgrammeView


def test_a_campaign_and_a_session_through_the_page(qtbot, session, vault, monkeypatch):
    def no_error(parent, error, title=None):
        raise AssertionError(f"error shown: {error}")

    monkeypatch.setattr(programme, "show_error", no_error)
    page = ProgrammeView(session)
    qtbot.addWidget(page)
    page.show()
    tab = page.ydi
    year = dt.date.today().year
    assert "no YDI campaign" in tab.counts.text() and not tab.add_button.isEnabled()
    tab.open_button.click()
    assert tab.add_button.isEnabled() and not tab.open_button.isEnabled()

    def filer_dialog(parent):
        dialog = dialogs.FilerDialog(parent)
        dialog.name.setText("Amadou Diallo")
        dialog.office.setText("DKR")
        dialog.exec = lambda: QDialog.DialogCode.Accepted
        return dialog

    monkeypatch.setattr(programme, "FilerDialog", filer_dialog)
    tab.add_button.click()
    assert tab.filers.rowCount() == 1 and tab.filers.item(0, 3).text() == "Not filed"
    tab.filers.selectRow(0)
    tab.received_button.click()
    assert tab.filers.item(0, 3).text() == "Received"

    def review_dialog(name, parent):
        dialog = dialogs.ReviewDialog(name, parent)
        dialog.conflict.setChecked(True)
        dialog.exec = lambda: QDialog.DialogCode.Accepted
        return dialog

    monkeypatch.setattr(programme, "ReviewDialog", review_dialog)
    tab.review_button.click()
    campaign = ydi.find_campaign(vault, year)
    assert isinstance(campaign, YdiCampaign) and campaign.counts().conflicts == 1
    assert "1 of 1 received (100 %)" in tab.counts.text()

    def session_dialog(parent):
        dialog = dialogs.SessionDialog(parent)
        dialog.title.setText("Speaking up without fear")
        dialog.participants.setValue(31)
        dialog.exec = lambda: QDialog.DialogCode.Accepted
        return dialog

    monkeypatch.setattr(programme, "SessionDialog", session_dialog)
    page.training.add_button.click()
    assert page.training.sessions.rowCount() == 1
    assert page.training.reach.text() == "1 session held, 31 participants."
