"""The case and advice lists: a lazy Qt table model over ``vault.records`` (pages of summaries, never bodies).

The model shows the first page of a query and fetches more as the view scrolls (``canFetchMore`` /
``fetchMore``), so a vault of 100,000 cases opens as fast as one of 100. New queries (typing in the search
box, a filter, a click on a column header) run off the GUI thread in a ``QThreadPool``; a result that arrives
after a newer query was started is dropped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from ecodesk.i18n import N_, _, format_date, ngettext
from ecodesk.models import (
    ADVICE_CATEGORY_LABELS,
    AdviceCategory,
    AdviceStatus,
    CaseStatus,
    RecordKind,
    RecordSummary,
    SearchQuery,
    status_label,
)
from ecodesk.ui.kit.session import Session

PAGE_SIZE = 200  # the first page of a query: what fills the window
MORE_SIZE = 1000  # later pages: a sort on a column without an index costs one scan per page
OPEN_STATUSES = {CaseStatus.received.value, CaseStatus.in_assessment.value, AdviceStatus.open.value}
SummaryRole = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str  # RecordSummary field, also the SearchQuery.order_by key
    header: str  # N_() text, translated when shown


CASE_COLUMNS = (
    Column("reference", N_("Reference")),
    Column("title", N_("Title")),
    Column("person", N_("Complainant")),
    Column("office", N_("Office")),
    Column("status", N_("Status")),
    Column("received_on", N_("Received on")),
    Column("due_on", N_("Assessment due")),
)
ADVICE_COLUMNS = (
    Column("reference", N_("Reference")),
    Column("title", N_("Question")),
    Column("person", N_("Requester")),
    Column("category", N_("Category")),
    Column("office", N_("Office")),
    Column("status", N_("Status")),
    Column("received_on", N_("Received on")),
    Column("due_on", N_("Follow-up")),
)


def due_colours(palette: QPalette | None = None) -> tuple[QColor, QColor]:
    """(overdue, due soon) text colours that keep their contrast on the current palette (light or dark)."""
    palette = palette or QGuiApplication.palette()
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    if dark:
        return QColor("#ff8a80"), QColor("#ffcc66")
    return QColor("#b3261e"), QColor("#8a5300")


def category_label(category: str) -> str:
    """The list column of an advice record's categories (``gifts,media``), each translated."""
    labels = []
    for code in category.split(","):
        try:
            labels.append(_(ADVICE_CATEGORY_LABELS[AdviceCategory(code)]))
        except ValueError:
            labels.append(code)
    return ", ".join(labels)


class _Relay(QObject):
    """Carries results from pool threads back to the GUI thread (queued signals)."""

    done = Signal(int, object, int, object)  # generation, query, total, rows (or the exception)
    page = Signal(int, int, object)  # generation, offset, rows (or the exception)


class _QueryJob(QRunnable):
    """Count and first page of a new query."""

    def __init__(self, session: Session, relay: _Relay, generation: int, query: SearchQuery) -> None:
        super().__init__()
        self.session, self.relay, self.generation, self.query = session, relay, generation, query

    def run(self) -> None:
        try:
            records = self.session.vault.records
            total = records.count(self.query)
            rows: object = records.find(self.query.model_copy(update={"limit": PAGE_SIZE, "offset": 0}))
        except Exception as exc:  # locked meanwhile, or a damaged vault: reported, never raised here
            total, rows = -1, exc
        self.relay.done.emit(self.generation, self.query, total, rows)


class _PageJob(QRunnable):
    """One more page of the current query (scrolling)."""

    def __init__(self, session: Session, relay: _Relay, generation: int, query: SearchQuery, offset: int) -> None:
        super().__init__()
        self.session, self.relay, self.generation, self.query, self.offset = session, relay, generation, query, offset

    def run(self) -> None:
        try:
            rows: object = self.session.vault.records.find(
                self.query.model_copy(update={"limit": MORE_SIZE, "offset": self.offset})
            )
        except Exception as exc:  # as above
            rows = exc
        self.relay.page.emit(self.generation, self.offset, rows)


