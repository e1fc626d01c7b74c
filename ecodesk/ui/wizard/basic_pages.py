"""Complaint, mandate and time-limit pages."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ecodesk.assessment import AssessmentAnswers, Step
from ecodesk.assessment.answers import ComplaintAnswers, MandateAnswers, TimelinessAnswers
from ecodesk.i18n import _, date_field_pattern, date_locale, format_date
from ecodesk.models import FormOfAddress, Person
from ecodesk.models.forms_of_address import FORM_OF_ADDRESS_LABELS
from ecodesk.ui.kit.widgets import ChoiceCombo
from ecodesk.ui.wizard.controls import YesNo, to_qdate
from ecodesk.ui.wizard.page import StepPage, wrapped_label
from ecodesk.ui.wizard.protection_questions import ProtectionQuestions
from ecodesk.ui.wizard.state import AssessmentState


def line_edit(page: StepPage) -> QLineEdit:
    edit = QLineEdit(page)
    edit.setMaxLength(500)
    edit.textChanged.connect(page.mark_edited)
    return edit


def text_edit(page: StepPage, height: int = 90) -> QPlainTextEdit:
    edit = QPlainTextEdit(page)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    edit.textChanged.connect(page.mark_edited)
    return edit


class ComplaintPage(StepPage):
    step = Step.complaint

    def __init__(self, state: AssessmentState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        form = QFormLayout()
        self.title_edit = line_edit(self)
        self.received = QDateEdit(self)
        self.received.setCalendarPopup(True)
        self.received.setMaximumDate(to_qdate(state.today))
        self.received.setMinimumDate(QDate(1900, 1, 1))  # the range a record date may take (RecordDate)
        self.received.dateChanged.connect(self.mark_edited)
        self.name = line_edit(self)
        self.form_of_address = ChoiceCombo(FORM_OF_ADDRESS_LABELS, optional=True, parent=self)
        self.form_of_address.currentIndexChanged.connect(self.mark_edited)
        self.position = line_edit(self)
        self.office = line_edit(self)
        self.summary = text_edit(self, 120)
        self.summary.setMaximumHeight(240)
        self.labels = [QLabel(self) for _ in range(7)]
        for label, field in zip(
            self.labels,
            (self.title_edit, self.received, self.name, self.form_of_address, self.position, self.office, self.summary),
            strict=True,
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        texts = [
            _("&Title"),
            _("&Received on"),
            _("Complainant's &name"),
            _("Form of &address"),
            _("&Position"),
            _("O&ffice"),
            _("&Summary of the complaint"),
        ]
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        for field, text in zip(
            (self.title_edit, self.received, self.name, self.form_of_address, self.position, self.office, self.summary),
            texts,
            strict=True,
        ):
            field.setAccessibleName(text.replace("&", ""))
        self.form_of_address.retranslate()
        self.form_of_address.setToolTip(
            _("Used for grammatical agreement in French and Spanish memos; Mx or Not set gives neutral forms.")
        )
        self.title_edit.setPlaceholderText(_("A short title without names, e.g. Non-renewal after audit interview"))
        self.received.setLocale(QLocale(date_locale()))
        self.received.setDisplayFormat(date_field_pattern())

    def load(self, answers: AssessmentAnswers) -> None:
        complaint = answers.complaint or ComplaintAnswers()
        self.title_edit.setText(complaint.title)
        self.received.setDate(to_qdate(complaint.received_on) if complaint.received_on else QDate.currentDate())
        self.name.setText(complaint.complainant.name)
        self.form_of_address.set_value(complaint.complainant.form_of_address)
        self.position.setText(complaint.complainant.position)
        self.office.setText(complaint.complainant.office)
        self.summary.setPlainText(complaint.summary)

    def store(self, answers: AssessmentAnswers) -> AssessmentAnswers:
        previous = answers.complaint.complainant if answers.complaint else Person()
        complaint = ComplaintAnswers(
            title=self.title_edit.text(),
            received_on=self.received.date().toPython(),  # type: ignore[arg-type]
            complainant=previous.model_copy(
                update={
                    "name": self.name.text().strip(),
                    "form_of_address": FormOfAddress(form) if (form := self.form_of_address.value()) else None,
                    "position": self.position.text().strip(),
                    "office": self.office.text().strip(),
                }
            ),
            summary=self.summary.toPlainText(),
        )
        return answers.model_copy(update={"complaint": complaint})


class MandatePage(StepPage):
    step = Step.mandate

    def __init__(self, state: AssessmentState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.covered_label, self.alleges_label = wrapped_label(self), wrapped_label(self)
        self.covered, self.alleges = YesNo(parent=self), YesNo(parent=self)
        for label, question in ((self.covered_label, self.covered), (self.alleges_label, self.alleges)):
            question.changed.connect(self.mark_edited)
            self.body.addWidget(label)
            self.body.addWidget(question)
            self.body.addSpacing(8)
        self.protection = ProtectionQuestions(self)  # preventive protection, good faith
        self.protection.changed.connect(self.mark_edited)
        self.body.addWidget(self.protection)
        self.hint = wrapped_label(self)
        self.notes_label = QLabel(self)
        self.notes = text_edit(self)
        self.notes.setMaximumHeight(110)
        self.notes_label.setBuddy(self.notes)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.notes_label)
        self.body.addWidget(self.notes)
        self.redirect_label = QLabel(self)
        self.redirect = text_edit(self, 60)
        self.redirect.setMaximumHeight(80)
        self.redirect_label.setBuddy(self.redirect)
        self.body.addWidget(self.redirect_label)
        self.body.addWidget(self.redirect)
        self.body.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.redirect_label.setText(_("If outside the mandate: &where the matter can be taken instead (optional)"))
        self.redirect.setAccessibleName(_("Where the matter can be taken instead"))
        self.covered_label.setText(
            _(
                "Is the complainant a staff member or other personnel covered by the policy on protection against "
                "retaliation?"
            )
        )
        self.alleges_label.setText(
            _(
                "Does the complaint allege that a detrimental action was taken, threatened or recommended because of a "
                "protected activity (reporting misconduct, or cooperating with a duly authorized audit or "
                "investigation)?"
            )
        )
        self.covered.retranslate_ui(_("Complainant covered by the policy"))
        self.alleges.retranslate_ui(_("Complaint alleges retaliation"))
        self.hint.setText(
            _(
                "If either answer is No, the complaint is outside the mandate and the wizard goes "
                "straight to the conclusion."
            )
        )
        self.notes_label.setText(_("&Notes on the mandate (optional)"))
        self.notes.setAccessibleName(_("Notes on the mandate"))
        self.protection.retranslate_ui()

    def load(self, answers: AssessmentAnswers) -> None:
        self.covered.set_value(answers.mandate.complainant_covered)
        self.alleges.set_value(answers.mandate.alleges_retaliation)
        self.notes.setPlainText(answers.mandate.notes)
        self.redirect.setPlainText(answers.mandate.redirect_to)
        self.protection.load(answers)

    def store(self, answers: AssessmentAnswers) -> AssessmentAnswers:
        mandate = MandateAnswers(
            complainant_covered=self.covered.value(),
            alleges_retaliation=self.alleges.value(),
            notes=self.notes.toPlainText(),
            redirect_to=self.redirect.toPlainText(),
            good_faith_notes=answers.mandate.good_faith_notes,
            **self.protection.values(),  # type: ignore[arg-type]
        )
        return answers.model_copy(update={"mandate": mandate})


class TimelinessPage(StepPage):
    step = Step.timeliness

    def __init__(self, state: AssessmentState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.facts_box = QGroupBox(self)
        facts_layout = QFormLayout(self.facts_box)
        self.fact_labels = [QLabel(self.facts_box) for _ in range(4)]
        self.fact_values = [QLabel(self.facts_box) for _ in range(4)]
        for label, value in zip(self.fact_labels, self.fact_values, strict=True):
            value.setWordWrap(True)
            facts_layout.addRow(label, value)
        self.verdict = wrapped_label(self)
        self.late_box = QGroupBox(self)
        late_layout = QFormLayout(self.late_box)
        self.accept_label = wrapped_label(self.late_box)
        self.accept = YesNo(parent=self.late_box)
        self.accept.changed.connect(self.mark_edited)
        self.accept.changed.connect(self._update_visibility)
        self.reason_label = QLabel(self.late_box)
        self.reason = text_edit(self)
        self.reason_label.setBuddy(self.reason)
        late_layout.addRow(self.accept_label)
        late_layout.addRow(self.accept)
        late_layout.addRow(self.reason_label)
        late_layout.addRow(self.reason)
        self.body.addWidget(self.facts_box)
        self.body.addWidget(self.verdict)
        self.body.addWidget(self.late_box)
        self.body.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.facts_box.setTitle(_("Derived facts"))
        for label, text in zip(
            self.fact_labels,
            (
                _("Complaint received"),
                _("Most recent dated action"),
                _("Days from that action to receipt"),
                _("Filing limit"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.late_box.setTitle(_("Late filing"))
        self.accept_label.setText(_("Are there exceptional circumstances that justify accepting the late filing?"))
        self.accept.retranslate_ui(_("Accept the late filing"))
        self.reason_label.setText(_("&Exceptional circumstances"))
        self.reason.setAccessibleName(_("Exceptional circumstances"))
        if self.wizard() is not None:
            self._show_facts()

    def _show_facts(self) -> None:
        facts = self.state.evaluation().facts
        latest = min(facts.filing, key=lambda f: f.days_to_receipt, default=None)
        not_known = _("not known")
        self.fact_values[0].setText(format_date(facts.received_on) or not_known)
        self.fact_values[1].setText(format_date(latest.action_date) if latest else not_known)
        self.fact_values[2].setText(str(latest.days_to_receipt) if latest else not_known)
        self.fact_values[3].setText(
            _(
                "{months} months after the action (until {date})",
                months=facts.filing_limit_months,
                date=format_date(latest.limit_date),
            )
            if latest
            else _("{months} months after the action", months=facts.filing_limit_months)
        )
        if facts.filed_in_time is True:
            self.verdict.setText(_("The complaint was filed within the time limit."))
        elif facts.filed_in_time is False:
            self.verdict.setText(
                _(
                    "The complaint was filed after the time limit. It is out of time unless "
                    "exceptional circumstances justify accepting it."
                )
            )
        else:
            self.verdict.setText(
                _(
                    "The dates of the actions are not known: the time limit cannot be checked yet. "
                    "You can continue and come back when the dates are known."
                )
            )
        self.late_box.setVisible(facts.filed_in_time is False)

    def _update_visibility(self) -> None:
        accepted = self.accept.value() is True
        self.reason_label.setVisible(accepted)
        self.reason.setVisible(accepted)

    def load(self, answers: AssessmentAnswers) -> None:
        self.accept.set_value(answers.timeliness.accept_late_filing)
        self.reason.setPlainText(answers.timeliness.late_filing_reason)
        self._show_facts()
        self._update_visibility()

    def store(self, answers: AssessmentAnswers) -> AssessmentAnswers:
        late = self.late_box.isVisibleTo(self)
        timeliness = TimelinessAnswers(
            accept_late_filing=self.accept.value() if late else answers.timeliness.accept_late_filing,
            late_filing_reason=self.reason.toPlainText(),
        )
        return answers.model_copy(update={"timeliness": timeliness})
