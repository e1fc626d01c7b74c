"""The case's follow-up in the GUI: the Follow-up tab (information requests, protective measures, HQ's decisions
read-only outside HQ), the action's status in the detrimental-action form, Home's list of cases waiting on HQ or
on the Administration, and the wizard's preventive-protection and good-faith questions."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from records_support import open_session

from ecodesk.casework.measures import recommend_measure
from ecodesk.i18n import set_language
from ecodesk.models import CaseStatus, ProtectiveMeasure, RetaliationCase
from ecodesk.records.service import save_record
from ecodesk.ui.home_view import HomeView, read_figures
from ecodesk.ui.records.cases_view import CasesView


@pytest.fixture
def session(vault, vault_path, qtbot):
    yield from open_session(vault, vault_path)


def _view(qtbot, session) -> CasesView:
    view = CasesView(session)
    qtbot.addWidget(view)
    view.resize(1300, 900)
    view.show()
    return view


def test_follow_up_tab_records_a_measure_and_an_information_request(qtbot, session, vault):
    case = save_record(vault, RetaliationCase(title="Threat after audit", received_on=dt.date(2026, 3, 2)))
    view = _view(qtbot, session)
    assert view.open_record(case.reference)
    editor = view.case_editor
    tabs = [editor.tabs.tabText(i) for i in range(editor.tabs.count())]
    assert "Follow-up" in tabs
    panel = editor.workflow
    assert not panel.at_hq  # a regional office: HQ's decisions are shown, never written from here
    panel.hq.inputs["hq_decision.oversight_reference"].setText("forged")

    panel.requests.add_item()
    panel.requests.form.inputs["what"].setText("Contract history")
    panel.measures.add_item()
    kind = panel.measures.form.inputs["kind"]
    kind.setCurrentIndex(kind.findData("suspension_of_action"))
    panel.measures.form.inputs["recommended_to"].setText("Director of Administration")
    with qtbot.waitSignal(session.records_changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = vault.records.get(case.reference)
    assert stored.information_requests[0].what == "Contract history"
    assert stored.information_requests[0].received_on is None and stored.deadline() is None  # clock paused
    assert stored.measures[0].kind == "suspension_of_action"
    assert stored.measures[0].recommended_to == "Director of Administration"
    assert "paused since" in panel.clock.text()
    assert stored.hq_decision.oversight_reference == ""


def test_the_action_form_asks_whether_it_was_taken_threatened_or_recommended(qtbot, session, vault):
    case = save_record(vault, RetaliationCase(title="t", received_on=dt.date(2026, 3, 2),
                                              detrimental_actions=[{"kind": "non_renewal"}]))
    view = _view(qtbot, session)
    assert view.open_record(case.reference)
    actions = view.case_editor.actions
    actions.select(0)
    status = actions.form.inputs["action_status"]
    status.setCurrentIndex(status.findData("threatened"))
    actions.form.inputs["decision_maker"].setText("John Carter")
    with qtbot.waitSignal(session.records_changed):
        qtbot.mouseClick(view.case_editor.save_button, Qt.MouseButton.LeftButton)
    action = vault.records.get(case.reference).detrimental_actions[0]
    assert action.action_status == "threatened" and action.decision_maker == "John Carter"

    set_language("fr")
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    editor = view.case_editor
    assert "Suivi" in [editor.tabs.tabText(i) for i in range(editor.tabs.count())]
    assert status.itemText(status.findData("threatened")) == "Menacée"
    set_language("en")


def test_home_lists_cases_waiting_on_hq_and_measures_to_follow_up(qtbot, session, vault):
    today = dt.date.today()
    save_record(vault, RetaliationCase(title="Awaiting HQ", received_on=today, status=CaseStatus.awaiting_hq))
    other = save_record(vault, RetaliationCase(title="Leave to follow up", received_on=today))
    recommend_measure(vault, other.reference, kind=ProtectiveMeasure.special_leave, consent=True,
                      recommended_to="Director", on=today, follow_up_on=today)
    save_record(vault, RetaliationCase(title="Nothing pending", received_on=today))
    figures = read_figures(session, today)
    assert sorted(w.case.title for w in figures.waiting) == ["Awaiting HQ", "Leave to follow up"]
    home = HomeView(session)
    qtbot.addWidget(home)
    with qtbot.waitSignal(home.loaded, timeout=10_000):
        home.refresh()
    rows = {home.waiting.topLevelItem(i).text(1): home.waiting.topLevelItem(i).text(2)
            for i in range(home.waiting.topLevelItemCount())}
    assert rows == {"Awaiting HQ": "HQ", "Leave to follow up": "Protective measure to follow up"}


def test_the_wizard_takes_a_preventive_request_to_protection_not_outside_the_mandate(
    qtbot, created, vault_path, monkeypatch
):
    from PySide6.QtWidgets import QWizard
    from test_wizard import fill_complaint, open_wizard, step

    from ecodesk.ui.wizard import wizard as wizard_module

    monkeypatch.setattr(wizard_module, "ask_to_produce_memo", lambda parent: False)
    from ecodesk.assessment import Step
    from ecodesk.models import Determination
    from ecodesk.ui.kit.session import Session

    session = Session(vault_path)
    session.attach(created.vault)
    wizard = open_wizard(qtbot, session)
    fill_complaint(wizard, qtbot)
    wizard.next()
    mandate = wizard.pages[Step.mandate]
    mandate.covered.yes.click()
    mandate.alleges.no.click()
    mandate.protection.preventive.yes.click()
    mandate.protection.bad_faith.no.click()
    wizard.next()
    assert step(wizard) is Step.protected_activity
    activities = wizard.pages[Step.protected_activity]
    activities.add_button.click()
    activities.kind.setCurrentIndex(activities.kind.findData("reported_to_pseah_channel"))
    qtbot.keyClicks(activities.description, "Reported abuse through the PSEAH channel.")
    activities.date.set_value(dt.date.today() - dt.timedelta(days=10))
    wizard.next()
    assert step(wizard) is Step.conclusion
    conclusion = wizard.pages[Step.conclusion]
    assert "Preventive protection warranted" in conclusion.determination.text()
    qtbot.keyClicks(conclusion.conclusion, "At risk: measures recommended.")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    case = session.vault.records.get(wizard.state.reference or "")
    assert case.request_kind == "preventive" and case.good_faith.indication_of_bad_faith is False
    assert case.assessment.determination is Determination.preventive_protection
    session.lock()


def test_the_wizard_side_panel_shows_a_stopped_or_paused_clock_not_overdue(qtbot, created, vault_path):
    from test_wizard import open_wizard

    from ecodesk.casework.clock import request_information
    from ecodesk.models import Determination, PrimaFacieAssessment
    from ecodesk.ui.kit.session import Session

    vault = created.vault
    long_ago = dt.date.today() - dt.timedelta(days=200)
    done = save_record(vault, RetaliationCase(
        title="Completed long ago", received_on=long_ago, status=CaseStatus.awaiting_hq,
        assessment=PrimaFacieAssessment(determination=Determination.prima_facie_case,
                                        completed_on=long_ago + dt.timedelta(days=20))))  # fmt: skip
    waiting = save_record(vault, RetaliationCase(title="Waiting for HR", received_on=long_ago))
    request_information(vault, waiting.reference, on=long_ago + dt.timedelta(days=5))
    session = Session(vault_path)
    session.attach(vault)
    stopped = open_wizard(qtbot, session, done.reference)
    assert stopped.panel.deadline.text() == "Assessment completed: the clock has stopped."
    paused = open_wizard(qtbot, session, waiting.reference)
    assert paused.panel.deadline.text() == "Paused while the information requested is awaited."
    session.lock()


def test_the_history_shows_the_clock_paused_and_restarted_with_their_dates(qtbot, session, vault):
    from ecodesk.casework.clock import information_received, request_information

    case = save_record(vault, RetaliationCase(title="Clock", received_on=dt.date(2026, 3, 2)))
    request_information(vault, case.reference, on=dt.date(2026, 3, 20))
    information_received(vault, case.reference, on=dt.date(2026, 4, 10))
    view = _view(qtbot, session)
    assert view.open_record(case.reference)
    editor = view.case_editor
    editor.tabs.setCurrentWidget(editor.history)
    qtbot.waitUntil(lambda: editor.history.events.rowCount() >= 3, timeout=3000)
    rows = {editor.history.events.item(r, 1).text(): editor.history.events.item(r, 2).text()
            for r in range(editor.history.events.rowCount())}
    assert rows["Information requested: assessment clock paused"] == "20 Mar 2026"
    assert rows["Information received: assessment clock restarted"] == "10 Apr 2026"


def _hq(vault) -> None:
    vault.save_settings(vault.settings.model_copy(update={"office_code": "HQ"}))


def test_the_follow_up_tab_keeps_the_rules_the_services_enforce(qtbot, session, vault):
    case = save_record(vault, RetaliationCase(title="Leave without consent", received_on=dt.date(2026, 3, 2)))
    view = _view(qtbot, session)
    assert view.open_record(case.reference)
    editor = view.case_editor
    panel = editor.workflow
    panel.measures.add_item()
    kind = panel.measures.form.inputs["kind"]
    kind.setCurrentIndex(kind.findData("special_leave"))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert vault.records.get(case.reference).measures == []  # not saved
    assert editor.tabs.currentWidget() is editor.tabs.widget(6)  # the Follow-up tab shows the reason
    message = panel.measures.form.errors["complainant_consents"]
    assert "complainant's consent" in message.text() and message.isVisibleTo(editor)

    set_language("fr")  # the message follows the language of the moment
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "consentement" in panel.measures.form.errors["complainant_consents"].text()
    set_language("en")

    panel.measures.form.inputs["complainant_consents"].set_value(True)
    with qtbot.waitSignal(session.records_changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert vault.records.get(case.reference).measures[0].complainant_consents is True


def test_at_hq_the_tab_refuses_a_change_without_reasons_and_a_contradictory_final_determination(
    qtbot, session, vault
):
    _hq(vault)
    case = save_record(vault, RetaliationCase(title="Decided at HQ", received_on=dt.date(2026, 3, 2)))
    view = _view(qtbot, session)
    assert view.open_record(case.reference)
    editor = view.case_editor
    hq = editor.workflow.hq
    assert editor.workflow.at_hq
    review = hq.inputs["hq_decision.review_outcome"]
    review.setCurrentIndex(review.findData("changed"))
    final = hq.inputs["hq_decision.final_outcome"]
    final.setCurrentIndex(final.findData("retaliation_established"))
    hq.inputs["hq_decision.clear_and_convincing"].set_value(True)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert vault.records.get(case.reference).hq_decision.review_outcome is None  # not saved
    assert "reasons" in hq.errors["hq_decision.review_reasons"].text()
    assert "clear and convincing" in hq.errors["hq_decision.clear_and_convincing"].text()

    hq.inputs["hq_decision.review_reasons"].setPlainText("The timing is weaker than the region found.")
    hq.inputs["hq_decision.clear_and_convincing"].set_value(False)
    with qtbot.waitSignal(session.records_changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    decision = vault.records.get(case.reference).hq_decision
    assert decision.review_outcome == "changed" and decision.final_outcome == "retaliation_established"
