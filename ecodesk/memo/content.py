"""The memo's text, from the case and its assessment, in the memo's language (not the UI language).

Every fixed sentence goes through ``Translator.gettext`` so that the catalog check covers the three languages;
case data (names, narratives) is escaped and printed as entered.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ecodesk.i18n import N_, Translator
from ecodesk.memo.casework_text import action_detail, clock_sentences
from ecodesk.memo.layout import ACCENT, TEXT_WIDTH, Styles
from ecodesk.models import (
    DETRIMENTAL_ACTION_LABELS,
    EVIDENCE_KIND_LABELS,
    EVIDENCE_STATUS_LABELS,
    PROTECTED_ACTIVITY_LABELS,
    OfficeSettings,
    RetaliationCase,
)
from ecodesk.models.forms_of_address import addressed, complainant_forms


@dataclass
class SignatureSpot:
    """Where the signature block landed (page index from 0, box in PDF points), for a visible signature field."""

    page: int = -1
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


@dataclass
class MemoContext:
    case: RetaliationCase
    settings: OfficeSettings
    t: Translator
    styles: Styles
    date: dt.date
    addressee: str
    signed: bool
    spot: SignatureSpot = field(default_factory=SignatureSpot)

    def __post_init__(self) -> None:
        self.evidence_codes = {
            item.id: self.t.gettext("E-{n}", n=number) for number, item in enumerate(self.case.evidence, start=1)
        }
        # "la plaignante / le plaignant / la personne plaignante": agreement with the complainant's form of address
        self.forms = complainant_forms(self.t.lang, self.case.complainant.form_of_address)

    def say(self, message: str, /, **params: object) -> str:
        """A sentence of the memo in its language, with the complainant's grammatical forms available."""
        return self.t.gettext(message, **(self.forms | params))


def text(value: str) -> str:
    """User text made safe for reportlab's paragraph markup (NFC so that accents use precomposed glyphs)."""
    return escape(unicodedata.normalize("NFC", value))


def paragraphs(value: str) -> list[str]:
    """A narrative split into paragraphs (on blank lines; single line breaks kept)."""
    blocks = [block.strip() for block in value.replace("\r\n", "\n").split("\n\n")]
    return [text(block).replace("\n", "<br/>") for block in blocks if block]


def build_story(ctx: MemoContext) -> list[Flowable]:
    from ecodesk.memo.findings import analysis, conclusion, recommendations

    story: list[Flowable] = []
    story += letterhead(ctx)
    story += routing(ctx)
    story += section(ctx, 1, ctx.t.gettext("Background"), _background(ctx))
    story += section(ctx, 2, ctx.t.gettext("Protected activity"), _protected_activity(ctx))
    story += section(ctx, 3, ctx.t.gettext("Detrimental action"), _detrimental_action(ctx))
    story += section(ctx, 4, ctx.t.gettext("Analysis of the prima facie elements"), analysis(ctx))
    story += section(ctx, 5, ctx.t.gettext("Conclusion"), conclusion(ctx))
    story += section(ctx, 6, ctx.t.gettext("Recommendations"), recommendations(ctx))
    story.append(signature_block(ctx))
    story += _annex(ctx)
    return story


# -- heading of the memo -----------------------------------------------------------------------------------
def letterhead(ctx: MemoContext) -> list[Flowable]:
    s, settings = ctx.styles, ctx.settings
    lines = [Paragraph(text(settings.organization_in(ctx.t.lang) or ctx.t.gettext("Ethics Office")), s.organization)]
    for line in (settings.letterhead or "").splitlines():
        if line.strip():
            lines.append(Paragraph(text(line.strip()), s.letterhead))
    if settings.duty_station:
        lines.append(Paragraph(text(settings.duty_station), s.letterhead))
    logo = _logo(settings.logo_png)
    cells = [[logo, lines]] if logo else [[lines]]
    widths = [24 * 2.835 * 1.0, TEXT_WIDTH - 24 * 2.835] if logo else [TEXT_WIDTH]
    head = Table(cells, colWidths=widths)
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT),
            ]
        )
    )
    return [head, Paragraph(ctx.t.gettext("INTEROFFICE MEMORANDUM"), s.title)]


def _logo(png: bytes | None) -> Flowable | None:
    if not png:
        return None
    import io

    from reportlab.lib.utils import ImageReader

    try:
        reader = ImageReader(io.BytesIO(png))
        width, height = reader.getSize()
    except Exception:
        return None
    box = 20 * 2.835
    scale = min(box / width, box / height)
    return Image(io.BytesIO(png), width=width * scale, height=height * scale)


