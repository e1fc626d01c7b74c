"""Small input widgets the wizard pages share: yes/no questions, optional dates, the page's problem line."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from ecodesk.i18n import _, date_field_pattern, date_locale


def alert_color(palette: QPalette) -> QColor:
    """A red readable on light and dark backgrounds."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b3261e")


def calm_warning_color(palette: QPalette) -> QColor:
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ffd180") if dark else QColor("#8a5300")


class ProblemLine(QLabel):
    """Why the page cannot move on yet, in the alert colour (hidden when there is nothing to say)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("problems")
        self.hide()

    def show_problems(self, texts: list[str]) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, alert_color(palette))
        self.setPalette(palette)
        self.setText("\n".join(f"• {text}" for text in texts))
        self.setAccessibleName(_("What is missing"))
        self.setVisible(bool(texts))


class YesNo(QWidget):
    """A question answered Yes / No (and, optionally, Not known); unanswered until the officer picks one."""

    changed = Signal()

    def __init__(self, allow_unknown: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.yes, self.no = QRadioButton(self), QRadioButton(self)
        self.unknown = QRadioButton(self) if allow_unknown else None
        self.group = QButtonGroup(self)
        for button in (self.yes, self.no, self.unknown):
            if button is not None:
                self.group.addButton(button)
                layout.addWidget(button)
                button.toggled.connect(lambda _checked: self.changed.emit())
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self, name: str = "") -> None:
        self.yes.setText(_("Yes"))
        self.no.setText(_("No"))
        if self.unknown is not None:
            self.unknown.setText(_("Not known"))
        if name:
            self.setAccessibleName(name)
            for button in (self.yes, self.no, self.unknown):
                if button is not None:
                    button.setAccessibleName(f"{name}: {button.text()}")

    def value(self) -> bool | None:
        return True if self.yes.isChecked() else False if self.no.isChecked() else None

    def set_value(self, value: bool | None) -> None:
        self.group.setExclusive(False)
        self.yes.setChecked(value is True)
        self.no.setChecked(value is False)
        if self.unknown is not None:
            self.unknown.setChecked(value is None)
        self.group.setExclusive(True)


class OptionalDate(QWidget):
    """A date that may be unknown: a check box "Date known" and a calendar date field."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.known = QCheckBox(self)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDateRange(QDate(1900, 1, 1), QDate(2999, 12, 31))  # the range of a record date (RecordDate)
        self.edit.setDate(QDate.currentDate())
        layout.addWidget(self.known)
        layout.addWidget(self.edit, 1)
        self.known.toggled.connect(self.edit.setEnabled)
        self.known.toggled.connect(lambda _checked: self.changed.emit())
        self.edit.dateChanged.connect(lambda _date: self.changed.emit())
        self.edit.setEnabled(False)
        self.retranslate_ui()

    def retranslate_ui(self, name: str = "") -> None:
        self.known.setText(_("Date known"))
        self.edit.setLocale(QLocale(date_locale()))
        self.edit.setDisplayFormat(date_field_pattern())
        if name:
            self.known.setAccessibleName(_("{field}: date known", field=name))
            self.edit.setAccessibleName(name)

    def value(self) -> dt.date | None:
        return self.edit.date().toPython() if self.known.isChecked() else None  # type: ignore[return-value]

    def set_value(self, value: dt.date | None) -> None:
        self.known.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)
