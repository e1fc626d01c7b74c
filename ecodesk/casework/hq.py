"""The case after the regional assessment: submitted to HQ, HQ's review and the Chief's determination, referral
to the oversight office, the investigation report, the final determination, corrective measures, disciplinary
referral and closure.

HQ's decisions are recorded in an HQ vault only (``require_hq``) and reach the regional office in packages; an
import refuses HQ decision fields from any sender who is not an HQ contact (``hq_decision_changed``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from ecodesk.assessment.service import submitted_status
from ecodesk.casework.base import change_case, day, require_hq
from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_
from ecodesk.models import CaseStatus, Determination, RetaliationCase
from ecodesk.models.workflow import FinalOutcome, HQSubmission, ReviewOutcome
from ecodesk.records.hq_fields import REFUSED_HQ_DECISION, hq_decision_changed, is_hq
from ecodesk.storage.vault import Vault

NOT_COMPLETED = N_("The preliminary assessment of {reference} is not completed yet.")
NOT_PRIMA_FACIE = N_("Only a case determined to be a prima facie case of retaliation is referred for investigation.")
NOT_REFERRED = N_("{reference} has not been referred to the oversight office.")
NO_REPORT = N_("The investigation report of {reference} has not been received.")
NOT_ESTABLISHED = N_("Corrective measures and disciplinary referral follow a final determination of retaliation.")


def _decision(case: RetaliationCase, **fields: object) -> dict[str, Any]:
    return {"hq_decision": case.hq_decision.model_copy(update=fields)}


def submit_to_hq(
    vault: Vault, key: str, *, to: list[str], out: Path, on: dt.date | None = None
) -> tuple[RetaliationCase, str]:
    """Record the submission and send the case to HQ in a package; returns the case and the package id."""
    from ecodesk.packages.export import export_package

    submitted = day(on)
    package_id = uuid.uuid4()  # recorded in the case that the package carries

    def change(case: RetaliationCase) -> dict[str, Any]:
        if case.assessment.completed_on is None:
            raise InvalidInput(NOT_COMPLETED, reference=case.reference)
        status = case.status if case.status is not CaseStatus.in_assessment else CaseStatus.awaiting_hq
        submission = HQSubmission(submitted_on=submitted, package_id=str(package_id))
        return {"submission": submission, "status": status}

    with vault.db.transaction():  # the submission is recorded only if the package is written
        case = change_case(vault, key, "submitted_to_hq", change, on=submitted.isoformat())
        assert case.reference is not None
        export_package(vault, to=to, out=out, cases=[case.reference], package_id=package_id)
    return case, str(package_id)


def review(
    vault: Vault, key: str, *, outcome: ReviewOutcome, by: str, reasons: str = "", on: dt.date | None = None
) -> RetaliationCase:
    """HQ's review of the regional assessment: endorsed, or changed (with reasons)."""
    require_hq(vault)
    when = day(on)
    return change_case(
        vault, key, "hq_review",
        lambda c: _decision(c, reviewed_by=by, reviewed_on=when, review_outcome=outcome, review_reasons=reasons),
        outcome=outcome.value,
    )  # fmt: skip


def decide(
    vault: Vault, key: str, *, determination: Determination, by: str, on: dt.date | None = None
) -> RetaliationCase:
    """The Chief of the Ethics Office's determination on the preliminary review."""
    require_hq(vault)
    when = day(on)

    def change(case: RetaliationCase) -> dict[str, Any]:
        if case.assessment.completed_on is None:
            raise InvalidInput(NOT_COMPLETED, reference=case.reference)
        return {
            **_decision(case, determination=determination.value, determined_by=by, determined_on=when),
            "status": CaseStatus.hq_determined,
        }

    return change_case(vault, key, "chief_determination", change, determination=determination.value)


