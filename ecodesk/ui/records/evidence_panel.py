"""The Evidence tab: the checklist of evidence items, the selected item's details and its encrypted files.

Files are attached by dropping them on an item (or on the file list), or with "Add file…"; both go through
``CaseEditor.attach_files``. Files are never opened from here (a preview would need a plaintext copy on
disk); "Export copy…" writes an unencrypted copy where the user chooses, after a warning.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecodesk.i18n import N_, _, format_date, translator
from ecodesk.models import EVIDENCE_KIND_LABELS, EVIDENCE_STATUS_LABELS, EvidenceKind, EvidenceStatus
from ecodesk.models.common import new_id
from ecodesk.ui.records.fields import Field
from ecodesk.ui.records.sections import Item, ListSection, SectionTexts

EVIDENCE_FIELDS = [
    Field("kind", N_("Kind"), "choice", EVIDENCE_KIND_LABELS),
    Field("title", N_("Title"), hint=N_("e.g. Appraisal 2025 signed by the supervisor")),
    Field("status", N_("Status"), "choice", EVIDENCE_STATUS_LABELS),
    Field("source", N_("Source")),
    Field("date", N_("Date"), "date"),
    Field("consent_to_contact", N_("Witness consents to be contacted"), "tristate"),
    Field("notes", N_("Notes"), "long"),
]


def evidence_summary(item: Item) -> str:
    try:
        kind = _(EVIDENCE_KIND_LABELS[EvidenceKind(item.get("kind") or "other")])
        status = _(EVIDENCE_STATUS_LABELS[EvidenceStatus(item.get("status") or "missing")])
    except ValueError:
        kind, status = str(item.get("kind")), str(item.get("status"))
    title = item.get("title") or kind
    files = len(item.get("attachments") or [])
    text = f"{title} — {status}"
    if files:
        text += " · " + translator().ngettext("{n} file", "{n} files", files)
    return text


def new_evidence() -> Item:
    return {
        "id": str(new_id()),
        "kind": EvidenceKind.other.value,
        "title": "",
        "status": EvidenceStatus.missing.value,
        "source": "",
        "date": None,
        "notes": "",
        "consent_to_contact": None,
        "attachments": [],
    }


def _local_files(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> list[str]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p and Path(p).is_file()]


class EvidencePanel(QWidget):
    """``attach`` is called with (paths, evidence index or -1); ``export`` with the attachment id."""

    def __init__(
        self,
        attach: Callable[[list[str], int], Any],
        export: Callable[[uuid.UUID], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._attach, self._export = attach, export
        self._read_only = False
        self.section = ListSection(
            EVIDENCE_FIELDS,
            summary=evidence_summary,
            new_item=new_evidence,
            texts=SectionTexts(N_("Evidence checklist"), N_("Add item"), N_("Remove item"),
                               N_("No evidence item yet. Add one, or drop files here to attach them.")),
            parent=self,
        )
        self.section.current_changed.connect(lambda _i: self._show_files())
        self.files_label = QLabel(self)
        self.files = QListWidget(self)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.files.setMaximumHeight(130)
        self.files.itemSelectionChanged.connect(self._update_buttons)
        self.files_label.setBuddy(self.files)
        self.drop_hint = QLabel(self)
        self.drop_hint.setWordWrap(True)
        self.drop_hint.setEnabled(False)  # the palette's disabled text: a quiet hint
        self.add_file_button = QPushButton(self)
        self.add_file_button.clicked.connect(lambda: self._attach([], self.section.current_index()))
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self._export_selected)
        files_box = QWidget(self)
        box = QVBoxLayout(files_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.files_label)
        box.addWidget(self.files)
        box.addWidget(self.drop_hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_file_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.section.detail_layout.addWidget(files_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.section)

        self.setAcceptDrops(True)
        for target in (self.section.list.viewport(), self.files.viewport()):
            target.setAcceptDrops(True)
            target.installEventFilter(self)
        self.retranslate()

    # -- files -------------------------------------------------------------------------------------------
    def _current_files(self) -> list[dict[str, Any]]:
        item = self.section.current_item()
        return list(item.get("attachments") or []) if item else []

    def _show_files(self) -> None:
        tr = translator()
        self.files.clear()
        for ref in self._current_files():
            added = str(ref.get("added_at") or "")[:10]
            try:
                added = format_date(dt.date.fromisoformat(added)) if added else ""
            except ValueError:
                pass
            text = f"{ref.get('name')} ({tr.format_size(int(ref.get('size') or 0))}, {added})"
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, str(ref.get("id")))
            self.files.addItem(entry)
        self._update_buttons()

    def selected_attachment(self) -> uuid.UUID | None:
        entry = self.files.currentItem()
        return uuid.UUID(entry.data(Qt.ItemDataRole.UserRole)) if entry is not None else None

    def _export_selected(self) -> None:
        attachment = self.selected_attachment()
        if attachment is not None:
            self._export(attachment)

    def _update_buttons(self) -> None:
        has_item = self.section.current_item() is not None
        self.add_file_button.setEnabled(has_item and not self._read_only)
        self.export_button.setEnabled(self.selected_attachment() is not None)

    def refresh(self) -> None:
        self.section.refresh_summaries()
        self._show_files()

    # -- drag and drop -----------------------------------------------------------------------------------
    def _drop_index(self, event: QDropEvent | QDragMoveEvent, source: QObject | None) -> int:
        if source is self.section.list.viewport():
            row = self.section.list.indexAt(event.position().toPoint()).row()
            if row >= 0:
                return row
        return self.section.current_index()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragMoveEvent)
            if _local_files(event) and not self._read_only:
                event.acceptProposedAction()
                if watched is self.section.list.viewport():
                    row = self.section.list.indexAt(event.position().toPoint()).row()
                    if row >= 0:
                        self.section.list.setCurrentRow(row)
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            self._handle_drop(event, watched)
            return True
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event) and not self._read_only:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        self._handle_drop(event, None)

    def _handle_drop(self, event: QDropEvent, source: QObject | None) -> None:
        paths = _local_files(event)
        if not paths or self._read_only:
            event.ignore()
            return
        event.acceptProposedAction()
        self._attach(paths, self._drop_index(event, source))

    # -- state -------------------------------------------------------------------------------------------
    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.section.set_read_only(read_only)
        self.add_file_button.setVisible(not read_only)
        self.drop_hint.setVisible(not read_only)
        self.setAcceptDrops(not read_only)
        self._update_buttons()

    def retranslate(self) -> None:
        self.section.retranslate()
        self.files_label.setText(_("Files (encrypted in the vault)"))
        self.files.setAccessibleName(_("Files of this evidence item"))
        self.add_file_button.setText(_("Add file…"))
        self.add_file_button.setAccessibleName(_("Add a file to this evidence item"))
        self.export_button.setText(_("Export copy…"))
        self.export_button.setAccessibleName(_("Export an unencrypted copy of the selected file"))
        self.drop_hint.setText(_("Or drop files on an item to attach them."))
        self._show_files()


__all__ = ["EVIDENCE_FIELDS", "EvidencePanel", "evidence_summary", "new_evidence"]
