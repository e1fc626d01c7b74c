"""The wizard's steps: their order, which one comes next given the answers, and what each one requires.

UI-agnostic (the Qt wizard is a thin shell over this): out of mandate leads straight to the conclusion, and so
does a late complaint whose late filing is not accepted.
"""

from __future__ import annotations

import datetime as dt

from ecodesk.assessment.answers import AssessmentAnswers, Step
from ecodesk.assessment.explanations import Explanation, explain
from ecodesk.assessment.facts import DerivedFacts
from ecodesk.assessment.finding import SuggestedFinding
from ecodesk.i18n import N_
from ecodesk.models import (
    Determination,
    DetrimentalAction,
    EvidenceKind,
    EvidenceStatus,
    ProtectedActivity,
    ProtectiveMeasure,
)
from ecodesk.models.workflow import RequestKind

STEP_LABELS: dict[Step, str] = {
    Step.complaint: N_("Complaint"),
    Step.mandate: N_("Mandate"),
    Step.protected_activity: N_("Protected activity"),
    Step.detrimental_action: N_("Detrimental action"),
    Step.timeliness: N_("Time limits"),
    Step.link: N_("Causal link"),
    Step.evidence: N_("Evidence gathered"),
    Step.finding: N_("Prima facie finding"),
    Step.conclusion: N_("Conclusion"),
}

STEP_QUESTIONS: dict[Step, str] = {
    Step.complaint: N_("Who complains, when was the complaint received, and what is it about?"),
    Step.mandate: N_("Is the complaint within the mandate of the Ethics Office?"),
    Step.protected_activity: N_("What protected activity did the complainant engage in, and when?"),
    Step.detrimental_action: N_("What detrimental action was taken, threatened or recommended, and when?"),
    Step.timeliness: N_("Was the complaint filed within the time limit?"),
    Step.link: N_("What links the protected activity to the detrimental action?"),
    Step.evidence: N_("What evidence is in hand, and what is still missing?"),
    Step.finding: N_("Is there a prima facie case of retaliation?"),
    Step.conclusion: N_("What do you conclude and recommend?"),
}

ORDER: list[Step] = list(Step)


def effective_determination(answers: AssessmentAnswers, finding: SuggestedFinding) -> Determination | None:
    """The officer's determination when they chose one, else the suggested one."""
    return answers.decision.determination or finding.determination


def is_override(answers: AssessmentAnswers, finding: SuggestedFinding) -> bool:
    chosen = answers.decision.determination
    return chosen is not None and chosen != finding.determination


def next_step(step: Step, answers: AssessmentAnswers, facts: DerivedFacts) -> Step | None:
    """The step after ``step`` given the answers so far; None after the conclusion."""
    if step is Step.conclusion:
        return None
    mandate = answers.mandate
    preventive = mandate.request_kind is RequestKind.preventive and mandate.complainant_covered is not False
    if preventive and step in (Step.mandate, Step.protected_activity):
        # Protection before any retaliation: the protected activity, then the measures (no action to assess).
        return Step.protected_activity if step is Step.mandate else Step.conclusion
    if step is Step.mandate and (mandate.complainant_covered is False or mandate.alleges_retaliation is False):
        return Step.conclusion
    if step is Step.timeliness and facts.filed_in_time is False and answers.timeliness.accept_late_filing is False:
        return Step.conclusion
    return ORDER[ORDER.index(step) + 1]


def path(answers: AssessmentAnswers, facts: DerivedFacts) -> list[Step]:
    """Every step the officer goes through with these answers, in order."""
    steps: list[Step] = []
    step: Step | None = Step.complaint
    while step is not None:
        steps.append(step)
        step = next_step(step, answers, facts)
    return steps