def routing(ctx: MemoContext, subject: str | None = None) -> list[Flowable]:
    t, s, settings = ctx.t, ctx.styles, ctx.settings
    sender = ", ".join(part for part in (settings.officer_name, settings.title_in(t.lang)) if part)
    rows = [
        (t.gettext("To:"), text(ctx.addressee or t.gettext("Director, Ethics Office (Headquarters)"))),
        (t.gettext("From:"), text(sender)),
        (t.gettext("Date:"), text(memo_date(ctx, ctx.date))),
        (t.gettext("Reference:"), text(ctx.case.reference or "")),
        (
            t.gettext("Subject:"),
            "<b>" + (subject or t.gettext("Preliminary assessment of a complaint of retaliation")) + "</b>",
        ),
    ]
    table = Table(
        [[Paragraph(label, s.label), Paragraph(value, s.field)] for label, value in rows],
        colWidths=[30 * 2.835, TEXT_WIDTH - 30 * 2.835],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEBELOW", (0, -1), (-1, -1), 0.6, colors.HexColor("#999999")),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ]
        )
    )
    return [table, Spacer(1, 6)]


def section(ctx: MemoContext, number: int, title: str, body: list[Flowable]) -> list[Flowable]:
    return [
        CondPageBreak(25 * 2.835),
        Paragraph(f"{number}.&nbsp;&nbsp;{escape(title.upper())}", ctx.styles.heading),
        *body,
    ]


# -- sections ----------------------------------------------------------------------------------------------
def body(ctx: MemoContext, values: Iterable[str]) -> list[Flowable]:
    return [Paragraph(latin_in_italics(value), ctx.styles.body) for value in values]


def latin_in_italics(markup: str) -> str:
    """Latin terms ("prima facie") in italics, as legal writing prints them."""
    return markup.replace("prima facie", "<i>prima facie</i>")


def memo_date(ctx: MemoContext, value: dt.date, fmt: str = "long") -> str:
    """A date in the memo's language, day month year (the long format in the letter's sentences)."""
    return ctx.t.format_date(value, fmt)


def _date(ctx: MemoContext, value: dt.date | None) -> str:
    return memo_date(ctx, value) if value else ctx.t.gettext("date unknown")


def _background(ctx: MemoContext) -> list[Flowable]:
    from ecodesk.memo.findings import not_assessed

    t, case = ctx.t, ctx.case
    person = case.complainant
    name = addressed(t, person.name, person.form_of_address)
    who = ", ".join(text(part) for part in (name, person.position, person.office) if part)
    out = [
        ctx.say(
            N_("On {date}, this office received a complaint of retaliation from {who}."),
            date=text(memo_date(ctx, case.received_on)),
            who=f"<b>{who}</b>" if who else t.gettext("a staff member whose identity is withheld"),
        )
    ]
    if case.alleged_retaliators:
        names = "; ".join(
            ", ".join(
                text(part)
                for part in (addressed(t, person.name, person.form_of_address), person.role or person.position)
                if part
            )
            for person in case.alleged_retaliators
        )
        out.append(t.gettext("The complaint is directed against: {names}.", names=names))
    out += paragraphs(case.summary)
    assessment = case.assessment
    if assessment.within_mandate is True:
        out.append(t.gettext("The complaint falls within the mandate of this office."))
    elif assessment.within_mandate is False:
        out.append(t.gettext("The complaint falls outside the mandate of this office."))
    else:
        out.append(not_assessed(ctx, "mandate"))
    if assessment.filed_in_time is True:
        out.append(t.gettext("The complaint was filed within the time limit set by the policy."))
    elif assessment.filed_in_time is False:
        out.append(t.gettext("The complaint was not filed within the time limit set by the policy."))
    else:
        out.append(not_assessed(ctx, "timeliness"))
    if case.complainant_consents_to_disclosure is True:
        out.append(
            ctx.say(
                N_("{Complainant} consents to the disclosure of their identity for the purposes of an investigation.")
            )
        )
    elif case.complainant_consents_to_disclosure is False:
        out.append(
            ctx.say(
                N_(
                    "{Complainant} has not consented to the disclosure of their identity. This memorandum must not "
                    "be shared beyond its addressee."
                )
            )
        )
    out += clock_sentences(t, case, lambda day: text(memo_date(ctx, day)))
    return body(ctx, out)


