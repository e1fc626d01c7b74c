"""Render a retaliation case's preliminary assessment memo to PDF bytes, in memory (no file is written)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus.doctemplate import LayoutError

from ecodesk.errors import EcoDeskError
from ecodesk.i18n import LANGUAGES, N_, Translator
from ecodesk.memo.content import MemoContext, SignatureSpot, build_story
from ecodesk.memo.fonts import register_fonts
from ecodesk.memo.interim import build_interim_story
from ecodesk.memo.layout import (
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    RIGHT_MARGIN,
    TOP_MARGIN,
    PageMarks,
    draw_watermark,
    memo_styles,
    numbered_canvas,
)
from ecodesk.models import OfficeSettings, RetaliationCase

# The PDF's document information is readable without opening the pages (file managers, desktop search, mail
# gateways index it). It therefore carries only the word "Memorandum": not the reference, which would tell an
# indexer that a retaliation complaint exists at this office, and no name or title.
PDF_TITLE = N_("Memorandum")
PDF_CREATOR = "EcoDesk"


@dataclass(frozen=True)
class RenderedMemo:
    pdf: bytes
    pages: int
    language: str
    signature_spot: SignatureSpot  # where a visible signature may go (the signature block)


def render_memo(
    case: RetaliationCase,
    settings: OfficeSettings,
    *,
    language: str,
    signed: bool = False,
    date: dt.date | None = None,
    addressee: str = "",
    interim: bool = False,
) -> RenderedMemo:
    """The memo as PDF bytes. ``signed=False`` gives a draft (DRAFT watermark on every page); ``signed=True``
    gives the final text, to be passed to ``sign_memo`` at once.

    ``interim=True`` gives the one-page urgent memo recommending interim protective measures
    (ecodesk/memo/interim.py), which may go before the assessment is complete.

    Raises ValueError for a language other than en/fr/es, EcoDeskError if an entry cannot fit on a page.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unsupported memo language {language!r}")
    register_fonts()
    t = Translator(language)
    ctx = MemoContext(
        case=case,
        settings=settings,
        t=t,
        styles=memo_styles(),
        date=date or dt.date.today(),
        addressee=addressee,
        signed=signed,
    )
    marks = PageMarks(
        confidential=t.gettext("STRICTLY CONFIDENTIAL"),
        reference=case.reference or "",
        page_of=lambda page, pages: t.gettext("Page {page} of {pages}", page=page, pages=pages),
        watermark=None if signed else t.gettext("DRAFT"),
    )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=t.gettext(PDF_TITLE),
        author="",
        subject="",
        keywords="",
        creator=PDF_CREATOR,
        lang=language,
    )

    def on_page(canvas: Any, _document: Any) -> None:
        draw_watermark(canvas, marks)

    try:
        story = build_interim_story(ctx) if interim else build_story(ctx)
        document.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=numbered_canvas(marks))
    except LayoutError:
        # reportlab's message quotes the text that did not fit: it must not reach a log or a traceback.
        raise EcoDeskError(N_("The memo cannot be laid out: one entry is longer than a page. Shorten it.")) from None
    return RenderedMemo(pdf=buffer.getvalue(), pages=document.page, language=language, signature_spot=ctx.spot)
