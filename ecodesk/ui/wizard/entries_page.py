"""A page that edits a list (protected activities, detrimental actions, alleged retaliators): the list on the
left with Add and Remove, the selected entry's form on the right."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecodesk.assessment import AssessmentAnswers
from ecodesk.ui.wizard.page import StepPage
from ecodesk.ui.wizard.state import AssessmentState


class EntriesPage(StepPage):
    def __init__(self, state: AssessmentState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.entries: list[Any] = []
        self._shown = -1
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.list = QListWidget(self)
        self.list.setMaximumWidth(260)
        self.list.setMaximumHeight(220)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._select)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_entry)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left.addWidget(self.list)
        left.addLayout(buttons)
        left.addStretch(1)
        self.form_widget = QWidget(self)
        self.form = QFormLayout(self.form_widget)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: long labels translate
        row.addLayout(left)
        row.addWidget(self.form_widget, 1)
        self.body.addLayout(row, 1)

    # -- to implement ------------------------------------------------------------------------------------
    def entries_of(self, answers: AssessmentAnswers) -> list[Any]:
        raise NotImplementedError

    def with_entries(self, answers: AssessmentAnswers, entries: list[Any]) -> AssessmentAnswers:
        raise NotImplementedError

    def blank(self) -> Any:
        raise NotImplementedError

    def fill(self, entry: Any) -> None:
        raise NotImplementedError

    def read(self, entry: Any) -> Any:
        raise NotImplementedError

    def label(self, number: int, entry: Any) -> str:
        raise NotImplementedError

    def entry_names(self) -> tuple[str, str, str]:
        """(list name, Add button, Remove button)."""
        raise NotImplementedError

    # -- behaviour ---------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        list_name, add, remove = self.entry_names()
        self.list.setAccessibleName(list_name)
        self.add_button.setText(add)
        self.add_button.setAccessibleName(add.replace("&", ""))
        self.remove_button.setText(remove)
        self.remove_button.setAccessibleName(remove.replace("&", ""))
        self._refresh_labels()

    def form_edited(self, *_args: object) -> None:
        if self._loading:
            return
        self._keep_form()
        self._refresh_labels()
        self.mark_edited()

    def _keep_form(self) -> None:
        if 0 <= self._shown < len(self.entries):
            self.entries[self._shown] = self.read(self.entries[self._shown])

    def _refresh_labels(self) -> None:
        for row, entry in enumerate(self.entries):
            item = self.list.item(row)
            if item is not None:
                item.setText(self.label(row + 1, entry))

    def _select(self, row: int) -> None:
        self._keep_form()
        self._shown = row
        self.form_widget.setEnabled(0 <= row < len(self.entries))
        self.remove_button.setEnabled(0 <= row < len(self.entries))
        if 0 <= row < len(self.entries):
            was_loading, self._loading = self._loading, True
            try:
                self.fill(self.entries[row])
            finally:
                self._loading = was_loading

    def add_entry(self) -> None:
        self._keep_form()
        self.entries.append(self.blank())
        self.list.addItem(self.label(len(self.entries), self.entries[-1]))
        self.list.setCurrentRow(len(self.entries) - 1)
        self.mark_edited()

    def remove_entry(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.entries):
            return
        self._shown = -1
        del self.entries[row]
        self.list.takeItem(row)
        self._refresh_labels()
        self._select(self.list.currentRow())
        self.mark_edited()

    def load(self, answers: AssessmentAnswers) -> None:
        self._shown = -1
        self.entries = list(self.entries_of(answers))
        self.list.clear()
        for number, entry in enumerate(self.entries, 1):
            self.list.addItem(self.label(number, entry))
        self.list.setCurrentRow(0 if self.entries else -1)
        self._select(self.list.currentRow())

    def store(self, answers: AssessmentAnswers) -> AssessmentAnswers:
        self._keep_form()
        return self.with_entries(answers, list(self.entries))
