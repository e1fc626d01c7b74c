"""Recording information requests: a pending request pauses the assessment clock, its receipt restarts it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ecodesk.casework.base import change_case, day
from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_
from ecodesk.models import RetaliationCase
from ecodesk.models.clock import assessment_deadline, clock_state, paused_since
from ecodesk.models.workflow import InformationRequest
from ecodesk.storage.vault import Vault

NO_PENDING_REQUEST = N_("{reference} has no pending information request.")
RECEIVED_BEFORE_REQUEST = N_("Information cannot be received before it was requested.")


def request_information(
    vault: Vault, key: str, *, what: str = "", requested_from: str = "", on: dt.date | None = None
) -> RetaliationCase:
    """Record that information was requested: the clock is paused until it is received."""
    request = InformationRequest(requested_on=day(on), what=what, requested_from=requested_from)

    def change(case: RetaliationCase) -> dict[str, Any]:
        return {"information_requests": [*case.information_requests, request]}

    return change_case(vault, key, "information_requested", change, on=request.requested_on.isoformat())


def information_received(
    vault: Vault, key: str, *, on: dt.date | None = None, request_id: str | None = None
) -> RetaliationCase:
    """Record that the information requested (one request by id prefix, else every pending one) arrived."""
    received = day(on)

    def change(case: RetaliationCase) -> dict[str, Any]:
        pending = [r for r in case.information_requests if r.received_on is None]
        if request_id:
            pending = [r for r in pending if str(r.id).startswith(request_id.strip().lower())]
        if not pending:
            raise InvalidInput(NO_PENDING_REQUEST, reference=case.reference)
        if any(received < r.requested_on for r in pending):
            raise InvalidInput(RECEIVED_BEFORE_REQUEST)
        ids = {r.id for r in pending}
        requests = [
            r.model_copy(update={"received_on": received}) if r.id in ids else r for r in case.information_requests
        ]
        return {"information_requests": requests}

    return change_case(vault, key, "information_received", change, on=received.isoformat())


def clock_data(case: RetaliationCase, today: dt.date) -> dict[str, object]:
    """The clock as the CLI's JSON and the reports show it."""
    deadline = assessment_deadline(case)
    since = paused_since(case)
    return {
        "state": clock_state(case),
        "received_on": case.received_on.isoformat(),
        "due_on": deadline.isoformat() if deadline else None,
        "days_left": case.days_left(today),
        "paused_since": since.isoformat() if since else None,
        "completed_on": case.assessment.completed_on.isoformat() if case.assessment.completed_on else None,
        "requests": [r.model_dump(mode="json") for r in case.information_requests],
    }
