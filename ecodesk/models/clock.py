"""The assessment clock: the preliminary assessment is due a set number of days (30 by default) after receipt
of the complaint or, when the officer has requested information, after receipt of all information requested.

- While a request is pending, the clock is paused: there is no due date and the case is never overdue.
- When the information arrives, the full period runs again from that day (never ending before the deadline
  counted from the complaint's receipt).
- When the assessment is completed, the clock stops: nothing is "overdue" any more.

The stored ``assessment_due_on`` is the deadline counted from receipt; its distance from ``received_on`` is
the period (so a due date the officer set by hand keeps its period). Lists, Home, reports and the CLI all read
the deadline this module computes (the record store writes it to the list columns).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ecodesk.models.cases import RetaliationCase

ClockState = Literal["running", "paused", "stopped", "none"]


def paused_since(case: RetaliationCase) -> dt.date | None:
    """The date of the oldest information request still pending, if any."""
    pending = [r.requested_on for r in case.information_requests if r.received_on is None]
    return min(pending, default=None)


def assessment_deadline(case: RetaliationCase) -> dt.date | None:
    """The due date of the assessment under the clock rule; None while paused or without a due date."""
    base = case.assessment_due_on
    if base is None or paused_since(case) is not None:
        return None
    received = [r.received_on for r in case.information_requests if r.received_on is not None]
    if not received:
        return base
    period = base - case.received_on
    return max(base, max(received) + period)


def clock_state(case: RetaliationCase) -> ClockState:
    if case.assessment.completed_on is not None:
        return "stopped"
    if paused_since(case) is not None:
        return "paused"
    return "running" if case.assessment_due_on is not None else "none"


def days_left(case: RetaliationCase, today: dt.date) -> int | None:
    """Days until the assessment is due (negative when overdue); None unless the clock is running."""
    if clock_state(case) != "running" or not case.is_open():
        return None
    deadline = assessment_deadline(case)
    return None if deadline is None else (deadline - today).days


__all__ = ["ClockState", "assessment_deadline", "clock_state", "days_left", "paused_since"]
