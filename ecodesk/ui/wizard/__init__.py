"""Placeholder: replaced by the assessment wizard issue.

Contract: AssessmentWizard(session, reference: str | None, parent).exec() — reference None starts from a new
complaint; otherwise resumes that case's assessment.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ecodesk.i18n import _
from ecodesk.ui.session import Session


class AssessmentWizard(QMessageBox):
    def __init__(self, session: Session, reference: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.reference = reference
        self.setText(_("This page is not available yet."))
