"""The preliminary assessment of a retaliation complaint: steps, checklist, derived facts and suggested finding.

No Qt here: the wizard (``ecodesk.ui.wizard``) and ``ecodesk assess`` are thin layers over these rules.
"""

from ecodesk.assessment.answers import AssessmentAnswers, Element, EvidenceAnswer, Step, answers_from_case
from ecodesk.assessment.checklist import ChecklistEntry, build_checklist
from ecodesk.assessment.facts import DerivedFacts, Limits, derive_facts
from ecodesk.assessment.finding import SuggestedFinding, suggest
from ecodesk.assessment.service import (
    AssessmentIncomplete,
    Evaluation,
    apply_answers,
    current_answers,
    evaluate,
    load_case,
    save_answers,
    start_case,
)
from ecodesk.assessment.steps import STEP_LABELS, next_step, path, problems

__all__ = [
    "STEP_LABELS",
    "AssessmentAnswers",
    "AssessmentIncomplete",
    "ChecklistEntry",
    "DerivedFacts",
    "Element",
    "Evaluation",
    "EvidenceAnswer",
    "Limits",
    "Step",
    "SuggestedFinding",
    "answers_from_case",
    "apply_answers",
    "build_checklist",
    "current_answers",
    "derive_facts",
    "evaluate",
    "load_case",
    "next_step",
    "path",
    "problems",
    "save_answers",
    "start_case",
    "suggest",
]
