"""What the case and advice editors share: loading a record into the form, knowing whether anything changed,
validating and saving (with the Conflict check), drafts, the read-only view of an old revision, and Ctrl+S.

The form state is a dict shaped like the model: the record as loaded, overlaid with what the widgets hold.
Fields the form does not show (identity, attachments, the assessment) travel along untouched.
"""

from __future__ import annotations

import copy
import json
from typing import Any, ClassVar

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ecodesk.errors import Conflict, EcoDeskError
from ecodesk.i18n import N_, _, translator
from ecodesk.jsontext import parse_json
from ecodesk.models import RecordKind
from ecodesk.models.records import AnyRecord
from ecodesk.ui.kit.dialogs import show_error
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.session import Session
from ecodesk.ui.records.fields import ask_conflict, field_errors
from ecodesk.ui.records.history import HistoryPanel

Data = dict[str, Any]


class RecordEditor(Retranslating, QWidget):
    """Base of CaseEditor and AdviceEditor. Subclasses build their tabs and implement the _hooks."""

    saved = Signal(object)  # the stored record
    dirty_changed = Signal(bool)
    close_requested = Signal()
    status_message = Signal(str)

    kind: ClassVar[RecordKind]
    model: ClassVar[type[BaseModel]]
    new_title: ClassVar[str]  # N_() text: header of a record not saved yet

    def __init__(self, session: Session, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.session = session
        self.read_only = read_only
        self.record: AnyRecord | None = None
        self._base: Data = {}
        self._baseline: Data = {}
        self._dirty = False
        self._filling = False
        self._errors: dict[str, str] = {}

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label = QLabel(self)
        self.header_row = QHBoxLayout()
        self.header_row.addWidget(self.heading)
        self.header_row.addStretch(1)
        self.header_row.addWidget(self.state_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.header_row)
        self.header_layout = QVBoxLayout()
        layout.addLayout(self.header_layout)
        # Tab follows creation order: the fields on top, then the section tabs and the open section,
        # then Save and Close (made last, in finish_setup).
        self.build_header(self.header_layout)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        # Every section one click away and named in full: the tabs' width is the editor's minimum, so the list
        # beside it gives up width rather than the tabs being cut ("Resu…" in Spanish).
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideNone)
        self.history = HistoryPanel(session, self)
        self.history.view_revision.connect(self.show_revision)
        layout.addWidget(self.tabs, 1)

    def finish_setup(self) -> None:
        """Called by subclasses once their widgets exist."""
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close_requested)
        self.header_row.addWidget(self.save_button)
        self.header_row.addWidget(self.close_button)
        self.save_button.setVisible(not self.read_only)
        self.close_button.setVisible(not self.read_only)
        if not self.read_only:
            self.tabs.addTab(self.history, "")
        else:
            self.history.hide()
        self.retranslate_ui()
        self.set_fields_read_only(self.read_only)
        self.new_record()

    # -- hooks for subclasses ----------------------------------------------------------------------------
    def build_header(self, layout: QVBoxLayout) -> None:
        """Create the always-visible fields above the tabs and add them to ``layout``."""
        raise NotImplementedError

    def new_data(self) -> Data:
        raise NotImplementedError

    def fill(self, data: Data) -> None:
        """Put ``data`` into the widgets."""
        raise NotImplementedError

    def collect(self, data: Data) -> None:
        """Write the widgets' values into ``data``."""
        raise NotImplementedError

    def show_field_errors(self, errors: dict[str, str]) -> QWidget | None:
        """Show messages next to their fields; return the first widget with an error."""
        raise NotImplementedError

    def set_fields_read_only(self, read_only: bool) -> None:
        raise NotImplementedError

    def retranslate_fields(self) -> None:
        raise NotImplementedError

    def focus_first(self) -> None:
        """Put the keyboard focus in the first field."""
        raise NotImplementedError

    # -- state -------------------------------------------------------------------------------------------
    def form_data(self) -> Data:
        data = copy.deepcopy(self._base)
        self.collect(data)
        return data

    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def reference(self) -> str:
        return self.record.reference or "" if self.record is not None else ""

    def new_record(self) -> None:
        self._load(None, self.new_data())

    def load(self, record: AnyRecord) -> None:
        self._load(record, record.model_dump(mode="json"))

    def _load(self, record: AnyRecord | None, data: Data, form: Data | None = None) -> None:
        self.record = record
        self._base = data
        self._errors = {}
        self._filling = True
        try:
            self.fill(data)
            self.show_field_errors({})
            self._baseline = self.form_data()
            if form is not None:
                self.fill(form)
        finally:
            self._filling = False
        if not self.read_only:
            self.history.load(record.id if record is not None else None)
        self._update_dirty(force=True)

    def clear(self) -> None:
        """Forget what is shown (the vault locked): an empty new record, nothing dirty."""
        self._filling = True
        try:
            self.record, self._base = None, self.new_data()
            self.fill(self._base)
            self.show_field_errors({})
            self._baseline = self.form_data()
        finally:
            self._filling = False
        self.history.clear()
        self._update_dirty(force=True)

    def on_changed(self) -> None:
        """Connected to every input's change signal."""
        if not self._filling:
            self._update_dirty()

    def _update_dirty(self, force: bool = False) -> None:
        dirty = not self.read_only and self.form_data() != self._baseline
        if dirty != self._dirty or force:
            self._dirty = dirty
            self._update_header()
            self.dirty_changed.emit(dirty)

    def _update_header(self) -> None:
        if self.record is None:
            self.heading.setText(_(self.new_title))
        else:
            self.heading.setText(
                _("{reference} · revision {n}", reference=self.reference, n=translator().format_number(
                    self.record.revision))
            )
        self.state_label.setText(_("Unsaved changes") if self._dirty else "")
        self.save_button.setEnabled(self._dirty or self.record is None)

    # -- saving ------------------------------------------------------------------------------------------
    def validated(self) -> AnyRecord | None:
        """The form as a valid record, or None after showing the messages next to the fields."""
        try:
            record = self.model.model_validate(self.form_data())
            errors = self.rule_errors(record)
        except ValidationError as exc:
            record, errors = None, field_errors(exc)
        if record is None or errors:
            self._errors = errors
            widget = self.show_field_errors(self._errors)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
            else:  # a field the form does not show (e.g. a record imported with a bad value)
                show_error(self, "\n".join(f"{path}: {message}" for path, message in self._errors.items()))
            self.status_message.emit(_("Not saved: correct the fields marked in red."))
            return None
        self._errors = {}
        self.show_field_errors({})
        return record  # type: ignore[return-value]

    def rule_errors(self, record: Any) -> dict[str, str]:
        """{field path: translated message} for the rules a valid record of this kind must also keep."""
        return {}

    def save(self) -> bool:
        """Validate and store a new revision; False (with the reason shown) when it was not saved."""
        if self.read_only:
            return False
        if self.record is not None and not self._dirty:
            return True
        record = self.validated()
        if record is None:
            return False
        from ecodesk.records.service import save_record

        expected = self.record.revision if self.record is not None else None
        try:
            stored = save_record(self.session.vault, record, expected_revision=expected)
        except Conflict as exc:
            self._show_conflict(exc)
            return False
        except EcoDeskError as exc:
            show_error(self, str(exc))
            return False
        self.load(stored)
        self.status_message.emit(_("Saved {reference}.", reference=stored.reference or ""))
        self.saved.emit(stored)
        self.session.records_changed.emit()
        return True

    def _show_conflict(self, exc: Conflict) -> None:
        if ask_conflict(self, str(exc)) and self.record is not None:
            self.load(self.session.vault.records.get(self.record.id))
        self.status_message.emit(_("Not saved: the record was changed elsewhere."))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Not a QShortcut: the main window's Save action owns Ctrl+S when there is one (no ambiguity);
        # unhandled key presses from the fields arrive here otherwise.
        if event.matches(QKeySequence.StandardKey.Save):
            self.save()
            event.accept()
            return
        super().keyPressEvent(event)

    # -- drafts ------------------------------------------------------------------------------------------
    def draft(self) -> str | None:
        """The unsaved state as JSON (kept encrypted in the vault), or None when nothing is unsaved."""
        if not self._dirty:
            return None
        return json.dumps(
            {
                "kind": self.kind.value,
                "record_id": str(self.record.id) if self.record is not None else None,
                "base_revision": self.record.revision if self.record is not None else None,
                "form": self.form_data(),
            }
        )

    def restore_draft(self, text: str) -> None:
        """Show a draft made by ``draft()`` on top of the stored record it was based on (unsaved)."""
        draft = parse_json(text)
        record = None
        if draft.get("record_id"):
            record_id = self.session.vault.records.find_id(draft["record_id"])
            record = self.session.vault.records.get(record_id) if record_id is not None else None
        form = draft["form"]
        if record is not None:
            base = record.model_dump(mode="json")
            # Saving keeps the Conflict check against the revision the draft started from.
            record = record.model_copy(update={"revision": draft.get("base_revision") or record.revision})
        else:
            base = self.new_data() | {"id": form.get("id")}  # a new record: everything typed is unsaved
        self._load(record, base, form)

    # -- history -----------------------------------------------------------------------------------------
    def show_revision(self, revision: int) -> None:
        if self.record is None:
            return
        old = self.session.vault.records.revision(self.record.id, revision)
        dialog = QDialog(self)
        dialog.setWindowTitle(_("{reference}, revision {n} (read-only)", reference=self.reference, n=revision))
        viewer = type(self)(self.session, dialog, read_only=True)
        viewer.load(old)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(viewer)
        layout.addWidget(buttons)
        dialog.resize(900, 700)
        dialog.exec()

    # -- language ----------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.save_button.setText(_("Save"))
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        self.save_button.setAccessibleName(_("Save"))
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close the record"))
        self.heading.setAccessibleName(_("Record"))
        self.state_label.setAccessibleName(_("Save state"))
        self.tabs.setAccessibleName(_("Sections"))
        self.tabs.tabBar().setAccessibleName(_("Sections"))
        index = self.tabs.indexOf(self.history)
        if index >= 0:
            self.tabs.setTabText(index, _("History"))
        self.history.retranslate()
        self.retranslate_fields()
        for i in range(self.tabs.count()):  # the full name when a narrow pane shortens the tab
            self.tabs.setTabToolTip(i, self.tabs.tabText(i))
        if self._errors:
            self._errors = {}  # messages were in the old language; they come back at the next save
            self.show_field_errors({})
        self._update_header()


NEW_CASE = N_("New case")
NEW_ADVICE = N_("New advice record")

__all__ = ["NEW_ADVICE", "NEW_CASE", "RecordEditor"]
