"""Two questions on the mandate page: is this a request for protection before any retaliation (its own path,
not "outside the mandate"), and is there any indication that the report was knowingly false (good faith is
presumed: the complainant does not have to prove it)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ecodesk.assessment.answers import AssessmentAnswers
from ecodesk.i18n import _
from ecodesk.models.workflow import RequestKind
from ecodesk.ui.wizard.controls import YesNo
from ecodesk.ui.wizard.page import wrapped_label


class ProtectionQuestions(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.preventive_label, self.bad_faith_label = wrapped_label(self), wrapped_label(self)
        self.preventive, self.bad_faith = YesNo(parent=self), YesNo(allow_unknown=True, parent=self)
        for label, question in ((self.preventive_label, self.preventive), (self.bad_faith_label, self.bad_faith)):
            question.changed.connect(self.changed)
            layout.addWidget(label)
            layout.addWidget(question)
            layout.addSpacing(8)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.preventive_label.setText(_(
            "Is this a request for protection before any retaliation (the person is at risk after a protected "
            "activity)? Such a request is within the mandate: after the protected activity, the wizard goes to the "
            "conclusion, where protective measures are recommended."))  # fmt: skip
        self.bad_faith_label.setText(_(
            "Is there any indication that the report was knowingly false? Good faith is presumed: the complainant "
            "does not have to prove it."))  # fmt: skip
        self.preventive.retranslate_ui(_("Request for preventive protection"))
        self.bad_faith.retranslate_ui(_("Indication that the report was knowingly false"))

    def load(self, answers: AssessmentAnswers) -> None:
        self.preventive.set_value(answers.mandate.request_kind is RequestKind.preventive)
        self.bad_faith.set_value(answers.mandate.indication_of_bad_faith)

    def values(self) -> dict[str, object]:
        preventive = self.preventive.value()
        return {
            "request_kind": RequestKind.preventive if preventive else RequestKind.retaliation,
            "indication_of_bad_faith": self.bad_faith.value(),
        }
