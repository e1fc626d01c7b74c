"""Report charts as vector graphics (reportlab.graphics): bars with their numbers, in the report's language.

A withheld count (anonymized statistics) is drawn as an empty bar labelled ``x``; a sum that may be higher
(some regions withheld their figure) is labelled ``≥ n``.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ecodesk.i18n import Translator
from ecodesk.reports.tables import Cell, CountTable, key_label
from ecodesk.resources import resource_path

FONT = "EcoReportSans"
FONT_BOLD = "EcoReportSans-Bold"
_SYSTEM_FONTS = Path("/usr/share/fonts/truetype/dejavu")

NAVY = colors.HexColor("#1F3B57")
BLUE = colors.HexColor("#2E75B6")
SKY = colors.HexColor("#9DC3E6")
AMBER = colors.HexColor("#C55A11")
GREY = colors.HexColor("#595959")
GRID = colors.HexColor("#D9D9D9")
WITHHELD = "x"


def register_fonts() -> None:
    """Register DejaVu Sans (shipped in resources/fonts; the system copy on Debian as a fallback)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, filename in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        path = resource_path("fonts", filename)
        if not path.exists():
            path = _SYSTEM_FONTS / filename
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def cell_text(cell: Cell, tr: Translator) -> str:
    """The count as printed: ``x`` when withheld (or withheld by every region), ``≥ n`` when a sum may be higher."""
    if cell.count is None or (cell.at_least and cell.count == 0):
        return WITHHELD
    text = tr.format_number(cell.count)
    return f"≥ {text}" if cell.at_least else text


def _nice_max(value: int) -> tuple[int, int]:
    """An axis maximum and step with round numbers above ``value``."""
    value = max(value, 4)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000):
        if value / step <= 6:
            return (value // step + 1) * step, step
    step = 10 ** len(str(value))
    return (value // step + 1) * step, step


def month_chart(cases: CountTable, advice: CountTable, tr: Translator, width: float, height: float) -> Drawing:
    """Grouped bars per month: cases received and advice requests."""
    register_fonts()
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 42
    chart.width, chart.height = width - 44, height - 70
    chart.data = [[c.count or 0 for c in cases.cells], [c.count or 0 for c in advice.cells]]
    chart.barLabelArray = [[cell_text(c, tr) for c in cases.cells], [cell_text(c, tr) for c in advice.cells]]
    chart.barLabelFormat = "values"
    months = len(cases.cells)
    show_every = max(1, (months + 11) // 12)
    chart.categoryAxis.categoryNames = [
        key_label(cases.table, c.key, tr, short=True) if i % show_every == 0 else "" for i, c in enumerate(cases.cells)
    ]
    _style_axes(chart, max(chart.data[0] + chart.data[1] + [0]))
    chart.categoryAxis.labels.angle = 0 if months <= 6 else 45
    chart.categoryAxis.labels.boxAnchor = "n" if months <= 6 else "ne"
    chart.bars[0].fillColor, chart.bars[1].fillColor = NAVY, SKY
    chart.bars.strokeColor = None
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, 6 if months > 12 else 7
    chart.barLabels.nudge = 5
    wide_labels = any(text.startswith("≥") for row in chart.barLabelArray for text in row)
    chart.barLabels.visible = months <= 24 and not (wide_labels and months > 6)  # the table beside has them
    chart.groupSpacing, chart.barSpacing = 4, 1
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 36, height - 6
    legend.fontName, legend.fontSize = FONT, 8
    legend.alignment = "right"
    legend.columnMaximum, legend.deltax, legend.dx, legend.dy = 1, 120, 8, 8
    legend.strokeColor = None
    legend.colorNamePairs = [(NAVY, tr.gettext("Cases received")), (SKY, tr.gettext("Advice requests"))]
    drawing.add(legend)
    return drawing


def bar_chart(
    table: CountTable, tr: Translator, width: float, height: float | None = None, *, color: colors.Color = BLUE
) -> Drawing:
    """Horizontal bars, one per key, labelled in the report's language (long labels wrapped), with the count
    at the end. Without ``height``, 17 points per bar, 7 more per extra line of the longest label."""
    register_fonts()
    cells = list(reversed(table.cells))  # reportlab draws the first category at the bottom
    widest = width * 0.5
    labels = ["\n".join(simpleSplit(key_label(table.table, c.key, tr), FONT, 8, widest - 8)) for c in cells]
    lines = [t.split("\n") for t in labels]
    label_width = max([pdfmetrics.stringWidth(x, FONT, 8) for ls in lines for x in ls] + [32]) + 8
    if height is None:
        most = max((len(ls) for ls in lines), default=1)
        height = max(70.0, (17 + 7 * (most - 1)) * len(cells) + 24)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 14
    chart.width, chart.height = width - label_width - 24, height - 20
    chart.data = [[c.count or 0 for c in cells]]
    chart.barLabelArray = [[cell_text(c, tr) for c in cells]]
    chart.barLabelFormat = "values"
    chart.categoryAxis.categoryNames = labels
    _style_axes(chart, max(chart.data[0] + [0]))
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.labels.leading = 9
    chart.categoryAxis.labels.dx = -4
    chart.bars[0].fillColor = color
    chart.bars.strokeColor = None
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barWidth = 8
    chart.groupSpacing = 5
    drawing.add(chart)
    return drawing


def _style_axes(chart: VerticalBarChart | HorizontalBarChart, top: int) -> None:
    maximum, step = _nice_max(top)
    value, category = chart.valueAxis, chart.categoryAxis
    value.valueMin, value.valueMax, value.valueStep = 0, maximum, step
    value.labels.fontName, value.labels.fontSize = FONT, 7
    value.labels.fillColor = GREY
    value.strokeColor = None
    value.visibleGrid = True
    value.gridStrokeColor, value.gridStrokeWidth = GRID, 0.5
    value.labelTextFormat = "%d"
    category.labels.fontName, category.labels.fontSize = FONT, 8 if isinstance(chart, HorizontalBarChart) else 7
    category.labels.fillColor = colors.black
    category.strokeColor = GREY
    category.strokeWidth = 0.5
    category.visibleTicks = False


__all__ = [
    "AMBER", "BLUE", "FONT", "FONT_BOLD", "NAVY", "SKY", "bar_chart", "cell_text", "month_chart", "register_fonts",
]
