"""The periodic report as a PDF in English, French or Spanish: key figures, then one section per topic with
its chart (vector graphics) beside the numbers behind it. Rendered in memory; the caller decides where the
bytes go (``write_pdf`` replaces a file atomically).

Three sources give the same report: a dashboard of this vault (exact counts), an anonymized statistics
document (withheld counts shown as ``x``), or HQ's consolidation of several regions (``≥ n`` where a region
withheld a count).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from ecodesk.i18n import Translator, translator
from ecodesk.reports import charts
from ecodesk.reports.anonymized import StatsDocument
from ecodesk.reports.charts import FONT, FONT_BOLD, GREY, NAVY, cell_text, register_fonts
from ecodesk.reports.consolidation import ConsolidatedStats, OfficeLine
from ecodesk.reports.dashboard import Dashboard, KeyFigures
from ecodesk.reports.periods import Period
from ecodesk.reports.tables import TABLE_NOTES, Cell, CountTable, key_label, table_title
from ecodesk.reports.tables import Table as Topic
from ecodesk.storage.atomic import atomic_write

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
LIGHT = colors.HexColor("#F2F2F2")
RULE = colors.HexColor("#BFBFBF")


class ReportContent(BaseModel):
    """Everything a report shows; no record-level data."""

    organization: str
    office: str
    period: Period
    today: dt.date
    tables: list[CountTable]
    figures: KeyFigures | None = None
    source: str = "vault"  # "vault" | "anonymized" | "consolidated"
    offices: list[OfficeLine] = []

    def table(self, topic: Topic) -> CountTable | None:
        return next((t for t in self.tables if t.table == topic), None)


def content_from_dashboard(dashboard: Dashboard, organization: str) -> ReportContent:
    return ReportContent(
        organization=organization,
        office=dashboard.filters.office or dashboard.office,
        period=dashboard.filters.period,
        today=dashboard.filters.today,
        tables=dashboard.tables,
        figures=dashboard.figures,
    )


def content_from_stats(document: StatsDocument, organization: str, today: dt.date) -> ReportContent:
    return ReportContent(
        organization=organization,
        office=document.office,
        period=document.as_period(),
        today=today,
        tables=document.tables,
        source="anonymized",
    )


def content_from_consolidated(stats: ConsolidatedStats, organization: str, today: dt.date) -> ReportContent:
    return ReportContent(
        organization=organization,
        office=", ".join(line.office for line in stats.offices),
        period=stats.period,
        today=today,
        tables=stats.tables,
        source="consolidated",
        offices=stats.offices,
    )


class _Styles:
    def __init__(self) -> None:
        register_fonts()
        self.title = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=19, leading=23, textColor=NAVY)
        self.subtitle = ParagraphStyle("subtitle", fontName=FONT, fontSize=11, leading=15, textColor=GREY)
        self.h2 = ParagraphStyle(
            "h2", fontName=FONT_BOLD, fontSize=12.5, leading=16, textColor=NAVY, spaceBefore=10, spaceAfter=2
        )
        self.note = ParagraphStyle("note", fontName=FONT, fontSize=8.5, leading=11, textColor=GREY, spaceAfter=4)
        self.body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, alignment=TA_LEFT)
        self.cell = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10)
        self.figure = ParagraphStyle("figure", fontName=FONT_BOLD, fontSize=18, leading=22, textColor=NAVY)
        self.figure_label = ParagraphStyle("figure_label", fontName=FONT, fontSize=7.5, leading=9.5, textColor=GREY)


def _numbers(table: CountTable, tr: Translator, styles: _Styles, width: float) -> Table:
    rows: list[list[Any]] = [[tr.gettext("Category"), tr.gettext("Number")]]
    rows += [[Paragraph(key_label(table.table, c.key, tr), styles.cell), cell_text(c, tr)] for c in table.cells]
    rows.append([tr.gettext("Total"), cell_text(Cell(key="", count=table.total, at_least=table.total_at_least), tr)])
    return _grid(rows, [width - 18 * mm, 18 * mm])


def _grid(rows: list[list[Any]], widths: list[float]) -> Table:
    grid = Table(rows, colWidths=widths, repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8),
                ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
                ("FONT", (0, -1), (-1, -1), FONT_BOLD, 8),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
                ("LINEABOVE", (0, -1), (-1, -1), 0.6, RULE),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return grid


def _side_by_side(chart: Flowable, numbers: Flowable, chart_width: float) -> Table:
    row = Table([[chart, numbers]], colWidths=[chart_width, CONTENT_WIDTH - chart_width])
    row.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 6),
            ]
        )
    )
    return row


def _figures(content: ReportContent, tr: Translator) -> list[tuple[str, Cell]]:
    """Headline tiles: exact figures from a vault, table totals from statistics."""
    if content.figures is not None:
        f = content.figures
        median = "" if f.median_days_to_assess is None else tr.format_number(round(f.median_days_to_assess))
        return [
            (tr.gettext("Cases received"), Cell(key="", count=f.cases)),
            (tr.gettext("Open cases"), Cell(key="", count=f.open_cases)),
            (tr.gettext("Overdue assessments"), Cell(key="", count=f.overdue)),
            (tr.gettext("Median days to assess"), Cell(key=median or "–", count=None)),
            (tr.gettext("Advice requests"), Cell(key="", count=f.advice)),
        ]

    def total(topic: Topic) -> Cell:
        table = content.table(topic)
        if table is None:
            return Cell(key="", count=None)
        return Cell(key="", count=table.total, at_least=table.total_at_least)

    return [
        (tr.gettext("Cases received"), total(Topic.cases_by_status)),
        (tr.gettext("Overdue assessments"), total(Topic.overdue_assessments)),
        (tr.gettext("Assessments completed"), total(Topic.time_to_assess)),
        # By month, not by category: a request with several categories counts once.
        (tr.gettext("Advice requests"), total(Topic.advice_by_month)),
    ]


def _tiles(content: ReportContent, tr: Translator, styles: _Styles) -> Table:
    tiles = _figures(content, tr)
    cells = []
    for label, cell in tiles:
        text = cell.key if cell.count is None and cell.key else cell_text(cell, tr)
        cells.append([Paragraph(text, styles.figure), Paragraph(label, styles.figure_label)])
    width = CONTENT_WIDTH / len(tiles)
    grid = Table([cells], colWidths=[width] * len(tiles))
    grid.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                ("LINEBEFORE", (1, 0), (-1, -1), 2, colors.white),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return grid


def _month_section(content: ReportContent, tr: Translator, styles: _Styles) -> list[Flowable]:
    cases, advice = content.table(Topic.cases_by_month), content.table(Topic.advice_by_month)
    if cases is None or advice is None:
        return []
    heading = Paragraph(tr.gettext("Cases and advice requests received per month"), styles.h2)
    header = ParagraphStyle("header", parent=styles.cell, fontName=FONT_BOLD, alignment=TA_RIGHT)
    rows: list[list[Any]] = [
        [tr.gettext("Month"), Paragraph(tr.gettext("Cases"), header), Paragraph(tr.gettext("Advice requests"), header)]
    ]
    for case_cell, advice_cell in zip(cases.cells, advice.cells, strict=True):
        rows.append([key_label(cases.table, case_cell.key, tr), cell_text(case_cell, tr), cell_text(advice_cell, tr)])
    rows.append(
        [
            tr.gettext("Total"),
            cell_text(Cell(key="", count=cases.total, at_least=cases.total_at_least), tr),
            cell_text(Cell(key="", count=advice.total, at_least=advice.total_at_least), tr),
        ]
    )
    if len(cases.cells) <= 12:
        table_width = 64 * mm
        chart = charts.month_chart(cases, advice, tr, CONTENT_WIDTH - table_width - 6, 150)
        numbers = _grid(rows, [table_width - 40 * mm, 17 * mm, 23 * mm])
        return [KeepTogether([heading, _side_by_side(chart, numbers, CONTENT_WIDTH - table_width)])]
    chart = charts.month_chart(cases, advice, tr, CONTENT_WIDTH, 190)
    return [KeepTogether([heading, chart]), Spacer(1, 4), _grid(rows, [CONTENT_WIDTH - 70 * mm, 30 * mm, 40 * mm])]


def _topic_section(
    content: ReportContent, topic: Topic, tr: Translator, styles: _Styles, color: colors.Color = charts.BLUE
) -> list[Flowable]:
    table = content.table(topic)
    if table is None or not table.cells:
        return []
    parts: list[Flowable] = [Paragraph(table_title(topic, tr), styles.h2)]
    if topic in TABLE_NOTES:
        parts.append(Paragraph(tr.gettext(TABLE_NOTES[topic]), styles.note))
    table_width = 66 * mm
    chart = charts.bar_chart(table, tr, CONTENT_WIDTH - table_width - 6, color=color)
    parts.append(_side_by_side(chart, _numbers(table, tr, styles, table_width), CONTENT_WIDTH - table_width))
    return [KeepTogether(parts)]


def _offices_section(content: ReportContent, tr: Translator, styles: _Styles) -> list[Flowable]:
    if not content.offices:
        return []
    rows: list[list[Any]] = [
        [tr.gettext("Office"), tr.gettext("Statistics of"), tr.gettext("Cases"), tr.gettext("Advice requests")]
    ]
    for line in content.offices:
        rows.append(
            [
                line.office,
                line.generated_at,
                cell_text(Cell(key="", count=line.cases), tr),
                cell_text(Cell(key="", count=line.advice), tr),
            ]
        )
    total_cases = content.table(Topic.cases_by_status)
    total_advice = content.table(Topic.advice_by_month)
    rows.append(
        [
            tr.gettext("Total"),
            "",
            cell_text(Cell(key="", count=total_cases.total if total_cases else None,
                           at_least=bool(total_cases and total_cases.total_at_least)), tr),
            cell_text(Cell(key="", count=total_advice.total if total_advice else None,
                           at_least=bool(total_advice and total_advice.total_at_least)), tr),
        ]
    )
    heading = Paragraph(tr.gettext("Offices included"), styles.h2)
    widths = [50 * mm, 40 * mm, 30 * mm, 30 * mm]
    return [KeepTogether([heading, _grid(rows, widths)])]


def _about(content: ReportContent, tr: Translator) -> str:
    text = tr.gettext(
        "Counts cover the records received in the period. Statuses, overdue assessments and outcomes "
        "are as of {date}.",
        date=tr.format_date(content.today, "long"),
    )
    if content.source != "vault":
        text += " " + tr.gettext(
            "x: withheld to protect confidentiality (fewer than 3 records, or hidden so that a small "
            "number cannot be worked out from the total). ≥: at least this number, because a region "
            "withheld a count."
        )
    return text


def _story(content: ReportContent, tr: Translator, styles: _Styles) -> list[Flowable]:
    story: list[Flowable] = [Spacer(1, 12 * mm)]
    title = {
        "vault": tr.gettext("Periodic report on retaliation cases and ethics advice"),
        "anonymized": tr.gettext("Anonymized statistics on retaliation cases and ethics advice"),
        "consolidated": tr.gettext("Consolidated statistics of the regional offices"),
    }[content.source]
    story.append(Paragraph(title, styles.title))
    story.append(Spacer(1, 3))
    office_line = (
        tr.gettext("Offices: {offices}", offices=content.office)
        if content.source == "consolidated"
        else tr.gettext("Office: {office}", office=content.office)
    )
    story.append(Paragraph(f"{content.period.title(tr)} · {office_line}", styles.subtitle))
    story.append(Spacer(1, 8))
    story.append(_tiles(content, tr, styles))
    story.append(Spacer(1, 4))
    story.append(Paragraph(_about(content, tr), styles.note))
    story += _offices_section(content, tr, styles)
    story += _month_section(content, tr, styles)
    story += _topic_section(content, Topic.cases_by_status, tr, styles)
    story += _topic_section(content, Topic.overdue_assessments, tr, styles, charts.AMBER)
    story += _topic_section(content, Topic.outcomes, tr, styles, charts.NAVY)
    story += _topic_section(content, Topic.time_to_assess, tr, styles)
    story += _topic_section(content, Topic.assessment_timeliness, tr, styles, charts.NAVY)
    story += _topic_section(content, Topic.advice_by_category, tr, styles, charts.SKY)
    story += _topic_section(content, Topic.advice_by_requester, tr, styles, charts.SKY)
    story += _annual_sections(content, tr, styles)
    offices_table = content.table(Topic.advice_by_office)
    if content.source == "consolidated" or (offices_table is not None and len(offices_table.cells) > 1):
        story += _topic_section(content, Topic.cases_by_office, tr, styles, charts.NAVY)
        story += _topic_section(content, Topic.advice_by_office, tr, styles, charts.SKY)
    return story


def _annual_sections(content: ReportContent, tr: Translator, styles: _Styles) -> list[Flowable]:
    """The annual report's breakdowns: the cases' content, YDI compliance, training reach."""
    story: list[Flowable] = []
    for topic, color in (
        (Topic.protected_activity_kinds, charts.BLUE),
        (Topic.detrimental_action_kinds, charts.AMBER),
        (Topic.measures_recommended, charts.NAVY),
        (Topic.measure_responses, charts.BLUE),
        (Topic.hq_reviews, charts.NAVY),
        (Topic.hq_determinations, charts.NAVY),
        (Topic.final_outcomes, charts.AMBER),
        (Topic.ydi_filings, charts.NAVY),
        (Topic.ydi_reviews, charts.AMBER),
        (Topic.training_sessions, charts.SKY),
        (Topic.training_participants, charts.SKY),
    ):
        story += _topic_section(content, topic, tr, styles, color)
    return story


class _PagedCanvas(Canvas):
    """Draws the running header and footer once the page count is known ("Page 2 of 5")."""

    def __init__(self, *args: Any, decorate: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._decorate = decorate

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        count = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self._decorate is not None:
                self._decorate(self, self._pageNumber, count)
            super().showPage()
        super().save()


def render_pdf(content: ReportContent, lang: str) -> bytes:
    """The report as PDF bytes, in ``lang`` (en, fr or es), independent of the interface language."""
    tr = translator(lang)
    styles = _Styles()
    buffer = io.BytesIO()
    title = {
        "vault": tr.gettext("Periodic report"),
        "anonymized": tr.gettext("Anonymized statistics"),
        "consolidated": tr.gettext("Consolidated statistics"),
    }[content.source]
    marking = (
        tr.gettext("Confidential · for internal use")
        if content.source == "vault"
        else tr.gettext("Statistics only · no personal data")
    )
    footer = f"{content.organization} · {title} · {content.period.title(tr)}"

    def decorate(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        if page == 1:
            canvas.setFillColor(NAVY)
            canvas.rect(0, PAGE_HEIGHT - 24 * mm, PAGE_WIDTH, 24 * mm, stroke=0, fill=1)
            canvas.setFillColor(colors.white)
            canvas.setFont(FONT_BOLD, 13)
            canvas.drawString(MARGIN, PAGE_HEIGHT - 13 * mm, content.organization)
            canvas.setFont(FONT, 9)
            canvas.drawString(MARGIN, PAGE_HEIGHT - 19 * mm, marking)
            canvas.drawRightString(
                PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 19 * mm, tr.format_date(content.today, "long")
            )
        else:
            canvas.setFont(FONT, 8)
            canvas.setFillColor(GREY)
            canvas.drawString(MARGIN, PAGE_HEIGHT - 11 * mm, marking)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, 13 * mm, PAGE_WIDTH - MARGIN, 13 * mm)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, 9 * mm, footer)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 9 * mm, tr.gettext("Page {page} of {pages}", page=page,
                                                                        pages=pages))
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=f"{title} · {content.period.title(tr)}",
        author=content.organization,
        creator="EcoDesk",
        lang=tr.lang,
    )
    document.build(
        _story(content, tr, styles), canvasmaker=lambda *a, **k: _PagedCanvas(*a, decorate=decorate, **k)
    )
    return buffer.getvalue()


def write_pdf(path: Path, content: ReportContent, lang: str) -> None:
    """Render and write the report atomically (the file is complete or absent)."""
    atomic_write(Path(path), render_pdf(content, lang))


__all__ = [
    "ReportContent",
    "content_from_consolidated",
    "content_from_dashboard",
    "content_from_stats",
    "render_pdf",
    "write_pdf",
]
