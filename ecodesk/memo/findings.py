"""The memo's analysis, conclusion and recommendations, in the memo's language.

The reasoning the rules derived is stored as message ids with arguments (``ElementFinding.reasons``) and is
rendered here in the memo's language; what the officer typed is printed as typed and marked as the officer's
own words. A point not assessed yet is shown as such ("[timeliness not yet assessed]"), never as a finding.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph

from ecodesk.assessment.explanations import render_reason
from ecodesk.i18n import N_
from ecodesk.memo.casework_text import preventive_recommendation
from ecodesk.memo.content import MemoContext, body, memo_date, paragraphs, text
from ecodesk.models import (
    PROTECTIVE_MEASURE_LABELS,
    Determination,
    ElementFinding,
    PrimaFacieAssessment,
    ProtectiveMeasure,
    RetaliationCase,
)

# Points of the assessment in the order the memo states them; each one can be "not yet assessed".
UNASSESSED_TEXT: dict[str, str] = {
    "mandate": N_("[mandate not yet assessed]"),
    "timeliness": N_("[timeliness not yet assessed]"),
    "protected_activity": N_("[protected activity not yet assessed]"),
    "detrimental_action": N_("[detrimental action not yet assessed]"),
    "contributing_factor": N_("[contributing factor not yet assessed]"),
    "determination": N_("[determination not yet made]"),
}
POINT_LABELS: dict[str, str] = {
    "mandate": N_("Mandate"),
    "timeliness": N_("Time limits"),
    "protected_activity": N_("Protected activity"),
    "detrimental_action": N_("Detrimental action"),
    "contributing_factor": N_("Contributing factor"),
    "determination": N_("Determination"),
}


def _element_assessed(finding: ElementFinding) -> bool:
    return finding.established is not None or bool(finding.reasons) or bool(finding.reasoning)


def unassessed_points(case: RetaliationCase) -> list[str]:
    """The points a memo of ``case`` would show as not yet assessed (codes of ``POINT_LABELS``, in order)."""
    a = case.assessment
    points = []
    if a.within_mandate is None:
        points.append("mandate")
    if a.filed_in_time is None and a.determination is not Determination.out_of_mandate:
        points.append("timeliness")
    if a.determination is Determination.preventive_protection:  # no retaliation yet: only the activity counts
        elements: tuple[str, ...] = ("protected_activity",)
    elif a.determination in (Determination.out_of_mandate, Determination.out_of_time):
        elements = ()
    else:
        elements = ("protected_activity", "detrimental_action", "contributing_factor")
    points += [name for name in elements if not _element_assessed(getattr(a, name))]
    if a.determination is None:
        points.append("determination")
    return points


def not_assessed(ctx: MemoContext, point: str) -> str:
    return f"<i>{escape(ctx.t.gettext(UNASSESSED_TEXT[point]))}</i>"


def officer_words(ctx: MemoContext, value: str, *, always: bool = False) -> list[str]:
    """Free text the officer typed, printed as typed: marked as the officer's own words (with the language it
    was written in when that is not the memo's), so a reader knows it was not translated."""
    blocks = paragraphs(value)
    if not blocks:
        return []
    case_language = ctx.case.language.value
    if case_language != ctx.t.lang:
        from babel import Locale

        name = Locale.parse(case_language).get_display_name(ctx.t.lang) or case_language
        lead = ctx.t.gettext("In the officer’s own words (in {language}):", language=name)
    elif always:
        lead = ctx.t.gettext("In the officer’s own words:")
    else:
        return blocks
    return [f"<i>{escape(lead)}</i> {blocks[0]}", *blocks[1:]]


def _finding(ctx: MemoContext, number: str, name: str, title: str, finding: ElementFinding) -> list[Flowable]:
    t, s = ctx.t, ctx.styles
    out: list[Flowable] = [Paragraph(f"{number}&nbsp;&nbsp;{escape(title)}", s.subheading)]
    if not _element_assessed(finding):
        return [*out, Paragraph(not_assessed(ctx, name), s.body)]
    derived = " ".join(
        escape(render_reason(reason, t.lang, ctx.forms, lambda day: memo_date(ctx, day))) for reason in finding.reasons
    )
    out += [Paragraph(p, s.body) for p in [derived, *officer_words(ctx, finding.reasoning, always=True)] if p]
    verdict = {
        True: t.gettext("Finding: the element is established."),
        False: t.gettext("Finding: the element is not established."),
        None: t.gettext("Finding: not yet established; needs verification."),
    }[finding.established]
    codes = [ctx.evidence_codes[i] for i in finding.evidence_ids if i in ctx.evidence_codes]
    cited = ""
    if finding.established is True:  # evidence is "relied on" only for a finding that rests on it
        cited = (
            t.gettext("Evidence relied on: {items} (see the annex).", items=", ".join(codes))
            if codes
            else ctx.say(N_("The finding rests on the account {of_complainant}."))
        )
    out.append(Paragraph(f"<b>{escape(verdict)}</b> {escape(cited)}".rstrip(), s.body))
    return out


def analysis(ctx: MemoContext) -> list[Flowable]:
    t, assessment = ctx.t, ctx.case.assessment
    out = body(
        ctx,
        [
            ctx.say(
                N_(
                    "A prima facie case of retaliation exists where the available information shows that (a) "
                    "{complainant} engaged in a protected activity, (b) a detrimental action was taken, threatened or "
                    "recommended, and (c) the protected activity was a contributing factor in causing that action."
                )
            )
        ],
    )
    out += _finding(ctx, "4.1", "protected_activity", t.gettext("Protected activity"), assessment.protected_activity)
    out += _finding(ctx, "4.2", "detrimental_action", t.gettext("Detrimental action"), assessment.detrimental_action)
    out += _finding(ctx, "4.3", "contributing_factor", t.gettext("Contributing factor"), assessment.contributing_factor)
    return out


