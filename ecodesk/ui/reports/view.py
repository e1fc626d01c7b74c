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

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFrame,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecodesk.errors import EcoDeskError
from ecodesk.i18n import LANGUAGE_NAMES, LANGUAGES, _, format_date, format_number, get_language, translator
from ecodesk.models import ADVICE_CATEGORY_LABELS
from ecodesk.reports.charts import cell_text
from ecodesk.reports.dashboard import Dashboard, ReportFilters, build_dashboard, make_filters, office_choices
from ecodesk.reports.pdf import ReportContent, content_from_consolidated, content_from_dashboard
from ecodesk.reports.periods import Period
from ecodesk.reports.tables import Cell, CountTable, Table, key_label, table_title
from ecodesk.ui.kit.dialogs import ask_save_path, show_error
from ecodesk.ui.kit.flow import FlowRow, PageLayout, group
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.session import Session, follow_session
from ecodesk.ui.kit.tasks import run_task
from ecodesk.ui.kit.widgets import alert_color
from ecodesk.ui.reports.charts import ChartCard
from ecodesk.ui.reports.period import PeriodPicker, refill

WIDE_ENOUGH_FOR_SIDE_TABLES = 1500  # page width (px) from which the numbers sit beside the charts


class ReportsView(Retranslating, QWidget):
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
        follow_session(
            session, self.refresh, self.clear, self.retranslate_ui,
            also_refresh_on=[session.records_changed], clear_at_start=False,
        )

    # -- building ----------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.picker = PeriodPicker(self)
        self.picker.changed.connect(self._filters_changed)
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
        for widget in (self.source, self.office, self.kind, self.category):
            widget.currentIndexChanged.connect(self._filters_changed)

        filters = FlowRow(self, spacing=12)  # wraps at 1280 px rather than scrolling sideways or cutting a combo
        filters.addWidget(group(self, self.source_label, self.source))
        filters.addWidget(self.picker)
        for label, combo in ((self.office_label, self.office), (self.kind_label, self.kind),
                             (self.category_label, self.category)):
            filters.addWidget(group(self, label, combo))
        for combo in (self.source, self.office, self.kind, self.category, self.report_lang):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.scope = QLabel(self)  # what the figures count: Home's figures are about every record, today
        self.scope.setWordWrap(True)
        self.heading.setWordWrap(True)
        actions = FlowRow(self)  # the export buttons stay visible in every language
        actions.addWidget(group(self, self.lang_label, self.report_lang))
        for button in (self.pdf_button, self.csv_button, self.send_button):
            actions.addWidget(button)
        self.tiles: dict[str, tuple[QLabel, QLabel]] = {}
        tiles = FlowRow(self, spacing=8)  # the cards wrap rather than hiding the fifth one
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
            frame.setMinimumWidth(170)
            tiles.addWidget(frame)
            self.tiles[key] = (number, caption)

        self.cards: dict[str, ChartCard] = {}
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        positions = {"months": (0, 0, 1, 2), "status": (1, 0, 1, 1), "outcomes": (1, 1, 1, 1),
                     "overdue": (2, 0, 1, 1), "time": (2, 1, 1, 1), "advice": (3, 0, 1, 1),
                     "advice_offices": (3, 1, 1, 1), "activities": (4, 0, 1, 1), "actions": (4, 1, 1, 1),
                     "measures": (5, 0, 1, 1), "requesters": (5, 1, 1, 1), "ydi": (6, 0, 1, 1),
                     "ydi_reviews": (6, 1, 1, 1), "training": (7, 0, 1, 1), "training_sessions": (7, 1, 1, 1),
                     "measure_responses": (8, 0, 1, 1), "hq_reviews": (8, 1, 1, 1),
                     "hq_determinations": (9, 0, 1, 1), "final_outcomes": (9, 1, 1, 1)}
        for key, (row, column, rows, columns) in positions.items():
            card = ChartCard(key, grid_host)
            card.bar_clicked.connect(lambda table, k: self.show_records(Table(table), k))
            card.selected.connect(self.show_numbers)
            grid.addWidget(card, row, column, rows, columns)
            self.cards[key] = card
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the charts take the width given
        scroll.setWidget(grid_host)
        grid_host.setMinimumWidth(0)

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
        numbers_column, records_column = QVBoxLayout(), QVBoxLayout()
        for widget in (self.numbers_title, self.numbers):  # type: ignore[assignment]
            numbers_column.addWidget(widget)
        for widget in (self.records_title, self.records, self.open_button):  # type: ignore[assignment]
            records_column.addWidget(widget)
        # Beside the charts the numbers sit above the records; under the charts, side by side.
        self.side_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, side)
        self.side_layout.setContentsMargins(0, 0, 0, 0)
        self.side_layout.addLayout(numbers_column, 1)
        self.side_layout.addLayout(records_column, 1)
        self.splitter = splitter = QSplitter(self)
        splitter.addWidget(scroll)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = PageLayout(self)
        layout.addWidget(filters)
        layout.addWidget(self.heading)
        layout.addWidget(self.scope)
        layout.addWidget(actions)
        layout.addWidget(tiles)
        layout.addWidget(splitter, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Numbers beside the charts when wide, under them when narrow (a 1280 px screen)."""
        wide = event.size().width() >= WIDE_ENOUGH_FOR_SIDE_TABLES
        self.splitter.setOrientation(Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical)
        self.side_layout.setDirection(QBoxLayout.Direction.TopToBottom if wide else QBoxLayout.Direction.LeftToRight)
        super().resizeEvent(event)

    def retranslate_ui(self) -> None:
        self.picker.retranslate_ui()
        self.source_label.setText(_("Show:"))
        refill(self.source, [("vault", _("This vault")), ("consolidated", _("Statistics received from offices"))])
        self.office_label.setText(_("Office:"))
        self.kind_label.setText(_("Records:"))
        refill(self.kind, [("", _("Cases and advice")), ("retaliation", _("Cases only")),
                                 ("advice", _("Advice only"))])
        self.category_label.setText(_("Advice category:"))
        refill(self.category, [("", _("All categories")),
                                     *((c.value, _(label)) for c, label in ADVICE_CATEGORY_LABELS.items())])
        self.lang_label.setText(_("Report language:"))
        self.report_lang.setCurrentIndex(LANGUAGES.index(get_language()))  # follows the screen until exported
        self.pdf_button.setText(_("Export PDF…"))
        self.csv_button.setText(_("Export CSV…"))
        self.send_button.setText(_("Send statistics to HQ…"))
        self.open_button.setText(_("Open record"))
        names = {
            "source": _("What to show"),
            "office": _("Office"), "kind": _("Records"),
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
        # Rebuild from the vault, not from what is shown: the office filter's first item, the charts' axes and
        # categories are all in the new language (charts are drawn anew, see ChartCard.clear).
        if self.content is not None:
            self.refresh()

    # -- data --------------------------------------------------------------------------------------------
    def period(self) -> Period:
        """The period chosen in the picker; InvalidInput for a reversed range."""
        return self.picker.period()

    def set_period(self, text: str) -> None:
        """Choose a period such as ``2026``, ``2026-Q3`` or ``2026-07`` (as a user would in the picker)."""
        self.picker.set_period(text)

    def filters(self) -> ReportFilters:
        return make_filters(
            self.period(),
            office=self.office.currentData() or None,
            kind=self.kind.currentData() or None,
            category=self.category.currentData() or None,
        )

    def _filters_changed(self) -> None:
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
            organization = vault.settings.organization_in(get_language())
            if consolidated:
                self.dashboard = None
                self.content = self._consolidated(organization)
            else:
                offices = office_choices(vault)
                refill(self.office, [("", _("All offices")), *((o, o) for o in offices)])
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
        if content.source == "consolidated":
            where = _("Offices: {offices}", offices=content.office)
        elif self.dashboard is not None and self.dashboard.filters.office is None:
            where = _("All offices")  # the filter says so: the heading must not name the vault's own office
        else:
            where = _("Office: {office}", office=content.office)
        self.heading.setText(f"{content.period.title(tr)} · {where}")
        self.scope.setText(
            _("Figures count the records received in this period; statuses and overdue assessments are as of "
              "{date}.", date=format_date(content.today))
        )
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
            "advice": total(Table.advice_by_month),  # a request with several categories counts once
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
        for column in range(1, len(headers)):  # a count column is as wide as its heading: never cut
            self.numbers.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
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
        self.scope.clear()
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
        from ecodesk.reports.hq import send_statistics, statistics_to_send

        if self.dashboard is None:
            return
        vault = self.session.vault
        contacts = [c.name for c in vault.contacts.list()]
        if not contacts:
            show_error(self, _("Add HQ as a contact first (Contacts page), then send the statistics."))
            return
        name, chosen = QInputDialog.getItem(self, _("Send statistics to HQ"), _("Send to:"), contacts, 0, False)
        if not chosen:
            return
        try:
            document = anonymize(build_dashboard(vault, make_filters(self.period(), office=vault.settings.office_code)))
            document = statistics_to_send(vault, document)  # refuses a period overlapping one already sent
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
