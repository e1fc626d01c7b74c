"""The evidence checklist (DESIGN.md section 1), generated from the answers.

Every kind of evidence is listed; the answers decide which items are required (for example appraisals when the
action is a poor appraisal or a non-renewal) and each item says why it matters and which element it supports.
"""

from __future__ import annotations

import uuid

from pydantic import BaseModel

from ecodesk.assessment.answers import AssessmentAnswers, Element, EvidenceAnswer
from ecodesk.assessment.explanations import Explanation, explain
from ecodesk.i18n import N_
from ecodesk.models import DetrimentalActionKind, EvidenceKind, EvidenceStatus

PA, DA, CF = Element.protected_activity, Element.detrimental_action, Element.contributing_factor

# Which element each kind of evidence can support.
SUPPORTS: dict[EvidenceKind, tuple[Element, ...]] = {
    EvidenceKind.complainant_statement: (PA, DA, CF),
    EvidenceKind.protected_activity_proof: (PA, CF),
    EvidenceKind.contested_decision: (DA,),
    EvidenceKind.appraisals: (DA, CF),
    EvidenceKind.contract_history: (DA, CF),
    EvidenceKind.communications: (PA, CF),
    EvidenceKind.witness: (PA, DA, CF),
    EvidenceKind.comparator_treatment: (CF,),
    EvidenceKind.stated_reasons: (CF,),
    EvidenceKind.other: (),
}
CHECKLIST_KINDS = [kind for kind in EvidenceKind if kind is not EvidenceKind.other]
RESOLVED = (EvidenceStatus.obtained, EvidenceStatus.not_available, EvidenceStatus.not_applicable)
OUTSTANDING = (EvidenceStatus.missing, EvidenceStatus.requested)

_PERFORMANCE_ACTIONS = {
    DetrimentalActionKind.poor_appraisal,
    DetrimentalActionKind.non_renewal,
    DetrimentalActionKind.termination,
    DetrimentalActionKind.denial_of_promotion,
    DetrimentalActionKind.removal_of_duties,
}
_CONTRACT_ACTIONS = {
    DetrimentalActionKind.non_renewal,
    DetrimentalActionKind.termination,
    DetrimentalActionKind.reassignment,
}
_NO_FORMAL_DECISION = {DetrimentalActionKind.threat, DetrimentalActionKind.harassment, DetrimentalActionKind.exclusion}


class ChecklistEntry(BaseModel):
    """One line of the checklist: the answer, whether it is required, why, and what it supports."""

    item: EvidenceAnswer
    required: bool
    why: Explanation
    supports: list[Element]

    @property
    def outstanding(self) -> bool:
        return self.required and self.item.status in OUTSTANDING


def _requirement(kind: EvidenceKind, answers: AssessmentAnswers) -> tuple[bool, Explanation]:
    actions = {a.kind for a in answers.detrimental_actions}
    match kind:
        case EvidenceKind.complainant_statement:
            return True, explain(N_("The complainant's own account of the facts, dated and signed."))
        case EvidenceKind.protected_activity_proof:
            return True, explain(N_("Shows that the protected activity took place, when, and to whom it was made."))
        case EvidenceKind.contested_decision:
            return True, explain(N_("Shows the detrimental action, who took it and when."))
        case EvidenceKind.appraisals:
            if actions & _PERFORMANCE_ACTIONS:
                return True, explain(
                    N_(
                        "Performance is at stake: appraisals before and after the protected activity show whether "
                        "the treatment changed."
                    )
                )
            return False, explain(N_("Useful if performance is given as a reason for the action."))
        case EvidenceKind.contract_history:
            if actions & _CONTRACT_ACTIONS:
                return True, explain(
                    N_("The contract is at stake: earlier renewals and assignments show the usual practice.")
                )
            return False, explain(N_("Useful to compare the action with the complainant's earlier treatment."))
        case EvidenceKind.communications:
            return True, explain(
                N_(
                    "E-mails and messages may show that the decision-maker knew of the protected activity, "
                    "animus, or shifting reasons."
                )
            )
        case EvidenceKind.witness:
            return False, explain(
                N_(
                    "People who saw or heard relevant events. Record whether the complainant consents to their "
                    "being contacted."
                )
            )
        case EvidenceKind.comparator_treatment:
            if answers.indicators.departs_from_comparators:
                return True, explain(
                    N_(
                        "The complaint says comparable staff were treated differently: their treatment must be "
                        "documented."
                    )
                )
            return False, explain(N_("How comparable staff who made no report were treated."))
        case EvidenceKind.stated_reasons:
            if actions and actions <= _NO_FORMAL_DECISION:
                return False, explain(N_("Any explanation given for the conduct complained of."))
            return True, explain(
                N_("The reasons given for the decision: weak or shifting reasons indicate a contributing factor.")
            )
    return False, explain(N_("Other evidence provided or collected."))


def with_checklist(answers: AssessmentAnswers) -> AssessmentAnswers:
    """The answers with one evidence entry for every checklist kind not answered yet (status: not yet requested)."""
    present = {item.kind for item in answers.evidence}
    added = [EvidenceAnswer(kind=kind) for kind in CHECKLIST_KINDS if kind not in present]
    if not added:
        return answers
    return answers.model_copy(update={"evidence": [*answers.evidence, *added]})


def build_checklist(answers: AssessmentAnswers) -> list[ChecklistEntry]:
    """The checklist, in the order of DESIGN.md section 1, then any other evidence."""
    order = {kind: index for index, kind in enumerate(EvidenceKind)}
    entries = []
    for item in sorted(with_checklist(answers).evidence, key=lambda e: order[e.kind]):
        required, why = _requirement(item.kind, answers)
        entries.append(ChecklistEntry(item=item, required=required, why=why, supports=list(SUPPORTS[item.kind])))
    return entries


def completeness(entries: list[ChecklistEntry]) -> tuple[int, int]:
    """(resolved, total): items obtained, not available or not applicable, out of all items."""
    return sum(1 for e in entries if e.item.status in RESOLVED), len(entries)


def obtained_for(entries: list[ChecklistEntry], element: Element) -> list[uuid.UUID]:
    """Ids of the obtained items that support ``element`` (items not saved yet have no id and are left out)."""
    return [
        e.item.id
        for e in entries
        if element in e.supports and e.item.status is EvidenceStatus.obtained and e.item.id is not None
    ]


def has_obtained(entries: list[ChecklistEntry], element: Element) -> bool:
    """Whether evidence corroborating ``element`` was obtained (the complainant's own statement does not count)."""
    return any(
        element in e.supports
        and e.item.status is EvidenceStatus.obtained
        and e.item.kind is not EvidenceKind.complainant_statement
        for e in entries
    )
