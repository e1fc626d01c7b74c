"""Applying answers to a case and saving it: the one service the wizard and ``ecodesk assess`` both call."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from ecodesk.assessment.answers import AssessmentAnswers, Element, EvidenceAnswer, Step, answers_from_case
from ecodesk.assessment.checklist import ChecklistEntry, build_checklist, completeness, with_checklist
from ecodesk.assessment.explanations import Explanation
from ecodesk.assessment.facts import DerivedFacts, Limits, derive_facts
from ecodesk.assessment.finding import SuggestedFinding, suggest
from ecodesk.assessment.preventive import preventive_suggestion
from ecodesk.assessment.steps import STEP_LABELS, all_problems, effective_determination, is_override, path
from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_, get_language, translator
from ecodesk.models import (
    CaseStatus,
    Determination,
    ElementFinding,
    EvidenceItem,
    Language,
    RetaliationCase,
)
from ecodesk.models.cases import assessment_deadline
from ecodesk.models.workflow import GoodFaith, RequestKind
from ecodesk.records.hq_fields import is_hq
from ecodesk.records.recusal import refuse_if_recused
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault


class AssessmentIncomplete(InvalidInput):
    """The answers ask to complete the assessment but a step still lacks a required answer."""

    def __init__(self, step: Step, problem: Explanation) -> None:
        super().__init__(problem.template)
        self.step = step
        self.problem = problem

    def translated(self, lang: str | None = None) -> str:
        tr = translator(lang)
        return tr.gettext(
            N_("The assessment cannot be completed. {step}: {problem}"),
            step=tr.gettext(STEP_LABELS[self.step]),
            problem=self.problem.render(lang),
        )


@dataclass(frozen=True)
class Evaluation:
    """Everything the rules derive from the answers."""

    answers: AssessmentAnswers
    facts: DerivedFacts
    checklist: list[ChecklistEntry]
    finding: SuggestedFinding
    path: list[Step]

    @property
    def missing_evidence(self) -> list[ChecklistEntry]:
        return [e for e in self.checklist if e.outstanding]

    @property
    def completeness(self) -> tuple[int, int]:
        return completeness(self.checklist)

    @property
    def determination(self) -> Determination | None:
        return effective_determination(self.answers, self.finding)


def evaluate(
    answers: AssessmentAnswers, limits: Limits, today: dt.date, *, due_on: dt.date | None = None
) -> Evaluation:
    facts = derive_facts(answers, limits, today, due_on=due_on)
    checklist = build_checklist(answers)
    finding = suggest(answers, facts, checklist)
    mandate = answers.mandate
    suggested = preventive_suggestion(  # a request for preventive protection is its own path
        mandate.request_kind, finding.determination, covered=mandate.complainant_covered,
        activity_described=bool(answers.protected_activities),
    )  # fmt: skip
    if suggested is not finding.determination:
        finding = finding.model_copy(update={"determination": suggested})
    return Evaluation(answers, facts, checklist, finding, path(answers, facts))


def _with_evidence_ids(case: RetaliationCase, answers: AssessmentAnswers) -> AssessmentAnswers:
    """Give every answered item the id of the case's item it matches (by id, else the first of its kind)."""
    taken: set[uuid.UUID] = set()
    known = {item.id for item in case.evidence}
    result: list[EvidenceAnswer] = []
    for answer in with_checklist(answers).evidence:
        if answer.id is None or answer.id not in known:
            match = next((i for i in case.evidence if i.kind is answer.kind and i.id not in taken), None)
            answer = answer.model_copy(update={"id": match.id if match else (answer.id or uuid.uuid4())})
        if answer.id in taken:
            continue  # the same item twice: the first answer wins
        assert answer.id is not None
        taken.add(answer.id)
        result.append(answer)
    return answers.model_copy(update={"evidence": result})