def refer(
    vault: Vault, key: str, *, oversight_reference: str = "", expected: dt.date | None = None,
    on: dt.date | None = None,
) -> RetaliationCase:  # fmt: skip
    """Referral of a prima facie case to the oversight office for investigation."""
    require_hq(vault)
    when = day(on)

    def change(case: RetaliationCase) -> dict[str, Any]:
        if case.hq_decision.determination != Determination.prima_facie_case.value:
            raise InvalidInput(NOT_PRIMA_FACIE)
        fields = {"referred_on": when, "oversight_reference": oversight_reference, "expected_completion": expected}
        return {**_decision(case, **fields), "status": CaseStatus.referred}

    return change_case(vault, key, "referred_for_investigation", change, on=when.isoformat())


def investigation_received(
    vault: Vault, key: str, *, summary: str = "", on: dt.date | None = None
) -> RetaliationCase:
    require_hq(vault)
    when = day(on)

    def change(case: RetaliationCase) -> dict[str, Any]:
        if case.hq_decision.referred_on is None:
            raise InvalidInput(NOT_REFERRED, reference=case.reference)
        fields = {"investigation_received_on": when, "investigation_summary": summary}
        return {**_decision(case, **fields), "status": CaseStatus.investigation_received}

    return change_case(vault, key, "investigation_received", change, on=when.isoformat())


def final_determination(
    vault: Vault, key: str, *, outcome: FinalOutcome, organization_evidence: str = "",
    clear_and_convincing: bool | None = None, on: dt.date | None = None,
) -> RetaliationCase:  # fmt: skip
    """The final determination after the investigation.

    Once a prima facie case is shown, the burden is on the Organization: retaliation is not established only when
    it shows by clear and convincing evidence that it would have taken the same action absent the protected
    activity. So "established" with ``clear_and_convincing`` True is refused as a contradiction.
    """
    require_hq(vault)
    when = day(on)

    def change(case: RetaliationCase) -> dict[str, Any]:
        if case.hq_decision.investigation_received_on is None:
            raise InvalidInput(NO_REPORT, reference=case.reference)
        fields = {
            "final_outcome": outcome,
            "final_determined_on": when,
            "organization_evidence": organization_evidence,
            "clear_and_convincing": clear_and_convincing,
        }
        return {**_decision(case, **fields), "status": CaseStatus.finally_determined}

    return change_case(vault, key, "final_determination", change, outcome=outcome.value)


def recommend_corrective(
    vault: Vault, key: str, *, measures: str, disciplinary_to: str = "", on: dt.date | None = None
) -> RetaliationCase:
    """Corrective measures recommended to the Administration and, optionally, the retaliator's referral for
    disciplinary action; the case then waits on the Administration."""
    require_hq(vault)
    when = day(on)

    def change(case: RetaliationCase) -> dict[str, Any]:
        if case.hq_decision.final_outcome is not FinalOutcome.retaliation_established:
            raise InvalidInput(NOT_ESTABLISHED)
        fields: dict[str, object] = {"corrective_measures": measures, "corrective_recommended_on": when}
        if disciplinary_to:
            fields |= {"disciplinary_referral_to": disciplinary_to, "disciplinary_referral_on": when}
        return {**_decision(case, **fields), "status": CaseStatus.awaiting_administration}

    return change_case(vault, key, "corrective_measures", change, on=when.isoformat())


def close(
    vault: Vault, key: str, *, letter_sent_on: dt.date | None = None, notes: str = "", on: dt.date | None = None
) -> RetaliationCase:
    """Close the case, with the date the letter informing the complainant was sent."""
    when = day(on)

    def change(case: RetaliationCase) -> dict[str, Any]:
        closure = case.closure.model_copy(update={"closed_on": when, "letter_sent_on": letter_sent_on, "notes": notes})
        return {"closure": closure, "status": CaseStatus.closed}

    return change_case(vault, key, "case_closed", change, on=when.isoformat())


__all__ = [
    "REFUSED_HQ_DECISION",
    "close",
    "decide",
    "final_determination",
    "hq_decision_changed",
    "investigation_received",
    "is_hq",
    "recommend_corrective",
    "refer",
    "review",
    "submit_to_hq",
    "submitted_status",
]
