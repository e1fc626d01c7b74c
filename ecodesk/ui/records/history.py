"""The History tab of an editor: the record's revisions (each can be opened read-only) and its audit events."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecodesk.i18n import _, translator
from ecodesk.models import AuditEvent, Revision
from ecodesk.records.history import ACTION_LABELS, ORIGIN_LABELS
from ecodesk.ui.kit.session import Session


def _origin(origin: str) -> str:
    head = origin.split(":", 1)[0]
    return _(ORIGIN_LABELS[head]) if head in ORIGIN_LABELS else origin


def _detail(event: AuditEvent) -> str:
    parts = []
    tr = translator()
    detail = event.detail
    if isinstance(detail.get("revision"), int):
        parts.append(_("revision {n}", n=detail["revision"]))
    if isinstance(detail.get("size"), int):
        parts.append(tr.format_size(int(detail["size"])))  # type: ignore[call-overload]
    on = detail.get("on")  # the date a workflow step happened (e.g. information requested, received)
    if isinstance(on, str) and len(on) == 10:
        import datetime as dt

        try:
            parts.append(tr.format_date(dt.date.fromisoformat(on)))
        except ValueError:
            pass
    origin = detail.get("origin")
    if isinstance(origin, str) and origin != "local":
        parts.append(_origin(origin))
    return ", ".join(parts)


class _Relay(QObject):
    done = Signal(int, object, object)  # generation, revisions, events (or None after an error)


class _HistoryJob(QRunnable):
    """Reads revisions and audit events off the GUI thread (the audit log of a large vault is long)."""

    def __init__(self, session: Session, relay: _Relay, generation: int, record_id: uuid.UUID) -> None:
        super().__init__()
        self.session, self.relay, self.generation, self.record_id = session, relay, generation, record_id

    def run(self) -> None:
        try:
            vault = self.session.vault
            revisions: object = vault.records.history(self.record_id)
            events: object = vault.audit.events(record_id=self.record_id, limit=500)
        except Exception:  # locked meanwhile: nothing to show
            revisions, events = None, None
        self.relay.done.emit(self.generation, revisions, events)


class HistoryPanel(QWidget):
    """Loaded when it is shown (and again after each save while it is shown), off the GUI thread."""

    view_revision = Signal(int)
    loaded = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._record_id: uuid.UUID | None = None
        self._revisions: list[Revision] = []
        self._events: list[AuditEvent] = []
        self._generation = 0
        self._stale = False
        self.pool = QThreadPool(self)  # created before the relay: destroyed first, after its job
        self.pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self.revisions_label = QLabel(self)
        self.revisions = QTableWidget(0, 4, self)
        self.events_label = QLabel(self)
        self.events = QTableWidget(0, 3, self)
        for table in (self.revisions, self.events):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.verticalHeader().hide()
            table.setAlternatingRowColors(True)
            table.horizontalHeader().setStretchLastSection(True)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.setTabKeyNavigation(False)
        self.revisions_label.setBuddy(self.revisions)
        self.events_label.setBuddy(self.events)
        self.view_button = QPushButton(self)
        self.view_button.clicked.connect(self._view_selected)
        self.revisions.itemDoubleClicked.connect(lambda _i: self._view_selected())
        self.revisions.itemSelectionChanged.connect(self._update_buttons)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.revisions_label)
        top_layout.addWidget(self.revisions, 1)
        row = QHBoxLayout()
        row.addWidget(self.view_button)
        row.addStretch(1)
        top_layout.addLayout(row)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.events_label)
        bottom_layout.addWidget(self.events, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.retranslate()
        self._update_buttons()

    def load(self, record_id: uuid.UUID | None) -> None:
        """Show the history of ``record_id`` (nothing for a record not saved yet); read when visible."""
        self._record_id = record_id
        self._generation += 1
        self._revisions, self._events = [], []
        self._fill()
        self._stale = record_id is not None
        if self._stale and self.isVisible():
            self._start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._start()

    def _start(self) -> None:
        if self._record_id is None or not self.session.is_unlocked:
            return
        self._stale = False
        self.pool.start(_HistoryJob(self.session, self._relay, self._generation, self._record_id))

    def _on_done(self, generation: int, revisions: object, events: object) -> None:
        if generation != self._generation or not isinstance(revisions, list) or not isinstance(events, list):
            return
        self._revisions, self._events = revisions, events
        self._fill()
        self.loaded.emit()

    def clear(self) -> None:
        self.load(None)

    def revision_numbers(self) -> list[int]:
        return [r.revision for r in self._revisions]

    def _fill(self) -> None:
        tr = translator()
        self.revisions.setRowCount(len(self._revisions))
        for row, rev in enumerate(self._revisions):
            saved = tr.format_datetime(rev.saved_at.astimezone())  # stored in UTC, shown in local time
            cells = [tr.format_number(rev.revision), saved, rev.saved_by, _origin(rev.origin)]
            for col, text in enumerate(cells):
                self.revisions.setItem(row, col, QTableWidgetItem(text))
        self.events.setRowCount(len(self._events))
        for row, event in enumerate(self._events):
            action = _(ACTION_LABELS[event.action]) if event.action in ACTION_LABELS else event.action
            cells = [tr.format_datetime(event.at.astimezone()), action, _detail(event)]
            for col, text in enumerate(cells):
                self.events.setItem(row, col, QTableWidgetItem(text))
        self._update_buttons()

    def _selected_revision(self) -> int | None:
        row = self.revisions.currentRow()
        return self._revisions[row].revision if 0 <= row < len(self._revisions) else None

    def _view_selected(self) -> None:
        revision = self._selected_revision()
        if revision is not None:
            self.view_revision.emit(revision)

    def _update_buttons(self) -> None:
        self.view_button.setEnabled(self._selected_revision() is not None)

    def retranslate(self) -> None:
        self.revisions_label.setText(_("Revisions"))
        self.revisions.setAccessibleName(_("Revisions"))
        self.revisions.setHorizontalHeaderLabels([_("Revision"), _("Saved"), _("Saved by"), _("Origin")])
        self.events_label.setText(_("Audit events"))
        self.events.setAccessibleName(_("Audit events"))
        self.events.setHorizontalHeaderLabels([_("When"), _("Event"), _("Details")])
        self.view_button.setText(_("View this revision…"))
        self.view_button.setAccessibleName(_("View this revision"))
        self._fill()


__all__ = ["HistoryPanel"]
