"""Weighing one element of a prima facie case: corroboration obtained, verification with the oversight office or
the Administration, and the complainant's own account.

Prima facie is a low threshold: a detailed, dated and consistent account is evidence, and an element without
corroboration is "not yet established / needs verification", never disproved.
"""

from __future__ import annotations

from ecodesk.assessment.answers import AssessmentAnswers, Element
from ecodesk.assessment.checklist import SUPPORTS, ChecklistEntry, has_obtained
from ecodesk.assessment.explanations import Explanation, explain
from ecodesk.i18n import N_
from ecodesk.models import EvidenceKind, EvidenceStatus, ProtectedActivityKind, VerificationAnswer, VerificationBody

VERIFIABLE_WITH_OVERSIGHT = {
    ProtectedActivityKind.reported_to_oversight,
    ProtectedActivityKind.reporting_platform,
    ProtectedActivityKind.cooperated_with_audit,
    ProtectedActivityKind.cooperated_with_investigation,
}
_ELEMENT_TERMS: dict[Element, str] = {
    Element.protected_activity: N_("of the protected activity"),
    Element.detrimental_action: N_("of the detrimental action"),
    Element.contributing_factor: N_("of the causal link"),
}
_CONFIRMED = {
    VerificationBody.oversight_office: N_("The internal oversight office confirmed this point on {date}."),
    VerificationBody.administration: N_("The Administration confirmed this point on {date}."),
}
_NOT_CONFIRMED = {
    VerificationBody.oversight_office: N_("The internal oversight office did not confirm this point ({date})."),
    VerificationBody.administration: N_("The Administration did not confirm this point ({date})."),
}
_CONFIRMED_UNDATED = {
    VerificationBody.oversight_office: N_("The internal oversight office confirmed this point."),
    VerificationBody.administration: N_("The Administration confirmed this point."),
}
_NOT_CONFIRMED_UNDATED = {
    VerificationBody.oversight_office: N_("The internal oversight office did not confirm this point."),
    VerificationBody.administration: N_("The Administration did not confirm this point."),
}
_PENDING = {
    VerificationBody.oversight_office: N_(
        "Confirmation was asked of the internal oversight office on {date}; no answer has been received yet."
    ),
    VerificationBody.administration: N_(
        "Confirmation was asked of the Administration on {date}; no answer has been received yet."
    ),
}
NEEDS_VERIFICATION = N_("The element is therefore not yet established and needs verification; it is not disproved.")


def _verifications(answers: AssessmentAnswers, element: Element) -> tuple[bool, bool, list[Explanation]]:
    """(confirmed, still pending, what to say) for the verifications recorded on ``element``."""
    confirmed = pending = False
    said: list[Explanation] = []
    for check in answers.verifications:
        if check.element != element.value:
            continue
        if check.answer is VerificationAnswer.confirmed:
            confirmed = True
            said.append(
                explain(_CONFIRMED[check.body], date=check.answered_on)
                if check.answered_on
                else explain(_CONFIRMED_UNDATED[check.body])
            )
        elif check.answer is VerificationAnswer.not_confirmed:
            said.append(
                explain(_NOT_CONFIRMED[check.body], date=check.answered_on)
                if check.answered_on
                else explain(_NOT_CONFIRMED_UNDATED[check.body])
            )
        else:
            pending = True
            if check.asked_on:
                said.append(explain(_PENDING[check.body], date=check.asked_on))
    return confirmed, pending, said


def _outstanding(entries: list[ChecklistEntry], element: Element) -> bool:
    """Whether corroborating evidence for ``element`` was asked for and is still awaited."""
    return any(
        element in SUPPORTS[e.item.kind]
        and e.item.kind is not EvidenceKind.complainant_statement
        and e.item.status is EvidenceStatus.requested
        for e in entries
    )


def weigh(
    answers: AssessmentAnswers, entries: list[ChecklistEntry], element: Element, *, dated: bool
) -> tuple[bool | None, list[Explanation]]:
    """Corroboration, verification and the complainant's own account, weighed for one element.

    Prima facie is a low threshold: a detailed, dated and consistent account is evidence, and an element
    without corroboration is "not yet established / needs verification", never disproved.
    """
    confirmed, pending, said = _verifications(answers, element)
    term = _ELEMENT_TERMS[element]
    credible = answers.account.detailed_and_consistent is True
    if has_obtained(entries, element):
        return True, [explain(N_("The account {of_complainant} is corroborated by the documents obtained.")), *said]
    if confirmed:
        return True, said
    if credible and dated and not pending and not _outstanding(entries, element):
        return True, [
            explain(
                N_(
                    "{Complainant} gives a detailed, dated and consistent account {element}, which at this "
                    "preliminary stage is evidence; nothing available contradicts it."
                ),
                element=term,
            ),
            *said,
        ]
    if credible:
        return None, [
            explain(
                N_("{Complainant} gives a detailed and consistent account {element}; corroboration is awaited."),
                element=term,
            ),
            *said,
            explain(NEEDS_VERIFICATION),
        ]
    return None, [
        explain(N_("At this stage the element rests on the complaint alone and has not been verified.")),
        *said,
        explain(NEEDS_VERIFICATION),
    ]
