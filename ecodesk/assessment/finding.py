"""The suggested prima facie finding: which elements are established, why, and on which evidence.

The test (DESIGN.md section 1): a prima facie case of retaliation needs (1) a protected activity, (2) a
detrimental action and (3) the protected activity being a contributing factor in the action. The suggestion is
a help, not a decision: the officer confirms it or overrides it with a written reason.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from pydantic import BaseModel

from ecodesk.assessment.answers import AssessmentAnswers, Element
from ecodesk.assessment.checklist import OUTSTANDING, SUPPORTS, ChecklistEntry, has_obtained, obtained_for
from ecodesk.assessment.facts import CLOSE_IN_TIME_DAYS, DerivedFacts
from ecodesk.assessment.text import Explanation, explain
from ecodesk.i18n import N_
from ecodesk.models import Determination, EvidenceKind, EvidenceStatus

ELEMENT_LABELS: dict[Element, str] = {
    Element.protected_activity: N_("Protected activity"),
    Element.detrimental_action: N_("Detrimental action"),
    Element.contributing_factor: N_("Contributing factor"),
}


class Indicator(StrEnum):
    knowledge = "knowledge"
    timing = "timing"
    past_treatment = "past_treatment"
    comparators = "comparators"
    animus = "animus"
    stated_reasons = "stated_reasons"


INDICATOR_LABELS: dict[Indicator, str] = {
    Indicator.knowledge: N_("The alleged retaliator knew of the protected activity"),
    Indicator.timing: N_("The action closely followed the protected activity"),
    Indicator.past_treatment: N_("The action departs from the complainant's past treatment"),
    Indicator.comparators: N_("Comparable staff who made no report were treated differently"),
    Indicator.animus: N_("Animus was expressed towards the complainant"),
    Indicator.stated_reasons: N_("The stated reasons are weak or have shifted"),
}


class IndicatorFinding(BaseModel):
    indicator: Indicator
    present: bool | None  # None: not known


class ElementSuggestion(BaseModel):
    element: Element
    established: bool | None  # None: cannot be said yet
    reasons: list[Explanation]
    evidence_ids: list[uuid.UUID]


class SuggestedFinding(BaseModel):
    determination: Determination | None  # None: evidence still missing, no suggestion yet
    reasons: list[Explanation]
    elements: list[ElementSuggestion]
    indicators: list[IndicatorFinding]

    def element(self, element: Element) -> ElementSuggestion:
        return next(e for e in self.elements if e.element is element)


def _knowledge(answers: AssessmentAnswers) -> bool | None:
    # The person who decided, threatened or recommended the action (ecodesk/casework/actors.py).
    from ecodesk.casework.actors import deciders_knowledge

    return deciders_knowledge(answers.alleged_retaliators, answers.detrimental_actions)


def indicators(answers: AssessmentAnswers, facts: DerivedFacts) -> list[IndicatorFinding]:
    i = answers.indicators
    values = {
        Indicator.knowledge: _knowledge(answers),
        Indicator.timing: facts.close_in_time,
        Indicator.past_treatment: i.departs_from_past_treatment,
        Indicator.comparators: i.departs_from_comparators,
        Indicator.animus: i.expressed_animus,
        Indicator.stated_reasons: i.weak_or_shifting_reasons,
    }
    return [IndicatorFinding(indicator=k, present=v) for k, v in values.items()]


def _evidence_state(entries: list[ChecklistEntry], element: Element) -> bool | None:
    """True: something obtained; False: every supporting item resolved without result; None: still pending."""
    if has_obtained(entries, element):
        return True
    supporting = [
        e for e in entries if element in SUPPORTS[e.item.kind] and e.item.kind is not EvidenceKind.complainant_statement
    ]
    if supporting and all(e.item.status not in OUTSTANDING for e in supporting):
        return False
    return None


def _described_element(element: Element, count: int, undated: int, entries: list[ChecklistEntry]) -> ElementSuggestion:
    """Protected activity or detrimental action: described, and supported by evidence obtained."""
    reasons: list[Explanation] = []
    if element is Element.protected_activity:
        none = N_("No protected activity is described in the complaint.")
        described = N_("Protected activities described: {count}.")
        undated_text = N_("The date of {count} protected activity or activities is not known.")
    else:
        none = N_("No detrimental action is described in the complaint.")
        described = N_("Detrimental actions described: {count}.")
        undated_text = N_("The date of {count} detrimental action or actions is not known.")
    if count == 0:
        return ElementSuggestion(element=element, established=False, reasons=[explain(none)], evidence_ids=[])
    reasons.append(explain(described, count=count))
    if undated:
        reasons.append(explain(undated_text, count=undated))
    state = _evidence_state(entries, element)
    if state is True:
        reasons.append(explain(N_("Supported by the corroborating evidence obtained.")))
    elif state is False:
        reasons.append(explain(N_("No corroborating evidence could be obtained.")))
    elif any(
        e.item.kind is EvidenceKind.complainant_statement and e.item.status is EvidenceStatus.obtained for e in entries
    ):
        reasons.append(
            explain(
                N_("Only the complainant's statement has been obtained: corroborating evidence is still outstanding.")
            )
        )
    else:
        reasons.append(explain(N_("Supporting evidence has not been obtained yet.")))
    return ElementSuggestion(
        element=element, established=state, reasons=reasons, evidence_ids=obtained_for(entries, element)
    )


def _contributing_factor(
    answers: AssessmentAnswers,
    facts: DerivedFacts,
    found: list[IndicatorFinding],
    entries: list[ChecklistEntry],
    basis: tuple[bool | None, bool | None],
) -> ElementSuggestion:
    element = Element.contributing_factor
    evidence_ids = obtained_for(entries, element)

    def result(established: bool | None, *reasons: Explanation) -> ElementSuggestion:
        return ElementSuggestion(
            element=element, established=established, reasons=list(reasons), evidence_ids=evidence_ids
        )

    if False in basis:
        return result(
            False,
            explain(N_("Without both a protected activity and a detrimental action, no causal link can be made.")),
        )
    if facts.causal_order == "impossible":
        return result(
            False,
            explain(
                N_(
                    "Every detrimental action predates every protected activity: the protected activity cannot "
                    "have contributed to the action."
                )
            ),
        )
    reasons: list[Explanation] = []
    if facts.closest_interval_days is not None:
        reasons.append(
            explain(
                N_("Shortest interval between a protected activity and a later action: {days} days."),
                days=facts.closest_interval_days,
            )
        )
    elif facts.causal_order == "unknown":
        reasons.append(
            explain(N_("Missing dates: the timing of the action after the protected activity cannot be checked."))
        )
    present = [f.indicator for f in found if f.present is True]
    absent = [f.indicator for f in found if f.present is False]
    for indicator in present:
        reasons.append(explain(N_("Indicator present: {indicator}."), indicator=INDICATOR_LABELS[indicator]))
    knowledge = next(f.present for f in found if f.indicator is Indicator.knowledge)
    if knowledge is False:
        reasons.append(
            explain(
                N_(
                    "The alleged retaliators did not know of the protected activity: it cannot have "
                    "been a contributing factor."
                )
            )
        )
        return result(False, *reasons)
    others = [i for i in present if i is not Indicator.knowledge]
    if knowledge is True and not others and len(absent) == len(found) - 1:
        reasons.append(explain(N_("Apart from knowledge, no indicator of a causal link is present.")))
        return result(False, *reasons)
    if (knowledge is True and others) or len(others) >= 2:
        if knowledge is None:
            reasons.append(
                explain(N_("Knowledge of the protected activity may be inferred from the other indicators."))
            )
        if has_obtained(entries, element):
            reasons.append(explain(N_("The indicators are supported by the corroborating evidence obtained.")))
            return result(True, *reasons)
        reasons.append(explain(N_("The indicators are alleged but not yet supported by evidence obtained.")))
        return result(None, *reasons)
    reasons.append(
        explain(
            N_(
                "Not enough is known yet about the indicators of a causal link (knowledge, timing, "
                "treatment, animus, stated reasons)."
            )
        )
    )
    return result(None, *reasons)


def suggest(answers: AssessmentAnswers, facts: DerivedFacts, entries: list[ChecklistEntry]) -> SuggestedFinding:
    """The suggested determination with the reasons for each element (pure; never raises on partial answers)."""
    found = indicators(answers, facts)
    pa = _described_element(
        Element.protected_activity, len(answers.protected_activities), facts.undated_activities, entries
    )
    da = _described_element(
        Element.detrimental_action, len(answers.detrimental_actions), facts.undated_actions, entries
    )
    cf = _contributing_factor(answers, facts, found, entries, (pa.established, da.established))
    elements = [pa, da, cf]
    mandate = answers.mandate
    reasons: list[Explanation] = []
    determination: Determination | None
    if mandate.complainant_covered is False or mandate.alleges_retaliation is False:
        determination = Determination.out_of_mandate
        if mandate.complainant_covered is False:
            reasons.append(
                explain(N_("The complainant is not covered by the policy on protection against retaliation."))
            )
        if mandate.alleges_retaliation is False:
            reasons.append(
                explain(N_("The complaint does not allege a detrimental action taken because of a protected activity."))
            )
    elif facts.filed_in_time is False and answers.timeliness.accept_late_filing is not True:
        determination = Determination.out_of_time
        latest = min(facts.filing, key=lambda f: f.days_to_receipt)
        reasons.append(
            explain(
                N_(
                    "The complaint was received {days} days after the most recent action, beyond the limit of "
                    "{months} months ({limit})."
                ),
                days=latest.days_to_receipt,
                months=facts.filing_limit_months,
                limit=latest.limit_date,
            )
        )
    elif any(e.established is False for e in elements):
        determination = Determination.no_prima_facie_case
        reasons.append(explain(N_("At least one element of a prima facie case is not established.")))
    elif all(e.established is True for e in elements):
        determination = Determination.prima_facie_case
        reasons.append(
            explain(
                N_(
                    "All three elements are established on the evidence obtained: the burden shifts to "
                    "the Organization to show by clear and convincing evidence that it would have "
                    "taken the same action absent the protected activity."
                )
            )
        )
    else:
        determination = None
        reasons.append(explain(N_("No determination can be suggested yet: evidence is still outstanding.")))
    if determination in (Determination.prima_facie_case, Determination.no_prima_facie_case, None):
        if facts.filed_in_time is False:
            reasons.append(
                explain(N_("The complaint was filed late; the late filing was accepted for the reason given."))
            )
    return SuggestedFinding(determination=determination, reasons=reasons, elements=elements, indicators=found)


__all__ = [
    "CLOSE_IN_TIME_DAYS",
    "ELEMENT_LABELS",
    "INDICATOR_LABELS",
    "ElementSuggestion",
    "Indicator",
    "IndicatorFinding",
    "SuggestedFinding",
    "suggest",
]
