"""The wizard's side panel: where the officer is, the deadline (days left or overdue) and the checklist."""

from __future__ import annotations

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QVBoxLayout, QWidget

from ecodesk.assessment import Evaluation, Step
from ecodesk.assessment.steps import ORDER, STEP_LABELS
from ecodesk.i18n import _, format_date, ngettext
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.wizard.controls import alert_color, calm_warning_color


class SidePanel(Retranslating, QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(210)
        self.setMaximumWidth(240)
        layout = QVBoxLayout(self)
        self.reference = QLabel(self)
        bold = QFont(self.reference.font())
        bold.setBold(True)
        self.reference.setFont(bold)
        layout.addWidget(self.reference)
        self.steps = {step: QLabel(self) for step in ORDER}
        for label in self.steps.values():
            layout.addWidget(label)
        layout.addSpacing(14)
        self.deadline_title = QLabel(self)
        self.deadline_title.setWordWrap(True)
        self.deadline_title.setFont(bold)
        self.deadline = QLabel(self)
        self.deadline.setWordWrap(True)
        layout.addWidget(self.deadline_title)
        layout.addWidget(self.deadline)
        layout.addSpacing(10)
        self.checklist_title = QLabel(self)
        self.checklist_title.setWordWrap(True)
        self.checklist_title.setFont(bold)
        self.checklist = QLabel(self)
        self.checklist.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.missing = QLabel(self)
        self.missing.setWordWrap(True)
        for widget in (self.checklist_title, self.checklist, self.progress, self.missing):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._current: Step | None = None
        self._path: list[Step] = list(ORDER)
        self._evaluation: Evaluation | None = None
        self._reference: str | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(_("Assessment progress"))
        self.deadline_title.setText(_("Assessment deadline"))
        self.checklist_title.setText(_("Evidence gathered"))
        self.progress.setAccessibleName(_("Checklist completeness"))
        self._render()

    clock = "none"  # the case's assessment clock (ecodesk/models/clock.py), set by the wizard

    def show_state(self, reference: str | None, current: Step | None, evaluation: Evaluation) -> None:
        self._reference, self._current, self._evaluation = reference, current, evaluation
        self._path = evaluation.path
        self._render()

    def clear(self) -> None:
        self._reference, self._current, self._evaluation = None, None, None
        self._render()

    def _render(self) -> None:
        self.reference.setText(self._reference or _("New complaint"))
        for step, label in self.steps.items():
            on_path = step in self._path
            font = QFont(label.font())
            font.setBold(step is self._current)
            label.setFont(font)
            marker = "▸ " if step is self._current else "   "
            label.setText(marker + _(STEP_LABELS[step]))
            label.setEnabled(on_path)
        evaluation = self._evaluation
        if evaluation is None:
            self.deadline.setText("")
            self.checklist.setText("")
            self.missing.setText("")
            self.progress.setValue(0)
            return
        facts = evaluation.facts
        palette = self.deadline.palette()
        color = self.palette().color(QPalette.ColorRole.WindowText)
        if self.clock == "stopped":
            self.deadline.setText(_("Assessment completed: the clock has stopped."))
        elif self.clock == "paused":
            self.deadline.setText(_("Paused while the information requested is awaited."))
        elif facts.due_on is None or facts.days_left is None:
            self.deadline.setText(_("Not known until the date of receipt is entered."))
        elif facts.days_left >= 0:
            self.deadline.setText(
                _("Due {date}", date=format_date(facts.due_on))
                + "\n"
                + ngettext("{n} day remaining", "{n} days remaining", facts.days_left)
            )
            if facts.days_left <= 7:
                color = calm_warning_color(palette)
        else:
            self.deadline.setText(
                _("Due {date}", date=format_date(facts.due_on))
                + "\n"
                + ngettext("{n} day overdue", "{n} days overdue", -facts.days_left)
            )
            color = alert_color(palette)
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.deadline.setPalette(palette)
        self.deadline.setAccessibleName(self.deadline.text().replace("\n", " "))
        done, total = evaluation.completeness
        self.checklist.setText(
            ngettext("{done} of {total} item settled", "{done} of {total} items settled", total, done=done, total=total)
        )
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        missing = len(evaluation.missing_evidence)
        self.missing.setText(
            ngettext("{n} required item outstanding", "{n} required items outstanding", missing)
            if missing
            else _("No required item outstanding")
        )

