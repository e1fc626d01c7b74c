"""The charts of the Reports page (QtCharts): one card per topic, bars labelled with their counts.

A card draws the tables of a ``ReportContent`` and emits ``bar_clicked(table, key)`` when a bar is clicked
and ``selected(chart)`` when the card is clicked (the page then shows the numbers behind it).
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QFrame, QGroupBox, QVBoxLayout, QWidget

from ecodesk.i18n import _, translator
from ecodesk.reports.pdf import ReportContent
from ecodesk.reports.tables import Table, key_label, table_title
from ecodesk.ui.kit.widgets import is_dark

NAVY, BLUE, SKY, AMBER = "#1F3B57", "#2E75B6", "#9DC3E6", "#C55A11"
# chart key -> (tables drawn, horizontal bars, colours per table)
CHARTS: dict[str, tuple[tuple[Table, ...], bool, tuple[str, ...]]] = {
    "months": ((Table.cases_by_month, Table.advice_by_month), False, (NAVY, SKY)),
    "status": ((Table.cases_by_status,), True, (BLUE,)),
    "outcomes": ((Table.outcomes,), True, (NAVY,)),
    "overdue": ((Table.overdue_assessments,), True, (AMBER,)),
    "time": ((Table.time_to_assess,), True, (BLUE,)),
    "advice": ((Table.advice_by_category,), True, (SKY,)),
    "advice_offices": ((Table.advice_by_office,), True, (SKY,)),
    # The annual report's breakdowns
    "activities": ((Table.protected_activity_kinds,), True, (BLUE,)),
    "actions": ((Table.detrimental_action_kinds,), True, (AMBER,)),
    "measures": ((Table.measures_recommended,), True, (NAVY,)),
    "requesters": ((Table.advice_by_requester,), True, (SKY,)),
    "measure_responses": ((Table.measure_responses,), True, (BLUE,)),
    "hq_reviews": ((Table.hq_reviews,), True, (NAVY,)),
    "hq_determinations": ((Table.hq_determinations,), True, (NAVY,)),
    "final_outcomes": ((Table.final_outcomes,), True, (AMBER,)),
    "ydi": ((Table.ydi_filings,), True, (NAVY,)),
    "ydi_reviews": ((Table.ydi_reviews,), True, (AMBER,)),
    "training": ((Table.training_participants,), True, (SKY,)),
    "training_sessions": ((Table.training_sessions,), True, (SKY,)),
}


def _new_chart() -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    return chart


class ChartCard(QGroupBox):
    """One chart; emits ``bar_clicked(table, key)`` when a bar is clicked."""

    bar_clicked = Signal(str, str)
    selected = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.tables, self.horizontal, self.colors = CHARTS[key]
        self.chart = _new_chart()
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setMinimumHeight(240 if key == "months" else 220)
        self.view.setMinimumWidth(180)  # two charts side by side fit a 1280 px window
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view)
        self.keys: list[str] = []
        self.sets: list[QBarSet] = []

    def mousePressEvent(self, event: object) -> None:
        self.selected.emit(self.key)
        super().mousePressEvent(event)  # type: ignore[arg-type]

    def clear(self) -> None:
        """Draw nothing. A new chart replaces the old one: QtCharts keeps drawing the labels of removed axes, so
        after a language switch the old language's labels would stay under the new ones."""
        old, self.chart = self.chart, _new_chart()
        self.view.setChart(self.chart)
        old.deleteLater()
        self.keys, self.sets = [], []

    def show_tables(self, content: ReportContent) -> None:
        self.clear()
        tr = translator()
        found = [content.table(t) for t in self.tables]
        tables = [t for t in found if t is not None]
        if len(tables) != len(found) or not tables[0].cells:
            return
        dark = is_dark(self.palette())
        self.chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
        self.chart.setBackgroundVisible(False)
        cells = tables[0].cells
        order = list(reversed(range(len(cells)))) if self.horizontal else list(range(len(cells)))
        self.keys = [cells[i].key for i in order]
        series: QAbstractBarSeries = QHorizontalBarSeries() if self.horizontal else QBarSeries()
        series_names = {Table.cases_by_month: _("Cases received"), Table.advice_by_month: _("Advice requests")}
        for table, color in zip(tables, self.colors, strict=True):
            bar_set = QBarSet(series_names.get(table.table) or table_title(table.table, tr))
            bar_set.setColor(QColor(color))
            bar_set.setLabelColor(self.palette().color(QPalette.ColorRole.WindowText))
            bar_set.setBorderColor(QColor(color))
            bar_set.append([float(table.cells[i].count or 0) for i in order])
            bar_set.clicked.connect(lambda index, t=table.table: self._clicked(t, index))
            series.append(bar_set)
            self.sets.append(bar_set)
        series.setLabelsVisible(len(self.keys) <= 24)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsPrecision(9)
        self.chart.addSeries(series)
        categories = QBarCategoryAxis()
        short = len(self.keys) > 6
        categories.append([key_label(tables[0].table, key, tr, short=short) for key in self.keys])
        categories.setTruncateLabels(False)  # QtCharts would turn every label into "..." when one is long
        values = QValueAxis()
        values.setLabelFormat("%d")
        top = max([0.0] + [s.at(i) for s in self.sets for i in range(s.count())])
        values.setRange(0, max(4.0, top * 1.15))
        values.applyNiceNumbers()
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if self.horizontal else Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if self.horizontal else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
        if not self.horizontal and len(self.keys) > 12:
            categories.setLabelsAngle(-60)
        self.chart.legend().setVisible(len(tables) > 1)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)

    def _clicked(self, table: Table, index: int) -> None:
        if 0 <= index < len(self.keys):
            self.bar_clicked.emit(table.value, self.keys[index])