def _merged_evidence(case: RetaliationCase, answers: AssessmentAnswers) -> list[EvidenceItem]:
    stored = {item.id: item for item in case.evidence}
    merged = []
    for answer in answers.evidence:
        assert answer.id is not None
        base = stored.pop(answer.id, None) or EvidenceItem(id=answer.id, kind=answer.kind)
        merged.append(
            base.model_copy(
                update={
                    "kind": answer.kind,
                    "status": answer.status,
                    "source": answer.source,
                    "date": answer.date,
                    "notes": answer.notes,
                    "consent_to_contact": answer.consent_to_contact,
                }
            )
        )
    return merged + list(stored.values())  # items the answers do not mention (e.g. attached elsewhere) stay


def element_finding(evaluation: Evaluation, element: Element) -> ElementFinding:
    """The finding on ``element`` as stored: the derived reasoning as message ids with arguments (each memo
    renders it in its own language) and the officer's own notes, kept as typed."""
    suggestion = evaluation.finding.element(element)
    return ElementFinding(
        established=suggestion.established,
        reasoning=evaluation.answers.decision.element_notes.get(element, ""),
        evidence_ids=suggestion.evidence_ids,
        reasons=[reason.stored() for reason in suggestion.reasons],
    )


def submitted_status(at_hq: bool) -> CaseStatus:
    """Where a completed assessment stands: at a regional office it awaits HQ; at HQ, the Chief's determination."""
    return CaseStatus.assessed if at_hq else CaseStatus.awaiting_hq


def apply_answers(
    case: RetaliationCase, answers: AssessmentAnswers, limits: Limits, today: dt.date, *, at_hq: bool = False
) -> tuple[RetaliationCase, Evaluation]:
    """The case updated from the answers (pure: nothing is saved), and the evaluation of those answers.

    Raises AssessmentIncomplete when the answers ask to complete the assessment and a required answer is missing
    (an override without its written reason, for example).
    """
    if answers.complaint is None:
        answers = answers.model_copy(update={"complaint": answers_from_case(case).complaint})
    answers = _with_evidence_ids(case, answers)
    update: dict[str, Any] = {}
    complaint = answers.complaint
    if complaint is not None:
        update |= {
            "title": complaint.title or case.title,
            "complainant": complaint.complainant,
            "summary": complaint.summary,
        }
        if complaint.received_on is not None and complaint.received_on != case.received_on:
            update["received_on"] = complaint.received_on
            update["assessment_due_on"] = assessment_deadline(complaint.received_on, limits.assessment_days)
    due_on = update.get("assessment_due_on", case.assessment_due_on)
    evaluation = evaluate(answers, limits, today, due_on=due_on)
    mandate = answers.mandate
    within = (
        None
        if None in (mandate.complainant_covered, mandate.alleges_retaliation)
        else (bool(mandate.complainant_covered and mandate.alleges_retaliation))
    )
    # The kind of request and the good-faith answer live on the case (ecodesk/casework).
    update |= {
        "request_kind": mandate.request_kind,
        "good_faith": GoodFaith(
            indication_of_bad_faith=mandate.indication_of_bad_faith, notes=mandate.good_faith_notes
        ),
    }
    if mandate.request_kind is RequestKind.preventive and mandate.complainant_covered:
        within = True  # protection before any retaliation is within the mandate
    done = answers.conclusion.completed
    if done:
        problems = all_problems(answers, evaluation.facts, evaluation.finding, today)
        if problems:
            raise AssessmentIncomplete(*problems[0])
    determination = evaluation.determination if done else None
    measures = answers.conclusion.measures
    assessment = case.assessment.model_copy(
        update={
            "within_mandate": within,
            "filed_in_time": evaluation.facts.filed_in_time,
            "protected_activity": element_finding(evaluation, Element.protected_activity),
            "detrimental_action": element_finding(evaluation, Element.detrimental_action),
            "contributing_factor": element_finding(evaluation, Element.contributing_factor),
            "suggested_determination": evaluation.finding.determination,
            "determination": determination,
            "override_reason": answers.decision.override_reason if is_override(answers, evaluation.finding) else "",
            "protective_measures": list(dict.fromkeys(m.kind for m in measures)),
            "measure_details": list(measures),
            "recommendations": answers.conclusion.recommendations,
            "conclusion": answers.conclusion.conclusion,
            "redirect_to": answers.mandate.redirect_to,
            "answers": answers.model_dump(mode="json"),
            "completed_on": (case.assessment.completed_on or today) if done else None,
        }
    )
    if case.status is not CaseStatus.closed:
        if not done:
            update["status"] = CaseStatus.in_assessment
        else:  # a regional assessment goes to HQ; at HQ, the Chief's determination comes next
            update["status"] = submitted_status(at_hq)
    update |= {
        "protected_activities": list(answers.protected_activities),
        "detrimental_actions": list(answers.detrimental_actions),
        "alleged_retaliators": list(answers.alleged_retaliators),
        "verifications": list(answers.verifications),
        "evidence": _merged_evidence(case, answers),
        "assessment": assessment,
    }
    updated = RetaliationCase.model_validate({**case.model_dump(), **update})
    return updated, evaluation


