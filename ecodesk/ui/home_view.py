"""Home: what needs attention today. Assessments due within ``settings.due_soon_days`` (overdue ones first, in
red), and the records changed most recently. Double-click (or Enter) opens a record in its page.

The figures are read in a worker thread (with 100,000 cases the counts take a moment): the page never blocks
the window; ``loaded`` is emitted when it shows fresh figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QBrush, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecodesk.casework.waiting import WaitingCase, waiting_cases
from ecodesk.i18n import _, format_date, format_number, ngettext
from ecodesk.models import RecordKind, RecordSummary, SearchQuery, status_label
from ecodesk.models.cases import OPEN_CASE_STATUSES
from ecodesk.ui.first_run import FirstRunChecklist, FirstRunStep, first_run_steps
from ecodesk.ui.home_waiting import fill_waiting, waiting_headers
from ecodesk.ui.kit.session import Session
from ecodesk.ui.kit.widgets import alert_color, heading_label, warning_color

DUE_LIMIT = 200
RECENT_LIMIT = 15
DEADLINE_COLUMN = 4
_REFERENCE_ROLE = Qt.ItemDataRole.UserRole
_KIND_ROLE = Qt.ItemDataRole.UserRole + 1


def due_text(due_on: dt.date, today: dt.date) -> str:
    days = (due_on - today).days
    if days < 0:
        return ngettext("Overdue by {n} day", "Overdue by {n} days", -days)
    if days == 0:
        return _("Due today")
    return ngettext("{n} day left", "{n} days left", days)


@dataclass
class HomeFigures:
    due: list[RecordSummary]  # overdue first (sorted by due date), at most DUE_LIMIT
    recent: list[RecordSummary]
    open_cases: int
    overdue: int  # exact, unless ``overdue_more``
    due_soon: int  # exact, unless ``due_soon_more``
    overdue_more: bool = False  # the list is full of overdue cases: there may be more
    due_soon_more: bool = False  # the list was cut: there may be more due soon
    first_run: list[FirstRunStep] = field(default_factory=list)  # the new office's checklist
    waiting: list[WaitingCase] = field(default_factory=list)  # on HQ, on the Administration, follow-ups


def read_figures(session: Session, today: dt.date) -> HomeFigures:
    """What Home shows, read through the core with index-only queries (a worker thread runs it).

    The counts come from the due list itself (sorted by due date, overdue first): exact when the list is
    complete, "at least" when it was cut at DUE_LIMIT. Counting every open case's due date would read the
    whole table (seconds at 100,000 cases) while the rest of the window waits for the database.
    """
    records = session.vault.records
    soon = today + dt.timedelta(days=session.vault.settings.due_soon_days)
    cases = RecordKind.retaliation
    query = SearchQuery(kind=cases, due_before=soon, order_by="due_on", descending=False, limit=DUE_LIMIT + 1)
    due = records.find(query)
    cut = len(due) > DUE_LIMIT  # one more than shown tells whether the list was cut
    due = due[:DUE_LIMIT]
    recent = records.find(SearchQuery(order_by="updated_at", descending=True, limit=RECENT_LIMIT))
    open_cases = sum(records.count(SearchQuery(kind=cases, status=status)) for status in OPEN_CASE_STATUSES)
    overdue = sum(1 for row in due if row.due_on is not None and row.due_on < today)
    waiting = waiting_cases(session.vault, today, soon_days=session.vault.settings.due_soon_days)
    return HomeFigures(due, recent, open_cases, overdue, len(due) - overdue,
                       overdue_more=cut and overdue == len(due), due_soon_more=cut,
                       first_run=first_run_steps(session.vault), waiting=waiting)  # fmt: skip


class _Relay(QObject):
    done = Signal(int, object)  # generation, HomeFigures or the exception


class _ReadJob(QRunnable):
    def __init__(self, session: Session, relay: _Relay, generation: int, today: dt.date) -> None:
        super().__init__()
        self.session, self.relay, self.generation, self.today = session, relay, generation, today

    def run(self) -> None:
        try:
            result: object = read_figures(self.session, self.today)
        except Exception as exc:  # locked meanwhile: the result is dropped (its generation is stale)
            result = exc
        self.relay.done.emit(self.generation, result)


class HomeView(QWidget):
    """The start page. Emits ``open_record_requested(reference, kind)`` when a row is activated."""

    open_record_requested = Signal(str, str)
    status_message = Signal(str)
    loaded = Signal()  # fresh figures are shown

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        # Created first, destroyed first: its destructor waits for a running read whose result then goes to a
        # relay that still exists.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_read)
        self._generation = 0
        self.today = dt.date.today
        self.heading = heading_label(parent=self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.due_heading = heading_label(parent=self, scale=1.1)
        self.due = self._tree()
        self.waiting_heading = heading_label(parent=self, scale=1.1)
        self.waiting = self._tree()
        self.recent_heading = heading_label(parent=self, scale=1.1)
        self.recent = self._tree()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addSpacing(self.fontMetrics().height() // 2)
        self.checklist = FirstRunChecklist(self)
        layout.addWidget(self.checklist)
        layout.addWidget(self.due_heading)
        layout.addWidget(self.due, 3)
        layout.addWidget(self.waiting_heading)
        layout.addWidget(self.waiting, 2)
        layout.addWidget(self.recent_heading)
        layout.addWidget(self.recent, 2)
        self.setTabOrder(self.due, self.waiting)
        self.setTabOrder(self.waiting, self.recent)
        self._due_rows: list[RecordSummary] = []
        self._recent_rows: list[RecordSummary] = []
        self._figures: HomeFigures | None = None
        # After unlocking, the list pages read first (in the GUI thread); Home's worker then does not hold the
        # database while they wait for it.
        session.unlocked.connect(lambda: QTimer.singleShot(0, self.refresh))
        session.records_changed.connect(self.refresh)
        session.settings_changed.connect(self.refresh)
        session.locked.connect(self.clear)
        self.retranslate_ui()
        if session.is_unlocked:
            self.refresh()

    def _tree(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.itemActivated.connect(self._activated)
        tree.header().setStretchLastSection(False)
        return tree

    # -- data ----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the figures again, off the GUI thread (the newest request wins)."""
        if not self.session.is_unlocked:
            return
        self._generation += 1
        self.pool.start(_ReadJob(self.session, self._relay, self._generation, self.today()))

    def _on_read(self, generation: int, result: object) -> None:
        if generation != self._generation or not self.session.is_unlocked:
            return
        if isinstance(result, Exception):
            self.status_message.emit(str(result) if hasattr(result, "translated") else _("Home could not be read."))
            return
        assert isinstance(result, HomeFigures)
        self._figures = result
        self._due_rows, self._recent_rows = result.due, result.recent
        self.checklist.show_steps(result.first_run)
        self._fill()
        self.loaded.emit()

    def clear(self) -> None:
        self._generation += 1  # a read still running is for the vault that just locked
        self._due_rows, self._recent_rows = [], []
        self._figures = None
        self.due.clear()
        self.waiting.clear()
        self.recent.clear()
        self.summary.setText("")
        self.checklist.show_steps([])

    def _fill(self) -> None:
        today = self.today()
        alert, warn = alert_color(self.palette()), warning_color(self.palette())
        bold = QFont(self.font())
        bold.setBold(True)
        self.due.clear()
        for row in self._due_rows:
            assert row.due_on is not None
            item = self._item(row, [row.reference, row.title, format_date(row.received_on),
                                    format_date(row.due_on), due_text(row.due_on, today)])  # fmt: skip
            days = (row.due_on - today).days
            # Only the deadline column is coloured: a long overdue list stays readable, not a wall of red.
            if days < 0:
                item.setForeground(DEADLINE_COLUMN, QBrush(alert))
                item.setFont(DEADLINE_COLUMN, bold)
            elif days <= 2:
                item.setForeground(DEADLINE_COLUMN, QBrush(warn))
            self.due.addTopLevelItem(item)
        fill_waiting(self.waiting, self._figures.waiting if self._figures else [], today)
        self.recent.clear()
        for row in self._recent_rows:
            kind = {RecordKind.retaliation: _("Case"), RecordKind.advice: _("Advice"),
                    RecordKind.ydi: _("Yearly Declaration of Interest"),
                    RecordKind.training: _("Training")}.get(row.kind, "")
            updated = format_date(row.updated_at.date())
            status = status_label(row.kind, row.status)
            self.recent.addTopLevelItem(self._item(row, [row.reference, row.title, kind, status, updated]))
        for tree in (self.due, self.recent):
            tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            for column in (0, 2, 3, 4):
                tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self._update_summary()

    def _item(self, row: RecordSummary, texts: list[str]) -> QTreeWidgetItem:
        item = QTreeWidgetItem(texts)
        item.setData(0, _REFERENCE_ROLE, row.reference)
        item.setData(0, _KIND_ROLE, str(row.kind))
        return item

    def _update_summary(self) -> None:
        if not self.session.is_unlocked:
            return
        figures = self._figures
        if figures is None:
            self.summary.setText("")
            return
        if figures.overdue_more:
            parts = [_("At least {n} overdue assessments", n=format_number(figures.overdue))]
        else:
            parts = [ngettext("{n} overdue assessment", "{n} overdue assessments", figures.overdue)]
            if figures.due_soon_more:
                parts.append(_("at least {n} due soon", n=format_number(figures.due_soon)))
            else:
                parts.append(ngettext("{n} due soon", "{n} due soon", figures.due_soon))
        parts.append(ngettext("{n} open case", "{n} open cases", figures.open_cases))
        # Home counts every record as of today; Reports counts a period's records: each figure says its scope.
        self.summary.setText(_("All records, today: {figures}", figures=" · ".join(parts)))
        self.summary.setAccessibleName(self.summary.text())
        if not self._due_rows:
            placeholder = QTreeWidgetItem([_("Nothing is due in the coming days.")])
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.due.addTopLevelItem(placeholder)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        reference = item.data(0, _REFERENCE_ROLE)
        if reference:
            self.open_record_requested.emit(str(reference), str(item.data(0, _KIND_ROLE)))

    # -- language ------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(_("Home"))
        self.due_heading.setText(_("Assessments due"))
        self.waiting_heading.setText(_("Waiting on HQ or the Administration"))
        self.waiting.setHeaderLabels(waiting_headers())
        self.waiting.setAccessibleName(_("Cases waiting on HQ or on the Administration, and measures to follow up"))
        self.recent_heading.setText(_("Recently updated"))
        self.due.setHeaderLabels([_("Reference"), _("Title"), _("Received on"), _("Due"), _("Time left")])
        self.recent.setHeaderLabels([_("Reference"), _("Title"), _("Type"), _("Status"), _("Updated")])
        self.due.setAccessibleName(_("Assessments due, overdue first"))
        self.recent.setAccessibleName(_("Recently updated records"))
        if self.session.is_unlocked:
            self._fill()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._figures is not None:  # a contact added on another page: the checklist follows
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.PaletteChange and self.session.is_unlocked:
            self._fill()  # the theme changed: pick the red and amber that read on the new background
        super().changeEvent(event)