_DETERMINATION_TEXT = {
    Determination.prima_facie_case: N_(
        "On the basis of the information available, I find that a prima facie case of retaliation has been established."
    ),
    Determination.no_prima_facie_case: N_(
        "On the basis of the information available, I find that a prima facie case of retaliation has not been "
        "established."
    ),
    Determination.out_of_mandate: N_(
        "The complaint falls outside the mandate of this office; its merits have therefore not been assessed."
    ),
    Determination.out_of_time: N_(
        "The complaint was not filed within the time limit set by the policy; its merits have therefore not been "
        "assessed."
    ),
    Determination.preventive_protection: N_(
        "The requester engaged in a protected activity and is at risk of retaliation: preventive protection is "
        "warranted."
    ),
}


def conclusion(ctx: MemoContext) -> list[Flowable]:
    t, assessment = ctx.t, ctx.case.assessment
    determination = assessment.determination
    out = [
        not_assessed(ctx, "determination") if determination is None else t.gettext(_DETERMINATION_TEXT[determination])
    ]
    out += officer_words(ctx, assessment.conclusion)
    if assessment.override_reason:
        out.append(t.gettext("Reasons for departing from the outcome indicated by the assessment:"))
        out += officer_words(ctx, assessment.override_reason)
    return body(ctx, out)


def _disclosure(ctx: MemoContext) -> list[str]:
    """Referral while the complainant has not consented: what will be disclosed, and consent asked for."""
    consent = ctx.case.complainant_consents_to_disclosure
    if consent is True:
        return [
            ctx.say(
                N_(
                    "{Complainant} has consented to the disclosure to the internal oversight office of their identity, "
                    "the complaint and the evidence listed in the annex."
                )
            )
        ]
    out = [
        ctx.say(
            N_(
                "The referral would disclose to the internal oversight office the identity {of_complainant}, the "
                "complaint and the evidence listed in the annex."
            )
        )
    ]
    if consent is False:
        out.append(
            ctx.say(
                N_(
                    "{Complainant} has not consented to this disclosure. I recommend that the consent {of_complainant} "
                    "be sought again, explaining what would be disclosed and to whom; without it, the identity "
                    "{of_complainant} will not be disclosed."
                )
            )
        )
    else:
        out.append(
            ctx.say(
                N_(
                    "The consent {of_complainant} to this disclosure has not yet been recorded. I recommend that it be "
                    "sought before the referral is made."
                )
            )
        )
    return out


def _recourse(ctx: MemoContext, determination: Determination) -> list[str]:
    """What a complainant whose complaint is not referred can do next (and, outside the mandate, where to go)."""
    out = [
        ctx.say(
            N_(
                "I recommend that {complainant} be informed in writing of this outcome and of the reasons for it, and "
                "of the right to request a review of this determination under the policy on protection against "
                "retaliation. New information may be submitted to this office at any time."
            )
        )
    ]
    if determination is Determination.out_of_mandate:
        redirect = ctx.case.assessment.redirect_to
        if redirect:
            out.append(ctx.t.gettext("The matter may instead be taken to:"))
            out += officer_words(ctx, redirect)
        else:
            out.append(
                ctx.say(
                    N_(
                        "The letter will indicate {to_complainant} where the matter may be taken instead: the "
                        "Ombudsman for informal resolution, a request for management evaluation of a contested "
                        "administrative decision, or a report of misconduct to the internal oversight office."
                    )
                )
            )
    return out


def recommendations(ctx: MemoContext) -> list[Flowable]:
    t, s, assessment = ctx.t, ctx.styles, ctx.case.assessment
    out: list[Flowable] = []
    determination = assessment.determination
    if determination == Determination.prima_facie_case:
        out += body(
            ctx,
            [
                t.gettext(
                    "I recommend that the matter be referred to the internal oversight office for investigation."
                ),
                *_disclosure(ctx),
            ],
        )
    elif determination == Determination.preventive_protection:
        out += body(ctx, [preventive_recommendation(t)])
    elif determination is not None:
        out += body(ctx, _recourse(ctx, determination))
    measures = _measures(assessment)
    if measures:
        out += body(
            ctx,
            [t.gettext("Pending the outcome of the matter, I recommend the following interim protective measures:")],
        )
        for measure, details in measures:
            label = f"<b>{escape(t.gettext(PROTECTIVE_MEASURE_LABELS[measure]))}</b>"
            out.append(Paragraph(f"{label}. {text(details)}" if details else label, s.item, bulletText="•"))
    elif determination == Determination.prima_facie_case:
        out += body(ctx, [t.gettext("No interim protective measure is recommended at this stage.")])
    out += body(ctx, officer_words(ctx, assessment.recommendations))
    return out


def _measures(assessment: PrimaFacieAssessment) -> list[tuple[ProtectiveMeasure, str]]:
    """The recommended measures with their details when the assessment has them (``measure_details``), else the
    plain list."""
    found = [(item.kind, item.details) for item in assessment.measure_details]
    kinds = {kind for kind, _details in found}
    found += [(measure, "") for measure in assessment.protective_measures if measure not in kinds]
    return found
