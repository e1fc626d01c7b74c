"""A list of items edited one at a time (alleged retaliators, protected activities, detrimental actions,
evidence): the items on the left with Add and Remove, the selected item's form on the right."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ecodesk.i18n import _
from ecodesk.ui.records.fields import Field, FieldForm

Item = dict[str, Any]


@dataclass(frozen=True)
class SectionTexts:
    """The N_() texts of one list section, translated when shown."""

    list_label: str
    add: str
    remove: str
    empty: str


class ListSection(QWidget):
    """Items as dicts shaped like the model; ``changed`` fires on any edit, add or removal."""

    changed = Signal()
    current_changed = Signal(int)

    def __init__(
        self,
        fields: list[Field],
        *,
        summary: Callable[[Item], str],
        new_item: Callable[[], Item],
        texts: SectionTexts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._summary, self._new_item, self.texts = summary, new_item, texts
        self._items: list[Item] = []
        self._errors: dict[str, str] = {}
        self._current = -1
        self._read_only = False

        self.list = QListWidget(self)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(self._on_row_changed)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_current)
        self.list_label = QLabel(self)
        self.list_label.setBuddy(self.list)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_label)
        left_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)

        self.form = FieldForm(fields, self)
        self.form.changed.connect(self._on_form_changed)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QWidget(self)
        self.detail_layout = QVBoxLayout(self.detail)
        self.detail_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_layout.addWidget(self.form)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.empty_label)
        right_layout.addWidget(self.detail, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([260, 520])  # kept as proportions: the form gets two thirds
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.retranslate()
        self._update_state()

    # -- data --------------------------------------------------------------------------------------------
    def items(self) -> list[Item]:
        return copy.deepcopy(self._items)

    def set_items(self, items: list[Item]) -> None:
        keep = self._current
        self._items = copy.deepcopy(items)
        self._errors = {}
        blocked = self.list.blockSignals(True)
        self.list.clear()
        for item in self._items:
            self.list.addItem(QListWidgetItem(self._summary(item)))
        self.list.blockSignals(blocked)
        self._current = -1
        self._select(min(max(keep, 0), len(self._items) - 1))

    def current_index(self) -> int:
        return self._current

    def current_item(self) -> Item | None:
        return self._items[self._current] if 0 <= self._current < len(self._items) else None

    def select(self, index: int) -> None:
        self._select(index)

    def add_item(self) -> None:
        self._items.append(self._new_item())
        self.list.addItem(QListWidgetItem(self._summary(self._items[-1])))
        self._select(len(self._items) - 1)
        self.form.setFocus()
        first = next(iter(self.form.inputs.values()), None)
        if first is not None:
            first.setFocus()
        self.changed.emit()

    def remove_current(self) -> None:
        if not 0 <= self._current < len(self._items):
            return
        index = self._current
        del self._items[index]
        blocked = self.list.blockSignals(True)
        self.list.takeItem(index)
        self.list.blockSignals(blocked)
        self._current = -1
        self._errors = {}
        self._select(min(index, len(self._items) - 1))
        self.changed.emit()

    # -- errors ------------------------------------------------------------------------------------------
    def show_errors(self, errors: Mapping[str, str]) -> QWidget | None:
        """Errors keyed ``<index>.<field>``: select the first item with one and show its messages."""
        self._errors = dict(errors)
        if not errors:
            self.form.show_errors({})
            return None
        first = min(int(key.split(".", 1)[0]) for key in errors if key.split(".", 1)[0].isdigit())
        self._select(first)
        return self.form.show_errors(self._item_errors(first)) or self.list

    def _item_errors(self, index: int) -> dict[str, str]:
        prefix = f"{index}."
        return {key[len(prefix) :]: msg for key, msg in self._errors.items() if key.startswith(prefix)}

    # -- internals ---------------------------------------------------------------------------------------
    def _select(self, index: int) -> None:
        if index != self.list.currentRow():
            self.list.setCurrentRow(index)  # calls _on_row_changed
        else:
            self._on_row_changed(index)

    def _on_row_changed(self, row: int) -> None:
        self._current = row
        if 0 <= row < len(self._items):
            self.form.set_values(self._items[row])
            self.form.show_errors(self._item_errors(row))
        self._update_state()
        self.current_changed.emit(row)

    def _on_form_changed(self) -> None:
        if not 0 <= self._current < len(self._items):
            return
        self.form.values(into=self._items[self._current])
        entry = self.list.item(self._current)
        if entry is not None:
            entry.setText(self._summary(self._items[self._current]))
        self.changed.emit()

    def refresh_summaries(self) -> None:
        for i, item in enumerate(self._items):
            entry = self.list.item(i)
            if entry is not None:
                entry.setText(self._summary(item))

    def _update_state(self) -> None:
        has_item = 0 <= self._current < len(self._items)
        self.detail.setVisible(has_item)
        self.empty_label.setVisible(not has_item)
        self.remove_button.setEnabled(has_item and not self._read_only)
        self.add_button.setEnabled(not self._read_only)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.form.set_read_only(read_only)
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)
        self._update_state()

    def hide_heading(self) -> None:
        """When a group box around the section already names it."""
        self.list_label.hide()

    def retranslate(self) -> None:
        texts = self.texts
        self.list_label.setText(_(texts.list_label))
        self.list.setAccessibleName(_(texts.list_label))
        self.add_button.setText(_(texts.add))
        self.add_button.setAccessibleName(_(texts.add))
        self.remove_button.setText(_(texts.remove))
        self.remove_button.setAccessibleName(_(texts.remove))
        self.empty_label.setText(_(texts.empty))
        self.form.retranslate()
        self.refresh_summaries()


__all__ = ["Item", "ListSection", "SectionTexts"]
