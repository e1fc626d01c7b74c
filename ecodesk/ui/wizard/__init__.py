"""The preliminary assessment wizard.

Contract: ``AssessmentWizard(session, reference: str | None, parent).exec()`` — reference None starts from a new
complaint (the first page creates the case); otherwise it resumes that case's assessment.
"""

from ecodesk.ui.wizard.wizard import AssessmentWizard

__all__ = ["AssessmentWizard"]
