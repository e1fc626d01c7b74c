"""The rules a case's follow-up must keep, whoever changes it: the workflow's services (CLI) and the case
editor's Follow-up tab both check a case with ``follow_up_problems`` before saving it.

- reassignment and special leave are recommended only with the complainant's consent;
- HQ's review that changes the regional assessment gives its reasons;
- retaliation cannot be established when the Organization showed by clear and convincing evidence that it would
  have taken the same action (once a prima facie case is shown, the burden is on the Organization).
"""

from __future__ import annotations

from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_
from ecodesk.models import ProtectiveMeasure, RetaliationCase
from ecodesk.models.workflow import FinalOutcome, ReviewOutcome

NEEDS_CONSENT = (ProtectiveMeasure.temporary_reassignment, ProtectiveMeasure.special_leave)
CONSENT_REQUIRED = N_("Reassignment and special leave are recommended only with the complainant's consent.")
REASONS_REQUIRED = N_("Give the reasons when HQ changes the regional assessment.")
CONTRADICTION = N_(
    "Retaliation cannot be established when the Organization showed by clear and convincing evidence that it "
    "would have taken the same action."
)


def follow_up_problems(case: RetaliationCase, before: RetaliationCase | None = None) -> dict[str, str]:
    """What breaks the rules in ``case``: {field path: message (untranslated, ``N_``)}, empty when none.

    With ``before`` (the stored case), only what the change brings: a case saved before a rule existed is not
    held up by it until that part is changed.
    """
    found = _problems(case)
    earlier = {what for what, _message in _problems(before).values()} if before is not None else set()
    return {path: message for path, (what, message) in found.items() if what not in earlier}


def check_follow_up(case: RetaliationCase, before: RetaliationCase | None = None) -> None:
    """InvalidInput with the first rule ``case`` breaks (see ``follow_up_problems``)."""
    for message in follow_up_problems(case, before).values():
        raise InvalidInput(message)


def _problems(case: RetaliationCase) -> dict[str, tuple[str, str]]:
    """{field path: (what breaks the rule, identified so that a list's order does not matter; message)}."""
    found: dict[str, tuple[str, str]] = {}
    for index, measure in enumerate(case.measures):
        if measure.kind in NEEDS_CONSENT and measure.complainant_consents is not True:
            found[f"measures.{index}.complainant_consents"] = (f"consent:{measure.id}", CONSENT_REQUIRED)
    decision = case.hq_decision
    if decision.review_outcome is ReviewOutcome.changed and not decision.review_reasons.strip():
        found["hq_decision.review_reasons"] = ("review_reasons", REASONS_REQUIRED)
    if decision.final_outcome is FinalOutcome.retaliation_established and decision.clear_and_convincing:
        found["hq_decision.clear_and_convincing"] = ("contradiction", CONTRADICTION)
    return found


__all__ = ["CONSENT_REQUIRED", "CONTRADICTION", "REASONS_REQUIRED", "check_follow_up", "follow_up_problems"]