def _event(ctx: MemoContext, label: str, date: dt.date | None, detail: str, description: str) -> list[Flowable]:
    lead = f"<b>{escape(label)}</b> ({text(_date(ctx, date))})"
    if detail:
        lead += f". {detail}"
    out: list[Flowable] = [Paragraph(lead, ctx.styles.item, bulletText="•")]
    out += [Paragraph(p, ctx.styles.item) for p in paragraphs(description)]
    return out


def _protected_activity(ctx: MemoContext) -> list[Flowable]:
    t = ctx.t
    if not ctx.case.protected_activities:
        return body(ctx, [t.gettext("No protected activity has been recorded.")])
    out: list[Flowable] = []
    for activity in ctx.case.protected_activities:
        detail = (
            t.gettext("Reported to: {recipient}.", recipient=text(activity.reported_to)) if activity.reported_to else ""
        )
        out += _event(
            ctx, t.gettext(PROTECTED_ACTIVITY_LABELS[activity.kind]), activity.date, detail, activity.description
        )
    return out


def _detrimental_action(ctx: MemoContext) -> list[Flowable]:
    t = ctx.t
    if not ctx.case.detrimental_actions:
        return body(ctx, [t.gettext("No detrimental action has been recorded.")])
    out: list[Flowable] = []
    for action in ctx.case.detrimental_actions:
        detail = action_detail(t, action.action_status, text(action.decision_maker)) if action.decision_maker else ""
        out += _event(ctx, t.gettext(DETRIMENTAL_ACTION_LABELS[action.kind]), action.date, detail, action.description)
    return out


class _SignatureSpotRecorder(Flowable):
    """An invisible mark that records where the signature block was drawn."""

    def __init__(self, spot: SignatureSpot, height: float) -> None:
        super().__init__()
        self.spot, self.height_pts = spot, height
        self.width = self.height = 0

    def draw(self) -> None:
        canvas: Any = self.canv
        x, y = canvas.absolutePosition(0, 0)
        self.spot.page = canvas.getPageNumber() - 1
        self.spot.box = (x, y - self.height_pts, x + 80 * 2.835, y)


def signature_block(ctx: MemoContext) -> Flowable:
    t, s, settings = ctx.t, ctx.styles, ctx.settings
    status = (
        t.gettext("Signed electronically. The signature can be checked in any standard PDF reader.")
        if ctx.signed
        else t.gettext("Draft: not signed.")
    )
    lines = [f"<b>{text(settings.officer_name)}</b>" if settings.officer_name else ""]
    lines += [text(value) for value in (settings.title_in(t.lang), settings.duty_station) if value]
    block = [
        Spacer(1, 14),
        _SignatureSpotRecorder(ctx.spot, 34),
        Spacer(1, 36),
        Paragraph("<br/>".join(line for line in lines if line), s.signature),
        Paragraph(escape(status), s.note),
    ]
    return KeepTogether(block)


def _annex(ctx: MemoContext) -> list[Flowable]:
    t, s, case = ctx.t, ctx.styles, ctx.case
    out: list[Flowable] = [
        CondPageBreak(60 * 2.835),
        Paragraph(escape(t.gettext("Annex: list of evidence").upper()), s.heading),
    ]
    if not case.evidence:
        return [*out, Paragraph(escape(t.gettext("No evidence has been recorded.")), s.body)]
    head = [t.gettext("No."), t.gettext("Evidence"), t.gettext("Source"), t.gettext("Date"), t.gettext("Status")]
    rows: list[list[Any]] = [[Paragraph(escape(h), s.cell_head) for h in head]]
    for item in case.evidence:
        title = escape(t.gettext(EVIDENCE_KIND_LABELS[item.kind]))
        if item.title:
            title = f"<b>{text(item.title)}</b><br/>{title}"
        rows.append(
            [
                Paragraph(escape(ctx.evidence_codes[item.id]), s.cell),
                Paragraph(title, s.cell),
                Paragraph(text(item.source), s.cell),
                Paragraph(text(memo_date(ctx, item.date, "medium")) if item.date else "", s.cell),
                Paragraph(escape(t.gettext(EVIDENCE_STATUS_LABELS[item.status])), s.cell),
            ]
        )
    mm_ = 2.835
    table = Table(rows, colWidths=[12 * mm_, 58 * mm_, 34 * mm_, 26 * mm_, TEXT_WIDTH - 130 * mm_], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F1F4F8")]),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#C8CED6")),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [*out, table]
