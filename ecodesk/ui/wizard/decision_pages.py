"""The suggested prima facie finding (confirmed or overridden with a reason) and the conclusion."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ecodesk.assessment import AssessmentAnswers, Step
from ecodesk.assessment.answers import ConclusionAnswers, DecisionAnswers, Element
from ecodesk.assessment.finding import ELEMENT_LABELS, INDICATOR_LABELS
from ecodesk.assessment.steps import ORDER, effective_determination
from ecodesk.i18n import _, ngettext
from ecodesk.models import DETERMINATION_LABELS, PROTECTIVE_MEASURE_LABELS, Determination, ProtectiveMeasure
from ecodesk.models.cases import RecommendedMeasure
from ecodesk.ui.wizard.page import StepPage, wrapped_label
from ecodesk.ui.wizard.state import AssessmentState

CHOOSE, CONFIRM = "", "confirm"  # "Choose…" (nothing chosen yet), "Confirm: <the suggested determination>"


def _verdict(value: bool | None) -> str:
    return _("Established") if value is True else _("Not established") if value is False else _("Not yet determined")


def _mark(value: bool | None) -> str:
    """A sign and a word, never a bare "?": the line reads the same to a screen reader."""
    return "✓" if value is True else "✗" if value is False else "…"


def _presence(value: bool | None) -> str:
    return _("present") if value is True else _("absent") if value is False else _("not known yet")


class FindingPage(StepPage):
    step = Step.finding

    def __init__(self, state: AssessmentState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        inner = QWidget(scroll)
        self.analysis = QVBoxLayout(inner)
        self.suggestion = wrapped_label(inner)
        font = self.suggestion.font()
        font.setBold(True)
        self.suggestion.setFont(font)
        self.analysis.addWidget(self.suggestion)
        self.element_labels = {element: wrapped_label(inner) for element in ELEMENT_LABELS}
        self.element_notes: dict[Element, QPlainTextEdit] = {}
        for element, label in self.element_labels.items():
            notes = QPlainTextEdit(inner)
            notes.setTabChangesFocus(True)
            notes.setMaximumHeight(56)
            notes.textChanged.connect(self.mark_edited)
            self.element_notes[element] = notes
            self.analysis.addWidget(label)
            self.analysis.addWidget(notes)
        self.indicators = wrapped_label(inner)
        self.analysis.addWidget(self.indicators)
        self.analysis.addStretch(1)
        scroll.setWidget(inner)
        self.body.addWidget(scroll, 1)
        self.decision_box = QGroupBox(self)
        form = QFormLayout(self.decision_box)
        self.choice = QComboBox(self.decision_box)
        self.choice.addItem("", CHOOSE)  # the page starts empty: the officer decides, nothing is preselected
        self.choice.addItem("", CONFIRM)  # not None: a None item data upsets PySide's reference counting
        for determination in Determination:
            self.choice.addItem("", determination.value)
        self.choice.currentIndexChanged.connect(self.mark_edited)
        self.choice.currentIndexChanged.connect(self._update_reason)
        self.reason = QPlainTextEdit(self.decision_box)
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(64)
        self.reason.textChanged.connect(self.mark_edited)
        self.reason.textChanged.connect(self._show_live_problems)
        self.reason_hint = wrapped_label(self.decision_box)  # why the reason box is greyed out, or why it is needed
        self.choice_label, self.reason_label = QLabel(self.decision_box), QLabel(self.decision_box)
        self.choice_label.setBuddy(self.choice)
        self.reason_label.setBuddy(self.reason)
        form.addRow(self.choice_label, self.choice)
        form.addRow(self.reason_label, self.reason)
        form.addRow("", self.reason_hint)
        self.body.addWidget(self.decision_box)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.decision_box.setTitle(_("Your determination"))
        self.choice_label.setText(_("&Determination"))
        self.choice.setAccessibleName(_("Determination"))
        self.reason_label.setText(_("&Reason for the override"))
        self.reason.setAccessibleName(_("Reason for the override"))
        self.reason.setPlaceholderText(_("Required when your determination differs from the suggested one"))
        self.choice.setItemText(0, _("Choose…"))
        self.choice.setItemText(1, _("Confirm the suggested determination"))
        for element, notes in self.element_notes.items():
            notes.setPlaceholderText(
                _("Your own analysis (optional): printed after the reasons above, as you wrote it")
            )
            notes.setAccessibleName(_("Your analysis: {element}", element=_(ELEMENT_LABELS[element])))
        for index in range(2, self.choice.count()):
            self.choice.setItemText(index, _(DETERMINATION_LABELS[Determination(self.choice.itemData(index))]))
        if self.wizard() is not None:
            self._show_analysis()

    def _show_analysis(self) -> None:
        evaluation = self.state.evaluation()
        finding = evaluation.finding
        if finding.determination is not None:
            self.suggestion.setText(
                _("Suggested finding: {determination}", determination=_(DETERMINATION_LABELS[finding.determination]))
            )
        else:
            self.suggestion.setText(_("No determination can be suggested yet: evidence is still outstanding."))
        reasons = "\n".join(r.render() for r in finding.reasons)
        self.suggestion.setToolTip(reasons)
        for suggestion in finding.elements:
            lines = [
                _mark(suggestion.established)
                + " "
                + _(
                    "{element}: {verdict}",
                    element=_(ELEMENT_LABELS[suggestion.element]),
                    verdict=_verdict(suggestion.established),
                )
            ]
            lines += [f"    – {reason.render()}" for reason in suggestion.reasons]
            if suggestion.evidence_ids:
                count = len(suggestion.evidence_ids)
                relied = ngettext("Evidence relied on: {n} item", "Evidence relied on: {n} items", count)
                lines.append("    – " + relied)
            self.element_labels[suggestion.element].setText("\n".join(lines))
        indicator_lines = [_("Indicators of a contributing factor:")]
        indicator_lines += [
            f"  {_mark(f.present)} "
            + _("{indicator}: {answer}", indicator=_(INDICATOR_LABELS[f.indicator]), answer=_presence(f.present))
            for f in finding.indicators
        ]
        self.indicators.setText("\n".join(indicator_lines))
        self.choice.setItemText(
            1,
            _("Confirm: {determination}", determination=_(DETERMINATION_LABELS[finding.determination]))
            if finding.determination
            else _("Confirm the suggested determination"),
        )
        # Nothing to confirm while no determination can be suggested: the item stays listed, greyed out, and says why.
        item = self.choice.model().item(1)  # type: ignore[attr-defined]
        item.setEnabled(finding.determination is not None)
        item.setToolTip("" if finding.determination else _("No determination can be suggested yet: choose one."))
        if finding.determination is None and self.choice.currentIndex() == 1:
            self.choice.setCurrentIndex(0)

    def _chosen(self) -> Determination | None:
        data = self.choice.currentData()
        return None if data in (CHOOSE, CONFIRM, None) else Determination(data)

    def _reason_needed(self) -> bool:
        """A reason is required whenever the officer's determination differs from the suggested one (including
        when none can be suggested)."""
        chosen = self._chosen()
        return chosen is not None and chosen != self.state.evaluation().finding.determination

    def _update_reason(self) -> None:
        needed = self._reason_needed()
        self.reason.setEnabled(needed)
        self.reason_label.setEnabled(needed)
        if needed:
            hint = _("Required: your determination differs from the suggested one.")
            if self.state.evaluation().finding.determination is None:
                hint = _("Required: no determination could be suggested, so explain yours.")
        elif self.choice.currentData() == CONFIRM:
            hint = _("No reason needed: you confirm the suggested determination.")
        else:
            hint = _("Choose a determination first; a reason is needed when it differs from the suggested one.")
        self.reason_hint.setText(hint)
        self.reason.setToolTip("" if needed else hint)
        self._show_live_problems()

    def _show_live_problems(self) -> None:
        """What still blocks Next, shown as soon as it applies (nothing while the officer has not chosen yet)."""
        if self._loading or self.choice.currentData() == CHOOSE:
            self.problem_line.show_problems([])
            return
        self.capture()
        self.problem_line.show_problems(self.current_problems())

    def current_problems(self) -> list[str]:
        if self.choice.currentData() == CHOOSE:
            return [_("Choose a determination: confirm the suggested one or choose another.")]
        return super().current_problems()

    def load(self, answers: AssessmentAnswers) -> None:
        self._show_analysis()
        wanted = answers.decision.determination
        if wanted is not None:
            index = max(0, self.choice.findData(wanted.value))
        else:  # None means "the suggested one" once the officer has gone past this page, "not chosen" before
            past = answers.step is not None and ORDER.index(answers.step) > ORDER.index(Step.finding)
            decided = past or answers.conclusion.completed
            index = 1 if decided and self.state.evaluation().finding.determination is not None else 0
        self.choice.setCurrentIndex(index)
        self.reason.setPlainText(answers.decision.override_reason)
        for element, notes in self.element_notes.items():
            notes.setPlainText(answers.decision.element_notes.get(element, ""))
        self._update_reason()

    def store(self, answers: AssessmentAnswers) -> AssessmentAnswers:
        chosen = self._chosen()
        decision = DecisionAnswers(
            determination=chosen,
            override_reason=self.reason.toPlainText(),
            element_notes={
                element: notes.toPlainText() for element, notes in self.element_notes.items() if notes.toPlainText()
            },
        )
        return answers.model_copy(update={"decision": decision})


class ConclusionPage(StepPage):
    step = Step.conclusion

    def __init__(self, state: AssessmentState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.determination = wrapped_label(self)
        font = self.determination.font()
        font.setBold(True)
        self.determination.setFont(font)
        self.body.addWidget(self.determination)
        self.measures_box = QGroupBox(self)
        measures = QFormLayout(self.measures_box)
        self.measure_checks: dict[ProtectiveMeasure, tuple[QCheckBox, QLineEdit]] = {}
        for kind in ProtectiveMeasure:
            check, details = QCheckBox(self.measures_box), QLineEdit(self.measures_box)
            details.setMaxLength(2000)
            check.toggled.connect(self.mark_edited)
            check.toggled.connect(details.setEnabled)
            details.textChanged.connect(self.mark_edited)
            details.setEnabled(False)
            measures.addRow(check, details)
            self.measure_checks[kind] = (check, details)
        self.body.addWidget(self.measures_box)
        self.measures_hint = wrapped_label(self)  # why the measures are greyed out
        self.body.addWidget(self.measures_hint)
        form = QFormLayout()
        self.recommendations, self.conclusion = QPlainTextEdit(self), QPlainTextEdit(self)
        self.labels = [QLabel(self), QLabel(self)]
        for label, edit in zip(self.labels, (self.recommendations, self.conclusion), strict=True):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(70)
            edit.textChanged.connect(self.mark_edited)
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.body.addLayout(form, 1)
        self.finish_hint = wrapped_label(self)
        self.body.addWidget(self.finish_hint)
        self.setFinalPage(True)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.measures_box.setTitle(_("Interim protective measures recommended"))
        for kind, (check, details) in self.measure_checks.items():
            check.setText(_(PROTECTIVE_MEASURE_LABELS[kind]))
            check.setAccessibleName(_(PROTECTIVE_MEASURE_LABELS[kind]))
            details.setAccessibleName(_("Details: {measure}", measure=_(PROTECTIVE_MEASURE_LABELS[kind])))
            details.setPlaceholderText(_("Details (duration, scope)"))
        self.labels[0].setText(_("&Recommendations"))
        self.labels[1].setText(_("&Conclusion"))
        self.recommendations.setAccessibleName(_("Recommendations"))
        self.conclusion.setAccessibleName(_("Conclusion"))
        self.finish_hint.setText(
            _(
                "Finish records the determination and sets the case status. You can then "
                "produce the memo in the language of your choice."
            )
        )
        if self.wizard() is not None:
            self._show_determination()

    def _show_determination(self) -> None:
        evaluation = self.state.evaluation()
        chosen = effective_determination(self.state.answers, evaluation.finding)
        self.determination.setText(
            _("Determination: {label}", label=_(DETERMINATION_LABELS[chosen]))
            if chosen
            else _("No determination yet: go back to the finding and choose one.")
        )
        enabled = chosen is Determination.prima_facie_case or bool(self.state.answers.conclusion.measures)
        self.measures_box.setEnabled(enabled)
        hint = "" if enabled else _(
            "Interim protective measures are recommended only for a prima facie case; the determination is: {label}.",
            label=_(DETERMINATION_LABELS[chosen]) if chosen else _("none yet"),
        )
        self.measures_hint.setText(hint)
        self.measures_hint.setVisible(bool(hint))
        self.measures_box.setToolTip(hint)

    def load(self, answers: AssessmentAnswers) -> None:
        chosen = {m.kind: m.details for m in answers.conclusion.measures}
        for kind, (check, details) in self.measure_checks.items():
            check.setChecked(kind in chosen)
            details.setText(chosen.get(kind, ""))
            details.setEnabled(kind in chosen)
        self.recommendations.setPlainText(answers.conclusion.recommendations)
        self.conclusion.setPlainText(answers.conclusion.conclusion)
        self._show_determination()

    def store(self, answers: AssessmentAnswers) -> AssessmentAnswers:
        measures = [
            RecommendedMeasure(kind=kind, details=details.text().strip())
            for kind, (check, details) in self.measure_checks.items()
            if check.isChecked()
        ]
        conclusion = ConclusionAnswers(
            measures=measures,
            recommendations=self.recommendations.toPlainText(),
            conclusion=self.conclusion.toPlainText(),
            completed=answers.conclusion.completed,
        )
        return answers.model_copy(update={"conclusion": conclusion})

    def save(self) -> bool:
        """Finish: record the determination and set the case status."""
        from ecodesk.errors import EcoDeskError

        try:
            self.state.save(Step.conclusion, complete=True)
        except EcoDeskError as exc:
            self.problem_line.show_problems([str(exc)])
            return False
        return True
