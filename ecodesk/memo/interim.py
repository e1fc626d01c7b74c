"""The urgent interim-measures memo: one page, sent before the preliminary assessment is complete when the
complainant (or a person at risk after reporting) needs protection now.

It names the protected activity and the action taken, threatened or recommended (no analysis: the assessment
is still under way), lists the measures recommended with the complainant's consent where it is needed, and asks
the Administration to confirm the action taken by the follow-up date.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph

from ecodesk.i18n import N_
from ecodesk.memo.casework_text import action_detail
from ecodesk.memo.content import (
    MemoContext,
    body,
    letterhead,
    memo_date,
    routing,
    section,
    signature_block,
    text,
)
from ecodesk.models import DETRIMENTAL_ACTION_LABELS, PROTECTED_ACTIVITY_LABELS, PROTECTIVE_MEASURE_LABELS
from ecodesk.models.cases import ProtectiveMeasure
from ecodesk.models.workflow import MeasureFollowUp, RequestKind


def interim_measures(ctx: MemoContext) -> list[MeasureFollowUp]:
    """The measures this memo recommends: those still awaiting the Administration, else the assessment's."""
    pending = [m for m in ctx.case.measures if m.is_pending()]
    if pending:
        return pending
    return [MeasureFollowUp(kind=m.kind, details=m.details) for m in ctx.case.assessment.measure_details]


def _situation(ctx: MemoContext) -> list[str]:
    t, case = ctx.t, ctx.case
    out = [t.gettext(
        "This office received on {date} a request for protection against retaliation, whose preliminary "
        "assessment is under way. The situation described calls for protection without waiting for its outcome.",
        date=text(memo_date(ctx, case.received_on)))]  # fmt: skip
    if case.request_kind is RequestKind.preventive:
        out = [t.gettext(
            "This office received on {date} a request for protection from a person at risk of retaliation after a "
            "protected activity. The situation described calls for protection now.",
            date=text(memo_date(ctx, case.received_on)))]  # fmt: skip
    for activity in case.protected_activities[:2]:
        label = t.gettext(PROTECTED_ACTIVITY_LABELS[activity.kind])
        out.append(f"<b>{escape(label)}</b>" + (f" ({text(memo_date(ctx, activity.date))})" if activity.date else ""))
    for action in case.detrimental_actions[:2]:
        line = f"<b>{escape(t.gettext(DETRIMENTAL_ACTION_LABELS[action.kind]))}</b>"
        if action.date:
            line += f" ({text(memo_date(ctx, action.date))})"
        if action.decision_maker:
            line += ". " + action_detail(t, action.action_status, text(action.decision_maker))
        out.append(line)
    return out


def _measures(ctx: MemoContext) -> list[Flowable]:
    t, s = ctx.t, ctx.styles
    measures = interim_measures(ctx)
    if not measures:
        return body(ctx, [t.gettext("No interim protective measure has been recorded yet.")])
    out = body(ctx, [t.gettext("I recommend that the following measures be taken without delay:")])
    for m in measures:
        label = f"<b>{escape(t.gettext(PROTECTIVE_MEASURE_LABELS[ProtectiveMeasure(m.kind)]))}</b>"
        line = f"{label}. {text(m.details)}" if m.details else label
        if m.complainant_consents:
            # "la plaignante / le plaignant", "la denunciante / el denunciante": the complainant's form of address
            line += " " + escape(ctx.say(N_("{Complainant} consents to this measure.")))
        out.append(Paragraph(line, s.item, bulletText="•"))
    follow = [m.follow_up_on for m in measures if m.follow_up_on]
    if follow:
        out += body(ctx, [t.gettext(
            "Please inform this office of the action taken by {date}.", date=text(memo_date(ctx, min(follow))))])
    out += body(ctx, [t.gettext(
        "These measures are without prejudice to the outcome of the preliminary assessment. This memorandum is "
        "strictly confidential.")])
    return out  # fmt: skip


def build_interim_story(ctx: MemoContext) -> list[Flowable]:
    t = ctx.t
    story: list[Flowable] = []
    story += letterhead(ctx)
    story += routing(ctx, subject=escape(t.gettext("Urgent: interim protective measures")))
    story += section(ctx, 1, t.gettext("Situation"), body(ctx, _situation(ctx)))
    story += section(ctx, 2, t.gettext("Interim measures recommended"), _measures(ctx))
    story.append(signature_block(ctx))
    return story
