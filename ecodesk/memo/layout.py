"""Page furniture of a memo: A4 frame, "strictly confidential" marking, page X of Y, DRAFT watermark, styles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ecodesk.memo.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, SERIF_ITALIC

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = RIGHT_MARGIN = 25 * mm
TOP_MARGIN = 24 * mm
BOTTOM_MARGIN = 22 * mm
FRAME_PADDING = 6  # reportlab's default frame padding, on each side
TEXT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN - 2 * FRAME_PADDING

ACCENT = colors.HexColor("#1F3A5F")  # dark navy: letterhead rule and headings
CONFIDENTIAL_RED = colors.HexColor("#9B1C1C")
MUTED = colors.HexColor("#555555")


@dataclass(frozen=True)
class PageMarks:
    """The translated texts printed on every page."""

    confidential: str
    reference: str
    page_of: Callable[[int, int], str]  # (page, pages) -> "Page 2 of 5"
    watermark: str | None  # "DRAFT" until signed


def numbered_canvas(marks: PageMarks) -> type[Canvas]:
    """A canvas class that defers each page until the end so that "page X of Y" knows Y."""

    class _MemoCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("initialFontName", SANS)  # else reportlab references a non-embedded Helvetica
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                _draw_marks(self, marks, number, total)
                super().showPage()
            super().save()

    return _MemoCanvas


def draw_watermark(canvas: Canvas, marks: PageMarks) -> None:
    """The DRAFT watermark, drawn first so that the text stays on top of it."""
    if not marks.watermark:
        return
    canvas.saveState()
    canvas.setFillColor(colors.HexColor("#B0B0B0"))
    canvas.setFillAlpha(0.25)
    # As large as fits along the diagonal, whatever the word's length in the memo's language.
    size = min(
        110.0,
        0.62 * (PAGE_WIDTH**2 + PAGE_HEIGHT**2) ** 0.5 / max(canvas.stringWidth(marks.watermark, SANS_BOLD, 1), 1),
    )
    canvas.setFont(SANS_BOLD, size)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(54)
    canvas.drawCentredString(0, -size * 0.35, marks.watermark)
    canvas.restoreState()


def _draw_marks(canvas: Canvas, marks: PageMarks, page: int, pages: int) -> None:
    canvas.saveState()
    # Marking at the top and the bottom of every page, as for any strictly confidential document.
    canvas.setFillColor(CONFIDENTIAL_RED)
    canvas.setFont(SANS_BOLD, 8.5)
    canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 13 * mm, marks.confidential)
    canvas.drawCentredString(PAGE_WIDTH / 2, 9 * mm, marks.confidential)
    canvas.setStrokeColor(colors.HexColor("#BBBBBB"))
    canvas.setLineWidth(0.4)
    canvas.line(LEFT_MARGIN + FRAME_PADDING, 16 * mm, PAGE_WIDTH - RIGHT_MARGIN - FRAME_PADDING, 16 * mm)
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 8)
    canvas.drawString(LEFT_MARGIN + FRAME_PADDING, 12.5 * mm, marks.reference)
    canvas.drawRightString(PAGE_WIDTH - RIGHT_MARGIN - FRAME_PADDING, 12.5 * mm, marks.page_of(page, pages))
    canvas.restoreState()


@dataclass(frozen=True)
class Styles:
    organization: ParagraphStyle
    letterhead: ParagraphStyle
    title: ParagraphStyle
    label: ParagraphStyle
    field: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    item: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    signature: ParagraphStyle


def memo_styles() -> Styles:
    body = ParagraphStyle(
        "body", fontName=SERIF, fontSize=10, leading=14.2, alignment=TA_JUSTIFY, spaceAfter=6, wordWrap=None
    )
    return Styles(
        organization=ParagraphStyle("organization", fontName=SANS_BOLD, fontSize=14.5, leading=18, textColor=ACCENT),
        letterhead=ParagraphStyle("letterhead", fontName=SANS, fontSize=9, leading=12, textColor=MUTED),
        title=ParagraphStyle(
            "title",
            fontName=SANS_BOLD,
            fontSize=12,
            leading=16,
            alignment=TA_CENTER,
            spaceBefore=10,
            spaceAfter=10,
            textColor=ACCENT,
        ),
        label=ParagraphStyle("label", fontName=SANS_BOLD, fontSize=9.5, leading=13),
        field=ParagraphStyle("field", fontName=SERIF, fontSize=10, leading=13.5, alignment=TA_LEFT),
        heading=ParagraphStyle(
            "heading",
            fontName=SANS_BOLD,
            fontSize=11,
            leading=15,
            spaceBefore=10,
            spaceAfter=5,
            textColor=ACCENT,
            keepWithNext=True,
        ),
        subheading=ParagraphStyle(
            "subheading", fontName=SERIF_BOLD, fontSize=10, leading=14, spaceBefore=5, spaceAfter=3, keepWithNext=True
        ),
        body=body,
        item=ParagraphStyle("item", parent=body, leftIndent=14, bulletIndent=3),
        note=ParagraphStyle("note", parent=body, fontName=SERIF_ITALIC, fontSize=9, leading=12.5, textColor=MUTED),
        cell=ParagraphStyle("cell", fontName=SERIF, fontSize=8.5, leading=11),
        cell_head=ParagraphStyle("cell_head", fontName=SANS_BOLD, fontSize=8.5, leading=11, textColor=colors.white),
        signature=ParagraphStyle("signature", fontName=SERIF, fontSize=10, leading=13.5),
    )
