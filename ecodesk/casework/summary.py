"""The case's clock, measures and life after the assessment as data (CLI JSON, packages' readers) and as
translated lines (``case show``, ``case workflow``, memos)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ecodesk.casework.clock import clock_data
from ecodesk.i18n import translator
from ecodesk.models import CASE_STATUS_LABELS, DETERMINATION_LABELS, PROTECTIVE_MEASURE_LABELS, RetaliationCase
from ecodesk.models.cases import Determination, ProtectiveMeasure
from ecodesk.models.clock import assessment_deadline, clock_state, paused_since
from ecodesk.models.workflow import (
    FINAL_OUTCOME_LABELS,
    MEASURE_RESPONSE_LABELS,
    REQUEST_KIND_LABELS,
    REVIEW_OUTCOME_LABELS,
)


def workflow_data(case: RetaliationCase, today: dt.date) -> dict[str, Any]:
    """What ``ecodesk case workflow --json`` (and every workflow command with --json) prints."""
    return {
        "reference": case.reference,
        "revision": case.revision,
        "status": case.status.value,
        "request_kind": case.request_kind.value,
        "good_faith": case.good_faith.model_dump(mode="json"),
        "clock": clock_data(case, today),
        "measures": [m.model_dump(mode="json") for m in case.measures],
        "submission": case.submission.model_dump(mode="json"),
        "hq_decision": case.hq_decision.model_dump(mode="json"),
        "closure": case.closure.model_dump(mode="json"),
    }


def _date(value: dt.date | None, lang: str | None) -> str:
    return translator(lang).format_date(value) if value else ""


def clock_lines(case: RetaliationCase, today: dt.date, lang: str | None = None) -> list[tuple[str, str]]:
    """(label, value) lines for the assessment clock and each information request."""
    t = translator(lang)
    lines: list[tuple[str, str]] = []
    state = clock_state(case)
    deadline = assessment_deadline(case)
    if state == "stopped":
        assert case.assessment.completed_on is not None
        lines.append((t.gettext("Assessment clock"), t.gettext(
            "stopped: assessment completed on {date}", date=_date(case.assessment.completed_on, lang))))
    elif state == "paused":
        lines.append((t.gettext("Assessment clock"), t.gettext(
            "paused since {date}: information requested", date=_date(paused_since(case), lang))))
    elif deadline is not None:
        left = case.days_left(today)
        value = _date(deadline, lang)
        if left is not None:
            value += " (" + (
                t.ngettext("{n} day left", "{n} days left", left) if left >= 0
                else t.ngettext("overdue by {n} day", "overdue by {n} days", -left)
            ) + ")"
        lines.append((t.gettext("Assessment due"), value))
    for request in case.information_requests:
        text = t.gettext("requested on {date}", date=_date(request.requested_on, lang))
        if request.what:
            text = f"{request.what}: {text}"
        if request.received_on:
            text += "; " + t.gettext("received on {date}", date=_date(request.received_on, lang))
        lines.append((t.gettext("Information request"), text))
    return lines  # fmt: skip


def workflow_lines(case: RetaliationCase, today: dt.date, lang: str | None = None) -> list[tuple[str, str]]:
    """(label, value) lines for everything recorded around and after the assessment (empty parts left out)."""
    t = translator(lang)
    lines = [
        (t.gettext("Status"), t.gettext(CASE_STATUS_LABELS[case.status])),
        (t.gettext("Kind of request"), t.gettext(REQUEST_KIND_LABELS[case.request_kind])),
    ]
    lines += clock_lines(case, today, lang)
    if case.good_faith.indication_of_bad_faith is not None:
        answer = t.gettext("yes") if case.good_faith.indication_of_bad_faith else t.gettext("no")
        lines.append((t.gettext("Indication that the report was knowingly false"), answer))
    for m in case.measures:
        label = t.gettext(PROTECTIVE_MEASURE_LABELS[ProtectiveMeasure(m.kind)])
        text = t.gettext("recommended to {name} on {date}", name=m.recommended_to or "-",
                         date=_date(m.recommended_on, lang))
        text += "; " + t.gettext(MEASURE_RESPONSE_LABELS[m.response])
        when = m.implemented_on or m.declined_on or m.accepted_on
        if when:
            text += " " + _date(when, lang)
        if m.is_pending() and m.follow_up_on:
            text += "; " + t.gettext("follow up on {date}", date=_date(m.follow_up_on, lang))
        lines.append((label, text))
    s, d, c = case.submission, case.hq_decision, case.closure
    if s.submitted_on:
        lines.append((t.gettext("Submitted to HQ"), _date(s.submitted_on, lang)))
    if d.review_outcome:
        text = t.gettext(REVIEW_OUTCOME_LABELS[d.review_outcome]) + f" ({d.reviewed_by}, {_date(d.reviewed_on, lang)})"
        lines.append((t.gettext("HQ review"), text + (f": {d.review_reasons}" if d.review_reasons else "")))
    if d.determination:
        lines.append((t.gettext("Determination of the Chief of the Ethics Office"),
                      t.gettext(DETERMINATION_LABELS[Determination(d.determination)])
                      + f" ({d.determined_by}, {_date(d.determined_on, lang)})"))
    if d.referred_on:
        text = _date(d.referred_on, lang)
        if d.oversight_reference:
            text += f", {d.oversight_reference}"
        if d.expected_completion:
            text += "; " + t.gettext("expected completion {date}", date=_date(d.expected_completion, lang))
        lines.append((t.gettext("Referred to the oversight office"), text))
    if d.investigation_received_on:
        lines.append((t.gettext("Investigation report received"), _date(d.investigation_received_on, lang)))
    if d.final_outcome:
        lines.append((t.gettext("Final determination"),
                      t.gettext(FINAL_OUTCOME_LABELS[d.final_outcome]) + f" ({_date(d.final_determined_on, lang)})"))
        if d.clear_and_convincing is not None:
            answer = t.gettext("yes") if d.clear_and_convincing else t.gettext("no")
            lines.append((t.gettext(
                "Clear and convincing evidence that the same action would have been taken"), answer))
    if d.corrective_recommended_on:
        lines.append((t.gettext("Corrective measures recommended to the Administration"),
                      f"{_date(d.corrective_recommended_on, lang)}: {d.corrective_measures}"))
    if d.disciplinary_referral_on:
        lines.append((t.gettext("Referral for disciplinary action"),
                      f"{d.disciplinary_referral_to} ({_date(d.disciplinary_referral_on, lang)})"))
    if c.closed_on:
        lines.append((t.gettext("Closed on"), _date(c.closed_on, lang)))
    if c.letter_sent_on:
        lines.append((t.gettext("Letter to the complainant sent on"), _date(c.letter_sent_on, lang)))
    return lines  # fmt: skip
