"""The assessment wizard driven like an officer would: pages, validation, Back/Next, lock and resume, finish."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from ecodesk.assessment import Element, Step
from ecodesk.assessment.drafts import draft_key
from ecodesk.i18n import set_language
from ecodesk.models import CaseStatus, Determination, EvidenceKind, EvidenceStatus, RetaliationCase, SearchQuery
from ecodesk.storage.vault import Vault
from ecodesk.ui.kit.session import Session
from ecodesk.ui.wizard import AssessmentWizard, evidence_page
from ecodesk.ui.wizard import wizard as wizard_module
from tests.conftest import PASSPHRASE

TODAY = dt.date.today()


@pytest.fixture
def session(created, vault_path: Path) -> Iterator[Session]:  # type: ignore[no-untyped-def]
    s = Session(vault_path)
    s.attach(created.vault)
    yield s
    s.lock()


@pytest.fixture
def memo_requests(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer Yes to 'produce the memo now?' and record the memo dialogs opened instead of showing them."""
    opened: list[str] = []

    class FakeMemoDialog:
        def __init__(self, session: Session, reference: str, parent: object = None) -> None:
            opened.append(reference)

        def exec(self) -> int:
            return 0

    monkeypatch.setattr(wizard_module, "ask_to_produce_memo", lambda parent: True)
    monkeypatch.setattr("ecodesk.ui.memo.dialog.MemoDialog", FakeMemoDialog)
    return opened


def open_wizard(qtbot, session: Session, reference: str | None = None) -> AssessmentWizard:  # type: ignore[no-untyped-def]
    wizard = AssessmentWizard(session, reference)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def step(wizard: AssessmentWizard) -> Step | None:
    return wizard.current_step()


