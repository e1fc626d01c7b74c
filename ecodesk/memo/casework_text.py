"""Memo sentences for the case's workflow facts: who decided, threatened or recommended an action (a threat is
not "a decision taken by"), the kind of request, and the assessment clock's pauses for information requested."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ecodesk.i18n import Translator
from ecodesk.models import RetaliationCase
from ecodesk.models.workflow import ActionStatus, RequestKind


def action_detail(t: Translator, status: ActionStatus, who: str) -> str:
    """The sentence naming the person behind an action, worded for how the action stands."""
    if status is ActionStatus.threatened:
        return t.gettext("Threatened by: {person}.", person=who)
    if status is ActionStatus.recommended:
        return t.gettext("Recommended by: {person}.", person=who)
    return t.gettext("Decision taken by: {decision_maker}.", decision_maker=who)


def preventive_recommendation(t: Translator) -> str:
    return t.gettext(
        "No retaliation has been taken yet; I recommend that the protective measures below be put in place without "
        "delay to prevent it.")  # fmt: skip


def clock_sentences(t: Translator, case: RetaliationCase, date: Callable[[dt.date], str]) -> list[str]:
    """The request's kind when preventive, and each information request with its dates (the clock's pauses)."""
    out: list[str] = []
    if case.request_kind is RequestKind.preventive:
        out.append(t.gettext(
            "The request seeks protection before any retaliation: the requester is at risk after a protected "
            "activity."))  # fmt: skip
    if case.good_faith.indication_of_bad_faith is False:
        out.append(t.gettext(
            "Good faith is presumed, and nothing indicates that the report was knowingly false."))  # fmt: skip
    for request in case.information_requests:
        if request.received_on is not None:
            out.append(t.gettext(
                "Information was requested on {requested}, and received on {received}; the time limit for this "
                "assessment runs from its receipt.",
                requested=date(request.requested_on), received=date(request.received_on)))  # fmt: skip
        else:
            out.append(t.gettext(
                "Information was requested on {requested} and is awaited; the time limit for this assessment is "
                "suspended until it is received.", requested=date(request.requested_on)))  # fmt: skip
    return out
