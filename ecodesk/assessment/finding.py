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
from ecodesk.assessment.checklist import ChecklistEntry, obtained_for
from ecodesk.assessment.explanations import Explanation, explain
from ecodesk.assessment.facts import CLOSE_IN_TIME_DAYS, DerivedFacts
from ecodesk.assessment.weighing import NEEDS_VERIFICATION, VERIFIABLE_WITH_OVERSIGHT, weigh
from ecodesk.i18n import N_
from ecodesk.models import Determination, VerificationBody

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


# The same indicators as sentences of reasoning (memos, ``assess --json``).
INDICATOR_SENTENCES: dict[Indicator, str] = {
    Indicator.knowledge: N_("The alleged retaliator knew of the protected activity."),
    Indicator.timing: N_("The action closely followed the protected activity."),
    Indicator.past_treatment: N_("The action departs from the past treatment {of_complainant}."),
    Indicator.comparators: N_("Comparable staff who made no report were treated differently."),
    Indicator.animus: N_("Animus was expressed towards {complainant}."),
    Indicator.stated_reasons: N_("The stated reasons are weak or have shifted."),
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

    @property
    def needs_verification(self) -> bool:
        """No element disproved, at least one not yet established: verify, do not close."""
        return self.determination is None and any(e.established is None for e in self.elements)


def _knowledge(answers: AssessmentAnswers) -> bool | None:
    # The person who decided, threatened or recommended the action (ecodesk/casework/actors.py).
    from ecodesk.assessment.actors import deciders_knowledge

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


def _described_element(
    answers: AssessmentAnswers, element: Element, undated: int, entries: list[ChecklistEntry]
) -> ElementSuggestion:
    """Protected activity or detrimental action: described, then weighed (the memo describes it above)."""
    if element is Element.protected_activity:
        count = len(answers.protected_activities)
        none = N_("The complaint describes no protected activity.")
        undated_text = N_("The date of at least one protected activity is not yet known.")
    else:
        count = len(answers.detrimental_actions)
        none = N_("The complaint describes no detrimental action.")
        undated_text = N_("The date of at least one detrimental action is not yet known.")
    if count == 0:
        return ElementSuggestion(element=element, established=False, reasons=[explain(none)], evidence_ids=[])
    established, reasons = weigh(answers, entries, element, dated=not undated)
    if undated:
        reasons.insert(0, explain(undated_text))
    if element is Element.protected_activity and established is not True:
        checked = {v.body for v in answers.verifications if v.element == element.value}
        kinds = {a.kind for a in answers.protected_activities}
        if kinds & VERIFIABLE_WITH_OVERSIGHT and VerificationBody.oversight_office not in checked:
            reasons.append(explain(N_("This can be verified with the internal oversight office.")))
    return ElementSuggestion(
        element=element,
        established=established,
        reasons=reasons,
        evidence_ids=obtained_for(entries, element) if established else [],
    )


def _contributing_factor(
    answers: AssessmentAnswers,
    facts: DerivedFacts,
    found: list[IndicatorFinding],
    entries: list[ChecklistEntry],
    basis: tuple[bool | None, bool | None],
) -> ElementSuggestion:
    element = Element.contributing_factor

    def result(established: bool | None, *reasons: Explanation) -> ElementSuggestion:
        ids = obtained_for(entries, element) if established else []
        return ElementSuggestion(element=element, established=established, reasons=list(reasons), evidence_ids=ids)

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
    present = [f.indicator for f in found if f.present is True]
    absent = [f.indicator for f in found if f.present is False]
    for indicator in present:
        if indicator is Indicator.timing and facts.closest_interval_days is not None:
            reasons.append(
                explain(
                    N_("The action followed the protected activity by {days} days."), days=facts.closest_interval_days
                )
            )
        else:
            reasons.append(explain(INDICATOR_SENTENCES[indicator]))
    if facts.closest_interval_days is None and facts.causal_order == "unknown":
        reasons.append(
            explain(N_("Missing dates: the timing of the action after the protected activity cannot be checked."))
        )
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
        established, weighed = weigh(answers, entries, element, dated=facts.causal_order == "possible")
        return result(established, *reasons, *weighed)
    reasons.append(
        explain(
            N_(
                "Not enough is known yet about the indicators of a causal link (knowledge, timing, "
                "treatment, animus, stated reasons)."
            )
        )
    )
    reasons.append(explain(NEEDS_VERIFICATION))
    return result(None, *reasons)


def suggest(answers: AssessmentAnswers, facts: DerivedFacts, entries: list[ChecklistEntry]) -> SuggestedFinding:
    """The suggested determination with the reasons for each element (pure; never raises on partial answers)."""
    found = indicators(answers, facts)
    pa = _described_element(answers, Element.protected_activity, facts.undated_activities, entries)
    da = _described_element(answers, Element.detrimental_action, facts.undated_actions, entries)
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
        reasons.append(
            explain(
                N_(
                    "No element is disproved, but at least one needs verification: complete the verification "
                    "before closing the matter."
                )
            )
        )
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
    "INDICATOR_SENTENCES",
    "ElementSuggestion",
    "Indicator",
    "IndicatorFinding",
    "SuggestedFinding",
    "suggest",
]