def fill_complaint(wizard: AssessmentWizard, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = wizard.pages[Step.complaint]
    page.title_edit.clear()
    qtbot.keyClicks(page.title_edit, "Non-renewal after audit interview")
    page.name.setText("Aïssatou Ndiaye")  # QTest types ASCII only
    page.received.setDate(page.received.date().addDays(-20))


def fill_until_link(wizard: AssessmentWizard, qtbot) -> None:  # type: ignore[no-untyped-def]
    fill_complaint(wizard, qtbot)
    wizard.next()
    mandate = wizard.pages[Step.mandate]
    mandate.covered.yes.click()
    mandate.alleges.yes.click()
    wizard.next()
    activities = wizard.pages[Step.protected_activity]
    activities.add_button.click()
    qtbot.keyClicks(activities.description, "Interviewed by the auditors")
    activities.date.set_value(TODAY - dt.timedelta(days=120))
    wizard.next()
    actions = wizard.pages[Step.detrimental_action]
    actions.add_button.click()
    actions.kind.setCurrentIndex(actions.kind.findData("non_renewal"))
    qtbot.keyClicks(actions.description, "Contract not renewed")
    actions.date.set_value(TODAY - dt.timedelta(days=40))
    wizard.next()
    assert step(wizard) is Step.timeliness
    wizard.next()
    assert step(wizard) is Step.link


def fill_link_and_evidence(wizard: AssessmentWizard, qtbot) -> None:  # type: ignore[no-untyped-def]
    link = wizard.pages[Step.link]
    link.add_button.click()
    qtbot.keyClicks(link.name, "M. Chef")
    link.knew.yes.click()
    link.questions["weak_or_shifting_reasons"][1].yes.click()
    wizard.next()
    assert step(wizard) is Step.evidence
    evidence = wizard.pages[Step.evidence]
    for row, item in enumerate(evidence.items):
        if item.kind in (
            EvidenceKind.complainant_statement,
            EvidenceKind.protected_activity_proof,
            EvidenceKind.contested_decision,
            EvidenceKind.communications,
        ):
            evidence.tree.setCurrentItem(evidence.tree.topLevelItem(row))
            evidence.status.setCurrentIndex(evidence.status.findData(EvidenceStatus.obtained.value))
    wizard.next()
    assert step(wizard) is Step.finding


def confirm_finding(wizard: AssessmentWizard) -> None:
    finding = wizard.pages[Step.finding]
    finding.choice.setCurrentIndex(finding.choice.findData("confirm"))


def test_walk_to_the_end_in_french(qtbot, session: Session, memo_requests: list[str]) -> None:  # type: ignore[no-untyped-def]
    set_language("fr")
    wizard = open_wizard(qtbot, session)
    assert wizard.windowTitle() == "Évaluation préliminaire — nouvelle plainte"
    assert wizard.pages[Step.complaint].title() == "Plainte"
    fill_until_link(wizard, qtbot)
    reference = wizard.state.reference
    assert reference and reference.startswith("RET-")
    fill_link_and_evidence(wizard, qtbot)
    finding = wizard.pages[Step.finding]
    assert "Présomption de représailles" in finding.suggestion.text()
    assert "Établi" in finding.element_labels[next(iter(finding.element_labels))].text()
    confirm_finding(wizard)
    wizard.next()
    conclusion = wizard.pages[Step.conclusion]
    assert step(wizard) is Step.conclusion
    conclusion.measure_checks[next(iter(conclusion.measure_checks))][0].click()
    conclusion.conclusion.insertPlainText("Il existe des éléments prima facie de représailles.")
    conclusion.recommendations.insertPlainText("Renvoi au Bureau des services de contrôle interne.")
    assert "Conclusion" in wizard.pages[Step.conclusion].title()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    case = session.vault.records.get(reference)
    assert isinstance(case, RetaliationCase)
    assert case.status is CaseStatus.awaiting_hq
    assert case.assessment.determination is Determination.prima_facie_case
    assert case.assessment.protective_measures and case.assessment.completed_on == TODAY
    assert case.language == "fr"
    # The reasoning is kept as message ids, so that a memo in any language states it in its own language.
    assert case.assessment.protected_activity.reasons and case.assessment.protected_activity.reasoning == ""
    assert memo_requests == [reference]
    assert session.vault.drafts.get(draft_key(case.id)) is None


def test_form_of_address_account_and_verification_are_saved(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    from ecodesk.models import FormOfAddress, VerificationAnswer, VerificationBody

    wizard = open_wizard(qtbot, session)
    complaint = wizard.pages[Step.complaint]
    complaint.form_of_address.set_value(FormOfAddress.ms.value)
    fill_until_link(wizard, qtbot)
    fill_link_and_evidence(wizard, qtbot)  # now on the finding page: go back to the evidence
    wizard.back()
    evidence = wizard.pages[Step.evidence]
    assert step(wizard) is Step.evidence
    evidence.account.account.set_value(True)
    evidence.account.element.set_value("protected_activity")
    evidence.account.body.set_value(VerificationBody.oversight_office.value)
    evidence.account.asked_on.set_value(TODAY)
    evidence.account.answer.set_value(VerificationAnswer.confirmed.value)
    wizard.next()
    case = session.vault.records.get(wizard.state.reference or "")
    assert isinstance(case, RetaliationCase)
    assert case.complainant.form_of_address is FormOfAddress.ms
    [check] = case.verifications
    assert check.body is VerificationBody.oversight_office and check.answer is VerificationAnswer.confirmed
    assert check.asked_on == TODAY
    assert case.assessment.answers["account"] == {"detailed_and_consistent": True, "notes": ""}


def test_a_page_refuses_to_advance_with_a_visible_reason(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, session)
    page = wizard.pages[Step.complaint]
    page.title_edit.clear()
    wizard.next()
    assert step(wizard) is Step.complaint
    assert page.problem_line.isVisible()
    assert "Give the complaint a short title." in page.problem_line.text()
    assert session.vault.records.count(SearchQuery()) == 0
    fill_complaint(wizard, qtbot)
    assert not page.problem_line.isVisible()  # the reason goes away once the officer edits
    wizard.next()
    mandate = wizard.pages[Step.mandate]
    wizard.next()
    assert step(wizard) is Step.mandate
    assert mandate.problem_line.isVisible()
    assert "Say whether the complainant is covered by the policy." in mandate.problem_line.text()
    set_language("es")
    wizard.next()
    assert "Indique si el denunciante" in mandate.problem_line.text()


def test_back_and_next_keep_the_answers(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, session)
    fill_until_link(wizard, qtbot)
    link = wizard.pages[Step.link]
    link.add_button.click()
    qtbot.keyClicks(link.name, "Typed then went back")
    for _ in range(3):
        wizard.back()
    assert step(wizard) is Step.protected_activity
    activities = wizard.pages[Step.protected_activity]
    assert activities.description.toPlainText() == "Interviewed by the auditors"
    assert activities.date.value() == TODAY - dt.timedelta(days=120)
    wizard.back()
    wizard.back()
    assert wizard.pages[Step.complaint].name.text() == "Aïssatou Ndiaye"
    for _ in range(5):
        wizard.next()
    assert step(wizard) is Step.link
    assert link.name.text() == "Typed then went back"
    actions = wizard.pages[Step.detrimental_action]
    assert actions.description.toPlainText() == "Contract not renewed"


def test_out_of_mandate_goes_straight_to_the_conclusion(qtbot, session: Session, memo_requests: list[str]) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, session)
    fill_complaint(wizard, qtbot)
    wizard.next()
    mandate = wizard.pages[Step.mandate]
    mandate.covered.no.click()
    mandate.alleges.yes.click()
    wizard.next()
    assert step(wizard) is Step.conclusion
    assert "Complaint outside the mandate" in wizard.pages[Step.conclusion].determination.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert step(wizard) is Step.conclusion  # the conclusion text is required
    assert "Write the conclusion." in wizard.pages[Step.conclusion].problem_line.text()
    qtbot.keyClicks(wizard.pages[Step.conclusion].conclusion, "Consultant not covered.")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    case = session.vault.records.get(wizard.state.reference or "")
    assert isinstance(case, RetaliationCase)
    assert case.assessment.determination is Determination.out_of_mandate and case.status is CaseStatus.awaiting_hq


def test_an_override_needs_a_reason_on_the_finding_page(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, session)
    fill_until_link(wizard, qtbot)
    fill_link_and_evidence(wizard, qtbot)
    finding = wizard.pages[Step.finding]
    finding.choice.setCurrentIndex(finding.choice.findData(Determination.no_prima_facie_case.value))
    assert finding.reason.isEnabled()
    wizard.next()
    assert step(wizard) is Step.finding
    assert "give the reason for the override" in finding.problem_line.text()
    qtbot.keyClicks(finding.reason, "The appraisal predates the report.")
    notes = finding.element_notes[Element.contributing_factor]
    notes.insertPlainText("The decision to let the contract lapse was taken before the audit.")
    wizard.next()
    assert step(wizard) is Step.conclusion
    case = session.vault.records.get(wizard.state.reference or "")
    assert isinstance(case, RetaliationCase)
    assert case.assessment.contributing_factor.reasoning == (
        "The decision to let the contract lapse was taken before the audit."
    )


def test_stop_lock_unlock_and_resume_with_every_answer(qtbot, session: Session, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, session)
    fill_until_link(wizard, qtbot)
    reference = wizard.state.reference
    assert reference is not None
    case_id = wizard.state.case.id if wizard.state.case else None
    link = wizard.pages[Step.link]
    link.add_button.click()
    qtbot.keyClicks(link.name, "Typed before the lock")
    link.questions["expressed_animus"][1].yes.click()
    qtbot.waitUntil(lambda: session.vault.drafts.get(draft_key(case_id)) is not None, timeout=3000)  # type: ignore[arg-type]
    session.lock()
    assert not wizard.isVisible()
    assert wizard.panel.deadline.text() == ""
    assert link.name.text() == "" and link.list.count() == 0  # nothing confidential left in the closed window
    assert wizard.pages[Step.protected_activity].description.toPlainText() == ""

    session.attach(Vault.open(vault_path, PASSPHRASE))
    resumed = open_wizard(qtbot, session, reference)
    assert step(resumed) is Step.link
    link = resumed.pages[Step.link]
    assert link.name.text() == "Typed before the lock"
    assert link.questions["expressed_animus"][1].value() is True
    resumed.back()
    resumed.back()
    actions = resumed.pages[Step.detrimental_action]
    assert actions.description.toPlainText() == "Contract not renewed"
    assert actions.date.value() == TODAY - dt.timedelta(days=40)
    resumed.back()
    assert resumed.pages[Step.protected_activity].description.toPlainText() == "Interviewed by the auditors"


def test_several_assessments_at_once_keep_their_own_state(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    first = open_wizard(qtbot, session)
    fill_until_link(first, qtbot)
    second = open_wizard(qtbot, session)
    fill_complaint(second, qtbot)
    second.pages[Step.complaint].title_edit.setText("Harassment after report")
    second.next()
    assert first.state.reference != second.state.reference
    second.pages[Step.mandate].covered.no.click()
    first.pages[Step.link].add_button.click()
    qtbot.keyClicks(first.pages[Step.link].name, "Only in the first")
    assert first.state.answers.mandate.complainant_covered is True
    assert second.state.answers.alleged_retaliators == []
    assert second.panel.reference.text() != first.panel.reference.text()


def test_files_are_attached_to_a_checklist_item(
    qtbot, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    document = tmp_path / "decision-letter.pdf"
    document.write_bytes(b"%PDF-1.4 confidential letter")
    monkeypatch.setattr(evidence_page, "choose_file", lambda parent: document)
    wizard = open_wizard(qtbot, session)
    fill_until_link(wizard, qtbot)
    wizard.pages[Step.link].add_button.click()
    qtbot.keyClicks(wizard.pages[Step.link].role, "Head of office")
    wizard.next()
    page = wizard.pages[Step.evidence]
    row = next(i for i, item in enumerate(page.items) if item.kind is EvidenceKind.contested_decision)
    page.tree.setCurrentItem(page.tree.topLevelItem(row))
    page.status.setCurrentIndex(page.status.findData(EvidenceStatus.obtained.value))
    page.attach_button.click()
    case = session.vault.records.get(wizard.state.reference or "")
    assert isinstance(case, RetaliationCase)
    item = next(e for e in case.evidence if e.kind is EvidenceKind.contested_decision)
    assert [a.name for a in item.attachments] == ["decision-letter.pdf"]
    assert item.status is EvidenceStatus.obtained
    assert page.files.count() == 1 and page.files.item(0).text() == "decision-letter.pdf"
    assert page.tree.topLevelItem(row).text(2) == "1"
    assert b"".join(session.vault.attachments.read(item.attachments[0].id)) == document.read_bytes()


def test_the_side_panel_shows_the_deadline_and_checklist(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, session)
    page = wizard.pages[Step.complaint]
    page.received.setDate(page.received.date().addDays(-35))
    assert "5 days overdue" in wizard.panel.deadline.text()
    page.received.setDate(page.received.date().addDays(33))
    assert "28 days remaining" in wizard.panel.deadline.text()
    assert wizard.panel.checklist.text() == "0 of 9 items settled"


def test_revising_a_completed_assessment_keeps_it_completed(qtbot, session: Session, memo_requests: list[str]) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, session)
    fill_until_link(wizard, qtbot)
    fill_link_and_evidence(wizard, qtbot)
    confirm_finding(wizard)
    wizard.next()
    qtbot.keyClicks(wizard.pages[Step.conclusion].conclusion, "Prima facie case.")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    reference = wizard.state.reference or ""

    reopened = open_wizard(qtbot, session, reference)
    assert step(reopened) is Step.conclusion  # resumes where the officer finished
    for _ in range(3):
        reopened.back()
    assert step(reopened) is Step.link
    reopened.pages[Step.link].questions["expressed_animus"][1].yes.click()
    reopened.next()
    case = session.vault.records.get(reference)
    assert isinstance(case, RetaliationCase)
    assert case.status is CaseStatus.awaiting_hq and case.assessment.determination is Determination.prima_facie_case
    assert case.assessment.answers["indicators"]["expressed_animus"] is True


def test_save_and_close_saves_the_current_page(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, session)
    wizard.pages[Step.complaint].title_edit.clear()
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert session.vault.records.count(SearchQuery()) == 0  # an untitled complaint is not created

    wizard = open_wizard(qtbot, session)
    fill_complaint(wizard, qtbot)
    wizard.button(QWizard.WizardButton.CancelButton).click()
    reference = wizard.state.reference
    assert reference is not None and session.vault.records.count(SearchQuery()) == 1

    resumed = open_wizard(qtbot, session, reference)
    resumed.next()
    resumed.pages[Step.mandate].covered.yes.click()
    resumed.button(QWizard.WizardButton.CancelButton).click()
    case = session.vault.records.get(reference)
    assert isinstance(case, RetaliationCase)
    assert case.assessment.answers["mandate"]["complainant_covered"] is True
    assert case.assessment.answers["step"] == "mandate"


def test_the_language_switches_while_the_wizard_is_open(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QWidget

    wizard = open_wizard(qtbot, session)
    fill_until_link(wizard, qtbot)
    wizard.pages[Step.link].add_button.click()
    qtbot.keyClicks(wizard.pages[Step.link].role, "Head of office")
    wizard.next()
    assert wizard.pages[Step.evidence].status.currentText() == "Not yet requested"
    set_language("es")
    for widget in [wizard, *wizard.findChildren(QWidget)]:
        QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    evidence = wizard.pages[Step.evidence]
    assert evidence.title() == "Pruebas reunidas"
    assert evidence.status.currentText() == "Aún no solicitado"
    assert evidence.why.text().startswith("Obligatorio.")
    assert wizard.panel.checklist_title.text() == "Pruebas reunidas"
    assert "Quedan" in wizard.panel.deadline.text()
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Siguiente >"
    assert evidence.items[0].kind is EvidenceKind.complainant_statement  # the answers are untouched


def test_the_finding_page_starts_empty_and_shows_problems_as_they_apply(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, session)
    fill_until_link(wizard, qtbot)
    fill_link_and_evidence(wizard, qtbot)
    finding = wizard.pages[Step.finding]
    assert finding.choice.currentText() == "Choose…"  # nothing preselected
    assert not finding.reason.isEnabled() and "Choose a determination first" in finding.reason_hint.text()
    assert finding.reason.toolTip() == finding.reason_hint.text()  # the greyed-out box says why
    assert finding.problem_line.isHidden()
    wizard.next()
    assert step(wizard) is Step.finding and "Choose a determination" in finding.problem_line.text()

    finding.choice.setCurrentIndex(finding.choice.findData(Determination.no_prima_facie_case.value))
    assert finding.reason.isEnabled() and finding.reason_hint.text().startswith("Required")
    assert "give the reason for the override" in finding.problem_line.text()  # before Next
    qtbot.keyClicks(finding.reason, "The appraisal predates the report.")
    assert finding.problem_line.isHidden()
    finding.choice.setCurrentIndex(finding.choice.findData("confirm"))
    assert finding.choice.currentText().startswith("Confirm: ")
    assert not finding.reason.isEnabled() and "No reason needed" in finding.reason.toolTip()


def test_without_a_suggestion_confirm_is_greyed_out_with_its_reason(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, session)
    fill_until_link(wizard, qtbot)
    link = wizard.pages[Step.link]
    link.add_button.click()
    qtbot.keyClicks(link.name, "M. Chef")
    wizard.next()
    wizard.next()  # evidence left outstanding
    finding = wizard.pages[Step.finding]
    assert step(wizard) is Step.finding
    assert "No determination can be suggested yet" in finding.suggestion.text()
    confirm = finding.choice.model().item(finding.choice.findData("confirm"))
    assert not confirm.isEnabled() and "No determination can be suggested" in confirm.toolTip()
    assert finding.choice.currentText() == "Choose…"
    finding.choice.setCurrentIndex(finding.choice.findData(Determination.prima_facie_case.value))
    assert finding.reason.isEnabled() and "no determination could be suggested" in finding.reason_hint.text()
    assert all("?" not in label.text().split()[0] for label in finding.element_labels.values())  # a sign, a word
    assert "not known yet" in finding.indicators.text() and " ? " not in finding.indicators.text()


def test_greyed_out_interim_measures_say_why(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, session)
    fill_complaint(wizard, qtbot)
    wizard.next()
    mandate = wizard.pages[Step.mandate]
    mandate.covered.no.click()
    mandate.alleges.yes.click()
    wizard.next()
    conclusion = wizard.pages[Step.conclusion]
    assert not conclusion.measures_box.isEnabled()
    assert conclusion.measures_hint.isVisible()
    assert "only for a prima facie case" in conclusion.measures_hint.text()
    assert "Complaint outside the mandate" in conclusion.measures_hint.text()
    assert conclusion.measures_box.toolTip() == conclusion.measures_hint.text()
