"""The Reports page: how the caseload evolves, as charts with the numbers behind them.

A period picker and filters on top; headline figures; one chart per topic (QtCharts). Clicking a bar (or a
row of the numbers) lists the records counted there; double-clicking one asks the main window to open it
(``open_record_requested``). Buttons export the periodic report (PDF, in a chosen language) and the numbers
(CSV), and send the anonymized statistics to HQ as an encrypted package. All counts come from
``ecodesk.reports`` (SQL in the vault); this page runs no SQL and writes no temporary file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
from PySide6.QtCore import QDate, QEvent, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecodesk.errors import EcoDeskError
from ecodesk.i18n import LANGUAGE_NAMES, LANGUAGES, _, format_number, get_language, translator
from ecodesk.models import ADVICE_CATEGORY_LABELS
from ecodesk.reports.charts import cell_text
from ecodesk.reports.dashboard import Dashboard, ReportFilters, build_dashboard, make_filters, office_choices
from ecodesk.reports.pdf import ReportContent, content_from_consolidated, content_from_dashboard
from ecodesk.reports.periods import Period, parse_period, period_between
from ecodesk.reports.tables import Cell, CountTable, Table, key_label, table_title
from ecodesk.ui.session import Session
from ecodesk.ui.tasks import run_task
from ecodesk.ui.widgets import alert_color, ask_save_path, is_dark, show_error

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
}
PERIOD_KINDS = ("year", "half", "quarter", "month", "range")
SOURCES = ("vault", "consolidated")


class ChartCard(QGroupBox):
    """One chart; emits ``bar_clicked(table, key)`` when a bar is clicked."""

    bar_clicked = Signal(str, str)
    selected = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.tables, self.horizontal, self.colors = CHARTS[key]
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.setBackgroundRoundness(0)
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setMinimumHeight(240 if key == "months" else 220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view)
        self.keys: list[str] = []
        self.sets: list[QBarSet] = []

    def mousePressEvent(self, event: object) -> None:
        self.selected.emit(self.key)
        super().mousePressEvent(event)  # type: ignore[arg-type]

    def clear(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
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


class ReportsView(QWidget):
    open_record_requested = Signal(str)
    status_message = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dashboard: Dashboard | None = None  # this vault's counts (None in the consolidated view)
        self.content: ReportContent | None = None  # what is shown: this vault's or the regions' statistics
        self.current_chart = "months"
        self.drill: tuple[Table, str] | None = None
        self._build()
        session.unlocked.connect(self.refresh)
        session.locked.connect(self.clear)
        session.records_changed.connect(self.refresh)
        self.retranslate_ui()
        if session.is_unlocked:
            self.refresh()

    # -- building ----------------------------------------------------------------------------------------
    def _build(self) -> None:
        today = dt.date.today()
        self.period_label = QLabel(self)
        self.period_kind = QComboBox(self)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.part = QComboBox(self)
        self.date_from, self.date_to = QDateEdit(self), QDateEdit(self)
        for edit, value in ((self.date_from, QDate(today.year, 1, 1)), (self.date_to, QDate(today.year, 12, 31))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(value)
        self.source_label, self.source = QLabel(self), QComboBox(self)
        self.office_label, self.office = QLabel(self), QComboBox(self)
        self.kind_label, self.kind = QLabel(self), QComboBox(self)
        self.category_label, self.category = QLabel(self), QComboBox(self)
        self.lang_label, self.report_lang = QLabel(self), QComboBox(self)
        for code in LANGUAGES:
            self.report_lang.addItem(LANGUAGE_NAMES[code], code)
        self.report_lang.setCurrentIndex(LANGUAGES.index(get_language()))
        self.pdf_button, self.csv_button, self.send_button = QPushButton(self), QPushButton(self), QPushButton(self)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.csv_button.clicked.connect(self.export_csv)
        self.send_button.clicked.connect(self.send_statistics)
        for widget in (self.source, self.period_kind, self.part, self.office, self.kind, self.category):
            widget.currentIndexChanged.connect(self._filters_changed)
        self.year.valueChanged.connect(self._filters_changed)
        self.date_from.dateChanged.connect(self._filters_changed)
        self.date_to.dateChanged.connect(self._filters_changed)

        filters = QHBoxLayout()
        filters.addWidget(self.source_label)
        filters.addWidget(self.source)
        filters.addSpacing(12)
        for widget in (self.period_label, self.period_kind, self.year, self.part, self.date_from, self.date_to):
            filters.addWidget(widget)
        filters.addSpacing(12)
        for widget in (self.office_label, self.office, self.kind_label, self.kind, self.category_label, self.category):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        actions = QHBoxLayout()
        actions.addWidget(self.heading)
        actions.addStretch(1)
        for widget in (self.lang_label, self.report_lang, self.pdf_button, self.csv_button, self.send_button):
            actions.addWidget(widget)
        self.tiles: dict[str, tuple[QLabel, QLabel]] = {}
        tiles = QHBoxLayout()
        for key in ("cases", "open_cases", "overdue", "median_days_to_assess", "advice"):
            frame = QFrame(self)
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            number, caption = QLabel("–", frame), QLabel(frame)
            big = number.font()
            big.setPointSizeF(big.pointSizeF() * 1.9)
            big.setBold(True)
            number.setFont(big)
            box = QVBoxLayout(frame)
            box.addWidget(number)
            box.addWidget(caption)
            tiles.addWidget(frame)
            self.tiles[key] = (number, caption)

        self.cards: dict[str, ChartCard] = {}
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        positions = {"months": (0, 0, 1, 2), "status": (1, 0, 1, 1), "outcomes": (1, 1, 1, 1),
                     "overdue": (2, 0, 1, 1), "time": (2, 1, 1, 1), "advice": (3, 0, 1, 1),
                     "advice_offices": (3, 1, 1, 1)}
        for key, (row, column, rows, columns) in positions.items():
            card = ChartCard(key, grid_host)
            card.bar_clicked.connect(lambda table, k: self.show_records(Table(table), k))
            card.selected.connect(self.show_numbers)
            grid.addWidget(card, row, column, rows, columns)
            self.cards[key] = card
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)

        side = QWidget(self)
        self.numbers_title = QLabel(side)
        self.numbers_title.setWordWrap(True)
        self.numbers = QTableWidget(0, 2, side)
        self.numbers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.numbers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.numbers.verticalHeader().setVisible(False)
        self.numbers.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.numbers.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.numbers.cellClicked.connect(self._number_clicked)
        self.records_title = QLabel(side)
        self.records_title.setWordWrap(True)
        self.records = QListWidget(side)
        self.records.itemActivated.connect(self._open_item)
        self.records.itemDoubleClicked.connect(self._open_item)
        self.open_button = QPushButton(side)
        self.open_button.clicked.connect(lambda: self._open_item(self.records.currentItem()))
        side_layout = QVBoxLayout(side)
        for widget in (self.numbers_title, self.numbers, self.records_title, self.records, self.open_button):
            side_layout.addWidget(widget)
        splitter = QSplitter(self)
        splitter.addWidget(scroll)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addLayout(tiles)
        layout.addWidget(splitter, 1)
        self._update_period_widgets()

    def retranslate_ui(self) -> None:
        self.source_label.setText(_("Show:"))
        self._refill(self.source, [("vault", _("This vault")), ("consolidated", _("Statistics received from offices"))])
        self.period_label.setText(_("Period:"))
        self._refill(self.period_kind, [(k, t) for k, t in zip(PERIOD_KINDS, (
            _("Year"), _("Half-year"), _("Quarter"), _("Month"), _("From… to…")), strict=True)])
        self._fill_parts()
        self.office_label.setText(_("Office:"))
        self.kind_label.setText(_("Records:"))
        self._refill(self.kind, [("", _("Cases and advice")), ("retaliation", _("Cases only")),
                                 ("advice", _("Advice only"))])
        self.category_label.setText(_("Advice category:"))
        self._refill(self.category, [("", _("All categories")),
                                     *((c.value, _(label)) for c, label in ADVICE_CATEGORY_LABELS.items())])
        self.lang_label.setText(_("Report language:"))
        self.pdf_button.setText(_("Export PDF…"))
        self.csv_button.setText(_("Export CSV…"))
        self.send_button.setText(_("Send statistics to HQ…"))
        self.open_button.setText(_("Open record"))
        names = {
            "source": _("What to show"),
            "period_kind": _("Kind of period"), "year": _("Year"), "part": _("Quarter, half-year or month"),
            "date_from": _("First day"), "date_to": _("Last day"), "office": _("Office"), "kind": _("Records"),
            "category": _("Advice category"),
            "report_lang": _("Report language"), "pdf_button": _("Export PDF"), "csv_button": _("Export CSV"),
            "send_button": _("Send statistics to HQ"), "numbers": _("Numbers behind the chart"),
            "records": _("Records behind the selected bar"), "open_button": _("Open record"),
        }
        for attribute, name in names.items():
            getattr(self, attribute).setAccessibleName(name)
        captions = {
            "cases": _("Cases received"), "open_cases": _("Open cases"), "overdue": _("Overdue assessments"),
            "median_days_to_assess": _("Median days to assess"), "advice": _("Advice requests"),
        }
        for key, (number, caption) in self.tiles.items():
            caption.setText(captions[key])
            number.setAccessibleName(captions[key])
        titles = {"months": _("Cases and advice requests received per month")}
        tr = translator()
        for key, card in self.cards.items():
            card.setTitle(titles.get(key) or table_title(card.tables[0], tr))
            card.view.setAccessibleName(card.title())
        self.numbers.setHorizontalHeaderLabels([_("Category"), _("Number")])
        if self.content is not None:
            self._show_content()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for data, text in items:
            combo.addItem(text, data)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _fill_parts(self) -> None:
        kind = self.period_kind.currentData()
        if kind == "half":
            items = [(f"H{i}", _("Half-year {n}", n=i)) for i in (1, 2)]
        elif kind == "quarter":
            items = [(f"Q{i}", _("Quarter {n}", n=i)) for i in range(1, 5)]
        elif kind == "month":
            from babel.dates import get_month_names

            names = get_month_names("wide", locale=get_language())
            items = [(f"{i:02d}", names[i].capitalize()) for i in range(1, 13)]
        else:
            items = []
        self._refill(self.part, items)

    def _update_period_widgets(self) -> None:
        kind = self.period_kind.currentData() or "year"
        self.year.setVisible(kind != "range")
        self.part.setVisible(kind in ("half", "quarter", "month"))
        self.date_from.setVisible(kind == "range")
        self.date_to.setVisible(kind == "range")

    # -- data --------------------------------------------------------------------------------------------
    def period(self) -> Period:
        """The period chosen in the picker; InvalidInput for a reversed range."""
        kind = self.period_kind.currentData() or "year"
        year = self.year.value()
        if kind == "range":
            return period_between(self.date_from.date().toPython(), self.date_to.date().toPython())
        if kind == "year":
            return parse_period(str(year))
        return parse_period(f"{year}-{self.part.currentData()}")

    def filters(self) -> ReportFilters:
        return make_filters(
            self.period(),
            office=self.office.currentData() or None,
            kind=self.kind.currentData() or None,
            category=self.category.currentData() or None,
        )

    def set_period(self, text: str) -> None:
        """Choose a period such as ``2026``, ``2026-Q3`` or ``2026-07`` (as a user would in the picker)."""
        period = parse_period(text)
        kind = "year" if "-" not in period.label else {"H": "half", "Q": "quarter"}.get(period.label[5], "month")
        self.period_kind.setCurrentIndex(self.period_kind.findData(kind))
        self.year.setValue(period.start.year)
        if kind != "year":
            self.part.setCurrentIndex(self.part.findData(period.label[5:]))

    def _filters_changed(self) -> None:
        if self.sender() is self.period_kind:
            self._fill_parts()
            self._update_period_widgets()
        self.refresh()

    def refresh(self) -> None:
        """Recompute every chart for the chosen period and filters (a few fast queries in the vault)."""
        if not self.session.is_unlocked:
            return
        consolidated = self.source.currentData() == "consolidated"
        for widget in (self.office, self.kind, self.category, self.send_button, self.open_button):
            widget.setEnabled(not consolidated)
        try:
            vault = self.session.vault
            organization = vault.settings.organization_name
            if consolidated:
                self.dashboard = None
                self.content = self._consolidated(organization)
            else:
                offices = office_choices(vault)
                self._refill(self.office, [("", _("All offices")), *((o, o) for o in offices)])
                self.dashboard = build_dashboard(vault, self.filters())
                self.content = content_from_dashboard(self.dashboard, organization)
        except EcoDeskError as exc:
            self.clear()
            self.heading.setText(str(exc))
            self.status_message.emit(str(exc))
            return
        self._show_content()
        if consolidated:
            self.records.clear()
            self.records_title.setText(_("Statistics from the offices are counts only: no record lies behind them."))
        elif self.drill is not None:
            self.show_records(*self.drill)

    def _consolidated(self, organization: str) -> ReportContent:
        """HQ's view: the statistics received from the offices for the chosen period, summed."""
        from ecodesk.reports.consolidation import consolidate
        from ecodesk.reports.hq import received_statistics

        documents, _skipped = received_statistics(self.session.vault)
        stats = consolidate(documents, self.period().label)
        return content_from_consolidated(stats, organization, dt.date.today())

    def _show_content(self) -> None:
        content = self.content
        if content is None:
            return
        tr = translator()
        where = (
            _("Offices: {offices}", offices=content.office)
            if content.source == "consolidated"
            else _("Office: {office}", office=content.office)
        )
        self.heading.setText(f"{content.period.title(tr)} · {where}")
        values = self._tile_values(content)
        for key, (number, _caption) in self.tiles.items():
            number.setText(values[key])
        overdue = self.tiles["overdue"][0]
        color = alert_color(self.palette()).name() if values["overdue"] not in ("0", "–") else ""
        overdue.setStyleSheet(f"color: {color}" if color else "")
        for card in self.cards.values():
            card.show_tables(content)
        self.show_numbers(self.current_chart)

    @staticmethod
    def _tile_values(content: ReportContent) -> dict[str, str]:
        tr = translator()
        figures = content.figures
        if figures is not None:
            median = figures.median_days_to_assess
            return {
                "cases": format_number(figures.cases),
                "open_cases": format_number(figures.open_cases),
                "overdue": format_number(figures.overdue),
                "median_days_to_assess": "–" if median is None else format_number(round(median)),
                "advice": format_number(figures.advice),
            }

        def total(table: Table) -> str:  # statistics from the regions: table totals only
            found = content.table(table)
            if found is None:
                return "–"
            return cell_text(Cell(key="", count=found.total, at_least=found.total_at_least), tr)

        return {
            "cases": total(Table.cases_by_status),
            "open_cases": "–",
            "overdue": total(Table.overdue_assessments),
            "median_days_to_assess": "–",
            "advice": total(Table.advice_by_category),
        }

    def show_numbers(self, chart: str) -> None:
        """Fill the numbers table with the counts behind ``chart``."""
        self.current_chart = chart
        if self.content is None:
            return
        tr = translator()
        card = self.cards[chart]
        found = [self.content.table(t) for t in card.tables]
        tables: list[CountTable] = [t for t in found if t is not None]
        if len(tables) != len(found):
            self.numbers.setRowCount(0)
            return
        self.numbers_title.setText(card.title())
        self.numbers.setColumnCount(1 + len(tables))
        headers = [_("Category")] + ([_("Number")] if len(tables) == 1 else [_("Cases"), _("Advice requests")])
        self.numbers.setHorizontalHeaderLabels(headers)
        self.numbers.setRowCount(len(tables[0].cells) + 1)
        for row, cell in enumerate(tables[0].cells):
            item = QTableWidgetItem(key_label(tables[0].table, cell.key, tr))
            item.setData(Qt.ItemDataRole.UserRole, cell.key)
            self.numbers.setItem(row, 0, item)
            for column, table in enumerate(tables, start=1):
                count = QTableWidgetItem(cell_text(table.cells[row], tr))
                count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.numbers.setItem(row, column, count)
        last = len(tables[0].cells)
        self.numbers.setItem(last, 0, QTableWidgetItem(_("Total")))
        for column, table in enumerate(tables, start=1):
            total = QTableWidgetItem(cell_text(Cell(key="", count=table.total, at_least=table.total_at_least), tr))
            total.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.numbers.setItem(last, column, total)

    def _number_clicked(self, row: int, column: int) -> None:
        item = self.numbers.item(row, 0)
        key = item.data(Qt.ItemDataRole.UserRole) if item else None
        if key:
            tables = self.cards[self.current_chart].tables
            self.show_records(tables[1] if column == 2 and len(tables) > 1 else tables[0], key)

    def show_records(self, table: Table, key: str) -> None:
        """List the records counted under ``key`` in ``table`` (what a click on a bar shows)."""
        if self.dashboard is None or not self.session.is_unlocked:
            return
        from ecodesk.reports.dashboard import records_behind

        self.drill = (table, key)
        found = records_behind(self.session.vault, self.dashboard.filters, table, key, limit=500)
        tr = translator()
        self.records_title.setText(
            _("{chart}: {label} ({n})", chart=table_title(table, tr), label=key_label(table, key, tr),
              n=format_number(len(found)))
        )
        self.records.clear()
        for summary in found:
            item = QListWidgetItem(f"{summary.reference}  {summary.title}", self.records)
            item.setData(Qt.ItemDataRole.UserRole, summary.reference)
            item.setToolTip(summary.reference)

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_record_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def clear(self) -> None:
        """Forget everything shown (the vault was locked)."""
        self.dashboard = None
        self.content = None
        self.drill = None
        for card in self.cards.values():
            card.clear()
        for number, _caption in self.tiles.values():
            number.setText("–")
        self.heading.clear()
        self.numbers.setRowCount(0)
        self.records.clear()
        self.records_title.clear()

    # -- exports -----------------------------------------------------------------------------------------
    def _suggested(self, suffix: str) -> str:
        label = self.content.period.label if self.content else "report"
        return str(Path.home() / f"ecodesk-report-{label.replace('..', '_')}.{suffix}")

    def export_pdf(self) -> None:
        from ecodesk.reports.pdf import write_pdf

        content = self.content
        if content is None:
            return
        path = ask_save_path(self, _("Export the report as PDF"), self._suggested("pdf"), _("PDF files (*.pdf)"))
        if not path:
            return
        if self._run(_("Writing the report…"), write_pdf, Path(path), content, self.report_lang.currentData()):
            self.status_message.emit(_("Report written to {path}.", path=path))

    def export_csv(self) -> None:
        from ecodesk.reports.csv_export import write_csv

        content = self.content
        if content is None:
            return
        path = ask_save_path(self, _("Export the numbers as CSV"), self._suggested("csv"), _("CSV files (*.csv)"))
        if not path:
            return
        tr = translator(self.report_lang.currentData())
        tables, figures = content.tables, content.figures
        if self._run(_("Writing the numbers…"), write_csv, Path(path), tables, tr, figures):
            self.status_message.emit(_("Numbers written to {path}.", path=path))

    def send_statistics(self) -> None:
        """Anonymize the chosen period and write it as a stats package for an HQ contact."""
        from ecodesk.reports.anonymized import anonymize
        from ecodesk.reports.hq import send_statistics
        from ecodesk.storage.contacts import ContactStore

        if self.dashboard is None:
            return
        vault = self.session.vault
        contacts = [c.name for c in ContactStore(vault.db, vault.audit).list()]
        if not contacts:
            show_error(self, _("Add HQ as a contact first (Contacts page), then send the statistics."))
            return
        name, chosen = QInputDialog.getItem(self, _("Send statistics to HQ"), _("Send to:"), contacts, 0, False)
        if not chosen:
            return
        try:
            document = anonymize(build_dashboard(vault, make_filters(self.period(), office=vault.settings.office_code)))
        except EcoDeskError as exc:
            show_error(self, exc)
            return
        suggested = str(Path.home() / f"stats-{document.office}-{document.period.replace('..', '_')}.ecopkg")
        path = ask_save_path(self, _("Save the statistics package"), suggested, _("EcoDesk packages (*.ecopkg)"))
        if not path:
            return
        if self._run(_("Writing the package…"), send_statistics, vault, document, to=name, out=Path(path)):
            self.status_message.emit(_("Statistics written to {path}, encrypted for {name}.", path=path, name=name))

    def _run(self, title: str, fn: object, *args: object, **kwargs: object) -> bool:
        try:
            run_task(self, title, fn, *args, **kwargs)  # type: ignore[arg-type]
        except EcoDeskError as exc:
            show_error(self, exc)
            return False
        except OSError:
            show_error(self, _("The file could not be written. Check the folder exists and is writable."))
            return False
        return True