class RecordTableModel(QAbstractTableModel):
    """Summaries of one kind of record, filtered by a SearchQuery, loaded page by page."""

    loaded = Signal()  # a new query's first page is shown
    fetched = Signal()  # more rows were appended
    busy_changed = Signal(bool)  # a query or page is being read
    failed = Signal(str)  # a query could not run (message for the user)

    def __init__(self, session: Session, kind: RecordKind, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kind = kind
        self.columns = CASE_COLUMNS if kind == RecordKind.retaliation else ADVICE_COLUMNS
        self._query = SearchQuery(kind=kind, order_by="received_on", descending=True, limit=PAGE_SIZE)
        self._rows: list[RecordSummary] = []
        self._total = 0
        self._generation = 0
        self._due_soon_days = 7
        self._today = dt.date.today()
        # The pool is created first so that it is destroyed first: its destructor waits for a running query,
        # whose result is then posted to a relay that still exists.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # queries are serialised by the database anyway
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.page.connect(self._on_page)
        self._fetching = False

    # -- queries -----------------------------------------------------------------------------------------
    @property
    def query(self) -> SearchQuery:
        return self._query

    @property
    def total(self) -> int:
        """How many records match the current query (rows not yet fetched included)."""
        return self._total

    def set_query(self, **changes: Any) -> None:
        """Change filters (text, status, office, received_from, received_to, order_by, descending) and reload
        off the GUI thread."""
        self._query = self._query.model_copy(update=changes)
        self.refresh()

    def refresh(self) -> None:
        """Run the current query in the thread pool; the newest query wins."""
        if not self.session.is_unlocked:
            return
        self._generation += 1
        self._fetching = False
        self._read_settings()
        self.busy_changed.emit(True)
        self.pool.start(_QueryJob(self.session, self._relay, self._generation, self._query))

    def reload_now(self) -> None:
        """Run the current query in the GUI thread (first display, tests)."""
        self._generation += 1
        self._fetching = False
        if not self.session.is_unlocked:
            self.clear()
            return
        self._read_settings()
        records = self.session.vault.records
        total = records.count(self._query)
        rows = records.find(self._query.model_copy(update={"limit": PAGE_SIZE, "offset": 0}))
        self._apply(total, rows)

    def wait(self) -> None:
        """Block until queued queries have run (tests, shutdown)."""
        self.pool.waitForDone()

    def clear(self) -> None:
        """Forget every row (the vault locked)."""
        self._generation += 1
        self._fetching = False
        self.beginResetModel()
        self._rows, self._total = [], 0
        self.endResetModel()

    def _read_settings(self) -> None:
        self._today = dt.date.today()
        with contextlib.suppress(Exception):  # locked meanwhile: keep the last value
            self._due_soon_days = self.session.vault.settings.due_soon_days

    def _on_done(self, generation: int, query: SearchQuery, total: int, rows: object) -> None:
        if generation != self._generation:
            return  # a newer query is on its way: this result is stale
        self.busy_changed.emit(False)
        if isinstance(rows, Exception):
            if self.session.is_unlocked:
                self.failed.emit(str(rows) if hasattr(rows, "translated") else _("The list could not be loaded."))
            return
        assert isinstance(rows, list)
        self._apply(total, rows)

    def _apply(self, total: int, rows: list[RecordSummary]) -> None:
        self.beginResetModel()
        self._rows, self._total = list(rows), max(total, len(rows))
        self.endResetModel()
        self.loaded.emit()

    # -- lazy loading ------------------------------------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        """Read the next page in the thread pool; the rows are appended when it arrives."""
        if parent.isValid() or not self.session.is_unlocked or self._fetching:
            return
        self._fetching = True
        self.busy_changed.emit(True)
        self.pool.start(_PageJob(self.session, self._relay, self._generation, self._query, len(self._rows)))

    def _on_page(self, generation: int, offset: int, rows: object) -> None:
        if generation != self._generation or offset != len(self._rows):
            return  # the query changed meanwhile
        self._fetching = False
        self.busy_changed.emit(False)
        if isinstance(rows, Exception) or not isinstance(rows, list):
            return
        if not rows:
            self._total = len(self._rows)  # records were deleted meanwhile
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self.fetched.emit()

    # -- table -------------------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def summary(self, row: int) -> RecordSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, reference: str) -> int:
        """The row of a loaded record (by reference), or -1."""
        wanted = reference.upper()
        return next((i for i, r in enumerate(self._rows) if r.reference == wanted), -1)

    def offices(self) -> set[str]:
        return {r.office for r in self._rows if r.office}

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return _(self.columns[section].header)
        return None

    def retranslate(self) -> None:
        """Headers and labels follow the UI language (called on LanguageChange)."""
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        key = self.columns[index.column()].key
        if role == SummaryRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "due_on":
                return self._due_text(row)
            if key in ("title", "person", "status", "category"):
                return self._display(row, key)
            return None
        if key != "due_on" and key != "status":
            return None
        days = self._days_left(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "status":  # finished records recede; open ones keep the normal text colour
                if row.status in OPEN_STATUSES:
                    return None
                return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
            if days is None:
                return None
            overdue, soon = due_colours()
            if days < 0:
                return overdue
            if days <= self._due_soon_days:
                return soon
            return None
        if role == Qt.ItemDataRole.FontRole and key == "due_on" and days is not None and days < 0:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _days_left(self, row: RecordSummary) -> int | None:
        if row.due_on is None or row.status not in OPEN_STATUSES:
            return None
        return (row.due_on - self._today).days

    def _display(self, row: RecordSummary, key: str) -> str:
        if key == "status":
            return status_label(self.kind, row.status)
        if key == "category":
            return category_label(row.category)
        if key == "received_on":
            return format_date(row.received_on)
        if key == "due_on":
            return format_date(row.due_on)
        if key == "person" and not row.person and self.kind == RecordKind.advice:
            return _("Anonymous")
        return str(getattr(row, key))

    def _due_text(self, row: RecordSummary) -> str | None:
        days = self._days_left(row)
        if days is None:
            return None
        if days < 0:
            return ngettext("Overdue by {n} day", "Overdue by {n} days", -days)
        if days == 0:
            return _("Due today")
        return ngettext("Due in {n} day", "Due in {n} days", days)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns):
            self.set_query(
                order_by=self.columns[column].key, descending=order == Qt.SortOrder.DescendingOrder
            )


__all__ = ["ADVICE_COLUMNS", "CASE_COLUMNS", "MORE_SIZE", "PAGE_SIZE", "RecordTableModel", "SummaryRole", "due_colours"]
