"""The base of every wizard page: load the answers, store them, validate, save when leaving.

A page never decides the navigation or the rules itself: it asks ``ecodesk.assessment``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizardPage

from ecodesk.assessment import AssessmentAnswers, Step, next_step, problems
from ecodesk.assessment.steps import ORDER, STEP_LABELS, STEP_QUESTIONS
from ecodesk.errors import EcoDeskError
from ecodesk.i18n import _
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.wizard.controls import ProblemLine
from ecodesk.ui.wizard.state import AssessmentState


class StepPage(Retranslating, QWizardPage):
    """One step of the assessment. Subclasses build ``self.body`` and implement ``load`` and ``store``."""

    step: Step
    edited = Signal()  # the officer changed something on this page

    def __init__(self, state: AssessmentState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._loading = False
        layout = QVBoxLayout(self)
        self.body = QVBoxLayout()
        layout.addLayout(self.body, 1)
        self.problem_line = ProblemLine(self)
        layout.addWidget(self.problem_line)

    # -- to implement ------------------------------------------------------------------------------------
    def load(self, answers: AssessmentAnswers) -> None:
        raise NotImplementedError

    def store(self, answers: AssessmentAnswers) -> AssessmentAnswers:
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        self.setTitle(_(STEP_LABELS[self.step]))
        self.setSubTitle(_(STEP_QUESTIONS[self.step]))

    # -- shared behaviour --------------------------------------------------------------------------------
    def mark_edited(self, *_args: object) -> None:
        """Connect every input's change signal here."""
        if not self._loading:
            self.problem_line.show_problems([])
            self.edited.emit()
            self.completeChanged.emit()  # the next page may differ (e.g. out of mandate)

    def capture(self) -> None:
        """Copy what the page shows into the wizard's answers (no validation)."""
        self.state.answers = self.store(self.state.answers)

    def initializePage(self) -> None:
        self._loading = True
        try:
            self.load(self.state.answers)
        finally:
            self._loading = False
        self.problem_line.show_problems([])

    def cleanupPage(self) -> None:
        self.capture()
        self.state.keep_draft()

    def current_problems(self) -> list[str]:
        evaluation = self.state.evaluation()
        found = problems(self.step, self.state.answers, evaluation.facts, evaluation.finding, self.state.today)
        return [p.render() for p in found]

    def validatePage(self) -> bool:
        self.capture()
        found = self.current_problems()
        if found:
            self.problem_line.show_problems(found)
            return False
        return self.save()

    def save(self) -> bool:
        facts = self.state.evaluation().facts
        try:
            self.state.save(next_step(self.step, self.state.answers, facts))
        except EcoDeskError as exc:
            self.problem_line.show_problems([str(exc)])
            return False
        return True

    def nextId(self) -> int:
        answers = self.store(self.state.answers)
        following = next_step(self.step, answers, self.state.evaluation().facts)
        return -1 if following is None else ORDER.index(following)


def wrapped_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    return label
