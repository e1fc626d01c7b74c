"""Several choices among an enum's values: a short list of check boxes (an advice record's categories)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ecodesk.i18n import _


class ChoiceChecks(QListWidget):
    """Ticked values in the order of the vocabulary; ``changed`` when a box is ticked or cleared."""

    changed = Signal()

    def __init__(self, labels: Mapping[Any, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = dict(labels)
        for value in self.labels:
            item = QListWidgetItem("", self)
            item.setData(Qt.ItemDataRole.UserRole, str(value))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.setMaximumHeight(self.sizeHintForRow(0) * 6 + 2 * self.frameWidth() + 4)
        self.itemChanged.connect(lambda _item: self.changed.emit())
        self.retranslate()

    def retranslate(self) -> None:
        blocked = self.blockSignals(True)
        for i, text in enumerate(self.labels.values()):
            self.item(i).setText(_(text))
        self.blockSignals(blocked)

    def value(self) -> list[str]:
        return [
            str(self.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_value(self, value: object) -> None:
        wanted = {str(v) for v in value} if isinstance(value, list | tuple) else set()
        blocked = self.blockSignals(True)
        for i in range(self.count()):
            item = self.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.blockSignals(blocked)

    def set_read_only(self, read_only: bool) -> None:
        flags = Qt.ItemFlag.ItemIsEnabled | (Qt.ItemFlag.NoItemFlags if read_only else Qt.ItemFlag.ItemIsUserCheckable)
        for i in range(self.count()):
            self.item(i).setFlags(flags)
