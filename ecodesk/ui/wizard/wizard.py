"""The assessment wizard: one page per step, over the UI-agnostic rules of ``ecodesk.assessment``.

    AssessmentWizard(session, None, parent).exec()        # a new complaint: the first page creates the case
    AssessmentWizard(session, "RET-2026-DKR-0007", parent).exec()   # resume that case where it was left

Each page validates its own part and saves it into the case when the officer moves on; what is typed in between
is kept as an encrypted draft in the vault. When the session locks, the wizard closes (nothing confidential stays
on screen); opening it again on the same case resumes with every answer.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTreeWidget,
    QWidget,
    QWizard,
)

from ecodesk.assessment import Step
from ecodesk.assessment.steps import ORDER
from ecodesk.errors import EcoDeskError
from ecodesk.i18n import _
from ecodesk.models.clock import clock_state
from ecodesk.ui.kit.help_browser import add_help_shortcut
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.session import Session
from ecodesk.ui.wizard.basic_pages import ComplaintPage, MandatePage, TimelinessPage
from ecodesk.ui.wizard.decision_pages import ConclusionPage, FindingPage
from ecodesk.ui.wizard.evidence_page import EvidencePage
from ecodesk.ui.wizard.facts_pages import ActionsPage, ActivitiesPage, LinkPage
from ecodesk.ui.wizard.page import StepPage
from ecodesk.ui.wizard.side_panel import SidePanel
from ecodesk.ui.wizard.state import AssessmentState

PAGES: dict[Step, type[StepPage]] = {
    Step.complaint: ComplaintPage,
    Step.mandate: MandatePage,
    Step.protected_activity: ActivitiesPage,
    Step.detrimental_action: ActionsPage,
    Step.timeliness: TimelinessPage,
    Step.link: LinkPage,
    Step.evidence: EvidencePage,
    Step.finding: FindingPage,
    Step.conclusion: ConclusionPage,
}
DRAFT_DELAY_MS = 400


def ask_to_produce_memo(parent: QWidget) -> bool:
    """Whether the officer wants the memo now (a seam tests replace)."""
    answer = QMessageBox.question(
        parent,
        _("Assessment recorded"),
        _("The determination is recorded and the case status is updated. Produce the assessment memo now?"),
    )
    return answer == QMessageBox.StandardButton.Yes


class AssessmentWizard(Retranslating, QWizard):
    def __init__(self, session: Session, reference: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.state = AssessmentState(session, reference)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.resize(1040, 700)
        add_help_shortcut(self, "wizard")
        self.panel = SidePanel(self)
        self.setSideWidget(self.panel)
        self.pages: dict[Step, StepPage] = {}
        for step in ORDER:
            page = PAGES[step](self.state, self)
            page.edited.connect(self._edited)
            self.setPage(ORDER.index(step), page)
            self.pages[step] = page
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._keep_draft)
        self.currentIdChanged.connect(self._page_changed)
        session.locked.connect(self._on_locked)
        self.setStartId(0)
        self.retranslate_ui()

    # -- start and resume --------------------------------------------------------------------------------
    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if not getattr(self, "_resumed", False):
            self._resumed = True
            self.resume()

    def resume(self) -> None:
        """Walk forward (validating and saving each page, which changes nothing) to where the officer stopped,
        so that Back works from there too. Stops early at a page that is not complete."""
        target = self.state.answers.step
        if self.state.case is None or target is None:
            return
        while self.currentId() != -1 and ORDER[self.currentId()] is not target:
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break

    # -- keeping the state -------------------------------------------------------------------------------
    def current_step(self) -> Step | None:
        return ORDER[self.currentId()] if self.currentId() >= 0 else None

    def _edited(self) -> None:
        page = self.currentPage()
        if isinstance(page, StepPage):
            page.capture()
        self._refresh_panel()
        self._draft_timer.start()

    def _keep_draft(self) -> None:
        if self.session.is_unlocked:
            self.state.answers = self.state.answers.model_copy(update={"step": self.current_step()})
            self.state.keep_draft()

    def _page_changed(self, _id: int) -> None:
        self._refresh_panel()
        self.retranslate_ui()

    def _refresh_panel(self) -> None:
        if self.session.is_unlocked:
            case = self.state.case
            self.panel.clock = clock_state(case) if case is not None else "none"  # paused or stopped: no countdown
            self.panel.show_state(self.state.reference, self.current_step(), self.state.evaluation())

    def _on_locked(self) -> None:
        """The keys are gone: clear the screen and close (the drafts and saved pages are in the vault)."""
        self._draft_timer.stop()
        self.session.locked.disconnect(self._on_locked)
        for page in self.pages.values():
            page.blockSignals(True)
        for field in [*self.findChildren(QLineEdit), *self.findChildren(QPlainTextEdit)]:
            field.blockSignals(True)
            field.clear()  # type: ignore[attr-defined]
        for listing in [*self.findChildren(QListWidget), *self.findChildren(QTreeWidget)]:
            listing.blockSignals(True)
            listing.clear()  # type: ignore[attr-defined]
        self.state.forget()
        self.panel.clear()
        super().reject()

    # -- finishing ---------------------------------------------------------------------------------------
    def accept(self) -> None:
        self._draft_timer.stop()
        super().accept()
        reference = self.state.reference
        if reference and ask_to_produce_memo(self.parentWidget() or self):
            from ecodesk.ui.memo.dialog import MemoDialog

            MemoDialog(self.session, reference, self.parentWidget()).exec()

    def reject(self) -> None:
        """Save and close: what the current page shows is saved into the case (a partial answer is a valid
        draft); a new complaint is created only once its first page is complete."""
        self._draft_timer.stop()
        if self.session.is_unlocked:
            page = self.currentPage()
            if isinstance(page, StepPage):
                page.capture()
            try:
                if self.state.case is not None or (isinstance(page, StepPage) and not page.current_problems()):
                    self.state.save(self.current_step())
            except EcoDeskError:
                self.state.keep_draft()  # e.g. changed elsewhere meanwhile: keep what was typed as a draft
        super().reject()

    def retranslate_ui(self) -> None:
        reference = self.state.reference
        self.setWindowTitle(
            _("Preliminary assessment — {reference}", reference=reference)
            if reference
            else _("Preliminary assessment — new complaint")
        )
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Fi&nish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Save and &close"))
        self.button(QWizard.WizardButton.NextButton).setAccessibleName(_("Next step"))
        self.button(QWizard.WizardButton.BackButton).setAccessibleName(_("Previous step"))
        self.button(QWizard.WizardButton.FinishButton).setAccessibleName(_("Finish the assessment"))
        self.button(QWizard.WizardButton.CancelButton).setAccessibleName(_("Save and close"))

