"""Protective measures recommended to the Administration, followed until implemented or declined.

Reassignment and special leave affect the complainant directly: they are recommended only with the
complainant's consent. A measure may be recommended before the assessment is complete (interim).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ecodesk.casework.base import change_case, day
from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_
from ecodesk.models import ProtectiveMeasure, RetaliationCase
from ecodesk.models.workflow import MeasureFollowUp, MeasureResponse
from ecodesk.storage.vault import Vault

NO_SUCH_MEASURE = N_("{reference} has no protective measure {measure}.")


def recommend_measure(
    vault: Vault, key: str, *, kind: ProtectiveMeasure, recommended_to: str, details: str = "",
    consent: bool | None = None, follow_up_on: dt.date | None = None, on: dt.date | None = None,
) -> tuple[RetaliationCase, MeasureFollowUp]:  # fmt: skip
    """Record a measure recommended to ``recommended_to`` (the Administration's official); returns it."""
    when = day(on)
    measure = MeasureFollowUp(
        kind=kind, details=details, complainant_consents=consent, recommended_to=recommended_to,
        recommended_on=when, follow_up_on=follow_up_on or when + dt.timedelta(days=14),
    )  # fmt: skip

    def change(case: RetaliationCase) -> dict[str, Any]:
        interim = case.assessment.completed_on is None
        return {"measures": [*case.measures, measure.model_copy(update={"interim": interim})]}

    case = change_case(vault, key, "measure_recommended", change, measure=kind.value)
    return case, next(m for m in case.measures if m.id == measure.id)


def record_response(
    vault: Vault, key: str, measure: str, *, response: MeasureResponse, on: dt.date | None = None,
    follow_up_on: dt.date | None = None, notes: str = "",
) -> RetaliationCase:  # fmt: skip
    """The Administration's response to measure ``measure`` (id prefix or kind) on the date ``on``."""
    when = day(on)
    dates = {
        MeasureResponse.accepted: "accepted_on",
        MeasureResponse.implemented: "implemented_on",
        MeasureResponse.declined: "declined_on",
    }

    def change(case: RetaliationCase) -> dict[str, Any]:
        wanted = measure.strip().lower()
        found = next(
            (m for m in case.measures if wanted and (str(m.id).startswith(wanted) or m.kind == wanted)), None
        )
        if found is None:
            raise InvalidInput(NO_SUCH_MEASURE, reference=case.reference, measure=measure[:40])
        update: dict[str, object] = {"response": response, "follow_up_on": follow_up_on}
        if response in dates:
            update[dates[response]] = when
        if notes:
            update["notes"] = notes
        return {"measures": [m.model_copy(update=update) if m.id == found.id else m for m in case.measures]}

    return change_case(vault, key, "measure_response", change, response=response.value)

