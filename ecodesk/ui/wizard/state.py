"""What one wizard holds: the case, the answers being edited, and the calls that save them.

State is per wizard (so per case): several assessments can be open at once. The GUI never runs SQL; saving
goes through ``ecodesk.assessment`` (answers into the case, as a new revision) and ``vault.drafts``.
"""

from __future__ import annotations

import datetime as dt

from ecodesk.assessment import (
    AssessmentAnswers,
    AssessmentIncomplete,
    Evaluation,
    Limits,
    Step,
    answers_from_case,
    current_answers,
    evaluate,
    load_case,
    save_answers,
    start_case,
)
from ecodesk.assessment.answers import ComplaintAnswers
from ecodesk.assessment.drafts import discard_draft, save_draft
from ecodesk.models import RetaliationCase
from ecodesk.storage.vault import Vault
from ecodesk.ui.kit.session import Session


class AssessmentState:
    def __init__(self, session: Session, reference: str | None, today: dt.date | None = None) -> None:
        self.session = session
        self.today = today or dt.date.today()
        self.limits = Limits.from_settings(session.vault.settings)
        self.case: RetaliationCase | None = None
        if reference is None:
            self.answers = AssessmentAnswers(complaint=ComplaintAnswers(received_on=self.today))
        else:
            self.case = load_case(session.vault, reference)
            self.answers = current_answers(session.vault, self.case)

    @property
    def vault(self) -> Vault:
        return self.session.vault

    @property
    def reference(self) -> str | None:
        return self.case.reference if self.case else None

    def evaluation(self) -> Evaluation:
        due_on = self.case.deadline() if self.case else None  # the clock rule (information requests)
        if self.case and self.answers.complaint and self.answers.complaint.received_on != self.case.received_on:
            due_on = None  # the receipt date is being changed: the deadline follows it
        return evaluate(self.answers, self.limits, self.today, due_on=due_on)

    def save(self, next_step: Step | None, *, complete: bool = False) -> Evaluation:
        """Store the answers in the case (creating it for a new complaint); raises EcoDeskError on failure.

        A completed assessment stays completed while it is revised, as long as its answers remain complete;
        otherwise it goes back to "in assessment" until Finish records the determination again.
        """
        if not complete and self.answers.conclusion.completed:
            try:
                return self._save(next_step, complete=True)
            except AssessmentIncomplete:
                pass
        return self._save(next_step, complete=complete)

    def _save(self, next_step: Step | None, *, complete: bool) -> Evaluation:
        conclusion = self.answers.conclusion.model_copy(update={"completed": complete})
        answers = self.answers.model_copy(update={"step": next_step, "conclusion": conclusion})
        if self.case is None:
            case, evaluation = start_case(self.vault, answers, today=self.today)
        else:
            assert self.case.reference is not None
            case, evaluation = save_answers(
                self.vault, self.case.reference, answers, today=self.today, expected_revision=self.case.revision
            )
        self.case = case
        self.answers = answers_from_case(case)
        discard_draft(self.vault, case.id)
        self.session.records_changed.emit()
        return evaluation

    def keep_draft(self) -> None:
        """Keep what is being typed (encrypted, in the vault) so that a crash or a lock loses nothing."""
        if self.case is not None and self.session.is_unlocked:
            save_draft(self.vault, self.case.id, self.answers)

    def forget(self) -> None:
        """Drop the case and the answers from memory (the session locked)."""
        self.case = None
        self.answers = AssessmentAnswers()

    def reload(self) -> None:
        """Take the case as stored (after a file was attached), keeping the answers being edited."""
        if self.case is not None:
            assert self.case.reference is not None
            self.case = load_case(self.vault, self.case.reference)
