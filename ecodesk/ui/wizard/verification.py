"""The complainant's account (is it detailed, dated and consistent?) and one verification with the oversight office
or the Administration (date asked, answer), under the evidence checklist."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from ecodesk.assessment import AssessmentAnswers
from ecodesk.assessment.finding import ELEMENT_LABELS
from ecodesk.i18n import _
from ecodesk.models import VERIFICATION_ANSWER_LABELS, VERIFICATION_BODY_LABELS, Verification
from ecodesk.ui.kit.widgets import ChoiceCombo
from ecodesk.ui.wizard.controls import OptionalDate, YesNo


class AccountAndVerification(QGroupBox):
    """Edits ``answers.account`` and the first of ``answers.verifications`` (others are kept as they are)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.account_label = QLabel(self)
        self.account_label.setWordWrap(True)
        self.account = YesNo(allow_unknown=True, parent=self)
        self.element = ChoiceCombo(ELEMENT_LABELS, optional=True, parent=self)
        self.body = ChoiceCombo(VERIFICATION_BODY_LABELS, parent=self)
        self.asked_on, self.answered_on = OptionalDate(self), OptionalDate(self)
        self.answer = ChoiceCombo(VERIFICATION_ANSWER_LABELS, parent=self)
        self.labels = [QLabel(self) for _ in range(5)]
        form.addRow(self.account_label, self.account)
        fields = (self.element, self.body, self.asked_on, self.answered_on, self.answer)
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.account.changed.connect(self.changed)
        for combo in (self.element, self.body, self.answer):
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        for date in (self.asked_on, self.answered_on):
            date.changed.connect(self.changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("The complainant's account and verification"))
        self.account_label.setText(
            _("Is the complainant's account detailed, dated and consistent? (It is evidence in itself.)")
        )
        self.account.retranslate_ui(_("The complainant's account is detailed, dated and consistent"))
        for combo in (self.element, self.body, self.answer):
            combo.retranslate()
        texts = [_("&Verify:"), _("&With:"), _("Date as&ked:"), _("Date answe&red:"), _("Answ&er:")]
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.element.setAccessibleName(_("Point to verify"))
        self.element.setToolTip(
            _("Cooperation with the oversight office can be verified with that office; a decision, with the "
              "Administration.")
        )
        self.body.setAccessibleName(_("Verify with"))
        self.asked_on.retranslate_ui(_("Date the verification was asked"))
        self.answered_on.retranslate_ui(_("Date of the answer"))
        self.answer.setAccessibleName(_("Answer"))

    def load(self, answers: AssessmentAnswers) -> None:
        self.account.set_value(answers.account.detailed_and_consistent)
        first = answers.verifications[0] if answers.verifications else None
        self.element.set_value(first.element if first else None)
        self.body.set_value((first.body if first else Verification().body).value)
        self.asked_on.set_value(first.asked_on if first else None)
        self.answered_on.set_value(first.answered_on if first else None)
        self.answer.set_value((first.answer if first else Verification().answer).value)

    def store(self, answers: AssessmentAnswers) -> AssessmentAnswers:
        account = answers.account.model_copy(update={"detailed_and_consistent": self.account.value()})
        rest = answers.verifications[1:]
        element = self.element.value()
        if element is None:
            verifications = rest
        else:
            base = answers.verifications[0] if answers.verifications else Verification()
            verification = Verification.model_validate(
                {
                    **base.model_dump(),
                    "element": element,
                    "body": self.body.value(),
                    "asked_on": self.asked_on.value(),
                    "answered_on": self.answered_on.value(),
                    "answer": self.answer.value(),
                }
            )
            verifications = [verification, *rest]
        return answers.model_copy(update={"account": account, "verifications": verifications})
