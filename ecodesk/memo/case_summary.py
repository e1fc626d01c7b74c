"""The case file summary: one retaliation case on paper (its facts, parties, evidence, the assessment reached and
its whole history), in a chosen language, rendered to PDF bytes in memory with the memo's fonts and page furniture.

Printing sends the bytes to the printer; nothing is written unless the user saves a copy (not encrypted).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError

from ecodesk.errors import EcoDeskError, InvalidInput
from ecodesk.i18n import LANGUAGES, N_, Translator
from ecodesk.memo.content import text
from ecodesk.memo.fonts import register_fonts
from ecodesk.memo.layout import (
    ACCENT,
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    RIGHT_MARGIN,
    TEXT_WIDTH,
    TOP_MARGIN,
    PageMarks,
    Styles,
    memo_styles,
    numbered_canvas,
)
from ecodesk.models import (
    CASE_STATUS_LABELS,
    DETERMINATION_LABELS,
    DETRIMENTAL_ACTION_LABELS,
    EVIDENCE_STATUS_LABELS,
    PROTECTED_ACTIVITY_LABELS,
    AuditEvent,
    OfficeSettings,
    RetaliationCase,
    Revision,
)
from ecodesk.records.history import action_label, origin_label
from ecodesk.storage.atomic import atomic_write
from ecodesk.storage.vault import Vault

PDF_TITLE = N_("Case file summary")  # the PDF's metadata names no reference (see memo.render.PDF_TITLE)


@dataclass(frozen=True)
class CaseSummary:
    pdf: bytes
    pages: int
    language: str
    reference: str


def render_case_summary(
    case: RetaliationCase,
    settings: OfficeSettings,
    revisions: list[Revision],
    events: list[AuditEvent],
    *,
    language: str,
    date: dt.date | None = None,
) -> CaseSummary:
    """The summary as PDF bytes. Raises ValueError for an unknown language, EcoDeskError if an entry cannot fit."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    register_fonts()
    t = Translator(language)
    styles = memo_styles()
    marks = PageMarks(
        confidential=t.gettext("STRICTLY CONFIDENTIAL"),
        reference=case.reference or "",
        page_of=lambda page, pages: t.gettext("Page {page} of {pages}", page=page, pages=pages),
        watermark=None,
    )
    story = _story(case, settings, revisions, events, t, styles, date or dt.date.today())
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, leftMargin=LEFT_MARGIN, rightMargin=RIGHT_MARGIN, topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN,
        title=t.gettext(PDF_TITLE), author="", subject="", keywords="", creator="EcoDesk", lang=language,
    )  # fmt: skip
    try:
        document.build(story, canvasmaker=numbered_canvas(marks))
    except LayoutError:
        raise EcoDeskError(N_("The case summary cannot be laid out: one entry is longer than a page.")) from None
    return CaseSummary(pdf=buffer.getvalue(), pages=document.page, language=language, reference=case.reference or "")


def case_summary(vault: Vault, reference: str, language: str, *, date: dt.date | None = None) -> CaseSummary:
    """The summary of the case ``reference`` read from the vault, audited as produced (never its content).

    Raises NotFound for an unknown reference and InvalidInput for an advice record.
    """
    record = vault.records.get(reference)
    if not isinstance(record, RetaliationCase):
        raise InvalidInput(
            N_("{reference} is a confidential advice record: case summaries are made for retaliation cases."),
            reference=record.reference,
        )
    revisions = vault.records.history(record.id)
    events = vault.audit.events(record_id=record.id, limit=1000)
    summary = render_case_summary(record, vault.settings, revisions, events, language=language, date=date)
    vault.audit.append("case_summary", record_id=record.id, reference=record.reference or "", language=language)
    return summary


def save_case_summary(vault: Vault, summary: CaseSummary, path: Path) -> None:
    """Write the summary to ``path`` atomically and record the export. The copy is NOT encrypted: callers warn."""
    try:
        atomic_write(Path(path), summary.pdf)
    except OSError as exc:
        raise InvalidInput(N_("Cannot write the file {path}. Choose another folder."), path=str(path)) from exc
    record = vault.records.get(summary.reference)
    vault.audit.append("case_summary_saved", record_id=record.id, reference=summary.reference,
                       language=summary.language)  # fmt: skip


