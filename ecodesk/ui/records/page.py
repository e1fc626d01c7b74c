"""What the Cases and Advice pages share: filters and search-as-you-type over a lazy list, the editor beside
the list, the unsaved-changes prompt, and drafts (autosaved every 30 s while dirty, stashed before locking).

The contract the main window uses: ``new_record()``, ``focus_search()``, ``open_record(reference)``,
``has_unsaved_changes()``, ``save_current()``, ``stash_drafts()``, ``restore_drafts()`` and the
``status_message`` signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ecodesk.errors import EcoDeskError
from ecodesk.i18n import _
from ecodesk.models import RecordKind, status_label
from ecodesk.ui.kit.flow import FlowRow, group
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.session import Session
from ecodesk.ui.kit.widgets import EmptyState
from ecodesk.ui.records.editor import RecordEditor
from ecodesk.ui.records.fields import OptionalDateEdit, ask_unsaved
from ecodesk.ui.records.model import RecordTableModel
from ecodesk.ui.records.set_aside import SetAsideControls

SEARCH_DELAY_MS = 200
AUTOSAVE_MS = 30_000


class RecordsPage(Retranslating, QWidget):
    status_message = Signal(str)

    kind: ClassVar[RecordKind]
    statuses: ClassVar[tuple[str, ...]]

    def __init__(
        self, session: Session, make_editor: Callable[[QWidget], RecordEditor], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._syncing = False
        self._draft_key = f"ui-records/{self.kind.value}"

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_record)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.installEventFilter(self)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem("", None)
        for status in self.statuses:
            self.status_filter.addItem("", status)
        self.office_filter = QComboBox(self)
        self.office_filter.addItem("", None)
        for combo in (self.status_filter, self.office_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.from_label, self.to_label = QLabel(self), QLabel(self)
        self.received_from, self.received_to = OptionalDateEdit(self), OptionalDateEdit(self)
        self.from_label.setBuddy(self.received_from)
        self.to_label.setBuddy(self.received_to)
        self.count_label = QLabel(self)
        self.empty_state = EmptyState(self)
        self.set_aside = SetAsideControls(self)

        self.model = RecordTableModel(session, self.kind, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows: smooth with 100,000
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self._size_columns()
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        received = next(i for i, c in enumerate(self.model.columns) if c.key == "received_on")
        header.setSortIndicator(received, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.table.activated.connect(lambda _i: self.focus_editor())

        self._make_editor = make_editor
        self._editor: RecordEditor | None = None  # built when first needed: start-up stays quick
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.set_aside.show_set_aside)
        top.addWidget(self.set_aside.button)
        top.addWidget(self.new_button)
        filters = FlowRow(self)  # wraps rather than cutting the combos' text (Spanish beside an open record)
        filters.addWidget(self.search)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.office_filter)
        filters.addWidget(group(self, self.from_label, self.received_from))
        filters.addWidget(group(self, self.to_label, self.received_to))
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(filters)
        layout.addWidget(self.empty_state)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.new_button, self.search)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.model.set_query(
            status=self.status_filter.currentData()))
        self.office_filter.currentIndexChanged.connect(lambda _i: self.model.set_query(
            office=self.office_filter.currentData()))
        self.received_from.changed.connect(lambda: self.model.set_query(received_from=self.received_from.value()))
        self.received_to.changed.connect(lambda: self.model.set_query(received_to=self.received_to.value()))
        self.model.loaded.connect(self._on_loaded)
        self.model.fetched.connect(self._on_fetched)
        self.model.busy_changed.connect(self._on_busy)
        self.model.failed.connect(self.status_message)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(150)
        self._busy_timer.timeout.connect(lambda: self.count_label.setText(_("Loading…")))
        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.autosave_draft)
        self._autosave.start()

        session.locked.connect(self._on_locked)
        session.unlocked.connect(self._on_unlocked)
        session.records_changed.connect(self._on_records_changed)
        session.settings_changed.connect(self.model.refresh)
        self.retranslate_ui()
        if session.is_unlocked:
            self._on_unlocked()

    # -- the editor ------------------------------------------------------------------------------------
    @property
    def editor(self) -> RecordEditor:
        if self._editor is None:
            editor = self._make_editor(self.splitter)  # built in place: its tab order is set up there
            editor.hide()
            editor.status_message.connect(self.status_message)
            editor.saved.connect(lambda _r: self._delete_draft())
            editor.close_requested.connect(self.close_editor)
            self.splitter.addWidget(editor)
            self._editor = editor
        return self._editor

    def _dirty(self) -> bool:
        return self._editor is not None and self._editor.is_dirty()

    def _shown(self) -> RecordEditor | None:
        """The editor when it is open beside the list."""
        return self._editor if self._editor is not None and not self._editor.isHidden() else None

    # -- contract ----------------------------------------------------------------------------------------
    def new_record(self) -> None:
        if not self.session.is_unlocked or not self._leave_current():
            return
        self._select_row(-1)
        self.editor.new_record()
        self._show_editor()
        self.focus_editor()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_record(self, reference: str) -> bool:
        """Show a record in the editor (after the unsaved-changes prompt); False if it was not opened."""
        if not self.session.is_unlocked:
            return False
        shown = self._shown()
        if shown is not None and shown.record is not None and shown.reference == reference.upper():
            return True
        try:
            record = self.session.vault.records.get(reference)
        except EcoDeskError as exc:
            self.status_message.emit(str(exc))
            return False
        if record.kind != self.kind.value or not self._leave_current():
            return False
        self.editor.load(record)
        self._show_editor()
        self._select_row(self.model.row_of(record.reference or ""))
        return True

    def has_unsaved_changes(self) -> bool:
        return self._dirty()

    def save_current(self) -> bool:
        """Save the open record if it has changes; True when nothing unsaved is left."""
        if not self._dirty():
            return True
        return self.editor.save()

    def stash_drafts(self) -> None:
        """Keep unsaved edits as an encrypted draft in the vault (called before the vault locks)."""
        self.autosave_draft()

    def discard_drafts(self) -> None:
        """Forget the autosaved draft: the user chose to discard the unsaved edits."""
        self._delete_draft()

    def restore_drafts(self) -> bool:
        """Reopen the draft kept at the last lock or crash (unsaved); True when one was restored."""
        if not self.session.is_unlocked or self._dirty():
            return False
        text = self.session.vault.drafts.get(self._draft_key)
        if not text:
            return False
        try:
            self.editor.restore_draft(text)
        except (ValueError, KeyError, EcoDeskError):
            self._delete_draft()  # unreadable (an older format): nothing to restore
            return False
        self._show_editor()
        reference = self.editor.reference
        self._select_row(self.model.row_of(reference) if reference else -1)
        self.status_message.emit(
            _("Your unsaved edits to {reference} were restored.", reference=reference) if reference
            else _("Your unsaved new record was restored.")
        )
        return True

    # -- editor ------------------------------------------------------------------------------------------
    def _show_editor(self) -> None:
        """Open the editor pane beside the list (the list keeps its most telling columns)."""
        if self.editor.isHidden():
            self.editor.show()
            width = max(self.splitter.width(), self.width() - 24, 800)  # the page may not be laid out yet
            # The case editor's tabs need room; an advice record has one tab, so its list keeps more (questions).
            share = int(width * (0.4 if self.kind == RecordKind.advice else 0.32))
            self.splitter.setSizes([share, width - share])
            self._compact_columns(True)

    def _compact_columns(self, compact: bool) -> None:
        """Beside the editor the list shows reference and title (or question) only, the title taking the free
        width: at 1280 px in Spanish the editor's tabs leave the list too little room for a date column as well
        (the open record shows its own dates)."""
        for index, column in enumerate(self.model.columns):
            if column.key in ("person", "office", "received_on", "due_on", "category", "status"):
                self.table.setColumnHidden(index, compact)

    def focus_editor(self) -> None:
        self.editor.focus_first()

    def close_editor(self) -> None:
        if self._editor is not None and self._leave_current():
            self._editor.hide()
            self._editor.clear()
            self._compact_columns(False)
            self._select_row(-1)

    def _leave_current(self) -> bool:
        """Ask Save/Discard/Cancel when the open record has changes; True when it is safe to move on."""
        if not self._dirty():
            return True
        choice = ask_unsaved(self, self.editor.reference)
        if choice == "save":
            return self.editor.save()
        if choice == "discard":
            self._delete_draft()
            self.editor.clear()
            return True
        return False

    def autosave_draft(self) -> None:
        """Keep the unsaved state in the vault; forget an older draft once the edits are undone."""
        if not self.session.is_unlocked:
            return
        draft = self.editor.draft() if self._dirty() else None
        if draft:
            self.session.vault.drafts.put(self._draft_key, draft)
        elif self._editor is not None:
            self._delete_draft()

    def _delete_draft(self) -> None:
        if self.session.is_unlocked and self.session.vault.drafts.get(self._draft_key) is not None:
            self.session.vault.drafts.delete(self._draft_key)

    # -- list --------------------------------------------------------------------------------------------
    def _run_search(self) -> None:
        self.model.set_query(text=self.search.text().strip())

    def _on_loaded(self) -> None:
        self._busy_timer.stop()
        self.count_label.setText(self._count_text(self.model.total))
        self._show_empty_state()
        self._on_fetched()
        shown = self._shown()
        if shown is not None and shown.record is not None:
            self._select_row(self.model.row_of(shown.reference))

    def _count_text(self, total: int) -> str:
        raise NotImplementedError

    def _empty_text(self) -> str:
        """What to do first when the vault holds no record of this kind."""
        raise NotImplementedError

    def _filtered(self) -> bool:
        query = self.model.query
        return bool(query.text or query.status or query.office or query.received_from or query.received_to
                    or query.include_set_aside)

    def _show_empty_state(self) -> None:
        if not self.session.is_unlocked or self.model.total:
            self.empty_state.show_text("")
        elif self._filtered():
            self.empty_state.show_text(_("Nothing matches the search and filters: clear them to see every record."))
        else:
            self.empty_state.show_text(self._empty_text())

    def _on_fetched(self) -> None:
        for office in sorted(self.model.offices()):
            if self.office_filter.findData(office) < 0:
                self.office_filter.addItem(office, office)

    def _on_busy(self, busy: bool) -> None:
        # Shown only when reading takes a noticeable time (a sort on 100,000 cases), never as a flicker.
        if busy:
            self._busy_timer.start()
            return
        self._busy_timer.stop()
        if self.session.is_unlocked:
            self.count_label.setText(self._count_text(self.model.total))

    def _on_current_row(self, current: object, previous: object) -> None:
        if self._syncing:
            return
        summary = self.model.summary(self.table.currentIndex().row())
        if summary is None or (self.editor.record is not None and self.editor.record.id == summary.id
                               and self.editor.isVisible()):
            return
        if not self.open_record(summary.reference):
            # Cancelled: keep the open record selected.
            QTimer.singleShot(0, lambda: self._select_row(self.model.row_of(self.editor.reference)))

    def _select_row(self, row: int) -> None:
        self._syncing = True
        try:
            selection = self.table.selectionModel()
            if row < 0:
                selection.clearSelection()
                selection.setCurrentIndex(self.model.index(-1, -1), QItemSelectionModel.SelectionFlag.NoUpdate)
            else:
                index = self.model.index(row, 0)
                selection.setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                self.table.scrollTo(index)
        finally:
            self._syncing = False

    def _size_columns(self) -> None:
        metrics = self.fontMetrics()
        header = self.table.horizontalHeader()
        widths = {
            "reference": metrics.horizontalAdvance("RET-2026-DKR-00000"),
            "person": metrics.horizontalAdvance("M" * 14),
            "office": metrics.horizontalAdvance("OFFICE"),
            "status": metrics.horizontalAdvance("In assessment ·"),
            "category": metrics.horizontalAdvance("M" * 14),
            "received_on": metrics.horizontalAdvance("30 sept. 2026 "),
            "due_on": metrics.horizontalAdvance("30 sept. 2026 "),
        }
        for index, column in enumerate(self.model.columns):
            if column.key == "title":
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
                self.table.setColumnWidth(index, widths.get(column.key, 100) + 24)

    # -- session -----------------------------------------------------------------------------------------
    def _on_locked(self) -> None:
        self._search_timer.stop()
        self._busy_timer.stop()
        if self._editor is not None:
            self._editor.hide()
            self._editor.clear()
        self._compact_columns(False)
        self.search.blockSignals(True)
        self.search.clear()  # what was typed may be a name
        self.search.blockSignals(False)
        self.model.clear()
        self.count_label.clear()
        self.empty_state.show_text("")
        self.model._query = self.model.query.model_copy(update={"text": ""})

    def _on_unlocked(self) -> None:
        office = self.session.vault.settings.office_code
        if self.office_filter.findData(office) < 0:
            self.office_filter.addItem(office, office)
        self.model.reload_now()
        self.restore_drafts()  # after a lock, or a crash: the edits come back where they were

    def _on_records_changed(self) -> None:
        self.model.refresh()
        shown = self._shown()
        if shown is None or shown.record is None or shown.is_dirty() or not self.session.is_unlocked:
            return
        record = shown.record
        stored_id = self.session.vault.records.find_id(record.id)
        if stored_id is not None:
            stored = self.session.vault.records.get(stored_id)
            if stored.revision != record.revision:
                shown.load(stored)  # changed elsewhere (an import, the wizard): show the new revision

    # -- keyboard and language ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
                if self._search_timer.isActive():
                    self._search_timer.stop()
                    self._run_search()
                self.table.setFocus()
                if not self.table.currentIndex().isValid():
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    def retranslate_ui(self) -> None:
        self.status_filter.setItemText(0, _("All statuses"))
        for i, status in enumerate(self.statuses, start=1):
            self.status_filter.setItemText(i, status_label(self.kind, status))
        self.office_filter.setItemText(0, _("All offices"))
        self.status_filter.setAccessibleName(_("Filter by status"))
        self.office_filter.setAccessibleName(_("Filter by office"))
        self.from_label.setText(_("Received from"))
        self.to_label.setText(_("to"))
        self.received_from.setAccessibleName(_("Received from"))
        self.received_to.setAccessibleName(_("Received until"))
        self.received_from.retranslate()
        self.received_to.retranslate()
        self.table.setAccessibleName(self.heading.text())
        self.count_label.setAccessibleName(_("Number of records"))
        self.count_label.setText(self._count_text(self.model.total) if self.session.is_unlocked else "")
        self._show_empty_state()
        self.set_aside.retranslate()
        self.model.retranslate()
        if self._editor is not None:
            self._editor.retranslate_ui()


__all__ = ["RecordsPage"]