def problems(
    step: Step, answers: AssessmentAnswers, facts: DerivedFacts, finding: SuggestedFinding, today: dt.date
) -> list[Explanation]:
    """What is missing or wrong in ``step`` (empty: the step is complete and the wizard may move on)."""
    match step:
        case Step.complaint:
            return _complaint(answers, today)
        case Step.mandate:
            found = []
            if answers.mandate.complainant_covered is None:
                found.append(explain(N_("Say whether the complainant is covered by the policy.")))
            if answers.mandate.alleges_retaliation is None:
                found.append(explain(N_("Say whether the complaint alleges retaliation for a protected activity.")))
            return found
        case Step.protected_activity:
            return _entries(answers, today, activities=True)
        case Step.detrimental_action:
            return _entries(answers, today, activities=False)
        case Step.timeliness:
            if facts.filed_in_time is False:
                if answers.timeliness.accept_late_filing is None:
                    return [
                        explain(
                            N_("The complaint was filed after the time limit: say whether the late filing is accepted.")
                        )
                    ]
                if answers.timeliness.accept_late_filing and not answers.timeliness.late_filing_reason:
                    return [explain(N_("Give the exceptional circumstances that justify accepting the late filing."))]
            return []
        case Step.link:
            if not answers.alleged_retaliators:
                return [explain(N_("Identify at least one alleged retaliator (a name or a role)."))]
            return [
                explain(N_("Give a name or a role for alleged retaliator {number}."), number=number)
                for number, person in enumerate(answers.alleged_retaliators, 1)
                if not person.name and not person.role
            ]
        case Step.evidence:
            return [
                explain(
                    N_(
                        "Witness details were obtained: record whether the complainant consents to the "
                        "witnesses being contacted."
                    )
                )
                for item in answers.evidence
                if item.kind is EvidenceKind.witness
                and item.status is EvidenceStatus.obtained
                and item.consent_to_contact is None
            ]
        case Step.finding:
            if effective_determination(answers, finding) is None:
                return [
                    explain(
                        N_(
                            "No determination can be suggested while evidence is outstanding: choose one "
                            "and give your reason."
                        )
                    )
                ]
            if is_override(answers, finding) and not answers.decision.override_reason:
                return [
                    explain(N_("Your determination differs from the suggested one: give the reason for the override."))
                ]
            return []
        case Step.conclusion:
            found = []
            if effective_determination(answers, finding) is None:
                found.append(explain(N_("Go back to the finding and choose a determination.")))
            if not answers.conclusion.conclusion:
                found.append(explain(N_("Write the conclusion.")))
            for number, measure in enumerate(answers.conclusion.measures, 1):
                if measure.kind is ProtectiveMeasure.other and not measure.details:
                    found.append(explain(N_("Describe interim protective measure {number}."), number=number))
            return found
    return []


def _complaint(answers: AssessmentAnswers, today: dt.date) -> list[Explanation]:
    found = []
    complaint = answers.complaint
    if complaint is None or not complaint.title:
        found.append(explain(N_("Give the complaint a short title.")))
    if complaint is None or complaint.received_on is None:
        found.append(explain(N_("Enter the date the complaint was received.")))
    elif complaint.received_on > today:
        found.append(explain(N_("The date of receipt cannot be in the future.")))
    return found


def _entries(answers: AssessmentAnswers, today: dt.date, *, activities: bool) -> list[Explanation]:
    items: list[ProtectedActivity | DetrimentalAction] = list(
        answers.protected_activities if activities else answers.detrimental_actions
    )
    if not items:
        if activities:
            return [explain(N_("Describe at least one protected activity."))]
        return [explain(N_("Describe at least one detrimental action."))]
    found = []
    for number, item in enumerate(items, 1):
        if not item.description:
            text = (
                N_("Describe protected activity {number}.")
                if activities
                else N_("Describe detrimental action {number}.")
            )
            found.append(explain(text, number=number))
        if item.date is not None and item.date > today:
            text = (
                N_("The date of protected activity {number} is in the future.")
                if activities
                else N_("The date of detrimental action {number} is in the future.")
            )
            found.append(explain(text, number=number))
    return found


def all_problems(
    answers: AssessmentAnswers, facts: DerivedFacts, finding: SuggestedFinding, today: dt.date
) -> list[tuple[Step, Explanation]]:
    """Problems of every step on the officer's path (empty: the assessment can be completed)."""
    return [(step, p) for step in path(answers, facts) for p in problems(step, answers, facts, finding, today)]


__all__ = [
    "ORDER",
    "STEP_LABELS",
    "STEP_QUESTIONS",
    "all_problems",
    "effective_determination",
    "is_override",
    "next_step",
    "path",
    "problems",
]
