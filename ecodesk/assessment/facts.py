"""Facts derived from the answers: intervals between protected activities and actions, the filing limit and the
assessment deadline. Pure functions of the answers, the office's limits and today's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from ecodesk.assessment.answers import AssessmentAnswers
from ecodesk.models import OfficeSettings
from ecodesk.models.cases import assessment_deadline

# An action within this many days of a protected activity counts as close in time (a contributing-factor
# indicator). Prima facie standards speak of "a short time"; six months is the usual outer bound.
CLOSE_IN_TIME_DAYS = 183


@dataclass(frozen=True)
class Limits:
    """The office's policy: how long after an action a complaint may be filed, and the assessment deadline."""

    filing_limit_months: int = 6
    assessment_days: int = 30

    @classmethod
    def from_settings(cls, settings: OfficeSettings) -> Limits:
        return cls(filing_limit_months=settings.filing_limit_months, assessment_days=settings.assessment_days)


class Interval(BaseModel):
    """Days from one protected activity to one detrimental action (negative: the action came first)."""

    activity_id: uuid.UUID
    action_id: uuid.UUID
    days: int


class FilingTime(BaseModel):
    """How long after one detrimental action the complaint was received, against the filing limit."""

    action_id: uuid.UUID
    action_date: dt.date
    limit_date: dt.date
    days_to_receipt: int
    in_time: bool


class DerivedFacts(BaseModel):
    received_on: dt.date | None
    due_on: dt.date | None
    days_left: int | None  # negative when overdue
    filing_limit_months: int
    assessment_days: int
    intervals: list[Interval]
    closest_interval_days: int | None  # the shortest non-negative interval
    causal_order: Literal["possible", "impossible", "unknown"]
    filing: list[FilingTime]
    filed_in_time: bool | None  # None: not known (dates missing)
    undated_activities: int
    undated_actions: int

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def close_in_time(self) -> bool | None:
        if self.closest_interval_days is None:
            return None
        return self.closest_interval_days <= CLOSE_IN_TIME_DAYS

    @property
    def days_since_latest_action(self) -> int | None:
        return min((f.days_to_receipt for f in self.filing), default=None)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (31 August + 6 months = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def derive_facts(
    answers: AssessmentAnswers, limits: Limits, today: dt.date, *, due_on: dt.date | None = None
) -> DerivedFacts:
    """Every derived fact; ``due_on`` is the case's stored deadline when it has one (else receipt + the limit)."""
    received = answers.complaint.received_on if answers.complaint else None
    if due_on is None and received is not None:
        due_on = assessment_deadline(received, limits.assessment_days)
    activities = [a for a in answers.protected_activities if a.date is not None]
    actions = [a for a in answers.detrimental_actions if a.date is not None]
    intervals = [
        Interval(activity_id=pa.id, action_id=da.id, days=(da.date - pa.date).days)  # type: ignore[operator]
        for pa in activities
        for da in actions
    ]
    following = [i.days for i in intervals if i.days >= 0]
    undated_activities = len(answers.protected_activities) - len(activities)
    undated_actions = len(answers.detrimental_actions) - len(actions)
    if following:
        causal_order: Literal["possible", "impossible", "unknown"] = "possible"
    elif intervals and not undated_activities and not undated_actions:
        causal_order = "impossible"
    else:
        causal_order = "unknown"
    filing: list[FilingTime] = []
    if received is not None:
        for da in actions:
            assert da.date is not None
            limit = add_months(da.date, limits.filing_limit_months)
            filing.append(
                FilingTime(
                    action_id=da.id,
                    action_date=da.date,
                    limit_date=limit,
                    days_to_receipt=(received - da.date).days,
                    in_time=received <= limit,
                )
            )
    if any(f.in_time for f in filing):
        filed_in_time: bool | None = True
    elif filing and not undated_actions:
        filed_in_time = False
    else:
        filed_in_time = None
    return DerivedFacts(
        received_on=received,
        due_on=due_on,
        days_left=(due_on - today).days if due_on is not None else None,
        filing_limit_months=limits.filing_limit_months,
        assessment_days=limits.assessment_days,
        intervals=intervals,
        closest_interval_days=min(following, default=None),
        causal_order=causal_order,
        filing=filing,
        filed_in_time=filed_in_time,
        undated_activities=undated_activities,
        undated_actions=undated_actions,
    )