# -- content -------------------------------------------------------------------------------------------------
def _story(case: RetaliationCase, settings: OfficeSettings, revisions: list[Revision], events: list[AuditEvent],
           t: Translator, s: Styles, today: dt.date) -> list[Flowable]:  # fmt: skip
    def date(value: dt.date | None) -> str:
        return t.format_date(value) if value else t.gettext("not known")

    facts = [
        (t.gettext("Reference"), case.reference or ""),
        (t.gettext("Title"), case.title),
        (t.gettext("Status"), t.gettext(CASE_STATUS_LABELS[case.status])),
        (t.gettext("Office"), case.office or ""),
        (t.gettext("Received on"), date(case.received_on)),
        (t.gettext("Assessment due"), date(case.assessment_due_on)),
        (t.gettext("Summary produced on"), t.format_date(today)),
    ]
    story: list[Flowable] = [
        Paragraph(text(settings.organization_in(t.lang) or t.gettext("Ethics Office")), s.organization),
        Paragraph(t.gettext("CASE FILE SUMMARY"), s.title),
        _pairs(s, facts),
    ]
    story.append(Paragraph(t.gettext("Summary"), s.heading))
    story += [Paragraph(text(p), s.body) for p in (case.summary or "").split("\n\n") if p.strip()] or [
        Paragraph(t.gettext("None recorded."), s.note)
    ]
    story.append(Paragraph(t.gettext("Parties"), s.heading))
    person = case.complainant
    rows = [(t.gettext("Complainant"), ", ".join(v for v in (person.name, person.position, person.office) if v))]
    rows += [(t.gettext("Alleged retaliator"), ", ".join(v for v in (p.name, p.position, p.role) if v))
             for p in case.alleged_retaliators]  # fmt: skip
    story.append(_pairs(s, rows))
    story.append(Paragraph(t.gettext("Protected activities"), s.heading))
    story += _items(s, t, [(t.gettext(PROTECTED_ACTIVITY_LABELS[a.kind]), date(a.date), a.description)
                           for a in case.protected_activities])  # fmt: skip
    story.append(Paragraph(t.gettext("Detrimental actions"), s.heading))
    story += _items(s, t, [(t.gettext(DETRIMENTAL_ACTION_LABELS[a.kind]), date(a.date), a.description)
                           for a in case.detrimental_actions])  # fmt: skip
    story.append(Paragraph(t.gettext("Evidence"), s.heading))
    story += _items(s, t, [(e.title or t.gettext("Untitled"), t.gettext(EVIDENCE_STATUS_LABELS[e.status]), e.source)
                           for e in case.evidence])  # fmt: skip
    story.append(Paragraph(t.gettext("Assessment"), s.heading))
    determination = case.assessment.determination
    found = t.gettext(DETERMINATION_LABELS[determination]) if determination else t.gettext("Not assessed")
    completed = date(case.assessment.completed_on) if case.assessment.completed_on else "—"
    story.append(_pairs(s, [(t.gettext("Determination"), found), (t.gettext("Completed on"), completed)]))
    if case.assessment.conclusion.strip():
        story.append(Paragraph(text(case.assessment.conclusion), s.body))
    story.append(Paragraph(t.gettext("History"), s.heading))
    story.append(_table(s, [t.gettext("Revision"), t.gettext("Saved on"), t.gettext("Saved by"), t.gettext("Origin")],
                        [[t.format_number(r.revision), t.format_datetime(r.saved_at.astimezone()), r.saved_by,
                          origin_label(r.origin, t)] for r in revisions], [0.14, 0.34, 0.28, 0.24]))  # fmt: skip
    story.append(Paragraph(t.gettext("Audit log"), s.subheading))
    story.append(_table(s, [t.gettext("Date"), t.gettext("Event")],
                        [[t.format_datetime(e.at.astimezone()), action_label(e.action, t)] for e in events],
                        [0.34, 0.66]))  # fmt: skip
    return story


def _pairs(s: Styles, rows: list[tuple[str, str]]) -> Flowable:
    data = [[Paragraph(text(label), s.label), Paragraph(text(value), s.field)] for label, value in rows]
    table = Table(data or [[""]], colWidths=[TEXT_WIDTH * 0.3, TEXT_WIDTH * 0.7])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _items(s: Styles, t: Translator, items: list[tuple[str, str, str]]) -> list[Flowable]:
    if not items:
        return [Paragraph(t.gettext("None recorded."), s.note)]
    out: list[Flowable] = []
    for label, detail, description in items:
        head = f"<b>{text(label)}</b>" + (f" — {text(detail)}" if detail else "")
        out.append(Paragraph(head, s.item, bulletText="•"))
        if description.strip():
            out.append(Paragraph(text(description), s.item))
    return out


def _table(s: Styles, header: list[str], rows: list[list[str]], widths: list[float]) -> Flowable:
    data: list[list[Any]] = [[Paragraph(text(h), s.cell_head) for h in header]]
    data += [[Paragraph(text(cell), s.cell) for cell in row] for row in rows]
    table = Table(data, colWidths=[TEXT_WIDTH * w for w in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#BBBBBB")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))  # fmt: skip
    return table
