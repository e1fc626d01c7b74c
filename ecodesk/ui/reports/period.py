"""The period picker of the Reports page: a year, half-year, quarter or month, or a range of days.

Emits ``changed`` whenever the choice changes; ``period()`` gives it as a ``Period`` (InvalidInput for a
range that ends before it starts).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSpinBox, QWidget

from ecodesk.i18n import _, get_language
from ecodesk.reports.periods import Period, parse_period, period_between
from ecodesk.ui.kit.retranslate import Retranslating

PERIOD_KINDS = ("year", "half", "quarter", "month", "range")


def refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """Replace a combo box's items (data, text), keeping the current choice and emitting nothing."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for data, text in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


class PeriodPicker(Retranslating, QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = dt.date.today()
        self.label = QLabel(self)
        self.kind = QComboBox(self)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.part = QComboBox(self)
        self.date_from, self.date_to = QDateEdit(self), QDateEdit(self)
        for edit, value in ((self.date_from, QDate(today.year, 1, 1)), (self.date_to, QDate(today.year, 12, 31))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(value)
            edit.dateChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.part.currentIndexChanged.connect(self.changed)
        self.year.valueChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.kind, self.year, self.part, self.date_from, self.date_to):
            layout.addWidget(widget)
        self.retranslate_ui()
        self._show_fields()

    def retranslate_ui(self) -> None:
        self.label.setText(_("Period:"))
        texts = (_("Year"), _("Half-year"), _("Quarter"), _("Month"), _("From… to…"))
        refill(self.kind, list(zip(PERIOD_KINDS, texts, strict=True)))
        self._fill_parts()
        self.kind.setAccessibleName(_("Kind of period"))
        self.year.setAccessibleName(_("Year"))
        self.part.setAccessibleName(_("Quarter, half-year or month"))
        self.date_from.setAccessibleName(_("First day"))
        self.date_to.setAccessibleName(_("Last day"))

    def _fill_parts(self) -> None:
        kind = self.kind.currentData()
        if kind == "half":
            items = [(f"H{i}", _("Half-year {n}", n=i)) for i in (1, 2)]
        elif kind == "quarter":
            items = [(f"Q{i}", _("Quarter {n}", n=i)) for i in range(1, 5)]
        elif kind == "month":
            from babel.dates import get_month_names

            names = get_month_names("wide", locale=get_language())
            items = [(f"{i:02d}", names[i].capitalize()) for i in range(1, 13)]
        else:
            items = []
        refill(self.part, items)

    def _kind_changed(self) -> None:
        self._fill_parts()
        self._show_fields()
        self.changed.emit()

    def _show_fields(self) -> None:
        kind = self.kind.currentData() or "year"
        self.year.setVisible(kind != "range")
        self.part.setVisible(kind in ("half", "quarter", "month"))
        self.date_from.setVisible(kind == "range")
        self.date_to.setVisible(kind == "range")

    def period(self) -> Period:
        """The period chosen; InvalidInput for a range that ends before it starts."""
        kind = self.kind.currentData() or "year"
        if kind == "range":
            return period_between(self.date_from.date().toPython(), self.date_to.date().toPython())  # type: ignore[arg-type]
        if kind == "year":
            return parse_period(str(self.year.value()))
        return parse_period(f"{self.year.value()}-{self.part.currentData()}")

    def set_period(self, text: str) -> None:
        """Choose ``2026``, ``2026-H1``, ``2026-Q3`` or ``2026-07`` as a user would (emits ``changed``)."""
        period = parse_period(text)
        kind = "year" if "-" not in period.label else {"H": "half", "Q": "quarter"}.get(period.label[5], "month")
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.year.setValue(period.start.year)
        if kind != "year":
            self.part.setCurrentIndex(self.part.findData(period.label[5:]))