def load_case(vault: Vault, key: str) -> RetaliationCase:
    """The retaliation case ``key`` (reference or id); NotFound, or InvalidInput for an advice record."""
    record = vault.records.get(key)
    if not isinstance(record, RetaliationCase):
        raise InvalidInput(N_("{reference} is not a record of this kind."), reference=record.reference)
    return record


def save_answers(
    vault: Vault,
    key: str,
    answers: AssessmentAnswers,
    *,
    today: dt.date | None = None,
    expected_revision: int | None = None,
) -> tuple[RetaliationCase, Evaluation]:
    """Apply ``answers`` to case ``key`` and store the result as a new revision, in one transaction.

    Raises NotFound (no such case), Conflict (changed elsewhere since ``expected_revision``) and
    AssessmentIncomplete (completion asked with a required answer missing); nothing is saved then.
    """
    today = today or dt.date.today()
    with vault.db.transaction():
        case = load_case(vault, key)
        refuse_if_recused(case, vault.settings.office_code)
        updated, evaluation = apply_answers(
            case, answers, Limits.from_settings(vault.settings), today, at_hq=is_hq(vault)
        )
        saved = save_record(vault, updated, expected_revision=expected_revision)
        if isinstance(saved, RetaliationCase) and answers.conclusion.completed and not case.assessment.completed_on:
            vault.audit.append(
                "assessment_completed",
                record_id=saved.id,
                reference=saved.reference or "",
                determination=str(saved.assessment.determination),
            )
    assert isinstance(saved, RetaliationCase)
    return saved, evaluation


def start_case(
    vault: Vault, answers: AssessmentAnswers, *, today: dt.date | None = None
) -> tuple[RetaliationCase, Evaluation]:
    """Create the case of a new complaint from the answers' complaint part, then apply the rest."""
    today = today or dt.date.today()
    complaint = answers.complaint
    if complaint is None or not complaint.title or complaint.received_on is None:
        raise InvalidInput(N_("Field {field}: {reason}."), field="complaint", reason=N_("this field is required"))
    case = RetaliationCase(
        title=complaint.title,
        received_on=complaint.received_on,
        complainant=complaint.complainant,
        summary=complaint.summary,
        status=CaseStatus.in_assessment,
        language=Language(get_language()),
    )
    with vault.db.transaction():
        created = save_record(vault, case)
        assert created.reference is not None
        return save_answers(vault, created.reference, answers, today=today)


def current_answers(vault: Vault, case: RetaliationCase) -> AssessmentAnswers:
    """What to resume with: the unsaved draft of the wizard page when there is one, else the saved answers."""
    from ecodesk.assessment.drafts import load_draft

    return load_draft(vault, case.id) or answers_from_case(case)


def merge_answers(case: RetaliationCase, data: dict[str, Any]) -> AssessmentAnswers:
    """The case's current answers with the sections given in ``data`` replacing theirs (others are kept).

    Raises InvalidInput naming the field when the result does not validate.
    """
    from ecodesk.records.intake import validate

    merged = answers_from_case(case).model_dump(mode="json")
    merged.update(data)
    return validate(AssessmentAnswers, merged)
